//! Reading the v1.1 keys of the legal rules: `jurisdiction`, `care_and_treatment_plan` and
//! `responsible.basis`.

use serde_yaml::Mapping;

use super::Reader;
use crate::plan::finding::YamlPath;
use crate::plan::model::{Plan, ResponsibleBasis};

const BASIS_KEYS: &[&str] = &[
    "gp_practice",
    "lived_before_detention",
    "decided",
    "decided_by",
];

impl Reader {
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
