//! The "new detention" form: the new detention (section, dates, legal status), then the ICB
//! and LA asked again with the rule that finds each, prefilled with today's bodies, and the
//! next review (suggested from the new discharge, as for a new plan). A section
//! that gives no S117 duty (s2, s4, s136 ...) is refused as a new detention, and can be
//! recorded as an event instead (it neither ends S117 nor starts a new duty).

use chrono::NaiveDate;

use crate::plan::change::{Change, NewDetention};
use crate::plan::dates::format_uk;
use crate::plan::model::{Episode, Event, EventKind, LegalStatus, Plan, ResponsibleBasis, Section};
use crate::plan::template::{SECTIONS, section_for};

use super::yes_no;
use crate::tui::form::{Choice, DateRule, Field, Form};
use crate::tui::layers::prompt::new_plan::legal_status_field;

/// Sections offered that give no S117 entitlement: chosen, the detention is an event.
const NOT_QUALIFYING: &[&str] = &["2", "4", "5(2)", "5(4)", "35", "36", "38", "135", "136"];

/// The qualifying sections, as the form's `when` lists them.
const QUALIFYING: &[&str] = &["3", "37", "37/41", "45A", "47", "47/49", "48", "48/49"];

/// The rule each body is found by, shown under its field.
const ICB_RULE: &str = "ICB: per Who Pays? 2024, the GP practice the person was registered with immediately before this detention (if none, where they usually lived).";
const LA_RULE: &str = "LA: where the person lived immediately before this detention (s117(3); Worcestershire [2023] UKSC 31).";

pub fn form(plan: &Plan, today: NaiveDate) -> Form {
    let mut sections: Vec<Choice> = SECTIONS
        .iter()
        .map(|(label, ..)| Choice::word(*label))
        .collect();
    sections.extend(
        NOT_QUALIFYING
            .iter()
            .map(|s| Choice::new(*s, format!("{s} (no S117 duty)"))),
    );
    let text = |value: &Option<String>| value.clone().unwrap_or_default();
    let basis = plan.responsible.basis.clone().unwrap_or_default();
    let mut fields = vec![
        Field::choice("section", "Section", sections, "3"),
        Field::date("detained", "Detained on", "", DateRule::NotFuture).required(),
        Field::date("left", "Left hospital", "", DateRule::NotFuture)
            .required()
            .when("section", QUALIFYING),
        legal_status_field().when("section", QUALIFYING),
        // The review after this discharge (the early review), as for a new plan.
        Field::date("first", "Next review", "", DateRule::NextReview)
            .required()
            .when("section", QUALIFYING),
        Field::text(
            "health",
            plan.jurisdiction().health_body(),
            text(&plan.responsible.icb),
        )
        .required()
        .when("section", QUALIFYING),
        Field::text("gp", "GP practice then", text(&basis.gp_practice)).when("section", QUALIFYING),
        Field::text(
            "la",
            "Local authority",
            text(&plan.responsible.local_authority),
        )
        .required()
        .when("section", QUALIFYING),
        Field::text("lived", "Lived before", text(&basis.lived_before_detention))
            .when("section", QUALIFYING),
        Field::text("decided_by", "Decided by", "").when("section", QUALIFYING),
        yes_no("as_event", "Record as event", true).when("section", NOT_QUALIFYING),
    ];
    if let Some(field) = fields.iter_mut().find(|f| f.key == "health") {
        field.note = Some(ICB_RULE.into());
    }
    if let Some(field) = fields.iter_mut().find(|f| f.key == "la") {
        field.note = Some(LA_RULE.into());
    }
    let mut form = Form::new("New detention", today, fields).with_intro(vec![
        "A new s3, 37, 45A, 47 or 48 detention starts a new S117 duty on discharge (s117(1))."
            .into(),
    ]);
    form.intro.push(what_moves(&form, plan));
    form
}

