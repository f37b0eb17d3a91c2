//! The command line: `aftercare [DIR] [COMMAND]`, what every command shares (the config, the
//! plans folder, `--today`) and the exit codes they agree on.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use chrono::{Local, NaiveDate};
use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::commands::{
    check, config, due, export, history, init, merge_driver, new, open, set, summary, sync, themes,
};
use crate::config::{Config, LoadedConfig};
use crate::inert::inert_line;
use crate::plan::dates;
use crate::plan::rules::RuleSettings;
use crate::tui::theme::catalog::ThemeSource;

/// The exit codes every command uses.
pub mod exit {
    /// Done: written, checked clean, listed.
    pub const FINE: u8 = 0;
    /// Refused (nothing written), stopped, or findings (errors in the plans).
    pub const REFUSED_OR_FINDINGS: u8 = 1;
    /// A usage error, or a folder (or git) that cannot be read.
    pub const USAGE: u8 = 2;
}

#[derive(Debug, Parser)]
#[command(
    name = "aftercare",
    version,
    about = "Review Section 117 aftercare plans kept as YAML files",
    long_about = "Review Section 117 aftercare plans (Mental Health Act 1983) kept as YAML files in a \
                  git-friendly folder. With no command, opens the plans folder (default ./plans).\n\n\
                  Exit codes: 0 fine, 1 refused or findings, 2 usage error or a folder that cannot \
                  be read."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The plans folder (default: the configured folder, else ./plans); before a command
    /// (`aftercare DIR check`), the folder that command works on.
    pub dir: Option<PathBuf>,
    /// Read the configuration from FILE instead of the platform config folder.
    #[arg(long, global = true, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read every plan file, keeping no summary cache (also config `cache: false`).
    #[arg(long, global = true)]
    pub no_cache: bool,
    #[command(flatten)]
    pub open: open::OpenArgs,
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
    Check(check::CheckArgs),
    /// Change one field of a plan and show the diff (`--dry-run` writes nothing).
    Set(set::SetArgs),
    /// A plan's git history: commits, one commit's diff, or changes since the last review.
    History(history::HistoryArgs),
    /// A plan as the person's copy, the review record or a FHIR CarePlan (HTML, Markdown, JSON).
    Export(export::ExportArgs),
    /// List reviews that are overdue or coming up: plan reviews and need review dates.
    Due(due::DueArgs),
    /// Start a new plan: a few questions, the file shown as a diff, written when confirmed.
    New(new::NewArgs),
    /// Counts by ICB and local authority: plans, needs by category, joint shares, disputes.
    Summary(summary::SummaryArgs),
    /// List the themes (built-in and your own), or show one as a colour sample.
    Themes(themes::ThemesArgs),
    /// Show where the configuration file is looked for.
    Config(config::ConfigArgs),
    /// Make (or adopt) a team's plans repository: git, the plan merge driver, a pre-commit check.
    Init(init::InitArgs),
    /// Share commits with the team's git server and take theirs (fetch, merge, push).
    Sync(sync::SyncArgs),
    /// Git's merge driver for plans (`%O %A %B %P`), registered by `aftercare init`.
    #[command(hide = true)]
    MergeDriver(merge_driver::MergeDriverArgs),
}

impl Command {
    /// The command's name as typed.
    pub fn name(&self) -> &'static str {
        match self {
            Command::Check(_) => "check",
            Command::Set(_) => "set",
            Command::History(_) => "history",
            Command::Export(_) => "export",
            Command::Due(_) => "due",
            Command::New(_) => "new",
            Command::Summary(_) => "summary",
            Command::Themes(_) => "themes",
            Command::Config(_) => "config",
            Command::Init(_) => "init",
            Command::Sync(_) => "sync",
            Command::MergeDriver(_) => "merge-driver",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
}

/// What every command is run with: the config as loaded and the folder given before it.
#[derive(Debug)]
pub struct Context {
    pub loaded: LoadedConfig,
    /// `DIR` in `aftercare DIR COMMAND`.
    pub folder_before: Option<PathBuf>,
    /// The command's name, for messages.
    pub command: &'static str,
}

impl Context {
    pub fn config(&self) -> &Config {
        &self.loaded.config
    }

