//! The quick edits of the plan view: the form each one asks, the changes its answers make,
//! and the live check of what they would break. The need fields are shared with the review.

use chrono::NaiveDate;

use crate::plan::change::{Change, NeedTextField, edited_text, funding_for};
use crate::plan::dates::format_uk;
use crate::plan::model::{
    Category, Dispute, Ending, Funder, Funding, LegalStatus, Need, NeedStatus, Plan,
};
use crate::plan::pending::new_issues;
use crate::plan::rules::RuleSettings;

use crate::tui::form::{Choice, DateRule, Field, Form};

pub mod money;
use crate::tui::strings;
use crate::tui::text::one_line;

/// Which quick edit a prompt is for; needs by id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum QuickEdit {
    PlanReviewDate,
    NeedReviewDate(String),
    Status(String),
    Category(String),
    Text(String),
    /// Add a need with this (next free) id.
    AddNeed(String),
    EndNeed(String),
    OpenDispute,
    ResolveDispute,
    EndAftercare,
    /// A new qualifying detention (or, for a section that does not qualify, an event).
    NewDetention,
}

pub fn category_choices() -> Vec<Choice> {
    vec![
        Choice::new("health", "health (ICB funds it all)"),
        Choice::new("social", "social (LA funds it all)"),
        Choice::new("joint", "joint (ICB and LA share it)"),
    ]
}

pub fn status_choices(with_ended: bool) -> Vec<Choice> {
    NeedStatus::ALL
        .iter()
        .filter(|s| with_ended || **s != NeedStatus::Ended)
        .map(|s| Choice::new(s.as_str(), s.as_str().replace('_', " ")))
        .collect()
}

/// A yes/no choice.
pub fn yes_no(key: &'static str, label: &str, yes: bool) -> Field {
    Field::choice(
        key,
        label,
        vec![Choice::word("yes"), Choice::word("no")],
        if yes { "yes" } else { "no" },
    )
}

/// Category and, for a joint need, the ICB's share (the LA's is what is left).
pub fn category_fields(category: Option<Category>, funding: Option<Funding>) -> Vec<Field> {
    let share = match (category, funding) {
        (Some(Category::Joint), Some(funding)) => funding.icb_share(),
        _ => 50,
    };
    vec![
        Field::choice(
            "category",
            "Category",
            category_choices(),
            category.map_or("health", Category::as_str),
        ),
        Field::number("icb", "ICB share %", share, 100).when("category", &["joint"]),
    ]
}

/// The category and funding the form says, if its share is readable.
pub fn funding_from(form: &Form) -> Option<(Category, Funding)> {
    let category = Category::parse(&form.value("category"))?;
    let share = match category {
        Category::Joint => Some(form.number("icb")?.clamp(0, 100)),
        _ => None,
    };
    Some((category, funding_for(category, share)))
}

/// Show the LA's share beside the ICB's, as it is derived.
pub fn note_la_share(form: &mut Form) {
    let note = form
        .number("icb")
        .filter(|share| (0..=100).contains(share))
        .map(|share| format!("LA share: {}% (what the ICB does not fund)", 100 - share));
    if let Some(field) = form.field_mut("icb") {
        field.note = note;
    }
}

/// The fields of a new need (the quick add and the review's new needs).
pub fn new_need_fields() -> Vec<Field> {
    let mut fields = vec![Field::text("need", "Need", "").required()];
    fields.extend(category_fields(None, None));
    fields.push(Field::text("provider", "Provider", ""));
    fields.push(Field::choice(
        "status",
        "Status",
        status_choices(false),
        "proposed",
    ));
    fields.push(Field::date("since", "Since", "today", DateRule::NotFuture));
    fields.push(Field::date(
        "review_by",
        "Review by (optional)",
        "",
        DateRule::NextReview,
    ));
    fields
}

/// The need a new-need form describes.
pub fn need_from_form(form: &Form, id: &str) -> Result<Need, String> {
    if let Some((_, why)) = form.first_problem() {
        return Err(why);
    }
    let (category, funding) = funding_from(form).ok_or("the ICB share is not a number")?;
    let text = |key: &str| Some(form.value(key)).filter(|v| !v.is_empty());
    Ok(Need {
        id: Some(id.to_owned()),
        need: text("need"),
        category: Some(category),
        provider: text("provider"),
        funding: Some(funding),
        status: NeedStatus::parse(&form.value("status")),
        since: form.date("since"),
        review_by: form.date("review_by"),
        notes: None,
        ..Need::default()
    })
}

