//! Putting a file in place atomically, the one copy of these steps for a write and for a new
//! plan: a temp file `.<name>.XXXXXX.tmp` in the file's real folder, with the original's
//! permissions and owner (a new file: rw-r--r--), synced, moved into place after a last check
//! (renamed over the original, or linked where no file is), then the folder synced. A reader
//! or a crash sees the old file or the new one (or none), never a part.

use std::fs::{self, File};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// How many random characters a temp file's name has (`.<name>.XXXXXX.tmp`): what the
/// clean-up of leftover temp files matches.
pub const TEMP_RANDOM_CHARS: usize = 6;

/// Why a replacement did not happen.
#[derive(Debug)]
pub enum ReplaceError {
    Io(io::Error),
    /// The check just before the rename refused (the file is no longer where it was).
    Refused(&'static str),
    /// A new file's name is taken (`Placing::New`): nothing was written.
    Exists,
}

/// How the new bytes take their place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placing {
    /// Over the file there (or where none is yet), keeping its permissions and owner.
    Over,
    /// Only where no file is: never over one, even one made a moment ago.
    New,
}

impl From<io::Error> for ReplaceError {
    fn from(error: io::Error) -> ReplaceError {
        ReplaceError::Io(error)
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
    match replace(&target, bytes, || Ok(())) {
        Ok(()) => Ok(()),
        Err(ReplaceError::Io(error)) => Err(error),
        Err(ReplaceError::Refused(why)) => Err(io::Error::other(why)),
        Err(ReplaceError::Exists) => Err(io::ErrorKind::AlreadyExists.into()),
    }
}

/// The folder a path's entry is in (`.` for a bare name).
pub(super) fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// A new temp file for `target`, in `dir`: `.<name>.XXXXXX.tmp`.
pub(crate) fn temp_file_for(target: &Path, dir: &Path) -> io::Result<tempfile::NamedTempFile> {
    let name = target
        .file_name()
        .map_or_else(|| "plan".into(), |n| n.to_string_lossy().into_owned());
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .rand_bytes(TEMP_RANDOM_CHARS)
        .tempfile_in(dir)
}

/// Replace the file at `target` (a real path: no symlink is followed at its last component)
/// with `bytes`. `last_check` runs after the temp file is synced, just before the rename.
pub(super) fn replace(
    target: &Path,
    bytes: &[u8],
    last_check: impl FnOnce() -> Result<(), &'static str>,
) -> Result<(), ReplaceError> {
    place(target, bytes, Placing::Over, last_check)
}

/// Put `bytes` at `target` as `placing` says: temp file in the same folder, permissions,
/// fsync, `last_check`, rename (or link, for a new file), fsync the folder.
pub(crate) fn place(
    target: &Path,
    bytes: &[u8],
    placing: Placing,
    last_check: impl FnOnce() -> Result<(), &'static str>,
) -> Result<(), ReplaceError> {
    let dir = folder_of(target);
    let mut tmp = temp_file_for(target, &dir)?;
    let existing = match placing {
        Placing::New => None,
        Placing::Over => match fs::symlink_metadata(target) {
            Ok(meta) if meta.is_file() => Some(meta),
            Ok(_) => None,
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e.into()),
        },
    };
    match existing {
        Some(meta) => {
            tmp.as_file().set_permissions(meta.permissions())?;
            keep_owner(tmp.as_file(), &meta);
        }
        None => default_permissions(tmp.as_file())?,
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    last_check().map_err(ReplaceError::Refused)?;
    match placing {
        Placing::Over => tmp.persist(target).map(drop).map_err(|e| e.error)?,
        Placing::New => tmp.persist_noclobber(target).map(drop).map_err(|e| {
            if e.error.kind() == io::ErrorKind::AlreadyExists {
                ReplaceError::Exists
            } else {
                ReplaceError::Io(e.error)
            }
        })?,
    }
    sync_dir(&dir)?;
    Ok(())
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
pub(crate) fn default_permissions(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
pub(crate) fn default_permissions(_file: &File) -> io::Result<()> {
    Ok(())
}

/// Make the rename durable: fsync the folder that holds the entry.
#[cfg(unix)]
pub(crate) fn sync_dir(dir: &Path) -> io::Result<()> {
    File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
pub(crate) fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn a_new_file_is_placed_once_and_never_over_another() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.yaml");
        place(&path, b"a: 1\n", Placing::New, || Ok(())).unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "a: 1\n");
        let again = place(&path, b"a: 2\n", Placing::New, || Ok(()));
        assert!(matches!(again, Err(ReplaceError::Exists)), "{again:?}");
        assert_eq!(fs::read_to_string(&path).unwrap(), "a: 1\n");
        let refused = place(&dir.path().join("other.yaml"), b"b", Placing::New, || {
            Err("moved")
        });
        assert!(matches!(refused, Err(ReplaceError::Refused("moved"))));
        assert_eq!(
            fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no temp file left"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o644);
        }
    }

    #[test]
    fn a_refusal_at_the_last_check_leaves_the_file_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("plan.yaml");
        fs::write(&path, "a: 1\n").unwrap();
        let result = replace(&path, b"a: 2\n", || Err("it moved"));
        assert!(matches!(result, Err(ReplaceError::Refused("it moved"))));
        assert_eq!(fs::read_to_string(&path).unwrap(), "a: 1\n");
        assert_eq!(fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
