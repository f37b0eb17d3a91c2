//! The only place that reads the terminal: key presses (not releases or repeats of a
//! release), pastes and resizes.
//!
//! Bracketed paste is on while the app runs (see `tui::run`), so the terminal hands over a
//! paste as one piece of text: it becomes text for the field that has the keys, never keys
//! (a pasted `w` or `y` must not write a plan).

use std::io;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEvent, KeyEventKind};

/// What the terminal told us.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TerminalEvent {
    Key(KeyEvent),
    /// Text pasted into the terminal, as it came (line breaks and all).
    Paste(String),
    Resize {
        width: u16,
        height: u16,
    },
}

/// Wait up to `timeout` for a key press, a paste or a resize; `None` when nothing came (or
/// something the app does not use, such as a key release).
pub fn next(timeout: Duration) -> io::Result<Option<TerminalEvent>> {
    if !event::poll(timeout)? {
        return Ok(None);
    }
    Ok(from_crossterm(event::read()?))
}

/// What a crossterm event means to the app, if anything.
pub fn from_crossterm(event: Event) -> Option<TerminalEvent> {
    match event {
        // Windows reports releases too; only presses (and auto-repeat) act.
        Event::Key(key) if key.kind != KeyEventKind::Release => Some(TerminalEvent::Key(key)),
        Event::Paste(text) => Some(TerminalEvent::Paste(text)),
        Event::Resize(width, height) => Some(TerminalEvent::Resize { width, height }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::{KeyCode, KeyModifiers};

    #[test]
    fn a_paste_is_one_event_of_text_not_keys() {
        let text = "agreed at panel.\n\nwill review yearly";
        assert_eq!(
            from_crossterm(Event::Paste(text.to_owned())),
            Some(TerminalEvent::Paste(text.to_owned()))
        );
    }

    #[test]
    fn key_releases_are_dropped() {
        let mut key = KeyEvent::new(KeyCode::Char('w'), KeyModifiers::NONE);
        assert_eq!(
            from_crossterm(Event::Key(key)),
            Some(TerminalEvent::Key(key))
        );
        key.kind = KeyEventKind::Release;
        assert_eq!(from_crossterm(Event::Key(key)), None);
        assert_eq!(
            from_crossterm(Event::Resize(80, 24)),
            Some(TerminalEvent::Resize {
                width: 80,
                height: 24
            })
        );
    }
}
