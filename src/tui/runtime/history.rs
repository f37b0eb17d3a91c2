//! Doing the history view's git work: a plan's commits (and what every version identifies,
//! for meeting mode), one commit's diff, and what changed since the last review.

use chrono::NaiveDate;

use crate::plan::privacy::{Identifiers, identifiers_in_text};
use crate::store::git::{Commit, GitError, Repo};
use crate::tui::layers::history::SinceReviewPane;
use crate::tui::layers::history::jobs::{HistoryJob, HistoryNews, RepoAt};

/// Versions read for identifiers when the history opens: the newest this many (a file with a
/// longer history costs a git call a version; older ones are still learnt from their diffs).
const VERSIONS_READ: usize = 400;

/// Do the history view's git work (may take a while on a large repository).
pub fn history(job: HistoryJob) -> HistoryNews {
    match job {
        HistoryJob::Log {
            repo,
            path,
            identifying_fields,
        } => {
            let repo = find(repo);
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
            result: find(repo)
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
            since: since_review(find(repo), &path, &review_dates),
            path,
        },
    }
}

/// The repository a job asks, found first when the start-up check has not answered.
fn find(at: RepoAt) -> Result<Repo, GitError> {
    match at {
        RepoAt::Known(repo) => repo,
        RepoAt::Find(folder) => Repo::find(&folder),
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
