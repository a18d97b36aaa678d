//! How an article's plain-text summary is made, all in one place.
//!
//! An explicit `summary` in the front matter is kept as written (white space folded). Otherwise
//! the summary is the text above a `<!-- more -->` line, or else the first paragraph outside
//! lists, tables and code (all the text when there is none), read from the sanitised HTML so
//! that it says what the feed's HTML says: entities decoded, footnote markers and scripts left
//! out. Then it is cut to the feed's `summary_length` on a word boundary, with `…` when cut.

use std::borrow::Cow;

use super::elements::{element, CONTAINER, HIDDEN, INLINE, VOID};
use super::html_limits;
use super::limits::Overrun;
use super::policy::Policy;
use super::Html;
use crate::article::{Article, BodyKind};
use crate::text::fold;

/// An article's summary before it is cut to a feed's `summary_length`: it does not depend on
/// the length, so a body is rendered once however many lengths its feeds ask for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Summary {
    /// The front matter's `summary`, white space folded: kept whole.
    Written(String),
    /// Read from the body: cut on a word boundary.
    Derived(String),
}

impl Summary {
    /// The summary for a feed whose summaries are at most `max` characters.
    pub(super) fn cut(&self, max: usize) -> String {
        match self {
            Summary::Written(s) => s.clone(),
            Summary::Derived(text) => truncate_words(text, max),
        }
    }
}

/// The plain-text summary of `article`, before it is cut (see [`Summary::cut`]). `whole` is
/// its body rendered by `render`, which renders any body text the same way; `policy` is the
/// sanitiser both used.
pub(super) fn summary(
    article: &Article,
    whole: &Html,
    policy: &Policy,
    render: impl Fn(&str) -> Result<Html, Overrun>,
) -> Result<Summary, Overrun> {
    if let Some(s) = &article.summary {
        return Ok(Summary::Written(fold(s)));
    }
    let text = if let Some((before, after)) = split_more(article.body_text(), article.kind) {
        // The whole body is rendered, with a marker paragraph where `<!-- more -->` was, so
        // footnotes and link definitions below the marker still resolve above it.
        let marked = format!("{before}\n\n{MORE_MARKER}\n\n{after}");
        let part = render(&marked)?;
        let text = plain_text(
            &readable(&part.html, part.raw_tags.is_some(), policy)?,
            false,
        );
        text.split(MORE_MARKER)
            .next()
            .unwrap_or_default()
            .to_string()
    } else {
        let raw_tags = whole.raw_tags == Some(true);
        plain_text(&readable(&whole.html, raw_tags, policy)?, true)
    };
    Ok(Summary::Derived(text))
}

/// `html` as the sanitiser itself would serialise it, which is what [`plain_text`] reads: the
/// same string unless raw HTML tags are in the way (`raw_tags`), when it is sanitised again
/// (checked against the HTML limits first, as everything the sanitiser parses is; its
/// positions are not the body's).
fn readable<'h>(html: &'h str, raw_tags: bool, policy: &Policy) -> Result<Cow<'h, str>, Overrun> {
    if !raw_tags {
        return Ok(Cow::Borrowed(html));
    }
    html_limits::check(html).map_err(Overrun::nowhere)?;
    Ok(Cow::Owned(policy.clean(html).to_string()))
}

/// Stands in for `<!-- more -->` while the summary is extracted (HTML comments do not survive
/// sanitising). Made of letters only, so every body format keeps it as plain text.
const MORE_MARKER: &str = "FeedwrightMoreMarkerQ7xZ";

/// Splits the body at a `<!-- more -->` line into the parts before and after it.
fn split_more(body: &str, kind: BodyKind) -> Option<(&str, &str)> {
    let mut offset = 0;
    for line in body.split_inclusive('\n') {
        let t = line.trim();
        // Not `t[4..t.len() - 3]`: in `<!-->` the two ends overlap.
        let is_more = kind != BodyKind::Text
            && t.strip_prefix("<!--")
                .and_then(|rest| rest.strip_suffix("-->"))
                .is_some_and(|inner| inner.trim().eq_ignore_ascii_case("more"));
        if is_more {
            return Some((&body[..offset], &body[offset + line.len()..]));
        }
        offset += line.len();
    }
    None
}

