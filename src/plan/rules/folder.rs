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
    let mut files_by_number: std::collections::HashMap<String, Vec<usize>> = Default::default();
    for (position, (_, number)) in numbers.iter().enumerate() {
        let Some(number) = number else {
            continue;
        };
        let digits: String = number.chars().filter(|c| !c.is_whitespace()).collect();
        if !digits.is_empty() {
            files_by_number.entry(digits).or_default().push(position);
        }
    }
    let mut issues = Vec::new();
    for positions in files_by_number.values().filter(|found| found.len() > 1) {
        for &position in positions {
            let others: Vec<&str> = positions
                .iter()
                .filter(|&&other| other != position)
                .map(|&other| numbers[other].0)
                .collect();
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
