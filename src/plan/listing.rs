//! What a list of plans says of one plan, worked out from the plan alone and the rule
//! settings (today among them): its id, initials, section, legal status, next review and
//! where it stands, its current needs by category, whether funding is disputed, whether it
//! has ended, and who is responsible. The dashboard's rows are made of these and the file's
//! findings; the summary cache keeps them, so a warm start lists every plan before it has
//! read the plans themselves.

use chrono::NaiveDate;

use super::lifecycle::{Lifecycle, current_needs};
use super::model::{Category, LegalStatus, Plan};
use super::review_state::{ReviewState, plan_review_state};
use super::rules::RuleSettings;

/// A plan's facts for its row on a list. For a file that holds no plan: none
/// ([`ListingFacts::none`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ListingFacts {
    pub id: Option<String>,
    pub initials: Option<String>,
    /// The section as the list shows it (`37/41`), when the plan names one.
    pub section: Option<String>,
    pub legal_status: Option<LegalStatus>,
    pub next_review: Option<NaiveDate>,
    pub review_state: ReviewState,
    /// Current needs by category (none for an ended plan).
    pub health: usize,
    pub social: usize,
    pub joint: usize,
    pub disputed: bool,
    /// Live, live with an ending planned, or ended (on the settings' today).
    pub lifecycle: Lifecycle,
    pub icb: String,
    pub local_authority: String,
    pub coordinator: String,
}

impl ListingFacts {
    /// The facts of a file read as no plan.
    pub fn none() -> ListingFacts {
        ListingFacts {
            id: None,
            initials: None,
            section: None,
            legal_status: None,
            next_review: None,
            review_state: ReviewState::Unknown,
            health: 0,
            social: 0,
            joint: 0,
            disputed: false,
            lifecycle: Lifecycle::Live,
            icb: String::new(),
            local_authority: String::new(),
            coordinator: String::new(),
        }
    }

    /// The facts of `plan` (or of no plan) under `settings`.
    pub fn of(plan: Option<&Plan>, settings: &RuleSettings) -> ListingFacts {
        let Some(plan) = plan else {
            return ListingFacts::none();
        };
        let lifecycle = Lifecycle::of(plan, settings.today);
        let count = |category| {
            current_needs(plan, lifecycle)
                .filter(|need| need.category == Some(category))
                .count()
        };
        let text = |value: &Option<String>| value.clone().unwrap_or_default();
        ListingFacts {
            id: plan.id.clone(),
            initials: plan.person.initials.clone(),
            section: plan.episode.section.is_some().then(|| plan.section_label()),
            legal_status: plan.episode.legal_status,
            next_review: plan.reviews.next_due,
            review_state: plan_review_state(plan, settings),
            health: count(Category::Health),
            social: count(Category::Social),
            joint: count(Category::Joint),
            disputed: plan.responsible.dispute.is_some(),
            lifecycle,
            icb: text(&plan.responsible.icb),
            local_authority: text(&plan.responsible.local_authority),
            coordinator: text(&plan.responsible.care_coordinator),
        }
    }
}
