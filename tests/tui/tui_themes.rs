//! Themes, ASCII and meeting mode on the sample plans: styled snapshots of the dashboard and
//! the plan view in each built-in theme, ASCII frames that hold nothing above U+007F,
//! `NO_COLOR` frames with no colour at all, meeting-mode frames, and a broken user theme
//! falling back with a message (through the real binary).

use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::style::Color;

use aftercare::config::Config;
use aftercare::plan::rules::RuleSettings;
use aftercare::tui::app::App;
use aftercare::tui::display::Display;
use aftercare::tui::keyscript::press;
use aftercare::tui::keyscript::send;
use aftercare::tui::msg::Msg;
use aftercare::tui::runtime::loader::load_blocking;
use aftercare::tui::startup::{DisplayFlags, display_for};
use aftercare::tui::theme::Theme;
use aftercare::tui::theme::env_of as env;
use aftercare::tui::views::render;

const UTF8_XTERM: &[(&str, &str)] = &[("LANG", "en_GB.UTF-8"), ("TERM", "xterm")];

fn settings() -> RuleSettings {
    RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

fn app_with(display: Display) -> App {
    let mut app = App::new("plans", settings(), display.theme()).with_display(display);
    for action in load_blocking(Path::new("plans"), settings()) {
        send(&mut app, action);
    }
    app
}

/// The display a user gets with this config, flags and environment.
fn display(
    config: &Config,
    flags: DisplayFlags,
    vars: &'static [(&'static str, &'static str)],
) -> Display {
    display_for(config, Vec::new(), flags, env(vars)).0
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

const SCREENS: [(&str, &str); 2] = [("dashboard", ""), ("plan", "/0042<ret><ret><tab><tab>j")];

#[test]
fn each_built_in_theme_styles_the_dashboard_and_the_plan() {
    for name in ["default", "high-contrast", "light", "mono"] {
        let config = Config {
            theme: Some(name.into()),
            ..Config::default()
        };
        for (screen, keys) in SCREENS {
            let mut app = app_with(display(&config, DisplayFlags::default(), UTF8_XTERM));
            send(
                &mut app,
                Msg::Resize {
                    width: 80,
                    height: 24,
                },
            );
            press(&mut app, keys);
            // ratatui's Debug of a buffer: the text, then each run of one style.
            insta::assert_snapshot!(
                format!("theme_{name}_{screen}_80x24"),
                format!("{:?}", draw(&mut app, 80, 24))
            );
        }
    }
}

#[test]
fn ascii_mode_draws_nothing_above_u007f() {
    let ascii = DisplayFlags {
        ascii: true,
        ..DisplayFlags::default()
    };
    let screens = [
        ("dashboard", ""),
        ("plan", "/0042<ret><ret><tab><tab>j"),
        ("voice", "/0042<ret><ret>2"),
        ("help", "/0042<ret><ret>?"),
    ];
    for (meeting, prefix) in [(false, "ascii"), (true, "ascii_meeting")] {
        for (screen, keys) in screens {
            for (width, height) in [(80, 24), (200, 50)] {
                let flags = DisplayFlags { meeting, ..ascii };
                let mut app = app_with(display(&Config::default(), flags, UTF8_XTERM));
                send(&mut app, Msg::Resize { width, height });
                press(&mut app, keys);
                let frame = text(&draw(&mut app, width, height));
                let wide = frame.chars().find(|c| !c.is_ascii());
                assert_eq!(wide, None, "{prefix} {screen} {width}x{height}:\n{frame}");
                if matches!(screen, "dashboard" | "plan") {
                    insta::assert_snapshot!(format!("{prefix}_{screen}_{width}x{height}"), frame);
                }
            }
        }
    }
    // A locale without UTF-8 means ASCII without being asked; `Zoë` arrives as `Zoe`.
    let mut app = app_with(display(
        &Config::default(),
        DisplayFlags::default(),
        &[("LANG", "C")],
    ));
    send(
        &mut app,
        Msg::Resize {
            width: 200,
            height: 50,
        },
    );
    press(&mut app, "/0042<ret><ret>");
    let frame = text(&draw(&mut app, 200, 50));
    assert!(frame.is_ascii());
    assert!(frame.contains("Zoe Adebayo"), "{frame}");
}

#[test]
fn meeting_mode_snapshots() {
    let flags = DisplayFlags {
        meeting: true,
        ..DisplayFlags::default()
    };
    for (screen, keys) in [
        ("dashboard", ""),
        ("plan", "/0042<ret><ret>"),
        ("plan_reviews", "/0042<ret><ret>4"),
    ] {
        for (width, height) in [(80, 24), (200, 50)] {
            let mut app = app_with(display(&Config::default(), flags, UTF8_XTERM));
            send(&mut app, Msg::Resize { width, height });
            press(&mut app, keys);
            insta::assert_snapshot!(
                format!("meeting_{screen}_{width}x{height}"),
                text(&draw(&mut app, width, height))
            );
        }
    }
}

#[test]
fn no_color_means_no_colour_attribute_anywhere() {
    let no_color: &[(&str, &str)] = &[
        ("LANG", "en_GB.UTF-8"),
        ("TERM", "xterm"),
        ("NO_COLOR", "1"),
    ];
    let never = DisplayFlags {
        colour: aftercare::tui::theme::ColourChoice::Never,
        ..DisplayFlags::default()
    };
    let meeting = DisplayFlags {
        meeting: true,
        ..DisplayFlags::default()
    };
    let cases = [
        (DisplayFlags::default(), no_color),
        (meeting, no_color),
        (never, UTF8_XTERM),
    ];
    let with_light = Config {
        theme: Some("light".into()),
        ..Config::default()
    };
    for (flags, vars) in cases {
        for (_, keys) in SCREENS
            .iter()
            .chain(&[("help", "?"), ("reviews", "/0061<ret><ret>4")])
        {
            let mut app = app_with(display(&with_light, flags, vars));
            press(&mut app, keys);
            let buffer = draw(&mut app, 120, 40);
            for cell in &buffer.content {
                assert_eq!((cell.fg, cell.bg), (Color::Reset, Color::Reset), "{keys}");
            }
        }
    }
    // `NO_COLOR=` (empty) does not count, and `--color always` wins over NO_COLOR.
    let empty: &[(&str, &str)] = &[("LANG", "en_GB.UTF-8"), ("TERM", "xterm"), ("NO_COLOR", "")];
    assert_eq!(
        display(&Config::default(), DisplayFlags::default(), empty).normal_theme,
        Theme::ansi16()
    );
    let always = DisplayFlags {
        colour: aftercare::tui::theme::ColourChoice::Always,
        ..DisplayFlags::default()
    };
    assert_eq!(
        display(&Config::default(), always, no_color).normal_theme,
        Theme::ansi16()
    );
}

#[test]
fn a_broken_user_theme_falls_back_with_a_message_naming_file_and_key() {
    let dir = tempfile::tempdir().unwrap();
    let themes = dir.path().join("themes");
    std::fs::create_dir(&themes).unwrap();
    std::fs::write(
        themes.join("ward.yaml"),
        "inherits: high-contrast\noverdue: bright_red bold\n",
    )
    .unwrap();
    std::fs::write(
        themes.join("broken.yaml"),
        "inherits: default\ndispute: red blinking\n",
    )
    .unwrap();
    let config = dir.path().join("config.yaml");
    std::fs::write(&config, "theme: broken\n").unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_aftercare"))
            .arg("--config")
            .arg(&config)
            .args(args)
            .env("LANG", "en_GB.UTF-8")
            .env_remove("NO_COLOR")
            .output()
            .unwrap()
    };
    let listed = run(&["themes"]);
    let listed_text = String::from_utf8_lossy(&listed.stdout);
    assert!(listed_text.contains("ward"), "{listed_text}");
    assert!(listed_text.contains("high-contrast"));
    let shown = run(&["themes", "show", "ward", "--color", "always"]);
    let shown_text = String::from_utf8_lossy(&shown.stdout);
    assert!(
        shown_text.contains("overdue    \x1b[0;1;91;40m"),
        "{shown_text:?}"
    );
    // The full-screen view cannot start without a terminal, but the message comes first.
    let opened = run(&["plans"]);
    let stderr = String::from_utf8_lossy(&opened.stderr);
    let file = themes.join("broken.yaml");
    let expected = format!(
        "{}:2:10: theme key `dispute`: unknown style word `blinking`",
        file.display()
    );
    assert!(stderr.contains(&expected), "{stderr}");
    assert!(stderr.contains("using the default theme"), "{stderr}");
    let shown = run(&["themes", "show", "broken"]);
    assert_eq!(shown.status.code(), Some(1));
}

#[test]
fn meeting_mode_cuts_a_long_provider_with_an_ellipsis() {
    let samples = crate::common::Samples::new();
    let long =
        "Camden CMHT North clozapine clinic, with the physical health team at the Royal Free";
    let path = samples.path("north/s117-0042.yaml");
    let text = std::fs::read_to_string(&path).unwrap().replace(
        "provider: Camden CMHT North clozapine clinic",
        &format!("provider: {long}"),
    );
    std::fs::write(&path, text).unwrap();
    let mut app = samples.app();
    send(
        &mut app,
        aftercare::tui::msg::Msg::Resize {
            width: 80,
            height: 30,
        },
    );
    press(&mut app, "/0042<ret><ret>m");
    let shown = crate::common::screen(&app);
    let line = shown
        .lines()
        .find(|line| line.contains(" by Camden CMHT"))
        .unwrap_or_else(|| panic!("the provider line: {shown}"));
    assert!(
        line.contains('…'),
        "a cut provider ends with the ellipsis: {line}"
    );
    assert!(!shown.contains("Royal Free"), "{shown}");
}
