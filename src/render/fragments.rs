//! Documents written entry by entry, so that a build after one article changed copies every
//! other entry's bytes from the file an earlier build wrote instead of rendering them again.
//!
//! Every document of every format is a [`Frame`] (the bytes before the first entry, between
//! two entries and after the last, which depend only on the feed) around its entries' bytes,
//! and an entry's bytes depend only on the entry and the format (the same property the
//! batched XML writers rely on). So [`write`] renders the frame once (from the document of a
//! stand-in entry) and each entry as the one entry of a document, cut out of it, or takes the
//! entry's bytes from a [`Fragments`] source by the entry's [`key`]; it returns where each
//! entry sits in what it wrote ([`Span`]), for the cache to find it next time. A freshly
//! rendered entry's document must have exactly the frame around it, or the writer fails
//! rather than splice: the result is byte for byte [`super::write`]'s (a unit test, the
//! golden files and the cache's property test hold this).

use std::io::{self, Write};

use rayon::prelude::*;

use crate::config::{Format, Person};
use crate::feed::{Entry, Feed};

/// Where an entry sits in a file: its key, its offset and length, and a checksum of its bytes
/// (XXH3), which a reader checks before it trusts them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub key: u128,
    pub offset: u64,
    pub len: u32,
    pub check: u64,
}

/// A source of entries' bytes as an earlier build wrote them.
pub trait Fragments {
    /// Whether the entry with `key` is known (not yet whether its bytes are intact).
    fn has(&self, key: u128) -> bool;

    /// Fills `buf` with the bytes of the entry with `key`, when they are known and intact;
    /// returns their checksum.
    fn get(&self, key: u128, buf: &mut Vec<u8>) -> Option<u64>;
}

/// The error of a writer asked to render an entry whose body this build did not render (it
/// expected the entry from the cache, which could not give it): the build runs again without
/// the cache.
#[derive(Debug)]
pub struct Elsewhere;

impl std::fmt::Display for Elsewhere {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("an entry expected from the build cache could not be read from it")
    }
}

impl std::error::Error for Elsewhere {}

/// Whether `e` is the [`Elsewhere`] error.
pub fn is_elsewhere(e: &io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<Elsewhere>())
}

/// The key of entry `e` written in `format` in a feed that is a podcast or not (the only fact
/// of the feed its items read): a hash of every field of the entry, its body by the key of its
/// rendering (`None` when it has none: such an entry is always rendered).
pub fn key(e: &Entry, format: Format, podcast: bool) -> Option<u128> {
    let Entry {
        id,
        title,
        link,
        published,
        updated,
        authors,
        summary: _,
        content_html,
        tags,
        episode,
        body,
    } = e;
    let body = body.as_ref()?;
    // Every part length-prefixed into one buffer, hashed once.
    let mut buf = Vec::with_capacity(512);
    let mut text = |s: &[u8]| {
        buf.extend_from_slice(&(s.len() as u64).to_le_bytes());
        buf.extend_from_slice(s);
    };
    text(b"feedwright entry 1");
    text(match format {
        Format::Rss => b"rss",
        Format::Atom => b"atom",
        Format::Json => b"json",
    });
    text(if podcast { b"podcast" } else { b"feed" });
    for s in [*id, *title, *link] {
        text(s.as_bytes());
    }
    // The instant and the offset it is written with.
    for d in std::iter::once(Some(published)).chain([updated.as_ref()]) {
        match d {
            Some(d) => {
                text(&d.timestamp().to_le_bytes());
                text(&d.timestamp_subsec_nanos().to_le_bytes());
                text(&d.offset().local_minus_utc().to_le_bytes());
            }
            None => text(b"-"),
        }
    }
    text(&authors.len().to_le_bytes());
    for p in authors {
        let Person { name, email, uri } = p;
        for s in [Some(name.as_str()), email.as_deref(), uri.as_deref()] {
            text(s.map_or(b"\0".as_slice(), str::as_bytes));
        }
    }
    text(&tags.len().to_le_bytes());
    for t in tags.iter() {
        text(t.as_bytes());
    }
    match episode {
        Some(episode) => text(format!("{episode:?}").as_bytes()),
        None => text(b"-"),
    }
    text(if content_html.is_some() {
        b"content"
    } else {
        b"summary"
    });
    text(&body.key);
    let h = blake3::hash(&buf);
    let bytes: [u8; 16] = h.as_bytes()[..16].try_into().ok()?;
    Some(u128::from_le_bytes(bytes))
}

/// The parts of a document that do not depend on its entries.
#[derive(Debug, Clone)]
pub struct Frame<'a> {
    pub header: Vec<u8>,
    pub separator: Vec<u8>,
    pub footer: Vec<u8>,
    /// The stand-in entry, and the bytes before the entry after it in a document of the two.
    stand_in: (Entry<'a>, Vec<u8>),
}

