//! The cache file: where it lives, its layout, and reading and writing it. Nothing in it is
//! trusted that its header and checksums do not vouch for; a file that is not exactly what
//! this version writes (truncated, corrupt, another version's, another folder's, other rule
//! settings') is ignored, never an error.
//!
//! Layout, one JSON document a line: a magic line `aftercare-cache <FORMAT>`, the header
//! (app version, settings hash, folder, when the cache was made, lengths and checksums), the
//! index (each file's stat data, findings and where its id is), then one line per plan
//! (`null` for a file read as no plan), in index order.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::key::FileKey;
use crate::plan::finding::{Check, Location, Segment, Severity};
use crate::plan::model::Plan;

/// Bump when the layout or anything stored changes meaning.
const FORMAT: u32 = 1;
const MAGIC: &str = "aftercare-cache";

/// One plan file as the cache keeps it (the file name is the folder's, not the cache's).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct IndexEntry {
    /// The path relative to the plans folder, `/`-separated.
    pub path: String,
    pub key: FileKey,
    pub findings: Vec<CachedFinding>,
    pub id_location: Location,
    pub has_plan: bool,
    /// What the folder-wide rules read of the plan, for a load that wants no plans.
    pub folder: FolderFacts,
}

/// What the rules across plans read of one plan: its id, its NHS number, whether it records
/// an ending (`apply_folder_rules`).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct FolderFacts {
    pub id: Option<String>,
    pub nhs_number: Option<String>,
    pub ended: bool,
}

impl FolderFacts {
    pub fn of(plan: &Plan) -> FolderFacts {
        FolderFacts {
            id: plan.id.clone(),
            nhs_number: plan.person.nhs_number.clone(),
            ended: plan.is_ended(),
        }
    }

    /// A plan holding only these facts: for the folder-wide rules, never shown or kept.
    pub fn stand_in(&self) -> Plan {
        Plan {
            id: self.id.clone(),
            person: crate::plan::model::Person {
                nhs_number: self.nhs_number.clone(),
                ..Default::default()
            },
            ending: self.ended.then(crate::plan::model::Ending::default),
            ..Default::default()
        }
    }
}

/// A finding without its file name (given back from the scan's name when loaded).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CachedFinding {
    pub severity: Severity,
    pub check: Check,
    pub path: Vec<Segment>,
    pub location: Location,
    pub message: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct Header {
    app: String,
    settings: u64,
    root: String,
    as_of_ns: i64,
    entries: usize,
    index_checksum: u64,
    plans_checksum: u64,
}

/// A cache as read: when it was made, its index, and each entry's plan line (parsed only
/// for the files found unchanged).
#[derive(Debug)]
pub struct CacheContents {
    pub as_of_ns: i64,
    pub index: Vec<IndexEntry>,
    text: String,
    plan_lines: Vec<std::ops::Range<usize>>,
}

impl CacheContents {
    /// Whether the plans were read (not by [`read_index`]).
    pub fn has_plans(&self) -> bool {
        self.plan_lines.len() == self.index.len()
    }

    /// The JSON line of entry `index`'s plan, as written.
    pub fn plan_line(&self, index: usize) -> &str {
        self.plan_lines
            .get(index)
            .and_then(|range| self.text.get(range.clone()))
            .unwrap_or("")
    }

    /// Entry `index`'s plan; `None` when it has none or its line is not one (a cache that
    /// passed its checksums never has such a line, but nothing here is taken on trust).
    pub fn plan(&self, index: usize) -> Option<Option<Plan>> {
        let plan: Option<Plan> = serde_json::from_str(self.plan_line(index)).ok()?;
        let has_plan = self.index.get(index)?.has_plan;
        (plan.is_some() == has_plan).then_some(plan)
    }
}

/// What a cache must match to be used: this app, these settings, this folder.
#[derive(Debug, Clone)]
pub struct Identity {
    pub settings: u64,
    pub root: String,
}

