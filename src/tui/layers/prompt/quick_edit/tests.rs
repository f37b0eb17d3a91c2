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

/// The base plan off its CTO, with its dispute resolved: an ending it may lawfully have.
fn plan_off_cto() -> crate::plan::model::Plan {
    let mut plan = valid_plan();
    plan.episode.legal_status = Some(crate::plan::model::LegalStatus::None);
    plan.responsible.dispute = None;
    plan
}

fn fill(form: &mut Form, key: &str, text: &str) {
    form.focus_key(key);
    form.clear();
    typed(form, text);
}

#[test]
fn an_ending_form_not_yet_filled_in_reports_no_empty_decider() {
    let plan = plan_off_cto();
    let kind = QuickEdit::EndAftercare;
    let mut form = form(&kind, &plan, today());
    fill(&mut form, "date", "+3m");
    refresh(&kind, &mut form, &plan, &settings());
    // Nothing typed is "not yet given": neither an error nor the same person twice.
    let all = [&form.feedback.errors[..], &form.feedback.warnings[..]].concat();
    assert!(
        !all.iter()
            .any(|m| m.contains("is empty") || m.contains("same person")),
        "{all:?}"
    );
    fill(&mut form, "icb_by", "Dr K. Osei, S117 lead");
    refresh(&kind, &mut form, &plan, &settings());
    assert!(form.feedback.errors.is_empty(), "{:?}", form.feedback);
    // What is typed is still checked: a placeholder is an error as soon as it is typed.
    fill(&mut form, "la_by", "N/A");
    refresh(&kind, &mut form, &plan, &settings());
    assert!(
        form.feedback.errors.iter().any(|m| m.contains("`N/A`")),
        "{:?}",
        form.feedback
    );
}

#[test]
fn an_ending_today_with_live_needs_says_what_would_help() {
    let plan = plan_off_cto();
    let kind = QuickEdit::EndAftercare;
    let mut form = form(&kind, &plan, today());
    refresh(&kind, &mut form, &plan, &settings());
    assert!(
        form.feedback.errors.iter().any(|m| m.contains("is still")),
        "{:?}",
        form.feedback
    );
    let note = form.field("date").and_then(|f| f.note.clone()).unwrap();
    assert!(note.contains("N1, N2, N3 still live"), "{note}");
    assert!(note.contains("planned ending"), "{note}");
    // Dated ahead, the ending is planned: nothing refused, the note gone.
    fill(&mut form, "date", "+3m");
    fill(&mut form, "icb_by", "Dr K. Osei");
    fill(&mut form, "la_by", "M. Grant");
    fill(
        &mut form,
        "reasons",
        "No remaining need arising from the disorder.",
    );
    refresh(&kind, &mut form, &plan, &settings());
    assert!(form.feedback.errors.is_empty(), "{:?}", form.feedback);
    assert_eq!(form.field("date").and_then(|f| f.note.clone()), None);
    let changes = changes(&kind, &form, &plan).unwrap();
    assert_eq!(changes[0].describe(), "S117 aftercare ended 28 Feb 2027");
}

#[test]
fn a_new_detention_moves_the_episode_into_history_and_asks_the_bodies_again() {
    let plan = valid_plan();
    let kind = QuickEdit::NewDetention;
    let mut form = form(&kind, &plan, today());
    assert_eq!(form.value("health"), "NHS North Central London ICB");
    assert_eq!(form.value("la"), "London Borough of Camden");
    assert!(
        form.field("la")
            .and_then(|f| f.note.clone())
            .is_some_and(|n| n.contains("Worcestershire [2023] UKSC 31"))
    );
    fill(&mut form, "detained", "2026-09-01");
    fill(&mut form, "left", "2026-11-20");
    // The next review is suggested from the new discharge (42 days: the early review).
    crate::tui::layers::prompt::new_plan::suggest_early_review(&mut form, 42);
    assert_eq!(form.value("first"), "01/01/2027");
    fill(&mut form, "la", "London Borough of Islington");
    fill(&mut form, "lived", "Islington, own tenancy");
    let changes = changes(&kind, &form, &plan).unwrap();
    let crate::plan::change::Change::NewDetention(detention) = &changes[0] else {
        panic!("{changes:?}");
    };
    assert_eq!(detention.past.episode, plan.episode);
    assert_eq!(detention.icb, None, "unchanged: not written");
    assert_eq!(
        detention.local_authority.as_deref(),
        Some("London Borough of Islington")
    );
    assert_eq!(
        detention
            .basis
            .as_ref()
            .unwrap()
            .lived_before_detention
            .as_deref(),
        Some("Islington, own tenancy")
    );
    assert_eq!(
        changes[0].describe(),
        "new detention under s3 from 01 Sep 2026; the earlier one moved to history"
    );
    assert_eq!(
        changes[1],
        crate::plan::change::Change::PlanNextDue {
            from: plan.reviews.next_due,
            to: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        },
        "the next review set from the new discharge"
    );
}

#[test]
fn a_section_with_no_s117_duty_is_refused_as_a_detention_and_offered_as_an_event() {
    let plan = valid_plan();
    let kind = QuickEdit::NewDetention;
    let mut form = form(&kind, &plan, today());
    form.focus_key("section");
    while form.value("section") != "2" {
        form.step(true);
    }
    fill(&mut form, "detained", "2026-09-01");
    form.focus_key("as_event");
    form.step(true);
    assert_eq!(form.value("as_event"), "no");
    let why = changes(&kind, &form, &plan).unwrap_err();
    assert!(why.contains("s2 gives no S117 entitlement"), "{why}");
    form.step(true);
    let changes = changes(&kind, &form, &plan).unwrap();
    assert_eq!(
        changes[0].describe(),
        "detention under s2 on 01 Sep 2026 recorded as an event (no new S117 duty)"
    );
}