/// One piece of ammonia's serialised output: a tag or a run of text.
pub(super) enum Token<'a> {
    Start { name: &'a str, footnote: bool },
    End { name: &'a str },
    Text(&'a str),
}

/// Splits HTML as html5ever serialises it (the sanitiser's output) into tags and text. That
/// serialisation is canonical: text never holds a raw `<`, attribute values are double-quoted,
/// comments are gone. So a quote-aware scan reads it exactly; it is not a general HTML parser.
pub(super) fn tokens(html: &str) -> impl Iterator<Item = Token<'_>> {
    let mut rest = html;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        if !rest.starts_with('<') {
            let end = rest.find('<').unwrap_or(rest.len());
            let (text, tail) = rest.split_at(end);
            rest = tail;
            return Some(Token::Text(text));
        }
        let mut in_quote = false;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    in_quote = !in_quote;
                }
                c == '>' && !in_quote
            })
            .map_or(rest.len(), |(i, _)| i + 1);
        let (tag, tail) = rest.split_at(end);
        rest = tail;
        Some(tag_token(tag))
    })
}

/// The token for one whole tag (`<name ...>` or `</name>`).
fn tag_token(tag: &str) -> Token<'_> {
    let inner = tag.trim_start_matches('<').trim_end_matches('>');
    let (closing, inner) = match inner.strip_prefix('/') {
        Some(i) => (true, i),
        None => (false, inner),
    };
    let name_end = inner
        .find(|c: char| c.is_whitespace() || c == '/')
        .unwrap_or(inner.len());
    let name = &inner[..name_end];
    if closing {
        return Token::End { name };
    }
    let footnote = inner[name_end..]
        .split("class=\"")
        .nth(1)
        .and_then(|v| v.split('"').next())
        .is_some_and(|v| v.split_whitespace().any(|c| c.starts_with("footnote")));
    Token::Start { name, footnote }
}

/// The plain text of sanitised HTML: entities decoded, block boundaries as spaces, footnote
/// markers and script/style content left out. With `first_paragraph`, only the first `<p>`
/// outside lists, tables and code (the whole text when there is none).
fn plain_text(html: &str, first_paragraph: bool) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    let mut skip_below: Option<usize> = None; // skipping an element opened at this depth
    let mut container = 0usize; // inside pre/table/lists, where no summary paragraph is taken
    let mut in_p = false;
    for t in tokens(html) {
        let (name, start, footnote) = match t {
            Token::Start { name, footnote } => (name, true, footnote),
            Token::End { name } => (name, false, false),
            Token::Text(text) => {
                if skip_below.is_none() && (!first_paragraph || in_p) {
                    out.push_str(&decode_entities(text));
                }
                continue;
            }
        };
        let el = element(name);
        let is = |facts| el.is_some_and(|e| e.is(facts));
        if is(VOID) {
            if start && skip_below.is_none() && !is(INLINE) {
                out.push(' ');
            }
            continue;
        }
        if start {
            depth += 1;
            if skip_below.is_none() && (footnote || is(HIDDEN)) {
                skip_below = Some(depth);
            }
            if is(CONTAINER) {
                container += 1;
            }
            if name == "p" && container == 0 && skip_below.is_none() {
                in_p = true;
            }
        } else {
            if skip_below == Some(depth) {
                skip_below = None;
            }
            depth = depth.saturating_sub(1);
            if is(CONTAINER) {
                container = container.saturating_sub(1);
            }
            if name == "p" && in_p && first_paragraph {
                return fold(&out);
            }
        }
        if !is(INLINE) {
            out.push(' ');
        }
    }
    if first_paragraph {
        // No paragraph: fall back to all the text.
        return plain_text(html, false);
    }
    fold(&out)
}

/// Decodes the entities html5ever's serialiser writes (`&amp; &lt; &gt; &quot; &nbsp;`).
fn decode_entities(text: &str) -> Cow<'_, str> {
    if !text.contains('&') {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&nbsp;", "\u{a0}")
            .replace("&amp;", "&"),
    )
}

