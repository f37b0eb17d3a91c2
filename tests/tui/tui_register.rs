//! The register (`$` on the plans list): per ICB and per local authority, plans, needs and the
//! weekly cost paid now, with a bar chart; drawn at 80x24 and 200x50, in mono (`NO_COLOR`), in
//! ASCII, and in meeting mode, where no money shows unless `meeting_shows_costs: true`.

use std::path::Path;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

use aftercare::config::Config;
use aftercare::plan::money::tally::summarize;
use aftercare::plan::rules::RuleSettings;
use aftercare::tui::app::App;
use aftercare::tui::display::Display;
use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::{press, send};
use aftercare::tui::msg::Msg;
use aftercare::tui::runtime::loader::load_blocking;
use aftercare::tui::startup::{DisplayFlags, display_for};
use aftercare::tui::theme::env_of as env;
use aftercare::tui::views::render;

const UTF8_XTERM: &[(&str, &str)] = &[("LANG", "en_GB.UTF-8"), ("TERM", "xterm")];
const NO_COLOR: &[(&str, &str)] = &[
    ("LANG", "en_GB.UTF-8"),
    ("TERM", "xterm"),
    ("NO_COLOR", "1"),
];

fn settings() -> RuleSettings {
    RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

fn display(config: &Config, flags: DisplayFlags, vars: &'static [(&str, &str)]) -> Display {
    display_for(config, Vec::new(), flags, env(vars)).0
}

/// The sample plans, shown this way.
fn app_with(display: Display) -> App {
    let mut app = App::new("plans", settings(), display.theme()).with_display(display);
    for action in load_blocking(Path::new("plans"), settings()) {
        send(&mut app, action);
    }
    app
}

fn plain_app() -> App {
    app_with(display(
        &Config::default(),
        DisplayFlags::default(),
        UTF8_XTERM,
    ))
}

fn draw(app: &mut App, width: u16, height: u16) -> Buffer {
    send(app, Msg::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render(app, frame)).unwrap();
    terminal.backend().buffer().clone()
}

fn text(buffer: &Buffer) -> String {
    let area = buffer.area;
    (0..area.height)
        .map(|y| {
            let row: String = (0..area.width).map(|x| buffer[(x, y)].symbol()).collect();
            format!("{row:?}")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The register of `app` at this size, from the plans list.
fn register(app: &mut App, width: u16, height: u16) -> String {
    send(app, Msg::Resize { width, height });
    press(app, "$");
    text(&draw(app, width, height))
}

/// An amount of money as the screen shows one: `£` or `L` (ASCII) and pence, or `.dd` after
/// digits.
fn shows_money(frame: &str) -> bool {
    let chars: Vec<char> = frame.chars().collect();
    frame.contains('£')
        || chars.windows(4).any(|w| {
            w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
        })
}

#[test]
fn the_dollar_key_opens_the_register_and_esc_goes_back() {
    let mut app = plain_app();
    send(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    assert_eq!(app.layer(), Layer::Dashboard);
    press(&mut app, "$");
    assert_eq!(app.layer(), Layer::Register);
    let frame = text(&draw(&mut app, 80, 24));
    assert!(frame.contains("Register"), "{frame}");
    // Scrolls to the end and back, then Esc returns to the plans list.
    press(&mut app, "G");
    let bottom = text(&draw(&mut app, 80, 24));
    assert!(bottom.contains("All plans"), "{bottom}");
    press(&mut app, "g<esc>");
    assert_eq!(app.layer(), Layer::Dashboard);
    // The help of the plans list names the key.
    press(&mut app, "?");
    let help = text(&draw(&mut app, 80, 24));
    assert!(help.contains("$ ") && help.contains("register"), "{help}");
}

#[test]
fn the_register_shows_what_each_body_pays_now_as_summary_counts_it() {
    let mut app = plain_app();
    // Tall enough for every body's block at once.
    let frame = register(&mut app, 200, 300);
    let summary = summarize(&app.folder.files, settings().today);
    for (name, tally) in &summary.by_icb {
        assert!(frame.contains(name.as_str()), "{name}\n{frame}");
        // A Welsh plan's health body is a Local Health Board, never called an ICB.
        let body = if tally.welsh_plans == tally.plans {
            "LHB"
        } else {
            "ICB"
        };
        let pays = format!("paid now by this {body}: {}/wk", tally.icb_pays_pence);
        assert!(frame.contains(&pays), "{pays}\n{frame}");
        assert!(
            frame.contains(&format!("{body}  {name}")),
            "{name}\n{frame}"
        );
    }
    assert!(
        frame.contains("LHB  Cardiff and Vale University Health Board"),
        "{frame}"
    );
    let total = format!(
        "paid now: ICB {}/wk, LA {}/wk, together {}/wk",
        summary.total.icb_pays_pence,
        summary.total.la_pays_pence,
        summary.total.paid_now_pence()
    );
    assert!(frame.contains(&total), "{total}\n{frame}");
    assert!(frame.contains("Weekly cost paid now, by body"), "{frame}");
    assert!(frame.contains("the plans record no team"), "{frame}");
}

#[test]
fn register_snapshots_at_both_sizes() {
    for (width, height) in [(80, 24), (200, 50)] {
        let mut app = plain_app();
        insta::assert_snapshot!(
            format!("register_{width}x{height}"),
            register(&mut app, width, height)
        );
    }
}

#[test]
fn register_in_mono_has_no_colour_and_every_bar_says_its_amount() {
    let mut app = app_with(display(
        &Config::default(),
        DisplayFlags::default(),
        NO_COLOR,
    ));
    send(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    press(&mut app, "$");
    let buffer = draw(&mut app, 80, 24);
    for cell in &buffer.content {
        assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset));
    }
    let frame = text(&buffer);
    let summary = summarize(&app.folder.files, settings().today);
    for tally in summary.by_icb.values() {
        let amount = tally.icb_pays_pence.to_string();
        assert!(frame.contains(&amount), "{amount}\n{frame}");
    }
    insta::assert_snapshot!("register_mono_80x24", frame);
}

#[test]
fn register_in_ascii_draws_nothing_above_u007f() {
    let ascii = DisplayFlags {
        ascii: true,
        ..DisplayFlags::default()
    };
    for (width, height) in [(80, 24), (200, 50)] {
        let mut app = app_with(display(&Config::default(), ascii, UTF8_XTERM));
        let frame = register(&mut app, width, height);
        assert_eq!(frame.chars().find(|c| !c.is_ascii()), None, "{frame}");
        assert!(frame.contains('#'), "ASCII bars: {frame}");
        insta::assert_snapshot!(format!("register_ascii_{width}x{height}"), frame);
    }
}

#[test]
fn meeting_mode_shows_no_cost_in_the_register_unless_configured() {
    let meeting = DisplayFlags {
        meeting: true,
        ..DisplayFlags::default()
    };
    for (width, height) in [(80, 24), (200, 50)] {
        let mut app = app_with(display(&Config::default(), meeting, UTF8_XTERM));
        let frame = register(&mut app, width, height);
        assert!(!shows_money(&frame), "{frame}");
        assert!(frame.contains("costs hidden in meeting mode"), "{frame}");
        // Scrolled to the end: still none.
        press(&mut app, "G");
        let bottom = text(&draw(&mut app, width, height));
        assert!(!shows_money(&bottom), "{bottom}");
    }
    let shows = Config {
        meeting_shows_costs: true,
        ..Config::default()
    };
    let mut app = app_with(display(&shows, meeting, UTF8_XTERM));
    let frame = register(&mut app, 200, 50);
    assert!(shows_money(&frame), "{frame}");
}
