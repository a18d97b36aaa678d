//! The rules for Atom 1.0 that its RELAX NG schema cannot state (RFC 4287's "MUST"s): one id,
//! title and updated per feed and entry, an author for every entry, an alternate link or
//! content, unique ids, RFC 3339 dates; plus a self link, absolute links and safe content.

use std::collections::HashMap;

use roxmltree::Node;

use super::xml::{self, ATOM};
use super::{dates, html, urls, Findings};

/// Checks an Atom `<feed>`.
pub(super) fn check(feed: Node, findings: &mut Findings) {
    const FEED: &str = "RFC 4287 §4.1.1";
    for name in ["id", "title", "updated"] {
        xml::one(feed, Some(ATOM), name, FEED, findings);
    }
    self_link(feed, findings);
    super::history::check(feed, findings);
    let feed_author = has(feed, "author");
    let mut ids: HashMap<String, usize> = HashMap::new();
    for entry in xml::children(feed, Some(ATOM), "entry") {
        check_entry(entry, feed_author, findings);
        unique_id(entry, &mut ids, findings);
    }
    for node in feed
        .descendants()
        .filter(|n| n.tag_name().namespace() == Some(ATOM))
    {
        match node.tag_name().name() {
            "updated" | "published" => date(node, findings),
            "link" => absolute_link(node, findings),
            _ => {}
        }
    }
}

/// One entry's own elements.
fn check_entry(entry: Node, feed_author: bool, findings: &mut Findings) {
    const ENTRY: &str = "RFC 4287 §4.1.2";
    for name in ["id", "title", "updated"] {
        xml::one(entry, Some(ATOM), name, ENTRY, findings);
    }
    let source_author = xml::children(entry, Some(ATOM), "source").any(|s| has(s, "author"));
    if !feed_author && !has(entry, "author") && !source_author {
        let rule = "<entry> has no <author>, and neither has the <feed>";
        findings.error(entry.range().start, rule, "RFC 4287 §4.1.1");
    }
    let alternate = xml::children(entry, Some(ATOM), "link")
        .any(|l| l.attribute("rel").unwrap_or("alternate").trim() == "alternate");
    if !alternate && !has(entry, "content") {
        let rule = "<entry> has no <content> and no <link rel=\"alternate\">";
        findings.error(entry.range().start, rule, ENTRY);
    }
    for name in ["content", "summary"] {
        for element in xml::children(entry, Some(ATOM), name) {
            content(element, findings);
        }
    }
}

/// Whether `parent` has a child `name` in the Atom namespace.
fn has(parent: Node, name: &str) -> bool {
    xml::children(parent, Some(ATOM), name).next().is_some()
}

/// Entries with one id are one entry: readers show only one of them.
fn unique_id(entry: Node, ids: &mut HashMap<String, usize>, findings: &mut Findings) {
    let Some(id) = xml::children(entry, Some(ATOM), "id").next() else {
        return;
    };
    let value = xml::text(id).trim().to_string();
    let at = xml::text_start(id);
    match ids.get(&value) {
        Some(&first) => {
            let (line, _) = findings.lines.at(first);
            let rule = format!("entry id {value:?} is also the id of the entry on line {line}");
            findings.error(at, rule, "RFC 4287 §4.1.1");
        }
        None => {
            ids.insert(value, at);
        }
    }
}

/// A feed should say where it lives: one `link rel="self"`.
fn self_link(feed: Node, findings: &mut Findings) {
    const SOURCE: &str = "RFC 4287 §4.1.1";
    let mut selfs = xml::children(feed, Some(ATOM), "link")
        .filter(|l| l.attribute("rel").is_some_and(|r| r.trim() == "self"));
    if selfs.next().is_none() {
        let rule = "<feed> has no <link rel=\"self\"> giving the feed's own URL";
        findings.warning(feed.range().start, rule, SOURCE);
    } else if let Some(second) = selfs.next() {
        let rule = "<feed> has more than one <link rel=\"self\">";
        findings.error(second.range().start, rule, SOURCE);
    }
}

/// A link's `href` must not be relative, unless an `xml:base` says what it is relative to.
fn absolute_link(link: Node, findings: &mut Findings) {
    let href = link.attribute("href").unwrap_or("");
    let based = link.ancestors().any(|a| {
        a.attribute(("http://www.w3.org/XML/1998/namespace", "base"))
            .is_some()
    });
    if urls::is_relative(href) && !based {
        let rule = format!("link href {href:?} is relative, and no xml:base says to what");
        let at = xml::attribute_start(link, "href");
        findings.error(at, rule, "W3C feed validator (ContainsRelRef)");
    }
}

/// Dates are RFC 3339, with `T` and `Z` in upper case.
fn date(element: Node, findings: &mut Findings) {
    let value = xml::text(element);
    if !dates::is_rfc3339(value.trim()) {
        let what = format!("<{}>", element.tag_name().name());
        let rule = dates::not_rfc3339(&what, value.trim());
        findings.error(xml::text_start(element), rule, "RFC 4287 §3.3");
    }
}

