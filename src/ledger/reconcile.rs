//! Which id each article is published with: the ledger's, matched record by record.
//!
//! A record found at its key keeps its locked id, whatever its slug, date, permalink or the site
//! URL say now. A record whose file was renamed or moved is found again among the records no
//! file answers to any more: first by id (a move that kept the slug and date, or an explicit
//! `id`), then by its first title and date; it keeps its id and moves to the new key. A live
//! record the ledger does not know is added with the id it has. An `id` field that differs from
//! the locked id is a change the churn guard must hear about (the field wins, as written), and
//! so is a default id taken in place of the locked one by `--accept-id-change`.
//!
//! The records stream through once and only what changes is kept (an [`Edit`], the records no
//! file answers to, the ids that differ from the articles' own), so a 100,000-record ledger
//! costs one record at a time. Pure: nothing here reads the disk.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use super::current::{By, Current, Index, Probe};
use super::guard::Change;
use super::{Diff, Edit, Record};

/// What the ledger says about this build's articles.
#[derive(Debug, Default)]
pub struct Reconciled {
    /// How the ledger changes.
    pub edit: Edit,
    /// How many records the ledger had before.
    pub before: usize,
    /// How many it has after.
    pub after: usize,
    /// The articles published with another id than their own (by index): the locked one.
    /// Every other article is published with its own.
    pub ids: Vec<(usize, String)>,
    /// Records whose file moved, and how they were recognised.
    pub moved: Vec<Moved>,
    /// Articles published with another id than the locked one, and why.
    pub changes: Vec<Change>,
    /// Articles that would share an id with another one.
    pub clashes: Vec<Change>,
    /// The records no file answers to any more (deleted, or renamed past recognition): key, id.
    pub gone: Vec<(String, String)>,
    /// The records added by this build: key, id.
    pub added: Vec<(String, String)>,
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
    /// How the ledger changes, record by record.
    pub fn diff(&self) -> Diff {
        let mut added = self.added.clone();
        added.extend(self.moved.iter().map(|m| (m.to.clone(), m.id.clone())));
        let mut removed = self.gone.clone();
        removed.extend(self.moved.iter().map(|m| (m.from.clone(), m.id.clone())));
        added.sort();
        removed.sort();
        let changed = self.changes.iter();
        let changed = changed.filter(|c| !self.moved.iter().any(|m| m.to == c.key));
        Diff {
            added,
            removed,
            changed: changed
                .map(|c| (c.key.clone(), c.old.clone(), c.new.clone()))
                .collect(),
        }
    }

    /// The record `record` (locked) for article `i`, `c`: publishes the locked id unless `c`
    /// takes its own (written, or accepted), which is a change. Returns the record as it stays,
    /// and whether it changed.
    fn settle(
        &mut self,
        i: usize,
        c: &Current<'_>,
        mut record: Record,
        accept: &BTreeSet<String>,
    ) -> (Record, bool) {
        // A default id yields to the locked one unless accepted; a written id never does.
        let yields = c.derived && !accept.contains(c.key.as_ref());
        if c.id == record.id || yields {
            if c.id != record.id {
                self.ids.push((i, record.id.clone()));
            }
            return (record, false);
        }
        self.changes
            .push(Change::new(&c.key, &record.id, c.id, c.derived));
        record.id = c.id.to_string();
        (record, true)
    }
}

