//! The size budget of a feed (`max_bytes`, `full_content`): how many of its newest entries fit.
//!
//! Some feed proxies and readers refuse a file past a size (512 KB is a common one), and a feed
//! that grows with its articles' content reaches it without anyone noticing. A budgeted feed
//! keeps the largest number of its newest entries whose files, in every format the feed writes,
//! each fit in `max_bytes`: the oldest are trimmed first, as `limit` trims them. The size is
//! measured by rendering into a [`Write`] that only counts (no buffer), so a measured size is
//! exactly the size written; a file grows with its entries, so the count is found by a binary
//! search (a few renders per format, not one per entry). `full_content = N` makes the entries
//! past the N newest carry only their summary, before anything is measured. Trimming never
//! drops an entry that is new in this build: a subscriber would never see it, so that, and a
//! newest entry too big alone, is an [`Overflow`] the build refuses. Pure: which entries are
//! new comes in as an argument (`cmd/subscribers.rs` decides it from the ledger and the feed's
//! file on disk).

use std::collections::HashSet;
use std::io::{self, Write};

use crate::config::Format;
use crate::feed::{Entry, Feed};
use crate::render;

/// A [`Write`] that keeps nothing but the number of bytes written to it.
#[derive(Debug, Default)]
struct Count(u64);

impl Write for Count {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.0 += buf.len() as u64;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// How many entries of a budgeted feed are kept, and the size of each file with them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    /// The newest entries kept.
    pub keep: usize,
    /// Each format's size in bytes with them, in the order the formats were given.
    pub sizes: Vec<(Format, u64)>,
}

/// Why a feed cannot be made to fit its budget.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Overflow {
    /// The newest entries that must be kept: the newest alone, or every entry down to the
    /// oldest new one.
    pub keep: usize,
    /// Each format's size in bytes with them, in the order the formats were given.
    pub sizes: Vec<(Format, u64)>,
    /// The oldest entry new in this build that trimming would drop (title and id), when that
    /// is why; `None` when the newest entry alone does not fit.
    pub new: Option<(String, String)>,
}

/// Makes every entry after the `n` newest of `feed` carry only its summary (`full_content`).
pub fn summaries_after(feed: &mut Feed, n: usize) {
    for entry in feed.entries.iter_mut().skip(n) {
        entry.content_html = None;
    }
}

/// Keeps only the `keep` newest entries of `feed`; its date becomes the newest updated-or-
/// published date of the entries kept (the feed's date is always one of its entries').
pub fn trim(feed: &mut Feed, keep: usize) {
    if keep >= feed.entries.len() {
        return;
    }
    feed.entries.truncate(keep);
    if let Some(date) = feed.entries.iter().map(Entry::modified).max() {
        feed.updated = Some(date);
    }
}

/// The size in bytes of `feed` rendered in `format` with only its `keep` newest entries.
pub fn size(feed: &Feed, keep: usize, format: Format) -> io::Result<u64> {
    let mut count = Count::default();
    if keep >= feed.entries.len() {
        render::write(feed, format, &mut count)?;
    } else {
        let mut trimmed = feed.clone();
        trim(&mut trimmed, keep);
        render::write(&trimmed, format, &mut count)?;
    }
    Ok(count.0)
}

/// Every format's size with the `keep` newest entries.
pub fn sizes(feed: &Feed, keep: usize, formats: &[Format]) -> io::Result<Vec<(Format, u64)>> {
    formats
        .iter()
        .map(|&f| Ok((f, size(feed, keep, f)?)))
        .collect()
}

/// Every format's size with the `keep` newest entries if each is at most `max_bytes`; `None`
/// as soon as one is not.
fn fitting(
    feed: &Feed,
    keep: usize,
    formats: &[Format],
    max_bytes: u64,
) -> io::Result<Option<Vec<(Format, u64)>>> {
    let mut sizes = Vec::with_capacity(formats.len());
    for &format in formats {
        let bytes = size(feed, keep, format)?;
        if bytes > max_bytes {
            return Ok(None);
        }
        sizes.push((format, bytes));
    }
    Ok(Some(sizes))
}

/// The most newest entries of `feed` whose files in `formats` each fit in `max_bytes`, with
/// their sizes; `None` when not even one entry fits (or, in a feed without entries, the
/// empty feed does not).
fn largest(feed: &Feed, formats: &[Format], max_bytes: u64) -> io::Result<Option<Fit>> {
    let n = feed.entries.len();
    if let Some(sizes) = fitting(feed, n, formats, max_bytes)? {
        return Ok(Some(Fit { keep: n, sizes }));
    }
    // `lo` fits (or is 0), `hi` does not: the answer is `lo` when they meet.
    let (mut lo, mut hi, mut best) = (0, n, None);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        match fitting(feed, mid, formats, max_bytes)? {
            Some(sizes) => (lo, best) = (mid, Some(sizes)),
            None => hi = mid,
        }
    }
    Ok(best.map(|sizes| Fit { keep: lo, sizes }))
}