/// `html` content is an escaped HTML fragment; `xhtml` content is elements: either way, no
/// active content and no relative URL.
fn content(element: Node, findings: &mut Findings) {
    match element.attribute("type").map(str::trim) {
        Some("html") => html::check(
            &xml::text(element),
            xml::text_start(element),
            true,
            findings,
        ),
        Some("xhtml") => {
            for tag in element.descendants().skip(1).filter(Node::is_element) {
                let attributes = tag.attributes().map(|a| (a.name(), a.value()));
                for (rule, source) in html::check_tag(tag.tag_name().name(), attributes) {
                    findings.error(tag.range().start, rule, source);
                }
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{found, rules};
    use crate::diagnostics::Severity;

    /// A feed with everything it needs and `entries`.
    fn feed(entries: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?>\n\
             <feed xmlns=\"http://www.w3.org/2005/Atom\">\n\
             <title>T</title>\n\
             <id>https://x.org/atom.xml</id>\n\
             <updated>2026-03-10T12:00:00+02:00</updated>\n\
             <author><name>A</name></author>\n\
             <link href=\"https://x.org/atom.xml\" rel=\"self\"/>\n\
             {entries}\n\
             </feed>\n"
        )
    }

    const ENTRY: &str = "<entry><title>E</title><id>tag:x.org,2026:e</id>\
        <updated>2026-03-10T12:00:00Z</updated><link href=\"https://x.org/e/\"/></entry>";

    #[test]
    fn a_good_feed_has_no_finding() {
        assert_eq!(found(&feed(ENTRY)), []);
    }

    #[test]
    fn feeds_and_entries_have_an_id_a_title_and_updated() {
        let no_id = feed("<entry><title>E</title><updated>2026-03-10T12:00:00Z</updated><content>c</content></entry>");
        assert_eq!(
            found(&no_id),
            [(
                8,
                1,
                Severity::Error,
                "<entry> has no <id>".into(),
                "RFC 4287 §4.1.2"
            )]
        );
        let bare = "<feed xmlns=\"http://www.w3.org/2005/Atom\"><link rel=\"self\" href=\"https://x.org/a\"/></feed>";
        assert_eq!(
            rules(bare),
            [
                "<feed> has no <id>",
                "<feed> has no <title>",
                "<feed> has no <updated>"
            ]
        );
    }

    #[test]
    fn entry_ids_are_unique() {
        let twice = feed(&format!("{ENTRY}\n{ENTRY}"));
        assert_eq!(
            found(&twice),
            [(
                9,
                28,
                Severity::Error,
                "entry id \"tag:x.org,2026:e\" is also the id of the entry on line 8".into(),
                "RFC 4287 §4.1.1"
            )]
        );
    }

    #[test]
    fn every_entry_has_an_author_or_the_feed_has_one() {
        let anonymous = feed(ENTRY).replace("<author><name>A</name></author>", "");
        assert_eq!(
            rules(&anonymous),
            ["<entry> has no <author>, and neither has the <feed>"]
        );
        let own = anonymous.replace(
            "<title>E</title>",
            "<title>E</title><author><name>B</name></author>",
        );
        assert_eq!(found(&own), []);
    }

    #[test]
    fn an_entry_has_content_or_an_alternate_link() {
        let neither = feed(&ENTRY.replace(
            "<link href=\"https://x.org/e/\"/>",
            "<link rel=\"related\" href=\"https://x.org/r/\"/>",
        ));
        assert_eq!(
            rules(&neither),
            ["<entry> has no <content> and no <link rel=\"alternate\">"]
        );
    }

    #[test]
    fn dates_are_rfc_3339() {
        let bad = feed(&ENTRY.replace("2026-03-10T12:00:00Z", "Tue, 10 Mar 2026 12:00:00 +0200"));
        assert_eq!(
            rules(&bad),
            ["<updated> \"Tue, 10 Mar 2026 12:00:00 +0200\" is not an RFC 3339 date such as \"2026-03-10T12:00:00+02:00\""]
        );
    }

    #[test]
    fn links_are_absolute_unless_a_base_is_given() {
        let rel = feed(&ENTRY.replace("https://x.org/e/", "/e/"));
        assert_eq!(
            rules(&rel),
            ["link href \"/e/\" is relative, and no xml:base says to what"]
        );
        let based = rel.replace("<entry>", "<entry xml:base=\"https://x.org/\">");
        assert_eq!(found(&based), []);
    }

    #[test]
    fn one_self_link() {
        let none = feed(ENTRY).replace(" rel=\"self\"", " rel=\"alternate\"");
        let f = found(&none);
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].2, Severity::Warning);
        let two = feed(&format!(
            "<link href=\"https://x.org/b.xml\" rel=\"self\"/>{ENTRY}"
        ));
        assert_eq!(
            rules(&two),
            ["<feed> has more than one <link rel=\"self\">"]
        );
    }

    #[test]
    fn html_and_xhtml_content_is_safe_and_absolute() {
        let html = feed(&ENTRY.replace(
            "</entry>",
            "<content type=\"html\">&lt;a href=\"javascript:x()\"&gt;x&lt;/a&gt;</content>\
             <summary type=\"xhtml\"><div xmlns=\"http://www.w3.org/1999/xhtml\"><img src=\"i.png\"/></div></summary></entry>",
        ));
        assert_eq!(
            rules(&html),
            [
                "content has a javascript: URL in href",
                "content has a relative URL in src: \"i.png\""
            ]
        );
        let text = feed(&ENTRY.replace(
            "</entry>",
            "<summary>&lt;script&gt; is text here</summary></entry>",
        ));
        assert_eq!(found(&text), []);
    }
}
