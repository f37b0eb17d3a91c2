//! What each fuzz target checks, as plain functions of the input bytes: the cargo-fuzz
//! targets call them, and the main crate's `cargo test` replays `fuzz/corpus/*` through them
//! (`tests/store/fuzz_corpus.rs` includes this file), so every seed and every crash kept there is
//! checked on each CI run without nightly Rust.
//!
//! A check fails by panicking, which is what libFuzzer reports as a crash.

use chrono::NaiveDate;
use serde_yaml::Value;

use aftercare::plan::dates::{format_uk, parse_iso, parse_prompt};
use aftercare::plan::finding::Severity;
use aftercare::plan::rules::RuleSettings;
use aftercare::store::edit::{Edit, apply, loader_value};
use aftercare::store::folder::{Candidate, load_bytes};

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 28).expect("a real date")
}

/// The loader never panics, whatever the bytes, and says why it could not read a plan:
/// no plan means at least one error, and every finding has a place and words. The one-pass
/// reader agrees with libyaml on whatever it reads.
pub fn load(data: &[u8]) {
    if let Ok(text) = std::str::from_utf8(data)
        && let Some(tree) = aftercare::plan::parse::tree::read_tree(text)
    {
        let libyaml: Result<Value, _> = serde_yaml::from_str(text);
        assert_eq!(
            libyaml.ok(),
            Some(tree.value),
            "the one pass and libyaml differ"
        );
    }
    let candidate = Candidate {
        path: "fuzz.yaml".into(),
        display: "fuzz.yaml".into(),
        via_link: false,
        scanned: None,
    };
    let file = load_bytes(&candidate, data.to_vec(), &RuleSettings::new(today()));
    if file.plan.is_none() {
        assert!(
            file.findings.iter().any(|f| f.severity == Severity::Error),
            "an unreadable plan without an error"
        );
    }
    for finding in &file.findings {
        assert!(finding.location.line >= 1 && finding.location.column >= 1);
        assert!(!finding.message.is_empty());
        assert_eq!(finding.file, "fuzz.yaml");
    }
}

/// Paths an edit can name: present, missing, in lists by id, nested.
const PATHS: &[&str] = &[
    "reviews.next_due",
    "needs.N1.status",
    "needs.N2.funding",
    "needs.N9.review_by",
    "person.name",
    "responsible.dispute.note",
    "reviews.history",
    "crisis_plan.signs",
    "ending",
    "id",
];

/// Values to write: dates as the loader reads them, text that needs quoting, blocks, maps.
fn value(choice: u8) -> Value {
    let yaml = match choice % 10 {
        0 => "'2026-12-01'",
        1 => "on_hold",
        2 => "{icb: 40, la: 60}",
        3 => "\"Zo\\u00eb \\e[2J: #not a comment\"",
        4 => "null",
        5 => "\"two\\nlines\\n\"",
        6 => "12",
        7 => "true",
        8 => "[a, 'b: c', '- d']",
        _ => "''",
    };
    serde_yaml::from_str(yaml).expect("the values above are YAML")
}

/// An edit either is refused or gives text the loader reads with exactly that change: the
/// first two bytes choose the edit (kind, path, value), the rest is the plan's text.
pub fn edit(data: &[u8]) {
    let [kind, choice, text @ ..] = data else {
        return;
    };
    let Ok(text) = std::str::from_utf8(text) else {
        return;
    };
    let path = PATHS[usize::from(*choice) % PATHS.len()];
    let new = value(*choice / 16);
    let edit = match kind % 3 {
        0 => Edit::set(path, new.clone()),
        1 => Edit::append(path, new.clone()),
        _ => Edit::remove(path),
    }
    .expect("the paths above parse");
    let Ok(edited) = apply(text, std::slice::from_ref(&edit)) else {
        return;
    };
    let after = loader_value(&edited).expect("an accepted edit gives text the loader reads");
    match &edit {
        Edit::Set { path, value } => {
            assert_eq!(path.value_in(&after), Some(value), "set did not set");
        }
        Edit::Append { path, value } => {
            let list = path.value_in(&after).and_then(Value::as_sequence);
            assert_eq!(list.and_then(|items| items.last()), Some(value), "append");
        }
        Edit::Prepend { path, value } => {
            let list = path.value_in(&after).and_then(Value::as_sequence);
            assert_eq!(list.and_then(|items| items.first()), Some(value), "prepend");
        }
        Edit::Remove { .. } => {}
    }
    // The edited plan loads as a plan file does, without panicking.
    load(edited.as_bytes());
}

/// The date parser never panics, never guesses: what it accepts round-trips through the
/// ISO form, and an ISO date is read back as itself.
pub fn dates(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let today = today();
    if let Ok(date) = parse_prompt(text, today) {
        let iso = date.format("%Y-%m-%d").to_string();
        assert_eq!(parse_prompt(&iso, today), Ok(date), "{text:?} -> {iso}");
        assert_eq!(parse_iso(&iso), Ok(date));
        assert!(!format_uk(date).is_empty());
    }
    if let Ok(date) = parse_iso(text) {
        assert_eq!(date.format("%Y-%m-%d").to_string(), text.trim(), "{text:?}");
    }
}