/// Where the entry of a one-entry document in `format` starts and ends. Exact: before the entry
/// and after it there is only markup the writer wrote and escaped text (never a raw `<item>`,
/// `<entry>` nor, in JSON, an unescaped `"items": [`).
fn cut(doc: &[u8], format: Format) -> Option<(usize, usize)> {
    let find = |what: &[u8]| doc.windows(what.len()).position(|w| w == what);
    let rfind = |what: &[u8]| doc.windows(what.len()).rposition(|w| w == what);
    match format {
        Format::Rss => Some((find(b"<item>")?, rfind(b"</item>")? + b"</item>".len())),
        Format::Atom => Some((find(b"<entry>")?, rfind(b"</entry>")? + b"</entry>".len())),
        Format::Json => {
            let open = find(b"\"items\": [")? + b"\"items\": [".len();
            let start = open
                + doc[open..]
                    .iter()
                    .take_while(|c| c.is_ascii_whitespace())
                    .count();
            let end = rfind(b"\n  ]")?;
            (start < end).then_some((start, end))
        }
    }
}

/// The document of `feed` holding only `entries`, in one piece ([`super::whole`]).
fn part<'a>(feed: &Feed<'a>, entries: Vec<Entry<'a>>, format: Format) -> io::Result<Vec<u8>> {
    let part = feed.with_entries(entries);
    let mut out = Vec::with_capacity(part.size_hint());
    super::whole(&part, format, &mut out)?;
    Ok(out)
}

/// An entry that only stands in for the rest of the feed: no text that escaping could touch,
/// and content when some entry has content (RSS declares the content module only then).
fn stand_in<'a>(feed: &Feed<'a>) -> Entry<'a> {
    let date = feed.updated.unwrap_or_default();
    let content = feed.entries.iter().any(|e| e.content_html.is_some());
    Entry {
        id: "urn:feedwright:frame",
        title: "frame",
        link: feed.home_page_url,
        published: date,
        updated: None,
        authors: vec![feed.author],
        summary: "frame",
        content_html: content.then_some("frame"),
        tags: &[],
        episode: None,
        body: None,
    }
}

impl<'a> Frame<'a> {
    /// The frame of `feed` in `format`, read from the document of its stand-in entry.
    pub fn of(feed: &Feed<'a>, format: Format) -> io::Result<Frame<'a>> {
        let stand_in = stand_in(feed);
        let doc = part(feed, vec![stand_in.clone()], format)?;
        let broken = || io::Error::other(format!("the {format:?} writer wrote no entry"));
        let (start, end) = cut(&doc, format).ok_or_else(broken)?;
        let header = &doc[..start];
        let indent = header
            .iter()
            .rev()
            .take_while(|c| c.is_ascii_whitespace())
            .count();
        let mut separator = match format {
            Format::Json => b",".to_vec(),
            Format::Rss | Format::Atom => Vec::new(),
        };
        separator.extend_from_slice(&header[header.len() - indent..]);
        let before = [header, &doc[start..end], &separator].concat();
        Ok(Frame {
            header: header.to_vec(),
            separator,
            footer: doc[end..].to_vec(),
            stand_in: (stand_in, before),
        })
    }

    /// The bytes of entry `e` of `feed` in `format`, cut from the document of the stand-in
    /// entry and `e` (so that what the header declares is the whole feed's); an error if that
    /// document is not the frame around them, or [`Elsewhere`] if `e` was not rendered.
    pub fn entry(&self, feed: &Feed<'a>, e: &Entry<'a>, format: Format) -> io::Result<Vec<u8>> {
        let (stand_in, before) = &self.stand_in;
        let doc = part(feed, vec![stand_in.clone(), e.clone()], format)?;
        let framed = doc.len() >= before.len() + self.footer.len()
            && doc.starts_with(before)
            && doc.ends_with(&self.footer);
        if !framed {
            return Err(io::Error::other(format!(
                "the {format:?} document of one entry has another frame than the feed's"
            )));
        }
        Ok(doc[before.len()..doc.len() - self.footer.len()].to_vec())
    }
}

/// A writer that counts what passes through it, and notes where each entry sits.
struct Counting<'a> {
    out: &'a mut dyn Write,
    n: u64,
    spans: Vec<Span>,
    separator: &'a [u8],
}

impl Counting<'_> {
    fn put(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.out.write_all(bytes)?;
        self.n += bytes.len() as u64;
        Ok(())
    }

    /// Writes entry number `n` (its bytes, their checksum), after a separator unless first.
    fn entry(&mut self, n: usize, key: Option<u128>, bytes: &[u8], check: u64) -> io::Result<()> {
        if n > 0 {
            let separator = self.separator;
            self.put(separator)?;
        }
        if let Some(key) = key {
            let len = u32::try_from(bytes.len()).map_err(io::Error::other)?;
            self.spans.push(Span {
                key,
                offset: self.n,
                len,
                check,
            });
        }
        self.put(bytes)
    }
}

