//! Key overrides from the config (`keys: {toggle_meeting: M, quit: [q, ctrl-q]}`): the keys
//! of an action, replaced everywhere the action is offered. A value, read from the config at
//! start-up and kept in the `App` (`app.ui.keys`); the keymap, the hint bar and the help all
//! read keys through `KeyOverrides::keys_of`, so they still agree. An override that would
//! give one key two meanings on a screen is refused with a message, and the action keeps its
//! own keys.

use std::borrow::Cow;
use std::collections::BTreeMap;

use crossterm::event::KeyCode;

use crate::tui::action::{Action, Key};
use crate::tui::keymap::{Layer, bindings};

/// The config's keys for actions, by action name; none means every action keeps its own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct KeyOverrides {
    keys: BTreeMap<String, Vec<Key>>,
}

impl KeyOverrides {
    /// No overrides: every action has its own keys.
    pub fn none() -> KeyOverrides {
        KeyOverrides::default()
    }

    /// The usable overrides of the config's `keys:`, and why the rest were refused (to show
    /// the user).
    pub fn from_config(config: &BTreeMap<String, Vec<String>>) -> (KeyOverrides, Vec<String>) {
        let (keys, problems) = check(config);
        (KeyOverrides { keys }, problems)
    }

    /// The keys of `action`: the override if the config gave one, else its own.
    pub fn keys_of(&self, action: &Action) -> Cow<'static, [Key]> {
        match self.keys.get(&action_name(action)) {
            Some(keys) => Cow::Owned(keys.clone()),
            None => Cow::Borrowed(action.info().keys),
        }
    }
}

/// The name of an action in the config: `toggle_meeting`, `show_tab_needs`, `quit`.
pub fn action_name(action: &Action) -> String {
    let debug = format!("{action:?}");
    let mut name = String::new();
    for c in debug.chars() {
        if c.is_ascii_uppercase() {
            if !name.is_empty() && !name.ends_with('_') {
                name.push('_');
            }
            name.push(c.to_ascii_lowercase());
        } else if c.is_ascii_alphanumeric() {
            name.push(c);
        } else if c == '(' {
            name.push('_');
        } else {
            break;
        }
    }
    name
}

/// Every action a key can be given to, by name, in the help's order.
pub fn bindable_actions() -> Vec<(String, Action)> {
    let mut actions: Vec<(String, Action)> = Vec::new();
    for layer in Layer::ALL {
        for action in bindings(layer) {
            let name = action_name(action);
            let typed = matches!(action, Action::SearchInput(_));
            if !typed && !actions.iter().any(|(known, _)| *known == name) {
                actions.push((name, action.clone()));
            }
        }
    }
    actions
}

/// A key as the config writes it: `m`, `M`, `ctrl-q`, `enter`, `esc`, `tab`, `space`, `up`,
/// `pgdn`, `f5`.
pub fn parse_key(text: &str) -> Result<Key, String> {
    let trimmed = text.trim();
    let lower = trimmed.to_ascii_lowercase();
    if let Some(rest) = lower
        .strip_prefix("ctrl-")
        .or_else(|| lower.strip_prefix("ctrl+"))
        .or_else(|| lower.strip_prefix("c-"))
    {
        let mut chars = rest.chars();
        return match (chars.next(), chars.next()) {
            (Some(c), None) if c.is_ascii_alphanumeric() => Ok(Key::ctrl(c)),
            _ => Err(format!(
                "`{trimmed}`: Ctrl goes with one letter, such as ctrl-q"
            )),
        };
    }
    let mut chars = trimmed.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return if c.is_ascii_graphic() {
            Ok(Key::char(c))
        } else {
            Err(format!(
                "`{trimmed}`: keys are ASCII characters or key names"
            ))
        };
    }
    let code = match lower.as_str() {
        "enter" | "return" | "ret" => KeyCode::Enter,
        "esc" | "escape" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "shift-tab" | "backtab" => KeyCode::BackTab,
        "space" => KeyCode::Char(' '),
        "backspace" | "bs" => KeyCode::Backspace,
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "pgup" | "pageup" => KeyCode::PageUp,
        "pgdn" | "pagedown" => KeyCode::PageDown,
        other => match other.strip_prefix('f').and_then(|n| n.parse::<u8>().ok()) {
            Some(n @ 1..=12) => KeyCode::F(n),
            _ => {
                return Err(format!(
                    "`{trimmed}` is not a key (a character, ctrl-x, enter, esc, tab, space, up, down, left, right, home, end, pgup, pgdn, f1-f12)"
                ));
            }
        },
    };
    Ok(Key::code(code))
}

