//! Commit after write (`git.commit: off | ask | always`): only the plan file is committed,
//! never anything else staged, with a message that names the plan id and what was decided
//! and no patient identifier. A refused commit shows git's words; the file stays written.

use std::path::{Path, PathBuf};

use crate::config::CommitMode;
use crate::plan::change::{Change, commit_message};
use crate::store::git::GitError;
use crate::tui::action::Action;
use crate::tui::app::{App, Message, Overlay};
use crate::tui::effect::Effect;
use crate::tui::git_status::GitState;
use crate::tui::layers::plan::editing;
use crate::tui::layers::write;
use crate::tui::layers::write::jobs::{EditJob, EditWork};
use crate::tui::overlays::Intent;

/// The keys of this layer, in the order the help lists them.
pub const KEYS: &[Action] = &[Action::CommitYes, Action::CommitNo, Action::ShowHelp];

/// The question asked after a write when `git.commit` is `ask`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CommitOffer {
    pub path: PathBuf,
    /// The file as the user knows it (for messages).
    pub display: String,
    pub message: String,
    /// What the write was for (quit, back to the list), done once this is answered.
    pub then: Option<Intent>,
}

/// What the app wrote to a file and has not committed yet: its plan id and changes, so the
/// commit message (now or on a later `w`) says all of it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Unrecorded {
    pub plan: String,
    /// Empty for a new plan.
    pub changes: Vec<Change>,
    /// The file was never committed: its first commit adds all of it.
    pub untracked: bool,
}

impl Unrecorded {
    pub fn message(&self) -> String {
        if self.changes.is_empty() {
            return format!("{}: new plan", self.plan);
        }
        let decided = commit_message(&self.plan, &self.changes);
        if !self.untracked {
            return decided;
        }
        let added = format!("{}: add the plan to git", self.plan);
        let what = decided
            .strip_prefix(&format!("{}: ", self.plan))
            .unwrap_or("");
        let both = format!("{added} ({what})");
        if both.chars().count() <= 72 {
            both
        } else {
            added
        }
    }
}

/// Git work after a write, done off the UI thread by the runtime (`EditWork::Commit`): the
/// start-up status check when it has not answered, whether the file was ever committed, and
/// the commit itself (a user's hook may take seconds).
#[derive(Debug, Clone)]
pub struct CommitWork {
    /// Git as the app knew it when the work was asked for.
    pub git: GitState,
    /// The plans folder, when `git status` must be asked first.
    pub status_of: Option<PathBuf>,
    pub path: PathBuf,
    /// Ask whether the file was ever committed (its first commit's message says so).
    pub ask_tracked: bool,
    /// Commit the file with this message.
    pub commit: Option<CommitMessage>,
}

/// The message of a commit asked for.
#[derive(Debug, Clone)]
pub enum CommitMessage {
    /// As offered to the user.
    Offered(String),
    /// Made from what was written, once it is known whether the file was ever committed.
    Written(Unrecorded),
}

/// What git said.
#[derive(Debug, Clone)]
pub struct CommitDone {
    /// The status check's answer, when it was asked.
    pub status: Option<GitState>,
    /// Whether the file was never committed, when asked.
    pub untracked: Option<bool>,
    /// The commit's message and git's answer, when a commit was made.
    pub committed: Option<(String, Result<(), GitError>)>,
}

/// The git work after a write the app is waiting for; keys work meanwhile.
#[derive(Debug, Clone)]
pub struct CommitWait {
    pub id: u64,
    pub path: PathBuf,
    pub display: String,
    /// What the write was for (quit, back to the list), done once git has answered.
    pub then: Option<Intent>,
    /// What the bottom line says meanwhile (`committing`).
    pub doing: &'static str,
    /// A quit was asked for meanwhile: done once git has answered (unless it refused).
    pub quit_asked: bool,
    /// The bottom line before git was asked (`saved ...`), and what it said meanwhile: once
    /// git answers, the first comes back if no key has replaced the second.
    pub said: Option<Message>,
    pub saying: Option<String>,
}

