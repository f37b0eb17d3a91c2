//! The question asked before meeting mode is turned off: names, NHS numbers and dates of
//! birth would show on the projector again.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use crate::tui::app::App;

use super::plan_tabs::hanging;

const QUESTION: &str = "Names, NHS numbers and dates of birth will show on screen again. \
                        Is the projector off, or the screen no longer shared?";

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let width = area.width.saturating_sub(4).min(64);
    let inner_width = usize::from(width.saturating_sub(4));
    let mut lines = hanging(Vec::new(), QUESTION, inner_width, Style::new());
    lines.push(Line::default());
    lines.push(Line::from(vec![
        Span::styled("y", theme.heading),
        Span::raw(" leave meeting mode    "),
        Span::styled("n", theme.heading),
        Span::raw(" or "),
        Span::styled("Esc", theme.heading),
        Span::raw(" stay in it"),
    ]));
    let height = (lines.len() as u16 + 2).min(area.height);
    let outer = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let block = Block::bordered()
        .border_set(theme.focused_border)
        .padding(Padding::horizontal(1))
        .title(Span::styled(" Leave meeting mode? ", theme.warning));
    frame.render_widget(Clear, outer);
    frame.render_widget(Paragraph::new(lines).block(block), outer);
}
