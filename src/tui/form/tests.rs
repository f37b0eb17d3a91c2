//! Unit tests of form state: typing, moving, conditional fields, dates read as typed.

use crate::tui::form::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn form() -> Form {
    Form::new(
        "Category",
        today(),
        vec![
            Field::choice(
                "category",
                "Category",
                vec![
                    Choice::word("health"),
                    Choice::word("social"),
                    Choice::word("joint"),
                ],
                "health",
            ),
            Field::number("icb", "ICB share", 50, 100).when("category", &["joint"]),
            Field::date("due", "Review by", "", DateRule::NextReview).required(),
        ],
    )
}

#[test]
fn text_input_edits_at_the_cursor() {
    let mut input = TextInput::new("Zoë");
    input.left();
    input.insert('x');
    assert_eq!(input.text(), "Zoxë");
    input.home();
    input.backspace();
    input.insert('>');
    assert_eq!(input.text(), ">Zoxë");
    input.end();
    input.backspace();
    assert_eq!(input.text(), ">Zox");
    assert!(input.edited);
}

#[test]
fn a_field_shows_only_while_its_choice_says_so() {
    let mut form = form();
    assert_eq!(form.visible(), vec![0, 2]);
    assert!(form.next_field());
    assert_eq!(form.focus, 2);
    assert!(!form.next_field());
    assert!(form.previous_field());
    form.type_char('j');
    assert_eq!(form.value("category"), "joint");
    assert_eq!(form.visible(), vec![0, 1, 2]);
    assert!(form.next_field());
    assert_eq!(form.focus, 1);
    form.type_char('x');
    form.backspace();
    form.backspace();
    form.type_char('4');
    form.type_char('0');
    assert_eq!(form.number("icb"), Some(40));
    assert!(form.is_dirty());
    form.focus = 0;
    form.step(false);
    assert_eq!(form.value("category"), "social");
    assert_eq!(form.visible(), vec![0, 2]);
}

#[test]
fn problems_name_the_field_and_dates_read_as_typed() {
    let mut form = form();
    assert_eq!(
        form.first_problem(),
        Some((2, "Review by is required".to_owned()))
    );
    form.focus = 2;
    for c in "+3m".chars() {
        form.type_char(c);
    }
    assert_eq!(form.first_problem(), None);
    assert_eq!(form.date("due"), NaiveDate::from_ymd_opt(2027, 2, 28));
    assert_eq!(
        understood_label(form.date("due").unwrap()),
        "Sun 28 Feb 2027"
    );
    let past = read_date("01/01/2026", DateRule::NextReview, today());
    assert!(past.warnings[0].contains("in the past"));
    let far = read_date("+13m", DateRule::NextReview, today());
    assert!(far.warnings[0].contains("more than 12 months"));
    assert!(
        read_date("+12m", DateRule::NextReview, today())
            .warnings
            .is_empty()
    );
    assert!(
        read_date("31/02/2027", DateRule::NextReview, today())
            .understood
            .is_err()
    );
}

#[test]
fn checklists_tick_with_space() {
    let mut form = Form::new(
        "Attendees",
        today(),
        vec![Field::checklist(
            "roles",
            "Who attended",
            vec![
                "person".into(),
                "care coordinator".into(),
                "advocate".into(),
            ],
        )],
    );
    form.type_char(' ');
    form.step(true);
    form.step(true);
    form.type_char(' ');
    assert_eq!(form.checked("roles"), vec!["person", "advocate"]);
    assert_eq!(form.value("roles"), "person, advocate");
}

#[test]
fn a_share_keeps_what_is_typed_and_enter_refuses_what_is_not_a_whole_number() {
    let mut form = Form::new(
        "Split".to_owned(),
        chrono::NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
        vec![Field::number("icb", "ICB share %", 50, 100)],
    );
    for c in "7.5".chars() {
        form.type_char(c);
    }
    assert_eq!(form.value("icb"), "7.5", "never read as 75");
    let (_, why) = form.first_problem().expect("7.5 is refused");
    assert!(why.contains("a whole number from 0 to 100"), "{why}");
    form.clear();
    for c in "x-5".chars() {
        form.type_char(c);
    }
    assert_eq!(form.value("icb"), "x-5", "never read as 5");
    assert!(form.first_problem().is_some());
}
