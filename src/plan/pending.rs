//! A plan with changes pending: the plan as it will be, what the changes would break (live
//! validation: new errors block a write, new warnings are shown), and whether a change still
//! applies to a plan that was changed on disk under it.

use super::change::{Change, NeedTextField, VoiceField};
use super::dates::format_uk;
use super::finding::{Issue, Severity};
use super::model::{Need, Plan};
use super::rules::{RuleSettings, check_plan};

/// The plan with the changes applied in order.
pub fn plan_with(base: &Plan, changes: &[Change]) -> Plan {
    let mut plan = base.clone();
    for change in changes {
        change.apply(&mut plan);
    }
    plan
}

/// Findings the changes would add, as messages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewIssues {
    /// Block the write until fixed.
    pub errors: Vec<String>,
    /// Shown, never blocking.
    pub warnings: Vec<String>,
}

impl NewIssues {
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty() && self.warnings.is_empty()
    }
}

/// What `after` breaks that `before` did not: each rule's findings compared by rule and message,
/// so a problem the plan already had is not blamed on the change.
pub fn new_issues_between(before: &Plan, after: &Plan, settings: &RuleSettings) -> NewIssues {
    let old = check_plan(before, settings);
    let is_new = |issue: &Issue| {
        !old.iter()
            .any(|o| o.check == issue.check && o.message == issue.message)
    };
    let mut found = NewIssues::default();
    for issue in check_plan(after, settings).into_iter().filter(is_new) {
        match issue.severity {
            Severity::Error => found.errors.push(issue.message),
            Severity::Warning => found.warnings.push(issue.message),
        }
    }
    found
}

/// What the changes, applied to `before`, would add.
pub fn new_issues(before: &Plan, changes: &[Change], settings: &RuleSettings) -> NewIssues {
    new_issues_between(before, &plan_with(before, changes), settings)
}

fn need<'p>(plan: &'p Plan, id: &str) -> Result<&'p Need, String> {
    plan.need_by_id(id)
        .ok_or_else(|| format!("{id} is no longer in the plan"))
}

fn word<T: std::fmt::Display>(value: Option<T>) -> String {
    value.map_or_else(|| "none".into(), |value| value.to_string())
}

fn text_of(need: &Need, field: NeedTextField) -> Option<&str> {
    match field {
        NeedTextField::Need => need.need.as_deref(),
        NeedTextField::Provider => need.provider.as_deref(),
    }
}

