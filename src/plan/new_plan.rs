//! A new plan's setup, the same for `n` in the app and `aftercare new`: what the folder offers
//! (its plan ids, ICBs, local authorities and sub-folders), the id suggested, the first review
//! suggested from the discharge date, the file a plan goes in, and the checks of the new plan
//! before anything is written (an id or a file already taken, the rules' findings).

use std::path::{Path, PathBuf};

use chrono::{Duration, NaiveDate};

use super::assess::assess_plan_text;
use super::document::PlanFile;
use super::finding::{Finding, Severity};
use super::model::{Jurisdiction, Plan};
use super::pending::NewIssues;
use super::rules::RuleSettings;
use super::template::{NewPlan, file_name, next_free_id, render};

/// Months between reviews when nothing else is said (the format's example).
pub const INTERVAL_MONTHS: u32 = 12;

/// What a new plan is offered, taken from the folder's plans when the form opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlanSetup {
    /// The plans folder as the user gave it.
    pub folder: PathBuf,
    /// Sub-folders that hold plans, relative to the folder; the folder itself (`""`) first.
    pub subfolders: Vec<String>,
    /// Every plan id in the folder, with its file.
    pub ids: Vec<(String, String)>,
    /// Every file in the folder, as shown.
    pub files: Vec<String>,
    pub icbs: Vec<String>,
    pub local_authorities: Vec<String>,
    pub first_review_days: i64,
}

/// The values, sorted, each once, none blank.
fn distinct(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut values: Vec<String> = values.filter(|v| !v.trim().is_empty()).collect();
    values.sort();
    values.dedup();
    values
}

impl NewPlanSetup {
    /// The setup for a new plan in `folder`, whose files are `files`.
    pub fn of(
        folder: impl AsRef<Path>,
        files: &[PlanFile],
        settings: &RuleSettings,
    ) -> NewPlanSetup {
        // A new plan is English (the format's default): the bodies offered are those of the
        // English plans, never a Welsh health board as an ICB.
        let plans = || {
            files
                .iter()
                .filter_map(|f| f.plan.as_ref())
                .filter(|plan| plan.jurisdiction() == Jurisdiction::England)
        };
        let field = |get: fn(&Plan) -> Option<&String>| distinct(plans().filter_map(get).cloned());
        let root = folder.as_ref();
        let mut subfolders = distinct(files.iter().filter_map(|f| {
            let relative = f.path.strip_prefix(root).ok()?;
            Some(relative.parent()?.to_string_lossy().into_owned())
        }));
        if !subfolders.contains(&String::new()) {
            subfolders.insert(0, String::new());
        }
        NewPlanSetup {
            folder: root.to_path_buf(),
            subfolders,
            ids: files
                .iter()
                .filter_map(|f| Some((f.plan.as_ref()?.id.clone()?, f.display.clone())))
                .collect(),
            files: files.iter().map(|f| f.display.clone()).collect(),
            icbs: field(|p| p.responsible.icb.as_ref()),
            local_authorities: field(|p| p.responsible.local_authority.as_ref()),
            first_review_days: settings.first_review_days,
        }
    }

    /// The next free id in the folder's pattern.
    pub fn suggested_id(&self) -> String {
        next_free_id(self.ids.iter().map(|(id, _)| id.as_str()))
    }

    /// Why `id` cannot be the new plan's (another plan has it), if it cannot.
    pub fn id_taken(&self, id: &str) -> Option<String> {
        let (_, file) = self.ids.iter().find(|(taken, _)| taken == id)?;
        Some(format!("the id {id} is already used by {file}"))
    }

    /// Whether the folder has sub-folders a new plan could go in.
    pub fn offers_subfolders(&self) -> bool {
        self.subfolders.len() > 1
    }

    /// The first review suggested for a person who left hospital on `left_hospital`.
    pub fn first_review(&self, left_hospital: NaiveDate) -> NaiveDate {
        left_hospital + Duration::days(self.first_review_days)
    }

    /// Where a plan with this id goes, in `subfolder` (`""`: the folder itself).
    pub fn path(&self, subfolder: &str, id: &str) -> PathBuf {
        self.folder.join(subfolder).join(file_name(id))
    }

    /// The checks of `plan`, to be written as `path`, before anything is written.
    pub fn check(&self, plan: &NewPlan, path: &Path, settings: &RuleSettings) -> NewPlanCheck {
        let display = path.to_string_lossy();
        let mut refusals: Vec<String> = self.id_taken(&plan.id).into_iter().collect();
        if self.files.iter().any(|file| Path::new(file) == path) {
            refusals.push(format!("{display} already exists"));
        }
        NewPlanCheck {
            refusals,
            findings: assess_plan_text(&render(plan), &display, settings).findings,
        }
    }
}

/// What stands in the way of a new plan, or is worth a look, before it is written.
#[derive(Debug, Clone, PartialEq)]
pub struct NewPlanCheck {
    /// Why it cannot be written where it would go: its id or its file is taken.
    pub refusals: Vec<String>,
    /// What the rules find in the file it would write.
    pub findings: Vec<Finding>,
}

