//! Edit work that takes seconds on a very large plan (700 KB, 100,000 needs), as jobs: reading
//! the plan for editing, checking queued changes on its text, the diff before a write, reading
//! it back after one, and the reload after an external change; and the write and the creation
//! of a plan themselves. `update` asks for a job as an effect; the runtime (`tui::runtime`)
//! runs it on a thread of its own and the app keeps reading keys meanwhile: Ctrl-C (and `q`
//! where it means quit) quits with the usual unsaved-changes guard, Esc stops waiting (not for
//! a write), and other keys wait their turn. Key scripts run a job at once (`keyscript::press`).
//! Either way its news comes back through `update` as `Msg::EditNews`; news of a job given up
//! is dropped. The git work after a write (`committing`) is a job here too, one the keys do
//! not wait for. This module says what to do; only the runtime does it.

use std::path::PathBuf;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::plan::change::Change;
use crate::plan::pending::NewIssues;
use crate::plan::rules::RuleSettings;
use crate::store::pending::{Opened, Preview, Reapplied};
use crate::store::write::Loaded;

use crate::tui::action::Action;
use crate::tui::app::{App, Message, key_pressed};
use crate::tui::effect::Effect;
use crate::tui::keymap;
use crate::tui::layers::commit;
use crate::tui::layers::commit::{CommitDone, CommitWork};
use crate::tui::layers::plan::editing;
use crate::tui::layers::write;
use crate::tui::overlays::Intent;

/// Which plan file to read, and how.
#[derive(Debug, Clone)]
pub struct ReadPlan {
    pub path: PathBuf,
    /// The file as the user knows it (for messages and the diff header).
    pub display: String,
    pub settings: RuleSettings,
    /// The plans folder the file must be inside (its name under it), if it is named so: a
    /// plan whose name has come to lead outside is not edited, and not written later.
    pub confine_to: Option<PathBuf>,
}

/// Work on a plan's text, done off the UI thread.
#[derive(Debug, Clone)]
pub enum EditWork {
    /// Read the plan (and, `for_editing`, whether it may be edited here).
    Open { read: ReadPlan, for_editing: bool },
    /// The changes on the text as read: the diff and the errors they add; and what they break
    /// in the plan (the plan view's banner), so neither is worked out on the UI thread.
    Preview {
        loaded: Box<Loaded>,
        changes: Vec<Change>,
        settings: RuleSettings,
    },
    /// The previewed changes with the trailing comments they left out of date removed (the
    /// user's `x` on the diff), previewed again.
    DropComments {
        loaded: Box<Loaded>,
        preview: Box<Preview>,
        settings: RuleSettings,
    },
    /// Read the file again after an external change and re-apply what still applies.
    Reload {
        read: ReadPlan,
        groups: Vec<Vec<Change>>,
    },
    /// Write the previewed changes (locked, atomic, refused when the file changed on disk),
    /// then read the file back.
    Write {
        loaded: Box<Loaded>,
        preview: Box<Preview>,
        read_back: ReadPlan,
    },
    /// Create a new plan file (never over an existing one), then read it.
    Create { text: String, read: ReadPlan },
    /// Git after a write: whether the file was ever committed, and the commit (a user's
    /// hook may take seconds). Keys work while it runs (`commit::CommitWait`).
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
    /// The file written and read back (or why reading it back failed), or why not written.
    Written(Result<OpenedResult, WriteFailed>),
    /// The file created and read (or why reading it failed), or why it was not created.
    Created(Result<OpenedResult, String>),
    Committed(Box<CommitDone>),
}

/// Why a write did not happen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteFailed {
    /// The file changed on disk since it was read (what happened to it): reload offered.
    ChangedOnDisk(String),
    /// Any other refusal, as said.
    Refused(String),
}

/// Why the changes could not be applied to the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreviewFailed {
    /// The editor's refusal of an edit (an alias on the way, say), when that is why.
    pub refused_edit: Option<String>,
    /// The whole error, as said.
    pub message: String,
}

