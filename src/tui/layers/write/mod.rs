//! Writing, as `update` applies it: the diff of the pending changes (nothing is written
//! without it), `y` to write through the store (verified, atomic, refused on an external
//! change), the reload that re-applies what still applies, and the guard's write / discard.

pub mod dialog_view;
pub mod diff_view;
pub mod jobs;
pub mod session;

use crate::tui::keymap::layer_keys;
use std::path::{Path, PathBuf};

use crate::plan::change::Change;
use crate::store::pending::{Preview, Reapplied, added_error_refusal};

use crate::tui::action::Action;
use crate::tui::app::{App, Message, Overlay, Screen};
use crate::tui::layers::commit;
use crate::tui::layers::commit::Unrecorded;
use crate::tui::layers::write::session::EditSession;
use crate::tui::layout;
use crate::tui::overlays::{DiffView, Intent, ReloadOffer, WriteTarget};
use crate::tui::scroll_text::TextScroll;
use crate::tui::text::counted;
use jobs::{AfterJob, EditWork, OpenedResult, PreviewResult, ReadPlan, WriteFailed};

/// The keys when the file changed on disk.
pub const RELOAD_KEYS: &[Action] = &[
    Action::ReloadReapply,
    Action::WriteCancel,
    Action::ShowHelp,
    Action::Quit,
];

/// The keys of the question on leaving with unwritten changes.
pub const GUARD_KEYS: &[Action] = &[
    Action::GuardWrite,
    Action::GuardDiscard,
    Action::GuardCancel,
    Action::ShowHelp,
];

/// The keys of the diff before a write.
pub const DIFF_KEYS: &[Action] = layer_keys![
    Action::WriteConfirm,
    Action::WriteCancel,
    Action::DropStaleComments,
    @moves;
    Action::ShowHelp,
    Action::Quit,
];

