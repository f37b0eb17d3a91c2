//! The command line's contract, run as a user runs it: the folder before a subcommand is the
//! folder it works on (never a silent `./plans`), exit codes agree across commands (0 fine,
//! 1 refused or findings, 2 usage or unreadable folder), a mistyped subcommand is named, and
//! errors go to stderr while reports stay clean on stdout.
//!
//! Every run has a temporary current folder (whose `./plans` is fine) and a temporary HOME, so
//! no user config is read.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use crate::common::GOOD_PLAN as GOOD;

/// A temporary current folder holding `plans/` (one good plan, S117-9002) and `other/` (plan
/// S117-9001 and an empty file: an error), with a HOME of its own.
struct Place {
    dir: tempfile::TempDir,
}

impl Place {
    fn new() -> Place {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for folder in ["cwd/plans", "cwd/other", "home"] {
            fs::create_dir_all(root.join(folder)).unwrap();
        }
        fs::write(
            root.join("cwd/plans/s117-9002.yaml"),
            GOOD.replace("S117-9001", "S117-9002"),
        )
        .unwrap();
        fs::write(root.join("cwd/other/s117-9001.yaml"), GOOD).unwrap();
        fs::write(root.join("cwd/other/empty.yaml"), "").unwrap();
        Place { dir }
    }

    fn cwd(&self) -> PathBuf {
        self.dir.path().join("cwd")
    }

    /// `aftercare ARGS` in the current folder, with no input.
    fn run(&self, args: &[&str]) -> Output {
        self.command(args).stdin(Stdio::null()).output().unwrap()
    }

