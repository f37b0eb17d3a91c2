//! The bottom line: the main keys of the current layer, built from the same Action list as
//! the keymap and the help, so a hint never names a key that does something else.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};

use crate::tui::app::App;
use crate::tui::keymap;
use crate::tui::text::{fit, width};

/// The hint bar's word for the meeting mode key (see `Action::ToggleMeeting`).
const MEETING_WORD: &str = "meeting";

/// Hints kept at the end of the bar whatever the width (help and quit, or close).
const ALWAYS_SHOWN: usize = 2;

pub fn render(app: &App, frame: &mut Frame, area: Rect) {
    // News (a change queued, a refusal) takes the line until the next key.
    if let Some(message) = &app.ui.message {
        let style = if message.error {
            app.ui.theme.error
        } else {
            app.ui.theme.heading
        };
        let text = fit(
            &format!(" {}", message.text),
            usize::from(area.width),
            app.ui.theme.symbols.ellipsis,
        );
        frame.render_widget(Line::styled(text, style), area);
        return;
    }
    let mut hints = keymap::hints(app.layer(), &app.ui.keys);
    // In a meeting, how to leave it comes first: it must not be the hint dropped for room.
    if app.ui.display.meeting
        && let Some(at) = hints.iter().position(|(_, word)| *word == MEETING_WORD)
    {
        let (keys, _) = hints.remove(at);
        hints.insert(0, (keys, "leave meeting"));
    }
    // Meeting mode says so on every screen, in words; so does git working after a write.
    let doing = app
        .git
        .committing
        .as_ref()
        .map(|wait| format!(" {}... ", wait.doing))
        .unwrap_or_default();
    let meeting = if app.ui.display.meeting {
        " MEETING "
    } else {
        ""
    };
    let tag = format!("{meeting}{doing}");
    let tag = tag.as_str();
    let chosen = fit_hints(&hints, usize::from(area.width).saturating_sub(width(tag)));
    let mut spans = vec![Span::styled(tag, app.ui.theme.selected), Span::raw(" ")];
    for (position, (keys, word)) in chosen.iter().enumerate() {
        if position > 0 {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(keys.clone(), app.ui.theme.heading));
        spans.push(Span::raw(format!(" {word}")));
    }
    frame.render_widget(Line::from(spans), area);
}

/// Drop hints from the middle until the bar fits, keeping the last ones (help, quit).
pub fn fit_hints(hints: &[(String, &'static str)], columns: usize) -> Vec<(String, &'static str)> {
    let mut chosen: Vec<(String, &'static str)> = hints.to_vec();
    let length = |hints: &[(String, &str)]| -> usize {
        1 + hints
            .iter()
            .map(|(keys, word)| width(keys) + 1 + width(word))
            .sum::<usize>()
            + 2 * hints.len().saturating_sub(1)
    };
    while length(&chosen) > columns && chosen.len() > ALWAYS_SHOWN {
        let index = chosen.len() - ALWAYS_SHOWN - 1;
        chosen.remove(index);
    }
    chosen
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_help_and_quit_when_narrow() {
        let hints = vec![
            ("Enter".to_owned(), "open"),
            ("/".to_owned(), "search"),
            ("?".to_owned(), "help"),
            ("q".to_owned(), "quit"),
        ];
        let fitted = fit_hints(&hints, 24);
        assert_eq!(fitted.last(), Some(&("q".to_owned(), "quit")));
        assert!(fitted.contains(&("?".to_owned(), "help")));
        assert_eq!(fit_hints(&hints, 200).len(), 4);
    }
}
