//! Web and e-mail addresses that people write into `feeds.toml` and front matter, and the one
//! set of rules every such field passes before it reaches a feed.
//!
//! The HTML sanitiser guards links inside bodies; these fields go into feeds around it: the
//! site `url`, an author's `uri` and `email`, an article's `link` and `id`. Feed readers turn
//! most of them into links, so each is held to an allow-list of schemes (http and https; also
//! `mailto:` for an author's home page, `tag:` and `urn:` for an id), must name a host, and may
//! not carry a user name or password. An absolute URL must be written in full, `scheme://`,
//! because URL parsers fill in the rest in ways people do not expect (`http:evil.com` and
//! `\\evil.com` both name the host evil.com). A relative `link` is a path below the site's url,
//! and must still be one once joined to it: a `..` segment (in any of its escaped forms), an
//! escaped `/` and a leading `//` that would name another host are refused. Control characters
//! and backslashes, which parsers drop or turn into `/`, are refused everywhere. A [`Field`]
//! says how each field names its problems, so every caller reports them the same way.

use url::Url;

use crate::diagnostics::Problems;

/// Why an address is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Not an address of the kind the field takes (no scheme, or does not parse).
    Malformed,
    /// A scheme outside the field's allow-list.
    Scheme,
    /// A particular problem: the end of the message, and a hint saying the fix.
    Unsafe {
        /// What is wrong, e.g. `leaves the site url https://x.org/news/`.
        why: String,
        /// How to fix it.
        hint: &'static str,
    },
}

/// A field that holds an address, as its problems read: the key they are placed on, the
/// field's name in messages, and its wording of the two refusals every field has.
#[derive(Debug, Clone, Copy)]
pub struct Field<'a> {
    /// The key a problem is placed on, e.g. `link`.
    pub key: &'a str,
    /// The field in messages, e.g. `link` or `author "bob" uri`.
    pub name: &'a str,
    /// The end of the message for [`Refusal::Malformed`], e.g. `is not a valid URL`.
    pub malformed: &'a str,
    /// The end of the message for [`Refusal::Scheme`], e.g. `is not an http(s) URL`.
    pub scheme: &'a str,
    /// The hint for both, e.g. `use an absolute http(s) URL or a path relative to the site url`.
    pub hint: &'a str,
}

impl Field<'_> {
    /// The message (`name "raw" why`) and hint saying why `raw` is refused.
    pub fn describe(&self, raw: &str, refusal: &Refusal) -> (String, String) {
        let (why, hint) = match refusal {
            Refusal::Malformed => (self.malformed, self.hint),
            Refusal::Scheme => (self.scheme, self.hint),
            Refusal::Unsafe { why, hint } => (why.as_str(), *hint),
        };
        (format!("{} {raw:?} {why}", self.name), hint.to_string())
    }

    /// Reports that `raw` is refused as an error on the field's key.
    pub fn report(&self, raw: &str, refusal: &Refusal, problems: &mut Problems<'_>) {
        let (message, hint) = self.describe(raw, refusal);
        problems.error(self.key, message, hint);
    }
}

fn refuse(why: impl Into<String>, hint: &'static str) -> Refusal {
    Refusal::Unsafe {
        why: why.into(),
        hint,
    }
}

/// An absolute `http://` or `https://` URL with a host and no user name or password: the site
/// url, an absolute `link`, an author's home page, an http(s) `id`.
pub fn web(raw: &str) -> Result<Url, Refusal> {
    plain(raw)?;
    let scheme = scheme(raw).ok_or(Refusal::Malformed)?;
    if !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https") {
        return Err(Refusal::Scheme);
    }
    if !raw[scheme.len() + 1..].starts_with("//") {
        return Err(refuse(
            "is not written in full (scheme://host/...)",
            "write the URL in full, e.g. https://example.com/page",
        ));
    }
    let url = Url::parse(raw).map_err(|_| Refusal::Malformed)?;
    if !url.has_host() {
        return Err(Refusal::Malformed);
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(refuse(
            "carries a user name or password",
            "remove the user:password@ part: feeds are public",
        ));
    }
    Ok(url)
}

