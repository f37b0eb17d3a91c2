//! Rules of the entitlement over time (format v1.1): an ending a later detention undid
//! (rule 20), a readmission informally or under s2 given as a reason to end (rule 21), and
//! the order of the earlier episodes in `history` (rule 22).

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

/// Words that say the reasons are about going into hospital.
const ADMISSION_WORDS: &[&str] = &[
    "admission",
    "admissions",
    "admit",
    "admitted",
    "readmission",
    "readmissions",
    "readmit",
    "readmitted",
    "hospital",
    "inpatient",
];

/// Words and phrases that name an informal stay or one under s2, as whole words.
const INFORMAL_OR_S2: &[&[&str]] = &[
    &["informal"],
    &["informally"],
    &["voluntary"],
    &["voluntarily"],
    &["s2"],
    &["s", "2"],
    &["section", "2"],
    &["sec", "2"],
];

/// The reasons' words, lower case, split at anything not a letter or a digit (`s.2` is `s 2`).
fn words_of(text: &str) -> Vec<String> {
    text.to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| !word.is_empty())
        .map(str::to_owned)
        .collect()
}

fn has_phrase(words: &[String], phrase: &[&str]) -> bool {
    words
        .windows(phrase.len())
        .any(|window| window.iter().zip(phrase).all(|(word, want)| word == want))
}

/// Rule 21: that the person could be (or was) admitted informally or under s2 is no ground
/// to end S117: neither starts or ends the duty. A warning: the reasons may say more.
pub fn ending_cites_readmission(plan: &Plan) -> Option<Issue> {
    let reasons = plan.ending.as_ref()?.reasons.as_deref()?;
    let words = words_of(reasons);
    let about_admission = ADMISSION_WORDS
        .iter()
        .any(|word| words.iter().any(|found| found == word));
    let cited = INFORMAL_OR_S2
        .iter()
        .any(|phrase| has_phrase(&words, phrase));
    (about_admission && cited).then(|| {
        Issue::warning(
            Check::Rule(21),
            root().key("ending").key("reasons"),
            "ending.reasons cite an admission informally or under s2: that the person could go \
             (or went) back to hospital informally or under s2 is not a ground to end S117 on \
             its own (Code ch. 33); say why the ICB and the LA are satisfied the person no longer \
             needs the services (s117(2)), and record any such admission under `events`"
                .to_owned(),
        )
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readmission_is_matched_as_whole_words_about_admission() {
        let cites = |reasons: &str| {
            let mut plan = Plan::default();
            plan.ending = Some(crate::plan::model::Ending {
                reasons: Some(reasons.into()),
                ..Default::default()
            });
            ending_cites_readmission(&plan).is_some()
        };
        assert!(cites("Can be readmitted informally if needed."));
        assert!(cites("Any relapse can be managed by admission under s.2."));
        assert!(cites("Hospital under Section 2 remains available."));
        assert!(!cites(
            "Informal support from her sister; no remaining need."
        ));
        assert!(!cites("Admitted to college; section 20 of the plan met."));
        assert!(!cites(
            "No hospital stay since 2019; works as an s22 clerk."
        ));
    }
}
