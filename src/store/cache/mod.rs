//! The summary cache: for each plan file, its stat data (size, modification and change times
//! to the nanosecond, inode, device, mode) and what loading it gave (the plan and its
//! findings), so that a folder opened again reads only the files that changed, as git's
//! index does for `git status`.
//!
//! It never changes an answer: a file is taken from the cache only when its stat data is the
//! same as when it was read and it was not changed within two seconds of the cache being made
//! (git's "racy" rule; such a file is read again); the cache is made for one app version, one
//! set of rule settings (today's date among them: the first load of a day reads every file)
//! and one folder, and anything else about it that is not exactly right makes it ignored and
//! made again. The folder-wide rules are never cached: they run on every load. Where it is
//! kept: [`file::location`]. `--no-cache` and the config's `cache: false` turn it off.

pub mod file;
pub mod key;

use std::path::Path;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::plan::finding::{Finding, YamlPath};
use crate::plan::rules::RuleSettings;
use crate::store::folder::{
    Candidate, Folder, FolderError, PlanFile, finish_folder, load_bytes, load_parallel,
    on_all_cores, read_capped, scan,
};
use file::{CacheContents, CachedFinding, FolderFacts, Identity, IndexEntry};
use key::{FileKey, StatKey};

/// Scan and load a whole folder as [`crate::store::folder::load_folder`] does; with
/// `use_cache`, unchanged files come from the cache and the cache is brought up to date.
pub fn load_folder(
    root: &Path,
    settings: &RuleSettings,
    use_cache: bool,
) -> Result<Folder, FolderError> {
    load_folder_reporting(root, settings, use_cache).map(|(folder, _)| folder)
}

/// How a load used the cache: files taken from it, files read, whether it was written.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CacheReport {
    pub from_cache: usize,
    pub read: usize,
    pub written: bool,
}

/// What a load wants of each file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wanted {
    /// The plan and its findings (the app, `due`, `summary`).
    Plans,
    /// The findings only (`check`): plans in the cache are not read.
    Findings,
}

/// [`load_folder`], saying how the cache was used (for tests and benchmarks).
pub fn load_folder_reporting(
    root: &Path,
    settings: &RuleSettings,
    use_cache: bool,
) -> Result<(Folder, CacheReport), FolderError> {
    load_wanted(root, settings, use_cache, Wanted::Plans)
}

/// Every file's findings, with the folder-wide rules applied, as [`load_folder`] gives them;
/// but no plan: every file's `plan` is `None` (what `check` needs, read without the plans
/// from the cache).
pub fn load_findings(
    root: &Path,
    settings: &RuleSettings,
    use_cache: bool,
) -> Result<(Folder, CacheReport), FolderError> {
    let (mut folder, report) = load_wanted(root, settings, use_cache, Wanted::Findings)?;
    for file in &mut folder.files {
        file.plan = None;
    }
    Ok((folder, report))
}

fn load_wanted(
    root: &Path,
    settings: &RuleSettings,
    use_cache: bool,
    wanted: Wanted,
) -> Result<(Folder, CacheReport), FolderError> {
    let scanned = scan(root)?;
    let slots: Mutex<Vec<Option<PlanFile>>> = Mutex::new(vec![None; scanned.candidates.len()]);
    let deliver = |index: usize, file: PlanFile| {
        if let Ok(mut slots) = slots.lock() {
            slots[index] = Some(file);
        }
    };
    let report = if use_cache {
        load_candidates(
            root,
            &scanned.candidates,
            (settings, wanted),
            deliver,
            || {},
        )
    } else {
        load_parallel(&scanned.candidates, settings, deliver);
        CacheReport {
            read: scanned.candidates.len(),
            ..CacheReport::default()
        }
    };
    let files = slots.into_inner().unwrap_or_default();
    let folder = finish_folder(
        root,
        files.into_iter().flatten().collect(),
        scanned.problems,
    );
    Ok((folder, report))
}

/// What became of one candidate, for the cache written afterwards.
enum Outcome {
    /// Unchanged: the old entry (its index in the old cache) still holds.
    Kept(usize),
    /// Read from the disk: its new entry and plan line.
    Read(Box<IndexEntry>, String),
    /// Read, but not to be cached (unreadable, a name that is not UTF-8, keys the format
    /// does not know): read again next time.
    NotCached,
}

