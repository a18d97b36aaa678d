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
//! - raw HTML is read with the sanitiser's own tokenizer and written back token by token, as
//!   the sanitiser would leave it (the `raw` module);
//! - Markdown elements are tracked as they open and close, so that raw HTML nests in them as a
//!   reader's parser would read it.
//!
//! Anything this cannot reproduce exactly (an element the sanitiser removes or that changes how
//! the tokenizer reads what follows, a parse error, a `javascript:` link, a URL pulldown-cmark
//! would re-encode) returns `None`, and the caller sanitises the whole body the slow way. Tests
//! compare the two paths' trees on every body they try.
//!
//! The body limits are checked on the way: Markdown nesting and table columns, attributes of
//! raw tags before the tokenizer reads them, the elements open at each point, and the HTML
//! written so far (the writer pulls events one at a time and stops at the budget, so a body
//! that multiplies its size stops early). A body past one is an error, on either path.

use std::cell::RefCell;
use std::collections::{HashMap, VecDeque};

use pulldown_cmark::{html, Alignment, CowStr, Event, LinkType, Options, Parser, Tag, TagEnd};
use url::Url;

use super::html_limits;
use super::limits::{Exceeded, Nesting, Overrun};
use super::policy::Policy;
use super::raw::{flow_context, rewrite_raw, Open, OpenElements};
use super::{Bounded, Html};
use crate::text::escape_html;

/// Renders Markdown to sanitised HTML with absolute URLs, `Ok(None)` when this body needs the
/// whole-document sanitiser, or the limit it goes past (writing at most `budget` bytes).
/// `policy` is the sanitiser the slow path would use.
///
/// pulldown-cmark's writer pulls the rewritten events one at a time, so no more than the HTML
/// written so far is ever held, and the writing stops at the first limit.
pub(super) fn render(
    body: &str,
    base: &Url,
    policy: &Policy,
    sanitize: bool,
    options: Options,
    budget: usize,
) -> Result<Option<Html>, Overrun> {
    let out = RefCell::new(String::with_capacity(body.len().min(budget) * 3 / 2));
    let mut fast = FastPath::new(&out, base, policy, sanitize);
    let mut nesting = Nesting::default();
    let mut parser = Parser::new_ext(body, options).into_offset_iter();
    // Why the events stopped early: `Ok` to fall back to the sanitiser, or a limit.
    let mut stop: Option<Result<(), Overrun>> = None;
    let events = std::iter::from_fn(|| loop {
        if let Some(e) = fast.queue.pop_front() {
            return Some(e);
        }
        if stop.is_some() {
            return None;
        }
        let (event, range) = parser.next()?;
        if let Err(o) = nesting.check(&event, range.clone(), body) {
            stop = Some(Err(o));
        } else if fast.event(event).is_none() {
            stop = Some(match fast.exceeded.take() {
                Some(e) => Err(Overrun::new(e).at_offset(body, range.start)),
                None => Ok(()),
            });
            fast.queue.clear();
        }
    });
    let written = html::write_html_fmt(Bounded::new(&out, budget), events);
    match stop {
        Some(Err(o)) => return Err(o),
        Some(Ok(())) => return Ok(None),
        None if written.is_err() => return Err(Overrun::new(Exceeded::Rendered(budget))),
        None => {}
    }
    if fast.fragment.is_some() || !fast.open.is_empty() {
        return Ok(None); // raw HTML left something open
    }
    let raw_tags = fast.raw_tags;
    Ok(Some(Html {
        html: out.into_inner(),
        raw_tags,
    }))
}

