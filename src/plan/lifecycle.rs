//! Where a plan's S117 entitlement stands on a day: live, live with an ending planned, or
//! ended. One answer for the rules, `aftercare due`, `aftercare summary`, the dashboard and
//! the plan view, so that none of them drops a live entitlement another still shows.
//!
//! A plan is ended only when its ending is decided and in effect: dated today or earlier
//! (and not before the person left hospital), with both deciders named, and not undone by a
//! later qualifying detention (a new duty arises on discharge: s117(1); Worcestershire
//! [2023] UKSC 31).

use chrono::NaiveDate;

use super::dates::format_uk;
use super::model::{Ending, Need, Plan, Section};

/// The state of a plan's entitlement on one day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Lifecycle {
    /// S117 aftercare is owed: no ending, an incomplete one, or one a later detention undid.
    Live,
    /// A complete ending dated after the day: the plan stays live (reviews, due lists) until then.
    EndingPlanned(NaiveDate),
    /// A complete ending dated on or before the day, not undone by a later detention.
    Ended(NaiveDate),
}

/// A qualifying detention that started after the plan's ending date: the ending no longer holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LaterDetention {
    pub section: Section,
    pub detained: NaiveDate,
    /// Where it is recorded: the current `episode`, or `events[i]`.
    pub event_index: Option<usize>,
}

impl Lifecycle {
    /// The state of `plan` on `today`.
    pub fn of(plan: &Plan, today: NaiveDate) -> Lifecycle {
        let Some(ending) = &plan.ending else {
            return Lifecycle::Live;
        };
        let Some(date) = ending.date else {
            return Lifecycle::Live;
        };
        if !deciders_named(ending)
            || later_detention(plan).is_some()
            || predates_discharge(plan, date)
        {
            Lifecycle::Live
        } else if date > today {
            Lifecycle::EndingPlanned(date)
        } else {
            Lifecycle::Ended(date)
        }
    }

    pub fn is_ended(self) -> bool {
        matches!(self, Lifecycle::Ended(_))
    }

    /// `live`, `ending planned`, `ended`: as lists and exports say it.
    pub fn word(self) -> &'static str {
        match self {
            Lifecycle::Live => "live",
            Lifecycle::EndingPlanned(_) => "ending planned",
            Lifecycle::Ended(_) => "ended",
        }
    }

    /// `ending 30 Jun 2027` or `ended 30 Oct 2026`; nothing for a plain live plan.
    pub fn dated_label(self) -> Option<String> {
        match self {
            Lifecycle::Live => None,
            Lifecycle::EndingPlanned(date) => Some(format!("ending {}", format_uk(date))),
            Lifecycle::Ended(date) => Some(format!("ended {}", format_uk(date))),
        }
    }
}

/// The needs counted as current care on the day `lifecycle` was worked out for: none for an
/// ended plan, and never an ended or declined need.
pub fn current_needs(plan: &Plan, lifecycle: Lifecycle) -> impl Iterator<Item = &Need> {
    plan.needs
        .iter()
        .filter(move |need| !lifecycle.is_ended() && need.is_current())
}

/// Both deciders are named (not blank). Whether a name is a placeholder is the ending rules'
/// to judge; an ending without two names is not a joint decision and ends nothing.
pub fn deciders_named(ending: &Ending) -> bool {
    let named = |name: &Option<String>| name.as_deref().is_some_and(|name| !name.trim().is_empty());
    named(&ending.icb_decision_by) && named(&ending.la_decision_by)
}

/// An ending dated before the current episode's `left_hospital` cannot have ended an
/// entitlement that starts on discharge: the plan stays live (the ending rules say why).
pub fn predates_discharge(plan: &Plan, ending_date: NaiveDate) -> bool {
    plan.episode
        .left_hospital
        .is_some_and(|left| ending_date < left)
}

