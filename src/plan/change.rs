//! Pending changes to a plan: what the user decided, in domain terms, before any text is
//! touched. Each change knows how to describe itself (for review `changes` and commit
//! messages), how it alters the model, and which fields of the file it edits.

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use super::dates::format_uk;
use super::model::*;

/// One user decision about a plan.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    PlanNextDue {
        from: Option<NaiveDate>,
        to: NaiveDate,
    },
    NeedReviewBy {
        need: String,
        from: Option<NaiveDate>,
        to: NaiveDate,
    },
    NeedStatus {
        need: String,
        from: Option<NeedStatus>,
        to: NeedStatus,
    },
    /// Category with the funding that goes with it (health 100/0, social 0/100, joint split).
    NeedCategory {
        need: String,
        from: (Option<Category>, Option<Funding>),
        to: (Category, Funding),
    },
    NeedText {
        need: String,
        field: NeedTextField,
        from: Option<String>,
        to: String,
    },
    AddNeed(Need),
    /// Mark a need ended, with the reason recorded in its notes.
    EndNeed {
        need: String,
        from: Option<NeedStatus>,
        previous_notes: Option<String>,
        reason: String,
    },
    OpenDispute(Dispute),
    ResolveDispute {
        previous: Dispute,
    },
    /// A review meeting: one new history entry and the next review date.
    RecordReview {
        review: Review,
        next_due_from: Option<NaiveDate>,
        next_due: NaiveDate,
    },
}

/// The free-text fields of a need that `e` edits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NeedTextField {
    Need,
    Provider,
}

impl NeedTextField {
    pub fn key(self) -> &'static str {
        match self {
            NeedTextField::Need => "need",
            NeedTextField::Provider => "provider",
        }
    }
}

/// How a change touches the file, by format path (`needs.N2.review_by`).
#[derive(Debug, Clone, PartialEq)]
pub enum FieldEdit {
    /// Set (or add) a value at a path.
    Set { path: String, value: Value },
    /// Append an item to the list at a path.
    Append { path: String, item: Value },
    /// Remove the key at a path.
    Remove { path: String },
}

fn date_value(date: NaiveDate) -> Value {
    Value::String(date.format("%Y-%m-%d").to_string())
}

fn funding_value(funding: &Funding) -> Value {
    let mut map = Mapping::new();
    if let Some(icb) = funding.icb {
        map.insert("icb".into(), icb.into());
    }
    if let Some(la) = funding.la {
        map.insert("la".into(), la.into());
    }
    Value::Mapping(map)
}

fn split(funding: Option<&Funding>) -> String {
    match funding {
        Some(funding) => format!("ICB {}/LA {}", funding.icb_share(), funding.la_share()),
        None => "no split".into(),
    }
}

fn word_or_none(word: Option<impl std::fmt::Display>) -> String {
    word.map_or_else(|| "none".into(), |word| word.to_string())
}

fn date_or_none(date: Option<NaiveDate>) -> String {
    date.map_or_else(|| "none".into(), format_uk)
}

/// The default funding for a category: who pays it all, or an even split for joint.
pub fn funding_for(category: Category, icb_share: Option<i64>) -> Funding {
    match category {
        Category::Health => Funding {
            icb: Some(100),
            la: None,
        },
        Category::Social => Funding {
            icb: None,
            la: Some(100),
        },
        Category::Joint => {
            let icb = icb_share.unwrap_or(50).clamp(0, 100);
            Funding {
                icb: Some(icb),
                la: Some(100 - icb),
            }
        }
    }
}

pub fn need_value(need: &Need) -> Value {
    let mut map = Mapping::new();
    let mut put = |key: &str, value: Option<Value>| {
        if let Some(value) = value {
            map.insert(key.into(), value);
        }
    };
    put("id", need.id.clone().map(Value::String));
    put("need", need.need.clone().map(Value::String));
    put("category", need.category.map(|c| c.as_str().into()));
    put("provider", need.provider.clone().map(Value::String));
    put("funding", need.funding.as_ref().map(funding_value));
    put("status", need.status.map(|s| s.as_str().into()));
    put("since", need.since.map(date_value));
    put("review_by", need.review_by.map(date_value));
    put("notes", need.notes.clone().map(Value::String));
    Value::Mapping(map)
}

fn review_value(review: &Review) -> Value {
    let list =
        |items: &[String]| Value::Sequence(items.iter().cloned().map(Value::String).collect());
    let mut map = Mapping::new();
    if let Some(date) = review.date {
        map.insert("date".into(), date_value(date));
    }
    map.insert("attendees".into(), list(&review.attendees));
    if let Some(involved) = review.person_involved {
        map.insert("person_involved".into(), involved.into());
    }
    if let Some(outcome) = review.outcome {
        map.insert("outcome".into(), outcome.as_str().into());
    }
    map.insert("changes".into(), list(&review.changes));
    Value::Mapping(map)
}

