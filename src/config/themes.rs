//! Where themes come from: the four built in (compiled from `themes/*.yaml`, so the binary
//! needs no files beside it) and the user's own `*.yaml` in the config folder's `themes/`.
//! Only files and text here; turning a theme's text into styles is the display's work.

use std::path::{Path, PathBuf};

use super::LoadedConfig;

/// The built-in themes: name and file text.
pub const BUILT_IN: [(&str, &str); 4] = [
    ("default", include_str!("../../themes/default.yaml")),
    (
        "high-contrast",
        include_str!("../../themes/high-contrast.yaml"),
    ),
    ("light", include_str!("../../themes/light.yaml")),
    ("mono", include_str!("../../themes/mono.yaml")),
];

/// A user's theme file, as read from the config folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeSource {
    /// The file name without `.yaml`.
    pub name: String,
    /// The path, for messages.
    pub origin: String,
    pub text: String,
}

/// The folder of the user's own themes: `themes_folder`, else `themes/` beside the config.
pub fn themes_folder(loaded: &LoadedConfig) -> Option<PathBuf> {
    if let Some(folder) = &loaded.config.themes_folder {
        return Some(folder.clone());
    }
    let config_file = loaded.path.as_ref()?;
    Some(config_file.parent()?.join("themes"))
}

/// The user's theme files (`*.yaml` in `folder`), by name; a missing folder is none. A file
/// that cannot be read gives a message and is left out.
pub fn read_user_themes(folder: &Path) -> (Vec<ThemeSource>, Vec<String>) {
    let mut themes = Vec::new();
    let mut problems = Vec::new();
    let Ok(entries) = std::fs::read_dir(folder) else {
        return (themes, problems);
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|extension| extension == "yaml" || extension == "yml")
        })
        .collect();
    paths.sort();
    for path in paths {
        let Some(name) = path.file_stem().and_then(|stem| stem.to_str()) else {
            continue;
        };
        match std::fs::read_to_string(&path) {
            Ok(text) => themes.push(ThemeSource {
                name: name.to_owned(),
                origin: path.display().to_string(),
                text,
            }),
            Err(error) => problems.push(format!(
                "{}: cannot read the theme: {error}; it is left out",
                path.display()
            )),
        }
    }
    (themes, problems)
}
