//! `aftercare due` over the sample plans with a fixed date.

use std::process::Command;

fn due(args: &[&str]) -> (Option<i32>, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .arg("due")
        .args(args)
        .args(["--today", "2026-11-28"])
        .output()
        .unwrap();
    (
        output.status.code(),
        String::from_utf8(output.stdout).unwrap(),
    )
}

#[test]
fn table_lists_overdue_first_then_by_date() {
    let (code, text) = due(&["plans"]);
    assert_eq!(code, Some(0));
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("Due "), "{text}");
    assert!(
        lines[1].contains("S117-0104") && lines[1].contains("44 days overdue"),
        "{text}"
    );
    assert!(
        lines[2].contains("S117-0042") && lines[2].contains("in 12 days"),
        "{text}"
    );
    assert!(
        lines[3].contains("S117-0126") && lines[3].contains("N2 "),
        "need review dates too: {text}"
    );
    assert_eq!(lines.last(), Some(&"3 reviews, 1 overdue"));
}

#[test]
fn filters_narrow_the_list() {
    let (_, text) = due(&["plans", "--overdue"]);
    assert_eq!(text.lines().count(), 3, "{text}");
    let (_, text) = due(&["plans", "--within", "1y", "--la", "camden"]);
    assert!(
        text.lines().skip(1).all(|line| !line.contains("S117-0104")),
        "{text}"
    );
    assert!(text.contains("S117-0088"), "{text}");
    let (_, text) = due(&["plans", "--within", "1y", "--coordinator", "nobody such"]);
    assert_eq!(text.lines().last(), Some("0 reviews, 0 overdue"));
}

#[test]
fn csv_opens_in_a_spreadsheet() {
    let (_, text) = due(&["plans", "--format", "csv"]);
    assert!(
        text.starts_with('\u{feff}'),
        "byte-order mark for spreadsheets"
    );
    let lines: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").collect();
    assert_eq!(
        lines[0],
        "due,days,state,plan_id,initials,review,icb,local_authority,care_coordinator,file"
    );
    assert!(
        lines[1].starts_with("2026-10-15,-44,overdue,S117-0104,"),
        "{}",
        lines[1]
    );
    assert_eq!(
        lines.len(),
        5,
        "3 rows, header and the empty tail: {lines:?}"
    );
}

#[test]
fn json_is_an_array_of_rows() {
    let (_, text) = due(&["plans", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(rows.as_array().unwrap().len(), 3);
    assert_eq!(rows[0]["due"], "2026-10-15");
    assert_eq!(rows[0]["state"], "overdue");
}

#[test]
fn a_bad_period_is_a_usage_error() {
    let (code, _) = due(&["plans", "--within", "soon"]);
    assert_eq!(code, Some(2));
}

/// `next_due: 2207-01-01` (a typo for 2027) would never fall within any `--within`: such a
/// date is listed anyway, marked to be checked, so the plan does not drop out of the list.
#[test]
fn a_date_more_than_10_years_away_stays_listed_to_be_checked() {
    let dir = tempfile::tempdir().unwrap();
    let plan = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/north/s117-0042.yaml"),
    )
    .unwrap()
    .replace("next_due: \"2026-12-10\"", "next_due: \"2207-01-01\"");
    std::fs::write(dir.path().join("typo.yaml"), plan).unwrap();
    let folder = dir.path().to_str().unwrap();
    for args in [
        vec![folder],
        vec![folder, "--within", "1y"],
        vec![folder, "--overdue"],
    ] {
        let (code, text) = due(&args);
        assert_eq!(code, Some(0), "{text}");
        assert!(
            text.contains("01 Jan 2207  check the date: a typo?"),
            "{args:?}: {text}"
        );
        assert!(text.contains("S117-0042"), "{args:?}: {text}");
    }
    let (_, text) = due(&[folder, "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(rows[0]["due"], "2207-01-01", "{text}");
    assert_eq!(rows[0]["state"], "check date", "{text}");
}