/// A need in a few lines, for the top of a form about it.
pub fn need_summary(need: &Need) -> Vec<String> {
    let id = need.id.clone().unwrap_or_else(|| "?".into());
    let split = match (need.category, need.funding) {
        (Some(Category::Joint), Some(funding)) => funding.split_label(),
        (Some(category), _) => category.to_string(),
        (None, _) => "no category".into(),
    };
    let mut lines = vec![format!(
        "{id} {}",
        one_line(need.need.as_deref().unwrap_or("(no text)"))
    )];
    let mut facts = vec![split, strings::need_status(need.status).to_owned()];
    if let Some(provider) = &need.provider {
        facts.push(provider.clone());
    }
    if let Some(date) = need.review_by {
        facts.push(format!("review by {}", format_uk(date)));
    }
    lines.push(facts.join(", "));
    lines
}

fn need_of(plan: &Plan, id: &str) -> Need {
    plan.need_by_id(id).cloned().unwrap_or_default()
}

/// The form a quick edit asks.
pub fn form(kind: &QuickEdit, plan: &Plan, today: NaiveDate) -> Form {
    let date_now = |date: Option<NaiveDate>| {
        format!(
            "Now: {}. Type a date: 01/03/2027, 2027-03-01, +6w, +3m, +1y or today.",
            date.map_or("not set".into(), format_uk)
        )
    };
    match kind {
        QuickEdit::PlanReviewDate => Form::new(
            "Next review of the plan",
            today,
            vec![Field::date("date", "Next review", "", DateRule::NextReview).required()],
        )
        .with_intro(vec![date_now(plan.reviews.next_due)]),
        QuickEdit::NeedReviewDate(id) => {
            let need = need_of(plan, id);
            let mut intro = need_summary(&need);
            intro.push(date_now(need.review_by));
            Form::new(
                format!("Review date of {id}"),
                today,
                vec![Field::date("date", "Review by", "", DateRule::NextReview).required()],
            )
            .with_intro(intro)
        }
        QuickEdit::Status(id) => {
            let need = need_of(plan, id);
            let current = need.status.map_or("proposed", NeedStatus::as_str);
            Form::new(
                format!("Status of {id}"),
                today,
                vec![
                    Field::choice("status", "Status", status_choices(true), current),
                    Field::text("reason", "Why it ended", "")
                        .required()
                        .when("status", &["ended"]),
                ],
            )
            .with_intro(need_summary(&need))
        }
        QuickEdit::Category(id) => {
            let need = need_of(plan, id);
            Form::new(
                format!("Category and funding of {id}"),
                today,
                category_fields(need.category, need.funding),
            )
            .with_intro(need_summary(&need))
        }
        QuickEdit::Text(id) => {
            let need = need_of(plan, id);
            let text = |value: &Option<String>| one_line(value.as_deref().unwrap_or(""));
            let mut fields = vec![
                Field::text("need", "Need", text(&need.need)).required(),
                Field::text("provider", "Provider", text(&need.provider)),
            ];
            fields.extend(money::money_fields(&need));
            Form::new(format!("Edit {id}"), today, fields).with_intro(need_summary(&need))
        }
        QuickEdit::AddNeed(id) => Form::new(format!("Add need {id}"), today, new_need_fields()),
        QuickEdit::EndNeed(id) => {
            let need = need_of(plan, id);
            let mut intro = need_summary(&need);
            intro.push("The reason goes into the need's notes; the need stays in the plan.".into());
            Form::new(
                format!("End {id}"),
                today,
                vec![Field::text("reason", "Why it ends", "").required()],
            )
            .with_intro(intro)
        }
        QuickEdit::OpenDispute => {
            let ids = plan
                .needs
                .iter()
                .filter(|need| need.is_current())
                .map(|need| {
                    let text = one_line(need.need.as_deref().unwrap_or(""));
                    format!("{} {}", need.id.as_deref().unwrap_or("?"), text)
                })
                .collect();
            Form::new(
                "Open an ICB/LA dispute",
                today,
                vec![
                    Field::date("since", "Since", "today", DateRule::NotFuture).required(),
                    Field::checklist("about", "About (Space ticks)", ids),
                    Field::choice(
                        "funder",
                        "Interim funder",
                        vec![Choice::new("icb", "ICB"), Choice::new("la", "LA")],
                        "icb",
                    ),
                    Field::text("note", "Note", ""),
                ],
            )
            .with_intro(vec![
                "A dispute must not delay care: one side funds in the meantime.".into(),
            ])
        }
        QuickEdit::ResolveDispute => {
            let dispute = plan.responsible.dispute.clone().unwrap_or_default();
            let since = dispute.since.map(format_uk).unwrap_or_default();
            Form::new("Resolve the ICB/LA dispute", today, Vec::new()).with_intro(vec![
                format!(
                    "Dispute since {since} about {}, interim funder {}.",
                    dispute.about.join(", "),
                    strings::funder(dispute.interim_funder)
                ),
                "Enter removes the dispute from the plan (git keeps its history).".into(),
                "Record what was agreed with c (category and funding) on the needs.".into(),
            ])
        }
        QuickEdit::EndAftercare => Form::new(
            "End S117 aftercare",
            today,
            vec![
                Field::date("date", "Ends on", "today", DateRule::Any).required(),
                Field::text("icb_by", "ICB decision by", "").required(),
                Field::text("la_by", "LA decision by", "").required(),
                yes_no("involved", "Person involved", true),
                Field::text("reasons", "Reasons", "").required(),
            ],
        )
        .with_intro(vec![
            "A joint ICB and LA decision, with the person involved: never only because".into(),
            "they are well, were discharged from a team, or time has passed.".into(),
        ]),
        QuickEdit::NewDetention => detention::form(plan, today),
    }
}

