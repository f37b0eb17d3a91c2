//! NHS number format and Modulus 11 check.
//!
//! An NHS number is 10 digits, shown `999 000 0018`; the last digit is a check
//! digit over the first nine (weights 10 down to 2). Numbers from 999 000 0000 to
//! 999 999 9999 are reserved for testing.

/// Why a text is not a valid NHS number. Every message is a complete sentence.
/// Messages do not repeat the number itself, so they are safe to show on screen.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NhsNumberError {
    #[error("No NHS number was entered. Type its 10 digits, e.g. 999 000 0018.")]
    Empty,
    #[error("An NHS number has only digits and spaces, but character {position} is {}. Type the 10 digits, e.g. 999 000 0018.", describe(*.character))]
    BadCharacter {
        character: char,
        /// Counted from 1, in characters, including spaces.
        position: usize,
    },
    #[error("An NHS number has 10 digits, but {found} {} found. Check for a missing or extra digit.", if *.found == 1 { "was" } else { "were" })]
    WrongLength { found: usize },
    #[error(
        "This is not a valid NHS number: its first nine digits give check value 10, and no valid NHS number has check value 10. Check each digit against the source."
    )]
    CheckValueTen,
    #[error(
        "This is not a valid NHS number: for its first nine digits the check digit (the last digit) should be {expected}, not {found}. Any digit may be the mistyped one, so check each against the source."
    )]
    WrongCheckDigit { expected: u8, found: u8 },
    #[error(
        "This is not a valid NHS number: all 10 digits are {digit}, a placeholder that is never issued even though its check digit fits. Type the person's own number from the source."
    )]
    RepeatedDigit { digit: char },
}

fn describe(c: char) -> String {
    let quoted = format!("\"{}\"", c.escape_debug());
    match c {
        'O' | 'o' => format!("{quoted} (the letter O, not the digit zero)"),
        'l' | 'I' => format!("{quoted} (a letter, not the digit one)"),
        '-' => format!("{quoted} (group the digits with spaces, not dashes)"),
        _ => quoted,
    }
}

/// The Modulus 11 check value of the first nine digits (each 0..=9): weights 10
/// down to 2, check = 11 - (sum mod 11), with 11 becoming 0. A result of 10 means
/// no valid NHS number starts with these digits.
fn check_value(first_nine: &[u8]) -> u8 {
    let sum: u32 = first_nine
        .iter()
        .zip((2..=10).rev())
        .map(|(&digit, weight)| u32::from(digit) * weight)
        .sum();
    match 11 - (sum % 11) as u8 {
        11 => 0,
        check => check,
    }
}

/// Check an NHS number as typed or stored: spaces (any whitespace) are allowed
/// anywhere; anything else must be a digit. Returns the 10 digits without spaces.
pub fn check_nhs_number(text: &str) -> Result<String, NhsNumberError> {
    let mut digits = String::with_capacity(10);
    for (index, character) in text.chars().enumerate() {
        if character.is_ascii_digit() {
            digits.push(character);
        } else if !character.is_whitespace() {
            let position = index + 1;
            return Err(NhsNumberError::BadCharacter {
                character,
                position,
            });
        }
    }
    match digits.len() {
        0 => return Err(NhsNumberError::Empty),
        10 => {}
        found => return Err(NhsNumberError::WrongLength { found }),
    }
    if let Some(first) = digits
        .chars()
        .next()
        .filter(|&first| digits.chars().all(|c| c == first))
    {
        return Err(NhsNumberError::RepeatedDigit { digit: first });
    }
    let values: Vec<u8> = digits.bytes().map(|b| b - b'0').collect();
    let (expected, found) = (check_value(&values[..9]), values[9]);
    if expected == 10 {
        Err(NhsNumberError::CheckValueTen)
    } else if expected != found {
        Err(NhsNumberError::WrongCheckDigit { expected, found })
    } else {
        Ok(digits)
    }
}

/// The 10 digits without spaces, if that is what `text` holds (check not applied).
fn ten_digits(text: &str) -> Option<String> {
    let digits: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    (digits.len() == 10 && digits.bytes().all(|b| b.is_ascii_digit())).then_some(digits)
}

