//! The feed rules this project holds its own output to, checked on any RSS 2.0, Atom 1.0 or
//! JSON Feed file, ours or not.
//!
//! The conformance suite judges every feed feedwright writes against the RSS 2.0 spec, the RSS
//! Best Practices Profile, RFC 4287, JSON Feed 1.1 and the W3C feed validator's rules (README,
//! "Feed rules we enforce"). This module ships those rules in the binary, so that `feedwright
//! validate` can judge a feed file someone else wrote and `build --validate` can judge what a
//! build is about to write, before it writes. It is pure: bytes in, [`Finding`]s out, each
//! placed at a line and column and naming the spec that makes it a rule. The format is told by
//! the content ([`Kind::detect`]); each format's rules are in `rss.rs`, `atom.rs` and `json.rs`,
//! and what they share (dates, URLs, characters, HTML content, reading XML with positions) in
//! the other files.

mod atom;
mod characters;
mod dates;
mod history;
mod html;
mod json;
mod position;
mod rss;
mod urls;
mod xml;

use std::path::Path;

use crate::diagnostics::{Diagnostic, Severity};
use position::Lines;

/// One broken rule, at a place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
    /// Errors make a feed invalid; warnings are advice (fatal only under `--strict`).
    pub severity: Severity,
    /// What is wrong, e.g. `item link "/a/" is not an absolute http(s) URL`.
    pub rule: String,
    /// Where the rule comes from, e.g. `RFC 4287 §4.1.1`.
    pub source: &'static str,
}

impl Finding {
    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The finding as a [`Diagnostic`] about `path`, printed as
    /// `path:line:col: error: rule (source)`.
    pub fn to_diagnostic(&self, path: &Path) -> Diagnostic {
        let message = format!("{} ({})", self.rule, self.source);
        let d = match self.severity {
            Severity::Error => Diagnostic::error(path, message),
            Severity::Warning => Diagnostic::warning(path, message),
        };
        d.at(self.line, self.col)
    }
}

/// The feed formats feedwright knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// An XML document whose root is `<rss>`.
    Rss,
    /// An XML document whose root is `<feed xmlns="http://www.w3.org/2005/Atom">`.
    Atom,
    /// A JSON object (its `version` is checked by the JSON Feed rules).
    Json,
}

impl Kind {
    /// The format `text` is written in, told from its content: JSON if it starts with `{` or
    /// `[`, else XML with an `<rss>` or Atom `<feed>` root. `None` when it is neither (or is
    /// not well-formed enough to tell, which [`validate`] reports).
    pub fn detect(text: &str) -> Option<Kind> {
        if is_json(text) {
            return Some(Kind::Json);
        }
        let doc = xml::parse(text).ok()?;
        xml::kind_of(&doc)
    }
}

/// Every rule `bytes` break, sorted by position. The format is told from the content; a file
/// that is none of RSS, Atom or JSON Feed is one error.
pub fn validate(bytes: &[u8]) -> Vec<Finding> {
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => return vec![not_utf8(bytes, e.valid_up_to())],
    };
    let mut findings = Findings::new(text);
    if is_json(text) {
        json::check(text, &mut findings);
    } else {
        xml::check(text, &mut findings);
    }
    let mut found = findings.found;
    found.sort_by_key(|f| (f.line, f.col));
    found
}

/// Whether `text` is JSON rather than XML: its first character (after a byte order mark and
/// white space) opens an object or an array.
fn is_json(text: &str) -> bool {
    let body = text.trim_start_matches('\u{feff}').trim_start();
    body.starts_with('{') || body.starts_with('[')
}

/// The one finding for a file that is not UTF-8 (the encoding feeds should use, and the only
/// one JSON allows), at its first bad byte.
fn not_utf8(bytes: &[u8], valid_up_to: usize) -> Finding {
    let text = std::str::from_utf8(&bytes[..valid_up_to]).expect("valid up to here");
    let (line, col) = Lines::new(text).at(valid_up_to);
    Finding {
        line,
        col,
        severity: Severity::Error,
        rule: format!(
            "byte 0x{:02X} is not UTF-8; feedwright validates UTF-8 feeds only",
            bytes[valid_up_to]
        ),
        source: "RFC 8259 §8.1; XML 1.0 §4.3.3",
    }
}

/// The findings of one file as they are made, each placed by its byte offset.
struct Findings<'t> {
    lines: Lines<'t>,
    found: Vec<Finding>,
}

impl<'t> Findings<'t> {
    fn new(text: &'t str) -> Findings<'t> {
        Findings {
            lines: Lines::new(text),
            found: Vec::new(),
        }
    }

    /// The text findings are placed in.
    fn text(&self) -> &'t str {
        self.lines.text()
    }

