//! `aftercare config path`: where the configuration file is looked for.

use std::io::{self, Write};

use crate::cli::{Context, exit, usage};
use crate::inert::inert_line;

/// Arguments of `aftercare config`.
#[derive(Debug, clap::Args)]
pub struct ConfigArgs {
    #[command(subcommand)]
    pub what: ConfigCommand,
}

#[derive(Debug, clap::Subcommand)]
pub enum ConfigCommand {
    /// Print the path of config.yaml.
    Path,
}

/// `aftercare config path`: the path on `out` (0), or on `err` that this platform has no
/// config folder (1).
pub fn execute(
    args: ConfigArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> io::Result<u8> {
    if let Err(message) = context.no_folder() {
        return usage(err, &message);
    }
    match args.what {
        ConfigCommand::Path => match &context.loaded.path {
            Some(path) => {
                writeln!(out, "{}", inert_line(&path.display().to_string()))?;
                Ok(exit::FINE)
            }
            None => {
                writeln!(err, "aftercare: this platform has no config folder")?;
                Ok(exit::REFUSED_OR_FINDINGS)
            }
        },
    }
}
