//! The register: per ICB and per local authority, the plans, current needs by category, what
//! is paid now each week, the cost under dispute and who carries it, top-ups (apart from the
//! S117 cost), direct payments and personal health budgets, with a bar chart of the weekly
//! cost paid now by body. Opened from the plans list; Esc goes back. In meeting mode no money
//! shows unless the config says `meeting_shows_costs: true`.

pub mod view;

use ratatui::layout::{Constraint, Layout, Rect};

use crate::plan::money::tally::summarize;
use crate::tui::action::Action;
use crate::tui::app::{App, Screen};
use crate::tui::keymap::layer_keys;
use crate::tui::layout;
use crate::tui::scroll_text::TextScroll;

/// The keys of this layer, in the order the help lists them.
pub const KEYS: &[Action] = layer_keys![
    Action::Back,
    @moves;
    Action::ToggleMeeting,
    Action::ShowHelp,
    Action::Quit,
];

/// Terminals at least this wide draw the chart beside the table, narrower ones above it.
const SIDE_BY_SIDE_WIDTH: u16 = 120;

/// Open the register from the plans list, at the top.
pub fn open(app: &mut App) {
    app.nav.screen = Screen::Register {
        scroll: TextScroll::top(),
        summary: Box::new(summarize(&app.folder.files, app.today())),
    };
}

/// Work the tallies out again (the folder finished loading while the register was open).
pub fn refresh(app: &mut App) {
    let fresh = summarize(&app.folder.files, app.today());
    if let Screen::Register { summary, .. } = &mut app.nav.screen {
        **summary = fresh;
    }
}

/// Keys on the register: scroll, or back to the plans list.
pub fn update(app: &mut App, action: Action) {
    let page = layout::text_page(app.ui.height);
    let Screen::Register { scroll, .. } = &mut app.nav.screen else {
        return;
    };
    match action {
        Action::Back => app.nav.screen = Screen::Dashboard,
        movement => scroll.apply(&movement, page),
    }
}

/// Where the chart (when there is one, of `bars` bars) and the text go inside the register's
/// frame: side by side on a wide terminal, else the chart above, never more than half the
/// height.
pub fn areas(inner: Rect, bars: usize) -> (Option<Rect>, Rect) {
    if bars == 0 {
        return (None, inner);
    }
    if inner.width >= SIDE_BY_SIDE_WIDTH {
        let [text, chart] =
            Layout::horizontal([Constraint::Fill(1), Constraint::Percentage(50)]).areas(inner);
        return (Some(chart), text);
    }
    let wanted = u16::try_from(bars).unwrap_or(u16::MAX).saturating_add(2);
    let rows = wanted.min(inner.height / 2);
    let (chart, text) = layout::split_rows(inner, rows);
    (Some(chart), text)
}
