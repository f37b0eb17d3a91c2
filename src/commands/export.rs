//! `aftercare export`: a plan as the person's copy, the review record or a FHIR Bundle
//! (`crate::export`), on standard output or into a file the user names. A file inside the
//! plans folder is refused unless asked for (`--into-plans-folder`): an export there would be
//! committed with the plans, or read as one. The file is written whole or not at all (a
//! temporary file beside it, renamed), readable by its owner only.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{Context, exit, usage};
use crate::commands::history::resolve_plan;
use crate::export::{ExportError, Format, Kind, Options, export};
use crate::inert::inert_line;
use crate::plan::dates::parse_iso;
use crate::plan::privacy::meeting_file_name;
use crate::store::folder::{Candidate, load_file};
use crate::store::git::Repo;

#[derive(Debug, Clone, clap::Args)]
pub struct ExportArgs {
    /// The plan: a file, or a plan id looked up in the plans folder.
    #[arg(value_name = "FILE|PLAN-ID")]
    pub plan: String,
    /// What to make: the person's own copy, the review record, or a FHIR R4 Bundle.
    #[arg(long = "as", value_enum, default_value = "person", value_name = "KIND")]
    pub kind: Kind,
    /// html or md (the person's copy and the record; html when not given), json (FHIR).
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write to FILE instead of standard output.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Leave out the name, NHS number, date of birth and configured identifying fields.
    #[arg(long)]
    pub meeting: bool,
    /// The plans folder a plan id is looked up in (default: the folder before `export`, else
    /// the configured one, else ./plans).
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The review of the record (YYYY-MM-DD; default: the latest).
    #[arg(long, value_name = "DATE")]
    pub review: Option<String>,
    /// As if today were this date (YYYY-MM-DD): the date the export says it was made.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Write FILE even though it is inside the plans folder.
    #[arg(long)]
    pub into_plans_folder: bool,
    /// The record: add the plan's commits for the review, from git (the commits after the one
    /// that recorded the review before it, up to the one that recorded it).
    #[arg(long)]
    pub git: bool,
}

/// The plan's commits for the review on `date`: after the commit that recorded the review
/// before it (from the start when there is none) up to the one that recorded this review, as
/// `2025-12-09  A. Author  subject`, oldest first. None when the review is not committed.
pub fn commits_for_review(
    file: &Path,
    plan: &crate::plan::model::Plan,
    date: chrono::NaiveDate,
) -> Result<Vec<String>, String> {
    let folder = match file.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let repo = Repo::find(folder).map_err(|error| error.to_string())?;
    let recording = |day: chrono::NaiveDate| {
        repo.commit_recording(file, &day.to_string())
            .map_err(|error| error.to_string())
    };
    let Some(this) = recording(date)? else {
        return Ok(Vec::new());
    };
    let before = plan
        .reviews
        .dates_newest_first()
        .into_iter()
        .find(|day| *day < date);
    let before = match before {
        Some(day) => recording(day)?,
        None => None,
    };
    let log = repo.log(file).map_err(|error| error.to_string())?;
    let start = log.iter().position(|commit| commit.hash == this.hash);
    let end = before
        .as_ref()
        .and_then(|before| log.iter().position(|commit| commit.hash == before.hash))
        .unwrap_or(log.len());
    let Some(start) = start.filter(|start| *start < end) else {
        return Ok(Vec::new());
    };
    Ok(log[start..end]
        .iter()
        .rev()
        .map(|commit| format!("{}  {}  {}", commit.day(), commit.author, commit.subject))
        .collect())
}

/// Why an export file was not written.
#[derive(Debug, thiserror::Error)]
pub enum WriteRefusal {
    #[error(
        "{file} is inside the plans folder {folder}: an export there would be committed with \
         the plans; write it elsewhere"
    )]
    InsidePlansFolder { file: String, folder: String },
    #[error("cannot write {file}: {reason}")]
    Io { file: String, reason: String },
}

/// Where `path` would be once written, links resolved: its folder resolved, its name kept.
fn resolved(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = path.canonicalize() {
        return Some(real);
    }
    let name = path.file_name()?;
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    Some(parent.canonicalize().ok()?.join(name))
}

/// Is `path` (written or not) inside `folder`, links resolved?
pub fn inside_folder(path: &Path, folder: &Path) -> bool {
    match (resolved(path), folder.canonicalize()) {
        (Some(path), Ok(folder)) => path.starts_with(folder),
        _ => false,
    }
}

