//! S117 validation: one function per rule of docs/plan-format.md.
//!
//! Each rule reads the model and returns issues with YAML paths; the caller turns paths into
//! line and column. "Today" and the thresholds come in through [`RuleSettings`].

use chrono::{Duration, NaiveDate};

use super::dates::format_uk;
use super::finding::{Check, Issue, YamlPath, as_clause};
use super::lifecycle::Lifecycle;
use super::model::*;
use super::nhs;
use super::review_state::ReviewState;

mod conflicts;
mod disputes;
mod ending;
mod ending_grounds;
mod far_dates;
mod folder;
mod legal_status;
mod lifecycle;
mod reviews;
pub use conflicts::{CONFLICT_RULE, conflict_message, conflicts_to_resolve};
pub use disputes::{dispute_names_needs_and_parties, needs_recorded_after_discharge};
pub use ending::{ending_involves_the_person, ending_is_a_joint_decision, is_placeholder_decider};
pub use ending_grounds::ending_reasons_weak_grounds;
pub use far_dates::{FAR_FUTURE_YEARS, dates_within_reach, is_far_future};
pub use folder::{nhs_numbers_unique_across_live_plans, shared_nhs_number_path};
pub use legal_status::restriction_fits_status;
pub use lifecycle::{detentions_after_ending, history_in_order};
pub use reviews::{DEFAULT_INTERVAL_MONTHS, review_dates_in_order, review_gap_within_interval};
pub mod money;

/// What the rules need from outside the plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RuleSettings {
    pub today: NaiveDate,
    /// A review due within this many days is "due soon" (rule 9).
    pub due_soon_days: i64,
    /// The first review should happen within this many days of leaving hospital (rule 13).
    pub first_review_days: i64,
}

impl RuleSettings {
    pub fn new(today: NaiveDate) -> Self {
        Self {
            today,
            due_soon_days: 30,
            first_review_days: 42,
        }
    }
}

/// Every per-plan rule, in the order of plan-format.md, then the plausibility of its dates.
pub fn check_plan(plan: &Plan, settings: &RuleSettings) -> Vec<Issue> {
    let mut issues = Vec::new();
    issues.extend(schema_is_v1(plan));
    issues.extend(section_qualifies(plan));
    issues.extend(restriction_fits_status(plan));
    issues.extend(left_hospital_after_detention(plan));
    issues.extend(need_ids_unique(plan));
    issues.extend(funding_matches_category(plan));
    issues.extend(nhs_number_valid(plan));
    issues.extend(ending_complete_and_lawful(plan));
    issues.extend(ending_is_a_joint_decision(plan, settings));
    issues.extend(ending_questionable(plan));
    issues.extend(ending_involves_the_person(plan));
    issues.extend(ending_reasons_weak_grounds(plan));
    issues.extend(reviews_due(plan, settings));
    issues.extend(review_dates_in_order(plan, settings));
    issues.extend(review_gap_within_interval(plan, settings));
    issues.extend(declined_needs(plan));
    issues.extend(dispute_has_interim_funder(plan));
    issues.extend(dispute_names_needs_and_parties(plan));
    issues.extend(ended_needs_say_why(plan));
    issues.extend(early_review_held(plan, settings));
    issues.extend(needs_recorded_after_discharge(plan, settings));
    issues.extend(money::check_money(plan));
    issues.extend(dates_within_reach(plan, settings));
    issues.extend(detentions_after_ending(plan));
    issues.extend(history_in_order(plan));
    issues.extend(conflicts_to_resolve(plan));
    issues
}

pub(crate) fn root() -> YamlPath {
    YamlPath::root()
}

pub(crate) fn need_path(index: usize) -> YamlPath {
    root().key("needs").index(index)
}

/// How a need is named in messages: its id, or its position when it has none.
pub(crate) fn need_label(need: &Need, index: usize) -> String {
    need.id
        .clone()
        .unwrap_or_else(|| format!("need {}", index + 1))
}

