//! A merge conflict recorded in a plan (`conflicts:`, by the plan merge driver) in the app:
//! listed above the tabs with both values and who made each; O keeps this plan's value, T
//! takes the other's, each a normal edit whose diff is shown before it is written.

use std::fs;

use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::press;

use crate::common::{Samples, screen};

const PLAN: &str = "north/s117-0042.yaml";

const CONFLICT: &str = "conflicts:
  - path: needs.N1.review_by
    ours: 2027-04-30
    theirs: 2027-06-01
    ours_author: Ben Coordinator
    ours_date: 2026-11-27T10:00:00+00:00
    theirs_author: Ada Coordinator
    theirs_date: 2026-11-26T09:00:00+00:00
";

fn samples_with_a_conflict() -> Samples {
    let samples = Samples::new();
    fs::write(
        samples.path(PLAN),
        format!("{}{CONFLICT}", Samples::original(PLAN)),
    )
    .unwrap();
    samples
}

#[test]
fn team_a_recorded_conflict_is_listed_with_both_values_and_who() {
    let samples = samples_with_a_conflict();
    let mut app = samples.app();
    app.ui.width = 200;
    press(&mut app, "/0042<ret><ret>");
    let text = screen(&app);
    assert!(
        text.contains("CONFLICT TO RESOLVE needs.N1.review_by: this plan 2027-04-30 (Ben Coordinator, 2026-11-27); the other change 2027-06-01 (Ada Coordinator, 2026-11-26)"),
        "{text}"
    );
}

#[test]
fn team_t_takes_their_value_after_showing_the_diff() {
    let samples = samples_with_a_conflict();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>T");
    assert_eq!(app.layer(), Layer::Diff);
    let text = screen(&app);
    assert!(text.contains("+    review_by: 2027-06-01"), "{text}");
    assert_eq!(
        samples.read(PLAN),
        format!("{}{CONFLICT}", Samples::original(PLAN)),
        "nothing before y"
    );
    press(&mut app, "y");
    let expected = Samples::original(PLAN).replacen(
        "    review_by: 2027-04-30\n",
        "    review_by: 2027-06-01\n",
        1,
    );
    assert_eq!(samples.read(PLAN), expected);
    assert!(!screen(&app).contains("CONFLICT TO RESOLVE"));
}

#[test]
fn team_o_keeps_this_plans_value_and_the_entry_goes() {
    let samples = samples_with_a_conflict();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>O");
    assert_eq!(app.layer(), Layer::Diff);
    press(&mut app, "y");
    assert_eq!(samples.read(PLAN), Samples::original(PLAN));
}
