//! RFC 5005 archived feeds: which entries go on which page, and what a page links to.
//!
//! A feed with `archive = { page_size, path }` keeps every entry it ever showed reachable
//! without growing its subscription document. Entries are numbered from the oldest: page 1
//! holds the `page_size` oldest, page 2 the next, and so on; a page exists once it is full and
//! is then *sealed*: written once, never rewritten, its URL and entry set fixed (RFC 5005
//! section 4: an archive document's entries "SHOULD NOT change over time"). The subscription
//! document holds every entry no sealed page holds, and at least the feed's `limit` newest, so
//! that sealing a page never leaves it empty; it links to the newest page (`prev-archive`) or,
//! with no page yet, says it is complete (`fh:complete`, section 2). Each page is marked
//! `fh:archive` and links to the subscription document (`current`), the page before it
//! (`prev-archive`) and, when it is written after it, the page after it (`next-archive`).
//!
//! Pure: which pages are already on disk (and with which entries) is read by the build
//! command and comes in as arguments.

use std::collections::BTreeSet;

use crate::config::{Archive, FeedSpec, Format};

/// One archive page of a feed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page {
    /// Its number, from 1 (the oldest entries).
    pub n: usize,
    /// Indices of its articles, newest first (as every feed document lists them).
    pub entries: Vec<usize>,
    /// The formats whose file this build writes: every format, unless the page is sealed on
    /// disk already.
    pub write: Vec<Format>,
}

/// A feed's entries split into its subscription document and its full pages.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Split {
    /// The subscription document's articles, newest first.
    pub current: Vec<usize>,
    /// Every full page, oldest first (`pages[i].n == i + 1`).
    pub pages: Vec<Page>,
    /// How many of the newest entries no page holds: the subscription document is their only
    /// document, so nothing (not even a size budget) may leave them out. 0 without an archive.
    pub loose: usize,
}

/// Splits `picked` (every article the feed shows, newest first) by `spec`'s archive: full pages
/// from the oldest entry, the rest (and at least `limit` of the newest) for the subscription
/// document. Without an archive, the newest `limit`.
pub fn split(picked: Vec<usize>, spec: &FeedSpec) -> Split {
    let Some(archive) = &spec.archive else {
        let mut current = picked;
        if let Some(n) = spec.limit {
            current.truncate(n);
        }
        return Split {
            current,
            pages: vec![],
            loose: 0,
        };
    };
    let full = picked.len() / archive.page_size;
    let loose = picked.len() - full * archive.page_size;
    let shown = spec.limit.map_or(picked.len(), |l| l.max(loose));
    let formats: Vec<Format> = archive.paths.iter().map(|(f, _)| *f).collect();
    let pages = (1..=full)
        .map(|n| {
            // Oldest first, page n holds entries (n-1)*size .. n*size; listed newest first.
            let end = picked.len() - (n - 1) * archive.page_size;
            Page {
                n,
                entries: picked[end - archive.page_size..end].to_vec(),
                write: formats.clone(),
            }
        })
        .collect();
    let mut current = picked;
    current.truncate(shown);
    Split {
        current,
        pages,
        loose,
    }
}

/// How a sealed page on disk compares with what this build would put on it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unsealed {
    /// The page's number.
    pub n: usize,
    /// Its file, as shown.
    pub file: String,
    /// Ids this build would add to it (back-dated or newly matching entries).
    pub added: Vec<String>,
    /// Ids on it this build would no longer put there (deleted, re-dated or filtered out).
    pub gone: Vec<String>,
    /// A page past the last full one: its entries no longer fill it.
    pub leftover: bool,
}

/// Compares the ids a sealed page holds on disk with the ids this build would give it; `None`
/// when they are the same set.
pub fn compare(n: usize, file: &str, on_disk: &[String], now: &[&str]) -> Option<Unsealed> {
    let disk: BTreeSet<&str> = on_disk.iter().map(String::as_str).collect();
    let now: BTreeSet<&str> = now.iter().copied().collect();
    if disk == now {
        return None;
    }
    Some(Unsealed {
        n,
        file: file.to_string(),
        added: now.difference(&disk).map(|s| s.to_string()).collect(),
        gone: disk.difference(&now).map(|s| s.to_string()).collect(),
        leftover: false,
    })
}

/// Where a feed document sits in its feed's history (RFC 5005), by format: the URLs it links
/// to.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct History {
    /// `fh:complete`: a subscription document holding every entry (no page yet).
    pub complete: bool,
    /// `fh:archive`: this document is an archive page.
    pub archive: bool,
    /// `current`: the subscription document (archive pages only).
    pub current: Vec<(Format, String)>,
    /// `prev-archive`: the page holding the entries just older than these.
    pub prev: Vec<(Format, String)>,
    /// `next-archive`: the page holding the entries just newer (archive pages only).
    pub next: Vec<(Format, String)>,
}

impl History {
    /// The history of a feed's subscription document whose newest page is `pages` (0: none);
    /// `url` gives a page's URL in a format.
    pub fn subscription(archive: &Archive, pages: usize, url: impl Fn(&str) -> String) -> History {
        History {
            complete: pages == 0,
            prev: links(archive, pages, &url),
            ..History::default()
        }
    }

