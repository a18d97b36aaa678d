//! HTML carried in a feed (RSS `description` and `content:encoded`, Atom `html` and `xhtml`
//! content, JSON Feed `content_html`): nothing a reader would run, and no relative URL.
//!
//! Readers show content away from its page, often in their own origin: a script, a frame, an
//! event-handler attribute or a `javascript:` URL is a security risk they strip or refuse (the
//! W3C feed validator's `SecurityRisk`), and a relative URL has no base to resolve against
//! (`ContainsRelRef`). The fragment is read with the HTML5 tokenizer the sanitiser uses, so a
//! tag is seen exactly as a browser would see it; only tags and attributes are looked at.

use std::cell::RefCell;

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::{urls, Findings};
use crate::diagnostics::Severity;

/// Elements that run or embed active content.
const ACTIVE: [&str; 4] = ["script", "iframe", "object", "embed"];
/// Attributes holding one URL.
const URL_ATTRIBUTES: [&str; 6] = ["href", "src", "cite", "poster", "action", "formaction"];
/// Where the security rules come from.
const SECURITY: &str = "W3C feed validator (SecurityRisk)";
/// Where the relative-URL rule comes from.
const RELATIVE: &str = "W3C feed validator (ContainsRelRef)";

/// One problem in a fragment: what is wrong, and the rule's source.
pub(super) type Problem = (String, &'static str);

/// Reports the problems of HTML `fragment`, whose text starts at byte `at` of the file. With
/// `lines_map`, the fragment's lines are the file's (raw or escaped in XML), so each problem
/// goes on its own line (at column 1 after the first); otherwise all go at `at`.
pub(super) fn check(fragment: &str, at: usize, lines_map: bool, findings: &mut Findings) {
    let (line, col) = findings.lines.at(at);
    for (n, (rule, source)) in scan(fragment) {
        let (line, col) = match n {
            n if lines_map && n > 1 => (line + n - 1, 1),
            _ => (line, col),
        };
        findings.at(line, col, Severity::Error, rule, source);
    }
}

/// Every problem in `fragment`, with the fragment's 1-based line it is on.
fn scan(fragment: &str) -> Vec<(usize, Problem)> {
    let tokenizer = Tokenizer::new(Sink::default(), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(fragment));
    let _ = tokenizer.feed(&input);
    tokenizer.end();
    tokenizer.sink.found.into_inner()
}

/// The problems of one start tag: element `name` with `attributes` (names lower-case, as an
/// HTML parser gives them, or as XHTML writes them).
pub(super) fn check_tag<'a>(
    name: &str,
    attributes: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<Problem> {
    let mut found = Vec::new();
    if ACTIVE.contains(&name) {
        found.push((format!("content contains <{name}>"), SECURITY));
    }
    for (attr, value) in attributes {
        if attr.starts_with("on") {
            found.push((
                format!("content has event handler {attr} on <{name}>"),
                SECURITY,
            ));
        } else if URL_ATTRIBUTES.contains(&attr) {
            check_url(attr, value, &mut found);
        } else if attr == "srcset" {
            for candidate in value.split(',') {
                if let Some(url) = candidate.split_whitespace().next() {
                    check_url(attr, url, &mut found);
                }
            }
        }
    }
    found
}

/// A `javascript:` URL or a relative one in attribute `attr`.
fn check_url(attr: &str, value: &str, found: &mut Vec<Problem>) {
    // Browsers ignore white space and controls inside a scheme: "java\tscript:" runs.
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_ascii_whitespace() && !c.is_ascii_control())
        .take(11)
        .collect();
    if squeezed.eq_ignore_ascii_case("javascript:") {
        found.push((format!("content has a javascript: URL in {attr}"), SECURITY));
    } else if urls::is_relative(value) {
        found.push((
            format!("content has a relative URL in {attr}: {value:?}"),
            RELATIVE,
        ));
    }
}

/// The token sink behind [`scan`].
#[derive(Default)]
struct Sink {
    found: RefCell<Vec<(usize, Problem)>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<()> {
        if let Token::TagToken(tag) = token {
            if tag.kind == TagKind::StartTag {
                let attributes = tag.attrs.iter().map(|a| (&*a.name.local, &*a.value));
                let line = usize::try_from(line).unwrap_or(usize::MAX);
                let problems = check_tag(&tag.name, attributes);
                self.found
                    .borrow_mut()
                    .extend(problems.into_iter().map(|p| (line, p)));
            }
        }
        TokenSinkResult::Continue
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rules(fragment: &str) -> Vec<(usize, String)> {
        scan(fragment)
            .into_iter()
            .map(|(line, (rule, _))| (line, rule))
            .collect()
    }

    #[test]
    fn active_content_is_found() {
        assert_eq!(
            rules("<p onclick=\"x()\">a</p>\n<SCRIPT>alert(1)</SCRIPT><iframe src=\"https://x.org/\">"),
            [
                (1, "content has event handler onclick on <p>".to_string()),
                (2, "content contains <script>".to_string()),
                (2, "content contains <iframe>".to_string()),
            ]
        );
        assert_eq!(
            rules("<a href=\" JaVa\tScRiPt:alert(1)\">x</a>"),
            [(1, "content has a javascript: URL in href".to_string())]
        );
        assert_eq!(rules("<object data=x></object><embed>").len(), 2);
    }

    #[test]
    fn relative_urls_are_found_in_every_url_attribute() {
        assert_eq!(
            rules(
                "<a href=\"/a/\">a</a> <img src=\"https://x.org/i.png\" \
                 srcset=\"https://x.org/i.png 1x, i@2x.png 2x\"> <q cite=\"#n\">q</q>"
            ),
            [
                (1, "content has a relative URL in href: \"/a/\"".to_string()),
                (
                    1,
                    "content has a relative URL in srcset: \"i@2x.png\"".to_string()
                ),
                (1, "content has a relative URL in cite: \"#n\"".to_string()),
            ]
        );
    }

    #[test]
    fn clean_content_has_no_problem() {
        let clean = "<p>Read <a href=\"https://x.org/a/#how\" rel=\"noopener\">how</a>, \
                     mail <a href=\"mailto:a@x.org\">me</a>.</p><p>a &lt;script&gt; in text</p>";
        assert!(rules(clean).is_empty());
        assert!(rules("not html at all < & >").is_empty());
    }

    #[test]
    fn xhtml_tags_are_checked_the_same_way() {
        let found = check_tag("video", [("poster", "p.jpg"), ("onplay", "x()")]);
        assert_eq!(found.len(), 2);
        assert_eq!(found[0].1, RELATIVE);
        assert_eq!(found[1].1, SECURITY);
    }
}
