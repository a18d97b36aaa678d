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

use pulldown_cmark::{html, Options, Parser};
use url::Url;

use crate::article::{Article, BodyKind};
use crate::text::{escape_html, strip_forbidden_owned};

mod elements;
mod embed;
mod markdown;
mod policy;
mod raw;
mod summary;
pub mod templates;
#[cfg(any(test, fuzzing))]
mod verify;

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
}

/// Renders `article`'s body and summary. `summary_length` caps derived summaries (an explicit
/// `summary` is kept as written).
pub fn render(article: &Article, summary_length: usize, sanitize: bool) -> Rendered {
    render_in(article, summary_length, sanitize, Dialect::default())
}

/// [`render`] in a Markdown `dialect` (a preset's).
pub fn render_in(
    article: &Article,
    summary_length: usize,
    sanitize: bool,
    dialect: Dialect,
) -> Rendered {
    render_with(article, summary_length, sanitize, true, dialect)
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

/// [`render_in`], optionally without the event-level Markdown path (to compare the two in
/// tests).
fn render_with(
    article: &Article,
    summary_length: usize,
    sanitize: bool,
    fast: bool,
    dialect: Dialect,
) -> Rendered {
    let base = Url::parse(&article.link).expect("article links are validated URLs");
    let options = dialect.options();
    with_policy(&base, sanitize, |policy| {
        let to_clean_html = |body: &str| -> Html {
            if fast && article.kind == BodyKind::Markdown {
                if let Some(out) = markdown::render(body, &base, policy, sanitize, options) {
                    return out;
                }
            }
            Html {
                html: policy
                    .clean(&to_html_with(body, article.kind, options))
                    .to_string(),
                raw_tags: None,
            }
        };
        let whole = to_clean_html(article.body_text());
        let summary = summary::summary(article, &whole, summary_length, policy, to_clean_html);
        // Entity references (`&#x1;`) decode to characters feeds cannot carry; drop them here,
        // once.
        Rendered {
            html: strip_forbidden_owned(whole.html),
            summary: strip_forbidden_owned(summary),
        }
    })
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
        let off = render_with(&a, 50, true, true, Dialect::default());
        assert!(
            off.html.contains("<h2>Title {#the-id .wide}</h2>"),
            "{}",
            off.html
        );
        let zola = Dialect::of(Some(crate::config::Preset::Zola));
        let fast = render_with(&a, 50, true, true, zola);
        let slow = render_with(&a, 50, true, false, zola);
        assert!(
            fast.html
                .starts_with("<h2 id=\"the-id\" class=\"wide\">Title</h2>"),
            "{}",
            fast.html
        );
        assert_eq!(fast, slow);
    }
}
