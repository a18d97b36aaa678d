//! Embedded players and `<noscript>` fallbacks, turned into what a feed can show.
//!
//! Sites embed videos with `<iframe>`s the sanitiser removes, which would leave an empty spot
//! where the video was; and they put an image's fallback in `<noscript>`, whose content the
//! sanitiser's parser reads as text, so the feed would show its markup. Before sanitising
//! (whole bodies and the Markdown fast path's raw HTML alike) this rewrites those tags: a
//! YouTube or Vimeo iframe becomes a link to the video, `<noscript>` tags are dropped and their
//! content stays HTML. Other iframes are left to the sanitiser.

use std::borrow::Cow;

use crate::text::escape_html;

/// `html` with its `<noscript>` tags dropped and, when `sanitize`, its video iframes turned
/// into links (their `</iframe>` dropped). Applying it twice changes nothing more.
pub(super) fn unwrap(html: &str, sanitize: bool) -> Cow<'_, str> {
    if !contains_tag(html) {
        return Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut done = 0;
    let mut at = 0;
    // A video iframe was rewritten and its `</iframe>` is still to come (and to drop); the end
    // tags of other iframes stay for the sanitiser.
    let mut rewritten = false;
    while let Some(i) = html[at..].find('<') {
        let start = at + i;
        at = start + 1;
        let Some(len) = tag_len(&html[start..]) else {
            continue;
        };
        let tag = &html[start..start + len];
        let name = tag_name(tag);
        let with = match name.as_str() {
            "noscript" | "/noscript" => String::new(),
            "/iframe" if rewritten => {
                rewritten = false;
                String::new()
            }
            "iframe" if sanitize => match attribute(tag, "src").and_then(|s| video(&s)) {
                Some(url) => {
                    rewritten = true;
                    link(&url)
                }
                None => continue,
            },
            _ => continue,
        };
        out.push_str(&html[done..start]);
        out.push_str(&with);
        done = start + len;
        at = done;
    }
    if done == 0 {
        return Cow::Borrowed(html);
    }
    out.push_str(&html[done..]);
    Cow::Owned(out)
}

/// A link to a video: `<a href="url">url</a>`.
pub(crate) fn link(url: &str) -> String {
    let url = escape_html(url);
    format!("<a href=\"{url}\">{url}</a>")
}

/// Whether `html` may hold a tag this rewrites (a quick test, without allocating: it runs on
/// every body and every piece of raw HTML).
fn contains_tag(html: &str) -> bool {
    let bytes = html.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        b == b'<'
            && ["noscript", "/noscript", "iframe"].iter().any(|name| {
                bytes
                    .get(i + 1..i + 1 + name.len())
                    .is_some_and(|s| s.eq_ignore_ascii_case(name.as_bytes()))
            })
    })
}

/// The length of the tag at the start of `text` (`<` up to its `>`, quoted values skipped).
fn tag_len(text: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in text.char_indices().skip(1) {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i + 1),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// A tag's name, lower case, with its `/` if it is an end tag.
fn tag_name(tag: &str) -> String {
    tag[1..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '/')
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The value of attribute `name` in `tag`, unquoted.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    loop {
        let i = from + lower[from..].find(name)?;
        from = i + name.len();
        let before = lower[..i].chars().last();
        let rest = tag[from..].trim_start();
        if !before.is_some_and(char::is_whitespace) || !rest.starts_with('=') {
            continue;
        }
        let rest = rest[1..].trim_start();
        let value = match rest.chars().next()? {
            q @ ('"' | '\'') => rest[1..].split(q).next()?,
            _ => rest.split(|c: char| c.is_whitespace() || c == '>').next()?,
        };
        return Some(value.to_string());
    }
}

/// The page of a YouTube or Vimeo player URL: `…/embed/ID` -> `https://www.youtube.com/watch?v=ID`,
/// `player.vimeo.com/video/ID` -> `https://vimeo.com/ID`; `None` for anything else.
fn video(src: &str) -> Option<String> {
    let rest = src
        .trim()
        .trim_start_matches("https:")
        .trim_start_matches("http:")
        .strip_prefix("//")?;
    let (host, path) = rest.split_once('/')?;
    let host = host.to_ascii_lowercase();
    let host = host.trim_start_matches("www.");
    let id = |prefix: &str| {
        let id = path.strip_prefix(prefix)?;
        let id = id.split(['?', '#', '/']).next()?;
        (!id.is_empty()).then(|| id.to_string())
    };
    match host {
        "youtube.com" | "youtube-nocookie.com" => {
            id("embed/").map(|id| format!("https://www.youtube.com/watch?v={id}"))
        }
        "player.vimeo.com" => id("video/").map(|id| format!("https://vimeo.com/{id}")),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn video_iframes_become_links_when_sanitising() {
        let html =
            "<p>x</p>\n<iframe width=\"560\" src=\"https://www.youtube.com/embed/abc?si=1\" \
                    allowfullscreen></iframe>\n<IFRAME src='//player.vimeo.com/video/42'></IFRAME>";
        assert_eq!(
            unwrap(html, true),
            "<p>x</p>\n<a href=\"https://www.youtube.com/watch?v=abc\">\
             https://www.youtube.com/watch?v=abc</a>\n<a href=\"https://vimeo.com/42\">\
             https://vimeo.com/42</a>"
        );
        assert_eq!(unwrap(html, false), html);
        let other = "<iframe src=\"https://evil.example.com/\">x</iframe>";
        assert_eq!(unwrap(other, true), other);
        let both = format!("<iframe src=\"https://youtube.com/embed/x\"></iframe>{other}");
        let want =
            "<a href=\"https://www.youtube.com/watch?v=x\">https://www.youtube.com/watch?v=x</a>";
        assert_eq!(unwrap(&both, true), format!("{want}{other}"));
    }

    #[test]
    fn noscript_content_stays_html() {
        assert_eq!(
            unwrap(
                "<NoScript><img src=\"a.png\" alt=\"a > b\"></noscript>",
                false
            ),
            "<img src=\"a.png\" alt=\"a > b\">"
        );
        let once = unwrap(
            "<noscript><iframe src=\"https://youtube.com/embed/x\"></iframe></noscript>",
            true,
        );
        assert_eq!(unwrap(&once, true), once);
    }
}
