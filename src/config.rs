//! User configuration: `config.yaml` in the platform config folder (or `--config FILE`).
//!
//! Every key is optional; a missing file is the defaults. Each bad value is reported (file,
//! line, column, key, what is valid) and only that key falls back to its default; a file that
//! is not YAML at all is the defaults. The app never refuses to start over its config.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::plan::privacy::{IDENTIFYING_FIELDS, normalise_field};

pub mod read;
pub mod themes;

pub use themes::{ThemeSource, read_user_themes, themes_folder};

/// The settings a user may put in `config.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub struct Config {
    /// The plans folder used when none is given on the command line.
    pub plans: Option<PathBuf>,
    /// Theme of the normal display (`default` when not set).
    pub theme: Option<String>,
    /// Theme of meeting mode (`high-contrast` when not set).
    pub meeting_theme: Option<String>,
    /// Where the user's own themes are (default: `themes/` beside this config file).
    pub themes_folder: Option<PathBuf>,
    /// ASCII only: borders `+ - |`, no Unicode symbols.
    pub ascii: bool,
    /// Suggested months between reviews when a plan gives no `interval_months`.
    pub review_interval_months: u32,
    pub due_soon_days: i64,
    pub first_review_days: i64,
    /// Extra fields (format paths such as `person.name`) to hide in meeting mode.
    pub identifying_fields: Vec<String>,
    /// Show money (costs, shares, top-ups) in meeting mode too; off by default: a projector
    /// with family in the room.
    pub meeting_shows_costs: bool,
    /// Key overrides: action name to a key or a list of keys (`toggle_meeting: M`).
    pub keys: BTreeMap<String, KeyList>,
    /// Git: whether a written plan is committed (`git: {commit: ask}`).
    pub git: GitConfig,
    /// Keep a summary cache of the folder, so that it opens without reading unchanged plans
    /// (`cache: false`, or `--no-cache`, reads every plan every time).
    pub cache: bool,
}

/// The `git:` section.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct GitConfig {
    pub commit: CommitMode,
}

/// What happens after the app writes a plan in a git repository.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CommitMode {
    /// Never commit: the plan shows as uncommitted on the list.
    Off,
    /// Ask after each write, showing the message.
    #[default]
    Ask,
    /// Commit the plan file after each write.
    Always,
}

/// One key or several, as the config writes them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(untagged)]
pub enum KeyList {
    One(String),
    Many(Vec<String>),
}

impl KeyList {
    pub fn keys(&self) -> Vec<String> {
        match self {
            KeyList::One(key) => vec![key.clone()],
            KeyList::Many(keys) => keys.clone(),
        }
    }
}

impl Config {
    /// The key overrides as action name to key texts.
    pub fn key_overrides(&self) -> BTreeMap<String, Vec<String>> {
        self.keys
            .iter()
            .map(|(name, keys)| (name.clone(), keys.keys()))
            .collect()
    }
}

impl Default for Config {
    fn default() -> Self {
        Self {
            plans: None,
            theme: None,
            meeting_theme: None,
            themes_folder: None,
            ascii: false,
            review_interval_months: 12,
            due_soon_days: 30,
            first_review_days: 42,
            identifying_fields: Vec::new(),
            meeting_shows_costs: false,
            keys: BTreeMap::new(),
            git: GitConfig::default(),
            cache: true,
        }
    }
}

/// The config as loaded, with any problem to show the user.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    pub config: Config,
    /// Where it was looked for.
    pub path: Option<PathBuf>,
    /// Problems with the file, each as `FILE:LINE:COL: message` (the key named falls back to
    /// its default; a file that cannot be read or is not YAML is one problem and the defaults).
    pub problems: Vec<String>,
    /// Keys this version does not know (ignored), as `FILE:LINE:COL: message`.
    pub warnings: Vec<String>,
}

const KNOWN_KEYS: &[&str] = &[
    "plans",
    "theme",
    "meeting_theme",
    "themes_folder",
    "ascii",
    "review_interval_months",
    "due_soon_days",
    "first_review_days",
    "identifying_fields",
    "meeting_shows_costs",
    "keys",
    "git",
    "cache",
];

/// Where `config.yaml` is looked for on this platform.
pub fn default_config_path() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "aftercare")
        .map(|dirs| dirs.config_dir().join("config.yaml"))
}

/// Read the config from `explicit` (from `--config`) or the default place.
pub fn load(explicit: Option<&Path>) -> LoadedConfig {
    let path = explicit.map(Path::to_path_buf).or_else(default_config_path);
    let Some(path) = path else {
        return LoadedConfig {
            config: Config::default(),
            path: None,
            problems: Vec::new(),
            warnings: Vec::new(),
        };
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => {
            return LoadedConfig {
                config: Config::default(),
                path: Some(path),
                problems: Vec::new(),
                warnings: Vec::new(),
            };
        }
        Err(error) => {
            let problem = format!(
                "{}: cannot read the config: {error}; using defaults",
                path.display()
            );
            return LoadedConfig {
                config: Config::default(),
                path: Some(path),
                problems: vec![problem],
                warnings: Vec::new(),
            };
        }
    };
    let (config, problems) = read::read(&text);
    let problems = problems
        .iter()
        .map(|problem| format!("{}:{problem}", path.display()))
        .collect();
    let mut warnings: Vec<String> = unknown_keys(&text)
        .into_iter()
        .map(|(line, column, key)| {
            format!(
                "{}:{line}:{column}: unknown config key `{key}` (ignored); known keys: {}",
                path.display(),
                KNOWN_KEYS.join(", ")
            )
        })
        .collect();
    for field in unknown_identifying_fields(&config) {
        warnings.push(format!(
            "{}: identifying_fields: `{field}` is not a field aftercare can hide (ignored); it can hide: {}",
            path.display(),
            IDENTIFYING_FIELDS.join(", ")
        ));
    }
    LoadedConfig {
        config,
        path: Some(path),
        problems,
        warnings,
    }
}

