//! A warm start that lists before it reads: every file unchanged since the cache was made is
//! given at once as its row (findings, what the folder-wide rules read of its plan, what the
//! list shows of it), without its plan, beside the files that changed, read whole; the
//! folder-wide rules applied to all of them; then the listed rows' plans follow from the
//! cache, in batches, and the cache is brought up to date.
//! Until a row's plan has come, the app must not act on it as if it had none (hazard K6 in
//! docs/clinical-safety.md): the row is `awaited`.

use std::path::Path;
use std::sync::Mutex;

use super::entries::{Outcome, file_of, match_entries, read_fresh, unchanged};
use super::file::{self, FolderFacts, IndexEntry};
use super::{CacheReport, Wanted, finished_outcomes, load_core, needs_writing, now_ns, place};
use super::{report_of, write_back};
use crate::plan::document::apply_folder_rules_with;
use crate::plan::listing::ListingFacts;
use crate::plan::model::Plan;
use crate::plan::rules::RuleSettings;
use crate::store::folder::{Candidate, PlanFile, cores, on_all_cores, on_cores};

/// Plans sent together: few enough that the first arrive at once, enough that a channel
/// message each is no cost.
const PLANS_BATCH: usize = 256;

/// Every file of a warm start, listed before the plans still to come are read: one entry
/// per file in each list, in the scan's order.
#[derive(Debug, Clone, Default)]
pub struct ListedRows {
    /// Each file with its findings (the folder-wide rules' among them); no plan while its
    /// plan is to come (or when it holds none).
    pub files: Vec<PlanFile>,
    /// For a file whose plan is to come ([`ListingSink::plans`]): what the folder-wide rules
    /// read of it. `None`: the file is whole (read now, or holding no plan).
    pub awaited: Vec<Option<FolderFacts>>,
    /// What each file's row on the list says.
    pub listings: Vec<ListingFacts>,
}

/// A listed row's plan, as it came.
#[derive(Debug, Clone)]
pub enum PlanRead {
    /// From the cache: the plan the row was listed from (its findings are the row's).
    Plan(Box<Plan>),
    /// Not to be had from the cache after all: the file read again, whole, findings and all.
    Fresh(Box<PlanFile>),
}

/// Where a rows-first load sends its news, in this order: `listed` (once, every file), then
/// `all_listed`, `plans` (in batches), `all_read`. Without a cache to list from: `loaded` for
/// each file, then `all_listed` and `all_read`.
pub trait ListingSink: Sync {
    /// The rows of every file, the folder-wide rules applied.
    fn listed(&self, rows: ListedRows);
    /// A file read whole (without a cache to list from).
    fn loaded(&self, file: PlanFile);
    /// Every file is listed or loaded: the folder-wide rules can run.
    fn all_listed(&self);
    /// Listed rows' plans, each with its row's place in the lists given to `listed`.
    fn plans(&self, plans: Vec<(usize, PlanRead)>);
    /// Every listed row's plan has come.
    fn all_read(&self);
}

/// Load `candidates` (from a scan of `root`) rows first, telling `sink` as it goes; then
/// write the cache again if anything was read. The rows are every candidate: those unchanged
/// since the cache was made from it (their plans to come), those changed read whole; the
/// folder-wide rules already applied to them. Without a cache to list from, every file is
/// read whole and `loaded` as it is ready (as [`super::load_candidates`] does).
pub fn load_rows_first(
    root: &Path,
    candidates: &[Candidate],
    settings: &RuleSettings,
    sink: &impl ListingSink,
) -> CacheReport {
    load_rows_first_from(root, candidates, settings, open(root, settings), sink)
}

/// The cache of `root` for these settings, its index read (no plans yet): what a warm start
/// lists from. Can be opened while the folder is scanned (it asks nothing of the scan).
#[derive(Debug)]
pub struct OpenCache {
    started_ns: i64,
    path: std::path::PathBuf,
    identity: file::Identity,
    old: Option<file::CacheContents>,
}

/// Open the cache of `root` ([`OpenCache`]); `None` when there is no place for one. The time
/// a cache made from this load will be as of is taken now, before any file is read.
pub fn open(root: &Path, settings: &RuleSettings) -> Option<OpenCache> {
    let started_ns = now_ns();
    let (path, identity) = place(root, settings)?;
    let old = file::read_index(&path, &identity, true);
    Some(OpenCache {
        started_ns,
        path,
        identity,
        old,
    })
}

