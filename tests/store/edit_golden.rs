//! Golden tests of format-preserving edits over a corpus of varied plan files: each edit's
//! output must equal the stored expected bytes, and `git diff --numstat` must show only the
//! lines the edit needed. `UPDATE_GOLDEN=1 cargo test --test store edit_golden` rewrites the
//! expected files (review them with `git diff` before committing); `SHOW_DIFFS=1` prints every
//! diff.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use aftercare::store::diff::{line_counts, unified_diff};
use aftercare::store::edit::{Edit, EditError, apply, check_editable, verify};
use serde_yaml::Value;

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/edit")
}

fn read(name: &str) -> String {
    fs::read_to_string(dir().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

fn yaml(text: &str) -> Value {
    serde_yaml::from_str(text).unwrap_or_else(|e| panic!("{text}: {e}"))
}

fn set(path: &str, value: &str) -> Edit {
    Edit::set(path, yaml(value)).unwrap()
}

fn app(path: &str, value: &str) -> Edit {
    Edit::append(path, yaml(value)).unwrap()
}

fn rm(path: &str) -> Edit {
    Edit::remove(path).unwrap()
}

struct Case {
    name: String,
    fixture: String,
    edits: Vec<Edit>,
    /// Lines added and removed, as `git diff --numstat` counts them.
    numstat: (usize, usize),
}

/// The cases in `cases.yaml`.
fn cases() -> Vec<Case> {
    let specs: Vec<Value> = serde_yaml::from_str(&read("cases.yaml")).unwrap();
    specs
        .iter()
        .map(|spec| {
            let text = |key: &str| spec[key].as_str().unwrap().to_string();
            let count = |i: usize| spec["numstat"][i].as_u64().unwrap() as usize;
            let edits = spec["edits"]
                .as_sequence()
                .unwrap()
                .iter()
                .map(|e| {
                    let value = e.get("value").cloned().unwrap_or_default();
                    if let Some(path) = e.get("set").and_then(Value::as_str) {
                        Edit::set(path, value).unwrap()
                    } else if let Some(path) = e.get("append").and_then(Value::as_str) {
                        Edit::append(path, value).unwrap()
                    } else if let Some(path) = e.get("prepend").and_then(Value::as_str) {
                        Edit::prepend(path, value).unwrap()
                    } else {
                        rm(e["remove"].as_str().unwrap())
                    }
                })
                .collect();
            Case {
                name: text("name"),
                fixture: text("fixture"),
                edits,
                numstat: (count(0), count(1)),
            }
        })
        .collect()
}

fn expected_path(name: &str) -> PathBuf {
    dir().join("expected").join(format!("{name}.yaml"))
}

/// `git diff --no-index --numstat` of two texts: (added, removed).
fn git_numstat(old: &str, new: &str) -> (usize, usize) {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a.yaml"), tmp.path().join("b.yaml"));
    fs::write(&a, old).unwrap();
    fs::write(&b, new).unwrap();
    let out = Command::new("git")
        .args(["diff", "--no-index", "--numstat", "--"])
        .args([&a, &b])
        .output()
        .expect("git is installed");
    let text = String::from_utf8_lossy(&out.stdout);
    let mut fields = text.split_whitespace();
    let mut next = || fields.next().map_or(0, |f| f.parse().unwrap());
    (next(), next())
}

/// Hunks of `git diff --no-index`, hunk headers cut after their line numbers (git adds a
/// "function" context there).
fn git_hunks(old: &str, new: &str) -> String {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a.yaml"), tmp.path().join("b.yaml"));
    fs::write(&a, old).unwrap();
    fs::write(&b, new).unwrap();
    let out = Command::new("git")
        .args([
            "-c",
            "core.autocrlf=false",
            "diff",
            "--no-index",
            "--no-color",
            "--",
        ])
        .args([&a, &b])
        .output()
        .unwrap();
    hunks(&String::from_utf8_lossy(&out.stdout))
}

fn hunks(diff: &str) -> String {
    diff.split_inclusive('\n')
        .skip_while(|l| !l.starts_with("@@"))
        .map(|l| {
            if let Some(rest) = l.strip_prefix("@@") {
                let end = rest.find("@@").unwrap() + 4;
                format!("{}\n", &l[..end])
            } else {
                l.to_string()
            }
        })
        .collect()
}

#[test]
fn golden_edits_write_the_expected_bytes_and_only_the_intended_lines() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let mut failures = vec![];
    for c in cases() {
        let original = read(&c.fixture);
        let edited = match apply(&original, &c.edits) {
            Ok(text) => text,
            Err(e) => {
                failures.push(format!("{}: refused: {e}", c.name));
                continue;
            }
        };
        let path = expected_path(&c.name);
        if update {
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, &edited).unwrap();
        }
        let expected = fs::read_to_string(&path).unwrap_or_default();
        if edited != expected {
            failures.push(format!(
                "{}: differs from {}:\n{}",
                c.name,
                path.display(),
                unified_diff("expected", &expected, &edited)
            ));
        }
        if std::env::var_os("SHOW_DIFFS").is_some() {
            let (a, r) = line_counts(&original, &edited);
            println!(
                "== {} (+{a} -{r})\n{}",
                c.name,
                unified_diff(&c.fixture, &original, &edited)
            );
        }
        let git = git_numstat(&original, &edited);
        if git != c.numstat || line_counts(&original, &edited) != c.numstat {
            failures.push(format!(
                "{}: numstat {git:?}, want {:?}:\n{}",
                c.name,
                c.numstat,
                unified_diff(&c.fixture, &original, &edited)
            ));
        }
        if hunks(&unified_diff(&c.fixture, &original, &edited)) != git_hunks(&original, &edited) {
            failures.push(format!("{}: our diff's hunks differ from git's", c.name));
        }
        if original.contains("\r\n") && edited.replace("\r\n", "").contains('\n') {
            failures.push(format!("{}: a bare LF in a CRLF file", c.name));
        }
        if original.ends_with('\n') != edited.ends_with('\n') {
            failures.push(format!("{}: final newline changed", c.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn corpus_is_varied_and_editable() {
    let fixtures: Vec<_> = fs::read_dir(dir())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    assert!(fixtures.len() >= 15, "{} fixtures", fixtures.len());
    for path in &fixtures {
        let text = fs::read_to_string(path).unwrap();
        check_editable(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    }
    let cases = cases();
    let used: std::collections::BTreeSet<_> = cases.iter().map(|c| c.fixture.as_str()).collect();
    assert!(used.len() >= 15, "cases cover {} fixtures", used.len());
}

#[test]
fn traps_seen_with_yaml_edit_are_handled() {
    // Replacing a block scalar keeps the blank line after it.
    let text = "a:\n  notes: |\n    old\n\n  b: 1\n";
    let out = apply(text, &[set("a.notes", "\"new\\n\"")]).unwrap();
    assert_eq!(out, "a:\n  notes: |\n    new\n\n  b: 1\n");
    // A new item after a trailing blank line goes right after the last item, not against the
    // next key.
    let text = "list:\n  - a: 1\n\n  - a: 2\n\nnext: x\n";
    let out = apply(text, &[app("list", "{a: 3}")]).unwrap();
    assert_eq!(out, "list:\n  - a: 1\n\n  - a: 2\n\n  - a: 3\n\nnext: x\n");
    let text = "list:\n  - 1\n  - 2\n\n# about next\nnext: x\n";
    let out = apply(text, &[app("list", "3")]).unwrap();
    assert_eq!(out, "list:\n  - 1\n  - 2\n  - 3\n\n# about next\nnext: x\n");
    // A quoted date keeps its quotes (and stays a string for every reader).
    let out = apply("d: '2026-02-01'\n", &[set("d", "2026-03-01")]).unwrap();
    assert_eq!(out, "d: '2026-03-01'\n");
}

fn read_only(text: &str, edit: Edit) -> String {
    match apply(text, &[edit]) {
        Err(e @ EditError::ReadOnly(_)) => e.to_string(),
        other => panic!("not read-only: {other:?}"),
    }
}

#[test]
fn anchors_aliases_and_merge_keys_are_read_only() {
    let text = read("anchors.yaml");
    let msg = read_only(&text, set("needs.N1.funding.icb", "60"));
    assert_eq!(
        msg,
        "read-only: `needs.N1.funding.icb` runs through an anchor (&) at `needs.N1.funding`"
    );
    let msg = read_only(&text, set("needs.N2.funding.icb", "60"));
    assert!(msg.contains("an alias (*) at `needs.N2.funding`"), "{msg}");
    let msg = read_only(&text, set("needs.N3.status", "ended"));
    assert!(msg.contains("a merge key (<<) at `needs.N3`"), "{msg}");
    let msg = read_only(&text, set("responsible.icb", "NHS Other ICB"));
    assert!(msg.contains("an anchor (&) at `responsible`"), "{msg}");
    let msg = read_only(&text, rm("needs.N1"));
    assert!(msg.contains("an anchor (&)"), "{msg}");
}

#[test]
fn a_file_the_editor_reads_differently_is_read_only() {
    // libyaml reads this (a null key); a YAML 1.2 parser does not.
    let err = check_editable("d:\n&i:\n").unwrap_err();
    assert!(matches!(err, EditError::ReadOnly(_)), "{err}");
    assert!(
        err.to_string()
            .starts_with("read-only: the YAML editor cannot read this file"),
        "{err}"
    );
    let err = apply("d:\n&i:\n", &[set("d", "1")]).unwrap_err();
    assert!(matches!(err, EditError::ReadOnly(_)), "{err}");
    // Not YAML at all: a parse error, not read-only.
    assert!(matches!(
        check_editable("a: [1\n"),
        Err(EditError::Parse(_))
    ));
}

#[test]
fn verify_refuses_anything_but_the_intended_change() {
    let text = read("format-example.yaml");
    let edits = [set("reviews.next_due", "2027-01-15")];
    let good = text.replace("next_due: 2026-12-01", "next_due: 2027-01-15");
    verify(&text, &good, &edits).unwrap();
    let extra = good.replace("initials: J.S.", "initials: J.T.");
    let err = verify(&text, &extra, &edits).unwrap_err();
    assert_eq!(
        err.to_string(),
        "refused: the edited text is not exactly the change to `reviews.next_due` (it would also change person.initials); nothing was written"
    );
    let retyped = text.replace("section: \"3\"", "section: 3");
    assert!(
        verify(&text, &retyped, &[]).is_err(),
        "a string that became a number"
    );
    let reordered = text.replace("  initials: J.S.              # what is shown in meeting mode\n  name: Jo Smith              # optional; hidden in meeting mode\n", "  name: Jo Smith\n  initials: J.S.\n");
    assert!(verify(&text, &reordered, &[]).is_err(), "key order matters");
}

#[test]
fn unknown_paths_are_refused_with_what_is_there() {
    let text = read("format-example.yaml");
    let err = apply(&text, &[set("needs.N9.status", "ended")]).unwrap_err();
    assert_eq!(
        err.to_string(),
        "`needs.N9.status` not found: `needs` has no `N9` (it has: N1, N2)"
    );
    let err = apply(&text, &[rm("needs.N2.review_by")]).unwrap_err();
    assert!(matches!(err, EditError::NotFound { .. }), "{err}");
    let err = apply(&text, &[app("reviews.next_due", "x")]).unwrap_err();
    assert!(err.to_string().contains("not a list"), "{err}");
}

/// Every path of every fixture and sample plan, edited every way: no panic, and no refusal
/// but read-only or not-found (a verify refusal means the editor wrote something wrong).
/// Slow (about a minute in release): `cargo test --release --test store edit_golden -- --ignored`.
#[test]
#[ignore]
fn sweep_every_path_of_every_plan() {
    fn nodes(v: &Value, path: Vec<String>, out: &mut Vec<(Vec<String>, Value)>) {
        out.push((path.clone(), v.clone()));
        let child = |seg: String| [path.clone(), vec![seg]].concat();
        match v {
            Value::Mapping(m) => m
                .iter()
                .filter_map(|(k, c)| Some((k.as_str()?.to_string(), c)))
                .for_each(|(k, c)| nodes(c, child(k), out)),
            Value::Sequence(s) => s.iter().enumerate().for_each(|(i, c)| {
                let id = c.get("id").and_then(Value::as_str).map(String::from);
                nodes(c, child(id.unwrap_or(i.to_string())), out)
            }),
            _ => {}
        }
    }
    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else if path.extension().is_some_and(|x| x == "yaml") && !path.ends_with("cases.yaml")
            {
                out.push(path);
            }
        }
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut paths = vec![];
    files(&root.join("tests/fixtures/edit"), &mut paths);
    files(&root.join("plans"), &mut paths);
    let values: Vec<Value> = [
        "changed: value",
        "\"line one\\nline two\\n\"",
        "\"x\\n\\ny\"",
        "'yes'",
        "'3'",
        "'#x'",
        "\"'q'\"",
        "' lead'",
        "''",
        "\"tab\\there\"",
        "Zoë 中文",
        "\"trailing \\n\"",
        "42",
        "{a: 1, b: [x, y], c: {d: e}}",
        "[{a: 1}, {b: 2}]",
        "null",
    ]
    .iter()
    .map(|v| yaml(v))
    .collect();
    let (mut ok, mut failures) = (0, vec![]);
    for file in paths {
        let text = fs::read_to_string(&file).unwrap();
        if check_editable(&text).is_err() {
            continue;
        }
        let mut all = vec![];
        nodes(&yaml(&text), vec![], &mut all);
        for (segments, node) in all.into_iter().skip(1) {
            let path = segments.join(".");
            let mut edits = vec![rm(&path)];
            match node {
                Value::Mapping(_) => edits.push(set(&format!("{path}.zz_new"), "x y")),
                Value::Sequence(_) => edits.push(app(&path, "{k: v, l: [1]}")),
                _ => {}
            }
            edits.extend(values.iter().map(|v| Edit::set(&path, v.clone()).unwrap()));
            for edit in edits {
                match std::panic::catch_unwind(|| apply(&text, std::slice::from_ref(&edit))) {
                    Ok(Ok(_)) => ok += 1,
                    Ok(Err(EditError::ReadOnly(_) | EditError::NotFound { .. })) => {}
                    Ok(Err(e)) => failures.push(format!("{}: {edit:?}: {e}", file.display())),
                    Err(_) => failures.push(format!("{}: {edit:?}: panicked", file.display())),
                }
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} edits fine, {} failed:\n{}",
        ok,
        failures.len(),
        failures.join("\n")
    );
}
