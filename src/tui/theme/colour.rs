//! Colours in theme files (`red`, `bright_white`, `ansi(208)`, `#ff8800`) and what the
//! terminal can show: with fewer than 256 colours nothing depends on RGB, so such colours
//! become the nearest of the 16 named ones.

use ratatui::style::{Color, Style};

/// How many colours the terminal shows, as far as the environment tells.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ColourDepth {
    /// The 16 named ANSI colours (or 8: the bright ones then show as bold).
    Named16,
    Indexed256,
    TrueColour,
}

impl ColourDepth {
    /// `COLORTERM=truecolor|24bit` means RGB; a `TERM` with `256color` means 256; anything
    /// else (`xterm`, `linux`, `screen`, `vt220`) is taken as 16.
    pub fn detect(var: impl Fn(&str) -> Option<String>) -> ColourDepth {
        let colorterm = var("COLORTERM").unwrap_or_default().to_ascii_lowercase();
        let term = var("TERM").unwrap_or_default().to_ascii_lowercase();
        if colorterm == "truecolor" || colorterm == "24bit" || term.contains("direct") {
            ColourDepth::TrueColour
        } else if term.contains("256") {
            ColourDepth::Indexed256
        } else {
            ColourDepth::Named16
        }
    }
}

/// The names a theme file may use, with the colour each means. `white` is ANSI white (light
/// grey on most terminals); `bright_white` is the brightest.
pub const NAMED: [(&str, Color); 17] = [
    ("default", Color::Reset),
    ("black", Color::Black),
    ("red", Color::Red),
    ("green", Color::Green),
    ("yellow", Color::Yellow),
    ("blue", Color::Blue),
    ("magenta", Color::Magenta),
    ("cyan", Color::Cyan),
    ("white", Color::Gray),
    ("bright_black", Color::DarkGray),
    ("bright_red", Color::LightRed),
    ("bright_green", Color::LightGreen),
    ("bright_yellow", Color::LightYellow),
    ("bright_blue", Color::LightBlue),
    ("bright_magenta", Color::LightMagenta),
    ("bright_cyan", Color::LightCyan),
    ("bright_white", Color::White),
];

/// Other spellings people reach for.
const ALIASES: [(&str, &str); 5] = [
    ("grey", "white"),
    ("gray", "white"),
    ("dark_grey", "bright_black"),
    ("dark_gray", "bright_black"),
    ("reset", "default"),
];

/// A colour word: a name, `ansi(N)` (0-255) or `#rrggbb`.
pub fn parse_colour(word: &str) -> Option<Color> {
    let word = word.to_ascii_lowercase().replace('-', "_");
    let name = ALIASES
        .iter()
        .find(|(alias, _)| *alias == word)
        .map_or(word.as_str(), |(_, name)| name);
    if let Some((_, colour)) = NAMED.iter().find(|(known, _)| *known == name) {
        return Some(*colour);
    }
    if let Some(hex) = name.strip_prefix('#') {
        if hex.len() != 6 {
            return None;
        }
        let channel = |at: usize| u8::from_str_radix(hex.get(at..at + 2)?, 16).ok();
        return Some(Color::Rgb(channel(0)?, channel(2)?, channel(4)?));
    }
    let inner = name
        .strip_prefix("ansi(")
        .or_else(|| name.strip_prefix("color("))
        .or_else(|| name.strip_prefix("colour("))?
        .strip_suffix(')')?;
    inner.trim().parse::<u8>().ok().map(Color::Indexed)
}

/// The name of a colour as a theme file writes it.
pub fn colour_name(colour: Color) -> String {
    match NAMED.iter().find(|(_, named)| *named == colour) {
        Some((name, _)) => (*name).to_owned(),
        None => match colour {
            Color::Indexed(index) => format!("ansi({index})"),
            Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
            other => format!("{other:?}"),
        },
    }
}

/// The colour as this terminal can show it.
pub fn fit_colour(colour: Color, depth: ColourDepth) -> Color {
    match (colour, depth) {
        (Color::Rgb(..) | Color::Indexed(16..), ColourDepth::Named16) => {
            nearest_named(rgb_of(colour))
        }
        (Color::Indexed(index @ 0..16), _) => NAMED[1 + usize::from(index)].1,
        (Color::Rgb(r, g, b), ColourDepth::Indexed256) => Color::Indexed(cube_index(r, g, b)),
        _ => colour,
    }
}

