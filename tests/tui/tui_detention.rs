//! The entitlement over time in the app: "new detention" (N) on an ended plan, a section
//! with no S117 duty refused (and recorded as an event), the ending form's live check, and a
//! planned ending accepted and shown as `ending DATE`.

use aftercare::store::diff::line_counts;
use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::press;

use crate::common::{Samples, changed_lines, golden, screen};

/// Ended 30 Oct 2026 by joint decision.
const ENDED: &str = "north/s117-0061.yaml";
/// Live, off any CTO, with needs still active.
const LIVE: &str = "south/s117-0133.yaml";

#[test]
fn new_detention_on_an_ended_plan_moves_it_into_history_and_asks_the_bodies_again() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0061<ret><ret>N");
    let text = screen(&app);
    assert!(text.contains("New detention"), "{text}");
    assert!(text.contains("(30 Oct 2026) move into"), "{text}");
    // Section 3, detained and discharged; the ICB kept, the LA found again.
    press(&mut app, "<ret>02/11/2026<ret>20/11/2026<ret><ret>");
    // The next review, suggested from the new discharge (the early review at 42 days).
    assert!(
        screen(&app).contains("= Fri 01 Jan 2027"),
        "{}",
        screen(&app)
    );
    press(&mut app, "<ret><ret>");
    assert!(
        screen(&app).contains("Who Pays? 2024"),
        "the ICB's rule shown:\n{}",
        screen(&app)
    );
    press(&mut app, "Hillside Surgery<ret>");
    assert!(
        screen(&app).contains("Worcestershire [2023] UKSC 31"),
        "the LA's rule shown:\n{}",
        screen(&app)
    );
    press(
        &mut app,
        "<C-u>London Borough of Enfield<ret>Enfield, private tenancy<ret>S117 panel<ret>",
    );
    assert_eq!(app.pending_changes(), 1, "{}", screen(&app));
    assert!(
        screen(&app).contains("next review 01 Jan 2027"),
        "{}",
        screen(&app)
    );
    press(&mut app, "w");
    assert_eq!(app.layer(), Layer::Diff);
    let text = screen(&app);
    assert!(text.contains("+  detained: 2026-11-02"), "{text}");
    press(&mut app, "y");
    let written = samples.read(ENDED);
    golden("0061-new-detention.yaml", &written);
    let (removed, _) = changed_lines(&Samples::original(ENDED), &written);
    // The dates of the episode, the LA, the next review and the ending's lines: nothing else.
    assert!(
        removed.iter().all(|line| line.starts_with("  detained:")
            || line.starts_with("  left_hospital:")
            || line.starts_with("  local_authority:")
            || line.starts_with("  next_due:")
            || line.starts_with("ending:")
            || line.starts_with("  date: 2026-10-30")
            || line.starts_with("  icb_decision_by:")
            || line.starts_with("  la_decision_by:")
            || line.starts_with("  person_involved:")
            || line.starts_with("  reasons:")
            || line.starts_with("    ")),
        "{removed:?}"
    );
    let text = screen(&app);
    assert!(!text.contains("S117 ENDED"), "live again:\n{text}");
    assert!(
        text.contains("GP then: Hillside Surgery")
            && text.contains("lived before detention: Enfield, private tenancy"),
        "the basis on the plan view:\n{text}"
    );
    // It may name where the person lived: meeting mode leaves it out.
    press(&mut app, "m");
    assert!(!screen(&app).contains("GP then"), "{}", screen(&app));
}

#[test]
fn the_samples_show_a_basis_and_a_planned_ending() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0069<ret><ret>");
    let text = screen(&app);
    assert!(text.contains("GP then: Lordship Lane Surgery"), "{text}");
    assert!(!text.contains("ENDING"), "re-detained and live:\n{text}");
    let mut app = samples.app();
    press(&mut app, "/0141<ret><ret>");
    let text = screen(&app);
    assert!(text.contains("ending 31 Mar 2027"), "{text}");
    assert!(text.contains("S117 ENDING 31 Mar 2027"), "{text}");
}

#[test]
fn a_section_with_no_s117_duty_is_refused_then_recorded_as_an_event() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0061<ret><ret>N");
    // The section choice: `2` is offered, with what it means.
    press(&mut app, "2");
    assert!(screen(&app).contains("no S117 duty"), "{}", screen(&app));
    assert!(screen(&app).contains("Nothing moves"), "{}", screen(&app));
    press(&mut app, "<ret>02/11/2026<ret>n");
    let text = screen(&app);
    assert!(text.contains("s2 gives no S117 entitlement"), "{text}");
    press(&mut app, "<ret>");
    assert_eq!(app.pending_changes(), 0, "refused:\n{}", screen(&app));
    press(&mut app, "y<ret>wy");
    let (removed, added) = changed_lines(&Samples::original(ENDED), &samples.read(ENDED));
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(
        added,
        [
            // The file's own layout: its lists are flush with their keys.
            "events:",
            "- date: 2026-11-02",
            "  kind: detention",
            "  section: \"2\"",
        ]
    );
}

#[test]
fn the_ending_form_checks_what_is_typed_and_offers_a_planned_ending() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0133<ret><ret>E");
    let text = screen(&app);
    assert!(!text.contains("is empty"), "nothing typed yet:\n{text}");
    assert!(text.contains("still live"), "{text}");
    assert!(text.contains("planned ending"), "{text}");
    // Dated ahead, a planned ending is accepted.
    press(
        &mut app,
        "<C-u>+3m<ret>Dr K. Osei<ret>M. Grant<ret><ret>No remaining need arising from the disorder.<ret>",
    );
    assert_eq!(app.pending_changes(), 1, "{}", screen(&app));
    press(&mut app, "wy");
    let written = samples.read(LIVE);
    assert_eq!(line_counts(&Samples::original(LIVE), &written).0, 6);
    let text = screen(&app);
    assert!(text.contains("ending 28 Feb 2027"), "{text}");
    assert!(text.contains("S117 ENDING 28 Feb 2027"), "{text}");
}
