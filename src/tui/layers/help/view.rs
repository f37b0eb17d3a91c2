//! The help overlay: every key of the screen underneath, from the same Action list as the
//! keymap and the hint bar.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Widget};

use crate::tui::key_overrides::KeyOverrides;
use crate::tui::keymap::{self, Layer};
use crate::tui::layout;
use crate::tui::scroll_text::{ScrollText, TextScroll};
use crate::tui::text::width;
use crate::tui::theme::Theme;

use crate::tui::layers::plan::tabs_view::hanging;

/// The help overlay as a widget: the keys of `layer` (with the config's overrides) in the
/// theme's styles, scrolled to `scroll`.
pub struct HelpPage<'a> {
    theme: &'a Theme,
    keys: &'a KeyOverrides,
    layer: Layer,
    scroll: &'a TextScroll,
}

impl<'a> HelpPage<'a> {
    pub fn new(
        theme: &'a Theme,
        keys: &'a KeyOverrides,
        layer: Layer,
        scroll: &'a TextScroll,
    ) -> HelpPage<'a> {
        HelpPage {
            theme,
            keys,
            layer,
            scroll,
        }
    }

    fn lines(&self, columns: usize) -> Vec<Line<'static>> {
        let help = keymap::help_lines(self.layer, self.keys);
        let key_width = help.iter().map(|(keys, _)| width(keys)).max().unwrap_or(0);
        let mut lines = Vec::new();
        for (keys, description) in help {
            let lead = vec![
                Span::raw(" "),
                Span::styled(format!("{keys:<key_width$}"), self.theme.heading),
                Span::raw("  "),
            ];
            lines.extend(hanging(lead, description, columns, Default::default()));
        }
        lines
    }
}

impl Widget for HelpPage<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let outer = layout::help_box(area);
        let block = Block::bordered()
            .title(format!(" Keys: {} ", self.layer.title()))
            .border_set(self.theme.focused_border);
        let inner = block.inner(outer);
        // The help replaces the screen under it: half-covered rows beside a box read as noise.
        Clear.render(area, buf);
        // One column kept free so a wrapped description never runs into the border.
        let columns = usize::from(inner.width).saturating_sub(1);
        let text = ScrollText::new(self.lines(columns), self.scroll);
        // A list longer than the box says so where the eye ends up.
        let block = if text.more_below(inner.height) {
            block.title_bottom(" more below: j, PgDn ")
        } else {
            block
        };
        block.render(outer, buf);
        text.render(inner, buf);
    }
}
