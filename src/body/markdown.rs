//! Markdown rendered straight to safe HTML, without parsing the whole rendered body again.
//!
//! Sanitising every body with a full HTML5 parse (see [`super::clean`]) is most of the cost of a
//! large archive, yet HTML that pulldown-cmark writes from Markdown syntax is safe by
//! construction: the only things the sanitiser changes are URLs, the `rel` of links, and raw
//! HTML the author typed. So this path rewrites those at the event level and leaves the rest to
//! pulldown-cmark's own writer:
//!
//! - link, image and footnote URLs are resolved against the article URL exactly as ammonia
//!   resolves them (same parse, same scheme list, same join), and links get the same `rel`;
//! - raw HTML is read with the sanitiser's own tokenizer and written back token by token: text
//!   re-escaped, comments dropped, each tag with exactly the attributes the sanitiser leaves on
//!   that element. The page a reader parses from the result then has the tree the sanitiser
//!   would have written, because its parser sees the same tags in the same order.
//!
//! Anything this cannot reproduce exactly (an element the sanitiser removes or that changes how
//! the tokenizer reads what follows, a parse error, a `javascript:` link, a URL pulldown-cmark
//! would re-encode) returns `None`, and the caller sanitises the whole body the slow way. Tests
//! compare the two paths' trees on every body they try.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use ammonia::Builder;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use pulldown_cmark::{html, Alignment, CowStr, Event, LinkType, Parser, Tag, TagEnd};
use url::Url;

use super::is_void;
use crate::text::escape_html;

/// The URL schemes ammonia keeps by default (`ammonia::Builder::default().url_schemes`).
const SCHEMES: &[&str] = &[
    "bitcoin",
    "ftp",
    "ftps",
    "geo",
    "http",
    "https",
    "im",
    "irc",
    "ircs",
    "magnet",
    "mailto",
    "mms",
    "mx",
    "news",
    "nntp",
    "openpgp4fpr",
    "sip",
    "sms",
    "smsto",
    "ssh",
    "tel",
    "url",
    "webcal",
    "wtai",
    "xmpp",
];

/// HTML from [`render`].
pub struct Html {
    /// Sanitised HTML with absolute URLs.
    pub html: String,
    /// Where raw HTML tags (other than `<img>`, `<br>`, `<wbr>`) first appear: `None` if
    /// nowhere; `Some(true)` if before the end of the first top-level paragraph (or if there is
    /// no such paragraph). Up to there, `html` is written as the sanitiser would write it, so a
    /// summary can be read from it.
    pub raw_tags: Option<bool>,
}

