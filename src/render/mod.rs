//! Writers: pure functions from the neutral [`Feed`] model to the bytes of
//! one format, written to any `Write`. They read no clock and touch no file; the same model always
//! gives the same bytes.
//!
//! A writer never panics on what the model holds: a date no format can carry (which the
//! pipeline refuses when it reads the date) is an error from the writer, not a panic in a
//! date formatter.

pub mod atom;
pub mod fragments;
pub mod json;
pub mod podcast;
pub mod rss;

use std::collections::BTreeMap;
use std::io;

use chrono::{DateTime, FixedOffset};

use crate::archive::{self, History};
use crate::article::date;
use crate::config::Format;
use crate::feed::Feed;

/// Writes `feed` in `format` to `out`, as it is rendered (a 100 MB archive is never held whole).
/// An entry this build did not render (see [`crate::body::BodyRef`]) is an error
/// ([`fragments::Elsewhere`]): only [`fragments::write`] can take its bytes from the cache.
pub fn write(feed: &Feed, format: Format, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if feed
        .entries
        .iter()
        .any(|e| e.body.is_some_and(|b| b.elsewhere))
    {
        return Err(io::Error::other(fragments::Elsewhere));
    }
    match format {
        Format::Rss => rss::write(feed, out),
        Format::Atom => atom::write(feed, out),
        Format::Json => json::write(feed, out),
    }
}

/// Renders `feed` in `format` into memory.
pub fn render(feed: &Feed, format: Format) -> io::Result<Vec<u8>> {
    let mut out = Vec::with_capacity(feed.size_hint());
    write(feed, format, &mut out)?;
    Ok(out)
}

/// `d`, if every format can carry it (see [`date::representable`]); else an error naming it.
pub fn checked_date(d: DateTime<FixedOffset>) -> io::Result<DateTime<FixedOffset>> {
    date::representable(d)
        .map_err(|why| io::Error::new(io::ErrorKind::InvalidData, format!("the date {d:?} {why}")))
}

/// The RFC 5005 element a document carries: `fh:archive` on an archive page, `fh:complete` on
/// a subscription document holding every entry, none otherwise.
pub fn history_element(history: &History) -> Option<&'static str> {
    match (history.archive, history.complete) {
        (true, _) => Some("fh:archive"),
        (false, true) => Some("fh:complete"),
        (false, false) => None,
    }
}

/// The element [`history_element`] names, as the XML crates hold extensions (keyed by prefix,
/// then name); `make` builds one of the crate's (each defines its own extension type).
pub fn history_extensions<E>(
    history: &History,
    make: impl Fn(String) -> E,
) -> BTreeMap<String, BTreeMap<String, Vec<E>>> {
    let Some(name) = history_element(history) else {
        return BTreeMap::new();
    };
    let by_name = BTreeMap::from([(name.to_string(), vec![make(name.to_string())])]);
    BTreeMap::from([("fh".to_string(), by_name)])
}

/// `doc` with the [`history_element`] written empty (`<fh:archive/>`): the crates write an
/// extension element as a start and an end tag, which their pretty-printers put white space
/// between, and RFC 5005's elements are empty. Exact: entries' text never holds a raw `<`.
pub fn empty_history_element(history: &History, mut doc: Vec<u8>) -> Vec<u8> {
    if let Some(name) = history_element(history) {
        let open = format!("<{name}>");
        let close = format!("</{name}>");
        let find =
            |doc: &[u8], what: &str| doc.windows(what.len()).position(|w| w == what.as_bytes());
        let Some(start) = find(&doc, &open) else {
            return doc;
        };
        let Some(end) = find(&doc[start..], &close).map(|e| start + e + close.len()) else {
            return doc;
        };
        if doc[start + open.len()..end - close.len()]
            .iter()
            .all(u8::is_ascii_whitespace)
        {
            doc.splice(start..end, format!("<{name}/>").into_bytes());
        }
    }
    doc
}

/// The `fh` namespace declaration, when [`history_extensions`] writes an element.
pub fn history_namespace(history: &History) -> BTreeMap<String, String> {
    if history_element(history).is_some() {
        BTreeMap::from([("fh".to_string(), archive::NAMESPACE.to_string())])
    } else {
        BTreeMap::new()
    }
}

/// Entries the XML writers hand to their crate at a time.
pub const BATCH: usize = 256;

