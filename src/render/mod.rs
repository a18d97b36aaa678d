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

/// Writes `feed` in `format` to `out`, as it is rendered (a 100 MB archive is never held
/// whole: a feed of more than [`fragments::RUN`] entries is written in parts by
/// [`fragments::write`], byte for byte the one document [`whole`] would write).
/// An entry this build did not render (see [`crate::body::BodyRef`]) is an error
/// ([`fragments::Elsewhere`]): only [`fragments::write`] can take its bytes from the cache.
pub fn write(feed: &Feed, format: Format, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    if feed.entries.len() > fragments::RUN {
        return fragments::write(feed, format, None, out).map(drop);
    }
    whole(feed, format, out)
}

/// Writes `feed` in `format` to `out` as one document from the crate's writer (every entry's
/// copy held at once: for short feeds and the parts [`fragments`] cuts).
pub fn whole(feed: &Feed, format: Format, out: &mut dyn std::io::Write) -> std::io::Result<()> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Person;
    use crate::feed::Entry;

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