/// How to read a plan file of the folder (or a new one at `path`): held to the plans folder
/// when its name is under it (as the loader names every plan), so a plan whose name has come
/// to lead outside is not edited, and one that comes to lead outside later is not written.
pub(crate) fn read_plan(app: &App, path: PathBuf, display: String) -> ReadPlan {
    let root = Path::new(&app.folder.path);
    ReadPlan {
        confine_to: path.starts_with(root).then(|| root.to_path_buf()),
        path,
        display,
        settings: app.settings,
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
            if commit::offer_again(app, &path, display) {
                return;
            }
        }
        app.ui.message = Message::error("nothing to write: no pending changes");
        return;
    };
    if let Some(preview) = session.preview() {
        let preview = preview.clone();
        return show_diff(app, then, notes, preview);
    }
    let work = EditWork::Preview {
        loaded: Box::new(session.loaded.clone()),
        changes: session.changes(),
        settings: app.settings,
    };
    let after = AfterJob::ShowDiff { then, notes };
    jobs::start(app, "preparing the diff", work, after);
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
            app.ui.message = Message::error(format!(
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
    app.nav.overlays.push(Overlay::Diff(Box::new(view)));
}

pub fn update_diff(app: &mut App, action: Action) {
    let page = layout::text_page(app.ui.height);
    let Some(Overlay::Diff(view)) = app.nav.overlays.last_mut() else {
        return;
    };
    match action {
        Action::WriteCancel => {
            let new_plan = matches!(view.target, WriteTarget::NewPlan { .. });
            app.nav.overlays.pop();
            if !new_plan {
                app.ui.message = Message::info("not written: the changes stay pending (u undoes)");
            }
        }
        Action::WriteConfirm => confirm(app),
        Action::DropStaleComments => drop_stale_comments(app),
        movement => view.scroll.apply(&movement, page),
    }
}

/// `x` on the diff: remove the trailing comments the changes may have left out of date, and
/// show the diff again (nothing is removed unless asked: `y` writes them as they are).
fn drop_stale_comments(app: &mut App) {
    let Some(Overlay::Diff(view)) = app.nav.overlays.last() else {
        return;
    };
    let WriteTarget::Plan(preview) = &view.target else {
        return;
    };
    let Some(session) = app.session.as_ref() else {
        return;
    };
    if preview.stale_comments.is_empty() {
        app.ui.message = Message::info("no comment here may be out of date");
        return;
    }
    let mut notes = view.notes.clone();
    notes.extend(
        preview
            .stale_comments
            .iter()
            .map(|(line, comment)| format!("Removed the comment on line {line}: {comment}")),
    );
    let work = EditWork::DropComments {
        loaded: Box::new(session.loaded.clone()),
        preview: Box::new(preview.clone()),
        settings: app.settings,
    };
    let then = view.then;
    app.nav.overlays.pop();
    let after = AfterJob::ShowDiff { then, notes };
    jobs::start(app, "removing the comment", work, after);
}

fn diff_error(app: &mut App, error: String) {
    if let Some(Overlay::Diff(view)) = app.nav.overlays.last_mut() {
        view.error = Some(error);
    }
}

/// `y` on the diff.
fn confirm(app: &mut App) {
    let Some(Overlay::Diff(view)) = app.nav.overlays.last() else {
        return;
    };
    if let Some(refusal) = added_error_refusal(&view.blocked) {
        return diff_error(app, format!("{refusal}; u undoes the last change"));
    }
    let then = view.then;
    match view.target.clone() {
        WriteTarget::NewPlan {
            path,
            display,
            text,
        } => {
            let read = read_plan(app, path.clone(), display.clone());
            let work = EditWork::Create { text, read };
            let after = AfterJob::Created { path, display };
            jobs::start(app, "creating the plan", work, after);
        }
        WriteTarget::Plan(preview) => {
            let Some(session) = app.session.as_ref() else {
                return;
            };
            let shown = &app.folder.files[session.file];
            let read_back = read_plan(app, shown.path.clone(), shown.display.clone());
            let work = EditWork::Write {
                loaded: Box::new(session.loaded.clone()),
                preview: Box::new(preview),
                read_back,
            };
            let after = AfterJob::ReadBack {
                file: session.file,
                changes: session.changes(),
                plan_id: session.current.id.clone().unwrap_or_default(),
                then,
            };
            jobs::start(app, "writing the plan", work, after);
        }
    }
}

/// A new plan's file was created (or not): list it and offer its commit, or say why not on
/// the diff, which stays open.
pub(crate) fn created(
    app: &mut App,
    path: PathBuf,
    display: String,
    result: Result<OpenedResult, String>,
) {
    let read = match result {
        Err(refused) => return diff_error(app, refused),
        Ok(read) => read,
    };
    app.nav.overlays.pop();
    app.nav.overlays.pop();
    let opened = match read {
        Ok((opened, _)) => opened,
        Err(error) => {
            app.ui.message =
                Message::error(format!("created {display}, but reading it failed: {error}"));
            return;
        }
    };
    let index = app.folder.files.len();
    let id = opened.file.plan.as_ref().and_then(|plan| plan.id.clone());
    app.put_file(index, opened.file);
    if let Some(position) = app.nav.list.rows.iter().position(|row| *row == index) {
        let page = app.page();
        app.nav.list.move_to(position, page);
    }
    app.ui.message = Message::info(format!("created {display}"));
    let written = Unrecorded {
        plan: id.unwrap_or_default(),
        changes: Vec::new(),
        untracked: true,
    };
    // A new plan's commit offer needs no intent: its answer leaves the app where it is.
    let _ = commit::after_write(app, path, display, written, None);
}

/// The answer to a write: refused (the diff stays open, or the reload is offered when the file
/// changed on disk), or written and read back.
pub(crate) fn written(
    app: &mut App,
    file: usize,
    changes: Vec<Change>,
    plan_id: String,
    then: Option<Intent>,
    result: Result<OpenedResult, WriteFailed>,
) {
    let read = match result {
        Ok(read) => read,
        Err(WriteFailed::ChangedOnDisk(what)) => {
            let pending = app.session.as_ref().map_or(0, |s| s.entries.len());
            app.nav.overlays.pop();
            let offer = ReloadOffer {
                what,
                pending,
                then,
            };
            app.nav.overlays.push(Overlay::Reload(Box::new(offer)));
            return;
        }
        Err(WriteFailed::Refused(why)) => return diff_error(app, format!("not written: {why}")),
    };
    app.nav.overlays.pop();
    app.session = None;
    read_back(app, file, changes, plan_id, then, read);
}

/// The written file was read back: start clean from it, say `saved`, offer the commit.
fn read_back(
    app: &mut App,
    file: usize,
    changes: Vec<Change>,
    plan_id: String,
    then: Option<Intent>,
    read: OpenedResult,
) {
    let path = app.folder.files[file].path.clone();
    let display = app.name_in_folder(&app.folder.files[file].display);
    match read {
        Ok((opened, _)) => {
            let mut opened = *opened;
            opened.loaded.display = display.clone();
            let plan = opened.file.plan.clone().unwrap_or_default();
            app.put_file(file, opened.file);
            let mut fresh = EditSession::new(file, opened.loaded, plan);
            fresh.saved = true;
            app.session = Some(fresh);
            app.ui.message = Message::info(format!(
                "saved {display}: {} written",
                counted(changes.len(), "change")
            ));
        }
        Err(error) => {
            app.ui.message = Message::error(format!("written, but reading it back failed: {error}"))
        }
    }
    let written = Unrecorded {
        plan: plan_id,
        changes,
        untracked: false,
    };
    if let Some(Some(intent)) = commit::after_write(app, path, display, written, then) {
        carry_out(app, intent);
    }
}

/// Quit or go back to the list, the pending changes written or discarded.
pub(crate) fn carry_out(app: &mut App, intent: Intent) {
    app.nav.overlays.clear();
    match intent {
        Intent::Quit => app.ui.quit = true,
        Intent::Leave => {
            app.session = None;
            app.nav.screen = Screen::Dashboard;
        }
    }
}

pub fn update_guard(app: &mut App, action: Action) {
    let Some(Overlay::Guard(guard)) = app.nav.overlays.last() else {
        return;
    };
    let intent = guard.intent;
    match action {
        Action::GuardWrite if guard.pending == 0 => {
            app.ui.message = Message::error("nothing to write: d discards what was typed");
        }
        Action::GuardWrite => {
            app.nav.overlays.clear();
            show_pending(app, Some(intent));
        }
        Action::GuardDiscard => {
            let discarded = guard.pending;
            app.session = None;
            carry_out(app, intent);
            if discarded > 0 {
                app.ui.message = Message::info(format!(
                    "discarded {}",
                    counted(discarded, "pending change")
                ));
            }
        }
        Action::GuardCancel => {
            app.nav.overlays.pop();
        }
        _ => {}
    }
}

pub fn update_reload(app: &mut App, action: Action) {
    let Some(Overlay::Reload(offer)) = app.nav.overlays.last() else {
        return;
    };
    let then = offer.then;
    match action {
        Action::WriteCancel => {
            app.nav.overlays.pop();
            app.ui.message = Message::info("not written: the changes stay pending");
        }
        Action::ReloadReapply => {
            app.nav.overlays.pop();
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
    let file = &app.folder.files[session.file];
    let mut read = read_plan(app, file.path.clone(), file.display.clone());
    // Held to the folder the plan was held to when it was opened.
    read.confine_to = session.loaded.root().map(Path::to_path_buf);
    let work = EditWork::Reload {
        read,
        groups: session.groups(),
    };
    jobs::start(
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
            app.ui.message =
                Message::error(format!("not reloaded (the changes stay pending): {error}"));
            return;
        }
    };
    // The plan as read again must be the file that was opened (the runtime held it to the
    // folder): a name that now leads to another file is not taken as this plan.
    if reapplied.opened.loaded.real_path() != session.loaded.real_path() {
        let why = format!(
            "{}: it now leads to another file",
            reapplied.opened.loaded.path.display()
        );
        app.ui.message = Message::error(format!("not reloaded (the changes stay pending): {why}"));
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
        app.ui.message = Message::error(format!(
            "reloaded; none of the pending changes still apply: {dropped}"
        ));
    }
}
