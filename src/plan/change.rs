//! Pending changes to a plan: what the user decided, in domain terms, before any text is
//! touched. Each change knows how to describe itself (for review `changes` and commit
//! messages), how it alters the model, and which fields of the file it edits.

use chrono::NaiveDate;
use serde_yaml::Value;

use super::dates::format_uk;
use super::model::*;

mod conflict;
mod detention;
pub mod money;
mod values;
use values::*;
pub use values::{edited_text, funding_for, need_value, notes_with_reason};

pub use conflict::ConflictChoice;
pub use detention::{NewDetention, basis_value, event_value};
pub use money::MoneyFields;

/// One user decision about a plan.
///
/// A change to a need names it by id (`need`) and carries what the need said (`need_text`, its
/// `need` field) when the change was made: if the id names another need by the time the change
/// is written (ids swapped or renumbered on disk), the change is dropped, never applied to it.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    PlanNextDue {
        from: Option<NaiveDate>,
        to: NaiveDate,
    },
    NeedReviewBy {
        need: String,
        need_text: Option<String>,
        from: Option<NaiveDate>,
        to: NaiveDate,
    },
    NeedStatus {
        need: String,
        need_text: Option<String>,
        from: Option<NeedStatus>,
        to: NeedStatus,
    },
    /// Category with the funding that goes with it (health 100/0, social 0/100, joint split).
    NeedCategory {
        need: String,
        need_text: Option<String>,
        from: (Option<Category>, Option<Funding>),
        to: (Category, Funding),
    },
    NeedText {
        need: String,
        need_text: Option<String>,
        field: NeedTextField,
        from: Option<String>,
        to: String,
    },
    AddNeed(Need),
    /// A need's money (format v1.1): cost, delivery and top-up as the need edit leaves them.
    NeedMoney {
        need: String,
        need_text: Option<String>,
        from: MoneyFields,
        to: MoneyFields,
    },
    /// Mark a need ended, with the reason recorded in its notes.
    EndNeed {
        need: String,
        need_text: Option<String>,
        from: Option<NeedStatus>,
        previous_notes: Option<String>,
        reason: String,
        /// The day it ended (the review's meeting, or the day it was recorded).
        on: NaiveDate,
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
    /// The person's goals or views, in their words.
    PatientVoice {
        field: VoiceField,
        from: Option<String>,
        to: String,
    },
    /// The joint ICB and LA decision that S117 aftercare ends.
    EndAftercare(Ending),
    /// A new qualifying detention: the current episode moves into `history`.
    NewDetention(Box<NewDetention>),
    /// An admission that starts no new S117 duty (informal, or s2, s4, s136 ...).
    AddEvent(Event),
    /// A merge conflict recorded in the plan, resolved one way.
    ResolveConflict(ConflictChoice),
}

/// The parts of `patient_voice` a review records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VoiceField {
    Goals,
    Views,
}

impl VoiceField {
    pub fn key(self) -> &'static str {
        match self {
            VoiceField::Goals => "goals",
            VoiceField::Views => "views",
        }
    }
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
    /// Put an item first in the list at a path (a list kept newest first).
    Prepend { path: String, item: Value },
    /// Remove the key at a path.
    Remove { path: String },
}

