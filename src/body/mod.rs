//! Article bodies turned into what feeds carry: safe, absolute HTML and a plain-text summary.
//!
//! Markdown (CommonMark with tables, footnotes, strikethrough and task lists), HTML and plain-text
//! bodies are rendered to HTML and sanitised by ammonia under the `policy` module's settings,
//! which also resolve every relative URL against the article's own. Markdown usually takes the
//! `markdown` module's faster route to the same tree (raw HTML in it rewritten by `raw`); the
//! whole-body sanitiser here is its fallback and the reference the `verify` module compares it
//! with. The `summary` module reads the summary from the sanitised HTML; `elements` holds what
//! all of them know about HTML elements. This is pure: no I/O, no clock.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt::Write;

use pulldown_cmark::{html, Options, Parser};
use url::Url;

use crate::article::{Article, BodyKind};
use crate::diagnostics::Diagnostic;
use crate::text::{escape_html, strip_forbidden_owned};

mod elements;
mod embed;
mod html_limits;
pub mod limits;
mod markdown;
mod policy;
mod raw;
mod summary;
pub mod templates;
#[cfg(any(test, fuzzing))]
mod verify;

use limits::{render_budget, Exceeded, Nesting, Overrun};
pub use policy::clean;
use policy::with_policy;
#[cfg(any(test, fuzzing))]
pub use verify::check_fast_path;

/// A body ready for a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// Sanitised HTML with absolute URLs.
    pub html: String,
    /// Plain-text summary.
    pub summary: String,
    /// What names this rendering in the build cache (none without a cache).
    pub cache: Option<BodyRef>,
}

/// A rendered body as the build cache knows it: the key of everything its rendering read, and
/// whether this build left it unrendered because its entries' bytes are in the files an
/// earlier build wrote (then `html` and `summary` are empty, and only
/// [`crate::render::fragments`] may write its entries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BodyRef {
    pub key: [u8; 32],
    pub elsewhere: bool,
}

/// What a site's Markdown adds to feedwright's dialect.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Dialect {
    /// Heading attributes, `## Title {#id .class}` (Zola's Markdown has them).
    pub heading_attributes: bool,
}

impl Dialect {
    /// The Markdown dialect of a site with `preset`.
    pub fn of(preset: Option<crate::config::Preset>) -> Dialect {
        Dialect {
            heading_attributes: preset == Some(crate::config::Preset::Zola),
        }
    }

    /// pulldown-cmark's options for this dialect.
    fn options(self) -> Options {
        let mut options = markdown_options();
        options.set(Options::ENABLE_HEADING_ATTRIBUTES, self.heading_attributes);
        options
    }
}

/// A body rendered once, from which each feed's summary is cut to its own length.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderedBody {
    /// Sanitised HTML with absolute URLs.
    pub html: String,
    summary: summary::Summary,
}

impl RenderedBody {
    /// The summary for a feed whose summaries are at most `summary_length` characters (an
    /// explicit `summary` is kept whole).
    pub fn summary(&self, summary_length: usize) -> String {
        strip_forbidden_owned(self.summary.cut(summary_length))
    }

    /// The body and summary as a feed with `summary_length` shows them.
    pub fn into_rendered(self, summary_length: usize) -> Rendered {
        Rendered {
            summary: self.summary(summary_length),
            html: self.html,
            cache: None,
        }
    }
}

/// Renders `article`'s body and summary. `summary_length` caps derived summaries (an explicit
/// `summary` is kept as written). A body past one of the [`limits`] is an error naming the
/// file.
pub fn render(
    article: &Article,
    summary_length: usize,
    sanitize: bool,
) -> Result<Rendered, Diagnostic> {
    Ok(render_once(article, sanitize, Dialect::default())?.into_rendered(summary_length))
}

/// Renders `article`'s body once; [`RenderedBody::summary`] then cuts each feed's summary. A
/// body past one of the [`limits`] is an error naming the file, and the line where known.
/// `dialect` is the site's Markdown (a preset's).
pub fn render_once(
    article: &Article,
    sanitize: bool,
    dialect: Dialect,
) -> Result<RenderedBody, Diagnostic> {
    render_with(article, sanitize, true, dialect)
        .map_err(|o| o.diagnostic(&article.path, article.body_line))
}

