//! `aftercare init [DIR]`: make (or adopt) a team's plans repository: `git init` when the
//! folder is in none (branch `main`), `.gitattributes` routing `*.yaml`/`*.yml` to the plan
//! merge driver, the driver in the repository's own config, a pre-commit hook that runs
//! `aftercare check` on the staged plans, and a README for the folder. Run again, it changes
//! nothing that is already right; it never overwrites a file it did not write, and says what
//! to add instead. Existing files and history are kept.
//!
//! Exit codes: 0 everything in place, 1 something is left for you to add by hand (said how),
//! 2 usage or git missing.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{Context, exit, usage};
use crate::inert::inert_line;
use crate::store::folder::scan;
use crate::store::git::{GitError, Repo, init_repository};

mod files;
use files::{ATTRIBUTE_LINES, DRIVER_KEY, DRIVER_NAME, DRIVER_NAME_KEY, Marked};

/// Arguments of `aftercare init`.
#[derive(Debug, clap::Args)]
pub struct InitArgs {
    /// The plans folder to make a team's repository (default: the configured folder, else
    /// ./plans); created when missing.
    pub dir: Option<PathBuf>,
}

/// What `init` did or would have done with one thing, as a line of its report.
struct Step {
    what: String,
    /// Something left for the user to do (the lines to add, where).
    by_hand: Option<String>,
}

impl Step {
    fn done(what: impl Into<String>) -> Step {
        Step {
            what: what.into(),
            by_hand: None,
        }
    }

    fn by_hand(what: impl Into<String>, todo: impl Into<String>) -> Step {
        Step {
            what: what.into(),
            by_hand: Some(todo.into()),
        }
    }
}

