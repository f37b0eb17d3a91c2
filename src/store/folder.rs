//! Scan the plans folder and load every plan file, in parallel, never failing on a bad file.
//! The file as read (`PlanFile`) and the folder-wide rules are the domain's (`plan::document`):
//! this module reads the disk and hands them the bytes.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::plan::document::{FolderFacts, apply_folder_rules_with, file_finding};
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
    let ends_with = |suffix: &str| {
        name.len() >= suffix.len()
            && name.as_bytes()[name.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
    };
    ends_with(".yaml") || ends_with(".yml")
}

/// Find every `*.yaml` / `*.yml` under `root`, skipping hidden entries. Candidates come in
/// path order (each folder's entries by name, a subfolder's files where its name falls), the
/// problems by name.
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
    let mut found = Vec::new();
    walk(root, 0, &mut found, &mut scan.problems);
    // Each entry's own stat data (of a link, the link's), on all cores: the one system call
    // per plan a warm start cannot do without.
    let examined: Mutex<Vec<Option<Examined>>> =
        Mutex::new(std::iter::repeat_with(|| None).take(found.len()).collect());
    on_all_cores(&found, |index, entry| {
        let result = examine(entry, &canonical_root);
        if let Ok(mut examined) = examined.lock() {
            examined[index] = Some(result);
        }
    });
    for result in examined
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .flatten()
    {
        match result {
            Examined::Candidate(candidate) => scan.candidates.push(candidate),
            Examined::Problem(finding) => scan.problems.push(finding),
            Examined::Gone => {}
        }
    }
    drop_second_names(&mut scan.candidates, root, &canonical_root);
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
    // Real files first, so they win over links to them; then links, the first by path.
    let mut keep = vec![true; candidates.len()];
    for pass_links in [false, true] {
        for (index, candidate) in candidates.iter().enumerate() {
            if candidate.via_link == pass_links {
                keep[index] = seen.insert(real(candidate));
            }
        }
    }
    let mut kept = keep.into_iter();
    candidates.retain(|_| kept.next().unwrap_or(false));
}

/// What the walk makes of one entry named as a plan, once its stat data is in.
enum Examined {
    Candidate(Candidate),
    Problem(Finding),
    /// Gone since the folder was listed.
    Gone,
}

/// List `dir` and its subfolders (each folder's entries by name), leaving in `found` every
/// entry named as a plan that is not a folder, to be examined, and in `problems` what cannot
/// be read. The kind of each entry comes with the listing: no system call per entry here.
fn walk(dir: &Path, depth: usize, found: &mut Vec<fs::DirEntry>, problems: &mut Vec<Finding>) {
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        // A subfolder gone since its folder was listed: nothing to say.
        Err(error) if depth > 0 && error.kind() == std::io::ErrorKind::NotFound => return,
        Err(error) => {
            problems.push(file_finding(
                &dir.to_string_lossy(),
                Location::START,
                format!("cannot read this folder: {error}"),
            ));
            return;
        }
    };
    let mut named: Vec<(std::ffi::OsString, fs::DirEntry)> = entries
        .flatten()
        .map(|entry| (entry.file_name(), entry))
        .collect();
    named.sort_by(|(a, _), (b, _)| a.cmp(b));
    for (name, entry) in named {
        let name = name.to_string_lossy();
        if name.starts_with('.') {
            continue;
        }
        // Of the entry itself, not a link's target.
        let Ok(file_type) = entry.file_type() else {
            continue; // Gone since the listing.
        };
        if file_type.is_dir() {
            let path = entry.path();
            if is_plan_name(&name) {
                problems.push(folder_named_as_plan(&path));
            } else if depth < MAX_DEPTH {
                walk(&path, depth + 1, found, problems);
            }
        } else if is_plan_name(&name) {
            found.push(entry);
        }
    }
}

fn folder_named_as_plan(path: &Path) -> Finding {
    file_finding(
        &path.to_string_lossy(),
        Location::START,
        "this is a folder, not a plan file; rename it so its name does not end in .yaml".into(),
    )
}

