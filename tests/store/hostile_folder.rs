//! The hostile-input corpus: a plans folder holding everything a shared folder can hold (the
//! small files in `tests/fixtures/hostile/`, the large and special ones made here). Loaded,
//! drawn on every screen, and run through `check`, `due` and `set --dry-run`: nothing panics
//! or blocks, every bad file is named with a clear finding, every good file is read intact.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use chrono::NaiveDate;
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use aftercare::commands::{check, due, set};
use aftercare::inert::is_inert;
use aftercare::plan::rules::RuleSettings;
use aftercare::store::folder::{Folder, PlanFile, load_file, load_folder, scan};
use aftercare::tui::action::{Action, PlanTab};
use aftercare::tui::app::{App, Screen};
use aftercare::tui::keyscript::press;
use aftercare::tui::keyscript::send;
use aftercare::tui::msg::Msg;
use aftercare::tui::views;

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hostile");
const EMPTY_FILES: usize = 10_000;
/// Generous: the whole run takes seconds; a blocked read would take forever.
const PATIENCE: Duration = Duration::from_secs(300);

fn settings() -> RuleSettings {
    RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 28).unwrap())
}

/// Good plans (name, id, needs): loaded valid and complete, their bytes never changed.
const GOOD: &[(&str, &str, usize)] = &[
    ("good-a.yaml", "S117-9101", 4),
    ("good-b.yaml", "S117-9102", 5),
    ("bom.yaml", "S117-9103", 4),
    ("terminal-escapes.yaml", "S117-9104\u{1b}[2J", 4),
    ("long-line.yaml", "S117-9120", 4),
];

/// Bad files (relative name) and words their finding must hold.
const BAD: &[(&str, &str)] = &[
    ("alias-bomb.yaml", "alias bomb"),
    ("comment-only.yaml", "empty apart from comments"),
    ("duplicate-review-by.yaml", "`review_by` is given twice"),
    ("empty.yaml", "the file is empty"),
    ("invalid-utf8.yaml", "not UTF-8"),
    ("nul-bytes.yaml", "control character"),
    ("tabs.yaml", "tab in the indentation"),
    ("top-level-list.yaml", "holds a list, not a plan"),
    ("two-documents.yaml", "more than one YAML document"),
    ("huge.yaml", "larger than 1024 KiB"),
    ("deep-flow.yaml", "nested more than 64 deep"),
    ("deep-block.yaml", "nested more than 64 deep"),
    ("deep-megabyte.yaml", "nested more than 64 deep"),
    ("plan.yaml", "is a folder, not a plan file"),
    ("\u{1b}[2J-name.yaml", "the file is empty"),
];

#[cfg(unix)]
const BAD_UNIX: &[(&str, &str)] = &[
    ("pipe.yaml", "not a regular file"),
    ("socket.yaml", "not a regular file"),
    ("loop-a.yaml", "symlink that leads nowhere"),
    ("loop-b.yaml", "symlink that leads nowhere"),
    ("self.yaml", "symlink that leads nowhere"),
    ("passwd.yaml", "outside the plans folder"),
    ("etc.yaml", "outside the plans folder"),
];

struct Corpus {
    _dir: tempfile::TempDir,
    root: PathBuf,
    /// The bad files this platform could make, with their expected words.
    bad: Vec<(String, &'static str)>,
    /// Whether the no-permission file is unreadable here (not so for root).
    locked_bites: bool,
    /// Kept open so the socket file stays a live socket.
    #[cfg(unix)]
    _socket: Option<std::os::unix::net::UnixListener>,
}

fn write(path: &Path, bytes: &[u8]) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, bytes).unwrap();
}

fn good_a() -> String {
    fs::read_to_string(Path::new(FIXTURES).join("good-a.yaml")).unwrap()
}

