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
//! it describes. [`Promise::new_entries`] says which entries of a feed with `max_bytes` are new
//! in this build (its size budget may not trim them), from the ledger and the feed's file,
//! read with the guards' files. This file does the reading and writing; every decision is in
//! [`crate::ledger`] (and [`crate::budget`]).

use std::cell::Cell;
use std::collections::HashSet;
use std::io::{self, BufReader};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};

use super::news::{FeedFile, OnDisk};
use super::Report;
use crate::article::Article;
use crate::cli::GuardArgs;
use crate::config::{FeedSpec, IdMode, Site};
use crate::diagnostics::{display_path, escape, shown};
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
        let items = currents(site, articles, &live, site.id);
        let run = |records: &mut dyn Iterator<Item = Option<(String, Record)>>| {
            reconcile(records, &items, &accept.ids)
        };
        let (source, mut reconciled) = Source::read(&path, run)?;
        drop(items);
        for (i, id) in std::mem::take(&mut reconciled.ids) {
            lock_id(&mut articles[i], site.id, id);
        }
        Ok(Promise {
            path,
            source,
            reconciled,
            live,
        })
    }

    /// Runs the churn and shrink guards on this build's `selection` of `articles` (with the
    /// ids [`Promise::keep`] gave them), against the feed files `on_disk` (see [`on_disk`]).
    /// What was accepted (and, unless the report is quiet, which renamed records kept their
    /// ids) goes to `report`.
    pub(super) fn guard(
        &self,
        site: &Site,
        articles: &[Article],
        selection: &Selection,
        on_disk: &OnDisk,
        accept: &Accept,
        report: &mut Report,
    ) -> Result<(), Error> {
        let r = &self.reconciled;
        let mut changes = Vec::new();
        let mut tallies = Vec::new();
        let had = self.source.stamp.is_some();
        if had {
            changes.clone_from(&r.changes);
            tallies.push(Tally {
                what: shown(&display_path(&self.path)).to_string(),
                before: r.before,
                now: r.after,
                gone: r.gone.len(),
                new: r.added.len(),
            });
        }
        // Without a ledger every feed's file is "before"; with one, only an empty feed's.
        let mut read = Vec::new();
        for (i, picked) in selection.feeds.iter().enumerate() {
            if self.compares_file(picked) {
                if let Some((path, entries)) = &on_disk[i] {
                    read.push((i, path, entries));
                }
            }
        }
        let seen: HashSet<&str> = read
            .iter()
            .flat_map(|(_, _, entries)| entries.iter().filter_map(|e| e.id.as_deref()))
            .collect();
        let mut import_from = None;
        for (i, path, entries) in &read {
            // Each feed publishes the ids of its own id mode.
            let spec = &site.feeds[*i];
            let items = currents(site, articles, &self.live, spec.id.unwrap_or(site.id));
            let live = Index::new(&items, |c| c.live);
            let what = format!("feed {:?} ({})", spec.name, shown(path));
            let now = &selection.feeds[*i];
            let (tally, found) = compare_feed(what, entries, now, &live, &items, &seen);
            if !found.is_empty() && import_from.is_none() {
                import_from = Some(path.to_path_buf());
            }
            changes.extend(found);
            tallies.push(tally);
        }
        let notes = judge(&changes, &r.clashes, &tallies, accept)
            .map_err(|refusal| self.refused(refusal, site, articles.len(), import_from))?;
        // Keys, ids and titles come from contributors: printed escaped.
        report
            .notes
            .extend(notes.iter().map(|n| escape(n).into_owned()));
        if !report.quiet {
            report.notes.extend(r.moved.iter().map(|m| {
                let by = m.by.describe();
                let (from, to, id) = (escape(&m.from), escape(&m.to), escape(&m.id));
                format!("renamed: {from} -> {to} keeps its id {id} (found {by})")
            }));
        }
        Ok(())
    }

    /// Per feed, the ids of the entries of this build's `selection` of `articles` that it
    /// publishes for the first time, which its size budget may not trim. `on_disk` holds the
    /// entries of each budgeted feed's file (see [`Promise::guard`]); a feed without a file
    /// (its first build) has none. An entry of the file is not new, nor is an entry whose
    /// record the ledger knew before this build (shown in an earlier build, and trimmed since
    /// or never shown in this feed). Without a ledger, an entry dated before every entry of the
    /// file is taken for one an earlier build trimmed.
    pub(super) fn new_entries(
        &self,
        site: &Site,
        articles: &[Article],
        selection: &Selection,
        on_disk: &OnDisk,
    ) -> Vec<HashSet<String>> {
        let dir = display_path(&site.articles_dir);
        let had = self.source.stamp.is_some();
        let added: HashSet<&str> = self.reconciled.added.iter().map(|(k, _)| &**k).collect();
        let feeds = site.feeds.iter().zip(&selection.feeds).zip(on_disk);
        feeds
            .map(|((spec, picked), disk)| {
                let Some((_, disk)) = disk else {
                    return HashSet::new();
                };
                let mode = spec.id.unwrap_or(site.id);
                let shown: HashSet<&str> = disk.iter().filter_map(|e| e.id.as_deref()).collect();
                let oldest = disk.iter().filter_map(|e| e.published).min();
                let is_new = |a: &Article| match had {
                    true => added.contains(&*ledger::key(&a.path, &dir)),
                    false => oldest.is_none_or(|o| a.published >= o),
                };
                picked
                    .iter()
                    .map(|&i| &articles[i])
                    .filter(|a| !shown.contains(a.id_for(mode)) && is_new(a))
                    .map(|a| a.id_for(mode).to_string())
                    .collect()
            })
            .collect()
    }

    /// Whether the guards compare a feed showing `picked` with its file on disk: every feed
    /// without a ledger, an empty one with it.
    fn compares_file(&self, picked: &[usize]) -> bool {
        self.source.stamp.is_none() || picked.is_empty()
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
        let (folder, name) = ledger::split(&self.path);
        output::stage_changed(folder, name, dry, |w| self.write(w))
    }

    /// Writes the edited ledger to `w`.
    fn write(&self, w: &mut dyn io::Write) -> io::Result<()> {
        let (folder, name) = ledger::split(&self.path);
        let file =
            output::open_existing(folder, name).map_err(|e| io::Error::other(e.to_string()))?;
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

    /// The file.
    pub(super) fn path(&self) -> &Path {
        &self.path
    }

    /// Removes temporary files a killed build left beside the file.
    pub(super) fn remove_debris(&self) -> Result<usize, Error> {
        let (folder, _) = ledger::split(&self.path);
        output::remove_debris(folder, folder)
    }
}

