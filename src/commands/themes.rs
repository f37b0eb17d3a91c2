//! `aftercare themes`: list the themes (built-in and the user's own), and `themes show NAME`:
//! a sample line in each style, with the style's words, in this terminal's colours.

use std::io::{self, IsTerminal, Write};

use ratatui::style::{Color, Modifier, Style};

use crate::cli::{ColorWhen, Context, exit, usage};
use crate::inert::inert;
use crate::tui::theme::catalog::Catalog;
use crate::tui::theme::colour::{ColourDepth, colour_name, fit_style};
use crate::tui::theme::file::STYLE_KEYS;

/// Arguments of `aftercare themes`.
#[derive(Debug, clap::Args)]
pub struct ThemesArgs {
    #[command(subcommand)]
    pub what: Option<ThemesCommand>,
}

#[derive(Debug, clap::Subcommand)]
pub enum ThemesCommand {
    /// List every theme: name, where it comes from, what it is for.
    List,
    /// Print a sample of each style of theme NAME in this terminal.
    Show {
        name: String,
        /// Colour: auto (none when NO_COLOR is set or not a terminal), always, never.
        #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
        color: ColorWhen,
    },
}

/// `aftercare themes` as typed: the list or the sample on `out`; problems with the user's
/// theme files on `err`. A name that is no theme is a usage error (2), a theme that cannot be
/// used is refused (1).
pub fn execute(
    args: ThemesArgs,
    context: &Context,
    mut out: &mut dyn Write,
    mut err: &mut dyn Write,
) -> io::Result<u8> {
    if let Err(message) = context.no_folder() {
        return usage(err, &message);
    }
    let (user_themes, problems) = context.user_themes();
    for problem in &problems {
        writeln!(err, "aftercare: {}", inert(problem))?;
    }
    let catalog = Catalog::new(user_themes);
    match args.what.unwrap_or(ThemesCommand::List) {
        ThemesCommand::List => list(&catalog, &mut out),
        ThemesCommand::Show { name, color } => {
            if !catalog.entries().iter().any(|entry| entry.name == name) {
                let message = format!("no theme `{name}`; `aftercare themes` lists them");
                return usage(err, &message);
            }
            let colour = match color {
                ColorWhen::Always => true,
                ColorWhen::Never => false,
                ColorWhen::Auto => io::stdout().is_terminal() && !crate::tui::theme::no_color_set(),
            };
            let depth = ColourDepth::detect(|name| std::env::var(name).ok());
            show(&catalog, &name, colour, depth, &mut out, &mut err)
                .map(|code| code.min(exit::REFUSED_OR_FINDINGS))
        }
    }
}

/// `aftercare themes`: one line per theme.
pub fn list(catalog: &Catalog, out: &mut impl Write) -> io::Result<u8> {
    let entries = catalog.entries();
    let name_width = entries
        .iter()
        .map(|entry| entry.name.len())
        .max()
        .unwrap_or(0);
    let description_width = entries
        .iter()
        .map(|entry| entry.description.as_deref().unwrap_or("-").len())
        .max()
        .unwrap_or(0);
    for entry in &entries {
        let origin = if entry.overrides_built_in {
            format!("{} (replaces the built-in)", entry.origin)
        } else {
            entry.origin.clone()
        };
        writeln!(
            out,
            "{:<name_width$}  {:<description_width$}  {origin}",
            entry.name,
            entry.description.as_deref().unwrap_or("-"),
        )?;
    }
    writeln!(
        out,
        "\nChoose with `theme:` and `meeting_theme:` in config.yaml; `aftercare themes show NAME` shows one."
    )?;
    Ok(0)
}

/// `aftercare themes show NAME`: exit code 1 (and the problem on `err`) for a theme that
/// cannot be used.
pub fn show(
    catalog: &Catalog,
    name: &str,
    colour: bool,
    depth: ColourDepth,
    out: &mut impl Write,
    err: &mut impl Write,
) -> io::Result<u8> {
    let resolved = match catalog.resolve(name) {
        Ok(resolved) => resolved,
        Err(problem) => {
            writeln!(err, "aftercare: {problem}")?;
            return Ok(1);
        }
    };
    for warning in &resolved.warnings {
        writeln!(err, "aftercare: {warning}")?;
    }
    let theme = resolved.theme;
    writeln!(out, "theme {name}")?;
    for key in STYLE_KEYS {
        let style = theme.style(key).unwrap_or_default();
        let shown = fit_style(theme.base.patch(style), depth);
        let sample = format!(" {} ", sample(key));
        // Padded outside the escapes, so the words line up in colour too.
        let padding = " ".repeat(30usize.saturating_sub(sample.len()));
        let sample = if colour {
            format!("{}{sample}\x1b[0m{padding}", sgr(shown))
        } else {
            format!("{sample}{padding}")
        };
        writeln!(out, "  {key:<10} {sample}  {}", describe(style))?;
    }
    Ok(0)
}

