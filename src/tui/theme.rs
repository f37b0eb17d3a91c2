//! Semantic styles (overdue, dispute, health ...) and the symbols drawn beside them: colour
//! never carries meaning alone. The styles come from theme files (`themes/*.yaml`, compiled
//! in, and the user's own in the config folder); `choose` picks the theme for the normal
//! and the meeting display from the config, `--color`, `NO_COLOR` and the terminal.

pub mod catalog;
pub mod colour;
pub mod file;

use ratatui::style::{Modifier, Style};
use ratatui::symbols::border;

use self::catalog::Catalog;
use self::colour::{ColourDepth, fit_style};

/// The styles the views use, by meaning rather than by widget.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Theme {
    /// Under everything: the colours a cell gets when nothing else sets them.
    pub base: Style,
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
    /// Lines a change adds, removes, and the `@@` lines between.
    pub diff_add: Style,
    pub diff_del: Style,
    pub diff_hunk: Style,
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
    /// No styles at all: what a theme file without `inherits` starts from.
    pub fn unstyled() -> Theme {
        let plain = Style::new();
        Theme {
            base: plain,
            overdue: plain,
            due_soon: plain,
            dispute: plain,
            health: plain,
            social: plain,
            joint: plain,
            selected: plain,
            muted: plain,
            error: plain,
            warning: plain,
            heading: plain,
            diff_add: plain,
            diff_del: plain,
            diff_hunk: plain,
            border: border::PLAIN,
            focused_border: border::THICK,
            symbols: SYMBOLS,
        }
    }

    /// The built-in theme of that name (`default`, `high-contrast`, `light`, `mono`).
    pub fn built_in(name: &str) -> Theme {
        Catalog::built_in_only()
            .resolve(name)
            .map(|resolved| resolved.theme)
            .unwrap_or_else(|error| panic!("built-in theme {name}: {error}"))
    }

    /// Colour with the 16 named ANSI colours (the `default` theme).
    pub fn ansi16() -> Theme {
        Theme::built_in("default")
    }

    /// No colour at all (`NO_COLOR`): bold, reverse and the symbols carry the meaning.
    pub fn mono() -> Theme {
        Theme::built_in("mono")
    }

    /// Set the style of one meaning, by its name in theme files.
    pub fn set(&mut self, key: &str, style: Style) {
        if let Some(slot) = self.style_mut(key) {
            *slot = style;
        }
    }

    /// The style of one meaning, by its name in theme files.
    pub fn style(&self, key: &str) -> Option<Style> {
        let mut copy = *self;
        copy.style_mut(key).map(|style| *style)
    }

    fn style_mut(&mut self, key: &str) -> Option<&mut Style> {
        Some(match key {
            "base" => &mut self.base,
            "heading" => &mut self.heading,
            "muted" => &mut self.muted,
            "selected" => &mut self.selected,
            "overdue" => &mut self.overdue,
            "due_soon" => &mut self.due_soon,
            "dispute" => &mut self.dispute,
            "health" => &mut self.health,
            "social" => &mut self.social,
            "joint" => &mut self.joint,
            "error" => &mut self.error,
            "warning" => &mut self.warning,
            "diff_add" => &mut self.diff_add,
            "diff_del" => &mut self.diff_del,
            "diff_hunk" => &mut self.diff_hunk,
            _ => return None,
        })
    }

    /// Every style changed by `change`.
    pub fn map_styles(mut self, change: impl Fn(Style) -> Style) -> Theme {
        for key in file::STYLE_KEYS {
            if let Some(slot) = self.style_mut(key) {
                *slot = change(*slot);
            }
        }
        self
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

    /// Without dim text (for projectors, where dim text vanishes).
    pub fn without_dim(self) -> Theme {
        self.map_styles(|style| style.remove_modifier(Modifier::DIM))
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::ansi16()
    }
}

/// `--color`: whether to use colour at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ColourChoice {
    /// Colour unless `NO_COLOR` is set (and not empty).
    #[default]
    Auto,
    Always,
    Never,
}

/// What decides the themes: the config, the command line and the environment.
#[derive(Debug, Clone, Default)]
pub struct ThemeRequest {
    /// The theme for the normal display (config `theme`; `default` when not set).
    pub theme: Option<String>,
    /// The theme for meeting mode (config `meeting_theme`; `high-contrast` when not set).
    pub meeting_theme: Option<String>,
    pub colour: ColourChoice,
    /// `NO_COLOR` is set and not empty.
    pub no_color: bool,
    pub ascii: bool,
}