/// Matches `now` (every article of the folder) to the `records` of the ledger (in key order),
/// which stream through once. `None` if a record is `None`: the file is not in the form
/// feedwright writes, and must be read whole (see [`super::file::Canonical`]). Articles whose
/// key is in `accept` take their own id in place of a locked one.
pub fn reconcile(
    records: impl IntoIterator<Item = Option<(String, Record)>>,
    now: &[Current<'_>],
    accept: &BTreeSet<String>,
) -> Option<Reconciled> {
    let by_key: HashMap<&str, usize> = now
        .iter()
        .enumerate()
        .map(|(i, c)| (c.key.as_ref(), i))
        .collect();
    let mut out = Reconciled::default();
    let mut recorded = vec![false; now.len()];
    let mut orphans: Vec<(String, Record)> = Vec::new();
    for read in records {
        let (key, record) = read?;
        out.before += 1;
        let Some(&i) = by_key.get(key.as_str()) else {
            orphans.push((key, record));
            continue;
        };
        recorded[i] = true;
        let (record, changed) = out.settle(i, &now[i], record, accept);
        if changed {
            out.edit.set.insert(key, record);
        }
    }
    drop(by_key);
    out.find_moved(orphans, now, &mut recorded, accept);
    for (c, _) in now.iter().zip(&recorded).filter(|(c, r)| c.live && !**r) {
        let record = Record {
            id: c.id.to_string(),
            published: c.published,
            title: c.title.to_string(),
        };
        out.added.push((c.key.to_string(), record.id.clone()));
        out.edit.set.insert(c.key.to_string(), record);
    }
    out.after = out.before - out.gone.len() + out.added.len();
    out.clashes = clashes(now, &out.ids);
    Some(out)
}

impl Reconciled {
    /// Finds the articles the `orphans` (records no file answers to) now are: the same id,
    /// else the same first title and date, among the articles without a record. What is
    /// found moves to its article's key; the rest is gone.
    fn find_moved(
        &mut self,
        orphans: Vec<(String, Record)>,
        now: &[Current<'_>],
        recorded: &mut [bool],
        accept: &BTreeSet<String>,
    ) {
        let mut found: Vec<Option<(usize, By)>> = vec![None; orphans.len()];
        if !orphans.is_empty() {
            let views: Vec<Current<'_>> = orphans.iter().map(|(k, r)| orphan(k, r)).collect();
            let index = Index::new(&views, |_| true);
            for (i, c) in now.iter().enumerate() {
                if recorded[i] {
                    continue;
                }
                let probe = Probe {
                    id: Some(c.id),
                    link: None,
                    title: Some(c.title),
                    published: Some(c.published),
                };
                if let Some((o, by)) = index
                    .find(&probe, false)
                    .filter(|(o, _)| found[*o].is_none())
                {
                    found[o] = Some((i, by));
                    recorded[i] = true;
                }
            }
        }
        for ((from, record), found) in orphans.into_iter().zip(found) {
            let Some((i, by)) = found else {
                self.gone.push((from.clone(), record.id));
                self.edit.drop.insert(from);
                continue;
            };
            let (record, _) = self.settle(i, &now[i], record, accept);
            let to = now[i].key.to_string();
            let id = record.id.clone();
            self.edit.drop.insert(from.clone());
            self.edit.set.insert(to.clone(), record);
            self.moved.push(Moved { from, to, id, by });
        }
    }
}

/// A record no file answers to, as an article to be looked up.
fn orphan<'a>(key: &'a str, r: &'a Record) -> Current<'a> {
    Current {
        key: key.into(),
        id: &r.id,
        derived: false,
        title: &r.title,
        link: "",
        published: r.published,
        live: true,
    }
}

/// Articles that would share an id: one of them publishes a locked id (`relabeled`: article
/// index, id) that another article has too. (Two articles' own ids never clash: the loader
/// refuses that.) The one publishing the locked id keeps it; the others are listed.
fn clashes(now: &[Current<'_>], relabeled: &[(usize, String)]) -> Vec<Change> {
    if relabeled.is_empty() {
        return Vec::new();
    }
    let holder: HashMap<&str, usize> = relabeled.iter().map(|(i, id)| (id.as_str(), *i)).collect();
    let published: HashMap<usize, &str> =
        relabeled.iter().map(|(i, id)| (*i, id.as_str())).collect();
    let mut rows: BTreeMap<String, Change> = BTreeMap::new();
    for (j, c) in now.iter().enumerate() {
        let id = published.get(&j).copied().unwrap_or(c.id);
        match holder.get(id) {
            Some(&i) if i != j => {
                let why = format!("{} has this id", now[i].key);
                rows.insert(c.key.to_string(), Change::clash(&c.key, id, why));
            }
            _ => {}
        }
    }
    rows.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::current::tests::current;

    /// The ledger's records for `items`, in key order, as the file streams them.
    fn records(items: &[Current<'_>]) -> Vec<Option<(String, Record)>> {
        let mut v: Vec<_> = items
            .iter()
            .map(|c| {
                let r = Record {
                    id: c.id.to_string(),
                    published: c.published,
                    title: c.title.to_string(),
                };
                Some((c.key.to_string(), r))
            })
            .collect();
        v.sort_by(|a, b| a.as_ref().unwrap().0.cmp(&b.as_ref().unwrap().0));
        v
    }

    fn none() -> BTreeSet<String> {
        BTreeSet::new()
    }

    #[test]
    fn a_known_record_keeps_its_locked_id_when_its_default_id_changes() {
        let before = records(&[current("a.md", "tag:x.org,2026-01-01:a", "2026-01-01")]);
        // New slug, date or site URL: another default id, same record.
        let now = [current(
            "a.md",
            "tag:x.org,2026-02-02:renamed",
            "2026-02-02",
        )];
        let r = reconcile(before, &now, &none()).unwrap();
        assert_eq!(r.ids, [(0, "tag:x.org,2026-01-01:a".to_string())]);
        assert!(r.edit.is_empty(), "the ledger stays as it is");
        assert_eq!((r.before, r.after), (1, 1));
    }

    #[test]
    fn an_accepted_default_id_and_a_written_id_replace_the_locked_one_as_changes() {
        let before = records(&[
            current("a.md", "tag:x.org,2026-01-01:a", "2026-01-01"),
            current("b.md", "tag:x.org,2026-01-01:b", "2026-01-01"),
        ]);
        let now = [
            current("a.md", "tag:x.org,2026-01-01:a2", "2026-01-01"),
            current("b.md", "urn:uuid:b", "2026-01-01"),
        ];
        let accept = BTreeSet::from(["a.md".to_string()]);
        let r = reconcile(before, &now, &accept).unwrap();
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
        assert_eq!(r.edit.set["b.md"].id, "urn:uuid:b");
        assert_eq!(r.edit.set["b.md"].title, "Title b.md", "first title kept");
        assert_eq!(r.diff().changed.len(), 2);
    }

    #[test]
    fn renamed_records_are_found_by_id_then_title_and_date_and_keep_their_id() {
        let a = current("a.md", "tag:x.org,2026-01-01:a", "2026-01-01");
        let b = current("b.md", "tag:x.org,2026-01-02:b", "2026-01-02");
        let before = records(&[a.clone(), b.clone()]);
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
        let r = reconcile(before, &[moved_a, renamed_b], &none()).unwrap();
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
        let set: Vec<_> = r
            .edit
            .set
            .iter()
            .map(|(k, r)| (k.as_str(), r.id.as_str()))
            .collect();
        assert_eq!(set, [("2026/a.md", a.id), ("b-new.md", b.id)]);
        assert_eq!(r.edit.drop, BTreeSet::from(["a.md".into(), "b.md".into()]));
        assert!(r.gone.is_empty() && r.added.is_empty());
        let d = r.diff();
        assert_eq!(d.added[0], ("2026/a.md".into(), a.id.into()));
        assert_eq!(d.removed[1], ("b.md".into(), b.id.into()));
        assert!(d.changed.is_empty());
    }

    #[test]
    fn new_live_records_are_added_deleted_ones_gone_and_drafts_wait() {
        let before = records(&[current("old.md", "tag:old", "2026-01-01")]);
        let mut draft = current("draft.md", "tag:draft", "2026-01-03");
        draft.live = false;
        let now = [current("new.md", "tag:new", "2026-01-02"), draft];
        let r = reconcile(before, &now, &none()).unwrap();
        assert_eq!(r.added, [("new.md".to_string(), "tag:new".to_string())]);
        assert_eq!(r.gone, [("old.md".to_string(), "tag:old".to_string())]);
        assert_eq!(r.edit.set.keys().collect::<Vec<_>>(), ["new.md"]);
        assert_eq!(r.edit.drop, BTreeSet::from(["old.md".into()]));
        assert_eq!((r.before, r.after), (1, 1));
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
        let before = records(&[current("b.md", "tag:b", "2026-01-01")]);
        let now = [
            current("a.md", "tag:b", "2026-01-01"),
            current("b.md", "tag:b-new", "2026-01-01"),
        ];
        let r = reconcile(before, &now, &none()).unwrap();
        assert_eq!(r.clashes.len(), 1);
        let c = &r.clashes[0];
        assert_eq!(
            (c.key.as_str(), c.new.as_str(), c.why.as_str()),
            ("a.md", "tag:b", "b.md has this id")
        );
    }

    #[test]
    fn a_file_not_in_the_exact_form_stops_the_stream() {
        let mut before = records(&[current("a.md", "tag:a", "2026-01-01")]);
        before.push(None);
        assert!(reconcile(before, &[], &none()).is_none());
    }
}
