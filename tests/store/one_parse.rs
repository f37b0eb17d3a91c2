//! One parse per plan (issue 17): the one-pass reader (saphyr's events to values and places)
//! against libyaml and a second pass for places, on every YAML file the project holds, on the
//! hostile corpus, on the fuzz seeds, and on generated and mangled plans. Whatever the one
//! pass reads, libyaml reads as the same value, and a plan's findings (messages, lines,
//! columns) and model are the same whichever way it was read.

use std::fs;
use std::path::{Path, PathBuf};

use aftercare::plan::assess::assess_plan_text_reading;
use aftercare::plan::parse::Reading;
use aftercare::plan::parse::tree::read_tree;
use aftercare::plan::rules::RuleSettings;
use chrono::NaiveDate;
use proptest::prelude::*;
use serde_yaml::Value;

fn settings() -> RuleSettings {
    RuleSettings::new(NaiveDate::from_ymd_opt(2026, 11, 30).expect("a date"))
}

/// Both readings agree on `text`: the one pass, if it reads it, gives libyaml's value; the
/// assessment (plan and placed findings) is the same. Says whether the one pass read it.
fn readings_agree(text: &str) -> bool {
    // Both readers are given the text without a byte-order mark (as `parse_plan` does).
    let unmarked = text.strip_prefix('\u{feff}').unwrap_or(text);
    let one_pass = read_tree(unmarked);
    if let Some(tree) = &one_pass {
        match serde_yaml::from_str::<Value>(unmarked) {
            Ok(value) => assert_eq!(value, tree.value, "{text:?}"),
            Err(error) => {
                let line = error.location().map_or(0, |at| at.line());
                let shown = unmarked.lines().nth(line.saturating_sub(1));
                panic!("the one pass read what libyaml refuses ({error}): {shown:?}");
            }
        }
    }
    let settings = settings();
    let fast = assess_plan_text_reading(text, "p.yaml", &settings, Reading::OnePass);
    let slow = assess_plan_text_reading(text, "p.yaml", &settings, Reading::Libyaml);
    assert_eq!(fast, slow, "{text:?}");
    one_pass.is_some()
}

fn yaml_files(folder: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            yaml_files(&path, out);
        } else if path.is_file() {
            out.push(path);
        }
    }
}

#[test]
fn every_yaml_file_of_the_project_reads_the_same_either_way() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for folder in [
        "plans",
        "tests/fixtures",
        "tests/golden",
        "fuzz/corpus/load",
        "themes",
    ] {
        yaml_files(&root.join(folder), &mut files);
    }
    let (mut read, mut texts) = (0, 0);
    for file in &files {
        let Ok(text) = fs::read_to_string(file) else {
            continue;
        };
        texts += 1;
        read += usize::from(readings_agree(&text));
    }
    assert!(texts > 200, "only {texts} files found");
    // The sample plans, the fixtures and the edit goldens are ordinary plans: most are read
    // in one pass (the rest hold tabs, aliases, tags, escapes, two documents...).
    assert!(read * 10 > texts * 7, "{read} of {texts} read in one pass");
    let samples: Vec<_> = files
        .iter()
        .filter(|file| file.starts_with(root.join("plans")))
        .collect();
    for sample in &samples {
        let text = fs::read_to_string(sample).expect("a sample plan");
        assert!(read_tree(&text).is_some(), "{}", sample.display());
    }
}

