//! A plan's history (`h` on a plan): its commits (renames followed), the diff of the
//! selected one, and (`s`) what changed since the commit that recorded the last review.
//! The git work is asked for as a job (`history_jobs`), run off the UI thread; its news
//! comes back as an Action. Each diff is kept once read. What every version of the file
//! identifies (old names, old dates of birth, files named after the person), and what each
//! diff shows of identifying values, is learnt for meeting mode, which hides them wherever
//! they appear.

pub mod jobs;
pub mod view;

use crate::tui::keymap::layer_keys;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::plan::dates::format_uk;
use crate::plan::privacy::{
    ALWAYS_HIDDEN_FIELDS, Identifiers, identifying_keys, learn_values, meeting_file_name,
    read_identifying_text,
};
use crate::store::git::{Commit, GitError, SinceReview};
use crate::tui::action::Action;
use crate::tui::app::{App, Message, Overlay};
use crate::tui::effect::Effect;
use crate::tui::git_status::GitState;
use crate::tui::layers::history::jobs::{HistoryJob, HistoryNews, RepoAt};
use crate::tui::layout;
use crate::tui::scroll_text::TextScroll;

/// The keys of this layer, in the order the help lists them.
pub const KEYS: &[Action] = layer_keys![
    Action::ShowSinceReview,
    Action::Back,
    @moves;
    Action::ToggleMeeting,
    Action::ShowHelp,
    Action::Quit,
];

/// What the lower pane shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HistoryPane {
    /// The diff of the selected commit.
    Commit,
    /// The diff from the commit that recorded the last review to the file as it is now.
    SinceReview(SinceReviewPane),
}

/// "What changed since the last review?" as the lower pane shows it: the answer of
/// `Repo::since_review`, formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SinceReviewPane {
    /// Heading: which review, which commit.
    pub heading: String,
    /// A newer review no commit records yet, said plainly above the diff.
    pub note: Option<String>,
    /// The diff, or why there is none.
    pub text: Result<String, String>,
}

impl SinceReviewPane {
    /// Shown while git looks for the review's commit.
    pub fn reading() -> SinceReviewPane {
        SinceReviewPane::unanswered("reading the history...".to_owned())
    }

    fn unanswered(why: String) -> SinceReviewPane {
        SinceReviewPane {
            heading: "Since the last review".to_owned(),
            note: None,
            text: Err(why),
        }
    }

    /// The pane for git's answer (or why git could not answer).
    pub fn of(answer: Result<SinceReview, GitError>) -> SinceReviewPane {
        let answer = match answer {
            Ok(answer) => answer,
            Err(error) => return SinceReviewPane::unanswered(error.to_string()),
        };
        let SinceReview::Changes(changes) = &answer else {
            let why = answer.why_none().unwrap_or_default();
            return SinceReviewPane::unanswered(why);
        };
        let commit = &changes.commit;
        SinceReviewPane {
            heading: format!(
                "Since the review of {} (recorded in {}, {}, {})",
                format_uk(changes.review),
                commit.short_hash(),
                commit.day(),
                commit.author
            ),
            note: changes.uncommitted_note(),
            text: Ok(if changes.diff.is_empty() {
                "no changes since that review".to_owned()
            } else {
                changes.diff.clone()
            }),
        }
    }
}

/// The history overlay's state.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HistoryView {
    /// The plan's id (for the title), or its file's name when it has none.
    pub plan: String,
    /// The plan's id, when it has one.
    pub id: Option<String>,
    pub path: PathBuf,
    /// Newest first; empty when git could not be asked (see `problem`).
    pub commits: Vec<Commit>,
    /// The commits are still being read.
    pub reading: bool,
    /// Why there is no history: no git, no repository, git's own error.
    pub problem: Option<String>,
    /// There is no git or no repository at all (the view then says what history needs).
    pub git_missing: bool,
    pub selected: usize,
    pub pane: HistoryPane,
    /// Diffs read so far, by commit hash (or git's error).
    pub diffs: HashMap<String, Result<String, String>>,
    /// The commit whose diff was last asked for, so it is asked once.
    pub diff_asked: Option<String>,
    pub scroll: TextScroll,
    /// Review dates recorded in the plan, newest first (for "since last review").
    pub review_dates: Vec<NaiveDate>,
    /// Identifying values the history has shown so far (in any version of the file), and
    /// the names the file had: meeting mode hides them wherever they appear.
    pub old_identifiers: Identifiers,
}

impl HistoryView {
    /// Learn the identifying values `text` (a diff) shows, in any version and style.
    fn learn(&mut self, text: &str, identifying_fields: &[String]) {
        let mut fields: Vec<&str> = ALWAYS_HIDDEN_FIELDS.to_vec();
        fields.extend(identifying_fields.iter().map(String::as_str));
        let found = read_identifying_text(text, &identifying_keys(&fields));
        learn_values(&mut self.old_identifiers, &found.values);
    }