/// The fast path reading one body's Markdown events: most go to pulldown-cmark's writer as they
/// are; URLs, footnotes, aligned table cells and raw HTML are rewritten first.
struct FastPath<'a, 'p> {
    base: &'p Url,
    policy: &'p Policy,
    sanitize: bool,
    /// The `rel` links get: the sanitiser's, when sanitising.
    rel: &'static str,
    /// The HTML pulldown-cmark's writer has written so far.
    out: &'p RefCell<String>,
    /// Events not yet given to pulldown-cmark's writer.
    queue: VecDeque<Event<'a>>,
    /// Footnote numbers by name.
    numbers: HashMap<CowStr<'a>, usize>,
    /// How deep inside an image we are (its content becomes its `alt` text); 0 outside.
    image_depth: usize,
    /// An HTML block being collected: its raw HTML is rewritten whole when it ends.
    fragment: Option<String>,
    table: TableCells,
    /// See [`Html::raw_tags`].
    raw_tags: Option<bool>,
    /// Whether the first top-level paragraph has ended.
    first_paragraph_done: bool,
    /// Lists, quotes and footnotes open here, where no summary is taken.
    containers: usize,
    /// Every element open at this point: raw HTML must nest inside them as the parser reads it.
    open: OpenElements,
    /// The limit the last event went past, if any (it then returns `None`).
    exceeded: Option<Exceeded>,
}

impl<'a, 'p> FastPath<'a, 'p> {
    fn new(out: &'p RefCell<String>, base: &'p Url, policy: &'p Policy, sanitize: bool) -> Self {
        FastPath {
            base,
            policy,
            sanitize,
            rel: if sanitize {
                r#" rel="noopener noreferrer""#
            } else {
                ""
            },
            out,
            queue: VecDeque::new(),
            numbers: HashMap::new(),
            image_depth: 0,
            fragment: None,
            table: TableCells::default(),
            raw_tags: None,
            first_paragraph_done: false,
            containers: 0,
            open: OpenElements::default(),
            exceeded: None,
        }
    }

    /// Queues an event for pulldown-cmark's writer.
    fn emit(&mut self, event: Event<'a>) {
        self.queue.push_back(event);
    }

    /// Records a limit gone past; the event then stops the fast path.
    fn exceeded<T>(&mut self, e: Exceeded) -> Option<T> {
        self.exceeded = Some(e);
        None
    }

    /// Takes the next event; `None` when the body needs the whole-document sanitiser (or, with
    /// [`Self::exceeded`] set, goes past a limit).
    fn event(&mut self, event: Event<'a>) -> Option<()> {
        if self.image_depth > 0 {
            self.in_image(event);
            return Some(());
        }
        if self.fragment.is_some() {
            return self.in_html_block(event);
        }
        self.nest(&event)?;
        self.count_containers(&event);
        self.write(event)
    }

    /// Inside an image everything becomes its `alt` text; pulldown-cmark writes it.
    fn in_image(&mut self, event: Event<'a>) {
        match &event {
            Event::Start(_) => self.image_depth += 1,
            Event::End(_) => self.image_depth -= 1,
            _ => {}
        }
        let event = match event {
            Event::FootnoteReference(name) => {
                Event::Text(format!("[{}]", self.number(name)).into())
            }
            e => e,
        };
        self.emit(event);
    }

    /// Inside an HTML block: collect it, and rewrite it whole at its end.
    fn in_html_block(&mut self, event: Event<'a>) -> Option<()> {
        match event {
            Event::Html(s) => self.fragment.get_or_insert_default().push_str(&s),
            Event::End(TagEnd::HtmlBlock) => {
                let f = self.fragment.take().unwrap_or_default();
                let html = self.raw(&f)?;
                self.emit(Event::Html(html.into()));
            }
            _ => return None,
        }
        Some(())
    }

