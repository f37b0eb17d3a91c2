//! What git says about the plans folder: whether it is in a repository (and if not, why), and
//! which plan files have uncommitted changes. Found on a thread of its own at start-up, so a
//! slow `git status` on a large register never holds up the first frame.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver};
use std::thread;

use crate::store::folder::is_plan_name;
use crate::store::git::{GitError, Repo};

/// Git as the app knows it.
#[derive(Debug, Clone, Default)]
pub enum GitState {
    /// Still asking git (a moment at start-up).
    #[default]
    Checking,
    /// No git, no repository, or git failed: why, said where a git feature would appear.
    Unavailable(GitError),
    Ready(GitFolder),
}

/// The plans folder's repository and its uncommitted plan files.
#[derive(Debug, Clone)]
pub struct GitFolder {
    pub repo: Repo,
    /// Plan files (paths as the app names them: the folder joined with the file's place in
    /// it) that are modified, added or untracked.
    pub uncommitted: HashSet<PathBuf>,
    /// Why `git status` gave no answer (a huge folder timing out, say): the marks are then
    /// unknown, while history and commits still work.
    pub status_failed: Option<GitError>,
}

impl GitState {
    /// Is this plan file known to have uncommitted changes?
    pub fn is_uncommitted(&self, path: &Path) -> bool {
        match self {
            GitState::Ready(folder) => folder.uncommitted.contains(path),
            _ => false,
        }
    }

    /// The repository, when there is one.
    pub fn repo(&self) -> Option<&Repo> {
        match self {
            GitState::Ready(folder) => Some(&folder.repo),
            _ => None,
        }
    }

    /// Note that the app wrote this file (it now differs from the last commit) or committed it.
    pub fn mark(&mut self, path: &Path, uncommitted: bool) {
        if let GitState::Ready(folder) = self {
            if uncommitted {
                folder.uncommitted.insert(path.to_path_buf());
            } else {
                folder.uncommitted.remove(path);
            }
        }
    }
}

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
    GitState::Ready(GitFolder {
        repo,
        uncommitted,
        status_failed,
    })
}

/// Ask git about `root` on a thread of its own; the answer arrives once on the channel.
pub fn spawn(root: PathBuf) -> Receiver<GitState> {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        let _ = sender.send(check(&root));
    });
    receiver
}
