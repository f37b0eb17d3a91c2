//! `p` on a plan: the export dialog chooses what and where, the runtime writes the file, and
//! the app says where; a path inside the plans folder is written only when Enter is pressed
//! again; in meeting mode the export leaves out the identifiers.

use std::fs;

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use aftercare::tui::app::handle_key;
use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::{paste, press};

use crate::common::{Samples, screen};

const IDENTIFIERS: [&str; 4] = ["Adebayo", "999 861 8959", "9998618959", "1991-07-23"];

#[test]
fn p_exports_the_persons_copy_and_says_where_it_was_written() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>p");
    assert_eq!(app.layer(), Layer::Export);
    let shown = screen(&app);
    assert!(shown.contains("Export the plan"), "{shown}");
    assert!(shown.contains("> the person's copy (html)"), "{shown}");
    assert!(shown.contains("s117-0042-person.html"), "{shown}");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("copy.html");
    press(&mut app, "<C-u>");
    paste(&mut app, target.to_str().unwrap());
    press(&mut app, "<ret>");
    assert_eq!(app.layer(), Layer::Plan, "the dialog closes once written");
    let said = app.bottom_line().unwrap_or_default().to_owned();
    assert!(said.starts_with("wrote the person's copy to /"), "{said}");
    assert!(said.ends_with("copy.html"), "{said}");
    let written = fs::read_to_string(&target).unwrap();
    assert!(written.starts_with("<!DOCTYPE html>"));
    assert!(written.contains("<h1>Your aftercare plan</h1>"));
    assert!(
        written.contains("Zoë Adebayo"),
        "outside meeting mode it is the person's own copy"
    );
}

#[test]
fn down_chooses_another_kind_and_the_file_name_follows() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>p<down><down><down><down>");
    let shown = screen(&app);
    assert!(shown.contains("> FHIR CarePlan (json)"), "{shown}");
    assert!(shown.contains("s117-0042-fhir.json"), "{shown}");
    press(&mut app, "<esc>");
    assert_eq!(app.layer(), Layer::Plan);
}

#[test]
fn a_path_inside_the_plans_folder_is_written_only_when_enter_is_pressed_again() {
    let samples = Samples::new();
    let mut app = samples.app();
    let inside = samples.root().join("north/export.md");
    press(&mut app, "/0042<ret><ret>p<down><C-u>");
    paste(&mut app, inside.to_str().unwrap());
    press(&mut app, "<ret>");
    assert_eq!(app.layer(), Layer::Export, "still asking");
    assert!(!inside.exists(), "nothing written yet");
    let shown = screen(&app);
    assert!(shown.contains("inside the plans folder"), "{shown}");
    press(&mut app, "<ret>");
    assert!(inside.exists(), "written once confirmed");
    assert!(
        fs::read_to_string(&inside)
            .unwrap()
            .starts_with("# Your aftercare plan")
    );
}

#[test]
fn in_meeting_mode_p_exports_without_identifiers() {
    let samples = Samples::new();
    let mut app = samples.app();
    let out = tempfile::tempdir().unwrap();
    press(&mut app, "/0042<ret><ret>mp");
    assert!(screen(&app).contains("Meeting mode: no name"));
    for (down, name) in [
        ("", "person.html"),
        ("<down><down>", "record.html"),
        ("<down><down><down><down>", "fhir.json"),
    ] {
        let target = out.path().join(name);
        press(&mut app, &format!("p{down}<C-u>"));
        paste(&mut app, target.to_str().unwrap());
        press(&mut app, "<ret>");
        let written = fs::read_to_string(&target).unwrap();
        for identifier in IDENTIFIERS {
            assert!(!written.contains(identifier), "{name}: {identifier}");
        }
        assert!(written.contains("Z.A."), "{name}");
    }
}

#[test]
fn the_help_and_the_hint_bar_name_the_export_key() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>?");
    let help = screen(&app);
    assert!(help.contains("export: the person's copy"), "{help}");
    press(&mut app, "<esc>p");
    // `?` types into the path here: F1 is the help, as in every form.
    let f1 = KeyEvent::new(KeyCode::F(1), KeyModifiers::NONE);
    assert!(handle_key(&mut app, &f1).is_empty());
    let help = screen(&app);
    assert!(
        help.contains("write the export to the file named"),
        "{help}"
    );
}
