//! Unit tests of pending changes: descriptions, model updates and field edits.

use super::*;
use crate::plan::parse::parse_plan;
use crate::plan::rules::tests::VALID;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn plan() -> Plan {
    parse_plan(VALID).unwrap().plan
}

#[test]
fn funding_change_reads_like_the_review_record() {
    let change = Change::NeedCategory {
        need: "N2".into(),
        need_text: None,
        from: (
            Some(Category::Joint),
            Some(funding_for(Category::Joint, Some(50))),
        ),
        to: (Category::Joint, funding_for(Category::Joint, Some(40))),
    };
    assert_eq!(change.describe(), "N2 funding ICB 50/LA 50 -> ICB 40/LA 60");
    let mut plan = plan();
    change.apply(&mut plan);
    assert_eq!(plan.need_by_id("N2").unwrap().funding.unwrap().la, Some(60));
    assert_eq!(
        change.field_edits()[1],
        FieldEdit::Set {
            path: "needs.N2.funding".into(),
            value: serde_yaml::from_str("{icb: 40, la: 60}").unwrap()
        }
    );
}

#[test]
fn category_change_sets_the_whole_funding() {
    assert_eq!(
        funding_for(Category::Health, None),
        Funding {
            icb: Some(100),
            la: None
        }
    );
    assert_eq!(
        funding_for(Category::Social, Some(30)),
        Funding {
            icb: None,
            la: Some(100)
        }
    );
    assert_eq!(funding_for(Category::Joint, Some(130)).la, Some(0));
    let change = Change::NeedCategory {
        need: "N3".into(),
        need_text: None,
        from: (Some(Category::Social), None),
        to: (Category::Joint, funding_for(Category::Joint, Some(25))),
    };
    assert_eq!(
        change.describe(),
        "N3 category social -> joint (no split -> ICB 25/LA 75)"
    );
}

#[test]
fn ending_a_need_keeps_old_notes_and_adds_the_reason() {
    let mut plan = plan();
    let change = Change::EndNeed {
        need: "N2".into(),
        need_text: None,
        from: Some(NeedStatus::Active),
        previous_notes: plan.need_by_id("N2").unwrap().notes.clone(),
        reason: "moved to own tenancy".into(),
        on: NaiveDate::from_ymd_opt(2026, 11, 30).unwrap(),
    };
    change.apply(&mut plan);
    let need = plan.need_by_id("N2").unwrap();
    assert_eq!(need.status, Some(NeedStatus::Ended));
    assert_eq!(
        need.notes.as_deref(),
        Some("Split agreed at joint panel 2024-05-10.\nEnded 2026-11-30: moved to own tenancy\n")
    );
    let on = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    assert_eq!(notes_with_reason(None, on, "x"), "Ended 2026-11-30: x");
    assert_eq!(
        notes_with_reason(Some("a"), on, " x "),
        "a\nEnded 2026-11-30: x"
    );
}

#[test]
fn review_appends_history_and_moves_next_due() {
    let mut plan = plan();
    let change = Change::RecordReview {
        review: Review {
            date: Some(date("2026-11-28")),
            attendees: vec!["person".into(), "care coordinator".into()],
            person_involved: Some(true),
            outcome: Some(ReviewOutcome::Changed),
            changes: vec!["N2 funding ICB 50/LA 50 -> ICB 40/LA 60".into()],
        },
        next_due_from: plan.reviews.next_due,
        next_due: date("2027-11-28"),
    };
    assert_eq!(
        change.describe(),
        "review 28 Nov 2026, next due 28 Nov 2027"
    );
    change.apply(&mut plan);
    assert_eq!(plan.reviews.history.len(), 3);
    assert_eq!(plan.reviews.next_due, Some(date("2027-11-28")));
    let edits = change.field_edits();
    let FieldEdit::Append { path, item } = &edits[0] else {
        panic!("{edits:?}")
    };
    assert_eq!(path, "reviews.history");
    assert_eq!(item["date"], Value::String("2026-11-28".into()));
    assert_eq!(item["outcome"], Value::String("changed".into()));
}

#[test]
fn descriptions_hold_no_identifiers() {
    let mut need = Need {
        id: Some("N4".into()),
        category: Some(Category::Social),
        ..Need::default()
    };
    need.need = Some("Day centre for Jo Smith".into());
    assert_eq!(Change::AddNeed(need).describe(), "N4 added (social)");
    let text = Change::NeedText {
        need: "N1".into(),
        need_text: None,
        field: NeedTextField::Provider,
        from: None,
        to: "Jo Smith's sister".into(),
    };
    assert_eq!(text.describe(), "N1 provider changed");
}

