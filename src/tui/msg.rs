//! What `update` takes: a key's action, or news from the runtime (the terminal's size, the
//! loader's files, git's and the jobs' answers). Internal events are messages, not key
//! actions, so the action table holds only what keys can mean.

use crate::store::cache::listing::PlanRead;
use crate::store::folder::PlanFile;
use crate::tui::action::Action;
use crate::tui::git_status::GitState;
use crate::tui::layers::export::ExportNews;
use crate::tui::layers::history::jobs::HistoryNews;
use crate::tui::layers::write::jobs::EditNews;
use crate::tui::reading::ListedFiles;

/// One thing that happened, for `update` to apply.
#[derive(Debug, Clone)]
pub enum Msg {
    /// What a key (or a paste) means in the layer that has the keys.
    Action(Action),
    /// The terminal now has this many columns and rows.
    Resize { width: u16, height: u16 },
    /// The folder scan found this many plan files to load.
    LoadStarted { total: usize },
    /// A batch of files has been read (in any order).
    PlansLoaded(Vec<PlanFile>),
    /// Files listed from the summary cache before their plans are read (a warm start):
    /// rows the app shows at once, their plans to come (`tui::reading`).
    RowsListed(Box<ListedFiles>),
    /// Plans of the rows listed, as they come, each with its row's place in `RowsListed`'s
    /// lists.
    PlansRead(Vec<(usize, PlanRead)>),
    /// Every file has been read or listed: folder-wide rules can run.
    LoadFinished,
    /// The folder itself could not be read.
    LoadFailed(String),
    /// What git says about the folder (repository, uncommitted plans), or why it cannot.
    GitChecked(GitState),
    /// A history job's answer: commits, a diff, or the diff since the last review.
    HistoryNews(HistoryNews),
    /// An edit job's answer: the plan read, a preview, a write, a reload or a commit.
    EditNews(Box<EditNews>),
    /// An export's answer: where it was written, or why not.
    ExportNews(ExportNews),
    /// A sync's answer: what it did (or why it could not), and the folder read again when
    /// the team's changes came in.
    SyncNews(Box<SyncNews>),
}

/// What a sync did, for `update`.
#[derive(Debug, Clone)]
pub struct SyncNews {
    pub result: Result<crate::store::sync::SyncReport, String>,
    /// The plan files as they are after the sync, when it took the team's changes.
    pub reloaded: Option<Vec<PlanFile>>,
    /// What git says about the folder after the sync (ahead/behind, uncommitted plans).
    pub git: GitState,
}

impl From<Action> for Msg {
    fn from(action: Action) -> Msg {
        Msg::Action(action)
    }
}
