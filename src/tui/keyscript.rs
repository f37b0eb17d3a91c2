//! Key scripts for tests, in the style of helix's: `"/0042<ret>jj<esc>"`. Plain characters
//! are keys; `<name>` is a named key (`ret`, `esc`, `tab`, `s-tab`, `up`, `down`, `left`,
//! `right`, `pgup`, `pgdn`, `home`, `end`, `bs`, `space`) and `<C-c>` a Ctrl key.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::Terminal;
use ratatui::backend::TestBackend;

use super::action::Action;
use super::app::{App, handle_key, handle_paste, update};

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

/// Feed a key script to the app, through the keymap, as the terminal would. Git work a key
/// asks for (the history), edit work (a preview) and a commit are done at once, as if instant;
/// a frame is drawn (in memory) after each key, as the event loop draws, so scrolled text
/// knows its length for the next key.
pub fn press(app: &mut App, script: &str) {
    for event in keys(script) {
        handle_key(app, &event);
        run_jobs(app);
        draw(app);
    }
}

/// Draw one frame of the app's size in memory, as the terminal would show it.
pub fn draw(app: &App) {
    let backend = TestBackend::new(app.width, app.height);
    let mut terminal = Terminal::new(backend).expect("the in-memory backend cannot fail");
    terminal
        .draw(|frame| super::draw(app, frame))
        .expect("the in-memory backend cannot fail");
}

/// Do the work the app waits for now, as the event loop's threads would, and give it the news.
pub fn run_jobs(app: &mut App) {
    loop {
        if let Some(job) = app.history_job.take() {
            update(app, Action::HistoryNews(job.run()));
        } else if let Some(job) = app.edit_job.take().or_else(|| app.commit_job.take()) {
            update(app, Action::EditNews(Box::new(job.run())));
        } else {
            return;
        }
    }
}

/// A paste, as the terminal hands it over with bracketed paste on: text, not keys.
pub fn paste(app: &mut App, text: &str) {
    handle_paste(app, text);
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
