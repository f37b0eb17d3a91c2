//! Pasted text into a form: one line of text at the cursor of the focused field, never keys.
//! Line breaks and tabs become spaces and control characters are dropped on the way in, so
//! nothing pasted can act on the terminal or hide in a plan.

use crate::tui::form::{FieldKind, Form, TextInput};

/// Characters a text field never holds: control characters (C0, DEL, C1) and the bidi
/// controls that reorder what is drawn.
pub fn is_unfit_for_a_field(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
}

fn is_line_break(c: char) -> bool {
    matches!(
        c,
        '\n' | '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

/// Pasted text as one line for a field: a line break (CR LF, CR, LF, the Unicode line and
/// paragraph separators; a run of them counted once) and a tab each become a space; other
/// control characters and bidi controls are dropped.
pub fn pasted_line(text: &str) -> String {
    let mut line = String::with_capacity(text.len());
    let mut after_break = false;
    for c in text.chars() {
        if is_line_break(c) {
            if !after_break {
                line.push(' ');
            }
            after_break = true;
            continue;
        }
        after_break = false;
        match c {
            '\t' => line.push(' '),
            c if is_unfit_for_a_field(c) => {}
            c => line.push(c),
        }
    }
    line
}

impl TextInput {
    /// Put `text` in at the cursor, as if typed (the caller has made it one clean line).
    pub fn insert_text(&mut self, text: &str) {
        if text.is_empty() {
            return;
        }
        self.replace_selection();
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, text);
        self.cursor += text.chars().count();
        self.edited = true;
    }
}

impl Form {
    /// A paste: its text (one line of it) at the cursor of a text or date field, its digits
    /// in a number field; a choice or a checklist takes no text, and says so.
    pub fn paste(&mut self, text: &str) {
        self.error = None;
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        let line = pasted_line(text);
        match &mut field.kind {
            FieldKind::Text(input) | FieldKind::Date(input, _) | FieldKind::Suggest(input, _) => {
                input.insert_text(&line)
            }
            // As typed: Enter refuses what is not a whole number in range, saying so.
            FieldKind::Number(input, ..) => input.insert_text(line.trim()),
            FieldKind::Choice(..) | FieldKind::Checklist { .. } => {
                self.error = Some(
                    "paste ignored: this field is a choice (Left and Right choose)".to_owned(),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tui::form::Field;
    use chrono::NaiveDate;

    fn form() -> Form {
        Form::new(
            "Edit N1",
            NaiveDate::from_ymd_opt(2026, 11, 28).unwrap(),
            vec![
                Field::text("need", "Need", "Depot"),
                Field::number("icb", "ICB share", 50, 100),
                Field::choice("category", "Category", Vec::new(), ""),
            ],
        )
    }

    #[test]
    fn line_breaks_and_tabs_become_spaces_and_controls_go() {
        assert_eq!(
            pasted_line("agreed at panel.\n\nwill review yearly"),
            "agreed at panel. will review yearly"
        );
        assert_eq!(pasted_line("a\r\nb\rc\u{2028}d\te"), "a b c d e");
        assert_eq!(pasted_line("x\u{1b}[2J\u{7}\u{9b}\u{202e}y\0"), "x[2Jy");
        assert_eq!(
            pasted_line("Zoë 👩\u{200d}⚕\u{fe0f}"),
            "Zoë 👩\u{200d}⚕\u{fe0f}"
        );
    }

    #[test]
    fn a_paste_goes_in_at_the_cursor_of_the_focused_field() {
        let mut form = form();
        // Left keeps the value given (the focus selected it) and moves into it.
        form.step(false);
        form.paste("clinic\nweekly ");
        assert_eq!(form.value("need"), "Depoclinic weekly t");
        assert!(form.is_dirty());
        form.next_field();
        form.step(true);
        // A paste goes in as it is (never filtered to its digits); Enter would refuse it.
        form.paste("4\n0%");
        assert_eq!(form.value("icb"), "504 0%");
        assert!(form.first_problem().is_some());
        form.next_field();
        form.paste("joint");
        assert!(
            form.error
                .as_deref()
                .unwrap_or("")
                .contains("paste ignored")
        );
    }
}
