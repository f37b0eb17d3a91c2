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
//!
//! The index (stat data, findings, what the folder-wide rules and the list's row read of each
//! plan) is read alone, in one piece, by a load that wants no plans ([`load_findings`]) and by
//! the app's warm start, which lists every file from it before reading the plans
//! ([`listing`]).

pub mod codec;
mod entries;
pub mod file;
pub mod key;
pub mod listing;

use std::path::Path;
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

use crate::plan::rules::RuleSettings;
use crate::store::folder::{
    Candidate, Folder, FolderError, PlanFile, finish_folder_with, load_parallel, on_all_cores, scan,
};
use entries::{Outcome, entries_to_keep, file_without_plan, match_entries, read_fresh, unchanged};
use file::{CacheContents, FolderFacts, Identity};

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
    let count = scanned.candidates.len();
    // Files and facts apart: a file is large (its plan inline), the facts are small.
    type Slots = (Vec<Option<PlanFile>>, Vec<Option<FolderFacts>>);
    let slots: Mutex<Slots> = Mutex::new((vec![None; count], vec![None; count]));
    let deliver = |index: usize, file: PlanFile, facts: Option<FolderFacts>| {
        if let Ok(mut slots) = slots.lock() {
            slots.0[index] = Some(file);
            slots.1[index] = facts;
        }
    };
    let report = if use_cache {
        load_core(
            root,
            &scanned.candidates,
            (settings, wanted),
            deliver,
            || {},
        )
    } else {
        load_parallel(&scanned.candidates, settings, |index, file| {
            deliver(index, file, None)
        });
        CacheReport {
            read: count,
            ..CacheReport::default()
        }
    };
    let (files, facts) = slots.into_inner().unwrap_or_default();
    // Every slot is filled (a candidate left out would lose its facts' place).
    let (files, facts): (Vec<PlanFile>, Vec<Option<FolderFacts>>) = files
        .into_iter()
        .zip(facts)
        .filter_map(|(file, facts)| Some((file?, facts)))
        .unzip();
    let folder = finish_folder_with(root, files, facts, scanned.problems);
    Ok((folder, report))
}

/// Load `candidates` (from a scan of `root`) on all cores, from the cache where a file is
/// unchanged, calling `deliver` with each file as it is ready and `delivered` once all are;
/// then write the cache again if anything was read. Without a place for a cache, loads
/// every file. For [`Wanted::Findings`], a file from the cache comes with a stand-in plan
/// holding only what the folder-wide rules read of it.
pub fn load_candidates(
    root: &Path,
    candidates: &[Candidate],
    wanted: (&RuleSettings, Wanted),
    deliver: impl Fn(usize, PlanFile) + Sync,
    delivered: impl FnOnce(),
) -> CacheReport {
    let deliver = |index, mut file: PlanFile, facts: Option<FolderFacts>| {
        if let Some(facts) = facts {
            file.plan = Some(stand_in(&facts));
        }
        deliver(index, file);
    };
    load_core(root, candidates, wanted, deliver, delivered)
}

/// A plan holding only what the folder-wide rules read: never shown or kept.
fn stand_in(facts: &FolderFacts) -> crate::plan::model::Plan {
    crate::plan::model::Plan {
        id: facts.id.clone(),
        person: crate::plan::model::Person {
            nhs_number: facts.nhs_number.clone(),
            ..Default::default()
        },
        ending: facts.ended.then(crate::plan::model::Ending::default),
        ..Default::default()
    }
}

/// [`load_candidates`], each file delivered with, for a file from the cache whose plan is
/// not wanted, what the folder-wide rules read of its plan.
fn load_core(
    root: &Path,
    candidates: &[Candidate],
    (settings, wanted): (&RuleSettings, Wanted),
    deliver: impl Fn(usize, PlanFile, Option<FolderFacts>) + Sync,
    delivered: impl FnOnce(),
) -> CacheReport {
    let started_ns = now_ns();
    let Some((path, identity)) = place(root, settings) else {
        load_parallel(candidates, settings, |index, file| {
            deliver(index, file, None)
        });
        delivered();
        return CacheReport {
            read: candidates.len(),
            ..CacheReport::default()
        };
    };
    let mut old = match wanted {
        Wanted::Plans => file::read(&path, &identity),
        Wanted::Findings => file::read_index(&path, &identity, false),
    };
    let old_slots = match &old {
        Some(old) => match_entries(root, candidates, &old.index),
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
            .filter(|(old, at)| unchanged(candidate, old, *at))
            .and_then(|(old, at)| {
                let entry = old.index.get(at)?;
                let mut file = file_without_plan(candidate, entry);
                let facts = match wanted {
                    Wanted::Plans => {
                        file.plan = old.plan(at)?;
                        None
                    }
                    Wanted::Findings => entry.has_plan.then(|| entry.folder.clone()),
                };
                Some((file, facts, at))
            });
        let (file, facts, outcome) = match kept {
            Some((file, facts, at)) => (file, facts, Outcome::Kept(at)),
            None => {
                let (file, outcome) = read_fresh(root, candidate, settings);
                (file, None, outcome)
            }
        };
        if let Ok(mut outcomes) = outcomes.lock() {
            outcomes[index] = Some(outcome);
        }
        deliver(index, file, facts);
    });
    delivered();
    let outcomes = finished_outcomes(outcomes);
    let mut report = report_of(&outcomes);
    if !needs_writing(&outcomes, old.as_ref(), report.from_cache) {
        return report;
    }
    // Only the index was read: the kept entries' plans are read now, from the same file.
    if let Some(old) = &mut old {
        old.read_plans();
    }
    report.written = write_back(&path, &identity, started_ns, &outcomes, old.as_ref());
    report
}

/// The outcomes once every file is done (a file a worker never reached is not cached).
fn finished_outcomes(outcomes: Mutex<Vec<Option<Outcome>>>) -> Vec<Outcome> {
    outcomes
        .into_inner()
        .unwrap_or_default()
        .into_iter()
        .map(|outcome| outcome.unwrap_or(Outcome::NotCached))
        .collect()
}

/// How many files came from the cache and how many were read.
fn report_of(outcomes: &[Outcome]) -> CacheReport {
    let from_cache = outcomes
        .iter()
        .filter(|outcome| matches!(outcome, Outcome::Kept(_)))
        .count();
    CacheReport {
        from_cache,
        read: outcomes.len() - from_cache,
        written: false,
    }
}

/// Something new to keep, or an entry to drop (a file never cached, such as one with keys
/// the format does not know, is read each time without the cache being written again).
fn needs_writing(outcomes: &[Outcome], old: Option<&CacheContents>, from_cache: usize) -> bool {
    let any_read = outcomes
        .iter()
        .any(|outcome| matches!(outcome, Outcome::Read(..)));
    let old_count = old.map_or(usize::MAX, |old| old.index.len());
    any_read || old_count != from_cache
}

/// Write the cache from the outcomes; whether it was written. A cache that cannot be
/// written (a read-only repository) is no failure: the next load reads the files, as
/// without a cache.
fn write_back(
    path: &Path,
    identity: &Identity,
    started_ns: i64,
    outcomes: &[Outcome],
    old: Option<&CacheContents>,
) -> bool {
    let entries = entries_to_keep(outcomes, old);
    file::write(path, identity, started_ns, &entries).is_ok()
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

/// Now, in nanoseconds since the epoch (the clock the file system stamps files with).
fn now_ns() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |since| {
            i64::try_from(since.as_nanos()).unwrap_or(i64::MAX)
        })
}
