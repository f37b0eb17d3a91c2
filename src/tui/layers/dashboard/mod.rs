//! The plans list: every plan of the folder, searched, sorted and filtered.

pub mod columns;
pub mod filters;
pub mod list;
pub mod search;
pub mod summary;
pub mod sync;
pub mod view;

use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::form::pasted_line;
use crate::tui::keymap::layer_keys;
use crate::tui::layers::plan::editing;
use crate::tui::layers::plan::screen::PlanScreen;
use crate::tui::layers::register;
use crate::tui::reading::{self, Wait};
use crate::tui::scroll_text::TextScroll;

/// The keys while searching the list.
pub const SEARCH_KEYS: &[Action] = &[
    Action::SearchAccept,
    Action::SearchCancel,
    Action::SearchBackspace,
    Action::FormClear,
    Action::SearchInput(' '),
    Action::MoveUp,
    Action::MoveDown,
    Action::PageUp,
    Action::PageDown,
    Action::Quit,
];

/// The keys of the filters (`f`).
pub const FILTER_KEYS: &[Action] = layer_keys![
    Action::ApplyFilters,
    Action::FormNext,
    Action::FormCancel,
    @form_editing;
    Action::ShowHelp,
    Action::Quit,
];

/// The keys of this layer, in the order the help lists them.
pub const KEYS: &[Action] = layer_keys![
    Action::Open,
    Action::StartSearch,
    Action::NewPlan,
    Action::CycleSort,
    Action::ReverseSort,
    Action::OpenFilters,
    Action::ToggleMeeting,
    Action::ToggleOverdue,
    Action::ToggleDisputed,
    Action::ShowRegister,
    Action::Sync,
    Action::Back,
    @moves;
    Action::ShowHelp,
    Action::Quit,
];

/// Keys on the plans list: open, search, sort, filter, a new plan, move.
pub fn update(app: &mut App, action: Action) {
    // What needs the plans waits for them (K6): opening a row, for a warm start's listed
    // rows; a new plan's id, the register's totals and a sync, for the whole folder (a cold
    // load's too). A search does not: it lists a row whose plan is still to come after its
    // matches, and a query typed as the app starts must never be taken as keys of the list.
    let wait = match action {
        Action::Open => Some(Wait::ListedPlans),
        Action::NewPlan | Action::ShowRegister | Action::Sync => Some(Wait::WholeFolder),
        _ => None,
    };
    if wait.is_some_and(|wait| reading::must_wait(app, wait)) {
        return;
    }
    match action {
        Action::Open => {
            let Some(file) = app.nav.list.selected_file() else {
                return;
            };
            app.nav.screen = if app.folder.summaries[file].is_valid() {
                Screen::Plan(PlanScreen::new(file, app.folder.files[file].plan.as_ref()))
            } else {
                Screen::Findings {
                    file,
                    scroll: TextScroll::top(),
                }
            };
        }
        Action::StartSearch => app.nav.list.searching = true,
        Action::NewPlan => editing::start_new_plan(app),
        Action::ShowRegister => register::open(app),
        Action::Sync => sync::start(app),
        Action::CycleSort => {
            app.nav.list.sort = app.nav.list.sort.next();
            app.rebuild_list();
        }
        Action::ToggleOverdue => {
            app.nav.list.only_overdue = !app.nav.list.only_overdue;
            app.rebuild_list();
        }
        Action::ToggleDisputed => {
            app.nav.list.only_disputed = !app.nav.list.only_disputed;
            app.rebuild_list();
        }
        Action::ReverseSort => {
            app.nav.list.reversed = !app.nav.list.reversed;
            app.rebuild_list();
        }
        Action::OpenFilters => filters::open(app),
        Action::Back if app.nav.list.is_filtered() => {
            app.nav.list.clear_filters();
            app.rebuild_list();
        }
        movement => move_in_list(app, movement),
    }
}

/// Keys while searching: the query as typed (the best match selected), accepted or cleared.
pub fn update_search(app: &mut App, action: Action) {
    match action {
        // Like fzf: a changed query selects the best match.
        Action::SearchInput(c) => {
            app.nav.list.query.push(c);
            app.nav.list.chosen = false;
            app.rebuild_list();
        }
        Action::Paste(text) => {
            app.nav.list.query.push_str(&pasted_line(&text));
            app.nav.list.chosen = false;
            app.rebuild_list();
        }
        Action::SearchBackspace => {
            app.nav.list.query.pop();
            app.nav.list.chosen = false;
            app.rebuild_list();
        }
        // Ctrl-u clears what was typed, as in a form's field.
        Action::FormClear => {
            app.nav.list.query.clear();
            app.nav.list.chosen = false;
            app.rebuild_list();
        }
        Action::SearchAccept => app.nav.list.searching = false,
        Action::SearchCancel => {
            app.nav.list.searching = false;
            app.nav.list.chosen = true;
            app.nav.list.query.clear();
            app.rebuild_list();
        }
        movement => move_in_list(app, movement),
    }
}

fn move_in_list(app: &mut App, action: Action) {
    let page = app.page();
    let list = &mut app.nav.list;
    let step = isize::try_from(page.saturating_sub(1).max(1)).unwrap_or(1);
    match action {
        Action::MoveUp => list.move_by(-1, page),
        Action::MoveDown => list.move_by(1, page),
        Action::PageUp => list.move_by(-step, page),
        Action::PageDown => list.move_by(step, page),
        Action::MoveTop => list.move_to(0, page),
        Action::MoveBottom => list.move_to(usize::MAX, page),
        _ => {}
    }
}
