//! A plan as a document that leaves the app: the person's own copy, the review record (for
//! the GP, the ICB, the local authority and the electronic record) and a FHIR R4 `Bundle`.
//!
//! Functions from a `&Plan` (and the options: the day it was made, meeting mode, the
//! configured identifying fields) to a `String`: no terminal, no file system. The person's
//! copy and the record are built once as a [`document::Document`] (plain text in headings,
//! paragraphs, facts and tables) and rendered as HTML (`html`) or Markdown (`markdown`), each
//! escaping every text it is given; FHIR is its own JSON (`fhir`).
//!
//! Every text from the plan goes through [`Shown`]: in meeting mode masked by the same rule
//! as the screens (`plan::privacy::plan_identifiers`), then made inert (`crate::inert`:
//! control characters shown as on screen), before a renderer escapes it.

pub mod document;
pub mod fhir;
pub mod html;
pub mod markdown;
pub mod person;
pub mod record;

#[cfg(test)]
mod tests;

use std::fmt;

use chrono::NaiveDate;

use crate::inert::inert;
use crate::plan::model::{Category, Person, Plan, Review};
use crate::plan::privacy::{Identifiers, plan_identifiers};

/// What to export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Kind {
    /// The person's own copy, in plain English.
    Person,
    /// The record of a review, for the GP, the ICB, the local authority and the EPR.
    Record,
    /// A FHIR R4 Bundle (CarePlan, Patient, the ICB and the local authority).
    Fhir,
}

impl Kind {
    pub const ALL: [Kind; 3] = [Kind::Person, Kind::Record, Kind::Fhir];

    /// The format used when none is asked for.
    pub fn default_format(self) -> Format {
        match self {
            Kind::Person | Kind::Record => Format::Html,
            Kind::Fhir => Format::Json,
        }
    }

    /// The formats this kind can be written as.
    pub fn formats(self) -> &'static [Format] {
        match self {
            Kind::Person | Kind::Record => &[Format::Html, Format::Md],
            Kind::Fhir => &[Format::Json],
        }
    }

    /// `the person's copy`, as messages and the app's chooser say it.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Person => "the person's copy",
            Kind::Record => "the review record",
            Kind::Fhir => "FHIR CarePlan",
        }
    }

    /// A word for file names: `person`, `record`, `fhir`.
    pub fn word(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Record => "record",
            Kind::Fhir => "fhir",
        }
    }
}

/// How to write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, clap::ValueEnum)]
pub enum Format {
    /// One self-contained HTML page (inline CSS, an A4 print stylesheet, no scripts).
    Html,
    /// Markdown.
    Md,
    /// JSON (FHIR only).
    Json,
}

impl Format {
    /// The file name extension: `html`, `md`, `json`.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Md => "md",
            Format::Json => "json",
        }
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.extension())
    }
}

/// How an export is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The day it is made: said at its top, and the day the plan's state is read on.
    pub made_on: NaiveDate,
    /// Meeting mode: no name, NHS number, date of birth or configured identifying field.
    pub meeting: bool,
    /// Config `identifying_fields` (format paths), hidden too in meeting mode.
    pub identifying_fields: Vec<String>,
    /// The review of the record (`--review DATE`); the latest when `None`.
    pub review: Option<NaiveDate>,
    /// The plan's commits for the record's review, from git (`--git`), one line each.
    pub git_changes: Vec<String>,
}

impl Options {
    pub fn new(made_on: NaiveDate) -> Options {
        Options {
            made_on,
            meeting: false,
            identifying_fields: Vec::new(),
            review: None,
            git_changes: Vec::new(),
        }
    }
}

/// Why an export was not made.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExportError {
    #[error("{kind} cannot be written as {format}; use {}", choices(kind))]
    Format { kind: &'static str, format: Format },
    #[error("the plan records no review yet: there is no review record to make")]
    NoReview,
    #[error("the plan records no review on {asked}; its reviews: {held}")]
    NoSuchReview { asked: String, held: String },
}

fn choices(kind: &str) -> String {
    let kind = Kind::ALL
        .into_iter()
        .find(|candidate| candidate.label() == kind)
        .unwrap_or(Kind::Person);
    kind.formats()
        .iter()
        .map(|format| format!("--format {format}"))
        .collect::<Vec<_>>()
        .join(" or ")
}

