//! What `build` promises the subscribers of its feeds: every entry keeps the id it was first
//! published with, and nothing changes ids, or vanishes, by accident.
//!
//! [`Promise::keep`] reads the ledger (`feeds.lock` beside the config) and gives every article
//! the id it is published with, before anything is selected. [`Promise::guard`] then runs the
//! churn and shrink guards of [`crate::ledger::guard`] on what was published before: the
//! ledger's records when there is a ledger, else the feed files already in the output folder
//! (each feed's JSON Feed file, else Atom, else RSS); a feed that would be empty is always
//! compared with its file. [`Promise::settle`] keeps only how the ledger changes (or refuses
//! under `--locked`); [`LedgerFile::stage`] streams the old file through that edit into a file
//! staged with the feeds and renamed into place first, so the ledger is never behind the feeds
//! it describes. This file does the
//! reading and writing; every decision is in [`crate::ledger`].

use std::cell::Cell;
use std::collections::HashSet;
use std::fs::File;
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::Report;
use crate::article::Article;
use crate::cli::GuardArgs;
use crate::config::{FeedSpec, Site};
use crate::diagnostics::display_path;
use crate::error::Error;
use crate::ledger::current::{Current, Index};
use crate::ledger::file::Canonical;
use crate::ledger::guard::{compare_feed, judge, Accept, Refusal, Tally};
use crate::ledger::published::Entry;
use crate::ledger::reconcile::{reconcile, Reconciled};
use crate::ledger::{self, Edit, Ledger, Record};
use crate::output;
use crate::pipeline::Selection;
use crate::select;

/// The ledger of one build: where it was read from, the ids it decided, how it changes.
#[derive(Debug)]
pub(super) struct Promise {
    /// The ledger's file.
    path: PathBuf,
    source: Source,
    reconciled: Reconciled,
    /// Per article, whether a feed may show it at this build's "now".
    live: Vec<bool>,
}

/// What the ledger's file was when it was read.
#[derive(Debug)]
struct Source {
    /// Its stamp; `None` when there was no file.
    stamp: Option<ledger::Stamp>,
    /// The whole ledger, when it was not in the form feedwright writes (edited by hand,
    /// merged) and was read whole; `None` when it was read record by record (and is read so
    /// again to be written).
    whole: Option<Ledger>,
}

impl Source {
    /// Reads the ledger at `path` through `run`: streamed when it has the form feedwright
    /// writes, else read whole (and kept, to be written back from).
    fn read(
        path: &Path,
        mut run: impl FnMut(&mut dyn Iterator<Item = Option<(String, Record)>>) -> Option<Reconciled>,
    ) -> Result<(Source, Reconciled), Error> {
        let read = "every record is read";
        let Some((input, stamp)) = ledger::open(path)? else {
            let absent = Source {
                stamp: None,
                whole: None,
            };
            return Ok((absent, run(&mut std::iter::empty()).expect(read)));
        };
        let stamp = Some(stamp);
        if let Some(r) = run(&mut Canonical::new(input)) {
            return Ok((Source { stamp, whole: None }, r));
        }
        let whole = ledger::load(path)?.unwrap_or_default();
        let mut records = whole
            .records
            .iter()
            .map(|(k, r)| Some((k.clone(), r.clone())));
        let r = run(&mut records).expect(read);
        Ok((
            Source {
                stamp,
                whole: Some(whole),
            },
            r,
        ))
    }
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
        let live: Vec<bool> = articles
            .iter()
            .map(|a| select::is_live(a, now, drafts))
            .collect();
        let items = currents(site, articles, &live);
        let run = |records: &mut dyn Iterator<Item = Option<(String, Record)>>| {
            reconcile(records, &items, &accept.ids)
        };
        let (source, mut reconciled) = Source::read(&path, run)?;
        drop(items);
        for (i, id) in std::mem::take(&mut reconciled.ids) {
            articles[i].id = id;
        }
        Ok(Promise {
            path,
            source,
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
        let had = self.source.stamp.is_some();
        if had {
            changes.clone_from(&r.changes);
            tallies.push(Tally {
                what: display_path(&self.path).display().to_string(),
                before: r.before,
                now: r.after,
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
            .filter(|(_, (_, picked))| !had || picked.is_empty())
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
                import_from: import_from.filter(|_| self.source.stamp.is_none()),
            },
            Refusal::Shrink(shrinks) => Error::Shrink {
                shrinks,
                folder: display_path(&site.articles_dir),
                records: files,
            },
        }
    }

    /// The ledger's file as this build leaves it; with `locked` (`--locked`), an error if it
    /// would change.
    pub(super) fn settle(self, locked: bool) -> Result<LedgerFile, Error> {
        let r = self.reconciled;
        if locked && !r.edit.is_empty() {
            return Err(Error::Locked {
                path: display_path(&self.path),
                exists: self.source.stamp.is_some(),
                diff: r.diff(),
            });
        }
        Ok(LedgerFile {
            path: self.path,
            source: self.source,
            edit: r.edit,
        })
    }
}

/// The ledger's file, and how this build changes it.
#[derive(Debug)]
pub(super) struct LedgerFile {
    path: PathBuf,
    source: Source,
    edit: Edit,
}

impl LedgerFile {
    /// Stages the new ledger beside the file when a record changes, streaming the old one
    /// through the edit (with `dry`, only says whether the file would change). A file changed
    /// meanwhile (by a build that ran while this one waited for the build lock) is read again
    /// whole, and the edit applied to it.
    pub(super) fn stage(&self, dry: bool) -> Result<Option<output::Staged>, Error> {
        if self.edit.is_empty() {
            return Ok(None);
        }
        output::stage_changed(&self.path, dry, |w| self.write(w))
    }

    /// Writes the edited ledger to `w`.
    fn write(&self, w: &mut dyn io::Write) -> io::Result<()> {
        let file = match File::open(&self.path) {
            Ok(f) => Some(f),
            Err(e) if e.kind() == io::ErrorKind::NotFound => None,
            Err(e) => return Err(e),
        };
        let stamp = file.as_ref().map(ledger::Stamp::of).transpose()?;
        match (file, &self.source.whole) {
            _ if stamp != self.source.stamp => {
                let now = ledger::load(&self.path).map_err(|e| io::Error::other(e.to_string()))?;
                self.edit.apply(now.unwrap_or_default().records.iter(), w)
            }
            (None, _) => self.edit.apply(std::iter::empty::<(String, Record)>(), w),
            (Some(_), Some(whole)) => self.edit.apply(whole.records.iter(), w),
            (Some(file), None) => {
                let in_form = Cell::new(true);
                let records = Canonical::new(BufReader::new(file)).map_while(|r| {
                    in_form.set(r.is_some());
                    r
                });
                self.edit.apply(records, w)?;
                match in_form.get() {
                    true => Ok(()),
                    false => Err(io::Error::other(
                        "changed while feedwright was building; run it again",
                    )),
                }
            }
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
