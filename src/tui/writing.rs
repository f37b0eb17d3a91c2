//! Writing, as `update` applies it: the diff of the pending changes (nothing is written
//! without it), `y` to write through the store (verified, atomic, refused on an external
//! change), the reload that re-applies what still applies, and the guard's write / discard.

use std::path::Path;

use crate::plan::change::Change;
use crate::store::create::create_plan;
use crate::store::pending::{Preview, Reapplied, open, write};
use crate::store::write::{Loaded, WriteError};

use super::action::Action;
use super::app::{App, Message, Overlay, Screen};
use super::committing::{self, Unrecorded};
use super::layout;
use super::overlays::{DiffView, Intent, ReloadOffer, WriteTarget};
use super::preview_jobs::{self, AfterJob, EditWork, OpenedResult, PreviewResult};
use super::scroll_text::TextScroll;
use super::session::EditSession;
use super::text::counted;

/// Hold a plan read for editing to the plans folder, when its name is under it (as the
/// loader names every plan): a plan whose name has come to lead outside is not edited, and
/// one that comes to lead outside later is not written.
pub fn confine(app: &App, loaded: &mut Loaded) -> Result<(), WriteError> {
    let root = Path::new(&app.folder);
    if loaded.path.starts_with(root) {
        loaded.confine_to(root)
    } else {
        Ok(())
    }
}

/// `w`: show the diff of every pending change of the plan being edited.
pub fn show_pending(app: &mut App, then: Option<Intent>) {
    show_pending_with(app, then, Vec::new());
}

fn show_pending_with(app: &mut App, then: Option<Intent>, notes: Vec<String>) {
    let Some(session) = app.session.as_ref().filter(|s| s.has_pending()) else {
        if let Some(file) = app.open_file() {
            let (path, display) = (file.path.clone(), app.name_in_folder(&file.display));
            if committing::offer_again(app, &path, display) {
                return;
            }
        }
        app.message = Message::error("nothing to write: no pending changes");
        return;
    };
    if let Some(preview) = session.preview() {
        let preview = preview.clone();
        return show_diff(app, then, notes, preview);
    }
    let work = EditWork::Preview {
        loaded: Box::new(session.loaded.clone()),
        base: Box::new(session.base.clone()),
        changes: session.changes(),
        settings: app.settings,
    };
    let after = AfterJob::ShowDiff { then, notes };
    preview_jobs::start(app, "preparing the diff", work, after);
}

/// The preview of the pending changes is ready: keep it, and show the diff.
pub(crate) fn diff_ready(
    app: &mut App,
    then: Option<Intent>,
    notes: Vec<String>,
    made: PreviewResult,
) {
    let Some(session) = app.session.as_mut() else {
        return;
    };
    match made {
        Ok((preview, issues)) => {
            session.remember(preview.clone(), issues);
            show_diff(app, then, notes, *preview);
        }
        Err(failed) => {
            app.message = Message::error(format!(
                "cannot apply the pending changes: {} (u undoes the last one)",
                failed.message
            ));
        }
    }
}

fn show_diff(app: &mut App, then: Option<Intent>, notes: Vec<String>, preview: Preview) {
    let Some(session) = app.session.as_ref() else {
        return;
    };
    let changes = session.changes();
    let id = session.current.id.clone().unwrap_or_default();
    let view = DiffView {
        title: format!("Write {id}: {}?", counted(changes.len(), "change")),
        changes: changes.iter().map(|c| c.describe()).collect(),
        notes,
        diff: preview.pending.diff.clone(),
        blocked: preview.new_errors.clone(),
        scroll: TextScroll::top(),
        then,
        target: WriteTarget::Plan(preview),
        error: None,
    };
    app.overlays.push(Overlay::Diff(Box::new(view)));
}

pub fn update_diff(app: &mut App, action: Action) {
    let page = layout::text_page(app.height);
    let Some(Overlay::Diff(view)) = app.overlays.last_mut() else {
        return;
    };
    match action {
        Action::WriteCancel => {
            let new_plan = matches!(view.target, WriteTarget::NewPlan { .. });
            app.overlays.pop();
            if !new_plan {
                app.message = Message::info("not written: the changes stay pending (u undoes)");
            }
        }
        Action::WriteConfirm => confirm(app),
        movement => view.scroll.apply(&movement, page),
    }
}

