//! The export dialog: what to export (the chosen one marked), where to, and why the last
//! Enter did not write.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use super::{CHOICES, ExportDialog};
use crate::inert::inert_line;
use crate::tui::app::App;
use crate::tui::layers::write::dialog_view::draw;

pub fn render(app: &App, dialog: &ExportDialog, frame: &mut Frame, area: Rect) {
    let mut body: Vec<String> = CHOICES
        .iter()
        .enumerate()
        .map(|(index, (kind, format))| {
            let mark = if index == dialog.choice { ">" } else { " " };
            format!("{mark} {} ({format})", kind.label())
        })
        .collect();
    let path = app.shown(&dialog.path).into_owned();
    body.push(format!("To: {}_", inert_line(&path)));
    body.push("(a file name alone goes in the folder aftercare was started in)".to_owned());
    if dialog.meeting {
        body.push("Meeting mode: no name, NHS number or date of birth.".to_owned());
    }
    if let Some(error) = &dialog.error {
        body.push(inert_line(&app.shown(error)).into_owned());
    }
    let keys = [
        ("Enter", "write the file".to_owned()),
        ("Up/Down", "what to export".to_owned()),
        ("Esc", "cancel".to_owned()),
    ];
    let title = Span::styled(" Export the plan ", app.ui.theme.heading);
    draw(app, title, &body, &keys, frame, area);
}