impl<'a> Frame<'a> {
    /// The bytes of each of `entries` of `feed` in `format` (a buffer, and each entry's range
    /// in it): cut from one document of the stand-in and them when the bytes between entries
    /// are found exactly where they must be (once between each two, never inside one: content
    /// may hold anything), else each from its own document ([`Frame::entry`]).
    fn entries(&self, feed: &Feed<'a>, entries: &[Entry<'a>], format: Format) -> io::Result<Cut> {
        if entries.len() > 1 {
            let (stand_in, before) = &self.stand_in;
            let all = std::iter::once(stand_in.clone()).chain(entries.iter().cloned());
            let doc = part(feed, all.collect(), format)?;
            let framed = doc.len() >= before.len() + self.footer.len()
                && doc.starts_with(before)
                && doc.ends_with(&self.footer);
            let middle = before.len()..doc.len() - self.footer.len();
            if let Some(ranges) = framed
                .then(|| self.split(&doc, middle, format, entries.len()))
                .flatten()
            {
                return Ok((doc, ranges));
            }
        }
        let mut buf = Vec::new();
        let mut ranges = Vec::with_capacity(entries.len());
        for e in entries {
            let bytes = self.entry(feed, e, format)?;
            ranges.push(buf.len()..buf.len() + bytes.len());
            buf.extend_from_slice(&bytes);
        }
        Ok((buf, ranges))
    }

    /// The range `middle` of `doc` cut into `count` entries at the bytes between two entries
    /// (the end of an entry, the separator, the start of the next); `None` unless found
    /// exactly `count - 1` times.
    fn split(
        &self,
        doc: &[u8],
        middle: std::ops::Range<usize>,
        format: Format,
        count: usize,
    ) -> Option<Vec<std::ops::Range<usize>>> {
        let (close, open): (&[u8], &[u8]) = match format {
            Format::Rss => (b"</item>", b"<item>"),
            Format::Atom => (b"</entry>", b"<entry>"),
            Format::Json => (b"}", b"{"),
        };
        let between = [close, &self.separator, open].concat();
        let finder = memchr::memmem::Finder::new(&between);
        let mut ranges = Vec::with_capacity(count);
        let mut start = middle.start;
        for found in finder.find_iter(&doc[middle.clone()]) {
            let end = middle.start + found + close.len();
            ranges.push(start..end);
            start = end + self.separator.len();
            if ranges.len() >= count {
                return None;
            }
        }
        ranges.push(start..middle.end);
        (ranges.len() == count).then_some(ranges)
    }
}

/// Entries' bytes: a buffer, and each entry's range in it.
type Cut = (Vec<u8>, Vec<std::ops::Range<usize>>);

/// Entries rendered in one document at most (a document of the stand-in and them).
pub const RUN: usize = 64;
/// Runs rendered in parallel at most.
const RUNS: usize = 8;

