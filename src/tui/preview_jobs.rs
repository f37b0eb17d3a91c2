//! Edit work that takes seconds on a very large plan (700 KB, 100,000 needs), as jobs: reading
//! the plan for editing, checking queued changes on its text, the diff before a write, reading
//! it back after one, and the reload after an external change. The app runs a job on a thread
//! of its own (`tui::run`) and keeps reading keys meanwhile: Ctrl-C (and `q` where it means
//! quit) quits with the usual unsaved-changes guard, Esc stops waiting, and other keys wait
//! their turn. Key scripts run a job at once (`keyscript::press`). Either way its news comes
//! back through `update` as `Action::EditNews`; news of a job given up is dropped. The git
//! work after a write (`committing`) is a job here too, one the keys do not wait for.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::plan::change::Change;
use crate::plan::model::Plan;
use crate::plan::pending::{NewIssues, new_issues_between, plan_with};
use crate::plan::rules::RuleSettings;
use crate::store::pending::{
    Opened, Preview, Reapplied, open, preview, reload_and_reapply, why_not_editable,
};
use crate::store::write::{Loaded, WriteError};

use super::action::Action;
use super::app::{App, Message, handle_key};
use super::committing::{CommitDone, CommitWork};
use super::overlays::Intent;
use super::{committing, editing, keymap, writing};

/// Work on a plan's text, done off the UI thread.
#[derive(Debug, Clone)]
pub enum EditWork {
    /// Read the plan (and, `for_editing`, whether it may be edited here).
    Open {
        path: PathBuf,
        display: String,
        settings: RuleSettings,
        for_editing: bool,
    },
    /// The changes on the text as read: the diff and the errors they add; and what they break
    /// in the plan (the plan view's banner), so neither is worked out on the UI thread.
    Preview {
        loaded: Box<Loaded>,
        base: Box<Plan>,
        changes: Vec<Change>,
        settings: RuleSettings,
    },
    /// Read the file again after an external change and re-apply what still applies.
    Reload {
        path: PathBuf,
        display: String,
        settings: RuleSettings,
        groups: Vec<Vec<Change>>,
    },
    /// Git after a write: whether the file was ever committed, and the commit (a user's
    /// hook may take seconds). Keys work while it runs (`committing::CommitWait`).
    Commit(Box<CommitWork>),
}

/// A plan read, with why it may not be edited here (when read for editing).
pub type OpenedResult = Result<(Box<Opened>, Option<String>), String>;

/// A preview with what the changes break, or why the changes cannot be made.
pub type PreviewResult = Result<(Box<Preview>, NewIssues), PreviewFailed>;

/// What the work found.
#[derive(Debug, Clone)]
pub enum EditResult {
    Opened(OpenedResult),
    Previewed(PreviewResult),
    Reloaded(Result<Box<Reapplied>, String>),
    Committed(Box<CommitDone>),
}

/// Why the changes could not be applied to the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewFailed {
    /// The editor's refusal of an edit (an alias on the way, say), when that is why.
    pub refused_edit: Option<String>,
    /// The whole error, as said.
    pub message: String,
}

impl EditWork {
    /// Do the work (reads the file, parses and checks the plan: seconds on a huge plan).
    pub fn run(self) -> EditResult {
        match self {
            EditWork::Open {
                path,
                display,
                settings,
                for_editing,
            } => EditResult::Opened(
                open(&path, &display, &settings)
                    .map(|opened| {
                        let why_not = for_editing
                            .then(|| why_not_editable(&opened.loaded))
                            .flatten();
                        (Box::new(opened), why_not)
                    })
                    .map_err(|error| error.to_string()),
            ),
            EditWork::Preview {
                loaded,
                base,
                changes,
                settings,
            } => EditResult::Previewed(
                preview(&loaded, &changes, &settings)
                    .map(|shown| {
                        let issues =
                            new_issues_between(&base, &plan_with(&base, &changes), &settings);
                        (Box::new(shown), issues)
                    })
                    .map_err(|error| PreviewFailed {
                        refused_edit: match &error {
                            WriteError::Edit { source, .. } => Some(source.to_string()),
                            _ => None,
                        },
                        message: error.to_string(),
                    }),
            ),
            EditWork::Reload {
                path,
                display,
                settings,
                groups,
            } => EditResult::Reloaded(
                reload_and_reapply(&path, &display, &settings, &groups)
                    .map(Box::new)
                    .map_err(|error| error.to_string()),
            ),
            EditWork::Commit(work) => EditResult::Committed(Box::new(work.run())),
        }
    }
}

/// A job waiting to be run: its work and the number that ties its news to the wait.
#[derive(Debug, Clone)]
pub struct EditJob {
    pub id: u64,
    pub work: EditWork,
}

