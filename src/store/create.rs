//! Writing a new plan file: atomically (a temporary file in the same folder, synced, then
//! linked into place) and never over an existing file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::write::WriteError;

/// Create `path` holding `text`. Refused, with nothing written, when the file already exists
/// or its folder does not.
pub fn create_plan(path: &Path, text: &str) -> Result<(), WriteError> {
    let io_err = |source: io::Error| WriteError::Io {
        path: path.to_path_buf(),
        source,
    };
    if path.exists() {
        return Err(WriteError::Exists {
            path: path.to_path_buf(),
        });
    }
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let mut tmp = tempfile::Builder::new()
        .prefix(".new-plan.")
        .suffix(".tmp")
        .tempfile_in(&dir)
        .map_err(io_err)?;
    default_permissions(tmp.as_file()).map_err(io_err)?;
    tmp.write_all(text.as_bytes()).map_err(io_err)?;
    tmp.as_file().sync_all().map_err(io_err)?;
    tmp.persist_noclobber(path).map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            WriteError::Exists {
                path: path.to_path_buf(),
            }
        } else {
            io_err(e.error)
        }
    })?;
    sync_dir(&dir).map_err(io_err)
}

/// rw-r--r--, as an editor would create it (tempfile's default is rw-------).
#[cfg(unix)]
fn default_permissions(file: &std::fs::File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    file.set_permissions(std::fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions(_file: &std::fs::File) -> io::Result<()> {
    Ok(())
}

#[cfg(unix)]
fn sync_dir(dir: &Path) -> io::Result<()> {
    std::fs::File::open(dir)?.sync_all()
}

#[cfg(not(unix))]
fn sync_dir(_dir: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_once_and_never_overwrites() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.yaml");
        create_plan(&path, "a: 1\n").unwrap();
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a: 1\n");
        let again = create_plan(&path, "a: 2\n").unwrap_err();
        assert!(again.to_string().contains("already exists"), "{again}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "a: 1\n");
        let entries = std::fs::read_dir(dir.path()).unwrap().count();
        assert_eq!(entries, 1, "no temporary file left behind");
        let missing = dir.path().join("nope").join("x.yaml");
        assert!(create_plan(&missing, "a: 1\n").is_err());
    }
}
