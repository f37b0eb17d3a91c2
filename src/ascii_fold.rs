//! ASCII folding: `Zoë` to `Zoe`, `–` to `-`, box drawing to `+ - |`, `…` to `.`.
//!
//! Used twice: to show text on terminals without UTF-8 (`--ascii`), and to compare names
//! whatever their accents when identifiers are masked (`Zoe` in a note is still `Zoë`).

/// The ASCII character that stands for `c` on screen: itself when ASCII, a base letter for
/// an accented one, a line or corner for box drawing, `?` for anything else.
pub fn fold_char(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    if let Some(letter) = base_letter(c) {
        return letter;
    }
    match c {
        // Box drawing (U+2500..U+257F) and block elements: by shape.
        '\u{2500}'..='\u{257F}' => box_shape(c),
        '\u{2580}'..='\u{259F}' => '#',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{2032}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{2033}' | '«' | '»' => '"',
        '\u{2026}' | '·' | '\u{2022}' | '\u{2027}' => '.',
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{3000}' => ' ',
        '×' => 'x',
        '÷' => '/',
        '→' | '⇒' | '▶' | '►' => '>',
        '←' | '⇐' | '◀' | '◄' => '<',
        '↑' | '▲' => '^',
        '↓' | '▼' => 'v',
        '✓' | '✔' => 'v',
        '✗' | '✘' => 'x',
        '£' => 'L',
        '€' => 'E',
        '°' => 'o',
        _ => '?',
    }
}

/// The whole text folded to ASCII, character by character. `…` becomes `...` so a cut-off
/// line still reads as one.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\u{2026}' => out.push_str("..."),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'Æ' => out.push_str("AE"),
            'œ' => out.push_str("oe"),
            'Œ' => out.push_str("OE"),
            _ => out.push(fold_char(c)),
        }
    }
    out
}

fn box_shape(c: char) -> char {
    match c {
        '─' | '━' | '┄' | '┅' | '┈' | '┉' | '═' | '╌' | '╍' | '╴' | '╶' | '╸' | '╺' | '╼' | '╾' => {
            '-'
        }
        '│' | '┃' | '┆' | '┇' | '┊' | '┋' | '║' | '╎' | '╏' | '╵' | '╷' | '╹' | '╻' | '╽' | '╿' => {
            '|'
        }
        _ => '+',
    }
}

/// The letter without its accent, for the Latin letters names use.
fn base_letter(c: char) -> Option<char> {
    const TABLE: &[(&str, char)] = &[
        ("àáâãäåāăą", 'a'),
        ("ÀÁÂÃÄÅĀĂĄ", 'A'),
        ("çćĉċč", 'c'),
        ("ÇĆĈĊČ", 'C'),
        ("ďđð", 'd'),
        ("ĎĐÐ", 'D'),
        ("èéêëēĕėęě", 'e'),
        ("ÈÉÊËĒĔĖĘĚ", 'E'),
        ("ĝğġģ", 'g'),
        ("ĜĞĠĢ", 'G'),
        ("ĥħ", 'h'),
        ("ĤĦ", 'H'),
        ("ìíîïĩīĭįı", 'i'),
        ("ÌÍÎÏĨĪĬĮİ", 'I'),
        ("ĵ", 'j'),
        ("Ĵ", 'J'),
        ("ķ", 'k'),
        ("Ķ", 'K'),
        ("ĺļľŀł", 'l'),
        ("ĹĻĽĿŁ", 'L'),
        ("ñńņňŉ", 'n'),
        ("ÑŃŅŇ", 'N'),
        ("òóôõöøōŏő", 'o'),
        ("ÒÓÔÕÖØŌŎŐ", 'O'),
        ("ŕŗř", 'r'),
        ("ŔŖŘ", 'R'),
        ("śŝşšș", 's'),
        ("ŚŜŞŠȘ", 'S'),
        ("ţťŧț", 't'),
        ("ŢŤŦȚ", 'T'),
        ("ùúûüũūŭůűų", 'u'),
        ("ÙÚÛÜŨŪŬŮŰŲ", 'U'),
        ("ŵ", 'w'),
        ("Ŵ", 'W'),
        ("ýÿŷ", 'y'),
        ("ÝŸŶ", 'Y'),
        ("źżž", 'z'),
        ("ŹŻŽ", 'Z'),
    ];
    TABLE
        .iter()
        .find(|(letters, _)| letters.contains(c))
        .map(|(_, base)| *base)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_lose_only_their_accents() {
        assert_eq!(fold("Zoë Siobhán Ní Bhriain"), "Zoe Siobhan Ni Bhriain");
        assert_eq!(fold("Łukasz Żółć"), "Lukasz Zolc");
    }

    #[test]
    fn symbols_and_boxes_become_plain_characters() {
        assert_eq!(fold("┌─┐│└┘ a – b … “c”"), "+-+|++ a - b ... \"c\"");
        assert_eq!(fold_char('━'), '-');
        assert_eq!(fold_char('┃'), '|');
        assert_eq!(fold_char('漢'), '?');
        assert!(fold("→ ✓ £5 ß").is_ascii());
    }
}
