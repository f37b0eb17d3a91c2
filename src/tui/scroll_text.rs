//! Scrolled text: where it is (`TextScroll`, kept in the state and moved by keys) and the one
//! widget that draws it (`ScrollText`), used by the help, the diff, the findings, the history
//! and the plan's text tabs. The widget builds nothing twice: it draws the lines it is given
//! from the kept position, clamped to their length, and tells the position how far the text
//! could scroll at that size (as ratatui's `ListState` learns its offset when drawn), so the
//! next key stops at the end without asking any view.

use std::cell::Cell;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Paragraph, Widget};

use crate::tui::action::Action;

/// How far a text is scrolled, and how far it could be when last drawn.
#[derive(Debug, Clone, Default)]
pub struct TextScroll {
    /// The first line shown (may exceed `limit` after a resize until the next key; drawing
    /// clamps it).
    offset: usize,
    /// Lines the text had past its page when last drawn: the largest useful offset.
    limit: Cell<usize>,
}

/// Two positions are the same when they show the same first line.
impl PartialEq for TextScroll {
    fn eq(&self, other: &Self) -> bool {
        self.offset == other.offset
    }
}

impl Eq for TextScroll {}

impl TextScroll {
    /// At the top of a text not drawn yet.
    pub fn top() -> TextScroll {
        TextScroll::default()
    }

    /// The first line shown.
    pub fn offset(&self) -> usize {
        self.offset.min(self.limit.get())
    }

    /// How far the text could scroll when last drawn.
    pub fn limit(&self) -> usize {
        self.limit.get()
    }

    /// Move for a movement key by a line, a `page` or to an end; other actions leave it.
    /// Never past the end the last draw found.
    pub fn apply(&mut self, action: &Action, page: usize) {
        let page = page.max(1);
        let limit = self.limit.get();
        let offset = self.offset.min(limit);
        let moved = match action {
            Action::MoveUp => offset.saturating_sub(1),
            Action::MoveDown => offset.saturating_add(1),
            Action::PageUp => offset.saturating_sub(page),
            Action::PageDown => offset.saturating_add(page),
            Action::MoveTop => 0,
            Action::MoveBottom => limit,
            _ => offset,
        };
        self.offset = moved.min(limit);
    }

    /// Record how far a text of `lines` can scroll in `rows`, and return it.
    fn learn(&self, lines: usize, rows: u16) -> usize {
        let limit = lines.saturating_sub(usize::from(rows));
        self.limit.set(limit);
        limit
    }
}

/// Lines drawn from a `TextScroll`'s position: as many as fit, never past the last line.
pub struct ScrollText<'a> {
    lines: Vec<Line<'a>>,
    scroll: &'a TextScroll,
}

impl<'a> ScrollText<'a> {
    pub fn new(lines: Vec<Line<'a>>, scroll: &'a TextScroll) -> ScrollText<'a> {
        ScrollText { lines, scroll }
    }

    /// Whether lines are left below the page when drawn `rows` tall.
    pub fn more_below(&self, rows: u16) -> bool {
        let limit = self.lines.len().saturating_sub(usize::from(rows));
        self.scroll.offset < limit
    }
}

impl Widget for ScrollText<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let limit = self.scroll.learn(self.lines.len(), area.height);
        let visible: Vec<Line> = self
            .lines
            .into_iter()
            .skip(self.scroll.offset.min(limit))
            .take(usize::from(area.height))
            .collect();
        Paragraph::new(visible).render(area, buf);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbered(count: usize) -> Vec<Line<'static>> {
        (0..count).map(|n| Line::raw(format!("line {n}"))).collect()
    }

    /// Draw `count` lines `rows` tall and return the rows as text.
    fn draw(count: usize, rows: u16, scroll: &TextScroll) -> Vec<String> {
        let area = Rect::new(0, 0, 10, rows);
        let mut buf = Buffer::empty(area);
        ScrollText::new(numbered(count), scroll).render(area, &mut buf);
        (0..rows)
            .map(|y| {
                (0..10)
                    .map(|x| buf[(x, y)].symbol().to_owned())
                    .collect::<String>()
                    .trim_end()
                    .to_owned()
            })
            .collect()
    }

    #[test]
    fn keys_stop_at_the_end_the_last_draw_found() {
        let mut scroll = TextScroll::top();
        draw(10, 4, &scroll);
        assert_eq!(scroll.limit(), 6);
        scroll.apply(&Action::MoveBottom, 3);
        assert_eq!(scroll.offset(), 6);
        scroll.apply(&Action::MoveDown, 3);
        scroll.apply(&Action::PageDown, 3);
        assert_eq!(scroll.offset(), 6);
        scroll.apply(&Action::MoveUp, 3);
        assert_eq!(scroll.offset(), 5);
        scroll.apply(&Action::PageUp, 3);
        assert_eq!(scroll.offset(), 2);
        scroll.apply(&Action::PageUp, 3);
        assert_eq!(scroll.offset(), 0);
        scroll.apply(&Action::PageDown, 0);
        assert_eq!(scroll.offset(), 1, "a page is at least a line");
    }

    #[test]
    fn a_text_shorter_than_its_page_does_not_scroll() {
        let mut scroll = TextScroll::top();
        assert_eq!(draw(3, 5, &scroll), ["line 0", "line 1", "line 2", "", ""]);
        scroll.apply(&Action::MoveBottom, 5);
        scroll.apply(&Action::MoveDown, 5);
        assert_eq!(scroll.offset(), 0);
    }

    #[test]
    fn a_taller_page_shows_the_end_and_the_next_key_moves_from_what_is_shown() {
        let mut scroll = TextScroll::top();
        draw(10, 2, &scroll);
        scroll.apply(&Action::MoveBottom, 1);
        assert_eq!(scroll.offset(), 8);
        // The terminal grows: the end is shown, not a page of blank rows.
        assert_eq!(
            draw(10, 5, &scroll),
            ["line 5", "line 6", "line 7", "line 8", "line 9"]
        );
        assert_eq!(scroll.offset(), 5);
        scroll.apply(&Action::MoveUp, 1);
        assert_eq!(scroll.offset(), 4);
    }

    #[test]
    fn more_below_says_whether_the_last_line_is_shown() {
        let scroll = TextScroll::top();
        assert!(ScrollText::new(numbered(5), &scroll).more_below(4));
        assert!(!ScrollText::new(numbered(4), &scroll).more_below(4));
    }
}
