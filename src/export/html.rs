//! A [`Document`] as one self-contained HTML page: `lang="en-GB"`, inline CSS with an A4 print
//! stylesheet (sections and table rows never cut across pages), semantic headings and tables
//! (`th` with `scope`), no scripts, no external fonts, links or images. Every text is escaped
//! by [`escape`]; nothing from the plan is ever written raw.

use std::fmt::Write as _;

use super::document::{Block, Document, Table};

/// The page's style (a table's caption names it for screen readers; the section heading
/// above it says the same to the eye): readable at 200% zoom (relative sizes, no fixed widths), in
/// high-contrast mode (system colours, borders in the text colour), and printed on A4.
const STYLE: &str = "\
:root { color-scheme: light; }
body { font-family: system-ui, -apple-system, \"Segoe UI\", Arial, sans-serif; font-size: 1rem;
  line-height: 1.5; color: #111; background: #fff; margin: 0 auto; padding: 1.5rem;
  max-width: 48rem; }
h1 { font-size: 1.75rem; margin: 0 0 0.75rem; }
h2 { font-size: 1.3rem; margin: 1.75rem 0 0.5rem; border-bottom: 2px solid currentColor;
  padding-bottom: 0.2rem; }
.about { border: 2px solid currentColor; padding: 0.5rem 1rem; margin: 0 0 1rem; }
.about p { margin: 0.4rem 0; }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
caption { position: absolute; width: 1px; height: 1px; overflow: hidden;
  clip-path: inset(50%); white-space: nowrap; }
th, td { border: 1px solid currentColor; padding: 0.4rem 0.5rem; text-align: left;
  vertical-align: top; overflow-wrap: break-word; }
thead th { background: #e8e8e8; }
dl { display: grid; grid-template-columns: minmax(8rem, max-content) 1fr; gap: 0.3rem 1rem;
  margin: 0.5rem 0 1rem; }
dt { font-weight: bold; }
dd { margin: 0; overflow-wrap: break-word; }
p, li { overflow-wrap: break-word; }
@media (forced-colors: active) { thead th { background: Canvas; } }
@media (max-width: 30rem) { dl { grid-template-columns: 1fr; } dd { margin-bottom: 0.4rem; } }
@page { size: A4; margin: 18mm 16mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 11pt; }
  section, .about, tr, dl, li { break-inside: avoid; }
  h1, h2 { break-after: avoid; }
  thead { display: table-header-group; }
}
";

/// `text` safe anywhere in an HTML text node or a quoted attribute value.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Escaped text whose line breaks show as line breaks.
fn escape_lines(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(escape)
        .collect::<Vec<_>>()
        .join("<br>\n")
}

/// The document as a page.
pub fn render(document: &Document) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
    let _ = writeln!(out, "<title>{}</title>", escape(&document.title));
    let _ = writeln!(out, "<style>\n{STYLE}</style>\n</head>\n<body>\n<main>");
    let _ = writeln!(out, "<h1>{}</h1>", escape(&document.title));
    if !document.about.is_empty() {
        out.push_str("<div class=\"about\">\n");
        for line in &document.about {
            let _ = writeln!(out, "<p>{}</p>", escape_lines(line));
        }
        out.push_str("</div>\n");
    }
    for section in &document.sections {
        let _ = writeln!(out, "<section>\n<h2>{}</h2>", escape(&section.heading));
        for block in &section.blocks {
            block_html(&mut out, block);
        }
        out.push_str("</section>\n");
    }
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn block_html(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph(text) => {
            let _ = writeln!(out, "<p>{}</p>", escape_lines(text));
        }
        Block::Bullets(items) => {
            out.push_str("<ul>\n");
            for item in items {
                let _ = writeln!(out, "<li>{}</li>", escape_lines(item));
            }
            out.push_str("</ul>\n");
        }
        Block::Facts(facts) => {
            out.push_str("<dl>\n");
            for (label, value) in facts {
                let _ = writeln!(
                    out,
                    "<dt>{}</dt><dd>{}</dd>",
                    escape(label),
                    escape_lines(value)
                );
            }
            out.push_str("</dl>\n");
        }
        Block::Table(table) => table_html(out, table),
    }
}

fn table_html(out: &mut String, table: &Table) {
    let _ = writeln!(
        out,
        "<table>\n<caption>{}</caption>\n<thead>\n<tr>",
        escape(&table.caption)
    );
    for header in &table.headers {
        let _ = writeln!(out, "<th scope=\"col\">{}</th>", escape(header));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    for row in &table.rows {
        out.push_str("<tr>\n");
        for (index, cell) in row.iter().enumerate() {
            if index == 0 {
                let _ = writeln!(out, "<th scope=\"row\">{}</th>", escape_lines(cell));
            } else {
                let _ = writeln!(out, "<td>{}</td>", escape_lines(cell));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_makes_markup_text() {
        assert_eq!(
            escape("<script>alert('x')</script> & \"q\""),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;"
        );
        assert_eq!(escape("&amp;"), "&amp;amp;");
        assert_eq!(escape("Zoë 40/60"), "Zoë 40/60");
    }

    #[test]
    fn line_breaks_become_br_and_nothing_else_is_markup() {
        assert_eq!(escape_lines("a<b\nc>d\n"), "a&lt;b<br>\nc&gt;d");
    }
}
