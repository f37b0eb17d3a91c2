//! Meeting mode on a plan's history in git: identifiers hidden in every version of the file,
//! whatever the style the person block was written in (flow, block, values on continuation
//! lines), old values that are no longer in the plan, and a plan that cannot be read today
//! (merge-conflict markers), where nothing is known to mask and every identifying line and
//! anything shaped like a date or an NHS number is hidden.

use std::fs;
use std::path::Path;

use aftercare::ascii_fold::fold;
use aftercare::tui::app::App;
use aftercare::tui::keyscript::press;
use aftercare::tui::keyscript::send;
use aftercare::tui::msg::Msg;

use crate::common::{Samples, git, screen};

/// What was first recorded: a person block in flow style, a wrong name, an NHS number that
/// fails its check (so only its key hides it) and a date of birth that is no longer theirs.
const FLOW: &str = "\
schema: aftercare/v1
id: S117-0600
person: {initials: A.Q., name: Ambrose Quillfeather, nhs_number: \"999 000 0019\", date_of_birth: 1985-03-14}
episode: {section: \"3\", detained: 2025-01-10, left_hospital: 2025-03-01, legal_status: cto}
responsible: {icb: NHS Test ICB, local_authority: Test Borough, care_coordinator: Pat Kerr}
needs:
  - id: N1
    need: Depot clinic
    category: health
    funding: {icb: 100}
    status: active
    since: 2025-03-01
    notes: Ambrose prefers mornings.
reviews: {interval_months: 12, next_due: 2026-12-01}
";

/// The same person rewritten in block style, values on the lines below their keys.
const BLOCK: &str = "\
schema: aftercare/v1
id: S117-0600
person:
  initials: A.Q.
  name: >-
    Ambrose
    Quillfeather
  nhs_number:
    \"999 000 0019\"
  date_of_birth:
    1985-03-14
episode: {section: \"3\", detained: 2025-01-10, left_hospital: 2025-03-01, legal_status: cto}
responsible: {icb: NHS Test ICB, local_authority: Test Borough, care_coordinator: Pat Kerr}
needs:
  - id: N1
    need: Depot clinic
    category: health
    funding: {icb: 100}
    status: active
    since: 2025-03-01
    notes: Ambrose prefers mornings.
reviews: {interval_months: 12, next_due: 2026-12-01}
";

/// What the plan says now: the details corrected.
const NOW: &str = "\
schema: aftercare/v1
id: S117-0600
person:
  initials: O.T.
  name: Oliver Thistlewood
  nhs_number: \"999 000 0018\"
  date_of_birth: 1991-07-23
episode: {section: \"3\", detained: 2025-01-10, left_hospital: 2025-03-01, legal_status: cto}
responsible: {icb: NHS Test ICB, local_authority: Test Borough, care_coordinator: Pat Kerr}
needs:
  - id: N1
    need: Depot clinic
    category: health
    funding: {icb: 100}
    status: active
    since: 2025-03-01
    notes: Oliver prefers mornings.
reviews: {interval_months: 12, next_due: 2026-12-01}
";

const FILE: &str = "s117-0600.yaml";

/// A repository holding only `plans/`, the file committed once for each text in turn.
fn repository_with_versions(versions: &[&str]) -> Samples {
    let samples = Samples::new();
    let top = samples.dir.path();
    for entry in fs::read_dir(samples.root()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            fs::remove_dir_all(path).unwrap();
        } else {
            fs::remove_file(path).unwrap();
        }
    }
    git(top, &["init", "-q", "-b", "main"]);
    git(top, &["config", "user.name", "Dana Coordinator"]);
    git(top, &["config", "user.email", "dana@example.invalid"]);
    git(top, &["config", "commit.gpgsign", "false"]);
    for (index, text) in versions.iter().enumerate() {
        fs::write(samples.path(FILE), text).unwrap();
        git(top, &["add", "."]);
        git(
            top,
            &["commit", "-q", "-m", &format!("Version {}", index + 1)],
        );
    }
    samples
}

fn app_in_meeting(samples: &Samples, meeting: bool) -> App {
    let mut app = samples.app();
    send(
        &mut app,
        Msg::GitChecked(aftercare::tui::runtime::git_status::check(&samples.root())),
    );
    app.ui.display.meeting = meeting;
    app
}

/// Each identifier of the past, found anywhere on screen (within a row or across rows).
fn old_identifiers_on(screen: &str) -> Vec<&'static str> {
    let folded = fold(screen).to_lowercase();
    let flat: String = folded.split_whitespace().collect::<Vec<_>>().join(" ");
    let digits_of_rows: Vec<String> = folded
        .lines()
        .map(|row| row.chars().filter(char::is_ascii_digit).collect())
        .collect();
    let mut found: Vec<&'static str> = [
        "ambrose",
        "quillfeather",
        "1985-03-14",
        "14/03/1985",
        "14 mar 1985",
        "999 000 0019",
    ]
    .into_iter()
    .filter(|identifier| flat.contains(identifier))
    .collect();
    if digits_of_rows.iter().any(|row| row.contains("9990000019")) {
        found.push("NHS number 9990000019 in any spacing");
    }
    found
}

/// Every commit's diff and the since-review pane, at a few sizes: what leaks where.
fn leaks_in_history(app: &mut App, commits: usize) -> Vec<String> {
    let mut failures = Vec::new();
    for index in 0..commits {
        for (width, height) in [(80, 24), (120, 40), (200, 60)] {
            send(app, Msg::Resize { width, height });
            let shown = screen(app);
            assert!(
                shown.contains("@@") || shown.contains("[hidden]"),
                "a diff is on screen:\n{shown}"
            );
            for leak in old_identifiers_on(&shown) {
                failures.push(format!(
                    "commit {index} at {width}x{height}: {leak}\n{shown}"
                ));
            }
        }
        press(app, "j");
    }
    failures
}

#[test]
fn history_hides_identifiers_written_in_flow_style_or_on_continuation_lines() {
    let samples = repository_with_versions(&[FLOW, BLOCK, NOW]);
    let mut app = app_in_meeting(&samples, true);
    press(&mut app, "/0600<ret><ret>h");
    let failures = leaks_in_history(&mut app, 3);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    // Outside meeting mode the same history shows them (the check bites).
    let mut plain = app_in_meeting(&samples, false);
    press(&mut plain, "/0600<ret><ret>hj");
    assert!(!old_identifiers_on(&screen(&plain)).is_empty());
}

/// The plan as committed by mistake in the middle of a merge: it cannot be read.
const CONFLICT: &str = "\
schema: aftercare/v1
id: S117-0600
person:
<<<<<<< HEAD
  name: Oliver Thistlewood
=======
  name: >-
    Ambrose Quillfeather
>>>>>>> theirs
  date_of_birth:
    1985-03-14
needs: []
";

/// A first version in plain block style with the details in free text too.
const PLAIN: &str = "\
schema: aftercare/v1
id: S117-0600
person:
  initials: A.Q.
  name: Ambrose Quillfeather
  nhs_number: \"999 000 0019\"
  date_of_birth: 1985-03-14
needs:
  - id: N1
    need: Depot clinic
    category: health
    funding: {icb: 100}
    status: active
    since: 2025-03-01
    notes: Ambrose Quillfeather's sister (NHS 999 000 0019) was born before 14/03/1985.
reviews: {interval_months: 12, next_due: 2026-12-01}
";

#[test]
fn history_of_a_plan_that_cannot_be_read_hides_every_identifying_line() {
    let samples = repository_with_versions(&[PLAIN, CONFLICT]);
    assert!(Path::new(&samples.path(FILE)).exists());
    let mut app = app_in_meeting(&samples, true);
    // The plan opens on its findings (it cannot be read); `h` shows its history there too.
    press(&mut app, "/0600<ret><ret>h");
    let failures = leaks_in_history(&mut app, 2);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let mut plain = app_in_meeting(&samples, false);
    press(&mut plain, "/0600<ret><ret>hj");
    assert!(!old_identifiers_on(&screen(&plain)).is_empty());
}

#[test]
fn history_title_and_renamed_paths_hide_a_file_named_after_the_person() {
    let samples = repository_with_versions(&[PLAIN]);
    let top = samples.dir.path();
    git(
        top,
        &[
            "mv",
            "plans/s117-0600.yaml",
            "plans/Ambrose Quillfeather.yaml",
        ],
    );
    git(top, &["commit", "-q", "-m", "Name the file"]);
    fs::write(samples.path("Ambrose Quillfeather.yaml"), CONFLICT).unwrap();
    git(top, &["commit", "-q", "-am", "Merge by hand"]);
    let mut app = app_in_meeting(&samples, true);
    press(&mut app, "/Ambrose<ret><ret>h");
    let failures = leaks_in_history(&mut app, 3);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    let shown = screen(&app);
    assert!(shown.contains("History of"), "{shown}");
}

#[test]
fn history_hides_old_values_from_versions_whose_diff_was_not_read_yet() {
    // The name was corrected in version 2; version 3 only rewrites a note that still had the
    // old name. Version 3's diff is shown first: the old name must be known already.
    let corrected = PLAIN
        .replace("initials: A.Q.", "initials: O.T.")
        .replace("name: Ambrose Quillfeather", "name: Oliver Thistlewood")
        .replace("999 000 0019", "999 000 0018")
        .replace("date_of_birth: 1985-03-14", "date_of_birth: 1991-07-23");
    let note =
        "notes: Ambrose Quillfeather's sister (NHS 999 000 0018) was born before 14/03/1985.";
    assert!(corrected.contains(note));
    let rewritten = corrected.replace(note, "notes: His sister visits.");
    let samples = repository_with_versions(&[PLAIN, &corrected, &rewritten]);
    let mut app = app_in_meeting(&samples, true);
    press(&mut app, "/0600<ret><ret>h");
    for (width, height) in [(80, 24), (200, 60)] {
        send(&mut app, Msg::Resize { width, height });
        let shown = screen(&app);
        assert!(shown.contains("His sister visits"), "{shown}");
        assert_eq!(old_identifiers_on(&shown), Vec::<&str>::new(), "{shown}");
    }
}
