//! The commit after a write runs off the UI thread: with a slow pre-commit hook the app keeps
//! taking keys (help opens, the list moves) while the bottom line says "committing...", and
//! git's answer comes back afterwards as news. A quit asked meanwhile waits for that answer.
//! Keys go through `handle_key` one at a time, as the event loop gives them; the commit job
//! runs on a thread of the test's own, waited for with a bound so the test cannot hang.

use std::fs;
use std::sync::mpsc;
use std::time::Duration;

use aftercare::config::CommitMode;
use aftercare::tui::app::{App, update};
use aftercare::tui::effect::{Effect, Effects};
use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::{press, press_holding};
use aftercare::tui::msg::Msg;
use aftercare::tui::runtime::{run_inline, work::perform};

use crate::common::{Samples, screen};
use crate::tui_git::{app_with_git, head_subject, samples_in_git};

const PLAN: &str = "north/s117-0042.yaml";

/// Longest a test waits for git's answer before failing.
const ANSWER_WITHIN: Duration = Duration::from_secs(60);

/// A pre-commit hook that holds the commit until the test lets it go (the file `GATE`
/// appears), or a minute has passed: the commit is surely running while keys are pressed.
const HELD_HOOK: &str = "#!/bin/sh\ni=0\nwhile [ ! -e .git/let-the-hook-go ] && [ $i -lt 1200 ]; do sleep 0.05; i=$((i+1)); done\n";

/// The file that lets a held hook go, relative to the repository.
const GATE: &str = ".git/let-the-hook-go";

/// The sample plans in a new repository, all committed once, with a pre-commit hook that
/// holds each commit until the test lets it go.
fn samples_with_a_slow_hook() -> Samples {
    let samples = samples_in_git();
    set_hook(&samples, HELD_HOOK);
    samples
}

fn set_hook(samples: &Samples, script: &str) {
    let hook = samples.dir.path().join(".git/hooks/pre-commit");
    fs::write(&hook, script).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }
}

/// Let the held hook finish.
fn let_the_hook_go(samples: &Samples) {
    fs::write(samples.dir.path().join(GATE), "").unwrap();
}

/// Keys given one at a time, as the event loop gives them; the work they ask for is held.
fn type_keys(app: &mut App, script: &str) -> Effects {
    press_holding(app, script)
}

/// The one piece of work asked for.
fn only(effects: Effects) -> Effect {
    let mut effects: Vec<Effect> = effects.into_iter().collect();
    assert_eq!(effects.len(), 1, "one job is asked for: {effects:?}");
    effects.remove(0)
}

/// Write a new review date for N1 of S117-0042 and let the write run, as the event loop
/// would: the git work that follows is returned, not run.
fn write_a_change(app: &mut App) -> Effect {
    press(app, "/0042<ret><ret>d<C-u>01/06/2027<ret>w");
    assert_eq!(app.layer(), Layer::Diff, "{}", screen(app));
    finish_the_write(app)
}

/// `y` on the diff: the write runs (a job), and the git work it asks for is returned.
fn finish_the_write(app: &mut App) -> Effect {
    let write = only(type_keys(app, "y"));
    only(update(app, perform(write)))
}

/// Start the commit the app asked for on a thread, as the event loop does.
fn start_the_commit(job: Effect) -> mpsc::Receiver<Msg> {
    assert!(matches!(job, Effect::Edit(_)), "a commit job: {job:?}");
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(perform(job));
    });
    receiver
}

fn answer(app: &mut App, receiver: &mpsc::Receiver<Msg>) {
    let news = receiver
        .recv_timeout(ANSWER_WITHIN)
        .expect("git answers within the bound");
    let effects = update(app, news);
    run_inline(app, effects);
}

