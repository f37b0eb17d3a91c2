//! Format-preserving edits on a plan's YAML text: set a value, add a key, append or remove a
//! list item, each verified against the loader before anyone writes it.
//!
//! yaml-edit's lossless tree says where things are; the edit is a splice of the original text at
//! those positions, so every byte outside it (comments, blank lines, quoting, indentation, line
//! endings, a missing final newline) stays as it was. New text copies the style around it: the
//! old scalar's quoting or block style, the siblings' indentation, `-` offset, flow or block
//! collections and blank lines between items.

mod cst;
mod locate;
mod ops;
mod render;
mod verify;

use std::fmt;
use std::str::FromStr;

use serde_yaml::Value;

/// The edited text must parse to the original with exactly the edits applied (a byte-order
/// mark on either is skipped, as the loader skips it).
pub fn verify(original: &str, edited: &str, edits: &[Edit]) -> Result<(), EditError> {
    verify::verify(split_bom(original).1, split_bom(edited).1, edits)
}

/// A place in a plan: dotted keys, list items named by their `id` (or their position).
/// `reviews.next_due`, `needs.N2.review_by`, `responsible.dispute`, `reviews.history.0`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct EditPath {
    segments: Vec<String>,
}

impl EditPath {
    pub fn parse(text: &str) -> Result<Self, EditError> {
        let segments: Vec<String> = text.split('.').map(str::to_string).collect();
        if text.is_empty() || segments.iter().any(|s| s.is_empty() || s.trim() != s) {
            return Err(EditError::BadPath(text.to_string()));
        }
        Ok(EditPath { segments })
    }

    pub fn segments(&self) -> &[String] {
        &self.segments
    }

    /// The value at this path in the loader's view of a plan: mapping keys by name, list
    /// items by their `id` (as the editor addresses needs), else by position.
    pub fn value_in<'v>(&self, value: &'v Value) -> Option<&'v Value> {
        self.segments().iter().try_fold(value, |v, seg| match v {
            Value::Mapping(m) => m.get(seg.as_str()),
            Value::Sequence(items) => items
                .iter()
                .find(|i| i.get("id").and_then(Value::as_str) == Some(seg.as_str()))
                .or_else(|| seg.parse::<usize>().ok().and_then(|i| items.get(i))),
            _ => None,
        })
    }

    pub fn len(&self) -> usize {
        self.segments.len()
    }

    pub fn is_empty(&self) -> bool {
        self.segments.is_empty()
    }

    /// The first `depth` segments, dotted (`""` for none).
    pub fn prefix(&self, depth: usize) -> String {
        self.segments[..depth].join(".")
    }

    /// This path with one more segment.
    pub fn child(&self, segment: &str) -> EditPath {
        let mut segments = self.segments.clone();
        segments.push(segment.to_string());
        EditPath { segments }
    }
}

impl FromStr for EditPath {
    type Err = EditError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        EditPath::parse(s)
    }
}

impl fmt::Display for EditPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.segments.join("."))
    }
}

/// One change to a plan. Values are what the loader should read back: a date is the string
/// `"2026-12-01"` (written plain, as the format does), a section the string `"3"` (quoted).
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Set the value at `path`; a missing key is added at the end of its mapping (and missing or
    /// null mappings above it are created).
    Set { path: EditPath, value: Value },
    /// Append an item to the list at `path` (created when missing or null).
    Append { path: EditPath, value: Value },
    /// Put an item first in the list at `path` (created when missing or null): a list kept
    /// newest first, such as `history`.
    Prepend { path: EditPath, value: Value },
    /// Remove the list item or mapping key at `path`.
    Remove { path: EditPath },
}

impl Edit {
    pub fn set(path: &str, value: impl Into<Value>) -> Result<Edit, EditError> {
        Ok(Edit::Set {
            path: path.parse()?,
            value: value.into(),
        })
    }

    pub fn append(path: &str, value: impl Into<Value>) -> Result<Edit, EditError> {
        Ok(Edit::Append {
            path: path.parse()?,
            value: value.into(),
        })
    }

    pub fn prepend(path: &str, value: impl Into<Value>) -> Result<Edit, EditError> {
        Ok(Edit::Prepend {
            path: path.parse()?,
            value: value.into(),
        })
    }

    pub fn remove(path: &str) -> Result<Edit, EditError> {
        Ok(Edit::Remove {
            path: path.parse()?,
        })
    }

