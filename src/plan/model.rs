//! The plan model: docs/plan-format.md (format v1.1) as Rust types.
//!
//! The model is lenient on purpose: a plan with errors is still shown, so a required field
//! that is missing or unreadable is `None` here and an error finding says why.

use chrono::NaiveDate;
use std::fmt;

use super::finding::YamlPath;

/// The schema plans are written with. Format v1.1 only adds optional keys, so a v1.1 plan
/// keeps this line (an older aftercare reads it, warning about the keys it does not know).
pub const SCHEMA_V1: &str = "aftercare/v1";

/// Also read: a plan may name the additive format version it uses. Never written by the app.
pub const SCHEMA_V1_1: &str = "aftercare/v1.1";

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Plan {
    pub schema: Option<String>,
    pub id: Option<String>,
    pub person: Person,
    pub episode: Episode,
    pub responsible: Responsible,
    pub needs: Vec<Need>,
    pub patient_voice: Option<PatientVoice>,
    pub crisis_plan: Option<CrisisPlan>,
    pub reviews: Reviews,
    pub ending: Option<Ending>,
    /// Earlier detentions and their endings, newest first (v1.1 `history`).
    pub history: Vec<PastEpisode>,
    /// Admissions that start no new S117 duty (v1.1 `events`).
    pub events: Vec<Event>,
    /// `jurisdiction` (v1.1): England when absent.
    pub jurisdiction: Option<Jurisdiction>,
    /// `care_and_treatment_plan` (v1.1, Wales): where the care and treatment plan under the
    /// Mental Health (Wales) Measure 2010, Part 2 is kept.
    pub care_and_treatment_plan: Option<String>,
    /// Merge conflicts recorded by the plan merge driver, to resolve (v1.1 `conflicts`).
    pub conflicts: Vec<RecordedConflict>,
    /// Keys the format does not know, with their values: reported, never dropped. Not
    /// serialized: the summary cache (`store::cache`) keeps no plan that has any.
    #[serde(skip)]
    pub unknown: Vec<(YamlPath, serde_yaml::Value)>,
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Person {
    pub initials: Option<String>,
    pub name: Option<String>,
    /// As written in the file (spaces allowed); checked by rule 6.
    pub nhs_number: Option<String>,
    pub date_of_birth: Option<NaiveDate>,
    /// `date_of_birth` as written, even when it is not a valid date (`14/03/1985`): meeting
    /// mode hides it wherever it is quoted.
    pub date_of_birth_text: Option<String>,
}

/// The detention that gave the entitlement.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Episode {
    pub section: Option<Section>,
    pub restricted: bool,
    pub detained: Option<NaiveDate>,
    pub left_hospital: Option<NaiveDate>,
    pub legal_status: Option<LegalStatus>,
    /// How the restriction was written (v1.1 reads `37/41` as section 37, restricted).
    pub restriction_written: RestrictionWritten,
}

/// A Mental Health Act section as written in the plan.
#[derive(Debug, Clone, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Section {
    S3,
    S37,
    S45A,
    S47,
    S48,
    /// Any other section; rule 2 says why it gives no S117 entitlement.
    Other(String),
}

impl Section {
    pub fn parse(text: &str) -> Section {
        if let Some(section) = Self::with_restriction(text) {
            return section;
        }
        match text.trim().to_ascii_uppercase().as_str() {
            "3" => Section::S3,
            "37" => Section::S37,
            "45A" => Section::S45A,
            "47" => Section::S47,
            "48" => Section::S48,
            _ => Section::Other(text.trim().to_owned()),
        }
    }

    /// The section of a form that names its restriction (`37/41`, `47/49`, `48/49`).
    pub fn with_restriction(text: &str) -> Option<Section> {
        match text.trim().replace(' ', "").as_str() {
            "37/41" => Some(Section::S37),
            "47/49" => Some(Section::S47),
            "48/49" => Some(Section::S48),
            _ => None,
        }
    }

    pub fn qualifies(&self) -> bool {
        !matches!(self, Section::Other(_))
    }

    /// The section as people say it, with the restriction order: `37/41`, `47/49`.
    pub fn label(&self, restricted: bool) -> String {
        let base = self.to_string();
        match (self, restricted) {
            (Section::S37, true) => "37/41".into(),
            (Section::S47 | Section::S48, true) => format!("{base}/49"),
            _ => base,
        }
    }
}

