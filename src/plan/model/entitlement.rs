//! Format v1.1 additions for the legal rules: the jurisdiction (England or Wales), why this
//! ICB and LA are responsible, the parties to a dispute, and how a restriction was written.

use chrono::NaiveDate;
use std::fmt;

use super::Vocabulary;

yaml_words!(
    /// Which country's law and guidance the plan follows.
    Jurisdiction ("a jurisdiction") {
        England => "england",
        Wales => "wales",
    }
);

impl Jurisdiction {
    /// The health body named in labels and messages: the ICB in England, the Local Health
    /// Board in Wales.
    pub fn health_body(self) -> &'static str {
        match self {
            Jurisdiction::England => "ICB",
            Jurisdiction::Wales => "LHB",
        }
    }

    /// The title of the health needs pane.
    pub fn health_pane_title(self) -> &'static str {
        match self {
            Jurisdiction::England => "HEALTH (ICB)",
            Jurisdiction::Wales => "HEALTH (LHB)",
        }
    }

    /// The title of the joint needs pane.
    pub fn joint_pane_title(self) -> &'static str {
        match self {
            Jurisdiction::England => "JOINT (ICB + LA)",
            Jurisdiction::Wales => "JOINT (LHB + LA)",
        }
    }

    /// The Code of Practice chapter on aftercare, as findings cite it.
    pub fn code(self) -> &'static str {
        match self {
            Jurisdiction::England => "Code ch. 33",
            Jurisdiction::Wales => "Wales Code ch. 31",
        }
    }

    /// One paragraph of the English Code, or the Welsh chapter (its paragraphs are numbered
    /// differently, so a Welsh finding cites the chapter).
    pub fn code_paragraph(self, english_paragraph: &str) -> String {
        match self {
            Jurisdiction::England => format!("Code {english_paragraph}"),
            Jurisdiction::Wales => self.code().to_owned(),
        }
    }
}

yaml_words!(
    /// Which bodies disagree about who is responsible.
    DisputeKind ("a dispute kind") {
        IcbLa => "icb_la",
        LaLa => "la_la",
        IcbIcb => "icb_icb",
    }
);

impl DisputeKind {
    /// The guidance that settles this kind of dispute.
    pub fn source(self) -> &'static str {
        match self {
            DisputeKind::IcbLa => "s117(2)",
            DisputeKind::LaLa => "s117(3), s117(4)",
            DisputeKind::IcbIcb => "Who Pays? 2024",
        }
    }
}

/// Why this ICB and this LA are the responsible bodies (`responsible.basis`).
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct ResponsibleBasis {
    /// The GP practice the person was registered with at detention (the ICB, per Who Pays?).
    pub gp_practice: Option<String>,
    /// Where the person lived immediately before detention (the LA, s117(3)).
    pub lived_before_detention: Option<String>,
    pub decided: Option<NaiveDate>,
    pub decided_by: Option<String>,
}

/// How the restriction was written: in the section (`37/41`) and in `restricted`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub struct RestrictionWritten {
    /// The section was written with its restriction (`37/41`, `47/49`, `48/49`).
    pub in_section: bool,
    /// `restricted` as written, if it was.
    pub flag: Option<bool>,
}
