//! The cache file: where it lives, its layout, and reading and writing it. Nothing in it is
//! trusted that its header and checksums do not vouch for; a file that is not exactly what
//! this version writes (truncated, corrupt, another version's, another folder's, other rule
//! settings') is ignored, never an error.
//!
//! Layout: a magic line `aftercare-cache <FORMAT>`, the header as one JSON line (app version,
//! settings hash, folder, when the cache was made, the index's length, lengths and
//! checksums), the index in the compact binary form of [`super::codec`] (each file's stat
//! data, findings, where its id is, what the rules across plans and the list's row read of
//! its plan), then one JSON line per plan (`null` for a file read as no plan), in index order.
//! A load that wants the findings or the rows reads the index alone; the plans, when wanted,
//! are read afterwards from the same open file (so from the same cache, whatever replaced it
//! since).

use std::fs;
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::key::FileKey;
/// What the rules across plans read of a plan: the domain's, kept here per file.
pub use crate::plan::document::FolderFacts;
use crate::plan::finding::{Check, Location, Segment, Severity};
use crate::plan::listing::ListingFacts;
use crate::plan::model::Plan;

/// Bump when the layout or anything stored changes meaning (1: a JSON index; 2: a binary
/// index with each plan's row facts).
const FORMAT: u32 = 2;
const MAGIC: &str = "aftercare-cache";
/// The magic line and the header fit in this: a file whose header line is longer is not one
/// of this version's.
const HEAD_BYTES: u64 = 8192;

/// One plan file as the cache keeps it (the file name is the folder's, not the cache's).
#[derive(Debug, Clone)]
pub struct IndexEntry {
    /// The path relative to the plans folder, `/`-separated.
    pub path: String,
    pub key: FileKey,
    pub findings: Vec<CachedFinding>,
    pub id_location: Location,
    pub has_plan: bool,
    /// What the folder-wide rules read of the plan, for a load that wants no plans.
    pub folder: FolderFacts,
    /// What the list's row says of the plan, under the rule settings the cache is made for
    /// (none when read without them, as `check` reads the index).
    pub listing: ListingFacts,
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
    index_bytes: u64,
    index_checksum: u64,
    plans_checksum: u64,
    /// Where the index begins in the file (worked out on reading, not stored).
    #[serde(skip)]
    index_start: u64,
}

/// A cache as read: when it was made and its index; its plans once read (each plan line
/// parsed only for the files found unchanged).
#[derive(Debug)]
pub struct CacheContents {
    pub as_of_ns: i64,
    pub index: Vec<IndexEntry>,
    plans: Option<PlanLines>,
    /// The cache file, open, with where its parts are (until its plans are read).
    rest: Option<(fs::File, Header)>,
    /// The index was read with each entry's row facts.
    listing: bool,
}

/// The plans' JSON lines, as read, and where each one is.
#[derive(Debug)]
struct PlanLines {
    text: Vec<u8>,
    lines: Vec<std::ops::Range<usize>>,
}

impl CacheContents {
    /// Whether the plans were read (not only the index).
    pub fn has_plans(&self) -> bool {
        self.plans.is_some()
    }

    /// Read the plans from the same cache file the index came from (and the index again
    /// with its row facts, if they were left out: an entry is written back whole); `false`
    /// (and no plans) when they are not whole or fail their checksum.
    pub fn read_plans(&mut self) -> bool {
        if self.plans.is_some() {
            return true;
        }
        if !self.listing && !self.read_index_again() {
            return false;
        }
        let entries = self.index.len();
        let Some((file, header)) = &mut self.rest else {
            return false;
        };
        let plans_start = header.index_start + header.index_bytes;
        self.plans = file
            .seek(SeekFrom::Start(plans_start))
            .ok()
            .and_then(|_| read_plan_lines(file, header.plans_checksum, entries));
        self.plans.is_some()
    }

    /// Read the index again, whole (row facts and all), from the same cache file: after its
    /// entries were taken apart (`entries` moved into the rows of a warm start), before they
    /// are written back. `false` (the index left as it was) when it cannot be.
    pub fn read_index_again(&mut self) -> bool {
        let Some((file, header)) = &mut self.rest else {
            return false;
        };
        let index = read_index_bytes(file, header).and_then(|bytes| {
            let index = super::codec::read_index(&bytes, true)?;
            (index.len() == header.entries).then_some(index)
        });
        match index {
            Some(index) => {
                self.index = index;
                self.listing = true;
                true
            }
            None => false,
        }
    }

    /// The JSON line of entry `index`'s plan, as written (empty when the plans are unread).
    pub fn plan_line(&self, index: usize) -> &[u8] {
        self.plans
            .as_ref()
            .and_then(|plans| plans.text.get(plans.lines.get(index)?.clone()))
            .unwrap_or(b"")
    }

