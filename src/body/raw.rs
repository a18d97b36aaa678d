//! Raw HTML inside Markdown, rewritten token by token as the sanitiser would leave it.
//!
//! The Markdown fast path must not parse the whole rendered body, yet an author's raw HTML
//! needs sanitising. Each piece of it is read with the sanitiser's own tokenizer (html5ever's)
//! and written back: text re-escaped, comments dropped, each tag with exactly the attributes the
//! sanitiser leaves on that element. The page a reader parses from the result then has the tree
//! the sanitiser would have written, because its parser sees the same tags in the same order.
//! A piece that could make the two differ (an element the sanitiser removes or that changes how
//! the tokenizer reads what follows, a parse error, tags that do not nest as written) is
//! refused, and the body goes to the whole-document sanitiser. The elements open at each point
//! are counted against the HTML limits as they open, since the sanitiser would parse what this
//! writes (see [`OpenElements`]).

use std::cell::{Cell, RefCell};
use std::ops::Deref;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, Tag, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::elements::{element, Element, BLOCK, FLOW, FORMATTING, RAW_OK, SUMMARY_SAFE, VOID};
use super::limits::{Exceeded, MAX_FORMATTING, MAX_FORMATTING_ATTRIBUTES, MAX_HTML_DEPTH};
use super::policy::Policy;
use crate::text::escape_html;

/// An element open in the document being written.
#[derive(Debug, Clone, Copy)]
pub(super) enum Open {
    /// A Markdown element whose content may hold blocks (list item, quote, table cell, ...).
    Flow,
    /// A Markdown element whose content is text (paragraph, heading, emphasis, ...).
    Inline,
    /// A Markdown link.
    Link,
    /// A Markdown emphasis (`<em>`, `<strong>`): an HTML formatting element.
    Emphasis,
    /// An element from raw HTML.
    Raw(&'static Element),
}

impl Open {
    /// Whether the HTML parser keeps it in its list of formatting elements (see `limits`).
    fn is_formatting(&self) -> bool {
        match self {
            Open::Link | Open::Emphasis => true,
            Open::Raw(e) => e.is(FORMATTING),
            Open::Flow | Open::Inline => false,
        }
    }
}

/// The elements open at a point of the document being written, innermost last, with the
/// formatting elements among them and their attributes counted: the sanitiser would parse
/// this document, and these are what its work per tag grows with (see `limits`).
#[derive(Debug, Default)]
pub(super) struct OpenElements {
    open: Vec<Open>,
    /// The attributes of each open formatting element, innermost last.
    formatting: Vec<usize>,
    formatting_attributes: usize,
}

impl OpenElements {
    /// Opens `element`, which has `attributes` attributes; an error past a limit.
    pub fn push(&mut self, element: Open, attributes: usize) -> Result<(), Exceeded> {
        if element.is_formatting() {
            self.formatting.push(attributes);
            self.formatting_attributes += attributes;
        }
        self.open.push(element);
        if self.open.len() > MAX_HTML_DEPTH {
            Err(Exceeded::HtmlDepth)
        } else if self.formatting.len() > MAX_FORMATTING {
            Err(Exceeded::Formatting)
        } else if self.formatting_attributes > MAX_FORMATTING_ATTRIBUTES {
            Err(Exceeded::FormattingAttributes)
        } else {
            Ok(())
        }
    }

    /// Closes the innermost element.
    pub fn pop(&mut self) -> Option<Open> {
        let element = self.open.pop()?;
        if element.is_formatting() {
            self.formatting_attributes -= self.formatting.pop().unwrap_or(0);
        }
        Some(element)
    }
}

impl Deref for OpenElements {
    type Target = [Open];

