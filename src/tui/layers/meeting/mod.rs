//! Meeting mode on and off: on at once, off only after asking (identifiers would show again).

pub mod view;

use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};

/// The keys of this layer, in the order the help lists them.
pub const KEYS: &[Action] = &[Action::LeaveMeeting, Action::StayInMeeting];

/// `m`: meeting mode on at once; off only after the user confirms (identifiers will show).
pub fn toggle_meeting(app: &mut App) {
    if app.ui.display.meeting {
        if !matches!(app.nav.overlays.last(), Some(Overlay::LeaveMeeting)) {
            app.nav.overlays.push(Overlay::LeaveMeeting);
        }
    } else {
        set_meeting(app, true);
    }
}

/// The confirmation overlay's keys: leave meeting mode, or stay in it.
pub fn update(app: &mut App, action: Action) {
    match action {
        Action::LeaveMeeting => {
            app.nav.overlays.pop();
            set_meeting(app, false);
        }
        Action::StayInMeeting => {
            app.nav.overlays.pop();
        }
        _ => {}
    }
}

fn set_meeting(app: &mut App, on: bool) {
    app.ui.display.meeting = on;
    app.ui.theme = app.ui.display.theme();
}
