//! The git work behind the history view, as jobs: read a plan's commits (and what each
//! version identifies, for meeting mode), one commit's diff, or the diff since the commit
//! that recorded the last review. The app runs a job on a
//! thread of its own (`tui::run`), so a slow repository never freezes the screen; key
//! scripts run it at once (`keyscript::press`). Either way its news comes back through
//! `update` as `Action::HistoryNews`.

use std::path::PathBuf;

use chrono::NaiveDate;

use super::history::SinceReviewPane;
use crate::plan::privacy::{Identifiers, identifiers_in_text};
use crate::store::git::{Commit, GitError, Repo};

/// Versions read for identifiers when the history opens: the newest this many (a file with a
/// longer history costs a git call a version; older ones are still learnt from their diffs).
const VERSIONS_READ: usize = 400;

/// The repository a job asks: known from the start-up check, or to be found first.
#[derive(Debug, Clone)]
pub enum RepoAt {
    Known(Result<Repo, GitError>),
    /// The start-up check has not answered: find the repository around this folder.
    Find(PathBuf),
}

impl RepoAt {
    fn get(self) -> Result<Repo, GitError> {
        match self {
            RepoAt::Known(repo) => repo,
            RepoAt::Find(folder) => Repo::find(&folder),
        }
    }
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

impl HistoryJob {
    /// Do the work (runs git; may take a while on a large repository).
    pub fn run(self) -> HistoryNews {
        match self {
            HistoryJob::Log {
                repo,
                path,
                identifying_fields,
            } => {
                let repo = repo.get();
                let result = repo.clone().and_then(|repo| repo.log(&path));
                let versions = match (&repo, &result) {
                    (Ok(repo), Ok(commits)) => {
                        identifiers_of_versions(repo, commits, &identifying_fields)
                    }
                    _ => Identifiers::default(),
                };
                HistoryNews::Log {
                    result,
                    path,
                    versions,
                }
            }
            HistoryJob::Show { repo, commit } => HistoryNews::Diff {
                result: repo
                    .get()
                    .and_then(|repo| repo.show(&commit))
                    .map(|text| {
                        if text.trim().is_empty() {
                            "(this commit does not change the plan's text)".to_owned()
                        } else {
                            text
                        }
                    })
                    .map_err(|error| error.to_string()),
                hash: commit.hash,
            },
            HistoryJob::SinceReview {
                repo,
                path,
                review_dates,
            } => HistoryNews::SinceReview {
                since: since_review(repo.get(), &path, &review_dates),
                path,
            },
        }
    }
}

/// What every version of the file identifies, each read as git stored it.
fn identifiers_of_versions(
    repo: &Repo,
    commits: &[Commit],
    identifying_fields: &[String],
) -> Identifiers {
    let mut identifiers = Identifiers::default();
    for commit in commits.iter().take(VERSIONS_READ) {
        if let Ok(text) = repo.text_at(commit) {
            identifiers.extend(&identifiers_in_text(&text, identifying_fields));
        }
    }
    identifiers
}

/// What changed since the newest committed review, as the pane shows it.
fn since_review(
    repo: Result<Repo, GitError>,
    path: &std::path::Path,
    review_dates: &[NaiveDate],
) -> SinceReviewPane {
    SinceReviewPane::of(repo.and_then(|repo| repo.since_review(path, review_dates)))
}