/// A checksum of bytes, eight at a time: quick over tens of megabytes, and stable across
/// builds (the standard library's hasher promises neither).
pub fn checksum(bytes: &[u8]) -> u64 {
    const K: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut hash: u64 = 0xCBF2_9CE4_8422_2325 ^ (bytes.len() as u64);
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        hash = (hash ^ u64::from_le_bytes(word))
            .wrapping_mul(K)
            .rotate_left(29);
    }
    for &byte in chunks.remainder() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(K).rotate_left(29);
    }
    hash ^ (hash >> 32)
}

/// Where the cache of the plans folder `canonical_root` is: in the repository's `.git/`
/// when the folder is in a git work tree (found by walking up, running nothing) and this user
/// may keep one there, else in the platform cache folder; `None` when there is neither.
pub fn location(canonical_root: &Path) -> Option<PathBuf> {
    let name = format!(
        "cache-{:016x}.v{FORMAT}",
        checksum(canonical_root.as_os_str().as_encoded_bytes())
    );
    let git = canonical_root
        .ancestors()
        .map(|folder| folder.join(".git"))
        // A real folder only: a `.git` file (a linked work tree) or a link is not followed.
        .find(|git| fs::symlink_metadata(git).is_ok_and(|metadata| metadata.is_dir()));
    if let Some(git) = git {
        let folder = git.join("aftercare");
        // A repository this user cannot write to, or another user's cache folder in it (a
        // shared work tree): the user's own cache folder instead.
        if make_private_folder(&folder).is_ok() && fs::read_dir(&folder).is_ok() {
            return Some(folder.join(name));
        }
    }
    directories::ProjectDirs::from("", "", "aftercare")
        .map(|dirs| dirs.cache_dir().join("folders").join(name))
}

/// The header, if it is this version's and made for `identity`.
fn header(magic: &str, header_line: &str, identity: &Identity) -> Option<Header> {
    if magic != format!("{MAGIC} {FORMAT}") {
        return None;
    }
    let header: Header = serde_json::from_str(header_line).ok()?;
    (header.app == env!("CARGO_PKG_VERSION")
        && header.settings == identity.settings
        && header.root == identity.root)
        .then_some(header)
}

/// Read only the index of the cache at `path` (no plans: a load that wants findings only),
/// if it is whole and was made for `identity`.
pub fn read_index(path: &Path, identity: &Identity) -> Option<CacheContents> {
    use std::io::{BufRead, Read};
    let mut reader = std::io::BufReader::new(fs::File::open(path).ok()?);
    let mut line = |limit: u64| {
        let mut text = String::new();
        let read = (&mut reader).take(limit).read_line(&mut text).ok()?;
        (read > 0 && text.ends_with('\n')).then(|| {
            text.pop();
            text
        })
    };
    let magic = line(64)?;
    let header_line = line(4096)?;
    let header = header(&magic, &header_line, identity)?;
    // The index line read in one piece into room made for it (the file's size bounds it), not
    // grown by doubling: on 10,000 plans it is megabytes.
    let room = reader
        .get_ref()
        .metadata()
        .map_or(0, |metadata| metadata.len())
        .min(1 << 28);
    let mut index_line = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
    reader.read_until(b'\n', &mut index_line).ok()?;
    if index_line.pop() != Some(b'\n') || checksum(&index_line) != header.index_checksum {
        return None;
    }
    let index: Vec<IndexEntry> = serde_json::from_slice(&index_line).ok()?;
    (index.len() == header.entries).then_some(CacheContents {
        as_of_ns: header.as_of_ns,
        index,
        text: String::new(),
        plan_lines: Vec::new(),
    })
}

