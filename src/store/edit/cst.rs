//! Where things sit in the YAML text: yaml-edit's lossless tree, read for byte positions only.
//!
//! The tree is never mutated: edits are splices on the original text at positions found here,
//! so every byte outside a splice is kept by construction.

use rowan::NodeOrToken;
use rowan::ast::AstNode;
use yaml_edit::{Lang, SyntaxKind as K, YamlFile};

use crate::plan::spans::{MAX_NESTING, nesting_too_deep};

pub(crate) type Node = rowan::SyntaxNode<Lang>;
pub(crate) type Token = rowan::SyntaxToken<Lang>;

/// yaml-edit's parser recurses once per level of nesting: text nested deeper than a plan ever
/// is must not reach it (10,000 levels overflow a thread's stack).
pub(crate) fn refuse_deep_nesting(text: &str) -> Result<(), String> {
    match nesting_too_deep(text) {
        Some(at) => Err(format!(
            "line {}, column {}: lists and mappings nested more than {MAX_NESTING} deep",
            at.line, at.column
        )),
        None => Ok(()),
    }
}

/// The content node of the file's single document (usually the root mapping).
pub(crate) fn parse_root(text: &str) -> Result<Option<Node>, String> {
    refuse_deep_nesting(text)?;
    let parsed = YamlFile::parse(text);
    if let Some(err) = parsed.positioned_errors().first() {
        let (line, col) = line_col(text, err.range.start as usize);
        return Err(format!("line {line}, column {col}: {}", err.message));
    }
    let file = parsed.tree();
    let mut docs = file.documents();
    let first = docs.next();
    if docs.next().is_some() {
        return Err("the file holds more than one YAML document".into());
    }
    Ok(first.and_then(|doc| content(doc.syntax())))
}

/// 1-based line and column (in characters) of a byte offset.
pub(crate) fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let col = before[line_start(text, offset)..].chars().count() + 1;
    (line, col)
}

fn is_content_kind(kind: K) -> bool {
    matches!(
        kind,
        K::MAPPING | K::SEQUENCE | K::SCALAR | K::ALIAS | K::TAGGED_NODE
    )
}

/// The value node a holder (DOCUMENT, KEY, VALUE, SEQUENCE_ENTRY) wraps.
pub(crate) fn content(holder: &Node) -> Option<Node> {
    for child in holder.children() {
        if is_content_kind(child.kind()) {
            return Some(child);
        }
        if child.kind() == K::VALUE {
            return content(&child);
        }
    }
    None
}

/// The holder of a value: the VALUE of a mapping entry or the SEQUENCE_ENTRY of an item.
pub(crate) fn holder_of(node: &Node) -> Option<Node> {
    let parent = node.parent()?;
    match parent.kind() {
        K::VALUE | K::SEQUENCE_ENTRY => Some(parent),
        _ => None,
    }
}

/// Anchors or tags written on a holder (`key: &a value`, `- !!str x`): what makes it read-only.
pub(crate) fn properties(holder: &Node) -> Option<&'static str> {
    for child in holder.children_with_tokens() {
        match child.kind() {
            K::ANCHOR => return Some("an anchor (&)"),
            K::TAG => return Some("a tag (!)"),
            _ => {}
        }
    }
    None
}

/// True when the subtree holds an anchor, alias, tag or merge key anywhere.
pub(crate) fn has_references(node: &Node) -> Option<&'static str> {
    node.descendants_with_tokens()
        .find_map(|el| match el.kind() {
            K::ANCHOR => Some("an anchor (&)"),
            K::ALIAS | K::REFERENCE => Some("an alias (*)"),
            K::TAG | K::TAGGED_NODE => Some("a tag (!)"),
            K::MERGE_KEY => Some("a merge key (<<)"),
            _ => None,
        })
}

pub(crate) fn is_flow(collection: &Node) -> bool {
    collection
        .children_with_tokens()
        .find(|c| !is_trivia(c.kind()))
        .is_some_and(|c| matches!(c.kind(), K::LEFT_BRACE | K::LEFT_BRACKET))
}

/// True when the node sits inside a flow collection (`{..}` or `[..]`).
pub(crate) fn in_flow(node: &Node) -> bool {
    node.ancestors()
        .skip(1)
        .any(|a| matches!(a.kind(), K::MAPPING | K::SEQUENCE) && is_flow(&a))
}

pub(crate) fn map_entries(map: &Node) -> Vec<Node> {
    map.children()
        .filter(|c| c.kind() == K::MAPPING_ENTRY)
        .collect()
}

pub(crate) fn seq_items(seq: &Node) -> Vec<Node> {
    seq.children()
        .filter(|c| c.kind() == K::SEQUENCE_ENTRY)
        .collect()
}

pub(crate) fn child(node: &Node, kind: K) -> Option<Node> {
    node.children().find(|c| c.kind() == kind)
}

pub(crate) fn child_token(node: &Node, kind: K) -> Option<Token> {
    node.children_with_tokens()
        .filter_map(NodeOrToken::into_token)
        .find(|t| t.kind() == kind)
}

/// The key of a mapping entry as a string (`None` for complex or missing keys).
pub(crate) fn entry_key(entry: &Node) -> Option<String> {
    let key = content(&child(entry, K::KEY)?)?;
    (key.kind() == K::SCALAR).then(|| scalar_string(&key))
}

/// True when the mapping holds a merge key (`<<: *base`).
pub(crate) fn has_merge_key(map: &Node) -> bool {
    map_entries(map).iter().any(|e| {
        child(e, K::KEY).is_some_and(|k| {
            k.descendants_with_tokens()
                .any(|t| t.kind() == K::MERGE_KEY)
        })
    })
}

