//! The sanitiser policy: what ammonia keeps of a body, and how it resolves URLs.
//!
//! Bodies are sanitised by ammonia (an html5ever parser), which drops what is unsafe (scripts,
//! event handlers, `javascript:` URLs, frames) and balances tags. This policy adds what feeds
//! need on top of ammonia's defaults (pictures, media, task-list checkboxes, table alignment)
//! and resolves every relative `href`, `src`, `srcset` and fragment link against the article's
//! own URL, as a browser would on the article's page. Trusted sites (`sanitize = false`) keep
//! what they wrote, scripts and frames included, but still get balanced tags and absolute URLs.
//! Both policies are built once per thread: building one costs about as much as sanitising a
//! small body. A resolved URL can be far longer than the relative one it replaces (an article
//! link is as long as its author makes it), so the bytes of URLs resolved in one render are
//! bounded too ([`limit_urls`]).

use std::borrow::Cow;
use std::cell::{Cell, RefCell};
use std::collections::HashSet;

use ammonia::{Builder, UrlRelative};
use url::Url;

/// One sanitiser (sanitising or trusted), with the URL schemes it keeps.
pub(super) struct Policy {
    builder: Builder<'static>,
    /// The schemes absolute URLs may have: ammonia's default list, read from the builder so the
    /// Markdown fast path keeps exactly what the sanitiser keeps.
    schemes: HashSet<&'static str>,
    /// Whether this is the sanitising policy.
    sanitize: bool,
}

impl Policy {
    fn new(sanitize: bool) -> Policy {
        let builder = builder(sanitize);
        Policy {
            schemes: builder.clone_url_schemes(),
            builder,
            sanitize,
        }
    }

    /// Parses, sanitises and absolutises `html` (against the base [`with_policy`] set), after
    /// [`Policy::unwrap_embeds`].
    pub fn clean(&self, html: &str) -> ammonia::Document {
        self.builder.clean(&self.unwrap_embeds(html))
    }

    /// What a reader of the feed should see instead of markup the sanitiser would leave
    /// empty or escaped: `<noscript>` tags are dropped and their content kept as HTML (the
    /// parser would read it as text, and it would show as markup); when sanitising, a YouTube
    /// or Vimeo `<iframe>` becomes a link to the video (see [`super::embed::link`]) instead of
    /// vanishing. Works tag by tag, so that a piece of raw HTML on the Markdown fast path is
    /// rewritten exactly as the whole body is here.
    pub fn unwrap_embeds<'h>(&self, html: &'h str) -> Cow<'h, str> {
        super::embed::unwrap(html, self.sanitize)
    }

    /// Whether the sanitiser keeps an absolute URL with `scheme` (as the `url` crate spells it).
    pub fn allows_scheme(&self, scheme: &str) -> bool {
        self.schemes.contains(scheme)
    }
}

/// Parses, sanitises and absolutises HTML against `base` (the article's link).
pub fn clean(html: &str, base: &Url, sanitize: bool) -> ammonia::Document {
    with_policy(base, sanitize, |policy| policy.clean(html))
}

thread_local! {
    /// The article URL this thread's sanitiser resolves against (set by [`with_policy`]).
    static BASE: RefCell<Option<Url>> = const { RefCell::new(None) };
    /// This thread's sanitisers (sanitising, trusted), built once.
    static POLICIES: [Policy; 2] = [Policy::new(true), Policy::new(false)];
    /// How many more bytes of resolved URLs the render in progress may write (see
    /// [`limit_urls`]), and whether one was refused for want of room.
    static URL_ROOM: Cell<(usize, bool)> = const { Cell::new((usize::MAX, false)) };
}

/// Runs `f` with the sanitiser (`sanitize` or trusted), resolving URLs against `base`.
pub(super) fn with_policy<R>(base: &Url, sanitize: bool, f: impl FnOnce(&Policy) -> R) -> R {
    BASE.with(|b| *b.borrow_mut() = Some(base.clone()));
    URL_ROOM.with(|r| r.set((usize::MAX, false)));
    POLICIES.with(|p| f(&p[usize::from(!sanitize)]))
}

/// From now on (until the next call, or [`with_policy`]), the sanitiser resolves at most
/// `bytes` bytes of URLs; past them it drops the URL and [`urls_overran`] says so. The output
/// would be larger than `bytes` anyway, which the caller refuses.
pub(super) fn limit_urls(bytes: usize) {
    URL_ROOM.with(|r| r.set((bytes, false)));
}

/// Whether a URL was dropped for want of room since [`limit_urls`].
pub(super) fn urls_overran() -> bool {
    URL_ROOM.with(|r| r.get().1)
}

/// Joins `url` to the base [`with_policy`] set, if the room [`limit_urls`] left allows.
fn join_base(url: &str) -> Option<Url> {
    let joined = BASE.with(|b| b.borrow().as_ref().and_then(|base| base.join(url).ok()))?;
    URL_ROOM.with(|r| {
        let (room, _) = r.get();
        match room.checked_sub(joined.as_str().len()) {
            Some(left) => {
                r.set((left, false));
                Some(joined)
            }
            None => {
                r.set((room, true));
                None
            }
        }
    })
}

/// A relative URL joined to the current base, as `UrlRelative::RewriteWithBase` would.
fn resolve_relative(url: &str) -> Option<Cow<'_, str>> {
    join_base(url).map(|u| Cow::Owned(String::from(u)))
}

