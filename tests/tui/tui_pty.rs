//! End to end: the real binary in a pseudo-terminal (portable-pty), its output read by a
//! terminal emulator (vt100). Opens the samples, finds a plan, reads the screen, quits, and
//! checks the terminal was handed back as it was found; and, on a temporary git copy of the
//! samples, sets a next review with `+3m`, sees the diff, writes it and checks `git diff`.

use std::io::{Read, Write};
use std::num::NonZeroU16;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

const BINARY: &str = env!("CARGO_BIN_EXE_aftercare");
const WAIT: Duration = Duration::from_secs(20);

struct Session {
    master: Box<dyn MasterPty + Send>,
    child: Box<dyn Child + Send + Sync>,
    writer: Box<dyn Write + Send>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Every byte the program wrote.
    bytes: Arc<Mutex<Vec<u8>>>,
    reader: Option<thread::JoinHandle<()>>,
    /// The terminal modes before the program started (taken before it can enter raw mode).
    termios_before: String,
}

impl Session {
    fn start(term: &str, args: &[&str]) -> Session {
        Session::start_in(Path::new(env!("CARGO_MANIFEST_DIR")), term, args)
    }

    fn start_in(cwd: &Path, term: &str, args: &[&str]) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: 24,
                cols: 80,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pseudo-terminal");
        let termios_before = format!("{:?}", pair.master.get_termios());
        let mut command = CommandBuilder::new(BINARY);
        command.args(args);
        command.cwd(cwd);
        command.env("TERM", term);
        command.env_remove("NO_COLOR");
        let child = pair.slave.spawn_command(command).expect("start aftercare");
        drop(pair.slave);
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            NonZeroU16::new(24).unwrap(),
            NonZeroU16::new(80).unwrap(),
            0,
        )));
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let (screen_in, bytes_in) = (Arc::clone(&screen), Arc::clone(&bytes));
        let reader = thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            // Ends when the program exits and the pty closes.
            while let Ok(count) = reader.read(&mut buffer) {
                if count == 0 {
                    break;
                }
                screen_in.lock().unwrap().process(&buffer[..count]);
                bytes_in.lock().unwrap().extend_from_slice(&buffer[..count]);
            }
        });
        Session {
            master: pair.master,
            child,
            writer,
            screen,
            bytes,
            reader: Some(reader),
            termios_before,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while !self.contents().contains(text) {
            assert!(
                start.elapsed() < WAIT,
                "waited for {text:?}; the screen shows:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(20));
        }
    }

    /// Send keys one at a time, as a person types (so Esc is never read as Alt).
    fn type_keys(&mut self, keys: &[&str]) {
        for key in keys {
            self.writer.write_all(key.as_bytes()).unwrap();
            self.writer.flush().unwrap();
            thread::sleep(Duration::from_millis(60));
        }
    }

    fn wait_for_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(status) = self.child.try_wait().unwrap() {
                // Let the reader take the last bytes (the restore sequence).
                thread::sleep(Duration::from_millis(200));
                return status;
            }
            if start.elapsed() > WAIT {
                let _ = self.child.kill();
                panic!("aftercare did not exit; screen:\n{}", self.contents());
            }
            thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
        // The reader thread ends once the pty closes; do not wait on it from a panic.
        drop(self.reader.take());
    }
}

#[test]
fn opens_the_samples_finds_a_plan_and_restores_the_terminal_on_quit() {
    let mut session = Session::start("xterm-256color", &["plans", "--today", "2026-11-28"]);
    let termios_before = session.termios_before.clone();
    session.wait_for("17 plans (1 ended, 1 to end), 1 overdue, 1 due soon, 2 disputes");
    assert!(session.screen.lock().unwrap().screen().alternate_screen());
    assert!(termios_before.starts_with("Some"), "{termios_before}");
    assert_ne!(
        format!("{:?}", session.master.get_termios()),
        termios_before,
        "raw mode while running"
    );
    let dashboard = session.contents();
    assert!(dashboard.contains("S117-0104"), "{dashboard}");
    assert!(dashboard.contains("15 Oct 2026 !"));

    session.type_keys(&["/", "0", "0", "4", "2"]);
    session.wait_for("search: /0042");
    session.type_keys(&["\r", "\r"]);
    session.wait_for("HEALTH (ICB)");
    let plan = session.contents();
    assert!(plan.contains("S117-0042"));
    assert!(plan.contains("SOCIAL (LA)"));
    assert!(plan.contains("JOINT (ICB + LA)"));
    assert!(plan.contains("DISPUTE ICB/LA since 01 Sep 2026 about N3"));
    assert!(plan.contains("ICB 40% / LA 60%"));

    session.type_keys(&["4"]);
    session.wait_for("History (3, newest first)");
    session.type_keys(&["\x1b"]);
    session.wait_for("sorted by match");
    session.type_keys(&["q"]);
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status:?}");

    let parser = session.screen.lock().unwrap();
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "still in the alternate screen");
    assert!(!screen.hide_cursor(), "the cursor was left hidden");
    drop(parser);
    assert_eq!(
        format!("{:?}", session.master.get_termios()),
        termios_before,
        "terminal modes (raw mode) were not restored"
    );
}

