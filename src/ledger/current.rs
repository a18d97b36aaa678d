//! The articles as the ledger sees them now, and how an entry published before finds its
//! article again.
//!
//! A [`Current`] is the little of an [`Article`] that identity needs (its key, id, link, title,
//! date, and whether it is live), so the matching below is tested without building articles.
//! An [`Index`] finds the article an entry of a feed stands for: by id, by link, then by title
//! and date, which is how a reader (or a person) would recognise it.

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::article::Article;
use crate::config::IdMode;
use crate::text::fold;

/// One record of the articles folder, as identity sees it (borrowed from its article: a
/// 100,000-article archive is not copied to be matched).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Current<'a> {
    /// Its path in the articles folder, `/`-separated (see [`super::key`]).
    pub key: Cow<'a, str>,
    /// Its id: before [`super::reconcile`], the one it would have without a ledger; after, the
    /// one it is published with.
    pub id: &'a str,
    /// True when the id is made by an id mode (from the slug, date, link or site URL, so the
    /// ledger's id wins); false when the record's `id` field writes it (then it wins).
    pub derived: bool,
    /// Its title.
    pub title: &'a str,
    /// Its link.
    pub link: &'a str,
    /// Its publication date.
    pub published: DateTime<FixedOffset>,
    /// True when a feed may show it at this build's "now".
    pub live: bool,
}

impl<'a> Current<'a> {
    /// `article`, found in the articles folder shown as `articles_dir` (see
    /// [`crate::diagnostics::display_path`]), with its id in id mode `mode`.
    pub fn of(article: &'a Article, articles_dir: &Path, mode: IdMode, live: bool) -> Current<'a> {
        Current {
            key: super::key(&article.path, articles_dir),
            derived: article.derived_ids.is_some(),
            id: article.id_for(mode),
            title: &article.title,
            link: &article.link,
            published: article.published,
            live,
        }
    }
}

/// How an entry was recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum By {
    /// The same id.
    Id,
    /// The same link.
    Link,
    /// The same title and publication date.
    TitleAndDate,
}

impl By {
    /// As the reports say it.
    pub fn describe(self) -> &'static str {
        match self {
            By::Id => "by id",
            By::Link => "by link",
            By::TitleAndDate => "by title and date",
        }
    }
}

/// Lookups over some of the current articles (borrowing their strings: no copies).
#[derive(Debug)]
pub struct Index<'i, 'a> {
    by_id: HashMap<&'a str, usize>,
    by_link: HashMap<&'a str, usize>,
    /// The first article with a title, and for each article the next one with its title.
    by_title: HashMap<&'a str, usize>,
    same_title: Vec<usize>,
    items: &'i [Current<'a>],
}

impl<'i, 'a> Index<'i, 'a> {
    /// An index of the `items` for which `keep` holds (of two with one id, link or title, the
    /// first comes first).
    pub fn new(items: &'i [Current<'a>], keep: impl Fn(&Current<'a>) -> bool) -> Index<'i, 'a> {
        let mut index = Index {
            items,
            by_id: HashMap::new(),
            by_link: HashMap::new(),
            by_title: HashMap::new(),
            same_title: vec![usize::MAX; items.len()],
        };
        for (i, c) in items.iter().enumerate().rev().filter(|(_, c)| keep(c)) {
            index.by_id.insert(c.id, i);
            if !c.link.is_empty() {
                index.by_link.insert(c.link, i);
            }
            if let Some(next) = index.by_title.insert(c.title, i) {
                index.same_title[i] = next;
            }
        }
        index
    }

