//! The need edit (`e`) sets a need's cost, delivery and top-up through the one write gate, and
//! the file changes only where the money changed (golden files in `tests/golden/tui/`).

use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::press;

use crate::common::{Samples, changed_lines, golden, screen};

const PLAN: &str = "south/s117-0104.yaml";

/// S117-0104's joint need N2, then `e`, past the need and provider to "Money", turned to edit
/// (Right), then Tab to the cost.
const EDIT_N2_COST: &str = "/0104<ret><ret><tab><tab>e<tab><tab><right><tab>";

#[test]
fn a_new_amount_changes_only_the_amount_in_the_cost_line() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, EDIT_N2_COST);
    let form = screen(&app);
    assert!(form.contains("Cost £"), "{form}");
    assert!(form.contains("1925.00"), "{form}");
    press(
        &mut app,
        "<C-u>1950<ret><ret><ret><ret><ret><ret><ret><ret>",
    );
    assert_eq!(app.pending_changes(), 1, "{}", screen(&app));
    press(&mut app, "w");
    assert_eq!(app.layer(), Layer::Diff);
    let diff = screen(&app);
    assert!(
        diff.contains("N2 cost £1,925.00/wk -> £1,950.00/wk"),
        "{diff}"
    );
    press(&mut app, "y");
    let written = samples.read(PLAN);
    let (removed, added) = changed_lines(&Samples::original(PLAN), &written);
    assert_eq!(
        removed,
        vec!["    cost: {amount: 1925.00, per: week, from: 2025-04-14}"]
    );
    assert_eq!(
        added,
        vec!["    cost: {amount: 1950, per: week, from: 2025-04-14}"]
    );
    golden("0104-n2-cost.yaml", &written);
}

#[test]
fn delivery_and_a_top_up_are_added_to_a_need_and_nothing_else_moves() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, EDIT_N2_COST);
    // Past the cost, its period and date: the delivery (Right: the next choice), then a top-up.
    press(
        &mut app,
        "<ret><ret><ret><right><right><ret>85<ret><ret><right><right><ret>",
    );
    press(&mut app, "2025-04-01<ret>");
    assert_eq!(app.pending_changes(), 1, "{}", screen(&app));
    press(&mut app, "wy");
    let written = samples.read(PLAN);
    let (removed, added) = changed_lines(&Samples::original(PLAN), &written);
    assert!(removed.is_empty(), "{removed:?}");
    assert_eq!(
        added,
        vec![
            "    delivery: direct_payment",
            "    top_up:",
            "      amount: 85",
            "      per: week",
            "      paid_by: third_party",
            "      agreed: 2025-04-01",
        ],
        "{written}"
    );
    golden("0104-n2-delivery-top-up.yaml", &written);
}

#[test]
fn an_amount_that_is_not_pounds_to_the_penny_is_refused_in_the_form() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, EDIT_N2_COST);
    press(
        &mut app,
        "<C-u>12.345<ret><ret><ret><ret><ret><ret><ret><ret>",
    );
    assert_eq!(app.pending_changes(), 0);
    assert_eq!(app.layer(), Layer::Prompt);
    let form = screen(&app);
    assert!(form.contains("more than two decimal places"), "{form}");
    assert_eq!(samples.read(PLAN), Samples::original(PLAN));
}

#[test]
fn the_need_edit_leaves_money_alone_unless_asked_and_offers_none_in_meeting_mode() {
    let samples = Samples::new();
    // Money left as it is: Enter on it submits the text edit, and the cost line stays.
    let mut app = samples.app();
    press(
        &mut app,
        "/0104<ret><ret><tab><tab>e<tab><C-u>Thamesmead Court B<ret><ret>",
    );
    assert_eq!(app.pending_changes(), 1, "{}", screen(&app));
    // In meeting mode the form shows no amount and "edit" cannot be chosen.
    let mut app = samples.app();
    press(&mut app, "m/0104<ret><ret><tab><tab>e");
    let form = screen(&app);
    assert!(form.contains("costs hidden in meeting mode"), "{form}");
    press(&mut app, "<tab><tab><right><right>");
    let form = screen(&app);
    assert!(!form.contains('£') && !form.contains("1925"), "{form}");
    press(&mut app, "<ret>");
    assert_eq!(app.pending_changes(), 0, "{}", screen(&app));
}

/// Tab through the form on screen until the field `label` has the focus (`> label`).
fn tab_to(app: &mut aftercare::tui::app::App, label: &str) {
    for _ in 0..20 {
        if screen(app).contains(&format!("> {label}")) {
            return;
        }
        press(app, "<tab>");
    }
    panic!("no field {label}: {}", screen(app));
}

#[test]
fn the_review_can_change_a_needs_cost_as_the_need_edit_does() {
    let samples = Samples::new();
    let mut app = samples.app();
    // The meeting, who attended (the person), then N1 kept.
    press(&mut app, "/0104<ret><ret>r<ret><ret><space><ret><ret>");
    assert!(screen(&app).contains("Need 1 of"), "{}", screen(&app));
    press(&mut app, "<ret>");
    assert!(screen(&app).contains("N2"), "{}", screen(&app));
    // N2: change it; its money opened for editing; a new weekly cost.
    press(&mut app, "<right>");
    tab_to(&mut app, "Money");
    press(&mut app, "<right><tab>");
    assert!(screen(&app).contains("1925.00"), "{}", screen(&app));
    press(&mut app, "<C-u>1950");
    // Through the other needs and steps to the check, then the diff.
    for _ in 0..40 {
        if app.layer() == Layer::Diff {
            break;
        }
        press(&mut app, "<pgdn>");
    }
    assert_eq!(app.layer(), Layer::Diff, "{}", screen(&app));
    press(&mut app, "y");
    let written = samples.read(PLAN);
    assert!(
        written.contains("    cost: {amount: 1950, per: week, from: 2025-04-14}"),
        "{written}"
    );
    assert!(!written.contains("amount: 1925.00"));
}

#[test]
fn the_review_offers_no_money_in_meeting_mode() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(
        &mut app,
        "/0104<ret><ret>mr<ret><ret><space><ret><ret><ret><right>",
    );
    tab_to(&mut app, "Money");
    let shown = screen(&app);
    assert!(shown.contains("costs hidden in meeting mode"), "{shown}");
    press(&mut app, "<right><tab>");
    assert!(!screen(&app).contains("1925"), "{}", screen(&app));
}