/// The overrides that can be used, and messages about the rest.
pub fn check(config: &BTreeMap<String, Vec<String>>) -> (BTreeMap<String, Vec<Key>>, Vec<String>) {
    let actions = bindable_actions();
    let mut problems = Vec::new();
    let mut overrides: BTreeMap<String, Vec<Key>> = BTreeMap::new();
    for (name, texts) in config {
        if !actions.iter().any(|(known, _)| known == name) {
            let names: Vec<&str> = actions.iter().map(|(known, _)| known.as_str()).collect();
            problems.push(format!(
                "keys: no action `{name}` (actions: {})",
                names.join(", ")
            ));
            continue;
        }
        match texts
            .iter()
            .map(|text| parse_key(text))
            .collect::<Result<Vec<_>, _>>()
        {
            Ok(keys) if !keys.is_empty() => {
                overrides.insert(name.clone(), keys);
            }
            Ok(_) => problems.push(format!("keys: `{name}` has no keys; it keeps its own")),
            Err(reason) => problems.push(format!("keys: `{name}`: {reason}; it keeps its own")),
        }
    }
    // Refuse overrides that give one key two meanings on one screen.
    while let Some((name, layer, key)) = first_clash(&overrides) {
        overrides.remove(&name);
        problems.push(format!(
            "keys: `{name}` would make {} mean two things on the {} screen; it keeps its own",
            key.label(),
            layer.title()
        ));
    }
    (overrides, problems)
}

fn first_clash(overrides: &BTreeMap<String, Vec<Key>>) -> Option<(String, Layer, Key)> {
    for layer in Layer::ALL {
        let mut seen: Vec<(Key, String)> = Vec::new();
        for action in bindings(layer) {
            let name = action_name(action);
            let keys: Vec<Key> = match overrides.get(&name) {
                Some(keys) => keys.clone(),
                None => action.info().keys.to_vec(),
            };
            for key in keys {
                if layer.takes_text() && key.is_text() {
                    continue;
                }
                if let Some((_, other)) = seen.iter().find(|(known, _)| *known == key) {
                    let culprit = if overrides.contains_key(&name) {
                        name
                    } else {
                        other.clone()
                    };
                    return Some((culprit, layer, key));
                }
                seen.push((key, name.clone()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::action::PlanTab;

    fn config(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
        pairs
            .iter()
            .map(|(name, keys)| {
                let keys = keys.iter().map(|key| (*key).to_owned()).collect();
                ((*name).to_owned(), keys)
            })
            .collect()
    }

    #[test]
    fn names_are_snake_case() {
        assert_eq!(action_name(&Action::ToggleMeeting), "toggle_meeting");
        assert_eq!(
            action_name(&Action::ShowTab(PlanTab::Needs)),
            "show_tab_needs"
        );
        assert_eq!(action_name(&Action::Quit), "quit");
        assert!(
            bindable_actions()
                .iter()
                .any(|(name, _)| name == "start_search")
        );
        assert!(
            !bindable_actions()
                .iter()
                .any(|(name, _)| name == "search_input")
        );
    }

    #[test]
    fn keys_parse() {
        assert_eq!(parse_key("M").unwrap(), Key::char('M'));
        assert_eq!(parse_key("ctrl-q").unwrap(), Key::ctrl('q'));
        assert_eq!(parse_key("PgDn").unwrap(), Key::code(KeyCode::PageDown));
        assert_eq!(parse_key("f5").unwrap(), Key::code(KeyCode::F(5)));
        assert!(parse_key("hyper-x").is_err());
    }

    #[test]
    fn good_overrides_stay_and_clashes_are_refused() {
        let (overrides, problems) = check(&config(&[
            ("toggle_meeting", &["M"]),
            ("cycle_sort", &["j"]),
            ("quit", &["nonsense-key"]),
            ("fly", &["f"]),
        ]));
        assert_eq!(overrides.get("toggle_meeting"), Some(&vec![Key::char('M')]));
        assert!(!overrides.contains_key("cycle_sort"));
        assert_eq!(problems.len(), 3, "{problems:?}");
        assert!(problems.iter().any(|p| p.contains("no action `fly`")));
        assert!(
            problems
                .iter()
                .any(|p| p.contains("`cycle_sort` would make j mean two things"))
        );
    }
}