/// An author's home page: a [`web`] URL, or `mailto:` and one [`email`] address (nothing else:
/// no `?subject=` or `?bcc=` that would fill in a reader's mail).
pub fn home_page(raw: &str) -> Result<Url, Refusal> {
    let Some(address) = strip_scheme(raw, "mailto") else {
        return web(raw);
    };
    plain(raw)?;
    if address.contains(['?', '#', '%']) {
        return Err(refuse(
            "carries more than an e-mail address",
            "write only the address, e.g. mailto:ada@example.org",
        ));
    }
    email(address)?;
    Url::parse(raw).map_err(|_| Refusal::Malformed)
}

/// An entry id: a `tag:` (RFC 4151) or `urn:` URI, or a [`web`] URL. Ids are kept as written,
/// so whatever identifies an entry today still does after an upgrade.
pub fn id(raw: &str) -> Result<(), Refusal> {
    if raw.chars().any(char::is_whitespace) {
        return Err(Refusal::Malformed);
    }
    plain(raw)?;
    let scheme = scheme(raw).ok_or(Refusal::Malformed)?;
    match scheme.to_ascii_lowercase().as_str() {
        "tag" | "urn" if raw.len() > scheme.len() + 1 && Url::parse(raw).is_ok() => Ok(()),
        "tag" | "urn" => Err(Refusal::Malformed),
        "http" | "https" => web(raw).map(drop),
        _ => Err(Refusal::Scheme),
    }
}

/// An article's `link`: a [`web`] URL (to any host), or a path joined below `site` (a leading
/// `/` is the site's url, not the host's root) that stays below it.
pub fn link(raw: &str, site: &Url) -> Result<Url, Refusal> {
    if raw.is_empty() {
        return Err(Refusal::Malformed);
    }
    if scheme(raw).is_some() {
        return web(raw);
    }
    plain(raw)?;
    if raw.starts_with("//") {
        return Err(refuse(
            "names another host without a scheme",
            "for another site write the URL in full with https://; for a page of this site, a path such as /about/",
        ));
    }
    let path = raw.strip_prefix('/').unwrap_or(raw);
    if path_of(path).split('/').any(is_dot_dot) {
        return Err(refuse(
            "climbs up with a .. segment",
            "write the path from the site url down, e.g. /2026/my-post/, or an absolute https:// URL",
        ));
    }
    let joined = site.join(path).map_err(|_| Refusal::Malformed)?;
    let below = joined
        .as_str()
        .strip_prefix(site.as_str())
        .is_some_and(|rest| {
            let rest = path_of(rest).to_ascii_lowercase();
            !rest.contains("%2f") && !rest.contains("%5c")
        });
    if !below {
        return Err(refuse(
            format!("leaves the site url {site}"),
            "write a path below the site url (without .. or escaped slashes), or an absolute https:// URL",
        ));
    }
    Ok(joined)
}

/// The path part of a relative reference: what comes before its query or fragment.
fn path_of(reference: &str) -> &str {
    reference.split(['?', '#']).next().unwrap_or_default()
}

/// True for a `..` path segment, escaped or not (`.%2e`, `%2E%2e`, ...), as URL parsers read it.
fn is_dot_dot(segment: &str) -> bool {
    segment.to_ascii_lowercase().replace("%2e", ".") == ".."
}

/// An e-mail address as feeds carry it (Atom's `<email>`): one `@` between a local part and a
/// domain, no white space, controls or the characters that would make it a display name or a
/// list (`<>()[],;:"\`).
pub fn email(raw: &str) -> Result<(), Refusal> {
    let bad = |c: char| c.is_whitespace() || c.is_control() || "<>()[],;:\"\\".contains(c);
    let one_at = raw.split('@').count() == 2;
    let (local, domain) = raw.split_once('@').unwrap_or(("", ""));
    let domain_ok = !domain.is_empty()
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains("..");
    if raw.chars().any(bad) || !one_at || local.is_empty() || !domain_ok {
        return Err(Refusal::Malformed);
    }
    Ok(())
}

