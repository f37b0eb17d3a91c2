//! Which bytes of plan text, or of a unified diff of it, are the value of an identifying key:
//! for text from the past (a commit's diff), where old values are not among today's
//! identifiers. Read line by line as YAML is written, in any style:
//!
//! - `name: Jane Smith`, `"name": "Jane Smith"`, `- provider: Acme Care`;
//! - values on the lines below their key: block scalars (`name: >-`), plain and quoted
//!   scalars cut across lines, a value alone on the next line (`date_of_birth:`);
//! - flow mappings, on one line or many (`person: {name: Jane Smith, date_of_birth: ...}`).
//!
//! A diff is read as its two versions side by side (context and `-` lines, context and `+`
//! lines), so a value cut across lines is followed in each; each hunk starts afresh.

use std::ops::Range;

use super::{HIDDEN, Identifiers, normalise_field};

/// One identifying key's value as it was read (lines of a value joined by line breaks).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyValue {
    pub key: String,
    pub value: String,
}

/// What reading a text found: where identifying values are, and what they say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IdentifyingText {
    /// Byte ranges of the text that are values of identifying keys, in order, merged.
    pub hidden: Vec<Range<usize>>,
    pub values: Vec<KeyValue>,
}

/// The keys a line is matched on: the last key of each format path (`needs[].provider` is
/// `provider`).
pub fn identifying_keys(fields: &[&str]) -> Vec<String> {
    fields
        .iter()
        .filter_map(|field| normalise_field(field).rsplit('.').next().map(str::to_owned))
        .filter(|key| !key.is_empty())
        .collect()
}

/// Plan text or a diff of it with the value of each identifying field hidden:
/// `-  name: Jane Smith` becomes `-  name: [hidden]`, and so do the lines a value goes on
/// over. `fields` are format paths (`person.name`, `needs.provider`).
pub fn hide_identifying_lines(text: &str, fields: &[&str]) -> String {
    let found = read_identifying_text(text, &identifying_keys(fields));
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    for range in found.hidden {
        out.push_str(&text[rest..range.start]);
        out.push_str(HIDDEN);
        rest = range.end;
    }
    out.push_str(&text[rest..]);
    out
}

/// Learn what the values of identifying keys found in a text would show elsewhere: a name
/// (whole and parts), an NHS number (any spacing), a date of birth (any form), any other
/// value whole (each item of a list).
pub fn learn_values(identifiers: &mut Identifiers, values: &[KeyValue]) {
    for KeyValue { key, value } in values {
        let value = value.trim();
        if value.is_empty() {
            continue;
        }
        match key.as_str() {
            "name" => identifiers.add_name(&value.replace('\n', " ")),
            "nhs_number" => identifiers.add_nhs_number(value),
            "date_of_birth" => identifiers.add_birth_date_text(&value.replace('\n', " ")),
            _ => {
                for item in value
                    .split(['\n', ',', '[', ']', '{', '}'])
                    .map(|item| item.trim().trim_start_matches("- ").trim())
                    .filter(|item| !item.is_empty())
                {
                    identifiers.add_value(item);
                }
                if !value.starts_with(['[', '{', '-']) {
                    identifiers.add_value(&value.replace('\n', " "));
                }
            }
        }
    }
}

/// Read `text` (plan text, or a unified diff of it) for the values of `keys`.
pub fn read_identifying_text(text: &str, keys: &[String]) -> IdentifyingText {
    let mut found = IdentifyingText::default();
    let diff = text.lines().any(|line| line.starts_with("@@"));
    let (mut old, mut new) = (Side::default(), Side::default());
    let mut in_hunk = !diff;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let at = offset;
        offset += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        if !diff {
            new.feed(content, at, keys, &mut found);
            continue;
        }
        if content.starts_with("diff ") || content.starts_with("@@") {
            old.finish(&mut found);
            new.finish(&mut found);
            in_hunk = content.starts_with("@@");
            continue;
        }
        if !in_hunk {
            continue;
        }
        let Some(mark) = content.chars().next() else {
            old.feed("", at, keys, &mut found);
            new.feed("", at, keys, &mut found);
            continue;
        };
        let body = content.get(1..).unwrap_or("");
        match mark {
            ' ' => {
                old.feed(body, at + 1, keys, &mut found);
                new.feed(body, at + 1, keys, &mut found);
            }
            '-' => old.feed(body, at + 1, keys, &mut found),
            '+' => new.feed(body, at + 1, keys, &mut found),
            _ => {}
        }
    }
    old.finish(&mut found);
    new.finish(&mut found);
    found.hidden = merge(std::mem::take(&mut found.hidden));
    found
}

