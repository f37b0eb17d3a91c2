//! The help overlay: every key of the screen underneath, from the same Action list as the
//! keymap and the hint bar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph};

use crate::tui::app::{App, Overlay};
use crate::tui::keymap::{self, Layer};
use crate::tui::text::width;

use super::body_area;
use super::plan_tabs::hanging;

fn lines(app: &App, layer: Layer, columns: usize) -> Vec<Line<'static>> {
    let help = keymap::help_lines(layer);
    let key_width = help.iter().map(|(keys, _)| width(keys)).max().unwrap_or(0);
    let mut lines = Vec::new();
    for (keys, description) in help {
        let lead = vec![
            Span::raw(" "),
            Span::styled(format!("{keys:<key_width$}"), app.theme.heading),
            Span::raw("  "),
        ];
        lines.extend(hanging(lead, description, columns, Default::default()));
    }
    lines
}

/// The box the help is drawn in: centred, at most 76 columns wide.
fn frame_area(area: Rect) -> Rect {
    let width = area.width.saturating_sub(4).min(76);
    let height = area.height.saturating_sub(2);
    Rect {
        x: area.x + (area.width - width) / 2,
        y: area.y + (area.height - height) / 2,
        width,
        height,
    }
}

fn block(layer: Layer) -> Block<'static> {
    Block::bordered().title(format!(" Keys: {} ", layer.title()))
}

pub fn render(app: &App, overlay: &Overlay, frame: &mut Frame, area: Rect) {
    let Overlay::Help { layer, scroll } = overlay else {
        return;
    };
    let outer = frame_area(area);
    let block = block(*layer).border_set(app.theme.focused_border);
    let inner = block.inner(outer);
    // The help replaces the screen under it: half-covered rows beside a box read as noise.
    frame.render_widget(Clear, area);
    let lines = lines(app, *layer, usize::from(inner.width));
    let limit = lines.len().saturating_sub(usize::from(inner.height));
    // A list longer than the box says so where the eye ends up.
    let block = if *scroll < limit {
        block.title_bottom(" more below: j, PgDn ")
    } else {
        block
    };
    frame.render_widget(block, outer);
    let visible: Vec<Line> = lines
        .into_iter()
        .skip((*scroll).min(limit))
        .take(usize::from(inner.height))
        .collect();
    frame.render_widget(Paragraph::new(visible), inner);
}

/// How far the top help overlay can scroll at the app's terminal size.
pub fn scroll_limit(app: &App) -> usize {
    let Some(Overlay::Help { layer, .. }) = app.overlays.last() else {
        return 0;
    };
    let inner = block(*layer).inner(frame_area(body_area(app)));
    lines(app, *layer, usize::from(inner.width))
        .len()
        .saturating_sub(usize::from(inner.height))
}
