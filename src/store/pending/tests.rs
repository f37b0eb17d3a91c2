//! Pending changes on real sample text: the diff they make, refusals, re-applying after an
//! external change, and read-only files and folders.

use std::fs;

use chrono::NaiveDate;

use super::*;
use crate::plan::change::{funding_for, need_value};
use crate::plan::model::{Category, Need, NeedStatus, Review, ReviewOutcome};
use crate::store::diff::line_counts;

const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/plans/north/s117-0042.yaml");

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn settings() -> RuleSettings {
    RuleSettings::new(date("2026-11-28"))
}

fn copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    fs::copy(SAMPLE, &path).unwrap();
    (dir, path)
}

fn opened(path: &Path) -> Opened {
    open(path, "plan.yaml", &settings()).unwrap()
}

#[test]
fn a_date_change_is_a_one_line_diff_and_is_written() {
    let (_dir, path) = copy();
    let opened = opened(&path);
    let plan = opened.file.plan.clone().unwrap();
    let change = Change::PlanNextDue {
        from: plan.reviews.next_due,
        to: date("2027-02-28"),
    };
    let preview = preview(&opened.loaded, &[change], &settings()).unwrap();
    assert!(preview.new_errors.is_empty());
    assert_eq!(
        line_counts(&opened.loaded.text, &preview.pending.text),
        (1, 1)
    );
    assert!(preview.pending.diff.contains("+  next_due: \"2027-02-28\""));
    write(&opened.loaded, &preview).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), preview.pending.text);
}

#[test]
fn a_review_with_a_new_need_appends_in_the_file_style() {
    let (_dir, path) = copy();
    let opened = opened(&path);
    let plan = opened.file.plan.clone().unwrap();
    let need = Need {
        id: Some("N6".into()),
        need: Some("Employment support".into()),
        category: Some(Category::Social),
        funding: Some(funding_for(Category::Social, None)),
        status: Some(NeedStatus::Agreed),
        since: Some(date("2026-11-28")),
        ..Need::default()
    };
    let add = Change::AddNeed(need.clone());
    let funding = Change::NeedCategory {
        need: "N3".into(),
        need_text: plan.need_by_id("N3").unwrap().need.clone(),
        from: (
            Some(Category::Joint),
            plan.need_by_id("N3").unwrap().funding,
        ),
        to: (Category::Joint, funding_for(Category::Joint, Some(40))),
    };
    let review = Change::RecordReview {
        review: Review {
            date: Some(date("2026-11-28")),
            attendees: vec!["person".into(), "care coordinator".into()],
            person_involved: Some(true),
            outcome: Some(ReviewOutcome::Changed),
            changes: vec![add.describe(), funding.describe()],
        },
        next_due_from: plan.reviews.next_due,
        next_due: date("2027-11-28"),
    };
    let preview = preview(&opened.loaded, &[add, funding, review], &settings()).unwrap();
    assert!(preview.new_errors.is_empty(), "{:?}", preview.new_errors);
    let diff = &preview.pending.diff;
    assert!(diff.contains("+  - id: N6\n"), "{diff}");
    assert!(
        diff.contains(
            "+      changes: [N6 added (social), N3 funding ICB 50/LA 50 -> ICB 40/LA 60]\n"
        ),
        "{diff}"
    );
    assert!(diff.contains("+  next_due: \"2027-11-28\"\n"), "{diff}");
    assert!(!need_value(&need).is_null());
}

#[test]
fn a_change_that_adds_an_error_is_refused_and_nothing_is_written() {
    let (_dir, path) = copy();
    let opened = opened(&path);
    let plan = opened.file.plan.clone().unwrap();
    let change = Change::NeedCategory {
        need: "N2".into(),
        need_text: plan.need_by_id("N2").unwrap().need.clone(),
        from: (
            Some(Category::Joint),
            plan.need_by_id("N2").unwrap().funding,
        ),
        to: (Category::Joint, funding_for(Category::Joint, Some(100))),
    };
    let preview = preview(&opened.loaded, &[change], &settings()).unwrap();
    assert_eq!(preview.new_errors.len(), 1, "{:?}", preview.new_errors);
    assert!(write(&opened.loaded, &preview).is_err());
    assert_eq!(fs::read_to_string(&path).unwrap(), opened.loaded.text);
}

