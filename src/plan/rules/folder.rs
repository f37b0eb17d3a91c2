//! Folder rules besides unique ids: one person, one live plan. Two live plans with the same
//! NHS number split one entitlement over two records (rule 6, a warning on both).

use super::root;
use crate::plan::finding::{Check, Issue, YamlPath};

/// The path a shared-NHS-number finding is filed under: the plan's `id`, where the folder
/// rules place their findings (rule 6's own finding on a bad number stays at `nhs_number`, so
/// running the folder rules again replaces only this one).
pub fn shared_nhs_number_path() -> YamlPath {
    root().key("id")
}

/// Takes (file, NHS number of a live plan) pairs (`None` for an ended plan or no number);
/// returns, for every live plan whose NHS number another live plan also has, its position
/// and a warning naming the others. Spaces in the numbers do not count.
pub fn nhs_numbers_unique_across_live_plans(
    numbers: &[(&str, Option<&str>)],
) -> Vec<(usize, Issue)> {
    // Grouped by sorting (number, position): no hashing, each group in file order.
    let mut used: Vec<(std::borrow::Cow<str>, usize)> = Vec::new();
    for (position, (_, number)) in numbers.iter().enumerate() {
        let Some(number) = number else {
            continue;
        };
        let digits = match number.contains(char::is_whitespace) {
            true => number.chars().filter(|c| !c.is_whitespace()).collect(),
            false => std::borrow::Cow::Borrowed(*number),
        };
        if !digits.is_empty() {
            used.push((digits, position));
        }
    }
    used.sort_unstable();
    let mut issues = Vec::new();
    for group in used
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|group| group.len() > 1)
    {
        let positions: Vec<usize> = group.iter().map(|(_, position)| *position).collect();
        for &position in &positions {
            // A few names, then how many more: a folder of copied plans (hundreds sharing one
            // number) must not make every finding name every other plan.
            const NAMED: usize = 3;
            let mut others: Vec<String> = positions
                .iter()
                .filter(|&&other| other != position)
                .take(NAMED)
                .map(|&other| numbers[other].0.to_owned())
                .collect();
            let more = positions.len() - 1 - others.len();
            if more > 0 {
                others.push(format!("and {more} more"));
            }
            issues.push((
                position,
                Issue::warning(
                    Check::Rule(6),
                    shared_nhs_number_path(),
                    format!(
                        "this plan's NHS number is also on the live plan {}: one person has one S117 entitlement and one live aftercare plan (s117(2), Code ch. 33); keep one live plan for the person (bring what the other holds into it), or correct the number against the source",
                        others.join(", ")
                    ),
                ),
            ));
        }
    }
    issues.sort_by_key(|(position, _)| *position);
    issues
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_shared_number_names_three_other_plans_then_how_many_more() {
        let names: Vec<String> = (0..100).map(|n| format!("p{n}.yaml")).collect();
        let mut numbers: Vec<(&str, Option<&str>)> = names
            .iter()
            .map(|name| (name.as_str(), Some("999 000 0018")))
            .collect();
        numbers.push(("alone.yaml", Some("9990000026")));
        let issues = nhs_numbers_unique_across_live_plans(&numbers);
        assert_eq!(
            issues.len(),
            100,
            "every sharing plan warned, the other not"
        );
        let first = &issues[0].1.message;
        assert!(
            first.contains("live plan p1.yaml, p2.yaml, p3.yaml, and 96 more:"),
            "{first}"
        );
        // The length of each finding does not grow with the number of copies.
        assert!(issues.iter().all(|(_, issue)| issue.message.len() < 400));
        let two = nhs_numbers_unique_across_live_plans(&numbers[..2]);
        assert!(
            two[0].1.message.contains("live plan p1.yaml:"),
            "{}",
            two[0].1.message
        );
    }
}