/// Write `text` to `path`, whole or not at all (a temporary file beside it, then renamed),
/// refusing a path inside any of `plans_folders` unless `into_plans_folder`.
pub fn write_export(
    path: &Path,
    text: &str,
    plans_folders: &[&Path],
    into_plans_folder: bool,
) -> Result<(), WriteRefusal> {
    let file = path.display().to_string();
    if !into_plans_folder
        && let Some(folder) = plans_folders
            .iter()
            .find(|folder| inside_folder(path, folder))
    {
        return Err(WriteRefusal::InsidePlansFolder {
            file,
            folder: folder.display().to_string(),
        });
    }
    let io = |error: std::io::Error| WriteRefusal::Io {
        file: file.clone(),
        reason: error.to_string(),
    };
    let parent = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let mut temp = tempfile::Builder::new()
        .prefix(".aftercare-export.")
        .suffix(".tmp")
        .tempfile_in(parent)
        .map_err(io)?;
    temp.write_all(text.as_bytes()).map_err(io)?;
    temp.as_file().sync_all().map_err(io)?;
    temp.persist(path).map_err(|error| io(error.error))?;
    Ok(())
}

/// `aftercare export` as typed: the export on `out` (or `wrote ...` when written to a file),
/// why not on `err`. Returns the exit code.
pub fn execute(
    args: ExportArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let dir = match context.plans_folder(args.dir.as_deref()) {
        Ok(dir) => dir,
        Err(message) => return usage(err, &message),
    };
    let settings = match context.settings(args.today.as_deref()) {
        Ok(settings) => settings,
        Err(message) => return usage(err, &message),
    };
    let review = match args.review.as_deref().map(parse_iso).transpose() {
        Ok(review) => review,
        Err(reason) => {
            let given = args.review.as_deref().unwrap_or_default();
            return usage(err, &format!("--review {given}: {reason}"));
        }
    };
    let format = args.format.unwrap_or(args.kind.default_format());
    if !args.kind.formats().contains(&format) {
        let refusal = ExportError::Format {
            kind: args.kind.label(),
            format,
        };
        return usage(err, &refusal.to_string());
    }
    let path = match resolve_plan(&args.plan, &dir, &settings) {
        Ok(path) => path,
        Err((code, message)) => {
            writeln!(err, "aftercare: {}", inert_line(&message))?;
            return Ok(code);
        }
    };
    let candidate = Candidate {
        display: path.display().to_string(),
        path: path.clone(),
        via_link: false,
        scanned: None,
    };
    let file = load_file(&candidate, &settings);
    let shown_file = |id: Option<&str>| match args.meeting {
        true => meeting_file_name(&file.display, id),
        false => file.display.clone(),
    };
    let Some(plan) = &file.plan else {
        let why = file
            .findings
            .first()
            .map(|finding| finding.message.clone())
            .unwrap_or_default();
        writeln!(
            err,
            "aftercare: refused: {} cannot be read as a plan: {}",
            inert_line(&shown_file(None)),
            inert_line(&why)
        )?;
        return Ok(exit::REFUSED_OR_FINDINGS);
    };
    if file.errors() > 0 {
        writeln!(
            err,
            "aftercare: warning: {} has {} error(s) (`aftercare check` lists them); the export \
             shows the plan as it reads",
            inert_line(&shown_file(plan.id.as_deref())),
            file.errors()
        )?;
    }
    let mut git_changes = Vec::new();
    if args.git && args.kind == Kind::Record {
        let date = crate::export::chosen_review(plan, review)
            .ok()
            .and_then(|chosen| chosen.date);
        if let Some(date) = date {
            match commits_for_review(&path, plan, date) {
                Ok(lines) => git_changes = lines,
                Err(why) => writeln!(
                    err,
                    "aftercare: warning: no commits from git: {}",
                    inert_line(&why)
                )?,
            }
        }
    }
    let options = Options {
        made_on: settings.today,
        meeting: args.meeting,
        identifying_fields: context.config().identifying_fields.clone(),
        review,
        git_changes,
    };
    let text = match export(plan, args.kind, format, &options) {
        Ok(text) => text,
        Err(error) => {
            writeln!(
                err,
                "aftercare: refused: {}",
                inert_line(&error.to_string())
            )?;
            return Ok(exit::REFUSED_OR_FINDINGS);
        }
    };
    let Some(output) = &args.output else {
        out.write_all(text.as_bytes())?;
        return Ok(exit::FINE);
    };
    let plan_folder = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let folders: Vec<&Path> = vec![dir.as_path(), plan_folder.as_path()];
    match write_export(output, &text, &folders, args.into_plans_folder) {
        Ok(()) => {
            writeln!(
                out,
                "wrote {} ({format}) to {}",
                args.kind.label(),
                inert_line(&output.display().to_string())
            )?;
            Ok(exit::FINE)
        }
        Err(refusal) => {
            let hint = match refusal {
                WriteRefusal::InsidePlansFolder { .. } => " (or add --into-plans-folder)",
                WriteRefusal::Io { .. } => "",
            };
            writeln!(
                err,
                "aftercare: refused, nothing was written: {}{hint}",
                inert_line(&refusal.to_string())
            )?;
            Ok(exit::REFUSED_OR_FINDINGS)
        }
    }
}