/// How many of the newest entries of `feed` to keep so that its file in each of `formats` is
/// at most `max_bytes`. `new` holds the ids of the entries this build publishes for the first
/// time. An [`Overflow`] when the newest entry alone does not fit, or when trimming would drop
/// an entry whose id is in `new`.
pub fn fit(
    feed: &Feed,
    formats: &[Format],
    max_bytes: u64,
    new: &HashSet<String>,
) -> io::Result<Result<Fit, Overflow>> {
    let Some(fit) = largest(feed, formats, max_bytes)? else {
        let keep = feed.entries.len().min(1);
        let sizes = sizes(feed, keep, formats)?;
        return Ok(Err(Overflow {
            keep,
            sizes,
            new: None,
        }));
    };
    let dropped = &feed.entries[fit.keep..];
    let oldest_new = dropped.iter().rposition(|e| new.contains(e.id));
    let Some(at) = oldest_new else {
        return Ok(Ok(fit));
    };
    let keep = fit.keep + at + 1;
    let entry = &dropped[at];
    Ok(Err(Overflow {
        keep,
        sizes: sizes(feed, keep, formats)?,
        new: Some((entry.title.to_string(), entry.id.to_string())),
    }))
}

/// `n` with its thousands grouped by commas (`524,288`), as reports write sizes.
pub fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() * 4 / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Person;

    const ALL: [Format; 3] = [Format::Rss, Format::Atom, Format::Json];

    /// Entry texts: (id, title, content), newest first; entry `i` has `len(i)` bytes of content.
    fn texts(n: usize, len: impl Fn(usize) -> usize) -> Vec<(String, String, String)> {
        (0..n)
            .map(|i| {
                let id = format!("https://x.org/{i}/");
                let html = format!("<p>{}</p>", "x".repeat(len(i)));
                (id, format!("Entry {i}"), html)
            })
            .collect()
    }

    /// A feed of those entries, one day apart, newest first.
    fn feed<'a>(person: &'a Person, texts: &'a [(String, String, String)]) -> Feed<'a> {
        let newest = chrono::DateTime::parse_from_rfc3339("2026-03-31T12:00:00+02:00").unwrap();
        let entries: Vec<Entry> = texts
            .iter()
            .enumerate()
            .map(|(i, (id, title, html))| Entry {
                id,
                title,
                link: id,
                published: newest - chrono::Duration::days(i as i64),
                updated: None,
                authors: vec![person],
                summary: title,
                content_html: Some(html),
                tags: &[],
                episode: None,
                body: None,
            })
            .collect();
        Feed {
            title: "T",
            description: "D",
            home_page_url: "https://x.org/",
            self_urls: ALL
                .iter()
                .map(|f| (*f, format!("https://x.org/{}", f.key())))
                .collect(),
            language: Some("en"),
            copyright: None,
            author: person,
            updated: Some(newest),
            entries,
            history: Default::default(),
            hubs: &[],
            podcast: None,
            stylesheet: None,
        }
    }

    fn person() -> Person {
        Person {
            name: "A".into(),
            email: None,
            uri: None,
        }
    }

    /// No entry new in this build.
    fn none() -> HashSet<String> {
        HashSet::new()
    }

    /// The largest of the sizes of every format with `keep` entries.
    fn biggest(feed: &Feed, keep: usize) -> u64 {
        sizes(feed, keep, &ALL)
            .unwrap()
            .iter()
            .map(|s| s.1)
            .max()
            .unwrap()
    }

    #[test]
    fn the_count_is_the_most_entries_that_fit_exactly_at_the_budget_and_one_byte_under() {
        let person = person();
        let texts = texts(9, |i| 100 + 37 * i);
        let feed = feed(&person, &texts);
        for keep in 1..9 {
            let exact = biggest(&feed, keep);
            assert!(exact < biggest(&feed, keep + 1), "sizes grow with entries");
            let at = fit(&feed, &ALL, exact, &none()).unwrap().unwrap();
            assert_eq!(at.keep, keep, "exactly at the budget: {exact} bytes");
            assert_eq!(at.sizes, sizes(&feed, keep, &ALL).unwrap());
            assert!(at.sizes.iter().any(|&(_, s)| s == exact));
            let under = fit(&feed, &ALL, exact - 1, &none()).unwrap();
            match under {
                Ok(under) => assert_eq!(under.keep, keep - 1, "one byte under the budget"),
                Err(overflow) => assert_eq!((keep, overflow.keep), (1, 1), "the newest alone"),
            }
        }
        let all = fit(&feed, &ALL, biggest(&feed, 9), &none())
            .unwrap()
            .unwrap();
        assert_eq!(all.keep, 9);
    }

    #[test]
    fn a_measured_size_is_the_size_written() {
        let person = person();
        let texts = texts(5, |i| 50 * i);
        let mut feed = feed(&person, &texts);
        trim(&mut feed, 3);
        for format in ALL {
            let written = render::render(&feed, format).unwrap();
            assert_eq!(size(&feed, 3, format).unwrap(), written.len() as u64);
        }
    }

    #[test]
    fn trimming_dates_the_feed_by_the_entries_it_keeps() {
        let person = person();
        let texts = texts(3, |_| 10);
        let mut feed = feed(&person, &texts);
        let later = feed.entries[0].published + chrono::Duration::days(5);
        feed.entries[2].updated = Some(later);
        feed.updated = Some(later);
        trim(&mut feed, 2);
        assert_eq!(feed.entries.len(), 2);
        assert_eq!(feed.updated, Some(feed.entries[0].published));
    }

    #[test]
    fn full_content_switches_content_off_for_the_older_entries_and_they_shrink() {
        let person = person();
        let texts = texts(6, |_| 2000);
        let mut feed = feed(&person, &texts);
        let full = sizes(&feed, 6, &ALL).unwrap();
        summaries_after(&mut feed, 2);
        let has: Vec<bool> = feed
            .entries
            .iter()
            .map(|e| e.content_html.is_some())
            .collect();
        assert_eq!(has, [true, true, false, false, false, false]);
        for (before, after) in full.iter().zip(sizes(&feed, 6, &ALL).unwrap()) {
            assert!(
                after.1 + 4 * 1900 < before.1,
                "{:?} drops four contents",
                after.0
            );
        }
        let json = String::from_utf8(render::render(&feed, Format::Json).unwrap()).unwrap();
        assert_eq!(json.matches("\"content_html\"").count(), 2);
        assert_eq!(json.matches("\"content_text\"").count(), 4);
        summaries_after(&mut feed, 0);
        assert!(feed.entries.iter().all(|e| e.content_html.is_none()));
    }

    #[test]
    fn a_feed_whose_single_entry_is_too_big_overflows() {
        let person = person();
        let texts = texts(3, |i| if i == 0 { 50_000 } else { 10 });
        let feed = feed(&person, &texts);
        let overflow = fit(&feed, &ALL, 10_000, &none()).unwrap().unwrap_err();
        assert_eq!(overflow.keep, 1);
        assert_eq!(overflow.new, None);
        assert_eq!(overflow.sizes, sizes(&feed, 1, &ALL).unwrap());
        assert!(overflow.sizes.iter().all(|&(_, s)| s > 50_000));
        let alone = texts[..1].to_vec();
        let single = self::feed(&person, &alone);
        assert_eq!(
            fit(&single, &ALL, 10_000, &none())
                .unwrap()
                .unwrap_err()
                .keep,
            1
        );
    }

    #[test]
    fn trimming_a_new_entry_overflows_and_other_entries_are_trimmed_freely() {
        let person = person();
        let texts = texts(6, |_| 1000);
        let feed = feed(&person, &texts);
        let budget = biggest(&feed, 3);
        assert_eq!(fit(&feed, &ALL, budget, &none()).unwrap().unwrap().keep, 3);
        // The two newest are new too: they are kept, so that is no reason to stop.
        let new: HashSet<String> = [0, 1, 4].iter().map(|&i| texts[i].0.clone()).collect();
        let overflow = fit(&feed, &ALL, budget, &new).unwrap().unwrap_err();
        assert_eq!(overflow.keep, 5, "every entry down to the new one");
        assert_eq!(overflow.new, Some(("Entry 4".into(), texts[4].0.clone())));
        assert_eq!(overflow.sizes, sizes(&feed, 5, &ALL).unwrap());
        let kept: HashSet<String> = [0, 2].iter().map(|&i| texts[i].0.clone()).collect();
        assert_eq!(fit(&feed, &ALL, budget, &kept).unwrap().unwrap().keep, 3);
    }

    #[test]
    fn sizes_are_grouped_by_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(524_288), "524,288");
        assert_eq!(grouped(12_345_678), "12,345,678");
    }
}
