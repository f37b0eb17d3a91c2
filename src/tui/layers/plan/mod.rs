//! A plan: its needs by category, its tabs, and the edit keys that start a prompt, the review
//! or a write.

pub mod big_text_view;
pub mod conflicts;
pub mod editing;
pub mod heading_view;
pub mod meeting_view;
pub mod money_view;
pub mod needs_view;
pub mod screen;
pub mod tabs_view;
pub mod view;

use crate::tui::action::{Action, PlanTab};
use crate::tui::app::{App, Screen, shown_plan};
use crate::tui::keymap::layer_keys;
use crate::tui::layers::{export, history};
use crate::tui::layout;

/// The keys of this layer, in the order the help lists them.
pub const KEYS: &[Action] = layer_keys![
    Action::StartReview,
    Action::EditReviewDate,
    Action::EditNeed,
    Action::ShowHistory,
    Action::ShowPending,
    Action::ToggleMeeting,
    Action::ExportPlan,
    Action::EditCategory,
    Action::AddNeed,
    Action::Undo,
    Action::EditStatus,
    Action::EndNeed,
    Action::EditDispute,
    Action::EndAftercare,
    Action::NewDetention,
    Action::KeepOurs,
    Action::TakeTheirs,
    Action::NextPane,
    Action::PreviousPane,
    Action::ShowTab(PlanTab::Needs),
    Action::ShowTab(PlanTab::Voice),
    Action::ShowTab(PlanTab::Crisis),
    Action::ShowTab(PlanTab::Reviews),
    Action::ShowTab(PlanTab::Findings),
    Action::NextTab,
    Action::PreviousTab,
    Action::ToggleMoneyPeriod,
    Action::Back,
    @moves;
    Action::ShowHelp,
    Action::Quit,
];

/// Keys on a plan: edit keys start an edit, the others move, switch tabs and panes, scroll.
pub fn update(app: &mut App, action: Action) {
    if editing::is_edit(&action) {
        editing::plan_edit(app, action);
        return;
    }
    if matches!(action, Action::Back) {
        editing::request_leave(app);
        return;
    }
    if matches!(action, Action::ToggleMoneyPeriod) {
        app.ui.money_yearly = !app.ui.money_yearly;
        return;
    }
    if matches!(action, Action::ExportPlan) {
        export::open(app);
        return;
    }
    if matches!(action, Action::ShowHistory) {
        history::open(app);
        return;
    }
    let page = layout::text_page(app.ui.height);
    let Screen::Plan(screen) = &mut app.nav.screen else {
        return;
    };
    let Some(plan) = shown_plan(&app.session, &app.folder.files, screen.file) else {
        app.nav.screen = Screen::Dashboard;
        return;
    };
    match action {
        Action::NextPane => {
            screen.show_tab(PlanTab::Needs);
            screen.cycle_pane(plan, true);
        }
        Action::PreviousPane => {
            screen.show_tab(PlanTab::Needs);
            screen.cycle_pane(plan, false);
        }
        Action::ShowTab(tab) => screen.show_tab(tab),
        Action::NextTab => screen.cycle_tab(true),
        Action::PreviousTab => screen.cycle_tab(false),
        movement if screen.tab == PlanTab::Needs => match movement {
            Action::MoveUp => screen.move_up(plan),
            Action::MoveDown => screen.move_down(plan),
            Action::PageUp => screen.move_need(plan, -5),
            Action::PageDown => screen.move_need(plan, 5),
            Action::MoveTop => screen.need_to_end(plan, false),
            Action::MoveBottom => screen.need_to_end(plan, true),
            _ => {}
        },
        movement => screen.scroll.apply(&movement, page),
    }
}