impl Change {
    /// One line for the review's `changes` list and for commit messages. Holds need ids and
    /// decisions, never a person's identifiers.
    pub fn describe(&self) -> String {
        match self {
            Change::PlanNextDue { from, to } => {
                format!("next review {} -> {}", date_or_none(*from), format_uk(*to))
            }
            Change::NeedReviewBy { need, from, to, .. } => {
                format!(
                    "{need} review date {} -> {}",
                    date_or_none(*from),
                    format_uk(*to)
                )
            }
            Change::NeedStatus { need, from, to, .. } => {
                format!("{need} status {} -> {to}", word_or_none(*from))
            }
            Change::NeedCategory { need, from, to, .. } => {
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
            Change::NeedMoney { need, from, to, .. } => money::describe(need, from, to),
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
            Change::PatientVoice { field, .. } => format!("person's {} updated", field.key()),
            Change::EndAftercare(ending) => {
                format!("S117 aftercare ended {}", date_or_none(ending.date))
            }
            Change::NewDetention(detention) => detention.describe(),
            Change::AddEvent(event) => detention::describe_event(event),
            Change::ResolveConflict(choice) => choice.describe(),
        }
    }

    /// The need this change is about and what it said when the change was made (its `need`
    /// text), for a change to a need already in the plan.
    pub fn need_and_text(&self) -> Option<(&str, Option<&str>)> {
        match self {
            Change::NeedReviewBy {
                need, need_text, ..
            }
            | Change::NeedStatus {
                need, need_text, ..
            }
            | Change::NeedCategory {
                need, need_text, ..
            }
            | Change::NeedText {
                need, need_text, ..
            }
            | Change::NeedMoney {
                need, need_text, ..
            }
            | Change::EndNeed {
                need, need_text, ..
            } => Some((need, need_text.as_deref())),
            _ => None,
        }
    }

    /// The need this change is about, if any.
    pub fn need_id(&self) -> Option<&str> {
        match self {
            Change::NeedReviewBy { need, .. }
            | Change::NeedStatus { need, .. }
            | Change::NeedCategory { need, .. }
            | Change::NeedText { need, .. }
            | Change::NeedMoney { need, .. }
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
            Change::NeedMoney { need, to, .. } => {
                if let Some(need) = need_mut(plan, need) {
                    to.apply(need);
                }
            }
            Change::AddNeed(need) => plan.needs.push(need.clone()),
            Change::EndNeed {
                need,
                previous_notes,
                reason,
                on,
                ..
            } => {
                if let Some(need) = need_mut(plan, need) {
                    need.status = Some(NeedStatus::Ended);
                    need.notes = Some(notes_with_reason(previous_notes.as_deref(), *on, reason));
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
            Change::PatientVoice { field, to, .. } => {
                let voice = plan.patient_voice.get_or_insert_with(Default::default);
                match field {
                    VoiceField::Goals => voice.goals = Some(to.clone()),
                    VoiceField::Views => voice.views = Some(to.clone()),
                }
            }
            Change::EndAftercare(ending) => plan.ending = Some(ending.clone()),
            Change::NewDetention(detention) => detention.apply(plan),
            Change::AddEvent(event) => plan.events.push(event.clone()),
            Change::ResolveConflict(choice) => choice.apply(plan),
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
            Change::NeedMoney { need, from, to, .. } => money::field_edits(need, from, to),
            Change::AddNeed(need) => vec![FieldEdit::Append {
                path: "needs".into(),
                item: need_value(need),
            }],
            Change::EndNeed {
                need,
                previous_notes,
                reason,
                on,
                ..
            } => vec![
                set(
                    format!("needs.{need}.status"),
                    NeedStatus::Ended.as_str().into(),
                ),
                set(
                    format!("needs.{need}.notes"),
                    notes_with_reason(previous_notes.as_deref(), *on, reason).into(),
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
            Change::PatientVoice { field, to, .. } => vec![set(
                format!("patient_voice.{}", field.key()),
                to.clone().into(),
            )],
            Change::EndAftercare(ending) => vec![set("ending".into(), ending_value(ending))],
            Change::NewDetention(detention) => detention.field_edits(),
            Change::AddEvent(event) => vec![FieldEdit::Append {
                path: "events".into(),
                item: event_value(event),
            }],
            Change::ResolveConflict(choice) => choice.field_edits(),
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
    // The same field set twice (`N1 review date -> 01 Jun` then `-> 02 Jun`): the last wins.
    let field = |part: &str| part.split(" -> ").next().unwrap_or(part).to_owned();
    let mut seen = std::collections::HashSet::new();
    parts.reverse();
    parts.retain(|part| seen.insert(field(part)));
    parts.reverse();
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
mod tests;
