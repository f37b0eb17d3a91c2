//! Key scripts for tests, in the style of helix's: `"/0042<ret>jj<esc>"`. Plain characters
//! are keys; `<name>` is a named key (`ret`, `esc`, `tab`, `s-tab`, `up`, `down`, `left`,
//! `right`, `pgup`, `pgdn`, `home`, `end`, `bs`, `space`) and `<C-c>` a Ctrl key.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use crate::tui::action::Action;
use crate::tui::app::{App, handle_key, handle_paste, update};
use crate::tui::effect::Effects;
use crate::tui::keymap;
use crate::tui::msg::Msg;
use crate::tui::runtime::run_inline;

/// Parse a key script. Panics on an unknown `<name>`: a test with a typo should fail loudly.
pub fn keys(script: &str) -> Vec<KeyEvent> {
    let mut events = Vec::new();
    let mut chars = script.chars();
    while let Some(c) = chars.next() {
        if c != '<' {
            events.push(plain(c));
            continue;
        }
        let name: String = chars.by_ref().take_while(|c| *c != '>').collect();
        events.push(named(&name));
    }
    events
}

fn plain(c: char) -> KeyEvent {
    let modifiers = if c.is_ascii_uppercase() {
        KeyModifiers::SHIFT
    } else {
        KeyModifiers::NONE
    };
    KeyEvent::new(KeyCode::Char(c), modifiers)
}

fn named(name: &str) -> KeyEvent {
    if let Some(rest) = name.strip_prefix("C-") {
        let c = rest.chars().next().unwrap_or('c');
        return KeyEvent::new(KeyCode::Char(c), KeyModifiers::CONTROL);
    }
    let code = match name {
        "ret" | "enter" => KeyCode::Enter,
        "esc" => KeyCode::Esc,
        "tab" => KeyCode::Tab,
        "s-tab" => return KeyEvent::new(KeyCode::BackTab, KeyModifiers::SHIFT),
        "up" => KeyCode::Up,
        "down" => KeyCode::Down,
        "left" => KeyCode::Left,
        "right" => KeyCode::Right,
        "pgup" => KeyCode::PageUp,
        "pgdn" => KeyCode::PageDown,
        "home" => KeyCode::Home,
        "end" => KeyCode::End,
        "bs" => KeyCode::Backspace,
        "space" => KeyCode::Char(' '),
        other => panic!("unknown key <{other}> in a key script"),
    };
    KeyEvent::new(code, KeyModifiers::NONE)
}

/// Feed a key script to the app, through the keymap, as the terminal would. The work each
/// key asks for (the history, a preview, a write, a commit) is done at once by the runtime's
/// inline executor, as if instant. Before a key that moves (j, k, PgDn, G...) a frame is drawn
/// (in memory), as the event loop has drawn the screen the user moves in: scrolled text knows
/// its length from its last frame. Other keys are not drawn between (the event loop too takes
/// every key already typed before drawing again).
pub fn press(app: &mut App, script: &str) {
    for event in keys(script) {
        if moves(app, &event) {
            draw(app);
        }
        let effects = handle_key(app, &event);
        run_inline(app, effects);
    }
}

/// The key moves a selection or a scroll position where it is pressed.
fn moves(app: &App, event: &KeyEvent) -> bool {
    keymap::action_for(app.layer(), event, &app.ui.keys).is_some_and(|action| {
        matches!(
            action,
            Action::MoveUp
                | Action::MoveDown
                | Action::MoveTop
                | Action::MoveBottom
                | Action::PageUp
                | Action::PageDown
        )
    })
}

/// Draw one frame of the app's size in memory, as the terminal would show it.
pub fn draw(app: &App) {
    let backend = TestBackend::new(app.ui.width, app.ui.height);
    let mut terminal = Terminal::new(backend).expect("the in-memory backend cannot fail");
    terminal
        .draw(|frame| crate::tui::draw(app, frame))
        .expect("the in-memory backend cannot fail");
}

/// Feed a key script to the app without doing the work it asks for: the effects, in order,
/// for a test to run when it chooses (`runtime::work::perform`). A frame is drawn after each.
pub fn press_holding(app: &mut App, script: &str) -> Effects {
    let mut held = Effects::default();
    for event in keys(script) {
        if moves(app, &event) {
            draw(app);
        }
        held.extend(handle_key(app, &event));
    }
    held
}

/// Give the app one message (a key's action, the loader's files, git's news) as the runtime
/// would, and do at once the work it asks for.
pub fn send(app: &mut App, msg: impl Into<Msg>) {
    let effects = update(app, msg);
    run_inline(app, effects);
}

/// A paste, as the terminal hands it over with bracketed paste on: text, not keys.
pub fn paste(app: &mut App, text: &str) {
    let effects = handle_paste(app, text);
    run_inline(app, effects);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_plain_and_named_keys() {
        let events = keys("/a<ret><C-c>G");
        assert_eq!(events.len(), 5);
        assert_eq!(events[2].code, KeyCode::Enter);
        assert_eq!(events[3].modifiers, KeyModifiers::CONTROL);
        assert_eq!(events[4].modifiers, KeyModifiers::SHIFT);
    }
}