    pub fn path(&self) -> &EditPath {
        match self {
            Edit::Set { path, .. }
            | Edit::Append { path, .. }
            | Edit::Prepend { path, .. }
            | Edit::Remove { path } => path,
        }
    }
}

/// The lead's domain changes (`plan::change::FieldEdit`) as edits.
impl TryFrom<&crate::plan::change::FieldEdit> for Edit {
    type Error = EditError;

    fn try_from(edit: &crate::plan::change::FieldEdit) -> Result<Edit, EditError> {
        use crate::plan::change::FieldEdit;
        Ok(match edit {
            FieldEdit::Set { path, value } => Edit::Set {
                path: path.parse()?,
                value: value.clone(),
            },
            FieldEdit::Append { path, item } => Edit::Append {
                path: path.parse()?,
                value: item.clone(),
            },
            FieldEdit::Prepend { path, item } => Edit::Prepend {
                path: path.parse()?,
                value: item.clone(),
            },
            FieldEdit::Remove { path } => Edit::Remove {
                path: path.parse()?,
            },
        })
    }
}

/// Why an edit was refused. The text is never changed when one of these is returned.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("invalid path `{0}`: use dotted keys such as `needs.N2.review_by`")]
    BadPath(String),
    #[error("the file is not valid YAML: {0}")]
    Parse(String),
    #[error("read-only: {0}")]
    ReadOnly(String),
    #[error(
        "`{path}` not found: {} has no `{missing}`{}",
        place(parent),
        listing(available)
    )]
    NotFound {
        path: String,
        parent: String,
        missing: String,
        available: Vec<String>,
    },
    #[error("cannot {op} `{path}`: {reason}")]
    Unsupported {
        op: &'static str,
        path: String,
        reason: String,
    },
    #[error(
        "refused: the edited text is not exactly the change to `{path}` ({detail}); nothing was written"
    )]
    Verify { path: String, detail: String },
}

fn place(parent: &str) -> String {
    if parent.is_empty() {
        "the plan".into()
    } else {
        format!("`{parent}`")
    }
}

fn listing(available: &[String]) -> String {
    if available.is_empty() {
        String::new()
    } else {
        format!(" (it has: {})", available.join(", "))
    }
}

/// A UTF-8 byte-order mark at the start of a file, kept as it was and never given to the
/// parsers (the loader skips it too; libyaml reads a BOM before CRLF as a second document).
const BOM: &str = "\u{feff}";

/// The byte-order mark (or nothing) and the text after it.
fn split_bom(text: &str) -> (&str, &str) {
    match text.strip_prefix(BOM) {
        Some(body) => (BOM, body),
        None => ("", text),
    }
}

/// Apply the edits to the text and verify the result: the edited text, or why not. A
/// byte-order mark is kept at the start and the edit works on the text after it.
pub fn apply(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let (bom, text) = split_bom(text);
    apply_to_body(text, edits).map(|edited| format!("{bom}{edited}"))
}

fn apply_to_body(text: &str, edits: &[Edit]) -> Result<String, EditError> {
    let original = verify::load(text)?;
    // The tree the check reads serves the first edit too: parsing is most of an edit's cost.
    let mut tree = Some(verify::editor_agrees(text, &original)?);
    let mut current = text.to_string();
    for edit in edits {
        check_value(edit)?;
        current = ops::apply_one(&current, edit, tree.take())?;
    }
    verify::verify_loaded(&original, &current, edits)?;
    Ok(current)
}

/// The text as the loader reads it (after the guard against nesting too deep to parse).
pub fn loader_value(text: &str) -> Result<Value, EditError> {
    verify::load(split_bom(text).1)
}

/// Whether the file can be edited at all: it parses, and the editor reads it as the loader does.
/// Paths through anchors, aliases, tags or merge keys are refused when an edit reaches them.
pub fn check_editable(text: &str) -> Result<(), EditError> {
    let text = split_bom(text).1;
    let original = verify::load(text)?;
    verify::editor_agrees(text, &original).map(|_| ())
}

