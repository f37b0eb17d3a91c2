//! User configuration: `config.yaml` in the platform config folder (or `--config FILE`).
//!
//! Every key is optional; a missing file is the defaults. A broken file is reported (file,
//! line, column) and the defaults are used: the app never refuses to start over its config.

use std::path::{Path, PathBuf};

use serde::Deserialize;

/// The settings a user may put in `config.yaml`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(default)]
pub struct Config {
    /// The plans folder used when none is given on the command line.
    pub plans: Option<PathBuf>,
    pub theme: Option<String>,
    pub meeting_theme: Option<String>,
    pub ascii: bool,
    /// Suggested months between reviews when a plan gives no `interval_months`.
    pub review_interval_months: u32,
    pub due_soon_days: i64,
    pub first_review_days: i64,
    /// Extra fields (format paths such as `person.name`) to hide in meeting mode.
    pub identifying_fields: Vec<String>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            plans: None,
            theme: None,
            meeting_theme: None,
            ascii: false,
            review_interval_months: 12,
            due_soon_days: 30,
            first_review_days: 42,
            identifying_fields: Vec::new(),
        }
    }
}

/// The config as loaded, with any problem to show the user.
#[derive(Debug, Clone)]
pub struct LoadedConfig {
    pub config: Config,
    /// Where it was looked for.
    pub path: Option<PathBuf>,
    /// A problem with the file (the defaults are in use), as `FILE:LINE:COL: message`.
    pub problem: Option<String>,
    /// Keys this version does not know (ignored), as `FILE:LINE:COL: message`.
    pub warnings: Vec<String>,
}

const KNOWN_KEYS: &[&str] = &[
    "plans",
    "theme",
    "meeting_theme",
    "ascii",
    "review_interval_months",
    "due_soon_days",
    "first_review_days",
    "identifying_fields",
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
            problem: None,
            warnings: Vec::new(),
        };
    };
    let text = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound && explicit.is_none() => {
            return LoadedConfig {
                config: Config::default(),
                path: Some(path),
                problem: None,
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
                problem: Some(problem),
                warnings: Vec::new(),
            };
        }
    };
    let (config, problem) = match parse(&text) {
        Ok(config) => (config, None),
        Err(message) => (
            Config::default(),
            Some(format!("{}:{message}; using defaults", path.display())),
        ),
    };
    let warnings = unknown_keys(&text)
        .into_iter()
        .map(|(line, column, key)| {
            format!(
                "{}:{line}:{column}: unknown config key `{key}` (ignored); known keys: {}",
                path.display(),
                KNOWN_KEYS.join(", ")
            )
        })
        .collect();
    LoadedConfig {
        config,
        path: Some(path),
        problem,
        warnings,
    }
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

/// Parse config text; the error is `LINE:COL: message`.
pub fn parse(text: &str) -> Result<Config, String> {
    if text.trim().is_empty() {
        return Ok(Config::default());
    }
    serde_yaml::from_str::<Option<Config>>(text)
        .map(Option::unwrap_or_default)
        .map_err(|error| {
            let (line, column) = error
                .location()
                .map_or((1, 1), |at| (at.line(), at.column()));
            let message = error.to_string();
            let message = message.split(" at line ").next().unwrap_or(&message);
            format!("{line}:{column}: {message}")
        })
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
        assert!(loaded.problem.unwrap().contains("cannot read"));
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
