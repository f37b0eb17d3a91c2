//! The person's own copy of their plan, written to them in plain English: their goals and
//! views first, then what the NHS, the council and both together provide, their next review,
//! what to do if things get difficult, and their rights.
//!
//! Only needs that are current care (`plan::lifecycle::current_needs`: not ended, not
//! declined, the plan not ended) are listed as provided; the others are listed apart, with
//! what happened to them, so an ended service is never shown as one the person still has.

use super::document::{Block, Document, Section, Table};
use super::{Options, Shown, full_date, health_body_words, identity_facts, left_out};
use crate::plan::dates::age_on;
use crate::plan::lifecycle::{Lifecycle, current_needs};
use crate::plan::model::{Category, Funder, Jurisdiction, Need, NeedStatus, Plan};
use crate::plan::money::is_disputed;
use crate::plan::review_state::{ReviewState, review_state};
use crate::plan::rules::RuleSettings;

/// The person's copy as a document.
pub fn document(plan: &Plan, options: &Options) -> Document {
    let shown = Shown::new(plan, options);
    let lifecycle = Lifecycle::of(plan, options.made_on);
    let mut sections = vec![your_words(plan, &shown), about_you(plan, &shown, options)];
    let current: Vec<&Need> = current_needs(plan, lifecycle).collect();
    if lifecycle.is_ended() {
        sections.push(ended_section(plan, &shown, lifecycle));
    } else {
        let nhs = format!("What {} provides", health_body_short(plan));
        sections.push(provided(
            plan,
            &shown,
            &nhs,
            &current,
            Category::Health,
            options,
        ));
        sections.push(provided(
            plan,
            &shown,
            "What the council provides",
            &current,
            Category::Social,
            options,
        ));
        sections.push(provided(
            plan,
            &shown,
            "What both pay for together",
            &current,
            Category::Joint,
            options,
        ));
        if let Some(section) = unsorted(&shown, &current, options) {
            sections.push(section);
        }
    }
    if let Some(section) = not_current(plan, &shown, lifecycle) {
        sections.push(section);
    }
    if !lifecycle.is_ended() {
        sections.push(next_review(plan, &shown, options, lifecycle));
    }
    sections.push(difficult(plan, &shown));
    sections.push(rights(plan));
    Document {
        title: "Your aftercare plan".to_owned(),
        about: about_lines(plan, &shown, options),
        sections,
    }
}

fn health_body_short(plan: &Plan) -> &'static str {
    match plan.jurisdiction() {
        Jurisdiction::England => "the NHS",
        Jurisdiction::Wales => "the NHS (your Local Health Board)",
    }
}

fn about_lines(plan: &Plan, shown: &Shown, options: &Options) -> Vec<String> {
    let id = shown.or(plan.id.as_deref(), "(no id)");
    let mut lines = vec![format!(
        "Made on {} from your section 117 aftercare plan {id}.",
        full_date(options.made_on)
    )];
    if shown.is_meeting() {
        lines.push(format!(
            "It holds your plan's services, who provides and pays for them, your next review, \
             what to do if things get difficult and your rights. It leaves out {}; text that \
             would show them reads [hidden].",
            left_out(options)
        ));
    } else {
        lines.push(
            "It holds your name, NHS number and date of birth, your plan's services, who \
             provides and pays for them, your next review, what to do if things get difficult \
             and your rights. It is private: keep it safe."
                .to_owned(),
        );
    }
    lines
}

fn your_words(plan: &Plan, shown: &Shown) -> Section {
    let voice = plan.patient_voice.clone().unwrap_or_default();
    let mut section = Section::new("In your own words");
    section = section.block(Block::Facts(vec![
        (
            "Your goals".to_owned(),
            shown.or(voice.goals.as_deref(), "Not written down yet."),
        ),
        (
            "Your views".to_owned(),
            shown.or(voice.views.as_deref(), "Not written down yet."),
        ),
    ]));
    section.paragraph(
        "If these are not right, tell your care coordinator: your plan should say what matters \
         to you, in your words.",
    )
}