    /// The article whose id is `id`.
    pub fn id(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// The article an entry with this id, link, title and date stands for, and how it was
    /// recognised. With `lenient_day`, a date matches any time of the same day (other tools
    /// often publish a day without its time, or at another hour).
    pub fn find(&self, entry: &Probe<'_>, lenient_day: bool) -> Option<(usize, By)> {
        if let Some(i) = entry.id.and_then(|id| self.id(id)) {
            return Some((i, By::Id));
        }
        if let Some(&i) = entry.link.and_then(|l| self.by_link.get(l)) {
            return Some((i, By::Link));
        }
        let (title, date) = (entry.title?, entry.published?);
        let same_day = |a: DateTime<FixedOffset>| a.date_naive() == date.date_naive();
        let first = *self.by_title.get(fold(title).as_str())?;
        std::iter::successors(Some(first), |&i| {
            Some(self.same_title[i]).filter(|&n| n != usize::MAX)
        })
        .find(|&i| {
            let p = self.items[i].published;
            p == date || (lenient_day && same_day(p))
        })
        .map(|i| (i, By::TitleAndDate))
    }
}

/// What is known of an entry to look its article up.
#[derive(Debug, Clone, Copy, Default)]
pub struct Probe<'a> {
    /// Its id.
    pub id: Option<&'a str>,
    /// Its link.
    pub link: Option<&'a str>,
    /// Its title.
    pub title: Option<&'a str>,
    /// Its publication date.
    pub published: Option<DateTime<FixedOffset>>,
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A live article `key` with id `id` (derived when it is a `tag:`), titled after its key,
    /// dated `day` (YYYY-MM-DD) at 10:00 UTC, linked at `https://x.org/KEY/`. (The strings
    /// are leaked: tests only.)
    pub(crate) fn current(key: &str, id: &str, day: &str) -> Current<'static> {
        let leak = |s: String| -> &'static str { Box::leak(s.into_boxed_str()) };
        Current {
            key: Cow::Owned(key.into()),
            id: leak(id.into()),
            derived: id.starts_with("tag:"),
            title: leak(format!("Title {key}")),
            link: leak(format!("https://x.org/{key}/")),
            published: DateTime::parse_from_rfc3339(&format!("{day}T10:00:00Z")).unwrap(),
            live: true,
        }
    }

    #[test]
    fn entries_are_found_by_id_then_link_then_title_and_date() {
        let mut another_b = current("c", "tag:c", "2026-01-03");
        another_b.title = "Title b";
        let items = vec![
            current("a", "tag:a", "2026-01-01"),
            current("b", "tag:b", "2026-01-02"),
            another_b,
        ];
        let index = Index::new(&items, |_| true);
        let probe = |id, link, title, date: Option<&str>| Probe {
            id,
            link,
            title,
            published: date.map(|d| DateTime::parse_from_rfc3339(d).unwrap()),
        };
        let p = probe(Some("tag:b"), Some("https://x.org/a/"), None, None);
        assert_eq!(index.find(&p, false), Some((1, By::Id)));
        let p = probe(Some("old:a"), Some("https://x.org/a/"), None, None);
        assert_eq!(index.find(&p, false), Some((0, By::Link)));
        let p = probe(None, None, Some(" Title  b "), Some("2026-01-02T10:00:00Z"));
        assert_eq!(index.find(&p, false), Some((1, By::TitleAndDate)));
        let p = probe(
            None,
            None,
            Some("Title b"),
            Some("2026-01-02T08:00:00-05:00"),
        );
        assert_eq!(index.find(&p, false), None, "another time is another date");
        assert_eq!(
            index.find(&p, true),
            Some((1, By::TitleAndDate)),
            "unless lenient"
        );
        let p = probe(None, None, Some("Title b"), Some("2026-01-03T10:00:00Z"));
        assert_eq!(
            index.find(&p, false),
            Some((2, By::TitleAndDate)),
            "one title, two dates"
        );
        let p = probe(None, None, Some("Title b"), None);
        assert_eq!(index.find(&p, true), None, "a title alone is not enough");
        let none = Index::new(&items, |c| c.key == "a");
        assert_eq!(none.id("tag:b"), None, "filtered out");
    }
}
