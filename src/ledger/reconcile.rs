//! Which id each article is published with: the ledger's, matched record by record.
//!
//! A record found at its key keeps its locked id, whatever its slug, date, permalink or the site
//! URL say now. A record whose file was renamed or moved is found again among the records no
//! file answers to any more: first by id (a move that kept the slug and date, or an explicit
//! `id`), then by its first title and date; it keeps its id and its entry moves to the new key.
//! A live record the ledger does not know is added with the id it has. An `id` field that
//! differs from the locked id is a change the churn guard must hear about (the field wins, as
//! written), and so is a default id taken in place of the locked one by `--accept-id-change`.
//! Pure: nothing here reads the disk. The old ledger is consumed: its records move into the new
//! one, so a large archive's ledger is held once.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use super::current::{By, Current, Index, Probe};
use super::guard::Change;
use super::{Diff, Ledger, Record};

/// What the ledger says about this build's articles.
#[derive(Debug, Default)]
pub struct Reconciled {
    /// The ledger to store after this build.
    pub ledger: Ledger,
    /// How many records the ledger had before.
    pub before: usize,
    /// The articles published with another id than their own (by index): the locked one, or
    /// (for a change) their own. Every other article keeps its own.
    pub ids: Vec<(usize, String)>,
    /// Records whose file moved, and how they were recognised.
    pub moved: Vec<Moved>,
    /// Articles published with another id than the locked one, and why.
    pub changes: Vec<Change>,
    /// Articles that would share an id with another one.
    pub clashes: Vec<Change>,
    /// The records no file answers to any more (deleted, or renamed past recognition): key, id.
    pub gone: Vec<(String, String)>,
    /// Keys of the records added by this build.
    pub added: Vec<String>,
}

/// A record found again under another key.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Moved {
    /// Its key in the ledger.
    pub from: String,
    /// Its file now.
    pub to: String,
    /// The id it keeps.
    pub id: String,
    /// How it was recognised.
    pub by: By,
}

impl Reconciled {
    /// True when the ledger changes: a record added, dropped, moved or given another id.
    pub fn changes_ledger(&self) -> bool {
        !(self.added.is_empty()
            && self.gone.is_empty()
            && self.moved.is_empty()
            && self.changes.is_empty())
    }

    /// How the ledger changes, record by record.
    pub fn diff(&self) -> Diff {
        let id = |key: &str| self.ledger.records[key].id.clone();
        let mut removed = self.gone.clone();
        removed.extend(self.moved.iter().map(|m| (m.from.clone(), m.id.clone())));
        let mut added: Vec<(String, String)> =
            self.added.iter().map(|k| (k.clone(), id(k))).collect();
        added.extend(self.moved.iter().map(|m| (m.to.clone(), m.id.clone())));
        added.sort();
        removed.sort();
        Diff {
            added,
            removed,
            changed: self
                .changes
                .iter()
                .map(|c| (c.key.clone(), c.old.clone(), c.new.clone()))
                .collect(),
        }
    }
}

/// Matches `now` (every article of the folder) to the records of `before`, which it consumes.
/// Articles whose key is in `accept` take their own id in place of a locked one.
pub fn reconcile(mut before: Ledger, now: &[Current<'_>], accept: &BTreeSet<String>) -> Reconciled {
    let matched = match_records(&before, now);
    let mut out = Reconciled {
        before: before.records.len(),
        ..Reconciled::default()
    };
    // Whether each matched article takes its own id (a written or accepted one) over the
    // locked one, and the id each article is published with.
    let mut own = vec![true; now.len()];
    let mut ids: Vec<&str> = Vec::with_capacity(now.len());
    for (i, c) in now.iter().enumerate() {
        let Some(locked) = matched[i].key(c).map(|k| &before.records[k]) else {
            ids.push(c.id);
            continue;
        };
        // A default id yields to the locked one unless accepted; a written id never does.
        let yields = c.derived && !accept.contains(c.key.as_ref());
        own[i] = c.id != locked.id && !yields;
        if own[i] {
            out.changes
                .push(Change::new(&c.key, &locked.id, c.id, c.derived));
        }
        ids.push(if own[i] { c.id } else { &locked.id });
    }
    out.clashes = clashes(now, &ids, &before);
    out.ids = (0..now.len())
        .filter(|&i| ids[i] != now[i].id)
        .map(|i| (i, ids[i].to_string()))
        .collect();
    drop(ids);
    for ((c, found), own) in now.iter().zip(matched).zip(own) {
        let (key, mut record) = match found {
            Found::Here => before
                .records
                .remove_entry(c.key.as_ref())
                .expect("matched once"),
            Found::Moved(from, by) => {
                let r = before.records.remove(&from).expect("matched once");
                let id = if own { c.id.to_string() } else { r.id.clone() };
                let to = c.key.to_string();
                out.moved.push(Moved {
                    from,
                    to: to.clone(),
                    id,
                    by,
                });
                (to, r)
            }
            Found::New if c.live => {
                out.added.push(c.key.to_string());
                (c.key.to_string(), record_of(c))
            }
            Found::New => continue,
        };
        if own {
            record.id = c.id.to_string();
        }
        out.ledger.records.insert(key, record);
    }
    out.gone = before.records.into_iter().map(|(k, r)| (k, r.id)).collect();
    out
}

/// Where an article's record is in the old ledger.
#[derive(Debug)]
enum Found {
    /// At the article's own key.
    Here,
    /// At another key (the file moved), recognised as said.
    Moved(String, By),
    /// Nowhere: a new record.
    New,
}

impl Found {
    /// The key of the record, for article `c`.
    fn key<'k>(&'k self, c: &'k Current<'_>) -> Option<&'k str> {
        match self {
            Found::Here => Some(&c.key),
            Found::Moved(k, _) => Some(k),
            Found::New => None,
        }
    }
}

