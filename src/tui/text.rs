//! Text measured in terminal columns: truncate, pad and word-wrap (names such as `Zoë` or
//! `Siobhán` must line up like any other). Text is measured and cut by grapheme cluster, as
//! the screen draws it: an emoji sequence (`👩‍⚕️`, `👨‍👩‍👧`) or a letter with combining marks
//! is one picture, never cut in two, and takes the columns ratatui gives it.
//!
//! This is also where text from plan files is made inert before it reaches a cell: `truncate`,
//! `fit`, `one_line` and `wrap` show control characters as placeholders (`␛`, `␇`, `␍`, see
//! `crate::inert`), and `shown` does the same for a value drawn as it is.

use ratatui::buffer::CellWidth;
use unicode_segmentation::UnicodeSegmentation;

use crate::inert::{inert, inert_line};

/// Columns one grapheme cluster takes as ratatui's buffer draws it; a cluster holding a
/// control character is not drawn at all.
fn cluster_width(cluster: &str) -> usize {
    if cluster.contains(char::is_control) {
        0
    } else {
        usize::from(cluster.cell_width())
    }
}

/// Columns the text takes on screen.
pub fn width(text: &str) -> usize {
    if text.is_ascii() {
        return text.bytes().filter(|b| !b.is_ascii_control()).count();
    }
    text.graphemes(true).map(cluster_width).sum()
}

/// Plan text to draw on one line as it is, control characters shown as placeholders (a tab,
/// which a cell cannot hold, as a space).
pub fn shown(text: &str) -> String {
    inert_line(text).replace('\t', " ")
}

/// The text on one line in pieces of at most `columns` columns each, every character kept
/// (no word wrapping, no spaces folded): how a diff line too long for the screen is shown in
/// full. Always at least one piece.
pub fn chunks(text: &str, columns: usize) -> Vec<String> {
    let text = shown(text);
    let columns = columns.max(1);
    let mut pieces = vec![String::new()];
    let mut used = 0;
    for cluster in text.graphemes(true) {
        let w = cluster_width(cluster);
        if used + w > columns && used > 0 {
            pieces.push(String::new());
            used = 0;
        }
        if let Some(last) = pieces.last_mut() {
            last.push_str(cluster);
        }
        used += w;
    }
    pieces
}

/// The text on one line, cut to at most `max` columns, ending in `ellipsis` when cut.
pub fn truncate(text: &str, max: usize, ellipsis: &str) -> String {
    let text = shown(text);
    if width(&text) <= max {
        return text;
    }
    let room = max.saturating_sub(width(ellipsis));
    let mut out = String::new();
    let mut used = 0;
    for cluster in text.graphemes(true) {
        let w = cluster_width(cluster);
        if used + w > room {
            break;
        }
        out.push_str(cluster);
        used += w;
    }
    if max >= width(ellipsis) {
        out.push_str(ellipsis);
    }
    out
}

/// The text on one line: line breaks and runs of spaces become single spaces.
pub fn one_line(text: &str) -> String {
    inert(text).split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text cut or padded with spaces to exactly `columns`.
pub fn fit(text: &str, columns: usize, ellipsis: &str) -> String {
    let mut out = truncate(text, columns, ellipsis);
    let used = width(&out);
    out.extend(std::iter::repeat_n(' ', columns.saturating_sub(used)));
    out
}

/// Word-wrap to `columns`: line breaks in the text are kept, runs of spaces fold into one,
/// and a word longer than a line is split.
pub fn wrap(text: &str, columns: usize) -> Vec<String> {
    let columns = columns.max(1);
    let text = inert(text);
    let mut lines = Vec::new();
    for paragraph in text.trim_end().split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let mut word = word.to_owned();
            loop {
                let needed = if line.is_empty() {
                    width(&word)
                } else {
                    width(&line) + 1 + width(&word)
                };
                if needed <= columns {
                    if !line.is_empty() {
                        line.push(' ');
                    }
                    line.push_str(&word);
                    break;
                }
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                    continue;
                }
                let (head, tail) = split_at_width(&word, columns);
                lines.push(head);
                word = tail;
            }
        }
        lines.push(line);
    }
    lines
}

