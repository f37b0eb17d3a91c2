//! The guided review, a new plan and ending S117, driven by key scripts against a temporary
//! copy of the sample plans, asserting the bytes written (golden files) and that Esc at any
//! step of the review loses nothing.

use std::process::Command;

use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::press;

use crate::common::{Samples, changed_lines, golden, screen};

const PLAN: &str = "north/s117-0042.yaml";

/// The review of S117-0042 step by step: what is typed on each step, then the keys that
/// leave it. Meeting, attendees, N1 to N5, new needs, voice, outcome, next review, check.
const STEPS: [(&str, &str); 12] = [
    ("<C-u>27/11/2026", "<ret><ret>"),
    (
        "<space><right><space><right><right><space><tab>Willow House key worker",
        "<ret>",
    ),
    ("", "<ret>"),
    // Change: the category, the ICB share; then past the status and Money (kept as it is).
    ("c<tab><tab><tab><tab><C-u>30", "<ret><ret><ret>"),
    ("s<tab>+3m", "<ret>"),
    ("", "<ret>"),
    (
        "e<tab>Finished the courses; the peer group goes on informally",
        "<ret>",
    ),
    (
        "Peer mentoring<tab>s<tab>Camden Recovery Hub",
        "<ret><ret><ret><ret><ret>",
    ),
    (
        "<tab><C-u>Phone calls, not visits. Ready for my own flat.",
        "<ret>",
    ),
    ("", "<ret>"),
    ("", "<ret>"),
    ("", "<ret>"),
];

fn review_script(esc_at: Option<usize>) -> String {
    let mut script = String::from("/0042<ret><ret>r");
    for (index, (typing, leave)) in STEPS.iter().enumerate() {
        let asked = esc_at == Some(index);
        // A review with nothing typed closes on Esc without asking; after that it asks.
        if asked && index > 0 {
            script.push_str("<esc>n");
        }
        script.push_str(typing);
        if asked {
            script.push_str("<esc>n");
        }
        script.push_str(leave);
    }
    script.push('y');
    script
}

#[test]
fn a_full_review_writes_one_history_entry_and_the_decided_changes() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, &review_script(None));
    assert_eq!(app.layer(), Layer::Plan, "{}", screen(&app));
    assert!(screen(&app).contains("saved"));
    let written = samples.read(PLAN);
    golden("0042-review.yaml", &written);
    let (removed, added) = changed_lines(&Samples::original(PLAN), &written);
    assert_eq!(
        removed,
        vec![
            "    funding: {icb: 40, la: 60}",
            "    status: active",
            "    I want fewer home visits and more phone contact.",
            "    Willow House has helped but I am ready to move on.",
            "  next_due: \"2026-12-10\"",
        ]
    );
    assert!(
        added.contains(&"    - date: 2026-11-27".to_owned()),
        "{added:?}"
    );
    assert!(
        added.contains(&"  next_due: \"2027-11-27\"".to_owned()),
        "{added:?}"
    );
    let changes_line = added
        .iter()
        .find(|line| line.trim_start().starts_with("changes:"))
        .expect("the entry lists its changes");
    for change in [
        "N2 funding ICB 40/LA 60 -> ICB 30/LA 70",
        "N3 review date none -> 28 Feb 2027",
        "N5 ended",
        "N6 added (social)",
        "person's views updated",
    ] {
        assert!(changes_line.contains(change), "{changes_line}");
    }
}

#[test]
fn esc_at_every_step_of_the_review_loses_nothing() {
    let baseline = {
        let samples = Samples::new();
        let mut app = samples.app();
        press(&mut app, &review_script(None));
        samples.read(PLAN)
    };
    for step in 0..STEPS.len() {
        let samples = Samples::new();
        let mut app = samples.app();
        press(&mut app, &review_script(Some(step)));
        assert_eq!(
            samples.read(PLAN),
            baseline,
            "Esc then n at step {step} changed what was written"
        );
    }
}

#[test]
fn esc_then_yes_drops_the_review_and_writes_nothing() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>r<ret><ret><space><esc>");
    assert_eq!(app.layer(), Layer::Confirm);
    assert!(screen(&app).contains("Stop the review?"));
    press(&mut app, "y");
    assert_eq!(app.layer(), Layer::Plan);
    assert_eq!(app.pending_changes(), 0);
    assert_eq!(samples.read(PLAN), Samples::original(PLAN));
}

