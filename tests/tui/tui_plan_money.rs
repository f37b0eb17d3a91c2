//! Money on the plan view: the selected need's cost (per its period and weekly), who pays what
//! now, its delivery and top-up; the header's totals per body, weekly and (`$`) yearly; and
//! none of it in meeting mode unless `meeting_shows_costs: true`.

use std::path::Path;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use aftercare::config::Config;
use aftercare::plan::rules::RuleSettings;
use aftercare::tui::app::App;
use aftercare::tui::display::Display;
use aftercare::tui::keyscript::{press, send};
use aftercare::tui::msg::Msg;
use aftercare::tui::runtime::loader::load_blocking;
use aftercare::tui::startup::{DisplayFlags, display_for};
use aftercare::tui::theme::env_of as env;
use aftercare::tui::views::render;

const UTF8_XTERM: &[(&str, &str)] = &[("LANG", "en_GB.UTF-8"), ("TERM", "xterm")];

/// S117-0104's joint need N2: £1,925.00 a week, ICB and LA sharing it.
const JOINT_NEED_WITH_A_COST: &str = "/0104<ret><ret><tab><tab>";

fn settings() -> RuleSettings {
    RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

fn app(config: &Config, meeting: bool) -> App {
    let flags = DisplayFlags {
        meeting,
        ..DisplayFlags::default()
    };
    let display: Display = display_for(config, Vec::new(), flags, env(UTF8_XTERM)).0;
    let mut app = App::new("plans", settings(), display.theme()).with_display(display);
    for action in load_blocking(Path::new("plans"), settings()) {
        send(&mut app, action);
    }
    app
}

fn frame(app: &mut App, width: u16, height: u16) -> String {
    send(app, Msg::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| render(app, frame)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    (0..height)
        .map(|y| {
            (0..width)
                .map(|x| buffer[(x, y)].symbol())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// An amount of money as the screen shows one: `£`, or pence after digits (`12.50`).
fn shows_money(frame: &str) -> bool {
    let chars: Vec<char> = frame.chars().collect();
    frame.contains('£')
        || chars.windows(4).any(|w| {
            w[0].is_ascii_digit() && w[1] == '.' && w[2].is_ascii_digit() && w[3].is_ascii_digit()
        })
}

#[test]
fn a_need_shows_its_cost_and_who_pays_it_now_and_the_header_totals_per_body() {
    let mut app = app(&Config::default(), false);
    send(
        &mut app,
        Msg::Resize {
            width: 120,
            height: 40,
        },
    );
    press(&mut app, JOINT_NEED_WITH_A_COST);
    let shown = frame(&mut app, 120, 40);
    assert!(
        shown.contains("Cost: £1,925.00/wk from 14 Apr 2025"),
        "{shown}"
    );
    assert!(shown.contains("Pays now: ICB £"), "{shown}");
    assert!(shown.contains("paid now/wk ICB £"), "{shown}");
    insta::assert_snapshot!("plan_money_120x40", shown);
    // `$` turns the header's totals to a year, and back.
    press(&mut app, "$");
    let yearly = frame(&mut app, 120, 40);
    assert!(yearly.contains("paid now/yr ICB £"), "{yearly}");
    press(&mut app, "$");
    assert!(frame(&mut app, 120, 40).contains("paid now/wk"));
}

#[test]
fn meeting_mode_shows_no_cost_on_the_plan_unless_configured() {
    for (width, height) in [(80, 24), (200, 50)] {
        let mut app = app(&Config::default(), true);
        send(&mut app, Msg::Resize { width, height });
        press(&mut app, JOINT_NEED_WITH_A_COST);
        let shown = frame(&mut app, width, height);
        assert!(!shows_money(&shown), "{shown}");
        press(&mut app, "$");
        let shown = frame(&mut app, width, height);
        assert!(!shows_money(&shown), "{shown}");
    }
    let configured = Config {
        meeting_shows_costs: true,
        ..Config::default()
    };
    let mut app = app(&configured, true);
    send(
        &mut app,
        Msg::Resize {
            width: 200,
            height: 50,
        },
    );
    press(&mut app, JOINT_NEED_WITH_A_COST);
    let shown = frame(&mut app, 200, 50);
    assert!(shown.contains("paid now/wk ICB £"), "{shown}");
    assert!(
        shown.contains("£1,925.00/wk: ICB £1,155.00 · LA £770.00 now"),
        "{shown}"
    );
}