fn split_at_width(word: &str, columns: usize) -> (String, String) {
    let mut used = 0;
    for (index, cluster) in word.grapheme_indices(true) {
        let w = cluster_width(cluster);
        if used + w > columns && index > 0 {
            return (word[..index].to_owned(), word[index..].to_owned());
        }
        used += w;
    }
    (word.to_owned(), String::new())
}

/// `1,234`: counts in the header read at a glance.
pub fn thousands(count: usize) -> String {
    let digits = count.to_string();
    let mut out = String::new();
    for (index, c) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// `1 plan`, `2 plans`.
pub fn counted(count: usize, noun: &str) -> String {
    if count == 1 {
        format!("1 {noun}")
    } else {
        format!("{} {noun}s", thousands(count))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_pads_and_cuts_by_columns() {
        assert_eq!(fit("Zoë", 5, "…"), "Zoë  ");
        assert_eq!(fit("abcdef", 4, "…"), "abc…");
        assert_eq!(width(&fit("Siobhán Ní Bhriain", 10, "…")), 10);
    }

    #[test]
    fn one_line_folds_line_breaks() {
        assert_eq!(one_line("a\n  b\tc "), "a b c");
    }

    #[test]
    fn wrap_keeps_paragraphs_and_splits_long_words() {
        assert_eq!(
            wrap("one two three\nfour", 7),
            vec!["one two", "three", "four"]
        );
        assert_eq!(wrap("abcdefghij", 4), vec!["abcd", "efgh", "ij"]);
        assert_eq!(wrap("", 4), vec![""]);
    }

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(fit("a\x1b[2Jb", 8, "…"), "a\u{241b}[2Jb  ");
        assert_eq!(truncate("bell\x07 and more", 6, "…"), "bell\u{2407}…");
        assert_eq!(one_line("over\rwrite\n next"), "over\u{240d}write next");
        assert_eq!(
            wrap("\x1b]52;c;eA==\x07", 40),
            vec!["\u{241b}]52;c;eA==\u{2407}"]
        );
        assert_eq!(shown("two\nlines"), "two\u{2424}lines");
    }

    #[test]
    fn emoji_sequences_are_measured_and_cut_as_one_picture() {
        let nurse = "\u{1f469}\u{200d}\u{2695}\u{fe0f}";
        let family = "\u{1f468}\u{200d}\u{1f469}\u{200d}\u{1f467}";
        let heart = "\u{2764}\u{fe0f}";
        assert_eq!(width(nurse), 2);
        assert_eq!(width(family), 2);
        assert_eq!(width(heart), 2);
        // Never cut inside a sequence: the family stays whole or goes.
        assert_eq!(
            truncate(&format!("{family} family"), 3, "\u{2026}"),
            format!("{family}\u{2026}")
        );
        assert_eq!(
            truncate(&format!("{family}{family}"), 3, "."),
            format!("{family}.")
        );
        // A heart with its variation selector takes two columns, not one.
        let hearts = heart.repeat(4);
        assert_eq!(width(&fit(&hearts, 5, "\u{2026}")), 5);
        assert_eq!(width(&fit(&hearts, 6, "\u{2026}")), 6);
        assert_eq!(
            wrap(&format!("{family}{family}"), 2),
            vec![family.to_owned(), family.to_owned()]
        );
    }

    #[test]
    fn combining_marks_stay_on_their_letter() {
        assert_eq!(width("Jose\u{301}"), 4);
        assert_eq!(fit("Jose\u{301}", 5, "\u{2026}"), "Jose\u{301} ");
        assert_eq!(
            fit("Jose\u{301} Luis", 5, "\u{2026}"),
            "Jose\u{301}\u{2026}"
        );
        assert_eq!(
            wrap("e\u{301}e\u{301}e\u{301}", 2),
            vec!["e\u{301}e\u{301}", "e\u{301}"]
        );
    }

    #[test]
    fn counts_read_like_english() {
        assert_eq!(counted(1, "plan"), "1 plan");
        assert_eq!(counted(10000, "plan"), "10,000 plans");
        assert_eq!(thousands(999), "999");
    }
}
