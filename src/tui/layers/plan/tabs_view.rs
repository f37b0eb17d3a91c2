//! The plan view's text tabs (the person's voice, crisis plan, reviews, findings) as lines
//! wrapped to a width, drawn by the scrolled-text widget.

use ratatui::style::Style;
use ratatui::text::{Line, Span};

use crate::plan::dates::format_uk;
use crate::plan::finding::{Finding, Severity};
use crate::plan::lifecycle::Lifecycle;
use crate::plan::model::Plan;
use crate::tui::action::PlanTab;
use crate::tui::app::App;
use crate::tui::layers::dashboard::summary::{ReviewState, plan_review_state};
use crate::tui::strings;
use crate::tui::text::{width, wrap};
use crate::tui::theme::Theme;

/// Lines of `text` wrapped to `columns`, the first after `lead`, the rest indented to line up.
pub fn hanging(
    lead: Vec<Span<'static>>,
    text: &str,
    columns: usize,
    style: Style,
) -> Vec<Line<'static>> {
    let indent: usize = lead.iter().map(|span| span.width()).sum();
    let room = columns.saturating_sub(indent).max(8);
    let mut lines = Vec::new();
    for (index, part) in wrap(text, room).into_iter().enumerate() {
        let mut spans = if index == 0 {
            lead.clone()
        } else {
            vec![Span::raw(" ".repeat(indent))]
        };
        spans.push(Span::styled(part, style));
        lines.push(Line::from(spans));
    }
    lines
}

fn heading(text: &str, theme: &Theme) -> Line<'static> {
    Line::styled(text.to_owned(), theme.heading)
}

fn not_recorded(text: &str, theme: &Theme) -> Line<'static> {
    Line::styled(format!("  {text}"), theme.muted)
}

/// The lines of a text tab (not `Needs`, which is drawn as columns).
pub fn tab_lines(
    app: &App,
    findings: &[Finding],
    plan: &Plan,
    tab: PlanTab,
    columns: usize,
) -> Vec<Line<'static>> {
    match tab {
        PlanTab::Needs => Vec::new(),
        PlanTab::Voice => voice(app, plan, columns),
        PlanTab::Crisis => crisis(app, plan, columns),
        PlanTab::Reviews => reviews(app, plan, columns),
        PlanTab::Findings => finding_lines(app, findings, columns),
    }
}

fn voice(app: &App, plan: &Plan, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mask = app.masker();
    let voice = plan.patient_voice.clone().unwrap_or_default();
    let mut lines = Vec::new();
    for (title, text) in [("Goals", voice.goals), ("Views", voice.views)] {
        lines.push(heading(title, theme));
        match text {
            Some(text) => lines.extend(hanging(
                vec![Span::raw("  ")],
                &mask.shown(&text),
                columns,
                Style::new(),
            )),
            None => lines.push(not_recorded(
                "Not recorded: ask the person and write it in their words.",
                theme,
            )),
        }
        lines.push(Line::default());
    }
    lines.pop();
    lines
}

fn crisis(app: &App, plan: &Plan, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mask = app.masker();
    let crisis = plan.crisis_plan.clone().unwrap_or_default();
    let bullet = format!("  {} ", theme.symbols.bullet);
    let mut lines = Vec::new();
    for (title, items) in [
        ("Early signs", crisis.signs),
        ("Who to contact", crisis.contacts),
    ] {
        lines.push(heading(title, theme));
        if items.is_empty() {
            lines.push(not_recorded("None recorded.", theme));
        }
        for item in items {
            lines.extend(hanging(
                vec![Span::raw(bullet.clone())],
                &mask.shown(&item),
                columns,
                Style::new(),
            ));
        }
        lines.push(Line::default());
    }
    lines.pop();
    lines
}

fn yes_no(value: Option<bool>) -> &'static str {
    match value {
        Some(true) => "yes",
        Some(false) => "no",
        None => "not recorded",
    }
}

fn date_or_missing(date: Option<chrono::NaiveDate>) -> String {
    date.map(format_uk)
        .unwrap_or_else(|| strings::MISSING.to_owned())
}

