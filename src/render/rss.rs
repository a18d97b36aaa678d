//! RSS 2.0, written with the `rss` crate, following the RSS Advisory Board's best-practices profile.
//!
//! Dates are RFC 822 with four-digit years; authors are `dc:creator` (RSS `author` demands an
//! e-mail); the summary is the `description` and full content is `content:encoded`; the guid is the
//! article id, marked `isPermaLink="false"` unless it is the link itself; `atom:link rel="self"`
//! names the feed's own URL. After the crate has written the document, plain-text elements get
//! `&` and `<` as hexadecimal character references (`&#x26;`, `&#x3C;`), as the profile asks.

use std::collections::BTreeMap;

use quick_xml::events::Event;
use rss::extension::atom::{AtomExtension, Link};
use rss::extension::dublincore::DublinCoreExtension;
use rss::{Category, Channel, Guid, Item};

use crate::config::Format;
use crate::feed::{Feed, GENERATOR, VERSION};
use crate::text::escape_html;

/// Renders `feed` as RSS 2.0.
pub fn render(feed: &Feed) -> Vec<u8> {
    let items = feed
        .entries
        .iter()
        .map(|e| Item {
            title: Some(e.title.to_string()),
            link: Some(e.link.to_string()),
            description: Some(escape_html(e.summary)),
            categories: e
                .tags
                .iter()
                .map(|t| Category {
                    name: t.clone(),
                    domain: None,
                })
                .collect(),
            guid: Some(Guid {
                permalink: e.id == e.link,
                value: e.id.to_string(),
            }),
            pub_date: Some(e.published.to_rfc2822()),
            content: e.content_html.map(str::to_string),
            dublin_core_ext: Some(DublinCoreExtension {
                creators: e.authors.iter().map(|p| p.name.clone()).collect(),
                ..Default::default()
            }),
            ..Default::default()
        })
        .collect();
    let channel = Channel {
        title: feed.title.to_string(),
        link: feed.home_page_url.to_string(),
        description: feed.description.to_string(),
        language: feed.language.map(str::to_string),
        copyright: feed.copyright.map(str::to_string),
        last_build_date: feed.updated.map(|d| d.to_rfc2822()),
        generator: Some(format!("{GENERATOR} {VERSION}")),
        atom_ext: feed.self_url(Format::Rss).map(|href| AtomExtension {
            links: vec![Link {
                href: href.to_string(),
                rel: "self".into(),
                mime_type: Some("application/rss+xml".into()),
                ..Default::default()
            }],
        }),
        items,
        namespaces: BTreeMap::new(),
        ..Default::default()
    };
    let mut out = Vec::with_capacity(feed.size_hint());
    channel
        .pretty_write_to(&mut out, b' ', 2)
        .expect("writing to a Vec cannot fail");
    drop(channel); // its copies of every entry are no longer needed
    let mut out = hex_escape_text(&out);
    out.push(b'\n');
    out
}

/// Rewrites the escapes of `&` and `<` in text nodes as hexadecimal character references.
/// Everything else (markup, attribute values, CDATA sections) is copied byte for byte.
pub fn hex_escape_text(xml: &[u8]) -> Vec<u8> {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut out = Vec::with_capacity(xml.len() + xml.len() / 16);
    loop {
        let before = reader.buffer_position() as usize;
        let event = reader.read_event();
        let after = reader.buffer_position() as usize;
        match event {
            Ok(Event::Eof) => {
                out.extend_from_slice(&xml[before..]);
                break;
            }
            Ok(Event::GeneralRef(r)) if &*r == b"amp" => out.extend_from_slice(b"&#x26;"),
            Ok(Event::GeneralRef(r)) if &*r == b"lt" => out.extend_from_slice(b"&#x3C;"),
            Ok(_) => out.extend_from_slice(&xml[before..after]),
            Err(e) => unreachable!("rss wrote XML that quick-xml cannot read back: {e}"),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_escapes_text_but_not_cdata_or_attributes() {
        let xml = br#"<a x="&amp;"><t>R&amp;D &lt;x&gt;</t><d><![CDATA[&amp; <b>]]></d></a>"#;
        let out = String::from_utf8(hex_escape_text(xml)).unwrap();
        assert_eq!(
            out,
            r#"<a x="&amp;"><t>R&#x26;D &#x3C;x&gt;</t><d><![CDATA[&amp; <b>]]></d></a>"#
        );
    }

    #[test]
    fn leaves_plain_documents_unchanged() {
        let xml = b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss>\n  <c a=\"1\"/>\n  <t>caf\xc3\xa9</t>\n</rss>";
        assert_eq!(hex_escape_text(xml), xml.to_vec());
    }
}
