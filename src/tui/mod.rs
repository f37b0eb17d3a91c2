//! The full-screen terminal app: a plans dashboard and a plan view, driven by the keyboard.
//!
//! Shape (The Elm Architecture): `App` is the state; the keymap turns key presses into
//! `Action`s; `app::update` is the only place state changes; `views` draw from the state.
//! The loader reads the folder on other threads and reports through a channel.

pub mod action;
pub mod app;
pub mod committing;
pub mod display;
pub mod editing;
pub mod event;
pub mod form;
pub mod git_status;
pub mod history;
pub mod history_jobs;
pub mod key_overrides;
pub mod keymap;
pub mod keyscript;
pub mod layout;
pub mod loader;
pub mod new_plan;
pub mod overlays;
pub mod plan_list;
pub mod plan_screen;
pub mod preview_jobs;
pub mod quick_edit;
pub mod redact;
pub mod review;
pub mod scroll_text;
pub mod search;
pub mod session;
pub mod startup;
pub mod strings;
pub mod summary;
pub mod text;
pub mod theme;
pub mod views;
pub mod writing;

use std::io::{self, IsTerminal};
use std::path::Path;
use std::sync::mpsc::Receiver;
use std::time::{Duration, Instant};

use ratatui::DefaultTerminal;

use self::action::Action;
use self::app::{App, LoadState, handle_key, handle_paste, update};
use self::display::Display;
use self::event::TerminalEvent;
use self::loader::LoadMessage;
use crate::plan::rules::RuleSettings;

/// Exit code when the full-screen view cannot run (no terminal, or no folder).
pub const EXIT_CANNOT_RUN: u8 = 2;

/// How often git is asked again which plans are uncommitted (longer when asking is slow).
const GIT_RECHECK: Duration = Duration::from_secs(30);

/// Files taken from the loader per frame: enough to load fast, few enough to stay responsive.
const LOAD_BATCH: usize = 2_000;

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
    let receiver = loader::spawn(dir.to_path_buf(), settings, !options.read_only);
    let mut app =
        App::new(dir.display().to_string(), settings, display.theme()).with_display(display);
    app.commit_mode = options.commit;
    app.keys = options.keys;
    if !notices.is_empty() {
        app.notice = Some(notices.join("\n"));
    }
    if options.read_only {
        app.read_only = Some(strings::READ_ONLY_FLAG.to_owned());
    }
    // Restores the terminal on panic too (ratatui installs the hook).
    let mut terminal = ratatui::try_init()?;
    bracketed_paste_on();
    let result = event_loop(&mut terminal, &mut app, &receiver, dir);
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

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    receiver: &Receiver<LoadMessage>,
    root: &Path,
) -> io::Result<()> {
    // What git says about the folder: asked at once, then again now and then (a commit made
    // outside the app clears its marks), never more often than its own cost allows.
    let mut git = Some(git_status::spawn(root.to_path_buf()));
    let mut git_asked = (Instant::now(), app.git_generation);
    let mut git_next = Instant::now();
    let size = terminal.size()?;
    update(
        app,
        Action::Resize {
            width: size.width,
            height: size.height,
        },
    );
    let mut dirty = true;
    // History jobs run one at a time on a thread of their own; their news comes back here.
    let (news_sender, news) = std::sync::mpsc::channel();
    let mut job_running = false;
    // Edit jobs (a huge plan's preview, a commit) too, so keys are read while they run.
    let (edit_sender, edit_news) = std::sync::mpsc::channel();
    let mut editing = false;
    while !app.quit {
        if dirty {
            terminal.draw(|frame| draw(app, frame))?;
            dirty = false;
        }
        if !job_running && let Some(job) = app.history_job.take() {
            job_running = true;
            let sender = news_sender.clone();
            std::thread::spawn(move || {
                let _ = sender.send(job.run());
            });
        }
        // The git work after a write (a commit) too, one job at a time with the edit work,
        // so a write's read-back comes after the commit before it has answered.
        if !editing && let Some(job) = app.edit_job.take().or_else(|| app.commit_job.take()) {
            editing = true;
            let sender = edit_sender.clone();
            std::thread::spawn(move || {
                let _ = sender.send(job.run());
            });
        }
        let loading = matches!(app.load, LoadState::Scanning | LoadState::Loading { .. })
            || job_running
            || editing;
        let wait = if loading {
            Duration::from_millis(30)
        } else {
            Duration::from_millis(500)
        };
        // Take every key already typed before drawing again, so held keys never lag.
        let mut timeout = wait;
        while let Some(event) = event::next(timeout)? {
            match event {
                TerminalEvent::Key(key) => handle_key(app, &key),
                TerminalEvent::Paste(text) => handle_paste(app, &text),
                TerminalEvent::Resize { width, height } => {
                    update(app, Action::Resize { width, height })
                }
            }
            dirty = true;
            if app.quit {
                return Ok(());
            }
            timeout = Duration::ZERO;
        }
        for action in loader::drain(receiver, LOAD_BATCH) {
            update(app, action);
            dirty = true;
        }
        if let Ok(answer) = news.try_recv() {
            job_running = false;
            update(app, Action::HistoryNews(answer));
            dirty = true;
        }
        if let Ok(answer) = edit_news.try_recv() {
            editing = false;
            update(app, Action::EditNews(Box::new(answer)));
            dirty = true;
        }
        if let Some(Ok(state)) = git.as_ref().map(Receiver::try_recv) {
            git = None;
            let (asked, generation) = git_asked;
            // Asked before the app wrote or committed: out of date, so ask again at once.
            git_next = Instant::now();
            if generation == app.git_generation {
                git_next += GIT_RECHECK.max(asked.elapsed() * 20);
                update(app, Action::GitChecked(state));
                dirty = true;
            }
        }
        let idle = matches!(app.load, LoadState::Done) && !job_running;
        if git.is_none() && idle && Instant::now() >= git_next {
            git_asked = (Instant::now(), app.git_generation);
            git = Some(git_status::spawn(root.to_path_buf()));
        }
    }
    Ok(())
}
