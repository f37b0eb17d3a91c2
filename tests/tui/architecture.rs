//! The app's layers, checked in its source: only the runtime touches the disk, git, threads
//! and the clock; no module but the frame drawing names a view (geometry comes from
//! `tui::layout`); `config` does not reach into `tui`; key overrides are not process-wide state.

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

/// A view: a file under `src/tui/views`, or a layer's `view.rs` or `*_view.rs`.
fn is_view(file: &Path) -> bool {
    let name = file
        .file_name()
        .and_then(|name| name.to_str())
        .unwrap_or("");
    file.starts_with(source("src/tui/views")) || name == "view.rs" || name.ends_with("_view.rs")
}

/// Lines of the non-view files under `src/tui` (outside `except`) for which `hit` is true.
fn app_lines(except: &[&str], hit: impl Fn(&str) -> bool) -> Vec<String> {
    let except: Vec<PathBuf> = except.iter().map(|folder| source(folder)).collect();
    let mut found = Vec::new();
    for file in rust_files(&source("src/tui")) {
        if is_view(&file) || except.iter().any(|folder| file.starts_with(folder)) {
            continue;
        }
        let text = fs::read_to_string(&file).expect("a readable source file");
        for (number, line) in text.lines().enumerate() {
            let code = line.trim_start();
            if !code.starts_with("//") && hit(code) {
                found.push(format!("{}:{}: {}", file.display(), number + 1, code));
            }
        }
    }
    found
}

#[test]
fn no_module_but_the_frame_drawing_names_a_view() {
    // A path segment `views`, `view` or `*_view` (a module; not `review`, not a variable).
    let is_view_name = |word: &str| word == "views" || word == "view" || word.ends_with("_view");
    let names_a_view = |code: &str| {
        let segments: Vec<&str> = code.split("::").collect();
        let before_a_path = segments[..segments.len() - 1].iter().any(|piece| {
            let word = piece.rsplit(|c: char| !(c.is_ascii_alphanumeric() || c == '_'));
            word.into_iter().next().is_some_and(is_view_name)
        });
        let imported = code.starts_with("use ")
            && segments.iter().skip(1).any(|piece| {
                piece
                    .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
                    .any(is_view_name)
            });
        before_a_path || imported
    };
    let found = app_lines(&[], names_a_view);
    assert_eq!(
        found.len(),
        1,
        "outside the views only `tui::draw` may name a view (geometry is in tui::layout):\n{}",
        found.join("\n")
    );
    assert!(found[0].contains("views::render(app, frame)"), "{found:?}");
}

#[test]
fn outside_the_runtime_the_app_touches_no_disk_git_thread_or_clock() {
    let forbidden = [
        "std::fs",
        "fs::",
        "std::process",
        "Command::",
        "std::thread",
        "thread::spawn",
        "mpsc",
        "Instant::",
        "SystemTime",
        "Local::now",
        "Utc::now",
        "canonicalize",
        "Repo::",
        "Loaded::read",
        "create_plan",
        "write_atomic",
        "write_pending",
        "pending::open(",
        "pending::write(",
        "reload_and_reapply(",
        "why_not_editable(",
        ".confine_to(",
        ".commit_file(",
        ".is_tracked(",
        ".uncommitted(",
    ];
    let found = app_lines(&["src/tui/runtime"], |code| {
        forbidden.iter().any(|needle| code.contains(needle))
    });
    assert!(
        found.is_empty(),
        "update asks the runtime for this work as an effect (tui::effect); only tui::runtime does it:\n{}",
        found.join("\n")
    );
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
        "key overrides live in the App (`app.ui.keys`), so two apps can differ:\n{}",
        found.join("\n")
    );
}
