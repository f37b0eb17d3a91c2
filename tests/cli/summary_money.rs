//! `aftercare summary`'s money, checked against sums worked by hand: over the sample plans
//! to the penny, and on a fixture whose open dispute moves a need's whole cost to the interim
//! funder.
#![allow(
    clippy::inconsistent_digit_grouping,
    reason = "amounts are written pounds_pence: 1009_62 is GBP 1,009.62"
)]

use std::process::Command;

use serde_json::Value;

fn summary(dir: &str, extra: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["summary", dir, "--today", "2026-11-28"])
        .args(extra)
        .args(["--config", "/nonexistent/aftercare/config.yaml"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(0), "{output:?}");
    String::from_utf8(output.stdout).unwrap()
}

fn json(dir: &str) -> Value {
    serde_json::from_str(&summary(dir, &["--format", "json"])).unwrap()
}

fn pence(tally: &Value, key: &str) -> i64 {
    tally[key]
        .as_i64()
        .unwrap_or_else(|| panic!("{key}: {tally}"))
}

/// The weekly cost paid now on the samples, need by need (today 2026-11-28):
///
/// | plan | need | cost | weekly | ICB | LA |
/// |---|---|---|---|---|---|
/// | 0042 Camden | no cost recorded | | 0 | 0 | 0 |
/// | 0057 Islington | N3 50/50 | 1850.00/wk | 1850.00 | 925.00 | 925.00 |
/// | 0229 Trafford | N3 50/50, disputed, interim LA | 260.00/month | 260 × 12 / 52 = 60.00 | 0 | 60.00 |
/// | 0229 Trafford | N4 social, disputed, interim LA | 525.00/wk | 525.00 | 0 | 525.00 |
/// | 0205 Manchester | N2 70/30 | 6250.00/month | 6250 × 12 / 52 = 1442.307.. → 1442.31 | 1009.617 → 1009.61, +1p by largest remainder → 1009.62 | 432.693 → 432.69 |
/// | 0205 Manchester | N3 social | 118.00/wk | 118.00 | 0 | 118.00 |
/// | 0126 Southwark | N1 health (depot) | 1560.00/yr | 30.00 | 30.00 | 0 |
/// | 0126 Southwark | N2 social, direct payment | 312.00/month | 312 × 12 / 52 = 72.00 | 0 | 72.00 |
/// | 0126 Southwark | N4 health, health budget | 38.50/wk | 38.50 | 38.50 | 0 |
/// | 0104 Greenwich | N2 60/40 | 1925.00/wk | 1925.00 | 1155.00 | 770.00 |
/// | 0104 Greenwich | N3 social | 187.50/wk | 187.50 | 0 | 187.50 |
/// | 0315 Bristol | N1 health (depot) | 1140.00/yr | 1140 / 52 = 21.923.. → 21.92 | 21.92 | 0 |
/// | 0315 Bristol | N2 10/90 | 245.00/wk | 245.00 | 24.50 | 220.50 |
/// | 0315 Bristol | N3 social | 64.00/wk | 64.00 | 0 | 64.00 |
///
/// The top-up on 0205 N2 (95.00/wk, paid by his brother) is apart from all of these.
#[test]
fn sample_totals_match_the_hand_calculation_to_the_penny() {
    let summary = json("plans");
    assert_eq!(summary["per"], "week");
    let icb = &summary["by_icb"];
    let la = &summary["by_local_authority"];
    // Each ICB's part.
    assert_eq!(
        pence(&icb["NHS North Central London ICB"], "icb_pays_pence"),
        925_00
    );
    assert_eq!(
        pence(&icb["NHS Greater Manchester ICB"], "icb_pays_pence"),
        1009_62
    );
    assert_eq!(
        pence(&icb["NHS South East London ICB"], "icb_pays_pence"),
        30_00 + 38_50 + 1155_00
    );
    assert_eq!(
        pence(
            &icb["NHS Bristol, North Somerset and South Gloucestershire ICB"],
            "icb_pays_pence"
        ),
        21_92 + 24_50
    );
    assert_eq!(pence(&icb["NHS West Yorkshire ICB"], "icb_pays_pence"), 0);
    // Each local authority's part.
    assert_eq!(pence(&la["London Borough of Camden"], "la_pays_pence"), 0);
    assert_eq!(
        pence(&la["London Borough of Islington"], "la_pays_pence"),
        925_00
    );
    assert_eq!(
        pence(&la["Trafford Council"], "la_pays_pence"),
        60_00 + 525_00
    );
    assert_eq!(
        pence(&la["Manchester City Council"], "la_pays_pence"),
        432_69 + 118_00
    );
    assert_eq!(
        pence(&la["London Borough of Southwark"], "la_pays_pence"),
        72_00
    );
    assert_eq!(
        pence(&la["Royal Borough of Greenwich"], "la_pays_pence"),
        770_00 + 187_50
    );
    assert_eq!(
        pence(&la["Bristol City Council"], "la_pays_pence"),
        220_50 + 64_00
    );
    // The 0205 N2 split adds up to its weekly cost.
    let manchester = &la["Manchester City Council"];
    assert_eq!(
        pence(manchester, "icb_pays_pence") + pence(manchester, "la_pays_pence"),
        1442_31 + 118_00
    );
    // All: ICB 3,204.54 + LA 3,374.69 = 6,579.23 a week; nothing without a split.
    let total = &summary["total"];
    assert_eq!(pence(total, "icb_pays_pence"), 3204_54);
    assert_eq!(pence(total, "la_pays_pence"), 3374_69);
    assert_eq!(pence(total, "unassigned_pence"), 0);
    // The open dispute with costs (0229): 585.00 a week, all carried by the LA (interim funder).
    assert_eq!(pence(total, "disputed_pence"), 585_00);
    assert_eq!(pence(total, "disputed_icb_carries_pence"), 0);
    assert_eq!(pence(total, "disputed_la_carries_pence"), 585_00);
    // One top-up, one direct payment, one personal health budget.
    assert_eq!(
        (pence(total, "top_ups"), pence(total, "top_ups_pence")),
        (1, 95_00)
    );
    assert_eq!(pence(total, "direct_payments"), 1);
    assert_eq!(pence(total, "personal_health_budgets"), 1);

    let text = summary_text();
    assert!(
        text.contains("Paid now/wk: ICB £3,204.54, LA £3,374.69, together £6,579.23."),
        "{text}"
    );
    assert!(
        text.contains("Under dispute: £585.00, carried now by the ICB £0.00 and the LA £585.00."),
        "{text}"
    );
}