/// A job waiting to be run: its work and the number that ties its news to the wait.
#[derive(Debug, Clone)]
pub struct EditJob {
    pub id: u64,
    pub work: EditWork,
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
    /// The changes are being written: then start clean from the file read back.
    ReadBack {
        file: usize,
        changes: Vec<Change>,
        plan_id: String,
        then: Option<Intent>,
    },
    /// Re-apply what still applies on the file read again.
    Reload { then: Option<Intent> },
    /// A new plan is being created: then list it and offer its commit.
    Created { path: PathBuf, display: String },
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
    app.jobs.started += 1;
    let id = app.jobs.started;
    app.ask(Effect::Edit(EditJob { id, work }));
    app.jobs.working = Some(Working {
        id,
        doing,
        after,
        typed: Vec::new(),
    });
    say_working(app);
}

fn say_working(app: &mut App) {
    if let Some(working) = &app.jobs.working {
        let stop = if stoppable(&working.after) {
            "Esc stops waiting, "
        } else {
            ""
        };
        app.ui.message = Message::info(format!("{}... ({stop}Ctrl-C quits)", working.doing));
    }
}

/// A write or a creation cannot be given up once asked for: the file may be written, and the
/// app must know what became of it.
fn stoppable(after: &AfterJob) -> bool {
    !matches!(after, AfterJob::ReadBack { .. } | AfterJob::Created { .. })
}

/// A key while a job runs: quit (with the guard) and Esc at once, others once it is done. A
/// write cannot be given up: a quit then waits for it, and is guarded as any quit once the
/// file is read back.
pub fn key_while_working(app: &mut App, key: &KeyEvent) {
    let quit = keymap::action_for(app.layer(), key, &app.ui.keys)
        .is_some_and(|a| matches!(a, Action::Quit));
    let esc = key.code == KeyCode::Esc && key.modifiers == KeyModifiers::NONE;
    let Some(working) = app.jobs.working.as_mut() else {
        return;
    };
    if quit && !stoppable(&working.after) {
        working.typed.push(*key);
        app.ui.message = Message::info(format!(
            "{}... the app quits once it is done",
            working.doing
        ));
    } else if quit {
        // What the job would have done is given up: nothing of it is applied.
        app.jobs.working = None;
        app.ui.message = None;
        editing::request_quit(app);
    } else if esc && stoppable(&working.after) {
        let doing = working.doing;
        app.jobs.working = None;
        app.ui.message = Message::info(format!("stopped {doing}: nothing changed"));
    } else if working.typed.len() < MOST_TYPED_AHEAD {
        working.typed.push(*key);
        say_working(app);
    }
}

/// A job's answer: carry out the rest of what was asked, then the keys typed meanwhile. The
/// answer to a job given up (Esc, a quit) is dropped.
pub fn take_news(app: &mut App, news: EditNews) {
    if let EditResult::Committed(answer) = news.result {
        return commit::done(app, news.id, *answer);
    }
    let Some(working) = app.jobs.working.take_if(|working| working.id == news.id) else {
        return;
    };
    app.ui.message = None;
    match (working.after, news.result) {
        (AfterJob::Begin { file, action }, EditResult::Opened(result)) => {
            editing::begun(app, file, *action, result)
        }
        (AfterJob::Queue { changes, review }, EditResult::Previewed(result)) => {
            editing::queued(app, changes, review, result)
        }
        (AfterJob::ShowDiff { then, notes }, EditResult::Previewed(result)) => {
            write::diff_ready(app, then, notes, result)
        }
        (
            AfterJob::ReadBack {
                file,
                changes,
                plan_id,
                then,
            },
            EditResult::Written(result),
        ) => write::written(app, file, changes, plan_id, then, result),
        (AfterJob::Reload { then }, EditResult::Reloaded(result)) => {
            write::reloaded(app, then, result)
        }
        (AfterJob::Created { path, display }, EditResult::Created(result)) => {
            write::created(app, path, display, result)
        }
        _ => {
            app.ui.message = Message::error("internal: a job's answer did not fit what it was for")
        }
    }
    for key in working.typed {
        key_pressed(app, &key);
    }
}
