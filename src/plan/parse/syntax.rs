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
    let location = error
        .location()
        .map(|at| Location {
            line: at.line(),
            column: at.column(),
        })
        .unwrap_or(Location::START);
    let message = match message.as_str() {
        "repetition limit exceeded" => "aliases (`*name`) here expand to far more than a plan \
             holds (an alias bomb?); write the values out instead"
            .to_owned(),
        "recursion limit exceeded" => format!(
            "lists and mappings are nested too deep here (more than {MAX_NESTING}); \
             a plan needs four"
        ),
        _ => format!("not valid YAML: {message}"),
    };
    Unreadable { location, message }
}

/// libyaml messages end in "at line L column C"; the finding already says where.
fn strip_location(message: &str) -> String {
    match message.find(" at line ") {
        Some(cut) => message[..cut].to_owned(),
        None => message.to_owned(),
    }
}
