//! The review record: one review (the latest, or the one asked for) for the person's GP, the
//! ICB, the local authority and the electronic record: the date, who attended, whether the
//! person took part, what changed, each need's decision, disputes, the outcome and the next
//! review.

use super::document::{Block, Document, Section, Table};
use super::person::ended_note;
use super::{
    ExportError, Options, Shown, category_label, chosen_review, full_date, identity_facts, left_out,
};
use crate::plan::dates::format_uk;
use crate::plan::lifecycle::Lifecycle;
use crate::plan::model::{LegalStatus, Need, NeedStatus, Plan, Review, ReviewOutcome};
use crate::plan::money::is_disputed;

/// The record of the chosen review as a document.
pub fn document(plan: &Plan, options: &Options) -> Result<Document, ExportError> {
    let review = chosen_review(plan, options.review)?;
    let shown = Shown::new(plan, options);
    let id = shown.or(plan.id.as_deref(), "(no id)");
    let date = review.date.map(full_date).unwrap_or_default();
    let mut sections = vec![
        the_plan(plan, &shown, options),
        the_review(review, &shown),
        what_changed(review, &shown, &options.git_changes),
        decisions(plan, review, &shown, options),
        disputes(plan, &shown),
        outcome(plan, review, &shown),
    ];
    sections.retain(|section| !section.blocks.is_empty());
    let holds = if shown.is_meeting() {
        format!(
            "It holds the plan's id and the person's initials, the review, each need's \
             decision, disputes and the next review. It leaves out {}; text that would show \
             them reads [hidden].",
            left_out(options)
        )
    } else {
        "It holds the person's name, NHS number and date of birth, the review, each need's \
         decision, disputes and the next review: special category data, to be kept and sent \
         securely."
            .to_owned()
    };
    Ok(Document {
        title: format!("Section 117 aftercare review record: {id}"),
        about: vec![
            format!(
                "The review of {date}, made on {} from plan {id}.",
                full_date(options.made_on)
            ),
            holds,
            "For the person, their GP, the ICB, the local authority and the electronic record."
                .to_owned(),
        ],
        sections,
    })
}

fn yes_no(value: Option<bool>) -> String {
    match value {
        Some(true) => "Yes".to_owned(),
        Some(false) => "No".to_owned(),
        None => "Not recorded".to_owned(),
    }
}

fn the_plan(plan: &Plan, shown: &Shown, options: &Options) -> Section {
    let person = &plan.person;
    let mut facts = vec![("Plan".to_owned(), shown.or(plan.id.as_deref(), "(no id)"))];
    facts.push((
        "Initials".to_owned(),
        shown.or(person.initials.as_deref(), "Not recorded"),
    ));
    if !shown.is_meeting() {
        facts.extend(identity_facts(
            person.name.as_deref(),
            person,
            shown,
            format_uk,
        ));
    }
    facts.push((
        "Section".to_owned(),
        format!("{} (Mental Health Act 1983)", plan.section_label()),
    ));
    if let Some(status) = plan.episode.legal_status {
        let words = match status {
            LegalStatus::None => "none (no CTO, leave or conditional discharge)",
            LegalStatus::S17Leave => "section 17 leave",
            LegalStatus::Cto => "community treatment order (CTO)",
            LegalStatus::ConditionalDischarge => "conditional discharge",
            LegalStatus::AbsoluteDischarge => "absolute discharge",
        };
        facts.push(("Legal status".to_owned(), words.to_owned()));
    }
    if let Some(left) = plan.episode.left_hospital {
        facts.push(("Left hospital".to_owned(), format_uk(left)));
    }
    let responsible = &plan.responsible;
    facts.push((
        plan.jurisdiction().health_body().to_owned(),
        shown.or(responsible.icb.as_deref(), "Not recorded"),
    ));
    facts.push((
        "Local authority".to_owned(),
        shown.or(responsible.local_authority.as_deref(), "Not recorded"),
    ));
    facts.push((
        "Care coordinator".to_owned(),
        shown.or(responsible.care_coordinator.as_deref(), "Not named"),
    ));
    let lifecycle = Lifecycle::of(plan, options.made_on);
    facts.push((
        "Entitlement".to_owned(),
        lifecycle
            .dated_label()
            .unwrap_or_else(|| lifecycle.word().to_owned()),
    ));
    Section::new("The plan").block(Block::Facts(facts))
}

fn the_review(review: &Review, shown: &Shown) -> Section {
    let attendees = if review.attendees.is_empty() {
        "Not recorded".to_owned()
    } else {
        review
            .attendees
            .iter()
            .map(|attendee| shown.text(attendee))
            .collect::<Vec<_>>()
            .join(", ")
    };
    Section::new("The review").block(Block::Facts(vec![
        (
            "Date".to_owned(),
            review.date.map(full_date).unwrap_or_default(),
        ),
        ("Attended".to_owned(), attendees),
        (
            "The person took part".to_owned(),
            yes_no(review.person_involved),
        ),
    ]))
}

fn what_changed(review: &Review, shown: &Shown, git_changes: &[String]) -> Section {
    let mut section = Section::new("What changed");
    section = if review.changes.is_empty() {
        section.paragraph("No changes were recorded at this review.")
    } else {
        section.block(Block::Bullets(
            review
                .changes
                .iter()
                .map(|change| shown.text(change))
                .collect(),
        ))
    };
    if git_changes.is_empty() {
        return section;
    }
    section
        .paragraph("The plan's commits for this review, from git (date, author, what it says):")
        .block(Block::Bullets(
            git_changes.iter().map(|line| shown.text(line)).collect(),
        ))
}

