//! The review's keys, as `update` applies them: each step's form, back and forward, and on
//! the last step the changes queued as one entry and the diff shown.

use crate::tui::action::Action;
use crate::tui::app::{App, Overlay};
use crate::tui::layers::plan::editing::{edit_form, queue, refresh_top};
use crate::tui::overlays::Confirm;

use super::Advance;

/// Keys in the review: type, move between fields and steps, finish, Esc.
pub fn update(app: &mut App, action: Action) {
    let Some(plan) = app.session.as_ref().map(|s| s.current.clone()) else {
        app.nav.overlays.pop();
        return;
    };
    let Some(Overlay::Review(review)) = app.nav.overlays.last_mut() else {
        return;
    };
    let handled = review
        .form_mut()
        .is_some_and(|form| edit_form(form, &action));
    if !handled {
        match action {
            // On a step's first field, Shift-Tab goes back a step.
            Action::FormPrevious if !review.form_mut().is_some_and(|f| f.previous_field()) => {
                review.back();
            }
            Action::StepBack => {
                review.back();
            }
            Action::StepForward if review.forward(&plan) == Advance::Finish => {
                return finish_review(app);
            }
            Action::FormSubmit if review.enter(&plan) == Advance::Finish => {
                return finish_review(app);
            }
            Action::FormCancel if review.is_dirty() => {
                app.nav.overlays.push(Overlay::Confirm(Confirm::StopReview));
            }
            Action::FormCancel => {
                app.nav.overlays.pop();
            }
            _ => {}
        }
    }
    refresh_top(app);
}

/// Enter on the review's last step: queue its changes as one entry and show the diff.
fn finish_review(app: &mut App) {
    refresh_top(app);
    let Some(session) = app.session.as_mut() else {
        return;
    };
    let Some(Overlay::Review(review)) = app.nav.overlays.last_mut() else {
        return;
    };
    if !review.feedback.errors.is_empty() {
        review.error = Some("refused: fix the error above first (PgUp goes back to it)".to_owned());
        return;
    }
    match review.changes(&session.current) {
        Err(why) => review.error = Some(why),
        Ok(changes) => queue(app, changes, true),
    }
}
