//! The only place that reads the terminal: key presses (not releases or repeats of a
//! release) and resizes.

use std::io;
use std::time::Duration;

use crossterm::event::{self, Event, KeyEvent, KeyEventKind};

/// What the terminal told us.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TerminalEvent {
    Key(KeyEvent),
    Resize { width: u16, height: u16 },
}

/// Wait up to `timeout` for a key press or a resize; `None` when nothing came.
pub fn next(timeout: Duration) -> io::Result<Option<TerminalEvent>> {
    if !event::poll(timeout)? {
        return Ok(None);
    }
    Ok(match event::read()? {
        // Windows reports releases too; only presses (and auto-repeat) act.
        Event::Key(key) if key.kind != KeyEventKind::Release => Some(TerminalEvent::Key(key)),
        Event::Resize(width, height) => Some(TerminalEvent::Resize { width, height }),
        _ => None,
    })
}