/// What each style looks like in use.
fn sample(key: &str) -> &'static str {
    match key {
        "base" => "S117-0042  Z.A.  s3  CTO",
        "heading" => "Next review",
        "muted" => "sorted by next review",
        "selected" => "> S117-0042  Z.A.",
        "overdue" => "01 Dec 2026 ! overdue",
        "due_soon" => "10 Dec 2026 ~ due soon",
        "dispute" => "DISPUTE ICB/LA",
        "health" => "HEALTH (ICB) 2",
        "social" => "SOCIAL (LA) 1",
        "joint" => "JOINT (ICB + LA) 2",
        "error" => "error    N2 funding totals 90",
        "warning" => "warning  review due soon",
        "diff_add" => "+  status: active",
        "diff_del" => "-  status: proposed",
        "diff_hunk" => "@@ -31,7 +31,7 @@",
        _ => "",
    }
}

/// The style in theme-file words: `bright_white on red bold`.
pub fn describe(style: Style) -> String {
    let mut words = Vec::new();
    if let Some(fg) = style.fg {
        words.push(colour_name(fg));
    }
    if let Some(bg) = style.bg {
        words.push(format!("on {}", colour_name(bg)));
    }
    for (name, modifier) in [
        ("bold", Modifier::BOLD),
        ("dim", Modifier::DIM),
        ("italic", Modifier::ITALIC),
        ("underline", Modifier::UNDERLINED),
        ("reverse", Modifier::REVERSED),
        ("crossed_out", Modifier::CROSSED_OUT),
    ] {
        if style.add_modifier.contains(modifier) {
            words.push(name.to_owned());
        }
    }
    if words.is_empty() {
        "plain".to_owned()
    } else {
        words.join(" ")
    }
}

/// The escape sequence that sets the style (SGR).
pub fn sgr(style: Style) -> String {
    let mut codes: Vec<String> = vec!["0".into()];
    for (modifier, code) in [
        (Modifier::BOLD, "1"),
        (Modifier::DIM, "2"),
        (Modifier::ITALIC, "3"),
        (Modifier::UNDERLINED, "4"),
        (Modifier::REVERSED, "7"),
        (Modifier::CROSSED_OUT, "9"),
    ] {
        if style.add_modifier.contains(modifier) {
            codes.push(code.into());
        }
    }
    if let Some(fg) = style.fg.and_then(|colour| colour_code(colour, false)) {
        codes.push(fg);
    }
    if let Some(bg) = style.bg.and_then(|colour| colour_code(colour, true)) {
        codes.push(bg);
    }
    format!("\x1b[{}m", codes.join(";"))
}

fn colour_code(colour: Color, background: bool) -> Option<String> {
    let base = if background { 40 } else { 30 };
    let bright = if background { 100 } else { 90 };
    let named = [
        Color::Black,
        Color::Red,
        Color::Green,
        Color::Yellow,
        Color::Blue,
        Color::Magenta,
        Color::Cyan,
        Color::Gray,
        Color::DarkGray,
        Color::LightRed,
        Color::LightGreen,
        Color::LightYellow,
        Color::LightBlue,
        Color::LightMagenta,
        Color::LightCyan,
        Color::White,
    ];
    if let Some(index) = named.iter().position(|known| *known == colour) {
        let index = index as u8;
        return Some(if index < 8 {
            (base + index).to_string()
        } else {
            (bright + index - 8).to_string()
        });
    }
    let lead = if background { 48 } else { 38 };
    match colour {
        Color::Indexed(index) => Some(format!("{lead};5;{index}")),
        Color::Rgb(r, g, b) => Some(format!("{lead};2;{r};{g};{b}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_built_ins_and_shows_a_sample() {
        let catalog = Catalog::built_in_only();
        let mut out = Vec::new();
        list(&catalog, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("high-contrast  white on black"), "{text}");
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = show(
            &catalog,
            "default",
            true,
            ColourDepth::Named16,
            &mut out,
            &mut err,
        )
        .unwrap();
        assert_eq!(code, 0);
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.contains("\x1b[0;1;31m 01 Dec 2026 ! overdue \x1b[0m"),
            "{text:?}"
        );
        assert!(text.contains("red bold"));
        let (mut out, mut err) = (Vec::new(), Vec::new());
        let code = show(
            &catalog,
            "mono",
            false,
            ColourDepth::Named16,
            &mut out,
            &mut err,
        )
        .unwrap();
        assert_eq!(code, 0);
        assert!(!String::from_utf8(out).unwrap().contains('\x1b'));
        let code = show(
            &catalog,
            "nosuch",
            false,
            ColourDepth::Named16,
            &mut Vec::new(),
            &mut err,
        )
        .unwrap();
        assert_eq!(code, 1);
        assert!(String::from_utf8(err).unwrap().contains("no such theme"));
    }

    #[test]
    fn escape_codes() {
        assert_eq!(
            sgr(Style::new().fg(Color::White).bg(Color::Red)),
            "\x1b[0;97;41m"
        );
        assert_eq!(
            sgr(Style::new().fg(Color::Indexed(208))),
            "\x1b[0;38;5;208m"
        );
        assert_eq!(describe(Style::new()), "plain");
    }
}
