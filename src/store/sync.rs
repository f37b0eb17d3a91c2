//! One sync of a plans repository with its team's server: refuse while plans have changes
//! not committed (naming them), fetch, merge (the plan merge driver runs) or rebase as
//! `pull.rebase` says, push; a push the server rejects is fetched, merged and pushed once
//! more. Offline, it says so and counts the commits not yet shared. A merge or rebase git
//! cannot finish is aborted: the branch stays as it was, no local commit is lost.

use std::path::Path;

use chrono::Local;

use crate::plan::rules::RuleSettings;
use crate::store::folder::load_folder;
use crate::store::git::{Exchange, GitError, Repo};

/// How a sync ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncEnd {
    /// Shared: the server and this clone hold the same commits (or this clone is ahead of
    /// nothing).
    InStep,
    /// Not run, nothing changed: why.
    Refused(String),
    /// The server could not be reached: git's words.
    Offline(String),
    /// Fetched, but git could not merge (aborted; the branch is as it was): git's words.
    NotMerged(String),
    /// Merged, but the server refused the push twice: git's words.
    NotPushed(String),
}

/// What a sync did, for the command line and the app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncReport {
    pub end: SyncEnd,
    /// The steps done, in words (`fetched from origin`, `merged 2 commits`).
    pub steps: Vec<String>,
    /// Commits here the server does not have yet.
    pub not_shared: usize,
    /// Plans (as shown) with merge conflicts recorded, and how many.
    pub conflicts: Vec<(String, usize)>,
    /// The team's commits were merged (or rebased on): plan files may have changed.
    pub took_changes: bool,
}

impl SyncReport {
    fn new(end: SyncEnd) -> SyncReport {
        SyncReport {
            end,
            steps: Vec::new(),
            not_shared: 0,
            conflicts: Vec::new(),
            took_changes: false,
        }
    }
}

/// Sync the repository holding `dir` with its team's server.
pub fn sync(dir: &Path) -> Result<SyncReport, GitError> {
    let repo = Repo::find(dir)?;
    if let Some(refusal) = refusal(&repo)? {
        return Ok(SyncReport::new(SyncEnd::Refused(refusal)));
    }
    let Some(branch) = repo.branch()? else {
        return Ok(SyncReport::new(SyncEnd::Refused(
            "no branch is checked out (a detached HEAD); check one out with git first".into(),
        )));
    };
    let Some(remote) = team_remote(&repo, &branch)? else {
        return Ok(SyncReport::new(SyncEnd::Refused(
            "no team server is configured; add it with `git remote add origin <url>`".into(),
        )));
    };
    let mut report = SyncReport::new(SyncEnd::InStep);
    let fetched = repo.fetch(&remote)?;
    if !fetched.ok {
        report.not_shared = not_shared(&repo, &remote)?;
        report.end = SyncEnd::Offline(fetched.message);
        return Ok(report);
    }
    report.steps.push(format!("fetched from {remote}"));
    repo.adopt_upstream(&remote, &branch)?;
    if let Some(failed) = integrate(&repo, &mut report)? {
        report.not_shared = not_shared(&repo, &remote)?;
        report.end = SyncEnd::NotMerged(failed.message);
        report.conflicts = conflicts_in(dir);
        return Ok(report);
    }
    report.conflicts = conflicts_in(dir);
    let pushed = push(&repo, &remote)?;
    if let Some(pushed) = pushed {
        if pushed.ok {
            report.steps.push(format!("pushed to {remote}"));
        } else {
            // Rejected: someone pushed meanwhile. Fetch, merge, push once more.
            let again = repo.fetch(&remote)?;
            if !again.ok {
                report.not_shared = not_shared(&repo, &remote)?;
                report.end = SyncEnd::Offline(again.message);
                return Ok(report);
            }
            if let Some(failed) = integrate(&repo, &mut report)? {
                report.not_shared = not_shared(&repo, &remote)?;
                report.end = SyncEnd::NotMerged(failed.message);
                return Ok(report);
            }
            report.conflicts = conflicts_in(dir);
            match push(&repo, &remote)? {
                Some(second) if !second.ok => {
                    report.not_shared = not_shared(&repo, &remote)?;
                    report.end = SyncEnd::NotPushed(second.message);
                    return Ok(report);
                }
                _ => report
                    .steps
                    .push(format!("pushed to {remote} (second try)")),
            }
        }
    }
    report.not_shared = not_shared(&repo, &remote)?;
    Ok(report)
}

