//! Semantic styles (overdue, dispute, health ...) in the 16 named ANSI colours plus bold and
//! reverse, and the symbols drawn beside them: colour never carries meaning alone.

use ratatui::style::{Color, Modifier, Style};
use ratatui::symbols::border;

/// The styles the views use, by meaning rather than by widget.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    pub overdue: Style,
    pub due_soon: Style,
    pub dispute: Style,
    pub health: Style,
    pub social: Style,
    pub joint: Style,
    pub selected: Style,
    pub muted: Style,
    pub error: Style,
    pub warning: Style,
    /// Titles and labels.
    pub heading: Style,
    /// Borders of an ordinary block, and of the block that has the keys.
    pub border: border::Set<'static>,
    pub focused_border: border::Set<'static>,
    pub symbols: Symbols,
}

/// The characters drawn with meaning; all ASCII apart from the ellipsis.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Symbols {
    pub selected: &'static str,
    pub overdue: &'static str,
    pub due_soon: &'static str,
    pub ellipsis: &'static str,
    pub bullet: &'static str,
}

const SYMBOLS: Symbols = Symbols {
    selected: "> ",
    overdue: "!",
    due_soon: "~",
    ellipsis: "…",
    bullet: "-",
};

impl Theme {
    /// Colour with the 16 named ANSI colours: readable on dark and light backgrounds.
    pub fn ansi16() -> Theme {
        let bold = Modifier::BOLD;
        Theme {
            overdue: Style::new().fg(Color::Red).add_modifier(bold),
            due_soon: Style::new().fg(Color::Yellow),
            dispute: Style::new()
                .fg(Color::Red)
                .add_modifier(bold | Modifier::REVERSED),
            health: Style::new().fg(Color::Cyan).add_modifier(bold),
            social: Style::new().fg(Color::Green).add_modifier(bold),
            joint: Style::new().fg(Color::Magenta).add_modifier(bold),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            muted: Style::new().fg(Color::DarkGray),
            error: Style::new().fg(Color::Red).add_modifier(bold),
            warning: Style::new().fg(Color::Yellow),
            heading: Style::new().add_modifier(bold),
            border: border::PLAIN,
            focused_border: border::THICK,
            symbols: SYMBOLS,
        }
    }

    /// No colour at all (for `NO_COLOR`): bold, reverse and the symbols carry the meaning.
    pub fn mono() -> Theme {
        let bold = Style::new().add_modifier(Modifier::BOLD);
        Theme {
            overdue: bold,
            due_soon: Style::new(),
            dispute: bold.add_modifier(Modifier::REVERSED),
            health: bold,
            social: bold,
            joint: bold,
            selected: Style::new().add_modifier(Modifier::REVERSED),
            muted: Style::new().add_modifier(Modifier::DIM),
            error: bold,
            warning: Style::new(),
            heading: bold,
            border: border::PLAIN,
            focused_border: border::THICK,
            symbols: SYMBOLS,
        }
    }

    /// The theme the environment asks for: `NO_COLOR` (set and not empty) means mono.
    pub fn from_env() -> Theme {
        match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Theme::mono(),
            _ => Theme::ansi16(),
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::ansi16()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mono_has_no_colour() {
        let theme = Theme::mono();
        for style in [
            theme.overdue,
            theme.due_soon,
            theme.dispute,
            theme.health,
            theme.social,
            theme.joint,
            theme.selected,
            theme.muted,
            theme.error,
            theme.warning,
            theme.heading,
        ] {
            assert_eq!(style.fg, None);
            assert_eq!(style.bg, None);
        }
    }
}