    /// Keeps [`Self::open`] for Markdown elements; `None` where raw HTML left open an element
    /// this event cannot go in or end.
    fn nest(&mut self, event: &Event) -> Option<()> {
        match event {
            Event::Start(Tag::HtmlBlock | Tag::Image { .. }) => {}
            Event::Start(tag) => {
                if is_block(tag) && !flow_context(&self.open) {
                    return None; // raw HTML left open an element this block cannot go in
                }
                let (element, attributes) = match tag {
                    Tag::Paragraph | Tag::Heading { .. } | Tag::Strikethrough => (Open::Inline, 0),
                    Tag::Emphasis | Tag::Strong => (Open::Emphasis, 0),
                    Tag::Link { title, .. } => (Open::Link, 2 + usize::from(!title.is_empty())),
                    _ => (Open::Flow, 0),
                };
                if let Err(e) = self.open.push(element, attributes) {
                    return self.exceeded(e);
                }
            }
            Event::End(TagEnd::HtmlBlock) => {}
            Event::End(_) => {
                if matches!(self.open.pop(), None | Some(Open::Raw(_))) {
                    return None; // raw HTML left an element open inside this one
                }
            }
            Event::Rule if !flow_context(&self.open) => return None,
            _ => {}
        }
        Some(())
    }

