//! Reading an XML feed with positions: well-formedness, which format it is, characters, and
//! the small queries the RSS and Atom rules share.
//!
//! roxmltree keeps each node's byte range in the source, so every finding can point at the
//! element, attribute or text it is about. A document that is not well-formed is one error at
//! the parser's position: nothing else can be judged in it.

use roxmltree::{Document, Node, ParsingOptions};

use super::{atom, characters, rss, Findings, Kind};
use crate::diagnostics::Severity;

/// The Atom namespace (also used in RSS for `atom:link`).
pub(super) const ATOM: &str = "http://www.w3.org/2005/Atom";
/// The Dublin Core namespace (`dc:creator`).
pub(super) const DC: &str = "http://purl.org/dc/elements/1.1/";
/// The RSS content module (`content:encoded`).
pub(super) const CONTENT: &str = "http://purl.org/rss/1.0/modules/content/";

/// Where well-formedness comes from.
const WELL_FORMED: &str = "XML 1.0 §2.1";

/// Parses `text` (a document type declaration is allowed; old RSS feeds carry one).
pub(super) fn parse(text: &str) -> Result<Document<'_>, roxmltree::Error> {
    let options = ParsingOptions {
        allow_dtd: true,
        ..ParsingOptions::default()
    };
    Document::parse_with_options(text, options)
}

/// The format of a parsed document, from its root element.
pub(super) fn kind_of(doc: &Document) -> Option<Kind> {
    let root = doc.root_element();
    if is(root, None, "rss") {
        Some(Kind::Rss)
    } else if is(root, Some(ATOM), "feed") {
        Some(Kind::Atom)
    } else {
        None
    }
}

/// Checks an XML feed: characters, well-formedness, then the rules of its format.
pub(super) fn check(text: &str, findings: &mut Findings) {
    characters::check_raw(text, 0, findings);
    let doc = match parse(text) {
        Ok(doc) => doc,
        Err(e) => return not_well_formed(&e, findings),
    };
    decoded_characters(&doc, findings);
    match kind_of(&doc) {
        Some(Kind::Rss) => rss::check(doc.root_element(), findings),
        Some(Kind::Atom) => atom::check(doc.root_element(), findings),
        _ => {
            let root = doc.root_element();
            findings.error(
                root.range().start,
                format!(
                    "<{}> is neither an RSS 2.0 <rss> nor an Atom 1.0 <feed> (in namespace {ATOM})",
                    root.tag_name().name()
                ),
                "RSS 2.0 spec; RFC 4287 §4.1.1",
            );
        }
    }
}

/// The parser's error, at its position (unless a forbidden character already found there is
/// the reason).
fn not_well_formed(e: &roxmltree::Error, findings: &mut Findings) {
    let pos = e.pos();
    let (line, col) = (pos.row as usize, pos.col as usize);
    if findings
        .found
        .iter()
        .any(|f| (f.line, f.col) == (line, col))
    {
        return;
    }
    let message = e.to_string().replace(&format!(" at {pos}"), "");
    let rule = format!("not well-formed XML: {message}");
    findings.at(line, col, Severity::Error, rule, WELL_FORMED);
}

/// Forbidden characters written as character references, in text and attribute values.
fn decoded_characters(doc: &Document, findings: &mut Findings) {
    let text = findings.text();
    for node in doc.descendants() {
        if node.is_text() && text[node.range()].contains("&#") {
            characters::check_decoded(node.text().unwrap_or(""), node.range().start, findings);
        }
        for a in node.attributes() {
            if text[a.range_value()].contains("&#") {
                characters::check_decoded(a.value(), a.range_value().start, findings);
            }
        }
    }
}

/// Whether `node` is element `local` in namespace `ns` (`None`: no namespace).
pub(super) fn is(node: Node, ns: Option<&str>, local: &str) -> bool {
    node.is_element() && node.tag_name().namespace() == ns && node.tag_name().name() == local
}

/// The child elements of `parent` named `local` in namespace `ns`.
pub(super) fn children<'a, 'i: 'a>(
    parent: Node<'a, 'i>,
    ns: Option<&'a str>,
    local: &'a str,
) -> impl Iterator<Item = Node<'a, 'i>> + 'a {
    parent.children().filter(move |c| is(*c, ns, local))
}

