//! One plan: a header line, the dispute (impossible to miss), the ending, the tabs, and the
//! tab's content (the needs tab is drawn by `needs`, the text tabs by `plan_tabs`).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

use crate::plan::dates::format_uk;
use crate::plan::model::Plan;
use crate::store::folder::PlanFile;
use crate::tui::action::PlanTab;
use crate::tui::app::App;
use crate::tui::plan_screen::PlanScreen;
use crate::tui::strings;
use crate::tui::text::{counted, fit, one_line, shown};

use super::needs;
use super::plan_tabs::{next_review_spans, tab_lines};

/// Where each part of the plan view goes.
struct PlanLayout {
    header: Rect,
    banner: Rect,
    tabs: Rect,
    content: Rect,
}

pub(super) fn split_rows(area: Rect, height: u16) -> (Rect, Rect) {
    let height = height.min(area.height);
    let top = Rect { height, ..area };
    let rest = Rect {
        y: area.y + height,
        height: area.height - height,
        ..area
    };
    (top, rest)
}

fn layout(header: &[Line], banner: &[Line], area: Rect) -> PlanLayout {
    let (header_area, rest) = split_rows(area, header.len() as u16);
    let (banner_area, rest) = split_rows(rest, banner.len() as u16);
    let (tabs, content) = split_rows(rest, 1);
    PlanLayout {
        header: header_area,
        banner: banner_area,
        tabs,
        content,
    }
}

pub fn render(app: &App, screen: &PlanScreen, frame: &mut Frame, area: Rect) {
    let Some(file) = app.files.get(screen.file) else {
        return;
    };
    let Some(plan) = file.plan.as_ref() else {
        return;
    };
    let columns = usize::from(area.width);
    let header = header_lines(app, plan, columns);
    let banner = banner_lines(app, file, plan, columns);
    let parts = layout(&header, &banner, area);
    frame.render_widget(Paragraph::new(header), parts.header);
    frame.render_widget(Paragraph::new(banner), parts.banner);
    frame.render_widget(tab_bar(app, file, screen.tab), parts.tabs);
    if screen.tab == PlanTab::Needs {
        needs::render(app, screen, plan, frame, parts.content);
    } else {
        render_text_tab(app, screen, file, plan, frame, parts.content);
    }
}

/// How far the current text tab can scroll in `area` (the needs tab does not scroll).
pub fn scroll_limit(app: &App, screen: &PlanScreen, area: Rect) -> usize {
    let Some(file) = app.files.get(screen.file) else {
        return 0;
    };
    let Some(plan) = file.plan.as_ref() else {
        return 0;
    };
    if screen.tab == PlanTab::Needs {
        return 0;
    }
    let columns = usize::from(area.width);
    let parts = layout(
        &header_lines(app, plan, columns),
        &banner_lines(app, file, plan, columns),
        area,
    );
    let inner = text_block(app, screen.tab).inner(parts.content);
    let lines = tab_lines(
        app,
        &file.findings,
        plan,
        screen.tab,
        usize::from(inner.width),
    );
    lines.len().saturating_sub(usize::from(inner.height))
}

/// Lay `fields` out left to right, two spaces apart, starting a new line when one would not fit.
/// Field values are plan text: they are drawn inert (control characters as placeholders).
pub(super) fn flow(fields: Vec<Vec<Span<'static>>>, columns: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut current: Vec<Span<'static>> = vec![Span::raw(" ")];
    let mut used = 1;
    for mut field in fields {
        for span in &mut field {
            span.content = shown(&span.content).into();
        }
        let field_width: usize = field.iter().map(|span| span.width()).sum();
        if used > 1 && used + 2 + field_width > columns {
            lines.push(Line::from(std::mem::replace(
                &mut current,
                vec![Span::raw(" ")],
            )));
            used = 1;
        }
        if used > 1 {
            current.push(Span::raw("  "));
            used += 2;
        }
        used += field_width;
        current.extend(field);
    }
    lines.push(Line::from(current));
    lines
}

