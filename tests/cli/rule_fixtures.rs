//! Each fixture in tests/fixtures/rules breaks one rule and says, on its first line, the
//! finding it must produce; `expected.txt` holds the exact `check` output for the folder.

use std::fs;
use std::path::Path;
use std::process::Command;

use aftercare::plan::assess::assess_plan_text;
use aftercare::plan::finding::{Check, Location, Severity};
use aftercare::plan::rules::RuleSettings;
use chrono::NaiveDate;

fn settings() -> RuleSettings {
    RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

/// `# expect: <error|warning> <LINE>:<COL> rule <N>: <what>`
fn expectation(text: &str) -> (Severity, Location, u8) {
    let line = text.lines().next().unwrap();
    let rest = line
        .strip_prefix("# expect: ")
        .expect("first line is an expect comment");
    let mut words = rest.split_whitespace();
    let severity = match words.next().unwrap() {
        "error" => Severity::Error,
        "warning" => Severity::Warning,
        other => panic!("unknown severity {other}"),
    };
    let (line, column) = words.next().unwrap().split_once(':').unwrap();
    assert_eq!(words.next(), Some("rule"));
    let rule = words.next().unwrap().trim_end_matches(':').parse().unwrap();
    let location = Location {
        line: line.parse().unwrap(),
        column: column.parse().unwrap(),
    };
    (severity, location, rule)
}

#[test]
fn every_fixture_produces_exactly_its_finding() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules");
    let mut seen_rules = std::collections::BTreeSet::new();
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "yaml") {
            continue;
        }
        count += 1;
        let text = fs::read_to_string(&path).unwrap();
        let (severity, location, rule) = expectation(&text);
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let assessed = assess_plan_text(&text, &name, &settings());
        assert_eq!(
            assessed.findings.len(),
            1,
            "{name}: {:#?}",
            assessed.findings
        );
        let finding = &assessed.findings[0];
        assert_eq!(finding.severity, severity, "{name}: {}", finding.message);
        assert_eq!(finding.location, location, "{name}: {}", finding.message);
        let expected_check = match rule {
            0 => vec![Check::Format, Check::File],
            n => vec![Check::Rule(n)],
        };
        assert!(
            expected_check.contains(&finding.check),
            "{name}: {:?}",
            finding.check
        );
        seen_rules.insert(rule);
    }
    assert!(count >= 40, "only {count} fixtures");
    for rule in (2..=13).chain([20, 22]).chain(23..=27) {
        assert!(seen_rules.contains(&rule), "no fixture for rule {rule}");
    }
}

/// The sound counterparts of the rules of the entitlement over time (format v1.1): a plan
/// re-detained with its earlier episode and ending in `history`, a planned ending, and an
/// ended plan with an informal and an s2 admission recorded as events. None gets a finding.
#[test]
fn sound_plans_over_time_get_no_finding() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules-sound");
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "yaml") {
            continue;
        }
        count += 1;
        let text = fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let assessed = assess_plan_text(&text, &name, &settings());
        assert!(assessed.plan.is_some(), "{name} reads as a plan");
        assert_eq!(assessed.findings, Vec::new(), "{name}");
    }
    assert!(count >= 3, "only {count} sound plans");
}

#[test]
fn check_output_over_the_fixtures_is_exactly_as_recorded() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .current_dir(root)
        .args(["check", "tests/fixtures/rules", "--today", "2026-11-28"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let actual = String::from_utf8(output.stdout).unwrap();
    let expected = fs::read_to_string(root.join("tests/fixtures/rules/expected.txt")).unwrap();
    assert_eq!(
        actual, expected,
        "to accept a change: aftercare check tests/fixtures/rules --today 2026-11-28 > tests/fixtures/rules/expected.txt, then review the diff"
    );
}

#[test]
fn duplicate_ids_flag_both_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .current_dir(root)
        .args([
            "check",
            "tests/fixtures/rules-duplicate-id",
            "--today",
            "2026-11-28",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    assert_eq!(
        text,
        "tests/fixtures/rules-duplicate-id/s117-9100-a.yaml:3:5: error: id S117-9100 is also used by tests/fixtures/rules-duplicate-id/s117-9100-b.yaml; each plan needs its own id (plan-format.md rule 1): give one of them the next free id\n\
         tests/fixtures/rules-duplicate-id/s117-9100-b.yaml:3:5: error: id S117-9100 is also used by tests/fixtures/rules-duplicate-id/s117-9100-a.yaml; each plan needs its own id (plan-format.md rule 1): give one of them the next free id\n\
         2 plans, 2 errors, 0 warnings\n"
    );
}

/// Each plan in tests/fixtures/rules-sound is the sound counterpart of a rule of format v1.1
/// (a well-reasoned joint ending, 37/41 on conditional discharge, an LA/LA dispute with its
/// parties, a Welsh plan...): none gets a finding.
#[test]
fn every_sound_counterpart_gets_no_finding() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules-sound");
    let mut count = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|ext| ext != "yaml") {
            continue;
        }
        count += 1;
        let text = fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let assessed = assess_plan_text(&text, &name, &settings());
        assert!(assessed.plan.is_some(), "{name}");
        assert_eq!(assessed.findings, vec![], "{name}");
    }
    assert!(count >= 9, "only {count} sound fixtures");
}

#[test]
fn two_live_plans_with_one_nhs_number_are_both_warned_and_an_ended_one_is_not() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .current_dir(root)
        .args([
            "check",
            "tests/fixtures/rules-shared-nhs",
            "--today",
            "2026-11-28",
        ])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 3, "{text}");
    assert!(
        lines[0].starts_with("tests/fixtures/rules-shared-nhs/s117-9201-live.yaml:3:5: warning: this plan's NHS number is also on the live plan tests/fixtures/rules-shared-nhs/s117-9202-live.yaml"),
        "{text}"
    );
    assert!(
        lines[1].starts_with("tests/fixtures/rules-shared-nhs/s117-9202-live.yaml:3:5: warning: this plan's NHS number is also on the live plan tests/fixtures/rules-shared-nhs/s117-9201-live.yaml"),
        "{text}"
    );
    assert!(
        !text.contains("999"),
        "the number itself is not repeated: {text}"
    );
    assert_eq!(lines[2], "3 plans, 0 errors, 2 warnings");
}
