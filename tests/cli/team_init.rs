//! `aftercare init`: a new team's repository, an existing plans folder with history adopted
//! with every file and commit kept, run twice changing nothing, never overwriting a file it
//! did not write, and the pre-commit hook refusing errors but not warnings.

use std::fs;
use std::path::Path;

use crate::team_support::{BINARY, PLAN, Team, sample_plan, text};

fn team_folder() -> Team {
    Team {
        dir: tempfile::tempdir().unwrap(),
    }
}

fn setup(team: &Team) {
    fs::write(team.home().join("gitconfig"), "").unwrap();
}

#[test]
fn team_init_makes_a_repository_with_the_driver_the_hook_and_a_readme() {
    let team = team_folder();
    setup(&team);
    let plans = team.path("plans");
    let made = team.aftercare(team.dir.path(), "Ada", &["init", "plans"]);
    assert_eq!(made.status.code(), Some(0), "{}", text(&made));
    let attributes = fs::read_to_string(plans.join(".gitattributes")).unwrap();
    assert!(attributes.contains("\n*.yaml merge=aftercare-plan\n*.yml merge=aftercare-plan\n"));
    let driver = team.git_ok(
        &plans,
        "Ada",
        &["config", "--get", "merge.aftercare-plan.driver"],
    );
    assert!(
        driver.contains(&format!("'{BINARY}' merge-driver %O %A %B %P")),
        "{driver}"
    );
    assert!(
        driver.contains("else aftercare merge-driver %O %A %B %P"),
        "{driver}"
    );
    let hook = plans.join(".git/hooks/pre-commit");
    let script = fs::read_to_string(&hook).unwrap();
    assert!(
        script.contains(&format!("AFTERCARE='{BINARY}'")),
        "{script}"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&hook).unwrap().permissions().mode() & 0o111,
            0o111
        );
    }
    assert!(plans.join("README.md").exists());
    let branch = team.git_ok(&plans, "Ada", &["symbolic-ref", "--short", "HEAD"]);
    assert_eq!(branch.trim(), "main");
    let committed = team.git_ok(&plans, "Ada", &["ls-files"]);
    assert_eq!(committed, ".gitattributes\nREADME.md\n");
}

#[test]
fn team_init_on_a_folder_with_history_keeps_every_file_and_commit_and_runs_twice_the_same() {
    let team = team_folder();
    setup(&team);
    let plans = team.path("plans");
    fs::create_dir_all(plans.join("north")).unwrap();
    fs::write(plans.join("north").join(PLAN), sample_plan()).unwrap();
    fs::write(plans.join("README.md"), "Our own words.\n").unwrap();
    team.git_ok(&plans, "Ada", &["init", "-q", "-b", "trunk"]);
    team.git_ok(&plans, "Ada", &["add", "."]);
    team.git_ok(&plans, "Ada", &["commit", "-q", "-m", "First"]);
    fs::write(plans.join("notes.txt"), "not committed\n").unwrap();
    let before = team.head(&plans);
    let adopted = team.aftercare(&plans, "Ada", &["init", "."]);
    assert_eq!(adopted.status.code(), Some(0), "{}", text(&adopted));
    assert!(team.has_commit(&plans, &before));
    assert_eq!(
        fs::read_to_string(plans.join("north").join(PLAN)).unwrap(),
        sample_plan()
    );
    assert_eq!(
        fs::read_to_string(plans.join("README.md")).unwrap(),
        "Our own words.\n"
    );
    assert_eq!(
        fs::read_to_string(plans.join("notes.txt")).unwrap(),
        "not committed\n"
    );
    let branch = team.git_ok(&plans, "Ada", &["symbolic-ref", "--short", "HEAD"]);
    assert_eq!(branch.trim(), "trunk", "the branch is kept");
    let after_first = team.head(&plans);
    let snapshot = |dir: &Path| {
        [
            "north/s117-0042.yaml",
            "README.md",
            ".gitattributes",
            ".git/hooks/pre-commit",
            ".git/config",
        ]
        .map(|name| fs::read_to_string(dir.join(name)).unwrap())
    };
    let files = snapshot(&plans);
    let again = team.aftercare(&plans, "Ada", &["init", "."]);
    assert_eq!(again.status.code(), Some(0), "{}", text(&again));
    assert_eq!(
        team.head(&plans),
        after_first,
        "a second init commits nothing"
    );
    assert_eq!(snapshot(&plans), files, "a second init changes nothing");
}

