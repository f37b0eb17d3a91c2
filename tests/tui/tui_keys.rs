//! Key scripts in the style of helix's integration tests: feed keys to the app through the
//! keymap, then assert on the state and on the screen it draws.

use std::path::Path;

use chrono::NaiveDate;

use aftercare::plan::rules::RuleSettings;
use aftercare::tui::action::{PlanTab, SortKey};
use aftercare::tui::app::{App, Screen};
use aftercare::tui::key_overrides::KeyOverrides;
use aftercare::tui::keymap::{self, Layer};
use aftercare::tui::keyscript::press;
use aftercare::tui::keyscript::send;
use aftercare::tui::layers::plan::screen::Pane;
use aftercare::tui::msg::Msg;
use aftercare::tui::runtime::loader::load_blocking;
use aftercare::tui::theme::Theme;
use aftercare::tui::views::draw_to_text;

pub(crate) fn app() -> App {
    let settings = RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    let mut app = App::new("plans", settings, Theme::ansi16());
    for action in load_blocking(Path::new("plans"), settings) {
        send(&mut app, action);
    }
    send(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    app
}

pub(crate) fn screen(app: &App) -> String {
    draw_to_text(app, app.ui.width, app.ui.height)
}

/// Ids of the listed plans, top to bottom.
pub(crate) fn listed_ids(app: &App) -> Vec<String> {
    app.nav
        .list
        .rows
        .iter()
        .map(|index| app.folder.summaries[*index].id.clone().unwrap_or_default())
        .collect()
}

fn selected_id(app: &App) -> Option<String> {
    app.nav
        .list
        .selected_file()
        .and_then(|index| app.folder.summaries[index].id.clone())
}

fn open_plan_id(app: &App) -> Option<String> {
    match &app.nav.screen {
        Screen::Plan(screen) => app.folder.files[screen.file].plan.as_ref()?.id.clone(),
        _ => None,
    }
}

#[test]
fn search_narrows_the_list_as_you_type() {
    let mut app = app();
    let all = app.rows_shown();
    assert_eq!(all, 17);
    press(&mut app, "/camden");
    let camden = app.rows_shown();
    assert!(camden < all, "{camden} of {all} match camden");
    assert!(listed_ids(&app).contains(&"S117-0042".to_owned()));
    assert!(screen(&app).contains("search: /camden"));
    press(&mut app, " 0042");
    assert_eq!(listed_ids(&app), vec!["S117-0042"]);
    // Backspace widens it again; Esc clears the search.
    press(&mut app, "<bs><bs><bs><bs><bs>");
    assert_eq!(app.rows_shown(), camden);
    press(&mut app, "<esc>");
    assert_eq!(app.rows_shown(), all);
    assert!(!screen(&app).contains("search:"));
}

#[test]
fn search_matches_coordinator_icb_la_and_need_text() {
    for (query, expected) in [
        ("/Mensah", "S117-0042"),
        ("/Trafford", "S117-0229"),
        ("/clozapine 0042", "S117-0042"),
        ("/Greater Manchester ICB", "S117-0217"),
    ] {
        let mut app = app();
        press(&mut app, query);
        assert!(
            listed_ids(&app).contains(&expected.to_owned()),
            "{query} should list {expected}, lists {:?}",
            listed_ids(&app)
        );
    }
}

#[test]
fn letters_typed_in_the_search_are_text_not_commands() {
    let mut app = app();
    press(&mut app, "/jkqsod");
    assert!(!app.has_quit());
    assert_eq!(app.nav.list.query, "jkqsod");
    assert_eq!(app.nav.list.sort, SortKey::NextReview);
}

#[test]
fn enter_opens_the_right_plan() {
    let mut app = app();
    press(&mut app, "/0042<ret>");
    assert_eq!(selected_id(&app).as_deref(), Some("S117-0042"));
    press(&mut app, "<ret>");
    assert_eq!(open_plan_id(&app).as_deref(), Some("S117-0042"));
    let text = screen(&app);
    assert!(text.contains("Zoë Adebayo"));
    assert!(text.contains("HEALTH (ICB)"));
    assert!(text.contains("SOCIAL (LA)"));
    assert!(text.contains("ICB 40% / LA 60%"));
    assert!(text.contains("DISPUTE ICB/LA since 01 Sep 2026 about N3"));
}

#[test]
fn esc_returns_to_the_list_with_the_selection_kept() {
    let mut app = app();
    press(&mut app, "jjj");
    let chosen = selected_id(&app);
    assert_eq!(app.selected_row(), 3);
    press(&mut app, "<ret>");
    assert_eq!(open_plan_id(&app), chosen);
    press(&mut app, "<tab>j2<esc>");
    assert_eq!(app.nav.screen, Screen::Dashboard);
    assert_eq!(app.selected_row(), 3);
    assert_eq!(selected_id(&app), chosen);
    let row = screen(&app)
        .lines()
        .find(|line| line.contains("│> "))
        .map(str::to_owned)
        .unwrap_or_default();
    assert!(row.contains(chosen.as_deref().unwrap()), "{row}");
}

#[test]
fn sort_changes_the_order() {
    let mut app = app();
    let by_review = listed_ids(&app);
    assert_eq!(by_review.first().map(String::as_str), Some("S117-0104"));
    press(&mut app, "s");
    assert_eq!(app.nav.list.sort, SortKey::Id);
    let by_id = listed_ids(&app);
    let mut sorted = by_id.clone();
    sorted.sort();
    assert_eq!(by_id, sorted);
    assert_ne!(by_id, by_review);
    assert!(screen(&app).contains("sorted by id"));
    press(&mut app, "ssss");
    assert_eq!(listed_ids(&app), by_review);
}

#[test]
fn sort_keeps_the_selected_plan_once_chosen() {
    let mut app = app();
    press(&mut app, "jj");
    let chosen = selected_id(&app);
    press(&mut app, "s");
    assert_eq!(selected_id(&app), chosen);
}

#[test]
fn quick_filters_for_overdue_and_disputed() {
    let mut app = app();
    press(&mut app, "o");
    assert_eq!(listed_ids(&app), vec!["S117-0104"]);
    assert!(screen(&app).contains("[overdue only]"));
    press(&mut app, "od");
    let mut disputed = listed_ids(&app);
    disputed.sort();
    assert_eq!(disputed, vec!["S117-0042", "S117-0229"]);
    press(&mut app, "<esc>");
    assert_eq!(app.rows_shown(), 17);
}

#[test]
fn movement_keys_stay_inside_the_list() {
    let mut app = app();
    press(&mut app, "k<up>");
    assert_eq!(app.selected_row(), 0);
    press(&mut app, "G");
    assert_eq!(app.selected_row(), 16);
    press(&mut app, "j<down><pgdn>");
    assert_eq!(app.selected_row(), 16);
    press(&mut app, "<pgup>");
    assert!(app.selected_row() < 16);
    press(&mut app, "g");
    assert_eq!(app.selected_row(), 0);
}

#[test]
fn plan_view_panes_and_tabs() {
    let mut app = app();
    press(&mut app, "/0042<ret><ret>");
    let Screen::Plan(plan) = &app.nav.screen else {
        panic!("plan view expected")
    };
    assert_eq!(plan.pane, Pane::Health);
    press(&mut app, "<tab><tab>j");
    let Screen::Plan(plan) = &app.nav.screen else {
        panic!("plan view expected")
    };
    assert_eq!(plan.pane, Pane::Joint);
    let text = screen(&app);
    assert!(text.contains("N3 in detail"), "{text}");
    assert!(text.contains("DISPUTED LA view"));
    press(&mut app, "2");
    assert!(screen(&app).contains("Back at college by September"));
    press(&mut app, "]");
    assert!(screen(&app).contains("Early signs"));
    press(&mut app, "4");
    assert!(screen(&app).contains("History (3, newest first)"));
    press(&mut app, "5");
    assert!(screen(&app).contains("due soon: 10 Dec 2026"));
    press(&mut app, "[");
    let Screen::Plan(plan) = &app.nav.screen else {
        panic!("plan view expected")
    };
    assert_eq!(plan.tab, PlanTab::Reviews);
    // Tab jumps back to the needs.
    press(&mut app, "<tab>");
    let Screen::Plan(plan) = &app.nav.screen else {
        panic!("plan view expected")
    };
    assert_eq!(plan.tab, PlanTab::Needs);
}

#[test]
fn text_tabs_scroll_and_stop_at_the_end() {
    let mut app = app();
    press(&mut app, "/0061<ret><ret>4");
    let first = screen(&app);
    press(&mut app, "G");
    let Screen::Plan(plan) = &app.nav.screen else {
        panic!("plan view expected")
    };
    let bottom = plan.scroll.offset();
    assert!(
        bottom > 0,
        "the reviews of an ended plan fill more than a page"
    );
    press(&mut app, "jjj<pgdn>");
    let Screen::Plan(plan) = &app.nav.screen else {
        panic!("plan view expected")
    };
    assert_eq!(plan.scroll.offset(), bottom);
    press(&mut app, "g");
    assert_eq!(screen(&app), first);
}

#[test]
fn help_lists_the_keys_of_the_screen_below_and_closes() {
    let mut app = app();
    press(&mut app, "<ret>?");
    assert_eq!(app.layer(), Layer::Help);
    // The plan's keys fill more than one page at 80x24: read them page by page.
    let mut text = screen(&app);
    assert!(text.contains("Keys: plan"));
    for _ in 0..4 {
        press(&mut app, "<pgdn>");
        text.push_str(&screen(&app));
    }
    press(&mut app, "g");
    for (keys, _) in keymap::help_lines(Layer::Plan, &KeyOverrides::none()) {
        assert!(text.contains(&keys), "help lacks {keys}");
    }
    press(&mut app, "q");
    assert_eq!(app.layer(), Layer::Plan);
    assert!(!app.has_quit(), "q closes the help, it does not quit");
    press(&mut app, "?<esc>");
    assert_eq!(app.layer(), Layer::Plan);
}

#[test]
fn hint_bar_names_only_keys_the_help_lists() {
    for layer in Layer::ALL {
        let help: Vec<String> = keymap::help_lines(layer, &KeyOverrides::none())
            .into_iter()
            .map(|(keys, _)| keys)
            .collect();
        for (keys, word) in keymap::hints(layer, &KeyOverrides::none()) {
            let listed = help
                .iter()
                .any(|line| line.split(", ").any(|key| key == keys) || keys == "1-5");
            assert!(listed, "{layer:?}: hint {keys} {word} not in the help");
        }
    }
}

#[test]
fn resizing_below_the_minimum_shows_one_line_and_back() {
    let mut app = app();
    send(
        &mut app,
        Msg::Resize {
            width: 50,
            height: 12,
        },
    );
    let text = screen(&app);
    assert!(text.contains("terminal too small: need 60x16, have 50x12"));
    assert!(!text.contains("S117"));
    send(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    assert!(screen(&app).contains("S117-0104"));
}

#[test]
fn q_and_ctrl_c_quit() {
    let mut quitting = app();
    press(&mut quitting, "q");
    assert!(quitting.ui.quit);
    let mut searching = app();
    press(&mut searching, "/abc<C-c>");
    assert!(searching.ui.quit);
}

#[test]
fn loading_shows_progress_then_plans_as_they_arrive() {
    let settings = RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    let mut app = App::new("plans", settings, Theme::ansi16());
    assert!(draw_to_text(&app, 80, 24).contains("scanning the folder"));
    let mut actions = load_blocking(Path::new("plans"), settings).into_iter();
    send(&mut app, actions.next().unwrap());
    assert!(draw_to_text(&app, 80, 24).contains("loading 0 of 17"));
    let Some(Msg::PlansLoaded(mut files)) = actions.next() else {
        panic!("a batch of plans expected")
    };
    let rest = files.split_off(5);
    send(&mut app, Msg::PlansLoaded(files));
    let text = draw_to_text(&app, 80, 24);
    assert!(text.contains("loading 5 of 17"), "{text}");
    send(&mut app, Msg::PlansLoaded(rest));
    send(&mut app, Msg::LoadFinished);
    let text = draw_to_text(&app, 80, 24);
    assert!(!text.contains("loading"));
    assert!(text.contains("17 plans"));
}

#[test]
fn a_missing_folder_is_reported_on_screen() {
    let settings = RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    let mut app = App::new("no-such-folder", settings, Theme::ansi16());
    for action in load_blocking(Path::new("no-such-folder"), settings) {
        send(&mut app, action);
    }
    let text = draw_to_text(&app, 80, 24);
    assert!(text.contains("no such folder"), "{text}");
}

#[test]
fn an_invalid_plan_opens_its_findings_and_then_the_plan_marked_invalid() {
    let settings = RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap());
    let text = std::fs::read_to_string("plans/north/s117-0042.yaml")
        .unwrap()
        .replace("funding: {icb: 40, la: 60}", "funding: {icb: 40, la: 50}");
    let display = "plans/north/s117-0042.yaml";
    let assessed = aftercare::plan::assess::assess_plan_text(&text, display, &settings);
    let file = aftercare::store::folder::PlanFile {
        path: display.into(),
        display: display.into(),
        plan: assessed.plan,
        findings: assessed.findings,
        id_location: assessed.id_location,
    };
    let mut app = App::with_files("plans", settings, vec![file]);
    send(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    assert!(screen(&app).contains("(invalid: plans/north/s117-0042.yaml:"));
    press(&mut app, "<ret>");
    assert!(matches!(app.nav.screen, Screen::Findings { .. }));
    assert!(screen(&app).contains("funding totals 90"));
    press(&mut app, "<ret>");
    assert_eq!(open_plan_id(&app).as_deref(), Some("S117-0042"));
    assert!(screen(&app).contains("INVALID: 1 error"));
    press(&mut app, "<esc>");
    assert_eq!(app.nav.screen, Screen::Dashboard);
}

/// Key overrides are a value in each `App`, not process-wide: two apps in one process, one
/// with `quit` moved to Ctrl-Q, act on their own keys and offer them in the hints and help.
#[test]
fn two_apps_with_different_key_overrides_act_differently() {
    let config = std::collections::BTreeMap::from([("quit".to_owned(), vec!["ctrl-q".to_owned()])]);
    let (keys, refused) = KeyOverrides::from_config(&config);
    assert!(refused.is_empty(), "{refused:?}");
    let mut remapped = app();
    remapped.ui.keys = keys;
    let mut plain = app();

    let hints = screen(&remapped);
    let bottom = hints.lines().last().unwrap_or_default().to_owned();
    assert!(bottom.contains("Ctrl-q quit"), "{bottom}");
    assert!(
        screen(&plain)
            .lines()
            .last()
            .unwrap_or_default()
            .contains(" q quit")
    );
    let help = keymap::help_lines(Layer::Dashboard, &remapped.ui.keys);
    assert!(help.iter().any(|(keys, _)| keys == "Ctrl-q"), "{help:?}");

    press(&mut remapped, "q");
    assert!(!remapped.ui.quit, "q no longer quits the remapped app");
    press(&mut plain, "q");
    assert!(plain.ui.quit, "the other app keeps its own keys");
    press(&mut remapped, "<C-q>");
    assert!(remapped.ui.quit);
}

#[test]
fn a_key_that_closes_a_notice_does_nothing_else() {
    let samples = crate::common::Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>");
    assert_eq!(app.layer(), Layer::Plan);
    for key in ["q", "<esc>", "j", "<C-c>"] {
        app.ui.notice = Some("S117-0042 is written, but not committed".to_owned());
        press(&mut app, key);
        assert!(app.ui.notice.is_none(), "{key} closes the notice");
        assert!(!app.has_quit(), "{key} closed the notice and did not quit");
        assert_eq!(app.layer(), Layer::Plan, "{key} did not leave the plan");
    }
    press(&mut app, "q");
    assert!(app.has_quit(), "with no notice, q quits");
}

#[test]
fn ctrl_u_clears_the_search_box() {
    let samples = crate::common::Samples::new();
    let mut app = samples.app();
    let all = app.rows_shown();
    press(&mut app, "/0042");
    assert_eq!(app.rows_shown(), 1);
    press(&mut app, "<C-u>");
    assert_eq!(app.nav.list.query, "");
    assert_eq!(app.rows_shown(), all);
    assert_eq!(
        app.layer(),
        Layer::Search,
        "still searching, with an empty box"
    );
}

#[test]
fn at_the_60_by_16_minimum_the_list_still_shows_every_flag() {
    let samples = crate::common::Samples::new();
    let mut app = samples.app();
    aftercare::tui::keyscript::send(
        &mut app,
        aftercare::tui::msg::Msg::Resize {
            width: 60,
            height: 16,
        },
    );
    let shown = draw_to_text(&app, 60, 16);
    let row = |id: &str| {
        shown
            .lines()
            .find(|line| line.contains(id))
            .unwrap_or_else(|| panic!("{id} listed: {shown}"))
            .to_owned()
    };
    assert!(row("S117-0042").contains("dispute"), "{shown}");
    assert!(row("S117-0104").contains("1 warn"), "{shown}");
    assert!(row("S117-0104").contains("15 Oct 2026 !"), "{shown}");
    press(&mut app, "G");
    let shown = draw_to_text(&app, 60, 16);
    let ended = shown
        .lines()
        .find(|line| line.contains("S117-0061"))
        .unwrap();
    assert!(ended.contains("ended 30/10/26"), "{ended}");
}
