//! Scan the plans folder and load every plan file, in parallel, never failing on a bad file.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::plan::assess::assess_plan_text;
use crate::plan::finding::{Check, Finding, Location, Severity, YamlPath};
use crate::plan::model::Plan;
use crate::plan::rules::{RuleSettings, ids_unique_across_folder, is_folder_finding};

/// Plan files larger than this are not read: a plan is a few kilobytes.
pub const MAX_PLAN_BYTES: u64 = 1024 * 1024;
/// Folders nested deeper than this are not entered (a guard against pathological trees).
const MAX_DEPTH: usize = 32;

/// The plans folder could not be read at all (exit code 2 for `check`).
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{0}: no such folder; give the plans folder, e.g. `aftercare check plans`")]
    Missing(String),
    #[error("{0}: not a folder; give the folder that holds the plan files")]
    NotAFolder(String),
    #[error("{0}: cannot read the folder: {1}")]
    Unreadable(String, std::io::Error),
}

/// A file found by the scan, to be loaded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    /// The path as shown in messages: the folder as given, joined with the relative path.
    pub display: String,
    /// Found as a symlink (to a plan inside the folder).
    pub via_link: bool,
}

/// What the scan found: files to load, and entries that are not loadable (with why).
#[derive(Debug, Default)]
pub struct Scan {
    pub candidates: Vec<Candidate>,
    pub problems: Vec<Finding>,
}

/// One plan file after loading: the plan as far as it could be read, and every finding.
#[derive(Debug, Clone)]
pub struct PlanFile {
    pub path: PathBuf,
    pub display: String,
    pub plan: Option<Plan>,
    pub findings: Vec<Finding>,
    /// Where the `id` value sits in the file (for the folder-wide unique-id rule).
    pub id_location: Location,
}

impl PlanFile {
    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.severity == severity)
            .count()
    }

    pub fn is_valid(&self) -> bool {
        self.plan.is_some() && self.errors() == 0
    }

    /// A file that could not be read as a plan (as opposed to a plan with errors).
    fn unreadable(candidate: &Candidate, message: String) -> PlanFile {
        PlanFile {
            path: candidate.path.clone(),
            display: candidate.display.clone(),
            plan: None,
            findings: vec![file_finding(&candidate.display, Location::START, message)],
            id_location: Location::START,
        }
    }
}

/// Every file of the folder, loaded and validated, in path order.
#[derive(Debug)]
pub struct Folder {
    pub root: PathBuf,
    pub files: Vec<PlanFile>,
}

fn file_finding(display: &str, location: Location, message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        check: Check::File,
        file: display.to_owned(),
        path: YamlPath::root(),
        location,
        message,
    }
}

/// A file name the scan takes as a plan: `*.yaml` or `*.yml`, any case.
pub fn is_plan_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".yaml") || lower.ends_with(".yml")
}

/// Find every `*.yaml` / `*.yml` under `root`, skipping hidden entries.
pub fn scan(root: &Path) -> Result<Scan, FolderError> {
    let shown = root.display().to_string();
    let metadata = fs::metadata(root).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => FolderError::Missing(shown.clone()),
        _ => FolderError::Unreadable(shown.clone(), error),
    })?;
    if !metadata.is_dir() {
        return Err(FolderError::NotAFolder(shown));
    }
    let canonical_root =
        fs::canonicalize(root).map_err(|error| FolderError::Unreadable(shown.clone(), error))?;
    fs::read_dir(root).map_err(|error| FolderError::Unreadable(shown.clone(), error))?;
    let mut scan = Scan::default();
    walk(root, &canonical_root, 0, &mut scan);
    drop_second_names(&mut scan.candidates, root, &canonical_root);
    scan.candidates.sort_by(|a, b| a.path.cmp(&b.path));
    scan.problems.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(scan)
}

/// A symlink to a plan that is itself in the folder is the same plan under a second name:
/// load it once, under its real name.
fn drop_second_names(candidates: &mut Vec<Candidate>, root: &Path, canonical_root: &Path) {
    if !candidates.iter().any(|candidate| candidate.via_link) {
        return;
    }
    // The walk enters no linked folder, so a file that is not a link is at its real path
    // already: only links cost a lookup (a folder of 100,000 plans has few, if any).
    let real = |candidate: &Candidate| match candidate.path.strip_prefix(root) {
        Ok(relative) if !candidate.via_link => canonical_root.join(relative),
        _ => fs::canonicalize(&candidate.path).unwrap_or_else(|_| candidate.path.clone()),
    };
    let mut seen = std::collections::HashSet::new();
    // Real files first, so they win over links to them.
    candidates.sort_by_key(|candidate| candidate.via_link);
    candidates.retain(|candidate| seen.insert(real(candidate)));
}

