//! The plan merge driver's file part (`aftercare merge-driver %O %A %B %P`): read the three
//! versions git gives, merge them by structure (`plan::merge`), write the result into ours
//! through the minimal-diff editor, re-read and check it. What cannot be merged safely falls
//! back to git's own line merge (`git merge-file`), which git then marks as conflicted.

use std::path::Path;

use chrono::Local;
use serde_yaml::Value;

use crate::plan::finding::Severity;
use crate::plan::merge::{self, Conflict, SideOrigin, conflict_entry, is_plan, merge_plans};
use crate::plan::parse::parse_plan;
use crate::plan::rules::{RuleSettings, check_plan};
use crate::store::edit::{self, Edit};
use crate::store::git::{LastChange, Repo, merge_file};

/// How the driver ended, and so its exit code.
#[derive(Debug, Clone, PartialEq)]
pub enum DriverOutcome {
    /// Merged by structure with nothing to resolve (exit 0).
    Clean,
    /// Merged; these places both sides changed differently are recorded in `conflicts:`
    /// (the plan loads and shows them; exit 0, see README "A team's shared repository").
    Recorded(Vec<Conflict>),
    /// Not merged by structure (why): git's line merge is in ours; `clean` when it had no
    /// conflict markers. A plan always exits 1 here; a file that is not a plan exits as git's
    /// merge did.
    FellBack {
        why: String,
        is_plan: bool,
        clean: bool,
    },
}

impl DriverOutcome {
    /// The exit code git reads: 0 merged, 1 conflicted.
    pub fn exit_code(&self) -> u8 {
        match self {
            DriverOutcome::Clean | DriverOutcome::Recorded(_) => 0,
            DriverOutcome::FellBack {
                is_plan: false,
                clean: true,
                ..
            } => 0,
            DriverOutcome::FellBack { .. } => 1,
        }
    }
}

/// Run the driver on git's three files (`name` is the file's path in the repository, for
/// messages and for who changed each side). The result is in `ours`.
pub fn run_driver(base: &Path, ours: &Path, theirs: &Path, name: &str) -> DriverOutcome {
    match merge_by_structure(base, ours, theirs, name) {
        Ok(outcome) => outcome,
        Err((why, is_plan)) => {
            let dir = ours
                .parent()
                .filter(|dir| !dir.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            let clean = merge_file(dir, ours, base, theirs).unwrap_or(false);
            DriverOutcome::FellBack {
                why,
                is_plan,
                clean,
            }
        }
    }
}

type Refusal = (String, bool);

fn merge_by_structure(
    base_file: &Path,
    ours_file: &Path,
    theirs_file: &Path,
    name: &str,
) -> Result<DriverOutcome, Refusal> {
    let read = |file: &Path| {
        std::fs::read(file)
            .map_err(|error| format!("cannot read {}: {error}", file.display()))
            .and_then(|bytes| {
                String::from_utf8(bytes).map_err(|_| "a version is not UTF-8 text".to_owned())
            })
            .map_err(|why| (why, true))
    };
    let (base, ours, theirs) = (read(base_file)?, read(ours_file)?, read(theirs_file)?);
    if ours == theirs || base == theirs {
        return Ok(DriverOutcome::Clean);
    }
    let value = |text: &str, side: &str| {
        if text.trim().is_empty() {
            return Ok(Value::Null);
        }
        edit::loader_value(text).map_err(|error| (format!("{side}: {error}"), true))
    };
    let (base_value, ours_value, theirs_value) = (
        value(&base, "the common version")?,
        value(&ours, "our version")?,
        value(&theirs, "their version")?,
    );
    if !is_plan(&ours_value) || !is_plan(&theirs_value) {
        return Err(("not an aftercare plan".into(), false));
    }
    let refuse = |why: String| (why, true);
    if base == ours {
        std::fs::write(ours_file, &theirs).map_err(|error| refuse(error.to_string()))?;
        return Ok(DriverOutcome::Clean);
    }
    let merged = merge_plans(&base_value, &ours_value, &theirs_value)
        .map_err(|error| refuse(error.to_string()))?;
    let mut edits: Vec<Edit> = merged
        .edits
        .iter()
        .map(Edit::try_from)
        .collect::<Result<_, _>>()
        .map_err(|error| refuse(error.to_string()))?;
    let conflicts = new_conflicts(&ours_value, merged.conflicts);
    if !conflicts.is_empty() {
        let (ours_origin, theirs_origin) = origins(name);
        for conflict in &conflicts {
            let entry = conflict_entry(conflict, &ours_origin, &theirs_origin);
            edits.push(
                Edit::append(merge::CONFLICTS_KEY, entry).map_err(|e| refuse(e.to_string()))?,
            );
        }
    }
    let result = edit::apply(&ours, &edits).map_err(|error| refuse(error.to_string()))?;
    checked(&result, &ours, &theirs).map_err(refuse)?;
    std::fs::write(ours_file, &result).map_err(|error| refuse(error.to_string()))?;
    Ok(if conflicts.is_empty() {
        DriverOutcome::Clean
    } else {
        DriverOutcome::Recorded(conflicts)
    })
}

/// The conflicts not already recorded in our file (a merge run again records nothing twice).
fn new_conflicts(ours: &Value, conflicts: Vec<Conflict>) -> Vec<Conflict> {
    let recorded = ours
        .get(merge::CONFLICTS_KEY)
        .and_then(Value::as_sequence)
        .cloned()
        .unwrap_or_default();
    conflicts
        .into_iter()
        .filter(|conflict| {
            !recorded.iter().any(|entry| {
                entry.get("path").and_then(Value::as_str) == Some(conflict.path.as_str())
                    && entry.get("ours") == Some(&conflict.ours)
                    && entry.get("theirs") == Some(&conflict.theirs)
            })
        })
        .collect()
}

/// Who made each side, asked of the repository the driver runs in (git runs it at the top).
fn origins(name: &str) -> (SideOrigin, SideOrigin) {
    let Ok(repo) = Repo::find(Path::new(".")) else {
        return Default::default();
    };
    // `git merge` names the commit it merges in a `GITHEAD_<id>` variable for drivers.
    let merging = std::env::vars_os()
        .filter_map(|(key, _)| key.into_string().ok())
        .find_map(|key| key.strip_prefix("GITHEAD_").map(str::to_owned));
    let (ours, theirs) = repo.sides_of_merge(name, merging.as_deref());
    (origin(ours), origin(theirs))
}

fn origin(change: LastChange) -> SideOrigin {
    SideOrigin {
        commit: change.commit,
        author: change.author,
        date: change.date,
    }
}

/// The merged text loads as a plan and has no error neither side had.
fn checked(result: &str, ours: &str, theirs: &str) -> Result<(), String> {
    let settings = RuleSettings::new(Local::now().date_naive());
    let errors = |text: &str| -> Result<Vec<String>, String> {
        let parsed = parse_plan(text).map_err(|unreadable| unreadable.message)?;
        Ok(parsed
            .issues
            .into_iter()
            .chain(check_plan(&parsed.plan, &settings))
            .filter(|issue| issue.severity == Severity::Error)
            .map(|issue| format!("{}: {}", issue.path, issue.message))
            .collect())
    };
    let merged = errors(result).map_err(|why| format!("the merged plan does not load: {why}"))?;
    let before: Vec<String> = [ours, theirs]
        .into_iter()
        .filter_map(|text| errors(text).ok())
        .flatten()
        .collect();
    match merged.iter().find(|error| !before.contains(error)) {
        None => Ok(()),
        Some(error) => Err(format!("the merge would add an error: {error}")),
    }
}