/// Configured identifying fields that are not among those that can be hidden.
pub fn unknown_identifying_fields(config: &Config) -> Vec<String> {
    config
        .identifying_fields
        .iter()
        .filter(|field| !IDENTIFYING_FIELDS.contains(&normalise_field(field).as_str()))
        .cloned()
        .collect()
}

/// Top-level keys the config does not know, with their line and column.
pub fn unknown_keys(text: &str) -> Vec<(usize, usize, String)> {
    let spans = crate::plan::spans::SpanIndex::build(text);
    let Ok(serde_yaml::Value::Mapping(map)) = serde_yaml::from_str::<serde_yaml::Value>(text)
    else {
        return Vec::new();
    };
    map.keys()
        .filter_map(|key| key.as_str())
        .filter(|key| !KNOWN_KEYS.contains(key))
        .map(|key| {
            let at = spans.locate(&crate::plan::finding::YamlPath::root().key(key), true);
            (at.line, at.column, key.to_owned())
        })
        .collect()
}

/// Parse config text: the config when every value is valid, else the problems (each
/// `LINE:COL: message`, one a line). `load` keeps the valid keys of a config with problems.
pub fn parse(text: &str) -> Result<Config, String> {
    let (config, problems) = read::read(text);
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_or_missing_config_is_the_defaults() {
        assert_eq!(parse("").unwrap(), Config::default());
        assert_eq!(parse("# nothing yet\n").unwrap(), Config::default());
        let loaded = load(Some(Path::new("/no/such/aftercare/config.yaml")));
        assert_eq!(loaded.config, Config::default());
        assert!(loaded.problems[0].contains("cannot read"));
    }

    #[test]
    fn keys_are_read() {
        let config = parse(
            "plans: /srv/s117\ndue_soon_days: 14\nascii: true\nidentifying_fields: [person.name]\n",
        )
        .unwrap();
        assert_eq!(config.plans, Some(PathBuf::from("/srv/s117")));
        assert_eq!(config.due_soon_days, 14);
        assert!(config.ascii);
        assert_eq!(config.first_review_days, 42);
        assert_eq!(config.identifying_fields, vec!["person.name"]);
    }

    #[test]
    fn themes_keys_and_identifying_fields() {
        let config = parse(
            "theme: light\nmeeting_theme: mine\nthemes_folder: /t\nkeys: {toggle_meeting: M, quit: [q, ctrl-q]}\nidentifying_fields: [responsible.care_coordinator, person.shoe_size]\n",
        )
        .unwrap();
        assert_eq!(config.theme.as_deref(), Some("light"));
        assert_eq!(config.themes_folder, Some(PathBuf::from("/t")));
        let keys = config.key_overrides();
        assert_eq!(keys["toggle_meeting"], vec!["M"]);
        assert_eq!(keys["quit"], vec!["q", "ctrl-q"]);
        assert_eq!(
            unknown_identifying_fields(&config),
            vec!["person.shoe_size"]
        );
        assert!(unknown_keys("themes_folder: x\nkeys: {}\n").is_empty());
    }

    #[test]
    fn the_cache_is_on_unless_the_config_turns_it_off() {
        assert!(Config::default().cache);
        assert!(!parse("cache: false\n").unwrap().cache);
        assert!(parse("cache: true\n").unwrap().cache);
        assert!(unknown_keys("cache: false\n").is_empty());
        let error = parse("cache: sometimes\n").unwrap_err();
        assert!(error.starts_with("1:8: "), "{error}");
    }

    #[test]
    fn git_commit_mode_defaults_to_ask_and_names_a_wrong_value() {
        assert_eq!(Config::default().git.commit, CommitMode::Ask);
        assert_eq!(
            parse("git:\n  commit: always\n").unwrap().git.commit,
            CommitMode::Always
        );
        assert_eq!(
            parse("git: {commit: off}\n").unwrap().git.commit,
            CommitMode::Off
        );
        let error = parse("git:\n  commit: sometimes\n").unwrap_err();
        assert!(error.starts_with("2:11: "), "{error}");
        assert!(error.contains("off") && error.contains("always"), "{error}");
        assert!(unknown_keys("git: {commit: ask}\n").is_empty());
    }

    #[test]
    fn unknown_keys_warn_and_bad_values_name_the_place() {
        let config = parse("plans: x\ndue_son_days: 14\n").unwrap();
        assert_eq!(
            config.plans,
            Some(PathBuf::from("x")),
            "the rest still applies"
        );
        assert_eq!(
            unknown_keys("plans: x\ndue_son_days: 14\n"),
            vec![(2, 1, "due_son_days".to_owned())]
        );
        let error = parse("due_soon_days: soon\n").unwrap_err();
        assert!(error.starts_with("1:16: "), "{error}");
    }
}