#[test]
fn disputes_open_and_resolve() {
    let mut plan = plan();
    let previous = plan.responsible.dispute.clone().unwrap();
    let resolve = Change::ResolveDispute { previous };
    assert_eq!(resolve.describe(), "dispute about N3 resolved");
    resolve.apply(&mut plan);
    assert!(plan.responsible.dispute.is_none());
    assert_eq!(
        resolve.field_edits(),
        vec![FieldEdit::Remove {
            path: "responsible.dispute".into()
        }]
    );
}

#[test]
fn edited_text_is_none_when_only_the_wrapping_differs() {
    assert_eq!(edited_text(Some("a  b\nc"), "a b c"), None);
    assert_eq!(edited_text(Some("a\n"), "b"), Some("b\n".into()));
    assert_eq!(edited_text(None, " b "), Some("b".into()));
}

#[test]
fn voice_and_ending_write_their_fields() {
    let mut plan = plan();
    let views = Change::PatientVoice {
        field: VoiceField::Views,
        from: Some("Wants fewer home visits.".into()),
        to: "Phone calls suit me better.".into(),
    };
    assert_eq!(views.describe(), "person's views updated");
    views.apply(&mut plan);
    assert_eq!(
        plan.patient_voice.as_ref().unwrap().views.as_deref(),
        Some("Phone calls suit me better.")
    );
    let ending = Change::EndAftercare(Ending {
        date: Some(date("2027-01-31")),
        icb_decision_by: Some("Dr K. Osei".into()),
        la_decision_by: Some("M. Grant".into()),
        person_involved: Some(true),
        reasons: Some("No remaining need arising from the disorder.".into()),
    });
    assert_eq!(ending.describe(), "S117 aftercare ended 31 Jan 2027");
    let FieldEdit::Set { path, value } = &ending.field_edits()[0] else {
        panic!()
    };
    assert_eq!(path, "ending");
    assert_eq!(value["la_decision_by"], Value::String("M. Grant".into()));
    assert_eq!(value["person_involved"], Value::Bool(true));
}

fn review_by_again() -> Change {
    Change::NeedReviewBy {
        need: "N2".into(),
        need_text: None,
        from: Some(date("2026-12-01")),
        to: date("2027-01-15"),
    }
}

#[test]
fn commit_messages_name_the_plan_and_the_decision() {
    let review = Change::RecordReview {
        review: Review {
            date: Some(date("2026-11-28")),
            ..Review::default()
        },
        next_due_from: None,
        next_due: date("2027-11-28"),
    };
    let review_by = Change::NeedReviewBy {
        need: "N2".into(),
        need_text: None,
        from: Some(date("2026-12-01")),
        to: date("2027-01-15"),
    };
    assert_eq!(
        commit_message("S117-0042", &[review_by.clone(), review]),
        "S117-0042: review 28 Nov 2026, next due 28 Nov 2027"
    );
    assert_eq!(
        commit_message("S117-0042", std::slice::from_ref(&review_by)),
        "S117-0042: N2 review date -> 15 Jan 2027"
    );
    let status = Change::NeedStatus {
        need: "N1".into(),
        need_text: None,
        from: Some(NeedStatus::Agreed),
        to: NeedStatus::Active,
    };
    assert_eq!(
        commit_message(
            "S117-0042",
            &[review_by, status.clone(), status.clone(), status]
        ),
        "S117-0042: N2 review date -> 15 Jan 2027; N1 status -> active"
    );
    let later = Change::NeedReviewBy {
        need: "N2".into(),
        need_text: None,
        from: Some(date("2027-01-15")),
        to: date("2027-02-01"),
    };
    assert_eq!(
        commit_message("S117-0042", &[review_by_again(), later]),
        "S117-0042: N2 review date -> 01 Feb 2027",
        "a field set twice is named once, with its last value"
    );
    let many: Vec<Change> = (1..=9)
        .map(|n| Change::NeedStatus {
            need: format!("N{n}"),
            need_text: None,
            from: None,
            to: NeedStatus::Active,
        })
        .collect();
    let message = commit_message("S117-0042", &many);
    assert!(
        message.len() <= 90 && message.ends_with("more)"),
        "{message}"
    );
}
