//! The one line shown instead of a screen when the terminal is too small to draw it.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;

use crate::tui::strings::too_small;

pub fn render(frame: &mut Frame, area: Rect) {
    frame.render_widget(Line::raw(too_small(area.width, area.height)), area);
}
