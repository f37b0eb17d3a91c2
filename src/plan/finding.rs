//! Findings: what is wrong with a plan, where (YAML path, line, column) and how bad.

use serde::{Deserialize, Serialize};
use std::fmt;

/// How serious a finding is: errors make a plan invalid, warnings never block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One step of a YAML path: a mapping key or a sequence index.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Segment {
    Key(String),
    Index(usize),
}

/// A path into the plan document, shown as `needs[1].funding`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct YamlPath(pub Vec<Segment>);

impl YamlPath {
    pub fn root() -> Self {
        Self(Vec::new())
    }

    /// This path extended by a mapping key.
    pub fn key(&self, key: &str) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Key(key.to_owned()));
        Self(segments)
    }

    /// This path extended by a sequence index.
    pub fn index(&self, index: usize) -> Self {
        let mut segments = self.0.clone();
        segments.push(Segment::Index(index));
        Self(segments)
    }

    /// The path one step up, or `None` at the root.
    pub fn parent(&self) -> Option<Self> {
        let (_, rest) = self.0.split_last()?;
        Some(Self(rest.to_vec()))
    }

    /// The last mapping key of the path, if it ends in one.
    pub fn last_key(&self) -> Option<&str> {
        match self.0.last() {
            Some(Segment::Key(key)) => Some(key),
            _ => None,
        }
    }

    pub fn is_root(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for YamlPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(document)");
        }
        for (position, segment) in self.0.iter().enumerate() {
            match segment {
                Segment::Key(key) if position == 0 => write!(f, "{key}")?,
                Segment::Key(key) => write!(f, ".{key}")?,
                Segment::Index(index) => write!(f, "[{index}]")?,
            }
        }
        Ok(())
    }
}

impl Serialize for YamlPath {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// A place in the text: 1-based line, 1-based column counted in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Location {
    pub const START: Location = Location { line: 1, column: 1 };
}

/// Which check produced a finding: a numbered rule of plan-format.md, or reading the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Check {
    /// The file could not be read or parsed as YAML.
    File,
    /// A field is missing, of the wrong type or not one of the allowed values.
    Format,
    /// Rule N of plan-format.md.
    Rule(u8),
}

/// Something wrong (or worth a look) in one plan file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub severity: Severity,
    pub check: Check,
    /// The plan file, as given to the loader (relative to the folder's parent where possible).
    pub file: String,
    pub path: YamlPath,
    pub location: Location,
    pub message: String,
}

/// What makes a finding the same finding in two versions of a plan: the check, the YAML path
/// and the message. Line and column are left out: they move when a line is added above.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct FindingKey<'a> {
    pub check: Check,
    pub path: &'a YamlPath,
    pub message: &'a str,
}

impl Finding {
    /// What identifies this finding across versions of the plan.
    pub fn key(&self) -> FindingKey<'_> {
        FindingKey {
            check: self.check,
            path: &self.path,
            message: &self.message,
        }
    }

    /// `FILE:LINE:COL: error: MESSAGE`, the form compilers use so editors can jump to it.
    pub fn compiler_line(&self) -> String {
        format!(
            "{}:{}:{}: {}: {}",
            self.file, self.location.line, self.location.column, self.severity, self.message
        )
    }
}

/// A full-sentence reason ("There is no day 30 ...") made to read on in a finding line:
/// first letter lower case, no final full stop.
pub fn as_clause(reason: &str) -> String {
    let trimmed = reason.trim().trim_end_matches('.');
    let mut chars = trimmed.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A finding before it knows its file and position: what a rule or the converter reports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    pub severity: Severity,
    pub check: Check,
    pub path: YamlPath,
    /// Point at the key itself rather than its value (unknown keys, duplicates).
    pub at_key: bool,
    pub message: String,
}

impl Issue {
    pub fn error(check: Check, path: YamlPath, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            check,
            path,
            at_key: false,
            message: message.into(),
        }
    }

    pub fn warning(check: Check, path: YamlPath, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            check,
            path,
            at_key: false,
            message: message.into(),
        }
    }

    pub fn pointing_at_key(mut self) -> Self {
        self.at_key = true;
        self
    }

    /// What identifies this issue across versions of the plan (as [`Finding::key`]).
    pub fn key(&self) -> FindingKey<'_> {
        FindingKey {
            check: self.check,
            path: &self.path,
            message: &self.message,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_displays_like_the_issue_examples() {
        let path = YamlPath::root().key("needs").index(1).key("funding");
        assert_eq!(path.to_string(), "needs[1].funding");
        assert_eq!(path.parent().unwrap().to_string(), "needs[1]");
        assert_eq!(path.last_key(), Some("funding"));
        assert_eq!(YamlPath::root().to_string(), "(document)");
    }

    #[test]
    fn sentences_become_clauses() {
        assert_eq!(as_clause("There is no day 30. "), "there is no day 30");
        assert_eq!(as_clause("NHS numbers."), "nHS numbers");
        assert_eq!(as_clause(""), "");
    }

    #[test]
    fn compiler_line_has_file_line_column_severity_message() {
        let finding = Finding {
            severity: Severity::Error,
            check: Check::Rule(5),
            file: "plans/a.yaml".into(),
            path: YamlPath::root().key("needs"),
            location: Location {
                line: 14,
                column: 9,
            },
            message: "funding totals 90".into(),
        };
        assert_eq!(
            finding.compiler_line(),
            "plans/a.yaml:14:9: error: funding totals 90"
        );
    }
}
