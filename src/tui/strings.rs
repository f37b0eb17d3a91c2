//! Words shown on screen for the plan's values, and the app's fixed messages, in one place.

use crate::plan::model::{Funder, LegalStatus, NeedStatus};

/// Smallest terminal the app draws in.
pub const MIN_WIDTH: u16 = 60;
pub const MIN_HEIGHT: u16 = 16;

/// The one line shown when the terminal is smaller than that.
pub fn too_small(width: u16, height: u16) -> String {
    format!("terminal too small: need {MIN_WIDTH}x{MIN_HEIGHT}, have {width}x{height}")
}

/// Printed (no escape codes) when the terminal cannot run a full-screen app.
pub fn no_terminal(reason: &str) -> String {
    format!(
        "aftercare: {reason}, so the full-screen view cannot run.\n\
         Use `aftercare check [DIR]` for a plain report of every plan."
    )
}

/// Legal status, short, for the dashboard column.
pub fn legal_status_short(status: Option<LegalStatus>) -> &'static str {
    match status {
        None => "?",
        Some(LegalStatus::None) => "none",
        Some(LegalStatus::S17Leave) => "s17 leave",
        Some(LegalStatus::Cto) => "CTO",
        Some(LegalStatus::ConditionalDischarge) => "cond disch",
        Some(LegalStatus::AbsoluteDischarge) => "abs disch",
    }
}

/// Legal status in four letters at most, for the plans list below 80 columns.
pub fn legal_status_tiny(status: Option<LegalStatus>) -> &'static str {
    match status {
        None => "?",
        Some(LegalStatus::None) => "none",
        Some(LegalStatus::S17Leave) => "s17",
        Some(LegalStatus::Cto) => "CTO",
        Some(LegalStatus::ConditionalDischarge) => "cond",
        Some(LegalStatus::AbsoluteDischarge) => "abs",
    }
}

/// Legal status in full, for the plan header.
pub fn legal_status_long(status: Option<LegalStatus>) -> &'static str {
    match status {
        None => "legal status not recorded",
        Some(LegalStatus::None) => "no legal status",
        Some(LegalStatus::S17Leave) => "s17 leave",
        Some(LegalStatus::Cto) => "CTO",
        Some(LegalStatus::ConditionalDischarge) => "conditional discharge",
        Some(LegalStatus::AbsoluteDischarge) => "absolute discharge",
    }
}

/// A need's status as a word (never only a colour).
pub fn need_status(status: Option<NeedStatus>) -> &'static str {
    match status {
        None => "no status",
        Some(NeedStatus::Proposed) => "proposed",
        Some(NeedStatus::Agreed) => "agreed",
        Some(NeedStatus::Active) => "active",
        Some(NeedStatus::OnHold) => "on hold",
        Some(NeedStatus::Declined) => "declined (!)",
        Some(NeedStatus::Ended) => "ended",
    }
}

pub fn funder(funder: Option<Funder>) -> &'static str {
    match funder {
        Some(Funder::Icb) => "ICB",
        Some(Funder::La) => "LA",
        None => "NONE AGREED",
    }
}

/// Why edit keys do nothing under `--read-only`.
pub const READ_ONLY_FLAG: &str =
    "read-only (--read-only): editing is off; open without --read-only to edit";

/// Placeholder for a value the plan does not give.
pub const MISSING: &str = "-";

/// An ICB's or a council's name without the words most of them share (`London Borough of`,
/// `NHS`, `ICB`, `City Council`), for a column too narrow for the whole name: `Lambeth`,
/// `South East London`. The whole name is kept when nothing is left.
pub fn short_body_name(name: &str) -> &str {
    const PREFIXES: [&str; 6] = [
        "London Borough of ",
        "Royal Borough of ",
        "Metropolitan Borough of ",
        "City of ",
        "Borough of ",
        "NHS ",
    ];
    const SUFFIXES: [&str; 6] = [
        " Integrated Care Board",
        " ICB",
        " City Council",
        " County Council",
        " Borough Council",
        " Council",
    ];
    let name = name.trim();
    let mut short = name;
    if let Some(rest) = PREFIXES
        .iter()
        .find_map(|prefix| short.strip_prefix(prefix))
    {
        short = rest;
    }
    if let Some(rest) = SUFFIXES
        .iter()
        .find_map(|suffix| short.strip_suffix(suffix))
    {
        short = rest;
    }
    if short.trim().is_empty() {
        name
    } else {
        short.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_names_lose_the_words_they_share() {
        assert_eq!(short_body_name("London Borough of Lambeth"), "Lambeth");
        assert_eq!(
            short_body_name("NHS South East London ICB"),
            "South East London"
        );
        assert_eq!(short_body_name("Salford City Council"), "Salford");
        assert_eq!(
            short_body_name("Cardiff and Vale University Health Board"),
            "Cardiff and Vale University Health Board"
        );
    }
}
