//! Writes under pressure: two `aftercare set` processes on one plan lose no update they report
//! as written; a plan made read-only, or swapped for a link out of the folder, after it was
//! opened is not written; temp files left by a crash are cleared on start, and only those.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, SystemTime};

use aftercare::store::edit::Edit;
use aftercare::store::write::{Loaded, apply_and_write};
use aftercare::tui::keymap::Layer;
use aftercare::tui::keyscript::press;
use chrono::{Days, NaiveDate};

use crate::common::{Samples, screen};

const PLAN: &str = "north/s117-0042.yaml";

fn fixture() -> String {
    fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edit/format-example.yaml"),
    )
    .unwrap()
}

/// A plans folder holding one plan, and a folder beside it (outside the plans folder).
struct Folder {
    dir: tempfile::TempDir,
}

impl Folder {
    fn new() -> Folder {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("plans/north")).unwrap();
        fs::create_dir(dir.path().join("outside")).unwrap();
        fs::write(dir.path().join("plans/north/plan.yaml"), fixture()).unwrap();
        Folder { dir }
    }

    fn plans(&self) -> PathBuf {
        self.dir.path().join("plans")
    }

    fn plan(&self) -> PathBuf {
        self.plans().join("north/plan.yaml")
    }

    fn outside(&self) -> PathBuf {
        self.dir.path().join("outside")
    }
}

/// `aftercare set` as a process of its own, on the plans folder `plans`.
fn set_command(plans: &Path, file: &Path, field: &str, value: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_aftercare"));
    command
        .args(["--config", "/nonexistent/aftercare/config.yaml", "set"])
        .arg(file)
        .args([field, value, "--dir"])
        .arg(plans);
    command
}

fn said(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned() + &String::from_utf8_lossy(&output.stderr)
}

/// The value of `field` (`reviews.next_due` or `needs.0.review_by`) in the file's text.
fn value_of(text: &str, field: &str) -> String {
    let plan: serde_yaml::Value = serde_yaml::from_str(text).unwrap();
    let value = match field {
        "reviews.next_due" => &plan["reviews"]["next_due"],
        "needs.N1.review_by" => &plan["needs"][0]["review_by"],
        other => panic!("no such field in the test: {other}"),
    };
    value.as_str().map_or_else(
        || serde_yaml::to_string(value).unwrap().trim().to_owned(),
        str::to_owned,
    )
}

#[test]
fn two_set_processes_on_different_fields_lose_no_update_they_report_as_written() {
    const ROUNDS: u64 = 150;
    let folder = Folder::new();
    let fields = ["reviews.next_due", "needs.N1.review_by"];
    let first = [
        NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2028, 1, 1).unwrap(),
    ];
    let (mut written, mut lost) = ([0u64; 2], Vec::new());
    for round in 0..ROUNDS {
        // Each round sets a value not used before, in both processes at once.
        let values = first.map(|date| (date + Days::new(round)).format("%Y-%m-%d").to_string());
        let children: Vec<_> = (0..2)
            .map(|i| {
                set_command(&folder.plans(), &folder.plan(), fields[i], &values[i])
                    .stdin(std::process::Stdio::null())
                    .stdout(std::process::Stdio::piped())
                    .stderr(std::process::Stdio::piped())
                    .spawn()
                    .unwrap()
            })
            .collect();
        let outputs: Vec<Output> = children
            .into_iter()
            .map(|child| child.wait_with_output().unwrap())
            .collect();
        let text = fs::read_to_string(folder.plan()).unwrap();
        for i in 0..2 {
            let out = said(&outputs[i]);
            match outputs[i].status.code() {
                Some(0) => {
                    assert!(out.contains("wrote "), "{out}");
                    written[i] += 1;
                    let now = value_of(&text, fields[i]);
                    if now != values[i] {
                        lost.push(format!(
                            "round {round}: {} reported {} = {} written; the file has {now}",
                            i + 1,
                            fields[i],
                            values[i]
                        ));
                    }
                }
                // `set` holds the lock from its read to its write: the other one waits its
                // turn, so it never finds the file changed under it (only a lock held past
                // the wait could refuse it).
                Some(1) => assert!(
                    out.contains("being written by another process"),
                    "round {round}: refused for another reason: {out}"
                ),
                other => panic!("round {round}: exit {other:?}: {out}"),
            }
        }
    }
    eprintln!("{ROUNDS} rounds: written {written:?}, lost {}", lost.len());
    assert!(
        lost.is_empty(),
        "{} of {} updates reported as written were lost:\n{}",
        lost.len(),
        written[0] + written[1],
        lost.join("\n")
    );
    // At least one of the two writes each round: a refusal means the other one wrote.
    assert!(
        written[0] + written[1] >= ROUNDS,
        "too few writes to mean anything: {written:?}"
    );
    assert!(
        fs::read_dir(folder.plan().parent().unwrap())
            .unwrap()
            .all(|entry| entry.unwrap().file_name() == "plan.yaml"),
        "no lock or temp file left"
    );
}

