//! Unit tests of each S117 rule: the passing and the failing side.

use super::*;
use crate::plan::parse::parse_plan;

/// A valid plan (the example of plan-format.md) to mutate in each test.
pub(crate) const VALID: &str = r#"# S117 aftercare plan. Identifiers are fictional (999 test range).
schema: aftercare/v1
id: S117-0042                 # stable key; the file name need not match
person:
  initials: J.S.
  name: Jo Smith
  nhs_number: "999 000 0018"
  date_of_birth: 1984-02-11
episode:
  section: "3"
  restricted: false
  detained: 2024-03-02
  left_hospital: 2024-05-17
  legal_status: cto
responsible:
  icb: NHS North Central London ICB
  local_authority: London Borough of Camden
  care_coordinator: A. Bello, CMHT North
  dispute:
    since: 2026-09-01
    about: [N3]
    interim_funder: icb
    note: Furnished flat?
needs:
  - id: N1
    need: Clozapine monitoring and depot review
    category: health
    provider: CMHT North
    funding: {icb: 100}
    status: active
    since: 2024-05-17
    review_by: 2027-03-15
  - id: N2
    need: >-
      Supported living placement, 24h staffed
    category: joint
    provider: Willow House
    funding: {icb: 40, la: 60}
    status: active
    since: 2024-05-17
    notes: |
      Split agreed at joint panel 2024-05-10.
  - id: N3
    need: Tenancy support
    category: social
    funding: {la: 100}
    status: agreed
patient_voice:
  goals: Back at college by September.
  views: Wants fewer home visits.
crisis_plan:
  signs: [Stops sleeping, Misses depot]
  contacts: ["Crisis line 0800 000 0000"]
reviews:
  interval_months: 12
  next_due: 2027-06-01
  history:
    - date: 2024-06-20
      attendees: [person, care coordinator]
      person_involved: true
      outcome: continue
      changes: []
    - date: 2026-06-15
      attendees: [person, care coordinator, social worker]
      person_involved: true
      outcome: continue
ending: null
"#;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub(crate) fn valid_plan() -> Plan {
    parse_plan(VALID).expect("the base plan parses").plan
}

fn settings() -> RuleSettings {
    RuleSettings::new(today())
}

fn good_ending() -> Ending {
    Ending {
        date: Some(date("2027-01-31")),
        icb_decision_by: Some("Dr K. Osei".into()),
        la_decision_by: Some("M. Grant".into()),
        person_involved: Some(true),
        reasons: Some("No remaining need arising from the disorder; employed.".into()),
    }
}

#[test]
fn the_base_plan_passes_every_rule() {
    assert_eq!(check_plan(&valid_plan(), &settings()), vec![]);
}

#[test]
fn rule_1_schema_must_be_v1() {
    let mut plan = valid_plan();
    assert!(schema_is_v1(&plan).is_none());
    plan.schema = Some("aftercare/v2".into());
    let issue = schema_is_v1(&plan).unwrap();
    assert_eq!(issue.path.to_string(), "schema");
    assert!(issue.message.contains("aftercare/v1"), "{}", issue.message);
    plan.schema = Some("aftercare/v1.1".into());
    assert!(
        schema_is_v1(&plan).is_none(),
        "v1.1 only adds optional keys: a plan may say so"
    );
}

#[test]
fn rule_1_ids_unique_across_the_folder() {
    let ids = [
        ("a.yaml", Some("S117-1")),
        ("b.yaml", Some("S117-2")),
        ("c.yaml", None),
    ];
    assert!(ids_unique_across_folder(&ids).is_empty());
    let clash = [("a.yaml", Some("S117-1")), ("b.yaml", Some("S117-1"))];
    let found = ids_unique_across_folder(&clash);
    assert_eq!(found.len(), 2, "both files are flagged");
    assert_eq!(found[0].0, 0);
    assert!(
        found[0].1.message.contains("b.yaml"),
        "{}",
        found[0].1.message
    );
    assert!(
        found[1].1.message.contains("a.yaml"),
        "{}",
        found[1].1.message
    );
}

