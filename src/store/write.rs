//! Atomic writes of plan files and detection of changes made on disk since load: the only
//! place a plan file is written.
//!
//! A write is: edit the text, verify it, diff it, check the file is still what was loaded, then
//! write a temp file in the same folder (with the original's permissions), fsync it, rename it
//! over the original and fsync the folder. A reader or a crash sees the old file or the new
//! one, never a mix. A symlinked plan is written through to its target.

use std::fs::{self, File};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use super::diff::unified_diff;
use super::edit::{self, Edit, EditError};
use super::folder::{MAX_PLAN_BYTES, open_regular};

/// What a file was when it was loaded; compared again just before writing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct FileStamp {
    pub len: u64,
    /// Modification time in nanoseconds since the Unix epoch.
    pub mtime_ns: i128,
    /// The inode (0 where the platform has none); a rename over the file changes it.
    pub inode: u64,
    /// FNV-1a of the bytes.
    pub hash: u64,
}

impl FileStamp {
    /// Stamp a file's metadata together with the bytes read from it.
    pub fn new(meta: &fs::Metadata, bytes: &[u8]) -> FileStamp {
        let mtime_ns = meta
            .modified()
            .ok()
            .map_or(0, |t| match t.duration_since(UNIX_EPOCH) {
                Ok(d) => d.as_nanos() as i128,
                Err(e) => -(e.duration().as_nanos() as i128),
            });
        FileStamp {
            len: meta.len(),
            mtime_ns,
            inode: inode(meta),
            hash: fnv1a(bytes),
        }
    }

    /// Read a file (through symlinks) and stamp it. The metadata is taken first, so a change
    /// racing the read still shows as a newer modification time at the next check. Only a
    /// regular file of at most `MAX_PLAN_BYTES` is read (a pipe would block; a plan is small).
    pub fn read(path: &Path) -> io::Result<(Vec<u8>, FileStamp)> {
        let (file, meta) = open_regular(path)?;
        let too_large = || {
            io::Error::new(
                io::ErrorKind::FileTooLarge,
                format!(
                    "larger than {} KiB; a plan is a few kilobytes, so it is not edited",
                    MAX_PLAN_BYTES / 1024
                ),
            )
        };
        if meta.len() > MAX_PLAN_BYTES {
            return Err(too_large());
        }
        let mut bytes = Vec::with_capacity(meta.len() as usize + 1);
        file.take(MAX_PLAN_BYTES + 1).read_to_end(&mut bytes)?;
        if bytes.len() as u64 > MAX_PLAN_BYTES {
            return Err(too_large());
        }
        let stamp = FileStamp::new(&meta, &bytes);
        Ok((bytes, stamp))
    }

    /// Which part differs from `other`, for the message (`None` when equal).
    pub fn difference(&self, other: &FileStamp) -> Option<&'static str> {
        if self.inode != other.inode {
            Some("it was replaced")
        } else if self.len != other.len {
            Some("its size changed")
        } else if self.hash != other.hash {
            Some("its content changed")
        } else if self.mtime_ns != other.mtime_ns {
            Some("its modification time changed")
        } else {
            None
        }
    }
}

#[cfg(unix)]
fn inode(meta: &fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_meta: &fs::Metadata) -> u64 {
    0
}

/// FNV-1a, 64 bit: stable across runs and Rust versions, enough to notice an edit.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Why a write did not happen. The file on disk is unchanged in every case.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Someone changed the file since it was loaded. `pending` is the caller's edited text, kept
    /// so nothing is lost: reload the file and apply the change again.
    #[error(
        "{}: the file changed on disk since it was loaded ({what}); nothing was written: reload it and apply the change again",
        path.display()
    )]
    ChangedOnDisk {
        path: PathBuf,
        what: &'static str,
        pending: String,
    },
    #[error("{}: {source}", path.display())]
    Edit {
        path: PathBuf,
        #[source]
        source: EditError,
    },
    #[error("{}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{}: not UTF-8 text", path.display())]
    NotUtf8 { path: PathBuf },
    /// A new plan's file name is taken.
    #[error("{}: a file with that name already exists; nothing was written", path.display())]
    Exists { path: PathBuf },
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> WriteError + '_ {
    move |source| WriteError::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// A plan file as loaded: its text and what it was on disk.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub path: PathBuf,
    /// The name shown in diff headers (`a/<display>`): the path as given, unless set.
    pub display: String,
    pub text: String,
    pub stamp: FileStamp,
}

impl Loaded {
    pub fn read(path: &Path) -> Result<Loaded, WriteError> {
        let (bytes, stamp) = FileStamp::read(path).map_err(io_err(path))?;
        let text = String::from_utf8(bytes).map_err(|_| WriteError::NotUtf8 {
            path: path.to_path_buf(),
        })?;
        Ok(Loaded {
            path: path.to_path_buf(),
            display: path.to_string_lossy().into_owned(),
            text,
            stamp,
        })
    }
}

