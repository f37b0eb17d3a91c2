//! What can be drawn over the screen and gets the keys first: help, prompts, the review, the
//! diff before a write, and the dialogs around writing. State only; `views` draws it.

use std::path::PathBuf;

use crate::store::pending::Preview;
use crate::tui::form::Form;
use crate::tui::keymap::Layer;
use crate::tui::layers::commit::CommitOffer;
use crate::tui::layers::export::ExportDialog;
use crate::tui::layers::history::HistoryView;
use crate::tui::layers::prompt::new_plan::NewPlanSetup;
use crate::tui::layers::prompt::quick_edit::QuickEdit;
use crate::tui::layers::review::ReviewForm;
use crate::tui::scroll_text::TextScroll;

#[derive(Debug, Clone, PartialEq)]
pub enum Overlay {
    /// The keys of `layer`, the layer under the help.
    Help {
        layer: Layer,
        scroll: TextScroll,
    },
    Prompt(Box<Prompt>),
    Review(Box<ReviewForm>),
    Diff(Box<DiffView>),
    Guard(Guard),
    Confirm(Confirm),
    Reload(Box<ReloadOffer>),
    /// Asking before meeting mode is turned off (identifiers would show again).
    LeaveMeeting,
    /// A plan's history in git.
    History(Box<HistoryView>),
    /// Commit the file just written?
    Commit(Box<CommitOffer>),
    /// Export the plan to a file.
    Export(Box<ExportDialog>),
}

impl Overlay {
    /// The layer that gets the keys while this overlay is on top.
    pub fn layer(&self) -> Layer {
        match self {
            Overlay::Help { .. } => Layer::Help,
            Overlay::Prompt(prompt) if matches!(prompt.purpose, Purpose::Filter) => Layer::Filter,
            Overlay::Prompt(_) => Layer::Prompt,
            Overlay::Review(_) => Layer::Review,
            Overlay::Diff(_) => Layer::Diff,
            Overlay::Guard(_) => Layer::Guard,
            Overlay::Confirm(_) => Layer::Confirm,
            Overlay::Reload(_) => Layer::Reload,
            Overlay::LeaveMeeting => Layer::LeaveMeeting,
            Overlay::History(_) => Layer::History,
            Overlay::Commit(_) => Layer::Commit,
            Overlay::Export(_) => Layer::Export,
        }
    }
}

/// A form in a box: a quick edit, or a new plan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Prompt {
    pub purpose: Purpose,
    pub form: Form,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Purpose {
    Edit(QuickEdit),
    NewPlan(Box<NewPlanSetup>),
    /// The plans list's exact filters (`f`).
    Filter,
}

/// What to do once the pending changes are written (or discarded).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intent {
    Quit,
    /// Back to the plans list.
    Leave,
}

/// What a diff screen would write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteTarget {
    /// The open plan's pending changes.
    Plan(Preview),
    /// A new plan file.
    NewPlan {
        path: PathBuf,
        display: String,
        text: String,
    },
}

/// The diff shown before anything is written: `y` writes, `n` or Esc goes back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiffView {
    pub title: String,
    /// The changes in words (`N2 funding ICB 50/LA 50 -> ICB 40/LA 60`).
    pub changes: Vec<String>,
    /// Shown first: pending changes dropped on reload, and why.
    pub notes: Vec<String>,
    pub diff: String,
    /// Errors the changes would add: the write is refused while there are any.
    pub blocked: Vec<String>,
    pub scroll: TextScroll,
    pub then: Option<Intent>,
    pub target: WriteTarget,
    /// Why the last `y` did not write.
    pub error: Option<String>,
}

/// Quitting or leaving with pending changes: write, discard or stay.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Guard {
    pub intent: Intent,
    /// The plan's id and how many changes are pending (0 when only a form is open).
    pub plan: String,
    pub pending: usize,
    /// A prompt or the review is open and would be lost too.
    pub form_open: bool,
}

/// A yes/no question over a prompt or the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirm {
    /// Close the prompt and lose what was typed?
    DiscardPrompt,
    /// Stop the review and lose it?
    StopReview,
}

/// The file changed on disk since it was opened for editing; nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReloadOffer {
    /// What changed (`its content changed`).
    pub what: String,
    pub pending: usize,
    pub then: Option<Intent>,
}

/// One line of news at the bottom of the screen until the next key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Message {
    pub text: String,
    pub error: bool,
}

impl Message {
    pub fn info(text: impl Into<String>) -> Option<Message> {
        Some(Message {
            text: text.into(),
            error: false,
        })
    }

    pub fn error(text: impl Into<String>) -> Option<Message> {
        Some(Message {
            text: text.into(),
            error: true,
        })
    }
}
