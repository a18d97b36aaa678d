//! What one body may cost, and how going past it is reported.
//!
//! Records come from untrusted contributors and bodies render in parallel, so each must cost
//! time and memory close to linear in its size. The parsers behind rendering are not linear on
//! every input: html5ever's tree builder walks its stack of open elements and its list of open
//! formatting elements on many tags, its tokenizer checks each attribute against the tag's
//! others, and the HTML parser re-opens unclosed formatting elements in every block that follows.
//! Markdown and URL resolution can also multiply a body's size (a footnote reference or a
//! relative link is a few bytes in, a full URL out). The limits here bound what reaches them,
//! far above what any article needs; a body past one is an error naming the file, and the line
//! where one is known, never a stall. The `html_limits` module checks HTML against them before
//! html5ever sees it; the Markdown checks are [`Nesting`], run on the event stream.

use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Tag, TagEnd};

use crate::diagnostics::{line_col, Diagnostic};

/// Deepest HTML nesting: elements open at once, counting those the parser will re-open.
pub const MAX_HTML_DEPTH: usize = 512;
/// Most attributes on one HTML tag (or added to one element by repeated `<html>` tags).
pub const MAX_ATTRIBUTES: usize = 256;
/// Most formatting elements (`<a>`, `<b>`, `<i>`, `<font>`, ...) open at once, or left open
/// for the parser to re-open.
pub const MAX_FORMATTING: usize = 64;
/// Most attributes on those formatting elements, all together.
pub const MAX_FORMATTING_ATTRIBUTES: usize = 128;
/// Most nodes (elements, runs of text, comments) the HTML of one body makes.
pub const MAX_HTML_NODES: usize = 1_000_000;
/// Deepest Markdown nesting of lists, list items, quotes and footnote definitions.
pub const MAX_MARKDOWN_DEPTH: usize = 100;
/// Most columns in one Markdown table.
pub const MAX_TABLE_COLUMNS: usize = 1_000;
/// A body may always render to this many bytes of HTML...
pub const RENDER_FLOOR: usize = 1 << 20;
/// ...or to this many times its own size, if that is more.
pub const RENDER_FACTOR: usize = 16;

/// How many bytes of HTML a body of `source_len` bytes may render to.
pub fn render_budget(source_len: usize) -> usize {
    RENDER_FLOOR.max(source_len.saturating_mul(RENDER_FACTOR))
}

/// A limit a body went past.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Exceeded {
    /// [`MAX_HTML_DEPTH`].
    HtmlDepth,
    /// [`MAX_ATTRIBUTES`], on a tag with this name.
    Attributes(String),
    /// [`MAX_FORMATTING`].
    Formatting,
    /// [`MAX_FORMATTING_ATTRIBUTES`].
    FormattingAttributes,
    /// [`MAX_HTML_NODES`].
    HtmlNodes,
    /// [`MAX_MARKDOWN_DEPTH`].
    MarkdownDepth,
    /// [`MAX_TABLE_COLUMNS`], by a table with this many.
    TableColumns(usize),
    /// [`render_budget`], which is this many bytes.
    Rendered(usize),
}

impl Exceeded {
    /// What is wrong, as the error says it.
    fn message(&self) -> String {
        match self {
            Exceeded::HtmlDepth => {
                format!("body's HTML nests elements more than {MAX_HTML_DEPTH} deep")
            }
            Exceeded::Attributes(tag) => {
                format!("HTML tag <{tag}> has more than {MAX_ATTRIBUTES} attributes")
            }
            Exceeded::Formatting => format!(
                "body's HTML leaves more than {MAX_FORMATTING} formatting elements \
                 (<a>, <b>, <i>, <font>...) open at once"
            ),
            Exceeded::FormattingAttributes => format!(
                "formatting elements (<a>, <b>, <i>, <font>...) open at once carry more than \
                 {MAX_FORMATTING_ATTRIBUTES} attributes"
            ),
            Exceeded::HtmlNodes => {
                format!("body's HTML has more than {MAX_HTML_NODES} elements, texts and comments")
            }
            Exceeded::MarkdownDepth => format!(
                "Markdown in the body nests lists and quotes more than {MAX_MARKDOWN_DEPTH} deep"
            ),
            Exceeded::TableColumns(n) => {
                format!("Markdown table has {n} columns; at most {MAX_TABLE_COLUMNS} are allowed")
            }
            Exceeded::Rendered(budget) => format!(
                "body renders to more than {budget} bytes of HTML (the most is {RENDER_FACTOR} \
                 times its size, or {RENDER_FLOOR} bytes)"
            ),
        }
    }