#[test]
fn a_held_lock_refuses_the_write_after_a_short_wait() {
    let folder = Folder::new();
    let loaded = Loaded::read(&folder.plan()).unwrap();
    // A live process (this one) holds the plan's lock.
    let lock = folder.plans().join("north/.plan.yaml.lock");
    fs::write(&lock, format!("{}\n", std::process::id())).unwrap();
    let edit = Edit::set("reviews.next_due", "2027-01-15").unwrap();
    let error = apply_and_write(&loaded, &[edit]).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("being written by another process"),
        "{error}"
    );
    assert_eq!(fs::read_to_string(folder.plan()).unwrap(), fixture());
    assert!(lock.exists(), "someone else's lock is left alone");
}

#[cfg(unix)]
fn make_read_only(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o444)).unwrap();
}

#[cfg(unix)]
#[test]
fn a_plan_made_read_only_after_it_was_opened_is_not_written() {
    let folder = Folder::new();
    let loaded = Loaded::read(&folder.plan()).unwrap();
    make_read_only(&folder.plan());
    let edit = Edit::set("reviews.next_due", "2027-01-15").unwrap();
    let error = apply_and_write(&loaded, &[edit]).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("read-only: the file has no write permission"),
        "{error}"
    );
    assert_eq!(fs::read_to_string(folder.plan()).unwrap(), fixture());
}

#[cfg(unix)]
#[test]
fn set_refuses_a_read_only_plan() {
    let folder = Folder::new();
    make_read_only(&folder.plan());
    let output = set_command(
        &folder.plans(),
        &folder.plan(),
        "reviews.next_due",
        "2027-01-15",
    )
    .output()
    .unwrap();
    let out = said(&output);
    assert_eq!(output.status.code(), Some(1), "{out}");
    assert!(
        out.contains("read-only: the file has no write permission; nothing was written"),
        "{out}"
    );
    assert_eq!(fs::read_to_string(folder.plan()).unwrap(), fixture());
}

#[cfg(unix)]
#[test]
fn the_app_does_not_write_a_plan_made_read_only_after_the_edit_began() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>kd+3m<ret>");
    make_read_only(&samples.path(PLAN));
    press(&mut app, "wy");
    let text = screen(&app);
    assert!(text.contains("read-only"), "{text}");
    assert_eq!(samples.read(PLAN), Samples::original(PLAN));
    assert_eq!(app.pending_changes(), 1);
}

/// Swap `path` for a symlink to `target`.
#[cfg(unix)]
fn swap_for_link(path: &Path, target: &Path) {
    fs::remove_file(path).unwrap();
    std::os::unix::fs::symlink(target, path).unwrap();
}

#[cfg(unix)]
#[test]
fn a_plan_swapped_for_a_link_out_of_the_folder_after_it_was_opened_is_not_written() {
    let folder = Folder::new();
    let loaded = Loaded::read(&folder.plan()).unwrap();
    // The same file under a second name outside (a hard link), so nothing about what the
    // plan's name leads to looks changed; then the plan's name becomes a link to it.
    let outside = folder.outside().join("copy.yaml");
    fs::hard_link(folder.plan(), &outside).unwrap();
    swap_for_link(&folder.plan(), &outside);
    let edit = Edit::set("reviews.next_due", "2027-01-15").unwrap();
    let error = apply_and_write(&loaded, &[edit]).unwrap_err();
    assert!(error.to_string().contains("nothing was written"), "{error}");
    assert_eq!(fs::read_to_string(&outside).unwrap(), fixture());
    assert_eq!(
        fs::read_dir(folder.outside()).unwrap().count(),
        1,
        "nothing written outside"
    );
}

#[cfg(unix)]
#[test]
fn a_folder_swapped_for_a_link_out_of_the_plans_folder_after_open_is_not_written() {
    let folder = Folder::new();
    let loaded = Loaded::read(&folder.plan()).unwrap();
    let outside = folder.outside().join("plan.yaml");
    fs::hard_link(folder.plan(), &outside).unwrap();
    let north = folder.plans().join("north");
    fs::rename(&north, folder.dir.path().join("north-was")).unwrap();
    std::os::unix::fs::symlink(folder.outside(), &north).unwrap();
    let edit = Edit::set("reviews.next_due", "2027-01-15").unwrap();
    let error = apply_and_write(&loaded, &[edit]).unwrap_err();
    assert!(error.to_string().contains("nothing was written"), "{error}");
    assert_eq!(fs::read_to_string(&outside).unwrap(), fixture());
    assert_eq!(fs::read_dir(folder.outside()).unwrap().count(), 1);
}

