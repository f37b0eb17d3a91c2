//! Resolving a merge conflict recorded in the plan (`conflicts:`): keep this side's value, or
//! take the other's, and the entry goes (the whole list with its last entry). Described by
//! path and side only: values may hold a person's details, commit messages never do.

use serde_yaml::Value;

use super::FieldEdit;
use crate::plan::merge::CONFLICTS_KEY;
use crate::plan::model::{Plan, RecordedConflict};

/// Which value a person chose for a recorded conflict.
#[derive(Debug, Clone, PartialEq)]
pub struct ConflictChoice {
    /// The entry's place in `conflicts` (in the plan as it is when the choice is applied).
    pub index: usize,
    /// The entry as it was when chosen.
    pub entry: RecordedConflict,
    /// Take the other side's value (`theirs`); else keep the plan's own.
    pub take_theirs: bool,
    /// It is the only entry: the `conflicts` key goes with it.
    pub last: bool,
}

impl ConflictChoice {
    /// The choice for the plan's first recorded conflict, if it has one.
    pub fn first(plan: &Plan, take_theirs: bool) -> Option<ConflictChoice> {
        let entry = plan.conflicts.first()?.clone();
        entry.path.as_ref()?;
        Some(ConflictChoice {
            index: 0,
            entry,
            take_theirs,
            last: plan.conflicts.len() == 1,
        })
    }

    pub fn describe(&self) -> String {
        let path = self.entry.path.as_deref().unwrap_or("?");
        if self.take_theirs {
            format!("conflict on {path} resolved: the other change's value taken")
        } else {
            format!("conflict on {path} resolved: this plan's value kept")
        }
    }

    /// The model without the entry (the field itself is read back after the write).
    pub fn apply(&self, plan: &mut Plan) {
        if plan.conflicts.get(self.index) == Some(&self.entry) {
            plan.conflicts.remove(self.index);
        }
    }

    pub fn field_edits(&self) -> Vec<FieldEdit> {
        let mut edits = Vec::new();
        if let (true, Some(path)) = (self.take_theirs, &self.entry.path) {
            edits.push(match &self.entry.theirs {
                Value::Null => FieldEdit::Remove { path: path.clone() },
                value => FieldEdit::Set {
                    path: path.clone(),
                    value: value.clone(),
                },
            });
        }
        edits.push(FieldEdit::Remove {
            path: if self.last {
                CONFLICTS_KEY.to_owned()
            } else {
                format!("{CONFLICTS_KEY}.{}", self.index)
            },
        });
        edits
    }

    /// Why it no longer applies to `plan` (the entry changed in the file), if it does not.
    pub fn conflict(&self, plan: &Plan) -> Option<String> {
        (plan.conflicts.get(self.index) != Some(&self.entry)
            || self.last != (plan.conflicts.len() == 1))
            .then(|| "the recorded conflict changed in the file".to_owned())
    }
}
