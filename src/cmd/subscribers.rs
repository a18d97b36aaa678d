//! What `build` promises the subscribers of its feeds: every entry keeps the id it was first
//! published with, and nothing changes ids, or vanishes, by accident.
//!
//! [`Promise::keep`] reads the ledger (`feeds.lock` beside the config) and gives every article
//! the id it is published with, before anything is selected. [`Promise::guard`] then runs the
//! churn and shrink guards of [`crate::ledger::guard`] on what was published before: the
//! ledger's records when there is a ledger, else the feed files already in the output folder
//! (each feed's JSON Feed file, else Atom, else RSS); a feed that would be empty is always
//! compared with its file. [`Promise::settle`] turns the new ledger into its text (or refuses
//! under `--locked`), which is staged with the feeds ([`LedgerFile::stage`]) and renamed into
//! place first, so it is never behind the feeds it describes. This file does the
//! reading and writing; every decision is in [`crate::ledger`].

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::Report;
use crate::article::Article;
use crate::cli::GuardArgs;
use crate::config::{FeedSpec, Site};
use crate::diagnostics::display_path;
use crate::error::Error;
use crate::ledger;
use crate::ledger::current::{Current, Index};
use crate::ledger::guard::{compare_feed, judge, Accept, Refusal, Tally};
use crate::ledger::published::Entry;
use crate::ledger::reconcile::{reconcile, Reconciled};
use crate::output;
use crate::pipeline::Selection;
use crate::select;

/// The ledger of one build: the ids it decided and the ledger it would write.
#[derive(Debug)]
pub(super) struct Promise {
    /// The ledger's file.
    path: PathBuf,
    /// Whether the file exists.
    had: bool,
    reconciled: Reconciled,
    /// Per article, whether a feed may show it at this build's "now".
    live: Vec<bool>,
}

impl Promise {
    /// Reads the ledger of the config file `config` and gives each article of `articles` the id
    /// it is published with (the ledger's, unless `accept` names it).
    pub(super) fn keep(
        site: &Site,
        config: &Path,
        articles: &mut [Article],
        now: DateTime<FixedOffset>,
        drafts: bool,
        accept: &Accept,
    ) -> Result<Promise, Error> {
        let path = ledger::path_for(config);
        let old = ledger::load(&path)?;
        let had = old.is_some();
        let live: Vec<bool> = articles
            .iter()
            .map(|a| select::is_live(a, now, drafts))
            .collect();
        let mut reconciled = {
            let items = currents(site, articles, &live);
            reconcile(old.unwrap_or_default(), &items, &accept.ids)
        };
        for (i, id) in std::mem::take(&mut reconciled.ids) {
            articles[i].id = id;
        }
        Ok(Promise {
            path,
            had,
            reconciled,
            live,
        })
    }

    /// Runs the churn and shrink guards on this build's `selection` of `articles` (with the
    /// ids [`Promise::keep`] gave them). What was accepted (and, unless `quiet`, which renamed
    /// records kept their ids) goes to `report`.
    pub(super) fn guard(
        &self,
        site: &Site,
        articles: &[Article],
        selection: &Selection,
        accept: &Accept,
        quiet: bool,
        report: &mut Report,
    ) -> Result<(), Error> {
        let r = &self.reconciled;
        let mut changes = Vec::new();
        let mut tallies = Vec::new();
        if self.had {
            changes.clone_from(&r.changes);
            tallies.push(Tally {
                what: display_path(&self.path).display().to_string(),
                before: r.before,
                now: r.ledger.records.len(),
                gone: r.gone.len(),
                new: r.added.len(),
            });
        }
        // Without a ledger every feed's file is "before"; with one, only an empty feed's.
        let read: Vec<(usize, PathBuf, Vec<Entry>)> = site
            .feeds
            .iter()
            .zip(&selection.feeds)
            .enumerate()
            .filter(|(_, (_, picked))| !self.had || picked.is_empty())
            .filter_map(|(i, (spec, _))| published(site, spec).map(|(p, e)| (i, p, e)))
            .collect();
        let mut import_from = None;
        if !read.is_empty() {
            let seen: HashSet<&str> = read
                .iter()
                .flat_map(|(_, _, entries)| entries.iter().filter_map(|e| e.id.as_deref()))
                .collect();
            let items = currents(site, articles, &self.live);
            let live = Index::new(&items, |c| c.live);
            for (i, path, entries) in &read {
                let what = format!("feed {:?} ({})", site.feeds[*i].name, path.display());
                let now = &selection.feeds[*i];
                let (tally, found) = compare_feed(what, entries, now, &live, &items, &seen);
                if !found.is_empty() && import_from.is_none() {
                    import_from = Some(path.clone());
                }
                changes.extend(found);
                tallies.push(tally);
            }
        }
        let notes = judge(&changes, &r.clashes, &tallies, accept)
            .map_err(|refusal| self.refused(refusal, site, articles.len(), import_from))?;
        report.notes.extend(notes);
        if !quiet {
            report.notes.extend(r.moved.iter().map(|m| {
                let by = m.by.describe();
                format!(
                    "renamed: {} -> {} keeps its id {} (found {by})",
                    m.from, m.to, m.id
                )
            }));
        }
        Ok(())
    }

