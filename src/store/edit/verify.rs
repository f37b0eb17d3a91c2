//! Semantic checks around an edit: the editor reads the file as the loader does, and the
//! edited text parses to the original with exactly the intended change.

use serde_yaml::{Mapping, Value};

use super::cst::{self, Node, Style};
use super::{Edit, EditError, EditPath};
use crate::plan::parse::tree::{read_tree, resolve_plain as resolve_one_line};
use yaml_edit::SyntaxKind as K;

/// Parse as the loader does: in one pass where the text allows (`plan::parse::tree`, which
/// reads exactly as libyaml does), else with libyaml, text nested too deeply for it refused
/// first (see `plan::spans`).
pub(crate) fn load(text: &str) -> Result<Value, EditError> {
    if let Some(tree) = read_tree(text) {
        return Ok(tree.value);
    }
    cst::refuse_deep_nesting(text).map_err(EditError::Parse)?;
    serde_yaml::from_str::<Value>(text).map_err(|e| EditError::Parse(e.to_string()))
}

/// The editor's tree and the loader's value agree (aliases and tagged nodes aside: those parts
/// are read-only), else the file is read-only.
pub(crate) fn editor_agrees(text: &str, loaded: &Value) -> Result<Node, EditError> {
    let root = cst::parse_root(text).map_err(|msg| {
        EditError::ReadOnly(format!(
            "the YAML editor cannot read this file ({msg}), though the loader can"
        ))
    })?;
    let root = root.ok_or_else(|| EditError::ReadOnly("the file holds no YAML document".into()))?;
    same(&root, loaded, "").map_err(|at| {
        let at = if at.is_empty() {
            "the top".into()
        } else {
            format!("`{at}`")
        };
        EditError::ReadOnly(format!(
            "the YAML editor and the loader read this file differently at {at}"
        ))
    })?;
    Ok(root)
}

/// A scalar node's value as the loader resolves it.
fn scalar_value(node: &Node) -> Option<Value> {
    match cst::scalar_style(node) {
        Style::Plain => resolve_plain(node.text().to_string().trim()),
        _ => Some(Value::String(cst::scalar_string(node))),
    }
}

/// A plain scalar as serde_yaml resolves it: by serde_yaml's own rules for one line
/// (`plan::parse::tree::resolve_plain`: words, dates and numbers without a parse each);
/// anything else (folded lines, an indicator first) through serde_yaml itself.
fn resolve_plain(text: &str) -> Option<Value> {
    resolve_one_line(text).or_else(|| serde_yaml::from_str::<Value>(text).ok())
}

fn join(at: &str, seg: &str) -> String {
    if at.is_empty() {
        seg.to_string()
    } else {
        format!("{at}.{seg}")
    }
}

/// Compare the editor's node with the loader's value; `Err` holds where they differ.
fn same(node: &Node, value: &Value, at: &str) -> Result<(), String> {
    match node.kind() {
        K::ALIAS | K::TAGGED_NODE => Ok(()),
        K::SCALAR => match scalar_value(node) {
            Some(v) if strict_eq(&v, value) => Ok(()),
            _ => Err(at.to_string()),
        },
        K::MAPPING if cst::has_merge_key(node) => Ok(()),
        K::MAPPING => {
            let Value::Mapping(map) = value else {
                return Err(at.to_string());
            };
            let entries = cst::map_entries(node);
            if entries.len() != map.len() {
                return Err(at.to_string());
            }
            for (entry, (k, v)) in entries.iter().zip(map) {
                let key_node = cst::child(entry, K::KEY).and_then(|k| cst::content(&k));
                let key = key_node.as_ref().and_then(scalar_value);
                let name = cst::entry_key(entry).unwrap_or_default();
                if key.as_ref().is_none_or(|key| !strict_eq(key, k)) {
                    return Err(join(at, &name));
                }
                let at = join(at, &name);
                match cst::content(entry) {
                    Some(child) => same(&child, v, &at)?,
                    None if v.is_null() => {}
                    None => return Err(at),
                }
            }
            Ok(())
        }
        K::SEQUENCE => {
            let Value::Sequence(items) = value else {
                return Err(at.to_string());
            };
            let nodes = cst::seq_items(node);
            if nodes.len() != items.len() {
                return Err(at.to_string());
            }
            for (i, (item, v)) in nodes.iter().zip(items).enumerate() {
                let at = join(at, &i.to_string());
                match cst::content(item) {
                    Some(child) => same(&child, v, &at)?,
                    None if v.is_null() => {}
                    None => return Err(at),
                }
            }
            Ok(())
        }
        _ => Err(at.to_string()),
    }
}

/// Equality that also minds mapping key order (serde_yaml's `==` does not).
pub(crate) fn strict_eq(a: &Value, b: &Value) -> bool {
    diff_at(a, b, "").is_none()
}

/// Where two values first differ, as a dotted path (`None` when equal, key order included).
pub(crate) fn diff_at(a: &Value, b: &Value, at: &str) -> Option<String> {
    match (a, b) {
        (Value::Mapping(x), Value::Mapping(y)) => {
            if x.len() != y.len() || x.keys().zip(y.keys()).any(|(p, q)| p != q) {
                return Some(if at.is_empty() {
                    "the top".into()
                } else {
                    at.into()
                });
            }
            x.iter()
                .zip(y.values())
                .find_map(|((k, v), w)| diff_at(v, w, &join(at, &scalar_text(k))))
        }
        (Value::Sequence(x), Value::Sequence(y)) if x.len() == y.len() => x
            .iter()
            .zip(y)
            .enumerate()
            .find_map(|(i, (v, w))| diff_at(v, w, &join(at, &i.to_string()))),
        (Value::Tagged(x), Value::Tagged(y)) if x.tag == y.tag => diff_at(&x.value, &y.value, at),
        (x, y) if x == y && !matches!(x, Value::Sequence(_) | Value::Mapping(_)) => None,
        _ => Some(if at.is_empty() {
            "the top".into()
        } else {
            at.into()
        }),
    }
}

