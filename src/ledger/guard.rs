//! The churn and shrink guards: would this build surprise a subscriber?
//!
//! Both compare what was published before with what this build would publish. "Before" is the
//! ledger when there is one (its records), else the feed files already in the output folder
//! (the entries each lists); a feed that would be empty is always compared with its file.
//! Three things are *churn*, stopped unless accepted (`--accept-id-change KEY` for one entry,
//! `--accept-churn` for all): an entry shown before that would get another id (readers would
//! get it again), two entries with one id (readers would drop one; never accepted), and a
//! rename storm (more than half of what is shown is new, more than half of what was shown is
//! gone, and about as many are shown: files renamed past recognition). A *shrink* is a feed (or
//! the ledger) going from some entries to none, or losing more than half of them to records
//! gone from the folder; stopped unless `--allow-shrink`. Deleting one article of three is fine,
//! and so is an entry pushed out of a feed by newer ones (it is still published).
//!
//! Pure: the entries read from disk and the current articles come in as arguments.

use std::collections::{BTreeSet, HashSet};

use super::current::{Current, Index, Probe};
use super::published::Entry;

/// An entry whose id would change, or that would share its id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The record (its path in the articles folder), as `--accept-id-change` takes it.
    pub key: String,
    /// The id subscribers have (empty for a clash).
    pub old: String,
    /// The id this build would publish.
    pub new: String,
    /// Why.
    pub why: String,
}

impl Change {
    /// `key`'s id going from `old` to `new`; `derived` when `new` is the default id.
    pub fn new(key: &str, old: &str, new: &str, derived: bool) -> Change {
        Change {
            key: key.into(),
            old: old.into(),
            new: new.into(),
            why: reason(old, new, derived),
        }
    }

    /// `key` taking `id`, which another entry has (`why` says which).
    pub fn clash(key: &str, id: &str, why: String) -> Change {
        Change {
            key: key.into(),
            old: String::new(),
            new: id.into(),
            why,
        }
    }
}

/// Why an id made by an id mode changed: for two `tag:HOST,DAY:PATH/SLUG` ids, what differs;
/// for links (the `link` and `jekyll` modes), the link.
fn reason(old: &str, new: &str, derived: bool) -> String {
    if !derived {
        return "the `id` field says so".into();
    }
    let parts = |id: &str| -> Option<(String, String, String, String)> {
        let rest = id.strip_prefix("tag:")?;
        let (host, rest) = rest.split_once(',')?;
        let (day, path) = rest.split_once(':')?;
        let (dir, slug) = path.rsplit_once('/').unwrap_or(("", path));
        Some((host.into(), day.into(), dir.into(), slug.into()))
    };
    let web = |id: &str| id.starts_with("https://") || id.starts_with("http://");
    let (Some(o), Some(n)) = (parts(old), parts(new)) else {
        return match (web(old), web(new)) {
            (true, true) => "its link changed".into(),
            _ => "the id published before is not the one the site's id mode makes".into(),
        };
    };
    let mut what = Vec::new();
    if o.0 != n.0 || o.2 != n.2 {
        what.push("site URL");
    }
    if o.1 != n.1 {
        what.push("date");
    }
    if o.3 != n.3 {
        what.push("slug");
    }
    format!("its {} changed", what.join(" and "))
}

/// What one feed (or the ledger) showed before and would show now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tally {
    /// What was compared, as the messages name it: `feed "main" (public/feed.json)`, or the
    /// ledger's file.
    pub what: String,
    /// Entries (or records) before.
    pub before: usize,
    /// Entries (or records) now.
    pub now: usize,
    /// Entries before that no live article stands for any more.
    pub gone: usize,
    /// Entries now that were never published.
    pub new: usize,
}

impl Tally {
    /// A rename storm: most of what is shown is new, most of what was shown is gone, and about
    /// as many entries are shown (within a quarter).
    pub fn is_storm(&self) -> bool {
        self.new * 2 > self.now
            && self.gone * 2 > self.before
            && 4 * self.now.abs_diff(self.before) <= self.before
    }

    /// Some entries to none, or more than half of them gone (and not a storm).
    pub fn is_shrink(&self) -> bool {
        !self.is_storm() && self.before > 0 && (self.now == 0 || self.gone * 2 > self.before)
    }
}

/// What the user accepted on the command line.
#[derive(Debug, Clone, Default)]
pub struct Accept {
    /// `--accept-id-change KEY`: the records whose new id is accepted.
    pub ids: BTreeSet<String>,
    /// `--accept-churn`: every id change and rename storm.
    pub churn: bool,
    /// `--allow-shrink`.
    pub shrink: bool,
}

