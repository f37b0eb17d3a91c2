//! Editing from the plan view, as `update` applies it: start an edit session (read-only and
//! unsafe files refused with why), open a quick-edit prompt or the review, queue what they
//! decide as pending changes, undo, and the guards on leaving and quitting. The prompt's and
//! the review's own keys are in their layers.

use crate::plan::change::Change;
use crate::plan::lifecycle::Lifecycle;
use crate::plan::rules::next_free_need_number;

use crate::tui::action::Action;
use crate::tui::app::{App, Message, Overlay, Screen};
use crate::tui::form::Form;
use crate::tui::layers::prompt::new_plan::{self, NewPlanSetup};
use crate::tui::layers::prompt::quick_edit::{self, QuickEdit};
use crate::tui::layers::review::ReviewForm;
use crate::tui::layers::write;
use crate::tui::layers::write::jobs;
use crate::tui::layers::write::jobs::{AfterJob, EditWork, OpenedResult, PreviewResult};
use crate::tui::layers::write::session::EditSession;
use crate::tui::overlays::{Guard, Intent, Prompt, Purpose};

/// Actions of the plan view that edit.
pub fn is_edit(action: &Action) -> bool {
    matches!(
        action,
        Action::EditReviewDate
            | Action::EditStatus
            | Action::EditCategory
            | Action::EditNeed
            | Action::AddNeed
            | Action::EndNeed
            | Action::EditDispute
            | Action::EndAftercare
            | Action::NewDetention
            | Action::StartReview
            | Action::ShowPending
            | Action::Undo
            | Action::KeepOurs
            | Action::TakeTheirs
    )
}

fn open_file(app: &App) -> Option<usize> {
    match &app.nav.screen {
        Screen::Plan(screen) => Some(screen.file),
        _ => None,
    }
}

/// Make sure the open plan is being edited: `Ok(true)` when it is. Else its text is read for
/// editing by a job (`Ok(false)`), and `action` carried out once it has been read.
fn begin(app: &mut App, action: &Action) -> Result<bool, String> {
    if let Some(why) = &app.ui.read_only {
        return Err(why.clone());
    }
    let file = open_file(app).ok_or("open a plan first")?;
    if app.session.as_ref().is_some_and(|s| s.file == file) {
        return Ok(true);
    }
    let shown = &app.folder.files[file];
    let work = EditWork::Open {
        read: write::read_plan(app, shown.path.clone(), shown.display.clone()),
        for_editing: true,
    };
    let after = AfterJob::Begin {
        file,
        action: Box::new(action.clone()),
    };
    jobs::start(app, "reading the plan for editing", work, after);
    Ok(false)
}

/// The plan was read for editing: edit it (a plan changed on disk since the folder was read is
/// shown afresh) and carry out the edit key, or refuse with why it cannot be edited.
pub(crate) fn begun(app: &mut App, file: usize, action: Action, read: OpenedResult) {
    match start_session(app, file, read) {
        Ok(()) => plan_edit(app, action),
        Err(why) => app.ui.message = Message::error(why),
    }
}

fn start_session(app: &mut App, file: usize, read: OpenedResult) -> Result<(), String> {
    let (opened, why_not) = read?;
    let mut opened = *opened;
    if let Some(why) = why_not {
        return Err(why);
    }
    let shown = &app.folder.files[file];
    opened.loaded.display = app.name_in_folder(&shown.display);
    let plan = opened
        .file
        .plan
        .clone()
        .ok_or("the file can no longer be read as a plan")?;
    if shown.plan.as_ref() != Some(&plan) {
        app.ui.message = Message::info("the file had changed on disk: shown as it is now");
    }
    app.put_file(file, opened.file);
    app.session = Some(EditSession::new(file, opened.loaded, plan));
    Ok(())
}

