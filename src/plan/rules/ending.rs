//! The ending as a joint decision (rules 7 and 8): both bodies decide, by name, each for
//! itself (s117(2)); the person is involved (Code ch. 33); the ending is not before the
//! person left hospital, not while needs are still live, and never while the person is on a
//! CTO or s17 leave (still liable to be recalled or detained).

use super::{RuleSettings, need_label, need_path, root};
use crate::plan::dates::format_uk;
use crate::plan::finding::{Check, Issue};
use crate::plan::lifecycle::later_detention;
use crate::plan::model::{LegalStatus, NeedStatus, Plan};

/// Words that stand in for a decider without naming one.
const PLACEHOLDERS: &[&str] = &[
    "n/a",
    "na",
    "n.a.",
    "none",
    "nobody",
    "no one",
    "tbc",
    "tba",
    "tbd",
    "unknown",
    "not known",
    "not consulted",
    "not applicable",
    "-",
    "--",
    "?",
    "x",
];

/// Titles left out when comparing two deciders' names.
const TITLES: &[&str] = &[
    "dr",
    "mr",
    "mrs",
    "ms",
    "miss",
    "mx",
    "prof",
    "professor",
    "cllr",
];

/// Is this decider text a placeholder rather than a person (`N/A - not consulted`)?
pub fn is_placeholder_decider(text: &str) -> bool {
    let lower = text.trim().to_lowercase();
    if lower.is_empty() {
        return true;
    }
    if PLACEHOLDERS.contains(&lower.as_str()) {
        return true;
    }
    // `N/A - not consulted`, `TBC (awaiting panel)`: a placeholder with words after it.
    let first = lower
        .split(|c: char| c.is_whitespace() || c == '-' || c == '(' || c == ',' || c == ';')
        .find(|word| !word.is_empty())
        .unwrap_or_default();
    ["n/a", "tbc", "tba", "tbd", "unknown", "none"].contains(&first)
        || lower.contains("not consulted")
}

/// The name part of a decider, for comparing the two: `Dr K. Osei, S117 lead` is `k osei`.
fn person_key(text: &str) -> String {
    let name = text.split([',', ';', '(']).next().unwrap_or_default();
    name.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty() && !TITLES.contains(word))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Rule 7: each decider named (not a placeholder) and not the same person for both bodies;
/// the ending not before leaving hospital, not while needs are live, not on s17 leave.
pub fn ending_is_a_joint_decision(plan: &Plan, settings: &RuleSettings) -> Vec<Issue> {
    let Some(ending) = &plan.ending else {
        return Vec::new();
    };
    let jurisdiction = plan.jurisdiction();
    let health = jurisdiction.health_body();
    let path = root().key("ending");
    let mut issues = Vec::new();
    for (key, body, decider) in [
        ("icb_decision_by", health, &ending.icb_decision_by),
        ("la_decision_by", "LA", &ending.la_decision_by),
    ] {
        if let Some(text) = decider
            .as_deref()
            .filter(|text| is_placeholder_decider(text))
        {
            // A dash is how an empty field is written (and how the app's form previews one).
            let shown = if matches!(text.trim(), "" | "-" | "--") {
                "empty".to_owned()
            } else {
                format!("`{}`", text.trim())
            };
            issues.push(Issue::error(
                Check::Rule(7),
                path.key(key),
                format!(
                    "ending.{key} is {shown}: S117 ends only when the {health} and the LA are both satisfied (s117(2)); name the {body} officer who took the decision, or keep the plan open until the {body} has decided"
                ),
            ));
        }
    }
    if let (Some(icb), Some(la)) = (&ending.icb_decision_by, &ending.la_decision_by) {
        let (icb_key, la_key) = (person_key(icb), person_key(la));
        if !icb_key.is_empty()
            && icb_key == la_key
            && !is_placeholder_decider(icb)
            && !is_placeholder_decider(la)
        {
            issues.push(Issue::error(
                Check::Rule(7),
                path.key("la_decision_by"),
                format!(
                    "the same person is named for the {health} and the LA ({}): ending is a decision of both bodies (s117(2)); each names its own decision maker",
                    la.trim()
                ),
            ));
        }
    }
    // An ending a later detention undid belongs to an earlier episode (rule 20 says to move it
    // into `history`): it is not judged against the current episode's dates and needs.
    let undone = later_detention(plan).is_some();
    if let (Some(date), Some(left), false) = (ending.date, plan.episode.left_hospital, undone)
        && date < left
    {
        issues.push(Issue::error(
                Check::Rule(7),
                path.key("date"),
                format!(
                    "ending.date {} is before the person left hospital ({}): the duty starts on leaving hospital (s117(1)) and can only end after it; correct the date",
                    format_uk(date),
                    format_uk(left)
                ),
            ));
    }
    if plan.episode.legal_status == Some(LegalStatus::S17Leave) {
        issues.push(Issue::error(
            Check::Rule(7),
            path.clone(),
            "S117 cannot end while the person is on s17 leave: they are still liable to be detained (s17, s117(2)); remove the ending until leave has ended and both bodies have decided".to_owned(),
        ));
    }
    // Needs stay live until the ending takes effect: an ending dated later is still planned.
    let in_effect = ending.date.is_none_or(|date| date <= settings.today);
    if plan.is_ended() && in_effect && !undone {
        for (index, need) in plan.needs.iter().enumerate() {
            let live = matches!(
                need.status,
                Some(
                    NeedStatus::Proposed
                        | NeedStatus::Agreed
                        | NeedStatus::Active
                        | NeedStatus::OnHold
                )
            );
            if live {
                issues.push(Issue::error(
                    Check::Rule(7),
                    need_path(index).key("status"),
                    format!(
                        "{} is still {} but the plan has an ending: an ended plan provides nothing (s117(2)); end a need only once it is met, with notes saying why, or remove the ending",
                        need_label(need, index),
                        need.status.map(|status| status.as_str()).unwrap_or_default()
                    ),
                ));
            }
        }
    }
    issues
}

/// Rule 8: the person not involved in the ending, and an ending with a dispute still open.
pub fn ending_involves_the_person(plan: &Plan) -> Vec<Issue> {
    let Some(ending) = &plan.ending else {
        return Vec::new();
    };
    let code = plan.jurisdiction().code();
    let path = root().key("ending");
    let mut issues = Vec::new();
    match ending.person_involved {
        Some(true) => {}
        Some(false) => issues.push(Issue::warning(
            Check::Rule(8),
            path.key("person_involved"),
            format!(
                "the person was not involved in ending S117: involve them (and their carer or advocate) in the decision ({code}), and record how"
            ),
        )),
        None => issues.push(Issue::warning(
            Check::Rule(8),
            path.clone(),
            format!(
                "the ending does not say whether the person was involved: involve them (and their carer or advocate) in the decision ({code}), and record person_involved as it happened"
            ),
        )),
    }
    if plan.responsible.dispute.is_some() {
        issues.push(Issue::warning(
            Check::Rule(8),
            root().key("responsible").key("dispute"),
            "the plan is ended with a dispute still open: settle who is responsible first (s117(2), s117(3)), so that any recharge is agreed, then resolve the dispute".to_owned(),
        ));
    }
    issues
}