/// The intro's second line: what happens to the current detention, or, for a section with
/// no S117 duty, that nothing moves.
fn what_moves(form: &Form, plan: &Plan) -> String {
    if !section_of(form).0.qualifies() {
        return "Nothing moves: the current detention and any ending stay as they are.".into();
    }
    match plan.ending.as_ref().and_then(|e| e.date) {
        Some(date) => format!(
            "The current detention and its ending ({}) move into the plan's history.",
            format_uk(date)
        ),
        None => "The current detention moves into the plan's history.".into(),
    }
}

/// The section chosen and whether it is restricted (`37/41`).
fn section_of(form: &Form) -> (Section, bool) {
    let chosen = form.value("section");
    section_for(&chosen).unwrap_or_else(|| (Section::parse(&chosen), false))
}

/// Why the detention chosen cannot be recorded as one, when it cannot.
pub fn refusal(form: &Form, plan: &Plan) -> Option<String> {
    let (section, _) = section_of(form);
    if !section.qualifies() {
        return Some(format!(
            "s{section} gives no S117 entitlement: it is not a new detention for S117 and does not end it; record it as an event (Record as event: yes)"
        ));
    }
    let detained = form.date("detained")?;
    match plan.episode.left_hospital {
        Some(left) if detained < left => Some(format!(
            "the new detention must start after the person left hospital from the current one ({})",
            format_uk(left)
        )),
        _ => None,
    }
}

/// The change the form makes: the new detention, or (for a section that does not qualify,
/// when asked) the event.
pub fn changes(form: &Form, plan: &Plan) -> Result<Vec<Change>, String> {
    let (section, restricted) = section_of(form);
    if !section.qualifies() {
        if form.value("as_event") != "yes" {
            return Err(refusal(form, plan).unwrap_or_default());
        }
        return Ok(vec![Change::AddEvent(Event {
            date: form.date("detained"),
            kind: Some(EventKind::Detention),
            section: Some(section),
            left_hospital: None,
            note: None,
        })]);
    }
    if let Some(why) = refusal(form, plan) {
        return Err(why);
    }
    let episode = Episode {
        section: Some(section),
        restricted,
        detained: form.date("detained"),
        left_hospital: form.date("left"),
        legal_status: LegalStatus::parse(&form.value("legal")),
        ..Episode::default()
    };
    let mut detention = NewDetention::of(plan, episode);
    let changed = |typed: String, now: &Option<String>| {
        (now.as_deref() != Some(typed.as_str())).then_some(typed)
    };
    detention.icb = changed(form.value("health"), &plan.responsible.icb);
    detention.local_authority = changed(form.value("la"), &plan.responsible.local_authority);
    let given = |key: &str| Some(form.value(key)).filter(|v| !v.is_empty());
    let basis = ResponsibleBasis {
        gp_practice: given("gp"),
        lived_before_detention: given("lived"),
        decided: given("decided_by").map(|_| form.today),
        decided_by: given("decided_by"),
    };
    if basis != ResponsibleBasis::default() && plan.responsible.basis.as_ref() != Some(&basis) {
        detention.basis = Some(basis);
    }
    let mut changes = vec![Change::NewDetention(Box::new(detention))];
    if let Some(next) = form.date("first")
        && plan.reviews.next_due != Some(next)
    {
        changes.push(Change::PlanNextDue {
            from: plan.reviews.next_due,
            to: next,
        });
    }
    Ok(changes)
}

/// Say under the section why it cannot be recorded as a new detention, or that it goes in as
/// an event.
pub fn note_section(form: &mut Form, plan: &Plan) {
    let (section, _) = section_of(form);
    let note = if !section.qualifies() && form.value("as_event") == "yes" {
        Some(format!(
            "s{section} gives no S117 entitlement: recorded as an event, it neither ends S117 nor starts a new duty."
        ))
    } else {
        refusal(form, plan)
    };
    if let Some(field) = form.field_mut("section") {
        field.note = note;
    }
    let moves = what_moves(form, plan);
    if let Some(line) = form.intro.last_mut() {
        *line = moves;
    }
}