/// A scalar as the text paths use (`N2`, `3`).
pub(crate) fn scalar_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "null".into(),
        other => format!("{other:?}"),
    }
}

/// What names a list item in a path: the `id` of a mapping, the text of a scalar.
fn item_name(item: &Value) -> Option<String> {
    match item {
        Value::Mapping(_) => item.get("id").map(scalar_text),
        Value::Sequence(_) | Value::Tagged(_) => None,
        scalar => Some(scalar_text(scalar)),
    }
}

/// The item of a list a path segment names: by its `id` (or, for a scalar, its text), else by
/// its position.
pub(crate) fn item_index(items: &[Value], seg: &str) -> Option<usize> {
    items
        .iter()
        .position(|item| item_name(item).as_deref() == Some(seg))
        .or_else(|| seg.parse::<usize>().ok().filter(|&i| i < items.len()))
}

fn not_found(path: &EditPath, depth: usize, value: &Value) -> EditError {
    let available = match value {
        Value::Mapping(m) => m.keys().map(scalar_text).collect(),
        Value::Sequence(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| item_name(item).unwrap_or_else(|| i.to_string()))
            .collect(),
        _ => vec![],
    };
    EditError::NotFound {
        path: path.to_string(),
        missing: path.segments()[depth].clone(),
        parent: path.prefix(depth),
        available,
    }
}

/// Walk to the value a path names, creating mappings for missing or null keys when `create`.
fn walk<'v>(
    mut value: &'v mut Value,
    path: &EditPath,
    upto: usize,
    create: bool,
) -> Result<&'v mut Value, EditError> {
    for (depth, seg) in path.segments()[..upto].iter().enumerate() {
        if create && value.is_null() {
            *value = Value::Mapping(Mapping::new());
        }
        value = match value {
            Value::Mapping(m) => {
                let key = Value::String(seg.clone());
                if !m.contains_key(&key) {
                    if !create {
                        return Err(not_found(path, depth, &Value::Mapping(m.clone())));
                    }
                    m.insert(key.clone(), Value::Null);
                }
                m.get_mut(&key).expect("inserted above")
            }
            Value::Sequence(items) => match item_index(items, seg) {
                Some(i) => &mut items[i],
                None => return Err(not_found(path, depth, &Value::Sequence(items.clone()))),
            },
            other => return Err(not_found(path, depth, other)),
        };
    }
    Ok(value)
}

/// The original value with the edits applied: what the edited text must parse to.
pub(crate) fn intended(original: &Value, edits: &[Edit]) -> Result<Value, EditError> {
    let mut value = original.clone();
    for edit in edits {
        match edit {
            Edit::Set { path, value: new } => {
                *walk(&mut value, path, path.len(), true)? = new.clone();
            }
            Edit::Append { path, value: item } | Edit::Prepend { path, value: item } => {
                let target = walk(&mut value, path, path.len(), true)?;
                if target.is_null() {
                    *target = Value::Sequence(vec![]);
                }
                match target {
                    Value::Sequence(items) if matches!(edit, Edit::Prepend { .. }) => {
                        items.insert(0, item.clone())
                    }
                    Value::Sequence(items) => items.push(item.clone()),
                    _ => return Err(not_a_list(path)),
                }
            }
            Edit::Remove { path } => {
                let last = path.segments().last().expect("paths are never empty");
                let parent = walk(&mut value, path, path.len() - 1, false)?;
                let removed = match parent {
                    Value::Mapping(m) => m.shift_remove(last.as_str()).is_some(),
                    Value::Sequence(items) => match item_index(items, last) {
                        Some(i) => {
                            items.remove(i);
                            true
                        }
                        None => false,
                    },
                    _ => false,
                };
                if !removed {
                    return Err(not_found(path, path.len() - 1, parent));
                }
            }
        }
    }
    Ok(value)
}

pub(crate) fn not_a_list(path: &EditPath) -> EditError {
    EditError::Unsupported {
        op: "append to",
        path: path.to_string(),
        reason: "it is not a list".into(),
    }
}

/// The edited text must parse to the original with exactly the edits applied.
pub fn verify(original: &str, edited: &str, edits: &[Edit]) -> Result<(), EditError> {
    verify_loaded(&load(original)?, edited, edits)
}

/// `verify` with the original already parsed by the loader.
pub(crate) fn verify_loaded(before: &Value, edited: &str, edits: &[Edit]) -> Result<(), EditError> {
    let want = intended(before, edits)?;
    let what = edits
        .iter()
        .map(|e| e.path().to_string())
        .collect::<Vec<_>>()
        .join(", ");
    let got = load(edited).map_err(|e| EditError::Verify {
        path: what.clone(),
        detail: format!("the edited text does not parse: {e}"),
    })?;
    match diff_at(&want, &got, "") {
        None => Ok(()),
        Some(at) => Err(EditError::Verify {
            path: what,
            detail: format!("it would also change {at}"),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fast_plain_resolver_agrees_with_serde_yaml() {
        for text in [
            "abc",
            "Zoë",
            "Null",
            "null",
            "TRUE",
            "False",
            "inf",
            "nan",
            "Infinity",
            "e5",
            "N2",
            "ñ",
            "中文",
            "3",
            "0x1F",
            ".inf",
            "2026-01-01",
            "~",
            "yes",
            "NaN",
        ] {
            let slow = serde_yaml::from_str::<Value>(text).ok();
            assert_eq!(resolve_plain(text), slow, "{text}");
        }
    }
}
