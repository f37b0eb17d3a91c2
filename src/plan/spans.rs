//! Where each YAML path sits in the text (line and column), for findings; and the guard that
//! refuses text nested too deeply to be parsed safely.
//!
//! Most plans are read in one pass (`parse::tree`, with places looked up in its tree:
//! `places`); this index is built from `saphyr-parser` events for text libyaml reads, and for
//! the config and themes. Should the two parsers ever disagree on a file, positions fall back
//! to the nearest known parent, never to a wrong value.
//!
//! saphyr-parser reads events without recursion, so it is safe on any input; libyaml (and the
//! recursive parsers that walk its output) are not: 10,000 nested `[` overflow a small stack,
//! and half a million take minutes. Text nested deeper than `MAX_NESTING` is refused here,
//! before anything else parses it.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use saphyr_parser::{Event, Parser, Span};

use super::finding::{Location, Segment, YamlPath};

/// Lists and mappings inside each other, at most: a plan needs four (`needs[0].funding.icb`).
pub const MAX_NESTING: usize = 64;

/// Where one node sits: its key (for mapping entries) and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeSpan {
    pub key: Option<Location>,
    pub value: Location,
}

/// A node of the document: how its parent names it, and where it sits.
#[derive(Debug, Clone)]
struct Node {
    parent: Option<(u32, Segment)>,
    span: NodeSpan,
}

/// Positions of every node in a YAML document, by path.
#[derive(Debug, Default, Clone)]
pub struct SpanIndex {
    /// Nodes in document order; the root (if any) is the first.
    nodes: Vec<Node>,
    /// A node's children by (parent, key or index): the first of a duplicated key wins.
    children: HashMap<(u32, Segment), u32>,
    /// Keys given twice in the same mapping: the path and the second key's position.
    pub duplicate_keys: Vec<(YamlPath, Location)>,
    /// Where the nesting went deeper than `MAX_NESTING`: the text must not be parsed further.
    pub too_deep: Option<Location>,
}

enum Frame {
    Mapping {
        node: u32,
        pending_key: Option<(String, Location)>,
    },
    Sequence {
        node: u32,
        next_index: usize,
    },
    /// A mapping or sequence used as a key: not addressable by our paths.
    Ignored,
}

fn location(span: &Span) -> Location {
    Location {
        line: span.start.line(),
        column: span.start.col() + 1,
    }
}

/// Counts how deep collections nest; remembers where they first went too deep.
#[derive(Default)]
struct Depth {
    depth: usize,
    too_deep: Option<Location>,
}

impl Depth {
    /// A collection starts: false (and the place recorded) when that is one level too many.
    fn enter(&mut self, span: &Span) -> bool {
        self.depth += 1;
        if self.depth > MAX_NESTING {
            self.too_deep = Some(location(span));
            return false;
        }
        true
    }

    fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }
}

