//! What is said about a mapping's keys: an unknown key (with the known key it was likely
//! meant to be) and a YAML merge key, which plans do not use.

use crate::plan::finding::YamlPath;

/// YAML 1.1's merge key (`<<: *defaults`): libyaml reads it as a plain key, so a plan that
/// uses one does not hold what its writer meant; it is refused with a finding at the key.
pub(super) const MERGE_KEY: &str = "<<";

pub(super) fn merge_key_message() -> String {
    "merge keys (`<<`) are not supported in plans; write the values out".to_owned()
}

pub(super) fn unknown_key_message(key: &str, path: &YamlPath, known: &[&str]) -> String {
    let place = if path.is_root() {
        "at the top of the plan".to_owned()
    } else {
        format!("in {path}")
    };
    // Jaro-Winkler favours a shared start, which is how such keys go wrong
    // (`reveiw_by`, `patient_views`).
    let nearest = known
        .iter()
        .filter(|candidate| key.len().abs_diff(candidate.len()) <= 2)
        .map(|candidate| (strsim::jaro_winkler(key, candidate), *candidate))
        .max_by(|a, b| a.0.total_cmp(&b.0));
    match nearest {
        Some((similarity, candidate)) if similarity >= 0.85 => {
            format!("unknown key `{key}` {place}: did you mean `{candidate}`? (kept as it is)")
        }
        _ => format!(
            "unknown key `{key}` {place} (kept as it is); known keys here: {}",
            known.join(", ")
        ),
    }
}