/// Rule 1 (per plan): `schema` is `aftercare/v1` (or `aftercare/v1.1`, which only adds keys).
pub fn schema_is_v1(plan: &Plan) -> Option<Issue> {
    let schema = plan.schema.as_deref()?;
    (schema != SCHEMA_V1 && schema != SCHEMA_V1_1).then(|| {
        Issue::error(
            Check::Rule(1),
            root().key("schema"),
            format!(
                "schema is `{schema}`; this version reads `{SCHEMA_V1}` or `{SCHEMA_V1_1}` (docs/plan-format.md): open the file with the version of aftercare that wrote it"
            ),
        )
    })
}

/// Is this a finding of a folder-wide rule (an id used twice, an NHS number on two live
/// plans), so that the rules can be run again without adding a second copy or keeping one
/// that no longer holds?
pub fn is_folder_finding(check: Check, path: &YamlPath) -> bool {
    (check == Check::Rule(1) && *path == root().key("id"))
        || (check == Check::Rule(6) && *path == shared_nhs_number_path())
}

/// Rule 1 (across the folder): each `id` is used once. Takes (file, id) pairs; returns, for
/// every plan whose id another plan also uses, its position and an issue naming the others
/// (both files are flagged: the reader cannot tell which copy is the wrong one).
pub fn ids_unique_across_folder(ids: &[(&str, Option<&str>)]) -> Vec<(usize, Issue)> {
    // Grouped by sorting (id, position): no hashing of 100,000 ids, each group in file order.
    let mut used: Vec<(&str, usize)> = ids
        .iter()
        .enumerate()
        .filter_map(|(position, (_, id))| Some(((*id)?, position)))
        .collect();
    used.sort_unstable();
    let mut issues = Vec::new();
    for group in used
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|group| group.len() > 1)
    {
        let id = group[0].0;
        let positions: Vec<usize> = group.iter().map(|(_, position)| *position).collect();
        for &position in &positions {
            let others: Vec<&str> = positions
                .iter()
                .filter(|&&other| other != position)
                .map(|&other| ids[other].0)
                .collect();
            issues.push((
                position,
                Issue::error(
                    Check::Rule(1),
                    root().key("id"),
                    format!(
                        "id {id} is also used by {}; each plan needs its own id (plan-format.md rule 1): give one of them the next free id",
                        others.join(", ")
                    ),
                ),
            ));
        }
    }
    issues.sort_by_key(|(position, _)| *position);
    issues
}

/// Rule 2: only sections 3, 37, 45A, 47 and 48 give an S117 entitlement.
pub fn section_qualifies(plan: &Plan) -> Option<Issue> {
    let Some(Section::Other(section)) = &plan.episode.section else {
        return None;
    };
    Some(Issue::error(
        Check::Rule(2),
        root().key("episode").key("section"),
        format!(
            "section {section} gives no S117 entitlement (s117(1)): only detention under s3, 37, 45A, 47 or 48 qualifies; record the qualifying section the person was detained under, or keep this person off the S117 register"
        ),
    ))
}

/// Rule 3: a person cannot leave hospital before being detained.
pub fn left_hospital_after_detention(plan: &Plan) -> Option<Issue> {
    let (Some(detained), Some(left)) = (plan.episode.detained, plan.episode.left_hospital) else {
        return None;
    };
    (left < detained).then(|| {
        Issue::error(
            Check::Rule(3),
            root().key("episode").key("left_hospital"),
            format!(
                "left_hospital {} is before detained {}; the person leaves hospital after detention and the duty starts then (s117(1)): correct the date that is wrong",
                format_uk(left),
                format_uk(detained)
            ),
        )
    })
}

