//! Git's output is data and a repository's config runs nothing (issue 19): a commit subject
//! cannot forge a history row or become a git option, `history --show` takes only a hex prefix
//! of a listed commit, no fsmonitor/textconv/filter/external diff/pager from the repository
//! runs while plans are viewed, system config is not read, a hook's background job does not
//! hold up a commit, non-ASCII file names have their history, and `aftercare history` prints
//! escapes inert. Every repository is made in the test, with a home of its own.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::mpsc;
use std::time::Duration;

use aftercare::commands::history::{self, HistoryArgs};
use aftercare::inert::is_inert;
use aftercare::plan::rules::RuleSettings;
use aftercare::store::git::Repo;
use chrono::NaiveDate;

use crate::common::plan_text;

/// A repository (`repo/`), a home for git (`home/`), a folder nothing may write to
/// (`outside/`) and a folder hostile scripts leave their marks in (`markers/`).
struct Sandbox {
    dir: tempfile::TempDir,
}

impl Sandbox {
    fn new() -> Sandbox {
        let sandbox = Sandbox {
            dir: tempfile::tempdir().unwrap(),
        };
        for folder in ["repo/plans", "home", "outside", "markers"] {
            fs::create_dir_all(sandbox.dir.path().join(folder)).unwrap();
        }
        sandbox.git(&["init", "-q", "-b", "main"]);
        sandbox
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn repo(&self) -> PathBuf {
        self.path("repo")
    }

    /// The test's own git, apart from the machine's config.
    fn git(&self, args: &[&str]) -> String {
        let output = Command::new("git")
            .args([
                "-c",
                "user.name=A. Tester",
                "-c",
                "user.email=tester@example.invalid",
                "-c",
                "commit.gpgsign=false",
            ])
            .args(args)
            .current_dir(self.repo())
            .env("HOME", self.path("home"))
            .env("XDG_CONFIG_HOME", self.path("home"))
            .env("GIT_CONFIG_NOSYSTEM", "1")
            .env("LC_ALL", "C")
            .output()
            .expect("git runs");
        assert!(
            output.status.success(),
            "git {args:?}: {}",
            String::from_utf8_lossy(&output.stderr)
        );
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Write `text` to `relative` (under `repo/`) and commit it alone with `subject`.
    fn commit(&self, relative: &str, text: &str, subject: &str) {
        fs::write(self.repo().join(relative), text).unwrap();
        self.git(&["add", "--", relative]);
        self.git(&["commit", "-q", "-m", subject]);
    }

    /// An executable script that leaves the mark `name` and passes its input through.
    fn hostile_script(&self, name: &str) -> String {
        let script = self.path(&format!("{name}.sh"));
        let mark = self.path("markers").join(name);
        fs::write(
            &script,
            format!(
                "#!/bin/sh\ntouch '{}'\nif [ -n \"$1\" ] && [ -f \"$1\" ]; then cat \"$1\"; else cat; fi\n",
                mark.display()
            ),
        )
        .unwrap();
        make_executable(&script);
        script.display().to_string()
    }

    /// The marks hostile scripts left.
    fn marks(&self) -> Vec<String> {
        fs::read_dir(self.path("markers"))
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect()
    }

    fn outside_is_empty(&self) -> bool {
        fs::read_dir(self.path("outside")).unwrap().next().is_none()
    }
}

fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).unwrap();
}

