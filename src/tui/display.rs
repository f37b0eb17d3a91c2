//! How the app is shown, apart from what it shows: the themes of the normal display and of
//! meeting mode, ASCII, whether meeting mode is on, and the last touches every frame gets
//! (`finish_frame`: identifiers masked, ASCII folding, the theme's base colours).
//!
//! Meeting mode and ASCII are modes of the display, not of the data: nothing written changes.

use ratatui::buffer::Buffer;
use ratatui::style::Color;

use crate::ascii_fold::fold_char;
use crate::tui::app::App;
use crate::tui::redact;
use crate::tui::theme::Theme;

#[derive(Debug, Clone)]
pub struct Display {
    pub normal_theme: Theme,
    /// High contrast, no dim text (config `meeting_theme`).
    pub meeting_theme: Theme,
    /// Only ASCII reaches the terminal: `--ascii`, config `ascii`, or a locale without UTF-8.
    pub ascii: bool,
    /// Meeting mode: identifiers hidden, high contrast, the plan drawn large.
    pub meeting: bool,
    /// Config `identifying_fields`: more fields (format paths) hidden in meeting mode.
    pub identifying_fields: Vec<String>,
    /// Config `meeting_shows_costs`: money (costs, shares, top-ups) shows in meeting mode too.
    pub meeting_shows_costs: bool,
}

impl Display {
    /// The given theme, the built-in high-contrast for meetings, Unicode, meeting mode off.
    pub fn plain(theme: Theme) -> Display {
        Display {
            normal_theme: theme,
            meeting_theme: Theme::built_in("high-contrast").without_dim(),
            ascii: false,
            meeting: false,
            identifying_fields: Vec::new(),
            meeting_shows_costs: false,
        }
    }

    /// The theme in use now.
    pub fn theme(&self) -> Theme {
        if self.meeting {
            self.meeting_theme
        } else {
            self.normal_theme
        }
    }
}

impl App {
    /// May money show now: always outside meeting mode, in it only when configured (a
    /// projector with family in the room).
    pub fn shows_costs(&self) -> bool {
        !self.ui.display.meeting || self.ui.display.meeting_shows_costs
    }

    /// This app shown this way (the current theme follows meeting mode).
    pub fn with_display(mut self, display: Display) -> App {
        self.ui.theme = display.theme();
        self.ui.display = display;
        self
    }
}

/// The last pass over every frame, after every view and overlay has drawn: hide identifiers
/// (meeting mode), fold to ASCII (`--ascii`), and give unset colours the theme's base.
pub fn finish_frame(app: &App, buffer: &mut Buffer) {
    redact::redact_frame(app, buffer);
    if app.ui.display.ascii {
        fold_frame(buffer);
    }
    fill_base_colours(app.ui.theme.base, buffer);
}

/// Every cell as ASCII: box drawing as `+ - |`, accented letters without accents, `?` for
/// anything else (a wide character's second cell is already blank).
fn fold_frame(buffer: &mut Buffer) {
    for cell in &mut buffer.content {
        let symbol = cell.symbol();
        if symbol.is_ascii() {
            continue;
        }
        let first = symbol.chars().next().map_or(' ', fold_char);
        cell.set_char(first);
    }
}

fn fill_base_colours(base: ratatui::style::Style, buffer: &mut Buffer) {
    if base.fg.is_none() && base.bg.is_none() {
        return;
    }
    for cell in &mut buffer.content {
        if let Some(fg) = base.fg.filter(|_| cell.fg == Color::Reset) {
            cell.fg = fg;
        }
        if let Some(bg) = base.bg.filter(|_| cell.bg == Color::Reset) {
            cell.bg = bg;
        }
    }
}