/// The two themes the app switches between, and any problem met choosing them.
#[derive(Debug, Clone)]
pub struct ChosenThemes {
    pub normal: Theme,
    pub meeting: Theme,
    /// Broken or unknown themes (the default was used instead), unknown theme keys.
    pub messages: Vec<String>,
}

/// Pick the normal and meeting themes. Without colour both are `mono`; meeting mode never
/// has dim text; colours the terminal cannot show become the nearest it can.
pub fn choose(catalog: &Catalog, request: &ThemeRequest, depth: ColourDepth) -> ChosenThemes {
    let colour = match request.colour {
        ColourChoice::Always => true,
        ColourChoice::Never => false,
        ColourChoice::Auto => !request.no_color,
    };
    let mut messages = Vec::new();
    let mut load = |name: Option<&String>, fallback: &str| {
        let name = if colour {
            name.map_or(fallback, String::as_str)
        } else {
            "mono"
        };
        let (theme, problems) = catalog.load_or_default(name);
        messages.extend(problems);
        theme.map_styles(|style| fit_style(style, depth))
    };
    let normal = load(request.theme.as_ref(), "default");
    let meeting = load(request.meeting_theme.as_ref(), "high-contrast").without_dim();
    let finish = |theme: Theme| if request.ascii { theme.ascii() } else { theme };
    ChosenThemes {
        normal: finish(normal),
        meeting: finish(meeting),
        messages,
    }
}

/// `NO_COLOR` set and not empty (<https://no-color.org>).
pub fn no_color_set() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty())
}

/// Does the locale (the first set of `LC_ALL`, `LC_CTYPE`, `LANG`, as the C library reads
/// them) use UTF-8? Unset means the C locale, which does not.
/// An environment given as name-value pairs, in the form the choices here read variables
/// (`locale_is_utf8`, `ColourDepth::detect`, `startup::display_for`): for tests, and for
/// embedding with an environment of one's own.
pub fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |name: &str| {
        pairs
            .iter()
            .find(|(key, _)| *key == name)
            .map(|(_, value)| value.to_string())
    }
}

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
    use ratatui::style::Color;

    #[test]
    fn locale_decides_ascii() {
        let env = env_of;
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

    fn colours(theme: &Theme) -> Vec<Option<Color>> {
        file::STYLE_KEYS
            .iter()
            .filter_map(|key| theme.style(key))
            .flat_map(|style| [style.fg, style.bg])
            .collect()
    }

    #[test]
    fn mono_has_no_colour() {
        assert!(colours(&Theme::mono()).iter().all(Option::is_none));
    }

    #[test]
    fn no_color_and_never_mean_mono_and_always_overrides() {
        let catalog = Catalog::built_in_only();
        let mut request = ThemeRequest {
            no_color: true,
            ..ThemeRequest::default()
        };
        let chosen = choose(&catalog, &request, ColourDepth::Named16);
        assert!(colours(&chosen.normal).iter().all(Option::is_none));
        assert!(colours(&chosen.meeting).iter().all(Option::is_none));
        request.colour = ColourChoice::Always;
        let chosen = choose(&catalog, &request, ColourDepth::Named16);
        assert_eq!(chosen.normal, Theme::ansi16());
        request = ThemeRequest {
            colour: ColourChoice::Never,
            ..ThemeRequest::default()
        };
        assert_eq!(
            choose(&catalog, &request, ColourDepth::TrueColour).normal,
            Theme::mono()
        );
    }

    #[test]
    fn meeting_mode_is_high_contrast_without_dim_text() {
        let chosen = choose(
            &Catalog::built_in_only(),
            &ThemeRequest::default(),
            ColourDepth::Named16,
        );
        assert_eq!(chosen.meeting.base.bg, Some(Color::Black));
        for key in file::STYLE_KEYS {
            let style = chosen.meeting.style(key).unwrap();
            assert!(!style.add_modifier.contains(Modifier::DIM), "{key} is dim");
        }
        let ascii = choose(
            &Catalog::built_in_only(),
            &ThemeRequest {
                ascii: true,
                ..ThemeRequest::default()
            },
            ColourDepth::Named16,
        );
        assert_eq!(ascii.normal.symbols.ellipsis, "...");
        assert_eq!(ascii.meeting.border.top_left, "+");
    }
}
