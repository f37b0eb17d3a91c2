//! Meeting mode hides identifiers everywhere: every screen and overlay is drawn, at several
//! sizes, for plans whose name, NHS number and date of birth also appear inside needs,
//! notes, the dispute, the crisis plan, the history, finding messages, file names and an
//! error notice; no cell of any frame may show them, in any spacing, even across lines.

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use aftercare::ascii_fold::fold;
use aftercare::plan::assess::assess_plan_text;
use aftercare::plan::rules::RuleSettings;
use aftercare::store::folder::PlanFile;
use aftercare::tui::app::App;
use aftercare::tui::display::Display;
use aftercare::tui::keyscript::press;
use aftercare::tui::keyscript::send;
use aftercare::tui::msg::Msg;
use aftercare::tui::theme::Theme;
use aftercare::tui::views::render;

const NAME: &str = "Marguerite Okonkwo-Hale";
const NHS_DIGITS: &str = "9990000018";

/// Identifiers in every free-text field the format has, spaced and cased many ways.
const PLAN: &str = "\
schema: aftercare/v1
id: S117-7001
person:
  initials: M.O.
  name: Marguerite Okonkwo-Hale
  nhs_number: \"999 000 0018\"
  date_of_birth: 1984-02-11
  okonkwo_pronouns: she/her
episode:
  section: \"3\"
  detained: 2025-01-10
  left_hospital: 2025-03-01
  legal_status: cto
responsible:
  icb: NHS Test ICB
  local_authority: Test Borough
  care_coordinator: Pat Kerr, CMHT (covers Marguerite Okonkwo-Hale)
  dispute:
    since: 2026-09-01
    about: [N3]
    interim_funder: icb
    note: Panel asked for MARGUERITE OKONKWO-HALE's file (NHS 999-000-0018, born 11/02/1984).
needs:
  - id: N1
    need: Depot clinic for Marguerite (NHS 9990000018), born 11 Feb 1984
    category: health
    provider: Okonkwo-Hale family practice
    funding: {icb: 100}
    status: active
    since: 2025-03-01
    notes: |
      Ms Okonkwo-Hale prefers mornings. Her NHS number is 999 000
      0018 and her date of birth 1984-02-11; she was born 11 February 1984.
  - id: N2
    need: Day centre, three days; Marguerite Okonkwo-Hale chooses the days
    category: social
    funding: {la: 100}
    status: active
    since: 2025-03-01
  - id: N3
    need: Supported flat near Marguerite's sister (999 000 0018)
    category: joint
    funding: {icb: 50, la: 50}
    status: proposed
    since: 2026-09-01
patient_voice:
  goals: \"Marguerite: my own flat by 11/02/2027; my birthday is 11 Feb 1984\"
  views: I am Marguerite Okonkwo-Hale and I want fewer visits.
