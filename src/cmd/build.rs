//! `feedwright build`: load, validate, select, render and write every feed of the site.
//!
//! With `--check` or `--dry-run` it stops short of writing and reports which files a build would
//! change (`--check` fails when any would). Otherwise it takes the output lock **before** it reads
//! a single article, so a build that waited for another one publishes what is on disk when it
//! starts its work, never an older view read before the wait; then it clears what a killed
//! build left behind, stages every changed file and renames them all into place.
//!
//! `--check` and `--dry-run` take no lock: they write nothing (not even the lock file, so they
//! work on a read-only checkout), and a build running meanwhile renames each file whole, so they
//! compare against old or new files, never half-written ones. What they report is the state
//! when they read it; run them again after a build that ran meanwhile.
//!
//! The ids come from the ledger (`feeds.lock`, read under the lock like the articles) and the
//! churn and shrink guards run before anything is written (see `cmd/subscribers.rs`).

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset};

use super::archives;
use super::news::{self, Built, Mode, OnDisk};
use super::orphans;
use super::subscribers::{self, LedgerFile, Promise};
use super::{gate, read_articles, Input, Report, Show};
use crate::article::{episode, Article};
use crate::budget::grouped;
use crate::cache::bodies::Key as BodyKey;
use crate::cache::entries::{Index, Previous};
use crate::cache::inputs::{Inputs, Stat};
use crate::cache::{self, Cache, Manifest, Replay, Window};
use crate::cli::BuildArgs;
use crate::clock;
use crate::config::Site;
use crate::diagnostics::{display_path, shown, Diagnostic};
use crate::error::Error;
use crate::output;
use crate::pipeline::{
    plan_cached, read_and_render, render_some, summary_lengths, Bodies, Budgeted, Plan, Selection,
};
use crate::render::fragments::{self, Span};
use crate::select::Held;

/// Runs `build`. A build whose cache could not give an entry it counted on (see
/// [`crate::render::fragments::Elsewhere`]: a feed file changed under it) has written nothing; it
/// runs again without the cache's entries, its report started afresh.
pub fn run(args: &BuildArgs, report: &mut Report) -> Result<(), Error> {
    let marks = (
        report.warnings.len(),
        report.notes.len(),
        report.created.len(),
    );
    match build(args, true, report) {
        Err(Error::Io { source, .. }) if fragments::is_elsewhere(&source) => {
            cache::trace("again");
            report.warnings.truncate(marks.0);
            report.notes.truncate(marks.1);
            report.created.truncate(marks.2);
            (report.summary, report.build, report.ping) = (None, None, None);
            build(args, false, report)
        }
        other => other,
    }
}