#[test]
fn after_an_external_change_what_still_applies_is_kept() {
    let (_dir, path) = copy();
    let opened = opened(&path);
    let plan = opened.file.plan.clone().unwrap();
    let groups = vec![
        vec![Change::NeedStatus {
            need: "N3".into(),
            need_text: plan.need_by_id("N3").unwrap().need.clone(),
            from: Some(NeedStatus::Proposed),
            to: NeedStatus::Agreed,
        }],
        vec![Change::PlanNextDue {
            from: plan.reviews.next_due,
            to: date("2027-02-28"),
        }],
    ];
    let theirs = opened
        .loaded
        .text
        .replace("    status: proposed\n", "    status: on_hold\n");
    fs::write(&path, &theirs).unwrap();
    let preview_before = preview(&opened.loaded, &groups.concat(), &settings()).unwrap();
    assert!(matches!(
        write(&opened.loaded, &preview_before),
        Err(WriteError::ChangedOnDisk { .. })
    ));
    assert_eq!(fs::read_to_string(&path).unwrap(), theirs);
    let again = reload_and_reapply(&path, "plan.yaml", &settings(), &groups).unwrap();
    assert_eq!(again.kept, vec![1]);
    assert_eq!(again.dropped.len(), 1);
    assert_eq!(again.dropped[0].0, 0);
    assert!(
        again.dropped[0].1.contains("N3 status is now on_hold"),
        "{:?}",
        again.dropped
    );
    assert_eq!(again.opened.loaded.text, theirs);
}

/// The sample with N1 and N2 swapped: each record keeps its text and fields, the ids change
/// places (both are active, so a status change's `from` fits either).
fn ids_swapped(text: &str) -> String {
    text.replace("  - id: N1\n", "  - id: N0\n")
        .replace("  - id: N2\n", "  - id: N1\n")
        .replace("  - id: N0\n", "  - id: N2\n")
}

#[test]
fn a_change_to_a_need_whose_id_was_swapped_on_disk_is_dropped_saying_why() {
    let (_dir, path) = copy();
    let opened = opened(&path);
    let plan = opened.file.plan.clone().unwrap();
    let n1 = plan.need_by_id("N1").unwrap();
    let groups = vec![
        vec![Change::NeedStatus {
            need: "N1".into(),
            need_text: n1.need.clone(),
            from: n1.status,
            to: NeedStatus::OnHold,
        }],
        vec![Change::PlanNextDue {
            from: plan.reviews.next_due,
            to: date("2027-02-28"),
        }],
    ];
    let theirs = ids_swapped(&opened.loaded.text);
    fs::write(&path, &theirs).unwrap();
    let again = reload_and_reapply(&path, "plan.yaml", &settings(), &groups).unwrap();
    assert_eq!(again.kept, vec![1]);
    let [(0, why)] = again.dropped.as_slice() else {
        panic!("the N1 change dropped: {:?}", again.dropped)
    };
    assert!(
        why.starts_with("N1 is now 'Supported living placement, 24-hour")
            && why.contains(", not 'Clozapine monitoring (FBC, clozapine")
            && why.ends_with("' as when the change was made"),
        "{why}"
    );
    // What is written is the kept change alone: neither need's status moves.
    let kept: Vec<Change> = again.kept.iter().flat_map(|&i| groups[i].clone()).collect();
    let shown = preview(&again.opened.loaded, &kept, &settings()).unwrap();
    assert!(
        !shown.pending.diff.contains("status"),
        "{}",
        shown.pending.diff
    );
}

#[test]
fn a_review_changing_a_need_text_and_its_status_is_kept_on_reload() {
    let (_dir, path) = copy();
    let opened = opened(&path);
    let plan = opened.file.plan.clone().unwrap();
    let n1 = plan.need_by_id("N1").unwrap();
    // One group, made at once on the plan as it was: the status change names the old text.
    let review = vec![
        Change::NeedText {
            need: "N1".into(),
            need_text: n1.need.clone(),
            field: crate::plan::change::NeedTextField::Need,
            from: n1.need.clone(),
            to: "Clozapine monitoring, monthly".into(),
        },
        Change::NeedStatus {
            need: "N1".into(),
            need_text: n1.need.clone(),
            from: n1.status,
            to: NeedStatus::OnHold,
        },
    ];
    let theirs = format!("# edited elsewhere\n{}", opened.loaded.text);
    fs::write(&path, &theirs).unwrap();
    let again = reload_and_reapply(&path, "plan.yaml", &settings(), &[review]).unwrap();
    assert_eq!(again.kept, vec![0], "{:?}", again.dropped);
}

#[cfg(unix)]
#[test]
fn read_only_files_and_folders_are_refused_before_editing() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, path) = copy();
    assert_eq!(why_not_editable(&opened(&path).loaded), None);
    fs::set_permissions(&path, fs::Permissions::from_mode(0o444)).unwrap();
    let why = why_not_editable(&opened(&path).loaded).unwrap();
    assert!(why.starts_with("read-only: the file"), "{why}");
    fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
    let why = why_not_editable(&opened(&path).loaded).unwrap();
    fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
    assert!(why.contains("folder"), "{why}");
}

