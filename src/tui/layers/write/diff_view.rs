//! The diff shown before anything is written: what the changes are in words, what they
//! would break, then the unified diff, coloured (and marked `+`/`-`, so colour is never the
//! only sign), scrollable. `y` writes, `n` or Esc goes back with the changes kept.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Widget};

use crate::store::pending::STALE_COMMENT_NOTE;
use crate::tui::overlays::{DiffView, WriteTarget};
use crate::tui::scroll_text::ScrollText;
use crate::tui::text::{chunks, truncate, width};
use crate::tui::theme::Theme;

use crate::tui::layers::plan::tabs_view::hanging;
use crate::tui::layers::prompt::view::issue_lines;

/// One diff line in its colour: additions as the social (green) style, removals as errors,
/// hunk headers as the health (cyan) style, file headers bold.
pub fn diff_line(theme: &Theme, line: &str, columns: usize) -> Line<'static> {
    Line::styled(
        truncate(line, columns, theme.symbols.ellipsis),
        diff_style(theme, line),
    )
}

/// One diff line in full, on as many rows as it needs: before a write every byte to be
/// written can be read. A row that carries on the line above starts with the line's mark
/// (`+`, `-` or a space) and the ellipsis, so it never reads as a line of its own.
pub fn diff_line_wrapped(theme: &Theme, line: &str, columns: usize) -> Vec<Line<'static>> {
    let style = diff_style(theme, line);
    let mark: String = line
        .chars()
        .take(1)
        .filter(|c| matches!(c, '+' | '-' | ' '))
        .collect();
    let carry = format!(
        "{}{}",
        if mark.is_empty() { " " } else { &mark },
        theme.symbols.ellipsis
    );
    let mut rows = Vec::new();
    let mut rest = chunks(line, columns);
    let first = rest.remove(0);
    rows.push(Line::styled(first, style));
    let rest_text: String = rest.concat();
    if !rest_text.is_empty() {
        let room = columns.saturating_sub(width(&carry)).max(1);
        for piece in chunks(&rest_text, room) {
            rows.push(Line::styled(format!("{carry}{piece}"), style));
        }
    }
    rows
}

fn diff_style(theme: &Theme, line: &str) -> Style {
    if line.starts_with("+++")
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
    }
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
        if let WriteTarget::Plan(preview) = &view.target {
            for (line, comment) in &preview.stale_comments {
                lines.extend(hanging(
                    vec![Span::styled("! ", theme.warning)],
                    &format!(
                        "line {line}: {STALE_COMMENT_NOTE}: {comment} (kept: y writes it as it is, x removes it)"
                    ),
                    columns,
                    theme.warning,
                ));
            }
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
                .flat_map(|line| diff_line_wrapped(theme, line, columns)),
        );
        lines
    }

    fn has_stale_comments(&self) -> bool {
        matches!(&self.view.target, WriteTarget::Plan(preview) if !preview.stale_comments.is_empty())
    }

    fn block(&self) -> Block<'static> {
        Block::bordered()
            .border_set(self.theme.focused_border)
            .padding(Padding::horizontal(1))
            .title(Span::styled(
                format!(" {} ", self.view.title),
                self.theme.heading,
            ))
            .title_bottom(Line::from(if self.has_stale_comments() {
                " y write   x remove comment   n/Esc back (changes kept)   j/k scroll "
            } else {
                " y write   n/Esc back (changes kept)   j/k scroll "
            }))
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

#[cfg(test)]
mod tests {
    use super::*;

    fn text_of(line: &Line) -> String {
        line.spans
            .iter()
            .map(|span| span.content.as_ref())
            .collect()
    }

    #[test]
    fn a_long_diff_line_is_shown_in_full_on_rows_that_say_they_carry_on() {
        let theme = Theme::ansi16();
        let line = format!(
            "+  views: {} the end",
            "Finds the groups helpful. ".repeat(6)
        );
        let rows = diff_line_wrapped(&theme, &line, 40);
        assert!(rows.len() > 1);
        for row in &rows {
            assert!(width(&text_of(row)) <= 40, "{:?}", text_of(row));
        }
        for row in &rows[1..] {
            assert!(text_of(row).starts_with("+…"), "{:?}", text_of(row));
        }
        let joined: String = rows
            .iter()
            .enumerate()
            .map(|(index, row)| {
                let text = text_of(row);
                if index == 0 {
                    text
                } else {
                    text["+…".len()..].to_owned()
                }
            })
            .collect();
        assert_eq!(joined, line, "every character is shown, in order");
        assert_eq!(diff_line_wrapped(&theme, "+short", 40).len(), 1);
    }
}
