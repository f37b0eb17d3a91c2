//! UK date display and prompt parsing (ISO, day-first, +6w/+3m/+1y, today).
//!
//! Pure functions: "today" is always passed in, the clock is never read here.

use chrono::{Datelike, Month, Months, NaiveDate, TimeDelta};

/// Dates typed at a prompt must fall in these years; anything outside is refused
/// as a typo or an overflow rather than guessed at.
const EARLIEST_YEAR: i32 = 1900;
const LATEST_YEAR: i32 = 2199;

const ACCEPTED_FORMS: &str = "a date day first such as 01/12/2026 or 1/12/2026, \
an ISO date such as 2026-12-01, a period from today such as +6w, +10d, +3m or +1y, or today";

/// Why a date could not be read. Every message is a complete sentence saying
/// what is wrong and what would be right. Texts quoted are as the user typed them.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("No date was entered. Type {ACCEPTED_FORMS}.")]
    Empty,
    #[error("\"{0}\" is not a date this prompt understands. Type {ACCEPTED_FORMS}.")]
    Unrecognised(String),
    #[error("\"{0}\" is not a date in the form YYYY-MM-DD, e.g. 2026-12-01.")]
    NotIso(String),
    #[error("The year in \"{0}\" is too short: write the year in full, e.g. 01/12/2026.")]
    YearNotInFull(String),
    #[error("There is no month {month}: months run from 1 to 12.{}", month_hint(*.day_first, .suggestion))]
    NoSuchMonth {
        month: u32,
        /// The input was day first (`DD/MM/YYYY`) rather than ISO.
        day_first: bool,
        /// The day-first spelling with day and month swapped round, if that is a
        /// real date (`12/13/2026` gives `13/12/2026`).
        suggestion: Option<String>,
    },
    #[error("There is no day {day} in {name} {year}: {name} {year} has {} days.", days_in_month(*.year, *.month), name = month_name(*.month))]
    NoSuchDay { day: u32, month: u32, year: i32 },
    #[error("\"{0}\" needs a unit: d for days, w weeks, m months or y years, e.g. +6w.")]
    MissingUnit(String),
    #[error("\"{0}\" needs + or - in front: +{0} is that long after today, -{0} before.")]
    MissingSign(String),
    #[error(
        "\"{0}\" is not in the years {EARLIEST_YEAR} to {LATEST_YEAR}: enter a date in that range."
    )]
    OutOfRange(String),
}

fn month_hint(day_first: bool, suggestion: &Option<String>) -> String {
    match (day_first, suggestion) {
        (false, _) => " In YYYY-MM-DD the month comes second, e.g. 2026-12-01.".to_string(),
        (true, None) => " Dates are written day first: DD/MM/YYYY, e.g. 01/12/2026.".to_string(),
        (true, Some(fixed)) => format!(" Dates are written day first: for that date type {fixed}."),
    }
}

fn month(month: u32) -> Option<Month> {
    Month::try_from(u8::try_from(month).ok()?).ok()
}

fn month_name(month: u32) -> &'static str {
    self::month(month).map_or("?", |m| m.name())
}

fn days_in_month(year: i32, month: u32) -> u32 {
    self::month(month)
        .and_then(|m| m.num_days(year))
        .map_or(31, u32::from)
}

/// The plan format's keys whose values are dates, written plain `YYYY-MM-DD`
/// (`next_due: 2026-12-01`): typed at a date prompt, never quoted as text.
pub const DATE_KEYS: &[&str] = &[
    "date_of_birth",
    "detained",
    "left_hospital",
    "since",
    "review_by",
    "next_due",
    "date",
    // Format v1.1, money: a cost's `from`, a top-up's written `agreed` date.
    "from",
    "agreed",
    // Format v1.1: when the responsible bodies were settled (`responsible.basis.decided`).
    "decided",
];

/// `01 Dec 2026`.
pub fn format_uk(date: NaiveDate) -> String {
    date.format("%d %b %Y").to_string()
}

/// `Sun 28 Feb 2027`.
pub fn format_uk_weekday(date: NaiveDate) -> String {
    date.format("%a %d %b %Y").to_string()
}