/// Where one version of the text is, line to line.
#[derive(Debug, Clone, Default)]
enum State {
    #[default]
    Keys,
    /// In the value of an identifying key written at this column.
    Value {
        column: usize,
        /// The key's own line had no value (block sequences may then sit at its column).
        empty: bool,
    },
    /// In a flow collection that goes on over lines.
    Flow(Flow),
}

/// One version of the text being read.
#[derive(Debug, Clone, Default)]
struct Side {
    state: State,
    /// The identifying value being read over lines.
    value: Option<KeyValue>,
}

impl Side {
    fn finish(&mut self, found: &mut IdentifyingText) {
        if let State::Flow(flow) = &mut self.state {
            flow.finish(found);
        }
        if let Some(value) = self.value.take() {
            found.values.push(value);
        }
        self.state = State::Keys;
    }

    /// One line (without its diff mark or line break) that starts at byte `at` of the text.
    fn feed(&mut self, line: &str, at: usize, keys: &[String], found: &mut IdentifyingText) {
        let body = line.trim_start_matches([' ', '\t']);
        let indent = line.len() - body.len();
        match &mut self.state {
            State::Value { column, empty } => {
                let more = body.trim().is_empty()
                    || indent > *column
                    || (*empty && indent == *column && (body == "-" || body.starts_with("- ")));
                if more {
                    let text = body.trim_end();
                    if !text.is_empty() {
                        found.hidden.push(at + indent..at + indent + text.len());
                        if let Some(value) = &mut self.value {
                            value.value.push('\n');
                            value.value.push_str(scalar_text(text));
                        }
                    }
                    return;
                }
                self.finish(found);
            }
            State::Flow(flow) => {
                if flow.read(line, 0, at, keys, found) {
                    self.state = State::Keys;
                }
                return;
            }
            State::Keys => {}
        }
        // List dashes before a key or a flow collection: `- provider: X`, `- {name: X}`.
        let mut column = indent;
        let mut rest = body;
        while rest == "-" || rest.starts_with("- ") {
            let after = rest[1..].trim_start_matches([' ', '\t']);
            column += rest.len() - after.len();
            rest = after;
        }
        if rest.starts_with(['{', '[']) {
            self.read_flow(line, column, at, keys, found);
            return;
        }
        let Some((key, after_colon)) = key_of(rest) else {
            return;
        };
        let value_part = &rest[after_colon..];
        let value = value_part.trim();
        let value_at = column + after_colon + (value_part.len() - value_part.trim_start().len());
        if keys.iter().any(|known| known == key) {
            let shown = value.starts_with('#') || is_block_indicator(value);
            if !value.is_empty() && !shown {
                found
                    .hidden
                    .push(at + value_at..at + value_at + value.len());
            }
            self.value = Some(KeyValue {
                key: key.to_owned(),
                value: if shown {
                    String::new()
                } else {
                    scalar_text(value).to_owned()
                },
            });
            self.state = State::Value {
                column,
                empty: value.is_empty() || shown,
            };
        } else if value.starts_with(['{', '[']) {
            self.read_flow(line, value_at, at, keys, found);
        }
    }

    fn read_flow(
        &mut self,
        line: &str,
        from: usize,
        at: usize,
        keys: &[String],
        found: &mut IdentifyingText,
    ) {
        let mut flow = Flow::default();
        if !flow.read(line, from, at, keys, found) {
            self.state = State::Flow(flow);
        }
    }
}

/// `| > |- >+ |2`: a block scalar starts on the next line.
fn is_block_indicator(value: &str) -> bool {
    let value = value.split(" #").next().unwrap_or(value).trim();
    value.starts_with(['|', '>'])
        && value[1..]
            .chars()
            .all(|c| c == '-' || c == '+' || c.is_ascii_digit())
}

/// A scalar's text without quotes or a trailing comment.
fn scalar_text(value: &str) -> &str {
    let value = value.trim();
    if let Some(inner) = value.strip_prefix('"') {
        return inner.split('"').next().unwrap_or(inner);
    }
    if let Some(inner) = value.strip_prefix('\'') {
        return inner.split('\'').next().unwrap_or(inner);
    }
    value
        .split(" #")
        .next()
        .unwrap_or(value)
        .trim_end_matches(['"', '\''])
        .trim()
}

