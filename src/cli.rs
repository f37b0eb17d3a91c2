//! The command line: `aftercare [DIR]` and its subcommands.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

#[derive(Debug, Parser)]
#[command(
    name = "aftercare",
    version,
    about = "Review Section 117 aftercare plans kept as YAML files",
    long_about = "Review Section 117 aftercare plans (Mental Health Act 1983) kept as YAML files in a \
                  git-friendly folder. With no command, opens the plans folder (default ./plans)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The plans folder (default: ./plans).
    pub dir: Option<PathBuf>,
    /// Open as if today were this date (YYYY-MM-DD): for tests and demonstrations.
    #[arg(long, value_name = "YYYY-MM-DD", hide = true)]
    pub today: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every plan in a folder and print findings as FILE:LINE:COL lines.
    Check(CheckArgs),
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The plans folder (default: ./plans).
    pub dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Check as if today were this date (YYYY-MM-DD), for reproducible runs.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Days ahead within which a review counts as due soon.
    #[arg(long, default_value_t = 30, value_name = "DAYS")]
    pub due_soon_days: i64,
    /// Days after leaving hospital by which the first review should be held.
    #[arg(long, default_value_t = 42, value_name = "DAYS")]
    pub first_review_days: i64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// The folder used when none is given.
pub fn default_plans_dir() -> PathBuf {
    PathBuf::from("plans")
}
