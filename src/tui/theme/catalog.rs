//! The themes there are: four built in (compiled from `themes/*.yaml`, so the binary needs
//! no files beside it) and the user's own `*.yaml` in the config folder's `themes/`, which
//! override a built-in of the same name or add new ones, and may `inherits:` another.
//!
//! A theme that cannot be used (broken file, bad value, unknown parent, a loop of
//! `inherits`) gives a message naming the file, the place and the key, and the built-in
//! default is used instead: a theme never stops the app.

pub use crate::config::themes::{BUILT_IN, ThemeSource};
use crate::tui::theme::Theme;
use crate::tui::theme::file::parse_theme_file;

/// `inherits` chains longer than this are refused (a loop, most likely).
const MAX_INHERITANCE: usize = 8;

/// One line of `aftercare themes`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeEntry {
    pub name: String,
    /// `built-in`, or the user file's path.
    pub origin: String,
    pub description: Option<String>,
    /// A user file that replaces the built-in of the same name.
    pub overrides_built_in: bool,
}

/// A theme ready to use, and what was worth saying about it (unknown keys).
#[derive(Debug, Clone)]
pub struct ResolvedTheme {
    pub theme: Theme,
    pub warnings: Vec<String>,
}

#[derive(Debug, Clone, Default)]
pub struct Catalog {
    user: Vec<ThemeSource>,
}

impl Catalog {
    pub fn new(user: Vec<ThemeSource>) -> Catalog {
        Catalog { user }
    }

    pub fn built_in_only() -> Catalog {
        Catalog::default()
    }

    /// Every theme by name, built-in first, user themes after.
    pub fn entries(&self) -> Vec<ThemeEntry> {
        let description = |origin: &str, text: &str| {
            parse_theme_file(origin, text)
                .ok()
                .and_then(|file| file.description)
        };
        let mut entries: Vec<ThemeEntry> = BUILT_IN
            .iter()
            .filter(|(name, _)| !self.user.iter().any(|user| user.name == *name))
            .map(|(name, text)| ThemeEntry {
                name: (*name).to_owned(),
                origin: "built-in".to_owned(),
                description: description(name, text),
                overrides_built_in: false,
            })
            .collect();
        let mut user: Vec<ThemeEntry> = self
            .user
            .iter()
            .map(|source| ThemeEntry {
                name: source.name.clone(),
                origin: source.origin.clone(),
                description: description(&source.origin, &source.text),
                overrides_built_in: BUILT_IN.iter().any(|(name, _)| *name == source.name),
            })
            .collect();
        user.sort_by(|a, b| a.name.cmp(&b.name));
        entries.extend(user);
        entries
    }

    /// The theme called `name`, with what it inherits. The error names the file and key.
    pub fn resolve(&self, name: &str) -> Result<ResolvedTheme, String> {
        let mut warnings = Vec::new();
        let theme = self.resolve_from(name, false, &mut Vec::new(), &mut warnings)?;
        Ok(ResolvedTheme { theme, warnings })
    }

    /// The theme called `name`, or the built-in default with a message saying why not.
    pub fn load_or_default(&self, name: &str) -> (Theme, Vec<String>) {
        match self.resolve(name) {
            Ok(resolved) => (resolved.theme, resolved.warnings),
            Err(problem) => (
                Theme::built_in("default"),
                vec![format!("{problem}; using the default theme")],
            ),
        }
    }

    fn resolve_from(
        &self,
        name: &str,
        built_in_only: bool,
        chain: &mut Vec<String>,
        warnings: &mut Vec<String>,
    ) -> Result<Theme, String> {
        let user = self
            .user
            .iter()
            .find(|source| source.name == name)
            .filter(|_| !built_in_only);
        let (origin, text) = match user {
            Some(source) => (source.origin.clone(), source.text.as_str()),
            None => match BUILT_IN.iter().find(|(known, _)| *known == name) {
                Some((_, text)) => (format!("built-in theme {name}"), *text),
                None => return Err(self.unknown(name, chain.last())),
            },
        };
        if chain.contains(&origin) || chain.len() >= MAX_INHERITANCE {
            chain.push(origin);
            return Err(format!("themes inherit in a loop: {}", chain.join(" -> ")));
        }
        chain.push(origin.clone());
        let file = parse_theme_file(&origin, text)?;
        warnings.extend(file.warnings);
        let mut theme = match &file.inherits {
            // A user theme that inherits its own name builds on the built-in one.
            Some(parent) => {
                let own_name = parent == name && user.is_some();
                self.resolve_from(parent, own_name, chain, warnings)?
            }
            None => Theme::unstyled(),
        };
        for (key, style) in file.styles {
            theme.set(key, style);
        }
        Ok(theme)
    }

