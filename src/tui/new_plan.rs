//! The new-plan form (`n` on the plans list): the next free id in the folder's pattern, the
//! qualifying sections only, the ICBs and local authorities already in the folder offered,
//! the first review suggested from the discharge date; checked live as the file it writes.

use std::path::{Path, PathBuf};

use chrono::Duration;

use crate::plan::assess::assess_plan_text;
use crate::plan::finding::Severity;
use crate::plan::model::{LegalStatus, Plan};
use crate::plan::pending::NewIssues;
use crate::plan::rules::RuleSettings;
use crate::plan::template::{NewPlan, SECTIONS, file_name, next_free_id, render, section_for};
use crate::store::folder::PlanFile;

use super::form::{Choice, DateRule, Field, FieldKind, Form};

/// The value of the "type another" option of the ICB and LA choices.
const OTHER: &str = "(other)";
/// Years a plan is reviewed in when nothing else is said (the format's example).
const INTERVAL_MONTHS: u32 = 12;

/// What the form offers, taken from the folder when it opens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPlanSetup {
    /// The plans folder as the user gave it.
    pub folder: String,
    /// Sub-folders that hold plans, relative to the folder (`""` is the folder itself).
    pub subfolders: Vec<String>,
    /// Every plan id in the folder, with its file.
    pub ids: Vec<(String, String)>,
    pub files: Vec<String>,
    pub icbs: Vec<String>,
    pub local_authorities: Vec<String>,
    pub first_review_days: i64,
}

fn distinct(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut values: Vec<String> = values.filter(|v| !v.trim().is_empty()).collect();
    values.sort();
    values.dedup();
    values
}

