//! `aftercare check`: validate a folder and print findings like a compiler.

use std::io::Write;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::cli::{Context, Format, exit, usage};
use crate::config::read::{DUE_SOON_DAYS, FIRST_REVIEW_DAYS};
use crate::inert::inert_line;
use crate::plan::finding::{Finding, Severity};
use crate::plan::rules::RuleSettings;
use crate::store::folder::Folder;

/// Exit codes of `check`.
pub const EXIT_CLEAN: u8 = exit::FINE;
pub const EXIT_ERRORS: u8 = exit::REFUSED_OR_FINDINGS;
/// The folder cannot be read, or holds no plan files (`*.yaml`, `*.yml`) at all.
pub const EXIT_FOLDER_UNREADABLE: u8 = exit::USAGE;

/// Arguments of `aftercare check`.
#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The plans folder (default: the configured folder, else ./plans).
    pub dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Check as if today were this date (YYYY-MM-DD), for reproducible runs.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Days ahead within which a review counts as due soon (default 30, or the config's; 0 to
    /// 365).
    #[arg(long, value_name = "DAYS", allow_negative_numbers = true,
          value_parser = clap::value_parser!(i64).range(DUE_SOON_DAYS.0..=DUE_SOON_DAYS.1))]
    pub due_soon_days: Option<i64>,
    /// Days after leaving hospital by which the first review should be held (default 42; 1 to
    /// 365).
    #[arg(long, value_name = "DAYS", allow_negative_numbers = true,
          value_parser = clap::value_parser!(i64).range(FIRST_REVIEW_DAYS.0..=FIRST_REVIEW_DAYS.1))]
    pub first_review_days: Option<i64>,
}

/// `aftercare check` as typed: the settings and folder from `args` and `context`, the report on
/// `out`, problems with the command or the folder on `err`. Returns the exit code.
pub fn execute(
    args: CheckArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let configured = match context.settings(args.today.as_deref()) {
        Ok(settings) => settings,
        Err(message) => return usage(err, &message),
    };
    let settings = RuleSettings {
        due_soon_days: args.due_soon_days.unwrap_or(configured.due_soon_days),
        first_review_days: args
            .first_review_days
            .unwrap_or(configured.first_review_days),
        ..configured
    };
    let dir = match context.plans_folder(args.dir.as_deref()) {
        Ok(dir) => dir,
        Err(message) => return usage(err, &message),
    };
    let output = match args.format {
        Format::Text => Output::Text,
        Format::Json => Output::Json,
    };
    run_with(&dir, &settings, output, context.config().cache, out, err)
}

/// How a check run is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    Text,
    Json,
}

#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Summary {
    pub plans: usize,
    pub errors: usize,
    pub warnings: usize,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    folder: String,
    summary: Summary,
    findings: Vec<&'a Finding>,
}

impl Summary {
    /// `12 plans, 0 errors, 3 warnings`.
    pub fn line(&self) -> String {
        format!(
            "{}, {}, {}",
            counted(self.plans, "plan"),
            counted(self.errors, "error"),
            counted(self.warnings, "warning")
        )
    }
}

fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{count} {noun}s")
    }
}

pub fn summarize(folder: &Folder) -> Summary {
    let findings = folder.files.iter().flat_map(|file| &file.findings);
    let (mut errors, mut warnings) = (0, 0);
    for finding in findings {
        match finding.severity {
            Severity::Error => errors += 1,
            Severity::Warning => warnings += 1,
        }
    }
    Summary {
        plans: folder.files.len(),
        errors,
        warnings,
    }
}

/// Validate `dir` and write the report to `out` (errors about the folder itself to `err`).
/// Returns the exit code.
pub fn run(
    dir: &Path,
    settings: &RuleSettings,
    output: Output,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    run_with(dir, settings, output, false, out, err)
}

/// [`run`], with the summary cache when `use_cache` (`store::cache`).
pub fn run_with(
    dir: &Path,
    settings: &RuleSettings,
    output: Output,
    use_cache: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    // Findings only: from the cache, `check` reads no plan.
    let folder = match crate::store::cache::load_findings(dir, settings, use_cache) {
        Ok((folder, _)) => folder,
        Err(error) => {
            writeln!(err, "aftercare: {}", inert_line(&error.to_string()))?;
            return Ok(EXIT_FOLDER_UNREADABLE);
        }
    };
    if folder.files.is_empty() {
        writeln!(
            err,
            "aftercare: {}: no plan files found (*.yaml or *.yml); give the folder that holds the plans",
            inert_line(&dir.display().to_string())
        )?;
        return Ok(EXIT_FOLDER_UNREADABLE);
    }
    let summary = summarize(&folder);
    let any_errors = summary.errors > 0;
    let findings: Vec<&Finding> = folder
        .files
        .iter()
        .flat_map(|file| &file.findings)
        .collect();
    // One write for many lines: standard output is line-buffered, a write call a finding.
    let mut out = std::io::BufWriter::with_capacity(64 * 1024, out);
    match output {
        Output::Text => {
            for finding in &findings {
                // Messages quote plan text and file names: shown inert, one line each.
                writeln!(out, "{}", inert_line(&finding.compiler_line()))?;
            }
            writeln!(out, "{}", summary.line())?;
        }
        Output::Json => {
            let report = JsonReport {
                folder: dir.display().to_string(),
                findings,
                summary,
            };
            serde_json::to_writer_pretty(&mut out, &report).map_err(std::io::Error::other)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    let exit = if any_errors { EXIT_ERRORS } else { EXIT_CLEAN };
    Ok(exit)
}
