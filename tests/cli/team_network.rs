//! The team's server over the network: `git daemon` started by the test on 127.0.0.1 with a
//! free port (and stopped by it), two clones syncing through it, the server stopped: offline,
//! local commits intact. And `aftercare sync` killed (`kill -9`) at many points: the
//! repository passes `git fsck` and no commit is lost.

use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use crate::team_support::{BINARY, PLAN, Team, text};

/// `git daemon`, stopped (and reaped) when dropped.
struct Daemon {
    child: Child,
    port: u16,
}

impl Drop for Daemon {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Whether this machine's git has `git daemon` (`-h` prints its usage and exits 129).
fn git_daemon_installed() -> bool {
    Command::new("git")
        .args(["daemon", "-h"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|status| status.code() == Some(129))
}

/// `git daemon` serving the team's folder (push allowed) on a free port of 127.0.0.1.
fn start_daemon(team: &Team) -> Daemon {
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let base = team.dir.path().display().to_string();
    // `git daemon` runs `git-daemon` as a child and waits: the test runs `git-daemon` itself,
    // so stopping it stops the server.
    let exec_path = team.git_ok(team.dir.path(), "Ada", &["--exec-path"]);
    let program = Path::new(exec_path.trim()).join("git-daemon");
    let child = team
        .command(program.to_str().unwrap(), team.dir.path(), "Ada")
        .args([
            &format!("--base-path={base}"),
            "--export-all",
            "--enable=receive-pack",
            "--reuseaddr",
            "--listen=127.0.0.1",
            &format!("--port={port}"),
            &base,
        ])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let daemon = Daemon { child, port };
    for _ in 0..400 {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return daemon;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
    panic!("git daemon did not listen on port {port}");
}

fn set(team: &Team, clone: &Path, person: &str, path: &str, value: &str) -> String {
    let file = clone.join(PLAN).display().to_string();
    let written = team.aftercare(clone, person, &["set", "--dir", ".", &file, path, value]);
    assert!(written.status.success(), "{}", text(&written));
    team.git_ok(clone, person, &["commit", "-q", "-a", "-m", "A change"]);
    team.head(clone)
}

#[test]
fn team_over_git_daemon_two_clones_sync_and_a_stopped_server_is_offline() {
    if !git_daemon_installed() {
        eprintln!("SKIPPED: `git daemon` is not installed with this git (git daemon -h failed)");
        return;
    }
    let team = Team::new();
    let daemon = start_daemon(&team);
    let url = format!("git://127.0.0.1:{}/server.git", daemon.port);
    let ada = team.clone_from("Ada", &url);
    let ben = team.clone_from("Ben", &url);
    set(&team, &ada, "Ada", "needs.N1.review_by", "2027-05-31");
    set(&team, &ben, "Ben", "needs.N2.provider", "Elm Court");
    for (clone, person) in [(&ada, "Ada"), (&ben, "Ben"), (&ada, "Ada")] {
        let synced = team.sync(clone, person);
        assert_eq!(synced.status.code(), Some(0), "{}", text(&synced));
    }
    for clone in [&ada, &ben] {
        let plan = team.plan(clone);
        assert!(plan.contains("review_by: 2027-05-31") && plan.contains("provider: Elm Court"));
    }
    drop(daemon);
    let kept = set(&team, &ada, "Ada", "needs.N1.review_by", "2027-06-30");
    let synced = team.sync(&ada, "Ada");
    assert_eq!(synced.status.code(), Some(1), "{}", text(&synced));
    let said = String::from_utf8_lossy(&synced.stderr);
    assert!(said.contains("could not be reached"), "{said}");
    assert!(said.contains("1 commit not yet shared"), "{said}");
    assert_eq!(team.head(&ada), kept);
}

/// A small deterministic sequence of delays (the trials are the same on every run).
fn delays(count: usize) -> Vec<Duration> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    (0..count)
        .map(|_| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            Duration::from_millis((state >> 33) % 300)
        })
        .collect()
}

/// Wait (bounded) for the git processes the killed sync started to finish (they run on in
/// process groups of their own, as they should): on Linux, until no process works in the
/// clone; elsewhere, until no lock file is left. A reader racing a writer of git's is not
/// what the test is about.
fn wait_for_git(clone: &Path) {
    let clone = clone.canonicalize().unwrap();
    for _ in 0..400 {
        if !git_still_working(&clone) {
            return;
        }
        std::thread::sleep(Duration::from_millis(25));
    }
}

fn git_still_working(clone: &Path) -> bool {
    if let Ok(processes) = std::fs::read_dir("/proc") {
        return processes.flatten().any(|process| {
            std::fs::read_link(process.path().join("cwd")).is_ok_and(|cwd| cwd.starts_with(clone))
        });
    }
    [
        "index.lock",
        "HEAD.lock",
        "refs/heads/main.lock",
        "ORIG_HEAD.lock",
    ]
    .iter()
    .any(|name| clone.join(".git").join(name).exists())
}

#[test]
fn team_sync_killed_at_random_points_keeps_the_repository_sound_and_every_commit() {
    let team = Team::new();
    let ada = team.clone_for("Ada");
    let ben = team.clone_for("Ben");
    let mut made = Vec::new();
    for (trial, delay) in delays(20).into_iter().enumerate() {
        set(
            &team,
            &ben,
            "Ben",
            "needs.N2.provider",
            &format!("Provider {trial}"),
        );
        let ben_synced = team.sync(&ben, "Ben");
        assert!(ben_synced.status.success(), "{}", text(&ben_synced));
        let day = format!("2027-01-{:02}", trial + 1);
        made.push(set(&team, &ada, "Ada", "needs.N1.review_by", &day));
        let mut sync = team.command(BINARY, &ada, "Ada");
        let mut child = sync
            .args(["sync", "."])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let _ = child.wait();
        wait_for_git(&ada);
        let fsck = team.git(&ada, "Ada", &["fsck", "--no-progress"]);
        assert!(fsck.status.success(), "trial {trial}: {}", text(&fsck));
        for commit in &made {
            assert!(
                team.has_commit(&ada, commit),
                "trial {trial}: {commit} lost"
            );
        }
        // A merge the kill interrupted (never one of the driver's) is finished by git; one
        // left stopped is aborted so the next trial starts clean.
        if ada.join(".git/MERGE_HEAD").exists() {
            team.git_ok(&ada, "Ada", &["merge", "--abort"]);
        }
    }
    let last = team.sync(&ada, "Ada");
    assert_eq!(last.status.code(), Some(0), "{}", text(&last));
    let server = team.path("server.git");
    for commit in &made {
        let on_server = team.git(
            &server,
            "Ada",
            &["merge-base", "--is-ancestor", commit, "main"],
        );
        assert!(on_server.status.success(), "{commit} reached the server");
    }
    assert!(
        team.git(&server, "Ada", &["fsck", "--no-progress"])
            .status
            .success()
    );
}