fn settings() -> RuleSettings {
    RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

/// `aftercare history PLAN [--show X | --since-review]`, in this process: (exit code, output).
fn history_cli(plan: &Path, show: Option<&str>, since_review: bool) -> (u8, String) {
    let args = HistoryArgs {
        plan: plan.display().to_string(),
        dir: None,
        show: show.map(str::to_owned),
        since_review,
    };
    let mut out = Vec::new();
    let folder = plan.parent().unwrap();
    let code = history::run(&args, folder, &settings(), &mut out).unwrap();
    (code, String::from_utf8(out).unwrap())
}

/// The hash of each commit `git log` lists for `relative`, newest first (the test's own git).
fn hashes(sandbox: &Sandbox, relative: &str) -> Vec<String> {
    sandbox
        .git(&["log", "--follow", "--format=%H", "--", relative])
        .lines()
        .map(str::to_owned)
        .collect()
}

const PLAN: &str = "plans/s117-9042.yaml";

fn is_object_id(text: &str) -> bool {
    matches!(text.len(), 40 | 64)
        && text
            .bytes()
            .all(|byte| byte.is_ascii_digit() || (b'a'..=b'f').contains(&byte))
}

#[test]
fn a_commit_subject_cannot_forge_a_history_row_or_become_a_git_option() {
    let sandbox = Sandbox::new();
    sandbox.commit(PLAN, &plan_text("2026-06-01", None), "S117-9042: new plan");
    let target = sandbox.path("outside/owned.txt");
    let forged = format!(
        "tidy\u{1e}--output={}\u{1f}2026-01-01T00:00:00+00:00\u{1f}A. Colleague\u{1f}N1 review date",
        target.display()
    );
    sandbox.commit(PLAN, &plan_text("2026-07-01", None), &forged);
    let file = sandbox.repo().join(PLAN);

    let repo = Repo::find(&sandbox.repo()).unwrap();
    let commits = repo.log(&file).unwrap();
    assert_eq!(commits.len(), 2, "one row per real commit: {commits:#?}");
    assert_eq!(commits[0].subject, forged, "the subject whole, as data");
    assert_eq!(commits[0].author, "A. Tester");
    assert_eq!(
        commits.iter().map(|c| c.hash.clone()).collect::<Vec<_>>(),
        hashes(&sandbox, PLAN)
    );
    for commit in &commits {
        assert!(is_object_id(&commit.hash), "{commit:?}");
        repo.show(commit).unwrap();
    }
    assert!(!target.exists(), "git show wrote outside the folder");

    let (code, listing) = history_cli(&file, None, false);
    assert_eq!(code, history::OK, "{listing}");
    assert_eq!(listing.lines().count(), 2, "{listing}");
    assert!(is_inert(&listing), "{listing:?}");
    assert!(listing.contains("tidy\u{241e}--output="), "{listing}");

    for typed in ["--out", "--output=x", "-p", "HEAD", "", "xyz", "HEAD~1"] {
        let (code, message) = history_cli(&file, Some(typed), false);
        assert_ne!(code, history::OK, "--show={typed} was taken: {message}");
        assert!(message.starts_with("aftercare history:"), "{message}");
        assert!(is_inert(&message), "{message:?}");
    }
    assert!(!target.exists(), "history --show wrote outside the folder");
    assert!(sandbox.outside_is_empty());
}

#[test]
fn history_show_takes_a_hex_prefix_of_a_listed_commit_only() {
    let sandbox = Sandbox::new();
    sandbox.commit(PLAN, &plan_text("2026-06-01", None), "S117-9042: new plan");
    sandbox.commit(
        "plans/other.yaml",
        "not: this plan\n",
        "Another plan, not in this history",
    );
    let file = sandbox.repo().join(PLAN);
    let plan_commit = hashes(&sandbox, PLAN).remove(0);
    let other_commit = hashes(&sandbox, "plans/other.yaml").remove(0);

    let (code, diff) = history_cli(&file, Some(&plan_commit[..7]), false);
    assert_eq!(code, history::OK, "{diff}");
    assert!(diff.contains("+  next_due: 2026-06-01"), "{diff}");
    let (code, diff) = history_cli(&file, Some(&plan_commit[..7].to_uppercase()), false);
    assert_eq!(code, history::OK, "upper case hex is hex: {diff}");

    let (code, message) = history_cli(&file, Some(&other_commit), false);
    assert_ne!(code, history::OK, "{message}");
    assert!(message.contains("not in this plan's history"), "{message}");
    let (code, message) = history_cli(&file, Some("--end-of-options"), false);
    assert_ne!(code, history::OK, "{message}");
    assert!(
        message.contains("hex"),
        "says what a commit looks like: {message}"
    );
}

/// `.git/config` and `.gitattributes` (and `.git/info/attributes`) that run a script from
/// every setting git has that runs one while reading: none may run.
fn hostile_repository() -> Sandbox {
    let sandbox = Sandbox::new();
    sandbox.commit(
        PLAN,
        &plan_text("2027-02-01", Some("2026-02-01")),
        "S117-9042: review 01 Feb 2026",
    );
    sandbox.commit(
        PLAN,
        &plan_text("2027-03-01", Some("2026-02-01")),
        "S117-9042: next due 01 Mar 2027",
    );
    sandbox.commit(
        ".gitattributes",
        "*.yaml diff=hostile filter=hostile\n",
        "Attributes from a colleague",
    );
    sandbox.commit("notes.yaml", "kept: here\n", "Notes");
    // Attributes no setting switches off, naming a driver `-c` could not name.
    fs::write(
        sandbox.repo().join(".git/info/attributes"),
        "plans/*.yaml diff=hostile filter=odd=name\n",
    )
    .unwrap();
    let odd = sandbox.hostile_script("clean-odd");
    sandbox.git(&["config", "filter.odd=name.clean", &odd]);
    let settings = [
        ("core.fsmonitor", "fsmonitor"),
        ("diff.hostile.textconv", "textconv"),
        ("diff.hostile.command", "diff-command"),
        ("diff.external", "external-diff"),
        ("filter.hostile.clean", "clean"),
        ("filter.hostile.smudge", "smudge"),
        ("filter.hostile.process", "filter-process"),
        ("core.pager", "pager"),
        ("pager.log", "pager-log"),
        ("pager.show", "pager-show"),
        ("gpg.program", "gpg"),
    ];
    for (key, mark) in settings {
        let script = sandbox.hostile_script(mark);
        sandbox.git(&["config", key, &script]);
    }
    sandbox.git(&["config", "log.showSignature", "true"]);
    sandbox.git(&["config", "color.ui", "always"]);
    // Same size, new time: git status must read the file (and would clean it) to know.
    let file = sandbox.repo().join(PLAN);
    fs::write(&file, plan_text("2027-04-01", Some("2026-02-01"))).unwrap();
    fs::write(sandbox.repo().join("notes.yaml"), "kept: HERE\n").unwrap();
    assert!(sandbox.marks().is_empty(), "{:?}", sandbox.marks());
    sandbox
}

#[test]
fn viewing_history_and_status_runs_nothing_from_the_repository() {
    let sandbox = hostile_repository();
    let file = sandbox.repo().join(PLAN);

    let repo = Repo::find(&sandbox.repo().join("plans")).unwrap();
    let changed = repo.uncommitted().unwrap();
    let top = fs::canonicalize(sandbox.repo()).unwrap();
    assert!(
        changed
            .iter()
            .any(|path| fs::canonicalize(path).unwrap() == top.join(PLAN)),
        "the modified plan is still seen: {changed:?}"
    );
    assert_eq!(sandbox.marks(), Vec::<String>::new(), "git status");

    let commits = repo.log(&file).unwrap();
    assert_eq!(commits.len(), 2);
    let diff = repo.show(&commits[0]).unwrap();
    assert!(diff.contains("+  next_due: 2027-03-01"), "{diff}");
    assert!(is_inert(&diff), "no colour asked of git: {diff:?}");
    let recorded = repo.commit_recording(&file, "2026-02-01").unwrap().unwrap();
    let since = repo.diff_since(&recorded, &file).unwrap();
    assert!(since.contains("+  next_due: 2027-04-01"), "{since}");
    assert!(repo.is_tracked(&file).unwrap());
    assert_eq!(sandbox.marks(), Vec::<String>::new(), "reading the history");

    let (code, listing) = history_cli(&file, None, false);
    assert_eq!(code, history::OK, "{listing}");
    let (code, shown) = history_cli(&file, Some(&commits[1].hash[..10]), false);
    assert_eq!(code, history::OK, "{shown}");
    assert!(shown.contains("+  next_due: 2027-02-01"), "{shown}");
    let (code, since) = history_cli(&file, None, true);
    assert_eq!(code, history::OK, "{since}");
    assert!(since.contains("+  next_due: 2027-04-01"), "{since}");
    assert_eq!(sandbox.marks(), Vec::<String>::new(), "aftercare history");
}

#[test]
fn the_machines_system_config_is_not_read() {
    let sandbox = Sandbox::new();
    sandbox.commit(PLAN, &plan_text("2026-06-01", None), "S117-9042: new plan");
    let system = sandbox.path("system-gitconfig");
    fs::write(&system, "[diff]\n\tnoprefix = true\n").unwrap();
    let commit = hashes(&sandbox, PLAN).remove(0);
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .args(["history", PLAN, "--show", &commit])
        .current_dir(sandbox.repo())
        .env("HOME", sandbox.path("home"))
        .env("XDG_CONFIG_HOME", sandbox.path("home"))
        .env("GIT_CONFIG_SYSTEM", &system)
        .env_remove("GIT_CONFIG_NOSYSTEM")
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{shown}");
    assert!(
        shown.contains("+++ b/plans/s117-9042.yaml"),
        "the system config's diff.noprefix was read: {shown}"
    );
}

/// The pid a hook wrote, killed when dropped (so a failing test leaves no sleeper behind).
struct Sleeper(PathBuf);

impl Drop for Sleeper {
    fn drop(&mut self) {
        if let Ok(pid) = fs::read_to_string(&self.0) {
            let _ = Command::new("kill").arg("--").arg(pid.trim()).status();
        }
    }
}

#[test]
fn a_hook_that_leaves_a_job_running_does_not_hold_up_the_commit() {
    let sandbox = Sandbox::new();
    sandbox.commit(PLAN, &plan_text("2026-06-01", None), "S117-9042: new plan");
    sandbox.git(&["config", "user.name", "A. Tester"]);
    sandbox.git(&["config", "user.email", "tester@example.invalid"]);
    sandbox.git(&["config", "commit.gpgsign", "false"]);
    let pid_file = sandbox.path("sleeper.pid");
    let _sleeper = Sleeper(pid_file.clone());
    let hook = sandbox.repo().join(".git/hooks/post-commit");
    fs::write(
        &hook,
        format!(
            "#!/bin/sh\necho 'post-commit hook ran'\nsleep 100000 &\necho $! > '{}'\n",
            pid_file.display()
        ),
    )
    .unwrap();
    make_executable(&hook);
    let file = sandbox.repo().join(PLAN);
    fs::write(&file, plan_text("2026-07-01", None)).unwrap();

    let repo = Repo::find(&sandbox.repo()).unwrap();
    let (sender, receiver) = mpsc::channel();
    let committing = file.clone();
    std::thread::spawn(move || {
        let _ = sender.send(repo.commit_file(&committing, "S117-9042: next due 01 Jul 2026"));
    });
    // A guard so the test cannot hang, not a speed target: git's own timeout is far shorter.
    let result = receiver
        .recv_timeout(Duration::from_secs(30))
        .expect("commit_file returned while the hook's job still runs");
    result.unwrap();
    assert!(pid_file.exists(), "the hook ran (hooks are the user's)");
    assert_eq!(
        sandbox.git(&["log", "-1", "--format=%s"]).trim(),
        "S117-9042: next due 01 Jul 2026"
    );
}

#[test]
fn plans_with_non_ascii_spaces_or_line_breaks_in_their_names_have_a_history() {
    for name in [
        "plans/zoë.yaml",
        "plans/two words.yaml",
        "plans/two\nlines.yaml",
    ] {
        let sandbox = Sandbox::new();
        sandbox.commit(name, &plan_text("2026-06-01", None), "A new plan");
        sandbox.commit(
            name,
            &plan_text("2026-07-01", Some("2026-05-01")),
            "Reviewed",
        );
        let file = sandbox.repo().join(name);
        let repo = Repo::find(&sandbox.repo()).unwrap();
        let commits = repo.log(&file).unwrap();
        assert_eq!(commits.len(), 2, "{name:?}: {commits:#?}");
        assert!(
            commits.iter().all(|commit| commit.path == name),
            "{commits:#?}"
        );

        let (code, listing) = history_cli(&file, None, false);
        assert_eq!(code, history::OK, "{listing}");
        assert_eq!(listing.lines().count(), 2, "{listing}");
        assert!(!listing.contains("(as "), "no rename: {listing}");
        let oldest = &commits[1].hash;
        let (code, shown) = history_cli(&file, Some(&oldest[..12]), false);
        assert_eq!(code, history::OK, "{shown}");
        assert!(
            shown.contains("+  next_due: 2026-06-01"),
            "{name:?}: {shown}"
        );
        let (code, since) = history_cli(&file, None, true);
        assert_eq!(code, history::OK, "{since}");
        assert!(since.contains("no changes since that review"), "{since}");

        fs::write(&file, plan_text("2026-08-01", None)).unwrap();
        let changed = repo.uncommitted().unwrap();
        let top = fs::canonicalize(sandbox.repo()).unwrap();
        assert!(
            changed
                .iter()
                .any(|path| fs::canonicalize(path).unwrap() == top.join(name)),
            "{changed:?}"
        );
    }
}

#[test]
fn history_prints_escapes_from_subjects_authors_and_diffs_inert() {
    let sandbox = Sandbox::new();
    sandbox.commit(PLAN, &plan_text("2026-06-01", None), "S117-9042: new plan");
    let text = plan_text("2026-07-01", Some("2026-05-01")) + "# \u{1b}[2J cleared\n";
    fs::write(sandbox.repo().join(PLAN), text).unwrap();
    sandbox.git(&["add", "--", PLAN]);
    sandbox.git(&[
        "-c",
        "user.name=Mallory \u{1b}]52;c;SGVsbG8=\u{7}",
        "commit",
        "-q",
        "-m",
        "review \u{1b}]52;c;SGVsbG8=\u{7} and \u{1b}[2J done",
    ]);
    fs::write(
        sandbox.repo().join(PLAN),
        plan_text("2026-08-01", Some("2026-05-01")),
    )
    .unwrap();
    let file = sandbox.repo().join(PLAN);
    let newest = hashes(&sandbox, PLAN).remove(0);

    let (code, listing) = history_cli(&file, None, false);
    assert_eq!(code, history::OK, "{listing}");
    assert!(is_inert(&listing), "{listing:?}");
    assert!(listing.contains("review \u{241b}]52;c;SGVsbG8=\u{2407} and \u{241b}[2J done"));
    assert!(listing.contains("Mallory \u{241b}]52;"), "{listing}");
    assert_eq!(listing.lines().count(), 2, "{listing}");

    let (code, shown) = history_cli(&file, Some(&newest), false);
    assert_eq!(code, history::OK, "{shown}");
    assert!(is_inert(&shown), "{shown:?}");
    assert!(shown.contains("+# \u{241b}[2J cleared"), "{shown}");

    let (code, since) = history_cli(&file, None, true);
    assert_eq!(code, history::OK, "{since}");
    assert!(is_inert(&since), "{since:?}");
    assert!(since.contains("-# \u{241b}[2J cleared"), "{since}");
    assert!(since.starts_with("since "), "{since}");
}