fn walk(dir: &Path, canonical_root: &Path, depth: usize, scan: &mut Scan) {
    let display_of = |path: &Path| path.display().to_string();
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(error) => {
            scan.problems.push(file_finding(
                &display_of(dir),
                Location::START,
                format!("cannot read this folder: {error}"),
            ));
            return;
        }
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let display = display_of(&path);
        let Ok(link_metadata) = fs::symlink_metadata(&path) else {
            continue; // Gone since the listing.
        };
        let file_type = link_metadata.file_type();
        if file_type.is_dir() {
            if is_plan_name(&name) {
                scan.problems.push(file_finding(
                    &display,
                    Location::START,
                    "this is a folder, not a plan file; rename it so its name does not end in .yaml".into(),
                ));
            } else if depth < MAX_DEPTH {
                walk(&path, canonical_root, depth + 1, scan);
            }
            continue;
        }
        if !is_plan_name(&name) {
            continue;
        }
        if file_type.is_symlink() {
            match fs::canonicalize(&path) {
                Err(error) => {
                    scan.problems.push(file_finding(
                        &display,
                        Location::START,
                        format!("symlink that leads nowhere ({error}); fix or remove the link"),
                    ));
                    continue;
                }
                Ok(target) if !target.starts_with(canonical_root) => {
                    scan.problems.push(file_finding(
                        &display,
                        Location::START,
                        "symlink that leads outside the plans folder; not read (plans must live inside the folder)".into(),
                    ));
                    continue;
                }
                Ok(target) if !target.is_file() => {
                    scan.problems.push(file_finding(
                        &display,
                        Location::START,
                        "symlink to something that is not a regular file; not read".into(),
                    ));
                    continue;
                }
                Ok(_) => {}
            }
        } else if !file_type.is_file() {
            scan.problems.push(file_finding(
                &display,
                Location::START,
                "not a regular file (a pipe, socket or device); not read".into(),
            ));
            continue;
        }
        scan.candidates.push(Candidate {
            path,
            display,
            via_link: file_type.is_symlink(),
        });
    }
}

/// Read one candidate file and validate it. Never panics, whatever the bytes.
pub fn load_file(candidate: &Candidate, settings: &RuleSettings) -> PlanFile {
    match read_capped(&candidate.path) {
        Ok(bytes) => load_bytes(candidate, bytes, settings),
        Err(message) => PlanFile::unreadable(candidate, message),
    }
}

/// Validate a plan file's bytes, as read from `candidate`. Never panics, whatever the bytes
/// (the loader fuzz target drives this).
pub fn load_bytes(candidate: &Candidate, bytes: Vec<u8>, settings: &RuleSettings) -> PlanFile {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => {
            let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let location = end_location(valid);
            return PlanFile {
                path: candidate.path.clone(),
                display: candidate.display.clone(),
                plan: None,
                findings: vec![file_finding(
                    &candidate.display,
                    location,
                    "not UTF-8 text (an invalid byte here); save the file as UTF-8".into(),
                )],
                id_location: Location::START,
            };
        }
    };
    let assessed = assess_plan_text(&text, &candidate.display, settings);
    PlanFile {
        path: candidate.path.clone(),
        display: candidate.display.clone(),
        plan: assessed.plan,
        findings: assessed.findings,
        id_location: assessed.id_location,
    }
}

/// The position just after `text`: where the next character would be.
fn end_location(text: &str) -> Location {
    let line = text.matches('\n').count() + 1;
    let last_line = text.rsplit('\n').next().unwrap_or("");
    Location {
        line,
        column: last_line.chars().count() + 1,
    }
}

/// Open a file to read it as a plan, never blocking: a name swapped for a pipe since the scan
/// (or given by hand) is opened without waiting for a writer, then refused.
pub fn open_regular(path: &Path) -> std::io::Result<(fs::File, fs::Metadata)> {
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::custom_flags(&mut options, libc::O_NONBLOCK);
    let file = options.open(path)?;
    let metadata = file.metadata()?;
    if !metadata.is_file() {
        return Err(std::io::Error::other(
            "not a regular file (a folder, pipe, socket or device)",
        ));
    }
    Ok((file, metadata))
}