/// The first qualifying detention (the current episode's, or one recorded among the events)
/// that started after the ending's date, if any.
pub fn later_detention(plan: &Plan) -> Option<LaterDetention> {
    let ended = plan.ending.as_ref()?.date?;
    let episode = &plan.episode;
    if let (Some(section), Some(detained)) = (&episode.section, episode.detained)
        && section.qualifies()
        && detained > ended
    {
        return Some(LaterDetention {
            section: section.clone(),
            detained,
            event_index: None,
        });
    }
    plan.events
        .iter()
        .enumerate()
        .filter(|(_, event)| event.is_qualifying_detention())
        .find_map(|(index, event)| {
            let detained = event.date.filter(|date| *date > ended)?;
            Some(LaterDetention {
                section: event.section.clone()?,
                detained,
                event_index: Some(index),
            })
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plan::model::{Event, EventKind};

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn ended_on(date: &str) -> Plan {
        let mut plan = Plan::default();
        plan.episode.section = Some(Section::S3);
        plan.episode.detained = Some(day("2024-03-02"));
        plan.ending = Some(Ending {
            date: Some(day(date)),
            icb_decision_by: Some("Dr A. Example".into()),
            la_decision_by: Some("B. Example".into()),
            person_involved: Some(true),
            reasons: Some("No remaining need".into()),
        });
        plan
    }

    #[test]
    fn an_ending_is_in_effect_from_its_date_on() {
        let plan = ended_on("2026-11-28");
        assert_eq!(
            Lifecycle::of(&plan, day("2026-11-27")),
            Lifecycle::EndingPlanned(day("2026-11-28"))
        );
        assert_eq!(
            Lifecycle::of(&plan, day("2026-11-28")),
            Lifecycle::Ended(day("2026-11-28")),
            "an ending dated today is in effect"
        );
        assert_eq!(
            Lifecycle::of(&Plan::default(), day("2026-11-28")),
            Lifecycle::Live
        );
    }

    #[test]
    fn an_ending_without_both_deciders_or_a_date_ends_nothing() {
        let today = day("2026-11-28");
        let mut plan = ended_on("2026-10-30");
        plan.ending.as_mut().unwrap().la_decision_by = Some("  ".into());
        assert_eq!(Lifecycle::of(&plan, today), Lifecycle::Live);
        let mut plan = ended_on("2026-10-30");
        plan.ending.as_mut().unwrap().icb_decision_by = None;
        assert_eq!(Lifecycle::of(&plan, today), Lifecycle::Live);
        let mut plan = ended_on("2026-10-30");
        plan.ending.as_mut().unwrap().date = None;
        assert_eq!(Lifecycle::of(&plan, today), Lifecycle::Live);
    }

    #[test]
    fn a_later_qualifying_detention_undoes_the_ending() {
        let today = day("2027-07-01");
        let mut plan = ended_on("2026-12-15");
        assert!(Lifecycle::of(&plan, today).is_ended());
        plan.episode.detained = Some(day("2027-03-02"));
        assert_eq!(Lifecycle::of(&plan, today), Lifecycle::Live, "episode");
        let found = later_detention(&plan).unwrap();
        assert_eq!(
            (found.detained, found.event_index),
            (day("2027-03-02"), None)
        );

        let mut plan = ended_on("2026-12-15");
        plan.events.push(Event {
            date: Some(day("2027-02-01")),
            kind: Some(EventKind::Detention),
            section: Some(Section::Other("2".into())),
            ..Event::default()
        });
        plan.events.push(Event {
            date: Some(day("2027-01-10")),
            kind: Some(EventKind::InformalAdmission),
            ..Event::default()
        });
        assert!(
            Lifecycle::of(&plan, today).is_ended(),
            "s2 and informal admissions do not undo an ending"
        );
        plan.events.push(Event {
            date: Some(day("2027-03-02")),
            kind: Some(EventKind::Detention),
            section: Some(Section::S3),
            ..Event::default()
        });
        assert_eq!(Lifecycle::of(&plan, today), Lifecycle::Live, "event");
        assert_eq!(later_detention(&plan).unwrap().event_index, Some(2));
    }

    #[test]
    fn an_ending_before_discharge_ends_nothing() {
        let today = day("2026-11-28");
        let mut plan = ended_on("2026-10-30");
        plan.episode.detained = None;
        plan.episode.left_hospital = Some(day("2026-11-02"));
        assert_eq!(Lifecycle::of(&plan, today), Lifecycle::Live);
        plan.episode.left_hospital = Some(day("2026-10-30"));
        assert!(
            Lifecycle::of(&plan, today).is_ended(),
            "ending on the day of discharge"
        );
    }

    #[test]
    fn labels_read_like_the_screen() {
        assert_eq!(
            Lifecycle::EndingPlanned(day("2027-06-30"))
                .dated_label()
                .unwrap(),
            "ending 30 Jun 2027"
        );
        assert_eq!(
            Lifecycle::Ended(day("2026-10-30")).dated_label().unwrap(),
            "ended 30 Oct 2026"
        );
        assert_eq!(Lifecycle::Live.dated_label(), None);
        assert_eq!(Lifecycle::Live.word(), "live");
    }
}
