//! Values to YAML text in a given style: scalars plain or quoted, block scalars, flow and block
//! collections, laid out like the rest of the file.
//!
//! Text is written plain only when every reader gets the same text back: libyaml (YAML 1.2)
//! and YAML 1.1 readers such as PyYAML, which take `2026-01-01`, `1_000`, `017`, `yes` or `~`
//! for a date, a number, a boolean or null. Dates under the format's date keys (`next_due:
//! 2026-12-01`) are the one exception: the format writes them plain.

use serde_yaml::Value;

use super::cst::Style;

mod yaml11;
use yaml11::{YAML11_BOOLS, is_plain_date, yaml11_retypes};

/// How the file lays out what we add to it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Layout {
    pub eol: &'static str,
    /// Indentation step of a nested mapping.
    pub step: usize,
    /// Column of a sequence's `-` minus its key's column: 0 for flush sequences.
    pub seq_indent: usize,
    /// Column of an item's content minus the column of its `-` (`- ` is 2).
    pub item_offset: usize,
    /// Where folded text wraps and flow lists give way to block ones.
    pub width: usize,
}

impl Default for Layout {
    fn default() -> Self {
        Layout {
            eol: "\n",
            step: 2,
            seq_indent: 2,
            item_offset: 2,
            width: 80,
        }
    }
}

/// How a sibling writes the value of a key: what a new entry copies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    Flow,
    Block,
    Scalar(Style),
}

/// Shapes of a sibling's keys, in its order.
pub(crate) type Template = Vec<(String, Shape)>;

/// How a sibling writes `key`, else how the format does: funding shares are a flow map
/// (`funding: {icb: 40, la: 60}`) in plan-format.md.
fn shape_of(template: Option<&Template>, key: &str) -> Option<Shape> {
    let from_sibling = template.and_then(|t| t.iter().find(|(k, _)| k == key));
    match from_sibling {
        Some((_, shape)) => Some(*shape),
        None if key == "funding" => Some(Shape::Flow),
        None => None,
    }
}

fn is_special_char(c: char) -> bool {
    c.is_control() || matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}')
}

/// True when `s` can be written plain and reads back as the same string, for libyaml and for
/// YAML 1.1 readers alike (so `2026-12-01` as text is quoted; see `inline_scalar` for dates).
pub(crate) fn plain_ok(s: &str, flow: bool) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if s.trim() != s
        || s.chars().any(is_special_char)
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s == "<<"
        || (flow && s.contains([',', '[', ']', '{', '}']))
        || YAML11_BOOLS.contains(&s)
        || (first.is_ascii_digit() && s.contains(':'))
        || yaml11_retypes(s)
    {
        return false;
    }
    matches!(serde_yaml::from_str::<Value>(s), Ok(Value::String(back)) if back == s)
}

pub(crate) fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\u{85}' => out.push_str("\\N"),
            '\u{2028}' => out.push_str("\\L"),
            '\u{2029}' => out.push_str("\\P"),
            c if is_special_char(c) => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// `'...'` with `''` for a quote; `None` when the text needs escapes only `"..."` has.
pub(crate) fn single_quoted(s: &str) -> Option<String> {
    if s.chars().any(is_special_char) {
        return None;
    }
    Some(format!("'{}'", s.replace('\'', "''")))
}