fn dispute_value(dispute: &Dispute) -> Value {
    let mut map = Mapping::new();
    if let Some(since) = dispute.since {
        map.insert("since".into(), date_value(since));
    }
    map.insert(
        "about".into(),
        Value::Sequence(dispute.about.iter().cloned().map(Value::String).collect()),
    );
    if let Some(funder) = dispute.interim_funder {
        map.insert("interim_funder".into(), funder.as_str().into());
    }
    if let Some(note) = &dispute.note {
        map.insert("note".into(), note.clone().into());
    }
    Value::Mapping(map)
}

/// Notes with an ending reason added on a line of its own. A final line break is kept, so a
/// `|` block stays `|` and the diff shows only the added line.
pub fn notes_with_reason(previous: Option<&str>, reason: &str) -> String {
    match previous.filter(|notes| !notes.trim().is_empty()) {
        Some(notes) if notes.ends_with('\n') => format!("{notes}Ended: {reason}\n"),
        Some(notes) => format!("{notes}\nEnded: {reason}"),
        None => format!("Ended: {reason}"),
    }
}

impl Change {
    /// One line for the review's `changes` list and for commit messages. Holds need ids and
    /// decisions, never a person's identifiers.
    pub fn describe(&self) -> String {
        match self {
            Change::PlanNextDue { from, to } => {
                format!("next review {} -> {}", date_or_none(*from), format_uk(*to))
            }
            Change::NeedReviewBy { need, from, to } => {
                format!(
                    "{need} review date {} -> {}",
                    date_or_none(*from),
                    format_uk(*to)
                )
            }
            Change::NeedStatus { need, from, to } => {
                format!("{need} status {} -> {to}", word_or_none(*from))
            }
            Change::NeedCategory { need, from, to } => {
                if from.0 == Some(to.0) {
                    format!(
                        "{need} funding {} -> {}",
                        split(from.1.as_ref()),
                        split(Some(&to.1))
                    )
                } else {
                    format!(
                        "{need} category {} -> {} ({} -> {})",
                        word_or_none(from.0),
                        to.0,
                        split(from.1.as_ref()),
                        split(Some(&to.1))
                    )
                }
            }
            Change::NeedText { need, field, .. } => format!("{need} {} changed", field.key()),
            Change::AddNeed(need) => format!(
                "{} added ({})",
                need.id.as_deref().unwrap_or("need"),
                word_or_none(need.category)
            ),
            Change::EndNeed { need, .. } => format!("{need} ended"),
            Change::OpenDispute(dispute) => format!(
                "dispute opened about {} (interim funder {})",
                dispute.about.join(", "),
                word_or_none(dispute.interim_funder)
            ),
            Change::ResolveDispute { previous } => {
                format!("dispute about {} resolved", previous.about.join(", "))
            }
            Change::RecordReview {
                review, next_due, ..
            } => format!(
                "review {}, next due {}",
                date_or_none(review.date),
                format_uk(*next_due)
            ),
        }
    }

    /// The need this change is about, if any.
    pub fn need_id(&self) -> Option<&str> {
        match self {
            Change::NeedReviewBy { need, .. }
            | Change::NeedStatus { need, .. }
            | Change::NeedCategory { need, .. }
            | Change::NeedText { need, .. }
            | Change::EndNeed { need, .. } => Some(need),
            Change::AddNeed(need) => need.id.as_deref(),
            _ => None,
        }
    }
}

fn need_mut<'p>(plan: &'p mut Plan, id: &str) -> Option<&'p mut Need> {
    plan.needs
        .iter_mut()
        .find(|need| need.id.as_deref() == Some(id))
}

impl Change {
    /// Apply the change to the model (to show the plan as it will be).
    pub fn apply(&self, plan: &mut Plan) {
        match self {
            Change::PlanNextDue { to, .. } => plan.reviews.next_due = Some(*to),
            Change::NeedReviewBy { need, to, .. } => {
                if let Some(need) = need_mut(plan, need) {
                    need.review_by = Some(*to);
                }
            }
            Change::NeedStatus { need, to, .. } => {
                if let Some(need) = need_mut(plan, need) {
                    need.status = Some(*to);
                }
            }
            Change::NeedCategory { need, to, .. } => {
                if let Some(need) = need_mut(plan, need) {
                    need.category = Some(to.0);
                    need.funding = Some(to.1);
                }
            }
            Change::NeedText {
                need, field, to, ..
            } => {
                if let Some(need) = need_mut(plan, need) {
                    match field {
                        NeedTextField::Need => need.need = Some(to.clone()),
                        NeedTextField::Provider => need.provider = Some(to.clone()),
                    }
                }
            }
            Change::AddNeed(need) => plan.needs.push(need.clone()),
            Change::EndNeed {
                need,
                previous_notes,
                reason,
                ..
            } => {
                if let Some(need) = need_mut(plan, need) {
                    need.status = Some(NeedStatus::Ended);
                    need.notes = Some(notes_with_reason(previous_notes.as_deref(), reason));
                }
            }
            Change::OpenDispute(dispute) => plan.responsible.dispute = Some(dispute.clone()),
            Change::ResolveDispute { .. } => plan.responsible.dispute = None,
            Change::RecordReview {
                review, next_due, ..
            } => {
                plan.reviews.history.push(review.clone());
                plan.reviews.next_due = Some(*next_due);
            }
        }
    }