fn header_lines(app: &App, plan: &Plan, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let label = |text: &str| Span::styled(format!("{text} "), theme.muted);
    let value = |text: Option<&String>| {
        Span::raw(text.cloned().unwrap_or_else(|| strings::MISSING.to_owned()))
    };
    let responsible = &plan.responsible;
    let mut fields = vec![
        vec![Span::styled(
            plan.id.clone().unwrap_or_else(|| "(no id)".into()),
            theme.heading,
        )],
        vec![Span::styled(
            plan.person.initials.clone().unwrap_or_default(),
            theme.heading,
        )],
    ];
    if let Some(name) = &plan.person.name {
        fields.push(vec![Span::raw(name.clone())]);
    }
    fields.push(vec![Span::raw(format!("s{}", plan.section_label()))]);
    fields.push(vec![Span::raw(strings::legal_status_long(
        plan.episode.legal_status,
    ))]);
    let mut review = vec![label("next review")];
    review.extend(next_review_spans(app, plan));
    fields.push(review);
    fields.push(vec![label("ICB:"), value(responsible.icb.as_ref())]);
    fields.push(vec![
        label("LA:"),
        value(responsible.local_authority.as_ref()),
    ]);
    fields.push(vec![
        label("Care coordinator:"),
        value(responsible.care_coordinator.as_ref()),
    ]);
    flow(fields, columns)
}

/// Errors, the dispute and the ending, each on a line of its own.
fn banner_lines(app: &App, file: &PlanFile, plan: &Plan, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    // A plan opened despite its errors says so before anything else.
    if file.errors() > 0 {
        lines.push(Line::styled(
            format!(
                " INVALID: {}, shown as far as it could be read (5 Findings)",
                counted(file.errors(), "error")
            ),
            theme.error,
        ));
    }
    if let Some(dispute) = &plan.responsible.dispute {
        let ids = dispute.about.join(", ");
        let since = dispute
            .since
            .map(|date| format!(" since {}", format_uk(date)))
            .unwrap_or_default();
        let funder = match dispute.interim_funder {
            Some(_) => format!("interim funder {}", strings::funder(dispute.interim_funder)),
            None => "NO INTERIM FUNDER: a dispute must not delay care".to_owned(),
        };
        // What, since when and who pays come first; the needs' words if there is room.
        let mut headline = format!(" DISPUTE ICB/LA{since} about {ids}, {funder}");
        let texts: Vec<String> = dispute
            .about
            .iter()
            .filter_map(|id| plan.need_by_id(id)?.need.as_deref().map(one_line))
            .collect();
        if !texts.is_empty() {
            headline.push_str(&format!(": {}", texts.join("; ")));
        }
        lines.push(Line::styled(
            fit(&headline, columns, theme.symbols.ellipsis),
            theme.dispute,
        ));
    }
    if let Some(ending) = &plan.ending {
        let date = ending.date.map(format_uk).unwrap_or_default();
        lines.push(Line::styled(
            format!(" S117 ENDED {date} (details on the Reviews tab)"),
            theme.warning.patch(theme.heading),
        ));
    }
    lines
}

fn tab_bar(app: &App, file: &PlanFile, current: PlanTab) -> Line<'static> {
    let theme = &app.theme;
    let mut spans = vec![Span::raw(" ")];
    for (index, tab) in PlanTab::ALL.into_iter().enumerate() {
        let mut title = format!("{} {}", index + 1, tab.title());
        if tab == PlanTab::Findings && !file.findings.is_empty() {
            title.push_str(&format!(" ({})", file.findings.len()));
        }
        if tab == current {
            spans.push(Span::styled(format!("[{title}]"), theme.selected));
        } else {
            spans.push(Span::raw(format!(" {title} ")));
        }
        spans.push(Span::raw(" "));
    }
    Line::from(spans)
}

fn text_block(app: &App, tab: PlanTab) -> Block<'static> {
    Block::bordered()
        .border_set(app.theme.focused_border)
        .padding(Padding::horizontal(1))
        .title(Span::styled(
            format!(" {} ", tab.title()),
            app.theme.heading,
        ))
}

fn render_text_tab(
    app: &App,
    screen: &PlanScreen,
    file: &PlanFile,
    plan: &Plan,
    frame: &mut Frame,
    area: Rect,
) {
    let block = text_block(app, screen.tab);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = tab_lines(
        app,
        &file.findings,
        plan,
        screen.tab,
        usize::from(inner.width),
    );
    let limit = lines.len().saturating_sub(usize::from(inner.height));
    let first = screen.scroll.min(limit);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip(first)
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}
