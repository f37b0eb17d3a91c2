//! The `aftercare` binary: parse the command line, load the config, run the command (or the
//! full-screen view) and exit with its code.
#![forbid(unsafe_code)]

use std::process::ExitCode;

use clap::Parser;

use aftercare::cli::{Cli, Command, Context, exit, mistyped_command, usage};
use aftercare::commands::{
    check, config, due, export, history, init, merge_driver, new, open, set, summary, sync, themes,
};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let mut loaded = aftercare::config::load(cli.config.as_deref());
    if cli.no_cache {
        loaded.config.cache = false;
    }
    // `config path` is how a broken config is found: it says no more about it.
    if !matches!(cli.command, Some(Command::Config(_))) {
        for message in loaded.problems.iter().chain(&loaded.warnings) {
            eprintln!("aftercare: {}", aftercare::inert::inert(message));
        }
    }
    let context = Context {
        loaded,
        folder_before: cli.dir,
        command: cli.command.as_ref().map_or("", Command::name),
    };
    let (stdout, stderr) = (std::io::stdout(), std::io::stderr());
    let (out, err) = (&mut stdout.lock(), &mut stderr.lock());
    let code = match cli.command {
        Some(Command::Check(args)) => check::execute(args, &context, out, err),
        Some(Command::Due(args)) => due::execute(args, &context, out, err),
        Some(Command::Summary(args)) => summary::execute(args, &context, out, err),
        Some(Command::Set(args)) => set::execute(args, &context, out, err),
        Some(Command::History(args)) => history::execute(args, &context, out, err),
        Some(Command::Export(args)) => export::execute(args, &context, out, err),
        Some(Command::New(args)) => new::execute(args, &context, out, err),
        Some(Command::Themes(args)) => themes::execute(args, &context, out, err),
        Some(Command::Config(args)) => config::execute(args, &context, out, err),
        Some(Command::Init(args)) => init::execute(args, &context, out, err),
        Some(Command::Sync(args)) => sync::execute(args, &context, out, err),
        Some(Command::MergeDriver(args)) => merge_driver::execute(args, &context, out, err),
        None => match context.folder_before.as_deref().and_then(mistyped_command) {
            Some(message) => usage(err, &message),
            None => open::execute(cli.open, &context, err),
        },
    };
    match code {
        Ok(code) => ExitCode::from(code),
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("aftercare: {error}");
            ExitCode::from(exit::USAGE)
        }
    }
}
