//! The small dialogs: unsaved changes on leaving or quitting, yes/no over a form, the offer
//! to reload a plan that changed on disk, commit after a write, and leaving meeting mode.
//! One frame for all of them; their keys are in the hint bar below too.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use crate::tui::app::App;
use crate::tui::layers::commit::CommitOffer;
use crate::tui::overlays::{Confirm, Guard, Intent, ReloadOffer};
use crate::tui::text::{counted, wrap};

use crate::tui::layers::plan::tabs_view::hanging;

/// A centred box: a title, the body's paragraphs, then each key and what it does.
pub fn draw(
    app: &App,
    title: Span<'_>,
    body: &[String],
    keys: &[(&str, String)],
    frame: &mut Frame,
    area: Rect,
) {
    let theme = &app.ui.theme;
    let width = area.width.saturating_sub(4).min(64);
    let columns = usize::from(width.saturating_sub(4));
    let mut lines: Vec<Line> = Vec::new();
    for text in body {
        lines.extend(wrap(text, columns).into_iter().map(Line::from));
    }
    lines.push(Line::default());
    // The keys in one column, as wide as the widest of them and a space.
    let key_width = keys
        .iter()
        .map(|(key, _)| key.len())
        .max()
        .unwrap_or(0)
        .max(3)
        + 1;
    for (key, what) in keys {
        lines.extend(hanging(
            vec![Span::styled(format!("{key:<key_width$}"), theme.heading)],
            what,
            columns,
            Style::new(),
        ));
    }
    let height = (lines.len() as u16 + 2).min(area.height);
    let outer = Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    };
    let block = Block::bordered()
        .border_set(theme.focused_border)
        .padding(Padding::horizontal(1))
        .title(title);
    let inner = block.inner(outer);
    frame.render_widget(Clear, outer);
    frame.render_widget(block, outer);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// A dialog's title in the heading style.
fn heading<'a>(app: &App, title: &'a str) -> Span<'a> {
    Span::styled(format!(" {title} "), app.ui.theme.heading)
}

pub fn render_commit(app: &App, offer: &CommitOffer, frame: &mut Frame, area: Rect) {
    let body = [
        format!(
            "{} is written. Commit it to git with this message?",
            app.shown(&offer.display)
        ),
        format!("  {}", offer.message),
        "Only this file is committed; anything else staged stays as it is.".to_owned(),
    ];
    let keys = [
        ("y", "commit it (also Enter)".to_owned()),
        (
            "n",
            "not now: it stays written, marked uncommitted on the list (also Esc)".to_owned(),
        ),
    ];
    draw(
        app,
        heading(app, "Commit to git?"),
        &body,
        &keys,
        frame,
        area,
    );
}

pub fn render_guard(app: &App, guard: &Guard, frame: &mut Frame, area: Rect) {
    let then = match guard.intent {
        Intent::Quit => "quit",
        Intent::Leave => "go back to the plans list",
    };
    let mut body = Vec::new();
    if guard.pending > 0 {
        body.push(format!(
            "{} has {} not written to the file.",
            guard.plan,
            counted(guard.pending, "pending change")
        ));
    }
    if guard.form_open {
        body.push("What you are typing in the open form will be lost.".to_owned());
    }
    let mut keys = Vec::new();
    if guard.pending > 0 {
        keys.push(("w", format!("write them (the diff first), then {then}")));
    }
    keys.push(("d", format!("discard and {then}")));
    keys.push(("Esc", "stay, nothing lost".to_owned()));
    draw(
        app,
        heading(app, "Unsaved changes"),
        &body,
        &keys,
        frame,
        area,
    );
}

pub fn render_confirm(app: &App, confirm: Confirm, frame: &mut Frame, area: Rect) {
    let (title, body) = match confirm {
        Confirm::DiscardPrompt => (
            "Close the prompt?",
            "What you typed here will be lost; nothing is queued.",
        ),
        Confirm::StopReview => (
            "Stop the review?",
            "Everything entered in this review will be lost; nothing is queued.",
        ),
    };
    let keys = [
        ("y", "yes, lose it".to_owned()),
        ("n", "no, go on where you were (also Esc)".to_owned()),
    ];
    draw(
        app,
        heading(app, title),
        &[body.to_owned()],
        &keys,
        frame,
        area,
    );
}

pub fn render_reload(app: &App, offer: &ReloadOffer, frame: &mut Frame, area: Rect) {
    let body = [
        format!(
            "The file changed on disk since you opened it ({}). Nothing was written.",
            offer.what
        ),
        "Reload reads it as it is now and re-applies your changes; any that no longer apply \
         are listed, and the diff is shown again before anything is written."
            .to_owned(),
    ];
    let keys = [
        (
            "r",
            format!(
                "reload and re-apply {}",
                counted(offer.pending, "pending change")
            ),
        ),
        ("n/Esc", "back to the plan, changes kept".to_owned()),
    ];
    draw(
        app,
        heading(app, "Changed on disk"),
        &body,
        &keys,
        frame,
        area,
    );
}
