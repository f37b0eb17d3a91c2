//! One dashboard row's facts about a plan file, worked out once when the file loads, so that
//! sorting, filtering and drawing 10,000 rows never re-reads the plans.

use crate::plan::document::PlanFile;
use crate::plan::finding::{Finding, Severity};
use crate::plan::listing::ListingFacts;
/// Where a review stands: one rule for the dashboard, `aftercare due` and rule 9.
pub use crate::plan::review_state::{ReviewState, plan_review_state};
use crate::plan::rules::RuleSettings;

/// A file's row on the list: its plan's facts (read through, as `summary.id`), and what its
/// findings say.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSummary {
    pub facts: ListingFacts,
    pub errors: usize,
    pub warnings: usize,
    /// `file:line:col message` of the first error, for an invalid plan's row.
    pub first_error: Option<String>,
}

impl std::ops::Deref for PlanSummary {
    type Target = ListingFacts;

    fn deref(&self) -> &ListingFacts {
        &self.facts
    }
}

impl PlanSummary {
    pub fn of(file: &PlanFile, settings: &RuleSettings) -> PlanSummary {
        PlanSummary::listed(
            ListingFacts::of(file.plan.as_ref(), settings),
            &file.findings,
        )
    }

    /// The row of a file from its plan's facts (worked out now, or kept by the summary
    /// cache for these rule settings) and its findings: what [`PlanSummary::of`] gives.
    pub fn listed(facts: ListingFacts, findings: &[Finding]) -> PlanSummary {
        let count = |severity| {
            findings
                .iter()
                .filter(|finding| finding.severity == severity)
                .count()
        };
        let first_error = findings
            .iter()
            .find(|finding| finding.severity == Severity::Error)
            .map(|finding| {
                format!(
                    "{}:{}:{} {}",
                    finding.file, finding.location.line, finding.location.column, finding.message
                )
            });
        PlanSummary {
            facts,
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            first_error,
        }
    }

    /// This row with other findings (the folder-wide rules ran again): what
    /// [`PlanSummary::listed`] gives for the same plan and those findings, without the plan.
    pub fn with_findings(&self, findings: &[Finding]) -> PlanSummary {
        PlanSummary::listed(self.facts.clone(), findings)
    }

    pub fn is_valid(&self) -> bool {
        self.errors == 0 && self.first_error.is_none()
    }
}

/// What `/` searches in a file, into `fields` (emptied first) with what each one is in
/// `labels`: id, initials, ICB, LA, coordinator, each need's text; the file's name when it
/// could not be read. Read off the file when searching rather than kept beside it: a copy of
/// those texts for every plan would cost more memory than the texts themselves.
pub fn search_fields<'f>(
    file: &'f PlanFile,
    fields: &mut Vec<&'f str>,
    labels: &mut Vec<&'static str>,
) {
    fields.clear();
    labels.clear();
    let Some(plan) = &file.plan else {
        fields.push(&file.display);
        labels.push("file");
        return;
    };
    let responsible = &plan.responsible;
    let named = [
        ("id", plan.id.as_deref()),
        ("initials", plan.person.initials.as_deref()),
        ("ICB", responsible.icb.as_deref()),
        ("LA", responsible.local_authority.as_deref()),
        ("coord", responsible.care_coordinator.as_deref()),
    ];
    let needs = plan.needs.iter().map(|need| ("need", need.need.as_deref()));
    for (label, text) in named.into_iter().chain(needs) {
        if let Some(text) = text {
            fields.push(text);
            labels.push(label);
        }
    }
}
