//! From the config, the command line and the environment to how the app is shown: the two
//! themes, ASCII, meeting mode at start, the identifying fields; with every message worth
//! showing (broken themes, refused key overrides). Pure: the environment is passed in.

use crate::config::Config;
use crate::tui::display::Display;
use crate::tui::theme::catalog::{Catalog, ThemeSource};
use crate::tui::theme::colour::ColourDepth;
use crate::tui::theme::{ColourChoice, ThemeRequest, choose, locale_is_utf8};

/// What the command line says about the display.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct DisplayFlags {
    /// `--color`.
    pub colour: ColourChoice,
    /// `--ascii`.
    pub ascii: bool,
    /// `--meeting`: start in meeting mode.
    pub meeting: bool,
}

/// The display the app starts with, and messages for the user.
pub fn display_for(
    config: &Config,
    user_themes: Vec<ThemeSource>,
    flags: DisplayFlags,
    env: impl Fn(&str) -> Option<String>,
) -> (Display, Vec<String>) {
    // Box drawing from a terminal that is not UTF-8 arrives as mojibake.
    let ascii = flags.ascii || config.ascii || !locale_is_utf8(&env);
    let request = ThemeRequest {
        theme: config.theme.clone(),
        meeting_theme: config.meeting_theme.clone(),
        colour: flags.colour,
        no_color: env("NO_COLOR").is_some_and(|value| !value.is_empty()),
        ascii,
    };
    let chosen = choose(
        &Catalog::new(user_themes),
        &request,
        ColourDepth::detect(&env),
    );
    let display = Display {
        normal_theme: chosen.normal,
        meeting_theme: chosen.meeting,
        ascii,
        meeting: flags.meeting,
        identifying_fields: config.identifying_fields.clone(),
        meeting_shows_costs: config.meeting_shows_costs,
    };
    (display, chosen.messages)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::theme::Theme;

    use crate::tui::theme::env_of as env;

    const UTF8: &[(&str, &str)] = &[("LANG", "en_GB.UTF-8"), ("TERM", "xterm")];

    #[test]
    fn flags_config_and_locale_decide() {
        let config = Config::default();
        let (display, messages) =
            display_for(&config, Vec::new(), DisplayFlags::default(), env(UTF8));
        assert!(!display.ascii && !display.meeting && messages.is_empty());
        assert_eq!(display.normal_theme, Theme::ansi16());
        let (display, _) = display_for(
            &config,
            Vec::new(),
            DisplayFlags::default(),
            env(&[("LANG", "C")]),
        );
        assert!(display.ascii, "a locale without UTF-8 means ASCII");
        let ascii_config = Config {
            ascii: true,
            ..Config::default()
        };
        let (display, _) = display_for(
            &ascii_config,
            Vec::new(),
            DisplayFlags::default(),
            env(UTF8),
        );
        assert!(display.ascii);
        let flags = DisplayFlags {
            meeting: true,
            ..DisplayFlags::default()
        };
        let (display, _) = display_for(&config, Vec::new(), flags, env(UTF8));
        assert!(display.meeting);
        assert_eq!(display.theme(), display.meeting_theme);
    }

    #[test]
    fn a_broken_user_theme_falls_back_with_a_message() {
        let config = Config {
            theme: Some("mine".into()),
            ..Config::default()
        };
        let broken = ThemeSource {
            name: "mine".into(),
            origin: "/cfg/themes/mine.yaml".into(),
            text: "inherits: default\noverdue: crimson\n".into(),
        };
        let (display, messages) =
            display_for(&config, vec![broken], DisplayFlags::default(), env(UTF8));
        assert_eq!(display.normal_theme, Theme::ansi16());
        assert_eq!(messages.len(), 1);
        assert!(
            messages[0].starts_with(
                "/cfg/themes/mine.yaml:2:10: theme key `overdue`: unknown style word `crimson`"
            ),
            "{}",
            messages[0]
        );
    }
}
