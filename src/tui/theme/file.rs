//! Theme files: a YAML mapping from a meaning (`overdue`, `dispute` ...) to style words
//! (`red bold`, `bright_white on black`), plus `description` and `inherits`.
//!
//! Problems name the file, the line and column, and the key: a bad value makes the whole
//! file unusable (the caller falls back to the default theme); an unknown key only warns.

use ratatui::style::{Color, Modifier, Style};

use crate::plan::finding::YamlPath;
use crate::plan::spans::SpanIndex;
use crate::tui::theme::colour::{NAMED, parse_colour};

/// The meanings a theme styles, in the order `aftercare themes show` lists them.
pub const STYLE_KEYS: [&str; 15] = [
    "base",
    "heading",
    "muted",
    "selected",
    "overdue",
    "due_soon",
    "dispute",
    "health",
    "social",
    "joint",
    "error",
    "warning",
    "diff_add",
    "diff_del",
    "diff_hunk",
];

const OTHER_KEYS: [&str; 2] = ["description", "inherits"];

const MODIFIERS: [(&str, Modifier); 8] = [
    ("bold", Modifier::BOLD),
    ("dim", Modifier::DIM),
    ("italic", Modifier::ITALIC),
    ("underline", Modifier::UNDERLINED),
    ("underlined", Modifier::UNDERLINED),
    ("reverse", Modifier::REVERSED),
    ("reversed", Modifier::REVERSED),
    ("crossed_out", Modifier::CROSSED_OUT),
];

/// A theme file as read: its styles by meaning, before inheritance.
#[derive(Debug, Clone, PartialEq)]
pub struct ThemeFile {
    pub description: Option<String>,
    pub inherits: Option<String>,
    pub styles: Vec<(&'static str, Style)>,
    /// Unknown keys: `FILE:LINE:COL: ...` (the theme is still used).
    pub warnings: Vec<String>,
}

/// Read a theme file's text; `origin` names it in messages (a path, or `built-in NAME`).
/// The error is `ORIGIN:LINE:COL: what is wrong`.
pub fn parse_theme_file(origin: &str, text: &str) -> Result<ThemeFile, String> {
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|error| {
        let (line, column) = error
            .location()
            .map_or((1, 1), |at| (at.line(), at.column()));
        let message = error.to_string();
        let message = message.split(" at line ").next().unwrap_or(&message);
        format!("{origin}:{line}:{column}: not a readable theme file: {message}")
    })?;
    let spans = SpanIndex::build(text);
    let at = |key: &str, at_key: bool| {
        let location = spans.locate(&YamlPath::root().key(key), at_key);
        format!("{origin}:{}:{}", location.line, location.column)
    };
    let map = match value {
        serde_yaml::Value::Mapping(map) => map,
        serde_yaml::Value::Null => serde_yaml::Mapping::new(),
        _ => {
            return Err(format!(
                "{origin}:1:1: a theme file is a mapping of `meaning: style` lines, such as `overdue: red bold`"
            ));
        }
    };
    let mut file = ThemeFile {
        description: None,
        inherits: None,
        styles: Vec::new(),
        warnings: Vec::new(),
    };
    for (key, value) in &map {
        let Some(key) = key.as_str() else {
            return Err(format!(
                "{origin}:1:1: theme keys are words, such as `overdue`"
            ));
        };
        let text = match value {
            serde_yaml::Value::String(text) => Some(text.clone()),
            serde_yaml::Value::Null => Some(String::new()),
            _ => None,
        };
        if OTHER_KEYS.contains(&key) {
            let Some(text) = text else {
                return Err(format!("{}: `{key}` must be text", at(key, false)));
            };
            let text = Some(text.trim().to_owned()).filter(|text| !text.is_empty());
            match key {
                "description" => file.description = text,
                _ => file.inherits = text,
            }
            continue;
        }
        let Some(known) = STYLE_KEYS.iter().find(|known| **known == key) else {
            file.warnings.push(format!(
                "{}: unknown theme key `{key}` (ignored){}",
                at(key, true),
                suggestion(key, STYLE_KEYS.iter().chain(&OTHER_KEYS).copied())
            ));
            continue;
        };
        let Some(text) = text else {
            return Err(format!(
                "{}: `{key}` must be style words, such as `red bold`",
                at(key, false)
            ));
        };
        let style = parse_style(&text)
            .map_err(|reason| format!("{}: theme key `{key}`: {reason}", at(key, false)))?;
        file.styles.push((known, style));
    }
    Ok(file)
}

