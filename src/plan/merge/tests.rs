//! The merge by structure on small plans: different needs merge, the same field both ways is a
//! conflict keeping ours, an edit to a need the other side ended is a conflict.

use super::*;

const BASE: &str = "schema: aftercare/v1
id: S117-9001
needs:
  - id: N1
    status: active
    review_by: 2026-12-15
  - id: N2
    status: active
reviews:
  next_due: 2026-12-01
  history:
    - date: 2025-11-20
      outcome: continue
";

fn value(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap()
}

fn merged(ours: &str, theirs: &str) -> Merged {
    merge_plans(&value(BASE), &value(ours), &value(theirs)).unwrap()
}

#[test]
fn changes_to_different_needs_are_their_edits_without_conflict() {
    let ours = BASE.replace("review_by: 2026-12-15", "review_by: 2027-01-10");
    let theirs = BASE.replace(
        "  - id: N2\n    status: active",
        "  - id: N2\n    status: on_hold",
    );
    let result = merged(&ours, &theirs);
    assert_eq!(result.conflicts, vec![]);
    assert_eq!(
        result.edits,
        vec![FieldEdit::Set {
            path: "needs.N2.status".into(),
            value: "on_hold".into()
        }]
    );
}

#[test]
fn the_same_field_changed_both_ways_keeps_ours_and_records_theirs() {
    let ours = BASE.replace("review_by: 2026-12-15", "review_by: 2027-01-10");
    let theirs = BASE.replace("review_by: 2026-12-15", "review_by: 2027-02-01");
    let result = merged(&ours, &theirs);
    assert_eq!(result.edits, vec![]);
    assert_eq!(
        result.conflicts,
        vec![Conflict {
            path: "needs.N1.review_by".into(),
            ours: "2027-01-10".into(),
            theirs: "2027-02-01".into(),
        }]
    );
}

#[test]
fn a_need_they_added_is_appended_and_a_review_they_added_too() {
    let ours = BASE.replace("next_due: 2026-12-01", "next_due: 2027-01-01");
    let theirs = format!(
        "{}      - date: 2026-11-28\n        outcome: changed\n",
        BASE.replace(
            "    status: active\nreviews",
            "    status: active\n  - id: N3\n    status: proposed\nreviews"
        )
    )
    .replace("      - date: 2026", "    - date: 2026")
    .replace("        outcome: changed", "      outcome: changed");
    let result = merged(&ours, &theirs);
    assert_eq!(result.conflicts, vec![]);
    assert_eq!(
        result.edits,
        vec![
            FieldEdit::Append {
                path: "needs".into(),
                item: value("{id: N3, status: proposed}")
            },
            FieldEdit::Append {
                path: "reviews.history".into(),
                item: value("{date: 2026-11-28, outcome: changed}")
            },
        ]
    );
}

#[test]
fn an_edit_to_a_need_the_other_side_ended_is_a_conflict() {
    let ended = BASE.replace(
        "  - id: N2\n    status: active",
        "  - id: N2\n    status: ended",
    );
    let edited = BASE.replace(
        "  - id: N2\n    status: active",
        "  - id: N2\n    status: active\n    provider: Willow House",
    );
    let ours_ended = merged(&ended, &edited);
    assert_eq!(ours_ended.edits, vec![]);
    assert_eq!(
        ours_ended.conflicts,
        vec![Conflict {
            path: "needs.N2.provider".into(),
            ours: Value::Null,
            theirs: "Willow House".into(),
        }]
    );
    let theirs_ended = merged(&edited, &ended);
    assert_eq!(theirs_ended.edits, vec![]);
    assert_eq!(
        theirs_ended.conflicts,
        vec![Conflict {
            path: "needs.N2.status".into(),
            ours: "active".into(),
            theirs: "ended".into(),
        }]
    );
}

#[test]
fn recorded_conflicts_travel_and_resolved_ones_go() {
    let entry = "conflicts:\n  - path: id\n    ours: a\n    theirs: b\n";
    let base = value(&format!("{BASE}{entry}"));
    let ours = value(&format!("{BASE}{entry}"));
    let theirs = value(BASE);
    let result = merge_plans(&base, &ours, &theirs).unwrap();
    assert_eq!(
        result.edits,
        vec![FieldEdit::Remove {
            path: "conflicts.0".into()
        }]
    );
    let result = merge_plans(&value(BASE), &value(BASE), &ours).unwrap();
    assert_eq!(result.edits.len(), 1);
    assert!(matches!(&result.edits[0], FieldEdit::Append { path, .. } if path == "conflicts"));
}

#[test]
fn a_list_without_ids_changed_both_ways_is_one_conflict() {
    let ours = format!("{BASE}crisis_plan:\n  signs: [a, b]\n");
    let theirs = format!("{BASE}crisis_plan:\n  signs: [a, c]\n");
    let base = format!("{BASE}crisis_plan:\n  signs: [a]\n");
    let result = merge_plans(&value(&base), &value(&ours), &value(&theirs)).unwrap();
    assert_eq!(result.conflicts.len(), 1);
    assert_eq!(result.conflicts[0].path, "crisis_plan.signs");
}

#[test]
fn a_side_that_is_not_a_mapping_cannot_be_merged() {
    assert!(merge_plans(&value(BASE), &value("- a"), &value(BASE)).is_err());
    assert!(is_plan(&value(BASE)));
    assert!(!is_plan(&value("name: ci\non: push\n")));
}

#[test]
fn a_conflict_entry_names_both_sides() {
    let conflict = Conflict {
        path: "needs.N1.review_by".into(),
        ours: "2027-01-10".into(),
        theirs: "2027-02-01".into(),
    };
    let theirs = SideOrigin {
        commit: Some("abc".into()),
        author: Some("A. Bello".into()),
        date: None,
    };
    let entry = conflict_entry(&conflict, &SideOrigin::default(), &theirs);
    assert_eq!(
        entry,
        value(
            "{path: needs.N1.review_by, ours: 2027-01-10, theirs: 2027-02-01, theirs_author: A. Bello, theirs_commit: abc}"
        )
    );
}
