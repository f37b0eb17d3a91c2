//! Identifiers and their masking for meeting mode: what must never reach a projector.
//!
//! Matching works on words (runs of letters, runs of digits) compared without case or
//! accents, in any script's digits and any width (`words`), so an identifier is found however
//! it is spaced, punctuated or cut across lines: `999 000 0018`, `９９９ ０００ ００１８`,
//! `9990000018`, `11/02/1984`, `11 Feb 84`, `11th of February 1984`, `1984-02-11`,
//! `SMITHSON`, `Smithson's`, `Zoe` for `Zoë`. Besides the people's own identifiers, any
//! 10-digit number that passes the NHS Modulus 11 check is hidden, whoever's it is.
//!
//! - `words`: the words of a text, normalised (NFKC, digits of any script);
//! - `dates`: dates in every common UK written form;
//! - `identifiers`: `Identifiers`, what is hidden and where a text shows it;
//! - `lines`: values of identifying keys in plan text or a diff of it, in any YAML style;
//! - `files`: a file's name as meeting mode shows it.

mod dates;
mod files;
mod identifiers;
mod lines;
mod words;

#[cfg(test)]
mod tests;

pub use dates::lenient_date;
pub use files::meeting_file_name;
pub use identifiers::Identifiers;
pub use lines::{
    IdentifyingText, KeyValue, hide_identifying_lines, identifying_keys, learn_values,
    read_identifying_text,
};
pub use words::{Word, decimal_digit, words};

use super::model::{Need, Person, Plan};

/// What a hidden identifier is shown as.
pub const HIDDEN: &str = "[hidden]";

/// Replace the person's identifiers wherever they appear in free text: full name and each
/// part of it, NHS number (any spacing), date of birth (ISO, UK and numeric forms), and any
/// other valid NHS number.
pub fn mask_identifiers(text: &str, person: &Person) -> String {
    Identifiers::of(person).mask(text)
}

/// The fields `identifying_fields` in the config may name (format paths; list indices such
/// as `needs[0].provider` are read as every item). The person's name, NHS number and date of
/// birth are always hidden in meeting mode.
pub const IDENTIFYING_FIELDS: [&str; 18] = [
    "person.name",
    "person.nhs_number",
    "person.date_of_birth",
    "person.initials",
    "responsible.icb",
    "responsible.local_authority",
    "responsible.care_coordinator",
    "responsible.dispute.note",
    "needs.need",
    "needs.provider",
    "needs.notes",
    "patient_voice.goals",
    "patient_voice.views",
    "crisis_plan.signs",
    "crisis_plan.contacts",
    "reviews.history.attendees",
    "ending.icb_decision_by",
    "ending.la_decision_by",
];

/// A configured field path in the form `IDENTIFYING_FIELDS` lists: `needs[2].provider` and
/// `needs[].provider` become `needs.provider`.
pub fn normalise_field(path: &str) -> String {
    let mut out = String::new();
    let mut in_index = false;
    for c in path.trim().chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if !in_index => out.push(c),
            _ => {}
        }
    }
    out
}

/// The values of a configured identifying field in this plan (empty for an unknown field).
pub fn identifying_values(plan: &Plan, field: &str) -> Vec<String> {
    let one = |value: &Option<String>| value.iter().cloned().collect::<Vec<_>>();
    let person = &plan.person;
    let responsible = &plan.responsible;
    let voice = plan.patient_voice.clone().unwrap_or_default();
    let crisis = plan.crisis_plan.clone().unwrap_or_default();
    let ending = plan.ending.clone().unwrap_or_default();
    let each = |get: fn(&Need) -> &Option<String>| {
        plan.needs
            .iter()
            .filter_map(|need| get(need).clone())
            .collect::<Vec<_>>()
    };
    match normalise_field(field).as_str() {
        "person.name" => one(&person.name),
        "person.nhs_number" => one(&person.nhs_number),
        "person.date_of_birth" => one(&person.date_of_birth_text),
        "person.initials" => one(&person.initials),
        "responsible.icb" => one(&responsible.icb),
        "responsible.local_authority" => one(&responsible.local_authority),
        "responsible.care_coordinator" => one(&responsible.care_coordinator),
        "responsible.dispute.note" => responsible
            .dispute
            .as_ref()
            .map(|dispute| one(&dispute.note))
            .unwrap_or_default(),
        "needs.need" => each(|need| &need.need),
        "needs.provider" => each(|need| &need.provider),
        "needs.notes" => each(|need| &need.notes),
        "patient_voice.goals" => one(&voice.goals),
        "patient_voice.views" => one(&voice.views),
        "crisis_plan.signs" => crisis.signs,
        "crisis_plan.contacts" => crisis.contacts,
        "reviews.history.attendees" => plan
            .reviews
            .history
            .iter()
            .flat_map(|review| review.attendees.iter().cloned())
            .collect(),
        "ending.icb_decision_by" => one(&ending.icb_decision_by),
        "ending.la_decision_by" => one(&ending.la_decision_by),
        _ => Vec::new(),
    }
}

/// What meeting mode hides of one plan's person: the name, NHS number and date of birth,
/// and the values of the configured `identifying_fields`. The one rule for the screens
/// (`tui::redact`) and the exports (`export`), so neither can hide less than the other.
pub fn plan_identifiers(plan: &Plan, identifying_fields: &[String]) -> Identifiers {
    let mut identifiers = Identifiers::of(&plan.person);
    for field in identifying_fields {
        for value in identifying_values(plan, field) {
            identifiers.add_value(&value);
        }
    }
    identifiers
}

/// What one version of a plan's text identifies (a commit's copy of the file): read as a
/// plan when it can be, whatever YAML style it uses, and line by line too (`lines`), so a
/// version that cannot be read as a plan still gives the values of its identifying keys.
/// `identifying_fields` are the configured format paths.
pub fn identifiers_in_text(text: &str, identifying_fields: &[String]) -> Identifiers {
    let mut identifiers = Identifiers::default();
    if let Ok(parsed) = super::parse::parse_plan(text) {
        identifiers.add_person(&parsed.plan.person);
        for field in identifying_fields {
            for value in identifying_values(&parsed.plan, field) {
                identifiers.add_value(&value);
            }
        }
    }
    let mut fields: Vec<&str> = ALWAYS_HIDDEN_FIELDS.to_vec();
    fields.extend(identifying_fields.iter().map(String::as_str));
    let found = read_identifying_text(text, &identifying_keys(&fields));
    learn_values(&mut identifiers, &found.values);
    identifiers
}

/// The fields always hidden in meeting mode, whatever the config says.
pub const ALWAYS_HIDDEN_FIELDS: [&str; 3] =
    ["person.name", "person.nhs_number", "person.date_of_birth"];
