//! Merge conflicts recorded in the plan (`conflicts:`, written by the plan merge driver): a
//! line each above the tabs with both values and who made each, and the keys that resolve the
//! first one (O keeps this plan's value, T takes the other's) as a normal edit: the diff is
//! shown before anything is written.

use ratatui::text::Line;

use crate::plan::change::{Change, ConflictChoice};
use crate::plan::model::{Plan, RecordedConflict};
use crate::tui::action::Action;
use crate::tui::app::{App, Message};
use crate::tui::text::fit;

use super::editing;

/// How many conflicts the banner lists (the rest are counted).
const LISTED: usize = 3;

/// Lines for the plan's banner: the conflicts to resolve, first one first.
pub fn banner(app: &App, plan: &Plan, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mut lines = Vec::new();
    for (index, conflict) in plan.conflicts.iter().take(LISTED).enumerate() {
        let keys = if index == 0 {
            ": O keeps this, T takes the other"
        } else {
            ""
        };
        let text = format!(
            " CONFLICT TO RESOLVE {}: this plan {} ({}); the other change {} ({}){keys}",
            conflict.path.as_deref().unwrap_or("?"),
            value(app, conflict, &conflict.ours),
            RecordedConflict::who(&conflict.ours_author, &conflict.ours_date),
            value(app, conflict, &conflict.theirs),
            RecordedConflict::who(&conflict.theirs_author, &conflict.theirs_date),
        );
        let text = crate::tui::text::one_line(&app.shown(&text));
        lines.push(Line::styled(
            fit(&text, columns, theme.symbols.ellipsis),
            theme.warning.patch(theme.heading),
        ));
    }
    if plan.conflicts.len() > LISTED {
        lines.push(Line::styled(
            format!(
                " ... and {} more conflicts (5 Findings)",
                plan.conflicts.len() - LISTED
            ),
            theme.warning,
        ));
    }
    lines
}

/// A value as the banner shows it: hidden in meeting mode when it is about the person.
fn value(app: &App, conflict: &RecordedConflict, value: &serde_yaml::Value) -> String {
    let about_person = conflict
        .path
        .as_deref()
        .is_some_and(|path| path.starts_with("person."));
    if app.ui.display.meeting && about_person {
        "[hidden]".to_owned()
    } else {
        RecordedConflict::shown(value)
    }
}

/// O or T on a plan being edited: queue the choice for the first conflict and show the diff.
pub fn resolve(app: &mut App, action: &Action) {
    let take_theirs = matches!(action, Action::TakeTheirs);
    let Some(session) = app.session.as_ref() else {
        return;
    };
    match ConflictChoice::first(&session.current, take_theirs) {
        Some(choice) => editing::queue(app, vec![Change::ResolveConflict(choice)], true),
        None => app.ui.message = Message::error("this plan has no merge conflict to resolve"),
    }
}
