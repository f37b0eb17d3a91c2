//! The new-plan form (`n` on the plans list): the next free id in the folder's pattern, the
//! qualifying sections only, the ICBs and local authorities already in the folder suggested as
//! they are typed (a new one accepted), the person's name, NHS number and date of birth optional,
//! the first review suggested from the discharge date; checked live as the file it writes.
//! What it offers and checks is the setup `aftercare new` uses too (`plan::new_plan`).

use std::path::PathBuf;

use crate::plan::model::LegalStatus;
use crate::plan::new_plan::INTERVAL_MONTHS;
/// What the form offers: the same setup as `aftercare new`'s.
pub use crate::plan::new_plan::NewPlanSetup;
use crate::plan::nhs::check_nhs_number;
use crate::plan::pending::NewIssues;
use crate::plan::rules::RuleSettings;
use crate::plan::template::{Identity, NewPlan, SECTIONS, section_for};

use crate::tui::form::{Choice, DateRule, Field, FieldKind, Form};

/// The form; in meeting mode without the name, NHS number and date of birth (nothing that
/// identifies the person is typed on a projected screen: they are added after the meeting).
pub fn form(setup: &NewPlanSetup, settings: &RuleSettings, meeting: bool) -> Form {
    let today = settings.today;
    let id = setup.suggested_id();
    let mut fields = vec![
        Field::text("id", "Plan id", id).required(),
        Field::text("initials", "Initials", "").required(),
    ];
    if !meeting {
        fields.extend([
            Field::text("name", "Name (optional)", ""),
            Field::text("nhs", "NHS number (optional)", ""),
            Field::date("born", "Date of birth (optional)", "", DateRule::NotFuture),
        ]);
    }
    fields.extend([
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
        legal_status_field(),
        Field::suggest("icb", "ICB", "", setup.icbs.clone()).required(),
        Field::suggest("la", "Local authority", "", setup.local_authorities.clone()).required(),
        Field::text("coordinator", "Care coordinator", ""),
    ]);
    if setup.offers_subfolders() {
        let choices = setup
            .subfolders
            .iter()
            .map(|sub| {
                let shown = setup.folder.join(sub).display().to_string();
                Choice::new(sub.clone(), format!("{}/", shown.trim_end_matches('/')))
            })
            .collect();
        fields.push(Field::choice("folder", "Folder", choices, ""));
    }
    fields.push(Field::date("first", "First review", "", DateRule::NextReview).required());
    let mut intro = vec![
        "Only the qualifying sections are offered: 3, 37, 45A, 47, 48.".into(),
        "The file is shown as a diff before anything is written.".into(),
    ];
    if meeting {
        intro.push("Meeting mode: name, NHS number and birth date are added afterwards.".into());
    }
    Form::new("New plan", today, fields).with_intro(intro)
}

/// The `first` review suggested `days` after the `left` hospital date (the early review) until
/// one is typed, and said so under it: a new plan's, and a new detention's.
pub fn suggest_early_review(form: &mut Form, days: i64) {
    let suggestion = form
        .date("left")
        .map(|left| left + chrono::Duration::days(days));
    if let Some(field) = form.field_mut("first") {
        if let FieldKind::Date(input, _) = &mut field.kind
            && !input.edited
            && let Some(date) = suggestion
        {
            input.suggest(date.format("%d/%m/%Y").to_string());
        }
        field.note = Some(format!(
            "Suggested: {days} days after leaving hospital (the early review)."
        ));
    }
}

/// The legal status as a choice (`none` first chosen): a new plan's, and a new detention's.
pub fn legal_status_field() -> Field {
    Field::choice(
        "legal",
        "Legal status",
        LegalStatus::ALL
            .iter()
            .map(|s| Choice::new(s.as_str(), s.as_str().replace('_', " ")))
            .collect(),
        "none",
    )
}

/// The plan the form describes, and the file it goes in.
pub fn build(setup: &NewPlanSetup, form: &Form) -> Result<(NewPlan, PathBuf), String> {
    if let Some((_, why)) = form.first_problem() {
        return Err(why);
    }
    let (section, restricted) =
        section_for(&form.value("section")).ok_or("choose a qualifying section")?;
    let nhs_number = match form.value("nhs") {
        typed if typed.is_empty() => None,
        typed => Some(check_nhs_number(&typed).map_err(|why| format!("NHS number: {why}"))?),
    };
    let plan = NewPlan {
        id: form.value("id"),
        initials: form.value("initials"),
        identity: Identity {
            name: Some(form.value("name")).filter(|name| !name.is_empty()),
            nhs_number,
            date_of_birth: form.date("born"),
        },
        section,
        restricted,
        detained: form.date("detained"),
        left_hospital: form.date("left").ok_or("left hospital is not a date")?,
        legal_status: LegalStatus::parse(&form.value("legal")).unwrap_or(LegalStatus::None),
        icb: form.value("icb"),
        local_authority: form.value("la"),
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
    suggest_early_review(form, setup.first_review_days);
    if let Some(field) = form.field_mut("nhs") {
        let typed = field.value();
        // Said as it is typed, not only at Enter: a mistyped digit is caught by the check digit.
        field.alert = (!typed.is_empty())
            .then(|| check_nhs_number(&typed).err())
            .flatten()
            .map(|why| why.to_string());
    }
    let taken = setup.id_taken(&form.value("id"));
    if let Some(field) = form.field_mut("id") {
        field.alert = taken;
    }
    form.feedback = match build(setup, form) {
        Err(_) => NewIssues::default(),
        Ok((plan, path)) => setup.check(&plan, &path, settings).issues(),
    };
}
