//! Plan text reaches the screen inert: a plan whose every text field holds escape sequences
//! (clear screen, OSC 52 clipboard writes, window titles, BEL, `\r`, C1 and bidi controls)
//! is drawn on every screen, and each control shows as a visible placeholder; none reaches a
//! cell, and none is dropped silently (which would hide that the text holds one). The bytes a
//! real terminal receives are checked in `tui_pty.rs`.

use std::fs;
use std::path::Path;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use aftercare::inert::is_inert;
use aftercare::plan::rules::RuleSettings;
use aftercare::tui::action::{Action, PlanTab};
use aftercare::tui::app::{App, Screen};
use aftercare::tui::keyscript::press;
use aftercare::tui::keyscript::send;
use aftercare::tui::msg::Msg;
use aftercare::tui::runtime::loader::load_blocking;
use aftercare::tui::theme::Theme;
use aftercare::tui::views;

const ESCAPES: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/hostile/terminal-escapes.yaml"
);

fn app(folder: &Path, width: u16, height: u16) -> App {
    let settings = RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    let mut app = App::new(folder.display().to_string(), settings, Theme::ansi16());
    for action in load_blocking(folder, settings) {
        send(&mut app, action);
    }
    send(&mut app, Msg::Resize { width, height });
    app
}

/// The frame as text, after checking that no cell holds a control character, and that no
/// escape sequence lost its ESC on the way (ratatui drops control characters it is given:
/// the text must arrive already made visible).
fn screen(app: &App) -> String {
    let mut terminal = Terminal::new(TestBackend::new(app.ui.width, app.ui.height)).unwrap();
    terminal.draw(|frame| views::render(app, frame)).unwrap();
    let mut text = String::new();
    for (index, cell) in terminal.backend().buffer().content().iter().enumerate() {
        if index > 0 && index % usize::from(app.ui.width) == 0 {
            text.push('\n');
        }
        assert!(
            is_inert(cell.symbol()),
            "{:?} reached a cell",
            cell.symbol()
        );
        text.push_str(cell.symbol());
    }
    for sequence in ["[2J", "]52;", "[31m", "]0;", "[8m", "[5m", "[2K"] {
        for (at, _) in text.match_indices(sequence) {
            assert!(
                text[..at].ends_with('\u{241b}'),
                "{sequence} shown without its ESC:\n{text}"
            );
        }
    }
    text
}

fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(ESCAPES, dir.path().join("escapes.yaml")).unwrap();
    // A file name can carry a sequence too (it is listed as an empty, invalid file).
    fs::write(dir.path().join("\u{1b}]0;owned\u{7}.yaml"), "").unwrap();
    dir
}

fn assert_shows(text: &str, wanted: &[&str]) {
    for piece in wanted {
        assert!(text.contains(piece), "{piece:?} not shown:\n{text}");
    }
}

#[test]
fn the_dashboard_shows_names_and_plans_with_their_controls_visible() {
    let dir = folder();
    let app = app(dir.path(), 200, 50);
    let text = screen(&app);
    assert_shows(
        &text,
        &[
            "A.\u{2407}S.",
            "NHS West \u{241b}[31mYorkshire ICB",
            "Leeds \u{2426}liconuoC",
            "\u{241b}]0;owned\u{2407}.yaml",
        ],
    );
}

#[test]
fn every_tab_of_the_plan_shows_its_controls_visible() {
    let dir = folder();
    for (width, height) in [(80, 24), (200, 50)] {
        let mut app = app(dir.path(), width, height);
        press(&mut app, "/9104<ret><ret>");
        assert!(
            matches!(app.nav.screen, Screen::Plan(_)),
            "{}",
            screen(&app)
        );
        let needs = screen(&app);
        assert_shows(
            &needs,
            &[
                "Care coordination \u{241b}[2J\u{241b}[H and review",
                "Leeds CMHT \u{241b}]0;pwned\u{2407}(Armley)",
            ],
        );
        if width == 200 {
            assert_shows(
                &needs,
                &[
                    "S117-9104\u{241b}[2J",
                    "Aisha\u{240d}Siddiqui \u{241b}]52;c;SGVsbG8=\u{2407}",
                    "P. Hargreaves\u{2426}2J",
                ],
            );
        }
        // The joint need's notes: a carriage return and an OSC 52 clipboard write.
        press(&mut app, "<tab><tab>");
        assert_shows(
            &screen(&app),
            &["Not used yet\u{240d}\u{241b}[2Kagreed \u{241b}]52;c;cm0gLXJmIH4=\u{2407}"],
        );
        send(&mut app, Action::ShowTab(PlanTab::Voice));
        assert_shows(
            &screen(&app),
            &["Wants \u{241b}[8mhidden\u{241b}[0m meetings at the CMHT\u{2421}"],
        );
        send(&mut app, Action::ShowTab(PlanTab::Crisis));
        assert_shows(
            &screen(&app),
            &[
                "Talking \u{241b}[5mvery\u{241b}[0m fast",
                "Not sleeping\u{2400}",
            ],
        );
        send(&mut app, Action::ShowTab(PlanTab::Reviews));
        assert_shows(
            &screen(&app),
            &["N3 housing \u{241b}Psupport\u{241b}\\ added"],
        );
        send(&mut app, Action::ShowTab(PlanTab::Findings));
        screen(&app);
    }
}

#[test]
fn a_file_name_with_a_sequence_is_shown_inert_in_its_findings() {
    let dir = folder();
    let mut app = app(dir.path(), 120, 30);
    press(&mut app, "G<ret>");
    let text = screen(&app);
    assert!(matches!(app.nav.screen, Screen::Findings { .. }), "{text}");
    assert_shows(&text, &["\u{241b}]0;owned\u{2407}.yaml"]);
}