/// Build a date from its parts, saying which part is wrong.
fn build(
    year: i32,
    month: u32,
    day: u32,
    day_first: bool,
    suggestion: Option<String>,
) -> DateResult {
    if !(1..=12).contains(&month) {
        return Err(DateError::NoSuchMonth {
            month,
            day_first,
            suggestion,
        });
    }
    NaiveDate::from_ymd_opt(year, month, day).ok_or(DateError::NoSuchDay { day, month, year })
}

type DateResult = Result<NaiveDate, DateError>;

fn all_digits(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit())
}

/// The strict file form `YYYY-MM-DD`; impossible dates are refused with the reason.
/// No trimming and no range check on the year.
pub fn parse_iso(text: &str) -> Result<NaiveDate, DateError> {
    let parts: Vec<&str> = text.split('-').collect();
    let [y, m, d] = parts[..] else {
        return Err(DateError::NotIso(text.to_string()));
    };
    if y.len() != 4 || m.len() != 2 || d.len() != 2 || ![y, m, d].into_iter().all(all_digits) {
        return Err(DateError::NotIso(text.to_string()));
    }
    let num = |s: &str| s.parse::<u32>().unwrap_or(0); // four or two ASCII digits
    build(num(y) as i32, num(m), num(d), false, None)
}

/// What a user types in a date prompt: `2026-12-01`, `01/12/2026`, `1-12-2026` or
/// `1.12.2026` (always day first), `+6w`, `-10d`, `+ 3m`, `+1 year`, or `today`.
/// Trimmed and case-insensitive. Refuses rather than guesses; the result must fall
/// in the years 1900 to 2199.
pub fn parse_prompt(input: &str, today: NaiveDate) -> Result<NaiveDate, DateError> {
    let text = input.trim();
    let date = if text.is_empty() {
        return Err(DateError::Empty);
    } else if text.eq_ignore_ascii_case("today") {
        today
    } else if text.starts_with(['+', '-']) {
        parse_relative(text, today)?
    } else if let Some(result) = parse_numeric(text) {
        result?
    } else if split_period(text).is_some_and(|(_, word)| unit(word).is_some()) {
        return Err(DateError::MissingSign(text.to_string()));
    } else {
        return Err(DateError::Unrecognised(text.to_string()));
    };
    if (EARLIEST_YEAR..=LATEST_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(DateError::OutOfRange(text.to_string()))
    }
}

/// `None` when the text is not three groups of digits split by `/`, `-` or `.`.
fn parse_numeric(text: &str) -> Option<DateResult> {
    let sep = text.chars().find(|c| matches!(c, '/' | '-' | '.'))?;
    let parts: Vec<&str> = text.split(sep).collect();
    let [a, b, c] = parts[..] else { return None };
    if ![a, b, c].into_iter().all(all_digits) {
        return None;
    }
    let err = |e: fn(String) -> DateError| Some(Err(e(text.to_string())));
    let num = |s: &str| s.parse::<u32>().unwrap_or(0); // at most four ASCII digits
    if a.len() == 4 {
        // Year first: only the ISO form, with dashes (month and day may drop the 0).
        if sep != '-' || b.len() > 2 || c.len() > 2 {
            return err(DateError::Unrecognised);
        }
        return Some(build(num(a) as i32, num(b), num(c), false, None));
    }
    if a.len() > 2 || b.len() > 2 {
        return err(DateError::Unrecognised);
    }
    match c.len() {
        ..=3 => return err(DateError::YearNotInFull),
        5.. => return err(DateError::OutOfRange),
        _ => {}
    }
    let (d, m, y) = (num(a), num(b), num(c) as i32);
    // If the user wrote month first, offer the day-first spelling when it is a real date.
    let suggestion = NaiveDate::from_ymd_opt(y, d, m).map(|_| format!("{m:02}/{d:02}/{y}"));
    Some(build(y, m, d, true, suggestion))
}

/// `6w`, ` 3 months`: leading digits and the word after them, both trimmed.
fn split_period(text: &str) -> Option<(&str, &str)> {
    let text = text.trim_start();
    let end = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    (end > 0).then(|| (&text[..end], text[end..].trim()))
}

enum Step {
    Days,
    Months,
}