/// After a syntax error saphyr stops, but libyaml may read on: bound the nesting it could meet
/// by counting brackets alone (quotes and comments ignored, so this only ever over-counts).
fn brackets_too_deep(text: &str) -> Option<Location> {
    let mut depth = 0usize;
    let (mut line, mut column) = (1, 0);
    for c in text.chars() {
        column += 1;
        match c {
            '\n' => (line, column) = (line + 1, 0),
            '[' | '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(Location { line, column });
                }
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// Whether `text` could nest as deep as half of `MAX_NESTING`, by a bound that only ever
/// over-counts: every `[` and `{` in the text, or on any line its indentation plus its `-`,
/// `?` and `:` followed by a space (each block level needs one more column or one more such
/// indicator). A plan is far below it, so the exact count (a parse) is only made for text that
/// looks deep.
fn may_nest_deeply(text: &str) -> bool {
    const BOUND: usize = MAX_NESTING / 2;
    let bytes = text.as_bytes();
    let opens = bytes.iter().filter(|b| matches!(b, b'[' | b'{')).count();
    opens >= BOUND
        || bytes.split(|b| *b == b'\n').any(|line| {
            // Indicators are not spaces, so a line shorter than the bound cannot reach it.
            if line.len() < BOUND {
                return false;
            }
            let indent = line.iter().take_while(|b| **b == b' ').count();
            // Each byte with the one after it (a space after the last): one pass, no state.
            let indicators = || {
                let after = line.iter().skip(1).chain([&b' ']);
                line.iter()
                    .zip(after)
                    .filter(|(b, after)| {
                        matches!(b, b'-' | b'?' | b':') && matches!(after, b' ' | b'\t' | b'\r')
                    })
                    .count()
            };
            indent >= BOUND || indent + indicators() >= BOUND
        })
}

/// Where `text` nests lists and mappings deeper than `MAX_NESTING`, if it does (every
/// document of it). Cheap: a byte scan, and for text that might be deep one pass of saphyr's
/// events, nothing kept.
pub fn nesting_too_deep(text: &str) -> Option<Location> {
    if !may_nest_deeply(text) {
        return None;
    }
    let mut depth = Depth::default();
    let mut parser = Parser::new_from_str(text);
    loop {
        match parser.next_event() {
            Some(Ok((Event::MappingStart(..) | Event::SequenceStart(..), span))) => {
                if !depth.enter(&span) {
                    return depth.too_deep;
                }
            }
            Some(Ok((Event::MappingEnd | Event::SequenceEnd, _))) => depth.leave(),
            Some(Ok((Event::StreamEnd, _))) | None => return None,
            Some(Ok(_)) => {}
            Some(Err(_)) => return brackets_too_deep(text),
        }
    }
}

impl SpanIndex {
    /// Index the first document of `text` (later documents are only checked for depth).
    /// Stops quietly at a syntax error, and at nesting deeper than `MAX_NESTING`.
    pub fn build(text: &str) -> SpanIndex {
        let mut index = SpanIndex::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut depth = Depth::default();
        let mut parser = Parser::new_from_str(text);
        let mut documents = 0;
        loop {
            let (event, span) = match parser.next_event() {
                Some(Ok(next)) => next,
                Some(Err(_)) => {
                    index.too_deep = brackets_too_deep(text);
                    break;
                }
                None => break,
            };
            let indexing = documents <= 1;
            match event {
                Event::DocumentStart(_) => documents += 1,
                Event::Scalar(value, ..) if indexing => {
                    index.node(&mut stack, &span, Some(value.as_ref()));
                }
                Event::Alias(_) if indexing => {
                    index.node(&mut stack, &span, None);
                }
                Event::MappingStart(..) | Event::SequenceStart(..) => {
                    if !depth.enter(&span) {
                        index.too_deep = depth.too_deep;
                        break;
                    }
                    if indexing {
                        let node = index.node(&mut stack, &span, None);
                        stack.push(match (node, matches!(event, Event::MappingStart(..))) {
                            (Some(node), true) => Frame::Mapping {
                                node,
                                pending_key: None,
                            },
                            (Some(node), false) => Frame::Sequence {
                                node,
                                next_index: 0,
                            },
                            (None, _) => Frame::Ignored,
                        });
                    }
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    depth.leave();
                    if indexing {
                        stack.pop();
                    }
                }
                Event::StreamEnd => break,
                _ => {}
            }
        }
        index
    }

    /// Records a node starting at `span`; returns its number when it is a value (not a key).
    fn node(&mut self, stack: &mut [Frame], span: &Span, scalar: Option<&str>) -> Option<u32> {
        let here = location(span);
        let (parent, key) = match stack.last_mut() {
            None => (None, None),
            Some(Frame::Ignored) => return None,
            Some(Frame::Sequence { node, next_index }) => {
                let item = (*node, Segment::Index(*next_index));
                *next_index += 1;
                (Some(item), None)
            }
            Some(Frame::Mapping { node, pending_key }) => match pending_key.take() {
                None => {
                    // This node is a key: its value comes next.
                    *pending_key = Some((scalar.unwrap_or("?").to_owned(), here));
                    return None;
                }
                Some((key_text, key_location)) => {
                    (Some((*node, Segment::Key(key_text))), Some(key_location))
                }
            },
        };
        Some(self.push(parent, NodeSpan { key, value: here }))
    }

    /// Adds a node (after its parent, in document order) and returns its number. A key its
    /// mapping already has is recorded as given twice; the first keeps the path.
    pub(crate) fn push(&mut self, parent: Option<(u32, Segment)>, span: NodeSpan) -> u32 {
        let key = span.key;
        let number = u32::try_from(self.nodes.len()).unwrap_or(u32::MAX);
        if let Some(parent) = &parent {
            match self.children.entry(parent.clone()) {
                Entry::Occupied(_) => {
                    if let Some(key_location) = key {
                        let mut path = self.path_of(parent.0);
                        path.0.push(parent.1.clone());
                        self.duplicate_keys.push((path, key_location));
                    }
                }
                Entry::Vacant(slot) => {
                    slot.insert(number);
                }
            }
        }
        self.nodes.push(Node { parent, span });
        number
    }

    /// The path of node `number`, from the root.
    fn path_of(&self, number: u32) -> YamlPath {
        let mut segments = Vec::new();
        let mut current = self.nodes.get(number as usize);
        while let Some(Node {
            parent: Some((parent, segment)),
            ..
        }) = current
        {
            segments.push(segment.clone());
            current = self.nodes.get(*parent as usize);
        }
        segments.reverse();
        YamlPath(segments)
    }

    /// The node at `path`, if the document has one.
    fn find(&self, path: &YamlPath) -> Option<&Node> {
        let root = self.nodes.first().filter(|node| node.parent.is_none())?;
        let mut number = 0u32;
        let mut node = root;
        for segment in &path.0 {
            number = *self.children.get(&(number, segment.clone()))?;
            node = self.nodes.get(number as usize)?;
        }
        Some(node)
    }

    pub fn get(&self, path: &YamlPath) -> Option<NodeSpan> {
        self.find(path).map(|node| node.span)
    }

    /// Where a finding about `path` should point: the value (or the key when `at_key`),
    /// else the nearest parent that exists (a missing key points at its mapping).
    pub fn locate(&self, path: &YamlPath, at_key: bool) -> Location {
        locate_by(|path| self.get(path), path, at_key)
    }
}

/// Where a finding about `path` should point, given where nodes sit (`get`): the value (or
/// the key when `at_key`), else the nearest parent that exists, else the start.
pub fn locate_by(
    get: impl Fn(&YamlPath) -> Option<NodeSpan>,
    path: &YamlPath,
    at_key: bool,
) -> Location {
    if let Some(node) = get(path) {
        return match (at_key, node.key) {
            (true, Some(key)) => key,
            _ => node.value,
        };
    }
    let mut current = path.parent();
    while let Some(parent) = current {
        if let Some(node) = get(&parent) {
            return node.value;
        }
        current = parent.parent();
    }
    Location::START
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "\
schema: aftercare/v1
id: S117-0001
needs:
  - id: N1
    funding: {icb: 40, la: 60}
  - id: N2
    funding:
      icb: 100
ending:
  date: 2027-01-31
";

    fn path(parts: &[&str]) -> YamlPath {
        let mut path = YamlPath::root();
        for part in parts {
            path = match part.parse::<usize>() {
                Ok(index) => path.index(index),
                Err(_) => path.key(part),
            };
        }
        path
    }

    #[test]
    fn values_and_keys_have_line_and_column() {
        let index = SpanIndex::build(TEXT);
        let id = index.get(&path(&["id"])).unwrap();
        assert_eq!(id.key, Some(Location { line: 2, column: 1 }));
        assert_eq!(id.value, Location { line: 2, column: 5 });
        let flow = index.get(&path(&["needs", "0", "funding"])).unwrap();
        assert_eq!(
            flow.value,
            Location {
                line: 5,
                column: 14
            }
        );
        let icb = index.get(&path(&["needs", "1", "funding", "icb"])).unwrap();
        assert_eq!(
            icb.value,
            Location {
                line: 8,
                column: 12
            }
        );
    }

    #[test]
    fn block_mapping_value_points_at_its_first_key() {
        let index = SpanIndex::build(TEXT);
        let ending = index.get(&path(&["ending"])).unwrap();
        assert_eq!(
            ending.value,
            Location {
                line: 10,
                column: 3
            }
        );
    }

    #[test]
    fn missing_key_points_at_the_mapping_that_lacks_it() {
        let index = SpanIndex::build(TEXT);
        let missing = path(&["ending", "reasons"]);
        assert_eq!(
            index.locate(&missing, false),
            Location {
                line: 10,
                column: 3
            }
        );
        assert_eq!(
            index.locate(&path(&["nowhere", "at_all"]), false),
            Location::START
        );
    }

    #[test]
    fn duplicate_keys_are_found_at_the_second_key() {
        let index = SpanIndex::build("a: 1\nb: 2\na: 3\n");
        assert_eq!(
            index.duplicate_keys,
            vec![(path(&["a"]), Location { line: 3, column: 1 })]
        );
    }

    #[test]
    fn broken_text_gives_what_was_read_without_panicking() {
        let index = SpanIndex::build("a: 1\nb: [unclosed\n");
        assert!(index.get(&path(&["a"])).is_some());
    }

    #[test]
    fn nesting_past_the_limit_is_found_where_it_goes_too_deep() {
        let deep = format!("id: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
        let at = nesting_too_deep(&deep).unwrap();
        assert_eq!(at.line, 1);
        assert!(
            (4 + MAX_NESTING..8 + MAX_NESTING).contains(&at.column),
            "{at:?}"
        );
        assert_eq!(SpanIndex::build(&deep).too_deep, Some(at));
        let fine = format!(
            "a: {}{}\n",
            "[".repeat(MAX_NESTING - 1),
            "]".repeat(MAX_NESTING - 1)
        );
        assert_eq!(nesting_too_deep(&fine), None);
        assert_eq!(SpanIndex::build(&fine).too_deep, None);
        assert_eq!(nesting_too_deep(TEXT), None);
        // A plan never needs the parse that counts exactly.
        assert!(!may_nest_deeply(TEXT));
        let dated = "notes: 2024-05-10 - 2024-06-01: agreed; 2025-01-02 - 2025-03-04: moved\n";
        assert!(!may_nest_deeply(&dated.repeat(20)));
    }

    /// The bound as first written (a line at a time, all of it): the quick one must agree.
    fn may_nest_deeply_plainly(text: &str) -> bool {
        const BOUND: usize = MAX_NESTING / 2;
        let bytes = text.as_bytes();
        let opens = bytes.iter().filter(|b| matches!(b, b'[' | b'{')).count();
        opens >= BOUND
            || bytes.split(|b| *b == b'\n').any(|line| {
                let indent = line.iter().take_while(|b| **b == b' ').count();
                let mut after = line.iter().skip(1).chain([&b' ']);
                let indicators = line
                    .iter()
                    .filter(|b| {
                        let spaced = matches!(after.next(), Some(b' ' | b'\t' | b'\r'));
                        spaced && matches!(b, b'-' | b'?' | b':')
                    })
                    .count();
                indent >= BOUND || indent + indicators >= BOUND
            })
    }

    proptest::proptest! {
        #[test]
        fn the_quick_depth_bound_agrees_with_the_plain_one(text in "[ a:?\\-\\[{\t\r\n]{0,160}") {
            proptest::prop_assert_eq!(may_nest_deeply(&text), may_nest_deeply_plainly(&text));
        }
    }

    #[test]
    fn block_nesting_and_later_documents_count_too() {
        let dashes = format!("{}x\n", "- ".repeat(1_000));
        assert!(nesting_too_deep(&dashes).is_some());
        assert!(SpanIndex::build(&dashes).too_deep.is_some());
        let second = format!("a: 1\n---\nb: {}\n", "[".repeat(1_000));
        assert!(nesting_too_deep(&second).is_some());
        assert!(SpanIndex::build(&second).too_deep.is_some());
    }

    #[test]
    fn after_a_syntax_error_brackets_alone_bound_the_depth() {
        let broken = format!("a: b: c\nd: {}\n", "{".repeat(500));
        assert!(nesting_too_deep(&broken).is_some());
        assert_eq!(nesting_too_deep("a: b: c\n"), None);
    }

    #[test]
    fn sequence_items_and_nested_keys_are_found() {
        let index = SpanIndex::build(TEXT);
        let second = index.get(&path(&["needs", "1", "id"])).unwrap();
        assert_eq!(second.value, Location { line: 6, column: 9 });
        assert!(index.get(&path(&["needs", "2"])).is_none());
        assert!(index.get(&path(&["needs", "0", "funding", "la"])).is_some());
    }
}
