//! Rules of the entitlement over time (format v1.1): an ending a later detention undid
//! (rule 20) and the order of the earlier episodes in `history` (rule 22). A readmission given
//! as a reason to end is one of the weak grounds of rule 8 (`ending_grounds`).

use super::root;
use crate::plan::dates::format_uk;
use crate::plan::finding::{Check, Issue};
use crate::plan::lifecycle::later_detention;
use crate::plan::model::{EventKind, Plan};

/// Rule 20: a qualifying detention after the ending's date means the ending no longer holds;
/// a qualifying detention is an episode, never an event; a detention event names its section.
pub fn detentions_after_ending(plan: &Plan) -> Vec<Issue> {
    let mut issues = Vec::new();
    if let Some(later) = later_detention(plan) {
        let ended = plan
            .ending
            .as_ref()
            .and_then(|ending| ending.date)
            .map(format_uk)
            .unwrap_or_default();
        let recorded = match later.event_index {
            Some(index) => format!(" (events[{index}])"),
            None => String::new(),
        };
        issues.push(Issue::error(
            Check::Rule(20),
            root().key("ending").key("date"),
            format!(
                "a new detention under s{} on {}{recorded} started after this ending ({ended}): \
                 the ending no longer holds and S117 aftercare is owed again from discharge \
                 (s117(1)); move the ending, with the episode it ended, into `history` and record \
                 the new detention as `episode`; the LA is worked out again from where the person \
                 lived immediately before the new detention (Worcestershire [2023] UKSC 31)",
                later.section,
                format_uk(later.detained)
            ),
        ));
    }
    for (index, event) in plan.events.iter().enumerate() {
        if event.kind != Some(EventKind::Detention) {
            continue;
        }
        let path = root().key("events").index(index);
        match &event.section {
            None => issues.push(Issue::error(
                Check::Rule(20),
                path,
                format!(
                    "events[{index}] is a detention with no `section`; name it (such as \"2\" or \"136\"): \
                     whether it starts a new S117 duty depends on it (s117(1))"
                ),
            )),
            Some(section) if section.qualifies() => issues.push(Issue::error(
                Check::Rule(20),
                path.key("section"),
                format!(
                    "a detention under s{section} qualifies for S117: it starts a new duty on \
                     discharge (s117(1)) and is an episode, not an event; record it as `episode` \
                     and move the current episode (with any ending) into `history` \
                     (Worcestershire [2023] UKSC 31)"
                ),
            )),
            Some(_) => {}
        }
    }
    issues
}

/// Rule 22: `history` lists earlier detentions, newest first, each before the current one.
pub fn history_in_order(plan: &Plan) -> Vec<Issue> {
    let mut issues = Vec::new();
    let mut newer = plan
        .episode
        .detained
        .map(|date| (date, "the current episode".to_owned()));
    for (index, past) in plan.history.iter().enumerate() {
        let Some(detained) = past.episode.detained else {
            continue;
        };
        if let Some((newer_date, newer_name)) = &newer
            && detained > *newer_date
        {
            issues.push(Issue::warning(
                Check::Rule(22),
                root()
                    .key("history")
                    .index(index)
                    .key("episode")
                    .key("detained"),
                format!(
                    "history[{index}] was detained {}, after {newer_name} ({}); history lists \
                     earlier detentions newest first, and the newest detention is the `episode`",
                    format_uk(detained),
                    format_uk(*newer_date)
                ),
            ));
        }
        newer = Some((detained, format!("history[{index}]")));
    }
    issues
}
