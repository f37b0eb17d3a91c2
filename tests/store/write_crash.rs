//! Write safety: a writer killed with SIGKILL at random moments leaves every plan either the
//! complete old or the complete new version; changes made on disk since load are refused.
//!
//! The writer is this test binary re-run with `AFTERCARE_CRASH_DIR` set (the `crash_writer`
//! test), which loops over the files writing them through `apply_and_write`.

use std::fs;
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant, SystemTime};

use aftercare::store::edit::Edit;
use aftercare::store::write::{Loaded, WriteError, apply_and_write, dry_run};

const FILES: usize = 4;
const TRIALS: usize = 200;
const DATES: [&str; 2] = ["2026-01-01", "2027-01-01"];

/// A plan of about 7 KB with a long notes block.
fn plan(next_due: &str) -> String {
    let mut text = String::from(
        "schema: aftercare/v1\nid: S117-0900\nperson:\n  initials: C.T.\nneeds:\n  - id: N1\n    need: Care coordination\n    notes: |\n",
    );
    for i in 0..100 {
        text.push_str(&format!(
            "      Line {i:04} of a long, fictional running record: Zoë, Ñ, 中文.\n"
        ));
    }
    text.push_str(&format!("reviews:\n  next_due: {next_due}\n"));
    text
}

/// The writer: runs only in the child, when the parent sets `AFTERCARE_CRASH_DIR`.
#[test]
fn crash_writer() {
    let Some(dir) = std::env::var_os("AFTERCARE_CRASH_DIR") else {
        return;
    };
    let files: Vec<PathBuf> = (0..FILES)
        .map(|i| Path::new(&dir).join(format!("p{i}.yaml")))
        .collect();
    println!("ready");
    loop {
        for path in &files {
            // Flip each file to the other version, so every write changes it.
            let loaded = Loaded::read(path).unwrap();
            let next = if loaded.text.contains(DATES[0]) {
                DATES[1]
            } else {
                DATES[0]
            };
            let edit = Edit::set("reviews.next_due", next).unwrap();
            apply_and_write(&loaded, &[edit]).unwrap();
            println!("wrote");
        }
    }
}

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn sigkill_at_random_moments_leaves_old_or_new_files() {
    let versions = [plan(DATES[0]), plan(DATES[1])];
    let dir = tempfile::tempdir().unwrap();
    for i in 0..FILES {
        fs::write(dir.path().join(format!("p{i}.yaml")), &versions[0]).unwrap();
    }
    let seed = SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .unwrap()
        .as_nanos() as u64
        | 1;
    let mut rng = XorShift(seed);
    let exe = std::env::current_exe().unwrap();
    let started = Instant::now();
    let (mut flips, mut leftovers, mut locks) = (0, 0, 0);
    let mut now: Vec<usize> = vec![0; FILES];
    // At least TRIALS kills, and more (up to three times as many) until one has landed between
    // a temp file and its rename: the window is a small part of a write (lock, checks, read-back).
    let mut trial = 0;
    while trial < TRIALS || (leftovers == 0 && trial < 3 * TRIALS) {
        trial += 1;
        let mut child = Command::new(&exe)
            .args([
                "--exact",
                "write_crash::crash_writer",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("AFTERCARE_CRASH_DIR", dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        // Wait until the writer has written once (however loaded the machine is), then kill
        // it a random moment later.
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut line = String::new();
        while !line.contains("wrote") {
            line.clear();
            assert!(out.read_line(&mut line).unwrap() > 0, "writer exited early");
        }
        std::thread::sleep(Duration::from_micros(rng.next() % 20_000));
        child.kill().unwrap(); // SIGKILL on unix
        child.wait().unwrap();
        for (i, seen) in now.iter_mut().enumerate() {
            let path = dir.path().join(format!("p{i}.yaml"));
            let text = fs::read_to_string(&path).unwrap();
            let which = versions.iter().position(|v| *v == text);
            assert!(
                which.is_some(),
                "trial {trial} (seed {seed}): {} is neither the old nor the new version ({} bytes)",
                path.display(),
                text.len()
            );
            flips += usize::from(which != Some(*seen));
            *seen = which.unwrap();
        }
        // A kill between creating the temp file and the rename leaves it behind: never a
        // `.yaml`, so the loader skips it. A kill while the plan's lock is held leaves the
        // lock: kept, for the next writer to break (its holder is gone).
        for entry in fs::read_dir(dir.path()).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if name.ends_with(".lock") {
                assert!(name.starts_with(".p"), "{name}");
                locks += 1;
            } else if !name.starts_with('p') {
                assert!(name.starts_with(".p") && name.ends_with(".tmp"), "{name}");
                leftovers += 1;
                fs::remove_file(path).unwrap();
            }
        }
    }
    assert!(
        flips >= TRIALS / 4,
        "the writer hardly wrote: {flips} flips (seed {seed})"
    );
    // Kills landed mid-write: the lock is held from the checks through temp file, rename and
    // read-back. (A kill exactly between temp file and rename, `leftovers`, is rarer on a fast
    // disk; the loop above tries for one, but it is not required.)
    assert!(
        locks > 0 || leftovers > 0,
        "no kill landed while a write was under way (seed {seed})"
    );
    eprintln!(
        "{trial} kills in {:.1?}: files flipped {flips} times between kills, {leftovers} temp files left by a kill mid-write, a lock seen left {locks} times",
        started.elapsed()
    );
}

fn loaded_fixture(dir: &Path) -> (PathBuf, Loaded) {
    let path = dir.join("plan.yaml");
    let text = fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edit/format-example.yaml"),
    )
    .unwrap();
    fs::write(&path, text).unwrap();
    let loaded = Loaded::read(&path).unwrap();
    (path, loaded)
}

#[test]
fn an_external_change_is_refused_and_the_pending_text_kept() {
    let dir = tempfile::tempdir().unwrap();
    let (path, loaded) = loaded_fixture(dir.path());
    let edit = Edit::set("reviews.next_due", "2027-01-15").unwrap();
    // A colleague's edit lands on disk after we loaded the file.
    let theirs = loaded.text.replace("initials: J.S.", "initials: J.T.");
    fs::write(&path, &theirs).unwrap();
    let err = apply_and_write(&loaded, std::slice::from_ref(&edit)).unwrap_err();
    assert!(
        err.to_string()
            .contains("the file changed on disk since it was loaded"),
        "{err}"
    );
    let WriteError::ChangedOnDisk { pending, .. } = err else {
        panic!("{err:?}")
    };
    assert!(pending.contains("next_due: 2027-01-15"));
    assert_eq!(
        fs::read_to_string(&path).unwrap(),
        theirs,
        "their edit is untouched"
    );
    // Reload and re-apply: both changes are kept.
    let reloaded = Loaded::read(&path).unwrap();
    let written = apply_and_write(&reloaded, &[edit]).unwrap();
    let now = fs::read_to_string(&path).unwrap();
    assert!(now.contains("initials: J.T.") && now.contains("next_due: 2027-01-15"));
    assert_eq!(written.text, now);
    assert_eq!(
        aftercare::store::write::FileStamp::read(&path).unwrap().1,
        written.stamp
    );
}

#[test]
fn same_bytes_rewritten_still_count_as_a_change_when_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let (path, loaded) = loaded_fixture(dir.path());
    // Same content, new inode (an editor that saves by rename, a git checkout).
    let copy = dir.path().join("copy.yaml");
    fs::write(&copy, &loaded.text).unwrap();
    fs::rename(&copy, &path).unwrap();
    let edit = Edit::set("reviews.next_due", "2027-01-15").unwrap();
    let err = apply_and_write(&loaded, &[edit]).unwrap_err();
    assert!(
        matches!(
            err,
            WriteError::ChangedOnDisk {
                what: "it was replaced",
                ..
            }
        ),
        "{err}"
    );
}

