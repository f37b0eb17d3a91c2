//! Commit after write (`git.commit: off | ask | always`): only the plan file is committed,
//! never anything else staged, with a message that names the plan id and what was decided
//! and no patient identifier. A refused commit shows git's words; the file stays written.

use std::path::PathBuf;

use super::action::Action;
use super::app::{App, Message, Overlay};
use super::git_status::{self, GitState};
use super::overlays::Intent;
use crate::config::CommitMode;
use crate::plan::change::{Change, commit_message};
use crate::store::git::Repo;

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

/// The file was written with these changes (none: a new plan): commit it as the config
/// says. Returns what to do next (`then`, or nothing when a failed commit must be seen
/// before quitting), or `None` while the question is on screen: its answer carries on.
pub fn after_write(
    app: &mut App,
    path: PathBuf,
    display: String,
    written: Unrecorded,
    then: Option<Intent>,
) -> Option<Option<Intent>> {
    let untracked = app
        .git
        .repo()
        .is_some_and(|repo| repo.is_tracked(&path) == Ok(false));
    let unrecorded = app.unrecorded.entry(path.clone()).or_default();
    unrecorded.untracked = untracked;
    unrecorded.plan = written.plan;
    unrecorded.changes.extend(written.changes);
    let message = unrecorded.message();
    if matches!(app.git, GitState::Checking) && app.commit_mode != CommitMode::Off {
        // The start-up check has not answered yet: ask now, the answer is needed.
        app.git = git_status::check(std::path::Path::new(&app.folder));
    }
    app.git.mark(&path, true);
    app.git_generation += 1;
    match (app.commit_mode, &app.git) {
        (CommitMode::Off, _) => Some(then),
        (_, GitState::Unavailable(error)) => {
            let said = app.message.take().map(|m| m.text).unwrap_or_default();
            app.message = Message::info(format!("{said} (not committed: {})", error.brief()));
            Some(then)
        }
        (CommitMode::Always, _) => {
            if !commit(app, &path, &display, &message) && then == Some(Intent::Quit) {
                return Some(None);
            }
            Some(then)
        }
        (CommitMode::Ask, _) => {
            app.overlays.push(Overlay::Commit(Box::new(CommitOffer {
                path,
                display,
                message,
                then,
            })));
            None
        }
    }
}

/// Commit the one file; say what happened (git's own message when it refuses). True when
/// it was committed.
pub fn commit(app: &mut App, path: &std::path::Path, display: &str, message: &str) -> bool {
    let repo = match &app.git {
        GitState::Ready(folder) => Ok(folder.repo.clone()),
        GitState::Unavailable(error) => Err(error.clone()),
        GitState::Checking => Repo::find(path.parent().unwrap_or(std::path::Path::new("."))),
    };
    match repo.and_then(|repo| repo.commit_file(path, message)) {
        Ok(()) => {
            app.git.mark(path, false);
            app.git_generation += 1;
            app.unrecorded.remove(path);
            app.message = Message::info(format!("saved and committed {display}: {message}"));
            true
        }
        Err(error) => {
            app.message = Message::error(format!("saved {display}, but not committed"));
            // Our words first (they fit), then git's own, without its blank lines.
            let words = error.to_string();
            let said: Vec<&str> = words
                .lines()
                .map(str::trim_end)
                .filter(|line| !line.trim().is_empty())
                .map(|line| line.trim_start_matches("git: "))
                .collect();
            app.notice = Some(format!(
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
pub fn offer_again(app: &mut App, path: &std::path::Path, display: String) -> bool {
    let Some(unrecorded) = app.unrecorded.get(path) else {
        return false;
    };
    if !app.git.is_uncommitted(path) {
        return false;
    }
    let message = unrecorded.message();
    app.overlays.push(Overlay::Commit(Box::new(CommitOffer {
        path: path.to_path_buf(),
        display,
        message,
        then: None,
    })));
    true
}

/// `y` commits, `n` (or Esc) leaves the file written but uncommitted.
pub fn update_commit(app: &mut App, action: Action) -> Option<Option<Intent>> {
    let Some(Overlay::Commit(offer)) = app.overlays.last() else {
        return None;
    };
    let offer = offer.as_ref().clone();
    match action {
        Action::CommitYes => {
            app.overlays.pop();
            let committed = commit(app, &offer.path, &offer.display, &offer.message);
            if !committed && offer.then == Some(Intent::Quit) {
                return Some(None);
            }
            Some(offer.then)
        }
        Action::CommitNo => {
            app.overlays.pop();
            app.message = Message::info(format!(
                "saved {}; not committed (it shows as uncommitted on the list)",
                offer.display
            ));
            Some(offer.then)
        }
        _ => None,
    }
}
