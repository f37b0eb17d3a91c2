//! A warm start lists every plan from the summary cache before it has read the plans
//! (hazard K6): the list then is the list a full load gives (counts, every sort order, the
//! filters), and until every plan has come nothing acts on a row as if its plan were whole,
//! missing or invalid: opening, the register, a new plan and a sync say "still reading
//! plans" and do nothing; a search (begun before or after the rows came) never drops a row
//! it cannot read yet; meeting mode shows no unread row's error. Once the plans have come, the
//! app is the app a full load gives.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use aftercare::store::cache::listing::PlanRead;
use aftercare::tui::app::{App, Screen};
use aftercare::tui::keyscript::{press, send};
use aftercare::tui::msg::Msg;
use aftercare::tui::runtime::loader::{LoadMessage, LoadOptions, load_blocking, spawn_with};
use aftercare::tui::theme::Theme;

use crate::common::{screen, settings};

/// A plans folder in a fake repository (the cache goes in its `.git/`): the samples, two
/// plans sharing an id, plans sharing an NHS number, and a file that is no plan; its files
/// an hour old, so the cache may trust them, and the cache made.
struct Warm {
    dir: tempfile::TempDir,
}

impl Warm {
    fn new() -> Warm {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(".git")).unwrap();
        let plans = dir.path().join("plans");
        fs::create_dir_all(&plans).unwrap();
        let repository = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut sources: Vec<PathBuf> = Vec::new();
        for folder in [
            "plans",
            "plans/manchester",
            "plans/north",
            "plans/south",
            "tests/fixtures/rules-duplicate-id",
            "tests/fixtures/rules-shared-nhs",
        ] {
            let Ok(entries) = fs::read_dir(repository.join(folder)) else {
                continue;
            };
            sources.extend(entries.map(|entry| entry.unwrap().path()));
        }
        for source in sources.iter().filter(|path| path.is_file()) {
            fs::copy(source, plans.join(source.file_name().unwrap())).unwrap();
        }
        fs::write(plans.join("broken.yaml"), "id: [unclosed\n").unwrap();
        let an_hour_ago = SystemTime::now() - Duration::from_secs(3600);
        for entry in fs::read_dir(&plans).unwrap() {
            let file = fs::File::options()
                .write(true)
                .open(entry.unwrap().path())
                .unwrap();
            file.set_modified(an_hour_ago).unwrap();
        }
        let warm = Warm { dir };
        // The first (cold) start makes the cache.
        let (rows, _) = warm.messages();
        assert!(
            !rows.iter().any(|msg| matches!(msg, Msg::RowsListed(_))),
            "no cache yet: nothing listed before it is read"
        );
        warm
    }

    fn plans(&self) -> PathBuf {
        self.dir.path().join("plans")
    }

    /// The app's loader with the cache, to the end: its news up to every file listed, and
    /// the plans that came after.
    fn messages(&self) -> (Vec<Msg>, Vec<Msg>) {
        let options = LoadOptions {
            tidy: false,
            cache: true,
        };
        let (mut listed, mut plans) = (Vec::new(), Vec::new());
        let mut all_listed = false;
        for message in spawn_with(self.plans(), settings(), options) {
            let msg = match message {
                LoadMessage::Started { total } => Msg::LoadStarted { total },
                LoadMessage::Listed(rows) => Msg::RowsListed(rows),
                LoadMessage::Loaded(file) => Msg::PlansLoaded(vec![*file]),
                LoadMessage::Finished => Msg::LoadFinished,
                LoadMessage::PlansRead(read) => Msg::PlansRead(read),
                LoadMessage::AllRead => continue,
                LoadMessage::Failed(why) => panic!("{why}"),
            };
            let after = all_listed;
            all_listed |= matches!(msg, Msg::LoadFinished);
            match after {
                false => listed.push(msg),
                true => plans.push(msg),
            }
        }
        (listed, plans)
    }

    fn app(&self, messages: Vec<Msg>) -> App {
        let mut app = App::new(
            self.plans().display().to_string(),
            settings(),
            Theme::ansi16(),
        );
        send(
            &mut app,
            Msg::Resize {
                width: 120,
                height: 60,
            },
        );
        for msg in messages {
            send(&mut app, msg);
        }
        app
    }

    /// The app with every row listed from the cache and no plan read yet.
    fn rows_first(&self) -> (App, Vec<Msg>) {
        let (listed, plans) = self.messages();
        assert!(
            listed.iter().any(|msg| matches!(msg, Msg::RowsListed(_))),
            "warm: rows listed first"
        );
        assert!(!plans.is_empty(), "the plans come after");
        (self.app(listed), plans)
    }

    /// The app after a full load, without the cache.
    fn full(&self) -> App {
        self.app(load_blocking(&self.plans(), settings()))
    }
}

