//! The `aftercare` binary: parse the command line and run the TUI or a subcommand.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::Parser;

use aftercare::cli::{
    Cli, ColorWhen, Command, ConfigCommand, DueFormat, Format, ThemesCommand, default_plans_dir,
};
use aftercare::commands::{check, due, history, new, set, summary, themes};
use aftercare::config;
use aftercare::plan::dates;
use aftercare::plan::rules::RuleSettings;
use aftercare::store::folder::load_folder;
use aftercare::tui;
use aftercare::tui::startup::{DisplayFlags, display_for};
use aftercare::tui::theme::ColourChoice;
use aftercare::tui::theme::catalog::Catalog;
use aftercare::tui::theme::colour::ColourDepth;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let loaded = config::load(cli.config.as_deref());
    if !matches!(cli.command, Some(Command::Config { .. })) {
        for message in loaded.problem.iter().chain(&loaded.warnings) {
            eprintln!("aftercare: {message}");
        }
    }
    let themes_folder = config::themes_folder(&loaded);
    let (user_themes, mut theme_problems) = themes_folder
        .as_deref()
        .map(config::read_user_themes)
        .unwrap_or_default();
    let config = loaded.config;
    let code = match cli.command {
        Some(Command::Themes { what }) => {
            for problem in &theme_problems {
                eprintln!("aftercare: {problem}");
            }
            let catalog = Catalog::new(user_themes);
            match what.unwrap_or(ThemesCommand::List) {
                ThemesCommand::List => themes::list(&catalog, &mut stdout.lock()),
                ThemesCommand::Show { name, color } => {
                    use std::io::IsTerminal;
                    let colour = match color {
                        ColorWhen::Always => true,
                        ColorWhen::Never => false,
                        ColorWhen::Auto => {
                            stdout.is_terminal() && !aftercare::tui::theme::no_color_set()
                        }
                    };
                    let depth = ColourDepth::detect(|name| std::env::var(name).ok());
                    themes::show(
                        &catalog,
                        &name,
                        colour,
                        depth,
                        &mut stdout.lock(),
                        &mut stderr.lock(),
                    )
                }
            }
        }
        Some(Command::Config {
            what: ConfigCommand::Path,
        }) => {
            match &loaded.path {
                Some(path) => println!("{}", path.display()),
                None => eprintln!("aftercare: this platform has no config folder"),
            }
            Ok(0)
        }
        Some(Command::Check(args)) => {
            let configured = match configured_settings(&config, args.today.as_deref()) {
                Ok(settings) => settings,
                Err(message) => return usage_error(&message),
            };
            let settings = RuleSettings {
                due_soon_days: args.due_soon_days.unwrap_or(configured.due_soon_days),
                first_review_days: args
                    .first_review_days
                    .unwrap_or(configured.first_review_days),
                ..configured
            };
            let dir = args.dir.unwrap_or_else(|| default_plans_dir(&config));
            let output = match args.format {
                Format::Text => check::Output::Text,
                Format::Json => check::Output::Json,
            };
            check::run(
                &dir,
                &settings,
                output,
                &mut stdout.lock(),
                &mut stderr.lock(),
            )
        }
        Some(Command::Due(args)) => {
            let settings = match configured_settings(&config, args.today.as_deref()) {
                Ok(settings) => settings,
                Err(message) => return usage_error(&message),
            };
            let within = match due::parse_within(&args.within) {
                Ok(days) => days,
                Err(message) => return usage_error(&format!("--within {message}")),
            };
            let dir = args.dir.unwrap_or_else(|| default_plans_dir(&config));
            let folder = match load_folder(&dir, &settings) {
                Ok(folder) => folder,
                Err(error) => return usage_error(&error.to_string()),
            };
            let filter = due::DueFilter {
                within_days: Some(within),
                overdue_only: args.overdue,
                icb: args.icb,
                la: args.la,
                coordinator: args.coordinator,
                meeting: args.meeting,
            };
            let rows = due::due_rows(
                &folder.files,
                &filter,
                settings.today,
                settings.due_soon_days,
            );
            let mut out = stdout.lock();
            match args.format {
                DueFormat::Table => due::write_table(&rows, &mut out),
                DueFormat::Csv => due::write_csv(&rows, &mut out),
                DueFormat::Json => due::write_json(&rows, &mut out),
            }
            .map(|()| 0)
        }
        Some(Command::Set(mut args)) => {
            let today = Local::now().date_naive();
            if args.dir.is_none() {
                args.dir = config.plans.clone();
            }
            match set::run(&args, today, &mut stdout.lock()) {
                Ok(code) => Ok(code),
                Err(error) => {
                    eprintln!("aftercare: {error:#}");
                    Ok(set::USAGE)
                }
            }
        }
        Some(Command::History(args)) => {
            let dir = args
                .dir
                .clone()
                .unwrap_or_else(|| default_plans_dir(&config));
            let settings = RuleSettings::new(Local::now().date_naive());
            history::run(&args, &dir, &settings, &mut stdout.lock())
        }
        Some(Command::New(args)) => {
            let settings = match configured_settings(&config, args.today.as_deref()) {
                Ok(settings) => settings,
                Err(message) => return usage_error(&message),
            };
            let dir = args.dir.unwrap_or_else(|| default_plans_dir(&config));
            new::run(
                &dir,
                &settings,
                &mut std::io::stdin().lock(),
                &mut stdout.lock(),
            )
            .map_err(|error| std::io::Error::other(error.to_string()))
        }
        Some(Command::Summary(args)) => {
            let settings = match configured_settings(&config, args.today.as_deref()) {
                Ok(settings) => settings,
                Err(message) => return usage_error(&message),
            };
            let dir = args.dir.unwrap_or_else(|| default_plans_dir(&config));
            let folder = match load_folder(&dir, &settings) {
                Ok(folder) => folder,
                Err(error) => return usage_error(&error.to_string()),
            };
            let counts = summary::summarize(&folder.files, settings.today);
            let mut out = stdout.lock();
            match args.format {
                Format::Text => summary::write_table(&counts, &mut out),
                Format::Json => summary::write_json(&counts, &mut out),
            }
            .map(|()| 0)
        }
        None => {
            let settings = match configured_settings(&config, cli.today.as_deref()) {
                Ok(settings) => settings,
                Err(message) => return usage_error(&message),
            };
            let dir = cli.dir.unwrap_or_else(|| default_plans_dir(&config));
            let flags = DisplayFlags {
                colour: match cli.color {
                    ColorWhen::Auto => ColourChoice::Auto,
                    ColorWhen::Always => ColourChoice::Always,
                    ColorWhen::Never => ColourChoice::Never,
                },
                ascii: cli.ascii,
                meeting: cli.meeting,
            };
            let (display, messages) =
                display_for(&config, user_themes, flags, |name| std::env::var(name).ok());
            theme_problems.extend(messages);
            theme_problems.extend(tui::key_overrides::install(&config.key_overrides()));
            // Said before the screen opens (still there after quitting) and on the screen.
            for message in &theme_problems {
                eprintln!("aftercare: {message}");
            }
            let notices = loaded.problem.iter().chain(&loaded.warnings).cloned();
            let notices = notices.chain(theme_problems).collect();
            let options = tui::Options {
                read_only: cli.read_only,
                commit: config.git.commit,
            };
            tui::run(&dir, settings, display, notices, options)
        }
    };
    match code {
        Ok(code) => ExitCode::from(code),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("aftercare: {error}");
            ExitCode::from(2)
        }
    }
}

/// The rule settings of the config, for `--today` when given (else the local date).
fn configured_settings(
    config: &config::Config,
    today: Option<&str>,
) -> Result<RuleSettings, String> {
    Ok(RuleSettings {
        due_soon_days: config.due_soon_days,
        first_review_days: config.first_review_days,
        ..RuleSettings::new(resolve_today(today)?)
    })
}

/// `--today` when given (strict ISO), else the local date.
fn resolve_today(given: Option<&str>) -> Result<NaiveDate, String> {
    match given {
        None => Ok(Local::now().date_naive()),
        Some(text) => dates::parse_iso(text).map_err(|reason| format!("--today {text}: {reason}")),
    }
}

fn usage_error(message: &str) -> ExitCode {
    eprintln!("aftercare: {message}");
    ExitCode::from(2)
}