/// Load `candidates` (from a scan of `root`) on all cores, from the cache where a file is
/// unchanged, calling `deliver` with each file as it is ready and `delivered` once all are;
/// then write the cache again if anything was read. Without a place for a cache, loads
/// every file.
pub fn load_candidates(
    root: &Path,
    candidates: &[Candidate],
    (settings, wanted): (&RuleSettings, Wanted),
    deliver: impl Fn(usize, PlanFile) + Sync,
    delivered: impl FnOnce(),
) -> CacheReport {
    let started_ns = now_ns();
    let Some((path, identity)) = place(root, settings) else {
        load_parallel(candidates, settings, deliver);
        delivered();
        return CacheReport {
            read: candidates.len(),
            ..CacheReport::default()
        };
    };
    let old = match wanted {
        Wanted::Plans => file::read(&path, &identity),
        Wanted::Findings => file::read_index(&path, &identity),
    };
    let old_slots: Vec<Option<usize>> = match &old {
        Some(contents) => {
            let by_path: std::collections::HashMap<&str, usize> = contents
                .index
                .iter()
                .enumerate()
                .map(|(index, entry)| (entry.path.as_str(), index))
                .collect();
            candidates
                .iter()
                .map(|candidate| {
                    let relative = relative_name(root, candidate)?;
                    by_path.get(relative).copied()
                })
                .collect()
        }
        None => vec![None; candidates.len()],
    };
    let outcomes: Mutex<Vec<Option<Outcome>>> = Mutex::new(
        std::iter::repeat_with(|| None)
            .take(candidates.len())
            .collect(),
    );
    on_all_cores(candidates, |index, candidate| {
        let kept = old
            .as_ref()
            .zip(old_slots[index])
            .and_then(|(old, at)| unchanged(candidate, old, at, wanted).map(|file| (file, at)));
        let (file, outcome) = match kept {
            Some((file, at)) => (file, Outcome::Kept(at)),
            None => read_fresh(root, candidate, settings),
        };
        if let Ok(mut outcomes) = outcomes.lock() {
            outcomes[index] = Some(outcome);
        }
        deliver(index, file);
    });
    delivered();
    let outcomes: Vec<Outcome> = outcomes
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|outcome| outcome.unwrap_or(Outcome::NotCached))
        .collect();
    let any_read = outcomes
        .iter()
        .any(|outcome| matches!(outcome, Outcome::Read(..)));
    let from_cache = outcomes
        .iter()
        .filter(|outcome| matches!(outcome, Outcome::Kept(_)))
        .count();
    let mut report = CacheReport {
        from_cache,
        read: outcomes.len() - from_cache,
        written: false,
    };
    // Nothing new to keep, and no entry to drop (a file never cached, such as one with keys
    // the format does not know, is read each time without the cache being written again).
    let old_count = old.as_ref().map_or(usize::MAX, |old| old.index.len());
    if !any_read && old_count == from_cache {
        return report;
    }
    // Only the index was read: the kept entries' plans are copied from the whole file, if it
    // is still the one whose index was read (else they are left out, and read next time).
    let old = match old {
        Some(index) if !index.has_plans() => file::read(&path, &identity).filter(|whole| {
            whole.as_of_ns == index.as_of_ns && whole.index.len() == index.index.len()
        }),
        old => old,
    };
    let entries: Vec<(&IndexEntry, &str)> = outcomes
        .iter()
        .filter_map(|outcome| match (outcome, &old) {
            (Outcome::Kept(at), Some(old)) => Some((old.index.get(*at)?, old.plan_line(*at))),
            (Outcome::Read(entry, line), _) => Some((entry.as_ref(), line.as_str())),
            _ => None,
        })
        .collect();
    // A cache that cannot be written (a read-only repository) is no failure: the next
    // load reads the files, as without a cache.
    report.written = file::write(&path, &identity, started_ns, &entries).is_ok();
    report
}

/// Where the cache of `root` is and what it must match; `None` when there is no place.
fn place(root: &Path, settings: &RuleSettings) -> Option<(std::path::PathBuf, Identity)> {
    let canonical = std::fs::canonicalize(root).ok()?;
    let path = file::location(&canonical)?;
    let identity = Identity {
        settings: file::checksum(format!("{settings:?}").as_bytes()),
        root: canonical.to_str()?.to_owned(),
    };
    Some((path, identity))
}

