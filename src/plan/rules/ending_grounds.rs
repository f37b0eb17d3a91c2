//! Reasons that are not grounds on their own to end S117 (rule 8): the Code of Practice
//! (2015, ch. 33) and Ombudsman decisions. Matched as whole words and phrases (never inside a
//! longer word: `full-time`, `wellbeing`), and nothing in the reasons silences the warning:
//! whether the reasons are enough is a human judgement, so this is always a warning.

use super::root;
use crate::plan::finding::{Check, Issue};
use crate::plan::model::Plan;

/// One ground that is not enough on its own: how it is named, the words and phrases that
/// cite it, and why it is not enough.
struct WeakGround {
    name: &'static str,
    phrases: &'static [&'static str],
    why: &'static str,
}

const WEAK_GROUNDS: &[WeakGround] = &[
    WeakGround {
        name: "discharge from specialist services",
        phrases: &[
            "discharged from",
            "discharge from",
            "discharged to",
            "discharged back",
            "cpa",
            "case closed",
            "closed to",
            "closure",
            "specialist services",
        ],
        why: "aftercare may still be needed after a team closes the case",
    },
    WeakGround {
        name: "time passed",
        phrases: &[
            "years",
            "months",
            "time passed",
            "time elapsed",
            "passage of time",
            "length of time",
            "long time",
            "elapsed",
        ],
        why: "the duty has no time limit",
    },
    WeakGround {
        name: "being well, stable or settled",
        phrases: &[
            "well",
            "stable",
            "settled",
            "stabilised",
            "stabilized",
            "recovered",
        ],
        why: "being well may be the effect of the aftercare itself; ask what would happen without it",
    },
    WeakGround {
        name: "a DoLS or MCA authorisation",
        phrases: &[
            "dols",
            "deprivation of liberty",
            "mca",
            "mental capacity act",
            "liberty protection safeguards",
        ],
        why: "an authorisation under the Mental Capacity Act does not meet or end the aftercare need",
    },
    WeakGround {
        name: "possible readmission informally or under s2",
        phrases: &[
            "informally",
            "informal admission",
            "informal readmission",
            "informal patient",
            "voluntary admission",
            "voluntary patient",
            "s2",
            "section 2",
        ],
        why: "being able to return to hospital does not end the need for aftercare",
    },
    WeakGround {
        name: "the end of a CTO, s17 leave or a restriction",
        phrases: &[
            "cto",
            "community treatment order",
            "s17",
            "section 17",
            "absolute discharge",
            "absolutely discharged",
        ],
        why: "the end of a legal status is not the end of the aftercare need (S117 continues after absolute discharge)",
    },
    WeakGround {
        name: "disengagement or refusal",
        phrases: &[
            "disengaged",
            "disengagement",
            "disengaging",
            "not engaging",
            "not engaged",
            "non-engagement",
            "refused",
            "refuses",
            "refusal",
            "declined",
            "declines",
            "did not attend",
            "dna",
            "lost to follow-up",
        ],
        why: "refusing a service does not end the entitlement; keep offering it",
    },
    WeakGround {
        name: "moving area",
        phrases: &[
            "moved area",
            "moved away",
            "moved out of area",
            "relocated",
            "out of area",
            "left the area",
            "another area",
            "different area",
            "new area",
            "moved abroad",
        ],
        why: "a move changes who is responsible (s117(3)), it does not end the duty: hand over instead",
    },
    WeakGround {
        name: "cost or budget",
        phrases: &[
            "cost",
            "costs",
            "costly",
            "budget",
            "budgets",
            "budgetary",
            "funding pressures",
            "savings",
            "affordable",
            "affordability",
            "expensive",
        ],
        why: "cost is never a ground to end S117",
    },
    WeakGround {
        name: "a transfer to Care Act or CHC funding",
        phrases: &[
            "care act",
            "chc",
            "continuing healthcare",
            "continuing health care",
        ],
        why: "S117 services are free and come first; they cannot be moved to a chargeable scheme",
    },
];

/// Phrases whose words are not the ground they contain: `as well as` is not being well, and a
/// settled tenancy or stable job is a circumstance the reasons may rightly rest on.
const NOT_GROUNDS: &[&str] = &[
    "as well as",
    "as well",
    "settled tenancy",
    "settled accommodation",
    "settled home",
    "settled employment",
    "stable tenancy",
    "stable accommodation",
    "stable housing",
    "stable home",
    "stable employment",
    "stable job",
    "stable relationship",
];

/// The words of a text, lower case: letters, digits, `/` and inner hyphens or apostrophes
/// stay inside a word (`full-time`, `s2`, `n/a`), everything else separates words.
fn words(text: &str) -> Vec<String> {
    let lower = text.to_lowercase();
    let mut words = Vec::new();
    let mut current = String::new();
    for c in lower.chars() {
        if c.is_alphanumeric() || ((c == '-' || c == '\'' || c == '’') && !current.is_empty()) {
            current.push(if c == '’' { '\'' } else { c });
        } else {
            if !current.is_empty() {
                words.push(current.trim_end_matches(['-', '\'']).to_owned());
            }
            current.clear();
        }
    }
    if !current.is_empty() {
        words.push(current.trim_end_matches(['-', '\'']).to_owned());
    }
    words
}