/// Every colour of the style as this terminal can show it.
pub fn fit_style(style: Style, depth: ColourDepth) -> Style {
    Style {
        fg: style.fg.map(|colour| fit_colour(colour, depth)),
        bg: style.bg.map(|colour| fit_colour(colour, depth)),
        ..style
    }
}

/// The usual xterm values of the 16 named colours, in ANSI order.
const NAMED_RGB: [(u8, u8, u8); 16] = [
    (0, 0, 0),
    (205, 0, 0),
    (0, 205, 0),
    (205, 205, 0),
    (0, 0, 238),
    (205, 0, 205),
    (0, 205, 205),
    (229, 229, 229),
    (127, 127, 127),
    (255, 0, 0),
    (0, 255, 0),
    (255, 255, 0),
    (92, 92, 255),
    (255, 0, 255),
    (0, 255, 255),
    (255, 255, 255),
];

fn rgb_of(colour: Color) -> (u8, u8, u8) {
    match colour {
        Color::Rgb(r, g, b) => (r, g, b),
        Color::Indexed(index @ 0..16) => NAMED_RGB[usize::from(index)],
        Color::Indexed(index @ 16..232) => {
            let index = index - 16;
            let level = |value: u8| if value == 0 { 0 } else { 55 + value * 40 };
            (level(index / 36), level((index / 6) % 6), level(index % 6))
        }
        Color::Indexed(index) => {
            let grey = 8 + (index - 232) * 10;
            (grey, grey, grey)
        }
        _ => (0, 0, 0),
    }
}

fn nearest_named((r, g, b): (u8, u8, u8)) -> Color {
    let distance = |(nr, ng, nb): (u8, u8, u8)| {
        let d = |a: u8, b: u8| (i32::from(a) - i32::from(b)).pow(2);
        d(r, nr) + d(g, ng) + d(b, nb)
    };
    let index = (0..16)
        .min_by_key(|index| distance(NAMED_RGB[*index]))
        .unwrap_or(0);
    NAMED[1 + index].1
}

fn cube_index(r: u8, g: u8, b: u8) -> u8 {
    let level = |value: u8| -> u8 {
        if value < 48 {
            0
        } else if value < 115 {
            1
        } else {
            (value - 35) / 40
        }
    };
    16 + 36 * level(r) + 6 * level(g) + level(b)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_become_colours() {
        assert_eq!(parse_colour("red"), Some(Color::Red));
        assert_eq!(parse_colour("Bright-White"), Some(Color::White));
        assert_eq!(parse_colour("grey"), Some(Color::Gray));
        assert_eq!(parse_colour("ansi(208)"), Some(Color::Indexed(208)));
        assert_eq!(parse_colour("#ff8800"), Some(Color::Rgb(255, 136, 0)));
        assert_eq!(parse_colour("#ff88"), None);
        assert_eq!(parse_colour("redd"), None);
        assert_eq!(colour_name(Color::LightCyan), "bright_cyan");
    }

    #[test]
    fn fewer_than_256_colours_means_named_colours_only() {
        let orange = Color::Rgb(255, 136, 0);
        assert_eq!(fit_colour(orange, ColourDepth::Named16), Color::Yellow);
        assert_eq!(
            fit_colour(Color::Rgb(250, 10, 10), ColourDepth::Named16),
            Color::LightRed
        );
        assert_eq!(
            fit_colour(Color::Indexed(196), ColourDepth::Named16),
            Color::LightRed
        );
        assert_eq!(
            fit_colour(Color::Indexed(1), ColourDepth::Named16),
            Color::Red
        );
        assert_eq!(
            fit_colour(orange, ColourDepth::Indexed256),
            Color::Indexed(208)
        );
        assert_eq!(fit_colour(orange, ColourDepth::TrueColour), orange);
        assert_eq!(fit_colour(Color::Red, ColourDepth::Named16), Color::Red);
    }

    #[test]
    fn depth_comes_from_term_and_colorterm() {
        let env = crate::tui::theme::env_of;
        assert_eq!(
            ColourDepth::detect(env(&[("TERM", "xterm")])),
            ColourDepth::Named16
        );
        assert_eq!(
            ColourDepth::detect(env(&[("TERM", "xterm-256color")])),
            ColourDepth::Indexed256
        );
        assert_eq!(
            ColourDepth::detect(env(&[("TERM", "xterm"), ("COLORTERM", "truecolor")])),
            ColourDepth::TrueColour
        );
        assert_eq!(ColourDepth::detect(env(&[])), ColourDepth::Named16);
    }
}
