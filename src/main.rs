//! The `aftercare` binary: parse the command line and run the TUI or a subcommand.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use chrono::{Local, NaiveDate};
use clap::Parser;

use aftercare::cli::{Cli, Command, Format, default_plans_dir};
use aftercare::commands::check;
use aftercare::plan::dates;
use aftercare::plan::rules::RuleSettings;
use aftercare::tui;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    let code = match cli.command {
        Some(Command::Check(args)) => {
            let today = match resolve_today(args.today.as_deref()) {
                Ok(today) => today,
                Err(message) => return usage_error(&message),
            };
            let settings = RuleSettings {
                due_soon_days: args.due_soon_days,
                first_review_days: args.first_review_days,
                ..RuleSettings::new(today)
            };
            let dir = args.dir.unwrap_or_else(default_plans_dir);
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
        None => {
            let today = match resolve_today(cli.today.as_deref()) {
                Ok(today) => today,
                Err(message) => return usage_error(&message),
            };
            let dir = cli.dir.unwrap_or_else(default_plans_dir);
            tui::run(&dir, RuleSettings::new(today))
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
