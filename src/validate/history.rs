//! RFC 5005 (feed paging and archiving) for RSS channels and Atom feeds alike: a document is an
//! archive page (`fh:archive`) or complete (`fh:complete`), never both; an archive page names
//! its subscription document (`current`, which the W3C validator asks for); a complete feed has
//! no archive pages to link to; each of `current`, `prev-archive` and `next-archive` at most
//! once, with an absolute URL.

use roxmltree::Node;

use super::xml::{self, ATOM};
use super::{urls, Findings};

/// The namespace of `fh:archive` and `fh:complete`.
const FH: &str = crate::archive::NAMESPACE;
const SOURCE: &str = "RFC 5005 §2, §4";

/// Checks the RFC 5005 elements and links of `feed`: an Atom `<feed>` or an RSS `<channel>`
/// (whose links are `atom:link`s, also in the Atom namespace).
pub(super) fn check(feed: Node, findings: &mut Findings) {
    let archive = xml::children(feed, Some(FH), "archive").next();
    let complete = xml::children(feed, Some(FH), "complete").next();
    let links = |rel: &'static str| {
        xml::children(feed, Some(ATOM), "link")
            .filter(move |l| l.attribute("rel").is_some_and(|r| r.trim() == rel))
    };
    if let (Some(_), Some(c)) = (archive, complete) {
        let rule = "a document with <fh:archive> cannot also be <fh:complete>";
        findings.error(c.range().start, rule, SOURCE);
    }
    if let (Some(a), None) = (archive, links("current").next()) {
        let rule = "an archive document (<fh:archive>) has no link rel=\"current\" to its \
                    subscription document";
        findings.warning(a.range().start, rule, SOURCE);
    }
    for rel in ["current", "prev-archive", "next-archive"] {
        if let (Some(c), Some(l)) = (complete, links(rel).next()) {
            let rule = format!("a complete feed (<fh:complete>) has a link rel=\"{rel}\"");
            findings.warning(l.range().start.max(c.range().start), rule, SOURCE);
        }
        if let Some(second) = links(rel).nth(1) {
            let rule = format!("more than one link rel=\"{rel}\"");
            findings.error(second.range().start, rule, SOURCE);
        }
        // Atom's own rules check every Atom link's URL already; RSS's check only `self`.
        if feed.tag_name().name() != "channel" {
            continue;
        }
        for link in links(rel) {
            let href = link.attribute("href").unwrap_or("");
            if !urls::is_absolute_http(href) {
                let rule = urls::not_absolute(&format!("link rel=\"{rel}\" href"), href);
                findings.error(xml::attribute_start(link, "href"), rule, SOURCE);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::rules;

    fn atom(inside: &str) -> String {
        format!(
            "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" \
             xmlns:fh=\"http://purl.org/syndication/history/1.0\">\n<title>T</title>\n\
             <id>https://x.org/atom.xml</id>\n<updated>2026-01-01T00:00:00Z</updated>\n\
             <author><name>A</name></author>\n\
             <link rel=\"self\" href=\"https://x.org/a/1.xml\"/>\n{inside}\n</feed>\n"
        )
    }

    #[test]
    fn archive_pages_name_their_subscription_document() {
        let good = atom("<link rel=\"current\" href=\"https://x.org/atom.xml\"/><fh:archive/>");
        assert_eq!(rules(&good), Vec::<String>::new());
        let missing = rules(&atom("<fh:archive/>"));
        assert_eq!(missing.len(), 1, "{missing:?}");
        assert!(
            missing[0].contains("no link rel=\"current\""),
            "{missing:?}"
        );
    }

    #[test]
    fn archive_and_complete_exclude_each_other_and_links_are_single_and_absolute() {
        let both = rules(&atom(
            "<link rel=\"current\" href=\"https://x.org/atom.xml\"/><fh:archive/><fh:complete/>",
        ));
        assert!(
            both.iter().any(|r| r.contains("cannot also be")),
            "{both:?}"
        );
        let complete = rules(&atom(
            "<link rel=\"prev-archive\" href=\"https://x.org/a/1.xml\"/><fh:complete/>",
        ));
        assert!(
            complete.iter().any(|r| r.contains("complete feed")),
            "{complete:?}"
        );
        let twice = rules(&atom(
            "<link rel=\"prev-archive\" href=\"https://x.org/a/1.xml\"/>\
             <link rel=\"prev-archive\" href=\"/a/2.xml\"/>",
        ));
        assert!(
            twice.iter().any(|r| r.contains("more than one")),
            "{twice:?}"
        );
        assert!(twice.iter().any(|r| r.contains("/a/2.xml")), "{twice:?}");
    }
}
