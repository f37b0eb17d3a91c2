//! The entitlement over time (format v1.1): earlier detentions with their endings, and
//! admissions that do not start a new S117 duty (informal, or under a section that does
//! not qualify, such as s2).

use chrono::NaiveDate;
use std::fmt;

use super::{Ending, Episode, Section, Vocabulary};

/// One earlier detention, as it was, and how its aftercare ended: an entry of the plan's
/// top-level `history`, newest first.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct PastEpisode {
    pub episode: Episode,
    /// The joint decision that ended aftercare after this detention; `None` when the duty
    /// ended because of a new qualifying detention (Worcestershire [2023] UKSC 31).
    pub ending: Option<Ending>,
    /// Who was responsible then (the ICB and LA may differ from today's).
    pub responsible: Option<PastResponsible>,
}

/// The bodies responsible during an earlier episode.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct PastResponsible {
    pub icb: Option<String>,
    pub local_authority: Option<String>,
}

yaml_words!(
    /// What kind of stay in hospital an event records.
    EventKind ("an event kind") {
        InformalAdmission => "informal_admission",
        Detention => "detention",
    }
);

/// A stay in hospital that does not start a new S117 duty: an informal admission, or a
/// detention under a section that gives no entitlement (s2, s4, s136 ...). An entry of the
/// plan's top-level `events`.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct Event {
    pub date: Option<NaiveDate>,
    pub kind: Option<EventKind>,
    /// The section of a detention; none for an informal admission.
    pub section: Option<Section>,
    pub left_hospital: Option<NaiveDate>,
    pub note: Option<String>,
}

impl Event {
    /// A detention under a qualifying section: not an event at all but a new episode.
    pub fn is_qualifying_detention(&self) -> bool {
        self.kind == Some(EventKind::Detention)
            && self.section.as_ref().is_some_and(Section::qualifies)
    }
}