pub fn execute(
    args: InitArgs,
    context: &Context,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<u8> {
    let dir = match context.plans_folder(args.dir.as_deref()) {
        Ok(dir) => dir,
        Err(message) => return usage(err, &message),
    };
    let program = std::env::current_exe().unwrap_or_else(|_| PathBuf::from("aftercare"));
    match init(&dir, &program) {
        Ok(steps) => {
            let mut code = exit::FINE;
            for step in &steps {
                writeln!(out, "{}", inert_line(&step.what))?;
                if let Some(todo) = &step.by_hand {
                    code = exit::REFUSED_OR_FINDINGS;
                    for line in todo.lines() {
                        writeln!(out, "    {}", inert_line(line))?;
                    }
                }
            }
            Ok(code)
        }
        Err(error) => usage(err, &format!("init {}: {error}", dir.display())),
    }
}

/// Make `dir` a team's plans repository, `program` being the aftercare the driver and the
/// hook run. The steps as done (or left to do by hand).
fn init(dir: &Path, program: &Path) -> Result<Vec<Step>, GitError> {
    let mut steps = Vec::new();
    let failed = |error: std::io::Error| GitError::Failed(error.to_string());
    std::fs::create_dir_all(dir).map_err(failed)?;
    let mut made = false;
    let repo = match Repo::find(dir) {
        Ok(repo) => {
            steps.push(Step::done(format!(
                "git repository: {} (kept, with its history)",
                repo.top.display()
            )));
            repo
        }
        Err(GitError::NotARepository(_)) => {
            init_repository(dir)?;
            made = true;
            steps.push(Step::done(format!(
                "git repository: made in {} (branch main)",
                dir.display()
            )));
            Repo::find(dir)?
        }
        Err(other) => return Err(other),
    };
    let mut to_commit = Vec::new();
    let attributes = dir.join(".gitattributes");
    steps.push(place_lines(&attributes, ATTRIBUTE_LINES, &mut to_commit).map_err(failed)?);
    steps.push(register_driver(&repo, program)?);
    steps.push(install_hook(&repo, program)?);
    let readme = dir.join("README.md");
    steps.push(place_file(&readme, &files::readme(), &mut to_commit).map_err(failed)?);
    // A repository made here starts with the plans already in the folder: the team's history
    // begins with them (an adopted repository's plans are the user's to commit).
    let plans: Vec<PathBuf> = if made {
        scan(dir)
            .map(|scan| {
                scan.candidates
                    .into_iter()
                    .filter(|candidate| !candidate.via_link)
                    .map(|candidate| candidate.path)
                    .collect()
            })
            .unwrap_or_default()
    } else {
        Vec::new()
    };
    if !to_commit.is_empty() || !plans.is_empty() {
        let mut names: Vec<String> = to_commit
            .iter()
            .map(|path: &PathBuf| path.display().to_string())
            .collect();
        if !plans.is_empty() {
            let count = plans.len();
            names.push(format!(
                "the folder's {count} plan{}",
                if count == 1 { "" } else { "s" }
            ));
        }
        to_commit.extend(plans);
        let message = "Set up the plans folder for a team (aftercare init)";
        steps.push(match repo.commit_files(&to_commit, message) {
            Ok(()) => Step::done(format!("committed: {}", names.join(", "))),
            Err(error) => Step::by_hand(
                format!("not committed ({error}); commit them when you can:"),
                names.join("\n"),
            ),
        });
    }
    Ok(steps)
}

/// A file of lines (`.gitattributes`): written when missing, lines added when aftercare wrote
/// it, else the lines to add are said.
fn place_lines(path: &Path, lines: &[&str], to_commit: &mut Vec<PathBuf>) -> std::io::Result<Step> {
    let name = path.display().to_string();
    let existing = match std::fs::read_to_string(path) {
        Ok(text) => Some(text),
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => None,
        Err(error) => return Err(error),
    };
    let missing: Vec<&str> = lines
        .iter()
        .copied()
        .filter(|line| {
            !existing
                .as_deref()
                .is_some_and(|text| text.lines().any(|have| have.trim() == *line))
        })
        .collect();
    if missing.is_empty() {
        return Ok(Step::done(format!(
            "{name}: already routes plans to the merge driver"
        )));
    }
    match existing {
        None => {
            std::fs::write(path, Marked::attributes(lines))?;
            to_commit.push(path.to_path_buf());
            Ok(Step::done(format!("{name}: written")))
        }
        Some(text) if Marked::is_ours(&text) => {
            let mut text = text;
            if !text.ends_with('\n') {
                text.push('\n');
            }
            for line in &missing {
                text.push_str(line);
                text.push('\n');
            }
            std::fs::write(path, text)?;
            to_commit.push(path.to_path_buf());
            Ok(Step::done(format!("{name}: lines added")))
        }
        Some(_) => Ok(Step::by_hand(
            format!("{name}: not written by aftercare, so left as it is; add these lines to it:"),
            missing.join("\n"),
        )),
    }
}

/// A whole file (the README): written when missing, else kept.
fn place_file(path: &Path, text: &str, to_commit: &mut Vec<PathBuf>) -> std::io::Result<Step> {
    let name = path.display().to_string();
    if path.symlink_metadata().is_ok() {
        return Ok(Step::done(format!("{name}: kept as it is")));
    }
    std::fs::write(path, text)?;
    to_commit.push(path.to_path_buf());
    Ok(Step::done(format!("{name}: written")))
}

/// The merge driver in the repository's own config: set when unset or set by aftercare.
fn register_driver(repo: &Repo, program: &Path) -> Result<Step, GitError> {
    let wanted = files::driver_command(program);
    let current = repo.local_config(DRIVER_KEY)?;
    match current {
        Some(value) if value == wanted => {
            return Ok(Step::done(format!("git config {DRIVER_KEY}: already set")));
        }
        Some(value) if !value.contains("merge-driver %O %A %B %P") => {
            return Ok(Step::by_hand(
                format!(
                    "git config {DRIVER_KEY}: set to something else, left as it is; to use aftercare's:"
                ),
                format!(
                    "git config {DRIVER_KEY} \"{}\"",
                    wanted.replace('"', "\\\"")
                ),
            ));
        }
        _ => {}
    }
    repo.set_local_config(DRIVER_NAME_KEY, DRIVER_NAME)?;
    repo.set_local_config(DRIVER_KEY, &wanted)?;
    Ok(Step::done(format!(
        "git config {DRIVER_KEY}: set (plans merge by need and field)"
    )))
}

/// The pre-commit hook in the repository's own hooks folder.
fn install_hook(repo: &Repo, program: &Path) -> Result<Step, GitError> {
    let failed = |error: std::io::Error| GitError::Failed(error.to_string());
    let script = files::pre_commit_hook(program);
    if let Some(hooks_path) = repo.config_value("core.hooksPath")? {
        return Ok(Step::by_hand(
            format!(
                "pre-commit hook: git runs hooks from {hooks_path} (core.hooksPath), not written there; add this to its pre-commit:"
            ),
            script,
        ));
    }
    let folder = repo.own_hooks_folder()?;
    let hook = folder.join("pre-commit");
    let name = hook.display().to_string();
    match std::fs::read_to_string(&hook) {
        Ok(text) if text == script => {
            return Ok(Step::done(format!("{name}: already in place")));
        }
        Ok(text) if !Marked::is_ours(&text) => {
            return Ok(Step::by_hand(
                format!("{name}: not written by aftercare, so left as it is; add this to it:"),
                script,
            ));
        }
        Ok(_) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
        Err(error) => return Err(failed(error)),
    }
    std::fs::create_dir_all(&folder).map_err(failed)?;
    std::fs::write(&hook, &script).map_err(failed)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&hook, std::fs::Permissions::from_mode(0o755)).map_err(failed)?;
    }
    Ok(Step::done(format!(
        "{name}: written (a commit with errors in its plans is refused; warnings pass)"
    )))
}
