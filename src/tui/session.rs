//! The plan being edited: its text as read for editing, the plan as read from it, and the
//! pending changes in the order they were made (a quick edit, or a whole review, is one
//! entry: what `u` takes back). The plan shown is the base with every entry applied.

use crate::plan::change::Change;
use crate::plan::model::Plan;
use crate::plan::pending::{NewIssues, new_issues_between, plan_with};
use crate::plan::rules::RuleSettings;
use crate::store::pending::preview;
use crate::store::write::{Loaded, WriteError};

/// One undoable step: a quick edit's changes, or a review's.
#[derive(Debug, Clone, PartialEq)]
pub struct PendingEntry {
    pub changes: Vec<Change>,
}

impl PendingEntry {
    /// How the entry reads in messages: its changes, `; `-separated.
    pub fn describe(&self) -> String {
        self.changes
            .iter()
            .map(Change::describe)
            .collect::<Vec<_>>()
            .join("; ")
    }
}

#[derive(Debug, Clone)]
pub struct EditSession {
    /// Index into the app's files.
    pub file: usize,
    pub loaded: Loaded,
    /// The plan as read from `loaded`.
    pub base: Plan,
    pub entries: Vec<PendingEntry>,
    /// `base` with every entry applied: what the plan view shows.
    pub current: Plan,
    /// The last write succeeded and nothing has changed since.
    pub saved: bool,
}

impl EditSession {
    pub fn new(file: usize, loaded: Loaded, base: Plan) -> EditSession {
        EditSession {
            file,
            loaded,
            current: base.clone(),
            base,
            entries: Vec::new(),
            saved: false,
        }
    }

    pub fn has_pending(&self) -> bool {
        !self.entries.is_empty()
    }

    /// Every pending change, oldest first.
    pub fn changes(&self) -> Vec<Change> {
        self.entries
            .iter()
            .flat_map(|entry| entry.changes.iter().cloned())
            .collect()
    }

    /// The changes of each entry, for re-applying them after an external change.
    pub fn groups(&self) -> Vec<Vec<Change>> {
        self.entries.iter().map(|e| e.changes.clone()).collect()
    }

    pub fn push(&mut self, changes: Vec<Change>) {
        if changes.is_empty() {
            return;
        }
        for change in &changes {
            change.apply(&mut self.current);
        }
        self.entries.push(PendingEntry { changes });
        self.saved = false;
    }

    /// Queue the changes if the editor can make them on the file's text (an edit that would
    /// reach an alias, say, is refused now rather than at write time), else say why.
    pub fn try_push(
        &mut self,
        changes: Vec<Change>,
        settings: &RuleSettings,
    ) -> Result<(), String> {
        let mut all = self.changes();
        all.extend(changes.iter().cloned());
        preview(&self.loaded, &all, settings).map_err(|error| match error {
            WriteError::Edit { source, .. } => format!("cannot be written here: {source}"),
            other => other.to_string(),
        })?;
        self.push(changes);
        Ok(())
    }

    /// Take back the last entry.
    pub fn undo(&mut self) -> Option<PendingEntry> {
        let entry = self.entries.pop()?;
        self.current = plan_with(&self.base, &self.changes());
        Some(entry)
    }

    /// Start again from a newly read file, keeping only the entries at `kept`.
    pub fn rebase(&mut self, loaded: Loaded, base: Plan, kept: &[usize]) {
        let entries = std::mem::take(&mut self.entries);
        self.entries = entries
            .into_iter()
            .enumerate()
            .filter(|(index, _)| kept.contains(index))
            .map(|(_, entry)| entry)
            .collect();
        self.loaded = loaded;
        self.current = plan_with(&base, &self.changes());
        self.base = base;
    }

    /// What the pending changes would break.
    pub fn issues(&self, settings: &RuleSettings) -> NewIssues {
        new_issues_between(&self.base, &self.current, settings)
    }
}
