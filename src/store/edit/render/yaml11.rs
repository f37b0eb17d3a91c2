//! What YAML 1.1 readers (PyYAML, older tools) take for something other than text when it is
//! written plain: booleans, dates, numbers in 1.1's forms, `=`. Text like that is quoted, so
//! every reader gets the text back; a date under one of the format's date keys stays plain.

use crate::plan::dates::DATE_KEYS;

/// Words other YAML readers (YAML 1.1: PyYAML, older tools) take for booleans.
pub(super) const YAML11_BOOLS: &[&str] = &[
    "y", "Y", "yes", "Yes", "YES", "n", "N", "no", "No", "NO", "on", "On", "ON", "off", "Off",
    "OFF",
];

/// `YYYY-MM-DD` exactly: how the format writes a date.
fn is_iso_date(s: &str) -> bool {
    let bytes = s.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(at, b)| match at {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        })
}

/// A date under a date key: written plain, as the format writes dates.
pub(super) fn is_plain_date(s: &str, key: Option<&str>) -> bool {
    key.is_some_and(|key| DATE_KEYS.contains(&key)) && is_iso_date(s)
}

/// YAML 1.1's timestamp, loosely: `YYYY-M-D` alone or followed by a time. (Text that merely
/// starts so is quoted too: quoting needlessly costs nothing.)
fn looks_like_timestamp(s: &str) -> bool {
    let mut parts = s.splitn(3, '-');
    let (Some(year), Some(month), Some(rest)) = (parts.next(), parts.next(), parts.next()) else {
        return false;
    };
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let day = rest.bytes().take_while(u8::is_ascii_digit).count();
    year.len() == 4
        && digits(year)
        && (1..=2).contains(&month.len())
        && digits(month)
        && (1..=2).contains(&day)
        && (day == rest.len() || rest[day..].starts_with(['T', 't', ' ', '\t']))
}

/// A number in one of YAML 1.1's forms, loosely: `1_000`, `017` (octal), `0b1010`, `0x1F`,
/// `1:30` (base 60), `1.5`, `.5`, `1e3`, `.inf`, `.nan` (after any sign).
fn looks_like_yaml11_number(unsigned: &str) -> bool {
    let lower = unsigned.to_ascii_lowercase();
    if matches!(lower.as_str(), ".inf" | ".nan") {
        return true;
    }
    if let Some(bits) = lower.strip_prefix("0b") {
        return !bits.is_empty() && bits.bytes().all(|b| matches!(b, b'0' | b'1' | b'_'));
    }
    if let Some(hex) = lower.strip_prefix("0x") {
        return !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit() || b == b'_');
    }
    let (mantissa, exponent) = match lower.split_once('e') {
        Some((mantissa, exponent)) => (mantissa, Some(exponent)),
        None => (lower.as_str(), None),
    };
    let exponent_ok = exponent.is_none_or(|e| {
        let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
        !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit())
    });
    exponent_ok
        && mantissa.bytes().any(|b| b.is_ascii_digit())
        && mantissa
            .bytes()
            .all(|b| b.is_ascii_digit() || matches!(b, b'_' | b'.' | b':'))
}

/// Would a YAML 1.1 reader take this plain text for something else: a date, a number in
/// 1.1's forms, or `=` (1.1's value key, which PyYAML refuses to read)?
pub(super) fn yaml11_retypes(s: &str) -> bool {
    let unsigned = s.strip_prefix(['+', '-']).unwrap_or(s);
    s == "=" || looks_like_timestamp(s) || looks_like_yaml11_number(unsigned)
}

#[cfg(test)]
mod tests {
    use serde_yaml::Value;

    use super::super::{flow, inline_scalar, plain_ok};
    use crate::store::edit::cst::Style;

    fn s(text: &str) -> Value {
        Value::String(text.into())
    }

    #[test]
    fn what_yaml_1_1_reads_as_a_date_or_number_is_quoted_as_text() {
        for retyped in [
            "2026-12-01",
            "2026-1-1",
            "2026-01-01 10:00:00",
            "1_000",
            "+1_000",
            "017",
            "1_0.5",
            "1.2.3",
            "0b1_0",
            "0x1_F",
            "190:20:30",
            "1e3",
            "1.5E+3",
            ".5",
            "-.inf",
            ".NaN",
            "=",
        ] {
            assert!(!plain_ok(retyped, false), "{retyped}");
        }
        for text in [
            "N2",
            "1st floor",
            "020-7946-0118",
            "2026 review",
            "e3",
            "1,000",
            "x=1",
        ] {
            assert!(plain_ok(text, false), "{text}");
        }
        // A date under a date key is written as the format writes dates; as text it is quoted.
        let date = s("2026-12-01");
        let under = |key| inline_scalar(&date, Style::Plain, false, Some(key)).unwrap();
        assert_eq!(under("next_due"), "2026-12-01");
        assert_eq!(under("review_by"), "2026-12-01");
        assert_eq!(under("need"), "\"2026-12-01\"");
        assert_eq!(
            inline_scalar(&date, Style::Single, false, Some("need")).unwrap(),
            "'2026-12-01'"
        );
        let need: Value =
            serde_yaml::from_str("{need: '2026-01-01', since: '2026-01-01'}").unwrap();
        assert_eq!(flow(&need), "{need: \"2026-01-01\", since: 2026-01-01}");
    }
}
