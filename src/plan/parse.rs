//! Plan text to model: parse the YAML, convert it field by field, report every problem.
//!
//! Conversion is by hand from `serde_yaml::Value` rather than `#[derive(Deserialize)]` so that
//! one bad field gives one finding at its own path and the rest of the plan is still read.

use chrono::NaiveDate;
use serde_yaml::{Mapping, Value};

use super::dates;
use super::finding::{Check, Issue, Location, YamlPath, as_clause};
use super::model::*;
use super::places::Places;
use super::spans::{SpanIndex, nesting_too_deep};
use keys::{MERGE_KEY, merge_key_message, unknown_key_message};

/// The result of reading one plan's text: the plan as far as it could be read, what was wrong
/// while reading it, and where each path sits in the text.
#[derive(Debug, Clone)]
pub struct ParsedPlan {
    pub plan: Plan,
    pub issues: Vec<Issue>,
    /// Where each path sits: the one-pass reader's tree; else (text libyaml read) a span
    /// index built when reading found something to place, or nothing until one is wanted.
    pub places: Places,
}

/// The text without a UTF-8 byte-order mark: what both parsers are given.
fn without_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Where each path of a plan's text sits (line and column), for findings.
pub fn spans_of(text: &str) -> SpanIndex {
    SpanIndex::build(without_bom(text))
}

/// The text is not YAML at all (or not one plan): nothing could be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub location: Location,
    pub message: String,
}

const TOP_KEYS: &[&str] = &[
    "schema",
    "id",
    "person",
    "episode",
    "responsible",
    "needs",
    "patient_voice",
    "crisis_plan",
    "reviews",
    "ending",
    "history",
    "events",
    "jurisdiction",
    "care_and_treatment_plan",
    "conflicts",
];
const PERSON_KEYS: &[&str] = &["initials", "name", "nhs_number", "date_of_birth"];
/// The keys of a need, in the order the format lists them.
pub const NEED_KEYS: &[&str] = &[
    "id",
    "need",
    "category",
    "provider",
    "funding",
    "status",
    "since",
    "review_by",
    "notes",
    "cost",
    "delivery",
    "top_up",
    "charge",
    "contribution",
];
const VOICE_KEYS: &[&str] = &["goals", "views"];
const CRISIS_KEYS: &[&str] = &["signs", "contacts"];
const REVIEWS_KEYS: &[&str] = &["interval_months", "next_due", "history"];
const REVIEW_KEYS: &[&str] = &["date", "attendees", "person_involved", "outcome", "changes"];
const ENDING_KEYS: &[&str] = &[
    "date",
    "icb_decision_by",
    "la_decision_by",
    "person_involved",
    "reasons",
];

/// How the YAML is read: in one pass where the text allows (the app's way), or always by
/// libyaml with a second pass for places (the way before; kept so tests can hold the two to
/// the same answers).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reading {
    OnePass,
    Libyaml,
}

/// Parse one plan's text. `Err` only when the text is not a YAML mapping at all.
pub fn parse_plan(text: &str) -> Result<ParsedPlan, Unreadable> {
    parse_plan_reading(text, Reading::OnePass)
}

/// [`parse_plan`], read the way `reading` says.
pub fn parse_plan_reading(text: &str, reading: Reading) -> Result<ParsedPlan, Unreadable> {
    let text = without_bom(text);
    if text.trim().is_empty() {
        return Err(Unreadable {
            location: Location::START,
            message: "the file is empty; a plan starts with `schema: aftercare/v1`".into(),
        });
    }
    // One pass for values and places where the text allows (most plans: it reads nothing
    // nested deeper than a plan goes); else libyaml, given nothing nested too deep for it
    // (and the recursive code after it).
    let one_pass = (reading == Reading::OnePass)
        .then(|| tree::read_tree(text))
        .flatten();
    let (value, tree_places) = match one_pass {
        Some(tree) => (tree.value, Some(tree.places)),
        None => {
            if let Some(location) = nesting_too_deep(text) {
                return Err(syntax::too_deep(location));
            }
            let value =
                serde_yaml::from_str(text).map_err(|error| syntax::syntax_error(text, &error))?;
            (value, None)
        }
    };
    if value.is_null() {
        return Err(Unreadable {
            location: Location::START,
            message:
                "the file is empty apart from comments; a plan starts with `schema: aftercare/v1`"
                    .into(),
        });
    }
    let mut reader = Reader::default();
    let plan = reader.plan(&value);
    // libyaml refuses a key given twice, so a clean read has none to find: only a plan with
    // something to report needs positions (and the check for keys equal only as text). The
    // one-pass reader leaves any key given twice, or not plain text, to libyaml.
    let places = match tree_places {
        Some(places) => Places::Tree(tree::ReadTree { value, places }),
        None if reader.issues.is_empty() => Places::Text,
        None => Places::Index(SpanIndex::build(text)),
    };
    let duplicates = match &places {
        Places::Index(spans) => spans.duplicate_keys.as_slice(),
        Places::Tree(_) | Places::Text => &[],
    };
    for (path, _) in duplicates {
        reader.issues.push(
            Issue::error(
                Check::Format,
                path.clone(),
                format!(
                    "`{}` is given twice; keep one (the file must not depend on which wins)",
                    path.last_key().unwrap_or("key")
                ),
            )
            .pointing_at_key(),
        );
    }
    let Some(plan) = plan else {
        let first = reader.issues.first().map(|issue| issue.message.clone());
        return Err(Unreadable {
            location: Location::START,
            message: first.unwrap_or_else(|| "not a plan".into()),
        });
    };
    Ok(ParsedPlan {
        plan,
        issues: reader.issues,
        places,
    })
}

