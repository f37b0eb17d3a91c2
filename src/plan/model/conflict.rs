//! A conflict the plan merge driver recorded (format v1.1 `conflicts:`): two people changed
//! one field to different values; the plan keeps one, this entry keeps the other until a
//! person chooses.

use serde_yaml::Value;

/// One entry of the plan's top-level `conflicts` list.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct RecordedConflict {
    /// The field, as the editor addresses it (`needs.N1.review_by`).
    pub path: Option<String>,
    /// The value kept in the plan (this side's), `Null` for none.
    pub ours: Value,
    /// The other side's value, `Null` for none (they removed it).
    pub theirs: Value,
    pub ours_author: Option<String>,
    pub ours_date: Option<String>,
    pub theirs_author: Option<String>,
    pub theirs_date: Option<String>,
    pub theirs_commit: Option<String>,
}

impl RecordedConflict {
    /// A value as one line: plain text as it is, anything else as compact YAML.
    pub fn shown(value: &Value) -> String {
        match value {
            Value::Null => "(none)".to_owned(),
            Value::String(text) => text.clone(),
            Value::Bool(flag) => flag.to_string(),
            Value::Number(number) => number.to_string(),
            other => serde_yaml::to_string(other)
                .unwrap_or_default()
                .trim_end()
                .replace('\n', "; "),
        }
    }

    /// Who made a side's change and when, as far as known (`A. Bello, 2026-11-30`).
    pub fn who(author: &Option<String>, date: &Option<String>) -> String {
        let day = date.as_deref().map(|d| d.get(..10).unwrap_or(d));
        match (author.as_deref(), day) {
            (Some(author), Some(day)) => format!("{author}, {day}"),
            (Some(author), None) => author.to_owned(),
            (None, Some(day)) => day.to_owned(),
            (None, None) => "unknown".to_owned(),
        }
    }
}