/// Pieces of YAML, each a line or part of one, from which texts are made: plan keys, every
/// kind of scalar, flow and block collections, comments, quotes, indicators.
const PIECES: &[&str] = &[
    "schema: aftercare/v1\n",
    "id: S117-0042\n",
    "needs:\n",
    "  - id: N1\n",
    "    need: Clozapine monitoring\n",
    "    category: health\n",
    "    funding: {icb: 100}\n",
    "    funding:\n      icb: 50\n      la: 50\n",
    "    status: active\n",
    "    review_by: 2027-01-31\n",
    "    notes: |\n      two\n      lines\n",
    "    notes: >-\n      folded\n      text\n",
    "reviews:\n  next_due: 2027-02-01\n  interval_months: 6\n",
    "person:\n  initials: A.B.\n  nhs_number: '999 000 0018'\n",
    "  # a comment\n",
    "\n",
    "key: 'it''s'\n",
    "key: \"double\"\n",
    "key: ~\n",
    "key: 0x1F\n",
    "key: 007\n",
    "key: 1e3\n",
    "key: .inf\n",
    "key: -12\n",
    "key: true\n",
    "key:\n",
    "key: [a, b, {c: d}]\n",
    "- item\n",
    "  - nested\n",
    "? explicit\n: value\n",
    "--- \n",
    "...\n",
    "key: &anchor value\n",
    "other: *anchor\n",
    "key: !tag value\n",
    "key: a: b\n",
    "key: [unclosed\n",
    "key: value # comment\n",
    "    continued plain\n",
    "key: \"multi\n  line\"\n",
    "key: [a: b, c:, d:e, 'f': g]\n",
    "key: {a, b: c, ? d}\n",
    "time: 12:30\n",
    "url: http://example.invalid/a?b=c#d\n",
    "  ? complex\n  : pair\n",
    "key: -foo\n",
    "key: - 1\n",
    "key: [a, b, ]\n",
    "key: {a: 1, }\n",
    "key: [\n  a,\n  b\n]\n",
    "key: []\n",
    "key: {}\n",
    "key: [a, [b, c], {d: [e]}]\n",
    "key: ''\n",
    "key: 'multi\n\n  para'\n",
    "- - a\n  - b\n",
    "-\n  a: b\n",
    "key:    \n",
    "key: value   \n",
    "key: |2\n   indented\n",
    "key: >+\n  keep\n\n",
    "key: |-\n\n  after a blank\n",
    "a: b\n   c\n",
    "a:\n- flush\n- list\n",
    "key: b#c\n",
    "key: [a, , b]\n",
    "key: @at\n",
    "key: 'a'b\n",
    "key: \"a\" # c\n",
    "   \n",
    "key: [a\n  b]\n",
    "- ? a\n  : b\n",
];

fn text_of(pieces: &[usize], crlf: bool, final_newline: bool) -> String {
    let mut text: String = pieces
        .iter()
        .map(|index| PIECES[index % PIECES.len()])
        .collect();
    if !final_newline {
        text.truncate(text.trim_end_matches('\n').len());
    }
    match crlf {
        true => text.replace('\n', "\r\n"),
        false => text,
    }
}

/// Characters a mangling inserts: YAML's indicators, whitespace, line ends, non-ASCII.
const MANGLE: &[char] = &[
    ' ', '\n', ':', '-', '#', '\'', '"', '[', ']', '{', '}', ',', '&', '*', '!', '|', '>', '?',
    '%', '@', '`', '\t', '\r', 'x', '1', '.', 'é', '\u{85}', '\u{2028}', '\u{a0}', '\\', '~', '0',
    '<', '=', '+',
];

/// One of the sample plans.
fn sample_plan(which: usize) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut plans = Vec::new();
    yaml_files(&root.join("plans"), &mut plans);
    plans.sort();
    fs::read_to_string(&plans[which % plans.len()]).expect("a sample plan")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn generated_texts_read_the_same_either_way(
        pieces in proptest::collection::vec(0usize..1000, 0..30),
        crlf in any::<bool>(),
        final_newline in any::<bool>(),
    ) {
        readings_agree(&text_of(&pieces, crlf, final_newline));
    }

    #[test]
    fn mangled_plans_read_the_same_either_way(
        which in 0usize..100,
        edits in proptest::collection::vec((0usize..100_000, 0usize..MANGLE.len(), 0u8..3), 1..6),
        final_newline in any::<bool>(),
    ) {
        let mut plan = sample_plan(which);
        if !final_newline {
            plan.truncate(plan.trim_end().len());
        }
        let mut text: Vec<char> = plan.chars().collect();
        for (at, with, how) in edits {
            let at = at % (text.len() + 1);
            match how {
                0 => text.insert(at, MANGLE[with]),
                1 if at < text.len() => { text.remove(at); }
                _ if at < text.len() => text[at] = MANGLE[with],
                _ => {}
            }
        }
        readings_agree(&text.into_iter().collect::<String>());
    }
}
