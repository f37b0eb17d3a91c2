//! The words of a text as identifiers are matched: runs of letters and runs of digits,
//! compared in one form whatever the script or the width they were typed in.
//!
//! Each character is normalised on its own (NFKC, so `９` is `9` and `ﬁ` is `fi`), digits of
//! any script become ASCII digits (`٩` is `9`), and letters lose case and accents. A word's
//! byte range is always in the original text, so masking replaces what was written.

use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use crate::ascii_fold::{fold, fold_char};

/// One word of a text: where it is, and the form it is compared in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// Byte range in the original text.
    pub range: Range<usize>,
    /// Lower case, accents folded, digits in ASCII: `zoe`, `0018`.
    pub key: String,
    pub digits: bool,
}

/// The first code point of each run of ten decimal digits (Unicode category Nd) outside
/// ASCII: Arabic-Indic, Devanagari, Bengali, Thai, fullwidth, mathematical and the rest.
const DIGIT_ZEROS: [u32; 65] = [
    0x0660, 0x06F0, 0x07C0, 0x0966, 0x09E6, 0x0A66, 0x0AE6, 0x0B66, 0x0BE6, 0x0C66, 0x0CE6, 0x0D66,
    0x0DE6, 0x0E50, 0x0ED0, 0x0F20, 0x1040, 0x1090, 0x17E0, 0x1810, 0x1946, 0x19D0, 0x1A80, 0x1A90,
    0x1B50, 0x1BB0, 0x1C40, 0x1C50, 0xA620, 0xA8D0, 0xA900, 0xA9D0, 0xA9F0, 0xAA50, 0xABF0, 0xFF10,
    0x104A0, 0x10D30, 0x11066, 0x110F0, 0x11136, 0x111D0, 0x112F0, 0x11450, 0x114D0, 0x11650,
    0x116C0, 0x11730, 0x118E0, 0x11950, 0x11C50, 0x11D50, 0x11DA0, 0x16A60, 0x16AC0, 0x16B50,
    0x1D7CE, 0x1D7D8, 0x1D7E2, 0x1D7EC, 0x1D7F6, 0x1E140, 0x1E2F0, 0x1E950, 0x1FBF0,
];

/// The value of a decimal digit of any script (`7`, `٧`, `७`, `７`).
pub fn decimal_digit(c: char) -> Option<u32> {
    if let Some(digit) = c.to_digit(10) {
        return Some(digit);
    }
    let code = u32::from(c);
    let run = DIGIT_ZEROS.partition_point(|zero| *zero <= code);
    let zero = DIGIT_ZEROS[run.checked_sub(1)?];
    (code - zero < 10).then_some(code - zero)
}

/// What a normalised character is to the matcher.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Digit(char),
    Letter(char),
    Separator,
}

fn kind_of(c: char) -> Kind {
    if let Some(digit) = decimal_digit(c) {
        Kind::Digit(char::from_digit(digit, 10).unwrap_or('0'))
    } else if c.is_alphabetic() {
        Kind::Letter(c)
    } else {
        Kind::Separator
    }
}

/// The compared form of a letter word: ASCII where the letter folds to ASCII, the letter
/// itself (lower case) where it does not, so `Иван` is not `????`.
fn letter_key(letters: &str) -> String {
    let mut key = String::with_capacity(letters.len());
    for c in letters.chars() {
        if c != '?' && fold_char(c) == '?' {
            key.extend(c.to_lowercase());
        } else {
            key.push_str(&fold(&c.to_string()).to_lowercase());
        }
    }
    key
}

/// A word being read: where it starts and ends in the original text, its normalised text.
struct Reading {
    start: usize,
    end: usize,
    digits: bool,
    chars: String,
}

/// Collects words as normalised characters arrive, each with the original character's range.
#[derive(Default)]
struct Reader {
    found: Vec<Word>,
    current: Option<Reading>,
}

impl Reader {
    fn close(&mut self) {
        if let Some(word) = self.current.take() {
            let key = if word.digits {
                word.chars
            } else {
                letter_key(&word.chars)
            };
            self.found.push(Word {
                range: word.start..word.end,
                key,
                digits: word.digits,
            });
        }
    }

    /// One normalised character of the original character at `range`.
    fn push(&mut self, normal: char, range: Range<usize>) {
        let (digits, shown) = match kind_of(normal) {
            Kind::Digit(digit) => (true, digit),
            Kind::Letter(letter) => (false, letter),
            Kind::Separator => return self.close(),
        };
        match &mut self.current {
            Some(word) if word.digits == digits => {
                word.chars.push(shown);
                word.end = range.end;
            }
            _ => {
                self.close();
                self.current = Some(Reading {
                    start: range.start,
                    end: range.end,
                    digits,
                    chars: shown.to_string(),
                });
            }
        }
    }
}

/// What stands between two words of `text` (empty when both come from one character, as
/// the `1` and `2` of `½`).
pub fn gap<'t>(text: &'t str, before: &Word, after: &Word) -> &'t str {
    text.get(before.range.end..after.range.start).unwrap_or("")
}

/// The words of `text`: runs of letters and runs of digits; everything else separates.
pub fn words(text: &str) -> Vec<Word> {
    let mut reader = Reader::default();
    for (index, c) in text.char_indices() {
        let range = index..index + c.len_utf8();
        if c.is_ascii() || decimal_digit(c).is_some() {
            reader.push(c, range);
        } else {
            for normal in std::iter::once(c).nfkc() {
                reader.push(normal, range.clone());
            }
        }
    }
    reader.close();
    reader.found
}