impl fmt::Display for Section {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Section::S3 => "3",
            Section::S37 => "37",
            Section::S45A => "45A",
            Section::S47 => "47",
            Section::S48 => "48",
            Section::Other(text) => text,
        })
    }
}

/// Declares a closed set of YAML words as an enum with `ALL`, `as_str` and `parse`.
/// A closed set of words the file may use for one field.
pub trait Vocabulary: Sized + Copy {
    /// What one of these is, for messages: `a need status`.
    const WHAT: &'static str;
    fn parse_word(word: &str) -> Option<Self>;
    fn choice_list() -> String;
}

macro_rules! yaml_words {
    ($(#[$meta:meta])* $name:ident ($what:literal) { $($variant:ident => $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word used in the file.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            pub fn parse(word: &str) -> Option<$name> {
                match word { $($word => Some($name::$variant),)+ _ => None }
            }

            /// The accepted words, for messages: `a, b, c`.
            pub fn choices() -> String {
                [$($word),+].join(", ")
            }
        }

        impl Vocabulary for $name {
            const WHAT: &'static str = $what;
            fn parse_word(word: &str) -> Option<Self> {
                Self::parse(word)
            }
            fn choice_list() -> String {
                Self::choices()
            }
        }

        /// Written as its word in the file (`icb`, `s17_leave`).
        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let word = <std::borrow::Cow<'de, str> as serde::Deserialize>::deserialize(deserializer)?;
                Self::parse(&word).ok_or_else(|| {
                    serde::de::Error::custom(format!("not {}: {word}", $what))
                })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }
    };
}
pub(crate) use yaml_words;

mod conflict;
pub use conflict::RecordedConflict;
mod history;
pub use history::{Event, EventKind, PastEpisode, PastResponsible};

yaml_words!(
    /// Where the person is now in law.
    LegalStatus ("a legal status") {
        None => "none",
        S17Leave => "s17_leave",
        Cto => "cto",
        ConditionalDischarge => "conditional_discharge",
        AbsoluteDischarge => "absolute_discharge",
    }
);

mod entitlement;
pub use entitlement::*;

yaml_words!(
    /// Who is responsible for a need.
    Category ("a category") {
        Health => "health",
        Social => "social",
        Joint => "joint",
    }
);

yaml_words!(
    NeedStatus ("a need status") {
        Proposed => "proposed",
        Agreed => "agreed",
        Active => "active",
        OnHold => "on_hold",
        Declined => "declined",
        Ended => "ended",
    }
);

yaml_words!(
    /// Who pays while an ICB/LA dispute is resolved.
    Funder ("an interim funder") {
        Icb => "icb",
        La => "la",
    }
);

yaml_words!(
    ReviewOutcome ("a review outcome") {
        Continue => "continue",
        Changed => "changed",
        EndingProposed => "ending_proposed",
    }
);

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Responsible {
    pub icb: Option<String>,
    pub local_authority: Option<String>,
    pub care_coordinator: Option<String>,
    pub dispute: Option<Dispute>,
    /// Why these bodies (v1.1, optional).
    pub basis: Option<ResponsibleBasis>,
}

/// An open disagreement between the ICB and the local authority.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Dispute {
    pub since: Option<NaiveDate>,
    /// Need ids the dispute is about.
    pub about: Vec<String>,
    pub interim_funder: Option<Funder>,
    pub note: Option<String>,
    /// v1.1: which bodies disagree (ICB/LA when absent).
    pub kind: Option<DisputeKind>,
    /// v1.1: the two bodies by name (LA/LA and ICB/ICB disputes).
    pub parties: Vec<String>,
    /// v1.1: which of the parties pays meanwhile (LA/LA and ICB/ICB disputes).
    pub interim_payer: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Need {
    pub id: Option<String>,
    pub need: Option<String>,
    pub category: Option<Category>,
    pub provider: Option<String>,
    pub funding: Option<Funding>,
    pub status: Option<NeedStatus>,
    pub since: Option<NaiveDate>,
    pub review_by: Option<NaiveDate>,
    pub notes: Option<String>,
    /// Format v1.1: cost, delivery, top-up and any recorded charge (see `plan::money`).
    pub money: super::money::NeedMoney,
}

