//! A plan with changes pending: the plan as it will be, what the changes would break (live
//! validation: new errors block a write, new warnings are shown), and whether a change still
//! applies to a plan that was changed on disk under it.

use std::collections::HashSet;
use std::hash::Hash;

use super::assess::assess_plan_text;
use super::change::{Change, MoneyFields, NeedTextField, VoiceField};
use super::dates::format_uk;
use super::finding::{Finding, Issue, Severity};
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

/// The items of `after` whose key no item of `before` has, in `after`'s order: what a change
/// added, so a problem the plan already had is not blamed on it. The keys of `before` go in a
/// hash set, so this is linear in the number of findings (a plan of 8,000 empty needs has
/// 32,000; comparing every pair took seconds per edit).
pub fn added<'a, T, K: Eq + Hash>(
    before: &'a [T],
    after: &'a [T],
    key: impl Fn(&'a T) -> K,
) -> Vec<&'a T> {
    let old: HashSet<K> = before.iter().map(&key).collect();
    after
        .iter()
        .filter(|item| !old.contains(&key(*item)))
        .collect()
}

/// What `after` breaks that `before` did not: each rule's findings compared by rule, path and
/// message ([`Issue::key`]).
pub fn new_issues_between(before: &Plan, after: &Plan, settings: &RuleSettings) -> NewIssues {
    let old = check_plan(before, settings);
    let new = check_plan(after, settings);
    let mut found = NewIssues::default();
    for issue in added(&old, &new, Issue::key) {
        match issue.severity {
            Severity::Error => found.errors.push(issue.message.clone()),
            Severity::Warning => found.warnings.push(issue.message.clone()),
        }
    }
    found
}

/// Findings an edit of a plan's text adds, placed in the new text: what the app's diff view
/// and `aftercare set` both judge a change by.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NewFindings {
    /// Block the write until fixed.
    pub errors: Vec<Finding>,
    /// Shown, never blocking (an unknown key among them is a typo `set` refuses).
    pub warnings: Vec<Finding>,
}

/// What `new_text` has that `old_text` had not, both read as the loader reads them; `file`
/// is the name the findings give. Compared by [`Finding::key`], in linear time.
pub fn new_findings(
    old_text: &str,
    new_text: &str,
    file: &str,
    settings: &RuleSettings,
) -> NewFindings {
    let before = assess_plan_text(old_text, file, settings).findings;
    let after = assess_plan_text(new_text, file, settings).findings;
    let mut found = NewFindings::default();
    for finding in added(&before, &after, Finding::key) {
        match finding.severity {
            Severity::Error => found.errors.push(finding.clone()),
            Severity::Warning => found.warnings.push(finding.clone()),
        }
    }
    found
}

