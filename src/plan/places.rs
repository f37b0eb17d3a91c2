//! Where a plan's findings point: found in the tree the one-pass reader made (no second
//! parse), or in a span index built from the text (for text libyaml read).

use std::borrow::Cow;

use serde_yaml::Value;

use super::finding::{Location, Segment, YamlPath};
use super::parse::tree::ReadTree;
use super::spans::{NodeSpan, SpanIndex, locate_by};

/// More findings than this in one plan, and the tree is indexed once (a pass over every
/// node) rather than walked for each: a plan of 10,000 needs with a finding on each stays
/// linear.
const WALKS_BEFORE_INDEXING: usize = 32;

/// Where the nodes of one plan's text sit.
#[derive(Debug, Clone)]
pub enum Places {
    /// From the one-pass reader: its value and each node's place, in document order.
    Tree(ReadTree),
    /// A span index of the text, already built.
    Index(SpanIndex),
    /// Nothing kept: the text is indexed when a finding needs a place.
    Text,
}

/// A way to look places up, made for the number of findings to place.
pub enum Locator<'a> {
    Walk(&'a ReadTree),
    Index(Cow<'a, SpanIndex>),
}

impl Places {
    /// A locator for `findings` findings; `text` is what was read (indexed only for `Text`).
    pub fn locator<'a>(&'a self, text: &str, findings: usize) -> Locator<'a> {
        match self {
            Places::Tree(tree) if findings <= WALKS_BEFORE_INDEXING => Locator::Walk(tree),
            Places::Tree(tree) => Locator::Index(Cow::Owned(index_of(tree))),
            Places::Index(index) => Locator::Index(Cow::Borrowed(index)),
            Places::Text => Locator::Index(Cow::Owned(super::parse::spans_of(text))),
        }
    }
}

impl Locator<'_> {
    /// Where a finding about `path` points (see [`locate_by`]).
    pub fn locate(&self, path: &YamlPath, at_key: bool) -> Location {
        match self {
            Locator::Walk(tree) => locate_by(|path| walk(tree, path), path, at_key),
            Locator::Index(index) => index.locate(path, at_key),
        }
    }
}

/// How many places `value` and everything in it take (a mapping's keys are one each).
fn nodes_in(value: &Value) -> usize {
    match value {
        Value::Mapping(mapping) => {
            1 + mapping
                .iter()
                .map(|(key, value)| nodes_in(key) + nodes_in(value))
                .sum::<usize>()
        }
        Value::Sequence(items) => 1 + items.iter().map(nodes_in).sum::<usize>(),
        Value::Tagged(tagged) => nodes_in(&tagged.value),
        _ => 1,
    }
}

/// The node at `path`, found by walking the tree and counting the places it passes.
fn walk(tree: &ReadTree, path: &YamlPath) -> Option<NodeSpan> {
    let mut value = &tree.value;
    let mut at = 0usize;
    let mut key = None;
    for segment in &path.0 {
        // The collection's own place, then its children's.
        at += 1;
        match (value, segment) {
            (Value::Mapping(mapping), Segment::Key(wanted)) => {
                let mut found = None;
                for (entry_key, entry_value) in mapping {
                    if entry_key.as_str() == Some(wanted.as_str()) {
                        found = Some(entry_value);
                        break;
                    }
                    at += nodes_in(entry_key) + nodes_in(entry_value);
                }
                value = found?;
                key = Some(*tree.places.get(at)?);
                at += 1;
            }
            (Value::Sequence(items), Segment::Index(index)) => {
                value = items.get(*index)?;
                at += items[..*index].iter().map(nodes_in).sum::<usize>();
                key = None;
            }
            _ => return None,
        }
    }
    Some(NodeSpan {
        key,
        value: *tree.places.get(at)?,
    })
}

/// A span index of the whole tree, in one pass over its nodes.
fn index_of(tree: &ReadTree) -> SpanIndex {
    let mut index = SpanIndex::default();
    let mut places = tree.places.iter().copied();
    add(&mut index, &mut places, &tree.value, None, None);
    index
}

/// Adds `value` (and everything in it) to `index`, taking places in document order.
fn add(
    index: &mut SpanIndex,
    places: &mut impl Iterator<Item = Location>,
    value: &Value,
    parent: Option<(u32, Segment)>,
    key: Option<Location>,
) {
    let Some(here) = places.next() else {
        return;
    };
    let number = index.push(parent, NodeSpan { key, value: here });
    match value {
        Value::Mapping(mapping) => {
            for (entry_key, entry_value) in mapping {
                let key_place = places.next();
                let segment = Segment::Key(entry_key.as_str().unwrap_or("?").to_owned());
                add(
                    index,
                    places,
                    entry_value,
                    Some((number, segment)),
                    key_place,
                );
            }
        }
        Value::Sequence(items) => {
            for (position, item) in items.iter().enumerate() {
                add(
                    index,
                    places,
                    item,
                    Some((number, Segment::Index(position))),
                    None,
                );
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::parse::tree::read_tree;

    /// Every path of a span index built from the text, for comparing with the tree's.
    fn every_path(value: &Value, path: YamlPath, out: &mut Vec<YamlPath>) {
        out.push(path.clone());
        match value {
            Value::Mapping(mapping) => {
                for (key, value) in mapping {
                    every_path(value, path.key(key.as_str().unwrap_or("?")), out);
                }
            }
            Value::Sequence(items) => {
                for (index, item) in items.iter().enumerate() {
                    every_path(item, path.index(index), out);
                }
            }
            _ => {}
        }
    }

    const TEXT: &str = "\
schema: aftercare/v1
id: S117-0001   # a comment
needs:
  - id: N1
    funding: {icb: 40, la: 60}
    notes: |
      two
      lines
  - id: N2
    attendees: [a, 'b c', \"d\"]
    funding:
      icb: 100
empty:
ending:
  date: 2027-01-31
";

    #[test]
    fn the_walk_the_index_and_a_second_parse_agree_on_every_path() {
        for text in [TEXT.to_owned(), TEXT.replace('\n', "\r\n")] {
            let tree = read_tree(&text).expect("plain text is read in one pass");
            let reparsed = SpanIndex::build(&text);
            let indexed = index_of(&tree);
            let mut paths = Vec::new();
            every_path(&tree.value, YamlPath::root(), &mut paths);
            assert!(paths.len() > 20, "{paths:?}");
            for path in paths.iter().chain([&YamlPath::root().key("missing")]) {
                let expected = reparsed.get(path);
                assert_eq!(walk(&tree, path), expected, "{path}");
                assert_eq!(indexed.get(path), expected, "{path}");
                for at_key in [false, true] {
                    assert_eq!(
                        Locator::Walk(&tree).locate(path, at_key),
                        reparsed.locate(path, at_key)
                    );
                }
            }
        }
    }
}
