//! `aftercare new`: answers on standard input, the file shown as a diff, written only when
//! confirmed, and the plan it writes passes `aftercare check`. Runs on a temporary copy.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::common::{Samples, golden};

const BINARY: &str = env!("CARGO_BIN_EXE_aftercare");

fn new(samples: &Samples, answers: &str) -> (Option<i32>, String) {
    new_in(&samples.root(), answers)
}

fn new_in(folder: &std::path::Path, answers: &str) -> (Option<i32>, String) {
    let mut child = Command::new(BINARY)
        .args(["new", "--today", "2026-11-28"])
        .arg(folder)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(answers.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stdout).into_owned()
            + &String::from_utf8_lossy(&output.stderr),
    )
}

/// Id (suggested), initials, name, NHS number and date of birth (none given), section,
/// detained, left hospital, legal status, ICB, LA, coordinator, folder, first review
/// (suggested), confirm.
const ANSWERS: &str = "\nT.K.\n\n\n\n37/41\n01/06/2026\n20/11/2026\nconditional_discharge\n3\nTrafford Council\nP. Ng, CMHT East\n1\n\ny\n";

#[test]
fn a_new_plan_is_shown_confirmed_written_and_passes_check() {
    let samples = Samples::new();
    let (code, output) = new(&samples, ANSWERS);
    assert_eq!(code, Some(0), "{output}");
    assert!(output.contains("new file mode 100644"), "{output}");
    assert!(output.contains("= Fri 01 Jan 2027"), "{output}");
    let written = samples.read("s117-0316.yaml");
    golden("new-cli-s117-0316.yaml", &written);
    let check = Command::new(BINARY)
        .args(["check", "--today", "2026-11-28"])
        .arg(samples.root())
        .output()
        .unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(check.status.success(), "{report}");
    assert!(!report.contains("s117-0316"), "{report}");
}

#[test]
fn wrong_answers_are_asked_again() {
    let samples = Samples::new();
    let answers = ANSWERS
        .replacen(
            "\nT.K.\n\n\n\n37/41\n",
            "S117-0042\n\nT.K.\n\n\n\n2\n37/41\n",
            1,
        )
        .replacen(
            "01/06/2026\n20/11/2026\n",
            "01/06/2026\n31/11/2026\n20/11/2026\n",
            1,
        );
    let (code, output) = new(&samples, &answers);
    assert_eq!(code, Some(0), "{output}");
    assert!(
        output.contains("the id S117-0042 is already used by "),
        "the app's words, naming the file: {output}"
    );
    assert!(output.contains("S117 follows only these detentions"));
    assert!(output.contains("There is no day 31 in November 2026"));
    assert_eq!(samples.read("s117-0316.yaml"), golden_text());
}

#[test]
fn a_file_already_there_is_refused_before_asking_to_write() {
    let samples = Samples::new();
    // A file with the new plan's name that is not a plan (no id to clash with).
    std::fs::write(samples.path("s117-0500.yaml"), "notes: not a plan yet\n").unwrap();
    let answers = ANSWERS.replacen("\nT.K.\n", "S117-0500\nT.K.\n", 1);
    let (code, output) = new(&samples, &answers);
    assert_eq!(code, Some(1), "{output}");
    assert!(
        output.contains("refused: ") && output.contains("s117-0500.yaml already exists"),
        "{output}"
    );
    assert!(!output.contains("? (y/N)"), "not asked to write: {output}");
    assert_eq!(samples.read("s117-0500.yaml"), "notes: not a plan yet\n");
}

#[test]
fn name_nhs_number_and_date_of_birth_can_be_given_and_a_mistyped_number_is_asked_again() {
    let samples = Samples::new();
    // 999 000 0019: the check digit should be 8.
    let answers = ANSWERS.replacen(
        "\nT.K.\n\n\n\n",
        "\nT.K.\nTomasz Test\n999 000 0019\n999 000 0018\n29/02/1980\n",
        1,
    );
    let (code, output) = new(&samples, &answers);
    assert_eq!(code, Some(0), "{output}");
    assert!(
        output.contains("the check digit (the last digit) should be 8, not 9"),
        "{output}"
    );
    assert!(output.contains("= Fri 29 Feb 1980"), "{output}");
    let written = samples.read("s117-0316.yaml");
    assert!(written.contains("  name: Tomasz Test "), "{written}");
    assert!(
        written.contains("  nhs_number: \"999 000 0018\" "),
        "{written}"
    );
    assert!(
        written.contains("  date_of_birth: 1980-02-29 "),
        "{written}"
    );
    assert!(!written.contains("# name:"), "{written}");
}