/// What the changes, applied to `before`, would add (no changes add nothing: not checked).
pub fn new_issues(before: &Plan, changes: &[Change], settings: &RuleSettings) -> NewIssues {
    if changes.is_empty() {
        return NewIssues::default();
    }
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

/// A need's text as a reason quotes it: on one line, cut short.
fn quoted(text: Option<&str>) -> String {
    const LONGEST: usize = 40;
    let Some(text) = text else {
        return "without a need text".to_owned();
    };
    let words = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if words.chars().count() <= LONGEST {
        return format!("'{words}'");
    }
    // Cut at the last space that leaves room for the dots (or mid-word in one long word).
    let room: String = words.chars().take(LONGEST - 3).collect();
    let cut = match room.rfind(' ') {
        Some(space) if space > 0 => &room[..space],
        _ => room.as_str(),
    };
    format!("'{cut}...'")
}

/// Why a change to a need is not for the need that has its id in `plan` now (ids swapped or
/// renumbered in the file since the change was made), or `None` when it is the same need.
fn other_need(change: &Change, plan: &Plan) -> Option<String> {
    let (id, was) = change.need_and_text()?;
    let now = plan.need_by_id(id)?.need.as_deref();
    (now != was).then(|| {
        format!(
            "{id} is now {}, not {} as when the change was made",
            quoted(now),
            quoted(was)
        )
    })
}

/// Why `change` no longer fits `plan` (someone changed the same thing in the file since the
/// change was made, or its need's id now names another need), or `None` when it can be
/// applied as it is. A change is checked against the plan it was made on: the file as it is
/// now with the changes made before it, not those made with it (a review's changes were all
/// made on the plan before the review).
pub fn conflict(change: &Change, plan: &Plan) -> Option<String> {
    if let Some(why) = other_need(change, plan) {
        return Some(why);
    }
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
            Change::NeedMoney { need: id, from, .. } => {
                let need = need(plan, id)?;
                (MoneyFields::of(need) != *from)
                    .then(|| format!("{id} cost, delivery or top-up changed in the file"))
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
            Change::NewDetention(detention) => (plan.episode != detention.past.episode
                || plan.ending != detention.past.ending)
                .then(|| "the episode or the ending changed in the file".to_owned()),
            Change::AddEvent(_) => None,
            Change::ResolveConflict(choice) => choice.conflict(plan),
        })
    };
    check().unwrap_or_else(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::change::funding_for;
    use crate::plan::model::{Category, LegalStatus, NeedStatus};
    use crate::plan::rules::tests::{VALID, valid_plan};
    use chrono::NaiveDate;
    use std::cell::Cell;

    fn settings() -> RuleSettings {
        RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
    }

    #[test]
    fn a_joint_need_funded_by_one_side_is_a_new_error() {
        let plan = valid_plan();
        let change = Change::NeedCategory {
            need: "N2".into(),
            need_text: plan.need_by_id("N2").unwrap().need.clone(),
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
            need_text: plan.need_by_id("N3").unwrap().need.clone(),
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
            need_text: plan.need_by_id("N3").unwrap().need.clone(),
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

    #[test]
    fn a_change_to_a_need_whose_id_now_names_another_conflicts_saying_both_texts() {
        let plan = valid_plan();
        let n1 = plan.need_by_id("N1").unwrap().clone();
        let review_by = Change::NeedReviewBy {
            need: "N1".into(),
            need_text: n1.need.clone(),
            from: n1.review_by,
            to: NaiveDate::from_ymd_opt(2027, 6, 1).unwrap(),
        };
        assert_eq!(conflict(&review_by, &plan), None);
        // N1 and N2 swapped ids in the file; the review dates alone would not tell.
        let mut swapped = plan.clone();
        swapped.needs[0].id = Some("N2".into());
        swapped.needs[1].id = Some("N1".into());
        swapped.needs[1].review_by = n1.review_by;
        assert_eq!(
            conflict(&review_by, &swapped).as_deref(),
            Some(
                "N1 is now 'Supported living placement, 24h staffed', not 'Clozapine \
                 monitoring and depot review' as when the change was made"
            )
        );
        // Long text is cut; a need without text says so.
        swapped.needs[1].need = Some("word ".repeat(20));
        let why = conflict(&review_by, &swapped).unwrap();
        assert!(why.starts_with("N1 is now 'word word word "), "{why}");
        assert!(why.contains(" word...', not 'Clozapine"), "{why}");
        swapped.needs[1].need = None;
        let why = conflict(&review_by, &swapped).unwrap();
        assert!(
            why.starts_with("N1 is now without a need text, not"),
            "{why}"
        );
    }

    /// The comparison as it was, every pair: the hashed one must agree with it.
    fn added_pairwise<'a>(before: &'a [Finding], after: &'a [Finding]) -> Vec<&'a Finding> {
        after
            .iter()
            .filter(|f| !before.iter().any(|b| b.key() == f.key()))
            .collect()
    }

    #[test]
    fn the_hashed_comparison_agrees_with_the_pairwise_one() {
        let edits = [
            ("funding: {icb: 40, la: 60}", "funding: {icb: 40, la: 50}"),
            ("status: agreed", "status: declined"),
            ("section: \"3\"", "section: \"2\""),
            ("  - id: N3\n", "  - id: N1\n"),
            ("category: social", "category: joint"),
            ("next_due: 2027-06-01", "next_due: 2026-12-01"),
            ("    status: active\n", "    status: ended\n"),
            ("ending: null", "ending: {date: 2027-01-01}"),
            ("schema: aftercare/v1", "schema: aftercare/v9"),
            ("needs:", "needs: [oops"),
        ];
        let mut seen_new = 0;
        for (from, to) in edits {
            let edited = VALID.replacen(from, to, 1);
            assert_ne!(edited, VALID, "{from}");
            let before = assess_plan_text(VALID, "p.yaml", &settings()).findings;
            let after = assess_plan_text(&edited, "p.yaml", &settings()).findings;
            let hashed = added(&before, &after, Finding::key);
            assert_eq!(hashed, added_pairwise(&before, &after), "{from} -> {to}");
            let found = new_findings(VALID, &edited, "p.yaml", &settings());
            let split: Vec<&Finding> = found.errors.iter().chain(&found.warnings).collect();
            assert_eq!(split.len(), hashed.len(), "{from} -> {to}");
            assert!(found.errors.iter().all(|f| f.severity == Severity::Error));
            assert!(
                found
                    .warnings
                    .iter()
                    .all(|f| f.severity == Severity::Warning)
            );
            seen_new += hashed.len();
        }
        assert!(seen_new >= edits.len(), "the edits add findings to compare");
        // Already there before: not new, even where it moved to another line.
        let moved = VALID.replace("needs:", "# a comment\nneeds:");
        let broken = VALID.replace("category: social", "category: joint");
        let broken_moved = broken.replace("needs:", "# a comment\nneeds:");
        assert!(
            new_findings(&broken, &broken_moved, "p.yaml", &settings()) == NewFindings::default()
        );
        assert!(new_findings(VALID, &moved, "p.yaml", &settings()) == NewFindings::default());
    }

    #[test]
    fn each_key_is_read_once() {
        let before: Vec<u32> = (0..1_000).collect();
        let after: Vec<u32> = (500..1_600).collect();
        let reads = Cell::new(0);
        let new = added(&before, &after, |n| {
            reads.set(reads.get() + 1);
            *n
        });
        assert_eq!(new.len(), 600);
        assert_eq!(new.first(), Some(&&1_000));
        assert_eq!(reads.get(), before.len() + after.len());
    }

    /// A plan of `count` empty needs (`- {}`): four findings each (no id, need, category or
    /// status), as in the plan that froze the app.
    fn empty_needs(count: usize) -> String {
        VALID.replace(
            "patient_voice:",
            &format!("{}patient_voice:", "  - {}\n".repeat(count)),
        )
    }

    #[test]
    fn a_big_plan_of_empty_needs_blames_only_what_an_edit_adds() {
        let text = empty_needs(3_000);
        let findings = assess_plan_text(&text, "big.yaml", &settings()).findings;
        assert!(findings.len() >= 12_000, "{}", findings.len());
        let split = text.replace("funding: {icb: 40, la: 60}", "funding: {icb: 40, la: 50}");
        let found = new_findings(&text, &split, "big.yaml", &settings());
        assert_eq!(found.errors.len(), 1, "{:?}", found.errors);
        assert!(found.errors[0].message.contains("N2"), "{:?}", found.errors);
        assert!(found.warnings.is_empty(), "{:?}", found.warnings);
        let one_more = empty_needs(3_001);
        let found = new_findings(&text, &one_more, "big.yaml", &settings());
        let new: Vec<String> = found
            .errors
            .iter()
            .chain(&found.warnings)
            .map(|f| f.path.to_string())
            .collect();
        assert_eq!(new.len(), 4, "{new:?}");
        assert!(
            new.iter().all(|path| path.starts_with("needs[3003]")),
            "{new:?}"
        );
        assert_eq!(
            new_findings(&text, &text, "big.yaml", &settings()),
            NewFindings::default()
        );
    }
}