#[test]
fn a_dry_run_writes_nothing_and_shows_the_diff() {
    let dir = tempfile::tempdir().unwrap();
    let (path, mut loaded) = loaded_fixture(dir.path());
    loaded.display = "plans/S117-0042.yaml".into();
    let before = fs::read(&path).unwrap();
    let pending = dry_run(
        &loaded,
        &[Edit::set("reviews.next_due", "2027-01-15").unwrap()],
    )
    .unwrap();
    assert_eq!(fs::read(&path).unwrap(), before);
    assert!(pending.diff.starts_with(
        "diff --git a/plans/S117-0042.yaml b/plans/S117-0042.yaml\n--- a/plans/S117-0042.yaml\n+++ b/plans/S117-0042.yaml\n@@ -49,7 +49,7 @@\n"
    ), "{}", pending.diff);
    assert!(
        pending
            .diff
            .contains("\n-  next_due: 2026-12-01\n+  next_due: 2027-01-15\n")
    );
}

#[cfg(unix)]
#[test]
fn a_write_keeps_the_mode_and_goes_through_a_symlink() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let (real, _) = loaded_fixture(dir.path());
    fs::set_permissions(&real, fs::Permissions::from_mode(0o664)).unwrap();
    fs::create_dir(dir.path().join("team")).unwrap();
    let link = dir.path().join("team/linked.yaml");
    std::os::unix::fs::symlink(&real, &link).unwrap();
    let loaded = Loaded::read(&link).unwrap();
    apply_and_write(
        &loaded,
        &[Edit::set("reviews.next_due", "2027-01-15").unwrap()],
    )
    .unwrap();
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "still a link"
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .contains("next_due: 2027-01-15")
    );
    assert_eq!(
        fs::metadata(&real).unwrap().permissions().mode() & 0o777,
        0o664
    );
    assert_eq!(
        fs::read_dir(dir.path().join("team")).unwrap().count(),
        1,
        "nothing else in the link's folder"
    );
}