/// An edit key in the plan view.
pub fn plan_edit(app: &mut App, action: Action) {
    match action {
        Action::Undo => return undo(app),
        Action::ShowPending => return write::show_pending(app, None),
        _ => {}
    }
    match begin(app, &action) {
        Ok(true) => {}
        Ok(false) => return,
        Err(why) => {
            app.ui.message = Message::error(why);
            return;
        }
    }
    if matches!(action, Action::KeepOurs | Action::TakeTheirs) {
        return super::conflicts::resolve(app, &action);
    }
    let (Some(session), Screen::Plan(screen)) = (&app.session, &app.nav.screen) else {
        return;
    };
    let plan = &session.current;
    let need = screen
        .need_for_edit(plan)
        .and_then(|index| plan.needs[index].id.clone());
    let need_or = |make: fn(String) -> QuickEdit| match &need {
        Some(id) => Ok(make(id.clone())),
        None => Err("select a need first (1 shows the needs; Up reaches the header)"),
    };
    let kind = match action {
        Action::StartReview => {
            let mut review = ReviewForm::new(plan, app.settings.today);
            // In meeting mode (unless the config shows costs) no need offers its money.
            if !app.shows_costs() {
                for step in &mut review.needs {
                    quick_edit::money::hide_money(&mut step.form);
                }
            }
            app.nav.overlays.push(Overlay::Review(Box::new(review)));
            refresh_top(app);
            return;
        }
        Action::EditReviewDate => Ok(match &need {
            Some(id) => QuickEdit::NeedReviewDate(id.clone()),
            None => QuickEdit::PlanReviewDate,
        }),
        Action::EditStatus => need_or(QuickEdit::Status),
        Action::EditCategory => need_or(QuickEdit::Category),
        Action::EditNeed => need_or(QuickEdit::Text),
        Action::EndNeed => match need_or(QuickEdit::EndNeed) {
            Ok(QuickEdit::EndNeed(id)) if !plan.need_by_id(&id).is_some_and(|n| n.is_current()) => {
                Err("that need is already ended or declined")
            }
            other => other,
        },
        Action::AddNeed => Ok(QuickEdit::AddNeed(format!(
            "N{}",
            next_free_need_number(plan)
        ))),
        Action::EditDispute if plan.responsible.dispute.is_some() => Ok(QuickEdit::ResolveDispute),
        Action::EditDispute => Ok(QuickEdit::OpenDispute),
        Action::EndAftercare if Lifecycle::of(plan, app.settings.today).is_ended() => {
            Err("S117 aftercare has already ended")
        }
        Action::EndAftercare if plan.is_ended() => Err(
            "an ending is already recorded (planned, or no longer holding): see the plan's banner",
        ),
        Action::EndAftercare => Ok(QuickEdit::EndAftercare),
        Action::NewDetention => Ok(QuickEdit::NewDetention),
        _ => return,
    };
    match kind {
        Ok(kind) => {
            let form = quick_edit::form(&kind, plan, app.settings.today);
            let prompt = Prompt {
                purpose: Purpose::Edit(kind),
                form,
            };
            app.nav.overlays.push(Overlay::Prompt(Box::new(prompt)));
            // A need edit offers no money in meeting mode (unless the config shows costs).
            quick_edit::money::hide_money_in_meeting(app);
            refresh_top(app);
        }
        Err(why) => app.ui.message = Message::error(why),
    }
}

fn undo(app: &mut App) {
    let in_this_plan = app
        .session
        .as_mut()
        .filter(|session| Some(session.file) == open_file_index(&app.nav.screen));
    app.ui.message = match in_this_plan.and_then(EditSession::undo) {
        Some(entry) => Message::info(format!("undone: {}", entry.describe())),
        None => Message::error("nothing to undo: no pending changes"),
    };
}

fn open_file_index(screen: &Screen) -> Option<usize> {
    match screen {
        Screen::Plan(screen) => Some(screen.file),
        _ => None,
    }
}

/// `n` on the plans list: the new-plan form.
pub fn start_new_plan(app: &mut App) {
    if let Some(why) = &app.ui.read_only {
        app.ui.message = Message::error(why.clone());
        return;
    }
    let setup = NewPlanSetup::of(&app.folder.path, &app.folder.files, &app.settings);
    let form = new_plan::form(&setup, &app.settings, app.ui.display.meeting);
    let prompt = Prompt {
        purpose: Purpose::NewPlan(Box::new(setup)),
        form,
    };
    app.nav.overlays.push(Overlay::Prompt(Box::new(prompt)));
    refresh_top(app);
}

/// Keys every form takes the same way; `true` when the action was one of them.
pub(crate) fn edit_form(form: &mut Form, action: &Action) -> bool {
    match action {
        Action::FormInput(c) => form.type_char(*c),
        Action::Paste(text) => form.paste(text),
        Action::FormBackspace => form.backspace(),
        Action::FormClear => form.clear(),
        Action::FormLeft => form.step(false),
        Action::FormRight => form.step(true),
        Action::FormHome => form.home_end(false),
        Action::FormEnd => form.home_end(true),
        Action::FormNext => {
            form.next_field();
        }
        _ => return false,
    }
    true
}

