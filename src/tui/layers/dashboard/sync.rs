//! `Y` on the plans list: sync with the team's git server off the UI thread (an effect the
//! runtime performs), then say what happened and show the plans as the team's changes left
//! them.

use std::path::PathBuf;

use crate::commands::sync::problem_words;
use crate::tui::app::{App, Message, Screen, update};
use crate::tui::effect::{Effect, SyncJob};
use crate::tui::msg::{Msg, SyncNews};

/// Start a sync, unless one runs or changes wait to be written.
pub fn start(app: &mut App) {
    if app.git.syncing {
        app.ui.message = Message::info("a sync is already running");
        return;
    }
    if app
        .session
        .as_ref()
        .is_some_and(|session| session.has_pending())
    {
        app.ui.message = Message::error("write or undo the pending changes first (w, u)");
        return;
    }
    app.git.syncing = true;
    app.ask(Effect::Sync(SyncJob {
        root: PathBuf::from(&app.folder.path),
        settings: app.settings,
    }));
    app.ui.message = Message::info("syncing with the team's server: fetch, merge, push ...");
}

/// The sync's answer: what it did, and the plans read again when the team's changes came in
/// (on the plans list; elsewhere the user is told to come back to it).
pub fn take_news(app: &mut App, news: SyncNews) {
    app.git.syncing = false;
    // An answer git gave before the sync is out of date: this one is the news.
    app.git.generation += 1;
    app.git.state = news.git;
    let report = match news.result {
        Ok(report) => report,
        Err(why) => {
            app.ui.message = Message::error(format!("sync: {why}"));
            return;
        }
    };
    let mut words: Vec<String> = report.steps.clone();
    for (plan, count) in &report.conflicts {
        words.push(format!(
            "{}: {count} conflict{} to resolve",
            app.shown_path(plan, None),
            if *count == 1 { "" } else { "s" }
        ));
    }
    if let Some(files) = news.reloaded {
        let on_the_list = app.session.is_none()
            && matches!(app.nav.screen, Screen::Dashboard)
            && app.nav.overlays.is_empty();
        if on_the_list {
            show_reloaded(app, files);
        } else {
            words.push("the plans changed: back on the plans list, Y shows them".into());
        }
    }
    app.ui.message = match problem_words(&report) {
        None => {
            words.push("in step with the team's server".into());
            Message::info(words.join("; "))
        }
        Some(problem) => {
            words.push(problem);
            Message::error(words.join("; "))
        }
    };
}

/// The folder's plans replaced by those read after the sync, as a load would give them.
fn show_reloaded(app: &mut App, files: Vec<crate::store::folder::PlanFile>) {
    app.folder.files.clear();
    app.folder.summaries.clear();
    app.folder.awaited.clear();
    let total = files.len();
    for msg in [
        Msg::LoadStarted { total },
        Msg::PlansLoaded(files),
        Msg::LoadFinished,
    ] {
        for effect in update(app, msg) {
            app.ask(effect);
        }
    }
}