/// Refuses what parsers silently drop or rewrite: control characters (a tab or line break is
/// removed from the middle of a URL) and backslashes (read as `/` in http(s) URLs).
fn plain(raw: &str) -> Result<(), Refusal> {
    if raw.chars().any(char::is_control) {
        return Err(refuse(
            "has a control character",
            "remove it; URLs never contain tabs, line breaks or other controls",
        ));
    }
    if raw.contains('\\') {
        return Err(refuse(
            "has a backslash",
            "URLs separate their parts with /, never \\",
        ));
    }
    Ok(())
}

/// The scheme `raw` starts with (RFC 3986: a letter, then letters, digits, `+`, `-`, `.`,
/// then `:`), if any.
fn scheme(raw: &str) -> Option<&str> {
    let (scheme, _) = raw.split_once(':')?;
    let mut chars = scheme.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then_some(scheme)
}

/// What follows `name:` when `raw` has that scheme (in any case).
fn strip_scheme<'a>(raw: &'a str, name: &str) -> Option<&'a str> {
    scheme(raw)
        .filter(|s| s.eq_ignore_ascii_case(name))
        .map(|s| &raw[s.len() + 1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site() -> Url {
        Url::parse("https://x.org/news/").unwrap()
    }

    fn why(r: Result<impl std::fmt::Debug, Refusal>) -> String {
        match r.unwrap_err() {
            Refusal::Malformed => "malformed".into(),
            Refusal::Scheme => "scheme".into(),
            Refusal::Unsafe { why, .. } => why,
        }
    }

    #[test]
    fn web_urls_are_http_or_https_in_full_with_a_host_and_no_password() {
        assert_eq!(web("https://x.org/a").unwrap().as_str(), "https://x.org/a");
        assert_eq!(web("HTTP://X.org").unwrap().as_str(), "http://x.org/");
        for raw in [
            "javascript://x.org/%0aalert(1)",
            "data://x/text/html,<script>",
            "vbscript://x.org/",
            "file://localhost/etc/passwd",
            "ftp://x.org/",
        ] {
            assert_eq!(why(web(raw)), "scheme", "{raw}");
        }
        for raw in ["x.org/a", "//x.org/", "https://", ""] {
            assert_eq!(why(web(raw)), "malformed", "{raw}");
        }
        assert_eq!(
            why(web("http:evil.com/x")),
            "is not written in full (scheme://host/...)"
        );
        assert_eq!(
            why(web("https:/evil.com/x")),
            "is not written in full (scheme://host/...)"
        );
        assert_eq!(why(web("https:\\\\evil.com\\x")), "has a backslash");
        assert_eq!(why(web("https://x.org/a\tb")), "has a control character");
        for raw in [
            "https://user:pass@x.org/",
            "https://x.org@evil.com/",
            "https://:p@x.org/",
        ] {
            assert_eq!(why(web(raw)), "carries a user name or password", "{raw}");
        }
    }

    #[test]
    fn relative_links_stay_below_the_site_url() {
        let join = |raw| link(raw, &site()).map(|u| u.to_string());
        assert_eq!(
            join("/pages/about.html").unwrap(),
            "https://x.org/news/pages/about.html"
        );
        assert_eq!(
            join("2026/a/?x=1#top").unwrap(),
            "https://x.org/news/2026/a/?x=1#top"
        );
        assert_eq!(join("./a/./b").unwrap(), "https://x.org/news/a/b");
        assert_eq!(
            join("https://elsewhere.org/x").unwrap(),
            "https://elsewhere.org/x"
        );
        let climbs = "climbs up with a .. segment";
        for raw in [
            "../../../../etc/passwd",
            "..",
            "%2e%2e/%2e%2e/admin",
            ".%2E/x",
            "a/../b",
            "/../x",
            "x/%2E%2e?q",
        ] {
            assert_eq!(why(join(raw)), climbs, "{raw}");
        }
        let leaves = "leaves the site url https://x.org/news/";
        for raw in ["a/..%2f..%2fetc", "a%5c..%5c..", "%2F%2Fevil.com"] {
            assert_eq!(why(join(raw)), leaves, "{raw}");
        }
        assert_eq!(
            why(join("//evil.com/x")),
            "names another host without a scheme"
        );
        for raw in ["\\\\evil.com\\x", "/\\evil.com/x", "\\evil.com"] {
            assert_eq!(why(join(raw)), "has a backslash", "{raw}");
        }
        assert_eq!(why(join("/\t/evil.com")), "has a control character");
        assert_eq!(
            why(join("http:evil.com/x")),
            "is not written in full (scheme://host/...)"
        );
        assert_eq!(why(join("javascript:alert(1)")), "scheme");
        assert_eq!(why(join("")), "malformed");
    }

    #[test]
    fn ids_are_tag_urn_or_web_uris() {
        for ok in [
            "tag:x.org,2026:a",
            "urn:uuid:6f1c9a3e-2b1d-4c59-9a9e-3f0d5c2e7b10",
            "https://x.org/a",
            "TAG:x.org,2026:a",
        ] {
            assert_eq!(id(ok), Ok(()), "{ok}");
        }
        for raw in [
            "javascript:alert(1)",
            "data:text/html,<script>alert(1)</script>",
            "mailto:a@x.org",
        ] {
            assert_eq!(why(id(raw)), "scheme", "{raw}");
        }
        for raw in ["no id", "tag:", "plain", "urn:a\u{7}b"] {
            assert!(id(raw).is_err(), "{raw}");
        }
        assert_eq!(
            why(id("https://u:p@x.org/")),
            "carries a user name or password"
        );
    }

    #[test]
    fn home_pages_are_web_urls_or_one_mailto_address() {
        assert_eq!(
            home_page("mailto:ada@x.org").unwrap().as_str(),
            "mailto:ada@x.org"
        );
        assert_eq!(
            home_page("https://a.org").unwrap().as_str(),
            "https://a.org/"
        );
        assert_eq!(
            why(home_page("mailto:a@x.org?bcc=b@y.org")),
            "carries more than an e-mail address"
        );
        assert_eq!(
            why(home_page("mailto:a%0d%0aBcc:b@y")),
            "carries more than an e-mail address"
        );
        assert_eq!(why(home_page("mailto:nobody")), "malformed");
        assert_eq!(why(home_page("javascript://x.org/%0aalert(1)")), "scheme");
    }

    #[test]
    fn e_mail_addresses_have_one_at_and_nothing_a_header_could_hide() {
        for ok in ["a@x.org", "first.last+tag@sub.x.org", "ü@bücher.example"] {
            assert_eq!(email(ok), Ok(()), "{ok}");
        }
        for bad in [
            "a@x.org\r\nBcc: b@y",
            "javascript:alert(1)",
            "a@b@c",
            "@x.org",
            "a@",
            "Ada <a@x.org>",
            "a b@x.org",
            "a@x..org",
            "a@.x.org",
            "a,b@x.org",
        ] {
            assert_eq!(email(bad), Err(Refusal::Malformed), "{bad}");
        }
    }

    #[test]
    fn refusals_read_as_one_sentence_with_the_field_and_the_value() {
        let field = Field {
            key: "link",
            name: "link",
            malformed: "is not a valid URL",
            scheme: "is not an http(s) URL",
            hint: "the field's hint",
        };
        let r = link("a%2f..%2f..", &site()).unwrap_err();
        assert_eq!(
            field.describe("a%2f..%2f..", &r),
            (
                "link \"a%2f..%2f..\" leaves the site url https://x.org/news/".to_string(),
                "write a path below the site url (without .. or escaped slashes), or an absolute https:// URL".to_string()
            )
        );
        assert_eq!(
            field.describe("ftp://x", &Refusal::Scheme),
            (
                "link \"ftp://x\" is not an http(s) URL".to_string(),
                "the field's hint".to_string()
            )
        );
    }
}
