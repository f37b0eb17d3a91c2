//! Frame time of the dashboard with 100 and 10,000 plans, and of the plan view, drawn into
//! memory. Run with `cargo bench --bench render`. The dashboard builds only the rows that
//! show, so its frame time should not grow with the number of plans.

use std::hint::black_box;
use std::time::{Duration, Instant};

use chrono::{Days, NaiveDate};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use aftercare::plan::finding::Location;
use aftercare::plan::model::*;
use aftercare::plan::rules::RuleSettings;
use aftercare::store::folder::PlanFile;
use aftercare::tui::app::App;
use aftercare::tui::keyscript::press;
use aftercare::tui::keyscript::send;
use aftercare::tui::msg::Msg;
use aftercare::tui::views;

const FRAMES: u32 = 300;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).unwrap()
}

fn need(id: usize, category: Category, funding: Funding) -> Need {
    Need {
        id: Some(format!("N{id}")),
        need: Some(format!(
            "Generated need number {id} with a description long enough to be cut on screen"
        )),
        category: Some(category),
        provider: Some("Generated Provider Service".into()),
        funding: Some(funding),
        status: Some(NeedStatus::Active),
        since: Some(today() - Days::new(400)),
        review_by: None,
        notes: Some("Notes that wrap over more than one line in the detail pane. ".repeat(3)),
        ..Need::default()
    }
}

/// A plausible plan, different for each `n`.
fn plan_file(n: usize) -> PlanFile {
    let icb = |share| Funding {
        icb: Some(share),
        la: None,
    };
    let la = |share| Funding {
        icb: None,
        la: Some(share),
    };
    let plan = Plan {
        schema: Some(SCHEMA_V1.into()),
        id: Some(format!("S117-{n:05}")),
        person: Person {
            initials: Some(format!(
                "{}.{}.",
                (b'A' + (n % 26) as u8) as char,
                (b'A' + (n / 26 % 26) as u8) as char
            )),
            ..Person::default()
        },
        episode: Episode {
            section: Some(Section::S3),
            left_hospital: Some(today() - Days::new(700)),
            legal_status: Some(LegalStatus::Cto),
            ..Episode::default()
        },
        responsible: Responsible {
            icb: Some(format!("NHS Generated ICB {}", n % 42)),
            local_authority: Some(format!("Generated Borough {}", n % 150)),
            care_coordinator: Some(format!("Coordinator {}", n % 300)),
            dispute: None,
            basis: None,
        },
        needs: vec![
            need(1, Category::Health, icb(100)),
            need(2, Category::Health, icb(100)),
            need(3, Category::Social, la(100)),
            need(
                4,
                Category::Joint,
                Funding {
                    icb: Some(40),
                    la: Some(60),
                },
            ),
        ],
        reviews: Reviews {
            interval_months: Some(12),
            next_due: Some(today() - Days::new(60) + Days::new((n * 7 % 500) as u64)),
            history: Vec::new(),
        },
        ..Plan::default()
    };
    PlanFile {
        path: format!("gen/s117-{n:05}.yaml").into(),
        display: format!("gen/s117-{n:05}.yaml"),
        plan: Some(plan),
        findings: Vec::new(),
        id_location: Location::START,
    }
}

fn app_with(count: usize) -> App {
    let files = (0..count).map(plan_file).collect();
    App::with_files("gen", RuleSettings::new(today()), files)
}

/// Mean and worst time of drawing the app's current screen.
fn time_frames(app: &mut App, width: u16, height: u16) -> (Duration, Duration) {
    send(app, Msg::Resize { width, height });
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    for _ in 0..FRAMES / 10 {
        terminal.draw(|frame| views::render(app, frame)).unwrap();
    }
    let mut worst = Duration::ZERO;
    let start = Instant::now();
    for _ in 0..FRAMES {
        let frame_start = Instant::now();
        terminal
            .draw(|frame| views::render(black_box(app), frame))
            .unwrap();
        worst = worst.max(frame_start.elapsed());
    }
    (start.elapsed() / FRAMES, worst)
}

fn report(what: &str, (mean, worst): (Duration, Duration)) {
    println!(
        "{what:<46} mean {:>8.1} us   worst {:>8.1} us",
        mean.as_secs_f64() * 1e6,
        worst.as_secs_f64() * 1e6
    );
}

fn main() {
    for count in [100, 10_000] {
        let mut app = app_with(count);
        for (width, height) in [(80, 24), (200, 50)] {
            report(
                &format!("dashboard, {count:>6} plans, {width}x{height}, top"),
                time_frames(&mut app, width, height),
            );
        }
        // Scrolled to the middle: the rows drawn are still only the visible ones.
        press(&mut app, "g");
        for _ in 0..count / 2 {
            press(&mut app, "j");
        }
        report(
            &format!("dashboard, {count:>6} plans, 80x24, middle"),
            time_frames(&mut app, 80, 24),
        );
        let start = Instant::now();
        press(&mut app, "/s117 0042");
        report(
            &format!("search keystrokes (10) over {count:>6} plans"),
            (start.elapsed() / 10, Duration::ZERO),
        );
        press(&mut app, "<esc>g<ret>");
        for (width, height) in [(80, 24), (200, 50)] {
            report(
                &format!("plan view, {count:>6} plans, {width}x{height}"),
                time_frames(&mut app, width, height),
            );
        }
        // Meeting mode masks every frame twice (text, then every cell).
        press(&mut app, "m");
        for (width, height) in [(80, 24), (200, 50)] {
            report(
                &format!("meeting plan view, {count:>6} plans, {width}x{height}"),
                time_frames(&mut app, width, height),
            );
        }
        press(&mut app, "<esc>");
        report(
            &format!("meeting dashboard, {count:>6} plans, 200x50"),
            time_frames(&mut app, 200, 50),
        );
    }
}
