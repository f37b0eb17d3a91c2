//! Where each YAML path sits in the text (line and column), for findings.
//!
//! The plan itself is read by `serde_yaml` (libyaml's grammar); this index is built from
//! `saphyr-parser` events, which carry positions. Should the two parsers ever disagree on a
//! file, positions fall back to the nearest known parent, never to a wrong value.

use std::collections::{HashMap, HashSet};

use saphyr_parser::{Event, Parser, Span};

use super::finding::{Location, YamlPath};

/// Where one node sits: its key (for mapping entries) and its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NodeSpan {
    pub key: Option<Location>,
    pub value: Location,
}

/// Positions of every node in a YAML document, by path.
#[derive(Debug, Default, Clone)]
pub struct SpanIndex {
    nodes: HashMap<YamlPath, NodeSpan>,
    /// Keys given twice in the same mapping: the path and the second key's position.
    pub duplicate_keys: Vec<(YamlPath, Location)>,
}

enum Frame {
    Mapping {
        path: YamlPath,
        pending_key: Option<(String, Location)>,
        seen: HashSet<String>,
    },
    Sequence {
        path: YamlPath,
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

impl SpanIndex {
    /// Index the first document of `text`. Stops quietly at a syntax error.
    pub fn build(text: &str) -> SpanIndex {
        let mut index = SpanIndex::default();
        let mut stack: Vec<Frame> = Vec::new();
        let mut parser = Parser::new_from_str(text);
        let mut documents = 0;
        while let Some(Ok((event, span))) = parser.next_event() {
            match event {
                Event::DocumentStart(_) => {
                    documents += 1;
                    if documents > 1 {
                        break;
                    }
                }
                Event::Scalar(value, ..) => {
                    index.node(&mut stack, &span, Some(value.as_ref()));
                }
                Event::Alias(_) => {
                    index.node(&mut stack, &span, None);
                }
                Event::MappingStart(..) => {
                    let frame = match index.node(&mut stack, &span, None) {
                        Some(path) => Frame::Mapping {
                            path,
                            pending_key: None,
                            seen: HashSet::new(),
                        },
                        None => Frame::Ignored,
                    };
                    stack.push(frame);
                }
                Event::SequenceStart(..) => {
                    let frame = match index.node(&mut stack, &span, None) {
                        Some(path) => Frame::Sequence {
                            path,
                            next_index: 0,
                        },
                        None => Frame::Ignored,
                    };
                    stack.push(frame);
                }
                Event::MappingEnd | Event::SequenceEnd => {
                    stack.pop();
                }
                Event::StreamEnd => break,
                _ => {}
            }
        }
        index
    }

    /// Records a node starting at `span`; returns its path when it is a value (not a key).
    fn node(&mut self, stack: &mut [Frame], span: &Span, scalar: Option<&str>) -> Option<YamlPath> {
        let here = location(span);
        let (path, key) = match stack.last_mut() {
            None => (YamlPath::root(), None),
            Some(Frame::Ignored) => return None,
            Some(Frame::Sequence { path, next_index }) => {
                let item = path.index(*next_index);
                *next_index += 1;
                (item, None)
            }
            Some(Frame::Mapping {
                path,
                pending_key,
                seen,
            }) => match pending_key.take() {
                None => {
                    // This node is a key.
                    let key_text = scalar.unwrap_or("?").to_owned();
                    if !seen.insert(key_text.clone()) {
                        self.duplicate_keys.push((path.key(&key_text), here));
                    }
                    *pending_key = Some((key_text, here));
                    return None;
                }
                Some((key_text, key_location)) => (path.key(&key_text), Some(key_location)),
            },
        };
        self.nodes
            .entry(path.clone())
            .or_insert(NodeSpan { key, value: here });
        Some(path)
    }

    pub fn get(&self, path: &YamlPath) -> Option<NodeSpan> {
        self.nodes.get(path).copied()
    }

    /// Where a finding about `path` should point: the value (or the key when `at_key`),
    /// else the nearest parent that exists (a missing key points at its mapping).
    pub fn locate(&self, path: &YamlPath, at_key: bool) -> Location {
        if let Some(node) = self.nodes.get(path) {
            return match (at_key, node.key) {
                (true, Some(key)) => key,
                _ => node.value,
            };
        }
        let mut current = path.parent();
        while let Some(parent) = current {
            if let Some(node) = self.nodes.get(&parent) {
                return node.value;
            }
            current = parent.parent();
        }
        Location::START
    }
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
}
