//! Writing a new plan file: atomically (the write's own steps, `write::place`: a temporary
//! file in the same folder, synced, then linked into place) and never over an existing file.

use std::io;
use std::path::Path;

use super::write::lock::{LOCK_WAIT, LockError, PlanLock};
use super::write::{Placing, ReplaceError, WriteError, place};

/// Create `path` holding `text`. Refused, with nothing written, when the file already exists
/// or its folder does not. The new plan's lock is held meanwhile, as for any write.
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
    let _lock = match PlanLock::acquire(path, LOCK_WAIT) {
        Ok(lock) => lock,
        Err(LockError::Busy) => {
            return Err(WriteError::Busy {
                path: path.to_path_buf(),
                pending: text.to_owned(),
            });
        }
        Err(LockError::Io(source)) => return Err(io_err(source)),
    };
    match place(path, text.as_bytes(), Placing::New, || Ok(())) {
        Ok(()) => Ok(()),
        Err(ReplaceError::Exists) => Err(WriteError::Exists {
            path: path.to_path_buf(),
        }),
        Err(ReplaceError::Io(source)) => Err(io_err(source)),
        Err(ReplaceError::Refused(what)) => Err(WriteError::Moved {
            path: path.to_path_buf(),
            what,
        }),
    }
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
