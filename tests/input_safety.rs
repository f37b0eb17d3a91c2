//! What comes in from the keyboard and the clipboard: a paste is text for the field it lands
//! in, never keys (a pasted `w` or `y` must not write).

mod common;

use aftercare::tui::app::{App, Overlay};
use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::{paste, press};

use common::{Samples, screen};

const PLAN: &str = "north/s117-0042.yaml";

fn pending(app: &App) -> usize {
    app.session.as_ref().map_or(0, |s| s.entries.len())
}

/// The text of the prompt's focused field.
fn focused_text(app: &App) -> String {
    match app.overlays.last() {
        Some(Overlay::Prompt(prompt)) => prompt
            .form
            .focused()
            .and_then(|field| field.input())
            .map(|input| input.text().to_owned())
            .unwrap_or_default(),
        other => panic!("no prompt on top: {other:?}"),
    }
}

#[test]
fn a_multi_line_paste_into_a_prompt_is_text_for_the_field_never_keys() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>e<C-u>");
    assert_eq!(app.layer(), Layer::Prompt);
    // As typed into the terminal, `\n` would be Enter and `w`, `y` would write the plan.
    paste(&mut app, "agreed at panel.\n\nwill review yearly");
    assert_eq!(app.layer(), Layer::Prompt, "{}", screen(&app));
    assert_eq!(focused_text(&app), "agreed at panel. will review yearly");
    assert_eq!(pending(&app), 0, "nothing queued");
    assert!(
        !app.overlays
            .iter()
            .any(|overlay| matches!(overlay, Overlay::Diff(_) | Overlay::Commit(_))),
        "no diff or commit question opened"
    );
    assert_eq!(
        samples.read(PLAN),
        Samples::original(PLAN),
        "nothing written"
    );
    assert!(
        screen(&app).contains("agreed at panel. will review yearly"),
        "{}",
        screen(&app)
    );
}

#[test]
fn a_paste_goes_in_at_the_cursor_with_control_characters_dropped() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>e<C-u>ab<left>");
    paste(&mut app, "1\r\n2\t3\x1b[2J\x07\u{202e}");
    assert_eq!(focused_text(&app), "a1 2 3[2Jb");
    // Then Enter still submits: the keys after a paste are keys again.
    press(&mut app, "<ret><ret>");
    assert_eq!(pending(&app), 1, "{}", screen(&app));
}

#[test]
fn a_paste_into_the_search_is_one_line_of_query() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/");
    paste(&mut app, "00\n42");
    assert_eq!(app.list.query, "00 42");
    assert_eq!(app.layer(), Layer::Search);
}

#[test]
fn a_paste_where_no_text_field_has_the_keys_does_nothing_but_say_so() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>kd+3m<ret>");
    assert_eq!(pending(&app), 1);
    assert_eq!(app.layer(), Layer::Plan);
    // `w` then `y` as keys would show the diff and write it.
    paste(&mut app, "wy");
    assert_eq!(app.layer(), Layer::Plan);
    assert_eq!(pending(&app), 1, "the pending change is untouched");
    assert_eq!(
        samples.read(PLAN),
        Samples::original(PLAN),
        "nothing written"
    );
    let text = screen(&app);
    assert!(text.contains("paste ignored"), "{text}");
}
