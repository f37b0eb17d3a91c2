//! The exports on a plan written here: meeting mode, hostile text, ended needs, formats.

use chrono::NaiveDate;

use super::*;
use crate::plan::parse::parse_plan;

fn plan(text: &str) -> Plan {
    parse_plan(text).expect("a plan").plan
}

fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

#[test]
fn dates_are_written_in_full() {
    assert_eq!(full_date(day("2027-03-01")), "Monday 1 March 2027");
}

#[test]
fn a_kind_in_a_format_it_has_not_is_refused_naming_the_ones_it_has() {
    let plan = Plan::default();
    let error = export(
        &plan,
        Kind::Fhir,
        Format::Html,
        &Options::new(day("2026-11-30")),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "FHIR CarePlan cannot be written as html; use --format json"
    );
    let error = export(
        &plan,
        Kind::Person,
        Format::Json,
        &Options::new(day("2026-11-30")),
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("--format html or --format md"),
        "{error}"
    );
}

const PLAN: &str = "schema: aftercare/v1
id: S117-0900
person: {initials: T.Q., name: Tamsin Quill, nhs_number: \"999 000 0018\", date_of_birth: 1988-02-11}
episode: {section: \"3\", left_hospital: 2025-05-17, legal_status: none}
responsible: {icb: NHS Test ICB, local_authority: Test Borough, care_coordinator: A. Coordinator}
needs:
  - {id: N1, need: Depot clinic, category: health, funding: {icb: 100}, status: active, review_by: 2026-01-01}
  - {id: N2, need: Day centre, category: social, funding: {la: 100}, status: ended, notes: \"Ended 2026-01-05: moved on\"}
  - {id: N3, need: Gym pass, category: social, funding: {la: 100}, status: declined}
  - {id: N4, need: Housing support, category: joint, funding: {icb: 30, la: 70}, status: active, notes: Tamsin asked for this}
reviews: {next_due: 2026-12-01}
";

/// The text of one section of the Markdown copy (from its heading to the next).
fn section<'a>(text: &'a str, heading: &str) -> &'a str {
    let start = text.find(&format!("## {heading}")).unwrap_or(text.len());
    let rest = &text[start..];
    let end = rest[3..].find("\n## ").map_or(rest.len(), |end| end + 3);
    &rest[..end]
}

#[test]
fn an_ended_or_declined_need_is_never_shown_as_care_the_person_has() {
    let plan = plan(PLAN);
    let copy = export(
        &plan,
        Kind::Person,
        Format::Md,
        &Options::new(day("2026-11-30")),
    )
    .unwrap();
    let council = section(&copy, "What the council provides");
    assert!(council.contains("Nothing at the moment"), "{council}");
    let apart = section(&copy, "Services that have ended or that you said no to");
    assert!(apart.contains("Day centre") && apart.contains("Ended 2026-01-05: moved on"));
    assert!(apart.contains("Gym pass") && apart.contains("You said no to this for now"));
    let nhs = section(&copy, "What the NHS provides");
    assert!(nhs.contains("Depot clinic"), "{nhs}");
    assert!(
        nhs.contains("Was due Thursday 1 January 2026: ask your care coordinator"),
        "a need review overdue is said so: {nhs}"
    );
    assert!(
        section(&copy, "What both pay for together").contains("The NHS pays 30%, the council 70%")
    );
}

#[test]
fn meeting_mode_hides_what_the_screens_hide_by_the_same_rule() {
    let plan = plan(PLAN);
    let options = Options {
        meeting: true,
        identifying_fields: vec!["responsible.care_coordinator".to_owned()],
        ..Options::new(day("2026-11-30"))
    };
    let screens = crate::plan::privacy::plan_identifiers(&plan, &options.identifying_fields);
    for kind in Kind::ALL {
        let text = export(&plan, kind, kind.default_format(), &options).unwrap_or_default();
        assert!(screens.find(&text).is_empty(), "{kind:?}: {text}");
        for identifier in [
            "Tamsin",
            "Quill",
            "999 000 0018",
            "9990000018",
            "1988",
            "A. Coordinator",
        ] {
            assert!(!text.contains(identifier), "{kind:?}: {identifier}");
        }
    }
}
