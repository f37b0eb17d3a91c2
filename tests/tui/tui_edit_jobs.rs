//! Edit work done off the UI thread (reading a plan for editing, checking a change, the diff):
//! while a job is pending the app still takes keys. Ctrl-C and `q` quit (with the guard when
//! something would be lost), Esc stops waiting, other keys wait their turn, and the answer of
//! a job given up is dropped. Keys go through `handle_key` one at a time, as the event loop
//! gives them, with the job left pending until the test runs it.

use crossterm::event::KeyEvent;

use aftercare::tui::app::{App, Overlay, handle_key, update};
use aftercare::tui::effect::{Effect, Effects};
use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::{keys, press, press_holding};
use aftercare::tui::runtime::{run_inline, work::perform};

use crate::common::{Samples, screen};

const PLAN: &str = "north/s117-0042.yaml";

fn key(script: &str) -> KeyEvent {
    keys(script)[0]
}

/// Type keys as the event loop would while jobs run elsewhere: the work a key asks for is
/// held, for the test to run when it chooses.
fn type_keys(app: &mut App, script: &str) -> Effects {
    press_holding(app, script)
}

/// The one job the app waits for, as the event loop's thread would take it.
fn pending_job(app: &App, asked: Effects) -> Effect {
    assert!(app.is_waiting(), "a job is waited for:\n{}", screen(app));
    let mut asked: Vec<Effect> = asked.into_iter().collect();
    assert_eq!(asked.len(), 1, "one job is asked for: {asked:?}");
    asked.remove(0)
}

/// The job's answer, given to the app as the event loop would (and the work it asks for, done).
fn answer(app: &mut App, job: Effect) {
    let effects = update(app, perform(job));
    run_inline(app, effects);
}

fn pending(app: &App) -> usize {
    app.pending_changes()
}

#[test]
fn ctrl_c_while_the_diff_is_prepared_asks_first_and_the_late_diff_is_dropped() {
    let samples = Samples::new();
    let mut app = samples.app();
    // Two changes and one undone: `w` has no preview kept, and asks for one.
    press(&mut app, "/0042<ret><ret>kd+3m<ret>kd+6m<ret>u");
    assert_eq!(pending(&app), 1, "{}", screen(&app));
    let asked = type_keys(&mut app, "w");
    let job = pending_job(&app, asked);
    assert!(
        screen(&app).contains("preparing the diff"),
        "{}",
        screen(&app)
    );
    assert!(handle_key(&mut app, &key("<C-c>")).is_empty());
    assert!(
        !app.has_quit(),
        "a pending change is not lost without asking"
    );
    assert_eq!(app.layer(), Layer::Guard, "{}", screen(&app));
    assert!(!app.is_waiting());
    // The diff comes in after the question: dropped, the question stays.
    answer(&mut app, job);
    assert_eq!(app.layer(), Layer::Guard);
    press(&mut app, "d");
    assert!(app.has_quit());
    assert_eq!(
        samples.read(PLAN),
        Samples::original(PLAN),
        "nothing written"
    );
}

#[test]
fn q_quits_while_a_plan_is_read_for_editing_with_nothing_to_lose() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>");
    let asked = type_keys(&mut app, "kd");
    let _reading = pending_job(&app, asked);
    assert!(app.session.is_none());
    assert!(handle_key(&mut app, &key("q")).is_empty());
    assert!(app.has_quit());
}

#[test]
fn keys_typed_while_working_wait_their_turn() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>");
    // `d` reads the plan for editing; `+3m` is typed before it has been read.
    let asked = type_keys(&mut app, "kd+3m");
    let job = pending_job(&app, asked);
    answer(&mut app, job);
    assert_eq!(app.layer(), Layer::Prompt);
    assert!(
        screen(&app).contains("= Sun 28 Feb 2027"),
        "{}",
        screen(&app)
    );
    // In the prompt, `q` is text, not quit: typed after Enter, it waits its turn and is
    // then a key of the plan view (quit: asks, a change is pending).
    let asked = type_keys(&mut app, "<ret>");
    let job = pending_job(&app, asked);
    assert!(handle_key(&mut app, &key("q")).is_empty());
    assert!(!app.has_quit());
    assert_eq!(pending(&app), 0, "not queued before the check");
    answer(&mut app, job);
    assert_eq!(pending(&app), 1, "{}", screen(&app));
    assert_eq!(app.layer(), Layer::Guard, "{}", screen(&app));
    assert!(!app.has_quit());
}

#[test]
fn esc_stops_waiting_and_nothing_changes() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>kd+3m");
    let asked = type_keys(&mut app, "<ret>");
    let job = pending_job(&app, asked);
    assert!(handle_key(&mut app, &key("<esc>")).is_empty());
    assert!(!app.is_waiting());
    let text = screen(&app);
    assert!(text.contains("stopped checking the change"), "{text}");
    answer(&mut app, job);
    assert_eq!(pending(&app), 0, "the answer of a job given up is dropped");
    assert!(
        matches!(app.top_overlay(), Some(Overlay::Prompt(_))),
        "the prompt stays, as typed"
    );
    press(&mut app, "<ret>");
    assert_eq!(pending(&app), 1, "{}", screen(&app));
}

#[test]
fn the_write_is_a_job_a_quit_waits_for_and_esc_cannot_stop() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>kd+3m<ret>w");
    assert_eq!(app.layer(), Layer::Diff, "{}", screen(&app));
    // `y` asks for the write; `update` itself writes nothing.
    let asked = type_keys(&mut app, "y");
    let write = pending_job(&app, asked);
    assert_eq!(
        samples.read(PLAN),
        Samples::original(PLAN),
        "not yet written"
    );
    assert!(
        screen(&app).contains("writing the plan"),
        "{}",
        screen(&app)
    );
    // Esc does not give a write up, and a quit waits for it.
    assert!(handle_key(&mut app, &key("<esc>")).is_empty());
    assert!(app.is_waiting(), "a write cannot be given up");
    assert!(handle_key(&mut app, &key("<C-c>")).is_empty());
    assert!(!app.has_quit(), "the quit waits for the write");
    assert!(
        screen(&app).contains("quits once it is done"),
        "{}",
        screen(&app)
    );
    answer(&mut app, write);
    assert_ne!(samples.read(PLAN), Samples::original(PLAN), "written");
    assert!(
        app.has_quit(),
        "then the quit, with nothing left pending, is carried out"
    );
}