/// One run of `build`, taking unchanged entries from the files the last build wrote when
/// `entries` (and the cache) allow.
fn build(args: &BuildArgs, entries: bool, report: &mut Report) -> Result<(), Error> {
    let start = Instant::now();
    report.quiet = args.quiet;
    let now = clock::now(args.now.as_deref())?;
    let site = Site::load(args.site.config()).map_err(Error::Config)?;
    let show = Show {
        progress: !args.quiet,
        skipped: !args.quiet,
    };
    let (lock, cache) = lock_and_cache(&site, args)?;
    let Some(probe) = probe(cache.as_ref(), &site, args, (now, start), report)? else {
        return Ok(());
    };
    let (warnings_before, notes_before) = (report.warnings.len(), report.notes.len());
    let Input {
        site,
        mut articles,
        files,
    } = read_articles(site, args.strict, show, report)?;
    let site = crate::feeds::expand(site, &articles, now, args.drafts).map_err(Error::Config)?;
    let Guarded {
        selection,
        on_disk,
        new,
        ledger,
    } = select_and_guard(&site, &mut articles, (now, args), files, report)?;
    // Entries come from the last build's files only where nothing renders the plan whole.
    let previous = match (&probe, entries && !args.validate) {
        (Some(probe), true) => Some(probe.cache.previous(&site.output_dir)),
        _ => None,
    };
    let cached = previous.as_ref().zip(probe.as_ref().map(|p| &p.inputs));
    let (bodies, clean) = bodies(
        (&site, &mut articles, &selection),
        cached,
        (args.strict, files),
        report,
    )?;
    let mut plan = Plan::new(&site, &articles, &selection, &bodies);
    let budgeted = plan.fit_budgets(&new, &selection.loose)?;
    budget_report(&site, &budgeted, args.quiet, report);
    if args.validate {
        super::validate::plan(&plan, &site.output_dir, args.strict, report)?;
    }
    let tally = Tally {
        files,
        held: plan.held,
        total: plan.targets().count(),
        start,
        published: news::published(&site, &articles, &selection, &on_disk),
        scheduled: news::scheduled(&articles, now, args.drafts),
    };
    let Some(lock) = &lock else {
        let before = Before {
            articles: &articles,
            selection: &selection,
            on_disk: &on_disk,
        };
        return preview(&plan, &ledger, args, (&tally, &before), report);
    };
    let Written {
        feeds: written,
        bookkeeping,
        pending,
        spans,
    } = write(&plan, &ledger, previous.as_ref(), lock)?;
    let notes_recorded = report.notes.len();
    let files: Vec<&str> = plan.targets().collect();
    left_behind(&site, &files, args, report)?;
    if !args.quiet {
        report.summary = Some(tally.line(written.len(), "written"));
    }
    report.build = Some(tally.built(Mode::Build, &plan, &written));
    if let (Some(probe), Some(spans)) = (&probe, spans) {
        probe.keep_entries(&plan, spans, clean);
    }
    if let Some(probe) = probe {
        let marks = (warnings_before, notes_before, notes_recorded);
        let changed = !written.is_empty() || bookkeeping;
        remember(
            probe,
            changed,
            (&plan, &tally, &articles),
            (now, args),
            marks,
            report,
        );
    }
    if args.ping {
        ping(&site, pending, args, report)?;
    }
    Ok(())
}

/// What a build may write, once its subscribers' promises are kept.
struct Guarded {
    /// Each feed's articles (sealed archive pages left out).
    selection: Selection,
    /// Each feed's file on disk, as far as the guards and the report need it.
    on_disk: Vec<Option<news::FeedFile>>,
    /// Per feed, the ids new in this build.
    new: Vec<std::collections::HashSet<String>>,
    /// The ledger as this build leaves it.
    ledger: LedgerFile,
}

/// Selects each feed's articles at `now` and keeps what subscribers were promised: ids from the
/// ledger, the enclosure rules of podcast feeds, sealed archive pages, the churn and shrink
/// guards. Any refusal stops the build before anything is written.
fn select_and_guard(
    site: &Site,
    articles: &mut [Article],
    (now, args): (DateTime<FixedOffset>, &BuildArgs),
    files: usize,
    report: &mut Report,
) -> Result<Guarded, Error> {
    let accept = subscribers::accept(&args.guards);
    let config = args.site.config();
    let promise = Promise::keep(site, config, articles, now, args.drafts, &accept)?;
    let mut selection = Selection::new(site, articles, now, args.drafts);
    let rules = enclosures(site, articles, &selection);
    gate(rules, args.strict, files, report)?;
    archives::seal(site, articles, &mut selection, args.guards.reseal, report)?;
    // What was newly published is read from the feeds on disk: only for a report someone sees.
    let news = !args.quiet || args.report.is_some() || report.json || args.check || args.dry_run;
    let on_disk = subscribers::on_disk(site, &selection, &promise, news)?;
    promise.guard(site, articles, &selection, &on_disk, &accept, report)?;
    let new = promise.new_entries(site, articles, &selection, &on_disk);
    let ledger = promise.settle(args.guards.locked)?;
    Ok(Guarded {
        selection,
        on_disk,
        new,
        ledger,
    })
}

/// The output lock (none for `--check` and `--dry-run`, which write nothing) and, under it, the
/// cache (its view is the build's), cleared of a killed build's debris.
fn lock_and_cache(
    site: &Site,
    args: &BuildArgs,
) -> Result<(Option<output::Lock>, Option<Cache>), Error> {
    let lock = if args.check || args.dry_run {
        None
    } else {
        Some(lock(&site.output_dir, args.lock_wait)?)
    };
    let cache = Cache::for_build(&site.output_dir, args);
    if let Some(cache) = &cache {
        cache.remove_debris();
    }
    Ok((lock, cache))
}

