//! Tests of what meeting mode counts as identifying.
use chrono::NaiveDate;

use super::*;

fn person() -> Person {
    Person {
        initials: Some("J.S.".into()),
        name: Some("Jo Smithson".into()),
        nhs_number: Some("999 000 0018".into()),
        date_of_birth: NaiveDate::from_ymd_opt(1984, 2, 11),
        date_of_birth_text: Some("1984-02-11".into()),
    }
}

#[test]
fn identifying_lines_of_a_diff_lose_their_values() {
    let diff = "@@ -3,4 +3,4 @@\n person:\n-  name: Old Surname\n+  name: \"New Surname\"\n   nhs_number: '999 000 0018'\n   initials: J.S.\n-  - provider: Acme Care\n";
    let hidden = hide_identifying_lines(
        diff,
        &[&ALWAYS_HIDDEN_FIELDS[..], &["needs[].provider"]].concat(),
    );
    assert_eq!(
        hidden,
        "@@ -3,4 +3,4 @@\n person:\n-  name: [hidden]\n+  name: [hidden]\n   nhs_number: [hidden]\n   initials: J.S.\n-  - provider: [hidden]\n"
    );
    assert_eq!(
        hide_identifying_lines("note: a name: here\n", &ALWAYS_HIDDEN_FIELDS),
        "note: a name: here\n"
    );
}

#[test]
fn names_numbers_and_birth_dates_are_hidden() {
    let text =
        "Jo Smithson (NHS 9990000018, born 11 Feb 1984) asked smithson's sister; dob 1984-02-11";
    let masked = mask_identifiers(text, &person());
    assert_eq!(
        masked,
        "[hidden] (NHS [hidden], born [hidden]) asked [hidden]'s sister; dob [hidden]"
    );
}

#[test]
fn spaced_numbers_and_short_name_parts() {
    let masked = mask_identifiers("ref 999 000 0018 for Jo", &person());
    assert_eq!(
        masked, "ref [hidden] for Jo",
        "two-letter name parts stay: too many false hits"
    );
    assert_eq!(
        mask_identifiers("99 90 00 00 18 and 999-000-0018", &person()),
        "[hidden] and [hidden]"
    );
}

#[test]
fn every_way_of_writing_a_birth_date() {
    for text in [
        "11/02/1984",
        "11.2.1984",
        "11 February 1984",
        "Feb 11, 1984",
        "1984-02-11",
        "11th Feb 1984",
        "11th of February 1984",
        "February 11th, 1984",
        "11/02/84",
        "11-02-84",
        "11 Feb 84",
        "11.02.1984",
        "11021984",
    ] {
        assert_eq!(mask_identifiers(text, &person()), HIDDEN, "{text}");
    }
    assert_eq!(
        mask_identifiers("born on 11th Feb 1984.", &person()),
        "born on [hidden]."
    );
    assert_eq!(mask_identifiers("12/02/1984", &person()), "12/02/1984");
    assert_eq!(mask_identifiers("11/02/85", &person()), "11/02/85");
}

#[test]
fn digits_of_any_script_and_width_are_digits() {
    let masked = mask_identifiers(
        "NHS \u{ff19}\u{ff19}\u{ff19} \u{ff10}\u{ff10}\u{ff10} \u{ff10}\u{ff10}\u{ff11}\u{ff18}, \u{669}\u{669}\u{669}\u{660}\u{660}\u{660}\u{660}\u{660}\u{661}\u{668} or \u{96f}\u{96f}\u{96f} \u{966}\u{966}\u{966} \u{966}\u{966}\u{967}\u{96e}",
        &Person::default(),
    );
    assert_eq!(masked, "NHS [hidden], [hidden] or [hidden]");
    // A fullwidth date of birth, and the byte ranges are those of the text as written.
    let text = "dob \u{ff11}\u{ff11}/\u{ff10}\u{ff12}/\u{ff11}\u{ff19}\u{ff18}\u{ff14} ok";
    assert_eq!(mask_identifiers(text, &person()), "dob [hidden] ok");
    assert_eq!(decimal_digit('\u{1d7d9}'), Some(1));
    // One character may normalise to two words (`½` is `1⁄2`).
    assert_eq!(mask_identifiers("½ 1/2", &person()), "½ 1/2");
    assert_eq!(decimal_digit('a'), None);
    let found = words("x\u{fb01}\u{ff19}y");
    assert_eq!(found[0].key, "xfi");
    assert_eq!(found[1].key, "9");
    assert_eq!(found[1].range, 4..7);
}