#[test]
fn anchors_make_a_plan_uneditable_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("plan.yaml");
    let text = fs::read_to_string(SAMPLE)
        .unwrap()
        .replace(
            "  icb: NHS North Central London ICB",
            "  icb: &icb NHS North Central London ICB",
        )
        .replace("crisis_plan:\n", "crisis_plan:\n  also: *icb\n");
    fs::write(&path, text).unwrap();
    let opened = opened(&path);
    // Aliases are read-only where an edit reaches them; the file as a whole may still be edited.
    let _ = why_not_editable(&opened.loaded);
}

/// N2 joint with the ICB paying it all (rule 5 wants both shares non-zero).
fn all_to_the_icb(plan: &crate::plan::model::Plan) -> Change {
    Change::NeedCategory {
        need: "N2".into(),
        need_text: plan.need_by_id("N2").unwrap().need.clone(),
        from: (
            Some(Category::Joint),
            plan.need_by_id("N2").unwrap().funding,
        ),
        to: (Category::Joint, funding_for(Category::Joint, Some(100))),
    }
}

#[test]
fn a_preview_says_what_the_changes_break_from_its_own_findings() {
    let (_dir, path) = copy();
    let opened = opened(&path);
    let plan = opened.file.plan.clone().unwrap();
    let change = all_to_the_icb(&plan);
    let shown = preview(&opened.loaded, std::slice::from_ref(&change), &settings()).unwrap();
    assert_eq!(shown.findings.errors.len(), 1, "{:?}", shown.findings);
    let issues = shown.issues();
    assert_eq!(
        issues.errors,
        vec![shown.findings.errors[0].message.clone()]
    );
    // What the plan-level check (once made a second time per preview) says too.
    assert_eq!(
        issues,
        crate::plan::pending::new_issues(&plan, &[change], &settings())
    );
}

#[test]
fn a_write_that_adds_an_error_is_refused_in_the_words_the_app_and_set_say() {
    let (_dir, path) = copy();
    let opened = opened(&path);
    let change = all_to_the_icb(opened.file.plan.as_ref().unwrap());
    let shown = preview(&opened.loaded, &[change], &settings()).unwrap();
    let refusal = added_error_refusal(&shown.new_errors).unwrap();
    assert_eq!(
        refusal,
        format!(
            "refused, nothing was written: the changes would add an error ({})",
            shown.new_errors[0]
        )
    );
    let error = write(&opened.loaded, &shown).unwrap_err().to_string();
    assert!(
        error.contains(refusal.trim_start_matches("refused, nothing was written: ")),
        "{error}"
    );
    assert_eq!(fs::read_to_string(&path).unwrap(), opened.loaded.text);
    let two = vec!["1:1 one".to_owned(), "2:2 two".to_owned()];
    assert!(
        added_error_refusal(&two)
            .unwrap()
            .ends_with("(1:1 one) and 1 more")
    );
    assert_eq!(added_error_refusal(&[]), None);
}

#[test]
fn a_held_plan_is_written_under_its_lock_and_lets_go_when_dropped() {
    let (dir, path) = copy();
    let held = open_held(dir.path(), &path, true).unwrap();
    // While held, another writer finds the plan busy (after the short wait).
    let other = Loaded::read(&path).unwrap();
    let plan = opened(&path).file.plan.unwrap();
    let change = Change::PlanNextDue {
        from: plan.reviews.next_due,
        to: date("2027-02-28"),
    };
    let theirs = preview(&other, std::slice::from_ref(&change), &settings()).unwrap();
    assert!(matches!(
        write(&other, &theirs),
        Err(WriteError::Busy { .. })
    ));
    let shown = preview(&held.loaded, &[change], &settings()).unwrap();
    write_held(&held, &shown).unwrap();
    assert_eq!(fs::read_to_string(&path).unwrap(), shown.pending.text);
    drop(held);
    let again = open_held(dir.path(), &path, true).unwrap();
    assert_eq!(again.loaded.text, shown.pending.text);
}

#[test]
fn a_plan_outside_the_folder_is_not_held() {
    let (dir, path) = copy();
    let elsewhere = tempfile::tempdir().unwrap();
    assert!(matches!(
        open_held(elsewhere.path(), &path, false),
        Err(WriteError::Outside { .. })
    ));
    assert!(open_held(dir.path(), &path, false).is_ok());
}
