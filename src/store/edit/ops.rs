//! The edits themselves: find the place in the tree, then splice new text into the original,
//! styled like what is around it.

use serde_yaml::{Mapping, Value};
use yaml_edit::SyntaxKind as K;

use super::cst::{self, Node, Style};
use super::locate::{
    Found, detect_layout, is_null_scalar, item_offset, refuse_references, resolve, template_of,
};
use super::render::{self, Layout};
use super::verify::not_a_list;
use super::{Edit, EditError, EditPath};

mod remove;

/// Replace `start..end` of the text with `text`.
struct Splice {
    start: usize,
    end: usize,
    text: String,
}

fn splice(start: usize, end: usize, text: impl Into<String>) -> Splice {
    Splice {
        start,
        end,
        text: text.into(),
    }
}

/// Apply one edit to the text (no verification: the caller verifies the whole batch). `parsed`
/// is the text's tree when the caller has it already.
pub(super) fn apply_one(
    text: &str,
    edit: &Edit,
    parsed: Option<Node>,
) -> Result<String, EditError> {
    let root = match parsed {
        Some(root) => root,
        None => cst::parse_root(text)
            .map_err(|msg| {
                verify_error(
                    edit,
                    format!("the editor cannot read its own output: {msg}"),
                )
            })?
            .ok_or_else(|| EditError::ReadOnly("the file holds no YAML document".into()))?,
    };
    let ctx = Ctx {
        text,
        layout: detect_layout(text, &root),
        path: edit.path(),
    };
    let found = resolve(&root, edit.path())?;
    let splices = match edit {
        Edit::Set { value, .. } => match found {
            Found::Node(node) => {
                refuse_references(&node, edit.path())?;
                ctx.set_node(&node, value)?
            }
            Found::MissingKey { map, depth } => {
                let nested = nest(value.clone(), &ctx.path.segments()[depth + 1..]);
                ctx.insert_key(&map, &ctx.path.segments()[depth], &nested)
            }
            Found::Null { node, depth } => {
                ctx.scalar_to_block(&node, &nest(value.clone(), &ctx.path.segments()[depth..]))?
            }
        },
        Edit::Append { value, .. } | Edit::Prepend { value, .. } => {
            let list = Value::Sequence(vec![value.clone()]);
            let first = matches!(edit, Edit::Prepend { .. });
            match found {
                Found::Node(node) => ctx.append(&node, value, first)?,
                Found::MissingKey { map, depth } => {
                    let nested = nest(list, &ctx.path.segments()[depth + 1..]);
                    ctx.insert_key(&map, &ctx.path.segments()[depth], &nested)
                }
                Found::Null { node, depth } => {
                    ctx.scalar_to_block(&node, &nest(list, &ctx.path.segments()[depth..]))?
                }
            }
        }
        Edit::Remove { path } => match found {
            Found::Node(node) => {
                refuse_references(&node, path)?;
                ctx.remove(&node)?
            }
            Found::MissingKey { depth, .. } | Found::Null { depth, .. } => {
                return Err(EditError::NotFound {
                    path: path.to_string(),
                    parent: path.prefix(depth),
                    missing: path.segments()[depth].clone(),
                    available: vec![],
                });
            }
        },
    };
    Ok(apply_splices(text, splices))
}

fn verify_error(edit: &Edit, detail: String) -> EditError {
    EditError::Verify {
        path: edit.path().to_string(),
        detail,
    }
}

/// Apply splices given in text order (two at the same place go in the order given), from the
/// last to the first so earlier offsets stay valid.
fn apply_splices(text: &str, splices: Vec<Splice>) -> String {
    let mut ordered: Vec<(usize, Splice)> = splices.into_iter().enumerate().collect();
    ordered.sort_by_key(|(i, s)| std::cmp::Reverse((s.start, *i)));
    let mut out = text.to_string();
    for (_, s) in ordered {
        out.replace_range(s.start..s.end, &s.text);
    }
    out
}