#[test]
fn a_review_that_keeps_everything_changes_only_next_due_and_history() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(
        &mut app,
        "/0042<ret><ret>r<ret><ret><space><ret><ret><ret><ret><ret><ret><ret><ret><ret><ret><ret><ret><ret><ret>",
    );
    assert_eq!(app.layer(), Layer::Diff, "{}", screen(&app));
    press(&mut app, "y");
    let written = samples.read(PLAN);
    let (removed, added) = changed_lines(&Samples::original(PLAN), &written);
    assert_eq!(removed, vec!["  next_due: \"2026-12-10\""]);
    assert_eq!(
        added,
        vec![
            "  next_due: \"2027-11-28\"",
            "    - date: 2026-11-28",
            "      attendees: [person]",
            "      person_involved: true",
            "      outcome: continue",
            "      changes: []",
            "",
        ]
    );
}

#[test]
fn the_review_can_go_back_a_step_and_keeps_what_was_typed() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>r<C-u>26/11/2026<ret><ret>");
    assert!(screen(&app).contains("Who attended"));
    press(&mut app, "<s-tab>");
    assert!(screen(&app).contains("Meeting"));
    assert!(screen(&app).contains("26/11/2026"));
    press(&mut app, "<pgdn><pgdn><pgup>");
    assert!(screen(&app).contains("Who attended"), "{}", screen(&app));
}

#[test]
fn a_new_plan_is_shown_then_written_and_passes_check() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "n");
    assert_eq!(app.layer(), Layer::Prompt);
    let text = screen(&app);
    assert!(text.contains("S117-0316"), "{text}");
    press(
        &mut app,
        "<ret>T.K.<ret><ret><ret><ret><ret>01/06/2026<ret>20/11/2026<ret><ret>NHS B<right><ret>Bri<right><ret>P. Ng, CMHT East<ret><ret>",
    );
    assert!(
        screen(&app).contains("= Fri 01 Jan 2027"),
        "{}",
        screen(&app)
    );
    press(&mut app, "<ret>");
    assert_eq!(app.layer(), Layer::Diff, "{}", screen(&app));
    assert!(screen(&app).contains("new file mode 100644"));
    press(&mut app, "y");
    let written = samples.read("s117-0316.yaml");
    golden("new-s117-0316.yaml", &written);
    assert!(
        app.folder
            .files
            .iter()
            .any(|f| f.display.ends_with("s117-0316.yaml"))
    );
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .args(["check", "--today", "2026-11-28"])
        .arg(samples.root())
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{report}");
    assert!(!report.contains("s117-0316.yaml"), "{report}");
}

/// The ICB and the local authority are typed, never cycled: a name the folder does not know
/// is taken as typed, a known one is suggested (`→` completes) and a known one typed in
/// another case takes the folder's spelling. Name, NHS number and date of birth can be given,
/// a mistyped NHS number said at once and refused at Enter.
#[test]
fn a_new_plans_bodies_are_typed_ahead_and_the_person_can_be_named() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(
        &mut app,
        "n<ret>T.K.<ret>Tomasz Test<ret>999 000 0019<ret>29/02/1980<ret><ret><ret>20/11/2026<ret><ret>",
    );
    let text = screen(&app);
    assert!(text.contains("should be 8, not 9"), "said as typed: {text}");
    press(&mut app, "NHS Cheshire and Merseyside ICB");
    let text = screen(&app);
    assert!(text.contains("NHS Cheshire and Merseyside ICB"), "{text}");
    assert!(text.contains("A new name, not in any plan"), "{text}");
    press(&mut app, "<ret>bristol city council<ret><ret><ret>");
    // Enter on the last field: refused for the NHS number, the focus taken back to it.
    let text = screen(&app);
    assert_eq!(app.layer(), Layer::Prompt, "{text}");
    assert!(text.contains("NHS number: "), "{text}");
    press(
        &mut app,
        "<s-tab><s-tab><s-tab><s-tab><s-tab><s-tab><s-tab><s-tab><s-tab><s-tab>",
    );
    press(
        &mut app,
        "999 000 0018<ret><ret><ret><ret><ret><ret><ret><ret><ret><ret><ret>",
    );
    assert_eq!(app.layer(), Layer::Diff, "{}", screen(&app));
    press(&mut app, "y");
    let written = samples.read("s117-0316.yaml");
    assert!(
        written.contains("  icb: NHS Cheshire and Merseyside ICB\n"),
        "{written}"
    );
    assert!(
        written.contains("  local_authority: Bristol City Council\n"),
        "the folder's spelling: {written}"
    );
    assert!(written.contains("  name: Tomasz Test "), "{written}");
    assert!(
        written.contains("  nhs_number: \"999 000 0018\""),
        "{written}"
    );
    assert!(written.contains("  date_of_birth: 1980-02-29"), "{written}");
}

