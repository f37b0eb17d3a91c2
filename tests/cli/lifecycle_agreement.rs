//! One folder, four readers: `aftercare due`, `aftercare summary`, the dashboard (its counts
//! and rows) and the plan view agree on which plans are live, which have an ending planned,
//! which are ended, and which needs are current (ended and declined needs never are).

use aftercare::commands::due::{DueFilter, due_rows};
use aftercare::commands::summary::summarize;
use aftercare::plan::lifecycle::Lifecycle;
use aftercare::plan::rules::RuleSettings;
use aftercare::store::folder::PlanFile;
use aftercare::tui::app::App;
use aftercare::tui::keyscript::{press, send};
use aftercare::tui::layers::dashboard::summary::{PlanSummary, ReviewState};
use aftercare::tui::msg::Msg;
use aftercare::tui::theme::Theme;
use aftercare::tui::views::draw_to_text;
use chrono::NaiveDate;

fn settings() -> RuleSettings {
    RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

const DECIDED: &str = "  icb_decision_by: Dr A. Example, S117 lead\n  \
                       la_decision_by: B. Example, head of mental health social work\n  \
                       person_involved: true\n  \
                       reasons: No remaining need arising from or related to the disorder.\n";

/// A plan whose next review was due on 1 Nov 2026 (overdue on 28 Nov), with one current
/// health need, one ended and one declined social need, detained on `detained`.
fn plan_text(id: &str, detained: &str, ending: &str) -> String {
    format!(
        "schema: aftercare/v1\nid: {id}\nperson:\n  initials: T.F.\nepisode:\n  section: \"3\"\n  \
         detained: {detained}\n  left_hospital: 2026-06-10\n  legal_status: none\n\
         responsible:\n  icb: NHS Test ICB\n  local_authority: Test Borough\n\
         needs:\n  - id: N1\n    need: Depot clinic\n    category: health\n    funding: {{icb: 100}}\n    status: active\n\
         \x20 - id: N2\n    need: Day centre\n    category: social\n    funding: {{la: 100}}\n    status: declined\n\
         \x20 - id: N3\n    need: Tenancy help\n    category: social\n    funding: {{la: 100}}\n    status: ended\n    notes: Managing alone.\n\
         reviews:\n  next_due: 2026-11-01\n  history:\n    - date: 2026-07-01\n{ending}"
    )
}

/// (id, text, the state it must be in on 28 Nov 2026)
fn folder() -> Vec<(&'static str, String, Lifecycle)> {
    let day = |text: &str| NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap();
    vec![
        (
            "S117-9301",
            plan_text("S117-9301", "2026-03-02", ""),
            Lifecycle::Live,
        ),
        (
            "S117-9302",
            plan_text(
                "S117-9302",
                "2026-03-02",
                &format!("ending:\n  date: 2027-06-30\n{DECIDED}"),
            ),
            Lifecycle::EndingPlanned(day("2027-06-30")),
        ),
        (
            "S117-9303",
            // An ended plan provides nothing: its needs are ended too (rule 7).
            plan_text(
                "S117-9303",
                "2026-03-02",
                &format!("ending:\n  date: 2026-10-30\n{DECIDED}"),
            )
            .replace(
                "    status: active\n",
                "    status: ended\n    notes: Met.\n",
            ),
            Lifecycle::Ended(day("2026-10-30")),
        ),
        // Ended in December, detained again under s3 in March: owed aftercare again.
        (
            "S117-9304",
            plan_text(
                "S117-9304",
                "2026-03-02",
                &format!("ending:\n  date: 2025-12-15\n{DECIDED}"),
            ),
            Lifecycle::Live,
        ),
        // An ending with no LA decider is no joint decision: nothing has ended.
        (
            "S117-9305",
            plan_text(
                "S117-9305",
                "2026-03-02",
                "ending:\n  date: 2026-10-30\n  icb_decision_by: Dr A. Example\n  reasons: No need.\n",
            ),
            Lifecycle::Live,
        ),
    ]
}

fn files() -> Vec<PlanFile> {
    folder()
        .into_iter()
        .map(|(id, text, _)| {
            let name = format!("plans/{}.yaml", id.to_lowercase());
            PlanFile::from_bytes(name.clone().into(), name, text.into_bytes(), &settings())
        })
        .collect()
}

#[test]
fn due_summary_dashboard_and_plan_view_agree_on_the_lifecycle() {
    let settings = settings();
    let files = files();
    let expected = folder();
    let live: Vec<&str> = expected
        .iter()
        .filter(|(_, _, state)| !state.is_ended())
        .map(|(id, _, _)| *id)
        .collect();
    assert_eq!(live.len(), 4);

    // The domain: each plan is in the state it must be in.
    for ((id, _, state), file) in expected.iter().zip(&files) {
        let plan = file.plan.as_ref().unwrap();
        assert_eq!(Lifecycle::of(plan, settings.today), *state, "{id}");
    }

    // aftercare due: the overdue plan review of every live plan (planned endings included),
    // none of the ended plan's; no need row for the ended or declined needs.
    let rows = due_rows(
        &files,
        &DueFilter::default(),
        settings.today,
        settings.due_soon_days,
    );
    let mut listed: Vec<&str> = rows
        .iter()
        .filter(|row| row.what.starts_with("plan review"))
        .map(|row| row.plan_id.as_str())
        .collect();
    listed.sort_unstable();
    assert_eq!(listed, live, "aftercare due");
    assert!(rows.iter().all(|row| row.state == "overdue"));
    let planned = rows.iter().find(|row| row.plan_id == "S117-9302").unwrap();
    assert_eq!(planned.what, "plan review (ending 30 Jun 2027)");

    // aftercare summary: 4 live, 1 with an ending planned, 1 ended; one current need a
    // live plan (the health need), none from the ended plan, no declined or ended need.
    let summary = summarize(&files, settings.today);
    let total = &summary.total;
    assert_eq!(
        (total.plans, total.live, total.ending_planned, total.ended),
        (5, 4, 1, 1),
        "aftercare summary"
    );
    assert_eq!(
        (total.health_needs, total.social_needs, total.joint_needs),
        (4, 0, 0)
    );
    assert_eq!(total.ended_last_12_months, 1);

    // The dashboard: its rows and its counts.
    let summaries: Vec<PlanSummary> = files
        .iter()
        .map(|file| PlanSummary::of(file, &settings))
        .collect();
    for ((id, _, state), row) in expected.iter().zip(&summaries) {
        assert_eq!(row.lifecycle, *state, "dashboard row {id}");
        let overdue = row.review_state == ReviewState::Overdue;
        assert_eq!(overdue, !state.is_ended(), "dashboard overdue mark, {id}");
        let current = if state.is_ended() { 0 } else { 1 };
        assert_eq!((row.health, row.social, row.joint), (current, 0, 0), "{id}");
    }
    let mut app = App::new("plans", settings, Theme::ansi16());
    send(&mut app, Msg::PlansLoaded(files.clone()));
    assert_eq!(app.folder.counts.plans, 5);
    assert_eq!(
        (
            app.folder.counts.overdue,
            app.folder.counts.ending_planned,
            app.folder.counts.ended
        ),
        (4, 1, 1),
        "dashboard counts"
    );
    send(
        &mut app,
        Msg::Resize {
            width: 120,
            height: 30,
        },
    );
    let dashboard = draw_to_text(&app, 120, 30);
    assert!(
        dashboard.contains("5 plans (1 ended, 1 to end), 4 overdue"),
        "{dashboard}"
    );
    let ended_row = dashboard
        .lines()
        .find(|line| line.contains("S117-9303"))
        .unwrap();
    assert!(ended_row.contains("ended 30/10/26"), "{ended_row}");
    let planned_row = dashboard
        .lines()
        .find(|line| line.contains("S117-9302"))
        .unwrap();
    assert!(planned_row.contains("01 Nov 2026"), "{planned_row}");

    // The plan view: the planned ending is shown beside a live, overdue review; the ended
    // plan shows its ending in place of a next review; the re-detained plan is live.
    let view = |keys: &str| {
        let mut app = App::new("plans", settings, Theme::ansi16());
        send(&mut app, Msg::PlansLoaded(files.clone()));
        send(
            &mut app,
            Msg::Resize {
                width: 120,
                height: 30,
            },
        );
        press(&mut app, keys);
        draw_to_text(&app, 120, 30)
    };
    let planned = view("/9302<ret><ret>");
    assert!(
        planned.contains("overdue") && planned.contains("(ending 30 Jun 2027)"),
        "{planned}"
    );
    assert!(planned.contains("S117 ENDING 30 Jun 2027"), "{planned}");
    let ended = view("/9303<ret><ret>");
    assert!(ended.contains("ended 30 Oct 2026"), "{ended}");
    assert!(ended.contains("S117 ENDED 30 Oct 2026"), "{ended}");
    assert!(!ended.contains("overdue"), "{ended}");
    // Invalid (rule 20): Enter on its findings opens the plan as far as it could be read.
    let redetained = view("/9304<ret><ret><ret>");
    assert!(
        redetained.contains("ENDING NO LONGER HOLDS"),
        "{redetained}"
    );
    assert!(redetained.contains("overdue"), "{redetained}");
}
