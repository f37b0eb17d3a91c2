//! Where a plan is written, fixed when it is read and checked again at write time: its real
//! path (symlinks and `..` resolved) and, when known, the plans folder it must stay inside.
//! A plan's name swapped for a link since it was read, or a folder on its path swapped for a
//! link out of the plans folder, is refused, not followed; so is a file made read-only.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::atomic::folder_of;

/// A plan's real place, as resolved when it was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Place {
    /// The file's real path then: the only path it is written at.
    pub real: PathBuf,
    /// The plans folder, resolved, when the reader knows it.
    pub root: Option<PathBuf>,
}

/// Why a write must not go ahead where the plan is now.
#[derive(Debug, PartialEq, Eq)]
pub(super) enum Displaced {
    Deleted,
    Moved(&'static str),
}

impl Place {
    /// Resolve `path` now.
    pub fn of(path: &Path) -> io::Result<Place> {
        Ok(Place {
            real: fs::canonicalize(path)?,
            root: None,
        })
    }

    /// Whether the real path lies inside the plans folder (always, when it is not known).
    pub fn inside(&self) -> bool {
        self.root
            .as_ref()
            .is_none_or(|root| self.real.starts_with(root))
    }

    /// `path` (the name the plan was read by) still leads to the same real file, inside the
    /// plans folder, and that file is a regular file, not a link put in its place.
    pub fn check(&self, path: &Path) -> Result<(), Displaced> {
        let now = match fs::canonicalize(path) {
            Ok(now) => now,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Displaced::Deleted),
            Err(_) => return Err(Displaced::Moved("it can no longer be followed to a file")),
        };
        if self
            .root
            .as_ref()
            .is_some_and(|root| !now.starts_with(root))
        {
            return Err(Displaced::Moved("it now leads outside the plans folder"));
        }
        if now != self.real {
            return Err(Displaced::Moved("it now leads to another file"));
        }
        self.check_real()
    }

    /// The real path is still a regular file reached through the same folders: checked
    /// again just before the rename.
    pub fn check_real(&self) -> Result<(), Displaced> {
        match fs::symlink_metadata(&self.real) {
            Ok(meta) if meta.file_type().is_symlink() => {
                return Err(Displaced::Moved("it was replaced by a link"));
            }
            Ok(meta) if !meta.is_file() => {
                return Err(Displaced::Moved("it is no longer a regular file"));
            }
            Ok(_) => {}
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Err(Displaced::Deleted),
            Err(_) => return Err(Displaced::Moved("it can no longer be found")),
        }
        let folder = folder_of(&self.real);
        match fs::canonicalize(&folder) {
            Ok(now) if now == folder => Ok(()),
            _ => Err(Displaced::Moved("a folder on its path now leads elsewhere")),
        }
    }

    /// `Err(why)` when the file or its folder has no write permission. The mode bits are
    /// read, not tried: root could write anyway, and a plan marked read-only stays unwritten.
    pub fn check_writable(&self) -> Result<(), String> {
        let meta = fs::symlink_metadata(&self.real)
            .map_err(|e| format!("cannot read the file's permissions: {e}"))?;
        if meta.permissions().readonly() {
            return Err("the file has no write permission".into());
        }
        let folder = folder_of(&self.real);
        match fs::metadata(&folder) {
            Ok(meta) if !meta.permissions().readonly() => Ok(()),
            _ => Err(format!("the folder {} is read-only", folder.display())),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn a_link_inside_the_folder_is_its_target_and_a_swap_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        let real = root.join("real.yaml");
        fs::write(&real, "a: 1\n").unwrap();
        let link = root.join("link.yaml");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let mut place = Place::of(&link).unwrap();
        place.root = Some(root.clone());
        assert_eq!(place.real, real);
        assert!(place.inside());
        assert_eq!(place.check(&link), Ok(()));
        let other = root.join("other.yaml");
        fs::write(&other, "a: 1\n").unwrap();
        fs::remove_file(&link).unwrap();
        std::os::unix::fs::symlink(&other, &link).unwrap();
        assert_eq!(
            place.check(&link),
            Err(Displaced::Moved("it now leads to another file"))
        );
        fs::remove_file(&real).unwrap();
        std::os::unix::fs::symlink(&other, &real).unwrap();
        assert_eq!(
            place.check_real(),
            Err(Displaced::Moved("it was replaced by a link"))
        );
        fs::remove_file(&real).unwrap();
        assert_eq!(place.check(&real), Err(Displaced::Deleted));
    }

    #[test]
    fn read_only_is_read_from_the_mode_bits() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("plan.yaml");
        fs::write(&real, "a: 1\n").unwrap();
        let place = Place::of(&real).unwrap();
        assert_eq!(place.check_writable(), Ok(()));
        fs::set_permissions(&real, fs::Permissions::from_mode(0o444)).unwrap();
        assert_eq!(
            place.check_writable(),
            Err("the file has no write permission".into())
        );
        fs::set_permissions(&real, fs::Permissions::from_mode(0o644)).unwrap();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o555)).unwrap();
        let folder = place.check_writable();
        fs::set_permissions(dir.path(), fs::Permissions::from_mode(0o755)).unwrap();
        assert!(folder.unwrap_err().ends_with("is read-only"));
    }
}
