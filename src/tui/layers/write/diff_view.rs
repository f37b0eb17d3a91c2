//! The diff shown before anything is written: what the changes are in words, what they
//! would break, then the unified diff, coloured (and marked `+`/`-`, so colour is never the
//! only sign), scrollable. `y` writes, `n` or Esc goes back with the changes kept.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Widget};

use crate::tui::overlays::DiffView;
use crate::tui::scroll_text::ScrollText;
use crate::tui::text::truncate;
use crate::tui::theme::Theme;

use crate::tui::layers::plan::tabs_view::hanging;
use crate::tui::layers::prompt::view::issue_lines;

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

/// The diff overlay as a widget: it borrows the theme and the view, nothing else.
pub struct DiffPage<'a> {
    theme: &'a Theme,
    view: &'a DiffView,
}

impl<'a> DiffPage<'a> {
    pub fn new(theme: &'a Theme, view: &'a DiffView) -> DiffPage<'a> {
        DiffPage { theme, view }
    }

    fn lines(&self, columns: usize) -> Vec<Line<'static>> {
        let (theme, view) = (self.theme, self.view);
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

    fn block(&self) -> Block<'static> {
        Block::bordered()
            .border_set(self.theme.focused_border)
            .padding(Padding::horizontal(1))
            .title(Span::styled(
                format!(" {} ", self.view.title),
                self.theme.heading,
            ))
            .title_bottom(Line::from(
                " y write   n/Esc back (changes kept)   j/k scroll ",
            ))
    }
}

impl Widget for DiffPage<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let block = self.block();
        let inner = block.inner(area);
        Clear.render(area, buf);
        block.render(area, buf);
        let lines = self.lines(usize::from(inner.width));
        ScrollText::new(lines, &self.view.scroll).render(inner, buf);
    }
}
