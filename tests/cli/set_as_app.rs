//! `aftercare set` says what the app says for the same change, from the same code: the
//! warnings of a date field (a next review in the past, more than 12 months away) and the
//! refusal of a change that adds an error. The binary is run on a temporary copy of the
//! samples; the app is driven with key scripts on another copy.

use std::process::Command;

use aftercare::plan::rules::RuleSettings;
use aftercare::store::edit::{Edit, EditPath};
use aftercare::store::pending::{added_error_refusal, preview_edits};
use aftercare::store::write::Loaded;
use aftercare::tui::form::{DateRule, read_date};
use aftercare::tui::keyscript::press;
use chrono::Local;

use crate::common::{Samples, screen};

const BINARY: &str = env!("CARGO_BIN_EXE_aftercare");
const PLAN: &str = "north/s117-0042.yaml";

/// `aftercare set PLAN FIELD VALUE [--dry-run]` on the copy: exit code, stdout, stderr.
fn set(samples: &Samples, field: &str, value: &str, dry_run: bool) -> (i32, String, String) {
    let mut command = Command::new(BINARY);
    command
        .arg("set")
        .arg(samples.path(PLAN))
        .args([field, value, "--dir"])
        .arg(samples.root())
        .env("NO_COLOR", "1")
        .env_remove("AFTERCARE_CONFIG");
    if dry_run {
        command.arg("--dry-run");
    }
    let output = command.output().unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// The next-review prompt of the app, with `date` typed in: the screen it shows.
fn app_prompt_for_next_review(date: &str) -> String {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, &format!("/0042<ret><ret>kd{date}"));
    flowed(&screen(&app))
}

/// A screen's text as one line: borders gone, lines joined, runs of spaces as one, so a
/// sentence the app wraps reads as it was said.
fn flowed(screen: &str) -> String {
    let borders: &[char] = &['│', '┃', '┌', '┐', '└', '┘', '"'];
    let joined = screen
        .lines()
        .map(|line| line.trim_matches(|c: char| borders.contains(&c) || c.is_whitespace()))
        .collect::<Vec<_>>()
        .join(" ");
    joined.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn a_past_next_review_is_warned_of_in_the_apps_words() {
    let samples = Samples::new();
    let (code, out, err) = set(&samples, "reviews.next_due", "01/01/2020", true);
    assert_eq!(code, 0, "{out}{err}");
    let warnings = read_date(
        "01/01/2020",
        DateRule::NextReview,
        Local::now().date_naive(),
    )
    .warnings;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let app = app_prompt_for_next_review("01/01/2020");
    for warning in &warnings {
        assert!(app.contains(warning.as_str()), "the app says it:\n{app}");
        assert!(
            out.contains(&format!("warning: reviews.next_due: {warning}")),
            "set says it as the app does:\n{out}"
        );
    }
    assert!(out.contains("dry run"), "{out}");
    assert_eq!(samples.read(PLAN), Samples::original(PLAN));
}

#[test]
fn a_next_review_over_a_year_away_is_warned_of_in_the_apps_words() {
    let samples = Samples::new();
    let (code, out, err) = set(&samples, "reviews.next_due", "+18m", false);
    assert_eq!(code, 0, "{out}{err}");
    let warnings = read_date("+18m", DateRule::NextReview, Local::now().date_naive()).warnings;
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let app = app_prompt_for_next_review("+18m");
    for warning in &warnings {
        assert!(app.contains(warning.as_str()), "the app says it:\n{app}");
        assert!(
            out.contains(&format!("warning: reviews.next_due: {warning}")),
            "{out}"
        );
    }
    assert!(out.contains("wrote"), "a warning does not refuse: {out}");
}

#[test]
fn a_change_that_adds_an_error_is_refused_in_the_apps_words() {
    let samples = Samples::new();
    // N2 joint with the ICB paying it all: rule 5 wants both shares non-zero.
    let (code, out, err) = set(&samples, "needs.N2.funding", "{icb: 100, la: 0}", false);
    assert_eq!(code, 1, "{out}{err}");
    assert_eq!(samples.read(PLAN), Samples::original(PLAN));
    // The words the app's write refuses with, made by the gate from the same change.
    let loaded = Loaded::read(&samples.path(PLAN)).unwrap();
    let edit = Edit::Set {
        path: EditPath::parse("needs.N2.funding").unwrap(),
        value: serde_yaml::from_str("{icb: 100, la: 0}").unwrap(),
    };
    let settings = RuleSettings::new(Local::now().date_naive());
    let preview = preview_edits(&loaded, &[edit], &settings).unwrap();
    let refusal = added_error_refusal(&preview.new_errors).unwrap();
    assert!(
        refusal.starts_with("refused, nothing was written: the changes would add an error ("),
        "{refusal}"
    );
    assert!(
        err.contains(&refusal),
        "set refuses as the app does:\n{err}"
    );
    // The app shows the same error in its prompt and will not queue the change.
    let app_samples = Samples::new();
    let mut app = app_samples.app();
    press(&mut app, "/0042<ret><ret><tab><tab>c<tab><C-u>100");
    let shown = flowed(&screen(&app));
    assert!(shown.contains("ERROR"), "{shown}");
    let message = &preview.findings.errors[0].message;
    let start: String = message.chars().take(30).collect();
    assert!(
        shown.contains(&start),
        "the app names the same error:\n{shown}"
    );
}