    /// Records an error at byte `offset`.
    fn error(&mut self, offset: usize, rule: impl Into<String>, source: &'static str) {
        let (line, col) = self.lines.at(offset);
        self.at(line, col, Severity::Error, rule.into(), source);
    }

    /// Records a warning at byte `offset`.
    fn warning(&mut self, offset: usize, rule: impl Into<String>, source: &'static str) {
        let (line, col) = self.lines.at(offset);
        self.at(line, col, Severity::Warning, rule.into(), source);
    }

    /// Records a finding at a line and column found some other way.
    fn at(
        &mut self,
        line: usize,
        col: usize,
        severity: Severity,
        rule: String,
        source: &'static str,
    ) {
        self.found.push(Finding {
            line,
            col,
            severity,
            rule,
            source,
        });
    }
}

/// What the rules' unit tests compare: every finding of a text, as a tuple.
#[cfg(test)]
mod testing {
    use crate::diagnostics::Severity;

    /// (line, col, severity, rule, source) of every finding in `text`.
    pub(super) fn found(text: &str) -> Vec<(usize, usize, Severity, String, &'static str)> {
        super::validate(text.as_bytes())
            .into_iter()
            .map(|f| (f.line, f.col, f.severity, f.rule, f.source))
            .collect()
    }

    /// The rule of every finding in `text`.
    pub(super) fn rules(text: &str) -> Vec<String> {
        found(text).into_iter().map(|f| f.3).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_format_is_told_from_the_content() {
        assert_eq!(
            Kind::detect("<?xml version=\"1.0\"?>\n<rss version=\"2.0\"/>"),
            Some(Kind::Rss)
        );
        assert_eq!(
            Kind::detect("\u{feff}<feed xmlns=\"http://www.w3.org/2005/Atom\"/>"),
            Some(Kind::Atom)
        );
        assert_eq!(Kind::detect("  {\"version\": 1}"), Some(Kind::Json));
        assert_eq!(
            Kind::detect("<feed/>"),
            None,
            "a feed outside the Atom namespace"
        );
        assert_eq!(Kind::detect("<html/>"), None);
        assert_eq!(Kind::detect("<rss"), None);
    }

    #[test]
    fn a_file_that_is_not_utf8_is_one_error_at_its_first_bad_byte() {
        let found = validate(b"<rss>\n  <title>caf\xe9</title>");
        assert_eq!(found.len(), 1);
        let f = &found[0];
        assert_eq!((f.line, f.col, f.is_error()), (2, 13, true));
        assert_eq!(
            f.rule,
            "byte 0xE9 is not UTF-8; feedwright validates UTF-8 feeds only"
        );
    }

    #[test]
    fn a_finding_prints_as_path_line_col_severity_rule_and_source() {
        let f = Finding {
            line: 3,
            col: 7,
            severity: Severity::Warning,
            rule: "author \"Jo\" is not an e-mail address".into(),
            source: "RSS 2.0 spec (author)",
        };
        assert_eq!(
            f.to_diagnostic(Path::new("feed.xml")).to_string(),
            "feed.xml:3:7: warning: author \"Jo\" is not an e-mail address (RSS 2.0 spec (author))"
        );
    }

    /// Feeds of each kind, to splice random pieces into.
    const SEEDS: [&str; 3] = [
        "<rss version=\"2.0\"><channel><title>T</title><item><link>https://x.org/</link>\
         <description>&lt;p&gt;x</description></item></channel></rss>",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><id>i</id>\
         <content type=\"html\">&lt;a href='/x'&gt;</content></entry></feed>",
        "{\"version\": \"https://jsonfeed.org/version/1.1\", \"items\": [{\"id\": \"a\", \
         \"content_html\": \"<p>\"}, 2, {\"k\": [\"]\\\"\"]}]}",
    ];

    proptest::proptest! {
        #[test]
        fn any_bytes_are_judged_without_a_panic(bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..200)) {
            let _ = validate(&bytes);
        }

        #[test]
        fn feeds_with_pieces_spliced_in_are_judged_without_a_panic(
            seed in 0..SEEDS.len(),
            at in 0usize..400,
            piece in "[<>&\"'{}\\[\\],:\\\\a-z /\u{0}\u{85}\u{FFFE}é]{0,12}",
        ) {
            let text = SEEDS[seed];
            let mut at = at.min(text.len());
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let spliced = format!("{}{piece}{}", &text[..at], &text[at..]);
            for f in validate(spliced.as_bytes()) {
                proptest::prop_assert!(f.line >= 1 && f.col >= 1);
            }
        }
    }

    #[test]
    fn findings_come_sorted_by_position() {
        let found = validate(b"<rss version=\"2.0\"><channel><title>t</title></channel></rss>");
        let mut sorted = found.clone();
        sorted.sort_by_key(|f| (f.line, f.col));
        assert_eq!(found, sorted);
        assert!(!found.is_empty());
    }
}
