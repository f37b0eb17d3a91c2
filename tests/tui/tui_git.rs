//! The app's git features on temporary repositories made in the test: a change written and
//! committed from the app (only the plan file, even with other files staged), the three
//! `git.commit` modes, a refusing hook, the uncommitted marker on the plans list, the
//! history view (commits, a commit's diff, since the last review, meeting mode masking), and
//! no repository or no git, said where the features appear.

use std::fs;
use std::path::Path;

use aftercare::config::CommitMode;
use aftercare::store::git::GitError;
use aftercare::tui::app::{App, Overlay};
use aftercare::tui::git_status::GitState;
use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::press;
use aftercare::tui::keyscript::send;
use aftercare::tui::msg::Msg;

use crate::common::{Samples, git, screen};

const PLAN: &str = "north/s117-0042.yaml";

/// The sample plans in a new repository, all committed once.
pub(crate) fn samples_in_git() -> Samples {
    let samples = Samples::new();
    let top = samples.dir.path();
    git(top, &["init", "-q", "-b", "main"]);
    git(top, &["config", "user.name", "Dana Coordinator"]);
    git(top, &["config", "user.email", "dana@example.invalid"]);
    git(top, &["config", "commit.gpgsign", "false"]);
    git(top, &["add", "."]);
    git(top, &["commit", "-q", "-m", "Import the register"]);
    samples
}

/// The app on the samples, told what git says, committing as `mode` says.
pub(crate) fn app_with_git(samples: &Samples, mode: CommitMode) -> App {
    let mut app = samples.app();
    app.git.commit_mode = mode;
    send(
        &mut app,
        Msg::GitChecked(aftercare::tui::runtime::git_status::check(&samples.root())),
    );
    app
}

pub(crate) fn head_subject(top: &Path) -> String {
    git(top, &["log", "-1", "--format=%s"]).trim().to_owned()
}

/// Open S117-0042 and write a new review date for N1 (the diff, then `y`).
fn write_a_change(app: &mut App) {
    press(app, "/0042<ret><ret>d<C-u>01/06/2027<ret>w");
    assert_eq!(app.layer(), Layer::Diff);
    press(app, "y");
}

