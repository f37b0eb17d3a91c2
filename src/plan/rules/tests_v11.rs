//! Unit tests of the format v1.1 legal rules and their model: what each reads, and the
//! sound side of each rule (the fixtures under tests/fixtures/rules hold the failing side).

use super::tests::{VALID, valid_plan};
use super::*;
use crate::plan::parse::parse_plan;

fn settings() -> RuleSettings {
    RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

fn plan_from(text: &str) -> Plan {
    let parsed = parse_plan(text).expect("parses");
    assert_eq!(parsed.issues, vec![], "read cleanly");
    parsed.plan
}

#[test]
fn a_section_written_with_its_restriction_reads_as_that_section_restricted() {
    for (written, section) in [
        ("37/41", Section::S37),
        ("47/49", Section::S47),
        ("48 / 49", Section::S48),
    ] {
        let text = VALID.replace(
            "section: \"3\"\n  restricted: false",
            &format!("section: \"{written}\""),
        );
        let plan = plan_from(&text);
        assert_eq!(plan.episode.section, Some(section.clone()), "{written}");
        assert!(plan.episode.restricted, "{written}");
        assert!(plan.episode.restriction_written.in_section);
        assert_eq!(section_qualifies(&plan), None, "{written} qualifies");
    }
    // The restriction written twice, and agreeing, is clean.
    let text = VALID.replace(
        "section: \"3\"\n  restricted: false",
        "section: 37/41\n  restricted: true",
    );
    let plan = plan_from(&text);
    assert_eq!(plan.episode.restriction_written.flag, Some(true));
    assert_eq!(restriction_fits_status(&plan), vec![Issue::error(
        Check::Rule(2),
        root().key("episode").key("legal_status"),
        "a restricted patient cannot be on a CTO (s41(3)(aa), s49(2)): a restricted patient leaves hospital on conditional discharge (s42(2), s73); check the section papers and record legal_status and restricted as they are".to_owned(),
    )], "the base plan is on a CTO");
}

#[test]
fn placeholders_are_not_deciders_but_names_are() {
    for placeholder in [
        "",
        "  ",
        "N/A",
        "n/a - not consulted",
        "TBC",
        "unknown",
        "-",
        "None",
        "Not consulted",
    ] {
        assert!(is_placeholder_decider(placeholder), "{placeholder:?}");
    }
    for name in [
        "Dr K. Osei",
        "M. Grant, head of service",
        "Nadia Tbcova",
        "Anna Unknownson",
    ] {
        assert!(!is_placeholder_decider(name), "{name:?}");
    }
}

#[test]
fn a_sound_joint_ending_gets_no_ending_finding() {
    let mut plan = valid_plan();
    plan.episode.legal_status = Some(LegalStatus::None);
    plan.responsible.dispute = None;
    for need in &mut plan.needs {
        need.status = Some(NeedStatus::Ended);
        need.notes = Some("Met; agreed at the joint review.".into());
    }
    plan.ending = Some(Ending {
        date: NaiveDate::from_ymd_opt(2026, 11, 2),
        icb_decision_by: Some("Dr K. Osei, S117 lead".into()),
        la_decision_by: Some("M. Grant, head of mental health social work".into()),
        person_involved: Some(true),
        reasons: Some(
            "No remaining need arising from the disorder; employed, settled tenancy.".into(),
        ),
    });
    assert_eq!(check_plan(&plan, &settings()), vec![]);
    // The same person for both bodies, however the title and role are written, is not.
    plan.ending.as_mut().unwrap().la_decision_by = Some("K Osei (for the council)".into());
    let issues = ending_is_a_joint_decision(&plan, &settings());
    assert_eq!(issues.len(), 1, "{issues:?}");
    assert_eq!(issues[0].path.to_string(), "ending.la_decision_by");
}

#[test]
fn an_ending_dated_ahead_leaves_the_needs_live_until_it_takes_effect() {
    let mut plan = valid_plan();
    plan.episode.legal_status = Some(LegalStatus::None);
    plan.ending = Some(Ending {
        date: NaiveDate::from_ymd_opt(2027, 1, 31),
        icb_decision_by: Some("Dr K. Osei".into()),
        la_decision_by: Some("M. Grant".into()),
        person_involved: Some(true),
        reasons: Some("No remaining need arising from the disorder.".into()),
    });
    assert_eq!(ending_is_a_joint_decision(&plan, &settings()), vec![]);
    plan.ending.as_mut().unwrap().date = NaiveDate::from_ymd_opt(2026, 11, 28);
    assert_eq!(
        ending_is_a_joint_decision(&plan, &settings()).len(),
        3,
        "N1, N2 and N3 are live"
    );
}

#[test]
fn review_gaps_count_whole_months_and_skip_overdue_and_ended_plans() {
    let mut plan = valid_plan();
    // Last review 15 Jun 2026, every 12 months: any day of June 2027 is on time.
    plan.reviews.next_due = NaiveDate::from_ymd_opt(2027, 6, 30);
    assert_eq!(review_gap_within_interval(&plan, &settings()), None);
    plan.reviews.next_due = NaiveDate::from_ymd_opt(2027, 7, 1);
    let issue = review_gap_within_interval(&plan, &settings()).unwrap();
    assert_eq!(issue.severity, crate::plan::finding::Severity::Warning);
    assert!(
        issue.message.contains("on or before 30 Jun 2027"),
        "{}",
        issue.message
    );
    plan.reviews.interval_months = Some(6);
    let issue = review_gap_within_interval(&plan, &settings()).unwrap();
    assert!(
        issue.message.contains("more than 6 months"),
        "{}",
        issue.message
    );
    // Overdue: rule 9's overdue warning says it already.
    plan.reviews.next_due = NaiveDate::from_ymd_opt(2026, 11, 1);
    assert_eq!(review_gap_within_interval(&plan, &settings()), None);
    plan.reviews.next_due = NaiveDate::from_ymd_opt(2027, 7, 1);
    plan.ending = Some(Ending::default());
    assert_eq!(review_gap_within_interval(&plan, &settings()), None);
}

#[test]
fn wales_reads_and_names_the_local_health_board_and_the_welsh_code() {
    let text = VALID.replace("schema: aftercare/v1\n", "schema: aftercare/v1\njurisdiction: wales\ncare_and_treatment_plan: CTP held by the CMHT\n");
    let plan = plan_from(&text);
    assert_eq!(plan.jurisdiction(), Jurisdiction::Wales);
    assert_eq!(
        plan.care_and_treatment_plan.as_deref(),
        Some("CTP held by the CMHT")
    );
    assert_eq!(Jurisdiction::Wales.health_pane_title(), "HEALTH (LHB)");
    assert_eq!(Jurisdiction::England.health_pane_title(), "HEALTH (ICB)");
    assert_eq!(
        valid_plan().jurisdiction(),
        Jurisdiction::England,
        "England by default"
    );
    let mut plan = plan;
    plan.needs[0].status = Some(NeedStatus::Declined);
    let declined = declined_needs(&plan);
    assert!(
        declined[0].message.contains("(Wales Code ch. 31)"),
        "{}",
        declined[0].message
    );
    plan.needs[1].funding = Some(Funding {
        icb: Some(100),
        la: Some(0),
    });
    plan.needs[1].category = Some(Category::Social);
    let funding = funding_matches_category(&plan);
    assert!(
        funding[0].message.contains("the LHB pays 100%"),
        "{}",
        funding[0].message
    );
}

#[test]
fn the_basis_and_the_parties_of_a_dispute_are_read() {
    let text = VALID
        .replace(
            "  care_coordinator: A. Bello, CMHT North\n",
            "  care_coordinator: A. Bello, CMHT North\n  basis:\n    gp_practice: Example Surgery\n    lived_before_detention: Camden\n    decided: 2024-05-10\n    decided_by: S117 panel\n",
        )
        .replace(
            "    interim_funder: icb\n",
            "    interim_funder: icb\n    kind: la_la\n    parties: [Camden, Islington]\n    interim_payer: Camden\n",
        );
    let plan = plan_from(&text);
    let basis = plan.responsible.basis.as_ref().unwrap();
    assert_eq!(basis.gp_practice.as_deref(), Some("Example Surgery"));
    assert_eq!(basis.decided, NaiveDate::from_ymd_opt(2024, 5, 10));
    let dispute = plan.responsible.dispute.as_ref().unwrap();
    assert_eq!(dispute.kind, Some(DisputeKind::LaLa));
    assert_eq!(dispute.parties, vec!["Camden", "Islington"]);
    assert_eq!(dispute_names_needs_and_parties(&plan), vec![]);
}

#[test]
fn reviews_of_an_earlier_episode_are_not_before_detention_once_it_is_in_history() {
    let mut plan = valid_plan();
    let earlier = plan.episode.clone();
    plan.episode.detained = Some(NaiveDate::from_ymd_opt(2026, 7, 1).unwrap());
    plan.episode.left_hospital = Some(NaiveDate::from_ymd_opt(2026, 9, 1).unwrap());
    let before = |plan: &Plan| {
        check_plan(plan, &settings())
            .into_iter()
            .filter(|issue| issue.message.contains("is before detention"))
            .count()
    };
    // With no history, the reviews of 2024 and June 2026 are before the only detention.
    assert_eq!(before(&plan), 2);
    plan.history.push(crate::plan::model::PastEpisode {
        episode: earlier,
        ..Default::default()
    });
    assert_eq!(before(&plan), 0);
}