/// [`load_rows_first`], from the cache opened beforehand (`opened`, from [`open`] on the same
/// root and settings, before the scan that found `candidates`).
pub fn load_rows_first_from(
    root: &Path,
    candidates: &[Candidate],
    settings: &RuleSettings,
    opened: Option<OpenCache>,
    sink: &impl ListingSink,
) -> CacheReport {
    let (started_ns, found, old) = match opened {
        Some(opened) => (
            opened.started_ns,
            Some((opened.path, opened.identity)),
            opened.old,
        ),
        None => (now_ns(), None, None),
    };
    let (Some((path, identity)), Some(mut old)) = (found, old) else {
        let report = load_core(
            root,
            candidates,
            (settings, Wanted::Plans),
            |_, file, _| sink.loaded(file),
            || sink.all_listed(),
        );
        sink.all_read();
        return report;
    };
    let slots = match_entries(root, candidates, &old.index);
    let kept: Vec<Option<usize>> = candidates
        .iter()
        .zip(slots)
        .map(|(candidate, slot)| slot.filter(|at| unchanged(candidate, &old, *at)))
        .collect();
    // The changed files first, read whole on all cores: their plans are in the rules too.
    let changed: Vec<usize> = (0..candidates.len())
        .filter(|index| kept[*index].is_none())
        .collect();
    let fresh: Mutex<Vec<Option<(PlanFile, Outcome)>>> = Mutex::new(
        std::iter::repeat_with(|| None)
            .take(candidates.len())
            .collect(),
    );
    on_all_cores(&changed, |_, &index| {
        let read = read_fresh(root, &candidates[index], settings);
        if let Ok(mut fresh) = fresh.lock() {
            fresh[index] = Some(read);
        }
    });
    let mut fresh = fresh.into_inner().unwrap_or_default();
    let mut outcomes: Vec<Option<Outcome>> = Vec::with_capacity(candidates.len());
    let mut files = Vec::with_capacity(candidates.len());
    let mut facts = Vec::with_capacity(candidates.len());
    let mut listings = Vec::with_capacity(candidates.len());
    // (row, candidate, entry) of each row whose plan is to come.
    let mut awaited: Vec<(usize, usize, usize)> = Vec::new();
    for (index, candidate) in candidates.iter().enumerate() {
        let entry = kept[index].and_then(|at| Some((at, old.index.get_mut(at)?)));
        if let Some((at, entry)) = entry {
            // Taken out of the entry, not copied: the index is read again if it is to be
            // written back.
            if entry.has_plan {
                awaited.push((files.len(), index, at));
            }
            files.push(file_taken_from(candidate, entry));
            facts.push(entry.has_plan.then(|| std::mem::take(&mut entry.folder)));
            listings.push(std::mem::replace(&mut entry.listing, ListingFacts::none()));
            outcomes.push(Some(Outcome::Kept(at)));
        } else if let Some((file, outcome)) = fresh[index].take() {
            listings.push(ListingFacts::of(file.plan.as_ref(), settings));
            files.push(file);
            facts.push(None);
            outcomes.push(Some(outcome));
        } else {
            outcomes.push(None);
        }
    }
    apply_folder_rules_with(&mut files, &facts);
    sink.listed(ListedRows {
        files,
        awaited: facts,
        listings,
    });
    sink.all_listed();
    let outcomes = Mutex::new(outcomes);
    // The rows' plans from the same cache file the index came from; any that cannot be had
    // from it (the plans fail their checksum) read from the disk instead. A core is left
    // for the app, which is showing the list meanwhile.
    let plans_read = old.read_plans();
    let batches: Vec<&[(usize, usize, usize)]> = awaited.chunks(PLANS_BATCH).collect();
    on_cores(&batches, cores() - 1, |_, batch| {
        let plans = batch
            .iter()
            .map(|&(row, index, at)| {
                let cached = plans_read.then(|| old.plan(at)).flatten().flatten();
                let read = match cached {
                    Some(plan) => PlanRead::Plan(Box::new(plan)),
                    None => {
                        let (file, outcome) = read_fresh(root, &candidates[index], settings);
                        if let Ok(mut outcomes) = outcomes.lock() {
                            outcomes[index] = Some(outcome);
                        }
                        PlanRead::Fresh(Box::new(file))
                    }
                };
                (row, read)
            })
            .collect();
        sink.plans(plans);
    });
    sink.all_read();
    let outcomes = finished_outcomes(outcomes);
    let mut report = report_of(&outcomes);
    if needs_writing(&outcomes, Some(&old), report.from_cache) && old.read_index_again() {
        report.written = write_back(&path, &identity, started_ns, &outcomes, Some(&old));
    }
    report
}

/// The file as the entry gives it back, under the candidate's name, with no plan: its
/// findings (taken out of the entry) and where its id is.
fn file_taken_from(candidate: &Candidate, entry: &mut IndexEntry) -> PlanFile {
    file_of(
        candidate,
        std::mem::take(&mut entry.findings),
        entry.id_location,
    )
}
