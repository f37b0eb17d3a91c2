//! `aftercare check`: validate a folder and print findings like a compiler.

use std::io::Write;
use std::path::Path;

use serde::Serialize;

use crate::inert::inert_line;
use crate::plan::finding::{Finding, Severity};
use crate::plan::rules::RuleSettings;
use crate::store::folder::{Folder, load_folder};

/// Exit codes of `check`.
pub const EXIT_CLEAN: u8 = 0;
pub const EXIT_ERRORS: u8 = 1;
pub const EXIT_FOLDER_UNREADABLE: u8 = 2;

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
    let folder = match load_folder(dir, settings) {
        Ok(folder) => folder,
        Err(error) => {
            writeln!(err, "aftercare: {error}")?;
            return Ok(EXIT_FOLDER_UNREADABLE);
        }
    };
    let summary = summarize(&folder);
    let any_errors = summary.errors > 0;
    let findings: Vec<&Finding> = folder
        .files
        .iter()
        .flat_map(|file| &file.findings)
        .collect();
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
            serde_json::to_writer_pretty(&mut *out, &report).map_err(std::io::Error::other)?;
            writeln!(out)?;
        }
    }
    let exit = if any_errors { EXIT_ERRORS } else { EXIT_CLEAN };
    Ok(exit)
}