crisis_plan:
  signs: [Stops sleeping, Calls herself Okonkwo-Hale in the third person]
  contacts: [\"Sister of Marguerite Okonkwo-Hale, 07700 900123\", \"GP quoting NHS 999 000 0018\"]
reviews:
  interval_months: 12
  next_due: 2026-12-01
  history:
    - date: 2025-12-01
      attendees: [Marguerite Okonkwo-Hale, care coordinator]
      person_involved: true
      outcome: changed
      changes: [\"N1 moved; Marguerite (dob 11.02.1984) agreed\"]
";

fn settings() -> RuleSettings {
    RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

fn plan_file(display: &str, text: &str) -> PlanFile {
    let assessed = assess_plan_text(text, display, &settings());
    PlanFile {
        path: display.into(),
        display: display.into(),
        plan: assessed.plan,
        findings: assessed.findings,
        id_location: assessed.id_location,
    }
}

/// The plan above twice: valid, and made invalid (joint funding totals 90) so that it opens
/// on its findings; both in files named after the person.
fn app(meeting: bool) -> App {
    let invalid = PLAN
        .replace("S117-7001", "S117-7002")
        .replace("{icb: 50, la: 50}", "{icb: 40, la: 50}");
    let files = vec![
        plan_file("plans/okonkwo-hale-marguerite.yaml", PLAN),
        plan_file("plans/marguerite-okonkwo-hale-9990000018.yaml", &invalid),
    ];
    let display = Display {
        meeting,
        ..Display::plain(Theme::ansi16())
    };
    App::with_files("plans", settings(), files).with_display(display)
}

/// Every cell of the frame, row by row.
fn frame_rows(app: &mut App, width: u16, height: u16) -> Vec<String> {
    send(app, Msg::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render(app, frame)).unwrap();
    let buffer = terminal.backend().buffer();
    (0..height)
        .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect())
        .collect()
}

/// What would identify the person, found anywhere in the frame.
fn leaks(rows: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let folded: Vec<String> = rows.iter().map(|row| fold(row).to_lowercase()).collect();
    for part in ["marguerite", "okonkwo", "hale"] {
        if folded.iter().any(|row| row.contains(part)) {
            found.push(format!("name part {part}"));
        }
    }
    // Digits in any spacing, within a row and across the whole frame.
    let digits_only =
        |text: &str| -> String { text.chars().filter(char::is_ascii_digit).collect() };
    let spaced = |text: &str| -> String {
        text.chars()
            .filter(|c| {
                !c.is_whitespace() && !"-|+=".contains(*c) && (c.is_ascii() || c.is_alphanumeric())
            })
            .collect()
    };
    for row in rows {
        if spaced(row).contains(NHS_DIGITS) || digits_only(row).contains(NHS_DIGITS) {
            found.push(format!("NHS number in `{}`", row.trim()));
        }
    }
    let whole: String = rows.iter().map(|row| spaced(row)).collect();
    if whole.contains(NHS_DIGITS) {
        found.push("NHS number across lines".into());
    }
    for date in [
        "1984-02-11",
        "11/02/1984",
        "11 feb 1984",
        "11 february 1984",
        "11.02.1984",
    ] {
        if folded.iter().any(|row| row.contains(date)) {
            found.push(format!("date of birth {date}"));
        }
    }
    // Across lines: the frame as one text without borders or line breaks.
    let flat: String = folded
        .iter()
        .map(|row| row.replace(['|', '+'], " "))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    for date in ["11 feb 1984", "11 february 1984"] {
        if flat.contains(date) {
            found.push(format!("date of birth {date} across lines"));
        }
    }
    found
}

/// Key scripts that reach every screen and overlay.
const SCREENS: &[(&str, &str)] = &[
    ("plans list", ""),
    ("plans list, searching", "/7001"),
    ("plans list help", "?"),
    ("plan, health", "/7001<ret><ret>"),
    ("plan, social", "/7001<ret><ret><tab>"),
    ("plan, joint", "/7001<ret><ret><tab><tab>"),
    ("person's voice", "/7001<ret><ret>2"),
    ("crisis plan", "/7001<ret><ret>3"),
    ("reviews", "/7001<ret><ret>4"),
    ("findings tab", "/7001<ret><ret>5"),
    ("plan help", "/7001<ret><ret>?"),
    ("leave meeting?", "/7001<ret><ret>m"),
    ("invalid plan's findings", "/7002<ret><ret>"),
    ("invalid plan opened anyway", "/7002<ret><ret><ret>"),
    ("invalid plan, findings tab", "/7002<ret><ret><ret>5"),
    ("findings help", "/7002<ret><ret>?"),
];

const SIZES: [(u16, u16); 5] = [(60, 16), (80, 24), (100, 30), (120, 40), (200, 50)];

#[test]
fn no_screen_shows_an_identifier_in_meeting_mode() {
    let mut failures = Vec::new();
    for (screen, keys) in SCREENS {
        for (width, height) in SIZES {
            let mut app = app(true);
            send(&mut app, Msg::Resize { width, height });
            press(&mut app, keys);
            assert!(app.in_meeting(), "{screen}: still in meeting mode");
            for leak in leaks(&frame_rows(&mut app, width, height)) {
                failures.push(format!("{screen} at {width}x{height}: {leak}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn error_notices_and_tiny_terminals_are_masked_too() {
    let mut app = app(true);
    app.ui.notice = Some(format!(
        "plans/{NAME}.yaml:3:1: cannot read the plan of {NAME}, NHS 999 000 0018, born 11 Feb 1984"
    ));
    for (width, height) in [(80, 24), (200, 50)] {
        assert_eq!(
            leaks(&frame_rows(&mut app, width, height)),
            Vec::<String>::new()
        );
    }
    press(&mut app, "/7001<ret><ret>");
    app.ui.notice = Some(format!("{NAME}'s plan changed on disk"));
    assert_eq!(leaks(&frame_rows(&mut app, 80, 24)), Vec::<String>::new());
    let mut tiny = self::app(true);
    press(&mut tiny, "/7001<ret><ret>");
    assert_eq!(leaks(&frame_rows(&mut tiny, 40, 10)), Vec::<String>::new());
}

#[test]
fn the_same_screens_show_identifiers_outside_meeting_mode() {
    // The check above would pass on a plan that never shows anything: make sure it would not.
    let mut app = app(false);
    press(&mut app, "/7001<ret><ret>");
    let rows = frame_rows(&mut app, 200, 50);
    assert!(
        !leaks(&rows).is_empty(),
        "the plan view shows the name normally"
    );
    press(&mut app, "3");
    assert!(!leaks(&frame_rows(&mut app, 200, 50)).is_empty());
}

#[test]
fn meeting_mode_shows_age_and_initials_large_and_asks_before_leaving() {
    let mut app = app(true);
    press(&mut app, "/7001<ret><ret>");
    let rows = frame_rows(&mut app, 100, 30);
    let text = rows.join("\n");
    assert!(text.contains("age 42"), "{text}");
    assert!(text.contains("M.O."));
    assert!(text.contains("MEETING"));
    press(&mut app, "m");
    assert!(app.in_meeting(), "m asks first");
    assert!(
        frame_rows(&mut app, 100, 30)
            .join("\n")
            .contains("Leave meeting mode?")
    );
    press(&mut app, "<esc>");
    assert!(app.in_meeting(), "Esc stays");
    press(&mut app, "mn");
    assert!(app.in_meeting(), "n stays");
    press(&mut app, "my");
    assert!(!app.in_meeting(), "y leaves");
    assert_eq!(app.ui.theme, app.ui.display.normal_theme);
    press(&mut app, "m");
    assert!(app.in_meeting(), "m turns it on without asking");
    assert_eq!(app.ui.theme, app.ui.display.meeting_theme);
}

/// The plans on disk (so edits can be queued and written), opened in meeting mode.
fn app_on_disk(meeting: bool) -> (tempfile::TempDir, App) {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("okonkwo-hale-marguerite.yaml");
    std::fs::write(&file, PLAN).unwrap();
    let display = file.display().to_string();
    let mut loaded = plan_file(&display, PLAN);
    loaded.path = file;
    let shown = Display {
        meeting,
        ..Display::plain(Theme::ansi16())
    };
    let app = App::with_files(dir.path().display().to_string(), settings(), vec![loaded])
        .with_display(shown);
    (dir, app)
}

#[test]
fn prompts_the_diff_and_error_dialogs_are_masked_too() {
    let mut failures = Vec::new();
    let steps: &[(&str, &str)] = &[
        ("date prompt", "/7001<ret><ret>d"),
        ("date prompt refusing a date", "<C-u>31/02/2027"),
        ("date prompt with a good date", "<C-u>+3m"),
        ("the diff before writing", "<ret>w"),
    ];
    let (dir, mut app) = app_on_disk(true);
    for (screen, keys) in steps {
        press(&mut app, keys);
        for (width, height) in [(80, 24), (200, 50)] {
            for leak in leaks(&frame_rows(&mut app, width, height)) {
                failures.push(format!("{screen} at {width}x{height}: {leak}"));
            }
        }
        if *screen == "the diff before writing" {
            let shown = frame_rows(&mut app, 200, 50).join("\n");
            assert!(shown.contains("@@"), "the diff is on screen:\n{shown}");
        }
    }
    // Someone else changes the file: the write is refused and the reload dialog says so.
    let file = dir.path().join("okonkwo-hale-marguerite.yaml");
    std::fs::write(&file, format!("{PLAN}# edited by a colleague\n")).unwrap();
    press(&mut app, "y");
    for (width, height) in [(80, 24), (200, 50)] {
        for leak in leaks(&frame_rows(&mut app, width, height)) {
            failures.push(format!(
                "changed-on-disk dialog at {width}x{height}: {leak}"
            ));
        }
    }
    let screen = frame_rows(&mut app, 200, 50).join("\n");
    assert!(
        screen.to_lowercase().contains("on disk"),
        "the refusal is on screen:\n{screen}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // And outside meeting mode the same diff does show the person's details (the check bites).
    let (_dir, mut plain) = app_on_disk(false);
    press(&mut plain, "/7001<ret><ret>d<C-u>+3m<ret>w");
    assert!(!leaks(&frame_rows(&mut plain, 200, 50)).is_empty());
}

/// A plan for the cases below: a person whose details are written every common UK way.
const OLIVER: &str = "\
schema: aftercare/v1
id: S117-0500
person:
  initials: O.T.
  name: Oliver Thistlewood
  nhs_number: \"999 000 0018\"
  date_of_birth: 1991-07-23
episode:
  section: \"3\"
  detained: 2025-01-10
  left_hospital: 2025-03-01
  legal_status: cto
responsible:
  icb: NHS Test ICB
  local_authority: Test Borough
  care_coordinator: Pat Kerr
needs:
  - id: N1
    need: \"Depot clinic; born 23rd July 1991, 23/07/91, 23 Jul 91 and 23-07-91\"
    category: health
    funding: {icb: 100}
    status: active
    since: 2025-03-01
  - id: N2
    need: \"Day centre; born July 23rd, 1991 or 23.07.1991 or the 23rd of July 1991\"
    category: social
    funding: {la: 100}
    status: active
    since: 2025-03-01
  - id: N3
    need: \"Housing; NHS \u{ff19}\u{ff19}\u{ff19} \u{ff10}\u{ff10}\u{ff10} \u{ff10}\u{ff10}\u{ff11}\u{ff18} and \u{669}\u{669}\u{669} \u{660}\u{660}\u{660} \u{660}\u{660}\u{661}\u{668}\"
    category: joint
    funding: {icb: 50, la: 50}
    status: proposed
    since: 2025-03-01
reviews:
  interval_months: 12
  next_due: 2026-12-01
";

/// Each way the cases below write Oliver's identifiers, as a row or the whole frame shows it.
const OLIVER_FORMS: [&str; 14] = [
    "oliver",
    "thistlewood",
    "23rd july 1991",
    "23/07/91",
    "23 jul 91",
    "23-07-91",
    "july 23rd, 1991",
    "23.07.1991",
    "23rd of july 1991",
    "\u{ff19}\u{ff19}\u{ff19}",
    "\u{669}\u{669}\u{669}",
    "14/03/1985",
    "ambrose",
    "quillfeather",
];

/// The forms above found anywhere in the frame, within a row or across rows.
fn oliver_leaks(rows: &[String]) -> Vec<String> {
    let flat: String = rows
        .iter()
        .map(|row| fold(row).to_lowercase().replace(['|', '+', '│'], " "))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    OLIVER_FORMS
        .iter()
        .filter(|form| flat.contains(*form))
        .map(|form| format!("`{form}` in:\n{}", rows.join("\n")))
        .collect()
}

/// Oliver's plan, one with a date of birth that is not a date, and one that cannot be read
/// (merge-conflict markers), each in a file named after its person.
fn oliver_app() -> App {
    let bad_date = OLIVER
        .replace("S117-0500", "S117-0501")
        .replace("date_of_birth: 1991-07-23", "date_of_birth: 14/03/1985");
    let conflict = "schema: aftercare/v1\nid: S117-0502\nperson:\n<<<<<<< HEAD\n  name: Ambrose Quillfeather\n=======\n  name: Ambrose Quillfeather-Lowe\n>>>>>>> theirs\n";
    let files = vec![
        plan_file("plans/Oliver Thistlewood.yaml", OLIVER),
        plan_file("plans/thistlewood-dob.yaml", &bad_date),
        plan_file("plans/Ambrose Quillfeather.yaml", conflict),
    ];
    let display = Display {
        meeting: true,
        ..Display::plain(Theme::ansi16())
    };
    App::with_files("plans", settings(), files).with_display(display)
}

#[test]
fn every_written_form_of_a_birth_date_and_any_scripts_digits_are_hidden() {
    let mut failures = Vec::new();
    for (screen, keys) in [
        ("needs", "/0500<ret><ret>"),
        ("need N2", "/0500<ret><ret><tab>"),
        ("need N3", "/0500<ret><ret><tab><tab>"),
    ] {
        for (width, height) in [(80, 24), (200, 50)] {
            let mut app = oliver_app();
            press(&mut app, keys);
            for leak in oliver_leaks(&frame_rows(&mut app, width, height)) {
                failures.push(format!("{screen} at {width}x{height}: {leak}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Outside meeting mode the same screen shows them (the check bites).
    let mut plain = oliver_app();
    plain.ui.display.meeting = false;
    press(&mut plain, "/0500<ret><ret>");
    assert!(!oliver_leaks(&frame_rows(&mut plain, 200, 50)).is_empty());
}

#[test]
fn a_birth_date_that_is_not_a_date_is_hidden_in_its_finding() {
    let mut failures = Vec::new();
    for (screen, keys) in [
        ("plans list", ""),
        ("findings", "/0501<ret><ret>"),
        ("findings tab", "/0501<ret><ret><ret>5"),
    ] {
        for (width, height) in [(80, 24), (200, 50)] {
            let mut app = oliver_app();
            press(&mut app, keys);
            let rows = frame_rows(&mut app, width, height);
            for leak in oliver_leaks(&rows) {
                failures.push(format!("{screen} at {width}x{height}: {leak}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let mut plain = oliver_app();
    plain.ui.display.meeting = false;
    press(&mut plain, "/0501<ret><ret>");
    let shown = frame_rows(&mut plain, 200, 50).join("\n");
    assert!(shown.contains("14/03/1985"), "{shown}");
}

#[test]
fn file_names_after_the_person_are_not_shown() {
    let mut failures = Vec::new();
    for (screen, keys) in [
        ("plans list", ""),
        ("unreadable plan's findings", "/Ambrose<ret><ret>"),
        ("invalid plan's findings", "/0501<ret><ret>"),
    ] {
        for (width, height) in [(80, 24), (200, 50)] {
            let mut app = oliver_app();
            press(&mut app, keys);
            let rows = frame_rows(&mut app, width, height);
            for leak in oliver_leaks(&rows) {
                failures.push(format!("{screen} at {width}x{height}: {leak}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // The findings still say which file: its folder, and the plan id where there is one.
    let mut app = oliver_app();
    press(&mut app, "/0501<ret><ret>");
    let shown = frame_rows(&mut app, 200, 50).join("\n");
    assert!(shown.contains("plans/"), "{shown}");
}

#[test]
fn due_in_meeting_mode_names_no_one_in_its_file_column() {
    use aftercare::commands::due::{DueFilter, due_rows};
    let files = vec![plan_file("plans/Oliver Thistlewood.yaml", OLIVER)];
    let filter = DueFilter {
        meeting: true,
        ..DueFilter::default()
    };
    let rows = due_rows(&files, &filter, settings().today, 30);
    assert!(!rows.is_empty());
    for row in &rows {
        assert!(!row.file.contains("Oliver"), "{}", row.file);
        assert!(!row.file.contains("Thistlewood"), "{}", row.file);
        assert!(row.file.starts_with("plans/"), "{}", row.file);
    }
    let plain = due_rows(&files, &DueFilter::default(), settings().today, 30);
    assert_eq!(plain[0].file, "plans/Oliver Thistlewood.yaml");
}

#[test]
fn the_search_box_does_not_echo_what_is_typed() {
    for query in ["Thistlewood", "Thistle", "Ambrose", "23/07/91"] {
        let mut app = oliver_app();
        press(&mut app, &format!("/{query}"));
        let shown = frame_rows(&mut app, 100, 30).join("\n");
        assert!(!shown.contains(query), "{query}:\n{shown}");
        assert!(shown.contains("search: /"), "{shown}");
    }
    let mut plain = oliver_app();
    plain.ui.display.meeting = false;
    press(&mut plain, "/Thistle");
    assert!(
        frame_rows(&mut plain, 100, 30)
            .join("\n")
            .contains("Thistle")
    );
}

/// A new plan started in a meeting asks for no name, NHS number or date of birth (typed text
/// is shown as typed); outside a meeting it offers all three.
#[test]
fn a_new_plan_started_in_a_meeting_asks_for_no_identifier() {
    let rows = |meeting: bool| {
        let mut app = app(meeting);
        press(&mut app, "n");
        frame_rows(&mut app, 100, 40).join("\n")
    };
    let outside = rows(false);
    assert!(outside.contains("NHS number (optional)"), "{outside}");
    let inside = rows(true);
    for label in [
        "Name (optional)",
        "NHS number (optional)",
        "Date of birth (optional)",
    ] {
        assert!(
            !inside.contains(label),
            "{label} offered in a meeting:\n{inside}"
        );
    }
    assert!(inside.contains("Meeting mode: name, NHS number and birth date are added afterwards."));
}
