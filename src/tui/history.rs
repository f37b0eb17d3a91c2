//! A plan's history (`h` on a plan): its commits (renames followed), the diff of the
//! selected one, and (`s`) what changed since the commit that recorded the last review.
//! Git runs when the view opens and when the selection moves; each diff is kept once read.

use std::collections::HashMap;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::action::Action;
use super::app::{App, Message, Overlay, scrolled};
use super::git_status::GitState;
use super::views;
use crate::plan::dates::format_uk;
use crate::store::git::{Commit, GitError, Repo};

/// What the lower pane shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryPane {
    /// The diff of the selected commit.
    Commit,
    /// The diff from the commit that recorded the last review to the file as it is now.
    SinceReview(SinceReview),
}

/// The answer to "what changed since the last review?".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinceReview {
    /// Heading: which review, which commit.
    pub heading: String,
    /// The diff, or why there is none.
    pub text: Result<String, String>,
}

/// The history overlay's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryView {
    /// The plan's id (for the title).
    pub plan: String,
    pub path: PathBuf,
    /// Newest first; empty when git could not be asked (see `problem`).
    pub commits: Vec<Commit>,
    /// Why there is no history: no git, no repository, git's own error.
    pub problem: Option<String>,
    /// There is no git or no repository at all (the view then says what history needs).
    pub git_missing: bool,
    pub selected: usize,
    pub pane: HistoryPane,
    /// Diffs read so far, by commit hash (or git's error).
    pub diffs: HashMap<String, Result<String, String>>,
    pub scroll: usize,
    /// Review dates recorded in the plan, newest first (for "since last review").
    pub review_dates: Vec<NaiveDate>,
}

impl HistoryView {
    /// The lower pane's text: the selected commit's diff, or the since-review diff.
    pub fn pane_text(&self) -> Result<&str, &str> {
        let text = match &self.pane {
            HistoryPane::SinceReview(since) => &since.text,
            HistoryPane::Commit => match self.commits.get(self.selected) {
                None => return Err("no commit selected"),
                Some(commit) => match self.diffs.get(&commit.hash) {
                    Some(text) => text,
                    None => return Err("reading the diff..."),
                },
            },
        };
        text.as_deref().map_err(String::as_str)
    }
}

/// The repository to ask, or why there is none.
fn repo_for(app: &App, path: &std::path::Path) -> Result<Repo, GitError> {
    match &app.git {
        GitState::Ready(folder) => Ok(folder.repo.clone()),
        GitState::Unavailable(error) => Err(error.clone()),
        GitState::Checking => Repo::find(path.parent().unwrap_or(std::path::Path::new("."))),
    }
}

/// `h`: open the history of the plan on screen.
pub fn open(app: &mut App) {
    let Some(file) = app.open_file() else {
        return;
    };
    let path = file.path.clone();
    let plan = file.plan.as_ref();
    let id = plan
        .and_then(|plan| plan.id.clone())
        .unwrap_or_else(|| file.display.clone());
    let mut review_dates: Vec<NaiveDate> = plan
        .map(|plan| {
            plan.reviews
                .history
                .iter()
                .filter_map(|review| review.date)
                .collect()
        })
        .unwrap_or_default();
    review_dates.sort_unstable_by(|a, b| b.cmp(a));
    review_dates.dedup();
    let mut view = HistoryView {
        plan: id,
        path: path.clone(),
        commits: Vec::new(),
        problem: None,
        git_missing: false,
        selected: 0,
        pane: HistoryPane::Commit,
        diffs: HashMap::new(),
        scroll: 0,
        review_dates,
    };
    match repo_for(app, &path).and_then(|repo| repo.log(&path)) {
        Ok(commits) if commits.is_empty() => {
            view.problem =
                Some("this plan has no commits yet: it has never been committed to git".to_owned());
        }
        Ok(commits) => view.commits = commits,
        Err(GitError::Failed(words)) if words.contains("does not have any commits yet") => {
            view.problem = Some(
                "nothing has been committed in this repository yet: the history starts with \
                 the first commit"
                    .to_owned(),
            );
        }
        Err(error) => {
            view.git_missing =
                matches!(error, GitError::NotInstalled | GitError::NotARepository(_));
            view.problem = Some(error.to_string());
        }
    }
    load_selected_diff(app, &mut view);
    app.overlays.push(Overlay::History(Box::new(view)));
}

