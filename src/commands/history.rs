//! `aftercare history`: a plan's commits (renames followed), one commit's diff, or what
//! changed since the last review: the audit trail, from the command line. A commit to show is
//! chosen among those git listed for the plan (a hex prefix); every line printed is inert.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{Context, exit, usage};
use crate::inert::{inert, inert_line};
use crate::plan::dates::format_uk;
use crate::plan::rules::RuleSettings;
use crate::store::folder::plans_with_id;
use crate::store::git::{Commit, GitError, Repo, SinceReview, UnknownCommit, commit_by_prefix};

/// Shown.
pub const OK: u8 = exit::FINE;
/// A commit that is not in the plan's history, or a plan id more than one plan has: refused.
pub const NOT_FOUND: u8 = exit::REFUSED_OR_FINDINGS;
/// No such plan, a folder that cannot be read, no git or not a repository.
pub const UNAVAILABLE: u8 = exit::USAGE;

#[derive(Debug, Clone, clap::Args)]
pub struct HistoryArgs {
    /// The plan: a file, or a plan id looked up in the plans folder.
    #[arg(value_name = "FILE|PLAN-ID")]
    pub plan: String,
    /// The plans folder a plan id is looked up in (default: the folder before `history`, else
    /// the configured one, else ./plans).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// Show what one commit changed in the plan (its hash or the hex digits it starts with).
    #[arg(long, value_name = "COMMIT", conflicts_with = "since_review")]
    pub show: Option<String>,
    /// Show what changed since the commit that recorded the last review.
    #[arg(long)]
    pub since_review: bool,
}

/// `aftercare history` as typed: the folder from `--dir` or the one before the command, the
/// history on `out`, why it cannot be shown on `err`. Returns the exit code.
pub fn execute(
    args: HistoryArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let dir = match context.plans_folder(args.dir.as_deref()) {
        Ok(dir) => dir,
        Err(message) => return usage(err, &message),
    };
    let settings = RuleSettings::new(chrono::Local::now().date_naive());
    run_split(&args, &dir, &settings, out, err)
}

/// The plan file named by `target`: an existing file, or the plan with that id in `dir`; else
/// the exit code and why not.
pub fn resolve_plan(
    target: &str,
    dir: &Path,
    settings: &RuleSettings,
) -> Result<PathBuf, (u8, String)> {
    let given = Path::new(target);
    if given.is_file() {
        return Ok(given.to_path_buf());
    }
    let found =
        plans_with_id(dir, target, settings).map_err(|error| (UNAVAILABLE, error.to_string()))?;
    match found.as_slice() {
        [one] => Ok(one.clone()),
        [] => Err((
            UNAVAILABLE,
            format!("no plan file or plan id `{target}` in {}", dir.display()),
        )),
        _ => Err((
            NOT_FOUND,
            format!("more than one plan has the id `{target}`; give the file"),
        )),
    }
}

/// `2026-11-28  A. Author  subject  (path when renamed)`: git's words inert, one line.
fn commit_line(commit: &Commit, current: &str) -> String {
    let renamed = if commit.path != current {
        format!("  (as {})", inert_line(&commit.path))
    } else {
        String::new()
    };
    format!(
        "{}  {}  {}  {}{renamed}",
        inert_line(commit.short_hash()),
        inert_line(commit.day()),
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

/// The history as `args` asks, and why not, both on `out`. Returns the exit code.
pub fn run(
    args: &HistoryArgs,
    dir: &Path,
    settings: &RuleSettings,
    out: &mut dyn Write,
) -> std::io::Result<u8> {
    // Either the history or why not is said, never both: one stream keeps the order.
    let mut why_not = Vec::new();
    let code = run_split(args, dir, settings, out, &mut why_not)?;
    out.write_all(&why_not)?;
    Ok(code)
}

/// The history on `out`, or why not on `err`. Returns the exit code.
pub fn run_split(
    args: &HistoryArgs,
    dir: &Path,
    settings: &RuleSettings,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let file = match resolve_plan(&args.plan, dir, settings) {
        Ok(file) => file,
        Err((code, message)) => {
            writeln!(err, "aftercare history: {}", inert_line(&message))?;
            return Ok(code);
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
            writeln!(err, "aftercare history: {}", inert_line(&error.to_string()))?;
            Ok(NOT_FOUND)
        }
        Err(Refusal::Git(error)) => {
            // git's own message may run over lines (a hint after the error): kept so.
            writeln!(err, "aftercare history: {}", inert(&error.to_string()))?;
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

/// What changed since the newest review a commit records, and a newer review no commit
/// records yet, said plainly first.
fn since_review(repo: &Repo, file: &Path) -> Result<String, GitError> {
    let text =
        std::fs::read_to_string(file).map_err(|error| GitError::Failed(error.to_string()))?;
    let review_dates = crate::plan::parse::parse_plan(&text)
        .map(|parsed| parsed.plan.reviews.dates_newest_first())
        .unwrap_or_default();
    let answer = repo.since_review(file, &review_dates)?;
    let SinceReview::Changes(changes) = &answer else {
        return Ok(answer.why_none().unwrap_or_default() + "\n");
    };
    let mut shown = String::new();
    if let Some(note) = changes.uncommitted_note() {
        shown.push_str(&format!("note: {note}\n"));
    }
    shown.push_str(&format!(
        "since the review of {}: {}\n",
        format_uk(changes.review),
        commit_line(&changes.commit, &changes.commit.path)
    ));
    if changes.diff.is_empty() {
        shown.push_str("no changes since that review\n");
    } else {
        shown.push_str(&changes.diff);
    }
    Ok(shown)
}