/// Bring the top prompt's or review's notes and live check up to date (not while a job
/// checks what it decided: the form waits for its answer as it is).
pub(crate) fn refresh_top(app: &mut App) {
    if app.jobs.working.is_some() {
        return;
    }
    let settings = app.settings;
    let plan = app.session.as_ref().map(|s| &s.current);
    match app.nav.overlays.last_mut() {
        Some(Overlay::Prompt(prompt)) => match (&prompt.purpose, plan) {
            (Purpose::Edit(kind), Some(plan)) => {
                quick_edit::refresh(kind, &mut prompt.form, plan, &settings)
            }
            (Purpose::NewPlan(setup), _) => new_plan::refresh(setup, &mut prompt.form, &settings),
            _ => {}
        },
        Some(Overlay::Review(review)) => {
            if let Some(plan) = plan {
                review.refresh(plan, &settings);
            }
        }
        _ => {}
    }
}

/// Queue the changes if the editor can make them on the file's text (an edit that would
/// reach an alias, say, is refused now rather than at write time): checked by a job.
pub(crate) fn queue(app: &mut App, changes: Vec<Change>, review: bool) {
    let Some(session) = app.session.as_ref() else {
        return;
    };
    let mut all = session.changes();
    all.extend(changes.iter().cloned());
    let work = EditWork::Preview {
        loaded: Box::new(session.loaded.clone()),
        changes: all,
        settings: app.settings,
    };
    let after = AfterJob::Queue { changes, review };
    jobs::start(app, "checking the change on the plan's text", work, after);
}

/// The changes were checked: queue them (and after a review show the diff), or say why not
/// in the prompt or the review, which stay open.
pub(crate) fn queued(app: &mut App, changes: Vec<Change>, review: bool, checked: PreviewResult) {
    let Some(session) = app.session.as_mut() else {
        return;
    };
    let (preview, issues) = match checked {
        Ok(checked) => checked,
        Err(failed) => {
            let why = match failed.refused_edit {
                Some(source) => format!("cannot be written here: {source}"),
                None => failed.message,
            };
            match app.nav.overlays.last_mut() {
                Some(Overlay::Prompt(prompt)) => prompt.form.refuse(None, why),
                Some(Overlay::Review(form)) => form.error = Some(why),
                _ => app.ui.message = Message::error(why),
            }
            return;
        }
    };
    let words = changes
        .iter()
        .map(|c| c.describe())
        .collect::<Vec<_>>()
        .join("; ");
    session.push_checked(changes, preview, issues);
    app.nav.overlays.pop();
    if review {
        write::show_pending(app, None);
    } else {
        app.ui.message = Message::info(format!("pending: {words}  (w shows the diff, u undoes)"));
    }
}

/// A prompt or the review with something typed in it is open.
fn form_open(app: &App) -> bool {
    app.nav.overlays.iter().any(|overlay| match overlay {
        Overlay::Prompt(prompt) => prompt.form.is_dirty(),
        Overlay::Review(review) => review.is_dirty(),
        _ => false,
    })
}

fn pending(app: &App) -> usize {
    app.session.as_ref().map_or(0, |s| s.entries.len())
}

fn guard(app: &mut App, intent: Intent) {
    if matches!(app.nav.overlays.last(), Some(Overlay::Guard(_))) {
        return;
    }
    let plan = app
        .session
        .as_ref()
        .and_then(|s| s.current.id.clone())
        .unwrap_or_else(|| "the plan".into());
    let guard = Guard {
        intent,
        plan,
        pending: pending(app),
        form_open: form_open(app),
    };
    app.nav.overlays.push(Overlay::Guard(guard));
}

/// `q` or Ctrl-c: quit, unless something would be lost; then ask.
pub fn request_quit(app: &mut App) {
    if pending(app) == 0 && !form_open(app) {
        app.ui.quit = true;
    } else {
        guard(app, Intent::Quit);
    }
}

/// Esc in the plan view: back to the list, unless changes are pending; then ask.
pub fn request_leave(app: &mut App) {
    if pending(app) > 0 {
        guard(app, Intent::Leave);
    } else {
        app.session = None;
        app.nav.screen = Screen::Dashboard;
    }
}
