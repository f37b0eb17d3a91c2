//! Tests of reading plan text into the model.

use super::*;
use crate::plan::finding::Severity;
use crate::plan::rules::tests::VALID;

fn messages(parsed: &ParsedPlan) -> Vec<String> {
    parsed
        .issues
        .iter()
        .map(|issue| format!("{}: {}", issue.path, issue.message))
        .collect()
}

#[test]
fn the_format_example_reads_completely() {
    let parsed = parse_plan(VALID).unwrap();
    assert_eq!(messages(&parsed), Vec::<String>::new());
    let plan = parsed.plan;
    assert_eq!(plan.id.as_deref(), Some("S117-0042"));
    assert_eq!(plan.episode.section, Some(Section::S3));
    assert_eq!(plan.episode.legal_status, Some(LegalStatus::Cto));
    assert_eq!(plan.needs.len(), 3);
    assert_eq!(
        plan.needs[1].funding,
        Some(Funding {
            icb: Some(40),
            la: Some(60)
        })
    );
    assert_eq!(
        plan.needs[1].need.as_deref(),
        Some("Supported living placement, 24h staffed")
    );
    assert_eq!(
        plan.reviews.history[0].outcome,
        Some(ReviewOutcome::Continue)
    );
    assert_eq!(plan.responsible.dispute.as_ref().unwrap().about, vec!["N3"]);
    assert!(plan.ending.is_none());
    assert_eq!(plan.count_needs(Category::Joint), 1);
}

#[test]
fn unknown_keys_warn_with_a_suggestion_and_are_kept() {
    let text = VALID.replace("    review_by: 2027-03-15", "    reveiw_by: 2027-03-15");
    let parsed = parse_plan(&text).unwrap();
    assert_eq!(parsed.issues.len(), 1);
    let issue = &parsed.issues[0];
    assert_eq!(issue.severity, Severity::Warning);
    assert!(issue.at_key);
    assert_eq!(issue.path.to_string(), "needs[0].reveiw_by");
    assert!(
        issue.message.contains("did you mean `review_by`"),
        "{}",
        issue.message
    );
    assert_eq!(parsed.plan.unknown.len(), 1);
    assert_eq!(parsed.plan.unknown[0].1, Value::String("2027-03-15".into()));
}

#[test]
fn missing_required_fields_are_errors_naming_the_key() {
    let text = VALID.replace("  icb: NHS North Central London ICB\n", "");
    let parsed = parse_plan(&text).unwrap();
    assert_eq!(
        messages(&parsed),
        vec!["responsible.icb: responsible has no `icb`; it is required"]
    );
    let at = parsed
        .places
        .locator(&text, parsed.issues.len())
        .locate(&parsed.issues[0].path, false);
    assert_eq!(
        at,
        Location {
            line: 16,
            column: 3
        },
        "points at the mapping lacking it"
    );
}

#[test]
fn wrong_words_and_types_name_what_would_be_right() {
    let text = VALID
        .replace("category: health", "category: medical")
        .replace("status: agreed", "status: actve")
        .replace("interval_months: 12", "interval_months: twelve")
        .replace("restricted: false", "restricted: nope");
    let found = messages(&parse_plan(&text).unwrap());
    assert_eq!(found.len(), 4, "{found:#?}");
    assert!(found.iter().any(|m| m == "needs[0].category: needs[0].category: `medical` is not a category; expected one of: health, social, joint"));
    assert!(
        found
            .iter()
            .any(|m| m.contains("`actve` is not a need status"))
    );
    assert!(
        found
            .iter()
            .any(|m| m.contains("interval_months must be a whole number"))
    );
    assert!(found.iter().any(|m| m.contains("expected true or false")));
}

#[test]
fn bad_dates_are_errors_at_their_path() {
    let text = VALID.replace("next_due: 2027-06-01", "next_due: 2026-02-30");
    let parsed = parse_plan(&text).unwrap();
    assert_eq!(parsed.issues.len(), 1);
    assert_eq!(parsed.issues[0].path.to_string(), "reviews.next_due");
    assert!(parsed.plan.reviews.next_due.is_none());
}

#[test]
fn fractional_shares_are_rule_5_errors() {
    let text = VALID.replace("{icb: 40, la: 60}", "{icb: 40.5, la: 59.5}");
    let parsed = parse_plan(&text).unwrap();
    assert_eq!(parsed.issues.len(), 2);
    assert_eq!(parsed.issues[0].check, Check::Rule(5));
    assert!(parsed.issues[0].message.contains("whole number"));
}

#[test]
fn duplicate_keys_are_errors_never_last_one_wins() {
    let text = VALID.replace(
        "    review_by: 2027-03-15\n",
        "    review_by: 2027-03-15\n    review_by: 2027-04-15\n",
    );
    match parse_plan(&text) {
        Ok(parsed) => assert!(
            parsed
                .issues
                .iter()
                .any(|i| i.severity == Severity::Error && i.message.contains("given twice")),
            "{:?}",
            messages(&parsed)
        ),
        Err(unreadable) => {
            assert!(
                unreadable.message.contains("given twice"),
                "{}",
                unreadable.message
            );
            assert_eq!(unreadable.location.line, 33, "points at the second key");
        }
    }
}

#[test]
fn non_plans_are_unreadable_with_a_reason() {
    assert!(parse_plan("").unwrap_err().message.contains("empty"));
    assert!(
        parse_plan("  \n# only a comment\n")
            .unwrap_err()
            .message
            .contains("empty")
    );
    assert!(
        parse_plan("- a\n- b\n")
            .unwrap_err()
            .message
            .contains("a list")
    );
    let broken = parse_plan("id: [unclosed\nschema: x\n").unwrap_err();
    assert!(
        broken.message.starts_with("not valid YAML"),
        "{}",
        broken.message
    );
    assert!(broken.location.line >= 1);
}

#[test]
fn a_bom_is_tolerated() {
    let text = format!("\u{feff}{VALID}");
    assert!(parse_plan(&text).unwrap().issues.is_empty());
}

#[test]
fn unquoted_numbers_are_read_as_text_where_text_is_expected() {
    let text = VALID
        .replace("section: \"3\"", "section: 3")
        .replace("\"999 000 0018\"", "9990000018");
    let plan = parse_plan(&text).unwrap().plan;
    assert_eq!(plan.episode.section, Some(Section::S3));
    assert_eq!(plan.person.nhs_number.as_deref(), Some("9990000018"));
}
