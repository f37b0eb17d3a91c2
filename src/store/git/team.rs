//! Git for a team's shared repository: making one (`init`), the repository's own config and
//! hooks folder, who made a side of a merge, git's line merge as the merge driver's fallback,
//! and the steps of a sync (fetch, merge or rebase, push, ahead/behind). Every call goes
//! through `run` (no shell, nothing of the repository's runs while the app only reads); names
//! given to git come after `--end-of-options` or `--`.

use std::path::{Path, PathBuf};
use std::time::Duration;

use super::run::{Mode, Output, ReadGuard, git, git_output, git_output_within};
use super::{GitError, Repo, literal};

/// How long one exchange with the team's server may take.
pub const NETWORK_TIMEOUT: Duration = Duration::from_secs(120);

/// The refs naming the other side while git merges, rebases or cherry-picks, in that order.
const OTHER_SIDE_REFS: &[&str] = &["MERGE_HEAD", "REBASE_HEAD", "CHERRY_PICK_HEAD"];

/// Who last changed a file on one side of a merge, when git knows.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct LastChange {
    pub commit: Option<String>,
    pub author: Option<String>,
    pub date: Option<String>,
}

/// Make `dir` a git repository (branch `main`), creating the folder when needed.
pub fn init_repository(dir: &Path) -> Result<(), GitError> {
    std::fs::create_dir_all(dir).map_err(|error| GitError::Failed(error.to_string()))?;
    git(
        dir,
        Mode::UsersCommit,
        &["init", "--quiet", "--initial-branch=main"],
    )
    .map(|_| ())
}

/// What one exchange with the server said: whether it worked, and git's words.
#[derive(Debug, Clone)]
pub struct Exchange {
    pub ok: bool,
    pub message: String,
}

impl Exchange {
    fn from(output: Output) -> Exchange {
        let said = output.stderr_text();
        let message = if said.is_empty() {
            output.stdout_text().trim().to_owned()
        } else {
            said
        };
        Exchange {
            ok: output.status.success(),
            message,
        }
    }
}

impl Repo {
    /// The repository's own value of `key` (its `.git/config`), if set.
    pub fn local_config(&self, key: &str) -> Result<Option<String>, GitError> {
        let output = git_output(
            &self.top,
            Mode::UsersCommit,
            &["config", "--local", "--get", "--end-of-options", key],
        )?;
        match output.status.code() {
            Some(0) => Ok(Some(output.stdout_text().trim_end_matches('\n').to_owned())),
            Some(1) => Ok(None),
            _ => Err(GitError::Failed(output.stderr_text())),
        }
    }

    /// The value of `key` from every config git reads for this repository (not the system's).
    pub fn config_value(&self, key: &str) -> Result<Option<String>, GitError> {
        let output = git_output(
            &self.top,
            Mode::UsersCommit,
            &["config", "--get", "--end-of-options", key],
        )?;
        match output.status.code() {
            Some(0) => Ok(Some(output.stdout_text().trim_end_matches('\n').to_owned())),
            Some(1) => Ok(None),
            _ => Err(GitError::Failed(output.stderr_text())),
        }
    }

    /// Set `key` in the repository's own config.
    pub fn set_local_config(&self, key: &str, value: &str) -> Result<(), GitError> {
        git(
            &self.top,
            Mode::UsersCommit,
            &["config", "--local", "--end-of-options", key, value],
        )
        .map(|_| ())
    }

    /// The repository's own hooks folder (`.git/hooks`, wherever the git folder is).
    pub fn own_hooks_folder(&self) -> Result<PathBuf, GitError> {
        let out = git(
            &self.top,
            Mode::UsersCommit,
            &["rev-parse", "--path-format=absolute", "--git-common-dir"],
        )?;
        Ok(PathBuf::from(out.trim_end_matches('\n')).join("hooks"))
    }

    /// Who last changed `path` on our side of a merge (`HEAD`) and on theirs (the commit being
    /// merged, rebased or picked), as far as git knows.
    /// `merging` is the commit being merged when git says (its `GITHEAD_<id>` variable).
    pub fn sides_of_merge(&self, path: &str, merging: Option<&str>) -> (LastChange, LastChange) {
        let ours = self.last_change("HEAD", path);
        let merging = merging.filter(|id| super::is_object_id(id));
        let theirs = merging
            .into_iter()
            .chain(OTHER_SIDE_REFS.iter().copied())
            .map(|name| self.last_change(name, path))
            .find(|change| change.commit.is_some())
            .unwrap_or_default();
        (ours, theirs)
    }