#[test]
fn rule_2_names_the_non_qualifying_section() {
    let mut plan = valid_plan();
    for good in ["3", "37", "45A", "47", "48"] {
        plan.episode.section = Some(Section::parse(good));
        assert!(section_qualifies(&plan).is_none(), "{good}");
    }
    plan.episode.section = Some(Section::parse("2"));
    let issue = section_qualifies(&plan).unwrap();
    assert_eq!(
        issue.message,
        "section 2 gives no S117 entitlement (s117(1)): only detention under s3, 37, 45A, 47 or 48 qualifies; record the qualifying section the person was detained under, or keep this person off the S117 register"
    );
    assert_eq!(issue.severity, crate::plan::finding::Severity::Error);
}

#[test]
fn rule_3_left_hospital_not_before_detained() {
    let mut plan = valid_plan();
    plan.episode.left_hospital = plan.episode.detained;
    assert!(left_hospital_after_detention(&plan).is_none());
    plan.episode.left_hospital = Some(date("2024-03-01"));
    let issue = left_hospital_after_detention(&plan).unwrap();
    assert_eq!(issue.path.to_string(), "episode.left_hospital");
    assert!(issue.message.contains("01 Mar 2024"), "{}", issue.message);
}

#[test]
fn rule_4_need_ids_unique_within_the_plan() {
    let mut plan = valid_plan();
    assert!(need_ids_unique(&plan).is_empty());
    plan.needs[2].id = Some("N1".into());
    let issues = need_ids_unique(&plan);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].path.to_string(), "needs[2].id");
    assert!(
        issues[0].message.contains("N3"),
        "suggests a free id: {}",
        issues[0].message
    );
}

#[test]
fn rule_5_shares_total_100() {
    let mut plan = valid_plan();
    assert!(funding_matches_category(&plan).is_empty());
    plan.needs[1].funding = Some(Funding {
        icb: Some(40),
        la: Some(50),
    });
    let issues = funding_matches_category(&plan);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].path.to_string(), "needs[1].funding");
    assert!(
        issues[0].message.contains("totals 90"),
        "{}",
        issues[0].message
    );
}

#[test]
fn rule_5_shares_within_0_to_100() {
    let mut plan = valid_plan();
    plan.needs[1].funding = Some(Funding {
        icb: Some(150),
        la: Some(-50),
    });
    let issues = funding_matches_category(&plan);
    assert_eq!(issues.len(), 2);
    assert_eq!(issues[0].path.to_string(), "needs[1].funding.icb");
}

#[test]
fn rule_5_category_decides_who_funds() {
    let mut plan = valid_plan();
    plan.needs[0].funding = Some(Funding {
        icb: Some(50),
        la: Some(50),
    });
    assert!(
        funding_matches_category(&plan)[0]
            .message
            .contains("health need")
    );
    let mut plan = valid_plan();
    plan.needs[2].funding = Some(Funding {
        icb: Some(100),
        la: None,
    });
    assert!(
        funding_matches_category(&plan)[0]
            .message
            .contains("social need")
    );
    let mut plan = valid_plan();
    plan.needs[1].funding = Some(Funding {
        icb: Some(100),
        la: Some(0),
    });
    assert!(
        funding_matches_category(&plan)[0]
            .message
            .contains("a share from both bodies")
    );
    let mut plan = valid_plan();
    plan.needs[1].funding = None;
    assert!(
        funding_matches_category(&plan)[0]
            .message
            .contains("no funding split")
    );
    // Health and social needs may leave funding implied.
    let mut plan = valid_plan();
    plan.needs[0].funding = None;
    plan.needs[2].funding = None;
    assert!(funding_matches_category(&plan).is_empty());
}

#[test]
fn rule_6_nhs_number_checked_when_given() {
    let mut plan = valid_plan();
    assert!(nhs_number_valid(&plan).is_none());
    plan.person.nhs_number = None;
    assert!(nhs_number_valid(&plan).is_none());
    plan.person.nhs_number = Some("999 000 0019".into());
    let issue = nhs_number_valid(&plan).unwrap();
    assert_eq!(issue.path.to_string(), "person.nhs_number");
}

