//! The help: every key of the layer under it, from the one action table.

pub mod view;

use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::keymap::layer_keys;
use crate::tui::layout;

/// The keys of this layer, in the order the help lists them.
pub const KEYS: &[Action] = layer_keys![
    Action::CloseHelp,
    @moves;
];

/// Keys in the help: scroll, or close it.
pub fn update(app: &mut App, action: Action) {
    if matches!(action, Action::CloseHelp | Action::Back) {
        app.nav.overlays.pop();
        return;
    }
    let page = layout::help_page(app.ui.height);
    if let Some(Overlay::Help { scroll, .. }) = app.nav.overlays.last_mut() {
        scroll.apply(&action, page);
    }
}