impl Need {
    /// Still part of the care on offer (ended and declined needs are shown dimmed).
    pub fn is_current(&self) -> bool {
        !matches!(
            self.status,
            Some(NeedStatus::Ended) | Some(NeedStatus::Declined)
        )
    }
}

/// Funding shares in percent. Whole numbers are checked by the loader; range and total by rule 5.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct Funding {
    pub icb: Option<i64>,
    pub la: Option<i64>,
}

impl Funding {
    pub fn icb_share(&self) -> i64 {
        self.icb.unwrap_or(0)
    }

    pub fn la_share(&self) -> i64 {
        self.la.unwrap_or(0)
    }

    /// `ICB 40% / LA 60%`.
    pub fn split_label(&self) -> String {
        format!("ICB {}% / LA {}%", self.icb_share(), self.la_share())
    }
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct PatientVoice {
    pub goals: Option<String>,
    pub views: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct CrisisPlan {
    pub signs: Vec<String>,
    pub contacts: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Reviews {
    pub interval_months: Option<u32>,
    pub next_due: Option<NaiveDate>,
    pub history: Vec<Review>,
}

impl Reviews {
    /// The dates of the reviews held, newest first, each once.
    pub fn dates_newest_first(&self) -> Vec<NaiveDate> {
        let mut dates: Vec<NaiveDate> = self
            .history
            .iter()
            .filter_map(|review| review.date)
            .collect();
        dates.sort_unstable_by(|a, b| b.cmp(a));
        dates.dedup();
        dates
    }
}

/// One review meeting, as recorded in `reviews.history`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Review {
    pub date: Option<NaiveDate>,
    pub attendees: Vec<String>,
    pub person_involved: Option<bool>,
    pub outcome: Option<ReviewOutcome>,
    pub changes: Vec<String>,
}

/// The joint decision that S117 aftercare ends.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Ending {
    pub date: Option<NaiveDate>,
    pub icb_decision_by: Option<String>,
    pub la_decision_by: Option<String>,
    pub person_involved: Option<bool>,
    pub reasons: Option<String>,
}

impl Plan {
    pub fn count_needs(&self, category: Category) -> usize {
        self.needs
            .iter()
            .filter(|need| need.category == Some(category))
            .count()
    }

    pub fn need_by_id(&self, id: &str) -> Option<&Need> {
        self.needs
            .iter()
            .find(|need| need.id.as_deref() == Some(id))
    }

    /// The section with its restriction (`37/41`), or `?` when missing.
    pub fn section_label(&self) -> String {
        self.episode
            .section
            .as_ref()
            .map(|section| section.label(self.episode.restricted))
            .unwrap_or_else(|| "?".into())
    }

    /// The jurisdiction, England when the plan does not say.
    pub fn jurisdiction(&self) -> Jurisdiction {
        self.jurisdiction.unwrap_or(Jurisdiction::England)
    }

    /// An ending is recorded: in effect, planned, or no longer holding. Whether the plan is
    /// ended on a given day is [`crate::plan::lifecycle::Lifecycle::of`]'s to say.
    pub fn is_ended(&self) -> bool {
        self.ending.is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_parse_and_label_with_restrictions() {
        assert_eq!(Section::parse("45a"), Section::S45A);
        assert_eq!(Section::parse("2"), Section::Other("2".into()));
        assert!(!Section::parse("136").qualifies());
        assert_eq!(Section::S37.label(true), "37/41");
        assert_eq!(Section::S47.label(true), "47/49");
        assert_eq!(Section::S3.label(false), "3");
    }

    #[test]
    fn words_round_trip() {
        for status in NeedStatus::ALL {
            assert_eq!(NeedStatus::parse(status.as_str()), Some(*status));
        }
        assert_eq!(NeedStatus::parse("actve"), None);
        assert_eq!(Category::choices(), "health, social, joint");
    }

    #[test]
    fn split_label_reads_like_the_screen() {
        let funding = Funding {
            icb: Some(40),
            la: Some(60),
        };
        assert_eq!(funding.split_label(), "ICB 40% / LA 60%");
    }
}
