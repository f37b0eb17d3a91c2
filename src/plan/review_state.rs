//! Where a review date stands on a day: overdue, due soon or later (unknown when there is no
//! date). One rule for the dashboard, `aftercare due` and rule 9: a review due today is due
//! soon, not overdue; one due in exactly `due_soon_days` days is due soon too.

use chrono::NaiveDate;

use super::lifecycle::Lifecycle;
use super::model::Plan;
use super::rules::RuleSettings;

/// Where a plan's (or a need's) next review stands on "today".
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ReviewState {
    /// Due before today.
    Overdue,
    /// Due today or within `due_soon_days` days.
    DueSoon,
    Later,
    /// No review date.
    Unknown,
}

impl ReviewState {
    /// The state of a review due on `due`, seen on `today`.
    pub fn of(due: NaiveDate, today: NaiveDate, due_soon_days: i64) -> ReviewState {
        let days = (due - today).num_days();
        if days < 0 {
            ReviewState::Overdue
        } else if days <= due_soon_days {
            ReviewState::DueSoon
        } else {
            ReviewState::Later
        }
    }

    /// `overdue`, `due soon`, `later`, `unknown`: as lists and exports say it.
    pub fn label(self) -> &'static str {
        match self {
            ReviewState::Overdue => "overdue",
            ReviewState::DueSoon => "due soon",
            ReviewState::Later => "later",
            ReviewState::Unknown => "unknown",
        }
    }
}

/// The state of a review due on `due` (if known) on the settings' today, due soon within
/// their `due_soon_days`.
pub fn review_state(due: Option<NaiveDate>, settings: &RuleSettings) -> ReviewState {
    match due {
        None => ReviewState::Unknown,
        Some(due) => ReviewState::of(due, settings.today, settings.due_soon_days),
    }
}

/// The state of a plan's next review; an ended plan has no reviews to hold (rule 9 is quiet
/// for it too), so it is never overdue or due soon. A planned ending leaves the plan live.
pub fn plan_review_state(plan: &Plan, settings: &RuleSettings) -> ReviewState {
    if Lifecycle::of(plan, settings.today).is_ended() {
        ReviewState::Later
    } else {
        review_state(plan.reviews.next_due, settings)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::model::Ending;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn the_boundaries_are_pinned() {
        let settings = RuleSettings::new(day("2026-11-28"));
        assert_eq!(settings.due_soon_days, 30);
        let state = |date: &str| review_state(Some(day(date)), &settings);
        assert_eq!(state("2026-11-27"), ReviewState::Overdue, "yesterday");
        assert_eq!(state("2026-11-28"), ReviewState::DueSoon, "today");
        assert_eq!(
            state("2026-12-28"),
            ReviewState::DueSoon,
            "in exactly 30 days"
        );
        assert_eq!(state("2026-12-29"), ReviewState::Later, "in 31 days");
        assert_eq!(review_state(None, &settings), ReviewState::Unknown);
        assert_eq!(
            ReviewState::of(day("2026-11-29"), day("2026-11-28"), 0),
            ReviewState::Later,
            "with no due-soon window, only today is due soon"
        );
        assert_eq!(
            ReviewState::of(day("2026-11-28"), day("2026-11-28"), 0),
            ReviewState::DueSoon
        );
        assert_eq!(ReviewState::DueSoon.label(), "due soon");
    }

    #[test]
    fn an_ended_plan_is_never_overdue() {
        let settings = RuleSettings::new(day("2026-11-28"));
        let mut plan = Plan::default();
        plan.reviews.next_due = Some(day("2026-01-01"));
        assert_eq!(plan_review_state(&plan, &settings), ReviewState::Overdue);
        let decided = |date: &str| Ending {
            date: Some(day(date)),
            icb_decision_by: Some("Dr A. Example".into()),
            la_decision_by: Some("B. Example".into()),
            ..Ending::default()
        };
        plan.ending = Some(decided("2026-10-30"));
        assert_eq!(plan_review_state(&plan, &settings), ReviewState::Later);
        plan.ending = Some(decided("2027-06-30"));
        assert_eq!(
            plan_review_state(&plan, &settings),
            ReviewState::Overdue,
            "a planned ending leaves the plan live and its review overdue"
        );
        plan.ending = Some(Ending::default());
        assert_eq!(
            plan_review_state(&plan, &settings),
            ReviewState::Overdue,
            "an ending with no date or deciders ends nothing"
        );
    }
}