/// Where each article's record is in `before`: at its own key, else (among the records no file
/// answers to) the one with the same id, else the one with the same first title and date.
fn match_records(before: &Ledger, now: &[Current<'_>]) -> Vec<Found> {
    let mut matched: Vec<Found> = now
        .iter()
        .map(|c| match before.records.contains_key(c.key.as_ref()) {
            true => Found::Here,
            false => Found::New,
        })
        .collect();
    let present: HashSet<&str> = now.iter().map(|c| c.key.as_ref()).collect();
    let orphans: Vec<Current<'_>> = before
        .records
        .iter()
        .filter(|(k, _)| !present.contains(k.as_str()))
        .map(|(k, r)| Current {
            key: k.as_str().into(),
            id: &r.id,
            derived: false,
            title: &r.title,
            link: "",
            published: r.published,
            live: true,
        })
        .collect();
    if orphans.is_empty() {
        return matched;
    }
    let index = Index::new(&orphans, |_| true);
    let mut taken = vec![false; orphans.len()];
    for (c, found) in now.iter().zip(&mut matched) {
        if !matches!(found, Found::New) {
            continue;
        }
        let probe = Probe {
            id: Some(c.id),
            link: None,
            title: Some(c.title),
            published: Some(c.published),
        };
        if let Some((o, by)) = index.find(&probe, false).filter(|(o, _)| !taken[*o]) {
            taken[o] = true;
            *found = Found::Moved(orphans[o].key.to_string(), by);
        }
    }
    matched
}

/// A new record for `c`.
fn record_of(c: &Current<'_>) -> Record {
    Record {
        id: c.id.to_string(),
        published: c.published,
        title: c.title.to_string(),
    }
}

/// Articles whose id (`ids`, by article) another article already has. The one `before` gave
/// the id to keeps it; the others are listed.
fn clashes(now: &[Current<'_>], ids: &[&str], before: &Ledger) -> Vec<Change> {
    let mut first: HashMap<&str, usize> = HashMap::with_capacity(ids.len());
    let mut shared: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, &id) in ids.iter().enumerate() {
        if let Some(&j) = first.get(id) {
            shared.entry(id).or_insert_with(|| vec![j]).push(i);
        } else {
            first.insert(id, i);
        }
    }
    let mut rows: BTreeMap<String, Change> = BTreeMap::new();
    for (id, mut holders) in shared {
        // Whoever the ledger gave this id to first, then in key order.
        let not_holder = |i: usize| {
            before
                .records
                .get(now[i].key.as_ref())
                .map(|r| r.id.as_str())
                != Some(id)
        };
        holders.sort_by_key(|&i| (not_holder(i), now[i].key.clone()));
        let first = &now[holders[0]].key;
        for &i in &holders[1..] {
            let key = &now[i].key;
            let why = format!("{first} has this id");
            rows.insert(key.to_string(), Change::clash(key, id, why));
        }
    }
    rows.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::current::tests::current;

    fn ledger(items: &[Current<'_>]) -> Ledger {
        Ledger {
            records: items
                .iter()
                .map(|c| (c.key.to_string(), record_of(c)))
                .collect(),
        }
    }

    fn none() -> BTreeSet<String> {
        BTreeSet::new()
    }

    #[test]
    fn a_known_record_keeps_its_locked_id_when_its_default_id_changes() {
        let before = ledger(&[current("a.md", "tag:x.org,2026-01-01:a", "2026-01-01")]);
        // New slug, date or site URL: another default id, same record.
        let now = [current(
            "a.md",
            "tag:x.org,2026-02-02:renamed",
            "2026-02-02",
        )];
        let r = reconcile(before.clone(), &now, &none());
        assert_eq!(r.ids, [(0, "tag:x.org,2026-01-01:a".to_string())]);
        assert_eq!(
            r.ledger, before,
            "first date and title stay as first published"
        );
        assert!(!r.changes_ledger());
    }

    #[test]
    fn an_accepted_default_id_and_a_written_id_replace_the_locked_one_as_changes() {
        let before = ledger(&[
            current("a.md", "tag:x.org,2026-01-01:a", "2026-01-01"),
            current("b.md", "tag:x.org,2026-01-01:b", "2026-01-01"),
        ]);
        let now = [
            current("a.md", "tag:x.org,2026-01-01:a2", "2026-01-01"),
            current("b.md", "urn:uuid:b", "2026-01-01"),
        ];
        let accept = BTreeSet::from(["a.md".to_string()]);
        let r = reconcile(before, &now, &accept);
        assert!(r.ids.is_empty(), "both keep their own id");
        let rows: Vec<_> = r
            .changes
            .iter()
            .map(|c| (c.key.as_str(), c.new.as_str()))
            .collect();
        assert_eq!(
            rows,
            [("a.md", "tag:x.org,2026-01-01:a2"), ("b.md", "urn:uuid:b")]
        );
        assert_eq!(r.ledger.records["b.md"].id, "urn:uuid:b");
        assert_eq!(r.diff().changed.len(), 2);
    }

    #[test]
    fn renamed_records_are_found_by_id_then_title_and_date_and_keep_their_id() {
        let a = current("a.md", "tag:x.org,2026-01-01:a", "2026-01-01");
        let b = current("b.md", "tag:x.org,2026-01-02:b", "2026-01-02");
        let before = ledger(&[a.clone(), b.clone()]);
        // a moved to a folder (same slug, same id); b renamed (new slug, same title and date).
        let moved_a = Current {
            key: "2026/a.md".into(),
            ..a.clone()
        };
        let renamed_b = Current {
            key: "b-new.md".into(),
            id: "tag:x.org,2026-01-02:b-new",
            ..b.clone()
        };
        let r = reconcile(before, &[moved_a, renamed_b], &none());
        assert_eq!(r.ids, [(1, b.id.to_string())]);
        let moves: Vec<_> = r
            .moved
            .iter()
            .map(|m| (m.from.as_str(), m.to.as_str(), m.by))
            .collect();
        assert_eq!(
            moves,
            [
                ("a.md", "2026/a.md", By::Id),
                ("b.md", "b-new.md", By::TitleAndDate)
            ]
        );
        let keys: Vec<_> = r.ledger.records.keys().map(String::as_str).collect();
        assert_eq!(keys, ["2026/a.md", "b-new.md"]);
        assert!(r.gone.is_empty() && r.added.is_empty());
        let d = r.diff();
        assert_eq!(d.added[0], ("2026/a.md".into(), a.id.into()));
        assert_eq!(d.removed[1], ("b.md".into(), b.id.into()));
    }

    #[test]
    fn new_live_records_are_added_deleted_ones_gone_and_drafts_wait() {
        let before = ledger(&[current("old.md", "tag:old", "2026-01-01")]);
        let mut draft = current("draft.md", "tag:draft", "2026-01-03");
        draft.live = false;
        let now = [current("new.md", "tag:new", "2026-01-02"), draft];
        let r = reconcile(before, &now, &none());
        assert_eq!(r.added, ["new.md"]);
        assert_eq!(r.gone, [("old.md".to_string(), "tag:old".to_string())]);
        let keys: Vec<_> = r.ledger.records.keys().map(String::as_str).collect();
        assert_eq!(keys, ["new.md"]);
        assert!(r.ids.is_empty());
        assert_eq!(
            r.diff(),
            Diff {
                added: vec![("new.md".into(), "tag:new".into())],
                removed: vec![("old.md".into(), "tag:old".into())],
                changed: vec![],
            }
        );
    }

    #[test]
    fn an_article_taking_a_locked_id_clashes_and_the_locked_record_keeps_it() {
        // b.md was re-slugged (it keeps tag:b); a new a.md now derives tag:b.
        let before = ledger(&[current("b.md", "tag:b", "2026-01-01")]);
        let now = [
            current("a.md", "tag:b", "2026-01-01"),
            current("b.md", "tag:b-new", "2026-01-01"),
        ];
        let r = reconcile(before, &now, &none());
        assert_eq!(r.clashes.len(), 1);
        let c = &r.clashes[0];
        assert_eq!(
            (c.key.as_str(), c.new.as_str(), c.why.as_str()),
            ("a.md", "tag:b", "b.md has this id")
        );
    }
}
