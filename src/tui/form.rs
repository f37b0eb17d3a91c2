//! Form state for the prompts and the review: fields of text, dates, numbers, choices and
//! checklists, which field has the keys, and what each value means. No drawing here; the
//! owner of a form (quick edit, review, new plan) turns its values into changes.

use chrono::NaiveDate;

pub use crate::plan::date_reading::{DateReading, DateRule, read_date};
use crate::plan::dates::{format_uk_weekday, parse_prompt};
use crate::plan::pending::NewIssues;

mod paste;
pub mod suggest;
mod text_input;
pub use paste::{is_unfit_for_a_field, pasted_line};
pub use text_input::TextInput;

/// One option of a choice: the value the owner reads and the words shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub value: String,
    pub label: String,
}

impl Choice {
    pub fn new(value: impl Into<String>, label: impl Into<String>) -> Choice {
        Choice {
            value: value.into(),
            label: label.into(),
        }
    }

    /// An option whose words are its value.
    pub fn word(value: impl Into<String>) -> Choice {
        let value = value.into();
        Choice::new(value.clone(), value)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldKind {
    Text(TextInput),
    Date(TextInput, DateRule),
    /// A whole number within `min..=max`.
    Number(TextInput, i64, i64),
    Choice(Vec<Choice>, usize),
    /// A name typed freely, the names already known suggested as it is typed (`→` completes).
    Suggest(TextInput, Vec<String>),
    /// Options ticked with Space; `cursor` is the one Space ticks.
    Checklist {
        options: Vec<String>,
        checked: Vec<bool>,
        cursor: usize,
    },
}

/// Show a field only while the choice field `key` has one of `values`.
pub type Condition = (&'static str, &'static [&'static str]);

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub key: &'static str,
    pub label: String,
    pub kind: FieldKind,
    pub required: bool,
    pub show_if: Vec<Condition>,
    /// A line under the field the owner keeps up to date (`LA share: 60%`).
    pub note: Option<String>,
    /// What is wrong with the value as typed, said under it (a taken id, a mistyped NHS
    /// number), kept up to date by the owner like `note`.
    pub alert: Option<String>,
}

impl Field {
    fn new(key: &'static str, label: impl Into<String>, kind: FieldKind) -> Field {
        Field {
            key,
            label: label.into(),
            kind,
            required: false,
            show_if: Vec::new(),
            note: None,
            alert: None,
        }
    }

    pub fn text(key: &'static str, label: impl Into<String>, value: impl Into<String>) -> Field {
        Field::new(key, label, FieldKind::Text(TextInput::new(value)))
    }

    pub fn date(key: &'static str, label: impl Into<String>, value: &str, rule: DateRule) -> Field {
        Field::new(key, label, FieldKind::Date(TextInput::new(value), rule))
    }

    pub fn number(key: &'static str, label: impl Into<String>, value: i64, max: i64) -> Field {
        let input = TextInput::new(value.to_string());
        Field::new(key, label, FieldKind::Number(input, 0, max))
    }

    /// A name from `known` or a new one: type-ahead, never a cycle through options.
    pub fn suggest(
        key: &'static str,
        label: impl Into<String>,
        value: impl Into<String>,
        known: Vec<String>,
    ) -> Field {
        Field::new(key, label, FieldKind::Suggest(TextInput::new(value), known))
    }

    /// A choice with `selected` chosen (the first option when it is not among them).
    pub fn choice(
        key: &'static str,
        label: impl Into<String>,
        options: Vec<Choice>,
        selected: &str,
    ) -> Field {
        let index = options
            .iter()
            .position(|o| o.value == selected)
            .unwrap_or(0);
        Field::new(key, label, FieldKind::Choice(options, index))
    }

    pub fn checklist(key: &'static str, label: impl Into<String>, options: Vec<String>) -> Field {
        let checked = vec![false; options.len()];
        Field::new(
            key,
            label,
            FieldKind::Checklist {
                options,
                checked,
                cursor: 0,
            },
        )
    }

    pub fn required(mut self) -> Field {
        self.required = true;
        self
    }

    pub fn when(mut self, key: &'static str, values: &'static [&'static str]) -> Field {
        self.show_if.push((key, values));
        self
    }

    /// The field's value as text (a choice's value, ticked options joined by `, `).
    pub fn value(&self) -> String {
        match &self.kind {
            FieldKind::Text(input) | FieldKind::Date(input, _) | FieldKind::Number(input, ..) => {
                input.text().trim().to_owned()
            }
            // A known name typed in another case is the known spelling.
            FieldKind::Suggest(input, known) => suggest::known_spelling(input.text(), known)
                .unwrap_or(input.text())
                .trim()
                .to_owned(),
            FieldKind::Choice(options, selected) => options
                .get(*selected)
                .map(|o| o.value.clone())
                .unwrap_or_default(),
            FieldKind::Checklist {
                options, checked, ..
            } => options
                .iter()
                .zip(checked)
                .filter(|(_, on)| **on)
                .map(|(o, _)| o.clone())
                .collect::<Vec<_>>()
                .join(", "),
        }
    }

    pub fn input(&self) -> Option<&TextInput> {
        match &self.kind {
            FieldKind::Text(input)
            | FieldKind::Date(input, _)
            | FieldKind::Number(input, ..)
            | FieldKind::Suggest(input, _) => Some(input),
            _ => None,
        }
    }

    fn input_mut(&mut self) -> Option<&mut TextInput> {
        match &mut self.kind {
            FieldKind::Text(input)
            | FieldKind::Date(input, _)
            | FieldKind::Number(input, ..)
            | FieldKind::Suggest(input, _) => Some(input),
            _ => None,
        }
    }
}

/// `Sun 28 Feb 2027`, as a date field shows what it understood.
pub fn understood_label(date: NaiveDate) -> String {
    format_uk_weekday(date)
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    pub title: String,
    /// Lines shown above the fields (what is being changed).
    pub intro: Vec<String>,
    pub fields: Vec<Field>,
    pub focus: usize,
    /// Why the last Enter was refused.
    pub error: Option<String>,
    /// What the result would break (errors block Enter) or deserves a look.
    pub feedback: NewIssues,
    pub today: NaiveDate,
    initial: Vec<String>,
}

impl Form {
    pub fn new(title: impl Into<String>, today: NaiveDate, fields: Vec<Field>) -> Form {
        let initial = fields.iter().map(Field::value).collect();
        let mut form = Form {
            title: title.into(),
            intro: Vec::new(),
            fields,
            focus: 0,
            error: None,
            feedback: NewIssues::default(),
            today,
            initial,
        };
        form.focus = form.visible().first().copied().unwrap_or(0);
        form
    }

    pub fn with_intro(mut self, intro: Vec<String>) -> Form {
        self.intro = intro;
        self
    }

    /// Something typed differs from what the form opened with.
    pub fn is_dirty(&self) -> bool {
        self.fields
            .iter()
            .map(Field::value)
            .zip(&self.initial)
            .any(|(now, was)| now != *was)
    }

    pub fn field(&self, key: &str) -> Option<&Field> {
        self.fields.iter().find(|f| f.key == key)
    }

    pub fn field_mut(&mut self, key: &str) -> Option<&mut Field> {
        self.fields.iter_mut().find(|f| f.key == key)
    }

    /// The trimmed text (or choice value) of a field; empty when there is no such field.
    pub fn value(&self, key: &str) -> String {
        self.field(key).map(Field::value).unwrap_or_default()
    }

    /// A date field's date, when it holds one.
    pub fn date(&self, key: &str) -> Option<NaiveDate> {
        parse_prompt(&self.value(key), self.today).ok()
    }

    pub fn number(&self, key: &str) -> Option<i64> {
        self.value(key).parse().ok()
    }

    /// The ticked options of a checklist.
    pub fn checked(&self, key: &str) -> Vec<String> {
        match self.field(key).map(|f| &f.kind) {
            Some(FieldKind::Checklist {
                options, checked, ..
            }) => options
                .iter()
                .zip(checked)
                .filter(|(_, on)| **on)
                .map(|(o, _)| o.clone())
                .collect(),
            _ => Vec::new(),
        }
    }

    pub fn is_visible(&self, index: usize) -> bool {
        self.fields[index].show_if.iter().all(|(key, values)| {
            let value = self.value(key);
            values.contains(&value.as_str())
        })
    }

    /// Indices of the fields shown now, in order.
    pub fn visible(&self) -> Vec<usize> {
        (0..self.fields.len())
            .filter(|i| self.is_visible(*i))
            .collect()
    }

    pub fn focused(&self) -> Option<&Field> {
        self.fields.get(self.focus)
    }

    /// Move to the next shown field; `false` when the focus is already on the last.
    pub fn next_field(&mut self) -> bool {
        match self.visible().into_iter().find(|i| *i > self.focus) {
            Some(next) => {
                self.focus_on(next);
                true
            }
            None => false,
        }
    }

    /// Give `index` the focus, its text selected (typing replaces it).
    fn focus_on(&mut self, index: usize) {
        self.focus = index;
        if let Some(input) = self.fields.get_mut(index).and_then(Field::input_mut) {
            input.select_all();
        }
    }

    /// Move to the previous shown field; `false` when the focus is already on the first.
    pub fn previous_field(&mut self) -> bool {
        match self.visible().into_iter().rev().find(|i| *i < self.focus) {
            Some(previous) => {
                self.focus_on(previous);
                true
            }
            None => false,
        }
    }

    pub fn focus_last(&mut self) {
        if let Some(last) = self.visible().last().copied() {
            self.focus_on(last);
        }
    }

    pub fn focus_key(&mut self, key: &str) {
        if let Some(index) = self.fields.iter().position(|f| f.key == key) {
            self.focus_on(index);
        }
    }

    /// A typed character: text into a text field, the option starting with it in a choice,
    /// Space (or x) ticks in a checklist.
    pub fn type_char(&mut self, c: char) {
        self.error = None;
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.kind {
            // A number field takes what is typed as typed (`7.5` stays `7.5`, never `75`);
            // Enter refuses what is not a whole number in range, saying so (`problem`).
            FieldKind::Text(input)
            | FieldKind::Date(input, _)
            | FieldKind::Number(input, ..)
            | FieldKind::Suggest(input, _) => input.insert(c),
            FieldKind::Choice(options, selected) => {
                let lower = c.to_lowercase().next().unwrap_or(c);
                let count = options.len();
                let starts = |i: usize| {
                    options[i]
                        .label
                        .to_lowercase()
                        .starts_with(lower.to_string().as_str())
                };
                if let Some(next) = (1..=count)
                    .map(|step| (*selected + step) % count)
                    .find(|i| starts(*i))
                {
                    *selected = next;
                }
            }
            FieldKind::Checklist {
                checked, cursor, ..
            } if c == ' ' || c == 'x' => {
                if let Some(on) = checked.get_mut(*cursor) {
                    *on = !*on;
                }
            }
            FieldKind::Checklist { .. } => {}
        }
        self.keep_focus_visible();
    }

    pub fn backspace(&mut self) {
        self.error = None;
        if let Some(input) = self.fields.get_mut(self.focus).and_then(Field::input_mut) {
            input.backspace();
        }
    }

    pub fn clear(&mut self) {
        self.error = None;
        if let Some(input) = self.fields.get_mut(self.focus).and_then(Field::input_mut) {
            input.clear();
        }
    }

    /// Left and Right: the cursor in text, the option in a choice or checklist.
    pub fn step(&mut self, forward: bool) {
        let Some(field) = self.fields.get_mut(self.focus) else {
            return;
        };
        match &mut field.kind {
            // Right at the end of a name takes the suggested completion.
            FieldKind::Suggest(input, known)
                if forward && input.cursor() == input.text().chars().count() =>
            {
                if let Some(name) = suggest::completion(input.text(), known) {
                    input.accept(name);
                }
            }
            FieldKind::Text(input)
            | FieldKind::Date(input, _)
            | FieldKind::Number(input, ..)
            | FieldKind::Suggest(input, _) => {
                if forward {
                    input.right()
                } else {
                    input.left()
                }
            }
            FieldKind::Choice(options, selected) => {
                let count = options.len().max(1);
                *selected = if forward {
                    (*selected + 1) % count
                } else {
                    (*selected + count - 1) % count
                };
            }
            FieldKind::Checklist {
                options, cursor, ..
            } => {
                let count = options.len().max(1);
                *cursor = if forward {
                    (*cursor + 1).min(count - 1)
                } else {
                    cursor.saturating_sub(1)
                };
            }
        }
        self.keep_focus_visible();
    }

    pub fn home_end(&mut self, end: bool) {
        if let Some(input) = self.fields.get_mut(self.focus).and_then(Field::input_mut) {
            if end { input.end() } else { input.home() }
        }
    }

    /// A choice can hide the field that had the focus: never leave it on a hidden field.
    fn keep_focus_visible(&mut self) {
        if !self.is_visible(self.focus) {
            let visible = self.visible();
            self.focus = visible
                .iter()
                .rev()
                .find(|i| **i < self.focus)
                .or(visible.first())
                .copied()
                .unwrap_or(0);
        }
    }

    /// Why a shown field's value cannot be used, if it cannot.
    pub fn problem(&self, index: usize) -> Option<String> {
        let field = &self.fields[index];
        let value = field.value();
        if value.is_empty() {
            return field
                .required
                .then(|| format!("{} is required", field.label));
        }
        match &field.kind {
            FieldKind::Date(input, rule) => {
                read_date(input.text(), *rule, self.today).understood.err()
            }
            FieldKind::Number(_, min, max) => match value.parse::<i64>() {
                Ok(n) if (*min..=*max).contains(&n) => None,
                _ => Some(format!(
                    "{}: a whole number from {min} to {max}",
                    field.label
                )),
            },
            _ => None,
        }
    }

    /// The first shown field that cannot be used, with why.
    pub fn first_problem(&self) -> Option<(usize, String)> {
        self.visible()
            .into_iter()
            .find_map(|i| self.problem(i).map(|p| (i, p)))
    }

    /// Refuse Enter: move to the field at fault and say why.
    pub fn refuse(&mut self, at: Option<usize>, why: String) {
        if let Some(at) = at {
            self.focus = at;
        }
        self.error = Some(why);
    }
}

#[cfg(test)]
mod tests;