#[test]
fn term_dumb_gets_a_plain_message_and_exit_code_2() {
    let mut session = Session::start("dumb", &["plans"]);
    let status = session.wait_for_exit();
    assert_eq!(status.exit_code(), 2);
    let bytes = session.bytes.lock().unwrap().clone();
    let output = String::from_utf8_lossy(&bytes);
    assert!(output.contains("aftercare check"), "{output}");
    assert!(!bytes.contains(&0x1b), "escape codes written: {output:?}");
}

#[test]
fn no_terminal_gets_a_plain_message_and_exit_code_2() {
    let output = Command::new(BINARY)
        .arg("plans")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .output()
        .expect("run aftercare");
    assert_eq!(output.status.code(), Some(2));
    assert!(output.stdout.is_empty());
    let message = String::from_utf8_lossy(&output.stderr);
    assert!(message.contains("not a terminal"), "{message}");
    assert!(message.contains("aftercare check"), "{message}");
    assert!(!output.stderr.contains(&0x1b));
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .args([
            "-c",
            "user.name=test",
            "-c",
            "user.email=test@example.invalid",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("run git");
    assert!(output.status.success(), "git {args:?}: {output:?}");
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

#[test]
fn a_date_change_written_and_committed_from_the_app_is_a_one_line_git_diff() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("plans"),
        &dir.path().join("plans"),
    );
    git(dir.path(), &["init", "-q"]);
    // The identity the app's commit uses, as a user sets it once.
    git(dir.path(), &["config", "user.name", "Dana Coordinator"]);
    git(
        dir.path(),
        &["config", "user.email", "dana@example.invalid"],
    );
    git(dir.path(), &["add", "-A"]);
    git(dir.path(), &["commit", "-q", "-m", "samples"]);

    let mut session = Session::start_in(
        dir.path(),
        "xterm-256color",
        &["plans", "--today", "2026-11-28"],
    );
    session.wait_for("17 plans");
    session.type_keys(&["/", "0", "0", "4", "2"]);
    session.wait_for("search: /0042");
    session.type_keys(&["\r", "\r"]);
    session.wait_for("HEALTH (ICB)");
    // Up to the header, where d sets the plan's next review.
    session.type_keys(&["k", "d"]);
    session.wait_for("Next review of the plan");
    session.type_keys(&["+", "3", "m"]);
    session.wait_for("= Sun 28 Feb 2027");
    session.type_keys(&["\r"]);
    session.wait_for("*1 unsaved");
    session.type_keys(&["w"]);
    session.wait_for("+  next_due: \"2027-02-28\"");
    assert!(session.contents().contains("-  next_due: \"2026-12-10\""));
    session.type_keys(&["y"]);
    session.wait_for("Commit to git?");
    assert!(
        session
            .contents()
            .contains("S117-0042: next review -> 28 Feb 2027")
    );
    let numstat = git(dir.path(), &["diff", "--numstat"]);
    assert_eq!(numstat, "1\t1\tplans/north/s117-0042.yaml\n", "written");
    session.type_keys(&["y"]);
    session.wait_for("saved and committed");
    // The history: the new commit on top, its diff below.
    session.type_keys(&["h"]);
    session.wait_for("History of S117-0042 (2 commits)");
    session.wait_for("+  next_due: \"2027-02-28\"");
    assert!(session.contents().contains("Dana Coordinator"));
    session.type_keys(&["\x1b"]);
    session.wait_for("HEALTH (ICB)");
    session.type_keys(&["q"]);
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status:?}");

    assert_eq!(git(dir.path(), &["diff", "--numstat"]), "", "committed");
    assert_eq!(
        git(dir.path(), &["log", "-1", "--format=%s"]).trim(),
        "S117-0042: next review -> 28 Feb 2027"
    );
    assert_eq!(
        git(dir.path(), &["show", "--numstat", "--format=", "HEAD"]),
        "1\t1\tplans/north/s117-0042.yaml\n"
    );
}