/// The candidate's path inside the folder, as the cache names it (`None`: not UTF-8).
fn relative_name<'a>(root: &Path, candidate: &'a Candidate) -> Option<&'a str> {
    candidate.path.strip_prefix(root).ok()?.to_str()
}

/// The stat data of a candidate now, without reading it: as the scan saw it a moment ago,
/// else of the file it names, and of the link itself when it is one. `None` when either
/// cannot be had.
fn current_key(candidate: &Candidate) -> Option<FileKey> {
    if let Some(file) = candidate.scanned {
        return Some(FileKey { file, link: None });
    }
    let link = match candidate.via_link {
        true => Some(StatKey::of(
            &std::fs::symlink_metadata(&candidate.path).ok()?,
        )),
        false => None,
    };
    let file = StatKey::of(&std::fs::metadata(&candidate.path).ok()?);
    Some(FileKey { file, link })
}

/// The file from the old cache's entry `at`, if the file is unchanged since and was not
/// racy when the cache was made.
fn unchanged(
    candidate: &Candidate,
    old: &CacheContents,
    at: usize,
    wanted: Wanted,
) -> Option<PlanFile> {
    let entry = old.index.get(at)?;
    let key = current_key(candidate)?;
    if key != entry.key
        || entry.key.file.is_racy(old.as_of_ns)
        || entry
            .key
            .link
            .is_some_and(|link| link.is_racy(old.as_of_ns))
    {
        return None;
    }
    let plan = match wanted {
        Wanted::Plans => old.plan(at)?,
        Wanted::Findings => entry.has_plan.then(|| entry.folder.stand_in()),
    };
    let findings = entry
        .findings
        .iter()
        .map(|finding| Finding {
            severity: finding.severity,
            check: finding.check,
            file: candidate.display.clone(),
            path: YamlPath(finding.path.clone()),
            location: finding.location,
            message: finding.message.clone(),
        })
        .collect();
    Some(PlanFile {
        path: candidate.path.clone(),
        display: candidate.display.clone(),
        plan,
        findings,
        id_location: entry.id_location,
    })
}

/// Read and check one file from the disk, and its entry for the cache when it may have one.
fn read_fresh(root: &Path, candidate: &Candidate, settings: &RuleSettings) -> (PlanFile, Outcome) {
    // The link's own data first: a link pointed elsewhere after this is read again next time.
    let link = match candidate.via_link {
        true => std::fs::symlink_metadata(&candidate.path)
            .ok()
            .map(|metadata| StatKey::of(&metadata)),
        false => None,
    };
    let (bytes, metadata) = match read_capped(&candidate.path) {
        Ok(read) => read,
        Err(message) => {
            let file = PlanFile::not_a_plan(
                candidate.path.clone(),
                candidate.display.clone(),
                crate::plan::finding::Location::START,
                message,
            );
            return (file, Outcome::NotCached);
        }
    };
    let file = load_bytes(candidate, bytes, settings);
    let cacheable = (link.is_some() == candidate.via_link)
        && file
            .plan
            .as_ref()
            .is_none_or(|plan| plan.unknown.is_empty());
    let (Some(relative), true) = (relative_name(root, candidate), cacheable) else {
        return (file, Outcome::NotCached);
    };
    let Ok(line) = serde_json::to_string(&file.plan) else {
        return (file, Outcome::NotCached);
    };
    let entry = IndexEntry {
        path: relative.to_owned(),
        key: FileKey {
            file: StatKey::of(&metadata),
            link,
        },
        findings: file
            .findings
            .iter()
            .map(|finding| CachedFinding {
                severity: finding.severity,
                check: finding.check,
                path: finding.path.0.clone(),
                location: finding.location,
                message: finding.message.clone(),
            })
            .collect(),
        id_location: file.id_location,
        has_plan: file.plan.is_some(),
        folder: file.plan.as_ref().map(FolderFacts::of).unwrap_or_default(),
    };
    (file, Outcome::Read(Box::new(entry), line))
}

/// Now, in nanoseconds since the epoch (the clock the file system stamps files with).
fn now_ns() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_nanos()).unwrap_or(i64::MAX)
        })
}
