//! A new plan: what the short form asks for, the next free plan id in the folder's pattern,
//! and the commented file written from it (format v1, pleasant to read and to fill in later).

use chrono::NaiveDate;
use serde_yaml::Value;

use super::model::{LegalStatus, SCHEMA_V1, Section};
use super::nhs::format_nhs_number;

/// The qualifying detentions as people write them, with whether they carry a restriction.
pub const SECTIONS: &[(&str, &str, bool)] = &[
    ("3", "3", false),
    ("37", "37", false),
    ("37/41", "37", true),
    ("45A", "45A", true),
    ("47", "47", false),
    ("47/49", "47", true),
    ("48", "48", false),
    ("48/49", "48", true),
];

/// The section and restriction for a label of `SECTIONS` (`37/41`).
pub fn section_for(label: &str) -> Option<(Section, bool)> {
    SECTIONS
        .iter()
        .find(|(shown, _, _)| shown.eq_ignore_ascii_case(label.trim()))
        .map(|(_, section, restricted)| (Section::parse(section), *restricted))
}

/// What a new plan starts with.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPlan {
    pub id: String,
    pub initials: String,
    /// Name, NHS number and date of birth: each optional, left as a comment to fill in when
    /// not given.
    pub identity: Identity,
    pub section: Section,
    pub restricted: bool,
    pub detained: Option<NaiveDate>,
    pub left_hospital: NaiveDate,
    pub legal_status: LegalStatus,
    pub icb: String,
    pub local_authority: String,
    pub care_coordinator: Option<String>,
    pub next_due: NaiveDate,
    pub interval_months: u32,
}

/// Who the plan is for, beyond the initials: each optional at the start.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Identity {
    pub name: Option<String>,
    /// The 10 digits, already checked (Modulus 11); written `"999 000 0018"`.
    pub nhs_number: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
}

/// The next id after the highest one that shares the most common pattern in the folder
/// (`S117-0315` gives `S117-0316`, the digits kept at their width), `S117-0001` in an empty one.
pub fn next_free_id<'a>(ids: impl IntoIterator<Item = &'a str>) -> String {
    // Per prefix: the digits' width (0 once widths differ: not zero-padded), highest, count.
    let mut patterns: Vec<(String, usize, u64, usize)> = Vec::new();
    for id in ids {
        let digits = id.len() - id.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        if digits == 0 || digits > 12 {
            continue;
        }
        let (prefix, number) = id.split_at(id.len() - digits);
        let number: u64 = number.parse().unwrap_or(0);
        match patterns.iter_mut().find(|(p, ..)| p == prefix) {
            Some((_, width, highest, count)) => {
                if *width != digits {
                    *width = 0;
                }
                *highest = (*highest).max(number);
                *count += 1;
            }
            None => patterns.push((prefix.to_owned(), digits, number, 1)),
        }
    }
    let best = patterns
        .into_iter()
        .max_by(|a, b| a.3.cmp(&b.3).then_with(|| b.0.cmp(&a.0)));
    match best {
        Some((prefix, width, highest, _)) => format!("{prefix}{:0width$}", highest + 1),
        None => "S117-0001".to_owned(),
    }
}

/// The file name for a plan id: `S117-0316` is `s117-0316.yaml`.
pub fn file_name(id: &str) -> String {
    let safe: String = id
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    format!("{safe}.yaml")
}

/// A string as YAML writes it on one line, quoted only when it must be.
fn scalar(text: &str) -> String {
    serde_yaml::to_string(&Value::String(text.to_owned()))
        .map(|yaml| yaml.trim_end().to_owned())
        .unwrap_or_else(|_| format!("{text:?}"))
}

