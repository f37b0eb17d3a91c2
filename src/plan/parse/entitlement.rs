//! Reading the episode and the responsible bodies, with the v1.1 keys of the legal rules:
//! a section written with its restriction (`37/41`), `jurisdiction`, `care_and_treatment_plan`,
//! `responsible.basis` and the parties to a dispute.

use serde_yaml::{Mapping, Value};

use super::Reader;
use crate::plan::finding::YamlPath;
use crate::plan::model::{
    Dispute, Episode, Plan, Responsible, ResponsibleBasis, RestrictionWritten, Section,
};

const EPISODE_KEYS: &[&str] = &[
    "section",
    "restricted",
    "detained",
    "left_hospital",
    "legal_status",
];
const RESPONSIBLE_KEYS: &[&str] = &[
    "icb",
    "local_authority",
    "care_coordinator",
    "dispute",
    "basis",
];
const DISPUTE_KEYS: &[&str] = &[
    "since",
    "about",
    "interim_funder",
    "note",
    "kind",
    "parties",
    "interim_payer",
];

const BASIS_KEYS: &[&str] = &[
    "gp_practice",
    "lived_before_detention",
    "decided",
    "decided_by",
];

impl Reader {
    pub(super) fn episode(&mut self, value: &Value, path: &YamlPath) -> Episode {
        let Some(map) = self.mapping(value, path, EPISODE_KEYS) else {
            return Episode::default();
        };
        let section_text = self.text(map, path, "section", true);
        let restriction_written = RestrictionWritten {
            in_section: section_text
                .as_deref()
                .is_some_and(|text| Section::with_restriction(text).is_some()),
            flag: self.flag(map, path, "restricted"),
        };
        Episode {
            section: section_text.map(|text| Section::parse(&text)),
            restricted: restriction_written
                .flag
                .unwrap_or(restriction_written.in_section),
            detained: self.date(map, path, "detained", false),
            left_hospital: self.date(map, path, "left_hospital", true),
            legal_status: self.word(map, path, "legal_status", false),
            restriction_written,
        }
    }

    pub(super) fn responsible(&mut self, value: &Value, path: &YamlPath) -> Responsible {
        let Some(map) = self.mapping(value, path, RESPONSIBLE_KEYS) else {
            return Responsible::default();
        };
        let mut responsible = Responsible {
            icb: self.text(map, path, "icb", true),
            local_authority: self.text(map, path, "local_authority", true),
            care_coordinator: self.text(map, path, "care_coordinator", false),
            dispute: None,
            basis: self.responsible_basis(map, path),
        };
        if let Some(value) = self.field(map, path, "dispute", false) {
            let path = path.key("dispute");
            if let Some(map) = self.mapping(value, &path, DISPUTE_KEYS) {
                responsible.dispute = Some(Dispute {
                    since: self.date(map, &path, "since", false),
                    about: self.text_list(map, &path, "about"),
                    interim_funder: self.word(map, &path, "interim_funder", false),
                    note: self.text(map, &path, "note", false),
                    kind: self.word(map, &path, "kind", false),
                    parties: self.text_list(map, &path, "parties"),
                    interim_payer: self.text(map, &path, "interim_payer", false),
                });
            }
        }
        responsible
    }

    /// The top-level v1.1 keys of the legal rules.
    pub(super) fn entitlement_keys(&mut self, top: &Mapping, plan: &mut Plan) {
        let root = YamlPath::root();
        plan.jurisdiction = self.word(top, &root, "jurisdiction", false);
        plan.care_and_treatment_plan = self.text(top, &root, "care_and_treatment_plan", false);
    }

    /// `responsible.basis`, when given.
    pub(super) fn responsible_basis(
        &mut self,
        responsible: &Mapping,
        path: &YamlPath,
    ) -> Option<ResponsibleBasis> {
        let value = self.field(responsible, path, "basis", false)?;
        let path = path.key("basis");
        let map = self.mapping(value, &path, BASIS_KEYS)?;
        Some(ResponsibleBasis {
            gp_practice: self.text(map, &path, "gp_practice", false),
            lived_before_detention: self.text(map, &path, "lived_before_detention", false),
            decided: self.date(map, &path, "decided", false),
            decided_by: self.text(map, &path, "decided_by", false),
        })
    }
}