    /// The edits this change makes to the file, by format path.
    pub fn field_edits(&self) -> Vec<FieldEdit> {
        let set = |path: String, value: Value| FieldEdit::Set { path, value };
        match self {
            Change::PlanNextDue { to, .. } => vec![set("reviews.next_due".into(), date_value(*to))],
            Change::NeedReviewBy { need, to, .. } => {
                vec![set(format!("needs.{need}.review_by"), date_value(*to))]
            }
            Change::NeedStatus { need, to, .. } => {
                vec![set(format!("needs.{need}.status"), to.as_str().into())]
            }
            Change::NeedCategory { need, to, .. } => vec![
                set(format!("needs.{need}.category"), to.0.as_str().into()),
                set(format!("needs.{need}.funding"), funding_value(&to.1)),
            ],
            Change::NeedText {
                need, field, to, ..
            } => vec![set(
                format!("needs.{need}.{}", field.key()),
                to.clone().into(),
            )],
            Change::AddNeed(need) => vec![FieldEdit::Append {
                path: "needs".into(),
                item: need_value(need),
            }],
            Change::EndNeed {
                need,
                previous_notes,
                reason,
                ..
            } => vec![
                set(
                    format!("needs.{need}.status"),
                    NeedStatus::Ended.as_str().into(),
                ),
                set(
                    format!("needs.{need}.notes"),
                    notes_with_reason(previous_notes.as_deref(), reason).into(),
                ),
            ],
            Change::OpenDispute(dispute) => {
                vec![set("responsible.dispute".into(), dispute_value(dispute))]
            }
            Change::ResolveDispute { .. } => vec![FieldEdit::Remove {
                path: "responsible.dispute".into(),
            }],
            Change::RecordReview {
                review, next_due, ..
            } => vec![
                FieldEdit::Append {
                    path: "reviews.history".into(),
                    item: review_value(review),
                },
                set("reviews.next_due".into(), date_value(*next_due)),
            ],
        }
    }
}

/// A commit message for written changes: the plan id and what was decided, never a
/// person's identifiers. A review leads (`S117-0042: review 28 Nov 2026, next due 28 Nov
/// 2027`); other changes are listed (`S117-0042: N2 review date -> 15 Jan 2027`).
pub fn commit_message(plan_id: &str, changes: &[Change]) -> String {
    let review = changes
        .iter()
        .find(|change| matches!(change, Change::RecordReview { .. }));
    let mut parts: Vec<String> = match review {
        Some(review) => vec![review.describe()],
        None => changes.iter().map(Change::short_description).collect(),
    };
    parts.dedup();
    let mut subject = format!("{plan_id}: {}", parts.first().cloned().unwrap_or_default());
    let mut listed = 1;
    for part in parts.iter().skip(1) {
        if subject.len() + part.len() + 2 > 72 {
            break;
        }
        subject.push_str("; ");
        subject.push_str(part);
        listed += 1;
    }
    if listed < parts.len() {
        subject.push_str(&format!(" (+{} more)", parts.len() - listed));
    }
    subject
}

impl Change {
    /// Like `describe`, without the old value: `N2 review date -> 15 Jan 2027`.
    pub fn short_description(&self) -> String {
        match self {
            Change::PlanNextDue { to, .. } => format!("next review -> {}", format_uk(*to)),
            Change::NeedReviewBy { need, to, .. } => {
                format!("{need} review date -> {}", format_uk(*to))
            }
            Change::NeedStatus { need, to, .. } => format!("{need} status -> {to}"),
            other => other.describe(),
        }
    }
}

#[cfg(test)]
mod tests {
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
            from: Some(NeedStatus::Active),
            previous_notes: plan.need_by_id("N2").unwrap().notes.clone(),
            reason: "moved to own tenancy".into(),
        };
        change.apply(&mut plan);
        let need = plan.need_by_id("N2").unwrap();
        assert_eq!(need.status, Some(NeedStatus::Ended));
        assert_eq!(
            need.notes.as_deref(),
            Some("Split agreed at joint panel 2024-05-10.\nEnded: moved to own tenancy\n")
        );
        assert_eq!(notes_with_reason(None, "x"), "Ended: x");
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
        assert_eq!(plan.reviews.history.len(), 2);
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
            field: NeedTextField::Provider,
            from: None,
            to: "Jo Smith's sister".into(),
        };
        assert_eq!(text.describe(), "N1 provider changed");
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
        let many: Vec<Change> = (1..=9)
            .map(|n| Change::NeedStatus {
                need: format!("N{n}"),
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
}