/// Compares the entries a feed showed `before` with the articles it would show `now` (indices
/// into `live`'s articles, which carry the ids they are published with). `seen` holds every id
/// published before (in any feed, or in the ledger). Returns the feed's tally and the id
/// changes of entries it would show again under another id.
pub fn compare_feed(
    what: String,
    before: &[Entry],
    now: &[usize],
    live: &Index<'_, '_>,
    items: &[Current<'_>],
    seen: &HashSet<&str>,
) -> (Tally, Vec<Change>) {
    let shown: HashSet<&str> = now.iter().map(|&i| items[i].id).collect();
    let mut changes = Vec::new();
    let mut gone = 0;
    for e in before {
        let id = e.id.as_deref().unwrap_or("");
        if live.id(id).is_some() {
            continue; // kept, or pushed out by newer entries: still published
        }
        let probe = Probe {
            id: None,
            ..e.probe()
        };
        match live.find(&probe, false) {
            Some((i, _)) if shown.contains(items[i].id) => {
                let c = &items[i];
                changes.push(Change::new(&c.key, id, c.id, c.derived));
            }
            Some(_) => {}
            None => gone += 1,
        }
    }
    let changed: HashSet<&str> = changes.iter().map(|c| c.new.as_str()).collect();
    let new = shown
        .iter()
        .filter(|id| !seen.contains(*id) && !changed.contains(*id))
        .count();
    let tally = Tally {
        what,
        before: before.len(),
        now: now.len(),
        gone,
        new,
    };
    (tally, changes)
}

/// Why a build must stop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// Ids would change, or clash, or a feed would be renamed past recognition.
    Churn {
        /// Id changes not accepted, then clashes.
        changes: Vec<Change>,
        /// Feeds (or the ledger) in a rename storm.
        storms: Vec<Tally>,
    },
    /// Feeds (or the ledger) would lose most or all of their entries.
    Shrink(Vec<Tally>),
}

/// Judges what a build would do. `Ok` carries one line per accepted finding, for the report.
pub fn judge(
    changes: &[Change],
    clashes: &[Change],
    tallies: &[Tally],
    accept: &Accept,
) -> Result<Vec<String>, Refusal> {
    // An entry shown by several feeds is one change.
    let mut keys = HashSet::new();
    let changes: Vec<&Change> = changes.iter().filter(|c| keys.insert(&c.key)).collect();
    let accepted = |c: &&Change| accept.churn || accept.ids.contains(&c.key);
    let mut refused: Vec<Change> = changes
        .iter()
        .filter(|c| !accepted(c))
        .map(|c| (*c).clone())
        .collect();
    refused.extend(clashes.iter().cloned());
    let storms: Vec<Tally> = tallies.iter().filter(|t| t.is_storm()).cloned().collect();
    if !refused.is_empty() || (!storms.is_empty() && !accept.churn) {
        let storms = if accept.churn { vec![] } else { storms };
        return Err(Refusal::Churn {
            changes: refused,
            storms,
        });
    }
    let shrinks: Vec<Tally> = tallies.iter().filter(|t| t.is_shrink()).cloned().collect();
    if !shrinks.is_empty() && !accept.shrink {
        return Err(Refusal::Shrink(shrinks));
    }
    let mut notes: Vec<String> = changes
        .iter()
        .map(|c| {
            format!(
                "accepted id change: {}: {} -> {} ({})",
                c.key, c.old, c.new, c.why
            )
        })
        .collect();
    notes.extend(
        storms
            .iter()
            .map(|t| format!("accepted churn: {}", storm_line(t))),
    );
    notes.extend(
        shrinks
            .iter()
            .map(|t| format!("allowed shrink: {}", shrink_line(t))),
    );
    Ok(notes)
}

/// A rename storm, in words.
pub fn storm_line(t: &Tally) -> String {
    format!(
        "{}: {} of its {} entries would be new, and {} of the {} it showed are gone",
        t.what, t.new, t.now, t.gone, t.before
    )
}