/// An edit ready to write: the new text and its diff. What a dry run shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Pending {
    pub text: String,
    /// Unified diff, empty when the edit changes nothing.
    pub diff: String,
}

/// A write that happened (or, with an empty diff, was not needed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub text: String,
    pub diff: String,
    /// The file's new stamp: keep it for the next write.
    pub stamp: FileStamp,
}

/// Edit, verify and diff without touching the disk: the dry run.
pub fn dry_run(loaded: &Loaded, edits: &[Edit]) -> Result<Pending, WriteError> {
    let text = edit::apply(&loaded.text, edits).map_err(|source| WriteError::Edit {
        path: loaded.path.clone(),
        source,
    })?;
    let diff = unified_diff(&loaded.display, &loaded.text, &text);
    Ok(Pending { text, diff })
}

/// Edit, verify, check the file is still as loaded, and write it atomically.
pub fn apply_and_write(loaded: &Loaded, edits: &[Edit]) -> Result<Written, WriteError> {
    let pending = dry_run(loaded, edits)?;
    write_pending(loaded, pending)
}

/// Write a pending edit (from `dry_run`) if the file is still as loaded.
pub fn write_pending(loaded: &Loaded, pending: Pending) -> Result<Written, WriteError> {
    let Pending { text, diff } = pending;
    if let Err(what) = check_unchanged(&loaded.path, &loaded.stamp) {
        return Err(WriteError::ChangedOnDisk {
            path: loaded.path.clone(),
            what,
            pending: text,
        });
    }
    if text == loaded.text {
        return Ok(Written {
            text,
            diff,
            stamp: loaded.stamp,
        });
    }
    write_atomic(&loaded.path, text.as_bytes()).map_err(io_err(&loaded.path))?;
    let (_, stamp) = FileStamp::read(&loaded.path).map_err(io_err(&loaded.path))?;
    Ok(Written { text, diff, stamp })
}

/// `Err(what changed)` when the file is no longer what `stamp` recorded.
pub fn check_unchanged(path: &Path, stamp: &FileStamp) -> Result<(), &'static str> {
    match FileStamp::read(path) {
        Ok((_, now)) => now.difference(stamp).map_or(Ok(()), Err),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err("it was deleted"),
        Err(_) => Err("it can no longer be read"),
    }
}

/// Replace the file at `path` (or, for a symlink, its target) with `bytes`, atomically:
/// temp file in the same folder, original permissions, fsync, rename, fsync the folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let target = match fs::canonicalize(path) {
        Ok(target) => target,
        Err(e) if e.kind() == io::ErrorKind::NotFound && fs::symlink_metadata(path).is_err() => {
            path.to_path_buf()
        }
        Err(e) => return Err(e),
    };
    let dir = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let name = target
        .file_name()
        .map_or_else(|| "plan".into(), |n| n.to_string_lossy().into_owned());
    let mut tmp = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(&dir)?;
    match fs::metadata(&target) {
        Ok(meta) => {
            tmp.as_file().set_permissions(meta.permissions())?;
            keep_owner(tmp.as_file(), &meta);
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => default_permissions(tmp.as_file())?,
        Err(e) => return Err(e),
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(&target).map_err(|e| e.error)?;
    sync_dir(&dir)
}

/// Give the new file the old one's owner and group, where allowed (as root, or same owner).
#[cfg(unix)]
fn keep_owner(file: &File, meta: &fs::Metadata) {
    use std::os::unix::fs::MetadataExt;
    let Ok(now) = file.metadata() else { return };
    if now.uid() != meta.uid() || now.gid() != meta.gid() {
        // Best effort: an ordinary user cannot give a file away; the mode is still copied.
        let _ = std::os::unix::fs::fchown(file, Some(meta.uid()), Some(meta.gid()));
    }
}

#[cfg(not(unix))]
fn keep_owner(_file: &File, _meta: &fs::Metadata) {}

/// A new file gets rw-r--r-- (tempfile's default is rw-------).
#[cfg(unix)]
fn default_permissions(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(_file: &File) -> io::Result<()> {
    Ok(())
}

/// Make the rename durable: fsync the folder that holds the entry.
#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }

    #[cfg(unix)]
    #[test]
    fn keeps_mode_and_writes_through_symlinks() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.yaml");
        fs::write(&real, "a: 1\n").unwrap();
        fs::set_permissions(&real, fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.yaml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"a: 2\n").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "a: 2\n");
        let mode = fs::metadata(&real).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o640);
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 2, "no temp file left behind");
    }
}
