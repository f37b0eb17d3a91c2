//! Text from plan files made inert for a terminal: every control character (and the bidi
//! controls that reorder what is drawn) becomes a visible placeholder, so a need, a note, a
//! name or a file name can never clear the screen, write the clipboard (OSC 52), ring the
//! bell or move the cursor. The screen and every command's text output go through here.

use std::borrow::Cow;

/// Shown for a C1 control or a bidi control: they have no picture of their own. (Not U+FFFD:
/// some terminals draw that zero columns wide, which would shift the rest of the line.)
pub const OTHER_CONTROL: char = '\u{2426}';

/// The visible stand-in for `c`, or `None` when `c` is safe to print as it is.
fn placeholder(c: char) -> Option<char> {
    match c {
        // C0 controls have pictures at U+2400 + code: ␛ for ESC, ␇ for BEL, ␍ for CR.
        '\0'..='\u{1f}' => char::from_u32(0x2400 + c as u32),
        '\u{7f}' => Some('\u{2421}'),
        // C1 controls (0x9B is an 8-bit CSI, 0x9D an 8-bit OSC).
        '\u{80}'..='\u{9f}' => Some(OTHER_CONTROL),
        // Embeddings, overrides and isolates: they reorder the text around them on screen.
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => Some(OTHER_CONTROL),
        _ => None,
    }
}

fn needs_work(c: char, keep_line_breaks: bool) -> bool {
    match c {
        '\n' => !keep_line_breaks,
        '\t' => false,
        _ => placeholder(c).is_some(),
    }
}

fn rewrite(text: &str, keep_line_breaks: bool) -> Cow<'_, str> {
    if !text.chars().any(|c| needs_work(c, keep_line_breaks)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' if keep_line_breaks => out.push('\n'),
            // A line ending written as CR LF is a line ending, not a carriage return.
            '\r' if chars.peek() == Some(&'\n') => {}
            '\n' => out.push('\u{2424}'),
            '\t' => out.push('\t'),
            c => out.push(placeholder(c).unwrap_or(c)),
        }
    }
    Cow::Owned(out)
}

/// `text` with control characters shown as placeholders; line breaks and tabs are kept (they
/// only move to the next line or column). Borrows when there is nothing to replace.
pub fn inert(text: &str) -> Cow<'_, str> {
    rewrite(text, true)
}

/// `inert`, and a line break shown as `␤` too: for output that must stay one line per item
/// (a `check` finding, a table cell).
pub fn inert_line(text: &str) -> Cow<'_, str> {
    rewrite(text, false)
}

/// True when `text` holds nothing a terminal would act on (tests, and callers that check).
pub fn is_inert(text: &str) -> bool {
    !text
        .chars()
        .any(|c| !matches!(c, '\n' | '\t') && placeholder(c).is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_bells_and_carriage_returns_become_pictures() {
        assert_eq!(inert("a\x1b[2Jb"), "a\u{241b}[2Jb");
        assert_eq!(
            inert("\x1b]52;c;SGVsbG8=\x07"),
            "\u{241b}]52;c;SGVsbG8=\u{2407}"
        );
        assert_eq!(inert("over\rwrite"), "over\u{240d}write");
        assert_eq!(inert("nul\0"), "nul\u{2400}");
        assert_eq!(inert("del\x7f"), "del\u{2421}");
        assert_eq!(inert("csi\u{9b}2J"), "csi\u{2426}2J");
        assert_eq!(inert("evil\u{202e}txt"), "evil\u{2426}txt");
    }

    #[test]
    fn line_breaks_stay_unless_asked_and_tabs_stay() {
        assert_eq!(inert("one\r\ntwo\tthree"), "one\ntwo\tthree");
        assert_eq!(
            inert_line("one\r\ntwo\nthree"),
            "one\u{2424}two\u{2424}three"
        );
        assert_eq!(inert_line("a\rb"), "a\u{240d}b");
    }

    #[test]
    fn plain_text_is_borrowed_and_unchanged() {
        let text = "Zoë Adebayo, 40/60 split (ICB/LA) — agreed";
        assert!(matches!(inert(text), Cow::Borrowed(_)));
        assert!(is_inert(text));
        assert!(!is_inert("a\x07"));
        assert!(is_inert(&inert("\x1b\x07\r\u{9b}\u{2066}")));
    }
}