#[test]
fn a_change_written_and_committed_from_the_app_takes_only_the_plan_file() {
    let samples = samples_in_git();
    let top = samples.dir.path();
    fs::write(top.join("minutes.txt"), "staged by a colleague\n").unwrap();
    git(top, &["add", "minutes.txt"]);
    let mut app = app_with_git(&samples, CommitMode::Ask);
    write_a_change(&mut app);
    assert_eq!(app.layer(), Layer::Commit, "ask: the question comes first");
    let text = screen(&app);
    assert!(text.contains("Commit to git?"), "{text}");
    assert!(
        text.contains("S117-0042: N1 review date -> 01 Jun 2027"),
        "{text}"
    );
    assert!(text.contains("north/s117-0042.yaml is written"), "{text}");
    assert!(
        app.is_uncommitted(&samples.path(PLAN)),
        "written, not yet committed"
    );
    press(&mut app, "y");
    assert_eq!(app.layer(), Layer::Plan);
    assert_eq!(
        head_subject(top),
        "S117-0042: N1 review date -> 01 Jun 2027"
    );
    let committed = git(top, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(committed.trim(), "plans/north/s117-0042.yaml");
    let staged = git(top, &["diff", "--cached", "--name-only"]);
    assert_eq!(staged.trim(), "minutes.txt", "left staged, not swept in");
    assert!(!app.is_uncommitted(&samples.path(PLAN)));
    assert!(screen(&app).contains("saved and committed"));
    // No identifier in the message: not the name, not the NHS number.
    let message = git(top, &["log", "-1", "--format=%B"]);
    assert!(
        !message.contains("Adebayo") && !message.contains("999"),
        "{message}"
    );
}

#[test]
fn not_now_leaves_the_file_written_and_marked_on_the_list() {
    let samples = samples_in_git();
    let top = samples.dir.path();
    let mut app = app_with_git(&samples, CommitMode::Ask);
    write_a_change(&mut app);
    press(&mut app, "n");
    assert_eq!(app.layer(), Layer::Plan);
    assert_eq!(head_subject(top), "Import the register");
    assert!(samples.read(PLAN).contains("review_by: 2027-06-01"));
    // Later, `w` with nothing pending offers the commit again, with the same message.
    press(&mut app, "d<C-u>02/06/2027<ret>wyn");
    assert_eq!(head_subject(top), "Import the register");
    press(&mut app, "w");
    assert_eq!(app.layer(), Layer::Commit);
    let text = screen(&app);
    assert!(
        text.contains("S117-0042: N1 review date -> 02 Jun 2027"),
        "the last value of the field: {text}"
    );
    press(&mut app, "<esc><esc>");
    let text = screen(&app);
    assert!(text.contains("S117-0042*"), "{text}");
    assert!(text.contains("* 1 plan not committed"), "{text}");
    assert!(!text.contains("S117-0104*"), "{text}");
}

#[test]
fn always_commits_without_asking_and_off_never_commits() {
    let samples = samples_in_git();
    let top = samples.dir.path();
    let mut app = app_with_git(&samples, CommitMode::Always);
    write_a_change(&mut app);
    assert_eq!(app.layer(), Layer::Plan);
    assert_eq!(
        head_subject(top),
        "S117-0042: N1 review date -> 01 Jun 2027"
    );

    let samples = samples_in_git();
    let top = samples.dir.path();
    let mut app = app_with_git(&samples, CommitMode::Off);
    write_a_change(&mut app);
    assert_eq!(app.layer(), Layer::Plan);
    assert_eq!(head_subject(top), "Import the register");
    assert!(app.is_uncommitted(&samples.path(PLAN)));
}

#[test]
fn a_review_is_committed_with_its_date_and_next_due() {
    let samples = samples_in_git();
    let top = samples.dir.path();
    let mut app = app_with_git(&samples, CommitMode::Always);
    // The guided review with every default: meeting today, each need kept, next due +12m.
    press(&mut app, "/0042<ret><ret>r");
    for _ in 0..40 {
        if app.layer() != Layer::Review {
            break;
        }
        press(&mut app, "<ret>");
    }
    assert_eq!(app.layer(), Layer::Diff, "{}", screen(&app));
    press(&mut app, "y");
    let subject = head_subject(top);
    assert!(
        subject.starts_with("S117-0042: review 28 Nov 2026"),
        "{subject}"
    );
    assert!(subject.contains("next due"), "{subject}");
}

#[test]
fn a_refused_commit_shows_gits_words_and_the_file_stays_written() {
    let samples = samples_in_git();
    let top = samples.dir.path();
    let hook = top.join(".git/hooks/pre-commit");
    fs::write(
        &hook,
        "#!/bin/sh\necho 'commits are frozen for the audit' >&2\nexit 1\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut app = app_with_git(&samples, CommitMode::Ask);
    write_a_change(&mut app);
    press(&mut app, "y");
    let notice = app.ui.notice.clone().unwrap_or_default();
    assert!(
        notice.contains("commits are frozen for the audit"),
        "{notice}"
    );
    assert!(
        screen(&app).contains("commits are frozen"),
        "shown on screen"
    );
    assert!(samples.read(PLAN).contains("review_by: 2027-06-01"));
    assert_eq!(head_subject(top), "Import the register");
    assert!(app.is_uncommitted(&samples.path(PLAN)));
}

#[test]
fn a_refused_commit_before_quitting_stays_to_be_read() {
    let samples = samples_in_git();
    let hook = samples.dir.path().join(".git/hooks/pre-commit");
    fs::write(&hook, "#!/bin/sh\necho 'no commits' >&2\nexit 1\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&hook, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let mut app = app_with_git(&samples, CommitMode::Always);
    // Quit with a pending change: the guard offers to write, then quit.
    press(&mut app, "/0042<ret><ret>d<C-u>01/06/2027<ret>q");
    assert_eq!(app.layer(), Layer::Guard);
    press(&mut app, "wy");
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
    assert!(samples.read(PLAN).contains("review_by: 2027-06-01"));
}

#[test]
fn history_shows_commits_each_diff_and_what_changed_since_the_review() {
    let samples = samples_in_git();
    let mut app = app_with_git(&samples, CommitMode::Always);
    write_a_change(&mut app);
    press(&mut app, "h");
    assert_eq!(app.layer(), Layer::History);
    let text = screen(&app);
    assert!(text.contains("History of S117-0042 (2 commits)"), "{text}");
    assert!(text.contains("Dana Coordinator"), "{text}");
    assert!(text.contains("Import the register"), "{text}");
    assert!(text.contains("-    review_by: 2027-04-30"), "{text}");
    assert!(text.contains("+    review_by: 2027-06-01"), "{text}");
    // The older commit: the whole file added.
    press(&mut app, "j");
    let text = screen(&app);
    assert!(text.contains("+id: S117-0042"), "{text}");
    // Since the last review (recorded by the import): the one change since.
    press(&mut app, "s");
    let text = screen(&app);
    assert!(text.contains("Since the review of"), "{text}");
    assert!(text.contains("+    review_by: 2027-06-01"), "{text}");
    press(&mut app, "<esc>");
    assert_eq!(app.layer(), Layer::Plan);
}

#[test]
fn history_follows_a_rename() {
    let samples = samples_in_git();
    let top = samples.dir.path();
    fs::create_dir(top.join("plans/camden")).unwrap();
    git(
        top,
        &[
            "mv",
            "plans/north/s117-0042.yaml",
            "plans/camden/s117-0042.yaml",
        ],
    );
    git(
        top,
        &["commit", "-q", "-m", "Move S117-0042 to the Camden team"],
    );
    let mut app = app_with_git(&samples, CommitMode::Off);
    press(&mut app, "/0042<ret><ret>h");
    let text = screen(&app);
    assert!(text.contains("(2 commits)"), "{text}");
    assert!(text.contains("Move S117-0042 to the Camden team"), "{text}");
    assert!(text.contains("(as plans/north/s117-0"), "{text}");
}

#[test]
fn meeting_mode_hides_identifiers_in_the_history_even_old_ones() {
    let samples = samples_in_git();
    let top = samples.dir.path();
    // A correction: the name and NHS number as first recorded were wrong.
    let file = samples.path(PLAN);
    let text = fs::read_to_string(&file).unwrap();
    let corrected = text
        .replace("name: Zoë Adebayo", "name: Zoë Adewale")
        .replace("999 861 8959", "999 123 4578");
    fs::write(&file, corrected).unwrap();
    git(
        top,
        &["commit", "-q", "-am", "Correct the person's details"],
    );
    let mut app = app_with_git(&samples, CommitMode::Off);
    press(&mut app, "/0042<ret><ret>h");
    let plain = screen(&app);
    assert!(
        plain.contains("Adebayo"),
        "outside meeting mode it shows: {plain}"
    );
    press(&mut app, "m");
    for size in [(80, 24), (120, 40), (200, 50)] {
        send(
            &mut app,
            Msg::Resize {
                width: size.0,
                height: size.1,
            },
        );
        let masked = screen(&app);
        // Adebayo is no longer the person's name: only the diff still has it.
        for identifier in [
            "Adebayo",
            "Adewale",
            "999 861 8959",
            "999 123 4578",
            "1991-07-23",
        ] {
            assert!(
                !masked.contains(identifier),
                "{identifier} at {size:?}:\n{masked}"
            );
        }
        assert!(
            masked.contains("Dana Coordinator"),
            "authors stay: {masked}"
        );
        assert!(masked.contains("[hidden]"), "{masked}");
    }
}

#[test]
fn no_repository_is_said_where_the_features_appear() {
    let samples = Samples::new();
    let mut app = samples.app();
    send(
        &mut app,
        Msg::GitChecked(aftercare::tui::runtime::git_status::check(&samples.root())),
    );
    assert!(matches!(
        app.git.state,
        GitState::Unavailable(GitError::NotARepository(_))
    ));
    let text = screen(&app);
    assert!(text.contains("not in git: no history"), "{text}");
    write_a_change(&mut app);
    assert_eq!(app.layer(), Layer::Plan, "no question without a repository");
    let text = screen(&app);
    assert!(text.contains("not committed"), "{text}");
    assert!(samples.read(PLAN).contains("review_by: 2027-06-01"));
    press(&mut app, "h");
    let text = screen(&app);
    assert!(text.contains("not in a git repository"), "{text}");
}

#[test]
fn no_git_installed_is_said_and_the_rest_works() {
    let samples = Samples::new();
    let mut app = samples.app();
    send(
        &mut app,
        Msg::GitChecked(GitState::Unavailable(GitError::NotInstalled)),
    );
    assert!(screen(&app).contains("git not installed"));
    write_a_change(&mut app);
    assert!(samples.read(PLAN).contains("review_by: 2027-06-01"));
    press(&mut app, "h");
    assert!(screen(&app).contains("git is not installed"));
}

#[test]
fn the_uncommitted_marker_comes_from_git_status() {
    let samples = samples_in_git();
    let file = samples.path("south/s117-0104.yaml");
    let text = fs::read_to_string(&file).unwrap();
    fs::write(
        &file,
        text.replace("interval_months: 6", "interval_months: 12"),
    )
    .unwrap();
    let state = aftercare::tui::runtime::git_status::check(&samples.root());
    assert!(state.is_uncommitted(&file), "{state:?}");
    assert!(!state.is_uncommitted(&samples.path(PLAN)));
    let mut app = samples.app();
    send(&mut app, Msg::GitChecked(state));
    let text = screen(&app);
    assert!(text.contains("S117-0104*"), "{text}");
    assert!(!text.contains("S117-0042*"), "{text}");
}

#[test]
fn a_failing_git_status_leaves_history_and_commits_working() {
    let samples = samples_in_git();
    let top = samples.dir.path();
    let index = top.join(".git/index");
    let good = fs::read(&index).unwrap();
    fs::write(&index, b"not an index").unwrap();
    let state = aftercare::tui::runtime::git_status::check(&samples.root());
    let GitState::Ready(folder) = &state else {
        panic!("the repository is still there: {state:?}");
    };
    assert!(folder.status_failed.is_some(), "{state:?}");
    let mut app = samples.app();
    send(&mut app, Msg::GitChecked(state));
    let text = screen(&app);
    assert!(text.contains("uncommitted plans unknown"), "{text}");
    fs::write(&index, good).unwrap();
    press(&mut app, "/0042<ret><ret>h");
    assert!(screen(&app).contains("Import the register"));
}

#[test]
fn a_new_plan_made_in_the_app_is_committed_as_a_new_plan() {
    let samples = samples_in_git();
    let top = samples.dir.path();
    let mut app = app_with_git(&samples, CommitMode::Ask);
    press(&mut app, "n");
    press(
        &mut app,
        "<ret>T.K.<ret><ret><ret><ret><ret>01/06/2026<ret>20/11/2026<ret><ret>NHS B<right><ret>Bri<right><ret>P. Ng, CMHT East<ret><ret><ret>",
    );
    assert_eq!(app.layer(), Layer::Diff, "{}", screen(&app));
    press(&mut app, "y");
    assert_eq!(app.layer(), Layer::Commit, "{}", screen(&app));
    assert!(screen(&app).contains("S117-0316: new plan"));
    press(&mut app, "y");
    assert_eq!(head_subject(top), "S117-0316: new plan");
    let committed = git(top, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(committed.trim(), "plans/s117-0316.yaml");
}

#[test]
fn a_repository_without_commits_starts_the_history_with_the_apps_first_commit() {
    let samples = Samples::new();
    let top = samples.dir.path();
    git(top, &["init", "-q", "-b", "main"]);
    git(top, &["config", "user.name", "Dana Coordinator"]);
    git(top, &["config", "user.email", "dana@example.invalid"]);
    let mut app = app_with_git(&samples, CommitMode::Ask);
    press(&mut app, "/0042<ret><ret>h");
    let text = screen(&app);
    assert!(text.contains("nothing has been committed"), "{text}");
    assert!(!text.contains("must be in a git repository"), "{text}");
    press(&mut app, "<esc>d<C-u>01/06/2027<ret>wy");
    assert_eq!(app.layer(), Layer::Commit);
    let Some(Overlay::Commit(offer)) = app.top_overlay() else {
        panic!("the commit question: {}", screen(&app));
    };
    assert_eq!(
        offer.message, "S117-0042: add the plan to git (N1 review date -> 01 Jun 2027)",
        "a first commit adds the whole file, and says so"
    );
    press(&mut app, "y");
    assert_eq!(
        head_subject(top),
        "S117-0042: add the plan to git (N1 review date -> 01 Jun 2027)"
    );
    let committed = git(top, &["show", "--name-only", "--format=", "HEAD"]);
    assert_eq!(
        committed.trim(),
        "plans/north/s117-0042.yaml",
        "that file alone"
    );
    press(&mut app, "h");
    assert!(screen(&app).contains("(1 commit)"));
}

/// As in the app, where git runs on another thread: the view says it is reading, keys still
/// work meanwhile, and news that comes late (for a commit no longer selected, or after the
/// view closed) is kept or dropped, never shown in the wrong place.
#[test]
fn history_news_arrives_after_the_keys_that_asked_for_it() {
    use aftercare::tui::app::{handle_key, update};
    use aftercare::tui::effect::{Effect, Effects};
    use aftercare::tui::keyscript::keys;
    use aftercare::tui::runtime::work::perform;
    let samples = samples_in_git();
    let mut app = app_with_git(&samples, CommitMode::Always);
    write_a_change(&mut app);
    let key = |app: &mut App, script: &str| -> Effects {
        let mut asked = Effects::default();
        for event in keys(script) {
            asked.extend(handle_key(app, &event));
        }
        asked
    };
    let one = |asked: Effects| -> Effect {
        let mut asked: Vec<Effect> = asked.into_iter().collect();
        assert_eq!(asked.len(), 1, "one job: {asked:?}");
        asked.remove(0)
    };
    let log = one(key(&mut app, "h"));
    assert!(screen(&app).contains("reading the history..."));
    let newest = one(update(&mut app, perform(log)));
    assert!(screen(&app).contains("(2 commits)"));
    // That is the newest commit's diff. While it is read, the user moves on: the older
    // commit's diff is wanted next.
    let older = one(key(&mut app, "j"));
    assert!(
        update(&mut app, perform(newest)).is_empty(),
        "the older diff is asked for once"
    );
    assert!(
        screen(&app).contains("reading the diff..."),
        "the newest diff is kept, not shown under the older commit"
    );
    assert!(update(&mut app, perform(older)).is_empty());
    assert!(screen(&app).contains("+id: S117-0042"));
    assert!(
        key(&mut app, "k").is_empty(),
        "the newest diff was kept: no second read"
    );
    assert!(screen(&app).contains("+    review_by: 2027-06-01"));
    // Closed before the news comes: it is dropped.
    let since = one(key(&mut app, "s"));
    assert!(key(&mut app, "<esc>").is_empty());
    assert!(update(&mut app, perform(since)).is_empty());
    assert_eq!(app.layer(), Layer::Plan);
}
