//! A warm start that lists before it reads: every file unchanged since the cache was made is
//! given at once as its row (findings, what the folder-wide rules read of its plan, what the
//! list shows of it), without its plan; the files that changed are read whole; then the
//! listed rows' plans follow from the cache, in batches, and the cache is brought up to date.
//! Until a row's plan has come, the app must not act on it as if it had none (hazard K6 in
//! docs/clinical-safety.md): the row says `awaiting`.

use std::path::Path;
use std::sync::Mutex;

use super::entries::{Outcome, file_without_plan, match_entries, read_fresh, unchanged};
use super::file::{self, FolderFacts};
use super::{CacheReport, Wanted, finished_outcomes, load_core, needs_writing, now_ns, place};
use super::{report_of, write_back};
use crate::plan::listing::ListingFacts;
use crate::plan::model::Plan;
use crate::plan::rules::RuleSettings;
use crate::store::folder::{Candidate, PlanFile, on_all_cores};

/// Plans sent together: few enough that the first arrive at once, enough that a channel
/// message each is no cost.
const PLANS_BATCH: usize = 256;

/// One file listed from the cache before its plan is read.
#[derive(Debug, Clone)]
pub struct ListedRow {
    /// The file with its findings (not yet the folder-wide rules') and no plan.
    pub file: PlanFile,
    /// What the folder-wide rules read of its plan.
    pub folder: FolderFacts,
    /// What its row on the list says.
    pub listing: ListingFacts,
    /// Its plan is still to come ([`ListingSink::plans`]); `false` for a file that holds
    /// no plan (its `plan: None` is the truth).
    pub awaiting: bool,
}

/// A listed row's plan, as it came.
#[derive(Debug, Clone)]
pub enum PlanRead {
    /// From the cache: the plan the row was listed from (its findings are the row's).
    Plan(Box<Plan>),
    /// Not to be had from the cache after all: the file read again, whole, findings and all.
    Fresh(Box<PlanFile>),
}

/// Where a rows-first load sends its news, in this order: `listed` (once), `loaded` (for
/// each file read whole), `all_listed`, `plans` (in batches), `all_read`.
pub trait ListingSink: Sync {
    /// The rows of the files unchanged since the cache was made.
    fn listed(&self, rows: Vec<ListedRow>);
    /// A file read whole (changed since the cache was made; or every file, without a cache).
    fn loaded(&self, file: PlanFile);
    /// Every file is listed or loaded: the folder-wide rules can run.
    fn all_listed(&self);
    /// Listed rows' plans, each with its row's place in the list given to `listed`.
    fn plans(&self, plans: Vec<(usize, PlanRead)>);
    /// Every listed row's plan has come.
    fn all_read(&self);
}

/// Load `candidates` (from a scan of `root`) rows first, telling `sink` as it goes; then
/// write the cache again if anything was read. Without a cache to list from, every file is
/// read whole and `loaded` as it is ready (as [`super::load_candidates`] does).
pub fn load_rows_first(
    root: &Path,
    candidates: &[Candidate],
    settings: &RuleSettings,
    sink: &impl ListingSink,
) -> CacheReport {
    let started_ns = now_ns();
    let found = place(root, settings);
    let old = found
        .as_ref()
        .and_then(|(path, identity)| file::read_index(path, identity, true));
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
    let mut outcomes: Vec<Option<Outcome>> = std::iter::repeat_with(|| None)
        .take(candidates.len())
        .collect();
    let mut rows = Vec::new();
    // (row, candidate, entry) of each row whose plan is to come; the candidates to read.
    let mut awaited: Vec<(usize, usize, usize)> = Vec::new();
    let mut changed: Vec<usize> = Vec::new();
    for (index, candidate) in candidates.iter().enumerate() {
        let kept = slots[index].filter(|at| unchanged(candidate, &old, *at));
        let Some(entry) = kept.and_then(|at| Some((at, old.index.get(at)?))) else {
            changed.push(index);
            continue;
        };
        let (at, entry) = entry;
        if entry.has_plan {
            awaited.push((rows.len(), index, at));
        }
        rows.push(ListedRow {
            file: file_without_plan(candidate, entry),
            folder: entry.folder.clone(),
            listing: entry.listing.clone(),
            awaiting: entry.has_plan,
        });
        outcomes[index] = Some(Outcome::Kept(at));
    }
    sink.listed(rows);
    let outcomes = Mutex::new(outcomes);
    let read_again = |index: usize| {
        let (file, outcome) = read_fresh(root, &candidates[index], settings);
        if let Ok(mut outcomes) = outcomes.lock() {
            outcomes[index] = Some(outcome);
        }
        file
    };
    on_all_cores(&changed, |_, &index| sink.loaded(read_again(index)));
    sink.all_listed();
    // The rows' plans from the same cache file the index came from; any that cannot be had
    // from it (the plans fail their checksum) read from the disk instead.
    let plans_read = old.read_plans();
    let batches: Vec<&[(usize, usize, usize)]> = awaited.chunks(PLANS_BATCH).collect();
    on_all_cores(&batches, |_, batch| {
        let plans = batch
            .iter()
            .map(|&(row, index, at)| {
                let cached = plans_read.then(|| old.plan(at)).flatten().flatten();
                let read = match cached {
                    Some(plan) => PlanRead::Plan(Box::new(plan)),
                    None => PlanRead::Fresh(Box::new(read_again(index))),
                };
                (row, read)
            })
            .collect();
        sink.plans(plans);
    });
    sink.all_read();
    let outcomes = finished_outcomes(outcomes);
    let mut report = report_of(&outcomes);
    if needs_writing(&outcomes, Some(&old), report.from_cache) {
        report.written = write_back(&path, &identity, started_ns, &outcomes, Some(&old));
    }
    report
}