/// Writes an XML document whose `<tag>` elements (RSS items, Atom entries) the crate renders
/// `batch` at a time, so its owned copy of every entry's content never exists for more than one
/// batch. `render(range)` must render the whole document with only those entries: the parts
/// before the first `<tag>` and after the last `</tag>` do not depend on the entries, so the
/// result is byte for byte the document rendered in one go (a unit test holds this).
///
/// Finding the first `<tag>` and the last `</tag>` by text is exact here: everything before
/// the entries and after them is markup the crate wrote and escaped text, never a raw `<`.
pub fn write_batched(
    count: usize,
    batch: usize,
    tag: &str,
    render: impl Fn(std::ops::Range<usize>) -> std::io::Result<Vec<u8>>,
    out: &mut dyn std::io::Write,
) -> std::io::Result<()> {
    if count <= batch {
        return out.write_all(&render(0..count)?);
    }
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let find = |doc: &[u8], what: &str| doc.windows(what.len()).position(|w| w == what.as_bytes());
    let rfind =
        |doc: &[u8], what: &str| doc.windows(what.len()).rposition(|w| w == what.as_bytes());
    let broken = || std::io::Error::other(format!("the XML writer wrote no <{tag}> elements"));
    let mut footer = Vec::new();
    let mut separator = Vec::new();
    for start in (0..count).step_by(batch) {
        let doc = render(start..(start + batch).min(count))?;
        let first = find(&doc, &open).ok_or_else(broken)?;
        let last = rfind(&doc, &close).ok_or_else(broken)? + close.len();
        if start == 0 {
            let header = &doc[..first];
            // The white space the pretty-printer puts between two entries.
            let indent = header.len()
                - header
                    .iter()
                    .rev()
                    .take_while(|c| c.is_ascii_whitespace())
                    .count();
            separator = header[indent..].to_vec();
            out.write_all(header)?;
            footer = doc[last..].to_vec();
        } else {
            out.write_all(&separator)?;
        }
        out.write_all(&doc[first..last])?;
    }
    out.write_all(&footer)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Person;
    use crate::feed::Entry;

    #[test]
    fn batched_documents_equal_documents_written_in_one_go() {
        let person = Person {
            name: "A <b> & c".into(),
            email: Some("a@x.org".into()),
            uri: None,
        };
        let date = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00+02:00").unwrap();
        let tags = vec!["t &".to_string()];
        // Entry text that looks like the markers the splice looks for.
        let texts: Vec<(String, String, String)> = (0..600)
            .map(|i| {
                (
                    format!("https://x.org/{i}/"),
                    format!("Title {i} </item> <entry> ]]>"),
                    format!("<p>{i} <![CDATA[ x ]]> </item>\n<item></entry><entry></p>"),
                )
            })
            .collect();
        let entries = texts
            .iter()
            .map(|(link, title, html)| Entry {
                id: link,
                title,
                link,
                published: date,
                updated: None,
                authors: vec![&person],
                summary: title,
                content_html: Some(html),
                tags: &tags,
                episode: None,
                body: None,
            })
            .collect();
        let feed = Feed {
            title: "T",
            description: "D",
            home_page_url: "https://x.org/",
            self_urls: vec![(Format::Rss, "https://x.org/rss.xml".into())],
            language: Some("en"),
            copyright: None,
            author: &person,
            updated: Some(date),
            entries,
            history: Default::default(),
            hubs: &[],
            podcast: None,
            stylesheet: None,
        };
        type Part = fn(&Feed, std::ops::Range<usize>) -> std::io::Result<Vec<u8>>;
        for (tag, part) in [
            ("item", rss::render_part as Part),
            ("entry", atom::render_part),
        ] {
            let whole = part(&feed, 0..600).unwrap();
            for batch in [1, 7, 256, 599, 600, 1000] {
                let mut out = Vec::new();
                write_batched(600, batch, tag, |r| part(&feed, r), &mut out).unwrap();
                assert!(out == whole, "<{tag}> in batches of {batch}");
            }
        }
    }

    #[test]
    fn a_date_no_format_can_carry_is_an_error_from_every_writer_not_a_panic() {
        let person = Person {
            name: "A".into(),
            email: None,
            uri: None,
        };
        let good = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap();
        let year = |y| {
            chrono::NaiveDate::from_ymd_opt(y, 1, 1)
                .unwrap()
                .and_time(chrono::NaiveTime::MIN)
                .and_utc()
                .fixed_offset()
        };
        let tags = Vec::new();
        for bad in [year(10000), year(-1), year(0)] {
            // Each date, and the formats that write it.
            let all = [Format::Rss, Format::Atom, Format::Json];
            for (published, updated, feed_date, formats) in [
                (bad, None, Some(good), &all[..]),
                (good, Some(bad), Some(good), &all[1..]),
                (good, None, Some(bad), &all[..2]),
            ] {
                let feed = Feed {
                    title: "T",
                    description: "D",
                    home_page_url: "https://x.org/",
                    self_urls: vec![],
                    language: None,
                    copyright: None,
                    author: &person,
                    updated: feed_date,
                    history: Default::default(),
                    hubs: &[],
                    podcast: None,
                    stylesheet: None,
                    entries: vec![Entry {
                        id: "tag:x.org,2026:a",
                        title: "A",
                        link: "https://x.org/a",
                        published,
                        updated,
                        authors: vec![&person],
                        summary: "S",
                        content_html: None,
                        tags: &tags,
                        episode: None,
                        body: None,
                    }],
                };
                for &format in formats {
                    let e = render(&feed, format).unwrap_err();
                    assert!(
                        e.to_string().contains("is outside the years 0001-9999"),
                        "{format:?}: {e}"
                    );
                }
            }
        }
    }
}