/// After a build that wrote: the cache forgets (`changed`); after one that changed nothing, it
/// records what replays it (see [`replay_of`]).
fn remember(
    probe: Probe,
    changed: bool,
    (plan, tally, articles): (&Plan, &Tally, &[Article]),
    (now, args): (DateTime<FixedOffset>, &BuildArgs),
    marks: (usize, usize, usize),
    report: &mut Report,
) {
    if changed {
        probe.cache.forget();
        return;
    }
    let replay = replay_of(plan, tally, args, marks, report);
    probe.record(window(articles, now, args), plan, replay);
}

/// The bodies the feeds of `selection` show, read and rendered; with a cache (the last build's
/// files, this build's inputs), only those whose entries those files do not hold are rendered,
/// and read only those and those whose reading warned last time (see
/// [`crate::pipeline::plan_cached`]). Their problems stop the build or become warnings. Also
/// returns the keys of the bodies known to read cleanly, for the cache.
fn bodies(
    (site, articles, selection): (&Site, &mut [Article], &Selection),
    cached: Option<(&Previous, &Inputs)>,
    (strict, files): (bool, usize),
    report: &mut Report,
) -> Result<(Bodies, Vec<BodyKey>), Error> {
    let Some((previous, inputs)) = cached else {
        let lengths = summary_lengths(site, selection);
        let used = selection.used();
        let (read, bodies, rendered) = read_and_render(site, articles, &used, |articles, chunk| {
            render_some(site, articles, &lengths, chunk)
        });
        gate(read, strict, files, report)?;
        gate(rendered, strict, files, report)?;
        return Ok((bodies, Vec::new()));
    };
    let plan = plan_cached(site, articles, selection, previous, inputs);
    let (read, rendered, problems) = read_and_render(site, articles, &plan.read.clone(), |a, c| {
        plan.render(site, a, c)
    });
    let warned: HashSet<&Path> = read.iter().map(|d| d.path.as_path()).collect();
    let clean: HashSet<usize> = (plan.read.iter().copied())
        .filter(|&i| !warned.contains(articles[i].path.as_path()))
        .collect();
    gate(read, strict, files, report)?;
    gate(problems, strict, files, report)?;
    Ok(plan.finish(rendered, &clean))
}

/// The cache's probe of this build (`Some(None)` without a cache, or when it cannot be
/// used); `None` when the probe replayed a build the cache recorded, which ends the build
/// (hubs that missed a ping are still told).
fn probe(
    cache: Option<&Cache>,
    site: &Site,
    args: &BuildArgs,
    (now, start): (DateTime<FixedOffset>, Instant),
    report: &mut Report,
) -> Result<Option<Option<Probe>>, Error> {
    let Some(probe) = cache.and_then(|cache| Probe::new(cache, site, args, report.json)) else {
        return Ok(Some(None));
    };
    if !probe.replay(now, start, (site, args), report)? {
        return Ok(Some(Some(probe)));
    }
    if args.ping {
        ping(site, None, args, report)?;
    }
    Ok(None)
}

/// The span of "now" in which the selection of `articles` stays as at `now`.
fn window(articles: &[Article], now: DateTime<FixedOffset>, args: &BuildArgs) -> Window {
    let dates = articles
        .iter()
        .flat_map(|a| [a.published, a.live_from.unwrap_or(a.published)]);
    let any_live = articles
        .iter()
        .any(|a| crate::select::is_live(a, now, args.drafts));
    Window::around(now, dates, any_live)
}

