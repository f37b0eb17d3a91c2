//! Trailing comments on the lines an edit changes (`next_due: 2027-05-27  # MISSED: to
//! rebook`): the edit keeps them, but they may no longer be true, so the preview names them
//! and the user may drop them. Text is never removed unless asked.

use similar::{ChangeTag, TextDiff};

/// A trailing comment kept on a line the edit changed: the line in the new text (from 1) and
/// the comment as written (from `#`).
pub type StaleComment = (usize, String);

/// Where a line's trailing comment starts (the byte of its `#`), if it has one after a value:
/// a `#` after a space or tab, outside quotes. A line that is only a comment has none.
pub fn trailing_comment_start(line: &str) -> Option<usize> {
    let body = line.trim_end_matches(['\r', '\n']);
    if body.trim_start().starts_with('#') {
        return None;
    }
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    let mut value_may_start = true;
    let mut chars = body.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        match quote {
            Some('\'') if c == '\'' => {
                // `''` is a quote inside single quotes.
                if chars.peek().is_some_and(|(_, next)| *next == '\'') {
                    chars.next();
                } else {
                    quote = None;
                }
            }
            Some('"') if c == '\\' => {
                chars.next();
            }
            Some('"') if c == '"' => quote = None,
            Some(_) => {}
            None if (c == '\'' || c == '"') && value_may_start => quote = Some(c),
            None if c == '#' && (previous == ' ' || previous == '\t') => return Some(at),
            None => {}
        }
        // A quoted scalar starts a value: after indentation, `- `, `: `, `, `, `[` or `{`.
        value_may_start = quote.is_none()
            && match c {
                ' ' | '\t' => value_may_start || matches!(previous, ':' | '-' | ','),
                '[' | '{' => true,
                _ => false,
            };
        previous = c;
    }
    None
}

/// The comment of a line from its `#`, without the line break.
fn comment_of(line: &str) -> Option<&str> {
    let start = trailing_comment_start(line)?;
    Some(line[start..].trim_end_matches(['\r', '\n']))
}

/// Trailing comments the edit kept on lines it changed: each line of the new text that
/// replaced a line of the old one carrying the same comment.
pub fn stale_comments(old: &str, new: &str) -> Vec<StaleComment> {
    let diff = TextDiff::from_lines(old, new);
    let mut found = Vec::new();
    for group in diff.grouped_ops(0) {
        for op in group {
            let changes: Vec<_> = diff.iter_changes(&op).collect();
            let removed: Vec<&str> = changes
                .iter()
                .filter(|change| change.tag() == ChangeTag::Delete)
                .map(|change| change.value())
                .collect();
            for change in changes.iter().filter(|c| c.tag() == ChangeTag::Insert) {
                let Some(comment) = comment_of(change.value()) else {
                    continue;
                };
                let was_there = removed.iter().any(|old| comment_of(old) == Some(comment));
                if let (true, Some(index)) = (was_there, change.new_index()) {
                    found.push((index + 1, comment.to_owned()));
                }
            }
        }
    }
    found
}

/// `text` without the trailing comments of the given lines (and the spaces before them);
/// line breaks and every other byte kept.
pub fn without_comments(text: &str, comments: &[StaleComment]) -> String {
    text.split_inclusive('\n')
        .enumerate()
        .map(|(index, line)| {
            let wanted = comments.iter().any(|(at, _)| *at == index + 1);
            match trailing_comment_start(line).filter(|_| wanted) {
                Some(start) => {
                    let ending = &line[line.trim_end_matches(['\r', '\n']).len()..];
                    format!("{}{ending}", line[..start].trim_end_matches([' ', '\t']))
                }
                None => line.to_owned(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trailing_comments_are_found_outside_quotes() {
        fn at(line: &str) -> Option<&str> {
            trailing_comment_start(line).map(|start| &line[start..])
        }
        assert_eq!(at("  next_due: 2027-05-27  # MISSED\n"), Some("# MISSED\n"));
        assert_eq!(at("  notes: \"a # b\"  # real\r\n"), Some("# real\r\n"));
        assert_eq!(at("  notes: 'it''s # not'"), None);
        assert_eq!(at("  notes: don't # yes"), Some("# yes"));
        assert_eq!(at("  notes: a#b"), None);
        assert_eq!(at("  # a whole-line comment"), None);
        assert_eq!(at("  - [a, 'b # c'] # d"), Some("# d"));
    }

    #[test]
    fn a_changed_line_that_kept_its_comment_is_named() {
        let old = "reviews:\n  next_due: 2027-05-27  # MISSED: to rebook\n  other: 1  # fine\n";
        let new = "reviews:\n  next_due: 2027-06-10  # MISSED: to rebook\n  other: 1  # fine\n";
        assert_eq!(
            stale_comments(old, new),
            vec![(2, "# MISSED: to rebook".to_owned())]
        );
        assert_eq!(
            without_comments(new, &stale_comments(old, new)),
            "reviews:\n  next_due: 2027-06-10\n  other: 1  # fine\n"
        );
        assert!(stale_comments(old, old).is_empty());
        let added = "reviews:\n  next_due: 2027-05-27  # MISSED: to rebook\n  other: 1  # fine\n  new: 2  # new\n";
        assert!(
            stale_comments(old, added).is_empty(),
            "a new line's comment is the user's"
        );
    }
}