/// Rule 4: need ids are unique within the plan. (Ids seen go in a hash map: a plan of
/// thousands of needs is checked in linear time, not pair by pair.)
pub fn need_ids_unique(plan: &Plan) -> Vec<Issue> {
    let mut seen: std::collections::HashMap<&str, usize> = Default::default();
    let mut next_free = None;
    let mut issues = Vec::new();
    for (index, need) in plan.needs.iter().enumerate() {
        let Some(id) = need.id.as_deref() else {
            continue;
        };
        match seen.get(id) {
            Some(first) => issues.push(Issue::error(
                Check::Rule(4),
                need_path(index).key("id"),
                format!(
                    "need id {id} is already used by needs[{first}]; each need has its own id (plan-format.md rule 4): give this need its own id, such as N{}",
                    next_free.get_or_insert_with(|| next_free_need_number(plan))
                ),
            )),
            None => {
                seen.insert(id, index);
            }
        }
    }
    issues
}

/// The number of the next free `N<n>` need id.
pub fn next_free_need_number(plan: &Plan) -> u32 {
    plan.needs
        .iter()
        .filter_map(|need| need.id.as_deref()?.strip_prefix('N')?.parse::<u32>().ok())
        .max()
        .map_or(1, |highest| highest + 1)
}

/// Rule 5: shares are 0-100 and total 100; health is ICB alone, social LA alone, joint both.
pub fn funding_matches_category(plan: &Plan) -> Vec<Issue> {
    let health = plan.jurisdiction().health_body();
    let mut issues = Vec::new();
    for (index, need) in plan.needs.iter().enumerate() {
        let label = need_label(need, index);
        let path = need_path(index).key("funding");
        let Some(funding) = need.funding else {
            if need.category == Some(Category::Joint) {
                issues.push(Issue::error(
                    Check::Rule(5),
                    path,
                    format!("{label} is joint but has no funding split (plan-format.md rule 5): record the split the {health} and the LA agreed, such as {{icb: 50, la: 50}}"),
                ));
            }
            continue;
        };
        let mut out_of_range = false;
        for (key, share) in [("icb", funding.icb), ("la", funding.la)] {
            if let Some(share) = share.filter(|share| !(0..=100).contains(share)) {
                out_of_range = true;
                issues.push(Issue::error(
                    Check::Rule(5),
                    path.key(key),
                    format!("{label} {key} share is {share}; a share is 0 to 100 percent (plan-format.md rule 5): record the agreed share"),
                ));
            }
        }
        if out_of_range || (funding.icb.is_none() && funding.la.is_none()) {
            if !out_of_range {
                issues.push(Issue::error(
                    Check::Rule(5),
                    path,
                    format!(
                        "{label} funding names no share (plan-format.md rule 5): record the agreed shares as {{icb: ..}}, {{la: ..}} or both"
                    ),
                ));
            }
            continue;
        }
        let total = funding.icb_share() + funding.la_share();
        if total != 100 {
            issues.push(Issue::error(
                Check::Rule(5),
                path.clone(),
                format!(
                    "{label} funding totals {total}; the shares must total 100 (plan-format.md rule 5; now {}): record the split the {health} and the LA agreed",
                    funding.split_label()
                ),
            ));
            continue;
        }
        let wrong = match need.category {
            Some(Category::Health) if funding.la_share() != 0 => Some(format!(
                "{label} is a health need but the LA pays {}%; a health need is funded by the {health} alone (plan-format.md rule 5): record {{icb: 100}}, or make it joint if both bodies agreed to share it",
                funding.la_share()
            )),
            Some(Category::Social) if funding.icb_share() != 0 => Some(format!(
                "{label} is a social need but the {health} pays {}%; a social need is funded by the LA alone (plan-format.md rule 5): record {{la: 100}}, or make it joint if both bodies agreed to share it",
                funding.icb_share()
            )),
            Some(Category::Joint) if funding.icb_share() == 0 || funding.la_share() == 0 => {
                Some(format!(
                    "{label} is joint but funded {}; a joint need has a share from both bodies (plan-format.md rule 5): record the agreed split, or make it health or social if one body alone funds it",
                    funding.split_label()
                ))
            }
            _ => None,
        };
        issues.extend(wrong.map(|message| Issue::error(Check::Rule(5), path, message)));
    }
    issues
}

