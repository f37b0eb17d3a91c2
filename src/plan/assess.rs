//! One plan's text in, the plan and its located findings out: parse, convert, validate.

use super::finding::{Check, Finding, Issue, Location, Severity, YamlPath};
use super::model::Plan;
use super::parse::parse_plan;
use super::rules::{RuleSettings, check_plan};
use super::spans::SpanIndex;

/// A plan as read from its text, with every finding placed at its line and column.
#[derive(Debug, Clone)]
pub struct Assessed {
    /// `None` when the text could not be read as a plan at all.
    pub plan: Option<Plan>,
    pub findings: Vec<Finding>,
    /// Where the plan's `id` value sits, for findings that compare plans across the folder.
    pub id_location: Location,
}

/// Read and validate one plan's text; `file` is the name used in findings.
pub fn assess_plan_text(text: &str, file: &str, settings: &RuleSettings) -> Assessed {
    match parse_plan(text) {
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
            rule_issues.retain(|rule_issue| {
                !issues.iter().any(|read| {
                    read.severity == Severity::Error && read.path.0.starts_with(&rule_issue.path.0)
                })
            });
            issues.extend(rule_issues);
            let mut findings = locate_all(issues, &parsed.spans, file);
            findings.sort_by_key(|finding| finding.location);
            Assessed {
                plan: Some(parsed.plan),
                findings,
                id_location: parsed.spans.locate(&YamlPath::root().key("id"), false),
            }
        }
    }
}

/// Place issues at their line and column in the text.
pub fn locate_all(issues: Vec<Issue>, spans: &SpanIndex, file: &str) -> Vec<Finding> {
    issues
        .into_iter()
        .map(|issue| locate(issue, spans, file))
        .collect()
}

pub fn locate(issue: Issue, spans: &SpanIndex, file: &str) -> Finding {
    Finding {
        severity: issue.severity,
        check: issue.check,
        file: file.to_owned(),
        location: spans.locate(&issue.path, issue.at_key),
        path: issue.path,
        message: issue.message,
    }
}
