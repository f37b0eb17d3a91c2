//! A form drawn as lines: intro, one row per shown field (a date shows the date it
//! understood as you type, and its warnings), notes, then what the result would break.
//! Used by the prompt box here and by the review's steps.

use ratatui::Frame;
use ratatui::layout::{Position, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::app::App;
use crate::tui::form::{Field, FieldKind, Form, read_date, suggest, understood_label};
use crate::tui::overlays::Prompt;
use crate::tui::text::{truncate, width, wrap};
use crate::tui::theme::Theme;

use crate::tui::layers::plan::tabs_view::hanging;

/// A form's lines, the line the focused field is on, and where its cursor goes
/// (line, column), when it has one.
pub struct FormLines {
    pub lines: Vec<Line<'static>>,
    pub focus_line: usize,
    /// The line after the focused field's notes (what it understood, its rule, its warning):
    /// kept in view with the field.
    pub focus_end: usize,
    pub cursor: Option<(usize, usize)>,
}

/// The visible part of a text field: its start when it does not have the keys, else the part
/// that keeps the cursor in view; and the cursor's column.
fn visible_text(text: &str, cursor: usize, room: usize, focused: bool) -> (String, usize) {
    if !focused {
        return (truncate(text, room, "…"), 0);
    }
    let chars: Vec<char> = text.chars().collect();
    let start = cursor.saturating_sub(room.saturating_sub(1));
    let shown: String = chars[start.min(chars.len())..].iter().collect();
    let shown = truncate(&shown, room, "");
    let before: String = chars[start.min(chars.len())..cursor.min(chars.len())]
        .iter()
        .collect();
    (shown, width(&before))
}

fn note_line(indent: usize, text: &str, style: Style, columns: usize) -> Vec<Line<'static>> {
    hanging(vec![Span::raw(" ".repeat(indent))], text, columns, style)
}

/// What `→` would add to a name field's text, when it suggests a known name.
fn completion_rest(field: &Field, typed: &str) -> Option<String> {
    let FieldKind::Suggest(_, known) = &field.kind else {
        return None;
    };
    let name = suggest::completion(typed, known)?;
    Some(
        name.chars()
            .skip(typed.trim_start().chars().count())
            .collect(),
    )
}

/// Under a name field: the known names that fit (`→` completes), or that the name is new.
fn suggest_note(typed: &str, known: &[String]) -> String {
    if known.is_empty() {
        return "No plan in this folder names one yet: type the name.".to_owned();
    }
    if suggest::known_spelling(typed, known).is_some() {
        return "Known in this folder.".to_owned();
    }
    if typed.trim().is_empty() && known.len() > 2 {
        return format!(
            "{} names in this folder: type to narrow them (→ completes).",
            known.len()
        );
    }
    let fitting = suggest::matching(typed, known);
    if fitting.is_empty() {
        return "A new name, not in any plan of this folder: check the spelling.".to_owned();
    }
    let complete = if suggest::completion(typed, known).is_some() {
        " (→ completes)"
    } else {
        ""
    };
    const SHOWN: usize = 4;
    let more = match fitting.len().saturating_sub(SHOWN) {
        0 => String::new(),
        more => format!("; and {more} more"),
    };
    let names: Vec<&str> = fitting.into_iter().take(SHOWN).collect();
    format!("Known{complete}: {}{more}", names.join("; "))
}

