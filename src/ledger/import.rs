//! `feedwright lock --from FEED`: keep the ids a site already publishes, so that switching to
//! feedwright re-delivers nothing.
//!
//! Each entry of the feed (any tool's RSS, Atom or JSON Feed) is matched to an article by its
//! id, else its link, else its title and date (the same day is enough: other tools often write
//! another time), and its id is locked onto that record. What cannot be locked is said, with
//! why: no article matches, the article already took an earlier entry's id, its `id` field
//! says otherwise, or the id is not one feedwright publishes (a `tag:`, `urn:` or http(s) URI).
//! Pure.

use std::collections::BTreeMap;

use super::current::{By, Current, Index};
use super::published::Entry;
use super::{Ledger, Record};

/// The outcome of an import.
#[derive(Debug, Default)]
pub struct Imported {
    /// The ledger with the imported ids.
    pub ledger: Ledger,
    /// Entries locked onto a record, in feed order.
    pub matched: Vec<Matched>,
    /// Entries not locked, in feed order.
    pub unmatched: Vec<Unmatched>,
}

/// An entry whose id is now locked onto a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Matched {
    /// The record.
    pub key: String,
    /// The id locked.
    pub id: String,
    /// How the entry was recognised.
    pub by: By,
    /// The id the ledger held for the record before, if another.
    pub was: Option<String>,
}

/// An entry that could not be locked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unmatched {
    /// The entry (its id, else its title).
    pub entry: String,
    /// Why.
    pub why: String,
}

