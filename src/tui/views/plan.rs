//! One plan: a header line, the dispute (impossible to miss), the tabs, and on the needs tab
//! HEALTH (ICB) beside SOCIAL (LA), JOINT across the width with its split, and the selected
//! need in detail. Below 100 columns the columns stack instead of squeezing.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

use crate::plan::dates::format_uk;
use crate::plan::model::{Category, Funding, Need, NeedStatus, Plan};
use crate::store::folder::PlanFile;
use crate::tui::action::PlanTab;
use crate::tui::app::App;
use crate::tui::plan_list::scroll_offset;
use crate::tui::plan_screen::{Pane, PlanScreen, pane_needs};
use crate::tui::strings;
use crate::tui::text::{fit, one_line, width, wrap};

use super::plan_tabs::{hanging, next_review_spans, tab_lines};

/// At this width and above, health and social needs sit side by side.
pub const SIDE_BY_SIDE_WIDTH: u16 = 100;
/// The detail pane keeps at least this many rows (borders included).
const DETAIL_MIN_HEIGHT: u16 = 5;

/// Where each part of the plan view goes.
struct PlanLayout {
    header: Rect,
    banner: Rect,
    tabs: Rect,
    content: Rect,
}

fn split_rows(area: Rect, height: u16) -> (Rect, Rect) {
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
    let banner = banner_lines(app, plan, columns);
    let parts = layout(&header, &banner, area);
    frame.render_widget(Paragraph::new(header), parts.header);
    frame.render_widget(Paragraph::new(banner), parts.banner);
    frame.render_widget(tab_bar(app, file, screen.tab), parts.tabs);
    if screen.tab == PlanTab::Needs {
        render_needs(app, screen, plan, frame, parts.content);
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
        &banner_lines(app, plan, columns),
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
fn flow(fields: Vec<Vec<Span<'static>>>, columns: usize) -> Vec<Line<'static>> {
    let mut lines = Vec::new();
    let mut current: Vec<Span<'static>> = vec![Span::raw(" ")];
    let mut used = 1;
    for field in fields {
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

/// The dispute and the ending, each on lines of their own.
fn banner_lines(app: &App, plan: &Plan, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines = Vec::new();
    if let Some(dispute) = &plan.responsible.dispute {
        let about = dispute
            .about
            .iter()
            .map(
                |id| match plan.need_by_id(id).and_then(|need| need.need.as_ref()) {
                    Some(text) => format!("{id} ({})", one_line(text)),
                    None => id.clone(),
                },
            )
            .collect::<Vec<_>>()
            .join(", ");
        let since = dispute
            .since
            .map(|date| format!(" since {}", format_uk(date)))
            .unwrap_or_default();
        let headline = format!(" DISPUTE ICB/LA{since} about {about}");
        lines.push(Line::styled(
            fit(&headline, columns, theme.symbols.ellipsis),
            theme.dispute,
        ));
        let funder = strings::funder(dispute.interim_funder);
        let (text, style) = if dispute.interim_funder.is_some() {
            (
                format!(" Interim funder: {funder}, pays while the dispute is resolved"),
                theme.heading,
            )
        } else {
            (
                format!(" Interim funder: {funder}. A dispute must not delay care: agree one"),
                theme.error,
            )
        };
        lines.push(Line::styled(text, style));
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

/// Heights for stacked boxes so that they and the detail pane fit in `available` rows:
/// each box wants its rows plus borders; the tallest gives way first, none below 3.
fn fit_heights(wanted: &[u16], available: u16) -> Vec<u16> {
    let mut heights = wanted.to_vec();
    let budget = available.saturating_sub(DETAIL_MIN_HEIGHT);
    while heights.iter().sum::<u16>() > budget {
        let Some(tallest) = heights
            .iter_mut()
            .filter(|height| **height > 3)
            .max_by_key(|height| **height)
        else {
            break;
        };
        *tallest -= 1;
    }
    heights
}

fn render_needs(app: &App, screen: &PlanScreen, plan: &Plan, frame: &mut Frame, area: Rect) {
    let rows = |pane| pane_needs(plan, pane).len().max(1) as u16 + 2;
    let (boxes, detail_area) = if area.width >= SIDE_BY_SIDE_WIDTH {
        let top = rows(Pane::Health).max(rows(Pane::Social));
        let heights = fit_heights(&[top, rows(Pane::Joint)], area.height);
        let (top_area, rest) = split_rows(area, heights[0]);
        let (joint_area, detail) = split_rows(rest, heights[1]);
        let left_width = top_area.width / 2;
        let health_area = Rect {
            width: left_width,
            ..top_area
        };
        let social_area = Rect {
            x: top_area.x + left_width,
            width: top_area.width - left_width,
            ..top_area
        };
        (
            vec![
                (Pane::Health, health_area),
                (Pane::Social, social_area),
                (Pane::Joint, joint_area),
            ],
            detail,
        )
    } else {
        let heights = fit_heights(
            &[rows(Pane::Health), rows(Pane::Social), rows(Pane::Joint)],
            area.height,
        );
        let (health_area, rest) = split_rows(area, heights[0]);
        let (social_area, rest) = split_rows(rest, heights[1]);
        let (joint_area, detail) = split_rows(rest, heights[2]);
        (
            vec![
                (Pane::Health, health_area),
                (Pane::Social, social_area),
                (Pane::Joint, joint_area),
            ],
            detail,
        )
    };
    for (pane, pane_area) in boxes {
        render_pane(app, screen, plan, pane, frame, pane_area);
    }
    render_detail(app, screen, plan, frame, detail_area);
}

fn pane_title(pane: Pane) -> &'static str {
    match pane {
        Pane::Health => "HEALTH (ICB)",
        Pane::Social => "SOCIAL (LA)",
        Pane::Joint => "JOINT (ICB + LA)",
    }
}

fn render_pane(
    app: &App,
    screen: &PlanScreen,
    plan: &Plan,
    pane: Pane,
    frame: &mut Frame,
    area: Rect,
) {
    let theme = &app.theme;
    let focused = screen.pane == pane && !pane_needs(plan, pane).is_empty();
    let style = match pane {
        Pane::Health => theme.health,
        Pane::Social => theme.social,
        Pane::Joint => theme.joint,
    };
    let needs = pane_needs(plan, pane);
    let block = Block::bordered()
        .border_set(if focused {
            theme.focused_border
        } else {
            theme.border
        })
        .title(Span::styled(
            format!(" {} {} ", pane_title(pane), needs.len()),
            style,
        ));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    if needs.is_empty() {
        frame.render_widget(Line::styled("  (none)", theme.muted), inner);
        return;
    }
    let page = usize::from(inner.height);
    let selected = screen.selected_in(pane);
    let offset = scroll_offset(0, selected, page, needs.len());
    for (row, need_index) in needs.iter().enumerate().skip(offset).take(page) {
        let is_selected = focused && row == selected;
        let line = need_row(
            app,
            plan,
            &plan.needs[*need_index],
            usize::from(inner.width),
            is_selected,
        );
        let row_area = Rect {
            y: inner.y + (row - offset) as u16,
            height: 1,
            ..inner
        };
        frame.render_widget(line, row_area);
    }
}

/// `ICB 100%` for a need one side funds alone, `ICB 40% / LA 60%` for a shared one.
fn funding_label(funding: &Funding) -> String {
    match (funding.icb_share(), funding.la_share()) {
        (icb, 0) => format!("ICB {icb}%"),
        (0, la) => format!("LA {la}%"),
        _ => funding.split_label(),
    }
}

fn is_disputed(plan: &Plan, need: &Need) -> bool {
    match (&plan.responsible.dispute, &need.id) {
        (Some(dispute), Some(id)) => dispute.about.contains(id),
        _ => false,
    }
}

/// `> N2 Supported living…   ICB 40% / LA 60%  active  DISPUTED`
fn need_row(app: &App, plan: &Plan, need: &Need, columns: usize, selected: bool) -> Line<'static> {
    let theme = &app.theme;
    let marker = if selected {
        theme.symbols.selected
    } else {
        "  "
    };
    let dimmed = !need.is_current();
    let base = if dimmed { theme.muted } else { Style::new() };
    let mut right: Vec<Span<'static>> = Vec::new();
    if need.category != Some(Category::Health) && need.category != Some(Category::Social) {
        let split = match (need.category, need.funding) {
            (Some(Category::Joint), Some(funding)) => funding_label(&funding),
            (Some(Category::Joint), None) => "split not set".to_owned(),
            _ => "no category".to_owned(),
        };
        right.push(Span::styled(format!("  {split}"), base));
    }
    let status_style = match need.status {
        Some(NeedStatus::Declined) => theme.warning,
        _ => base,
    };
    right.push(Span::styled(
        format!("  {}", strings::need_status(need.status)),
        status_style,
    ));
    if is_disputed(plan, need) {
        right.push(Span::raw(" "));
        right.push(Span::styled("DISPUTED", theme.dispute));
    }
    let right_width: usize = right.iter().map(|span| span.width()).sum();
    let id = need.id.clone().unwrap_or_else(|| "?".into());
    let left = format!(
        "{id:<3} {}",
        one_line(need.need.as_deref().unwrap_or("(no text)"))
    );
    let room = columns.saturating_sub(width(marker) + right_width);
    let mut spans = vec![
        Span::raw(marker),
        Span::styled(fit(&left, room, theme.symbols.ellipsis), base),
    ];
    spans.extend(right);
    let line = Line::from(spans);
    if selected {
        line.patch_style(theme.selected)
    } else {
        line
    }
}

fn render_detail(app: &App, screen: &PlanScreen, plan: &Plan, frame: &mut Frame, area: Rect) {
    let theme = &app.theme;
    let need = screen
        .selected_need(plan)
        .and_then(|index| plan.needs.get(index));
    let title = match need.and_then(|need| need.id.as_ref()) {
        Some(id) => format!(" {id} in detail "),
        None => " Detail ".to_owned(),
    };
    let block = Block::bordered()
        .border_set(theme.border)
        .padding(Padding::horizontal(1))
        .title(Span::styled(title, theme.heading));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(need) = need else {
        let text = Line::styled("No needs recorded in this plan.", theme.muted);
        frame.render_widget(text, inner);
        return;
    };
    let lines = detail_lines(app, plan, need, usize::from(inner.width));
    let shown = usize::from(inner.height);
    let mut visible: Vec<Line> = lines.iter().take(shown).cloned().collect();
    if lines.len() > shown && shown > 0 {
        visible[shown - 1] = Line::styled(
            format!("{} more in the file", theme.symbols.ellipsis),
            theme.muted,
        );
    }
    frame.render_widget(Paragraph::new(visible), inner);
}

fn detail_lines(app: &App, plan: &Plan, need: &Need, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut lines: Vec<Line<'static>> = wrap(need.need.as_deref().unwrap_or("(no text)"), columns)
        .into_iter()
        .map(|line| Line::styled(line, theme.heading))
        .collect();
    let label = |text: &str| Span::styled(format!("{text}: "), theme.muted);
    let date = |date: Option<chrono::NaiveDate>| {
        date.map(format_uk)
            .unwrap_or_else(|| strings::MISSING.to_owned())
    };
    let category = match need.category {
        Some(Category::Health) => "health (ICB funds)",
        Some(Category::Social) => "social (LA funds)",
        Some(Category::Joint) => "joint (ICB and LA)",
        None => "not set",
    };
    let funding = need
        .funding
        .map(|funding| funding_label(&funding))
        .unwrap_or_else(|| strings::MISSING.to_owned());
    let mut fields = vec![
        vec![label("Category"), Span::raw(category)],
        vec![
            label("Provider"),
            Span::raw(
                need.provider
                    .clone()
                    .unwrap_or_else(|| strings::MISSING.to_owned()),
            ),
        ],
        vec![label("Funding"), Span::raw(funding)],
        vec![
            label("Status"),
            Span::raw(strings::need_status(need.status)),
        ],
        vec![label("Since"), Span::raw(date(need.since))],
    ];
    if need.review_by.is_some() {
        fields.push(vec![label("Review by"), Span::raw(date(need.review_by))]);
    }
    let mut flowed = flow(fields, columns + 1);
    for line in &mut flowed {
        line.spans.remove(0);
    }
    lines.extend(flowed);
    let dispute = plan.responsible.dispute.as_ref();
    if let (Some(dispute), true) = (dispute, is_disputed(plan, need)) {
        let note = dispute.note.clone().unwrap_or_else(|| "no note".into());
        lines.extend(hanging(
            vec![Span::styled("DISPUTED", theme.dispute), Span::raw(" ")],
            &note,
            columns,
            Style::new(),
        ));
    }
    if let Some(notes) = &need.notes {
        lines.extend(hanging(vec![label("Notes")], notes, columns, Style::new()));
    }
    lines
}
