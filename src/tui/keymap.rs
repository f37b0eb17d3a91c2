//! Which actions each layer offers, and so which key means what there. The top layer (an
//! overlay, then a text field, then the screen) gets the key.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::tui::action::{Action, Key};
use crate::tui::key_overrides::KeyOverrides;
use crate::tui::layers::{
    commit, dashboard, export, findings, help, history, meeting, plan, prompt, register, review,
    write,
};

/// Where keys go: the top overlay, else a text field, else the screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Layer {
    Dashboard,
    Search,
    Plan,
    /// The findings of an invalid file; `readable` when the plan itself could be read.
    Findings {
        readable: bool,
    },
    Help,
    /// Asking before meeting mode is turned off.
    LeaveMeeting,
    /// A quick-edit, ending or new-plan prompt.
    Prompt,
    /// The plans list's exact filters (`f`): Enter applies from any field.
    Filter,
    /// The guided review.
    Review,
    /// The diff shown before a write.
    Diff,
    /// Leaving or quitting with changes not written.
    Guard,
    /// A yes/no question (discard what was typed?).
    Confirm,
    /// The file changed on disk: reload and re-apply?
    Reload,
    /// A plan's history in git.
    History,
    /// Commit the file just written?
    Commit,
    /// Money paid now per ICB and per local authority.
    Register,
    /// Export the plan to a file.
    Export,
}

impl Layer {
    /// Every layer, for checks over all of them.
    pub const ALL: [Layer; 18] = [
        Layer::Dashboard,
        Layer::Search,
        Layer::Plan,
        Layer::Findings { readable: true },
        Layer::Findings { readable: false },
        Layer::Help,
        Layer::LeaveMeeting,
        Layer::Prompt,
        Layer::Filter,
        Layer::Review,
        Layer::Diff,
        Layer::Guard,
        Layer::Confirm,
        Layer::Reload,
        Layer::History,
        Layer::Commit,
        Layer::Register,
        Layer::Export,
    ];

    /// The name shown in the help title.
    pub fn title(self) -> &'static str {
        match self {
            Layer::Dashboard => "plans list",
            Layer::Search => "search",
            Layer::Plan => "plan",
            Layer::Findings { .. } => "findings",
            Layer::Help => "help",
            Layer::LeaveMeeting => "leave meeting mode",
            Layer::Prompt => "prompt",
            Layer::Filter => "filters",
            Layer::Review => "review",
            Layer::Diff => "diff before writing",
            Layer::Guard => "unsaved changes",
            Layer::Confirm => "question",
            Layer::Reload => "changed on disk",
            Layer::History => "history",
            Layer::Commit => "commit",
            Layer::Register => "register",
            Layer::Export => "export",
        }
    }

    /// A layer with a text field: plain characters type into it.
    pub fn takes_text(self) -> bool {
        matches!(
            self,
            Layer::Search | Layer::Prompt | Layer::Filter | Layer::Review | Layer::Export
        )
    }
}

/// A layer's actions as a `&'static [Action]` (each layer's `KEYS`), with the runs that many layers share
/// written once: `@moves;` (up, down, top, bottom, page up, page down) and
/// `@form_editing;` (the keys of a text field).
macro_rules! layer_keys {
    ($($head:expr,)* @moves; $($tail:expr,)*) => {
        &[
            $($head,)*
            Action::MoveUp,
            Action::MoveDown,
            Action::MoveTop,
            Action::MoveBottom,
            Action::PageUp,
            Action::PageDown,
            $($tail,)*
        ]
    };
    ($($head:expr,)* @form_editing; $($tail:expr,)*) => {
        &[
            $($head,)*
            Action::FormPrevious,
            Action::FormLeft,
            Action::FormRight,
            Action::FormHome,
            Action::FormEnd,
            Action::FormBackspace,
            Action::FormClear,
            Action::FormInput(' '),
            $($tail,)*
        ]
    };
}
pub(crate) use layer_keys;

/// The actions a layer offers, in the order the help lists them.
pub fn bindings(layer: Layer) -> &'static [Action] {
    match layer {
        Layer::Dashboard => dashboard::KEYS,
        Layer::Search => dashboard::SEARCH_KEYS,
        Layer::Plan => plan::KEYS,
        Layer::Findings { readable: true } => findings::KEYS_OF_READABLE_PLAN,
        Layer::Findings { readable: false } => findings::KEYS,
        Layer::Help => help::KEYS,
        Layer::LeaveMeeting => meeting::KEYS,
        Layer::Prompt => prompt::KEYS,
        Layer::Filter => dashboard::FILTER_KEYS,
        Layer::Confirm => prompt::CONFIRM_KEYS,
        Layer::Review => review::KEYS,
        Layer::Diff => write::DIFF_KEYS,
        Layer::Guard => write::GUARD_KEYS,
        Layer::Reload => write::RELOAD_KEYS,
        Layer::History => history::KEYS,
        Layer::Commit => commit::KEYS,
        Layer::Register => register::KEYS,
        Layer::Export => export::KEYS,
    }
}

