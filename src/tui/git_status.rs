//! What git says about the plans folder, as the app knows it: whether it is in a repository
//! (and if not, why), and which plan files have uncommitted changes. The runtime asks git
//! (`runtime::git_status`); this is the answer the app keeps.

use crate::store::git::{GitError, Repo};
use std::collections::HashSet;
use std::path::{Path, PathBuf};

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
    /// Commits not yet on the team's server, and the server's not yet here (as of the last
    /// fetch), when the branch has an upstream.
    pub ahead_behind: Option<(usize, usize)>,
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