/// Plan text with escape sequences (clear screen, OSC 52 clipboard, window title, BEL, `\r`,
/// C1 and bidi controls) reaches the terminal as placeholders, never as the bytes themselves.
#[test]
fn plan_text_reaches_the_terminal_inert() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/hostile");
    std::fs::copy(
        fixtures.join("terminal-escapes.yaml"),
        dir.path().join("a.yaml"),
    )
    .unwrap();
    std::fs::write(dir.path().join("\u{1b}]0;owned\u{7}.yaml"), "").unwrap();
    let folder = dir.path().to_str().unwrap();
    let mut session = Session::start("xterm-256color", &[folder, "--today", "2026-11-28"]);
    session.wait_for("2 plans");
    session.type_keys(&["/", "9", "1", "0", "4", "\r", "\r"]);
    session.wait_for("Care coordination \u{241b}[2J\u{241b}[H and review");
    // Placeholders are one column wide in the terminal as on ratatui's grid: nothing shifts.
    session.wait_for("LA: Leeds \u{2426}liconuoC ytiC  Care coordinator: P. Hargreaves\u{2426}2J");
    for key in [
        "\t", "\t", "2", "3", "4", "5", "\x1b", "\x1b", "/", "o", "w", "n", "\r", "\r",
    ] {
        session.type_keys(&[key]);
    }
    session.wait_for("\u{241b}]0;owned\u{2407}.yaml");
    session.type_keys(&["\x1b", "q"]);
    assert!(session.wait_for_exit().success());

    let bytes = session.bytes.lock().unwrap().clone();
    let contains = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    assert!(!bytes.contains(&0x07), "a BEL reached the terminal");
    for needle in [
        &b"\x1b]"[..],         // any OSC: clipboard (52), window title (0)
        b"\x1bP",              // DCS
        b"\x1b[2J\x1b[H and",  // the plan's clear-screen
        b"\x1b[8mhidden",      // hidden text
        b"\x1b[2Kagreed",      // erase line
        b"\rSiddiqui",         // carriage return over the name
        "\u{9b}".as_bytes(),   // C1 CSI
        "\u{202e}".as_bytes(), // right-to-left override
    ] {
        assert!(
            !contains(needle),
            "{:?} reached the terminal",
            String::from_utf8_lossy(needle)
        );
    }
    assert!(
        contains("\u{241b}[2J".as_bytes()),
        "the placeholder was drawn"
    );
}

/// A paste arrives bracketed (`ESC [200~ ... ESC [201~`) once the app has asked for it: the
/// text goes into the prompt's field, its line breaks as spaces, and nothing in it is a key
/// (a pasted `w` or `y` never shows the diff or writes). The terminal is asked for bracketed
/// paste at the start and handed back without it.
#[test]
fn a_paste_is_text_in_the_prompt_and_bracketed_paste_is_turned_off_on_exit() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("plans"),
        &dir.path().join("plans"),
    );
    let plan = dir.path().join("plans/north/s117-0042.yaml");
    let before = std::fs::read(&plan).unwrap();
    let mut session = Session::start_in(
        dir.path(),
        "xterm-256color",
        &["plans", "--today", "2026-11-28"],
    );
    session.wait_for("17 plans");
    session.type_keys(&["/", "0", "0", "4", "2"]);
    session.wait_for("search: /0042");
    session.type_keys(&["\r", "\r"]);
    session.wait_for("HEALTH (ICB)");
    session.type_keys(&["e"]);
    session.wait_for("Edit N");
    // Ctrl-U clears the field; then the paste, in one write as a terminal sends it.
    session.type_keys(&["\x15"]);
    session.type_keys(&["\x1b[200~agreed at panel.\r\rwill review yearly\x1b[201~"]);
    session.wait_for("agreed at panel. will review yearly");
    let shown = session.contents();
    assert!(!shown.contains("unsaved"), "nothing queued: {shown}");
    assert!(!shown.contains("Write "), "no diff: {shown}");
    assert_eq!(std::fs::read(&plan).unwrap(), before, "nothing written");
    // Esc asks whether to drop what was typed; y drops it; q quits.
    session.type_keys(&["\x1b"]);
    session.wait_for("Close the prompt?");
    session.type_keys(&["y", "q"]);
    let status = session.wait_for_exit();
    assert!(status.success(), "exit status {status:?}");
    assert_eq!(std::fs::read(&plan).unwrap(), before, "nothing written");

    let bytes = session.bytes.lock().unwrap().clone();
    let find_last = |needle: &[u8]| bytes.windows(needle.len()).rposition(|w| w == needle);
    let on = find_last(b"\x1b[?2004h").expect("bracketed paste was turned on");
    let off = find_last(b"\x1b[?2004l").expect("bracketed paste was turned off");
    assert!(off > on, "turned off after it was turned on");
}