/// Why `change` no longer fits `plan` (someone changed the same thing in the file since the
/// change was made), or `None` when it can be applied as it is.
pub fn conflict(change: &Change, plan: &Plan) -> Option<String> {
    let moved = |what: &str, now: String| Some(format!("{what} is now {now} in the file"));
    let check = || -> Result<Option<String>, String> {
        Ok(match change {
            Change::PlanNextDue { from, .. } => (plan.reviews.next_due != *from).then(|| {
                format!(
                    "the next review is now {} in the file",
                    plan.reviews.next_due.map_or("not set".into(), format_uk)
                )
            }),
            Change::NeedReviewBy { need: id, from, .. } => {
                let need = need(plan, id)?;
                (need.review_by != *from).then(|| {
                    format!(
                        "{id} review date is now {} in the file",
                        need.review_by.map_or("not set".into(), format_uk)
                    )
                })
            }
            Change::NeedStatus { need: id, from, .. } => {
                let need = need(plan, id)?;
                if need.status != *from {
                    moved(&format!("{id} status"), word(need.status))
                } else {
                    None
                }
            }
            Change::NeedCategory { need: id, from, .. } => {
                let need = need(plan, id)?;
                ((need.category, need.funding) != *from)
                    .then(|| format!("{id} category or funding changed in the file"))
            }
            Change::NeedText {
                need: id,
                field,
                from,
                ..
            } => {
                let need = need(plan, id)?;
                (text_of(need, *field) != from.as_deref())
                    .then(|| format!("{id} {} changed in the file", field.key()))
            }
            Change::AddNeed(new) => {
                let id = new.id.as_deref().unwrap_or("the new need");
                plan.need_by_id(id)
                    .map(|_| format!("{id} now exists in the file"))
            }
            Change::EndNeed {
                need: id,
                from,
                previous_notes,
                ..
            } => {
                let need = need(plan, id)?;
                (need.status != *from || need.notes != *previous_notes)
                    .then(|| format!("{id} status or notes changed in the file"))
            }
            Change::OpenDispute(_) => plan
                .responsible
                .dispute
                .as_ref()
                .map(|_| "a dispute is now recorded in the file".to_owned()),
            Change::ResolveDispute { previous } => (plan.responsible.dispute.as_ref()
                != Some(previous))
            .then(|| "the dispute changed in the file".to_owned()),
            Change::RecordReview { next_due_from, .. } => (plan.reviews.next_due != *next_due_from)
                .then(|| "the next review date changed in the file".to_owned()),
            Change::PatientVoice { field, from, .. } => {
                let voice = plan.patient_voice.clone().unwrap_or_default();
                let now = match field {
                    VoiceField::Goals => voice.goals,
                    VoiceField::Views => voice.views,
                };
                (now != *from).then(|| format!("the person's {} changed in the file", field.key()))
            }
            Change::EndAftercare(_) => plan
                .ending
                .as_ref()
                .map(|_| "an ending is now recorded in the file".to_owned()),
        })
    };
    check().unwrap_or_else(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::change::funding_for;
    use crate::plan::model::{Category, LegalStatus, NeedStatus};
    use crate::plan::rules::tests::valid_plan;
    use chrono::NaiveDate;

    fn settings() -> RuleSettings {
        RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
    }

    #[test]
    fn a_joint_need_funded_by_one_side_is_a_new_error() {
        let plan = valid_plan();
        let change = Change::NeedCategory {
            need: "N2".into(),
            from: (
                Some(Category::Joint),
                plan.need_by_id("N2").unwrap().funding,
            ),
            to: (Category::Joint, funding_for(Category::Joint, Some(100))),
        };
        let found = new_issues(&plan, &[change], &settings());
        assert_eq!(found.errors.len(), 1, "{found:?}");
        assert!(found.errors[0].contains("N2"), "{found:?}");
    }

    #[test]
    fn old_problems_are_not_blamed_on_a_change() {
        let mut plan = valid_plan();
        plan.episode.legal_status = Some(LegalStatus::Cto);
        let declined = Change::NeedStatus {
            need: "N3".into(),
            from: Some(NeedStatus::Agreed),
            to: NeedStatus::Declined,
        };
        let found = new_issues(&plan, std::slice::from_ref(&declined), &settings());
        assert!(found.errors.is_empty());
        assert_eq!(found.warnings.len(), 1, "{found:?}");
        let twice = new_issues(
            &plan_with(&plan, std::slice::from_ref(&declined)),
            &[declined],
            &settings(),
        );
        assert!(twice.is_empty());
    }

    #[test]
    fn a_change_conflicts_when_its_field_moved_on_disk() {
        let plan = valid_plan();
        let status = Change::NeedStatus {
            need: "N3".into(),
            from: Some(NeedStatus::Agreed),
            to: NeedStatus::Active,
        };
        assert_eq!(conflict(&status, &plan), None);
        let mut theirs = plan.clone();
        theirs.needs[2].status = Some(NeedStatus::OnHold);
        assert_eq!(
            conflict(&status, &theirs).as_deref(),
            Some("N3 status is now on_hold in the file")
        );
        theirs.needs.remove(2);
        assert_eq!(
            conflict(&status, &theirs).as_deref(),
            Some("N3 is no longer in the plan")
        );
        let due = Change::PlanNextDue {
            from: plan.reviews.next_due,
            to: NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(),
        };
        assert_eq!(conflict(&due, &theirs), None);
    }
}