/// Why a sync must not start: plans with changes not committed, or git mid-operation.
fn refusal(repo: &Repo) -> Result<Option<String>, GitError> {
    let plans = repo.uncommitted_plans()?;
    if !plans.is_empty() {
        return Ok(Some(format!(
            "plans have changes not committed: {}; write (commit) them or set them aside first",
            plans.join(", ")
        )));
    }
    if let Some(what) = repo.operation_in_progress()? {
        return Ok(Some(format!(
            "git is in the middle of {what} here; finish or abort it with git first"
        )));
    }
    Ok(None)
}

/// The remote the branch syncs with: its configured one, else `origin`, else the only one.
fn team_remote(repo: &Repo, branch: &str) -> Result<Option<String>, GitError> {
    if let Some(remote) = repo.config_value(&format!("branch.{branch}.remote"))?
        && remote != "."
    {
        return Ok(Some(remote));
    }
    let remotes = repo.remotes()?;
    if remotes.iter().any(|remote| remote == "origin") {
        return Ok(Some("origin".into()));
    }
    Ok(match remotes.as_slice() {
        [only] => Some(only.clone()),
        _ => None,
    })
}

/// Merge (or rebase) what was fetched: `Some` with git's words when it could not (aborted).
fn integrate(repo: &Repo, report: &mut SyncReport) -> Result<Option<Exchange>, GitError> {
    let Some((_, behind)) = repo.ahead_behind()? else {
        return Ok(None);
    };
    if behind == 0 {
        return Ok(None);
    }
    let rebase = repo
        .config_value("pull.rebase")?
        .is_some_and(|value| matches!(value.as_str(), "true" | "merges"));
    let (done, what) = if rebase {
        (repo.rebase_on_upstream()?, "rebased on")
    } else {
        (repo.merge_upstream()?, "merged")
    };
    if !done.ok {
        return Ok(Some(done));
    }
    let plural = if behind == 1 { "" } else { "s" };
    report
        .steps
        .push(format!("{what} {behind} commit{plural} from the team"));
    report.took_changes = true;
    Ok(None)
}

/// Push when there is something to push (or no upstream yet): `None` when nothing was.
fn push(repo: &Repo, remote: &str) -> Result<Option<Exchange>, GitError> {
    match repo.ahead_behind()? {
        Some((0, _)) => Ok(None),
        Some(_) => repo.push(remote, false).map(Some),
        None => repo.push(remote, true).map(Some),
    }
}

/// Commits here the server does not have (as far as the last fetch knows).
fn not_shared(repo: &Repo, remote: &str) -> Result<usize, GitError> {
    match repo.ahead_behind()? {
        Some((ahead, _)) => Ok(ahead),
        None => repo.commits_not_on(remote),
    }
}

/// Plans under `dir` with merge conflicts recorded, and how many each.
fn conflicts_in(dir: &Path) -> Vec<(String, usize)> {
    let settings = RuleSettings::new(Local::now().date_naive());
    let Ok(folder) = load_folder(dir, &settings) else {
        return Vec::new();
    };
    folder
        .files
        .iter()
        .filter_map(|file| {
            let count = file.plan.as_ref().map_or(0, |plan| plan.conflicts.len());
            (count > 0).then(|| (file.display.clone(), count))
        })
        .collect()
}
