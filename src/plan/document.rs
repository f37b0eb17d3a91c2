//! A plan file as read: its path and name as shown, the plan as far as it could be read, and
//! every finding; made from the file's bytes (never failing, whatever they hold), and the
//! rules that look across the files of a folder (each id used once). No file system here:
//! `store::folder` reads the disk and hands the bytes over.

use std::path::PathBuf;

use super::assess::assess_plan_text;
use super::finding::{Check, Finding, Location, Severity, YamlPath};
use super::model::Plan;
use super::rules::{
    RuleSettings, ids_unique_across_folder, is_folder_finding, nhs_numbers_unique_across_live_plans,
};

/// One plan file after loading: the plan as far as it could be read, and every finding.
#[derive(Debug, Clone)]
pub struct PlanFile {
    pub path: PathBuf,
    pub display: String,
    pub plan: Option<Plan>,
    pub findings: Vec<Finding>,
    /// Where the `id` value sits in the file (for the folder-wide unique-id rule).
    pub id_location: Location,
}

impl PlanFile {
    /// Validate a plan file's bytes. Never panics, whatever the bytes (the loader fuzz target
    /// drives this).
    pub fn from_bytes(
        path: PathBuf,
        display: String,
        bytes: Vec<u8>,
        settings: &RuleSettings,
    ) -> PlanFile {
        let text = match String::from_utf8(bytes) {
            Ok(text) => text,
            Err(error) => {
                let valid = &error.as_bytes()[..error.utf8_error().valid_up_to()];
                let valid = std::str::from_utf8(valid).unwrap_or_default();
                let location = end_location(valid);
                let message = "not UTF-8 text (an invalid byte here); save the file as UTF-8";
                return PlanFile::not_a_plan(path, display, location, message.into());
            }
        };
        let assessed = assess_plan_text(&text, &display, settings);
        PlanFile {
            path,
            display,
            plan: assessed.plan,
            findings: assessed.findings,
            id_location: assessed.id_location,
        }
    }

    /// A file that could not be read as a plan (as opposed to a plan with errors): why not,
    /// at `location`.
    pub fn not_a_plan(
        path: PathBuf,
        display: String,
        location: Location,
        message: String,
    ) -> PlanFile {
        PlanFile {
            findings: vec![file_finding(&display, location, message)],
            path,
            display,
            plan: None,
            id_location: Location::START,
        }
    }

    pub fn errors(&self) -> usize {
        self.count(Severity::Error)
    }

    pub fn warnings(&self) -> usize {
        self.count(Severity::Warning)
    }

    fn count(&self, severity: Severity) -> usize {
        self.findings
            .iter()
            .filter(|finding| finding.severity == severity)
            .count()
    }

    pub fn is_valid(&self) -> bool {
        self.plan.is_some() && self.errors() == 0
    }
}

/// An error about the file itself (not its plan): unreadable, not UTF-8, not a regular file.
pub fn file_finding(display: &str, location: Location, message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        check: Check::File,
        file: display.to_owned(),
        path: YamlPath::root(),
        location,
        message,
    }
}

/// The position just after `text`: where the next character would be.
fn end_location(text: &str) -> Location {
    let line = text.matches('\n').count() + 1;
    let last_line = text.rsplit('\n').next().unwrap_or("");
    Location {
        line,
        column: last_line.chars().count() + 1,
    }
}

/// What the rules across plans read of one plan: its id, its NHS number, whether it records
/// an ending (`apply_folder_rules`). Kept by the summary cache, so that the rules can run
/// before (or without) the plans themselves being read again.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct FolderFacts {
    pub id: Option<String>,
    pub nhs_number: Option<String>,
    pub ended: bool,
}

impl FolderFacts {
    pub fn of(plan: &Plan) -> FolderFacts {
        FolderFacts {
            id: plan.id.clone(),
            nhs_number: plan.person.nhs_number.clone(),
            ended: plan.is_ended(),
        }
    }

    /// The NHS number, when the plan is live (the rule across live plans reads it).
    fn live_number(&self) -> Option<&str> {
        self.nhs_number.as_deref().filter(|_| !self.ended)
    }
}

/// Rules that look across plans: each id used once, each NHS number on one live plan. Returns the indices of the files given
/// a finding, in order (so that what is worked out from a file can be brought up to date).
pub fn apply_folder_rules(files: &mut [PlanFile]) -> Vec<usize> {
    apply_folder_rules_with(files, &[])
}

