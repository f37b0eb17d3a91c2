//! Quick-edit forms turned into changes, and their live check.

use crate::plan::rules::tests::valid_plan;
use crate::tui::layers::prompt::quick_edit::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn settings() -> RuleSettings {
    RuleSettings::new(today())
}

fn typed(form: &mut Form, text: &str) {
    for c in text.chars() {
        form.type_char(c);
    }
}

#[test]
fn joint_asks_the_icb_share_and_derives_the_la_share() {
    let plan = valid_plan();
    let kind = QuickEdit::Category("N2".into());
    let mut form = form(&kind, &plan, today());
    assert_eq!(form.value("category"), "joint");
    assert_eq!(form.value("icb"), "40");
    form.focus_key("icb");
    form.clear();
    typed(&mut form, "30");
    refresh(&kind, &mut form, &plan, &settings());
    assert_eq!(
        form.field("icb").unwrap().note.as_deref(),
        Some("LA share: 70% (what the ICB does not fund)")
    );
    let changes = changes(&kind, &form, &plan).unwrap();
    assert_eq!(
        changes[0].describe(),
        "N2 funding ICB 40/LA 60 -> ICB 30/LA 70"
    );
    form.clear();
    typed(&mut form, "100");
    refresh(&kind, &mut form, &plan, &settings());
    assert_eq!(form.feedback.errors.len(), 1, "{:?}", form.feedback);
}

#[test]
fn health_and_social_take_the_whole_funding() {
    let plan = valid_plan();
    let kind = QuickEdit::Category("N2".into());
    let mut form = form(&kind, &plan, today());
    form.type_char('h');
    let changes = changes(&kind, &form, &plan).unwrap();
    assert_eq!(
        changes[0].describe(),
        "N2 category joint -> health (ICB 40/LA 60 -> ICB 100/LA 0)"
    );
}

#[test]
fn ending_by_status_asks_why_and_keeps_the_notes() {
    let plan = valid_plan();
    let kind = QuickEdit::Status("N2".into());
    let mut form = form(&kind, &plan, today());
    form.type_char('e');
    assert_eq!(form.value("status"), "ended");
    assert!(
        changes(&kind, &form, &plan).is_err(),
        "the reason is required"
    );
    form.focus_key("reason");
    typed(&mut form, "moved to own tenancy");
    let changes = changes(&kind, &form, &plan).unwrap();
    assert!(
        matches!(&changes[0], Change::EndNeed { reason, .. } if reason == "moved to own tenancy")
    );
}

#[test]
fn untouched_text_changes_nothing() {
    let plan = valid_plan();
    let kind = QuickEdit::Text("N2".into());
    let form = form(&kind, &plan, today());
    assert!(changes(&kind, &form, &plan).unwrap().is_empty());
}

#[test]
fn ending_on_a_cto_is_refused_before_anything_is_typed() {
    let plan = valid_plan();
    let kind = QuickEdit::EndAftercare;
    let mut form = form(&kind, &plan, today());
    refresh(&kind, &mut form, &plan, &settings());
    // The CTO comes first; the deciders not yet named and the needs still live follow.
    assert!(
        form.feedback.errors[0].contains("CTO"),
        "{:?}",
        form.feedback
    );
}

#[test]
fn a_dispute_needs_its_needs_and_an_interim_funder() {
    let plan = crate::plan::model::Plan {
        responsible: Default::default(),
        ..valid_plan()
    };
    let kind = QuickEdit::OpenDispute;
    let mut form = form(&kind, &plan, today());
    assert!(changes(&kind, &form, &plan).is_err());
    form.focus_key("about");
    form.step(true);
    form.type_char(' ');
    let changes = changes(&kind, &form, &plan).unwrap();
    assert_eq!(
        changes[0].describe(),
        "dispute opened about N2 (interim funder icb)"
    );
}
