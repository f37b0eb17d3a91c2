//! "What changed since the last review?", answered once for the app's history view and for
//! `aftercare history --since-review`: the newest review that a commit records, that commit,
//! the diff from it to the file now, and the newest review when no commit records it yet.
//! Each side only formats the answer; the sentences both show are here.

use std::path::Path;

use chrono::NaiveDate;

use super::{Commit, GitError, Repo};
use crate::plan::dates::format_uk;

/// The answer to "what changed since the last review?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SinceReview {
    /// The plan records no review.
    NoReview,
    /// The plan records reviews, but no commit records any of them.
    NoneCommitted {
        /// The plan's newest review.
        newest: NaiveDate,
    },
    /// The changes since the newest review a commit records.
    Changes(ChangesSinceReview),
}

/// The changes since the newest committed review.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangesSinceReview {
    /// The review's date.
    pub review: NaiveDate,
    /// The commit that first recorded it.
    pub commit: Commit,
    /// The unified diff from that commit to the file now; empty when nothing changed.
    pub diff: String,
    /// The plan's newest review, when it is newer than `review` and no commit records it yet.
    pub newest_uncommitted: Option<NaiveDate>,
}

impl SinceReview {
    /// Why there are no changes to show, in a sentence; `None` when there are.
    pub fn why_none(&self) -> Option<String> {
        match self {
            SinceReview::NoReview => Some("no review is recorded in this plan yet".to_owned()),
            SinceReview::NoneCommitted { newest } => Some(format!(
                "the newest review ({}) is not committed yet, and no commit records an earlier \
                 one: commit the plan to record it",
                format_uk(*newest)
            )),
            SinceReview::Changes(_) => None,
        }
    }
}

impl ChangesSinceReview {
    /// `the newest review (20 Nov 2026) is not committed yet: ...`, when it is not.
    pub fn uncommitted_note(&self) -> Option<String> {
        self.newest_uncommitted.map(|newest| {
            format!(
                "the newest review ({}) is not committed yet: these are the changes since the \
                 review of {}, the newest one committed",
                format_uk(newest),
                format_uk(self.review)
            )
        })
    }
}

impl Repo {
    /// What changed in `file` since the newest of `review_dates` (the plan's reviews, in any
    /// order) that a commit records. A newer review no commit records is named in the answer,
    /// never silently passed over.
    pub fn since_review(
        &self,
        file: &Path,
        review_dates: &[NaiveDate],
    ) -> Result<SinceReview, GitError> {
        let mut newest_first = review_dates.to_vec();
        newest_first.sort_unstable_by(|a, b| b.cmp(a));
        newest_first.dedup();
        let Some(&newest) = newest_first.first() else {
            return Ok(SinceReview::NoReview);
        };
        for review in newest_first {
            let iso = review.format("%Y-%m-%d").to_string();
            let Some(commit) = self.commit_recording(file, &iso)? else {
                continue;
            };
            let diff = self.diff_since(&commit, file)?;
            return Ok(SinceReview::Changes(ChangesSinceReview {
                review,
                commit,
                diff,
                newest_uncommitted: (review != newest).then_some(newest),
            }));
        }
        Ok(SinceReview::NoneCommitted { newest })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_sentences_name_the_reviews_by_date() {
        let none = SinceReview::NoneCommitted {
            newest: day("2026-11-20"),
        };
        assert!(none.why_none().unwrap().contains("(20 Nov 2026)"));
        assert!(SinceReview::NoReview.why_none().is_some());
        let changes = ChangesSinceReview {
            review: day("2026-05-01"),
            commit: Commit {
                hash: "0123456789abcdef0123456789abcdef01234567".into(),
                date: "2026-05-02T10:00:00+00:00".into(),
                author: "Dana Coordinator".into(),
                subject: "review".into(),
                path: "plans/a.yaml".into(),
            },
            diff: String::new(),
            newest_uncommitted: Some(day("2026-11-20")),
        };
        let note = changes.uncommitted_note().unwrap();
        assert!(
            note.contains("(20 Nov 2026) is not committed yet"),
            "{note}"
        );
        assert!(note.contains("review of 01 May 2026"), "{note}");
        assert_eq!(SinceReview::Changes(changes).why_none(), None);
    }
}
