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

/// `aftercare set PATH VALUE` on a copy of `tests/fixtures/edit/money.yaml`: what it printed
/// (the diff, then `wrote`), and the file's lines it removed and added.
fn set_money(path: &str, value: &str) -> (String, Vec<String>, Vec<String>) {
    let (out, before, after) = set_on("money.yaml", &[path, value]);
    let (removed, added) = common::changed_lines(&before, &after);
    (out, removed, added)
}

/// `aftercare set ARGS` on a copy of a fixture of `tests/fixtures/edit`: what it printed, and
/// the file before and after.
fn set_on(fixture: &str, args: &[&str]) -> (String, String, String) {
    let source = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/edit")
        .join(fixture);
    let before = std::fs::read_to_string(&source).unwrap();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(fixture), &before).unwrap();
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .current_dir(dir.path())
        .args(["set", "--dir", ".", fixture])
        .args(args)
        .args(["--config", "/nonexistent/aftercare/config.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{args:?}: {output:?}");
    let after = std::fs::read_to_string(dir.path().join(fixture)).unwrap();
    (String::from_utf8(output.stdout).unwrap(), before, after)
}

#[test]
fn set_names_a_trailing_comment_it_kept_and_drops_it_only_when_asked() {
    let (out, before, after) = set_on(
        "comments-everywhere.yaml",
        &["reviews.next_due", "2026-06-01"],
    );
    golden("set-stale-comment.txt", &out);
    assert_eq!(
        common::changed_lines(&before, &after),
        (
            vec!["  next_due: 2026-04-04    # booked".into()],
            vec!["  next_due: 2026-06-01    # booked".into()]
        ),
        "the comment is kept by default"
    );
    let (out, before, after) = set_on(
        "comments-everywhere.yaml",
        &["reviews.next_due", "2026-06-01", "--drop-comment"],
    );
    golden("set-drop-comment.txt", &out);
    assert_eq!(
        common::changed_lines(&before, &after),
        (
            vec!["  next_due: 2026-04-04    # booked".into()],
            vec!["  next_due: 2026-06-01".into()]
        ),
        "only the comment of the changed line goes"
    );
    assert!(!out.contains("may be out of date"), "{out}");
}

#[test]
fn set_edits_cost_delivery_and_top_up_with_byte_minimal_diffs() {
    // A cost's amount inside its flow map: only the amount changes (comment kept).
    let (out, removed, added) = set_money("needs.N2.cost.amount", "1512.50");
    golden("set-cost-amount.txt", &out);
    assert_eq!(
        (removed, added),
        (
            vec![
                "    cost: {amount: 1450.00, per: week, from: 2026-04-01}   # 2026/27 rate".into()
            ],
            vec!["    cost: {amount: 1512.5, per: week, from: 2026-04-01}   # 2026/27 rate".into()]
        )
    );
    // A cost's period in a block map.
    let (out, removed, added) = set_money("needs.N1.cost.per", "month");
    golden("set-cost-per.txt", &out);
    assert_eq!(
        (removed, added),
        (
            vec!["      per: year".into()],
            vec!["      per: month".into()]
        )
    );
    // The date a cost applies from, typed as at the prompt, written plain.
    let (out, removed, added) = set_money("needs.N1.cost.from", "01/04/2026");
    golden("set-cost-from.txt", &out);
    assert_eq!(
        (removed, added),
        (Vec::<String>::new(), vec!["      from: 2026-04-01".into()])
    );
    // Delivery: a new key, one line.
    let (out, removed, added) = set_money("needs.N1.delivery", "personal_health_budget");
    golden("set-delivery.txt", &out);
    assert_eq!(
        (removed, added),
        (
            Vec::<String>::new(),
            vec!["    delivery: personal_health_budget".into()]
        )
    );
    let (_, removed, added) = set_money("needs.N2.delivery", "direct_payment");
    assert_eq!(
        (removed, added),
        (
            vec!["    delivery: commissioned".into()],
            vec!["    delivery: direct_payment".into()]
        )
    );
    // A top-up's written agreement date and amount: the value alone, comments kept.
    let (out, removed, added) = set_money("needs.N2.top_up.agreed", "2026-11-20");
    golden("set-top-up-agreed.txt", &out);
    assert_eq!(
        (removed, added),
        (
            vec!["      agreed: 2024-05-10".into()],
            vec!["      agreed: 2026-11-20".into()]
        )
    );
    let (_, removed, added) = set_money("needs.N2.top_up.amount", "90");
    assert_eq!(
        (removed, added),
        (
            vec!["      amount: 85.00           # a bigger room than the one offered".into()],
            vec!["      amount: 90              # a bigger room than the one offered".into()]
        )
    );
}

#[test]
fn set_refuses_a_charge_a_top_up_off_accommodation_and_a_bad_amount() {
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edit/money.yaml");
    let before = std::fs::read_to_string(&fixture).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("money.yaml");
    std::fs::write(&file, &before).unwrap();
    for (path, value, code, said) in [
        ("needs.N1.charge", "{amount: 95, per: week}", 1, "Stennett"),
        (
            "needs.N1.top_up",
            "{amount: 5, per: week, paid_by: person, agreed: 2026-11-01}",
            1,
            "not accommodation",
        ),
        (
            "needs.N2.cost.amount",
            "12.345",
            2,
            "more than two decimal places",
        ),
        ("needs.N2.cost.per", "fortnight", 1, "is not a period"),
    ] {
        let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
            .current_dir(dir.path())
            .args(["set", "--dir", ".", "money.yaml", path, value])
            .args(["--config", "/nonexistent/aftercare/config.yaml"])
            .output()
            .unwrap();
        let err = String::from_utf8(output.stderr).unwrap();
        assert_eq!(output.status.code(), Some(code), "{path}: {err}");
        assert!(err.contains(said), "{path}: {err}");
        assert_eq!(std::fs::read_to_string(&file).unwrap(), before, "{path}");
    }
}

#[test]
fn tables_fit_the_width_given_and_cut_nothing_when_there_is_room() {
    let json: serde_json::Value = serde_json::from_str(&run(&[
        "due", "plans", "--within", "1y", "--format", "json",
    ]))
    .unwrap();
    let wide = run(&["due", "plans", "--within", "1y", "--width", "200"]);
    assert!(wide.lines().all(|l| l.chars().count() <= 200), "{wide}");
    for row in json.as_array().unwrap() {
        let coordinator = row["care_coordinator"].as_str().unwrap();
        assert!(
            wide.contains(coordinator),
            "{coordinator} cut at 200: {wide}"
        );
    }
    for width in [60, 80, 100] {
        let given = width.to_string();
        for args in [
            &["due", "plans", "--within", "1y", "--width", &given][..],
            &["summary", "plans", "--width", &given],
        ] {
            let text = run(args);
            let longest = text.lines().map(|l| l.chars().count()).max().unwrap();
            assert!(longest <= width, "{args:?}: a line of {longest}:\n{text}");
        }
    }
}
