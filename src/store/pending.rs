//! The write gate: the one way a plan file is changed, for the app, `aftercare set` and
//! `aftercare new`. Open a plan for editing (its text, stamp and whether it may be edited at
//! all), turn domain changes into format-preserving edits, preview them once (apply, verify,
//! diff, and the findings they add), write them (locked, atomic, refused when the file changed
//! on disk, read back), create a new plan (never over a file), and after an external change
//! re-apply them on the new text, listing the ones that no longer apply. The words of a
//! refusal are made here too, so the app and the command line say the same.

use std::fs::{self, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use crate::plan::assess::assess_plan_text;
use crate::plan::change::{Change, FieldEdit};
use crate::plan::pending::{NewFindings, NewIssues, conflict, new_findings};
use crate::plan::rules::RuleSettings;

use super::create::create_plan;
use super::edit::{self, Edit, EditError, EditPath};
use super::folder::PlanFile;
use super::write::{
    Loaded, Pending, PlanLock, WriteError, Written, dry_run, lock_for_edit, write_pending,
    write_pending_holding,
};

/// A change's edit in the store's terms: the same path and value.
pub fn field_edit(edit: &FieldEdit) -> Result<Edit, EditError> {
    Ok(match edit {
        FieldEdit::Set { path, value } => Edit::Set {
            path: EditPath::parse(path)?,
            value: value.clone(),
        },
        FieldEdit::Append { path, item } => Edit::Append {
            path: EditPath::parse(path)?,
            value: item.clone(),
        },
        FieldEdit::Prepend { path, item } => Edit::Prepend {
            path: EditPath::parse(path)?,
            value: item.clone(),
        },
        FieldEdit::Remove { path } => Edit::Remove {
            path: EditPath::parse(path)?,
        },
    })
}

/// Every edit of the changes, in order.
pub fn edits_for(changes: &[Change]) -> Result<Vec<Edit>, EditError> {
    changes
        .iter()
        .flat_map(Change::field_edits)
        .map(|edit| field_edit(&edit))
        .collect()
}

/// A plan file read for editing: its text and stamp, and the plan as read from that text.
#[derive(Debug, Clone)]
pub struct Opened {
    pub loaded: Loaded,
    pub file: PlanFile,
}

/// Read a plan file and assess its text (the same reading as the folder loader's).
pub fn open(path: &Path, display: &str, settings: &RuleSettings) -> Result<Opened, WriteError> {
    let mut loaded = Loaded::read(path)?;
    loaded.display = display.to_owned();
    let assessed = assess_plan_text(&loaded.text, display, settings);
    let file = PlanFile {
        path: path.to_path_buf(),
        display: display.to_owned(),
        plan: assessed.plan,
        findings: assessed.findings,
        id_location: assessed.id_location,
    };
    Ok(Opened { loaded, file })
}

/// Why this file cannot be edited here, if it cannot: the editor cannot safely edit its YAML
/// (anchors, merge keys, a parser disagreement), or the file or its folder is read-only.
pub fn why_not_editable(loaded: &Loaded) -> Option<String> {
    if let Err(error) = edit::check_editable(&loaded.text) {
        let reason = match error {
            EditError::ReadOnly(reason) => reason,
            other => other.to_string(),
        };
        return Some(format!(
            "this plan cannot be edited safely here: {reason}; edit it in a text editor"
        ));
    }
    writable(&loaded.path).err()
}

/// `Err(why)` when the file at `path`, or the folder a write would put its temporary file in,
/// is read-only. Permission bits count even for a user who could override them (root).
pub fn writable(path: &Path) -> Result<(), String> {
    let read_only = |what: &str| format!("read-only: {what}; nothing can be written");
    let meta = fs::metadata(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    if meta.permissions().readonly() {
        return Err(read_only("the file has no write permission"));
    }
    if let Err(e) = OpenOptions::new().write(true).open(path) {
        return Err(match e.kind() {
            io::ErrorKind::PermissionDenied => read_only("you may not write to the file"),
            _ => format!("cannot write {}: {e}", path.display()),
        });
    }
    let target = fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
    let folder = match target.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let folder_read_only = || read_only(&format!("the folder {} is read-only", folder.display()));
    let folder_meta = fs::metadata(&folder).map_err(|_| folder_read_only())?;
    if folder_meta.permissions().readonly() || tempfile::tempfile_in(&folder).is_err() {
        return Err(folder_read_only());
    }
    Ok(())
}

pub mod comments;

pub use comments::StaleComment;

/// Pending changes ready to show: the diff, the new text, and what they would break. Made
/// once per write: the write takes it as it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Preview {
    pub pending: Pending,
    /// Errors the new text has that the old one had not, as `line:col message`: the write is
    /// refused while any remain.
    pub new_errors: Vec<String>,
    /// Every finding the new text has that the old one had not (errors, warnings, unknown
    /// keys), placed in the new text.
    pub findings: NewFindings,
    /// Trailing comments kept on lines the changes rewrote (line in the new text, comment):
    /// they may be out of date. Kept unless the user drops them (`without_stale_comments`).
    pub stale_comments: Vec<StaleComment>,
}

/// What to say of a comment that may be out of date.
pub const STALE_COMMENT_NOTE: &str = "the comment on this line may be out of date";

impl Preview {
    /// What the changes break, as messages (the plan view's banner): the findings of this
    /// preview, not a second check.
    pub fn issues(&self) -> NewIssues {
        let messages = |found: &[crate::plan::finding::Finding]| {
            found.iter().map(|f| f.message.clone()).collect()
        };
        NewIssues {
            errors: messages(&self.findings.errors),
            warnings: messages(&self.findings.warnings),
        }
    }
}

/// Apply the changes to the loaded text (verified), diff them and validate the result.
pub fn preview(
    loaded: &Loaded,
    changes: &[Change],
    settings: &RuleSettings,
) -> Result<Preview, WriteError> {
    let edits = edits_for(changes).map_err(|source| WriteError::Edit {
        path: loaded.path.clone(),
        source,
    })?;
    preview_edits(loaded, &edits, settings)
}

/// `preview` of edits in the store's terms (`aftercare set` edits a path, not a domain change).
pub fn preview_edits(
    loaded: &Loaded,
    edits: &[Edit],
    settings: &RuleSettings,
) -> Result<Preview, WriteError> {
    let pending = dry_run(loaded, edits)?;
    Ok(preview_of(loaded, pending, settings))
}

/// The preview of a pending text: what it adds, and the comments it may have made stale.
fn preview_of(loaded: &Loaded, pending: Pending, settings: &RuleSettings) -> Preview {
    let findings = new_findings(&loaded.text, &pending.text, &loaded.display, settings);
    let new_errors = findings
        .errors
        .iter()
        .map(|f| format!("{}:{} {}", f.location.line, f.location.column, f.message))
        .collect();
    let stale_comments = comments::stale_comments(&loaded.text, &pending.text);
    Preview {
        pending,
        new_errors,
        findings,
        stale_comments,
    }
}

/// The preview with its stale comments removed from the new text (and the diff made again):
/// what the user asked for with "remove" (`aftercare set --drop-comment`). The new text must
/// still read as the previewed one, else the preview is kept as it was.
pub fn without_stale_comments(
    loaded: &Loaded,
    preview: &Preview,
    settings: &RuleSettings,
) -> Preview {
    if preview.stale_comments.is_empty() {
        return preview.clone();
    }
    let text = comments::without_comments(&preview.pending.text, &preview.stale_comments);
    let same_plan = match (
        edit::loader_value(&text),
        edit::loader_value(&preview.pending.text),
    ) {
        (Ok(new), Ok(previewed)) => new == previewed,
        _ => false,
    };
    if !same_plan {
        return preview.clone();
    }
    let diff = super::diff::unified_diff(&loaded.display, &loaded.text, &text);
    let mut dropped = preview_of(loaded, Pending { text, diff }, settings);
    dropped.stale_comments.clear();
    dropped
}

/// Why a write of changes that add errors (`Preview::new_errors`) is refused, in the words the
/// app and `aftercare set` both say; `None` when they add none.
pub fn added_error_refusal(new_errors: &[String]) -> Option<String> {
    added_errors(new_errors).map(|why| format!("refused, nothing was written: {why}"))
}

/// `the changes would add an error (12:5 ...)`, naming the first.
fn added_errors(new_errors: &[String]) -> Option<String> {
    let first = new_errors.first()?;
    let more = match new_errors.len() {
        1 => String::new(),
        2 => " and 1 more".to_owned(),
        n => format!(" and {} more", n - 1),
    };
    Some(format!("the changes would add an error ({first}){more}"))
}

fn refused(loaded: &Loaded, preview: &Preview) -> Option<WriteError> {
    let reason = added_errors(&preview.new_errors)?;
    Some(WriteError::Edit {
        path: loaded.path.clone(),
        source: EditError::Unsupported {
            op: "write",
            path: loaded.display.clone(),
            reason,
        },
    })
}

/// Write what the preview showed, if the file is still as loaded. Refused (nothing written)
/// while the preview has new errors.
pub fn write(loaded: &Loaded, preview: &Preview) -> Result<Written, WriteError> {
    if let Some(refusal) = refused(loaded, preview) {
        return Err(refusal);
    }
    write_pending(loaded, preview.pending.clone())
}

/// A plan read by a command that reads, edits and writes in one go (`aftercare set`): with the
/// plan's lock taken before the read and held until this is dropped, so a second such command
/// waits its turn rather than finding the file changed under it.
#[derive(Debug)]
pub struct Held {
    pub loaded: Loaded,
    lock: Option<PlanLock>,
}

/// Read the plan at `path`, held to the plans folder `root`; `lock`: take the plan's lock
/// first and keep it (a dry run does not). Refused when the name led to another file once
/// the lock was taken.
pub fn open_held(root: &Path, path: &Path, lock: bool) -> Result<Held, WriteError> {
    let first = Loaded::read_in(root, path)?;
    if !lock {
        return Ok(Held {
            loaded: first,
            lock: None,
        });
    }
    let held = lock_for_edit(&first)?;
    let loaded = Loaded::read_in(root, path)?;
    if loaded.real_path() != first.real_path() {
        return Err(WriteError::Moved {
            path: path.to_path_buf(),
            what: "it was moved",
        });
    }
    Ok(Held {
        loaded,
        lock: Some(held),
    })
}

/// `write` of a held plan, under the lock taken when it was read.
pub fn write_held(held: &Held, preview: &Preview) -> Result<Written, WriteError> {
    if let Some(refusal) = refused(&held.loaded, preview) {
        return Err(refusal);
    }
    match &held.lock {
        Some(lock) => write_pending_holding(&held.loaded, preview.pending.clone(), lock),
        None => write_pending(&held.loaded, preview.pending.clone()),
    }
}

/// Create a new plan file holding `text`: atomic, never over an existing file.
pub fn create(path: &Path, text: &str) -> Result<(), WriteError> {
    create_plan(path, text)
}

/// The file read again after an external change, and which groups of changes still apply.
#[derive(Debug, Clone)]
pub struct Reapplied {
    pub opened: Opened,
    /// Indices of the groups that apply to the new text, in order.
    pub kept: Vec<usize>,
    /// Indices of the groups that no longer apply, with why.
    pub dropped: Vec<(usize, String)>,
}

/// Read the file again and re-apply each group of changes (a group applies whole or not at
/// all: a review and the need changes it records go together) on top of the groups kept.
/// A change to a need is matched to it by id and by what the need said when the change was
/// made: a need whose id now names another (ids swapped on disk) drops the group, with why.
pub fn reload_and_reapply(
    path: &Path,
    display: &str,
    settings: &RuleSettings,
    groups: &[Vec<Change>],
) -> Result<Reapplied, WriteError> {
    let opened = open(path, display, settings)?;
    let mut kept = Vec::new();
    let mut dropped = Vec::new();
    let Some(mut plan) = opened.file.plan.clone() else {
        let why = "the file can no longer be read as a plan".to_owned();
        dropped = (0..groups.len()).map(|i| (i, why.clone())).collect();
        return Ok(Reapplied {
            opened,
            kept,
            dropped,
        });
    };
    let mut edits: Vec<Edit> = Vec::new();
    for (index, group) in groups.iter().enumerate() {
        // Each change of a group was made on the plan before the group (a review's changes
        // all at once): checked against that, by its need's id and text, then applied.
        let mut why = group.iter().find_map(|change| conflict(change, &plan));
        let mut scratch = plan.clone();
        for change in group {
            change.apply(&mut scratch);
        }
        if why.is_none() {
            let mut trial = edits.clone();
            match edits_for(group) {
                Ok(more) => trial.extend(more),
                Err(error) => why = Some(error.to_string()),
            }
            if why.is_none() {
                match edit::apply(&opened.loaded.text, &trial) {
                    Ok(_) => {
                        edits = trial;
                        plan = scratch;
                        kept.push(index);
                        continue;
                    }
                    Err(error) => why = Some(error.to_string()),
                }
            }
        }
        dropped.push((index, why.unwrap_or_default()));
    }
    Ok(Reapplied {
        opened,
        kept,
        dropped,
    })
}

#[cfg(test)]
mod tests;
