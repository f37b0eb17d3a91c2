//! Why a plan's text is not readable YAML, and where, in words a reader can act on.

use super::Unreadable;
use crate::plan::finding::Location;
use crate::plan::spans::{MAX_NESTING, SpanIndex};

/// Text nested deeper than any plan is refused before it is parsed (see `spans`).
pub(super) fn too_deep(location: Location) -> Unreadable {
    Unreadable {
        location,
        message: format!(
            "lists and mappings are nested more than {MAX_NESTING} deep here; a plan needs four \
             (`needs`, a need, its `funding`), so this file is not read"
        ),
    }
}

/// Why the text is not YAML, and where. libyaml reports a duplicate key at its mapping;
/// the span index knows the second key itself, which is where the reader must look.
pub(super) fn syntax_error(text: &str, error: &serde_yaml::Error) -> Unreadable {
    let message = strip_location(&error.to_string());
    if message.contains("duplicate entry") {
        let spans = SpanIndex::build(text);
        if let Some((path, location)) = spans.duplicate_keys.first() {
            let key = path.last_key().unwrap_or("key");
            let place = path
                .parent()
                .filter(|parent| !parent.is_root())
                .map_or("the plan".to_owned(), |parent| parent.to_string());
            return Unreadable {
                location: *location,
                message: format!(
                    "`{key}` is given twice in {place}; keep one (which one wins must not be left to chance)"
                ),
            };
        }
    }
    let (message, offset) = split_position(&message);
    // A reader error has only its byte offset: its line and column are worked out here.
    let location = offset
        .map(|offset| location_of(text, offset))
        .or_else(|| {
            error.location().map(|at| Location {
                line: at.line(),
                column: at.column(),
            })
        })
        .unwrap_or(Location::START);
    if indented_with_tab(text, location) {
        return Unreadable {
            location,
            message: "a tab in the indentation: YAML indents with spaces only; \
                      replace the tab with spaces"
                .into(),
        };
    }
    let message = match message.as_str() {
        "control characters are not allowed" => "a control character (such as NUL or ESC) \
             here; YAML text cannot hold one: remove it"
            .to_owned(),
        m if m.contains("more than one document") => "the file holds more than one YAML \
             document (split by a `---` line); keep one plan per file"
            .to_owned(),
        "repetition limit exceeded" => {
            "aliases (`*name`) in this file expand to far more than a plan \
             holds (an alias bomb?); write the values out instead"
                .to_owned()
        }
        "recursion limit exceeded" => format!(
            "lists and mappings are nested too deep here (more than {MAX_NESTING}); \
             a plan needs four"
        ),
        _ => format!("not valid YAML: {message}"),
    };
    Unreadable { location, message }
}

/// libyaml's reader errors end in "at position N" (a byte offset) instead of a line.
fn split_position(message: &str) -> (String, Option<usize>) {
    if let Some((head, tail)) = message.rsplit_once(" at position ")
        && let Ok(offset) = tail.trim().parse()
    {
        return (head.to_owned(), Some(offset));
    }
    (message.to_owned(), None)
}

/// The line and column (in characters) of a byte offset.
fn location_of(text: &str, offset: usize) -> Location {
    let mut end = offset.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let before = &text[..end];
    let line_start = before.rfind('\n').map_or(0, |at| at + 1);
    Location {
        line: before.matches('\n').count() + 1,
        column: before[line_start..].chars().count() + 1,
    }
}

/// Whether the line of `location` starts with whitespace holding a tab, up to that column.
fn indented_with_tab(text: &str, location: Location) -> bool {
    let Some(line) = text.lines().nth(location.line.saturating_sub(1)) else {
        return false;
    };
    let lead: String = line
        .chars()
        .take_while(|c| *c == ' ' || *c == '\t')
        .collect();
    lead.contains('\t') && lead.chars().count() + 1 >= location.column
}

/// libyaml messages end in "at line L column C"; the finding already says where.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}