fn read_capped(path: &Path) -> Result<Vec<u8>, String> {
    let (file, metadata) = open_regular(path).map_err(|error| match error.kind() {
        std::io::ErrorKind::PermissionDenied => {
            "cannot read the file: permission denied; ask for read access".to_owned()
        }
        std::io::ErrorKind::NotFound => "the file disappeared while the folder was read".to_owned(),
        _ => format!("cannot read the file: {error}"),
    })?;
    // Sized from the metadata: one read for a plan, not a probe and a doubling.
    let mut bytes = Vec::with_capacity(metadata.len().min(MAX_PLAN_BYTES) as usize + 1);
    file.take(MAX_PLAN_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|error| format!("cannot read the file: {error}"))?;
    if bytes.len() as u64 > MAX_PLAN_BYTES {
        return Err(format!(
            "larger than {} KiB; a plan is a few kilobytes, so this is not read (is it the right file?)",
            MAX_PLAN_BYTES / 1024
        ));
    }
    Ok(bytes)
}

/// Load candidates on all cores, calling `deliver` with each file as it is ready.
pub fn load_parallel(
    candidates: &[Candidate],
    settings: &RuleSettings,
    deliver: impl Fn(usize, PlanFile) + Sync,
) {
    let workers = std::thread::available_parallelism()
        .map(|count| count.get())
        .unwrap_or(2)
        .min(candidates.len().max(1));
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(candidate) = candidates.get(index) else {
                        break;
                    };
                    deliver(index, load_file(candidate, settings));
                }
            });
        }
    });
}

/// The files in `root` whose plan has this id (one, or none, or the duplicates): how a
/// command finds a plan the user names by its id.
pub fn plans_with_id(
    root: &Path,
    id: &str,
    settings: &RuleSettings,
) -> Result<Vec<PathBuf>, FolderError> {
    Ok(load_folder(root, settings)?
        .files
        .into_iter()
        .filter(|file| file.plan.as_ref().and_then(|plan| plan.id.as_deref()) == Some(id))
        .map(|file| file.path)
        .collect())
}

/// Scan and load a whole folder, with the folder-wide rule (unique ids) applied.
pub fn load_folder(root: &Path, settings: &RuleSettings) -> Result<Folder, FolderError> {
    let scan = scan(root)?;
    let slots: Mutex<Vec<Option<PlanFile>>> = Mutex::new(vec![None; scan.candidates.len()]);
    load_parallel(&scan.candidates, settings, |index, file| {
        if let Ok(mut slots) = slots.lock() {
            slots[index] = Some(file);
        }
    });
    let mut files: Vec<PlanFile> = slots
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect();
    files.extend(scan.problems.into_iter().map(|finding| PlanFile {
        path: root.join(&finding.file),
        display: finding.file.clone(),
        plan: None,
        findings: vec![finding],
        id_location: Location::START,
    }));
    files.sort_by(|a, b| a.display.cmp(&b.display));
    apply_folder_rules(&mut files);
    Ok(Folder {
        root: root.to_path_buf(),
        files,
    })
}

/// Rules that look across plans: each id used once. Returns the indices of the files given
/// a finding, in order (so that what is worked out from a file can be brought up to date).
pub fn apply_folder_rules(files: &mut [PlanFile]) -> Vec<usize> {
    let ids: Vec<(&str, Option<&str>)> = files
        .iter()
        .map(|file| {
            let id = file.plan.as_ref().and_then(|plan| plan.id.as_deref());
            (file.display.as_str(), id)
        })
        .collect();
    let clashes = ids_unique_across_folder(&ids);
    let mut changed: Vec<usize> = clashes.iter().map(|(index, _)| *index).collect();
    // Run again (after a write, a new plan): last time's findings go first, so none is
    // doubled and an id no longer shared loses its finding.
    for (index, file) in files.iter_mut().enumerate() {
        let before = file.findings.len();
        file.findings
            .retain(|finding| !is_folder_finding(finding.check, &finding.path));
        if file.findings.len() != before {
            changed.push(index);
        }
    }
    changed.sort_unstable();
    changed.dedup();
    for (index, issue) in clashes {
        let file = &mut files[index];
        let location = file.id_location;
        file.findings.push(Finding {
            severity: issue.severity,
            check: issue.check,
            file: file.display.clone(),
            path: issue.path,
            location,
            message: issue.message,
        });
        file.findings.sort_by_key(|finding| finding.location);
    }
    changed
}