/// What a replay of this build (which changed nothing) reports: the warnings and notes since
/// `marks` (warnings, notes, notes before the files left behind), the summary, and where a
/// killed build's debris would be.
fn replay_of(
    plan: &Plan,
    tally: &Tally,
    args: &BuildArgs,
    (warnings_before, notes_before, notes_recorded): (usize, usize, usize),
    report: &mut Report,
) -> Replay {
    let site = plan.site();
    Replay {
        warnings: report.warnings[warnings_before..].to_vec(),
        notes: report.notes[notes_before..notes_recorded].to_vec(),
        summary: (!args.quiet).then_some((
            tally.files,
            tally.held.drafts,
            tally.held.scheduled,
            tally.total,
        )),
        built: shown_built(tally.built(Mode::Build, plan, &[]), args, report),
        drafts: tally.held.drafts,
        files: plan.targets().map(str::to_string).collect(),
        debris: plan
            .folders()
            .into_iter()
            .map(|f| (site.output_dir.clone(), f))
            .chain(std::iter::once(ledger_folder(args.site.config())))
            .collect(),
    }
}

/// `--ping`: tells the hubs of the files in the pending record (`pending`, when this build
/// wrote it; else read from disk).
fn ping(
    site: &Site,
    pending: Option<BTreeSet<String>>,
    args: &BuildArgs,
    report: &mut Report,
) -> Result<(), Error> {
    // Still under the lock: the record cannot change before the hubs are told.
    let pending = pending.map_or_else(|| super::ping::read(site), Ok)?;
    let how = super::ping::How {
        hub: &args.hub,
        dry_run: false,
    };
    super::ping::ping_pending(site, pending, how, report)
}

/// The feed files in the output folder that no feed writes any more (`files` are those the
/// feeds write): deleted under `--prune` (after the new feeds are in place: a reader never
/// finds neither), and named in the report unless `-q`.
fn left_behind(
    site: &Site,
    files: &[&str],
    args: &BuildArgs,
    report: &mut Report,
) -> Result<(), Error> {
    if args.quiet && !args.prune {
        return Ok(());
    }
    let left = orphans::find(site, files);
    let (pruned, left) = match args.prune {
        true => orphans::prunable(left),
        false => (Vec::new(), left),
    };
    orphans::prune(&pruned)?;
    if !args.quiet {
        report
            .notes
            .extend(orphans::notes(&pruned, Some("deleted")));
        report.notes.extend(orphans::notes(&left, None));
    }
    Ok(())
}

/// `built` as a replay keeps it: whole when something shows it (the human report, `--report`,
/// `--message-format json`); else without its newly published articles, which a quiet build
/// counts without reading the feeds on disk (every article, 18 MB at 100,000) and nothing prints.
fn shown_built(mut built: Built, args: &BuildArgs, report: &Report) -> Built {
    if args.quiet && args.report.is_none() && !report.json {
        built.published.clear();
    }
    built
}

/// The folder of the ledger of the site whose config is `config`, as the pair
/// `output::remove_debris` takes.
fn ledger_folder(config: &Path) -> (PathBuf, PathBuf) {
    let path = crate::ledger::path_for(config);
    let (folder, _) = crate::ledger::split(&path);
    (folder.to_path_buf(), folder.to_path_buf())
}

/// A build's look at its cache (see [`crate::cache`]): the cache, the key this build has, and
/// the inputs it hashed.
struct Probe {
    cache: Cache,
    key: cache::Key,
    inputs: cache::inputs::Inputs,
    /// The ledger's path (an input the build itself writes).
    ledger: PathBuf,
}

impl Probe {
    /// The probe of a build of `site` with `args`; `None` without a cache (`--no-cache`,
    /// `--check`, `--dry-run`), for a site with archive pages (which the build reads back from
    /// the output folder), or when the inputs cannot all be read as plain files.
    fn new(cache: &Cache, site: &Site, args: &BuildArgs, json: bool) -> Option<Probe> {
        let cache = cache.clone();
        if site.feeds.iter().any(|f| f.archive.is_some()) {
            return None;
        }
        let config = args.site.config();
        let ledger = crate::ledger::path_for(config);
        let inputs = cache::inputs::read(config, &ledger, &site.articles_dir)?;
        let key = cache::key(args, json, &inputs);
        Some(Probe {
            cache,
            key,
            inputs,
            ledger,
        })
    }