/// `value` under the keys `keys` (`[a, b]`, v gives `{a: {b: v}}`).
fn nest(value: Value, keys: &[String]) -> Value {
    keys.iter().rev().fold(value, |inner, key| {
        let mut m = Mapping::new();
        m.insert(Value::String(key.clone()), inner);
        Value::Mapping(m)
    })
}

fn range(node: &Node) -> (usize, usize) {
    let r = node.text_range();
    (usize::from(r.start()), usize::from(r.end()))
}

struct Ctx<'a> {
    text: &'a str,
    layout: Layout,
    path: &'a EditPath,
}

impl Ctx<'_> {
    fn unsupported(&self, op: &'static str, reason: &str) -> EditError {
        EditError::Unsupported {
            op,
            path: self.path.to_string(),
            reason: reason.into(),
        }
    }

    /// The key the edited value sits under (the path's last step): a date key keeps its
    /// date plain.
    fn key(&self) -> Option<&str> {
        self.path.segments().last().map(String::as_str)
    }

    fn join_lines(&self, lines: &[String]) -> String {
        lines
            .iter()
            .map(|l| format!("{}{l}", self.layout.eol))
            .collect()
    }

    /// Column of the key whose value `node` is (or of the `-` of its item).
    fn owner_col(&self, node: &Node) -> Option<usize> {
        let holder = cst::holder_of(node)?;
        let owner = if holder.kind() == K::VALUE {
            holder.parent()?
        } else {
            holder
        };
        Some(cst::column(self.text, cst::content_start(&owner)))
    }

    /// End of the `:` (or `-`) that introduces `node`.
    fn indicator_end(&self, node: &Node) -> Option<usize> {
        let holder = cst::holder_of(node)?;
        let token = if holder.kind() == K::VALUE {
            cst::child_token(&holder.parent()?, K::COLON)?
        } else {
            cst::child_token(&holder, K::DASH)?
        };
        Some(usize::from(token.text_range().end()))
    }

    /// Replace one line's `start..end`, moving the spaces before a trailing comment so the
    /// comment keeps its column (at least one space stays).
    fn keep_comment_column(&self, start: usize, end: usize, text: String) -> Splice {
        let rest = &self.text[end..cst::line_end(self.text, end)];
        let spaces = rest.len() - rest.trim_start_matches(' ').len();
        let old = &self.text[start..end];
        if text.contains('\n')
            || old.contains('\n')
            || spaces == 0
            || !rest[spaces..].starts_with('#')
        {
            return splice(start, end, text);
        }
        let room = (spaces + old.chars().count()).saturating_sub(text.chars().count());
        let padded = format!("{text}{}", " ".repeat(room.max(1)));
        splice(start, end + spaces, padded)
    }

    /// End of the last line of a node's content, before its line break.
    fn block_end(&self, node: &Node) -> usize {
        cst::line_end(self.text, cst::content_end(node))
    }

    fn set_node(&self, node: &Node, value: &Value) -> Result<Vec<Splice>, EditError> {
        let collection = matches!(value, Value::Mapping(_) | Value::Sequence(_));
        let (start, end) = range(node);
        match node.kind() {
            K::SCALAR if !collection => self.set_scalar(node, value),
            K::SCALAR => self.scalar_to_block(node, value),
            K::MAPPING | K::SEQUENCE if cst::is_flow(node) => {
                let empty = cst::seq_items(node).is_empty() && cst::map_entries(node).is_empty();
                if !collection {
                    let text =
                        render::inline_scalar(value, Style::Plain, cst::in_flow(node), self.key());
                    Ok(vec![self.keep_comment_column(
                        start,
                        end,
                        text.unwrap_or_default(),
                    )])
                } else if empty && value_has_collections(value) && !cst::in_flow(node) {
                    // `needs: []` getting its first need: a block list, like the format's.
                    self.scalar_to_block(node, value)
                } else {
                    Ok(vec![self.keep_comment_column(
                        start,
                        end,
                        render::flow(value),
                    )])
                }
            }
            K::MAPPING | K::SEQUENCE if !collection => {
                let from = self
                    .indicator_end(node)
                    .ok_or_else(|| self.unsupported("set", "the top of the plan is not a value"))?;
                let text = render::inline_scalar(value, Style::Plain, false, self.key())
                    .unwrap_or_default();
                Ok(vec![splice(from, self.block_end(node), format!(" {text}"))])
            }
            K::MAPPING | K::SEQUENCE => {
                let mut from = cst::content_start(node);
                let mut col = cst::column(self.text, from);
                let mut layout = self.layout;
                if let Some(first) = cst::seq_items(node).first() {
                    layout.item_offset = item_offset(self.text, first);
                }
                let own_line = cst::is_blank(&self.text[cst::line_start(self.text, from)..from]);
                let mut strip_first = true;
                if let (Value::Mapping(_), Some(key_col)) = (value, self.owner_col(node))
                    && own_line
                    && col <= key_col
                {
                    // A flush list (`-` at its key's column) becoming a mapping: indent it.
                    col = key_col + self.layout.step;
                    from = cst::line_start(self.text, from);
                    strip_first = false;
                }
                let template = template_of(node);
                let mut lines = render::body_lines(value, col, &layout, Some(&template));
                if lines.is_empty() {
                    return self.scalar_to_block(node, value);
                }
                if strip_first {
                    lines[0].replace_range(..col, "");
                }
                let text = lines.join(self.layout.eol);
                Ok(vec![splice(from, self.block_end(node), text)])
            }
            _ => Err(self.unsupported("set", "the editor does not handle this kind of value")),
        }
    }

    /// Set a scalar, keeping its style: quotes stay, `|` and `>` blocks stay blocks.
    fn set_scalar(&self, node: &Node, value: &Value) -> Result<Vec<Splice>, EditError> {
        let (start, end) = range(node);
        let style = cst::scalar_style(node);
        let flow = cst::in_flow(node);
        if let (Style::Literal | Style::Folded, Value::String(s)) = (style, value)
            && let Some(splices) = self.set_block_scalar(node, s, style)
        {
            return Ok(splices);
        }
        if matches!(style, Style::Literal | Style::Folded) {
            let text =
                render::inline_scalar(value, Style::Double, false, self.key()).unwrap_or_default();
            return Ok(vec![splice(start, self.block_end(node), text)]);
        }
        if let Value::String(s) = value
            && s.contains('\n')
            && !flow
            && let Some(col) = self.owner_col(node)
            && let Some((chomp, lines)) =
                render::block_scalar(s, false, col + self.layout.step, self.layout.width)
            && !(chomp.is_empty() && cst::line_end(self.text, end) == self.text.len())
        {
            // (A `|` block's last line break cannot be written at the end of a file that has
            // none: such text goes in quotes below.)
            // The header takes the old value's place (a comment after it stays on its line);
            // the body goes below that line.
            let header = format!("|{chomp}");
            let at_line_end = cst::line_end(self.text, end);
            let head = if start == end {
                let at = self.indicator_end(node).unwrap_or(start);
                self.keep_comment_column(at, at, format!(" {header}"))
            } else {
                self.keep_comment_column(start, end, header)
            };
            return Ok(vec![
                head,
                splice(at_line_end, at_line_end, self.join_lines(&lines)),
            ]);
        }
        let text = render::inline_scalar(value, style, flow, self.key()).unwrap_or_default();
        if start == end && !flow {
            // `key:` with nothing after it: the value goes right after the `:`, before any comment.
            let at = self.indicator_end(node).unwrap_or(start);
            return Ok(vec![self.keep_comment_column(at, at, format!(" {text}"))]);
        }
        Ok(vec![self.keep_comment_column(start, end, text)])
    }

    /// A new text for a `|` or `>` block: header kept unless the chomping must change, the
    /// body re-written at the old indentation, the blank lines after the block kept.
    fn set_block_scalar(&self, node: &Node, s: &str, style: Style) -> Option<Vec<Splice>> {
        let (start, _) = range(node);
        let header_end = cst::line_end(self.text, start);
        let body_end = self.block_end(node).max(header_end);
        let old_body = &self.text[header_end..body_end];
        let indent = old_body
            .split('\n')
            .find(|l| !cst::is_blank(l))
            .map(|l| l.len() - l.trim_start_matches(' ').len())
            .or_else(|| self.owner_col(node).map(|c| c + self.layout.step))?;
        let width = old_body
            .split('\n')
            .map(|l| l.trim_end().chars().count())
            .max()
            .filter(|&w| w >= 40)
            .unwrap_or(self.layout.width);
        let (mark, (chomp, lines)) = match style {
            Style::Folded => match render::block_scalar(s, true, indent, width) {
                Some(body) => ('>', body),
                None => ('|', render::block_scalar(s, false, indent, width)?),
            },
            _ => ('|', render::block_scalar(s, false, indent, width)?),
        };
        if chomp.is_empty() && body_end == self.text.len() {
            return None; // No final line break for the block's own: quoted instead.
        }
        let header = &self.text[start..header_end];
        let old_len = header
            .char_indices()
            .skip(1)
            .find(|(_, c)| !matches!(c, '-' | '+' | '0'..='9'))
            .map_or(header.len(), |(i, _)| i);
        let new_indicator = format!("{mark}{chomp}");
        let mut splices = vec![splice(header_end, body_end, self.join_lines(&lines))];
        if header[..old_len] != new_indicator {
            splices.push(splice(start, start + old_len, new_indicator));
        }
        Some(splices)
    }

    /// Replace a scalar (`ending: null`, `dispute:`) or an empty flow collection with a value
    /// that takes lines of its own; a comment after it stays on the key's line.
    fn scalar_to_block(&self, node: &Node, value: &Value) -> Result<Vec<Splice>, EditError> {
        let (start, end) = range(node);
        if cst::in_flow(node) || self.owner_col(node).is_none() {
            return Ok(vec![splice(
                start,
                end,
                render::flow_under(value, self.key()),
            )]);
        }
        let holder = cst::holder_of(node).expect("owner_col found it");
        if holder.kind() == K::SEQUENCE_ENTRY {
            if value_has_collections(value) || !matches!(value, Value::Mapping(_)) {
                return Ok(vec![splice(start, end, render::flow(value))]);
            }
            let dash = cst::column(self.text, self.indicator_end(node).unwrap_or(start) - 1);
            let mut lines = render::item_lines(value, dash, &self.layout, None);
            let col = dash + self.layout.item_offset.max(2);
            lines[0].replace_range(..col, "");
            let from = cst::content_start(node);
            return Ok(vec![splice(
                from,
                self.block_end(node),
                lines.join(self.layout.eol),
            )]);
        }
        let key_col = self.owner_col(node).expect("checked above");
        let from = self
            .indicator_end(node)
            .expect("a mapping value has a colon");
        let until = self.block_end(node);
        let (inline, below) =
            render::value_after_key(value, key_col, &self.layout, None, None, self.key());
        // A block scalar's node runs on over the blank lines after it: stop at its last line.
        let block_scalar = node.kind() == K::SCALAR
            && matches!(cst::scalar_style(node), Style::Literal | Style::Folded);
        let end = end.min(until);
        let comment_follows = !block_scalar && !cst::is_blank(&self.text[end..until]);
        let replaced = if comment_follows {
            format!("{inline:<width$}", width = end - from)
        } else {
            inline
        };
        let to = if comment_follows { end } else { until };
        let mut text = replaced;
        if !comment_follows {
            text.push_str(&self.join_lines(&below));
            return Ok(vec![splice(from, to, text)]);
        }
        Ok(vec![
            splice(from, to, text),
            splice(until, until, self.join_lines(&below)),
        ])
    }

    /// Add `key: value` to a mapping: a new line after its last entry, at its indentation.
    fn insert_key(&self, map: &Node, key: &str, value: &Value) -> Vec<Splice> {
        let key_text = render::key_text(&Value::String(key.to_string()));
        let entries = cst::map_entries(map);
        if cst::is_flow(map) {
            let item = format!("{key_text}: {}", render::flow(value));
            return match entries.last().and_then(cst::content) {
                Some(last) => {
                    let at = range(&last).1;
                    vec![splice(at, at, format!(", {item}"))]
                }
                None => {
                    let brace = cst::child_token(map, K::LEFT_BRACE).expect("a flow mapping");
                    let at = usize::from(brace.text_range().end());
                    vec![splice(at, at, item)]
                }
            };
        }
        let first = entries.first().expect("a block mapping has an entry");
        let last = entries.last().expect("a block mapping has an entry");
        let col = cst::column(self.text, cst::content_start(first));
        let lines = render::entry_lines(&key_text, value, col, &self.layout, None);
        let at = self.block_end(last);
        vec![splice(at, at, self.join_lines(&lines))]
    }

    /// Add an item at the end of a list, or at its start when `first` (a list kept newest
    /// first), laid out like the item beside it.
    fn append(&self, list: &Node, item: &Value, first: bool) -> Result<Vec<Splice>, EditError> {
        if is_null_scalar(list) {
            return self.scalar_to_block(list, &Value::Sequence(vec![item.clone()]));
        }
        if list.kind() != K::SEQUENCE {
            return Err(not_a_list(self.path));
        }
        let items = cst::seq_items(list);
        if cst::is_flow(list) {
            if first && let Some(head) = items.first().and_then(cst::content) {
                let at = range(&head).0;
                return Ok(vec![splice(at, at, format!("{}, ", render::flow(item)))]);
            }
            if let Some(last) = items.last().and_then(cst::content) {
                let at = range(&last).1;
                return Ok(vec![splice(at, at, format!(", {}", render::flow(item)))]);
            }
            return self.set_node(list, &Value::Sequence(vec![item.clone()]));
        }
        let beside = if first { items.first() } else { items.last() };
        let last = beside.expect("a block list has an item");
        let dash = cst::child_token(last, K::DASH).expect("a block item has a dash");
        let dash_start = usize::from(dash.text_range().start());
        let dash_col = cst::column(self.text, dash_start);
        let layout = Layout {
            item_offset: item_offset(self.text, last),
            ..self.layout
        };
        let template = cst::content(last).map(|c| template_of(&c));
        let mut lines = render::item_lines(item, dash_col, &layout, template.as_ref());
        if first {
            return Ok(vec![self.before_first(&items, dash_start, lines)]);
        }
        if let [.., prev, _] = items.as_slice() {
            let gap = &self.text[self.block_end(prev)..cst::line_start(self.text, dash_start)];
            if cst::is_blank(gap) {
                let blank = gap.matches('\n').count().saturating_sub(1);
                lines.splice(0..0, std::iter::repeat_n(String::new(), blank));
            }
        }
        let at = self.block_end(last);
        Ok(vec![splice(at, at, self.join_lines(&lines))])
    }

    /// A new first item's lines, put above the first item and the comments just above it
    /// (they are about that item), with the blank lines that part the first two items after it.
    fn before_first(&self, items: &[Node], dash_start: usize, mut lines: Vec<String>) -> Splice {
        let mut at = cst::line_start(self.text, dash_start);
        let col = dash_start - at;
        while at > 0 {
            let above = cst::line_start(self.text, at - 1);
            let line = &self.text[above..at];
            let trimmed = line.trim_start_matches(' ');
            if !trimmed.starts_with('#') || line.len() - trimmed.len() != col {
                break;
            }
            at = above;
        }
        if let [head, next, ..] = items
            && let Some(dash) = cst::child_token(next, K::DASH)
        {
            let next_line = cst::line_start(self.text, usize::from(dash.text_range().start()));
            let gap = &self.text[self.block_end(head)..next_line];
            if cst::is_blank(gap) {
                let blank = gap.matches('\n').count().saturating_sub(1);
                lines.extend(std::iter::repeat_n(String::new(), blank));
            }
        }
        let mut text = lines.join(self.layout.eol);
        text.push_str(self.layout.eol);
        splice(at, at, text)
    }
}

fn value_has_collections(value: &Value) -> bool {
    match value {
        Value::Mapping(m) => m
            .values()
            .any(|v| matches!(v, Value::Mapping(_) | Value::Sequence(_))),
        Value::Sequence(items) => items
            .iter()
            .any(|v| matches!(v, Value::Mapping(_) | Value::Sequence(_))),
        _ => false,
    }
}