/// `key:` at the start of `rest` (plain or quoted): the key and where its value starts.
fn key_of(rest: &str) -> Option<(&str, usize)> {
    if let Some(quote) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let close = rest[1..].find(quote)? + 1;
        let after = &rest[close + 1..];
        let colon = after.len() - after.trim_start().len();
        return after[colon..]
            .starts_with(':')
            .then(|| (&rest[1..close], close + 1 + colon + 1));
    }
    let mut search = 0;
    while let Some(found) = rest[search..].find(':') {
        let colon = search + found;
        let next = rest[colon + 1..].chars().next();
        if next.is_none_or(|c| c == ' ' || c == '\t') {
            let key = rest[..colon].trim();
            return (!key.is_empty() && !key.starts_with('#')).then_some((key, colon + 1));
        }
        search = colon + 1;
    }
    None
}

/// A flow collection being read (`{name: X, date_of_birth: Y}`), possibly over lines.
#[derive(Debug, Clone, Default)]
struct Flow {
    /// Open brackets.
    stack: Vec<char>,
    quote: Option<char>,
    escaped: bool,
    /// The key being read.
    key: String,
    quoted_key: bool,
    /// The identifying value being read: its depth, and the value so far.
    value: Option<(usize, KeyValue)>,
    /// Its part on the current line.
    hiding: Option<Range<usize>>,
}

impl Flow {
    /// Read `line` from byte `from`; true when the collection closed on this line.
    fn read(
        &mut self,
        line: &str,
        from: usize,
        at: usize,
        keys: &[String],
        found: &mut IdentifyingText,
    ) -> bool {
        let mut previous = ' ';
        let mut chars = line[from..].char_indices().peekable();
        while let Some((index, c)) = chars.next() {
            let position = at + from + index;
            let next = chars.peek().map(|(_, c)| *c);
            let in_value = self.value.is_some();
            if let Some(quote) = self.quote {
                if self.escaped {
                    self.escaped = false;
                } else if quote == '"' && c == '\\' {
                    self.escaped = true;
                } else if c == quote {
                    self.quote = None;
                }
                if in_value {
                    self.take(position, c);
                } else if self.quote.is_some() {
                    self.key.push(c);
                }
                previous = c;
                continue;
            }
            if let Some((depth, _)) = &self.value {
                let ends = self.stack.len() == *depth && matches!(c, ',' | '}' | ']');
                if !ends {
                    match c {
                        '{' | '[' => self.stack.push(c),
                        '}' | ']' => {
                            self.stack.pop();
                        }
                        '"' | '\'' => self.quote = Some(c),
                        _ => {}
                    }
                    self.take(position, c);
                    previous = c;
                    continue;
                }
                self.end_value(found);
            }
            match c {
                '{' | '[' => {
                    self.stack.push(c);
                    self.key.clear();
                }
                '}' | ']' => {
                    self.stack.pop();
                    self.key.clear();
                    if self.stack.is_empty() {
                        return true;
                    }
                }
                ',' => {
                    self.key.clear();
                    self.quoted_key = false;
                }
                '"' | '\'' => {
                    self.quote = Some(c);
                    self.quoted_key = true;
                }
                ':' if self.quoted_key
                    || next.is_none_or(|c| c.is_whitespace() || ",}]".contains(c)) =>
                {
                    let key = self.key.trim().to_owned();
                    if keys.contains(&key) {
                        let depth = self.stack.len();
                        self.value = Some((
                            depth,
                            KeyValue {
                                key,
                                value: String::new(),
                            },
                        ));
                    }
                    self.key.clear();
                    self.quoted_key = false;
                }
                '#' if previous.is_whitespace() => break,
                _ => self.key.push(c),
            }
            previous = c;
        }
        // The line ends: what was hidden on it is one range; a value goes on over lines.
        if let Some(range) = self.hiding.take() {
            found.hidden.push(range);
        }
        if let Some((_, value)) = &mut self.value {
            value.value.push('\n');
        }
        false
    }

    /// A character of an identifying value.
    fn take(&mut self, position: usize, c: char) {
        if let Some((_, value)) = &mut self.value
            && c != '"'
            && c != '\''
        {
            value.value.push(c);
        }
        if c.is_whitespace() {
            return;
        }
        let end = position + c.len_utf8();
        match &mut self.hiding {
            Some(range) => range.end = end,
            None => self.hiding = Some(position..end),
        }
    }

    fn end_value(&mut self, found: &mut IdentifyingText) {
        if let Some(range) = self.hiding.take() {
            found.hidden.push(range);
        }
        if let Some((_, value)) = self.value.take() {
            found.values.push(value);
        }
    }

    fn finish(&mut self, found: &mut IdentifyingText) {
        self.end_value(found);
    }
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|range| (range.start, std::cmp::Reverse(range.end)));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start < last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}
