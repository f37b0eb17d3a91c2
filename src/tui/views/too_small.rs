//! The one line shown instead of a screen when the terminal is too small to draw it
//! (wrapped when even that line does not fit).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::widgets::{Paragraph, Wrap};

use crate::tui::strings::too_small;

pub fn render(frame: &mut Frame, area: Rect) {
    let message = Paragraph::new(too_small(area.width, area.height)).wrap(Wrap { trim: true });
    frame.render_widget(message, area);
}
