//! Asking git what it says about the plans folder: its repository and the plan files with
//! uncommitted changes. Run on a thread of its own (a slow `git status` on a large register
//! never holds up the first frame), at start-up and again now and then.

use std::collections::HashSet;
use std::path::Path;

use crate::store::folder::is_plan_name;
use crate::store::git::Repo;
use crate::tui::git_status::{GitFolder, GitState};

/// Ask git about `root` now (blocking): its repository and uncommitted plan files.
pub fn check(root: &Path) -> GitState {
    let repo = match Repo::find(root) {
        Ok(repo) => repo,
        Err(error) => return GitState::Unavailable(error),
    };
    let (changed, status_failed) = match repo.uncommitted() {
        Ok(changed) => (changed, None),
        Err(error) => (HashSet::new(), Some(error)),
    };
    let real_root = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    let uncommitted = changed
        .iter()
        .filter(|path| is_plan_name(&path.to_string_lossy()))
        .filter_map(|path| path.strip_prefix(&real_root).ok())
        .map(|inside| root.join(inside))
        .collect();
    let ahead_behind = repo.ahead_behind().ok().flatten();
    GitState::Ready(GitFolder {
        ahead_behind,
        repo,
        uncommitted,
        status_failed,
    })
}
