//! `aftercare due` and `aftercare summary` over the sample plans with today fixed at
//! 28 Nov 2026, compared byte for byte with `tests/golden/cli/`. `UPDATE_GOLDEN=1` writes the
//! files instead: review the result and commit it.

use std::process::Command;

use crate::common;

fn run(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(args)
        .args(["--today", "2026-11-28"])
        // Defaults only: a developer's own config must not change the output.
        .args(["--config", "/nonexistent/aftercare/config.yaml"])
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn golden(name: &str, actual: &str) {
    common::golden_in("cli", name, actual);
}

#[test]
fn due_within_a_year_as_a_table_csv_and_json() {
    golden("due-1y.txt", &run(&["due", "plans", "--within", "1y"]));
    golden(
        "due-1y.csv",
        &run(&["due", "plans", "--within", "1y", "--format", "csv"]),
    );
    golden(
        "due-1y.json",
        &run(&["due", "plans", "--within", "1y", "--format", "json"]),
    );
}

#[test]
fn due_with_filters_and_the_meeting_policy() {
    golden("due-default.txt", &run(&["due", "plans"]));
    golden("due-overdue.txt", &run(&["due", "plans", "--overdue"]));
    golden(
        "due-camden-1y.txt",
        &run(&["due", "plans", "--within", "1y", "--la", "camden"]),
    );
    let meeting = run(&["due", "plans", "--within", "1y", "--meeting"]);
    golden("due-1y-meeting.txt", &meeting);
    for identifier in ["Adebayo", "999 861 8959", "1991-07-23"] {
        assert!(!meeting.contains(identifier), "{identifier}: {meeting}");
    }
}

#[test]
fn summary_by_icb_and_local_authority() {
    golden("summary.txt", &run(&["summary", "plans"]));
    golden(
        "summary.json",
        &run(&["summary", "plans", "--format", "json"]),
    );
    golden(
        "summary.csv",
        &run(&["summary", "plans", "--format", "csv"]),
    );
}
