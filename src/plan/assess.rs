//! One plan's text in, the plan and its located findings out: parse, convert, validate.

use std::collections::HashSet;

use super::finding::{Check, Finding, Issue, Location, Segment, Severity, YamlPath};
use super::model::Plan;
use super::parse::{Reading, parse_plan_reading, spans_of};
use super::places::{Locator, Places};
use super::rules::{RuleSettings, check_plan};

/// A plan as read from its text, with every finding placed at its line and column.
#[derive(Debug, Clone, PartialEq)]
pub struct Assessed {
    /// `None` when the text could not be read as a plan at all.
    pub plan: Option<Plan>,
    pub findings: Vec<Finding>,
    /// Where the plan's `id` value sits, for findings that compare plans across the folder.
    pub id_location: Location,
}

/// Read and validate one plan's text; `file` is the name used in findings.
pub fn assess_plan_text(text: &str, file: &str, settings: &RuleSettings) -> Assessed {
    assess_plan_text_reading(text, file, settings, Reading::OnePass)
}

/// [`assess_plan_text`], the YAML read the way `reading` says (tests compare the two).
pub fn assess_plan_text_reading(
    text: &str,
    file: &str,
    settings: &RuleSettings,
    reading: Reading,
) -> Assessed {
    match parse_plan_reading(text, reading) {
        Err(unreadable) => Assessed {
            plan: None,
            findings: vec![Finding {
                severity: Severity::Error,
                check: Check::File,
                file: file.to_owned(),
                path: Default::default(),
                location: unreadable.location,
                message: unreadable.message,
            }],
            id_location: Location::START,
        },
        Ok(parsed) => {
            let mut issues = parsed.issues;
            let mut rule_issues = check_plan(&parsed.plan, settings);
            // A value that could not be read is reported once, by the reader: drop rule
            // issues about what contains it (they only echo the same problem).
            // Every path that contains a read error, in a set: linear, not pair by pair.
            let containing: HashSet<&[Segment]> = issues
                .iter()
                .filter(|read| read.severity == Severity::Error)
                .flat_map(|read| (0..=read.path.0.len()).map(|depth| &read.path.0[..depth]))
                .collect();
            rule_issues.retain(|rule_issue| !containing.contains(rule_issue.path.0.as_slice()));
            issues.extend(rule_issues);
            let id = YamlPath::root().key("id");
            let (findings, id_location) = match &parsed.places {
                // Text libyaml read, with nothing to place: the id's place is read off its
                // line, not a second parse.
                Places::Text if issues.is_empty() => (
                    Vec::new(),
                    top_level_value(text, "id")
                        .unwrap_or_else(|| spans_of(text).locate(&id, false)),
                ),
                places => {
                    let locator = places.locator(text, issues.len());
                    (
                        locate_all(issues, &locator, file),
                        locator.locate(&id, false),
                    )
                }
            };
            let mut findings = findings;
            findings.sort_by_key(|finding| finding.location);
            Assessed {
                plan: Some(parsed.plan),
                findings,
                id_location,
            }
        }
    }
}

/// Where the value of a top-level `key:` written on its own line starts (`id: S117-0042`), when
/// the text says it plainly: a key at column 1, the value after it on the same line.
fn top_level_value(text: &str, key: &str) -> Option<Location> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut found = None;
    for (index, line) in text.lines().enumerate() {
        let Some(rest) = line
            .strip_prefix(key)
            .and_then(|rest| rest.strip_prefix(':'))
        else {
            continue;
        };
        let value = rest.trim_start_matches([' ', '\t']);
        let plain = !value.is_empty() && !value.starts_with(['#', '&', '*', '!', '|', '>']);
        if found.is_some() || !plain || value.len() == rest.len() {
            return None;
        }
        let column = line.chars().count() - value.chars().count() + 1;
        found = Some(Location {
            line: index + 1,
            column,
        });
    }
    found
}

/// Place issues at their line and column in the text.
pub fn locate_all(issues: Vec<Issue>, locator: &Locator, file: &str) -> Vec<Finding> {
    issues
        .into_iter()
        .map(|issue| locate(issue, locator, file))
        .collect()
}

pub fn locate(issue: Issue, locator: &Locator, file: &str) -> Finding {
    Finding {
        severity: issue.severity,
        check: issue.check,
        file: file.to_owned(),
        location: locator.locate(&issue.path, issue.at_key),
        path: issue.path,
        message: issue.message,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::rules::tests::VALID;

    #[test]
    fn the_id_is_found_on_its_line_where_the_parser_puts_it() {
        let id = YamlPath::root().key("id");
        for text in [
            VALID.to_owned(),
            VALID.replace("id: S117-0042", "id:   \"S117-0042\"   # quoted"),
            format!("\u{feff}{VALID}"),
        ] {
            assert_eq!(
                top_level_value(&text, "id"),
                Some(spans_of(&text).locate(&id, false)),
                "{text}"
            );
        }
        assert_eq!(top_level_value("{id: X}", "id"), None);
        assert_eq!(top_level_value("id: &a X\n", "id"), None);
        assert_eq!(top_level_value("id:\n  X\n", "id"), None);
        assert_eq!(top_level_value("idx: 1\n", "id"), None);
    }
}
