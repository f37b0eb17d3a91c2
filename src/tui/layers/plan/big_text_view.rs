//! A large heading (the plan id and initials in meeting mode), five rows tall, drawn from a
//! small built-in font with `█` (or `#` in ASCII mode), two columns per dot when there is
//! room. Its own font rather than `tui-big-text`: that crate draws only `█`, which an ASCII
//! terminal cannot show.
//!
//! The big letters are not characters the frame's last masking pass can read: the text
//! must already have been through `app.shown` (`meeting::heading_text` does that).

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

/// Rows of the font.
pub const HEIGHT: u16 = 5;

/// Columns between letters, in dots.
const GAP: usize = 1;

/// The dots of a character (`#` on), row by row. A letter the font lacks is drawn as its
/// ASCII base letter (`Ł` as `L`, `Ö` as `O`); anything else as `?`.
fn glyph(c: char) -> [&'static str; 5] {
    match crate::ascii_fold::fold_char(c).to_ascii_uppercase() {
        'A' => [" # ", "# #", "###", "# #", "# #"],
        'B' => ["## ", "# #", "## ", "# #", "## "],
        'C' => [" ##", "#  ", "#  ", "#  ", " ##"],
        'D' => ["## ", "# #", "# #", "# #", "## "],
        'E' => ["###", "#  ", "## ", "#  ", "###"],
        'F' => ["###", "#  ", "## ", "#  ", "#  "],
        'G' => [" ##", "#  ", "# #", "# #", " ##"],
        'H' => ["# #", "# #", "###", "# #", "# #"],
        'I' => ["###", " # ", " # ", " # ", "###"],
        'J' => ["  #", "  #", "  #", "# #", " # "],
        'K' => ["# #", "# #", "## ", "# #", "# #"],
        'L' => ["#  ", "#  ", "#  ", "#  ", "###"],
        'M' => ["#   #", "## ##", "# # #", "#   #", "#   #"],
        'N' => ["#  #", "## #", "# ##", "#  #", "#  #"],
        'O' => [" # ", "# #", "# #", "# #", " # "],
        'P' => ["## ", "# #", "## ", "#  ", "#  "],
        'Q' => [" # ", "# #", "# #", "## ", " ##"],
        'R' => ["## ", "# #", "## ", "# #", "# #"],
        'S' => [" ##", "#  ", " # ", "  #", "## "],
        'T' => ["###", " # ", " # ", " # ", " # "],
        'U' => ["# #", "# #", "# #", "# #", "###"],
        'V' => ["# #", "# #", "# #", "# #", " # "],
        'W' => ["#   #", "#   #", "# # #", "## ##", "#   #"],
        'X' => ["# #", "# #", " # ", "# #", "# #"],
        'Y' => ["# #", "# #", " # ", " # ", " # "],
        'Z' => ["###", "  #", " # ", "#  ", "###"],
        '0' => ["###", "# #", "# #", "# #", "###"],
        '1' => [" # ", "## ", " # ", " # ", "###"],
        '2' => ["## ", "  #", " # ", "#  ", "###"],
        '3' => ["## ", "  #", " # ", "  #", "## "],
        '4' => ["# #", "# #", "###", "  #", "  #"],
        '5' => ["###", "#  ", "## ", "  #", "## "],
        '6' => [" ##", "#  ", "###", "# #", "###"],
        '7' => ["###", "  #", " # ", " # ", " # "],
        '8' => ["###", "# #", "###", "# #", "###"],
        '9' => ["###", "# #", "###", "  #", "## "],
        '-' => ["   ", "   ", "###", "   ", "   "],
        '.' => [" ", " ", " ", " ", "#"],
        '/' => ["  #", "  #", " # ", "#  ", "#  "],
        ' ' => ["  ", "  ", "  ", "  ", "  "],
        _ => ["## ", "  #", " # ", "   ", " # "],
    }
}

/// The heading's rows as dots (`#` and space), one column per dot.
pub fn dot_rows(text: &str) -> [String; 5] {
    let mut rows: [String; 5] = Default::default();
    for (index, c) in text.chars().enumerate() {
        for (row, dots) in rows.iter_mut().zip(glyph(c)) {
            if index > 0 {
                row.push_str(&" ".repeat(GAP));
            }
            row.push_str(dots);
        }
    }
    rows
}

/// Columns the heading takes at `scale` columns per dot.
pub fn width(text: &str, scale: usize) -> usize {
    dot_rows(text)[0].chars().count() * scale
}

/// Draw `text` large in `area` (five rows), as wide as fits: two columns per dot, else
/// one; a plain bold line when even that does not fit. Returns whether it was drawn large.
pub fn render(text: &str, ascii: bool, style: Style, frame: &mut Frame, area: Rect) -> bool {
    let room = usize::from(area.width).saturating_sub(1);
    let Some(scale) = [2, 1].into_iter().find(|scale| width(text, *scale) <= room) else {
        frame.render_widget(Line::styled(format!(" {text}"), style), area);
        return false;
    };
    let dot = if ascii { "#" } else { "\u{2588}" };
    for (row, dots) in dot_rows(text)
        .iter()
        .enumerate()
        .take(usize::from(area.height))
    {
        let mut line = String::from(" ");
        for c in dots.chars() {
            let cell = if c == '#' { dot } else { " " };
            line.push_str(&cell.repeat(scale));
        }
        let row_area = Rect {
            y: area.y + row as u16,
            height: 1,
            ..area
        };
        frame.render_widget(Line::styled(line, style), row_area);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_the_font_lacks_are_drawn_as_their_base_letter() {
        assert_eq!(dot_rows("Ł.W."), dot_rows("L.W."));
        assert_eq!(dot_rows("Zoë"), dot_rows("Zoe"));
        assert_ne!(dot_rows("Ł"), dot_rows("?"));
    }

    #[test]
    fn letters_sit_side_by_side_with_a_gap() {
        let rows = dot_rows("S1");
        assert_eq!(rows[0], " ##  # ");
        assert_eq!(rows[4], "##  ###");
        assert_eq!(width("S117-0042  Z.A.", 1), 53);
        assert_eq!(width("S1", 2), 14);
    }

    #[test]
    fn every_character_has_five_even_rows() {
        for c in ('A'..='Z').chain('0'..='9').chain("-./ ?".chars()) {
            let rows = glyph(c);
            let wide = rows[0].len();
            assert!(rows.iter().all(|row| row.len() == wide), "{c}");
        }
    }
}