/// The changes this review records about one need (those naming its id as a word).
fn changes_about<'a>(review: &'a Review, need: &Need) -> Vec<&'a str> {
    let Some(id) = need.id.as_deref().filter(|id| !id.is_empty()) else {
        return Vec::new();
    };
    review
        .changes
        .iter()
        .filter(|change| {
            change
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| word.eq_ignore_ascii_case(id))
        })
        .map(String::as_str)
        .collect()
}

fn decision(review: &Review, need: &Need, shown: &Shown) -> String {
    let changes = changes_about(review, need);
    if !changes.is_empty() {
        let said: Vec<String> = changes.iter().map(|change| shown.text(change)).collect();
        return format!("Changed: {}", said.join("; "));
    }
    match need.status {
        Some(NeedStatus::Ended) => match ended_note(need) {
            Some(note) => shown.text(note),
            None => "Ended".to_owned(),
        },
        Some(NeedStatus::Declined) => "Declined by the person (still offered)".to_owned(),
        _ => "Continue".to_owned(),
    }
}

fn decisions(plan: &Plan, review: &Review, shown: &Shown, options: &Options) -> Section {
    let section = Section::new("Each need and its decision");
    if plan.needs.is_empty() {
        return section.paragraph("The plan records no needs.");
    }
    let rows = plan
        .needs
        .iter()
        .map(|need| {
            let funding = match need.funding {
                Some(funding) => funding.split_label(),
                None => "Not recorded".to_owned(),
            };
            let disputed = if is_disputed(plan, need) {
                " (disputed)"
            } else {
                ""
            };
            vec![
                shown.or(need.id.as_deref(), "?"),
                shown.or(need.need.as_deref(), "(not described)"),
                shown.or(need.provider.as_deref(), "Not named"),
                category_label(plan, need.category),
                format!("{funding}{disputed}"),
                need.status
                    .map(|status| status.as_str().replace('_', " "))
                    .unwrap_or_else(|| "not recorded".to_owned()),
                need.review_by.map(format_uk).unwrap_or_default(),
                decision(review, need, shown),
            ]
        })
        .collect();
    section
        .paragraph(format!(
            "The needs as the plan holds them on {}.",
            full_date(options.made_on)
        ))
        .block(Block::Table(Table {
            caption: "Needs".to_owned(),
            headers: [
                "Need",
                "Service",
                "Provider",
                "Responsible",
                "Funding",
                "Status",
                "Review by",
                "Decision",
            ]
            .map(str::to_owned)
            .to_vec(),
            rows,
        }))
}

fn disputes(plan: &Plan, shown: &Shown) -> Section {
    let section = Section::new("Disputes");
    let Some(dispute) = &plan.responsible.dispute else {
        return section.paragraph("No open dispute.");
    };
    let about = if dispute.about.is_empty() {
        "Not recorded".to_owned()
    } else {
        dispute
            .about
            .iter()
            .map(|id| shown.text(id))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut facts = vec![
        (
            "Since".to_owned(),
            dispute
                .since
                .map(format_uk)
                .unwrap_or_else(|| "Not recorded".to_owned()),
        ),
        ("About".to_owned(), about),
        (
            "Paid meanwhile by".to_owned(),
            match dispute.interim_funder {
                Some(funder) => match funder {
                    crate::plan::model::Funder::Icb => {
                        shown.or(plan.responsible.icb.as_deref(), "the ICB")
                    }
                    crate::plan::model::Funder::La => {
                        shown.or(plan.responsible.local_authority.as_deref(), "the LA")
                    }
                },
                None => shown.or(dispute.interim_payer.as_deref(), "Not recorded"),
            },
        ),
    ];
    if let Some(note) = &dispute.note {
        facts.push(("Note".to_owned(), shown.text(note)));
    }
    section.block(Block::Facts(facts))
}

fn outcome(plan: &Plan, review: &Review, shown: &Shown) -> Section {
    let outcome = match review.outcome {
        Some(ReviewOutcome::Continue) => "The plan continues as it is",
        Some(ReviewOutcome::Changed) => "The plan changed",
        Some(ReviewOutcome::EndingProposed) => {
            "An ending of S117 aftercare is proposed (a joint decision of the ICB and the LA, \
             with the person involved, is still needed)"
        }
        None => "Not recorded",
    };
    let next = match plan.reviews.next_due {
        Some(date) => full_date(date),
        None => "Not set".to_owned(),
    };
    let interval = plan
        .reviews
        .interval_months
        .map(|months| format!("every {months} months"))
        .unwrap_or_else(|| "not recorded".to_owned());
    Section::new("Outcome and next review").block(Block::Facts(vec![
        ("Outcome".to_owned(), outcome.to_owned()),
        ("Next review".to_owned(), next),
        ("Review interval".to_owned(), interval),
        (
            "Copies to".to_owned(),
            format!(
                "the person; their GP; {}; {}",
                shown.or(plan.responsible.icb.as_deref(), "the ICB"),
                shown.or(plan.responsible.local_authority.as_deref(), "the LA")
            ),
        ),
    ]))
}