fn check_value(edit: &Edit) -> Result<(), EditError> {
    let value = match edit {
        Edit::Set { value, .. } | Edit::Append { value, .. } | Edit::Prepend { value, .. } => value,
        Edit::Remove { .. } => return Ok(()),
    };
    fn tagged(v: &Value) -> bool {
        match v {
            Value::Tagged(_) => true,
            Value::Sequence(items) => items.iter().any(tagged),
            Value::Mapping(m) => m.iter().any(|(k, v)| tagged(k) || tagged(v)),
            _ => false,
        }
    }
    if tagged(value) {
        return Err(EditError::Unsupported {
            op: "write",
            path: edit.path().to_string(),
            reason: "tagged values are not written".into(),
        });
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_parse_and_print() {
        let p: EditPath = "needs.N2.review_by".parse().unwrap();
        assert_eq!(p.segments(), ["needs", "N2", "review_by"]);
        assert_eq!(p.to_string(), "needs.N2.review_by");
        assert_eq!(p.prefix(2), "needs.N2");
        assert!(EditPath::parse("needs..x").is_err());
        assert!(EditPath::parse("").is_err());
    }

    fn edit(text: &str, edit: Edit) -> String {
        apply(text, &[edit]).unwrap()
    }

    #[test]
    fn plain_text_becoming_multi_line_keeps_the_comment_on_the_key_line() {
        let out = edit(
            "a:\n  b: x   # c\n  d: 1\n",
            Edit::set("a.b", "one\ntwo\n").unwrap(),
        );
        assert_eq!(out, "a:\n  b: |   # c\n    one\n    two\n  d: 1\n");
        let out = edit("a:\n  b:\n  d: 1\n", Edit::set("a.b", "one\ntwo").unwrap());
        assert_eq!(out, "a:\n  b: |-\n    one\n    two\n  d: 1\n");
    }

    #[test]
    fn text_ending_in_a_line_break_at_the_end_of_a_file_without_one_is_quoted() {
        let out = edit("a: x", Edit::set("a", "one\ntwo\n").unwrap());
        assert_eq!(out, "a: \"one\\ntwo\\n\"");
        let out = edit("a: |-\n  x", Edit::set("a", "y").unwrap());
        assert_eq!(out, "a: |-\n  y");
        // yaml-edit reads `x\n` here, libyaml `x`: the editor and the loader disagree.
        let err = apply("a: |\n  x", &[Edit::set("a", "y").unwrap()]).unwrap_err();
        assert!(matches!(err, EditError::ReadOnly(_)), "{err}");
    }

    #[test]
    fn a_flush_list_replaced_by_a_mapping_is_indented() {
        let out = edit(
            "l:\n- 1\n- 2\nm: 0\n",
            Edit::set("l", Value::Mapping(serde_yaml::from_str("{a: 1}").unwrap())).unwrap(),
        );
        assert_eq!(out, "l:\n  a: 1\nm: 0\n");
    }

    #[test]
    fn removing_the_last_entry_leaves_an_empty_collection() {
        let out = edit("l:\n- only: x\n- k: y\n", Edit::remove("l.0.only").unwrap());
        assert_eq!(out, "l:\n- {}\n- k: y\n");
        let out = edit("l:   # list\n  - x\nm: 1\n", Edit::remove("l.x").unwrap());
        assert_eq!(out, "l: []   # list\nm: 1\n");
    }

    #[test]
    fn field_edits_from_domain_changes_apply() {
        use crate::plan::change::FieldEdit;
        let text = "reviews:\n  next_due: 2026-12-01\n  history: []\n";
        let edits: Vec<Edit> = [
            FieldEdit::Append {
                path: "reviews.history".into(),
                item: serde_yaml::from_str("{date: 2026-11-28, outcome: continue}").unwrap(),
            },
            FieldEdit::Set {
                path: "reviews.next_due".into(),
                value: "2027-11-28".into(),
            },
        ]
        .iter()
        .map(|f| Edit::try_from(f).unwrap())
        .collect();
        assert_eq!(
            apply(text, &edits).unwrap(),
            "reviews:\n  next_due: 2027-11-28\n  history:\n    - date: 2026-11-28\n      outcome: continue\n"
        );
    }

    #[test]
    fn not_found_lists_what_is_there() {
        let text = "needs:\n  - id: N1\n  - id: N2\n";
        let err = apply(text, &[Edit::set("needs.N9.status", "ended").unwrap()]).unwrap_err();
        assert_eq!(
            err.to_string(),
            "`needs.N9.status` not found: `needs` has no `N9` (it has: N1, N2)"
        );
    }
}
