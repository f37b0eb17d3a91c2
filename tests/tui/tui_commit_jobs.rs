//! The commit after a write runs off the UI thread: with a slow pre-commit hook the app keeps
//! taking keys (help opens, the list moves) while the bottom line says "committing...", and
//! git's answer comes back afterwards as news. A quit asked meanwhile waits for that answer.
//! Keys go through `handle_key` one at a time, as the event loop gives them; the commit job
//! runs on a thread of the test's own, waited for with a bound so the test cannot hang.

use std::fs;
use std::sync::mpsc;
use std::time::Duration;

use aftercare::config::CommitMode;
use aftercare::tui::action::Action;
use aftercare::tui::app::{App, handle_key, update};
use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::{keys, press};
use aftercare::tui::preview_jobs::EditNews;

use crate::common::{Samples, screen};
use crate::tui_git::{app_with_git, head_subject, samples_in_git};

const PLAN: &str = "north/s117-0042.yaml";

/// Longest a test waits for git's answer before failing (the hook sleeps 3 s).
const ANSWER_WITHIN: Duration = Duration::from_secs(60);

/// The sample plans in a new repository, all committed once, with a pre-commit hook that
/// takes a few seconds.
fn samples_with_a_slow_hook() -> Samples {
    let samples = samples_in_git();
    let hook = samples.dir.path().join(".git/hooks/pre-commit");
    fs::write(&hook, "#!/bin/sh\nsleep 3\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }
    samples
}

fn type_keys(app: &mut App, script: &str) {
    for event in keys(script) {
        handle_key(app, &event);
    }
}

/// Write a new review date for N1 of S117-0042 and let the write be read back, as the event
/// loop would: the commit that follows is left to run.
fn write_a_change(app: &mut App) {
    press(app, "/0042<ret><ret>d<C-u>01/06/2027<ret>w");
    assert_eq!(app.layer(), Layer::Diff, "{}", screen(app));
    type_keys(app, "y");
    let read_back = app
        .edit_job
        .take()
        .expect("the write is read back as a job");
    update(app, Action::EditNews(Box::new(read_back.run())));
}

/// Start the commit the app asked for on a thread, as the event loop does.
fn start_the_commit(app: &mut App) -> mpsc::Receiver<EditNews> {
    let job = app
        .commit_job
        .take()
        .unwrap_or_else(|| panic!("a commit job is asked for:\n{}", screen(app)));
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(job.run());
    });
    receiver
}

fn answer(app: &mut App, receiver: &mpsc::Receiver<EditNews>) {
    let news = receiver
        .recv_timeout(ANSWER_WITHIN)
        .expect("git answers within the bound");
    update(app, Action::EditNews(Box::new(news)));
}

#[test]
fn keys_work_while_a_slow_hook_runs_and_the_commit_answer_comes_after() {
    let samples = samples_with_a_slow_hook();
    let top = samples.dir.path();
    let mut app = app_with_git(&samples, CommitMode::Always);
    write_a_change(&mut app);
    // The write is done and read back; the commit has not been made on the UI thread.
    assert_eq!(head_subject(top), "Import the register");
    assert!(samples.read(PLAN).contains("review_by: 2027-06-01"));
    assert!(screen(&app).contains("committing"), "{}", screen(&app));
    let receiver = start_the_commit(&mut app);
    // Keys are taken at once while git runs: help opens and closes, the needs move.
    type_keys(&mut app, "?");
    assert_eq!(app.layer(), Layer::Help, "{}", screen(&app));
    assert!(screen(&app).contains("committing"), "{}", screen(&app));
    type_keys(&mut app, "?j");
    assert_eq!(app.layer(), Layer::Plan, "{}", screen(&app));
    answer(&mut app, &receiver);
    let subject = head_subject(top);
    assert!(subject.contains("N1 review date"), "{subject}");
    assert!(!app.git.is_uncommitted(&samples.path(PLAN)));
    assert!(!screen(&app).contains("committing"), "{}", screen(&app));
    assert!(
        app.message
            .as_ref()
            .is_some_and(|m| m.text.contains("saved and committed")),
        "{:?}",
        app.message
    );
}

#[test]
fn asked_to_commit_keys_still_work_while_git_runs() {
    let samples = samples_with_a_slow_hook();
    let top = samples.dir.path();
    let mut app = app_with_git(&samples, CommitMode::Ask);
    write_a_change(&mut app);
    if let Some(prepare) = app.commit_job.take() {
        // Whether the file is tracked is asked off the UI thread too.
        update(&mut app, Action::EditNews(Box::new(prepare.run())));
    }
    assert_eq!(app.layer(), Layer::Commit, "{}", screen(&app));
    type_keys(&mut app, "y");
    assert_eq!(head_subject(top), "Import the register");
    let receiver = start_the_commit(&mut app);
    type_keys(&mut app, "?");
    assert_eq!(app.layer(), Layer::Help, "{}", screen(&app));
    answer(&mut app, &receiver);
    assert!(head_subject(top).contains("N1 review date"));
    assert!(!app.git.is_uncommitted(&samples.path(PLAN)));
}

#[test]
fn a_quit_while_committing_waits_for_gits_answer() {
    let samples = samples_with_a_slow_hook();
    let top = samples.dir.path();
    let mut app = app_with_git(&samples, CommitMode::Always);
    write_a_change(&mut app);
    let receiver = start_the_commit(&mut app);
    type_keys(&mut app, "<C-c>");
    assert!(!app.quit, "the commit's answer is waited for");
    assert!(screen(&app).contains("committing"), "{}", screen(&app));
    answer(&mut app, &receiver);
    assert!(app.quit, "then the app quits");
    assert!(head_subject(top).contains("N1 review date"));
}

#[test]
fn writing_then_quitting_waits_for_the_commit_and_a_refusal_stays_to_be_read() {
    let samples = samples_with_a_slow_hook();
    let hook = samples.dir.path().join(".git/hooks/pre-commit");
    fs::write(&hook, "#!/bin/sh\nsleep 1\necho 'no commits' >&2\nexit 1\n").unwrap();
    let mut app = app_with_git(&samples, CommitMode::Always);
    press(&mut app, "/0042<ret><ret>d<C-u>01/06/2027<ret>q");
    assert_eq!(app.layer(), Layer::Guard);
    press(&mut app, "w");
    type_keys(&mut app, "y");
    let read_back = app
        .edit_job
        .take()
        .expect("the write is read back as a job");
    update(&mut app, Action::EditNews(Box::new(read_back.run())));
    let receiver = start_the_commit(&mut app);
    assert!(!app.quit, "the quit waits for the commit");
    answer(&mut app, &receiver);
    assert!(
        !app.quit,
        "git's refusal must be seen, not lost on quitting"
    );
    assert!(
        app.notice
            .clone()
            .unwrap_or_default()
            .contains("no commits")
    );
}
