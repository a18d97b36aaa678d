//! RSS 2.0, written with the `rss` crate, following the RSS Advisory Board's best-practices profile.
//!
//! Dates are RFC 822 with four-digit years; authors are `dc:creator` (RSS `author` demands an
//! e-mail); the summary is the `description` and full content is `content:encoded`; the guid is the
//! article id, marked `isPermaLink="false"` unless it is the link itself; `atom:link rel="self"`
//! names the feed's own URL. As the crate writes the document, plain-text elements get `&` and
//! `<` as hexadecimal character references (`&#x26;`, `&#x3C;`), as the profile asks.

use std::io::{self, Write};

use rss::extension::atom::{AtomExtension, Link};
use rss::extension::dublincore::DublinCoreExtension;
use rss::{Category, Channel, Enclosure, Guid, Item};

use super::podcast;

use crate::archive::Rel;
use crate::config::Format;
use crate::feed::{Feed, GENERATOR, VERSION};
use crate::text::escape_html;

/// Writes `feed` as RSS 2.0 to `out`, in one document (see [`super::write`], which writes a
/// long feed in parts).
pub(super) fn write(feed: &Feed, out: &mut dyn Write) -> io::Result<()> {
    let mut hex = HexText::new(out);
    hex.write_all(&render_part(feed, 0..feed.entries.len())?)?;
    hex.finish()?;
    out.write_all(b"\n")
}

/// The whole channel with only the entries in `range`.
pub(super) fn render_part(feed: &Feed, range: std::ops::Range<usize>) -> io::Result<Vec<u8>> {
    let hint = feed.size_hint_for(range.clone());
    let items = feed.entries[range]
        .iter()
        .map(|e| {
            Ok(Item {
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
                pub_date: Some(rfc822(e.published)?),
                content: e.content_html.map(str::to_string),
                dublin_core_ext: Some(DublinCoreExtension {
                    creators: e.authors.iter().map(|p| p.name.clone()).collect(),
                    ..Default::default()
                }),
                enclosure: enclosure(e),
                itunes_ext: feed.podcast.and_then(|_| podcast::item_itunes(e)),
                extensions: match feed.podcast {
                    Some(_) => podcast::item_extensions(e),
                    None => Default::default(),
                },
                ..Default::default()
            })
        })
        .collect::<io::Result<_>>()?;
    let channel = Channel {
        title: feed.title.to_string(),
        link: feed.home_page_url.to_string(),
        description: feed.description.to_string(),
        language: feed.language.map(str::to_string),
        copyright: feed.copyright.map(str::to_string),
        last_build_date: feed.updated.map(rfc822).transpose()?,
        generator: Some(format!("{GENERATOR} {VERSION}")),
        atom_ext: feed.self_url(Format::Rss).map(|href| AtomExtension {
            links: links(feed, href),
        }),
        items,
        extensions: super::history_extensions(&feed.history, |name| rss::extension::Extension {
            name,
            ..Default::default()
        }),
        namespaces: super::history_namespace(&feed.history),
        ..Default::default()
    };
    let mut channel = channel;
    // The crate declares `content` only when an item of the document has content: declared
    // for the whole feed, every part of it (see `fragments`) has one header.
    if feed.entries.iter().any(|e| e.content_html.is_some()) {
        channel
            .namespaces
            .insert("content".into(), CONTENT_NAMESPACE.into());
    }
    if let Some(p) = feed.podcast {
        channel.itunes_ext = Some(podcast::channel_itunes(p));
        channel
            .extensions
            .extend(podcast::channel_extensions(feed, p));
        channel.namespaces.extend([podcast::namespace()]);
    }
    channel
        .pretty_write_to(Vec::with_capacity(hint), b' ', 2)
        .map(|doc| super::empty_history_element(&feed.history, doc))
        .map(|doc| match feed.podcast {
            Some(_) => podcast::collapse_empty(doc, podcast::EMPTY),
            None => doc,
        })
        .map(|doc| crate::preview::insert(feed.stylesheet, doc))
        .map_err(|e| io::Error::other(e.to_string()))
}