impl EditJob {
    pub fn run(self) -> EditNews {
        EditNews {
            id: self.id,
            result: self.work.run(),
        }
    }
}

/// A job's answer.
#[derive(Debug, Clone)]
pub struct EditNews {
    pub id: u64,
    pub result: EditResult,
}

/// What to do with a job's answer: the rest of what the key asked for.
#[derive(Debug, Clone)]
pub enum AfterJob {
    /// Start editing the plan read, then carry out the edit key.
    Begin { file: usize, action: Box<Action> },
    /// Queue the changes of a prompt (or of the review, then show the diff) if they can be made.
    Queue { changes: Vec<Change>, review: bool },
    /// Show the diff of the pending changes.
    ShowDiff {
        then: Option<Intent>,
        notes: Vec<String>,
    },
    /// The changes were written: start clean from the file read back.
    ReadBack {
        file: usize,
        changes: Vec<Change>,
        plan_id: String,
        then: Option<Intent>,
    },
    /// Re-apply what still applies on the file read again.
    Reload { then: Option<Intent> },
}

/// The job the app is waiting for.
#[derive(Debug, Clone)]
pub struct Working {
    pub id: u64,
    /// What the bottom line says meanwhile (`preparing the diff`).
    pub doing: &'static str,
    pub after: AfterJob,
    /// Keys typed meanwhile, carried out in order once the news is in.
    pub typed: Vec<KeyEvent>,
}

/// Keys kept while waiting; more are dropped (a key held down, not typing).
const MOST_TYPED_AHEAD: usize = 64;

/// Ask for `work` to be done off the UI thread; `after` takes its answer.
pub fn start(app: &mut App, doing: &'static str, work: EditWork, after: AfterJob) {
    app.edit_jobs_started += 1;
    let id = app.edit_jobs_started;
    app.edit_job = Some(EditJob { id, work });
    app.working = Some(Working {
        id,
        doing,
        after,
        typed: Vec::new(),
    });
    say_working(app);
}

fn say_working(app: &mut App) {
    if let Some(working) = &app.working {
        let stop = if stoppable(&working.after) {
            "Esc stops waiting, "
        } else {
            ""
        };
        app.message = Message::info(format!("{}... ({stop}Ctrl-C quits)", working.doing));
    }
}

/// Reading back after a write cannot be given up: the file is written; the app must know it.
fn stoppable(after: &AfterJob) -> bool {
    !matches!(after, AfterJob::ReadBack { .. })
}

/// A key while a job runs: quit (with the guard) and Esc at once, others once it is done.
pub fn key_while_working(app: &mut App, key: &KeyEvent) {
    let quit =
        keymap::action_for(app.layer(), key, &app.keys).is_some_and(|a| matches!(a, Action::Quit));
    let esc = key.code == KeyCode::Esc && key.modifiers == KeyModifiers::NONE;
    let Some(working) = app.working.as_mut() else {
        return;
    };
    if quit {
        // What the job would have done is given up: nothing of it is applied.
        app.working = None;
        app.edit_job = None;
        app.message = None;
        editing::request_quit(app);
    } else if esc && stoppable(&working.after) {
        let doing = working.doing;
        app.working = None;
        app.edit_job = None;
        app.message = Message::info(format!("stopped {doing}: nothing changed"));
    } else if working.typed.len() < MOST_TYPED_AHEAD {
        working.typed.push(*key);
        say_working(app);
    }
}

/// A job's answer: carry out the rest of what was asked, then the keys typed meanwhile. The
/// answer to a job given up (Esc, a quit) is dropped.
pub fn take_news(app: &mut App, news: EditNews) {
    if let EditResult::Committed(answer) = news.result {
        return committing::done(app, news.id, *answer);
    }
    let Some(working) = app.working.take_if(|working| working.id == news.id) else {
        return;
    };
    app.message = None;
    match (working.after, news.result) {
        (AfterJob::Begin { file, action }, EditResult::Opened(result)) => {
            editing::begun(app, file, *action, result)
        }
        (AfterJob::Queue { changes, review }, EditResult::Previewed(result)) => {
            editing::queued(app, changes, review, result)
        }
        (AfterJob::ShowDiff { then, notes }, EditResult::Previewed(result)) => {
            writing::diff_ready(app, then, notes, result)
        }
        (
            AfterJob::ReadBack {
                file,
                changes,
                plan_id,
                then,
            },
            EditResult::Opened(result),
        ) => writing::read_back(app, file, changes, plan_id, then, result),
        (AfterJob::Reload { then }, EditResult::Reloaded(result)) => {
            writing::reloaded(app, then, result)
        }
        _ => app.message = Message::error("internal: a job's answer did not fit what it was for"),
    }
    for key in working.typed {
        handle_key(app, &key);
    }
}
