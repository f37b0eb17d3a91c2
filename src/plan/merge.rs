//! A three-way merge of one plan by its structure (the plan merge driver's domain part): the
//! fields by path, needs by `id`, lists of dated entries (`reviews.history`) by `date`. The
//! result is *our* plan with the values *they* changed applied as field edits, and the places
//! both changed differently as conflicts: our value kept, theirs recorded in `conflicts:`.
//! An edit to a need that the other side ended is a conflict too. No file system here.

use serde_yaml::{Mapping, Value};

use super::change::FieldEdit;

/// The top-level key conflicts are recorded under (format v1.1, additive).
pub const CONFLICTS_KEY: &str = "conflicts";

/// One place both sides changed differently: our value is kept in the plan, theirs is here.
#[derive(Debug, Clone, PartialEq)]
pub struct Conflict {
    /// Dotted path as the editor addresses it (`needs.N1.review_by`).
    pub path: String,
    /// Our value (`Null` when we have none).
    pub ours: Value,
    /// Their value (`Null` when they removed it).
    pub theirs: Value,
}

/// What the merge asks of our file: edits to apply, conflicts to record.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Merged {
    pub edits: Vec<FieldEdit>,
    pub conflicts: Vec<Conflict>,
}

/// Why the merge by structure cannot be trusted here (the driver falls back to git's line
/// merge and marks the file conflicted).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Unmergeable(pub String);

/// Who made one side's last change to the file, when git knows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SideOrigin {
    pub commit: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
}

/// Whether a document is an aftercare plan (a mapping whose `schema` names aftercare).
pub fn is_plan(value: &Value) -> bool {
    value
        .get("schema")
        .and_then(Value::as_str)
        .is_some_and(|schema| schema.starts_with("aftercare/"))
}

/// Merge `theirs` into `ours` over their common `base` (`Null` when there is none).
pub fn merge_plans(base: &Value, ours: &Value, theirs: &Value) -> Result<Merged, Unmergeable> {
    let (Value::Mapping(_), Value::Mapping(_)) = (ours, theirs) else {
        return Err(Unmergeable("one side is not a YAML mapping".into()));
    };
    let base = (!base.is_null()).then_some(base);
    if base.is_some_and(|base| !base.is_mapping()) {
        return Err(Unmergeable(
            "the common version is not a YAML mapping".into(),
        ));
    }
    let mut merger = Merger::default();
    let strip = |value: Option<&Value>| value.map(without_conflicts);
    merger.merge(
        &[],
        strip(base).as_ref(),
        Some(&without_conflicts(ours)),
        Some(&without_conflicts(theirs)),
    )?;
    merger.carry_recorded_conflicts(base, ours, theirs);
    Ok(Merged {
        edits: merger.edits,
        conflicts: merger.conflicts,
    })
}

/// A plan's value without its `conflicts:` list (merged on its own).
fn without_conflicts(value: &Value) -> Value {
    let mut value = value.clone();
    if let Value::Mapping(map) = &mut value {
        map.remove(CONFLICTS_KEY);
    }
    value
}

/// The entry recording `conflict` in `conflicts:`: path, both values and who made each.
pub fn conflict_entry(conflict: &Conflict, ours: &SideOrigin, theirs: &SideOrigin) -> Value {
    let mut map = Mapping::new();
    map.insert("path".into(), conflict.path.clone().into());
    map.insert("ours".into(), conflict.ours.clone());
    map.insert("theirs".into(), conflict.theirs.clone());
    for (side, origin) in [("ours", ours), ("theirs", theirs)] {
        for (what, value) in [
            ("author", &origin.author),
            ("date", &origin.date),
            ("commit", &origin.commit),
        ] {
            if let Some(value) = value {
                map.insert(format!("{side}_{what}").into(), value.clone().into());
            }
        }
    }
    Value::Mapping(map)
}

#[derive(Default)]
struct Merger {
    edits: Vec<FieldEdit>,
    conflicts: Vec<Conflict>,
}

/// How list items are matched between the three versions.
enum ItemKey {
    /// By `id`: the id is the item's path segment.
    Id,
    /// By `date`: the item's position in our list is its path segment.
    Date,
}