/// Renders Markdown to sanitised HTML with absolute URLs, or `None` when this body needs the
/// whole-document sanitiser. `policy` is the sanitiser the slow path would use.
pub fn render(body: &str, base: &Url, policy: &Builder, sanitize: bool) -> Option<Html> {
    let rel = if sanitize {
        r#" rel="noopener noreferrer""#
    } else {
        ""
    };
    let mut out = String::with_capacity(body.len() * 3 / 2);
    let mut batch: Vec<Event> = Vec::new();
    let mut numbers: HashMap<CowStr, usize> = HashMap::new();
    let mut image_depth = 0usize;
    let mut fragment: Option<String> = None;
    let mut table = TableCells::default();
    let mut raw_tags = None;
    let mut first_paragraph_done = false;
    // Lists, quotes and footnotes open here, where no summary is taken.
    let mut containers = 0usize;
    // Every element open at this point: raw HTML must nest inside them as the parser reads it.
    let open: RefCell<Vec<Open>> = RefCell::new(Vec::new());
    let mut raw = |html: &str, first_paragraph_done: bool| {
        let (out, tags) = rewrite_raw(html, policy, &open)?;
        if tags && raw_tags.is_none() {
            raw_tags = Some(!first_paragraph_done);
        }
        Some(out)
    };
    for event in Parser::new_ext(body, super::markdown_options()) {
        if image_depth > 0 {
            // Inside an image everything becomes its `alt` text; pulldown-cmark writes it.
            match &event {
                Event::Start(_) => image_depth += 1,
                Event::End(_) => image_depth -= 1,
                _ => {}
            }
            batch.push(match event {
                Event::FootnoteReference(name) => {
                    Event::Text(format!("[{}]", number(&mut numbers, name)).into())
                }
                e => e,
            });
            continue;
        }
        if let Some(f) = fragment.as_mut() {
            match event {
                Event::Html(s) => f.push_str(&s),
                Event::End(TagEnd::HtmlBlock) => {
                    let f = fragment.take().unwrap_or_default();
                    batch.push(Event::Html(raw(&f, first_paragraph_done)?.into()));
                }
                _ => return None,
            }
            continue;
        }
        match &event {
            Event::Start(Tag::HtmlBlock | Tag::Image { .. }) => {}
            Event::Start(tag) => {
                let mut open = open.borrow_mut();
                if is_block(tag) && !flow_context(&open) {
                    return None; // raw HTML left open an element this block cannot go in
                }
                open.push(match tag {
                    Tag::Paragraph
                    | Tag::Heading { .. }
                    | Tag::Emphasis
                    | Tag::Strong
                    | Tag::Strikethrough => Open::Inline,
                    Tag::Link { .. } => Open::Link,
                    _ => Open::Flow,
                });
            }
            Event::End(TagEnd::HtmlBlock) => {}
            Event::End(_) => {
                if matches!(open.borrow_mut().pop(), None | Some(Open::Raw(_))) {
                    return None; // raw HTML left an element open inside this one
                }
            }
            Event::Rule if !flow_context(&open.borrow()) => return None,
            _ => {}
        }
        match &event {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)) => {
                containers += 1;
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                containers -= 1;
            }
            Event::End(TagEnd::Paragraph) if containers == 0 => first_paragraph_done = true,
            _ => {}
        }
        match event {
            Event::Start(Tag::HtmlBlock) => fragment = Some(String::new()),
            Event::Html(_) => return None,
            Event::InlineHtml(s) => {
                batch.push(Event::Html(raw(&s, first_paragraph_done)?.into()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => {
                let href = if link_type == LinkType::Email {
                    resolve(&as_attribute(&format!("mailto:{dest_url}")), base)?
                } else {
                    resolve(&as_attribute(&dest_url), base)?
                };
                let mut a = format!(r#"<a href="{}""#, escape_html(&href));
                if !title.is_empty() {
                    a.push_str(&format!(r#" title="{}""#, escape_html(&title)));
                }
                a.push_str(rel);
                a.push('>');
                batch.push(Event::Html(a.into()));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let src = resolve(&as_attribute(&dest_url), base)?;
                if as_attribute(&src) != src {
                    return None; // pulldown-cmark would percent-encode it again
                }
                image_depth = 1;
                batch.push(Event::Start(Tag::Image {
                    link_type,
                    dest_url: src.into(),
                    title,
                    id,
                }));
            }
            Event::FootnoteReference(name) => {
                let href = resolve(&format!("#{name}"), base)?;
                let n = number(&mut numbers, name);
                batch.push(Event::Html(
                    format!(
                        r#"<sup class="footnote-reference"><a href="{}"{rel}>{n}</a></sup>"#,
                        escape_html(&href)
                    )
                    .into(),
                ));
            }
            Event::Start(Tag::FootnoteDefinition(name)) => {
                // Written here (for the number), so pulldown-cmark's "did the last write end a
                // line" is read from what it has written so far.
                html::push_html(&mut out, batch.drain(..));
                let newline = if out.is_empty() || out.ends_with('\n') {
                    ""
                } else {
                    "\n"
                };
                let id = escape_html(&name);
                let n = number(&mut numbers, name);
                batch.push(Event::Html(
                    format!(
                        r#"{newline}<div class="footnote-definition" id="{id}"><sup class="footnote-definition-label">{n}</sup>"#
                    )
                    .into(),
                ));
            }
            e if sanitize => match table.event(e) {
                Ok(e) => batch.push(e),
                Err(cell) => batch.push(Event::Html(cell.into())),
            },
            e => batch.push(e),
        }
    }
    if fragment.is_some() || !open.borrow().is_empty() {
        return None;
    }
    html::push_html(&mut out, batch.into_iter());
    Some(Html {
        html: out,
        raw_tags,
    })
}

/// An element open in the document being written.
#[derive(Debug, Clone, PartialEq)]
enum Open {
    /// A Markdown element whose content may hold blocks (list item, quote, table cell, ...).
    Flow,
    /// A Markdown element whose content is text (paragraph, heading, emphasis, ...).
    Inline,
    /// A Markdown link.
    Link,
    /// An element from raw HTML.
    Raw(String),
}

/// Markdown elements that would close an open `<p>` (or that a `<p>` cannot hold).
fn is_block(tag: &Tag) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::List(_)
            | Tag::Table(_)
            | Tag::FootnoteDefinition(_)
    )
}

/// Whether a block may start here: the innermost open element takes blocks.
fn flow_context(open: &[Open]) -> bool {
    match open.last() {
        None | Some(Open::Flow) => true,
        Some(Open::Raw(name)) => FLOW.contains(&name.as_str()),
        Some(_) => false,
    }
}

/// pulldown-cmark's footnote numbering: in order of first mention, references and definitions
/// alike.
fn number<'a>(numbers: &mut HashMap<CowStr<'a>, usize>, name: CowStr<'a>) -> usize {
    let next = numbers.len() + 1;
    *numbers.entry(name).or_insert(next)
}

/// The cells of tables with an alignment, written with the `style` value the sanitiser would
/// leave (`text-align:center`); pulldown-cmark writes the rest of the table.
#[derive(Default)]
struct TableCells {
    aligns: Vec<Alignment>,
    head: bool,
    cell: usize,
}

impl TableCells {
    fn event<'a>(&mut self, e: Event<'a>) -> Result<Event<'a>, String> {
        match &e {
            Event::Start(Tag::Table(a)) => self.aligns = a.clone(),
            Event::Start(Tag::TableHead) => (self.head, self.cell) = (true, 0),
            Event::End(TagEnd::TableHead) => self.head = false,
            Event::Start(Tag::TableRow) => self.cell = 0,
            Event::Start(Tag::TableCell) | Event::End(TagEnd::TableCell) => {
                // All cells of an aligned table are written here: pulldown-cmark counts the
                // cells it writes to find their alignment, so it may write none of them.
                if self.aligns.iter().all(|a| *a == Alignment::None) {
                    return Ok(e);
                }
                let start = matches!(e, Event::Start(_));
                let align = self.aligns.get(self.cell).copied();
                if !start {
                    self.cell += 1;
                }
                let name = if self.head { "th" } else { "td" };
                return Err(match (start, align) {
                    (false, _) => format!("</{name}>"),
                    (true, Some(Alignment::Left)) => format!(r#"<{name} style="text-align:left">"#),
                    (true, Some(Alignment::Center)) => {
                        format!(r#"<{name} style="text-align:center">"#)
                    }
                    (true, Some(Alignment::Right)) => {
                        format!(r#"<{name} style="text-align:right">"#)
                    }
                    (true, _) => format!("<{name}>"),
                });
            }
            _ => {}
        }
        Ok(e)
    }
}

/// The attribute value a browser (and the sanitiser) reads from pulldown-cmark's `href`/`src`:
/// the URL percent-encoded by `escape_href`, with its `&amp;` and `&#x27;` read back.
fn as_attribute(url: &str) -> String {
    let mut escaped = String::with_capacity(url.len());
    pulldown_cmark_escape::escape_href(&mut escaped, url).expect("writing to a String");
    if !escaped.contains('&') {
        return escaped;
    }
    let mut out = String::with_capacity(escaped.len());
    let mut rest = escaped.as_str();
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        if let Some(r) = rest.strip_prefix("&amp;") {
            out.push('&');
            rest = r;
        } else if let Some(r) = rest.strip_prefix("&#x27;") {
            out.push('\'');
            rest = r;
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// What the sanitiser does to a URL attribute: absolute URLs are kept as written when their
/// scheme is allowed, relative ones are joined to `base`; `None` where it would drop the
/// attribute (this path then gives the body to the sanitiser).
fn resolve(value: &str, base: &Url) -> Option<String> {
    match Url::parse(value) {
        Ok(u) => SCHEMES.contains(&u.scheme()).then(|| value.to_string()),
        Err(url::ParseError::RelativeUrlWithoutBase) => base.join(value).ok().map(String::from),
        Err(_) => None,
    }
}

/// Elements raw HTML may hold on this path: ones the sanitiser keeps, that do not switch the
/// tokenizer into another state (as `<script>`, `<textarea>` or `<svg>` do), and whose attributes
/// do not change how the tree is built. Not tables: there the parser moves runs of text out of
/// the table depending on what separates them, and dropping a comment would join two runs.
pub(super) const ELEMENTS: &[&str] = &[
    "a",
    "abbr",
    "article",
    "aside",
    "audio",
    "b",
    "bdi",
    "bdo",
    "blockquote",
    "br",
    "cite",
    "code",
    "data",
    "dd",
    "del",
    "details",
    "dfn",
    "div",
    "dl",
    "dt",
    "em",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "i",
    "img",
    "ins",
    "kbd",
    "li",
    "main",
    "mark",
    "nav",
    "ol",
    "p",
    "picture",
    "pre",
    "q",
    "s",
    "samp",
    "section",
    "small",
    "source",
    "span",
    "strike",
    "strong",
    "sub",
    "summary",
    "sup",
    "time",
    "track",
    "tt",
    "u",
    "ul",
    "var",
    "video",
    "wbr",
];

/// Raw elements that start a block: they close an open `<p>`, so they may only appear where a
/// block may (see [`flow_context`]).
const BLOCK: &[&str] = &[
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "figcaption",
    "figure",
    "footer",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "li",
    "main",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "ul",
];

/// Raw elements whose content may hold blocks.
const FLOW: &[&str] = &[
    "article",
    "aside",
    "blockquote",
    "dd",
    "details",
    "div",
    "figcaption",
    "figure",
    "footer",
    "header",
    "li",
    "main",
    "nav",
    "section",
    "summary",
];

/// Formatting elements: the parser compares their attributes when it rebuilds unclosed ones, so
/// sanitising may not change those attributes here.
const FORMATTING: &[&str] = &[
    "a", "b", "big", "code", "em", "font", "i", "nobr", "s", "small", "strike", "strong", "tt", "u",
];

/// Whether a raw start tag `name` may open here (see [`rewrite_raw`]).
fn nests(name: &str, open: &[Open]) -> bool {
    let parent =
        |names: &[&str]| matches!(open.last(), Some(Open::Raw(p)) if names.contains(&p.as_str()));
    match name {
        "li" => parent(&["ul", "ol"]),
        "dt" | "dd" => parent(&["dl"]),
        "a" => !open
            .iter()
            .any(|o| matches!(o, Open::Link) || matches!(o, Open::Raw(n) if n == "a")),
        _ if BLOCK.contains(&name) => flow_context(open),
        _ => true,
    }
}

/// Rewrites one piece of raw HTML token by token: text re-escaped, comments dropped, each tag
/// with the attributes the sanitiser leaves on it. `None` for anything else (see module doc).
///
/// The tokens are the ones the sanitiser's own parser would read at this point of the document
/// (the piece starts and, without a parse error, ends in the tokenizer's data state), so the
/// tree a reader builds from the result is the tree the sanitiser would have written.
/// Also says whether the piece held a tag other than `<img>`, `<br>` or `<wbr>`.
///
/// The piece must also nest in the document as written: every element it opens is closed, in
/// order, before the element around it closes (by the piece or by later raw HTML); blocks only
/// where blocks may go; no link inside a link; `<li>`, `<dt>`, `<dd>` only directly in their
/// list. Then the parser never has to close or reopen an element on its own, and the result
/// has the balanced tags (and no parse errors) that a sanitiser's output would.
fn rewrite_raw(html: &str, policy: &Builder, open: &RefCell<Vec<Open>>) -> Option<(String, bool)> {
    let sink = Rewriter {
        policy,
        open,
        out: RefCell::new(String::with_capacity(html.len())),
        ok: Cell::new(true),
        tags: Cell::new(false),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let sink = tokenizer.sink;
    sink.ok
        .get()
        .then(|| (sink.out.into_inner(), sink.tags.get()))
}

/// The token sink behind [`rewrite_raw`].
struct Rewriter<'p, 'a> {
    policy: &'p Builder<'a>,
    open: &'p RefCell<Vec<Open>>,
    out: RefCell<String>,
    ok: Cell<bool>,
    tags: Cell<bool>,
}

impl Rewriter<'_, '_> {
    fn token(&self, token: Token) -> Option<()> {
        let mut out = self.out.borrow_mut();
        match token {
            Token::CommentToken(_) | Token::EOFToken => {}
            Token::CharacterTokens(t) => out.push_str(&escape_html(&t)),
            Token::TagToken(tag) => {
                let name = &*tag.name;
                if !ELEMENTS.contains(&name) {
                    return None;
                }
                if !matches!(name, "img" | "br" | "wbr") {
                    self.tags.set(true);
                }
                let mut open = self.open.borrow_mut();
                match tag.kind {
                    TagKind::EndTag => {
                        if !matches!(open.last(), Some(Open::Raw(n)) if n == name) {
                            return None;
                        }
                        open.pop();
                        out.push_str("</");
                        out.push_str(name);
                        out.push('>');
                    }
                    TagKind::StartTag if !nests(name, &open) => return None,
                    TagKind::StartTag if tag.attrs.is_empty() && name != "a" => {
                        out.push('<');
                        out.push_str(name);
                        out.push('>');
                    }
                    TagKind::StartTag => {
                        let mut written = format!("<{name}");
                        for a in &tag.attrs {
                            written.push_str(&format!(
                                " {}=\"{}\"",
                                &*a.name.local,
                                escape_html(&a.value)
                            ));
                        }
                        written.push('>');
                        let close = if is_void(name) {
                            String::new()
                        } else {
                            format!("</{name}>")
                        };
                        let clean = self.policy.clean(&format!("{written}{close}")).to_string();
                        let clean = clean.strip_suffix(close.as_str())?;
                        let rest = clean.strip_prefix('<')?.strip_prefix(name)?;
                        if !(rest.starts_with(' ') || rest.starts_with('>')) || !rest.ends_with('>')
                        {
                            return None; // the sanitiser dropped or rebuilt the element
                        }
                        if FORMATTING.contains(&name) && name != "a" && clean != written {
                            return None;
                        }
                        out.push_str(clean);
                    }
                }
                if tag.kind == TagKind::StartTag && !is_void(name) {
                    open.push(Open::Raw(name.to_string()));
                }
            }
            // DOCTYPE, NUL, and every parse error (unterminated tags and comments included).
            _ => return None,
        }
        Some(())
    }
}

impl TokenSink for Rewriter<'_, '_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        if self.ok.get() && self.token(token).is_none() {
            self.ok.set(false);
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rewrites_raw_html_or_refuses() {
        let base = Url::parse("https://x.org/a/").unwrap();
        let rw = |h: &str| {
            super::super::with_policy(&base, true, |policy| {
                rewrite_raw(h, policy, &RefCell::new(Vec::new())).map(|(out, _)| out)
            })
        };
        assert_eq!(
            rw("<img src=\"i.png\" onerror=\"x()\" srcset=\"i.png 1x\">\n").as_deref(),
            Some("<img src=\"https://x.org/a/i.png\" srcset=\"https://x.org/a/i.png 1x\">\n")
        );
        assert_eq!(
            rw("<details><summary>A &amp; B</summary><!-- c -->").as_deref(),
            Some("<details><summary>A &amp; B</summary>")
        );
        assert_eq!(
            rw("<ul><li>a</li></ul><div><p>b <kbd>c</kbd></p></div>").as_deref(),
            Some("<ul><li>a</li></ul><div><p>b <kbd>c</kbd></p></div>")
        );
        assert_eq!(
            rw("<a href=\"x\" onclick=\"y\">").as_deref(),
            Some("<a href=\"https://x.org/a/x\" rel=\"noopener noreferrer\">")
        );
        for bad in [
            "<script>alert(1)</script>", // switches the tokenizer to script data
            "<img src=\"a",              // unterminated
            "<!-- open",                 // unterminated comment
            "<!DOCTYPE html>",
            "a &amp b",                           // parse error
            "<b class=x onclick=y>",              // a formatting element whose attributes change
            "<table><tr><td>x</td></tr></table>", // tables move text around comments
            "<iframe src=x>",
            "</div>",                    // closes nothing this piece opened
            "<span><div>x</div></span>", // a block inside a phrase
            "<p><div>x</div></p>",       // would close the paragraph
            "<li>x</li>",                // would close the list item around it
            "<a href=x><a href=y>",      // a link in a link
            "<b><i>x</b></i>",           // misnested
        ] {
            assert_eq!(rw(bad), None, "{bad}");
        }
    }

    #[test]
    fn attribute_values_read_back_escapes() {
        assert_eq!(as_attribute("a b&c'd"), "a%20b&c'd");
        assert_eq!(as_attribute("&amp;#x27;"), "&amp;#x27;");
        assert_eq!(as_attribute("é"), "%C3%A9");
    }

    #[test]
    fn resolves_like_the_sanitiser() {
        let base = Url::parse("https://x.org/a/b/").unwrap();
        assert_eq!(resolve("../c", &base).as_deref(), Some("https://x.org/a/c"));
        assert_eq!(
            resolve("HTTPS://Y.org", &base).as_deref(),
            Some("HTTPS://Y.org")
        );
        assert_eq!(resolve("javascript:alert(1)", &base), None);
        assert_eq!(
            resolve("#f", &base).as_deref(),
            Some("https://x.org/a/b/#f")
        );
    }
}