#[test]
fn rule_7_ending_complete() {
    let mut plan = valid_plan();
    plan.episode.legal_status = Some(LegalStatus::None);
    plan.ending = Some(good_ending());
    assert!(ending_complete_and_lawful(&plan).is_empty());
    plan.ending = Some(Ending {
        reasons: None,
        la_decision_by: None,
        ..good_ending()
    });
    let issues = ending_complete_and_lawful(&plan);
    assert_eq!(issues.len(), 1);
    assert!(
        issues[0]
            .message
            .starts_with("ending lacks la_decision_by, reasons"),
        "{}",
        issues[0].message
    );
}

#[test]
fn rule_7_no_ending_on_a_cto() {
    let mut plan = valid_plan();
    plan.ending = Some(good_ending());
    let issues = ending_complete_and_lawful(&plan);
    assert_eq!(issues.len(), 1);
    assert!(issues[0].message.contains("CTO"));
}

#[test]
fn rule_8_conditional_discharge_and_weak_reasons() {
    let mut plan = valid_plan();
    plan.episode.legal_status = Some(LegalStatus::None);
    plan.ending = Some(good_ending());
    assert!(ending_questionable(&plan).is_empty());
    plan.episode.legal_status = Some(LegalStatus::ConditionalDischarge);
    assert_eq!(ending_questionable(&plan).len(), 1);
    plan.episode.legal_status = Some(LegalStatus::None);
    for weak in [
        "Well and settled.",
        "Discharged from CPA last month.",
        "Three years since leaving hospital.",
    ] {
        plan.ending = Some(Ending {
            reasons: Some(weak.into()),
            ..good_ending()
        });
        assert!(ending_questionable(&plan).is_empty(), "{weak}");
        let issues = ending_reasons_weak_grounds(&plan);
        assert_eq!(issues.len(), 1, "{weak}");
        assert_eq!(issues[0].path.to_string(), "ending.reasons");
    }
}

#[test]
fn rule_9_overdue_and_due_soon() {
    let mut plan = valid_plan();
    plan.reviews.next_due = Some(date("2026-12-29"));
    assert!(
        reviews_due(&plan, &settings()).is_empty(),
        "31 days away is not due soon"
    );
    plan.reviews.next_due = Some(date("2026-12-28"));
    let issues = reviews_due(&plan, &settings());
    assert!(
        issues[0].message.contains("due soon"),
        "{}",
        issues[0].message
    );
    plan.reviews.next_due = Some(date("2026-11-27"));
    let issues = reviews_due(&plan, &settings());
    assert!(issues[0].message.contains("overdue"));
    assert!(issues[0].message.contains("1 days ago") || issues[0].message.contains("1 day"));
    let custom = RuleSettings {
        due_soon_days: 60,
        ..settings()
    };
    plan.reviews.next_due = Some(date("2027-01-20"));
    assert_eq!(reviews_due(&plan, &custom).len(), 1);
}

#[test]
fn rule_9_need_review_by_and_ended_plans() {
    let mut plan = valid_plan();
    plan.needs[0].review_by = Some(date("2026-11-01"));
    let issues = reviews_due(&plan, &settings());
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].path.to_string(), "needs[0].review_by");
    assert!(issues[0].message.starts_with("N1 review_by is overdue"));
    plan.ending = Some(good_ending());
    assert_eq!(
        reviews_due(&plan, &settings()).len(),
        1,
        "an ending dated after today is planned: the plan is live and its reviews fall due"
    );
    plan.ending = Some(Ending {
        date: Some(date("2026-10-30")),
        ..good_ending()
    });
    assert!(reviews_due(&plan, &settings()).is_empty());
}

#[test]
fn rule_10_declined_needs_warn() {
    let mut plan = valid_plan();
    assert!(declined_needs(&plan).is_empty());
    plan.needs[2].status = Some(NeedStatus::Declined);
    let issues = declined_needs(&plan);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].severity, crate::plan::finding::Severity::Warning);
    assert!(issues[0].message.starts_with("N3 is declined"));
}

#[test]
fn rule_11_dispute_needs_interim_funder() {
    let mut plan = valid_plan();
    assert!(dispute_has_interim_funder(&plan).is_none());
    plan.responsible.dispute.as_mut().unwrap().interim_funder = None;
    let issue = dispute_has_interim_funder(&plan).unwrap();
    assert_eq!(issue.path.to_string(), "responsible.dispute.interim_funder");
}

