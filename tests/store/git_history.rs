//! Git features on temporary repositories made in the test: history with a rename, a plan
//! with uncommitted changes, unrelated staged files left alone by the app's commit, no
//! repository, and no git on PATH.

use std::fs;
use std::process::Command;

use aftercare::store::git::{GitError, Repo};

use crate::common::{git, plan_text};

/// A repository with one plan committed three times, the last time renamed into a folder.
fn repo_with_history() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["config", "user.name", "Test Author"]);
    git(root, &["config", "user.email", "author@example.invalid"]);
    fs::write(root.join("s117-9042.yaml"), plan_text("2026-06-01", None)).unwrap();
    git(root, &["add", "."]);
    git(root, &["commit", "-q", "-m", "S117-9042: new plan"]);
    fs::write(
        root.join("s117-9042.yaml"),
        plan_text("2027-02-01", Some("2026-02-01")),
    )
    .unwrap();
    git(
        root,
        &[
            "commit",
            "-q",
            "-am",
            "S117-9042: review 01 Feb 2026, next due 01 Feb 2027",
        ],
    );
    fs::create_dir(root.join("north")).unwrap();
    git(root, &["mv", "s117-9042.yaml", "north/s117-9042.yaml"]);
    git(
        root,
        &["commit", "-q", "-m", "Move S117-9042 to the north team"],
    );
    dir
}

#[test]
fn history_follows_a_rename_and_shows_each_commit() {
    let dir = repo_with_history();
    let file = dir.path().join("north/s117-9042.yaml");
    let repo = Repo::find(&dir.path().join("north")).unwrap();
    let commits = repo.log(&file).unwrap();
    let subjects: Vec<&str> = commits
        .iter()
        .map(|commit| commit.subject.as_str())
        .collect();
    assert_eq!(
        subjects,
        [
            "Move S117-9042 to the north team",
            "S117-9042: review 01 Feb 2026, next due 01 Feb 2027",
            "S117-9042: new plan"
        ]
    );
    assert_eq!(commits[0].path, "north/s117-9042.yaml");
    assert_eq!(
        commits[2].path, "s117-9042.yaml",
        "the old name before the rename"
    );
    assert_eq!(commits[1].author, "Test Author");
    assert!(commits[1].date.starts_with("20"), "{}", commits[1].date);
    let review_diff = repo.show(&commits[1]).unwrap();
    assert!(
        review_diff.contains("-  next_due: 2026-06-01"),
        "{review_diff}"
    );
    assert!(
        review_diff.contains("+    - date: 2026-02-01"),
        "{review_diff}"
    );
}

#[test]
fn since_last_review_diffs_the_working_file_against_the_review_commit() {
    let dir = repo_with_history();
    let file = dir.path().join("north/s117-9042.yaml");
    fs::write(&file, plan_text("2027-03-15", Some("2026-02-01"))).unwrap();
    let repo = Repo::find(dir.path()).unwrap();
    let commit = repo
        .commit_recording(&file, "2026-02-01")
        .unwrap()
        .expect("found");
    assert_eq!(
        commit.subject,
        "S117-9042: review 01 Feb 2026, next due 01 Feb 2027"
    );
    let diff = repo.diff_since(&commit, &file).unwrap();
    assert!(
        diff.contains("-  next_due: 2027-02-01\n+  next_due: 2027-03-15"),
        "{diff}"
    );
    assert!(
        repo.commit_recording(&file, "1999-01-01")
            .unwrap()
            .is_none()
    );
}

#[test]
fn uncommitted_plans_are_known() {
    let dir = repo_with_history();
    let root = dir.path();
    let repo = Repo::find(root).unwrap();
    assert!(repo.uncommitted().unwrap().is_empty());
    fs::write(
        root.join("north/s117-9042.yaml"),
        plan_text("2027-04-01", None),
    )
    .unwrap();
    fs::write(
        root.join("north/new plan.yaml"),
        plan_text("2027-04-01", None),
    )
    .unwrap();
    let dirty = repo.uncommitted().unwrap();
    let top = fs::canonicalize(root).unwrap();
    let canonical: Vec<_> = dirty
        .iter()
        .map(|path| fs::canonicalize(path).unwrap())
        .collect();
    assert!(
        canonical.contains(&top.join("north/s117-9042.yaml")),
        "{dirty:?}"
    );
    assert!(
        canonical.contains(&top.join("north/new plan.yaml")),
        "untracked too: {dirty:?}"
    );
}

