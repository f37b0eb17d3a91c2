//! A team made in a temporary folder for the team tests: a bare repository as the server,
//! clones for people, the real `aftercare` binary and `git` run with each person's identity
//! (environment given per command: nothing process-wide is changed).

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BINARY: &str = env!("CARGO_BIN_EXE_aftercare");

/// The sample plan the team shares (fictional; NHS number from the 999 test range).
pub const PLAN: &str = "s117-0042.yaml";

pub fn sample_plan() -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("plans/north")
            .join(PLAN),
    )
    .unwrap()
}

/// Settings every command of the tests gets: no user or system git config, a fixed identity.
fn isolate(command: &mut Command, home: &Path, person: &str) {
    command
        .env("GIT_CONFIG_GLOBAL", home.join("gitconfig"))
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", home)
        .env("XDG_CONFIG_HOME", home.join("config"))
        .env("LC_ALL", "C")
        .env("GIT_AUTHOR_NAME", person)
        .env("GIT_AUTHOR_EMAIL", format!("{person}@example.invalid"))
        .env("GIT_COMMITTER_NAME", person)
        .env("GIT_COMMITTER_EMAIL", format!("{person}@example.invalid"))
        .env_remove("GIT_DIR")
        .env_remove("GIT_WORK_TREE");
}

/// A team: a server and the folder holding every clone.
pub struct Team {
    pub dir: tempfile::TempDir,
}

impl Team {
    /// A server holding one commit of the sample plan, set up by `aftercare init`.
    pub fn new() -> Team {
        let team = Team {
            dir: tempfile::tempdir().unwrap(),
        };
        fs::write(team.home().join("gitconfig"), "").unwrap();
        team.git_ok(
            team.dir.path(),
            "Ada",
            &["init", "-q", "--bare", "-b", "main", "server.git"],
        );
        let first = team.path("first");
        fs::create_dir_all(&first).unwrap();
        fs::write(first.join(PLAN), sample_plan()).unwrap();
        // `init` makes the repository with the plan in its first commit.
        let init = team.aftercare(&first, "Ada", &["init", "."]);
        assert!(init.status.success(), "{}", text(&init));
        team.git_ok(
            &first,
            "Ada",
            &["remote", "add", "origin", &team.server_url()],
        );
        team.git_ok(&first, "Ada", &["push", "-q", "-u", "origin", "main"]);
        team
    }

    pub fn home(&self) -> PathBuf {
        self.dir.path().to_path_buf()
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    pub fn server_url(&self) -> String {
        self.path("server.git").display().to_string()
    }

    /// A clone of the server for `person`, set up with `aftercare init`.
    pub fn clone_for(&self, person: &str) -> PathBuf {
        self.clone_from(person, &self.server_url())
    }

    pub fn clone_from(&self, person: &str, url: &str) -> PathBuf {
        let name = person.to_lowercase();
        self.git_ok(self.dir.path(), person, &["clone", "-q", url, &name]);
        let clone = self.path(&name);
        let init = self.aftercare(&clone, person, &["init", "."]);
        assert!(init.status.success(), "{}", text(&init));
        clone
    }

    pub fn command(&self, program: &str, dir: &Path, person: &str) -> Command {
        let mut command = Command::new(program);
        command.current_dir(dir);
        isolate(&mut command, &self.home(), person);
        command
    }

    pub fn git(&self, dir: &Path, person: &str, args: &[&str]) -> Output {
        self.command("git", dir, person)
            .args(args)
            .output()
            .unwrap()
    }

    pub fn git_ok(&self, dir: &Path, person: &str, args: &[&str]) -> String {
        let output = self.git(dir, person, args);
        assert!(output.status.success(), "git {args:?}: {}", text(&output));
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    pub fn aftercare(&self, dir: &Path, person: &str, args: &[&str]) -> Output {
        self.command(BINARY, dir, person)
            .args(args)
            .output()
            .unwrap()
    }

    /// Replace `from` by `to` (once, it must be there) in the clone's plan and commit it.
    pub fn edit_and_commit(&self, clone: &Path, person: &str, from: &str, to: &str) -> String {
        let file = clone.join(PLAN);
        let text = fs::read_to_string(&file).unwrap();
        assert_eq!(text.matches(from).count(), 1, "`{from}` once in the plan");
        fs::write(&file, text.replacen(from, to, 1)).unwrap();
        self.git_ok(clone, person, &["commit", "-q", "-a", "-m", "A change"]);
        self.head(clone)
    }

    pub fn head(&self, clone: &Path) -> String {
        self.git_ok(clone, "Ada", &["rev-parse", "HEAD"])
            .trim()
            .to_owned()
    }

    /// Whether `commit` is in the history of the clone's HEAD.
    pub fn has_commit(&self, clone: &Path, commit: &str) -> bool {
        self.git(
            clone,
            "Ada",
            &["merge-base", "--is-ancestor", commit, "HEAD"],
        )
        .status
        .success()
    }

    pub fn sync(&self, clone: &Path, person: &str) -> Output {
        self.aftercare(clone, person, &["sync", "."])
    }

    pub fn plan(&self, clone: &Path) -> String {
        fs::read_to_string(clone.join(PLAN)).unwrap()
    }
}

/// What a command said, both streams.
pub fn text(output: &Output) -> String {
    format!(
        "exit {:?}\n{}{}",
        output.status.code(),
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}
