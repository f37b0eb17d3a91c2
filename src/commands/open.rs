//! `aftercare [DIR]` with no command: open the plans folder full-screen.

use std::io::{self, Write};

use crate::cli::{ColorWhen, Context, usage};
use crate::inert::inert;
use crate::tui;
use crate::tui::key_overrides::KeyOverrides;
use crate::tui::startup::{DisplayFlags, display_for};
use crate::tui::theme::ColourChoice;

/// The options of the full-screen view (given without a command).
#[derive(Debug, clap::Args)]
pub struct OpenArgs {
    /// Open as if today were this date (YYYY-MM-DD): for tests and demonstrations.
    #[arg(long, value_name = "YYYY-MM-DD", hide = true)]
    pub today: Option<String>,
    /// Colour: auto (none when NO_COLOR is set), always, never.
    #[arg(long, value_enum, default_value_t = ColorWhen::Auto, value_name = "WHEN")]
    pub color: ColorWhen,
    /// ASCII only: borders + - |, no Unicode symbols (also config `ascii: true`, and when
    /// the locale is not UTF-8).
    #[arg(long)]
    pub ascii: bool,
    /// Start in meeting mode: high contrast, large, no name, NHS number or date of birth.
    #[arg(long)]
    pub meeting: bool,
    /// Open the plans without editing: every edit key says editing is off.
    #[arg(long)]
    pub read_only: bool,
}

/// Open the folder given (or the configured one, else `./plans`) until the user quits.
/// Problems with the themes and key bindings are said on `err` before the screen opens (so
/// they are still there after quitting) and on the first screen.
pub fn execute(args: OpenArgs, context: &Context, err: &mut dyn Write) -> io::Result<u8> {
    let settings = match context.settings(args.today.as_deref()) {
        Ok(settings) => settings,
        Err(message) => return usage(err, &message),
    };
    let dir = match context.plans_folder(None) {
        Ok(dir) => dir,
        Err(message) => return usage(err, &message),
    };
    if !dir.is_dir() {
        // Said here, naming the folder as given: the hint is how to give another one.
        let problem = if dir.exists() {
            "not a folder"
        } else {
            "no such folder"
        };
        let message = format!(
            "{}: {problem}; give the folder that holds the plan files: `aftercare FOLDER`",
            dir.display()
        );
        return usage(err, &message);
    }
    let config = context.config();
    let flags = DisplayFlags {
        colour: match args.color {
            ColorWhen::Auto => ColourChoice::Auto,
            ColorWhen::Always => ColourChoice::Always,
            ColorWhen::Never => ColourChoice::Never,
        },
        ascii: args.ascii,
        meeting: args.meeting,
    };
    let (user_themes, mut problems) = context.user_themes();
    let (display, messages) =
        display_for(config, user_themes, flags, |name| std::env::var(name).ok());
    problems.extend(messages);
    let (keys, refused) = KeyOverrides::from_config(&config.key_overrides());
    problems.extend(refused);
    for message in &problems {
        writeln!(err, "aftercare: {}", inert(message))?;
    }
    let loaded = &context.loaded;
    let notices = loaded.problems.iter().chain(&loaded.warnings).cloned();
    let notices = notices.chain(problems).collect();
    let options = tui::Options {
        read_only: args.read_only,
        commit: config.git.commit,
        keys,
        cache: config.cache,
    };
    tui::run(&dir, settings, display, notices, options)
}
