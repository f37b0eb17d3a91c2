//! The needs tab in meeting mode, to be read from across a room: each need a big, spaced
//! block (its words in full, then status, split and provider), HEALTH beside SOCIAL with
//! JOINT across both at 100 columns and more; on a narrower screen one column at a time,
//! full width (Tab moves between them, as in the normal view).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding, Paragraph};

use crate::plan::model::{Category, Need, NeedStatus, Plan};
use crate::tui::app::App;
use crate::tui::layers::plan::money_view;
use crate::tui::layers::plan::screen::{Pane, PlanScreen, pane_needs};
use crate::tui::strings;
use crate::tui::text::{truncate, wrap};

use crate::tui::layers::plan::needs_view::{
    SIDE_BY_SIDE_WIDTH, funding_label, is_disputed, pane_title,
};
use crate::tui::layout::split_rows;

pub fn render(app: &App, screen: &PlanScreen, plan: &Plan, frame: &mut Frame, area: Rect) {
    if area.width < SIDE_BY_SIDE_WIDTH {
        render_pane(app, screen, plan, screen.pane, true, frame, area);
        return;
    }
    // Each row as tall as its needs; when they do not all fit, the top keeps at least 3/5.
    let height = area.height;
    let half_width = area.width / 2;
    let top_wanted = block_lines(app, plan, Pane::Health, half_width.saturating_sub(4)).max(
        block_lines(app, plan, Pane::Social, half_width.saturating_sub(4)),
    ) + 2;
    let joint_wanted = block_lines(app, plan, Pane::Joint, area.width.saturating_sub(4)) + 2;
    let top_rows = if top_wanted + joint_wanted <= height {
        top_wanted
    } else {
        top_wanted.min((height * 3 / 5).max(height.saturating_sub(joint_wanted)))
    };
    let (top, joint) = split_rows(area, top_rows);
    let left = Rect {
        width: top.width / 2,
        ..top
    };
    let right = Rect {
        x: top.x + left.width,
        width: top.width - left.width,
        ..top
    };
    render_pane(app, screen, plan, Pane::Health, false, frame, left);
    render_pane(app, screen, plan, Pane::Social, false, frame, right);
    render_pane(app, screen, plan, Pane::Joint, false, frame, joint);
}

/// Lines all of a column's blocks take at `columns` (for sizing the joint row).
fn block_lines(app: &App, plan: &Plan, pane: Pane, columns: u16) -> u16 {
    let total: usize = pane_needs(plan, pane)
        .iter()
        .map(|index| need_block(app, plan, &plan.needs[*index], usize::from(columns), false).len())
        .sum();
    u16::try_from(total.max(1)).unwrap_or(u16::MAX)
}

/// One column of needs as blocks; `alone` adds the other columns' counts to the title.
fn render_pane(
    app: &App,
    screen: &PlanScreen,
    plan: &Plan,
    pane: Pane,
    alone: bool,
    frame: &mut Frame,
    area: Rect,
) {
    let theme = &app.ui.theme;
    let needs = pane_needs(plan, pane);
    let focused = screen.pane == pane && !needs.is_empty();
    let style = match pane {
        Pane::Health => theme.health,
        Pane::Social => theme.social,
        Pane::Joint => theme.joint,
    };
    let mut title = vec![Span::styled(
        format!(" {} {} ", pane_title(pane, plan), needs.len()),
        style,
    )];
    if alone {
        let others: Vec<String> = Pane::ALL
            .into_iter()
            .filter(|other| *other != pane)
            .map(|other| {
                format!(
                    "{} {}",
                    pane_title(other, plan),
                    pane_needs(plan, other).len()
                )
            })
            .collect();
        title.push(Span::styled(
            format!(" Tab: {} ", others.join(", ")),
            theme.muted,
        ));
    }
    let block = Block::bordered()
        .border_set(if focused {
            theme.focused_border
        } else {
            theme.border
        })
        .padding(Padding::horizontal(1))
        .title(Line::from(title));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 {
        return;
    }
    if needs.is_empty() {
        frame.render_widget(Line::styled("(none)", theme.muted), inner);
        return;
    }
    let columns = usize::from(inner.width);
    let selected = screen.selected_in(pane);
    let mut lines: Vec<Line<'static>> = Vec::new();
    let mut selected_span = (0, 0);
    for (row, index) in needs.iter().enumerate() {
        let is_selected = focused && row == selected;
        let block = need_block(app, plan, &plan.needs[*index], columns, is_selected);
        if row == selected {
            selected_span = (lines.len(), lines.len() + block.len());
        }
        lines.extend(block);
    }
    // Scroll just enough that the selected need's block shows whole (or from its top).
    let height = usize::from(inner.height);
    let (start, end) = selected_span;
    let offset = if end > height {
        (end - height).min(start)
    } else {
        0
    };
    let visible: Vec<Line> = lines.into_iter().skip(offset).take(height).collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// A need as a block: its words (wrapped, in full), a line of facts, then a blank line.
fn need_block(
    app: &App,
    plan: &Plan,
    need: &Need,
    columns: usize,
    selected: bool,
) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mask = app.masker();
    let marker = if selected {
        theme.symbols.selected
    } else {
        "  "
    };
    let id = need.id.clone().unwrap_or_else(|| "?".into());
    let lead = format!("{marker}{id:<3} ");
    let indent = lead.chars().count();
    let text = mask.owned(need.need.as_deref().unwrap_or("(no text)"));
    let text_style = if need.is_current() {
        theme.heading
    } else {
        theme.muted
    };
    let mut lines = Vec::new();
    for (index, part) in wrap(&text, columns.saturating_sub(indent).max(8))
        .into_iter()
        .enumerate()
    {
        let lead = if index == 0 {
            lead.clone()
        } else {
            " ".repeat(indent)
        };
        let line = Line::from(vec![Span::raw(lead), Span::styled(part, text_style)]);
        lines.push(if selected && index == 0 {
            line.patch_style(theme.selected)
        } else {
            line
        });
    }
    let status_style = match need.status {
        Some(NeedStatus::Declined) => theme.warning,
        _ => Style::new(),
    };
    let mut facts = vec![
        Span::raw(" ".repeat(indent)),
        Span::styled(strings::need_status(need.status), status_style),
    ];
    if need.category == Some(Category::Joint) || need.category.is_none() {
        let split = need
            .funding
            .map(|funding| funding_label(&funding))
            .unwrap_or_else(|| "split not set".to_owned());
        facts.push(Span::raw(format!("   {split}")));
    }
    let disputed = is_disputed(plan, need);
    if let Some(provider) = &need.provider {
        // The provider takes what is left of the line (after DISPUTED, which must show); a cut
        // name ends with the ellipsis.
        let used: usize = facts.iter().map(|span| span.width()).sum();
        let after = if disputed { "   DISPUTED".len() } else { 0 };
        let room = columns.saturating_sub(used + "   by ".len() + after);
        facts.push(Span::styled("   by ", theme.muted));
        facts.push(Span::raw(truncate(
            &mask.owned(provider),
            room,
            theme.symbols.ellipsis,
        )));
    }
    if disputed {
        facts.push(Span::raw("   "));
        facts.push(Span::styled("DISPUTED", theme.dispute));
    }
    lines.push(Line::from(facts));
    if let Some(money) = money_view::meeting_line(app, plan, need) {
        lines.push(Line::raw(format!("{}{money}", " ".repeat(indent))));
    }
    lines.push(Line::default());
    lines
}