/// The file was written with these changes (none: a new plan): commit it as the config
/// says. Returns what to do next (`then`), or `None` while git is asked off the UI thread
/// (`done` carries on) or the question is on screen (its answer carries on).
pub fn after_write(
    app: &mut App,
    path: PathBuf,
    display: String,
    written: Unrecorded,
    then: Option<Intent>,
) -> Option<Option<Intent>> {
    let unrecorded = app.git.unrecorded.entry(path.clone()).or_default();
    unrecorded.plan = written.plan;
    unrecorded.changes.extend(written.changes);
    let unrecorded = unrecorded.clone();
    let ask_status =
        matches!(app.git.state, GitState::Checking) && app.git.commit_mode != CommitMode::Off;
    app.git.state.mark(&path, true);
    app.git.generation += 1;
    if app.git.state.repo().is_none() && !ask_status {
        // No git to ask: nothing runs.
        return settle(app, path, display, then);
    }
    if app.git.committing.is_some() {
        let said = app.ui.message.take().map(|m| m.text).unwrap_or_default();
        app.ui.message = Message::info(format!(
            "{said} (not committed yet: a commit is still running; w offers it once it is done)"
        ));
        return Some(then);
    }
    let commit =
        (app.git.commit_mode == CommitMode::Always).then_some(CommitMessage::Written(unrecorded));
    let doing = if commit.is_some() {
        "committing"
    } else {
        "asking git"
    };
    let work = CommitWork {
        git: app.git.state.clone(),
        status_of: ask_status.then(|| PathBuf::from(&app.folder.path)),
        path: path.clone(),
        ask_tracked: true,
        commit,
    };
    start(app, work, path, display, then, doing);
    None
}

/// Ask for git work off the UI thread; its answer comes back through `done`.
fn start(
    app: &mut App,
    work: CommitWork,
    path: PathBuf,
    display: String,
    then: Option<Intent>,
    doing: &'static str,
) {
    app.jobs.started += 1;
    let id = app.jobs.started;
    app.ask(Effect::Edit(EditJob {
        id,
        work: EditWork::Commit(Box::new(work)),
    }));
    let said = app.ui.message.take();
    let before = said.as_ref().map(|m| format!("{}; ", m.text));
    app.ui.message = Message::info(format!(
        "{}{doing} {display}... (keys work meanwhile; a quit waits for git)",
        before.unwrap_or_default()
    ));
    app.git.committing = Some(CommitWait {
        id,
        path,
        display,
        then,
        doing,
        quit_asked: false,
        said,
        saying: app.ui.message.as_ref().map(|m| m.text.clone()),
    });
}

/// A quit asked for while git works: done once it has answered, so its answer is not lost.
pub fn quit_once_answered(app: &mut App) {
    if let Some(wait) = app.git.committing.as_mut() {
        wait.quit_asked = true;
        app.ui.message = Message::info(format!(
            "{}... the app quits once git has answered",
            wait.doing
        ));
    }
}

/// Git's answer to the work after a write: say it, then do what the write was for. The
/// answer to work no longer waited for is dropped.
pub fn done(app: &mut App, id: u64, answer: CommitDone) {
    let Some(wait) = app.git.committing.take_if(|wait| wait.id == id) else {
        return;
    };
    if app.ui.message.as_ref().map(|m| &m.text) == wait.saying.as_ref() {
        app.ui.message = wait.said.clone();
    }
    if let Some(state) = answer.status {
        app.git.state = state;
        app.git.state.mark(&wait.path, true);
        app.git.generation += 1;
    }
    if let (Some(untracked), Some(unrecorded)) =
        (answer.untracked, app.git.unrecorded.get_mut(&wait.path))
    {
        unrecorded.untracked = untracked;
    }
    let next = match answer.committed {
        Some((message, result)) => {
            let committed = said_committed(app, &wait.path, &wait.display, &message, result);
            if !committed && (wait.then == Some(Intent::Quit) || wait.quit_asked) {
                // Git's refusal must be read, not lost on quitting.
                return;
            }
            Some(wait.then)
        }
        None => settle(
            app,
            wait.path,
            wait.display,
            wait.then.or(wait.quit_asked.then_some(Intent::Quit)),
        ),
    };
    let Some(then) = next else {
        return;
    };
    match then.or(wait.quit_asked.then_some(Intent::Quit)) {
        // Keys worked meanwhile: a change begun since is guarded as any quit is.
        Some(Intent::Quit) => {
            app.nav.overlays.clear();
            editing::request_quit(app);
        }
        Some(intent) => write::carry_out(app, intent),
        None => {}
    }
}