    fn unknown(&self, name: &str, wanted_by: Option<&String>) -> String {
        let known: Vec<String> = self.entries().into_iter().map(|entry| entry.name).collect();
        let who = match wanted_by {
            Some(origin) => format!("{origin}: `inherits: {name}`"),
            None => format!("theme `{name}`"),
        };
        format!(
            "{who}: no such theme (themes: {}; a user theme is a .yaml file in the config folder's themes/)",
            known.join(", ")
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier, Style};

    fn user(name: &str, text: &str) -> ThemeSource {
        ThemeSource {
            name: name.into(),
            origin: format!("/home/u/.config/aftercare/themes/{name}.yaml"),
            text: text.into(),
        }
    }

    #[test]
    fn built_ins_are_listed_and_differ() {
        let catalog = Catalog::built_in_only();
        let names: Vec<String> = catalog.entries().into_iter().map(|e| e.name).collect();
        assert_eq!(names, ["default", "high-contrast", "light", "mono"]);
        let default = catalog.resolve("default").unwrap().theme;
        assert_eq!(
            default.overdue,
            Style::new().fg(Color::Red).add_modifier(Modifier::BOLD)
        );
        assert_ne!(catalog.resolve("light").unwrap().theme, default);
    }

    #[test]
    fn user_themes_add_override_and_inherit() {
        let catalog = Catalog::new(vec![
            user("mine", "inherits: high-contrast\noverdue: ansi(208) bold\n"),
            user("default", "inherits: default\nhealth: blue\n"),
        ]);
        let mine = catalog.resolve("mine").unwrap().theme;
        let contrast = Catalog::built_in_only()
            .resolve("high-contrast")
            .unwrap()
            .theme;
        assert_eq!(mine.base, contrast.base, "inherited");
        assert_eq!(mine.overdue.fg, Some(Color::Indexed(208)));
        let default = catalog.resolve("default").unwrap().theme;
        assert_eq!(default.health, Style::new().fg(Color::Blue));
        assert_eq!(
            default.overdue,
            Theme::ansi16().overdue,
            "rest of the built-in"
        );
        let entries = catalog.entries();
        assert!(
            entries
                .iter()
                .any(|e| e.name == "default" && e.overrides_built_in)
        );
        assert_eq!(entries.iter().filter(|e| e.name == "default").count(), 1);
    }

    #[test]
    fn broken_themes_fall_back_to_the_default_with_a_message() {
        let catalog = Catalog::new(vec![
            user("broken", "inherits: default\ndispute: red blod\n"),
            user("orphan", "inherits: nosuch\n"),
            user("a", "inherits: b\n"),
            user("b", "inherits: a\n"),
        ]);
        let (theme, messages) = catalog.load_or_default("broken");
        assert_eq!(theme, Theme::ansi16());
        assert_eq!(messages.len(), 1);
        let message = &messages[0];
        assert!(
            message.starts_with("/home/u/.config/aftercare/themes/broken.yaml:2:10: theme key `dispute`: unknown style word `blod` (did you mean `bold`?)"),
            "{message}"
        );
        assert!(message.ends_with("; using the default theme"), "{message}");
        let (_, messages) = catalog.load_or_default("orphan");
        assert!(
            messages[0].contains("`inherits: nosuch`: no such theme"),
            "{messages:?}"
        );
        let (_, messages) = catalog.load_or_default("a");
        assert!(messages[0].contains("inherit in a loop"), "{messages:?}");
        let (_, messages) = catalog.load_or_default("nosuch");
        assert!(messages[0].starts_with("theme `nosuch`: no such theme (themes: default"));
    }
}