impl NewPlanCheck {
    /// Nothing may be written: a refusal, or an error in the plan.
    pub fn is_refused(&self) -> bool {
        !self.refusals.is_empty()
            || self
                .findings
                .iter()
                .any(|finding| finding.severity == Severity::Error)
    }

    /// The refusals and the findings' messages, errors and warnings apart (for the form).
    pub fn issues(&self) -> NewIssues {
        let mut issues = NewIssues {
            errors: self.refusals.clone(),
            ..NewIssues::default()
        };
        for finding in &self.findings {
            match finding.severity {
                Severity::Error => issues.errors.push(finding.message.clone()),
                Severity::Warning => issues.warnings.push(finding.message.clone()),
            }
        }
        issues
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::model::{LegalStatus, Section};

    fn settings() -> RuleSettings {
        RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
    }

    fn file(display: &str, text: &str) -> PlanFile {
        PlanFile::from_bytes(
            display.into(),
            display.into(),
            text.as_bytes().to_vec(),
            &settings(),
        )
    }

    fn plan_in(id: &str, icb: &str) -> String {
        format!(
            "schema: aftercare/v1\nid: {id}\nresponsible:\n  icb: {icb}\n  local_authority: Test Borough\n"
        )
    }

    fn new_plan(id: &str) -> NewPlan {
        let left = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        NewPlan {
            id: id.into(),
            initials: "T.K.".into(),
            identity: Default::default(),
            section: Section::S3,
            restricted: false,
            detained: None,
            left_hospital: left,
            legal_status: LegalStatus::None,
            icb: "NHS Test ICB".into(),
            local_authority: "Test Borough".into(),
            care_coordinator: None,
            next_due: left + Duration::days(42),
            interval_months: INTERVAL_MONTHS,
        }
    }

    #[test]
    fn the_setup_offers_what_the_folder_holds() {
        let files = [
            file(
                "plans/north/s117-0042.yaml",
                &plan_in("S117-0042", "NHS B ICB"),
            ),
            file("plans/s117-0104.yaml", &plan_in("S117-0104", "NHS A ICB")),
            file("plans/south/x.yaml", &plan_in("S117-0007", "NHS B ICB")),
            file("plans/broken.yaml", "[not a plan"),
        ];
        let setup = NewPlanSetup::of("plans", &files, &settings());
        assert_eq!(setup.subfolders, ["", "north", "south"]);
        assert!(setup.offers_subfolders());
        assert_eq!(setup.icbs, ["NHS A ICB", "NHS B ICB"]);
        assert_eq!(setup.local_authorities, ["Test Borough"]);
        assert_eq!(setup.suggested_id(), "S117-0105");
        assert_eq!(
            setup.id_taken("S117-0042").as_deref(),
            Some("the id S117-0042 is already used by plans/north/s117-0042.yaml")
        );
        assert_eq!(setup.id_taken("S117-0105"), None);
        let left = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
        assert_eq!(
            setup.first_review(left),
            NaiveDate::from_ymd_opt(2027, 1, 1).unwrap()
        );
        assert_eq!(
            setup.path("north", "S117-0105"),
            Path::new("plans/north/s117-0105.yaml")
        );
        let only_top = NewPlanSetup::of("plans", &files[1..2], &settings());
        assert_eq!(only_top.subfolders, [""]);
        assert!(!only_top.offers_subfolders());
    }

    #[test]
    fn a_taken_id_or_file_is_refused_before_anything_is_written() {
        let files = [
            file("plans/s117-0042.yaml", &plan_in("S117-0042", "NHS B ICB")),
            file("plans/s117-0500.yaml", "[not a plan"),
        ];
        let setup = NewPlanSetup::of("plans", &files, &settings());
        let fine = new_plan("S117-0043");
        let check = setup.check(&fine, &setup.path("", &fine.id), &settings());
        assert!(!check.is_refused(), "{check:?}");
        assert!(check.issues().is_empty(), "{check:?}");
        let taken = new_plan("S117-0042");
        let check = setup.check(&taken, Path::new("plans/other.yaml"), &settings());
        assert!(check.is_refused());
        assert_eq!(
            check.issues().errors,
            [setup.id_taken("S117-0042").unwrap()]
        );
        let file_taken = new_plan("S117-0500");
        let check = setup.check(&file_taken, &setup.path("", "S117-0500"), &settings());
        assert_eq!(check.refusals, ["plans/s117-0500.yaml already exists"]);
    }

    #[test]
    fn a_welsh_plans_health_board_is_not_offered_as_an_icb() {
        let files = vec![
            file("s117-0001.yaml", &plan_in("S117-0001", "NHS A ICB")),
            file(
                "s117-0002.yaml",
                &(plan_in("S117-0002", "Cardiff and Vale University Health Board")
                    + "jurisdiction: wales\n"),
            ),
        ];
        let setup = NewPlanSetup::of("", &files, &settings());
        assert_eq!(setup.icbs, ["NHS A ICB"]);
    }
}