impl NewPlanSetup {
    pub fn of(folder: &str, files: &[PlanFile], settings: &RuleSettings) -> NewPlanSetup {
        let plans = || files.iter().filter_map(|f| f.plan.as_ref());
        let field = |get: fn(&Plan) -> Option<&String>| distinct(plans().filter_map(get).cloned());
        let root = Path::new(folder);
        let mut subfolders = distinct(files.iter().filter_map(|f| {
            let relative = f.path.strip_prefix(root).ok()?;
            Some(relative.parent()?.to_string_lossy().into_owned())
        }));
        if !subfolders.contains(&String::new()) {
            subfolders.insert(0, String::new());
        }
        NewPlanSetup {
            folder: folder.to_owned(),
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

    /// Where a plan with this id goes.
    fn path(&self, subfolder: &str, id: &str) -> PathBuf {
        Path::new(&self.folder).join(subfolder).join(file_name(id))
    }
}

fn offered(values: &[String], what: &str) -> Vec<Choice> {
    let mut choices: Vec<Choice> = values.iter().cloned().map(Choice::word).collect();
    choices.push(Choice::new(OTHER, format!("another {what} (type it)")));
    choices
}

pub fn form(setup: &NewPlanSetup, settings: &RuleSettings) -> Form {
    let today = settings.today;
    let id = next_free_id(setup.ids.iter().map(|(id, _)| id.as_str()));
    let mut fields = vec![
        Field::text("id", "Plan id", id).required(),
        Field::text("initials", "Initials", "").required(),
        Field::choice(
            "section",
            "Section",
            SECTIONS
                .iter()
                .map(|(label, ..)| Choice::word(*label))
                .collect(),
            "3",
        ),
        Field::date("detained", "Detained on", "", DateRule::NotFuture),
        Field::date("left", "Left hospital", "", DateRule::NotFuture).required(),
        Field::choice(
            "legal",
            "Legal status",
            LegalStatus::ALL
                .iter()
                .map(|s| Choice::new(s.as_str(), s.as_str().replace('_', " ")))
                .collect(),
            "none",
        ),
        Field::choice("icb", "ICB", offered(&setup.icbs, "ICB"), ""),
        Field::text("icb_other", "ICB name", "")
            .required()
            .when("icb", &[OTHER]),
        Field::choice(
            "la",
            "Local authority",
            offered(&setup.local_authorities, "local authority"),
            "",
        ),
        Field::text("la_other", "LA name", "")
            .required()
            .when("la", &[OTHER]),
        Field::text("coordinator", "Care coordinator", ""),
    ];
    if setup.subfolders.len() > 1 {
        let choices = setup
            .subfolders
            .iter()
            .map(|sub| {
                let shown = Path::new(&setup.folder).join(sub).display().to_string();
                Choice::new(sub.clone(), format!("{}/", shown.trim_end_matches('/')))
            })
            .collect();
        fields.push(Field::choice("folder", "Folder", choices, ""));
    }
    fields.push(Field::date("first", "First review", "", DateRule::NextReview).required());
    Form::new("New plan", today, fields).with_intro(vec![
        "Only the qualifying sections are offered: 3, 37, 45A, 47, 48.".into(),
        "The file is shown as a diff before anything is written.".into(),
    ])
}

/// The plan the form describes, and the file it goes in.
pub fn build(setup: &NewPlanSetup, form: &Form) -> Result<(NewPlan, PathBuf), String> {
    if let Some((_, why)) = form.first_problem() {
        return Err(why);
    }
    let (section, restricted) =
        section_for(&form.value("section")).ok_or("choose a qualifying section")?;
    let named = |key: &str, other: &str| match form.value(key) {
        value if value == OTHER => form.value(other),
        value => value,
    };
    let plan = NewPlan {
        id: form.value("id"),
        initials: form.value("initials"),
        section,
        restricted,
        detained: form.date("detained"),
        left_hospital: form.date("left").ok_or("left hospital is not a date")?,
        legal_status: LegalStatus::parse(&form.value("legal")).unwrap_or(LegalStatus::None),
        icb: named("icb", "icb_other"),
        local_authority: named("la", "la_other"),
        care_coordinator: Some(form.value("coordinator")).filter(|v| !v.is_empty()),
        next_due: form.date("first").ok_or("the first review is not a date")?,
        interval_months: INTERVAL_MONTHS,
    };
    let path = setup.path(&form.value("folder"), &plan.id);
    Ok((plan, path))
}

/// After a key: suggest the first review from the discharge date (until one is typed), and
/// check the file the form would write: its findings, a taken id or file name.
pub fn refresh(setup: &NewPlanSetup, form: &mut Form, settings: &RuleSettings) {
    let suggestion = form
        .date("left")
        .map(|left| left + Duration::days(setup.first_review_days));
    if let Some(field) = form.field_mut("first") {
        if let FieldKind::Date(input, _) = &mut field.kind
            && !input.edited
            && let Some(date) = suggestion
        {
            input.suggest(date.format("%d/%m/%Y").to_string());
        }
        field.note = Some(format!(
            "Suggested: {} days after leaving hospital (the early review).",
            setup.first_review_days
        ));
    }
    form.feedback = match build(setup, form) {
        Err(_) => NewIssues::default(),
        Ok((plan, path)) => check(setup, &plan, &path, settings),
    };
}

fn check(setup: &NewPlanSetup, plan: &NewPlan, path: &Path, settings: &RuleSettings) -> NewIssues {
    let display = path.to_string_lossy();
    let mut found = NewIssues::default();
    if let Some((_, file)) = setup.ids.iter().find(|(id, _)| *id == plan.id) {
        found
            .errors
            .push(format!("the id {} is already used by {file}", plan.id));
    }
    if setup.files.iter().any(|file| Path::new(file) == path) {
        found.errors.push(format!("{display} already exists"));
    }
    for finding in assess_plan_text(&render(plan), &display, settings).findings {
        match finding.severity {
            Severity::Error => found.errors.push(finding.message),
            Severity::Warning => found.warnings.push(finding.message),
        }
    }
    found
}
