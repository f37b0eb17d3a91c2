//! Doing the work `update` asked for: reading, checking, writing and creating plan files
//! through the store's write gate, and git after a write. Blocking (seconds on a huge plan or
//! behind a slow hook): the event loop runs it on a worker thread, key scripts at once.

use std::path::{Path, PathBuf};

use crate::commands::export::{WriteRefusal, write_export};
use crate::tui::layers::export::{ExportJob, ExportNews, ExportRefused};

use crate::store::git::Repo;
use crate::store::pending::{
    Opened, create, open, preview, reload_and_reapply, why_not_editable, without_stale_comments,
    write,
};
use crate::store::write::WriteError;
use crate::tui::effect::{Effect, SyncJob};
use crate::tui::git_status::GitState;
use crate::tui::layers::commit::{CommitDone, CommitMessage, CommitWork};
use crate::tui::layers::write::jobs::{
    EditNews, EditResult, EditWork, OpenedResult, PreviewFailed, ReadPlan, WriteFailed,
};
use crate::tui::msg::{Msg, SyncNews};

use crate::tui::runtime::git_status;

/// Carry out one effect and give the message that brings its answer back to `update`.
pub fn perform(effect: Effect) -> Msg {
    match effect {
        Effect::Edit(job) => Msg::EditNews(Box::new(EditNews {
            id: job.id,
            result: edit(job.work),
        })),
        Effect::History(job) => Msg::HistoryNews(crate::tui::runtime::history::history(job)),
        Effect::Export(job) => Msg::ExportNews(export(*job)),
        Effect::Sync(job) => Msg::SyncNews(Box::new(sync(job))),
    }
}

/// Sync with the team's server; the folder read again when the team's changes came in.
fn sync(job: SyncJob) -> SyncNews {
    let result = crate::store::sync::sync(&job.root).map_err(|error| error.to_string());
    let took_changes = result.as_ref().is_ok_and(|report| report.took_changes);
    let reloaded = took_changes.then(|| {
        crate::tui::runtime::loader::load_blocking(&job.root, job.settings)
            .into_iter()
            .flat_map(|msg| match msg {
                Msg::PlansLoaded(files) => files,
                _ => Vec::new(),
            })
            .collect()
    });
    let git = git_status::check(&job.root);
    SyncNews {
        result,
        reloaded,
        git,
    }
}

/// Write an export where the user asked, refused inside the plans folder unless confirmed;
/// the answer names the full path written.
fn export(job: ExportJob) -> ExportNews {
    let folders: Vec<&Path> = job.plans_folders.iter().map(PathBuf::as_path).collect();
    let result = match write_export(&job.path, &job.text, &folders, job.into_plans_folder) {
        Ok(()) => Ok(std::path::absolute(&job.path)
            .unwrap_or(job.path)
            .display()
            .to_string()),
        Err(WriteRefusal::InsidePlansFolder { folder, .. }) => {
            Err(ExportRefused::InsidePlansFolder(folder))
        }
        Err(refusal) => Err(ExportRefused::Failed(refusal.to_string())),
    };
    ExportNews {
        what: job.what,
        result,
    }
}

/// Work on a plan's text (reads the file, parses and checks the plan: seconds on a huge plan).
fn edit(work: EditWork) -> EditResult {
    match work {
        EditWork::Open { read, for_editing } => EditResult::Opened(read_plan(&read, for_editing)),
        EditWork::Preview {
            loaded,
            changes,
            settings,
        } => EditResult::Previewed(
            preview(&loaded, &changes, &settings)
                .map(|shown| {
                    let issues = shown.issues();
                    (Box::new(shown), issues)
                })
                .map_err(|error| PreviewFailed {
                    refused_edit: match &error {
                        WriteError::Edit { source, .. } => Some(source.to_string()),
                        _ => None,
                    },
                    message: error.to_string(),
                }),
        ),
        EditWork::DropComments {
            loaded,
            preview,
            settings,
        } => {
            let dropped = without_stale_comments(&loaded, &preview, &settings);
            let issues = dropped.issues();
            EditResult::Previewed(Ok((Box::new(dropped), issues)))
        }
        EditWork::Reload { read, groups } => EditResult::Reloaded(
            reload_and_reapply(&read.path, &read.display, &read.settings, &groups)
                .map_err(|error| error.to_string())
                .and_then(|mut reapplied| {
                    confine(&mut reapplied.opened, &read)?;
                    Ok(Box::new(reapplied))
                }),
        ),
        EditWork::Write {
            loaded,
            preview,
            read_back,
        } => EditResult::Written(match write(&loaded, &preview) {
            Ok(_) => Ok(read_plan(&read_back, false)),
            Err(WriteError::ChangedOnDisk { what, .. }) => {
                Err(WriteFailed::ChangedOnDisk(what.to_owned()))
            }
            Err(error) => Err(WriteFailed::Refused(error.to_string())),
        }),
        EditWork::Create { text, read } => EditResult::Created(
            create(&read.path, &text)
                .map(|()| read_plan(&read, false))
                .map_err(|error| error.to_string()),
        ),
        EditWork::Commit(work) => EditResult::Committed(Box::new(commit(*work))),
    }
}

/// Read a plan file, held to its folder (and, `for_editing`, say whether it may be edited).
fn read_plan(read: &ReadPlan, for_editing: bool) -> OpenedResult {
    let mut opened = open(&read.path, &read.display, &read.settings).map_err(|e| e.to_string())?;
    confine(&mut opened, read)?;
    let why_not = for_editing
        .then(|| why_not_editable(&opened.loaded))
        .flatten();
    Ok((Box::new(opened), why_not))
}

/// Hold a plan read to the plans folder it is named under: refused when it now leads outside.
fn confine(opened: &mut Opened, read: &ReadPlan) -> Result<(), String> {
    match &read.confine_to {
        Some(root) => opened
            .loaded
            .confine_to(root)
            .map_err(|error| error.to_string()),
        None => Ok(()),
    }
}

/// Git after a write: the start-up status check when it has not answered, whether the file
/// was ever committed, and the commit itself (a user's hook may take seconds).
fn commit(work: CommitWork) -> CommitDone {
    let status = work.status_of.as_deref().map(git_status::check);
    let git = status.as_ref().unwrap_or(&work.git);
    let untracked = work.ask_tracked.then(|| {
        git.repo()
            .is_some_and(|repo| repo.is_tracked(&work.path) == Ok(false))
    });
    let committed = match (work.commit, git) {
        (_, GitState::Unavailable(_)) | (None, _) => None,
        (Some(message), _) => {
            let message = match message {
                CommitMessage::Offered(message) => message,
                CommitMessage::Written(mut written) => {
                    written.untracked = untracked.unwrap_or(written.untracked);
                    written.message()
                }
            };
            let repo = match git {
                GitState::Ready(folder) => Ok(folder.repo.clone()),
                GitState::Unavailable(error) => Err(error.clone()),
                GitState::Checking => Repo::find(work.path.parent().unwrap_or(Path::new("."))),
            };
            let result = repo.and_then(|repo| repo.commit_file(&work.path, &message));
            Some((message, result))
        }
    };
    CommitDone {
        status,
        untracked,
        committed,
    }
}