#[cfg(unix)]
#[test]
fn the_app_does_not_follow_a_plan_swapped_for_a_link_out_of_the_folder() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>kd+3m<ret>");
    // The plan becomes a link to another file outside the folder: the write is refused as a
    // change on disk, and reloading must not take the outside file as the plan.
    let outside = samples.dir.path().join("elsewhere.yaml");
    let theirs = format!("# not a plan of this folder\n{}", Samples::original(PLAN));
    fs::write(&outside, &theirs).unwrap();
    swap_for_link(&samples.path(PLAN), &outside);
    press(&mut app, "wy");
    if app.layer() == Layer::Reload {
        press(&mut app, "r");
    }
    if app.layer() == Layer::Diff {
        press(&mut app, "y");
    }
    assert_eq!(fs::read_to_string(&outside).unwrap(), theirs);
    let text = screen(&app);
    assert!(text.contains("outside the plans folder"), "{text}");
}

#[cfg(unix)]
#[test]
fn the_app_does_not_reload_a_plan_swapped_for_a_link_out_of_the_folder() {
    let samples = Samples::new();
    let mut app = samples.app();
    press(&mut app, "/0042<ret><ret>kd+3m<ret>");
    // A colleague's edit: the write is refused and a reload offered; before the answer, the
    // plan becomes a link to a file outside the folder.
    let theirs = format!("# edited elsewhere\n{}", Samples::original(PLAN));
    fs::write(samples.path(PLAN), &theirs).unwrap();
    press(&mut app, "wy");
    assert_eq!(app.layer(), Layer::Reload);
    let outside = samples.dir.path().join("elsewhere.yaml");
    fs::write(&outside, &theirs).unwrap();
    swap_for_link(&samples.path(PLAN), &outside);
    press(&mut app, "r");
    if app.layer() == Layer::Diff {
        press(&mut app, "y");
    }
    assert_eq!(fs::read_to_string(&outside).unwrap(), theirs);
    let text = screen(&app);
    assert!(text.contains("not reloaded"), "{text}");
    assert_eq!(app.pending_changes(), 1);
}

/// Set a file's modification time `age` ago.
fn age_file(path: &Path, age: Duration) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(SystemTime::now() - age).unwrap();
}

/// A folder with temp files: old and new ones of the app's pattern, and lookalikes that are
/// not the app's. Returns the ones that must go.
fn leftovers(plans: &Path) -> (Vec<PathBuf>, Vec<PathBuf>) {
    let hour = Duration::from_secs(3600);
    let north = plans.join("north");
    let mut old_own = Vec::new();
    let mut kept = Vec::new();
    for (name, old, own) in [
        (".plan.yaml.Ab3xZ9.tmp", true, true),
        (".s117-0001.yml.000000.tmp", true, true),
        (".gone.yaml.q1W2e3.tmp", true, true),
        (".new-plan.Zz9Yy8.tmp", true, true),
        (".plan.yaml.Cd4yW8.tmp", false, true),
        (".hidden.tmp.yaml", true, false),
        (".plan.yaml.Ab3xZ.tmp", true, false),
        (".plan.yaml.Ab3xZ99.tmp", true, false),
        (".plan.yaml.Ab-xZ9.tmp", true, false),
        (".notes.txt.Ab3xZ9.tmp", true, false),
        ("plan.yaml.Ab3xZ9.tmp", true, false),
        (".yaml.Ab3xZ9.tmp", true, false),
    ] {
        let path = north.join(name);
        fs::write(&path, "identifiers: 999 000 0018\n").unwrap();
        if old {
            age_file(&path, hour);
        }
        if old && own {
            old_own.push(path);
        } else {
            kept.push(path);
        }
    }
    // In a hidden folder (not the plans'), never touched.
    fs::create_dir(plans.join(".git")).unwrap();
    let hidden = plans.join(".git/.plan.yaml.Ab3xZ9.tmp");
    fs::write(&hidden, "x").unwrap();
    age_file(&hidden, hour);
    kept.push(hidden);
    (old_own, kept)
}

fn assert_cleared(old_own: &[PathBuf], kept: &[PathBuf]) {
    for path in old_own {
        assert!(!path.exists(), "{} should be removed", path.display());
    }
    for path in kept {
        assert!(path.exists(), "{} should be kept", path.display());
    }
}

#[test]
fn set_removes_old_temp_files_of_its_own_pattern_and_nothing_else() {
    let folder = Folder::new();
    let (old_own, kept) = leftovers(&folder.plans());
    let output = set_command(
        &folder.plans(),
        &folder.plan(),
        "reviews.next_due",
        "2027-01-15",
    )
    .output()
    .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", said(&output));
    assert_cleared(&old_own, &kept);
}

#[test]
fn the_app_removes_old_temp_files_of_its_own_pattern_on_start() {
    let samples = Samples::new();
    let (old_own, kept) = leftovers(&samples.root());
    let _app = samples.app();
    assert_cleared(&old_own, &kept);
}

#[test]
fn the_sample_plans_folder_ignores_temp_and_lock_files() {
    let ignore = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("plans/.gitignore"))
        .unwrap_or_default();
    let lines: Vec<&str> = ignore.lines().map(str::trim).collect();
    assert!(lines.contains(&".*.tmp"), "{ignore}");
    assert!(lines.contains(&".*.lock"), "{ignore}");
}
