//! A plan's text read in one pass: the `serde_yaml` value and where each of its nodes sits,
//! both from saphyr-parser's events, so a plan is parsed once (not by libyaml for its values
//! and again by saphyr for its findings' lines and columns).
//!
//! It reads only text both parsers read alike, and says `None` for anything else: a tab, a
//! backslash, a lone carriage return, no line break at the end, a character libyaml refuses
//! or reads as a line break (NEL, LS, PS), a directive or document marker, an anchor, a tag,
//! an alias, a key that is not plain text, given twice or longer than libyaml's simple keys,
//! a plain scalar starting with an indicator, a `:` or a one-pair mapping inside `[...]` or
//! `{...}`, nesting deeper than a plan goes, an integer too big for `serde_yaml`'s numbers,
//! or any error. The caller then reads the text as before, with libyaml, which gives the
//! same value or the same error as ever. Plain scalars are resolved by `serde_yaml`'s own
//! rules (copied below: null, booleans, integers, floats, else text).
//! The differential tests check that whatever this reads, libyaml reads as the same value.

use std::borrow::Cow;

use saphyr_parser::{Event, Parser, ScalarStyle, Span};
use serde_yaml::{Mapping, Number, Value};

use crate::plan::finding::Location;
use crate::plan::spans::MAX_NESTING;

/// A document read in one pass: its value, and each node's place in document order (a
/// mapping, then each key and its value in turn; a sequence, then its items).
#[derive(Debug, Clone)]
pub struct ReadTree {
    pub value: Value,
    pub places: Vec<Location>,
}

/// libyaml takes a key on one line of at most 1024 characters as a simple key; longer ones
/// are left to libyaml, whatever saphyr makes of them.
const SIMPLE_KEY_LIMIT: usize = 1000;

/// Whether `text` holds only what the two parsers are known to read alike: one branch-free
/// pass over its bytes, then a look at each line start, carriage return and the first byte
/// of each character that could be a refused one (it is UTF-8 already).
fn plain_enough(text: &str) -> bool {
    let bytes = text.as_bytes();
    // Without a line break at its end, a block scalar ending the file keeps one to saphyr and
    // none to libyaml (`a: |\n  x`).
    if !text.ends_with('\n') {
        return false;
    }
    // Never: a tab or another C0 control but LF and CR, DEL, a backslash (an escape).
    let (mut refused, mut wide, mut carriage_return) = (false, false, false);
    for &byte in bytes {
        refused |=
            (byte < 0x20) & (byte != b'\n') & (byte != b'\r') | (byte == 0x7f) | (byte == b'\\');
        wide |= byte >= 0x80;
        carriage_return |= byte == b'\r';
    }
    if refused {
        return false;
    }
    // A directive or a document marker (`---`, `...`: where documents start and end is left
    // to libyaml) at the start of a line.
    let line_starts = std::iter::once(0).chain(memchr::memchr_iter(b'\n', bytes).map(|at| at + 1));
    for start in line_starts {
        if let [b'%', ..] | [b'-', b'-', b'-', ..] | [b'.', b'.', b'.', ..] = &bytes[start..] {
            return false;
        }
    }
    // A carriage return only as the first half of a CRLF line end.
    if carriage_return
        && memchr::memchr_iter(b'\r', bytes).any(|at| bytes.get(at + 1) != Some(&b'\n'))
    {
        return false;
    }
    if !wide {
        return true;
    }
    !memchr::memchr3_iter(0xc2, 0xe2, 0xef, bytes).any(|at| {
        let after = |offset: usize| bytes.get(at + offset).copied().unwrap_or(0);
        match bytes[at] {
            // U+0080 to U+009F: C1 controls, NEL among them (a line break to YAML 1.1 only).
            0xc2 => after(1) < 0xa0,
            // LS and PS (line breaks to YAML 1.1 only).
            0xe2 => after(1) == 0x80 && matches!(after(2), 0xa8 | 0xa9),
            // A byte-order mark inside the text; U+FFFE and U+FFFF.
            _ => matches!((after(1), after(2)), (0xbb, 0xbf) | (0xbf, 0xbe | 0xbf)),
        }
    })
}