fn diff_error(app: &mut App, error: String) {
    if let Some(Overlay::Diff(view)) = app.overlays.last_mut() {
        view.error = Some(error);
    }
}

/// `y` on the diff.
fn confirm(app: &mut App) {
    let Some(Overlay::Diff(view)) = app.overlays.last() else {
        return;
    };
    if let Some(first) = view.blocked.first() {
        let why = format!(
            "refused, nothing was written: the changes would add an error ({first}); u undoes the last change"
        );
        return diff_error(app, why);
    }
    let then = view.then;
    match view.target.clone() {
        WriteTarget::NewPlan {
            path,
            display,
            text,
        } => match create_plan(&path, &text) {
            Err(error) => diff_error(app, error.to_string()),
            Ok(()) => {
                app.overlays.pop();
                app.overlays.pop();
                match open(&path, &display, &app.settings) {
                    Ok(opened) => {
                        let index = app.files.len();
                        let id = opened.file.plan.as_ref().and_then(|plan| plan.id.clone());
                        app.put_file(index, opened.file);
                        if let Some(position) = app.list.rows.iter().position(|row| *row == index) {
                            let page = app.page();
                            app.list.move_to(position, page);
                        }
                        app.message = Message::info(format!("created {display}"));
                        let written = Unrecorded {
                            plan: id.unwrap_or_default(),
                            changes: Vec::new(),
                            untracked: true,
                        };
                        committing::after_write(app, path, display, written, None);
                    }
                    Err(error) => app.message = Message::error(error.to_string()),
                }
            }
        },
        WriteTarget::Plan(preview) => {
            let Some(session) = app.session.as_ref() else {
                return;
            };
            match write(&session.loaded, &preview) {
                Ok(_) => after_write(app, then),
                Err(WriteError::ChangedOnDisk { what, .. }) => {
                    let offer = ReloadOffer {
                        what: what.to_owned(),
                        pending: session.entries.len(),
                        then,
                    };
                    app.overlays.pop();
                    app.overlays.push(Overlay::Reload(Box::new(offer)));
                }
                Err(error) => diff_error(app, format!("not written: {error}")),
            }
        }
    }
}

/// The file was written: read it back (a job), then start clean from it.
fn after_write(app: &mut App, then: Option<Intent>) {
    app.overlays.pop();
    let Some(session) = app.session.take() else {
        return;
    };
    let shown = &app.files[session.file];
    let work = EditWork::Open {
        path: shown.path.clone(),
        display: shown.display.clone(),
        settings: app.settings,
        for_editing: false,
    };
    let after = AfterJob::ReadBack {
        file: session.file,
        changes: session.changes(),
        plan_id: session.current.id.clone().unwrap_or_default(),
        then,
    };
    preview_jobs::start(app, "reading the plan back", work, after);
}

/// The written file was read back: start clean from it, say `saved`, offer the commit.
pub(crate) fn read_back(
    app: &mut App,
    file: usize,
    changes: Vec<Change>,
    plan_id: String,
    then: Option<Intent>,
    read: OpenedResult,
) {
    let path = app.files[file].path.clone();
    let display = app.name_in_folder(&app.files[file].display);
    match read {
        Ok((opened, _)) => {
            let mut opened = *opened;
            opened.loaded.display = display.clone();
            if let Err(error) = confine(app, &mut opened.loaded) {
                app.message = Message::error(format!("written, but {error}"));
                return;
            }
            let plan = opened.file.plan.clone().unwrap_or_default();
            app.put_file(file, opened.file);
            let mut fresh = EditSession::new(file, opened.loaded, plan);
            fresh.saved = true;
            app.session = Some(fresh);
            app.message = Message::info(format!(
                "saved {display}: {} written",
                counted(changes.len(), "change")
            ));
        }
        Err(error) => {
            app.message = Message::error(format!("written, but reading it back failed: {error}"))
        }
    }
    let written = Unrecorded {
        plan: plan_id,
        changes,
        untracked: false,
    };
    if let Some(Some(intent)) = committing::after_write(app, path, display, written, then) {
        carry_out(app, intent);
    }
}