/// The sanitiser's settings: what it keeps, and URLs resolved against the current article's.
fn builder(sanitize: bool) -> Builder<'static> {
    let mut b = Builder::default();
    b.add_tags([
        "tfoot", "picture", "source", "input", "section", "video", "audio", "track", "main",
    ])
    .add_generic_attributes(["id", "class", "dir"])
    .add_tag_attributes("img", ["srcset", "sizes", "loading", "decoding"])
    .add_tag_attributes("source", ["srcset", "sizes", "src", "type", "media"])
    .add_tag_attributes("input", ["type", "checked", "disabled"])
    .add_tag_attributes("video", ["src", "poster", "controls", "width", "height"])
    .add_tag_attributes("audio", ["src", "controls"])
    .add_tag_attributes("track", ["src", "kind", "srclang", "label"])
    .add_tag_attributes("td", ["style"])
    .add_tag_attributes("th", ["style"])
    .add_tag_attributes("li", ["value"])
    .url_relative(UrlRelative::Custom(Box::new(resolve_relative)))
    .attribute_filter(|_element, attribute, value| match attribute {
        "srcset" => Some(Cow::Owned(resolve_srcset(value))),
        "cite" | "poster" | "longdesc" => Some(match join_base(value.trim()) {
            Some(u) if matches!(u.scheme(), "http" | "https") => Cow::Owned(u.to_string()),
            _ => return None,
        }),
        _ => Some(Cow::Borrowed(value)),
    });
    if sanitize {
        b.filter_style_properties(["text-align"].into_iter().collect());
    } else {
        // Trusted HTML: keep what the site wrote (scripts and frames included), but still
        // balance tags and absolutise URLs.
        b.rm_clean_content_tags(["script", "style"])
            .add_tags([
                "script", "style", "iframe", "object", "embed", "form", "button", "svg", "math",
            ])
            .add_generic_attributes([
                "style",
                "width",
                "height",
                "name",
                "src",
                "type",
                "data",
                "allow",
                "allowfullscreen",
                "frameborder",
            ])
            .add_generic_attribute_prefixes(["data-", "aria-", "on"])
            .link_rel(None);
    }
    b
}

/// Resolves every candidate URL of a `srcset` value against the current base; drops
/// non-http(s) ones.
fn resolve_srcset(value: &str) -> String {
    let mut out = Vec::new();
    let mut rest = value;
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == ',');
        if rest.is_empty() {
            break;
        }
        let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
        let mut url = &rest[..end];
        rest = &rest[end..];
        let mut descriptor = "";
        if url.ends_with(',') {
            url = url.trim_end_matches(',');
        } else {
            let end = rest.find(',').unwrap_or(rest.len());
            descriptor = rest[..end].trim();
            rest = &rest[end..];
        }
        if let Some(u) = join_base(url) {
            if matches!(u.scheme(), "http" | "https") {
                out.push(if descriptor.is_empty() {
                    u.to_string()
                } else {
                    format!("{u} {descriptor}")
                });
            }
        }
    }
    out.join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn base() -> Url {
        Url::parse("https://x.org/news/2026/post/").unwrap()
    }

    fn clean_str(html: &str) -> String {
        clean(html, &base(), true).to_string()
    }

    #[test]
    fn resolves_links_like_a_browser() {
        let out = clean_str(
            r##"<a href="/a/">r</a><img src="img.png"><img src="../up.png"><a href="#fn1">f</a><a href="//cdn.x.org/c">c</a><a href="https://o.org/">o</a>"##,
        );
        assert!(out.contains(r#"href="https://x.org/a/""#), "{out}");
        assert!(
            out.contains(r#"src="https://x.org/news/2026/post/img.png""#),
            "{out}"
        );
        assert!(
            out.contains(r#"src="https://x.org/news/2026/up.png""#),
            "{out}"
        );
        assert!(
            out.contains(r#"href="https://x.org/news/2026/post/#fn1""#),
            "{out}"
        );
        assert!(out.contains(r#"href="https://cdn.x.org/c""#), "{out}");
        assert!(out.contains(r#"href="https://o.org/""#), "{out}");
    }

    #[test]
    fn resolves_srcset_candidates() {
        assert_eq!(
            with_policy(&base(), true, |_| resolve_srcset("a.png 1x, /b.png 2x,c.png")),
            "https://x.org/news/2026/post/a.png 1x, https://x.org/b.png 2x, https://x.org/news/2026/post/c.png"
        );
        let out = clean_str(r#"<img src="a.png" srcset="a.png 1x, javascript:x 2x">"#);
        assert!(
            out.contains(r#"srcset="https://x.org/news/2026/post/a.png 1x""#),
            "{out}"
        );
    }

    #[test]
    fn drops_scripts_handlers_and_javascript_urls_and_balances_tags() {
        let out = clean_str(
            r#"<p onclick="x()">hi<script>alert(1)</script><a href="javascript:alert(1)">j</a><iframe src="e"></iframe><b>open"#,
        );
        assert_eq!(
            out,
            r#"<p>hi<a rel="noopener noreferrer">j</a><b>open</b></p>"#
        );
    }

    #[test]
    fn trusted_html_keeps_scripts_but_still_resolves() {
        let out = clean(r#"<script>x()</script><img src="a.png">"#, &base(), false).to_string();
        assert!(out.contains("<script>x()</script>"), "{out}");
        assert!(out.contains("https://x.org/news/2026/post/a.png"), "{out}");
    }

    #[test]
    fn keeps_ammonias_url_schemes() {
        with_policy(&base(), true, |p| {
            for scheme in ["http", "https", "mailto", "tel", "xmpp"] {
                assert!(p.allows_scheme(scheme), "{scheme}");
            }
            for scheme in ["javascript", "data", "vbscript", "file"] {
                assert!(!p.allows_scheme(scheme), "{scheme}");
            }
        });
    }
}