fn about_you(plan: &Plan, shown: &Shown, options: &Options) -> Section {
    let person = &plan.person;
    let mut facts = Vec::new();
    if shown.is_meeting() {
        facts.push((
            "Initials".to_owned(),
            shown.or(person.initials.as_deref(), "Not recorded"),
        ));
        if let Some(age) = person
            .date_of_birth
            .and_then(|born| age_on(born, options.made_on))
        {
            facts.push(("Age".to_owned(), age.to_string()));
        }
    } else {
        let name = person.name.as_deref().or(person.initials.as_deref());
        facts.extend(identity_facts(name, person, shown, full_date));
    }
    facts.push((
        "Detained under".to_owned(),
        format!(
            "section {} of the Mental Health Act 1983",
            plan.section_label()
        ),
    ));
    if let Some(left) = plan.episode.left_hospital {
        facts.push(("You left hospital on".to_owned(), full_date(left)));
    }
    let responsible = &plan.responsible;
    facts.push((
        "Your care coordinator".to_owned(),
        shown.or(responsible.care_coordinator.as_deref(), "Not named yet"),
    ));
    facts.push((
        format!("The NHS body ({})", plan.jurisdiction().health_body()),
        shown.or(responsible.icb.as_deref(), "Not recorded"),
    ));
    facts.push((
        "The council".to_owned(),
        shown.or(responsible.local_authority.as_deref(), "Not recorded"),
    ));
    Section::new("About you and this plan")
        .paragraph(
            "Because you were detained under this section, you have a legal right to \
             aftercare under section 117 of the Mental Health Act 1983: services that help \
             you stay well and out of hospital. They are free.",
        )
        .block(Block::Facts(facts))
}

/// Plain words for a current need's status.
fn status_words(status: Option<NeedStatus>) -> &'static str {
    match status {
        Some(NeedStatus::Active) => "In place",
        Some(NeedStatus::Agreed) => "Agreed, starting soon",
        Some(NeedStatus::Proposed) => "Suggested, not yet agreed",
        Some(NeedStatus::OnHold) => "Paused for now",
        Some(NeedStatus::Declined) => "You said no for now",
        Some(NeedStatus::Ended) => "Ended",
        None => "Not recorded",
    }
}

/// When a need is looked at again: its own date, else at the plan's review.
fn looked_at(need: &Need, options: &Options) -> String {
    let settings = RuleSettings::new(options.made_on);
    match need.review_by {
        None => "At your next review".to_owned(),
        Some(date) if review_state(Some(date), &settings) == ReviewState::Overdue => {
            format!("Was due {}: ask your care coordinator", full_date(date))
        }
        Some(date) => full_date(date),
    }
}

fn provided(
    plan: &Plan,
    shown: &Shown,
    heading: &str,
    current: &[&Need],
    category: Category,
    options: &Options,
) -> Section {
    let needs: Vec<&&Need> = current
        .iter()
        .filter(|need| need.category == Some(category))
        .collect();
    let responsible = &plan.responsible;
    let bodies = match category {
        Category::Health => shown.or(responsible.icb.as_deref(), "the NHS"),
        Category::Social => shown.or(responsible.local_authority.as_deref(), "the council"),
        Category::Joint => format!(
            "{} and {}",
            shown.or(responsible.icb.as_deref(), "the NHS"),
            shown.or(responsible.local_authority.as_deref(), "the council")
        ),
    };
    let mut section = Section::new(heading);
    if needs.is_empty() {
        return section.paragraph("Nothing at the moment.");
    }
    section = section.paragraph(format!("Arranged and paid for by {bodies}."));
    let mut headers = vec![
        "Service".to_owned(),
        "Who provides it".to_owned(),
        "Where it stands".to_owned(),
        "Looked at again".to_owned(),
    ];
    if category == Category::Joint {
        headers.push("Who pays".to_owned());
    }
    let rows = needs
        .iter()
        .map(|need| {
            let mut row = vec![
                shown.or(need.need.as_deref(), "(not described)"),
                shown.or(need.provider.as_deref(), "Not named yet"),
                status_words(need.status).to_owned(),
                looked_at(need, options),
            ];
            if category == Category::Joint {
                row.push(who_pays(plan, need));
            }
            row
        })
        .collect();
    section.block(Block::Table(Table {
        caption: heading.to_owned(),
        headers,
        rows,
    }))
}