/// The answer to "commit it?" after a write; then what the write was for.
pub fn update_commit(app: &mut App, action: Action) {
    if let Some(Some(intent)) = committing::update_commit(app, action) {
        carry_out(app, intent);
    }
}

/// Quit or go back to the list, the pending changes written or discarded.
pub(crate) fn carry_out(app: &mut App, intent: Intent) {
    app.overlays.clear();
    match intent {
        Intent::Quit => app.quit = true,
        Intent::Leave => {
            app.session = None;
            app.screen = Screen::Dashboard;
        }
    }
}

pub fn update_guard(app: &mut App, action: Action) {
    let Some(Overlay::Guard(guard)) = app.overlays.last() else {
        return;
    };
    let intent = guard.intent;
    match action {
        Action::GuardWrite if guard.pending == 0 => {
            app.message = Message::error("nothing to write: d discards what was typed");
        }
        Action::GuardWrite => {
            app.overlays.clear();
            show_pending(app, Some(intent));
        }
        Action::GuardDiscard => {
            let discarded = guard.pending;
            app.session = None;
            carry_out(app, intent);
            if discarded > 0 {
                app.message = Message::info(format!(
                    "discarded {}",
                    counted(discarded, "pending change")
                ));
            }
        }
        Action::GuardCancel => {
            app.overlays.pop();
        }
        _ => {}
    }
}

pub fn update_reload(app: &mut App, action: Action) {
    let Some(Overlay::Reload(offer)) = app.overlays.last() else {
        return;
    };
    let then = offer.then;
    match action {
        Action::WriteCancel => {
            app.overlays.pop();
            app.message = Message::info("not written: the changes stay pending");
        }
        Action::ReloadReapply => {
            app.overlays.pop();
            reload(app, then);
        }
        _ => {}
    }
}

/// Read the file as it is now and re-apply each pending entry that still applies (a job).
fn reload(app: &mut App, then: Option<Intent>) {
    let Some(session) = app.session.as_ref() else {
        return;
    };
    let file = &app.files[session.file];
    let work = EditWork::Reload {
        path: file.path.clone(),
        display: file.display.clone(),
        settings: app.settings,
        groups: session.groups(),
    };
    preview_jobs::start(
        app,
        "reading the plan again",
        work,
        AfterJob::Reload { then },
    );
}

/// The file was read again: keep what still applies and show the diff again (with what was
/// dropped and why) so nothing is written unseen.
pub(crate) fn reloaded(
    app: &mut App,
    then: Option<Intent>,
    result: Result<Box<Reapplied>, String>,
) {
    let Some(session) = app.session.as_mut() else {
        return;
    };
    let mut reapplied = match result {
        Ok(reapplied) => *reapplied,
        Err(error) => {
            app.message = Message::error(format!("cannot read the file again: {error}"));
            return;
        }
    };
    // The plan as read again must be the file that was opened, inside the folder: a name
    // that now leads to another file, or out of the folder, is not taken as this plan.
    let root = session.loaded.root().map(Path::to_path_buf);
    let moved = match root.map(|root| reapplied.opened.loaded.confine_to(&root)) {
        Some(Err(error)) => Some(error.to_string()),
        _ if reapplied.opened.loaded.real_path() != session.loaded.real_path() => Some(format!(
            "{}: it now leads to another file",
            reapplied.opened.loaded.path.display()
        )),
        _ => None,
    };
    if let Some(why) = moved {
        app.message = Message::error(format!("not reloaded (the changes stay pending): {why}"));
        return;
    }
    let notes: Vec<String> = reapplied
        .dropped
        .iter()
        .map(|(index, why)| format!("dropped: {} ({why})", session.entries[*index].describe()))
        .collect();
    let plan = reapplied.opened.file.plan.clone().unwrap_or_default();
    reapplied.opened.loaded.display = session.loaded.display.clone();
    session.rebase(reapplied.opened.loaded, plan, &reapplied.kept);
    let index = session.file;
    let still = session.has_pending();
    app.put_file(index, reapplied.opened.file);
    if still {
        show_pending_with(app, then, notes);
    } else {
        let dropped = notes.join("; ");
        app.message = Message::error(format!(
            "reloaded; none of the pending changes still apply: {dropped}"
        ));
    }
}