    /// Entry `index`'s plan; `None` when it has none or its line is not one (a cache that
    /// passed its checksums never has such a line, but nothing here is taken on trust).
    pub fn plan(&self, index: usize) -> Option<Option<Plan>> {
        let plan: Option<Plan> = serde_json::from_slice(self.plan_line(index)).ok()?;
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
fn header(magic: &[u8], header_line: &[u8], identity: &Identity) -> Option<Header> {
    if magic != format!("{MAGIC} {FORMAT}").as_bytes() {
        return None;
    }
    let header: Header = serde_json::from_slice(header_line).ok()?;
    (header.app == env!("CARGO_PKG_VERSION")
        && header.settings == identity.settings
        && header.root == identity.root)
        .then_some(header)
}

/// Read the index of the cache at `path`, if it is whole and was made for `identity`; its
/// plans are read later, if wanted ([`CacheContents::read_plans`]). Without `listing`, the
/// rows' facts are left out (what `check` reads).
pub fn read_index(path: &Path, identity: &Identity, listing: bool) -> Option<CacheContents> {
    let mut file = fs::File::open(path).ok()?;
    let size = file.metadata().ok()?.len();
    let mut head = Vec::with_capacity(HEAD_BYTES.min(size) as usize);
    (&mut file).take(HEAD_BYTES).read_to_end(&mut head).ok()?;
    let magic_end = head.iter().position(|&byte| byte == b'\n')?;
    let header_end = magic_end
        + 1
        + head[magic_end + 1..]
            .iter()
            .position(|&byte| byte == b'\n')?;
    let mut header = header(
        &head[..magic_end],
        &head[magic_end + 1..header_end],
        identity,
    )?;
    header.index_start = header_end as u64 + 1;
    if header.index_start.checked_add(header.index_bytes)? > size {
        return None;
    }
    let index_bytes = read_index_bytes(&mut file, &header)?;
    let index = super::codec::read_index(&index_bytes, listing)?;
    (index.len() == header.entries).then_some(CacheContents {
        as_of_ns: header.as_of_ns,
        index,
        plans: None,
        rest: Some((file, header)),
        listing,
    })
}

/// The index's bytes, read in one piece into room made for exactly them, if they match
/// their checksum.
fn read_index_bytes(file: &mut fs::File, header: &Header) -> Option<Vec<u8>> {
    let mut bytes = vec![0; usize::try_from(header.index_bytes).ok()?];
    file.seek(SeekFrom::Start(header.index_start)).ok()?;
    file.read_exact(&mut bytes).ok()?;
    (checksum(&bytes) == header.index_checksum).then_some(bytes)
}

/// Read the cache at `path`, index and plans, if it is whole and was made for `identity`.
pub fn read(path: &Path, identity: &Identity) -> Option<CacheContents> {
    let mut contents = read_index(path, identity, true)?;
    contents.read_plans().then_some(contents)
}

/// The plans' lines from `file` (open where they begin), if they are `entries` whole lines
/// that match their checksum.
fn read_plan_lines(file: &mut fs::File, plans_checksum: u64, entries: usize) -> Option<PlanLines> {
    let size = file.metadata().ok()?.len();
    let at = file.stream_position().ok()?;
    let mut text = Vec::with_capacity(usize::try_from(size.saturating_sub(at)).ok()?);
    file.read_to_end(&mut text).ok()?;
    if checksum(&text) != plans_checksum {
        return None;
    }
    let mut lines = Vec::with_capacity(entries);
    let mut start = 0;
    for (end, _) in text.iter().enumerate().filter(|(_, byte)| **byte == b'\n') {
        lines.push(start..end);
        start = end + 1;
    }
    (lines.len() == entries && start == text.len()).then_some(PlanLines { text, lines })
}

/// Write the cache at `path` atomically (a temp file beside it, mode 0600, renamed over it),
/// its folder made (mode 0700) if need be. A failure leaves the old cache or none.
pub fn write(
    path: &Path,
    identity: &Identity,
    as_of_ns: i64,
    entries: &[(&IndexEntry, &[u8])],
) -> std::io::Result<()> {
    let index: Vec<&IndexEntry> = entries.iter().map(|(entry, _)| *entry).collect();
    let index_bytes = super::codec::write_index(&index)
        .ok_or_else(|| std::io::Error::other("an entry too large for the cache"))?;
    let mut plans = Vec::with_capacity(entries.iter().map(|(_, line)| line.len() + 1).sum());
    for (_, line) in entries {
        plans.extend_from_slice(line);
        plans.push(b'\n');
    }
    let header = Header {
        app: env!("CARGO_PKG_VERSION").to_owned(),
        settings: identity.settings,
        root: identity.root.clone(),
        as_of_ns,
        entries: entries.len(),
        index_bytes: index_bytes.len() as u64,
        index_checksum: checksum(&index_bytes),
        plans_checksum: checksum(&plans),
        index_start: 0,
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
        out.write_all(&index_bytes)?;
        out.write_all(&plans)?;
        out.flush()?;
    }
    temp.persist(path).map_err(|error| error.error)?;
    remove_leftovers(folder);
    Ok(())
}

/// Temp files of a write that never finished (the app quit while writing) after an hour,
/// caches of another format at once, and caches of folders not opened for 30 days (a folder
/// moved or deleted), are removed.
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
        } else if name.starts_with("cache-") && !name.ends_with(&format!(".v{FORMAT}")) {
            // Another format's cache (an older version's): never read by this one.
            std::time::Duration::ZERO
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