/// The lines of a form `columns` wide.
pub fn form_lines(theme: &Theme, form: &Form, columns: usize) -> FormLines {
    let mut lines: Vec<Line<'static>> = Vec::new();
    for text in &form.intro {
        lines.extend(hanging(vec![], text, columns, theme.muted));
    }
    if !form.intro.is_empty() {
        lines.push(Line::default());
    }
    let visible = form.visible();
    let label_width = visible
        .iter()
        .map(|i| width(&form.fields[*i].label))
        .max()
        .unwrap_or(0)
        .min(24);
    let indent = 2 + label_width + 2;
    let room = columns.saturating_sub(indent).max(8);
    let mut focus_line = 0;
    let mut focus_end = 0;
    let mut cursor = None;
    for index in visible {
        let field = &form.fields[index];
        let focused = index == form.focus;
        if focused {
            focus_line = lines.len();
        }
        let marker = if focused {
            theme.symbols.selected
        } else {
            "  "
        };
        let label_style = if focused { theme.heading } else { theme.muted };
        let label = format!(
            "{:<label_width$}  ",
            truncate(&field.label, label_width, ".")
        );
        let mut spans = vec![Span::raw(marker), Span::styled(label, label_style)];
        let mut notes: Vec<(String, Style)> = Vec::new();
        match &field.kind {
            FieldKind::Text(input)
            | FieldKind::Date(input, _)
            | FieldKind::Number(input, ..)
            | FieldKind::Suggest(input, _) => {
                let (shown, at) = visible_text(input.text(), input.cursor(), room, focused);
                if focused {
                    cursor = Some((lines.len(), indent + at));
                }
                let style = if focused {
                    theme.selected
                } else {
                    Style::new()
                };
                if focused && input.is_selected() {
                    // The whole value is selected: typing replaces it (shown underlined).
                    let rest = room.saturating_sub(shown.chars().count());
                    spans.push(Span::styled(
                        shown,
                        style.add_modifier(Modifier::UNDERLINED),
                    ));
                    spans.push(Span::styled(" ".repeat(rest), style));
                } else if focused {
                    // The rest of a suggested name, greyed after the cursor (`→` takes it).
                    let at_end = input.cursor() == input.text().chars().count();
                    let ghost = completion_rest(field, input.text())
                        .filter(|_| at_end)
                        .map(|rest| truncate(&rest, room.saturating_sub(width(&shown)), "…"))
                        .unwrap_or_default();
                    let padding = room.saturating_sub(width(&shown) + width(&ghost));
                    spans.push(Span::styled(shown, style));
                    spans.push(Span::styled(ghost, style.patch(theme.muted)));
                    spans.push(Span::styled(" ".repeat(padding), style));
                } else {
                    spans.push(Span::styled(shown, style));
                }
                if focused && let FieldKind::Suggest(input, known) = &field.kind {
                    notes.push((suggest_note(input.text(), known), theme.muted));
                }
            }
            FieldKind::Choice(options, selected) => {
                let label = options.get(*selected).map_or("", |o| o.label.as_str());
                if focused {
                    spans.push(Span::styled(format!("< {label} >"), theme.selected));
                    notes.push((
                        format!("Left/Right or a first letter: {} options", options.len()),
                        theme.muted,
                    ));
                } else {
                    spans.push(Span::raw(label.to_owned()));
                }
            }
            FieldKind::Checklist {
                options,
                checked,
                cursor: at,
            } => {
                let mut row: Vec<Span<'static>> = Vec::new();
                let mut used = 0;
                for (i, (option, on)) in options.iter().zip(checked).enumerate() {
                    let item = format!("[{}] {option}", if *on { "x" } else { " " });
                    if used > 0 && used + 2 + width(&item) > room {
                        spans.append(&mut row);
                        lines.push(Line::from(std::mem::take(&mut spans)));
                        spans = vec![Span::raw(" ".repeat(indent))];
                        used = 0;
                    }
                    if used > 0 {
                        row.push(Span::raw("  "));
                        used += 2;
                    }
                    used += width(&item);
                    let style = if focused && i == *at {
                        theme.selected
                    } else {
                        Style::new()
                    };
                    row.push(Span::styled(item, style));
                }
                spans.append(&mut row);
            }
        }
        lines.push(Line::from(spans));
        if let FieldKind::Date(input, rule) = &field.kind
            && !input.text().trim().is_empty()
        {
            let reading = read_date(input.text(), *rule, form.today);
            match reading.understood {
                Ok(date) => notes.push((format!("= {}", understood_label(date)), theme.heading)),
                Err(why) => notes.push((why, theme.warning)),
            }
            for warning in reading.warnings {
                notes.push((format!("! {warning}"), theme.warning));
            }
        } else if let Some(problem) = form.problem(index).filter(|_| !field.value().is_empty()) {
            notes.push((problem, theme.warning));
        }
        if let Some(alert) = &field.alert {
            notes.push((alert.clone(), theme.error));
        }
        if let Some(note) = &field.note {
            notes.push((note.clone(), theme.muted));
        }
        for (text, style) in notes {
            lines.extend(note_line(indent, &text, style, columns));
        }
        if focused {
            focus_end = lines.len();
        }
    }
    lines.extend(feedback_lines(theme, form, columns));
    FormLines {
        lines,
        focus_line,
        focus_end,
        cursor,
    }
}

