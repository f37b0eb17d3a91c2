//! A prompt: a quick edit of a plan, or a new plan, as a form in a box.

pub mod new_plan;
pub mod quick_edit;
pub mod view;

use crate::plan::template::render;
use crate::store::diff::new_file_diff;
use crate::tui::action::Action;
use crate::tui::app::{App, Message, Overlay};
use crate::tui::keymap::layer_keys;
use crate::tui::layers::dashboard::filters;
use crate::tui::layers::plan::editing::{edit_form, queue, refresh_top};
use crate::tui::overlays::{Confirm, DiffView, Purpose, WriteTarget};
use crate::tui::scroll_text::TextScroll;

/// The keys of the question over a prompt or the review.
pub const CONFIRM_KEYS: &[Action] = &[Action::ConfirmYes, Action::ConfirmNo, Action::ShowHelp];

/// The keys of this layer, in the order the help lists them.
pub const KEYS: &[Action] = layer_keys![
    Action::FormSubmit,
    Action::FormNext,
    Action::FormCancel,
    @form_editing;
    Action::ShowHelp,
    Action::Quit,
];

/// Keys in a prompt: type, move between fields, Enter (submit on the last), Esc.
pub fn update(app: &mut App, action: Action) {
    let Some(Overlay::Prompt(prompt)) = app.nav.overlays.last_mut() else {
        return;
    };
    let form = &mut prompt.form;
    if !edit_form(form, &action) {
        match action {
            Action::FormPrevious => {
                form.previous_field();
            }
            // Enter moves to the next field; on the last one it submits.
            Action::FormSubmit if !form.next_field() => submit(app),
            Action::FormCancel if form.is_dirty() => {
                app.nav
                    .overlays
                    .push(Overlay::Confirm(Confirm::DiscardPrompt));
            }
            Action::FormCancel => {
                app.nav.overlays.pop();
            }
            _ => {}
        }
    }
    refresh_top(app);
}

/// Enter on a prompt's last field: queue its changes, or show the new plan's file.
fn submit(app: &mut App) {
    refresh_top(app);
    let Some(Overlay::Prompt(prompt)) = app.nav.overlays.last_mut() else {
        return;
    };
    if let Some((at, why)) = prompt.form.first_problem() {
        prompt.form.refuse(Some(at), why);
        return;
    }
    if !prompt.form.feedback.errors.is_empty() {
        let why = "refused: fix the error above first (Esc cancels)".to_owned();
        prompt.form.refuse(None, why);
        return;
    }
    match &prompt.purpose {
        Purpose::Edit(kind) => {
            let Some(session) = app.session.as_mut() else {
                return;
            };
            match quick_edit::changes(kind, &prompt.form, &session.current) {
                Err(why) => prompt.form.refuse(None, why),
                Ok(changes) if changes.is_empty() => {
                    app.nav.overlays.pop();
                    app.ui.message = Message::info("nothing changed");
                }
                Ok(changes) => queue(app, changes, false),
            }
        }
        Purpose::Filter => filters::apply(app),
        Purpose::NewPlan(setup) => match new_plan::build(setup, &prompt.form) {
            Err(why) => prompt.form.refuse(None, why),
            Ok((plan, path)) => {
                let text = render(&plan);
                let display = path.to_string_lossy().into_owned();
                let view = DiffView {
                    title: format!("Create {display}?"),
                    changes: vec![format!("new plan {} ({})", plan.id, plan.initials)],
                    notes: Vec::new(),
                    diff: new_file_diff(&display, &text),
                    blocked: Vec::new(),
                    scroll: TextScroll::top(),
                    then: None,
                    target: WriteTarget::NewPlan {
                        path,
                        display,
                        text,
                    },
                    error: None,
                };
                app.nav.overlays.push(Overlay::Diff(Box::new(view)));
            }
        },
    }
}

/// The question over a prompt or the review: discard what was typed?
pub fn update_confirm(app: &mut App, action: Action) {
    match action {
        Action::ConfirmYes => {
            app.nav.overlays.pop();
            app.nav.overlays.pop();
            app.ui.message = Message::info("cancelled: nothing was queued");
        }
        Action::ConfirmNo => {
            app.nav.overlays.pop();
        }
        _ => {}
    }
}
