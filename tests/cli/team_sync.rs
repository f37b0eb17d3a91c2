//! Two people, one plan, a bare repository as the team's server: `aftercare sync` with the plan
//! merge driver. Different needs merge with every other byte kept; one field changed both
//! ways is a conflict recorded in the plan (which still loads); nothing local is ever lost.

use std::fs;

use crate::team_support::{PLAN, Team, sample_plan, text};

const N1_REVIEW: &str = "    review_by: 2027-04-30\n";
const N1_SINCE: &str = "    since: 2024-04-22\n    review_by";
const N2_PROVIDER: &str = "    provider: Willow House\n";

#[test]
fn team_two_clones_edit_different_needs_and_both_changes_arrive_byte_for_byte() {
    let team = Team::new();
    let ada = team.clone_for("Ada");
    let ben = team.clone_for("Ben");
    team.edit_and_commit(&ada, "Ada", N1_REVIEW, "    review_by: 2027-05-31\n");
    team.edit_and_commit(
        &ben,
        "Ben",
        N2_PROVIDER,
        "    provider: Willow House Trust\n",
    );
    for (clone, person) in [(&ada, "Ada"), (&ben, "Ben"), (&ada, "Ada")] {
        let synced = team.sync(clone, person);
        assert_eq!(synced.status.code(), Some(0), "{}", text(&synced));
    }
    let expected = sample_plan()
        .replacen(N1_REVIEW, "    review_by: 2027-05-31\n", 1)
        .replacen(N2_PROVIDER, "    provider: Willow House Trust\n", 1);
    assert_eq!(team.plan(&ada), expected);
    assert_eq!(team.plan(&ben), expected);
    let graph = team.git_ok(&ben, "Ben", &["log", "--merges", "--format=%s"]);
    assert!(
        graph.contains("Merge"),
        "the merge is in the history: {graph}"
    );
}

#[test]
fn team_adjacent_fields_of_one_need_merge_where_git_lines_would_conflict() {
    let team = Team::new();
    let ada = team.clone_for("Ada");
    let ben = team.clone_for("Ben");
    team.edit_and_commit(
        &ada,
        "Ada",
        N1_SINCE,
        "    since: 2024-05-01\n    review_by",
    );
    team.edit_and_commit(&ben, "Ben", N1_REVIEW, "    review_by: 2027-03-31\n");
    assert!(team.sync(&ada, "Ada").status.success());
    let synced = team.sync(&ben, "Ben");
    assert_eq!(synced.status.code(), Some(0), "{}", text(&synced));
    let expected = sample_plan()
        .replacen(N1_SINCE, "    since: 2024-05-01\n    review_by", 1)
        .replacen(N1_REVIEW, "    review_by: 2027-03-31\n", 1);
    assert_eq!(team.plan(&ben), expected);
    assert!(!team.plan(&ben).contains("conflicts:"));
}

#[test]
fn team_one_field_changed_both_ways_is_a_conflict_listed_and_the_plan_loads() {
    let team = Team::new();
    let ada = team.clone_for("Ada");
    let ben = team.clone_for("Ben");
    let ada_commit = team.edit_and_commit(&ada, "Ada", N1_REVIEW, "    review_by: 2027-06-01\n");
    let ben_commit = team.edit_and_commit(&ben, "Ben", N1_REVIEW, "    review_by: 2027-07-01\n");
    assert!(team.sync(&ada, "Ada").status.success());
    let synced = team.sync(&ben, "Ben");
    assert_eq!(synced.status.code(), Some(0), "{}", text(&synced));
    assert!(
        String::from_utf8_lossy(&synced.stdout).contains("1 conflict to resolve"),
        "{}",
        text(&synced)
    );
    let plan = team.plan(&ben);
    assert!(
        plan.contains("    review_by: 2027-07-01\n"),
        "ours kept: {plan}"
    );
    assert!(
        plan.contains("conflicts:\n  - path: needs.N1.review_by\n"),
        "{plan}"
    );
    assert!(
        plan.contains("theirs: \"2027-06-01\""),
        "theirs recorded: {plan}"
    );
    assert!(plan.contains("theirs_author: Ada"), "who: {plan}");
    assert!(plan.contains("ours_author: Ben"), "who: {plan}");
    // Everything above the new list is our file, byte for byte.
    let ours = sample_plan().replacen(N1_REVIEW, "    review_by: 2027-07-01\n", 1);
    assert!(plan.starts_with(&ours), "{plan}");
    let checked = team.aftercare(&ben, "Ben", &["check", "."]);
    assert_eq!(checked.status.code(), Some(0), "{}", text(&checked));
    let said = String::from_utf8_lossy(&checked.stdout);
    assert!(
        said.contains("conflict to resolve: `needs.N1.review_by` is 2027-07-01 here (Ben,")
            && said.contains("the other change made it 2027-06-01 (Ada,"),
        "{said}"
    );
    assert!(team.has_commit(&ben, &ada_commit) && team.has_commit(&ben, &ben_commit));
    // The plan's history lists the merge that recorded the conflict, by who made it.
    let history = team.aftercare(&ben, "Ben", &["history", PLAN]);
    let listed = String::from_utf8_lossy(&history.stdout);
    assert!(
        listed
            .lines()
            .any(|line| line.contains("Ben") && line.contains("Merge")),
        "{}",
        text(&history)
    );
    // Ada gets the recorded conflict too.
    assert!(team.sync(&ada, "Ada").status.success());
    assert_eq!(team.plan(&ada), plan);
}