/// Where the words of `phrase` appear in `words`, whole.
fn phrase_positions(words: &[String], phrase: &str) -> Vec<usize> {
    let wanted: Vec<&str> = phrase.split(' ').collect();
    if wanted.is_empty() || words.len() < wanted.len() {
        return Vec::new();
    }
    (0..=words.len() - wanted.len())
        .filter(|&start| {
            wanted
                .iter()
                .enumerate()
                .all(|(offset, word)| words[start + offset] == *word)
        })
        .collect()
}

/// The grounds the reasons cite that are not enough on their own, each with the phrase that
/// cites it, in the order of [`WEAK_GROUNDS`].
fn weak_grounds_in(reasons: &str) -> Vec<(&'static WeakGround, &'static str)> {
    let mut words = words(reasons);
    for phrase in NOT_GROUNDS {
        let length = phrase.split(' ').count();
        for start in phrase_positions(&words, phrase) {
            for word in &mut words[start..start + length] {
                word.clear();
            }
        }
    }
    WEAK_GROUNDS
        .iter()
        .filter_map(|ground| {
            let phrase = ground
                .phrases
                .iter()
                .find(|phrase| !phrase_positions(&words, phrase).is_empty())?;
            Some((ground, *phrase))
        })
        .collect()
}

/// Rule 8: one warning for each ground the reasons cite that is not enough on its own.
pub fn ending_reasons_weak_grounds(plan: &Plan) -> Vec<Issue> {
    let Some(reasons) = plan.ending.as_ref().and_then(|e| e.reasons.as_deref()) else {
        return Vec::new();
    };
    let jurisdiction = plan.jurisdiction();
    let code = jurisdiction.code();
    let health = jurisdiction.health_body();
    weak_grounds_in(reasons)
        .into_iter()
        .map(|(ground, phrase)| {
            Issue::warning(
                Check::Rule(8),
                root().key("ending").key("reasons"),
                format!(
                    "ending.reasons cite {} (\"{phrase}\"), which is not a ground on its own ({code}): {}; S117 ends only when the {health} and the LA are both satisfied the person no longer needs aftercare services for their disorder (s117(2)): record what shows that",
                    ground.name, ground.why
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(reasons: &str) -> Vec<&'static str> {
        weak_grounds_in(reasons)
            .into_iter()
            .map(|(ground, _)| ground.name)
            .collect()
    }

    #[test]
    fn whole_words_only_never_inside_a_longer_word() {
        assert!(names("Works full-time; wellbeing good; no remaining need.").is_empty());
        assert!(names("Timely review; closely supported by family.").is_empty());
        assert!(names("Employed, as well as volunteering; no remaining need.").is_empty());
        assert_eq!(names("She is well."), vec!["being well, stable or settled"]);
        // The plan-format example, and a sound reason that mentions readmission as a risk.
        assert!(
            names("No remaining need arising from the disorder; employed, settled tenancy.")
                .is_empty()
        );
        assert!(
            names("No aftercare service now reduces a risk of deterioration or readmission.")
                .is_empty()
        );
        assert!(names("Her informal carer agrees; no remaining need.").is_empty());
    }

    #[test]
    fn no_word_silences_a_ground() {
        assert_eq!(
            names("No longer needs services: disengaged and moved area."),
            vec!["disengagement or refusal", "moving area"]
        );
        assert_eq!(
            names("Budget pressures; needs met."),
            vec!["cost or budget"]
        );
    }

    #[test]
    fn each_ground_of_the_code_and_the_ombudsman_is_found() {
        for (reasons, ground) in [
            (
                "Discharged from CMHT.",
                "discharge from specialist services",
            ),
            ("Five years since discharge.", "time passed"),
            ("Under a DoLS now.", "a DoLS or MCA authorisation"),
            (
                "Could be readmitted informally.",
                "possible readmission informally or under s2",
            ),
            (
                "CTO has lapsed.",
                "the end of a CTO, s17 leave or a restriction",
            ),
            (
                "Absolutely discharged by the tribunal.",
                "the end of a CTO, s17 leave or a restriction",
            ),
            ("Refused the day centre.", "disengagement or refusal"),
            ("Relocated to Spain.", "moving area"),
            ("Placement too costly.", "cost or budget"),
            (
                "Moved to CHC funding.",
                "a transfer to Care Act or CHC funding",
            ),
        ] {
            assert!(
                names(reasons).contains(&ground),
                "{reasons}: {:?}",
                names(reasons)
            );
        }
    }
}
