//! The cache never changes an answer: random folders of plans (good, with findings, broken,
//! not UTF-8, with unknown keys), changed between loads in every way a shared folder is
//! (same-size edits with the old modification time put back, rewrites, renames, deletes,
//! new files, permissions taken away, symlinks made and re-pointed, files aged), loaded warm
//! and cold after each change: the same plans, findings and places, every time.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use proptest::prelude::*;

use crate::cache::{Repo, findings_match_cold, warm_matches_cold};
use crate::cache_listing::rows_first_matches_cold;
use crate::common::settings;

/// What a file may hold.
fn contents() -> Vec<Vec<u8>> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut pool: Vec<Vec<u8>> = [
        "plans/s117-0301.yaml",
        "plans/s117-0308.yaml",
        "plans/s117-0315.yaml",
    ]
    .iter()
    .filter_map(|path| fs::read(root.join(path)).ok())
    .collect();
    let hostile = root.join("tests/fixtures/hostile");
    let mut names: Vec<PathBuf> = fs::read_dir(hostile)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "yaml"))
        .collect();
    names.sort();
    pool.extend(names.iter().map(|path| fs::read(path).unwrap()));
    pool.push(crate::common::GOOD_PLAN.as_bytes().to_vec());
    pool.push(b"schema: aftercare/v1\nid: S117-7001\nshoe_size: 9\n".to_vec());
    pool.push(b"schema: aftercare/v1\nid: S117-7001\n".to_vec());
    pool.push(b"id: [unclosed\n".to_vec());
    pool
}

const NAMES: usize = 6;

fn name(index: usize) -> String {
    format!("p{}.yaml", index % NAMES)
}

#[derive(Debug, Clone)]
enum Change {
    /// Change one letter, keeping the size, and put the old modification time back.
    SameSizeEdit {
        file: usize,
        at: usize,
    },
    Rewrite {
        file: usize,
        content: usize,
    },
    Rename {
        file: usize,
        to: usize,
    },
    Delete {
        file: usize,
    },
    Chmod {
        file: usize,
        readable: bool,
    },
    Link {
        name: usize,
        to: usize,
    },
    Age {
        file: usize,
    },
}

fn change() -> impl Strategy<Value = Change> {
    prop_oneof![
        3 => (0..NAMES, any::<usize>()).prop_map(|(file, at)| Change::SameSizeEdit { file, at }),
        2 => (0..NAMES, any::<usize>()).prop_map(|(file, content)| Change::Rewrite { file, content }),
        1 => (0..NAMES, 0..NAMES).prop_map(|(file, to)| Change::Rename { file, to }),
        1 => (0..NAMES).prop_map(|file| Change::Delete { file }),
        1 => (0..NAMES, any::<bool>()).prop_map(|(file, readable)| Change::Chmod { file, readable }),
        1 => (0..NAMES, 0..NAMES).prop_map(|(name, to)| Change::Link { name, to }),
        2 => (0..NAMES).prop_map(|file| Change::Age { file }),
    ]
}

fn set_modified(path: &Path, when: SystemTime) {
    if let Ok(file) = fs::File::options().write(true).open(path) {
        let _ = file.set_modified(when);
    }
}

fn apply(plans: &Path, pool: &[Vec<u8>], change: &Change) {
    let path = |index: usize| plans.join(name(index));
    match *change {
        Change::SameSizeEdit { file, at } => {
            let Ok(mut bytes) = fs::read(path(file)) else {
                return;
            };
            let letters: Vec<usize> = (0..bytes.len())
                .filter(|&i| bytes[i].is_ascii_alphanumeric())
                .collect();
            if letters.is_empty() {
                return;
            }
            let i = letters[at % letters.len()];
            bytes[i] = if bytes[i] == b'7' { b'8' } else { b'7' };
            let before = fs::metadata(path(file)).and_then(|m| m.modified());
            if fs::write(path(file), &bytes).is_ok()
                && let Ok(before) = before
            {
                set_modified(&path(file), before);
            }
        }
        Change::Rewrite { file, content } => {
            let _ = fs::remove_file(path(file));
            let _ = fs::write(path(file), &pool[content % pool.len()]);
        }
        Change::Rename { file, to } => {
            let _ = fs::rename(path(file), path(to));
        }
        Change::Delete { file } => {
            let _ = fs::remove_file(path(file));
        }
        Change::Chmod { file, readable } => {
            #[cfg(unix)]
            {
                use std::os::unix::fs::PermissionsExt;
                let mode = if readable { 0o644 } else { 0o000 };
                let _ = fs::set_permissions(path(file), fs::Permissions::from_mode(mode));
            }
            #[cfg(not(unix))]
            let _ = (file, readable);
        }
        Change::Link { name, to } => {
            #[cfg(unix)]
            {
                let _ = fs::remove_file(path(name));
                let _ = std::os::unix::fs::symlink(self::name(to), path(name));
            }
            #[cfg(not(unix))]
            let _ = (name, to);
        }
        Change::Age { file } => {
            set_modified(&path(file), SystemTime::now() - Duration::from_secs(7200));
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 32, ..ProptestConfig::default() })]

    #[test]
    fn warm_and_cold_loads_agree_whatever_changes_between_them(
        start in proptest::collection::vec(any::<usize>(), 1..NAMES),
        rounds in proptest::collection::vec(proptest::collection::vec(change(), 1..4), 1..5),
        age_after in proptest::collection::vec(any::<bool>(), 5),
    ) {
        let pool = contents();
        let repo = Repo::new();
        let plans = repo.plans();
        for (index, content) in start.iter().enumerate() {
            fs::write(plans.join(name(index)), &pool[content % pool.len()]).unwrap();
            apply(&plans, &pool, &Change::Age { file: index });
        }
        warm_matches_cold(&plans, &settings());
        for (round, changes) in rounds.iter().enumerate() {
            for change in changes {
                apply(&plans, &pool, change);
            }
            warm_matches_cold(&plans, &settings());
            // Loaded again with nothing changed: from the cache where it may be; and for the
            // findings alone, as `check` loads.
            warm_matches_cold(&plans, &settings());
            findings_match_cold(&plans, &settings());
            // And rows first, as the app starts warm.
            rows_first_matches_cold(&plans, &settings());
            if age_after[round] {
                for index in 0..NAMES {
                    apply(&plans, &pool, &Change::Age { file: index });
                }
                findings_match_cold(&plans, &settings());
                rows_first_matches_cold(&plans, &settings());
                warm_matches_cold(&plans, &settings());
            }
        }
        #[cfg(unix)]
        for index in 0..NAMES {
            apply(&plans, &pool, &Change::Chmod { file: index, readable: true });
        }
    }
}