/// An entry named as a plan: a candidate to load (with its stat data), or why it is not one.
fn examine(entry: &fs::DirEntry, canonical_root: &Path) -> Examined {
    let path = entry.path();
    // Asked of the folder already open (no walk of the whole path again, on unix).
    let Ok(link_metadata) = entry.metadata() else {
        return Examined::Gone;
    };
    let file_type = link_metadata.file_type();
    if file_type.is_dir() {
        return Examined::Problem(folder_named_as_plan(&path));
    }
    let display = path.to_string_lossy().into_owned();
    let problem =
        |message: String| Examined::Problem(file_finding(&display, Location::START, message));
    if file_type.is_symlink() {
        match fs::canonicalize(&path) {
            Err(error) => {
                return problem(format!(
                    "symlink that leads nowhere ({error}); fix or remove the link"
                ));
            }
            Ok(target) if !target.starts_with(canonical_root) => {
                return problem(
                    "symlink that leads outside the plans folder; not read (plans must live inside the folder)".into(),
                );
            }
            Ok(target) if !target.is_file() => {
                return problem("symlink to something that is not a regular file; not read".into());
            }
            Ok(_) => {}
        }
    } else if !file_type.is_file() {
        return problem("not a regular file (a pipe, socket or device); not read".into());
    }
    Examined::Candidate(Candidate {
        path,
        display,
        via_link: file_type.is_symlink(),
        scanned: (!file_type.is_symlink()).then(|| StatKey::of(&link_metadata)),
    })
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
    on_cores(items, cores(), work);
}

/// How many cores this machine has (two when it cannot be told).
pub fn cores() -> usize {
    std::thread::available_parallelism()
        .map(|count| count.get())
        .unwrap_or(2)
}

/// [`on_all_cores`] on `workers` threads at most (at least one).
pub fn on_cores<T: Sync>(items: &[T], workers: usize, work: impl Fn(usize, &T) + Sync) {
    let workers = workers.max(1).min(items.len().max(1));
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
pub(crate) fn finish_folder(root: &Path, files: Vec<PlanFile>, problems: Vec<Finding>) -> Folder {
    let facts = vec![None; files.len()];
    finish_folder_with(root, files, facts, problems)
}

/// [`finish_folder`], for files some of which come without their plan but with what the
/// folder-wide rules read of it (`facts`, beside `files`: a load of findings only, from the
/// summary cache).
pub(crate) fn finish_folder_with(
    root: &Path,
    mut files: Vec<PlanFile>,
    mut facts: Vec<Option<FolderFacts>>,
    problems: Vec<Finding>,
) -> Folder {
    files.extend(problems.into_iter().map(|finding| PlanFile {
        path: root.join(&finding.file),
        display: finding.file.clone(),
        plan: None,
        findings: vec![finding],
        id_location: Location::START,
    }));
    facts.resize(files.len(), None);
    // Most often in order already (the scan's path order is the names' order): a file is
    // large, so it is moved only when it must be.
    if !files.is_sorted_by(|a, b| a.display <= b.display) {
        let mut order: Vec<usize> = (0..files.len()).collect();
        order.sort_by(|a, b| files[*a].display.cmp(&files[*b].display));
        let mut taken: Vec<Option<(PlanFile, Option<FolderFacts>)>> =
            files.into_iter().zip(facts).map(Some).collect();
        (files, facts) = order
            .into_iter()
            .filter_map(|index| taken[index].take())
            .unzip();
    }
    apply_folder_rules_with(&mut files, &facts);
    Folder {
        root: root.to_path_buf(),
        files,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plan_names_end_in_yaml_or_yml_in_any_case() {
        for name in ["a.yaml", "B.YML", "c.Yaml", ".yml", "x.yaml.yml"] {
            assert!(is_plan_name(name), "{name}");
        }
        for name in ["a.yam", "yaml", "a.json", "a.yaml~", "", "ü.yaml.bak"] {
            assert!(!is_plan_name(name), "{name}");
        }
    }

    #[test]
    fn the_scan_lists_candidates_in_path_order_and_problems_by_name() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in ["a", "a/b", "a-b", "z"] {
            fs::create_dir_all(root.join(folder)).unwrap();
        }
        for file in [
            "a.yaml",
            "a/x.yaml",
            "a/b/y.yml",
            "a-b/c.yaml",
            "a0.yaml",
            "z/Z.YAML",
            "b.yaml",
            "notes.txt",
        ] {
            fs::write(root.join(file), "id: x\n").unwrap();
        }
        fs::create_dir_all(root.join("odd.yaml")).unwrap();
        fs::create_dir_all(root.join("a/also.yml")).unwrap();
        let scanned = scan(root).unwrap();
        let paths: Vec<PathBuf> = scanned.candidates.iter().map(|c| c.path.clone()).collect();
        let mut sorted = paths.clone();
        sorted.sort();
        assert_eq!(paths, sorted, "the order a sort of the paths gives");
        assert_eq!(paths.len(), 7);
        assert!(scanned.candidates.iter().all(|c| c.scanned.is_some()));
        let problems: Vec<&str> = scanned.problems.iter().map(|p| p.file.as_str()).collect();
        let mut sorted = problems.clone();
        sorted.sort();
        assert_eq!(problems, sorted);
        assert_eq!(
            problems.len(),
            2,
            "two folders named as plans: {problems:?}"
        );
    }
}