    /// When the manifest says a build at `now` would change nothing, fills `report` as that
    /// build would have (and removes what a killed build left behind, as it would have); says
    /// whether it did.
    fn replay(
        &self,
        now: chrono::DateTime<chrono::FixedOffset>,
        start: Instant,
        (site, args): (&Site, &BuildArgs),
        report: &mut Report,
    ) -> Result<bool, Error> {
        let hit = self.cache.manifest().filter(|m| {
            m.key == self.key && m.window.holds(now) && cache::outputs_intact(&m.outputs)
        });
        let Some(Manifest { replay, .. }) = hit else {
            cache::trace("miss");
            return Ok(false);
        };
        cache::trace("hit");
        for (root, dir) in &replay.debris {
            output::remove_debris(root, dir)?;
        }
        report.warnings.extend(replay.warnings);
        report.notes.extend(replay.notes);
        let written: Vec<&str> = replay.files.iter().map(String::as_str).collect();
        left_behind(site, &written, args, report)?;
        if let Some((files, drafts, scheduled, total)) = replay.summary {
            let held = Held { drafts, scheduled };
            report.summary = Some(summary_line(files, held, total, 0, "written", start));
        }
        report.build = Some(Built {
            drafts: replay.drafts,
            ..replay.built
        });
        Ok(true)
    }

    /// Keeps where the entries of the feed files of `plan` sit (`spans`, by file) and which
    /// bodies read cleanly (`clean`), when its inputs (but the ledger it wrote itself) did not
    /// change while it ran (else the index is removed: its keys might describe
    /// bytes read before a change).
    fn keep_entries(&self, plan: &Plan, spans: Vec<(String, Vec<Span>)>, clean: Vec<BodyKey>) {
        let files: Option<Vec<_>> = spans
            .into_iter()
            .filter(|(_, spans)| !spans.is_empty())
            .map(|(file, spans)| Some((file.clone(), Stat::read(&plan.path(&file))?, spans)))
            .collect();
        match files {
            Some(files) if self.inputs.unchanged_but(Some(&self.ledger)) => {
                self.cache.keep_entries(&Index { files, clean });
            }
            _ => self.cache.keep_entries(&Index::default()),
        }
    }

    /// Records a build that changed nothing, when neither its inputs nor its feed files
    /// changed while it ran.
    fn record(&self, window: Window, plan: &Plan, replay: Replay) {
        let files: Vec<PathBuf> = plan.targets().map(|f| plan.path(f)).collect();
        let files = files.as_slice();
        let Some(outputs) = cache::settled_outputs(files) else {
            self.cache.forget();
            return;
        };
        if !self.inputs.unchanged() {
            self.cache.forget();
            return;
        }
        self.cache.record(&Manifest {
            key: self.key.clone(),
            window,
            outputs,
            replay,
        });
    }
}

/// Every feed's enclosure rules (see [`episode::check_feed`]) over all its entries, archive
/// pages included.
fn enclosures(site: &Site, articles: &[Article], selection: &Selection) -> Vec<Diagnostic> {
    site.feeds
        .iter()
        .enumerate()
        .flat_map(|(i, spec)| {
            let pages = selection.pages[i].iter().flat_map(|p| p.entries.iter());
            let entries = selection.feeds[i].iter().chain(pages).copied();
            episode::check_feed(&spec.name, spec.podcast.is_some(), articles, entries)
        })
        .collect()
}

/// What `--check` compares its stale files with, to tell whether the schedule alone made them
/// stale.
struct Before<'a> {
    articles: &'a [Article],
    selection: &'a Selection,
    on_disk: &'a OnDisk,
}

