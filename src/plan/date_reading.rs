//! Reading a typed date as a date field does: what it means (`+3m`, `01/03/2027`, `today`)
//! and what deserves a second look (a next review in the past or more than 12 months away, a
//! date that has not happened yet). One reading for the app's prompts and `aftercare set`.

use chrono::NaiveDate;

use super::dates::{add_months, parse_prompt};

/// What a date field is for, which decides its warnings (never refusals).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRule {
    /// A review date: warn when past or more than 12 months away.
    NextReview,
    /// Something that has happened: warn when in the future.
    NotFuture,
    /// Any date.
    Any,
}

/// What a date field understood, and its warnings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DateReading {
    /// The date as `Sun 28 Feb 2027`, or why it is not a date.
    pub understood: Result<NaiveDate, String>,
    pub warnings: Vec<String>,
}

/// Read a date field's text on `today`: what it means and what deserves a second look.
pub fn read_date(text: &str, rule: DateRule, today: NaiveDate) -> DateReading {
    let understood = parse_prompt(text, today).map_err(|e| e.to_string());
    let mut warnings = Vec::new();
    if let Ok(date) = understood {
        match rule {
            DateRule::NextReview if date < today => warnings
                .push("that date is in the past: the review would be overdue at once".to_owned()),
            DateRule::NextReview if add_months(today, 12).is_some_and(|limit| date > limit) => {
                warnings.push(
                    "more than 12 months away: policy usually asks for a review at least yearly"
                        .to_owned(),
                )
            }
            DateRule::NotFuture if date > today => {
                warnings.push("that date is in the future".to_owned())
            }
            _ => {}
        }
    }
    DateReading {
        understood,
        warnings,
    }
}
