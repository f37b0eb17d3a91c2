//! One dashboard row's facts about a plan file, worked out once when the file loads, so that
//! sorting, filtering and drawing 10,000 rows never re-reads the plans.

use crate::plan::document::PlanFile;
use crate::plan::finding::Severity;
use crate::plan::lifecycle::{Lifecycle, current_needs};
use crate::plan::model::{Category, LegalStatus, Plan};
/// Where a review stands: one rule for the dashboard, `aftercare due` and rule 9.
pub use crate::plan::review_state::{ReviewState, plan_review_state};
use crate::plan::rules::RuleSettings;
use chrono::NaiveDate;

#[derive(Debug, Clone)]
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
        let plan = file.plan.as_ref();
        let next_review = plan.and_then(|plan| plan.reviews.next_due);
        let first_error = file
            .findings
            .iter()
            .find(|finding| finding.severity == Severity::Error)
            .map(|finding| {
                format!(
                    "{}:{}:{} {}",
                    finding.file, finding.location.line, finding.location.column, finding.message
                )
            });
        let text = |value: Option<&String>| value.cloned().unwrap_or_default();
        let lifecycle = plan.map_or(Lifecycle::Live, |plan| Lifecycle::of(plan, settings.today));
        let count = |category| plan.map_or(0, |plan| count_current(plan, lifecycle, category));
        PlanSummary {
            id: plan.and_then(|plan| plan.id.clone()),
            initials: plan.and_then(|plan| plan.person.initials.clone()),
            section: plan
                .filter(|plan| plan.episode.section.is_some())
                .map(|plan| plan.section_label()),
            legal_status: plan.and_then(|plan| plan.episode.legal_status),
            next_review,
            review_state: match plan {
                Some(plan) => plan_review_state(plan, settings),
                None => ReviewState::Unknown,
            },
            health: count(Category::Health),
            social: count(Category::Social),
            joint: count(Category::Joint),
            disputed: plan.is_some_and(|plan| plan.responsible.dispute.is_some()),
            lifecycle,
            ended: lifecycle.is_ended(),
            errors: file.errors(),
            warnings: file.warnings(),
            first_error,
            icb: text(plan.and_then(|plan| plan.responsible.icb.as_ref())),
            local_authority: text(plan.and_then(|plan| plan.responsible.local_authority.as_ref())),
            coordinator: text(plan.and_then(|plan| plan.responsible.care_coordinator.as_ref())),
        }
    }

    pub fn is_valid(&self) -> bool {
        self.errors == 0 && self.first_error.is_none()
    }
}

/// The current needs of one category (none for an ended plan; never an ended or declined need).
fn count_current(plan: &Plan, lifecycle: Lifecycle, category: Category) -> usize {
    current_needs(plan, lifecycle)
        .filter(|need| need.category == Some(category))
        .count()
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
