//! Dates as people write them, read off words: a date of birth in every common UK form
//! (`23/07/1991`, `23/07/91`, `23.07.1991`, `23-07-91`, `23 Jul 91`, `23rd July 1991`,
//! `23rd of July 1991`, `July 23rd, 1991`, `1991-07-23`, `23071991`), and any date at all
//! when nothing is known of the person (`date_shaped`).

use chrono::{Datelike, NaiveDate};

use super::words::{Word, gap, words};

/// `23` (or `23rd`): the day number and how many words it takes.
fn day_at(words: &[Word]) -> Option<(u32, usize)> {
    let first = words
        .first()
        .filter(|word| word.digits && word.key.len() <= 2)?;
    let day: u32 = first.key.parse().ok()?;
    let suffix = words.get(1).filter(|word| {
        !word.digits
            && word.range.start == first.range.end
            && matches!(word.key.as_str(), "st" | "nd" | "rd" | "th")
    });
    Some((day, 1 + usize::from(suffix.is_some())))
}

/// `07` or `July` or `Jul`: the month and how many words it takes.
fn month_at(words: &[Word]) -> Option<(u32, usize)> {
    let word = words.first()?;
    if word.digits {
        return (word.key.len() <= 2)
            .then(|| word.key.parse().ok())
            .flatten()
            .filter(|month| (1..=12).contains(month))
            .map(|month| (month, 1));
    }
    month_number(&word.key).map(|month| (month, 1))
}

/// `1991` or `91`: a year (two digits are a year of this century or the last, so both are
/// offered) and how many words it takes.
fn year_at(words: &[Word]) -> Option<(Vec<i32>, usize)> {
    let word = words.first().filter(|word| word.digits)?;
    let number: i32 = word.key.parse().ok()?;
    match word.key.len() {
        4 => Some((vec![number], 1)),
        2 => Some((vec![1900 + number, 2000 + number], 1)),
        _ => None,
    }
}

/// Words that may stand between the parts of a date: `the 23rd of July`.
fn skip_of(words: &[Word]) -> usize {
    usize::from(words.first().is_some_and(|word| word.key == "of"))
}

/// Every date the first words may spell, with how many words each takes: day month year,
/// year month day and month day year, months as numbers or names; one word of 8 digits as
/// `ddmmyyyy` or `yyyymmdd`.
pub fn dates_at(words: &[Word]) -> Vec<(NaiveDate, usize)> {
    let mut found = Vec::new();
    let mut add = |year: i32, month: u32, day: u32, used: usize| {
        if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
            found.push((date, used));
        }
    };
    // 23 Jul 91, 23rd of July 1991, 23/07/1991
    if let Some((day, used)) = day_at(words) {
        let at = used + skip_of(&words[used..]);
        if let Some((month, month_used)) = month_at(&words[at..]) {
            let at = at + month_used;
            if let Some((years, year_used)) = year_at(&words[at..]) {
                for year in years {
                    add(year, month, day, at + year_used);
                }
            }
        }
    }
    // 1991-07-23
    if let Some(first) = words
        .first()
        .filter(|word| word.digits && word.key.len() == 4)
    {
        let year: i32 = first.key.parse().unwrap_or(0);
        if let Some((month, month_used)) = month_at(&words[1..])
            && let Some((day, day_used)) = day_at(&words[1 + month_used..])
        {
            add(year, month, day, 1 + month_used + day_used);
        }
    }
    // July 23rd, 1991 (and 07/23/1991)
    if let Some((month, month_used)) = month_at(words)
        && let Some((day, day_used)) = day_at(&words[month_used..])
    {
        let at = month_used + day_used;
        if let Some((years, year_used)) = year_at(&words[at..]) {
            for year in years {
                add(year, month, day, at + year_used);
            }
        }
    }
    // 23071991, 19910723
    if let Some(word) = words
        .first()
        .filter(|word| word.digits && word.key.len() == 8)
    {
        let part = |range: std::ops::Range<usize>| word.key[range].parse::<u32>().unwrap_or(0);
        let year = |range| i32::try_from(part(range)).unwrap_or(0);
        add(year(4..8), part(2..4), part(0..2), 1);
        add(year(0..4), part(4..6), part(6..8), 1);
    }
    found
}

/// How many words from the first spell one of `dates` (0: none).
pub fn birth_date_at(words: &[Word], dates: &[NaiveDate]) -> usize {
    if dates.is_empty() {
        return 0;
    }
    dates_at(words)
        .into_iter()
        .filter(|(date, _)| dates.contains(date))
        .map(|(_, used)| used)
        .max()
        .unwrap_or(0)
}

/// How many words from the first spell any date at all (0: none). A two-digit year counts
/// only with `/`, `.`, `-` or a space between the parts, so `@@ -10,12 +10,13 @@` is no date.
pub fn date_shaped_at(text: &str, words: &[Word]) -> usize {
    let plain_gaps = |used: usize| {
        words[..used].windows(2).all(|pair| {
            matches!(
                gap(text, &pair[0], &pair[1]),
                "" | "/" | "." | "-" | " " | ", "
            )
        })
    };
    dates_at(words)
        .into_iter()
        .filter(|(date, used)| {
            (1900..2100).contains(&date.year())
                && (words[..*used]
                    .iter()
                    .any(|word| word.digits && word.key.len() >= 4)
                    || plain_gaps(*used))
        })
        .map(|(_, used)| used)
        .max()
        .unwrap_or(0)
}

/// A date written any way `dates_at` reads, as the whole of `text` (`14/03/1985`,
/// `14 March 1985`): how a date of birth that is not written as `YYYY-MM-DD` is still
/// known. Only with a four-digit year: which century `85` means is a guess.
pub fn lenient_date(text: &str) -> Option<NaiveDate> {
    let words = words(text);
    if !words.iter().any(|word| word.digits && word.key.len() >= 4) {
        return None;
    }
    dates_at(&words)
        .into_iter()
        .find(|(_, used)| *used == words.len())
        .map(|(date, _)| date)
}

pub fn month_number(key: &str) -> Option<u32> {
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