/// Read the cache at `path`, if it is whole and was made for `identity`.
pub fn read(path: &Path, identity: &Identity) -> Option<CacheContents> {
    let text = fs::read_to_string(path).ok()?;
    let (magic, rest) = text.split_once('\n')?;
    let (header_line, rest) = rest.split_once('\n')?;
    let header = header(magic, header_line, identity)?;
    let (index_line, plans_text) = rest.split_once('\n')?;
    if checksum(index_line.as_bytes()) != header.index_checksum
        || checksum(plans_text.as_bytes()) != header.plans_checksum
    {
        return None;
    }
    let index: Vec<IndexEntry> = serde_json::from_str(index_line).ok()?;
    let plans_start = text.len() - plans_text.len();
    let mut plan_lines = Vec::with_capacity(index.len());
    let mut at = plans_start;
    for line in plans_text.split_terminator('\n') {
        plan_lines.push(at..at + line.len());
        at += line.len() + 1;
    }
    if index.len() != header.entries || plan_lines.len() != index.len() || at != text.len() {
        return None;
    }
    Some(CacheContents {
        as_of_ns: header.as_of_ns,
        index,
        text,
        plan_lines,
    })
}

/// Write the cache at `path` atomically (a temp file beside it, mode 0600, renamed over it),
/// its folder made (mode 0700) if need be. A failure leaves the old cache or none.
pub fn write(
    path: &Path,
    identity: &Identity,
    as_of_ns: i64,
    entries: &[(&IndexEntry, &str)],
) -> std::io::Result<()> {
    let index: Vec<&IndexEntry> = entries.iter().map(|(entry, _)| *entry).collect();
    let index_line = serde_json::to_string(&index).map_err(std::io::Error::other)?;
    let mut plans = Vec::with_capacity(entries.iter().map(|(_, line)| line.len() + 1).sum());
    for (_, line) in entries {
        plans.extend_from_slice(line.as_bytes());
        plans.push(b'\n');
    }
    let header = Header {
        app: env!("CARGO_PKG_VERSION").to_owned(),
        settings: identity.settings,
        root: identity.root.clone(),
        as_of_ns,
        entries: entries.len(),
        index_checksum: checksum(index_line.as_bytes()),
        plans_checksum: checksum(&plans),
    };
    let header_line = serde_json::to_string(&header).map_err(std::io::Error::other)?;
    let folder = path
        .parent()
        .ok_or_else(|| std::io::Error::other("the cache has no folder"))?;
    make_private_folder(folder)?;
    let mut temp = tempfile::Builder::new()
        .prefix(".cache-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    set_private(temp.as_file())?;
    {
        let file = temp.as_file_mut();
        let mut out = std::io::BufWriter::new(file);
        writeln!(out, "{MAGIC} {FORMAT}")?;
        writeln!(out, "{header_line}")?;
        writeln!(out, "{index_line}")?;
        out.write_all(&plans)?;
        out.flush()?;
    }
    temp.persist(path).map_err(|error| error.error)?;
    remove_leftovers(folder);
    Ok(())
}

/// Temp files of a write that never finished (the app quit while writing) after an hour,
/// and caches of folders not opened for 30 days (a folder moved or deleted), are removed.
fn remove_leftovers(folder: &Path) {
    const HOUR: std::time::Duration = std::time::Duration::from_secs(3600);
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let limit = if name.starts_with(".cache-") && name.ends_with(".tmp") {
            HOUR
        } else if name.starts_with("cache-") {
            HOUR * 24 * 30
        } else {
            continue;
        };
        let old = entry
            .metadata()
            .ok()
            .filter(|metadata| metadata.is_file())
            .and_then(|metadata| metadata.modified().ok())
            .and_then(|modified| modified.elapsed().ok())
            .is_some_and(|age| age > limit);
        if old {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(unix)]
fn make_private_folder(folder: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(folder)
}

#[cfg(not(unix))]
fn make_private_folder(folder: &Path) -> std::io::Result<()> {
    fs::create_dir_all(folder)
}

#[cfg(unix)]
fn set_private(file: &fs::File) -> std::io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o600))
}

#[cfg(not(unix))]
fn set_private(_file: &fs::File) -> std::io::Result<()> {
    Ok(())
}