#[test]
fn a_birth_date_written_any_way_is_known_even_when_it_is_no_valid_date() {
    let person = Person {
        date_of_birth: None,
        date_of_birth_text: Some("14/03/1985".into()),
        ..Person::default()
    };
    assert_eq!(
        mask_identifiers("`14/03/1985` is not a date; born 14 March 1985", &person),
        "`[hidden]` is not a date; born [hidden]"
    );
    let odd = Person {
        date_of_birth_text: Some("spring 85".into()),
        ..Person::default()
    };
    assert_eq!(mask_identifiers("dob: spring 85", &odd), "dob: [hidden]");
    assert_eq!(
        lenient_date("14.3.1985"),
        NaiveDate::from_ymd_opt(1985, 3, 14)
    );
    assert_eq!(lenient_date("14/03/85"), None, "which century is a guess");
}

#[test]
fn accents_and_case_do_not_hide_a_name() {
    let person = Person {
        name: Some("Zoë Adebayo".into()),
        ..Person::default()
    };
    assert_eq!(
        mask_identifiers("ZOE ADEBAYO; zoë said; Adebayo's", &person),
        "[hidden]; [hidden] said; [hidden]'s"
    );
}

#[test]
fn any_valid_nhs_number_is_hidden_but_phone_numbers_are_not() {
    let nobody = Person::default();
    assert_eq!(
        mask_identifiers("brother 943 476 5919, ward 020 7946 0118", &nobody),
        "brother [hidden], ward 020 7946 0118"
    );
    assert_eq!(
        mask_identifiers("999 000 0019 fails the check", &nobody),
        "999 000 0019 fails the check"
    );
}

#[test]
fn with_nothing_known_any_date_or_ten_digits_are_hidden() {
    let mut identifiers = Identifiers::default();
    identifiers.hide_shapes();
    assert_eq!(
        identifiers.mask("999 000 0019, born 14/03/85 or 1985-03-14; @@ -10,12 +10,13 @@"),
        "[hidden], born [hidden] or [hidden]; @@ -10,12 +10,13 @@"
    );
}

#[test]
fn text_without_identifiers_is_unchanged() {
    let text = "Supported living, 24h staffed, Zoë's choice";
    assert_eq!(mask_identifiers(text, &person()), text);
    assert_eq!(mask_identifiers(text, &Person::default()), text);
}

#[test]
fn configured_fields_give_their_values() {
    let mut plan = Plan::default();
    plan.responsible.care_coordinator = Some("R. Mensah".into());
    plan.needs = vec![
        Need {
            provider: Some("Willow House".into()),
            ..Need::default()
        },
        Need::default(),
    ];
    assert_eq!(
        identifying_values(&plan, "responsible.care_coordinator"),
        vec!["R. Mensah"]
    );
    assert_eq!(
        identifying_values(&plan, "needs[0].provider"),
        vec!["Willow House"]
    );
    assert!(identifying_values(&plan, "nosuch.field").is_empty());
    assert_eq!(normalise_field(" needs[].notes "), "needs.notes");
}

#[test]
fn whole_values_are_hidden_as_a_phrase() {
    let mut identifiers = Identifiers::default();
    identifiers.add_value("R. Mensah, Camden CMHT");
    assert_eq!(
        identifiers.mask("coordinator: R Mensah / Camden CMHT, Camden"),
        "coordinator: [hidden], Camden"
    );
}

fn hidden(text: &str) -> String {
    hide_identifying_lines(text, &ALWAYS_HIDDEN_FIELDS)
}