/// The listed rows, by file name, in the order shown.
fn shown_order(app: &App) -> Vec<String> {
    app.nav
        .list
        .rows
        .iter()
        .map(|&index| app.folder.files[index].display.clone())
        .collect()
}

/// The screen without its status line (the second), which says what is still being read.
fn without_status(app: &App) -> Vec<String> {
    let text = screen(app);
    let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
    lines.remove(1);
    lines
}

fn message(app: &App) -> String {
    format!("{:?}", app.ui.message)
}

#[test]
fn rows_listed_before_their_plans_are_the_list_a_full_load_gives() {
    let warm = Warm::new();
    let (mut rows_first, plans) = warm.rows_first();
    let mut full = warm.full();
    assert!(rows_first.folder.unread() > 0, "plans still to come");
    assert_eq!(
        rows_first.folder.counts, full.folder.counts,
        "header counts"
    );
    let summaries = |app: &App| {
        let mut all: Vec<_> = app
            .folder
            .files
            .iter()
            .zip(&app.folder.summaries)
            .map(|(file, summary)| (file.display.clone(), summary.clone(), file.findings.clone()))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    };
    assert_eq!(
        summaries(&rows_first),
        summaries(&full),
        "each row, with its findings (the folder-wide rules' among them)"
    );
    // Every sort order, each way round, and the quick filters: the same rows in the same order.
    for keys in ["", "s", "s", "s", "s", "S", "s", "o", "o", "d", "d"] {
        press(&mut rows_first, keys);
        press(&mut full, keys);
        assert_eq!(
            shown_order(&rows_first),
            shown_order(&full),
            "after {keys:?}"
        );
        assert_eq!(
            without_status(&rows_first),
            without_status(&full),
            "after {keys:?}"
        );
    }
    let status = screen(&rows_first).lines().nth(1).unwrap().to_owned();
    let full_status = screen(&full).lines().nth(1).unwrap().to_owned();
    assert!(status.contains("reading plans 0 of"), "{status}");
    let sorted_by = |line: &str| line.split("  ").next().unwrap_or("").to_owned();
    assert_eq!(sorted_by(&status), sorted_by(&full_status));
    // The plans come: the same app as a full load, status line and all.
    for msg in plans {
        send(&mut rows_first, msg);
    }
    assert_eq!(rows_first.folder.unread(), 0);
    assert!(rows_first.folder.awaited.is_empty());
    assert_eq!(screen(&rows_first), screen(&full));
    let plans_of = |app: &App| {
        let mut all: Vec<_> = app
            .folder
            .files
            .iter()
            .map(|file| (file.display.clone(), file.plan.clone()))
            .collect();
        all.sort_by(|a, b| a.0.cmp(&b.0));
        all
    };
    assert_eq!(plans_of(&rows_first), plans_of(&full), "every plan, whole");
}