fn build() -> Corpus {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("plans");
    fs::create_dir(&root).unwrap();
    for entry in fs::read_dir(FIXTURES).unwrap() {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|ext| ext == "yaml") {
            fs::copy(entry.path(), root.join(entry.file_name())).unwrap();
        }
    }
    // A 50 MiB file that starts as plausible YAML (the rest a sparse run of NULs: the size is
    // what the reader must refuse on, before reading), and a plan with a 100,000-character line.
    let mut huge = fs::File::create(root.join("huge.yaml")).unwrap();
    let chunk = "notes: an old export pasted in again and again\n".repeat(1_400);
    huge.write_all(chunk.as_bytes()).unwrap();
    huge.set_len(50 * 1024 * 1024).unwrap();
    let long = good_a().replace("id: S117-9101", "id: S117-9120").replace(
        "need: Care coordination,",
        &format!("need: {} Care coordination,", "word ".repeat(20_000)),
    );
    write(&root.join("long-line.yaml"), long.as_bytes());
    // Nesting 10,000 deep, in brackets and in block dashes; and a megabyte of `[`.
    let deep = format!(
        "schema: aftercare/v1\nid: {}{}\n",
        "[".repeat(10_000),
        "]".repeat(10_000)
    );
    write(&root.join("deep-flow.yaml"), deep.as_bytes());
    let dashes = format!("schema: aftercare/v1\nneeds:\n{}x\n", "- ".repeat(10_000));
    write(&root.join("deep-block.yaml"), dashes.as_bytes());
    write(&root.join("deep-megabyte.yaml"), &vec![b'['; 1_000_000]);
    // A folder named like a plan, a file name that is an escape sequence, 10,000 empty files.
    fs::create_dir(root.join("plan.yaml")).unwrap();
    write(&root.join("\u{1b}[2J-name.yaml"), b"");
    for index in 0..EMPTY_FILES {
        fs::File::create(root.join(format!("empty-{index:05}.yaml"))).unwrap();
    }
    let mut bad: Vec<(String, &str)> = BAD.iter().map(|(n, w)| (n.to_string(), *w)).collect();
    let mut corpus = Corpus {
        root: root.clone(),
        bad: Vec::new(),
        locked_bites: false,
        _dir: dir,
        #[cfg(unix)]
        _socket: None,
    };
    #[cfg(unix)]
    {
        use std::os::unix::fs::{PermissionsExt, symlink};
        let fifo = std::process::Command::new("mkfifo")
            .arg(root.join("pipe.yaml"))
            .status()
            .is_ok_and(|status| status.success());
        corpus._socket = std::os::unix::net::UnixListener::bind(root.join("socket.yaml")).ok();
        symlink(root.join("loop-b.yaml"), root.join("loop-a.yaml")).unwrap();
        symlink(root.join("loop-a.yaml"), root.join("loop-b.yaml")).unwrap();
        symlink(root.join("self.yaml"), root.join("self.yaml")).unwrap();
        symlink("/etc/passwd", root.join("passwd.yaml")).unwrap();
        symlink("/etc", root.join("etc.yaml")).unwrap();
        let locked = root.join("locked.yaml");
        write(
            &locked,
            good_a().replace("S117-9101", "S117-9121").as_bytes(),
        );
        fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).unwrap();
        // Root reads anything: the permission finding cannot be seen then.
        corpus.locked_bites = fs::read(&locked).is_err();
        for (name, words) in BAD_UNIX {
            let made = match *name {
                "pipe.yaml" => fifo,
                "socket.yaml" => corpus._socket.is_some(),
                _ => true,
            };
            if made {
                bad.push((name.to_string(), words));
            }
        }
        if corpus.locked_bites {
            bad.push(("locked.yaml".into(), "permission denied"));
        }
    }
    corpus.bad = bad;
    corpus
}

/// Run `work` on a thread of its own and wait at most `PATIENCE`: a blocked read fails the
/// test instead of hanging it.
fn within<T: Send + 'static>(what: &str, work: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(work());
    });
    receiver
        .recv_timeout(PATIENCE)
        .unwrap_or_else(|_| panic!("{what} blocked or panicked"))
}

fn file<'f>(folder: &'f Folder, name: &str) -> &'f PlanFile {
    folder
        .files
        .iter()
        .find(|file| file.path.file_name().is_some_and(|n| n == name))
        .unwrap_or_else(|| panic!("{name:?} not listed"))
}

fn assert_loaded(corpus: &Corpus, folder: &Folder) {
    for (name, words) in &corpus.bad {
        let file = file(folder, name);
        assert!(file.errors() > 0, "{name:?} has no error");
        let said: Vec<&str> = file.findings.iter().map(|f| f.message.as_str()).collect();
        assert!(
            said.iter().any(|message| message.contains(words)),
            "{name:?}: expected {words:?}, got {said:?}"
        );
    }
    for (name, id, needs) in GOOD {
        let file = file(folder, name);
        assert!(file.is_valid(), "{name}: {:?}", file.findings);
        let plan = file.plan.as_ref().unwrap();
        assert_eq!(plan.id.as_deref(), Some(*id), "{name}");
        assert_eq!(plan.needs.len(), *needs, "{name} read in full");
    }
    let empties = folder
        .files
        .iter()
        .filter(|file| file.display.contains("empty-"))
        .filter(|file| file.findings[0].message.contains("the file is empty"))
        .count();
    assert_eq!(empties, EMPTY_FILES);
}