/// [`render_once`], optionally without the event-level Markdown path (to compare the two in
/// tests).
fn render_with(
    article: &Article,
    sanitize: bool,
    fast: bool,
    dialect: Dialect,
) -> Result<RenderedBody, Overrun> {
    let base = Url::parse(&article.link).expect("article links are validated URLs");
    let options = dialect.options();
    let source = article.body_text();
    let budget = render_budget(source.len());
    with_policy(&base, sanitize, |policy| {
        let over = || Err(Overrun::new(Exceeded::Rendered(budget)));
        let to_clean_html = |body: &str| -> Result<Html, Overrun> {
            if fast && article.kind == BodyKind::Markdown {
                // The URLs of raw tags are resolved by the sanitiser, within the same budget.
                policy::limit_urls(budget);
                let out = markdown::render(body, &base, policy, sanitize, options, budget)?;
                if policy::urls_overran() {
                    return over();
                }
                if let Some(out) = out {
                    return Ok(out);
                }
            }
            let html = whole_body_html(body, article.kind, options, budget)?;
            policy::limit_urls(budget);
            let html = policy.clean(&html).to_string();
            if html.len() > budget || policy::urls_overran() {
                return over();
            }
            Ok(Html {
                html,
                raw_tags: None,
            })
        };
        let whole = to_clean_html(source)?;
        let summary = summary::summary(article, &whole, policy, |marked| {
            // The body with a marker line in it: its positions are not the file's.
            to_clean_html(marked).map_err(Overrun::nowhere)
        })?;
        // Entity references (`&#x1;`) decode to characters feeds cannot carry; drop them here,
        // once.
        Ok(RenderedBody {
            html: strip_forbidden_owned(whole.html),
            summary,
        })
    })
}

/// A body as HTML for the whole-body sanitiser, checked against the limits first: Markdown's
/// nesting, and what html5ever would hold (text bodies too: a line is a node).
fn whole_body_html(
    body: &str,
    kind: BodyKind,
    options: Options,
    budget: usize,
) -> Result<Cow<'_, str>, Overrun> {
    let html = match kind {
        BodyKind::Markdown => Cow::Owned(markdown_html(body, options, budget)?),
        _ => to_html(body, kind),
    };
    // Positions in HTML written from Markdown or text are not positions in the body.
    html_limits::check(&html).map_err(|o| match kind {
        BodyKind::Html => o,
        _ => o.nowhere(),
    })?;
    Ok(html)
}

/// Markdown rendered by pulldown-cmark as it is, stopping at the first limit it passes: its
/// nesting, or `budget` bytes of HTML.
fn markdown_html(body: &str, options: Options, budget: usize) -> Result<String, Overrun> {
    let mut nesting = Nesting::default();
    let mut over = None;
    let events = Parser::new_ext(body, options)
        .into_offset_iter()
        .map_while(|(event, range)| match nesting.check(&event, range, body) {
            Ok(()) => Some(event),
            Err(o) => {
                over = Some(o);
                None
            }
        });
    let out = RefCell::new(String::with_capacity(body.len().min(budget) * 3 / 2));
    let written = html::write_html_fmt(Bounded::new(&out, budget), events);
    match over {
        Some(o) => Err(o),
        None if written.is_err() => Err(Overrun::new(Exceeded::Rendered(budget))),
        None => Ok(out.into_inner()),
    }
}

/// Writes into a shared `String` (which the one writing may read between writes), refusing to
/// grow it past `budget` bytes.
struct Bounded<'o> {
    out: &'o RefCell<String>,
    budget: usize,
}

impl<'o> Bounded<'o> {
    fn new(out: &'o RefCell<String>, budget: usize) -> Bounded<'o> {
        Bounded { out, budget }
    }
}

impl Write for Bounded<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        let mut out = self.out.borrow_mut();
        if out.len() + s.len() > self.budget {
            return Err(std::fmt::Error);
        }
        out.push_str(s);
        Ok(())
    }
}

/// A body as sanitised HTML, from either path.
struct Html {
    /// Sanitised HTML with absolute URLs.
    html: String,
    /// Where raw HTML tags (other than `<img>`, `<br>`, `<wbr>`) first appear on the Markdown
    /// fast path: `None` if nowhere (and always on the whole-body path); `Some(true)` if before
    /// the end of the first top-level paragraph (or if there is no such paragraph). Up to
    /// there, `html` is written as the sanitiser would write it, so a summary can be read from
    /// it.
    raw_tags: Option<bool>,
}

/// The Markdown dialect: CommonMark with tables, footnotes, strikethrough and task lists.
fn markdown_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
}

/// Renders a body of any kind to (unsanitised) HTML.
pub fn to_html(body: &str, kind: BodyKind) -> Cow<'_, str> {
    to_html_with(body, kind, markdown_options())
}