#[test]
fn team_an_edit_to_a_need_the_other_ended_is_a_conflict() {
    let team = Team::new();
    let ada = team.clone_for("Ada");
    let ben = team.clone_for("Ben");
    let n2_status = "    funding: {icb: 40, la: 60}\n    status: active\n";
    team.edit_and_commit(
        &ada,
        "Ada",
        n2_status,
        "    funding: {icb: 40, la: 60}\n    status: ended\n",
    );
    team.edit_and_commit(
        &ben,
        "Ben",
        N2_PROVIDER,
        "    provider: Willow House Trust\n",
    );
    assert!(team.sync(&ada, "Ada").status.success());
    let synced = team.sync(&ben, "Ben");
    assert_eq!(synced.status.code(), Some(0), "{}", text(&synced));
    let plan = team.plan(&ben);
    assert!(
        plan.contains("  - path: needs.N2.status\n    ours: active\n    theirs: ended\n"),
        "{plan}"
    );
    assert!(
        plan.contains("    provider: Willow House Trust\n"),
        "{plan}"
    );
}

#[test]
fn team_a_plan_that_cannot_be_merged_by_structure_leaves_the_branch_as_it_was() {
    let team = Team::new();
    let ada = team.clone_for("Ada");
    let ben = team.clone_for("Ben");
    // Ada's plan is broken YAML (committed past the hook); Ben changed the same line.
    let file = ada.join(PLAN);
    let broken = sample_plan().replacen(N1_REVIEW, "    review_by: [2027-06-01\n", 1);
    fs::write(&file, broken).unwrap();
    team.git_ok(
        &ada,
        "Ada",
        &["commit", "-q", "--no-verify", "-a", "-m", "Broken"],
    );
    team.git_ok(&ada, "Ada", &["push", "-q"]);
    let ben_commit = team.edit_and_commit(&ben, "Ben", N1_REVIEW, "    review_by: 2027-07-01\n");
    let synced = team.sync(&ben, "Ben");
    assert_eq!(synced.status.code(), Some(1), "{}", text(&synced));
    assert!(
        String::from_utf8_lossy(&synced.stderr).contains("could not be merged here"),
        "{}",
        text(&synced)
    );
    assert_eq!(team.head(&ben), ben_commit, "the branch is as it was");
    assert_eq!(
        team.plan(&ben),
        sample_plan().replacen(N1_REVIEW, "    review_by: 2027-07-01\n", 1)
    );
    let status = team.git_ok(&ben, "Ben", &["status", "--porcelain"]);
    assert_eq!(status, "", "no merge left half done");
}

#[test]
fn team_sync_refuses_while_a_plan_has_changes_not_committed_and_names_it() {
    let team = Team::new();
    let ada = team.clone_for("Ada");
    let file = ada.join(PLAN);
    let changed = sample_plan().replacen(N1_REVIEW, "    review_by: 2027-01-01\n", 1);
    fs::write(&file, &changed).unwrap();
    let synced = team.sync(&ada, "Ada");
    assert_eq!(synced.status.code(), Some(1), "{}", text(&synced));
    let said = String::from_utf8_lossy(&synced.stderr);
    assert!(said.contains("not committed: s117-0042.yaml"), "{said}");
    assert_eq!(
        fs::read_to_string(&file).unwrap(),
        changed,
        "the change is kept"
    );
}