/// The step and how many of them one unit is.
fn unit(word: &str) -> Option<(Step, i32)> {
    Some(match word.to_ascii_lowercase().as_str() {
        "d" | "day" | "days" => (Step::Days, 1),
        "w" | "wk" | "wks" | "week" | "weeks" => (Step::Days, 7),
        "m" | "month" | "months" => (Step::Months, 1),
        "y" | "yr" | "yrs" | "year" | "years" => (Step::Months, 12),
        _ => return None,
    })
}

/// `text` starts with + or -.
fn parse_relative(text: &str, today: NaiveDate) -> DateResult {
    let back = text.starts_with('-');
    let Some((digits, word)) = split_period(&text[1..]) else {
        return Err(DateError::Unrecognised(text.to_string()));
    };
    let Some((step, per_unit)) = unit(word) else {
        let err = if word.is_empty() {
            DateError::MissingUnit
        } else {
            DateError::Unrecognised
        };
        return Err(err(text.to_string()));
    };
    let date = digits.parse::<i32>().ok().and_then(|n| {
        let n = n.checked_mul(if back { -per_unit } else { per_unit })?;
        match step {
            Step::Days => today.checked_add_signed(TimeDelta::try_days(n.into())?),
            Step::Months => add_months(today, n),
        }
    });
    date.ok_or_else(|| DateError::OutOfRange(text.to_string()))
}

/// Add (or subtract) whole months, clamping the day to the end of the month:
/// 31 Jan 2027 + 1 month = 28 Feb 2027. `None` on overflow.
pub fn add_months(date: NaiveDate, months: i32) -> Option<NaiveDate> {
    let step = Months::new(months.unsigned_abs());
    if months >= 0 {
        date.checked_add_months(step)
    } else {
        date.checked_sub_months(step)
    }
}

/// Add (or subtract) whole years, 29 Feb becoming 28 Feb in a common year.
/// `None` on overflow.
pub fn add_years(date: NaiveDate, years: i32) -> Option<NaiveDate> {
    add_months(date, years.checked_mul(12)?)
}