/// Every cell of a frame: nothing a terminal would act on.
fn draw(app: &App, width: u16, height: u16) -> String {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| views::render(app, frame)).unwrap();
    let buffer = terminal.backend().buffer();
    let mut text = String::new();
    for cell in buffer.content() {
        assert!(
            is_inert(cell.symbol()),
            "{:?} reached a cell",
            cell.symbol()
        );
        text.push_str(cell.symbol());
    }
    text
}

fn render_everything(root: &Path, files: Vec<PlanFile>) {
    let mut app = App::with_files(root.display().to_string(), settings(), files);
    for (width, height) in [(80, 24), (200, 50)] {
        send(&mut app, Msg::Resize { width, height });
        draw(&app, width, height);
    }
    // Page through the whole list: 10,000 rows and more.
    send(
        &mut app,
        Msg::Resize {
            width: 80,
            height: 24,
        },
    );
    let pages = app.rows_shown() / 18 + 2;
    for _ in 0..pages {
        // The key's action without the key script's own frame: this test draws each page.
        send(&mut app, Action::PageDown);
        draw(&app, 80, 24);
    }
    // Open every file but the empty ones (one of those stands for all) on every tab.
    let shown: Vec<usize> = (0..app.folder.files.len())
        .filter(|i| {
            !app.folder.files[*i].display.contains("empty-")
                || app.folder.files[*i].display.contains("empty-00000")
        })
        .collect();
    for index in shown {
        let position = app
            .nav
            .list
            .rows
            .iter()
            .position(|row| *row == index)
            .unwrap();
        press(&mut app, "<esc><esc>g");
        for _ in 0..position {
            app.nav
                .list
                .move_by(1, aftercare::tui::layout::list_height(app.ui.height));
        }
        press(&mut app, "<ret>");
        if matches!(app.nav.screen, Screen::Findings { .. }) {
            draw(&app, 80, 24);
            press(&mut app, "G<ret>");
        }
        if let Screen::Plan(_) = app.nav.screen {
            for tab in PlanTab::ALL {
                send(&mut app, Action::ShowTab(tab));
                for (width, height) in [(80, 24), (200, 50)] {
                    send(&mut app, Msg::Resize { width, height });
                    draw(&app, width, height);
                }
                press(&mut app, "<tab>jG");
                draw(&app, 200, 50);
            }
        }
        send(
            &mut app,
            Msg::Resize {
                width: 80,
                height: 24,
            },
        );
        press(&mut app, "<esc>");
    }
}

fn run_check(root: &Path) -> String {
    let (mut out, mut err) = (Vec::new(), Vec::new());
    let code = check::run(root, &settings(), check::Output::Text, &mut out, &mut err).unwrap();
    assert_eq!(code, check::EXIT_ERRORS);
    let text = String::from_utf8(out).unwrap();
    assert!(is_inert(&text), "check printed a control character");
    let mut json = Vec::new();
    check::run(root, &settings(), check::Output::Json, &mut json, &mut err).unwrap();
    serde_json::from_slice::<serde_json::Value>(&json).expect("check --format json is JSON");
    text
}

fn run_due(files: &[PlanFile]) {
    let rows = due::due_rows(files, &due::DueFilter::default(), settings().today, 30);
    let mut table = Vec::new();
    due::write_table(&rows, &mut table).unwrap();
    assert!(
        is_inert(&String::from_utf8(table).unwrap()),
        "due table not inert"
    );
    let mut csv = Vec::new();
    due::write_csv(&rows, &mut csv).unwrap();
    let csv = String::from_utf8(csv).unwrap();
    assert!(is_inert(&csv.replace("\r\n", "\n")), "due csv not inert");
    due::write_json(&rows, &mut Vec::new()).unwrap();
}

fn dry_run(root: &Path, plan: &str) -> (u8, String) {
    let args = set::SetArgs {
        plan: plan.to_owned(),
        path: "reviews.next_due".into(),
        value: "+6w".into(),
        dry_run: true,
        drop_comment: false,
        dir: Some(root.to_path_buf()),
    };
    let mut out = Vec::new();
    let code = set::run(&args, settings().today, &mut out).unwrap();
    let out = String::from_utf8(out).unwrap();
    assert!(is_inert(&out), "set printed a control character: {out:?}");
    (code, out)
}