/// [`apply_folder_rules`], with what the rules read of file `i` taken from `facts[i]` when
/// that is given (a plan not read yet, or not read at all: its facts from the summary cache)
/// and from the file's plan otherwise.
pub fn apply_folder_rules_with(
    files: &mut [PlanFile],
    facts: &[Option<FolderFacts>],
) -> Vec<usize> {
    let facts_of = |index: usize| facts.get(index).and_then(Option::as_ref);
    let ids: Vec<(&str, Option<&str>)> = files
        .iter()
        .enumerate()
        .map(|(index, file)| {
            let id = match facts_of(index) {
                Some(facts) => facts.id.as_deref(),
                None => file.plan.as_ref().and_then(|plan| plan.id.as_deref()),
            };
            (file.display.as_str(), id)
        })
        .collect();
    let numbers: Vec<(&str, Option<&str>)> = files
        .iter()
        .enumerate()
        .map(|(index, file)| {
            let live_number = match facts_of(index) {
                Some(facts) => facts.live_number(),
                None => file
                    .plan
                    .as_ref()
                    .filter(|plan| !plan.is_ended())
                    .and_then(|plan| plan.person.nhs_number.as_deref()),
            };
            (file.display.as_str(), live_number)
        })
        .collect();
    let mut clashes = ids_unique_across_folder(&ids);
    clashes.extend(nhs_numbers_unique_across_live_plans(&numbers));
    let mut changed: Vec<usize> = clashes.iter().map(|(index, _)| *index).collect();
    // Run again (after a write, a new plan): last time's findings go first, so none is
    // doubled and an id no longer shared loses its finding.
    for (index, file) in files.iter_mut().enumerate() {
        let before = file.findings.len();
        file.findings
            .retain(|finding| !is_folder_finding(finding.check, &finding.path));
        if file.findings.len() != before {
            changed.push(index);
        }
    }
    changed.sort_unstable();
    changed.dedup();
    for (index, issue) in clashes {
        let file = &mut files[index];
        let location = file.id_location;
        file.findings.push(Finding {
            severity: issue.severity,
            check: issue.check,
            file: file.display.clone(),
            path: issue.path,
            location,
            message: issue.message,
        });
        file.findings.sort_by_key(|finding| finding.location);
    }
    changed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> RuleSettings {
        RuleSettings::new(chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
    }

    fn file(name: &str, id: &str) -> PlanFile {
        let text = format!("schema: aftercare/v1\nid: {id}\n");
        PlanFile::from_bytes(name.into(), name.into(), text.into_bytes(), &settings())
    }

    #[test]
    fn bytes_that_are_not_utf8_are_an_error_where_the_bad_byte_is() {
        let bytes = b"schema: aftercare/v1\nid: S\xff\n".to_vec();
        let file = PlanFile::from_bytes("a.yaml".into(), "a.yaml".into(), bytes, &settings());
        assert!(file.plan.is_none());
        assert_eq!(file.errors(), 1);
        assert_eq!(
            (
                file.findings[0].location.line,
                file.findings[0].location.column
            ),
            (2, 6)
        );
    }

    #[test]
    fn a_shared_id_is_flagged_in_both_files_and_cleared_once_it_is_not() {
        let mut files = vec![file("a.yaml", "S117-1"), file("b.yaml", "S117-1")];
        let errors_before: Vec<usize> = files.iter().map(PlanFile::errors).collect();
        assert_eq!(apply_folder_rules(&mut files), vec![0, 1]);
        assert!(
            files[0]
                .findings
                .iter()
                .any(|f| f.message.contains("b.yaml"))
        );
        assert_eq!(
            apply_folder_rules(&mut files),
            vec![0, 1],
            "run again: no finding doubled"
        );
        assert_eq!(files[0].errors(), errors_before[0] + 1);
        files[1] = file("b.yaml", "S117-2");
        assert_eq!(apply_folder_rules(&mut files), vec![0]);
        assert_eq!(files[0].errors(), errors_before[0]);
    }

    fn file_with_number(name: &str, id: &str, number: &str, ended: bool) -> PlanFile {
        let ending = if ended {
            "ending:\n  date: 2026-01-01\n"
        } else {
            ""
        };
        let text = format!(
            "schema: aftercare/v1\nid: {id}\nperson:\n  initials: A.B.\n  nhs_number: \"{number}\"\n{ending}"
        );
        PlanFile::from_bytes(name.into(), name.into(), text.into_bytes(), &settings())
    }

    fn shared_number_warnings(file: &PlanFile) -> usize {
        file.findings
            .iter()
            .filter(|f| f.message.contains("NHS number is also on the live plan"))
            .count()
    }

    #[test]
    fn one_nhs_number_on_two_live_plans_warns_both_and_clears_once_it_is_not() {
        let mut files = vec![
            file_with_number("a.yaml", "S117-1", "999 000 0018", false),
            file_with_number("b.yaml", "S117-2", "9990000018", false),
            file_with_number("c.yaml", "S117-3", "999 000 0018", true),
        ];
        let nhs_errors_before = files[0].errors();
        assert_eq!(apply_folder_rules(&mut files), vec![0, 1]);
        assert_eq!(shared_number_warnings(&files[0]), 1);
        assert_eq!(shared_number_warnings(&files[1]), 1);
        assert_eq!(
            shared_number_warnings(&files[2]),
            0,
            "an ended plan is no clash"
        );
        apply_folder_rules(&mut files);
        assert_eq!(
            shared_number_warnings(&files[0]),
            1,
            "run again: not doubled"
        );
        files[1] = file_with_number("b.yaml", "S117-2", "999 003 5563", false);
        apply_folder_rules(&mut files);
        assert_eq!(shared_number_warnings(&files[0]), 0);
        assert_eq!(
            files[0].errors(),
            nhs_errors_before,
            "the plan's own findings stay"
        );
    }
}
