//! The git work behind the history view, as jobs the view asks for: read a plan's commits (and
//! what each version identifies, for meeting mode), one commit's diff, or the diff since the
//! commit that recorded the last review. The runtime does the work (`runtime::history`) on a
//! thread of its own, so a slow repository never freezes the screen; key scripts have it done
//! at once. Either way its news comes back through `update` as `Msg::HistoryNews`.

use std::path::PathBuf;

use chrono::NaiveDate;

use crate::plan::privacy::Identifiers;
use crate::store::git::{Commit, GitError, Repo};
use crate::tui::layers::history::SinceReviewPane;

/// The repository a job asks: known from the start-up check, or to be found first.
#[derive(Debug, Clone)]
pub enum RepoAt {
    Known(Result<Repo, GitError>),
    /// The start-up check has not answered: find the repository around this folder.
    Find(PathBuf),
}

/// Git work the history view is waiting for.
#[derive(Debug, Clone)]
pub enum HistoryJob {
    Log {
        repo: RepoAt,
        path: PathBuf,
        /// The configured identifying fields, looked for in every version.
        identifying_fields: Vec<String>,
    },
    Show {
        repo: RepoAt,
        commit: Commit,
    },
    SinceReview {
        repo: RepoAt,
        path: PathBuf,
        /// Newest first.
        review_dates: Vec<NaiveDate>,
    },
}

/// What a job found.
#[derive(Debug, Clone)]
pub enum HistoryNews {
    Log {
        path: PathBuf,
        result: Result<Vec<Commit>, GitError>,
        /// What the versions of the file identify (names, dates of birth no longer in it).
        versions: Identifiers,
    },
    Diff {
        hash: String,
        result: Result<String, String>,
    },
    SinceReview {
        path: PathBuf,
        since: SinceReviewPane,
    },
}
