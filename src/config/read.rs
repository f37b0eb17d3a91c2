//! Reading `config.yaml` key by key: a bad value is reported (line, column, key, what is
//! valid) and that key falls back to its default; every valid key still applies.

use std::collections::BTreeMap;
use std::fmt::Display;

use serde::de::DeserializeOwned;
use serde_yaml::{Mapping, Value};

use super::{CommitMode, Config, KeyList};
use crate::plan::finding::YamlPath;
use crate::plan::spans::SpanIndex;

/// The whole numbers a key accepts, inclusive.
pub const REVIEW_INTERVAL_MONTHS: (i64, i64) = (1, 60);
pub const DUE_SOON_DAYS: (i64, i64) = (0, 365);
pub const FIRST_REVIEW_DAYS: (i64, i64) = (1, 365);

/// The config in `text`, with every problem found, each as `LINE:COL: message`. A file that
/// is not YAML at all is one problem and the defaults.
pub fn read(text: &str) -> (Config, Vec<String>) {
    let mut config = Config::default();
    if text.trim().is_empty() {
        return (config, Vec::new());
    }
    let document = match serde_yaml::from_str::<Value>(text) {
        Ok(document) => document,
        Err(error) => {
            let (line, column) = error
                .location()
                .map_or((1, 1), |at| (at.line(), at.column()));
            let message = error.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
            return (
                config,
                vec![format!("{line}:{column}: {message}; using the defaults")],
            );
        }
    };
    let map = match document {
        Value::Null => return (config, Vec::new()),
        Value::Mapping(map) => map,
        _ => {
            let problem = "1:1: the config is a list of `key: value` lines (plans: ..., \
                           theme: ...); using the defaults";
            return (config, vec![problem.to_owned()]);
        }
    };
    let mut reader = Reader {
        spans: SpanIndex::build(text),
        problems: Vec::new(),
    };
    let root = YamlPath::root();
    if let Some(plans) = reader.field(&map, &root, "plans", "a folder") {
        config.plans = plans;
    }
    if let Some(theme) = reader.field(&map, &root, "theme", "a theme name") {
        config.theme = theme;
    }
    if let Some(theme) = reader.field(&map, &root, "meeting_theme", "a theme name") {
        config.meeting_theme = theme;
    }
    if let Some(folder) = reader.field(&map, &root, "themes_folder", "a folder") {
        config.themes_folder = folder;
    }
    if let Some(ascii) = reader.field(&map, &root, "ascii", "true or false") {
        config.ascii = ascii;
    }
    if let Some(cache) = reader.field(&map, &root, "cache", "true or false") {
        config.cache = cache;
    }
    if let Some(months) = reader.number(&map, "review_interval_months", REVIEW_INTERVAL_MONTHS) {
        config.review_interval_months = months as u32;
    }
    if let Some(days) = reader.number(&map, "due_soon_days", DUE_SOON_DAYS) {
        config.due_soon_days = days;
    }
    if let Some(days) = reader.number(&map, "first_review_days", FIRST_REVIEW_DAYS) {
        config.first_review_days = days;
    }
    let fields = "a list of fields, such as [person.name]";
    if let Some(identifying) = reader.field(&map, &root, "identifying_fields", fields) {
        config.identifying_fields = identifying;
    }
    config.keys = reader.keys(&map);
    config.git.commit = reader.git_commit(&map).unwrap_or_default();
    (config, reader.problems)
}

/// The file's positions and the problems found so far.
struct Reader {
    spans: SpanIndex,
    problems: Vec<String>,
}

impl Reader {
    /// Note a problem with the value at `path`.
    fn refuse(&mut self, path: &YamlPath, key: &str, what: impl Display, valid: &str) {
        let at = self.spans.locate(path, false);
        self.problems.push(format!(
            "{}:{}: {key}: {what}; valid: {valid}; using the default",
            at.line, at.column
        ));
    }

    /// `key` of `map` read as `T`: `None` when missing or refused.
    fn field<T: DeserializeOwned>(
        &mut self,
        map: &Mapping,
        parent: &YamlPath,
        key: &str,
        valid: &str,
    ) -> Option<T> {
        let value = map.get(key)?;
        let path = parent.key(key);
        match serde_yaml::from_value::<T>(value.clone()) {
            Ok(read) => Some(read),
            Err(error) => {
                let shown = shown_key(parent, key);
                self.refuse(&path, &shown, error, valid);
                None
            }
        }
    }