/// The keys that trigger `action` in `layer`: in a text field, plain characters type text
/// instead, so they are left out (and the help does not list them either).
pub fn keys_in(layer: Layer, action: &Action, overrides: &KeyOverrides) -> Vec<Key> {
    overrides
        .keys_of(action)
        .iter()
        .copied()
        .filter(|key| !(layer.takes_text() && key.is_text()))
        .collect()
}

/// What a key press means in `layer`, if anything.
pub fn action_for(layer: Layer, event: &KeyEvent, overrides: &KeyOverrides) -> Option<Action> {
    for action in bindings(layer) {
        if matches!(action, Action::SearchInput(_) | Action::FormInput(_)) {
            continue;
        }
        if keys_in(layer, action, overrides)
            .iter()
            .any(|key| key.matches(event))
        {
            return Some(action.clone());
        }
    }
    if layer.takes_text() {
        let plain = !event
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT);
        if let (KeyCode::Char(c), true) = (event.code, plain) {
            return Some(if layer == Layer::Search {
                Action::SearchInput(c)
            } else {
                Action::FormInput(c)
            });
        }
    }
    None
}

/// The hint bar's entries for a layer: `(keys, word)`, in the layer's order.
pub fn hints(layer: Layer, overrides: &KeyOverrides) -> Vec<(String, &'static str)> {
    bindings(layer)
        .iter()
        .filter_map(|action| {
            let info = action.info();
            let word = info.hint?;
            let keys = match info.hint_keys {
                Some(keys) => keys.to_owned(),
                None => keys_in(layer, action, overrides).first()?.label(),
            };
            Some((keys, word))
        })
        .collect()
}

/// The help's lines for a layer: `(keys, description)`.
pub fn help_lines(layer: Layer, overrides: &KeyOverrides) -> Vec<(String, &'static str)> {
    bindings(layer)
        .iter()
        .map(|action| {
            let keys = keys_in(layer, action, overrides);
            let label = if keys.is_empty() {
                "text".to_owned()
            } else {
                keys.iter().map(Key::label).collect::<Vec<_>>().join(", ")
            };
            (label, help_in(layer, action))
        })
        .collect()
}

/// What an action does in this layer, where that is more precise than its general words.
fn help_in(layer: Layer, action: &Action) -> &'static str {
    match (layer, action) {
        (Layer::History, Action::MoveUp) => "newer commit",
        (Layer::History, Action::MoveDown) => "older commit",
        (Layer::History, Action::MoveTop) => "the newest commit",
        (Layer::History, Action::MoveBottom) => "the oldest commit (the plan's first)",
        (Layer::History, Action::PageUp) => "scroll the diff up",
        (Layer::History, Action::PageDown) => "scroll the diff down",
        (Layer::History, Action::Back) => "close the history",
        _ => action.info().help,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn press(code: KeyCode) -> KeyEvent {
        KeyEvent::new(code, KeyModifiers::NONE)
    }

    #[test]
    fn every_bound_action_has_help_text() {
        let none = KeyOverrides::none();
        for layer in Layer::ALL {
            for (keys, help) in help_lines(layer, &none) {
                assert!(!help.is_empty(), "{layer:?} {keys} has no help");
            }
        }
    }

    #[test]
    fn no_key_means_two_things_in_one_layer() {
        let none = KeyOverrides::none();
        for layer in Layer::ALL {
            let mut seen = Vec::new();
            for action in bindings(layer) {
                for key in keys_in(layer, action, &none) {
                    assert!(
                        !seen.contains(&key),
                        "{layer:?}: {} bound twice",
                        key.label()
                    );
                    seen.push(key);
                }
            }
        }
    }

    #[test]
    fn search_types_letters_that_are_commands_elsewhere() {
        let none = KeyOverrides::none();
        let j = press(KeyCode::Char('j'));
        assert!(matches!(
            action_for(Layer::Dashboard, &j, &none),
            Some(Action::MoveDown)
        ));
        assert!(matches!(
            action_for(Layer::Search, &j, &none),
            Some(Action::SearchInput('j'))
        ));
        assert!(matches!(
            action_for(Layer::Search, &press(KeyCode::Down), &none),
            Some(Action::MoveDown)
        ));
        let help = help_lines(Layer::Search, &none);
        assert!(help.iter().any(|(keys, _)| keys == "Down"));
    }

    #[test]
    fn hint_bar_uses_the_same_keys() {
        let none = KeyOverrides::none();
        let dashboard = hints(Layer::Dashboard, &none);
        assert_eq!(dashboard.first(), Some(&("Enter".to_owned(), "open")));
        assert!(dashboard.contains(&("q".to_owned(), "quit")));
        assert!(hints(Layer::Plan, &none).contains(&("1-5".to_owned(), "tabs")));
    }
}