#[test]
fn rule_12_ended_needs_need_notes() {
    let mut plan = valid_plan();
    plan.needs[1].status = Some(NeedStatus::Ended);
    assert!(ended_needs_say_why(&plan).is_empty(), "N2 has notes");
    plan.needs[2].status = Some(NeedStatus::Ended);
    let issues = ended_needs_say_why(&plan);
    assert_eq!(issues.len(), 1);
    assert_eq!(issues[0].path.to_string(), "needs[2].status");
}

#[test]
fn rule_13_early_review() {
    let mut plan = valid_plan();
    assert!(early_review_held(&plan, &settings()).is_none());
    plan.reviews.history[0].date = Some(date("2024-06-29")); // day 43
    let issue = early_review_held(&plan, &settings()).unwrap();
    assert_eq!(issue.path.to_string(), "reviews.history");
    let lenient = RuleSettings {
        first_review_days: 60,
        ..settings()
    };
    assert!(early_review_held(&plan, &lenient).is_none());
    // Not yet due: left hospital ten days ago.
    plan.episode.left_hospital = Some(date("2026-11-18"));
    plan.reviews.history.clear();
    assert!(early_review_held(&plan, &settings()).is_none());
}

#[test]
fn next_free_need_number_follows_the_highest() {
    let plan = valid_plan();
    assert_eq!(next_free_need_number(&plan), 4);
    assert_eq!(next_free_need_number(&Plan::default()), 1);
}

/// The findings about dates too far ahead, as `(path, message)`.
fn far_dates(plan: &Plan) -> Vec<(String, String)> {
    check_plan(plan, &settings())
        .into_iter()
        .filter(|issue| issue.message.contains("more than 10 years"))
        .inspect(|issue| assert_eq!(issue.severity, crate::plan::finding::Severity::Warning))
        .map(|issue| (issue.path.to_string(), issue.message))
        .collect()
}

#[test]
fn a_date_more_than_10_years_away_warns_as_a_likely_typo() {
    let mut plan = valid_plan();
    // Nine years and a day ahead: a long interval, but no typo.
    plan.reviews.next_due = Some(date("2035-11-29"));
    assert_eq!(far_dates(&plan), vec![]);
    plan.reviews.next_due = Some(date("2036-11-28"));
    assert_eq!(far_dates(&plan), vec![], "exactly 10 years is not more");
    plan.reviews.next_due = Some(date("2037-11-29"));
    assert_eq!(far_dates(&plan).len(), 1);
    plan.reviews.next_due = Some(date("2207-01-01"));
    assert_eq!(
        far_dates(&plan),
        vec![(
            "reviews.next_due".to_owned(),
            "reviews.next_due is more than 10 years away (2207-01-01): a typo for 2027? Check the year against the source (plan-format.md: dates)".to_owned()
        )]
    );
}

#[test]
fn every_date_field_is_checked_for_being_far_ahead() {
    let mut plan = valid_plan();
    let far = Some(date("2062-03-01"));
    plan.episode.detained = far;
    plan.episode.left_hospital = far;
    plan.needs[0].since = far;
    plan.needs[0].review_by = far;
    plan.responsible.dispute.as_mut().unwrap().since = far;
    plan.reviews.history[0].date = far;
    plan.ending = Some(Ending {
        date: far,
        ..good_ending()
    });
    let paths: Vec<String> = far_dates(&plan).into_iter().map(|(path, _)| path).collect();
    for expected in [
        "episode.detained",
        "episode.left_hospital",
        "responsible.dispute.since",
        "needs[0].since",
        "needs[0].review_by",
        "reviews.history[0].date",
        "ending.date",
    ] {
        assert!(
            paths.contains(&expected.to_owned()),
            "{expected}: {paths:?}"
        );
    }
    let messages = far_dates(&plan);
    assert!(
        messages
            .iter()
            .any(|(_, m)| m.contains("(2062-03-01): a typo for 2026?")),
        "{messages:?}"
    );
}

#[test]
fn a_birth_date_far_ahead_warns_without_showing_the_date() {
    let mut plan = valid_plan();
    plan.person.date_of_birth = Some(date("2084-02-11"));
    let found = far_dates(&plan);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, "person.date_of_birth");
    assert!(!found[0].1.contains("2084"), "{}", found[0].1);
    assert!(!found[0].1.contains("02-11"), "{}", found[0].1);
}
