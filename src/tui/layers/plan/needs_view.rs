//! The needs tab of the plan view: HEALTH (ICB) and SOCIAL (LA) side by side (stacked below
//! 100 columns), JOINT across the width with its split, and the selected need in detail.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

use crate::plan::dates::format_uk;
use crate::plan::model::{Category, Funding, Need, NeedStatus, Plan};
use crate::tui::app::App;
use crate::tui::layers::dashboard::list::scroll_offset;
use crate::tui::layers::plan::money_view;
use crate::tui::layers::plan::screen::{Pane, PlanScreen, pane_needs};
use crate::tui::strings;
use crate::tui::text::{fit, one_line, shown, width, wrap};

use crate::tui::layers::plan::tabs_view::hanging;
use crate::tui::layers::plan::view::flow;
use crate::tui::layout::split_rows;

/// At this width and above, health and social needs sit side by side.
pub const SIDE_BY_SIDE_WIDTH: u16 = 100;
/// The detail pane keeps at least this many rows (borders included).
const DETAIL_MIN_HEIGHT: u16 = 5;

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

pub fn render(app: &App, screen: &PlanScreen, plan: &Plan, frame: &mut Frame, area: Rect) {
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

pub(super) fn pane_title(pane: Pane, plan: &Plan) -> &'static str {
    match pane {
        Pane::Health => plan.jurisdiction().health_pane_title(),
        Pane::Social => "SOCIAL (LA)",
        Pane::Joint => plan.jurisdiction().joint_pane_title(),
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
    let theme = &app.ui.theme;
    let focused = screen.pane == pane && !screen.header && !pane_needs(plan, pane).is_empty();
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
            format!(" {} {} ", pane_title(pane, plan), needs.len()),
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
pub(super) fn funding_label(funding: &Funding) -> String {
    match (funding.icb_share(), funding.la_share()) {
        (icb, 0) => format!("ICB {icb}%"),
        (0, la) => format!("LA {la}%"),
        _ => funding.split_label(),
    }
}

pub(super) fn is_disputed(plan: &Plan, need: &Need) -> bool {
    match (&plan.responsible.dispute, &need.id) {
        (Some(dispute), Some(id)) => dispute.about.contains(id),
        _ => false,
    }
}

/// `> N2 Supported living…   ICB 40% / LA 60%  active  DISPUTED`
fn need_row(app: &App, plan: &Plan, need: &Need, columns: usize, selected: bool) -> Line<'static> {
    let theme = &app.ui.theme;
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
    let text = app.shown(need.need.as_deref().unwrap_or("(no text)"));
    let left = format!("{id:<3} {}", one_line(&text));
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
    let theme = &app.ui.theme;
    let need = screen
        .selected_need(plan)
        .and_then(|index| plan.needs.get(index));
    let title = match need.and_then(|need| need.id.as_ref()) {
        Some(id) => format!(" {} in detail ", shown(id)),
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
            format!(
                "{} more than fits: a taller terminal shows it",
                theme.symbols.ellipsis
            ),
            theme.muted,
        );
    }
    frame.render_widget(Paragraph::new(visible), inner);
}

fn detail_lines(app: &App, plan: &Plan, need: &Need, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mask = app.masker();
    // The dispute first: at 80x24 it must be seen before anything is cut.
    let mut lines: Vec<Line<'static>> = Vec::new();
    let dispute = plan.responsible.dispute.as_ref();
    if let (Some(dispute), true) = (dispute, is_disputed(plan, need)) {
        let note = mask.owned(dispute.note.as_deref().unwrap_or("no note"));
        lines.extend(hanging(
            vec![Span::styled("DISPUTED", theme.dispute), Span::raw(" ")],
            &note,
            columns,
            Style::new(),
        ));
    }
    lines.extend(
        wrap(
            &mask.shown(need.need.as_deref().unwrap_or("(no text)")),
            columns,
        )
        .into_iter()
        .map(|line| Line::styled(line, theme.heading)),
    );
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
            Span::raw(mask.owned(need.provider.as_deref().unwrap_or(strings::MISSING))),
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
    for (name, value) in money_view::need_fields(app, plan, need) {
        lines.extend(hanging(vec![label(name)], &value, columns, Style::new()));
    }
    if let Some(notes) = &need.notes {
        lines.extend(hanging(
            vec![label("Notes")],
            &mask.shown(notes),
            columns,
            Style::new(),
        ));
    }
    lines
}
