//! The diff shown before anything is written: what the changes are in words, what they
//! would break, then the unified diff, coloured (and marked `+`/`-`, so colour is never the
//! only sign), scrollable. `y` writes, `n` or Esc goes back with the changes kept.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding};

use crate::tui::app::App;
use crate::tui::overlays::DiffView;
use crate::tui::scroll_text::ScrollText;
use crate::tui::text::truncate;
use crate::tui::theme::Theme;

use super::plan_tabs::hanging;
use super::prompt::issue_lines;

/// One diff line in its colour: additions as the social (green) style, removals as errors,
/// hunk headers as the health (cyan) style, file headers bold.
pub fn diff_line(theme: &Theme, line: &str, columns: usize) -> Line<'static> {
    let style = if line.starts_with("+++")
        || line.starts_with("---")
        || line.starts_with("diff ")
        || line.starts_with("new file")
    {
        theme.heading
    } else if line.starts_with('+') {
        theme.social
    } else if line.starts_with('-') {
        theme.error
    } else if line.starts_with("@@") {
        theme.health
    } else {
        Style::new()
    };
    Line::styled(truncate(line, columns, theme.symbols.ellipsis), style)
}

fn lines(app: &App, view: &DiffView, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    for note in &view.notes {
        lines.extend(hanging(vec![], note, columns, theme.warning));
    }
    lines.push(Line::styled("Changes:", theme.heading));
    for change in &view.changes {
        lines.extend(hanging(
            vec![Span::raw(format!("  {} ", theme.symbols.bullet))],
            change,
            columns,
            Style::new(),
        ));
    }
    lines.extend(issue_lines(
        theme,
        &view.blocked,
        &[],
        view.error.as_deref(),
        columns,
    ));
    lines.push(Line::default());
    lines.extend(
        view.diff
            .lines()
            .map(|line| diff_line(theme, line, columns)),
    );
    lines
}

fn block(app: &App, view: &DiffView) -> Block<'static> {
    Block::bordered()
        .border_set(app.theme.focused_border)
        .padding(Padding::horizontal(1))
        .title(Span::styled(format!(" {} ", view.title), app.theme.heading))
        .title_bottom(Line::from(
            " y write   n/Esc back (changes kept)   j/k scroll ",
        ))
}

pub fn render(app: &App, view: &DiffView, frame: &mut Frame, area: Rect) {
    let block = block(app, view);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let lines = lines(app, view, usize::from(inner.width));
    frame.render_widget(ScrollText::new(lines, &view.scroll), inner);
}
