//! `aftercare merge-driver BASE OURS THEIRS PATH`: git's merge-driver protocol for plans
//! (registered by `aftercare init` as `merge.aftercare-plan.driver`). The result is written into
//! OURS. Exit 0: merged (conflicts, if any, recorded in the plan's `conflicts:` list so it
//! still loads); 1: not merged by structure, git's line merge left in OURS for a person to
//! resolve; 2: usage.

use std::io::Write;
use std::path::PathBuf;

use crate::cli::{Context, exit};
use crate::inert::inert_line;
use crate::store::merge::{DriverOutcome, run_driver};

/// Arguments of `aftercare merge-driver` (git gives them: `%O %A %B %P`).
#[derive(Debug, clap::Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (git's `%O`).
    pub base: PathBuf,
    /// Our version (git's `%A`): the merge result is written here.
    pub ours: PathBuf,
    /// Their version (git's `%B`).
    pub theirs: PathBuf,
    /// The file's path in the repository (git's `%P`), for messages.
    pub path: Option<String>,
}

pub fn execute(
    args: MergeDriverArgs,
    _context: &Context,
    _out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let name = args.path.unwrap_or_else(|| args.ours.display().to_string());
    let outcome = run_driver(&args.base, &args.ours, &args.theirs, &name);
    let shown = inert_line(&name);
    match &outcome {
        DriverOutcome::Clean => {}
        DriverOutcome::Recorded(conflicts) => {
            writeln!(
                err,
                "aftercare: {shown}: merged with {} conflict{} to resolve (both values kept in the plan's `conflicts:`; open it in aftercare to choose):",
                conflicts.len(),
                if conflicts.len() == 1 { "" } else { "s" }
            )?;
            for conflict in conflicts {
                writeln!(err, "  {}", inert_line(&conflict.path))?;
            }
        }
        DriverOutcome::FellBack { why, is_plan, .. } => {
            if *is_plan {
                writeln!(
                    err,
                    "aftercare: {shown}: not merged by structure ({}); git's line merge is left for you to resolve",
                    inert_line(why)
                )?;
            }
        }
    }
    Ok(match outcome.exit_code() {
        0 => exit::FINE,
        _ => exit::REFUSED_OR_FINDINGS,
    })
}