fn run_set(corpus: &Corpus) {
    let root = &corpus.root;
    for plan in [
        "S117-9101",
        "good-b.yaml",
        "terminal-escapes.yaml",
        "long-line.yaml",
    ] {
        let plan = match plan.ends_with(".yaml") {
            true => root.join(plan).to_string_lossy().into_owned(),
            false => plan.to_owned(),
        };
        let (code, out) = dry_run(root, &plan);
        assert_eq!(code, set::WRITTEN, "{plan}: {out}");
        assert!(out.contains("dry run"), "{out}");
    }
    for (name, _) in &corpus.bad {
        let (code, out) = dry_run(root, &root.join(name).to_string_lossy());
        assert_ne!(code, set::WRITTEN, "{name:?}: {out}");
        assert!(out.starts_with("aftercare set: "), "{name:?}: {out}");
    }
}

#[test]
fn a_hostile_folder_loads_draws_and_checks_without_harm() {
    let corpus = build();
    let root = corpus.root.clone();
    let folder = within("loading", move || load_folder(&root, &settings()).unwrap());
    assert_loaded(&corpus, &folder);

    let root = corpus.root.clone();
    let files = folder.files.clone();
    within("drawing", move || render_everything(&root, files));

    let root = corpus.root.clone();
    let text = within("check", move || run_check(&root));
    for (name, words) in &corpus.bad {
        let shown = aftercare::inert::inert_line(name).into_owned();
        assert!(
            text.lines()
                .any(|line| line.contains(&format!("/{shown}:")) && line.contains(words)),
            "check says nothing of {shown}: {words}"
        );
    }
    assert!(
        text.contains("/\u{241b}[2J-name.yaml:1:1: error"),
        "{text:.2000}"
    );

    let files = folder.files.clone();
    within("due", move || run_due(&files));
    run_set(&corpus);

    // Nothing above wrote: the good files are as they were.
    for (name, _, _) in GOOD {
        let path = corpus.root.join(name);
        let fixture = Path::new(FIXTURES).join(name);
        if fixture.exists() {
            assert_eq!(
                fs::read(&path).unwrap(),
                fs::read(&fixture).unwrap(),
                "{name}"
            );
        }
    }
}

#[test]
fn a_file_deleted_between_scan_and_read_is_a_finding() {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("stays.yaml"), good_a()).unwrap();
    fs::write(
        dir.path().join("goes.yaml"),
        good_a().replace("S117-9101", "S117-9130"),
    )
    .unwrap();
    let scanned = scan(dir.path()).unwrap();
    fs::remove_file(dir.path().join("goes.yaml")).unwrap();
    let loaded: Vec<PlanFile> = scanned
        .candidates
        .iter()
        .map(|candidate| load_file(candidate, &settings()))
        .collect();
    let gone = loaded
        .iter()
        .find(|f| f.display.ends_with("goes.yaml"))
        .unwrap();
    assert_eq!(
        gone.findings[0].message,
        "the file disappeared while the folder was read"
    );
    let stays = loaded
        .iter()
        .find(|f| f.display.ends_with("stays.yaml"))
        .unwrap();
    assert!(stays.is_valid());
}

/// The parsers never recurse without bound: a 10,000-deep file is read on a thread with a
/// small stack (before the depth guard, 10,000 `[` overflowed a 64 KiB stack in libyaml's
/// deserializer and in yaml-edit's parser; half a million took minutes).
#[test]
fn deep_nesting_is_refused_on_a_small_stack() {
    let deep = format!("id: {}{}\n", "[".repeat(10_000), "]".repeat(10_000));
    let dashes = format!("needs:\n{}x\n", "- ".repeat(10_000));
    let handle = std::thread::Builder::new()
        .stack_size(128 * 1024)
        .spawn(move || {
            for text in [deep, dashes] {
                let assessed =
                    aftercare::plan::assess::assess_plan_text(&text, "deep.yaml", &settings());
                assert!(assessed.plan.is_none());
                assert!(
                    assessed.findings[0]
                        .message
                        .contains("nested more than 64 deep")
                );
                let edit = aftercare::store::edit::Edit::set("id", "S117-0001").unwrap();
                let refused = aftercare::store::edit::apply(&text, &[edit]).unwrap_err();
                assert!(
                    refused.to_string().contains("nested more than 64 deep"),
                    "{refused}"
                );
            }
        })
        .unwrap();
    handle.join().expect("no stack overflow");
}
