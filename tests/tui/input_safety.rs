//! What comes in from the keyboard and the clipboard, and how text is measured on screen: a
//! paste is text for the field it lands in, never keys (a pasted `w` or `y` must not write);
//! need text with emoji sequences and combining marks keeps the needs list's columns in line.

use aftercare::plan::assess::assess_plan_text;
use aftercare::store::folder::PlanFile;
use aftercare::tui::app::{App, Overlay};
use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::{paste, press};
use aftercare::tui::views::render;

use crate::common::{Samples, screen, settings};

const PLAN: &str = "north/s117-0042.yaml";

fn pending(app: &App) -> usize {
    app.pending_changes()
}

/// The text of the prompt's focused field.
fn focused_text(app: &App) -> String {
    match app.top_overlay() {
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
        !app.nav
            .overlays
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
    // Then Enter still submits (need, provider, money left as it is): the keys after a paste
    // are keys again.
    press(&mut app, "<ret><ret><ret>");
    assert_eq!(pending(&app), 1, "{}", screen(&app));
}

#[test]
fn a_paste_into_the_search_is_one_line_of_query() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/");
    paste(&mut app, "00\n42");
    assert_eq!(app.nav.list.query, "00 42");
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

/// A plan whose health needs hold emoji sequences (one picture, two columns, several code
/// points), combining marks and emoji with a variation selector, each long enough to be cut.
fn emoji_plan() -> PlanFile {
    let needs = [
        "Nurse visits 👩\u{200d}⚕\u{fe0f} weekly, with the community team and the GP, and a medication review",
        "Family sessions 👨\u{200d}👩\u{200d}👧 monthly 👨\u{200d}👩\u{200d}👧 with the family therapist and an advocate",
        "Cafe\u{301} group with Jose\u{301} and Zoe\u{308} on Thursdays, peer support and a volunteer placement",
        "Heart ❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}❤\u{fe0f}",
        "Fire ❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥❤\u{fe0f}\u{200d}🔥",
        "Plain text for comparison: supported living, tenancy help and a weekly budget session with staff",
    ];
    let mut text = String::from(
        "schema: aftercare/v1\nid: S117-9301\nperson:\n  initials: E.M.\nepisode:\n  section: \"3\"\n  left_hospital: 2026-10-01\n  legal_status: none\nresponsible:\n  icb: NHS Test ICB\n  local_authority: Test Borough\nneeds:\n",
    );
    for (index, need) in needs.iter().enumerate() {
        text.push_str(&format!(
            "  - id: N{}\n    need: \"{need}\"\n    category: health\n    funding: {{icb: 100}}\n    status: active\n",
            index + 1
        ));
    }
    text.push_str("reviews:\n  next_due: 2027-06-01\n  history:\n    - date: 2026-10-20\n");
    let assessed = assess_plan_text(&text, "plans/emoji.yaml", &settings());
    assert!(assessed.plan.is_some(), "{:?}", assessed.findings);
    PlanFile {
        path: "plans/emoji.yaml".into(),
        display: "plans/emoji.yaml".into(),
        plan: assessed.plan,
        findings: assessed.findings,
        id_location: assessed.id_location,
    }
}

/// The column where `word` starts on each row of the focused box (its border `┃` at the
/// left edge of the screen) that has it.
fn columns_of(buffer: &ratatui::buffer::Buffer, word: &str) -> Vec<(u16, u16)> {
    let area = buffer.area;
    let mut found = Vec::new();
    for y in area.top()..area.bottom() {
        if buffer[(area.left(), y)].symbol() != "\u{2503}" {
            continue;
        }
        let cells: Vec<&str> = (area.left()..area.right())
            .map(|x| buffer[(x, y)].symbol())
            .collect();
        let letters: Vec<String> = word.chars().map(String::from).collect();
        if let Some(x) = cells
            .windows(letters.len())
            .position(|window| window.iter().zip(&letters).all(|(a, b)| *a == b))
        {
            found.push((x as u16, y));
        }
    }
    found
}

#[test]
fn emoji_sequences_and_combining_marks_keep_the_needs_columns_in_line() {
    for width in [80u16, 100, 120] {
        let mut app = App::with_files("plans", settings(), vec![emoji_plan()]);
        aftercare::tui::keyscript::send(
            &mut app,
            aftercare::tui::msg::Msg::Resize { width, height: 30 },
        );
        press(&mut app, "<ret>");
        let mut terminal =
            ratatui::Terminal::new(ratatui::backend::TestBackend::new(width, 30)).unwrap();
        terminal.draw(|frame| render(&app, frame)).unwrap();
        let buffer = terminal.backend().buffer().clone();
        let rows = columns_of(&buffer, "active");
        assert_eq!(
            rows.len(),
            6,
            "every need shows its status at {width}: {rows:?}"
        );
        let first = rows[0].0;
        assert!(
            rows.iter().all(|(x, _)| *x == first),
            "the status column moves at {width} columns: {rows:?}\n{}",
            terminal.backend()
        );
    }
}
