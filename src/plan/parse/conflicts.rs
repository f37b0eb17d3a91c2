//! Reading the merge driver's `conflicts:` list (format v1.1, additive).

use serde_yaml::{Mapping, Value};

use super::{Reader, kind};
use crate::plan::finding::YamlPath;
use crate::plan::model::{Plan, RecordedConflict};

const CONFLICT_KEYS: &[&str] = &[
    "path",
    "ours",
    "theirs",
    "ours_author",
    "ours_date",
    "ours_commit",
    "theirs_author",
    "theirs_date",
    "theirs_commit",
];

impl Reader {
    /// `conflicts`, an optional list of recorded merge conflicts.
    pub(super) fn conflicts(&mut self, top: &Mapping, plan: &mut Plan) {
        let root = YamlPath::root();
        let Some(value) = self.field(top, &root, "conflicts", false) else {
            return;
        };
        let at = root.key("conflicts");
        let Value::Sequence(items) = value else {
            self.error(
                at.clone(),
                format!(
                    "{at} is {}; expected a list of conflicts (`- path: ...`)",
                    kind(value)
                ),
            );
            return;
        };
        for (index, item) in items.iter().enumerate() {
            let path = at.index(index);
            let Some(map) = self.mapping(item, &path, CONFLICT_KEYS) else {
                continue;
            };
            let value = |key: &str| map.get(key).cloned().unwrap_or(Value::Null);
            plan.conflicts.push(RecordedConflict {
                path: self.text(map, &path, "path", true),
                ours: value("ours"),
                theirs: value("theirs"),
                ours_author: self.text(map, &path, "ours_author", false),
                ours_date: self.text(map, &path, "ours_date", false),
                theirs_author: self.text(map, &path, "theirs_author", false),
                theirs_date: self.text(map, &path, "theirs_date", false),
                theirs_commit: self.text(map, &path, "theirs_commit", false),
            });
        }
    }
}
