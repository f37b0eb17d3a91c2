//! The fuzz targets' seeds, and every crash kept beside them, replayed by `cargo test` (no
//! nightly needed): each file of `fuzz/corpus/<target>/` goes through the same check the
//! cargo-fuzz target runs (`fuzz/src/lib.rs`, included here). Inputs libFuzzer added itself
//! (named by their SHA-1, ignored by git) are left to the fuzzer.

use std::fs;
use std::panic;
use std::path::Path;

#[allow(dead_code)]
#[path = "../../fuzz/src/lib.rs"]
mod checks;

fn added_by_libfuzzer(path: &Path) -> bool {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    name.len() == 40 && name.bytes().all(|b| b.is_ascii_hexdigit())
}

fn replay(target: &str, check: fn(&[u8])) {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target);
    let mut inputs: Vec<_> = fs::read_dir(&folder)
        .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| !added_by_libfuzzer(path))
        .collect();
    inputs.sort();
    assert!(!inputs.is_empty(), "no seeds in {}", folder.display());
    let mut failed = Vec::new();
    for input in &inputs {
        let data = fs::read(input).unwrap();
        if panic::catch_unwind(|| check(&data)).is_err() {
            failed.push(input.display().to_string());
        }
    }
    assert!(failed.is_empty(), "{target} fails on: {failed:#?}");
}

#[test]
fn the_loader_seeds_and_crashes_replay_clean() {
    replay("load", checks::load);
}

#[test]
fn the_edit_seeds_and_crashes_replay_clean() {
    replay("edit", checks::edit);
}

#[test]
fn the_date_seeds_and_crashes_replay_clean() {
    replay("dates", checks::dates);
}
