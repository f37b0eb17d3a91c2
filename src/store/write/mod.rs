//! Atomic writes of plan files and detection of changes made on disk since load: the only
//! place a plan file is written.
//!
//! A write is: edit the text, verify it, diff it; then, holding the plan's lock (`lock`),
//! check the file is still where it was read and inside the plans folder (`place`), still
//! writable, and still what was loaded (`stamp`); write a temp file in the file's real folder
//! (with the original's permissions), fsync it, check its place once more, rename it over the
//! original, fsync the folder (`atomic`); read it back, and only then report it written. A
//! reader or a crash sees the old file or the new one, never a mix. A plan that is a symlink
//! to a file inside the plans folder is written at its target.

mod atomic;
pub mod leftovers;
pub mod lock;
mod place;
mod stamp;

use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::diff::unified_diff;
use super::edit::{self, Edit, EditError};
use atomic::replace;
pub use atomic::write_atomic;
pub(crate) use atomic::{Placing, ReplaceError, place};
pub use lock::PlanLock;
use lock::{LOCK_WAIT, LockError};
use place::{Displaced, Place};
pub use stamp::{FileStamp, fnv1a};

/// Why a write did not happen. The file on disk is unchanged in every case but `NotSurvived`.
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
    /// Another process holds the plan's lock (it is writing it) and did not let go in time.
    /// `pending` is the caller's edited text, kept: try again in a moment.
    #[error(
        "{}: being written by another process; nothing was written: try again in a moment",
        path.display()
    )]
    Busy { path: PathBuf, pending: String },
    /// The file or its folder has no write permission (checked at write time).
    #[error("{}: read-only: {what}; nothing was written", path.display())]
    ReadOnly { path: PathBuf, what: String },
    /// The plan's name no longer leads to the file that was read, or leads out of the
    /// plans folder (a link put in its place, a folder swapped for a link).
    #[error(
        "{}: {what} since it was read; nothing was written (a plan is written only where it was read, inside the plans folder)",
        path.display()
    )]
    Moved { path: PathBuf, what: &'static str },
    /// The file leads outside the plans folder: not read for editing, never written.
    #[error(
        "{}: outside the plans folder (once links are followed); a plan is edited only inside it",
        path.display()
    )]
    Outside { path: PathBuf },
    /// The rename happened but the file read back is not what was written: another program
    /// wrote it at the same moment, without the lock. Not reported as written.
    #[error(
        "{}: reading the file back after writing it found other bytes (another program wrote it at the same moment?); check the file before going on",
        path.display()
    )]
    NotSurvived { path: PathBuf },
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

/// A plan file as loaded: its text, what it was on disk, and where it really is.
#[derive(Clone, Debug)]
pub struct Loaded {
    pub path: PathBuf,
    /// The name shown in diff headers (`a/<display>`): the path as given, unless set.
    pub display: String,
    pub text: String,
    pub stamp: FileStamp,
    /// The real path and the plans folder, as resolved at read time: where it is written.
    place: Place,
}

impl Loaded {
    /// Read a plan file. It is written later only at the real path it has now, and only while
    /// its name still leads there.
    pub fn read(path: &Path) -> Result<Loaded, WriteError> {
        let place = Place::of(path).map_err(io_err(path))?;
        let (bytes, stamp) = FileStamp::read_real(&place.real).map_err(io_err(path))?;
        let text = String::from_utf8(bytes).map_err(|_| WriteError::NotUtf8 {
            path: path.to_path_buf(),
        })?;
        Ok(Loaded {
            path: path.to_path_buf(),
            display: path.to_string_lossy().into_owned(),
            text,
            stamp,
            place,
        })
    }

    /// `read`, refused when the file (once links are followed) is outside the plans folder
    /// `root`; a later write is refused too if it has come to lead outside it.
    pub fn read_in(root: &Path, path: &Path) -> Result<Loaded, WriteError> {
        let mut loaded = Loaded::read(path)?;
        loaded.confine_to(root)?;
        Ok(loaded)
    }

    /// Hold this plan to the plans folder `root`: refused now if it is outside it, and at
    /// write time if it has come to lead outside it.
    pub fn confine_to(&mut self, root: &Path) -> Result<(), WriteError> {
        let root = std::fs::canonicalize(root).map_err(io_err(root))?;
        self.place.root = Some(root);
        if self.place.inside() {
            Ok(())
        } else {
            Err(WriteError::Outside {
                path: self.path.clone(),
            })
        }
    }

    /// Where the file really was when it was read (symlinks and `..` resolved).
    pub fn real_path(&self) -> &Path {
        &self.place.real
    }

