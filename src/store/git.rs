//! Git through the `git` command line: history of a plan file, past diffs, commit of one file,
//! and which plans have uncommitted changes. Always argument lists (no shell), `--no-pager`,
//! `LC_ALL=C`, and a timeout; no git or no repository is an answer, never a failure.

use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// How long any one git command may run.
const GIT_TIMEOUT: Duration = Duration::from_secs(10);

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
    pub hash: String,
    /// ISO 8601 author date, `2026-11-28T10:15:00+00:00`.
    pub date: String,
    pub author: String,
    pub subject: String,
    /// The file's path (relative to the repository) in this commit: renames are followed.
    pub path: String,
}

/// A repository found around a plans folder.
#[derive(Debug, Clone)]
pub struct Repo {
    pub top: PathBuf,
}

fn run(dir: &Path, args: &[&str]) -> Result<String, GitError> {
    let mut child = Command::new("git")
        .arg("--no-pager")
        .args(args)
        .current_dir(dir)
        .env("LC_ALL", "C")
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_OPTIONAL_LOCKS", "0")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|error| match error.kind() {
            std::io::ErrorKind::NotFound => GitError::NotInstalled,
            _ => GitError::Failed(error.to_string()),
        })?;
    let mut stdout = child.stdout.take().expect("piped");
    let mut stderr = child.stderr.take().expect("piped");
    let out_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stdout.read_to_end(&mut bytes);
        bytes
    });
    let err_reader = std::thread::spawn(move || {
        let mut bytes = Vec::new();
        let _ = stderr.read_to_end(&mut bytes);
        bytes
    });
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > GIT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(GitError::TimedOut);
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(5)),
            Err(error) => return Err(GitError::Failed(error.to_string())),
        }
    };
    let out = String::from_utf8_lossy(&out_reader.join().unwrap_or_default()).into_owned();
    let err = String::from_utf8_lossy(&err_reader.join().unwrap_or_default()).into_owned();
    if status.success() {
        Ok(out)
    } else {
        let message = err.trim();
        Err(GitError::Failed(if message.is_empty() {
            format!("exited with {status}")
        } else {
            message.to_owned()
        }))
    }
}

impl Repo {
    /// The repository holding `folder`, if git is installed and there is one.
    pub fn find(folder: &Path) -> Result<Repo, GitError> {
        match run(folder, &["rev-parse", "--show-toplevel"]) {
            Ok(top) => Ok(Repo {
                top: PathBuf::from(top.trim()),
            }),
            Err(GitError::Failed(_)) => Err(GitError::NotARepository(folder.display().to_string())),
            Err(other) => Err(other),
        }
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

    /// Commits that touched `file`, newest first, following renames.
    pub fn log(&self, file: &Path) -> Result<Vec<Commit>, GitError> {
        let path = self.relative(file);
        let out = run(
            &self.top,
            &[
                "log",
                "--follow",
                "--name-only",
                "--format=%x1e%H%x1f%aI%x1f%an%x1f%s",
                "--",
                &path,
            ],
        )?;
        Ok(out
            .split('\u{1e}')
            .filter_map(|record| {
                let mut lines = record.lines().filter(|line| !line.trim().is_empty());
                let mut fields = lines.next()?.split('\u{1f}');
                Some(Commit {
                    hash: fields.next()?.to_owned(),
                    date: fields.next()?.to_owned(),
                    author: fields.next()?.to_owned(),
                    subject: fields.next().unwrap_or("").to_owned(),
                    path: lines.next().unwrap_or(&path).to_owned(),
                })
            })
            .collect())
    }

    /// What `commit` changed in the file (its path in that commit).
    pub fn show(&self, commit: &Commit) -> Result<String, GitError> {
        run(
            &self.top,
            &[
                "show",
                "--format=",
                "--find-renames",
                "--no-color",
                &commit.hash,
                "--",
                &commit.path,
            ],
        )
    }

    /// The file as `commit` stored it (at its path there): the blob itself, no textconv and
    /// no filters (meeting mode reads every version for identifiers to hide).
    pub fn text_at(&self, commit: &Commit) -> Result<String, GitError> {
        let object = format!("{}:{}", commit.hash, commit.path);
        run(
            &self.top,
            &["cat-file", "blob", "--end-of-options", &object],
        )
    }

    /// The difference between the file as it was in `commit` and the working file now.
    pub fn diff_since(&self, commit: &Commit, file: &Path) -> Result<String, GitError> {
        let now = self.relative(file);
        let then = format!("{}:{}", commit.hash, commit.path);
        let old_text = run(&self.top, &["show", &then])?;
        let new_text =
            std::fs::read_to_string(file).map_err(|error| GitError::Failed(error.to_string()))?;
        Ok(crate::store::diff::unified_diff(&now, &old_text, &new_text))
    }

    /// The commit that first recorded a review on `date` (`YYYY-MM-DD`) in the file.
    pub fn commit_recording(&self, file: &Path, date: &str) -> Result<Option<Commit>, GitError> {
        let needle = format!("date: {date}");
        let path = self.relative(file);
        let out = run(
            &self.top,
            &["log", "--follow", "--format=%H", "-S", &needle, "--", &path],
        )?;
        let Some(oldest) = out.lines().last() else {
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
        let path = self.relative(file);
        match run(&self.top, &["ls-files", "--error-unmatch", "--", &path]) {
            Ok(_) => Ok(true),
            Err(GitError::Failed(_)) => Ok(false),
            Err(other) => Err(other),
        }
    }

    /// Commit this one file and nothing else (other staged changes stay staged).
    pub fn commit_file(&self, file: &Path, message: &str) -> Result<(), GitError> {
        let path = self.relative(file);
        run(&self.top, &["add", "--", &path])?;
        run(
            &self.top,
            &["commit", "--quiet", "--only", "-m", message, "--", &path],
        )
        .map(|_| ())
    }

    /// Files under the repository with uncommitted changes (modified, added or untracked).
    pub fn uncommitted(&self) -> Result<HashSet<PathBuf>, GitError> {
        let out = run(
            &self.top,
            &["status", "--porcelain=v1", "-z", "--untracked-files=all"],
        )?;
        let mut paths = HashSet::new();
        let mut entries = out.split('\0');
        while let Some(entry) = entries.next() {
            if entry.len() < 4 {
                continue;
            }
            let (status, path) = entry.split_at(3);
            paths.insert(self.top.join(path));
            if status.starts_with('R') || status.starts_with('C') {
                entries.next(); // The rename's source.
            }
        }
        Ok(paths)
    }
}