/// Who pays a joint need, in plain words (a dispute says who pays meanwhile).
fn who_pays(plan: &Plan, need: &Need) -> String {
    let nhs = health_body_words(plan);
    let nhs_capital = capitalised(nhs);
    if is_disputed(plan, need) {
        let interim = plan
            .responsible
            .dispute
            .as_ref()
            .and_then(|dispute| dispute.interim_funder);
        let meanwhile = match interim {
            Some(Funder::Icb) => format!("Until they do, {nhs} pays all of it"),
            Some(Funder::La) => "Until they do, the council pays all of it".to_owned(),
            None => "Until they do, the agreed shares stand".to_owned(),
        };
        return format!(
            "{nhs_capital} and the council have not yet agreed who pays. {meanwhile}: your \
             care does not wait."
        );
    }
    match need.funding {
        Some(funding) => format!(
            "{nhs_capital} pays {}%, the council {}%",
            funding.icb_share(),
            funding.la_share()
        ),
        None => "Not agreed yet".to_owned(),
    }
}

/// Current needs with no category: listed so that nothing in the plan is left out.
fn unsorted(shown: &Shown, current: &[&Need], options: &Options) -> Option<Section> {
    let needs: Vec<&&Need> = current
        .iter()
        .filter(|need| need.category.is_none())
        .collect();
    if needs.is_empty() {
        return None;
    }
    let rows = needs
        .iter()
        .map(|need| {
            vec![
                shown.or(need.need.as_deref(), "(not described)"),
                shown.or(need.provider.as_deref(), "Not named yet"),
                status_words(need.status).to_owned(),
                looked_at(need, options),
            ]
        })
        .collect();
    Some(
        Section::new("Other services in your plan")
            .paragraph("Who provides these is not written down yet: ask your care coordinator.")
            .block(Block::Table(Table {
                caption: "Other services in your plan".to_owned(),
                headers: vec![
                    "Service".to_owned(),
                    "Who provides it".to_owned(),
                    "Where it stands".to_owned(),
                    "Looked at again".to_owned(),
                ],
                rows,
            })),
    )
}

/// The needs that are not current care: ended or declined (or all of them, when the plan has
/// ended), with what happened to each.
fn not_current(plan: &Plan, shown: &Shown, lifecycle: Lifecycle) -> Option<Section> {
    let needs: Vec<&Need> = plan
        .needs
        .iter()
        .filter(|need| lifecycle.is_ended() || !need.is_current())
        .collect();
    if needs.is_empty() {
        return None;
    }
    let rows = needs
        .iter()
        .map(|need| {
            let happened = match need.status {
                Some(NeedStatus::Declined) => "You said no to this for now. You can ask for it \
                                               again at any time: saying no does not end your \
                                               right to aftercare."
                    .to_owned(),
                Some(NeedStatus::Ended) => match ended_note(need) {
                    Some(note) => shown.text(note),
                    None => "Ended.".to_owned(),
                },
                _ => "Ended with your aftercare.".to_owned(),
            };
            vec![shown.or(need.need.as_deref(), "(not described)"), happened]
        })
        .collect();
    let heading = "Services that have ended or that you said no to";
    Some(
        Section::new(heading)
            .paragraph("These are not part of your care now.")
            .block(Block::Table(Table {
                caption: heading.to_owned(),
                headers: vec!["Service".to_owned(), "What happened".to_owned()],
                rows,
            })),
    )
}

/// The `Ended ...` line the app writes into an ended need's notes, if there is one.
pub fn ended_note(need: &Need) -> Option<&str> {
    need.notes
        .as_deref()?
        .lines()
        .map(str::trim)
        .find(|line| line.starts_with("Ended"))
}

