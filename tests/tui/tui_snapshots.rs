//! Snapshots of every screen, drawn into memory at 80x24 and 200x50 over the sample plans
//! with "today" fixed at 28 Nov 2026, plus plans built here for what the samples lack.

use std::path::Path;

use chrono::NaiveDate;

use aftercare::plan::assess::assess_plan_text;
use aftercare::plan::rules::RuleSettings;
use aftercare::store::folder::PlanFile;
use aftercare::tui::app::App;
use aftercare::tui::keyscript::press;
use aftercare::tui::keyscript::send;
use aftercare::tui::msg::Msg;
use aftercare::tui::runtime::loader::load_blocking;
use aftercare::tui::theme::Theme;
use aftercare::tui::views::draw_to_text;

const SIZES: [(u16, u16); 2] = [(80, 24), (200, 50)];

fn settings() -> RuleSettings {
    RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

/// A plan whose joint funding totals 90: an error, so the plan is invalid.
const INVALID_PLAN: &str = "\
schema: aftercare/v1
id: S117-0113
person:
  initials: H.W.
episode:
  section: \"3\"
  left_hospital: 2025-02-03
  legal_status: none
responsible:
  icb: NHS North Central London ICB
  local_authority: London Borough of Enfield
needs:
  - id: N1
    need: Supported living
    category: joint
    funding: {icb: 40, la: 50}
    status: active
reviews:
  next_due: 2027-02-01
";

fn plan_file(display: &str, text: &str) -> PlanFile {
    let assessed = assess_plan_text(text, display, &settings());
    PlanFile {
        path: display.into(),
        display: display.into(),
        plan: assessed.plan,
        findings: assessed.findings,
        id_location: assessed.id_location,
    }
}

/// The sample plans, plus an invalid plan and a file that is not YAML at all.
fn app() -> App {
    let mut app = App::new("plans", settings(), Theme::ansi16());
    for action in load_blocking(Path::new("plans"), settings()) {
        send(&mut app, action);
    }
    send(
        &mut app,
        Msg::PlansLoaded(vec![
            plan_file("plans/north/s117-0113.yaml", INVALID_PLAN),
            plan_file("plans/notes.yaml", "schema: [unclosed\n"),
        ]),
    );
    app
}

fn frame(app: &mut App, width: u16, height: u16) -> String {
    send(app, Msg::Resize { width, height });
    draw_to_text(app, width, height)
}

fn snapshot_at_both_sizes(name: &str, keys: &str) {
    for (width, height) in SIZES {
        let mut app = app();
        send(&mut app, Msg::Resize { width, height });
        press(&mut app, keys);
        insta::assert_snapshot!(
            format!("{name}_{width}x{height}"),
            frame(&mut app, width, height)
        );
    }
}

#[test]
fn dashboard() {
    snapshot_at_both_sizes("dashboard", "");
}

#[test]
fn dashboard_searching() {
    snapshot_at_both_sizes("dashboard_search", "/camden");
}

#[test]
fn plan_view() {
    snapshot_at_both_sizes("plan", "/0118<ret><ret>");
}

#[test]
fn plan_with_a_dispute() {
    snapshot_at_both_sizes("plan_dispute", "/0042<ret><ret><tab><tab>j");
}

#[test]
fn plan_tabs() {
    snapshot_at_both_sizes("plan_voice", "/0042<ret><ret>2");
    snapshot_at_both_sizes("plan_crisis", "/0042<ret><ret>3");
    snapshot_at_both_sizes("plan_reviews", "/0061<ret><ret>4");
    snapshot_at_both_sizes("plan_findings", "/0042<ret><ret>5");
}

#[test]
fn invalid_plan_findings() {
    snapshot_at_both_sizes("findings_invalid", "/0113<ret><ret>");
}

#[test]
fn help_overlay() {
    snapshot_at_both_sizes("help_dashboard", "?");
    snapshot_at_both_sizes("help_plan", "<ret>?");
}

#[test]
fn too_small() {
    let mut app = app();
    insta::assert_snapshot!("too_small_59x15", frame(&mut app, 59, 15));
    let text = frame(&mut app, 40, 10);
    assert!(text.contains("terminal too small: need 60x16, have"));
    assert!(text.contains("40x10"));
}

#[test]
fn dashboard_never_shows_names_nhs_numbers_or_birth_dates() {
    let mut app = app();
    let text = frame(&mut app, 200, 50);
    for file in &app.folder.files {
        let Some(plan) = &file.plan else { continue };
        let person = &plan.person;
        for secret in [person.name.clone(), person.nhs_number.clone()]
            .into_iter()
            .flatten()
        {
            assert!(!text.contains(&secret), "dashboard shows {secret}");
        }
        if let Some(born) = person.date_of_birth {
            let shown = aftercare::plan::dates::format_uk(born);
            assert!(!text.contains(&shown), "dashboard shows a birth date");
        }
    }
}
