//! The findings of a file with errors (and what can be done with it).

pub mod view;

use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::keymap::layer_keys;
use crate::tui::layers::history;
use crate::tui::layers::plan::screen::PlanScreen;
use crate::tui::layout;

/// The keys of this layer, in the order the help lists them.
pub const KEYS: &[Action] = layer_keys![
    Action::ShowHistory,
    Action::Back,
    @moves;
    Action::ToggleMeeting,
    Action::ShowHelp,
    Action::Quit,
];

/// The keys when the plan itself could be read.
pub const KEYS_OF_READABLE_PLAN: &[Action] = layer_keys![
    Action::OpenPlanAnyway,
    Action::ShowHistory,
    Action::Back,
    @moves;
    Action::ToggleMeeting,
    Action::ShowHelp,
    Action::Quit,
];

/// Keys on an invalid file's findings: scroll, its history, or open the plan anyway.
pub fn update(app: &mut App, action: Action) {
    if matches!(action, Action::ShowHistory) {
        history::open(app);
        return;
    }
    let page = layout::text_page(app.ui.height);
    let Screen::Findings { file, scroll } = &mut app.nav.screen else {
        return;
    };
    match action {
        Action::Back => app.nav.screen = Screen::Dashboard,
        Action::OpenPlanAnyway => {
            let file = *file;
            if let Some(plan) = app.folder.files[file].plan.as_ref() {
                app.nav.screen = Screen::Plan(PlanScreen::new(file, Some(plan)));
            }
        }
        movement => scroll.apply(&movement, page),
    }
}