#[test]
fn values_over_lines_and_in_flow_style_are_hidden() {
    assert_eq!(
        hidden(
            "person: {initials: A.Q., name: Ambrose Quillfeather, \"date_of_birth\": \"1985-03-14\"}\nid: X\n"
        ),
        "person: {initials: A.Q., name: [hidden], \"date_of_birth\": [hidden]}\nid: X\n"
    );
    assert_eq!(
        hidden(
            "person:\n  name: >-\n    Ambrose\n\n    Quillfeather\n  date_of_birth:\n    1985-03-14\n  initials: A.Q.\n"
        ),
        "person:\n  name: >-\n    [hidden]\n\n    [hidden]\n  date_of_birth:\n    [hidden]\n  initials: A.Q.\n"
    );
    assert_eq!(
        hidden(
            "person: {initials: A.Q., name: Ambrose\n    Quillfeather, nhs_number: 999 000 0019}\n"
        ),
        "person: {initials: A.Q., name: [hidden]\n    [hidden], nhs_number: [hidden]}\n"
    );
    assert_eq!(
        hidden("  name: \"Ambrose\n    Quillfeather\"\n  initials: A.Q.\n"),
        "  name: [hidden]\n    [hidden]\n  initials: A.Q.\n"
    );
    assert_eq!(
        hidden("- {name: [Ambrose, Quillfeather]} # flow\n"),
        "- {name: [hidden]} # flow\n"
    );
}

#[test]
fn a_diff_is_read_as_both_its_versions() {
    let diff = "diff --git a/p.yaml b/p.yaml\n--- a/p.yaml\n+++ b/p.yaml\n@@ -1,5 +1,7 @@\n id: X\n-person: {name: Ambrose Quillfeather, date_of_birth: 1985-03-14}\n+person:\n+  name: >-\n+    Ambrose\n+    Quillfeather\n+  date_of_birth:\n+    1985-03-14\n needs: []\n";
    let found = read_identifying_text(diff, &identifying_keys(&ALWAYS_HIDDEN_FIELDS));
    let mut identifiers = Identifiers::default();
    learn_values(&mut identifiers, &found.values);
    assert_eq!(
        identifiers.mask("Ambrose said Quillfeather; 14/03/1985; Ambrose Quillfeather"),
        "[hidden] said [hidden]; [hidden]; [hidden]"
    );
    let shown = hidden(diff);
    for leak in ["Ambrose", "Quillfeather", "1985"] {
        assert!(!shown.contains(leak), "{shown}");
    }
    assert!(shown.starts_with("diff --git a/p.yaml b/p.yaml\n--- a/p.yaml\n"));
    assert!(shown.contains("+  name: >-\n+    [hidden]\n"), "{shown}");
}

#[test]
fn file_names_in_meeting_mode() {
    let id = Some("S117-0042");
    assert_eq!(
        meeting_file_name("plans/north/s117-0042.yaml", id),
        "plans/north/s117-0042.yaml"
    );
    assert_eq!(
        meeting_file_name("plans/Oliver Thistlewood.yaml", id),
        "plans/[hidden].yaml"
    );
    assert_eq!(
        meeting_file_name("plans/s117-0042.yaml", None),
        "plans/s117-0042.yaml"
    );
    assert_eq!(
        meeting_file_name("plans/Oliver Thistlewood.yaml", None),
        "plans/[hidden].yaml"
    );
    assert_eq!(
        meeting_file_name("plans/jo-1984-02-11.yaml", None),
        "plans/[hidden].yaml"
    );
    assert_eq!(
        meeting_file_name("plans/9990000018.yaml", None),
        "plans/[hidden].yaml"
    );
    assert_eq!(meeting_file_name("Oliver", None), "[hidden]");
}

proptest::proptest! {
    #[test]
    fn odd_text_never_panics_and_ranges_stay_in_the_text(
        text in "[ a-z0-9:,{}\\[\\]'\"#|>@+\\-\n\u{e9}\u{ff10}-\u{ff19}\u{660}-\u{669}\u{fb01}\u{bd}]{0,160}"
    ) {
        let shown = hide_identifying_lines(&text, &ALWAYS_HIDDEN_FIELDS);
        proptest::prop_assert!(shown.lines().count() <= text.lines().count() + 1);
        let mut identifiers = Identifiers::of(&person());
        identifiers.hide_shapes();
        for range in identifiers.find(&text) {
            proptest::prop_assert!(text.get(range).is_some());
        }
        let _ = meeting_file_name(&text, Some("S117-0042"));
        let _ = meeting_file_name(&text, None);
        let found = read_identifying_text(&format!("@@ -1 +1 @@\n{text}"), &["name".to_owned()]);
        learn_values(&mut identifiers, &found.values);
    }
}