#[test]
fn until_every_plan_has_come_what_needs_the_plans_says_so_and_does_nothing() {
    let warm = Warm::new();
    let (mut app, plans) = warm.rows_first();
    let total = app.folder.listed;
    let waiting = format!("still reading plans (0 of {total})");
    // Open (a valid row, and an invalid one), the register, a new plan, a sync.
    for keys in ["<ret>", "G<ret>", "$", "n", "Y"] {
        press(&mut app, keys);
        assert!(
            message(&app).contains(&waiting),
            "{keys}: {}",
            message(&app)
        );
        assert!(
            matches!(app.nav.screen, Screen::Dashboard),
            "{keys}: nothing opened"
        );
        assert!(app.nav.overlays.is_empty(), "{keys}: no form or dialog");
        assert!(!app.nav.list.searching, "{keys}: no search begun");
        assert!(!app.git.syncing, "{keys}: no sync started");
        press(&mut app, "gg");
    }
    // A search may begin (a query typed as the app starts is never taken as keys of the
    // list): every row whose plan is still to come stays listed.
    press(&mut app, "/mzzz");
    assert!(app.nav.list.searching && app.nav.list.query == "mzzz");
    for file in (0..app.folder.files.len()).filter(|&file| app.folder.is_awaited(file)) {
        assert!(app.nav.list.rows.contains(&file), "no unread row dropped");
    }
    assert!(
        !app.ui.display.meeting,
        "no letter of the query taken as a key of the list"
    );
    press(&mut app, "<esc>gg");
    // Half the plans in: still waiting, and saying how far it has got.
    let mut plans = plans.into_iter();
    let first = plans.next().unwrap();
    let Msg::PlansRead(batch) = &first else {
        panic!("plans first: {first:?}")
    };
    let came = batch.len();
    press(&mut app, "$");
    send(&mut app, first);
    if app.folder.unread() > 0 {
        press(&mut app, "<ret>");
        let partly = format!("still reading plans ({came} of {total})");
        assert!(message(&app).contains(&partly), "{}", message(&app));
        assert!(matches!(app.nav.screen, Screen::Dashboard));
    }
    for msg in plans {
        send(&mut app, msg);
    }
    // Every plan in: the message says so, and each key does what it does after a full load.
    assert!(message(&app).contains("plans read"), "{}", message(&app));
    let mut full = warm.full();
    for keys in ["<ret>", "<esc>G<ret>", "<esc>$", "<esc>/north"] {
        press(&mut app, keys);
        press(&mut full, keys);
        assert!(!message(&app).contains("still reading"), "{keys}");
        let open = |app: &App| app.open_file().map(|file| file.display.clone());
        assert_eq!(open(&app), open(&full), "{keys}");
        assert_eq!(screen(&app), screen(&full), "{keys}");
    }
}

#[test]
fn a_search_begun_before_the_rows_came_lists_unread_rows_until_their_plans_come() {
    let warm = Warm::new();
    let (listed, plans) = warm.messages();
    let mut app = App::new(
        warm.plans().display().to_string(),
        settings(),
        Theme::ansi16(),
    );
    send(
        &mut app,
        Msg::Resize {
            width: 120,
            height: 60,
        },
    );
    // Typed while the folder is still being scanned: nothing is listed yet.
    press(&mut app, "/support");
    assert!(app.nav.list.searching);
    for msg in listed {
        send(&mut app, msg);
    }
    let unread: Vec<usize> = (0..app.folder.files.len())
        .filter(|&file| app.folder.is_awaited(file))
        .collect();
    assert!(!unread.is_empty());
    for file in &unread {
        assert!(
            app.nav.list.rows.contains(file),
            "{} is not dropped by a search that cannot read it yet",
            app.folder.files[*file].display
        );
    }
    // More typing is taken as typed (never as keys of the list), the unread rows kept.
    press(&mut app, "x<bs>");
    assert_eq!(app.nav.list.query, "support");
    for file in &unread {
        assert!(app.nav.list.rows.contains(file));
    }
    for msg in plans {
        send(&mut app, msg);
    }
    let mut full = warm.full();
    press(&mut full, "/support");
    assert_eq!(
        shown_order(&app),
        shown_order(&full),
        "the search's own answer"
    );
}