#[test]
fn a_new_plan_with_a_taken_id_is_refused_live() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(
        &mut app,
        "n<C-u>S117-0042<ret>T.K.<ret><ret><ret><ret><ret><ret>20/11/2026",
    );
    let text = screen(&app);
    assert!(text.contains("already used by"), "{text}");
}

#[test]
fn ending_s117_is_refused_on_a_cto() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>E");
    assert!(screen(&app).contains("CTO"), "{}", screen(&app));
    press(
        &mut app,
        "<ret>Dr K. Osei<ret>M. Grant<ret><ret>No remaining need<ret>",
    );
    assert_eq!(app.layer(), Layer::Prompt);
    // Refused: the CTO error (and, for an ending today, each need still live) blocks the write.
    let text = screen(&app);
    assert!(
        text.contains("S117 cannot end while the person is on a CTO"),
        "{text}"
    );
    assert!(text.contains("blocks the write"), "{text}");
    press(&mut app, "<esc>y");
    assert_eq!(samples.read(PLAN), Samples::original(PLAN));
}

#[test]
fn ending_s117_writes_every_field() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(
        &mut app,
        "/0315<ret><ret>E<C-u>31/01/2027<ret>Dr K. Osei<ret>M. Grant<ret><ret>\
         No remaining need arising from the disorder; employed, own tenancy.<ret>wy",
    );
    let file = "s117-0315.yaml";
    let written = samples.read(file);
    golden("0315-ending.yaml", &written);
    let (removed, added) = changed_lines(&Samples::original(file), &written);
    assert_eq!(removed, vec!["ending: null"]);
    assert_eq!(
        added,
        vec![
            "ending:",
            "  date: 2027-01-31",
            "  icb_decision_by: Dr K. Osei",
            "  la_decision_by: M. Grant",
            "  person_involved: true",
            "  reasons: No remaining need arising from the disorder; employed, own tenancy.",
        ]
    );
}

#[test]
fn ending_warns_on_weak_reasons_without_refusing() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(
        &mut app,
        // Dated ahead, so the needs stay live until it takes effect.
        "/0315<ret><ret>E<C-u>31/01/2027<ret>Dr K. Osei<ret>M. Grant<ret><ret>Settled and well for two years",
    );
    let text = screen(&app);
    assert!(text.contains("warning"), "{text}");
    press(&mut app, "<ret>");
    assert_eq!(app.layer(), Layer::Plan);
}

#[test]
fn typing_into_a_prefilled_field_replaces_it_and_a_cursor_key_keeps_it() {
    let samples = Samples::new();
    let mut app = samples.app();
    // The meeting date starts as `today`: typing a date replaces it, not `today27/11/2026`.
    press(&mut app, "/0042<ret><ret>r27/11/2026");
    let shown = screen(&app);
    assert!(shown.contains("27/11/2026"), "{shown}");
    assert!(shown.contains("= Fri 27 Nov 2026"), "{shown}");
    assert!(!shown.contains("today27"), "{shown}");
    // A cursor key first keeps the value to edit it.
    press(&mut app, "<esc>y");
    press(&mut app, "r<end>x");
    assert!(screen(&app).contains("todayx"), "{}", screen(&app));
    press(&mut app, "<esc>");
    if app.layer() == Layer::Confirm {
        press(&mut app, "y");
    }
    assert_eq!(app.layer(), Layer::Plan);
}

#[test]
fn a_backspace_on_a_prefilled_field_clears_it() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>r<bs>01/12/2026");
    let shown = screen(&app);
    assert!(shown.contains("= Tue 01 Dec 2026"), "{shown}");
}

#[test]
fn a_review_dated_before_detention_or_in_the_future_is_refused_and_no_attendee_is_warned_of() {
    for date in ["01/01/2020", "01/01/2027"] {
        let samples = Samples::new();
        let mut app = samples.app();
        press(
            &mut app,
            &format!(
                "/0042<ret><ret>r<C-u>{date}<ret><ret><ret><ret><ret><ret><ret><ret><ret><ret><ret><ret><ret><ret>"
            ),
        );
        let shown = screen(&app);
        assert_ne!(app.layer(), Layer::Diff, "{date} is refused: {shown}");
        assert!(
            shown.contains("ERROR") || shown.contains("refused"),
            "{date}: {shown}"
        );
        assert_eq!(samples.read(PLAN), Samples::original(PLAN));
    }
}

#[test]
fn a_review_with_no_attendee_ticked_is_warned_of_but_not_refused() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>r<ret><ret>");
    assert!(
        screen(&app).contains("no one is ticked as attending"),
        "{}",
        screen(&app)
    );
    // Ticking one clears the warning.
    press(&mut app, "<space>");
    assert!(
        !screen(&app).contains("no one is ticked as attending"),
        "{}",
        screen(&app)
    );
}
