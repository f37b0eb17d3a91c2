//! THE masking point of meeting mode. With meeting mode on, no identifier (NHS number, full
//! name, date of birth, the fields configured in `identifying_fields`) reaches the screen:
//! not in a view, a prompt, a diff, an error, a finding, the history or the help.
//!
//! Two layers, both here, so a view cannot get it wrong on its own:
//!
//! 1. **Text, before layout.** A view passes any text that comes from a plan, a finding, a
//!    file name or an error through `app.shown(text)` (or, for many strings in one frame,
//!    `let mask = app.masker();` then `mask.shown(text)`) before wrapping or cutting it.
//!    Masking first means wrapping never splits an identifier across lines and the layout
//!    is measured on what is shown. Text that is drawn other than as characters (the big
//!    heading) must come through here: layer 2 cannot read it.
//! 2. **The frame, after drawing.** `views::render` calls `redact_frame` once, after every
//!    screen and overlay has drawn (through `display::finish_frame`). It reads every cell of
//!    the frame as one text (rows joined, so an identifier cut across lines is still seen)
//!    and overwrites any identifier left. A view added later that forgets layer 1 is still
//!    covered here; tests render every screen and search every cell.
//!
//! Whose identifiers: the people on screen (`people_on_screen`): the open plan's person on
//! a plan, its findings and any overlay over them; the listed rows' people on the plans
//! list. Any 10-digit number that passes the NHS check is hidden whoever's it is.

use std::borrow::Cow;

use ratatui::buffer::Buffer;

use super::app::App;
use super::views::dashboard::list_height;
use crate::plan::model::Plan;
use crate::plan::privacy::{HIDDEN, Identifiers, identifying_values};
use crate::tui::plan_list::scroll_offset;

/// Masks text for the current frame: built once, used for many strings.
#[derive(Debug, Clone)]
pub struct Masker {
    /// `None` outside meeting mode: text is shown as it is.
    identifiers: Option<Identifiers>,
}

impl Masker {
    /// The text as it may be shown now.
    pub fn shown<'a>(&self, text: &'a str) -> Cow<'a, str> {
        match &self.identifiers {
            None => Cow::Borrowed(text),
            Some(identifiers) => {
                let ranges = identifiers.find(text);
                if ranges.is_empty() {
                    return Cow::Borrowed(text);
                }
                Cow::Owned(identifiers.mask(text))
            }
        }
    }

    /// `shown` for an owned string (spans want `String`).
    pub fn owned(&self, text: &str) -> String {
        self.shown(text).into_owned()
    }
}

impl App {
    /// Text from a plan, a finding, a file name or an error, as it may be shown now (layer 1).
    pub fn shown<'a>(&self, text: &'a str) -> Cow<'a, str> {
        self.masker().shown(text)
    }

    /// A masker for the people on screen now (does nothing outside meeting mode).
    pub fn masker(&self) -> Masker {
        Masker {
            identifiers: self.display.meeting.then(|| identifiers_on_screen(self)),
        }
    }
}

/// The plans whose people are on screen now.
pub fn people_on_screen(app: &App) -> Vec<&Plan> {
    if let Some(file) = app.open_file() {
        return file.plan.iter().collect();
    }
    let list = &app.list;
    let page = list_height(app.height);
    let offset = scroll_offset(list.offset, list.selected, page, list.rows.len());
    list.rows
        .iter()
        .skip(offset)
        .take(page + 1)
        .filter_map(|index| app.files.get(*index)?.plan.as_ref())
        .collect()
}

fn identifiers_on_screen(app: &App) -> Identifiers {
    let mut identifiers = Identifiers::default();
    for plan in people_on_screen(app) {
        identifiers.add_person(&plan.person);
        for field in &app.display.identifying_fields {
            for value in identifying_values(plan, field) {
                identifiers.add_value(&value);
            }
        }
    }
    identifiers
}

/// Layer 2: overwrite any identifier left anywhere in the drawn frame (meeting mode only).
pub fn redact_frame(app: &App, buffer: &mut Buffer) {
    if !app.display.meeting {
        return;
    }
    let identifiers = identifiers_on_screen(app);
    let area = buffer.area;
    // The frame as one text, rows joined by line breaks; for each cell, where it starts.
    let mut text = String::new();
    let mut starts: Vec<(usize, u16, u16)> = Vec::new();
    for y in area.top()..area.bottom() {
        for x in area.left()..area.right() {
            starts.push((text.len(), x, y));
            text.push_str(buffer[(x, y)].symbol());
        }
        text.push('\n');
    }
    let ranges = identifiers.find(&text);
    if ranges.is_empty() {
        return;
    }
    let mut hidden: Vec<(u16, u16)> = starts
        .iter()
        .filter(|(start, _, _)| ranges.iter().any(|range| range.contains(start)))
        .map(|(_, x, y)| (*x, *y))
        .collect();
    hidden.sort_by_key(|(x, y)| (*y, *x));
    // Each run of hidden cells on a row reads `[hidden]` when it is wide enough, else `***`.
    let mut run_start = 0;
    for index in 0..hidden.len() {
        let (x, y) = hidden[index];
        let next = hidden.get(index + 1);
        if next.is_some_and(|(nx, ny)| *ny == y && *nx == x + 1) {
            continue;
        }
        let run = &hidden[run_start..=index];
        let width = run.len();
        for (offset, (cell_x, cell_y)) in run.iter().enumerate() {
            let c = if width >= HIDDEN.len() {
                HIDDEN.chars().nth(offset).unwrap_or(' ')
            } else {
                '*'
            };
            buffer[(*cell_x, *cell_y)].set_char(c);
        }
        run_start = index + 1;
    }
}
