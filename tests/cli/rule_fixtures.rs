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
    for rule in (2..=13).chain(20..=23) {
        assert!(seen_rules.contains(&rule), "no fixture for rule {rule}");
    }
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
        "tests/fixtures/rules-duplicate-id/s117-9100-a.yaml:3:5: error: id S117-9100 is also used by tests/fixtures/rules-duplicate-id/s117-9100-b.yaml; each plan needs its own id\n\
         tests/fixtures/rules-duplicate-id/s117-9100-b.yaml:3:5: error: id S117-9100 is also used by tests/fixtures/rules-duplicate-id/s117-9100-a.yaml; each plan needs its own id\n\
         2 plans, 2 errors, 0 warnings\n"
    );
}
