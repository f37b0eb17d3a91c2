//! Where a path leads in the tree, and the file's layout habits a new text copies.

use yaml_edit::SyntaxKind as K;

use super::cst::{self, Node, Style};
use super::render::{Layout, Shape, Template};
use super::{EditError, EditPath};

/// What a path leads to in the tree.
pub(super) enum Found {
    Node(Node),
    /// `map` lacks the key `segments[depth]`.
    MissingKey {
        map: Node,
        depth: usize,
    },
    /// The value reached after `depth` segments is a null scalar (`ending: null`).
    Null {
        node: Node,
        depth: usize,
    },
}

pub(super) fn read_only(path: &EditPath, depth: usize, what: &str) -> EditError {
    let at = path.prefix(depth);
    let at = if at.is_empty() {
        "the top".to_string()
    } else {
        format!("`{at}`")
    };
    EditError::ReadOnly(format!("`{path}` runs through {what} at {at}"))
}

pub(super) fn refuse_references(node: &Node, path: &EditPath) -> Result<(), EditError> {
    match cst::has_references(node) {
        Some(what) => Err(read_only(path, path.len(), what)),
        None => Ok(()),
    }
}

pub(super) fn is_null_scalar(node: &Node) -> bool {
    node.kind() == K::SCALAR
        && cst::scalar_style(node) == Style::Plain
        && matches!(
            cst::scalar_string(node).as_str(),
            "" | "~" | "null" | "Null" | "NULL"
        )
}

/// Follow the path in the tree, refusing anchors, aliases, tags and merge keys on the way.
pub(super) fn resolve(root: &Node, path: &EditPath) -> Result<Found, EditError> {
    let mut node = root.clone();
    for (depth, seg) in path.segments().iter().enumerate() {
        match node.kind() {
            K::ALIAS => return Err(read_only(path, depth, "an alias (*)")),
            K::TAGGED_NODE => return Err(read_only(path, depth, "a tag (!)")),
            K::MAPPING => {
                if cst::has_merge_key(&node) {
                    return Err(read_only(path, depth, "a merge key (<<)"));
                }
                let Some(entry) = cst::find_entry(&node, seg) else {
                    return Ok(Found::MissingKey { map: node, depth });
                };
                let holder = cst::child(&entry, K::VALUE);
                if let Some(what) = holder.as_ref().and_then(cst::properties) {
                    return Err(read_only(path, depth + 1, what));
                }
                node = cst::content(&entry).ok_or_else(|| EditError::Unsupported {
                    op: "edit",
                    path: path.to_string(),
                    reason: format!(
                        "`{}` has no value the editor can see",
                        path.prefix(depth + 1)
                    ),
                })?;
            }
            K::SEQUENCE => {
                let items = cst::seq_items(&node);
                let ids: Vec<Option<String>> = items.iter().map(item_id).collect();
                let index = ids
                    .iter()
                    .position(|id| id.as_deref() == Some(seg))
                    .or_else(|| seg.parse::<usize>().ok().filter(|&i| i < items.len()));
                let Some(index) = index else {
                    return Err(EditError::NotFound {
                        path: path.to_string(),
                        parent: path.prefix(depth),
                        missing: seg.clone(),
                        available: ids
                            .into_iter()
                            .enumerate()
                            .map(|(i, id)| id.unwrap_or_else(|| i.to_string()))
                            .collect(),
                    });
                };
                if let Some(what) = cst::properties(&items[index]) {
                    return Err(read_only(path, depth + 1, what));
                }
                node = cst::content(&items[index]).ok_or_else(|| EditError::Unsupported {
                    op: "edit",
                    path: path.to_string(),
                    reason: "an empty list item".into(),
                })?;
            }
            _ if is_null_scalar(&node) => return Ok(Found::Null { node, depth }),
            _ => {
                return Err(EditError::NotFound {
                    path: path.to_string(),
                    parent: path.prefix(depth),
                    missing: seg.clone(),
                    available: vec![],
                });
            }
        }
    }
    match node.kind() {
        K::ALIAS => Err(read_only(path, path.len(), "an alias (*)")),
        K::TAGGED_NODE => Err(read_only(path, path.len(), "a tag (!)")),
        _ => Ok(Found::Node(node)),
    }
}

/// What names a list item in a path: the `id` of a mapping, the text of a scalar.
pub(super) fn item_id(item: &Node) -> Option<String> {
    let content = cst::content(item)?;
    if content.kind() == K::SCALAR {
        return Some(cst::scalar_string(&content));
    }
    let map = Some(content).filter(|n| n.kind() == K::MAPPING)?;
    let entry = cst::find_entry(&map, "id")?;
    let value = cst::content(&entry).filter(|n| n.kind() == K::SCALAR)?;
    Some(cst::scalar_string(&value))
}

/// The file's habits: line break, indentation step, flush or indented lists, `- ` offset.
pub(super) fn detect_layout(text: &str, root: &Node) -> Layout {
    let mut layout = Layout {
        eol: cst::eol_of(text),
        ..Layout::default()
    };
    let (mut step, mut seq) = (None, None);
    for entry in root.descendants().filter(|n| n.kind() == K::MAPPING_ENTRY) {
        let Some(value) = cst::content(&entry) else {
            continue;
        };
        if cst::in_flow(&entry) || cst::is_flow(&value) {
            continue;
        }
        let key_col = cst::column(text, cst::content_start(&entry));
        let value_col = cst::column(text, cst::content_start(&value));
        let on_own_line = cst::line_start(text, cst::content_start(&value))
            != cst::line_start(text, cst::content_start(&entry));
        match value.kind() {
            K::MAPPING if step.is_none() && on_own_line && value_col > key_col => {
                step = Some(value_col - key_col);
            }
            K::SEQUENCE if seq.is_none() && on_own_line && value_col >= key_col => {
                let offset = cst::seq_items(&value)
                    .first()
                    .map_or(2, |i| item_offset(text, i));
                seq = Some((value_col - key_col, offset));
            }
            _ => {}
        }
    }
    if let Some(step) = step {
        layout.step = step;
    }
    let (seq_indent, item_offset) = seq.unwrap_or((layout.step, 2));
    layout.seq_indent = seq_indent;
    layout.item_offset = item_offset;
    layout
}

/// Column of an item's content minus the column of its `-` (2 for `- x`).
pub(super) fn item_offset(text: &str, item: &Node) -> usize {
    let dash = cst::child_token(item, K::DASH).map(|t| usize::from(t.text_range().start()));
    let inner = cst::content(item).map(|c| cst::content_start(&c));
    match (dash, inner) {
        (Some(d), Some(c)) if cst::line_start(text, c) == cst::line_start(text, d) && c > d + 1 => {
            c - d
        }
        _ => 2,
    }
}

/// The shapes a mapping's values are written in, for a new sibling to copy.
pub(super) fn template_of(map: &Node) -> Template {
    if map.kind() != K::MAPPING {
        return vec![];
    }
    cst::map_entries(map)
        .iter()
        .filter_map(|entry| {
            let key = cst::entry_key(entry)?;
            let value = cst::content(entry)?;
            let shape = match value.kind() {
                K::MAPPING | K::SEQUENCE if cst::is_flow(&value) => Shape::Flow,
                K::MAPPING | K::SEQUENCE => Shape::Block,
                K::SCALAR => Shape::Scalar(cst::scalar_style(&value)),
                _ => return None,
            };
            Some((key, shape))
        })
        .collect()
}
