//! A message over the bottom of the screen until the next key: a broken theme, a bad config
//! key. The same messages go to standard error before the screen opens.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use crate::tui::app::App;

use crate::tui::layers::plan::tabs_view::hanging;

pub fn render(app: &App, message: &str, frame: &mut Frame, area: Rect) {
    let theme = &app.ui.theme;
    let columns = usize::from(area.width.saturating_sub(4));
    let lines = hanging(Vec::new(), &app.shown(message), columns, Style::new());
    let height = (lines.len() as u16 + 2).min(area.height * 2 / 3).max(3);
    let outer = Rect {
        y: area.bottom().saturating_sub(height),
        height: height.min(area.height),
        ..area
    };
    let block = Block::bordered()
        .border_set(theme.focused_border)
        .padding(Padding::horizontal(1))
        .title(Span::styled(" Notice (any key closes) ", theme.warning));
    frame.render_widget(Clear, outer);
    frame.render_widget(Paragraph::new(lines).block(block), outer);
}