#[test]
fn keys_work_while_a_slow_hook_runs_and_the_commit_answer_comes_after() {
    let samples = samples_with_a_slow_hook();
    let top = samples.dir.path();
    let mut app = app_with_git(&samples, CommitMode::Always);
    let commit = write_a_change(&mut app);
    // The write is done and read back; the commit has not been made on the UI thread.
    assert_eq!(head_subject(top), "Import the register");
    assert!(samples.read(PLAN).contains("review_by: 2027-06-01"));
    assert!(screen(&app).contains("committing"), "{}", screen(&app));
    let receiver = start_the_commit(commit);
    // Keys are taken at once while git runs: help opens and closes, the needs move.
    assert!(type_keys(&mut app, "?").is_empty());
    assert_eq!(app.layer(), Layer::Help, "{}", screen(&app));
    assert!(screen(&app).contains("committing"), "{}", screen(&app));
    assert!(type_keys(&mut app, "?j").is_empty());
    assert_eq!(app.layer(), Layer::Plan, "{}", screen(&app));
    let_the_hook_go(&samples);
    answer(&mut app, &receiver);
    let subject = head_subject(top);
    assert!(subject.contains("N1 review date"), "{subject}");
    assert!(!app.is_uncommitted(&samples.path(PLAN)));
    assert!(!screen(&app).contains("committing"), "{}", screen(&app));
    assert!(
        app.ui
            .message
            .as_ref()
            .is_some_and(|m| m.text.contains("saved and committed")),
        "{:?}",
        app.ui.message
    );
}

#[test]
fn asked_to_commit_keys_still_work_while_git_runs() {
    let samples = samples_with_a_slow_hook();
    let top = samples.dir.path();
    let mut app = app_with_git(&samples, CommitMode::Ask);
    // Whether the file is tracked is asked off the UI thread too.
    let prepare = write_a_change(&mut app);
    let effects = update(&mut app, perform(prepare));
    run_inline(&mut app, effects);
    assert_eq!(app.layer(), Layer::Commit, "{}", screen(&app));
    let commit = only(type_keys(&mut app, "y"));
    assert_eq!(head_subject(top), "Import the register");
    let receiver = start_the_commit(commit);
    assert!(type_keys(&mut app, "?").is_empty());
    assert_eq!(app.layer(), Layer::Help, "{}", screen(&app));
    let_the_hook_go(&samples);
    answer(&mut app, &receiver);
    assert!(head_subject(top).contains("N1 review date"));
    assert!(!app.is_uncommitted(&samples.path(PLAN)));
}

#[test]
fn a_quit_while_committing_waits_for_gits_answer() {
    let samples = samples_with_a_slow_hook();
    let top = samples.dir.path();
    let mut app = app_with_git(&samples, CommitMode::Always);
    let commit = write_a_change(&mut app);
    let receiver = start_the_commit(commit);
    assert!(type_keys(&mut app, "<C-c>").is_empty());
    assert!(!app.has_quit(), "the commit's answer is waited for");
    assert!(screen(&app).contains("committing"), "{}", screen(&app));
    let_the_hook_go(&samples);
    answer(&mut app, &receiver);
    assert!(app.has_quit(), "then the app quits");
    assert!(head_subject(top).contains("N1 review date"));
}

#[test]
fn writing_then_quitting_waits_for_the_commit_and_a_refusal_stays_to_be_read() {
    let samples = samples_with_a_slow_hook();
    set_hook(
        &samples,
        &format!("{HELD_HOOK}echo 'no commits' >&2\nexit 1\n"),
    );
    let mut app = app_with_git(&samples, CommitMode::Always);
    press(&mut app, "/0042<ret><ret>d<C-u>01/06/2027<ret>q");
    assert_eq!(app.layer(), Layer::Guard);
    press(&mut app, "w");
    let commit = finish_the_write(&mut app);
    let receiver = start_the_commit(commit);
    assert!(!app.has_quit(), "the quit waits for the commit");
    let_the_hook_go(&samples);
    answer(&mut app, &receiver);
    assert!(
        !app.has_quit(),
        "git's refusal must be seen, not lost on quitting"
    );
    assert!(
        app.ui
            .notice
            .clone()
            .unwrap_or_default()
            .contains("no commits")
    );
}
