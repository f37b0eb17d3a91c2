//! Meeting mode's additions to the plan view: the plan id and initials as a large heading,
//! and the person's age where the normal view would show the name (the date of birth never
//! shows). The needs themselves are drawn by `meeting_needs`.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Span;

use crate::plan::dates::age_on;
use crate::plan::model::Plan;
use crate::plan::privacy::HIDDEN;
use crate::tui::app::App;

use crate::tui::layers::plan::big_text_view;

/// The body must be this tall for the large heading (it still leaves room for the needs).
const HEADING_MIN_BODY_HEIGHT: u16 = 20;

/// Rows the large heading takes in a body `area`: none outside meeting mode or when short.
pub fn heading_height(app: &App, area: Rect) -> u16 {
    if app.ui.display.meeting && area.height >= HEADING_MIN_BODY_HEIGHT {
        big_text_view::HEIGHT + 1
    } else {
        0
    }
}

/// `S117-0042  Z.A.`, each part masked (an id or initials configured as identifying drop out).
pub fn heading_text(app: &App, plan: &Plan) -> String {
    let mask = app.masker();
    [plan.id.as_deref(), plan.person.initials.as_deref()]
        .into_iter()
        .flatten()
        .map(|part| mask.owned(part.trim()))
        .filter(|part| !part.is_empty() && !part.contains(HIDDEN))
        .collect::<Vec<_>>()
        .join("  ")
}

pub fn render_heading(app: &App, plan: &Plan, frame: &mut Frame, area: Rect) {
    if area.height == 0 {
        return;
    }
    let text = heading_text(app, plan);
    let rows = Rect {
        height: area.height.min(big_text_view::HEIGHT),
        ..area
    };
    big_text_view::render(
        &text,
        app.ui.display.ascii,
        app.ui.theme.heading,
        frame,
        rows,
    );
}

/// `age 35` in place of the name and date of birth (nothing when the date is not known).
pub fn age_field(app: &App, plan: &Plan) -> Option<Vec<Span<'static>>> {
    let born = plan.person.date_of_birth?;
    let age = age_on(born, app.today())?;
    Some(vec![
        Span::styled("age ", app.ui.theme.muted),
        Span::raw(age.to_string()),
    ])
}