/// Where a node starts, as findings count (line from 1, column from 1).
fn place(span: &Span) -> Location {
    Location {
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

/// A collection being read: a mapping's entries are gathered and made a `Mapping` at its
/// end (one hash a key, and no growing).
enum Open {
    Sequence(Vec<Value>),
    Mapping(Vec<(Value, Value)>, Option<Value>),
}

/// Whether a collection starting at `span` is in flow style (`[`, `{`: saphyr gives its
/// start the indicator's width; a block collection's start is empty).
fn is_flow(span: &Span) -> bool {
    span.end.index() > span.start.index()
}

/// Read `text` (without a byte-order mark), if it
/// is text this reader reads exactly as libyaml does; `None` to leave it to libyaml.
pub fn read_tree(text: &str) -> Option<ReadTree> {
    if !plain_enough(text) {
        return None;
    }
    // About one node to every 13 bytes of a plan.
    let mut places = Vec::with_capacity(text.len() / 12);
    let mut stack: Vec<Open> = Vec::new();
    // Whether each open collection is in flow style.
    let mut flow: Vec<bool> = Vec::new();
    let mut root = None;
    let mut documents = 0;
    let mut parser = Parser::new_from_str(text);
    loop {
        let (event, span) = parser.next_event()?.ok()?;
        let node = match event {
            Event::StreamStart | Event::DocumentEnd | Event::Nothing => continue,
            Event::StreamEnd => break,
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    return None;
                }
                continue;
            }
            // Anchors (saphyr takes some names libyaml refuses), aliases and tags.
            Event::Alias(_) => return None,
            Event::Scalar(_, _, anchor, tag) if anchor != 0 || tag.is_some() => {
                return None;
            }
            Event::SequenceStart(anchor, tag) | Event::MappingStart(anchor, tag)
                if anchor != 0 || tag.is_some() =>
            {
                return None;
            }
            // Deeper than a plan goes is left to libyaml (its limits, its words).
            Event::SequenceStart(..) | Event::MappingStart(..) if stack.len() >= MAX_NESTING => {
                return None;
            }
            Event::SequenceStart(..) => {
                places.push(place(&span));
                flow.push(is_flow(&span));
                stack.push(Open::Sequence(Vec::new()));
                continue;
            }
            Event::MappingStart(..) => {
                // A mapping of one pair inside a flow collection (`[a: b]`, `[a:, b]`):
                // YAML 1.2 takes more of these than libyaml does; all are left to libyaml.
                if flow.last().copied().unwrap_or(false) && !is_flow(&span) {
                    return None;
                }
                places.push(place(&span));
                flow.push(is_flow(&span));
                stack.push(Open::Mapping(Vec::new(), None));
                continue;
            }
            Event::Scalar(text, style, ..) => {
                places.push(place(&span));
                let awaiting_key = matches!(stack.last(), Some(Open::Mapping(_, None)));
                if awaiting_key && span.end.index() - span.start.index() > SIMPLE_KEY_LIMIT {
                    return None;
                }
                // libyaml refuses a `:` in a plain scalar inside `[...]` or `{...}`
                // (`[a:b]`), which YAML 1.2 allows.
                let in_flow = flow.last().copied().unwrap_or(false);
                if in_flow && style == ScalarStyle::Plain && text.contains(':') {
                    return None;
                }
                scalar(text, style)?
            }
            Event::SequenceEnd | Event::MappingEnd => {
                flow.pop();
                collection_end(&event, stack.pop()?)?
            }
        };
        match stack.last_mut() {
            None => {
                if root.replace(node).is_some() {
                    return None;
                }
            }
            Some(Open::Sequence(items)) => items.push(node),
            Some(Open::Mapping(entries, pending)) => match pending.take() {
                Some(key) => entries.push((key, node)),
                // Keys are plain text: anything else is left to libyaml, which reads other
                // keys its own way.
                None if node.is_string() => *pending = Some(node),
                None => return None,
            },
        }
    }
    Some(ReadTree {
        value: root?,
        places,
    })
}

/// The value of a collection that `end` closes; `None` when the two do not match.
fn collection_end(end: &Event, open: Open) -> Option<Value> {
    match (end, open) {
        (Event::SequenceEnd, Open::Sequence(items)) => Some(Value::Sequence(items)),
        (Event::MappingEnd, Open::Mapping(entries, None)) => {
            Some(Value::Mapping(mapping_of(entries)?))
        }
        _ => None,
    }
}

/// The mapping of `entries`; `None` when a key is given twice (left to libyaml, which
/// refuses it).
fn mapping_of(entries: Vec<(Value, Value)>) -> Option<Mapping> {
    let mut mapping = Mapping::with_capacity(entries.len());
    for (key, value) in entries {
        if mapping.insert(key, value).is_some() {
            return None;
        }
    }
    Some(mapping)
}

/// A plain scalar's value on one line (`2026-11-30`, `0x1F`, `N2`) as `serde_yaml` reads
/// it; `None` when only libyaml can say (an indicator first, a number too big).
pub fn resolve_plain(text: &str) -> Option<Value> {
    if text.contains(['\n', '\r']) {
        return None;
    }
    scalar(Cow::Borrowed(text), ScalarStyle::Plain)
}