#[test]
fn team_server_gone_says_offline_and_counts_the_commits_not_shared() {
    let team = Team::new();
    let ada = team.clone_for("Ada");
    let first = team.edit_and_commit(&ada, "Ada", N1_REVIEW, "    review_by: 2027-01-01\n");
    let second = team.edit_and_commit(&ada, "Ada", N2_PROVIDER, "    provider: Elm Court\n");
    fs::rename(team.path("server.git"), team.path("server-away.git")).unwrap();
    let synced = team.sync(&ada, "Ada");
    assert_eq!(synced.status.code(), Some(1), "{}", text(&synced));
    let said = String::from_utf8_lossy(&synced.stderr);
    assert!(said.contains("could not be reached"), "{said}");
    assert!(said.contains("2 commits not yet shared"), "{said}");
    assert_eq!(team.head(&ada), second);
    assert!(team.has_commit(&ada, &first));
    fs::rename(team.path("server-away.git"), team.path("server.git")).unwrap();
    let synced = team.sync(&ada, "Ada");
    assert_eq!(synced.status.code(), Some(0), "{}", text(&synced));
    let server_head = team.git_ok(&team.path("server.git"), "Ada", &["rev-parse", "main"]);
    assert_eq!(server_head.trim(), second);
}

#[test]
fn team_a_push_rejected_is_fetched_merged_and_pushed_again_once() {
    let team = Team::new();
    let ada = team.clone_for("Ada");
    let ben = team.clone_for("Ben");
    team.edit_and_commit(&ben, "Ben", N2_PROVIDER, "    provider: Elm Court\n");
    // Ada's pre-push hook lets Ben push first, once: Ada's first push is then rejected.
    let hook = ada.join(".git/hooks/pre-push");
    let flag = team.path("ben-pushed");
    fs::write(
        &hook,
        format!(
            "#!/bin/sh\n[ -e '{flag}' ] && exit 0\ntouch '{flag}'\nunset GIT_DIR GIT_WORK_TREE GIT_INDEX_FILE\ncd '{ben}' && git push -q\n",
            flag = flag.display(),
            ben = ben.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let ada_commit = team.edit_and_commit(&ada, "Ada", N1_REVIEW, "    review_by: 2027-01-01\n");
    let synced = team.sync(&ada, "Ada");
    assert_eq!(synced.status.code(), Some(0), "{}", text(&synced));
    assert!(
        String::from_utf8_lossy(&synced.stdout).contains("second try"),
        "{}",
        text(&synced)
    );
    assert!(team.has_commit(&ada, &ada_commit));
    assert!(team.plan(&ada).contains("    provider: Elm Court\n"));
    let server_head = team.git_ok(&team.path("server.git"), "Ada", &["rev-parse", "main"]);
    assert_eq!(server_head.trim(), team.head(&ada));
}

#[test]
fn team_server_gone_mid_sync_after_the_merge_keeps_every_local_commit() {
    let team = Team::new();
    let ada = team.clone_for("Ada");
    let ben = team.clone_for("Ben");
    team.edit_and_commit(&ben, "Ben", N2_PROVIDER, "    provider: Elm Court\n");
    assert!(team.sync(&ben, "Ben").status.success());
    // The server goes away after Ada's sync fetched and merged, as it pushes.
    let hook = ada.join(".git/hooks/pre-push");
    let server = team.path("server.git");
    let away = team.path("server-away.git");
    fs::write(
        &hook,
        format!(
            "#!/bin/sh\nmv '{}' '{}'\nexit 1\n",
            server.display(),
            away.display()
        ),
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mine = team.edit_and_commit(&ada, "Ada", N1_REVIEW, "    review_by: 2027-01-01\n");
    let synced = team.sync(&ada, "Ada");
    assert_eq!(synced.status.code(), Some(1), "{}", text(&synced));
    let said = text(&synced);
    assert!(said.contains("merged 1 commit from the team"), "{said}");
    assert!(said.contains("could not be reached"), "{said}");
    assert!(said.contains("2 commits not yet shared"), "{said}");
    assert!(team.has_commit(&ada, &mine));
    let plan = team.plan(&ada);
    assert!(plan.contains("review_by: 2027-01-01") && plan.contains("provider: Elm Court"));
    assert!(
        team.git(&ada, "Ada", &["fsck", "--no-progress"])
            .status
            .success()
    );
}