/// [`to_html`] with Markdown `options`.
fn to_html_with(body: &str, kind: BodyKind, options: Options) -> Cow<'_, str> {
    match kind {
        BodyKind::Html => Cow::Borrowed(body),
        BodyKind::Markdown => {
            let mut out = String::with_capacity(body.len() * 3 / 2);
            html::push_html(&mut out, Parser::new_ext(body, options));
            Cow::Owned(out)
        }
        BodyKind::Text => {
            let mut out = String::with_capacity(body.len() + 64);
            for para in body.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
                let lines: Vec<String> = para.lines().map(|l| escape_html(l.trim_end())).collect();
                out.push_str("<p>");
                out.push_str(&lines.join("<br>\n"));
                out.push_str("</p>\n");
            }
            Cow::Owned(out)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_markdown_extensions_and_text() {
        let md = "| a |\n|---|\n| b |\n\n~~s~~\n\n- [x] done\n\nn[^1]\n\n[^1]: note\n";
        let html = to_html(md, BodyKind::Markdown);
        for want in ["<table>", "<del>s</del>", "checkbox", "footnote-definition"] {
            assert!(html.contains(want), "{want} in {html}");
        }
        assert_eq!(
            to_html("a < b\nline two\n\n\npara", BodyKind::Text),
            "<p>a &lt; b<br>\nline two</p>\n<p>para</p>\n"
        );
    }

    #[test]
    fn heading_attributes_only_in_the_zola_dialect_and_both_routes_agree() {
        let md = "## Title {#the-id .wide}\n\ntext\n";
        let mut a = verify::test_article(md, &Url::parse("https://x.org/a/").unwrap());
        a.kind = BodyKind::Markdown;
        let off = render_with(&a, true, true, Dialect::default())
            .unwrap()
            .into_rendered(50);
        assert!(
            off.html.contains("<h2>Title {#the-id .wide}</h2>"),
            "{}",
            off.html
        );
        let zola = Dialect::of(Some(crate::config::Preset::Zola));
        let fast = render_with(&a, true, true, zola).unwrap().into_rendered(50);
        let slow = render_with(&a, true, false, zola)
            .unwrap()
            .into_rendered(50);
        assert!(
            fast.html
                .starts_with("<h2 id=\"the-id\" class=\"wide\">Title</h2>"),
            "{}",
            fast.html
        );
        assert_eq!(fast, slow);
    }

    fn article(body: &str) -> Article {
        verify::test_article(body, &Url::parse("https://x.org/a/").unwrap())
    }

    #[test]
    fn one_render_serves_every_summary_length() {
        let a = article("One two three four five.\n");
        let body = render_once(&a, true, Dialect::default()).unwrap();
        for (len, want) in [
            (10, "One two…"),
            (14, "One two three…"),
            (280, "One two three four five."),
        ] {
            assert_eq!(body.summary(len), want);
            assert_eq!(render(&a, len, true).unwrap().summary, want);
        }
        assert_eq!(body.clone().into_rendered(10).html, body.html);
    }

    #[test]
    fn both_paths_render_bodies_within_the_limits_and_refuse_the_rest() {
        let fast_and_slow = |body: &str| {
            let a = article(body);
            [true, false].map(|fast| render_with(&a, true, fast, Dialect::default()))
        };
        // Relative links grow to full URLs: within 16 times the body, that is allowed.
        let links = "[a](b) ".repeat(20_000);
        for r in fast_and_slow(&links) {
            let html = r.unwrap().html;
            assert_eq!(html.matches("href=\"https://x.org/a/b\"").count(), 20_000);
            assert!(html.len() < render_budget(links.len()));
        }
        let footnotes = format!("[^a]: n\n\n{}\n", "x[^a]".repeat(60_000));
        for r in fast_and_slow(&footnotes) {
            let budget = render_budget(footnotes.len());
            assert_eq!(r.unwrap_err(), Overrun::new(Exceeded::Rendered(budget)));
        }
        let quotes = format!("a\n\n{} x\n", ">".repeat(200));
        for r in fast_and_slow(&quotes) {
            let o = r.unwrap_err();
            assert_eq!(
                (o.exceeded, o.at),
                (Exceeded::MarkdownDepth, Some((3, 101)))
            );
        }
        // Raw HTML: the fast path places it; the whole-body path reads HTML written from the
        // Markdown, whose lines are not the file's.
        // Resolved URLs count too: raw links in Markdown resolve against a long article link.
        let mut a = article(&"<a href=\"x\" title=\"t\">y</a> ".repeat(100));
        a.link = format!("https://x.org/{}/", "a".repeat(100_000));
        for fast in [true, false] {
            let o = render_with(&a, true, fast, Dialect::default()).unwrap_err();
            assert_eq!(o.exceeded, Exceeded::Rendered(limits::RENDER_FLOOR));
        }
        let divs = format!("a\n\n{}\n", "<div>".repeat(600));
        let [fast, slow] = fast_and_slow(&divs).map(|r| r.unwrap_err());
        assert_eq!(
            (fast.exceeded, fast.at),
            (Exceeded::HtmlDepth, Some((3, 1)))
        );
        assert_eq!((slow.exceeded, slow.at), (Exceeded::HtmlDepth, None));
    }
}