/// The RSS content module's namespace (`content:encoded`).
const CONTENT_NAMESPACE: &str = "http://purl.org/rss/1.0/modules/content/";

/// The item's `<enclosure>`, if its article has one.
fn enclosure(e: &crate::feed::Entry) -> Option<Enclosure> {
    let m = e.episode?.enclosure.as_ref()?;
    Some(Enclosure {
        url: m.url.clone(),
        length: m.length?.to_string(),
        mime_type: m.mime_type.clone()?,
    })
}

/// The channel's `atom:link`s: `self` at `href`, its WebSub hubs, then the RFC 5005 links of
/// its history.
fn links(feed: &Feed, href: &str) -> Vec<Link> {
    let link = |href: &str, rel: &str| Link {
        href: href.to_string(),
        rel: rel.into(),
        mime_type: Some("application/rss+xml".into()),
        ..Default::default()
    };
    std::iter::once(link(href, "self"))
        .chain(feed.hubs.iter().map(|hub| Link {
            href: hub.to_string(),
            rel: "hub".into(),
            ..Default::default()
        }))
        .chain(Rel::ALL.iter().filter_map(|&rel| {
            let href = feed.history.link(rel, Format::Rss)?;
            Some(link(href, rel.name()))
        }))
        .collect()
}

/// `d` as RFC 822 writes it, with a four-digit year; an error (not chrono's panic) for a date
/// outside the years 0001-9999.
fn rfc822(d: chrono::DateTime<chrono::FixedOffset>) -> io::Result<String> {
    super::checked_date(d).map(|d| d.to_rfc2822())
}

/// Where [`HexText`] is in the document.
#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    /// Character data, where `&amp;` and `&lt;` are rewritten.
    Text,
    /// Inside a tag (or the XML declaration), possibly in a quoted attribute value.
    Markup(Option<u8>),
    /// Inside `<![CDATA[ ... ]]>`.
    CData,
}

/// A writer that passes XML through, rewriting the escapes of `&` and `<` in text nodes as
/// hexadecimal character references; markup, attribute values and CDATA sections are copied
/// byte for byte. It reads the XML the `rss` crate writes (well-formed, with quoted attributes)
/// as it streams, holding back only a construct cut by the end of a write (at most 8 bytes).
struct HexText<'w> {
    inner: &'w mut dyn Write,
    state: State,
    carry: Vec<u8>,
}

impl<'w> HexText<'w> {
    fn new(inner: &'w mut dyn Write) -> Self {
        HexText {
            inner,
            state: State::Text,
            carry: Vec::new(),
        }
    }

    /// Writes what is left at the end of the document.
    fn finish(mut self) -> io::Result<()> {
        let carry = std::mem::take(&mut self.carry);
        self.process(&carry, true).map(|_| ())
    }