#[test]
fn the_apps_commit_takes_only_the_plan_file() {
    let dir = repo_with_history();
    let root = dir.path();
    fs::write(root.join("unrelated.txt"), "staged by someone else\n").unwrap();
    git(root, &["add", "unrelated.txt"]);
    let file = root.join("north/s117-9042.yaml");
    fs::write(&file, plan_text("2027-05-01", Some("2026-02-01"))).unwrap();
    let repo = Repo::find(root).unwrap();
    repo.commit_file(&file, "S117-9042: next review -> 01 May 2027")
        .unwrap();
    let files = git(root, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(files.trim(), "north/s117-9042.yaml");
    let staged = git(root, &["diff", "--cached", "--name-only"]);
    assert_eq!(staged.trim(), "unrelated.txt", "still staged, not swept in");
    assert_eq!(
        git(root, &["log", "-1", "--format=%s"]).trim(),
        "S117-9042: next review -> 01 May 2027"
    );
}

#[test]
fn a_refused_commit_reports_gits_message() {
    let dir = repo_with_history();
    let root = dir.path();
    let hook = root.join(".git/hooks/pre-commit");
    fs::write(
        &hook,
        "#!/bin/sh\necho 'commits are frozen today' >&2\nexit 1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let file = root.join("north/s117-9042.yaml");
    fs::write(&file, plan_text("2027-06-01", None)).unwrap();
    let error = Repo::find(root)
        .unwrap()
        .commit_file(&file, "S117-9042: x")
        .unwrap_err();
    assert!(
        matches!(&error, GitError::Failed(message) if message.contains("commits are frozen")),
        "{error}"
    );
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        plan_text("2027-06-01", None),
        "the file stays written"
    );
}

/// A pre-commit hook that refuses every commit.
fn refuse_commits(root: &std::path::Path) {
    let hook = root.join(".git/hooks/pre-commit");
    fs::write(
        &hook,
        "#!/bin/sh\necho 'commits are frozen today' >&2\nexit 1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }
}

#[test]
fn a_refused_commit_leaves_the_index_as_it_was() {
    let dir = repo_with_history();
    let root = dir.path();
    refuse_commits(root);
    fs::write(root.join("unrelated.txt"), "staged by someone else\n").unwrap();
    git(root, &["add", "unrelated.txt"]);
    let file = root.join("north/s117-9042.yaml");
    fs::write(&file, plan_text("2027-06-01", None)).unwrap();
    let new_plan = root.join("north/s117-9043.yaml");
    fs::write(&new_plan, plan_text("2027-01-01", None)).unwrap();
    let before = git(root, &["status", "--porcelain=v1"]);
    assert!(before.contains(" M north/s117-9042.yaml"), "{before}");
    let repo = Repo::find(root).unwrap();
    assert!(repo.commit_file(&file, "S117-9042: x").is_err());
    assert!(repo.commit_file(&new_plan, "S117-9043: new plan").is_err());
    assert_eq!(
        git(root, &["status", "--porcelain=v1"]),
        before,
        "nothing staged by a refused commit, the other staged file still staged"
    );
}

#[test]
fn no_repository_is_an_answer() {
    let dir = tempfile::tempdir().unwrap();
    let error = Repo::find(dir.path()).unwrap_err();
    assert!(matches!(error, GitError::NotARepository(_)), "{error:?}");
    assert!(error.to_string().contains("not in a git repository"));
}

#[test]
fn no_git_on_path_is_an_answer_not_a_crash() {
    let dir = repo_with_history();
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .args(["history", "north/s117-9042.yaml"])
        .current_dir(dir.path())
        .env("PATH", "")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(text.contains("git is not installed"), "{text}");
    // With git, the same command lists the history.
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .args(["history", "north/s117-9042.yaml"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stdout).lines().count(), 3);
}

#[test]
fn file_names_starting_with_a_dash_are_not_options() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    git(root, &["config", "user.name", "Test Author"]);
    git(root, &["config", "user.email", "author@example.invalid"]);
    let file = root.join("--output=x.yaml");
    fs::write(&file, plan_text("2027-01-01", None)).unwrap();
    let repo = Repo::find(root).unwrap();
    repo.commit_file(&file, "S117-9042: new plan").unwrap();
    assert_eq!(repo.log(&file).unwrap().len(), 1);
    assert!(!root.join("x.yaml").exists());
}
