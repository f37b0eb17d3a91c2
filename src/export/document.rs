//! A document as plain text in a fixed shape (a title, what it holds, sections of paragraphs,
//! lists, facts and tables), built once and rendered as HTML or Markdown. Every string here is
//! text, never markup: the renderers escape all of it.

/// A whole export: one `h1`, what it holds, then its sections (each an `h2`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Document {
    /// The page's title (`h1`, and the HTML `<title>`).
    pub title: String,
    /// At its top: what it holds and the day it was made.
    pub about: Vec<String>,
    pub sections: Vec<Section>,
}

/// A section: a heading and what it says.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Section {
    pub heading: String,
    pub blocks: Vec<Block>,
}

impl Section {
    pub fn new(heading: &str) -> Section {
        Section {
            heading: heading.to_owned(),
            blocks: Vec::new(),
        }
    }

    pub fn paragraph(mut self, text: impl Into<String>) -> Section {
        self.blocks.push(Block::Paragraph(text.into()));
        self
    }

    pub fn block(mut self, block: Block) -> Section {
        self.blocks.push(block);
        self
    }
}

/// One part of a section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Block {
    /// A paragraph (line breaks in it are kept).
    Paragraph(String),
    /// A list of items.
    Bullets(Vec<String>),
    /// Label and value pairs (`Next review: Monday 1 March 2027`).
    Facts(Vec<(String, String)>),
    Table(Table),
}

/// A table: a caption, column headers, and rows whose first cell names the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub caption: String,
    pub headers: Vec<String>,
    pub rows: Vec<Vec<String>>,
}
