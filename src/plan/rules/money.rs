//! The money rules (format v1.1): S117 aftercare is free of charge (s117 Mental Health Act
//! 1983; R v Manchester CC ex p Stennett [2002] UKHL 34), and the one lawful extra payment is a
//! top-up for preferred accommodation under a written agreement (s117A; the Care and Support
//! and Aftercare (Choice of Accommodation) Regulations 2014).
//!
//! - Rule 23 (E): a need records a charge or contribution from the person.
//! - Rule 24 (W): a need's text or notes read as charging the person.
//! - Rule 25 (E): a top-up on a need that is not accommodation.
//! - Rule 26 (W): a top-up with no date of written agreement.

use super::{need_label, need_path};
use crate::plan::finding::{Check, Issue};
use crate::plan::model::Plan;
use crate::plan::money::{find_phrase, is_accommodation, words_of};

const STENNETT: &str = "S117 aftercare is free of charge (s117 MHA 1983; R v Manchester CC ex p Stennett [2002] UKHL 34)";

/// Words and phrases that read as charging the person, matched as whole words.
pub const CHARGING_WORDS: &[&str] = &[
    "contributes",
    "contribute",
    "contributing",
    "contribution",
    "contributions",
    "charged",
    "charging",
    "client charge",
    "client charges",
    "financial assessment",
    "financially assessed",
    "means test",
    "means tested",
    "assessed charge",
    "pays towards",
    "paying towards",
];

/// Words that, just before a charging word, say it is not happening (`not charged`).
const NEGATIONS: &[&str] = &["not", "no", "never", "nil", "without"];

/// Every money rule, in order.
pub fn check_money(plan: &Plan) -> Vec<Issue> {
    let mut issues = charges_recorded(plan);
    issues.extend(charging_words(plan));
    issues.extend(top_ups_lawful(plan));
    issues
}

/// Rule 23: a need that records a charge or contribution from the person is an error.
pub fn charges_recorded(plan: &Plan) -> Vec<Issue> {
    plan.needs
        .iter()
        .enumerate()
        .filter_map(|(index, need)| {
            let key = need.money.charge_key.as_deref()?;
            Some(Issue::error(
                Check::Rule(23),
                need_path(index).key(key),
                format!(
                    "{} records a {key} from the person; {STENNETT}: remove it and refund what was collected",
                    need_label(need, index)
                ),
            ))
        })
        .collect()
}

/// Every charging phrase holds one of these (a test holds the list to it).
const STEMS: &[&str] = &["contribut", "charg", "financ", "means", "assess", "toward"];

/// The first charging word in `text` that no negation just before it takes back.
fn charging_word(text: &str) -> Option<&'static str> {
    // Most texts hold none of the phrases' stems: an ASCII text without one is passed
    // without its words being made (any other is read word by word, lower-cased).
    if text.is_ascii() {
        let lower = text.to_ascii_lowercase();
        if !STEMS.iter().any(|stem| lower.contains(stem)) {
            return None;
        }
    }
    let words = words_of(text);
    CHARGING_WORDS.iter().copied().find(|phrase| {
        let mut start = 0;
        while let Some(found) = find_phrase(&words[start..], phrase) {
            let at = start + found;
            let before = &words[at.saturating_sub(2)..at];
            if !before.iter().any(|word| NEGATIONS.contains(&word.as_str())) {
                return true;
            }
            start = at + 1;
        }
        false
    })
}

/// Rule 24: charging words in a need's text or notes are a warning (one for each field).
pub fn charging_words(plan: &Plan) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (index, need) in plan.needs.iter().enumerate() {
        for (key, what, text) in [
            ("need", "its text reads", &need.need),
            ("notes", "its notes read", &need.notes),
        ] {
            let Some(word) = text.as_deref().and_then(charging_word) else {
                continue;
            };
            issues.push(Issue::warning(
                Check::Rule(24),
                need_path(index).key(key),
                format!(
                    "{}: {what} as charging the person (\"{word}\"); {STENNETT}. A top-up for preferred accommodation goes under top_up",
                    need_label(need, index)
                ),
            ));
        }
    }
    issues
}

/// Rules 22 and 23: a top-up only on accommodation, with the date of its written agreement.
pub fn top_ups_lawful(plan: &Plan) -> Vec<Issue> {
    let mut issues = Vec::new();
    for (index, need) in plan.needs.iter().enumerate() {
        let Some(top_up) = need.money.top_up else {
            continue;
        };
        let path = need_path(index).key("top_up");
        let label = need_label(need, index);
        if !is_accommodation(need) {
            issues.push(Issue::error(
                Check::Rule(25),
                path.clone(),
                format!(
                    "{label} has a top_up but is not accommodation; a top-up is lawful only for preferred accommodation (s117A; Choice of Accommodation Regulations 2014): remove it, or name the care home, supported living or shared lives placement in the need"
                ),
            ));
        } else if top_up.agreed.is_none() {
            issues.push(Issue::warning(
                Check::Rule(26),
                path,
                format!(
                    "{label} top_up has no `agreed` date; a top-up needs a written agreement with whoever pays it (Choice of Accommodation Regulations 2014): record its date"
                ),
            ));
        }
    }
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_charging_phrase_holds_a_stem_so_none_is_passed_over() {
        for phrase in CHARGING_WORDS {
            assert!(STEMS.iter().any(|stem| phrase.contains(stem)), "{phrase}");
        }
        assert_eq!(
            charging_word("MEANS TESTED by the council"),
            Some("means tested")
        );
        assert_eq!(charging_word("Weekly visits, no money asked"), None);
    }

    #[test]
    fn charging_words_match_whole_words_and_not_after_a_negation() {
        assert_eq!(
            charging_word("Client contributes GBP 95 a week (Care Act charging policy)"),
            Some("contributes")
        );
        assert_eq!(
            charging_word("A FINANCIAL ASSESSMENT was done"),
            Some("financial assessment")
        );
        assert_eq!(charging_word("Not charged: S117 aftercare"), None);
        assert_eq!(charging_word("no contribution; s117"), None);
        assert_eq!(charging_word("Discharged 2024; uncharged phone"), None);
        assert_eq!(
            charging_word("not charged before, now charged"),
            Some("charged")
        );
        assert_eq!(charging_word("Charge nurse on ward 3"), None);
    }
}