    /// Learn the names the file had that are not the plan's id (`Oliver Thistlewood.yaml`).
    fn learn_file_names(&mut self) {
        for commit in &self.commits {
            if meeting_file_name(&commit.path, self.id.as_deref()) != commit.path {
                let name = commit.path.rsplit('/').next().unwrap_or(&commit.path);
                self.old_identifiers.add_value(name);
            }
        }
    }

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

/// Where the repository comes from for a job: known at start-up, or to be found.
fn repo_at(app: &App, path: &Path) -> RepoAt {
    match &app.git.state {
        GitState::Ready(folder) => RepoAt::Known(Ok(folder.repo.clone())),
        GitState::Unavailable(error) => RepoAt::Known(Err(error.clone())),
        GitState::Checking => RepoAt::Find(path.parent().unwrap_or(Path::new(".")).to_path_buf()),
    }
}

/// `h`: open the history of the plan on screen; its commits are read by a job.
pub fn open(app: &mut App) {
    let Some(file) = app.open_file() else {
        return;
    };
    let path = file.path.clone();
    let plan = file.plan.as_ref();
    let plan_id = plan.and_then(|plan| plan.id.clone());
    let id = plan_id.clone().unwrap_or_else(|| file.display.clone());
    let review_dates = plan
        .map(|plan| plan.reviews.dates_newest_first())
        .unwrap_or_default();
    let view = HistoryView {
        plan: id,
        id: plan_id,
        path: path.clone(),
        commits: Vec::new(),
        reading: true,
        problem: None,
        git_missing: false,
        selected: 0,
        pane: HistoryPane::Commit,
        diffs: HashMap::new(),
        diff_asked: None,
        scroll: TextScroll::top(),
        review_dates,
        old_identifiers: Identifiers::default(),
    };
    app.ask(Effect::History(HistoryJob::Log {
        repo: repo_at(app, &path),
        path,
        identifying_fields: app.ui.display.identifying_fields.clone(),
    }));
    app.nav.overlays.push(Overlay::History(Box::new(view)));
}

/// Ask for the selected commit's diff unless it has been read (or is being read).
fn want_selected_diff(app: &mut App, view: &mut HistoryView) {
    let Some(commit) = view.commits.get(view.selected) else {
        return;
    };
    if view.diffs.contains_key(&commit.hash) || view.diff_asked.as_ref() == Some(&commit.hash) {
        return;
    }
    view.diff_asked = Some(commit.hash.clone());
    app.ask(Effect::History(HistoryJob::Show {
        repo: repo_at(app, &view.path),
        commit: commit.clone(),
    }));
}

/// A job's answer: put it in the view if the view is still open on that plan.
pub fn take_news(app: &mut App, news: HistoryNews) {
    let Some(Overlay::History(view)) = app.nav.overlays.last() else {
        return;
    };
    let mut view = view.clone();
    match news {
        HistoryNews::Log {
            path,
            result,
            versions,
        } if path == view.path => {
            view.reading = false;
            view.old_identifiers.extend(&versions);
            match result {
                Ok(commits) if commits.is_empty() => {
                    view.problem = Some(
                        "this plan has no commits yet: it has never been committed to git"
                            .to_owned(),
                    );
                }
                Ok(commits) => {
                    view.commits = commits;
                    view.learn_file_names();
                }
                Err(GitError::Failed(words)) if words.contains("does not have any commits yet") => {
                    view.problem = Some(
                        "nothing has been committed in this repository yet: the history starts \
                         with the first commit"
                            .to_owned(),
                    );
                }
                Err(error) => {
                    view.git_missing =
                        matches!(error, GitError::NotInstalled | GitError::NotARepository(_));
                    view.problem = Some(error.to_string());
                }
            }
        }
        HistoryNews::Diff { hash, result } => {
            if let Ok(text) = &result {
                view.learn(text, &app.ui.display.identifying_fields);
            }
            view.diffs.insert(hash, result);
        }
        HistoryNews::SinceReview { path, since } if path == view.path => {
            if let Ok(text) = &since.text {
                view.learn(text, &app.ui.display.identifying_fields);
            }
            if matches!(view.pane, HistoryPane::SinceReview(_)) {
                view.pane = HistoryPane::SinceReview(since);
            }
        }
        _ => return,
    }
    // The selection may have moved on while git was busy: ask for what is shown now.
    if view.pane == HistoryPane::Commit {
        want_selected_diff(app, &mut view);
    }
    if let Some(Overlay::History(slot)) = app.nav.overlays.last_mut() {
        *slot = view;
    }
}

/// Keys in the history view: j/k choose a commit, PgUp/PgDn scroll its diff, `s` shows what
/// changed since the last review, Esc closes.
pub fn update_history(app: &mut App, action: Action) {
    let page = layout::text_page(app.ui.height);
    let Some(Overlay::History(view)) = app.nav.overlays.last() else {
        return;
    };
    let mut view = view.clone();
    match action {
        Action::Back => {
            // Work still asked for is answered to a closed view, and dropped.
            app.nav.overlays.pop();
            return;
        }
        Action::ShowSinceReview => {
            if matches!(view.pane, HistoryPane::SinceReview(_)) {
                view.pane = HistoryPane::Commit;
                want_selected_diff(app, &mut view);
            } else {
                view.pane = HistoryPane::SinceReview(SinceReviewPane::reading());
                app.ask(Effect::History(HistoryJob::SinceReview {
                    repo: repo_at(app, &view.path),
                    path: view.path.clone(),
                    review_dates: view.review_dates.clone(),
                }));
            }
            view.scroll = TextScroll::top();
        }
        Action::MoveUp | Action::MoveDown | Action::MoveTop | Action::MoveBottom => {
            if view.commits.is_empty() && !view.reading {
                app.ui.message = Message::info("no commits to choose from");
            }
            let last = view.commits.len().saturating_sub(1);
            view.selected = match action {
                Action::MoveUp => view.selected.saturating_sub(1),
                Action::MoveDown => (view.selected + 1).min(last),
                Action::MoveTop => 0,
                _ => last,
            };
            view.pane = HistoryPane::Commit;
            view.scroll = TextScroll::top();
            want_selected_diff(app, &mut view);
        }
        movement => view.scroll.apply(&movement, page),
    }
    if let Some(Overlay::History(slot)) = app.nav.overlays.last_mut() {
        *slot = view;
    }
}