/// Rule 6: an NHS number, when given, is 10 digits and passes Modulus 11.
pub fn nhs_number_valid(plan: &Plan) -> Option<Issue> {
    let number = plan.person.nhs_number.as_deref()?;
    let reason = nhs::check_nhs_number(number).err()?;
    Some(Issue::error(
        Check::Rule(6),
        root().key("person").key("nhs_number"),
        format!(
            "nhs_number (NHS number format, Modulus 11): {}",
            as_clause(&reason.to_string())
        ),
    ))
}

/// Rule 7: an ending names its date, both decision makers and reasons, and never on a CTO.
pub fn ending_complete_and_lawful(plan: &Plan) -> Vec<Issue> {
    let Some(ending) = &plan.ending else {
        return Vec::new();
    };
    let path = root().key("ending");
    let mut issues = Vec::new();
    let missing: Vec<&str> = [
        ("date", ending.date.is_none()),
        ("icb_decision_by", ending.icb_decision_by.is_none()),
        ("la_decision_by", ending.la_decision_by.is_none()),
        ("reasons", ending.reasons.is_none()),
    ]
    .into_iter()
    .filter_map(|(key, absent)| absent.then_some(key))
    .collect();
    if !missing.is_empty() {
        issues.push(Issue::error(
            Check::Rule(7),
            path.clone(),
            format!(
                "ending lacks {}; ending S117 is a joint decision of the {} and the LA (s117(2)) and the record says when, who decided and why: add it, or remove the ending until both bodies have decided",
                missing.join(", "),
                plan.jurisdiction().health_body()
            ),
        ));
    }
    if plan.episode.legal_status == Some(LegalStatus::Cto) {
        issues.push(Issue::error(
            Check::Rule(7),
            path,
            format!(
                "S117 cannot end while the person is on a CTO (legal_status: cto; s117(2), {}): remove the ending; aftercare continues for as long as the CTO and the need last",
                plan.jurisdiction().code()
            ),
        ));
    }
    issues
}

/// Rule 8: an ending while conditionally discharged deserves a second look (the reasons
/// are rule 8's other check, in `ending_grounds`).
pub fn ending_questionable(plan: &Plan) -> Vec<Issue> {
    if plan.ending.is_none() {
        return Vec::new();
    }
    let mut issues = Vec::new();
    if plan.episode.legal_status == Some(LegalStatus::ConditionalDischarge) {
        issues.push(Issue::warning(
            Check::Rule(8),
            root().key("ending"),
            format!(
                "ending while conditionally discharged: the person still has conditions to meet and may be recalled (s42(2), s73); record why aftercare is no longer needed while the conditions last ({})",
                plan.jurisdiction().code()
            ),
        ));
    }
    issues
}

/// Rule 9: reviews that are overdue or due soon (plan and needs), while the plan is live
/// (a planned ending leaves it live until its date).
pub fn reviews_due(plan: &Plan, settings: &RuleSettings) -> Vec<Issue> {
    if Lifecycle::of(plan, settings.today).is_ended() {
        return Vec::new();
    }
    let mut issues = Vec::new();
    if let Some(due) = plan.reviews.next_due {
        issues.extend(due_issue(
            settings,
            due,
            root().key("reviews").key("next_due"),
            "the plan review",
            plan.jurisdiction().code(),
        ));
    }
    for (index, need) in plan.needs.iter().enumerate() {
        if need.status == Some(NeedStatus::Ended) {
            continue;
        }
        if let Some(due) = need.review_by {
            let what = format!("{} review_by", need_label(need, index));
            issues.extend(due_issue(
                settings,
                due,
                need_path(index).key("review_by"),
                &what,
                plan.jurisdiction().code(),
            ));
        }
    }
    issues
}

