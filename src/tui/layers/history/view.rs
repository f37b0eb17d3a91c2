//! A plan's history in git: the commits (date, author, subject) above, the selected commit's
//! diff (or what changed since the last review) below, scrollable. Git's words are shown
//! inert; in meeting mode identifiers are hidden, including old values of identifying
//! fields that are no longer in the plan, in whatever YAML style each version wrote them
//! (authors' names stay: they are staff, not patients), and file names after the person.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding, Paragraph};

use crate::plan::privacy::{ALWAYS_HIDDEN_FIELDS, hide_identifying_lines};
use crate::store::git::Commit;
use crate::tui::app::App;
use crate::tui::layers::history::{HistoryPane, HistoryView};
use crate::tui::layout;
use crate::tui::redact::{Masker, knows_the_person};
use crate::tui::scroll_text::ScrollText;
use crate::tui::text::{counted, fit};

use crate::tui::layers::plan::tabs_view::hanging;
use crate::tui::layers::write::diff_view::diff_line;

fn block(app: &App, view: &HistoryView) -> Block<'static> {
    let uncommitted = if app.git.state.is_uncommitted(&view.path) {
        ", uncommitted changes"
    } else {
        ""
    };
    let count = if view.problem.is_some() || view.reading {
        String::new()
    } else {
        format!(" ({}{uncommitted})", counted(view.commits.len(), "commit"))
    };
    Block::bordered()
        .border_set(app.ui.theme.focused_border)
        .padding(Padding::horizontal(1))
        .title(Span::styled(
            format!(" History of {}{count} ", title(app, view)),
            app.ui.theme.heading,
        ))
}

/// The masker for what the history shows of the plan: when nothing is known of its person
/// (the plan cannot be read today), anything shaped like a date or an NHS number is hidden.
fn history_masker(app: &App) -> Masker {
    let mask = app.masker();
    if knows_the_person(app.open_file()) {
        mask
    } else {
        mask.hiding_shapes()
    }
}

/// The plan's id, or its file's name (in meeting mode hidden unless it looks like an id).
fn title(app: &App, view: &HistoryView) -> String {
    match &view.id {
        Some(id) => app.shown(id).into_owned(),
        None => app.shown_path(&view.plan, None),
    }
}

/// `2026-11-28  A. Author  subject`, and `(as old/path.yaml)` before a rename.
fn commit_line(app: &App, view: &HistoryView, commit: &Commit, columns: usize) -> String {
    let current = view
        .commits
        .first()
        .map(|commit| commit.path.as_str())
        .unwrap_or_default();
    let date = commit.day();
    let renamed = if commit.path == current {
        String::new()
    } else {
        format!(
            "  (as {})",
            app.shown_path(&commit.path, view.id.as_deref())
        )
    };
    let text = format!(
        "{date}  {}  {}{renamed}",
        commit.author,
        history_masker(app).shown(&commit.subject)
    );
    fit(&text, columns, app.ui.theme.symbols.ellipsis)
}

/// The lower pane: a heading, a note when the newest review is not committed yet, then the
/// diff (or why there is none).
fn pane_lines(app: &App, view: &HistoryView, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mut lines = Vec::new();
    let heading = match &view.pane {
        HistoryPane::SinceReview(since) => since.heading.clone(),
        HistoryPane::Commit => match view.commits.get(view.selected) {
            Some(commit) => format!("Commit {} by {}", commit.short_hash(), commit.author),
            None => String::new(),
        },
    };
    if !heading.is_empty() {
        lines.extend(hanging(Vec::new(), &heading, columns, theme.heading));
    }
    if let HistoryPane::SinceReview(since) = &view.pane
        && let Some(note) = &since.note
    {
        lines.extend(hanging(Vec::new(), note, columns, theme.warning));
    }
    match view.pane_text() {
        Ok(text) => {
            let text = if app.ui.display.meeting {
                let mut fields: Vec<&str> = ALWAYS_HIDDEN_FIELDS.to_vec();
                fields.extend(app.ui.display.identifying_fields.iter().map(String::as_str));
                hide_identifying_lines(text, &fields)
            } else {
                text.to_owned()
            };
            let mask = history_masker(app);
            lines.extend(
                text.lines()
                    .map(|line| diff_line(theme, &mask.shown(line), columns)),
            );
        }
        Err(why) => lines.extend(hanging(Vec::new(), &app.shown(why), columns, theme.muted)),
    }
    lines
}

pub fn render(app: &App, view: &HistoryView, frame: &mut Frame, area: Rect) {
    let theme = &app.ui.theme;
    let block = block(app, view);
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let columns = usize::from(inner.width);
    if let Some(problem) = &view.problem {
        let mut lines = hanging(Vec::new(), &app.shown(problem), columns, theme.warning);
        if view.git_missing {
            lines.push(Line::default());
            lines.extend(hanging(
                Vec::new(),
                "History comes from git: the plans folder must be in a git repository, with git \
             installed. Everything else in aftercare works without it.",
                columns,
                theme.muted,
            ));
        }
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    if view.reading {
        let lines = hanging(Vec::new(), "reading the history...", columns, theme.muted);
        frame.render_widget(Paragraph::new(lines), inner);
        return;
    }
    let areas = layout::history_areas(inner, view.commits.len());
    let list = areas.list;
    let page = usize::from(list.height);
    let offset = (view.selected + 1).saturating_sub(page);
    let showing_commit = view.pane == HistoryPane::Commit;
    let commit_lines: Vec<Line> = view
        .commits
        .iter()
        .enumerate()
        .skip(offset)
        .take(page)
        .map(|(index, commit)| {
            let selected = index == view.selected;
            let marker = if selected {
                theme.symbols.selected
            } else {
                "  "
            };
            let text = commit_line(app, view, commit, columns.saturating_sub(2));
            let style = if selected && showing_commit {
                theme.selected
            } else {
                Style::new()
            };
            Line::styled(format!("{marker}{text}"), style)
        })
        .collect();
    frame.render_widget(Paragraph::new(commit_lines), list);
    let (Some(rule), Some(pane)) = (areas.rule, areas.pane) else {
        return;
    };
    frame.render_widget(
        Line::styled(theme.border.horizontal_top.repeat(columns), theme.muted),
        rule,
    );
    let lines = pane_lines(app, view, columns);
    frame.render_widget(ScrollText::new(lines, &view.scroll), pane);
}
