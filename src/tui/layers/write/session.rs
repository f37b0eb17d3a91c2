//! The plan being edited: its text as read for editing, the plan as read from it, and the
//! pending changes in the order they were made (a quick edit, or a whole review, is one
//! entry: what `u` takes back). The plan shown is the base with every entry applied. What the
//! changes break, and their preview, are kept once worked out (off the UI thread, by a job):
//! the plan view asks for the first at every frame.

use std::cell::OnceCell;

use crate::plan::change::Change;
use crate::plan::model::Plan;
use crate::plan::pending::{NewIssues, new_issues_between, plan_with};
use crate::plan::rules::RuleSettings;
use crate::store::pending::Preview;
use crate::store::write::Loaded;

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
    /// What the pending changes break, once worked out.
    issues: OnceCell<NewIssues>,
    /// The preview of every pending change, once made.
    preview: Option<Box<Preview>>,
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
            issues: OnceCell::new(),
            preview: None,
        }
    }

    /// The changes made, or taken back: what was worked out for the old ones no longer holds.
    fn forget_checks(&mut self) {
        self.issues = OnceCell::new();
        self.preview = None;
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
        self.forget_checks();
    }

    /// Queue changes already checked on the file's text: `preview` is that of every pending
    /// change with them, `issues` what they break (both worked out off the UI thread).
    pub fn push_checked(&mut self, changes: Vec<Change>, preview: Box<Preview>, issues: NewIssues) {
        self.push(changes);
        self.remember(preview, issues);
    }

    /// Keep a preview of every pending change and what they break, until they change.
    pub fn remember(&mut self, preview: Box<Preview>, issues: NewIssues) {
        self.preview = Some(preview);
        self.issues = OnceCell::from(issues);
    }

    /// The preview of every pending change, if made since they last changed.
    pub fn preview(&self) -> Option<&Preview> {
        self.preview.as_deref()
    }

    /// Take back the last entry.
    pub fn undo(&mut self) -> Option<PendingEntry> {
        let entry = self.entries.pop()?;
        self.current = plan_with(&self.base, &self.changes());
        self.forget_checks();
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
        self.forget_checks();
    }

    /// What the pending changes would break (worked out once, then kept until they change).
    pub fn issues(&self, settings: &RuleSettings) -> &NewIssues {
        self.issues
            .get_or_init(|| new_issues_between(&self.base, &self.current, settings))
    }
}