/// Writes `feed` in `format` to `out`, each entry taken from `cached` when its key is there
/// and its bytes are intact, the others rendered (runs of them in one document); returns where
/// each entry with a key sits in what was written.
pub fn write(
    feed: &Feed,
    format: Format,
    cached: Option<&dyn Fragments>,
    out: &mut dyn Write,
) -> io::Result<Vec<Span>> {
    if feed.entries.is_empty() {
        super::write(feed, format, out)?;
        return Ok(Vec::new());
    }
    let frame = Frame::of(feed, format)?;
    let podcast = feed.podcast.is_some();
    let keys: Vec<Option<u128>> = (feed.entries.iter())
        .map(|e| key(e, format, podcast))
        .collect();
    let held = |n: usize| keys[n].is_some_and(|k| cached.is_some_and(|c| c.has(k)));
    let mut out = Counting {
        out,
        n: 0,
        spans: Vec::with_capacity(feed.entries.len()),
        separator: &frame.separator,
    };
    out.put(&frame.header)?;
    let mut buf = Vec::new();
    let mut n = 0;
    while n < feed.entries.len() {
        let hit = match (keys[n], cached) {
            (Some(k), Some(cached)) => cached.get(k, &mut buf),
            _ => None,
        };
        if let Some(check) = hit {
            out.entry(n, keys[n], &buf, check)?;
            n += 1;
            continue;
        }
        // This entry and the following ones the cache does not hold: runs of them rendered
        // together, several runs in parallel (the last big file of a build keeps both cores).
        let last = feed.entries.len().min(n + RUN * RUNS);
        let end = (n + 1..last).find(|&m| held(m)).unwrap_or(last);
        let runs: Vec<std::ops::Range<usize>> = (n..end)
            .step_by(RUN)
            .map(|start| start..(start + RUN).min(end))
            .collect();
        let cuts: Vec<io::Result<Cut>> = runs
            .par_iter()
            .map(|run| frame.entries(feed, &feed.entries[run.clone()], format))
            .collect();
        for (run, cut) in runs.into_iter().zip(cuts) {
            let (doc, ranges) = cut?;
            for (m, range) in run.zip(ranges) {
                let bytes = &doc[range];
                let check = keys[m].map_or(0, |_| xxhash_rust::xxh3::xxh3_64(bytes));
                out.entry(m, keys[m], bytes, check)?;
            }
        }
        n = end;
    }
    out.put(&frame.footer)?;
    Ok(out.spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::feed::BodyRef;
    use std::collections::HashMap;

    /// Entries' bytes kept by key, as a cache would keep them.
    struct Kept(HashMap<u128, Vec<u8>>);

    impl Fragments for Kept {
        fn has(&self, key: u128) -> bool {
            self.0.contains_key(&key)
        }

        fn get(&self, key: u128, buf: &mut Vec<u8>) -> Option<u64> {
            let bytes = self.0.get(&key)?;
            buf.clear();
            buf.extend_from_slice(bytes);
            Some(xxhash_rust::xxh3::xxh3_64(bytes))
        }
    }

    /// `feed` in `format` as one document from the crate.
    fn one_go(feed: &Feed, format: Format) -> Vec<u8> {
        let mut out = Vec::new();
        crate::render::whole(feed, format, &mut out).unwrap();
        out
    }

    #[test]
    fn documents_written_entry_by_entry_equal_documents_written_in_one_go() {
        let person = Person {
            name: "A <b> & c".into(),
            email: Some("a@x.org".into()),
            uri: None,
        };
        let date = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00+02:00").unwrap();
        let tags = vec!["t &".to_string()];
        // Entry text that looks like the markers the cut looks for; more entries than the
        // runs rendered at once (RUN * RUNS).
        let count = 600;
        let texts: Vec<(String, String, String, BodyRef)> = (0..count)
            .map(|i| {
                (
                    format!("https://x.org/{i}/"),
                    format!("Title {i} </item> <entry> \"items\": [ ]]>"),
                    // Entry 5 holds the very bytes between two entries of each format.
                    match i {
                        5 => "</item>\n    <item> </entry>\n  <entry> },\n    {".to_string(),
                        _ => format!(
                            "<p>{i} <![CDATA[ x ]]> </item>\n<item></entry><entry>\n  ]</p>"
                        ),
                    },
                    BodyRef {
                        key: blake3::hash(&(i as u64).to_le_bytes()).into(),
                        elsewhere: false,
                    },
                )
            })
            .collect();
        // The newest 30 with content, the others without (as `full_content` leaves them).
        let entries: Vec<Entry> = texts
            .iter()
            .enumerate()
            .map(|(i, (link, title, html, body))| Entry {
                id: link,
                title,
                link,
                published: date,
                updated: None,
                authors: vec![&person],
                summary: title,
                content_html: (i < 30).then_some(html.as_str()),
                tags: &tags,
                episode: None,
                body: Some(*body),
            })
            .collect();
        let feed = Feed {
            title: "T & <t>",
            description: "D \"items\": [",
            home_page_url: "https://x.org/",
            self_urls: vec![
                (Format::Rss, "https://x.org/rss.xml".into()),
                (Format::Atom, "https://x.org/atom.xml".into()),
            ],
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
        for format in [Format::Rss, Format::Atom, Format::Json] {
            let whole = one_go(&feed, format);
            let mut out = Vec::new();
            let spans = write(&feed, format, None, &mut out).unwrap();
            assert!(out == whole, "{format:?} entry by entry");
            assert_eq!(spans.len(), count);
            // Every entry from the kept bytes, except one changed entry rendered.
            let kept = Kept(
                spans
                    .iter()
                    .map(|s| {
                        let at = s.offset as usize;
                        (s.key, out[at..at + s.len as usize].to_vec())
                    })
                    .collect(),
            );
            let mut changed = feed.clone();
            changed.entries[7].title = "Changed & <new>";
            let mut again = Vec::new();
            write(&changed, format, Some(&kept), &mut again).unwrap();
            assert!(again == one_go(&changed, format));
            // An entry expected from the cache that is not there is an error, never a guess.
            changed.entries[7].body = Some(BodyRef {
                key: [99; 32],
                elsewhere: true,
            });
            let e = write(&changed, format, Some(&kept), &mut Vec::new()).unwrap_err();
            assert!(is_elsewhere(&e), "{e}");
        }
    }
}
