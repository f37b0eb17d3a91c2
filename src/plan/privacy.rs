//! Identifiers and their masking for meeting mode: what must never reach a projector.
//!
//! Matching works on words (runs of letters, runs of digits) compared without case or
//! accents, so an identifier is found however it is spaced, punctuated or cut across lines:
//! `999 000 0018`, `9990000018`, `11/02/1984`, `11 Feb 1984`, `1984-02-11`, `SMITHSON`,
//! `Smithson's`, `Zoe` for `Zoë`. Besides the people's own identifiers, any 10-digit number
//! that passes the NHS Modulus 11 check is hidden, whoever's it is.

use std::collections::HashMap;
use std::ops::Range;

use chrono::{Datelike, NaiveDate};

use super::model::{Need, Person, Plan};
use super::nhs::check_nhs_number;
use crate::ascii_fold::fold;

/// What a hidden identifier is shown as.
pub const HIDDEN: &str = "[hidden]";

/// Name parts shorter than this are not hidden on their own (`Jo`, `Al`): too many false
/// hits. The full name is hidden whatever its parts.
const SHORTEST_NAME_PART: usize = 3;

/// One word of a text: where it is, and the form it is compared in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Lower case, accents folded: `zoe`, `0018`.
    pub key: String,
    pub digits: bool,
}

/// The words of `text`: runs of letters and runs of digits; everything else separates.
pub fn words(text: &str) -> Vec<Word> {
    let mut found = Vec::new();
    let mut current: Option<(usize, bool)> = None;
    let close = |start: usize, end: usize, digits: bool, found: &mut Vec<Word>| {
        found.push(Word {
            range: start..end,
            key: fold(&text[start..end]).to_lowercase(),
            digits,
        });
    };
    for (index, c) in text.char_indices() {
        let kind = if c.is_ascii_digit() {
            Some(true)
        } else if c.is_alphabetic() {
            Some(false)
        } else {
            None
        };
        match (current, kind) {
            (Some((_, digits)), Some(now)) if digits == now => {}
            (Some((start, digits)), _) => {
                close(start, index, digits, &mut found);
                current = kind.map(|digits| (index, digits));
            }
            (None, _) => current = kind.map(|digits| (index, digits)),
        }
    }
    if let Some((start, digits)) = current {
        close(start, text.len(), digits, &mut found);
    }
    found
}

/// What identifies the people on screen, matched as sequences of words.
#[derive(Debug, Clone, Default)]
pub struct Identifiers {
    /// Word sequences (full names, name parts, whole configured values), by first word.
    phrases: HashMap<String, Vec<Vec<String>>>,
    /// NHS numbers as their digits.
    numbers: Vec<String>,
    birth_dates: Vec<NaiveDate>,
}

impl Identifiers {
    pub fn of(person: &Person) -> Identifiers {
        let mut identifiers = Identifiers::default();
        identifiers.add_person(person);
        identifiers
    }

    /// Add a person's name (whole and its parts), NHS number and date of birth.
    pub fn add_person(&mut self, person: &Person) {
        if let Some(name) = &person.name {
            self.add_value(name);
            for part in words(name) {
                if !part.digits && part.key.chars().count() >= SHORTEST_NAME_PART {
                    self.add_phrase(vec![part.key]);
                }
            }
        }
        if let Some(number) = &person.nhs_number {
            let digits: String = number.chars().filter(char::is_ascii_digit).collect();
            if digits.len() >= 6 && !self.numbers.contains(&digits) {
                self.numbers.push(digits);
            }
        }
        if let Some(date) = person.date_of_birth {
            self.birth_dates.push(date);
        }
    }