fn ended_section(plan: &Plan, shown: &Shown, lifecycle: Lifecycle) -> Section {
    let ending = plan.ending.clone().unwrap_or_default();
    let date = match lifecycle {
        Lifecycle::Ended(date) => full_date(date),
        _ => "a date not recorded".to_owned(),
    };
    Section::new("Your aftercare has ended")
        .paragraph(format!(
            "{} and the council decided together that your section 117 aftercare ended on \
             {date}.",
            capitalised(health_body_words(plan))
        ))
        .block(Block::Facts(vec![(
            "The reasons given".to_owned(),
            shown.or(ending.reasons.as_deref(), "Not written down"),
        )]))
        .paragraph(
            "If you are detained again under section 3, 37, 45A, 47 or 48, your right to free \
             aftercare starts again when you leave hospital. If you think the decision was \
             wrong, you can complain (see your rights below).",
        )
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn next_review(plan: &Plan, shown: &Shown, options: &Options, lifecycle: Lifecycle) -> Section {
    let settings = RuleSettings::new(options.made_on);
    let coordinator = shown.or(
        plan.responsible.care_coordinator.as_deref(),
        "your care coordinator",
    );
    let mut section = Section::new("Your next review");
    section = match plan.reviews.next_due {
        None => section.paragraph(format!(
            "No date is set yet. Ask {coordinator} to arrange one."
        )),
        Some(due) if review_state(Some(due), &settings) == ReviewState::Overdue => section
            .paragraph(format!(
                "Your review was due on {} and has not been held yet. Ask {coordinator} to \
                 arrange it.",
                full_date(due)
            )),
        Some(due) => section.paragraph(format!("Your next review is due by {}.", full_date(due))),
    };
    if let Some(last) = plan.reviews.dates_newest_first().first() {
        section = section.paragraph(format!("Your last review was on {}.", full_date(*last)));
    }
    if let Lifecycle::EndingPlanned(date) = lifecycle {
        section = section.paragraph(format!(
            "Your aftercare is planned to end on {}. Until then everything in this plan \
             carries on.",
            full_date(date)
        ));
    }
    section.paragraph(
        "At the review you, the people who support you and the services look at this plan \
         together. You can bring someone with you, and you can ask for a review at any time: \
         you do not have to wait for the date.",
    )
}

fn difficult(plan: &Plan, shown: &Shown) -> Section {
    let crisis = plan.crisis_plan.clone().unwrap_or_default();
    let mut section = Section::new("If things get difficult");
    if crisis.signs.is_empty() {
        section =
            section.paragraph("Signs that things are getting difficult: not written down yet.");
    } else {
        section = section
            .paragraph("Signs that things are getting difficult for you:")
            .block(Block::Bullets(
                crisis.signs.iter().map(|sign| shown.text(sign)).collect(),
            ));
    }
    if crisis.contacts.is_empty() {
        section = section.paragraph("Who to contact: ask your care coordinator to add them.");
    } else {
        section = section.paragraph("Who to contact:").block(Block::Bullets(
            crisis
                .contacts
                .iter()
                .map(|contact| shown.text(contact))
                .collect(),
        ));
    }
    section.paragraph(
        "In an emergency, or if you are in danger, call 999. For urgent mental health help \
         you can also call NHS 111 and choose the mental health option.",
    )
}

fn rights(plan: &Plan) -> Section {
    let ombudsman = match plan.jurisdiction() {
        Jurisdiction::England => {
            "the Local Government and Social Care Ombudsman (for the council) or the \
             Parliamentary and Health Service Ombudsman (for the NHS)"
        }
        Jurisdiction::Wales => "the Public Services Ombudsman for Wales",
    };
    Section::new("Your rights").block(Block::Bullets(vec![
        "Aftercare under section 117 is free. Nobody can charge you for these services or ask \
         you to contribute to them."
            .to_owned(),
        "Your aftercare lasts for as long as you need it. It can only end when the NHS and the \
         council both decide you no longer need it, with you involved, and never just because \
         you are well, have moved or time has passed."
            .to_owned(),
        "Saying no to a service does not end your right to aftercare. You can ask for it again."
            .to_owned(),
        "You can ask for a review of your plan at any time: ask your care coordinator.".to_owned(),
        "You can have an advocate to help you say what you want.".to_owned(),
        format!(
            "To complain: tell the service first, then write to the council's or the NHS's \
             complaints team (within 12 months). If you are still unhappy, you can go to \
             {ombudsman}."
        ),
    ]))
}