/// A shrink, in words.
pub fn shrink_line(t: &Tally) -> String {
    let gone = match t.gone {
        0 => String::new(),
        n => format!(", {n} of them gone from the articles folder"),
    };
    format!(
        "{}: {} entries before, {} now{gone}",
        t.what, t.before, t.now
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ledger::current::tests::current;

    fn entry(id: &str, link: &str) -> Entry {
        Entry {
            id: Some(id.into()),
            link: Some(link.into()),
            ..Entry::default()
        }
    }

    fn tally(before: usize, now: usize, gone: usize, new: usize) -> Tally {
        Tally {
            what: "feed \"main\"".into(),
            before,
            now,
            gone,
            new,
        }
    }

    #[test]
    fn reasons_name_what_changed_in_a_default_id() {
        let r = |o, n| reason(o, n, true);
        assert_eq!(
            r("tag:x.org,2026-01-01:a", "tag:x.org,2026-01-01:b"),
            "its slug changed"
        );
        assert_eq!(
            r("tag:x.org,2026-01-01:blog/a", "tag:y.org,2026-01-02:blog/a"),
            "its site URL and date changed"
        );
        assert_eq!(
            r("https://x.org/a/", "https://x.org/2026/a/"),
            "its link changed"
        );
        assert_eq!(
            r("https://old/?p=1", "tag:x.org,2026-01-01:a"),
            "the id published before is not the one the site's id mode makes"
        );
        assert_eq!(reason("tag:a", "urn:b", false), "the `id` field says so");
    }

    #[test]
    fn a_feed_compared_with_its_file_finds_changed_gone_pushed_out_and_new_entries() {
        let items = vec![
            current("kept", "tag:kept", "2026-01-05"),
            current("reslugged", "tag:new-slug", "2026-01-04"),
            current("pushed", "tag:pushed", "2026-01-01"),
            current("fresh", "tag:fresh", "2026-01-06"),
        ];
        let live = Index::new(&items, |c| c.live);
        let before = vec![
            entry("tag:kept", "https://x.org/kept/"),
            entry("tag:old-slug", "https://x.org/reslugged/"),
            entry("tag:pushed", "https://x.org/pushed/"),
            entry("tag:deleted", "https://x.org/deleted/"),
        ];
        let seen: HashSet<&str> = before.iter().filter_map(|e| e.id.as_deref()).collect();
        let (t, changes) = compare_feed("feed".into(), &before, &[3, 0, 1], &live, &items, &seen);
        assert_eq!((t.before, t.now, t.gone, t.new), (4, 3, 1, 1));
        assert_eq!(
            changes,
            [Change::new(
                "reslugged",
                "tag:old-slug",
                "tag:new-slug",
                true
            )]
        );
    }

    #[test]
    fn storms_and_shrinks() {
        assert!(tally(10, 10, 6, 6).is_storm());
        assert!(
            !tally(20, 20, 0, 15).is_storm(),
            "new posts pushing old ones out"
        );
        assert!(
            !tally(10, 4, 6, 4).is_storm(),
            "not about as many: a shrink"
        );
        assert!(tally(10, 4, 6, 4).is_shrink());
        assert!(
            tally(3, 0, 0, 0).is_shrink(),
            "some to none, even by a filter"
        );
        assert!(
            !tally(3, 2, 1, 0).is_shrink(),
            "deleting one article of three"
        );
        assert!(!tally(2, 1, 1, 0).is_shrink(), "half is not more than half");
        assert!(!tally(0, 0, 0, 0).is_shrink());
    }

    #[test]
    fn judge_refuses_unaccepted_churn_first_then_shrinks_and_notes_what_was_accepted() {
        let change = Change::new("a.md", "tag:x,2026-01-01:a", "tag:x,2026-01-01:b", true);
        let clash = Change::clash("c.md", "tag:c", "d.md has this id".into());
        let none = Accept::default();
        let storm = tally(10, 10, 6, 6);
        let shrink = tally(3, 0, 3, 0);
        let changes = std::slice::from_ref(&change);
        let e = judge(changes, &[], &[storm.clone(), shrink.clone()], &none);
        assert_eq!(
            e,
            Err(Refusal::Churn {
                changes: vec![change.clone()],
                storms: vec![storm.clone()]
            })
        );
        let one = Accept {
            ids: BTreeSet::from(["a.md".to_string()]),
            ..Accept::default()
        };
        let shrinks = std::slice::from_ref(&shrink);
        assert_eq!(
            judge(changes, &[], shrinks, &one),
            Err(Refusal::Shrink(shrinks.to_vec()))
        );
        let all = Accept {
            churn: true,
            shrink: true,
            ..Accept::default()
        };
        // The same change found in two feeds is one note.
        let twice = [change.clone(), change.clone()];
        let notes = judge(&twice, &[], &[storm, shrink], &all).unwrap();
        assert_eq!(notes.len(), 3);
        assert_eq!(
            notes[0],
            "accepted id change: a.md: tag:x,2026-01-01:a -> tag:x,2026-01-01:b (its slug changed)"
        );
        assert!(
            notes[1].starts_with("accepted churn: feed \"main\": 6 of its 10 entries would be new")
        );
        assert_eq!(notes[2], "allowed shrink: feed \"main\": 3 entries before, 0 now, 3 of them gone from the articles folder");
        let e = judge(&[], std::slice::from_ref(&clash), &[], &all);
        assert!(
            matches!(e, Err(Refusal::Churn { changes, .. }) if changes == [clash]),
            "a clash is never accepted"
        );
    }
}