fn due_issue(
    settings: &RuleSettings,
    due: NaiveDate,
    path: YamlPath,
    what: &str,
    code: &str,
) -> Option<Issue> {
    let days = (due - settings.today).num_days();
    let message = match ReviewState::of(due, settings.today, settings.due_soon_days) {
        ReviewState::Overdue => format!(
            "{what} is overdue: it was due {} ({} days ago); hold the review with the person and record it, with the next date ({code})",
            format_uk(due),
            -days
        ),
        ReviewState::DueSoon => {
            format!(
                "{what} is due soon: {} (in {days} days); arrange the review with the person ({code})",
                format_uk(due)
            )
        }
        ReviewState::Later | ReviewState::Unknown => return None,
    };
    Some(Issue::warning(Check::Rule(9), path, message))
}

/// Rule 10: declined needs stay visible; declining does not end the entitlement.
pub fn declined_needs(plan: &Plan) -> Vec<Issue> {
    let code = plan.jurisdiction().code();
    plan.needs
        .iter()
        .enumerate()
        .filter(|(_, need)| need.status == Some(NeedStatus::Declined))
        .map(|(index, need)| {
            Issue::warning(
                Check::Rule(10),
                need_path(index).key("status"),
                format!(
                    "{} is declined: declining a service does not end the entitlement ({code}); keep it in the plan and offer it again at review",
                    need_label(need, index)
                ),
            )
        })
        .collect()
}

/// Rule 11: an open dispute names who funds in the meantime.
pub fn dispute_has_interim_funder(plan: &Plan) -> Option<Issue> {
    let dispute = plan.responsible.dispute.as_ref()?;
    // LA/LA and ICB/ICB disputes name their interim payer instead (rule 11, `disputes`).
    let between_health_and_la = dispute.kind.is_none_or(|kind| kind == DisputeKind::IcbLa);
    (between_health_and_la && dispute.interim_funder.is_none()).then(|| {
        Issue::warning(
            Check::Rule(11),
            root()
                .key("responsible")
                .key("dispute")
                .key("interim_funder"),
            format!(
                "the dispute has no interim_funder; a dispute must not delay care ({}; Who Pays? 2024): name who pays meanwhile (icb or la), to be recharged once it is settled",
                plan.jurisdiction().code()
            ),
        )
    })
}

/// Rule 12 (the model part; unknown keys are reported while reading): ended needs say why.
pub fn ended_needs_say_why(plan: &Plan) -> Vec<Issue> {
    let code = plan.jurisdiction().code();
    plan.needs
        .iter()
        .enumerate()
        .filter(|(_, need)| {
            need.status == Some(NeedStatus::Ended)
                && need.notes.as_deref().is_none_or(|notes| notes.trim().is_empty())
        })
        .map(|(index, need)| {
            Issue::warning(
                Check::Rule(12),
                need_path(index).key("status"),
                format!(
                    "{} is ended but has no notes saying why; a need ends only when it has been met or is no longer there ({code}): add notes with the reason and who agreed",
                    need_label(need, index)
                ),
            )
        })
        .collect()
}

/// Rule 13: a first review within `first_review_days` of leaving hospital.
pub fn early_review_held(plan: &Plan, settings: &RuleSettings) -> Option<Issue> {
    if plan.is_ended() {
        return None;
    }
    let left = plan.episode.left_hospital?;
    let deadline = left + Duration::days(settings.first_review_days);
    if deadline >= settings.today {
        return None; // Not yet due.
    }
    let held = plan
        .reviews
        .history
        .iter()
        .filter_map(|review| review.date)
        .any(|date| date >= left && date <= deadline);
    let path = if plan.reviews.history.is_empty() {
        root().key("reviews")
    } else {
        root().key("reviews").key("history")
    };
    (!held).then(|| {
        Issue::warning(
            Check::Rule(13),
            path,
            format!(
                "no review within {} days of leaving hospital ({} to {}); local policy asks for an early review (first_review_days; {}): hold one and record it",
                settings.first_review_days,
                format_uk(left),
                format_uk(deadline),
                plan.jurisdiction().code()
            ),
        )
    })
}

#[cfg(test)]
pub(crate) mod tests;
#[cfg(test)]
mod tests_v11;