fn ending_from(form: &Form) -> Ending {
    let text = |key: &str| Some(form.value(key)).filter(|v| !v.is_empty());
    Ending {
        date: form.date("date"),
        icb_decision_by: text("icb_by"),
        la_decision_by: text("la_by"),
        person_involved: Some(form.value("involved") == "yes"),
        reasons: text("reasons"),
    }
}

/// The ending a form describes so far, for the live check: a field not yet given stands in
/// as a distinct name, never as a placeholder, so an empty field is not reported as
/// "empty" or "the same person" while the rest (a CTO, needs still live) is checked.
fn ending_so_far(form: &Form) -> Ending {
    let mut ending = ending_from(form);
    let stand_in = |given: &mut Option<String>, name: &str| {
        given.get_or_insert_with(|| name.to_owned());
    };
    stand_in(&mut ending.icb_decision_by, "Awaited Icbdecider");
    stand_in(&mut ending.la_decision_by, "Awaited Ladecider");
    stand_in(&mut ending.reasons, "Awaited reasons.");
    ending
}

/// The changes a filled-in quick-edit form makes (empty when nothing changed), or why the
/// form cannot be used yet.
pub fn changes(kind: &QuickEdit, form: &Form, plan: &Plan) -> Result<Vec<Change>, String> {
    if let Some((_, why)) = form.first_problem() {
        return Err(why);
    }
    let date = || form.date("date").ok_or_else(|| "not a date".to_owned());
    Ok(match kind {
        QuickEdit::PlanReviewDate => vec![Change::PlanNextDue {
            from: plan.reviews.next_due,
            to: date()?,
        }],
        QuickEdit::NeedReviewDate(id) => {
            let need = need_of(plan, id);
            vec![Change::NeedReviewBy {
                need: id.clone(),
                need_text: need.need.clone(),
                from: need.review_by,
                to: date()?,
            }]
        }
        QuickEdit::Status(id) => {
            let need = need_of(plan, id);
            match NeedStatus::parse(&form.value("status")) {
                Some(NeedStatus::Ended) if need.status != Some(NeedStatus::Ended) => {
                    vec![end_need(&need, id, &form.value("reason"), form.today)]
                }
                Some(to) if need.status != Some(to) => vec![Change::NeedStatus {
                    need: id.clone(),
                    need_text: need.need.clone(),
                    from: need.status,
                    to,
                }],
                _ => Vec::new(),
            }
        }
        QuickEdit::Category(id) => {
            let need = need_of(plan, id);
            category_change(id, &need, form).into_iter().collect()
        }
        QuickEdit::Text(id) => {
            let need = need_of(plan, id);
            let mut changes = text_changes(id, &need, form);
            changes.extend(money::money_change(id, &need, form)?);
            changes
        }
        QuickEdit::AddNeed(id) => vec![Change::AddNeed(need_from_form(form, id)?)],
        QuickEdit::EndNeed(id) => vec![end_need(
            &need_of(plan, id),
            id,
            &form.value("reason"),
            form.today,
        )],
        QuickEdit::OpenDispute => {
            let about: Vec<String> = form
                .checked("about")
                .iter()
                .filter_map(|label| label.split_whitespace().next().map(str::to_owned))
                .collect();
            if about.is_empty() {
                return Err("tick the needs the dispute is about (Space)".into());
            }
            let note = Some(form.value("note")).filter(|n| !n.is_empty());
            vec![Change::OpenDispute(Dispute {
                since: form.date("since"),
                about,
                interim_funder: Funder::parse(&form.value("funder")),
                note,
                ..Dispute::default()
            })]
        }
        QuickEdit::ResolveDispute => match &plan.responsible.dispute {
            Some(previous) => vec![Change::ResolveDispute {
                previous: previous.clone(),
            }],
            None => Vec::new(),
        },
        QuickEdit::EndAftercare => vec![Change::EndAftercare(ending_from(form))],
        QuickEdit::NewDetention => detention::changes(form, plan)?,
    })
}