/// `--check` and `--dry-run`: notes each file a build would write; under `--check`, any such
/// file is an error (with a note naming the articles that became due, when they alone explain
/// it).
fn preview(
    plan: &Plan,
    ledger: &LedgerFile,
    args: &BuildArgs,
    (tally, before): (&Tally, &Before),
    report: &mut Report,
) -> Result<(), Error> {
    let stale: Vec<PathBuf> = plan
        .stage_changed(true)?
        .iter()
        .map(|s| s.target().to_path_buf())
        .collect();
    if ledger.stage(true)?.is_some() && args.dry_run {
        let path = display_path(ledger.path());
        report.notes.push(format!("would write: {}", shown(&path)));
    }
    let (label, verb, mode) = if args.check {
        ("stale", "stale", Mode::Check)
    } else {
        ("would write", "would be written", Mode::DryRun)
    };
    report.notes.extend(
        stale
            .iter()
            .map(|s| format!("{label}: {}", shown(&display_path(s)))),
    );
    // Under `--prune`, files it would delete: stale for `--check`, named by `--dry-run`.
    let mut pruned = 0;
    if args.prune {
        let files: Vec<&str> = plan.targets().collect();
        let (prunable, _) = orphans::prunable(orphans::find(plan.site(), &files));
        let verb = if args.check { "stale" } else { "would delete" };
        report.notes.extend(orphans::notes(&prunable, Some(verb)));
        pruned = prunable.len();
    }
    if args.check && !stale.is_empty() {
        let models: Vec<usize> = plan
            .files()
            .filter(|(_, _, file)| stale.contains(&plan.path(file)))
            .map(|(i, _, _)| i)
            .collect();
        let site = plan.site();
        let (articles, selection) = (before.articles, before.selection);
        if let Some(due) = news::became_due(site, articles, selection, before.on_disk, &models) {
            report.notes.push(news::due_note(&due));
        }
    }
    if !args.quiet {
        report.summary = Some(tally.line(stale.len(), verb));
    }
    report.build = Some(tally.built(mode, plan, &stale));
    if args.check && stale.len() + pruned > 0 {
        return Err(Error::Stale(stale.len() + pruned));
    }
    Ok(())
}

/// What the feeds with `max_bytes` kept: unless `quiet`, a note per file with its size, the
/// budget and its entries (`public/rss.xml: 412,345 bytes of 524,288 (78%), 18 entries (2
/// trimmed by max_bytes)`); and for a feed with files at 80% of the budget or more, a warning
/// naming them, placed on its `max_bytes` line. Percentages are rounded down, so a note shows
/// 80% exactly when there is a warning. The warning never stops a build, `--strict` or not:
/// the feed fits.
fn budget_report(site: &Site, budgeted: &[Budgeted], quiet: bool, report: &mut Report) {
    for b in budgeted {
        let spec = &site.feeds[b.feed];
        let Some(max) = spec.max_bytes else { continue };
        let mut full = Vec::new();
        for ((_, file), &(_, size)) in spec.outputs.iter().zip(&b.fit.sizes) {
            let path = display_path(&site.output_dir.join(file));
            let percent = u128::from(size) * 100 / u128::from(max.bytes);
            if percent >= 80 {
                full.push(format!("{} {percent}%", shown(&path)));
            }
            if !quiet {
                let entries = match b.fit.keep {
                    1 => "1 entry".to_string(),
                    n => format!("{n} entries"),
                };
                let cut = match b.entries - b.fit.keep {
                    0 => String::new(),
                    n => format!(" ({n} trimmed by max_bytes)"),
                };
                let (size, budget) = (grouped(size), grouped(max.bytes));
                report.notes.push(format!(
                    "{}: {size} bytes of {budget} ({percent}%), {entries}{cut}",
                    shown(&path)
                ));
            }
        }
        if full.is_empty() {
            continue;
        }
        let message = format!(
            "feed {:?} is at 80% of max_bytes ({} bytes) or more: {}",
            spec.name,
            grouped(max.bytes),
            full.join(", ")
        );
        let mut warning = Diagnostic::warning(&site.config_path, message).hint(
            "near the budget each new article trims the oldest entries, and a build that would \
             trim a new one stops; raise max_bytes or set full_content to keep room",
        );
        if let Some(line) = max.line {
            warning = warning.at(line, 1);
        }
        report.warnings.push(warning);
    }
}

/// Takes the build lock of `output_dir`, waiting up to `lock_wait` seconds for another build.
fn lock(output_dir: &Path, lock_wait: f64) -> Result<output::Lock, Error> {
    let wait = Duration::from_secs_f64(lock_wait.clamp(0.0, 3600.0));
    output::lock(output_dir, wait)
}