    /// How to fix it.
    fn hint(&self) -> &'static str {
        match self {
            Exceeded::HtmlDepth => {
                "close the tags you open; each unclosed tag holds everything after it"
            }
            Exceeded::HtmlNodes => {
                "split the article; while it is sanitised, every element, text and line break is held in memory"
            }
            Exceeded::Attributes(_) => {
                "remove the extra attributes; a `<` in text is written `&lt;`"
            }
            Exceeded::Formatting | Exceeded::FormattingAttributes => {
                "close each <a>, <b>, <i> or <font> you open; the parser re-opens unclosed ones in every block after them"
            }
            Exceeded::MarkdownDepth => "nest lists and quotes fewer levels deep",
            Exceeded::TableColumns(_) => "split the table, or make it a list",
            Exceeded::Rendered(_) => {
                "split the article; repeated links, footnote references and images each render to a full URL"
            }
        }
    }
}

/// A limit a body went past, and where, when that is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overrun {
    /// Which limit.
    pub exceeded: Exceeded,
    /// 1-based line and column in the body's source.
    pub at: Option<(usize, usize)>,
}

impl Overrun {
    /// Going past `exceeded`, at no known place.
    pub fn new(exceeded: Exceeded) -> Overrun {
        Overrun { exceeded, at: None }
    }

    /// Places it at byte `offset` of `source` (the body's text).
    pub fn at_offset(mut self, source: &str, offset: usize) -> Overrun {
        self.at = Some(line_col(source, offset));
        self
    }

    /// Forgets the place (for a position in text made from the body, not in the body).
    pub fn nowhere(mut self) -> Overrun {
        self.at = None;
        self
    }

    /// The error for the body of `path` that starts on line `body_line` of the file.
    pub fn diagnostic(&self, path: &Path, body_line: usize) -> Diagnostic {
        let d = Diagnostic::error(path, self.exceeded.message()).hint(self.exceeded.hint());
        match self.at {
            Some((line, col)) => d.at(line + body_line - 1, col),
            None => d,
        }
    }
}

/// The Markdown limits, checked on the event stream both Markdown paths read: nesting of
/// containers ([`MAX_MARKDOWN_DEPTH`]) and columns per table ([`MAX_TABLE_COLUMNS`]).
#[derive(Debug, Default)]
pub struct Nesting {
    depth: usize,
}

impl Nesting {
    /// Takes the next event, found at `range` of `source`.
    pub fn check(
        &mut self,
        event: &Event,
        range: Range<usize>,
        source: &str,
    ) -> Result<(), Overrun> {
        let over = match event {
            Event::Start(Tag::Table(columns)) if columns.len() > MAX_TABLE_COLUMNS => {
                Exceeded::TableColumns(columns.len())
            }
            Event::Start(
                Tag::List(_) | Tag::Item | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_),
            ) => {
                self.depth += 1;
                if self.depth <= MAX_MARKDOWN_DEPTH {
                    return Ok(());
                }
                Exceeded::MarkdownDepth
            }
            Event::End(
                TagEnd::List(_) | TagEnd::Item | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition,
            ) => {
                self.depth = self.depth.saturating_sub(1);
                return Ok(());
            }
            _ => return Ok(()),
        };
        Err(Overrun::new(over).at_offset(source, range.start))
    }
}

#[cfg(test)]
mod tests {
    use pulldown_cmark::{Options, Parser};

    use super::*;

    fn first_overrun(md: &str) -> Option<Overrun> {
        let mut nesting = Nesting::default();
        Parser::new_ext(md, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES)
            .into_offset_iter()
            .find_map(|(e, r)| nesting.check(&e, r, md).err())
    }

    #[test]
    fn markdown_nesting_and_table_columns_are_bounded() {
        let deep = format!("{}x\n", "> ".repeat(MAX_MARKDOWN_DEPTH + 1));
        let o = first_overrun(&deep).unwrap();
        assert_eq!(o.exceeded, Exceeded::MarkdownDepth);
        assert_eq!(o.at.map(|p| p.0), Some(1));
        // 50 quotes holding a list of 50 levels: 100 in all.
        let ok = format!("{}{}x\n", "> ".repeat(50), "- ".repeat(25));
        assert_eq!(first_overrun(&ok), None);
        let cols = MAX_TABLE_COLUMNS + 1;
        let table = format!("a\n\n{}|\n{}|\n", "|a".repeat(cols), "|-".repeat(cols));
        let o = first_overrun(&table).unwrap();
        assert_eq!(
            (o.exceeded, o.at),
            (Exceeded::TableColumns(cols), Some((3, 1)))
        );
    }

    #[test]
    fn overruns_are_placed_on_the_files_lines() {
        let o = Overrun::new(Exceeded::HtmlDepth).at_offset("a\nbc", 3);
        let d = o.diagnostic(Path::new("a.html"), 5);
        assert_eq!(d.position, Some((6, 2)));
        assert!(d
            .to_string()
            .starts_with("a.html:6:2: error: body's HTML nests"));
        assert_eq!(render_budget(10), RENDER_FLOOR);
        assert_eq!(render_budget(1 << 20), 16 << 20);
    }
}
