//! The review's steps: moving through them, suggestions, and the changes it records.

use crate::plan::change::FieldEdit;
use crate::plan::rules::tests::valid_plan;
use crate::tui::layers::review::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn to_the(review: &mut ReviewForm, plan: &Plan, step: Step) {
    while review.current() != step {
        assert_eq!(
            review.forward(plan),
            Advance::Moved,
            "stuck at {:?}",
            review.current()
        );
    }
}

#[test]
fn a_review_that_keeps_everything_records_only_the_meeting() {
    let plan = valid_plan();
    let mut review = ReviewForm::new(&plan, today());
    assert_eq!(review.needs.len(), 3);
    assert!(!review.back());
    to_the(&mut review, &plan, Step::NextReview);
    assert_eq!(review.next.value("date"), "28/11/2027");
    assert_eq!(review.outcome.value("outcome"), "continue");
    to_the(&mut review, &plan, Step::Check);
    assert_eq!(review.forward(&plan), Advance::Finish);
    let changes = review.changes(&plan).unwrap();
    assert_eq!(changes.len(), 1);
    let Change::RecordReview {
        review: entry,
        next_due,
        ..
    } = &changes[0]
    else {
        panic!("{changes:?}")
    };
    assert_eq!(entry.date, Some(today()));
    assert!(entry.changes.is_empty());
    assert_eq!(*next_due, NaiveDate::from_ymd_opt(2027, 11, 28).unwrap());
}

#[test]
fn changing_a_need_is_listed_and_the_outcome_becomes_changed() {
    let plan = valid_plan();
    let mut review = ReviewForm::new(&plan, today());
    to_the(&mut review, &plan, Step::Need(1));
    let form = review.form_mut().unwrap();
    form.type_char('c');
    assert_eq!(form.value("decision"), "change");
    form.focus_key("icb");
    form.clear();
    form.type_char('5');
    form.type_char('0');
    to_the(&mut review, &plan, Step::Outcome);
    assert_eq!(review.outcome.value("outcome"), "changed");
    to_the(&mut review, &plan, Step::Check);
    let changes = review.changes(&plan).unwrap();
    assert_eq!(
        changes[0].describe(),
        "N2 funding ICB 40/LA 60 -> ICB 50/LA 50"
    );
    let edits = changes.last().unwrap().field_edits();
    let FieldEdit::Append { item, .. } = &edits[0] else {
        panic!("{edits:?}")
    };
    assert_eq!(
        item["changes"][0],
        serde_yaml::Value::String("N2 funding ICB 40/LA 60 -> ICB 50/LA 50".into())
    );
}

#[test]
fn a_bad_meeting_date_holds_the_step_and_going_back_keeps_values() {
    let plan = valid_plan();
    let mut review = ReviewForm::new(&plan, today());
    let form = review.form_mut().unwrap();
    form.clear();
    for c in "31/02/2026".chars() {
        form.type_char(c);
    }
    assert_eq!(review.forward(&plan), Advance::Stayed);
    assert!(review.meeting.error.is_some());
    let form = review.form_mut().unwrap();
    form.clear();
    for c in "20/11/2026".chars() {
        form.type_char(c);
    }
    assert_eq!(review.forward(&plan), Advance::Moved);
    assert!(review.back());
    assert_eq!(review.meeting.value("date"), "20/11/2026");
    to_the(&mut review, &plan, Step::NextReview);
    assert_eq!(review.next.value("date"), "20/11/2027");
}

#[test]
fn new_needs_get_the_next_free_ids() {
    let plan = valid_plan();
    let mut review = ReviewForm::new(&plan, today());
    to_the(&mut review, &plan, Step::NewNeeds);
    for c in "Employment support".chars() {
        review.form_mut().unwrap().type_char(c);
    }
    while review.added.is_empty() {
        assert_eq!(review.enter(&plan), Advance::Stayed);
    }
    assert_eq!(review.added[0].id.as_deref(), Some("N4"));
    for c in "Gym".chars() {
        review.form_mut().unwrap().type_char(c);
    }
    assert_eq!(
        review.forward(&plan),
        Advance::Moved,
        "a typed need is added on leaving"
    );
    assert_eq!(review.added[1].id.as_deref(), Some("N5"));
}
