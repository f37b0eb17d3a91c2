//! Needs recorded in time and disputes that name what they are about (rules 11 and 13):
//! planning starts on admission (Code 33.10), so a plan with no needs weeks after discharge is
//! a gap; a dispute is about needs in the plan, between named parties, with someone paying
//! meanwhile (ICB/LA s117(2); LA/LA s117(3), s117(4); ICB/ICB Who Pays? 2024).

use chrono::Duration;

use super::{RuleSettings, root};
use crate::plan::dates::format_uk;
use crate::plan::finding::{Check, Issue};
use crate::plan::model::{DisputeKind, Plan};

/// Rule 13: needs recorded within `first_review_days` of leaving hospital.
pub fn needs_recorded_after_discharge(plan: &Plan, settings: &RuleSettings) -> Option<Issue> {
    if plan.is_ended() || !plan.needs.is_empty() {
        return None;
    }
    let left = plan.episode.left_hospital?;
    let deadline = left + Duration::days(settings.first_review_days);
    (settings.today > deadline).then(|| {
        Issue::warning(
            Check::Rule(13),
            root().key("needs"),
            format!(
                "no needs recorded {} days after leaving hospital ({}): aftercare planning starts on admission ({}); record the services the person needs, or why none are needed yet",
                (settings.today - left).num_days(),
                format_uk(left),
                plan.jurisdiction().code_paragraph("33.10")
            ),
        )
    })
}

/// Rule 11: a dispute's `about` names needs in the plan; an LA/LA or ICB/ICB dispute names
/// both parties and which of them pays meanwhile.
pub fn dispute_names_needs_and_parties(plan: &Plan) -> Vec<Issue> {
    let Some(dispute) = &plan.responsible.dispute else {
        return Vec::new();
    };
    let path = root().key("responsible").key("dispute");
    let mut issues = Vec::new();
    for (index, id) in dispute.about.iter().enumerate() {
        if plan.need_by_id(id).is_none() {
            issues.push(Issue::error(
                Check::Rule(11),
                path.key("about").index(index),
                format!(
                    "the dispute is about {id}, but the plan has no need {id}: name the needs in dispute by their ids, so that care for each goes on while it is settled"
                ),
            ));
        }
    }
    let kind = dispute.kind.unwrap_or(DisputeKind::IcbLa);
    if kind == DisputeKind::IcbLa {
        return issues;
    }
    let source = kind.source();
    let named: Vec<&str> = dispute
        .parties
        .iter()
        .map(|party| party.trim())
        .filter(|party| !party.is_empty())
        .collect();
    if named.len() != 2 {
        issues.push(Issue::warning(
            Check::Rule(11),
            path.key("kind"),
            format!(
                "the {} dispute does not name its two parties: write parties: [first body, second body] ({source})",
                kind.as_str()
            ),
        ));
    }
    match dispute.interim_payer.as_deref().map(str::trim) {
        None | Some("") => issues.push(Issue::warning(
            Check::Rule(11),
            path.key("kind"),
            format!(
                "the {} dispute does not say who pays meanwhile: a dispute must not delay care; name the party paying in interim_payer ({source})",
                kind.as_str()
            ),
        )),
        Some(payer) if named.len() == 2 && !named.contains(&payer) => issues.push(Issue::error(
            Check::Rule(11),
            path.key("interim_payer"),
            format!(
                "interim_payer {payer} is not one of the parties ({}): the body paying meanwhile is one of the two in dispute ({source})",
                named.join(", ")
            ),
        )),
        Some(_) => {}
    }
    issues
}
