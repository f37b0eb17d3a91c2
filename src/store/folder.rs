//! Scan the plans folder and load every plan file, in parallel, never failing on a bad file.
//! The file as read (`PlanFile`) and the folder-wide rules are the domain's (`plan::document`):
//! this module reads the disk and hands them the bytes.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::plan::document::file_finding;
/// The file as read, and the folder-wide rules: the domain's, read here from the disk.
pub use crate::plan::document::{PlanFile, apply_folder_rules};
use crate::plan::finding::{Finding, Location};
use crate::plan::rules::RuleSettings;
use crate::store::cache::key::StatKey;

/// Plan files larger than this are not read: a plan is a few kilobytes.
pub const MAX_PLAN_BYTES: u64 = 1024 * 1024;
/// Folders nested deeper than this are not entered (a guard against pathological trees).
const MAX_DEPTH: usize = 32;

/// The plans folder could not be read at all (exit code 2 for `check`).
#[derive(Debug, thiserror::Error)]
pub enum FolderError {
    #[error("{0}: no such folder; give the folder that holds the plan files")]
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
    /// The file's stat data as the scan saw it (not for a link): what the summary cache
    /// compares, without asking the file system again.
    pub scanned: Option<StatKey>,
}

/// What the scan found: files to load, and entries that are not loadable (with why).
#[derive(Debug, Default)]
pub struct Scan {
    pub candidates: Vec<Candidate>,
    pub problems: Vec<Finding>,
}

/// Every file of the folder, loaded and validated, in path order.
#[derive(Debug)]
pub struct Folder {
    pub root: PathBuf,
    pub files: Vec<PlanFile>,
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
        // Of the entry itself, not a link's target; asked of the folder already open (no
        // walk of the whole path again, on unix).
        let Ok(link_metadata) = entry.metadata() else {
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
            scanned: (!file_type.is_symlink()).then(|| StatKey::of(&link_metadata)),
        });
    }
}

/// Read one candidate file and validate it. Never panics, whatever the bytes.
pub fn load_file(candidate: &Candidate, settings: &RuleSettings) -> PlanFile {
    match read_capped(&candidate.path) {
        Ok((bytes, _)) => load_bytes(candidate, bytes, settings),
        Err(message) => PlanFile::not_a_plan(
            candidate.path.clone(),
            candidate.display.clone(),
            Location::START,
            message,
        ),
    }
}

/// Validate a plan file's bytes, as read from `candidate`. Never panics, whatever the bytes
/// (the loader fuzz target drives this).
pub fn load_bytes(candidate: &Candidate, bytes: Vec<u8>, settings: &RuleSettings) -> PlanFile {
    PlanFile::from_bytes(
        candidate.path.clone(),
        candidate.display.clone(),
        bytes,
        settings,
    )
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

/// Read a plan file (at most [`MAX_PLAN_BYTES`]), with the metadata of the file opened (not
/// of the name: a file replaced since is not mistaken for the one read). The error is the
/// finding's message.
pub fn read_capped(path: &Path) -> Result<(Vec<u8>, fs::Metadata), String> {
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
    Ok((bytes, metadata))
}

/// Load candidates on all cores, calling `deliver` with each file as it is ready.
pub fn load_parallel(
    candidates: &[Candidate],
    settings: &RuleSettings,
    deliver: impl Fn(usize, PlanFile) + Sync,
) {
    on_all_cores(candidates, |index, candidate| {
        deliver(index, load_file(candidate, settings))
    });
}

/// Call `work` with each item and its index, on as many threads as there are cores (never
/// more than items), each taking the next item not yet taken; returns when all are done.
pub fn on_all_cores<T: Sync>(items: &[T], work: impl Fn(usize, &T) + Sync) {
    let workers = std::thread::available_parallelism()
        .map(|count| count.get())
        .unwrap_or(2)
        .min(items.len().max(1));
    let next = AtomicUsize::new(0);
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(index) else {
                        break;
                    };
                    work(index, item);
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
    let files: Vec<PlanFile> = slots
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
        .collect();
    Ok(finish_folder(root, files, scan.problems))
}

/// The folder from its loaded files and the scan's problems (each an invalid file), in
/// path order, with the folder-wide rules applied.
pub(crate) fn finish_folder(
    root: &Path,
    mut files: Vec<PlanFile>,
    problems: Vec<Finding>,
) -> Folder {
    files.extend(problems.into_iter().map(|finding| PlanFile {
        path: root.join(&finding.file),
        display: finding.file.clone(),
        plan: None,
        findings: vec![finding],
        id_location: Location::START,
    }));
    files.sort_by(|a, b| a.display.cmp(&b.display));
    apply_folder_rules(&mut files);
    Folder {
        root: root.to_path_buf(),
        files,
    }
}
