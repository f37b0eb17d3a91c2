//! Plain text tables for a terminal (`due`, `summary`): every row fits the width (the
//! terminal's, 80 when the output is not a terminal, or `--width`), the widest text columns
//! cut first with `…`; a row never wraps.

use std::io::IsTerminal;

/// The width when the output is not a terminal (a pipe, a file) and none is given.
pub const DEFAULT_WIDTH: usize = 80;
/// Narrower than this is taken as this: a table needs some room.
pub const MIN_WIDTH: usize = 20;
/// A text column is not cut narrower than this while another column can give room.
const MIN_CUT: usize = 8;
/// Between columns.
const GAP: &str = "  ";

/// The width to fit: `given` (`--width`), else the terminal's when standard output is one,
/// else [`DEFAULT_WIDTH`].
pub fn output_width(given: Option<usize>) -> usize {
    let width = given.unwrap_or_else(|| {
        let terminal = std::io::stdout()
            .is_terminal()
            .then(crossterm::terminal::size);
        match terminal {
            Some(Ok((columns, _))) if columns > 0 => usize::from(columns),
            _ => DEFAULT_WIDTH,
        }
    });
    width.max(MIN_WIDTH)
}

/// How a column's cells line up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Right,
}

/// A column: its header, alignment, and whether it is text that may be cut to fit.
#[derive(Debug, Clone)]
pub struct Column {
    pub header: String,
    pub align: Align,
    pub cut: bool,
}

impl Column {
    pub fn text(header: &str) -> Column {
        Column {
            header: header.to_owned(),
            align: Align::Left,
            cut: true,
        }
    }

    pub fn fixed(header: &str, align: Align) -> Column {
        Column {
            header: header.to_owned(),
            align,
            cut: false,
        }
    }
}

fn chars(text: &str) -> usize {
    text.chars().count()
}

/// `text` in at most `width` characters: cut with `…` when longer.
pub fn cut(text: &str, width: usize) -> String {
    if chars(text) <= width {
        return text.to_owned();
    }
    if width == 0 {
        return String::new();
    }
    let mut short: String = text.chars().take(width - 1).collect();
    short.push('…');
    short
}

/// The column widths that fit `width`: each column as wide as its widest cell, then the
/// widest text column narrowed, one character at a time, until the row fits (or every text
/// column is down to its floor).
fn fitted_widths(columns: &[Column], rows: &[Vec<String>], width: usize) -> Vec<usize> {
    let mut widths: Vec<usize> = columns.iter().map(|c| chars(&c.header)).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(chars(cell));
        }
    }
    let gaps = GAP.len() * columns.len().saturating_sub(1);
    while widths.iter().sum::<usize>() + gaps > width {
        let widest = (0..columns.len())
            .filter(|&i| columns[i].cut && widths[i] > MIN_CUT)
            .max_by_key(|&i| (widths[i], std::cmp::Reverse(i)));
        match widest {
            Some(i) => widths[i] -= 1,
            None => break,
        }
    }
    widths
}

/// The table's lines (header first), each at most `width` characters.
pub fn render(columns: &[Column], rows: &[Vec<String>], width: usize) -> Vec<String> {
    let widths = fitted_widths(columns, rows, width);
    let line = |cells: &mut dyn Iterator<Item = &str>| -> String {
        let padded: Vec<String> = cells
            .zip(columns.iter().zip(&widths))
            .map(|(cell, (column, &w))| {
                let cell = cut(cell, w);
                match column.align {
                    Align::Left => format!("{cell:<w$}"),
                    Align::Right => format!("{cell:>w$}"),
                }
            })
            .collect();
        // Whatever is left over (fixed columns alone too wide) is cut, never wrapped.
        cut(padded.join(GAP).trim_end(), width)
    };
    let mut lines = vec![line(&mut columns.iter().map(|c| c.header.as_str()))];
    for row in rows {
        lines.push(line(&mut row.iter().map(String::as_str)));
    }
    lines
}

/// Words of `text` (a paragraph) on lines of at most `width` characters.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && chars(&line) + 1 + chars(word) > width {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(cells: &[&[&str]]) -> Vec<Vec<String>> {
        cells
            .iter()
            .map(|row| row.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn the_widest_text_column_is_cut_first_and_no_line_passes_the_width() {
        let columns = [
            Column::fixed("Due", Align::Left),
            Column::text("Review"),
            Column::text("Coordinator"),
        ];
        let rows = rows(&[&[
            "10 Dec 2026",
            "plan review",
            "R. Mensah, Camden CMHT North, a long team name",
        ]]);
        let lines = render(&columns, &rows, 40);
        assert!(lines.iter().all(|l| l.chars().count() <= 40), "{lines:#?}");
        assert_eq!(lines[1], "10 Dec 2026  plan review  R. Mensah, Ca…");
        let wide = render(&columns, &rows, 200);
        assert!(
            wide[1].ends_with("a long team name"),
            "nothing cut: {wide:#?}"
        );
    }

    #[test]
    fn fixed_columns_too_wide_for_the_width_are_cut_as_a_line() {
        let columns = [Column::fixed("Amount", Align::Right)];
        let lines = render(&columns, &rows(&[&["£1,234,567,890.00 and more text"]]), 20);
        assert_eq!(lines[1].chars().count(), 20);
        assert!(lines[1].ends_with('…'));
    }

    #[test]
    fn paragraphs_wrap_at_words() {
        assert_eq!(wrap("one two three four", 9), ["one two", "three", "four"]);
    }
}
