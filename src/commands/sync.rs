//! `aftercare sync [DIR]`: share this clone's commits with the team's server and take the
//! team's: fetch, merge (plans by the plan merge driver) or rebase as `pull.rebase` says, push.
//!
//! Exit codes: 0 in step with the server; 1 refused (plans with changes not committed), the
//! server unreachable, or a merge or push that did not go through (nothing lost: said what
//! to do); 2 usage, or not a git repository.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::{Context, exit, usage};
use crate::inert::inert_line;
use crate::store::sync::{SyncEnd, SyncReport, sync};

/// Arguments of `aftercare sync`.
#[derive(Debug, clap::Args)]
pub struct SyncArgs {
    /// The plans folder (default: the configured folder, else ./plans).
    pub dir: Option<PathBuf>,
}

pub fn execute(
    args: SyncArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let dir = match context.plans_folder(args.dir.as_deref()) {
        Ok(dir) => dir,
        Err(message) => return usage(err, &message),
    };
    match sync(&dir) {
        Ok(report) => show(&report, out, err),
        Err(error) => usage(err, &format!("sync {}: {error}", dir.display())),
    }
}

/// The report in words; the exit code.
pub fn show(report: &SyncReport, out: &mut dyn Write, err: &mut dyn Write) -> std::io::Result<u8> {
    for step in &report.steps {
        writeln!(out, "{}", inert_line(step))?;
    }
    for (plan, count) in &report.conflicts {
        writeln!(
            out,
            "{}: {count} conflict{} to resolve (open it in aftercare to choose)",
            inert_line(plan),
            if *count == 1 { "" } else { "s" }
        )?;
    }
    match problem_words(report) {
        None => {
            writeln!(out, "in step with the team's server")?;
            Ok(exit::FINE)
        }
        Some(problem) => {
            writeln!(err, "aftercare: {}", inert_line(&problem))?;
            Ok(exit::REFUSED_OR_FINDINGS)
        }
    }
}

/// What went wrong, in words (`None`: in step with the server).
pub fn problem_words(report: &SyncReport) -> Option<String> {
    let not_shared = not_shared_words(report.not_shared);
    Some(match &report.end {
        SyncEnd::InStep => return None,
        SyncEnd::Refused(why) => format!("sync refused: {why}"),
        SyncEnd::Offline(said) => format!(
            "the team's server could not be reached ({}); keep working: {not_shared}",
            first_line(said)
        ),
        SyncEnd::NotMerged(said) => format!(
            "the team's changes could not be merged here ({}); nothing was changed, your commits are kept: {not_shared}",
            first_line(said)
        ),
        SyncEnd::NotPushed(said) => format!(
            "the server refused the push twice ({}); sync again later: {not_shared}",
            first_line(said)
        ),
    })
}

/// `3 commits not yet shared`.
pub fn not_shared_words(count: usize) -> String {
    match count {
        0 => "every commit is shared".into(),
        1 => "1 commit not yet shared".into(),
        n => format!("{n} commits not yet shared"),
    }
}

fn first_line(text: &str) -> &str {
    text.lines()
        .find(|line| !line.trim().is_empty())
        .unwrap_or("no reason given")
}
