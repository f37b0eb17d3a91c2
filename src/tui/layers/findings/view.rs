//! The findings of a file with errors: what is wrong, where (line:column), and what to do.
//! Invalid plans open here; a plan that could still be read can be opened from here.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Padding};

use crate::tui::app::App;
use crate::tui::scroll_text::{ScrollText, TextScroll};
use crate::tui::text::{counted, shown};

use crate::tui::layers::plan::tabs_view::{finding_lines, hanging};

fn lines(app: &App, file_index: usize, columns: usize) -> Vec<Line<'static>> {
    let theme = &app.ui.theme;
    let mask = app.masker();
    let Some(file) = app.folder.files.get(file_index) else {
        return Vec::new();
    };
    let summary = &app.folder.summaries[file_index];
    let what_next = if file.plan.is_some() {
        "Fix them in an editor (errors make the plan invalid; warnings never block). \
         Enter opens the plan as far as it could be read."
    } else {
        "The file could not be read as a plan. Fix it in an editor; \
         `aftercare check` prints the same list."
    };
    let mut lines = vec![Line::from(vec![
        Span::styled(mask.owned(&shown(&file.display)), theme.heading),
        Span::raw("  "),
        Span::styled(
            format!(
                "{}, {}",
                counted(summary.errors, "error"),
                counted(summary.warnings, "warning")
            ),
            theme.error,
        ),
    ])];
    lines.extend(hanging(Vec::new(), what_next, columns, theme.muted));
    lines.push(Line::default());
    lines.extend(finding_lines(app, &file.findings, columns));
    lines
}

fn block(app: &App) -> Block<'static> {
    Block::bordered()
        .border_set(app.ui.theme.focused_border)
        .padding(Padding::horizontal(1))
        .title(Span::styled(" Findings ", app.ui.theme.heading))
}

pub fn render(app: &App, file: usize, scroll: &TextScroll, frame: &mut Frame, area: Rect) {
    let block = block(app);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let lines = lines(app, file, usize::from(inner.width));
    frame.render_widget(ScrollText::new(lines, scroll), inner);
}