/// Show an NHS number as 3-3-4 digits: `999 000 0018`. Spaces in the input are
/// ignored. Anything that is not 10 digits is returned trimmed but otherwise as
/// given, so a bad value is shown rather than hidden.
pub fn format_nhs_number(digits: &str) -> String {
    match ten_digits(digits) {
        Some(d) => format!("{} {} {}", &d[..3], &d[3..6], &d[6..]),
        None => digits.trim().to_string(),
    }
}

/// Whether this is 10 digits in the range reserved for testing,
/// 999 000 0000 to 999 999 9999. Spaces are ignored; the check digit is not.
pub fn is_test_range(digits: &str) -> bool {
    ten_digits(digits).is_some_and(|d| d.starts_with("999"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use NhsNumberError::*;

    /// The message for a refused number, checked to be a sentence.
    fn msg(text: &str) -> String {
        let msg = check_nhs_number(text).unwrap_err().to_string();
        assert!(
            msg.ends_with('.') && msg.starts_with(char::is_uppercase),
            "{msg}"
        );
        msg
    }

    #[test]
    fn check_value_follows_modulus_11() {
        // 9*10 + 9*9 + 9*8 + 0*7 + ... + 0*3 + 1*2 = 245; 245 mod 11 = 3; 11 - 3 = 8.
        assert_eq!(check_value(&[9, 9, 9, 0, 0, 0, 0, 0, 1]), 8);
        // 9*10 + 9*9 + 9*8 + 5*2 = 253 = 23 * 11, so 11 - 0 = 11, which becomes 0.
        assert_eq!(check_value(&[9, 9, 9, 0, 0, 0, 0, 0, 5]), 0);
        // 9*10 + 9*9 + 9*8 = 243; 243 mod 11 = 1; 11 - 1 = 10: no valid number.
        assert_eq!(check_value(&[9, 9, 9, 0, 0, 0, 0, 0, 0]), 10);
        assert_eq!(check_value(&[9; 9]), 9);
    }

    #[test]
    fn one_digit_repeated_is_refused_even_when_its_check_digit_fits() {
        for digit in '0'..='9' {
            let number: String = std::iter::repeat_n(digit, 10).collect();
            assert_eq!(
                check_nhs_number(&number),
                Err(RepeatedDigit { digit }),
                "{number}"
            );
        }
        // 000 000 0000 and 999 999 9999 pass Modulus 11, yet are no one's number.
        assert_eq!(check_value(&[0; 9]), 0);
        assert!(msg("999 999 9999").contains("all 10 digits are 9"));
    }

    #[test]
    fn accepts_valid_numbers_with_or_without_spaces() {
        for text in [
            "999 000 0018",
            "9990000018",
            " 999 000 0018 ",
            "9 9 9 0 0 0 0 0 1 8",
            "999\u{a0}000\u{a0}0018",
            "999\t000 0018",
        ] {
            assert_eq!(
                check_nhs_number(text),
                Ok("9990000018".to_string()),
                "{text:?}"
            );
        }
        assert_eq!(
            check_nhs_number("999 003 5563"),
            Ok("9990035563".to_string())
        );
        // Check value 11 becomes check digit 0.
        assert_eq!(
            check_nhs_number("999 000 0050"),
            Ok("9990000050".to_string())
        );
    }

    #[test]
    fn refuses_a_wrong_check_digit_saying_the_expected_one() {
        let err = WrongCheckDigit {
            expected: 8,
            found: 7,
        };
        assert_eq!(check_nhs_number("999 000 0017"), Err(err));
        assert!(msg("999 000 0017").contains("should be 8, not 7"));
        // Two digits swapped round.
        assert_eq!(
            check_nhs_number("999 000 0081"),
            Err(WrongCheckDigit {
                expected: 5,
                found: 1
            })
        );
        assert_eq!(
            check_nhs_number("999 999 9990"),
            Err(WrongCheckDigit {
                expected: 9,
                found: 0
            })
        );
    }

    #[test]
    fn every_wrong_last_digit_is_refused() {
        for prefix in 999_000_000u32..999_000_300 {
            let nine = prefix.to_string();
            let values: Vec<u8> = nine.bytes().map(|b| b - b'0').collect();
            let valid = (0..=9)
                .filter(|last| check_nhs_number(&format!("{nine}{last}")).is_ok())
                .count();
            // Exactly one last digit works, unless the check value is 10 (then none).
            let expected = if check_value(&values) == 10 { 0 } else { 1 };
            assert_eq!(valid, expected, "{nine}");
        }
    }

    #[test]
    fn refuses_check_value_10_whatever_the_last_digit() {
        for text in [
            "999 000 0000",
            "999 000 0001",
            "999 123 4560",
            "999 000 0149",
        ] {
            assert_eq!(check_nhs_number(text), Err(CheckValueTen), "{text}");
        }
        assert!(msg("999 000 0000").contains("no valid NHS number has check value 10"));
    }

    #[test]
    fn refuses_the_wrong_number_of_digits_saying_how_many() {
        assert_eq!(
            check_nhs_number("999 000 001"),
            Err(WrongLength { found: 9 })
        );
        assert_eq!(
            check_nhs_number("999 000 00180"),
            Err(WrongLength { found: 11 })
        );
        assert_eq!(check_nhs_number("9"), Err(WrongLength { found: 1 }));
        assert!(msg("999 000 001").contains("has 10 digits, but 9 were found"));
        assert!(msg("99900000180").contains("but 11 were found"));
        assert!(msg("9").contains("but 1 was found"));
    }

    #[test]
    fn refuses_empty_input() {
        assert_eq!(check_nhs_number(""), Err(Empty));
        assert_eq!(check_nhs_number("   "), Err(Empty));
        assert!(msg("").starts_with("No NHS number was entered."));
    }

    #[test]
    fn refuses_other_characters_naming_the_first() {
        let bad = |character, position| {
            Err(BadCharacter {
                character,
                position,
            })
        };
        assert_eq!(check_nhs_number("999-000-0018"), bad('-', 4));
        assert_eq!(check_nhs_number("999 OOO 0018"), bad('O', 5));
        assert_eq!(check_nhs_number("NHS 999 000 0018"), bad('N', 1));
        assert_eq!(check_nhs_number("999 000 0018."), bad('.', 13));
        // Letters are refused before the length is counted.
        assert_eq!(check_nhs_number("99900x"), bad('x', 6));
        assert_eq!(check_nhs_number("999 000 ٠٠18"), bad('٠', 9));
        let dash = msg("999-000-0018");
        assert!(
            dash.contains("character 4 is \"-\" (group the digits with spaces"),
            "{dash}"
        );
        assert!(msg("999 OOO 0018").contains("\"O\" (the letter O, not the digit zero)"));
        assert!(msg("999 000 00l8").contains("\"l\" (a letter, not the digit one)"));
        assert!(msg("999 000 0018x").contains("character 13 is \"x\". Type the 10 digits"));
    }

    #[test]
    fn formats_as_3_3_4() {
        assert_eq!(format_nhs_number("9990000018"), "999 000 0018");
        assert_eq!(format_nhs_number(" 999 0000018 "), "999 000 0018");
        assert_eq!(format_nhs_number("999 000 0018"), "999 000 0018");
        // Not 10 digits: shown as given (trimmed), never silently reshaped.
        assert_eq!(format_nhs_number(" 999 000 001 "), "999 000 001");
        assert_eq!(format_nhs_number("999-000-0018"), "999-000-0018");
        assert_eq!(format_nhs_number(""), "");
    }

    #[test]
    fn knows_the_test_range() {
        assert!(is_test_range("9990000000"));
        assert!(is_test_range("999 000 0018"));
        assert!(is_test_range("999 999 9999"));
        assert!(!is_test_range("999 000 001"));
        assert!(!is_test_range("99900000180"));
        assert!(!is_test_range("999-000-0018"));
        assert!(!is_test_range(""));
        // Just below the range; it fails Modulus 11, so it is nobody's real number.
        assert!(check_nhs_number("998 999 9999").is_err());
        assert!(!is_test_range("998 999 9999"));
    }
}
