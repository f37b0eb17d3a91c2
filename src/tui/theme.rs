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

const ASCII_SYMBOLS: Symbols = Symbols {
    ellipsis: "...",
    ..SYMBOLS
};

/// `+ - |` borders; the focused block uses `=` so it still stands out.
const ASCII_BORDER: border::Set = border::Set {
    top_left: "+",
    top_right: "+",
    bottom_left: "+",
    bottom_right: "+",
    vertical_left: "|",
    vertical_right: "|",
    horizontal_top: "-",
    horizontal_bottom: "-",
};

const ASCII_FOCUSED_BORDER: border::Set = border::Set {
    horizontal_top: "=",
    horizontal_bottom: "=",
    ..ASCII_BORDER
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
            // Dim, not dark grey: on an 8-colour terminal grey can come out as black on black.
            muted: Style::new().add_modifier(Modifier::DIM),
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

    /// The same styles drawn with ASCII only: borders `+ - |` and `...`.
    pub fn ascii(self) -> Theme {
        Theme {
            border: ASCII_BORDER,
            focused_border: ASCII_FOCUSED_BORDER,
            symbols: ASCII_SYMBOLS,
            ..self
        }
    }

    /// The theme the environment asks for: `NO_COLOR` (set and not empty) means mono, and a
    /// locale that is not UTF-8 means ASCII (box drawing would arrive as mojibake).
    pub fn from_env() -> Theme {
        let theme = match std::env::var_os("NO_COLOR") {
            Some(value) if !value.is_empty() => Theme::mono(),
            _ => Theme::ansi16(),
        };
        if cfg!(unix) && !locale_is_utf8(|name| std::env::var(name).ok()) {
            theme.ascii()
        } else {
            theme
        }
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::ansi16()
    }
}

/// Does the locale (the first set of `LC_ALL`, `LC_CTYPE`, `LANG`, as the C library reads
/// them) use UTF-8? Unset means the C locale, which does not.
pub fn locale_is_utf8(var: impl Fn(&str) -> Option<String>) -> bool {
    ["LC_ALL", "LC_CTYPE", "LANG"]
        .into_iter()
        .find_map(|name| var(name).filter(|value| !value.is_empty()))
        .is_some_and(|locale| {
            let locale = locale.to_ascii_lowercase();
            locale.contains("utf-8") || locale.contains("utf8")
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locale_decides_ascii() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(key, _)| *key == name)
                    .map(|(_, value)| value.to_string())
            }
        };
        assert!(locale_is_utf8(env(&[("LANG", "en_GB.UTF-8")])));
        assert!(locale_is_utf8(env(&[("LC_ALL", "C.utf8"), ("LANG", "C")])));
        assert!(!locale_is_utf8(env(&[
            ("LC_ALL", "C"),
            ("LANG", "en_GB.UTF-8")
        ])));
        assert!(!locale_is_utf8(env(&[("LANG", "C")])));
        assert!(!locale_is_utf8(env(&[])));
        assert!(locale_is_utf8(env(&[
            ("LC_ALL", ""),
            ("LANG", "en_GB.UTF-8")
        ])));
    }

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