fn summary_text() -> String {
    summary("plans", &[])
}

#[test]
fn yearly_figures_are_converted_once_from_each_cost() {
    let summary: Value =
        serde_json::from_str(&summary("plans", &["--format", "json", "--per", "year"])).unwrap();
    assert_eq!(summary["per"], "year");
    let bristol = &summary["by_icb"]["NHS Bristol, North Somerset and South Gloucestershire ICB"];
    // 1140.00 a year exactly (not 21.92 × 52), and 245.00 × 52 × 10%.
    assert_eq!(pence(bristol, "icb_pays_pence"), 1140_00 + 1274_00);
}

#[test]
fn an_open_dispute_moves_the_disputed_cost_to_the_interim_funder() {
    let summary = json("tests/fixtures/money");
    let total = &summary["total"];
    // N1 health 120.00 a month = 27.692.. → 27.69 a week (ICB). N2 1500.50 a week: agreed 40/60,
    // but disputed with the ICB as interim funder, so the ICB pays all of it now.
    assert_eq!(pence(total, "icb_pays_pence"), 27_69 + 1500_50);
    assert_eq!(pence(total, "la_pays_pence"), 0);
    assert_eq!(pence(total, "disputed_pence"), 1500_50);
    assert_eq!(pence(total, "disputed_icb_carries_pence"), 1500_50);
    assert_eq!(pence(total, "disputed_la_carries_pence"), 0);

    // The same plan without the dispute pays on the agreed split: 600.20 / 900.30.
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/money/dispute-interim-funder.yaml"),
    )
    .unwrap();
    let start = text.find("  dispute:\n").unwrap();
    let end = text.find("needs:\n").unwrap();
    let agreed = format!("{}{}", &text[..start], &text[end..]);
    std::fs::write(dir.path().join("agreed.yaml"), agreed).unwrap();
    let summary = json(&dir.path().to_string_lossy());
    let total = &summary["total"];
    assert_eq!(pence(total, "icb_pays_pence"), 27_69 + 600_20);
    assert_eq!(pence(total, "la_pays_pence"), 900_30);
    assert_eq!(pence(total, "disputed_pence"), 0);
}

#[test]
fn the_dispute_fixture_has_no_findings() {
    let output = Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["check", "tests/fixtures/money", "--today", "2026-11-28"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(output.stdout).unwrap(),
        "1 plan, 0 errors, 0 warnings\n"
    );
}

#[test]
fn the_csv_opens_in_a_spreadsheet_with_names_defused() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/money/dispute-interim-funder.yaml"),
    )
    .unwrap()
    .replace("Test Borough Council", "\"=HYPERLINK(\\\"x\\\")\"");
    std::fs::write(dir.path().join("plan.yaml"), text).unwrap();
    let csv = summary(&dir.path().to_string_lossy(), &["--format", "csv"]);
    assert!(csv.starts_with("\u{feff}group,body,per,"), "{csv}");
    let lines: Vec<&str> = csv.split("\r\n").collect();
    assert_eq!(
        lines.len(),
        5,
        "header, one ICB, one LA, all, and the end: {csv}"
    );
    assert!(
        lines[1].starts_with("icb,NHS Test ICB,week,1,1,0,1,1,58,0,1528.19,1528.19,0.00,0.00,1500.50,1500.50,0.00,0,0.00,0,0"),
        "{csv}"
    );
    assert!(
        lines[2].starts_with("local_authority,\"'=HYPERLINK(\"\"x\"\")\",week,"),
        "{csv}"
    );
    assert!(lines[3].starts_with("all,All,week,"), "{csv}");
}