/// Read the selected commit's diff if it has not been read yet.
fn load_selected_diff(app: &App, view: &mut HistoryView) {
    let Some(commit) = view.commits.get(view.selected) else {
        return;
    };
    if view.diffs.contains_key(&commit.hash) {
        return;
    }
    let diff = repo_for(app, &view.path)
        .and_then(|repo| repo.show(commit))
        .map(|text| {
            if text.trim().is_empty() {
                "(this commit does not change the plan's text)".to_owned()
            } else {
                text
            }
        })
        .map_err(|error| error.to_string());
    view.diffs.insert(commit.hash.clone(), diff);
}

/// The since-review pane: the newest review recorded in a commit, and the diff since then.
fn since_review(app: &App, view: &HistoryView) -> SinceReview {
    let repo = match repo_for(app, &view.path) {
        Ok(repo) => repo,
        Err(error) => {
            return SinceReview {
                heading: "Since the last review".to_owned(),
                text: Err(error.to_string()),
            };
        }
    };
    if view.review_dates.is_empty() {
        return SinceReview {
            heading: "Since the last review".to_owned(),
            text: Err("no review is recorded in this plan yet".to_owned()),
        };
    }
    for date in &view.review_dates {
        let iso = date.format("%Y-%m-%d").to_string();
        match repo.commit_recording(&view.path, &iso) {
            Ok(None) => continue,
            Ok(Some(commit)) => {
                let short = commit.hash.get(..8).unwrap_or(&commit.hash);
                let day = commit.date.get(..10).unwrap_or(&commit.date);
                let heading = format!(
                    "Since the review of {} (recorded in {short}, {day}, {})",
                    format_uk(*date),
                    commit.author
                );
                let text = repo
                    .diff_since(&commit, &view.path)
                    .map(|diff| {
                        if diff.is_empty() {
                            "no changes since that review".to_owned()
                        } else {
                            diff
                        }
                    })
                    .map_err(|error| error.to_string());
                return SinceReview { heading, text };
            }
            Err(error) => {
                return SinceReview {
                    heading: "Since the last review".to_owned(),
                    text: Err(error.to_string()),
                };
            }
        }
    }
    SinceReview {
        heading: format!("Since the review of {}", format_uk(view.review_dates[0])),
        text: Err("no commit records a review of this plan yet: commit it first".to_owned()),
    }
}

/// Keys in the history view: j/k choose a commit, PgUp/PgDn scroll its diff, `s` shows what
/// changed since the last review, Esc closes.
pub fn update_history(app: &mut App, action: Action) {
    let limit = views::history::scroll_limit(app);
    let page = views::text_page(app.height);
    let Some(Overlay::History(view)) = app.overlays.last() else {
        return;
    };
    let mut view = view.clone();
    match action {
        Action::Back => {
            app.overlays.pop();
            return;
        }
        Action::ShowSinceReview => {
            if matches!(view.pane, HistoryPane::SinceReview(_)) {
                view.pane = HistoryPane::Commit;
            } else {
                view.pane = HistoryPane::SinceReview(since_review(app, &view));
            }
            view.scroll = 0;
        }
        Action::MoveUp | Action::MoveDown | Action::MoveTop | Action::MoveBottom => {
            if view.commits.is_empty() {
                app.message = Message::info("no commits to choose from");
            }
            let last = view.commits.len().saturating_sub(1);
            view.selected = match action {
                Action::MoveUp => view.selected.saturating_sub(1),
                Action::MoveDown => (view.selected + 1).min(last),
                Action::MoveTop => 0,
                _ => last,
            };
            view.pane = HistoryPane::Commit;
            view.scroll = 0;
            load_selected_diff(app, &mut view);
        }
        movement => view.scroll = scrolled(view.scroll, &movement, page, limit),
    }
    if let Some(Overlay::History(slot)) = app.overlays.last_mut() {
        *slot = view;
    }
}