/// Writes every changed file of `plan` into `output_dir`, whose build lock is `_lock`, the
/// ledger and (when a feed with WebSub hubs changed) the pending record of `cmd/ping.rs`;
/// returns the feed files written, whether the ledger or the record was written, and the files
/// the record now holds if it was written.
fn write(
    plan: &Plan,
    ledger: &LedgerFile,
    previous: Option<&Previous>,
    _lock: &output::Lock,
) -> Result<Written, Error> {
    let output_dir = &plan.site().output_dir;
    for folder in plan.folders() {
        output::remove_debris(output_dir, &folder)?;
    }
    ledger.remove_debris()?;
    // Every changed file is written and flushed beside its target first; only when all are
    // on disk are they renamed into place, one atomic rename each. A failure before that point
    // leaves every feed as it was (the temporary files are deleted).
    let (staged, spans) = match previous {
        Some(previous) => plan
            .stage_changed_from(previous)
            .map(|(s, spans)| (s, Some(spans)))?,
        None => (plan.stage_changed(false)?, None),
    };
    let written: Vec<PathBuf> = staged.iter().map(|s| s.target().to_path_buf()).collect();
    // The ledger is renamed first, so it is never behind the feeds it describes; the pending
    // record next, so a crash may have a file pinged twice, never missed.
    let ledger = ledger.stage(false)?;
    let (pending, record) = match super::ping::record_build(plan.site(), &written)? {
        Some(r) => (Some(r.files), r.staged),
        None => (None, None),
    };
    let bookkeeping = ledger.is_some() || record.is_some();
    output::commit(ledger.into_iter().chain(record).chain(staged).collect())?;
    Ok(Written {
        feeds: written,
        bookkeeping,
        pending,
        spans,
    })
}

/// What [`write`] wrote.
struct Written {
    /// The feed files written.
    feeds: Vec<PathBuf>,
    /// Whether the ledger or the pending record of `cmd/ping.rs` was written.
    bookkeeping: bool,
    /// The files the pending record now holds, if it was written.
    pending: Option<BTreeSet<String>>,
    /// Where each feed file's entries sit (with a cache).
    spans: Option<Vec<(String, Vec<Span>)>>,
}

/// The summary line of a build that read `files` article files, held back `held`, and of
/// whose `total` feed files `changed` were (or would be) `verb`, started at `start`.
fn summary_line(
    files: usize,
    held: Held,
    total: usize,
    changed: usize,
    verb: &str,
    start: Instant,
) -> String {
    format!(
        "feedwright: {files} article file(s) read; {} draft(s) and {} scheduled held back; \
         {total} feed file(s): {changed} {verb}, {} unchanged; {:.2}s",
        held.drafts,
        held.scheduled,
        total - changed,
        start.elapsed().as_secs_f64()
    )
}

/// What the summary line of a build counts.
struct Tally {
    /// Article files read.
    files: usize,
    held: Held,
    /// Feed files the site has.
    total: usize,
    start: Instant,
    /// Articles new in some feed.
    published: Vec<news::Published>,
    /// Articles held back until their date.
    scheduled: Vec<news::Scheduled>,
}

impl Tally {
    /// The summary line, when `changed` files were (or would be) `verb`.
    fn line(&self, changed: usize, verb: &str) -> String {
        summary_line(self.files, self.held, self.total, changed, verb, self.start)
    }

    /// What the report says beyond its summary line, when `changed` are the files of `plan`
    /// that were (or would be) written.
    fn built(&self, mode: Mode, plan: &Plan, changed: &[PathBuf]) -> Built {
        let name = |p: &Path| shown(&display_path(p)).to_string();
        let unchanged = plan
            .targets()
            .map(|file| plan.path(file))
            .filter(|p| !changed.contains(p))
            .map(|p| name(&p))
            .collect();
        Built {
            mode,
            articles_read: self.files,
            drafts: self.held.drafts,
            published: self.published.clone(),
            next_scheduled: self.scheduled.first().cloned(),
            scheduled: self.scheduled.clone(),
            written: changed.iter().map(|p| name(p)).collect(),
            unchanged,
        }
    }
}