/// The value of `key` in a plan's mapping: found by comparing the few keys a plan's mapping
/// has (hashing each looked-up name was a twentieth of reading a plan); by hash in a long one.
fn entry<'v>(mapping: &'v Mapping, key: &str) -> Option<&'v Value> {
    match mapping.len() <= 24 {
        true => mapping
            .iter()
            .find(|(name, _)| name.as_str() == Some(key))
            .map(|(_, value)| value),
        false => mapping.get(key),
    }
}

/// A short description of a YAML value's kind, for messages.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "true/false",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a mapping",
        Value::Tagged(_) => "a tagged value",
    }
}

#[derive(Default)]
struct Reader {
    issues: Vec<Issue>,
    unknown: Vec<(YamlPath, Value)>,
}

impl Reader {
    fn error(&mut self, path: YamlPath, message: String) {
        self.issues.push(Issue::error(Check::Format, path, message));
    }

    /// The mapping at `path`, with unknown keys recorded; `None` (and an error) for anything else.
    fn mapping<'v>(
        &mut self,
        value: &'v Value,
        path: &YamlPath,
        known: &[&str],
    ) -> Option<&'v Mapping> {
        let Value::Mapping(mapping) = value else {
            let expected = known.iter().take(3).copied().collect::<Vec<_>>().join(", ");
            self.error(
                path.clone(),
                format!(
                    "{path} is {}; expected a mapping with keys such as {expected}",
                    kind(value)
                ),
            );
            return None;
        };
        for (key, item) in mapping {
            let Some(key) = key.as_str() else {
                self.error(
                    path.clone(),
                    format!("a key in {path} is {}; keys are words", kind(key)),
                );
                continue;
            };
            if key == MERGE_KEY {
                self.issues.push(
                    Issue::error(Check::Format, path.key(key), merge_key_message())
                        .pointing_at_key(),
                );
                continue;
            }
            if !known.contains(&key) {
                let key_path = path.key(key);
                self.issues.push(
                    Issue::warning(
                        Check::Rule(12),
                        key_path.clone(),
                        unknown_key_message(key, path, known),
                    )
                    .pointing_at_key(),
                );
                self.unknown.push((key_path, item.clone()));
            }
        }
        Some(mapping)
    }

    /// The value under `key`, treating an explicit `null` as absent; reports a missing required key.
    fn field<'v>(
        &mut self,
        mapping: &'v Mapping,
        path: &YamlPath,
        key: &str,
        required: bool,
    ) -> Option<&'v Value> {
        match entry(mapping, key) {
            Some(Value::Null) | None => {
                // A mapping that merges another (`<<: *x`) has its finding already; the keys it
                // meant to take from the other are not each reported missing as well.
                if required && !mapping.contains_key(MERGE_KEY) {
                    let at = if path.is_root() {
                        "the plan".to_owned()
                    } else {
                        path.to_string()
                    };
                    self.error(
                        path.key(key),
                        format!("{at} has no `{key}`; it is required"),
                    );
                }
                None
            }
            Some(value) => Some(value),
        }
    }

    fn text(
        &mut self,
        mapping: &Mapping,
        path: &YamlPath,
        key: &str,
        required: bool,
    ) -> Option<String> {
        let value = self.field(mapping, path, key, required)?;
        match value {
            Value::String(text) => Some(text.clone()),
            Value::Number(number) => Some(number.to_string()),
            Value::Bool(flag) => Some(flag.to_string()),
            other => {
                self.error(
                    path.key(key),
                    format!("{} is {}; expected text", path.key(key), kind(other)),
                );
                None
            }
        }
    }

    fn date(
        &mut self,
        mapping: &Mapping,
        path: &YamlPath,
        key: &str,
        required: bool,
    ) -> Option<NaiveDate> {
        let value = self.field(mapping, path, key, required)?;
        // The path is made only for a finding: most dates are fine.
        let Value::String(text) = value else {
            let at = path.key(key);
            self.error(
                at.clone(),
                format!(
                    "{at} is {}; expected a date written YYYY-MM-DD",
                    kind(value)
                ),
            );
            return None;
        };
        match dates::parse_iso(text) {
            Ok(date) => Some(date),
            Err(reason) => {
                let at = path.key(key);
                self.error(
                    at.clone(),
                    format!("{at}: {}", as_clause(&reason.to_string())),
                );
                None
            }
        }
    }

    fn flag(&mut self, mapping: &Mapping, path: &YamlPath, key: &str) -> Option<bool> {
        let value = self.field(mapping, path, key, false)?;
        match value {
            Value::Bool(flag) => Some(*flag),
            other => {
                let at = path.key(key);
                self.error(
                    at.clone(),
                    format!("{at} is {}; expected true or false", kind(other)),
                );
                None
            }
        }
    }

    fn word<T: Vocabulary>(
        &mut self,
        mapping: &Mapping,
        path: &YamlPath,
        key: &str,
        required: bool,
    ) -> Option<T> {
        let text = self.text(mapping, path, key, required)?;
        let parsed = T::parse_word(text.trim());
        if parsed.is_none() {
            self.error(
                path.key(key),
                format!(
                    "{}: `{text}` is not {}; expected one of: {}",
                    path.key(key),
                    T::WHAT,
                    T::choice_list()
                ),
            );
        }
        parsed
    }

    fn text_list(&mut self, mapping: &Mapping, path: &YamlPath, key: &str) -> Vec<String> {
        let Some(value) = self.field(mapping, path, key, false) else {
            return Vec::new();
        };
        let at = || path.key(key);
        let Value::Sequence(items) = value else {
            let at = at();
            self.error(
                at.clone(),
                format!(
                    "{at} is {}; expected a list such as [first, second]",
                    kind(value)
                ),
            );
            return Vec::new();
        };
        let mut list = Vec::with_capacity(items.len());
        for (index, item) in items.iter().enumerate() {
            match item {
                Value::String(text) => list.push(text.clone()),
                Value::Number(number) => list.push(number.to_string()),
                other => {
                    let at = at().index(index);
                    let message = format!("{at} is {}; expected text", kind(other));
                    self.error(at, message);
                }
            }
        }
        list
    }

    fn plan(&mut self, value: &Value) -> Option<Plan> {
        let root = YamlPath::root();
        let Value::Mapping(_) = value else {
            self.error(
                root.clone(),
                format!(
                    "the file holds {}, not a plan; a plan is a mapping starting with `schema: aftercare/v1`",
                    kind(value)
                ),
            );
            return None;
        };
        let top = self.mapping(value, &root, TOP_KEYS)?;
        let mut plan = Plan {
            schema: self.text(top, &root, "schema", true),
            id: self.text(top, &root, "id", true),
            ..Plan::default()
        };
        if let Some(value) = self.field(top, &root, "person", true) {
            plan.person = self.person(value, &root.key("person"));
        }
        if let Some(value) = self.field(top, &root, "episode", true) {
            plan.episode = self.episode(value, &root.key("episode"));
        }
        if let Some(value) = self.field(top, &root, "responsible", true) {
            plan.responsible = self.responsible(value, &root.key("responsible"));
        }
        match top.get("needs") {
            None => self.error(
                root.key("needs"),
                "the plan has no `needs`; it is required (write `needs: []` when there are none yet)".into(),
            ),
            Some(Value::Null) => {}
            Some(Value::Sequence(items)) => {
                let path = root.key("needs");
                plan.needs = items
                    .iter()
                    .enumerate()
                    .filter_map(|(index, item)| self.need(item, &path.index(index)))
                    .collect();
            }
            Some(other) => self.error(
                root.key("needs"),
                format!("needs is {}; expected a list of needs (`- id: N1 ...`)", kind(other)),
            ),
        }
        if let Some(value) = self.field(top, &root, "patient_voice", false) {
            let path = root.key("patient_voice");
            if let Some(map) = self.mapping(value, &path, VOICE_KEYS) {
                plan.patient_voice = Some(PatientVoice {
                    goals: self.text(map, &path, "goals", false),
                    views: self.text(map, &path, "views", false),
                });
            }
        }
        if let Some(value) = self.field(top, &root, "crisis_plan", false) {
            let path = root.key("crisis_plan");
            if let Some(map) = self.mapping(value, &path, CRISIS_KEYS) {
                plan.crisis_plan = Some(CrisisPlan {
                    signs: self.text_list(map, &path, "signs"),
                    contacts: self.text_list(map, &path, "contacts"),
                });
            }
        }
        if let Some(value) = self.field(top, &root, "reviews", true) {
            plan.reviews = self.reviews(value, &root.key("reviews"));
        }
        if let Some(value) = self.field(top, &root, "ending", false) {
            plan.ending = self.ending(value, &root.key("ending"));
        }
        self.over_time(top, &mut plan);
        self.entitlement_keys(top, &mut plan);
        self.conflicts(top, &mut plan);
        plan.unknown = std::mem::take(&mut self.unknown);
        Some(plan)
    }

    fn person(&mut self, value: &Value, path: &YamlPath) -> Person {
        let Some(map) = self.mapping(value, path, PERSON_KEYS) else {
            return Person::default();
        };
        Person {
            initials: self.text(map, path, "initials", true),
            name: self.text(map, path, "name", false),
            nhs_number: self.text(map, path, "nhs_number", false),
            date_of_birth: self.date(map, path, "date_of_birth", false),
            date_of_birth_text: match map.get("date_of_birth") {
                Some(Value::String(text)) => Some(text.clone()),
                Some(Value::Number(number)) => Some(number.to_string()),
                _ => None,
            },
        }
    }

    fn need(&mut self, value: &Value, path: &YamlPath) -> Option<Need> {
        let map = self.mapping(value, path, NEED_KEYS)?;
        Some(Need {
            id: self.text(map, path, "id", true),
            need: self.text(map, path, "need", true),
            category: self.word(map, path, "category", true),
            provider: self.text(map, path, "provider", false),
            funding: self.funding(map, path),
            status: self.word(map, path, "status", true),
            since: self.date(map, path, "since", false),
            review_by: self.date(map, path, "review_by", false),
            notes: self.text(map, path, "notes", false),
            money: self.need_money(map, path),
        })
    }

    fn reviews(&mut self, value: &Value, path: &YamlPath) -> Reviews {
        let Some(map) = self.mapping(value, path, REVIEWS_KEYS) else {
            return Reviews::default();
        };
        let mut reviews = Reviews {
            interval_months: None,
            next_due: self.date(map, path, "next_due", true),
            history: Vec::new(),
        };
        if let Some(value) = self.field(map, path, "interval_months", false) {
            let at = path.key("interval_months");
            match value.as_u64().and_then(|months| u32::try_from(months).ok()) {
                Some(months) if (1..=120).contains(&months) => {
                    reviews.interval_months = Some(months)
                }
                _ => self.error(
                    at.clone(),
                    format!("{at} must be a whole number of months from 1 to 120, such as 12"),
                ),
            }
        }
        match self.field(map, path, "history", false) {
            None => {}
            Some(Value::Sequence(items)) => {
                let history = path.key("history");
                for (index, item) in items.iter().enumerate() {
                    if let Some(review) = self.review(item, &history.index(index)) {
                        reviews.history.push(review);
                    }
                }
            }
            Some(other) => {
                let at = path.key("history");
                self.error(
                    at.clone(),
                    format!("{at} is {}; expected a list of reviews", kind(other)),
                );
            }
        }
        reviews
    }

    fn review(&mut self, value: &Value, path: &YamlPath) -> Option<Review> {
        let map = self.mapping(value, path, REVIEW_KEYS)?;
        Some(Review {
            date: self.date(map, path, "date", true),
            attendees: self.text_list(map, path, "attendees"),
            person_involved: self.flag(map, path, "person_involved"),
            outcome: self.word(map, path, "outcome", false),
            changes: self.text_list(map, path, "changes"),
        })
    }

    fn ending(&mut self, value: &Value, path: &YamlPath) -> Option<Ending> {
        let map = self.mapping(value, path, ENDING_KEYS)?;
        // Missing fields of an ending are rule 7's to report, with the law's reason.
        Some(Ending {
            date: self.date(map, path, "date", false),
            icb_decision_by: self.text(map, path, "icb_decision_by", false),
            la_decision_by: self.text(map, path, "la_decision_by", false),
            person_involved: self.flag(map, path, "person_involved"),
            reasons: self.text(map, path, "reasons", false),
        })
    }
}

mod conflicts;
mod entitlement;
mod history;
mod keys;
mod money;
mod syntax;
pub mod tree;

#[cfg(test)]
mod tests;