    /// The plans folder (resolved) the file is held to, when given.
    pub fn root(&self) -> Option<&Path> {
        self.place.root.as_deref()
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

/// Take the plan's lock before reading it, for a command that reads, edits and writes in one
/// go (`aftercare set`): a second such command waits its turn instead of finding the file
/// changed under it. Read the plan again once this returns, and write with
/// `write_pending_holding`.
pub fn lock_for_edit(loaded: &Loaded) -> Result<PlanLock, WriteError> {
    match PlanLock::acquire(&loaded.place.real, LOCK_WAIT) {
        Ok(lock) => Ok(lock),
        Err(LockError::Busy) => Err(WriteError::Busy {
            path: loaded.path.clone(),
            pending: loaded.text.clone(),
        }),
        Err(LockError::Io(source)) => Err(lock_failed(loaded, source)),
    }
}

/// `write_pending` for a caller that already holds the plan's lock (`lock_for_edit`).
pub fn write_pending_holding(
    loaded: &Loaded,
    pending: Pending,
    lock: &PlanLock,
) -> Result<Written, WriteError> {
    if !lock.is_for(&loaded.place.real) {
        return Err(WriteError::Moved {
            path: loaded.path.clone(),
            what: "its lock is another file's",
        });
    }
    write_locked(loaded, pending, None)
}

/// Write a pending edit (from `dry_run`) if the file is still as loaded, holding the plan's
/// lock from the last checks to the read-back.
pub fn write_pending(loaded: &Loaded, pending: Pending) -> Result<Written, WriteError> {
    write_locked(loaded, pending, Some(LOCK_WAIT))
}

/// The write itself; `wait`: take the lock first (waiting up to that long), or `None` when the
/// caller holds it already.
fn write_locked(
    loaded: &Loaded,
    pending: Pending,
    wait: Option<Duration>,
) -> Result<Written, WriteError> {
    let Pending { text, diff } = pending;
    if text == loaded.text {
        // Nothing to write: only say whether the file is still as loaded.
        if let Err(what) = check_unchanged(&loaded.path, &loaded.stamp) {
            return Err(WriteError::ChangedOnDisk {
                path: loaded.path.clone(),
                what,
                pending: text,
            });
        }
        return Ok(Written {
            text,
            diff,
            stamp: loaded.stamp,
        });
    }
    let path = || loaded.path.clone();
    let _lock = match wait.map(|wait| PlanLock::acquire(&loaded.place.real, wait)) {
        None => None,
        Some(Ok(lock)) => Some(lock),
        Some(Err(LockError::Busy)) => {
            return Err(WriteError::Busy {
                path: path(),
                pending: text,
            });
        }
        Some(Err(LockError::Io(source))) => return Err(lock_failed(loaded, source)),
    };
    let displaced = |displaced: Displaced, text: String| match displaced {
        Displaced::Deleted => WriteError::ChangedOnDisk {
            path: path(),
            what: "it was deleted",
            pending: text,
        },
        Displaced::Moved(what) => WriteError::Moved { path: path(), what },
    };
    if let Err(why) = loaded.place.check(&loaded.path) {
        return Err(displaced(why, text));
    }
    if let Err(what) = loaded.place.check_writable() {
        return Err(WriteError::ReadOnly { path: path(), what });
    }
    if let Err(what) = check_unchanged_at(&loaded.place.real, &loaded.stamp) {
        return Err(WriteError::ChangedOnDisk {
            path: path(),
            what,
            pending: text,
        });
    }
    let last_check = || match loaded.place.check_real() {
        Ok(()) => Ok(()),
        Err(Displaced::Deleted) => Err("it was deleted"),
        Err(Displaced::Moved(what)) => Err(what),
    };
    match replace(&loaded.place.real, text.as_bytes(), last_check) {
        Ok(()) => {}
        Err(ReplaceError::Io(source)) => {
            return Err(WriteError::Io {
                path: path(),
                source,
            });
        }
        Err(ReplaceError::Refused(what)) => return Err(WriteError::Moved { path: path(), what }),
        // A replacement is never refused as new; said as what it would mean.
        Err(ReplaceError::Exists) => return Err(WriteError::Exists { path: path() }),
    }
    // Reported written only once it reads back as written.
    let (bytes, stamp) = FileStamp::read_real(&loaded.place.real).map_err(io_err(&loaded.path))?;
    if bytes != text.as_bytes() {
        return Err(WriteError::NotSurvived { path: path() });
    }
    Ok(Written { text, diff, stamp })
}

/// The lock file could not be made: a read-only folder says so, anything else as it is.
fn lock_failed(loaded: &Loaded, source: io::Error) -> WriteError {
    let lock = lock::lock_path(&loaded.place.real);
    if source.kind() == io::ErrorKind::PermissionDenied {
        let folder = lock.parent().unwrap_or(Path::new("."));
        return WriteError::ReadOnly {
            path: loaded.path.clone(),
            what: format!("the folder {} is read-only", folder.display()),
        };
    }
    WriteError::Io {
        path: loaded.path.clone(),
        source: io::Error::new(
            source.kind(),
            format!("cannot make the lock file {}: {source}", lock.display()),
        ),
    }
}

/// `Err(what changed)` when the file is no longer what `stamp` recorded.
pub fn check_unchanged(path: &Path, stamp: &FileStamp) -> Result<(), &'static str> {
    stamp_difference(FileStamp::read(path), stamp)
}

/// `check_unchanged` of a real path: a link there is not followed.
fn check_unchanged_at(real: &Path, stamp: &FileStamp) -> Result<(), &'static str> {
    stamp_difference(FileStamp::read_real(real), stamp)
}

fn stamp_difference(
    now: io::Result<(Vec<u8>, FileStamp)>,
    stamp: &FileStamp,
) -> Result<(), &'static str> {
    match now {
        Ok((_, now)) => now.difference(stamp).map_or(Ok(()), Err),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Err("it was deleted"),
        Err(_) => Err("it can no longer be read"),
    }
}

#[cfg(test)]
mod tests;
