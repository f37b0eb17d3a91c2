//! Rule 27: a merge conflict recorded in the plan (`conflicts:`) is a conflict to resolve,
//! shown with both values and who made each, until a person chooses one.

use super::root;
use crate::plan::finding::{Check, Issue};
use crate::plan::model::{Plan, RecordedConflict};

/// The rule's number.
pub const CONFLICT_RULE: u8 = 27;

/// Rule 27: one warning per recorded conflict.
pub fn conflicts_to_resolve(plan: &Plan) -> Vec<Issue> {
    plan.conflicts
        .iter()
        .enumerate()
        .map(|(index, conflict)| {
            Issue::warning(
                Check::Rule(CONFLICT_RULE),
                root().key("conflicts").index(index),
                conflict_message(conflict),
            )
        })
        .collect()
}

/// `conflict to resolve: needs.N1.review_by is 2027-01-10 here (A. Bello, 2026-11-30); the
/// other change made it 2027-02-01 (B. Khan, 2026-11-29)`.
pub fn conflict_message(conflict: &RecordedConflict) -> String {
    format!(
        "conflict to resolve: `{}` is {} here ({}); the other change made it {} ({}); choose one",
        conflict.path.as_deref().unwrap_or("?"),
        RecordedConflict::shown(&conflict.ours),
        RecordedConflict::who(&conflict.ours_author, &conflict.ours_date),
        RecordedConflict::shown(&conflict.theirs),
        RecordedConflict::who(&conflict.theirs_author, &conflict.theirs_date),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::parse::parse_plan;

    #[test]
    fn a_recorded_conflict_loads_and_is_a_warning_to_resolve() {
        let text = include_str!("../../../plans/north/s117-0042.yaml");
        let text = format!(
            "{text}conflicts:\n  - path: needs.N1.review_by\n    ours: 2027-01-10\n    theirs: 2027-02-01\n    theirs_author: B. Khan\n    theirs_date: 2026-11-29T10:00:00+00:00\n"
        );
        let parsed = parse_plan(&text).unwrap();
        assert!(
            parsed
                .issues
                .iter()
                .all(|issue| issue.check != Check::Rule(12)),
            "{:?}",
            parsed.issues
        );
        let issues = conflicts_to_resolve(&parsed.plan);
        assert_eq!(issues.len(), 1);
        assert_eq!(
            issues[0].message,
            "conflict to resolve: `needs.N1.review_by` is 2027-01-10 here (unknown); the other change made it 2027-02-01 (B. Khan, 2026-11-29); choose one"
        );
    }
}