pub fn end_need(need: &Need, id: &str, reason: &str, on: NaiveDate) -> Change {
    Change::EndNeed {
        need: id.to_owned(),
        need_text: need.need.clone(),
        from: need.status,
        previous_notes: need.notes.clone(),
        reason: reason.trim().to_owned(),
        on,
    }
}

/// The category change a form makes to a need, if it makes one.
pub fn category_change(id: &str, need: &Need, form: &Form) -> Option<Change> {
    let to = funding_from(form)?;
    let from = (need.category, need.funding);
    (from != (Some(to.0), Some(to.1))).then(|| Change::NeedCategory {
        need: id.to_owned(),
        need_text: need.need.clone(),
        from,
        to,
    })
}

/// Changes to a need's text and provider, for the fields that were edited.
pub fn text_changes(id: &str, need: &Need, form: &Form) -> Vec<Change> {
    [
        (NeedTextField::Need, "need", &need.need),
        (NeedTextField::Provider, "provider", &need.provider),
    ]
    .into_iter()
    .filter_map(|(field, key, from)| {
        let typed = form.value(key);
        if typed.is_empty() && from.is_none() {
            return None;
        }
        edited_text(from.as_deref(), &typed).map(|to| Change::NeedText {
            need: id.to_owned(),
            need_text: need.need.clone(),
            field,
            from: from.clone(),
            to,
        })
    })
    .collect()
}

/// Keep a form's notes and live check up to date after a key: the derived LA share, and
/// what the changes so far would break (an incomplete ending is checked with what is given,
/// so a CTO refusal shows before anything is typed and an empty decider is "not yet given",
/// never an error).
pub fn refresh(kind: &QuickEdit, form: &mut Form, plan: &Plan, settings: &RuleSettings) {
    note_la_share(form);
    let probe = match (kind, changes(kind, form, plan)) {
        (QuickEdit::EndAftercare, _) => vec![Change::EndAftercare(ending_so_far(form))],
        (_, Ok(changes)) => changes,
        (_, Err(_)) => Vec::new(),
    };
    form.feedback = new_issues(plan, &probe, settings);
    match kind {
        QuickEdit::EndAftercare => note_live_needs(form, plan),
        QuickEdit::NewDetention => {
            crate::tui::layers::prompt::new_plan::suggest_early_review(
                form,
                settings.first_review_days,
            );
            detention::note_section(form, plan);
        }
        _ => {}
    }
}

/// An ending in effect with needs still live is refused (rule 7): say under the date what
/// would help, a planned ending dated ahead or the needs ended first.
fn note_live_needs(form: &mut Form, plan: &Plan) {
    // On a CTO or s17 leave no ending can be made at all: the form says that instead.
    let still_liable = matches!(
        plan.episode.legal_status,
        Some(LegalStatus::Cto | LegalStatus::S17Leave)
    );
    let in_effect = form.date("date").is_some_and(|date| date <= form.today) && !still_liable;
    let live: Vec<&str> = plan
        .needs
        .iter()
        .filter(|need| need.is_current())
        .filter_map(|need| need.id.as_deref())
        .collect();
    let note = (in_effect && !live.is_empty()).then(|| {
        format!(
            "{} still live: an ending in effect is refused while needs are live (s117(2)). Date it ahead as a planned ending (+3m) and end the needs by then, or end each need first (Esc, then x on the need).",
            live.join(", ")
        )
    });
    if let Some(field) = form.field_mut("date") {
        field.note = note;
    }
}

mod detention;

#[cfg(test)]
mod tests;
