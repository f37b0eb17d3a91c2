//! `Y` on the plans list: the sync runs as an effect (off the UI thread in the app, at once
//! in key scripts), says what it did, and the plans list shows the team's changes.

use std::fs;
use std::path::Path;
use std::process::Command;

use aftercare::tui::app::App;
use aftercare::tui::keyscript::{press, send};
use aftercare::tui::msg::Msg;
use aftercare::tui::runtime::loader::load_blocking;
use aftercare::tui::theme::Theme;

use crate::common::{screen, settings};

const PLAN: &str = "s117-0042.yaml";

fn git(dir: &Path, args: &[&str]) {
    let output = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("LC_ALL", "C")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
}

fn clone(top: &Path, name: &str) -> std::path::PathBuf {
    git(top, &["clone", "-q", "server.git", name]);
    let clone = top.join(name);
    git(&clone, &["config", "user.name", name]);
    git(&clone, &["config", "user.email", "team@example.invalid"]);
    git(&clone, &["config", "commit.gpgsign", "false"]);
    clone
}

fn app_on(folder: &Path) -> App {
    let mut app = App::new(folder.display().to_string(), settings(), Theme::ansi16());
    for msg in load_blocking(folder, settings()) {
        send(&mut app, msg);
    }
    send(
        &mut app,
        Msg::Resize {
            width: 160,
            height: 24,
        },
    );
    app
}

#[test]
fn team_y_syncs_and_the_list_shows_the_teams_change() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    git(top, &["init", "-q", "--bare", "-b", "main", "server.git"]);
    let ada = clone(top, "ada");
    let original = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("plans/north")
            .join(PLAN),
    )
    .unwrap();
    fs::write(ada.join(PLAN), &original).unwrap();
    git(&ada, &["add", "--", PLAN]);
    git(&ada, &["commit", "-q", "-m", "The plan"]);
    git(&ada, &["push", "-q", "-u", "origin", "main"]);
    let ben = clone(top, "ben");
    let changed = original.replacen(
        "    provider: Willow House\n",
        "    provider: Elm Court\n",
        1,
    );
    fs::write(ben.join(PLAN), changed.as_bytes()).unwrap();
    git(&ben, &["commit", "-q", "-a", "-m", "N2 provider"]);
    git(&ben, &["push", "-q"]);

    let mut app = app_on(&ada);
    press(&mut app, "Y");
    let text = screen(&app);
    assert!(text.contains("merged 1 commit from the team"), "{text}");
    assert!(!app.git.syncing);
    let provider = app.folder.files[0]
        .plan
        .as_ref()
        .and_then(|plan| plan.need_by_id("N2"))
        .and_then(|need| need.provider.clone());
    assert_eq!(provider.as_deref(), Some("Elm Court"));
    assert_eq!(fs::read_to_string(ada.join(PLAN)).unwrap(), changed);
}

#[test]
fn team_y_without_a_server_says_so_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    git(top, &["init", "-q", "-b", "main"]);
    git(top, &["config", "user.name", "Ada"]);
    git(top, &["config", "user.email", "ada@example.invalid"]);
    fs::write(top.join(PLAN), "schema: aftercare/v1\n").unwrap();
    git(top, &["add", "--", PLAN]);
    git(top, &["commit", "-q", "--no-verify", "-m", "A plan"]);
    let mut app = app_on(top);
    press(&mut app, "Y");
    let text = screen(&app);
    assert!(text.contains("no team server is configured"), "{text}");
}

#[test]
fn team_the_plans_list_counts_commits_not_yet_shared() {
    let dir = tempfile::tempdir().unwrap();
    let top = dir.path();
    git(top, &["init", "-q", "--bare", "-b", "main", "server.git"]);
    let ada = clone(top, "ada");
    let original = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("plans/north")
            .join(PLAN),
    )
    .unwrap();
    fs::write(ada.join(PLAN), &original).unwrap();
    git(&ada, &["add", "--", PLAN]);
    git(&ada, &["commit", "-q", "-m", "The plan"]);
    git(&ada, &["push", "-q", "-u", "origin", "main"]);
    let changed = original.replacen(
        "    provider: Willow House\n",
        "    provider: Elm Court\n",
        1,
    );
    fs::write(ada.join(PLAN), changed.as_bytes()).unwrap();
    git(&ada, &["commit", "-q", "-a", "-m", "N2 provider"]);
    let mut app = app_on(&ada);
    send(
        &mut app,
        Msg::GitChecked(aftercare::tui::runtime::git_status::check(&ada)),
    );
    let text = screen(&app);
    assert!(text.contains("1 commit not yet shared (Y syncs)"), "{text}");
    press(&mut app, "Y");
    let text = screen(&app);
    assert!(text.contains("pushed to origin"), "{text}");
    assert!(!text.contains("not yet shared"), "{text}");
}
