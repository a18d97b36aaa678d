//! Which URLs a feed may carry. A reader shows an item away from the page it came from, so a
//! relative URL has nothing to be resolved against: links must be absolute `http(s)` URLs,
//! and URLs in content must at least be absolute (any scheme).

use url::Url;

/// Whether `value` (white space around it ignored) is an absolute `http` or `https` URL with a
/// host.
pub(super) fn is_absolute_http(value: &str) -> bool {
    Url::parse(value.trim()).is_ok_and(|u| {
        matches!(u.scheme(), "http" | "https") && u.host_str().is_some_and(|h| !h.is_empty())
    })
}

/// The message for `what` (e.g. `item link`) holding `value`, not an absolute http(s) URL.
pub(super) fn not_absolute(what: &str, value: &str) -> String {
    format!("{what} {:?} is not an absolute http(s) URL", value.trim())
}

/// Whether `value` (white space around it ignored) is a relative reference: no scheme, so it
/// means something only against a base URL (`/a/`, `img.png`, `#note`, `//host/x`).
pub(super) fn is_relative(value: &str) -> bool {
    matches!(
        Url::parse(value.trim()),
        Err(url::ParseError::RelativeUrlWithoutBase)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_must_be_absolute_http_urls() {
        for ok in [
            "https://example.org/a/",
            "http://x.org",
            " https://x.org/ \n",
        ] {
            assert!(is_absolute_http(ok), "{ok:?}");
        }
        for bad in [
            "/a/",
            "a.html",
            "#x",
            "",
            "mailto:a@b.org",
            "ftp://x.org/",
            "https://",
        ] {
            assert!(!is_absolute_http(bad), "{bad:?}");
        }
    }

    #[test]
    fn content_urls_must_not_be_relative() {
        for rel in [
            "/a/",
            "img.png",
            "../x",
            "#note",
            "//cdn.example.org/x.png",
            "",
        ] {
            assert!(is_relative(rel), "{rel:?}");
        }
        for abs in [
            "https://x.org/a",
            "mailto:a@b.org",
            "data:image/png;base64,AA==",
        ] {
            assert!(!is_relative(abs), "{abs:?}");
        }
    }
}
