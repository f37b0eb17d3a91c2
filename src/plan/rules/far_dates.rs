//! Dates more than 10 years after today: nearly always a slip of the keyboard (`2207-01-01`
//! for 2027), and a review date that far off would drop out of every review list unseen. Each
//! gets a warning at its value, with the year it was likely meant to be.

use chrono::{Datelike, NaiveDate};

use super::{RuleSettings, need_path, root};
use crate::plan::dates::add_months;
use crate::plan::finding::{Check, Issue, YamlPath};
use crate::plan::model::Plan;

/// How many years after today a date may lie before it is taken for a typo.
pub const FAR_FUTURE_YEARS: i32 = 10;

/// Is `date` more than `FAR_FUTURE_YEARS` after `today`?
pub fn is_far_future(date: NaiveDate, today: NaiveDate) -> bool {
    add_months(today, FAR_FUTURE_YEARS * 12).is_some_and(|limit| date > limit)
}

/// The plan's dates after `limit`, each with its path (made only for those), the date of
/// birth apart (see below).
struct Beyond {
    limit: Option<NaiveDate>,
    found: Vec<(YamlPath, NaiveDate)>,
}

impl Beyond {
    fn add(&mut self, path: impl FnOnce() -> YamlPath, date: Option<NaiveDate>) {
        if let Some(date) = date
            && self.limit.is_some_and(|limit| date > limit)
        {
            self.found.push((path(), date));
        }
    }
}

/// Every date in the plan more than `FAR_FUTURE_YEARS` after `today`, with its path.
fn far_dates_of(plan: &Plan, today: NaiveDate) -> Vec<(YamlPath, NaiveDate)> {
    let mut beyond = Beyond {
        limit: add_months(today, FAR_FUTURE_YEARS * 12),
        found: Vec::new(),
    };
    let episode = root().key("episode");
    beyond.add(|| episode.key("detained"), plan.episode.detained);
    beyond.add(|| episode.key("left_hospital"), plan.episode.left_hospital);
    if let Some(dispute) = &plan.responsible.dispute {
        let path = root().key("responsible").key("dispute").key("since");
        beyond.add(|| path, dispute.since);
    }
    for (index, need) in plan.needs.iter().enumerate() {
        beyond.add(|| need_path(index).key("since"), need.since);
        beyond.add(|| need_path(index).key("review_by"), need.review_by);
    }
    let reviews = root().key("reviews");
    beyond.add(|| reviews.key("next_due"), plan.reviews.next_due);
    for (index, review) in plan.reviews.history.iter().enumerate() {
        beyond.add(
            || reviews.key("history").index(index).key("date"),
            review.date,
        );
    }
    if let Some(ending) = &plan.ending {
        beyond.add(|| root().key("ending").key("date"), ending.date);
    }
    for (index, past) in plan.history.iter().enumerate() {
        let entry = root().key("history").index(index);
        beyond.add(
            || entry.key("episode").key("detained"),
            past.episode.detained,
        );
        beyond.add(
            || entry.key("episode").key("left_hospital"),
            past.episode.left_hospital,
        );
        if let Some(ending) = &past.ending {
            beyond.add(|| entry.key("ending").key("date"), ending.date);
        }
    }
    for (index, event) in plan.events.iter().enumerate() {
        let entry = root().key("events").index(index);
        beyond.add(|| entry.key("date"), event.date);
        beyond.add(|| entry.key("left_hospital"), event.left_hospital);
    }
    beyond.found
}

/// Warnings for the plan's dates more than 10 years after today. The date of birth is named
/// but never shown: the finding appears on screens that meeting mode keeps free of it.
pub fn dates_within_reach(plan: &Plan, settings: &RuleSettings) -> Vec<Issue> {
    let today = settings.today;
    let mut issues: Vec<Issue> = far_dates_of(plan, today)
        .into_iter()
        .map(|(path, date)| {
            let guess = match meant_year(date.year(), today) {
                Some(year) => format!("a typo for {year}?"),
                None => "a typo?".to_owned(),
            };
            let message = format!(
                "{path} is more than {FAR_FUTURE_YEARS} years away ({}): {guess} Check the year against the source (plan-format.md: dates)",
                date.format("%Y-%m-%d")
            );
            Issue::warning(Check::Format, path, message)
        })
        .collect();
    if plan
        .person
        .date_of_birth
        .is_some_and(|born| is_far_future(born, today))
    {
        let path = root().key("person").key("date_of_birth");
        let message = format!(
            "{path} is more than {FAR_FUTURE_YEARS} years away: a typo in the year? Check it against the source (plan-format.md: dates)"
        );
        issues.push(Issue::warning(Check::Format, path, message));
    }
    issues
}

/// The year a far-off year was probably meant to be: of the years one slip away (two
/// neighbouring digits swapped, or one digit wrong), the nearest to this year, when it lies
/// within `FAR_FUTURE_YEARS` of it.
fn meant_year(year: i32, today: NaiveDate) -> Option<i32> {
    let digits = year.to_string().into_bytes();
    if digits.len() != 4 {
        return None;
    }
    let mut slips: Vec<Vec<u8>> = Vec::new();
    for at in 0..digits.len() - 1 {
        let mut swapped = digits.clone();
        swapped.swap(at, at + 1);
        slips.push(swapped);
    }
    for at in 0..digits.len() {
        for digit in b'0'..=b'9' {
            let mut changed = digits.clone();
            changed[at] = digit;
            slips.push(changed);
        }
    }
    let now = today.year();
    slips
        .into_iter()
        .filter_map(|slip| String::from_utf8(slip).ok()?.parse::<i32>().ok())
        .filter(|meant| *meant != year && (*meant - now).abs() <= FAR_FUTURE_YEARS)
        .min_by_key(|meant| ((*meant - now).abs(), *meant))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn more_than_ten_years_ahead_is_far() {
        let today = day("2026-11-28");
        assert!(!is_far_future(day("2035-11-28"), today));
        assert!(!is_far_future(day("2036-11-28"), today));
        assert!(is_far_future(day("2036-11-29"), today));
        assert!(!is_far_future(day("1900-01-01"), today));
    }

    #[test]
    fn the_meant_year_is_one_slip_away_and_near() {
        let today = day("2026-11-28");
        assert_eq!(meant_year(2207, today), Some(2027));
        assert_eq!(meant_year(2062, today), Some(2026));
        assert_eq!(meant_year(3026, today), Some(2026));
        assert_eq!(meant_year(9999, today), None);
        assert_eq!(meant_year(20207, today), None);
    }
}
