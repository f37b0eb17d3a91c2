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
//! 2. **The frame, after drawing.** The views' `render` calls `redact_frame` once, after every
//!    screen and overlay has drawn (through `display::finish_frame`). It reads every cell of
//!    the frame as one text (rows joined, so an identifier cut across lines is still seen)
//!    and overwrites any identifier left. A view added later that forgets layer 1 is still
//!    covered here; tests render every screen and search every cell.
//!
//! Whose identifiers: the people on screen (`files_on_screen`): the open plan's person on
//! a plan, its findings and any overlay over them; the listed rows' people on the plans
//! list. Any 10-digit number that passes the NHS check is hidden whoever's it is. Over a
//! history, also every identifying value its diffs have shown (old names, old dates of
//! birth); when the plan cannot be read today, the history's diffs and subjects hide
//! anything shaped like a date or an NHS number too (`Masker::hiding_shapes`).
//!
//! File names: a file on screen whose name is not its plan's id (`Oliver Thistlewood.yaml`)
//! is shown as `[hidden].yaml` wherever its name appears (`meeting_file_name`).

use std::borrow::Cow;

use ratatui::buffer::Buffer;

use crate::plan::model::Plan;
use crate::plan::privacy::{HIDDEN, Identifiers, meeting_file_name, plan_identifiers};
use crate::store::folder::PlanFile;
use crate::tui::app::App;
use crate::tui::app::Overlay;
use crate::tui::layers::dashboard::list::scroll_offset;
use crate::tui::layout::list_height;

/// Masks text for the current frame: built once, used for many strings.
#[derive(Debug, Clone)]
pub struct Masker {
    /// `None` outside meeting mode: text is shown as it is.
    identifiers: Option<Identifiers>,
    /// File names on screen that name someone, and what is shown instead
    /// (`Oliver Thistlewood.yaml`, `[hidden].yaml`).
    file_names: Vec<(String, String)>,
}

impl Masker {
    /// The text as it may be shown now.
    pub fn shown<'a>(&self, text: &'a str) -> Cow<'a, str> {
        let Some(identifiers) = &self.identifiers else {
            return Cow::Borrowed(text);
        };
        let mut text = Cow::Borrowed(text);
        for (name, shown) in &self.file_names {
            if text.contains(name.as_str()) {
                text = Cow::Owned(text.replace(name.as_str(), shown));
            }
        }
        if identifiers.find(&text).is_empty() {
            return text;
        }
        Cow::Owned(identifiers.mask(&text))
    }

    /// This masker hiding, besides, anything shaped like a date or an NHS number: for text
    /// about a person of whom nothing is known (the history of a plan that cannot be read).
    pub fn hiding_shapes(mut self) -> Masker {
        if let Some(identifiers) = &mut self.identifiers {
            identifiers.hide_shapes();
        }
        self
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
        if !self.ui.display.meeting {
            return Masker {
                identifiers: None,
                file_names: Vec::new(),
            };
        }
        Masker {
            identifiers: Some(identifiers_on_screen(self)),
            file_names: files_on_screen(self)
                .into_iter()
                .filter_map(|file| hidden_file_name(&file.display, file.plan.as_ref()))
                .collect(),
        }
    }

    /// A path as it may be shown now: in meeting mode with a file name that is not the
    /// plan's id hidden (`plans/[hidden].yaml`), then masked as any text.
    pub fn shown_path(&self, path: &str, id: Option<&str>) -> String {
        if !self.ui.display.meeting {
            return path.to_owned();
        }
        self.shown(&meeting_file_name(path, id)).into_owned()
    }
}

/// `(file name, what meeting mode shows)` when the file's name is not its plan's id.
fn hidden_file_name(path: &str, plan: Option<&Plan>) -> Option<(String, String)> {
    let id = plan.and_then(|plan| plan.id.as_deref());
    let shown = meeting_file_name(path, id);
    if shown == path {
        return None;
    }
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let hidden = shown.rsplit(['/', '\\']).next().unwrap_or(&shown);
    Some((name.to_owned(), hidden.to_owned()))
}

/// The files whose people are on screen now: the open one, or the listed rows.
pub fn files_on_screen(app: &App) -> Vec<&PlanFile> {
    if let Some(file) = app.open_file() {
        return vec![file];
    }
    let list = &app.nav.list;
    let page = list_height(app.ui.height);
    let offset = scroll_offset(list.offset, list.selected, page, list.rows.len());
    list.rows
        .iter()
        .skip(offset)
        .take(page + 1)
        .filter_map(|index| app.folder.files.get(*index))
        .collect()
}

/// The plans whose people are on screen now.
pub fn people_on_screen(app: &App) -> Vec<&Plan> {
    files_on_screen(app)
        .into_iter()
        .filter_map(|file| file.plan.as_ref())
        .collect()
}

fn identifiers_on_screen(app: &App) -> Identifiers {
    let mut identifiers = Identifiers::default();
    for file in files_on_screen(app) {
        if let Some((name, _)) = hidden_file_name(&file.display, file.plan.as_ref()) {
            identifiers.add_value(&name);
        }
        let Some(plan) = &file.plan else {
            continue;
        };
        identifiers.extend(&plan_identifiers(plan, &app.ui.display.identifying_fields));
    }
    for overlay in &app.nav.overlays {
        if let Overlay::History(view) = overlay {
            identifiers.extend(&view.old_identifiers);
        }
    }
    identifiers
}

/// Is anything known of the open plan's person (a name, an NHS number, a date of birth)?
/// A plan that cannot be read (merge-conflict markers) says nothing.
pub fn knows_the_person(file: Option<&PlanFile>) -> bool {
    file.and_then(|file| file.plan.as_ref())
        .is_some_and(|plan| {
            let person = &plan.person;
            person.name.is_some()
                || person.nhs_number.is_some()
                || person.date_of_birth.is_some()
                || person.date_of_birth_text.is_some()
        })
}

/// Layer 2: overwrite any identifier left anywhere in the drawn frame (meeting mode only).
pub fn redact_frame(app: &App, buffer: &mut Buffer) {
    if !app.ui.display.meeting {
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