    /// The error a refusal of the guards is; the articles folder had `files` records.
    fn refused(
        &self,
        refusal: Refusal,
        site: &Site,
        files: usize,
        import_from: Option<PathBuf>,
    ) -> Error {
        match refusal {
            Refusal::Churn { changes, storms } => Error::Churn {
                changes,
                storms,
                import_from: import_from.filter(|_| !self.had),
            },
            Refusal::Shrink(shrinks) => Error::Shrink {
                shrinks,
                folder: display_path(&site.articles_dir),
                records: files,
            },
        }
    }

    /// The ledger's file as this build leaves it; with `locked` (`--locked`), an error if it
    /// would change. The ledger is kept as its text from here on (smaller than its records).
    pub(super) fn settle(self, locked: bool) -> Result<LedgerFile, Error> {
        let r = &self.reconciled;
        if locked && r.changes_ledger() {
            return Err(Error::Locked {
                path: display_path(&self.path),
                exists: self.had,
                diff: r.diff(),
            });
        }
        let text = r.changes_ledger().then(|| {
            let mut text = Vec::new();
            r.ledger.write_to(&mut text).expect("writing to memory");
            text
        });
        Ok(LedgerFile {
            path: self.path,
            text,
        })
    }
}

/// The ledger's file, and its new text when a record changes.
#[derive(Debug)]
pub(super) struct LedgerFile {
    path: PathBuf,
    text: Option<Vec<u8>>,
}

impl LedgerFile {
    /// Stages the new text beside the file (with `dry`, only says whether the file would
    /// change).
    pub(super) fn stage(&self, dry: bool) -> Result<Option<output::Staged>, Error> {
        match &self.text {
            Some(text) => output::stage_changed(&self.path, dry, |w| w.write_all(text)),
            None => Ok(None),
        }
    }

    /// The folder the file is in.
    pub(super) fn folder(&self) -> &Path {
        ledger::folder(&self.path)
    }
}

/// Every article as the ledger sees it.
fn currents<'a>(site: &Site, articles: &'a [Article], live: &[bool]) -> Vec<Current<'a>> {
    let dir = display_path(&site.articles_dir);
    articles
        .iter()
        .zip(live)
        .map(|(a, &live)| Current::of(a, &dir, &site.url, live))
        .collect()
}

/// What the user accepted on `build`'s command line.
pub(super) fn accept(args: &GuardArgs) -> Accept {
    Accept {
        ids: args.accept_id_change.iter().cloned().collect(),
        churn: args.accept_churn,
        shrink: args.allow_shrink,
    }
}

/// The entries the feed `spec` publishes today, read from its first file on disk that is a
/// feed (JSON Feed, else Atom, else RSS: the cheapest to read first), and that file.
fn published(site: &Site, spec: &FeedSpec) -> Option<(PathBuf, Vec<Entry>)> {
    spec.outputs.iter().rev().find_map(|(_, file)| {
        let path = site.output_dir.join(file);
        let bytes = std::fs::read(&path).ok()?;
        let entries = ledger::published::parse(&bytes).ok()?;
        Some((display_path(&path), entries))
    })
}