/// What follows a write once git is known, with no commit made: ask (`git.commit: ask`), or
/// say why none is made. `None` while the question is on screen.
fn settle(
    app: &mut App,
    path: PathBuf,
    display: String,
    then: Option<Intent>,
) -> Option<Option<Intent>> {
    match (app.git.commit_mode, &app.git.state) {
        (CommitMode::Off, _) => Some(then),
        (_, GitState::Unavailable(error)) => {
            let said = app.ui.message.take().map(|m| m.text).unwrap_or_default();
            app.ui.message = Message::info(format!("{said} (not committed: {})", error.brief()));
            Some(then)
        }
        (CommitMode::Always, _) => Some(then),
        (CommitMode::Ask, _) => {
            let message = app
                .git
                .unrecorded
                .get(&path)
                .map(Unrecorded::message)
                .unwrap_or_default();
            app.nav.overlays.push(Overlay::Commit(Box::new(CommitOffer {
                path,
                display,
                message,
                then,
            })));
            None
        }
    }
}

/// Say what a commit came to (git's own message when it refuses). True when it was committed.
fn said_committed(
    app: &mut App,
    path: &Path,
    display: &str,
    message: &str,
    result: Result<(), GitError>,
) -> bool {
    match result {
        Ok(()) => {
            app.git.state.mark(path, false);
            app.git.generation += 1;
            app.git.unrecorded.remove(path);
            app.ui.message = Message::info(format!("saved and committed {display}: {message}"));
            true
        }
        Err(error) => {
            app.ui.message = Message::error(format!("saved {display}, but not committed"));
            // Our words first (they fit), then git's own, without its blank lines.
            let words = error.to_string();
            let said: Vec<&str> = words
                .lines()
                .map(str::trim_end)
                .filter(|line| !line.trim().is_empty())
                .map(|line| line.trim_start_matches("git: "))
                .collect();
            app.ui.notice = Some(format!(
                "{display} is written, but not committed: it shows as uncommitted on the list, \
                 and w offers the commit again once git is put right. Git said:\n{}",
                said.join("\n")
            ));
            false
        }
    }
}

/// `w` with nothing pending on a plan the app wrote but did not commit: offer the commit
/// again. True when the question is now on screen.
pub fn offer_again(app: &mut App, path: &Path, display: String) -> bool {
    if app.git.committing.is_some() {
        return false;
    }
    let Some(unrecorded) = app.git.unrecorded.get(path) else {
        return false;
    };
    if !app.git.state.is_uncommitted(path) {
        return false;
    }
    let message = unrecorded.message();
    app.nav.overlays.push(Overlay::Commit(Box::new(CommitOffer {
        path: path.to_path_buf(),
        display,
        message,
        then: None,
    })));
    true
}

/// `y` commits, `n` (or Esc) leaves the file written but uncommitted.
fn answer(app: &mut App, action: Action) -> Option<Option<Intent>> {
    let Some(Overlay::Commit(offer)) = app.nav.overlays.last() else {
        return None;
    };
    let offer = offer.as_ref().clone();
    match action {
        Action::CommitYes if app.git.committing.is_some() => {
            app.ui.message = Message::error("a commit is still running: y again once it is done");
            None
        }
        Action::CommitYes => {
            app.nav.overlays.pop();
            let work = CommitWork {
                git: app.git.state.clone(),
                status_of: None,
                path: offer.path.clone(),
                ask_tracked: false,
                commit: Some(CommitMessage::Offered(offer.message)),
            };
            start(
                app,
                work,
                offer.path,
                offer.display,
                offer.then,
                "committing",
            );
            None
        }
        Action::CommitNo => {
            app.nav.overlays.pop();
            app.ui.message = Message::info(format!(
                "saved {}; not committed (it shows as uncommitted on the list)",
                offer.display
            ));
            Some(offer.then)
        }
        _ => None,
    }
}

/// The answer to "commit it?" after a write; then what the write was for.
pub fn update(app: &mut App, action: Action) {
    if let Some(Some(intent)) = answer(app, action) {
        write::carry_out(app, intent);
    }
}