    /// Add a whole value to hide wherever its words appear in this order.
    pub fn add_value(&mut self, value: &str) {
        let sequence: Vec<String> = words(value).into_iter().map(|word| word.key).collect();
        if !sequence.is_empty() {
            self.add_phrase(sequence);
        }
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
        let mut ranges = nhs_shaped_numbers(text, &words);
        for start in 0..words.len() {
            let mut longest = 0;
            for phrase in self.phrases.get(&words[start].key).into_iter().flatten() {
                let fits = words[start..]
                    .iter()
                    .zip(phrase)
                    .filter(|(word, key)| word.key == **key)
                    .count()
                    == phrase.len();
                if fits {
                    longest = longest.max(phrase.len());
                }
            }
            longest = longest
                .max(self.number_at(&words[start..]))
                .max(self.birth_date_at(&words[start..]));
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

    /// 3 when the first three words are a date of birth (day month year, year month day,
    /// month day year; months as numbers or names).
    fn birth_date_at(&self, words: &[Word]) -> usize {
        let [first, second, third, ..] = words else {
            return 0;
        };
        let number = |word: &Word| word.digits.then(|| word.key.parse::<u32>().ok()).flatten();
        let month = |word: &Word| number(word).or_else(|| month_number(&word.key));
        let year = |word: &Word, date: &NaiveDate| {
            word.digits && word.key.len() == 4 && number(word) == u32::try_from(date.year()).ok()
        };
        for date in &self.birth_dates {
            let (day, month_of) = (Some(date.day()), Some(date.month()));
            let day_month_year =
                number(first) == day && month(second) == month_of && year(third, date);
            let year_month_day =
                year(first, date) && month(second) == month_of && number(third) == day;
            let month_day_year = !first.digits
                && month_number(&first.key) == month_of
                && number(second) == day
                && year(third, date);
            if day_month_year || year_month_day || month_day_year {
                return 3;
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

/// Replace the person's identifiers wherever they appear in free text: full name and each
/// part of it, NHS number (any spacing), date of birth (ISO, UK and numeric forms), and any
/// other valid NHS number.
pub fn mask_identifiers(text: &str, person: &Person) -> String {
    Identifiers::of(person).mask(text)
}

/// The fields `identifying_fields` in the config may name (format paths; list indices such
/// as `needs[0].provider` are read as every item). The person's name, NHS number and date of
/// birth are always hidden in meeting mode.
pub const IDENTIFYING_FIELDS: [&str; 18] = [
    "person.name",
    "person.nhs_number",
    "person.date_of_birth",
    "person.initials",
    "responsible.icb",
    "responsible.local_authority",
    "responsible.care_coordinator",
    "responsible.dispute.note",
    "needs.need",
    "needs.provider",
    "needs.notes",
    "patient_voice.goals",
    "patient_voice.views",
    "crisis_plan.signs",
    "crisis_plan.contacts",
    "reviews.history.attendees",
    "ending.icb_decision_by",
    "ending.la_decision_by",
];

/// A configured field path in the form `IDENTIFYING_FIELDS` lists: `needs[2].provider` and
/// `needs[].provider` become `needs.provider`.
pub fn normalise_field(path: &str) -> String {
    let mut out = String::new();
    let mut in_index = false;
    for c in path.trim().chars() {
        match c {
            '[' => in_index = true,
            ']' => in_index = false,
            _ if !in_index => out.push(c),
            _ => {}
        }
    }
    out
}

/// The values of a configured identifying field in this plan (empty for an unknown field).
pub fn identifying_values(plan: &Plan, field: &str) -> Vec<String> {
    let one = |value: &Option<String>| value.iter().cloned().collect::<Vec<_>>();
    let person = &plan.person;
    let responsible = &plan.responsible;
    let voice = plan.patient_voice.clone().unwrap_or_default();
    let crisis = plan.crisis_plan.clone().unwrap_or_default();
    let ending = plan.ending.clone().unwrap_or_default();
    let each = |get: fn(&Need) -> &Option<String>| {
        plan.needs
            .iter()
            .filter_map(|need| get(need).clone())
            .collect::<Vec<_>>()
    };
    match normalise_field(field).as_str() {
        "person.name" => one(&person.name),
        "person.nhs_number" => one(&person.nhs_number),
        "person.date_of_birth" => Vec::new(),
        "person.initials" => one(&person.initials),
        "responsible.icb" => one(&responsible.icb),
        "responsible.local_authority" => one(&responsible.local_authority),
        "responsible.care_coordinator" => one(&responsible.care_coordinator),
        "responsible.dispute.note" => responsible
            .dispute
            .as_ref()
            .map(|dispute| one(&dispute.note))
            .unwrap_or_default(),
        "needs.need" => each(|need| &need.need),
        "needs.provider" => each(|need| &need.provider),
        "needs.notes" => each(|need| &need.notes),
        "patient_voice.goals" => one(&voice.goals),
        "patient_voice.views" => one(&voice.views),
        "crisis_plan.signs" => crisis.signs,
        "crisis_plan.contacts" => crisis.contacts,
        "reviews.history.attendees" => plan
            .reviews
            .history
            .iter()
            .flat_map(|review| review.attendees.iter().cloned())
            .collect(),
        "ending.icb_decision_by" => one(&ending.icb_decision_by),
        "ending.la_decision_by" => one(&ending.la_decision_by),
        _ => Vec::new(),
    }
}

fn month_number(key: &str) -> Option<u32> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    if key.len() < 3 {
        return None;
    }
    let key = if key == "sept" { "sep" } else { key };
    MONTHS
        .iter()
        .position(|name| *name == key || (key.len() == 3 && name.starts_with(key)))
        .map(|index| index as u32 + 1)
}

/// Runs of digit words joined by single spaces or hyphens that make 10 digits passing the
/// Modulus 11 check: an NHS number, whoever's.
fn nhs_shaped_numbers(text: &str, words: &[Word]) -> Vec<Range<usize>> {
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
            && matches!(
                &text[words[end].range.end..words[end + 1].range.start],
                " " | "-"
            )
        {
            end += 1;
        }
        let digits: String = words[index..=end]
            .iter()
            .map(|word| word.key.as_str())
            .collect();
        if digits.len() == 10 && check_nhs_number(&digits).is_ok() {
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

/// The fields always hidden in meeting mode, whatever the config says.
pub const ALWAYS_HIDDEN_FIELDS: [&str; 3] =
    ["person.name", "person.nhs_number", "person.date_of_birth"];

/// Plan text or a diff of it with the value of each identifying field's line hidden:
/// `-  name: Jane Smith` becomes `-  name: [hidden]`. For text from the past (a commit's
/// diff), where an old name or number is not among today's identifiers. `fields` are
/// format paths (`person.name`, `needs.provider`); a line is matched on the path's last key.
pub fn hide_identifying_lines(text: &str, fields: &[&str]) -> String {
    let keys: Vec<String> = fields
        .iter()
        .filter_map(|field| normalise_field(field).rsplit('.').next().map(str::to_owned))
        .filter(|key| !key.is_empty())
        .collect();
    let mut out = String::with_capacity(text.len());
    for line in text.split_inclusive('\n') {
        out.push_str(&hide_line_value(line, &keys));
    }
    out
}

/// One line with its value hidden when its key is one of `keys`.
fn hide_line_value(line: &str, keys: &[String]) -> String {
    // A diff line starts with its mark; a YAML line may start with list dashes.
    let body_start = line
        .char_indices()
        .find(|(_, c)| !matches!(c, '+' | '-' | ' ' | '\t'))
        .map_or(line.len(), |(index, _)| index);
    let body = &line[body_start..];
    let Some((key, _)) = body.split_once(':') else {
        return line.to_owned();
    };
    let key = key.trim().trim_matches(|c| c == '"' || c == '\'');
    if !keys.iter().any(|known| known == key) {
        return line.to_owned();
    }
    let value_start = body_start + body.find(':').unwrap_or(0) + 1;
    let ending = if line.ends_with('\n') { "\n" } else { "" };
    if line[value_start..].trim().is_empty() {
        return line.to_owned();
    }
    format!("{} {HIDDEN}{ending}", &line[..value_start])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person() -> Person {
        Person {
            initials: Some("J.S.".into()),
            name: Some("Jo Smithson".into()),
            nhs_number: Some("999 000 0018".into()),
            date_of_birth: NaiveDate::from_ymd_opt(1984, 2, 11),
        }
    }

    #[test]
    fn identifying_lines_of_a_diff_lose_their_values() {
        let diff = "@@ -3,4 +3,4 @@\n person:\n-  name: Old Surname\n+  name: \"New Surname\"\n   nhs_number: '999 000 0018'\n   initials: J.S.\n-  - provider: Acme Care\n";
        let hidden = hide_identifying_lines(
            diff,
            &[&ALWAYS_HIDDEN_FIELDS[..], &["needs[].provider"]].concat(),
        );
        assert_eq!(
            hidden,
            "@@ -3,4 +3,4 @@\n person:\n-  name: [hidden]\n+  name: [hidden]\n   nhs_number: [hidden]\n   initials: J.S.\n-  - provider: [hidden]\n"
        );
        assert_eq!(
            hide_identifying_lines("note: a name: here\n", &ALWAYS_HIDDEN_FIELDS),
            "note: a name: here\n"
        );
    }

    #[test]
    fn names_numbers_and_birth_dates_are_hidden() {
        let text = "Jo Smithson (NHS 9990000018, born 11 Feb 1984) asked smithson's sister; dob 1984-02-11";
        let masked = mask_identifiers(text, &person());
        assert_eq!(
            masked,
            "[hidden] (NHS [hidden], born [hidden]) asked [hidden]'s sister; dob [hidden]"
        );
    }

    #[test]
    fn spaced_numbers_and_short_name_parts() {
        let masked = mask_identifiers("ref 999 000 0018 for Jo", &person());
        assert_eq!(
            masked, "ref [hidden] for Jo",
            "two-letter name parts stay: too many false hits"
        );
        assert_eq!(
            mask_identifiers("99 90 00 00 18 and 999-000-0018", &person()),
            "[hidden] and [hidden]"
        );
    }

    #[test]
    fn every_way_of_writing_a_birth_date() {
        for text in [
            "11/02/1984",
            "11.2.1984",
            "11 February 1984",
            "Feb 11, 1984",
            "1984-02-11",
            "11th Feb 1984",
        ] {
            let masked = mask_identifiers(text, &person());
            if text == "11th Feb 1984" {
                // `11th` is not a day number: the year alone is no identifier.
                assert_eq!(masked, text);
            } else {
                assert_eq!(masked, HIDDEN, "{text}");
            }
        }
        assert_eq!(mask_identifiers("12/02/1984", &person()), "12/02/1984");
    }

    #[test]
    fn accents_and_case_do_not_hide_a_name() {
        let person = Person {
            name: Some("Zoë Adebayo".into()),
            ..Person::default()
        };
        assert_eq!(
            mask_identifiers("ZOE ADEBAYO; zoë said; Adebayo's", &person),
            "[hidden]; [hidden] said; [hidden]'s"
        );
    }

    #[test]
    fn any_valid_nhs_number_is_hidden_but_phone_numbers_are_not() {
        let nobody = Person::default();
        assert_eq!(
            mask_identifiers("brother 943 476 5919, ward 020 7946 0118", &nobody),
            "brother [hidden], ward 020 7946 0118"
        );
        assert_eq!(
            mask_identifiers("999 000 0019 fails the check", &nobody),
            "999 000 0019 fails the check"
        );
    }

    #[test]
    fn text_without_identifiers_is_unchanged() {
        let text = "Supported living, 24h staffed, Zoë's choice";
        assert_eq!(mask_identifiers(text, &person()), text);
        assert_eq!(mask_identifiers(text, &Person::default()), text);
    }

    #[test]
    fn configured_fields_give_their_values() {
        let mut plan = Plan::default();
        plan.responsible.care_coordinator = Some("R. Mensah".into());
        plan.needs = vec![
            Need {
                provider: Some("Willow House".into()),
                ..Need::default()
            },
            Need::default(),
        ];
        assert_eq!(
            identifying_values(&plan, "responsible.care_coordinator"),
            vec!["R. Mensah"]
        );
        assert_eq!(
            identifying_values(&plan, "needs[0].provider"),
            vec!["Willow House"]
        );
        assert!(identifying_values(&plan, "nosuch.field").is_empty());
        assert_eq!(normalise_field(" needs[].notes "), "needs.notes");
    }

    #[test]
    fn whole_values_are_hidden_as_a_phrase() {
        let mut identifiers = Identifiers::default();
        identifiers.add_value("R. Mensah, Camden CMHT");
        assert_eq!(
            identifiers.mask("coordinator: R Mensah / Camden CMHT, Camden"),
            "coordinator: [hidden], Camden"
        );
    }
}