/// Every article as the ledger sees it, with its id in id mode `mode`.
fn currents<'a>(
    site: &Site,
    articles: &'a [Article],
    live: &[bool],
    mode: IdMode,
) -> Vec<Current<'a>> {
    let dir = display_path(&site.articles_dir);
    articles
        .iter()
        .zip(live)
        .map(|(a, &live)| Current::of(a, &dir, mode, live))
        .collect()
}

/// Gives `article` the locked `id` in the site's id mode `mode` (and only there: a feed with
/// its own id mode keeps that mode's id).
fn lock_id(article: &mut Article, mode: IdMode, id: String) {
    match (&mut article.derived_ids, mode) {
        (None, _) => {}
        (Some(d), IdMode::Tag) => d.tag.clone_from(&id),
        (Some(d), IdMode::Jekyll) => d.jekyll.clone_from(&id),
        (Some(d), IdMode::Link) => d.link_id = Some(id.clone()),
    }
    article.id = id;
}

/// What the user accepted on `build`'s command line.
pub(super) fn accept(args: &GuardArgs) -> Accept {
    Accept {
        ids: args.accept_id_change.iter().cloned().collect(),
        churn: args.accept_churn,
        shrink: args.allow_shrink,
    }
}

/// Every feed's file on disk before this build (see [`published`]), read once for the guards
/// and the report. A file the guards compare (see [`Promise::compares_file`]) that cannot be
/// read stops the build; any other counts as no file (the report then calls every entry new).
pub(super) fn on_disk(
    site: &Site,
    selection: &Selection,
    promise: &Promise,
    news: bool,
) -> Result<Vec<Option<FeedFile>>, Error> {
    let mut files = Vec::with_capacity(site.feeds.len());
    for (spec, picked) in site.feeds.iter().zip(&selection.feeds) {
        // A feed's file is read for the guards, for its size budget, and (`news`) for a report
        // someone will see; a quiet cron build reads no 100 MB archive only to say nothing.
        if !(news || promise.compares_file(picked) || spec.max_bytes.is_some()) {
            files.push(None);
            continue;
        }
        files.push(match published(site, spec) {
            Ok(file) => file,
            Err(e) if promise.compares_file(picked) => return Err(e),
            Err(_) => None,
        });
    }
    Ok(files)
}

/// The entries the feed `spec` publishes today, read from its first file on disk that is a
/// feed (JSON Feed, else Atom, else RSS: the cheapest to read first), and that file. Like a
/// feed to be replaced, a file is read only if it is a regular file (see
/// [`output::open_existing`]): a link or a FIFO there is an error.
fn published(site: &Site, spec: &FeedSpec) -> Result<Option<(PathBuf, Vec<Entry>)>, Error> {
    for (_, file) in spec.outputs.iter().rev() {
        if let Some(Ok(entries)) = read_feed(site, file)? {
            return Ok(Some((display_path(&site.output_dir.join(file)), entries)));
        }
    }
    Ok(None)
}

/// The entries of `file` in the output folder, if it is there (`Err` with the reason when it is
/// not a feed); opened like a feed to be replaced (see [`output::open_existing`]). The one way a
/// build reads back a feed it wrote: subscription documents here, sealed archive pages in
/// `cmd/archives.rs`.
pub(super) fn read_feed(
    site: &Site,
    file: &str,
) -> Result<Option<Result<Vec<Entry>, String>>, Error> {
    let Some(mut input) = output::open_existing(&site.output_dir, Path::new(file))? else {
        return Ok(None);
    };
    let path = display_path(&site.output_dir.join(file));
    let mut bytes = Vec::new();
    io::Read::read_to_end(&mut input, &mut bytes)
        .map_err(|e| Error::io(&path, "cannot read", e))?;
    Ok(Some(ledger::published::parse(&bytes)))
}
