//! Reading format v1.1's record of the entitlement over time: `history` (earlier detentions
//! and their endings, newest first) and `events` (admissions that start no new duty).

use serde_yaml::{Mapping, Value};

use super::{Reader, kind};
use crate::plan::finding::YamlPath;
use crate::plan::model::{Event, PastEpisode, PastResponsible, Plan, Section};

const PAST_EPISODE_KEYS: &[&str] = &["episode", "ending", "responsible"];
const PAST_RESPONSIBLE_KEYS: &[&str] = &["icb", "local_authority"];
const EVENT_KEYS: &[&str] = &["date", "kind", "section", "left_hospital", "note"];

impl Reader {
    /// `history` and `events`, both optional lists.
    pub(super) fn over_time(&mut self, top: &Mapping, plan: &mut Plan) {
        let root = YamlPath::root();
        plan.history = self.list(
            top,
            &root,
            "history",
            "earlier episodes (`- episode: ...`)",
            |reader, item, path| reader.past_episode(item, path),
        );
        plan.events = self.list(
            top,
            &root,
            "events",
            "events (`- date: ...`)",
            |reader, item, path| reader.event(item, path),
        );
    }

    /// The items of an optional list under `key`, each read by `read`.
    fn list<T>(
        &mut self,
        mapping: &Mapping,
        path: &YamlPath,
        key: &str,
        what: &str,
        read: impl Fn(&mut Reader, &Value, &YamlPath) -> Option<T>,
    ) -> Vec<T> {
        let Some(value) = self.field(mapping, path, key, false) else {
            return Vec::new();
        };
        let at = path.key(key);
        let Value::Sequence(items) = value else {
            self.error(
                at.clone(),
                format!("{at} is {}; expected a list of {what}", kind(value)),
            );
            return Vec::new();
        };
        items
            .iter()
            .enumerate()
            .filter_map(|(index, item)| read(self, item, &at.index(index)))
            .collect()
    }

    fn past_episode(&mut self, value: &Value, path: &YamlPath) -> Option<PastEpisode> {
        let map = self.mapping(value, path, PAST_EPISODE_KEYS)?;
        let mut past = PastEpisode::default();
        if let Some(value) = self.field(map, path, "episode", true) {
            past.episode = self.episode(value, &path.key("episode"));
        }
        if let Some(value) = self.field(map, path, "ending", false) {
            past.ending = self.ending(value, &path.key("ending"));
        }
        if let Some(value) = self.field(map, path, "responsible", false) {
            let at = path.key("responsible");
            if let Some(map) = self.mapping(value, &at, PAST_RESPONSIBLE_KEYS) {
                past.responsible = Some(PastResponsible {
                    icb: self.text(map, &at, "icb", false),
                    local_authority: self.text(map, &at, "local_authority", false),
                });
            }
        }
        Some(past)
    }

    fn event(&mut self, value: &Value, path: &YamlPath) -> Option<Event> {
        let map = self.mapping(value, path, EVENT_KEYS)?;
        Some(Event {
            date: self.date(map, path, "date", true),
            kind: self.word(map, path, "kind", true),
            section: self
                .text(map, path, "section", false)
                .map(|text| Section::parse(&text)),
            left_hospital: self.date(map, path, "left_hospital", false),
            note: self.text(map, path, "note", false),
        })
    }
}
