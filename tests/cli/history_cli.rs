//! `aftercare history --since-review` on a repository made in the test: the changes since the
//! newest review a commit records, and a newer review not committed yet said plainly (the
//! same answer the app's history view formats, from `Repo::since_review`).

use std::fs;
use std::path::{Path, PathBuf};

use aftercare::commands::history::{self, HistoryArgs};

use crate::common::{git, plan_text, settings};

const PLAN: &str = "s117-9042.yaml";

/// A repository holding one plan whose review of 01 May 2026 is committed.
fn repository_with_a_committed_review() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    git(top, &["init", "-q", "-b", "main"]);
    git(top, &["config", "user.name", "Dana Coordinator"]);
    git(top, &["config", "user.email", "dana@example.invalid"]);
    git(top, &["config", "commit.gpgsign", "false"]);
    let file = top.join(PLAN);
    fs::write(&file, plan_text("2026-11-01", Some("2026-05-01"))).unwrap();
    git(top, &["add", "--", PLAN]);
    git(
        top,
        &["commit", "-q", "-m", "S117-9042: review of 01 May 2026"],
    );
    (dir, file)
}

/// `aftercare history FILE --since-review`: (exit code, what it printed).
fn since_review(file: &Path) -> (u8, String) {
    let args = HistoryArgs {
        plan: file.display().to_string(),
        dir: None,
        show: None,
        since_review: true,
    };
    let mut out = Vec::new();
    let folder = file.parent().unwrap();
    let code = history::run(&args, folder, &settings(), &mut out).unwrap();
    (code, String::from_utf8(out).unwrap())
}

#[test]
fn since_review_shows_the_changes_since_the_newest_committed_review_and_names_a_newer_one() {
    let (_dir, file) = repository_with_a_committed_review();
    // The review of 20 Nov 2026 is written in the plan but not committed.
    let newer = plan_text("2027-11-20", Some("2026-05-01"))
        + "    - date: 2026-11-20\n      outcome: continue\n";
    fs::write(&file, newer).unwrap();
    let (code, shown) = since_review(&file);
    assert_eq!(code, history::OK, "{shown}");
    assert!(
        shown.starts_with("note: the newest review (20 Nov 2026) is not committed yet"),
        "{shown}"
    );
    assert!(
        shown.contains("since the review of 01 May 2026: "),
        "{shown}"
    );
    assert!(shown.contains("Dana Coordinator"), "{shown}");
    assert!(shown.contains("+    - date: 2026-11-20"), "{shown}");
    assert!(shown.contains("+  next_due: 2027-11-20"), "{shown}");
}

#[test]
fn since_review_with_no_committed_review_says_which_review_is_not_committed() {
    let (_dir, file) = repository_with_a_committed_review();
    // A plan whose only review no commit records.
    fs::write(&file, plan_text("2027-11-20", Some("2026-11-20"))).unwrap();
    let (code, shown) = since_review(&file);
    assert_eq!(code, history::OK, "{shown}");
    assert!(
        shown.starts_with("the newest review (20 Nov 2026) is not committed yet"),
        "{shown}"
    );
}

#[test]
fn since_review_with_the_newest_review_committed_has_no_note() {
    let (_dir, file) = repository_with_a_committed_review();
    fs::write(&file, plan_text("2027-01-01", Some("2026-05-01"))).unwrap();
    let (code, shown) = since_review(&file);
    assert_eq!(code, history::OK, "{shown}");
    assert!(
        shown.starts_with("since the review of 01 May 2026: "),
        "{shown}"
    );
    assert!(!shown.contains("not committed"), "{shown}");
    assert!(shown.contains("+  next_due: 2027-01-01"), "{shown}");
}
