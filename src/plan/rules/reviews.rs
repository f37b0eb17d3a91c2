//! Review gaps and review dates (rule 9): reviews at least every `interval_months` (local
//! policy, 12 when not given; the Code asks for regular review), and each review held dated
//! after detention, after the review before it (the history is oldest first) and not in the
//! future.

use chrono::{Datelike, Months, NaiveDate};

use super::{RuleSettings, is_far_future, root};
use crate::plan::dates::format_uk;
use crate::plan::finding::{Check, Issue};
use crate::plan::model::Plan;

/// The review interval when the plan does not give one (local policy, not statute).
pub const DEFAULT_INTERVAL_MONTHS: u32 = 12;

/// Rule 9: a review dated in the future, before detention or before the review before it.
pub fn review_dates_in_order(plan: &Plan, settings: &RuleSettings) -> Vec<Issue> {
    let history = root().key("reviews").key("history");
    let mut issues = Vec::new();
    let mut previous: Option<NaiveDate> = None;
    // Reviews of an earlier episode (now in `history`) stay in the plan's list: a review is
    // judged against the first detention the plan records.
    let first_detained = std::iter::once(&plan.episode)
        .chain(plan.history.iter().map(|past| &past.episode))
        .filter_map(|episode| episode.detained)
        .min();
    for (index, review) in plan.reviews.history.iter().enumerate() {
        let Some(date) = review.date else {
            continue;
        };
        let path = history.index(index).key("date");
        let problem = if date > settings.today {
            Some(format!(
                "review date {} is in the future: a review is recorded once it has been held (plan-format.md); put the planned date in reviews.next_due",
                format_uk(date)
            ))
        } else if let Some(detained) = first_detained.filter(|&detained| date < detained) {
            Some(format!(
                "review date {} is before detention ({}): aftercare reviews follow the detention that gave the entitlement (s117(1)); correct the date",
                format_uk(date),
                format_uk(detained)
            ))
        } else {
            previous.filter(|&before| date < before).map(|before| {
                format!(
                    "review date {} is before the review above it ({}): reviews are recorded oldest first, each added after the last (plan-format.md); correct the date or the order",
                    format_uk(date),
                    format_uk(before)
                )
            })
        };
        issues.extend(problem.map(|message| Issue::error(Check::Rule(9), path, message)));
        previous = Some(previous.map_or(date, |before| before.max(date)));
    }
    issues
}

/// The last day of the month `date` falls in.
fn end_of_month(date: NaiveDate) -> Option<NaiveDate> {
    date.with_day(1)?
        .checked_add_months(Months::new(1))?
        .pred_opt()
}

/// Rule 9: the next review no further than the interval after the last review held (or,
/// with none held, after leaving hospital), counted in whole months: a review due in the
/// month the interval ends is on time (a review on 10 Dec after one on 8 Dec a year before
/// is annual), so the warning is kept for real gaps. An overdue next review is rule 9's other warning,
/// and a date years away is a typo (`dates_within_reach`): neither is reported twice.
pub fn review_gap_within_interval(plan: &Plan, settings: &RuleSettings) -> Option<Issue> {
    if plan.is_ended() {
        return None;
    }
    let next_due = plan
        .reviews
        .next_due
        .filter(|&due| due >= settings.today && !is_far_future(due, settings.today))?;
    let months = plan
        .reviews
        .interval_months
        .unwrap_or(DEFAULT_INTERVAL_MONTHS);
    let last_held = plan
        .reviews
        .history
        .iter()
        .filter_map(|review| review.date)
        .filter(|&date| date <= settings.today)
        .max();
    let (since, what) = match last_held {
        Some(date) => (date, "the last review"),
        None => (
            plan.episode.left_hospital?,
            "leaving hospital, with no review held",
        ),
    };
    let latest = end_of_month(since.checked_add_months(Months::new(months))?)?;
    (next_due > latest).then(|| {
        Issue::warning(
            Check::Rule(9),
            root().key("reviews").key("next_due"),
            format!(
                "the next review {} is more than {months} months after {what} ({}): review at least every {months} months (reviews.interval_months; {}); {}",
                format_uk(next_due),
                format_uk(since),
                plan.jurisdiction().code(),
                if latest < settings.today {
                    "hold a review now".to_owned()
                } else {
                    format!("set the next review on or before {}", format_uk(latest))
                }
            ),
        )
    })
}