/// Age in full years on `today`; `None` if `today` is before the date of birth.
/// Someone born on 29 Feb turns a year older on 1 Mar in a common year.
pub fn age_on(date_of_birth: NaiveDate, today: NaiveDate) -> Option<u32> {
    if today < date_of_birth {
        return None;
    }
    let mut years = today.year() - date_of_birth.year();
    if (today.month(), today.day()) < (date_of_birth.month(), date_of_birth.day()) {
        years -= 1;
    }
    u32::try_from(years).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use DateError::*;

    /// A date written the file way, for short expectations.
    fn iso(text: &str) -> NaiveDate {
        parse_iso(text).unwrap()
    }

    /// The prompt, on Thursday 19 Nov 2026.
    fn prompt(input: &str) -> DateResult {
        parse_prompt(input, iso("2026-11-19"))
    }

    /// The prompt on another day; panics if refused.
    fn on(input: &str, today: &str) -> NaiveDate {
        parse_prompt(input, iso(today)).unwrap()
    }

    /// The message for a refused input, checked to be a sentence.
    fn msg(input: &str) -> String {
        sentence(prompt(input).unwrap_err())
    }

    fn sentence(err: DateError) -> String {
        let msg = err.to_string();
        assert!(
            msg.ends_with('.') && !msg.starts_with(char::is_lowercase),
            "{msg}"
        );
        msg
    }

    #[test]
    fn formats_the_uk_way() {
        assert_eq!(format_uk(iso("2026-12-01")), "01 Dec 2026");
        assert_eq!(format_uk(iso("2027-05-09")), "09 May 2027");
        assert_eq!(format_uk_weekday(iso("2027-02-28")), "Sun 28 Feb 2027");
        assert_eq!(format_uk_weekday(iso("2026-11-19")), "Thu 19 Nov 2026");
    }

    #[test]
    fn iso_accepts_only_the_strict_file_form() {
        let dec1 = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(parse_iso("2026-12-01"), Ok(dec1));
        assert_eq!(parse_iso("2028-02-29").map(|d| d.day()), Ok(29));
        let want = "\"x\" is not a date in the form YYYY-MM-DD, e.g. 2026-12-01.";
        assert_eq!(parse_iso("x").map_err(sentence), Err(want.to_string()));
        let bad = "2026-12-1 2026-1-01 26-12-01 02026-12-01 01/12/2026 2026-12-01x 2026-12 \
                   2026-12-01-01 +202-12-01 2026-+1-01 2026--01 today";
        for bad in bad
            .split_whitespace()
            .chain(["", " 2026-12-01", "\t2026-12-01"])
        {
            assert_eq!(parse_iso(bad), Err(NotIso(bad.into())), "{bad:?}");
        }
    }

    #[test]
    fn iso_refuses_impossible_dates_with_the_reason() {
        let err = |text| sentence(parse_iso(text).unwrap_err());
        let want = "There is no day 30 in February 2026: February 2026 has 28 days.";
        assert_eq!(err("2026-02-30"), want);
        assert!(err("2028-02-30").contains("February 2028 has 29 days"));
        assert!(err("2026-04-31").contains("April 2026 has 30 days"));
        assert!(err("2026-12-00").contains("no day 0 in December 2026"));
        let want = "There is no month 13: months run from 1 to 12. \
                    In YYYY-MM-DD the month comes second, e.g. 2026-12-01.";
        assert_eq!(err("2026-13-01"), want);
    }

    #[test]
    fn prompt_accepts_iso_day_first_and_today() {
        let ok = "2026-12-01 2026-12-1 01/12/2026 1/12/2026 01-12-2026 1.12.2026 01.12.2026";
        for ok in ok.split_whitespace().chain(["  01/12/2026\t"]) {
            assert_eq!(prompt(ok), Ok(iso("2026-12-01")), "{ok:?}");
        }
        // Day first, never month first.
        assert_eq!(prompt("02/03/2027"), Ok(iso("2027-03-02")));
        assert_eq!(prompt("29/02/2028"), Ok(iso("2028-02-29")));
        for today in ["today", " Today ", "TODAY"] {
            assert_eq!(prompt(today), Ok(iso("2026-11-19")));
        }
        assert_eq!(on("today", "2030-01-02"), iso("2030-01-02"));
    }

    #[test]
    fn prompt_accepts_relative_periods() {
        let cases = "+6w 2026-12-31, +10d 2026-11-29, +3m 2027-02-19, +1y 2027-11-19, \
                     -2w 2026-11-05, -1m 2026-10-19, +0d 2026-11-19, + 3m 2027-02-19, \
                     +3 M 2027-02-19, +6 Weeks 2026-12-31, +1 year 2027-11-19, - 1 day 2026-11-18";
        for case in cases.split(", ") {
            let (input, want) = case.rsplit_once(' ').unwrap();
            assert_eq!(prompt(input), Ok(iso(want)), "{input:?}");
        }
        // Months clamp to the end of the month, both ways; 29 Feb to 28 Feb.
        assert_eq!(on("+1m", "2027-01-31"), iso("2027-02-28"));
        assert_eq!(on("-1m", "2028-03-31"), iso("2028-02-29"));
        assert_eq!(on("+1y", "2028-02-29"), iso("2029-02-28"));
    }

    #[test]
    fn prompt_refuses_two_digit_years() {
        assert_eq!(prompt("1/12/26"), Err(YearNotInFull("1/12/26".into())));
        assert!(msg("1/12/26").contains("write the year in full, e.g. 01/12/2026."));
        assert_eq!(prompt("01.12.202"), Err(YearNotInFull("01.12.202".into())));
    }

    #[test]
    fn prompt_refuses_impossible_dates_with_the_reason() {
        let want = "There is no day 31 in February 2027: February 2027 has 28 days.";
        assert_eq!(msg("31/02/2027"), want);
        assert!(msg("29/02/2027").contains("February 2027 has 28 days"));
        assert!(msg("31/04/2027").contains("April 2027 has 30 days"));
        assert!(msg("0/12/2026").contains("no day 0 in December 2026"));
    }

    #[test]
    fn prompt_says_day_comes_first_when_month_is_over_12() {
        let want = "There is no month 13: months run from 1 to 12. \
                    Dates are written day first: for that date type 13/12/2026.";
        assert_eq!(msg("12/13/2026"), want);
        // No swap suggested when the swapped form is no date either.
        let want = "There is no month 13: months run from 1 to 12. \
                    Dates are written day first: DD/MM/YYYY, e.g. 01/12/2026.";
        assert_eq!(msg("31/13/2026"), want);
        assert!(msg("01/00/2026").contains("no month 0"));
        assert!(msg("2026-13-01").contains("month comes second"));
    }

    #[test]
    fn prompt_refuses_empty_input_and_garbage_listing_accepted_forms() {
        assert_eq!(prompt(""), Err(Empty));
        assert_eq!(prompt(" \t "), Err(Empty));
        assert!(msg("").starts_with("No date was entered. Type a date day first"));
        let bad = "tomorrow, 1-Dec-2026, 2026/12/01, 2026.12.01, 1/12, 1/12/2026/1, +w, +6x, ++6w, \
                   1//2026, 01/12-2026, 111/12/2026, 1/123/2026, +6w2d, 6, +-6w, 2026-012-01, \
                   20261201, Next Tuesday, 1 Dec 2026, +6 weeks 2, 1 / 12 / 2026";
        for bad in bad.split(", ") {
            assert_eq!(prompt(bad), Err(Unrecognised(bad.into())), "{bad:?}");
            let msg = msg(bad);
            assert!(msg.contains("01/12/2026") && msg.contains("+6w") && msg.contains("today"));
        }
    }

    #[test]
    fn prompt_asks_for_a_unit_or_a_sign() {
        assert_eq!(prompt("+6"), Err(MissingUnit("+6".into())));
        assert!(msg("- 6").contains("d for days, w weeks, m months or y years"));
        assert_eq!(prompt("6W"), Err(MissingSign("6W".into())));
        assert!(msg("6w").contains("+6w is that long after today, -6w before."));
    }

    #[test]
    fn prompt_refuses_overflow_and_far_dates() {
        let bad = "+99999y +99999Y +99999999999999999999d +2147483647m +2147483647y +999999999w \
                   -200y 01/12/1850 2200-01-01 31/12/9999 01/12/20260";
        for bad in bad.split_whitespace() {
            assert_eq!(prompt(bad), Err(OutOfRange(bad.into())), "{bad:?}");
        }
        assert!(msg("+99999y").contains("1900 to 2199: enter a date in that range."));
        assert_eq!(prompt("31/12/2199"), Ok(iso("2199-12-31")));
        assert_eq!(prompt("01/01/1900"), Ok(iso("1900-01-01")));
    }

    #[test]
    fn add_months_and_years_clamp_to_end_of_month() {
        let months = |from, n| add_months(iso(from), n);
        assert_eq!(months("2027-01-31", 1), Some(iso("2027-02-28")));
        assert_eq!(months("2028-01-31", 1), Some(iso("2028-02-29")));
        assert_eq!(months("2026-11-30", 3), Some(iso("2027-02-28")));
        assert_eq!(months("2027-03-31", -1), Some(iso("2027-02-28")));
        assert_eq!(months("2026-12-15", 0), Some(iso("2026-12-15")));
        assert_eq!(months("2026-12-15", 13), Some(iso("2028-01-15")));
        assert_eq!(months("2026-12-15", i32::MAX), None);
        assert_eq!(months("2026-12-15", i32::MIN), None);
        let years = |from, n| add_years(iso(from), n);
        assert_eq!(years("2028-02-29", 1), Some(iso("2029-02-28")));
        assert_eq!(years("2028-02-29", 4), Some(iso("2032-02-29")));
        assert_eq!(years("2026-12-01", -2), Some(iso("2024-12-01")));
        assert_eq!(years("2026-12-01", i32::MAX), None);
    }

    #[test]
    fn age_counts_full_years() {
        let age = |dob, on| age_on(iso(dob), iso(on));
        assert_eq!(age("1984-02-11", "2026-02-10"), Some(41));
        assert_eq!(age("1984-02-11", "2026-02-11"), Some(42));
        assert_eq!(age("1984-02-11", "2026-12-31"), Some(42));
        assert_eq!(age("1984-02-11", "1984-02-11"), Some(0));
        assert_eq!(age("1984-02-11", "1984-02-10"), None);
        assert_eq!(age("1984-02-11", "1983-12-31"), None);
        assert_eq!(age("2000-02-29", "2001-02-28"), Some(0));
        assert_eq!(age("2000-02-29", "2001-03-01"), Some(1));
        assert_eq!(age("2000-02-29", "2004-02-29"), Some(4));
    }
}