    fn deref(&self) -> &[Open] {
        &self.open
    }
}

/// Whether a block may start here: the innermost open element takes blocks.
pub(super) fn flow_context(open: &[Open]) -> bool {
    match open.last() {
        None | Some(Open::Flow) => true,
        Some(Open::Raw(e)) => e.is(FLOW),
        Some(_) => false,
    }
}

/// Whether a raw start tag of `el` may open here (see [`rewrite_raw`]).
fn nests(el: &Element, open: &[Open]) -> bool {
    if !el.parents.is_empty() {
        return matches!(open.last(), Some(Open::Raw(p)) if el.parents.contains(&p.name));
    }
    if el.name == "a" {
        return !open
            .iter()
            .any(|o| matches!(o, Open::Link) || matches!(o, Open::Raw(e) if e.name == "a"));
    }
    !el.is(BLOCK) || flow_context(open)
}

/// Rewrites one piece of raw HTML token by token: text re-escaped, comments dropped, each tag
/// with the attributes the sanitiser leaves on it. `None` for anything else (see module doc).
///
/// The tokens are the ones the sanitiser's own parser would read at this point of the document
/// (the piece starts and, without a parse error, ends in the tokenizer's data state), so the
/// tree a reader builds from the result is the tree the sanitiser would have written.
/// Also says whether the piece held a tag that keeps the result from being read for a summary
/// as it is (any but `<img>`, `<br>`, `<wbr>`).
///
/// The piece must also nest in the document as written (`open`: the elements open before it,
/// updated): every element it opens is closed, in order, before the element around it closes
/// (by the piece or by later raw HTML); blocks only where blocks may go; no link inside a link;
/// `<li>`, `<dt>`, `<dd>` only directly in their list. Then the parser never has to close or
/// reopen an element on its own, and the result has the balanced tags (and no parse errors)
/// that a sanitiser's output would.
///
/// The caller has checked the attributes of the piece's tags against the limits (the
/// tokenizer's own check is quadratic in them); an element opened past a limit is the error.
pub(super) fn rewrite_raw(
    html: &str,
    policy: &Policy,
    open: &mut OpenElements,
) -> Result<Option<(String, bool)>, Exceeded> {
    let sink = Rewriter {
        policy,
        open: RefCell::new(std::mem::take(open)),
        out: RefCell::new(String::with_capacity(html.len())),
        ok: Cell::new(true),
        tags: Cell::new(false),
        exceeded: Cell::new(None),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    let sink = tokenizer.sink;
    *open = sink.open.into_inner();
    if let Some(e) = sink.exceeded.into_inner() {
        return Err(e);
    }
    Ok(sink
        .ok
        .get()
        .then(|| (sink.out.into_inner(), sink.tags.get())))
}

/// The token sink behind [`rewrite_raw`].
struct Rewriter<'p> {
    policy: &'p Policy,
    open: RefCell<OpenElements>,
    out: RefCell<String>,
    ok: Cell<bool>,
    tags: Cell<bool>,
    /// The limit an element opened past, if any (then `ok` is false).
    exceeded: Cell<Option<Exceeded>>,
}

impl Rewriter<'_> {
    fn token(&self, token: Token) -> Option<()> {
        let mut out = self.out.borrow_mut();
        match token {
            Token::CommentToken(_) | Token::EOFToken => {}
            Token::CharacterTokens(t) => out.push_str(&escape_html(&t)),
            Token::TagToken(tag) => self.tag(&tag, &mut out)?,
            // DOCTYPE, NUL, and every parse error (unterminated tags and comments included).
            _ => return None,
        }
        Some(())
    }

    /// Writes one tag, keeping the open elements.
    fn tag(&self, tag: &Tag, out: &mut String) -> Option<()> {
        let el = element(&tag.name).filter(|e| e.is(RAW_OK))?;
        let name = el.name;
        if !el.is(SUMMARY_SAFE) {
            self.tags.set(true);
        }
        let mut open = self.open.borrow_mut();
        match tag.kind {
            TagKind::EndTag => {
                if !matches!(open.last(), Some(Open::Raw(e)) if e.name == name) {
                    return None;
                }
                open.pop();
                out.push_str("</");
                out.push_str(name);
                out.push('>');
            }
            TagKind::StartTag if !nests(el, &open) => return None,
            TagKind::StartTag if tag.attrs.is_empty() && name != "a" => {
                out.push('<');
                out.push_str(name);
                out.push('>');
            }
            TagKind::StartTag => self.start_tag_with_attributes(el, tag, out)?,
        }
        if tag.kind == TagKind::StartTag && !el.is(VOID) {
            if let Err(e) = open.push(Open::Raw(el), tag.attrs.len()) {
                self.exceeded.set(Some(e));
                return None;
            }
        }
        Some(())
    }

    /// Writes a start tag with exactly the attributes the sanitiser leaves on it; `None` when
    /// the sanitiser would drop or rebuild the element.
    fn start_tag_with_attributes(&self, el: &Element, tag: &Tag, out: &mut String) -> Option<()> {
        let name = el.name;
        let mut written = format!("<{name}");
        for a in &tag.attrs {
            written.push_str(&format!(
                " {}=\"{}\"",
                &*a.name.local,
                escape_html(&a.value)
            ));
        }
        written.push('>');
        let close = if el.is(VOID) {
            String::new()
        } else {
            format!("</{name}>")
        };
        let clean = self.policy.clean(&format!("{written}{close}")).to_string();
        let clean = clean.strip_suffix(close.as_str())?;
        let rest = clean.strip_prefix('<')?.strip_prefix(name)?;
        if !(rest.starts_with(' ') || rest.starts_with('>')) || !rest.ends_with('>') {
            return None; // the sanitiser dropped or rebuilt the element
        }
        if el.is(FORMATTING) && name != "a" && clean != written {
            return None;
        }
        out.push_str(clean);
        Some(())
    }
}

impl TokenSink for Rewriter<'_> {
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
    use url::Url;

    use super::*;
    use crate::body::policy::with_policy;

    #[test]
    fn rewrites_raw_html_or_refuses() {
        let base = Url::parse("https://x.org/a/").unwrap();
        let rw = |h: &str| {
            with_policy(&base, true, |policy| {
                rewrite_raw(h, policy, &mut OpenElements::default())
                    .unwrap()
                    .map(|(out, _)| out)
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
}