fn reviews(app: &App, plan: &Plan, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mask = app.masker();
    let mut lines = Vec::new();
    let field = |label: &str| Span::styled(format!("{label}: "), theme.heading);
    let mut next = vec![field("Next review")];
    let ended = Lifecycle::of(plan, app.settings.today).is_ended();
    if ended {
        next.push(Span::styled("none, S117 ", theme.muted));
    }
    next.extend(next_review_spans(app, plan));
    if let Some(months) = plan.reviews.interval_months.filter(|_| !ended) {
        next.push(Span::styled(
            format!("  (every {months} months)"),
            theme.muted,
        ));
    }
    lines.push(Line::from(next));
    lines.push(Line::from(vec![
        field("Detained"),
        Span::raw(date_or_missing(plan.episode.detained)),
        Span::raw("   "),
        field("Left hospital"),
        Span::raw(date_or_missing(plan.episode.left_hospital)),
    ]));
    if let Some(ending) = &plan.ending {
        lines.push(Line::default());
        lines.push(Line::styled(
            match Lifecycle::of(plan, app.settings.today) {
                Lifecycle::Ended(_) => "S117 ENDED",
                Lifecycle::EndingPlanned(_) => {
                    "S117 ENDING PLANNED (the plan stays live until then)"
                }
                Lifecycle::Live => "ENDING RECORDED BUT NOT IN EFFECT (see Findings)",
            },
            theme.warning.patch(theme.heading),
        ));
        for (label, value) in [
            ("Date", date_or_missing(ending.date)),
            (
                "ICB decision by",
                ending.icb_decision_by.clone().unwrap_or_default(),
            ),
            (
                "LA decision by",
                ending.la_decision_by.clone().unwrap_or_default(),
            ),
            ("Person involved", yes_no(ending.person_involved).to_owned()),
            ("Reasons", ending.reasons.clone().unwrap_or_default()),
        ] {
            lines.extend(hanging(
                vec![Span::raw("  "), field(label)],
                &mask.shown(&value),
                columns,
                Style::new(),
            ));
        }
    }
    lines.push(Line::default());
    let history = &plan.reviews.history;
    lines.push(heading(
        &format!("History ({}, newest first)", history.len()),
        theme,
    ));
    if history.is_empty() {
        lines.push(not_recorded("No review recorded yet.", theme));
    }
    for review in history.iter().rev() {
        let outcome = review
            .outcome
            .map(|outcome| outcome.as_str())
            .unwrap_or("no outcome");
        lines.push(Line::from(vec![
            Span::raw("  "),
            Span::styled(date_or_missing(review.date), theme.heading),
            Span::raw(format!(
                "  {outcome}  person involved: {}",
                yes_no(review.person_involved)
            )),
        ]));
        if !review.attendees.is_empty() {
            let lead = vec![Span::raw("    "), Span::styled("Attendees: ", theme.muted)];
            lines.extend(hanging(
                lead,
                &mask.shown(&review.attendees.join(", ")),
                columns,
                Style::new(),
            ));
        }
        for change in &review.changes {
            let lead = vec![Span::raw("    "), Span::styled("Change: ", theme.muted)];
            lines.extend(hanging(lead, &mask.shown(change), columns, Style::new()));
        }
    }
    lines
}

/// `10 Dec 2026 ~ due soon` with the symbol and the word beside the colour.
/// An ended plan shows `ended 30 Oct 2026` in its place; a planned ending follows the date.
pub fn next_review_spans(app: &App, plan: &Plan) -> Vec<Span<'static>> {
    let theme = &app.ui.theme;
    let lifecycle = Lifecycle::of(plan, app.settings.today);
    if let (Lifecycle::Ended(_), Some(ended)) = (lifecycle, lifecycle.dated_label()) {
        return vec![Span::styled(ended, theme.muted)];
    }
    let mut spans = review_date_spans(app, plan);
    if let Some(ending) = lifecycle.dated_label() {
        spans.push(Span::styled(format!("  ({ending})"), theme.warning));
    }
    spans
}

fn review_date_spans(app: &App, plan: &Plan) -> Vec<Span<'static>> {
    let theme = &app.ui.theme;
    let Some(due) = plan.reviews.next_due else {
        return vec![Span::styled("not set", theme.error)];
    };
    let state = plan_review_state(plan, &app.settings);
    let date = format_uk(due);
    match state {
        ReviewState::Overdue => vec![Span::styled(
            format!("{date} {} overdue", theme.symbols.overdue),
            theme.overdue,
        )],
        ReviewState::DueSoon => vec![Span::styled(
            format!("{date} {} due soon", theme.symbols.due_soon),
            theme.due_soon,
        )],
        _ => vec![Span::raw(date)],
    }
}

/// One finding per entry: `14:9  error    message`, the message wrapped under itself.
pub fn finding_lines(app: &App, findings: &[Finding], columns: usize) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mask = app.masker();
    if findings.is_empty() {
        return vec![Line::styled(
            "No findings: this plan passes every check.",
            theme.muted,
        )];
    }
    let place_width = findings
        .iter()
        .map(|finding| width(&place(finding)))
        .max()
        .unwrap_or(0);
    let mut lines = Vec::new();
    for finding in findings {
        let (word, style) = match finding.severity {
            Severity::Error => ("error  ", theme.error),
            Severity::Warning => ("warning", theme.warning),
        };
        let place = place(finding);
        let lead = vec![
            Span::raw(format!("{place:<place_width$}  ")),
            Span::styled(word, style),
            Span::raw("  "),
        ];
        lines.extend(hanging(
            lead,
            &mask.shown(&finding.message),
            columns,
            Style::new(),
        ));
    }
    lines
}

fn place(finding: &Finding) -> String {
    format!("{}:{}", finding.location.line, finding.location.column)
}