    /// A whole number within `range` (inclusive).
    fn number(&mut self, map: &Mapping, key: &str, (low, high): (i64, i64)) -> Option<i64> {
        let valid = format!("a whole number from {low} to {high}");
        let number: i64 = self.field(map, &YamlPath::root(), key, &valid)?;
        if (low..=high).contains(&number) {
            return Some(number);
        }
        let path = YamlPath::root().key(key);
        self.refuse(&path, key, format!("{number} is out of range"), &valid);
        None
    }

    /// `keys:`, entry by entry: a bad entry is refused, the others kept.
    fn keys(&mut self, map: &Mapping) -> BTreeMap<String, KeyList> {
        let valid = "`action: key` or `action: [key, key]`";
        let Some(value) = map.get("keys") else {
            return BTreeMap::new();
        };
        let path = YamlPath::root().key("keys");
        let Value::Mapping(entries) = value else {
            if !value.is_null() {
                self.refuse(&path, "keys", "not a mapping of actions to keys", valid);
            }
            return BTreeMap::new();
        };
        let mut keys = BTreeMap::new();
        for name in entries.keys() {
            let Some(name) = name.as_str() else {
                self.refuse(&path, "keys", "an action name that is not text", valid);
                continue;
            };
            if let Some(list) = self.field::<KeyList>(entries, &path, name, valid) {
                keys.insert(name.to_owned(), list);
            }
        }
        keys
    }

    /// `git: {commit: ...}`: an unknown key under `git` is refused, `commit` read on its own.
    fn git_commit(&mut self, map: &Mapping) -> Option<CommitMode> {
        let value = map.get("git")?;
        let path = YamlPath::root().key("git");
        let Value::Mapping(git) = value else {
            if !value.is_null() {
                self.refuse(&path, "git", "not a mapping", "`git: {commit: ask}`");
            }
            return None;
        };
        for key in git.keys() {
            if key.as_str() != Some("commit") {
                let shown = key.as_str().unwrap_or("?");
                let at = self.spans.locate(&path.key(shown), true);
                self.problems.push(format!(
                    "{}:{}: git: unknown key `{shown}` (ignored); git has: commit",
                    at.line, at.column
                ));
            }
        }
        self.field(git, &path, "commit", "off, ask or always")
    }
}

/// `git.commit`, `keys.quit`, `plans`.
fn shown_key(parent: &YamlPath, key: &str) -> String {
    if parent.is_root() {
        key.to_owned()
    } else {
        format!("{parent}.{key}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_bad_value_is_reported_and_every_good_key_kept() {
        let (config, problems) =
            read("plans: /srv/s117\ngit: {commit: sometimes}\ndue_soon_days: -3\nascii: true\n");
        assert_eq!(
            config.plans.as_deref(),
            Some(std::path::Path::new("/srv/s117"))
        );
        assert!(config.ascii);
        assert_eq!(config.due_soon_days, 30, "the default");
        assert_eq!(config.git.commit, CommitMode::Ask, "the default");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(
            problems[0].starts_with("3:16: due_soon_days: -3 is out of range"),
            "{problems:?}"
        );
        assert!(problems[0].contains("from 0 to 365"), "{problems:?}");
        assert!(
            problems[1].starts_with("2:15: git.commit: "),
            "{problems:?}"
        );
        assert!(problems[1].contains("off, ask or always"), "{problems:?}");
    }

    #[test]
    fn numbers_out_of_range_name_the_range() {
        let (config, problems) =
            read("review_interval_months: 0\nfirst_review_days: 1000\ndue_soon_days: 0\n");
        assert_eq!(config.review_interval_months, 12);
        assert_eq!(config.first_review_days, 42);
        assert_eq!(config.due_soon_days, 0, "0 is valid: due soon means today");
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert!(problems[0].contains("from 1 to 60"), "{problems:?}");
        assert!(problems[1].contains("from 1 to 365"), "{problems:?}");
    }

    #[test]
    fn one_bad_key_binding_keeps_the_others() {
        let (config, problems) = read("keys: {quit: [q, ctrl-q], toggle_meeting: {x: 1}}\n");
        assert_eq!(config.keys.len(), 1, "{problems:?}");
        assert!(config.keys.contains_key("quit"));
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].contains("keys.toggle_meeting"), "{problems:?}");
    }

    #[test]
    fn a_file_that_is_not_yaml_is_one_problem() {
        let (config, problems) = read("plans: [unclosed\n");
        assert_eq!(config, Config::default());
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].ends_with("using the defaults"), "{problems:?}");
    }
}
