//! The app's layers, checked in its source: geometry comes from `tui::layout`, not from a
//! view; `config` does not reach into `tui`; key overrides are not process-wide state.

use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file under `dir`, depth first.
fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut entries: Vec<_> = fs::read_dir(dir)
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()))
        .map(|entry| entry.expect("a readable folder entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|ext| ext == "rs") {
            files.push(path);
        }
    }
    files
}

fn source(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

/// Lines of the files under `relative` (a file or a folder) containing `needle`, as
/// `path:line: text`, leaving out files under `except`.
fn lines_with(relative: &str, needle: &str, except: Option<&str>) -> Vec<String> {
    let root = source(relative);
    let files = if root.is_dir() {
        rust_files(&root)
    } else {
        vec![root]
    };
    let except = except.map(source);
    let mut found = Vec::new();
    for file in files {
        if except
            .as_ref()
            .is_some_and(|except| file.starts_with(except))
        {
            continue;
        }
        let text = fs::read_to_string(&file).expect("a readable source file");
        for (number, line) in text.lines().enumerate() {
            if line.contains(needle) {
                found.push(format!(
                    "{}:{}: {}",
                    file.display(),
                    number + 1,
                    line.trim()
                ));
            }
        }
    }
    found
}

#[test]
fn only_the_frame_drawing_names_a_view() {
    let found = lines_with("src/tui", "views::", Some("src/tui/views"));
    assert_eq!(
        found.len(),
        1,
        "outside src/tui/views only `tui::draw` may name a view (geometry is in tui::layout):\n{}",
        found.join("\n")
    );
    assert!(found[0].contains("views::render(app, frame)"), "{found:?}");
    assert!(lines_with("src/tui", "use super::views", Some("src/tui/views")).is_empty());
}

#[test]
fn config_imports_nothing_from_the_app() {
    let mut found = lines_with("src/config.rs", "tui", None);
    found.extend(lines_with("src/config", "tui", None));
    assert!(
        found.is_empty(),
        "config reads files and settings; the app's modules build on it, not the other way:\n{}",
        found.join("\n")
    );
}

#[test]
fn key_overrides_are_a_value_not_process_wide_state() {
    let mut found = lines_with("src/tui/key_overrides.rs", "OnceLock", None);
    found.extend(lines_with("src/tui/key_overrides.rs", "static ", None));
    assert!(
        found.is_empty(),
        "key overrides live in the App (`app.keys`), so two apps can differ:\n{}",
        found.join("\n")
    );
}