    /// The history of page `n` of `archive`, written when `sealed` pages exist; `current` are the
    /// subscription document's URLs.
    pub fn page(
        archive: &Archive,
        n: usize,
        sealed: usize,
        current: Vec<(Format, String)>,
        url: impl Fn(&str) -> String,
    ) -> History {
        History {
            complete: false,
            archive: true,
            current,
            prev: links(archive, n - 1, &url),
            next: if n < sealed {
                links(archive, n + 1, &url)
            } else {
                vec![]
            },
        }
    }

    /// The URL linked with `rel` in `format`.
    pub fn link(&self, rel: Rel, format: Format) -> Option<&str> {
        let list = match rel {
            Rel::Current => &self.current,
            Rel::Prev => &self.prev,
            Rel::Next => &self.next,
        };
        list.iter()
            .find(|(f, _)| *f == format)
            .map(|(_, u)| u.as_str())
    }
}

/// The three links of RFC 5005 archives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rel {
    /// `current`.
    Current,
    /// `prev-archive`.
    Prev,
    /// `next-archive`.
    Next,
}

impl Rel {
    /// Every link, in the order documents carry them.
    pub const ALL: [Rel; 3] = [Rel::Current, Rel::Prev, Rel::Next];

    /// The link relation's name.
    pub fn name(self) -> &'static str {
        match self {
            Rel::Current => "current",
            Rel::Prev => "prev-archive",
            Rel::Next => "next-archive",
        }
    }
}

/// The URLs of page `n` (none for page 0) in every format of `archive`.
fn links(archive: &Archive, n: usize, url: impl Fn(&str) -> String) -> Vec<(Format, String)> {
    if n == 0 {
        return vec![];
    }
    archive
        .paths
        .iter()
        .filter_map(|(f, _)| archive.file(*f, n).map(|file| (*f, url(&file))))
        .collect()
}

/// The namespace of RFC 5005's elements (`fh:archive`, `fh:complete`).
pub const NAMESPACE: &str = "http://purl.org/syndication/history/1.0";

#[cfg(test)]
mod tests {
    use super::*;

    fn spec(limit: Option<usize>, size: Option<usize>) -> FeedSpec {
        FeedSpec {
            outputs: vec![(Format::Atom, "atom.xml".into())],
            limit,
            summary_length: 10,
            archive: size.map(|page_size| Archive {
                page_size,
                paths: vec![(Format::Atom, "a/{n}.xml".into())],
            }),
            ..FeedSpec::plain()
        }
    }

    /// Article indices newest first: 9, 8, ..., 0 (0 is the oldest).
    fn newest_first(n: usize) -> Vec<usize> {
        (0..n).rev().collect()
    }

    #[test]
    fn pages_are_numbered_from_the_oldest_and_only_full_ones_exist() {
        let s = split(newest_first(10), &spec(Some(2), Some(3)));
        let pages: Vec<(usize, Vec<usize>)> =
            s.pages.iter().map(|p| (p.n, p.entries.clone())).collect();
        assert_eq!(
            pages,
            [(1, vec![2, 1, 0]), (2, vec![5, 4, 3]), (3, vec![8, 7, 6])]
        );
        // The one loose entry, and the limit's two newest.
        assert_eq!(s.current, [9, 8]);
        assert_eq!(s.loose, 1);
        assert!(s.pages.iter().all(|p| p.write == [Format::Atom]));
    }

    #[test]
    fn the_subscription_document_holds_every_loose_entry_whatever_the_limit() {
        let s = split(newest_first(8), &spec(Some(1), Some(3)));
        assert_eq!(s.current, [7, 6]);
        assert_eq!(s.pages.len(), 2);
        let all = split(newest_first(8), &spec(None, Some(3)));
        assert_eq!(all.current.len(), 8);
        let none = split(newest_first(2), &spec(Some(20), Some(3)));
        assert_eq!((none.current.len(), none.pages.len()), (2, 0));
    }

    #[test]
    fn without_an_archive_the_limit_cuts() {
        let s = split(newest_first(10), &spec(Some(4), None));
        assert_eq!(s.current, [9, 8, 7, 6]);
        assert!(s.pages.is_empty());
    }

    #[test]
    fn comparing_a_sealed_page_names_what_would_come_and_go() {
        let disk = vec!["a".to_string(), "b".to_string()];
        assert_eq!(compare(1, "f", &disk, &["b", "a"]), None);
        let u = compare(1, "f", &disk, &["a", "c"]).unwrap();
        assert_eq!((u.added, u.gone), (vec!["c".into()], vec!["b".into()]));
    }

    #[test]
    fn links_follow_rfc_5005() {
        let s = spec(None, Some(3));
        let a = s.archive.as_ref().unwrap();
        let url = |f: &str| format!("https://x.org/{f}");
        let sub = History::subscription(a, 2, url);
        assert!(!sub.complete && !sub.archive);
        assert_eq!(
            sub.link(Rel::Prev, Format::Atom),
            Some("https://x.org/a/2.xml")
        );
        assert!(History::subscription(a, 0, url).complete);
        let current = vec![(Format::Atom, "https://x.org/atom.xml".to_string())];
        let first = History::page(a, 1, 2, current.clone(), url);
        assert_eq!(first.link(Rel::Prev, Format::Atom), None);
        assert_eq!(
            first.link(Rel::Next, Format::Atom),
            Some("https://x.org/a/2.xml")
        );
        let newest = History::page(a, 2, 2, current, url);
        assert!(newest.archive);
        assert_eq!(newest.link(Rel::Next, Format::Atom), None);
        assert_eq!(
            newest.link(Rel::Current, Format::Atom),
            Some("https://x.org/atom.xml")
        );
    }
}
