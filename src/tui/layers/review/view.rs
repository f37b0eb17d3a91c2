//! The guided review, drawn over the plan: which step of how many, the step's form (a need's
//! step shows the need first; the new-needs step lists those added), and on the last step
//! everything that will be recorded.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Padding};

use crate::plan::dates::format_uk;
use crate::plan::model::Plan;
use crate::tui::app::App;
use crate::tui::layers::review::{ReviewForm, Step};
use crate::tui::text::{counted, fit, one_line};

use crate::tui::layers::plan::tabs_view::hanging;
use crate::tui::layers::prompt::view::{FormLines, draw_lines, form_lines, issue_lines};
use crate::tui::layout::split_rows;

/// The steps as a strip (`Meeting > Attendees > [N1] > N2 ...`), cut to fit.
fn strip(app: &App, review: &ReviewForm, columns: usize) -> Line<'static> {
    let current = review.step;
    let mut spans = Vec::new();
    for (index, step) in review.steps().into_iter().enumerate() {
        let name = match step {
            Step::Meeting => "Meeting".to_owned(),
            Step::Attendees => "Attendees".to_owned(),
            Step::Need(i) => review.needs[i].id.clone(),
            Step::NewNeeds => "New".to_owned(),
            Step::Voice => "Voice".to_owned(),
            Step::Outcome => "Outcome".to_owned(),
            Step::NextReview => "Next".to_owned(),
            Step::Check => "Check".to_owned(),
        };
        if index > 0 {
            spans.push(Span::styled(" > ", app.ui.theme.muted));
        }
        if index == current {
            spans.push(Span::styled(format!("[{name}]"), app.ui.theme.selected));
        } else if index < current {
            spans.push(Span::raw(name));
        } else {
            spans.push(Span::styled(name, app.ui.theme.muted));
        }
    }
    let line = Line::from(spans);
    if line.width() <= columns {
        return line;
    }
    // Too long: where we are, and the steps either side.
    let steps = review.steps();
    let mut text = format!("step {} of {}", current + 1, steps.len());
    if current > 0 {
        text.push_str(&format!(
            "   back: {}",
            review.step_title(steps[current - 1])
        ));
    }
    if let Some(next) = steps.get(current + 1) {
        text.push_str(&format!("   next: {}", review.step_title(*next)));
    }
    Line::styled(
        fit(&text, columns, app.ui.theme.symbols.ellipsis),
        app.ui.theme.muted,
    )
}

fn check_lines(app: &App, review: &ReviewForm, plan: &Plan, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mut lines = Vec::new();
    let field = |label: &str, value: String| -> Vec<Line<'static>> {
        hanging(
            vec![Span::styled(format!("{label:<17}"), theme.muted)],
            &value,
            columns,
            Style::new(),
        )
    };
    let date = review
        .meeting
        .date("date")
        .map(format_uk)
        .unwrap_or_default();
    lines.extend(field("Meeting", date));
    let attendees = review.attendee_list();
    let attended = if attendees.is_empty() {
        "(nobody recorded)".to_owned()
    } else {
        attendees.join(", ")
    };
    lines.extend(field("Attended", attended));
    lines.extend(field("Person involved", review.meeting.value("involved")));
    lines.extend(field(
        "Outcome",
        review.outcome.value("outcome").replace('_', " "),
    ));
    let next = review.next.date("date").map(format_uk).unwrap_or_default();
    lines.extend(field("Next review", next));
    lines.push(Line::default());
    match review.changes(plan) {
        Ok(changes) => {
            let recorded: Vec<String> = changes
                .iter()
                .filter(|c| !matches!(c, crate::plan::change::Change::RecordReview { .. }))
                .map(|c| c.describe())
                .collect();
            lines.push(Line::styled(
                format!("Changes recorded ({}):", recorded.len()),
                theme.heading,
            ));
            if recorded.is_empty() {
                lines.push(Line::styled(
                    "  none: the plan continues as it is",
                    theme.muted,
                ));
            }
            for change in recorded {
                lines.extend(hanging(
                    vec![Span::raw(format!("  {} ", theme.symbols.bullet))],
                    &change,
                    columns,
                    Style::new(),
                ));
            }
        }
        Err(why) => lines.push(Line::styled(why, theme.error)),
    }
    lines.push(Line::default());
    lines.extend(hanging(
        vec![],
        "Enter records the review and shows the diff; nothing is written until y there.",
        columns,
        theme.muted,
    ));
    lines
}

pub fn render(app: &App, review: &ReviewForm, frame: &mut Frame, area: Rect) {
    let theme = &app.ui.theme;
    let plan = app.session.as_ref().map(|s| &s.current);
    let id = plan.and_then(|p| p.id.clone()).unwrap_or_default();
    let step = review.current();
    let block = Block::bordered()
        .border_set(theme.focused_border)
        .padding(Padding::horizontal(1))
        .title(Span::styled(
            format!(" Review {id}: {} ", review.step_title(step)),
            theme.heading,
        ));
    let inner = block.inner(area);
    frame.render_widget(Clear, area);
    frame.render_widget(block, area);
    let columns = usize::from(inner.width);
    let (top, body) = split_rows(inner, 2);
    frame.render_widget(strip(app, review, columns), top);
    let built = match (step, review.form(), plan) {
        (Step::Check, _, Some(plan)) => {
            let mut lines = check_lines(app, review, plan, columns);
            lines.extend(issue_lines(
                theme,
                &review.feedback.errors,
                &review.feedback.warnings,
                review.error.as_deref(),
                columns,
            ));
            FormLines {
                lines,
                focus_line: 0,
                focus_end: 0,
                cursor: None,
            }
        }
        (_, Some(form), _) => {
            let mut built = form_lines(theme, form, columns);
            let mut head: Vec<Line<'static>> = Vec::new();
            if step == Step::NewNeeds {
                head.push(Line::styled(
                    format!("Added so far: {}", counted(review.added.len(), "need")),
                    theme.heading,
                ));
                for need in &review.added {
                    let text = one_line(need.need.as_deref().unwrap_or(""));
                    let category = need.category.map(|c| c.to_string()).unwrap_or_default();
                    head.push(Line::from(format!(
                        "  {} {text} ({category})",
                        need.id.as_deref().unwrap_or("?")
                    )));
                }
                head.extend(hanging(
                    vec![],
                    "Fill in a need and press Enter on its last field to add it; \
                     with Need empty, Enter goes on.",
                    columns,
                    theme.muted,
                ));
                head.push(Line::default());
            }
            if !review.feedback.errors.is_empty() {
                let errors = &review.feedback.errors;
                built
                    .lines
                    .extend(issue_lines(theme, errors, &[], None, columns));
            }
            if step == Step::Attendees && review.attendee_list().is_empty() {
                built.lines.push(Line::default());
                built.lines.extend(hanging(
                    vec![],
                    "no one is ticked as attending yet: tick who was at the review",
                    columns,
                    theme.warning,
                ));
            }
            let shift = head.len();
            head.append(&mut built.lines);
            FormLines {
                lines: head,
                focus_line: built.focus_line + shift,
                focus_end: built.focus_end + shift,
                cursor: built.cursor.map(|(line, column)| (line + shift, column)),
            }
        }
        _ => FormLines {
            lines: Vec::new(),
            focus_line: 0,
            focus_end: 0,
            cursor: None,
        },
    };
    draw_lines(frame, body, built);
}
