//! Replacing a file atomically: a temp file `.<name>.XXXXXX.tmp` in the file's real folder,
//! with the original's permissions and owner, synced, renamed over the original after a last
//! check, then the folder synced. A reader or a crash sees the old file or the new one.

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
    let dir = folder_of(target);
    let mut tmp = temp_file_for(target, &dir)?;
    match fs::symlink_metadata(target) {
        Ok(meta) if meta.is_file() => {
            tmp.as_file().set_permissions(meta.permissions())?;
            keep_owner(tmp.as_file(), &meta);
        }
        Ok(_) => default_permissions(tmp.as_file())?,
        Err(e) if e.kind() == io::ErrorKind::NotFound => default_permissions(tmp.as_file())?,
        Err(e) => return Err(e.into()),
    }
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    last_check().map_err(ReplaceError::Refused)?;
    tmp.persist(target).map_err(|e| e.error)?;
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