    fn command(&self, args: &[&str]) -> Command {
        let home = self.dir.path().join("home");
        let mut command = Command::new(env!("CARGO_BIN_EXE_aftercare"));
        command
            .args(args)
            .current_dir(self.cwd())
            .env("HOME", &home)
            .env("XDG_CONFIG_HOME", home.join(".config"))
            .env("NO_COLOR", "1")
            .env_remove("TERM");
        command
    }
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// The exit code, with both streams in the message when it is not `expected`.
fn assert_code(output: &Output, expected: i32, what: &str) {
    assert_eq!(
        output.status.code(),
        Some(expected),
        "{what}\nstdout:\n{}\nstderr:\n{}",
        stdout(output),
        stderr(output)
    );
}

const TODAY: &str = "--today=2026-11-28";

#[test]
fn the_folder_before_check_is_the_folder_checked() {
    let place = Place::new();
    let output = place.run(&["other", "check", TODAY]);
    assert_code(&output, 1, "a folder with an error");
    let report = stdout(&output);
    assert!(
        report.contains(&format!(
            "{}:1:1: error",
            Path::new("other").join("empty.yaml").display()
        )),
        "{report}"
    );
    assert!(
        report.ends_with("2 plans, 1 error, 0 warnings\n"),
        "{report}"
    );
    // The same folder given twice is the same folder.
    let output = place.run(&["other", "check", "other", TODAY]);
    assert_code(&output, 1, "the same folder twice");
    // ./plans itself is fine.
    assert_code(&place.run(&["check", TODAY]), 0, "./plans");
}

#[test]
fn two_different_folders_are_a_usage_error_saying_so() {
    let place = Place::new();
    let output = place.run(&["other", "check", "plans", TODAY]);
    assert_code(&output, 2, "two folders");
    let message = stderr(&output);
    assert!(message.contains("`other`"), "{message}");
    assert!(message.contains("`plans`"), "{message}");
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
    let output = place.run(&[
        "other",
        "set",
        "S117-9001",
        "reviews.next_due",
        "2027-01-01",
        "--dry-run",
        "--dir",
        "plans",
    ]);
    assert_code(&output, 2, "set with two folders");
}

#[test]
fn the_folder_before_due_summary_new_set_and_history_is_theirs() {
    let place = Place::new();
    // A folder that does not exist is not quietly replaced by ./plans.
    for command in ["due", "summary", "new"] {
        let output = place.run(&["missing", command, TODAY]);
        assert_code(&output, 2, command);
        assert!(stderr(&output).contains("missing"), "{}", stderr(&output));
    }
    let output = place.run(&["other", "summary", "--format", "json", TODAY]);
    assert_code(&output, 0, "summary of other");
    let summary: serde_json::Value = serde_json::from_str(&stdout(&output)).unwrap();
    assert!(summary.to_string().contains("NHS Test ICB"), "{summary}");
    // S117-9001 is only in `other`.
    let output = place.run(&[
        "other",
        "set",
        "S117-9001",
        "reviews.next_due",
        "2027-01-01",
        "--dry-run",
    ]);
    assert_code(&output, 0, "set in other");
    assert!(
        stdout(&output).contains("+  next_due: 2027-01-01"),
        "{}",
        stdout(&output)
    );
    // `other` is not a git repository: history finds the plan there and says git cannot help.
    let output = place.run(&["other", "history", "S117-9001"]);
    assert_code(&output, 2, "history in other");
    assert!(stderr(&output).contains("git"), "{}", stderr(&output));
}

#[test]
fn a_folder_before_a_command_that_takes_none_is_refused() {
    let place = Place::new();
    for args in [&["other", "themes"][..], &["other", "config", "path"]] {
        let output = place.run(args);
        assert_code(&output, 2, &args.join(" "));
        assert!(stderr(&output).contains("`other`"), "{}", stderr(&output));
    }
}

#[test]
fn a_mistyped_subcommand_is_named_not_opened_as_a_folder() {
    let place = Place::new();
    for (typed, meant) in [
        ("chek", "check"),
        ("summery", "summary"),
        ("histroy", "history"),
    ] {
        let output = place.run(&[typed]);
        assert_code(&output, 2, typed);
        let message = stderr(&output);
        assert!(
            message.contains(&format!("no such folder `{typed}`")),
            "{message}"
        );
        assert!(
            message.contains(&format!("did you mean `aftercare {meant}`?")),
            "{message}"
        );
    }
}

#[test]
fn exit_codes_agree_across_commands() {
    let place = Place::new();
    let cases: &[(&[&str], i32)] = &[
        (&["check", TODAY], 0),
        (&["check", "other", TODAY], 1),
        (&["check", "missing", TODAY], 2),
        (&["check", "--today", "2026-13-01"], 2),
        (&["due", TODAY], 0),
        (&["due", "missing", TODAY], 2),
        (&["due", "--within", "soon", TODAY], 2),
        (&["summary", TODAY], 0),
        (&["summary", "missing", TODAY], 2),
        (
            &[
                "set",
                "S117-9002",
                "reviews.next_due",
                "2027-01-01",
                "--dry-run",
            ],
            0,
        ),
        (
            &["set", "S117-9002", "episode.section", "2", "--dry-run"],
            1,
        ),
        (&["set", "S117-9002", "reviews.next_due", "31/02/2027"], 2),
        (&["set", "S117-0000", "reviews.next_due", "2027-01-01"], 2),
        (
            &[
                "set",
                "S117-9002",
                "reviews.next_due",
                "2027-01-01",
                "--dir",
                "missing",
            ],
            2,
        ),
        (&["history", "S117-0000"], 2),
        (&["history", "S117-0000", "--dir", "missing"], 2),
        (&["new", TODAY], 1),
        (&["new", "missing", TODAY], 2),
        (&["themes"], 0),
        (&["themes", "show", "default"], 0),
        (&["themes", "show", "no-such-theme"], 2),
        (&["config", "path"], 0),
        (&["nosuchcommand", "check"], 2),
    ];
    for (args, code) in cases {
        assert_code(&place.run(args), *code, &args.join(" "));
    }
}

#[test]
fn refusals_and_errors_go_to_stderr_reports_to_stdout() {
    let place = Place::new();
    let quiet_stdout = [
        &["set", "S117-9002", "reviews.next_due", "31/02/2027"][..],
        &["set", "S117-0000", "reviews.next_due", "2027-01-01"],
        &["history", "S117-0000"],
        &["check", "missing"],
        &["due", "missing"],
        &["summary", "missing"],
        &["themes", "show", "no-such-theme"],
    ];
    for args in quiet_stdout {
        let output = place.run(args);
        let what = args.join(" ");
        assert!(stdout(&output).is_empty(), "{what}: {}", stdout(&output));
        assert!(
            stderr(&output).starts_with("aftercare"),
            "{what}: {}",
            stderr(&output)
        );
    }
    // A refused set: the reason on stderr, nothing on stdout, the file untouched.
    let before = fs::read_to_string(place.cwd().join("plans/s117-9002.yaml")).unwrap();
    let output = place.run(&["set", "S117-9002", "episode.section", "2"]);
    assert_code(&output, 1, "refused set");
    assert!(stderr(&output).contains("refused"), "{}", stderr(&output));
    assert!(!stdout(&output).contains("refused"), "{}", stdout(&output));
    let after = fs::read_to_string(place.cwd().join("plans/s117-9002.yaml")).unwrap();
    assert_eq!(before, after);
    // `new` stopped by the end of input: its questions on stdout, the stop on stderr.
    let output = place.run(&["new", TODAY]);
    assert!(stdout(&output).contains("Plan id"), "{}", stdout(&output));
    assert!(
        stderr(&output).contains("stopped; nothing was written"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn machine_formats_stay_clean_on_stdout_when_there_is_something_to_say() {
    let place = Place::new();
    // A config with an unknown key: a warning, said on stderr only.
    let config = place.dir.path().join("config.yaml");
    fs::write(&config, "colour_scheme: loud\n").unwrap();
    let config = config.to_str().unwrap();
    for args in [
        &[
            "--config", config, "check", "other", "--format", "json", TODAY,
        ][..],
        &[
            "--config", config, "due", "other", "--format", "json", TODAY,
        ],
        &[
            "--config", config, "summary", "other", "--format", "json", TODAY,
        ],
    ] {
        let output = place.run(args);
        let what = args.join(" ");
        serde_json::from_str::<serde_json::Value>(&stdout(&output))
            .unwrap_or_else(|e| panic!("{what}: {e}\n{}", stdout(&output)));
        assert!(
            stderr(&output).contains("unknown config key `colour_scheme`"),
            "{what}: {}",
            stderr(&output)
        );
    }
    let output = place.run(&["--config", config, "due", "other", "--format", "csv", TODAY]);
    assert_code(&output, 0, "due csv");
    assert!(
        stdout(&output)
            .lines()
            .all(|line| !line.contains("colour_scheme")),
        "{}",
        stdout(&output)
    );
}

#[test]
fn a_negative_number_of_days_is_refused_with_its_range_not_taken_for_a_folder() {
    let place = Place::new();
    let output = place.run(&["check", "--due-soon-days", "-1", TODAY]);
    assert_code(&output, 2, "check --due-soon-days -1");
    let message = stderr(&output);
    assert!(!message.contains("-- -1"), "{message}");
    assert!(message.contains("0..=365"), "{message}");
    let output = place.run(&["check", "--due-soon-days", "14", TODAY]);
    assert_code(&output, 0, "check --due-soon-days 14");
}

#[test]
fn a_transposed_command_name_is_named() {
    let place = Place::new();
    let output = place.run(&["chekc"]);
    assert_code(&output, 2, "chekc");
    assert!(
        stderr(&output).contains("did you mean `aftercare check`?"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_folder_without_plan_files_is_said_and_exits_2() {
    let place = Place::new();
    let folder = place.cwd().join("etc-like");
    fs::create_dir_all(folder.join("sub")).unwrap();
    fs::write(folder.join("hosts"), "127.0.0.1 localhost\n").unwrap();
    fs::write(folder.join("sub/notes.txt"), "not a plan\n").unwrap();
    let output = place.run(&["check", "etc-like", TODAY]);
    assert_code(&output, 2, "check of a folder with no plan files");
    assert_eq!(stdout(&output), "");
    assert!(
        stderr(&output).contains("etc-like: no plan files found"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_missing_folder_is_named_as_given_without_a_hint_at_another() {
    let place = Place::new();
    for args in [
        &["check", "wards", TODAY][..],
        &["due", "wards", TODAY],
        &["summary", "wards", TODAY],
        &["wards"],
    ] {
        let output = place.run(args);
        assert_code(&output, 2, &args.join(" "));
        let message = stderr(&output);
        assert!(message.contains("wards: no such folder"), "{message}");
        assert!(!message.contains("aftercare check plans"), "{message}");
        assert!(!message.contains("`aftercare plans`"), "{message}");
    }
}

#[test]
fn a_filter_no_plan_matches_names_the_ones_there() {
    let place = Place::new();
    let output = place.run(&["due", "--icb", "Nowhere", "--within", "1y", TODAY]);
    assert_code(&output, 0, "due --icb Nowhere");
    assert!(
        stdout(&output).ends_with("0 reviews, 0 overdue\n"),
        "{}",
        stdout(&output)
    );
    let message = stderr(&output);
    assert!(
        message.contains("--icb Nowhere: no plan has it"),
        "{message}"
    );
    assert!(message.contains("the ICBs in the plans: NHS "), "{message}");
}

#[test]
fn a_bad_config_value_falls_back_alone_and_every_problem_is_said() {
    let place = Place::new();
    let config = place.dir.path().join("config.yaml");
    fs::write(
        &config,
        "plans: other\ngit: {commit: sometimes}\ndue_soon_days: -3\nascii: true\n",
    )
    .unwrap();
    let config = config.to_string_lossy().into_owned();
    // `other` holds an error: checking it (not ./plans) shows `plans:` was kept.
    let output = place.run(&["--config", &config, "check", TODAY]);
    assert_code(&output, 1, "check of the configured folder");
    assert!(stdout(&output).contains("other/"), "{}", stdout(&output));
    let message = stderr(&output);
    let problems: Vec<&str> = message.lines().collect();
    assert_eq!(problems.len(), 2, "{message}");
    assert!(
        problems[0].contains("config.yaml:3:16: due_soon_days: -3 is out of range")
            && problems[0].contains("from 0 to 365"),
        "{message}"
    );
    assert!(
        problems[1].contains("config.yaml:2:15: git.commit: ")
            && problems[1].contains("off, ask or always"),
        "{message}"
    );
}