/// The plan exported as `kind` in `format`.
pub fn export(
    plan: &Plan,
    kind: Kind,
    format: Format,
    options: &Options,
) -> Result<String, ExportError> {
    if !kind.formats().contains(&format) {
        return Err(ExportError::Format {
            kind: kind.label(),
            format,
        });
    }
    let document = match kind {
        Kind::Person => person::document(plan, options),
        Kind::Record => record::document(plan, options)?,
        Kind::Fhir => return Ok(fhir::bundle_json(plan, options)),
    };
    Ok(match format {
        Format::Md => markdown::render(&document),
        _ => html::render(&document),
    })
}

/// Text from the plan as an export may show it: masked in meeting mode (the screens' rule),
/// then inert (control characters as visible pictures).
#[derive(Debug, Clone)]
pub struct Shown {
    identifiers: Option<Identifiers>,
}

impl Shown {
    pub fn new(plan: &Plan, options: &Options) -> Shown {
        Shown {
            identifiers: options
                .meeting
                .then(|| plan_identifiers(plan, &options.identifying_fields)),
        }
    }

    /// `text` as it may be exported.
    pub fn text(&self, text: &str) -> String {
        let masked = match &self.identifiers {
            Some(identifiers) => identifiers.mask(text),
            None => text.to_owned(),
        };
        inert(&masked).into_owned()
    }

    /// An optional text, or `otherwise`.
    pub fn or(&self, text: Option<&str>, otherwise: &str) -> String {
        match text.map(str::trim).filter(|text| !text.is_empty()) {
            Some(text) => self.text(text),
            None => otherwise.to_owned(),
        }
    }

    pub fn is_meeting(&self) -> bool {
        self.identifiers.is_some()
    }
}

/// `Monday 1 March 2027`: dates in full, as a letter writes them.
/// The person's name (as given: the person's copy falls back to the initials), NHS number and
/// date of birth (written by `date`) as facts; the caller leaves them out in meeting mode.
pub fn identity_facts(
    name: Option<&str>,
    person: &Person,
    shown: &Shown,
    date: fn(NaiveDate) -> String,
) -> [(String, String); 3] {
    [
        ("Name".to_owned(), shown.or(name, "Not recorded")),
        (
            "NHS number".to_owned(),
            shown.or(person.nhs_number.as_deref(), "Not recorded"),
        ),
        (
            "Date of birth".to_owned(),
            match person.date_of_birth {
                Some(born) => date(born),
                None => shown.or(person.date_of_birth_text.as_deref(), "Not recorded"),
            },
        ),
    ]
}

pub fn full_date(date: NaiveDate) -> String {
    date.format("%A %-d %B %Y").to_string()
}

/// The review the record is of: the one dated `asked`, else the latest.
pub fn chosen_review(plan: &Plan, asked: Option<NaiveDate>) -> Result<&Review, ExportError> {
    let dated = plan
        .reviews
        .history
        .iter()
        .filter(|review| review.date.is_some());
    match asked {
        None => dated
            .max_by_key(|review| review.date)
            .ok_or(ExportError::NoReview),
        Some(asked) => plan
            .reviews
            .history
            .iter()
            .find(|review| review.date == Some(asked))
            .ok_or_else(|| ExportError::NoSuchReview {
                asked: asked.to_string(),
                held: match plan.reviews.dates_newest_first().as_slice() {
                    [] => "none".to_owned(),
                    dates => dates
                        .iter()
                        .map(NaiveDate::to_string)
                        .collect::<Vec<_>>()
                        .join(", "),
                },
            }),
    }
}

/// The health body in plain words: `the NHS` (`your Local Health Board` in Wales).
pub fn health_body_words(plan: &Plan) -> &'static str {
    match plan.jurisdiction() {
        crate::plan::model::Jurisdiction::England => "the NHS",
        crate::plan::model::Jurisdiction::Wales => "the NHS (your Local Health Board)",
    }
}

/// `Health (ICB)`, `Social (LA)`, `Joint`: a need's category for the record.
pub fn category_label(plan: &Plan, category: Option<Category>) -> String {
    match category {
        Some(Category::Health) => format!("Health ({})", plan.jurisdiction().health_body()),
        Some(Category::Social) => "Social (LA)".to_owned(),
        Some(Category::Joint) => "Joint".to_owned(),
        None => "Not recorded".to_owned(),
    }
}

/// What the export leaves out in meeting mode, for its top: `name, NHS number, date of birth`
/// and the configured fields.
pub fn left_out(options: &Options) -> String {
    let mut parts = vec![
        "the name".to_owned(),
        "NHS number".to_owned(),
        "date of birth".to_owned(),
    ];
    parts.extend(
        options
            .identifying_fields
            .iter()
            .map(|field| inert(field).into_owned()),
    );
    parts.join(", ")
}
