//! Identifiers and their masking for meeting mode: what must never reach a projector.

use super::dates::format_uk;
use super::model::Person;

/// What a hidden identifier is shown as.
pub const HIDDEN: &str = "[hidden]";

/// Replace the person's identifiers wherever they appear in free text: full name and each
/// part of it, NHS number (with or without spaces), date of birth (ISO and UK forms).
pub fn mask_identifiers(text: &str, person: &Person) -> String {
    let mut masked = text.to_owned();
    let mut needles: Vec<String> = Vec::new();
    if let Some(name) = person
        .name
        .as_deref()
        .map(str::trim)
        .filter(|name| !name.is_empty())
    {
        needles.push(name.to_owned());
        needles.extend(
            name.split_whitespace()
                .filter(|part| part.chars().count() >= 3)
                .map(str::to_owned),
        );
    }
    if let Some(date) = person.date_of_birth {
        needles.push(date.format("%Y-%m-%d").to_string());
        needles.push(date.format("%d/%m/%Y").to_string());
        needles.push(format_uk(date));
    }
    // Longest first, so the full name goes before its parts.
    needles.sort_by_key(|needle| std::cmp::Reverse(needle.len()));
    for needle in &needles {
        masked = replace_ignoring_case(&masked, needle);
    }
    if let Some(number) = &person.nhs_number {
        let digits: String = number.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 6 {
            masked = mask_digit_run(&masked, &digits);
        }
    }
    masked
}

fn replace_ignoring_case(text: &str, needle: &str) -> String {
    let lower_text = text.to_lowercase();
    let lower_needle = needle.to_lowercase();
    // Lower-casing can change lengths for a few scripts; then fall back to exact matching.
    if lower_text.len() != text.len() || lower_needle.len() != needle.len() {
        return text.replace(needle, HIDDEN);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = 0;
    while let Some(found) = lower_text[rest..].find(&lower_needle) {
        let start = rest + found;
        out.push_str(&text[rest..start]);
        out.push_str(HIDDEN);
        rest = start + needle.len();
    }
    out.push_str(&text[rest..]);
    out
}

/// Hide a run of the given digits even when spaced differently (`999 000 0018`, `9990000018`).
fn mask_digit_run(text: &str, digits: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let wanted: Vec<char> = digits.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut index = 0;
    'scan: while index < chars.len() {
        if chars[index] == wanted[0] {
            let mut matched = 0;
            let mut end = index;
            while end < chars.len() && matched < wanted.len() {
                if chars[end] == wanted[matched] {
                    matched += 1;
                } else if chars[end] != ' ' {
                    break;
                }
                end += 1;
            }
            if matched == wanted.len() {
                out.push_str(HIDDEN);
                index = end;
                continue 'scan;
            }
        }
        out.push(chars[index]);
        index += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn person() -> Person {
        Person {
            initials: Some("J.S.".into()),
            name: Some("Jo Smithson".into()),
            nhs_number: Some("999 000 0018".into()),
            date_of_birth: NaiveDate::from_ymd_opt(1984, 2, 11),
        }
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
    }

    #[test]
    fn text_without_identifiers_is_unchanged() {
        let text = "Supported living, 24h staffed, Zoë's choice";
        assert_eq!(mask_identifiers(text, &person()), text);
        assert_eq!(mask_identifiers(text, &Person::default()), text);
    }
}