impl Merger {
    fn merge(
        &mut self,
        path: &[String],
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Result<(), Unmergeable> {
        if theirs == base || ours == theirs {
            return Ok(());
        }
        // Containers on all sides are merged inside, so an edit is as small as the change.
        match (base, ours, theirs) {
            (None | Some(Value::Mapping(_)), Some(Value::Mapping(o)), Some(Value::Mapping(t))) => {
                let empty = Mapping::new();
                let b = base.and_then(Value::as_mapping).unwrap_or(&empty);
                self.merge_mappings(path, b, o, t)
            }
            (
                None | Some(Value::Sequence(_)),
                Some(Value::Sequence(o)),
                Some(Value::Sequence(t)),
            ) => {
                let empty = Vec::new();
                let b = base.and_then(Value::as_sequence).unwrap_or(&empty);
                match item_key(b, o, t) {
                    Some(key) => self.merge_items(path, key, b, o, t),
                    None if ours == base => self.take_theirs(path, ours, theirs),
                    None => {
                        self.conflict(path, ours, theirs);
                        Ok(())
                    }
                }
            }
            _ if ours == base => self.take_theirs(path, ours, theirs),
            _ => {
                self.conflict(path, ours, theirs);
                Ok(())
            }
        }
    }

    /// Only they changed this place: their value (or its removal) goes into our file.
    fn take_theirs(
        &mut self,
        path: &[String],
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Result<(), Unmergeable> {
        let dotted = dotted(path)?;
        match theirs {
            Some(value) => self.edits.push(FieldEdit::Set {
                path: dotted,
                value: value.clone(),
            }),
            None if ours.is_some() => self.edits.push(FieldEdit::Remove { path: dotted }),
            None => {}
        }
        Ok(())
    }

    fn conflict(&mut self, path: &[String], ours: Option<&Value>, theirs: Option<&Value>) {
        self.conflicts.push(Conflict {
            path: path.join("."),
            ours: ours.cloned().unwrap_or(Value::Null),
            theirs: theirs.cloned().unwrap_or(Value::Null),
        });
    }

    fn merge_mappings(
        &mut self,
        path: &[String],
        base: &Mapping,
        ours: &Mapping,
        theirs: &Mapping,
    ) -> Result<(), Unmergeable> {
        let mut keys: Vec<&Value> = ours.keys().collect();
        keys.extend(theirs.keys().filter(|key| !ours.contains_key(*key)));
        keys.extend(
            base.keys()
                .filter(|key| !ours.contains_key(*key) && !theirs.contains_key(*key)),
        );
        for key in keys {
            let Some(name) = key.as_str() else {
                return Err(Unmergeable(format!(
                    "a key in `{}` is not text",
                    path.join(".")
                )));
            };
            let child = with(path, name);
            self.merge(&child, base.get(key), ours.get(key), theirs.get(key))?;
        }
        Ok(())
    }

    fn merge_items(
        &mut self,
        path: &[String],
        key: ItemKey,
        base: &[Value],
        ours: &[Value],
        theirs: &[Value],
    ) -> Result<(), Unmergeable> {
        let find = |items: &[Value], name: &str| -> Option<(usize, Value)> {
            items
                .iter()
                .position(|item| item_name(item, &key) == Some(name))
                .map(|index| (index, items[index].clone()))
        };
        let mut names: Vec<&str> = Vec::new();
        for item in ours.iter().chain(theirs).chain(base) {
            let name = item_name(item, &key).unwrap_or_default();
            if !names.contains(&name) {
                names.push(name);
            }
        }
        let is_needs = path.len() == 1 && path[0] == "needs";
        for name in names {
            let (b, o, t) = (find(base, name), find(ours, name), find(theirs, name));
            let segment = match (&key, &o) {
                (ItemKey::Id, _) => name.to_owned(),
                (ItemKey::Date, Some((index, _))) => index.to_string(),
                (ItemKey::Date, None) => String::new(),
            };
            let child = with(path, &segment);
            let value = |side: &Option<(usize, Value)>| side.as_ref().map(|(_, v)| v.clone());
            let (b, o, t) = (value(&b), value(&o), value(&t));
            match (&b, &o, &t) {
                (_, Some(_), Some(_)) if is_needs => {
                    self.merge_need(&child, b.as_ref(), o.as_ref(), t.as_ref())?
                }
                (_, Some(_), Some(_)) => self.merge(&child, b.as_ref(), o.as_ref(), t.as_ref())?,
                (None, None, Some(item)) => self.edits.push(FieldEdit::Append {
                    path: dotted(path)?,
                    item: item.clone(),
                }),
                (Some(base_item), Some(ours_item), None) => {
                    if base_item == ours_item && matches!(key, ItemKey::Id) {
                        self.edits.push(FieldEdit::Remove {
                            path: dotted(&child)?,
                        });
                    } else {
                        self.conflict(&child, o.as_ref(), None);
                    }
                }
                (Some(base_item), None, Some(theirs_item)) if base_item != theirs_item => {
                    let at = with(path, name);
                    self.conflict(&at, None, t.as_ref());
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// One need both sides have: by field, except that an edit by one side to a need the other
    /// side ended is a conflict (the ending keeps our say, their edit is recorded).
    fn merge_need(
        &mut self,
        path: &[String],
        base: Option<&Value>,
        ours: Option<&Value>,
        theirs: Option<&Value>,
    ) -> Result<(), Unmergeable> {
        let ended = |value: Option<&Value>| {
            value.and_then(|v| v.get("status")).and_then(Value::as_str) == Some("ended")
        };
        let changed = |side: Option<&Value>| side != base;
        let status = |value: Option<&Value>| value.and_then(|v| v.get("status")).cloned();
        if !ended(base) && changed(ours) && changed(theirs) {
            if ended(ours) && !ended(theirs) {
                // We ended it; every change of theirs is held as a conflict.
                let fields = changed_fields(base, theirs);
                for field in fields {
                    let ours_value = ours.and_then(|v| v.get(field.as_str()));
                    let theirs_value = theirs.and_then(|v| v.get(field.as_str()));
                    if ours_value != theirs_value {
                        self.conflict(&with(path, &field), ours_value, theirs_value);
                    }
                }
                return Ok(());
            }
            if ended(theirs) && !ended(ours) {
                // They ended it while we changed it: their ending is the conflict; their
                // other changes merge as usual.
                let mut ours_but_status = ours.cloned();
                let mut theirs_but_status = theirs.cloned();
                let mut base_but_status = base.cloned();
                for value in [
                    &mut ours_but_status,
                    &mut theirs_but_status,
                    &mut base_but_status,
                ]
                .into_iter()
                .flatten()
                {
                    if let Value::Mapping(map) = value {
                        map.remove("status");
                    }
                }
                self.merge(
                    path,
                    base_but_status.as_ref(),
                    ours_but_status.as_ref(),
                    theirs_but_status.as_ref(),
                )?;
                self.conflict(
                    &with(path, "status"),
                    status(ours).as_ref(),
                    status(theirs).as_ref(),
                );
                return Ok(());
            }
        }
        self.merge(path, base, ours, theirs)
    }

    /// Conflicts already recorded: theirs that we lack are added, those they resolved (gone
    /// from their list, unchanged in ours) are removed.
    fn carry_recorded_conflicts(&mut self, base: Option<&Value>, ours: &Value, theirs: &Value) {
        let list = |value: Option<&Value>| -> Vec<Value> {
            value
                .and_then(|v| v.get(CONFLICTS_KEY))
                .and_then(Value::as_sequence)
                .cloned()
                .unwrap_or_default()
        };
        let (base_list, ours_list, theirs_list) =
            (list(base), list(Some(ours)), list(Some(theirs)));
        let mut resolved: Vec<usize> = ours_list
            .iter()
            .enumerate()
            .filter(|(_, entry)| base_list.contains(entry) && !theirs_list.contains(entry))
            .map(|(index, _)| index)
            .collect();
        resolved.sort_unstable_by(|a, b| b.cmp(a));
        for index in resolved {
            self.edits.push(FieldEdit::Remove {
                path: format!("{CONFLICTS_KEY}.{index}"),
            });
        }
        for entry in theirs_list {
            if !ours_list.contains(&entry) && !base_list.contains(&entry) {
                self.edits.push(FieldEdit::Append {
                    path: CONFLICTS_KEY.into(),
                    item: entry,
                });
            }
        }
    }
}

/// The fields of a need that `side` changed from `base`.
fn changed_fields(base: Option<&Value>, side: Option<&Value>) -> Vec<String> {
    let empty = Mapping::new();
    let b = base.and_then(Value::as_mapping).unwrap_or(&empty);
    let s = side.and_then(Value::as_mapping).unwrap_or(&empty);
    let mut fields: Vec<String> = Vec::new();
    for key in s.keys().chain(b.keys()) {
        if let Some(name) = key.as_str()
            && b.get(key) != s.get(key)
            && !fields.iter().any(|field| field == name)
        {
            fields.push(name.to_owned());
        }
    }
    fields
}

/// How the items of these lists can be matched: every item a mapping with a distinct text
/// `id` (needs), else with a distinct text `date` (reviews), else not at all.
fn item_key(base: &[Value], ours: &[Value], theirs: &[Value]) -> Option<ItemKey> {
    [ItemKey::Id, ItemKey::Date].into_iter().find(|key| {
        [base, ours, theirs].iter().all(|items| {
            let names: Vec<Option<&str>> = items.iter().map(|item| item_name(item, key)).collect();
            names.iter().all(|name| name.is_some_and(is_segment))
                && (1..names.len()).all(|i| !names[..i].contains(&names[i]))
        })
    })
}

fn item_name<'v>(item: &'v Value, key: &ItemKey) -> Option<&'v str> {
    let field = match key {
        ItemKey::Id => "id",
        ItemKey::Date => "date",
    };
    item.get(field).and_then(Value::as_str)
}

/// A name the editor can address as one path segment.
fn is_segment(name: &str) -> bool {
    !name.is_empty() && !name.contains('.') && name.trim() == name
}

fn with(path: &[String], segment: &str) -> Vec<String> {
    let mut child = path.to_vec();
    child.push(segment.to_owned());
    child
}

/// The path as the editor takes it, or why it cannot be addressed.
fn dotted(path: &[String]) -> Result<String, Unmergeable> {
    match path.iter().find(|segment| !is_segment(segment)) {
        None if !path.is_empty() => Ok(path.join(".")),
        _ => Err(Unmergeable(format!(
            "`{}` cannot be addressed by a path",
            path.join(".")
        ))),
    }
}

#[cfg(test)]
mod tests;
