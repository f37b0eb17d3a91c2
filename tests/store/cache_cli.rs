//! The cache from the command line: `check`, `due` and `summary` keep it in the repository's
//! `.git/aftercare/` and answer the same warm as cold; `--no-cache` (before or after the
//! command) and the config's `cache: false` keep none.

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use crate::cache::{Repo, age, copy_samples};

fn aftercare(repo: &Repo, args: &[&str]) -> Output {
    let home = repo.dir.path().join("home");
    Command::new(env!("CARGO_BIN_EXE_aftercare"))
        .args(args)
        .current_dir(repo.dir.path())
        .env("HOME", &home)
        .env("XDG_CONFIG_HOME", home.join(".config"))
        .env("XDG_CACHE_HOME", home.join(".cache"))
        .env("NO_COLOR", "1")
        .env_remove("TERM")
        .output()
        .expect("the binary runs")
}

fn samples(repo: &Repo) {
    copy_samples(&repo.plans());
    for entry in fs::read_dir(repo.plans()).unwrap() {
        age(&entry.unwrap().path());
    }
}

fn has_cache(repo: &Repo) -> bool {
    fs::read_dir(repo.cache_folder()).is_ok_and(|mut entries| entries.next().is_some())
}

const TODAY: &str = "--today=2026-11-28";

#[test]
fn check_due_and_summary_answer_the_same_warm_and_cold() {
    for command in [
        vec!["check", "plans", TODAY],
        vec!["check", "plans", "--format", "json", TODAY],
        vec!["due", "plans", TODAY],
        vec!["summary", "plans", TODAY],
    ] {
        let repo = Repo::new();
        samples(&repo);
        let mut no_cache = command.clone();
        no_cache.push("--no-cache");
        let cold = aftercare(&repo, &no_cache);
        assert!(!has_cache(&repo), "--no-cache keeps none: {command:?}");
        let first = aftercare(&repo, &command);
        assert!(has_cache(&repo), "a cache is kept: {command:?}");
        let warm = aftercare(&repo, &command);
        for run in [&first, &warm] {
            assert_eq!(run.stdout, cold.stdout, "{command:?}");
            assert_eq!(run.stderr, cold.stderr, "{command:?}");
            assert_eq!(run.status.code(), cold.status.code(), "{command:?}");
        }
    }
}

#[test]
fn no_cache_before_the_command_and_the_config_turn_it_off() {
    let repo = Repo::new();
    samples(&repo);
    let output = aftercare(&repo, &["--no-cache", "check", "plans", TODAY]);
    assert_ne!(output.status.code(), Some(2), "the flag is known");
    assert!(String::from_utf8_lossy(&output.stdout).contains(" plans, "));
    assert!(!has_cache(&repo));
    let config = repo.dir.path().join("config.yaml");
    fs::write(&config, "cache: false\n").unwrap();
    let config = config.to_str().unwrap();
    let output = aftercare(&repo, &["--config", config, "check", "plans", TODAY]);
    assert!(output.stderr.is_empty(), "no complaint about the key");
    aftercare(&repo, &["--config", config, "due", "plans", TODAY]);
    assert!(!has_cache(&repo));
    assert!(!Path::new(&repo.dir.path().join("home/.cache")).exists());
}

#[test]
fn touch_edit_rename_and_delete_between_two_checks_are_seen_by_the_second() {
    let repo = Repo::new();
    samples(&repo);
    let first = aftercare(&repo, &["check", "plans", TODAY]);
    assert!(has_cache(&repo));
    let mut names: Vec<_> = fs::read_dir(repo.plans())
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    names.sort();
    // Edit: an error put in at the same size, the old modification time put back.
    let before = fs::metadata(&names[0]).unwrap().modified().unwrap();
    let text = fs::read_to_string(&names[0]).unwrap();
    let broken = text.replacen("schema: aftercare/v1", "schema: aftercare/v9", 1);
    assert_eq!(broken.len(), text.len());
    fs::write(&names[0], broken).unwrap();
    fs::File::options()
        .write(true)
        .open(&names[0])
        .unwrap()
        .set_modified(before)
        .unwrap();
    fs::rename(&names[1], repo.plans().join("renamed.yaml")).unwrap();
    fs::remove_file(&names[2]).unwrap();
    age(&names[3]); // touched
    let warm = aftercare(&repo, &["check", "plans", TODAY]);
    let cold = aftercare(&repo, &["check", "plans", TODAY, "--no-cache"]);
    assert_eq!(warm.stdout, cold.stdout);
    assert_eq!(warm.status.code(), cold.status.code());
    assert_ne!(warm.stdout, first.stdout, "the changes are seen");
    let report = String::from_utf8_lossy(&warm.stdout);
    assert!(report.contains("aftercare/v9"), "{report}");
    let plans = |output: &Output| -> usize {
        let text = String::from_utf8_lossy(&output.stdout).into_owned();
        let last = text.lines().last().unwrap_or_default().to_owned();
        last.split(' ').next().unwrap().parse().unwrap()
    };
    assert_eq!(plans(&warm), plans(&first) - 1, "one deleted, one renamed");
}
