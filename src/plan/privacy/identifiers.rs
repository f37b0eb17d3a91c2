//! `Identifiers`: what identifies the people on screen, and where a text shows it.

use std::collections::HashMap;
use std::ops::Range;

use chrono::NaiveDate;

use super::HIDDEN;
use super::dates::{birth_date_at, date_shaped_at, lenient_date};
use super::words::{Word, gap, words};
use crate::plan::model::Person;
use crate::plan::nhs::check_nhs_number;

/// Name parts shorter than this are not hidden on their own (`Jo`, `Al`): too many false
/// hits. The full name is hidden whatever its parts.
const SHORTEST_NAME_PART: usize = 3;

/// What identifies the people on screen, matched as sequences of words.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Identifiers {
    /// Word sequences (full names, name parts, whole configured values), by first word.
    phrases: HashMap<String, Vec<Vec<String>>>,
    /// NHS numbers as their digits.
    numbers: Vec<String>,
    birth_dates: Vec<NaiveDate>,
    /// Nothing is known of the person: hide anything shaped like a date or an NHS number.
    shapes: bool,
}

impl Identifiers {
    pub fn of(person: &Person) -> Identifiers {
        let mut identifiers = Identifiers::default();
        identifiers.add_person(person);
        identifiers
    }

    /// Add a person's name (whole and its parts), NHS number and date of birth (also as
    /// written, when it is not a valid date).
    pub fn add_person(&mut self, person: &Person) {
        if let Some(name) = &person.name {
            self.add_name(name);
        }
        if let Some(number) = &person.nhs_number {
            self.add_nhs_number(number);
        }
        if let Some(date) = person.date_of_birth {
            self.add_birth_date(date);
        }
        if let Some(written) = &person.date_of_birth_text {
            self.add_birth_date_text(written);
        }
    }

    /// A full name, hidden whole and each part of three letters or more on its own.
    pub fn add_name(&mut self, name: &str) {
        self.add_value(name);
        for part in words(name) {
            if !part.digits && part.key.chars().count() >= SHORTEST_NAME_PART {
                self.add_phrase(vec![part.key]);
            }
        }
    }

    /// An NHS number in any spacing (6 digits or more; fewer would hide too much).
    pub fn add_nhs_number(&mut self, number: &str) {
        let digits: String = words(number)
            .into_iter()
            .filter(|word| word.digits)
            .map(|word| word.key)
            .collect();
        if digits.len() >= 6 && !self.numbers.contains(&digits) {
            self.numbers.push(digits);
        }
    }

    pub fn add_birth_date(&mut self, date: NaiveDate) {
        if !self.birth_dates.contains(&date) {
            self.birth_dates.push(date);
        }
    }

    /// A date of birth as written (`14/03/1985`, `1985-03-14`): hidden as written, and in
    /// every other form when it reads as a date.
    pub fn add_birth_date_text(&mut self, written: &str) {
        self.add_value(written);
        if let Some(date) = lenient_date(written) {
            self.add_birth_date(date);
        }
    }

    /// Add a whole value to hide wherever its words appear in this order.
    pub fn add_value(&mut self, value: &str) {
        let sequence: Vec<String> = words(value).into_iter().map(|word| word.key).collect();
        if !sequence.is_empty() {
            self.add_phrase(sequence);
        }
    }

    /// Nothing is known of whose text this is: hide any date and any 10-digit number as
    /// an NHS number would be written (whether or not it passes the check) too.
    pub fn hide_shapes(&mut self) {
        self.shapes = true;
    }

    /// Everything `other` hides, hidden here too.
    pub fn extend(&mut self, other: &Identifiers) {
        for sequence in other.phrases.values().flatten() {
            self.add_phrase(sequence.clone());
        }
        for number in &other.numbers {
            if !self.numbers.contains(number) {
                self.numbers.push(number.clone());
            }
        }
        for date in &other.birth_dates {
            self.add_birth_date(*date);
        }
        self.shapes |= other.shapes;
    }

    fn add_phrase(&mut self, sequence: Vec<String>) {
        let entry = self.phrases.entry(sequence[0].clone()).or_default();
        if !entry.contains(&sequence) {
            entry.push(sequence);
        }
    }

    /// Byte ranges of `text` that show an identifier, in order, overlaps merged.
    pub fn find(&self, text: &str) -> Vec<Range<usize>> {
        let words = words(text);
        let mut ranges = nhs_shaped_numbers(text, &words, self.shapes);
        for start in 0..words.len() {
            let rest = &words[start..];
            let mut longest = 0;
            for phrase in self.phrases.get(&words[start].key).into_iter().flatten() {
                let fits = phrase.len() <= rest.len()
                    && rest.iter().zip(phrase).all(|(word, key)| word.key == *key);
                if fits {
                    longest = longest.max(phrase.len());
                }
            }
            longest = longest
                .max(self.number_at(rest))
                .max(birth_date_at(rest, &self.birth_dates));
            if self.shapes {
                longest = longest.max(date_shaped_at(text, rest));
            }
            if longest > 0 {
                ranges.push(words[start].range.start..words[start + longest - 1].range.end);
            }
        }
        merge(ranges)
    }

    /// How many words from the first spell one of the NHS numbers (0: none).
    fn number_at(&self, words: &[Word]) -> usize {
        for number in &self.numbers {
            let mut joined = String::new();
            for (count, word) in words.iter().enumerate() {
                if !word.digits {
                    break;
                }
                joined.push_str(&word.key);
                if !number.starts_with(&joined) {
                    break;
                }
                if joined.len() == number.len() {
                    return count + 1;
                }
            }
        }
        0
    }

    /// The text with every identifier replaced by `[hidden]`.
    pub fn mask(&self, text: &str) -> String {
        let mut out = String::with_capacity(text.len());
        let mut rest = 0;
        for range in self.find(text) {
            out.push_str(&text[rest..range.start]);
            out.push_str(HIDDEN);
            rest = range.end;
        }
        out.push_str(&text[rest..]);
        out
    }
}

/// Runs of digit words joined by single spaces or hyphens that make 10 digits passing the
/// Modulus 11 check: an NHS number, whoever's. With `any`, 10 digits are enough.
fn nhs_shaped_numbers(text: &str, words: &[Word], any: bool) -> Vec<Range<usize>> {
    let mut ranges = Vec::new();
    let mut index = 0;
    while index < words.len() {
        if !words[index].digits {
            index += 1;
            continue;
        }
        let mut end = index;
        while end + 1 < words.len()
            && words[end + 1].digits
            && matches!(gap(text, &words[end], &words[end + 1]), " " | "-")
        {
            end += 1;
        }
        let digits: String = words[index..=end]
            .iter()
            .map(|word| word.key.as_str())
            .collect();
        if digits.len() == 10 && (any || check_nhs_number(&digits).is_ok()) {
            ranges.push(words[index].range.start..words[end].range.end);
        }
        index = end + 1;
    }
    ranges
}

fn merge(mut ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    ranges.sort_by_key(|range| (range.start, std::cmp::Reverse(range.end)));
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}
