//! Geometry: where each part of the frame goes and how far a page moves, from the terminal's
//! size and the state alone. Nothing here draws; `update` and the views both ask here, so a
//! key and a frame agree on sizes without `update` asking a view.

use ratatui::layout::{Constraint, Layout, Rect};

/// Rows above the plans list inside its frame (borders, status line, column titles), plus
/// the hint bar.
const DASHBOARD_CHROME_ROWS: u16 = 5;

/// Rows a page of scrolled text keeps back for what surrounds it (header, tabs, borders).
const TEXT_PAGE_CHROME_ROWS: u16 = 10;

/// The widest the help box grows.
const HELP_MAX_WIDTH: u16 = 76;

/// The frame split into the screen's body and the hint bar (its last row).
pub fn frame(area: Rect) -> (Rect, Rect) {
    let [body, hints] = Layout::vertical([Constraint::Fill(1), Constraint::Length(1)]).areas(area);
    (body, hints)
}

/// The body of a terminal `width` x `height`: everything but the hint bar.
pub fn body(width: u16, height: u16) -> Rect {
    frame(Rect::new(0, 0, width, height)).0
}

/// How many plan rows fit in a terminal `height` rows tall.
pub fn list_height(height: u16) -> usize {
    usize::from(height.saturating_sub(DASHBOARD_CHROME_ROWS)).max(1)
}

/// Lines a page of scrolled text (a plan's text tab, the findings, the diff, the history)
/// moves in a terminal `height` rows tall.
pub fn text_page(height: u16) -> usize {
    usize::from(height.saturating_sub(TEXT_PAGE_CHROME_ROWS)).max(1)
}

/// Lines a page of the help moves in a terminal `height` rows tall.
pub fn help_page(height: u16) -> usize {
    usize::from(height / 2)
}

/// The box the help is drawn in: centred in `body`, at most 76 columns wide.
pub fn help_box(body: Rect) -> Rect {
    let width = body.width.saturating_sub(4).min(HELP_MAX_WIDTH);
    let height = body.height.saturating_sub(2);
    Rect {
        x: body.x + (body.width - width) / 2,
        y: body.y + (body.height - height) / 2,
        width,
        height,
    }
}

/// The top `rows` of `area` (as many as it has) and the rest below.
pub fn split_rows(area: Rect, rows: u16) -> (Rect, Rect) {
    let rows = rows.min(area.height);
    let top = Rect {
        height: rows,
        ..area
    };
    let rest = Rect {
        y: area.y + rows,
        height: area.height - rows,
        ..area
    };
    (top, rest)
}

/// Where each part of the plan view goes, from the rows its top parts take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PlanAreas {
    /// The large heading of meeting mode (no rows otherwise).
    pub heading: Rect,
    pub header: Rect,
    pub banner: Rect,
    pub tabs: Rect,
    pub content: Rect,
}

/// The plan view in `area`: the heading, header and banner take the rows given, the tab bar
/// one, the tab's content the rest.
pub fn plan_areas(area: Rect, heading_rows: u16, header_rows: u16, banner_rows: u16) -> PlanAreas {
    let (heading, rest) = split_rows(area, heading_rows);
    let (header, rest) = split_rows(rest, header_rows);
    let (banner, rest) = split_rows(rest, banner_rows);
    let (tabs, content) = split_rows(rest, 1);
    PlanAreas {
        heading,
        header,
        banner,
        tabs,
        content,
    }
}

/// The history box's inside split into the commit list, a rule and the diff pane.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HistoryAreas {
    pub list: Rect,
    /// `None` when the box is too short for anything below the list.
    pub rule: Option<Rect>,
    pub pane: Option<Rect>,
}

/// The commit list takes a third of `inner`, at least 3 rows, no more than there are commits
/// (`commits`); a rule and the diff pane take the rest.
pub fn history_areas(inner: Rect, commits: usize) -> HistoryAreas {
    let wanted = u16::try_from(commits.max(1)).unwrap_or(u16::MAX);
    let rows = wanted.min((inner.height / 3).max(3)).min(inner.height);
    let (list, rest) = split_rows(inner, rows);
    if rest.height <= 1 {
        return HistoryAreas {
            list,
            rule: None,
            pane: None,
        };
    }
    let (rule, pane) = split_rows(rest, 1);
    HistoryAreas {
        list,
        rule: Some(rule),
        pane: Some(pane),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_hint_bar_is_the_last_row() {
        let (body, hints) = frame(Rect::new(0, 0, 80, 24));
        assert_eq!(body, Rect::new(0, 0, 80, 23));
        assert_eq!(hints, Rect::new(0, 23, 80, 1));
        assert_eq!(super::body(80, 24), body);
    }

    #[test]
    fn pages_follow_the_terminal_height_and_never_reach_zero() {
        assert_eq!(list_height(24), 19);
        assert_eq!(list_height(3), 1);
        assert_eq!(text_page(24), 14);
        assert_eq!(text_page(50), 40);
        assert_eq!(text_page(5), 1);
        assert_eq!(help_page(24), 12);
    }

    #[test]
    fn the_help_box_is_centred_and_at_most_76_wide() {
        assert_eq!(help_box(Rect::new(0, 0, 80, 23)), Rect::new(2, 1, 76, 21));
        assert_eq!(help_box(Rect::new(0, 0, 200, 49)), Rect::new(62, 1, 76, 47));
        assert_eq!(help_box(Rect::new(0, 0, 2, 1)), Rect::new(1, 0, 0, 0));
    }

    #[test]
    fn plan_parts_stack_and_the_content_gets_the_rest() {
        let areas = plan_areas(Rect::new(0, 0, 80, 23), 0, 2, 1);
        assert_eq!(areas.heading.height, 0);
        assert_eq!(areas.header, Rect::new(0, 0, 80, 2));
        assert_eq!(areas.banner, Rect::new(0, 2, 80, 1));
        assert_eq!(areas.tabs, Rect::new(0, 3, 80, 1));
        assert_eq!(areas.content, Rect::new(0, 4, 80, 19));
        // More rows asked for than there are: nothing overflows.
        let squeezed = plan_areas(Rect::new(0, 0, 80, 3), 5, 2, 1);
        assert_eq!(squeezed.heading.height, 3);
        assert_eq!(squeezed.content.height, 0);
    }

    #[test]
    fn the_history_list_takes_a_third_at_least_three_rows() {
        let inner = Rect::new(1, 1, 78, 21);
        let areas = history_areas(inner, 40);
        assert_eq!(areas.list, Rect::new(1, 1, 78, 7));
        assert_eq!(areas.rule, Some(Rect::new(1, 8, 78, 1)));
        assert_eq!(areas.pane, Some(Rect::new(1, 9, 78, 13)));
        assert_eq!(history_areas(inner, 2).list.height, 2);
        assert_eq!(history_areas(inner, 0).list.height, 1);
        let short = history_areas(Rect::new(0, 0, 10, 4), 9);
        assert_eq!(short.list.height, 3);
        assert_eq!((short.rule, short.pane), (None, None));
    }
}