/// Style words: a colour for the text, `on COLOUR` for the background, modifiers.
pub fn parse_style(text: &str) -> Result<Style, String> {
    let mut style = Style::new();
    let mut words = text.split_whitespace().peekable();
    while let Some(word) = words.next() {
        let lower = word.to_ascii_lowercase();
        if lower == "on" {
            let Some(colour_word) = words.next() else {
                return Err("`on` needs a colour after it, such as `on black`".to_owned());
            };
            let colour = parse_colour(colour_word).ok_or_else(|| unknown_word(colour_word))?;
            // `default` is the terminal's own colour: leave it unset.
            if colour != Color::Reset {
                style = style.bg(colour);
            }
        } else if let Some((_, modifier)) = MODIFIERS.iter().find(|(name, _)| *name == lower) {
            style = style.add_modifier(*modifier);
        } else if lower == "plain" || lower == "none" {
        } else if let Some(colour) = parse_colour(word) {
            if style.fg.is_some() {
                return Err(format!(
                    "two text colours (`{word}` is the second); write `on {word}` for a background"
                ));
            }
            if colour != Color::Reset {
                style = style.fg(colour);
            }
        } else {
            return Err(unknown_word(word));
        }
    }
    Ok(style)
}

fn unknown_word(word: &str) -> String {
    let known = NAMED
        .iter()
        .map(|(name, _)| *name)
        .chain(MODIFIERS.iter().map(|(name, _)| *name));
    format!(
        "unknown style word `{word}`{}; use colour names ({}), ansi(N), #rrggbb, `on COLOUR`, bold, dim, italic, underline, reverse",
        suggestion(word, known),
        NAMED[1..9]
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(" ")
    )
}

/// ` (did you mean `x`?)` when a known word is close.
fn suggestion<'a>(word: &str, known: impl Iterator<Item = &'a str>) -> String {
    known
        .map(|candidate| (strsim::damerau_levenshtein(word, candidate), candidate))
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, candidate)| format!(" (did you mean `{candidate}`?)"))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn style_words() {
        assert_eq!(
            parse_style("bright_white on red bold").unwrap(),
            Style::new()
                .fg(Color::White)
                .bg(Color::Red)
                .add_modifier(Modifier::BOLD)
        );
        assert_eq!(parse_style("").unwrap(), Style::new());
        assert_eq!(
            parse_style("reverse underline").unwrap(),
            Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
        );
        let error = parse_style("redd bold").unwrap_err();
        assert!(error.contains("`redd` (did you mean `red`?)"), "{error}");
        assert!(
            parse_style("red blue")
                .unwrap_err()
                .contains("two text colours")
        );
        assert!(
            parse_style("red on")
                .unwrap_err()
                .contains("needs a colour")
        );
    }

    #[test]
    fn problems_name_file_line_column_and_key() {
        let text = "description: mine\noverdue: red\ndue_soon: yelow bold\n";
        let error = parse_theme_file("themes/mine.yaml", text).unwrap_err();
        assert!(
            error.starts_with(
                "themes/mine.yaml:3:11: theme key `due_soon`: unknown style word `yelow`"
            ),
            "{error}"
        );
        let file = parse_theme_file("mine.yaml", "inherits: default\noverdu: red\n").unwrap();
        assert_eq!(file.inherits.as_deref(), Some("default"));
        assert_eq!(
            file.warnings,
            vec!["mine.yaml:2:1: unknown theme key `overdu` (ignored) (did you mean `overdue`?)"]
        );
        let error = parse_theme_file("x.yaml", "overdue: [red]\n").unwrap_err();
        assert!(
            error.starts_with("x.yaml:1:10: `overdue` must be style words"),
            "{error}"
        );
        let error = parse_theme_file("x.yaml", "overdue: red\n  bad: [\n").unwrap_err();
        assert!(error.starts_with("x.yaml:"), "{error}");
        assert!(parse_theme_file("x.yaml", "- red\n").is_err());
    }

    #[test]
    fn built_in_files_use_known_keys_only() {
        for (name, text) in crate::tui::theme::catalog::BUILT_IN {
            let file = parse_theme_file(name, text).unwrap();
            assert!(file.warnings.is_empty(), "{name}: {:?}", file.warnings);
            assert_eq!(
                file.styles.len(),
                STYLE_KEYS.len(),
                "{name} styles every key"
            );
        }
    }
}
