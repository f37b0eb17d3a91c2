//! A [`Document`] as Markdown (CommonMark with pipe tables). Every text is escaped by
//! [`escape`]: ASCII punctuation that Markdown reads (`*`, `_`, `<`, `|`, `[` ...) is written
//! with a backslash, so plan text can never become a link, HTML or a table cell of its own.

use std::fmt::Write as _;

use super::document::{Block, Document, Table};

/// `text` as literal Markdown text (one line: line breaks become spaces). Characters that
/// act anywhere (`*`, `_`, `` ` ``, `[`, `]`, `<`, `>`, `|`, `&`, `~`, `\\`) get a backslash,
/// and so does a start that would make a heading, a list or a rule (`#`, `-`, `+`, `=`, `1.`).
pub fn escape(text: &str) -> String {
    let text = text.replace("\r\n", "\n").replace(['\r', '\n'], " ");
    let mut out = String::with_capacity(text.len() + 8);
    let trimmed = text.trim_start();
    let digits = trimmed.chars().take_while(char::is_ascii_digit).count();
    let starts_block = trimmed.starts_with(['#', '-', '+', '='])
        || (digits > 0 && trimmed[digits..].starts_with(['.', ')']));
    for (index, c) in text.char_indices() {
        let at_block_start = starts_block && index == text.len() - trimmed.len() + digits;
        if at_block_start
            || matches!(
                c,
                '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '&' | '~'
            )
        {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Escaped text, its lines kept as hard line breaks (`\` at a line's end).
fn escape_lines(text: &str) -> String {
    text.trim_end()
        .lines()
        .map(escape)
        .collect::<Vec<_>>()
        .join("\\\n")
}

/// The document as Markdown.
pub fn render(document: &Document) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", escape(&document.title));
    for line in &document.about {
        let _ = writeln!(out, "> {}\n>", escape(line));
    }
    if !document.about.is_empty() {
        out.truncate(out.len() - 2);
        out.push('\n');
    }
    for section in &document.sections {
        let _ = writeln!(out, "## {}\n", escape(&section.heading));
        for block in &section.blocks {
            block_markdown(&mut out, block);
        }
    }
    out
}

fn block_markdown(out: &mut String, block: &Block) {
    match block {
        Block::Paragraph(text) => {
            let _ = writeln!(out, "{}\n", escape_lines(text));
        }
        Block::Bullets(items) => {
            for item in items {
                let _ = writeln!(out, "- {}", escape(item));
            }
            out.push('\n');
        }
        Block::Facts(facts) => {
            for (label, value) in facts {
                let _ = writeln!(out, "- **{}:** {}", escape(label), escape(value));
            }
            out.push('\n');
        }
        Block::Table(table) => table_markdown(out, table),
    }
}

fn table_markdown(out: &mut String, table: &Table) {
    // The caption is the HTML table's name; here the section's heading says it.
    let row = |cells: &[String]| {
        let cells: Vec<String> = cells.iter().map(|cell| escape(cell)).collect();
        format!("| {} |", cells.join(" | "))
    };
    let _ = writeln!(out, "{}", row(&table.headers));
    let _ = writeln!(
        out,
        "|{}",
        table.headers.iter().map(|_| " --- |").collect::<String>()
    );
    for cells in &table.rows {
        let _ = writeln!(out, "{}", row(cells));
    }
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markdown_syntax_in_plan_text_is_literal() {
        assert_eq!(
            escape("<b>[x](javascript:y)</b> | *z*"),
            "\\<b\\>\\[x\\](javascript:y)\\</b\\> \\| \\*z\\*"
        );
        assert_eq!(escape("one\ntwo"), "one two");
        assert_eq!(escape("Zoë 40/60, R. Mensah"), "Zoë 40/60, R. Mensah");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("12. not a list"), "12\\. not a list");
    }
}