    /// Keeps [`Self::containers`] and [`Self::first_paragraph_done`].
    fn count_containers(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_) | Tag::FootnoteDefinition(_)) => {
                self.containers += 1;
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_) | TagEnd::FootnoteDefinition) => {
                self.containers -= 1;
            }
            Event::End(TagEnd::Paragraph) if self.containers == 0 => {
                self.first_paragraph_done = true;
            }
            _ => {}
        }
    }

    /// Writes one event (outside images and HTML blocks), rewriting what the sanitiser would.
    fn write(&mut self, event: Event<'a>) -> Option<()> {
        match event {
            Event::Start(Tag::HtmlBlock) => self.fragment = Some(String::new()),
            Event::Html(_) => return None,
            Event::InlineHtml(s) => {
                let html = self.raw(&s)?;
                self.emit(Event::Html(html.into()));
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                ..
            }) => self.link(link_type, &dest_url, &title)?,
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => {
                let src = resolve(&as_attribute(&dest_url), self.base, self.policy)?;
                if as_attribute(&src) != src {
                    return None; // pulldown-cmark would percent-encode it again
                }
                self.image_depth = 1;
                self.emit(Event::Start(Tag::Image {
                    link_type,
                    dest_url: src.into(),
                    title,
                    id,
                }));
            }
            Event::FootnoteReference(name) => self.footnote_reference(name)?,
            Event::Start(Tag::FootnoteDefinition(name)) => self.footnote_definition(name),
            e if self.sanitize => match self.table.event(e) {
                Ok(e) => self.emit(e),
                Err(cell) => self.emit(Event::Html(cell.into())),
            },
            e => self.emit(e),
        }
        Some(())
    }

    /// Raw HTML rewritten as the sanitiser would leave it (see [`rewrite_raw`]), once its
    /// tags' attributes are known to be within the limit.
    fn raw(&mut self, html: &str) -> Option<String> {
        let html = self.policy.unwrap_embeds(html);
        if let Err(o) = html_limits::attributes(&html) {
            return self.exceeded(o.exceeded);
        }
        let rewritten = match rewrite_raw(&html, self.policy, &mut self.open) {
            Ok(r) => r,
            Err(e) => return self.exceeded(e),
        };
        let (out, tags) = rewritten?;
        if tags && self.raw_tags.is_none() {
            self.raw_tags = Some(!self.first_paragraph_done);
        }
        Some(out)
    }

    /// A link's start tag, with its URL resolved and the sanitiser's `rel`.
    fn link(&mut self, link_type: LinkType, dest_url: &str, title: &str) -> Option<()> {
        let href = if link_type == LinkType::Email {
            resolve(
                &as_attribute(&format!("mailto:{dest_url}")),
                self.base,
                self.policy,
            )?
        } else {
            resolve(&as_attribute(dest_url), self.base, self.policy)?
        };
        let mut a = format!(r#"<a href="{}""#, escape_html(&href));
        if !title.is_empty() {
            a.push_str(&format!(r#" title="{}""#, escape_html(title)));
        }
        a.push_str(self.rel);
        a.push('>');
        self.emit(Event::Html(a.into()));
        Some(())
    }

    /// A footnote reference, with its link resolved and the sanitiser's `rel`.
    fn footnote_reference(&mut self, name: CowStr<'a>) -> Option<()> {
        let href = resolve(&format!("#{name}"), self.base, self.policy)?;
        let n = self.number(name);
        let rel = self.rel;
        self.emit(Event::Html(
            format!(
                r#"<sup class="footnote-reference"><a href="{}"{rel}>{n}</a></sup>"#,
                escape_html(&href)
            )
            .into(),
        ));
        Some(())
    }

    /// A footnote definition's start, written as pulldown-cmark would.
    fn footnote_definition(&mut self, name: CowStr<'a>) {
        // Written here (for the number), so pulldown-cmark's "did the last write end a line" is
        // read from what it has written so far: every event before this one (the writer asks
        // for the next event only once it has written the last).
        let newline = {
            let out = self.out.borrow();
            if out.is_empty() || out.ends_with('\n') {
                ""
            } else {
                "\n"
            }
        };
        let id = escape_html(&name);
        let n = self.number(name);
        self.emit(Event::Html(
            format!(
                r#"{newline}<div class="footnote-definition" id="{id}"><sup class="footnote-definition-label">{n}</sup>"#
            )
            .into(),
        ));
    }

    /// pulldown-cmark's footnote numbering: in order of first mention, references and
    /// definitions alike.
    fn number(&mut self, name: CowStr<'a>) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(name).or_insert(next)
    }
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

/// The cells of tables with an alignment, written with the `style` value the sanitiser would
/// leave (`text-align:center`); pulldown-cmark writes the rest of the table.
#[derive(Default)]
struct TableCells {
    aligns: Vec<Alignment>,
    /// Whether any column of the table has an alignment (read once per table, not per cell).
    aligned: bool,
    head: bool,
    cell: usize,
}

impl TableCells {
    fn event<'a>(&mut self, e: Event<'a>) -> Result<Event<'a>, String> {
        match &e {
            Event::Start(Tag::Table(a)) => {
                self.aligns = a.clone();
                self.aligned = a.iter().any(|a| *a != Alignment::None);
            }
            Event::Start(Tag::TableHead) => (self.head, self.cell) = (true, 0),
            Event::End(TagEnd::TableHead) => self.head = false,
            Event::Start(Tag::TableRow) => self.cell = 0,
            Event::Start(Tag::TableCell) | Event::End(TagEnd::TableCell) => {
                // All cells of an aligned table are written here: pulldown-cmark counts the
                // cells it writes to find their alignment, so it may write none of them.
                if !self.aligned {
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
fn resolve(value: &str, base: &Url, policy: &Policy) -> Option<String> {
    match Url::parse(value) {
        Ok(u) => policy.allows_scheme(u.scheme()).then(|| value.to_string()),
        Err(url::ParseError::RelativeUrlWithoutBase) => base.join(value).ok().map(String::from),
        Err(_) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::body::policy::with_policy;

    #[test]
    fn attribute_values_read_back_escapes() {
        assert_eq!(as_attribute("a b&c'd"), "a%20b&c'd");
        assert_eq!(as_attribute("&amp;#x27;"), "&amp;#x27;");
        assert_eq!(as_attribute("é"), "%C3%A9");
    }

    #[test]
    fn resolves_like_the_sanitiser() {
        let base = Url::parse("https://x.org/a/b/").unwrap();
        let r = |v: &str| with_policy(&base, true, |p| resolve(v, &base, p));
        assert_eq!(r("../c").as_deref(), Some("https://x.org/a/c"));
        assert_eq!(r("HTTPS://Y.org").as_deref(), Some("HTTPS://Y.org"));
        assert_eq!(r("javascript:alert(1)"), None);
        assert_eq!(r("#f").as_deref(), Some("https://x.org/a/b/#f"));
    }
}
