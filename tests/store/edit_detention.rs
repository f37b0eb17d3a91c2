//! Golden tests of "new detention" as the app writes it: the episode, its ending and the
//! bodies of the time move into `history` (newest first), the new detention is written over
//! the episode's own lines, and every other byte stays. `UPDATE_GOLDEN=1` rewrites the
//! expected files, as in `edit_golden`.

use std::fs;
use std::path::{Path, PathBuf};

use aftercare::plan::assess::assess_plan_text;
use aftercare::plan::change::{Change, NewDetention};
use aftercare::plan::model::{Episode, LegalStatus, Plan, ResponsibleBasis, Section};
use aftercare::plan::rules::RuleSettings;
use aftercare::store::diff::{line_counts, unified_diff};
use aftercare::store::edit::apply;
use aftercare::store::pending::edits_for;
use chrono::NaiveDate;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edit")
}

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

fn settings() -> RuleSettings {
    RuleSettings::new(date("2026-11-28"))
}

fn plan_of(text: &str) -> Plan {
    assess_plan_text(text, "plan.yaml", &settings())
        .plan
        .expect("the fixture reads as a plan")
}

fn new_episode() -> Episode {
    Episode {
        section: Some(Section::S3),
        detained: Some(date("2026-03-02")),
        left_hospital: Some(date("2026-06-10")),
        legal_status: Some(LegalStatus::None),
        ..Episode::default()
    }
}

/// The change applied to `fixture`, checked against `expected/<name>.yaml` and the lines it
/// may add and remove; the result reads back as a plan with the change made.
fn check(fixture: &str, name: &str, detention: NewDetention, numstat: (usize, usize)) {
    let original = fs::read_to_string(dir().join(fixture)).unwrap();
    let change = Change::NewDetention(Box::new(detention));
    let edits = edits_for(std::slice::from_ref(&change)).unwrap();
    let edited = apply(&original, &edits).unwrap_or_else(|e| panic!("{name}: refused: {e}"));
    let path = dir().join("expected").join(format!("{name}.yaml"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        fs::write(&path, &edited).unwrap();
    }
    let expected = fs::read_to_string(&path).unwrap_or_default();
    assert_eq!(
        edited,
        expected,
        "{name}:\n{}",
        unified_diff("expected", &expected, &edited)
    );
    assert_eq!(
        line_counts(&original, &edited),
        numstat,
        "{name}:\n{}",
        unified_diff(fixture, &original, &edited)
    );
    let mut want = plan_of(&original);
    change.apply(&mut want);
    let got = plan_of(&edited);
    assert_eq!(got.episode.section, want.episode.section, "{name}");
    assert_eq!(got.episode.detained, want.episode.detained, "{name}");
    assert_eq!(got.ending, None, "{name}: the ending is cleared");
    assert_eq!(got.history.len(), want.history.len(), "{name}");
    assert_eq!(got.history[0].ending, want.history[0].ending, "{name}");
    assert_eq!(
        got.history[0].episode.detained, want.history[0].episode.detained,
        "{name}"
    );
    assert_eq!(got.responsible, want.responsible, "{name}");
}

#[test]
fn an_ended_plan_re_detained_keeps_its_ending_in_a_new_history() {
    let text = fs::read_to_string(dir().join("ended-plan.yaml")).unwrap();
    let detention = NewDetention::of(&plan_of(&text), new_episode());
    // The episode's 2 dates change, the ending's 8 lines become `ending: null`, and history's
    // 16 lines (the ending's reasons folded as they were) are added.
    check("ended-plan.yaml", "nd-ended-plan", detention, (19, 10));
}

#[test]
fn a_plan_with_history_gets_the_new_entry_first_and_the_bodies_asked_again() {
    let text = fs::read_to_string(dir().join("format-example.yaml")).unwrap();
    let plan = plan_of(&text);
    let mut detention = NewDetention::of(&plan, new_episode());
    detention.local_authority = Some("London Borough of Islington".into());
    detention.basis = Some(ResponsibleBasis {
        gp_practice: Some("Archway Medical Centre".into()),
        lived_before_detention: Some("Islington (tenancy since 2025)".into()),
        decided: Some(date("2026-03-09")),
        decided_by: Some("S117 panel".into()),
    });
    check(
        "format-example.yaml",
        "nd-format-example",
        detention,
        (17, 4),
    );
}

#[test]
fn a_plan_with_history_gets_the_new_entry_first_above_its_comment() {
    let text = fs::read_to_string(dir().join("history.yaml")).unwrap();
    let plan = plan_of(&text);
    let detention = NewDetention::of(&plan, new_episode());
    // The restricted 37/41 becomes an unrestricted s3: `restricted` is written false, the
    // episode's 4 values change, and 9 lines of history go first, above the list's comment.
    check("history.yaml", "nd-history", detention, (13, 5));
}