#[test]
fn team_init_never_overwrites_a_file_it_did_not_write_and_says_what_to_add() {
    let team = team_folder();
    setup(&team);
    let plans = team.path("plans");
    fs::create_dir_all(&plans).unwrap();
    team.git_ok(&plans, "Ada", &["init", "-q", "-b", "main"]);
    fs::write(plans.join(".gitattributes"), "*.pdf binary\n").unwrap();
    fs::write(plans.join(".git/hooks/pre-commit"), "#!/bin/sh\nexit 0\n").unwrap();
    let said = team.aftercare(&plans, "Ada", &["init", "."]);
    assert_eq!(said.status.code(), Some(1), "{}", text(&said));
    let out = String::from_utf8_lossy(&said.stdout);
    assert!(out.contains("add these lines to it:\n    *.yaml merge=aftercare-plan\n    *.yml merge=aftercare-plan\n"), "{out}");
    assert!(
        out.contains("pre-commit: not written by aftercare"),
        "{out}"
    );
    assert_eq!(
        fs::read_to_string(plans.join(".gitattributes")).unwrap(),
        "*.pdf binary\n"
    );
    assert_eq!(
        fs::read_to_string(plans.join(".git/hooks/pre-commit")).unwrap(),
        "#!/bin/sh\nexit 0\n"
    );
}

#[test]
fn team_the_pre_commit_hook_refuses_a_plan_with_errors_and_lets_warnings_pass() {
    let team = team_folder();
    setup(&team);
    let plans = team.path("plans");
    let made = team.aftercare(team.dir.path(), "Ada", &["init", "plans"]);
    assert!(made.status.success(), "{}", text(&made));
    // The sample plan has warnings only (a review due soon, for one): it commits.
    fs::write(plans.join(PLAN), sample_plan()).unwrap();
    team.git_ok(&plans, "Ada", &["add", "--", PLAN]);
    let commit = team.git(&plans, "Ada", &["commit", "-q", "-m", "Plan"]);
    assert!(commit.status.success(), "{}", text(&commit));
    // A plan without its id is an error: refused, and the commit is not made.
    let before = team.head(&plans);
    fs::write(
        plans.join(PLAN),
        sample_plan().replacen("id: S117-0042\n", "", 1),
    )
    .unwrap();
    team.git_ok(&plans, "Ada", &["add", "--", PLAN]);
    let refused = team.git(&plans, "Ada", &["commit", "-q", "-m", "No id"]);
    assert!(!refused.status.success(), "{}", text(&refused));
    assert!(
        text(&refused).contains("commit refused"),
        "{}",
        text(&refused)
    );
    assert_eq!(team.head(&plans), before);
    // A YAML file that is no plan (hidden: the check skips it) is not held up.
    team.git_ok(&plans, "Ada", &["reset", "-q", "--", PLAN]);
    fs::write(plans.join(".ci.yml"), "stages: [test]\n").unwrap();
    team.git_ok(&plans, "Ada", &["add", "--", ".ci.yml"]);
    let other = team.git(&plans, "Ada", &["commit", "-q", "-m", "CI"]);
    assert!(other.status.success(), "{}", text(&other));
}

/// A folder of plans that is in no repository yet: the repository `init` makes starts with
/// those plans committed, so `aftercare sync` does not refuse them as uncommitted.
#[test]
fn team_init_on_a_plans_folder_without_git_commits_its_plans_in_the_first_commit() {
    let team = team_folder();
    setup(&team);
    let plans = team.path("plans");
    fs::create_dir_all(plans.join("north")).unwrap();
    fs::write(plans.join(PLAN), sample_plan()).unwrap();
    fs::write(
        plans.join("north").join("other.yaml"),
        sample_plan().replace("S117-0042", "S117-0043"),
    )
    .unwrap();
    let made = team.aftercare(team.dir.path(), "Ada", &["init", "plans"]);
    assert_eq!(made.status.code(), Some(0), "{}", text(&made));
    assert!(
        String::from_utf8_lossy(&made.stdout).contains("the folder's 2 plans"),
        "{}",
        text(&made)
    );
    let committed = team.git_ok(&plans, "Ada", &["ls-files"]);
    assert_eq!(
        committed,
        format!(".gitattributes\nREADME.md\nnorth/other.yaml\n{PLAN}\n")
    );
    let status = team.git_ok(&plans, "Ada", &["status", "--porcelain"]);
    assert_eq!(status, "", "nothing left uncommitted");
}
