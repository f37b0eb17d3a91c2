//! A new qualifying detention (s117(1)): the current episode, its ending and the bodies
//! responsible then move into the plan's `history` (newest first), the new detention becomes
//! the episode, the ending is cleared, and the ICB and LA are settled again
//! (Worcestershire [2023] UKSC 31; Who Pays? 2024).

use serde_yaml::{Mapping, Value};

use super::{FieldEdit, date_value, ending_value};
use crate::plan::dates::format_uk;
use crate::plan::model::{Episode, Event, PastEpisode, PastResponsible, Plan, ResponsibleBasis};

/// What "new detention" decided.
#[derive(Debug, Clone, PartialEq)]
pub struct NewDetention {
    /// The episode, ending and bodies as they were: the new first entry of `history`.
    pub past: PastEpisode,
    /// The new detention.
    pub episode: Episode,
    /// The ICB and LA for the new detention, when they differ from today's.
    pub icb: Option<String>,
    pub local_authority: Option<String>,
    /// Why these bodies, when given.
    pub basis: Option<ResponsibleBasis>,
}

impl NewDetention {
    /// The change that records `episode` as a new detention of `plan`.
    pub fn of(plan: &Plan, episode: Episode) -> NewDetention {
        let responsible = PastResponsible {
            icb: plan.responsible.icb.clone(),
            local_authority: plan.responsible.local_authority.clone(),
        };
        let kept = responsible.icb.is_some() || responsible.local_authority.is_some();
        NewDetention {
            past: PastEpisode {
                episode: plan.episode.clone(),
                ending: plan.ending.clone(),
                responsible: kept.then_some(responsible),
            },
            episode,
            icb: None,
            local_authority: None,
            basis: None,
        }
    }

    pub fn describe(&self) -> String {
        let section = self
            .episode
            .section
            .as_ref()
            .map_or("?".into(), |s| s.label(self.episode.restricted));
        let detained = self.episode.detained.map_or("?".into(), format_uk);
        format!("new detention under s{section} from {detained}; the earlier one moved to history")
    }

    pub fn apply(&self, plan: &mut Plan) {
        plan.history.insert(0, self.past.clone());
        plan.episode = self.episode.clone();
        plan.ending = None;
        if let Some(icb) = &self.icb {
            plan.responsible.icb = Some(icb.clone());
        }
        if let Some(la) = &self.local_authority {
            plan.responsible.local_authority = Some(la.clone());
        }
        if let Some(basis) = &self.basis {
            plan.responsible.basis = Some(basis.clone());
        }
    }

    /// The edits, each on the lines it names: the history entry goes first in `history`,
    /// the episode's fields are set one by one (its comments stay), `ending` becomes null.
    pub fn field_edits(&self) -> Vec<FieldEdit> {
        let set = |path: &str, value: Value| FieldEdit::Set {
            path: path.into(),
            value,
        };
        let remove = |path: &str| FieldEdit::Remove { path: path.into() };
        let mut edits = vec![FieldEdit::Prepend {
            path: "history".into(),
            item: past_value(&self.past),
        }];
        let (old, new) = (&self.past.episode, &self.episode);
        if let Some(section) = &new.section {
            edits.push(set("episode.section", section.to_string().into()));
        }
        if new.restricted || old.restriction_written.flag.is_some() {
            edits.push(set("episode.restricted", new.restricted.into()));
        }
        for (key, old, new) in [
            ("detained", old.detained, new.detained),
            ("left_hospital", old.left_hospital, new.left_hospital),
        ] {
            match (old, new) {
                (_, Some(date)) => edits.push(set(&format!("episode.{key}"), date_value(date))),
                (Some(_), None) => edits.push(remove(&format!("episode.{key}"))),
                (None, None) => {}
            }
        }
        match (old.legal_status, new.legal_status) {
            (_, Some(status)) => edits.push(set("episode.legal_status", status.as_str().into())),
            (Some(_), None) => edits.push(remove("episode.legal_status")),
            (None, None) => {}
        }
        if self.past.ending.is_some() {
            edits.push(set("ending", Value::Null));
        }
        if let Some(icb) = &self.icb {
            edits.push(set("responsible.icb", icb.clone().into()));
        }
        if let Some(la) = &self.local_authority {
            edits.push(set("responsible.local_authority", la.clone().into()));
        }
        if let Some(basis) = &self.basis {
            edits.push(set("responsible.basis", basis_value(basis)));
        }
        edits
    }
}

fn episode_value(episode: &Episode) -> Value {
    let mut map = Mapping::new();
    if let Some(section) = &episode.section {
        map.insert("section".into(), section.to_string().into());
    }
    if episode.restricted {
        map.insert("restricted".into(), true.into());
    }
    if let Some(date) = episode.detained {
        map.insert("detained".into(), date_value(date));
    }
    if let Some(date) = episode.left_hospital {
        map.insert("left_hospital".into(), date_value(date));
    }
    Value::Mapping(map)
}

fn past_value(past: &PastEpisode) -> Value {
    let mut map = Mapping::new();
    map.insert("episode".into(), episode_value(&past.episode));
    if let Some(responsible) = &past.responsible {
        let mut bodies = Mapping::new();
        if let Some(icb) = &responsible.icb {
            bodies.insert("icb".into(), icb.clone().into());
        }
        if let Some(la) = &responsible.local_authority {
            bodies.insert("local_authority".into(), la.clone().into());
        }
        map.insert("responsible".into(), Value::Mapping(bodies));
    }
    if let Some(ending) = &past.ending {
        map.insert("ending".into(), ending_value(ending));
    }
    Value::Mapping(map)
}

/// `responsible.basis` as written: only the parts given.
pub fn basis_value(basis: &ResponsibleBasis) -> Value {
    let mut map = Mapping::new();
    for (key, text) in [
        ("gp_practice", &basis.gp_practice),
        ("lived_before_detention", &basis.lived_before_detention),
    ] {
        if let Some(text) = text {
            map.insert(key.into(), text.clone().into());
        }
    }
    if let Some(date) = basis.decided {
        map.insert("decided".into(), date_value(date));
    }
    if let Some(by) = &basis.decided_by {
        map.insert("decided_by".into(), by.clone().into());
    }
    Value::Mapping(map)
}

/// An admission that starts no new S117 duty, as `events` lists it.
pub fn event_value(event: &Event) -> Value {
    let mut map = Mapping::new();
    if let Some(date) = event.date {
        map.insert("date".into(), date_value(date));
    }
    if let Some(kind) = event.kind {
        map.insert("kind".into(), kind.as_str().into());
    }
    if let Some(section) = &event.section {
        map.insert("section".into(), section.to_string().into());
    }
    if let Some(date) = event.left_hospital {
        map.insert("left_hospital".into(), date_value(date));
    }
    if let Some(note) = &event.note {
        map.insert("note".into(), note.clone().into());
    }
    Value::Mapping(map)
}

/// `admission under s2 on 02 Mar 2026 recorded (no new S117 duty)`.
pub fn describe_event(event: &Event) -> String {
    let what = match &event.section {
        Some(section) => format!("detention under s{section}"),
        None => "informal admission".into(),
    };
    let date = event.date.map_or("?".into(), format_uk);
    format!("{what} on {date} recorded as an event (no new S117 duty)")
}