/// Cuts plain `text` to at most `max` characters on a word boundary, adding `…` when cut.
/// White space runs are folded to one space first. A single word longer than `max` is cut
/// inside the word rather than dropped.
fn truncate_words(text: &str, max: usize) -> String {
    let folded = fold(text);
    if folded.chars().count() <= max {
        return folded;
    }
    let budget = max.saturating_sub(1); // room for the ellipsis
    let cut = folded
        .char_indices()
        .nth(budget)
        .map_or(folded.len(), |(i, _)| i);
    let head = &folded[..cut];
    // The cut is on a boundary when the next character is a space.
    let on_boundary = folded[cut..].starts_with(' ');
    let kept = if on_boundary {
        head
    } else {
        match head.rfind(' ') {
            Some(i) if i > 0 => &head[..i],
            _ => head,
        }
    };
    let kept = kept.trim_end_matches(|c: char| c.is_whitespace() || matches!(c, ',' | ';' | ':'));
    format!("{kept}…")
}

#[cfg(test)]
mod tests {
    use url::Url;

    use super::*;
    use crate::article::Body;
    use crate::body::verify::test_article;
    use crate::body::{clean, render};

    fn base() -> Url {
        Url::parse("https://x.org/news/2026/post/").unwrap()
    }

    fn article(body: &str) -> Article {
        test_article(body, &base())
    }

    #[test]
    fn plain_text_decodes_and_skips_footnotes() {
        let html = clean("<ul><li>list</li></ul><p>A &amp; B<sup class=\"footnote-reference\"><a href=\"#1\">1</a></sup> <code>&lt;x&gt;</code>.</p><p>two</p>", &base(), true).to_string();
        assert_eq!(plain_text(&html, true), "A & B <x>.");
        assert_eq!(plain_text(&html, false), "list A & B <x>. two");
        assert_eq!(
            plain_text("<h1>Only</h1><div>text</div>", true),
            "Only text"
        );
        assert_eq!(plain_text("a<br>b<img alt=\"x > y\">c", false), "a b c");
    }

    #[test]
    fn more_marker_lines_that_overlap_do_not_panic() {
        // Found by the markdown fuzz target: `<!-->` both starts with `<!--` and ends with `-->`.
        for line in ["<!-->", "<!--->", "<!---->", "<!-- -->"] {
            let body = format!("a\n{line}\nb\n");
            assert_eq!(split_more(&body, BodyKind::Markdown), None, "{line}");
            assert!(render(&article(&body), 280, true).is_ok());
        }
        assert_eq!(
            split_more("a\n<!--more-->\nb", BodyKind::Markdown),
            Some(("a\n", "b"))
        );
    }

    #[test]
    fn summary_takes_more_marker_else_first_paragraph() {
        let mut a = article("# Head\n\nFirst *para* here[^1].\n\nSecond.\n\n[^1]: fn\n");
        assert_eq!(render(&a, 280, true).unwrap().summary, "First para here.");
        a.body = Body::Text("Intro one.\n\nIntro two.\n\n<!-- more -->\n\nRest.".into());
        assert_eq!(
            render(&a, 280, true).unwrap().summary,
            "Intro one. Intro two."
        );
        assert_eq!(render(&a, 12, true).unwrap().summary, "Intro one.…");
        // Footnotes and link definitions below the marker still resolve above it.
        a.body = Body::Text(
            "Intro[^n] with [a link][l].\n<!-- more -->\nRest.\n\n[l]: /x/\n\n[^n]: note\n".into(),
        );
        assert_eq!(render(&a, 280, true).unwrap().summary, "Intro with a link.");
        a.summary = Some("  Given   summary ".into());
        assert_eq!(render(&a, 5, true).unwrap().summary, "Given summary");
    }

    #[test]
    fn truncates_on_word_boundaries() {
        assert_eq!(truncate_words("one two three", 20), "one two three");
        assert_eq!(truncate_words("one two three", 9), "one two…");
        assert_eq!(truncate_words("one two three", 8), "one two…");
        assert_eq!(truncate_words("one two three", 7), "one…");
        assert_eq!(truncate_words("abcdefghij", 5), "abcd…");
        assert_eq!(truncate_words("  spaced \n\n out  ", 50), "spaced out");
        assert!(truncate_words(&"word ".repeat(100), 280).chars().count() <= 280);
    }
}
