//! A one-line text field: its text, a cursor counted in characters, and the whole value
//! selected on focus so that typing replaces it.

use super::paste::is_unfit_for_a_field;

/// A one-line text field with a cursor (counted in characters).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TextInput {
    pub(super) text: String,
    pub(super) cursor: usize,
    /// The user typed in it (a suggested value may then no longer replace it).
    pub edited: bool,
    /// The whole text is selected (a value given before, on focus): typing replaces it, as in
    /// any form; a cursor key keeps it for editing.
    pub(super) selected: bool,
}

impl TextInput {
    pub fn new(text: impl Into<String>) -> TextInput {
        let text = text.into();
        let cursor = text.chars().count();
        TextInput {
            selected: !text.is_empty(),
            text,
            cursor,
            edited: false,
        }
    }

    /// Typing will replace the whole text.
    pub fn is_selected(&self) -> bool {
        self.selected
    }

    /// Select the whole text (a field taking the focus), when there is any.
    pub fn select_all(&mut self) {
        self.selected = !self.text.is_empty();
    }

    /// The selected text is replaced by what comes next: clear it.
    pub(super) fn replace_selection(&mut self) {
        if std::mem::take(&mut self.selected) {
            self.text.clear();
            self.cursor = 0;
        }
    }

    pub fn text(&self) -> &str {
        &self.text
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    pub(super) fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        if is_unfit_for_a_field(c) {
            return;
        }
        self.replace_selection();
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
        self.edited = true;
    }

    pub fn backspace(&mut self) {
        if self.selected {
            return self.clear();
        }
        if self.cursor == 0 {
            return;
        }
        let at = self.byte_at(self.cursor - 1);
        self.text.remove(at);
        self.cursor -= 1;
        self.edited = true;
    }

    pub fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
        self.edited = true;
        self.selected = false;
    }

    /// Replace the text without counting it as typed (a suggestion).
    pub fn suggest(&mut self, text: impl Into<String>) {
        self.text = text.into();
        self.cursor = self.text.chars().count();
        self.selected = self.selected && !self.text.is_empty();
    }

    /// Take `text` as if typed (a completion chosen), the cursor at its end.
    pub fn accept(&mut self, text: &str) {
        self.text = text.to_owned();
        self.cursor = self.text.chars().count();
        self.selected = false;
        self.edited = true;
    }

    pub fn left(&mut self) {
        self.selected = false;
        self.cursor = self.cursor.saturating_sub(1);
    }

    pub fn right(&mut self) {
        self.selected = false;
        self.cursor = (self.cursor + 1).min(self.text.chars().count());
    }

    pub fn home(&mut self) {
        self.selected = false;
        self.cursor = 0;
    }

    pub fn end(&mut self) {
        self.selected = false;
        self.cursor = self.text.chars().count();
    }
}
