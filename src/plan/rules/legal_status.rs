//! Section, restriction and legal status agree (rule 2): a restricted patient cannot be on a
//! CTO (s41(3)(aa), s49(2)); conditional and absolute discharge are for restricted patients
//! (s42(2), s73); s45A always comes with a limitation direction (s45A(3)); a section written
//! with its restriction (`37/41`) and `restricted: false` disagree.

use super::root;
use crate::plan::finding::{Check, Issue};
use crate::plan::model::{LegalStatus, Plan, Section};

/// Rule 2: the restriction and the legal status fit the section.
pub fn restriction_fits_status(plan: &Plan) -> Vec<Issue> {
    let episode = &plan.episode;
    let path = root().key("episode");
    let restricted = episode.restricted;
    let written = episode.restriction_written;
    let mut issues = Vec::new();
    if written.in_section && written.flag == Some(false) {
        issues.push(Issue::warning(
            Check::Rule(2),
            path.key("restricted"),
            format!(
                "section {} names a restriction but restricted is false: a restriction order (s41) or direction (s49) makes the patient restricted; write section \"{}\" with restricted: true, or correct the section",
                plan.episode.section.as_ref().map(|s| s.label(true)).unwrap_or_default(),
                plan.episode.section.as_ref().map(|s| s.to_string()).unwrap_or_default(),
            ),
        ));
    }
    if episode.section == Some(Section::S45A) && !restricted {
        let at = if written.flag.is_some() {
            path.key("restricted")
        } else {
            path.key("section")
        };
        issues.push(Issue::error(
            Check::Rule(2),
            at,
            "section 45A always comes with a limitation direction (s45A(3)), so the patient is restricted: write restricted: true".to_owned(),
        ));
    }
    let status_path = path.key("legal_status");
    match episode.legal_status {
        Some(LegalStatus::Cto) if restricted => issues.push(Issue::error(
            Check::Rule(2),
            status_path,
            "a restricted patient cannot be on a CTO (s41(3)(aa), s49(2)): a restricted patient leaves hospital on conditional discharge (s42(2), s73); check the section papers and record legal_status and restricted as they are".to_owned(),
        )),
        Some(LegalStatus::ConditionalDischarge) if !restricted => issues.push(Issue::error(
            Check::Rule(2),
            status_path,
            "conditional discharge is only for restricted patients (s42(2), s73): an unrestricted patient leaves hospital on a CTO or with no legal status; check the section papers and record legal_status and restricted as they are".to_owned(),
        )),
        Some(LegalStatus::AbsoluteDischarge) if !restricted => issues.push(Issue::error(
            Check::Rule(2),
            status_path,
            "absolute discharge is only for restricted patients (s42(2), s73): for an unrestricted patient write legal_status: none; S117 continues either way".to_owned(),
        )),
        _ => {}
    }
    issues
}
