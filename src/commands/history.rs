//! `aftercare history`: a plan's commits (renames followed), one commit's diff, or what
//! changed since the last review: the audit trail, from the command line. A commit to show is
//! chosen among those git listed for the plan (a hex prefix); every line printed is inert.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::inert::{inert, inert_line};
use crate::plan::rules::RuleSettings;
use crate::store::folder::plans_with_id;
use crate::store::git::{Commit, GitError, Repo, UnknownCommit, commit_by_prefix};

pub const OK: u8 = 0;
pub const NOT_FOUND: u8 = 1;
pub const UNAVAILABLE: u8 = 2;

#[derive(Debug, Clone, clap::Args)]
pub struct HistoryArgs {
    /// The plan: a file, or a plan id looked up in the plans folder.
    #[arg(value_name = "FILE|PLAN-ID")]
    pub plan: String,
    /// The plans folder a plan id is looked up in.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Show what one commit changed in the plan (its hash or the hex digits it starts with).
    #[arg(long, value_name = "COMMIT", conflicts_with = "since_review")]
    pub show: Option<String>,
    /// Show what changed since the commit that recorded the last review.
    #[arg(long)]
    pub since_review: bool,
}

/// The plan file named by `target`: an existing file, or the plan with that id in `dir`.
pub fn resolve_plan(target: &str, dir: &Path, settings: &RuleSettings) -> Result<PathBuf, String> {
    let given = Path::new(target);
    if given.is_file() {
        return Ok(given.to_path_buf());
    }
    let found = plans_with_id(dir, target, settings).map_err(|error| error.to_string())?;
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err(format!(
            "no plan file or plan id `{target}` in {}",
            dir.display()
        )),
        _ => Err(format!(
            "more than one plan has the id `{target}`; give the file"
        )),
    }
}

/// `2026-11-28  A. Author  subject  (path when renamed)`: git's words inert, one line.
fn commit_line(commit: &Commit, current: &str) -> String {
    let date = commit.date.get(..10).unwrap_or(&commit.date);
    let short = commit.hash.get(..8).unwrap_or(&commit.hash);
    let renamed = if commit.path != current {
        format!("  (as {})", inert_line(&commit.path))
    } else {
        String::new()
    };
    format!(
        "{}  {}  {}  {}{renamed}",
        inert_line(short),
        inert_line(date),
        inert_line(&commit.author),
        inert_line(&commit.subject)
    )
}

/// Why the history was not shown, and the exit code that says so.
enum Refusal {
    Git(GitError),
    Commit(UnknownCommit),
}

impl From<GitError> for Refusal {
    fn from(error: GitError) -> Refusal {
        Refusal::Git(error)
    }
}

pub fn run(
    args: &HistoryArgs,
    dir: &Path,
    settings: &RuleSettings,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    let file = match resolve_plan(&args.plan, dir, settings) {
        Ok(file) => file,
        Err(message) => {
            writeln!(out, "aftercare history: {}", inert_line(&message))?;
            return Ok(NOT_FOUND);
        }
    };
    let folder = file.parent().unwrap_or(Path::new("."));
    let result = Repo::find(folder)
        .map_err(Refusal::Git)
        .and_then(|repo| history_text(&repo, &file, args));
    match result {
        Ok(text) => {
            // Git's output (subjects, authors, diffs of plan text) never reaches the
            // terminal raw.
            write!(out, "{}", inert(&text))?;
            Ok(OK)
        }
        Err(Refusal::Commit(error)) => {
            writeln!(out, "aftercare history: {}", inert_line(&error.to_string()))?;
            Ok(NOT_FOUND)
        }
        Err(Refusal::Git(error)) => {
            // git's own message may run over lines (a hint after the error): kept so.
            writeln!(out, "aftercare history: {}", inert(&error.to_string()))?;
            Ok(UNAVAILABLE)
        }
    }
}

/// The listing, one commit's diff, or the diff since the last review, as `args` asks.
fn history_text(repo: &Repo, file: &Path, args: &HistoryArgs) -> Result<String, Refusal> {
    let commits = repo.log(file)?;
    if let Some(wanted) = &args.show {
        // Only a commit git listed for this plan is ever shown: what was typed never
        // reaches git.
        let commit = commit_by_prefix(&commits, wanted).map_err(Refusal::Commit)?;
        return Ok(repo.show(commit)?);
    }
    if args.since_review {
        return Ok(since_review(repo, file)?);
    }
    let current = commits
        .first()
        .map(|commit| commit.path.clone())
        .unwrap_or_default();
    let listing: String = commits
        .iter()
        .map(|commit| commit_line(commit, &current) + "\n")
        .collect();
    Ok(if listing.is_empty() {
        "this plan has no commits yet\n".into()
    } else {
        listing
    })
}

/// What changed since the commit that recorded the plan's last review.
fn since_review(repo: &Repo, file: &Path) -> Result<String, GitError> {
    let text =
        std::fs::read_to_string(file).map_err(|error| GitError::Failed(error.to_string()))?;
    let last_review = crate::plan::parse::parse_plan(&text)
        .ok()
        .and_then(|parsed| {
            parsed
                .plan
                .reviews
                .history
                .iter()
                .filter_map(|review| review.date)
                .max()
        });
    let Some(date) = last_review else {
        return Ok("no review is recorded in this plan yet\n".into());
    };
    let date = date.format("%Y-%m-%d").to_string();
    match repo.commit_recording(file, &date)? {
        None => Ok(format!("the review of {date} was never committed\n")),
        Some(commit) => {
            let diff = repo.diff_since(&commit, file)?;
            let header = format!("since {}\n", commit_line(&commit, &commit.path));
            Ok(if diff.is_empty() {
                format!("{header}no changes since that review\n")
            } else {
                header + &diff
            })
        }
    }
}
