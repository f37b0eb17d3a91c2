//! The question asked before meeting mode is turned off: names, NHS numbers and dates of
//! birth would show on the projector again.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use crate::tui::app::App;

use crate::tui::layers::write::dialog_view::draw;

const QUESTION: &str = "Names, NHS numbers and dates of birth will show on screen again. \
                        Is the projector off, or the screen no longer shared?";

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let keys = [
        ("y", "leave meeting mode".to_owned()),
        ("n", "stay in it (also Esc)".to_owned()),
    ];
    let title = Span::styled(" Leave meeting mode? ", app.ui.theme.warning);
    draw(app, title, &[QUESTION.to_owned()], &keys, frame, area);
}
