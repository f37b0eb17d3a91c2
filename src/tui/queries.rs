//! What tests and benchmarks ask of a running app, so they read its state through one
//! narrow door rather than reaching into its fields (the harness beside `keyscript`).

use std::path::Path;

use crate::tui::app::{App, Overlay};

impl App {
    /// The user has quit (after any guard).
    pub fn has_quit(&self) -> bool {
        self.ui.quit
    }

    /// Pending changes of the plan being edited (0 when none is).
    pub fn pending_changes(&self) -> usize {
        self.session
            .as_ref()
            .map_or(0, |session| session.entries.len())
    }

    /// A job the keys wait for is under way (reading, checking or writing a plan).
    pub fn is_waiting(&self) -> bool {
        self.jobs.working.is_some()
    }

    /// What the bottom line says now, if anything.
    pub fn bottom_line(&self) -> Option<&str> {
        self.ui
            .message
            .as_ref()
            .map(|message| message.text.as_str())
    }

    /// The selected row of the plans list.
    pub fn selected_row(&self) -> usize {
        self.nav.list.selected
    }

    /// How many rows the plans list shows (after search and filters).
    pub fn rows_shown(&self) -> usize {
        self.nav.list.rows.len()
    }

    /// Git says (or the app knows) this plan file has uncommitted changes.
    pub fn is_uncommitted(&self, path: &Path) -> bool {
        self.git.state.is_uncommitted(path)
    }

    /// Meeting mode is on.
    pub fn in_meeting(&self) -> bool {
        self.ui.display.meeting
    }

    /// The overlay on top, if any.
    pub fn top_overlay(&self) -> Option<&Overlay> {
        self.nav.overlays.last()
    }
}