/// In a folder with no plans there are no ICBs or local authorities to number: the names
/// are asked for, never "a number".
#[test]
fn in_an_empty_folder_the_names_are_asked_for_not_numbers() {
    let dir = tempfile::tempdir().unwrap();
    // Id, initials, name, NHS number, date of birth, section, detained, left hospital,
    // legal status, ICB (empty first: asked again), LA, coordinator, first review, confirm.
    let answers =
        "\nT.K.\n\n\n\n3\n\n20/11/2026\nnone\n\nNHS Test ICB\nTest Borough Council\n\n\ny\n";
    let (code, output) = new_in(dir.path(), answers);
    assert_eq!(code, Some(0), "{output}");
    assert!(output.contains("ICB (type the name): "), "{output}");
    assert!(
        output.contains("Local authority (type the name): "),
        "{output}"
    );
    assert!(output.contains("  type the name\n"), "{output}");
    assert!(!output.contains("a number"), "{output}");
    let written = std::fs::read_to_string(dir.path().join("s117-0001.yaml")).unwrap();
    assert!(written.contains("  icb: NHS Test ICB\n"), "{written}");
}

fn golden_text() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/golden/tui/new-cli-s117-0316.yaml"
    ))
    .unwrap()
}

#[test]
fn stopping_or_declining_writes_nothing() {
    let samples = Samples::new();
    let (code, output) = new(&samples, "\nT.K.\n");
    assert_eq!(code, Some(1), "{output}");
    assert!(output.contains("stopped; nothing was written"));
    let declined = ANSWERS.replace("\ny\n", "\nn\n");
    let (code, output) = new(&samples, &declined);
    assert_eq!(code, Some(1), "{output}");
    assert!(output.contains("not written"));
    assert!(!samples.path("s117-0316.yaml").exists());
}

/// A plan whose ICB holds an OSC 52 (clipboard) sequence, in a folder whose name holds a
/// window-title sequence: `new` offers both as choices, shows the diff and names the file, and
/// not one escape or bell reaches the terminal.
#[test]
fn choices_and_folder_names_from_the_plans_folder_are_printed_inert() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("plans");
    let team = root.join("team \u{1b}]0;owned\u{7}");
    std::fs::create_dir_all(&team).unwrap();
    let plan = "schema: aftercare/v1\nid: S117-9001\nperson:\n  initials: A.B.\nepisode:\n  section: \"3\"\n  left_hospital: 2026-10-01\n  legal_status: none\nresponsible:\n  icb: \"NHS \\e]52;c;AAAA\\a ICB\"\n  local_authority: \"Test \\e[2J Borough\"\nneeds: []\nreviews:\n  next_due: 2027-06-01\n";
    std::fs::write(team.join("s117-9001.yaml"), plan).unwrap();
    // Id, initials, name, NHS number, date of birth, section, detained, left hospital, legal status, ICB 1, LA 1,
    // coordinator, folder 2 (the team's), first review, confirm.
    let answers = "\nT.K.\n\n\n\n3\n\n20/11/2026\nnone\n1\n1\n\n2\n\ny\n";
    let mut child = Command::new(BINARY)
        .args(["new", "--today", "2026-11-28"])
        .arg(&root)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(answers.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    let shown = String::from_utf8_lossy(&output.stdout);
    assert!(
        shown.contains("NHS \u{241b}]52;c;AAAA\u{2407} ICB"),
        "{shown}"
    );
    assert!(shown.contains("team \u{241b}]0;owned\u{2407}/"), "{shown}");
    for bytes in [&output.stdout, &output.stderr] {
        assert!(
            !bytes.contains(&0x1b),
            "an escape reached the terminal: {shown}"
        );
        assert!(
            !bytes.contains(&0x07),
            "a bell reached the terminal: {shown}"
        );
    }
}
