//! The full-screen terminal app: a plans dashboard and a plan view, driven by the keyboard.
//!
//! Shape (The Elm Architecture): `App` is the state; the keymap turns key presses into
//! `Action`s; `app::update` is the only place state changes, and returns the work it asks
//! for as `Effects`; `views` draw from the state. The `runtime` is the only part that touches
//! the terminal, the disk, git and threads: it runs the effects and the loader, and brings
//! their answers back to `update` as messages (`Msg`). See `docs/architecture.md`.

pub mod action;
pub mod app;
pub mod display;
pub mod effect;
pub mod form;
pub mod git_status;
pub mod key_overrides;
pub mod keymap;
pub mod keyscript;
pub mod layers;
pub mod layout;
pub mod msg;
pub mod overlays;
pub mod queries;
pub mod reading;
pub mod redact;
pub mod runtime;
pub mod scroll_text;
pub mod startup;
pub mod strings;
pub mod text;
pub mod theme;
pub mod views;

use std::io::{self, IsTerminal};
use std::path::Path;

use self::app::App;
use self::display::Display;
use crate::plan::rules::RuleSettings;

/// Exit code when the full-screen view cannot run (no terminal, or no folder).
pub const EXIT_CANNOT_RUN: u8 = 2;

/// Why this terminal cannot run a full-screen app, if it cannot.
pub fn unsupported_terminal() -> Option<&'static str> {
    if !io::stdin().is_terminal() {
        return Some("standard input is not a terminal");
    }
    if !io::stdout().is_terminal() {
        return Some("standard output is not a terminal");
    }
    if std::env::var("TERM").is_ok_and(|term| term == "dumb") {
        return Some("TERM is dumb");
    }
    None
}

/// Draw the whole frame from the state: the one way in to the views (the terminal, key
/// scripts).
pub fn draw(app: &App, frame: &mut ratatui::Frame) {
    views::render(app, frame);
}

/// How the full-screen view is opened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// `--read-only`: every edit key says why it is off.
    pub read_only: bool,
    /// `git.commit` in the config: after a write, commit off, ask or always.
    pub commit: crate::config::CommitMode,
    /// `keys:` in the config, as checked (see `key_overrides`).
    pub keys: key_overrides::KeyOverrides,
    /// The summary cache (config `cache`, off with `--no-cache`): unchanged plans are not
    /// read again (`store::cache`).
    pub cache: bool,
}

/// Open `dir` full-screen, shown as `display`, until the user quits; `notices` (a broken
/// theme, a refused key) show over the first screen. Returns the exit code.
pub fn run(
    dir: &Path,
    settings: RuleSettings,
    display: Display,
    notices: Vec<String>,
    options: Options,
) -> io::Result<u8> {
    if let Some(reason) = unsupported_terminal() {
        eprintln!("{}", strings::no_terminal(reason));
        return Ok(EXIT_CANNOT_RUN);
    }
    if !dir.is_dir() {
        let problem = if dir.exists() {
            "not a folder"
        } else {
            "no such folder"
        };
        eprintln!(
            "aftercare: {}: {problem}; give the plans folder, e.g. `aftercare plans`",
            dir.display()
        );
        return Ok(EXIT_CANNOT_RUN);
    }
    let mut app =
        App::new(dir.display().to_string(), settings, display.theme()).with_display(display);
    app.git.commit_mode = options.commit;
    app.ui.keys = options.keys;
    if !notices.is_empty() {
        app.ui.notice = Some(notices.join("\n"));
    }
    if options.read_only {
        app.ui.read_only = Some(strings::READ_ONLY_FLAG.to_owned());
    }
    // Restores the terminal on panic too (ratatui installs the hook).
    let mut terminal = ratatui::try_init()?;
    bracketed_paste_on();
    // The loader leaves the folder as it is under `--read-only` (no stale temp file removed).
    let load = runtime::loader::LoadOptions {
        tidy: !options.read_only,
        cache: options.cache,
    };
    let result = runtime::run(&mut terminal, &mut app, dir, load);
    bracketed_paste_off();
    ratatui::restore();
    result.map(|()| 0)
}

/// Ask the terminal to hand over a paste as one piece of text (bracketed paste) rather than
/// as keys, and have a panic turn that off again before ratatui's hook restores the rest.
fn bracketed_paste_on() {
    let restore_the_rest = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        bracketed_paste_off();
        restore_the_rest(info);
    }));
    // Only the legacy Windows console refuses: there a paste still comes as keys.
    let _ = crossterm::execute!(io::stdout(), crossterm::event::EnableBracketedPaste);
}

/// Hand the terminal back without bracketed paste, as it was found.
fn bracketed_paste_off() {
    let _ = crossterm::execute!(io::stdout(), crossterm::event::DisableBracketedPaste);
}