    /// The plans folder of the command: its own folder argument or the one before it (the
    /// same folder when both are given, else a usage error), else the configured one, else
    /// `./plans`.
    pub fn plans_folder(&self, own: Option<&Path>) -> Result<PathBuf, String> {
        match (&self.folder_before, own) {
            (Some(before), Some(own)) if !same_folder(before, own) => Err(format!(
                "two plans folders given: `{}` before `{}` and `{}` after it; give one",
                before.display(),
                self.command,
                own.display()
            )),
            (Some(before), _) => Ok(before.clone()),
            (None, Some(own)) => Ok(own.to_path_buf()),
            (None, None) => Ok(default_plans_dir(self.config())),
        }
    }

    /// The command's plans folder (`plans_folder`), loaded and checked with `settings`: a usage
    /// error or an unreadable folder as the message to print.
    pub fn load_plans(
        &self,
        own: Option<&Path>,
        settings: &RuleSettings,
    ) -> Result<crate::store::folder::Folder, String> {
        let dir = self.plans_folder(own)?;
        crate::store::cache::load_folder(&dir, settings, self.config().cache)
            .map_err(|error| error.to_string())
    }

    /// Refuse a folder before a command that works on none (`themes`, `config`).
    pub fn no_folder(&self) -> Result<(), String> {
        match &self.folder_before {
            None => Ok(()),
            Some(folder) => Err(format!(
                "`{}` takes no plans folder, but `{}` was given before it",
                self.command,
                folder.display()
            )),
        }
    }

    /// The user's own themes (from the themes folder) and the problems reading them.
    pub fn user_themes(&self) -> (Vec<ThemeSource>, Vec<String>) {
        crate::config::themes_folder(&self.loaded)
            .as_deref()
            .map(crate::config::read_user_themes)
            .unwrap_or_default()
    }

    /// The rule settings of the config, for `--today` when given (else the local date).
    pub fn settings(&self, today: Option<&str>) -> Result<RuleSettings, String> {
        Ok(RuleSettings {
            due_soon_days: self.config().due_soon_days,
            first_review_days: self.config().first_review_days,
            ..RuleSettings::new(resolve_today(today)?)
        })
    }
}

/// The same folder, however written (`plans`, `./plans/`, an absolute path, a link).
fn same_folder(a: &Path, b: &Path) -> bool {
    fn parts(path: &Path) -> impl Iterator<Item = Component<'_>> {
        path.components().filter(|part| *part != Component::CurDir)
    }
    if parts(a).eq(parts(b)) {
        return true;
    }
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// `--today` when given (strict ISO), else the local date.
pub fn resolve_today(given: Option<&str>) -> Result<NaiveDate, String> {
    match given {
        None => Ok(Local::now().date_naive()),
        Some(text) => dates::parse_iso(text).map_err(|reason| format!("--today {text}: {reason}")),
    }
}

/// Say a usage error on `err` (inert: it may quote a file name) and return its exit code.
pub fn usage(err: &mut dyn Write, message: &str) -> std::io::Result<u8> {
    writeln!(err, "aftercare: {}", inert_line(message))?;
    Ok(exit::USAGE)
}

/// The folder used when none is given: the configured one, else `./plans`.
pub fn default_plans_dir(config: &Config) -> PathBuf {
    config
        .plans
        .clone()
        .unwrap_or_else(|| PathBuf::from("plans"))
}

/// `aftercare chek`: a folder that does not exist, named like a command, is a mistyped
/// command. The message saying so, or `None` when `dir` exists or looks like no command.
pub fn mistyped_command(dir: &Path) -> Option<String> {
    if dir.symlink_metadata().is_ok() || dir.components().count() != 1 {
        return None;
    }
    let typed = dir.to_str()?;
    let command = Cli::command();
    let (distance, name) = command
        .get_subcommands()
        .map(|sub| sub.get_name())
        .map(|name| (strsim::damerau_levenshtein(typed, name), name))
        .min()?;
    (distance <= 2 && distance < name.len()).then(|| {
        format!(
            "no such folder `{}`; did you mean `aftercare {name}`?",
            inert_line(typed)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_command_name_mistyped_is_recognised() {
        let said = mistyped_command(Path::new("chek")).unwrap();
        assert_eq!(
            said,
            "no such folder `chek`; did you mean `aftercare check`?"
        );
        assert!(
            mistyped_command(Path::new("histroy"))
                .unwrap()
                .contains("history")
        );
        assert_eq!(mistyped_command(Path::new("ward-plans")), None);
        assert_eq!(mistyped_command(Path::new("some/chek")), None);
    }

    #[test]
    fn the_same_folder_written_two_ways_is_one_folder() {
        assert!(same_folder(Path::new("plans"), Path::new("./plans/")));
        assert!(!same_folder(Path::new("plans"), Path::new("other")));
    }
}