/// The entry of `map` whose key is `key`.
pub(crate) fn find_entry(map: &Node, key: &str) -> Option<Node> {
    map_entries(map)
        .into_iter()
        .find(|e| entry_key(e).as_deref() == Some(key))
}

/// How a scalar is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Style {
    Plain,
    Single,
    Double,
    Literal,
    Folded,
}

pub(crate) fn scalar_style(scalar: &Node) -> Style {
    let first = scalar
        .children_with_tokens()
        .filter_map(NodeOrToken::into_token)
        .find(|t| !is_trivia(t.kind()));
    match first {
        Some(t) if t.kind() == K::PIPE => Style::Literal,
        Some(t) if t.kind() == K::GREATER => Style::Folded,
        Some(t) if t.text().starts_with('\'') => Style::Single,
        Some(t) if t.text().starts_with('"') => Style::Double,
        _ => Style::Plain,
    }
}

/// The string a scalar holds, unquoted and unescaped (plain scalars: their text).
pub(crate) fn scalar_string(scalar: &Node) -> String {
    match scalar_style(scalar) {
        Style::Plain => scalar.text().to_string().trim().to_string(),
        _ => yaml_edit::Scalar::cast(scalar.clone())
            .map(|s| s.as_string())
            .unwrap_or_default(),
    }
}

pub(crate) fn is_trivia(kind: K) -> bool {
    matches!(
        kind,
        K::WHITESPACE | K::NEWLINE | K::INDENT | K::COMMENT | K::BOM
    )
}

/// Start of the first non-trivia token of a node.
pub(crate) fn content_start(node: &Node) -> usize {
    node.descendants_with_tokens()
        .filter_map(NodeOrToken::into_token)
        .find(|t| !is_trivia(t.kind()))
        .map_or_else(
            || usize::from(node.text_range().start()),
            |t| usize::from(t.text_range().start()),
        )
}

/// End of the last non-trivia token of a node: where its last line of content ends (a trailing
/// comment on that line stays with it; see `line_end`). A `|+` block keeps its trailing blank
/// lines, which are part of its value.
pub(crate) fn content_end(node: &Node) -> usize {
    let last = node
        .descendants_with_tokens()
        .filter_map(NodeOrToken::into_token)
        .filter(|t| !is_trivia(t.kind()))
        .last();
    let Some(last) = last else {
        return usize::from(node.text_range().start());
    };
    let end = usize::from(last.text_range().end());
    if let Some(scalar) = last.parent().filter(|p| p.kind() == K::SCALAR)
        && matches!(scalar_style(&scalar), Style::Literal | Style::Folded)
        && child_token(&scalar, K::PLUS).is_some()
    {
        // The keep-chomped block ends after its last line break: stop before that break.
        let scalar_end = usize::from(scalar.text_range().end());
        let text = scalar.text().to_string();
        let cut = if text.ends_with("\r\n") {
            2
        } else {
            usize::from(text.ends_with('\n'))
        };
        return (scalar_end - cut).max(end);
    }
    end
}

/// Offset of the start of the line holding `offset`.
pub(crate) fn line_start(text: &str, offset: usize) -> usize {
    text[..offset].rfind('\n').map_or(0, |i| i + 1)
}

/// Offset of the end of the line holding `offset`, before its line break.
pub(crate) fn line_end(text: &str, offset: usize) -> usize {
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    if end > offset && text.as_bytes()[end - 1] == b'\r' && end < text.len() {
        end - 1
    } else {
        end
    }
}

/// Offset just after the line break ending the line that holds `offset` (or the text's end).
pub(crate) fn next_line_start(text: &str, offset: usize) -> usize {
    text[offset..]
        .find('\n')
        .map_or(text.len(), |i| offset + i + 1)
}

/// Column (0-based, in bytes: indentation is ASCII) of an offset within its line.
pub(crate) fn column(text: &str, offset: usize) -> usize {
    offset - line_start(text, offset)
}

/// The line break the file uses: CRLF when its first line ends that way.
pub(crate) fn eol_of(text: &str) -> &'static str {
    match text.find('\n') {
        Some(i) if i > 0 && text.as_bytes()[i - 1] == b'\r' => "\r\n",
        _ => "\n",
    }
}

/// The line's text between two offsets is blank (spaces, tabs, CR only).
pub(crate) fn is_blank(s: &str) -> bool {
    s.chars().all(|c| matches!(c, ' ' | '\t' | '\r' | '\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns() {
        let t = "a: 1\r\nbb: 2\nc";
        assert_eq!(line_end(t, 0), 4);
        assert_eq!(next_line_start(t, 0), 6);
        assert_eq!(line_start(t, 8), 6);
        assert_eq!(line_end(t, 12), 13);
        assert_eq!(eol_of(t), "\r\n");
        assert_eq!(line_col(t, 7), (2, 2));
    }

    #[test]
    fn finds_entries_and_styles() {
        let root = parse_root("a: 'x'\nb: |\n  y\nc: {d: 1}\n")
            .unwrap()
            .unwrap();
        let a = content(&find_entry(&root, "a").unwrap()).unwrap();
        assert_eq!(scalar_style(&a), Style::Single);
        assert_eq!(scalar_string(&a), "x");
        let b = content(&find_entry(&root, "b").unwrap()).unwrap();
        assert_eq!(scalar_style(&b), Style::Literal);
        let c = content(&find_entry(&root, "c").unwrap()).unwrap();
        assert!(is_flow(&c));
    }
}