/// A scalar's value as `serde_yaml` reads it into a `Value`: quoted and block scalars are
/// text; plain ones are resolved. `None`: an integer `serde_yaml`'s `Value` refuses.
fn scalar(text: Cow<str>, style: ScalarStyle) -> Option<Value> {
    if style != ScalarStyle::Plain {
        return Some(Value::String(text.into_owned()));
    }
    // A plain scalar starting with an indicator: YAML 1.2 (saphyr) allows some that libyaml
    // refuses (`[a, >b]`); all are left to libyaml, but for a minus sign before a number.
    let mut chars = text.chars();
    let starts_with_indicator = match chars.next() {
        Some('-') => !chars.next().is_some_and(|c| c.is_ascii_digit() || c == '.'),
        Some(c) => "?:,[]{}#&*!|>'\"%@`".contains(c),
        None => false,
    };
    if starts_with_indicator {
        return None;
    }
    if text.is_empty() || matches!(text.as_ref(), "null" | "Null" | "NULL" | "~") {
        return Some(Value::Null);
    }
    match text.as_ref() {
        "true" | "True" | "TRUE" => return Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => return Some(Value::Bool(false)),
        _ => {}
    }
    // Only text that starts as a number can be one: most scalars are words.
    if !text.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '+' | '-' | '.')) {
        return Some(Value::String(text.into_owned()));
    }
    let number: &str = &text;
    if let Some(int) = parse_unsigned_int(number, u64::from_str_radix) {
        return Some(Value::Number(Number::from(int)));
    }
    if let Some(int) = parse_negative_int(number, i64::from_str_radix) {
        return Some(Value::Number(Number::from(int)));
    }
    if parse_unsigned_int(number, u128::from_str_radix).is_some()
        || parse_negative_int(number, i128::from_str_radix).is_some()
    {
        return None;
    }
    if !digits_but_not_number(number)
        && let Some(float) = parse_f64(number)
    {
        return Some(Value::Number(Number::from(float)));
    }
    Some(Value::String(text.into_owned()))
}

// The rules below are `serde_yaml`'s (yaml_serde 0.10, `de.rs`), copied so a plain scalar
// means the same whichever parser read it; the differential tests hold them to it.

fn parse_unsigned_int<T>(
    scalar: &str,
    from_str_radix: fn(&str, u32) -> Result<T, std::num::ParseIntError>,
) -> Option<T> {
    let unpositive = scalar.strip_prefix('+').unwrap_or(scalar);
    for (prefix, radix) in [("0x", 16), ("0o", 8), ("0b", 2)] {
        if let Some(rest) = unpositive.strip_prefix(prefix) {
            if rest.starts_with(['+', '-']) {
                return None;
            }
            if let Ok(int) = from_str_radix(rest, radix) {
                return Some(int);
            }
        }
    }
    if unpositive.starts_with(['+', '-']) || digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(unpositive, 10).ok()
}

fn parse_negative_int<T>(
    scalar: &str,
    from_str_radix: fn(&str, u32) -> Result<T, std::num::ParseIntError>,
) -> Option<T> {
    for (prefix, radix) in [("-0x", 16), ("-0o", 8), ("-0b", 2)] {
        if let Some(rest) = scalar.strip_prefix(prefix)
            && let Ok(int) = from_str_radix(&format!("-{rest}"), radix)
        {
            return Some(int);
        }
    }
    if digits_but_not_number(scalar) {
        return None;
    }
    from_str_radix(scalar, 10).ok()
}

fn parse_f64(scalar: &str) -> Option<f64> {
    let unpositive = match scalar.strip_prefix('+') {
        Some(unpositive) if unpositive.starts_with(['+', '-']) => return None,
        Some(unpositive) => unpositive,
        None => scalar,
    };
    if let ".inf" | ".Inf" | ".INF" = unpositive {
        return Some(f64::INFINITY);
    }
    if let "-.inf" | "-.Inf" | "-.INF" = scalar {
        return Some(f64::NEG_INFINITY);
    }
    if let ".nan" | ".NaN" | ".NAN" = scalar {
        return Some(f64::NAN.copysign(1.0));
    }
    unpositive
        .parse::<f64>()
        .ok()
        .filter(|float| float.is_finite())
}

fn digits_but_not_number(scalar: &str) -> bool {
    let scalar = scalar.strip_prefix(['-', '+']).unwrap_or(scalar);
    scalar.len() > 1 && scalar.starts_with('0') && scalar[1..].bytes().all(|b| b.is_ascii_digit())
}

#[cfg(test)]
#[path = "tree_tests.rs"]
mod tests;
