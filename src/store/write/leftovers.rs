//! Temp files left by a write that never finished (a crash, a kill between writing the temp
//! file and renaming it): a full copy of a plan, identifiers and all, that `git add -A` would
//! sweep in. On start the app and `aftercare set` remove those of the app's own pattern,
//! `.<plan name>.XXXXXX.tmp`, once they are older than any live write could be; nothing else.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use super::atomic::TEMP_RANDOM_CHARS;
use crate::store::folder::is_plan_name;

/// A temp file older than this is left by a write that did not finish (a live write's temp
/// file is seconds old at most).
pub const STALE_TEMP_AGE: Duration = Duration::from_secs(10 * 60);
/// Folders nested deeper than this are not entered (as the scan).
const MAX_DEPTH: usize = 32;

/// What the clean-up did.
#[derive(Debug, Default)]
pub struct Leftovers {
    pub removed: Vec<PathBuf>,
    /// Files that matched but could not be removed, with why.
    pub failed: Vec<(PathBuf, io::Error)>,
}

/// A name the app gives its temp files: `.<name>.XXXXXX.tmp`, where `<name>` is a plan file
/// name (`*.yaml`, `*.yml`) or `new-plan` (older versions' new plans) and `XXXXXX` is six
/// letters or digits.
pub fn is_own_temp_name(name: &str) -> bool {
    let Some(inner) = name
        .strip_prefix('.')
        .and_then(|rest| rest.strip_suffix(".tmp"))
    else {
        return false;
    };
    let Some((base, random)) = inner.rsplit_once('.') else {
        return false;
    };
    random.len() == TEMP_RANDOM_CHARS
        && random.bytes().all(|b| b.is_ascii_alphanumeric())
        && !base.starts_with('.')
        && (base == "new-plan" || is_plan_name(base))
}

/// Remove, under `root`, the app's temp files (`is_own_temp_name`) last modified more than
/// `older_than` ago. Hidden folders and links are not entered; links are never removed.
pub fn remove_stale_temp_files(root: &Path, older_than: Duration) -> Leftovers {
    let mut leftovers = Leftovers::default();
    let now = SystemTime::now();
    sweep(root, 0, &mut |path| {
        let Ok(meta) = fs::symlink_metadata(path) else {
            return;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|modified| now.duration_since(modified).ok())
            .is_some_and(|age| age > older_than);
        if meta.is_file() && old {
            match fs::remove_file(path) {
                Ok(()) => leftovers.removed.push(path.to_path_buf()),
                Err(e) if e.kind() == io::ErrorKind::NotFound => {}
                Err(e) => leftovers.failed.push((path.to_path_buf(), e)),
            }
        }
    });
    leftovers
}

fn sweep(dir: &Path, depth: usize, found: &mut dyn FnMut(&Path)) {
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let Ok(kind) = entry.file_type() else {
            continue;
        };
        if kind.is_dir() && !name.starts_with('.') && depth < MAX_DEPTH {
            sweep(&entry.path(), depth + 1, found);
        } else if kind.is_file() && is_own_temp_name(&name) {
            found(&entry.path());
        }
    }
}

impl Leftovers {
    /// A line for the user when anything was removed or could not be (else `None`).
    pub fn note(&self) -> Option<String> {
        let mut parts = Vec::new();
        if !self.removed.is_empty() {
            let n = self.removed.len();
            parts.push(format!(
                "removed {n} unfinished temp file{} left by an interrupted write",
                if n == 1 { "" } else { "s" }
            ));
        }
        for (path, error) in &self.failed {
            parts.push(format!(
                "could not remove {}, left by an interrupted write ({error}); remove it by hand: it may hold identifiers",
                path.display()
            ));
        }
        (!parts.is_empty()).then(|| parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_apps_own_temp_names_match() {
        for own in [
            ".plan.yaml.Ab3xZ9.tmp",
            ".S117-0042.YML.000000.tmp",
            ".new-plan.zzzzzz.tmp",
            ".a.b.yaml.Ab3xZ9.tmp",
        ] {
            assert!(is_own_temp_name(own), "{own}");
        }
        for other in [
            ".hidden.tmp.yaml",
            ".plan.yaml.Ab3xZ.tmp",
            ".plan.yaml.Ab3xZ99.tmp",
            ".plan.yaml.Ab_xZ9.tmp",
            ".notes.txt.Ab3xZ9.tmp",
            "plan.yaml.Ab3xZ9.tmp",
            ".yaml.Ab3xZ9.tmp",
            "..yaml.Ab3xZ9.tmp",
            ".plan.yaml.Ab3xZ9.tmp.yaml",
            ".plan.yaml.lock",
            ".tmp",
            "",
        ] {
            assert!(!is_own_temp_name(other), "{other}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_with_a_temp_name_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("plan.yaml");
        fs::write(&target, "a: 1\n").unwrap();
        let link = dir.path().join(".plan.yaml.Ab3xZ9.tmp");
        std::os::unix::fs::symlink(&target, &link).unwrap();
        let leftovers = remove_stale_temp_files(dir.path(), Duration::ZERO);
        assert!(leftovers.removed.is_empty());
        assert!(link.exists() && target.exists());
    }
}