    /// Processes `buf`, returning how many bytes at its end begin a construct that the next
    /// write completes (never at the end of the document).
    fn process(&mut self, buf: &[u8], at_end: bool) -> io::Result<usize> {
        // Whether `rest` may be the start of `whole`, cut short by the end of a write.
        let cut = |rest: &[u8], whole: &[u8]| {
            !at_end && rest.len() < whole.len() && whole.starts_with(rest)
        };
        let mut i = 0;
        let mut run = 0; // start of bytes to copy unchanged
        while i < buf.len() {
            match self.state {
                State::Text => {
                    let Some(p) = buf[i..].iter().position(|&c| c == b'&' || c == b'<') else {
                        break;
                    };
                    i += p;
                    let rest = &buf[i..];
                    let (from, to): (&[u8], &[u8]) = if rest.starts_with(b"&amp;") {
                        (b"&amp;", b"&#x26;")
                    } else if rest.starts_with(b"&lt;") {
                        (b"&lt;", b"&#x3C;")
                    } else if cut(rest, b"&amp;") || cut(rest, b"&lt;") || cut(rest, b"<![CDATA[") {
                        self.inner.write_all(&buf[run..i])?;
                        return Ok(buf.len() - i);
                    } else {
                        if rest.starts_with(b"<![CDATA[") {
                            self.state = State::CData;
                            i += 9;
                        } else if rest[0] == b'<' {
                            self.state = State::Markup(None);
                            i += 1;
                        } else {
                            i += 1;
                        }
                        continue;
                    };
                    self.inner.write_all(&buf[run..i])?;
                    self.inner.write_all(to)?;
                    i += from.len();
                    run = i;
                }
                State::Markup(quote) => {
                    let end = buf[i..].iter().position(|&c| match quote {
                        Some(q) => c == q,
                        None => matches!(c, b'"' | b'\'' | b'>'),
                    });
                    let Some(p) = end else { break };
                    i += p;
                    self.state = match (quote, buf[i]) {
                        (Some(_), _) => State::Markup(None),
                        (None, b'>') => State::Text,
                        (None, q) => State::Markup(Some(q)),
                    };
                    i += 1;
                }
                State::CData => {
                    let Some(p) = buf[i..].iter().position(|&c| c == b']') else {
                        break;
                    };
                    i += p;
                    let rest = &buf[i..];
                    if rest.starts_with(b"]]>") {
                        self.state = State::Text;
                        i += 3;
                    } else if cut(rest, b"]]>") {
                        self.inner.write_all(&buf[run..i])?;
                        return Ok(buf.len() - i);
                    } else {
                        i += 1;
                    }
                }
            }
        }
        self.inner.write_all(&buf[run..])?;
        Ok(0)
    }
}

impl Write for HexText<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let carried = if self.carry.is_empty() {
            let n = self.process(buf, false)?;
            buf[buf.len() - n..].to_vec()
        } else {
            let mut joined = std::mem::take(&mut self.carry);
            joined.extend_from_slice(buf);
            let n = self.process(&joined, false)?;
            joined[joined.len() - n..].to_vec()
        };
        self.carry = carried;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Rewrites the escapes of `&` and `<` in text nodes as hexadecimal character references, by
/// a full XML parse: the reference [`HexText`] is tested against.
#[cfg(test)]
fn hex_escape_text(xml: &[u8]) -> Vec<u8> {
    use quick_xml::events::Event;
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

    /// Streams `xml` through [`HexText`] in pieces of the given sizes.
    fn streamed(xml: &[u8], sizes: &[usize]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut hex = HexText::new(&mut out);
        let mut rest = xml;
        for &n in sizes.iter().cycle() {
            if rest.is_empty() {
                break;
            }
            let (piece, tail) = rest.split_at(n.clamp(1, rest.len()));
            hex.write_all(piece).unwrap();
            rest = tail;
        }
        hex.finish().unwrap();
        out
    }

    #[test]
    fn streaming_agrees_with_a_full_parse_however_writes_are_cut() {
        let doc = r#"<?xml version="1.0" encoding="utf-8"?>
<rss a="&amp;" b='x>&lt;'><t>R&amp;D &lt;x&gt; &amp;amp;</t><d><![CDATA[&amp; <b> ]] ]]]></d><e>]]&gt; &lt;![CDATA[</e>
<c/><u>café &#x26; &amp;</u></rss>"#
            .as_bytes();
        let want = hex_escape_text(doc);
        assert!(String::from_utf8_lossy(&want).contains("R&#x26;D &#x3C;x&gt; &#x26;amp;"));
        for sizes in [
            &[1][..],
            &[2],
            &[3],
            &[5],
            &[7],
            &[8],
            &[9],
            &[1, 4, 2, 9],
            &[10_000],
        ] {
            assert_eq!(streamed(doc, sizes), want, "pieces of {sizes:?}");
        }
    }

    #[test]
    fn leaves_plain_documents_unchanged() {
        let xml = b"<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<rss>\n  <c a=\"1\"/>\n  <t>caf\xc3\xa9</t>\n</rss>";
        assert_eq!(hex_escape_text(xml), xml.to_vec());
    }
}
