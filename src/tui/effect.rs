//! What `update` asks the runtime to do, as values: `update` itself never touches the disk,
//! git, a thread or the clock. The runtime (`tui::runtime`) carries each effect out (on a
//! worker thread in the app, at once in key-script tests) and its answer comes back to
//! `update` as a message (`Msg::EditNews`, `Msg::HistoryNews`).

use crate::tui::layers::export::ExportJob;
use crate::tui::layers::history::jobs::HistoryJob;
use crate::tui::layers::write::jobs::EditJob;

/// One piece of work asked for.
#[derive(Debug, Clone)]
pub enum Effect {
    /// Work on a plan's text or git after a write (read, preview, write, create, reload,
    /// commit): one at a time, in order, so a read-back follows its write.
    Edit(EditJob),
    /// Git work the history view waits for (the log, a diff, since the last review).
    History(HistoryJob),
    /// Write an export (rendered by `update`) to the file the user named.
    Export(Box<ExportJob>),
    /// Sync the plans folder's repository with the team's server (`aftercare sync`).
    Sync(SyncJob),
}

/// A sync asked for: the folder, and the settings to read its plans again with after.
#[derive(Debug, Clone)]
pub struct SyncJob {
    pub root: std::path::PathBuf,
    pub settings: crate::plan::rules::RuleSettings,
}

/// The effects of one `update`, in the order asked.
#[derive(Debug, Clone, Default)]
#[must_use = "effects are work `update` asked for: give them to the runtime"]
pub struct Effects(pub Vec<Effect>);

impl Effects {
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Add those of a later `update`.
    pub fn extend(&mut self, more: Effects) {
        self.0.extend(more.0);
    }
}

impl IntoIterator for Effects {
    type Item = Effect;
    type IntoIter = std::vec::IntoIter<Effect>;

    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}
