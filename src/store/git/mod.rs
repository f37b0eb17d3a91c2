//! Git through the `git` command line: history of a plan file, past diffs, commit of one file,
//! and which plans have uncommitted changes. Git's output is data: records are read field by
//! field off NUL boundaries, a revision is only ever a full object id git listed, and every
//! revision and path goes after `--end-of-options` or `--` (paths as `:(literal)` pathspecs).
//! Reads run nothing of the repository's (see `run`); no git or no repository is an answer,
//! never a failure.

mod parse;
mod run;
mod since_review;
mod team;

use std::collections::HashSet;
use std::path::{Path, PathBuf};

pub use parse::{UnknownCommit, commit_by_prefix, is_object_id};
use run::{GIT_TIMEOUT, Mode, ReadGuard, git, git_output};
pub use since_review::{ChangesSinceReview, SinceReview};
pub use team::{Exchange, LastChange, NETWORK_TIMEOUT, init_repository, merge_file};

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GitError {
    #[error("git is not installed on this machine (or not on PATH); history and commits are off")]
    NotInstalled,
    #[error("{0} is not in a git repository; history and commits are off")]
    NotARepository(String),
    #[error("git took longer than {} seconds and was stopped", GIT_TIMEOUT.as_secs())]
    TimedOut,
    /// git ran and refused: its own message.
    #[error("git: {0}")]
    Failed(String),
}

impl GitError {
    /// A few words for a status line: why there is no commit or history.
    pub fn brief(&self) -> &'static str {
        match self {
            GitError::NotInstalled => "git is not installed",
            GitError::NotARepository(_) => "not in a git repository",
            GitError::TimedOut => "git timed out",
            GitError::Failed(_) => "git failed",
        }
    }
}

/// One commit that touched a plan file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Commit {
    /// The full object id, as git listed it (never text from anywhere else).
    pub hash: String,
    /// ISO 8601 author date, `2026-11-28T10:15:00+00:00`.
    pub date: String,
    pub author: String,
    pub subject: String,
    /// The file's path (relative to the repository) in this commit: renames are followed.
    pub path: String,
}

/// Hex digits of a commit's hash shown in lists and headings, everywhere the same.
pub const SHORT_HASH_DIGITS: usize = 8;

impl Commit {
    /// The hash as lists and headings show it: its first `SHORT_HASH_DIGITS` digits.
    pub fn short_hash(&self) -> &str {
        self.hash.get(..SHORT_HASH_DIGITS).unwrap_or(&self.hash)
    }

    /// The day of the author date, `2026-11-28`.
    pub fn day(&self) -> &str {
        self.date.get(..10).unwrap_or(&self.date)
    }
}

/// A repository found around a plans folder.
#[derive(Debug, Clone)]
pub struct Repo {
    pub top: PathBuf,
    /// What reads override in this repository.
    guard: ReadGuard,
}

/// The empty tree's id in each object format git has.
const EMPTY_TREE_SHA1: &str = "4b825dc642cb6eb9a060e54bf8d69288fbee4904";
const EMPTY_TREE_SHA256: &str = "6ef19b41225c5369f1c104d45d8d85efa9b057b53b14b4b9b939dd74decc5321";

/// `path` as a pathspec that means that one path: no glob, no `:(magic)` of its own.
fn literal(path: &str) -> String {
    format!(":(literal){path}")
}

impl Repo {
    /// The repository holding `folder`, if git is installed and there is one.
    pub fn find(folder: &Path) -> Result<Repo, GitError> {
        let before_known = ReadGuard::default();
        let out = match git(
            folder,
            Mode::Read(&before_known),
            &["rev-parse", "--show-object-format", "--show-toplevel"],
        ) {
            Ok(out) => out,
            Err(GitError::Failed(_)) => {
                return Err(GitError::NotARepository(folder.display().to_string()));
            }
            Err(other) => return Err(other),
        };
        let (format, top) = out.split_once('\n').unwrap_or(("", &out));
        let top = PathBuf::from(top.strip_suffix('\n').unwrap_or(top));
        let empty_tree = if format == "sha256" {
            EMPTY_TREE_SHA256
        } else {
            EMPTY_TREE_SHA1
        };
        let filter_drivers = filter_drivers(&top, &before_known)?;
        Ok(Repo {
            top,
            guard: ReadGuard {
                empty_tree: Some(empty_tree),
                filter_drivers,
            },
        })
    }