#[test]
fn in_meeting_mode_an_unread_rows_error_waits_for_its_plan() {
    let warm = Warm::new();
    let (mut app, plans) = warm.rows_first();
    press(&mut app, "m");
    assert!(app.ui.display.meeting);
    let invalid_unread = (0..app.folder.files.len())
        .find(|&file| app.folder.is_awaited(file) && !app.folder.summaries[file].is_valid())
        .expect("a plan with errors, listed before it is read");
    let error = app.folder.summaries[invalid_unread]
        .first_error
        .clone()
        .unwrap();
    let message_part: String = error.rsplit(' ').take(3).collect::<Vec<_>>().join(" ");
    let shown = screen(&app);
    assert!(shown.contains("details once the plan is read"), "{shown}");
    assert!(
        !shown.contains(&message_part),
        "no unread row's error on screen: {message_part}"
    );
    for msg in plans {
        send(&mut app, msg);
    }
    assert!(!screen(&app).contains("details once the plan is read"));
}

#[test]
fn when_the_caches_plans_are_spoilt_the_rows_plans_are_read_from_the_files() {
    let warm = Warm::new();
    let cache_folder = warm.dir.path().join(".git/aftercare");
    let cache_file = fs::read_dir(&cache_folder)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .find(|path| {
            path.file_name()
                .unwrap()
                .to_string_lossy()
                .starts_with("cache-")
        })
        .unwrap();
    // The last plan's line changed: the index is whole, the plans fail their checksum.
    let mut bytes = fs::read(&cache_file).unwrap();
    let last = bytes.len() - 2;
    bytes[last] ^= 0x01;
    fs::write(&cache_file, bytes).unwrap();
    let (mut app, plans) = warm.rows_first();
    let fresh = plans
        .iter()
        .filter_map(|msg| match msg {
            Msg::PlansRead(read) => Some(read),
            _ => None,
        })
        .flatten()
        .filter(|(_, read)| matches!(read, PlanRead::Fresh(_)))
        .count();
    assert_eq!(fresh, app.folder.listed, "every plan read from its file");
    for msg in plans {
        send(&mut app, msg);
    }
    let full = warm.full();
    assert_eq!(app.folder.unread(), 0);
    assert_eq!(app.folder.counts, full.folder.counts);
    assert_eq!(screen(&app), screen(&full));
    press(&mut app, "<ret>");
    assert!(!message(&app).contains("still reading"));
}

#[test]
fn a_new_plan_waits_for_a_cold_load_to_finish_so_its_id_is_the_folders_next() {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("plans");
    let mut messages = load_blocking(&folder, settings()).into_iter();
    let (Some(started), Some(Msg::PlansLoaded(mut files)), Some(finished)) =
        (messages.next(), messages.next(), messages.next())
    else {
        panic!("a load is started, plans, finished");
    };
    let total = files.len();
    let rest = files.split_off(2);
    let mut app = App::new(folder.display().to_string(), settings(), Theme::ansi16());
    send(&mut app, started);
    send(&mut app, Msg::PlansLoaded(files));
    press(&mut app, "n");
    let waiting = format!("still reading plans (2 of {total})");
    assert!(message(&app).contains(&waiting), "{}", message(&app));
    assert!(
        app.nav.overlays.is_empty(),
        "no form while the folder is read"
    );
    // The register's totals are the whole folder's too: not shown from part of it.
    press(&mut app, "$");
    assert!(message(&app).contains(&waiting), "{}", message(&app));
    assert!(
        app.nav.overlays.is_empty(),
        "no register while the folder is read"
    );
    send(&mut app, Msg::PlansLoaded(rest));
    send(&mut app, finished);
    let read = format!("all {total} plans read");
    assert!(message(&app).contains(&read), "{}", message(&app));
    press(&mut app, "n");
    assert!(
        !app.nav.overlays.is_empty(),
        "the new plan's form, once all are read"
    );
}
