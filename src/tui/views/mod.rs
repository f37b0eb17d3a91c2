//! Drawing: one module per screen or overlay. Views read the App and draw; they never change
//! state (a scrolled text records only how long it is, in its `TextScroll`, as ratatui's
//! `ListState` does) and never touch the file system. Sizes come from `tui::layout`, which
//! `update` asks too; nothing outside this folder but `tui::draw` names a view.
//!
//! Meeting mode: text from a plan, a finding, a file name or an error goes through
//! `app.shown(text)` (or `app.masker()`) before it is laid out, and `render` ends every
//! frame with `display::finish_frame`, which masks whatever is left, folds to ASCII and
//! applies the theme's base colours. See `tui::redact`.

pub mod hint_bar;

pub mod notice;
pub mod too_small;

use ratatui::Frame;
use ratatui::layout::Rect;

use crate::tui::app::{App, Overlay, Screen};
use crate::tui::display;
use crate::tui::layers::{
    dashboard, export, findings, help, history, meeting, plan, prompt, register, review, write,
};
use crate::tui::layout;
use crate::tui::strings::{MIN_HEIGHT, MIN_WIDTH};

/// Draw the whole frame.
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        too_small::render(frame, area);
    } else {
        render_screen(app, frame, area);
    }
    display::finish_frame(app, frame.buffer_mut());
}

fn render_screen(app: &App, frame: &mut Frame, area: Rect) {
    let (body, hints) = layout::frame(area);
    match &app.nav.screen {
        Screen::Dashboard => dashboard::view::render(app, frame, body),
        Screen::Plan(screen) => plan::view::render(app, screen, frame, body),
        Screen::Findings { file, scroll } => {
            findings::view::render(app, *file, scroll, frame, body)
        }
        Screen::Register { scroll, summary } => {
            register::view::render(app, scroll, summary, frame, body)
        }
    }
    for overlay in &app.nav.overlays {
        match overlay {
            Overlay::Help { layer, scroll } => frame.render_widget(
                help::view::HelpPage::new(&app.ui.theme, &app.ui.keys, *layer, scroll),
                body,
            ),
            Overlay::Prompt(prompt) => prompt::view::render(app, prompt, frame, body),
            Overlay::Review(review) => review::view::render(app, review, frame, body),
            Overlay::Diff(view) => {
                frame.render_widget(write::diff_view::DiffPage::new(&app.ui.theme, view), body)
            }
            Overlay::Guard(guard) => write::dialog_view::render_guard(app, guard, frame, body),
            Overlay::Confirm(confirm) => {
                write::dialog_view::render_confirm(app, *confirm, frame, body)
            }
            Overlay::Reload(offer) => write::dialog_view::render_reload(app, offer, frame, body),
            Overlay::LeaveMeeting => meeting::view::render(app, frame, body),
            Overlay::History(view) => history::view::render(app, view, frame, body),
            Overlay::Commit(offer) => write::dialog_view::render_commit(app, offer, frame, body),
            Overlay::Export(dialog) => export::view::render(app, dialog, frame, body),
        }
    }
    if let Some(message) = &app.ui.notice {
        notice::render(app, message, frame, body);
    }
    hint_bar::render(app, frame, hints);
}

/// Draw one frame into memory and return it as text, one quoted line per row (tests,
/// benchmarks): what a terminal of that size would show.
pub fn draw_to_text(app: &App, width: u16, height: u16) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, height))
        .expect("the in-memory backend cannot fail");
    terminal
        .draw(|frame| render(app, frame))
        .expect("the in-memory backend cannot fail");
    terminal.backend().to_string()
}