fn iso(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// `key: value` padded so the comments line up at column 30.
fn commented(line: String, comment: &str) -> String {
    format!("{line:<29} # {comment}\n")
}

/// The new plan's file: every required field filled in, the optional ones present as
/// comments to fill in later, and the format's reminders beside them.
pub fn render(plan: &NewPlan) -> String {
    let mut out = String::new();
    out.push_str("# S117 aftercare plan (format aftercare/v1), started with `aftercare new`.\n");
    out.push_str("# Dates are YYYY-MM-DD. Edit in any editor or in the app.\n");
    out.push_str(&format!("schema: {SCHEMA_V1}\n"));
    out.push_str(&format!("id: {}\n\n", scalar(&plan.id)));
    out.push_str("person:\n");
    out.push_str(&commented(
        format!("  initials: {}", scalar(&plan.initials)),
        "shown in meeting mode",
    ));
    let identity = &plan.identity;
    let given = [
        identity.name.as_deref().map(scalar),
        identity
            .nhs_number
            .as_deref()
            .map(|digits| format!("\"{}\"", format_nhs_number(digits))),
        identity.date_of_birth.map(iso),
    ];
    for ((key, comment), value) in [
        ("name", "optional; hidden in meeting mode"),
        (
            "nhs_number",
            "optional; 10 digits in quotes: \"999 000 0018\"",
        ),
        (
            "date_of_birth",
            "optional; YYYY-MM-DD, an age in meeting mode",
        ),
    ]
    .into_iter()
    .zip(given)
    {
        let line = match value {
            Some(value) => format!("  {key}: {value}"),
            None => format!("  # {key}:"),
        };
        out.push_str(&commented(line, comment));
    }
    out.push('\n');
    out.push_str("episode:\n");
    out.push_str(&commented(
        format!("  section: \"{}\"", plan.section),
        "3 | 37 | 45A | 47 | 48",
    ));
    out.push_str(&format!("  restricted: {}\n", plan.restricted));
    match plan.detained {
        Some(date) => out.push_str(&format!("  detained: {}\n", iso(date))),
        None => out.push_str("  # detained: YYYY-MM-DD\n"),
    }
    out.push_str(&commented(
        format!("  left_hospital: {}", iso(plan.left_hospital)),
        "entitlement starts here",
    ));
    out.push_str(&commented(
        format!("  legal_status: {}", plan.legal_status),
        "none | s17_leave | cto | conditional_discharge",
    ));
    out.push_str("\nresponsible:\n");
    out.push_str(&format!("  icb: {}\n", scalar(&plan.icb)));
    out.push_str(&format!(
        "  local_authority: {}\n",
        scalar(&plan.local_authority)
    ));
    match &plan.care_coordinator {
        Some(name) => out.push_str(&format!("  care_coordinator: {}\n", scalar(name))),
        None => out.push_str("  # care_coordinator: name, team\n"),
    }
    out.push_str(
        "\n# Each need: id (N1, N2 ...), need, category (health | social | joint), provider,\n\
         # funding ({icb: 100}, {la: 100} or a joint split such as {icb: 40, la: 60}),\n\
         # status (proposed | agreed | active | on_hold | declined | ended), since, review_by.\n\
         needs: []\n\n",
    );
    out.push_str("# In the person's own words.\n");
    out.push_str("# patient_voice:\n#   goals:\n#   views:\n\n");
    out.push_str("reviews:\n");
    out.push_str(&commented(
        format!("  interval_months: {}", plan.interval_months),
        "local policy, not statute",
    ));
    out.push_str(&commented(
        format!("  next_due: {}", iso(plan.next_due)),
        "the first review",
    ));
    out.push_str("  history: []\n\n");
    out.push_str("ending: null\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::assess::assess_plan_text;
    use crate::plan::rules::RuleSettings;

    fn date(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn next_id_follows_the_commonest_pattern() {
        assert_eq!(next_free_id(["S117-0042", "S117-0315", "X-9"]), "S117-0316");
        assert_eq!(next_free_id(["P7", "P12", "P3"]), "P13");
        assert_eq!(next_free_id(Vec::<&str>::new()), "S117-0001");
        assert_eq!(file_name("S117-0316"), "s117-0316.yaml");
        assert_eq!(file_name("a/b"), "a-b.yaml");
    }

    #[test]
    fn sections_carry_their_restriction() {
        assert_eq!(section_for("37/41"), Some((Section::S37, true)));
        assert_eq!(section_for("45a"), Some((Section::S45A, true)));
        assert_eq!(section_for("2"), None);
    }

    fn sample() -> NewPlan {
        NewPlan {
            id: "S117-0316".into(),
            initials: "T.K.".into(),
            identity: Identity {
                name: Some("Tomasz Kowalski-Test".into()),
                nhs_number: Some("9990000018".into()),
                date_of_birth: Some(date("1980-02-29")),
            },
            section: Section::S37,
            restricted: true,
            detained: Some(date("2025-06-02")),
            left_hospital: date("2026-11-20"),
            legal_status: LegalStatus::ConditionalDischarge,
            icb: "NHS Greater Manchester ICB".into(),
            local_authority: "Trafford Council: adult social care".into(),
            care_coordinator: Some("P. Ng, # CMHT".into()),
            next_due: date("2027-01-01"),
            interval_months: 12,
        }
    }

    #[test]
    fn a_rendered_plan_loads_without_errors() {
        let plan = sample();
        let text = render(&plan);
        let settings = RuleSettings::new(date("2026-11-28"));
        let assessed = assess_plan_text(&text, "new.yaml", &settings);
        let loaded = assessed.plan.expect("the template loads");
        assert!(
            assessed.findings.is_empty(),
            "{:?}\n{text}",
            assessed.findings
        );
        assert_eq!(loaded.id.as_deref(), Some("S117-0316"));
        assert_eq!(loaded.section_label(), "37/41");
        assert_eq!(
            loaded.responsible.local_authority.as_deref(),
            Some("Trafford Council: adult social care")
        );
        assert_eq!(
            loaded.responsible.care_coordinator.as_deref(),
            Some("P. Ng, # CMHT")
        );
        assert!(loaded.needs.is_empty());
        assert!(loaded.ending.is_none());
        assert_eq!(loaded.person.name.as_deref(), Some("Tomasz Kowalski-Test"));
        assert_eq!(loaded.person.nhs_number.as_deref(), Some("999 000 0018"));
        assert_eq!(loaded.person.date_of_birth, Some(date("1980-02-29")));
        assert!(text.contains("  nhs_number: \"999 000 0018\""), "{text}");
    }

    #[test]
    fn identity_not_given_stays_a_comment_to_fill_in() {
        let plan = NewPlan {
            identity: Identity::default(),
            ..sample()
        };
        let text = render(&plan);
        assert!(text.contains("  # name:"), "{text}");
        assert!(text.contains("  # nhs_number:"), "{text}");
        assert!(text.contains("  # date_of_birth:"), "{text}");
    }
}