    fn last_change(&self, revision: &str, path: &str) -> LastChange {
        let format = "--format=%H%x00%an%x00%aI";
        let pathspec = literal(path);
        let args = [
            "log",
            "-1",
            format,
            "--end-of-options",
            revision,
            "--",
            &pathspec,
        ];
        let Ok(out) = self.read(&args) else {
            return LastChange::default();
        };
        let fields: Vec<&str> = out.trim_end_matches('\n').split('\0').collect();
        match fields.as_slice() {
            [commit, author, date] if super::is_object_id(commit) => LastChange {
                commit: Some((*commit).to_owned()),
                author: Some((*author).to_owned()),
                date: Some((*date).to_owned()),
            },
            _ => LastChange::default(),
        }
    }

    /// Plan files (`*.yaml`, `*.yml`) with changes not yet committed, relative to the top.
    pub fn uncommitted_plans(&self) -> Result<Vec<String>, GitError> {
        let mut plans: Vec<String> = self
            .uncommitted()?
            .into_iter()
            .filter(|path| {
                path.extension()
                    .is_some_and(|ext| ext == "yaml" || ext == "yml")
            })
            .map(|path| {
                path.strip_prefix(&self.top)
                    .unwrap_or(&path)
                    .display()
                    .to_string()
            })
            .collect();
        plans.sort();
        Ok(plans)
    }

    /// Whether git is in the middle of a merge, rebase or cherry-pick here.
    pub fn operation_in_progress(&self) -> Result<Option<&'static str>, GitError> {
        for (name, what) in [
            ("MERGE_HEAD", "a merge"),
            ("REBASE_HEAD", "a rebase"),
            ("rebase-merge", "a rebase"),
            ("rebase-apply", "a rebase"),
            ("CHERRY_PICK_HEAD", "a cherry-pick"),
        ] {
            let out = self.read(&["rev-parse", "--git-path", name])?;
            let path = self.top.join(out.trim_end_matches('\n'));
            if path.exists() {
                return Ok(Some(what));
            }
        }
        Ok(None)
    }

    /// The current branch's name (`None` on a detached head).
    pub fn branch(&self) -> Result<Option<String>, GitError> {
        let output = git_output(
            &self.top,
            Mode::Read(&self.guard),
            &["symbolic-ref", "--quiet", "--short", "HEAD"],
        )?;
        Ok(output
            .status
            .success()
            .then(|| output.stdout_text().trim().to_owned()))
    }

    /// The branch's upstream (`origin/main`), if it has one.
    pub fn upstream(&self) -> Result<Option<String>, GitError> {
        let output = git_output(
            &self.top,
            Mode::Read(&self.guard),
            &[
                "rev-parse",
                "--abbrev-ref",
                "--symbolic-full-name",
                "@{upstream}",
            ],
        )?;
        Ok(output
            .status
            .success()
            .then(|| output.stdout_text().trim().to_owned()))
    }

    /// The names of the remotes (team servers) configured.
    pub fn remotes(&self) -> Result<Vec<String>, GitError> {
        let out = self.read(&["remote"])?;
        Ok(out.lines().map(str::to_owned).collect())
    }

    /// Commits here not on the upstream (ahead) and there not here (behind).
    pub fn ahead_behind(&self) -> Result<Option<(usize, usize)>, GitError> {
        let output = git_output(
            &self.top,
            Mode::Read(&self.guard),
            &["rev-list", "--count", "--left-right", "HEAD...@{upstream}"],
        )?;
        if !output.status.success() {
            return Ok(None);
        }
        let text = output.stdout_text();
        let mut counts = text.split_whitespace().map(str::parse::<usize>);
        match (counts.next(), counts.next()) {
            (Some(Ok(ahead)), Some(Ok(behind))) => Ok(Some((ahead, behind))),
            _ => Ok(None),
        }
    }

    /// Commits here not yet on `remote` at all (when the branch has no upstream yet).
    pub fn commits_not_on(&self, remote: &str) -> Result<usize, GitError> {
        let all_remote = format!("--remotes={remote}");
        let out = self.read(&["rev-list", "--count", "HEAD", "--not", &all_remote])?;
        Ok(out.trim().parse().unwrap_or(0))
    }

    /// `git fetch` from `remote` (its configured branches).
    pub fn fetch(&self, remote: &str) -> Result<Exchange, GitError> {
        self.network(&["fetch", "--quiet", "--end-of-options", remote])
    }

    /// Merge the upstream into the current branch: the user's own merge (their merge driver
    /// and hooks run). A merge git cannot finish is aborted, leaving the branch as it was.
    pub fn merge_upstream(&self) -> Result<Exchange, GitError> {
        self.integrate(
            &["merge", "--no-edit", "--no-stat", "@{upstream}"],
            &["merge", "--abort"],
        )
    }

    /// Rebase the current branch on its upstream; aborted when git cannot finish it.
    pub fn rebase_on_upstream(&self) -> Result<Exchange, GitError> {
        self.integrate(
            &["rebase", "--quiet", "@{upstream}"],
            &["rebase", "--abort"],
        )
    }

    fn integrate(&self, run: &[&str], abort: &[&str]) -> Result<Exchange, GitError> {
        let output = git_output_within(&self.top, Mode::UsersCommit, run, NETWORK_TIMEOUT)?;
        let exchange = Exchange::from(output);
        if !exchange.ok {
            let _ = git_output(&self.top, Mode::UsersCommit, abort);
        }
        Ok(exchange)
    }

    /// Push the current branch to its upstream, or to `remote` as its upstream when it has none.
    pub fn push(&self, remote: &str, set_upstream: bool) -> Result<Exchange, GitError> {
        if set_upstream {
            self.network(&[
                "push",
                "--quiet",
                "--set-upstream",
                "--end-of-options",
                remote,
                "HEAD",
            ])
        } else {
            self.network(&["push", "--quiet"])
        }
    }

    fn network(&self, args: &[&str]) -> Result<Exchange, GitError> {
        let output = git_output_within(&self.top, Mode::UsersCommit, args, NETWORK_TIMEOUT)?;
        Ok(Exchange::from(output))
    }
}

