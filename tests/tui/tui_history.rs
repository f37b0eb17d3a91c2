//! The history view's "since the last review" (`s`) on the sample plans in a repository: the
//! changes since the newest review a commit records, and a newer review not committed yet said
//! plainly (the same answer `aftercare history --since-review` formats).

use std::fs;

use aftercare::config::CommitMode;
use aftercare::tui::msg::Msg;

use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::{press, send};

use crate::common::screen;
use crate::tui_git::{app_with_git, samples_in_git};

const PLAN: &str = "north/s117-0042.yaml";

#[test]
fn since_review_names_a_newer_review_that_is_not_committed_yet() {
    let samples = samples_in_git();
    // A review held on 20 Nov 2026, written in the plan but not committed.
    let text = samples.read(PLAN).replace(
        "      changes: [N2 split moved from 50/50 to 40/60]\n",
        "      changes: [N2 split moved from 50/50 to 40/60]\n\n    - date: 2026-11-20\n      \
         attendees: [person, care coordinator]\n      person_involved: true\n      \
         outcome: continue\n",
    );
    assert!(text.contains("date: 2026-11-20"));
    fs::write(samples.path(PLAN), text).unwrap();
    let mut app = app_with_git(&samples, CommitMode::Off);
    send(
        &mut app,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    press(&mut app, "/0042<ret><ret>h");
    assert_eq!(app.layer(), Layer::History);
    press(&mut app, "s");
    let shown = screen(&app);
    assert!(shown.contains("Since the review of 08 Dec 2025"), "{shown}");
    assert!(
        shown.contains("the newest review (20 Nov 2026) is not committed yet"),
        "{shown}"
    );
    assert!(shown.contains("+    - date: 2026-11-20"), "{shown}");
}

#[test]
fn since_review_with_the_newest_review_committed_says_nothing_more() {
    let samples = samples_in_git();
    let mut app = app_with_git(&samples, CommitMode::Off);
    press(&mut app, "/0042<ret><ret>hs");
    let shown = screen(&app);
    assert!(shown.contains("Since the review of 08 Dec 2025"), "{shown}");
    assert!(shown.contains("no changes since that review"), "{shown}");
    assert!(!shown.contains("not committed yet"), "{shown}");
}