/// Locks the ids of `entries` onto the articles `now` in the ledger `before`.
pub fn import(before: Ledger, entries: &[Entry], now: &[Current<'_>]) -> Imported {
    let index = Index::new(now, |_| true);
    let mut out = Imported {
        ledger: before,
        ..Imported::default()
    };
    // Which entry each record took, so that a second entry for it is refused.
    let mut taken: BTreeMap<usize, String> = BTreeMap::new();
    for e in entries {
        let found = index.find(&e.probe(), true);
        let verdict = match (e.id.as_deref(), found) {
            (None, _) => Err("it has no id (no guid and no link)".to_string()),
            (Some(id), _) if !is_uri(id) => Err(format!(
                "its id {id:?} is not a tag:, urn: or http(s) URI, as feedwright's ids must be; \
                 the article keeps feedwright's id"
            )),
            (Some(_), None) => Err(format!("no article has {}", what(e))),
            (Some(_), Some((i, _))) if taken.contains_key(&i) => {
                Err(format!("{} already took the id {}", now[i].key, taken[&i]))
            }
            (Some(id), Some((i, by))) => lock_one(&mut out.ledger, &now[i], id).map(|was| {
                taken.insert(i, id.to_string());
                let key = now[i].key.to_string();
                Matched {
                    key,
                    id: id.into(),
                    by,
                    was,
                }
            }),
        };
        match verdict {
            Ok(m) => out.matched.push(m),
            Err(why) => out.unmatched.push(Unmatched {
                entry: e.name(),
                why,
            }),
        }
    }
    out
}

/// Locks `id` onto `c` in `ledger`: the id the record had before, if another, or why not.
fn lock_one(ledger: &mut Ledger, c: &Current<'_>, id: &str) -> Result<Option<String>, String> {
    if !c.derived && c.id != id {
        return Err(format!(
            "{} has the `id` field {:?}; write id = {id:?} there to keep the published id",
            c.key, c.id
        ));
    }
    if let Some((other, _)) = ledger
        .records
        .iter()
        .find(|(k, r)| r.id == id && k.as_str() != c.key)
    {
        return Err(format!("{other} already has this id in the ledger"));
    }
    let record = Record {
        id: id.to_string(),
        published: c.published,
        title: c.title.to_string(),
    };
    let was = ledger
        .records
        .insert(c.key.to_string(), record)
        .map(|r| r.id);
    Ok(was.filter(|w| w != id))
}

/// An id feedwright publishes: a `tag:` or `urn:` URI, or an http(s) URL, as an `id` field
/// must be (see [`crate::address::id`]).
fn is_uri(id: &str) -> bool {
    crate::address::id(id).is_ok()
}

/// What an entry was looked up by, for "no article has ...".
fn what(e: &Entry) -> String {
    let mut parts = Vec::new();
    if let Some(l) = &e.link {
        parts.push(format!("its link {l}"));
    }
    match (&e.title, e.published) {
        (Some(t), Some(d)) => parts.push(format!("its title {t:?} dated {}", d.date_naive())),
        (Some(t), None) => parts.push(format!("its title {t:?} (it has no date)")),
        _ => {}
    }
    if parts.is_empty() {
        "its id".into()
    } else {
        parts.join(" or ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::current::tests::current;
    use chrono::DateTime;

    fn entry(id: &str, link: &str, title: &str, date: &str) -> Entry {
        Entry {
            id: Some(id.into()),
            link: Some(link.into()).filter(|l: &String| !l.is_empty()),
            title: Some(title.into()),
            published: DateTime::parse_from_rfc3339(date).ok(),
        }
    }

    #[test]
    fn ids_are_locked_by_link_then_title_and_day_and_refusals_say_why() {
        let mut written = current("w.md", "urn:written", "2026-01-04");
        written.derived = false;
        let now = vec![
            current("a.md", "tag:a", "2026-01-01"),
            current("b.md", "tag:b", "2026-01-02"),
            written,
        ];
        let entries = vec![
            entry("https://old.org/?p=1", "https://x.org/a.md/", "Old A", ""),
            entry(
                "https://old.org/?p=2",
                "https://old.org/b",
                "Title b.md",
                "2026-01-02T23:00:00+02:00",
            ),
            entry("https://old.org/?p=3", "https://x.org/a.md/", "A again", ""),
            entry("post-4", "https://x.org/b.md/", "B", ""),
            entry(
                "https://old.org/?p=5",
                "https://old.org/5",
                "Nobody",
                "2025-01-01T00:00:00Z",
            ),
            entry("https://old.org/?p=6", "https://x.org/w.md/", "W", ""),
        ];
        let r = import(Ledger::default(), &entries, &now);
        let got: Vec<_> = r
            .matched
            .iter()
            .map(|m| (m.key.as_str(), m.id.as_str(), m.by))
            .collect();
        assert_eq!(
            got,
            [
                ("a.md", "https://old.org/?p=1", By::Link),
                ("b.md", "https://old.org/?p=2", By::TitleAndDate)
            ]
        );
        let why: Vec<_> = r
            .unmatched
            .iter()
            .map(|u| format!("{}: {}", u.entry, u.why))
            .collect();
        assert_eq!(
            why,
            [
                "https://old.org/?p=3: a.md already took the id https://old.org/?p=1",
                "post-4: its id \"post-4\" is not a tag:, urn: or http(s) URI, as feedwright's ids must be; the article keeps feedwright's id",
                "https://old.org/?p=5: no article has its link https://old.org/5 or its title \"Nobody\" dated 2025-01-01",
                "https://old.org/?p=6: w.md has the `id` field \"urn:written\"; write id = \"https://old.org/?p=6\" there to keep the published id",
            ]
        );
        assert_eq!(r.ledger.records["b.md"].id, "https://old.org/?p=2");
        assert_eq!(r.ledger.records["b.md"].title, "Title b.md");
        assert_eq!(r.ledger.records.len(), 2);
    }

    #[test]
    fn importing_over_a_ledger_replaces_its_ids_and_says_so() {
        let a = current("a.md", "tag:a", "2026-01-01");
        let before = Ledger {
            records: [(
                "a.md".to_string(),
                Record {
                    id: "tag:a".into(),
                    published: a.published,
                    title: a.title.to_string(),
                },
            )]
            .into(),
        };
        let r = import(
            before,
            &[entry("urn:old-a", "https://x.org/a.md/", "A", "")],
            &[a],
        );
        assert_eq!(r.matched[0].was.as_deref(), Some("tag:a"));
        assert_eq!(r.ledger.records["a.md"].id, "urn:old-a");
    }
}