/// The one child `local` of `parent`: an error at `parent` when there is none, and at the
/// second one when there are more (reported; the first is returned).
pub(super) fn one<'a, 'i: 'a>(
    parent: Node<'a, 'i>,
    ns: Option<&'a str>,
    local: &'a str,
    source: &'static str,
    findings: &mut Findings,
) -> Option<Node<'a, 'i>> {
    let mut all = children(parent, ns, local);
    let first = all.next();
    let name = name(parent);
    match (first, all.next()) {
        (None, _) => findings.error(
            parent.range().start,
            format!("<{name}> has no <{local}>"),
            source,
        ),
        (Some(_), Some(second)) => findings.error(
            second.range().start,
            format!("<{name}> has more than one <{local}>"),
            source,
        ),
        _ => {}
    }
    first
}

/// The element's name as written, with its prefix (`dc:creator`).
pub(super) fn name(node: Node) -> String {
    let local = node.tag_name().name();
    let prefix = node
        .tag_name()
        .namespace()
        .and_then(|ns| node.lookup_prefix(ns))
        .filter(|p| !p.is_empty());
    match prefix {
        Some(p) => format!("{p}:{local}"),
        None => local.to_string(),
    }
}

/// The text of `node` (its text and CDATA children, joined).
pub(super) fn text(node: Node) -> String {
    node.children().filter_map(|c| c.text()).collect()
}

/// The byte offset where the text of `node` starts (its start tag's, when it has none).
pub(super) fn text_start(node: Node) -> usize {
    node.children()
        .find(Node::is_text)
        .unwrap_or(node)
        .range()
        .start
}

/// The byte offset of attribute `name`'s value on `node` (the node's, when it has none).
pub(super) fn attribute_start(node: Node, name: &str) -> usize {
    node.attribute_node(name)
        .map_or(node.range().start, |a| a.range_value().start)
}

#[cfg(test)]
mod tests {
    use super::super::validate;
    use super::*;

    fn rules(text: &str) -> Vec<(usize, usize, String)> {
        validate(text.as_bytes())
            .into_iter()
            .map(|f| (f.line, f.col, f.rule))
            .collect()
    }

    #[test]
    fn a_document_that_is_not_well_formed_is_one_error_at_the_parser_position() {
        assert_eq!(
            rules("<rss version=\"2.0\">\n<channel><title>R&D</title>"),
            [(
                2,
                18,
                "not well-formed XML: malformed entity reference".into()
            )]
        );
        assert_eq!(
            rules("<rss>\n  <channel>\n</rss>"),
            [(
                3,
                1,
                "not well-formed XML: expected 'channel' tag, not 'rss'".into()
            )]
        );
    }

    #[test]
    fn a_forbidden_character_is_reported_once_even_where_the_parser_stops() {
        assert_eq!(
            rules("<rss><channel><title>a\u{1}b</title></channel></rss>"),
            [(1, 23, "forbidden character U+0001".into())]
        );
    }

    #[test]
    fn character_references_to_forbidden_characters_are_found() {
        let found =
            rules("<feed xmlns=\"http://www.w3.org/2005/Atom\" a=\"&#x9F;\">x&#x85;</feed>");
        assert!(
            found.contains(&(1, 46, "forbidden character U+009F".into())),
            "{found:?}"
        );
        assert!(
            found.contains(&(1, 54, "forbidden character U+0085".into())),
            "{found:?}"
        );
    }

    #[test]
    fn another_root_is_not_a_feed() {
        assert_eq!(
            rules("<?xml version=\"1.0\"?>\n<feed/>"),
            [(
                2,
                1,
                format!("<feed> is neither an RSS 2.0 <rss> nor an Atom 1.0 <feed> (in namespace {ATOM})")
            )]
        );
    }

    #[test]
    fn elements_are_matched_by_namespace_and_name() {
        let doc = parse(
            "<rss xmlns:atom=\"http://www.w3.org/2005/Atom\"><link/><atom:link/><atom:link/></rss>",
        )
        .unwrap();
        let root = doc.root_element();
        assert_eq!(children(root, None, "link").count(), 1);
        assert_eq!(children(root, Some(ATOM), "link").count(), 2);
        let mut findings = Findings::new(doc.input_text());
        assert!(one(root, Some(ATOM), "link", "test", &mut findings).is_some());
        assert_eq!(findings.found[0].rule, "<rss> has more than one <link>");
        assert_eq!(findings.found[0].col, 66);
    }
}