    fn read(&self, args: &[&str]) -> Result<String, GitError> {
        git(&self.top, Mode::Read(&self.guard), args)
    }

    /// `file` relative to the repository top, as git names it.
    fn relative(&self, file: &Path) -> String {
        let absolute = std::fs::canonicalize(file).unwrap_or_else(|_| file.to_path_buf());
        let top = std::fs::canonicalize(&self.top).unwrap_or_else(|_| self.top.clone());
        absolute
            .strip_prefix(&top)
            .unwrap_or(&absolute)
            .to_string_lossy()
            .into_owned()
    }

    /// Commits that touched `file`, newest first, following renames; merges that changed it
    /// from each side included.
    pub fn log(&self, file: &Path) -> Result<Vec<Commit>, GitError> {
        let path = self.relative(file);
        let marker = parse::record_marker();
        let out = self.read(&[
            "log",
            "-z",
            "--follow",
            "--name-only",
            // Merges too, where the file differs from each parent (two people's changes
            // combined, a conflict recorded): a team sees who merged what.
            "--cc",
            "--no-textconv",
            "--no-ext-diff",
            &parse::log_format(&marker),
            "--",
            &literal(&path),
        ])?;
        Ok(parse::commits(&out, &marker, &path))
    }

    /// What `commit` changed in the file (its path in that commit).
    pub fn show(&self, commit: &Commit) -> Result<String, GitError> {
        let hash = checked(commit)?;
        self.read(&[
            "show",
            "--format=",
            "--find-renames",
            "--no-color",
            "--no-textconv",
            "--no-ext-diff",
            "--end-of-options",
            hash,
            "--",
            &literal(&commit.path),
        ])
    }

    /// The file as `commit` stored it (at its path there): the blob itself, as `cat-file`
    /// gives it, so no textconv and no filter runs. Meeting mode reads every version for the
    /// identifiers to hide.
    pub fn text_at(&self, commit: &Commit) -> Result<String, GitError> {
        let object = format!("{}:{}", checked(commit)?, commit.path);
        self.read(&["cat-file", "blob", "--end-of-options", &object])
    }

    /// The difference between the file as it was in `commit` and the working file now.
    pub fn diff_since(&self, commit: &Commit, file: &Path) -> Result<String, GitError> {
        let now = self.relative(file);
        let old_text = self.text_at(commit)?;
        let new_text =
            std::fs::read_to_string(file).map_err(|error| GitError::Failed(error.to_string()))?;
        Ok(crate::store::diff::unified_diff(&now, &old_text, &new_text))
    }

    /// The commit that first recorded a review on `date` (`YYYY-MM-DD`) in the file.
    pub fn commit_recording(&self, file: &Path, date: &str) -> Result<Option<Commit>, GitError> {
        let needle = format!("-Sdate: {date}");
        let path = self.relative(file);
        let out = self.read(&[
            "log",
            "-z",
            "--follow",
            "--no-textconv",
            "--no-ext-diff",
            "--format=%H",
            &needle,
            "--",
            &literal(&path),
        ])?;
        let Some(oldest) = parse::object_ids(&out).last().map(|id| id.to_string()) else {
            return Ok(None);
        };
        Ok(self
            .log(file)?
            .into_iter()
            .find(|commit| commit.hash == oldest))
    }

    /// Has `file` ever been committed (is it in git's index)? A new plan's first commit adds
    /// the whole file, and its message says so.
    pub fn is_tracked(&self, file: &Path) -> Result<bool, GitError> {
        let path = literal(&self.relative(file));
        match self.read(&["ls-files", "--error-unmatch", "--", &path]) {
            Ok(_) => Ok(true),
            Err(GitError::Failed(_)) => Ok(false),
            Err(other) => Err(other),
        }
    }