/// What the result would break (errors block), and why the last Enter was refused.
pub fn feedback_lines(theme: &Theme, form: &Form, columns: usize) -> Vec<Line<'static>> {
    issue_lines(
        theme,
        &form.feedback.errors,
        &form.feedback.warnings,
        form.error.as_deref(),
        columns,
    )
}

pub fn issue_lines(
    theme: &Theme,
    errors: &[String],
    warnings: &[String],
    refused: Option<&str>,
    columns: usize,
) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    if errors.is_empty() && warnings.is_empty() && refused.is_none() {
        return lines;
    }
    lines.push(Line::default());
    for error in errors {
        lines.extend(hanging(
            vec![Span::styled("ERROR ", theme.error)],
            &format!("{error} (blocks the write)"),
            columns,
            theme.error,
        ));
    }
    for warning in warnings {
        lines.extend(hanging(
            vec![Span::styled("warning ", theme.warning)],
            warning,
            columns,
            Style::new(),
        ));
    }
    if let Some(refused) = refused {
        for line in wrap(refused, columns) {
            lines.push(Line::styled(line, theme.error));
        }
    }
    lines
}

/// Scroll so the focused line stays in view, and draw; the cursor goes where it belongs.
pub fn draw_lines(frame: &mut Frame, area: Rect, form_lines: FormLines) {
    let height = usize::from(area.height);
    // The focused field, its notes and a line after; never scrolled past the field itself.
    let want_end = (form_lines.focus_line + 2).max(form_lines.focus_end + 1);
    let offset = want_end
        .saturating_sub(height)
        .min(form_lines.focus_line)
        .min(form_lines.lines.len().saturating_sub(height));
    let visible: Vec<Line> = form_lines
        .lines
        .into_iter()
        .skip(offset)
        .take(height)
        .collect();
    frame.render_widget(Paragraph::new(visible), area);
    if let Some((line, column)) = form_lines.cursor
        && line >= offset
        && line < offset + height
    {
        let x = area.x + column.min(usize::from(area.width.saturating_sub(1))) as u16;
        frame.set_cursor_position(Position::new(x, area.y + (line - offset) as u16));
    }
}

/// The box a prompt is drawn in: centred, at most 78 columns wide, as tall as it needs.
fn frame_area(area: Rect, lines: usize) -> Rect {
    let width = area.width.saturating_sub(2).min(78);
    let height = (lines as u16 + 2).clamp(5, area.height.saturating_sub(1).max(5));
    let height = height.min(area.height);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

pub fn render(app: &App, prompt: &Prompt, frame: &mut Frame, area: Rect) {
    let theme = &app.ui.theme;
    let columns = usize::from(area.width.saturating_sub(2).min(78).saturating_sub(4));
    let built = form_lines(theme, &prompt.form, columns);
    let outer = frame_area(area, built.lines.len());
    let block = Block::bordered()
        .border_set(theme.focused_border)
        .title(Span::styled(
            format!(" {} ", prompt.form.title),
            theme.heading,
        ));
    let inner = block.inner(outer);
    let inner = Rect {
        x: inner.x + 1,
        width: inner.width.saturating_sub(2),
        ..inner
    };
    frame.render_widget(Clear, outer);
    frame.render_widget(block, outer);
    draw_lines(frame, inner, built);
}
