//! Helpers for the editing key-script tests: a temporary copy of the sample plans (tests
//! never write into `plans/`), an app on it at 80x24 with today fixed, and golden files.

#![allow(dead_code)]

use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use aftercare::plan::rules::RuleSettings;
use aftercare::tui::app::App;
use aftercare::tui::keyscript::send;
use aftercare::tui::msg::Msg;
use aftercare::tui::runtime::loader::load_blocking;
use aftercare::tui::theme::Theme;
use aftercare::tui::views::draw_to_text;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

pub fn settings() -> RuleSettings {
    RuleSettings::new(today())
}

/// A copy of the sample plans in a temporary folder.
pub struct Samples {
    pub dir: tempfile::TempDir,
}

impl Samples {
    pub fn new() -> Samples {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("plans"),
            &dir.path().join("plans"),
        );
        Samples { dir }
    }

    pub fn root(&self) -> PathBuf {
        self.dir.path().join("plans")
    }

    pub fn path(&self, relative: &str) -> PathBuf {
        self.root().join(relative)
    }

    pub fn read(&self, relative: &str) -> String {
        fs::read_to_string(self.path(relative)).unwrap()
    }

    /// The same file as shipped in `plans/`.
    pub fn original(relative: &str) -> String {
        fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("plans")
                .join(relative),
        )
        .unwrap()
    }

    /// The app on this copy with files named as if opened from the repository (`plans/...`),
    /// so what screens show does not depend on the temporary folder's name.
    pub fn app_named_plans(&self) -> App {
        let mut app = self.app();
        // Asked before the folder is renamed, so git is asked about this copy (not in a
        // repository), never about the real `plans/` of this repository.
        let git = aftercare::tui::runtime::git_status::check(&self.root());
        send(&mut app, Msg::GitChecked(git));
        let prefix = self.dir.path().display().to_string() + "/";
        for file in &mut app.folder.files {
            file.display = file.display.replace(&prefix, "");
        }
        app.folder.path = app.folder.path.replace(&prefix, "");
        app
    }

    /// The app on this copy, loaded, at 80x24.
    pub fn app(&self) -> App {
        let root = self.root();
        let mut app = App::new(root.display().to_string(), settings(), Theme::ansi16());
        for action in load_blocking(&root, settings()) {
            send(&mut app, action);
        }
        send(
            &mut app,
            Msg::Resize {
                width: 80,
                height: 24,
            },
        );
        app
    }
}

fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), target).unwrap();
        }
    }
}

pub fn screen(app: &App) -> String {
    draw_to_text(app, app.ui.width, app.ui.height)
}

/// Compare with `tests/golden/tui/<name>`; `UPDATE_GOLDEN=1` writes it instead (review the
/// result and commit it).
pub fn golden(name: &str, actual: &str) {
    golden_in("tui", name, actual);
}

/// `golden` for `tests/golden/<folder>/<name>`.
pub fn golden_in(folder: &str, name: &str, actual: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(folder)
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, actual).unwrap();
        return;
    }
    let expected = fs::read_to_string(&path).unwrap_or_else(|_| {
        panic!(
            "no golden file {}: run with UPDATE_GOLDEN=1, review it, commit it",
            path.display()
        )
    });
    assert!(
        actual == expected,
        "{name} differs from its golden file:\n{}",
        aftercare::store::diff::unified_diff(name, &expected, actual)
    );
}

/// The lines removed and added between two texts (changed lines only, in order).
pub fn changed_lines(old: &str, new: &str) -> (Vec<String>, Vec<String>) {
    let diff = aftercare::store::diff::unified_diff("f", old, new);
    let mut removed = Vec::new();
    let mut added = Vec::new();
    for line in diff.lines().skip(3) {
        if let Some(line) = line.strip_prefix('-') {
            removed.push(line.to_owned());
        } else if let Some(line) = line.strip_prefix('+') {
            added.push(line.to_owned());
        }
    }
    (removed, added)
}

/// Run git in `dir` (C locale); panics with git's words when it fails.
pub fn git(dir: &Path, args: &[&str]) -> String {
    let output = std::process::Command::new("git")
        .args(args)
        .current_dir(dir)
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

/// A small fictional plan for the git tests; `review` adds a review on that date.
pub fn plan_text(next_due: &str, review: Option<&str>) -> String {
    let history = match review {
        Some(date) => format!("  history:\n    - date: {date}\n      outcome: continue\n"),
        None => String::new(),
    };
    format!(
        "schema: aftercare/v1\nid: S117-9042\nperson:\n  initials: T.E.\nepisode:\n  section: \"3\"\n  left_hospital: 2026-01-05\n\
         responsible:\n  icb: NHS Test ICB\n  local_authority: Test Borough\nneeds: []\nreviews:\n  next_due: {next_due}\n{history}"
    )
}

/// A fictional plan without findings (as of 2026-11-28), S117-9001, for the command-line tests.
pub const GOOD_PLAN: &str = "\
schema: aftercare/v1
id: S117-9001
person:
  initials: A.B.
episode:
  section: \"3\"
  detained: 2026-01-02
  left_hospital: 2026-02-01
  legal_status: none
responsible:
  icb: NHS Test ICB
  local_authority: Test Borough
needs:
  - id: N1
    need: Depot clinic
    category: health
    funding: {icb: 100}
    status: active
reviews:
  next_due: 2027-02-15
  history:
    - date: 2026-03-01
";
