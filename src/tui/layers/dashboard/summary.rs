//! One dashboard row's facts about a plan file, worked out once when the file loads, so that
//! sorting, filtering and drawing 10,000 rows never re-reads the plans.

use crate::plan::document::PlanFile;
use crate::plan::finding::{Finding, Severity};
use crate::plan::lifecycle::Lifecycle;
use crate::plan::listing::ListingFacts;
use crate::plan::model::LegalStatus;
/// Where a review stands: one rule for the dashboard, `aftercare due` and rule 9.
pub use crate::plan::review_state::{ReviewState, plan_review_state};
use crate::plan::rules::RuleSettings;
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlanSummary {
    pub id: Option<String>,
    pub initials: Option<String>,
    pub section: Option<String>,
    pub legal_status: Option<LegalStatus>,
    pub next_review: Option<NaiveDate>,
    pub review_state: ReviewState,
    pub health: usize,
    pub social: usize,
    pub joint: usize,
    pub disputed: bool,
    /// Live, live with an ending planned, or ended (on the settings' today).
    pub lifecycle: Lifecycle,
    pub ended: bool,
    pub errors: usize,
    pub warnings: usize,
    /// `file:line:col message` of the first error, for an invalid plan's row.
    pub first_error: Option<String>,
    pub icb: String,
    pub local_authority: String,
    pub coordinator: String,
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
            id: facts.id,
            initials: facts.initials,
            section: facts.section,
            legal_status: facts.legal_status,
            next_review: facts.next_review,
            review_state: facts.review_state,
            health: facts.health,
            social: facts.social,
            joint: facts.joint,
            disputed: facts.disputed,
            lifecycle: facts.lifecycle,
            ended: facts.lifecycle.is_ended(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            first_error,
            icb: facts.icb,
            local_authority: facts.local_authority,
            coordinator: facts.coordinator,
        }
    }

    /// This row with other findings (the folder-wide rules ran again): what
    /// [`PlanSummary::listed`] gives for the same plan and those findings, without the plan.
    pub fn with_findings(&self, findings: &[Finding]) -> PlanSummary {
        let facts = ListingFacts {
            id: self.id.clone(),
            initials: self.initials.clone(),
            section: self.section.clone(),
            legal_status: self.legal_status,
            next_review: self.next_review,
            review_state: self.review_state,
            health: self.health,
            social: self.social,
            joint: self.joint,
            disputed: self.disputed,
            lifecycle: self.lifecycle,
            icb: self.icb.clone(),
            local_authority: self.local_authority.clone(),
            coordinator: self.coordinator.clone(),
        };
        PlanSummary::listed(facts, findings)
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
