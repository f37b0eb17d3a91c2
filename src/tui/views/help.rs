//! The help overlay: every key of the screen underneath, from the same Action list as the
//! keymap and the hint bar.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear};

use crate::tui::app::{App, Overlay};
use crate::tui::keymap::{self, Layer};
use crate::tui::layout;
use crate::tui::scroll_text::ScrollText;
use crate::tui::text::width;

use super::plan_tabs::hanging;

fn lines(app: &App, layer: Layer, columns: usize) -> Vec<Line<'static>> {
    let help = keymap::help_lines(layer, &app.keys);
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

fn block(layer: Layer) -> Block<'static> {
    Block::bordered().title(format!(" Keys: {} ", layer.title()))
}

pub fn render(app: &App, overlay: &Overlay, frame: &mut Frame, area: Rect) {
    let Overlay::Help { layer, scroll } = overlay else {
        return;
    };
    let outer = layout::help_box(area);
    let block = block(*layer).border_set(app.theme.focused_border);
    let inner = block.inner(outer);
    // The help replaces the screen under it: half-covered rows beside a box read as noise.
    frame.render_widget(Clear, area);
    let text = ScrollText::new(lines(app, *layer, usize::from(inner.width)), scroll);
    // A list longer than the box says so where the eye ends up.
    let block = if text.more_below(inner.height) {
        block.title_bottom(" more below: j, PgDn ")
    } else {
        block
    };
    frame.render_widget(block, outer);
    frame.render_widget(text, inner);
}
