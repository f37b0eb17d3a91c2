//! Removing a list item or a mapping entry with its own lines, its comments and one
//! blank-line separator.

use yaml_edit::SyntaxKind as K;

use super::super::EditError;
use super::super::cst::{self, Node};
use super::{Ctx, Splice, range, splice};

impl Ctx<'_> {
    /// Remove a list item or mapping entry with its own lines, the comments just above it
    /// and one blank-line separator, so the rest stays spaced as it was.
    pub(super) fn remove(&self, node: &Node) -> Result<Vec<Splice>, EditError> {
        let holder = cst::holder_of(node)
            .ok_or_else(|| self.unsupported("remove", "it is the whole plan"))?;
        let unit = if holder.kind() == K::VALUE {
            holder.parent().expect("an entry")
        } else {
            holder
        };
        let container = unit.parent().expect("an entry sits in a collection");
        let siblings: Vec<Node> = container
            .children()
            .filter(|c| c.kind() == unit.kind())
            .collect();
        let index = siblings
            .iter()
            .position(|s| *s == unit)
            .expect("a sibling of itself");
        let value_end = |n: &Node| cst::content(n).map_or(range(n).1, |c| range(&c).1);
        if cst::is_flow(&container) {
            let (from, to) = match (index.checked_sub(1), siblings.get(index + 1)) {
                (_, Some(next)) => (range(&unit).0, range(next).0),
                (Some(prev), None) => (value_end(&siblings[prev]), value_end(&unit)),
                (None, None) => (range(&unit).0, value_end(&unit)),
            };
            return Ok(vec![splice(from, to, "")]);
        }
        if siblings.len() == 1 {
            let empty = if container.kind() == K::SEQUENCE {
                "[]"
            } else {
                "{}"
            };
            let from = self
                .indicator_end(&container)
                .ok_or_else(|| self.unsupported("remove", "the plan would be empty"))?;
            let key_line_end = cst::line_end(self.text, from);
            let starts_on_key_line = cst::content_start(&container) < key_line_end;
            if starts_on_key_line || cst::is_blank(&self.text[from..key_line_end]) {
                return Ok(vec![splice(
                    from,
                    self.block_end(&container),
                    format!(" {empty}"),
                )]);
            }
            // A comment after `key:` stays on its line, after the `[]`.
            return Ok(vec![
                splice(from, from, format!(" {empty}")),
                splice(key_line_end, self.block_end(&container), ""),
            ]);
        }
        let text = self.text;
        let unit_start = cst::content_start(&unit);
        let mut start = cst::line_start(text, unit_start);
        if !cst::is_blank(&text[start..unit_start]) {
            // The first key of a list item shares the `- ` line: the next key moves up.
            let next = &siblings[index + 1];
            return Ok(vec![splice(unit_start, cst::content_start(next), "")]);
        }
        let col = unit_start - start;
        while start > 0 {
            let above = cst::line_start(text, start - 1);
            let line = &text[above..start];
            let trimmed = line.trim_start_matches(' ');
            if !trimmed.starts_with('#') || line.len() - trimmed.len() != col {
                break;
            }
            start = above;
        }
        let mut end = cst::next_line_start(text, self.block_end(&unit));
        // Comments indented under the removed entry are its own: they go with it.
        while end < text.len() {
            let line = &text[end..cst::line_end(text, end)];
            let trimmed = line.trim_start_matches(' ');
            if !trimmed.starts_with('#') || line.len() - trimmed.len() <= col {
                break;
            }
            end = cst::next_line_start(text, end);
        }
        let is_last = index + 1 == siblings.len();
        if !is_last {
            while end < text.len() && cst::is_blank(&text[end..cst::next_line_start(text, end)]) {
                end = cst::next_line_start(text, end);
            }
        } else {
            while start > 0 && cst::is_blank(&text[cst::line_start(text, start - 1)..start]) {
                start = cst::line_start(text, start - 1);
            }
            if start == cst::line_start(text, start) && end == text.len() && !text.ends_with('\n') {
                // The last line has no line break: take the one before it instead.
                let break_len = if text[..start].ends_with("\r\n") {
                    2
                } else {
                    1
                };
                start = start.saturating_sub(break_len);
            }
        }
        Ok(vec![splice(start, end, "")])
    }
}