/// A non-string scalar as YAML (`null`, `true`, `12`); `None` for strings and collections.
fn plain_non_string(v: &Value) -> Option<String> {
    match v {
        Value::Null => Some("null".into()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A scalar on one line in the given style, falling back to plain or `"..."` when that style
/// cannot hold it; `key` is the key it is written under (a date under a date key stays
/// plain). `None` for collections.
pub(crate) fn inline_scalar(
    v: &Value,
    style: Style,
    flow: bool,
    key: Option<&str>,
) -> Option<String> {
    if let Some(text) = plain_non_string(v) {
        return Some(text);
    }
    let Value::String(s) = v else {
        return None;
    };
    Some(match style {
        Style::Single => single_quoted(s).unwrap_or_else(|| double_quoted(s)),
        Style::Double => double_quoted(s),
        _ if is_plain_date(s, key) || plain_ok(s, flow) => s.clone(),
        _ => double_quoted(s),
    })
}

/// A mapping key as YAML.
pub(crate) fn key_text(k: &Value) -> String {
    match k {
        Value::String(s) if plain_ok(s, false) => s.clone(),
        Value::String(s) => double_quoted(s),
        other => plain_non_string(other).unwrap_or_else(|| double_quoted(&flow(other))),
    }
}

/// A value in flow style: `{icb: 40, la: 60}`, `[a, b]`, or a scalar.
pub(crate) fn flow(v: &Value) -> String {
    flow_under(v, None)
}

/// `flow` for a value written under `key` (a date under a date key stays plain).
pub(crate) fn flow_under(v: &Value, key: Option<&str>) -> String {
    match v {
        Value::Mapping(m) => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}: {}", flow_key(k), flow_under(v, k.as_str())))
                .collect();
            format!("{{{}}}", parts.join(", "))
        }
        Value::Sequence(items) => {
            let parts: Vec<String> = items.iter().map(flow).collect();
            format!("[{}]", parts.join(", "))
        }
        Value::Tagged(t) => flow_under(&t.value, key),
        scalar => inline_scalar(scalar, Style::Plain, true, key).unwrap_or_default(),
    }
}

fn flow_key(k: &Value) -> String {
    match k {
        Value::String(s) if plain_ok(s, true) => s.clone(),
        Value::String(s) => double_quoted(s),
        other => flow(other),
    }
}

/// The body of a `|` or `>` block scalar holding `s`: the chomping indicator (`""` clip, `"-"`
/// strip) and the lines at `indent` (empty lines left empty). `None` when the text cannot be
/// written that way (leading space, control characters, interior line breaks in a folded block,
/// several trailing line breaks).
pub(crate) fn block_scalar(
    s: &str,
    folded: bool,
    indent: usize,
    width: usize,
) -> Option<(&'static str, Vec<String>)> {
    let body = s.strip_suffix('\n').unwrap_or(s);
    let chomp = if body.len() == s.len() { "-" } else { "" };
    if body.is_empty()
        || body.ends_with('\n')
        || body.starts_with([' ', '\t'])
        || body
            .chars()
            .any(|c| is_special_char(c) && c != '\n' && c != '\t')
    {
        return None;
    }
    let pad = " ".repeat(indent);
    if !folded {
        let lines = body
            .split('\n')
            .map(|l| {
                if l.is_empty() {
                    String::new()
                } else {
                    format!("{pad}{l}")
                }
            })
            .collect();
        return Some((chomp, lines));
    }
    if body.contains(['\n', '\t']) {
        return None;
    }
    Some((chomp, wrap(body, indent, width)))
}

/// Greedy word wrap at single spaces only, so folding gives the text back exactly.
fn wrap(text: &str, indent: usize, width: usize) -> Vec<String> {
    let pad = " ".repeat(indent);
    let room = width.saturating_sub(indent).max(20);
    let bytes = text.as_bytes();
    let mut lines = Vec::new();
    let mut start = 0;
    let mut last_break = None;
    let mut i = 0;
    while i < text.len() {
        let breakable = bytes[i] == b' '
            && i > start
            && bytes[i - 1] != b' '
            && i + 1 < bytes.len()
            && bytes[i + 1] != b' ';
        if breakable {
            if text[start..i].chars().count() > room
                && let Some(b) = last_break
            {
                lines.push(format!("{pad}{}", &text[start..b]));
                start = b + 1;
            }
            last_break = Some(i);
        }
        i += 1;
    }
    if text[start..].chars().count() > room
        && let Some(b) = last_break.filter(|&b| b > start)
    {
        lines.push(format!("{pad}{}", &text[start..b]));
        start = b + 1;
    }
    lines.push(format!("{pad}{}", &text[start..]));
    lines
}

/// The lines of a block mapping or sequence body, each starting with its indentation.
pub(crate) fn body_lines(
    v: &Value,
    indent: usize,
    layout: &Layout,
    template: Option<&Template>,
) -> Vec<String> {
    match v {
        Value::Mapping(m) => m
            .iter()
            .flat_map(|(k, v)| {
                let key = key_text(k);
                let shape = k.as_str().and_then(|k| shape_of(template, k));
                entry_lines(&key, v, indent, layout, shape)
            })
            .collect(),
        Value::Sequence(items) => items
            .iter()
            .flat_map(|item| item_lines(item, indent, layout, None))
            .collect(),
        Value::Tagged(t) => body_lines(&t.value, indent, layout, template),
        scalar => vec![format!(
            "{}{}",
            " ".repeat(indent),
            inline_scalar(scalar, Style::Plain, false, None).unwrap_or_default()
        )],
    }
}

/// One sequence item with its `-` at column `dash`, laid out like its siblings.
pub(crate) fn item_lines(
    item: &Value,
    dash: usize,
    layout: &Layout,
    template: Option<&Template>,
) -> Vec<String> {
    let inner = dash + layout.item_offset.max(2);
    let mut lines = match item {
        Value::Mapping(m) if !m.is_empty() => body_lines(item, inner, layout, template),
        Value::Sequence(s) if !s.is_empty() => vec![format!("{}{}", " ".repeat(inner), flow(item))],
        _ => {
            let (first, rest) = scalar_lines(item, inner, layout, None, None);
            let mut lines = vec![format!("{}{first}", " ".repeat(inner))];
            lines.extend(rest);
            lines
        }
    };
    let dash_prefix = format!("{}-{}", " ".repeat(dash), " ".repeat(inner - dash - 1));
    lines[0].replace_range(..inner, &dash_prefix);
    lines
}

/// `key: value` and any lines below it, the key at column `indent`.
pub(crate) fn entry_lines(
    key: &str,
    v: &Value,
    indent: usize,
    layout: &Layout,
    shape: Option<Shape>,
) -> Vec<String> {
    let pad = " ".repeat(indent);
    let (inline, below) = value_after_key(v, indent, layout, shape, None, Some(key));
    let mut lines = vec![format!("{pad}{key}:{inline}")];
    lines.extend(below);
    lines
}

/// What follows `key:` on its line (with its leading space, or empty) and the lines below it
/// for a value whose key (`key`, when known) sits at column `key_col`.
pub(crate) fn value_after_key(
    v: &Value,
    key_col: usize,
    layout: &Layout,
    shape: Option<Shape>,
    template: Option<&Template>,
    key: Option<&str>,
) -> (String, Vec<String>) {
    match v {
        Value::Mapping(m) if m.is_empty() => (" {}".into(), vec![]),
        Value::Sequence(s) if s.is_empty() => (" []".into(), vec![]),
        Value::Mapping(_) if shape == Some(Shape::Flow) => (format!(" {}", flow(v)), vec![]),
        Value::Mapping(_) => (
            String::new(),
            body_lines(v, key_col + layout.step, layout, template),
        ),
        Value::Sequence(items) => {
            let all_scalars = items
                .iter()
                .all(|i| !matches!(i, Value::Mapping(_) | Value::Sequence(_)));
            let inline = format!(" {}", flow(v));
            let flow_fits = all_scalars && key_col + inline.len() < layout.width;
            if shape == Some(Shape::Flow) || (shape.is_none() && flow_fits) {
                (inline, vec![])
            } else {
                let dash = key_col + layout.seq_indent;
                let lines = items
                    .iter()
                    .flat_map(|item| item_lines(item, dash, layout, template))
                    .collect();
                (String::new(), lines)
            }
        }
        Value::Tagged(t) => value_after_key(&t.value, key_col, layout, shape, template, key),
        scalar => {
            let style = match shape {
                Some(Shape::Scalar(style)) => Some(style),
                _ => None,
            };
            let (first, rest) = scalar_lines(scalar, key_col + layout.step, layout, style, key);
            (format!(" {first}"), rest)
        }
    }
}

/// A scalar as the text after `key: ` plus any block lines at `indent`: one line when it fits,
/// a `|` block for multi-line text, `"..."` otherwise.
fn scalar_lines(
    v: &Value,
    indent: usize,
    layout: &Layout,
    style: Option<Style>,
    key: Option<&str>,
) -> (String, Vec<String>) {
    if let Value::String(s) = v
        && s.contains('\n')
        && let Some((chomp, lines)) = block_scalar(s, false, indent, layout.width)
    {
        return (format!("|{chomp}"), lines);
    }
    let style = match style {
        Some(quoted @ (Style::Single | Style::Double)) => quoted,
        _ => Style::Plain,
    };
    let text = inline_scalar(v, style, false, key).unwrap_or_default();
    // Text too long for its line (an ending's reasons moved into `history`) is folded at
    // spaces, as a person would write it, when folding gives it back exactly.
    let key_room = key.map_or(0, |key| key.chars().count() + 2);
    if let Value::String(s) = v
        && style == Style::Plain
        && indent.saturating_sub(layout.step) + key_room + text.chars().count() > layout.width
        && let Some((chomp, lines)) = block_scalar(s, true, indent, layout.width)
        && lines.len() > 1
    {
        return (format!(">{chomp}"), lines);
    }
    (text, vec![])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(text: &str) -> Value {
        Value::String(text.into())
    }

    #[test]
    fn plain_only_when_it_reads_back_as_the_same_string() {
        for ok in ["Zoë Ñ 東京", "CMHT North", "N2", "J.S.", "a-b"] {
            assert!(plain_ok(ok, false), "{ok}");
        }
        for bad in [
            "3", "45A:", "true", "yes", "No", "null", "~", "", " x", "a: b", "a #b", "- x", "*x",
            "'q'", "1.5", "0x1F", "12:30", "<<",
        ] {
            assert!(!plain_ok(bad, false), "{bad}");
        }
        assert!(!plain_ok("a, b", true));
        assert_eq!(
            inline_scalar(&s("3"), Style::Plain, false, None).unwrap(),
            "\"3\""
        );
        assert_eq!(
            inline_scalar(&s("it's"), Style::Single, false, None).unwrap(),
            "'it''s'"
        );
        assert_eq!(double_quoted("a\"\\\n\u{1}"), "\"a\\\"\\\\\\n\\u0001\"");
    }

    #[test]
    fn wraps_folded_text_only_at_single_spaces() {
        let text = "Supported living placement, 24h staffed, with help to manage tenancy and bills and more words here";
        let (chomp, lines) = block_scalar(text, true, 6, 60).unwrap();
        assert_eq!(chomp, "-");
        assert!(lines.len() > 1);
        let joined: Vec<&str> = lines.iter().map(|l| l.trim_start()).collect();
        assert_eq!(joined.join(" "), text);
        assert!(block_scalar(" lead", true, 2, 80).is_none());
        assert!(block_scalar("a\nb", true, 2, 80).is_none());
        assert_eq!(
            block_scalar("a\n\nb\n", false, 2, 80).unwrap().1,
            ["  a", "", "  b"]
        );
    }

    #[test]
    fn renders_items_like_siblings() {
        let item: Value = serde_yaml::from_str("{id: N3, care: {icb: 100}, tags: [a, b]}").unwrap();
        let layout = Layout {
            item_offset: 4,
            ..Layout::default()
        };
        let template = vec![("care".to_string(), Shape::Flow)];
        let lines = item_lines(&item, 2, &layout, Some(&template));
        assert_eq!(
            lines,
            [
                "  -   id: N3",
                "      care: {icb: 100}",
                "      tags: [a, b]"
            ]
        );
        let lines = item_lines(&item, 0, &Layout::default(), None);
        assert_eq!(
            lines,
            ["- id: N3", "  care:", "    icb: 100", "  tags: [a, b]"]
        );
        let need: Value = serde_yaml::from_str("{id: N4, funding: {la: 100}}").unwrap();
        let lines = item_lines(&need, 0, &Layout::default(), None);
        assert_eq!(
            lines,
            ["- id: N4", "  funding: {la: 100}"],
            "the format's flow funding"
        );
    }
}