/// Git's own line merge of three files: `ours` gets the result (with conflict markers where
/// lines clash). Whether it was clean.
pub fn merge_file(dir: &Path, ours: &Path, base: &Path, theirs: &Path) -> Result<bool, GitError> {
    let guard = ReadGuard::default();
    let (ours, base, theirs) = (
        ours.to_string_lossy(),
        base.to_string_lossy(),
        theirs.to_string_lossy(),
    );
    let output = git_output(
        dir,
        Mode::Read(&guard),
        &[
            "merge-file",
            "-L",
            "ours",
            "-L",
            "base",
            "-L",
            "theirs",
            "--",
            &ours,
            &base,
            &theirs,
        ],
    )?;
    match output.status.code() {
        Some(0) => Ok(true),
        Some(code) if code > 0 && code < 128 => Ok(false),
        _ => Err(GitError::Failed(output.stderr_text())),
    }
}

impl Repo {
    /// Commit these files and nothing else: the user's own commit (their hooks run).
    pub fn commit_files(&self, files: &[PathBuf], message: &str) -> Result<(), GitError> {
        let paths: Vec<String> = files
            .iter()
            .map(|file| literal(&self.relative(file)))
            .collect();
        let mut add = vec!["add", "--"];
        add.extend(paths.iter().map(String::as_str));
        git(&self.top, Mode::UsersCommit, &add)?;
        let mut commit = vec!["commit", "--quiet", "--only", "-m", message, "--"];
        commit.extend(paths.iter().map(String::as_str));
        git(&self.top, Mode::UsersCommit, &commit).map(|_| ())
    }
}

impl Repo {
    /// When `branch` has no upstream and `remote` has a branch of that name, make it the
    /// upstream (a clone's first sync of a branch made before the server had one).
    pub fn adopt_upstream(&self, remote: &str, branch: &str) -> Result<(), GitError> {
        if self.upstream()?.is_some() {
            return Ok(());
        }
        let tracking = format!("refs/remotes/{remote}/{branch}");
        let exists = git_output(
            &self.top,
            Mode::Read(&self.guard),
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                "--end-of-options",
                &tracking,
            ],
        )?;
        if !exists.status.success() {
            return Ok(());
        }
        let upstream = format!("--set-upstream-to={remote}/{branch}");
        git(&self.top, Mode::UsersCommit, &["branch", &upstream]).map(|_| ())
    }
}