    /// Commit this one file and nothing else (other staged changes stay staged). This is the
    /// user's own commit: their hooks run, and their filters clean the file as git adds it.
    /// A commit git refuses (a failing hook) leaves the index as it was before: the plan is not
    /// left staged behind the user's back.
    pub fn commit_file(&self, file: &Path, message: &str) -> Result<(), GitError> {
        let relative = self.relative(file);
        let path = literal(&relative);
        let entry_before = self.index_entry(&path)?;
        git(&self.top, Mode::UsersCommit, &["add", "--", &path])?;
        let committed = git(
            &self.top,
            Mode::UsersCommit,
            &["commit", "--quiet", "--only", "-m", message, "--", &path],
        );
        let Err(refused) = committed else {
            return Ok(());
        };
        match self.restore_index_entry(&path, &relative, entry_before) {
            Ok(()) => Err(refused),
            Err(GitError::Failed(why)) => Err(GitError::Failed(format!(
                "{}\n(the plan is left staged in git's index: {why})",
                refused_message(&refused)
            ))),
            Err(other) => Err(other),
        }
    }

    /// The index's entry for one path (`MODE,OBJECT`), when it has exactly one unconflicted
    /// entry; `None` when the path is not in the index.
    fn index_entry(&self, path: &str) -> Result<Option<String>, GitError> {
        let out = self.read(&["ls-files", "--stage", "-z", "--", path])?;
        let entries: Vec<&str> = out.split('\0').filter(|e| !e.is_empty()).collect();
        match entries.as_slice() {
            [] => Ok(None),
            [entry] => {
                let fields = entry.split('\t').next().unwrap_or_default();
                match fields.split(' ').collect::<Vec<_>>().as_slice() {
                    [mode, object, "0"] if is_object_id(object) => {
                        Ok(Some(format!("{mode},{object}")))
                    }
                    _ => Err(GitError::Failed(format!(
                        "unexpected index entry `{fields}`"
                    ))),
                }
            }
            _ => Err(GitError::Failed(
                "the plan has a merge conflict in git's index; commit it with git".into(),
            )),
        }
    }

    /// Put the index's entry for `path` back as `index_entry` found it.
    fn restore_index_entry(
        &self,
        path: &str,
        relative: &str,
        entry: Option<String>,
    ) -> Result<(), GitError> {
        let args = match &entry {
            Some(mode_object) => {
                let cacheinfo = format!("{mode_object},{relative}");
                git(
                    &self.top,
                    Mode::UsersCommit,
                    &["update-index", "--cacheinfo", &cacheinfo],
                )?;
                return Ok(());
            }
            None => ["rm", "--cached", "--quiet", "--", path],
        };
        git(&self.top, Mode::UsersCommit, &args).map(|_| ())
    }

    /// Files under the repository with uncommitted changes (modified, added or untracked).
    pub fn uncommitted(&self) -> Result<HashSet<PathBuf>, GitError> {
        let out = self.read(&[
            "status",
            "--porcelain=v1",
            "-z",
            "--untracked-files=all",
            "--ignore-submodules=all",
        ])?;
        Ok(parse::status_paths(&out)
            .into_iter()
            .map(|path| self.top.join(path))
            .collect())
    }
}

/// What git said when it refused.
fn refused_message(error: &GitError) -> String {
    match error {
        GitError::Failed(message) => message.clone(),
        other => other.to_string(),
    }
}

/// `commit`'s hash, if it is an object id (it always is when it came from `log`).
fn checked(commit: &Commit) -> Result<&str, GitError> {
    if is_object_id(&commit.hash) {
        Ok(&commit.hash)
    } else {
        Err(GitError::Failed(format!(
            "`{}` is not a commit id; nothing was asked of git",
            commit.hash
        )))
    }
}

/// The filter drivers the config defines (`filter.<driver>.clean` and the like), to be
/// emptied for reads: attributes may name them from `.git/info/attributes`, which no setting
/// switches off.
fn filter_drivers(top: &Path, guard: &ReadGuard) -> Result<Vec<String>, GitError> {
    let args = ["config", "-z", "--name-only", "--get-regexp", r"^filter\."];
    let output = git_output(top, Mode::Read(guard), &args)?;
    if !output.status.success() {
        // 1 with nothing said: no filter is configured.
        return match (output.status.code(), output.stderr_text()) {
            (Some(1), message) if message.is_empty() => Ok(Vec::new()),
            (_, message) => Err(GitError::Failed(message)),
        };
    }
    let text = output.stdout_text();
    let mut drivers: Vec<String> = text
        .split('\0')
        .filter_map(|name| name.strip_prefix("filter."))
        .filter_map(|name| name.rsplit_once('.'))
        .map(|(driver, _key)| driver.to_owned())
        .collect();
    drivers.sort();
    drivers.dedup();
    Ok(drivers)
}
