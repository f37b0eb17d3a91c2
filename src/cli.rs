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
    /// The plans folder (default: the configured folder, else ./plans).
    pub dir: Option<PathBuf>,
    /// Read the configuration from FILE instead of the platform config folder.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorWhen {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Validate every plan in a folder and print findings as FILE:LINE:COL lines.
    Check(CheckArgs),
    /// Change one field of a plan and show the diff (`--dry-run` writes nothing).
    Set(crate::commands::set::SetArgs),
    /// A plan's git history: commits, one commit's diff, or changes since the last review.
    History(crate::commands::history::HistoryArgs),
    /// List reviews that are overdue or coming up: plan reviews and need review dates.
    Due(DueArgs),
    /// Start a new plan: a few questions, the file shown as a diff, written when confirmed.
    New(crate::commands::new::NewArgs),
    /// Counts by ICB and local authority: plans, needs by category, joint shares, disputes.
    Summary(SummaryArgs),
    /// List the themes (built-in and your own), or show one as a colour sample.
    Themes {
        #[command(subcommand)]
        what: Option<ThemesCommand>,
    },
    /// Show where the configuration file is looked for.
    Config {
        #[command(subcommand)]
        what: ConfigCommand,
    },
}

#[derive(Debug, Subcommand)]
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

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Print the path of config.yaml.
    Path,
}

#[derive(Debug, clap::Args)]
pub struct CheckArgs {
    /// The plans folder (default: the configured folder, else ./plans).
    pub dir: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Check as if today were this date (YYYY-MM-DD), for reproducible runs.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Days ahead within which a review counts as due soon (default 30, or the config's).
    #[arg(long, value_name = "DAYS")]
    pub due_soon_days: Option<i64>,
    /// Days after leaving hospital by which the first review should be held (default 42).
    #[arg(long, value_name = "DAYS")]
    pub first_review_days: Option<i64>,
}

#[derive(Debug, clap::Args)]
pub struct DueArgs {
    /// The plans folder (default: the configured folder, else ./plans).
    pub dir: Option<PathBuf>,
    /// Reviews due within this period (30d, 6w, 3m, 1y); overdue ones are always listed.
    #[arg(long, default_value = "30d", value_name = "PERIOD")]
    pub within: String,
    /// Only overdue reviews.
    #[arg(long)]
    pub overdue: bool,
    /// Only plans whose ICB contains NAME (any case).
    #[arg(long, value_name = "NAME")]
    pub icb: Option<String>,
    /// Only plans whose local authority contains NAME.
    #[arg(long, value_name = "NAME")]
    pub la: Option<String>,
    /// Only plans whose care coordinator contains NAME.
    #[arg(long, value_name = "NAME")]
    pub coordinator: Option<String>,
    #[arg(long, value_enum, default_value_t = DueFormat::Table)]
    pub format: DueFormat,
    /// As if today were this date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
    /// Meeting mode: identifiers in free text are hidden.
    #[arg(long)]
    pub meeting: bool,
}

#[derive(Debug, clap::Args)]
pub struct SummaryArgs {
    /// The plans folder (default: the configured folder, else ./plans).
    pub dir: Option<PathBuf>,
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// As if today were this date (YYYY-MM-DD).
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub today: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DueFormat {
    Table,
    Csv,
    Json,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// The folder used when none is given: the configured one, else `./plans`.
pub fn default_plans_dir(config: &crate::config::Config) -> PathBuf {
    config
        .plans
        .clone()
        .unwrap_or_else(|| PathBuf::from("plans"))
}
