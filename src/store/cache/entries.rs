//! One file against the cache: which old entry is its (by name), whether the file is
//! unchanged since (its stat data, git's racy rule), the file as the entry gives it back,
//! and a file read fresh with the entry to keep for it.

use std::collections::HashMap;
use std::path::Path;

use super::file::{CacheContents, CachedFinding, FolderFacts, IndexEntry};
use super::key::{FileKey, StatKey};
use crate::plan::finding::{Finding, Location, YamlPath};
use crate::plan::listing::ListingFacts;
use crate::plan::rules::RuleSettings;
use crate::store::folder::{Candidate, PlanFile, load_bytes, read_capped};

/// What became of one candidate, for the cache written afterwards.
#[derive(Debug)]
pub enum Outcome {
    /// Unchanged: the old entry (its index in the old cache) still holds.
    Kept(usize),
    /// Read from the disk: its new entry and plan line.
    Read(Box<IndexEntry>, Vec<u8>),
    /// Read, but not to be cached (unreadable, a name that is not UTF-8, keys the format
    /// does not know): read again next time.
    NotCached,
}

/// For each candidate, the index of its entry in the old cache, if it has one. Both lists
/// are in the scan's order, so entries are matched in step; a name out of step (a file
/// added, renamed or deleted) is looked up by name.
pub fn match_entries(
    root: &Path,
    candidates: &[Candidate],
    index: &[IndexEntry],
) -> Vec<Option<usize>> {
    let mut slots = Vec::with_capacity(candidates.len());
    let mut next = 0;
    let mut by_name: Option<HashMap<&str, usize>> = None;
    for candidate in candidates {
        let Some(relative) = relative_name(root, candidate) else {
            slots.push(None);
            continue;
        };
        if index.get(next).is_some_and(|entry| entry.path == relative) {
            slots.push(Some(next));
            next += 1;
            continue;
        }
        let by_name = by_name.get_or_insert_with(|| {
            index
                .iter()
                .enumerate()
                .map(|(at, entry)| (entry.path.as_str(), at))
                .collect()
        });
        let found = by_name.get(relative).copied();
        if let Some(at) = found {
            next = at + 1;
        }
        slots.push(found);
    }
    slots
}

/// The candidate's path inside the folder, as the cache names it (`None`: not UTF-8).
pub fn relative_name<'a>(root: &Path, candidate: &'a Candidate) -> Option<&'a str> {
    // The scan joins names onto the root: the bytes after `root/` are the name in the
    // folder (what taking the root's components off gives, without walking them).
    let quick = candidate
        .path
        .as_os_str()
        .as_encoded_bytes()
        .strip_prefix(root.as_os_str().as_encoded_bytes())
        .and_then(|rest| rest.strip_prefix(b"/"))
        .filter(|rest| !rest.is_empty() && !rest.starts_with(b"/") && !rest.starts_with(b"./"));
    if let Some(rest) = quick {
        return std::str::from_utf8(rest).ok();
    }
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

/// Is the file unchanged since the old cache's entry `at` was made, and was it not racy
/// then?
pub fn unchanged(candidate: &Candidate, old: &CacheContents, at: usize) -> bool {
    let Some(entry) = old.index.get(at) else {
        return false;
    };
    let Some(key) = current_key(candidate) else {
        return false;
    };
    key == entry.key
        && !entry.key.file.is_racy(old.as_of_ns)
        && !entry
            .key
            .link
            .is_some_and(|link| link.is_racy(old.as_of_ns))
}

/// The file as the entry gives it back, under the candidate's name, with no plan: its
/// findings (not yet the folder-wide rules') and where its id is.
pub fn file_without_plan(candidate: &Candidate, entry: &IndexEntry) -> PlanFile {
    file_of(candidate, entry.findings.clone(), entry.id_location)
}

/// A file with no plan, under the candidate's name, from an entry's findings (given back
/// their file name) and the place of its id.
pub fn file_of(
    candidate: &Candidate,
    findings: Vec<CachedFinding>,
    id_location: Location,
) -> PlanFile {
    let findings = findings
        .into_iter()
        .map(|finding| Finding {
            severity: finding.severity,
            check: finding.check,
            file: candidate.display.clone(),
            path: YamlPath(finding.path),
            location: finding.location,
            message: finding.message,
        })
        .collect();
    PlanFile {
        path: candidate.path.clone(),
        display: candidate.display.clone(),
        plan: None,
        findings,
        id_location,
    }
}

/// Read and check one file from the disk, and its entry for the cache when it may have one.
pub fn read_fresh(
    root: &Path,
    candidate: &Candidate,
    settings: &RuleSettings,
) -> (PlanFile, Outcome) {
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
                Location::START,
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
    let Ok(line) = serde_json::to_vec(&file.plan) else {
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
        listing: ListingFacts::of(file.plan.as_ref(), settings),
    };
    (file, Outcome::Read(Box::new(entry), line))
}

/// The entries of the cache to write, in the candidates' order: kept ones from `old` (when
/// its plans were read, or the entry has none), read ones as read.
pub fn entries_to_keep<'a>(
    outcomes: &'a [Outcome],
    old: Option<&'a CacheContents>,
) -> Vec<(&'a IndexEntry, &'a [u8])> {
    outcomes
        .iter()
        .filter_map(|outcome| match (outcome, old) {
            (Outcome::Kept(at), Some(old)) => {
                let entry = old.index.get(*at)?;
                let line = match (entry.has_plan, old.has_plans()) {
                    (false, _) => b"null".as_slice(),
                    (true, true) => old.plan_line(*at),
                    (true, false) => return None,
                };
                Some((entry, line))
            }
            (Outcome::Read(entry, line), _) => Some((entry.as_ref(), line.as_slice())),
            _ => None,
        })
        .collect()
}
