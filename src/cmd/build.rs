//! `feedwright build`: load, validate, select, render and write every feed of the site.
//!
//! With `--check` or `--dry-run` it stops short of writing and reports which files a build would
//! change (`--check` fails when any would). Otherwise it takes the output lock, clears what a
//! killed build left behind, stages every changed file and renames them all into place. The ids
//! come from the ledger and the guards run before anything is written (see `cmd/subscribers.rs`).

use std::path::Path;
use std::time::{Duration, Instant};

use super::subscribers::{self, LedgerFile, Promise};
use super::{gate, load, Input, Report};
use crate::cli::BuildArgs;
use crate::clock;
use crate::diagnostics::display_path;
use crate::error::Error;
use crate::output;
use crate::pipeline::{render_bodies, Plan, Selection};
use crate::select::Held;

/// Runs `build`.
pub fn run(args: &BuildArgs, report: &mut Report) -> Result<(), Error> {
    let start = Instant::now();
    let now = clock::now(args.now.as_deref())?;
    let Input {
        site,
        mut articles,
        files,
    } = load(&args.site.config, args.strict, !args.quiet, report)?;
    let accept = subscribers::accept(&args.guards);
    let config = &args.site.config;
    let promise = Promise::keep(&site, config, &mut articles, now, args.drafts, &accept)?;
    let selection = Selection::new(&site, &articles, now, args.drafts);
    promise.guard(&site, &articles, &selection, &accept, args.quiet, report)?;
    let ledger = promise.settle(args.guards.locked)?;
    let problems = crate::article::load::load_bodies(&mut articles, &selection.used());
    gate(problems, args.strict, files, report)?;
    let bodies = render_bodies(&site, &mut articles, &selection);
    let plan = Plan::new(&site, &articles, &selection, &bodies);
    let tally = Tally {
        files,
        held: plan.held,
        total: plan.files().count(),
        start,
    };
    if args.check || args.dry_run {
        return preview(&plan, &ledger, args, &tally, report);
    }
    let written = write(&plan, &ledger, &site.output_dir, args.lock_wait)?;
    if !args.quiet {
        report.summary = Some(tally.line(written, "written"));
    }
    Ok(())
}

/// `--check` and `--dry-run`: notes each file a build would write; under `--check`, any such
/// file is an error.
fn preview(
    plan: &Plan,
    ledger: &LedgerFile,
    args: &BuildArgs,
    tally: &Tally,
    report: &mut Report,
) -> Result<(), Error> {
    let stale = plan.stage_changed(true)?;
    if let Some(staged) = ledger.stage(true)?.filter(|_| args.dry_run) {
        let shown = display_path(staged.target());
        report
            .notes
            .push(format!("would write: {}", shown.display()));
    }
    let (label, verb) = if args.check {
        ("stale", "stale")
    } else {
        ("would write", "would be written")
    };
    report.notes.extend(
        stale
            .iter()
            .map(|s| format!("{label}: {}", display_path(s.target()).display())),
    );
    if !args.quiet {
        report.summary = Some(tally.line(stale.len(), verb));
    }
    if args.check && !stale.is_empty() {
        return Err(Error::Stale(stale.len()));
    }
    Ok(())
}

/// Writes every changed file of `plan` into `output_dir`, and the ledger; returns how many
/// feed files were written.
fn write(
    plan: &Plan,
    ledger: &LedgerFile,
    output_dir: &Path,
    lock_wait: f64,
) -> Result<usize, Error> {
    let wait = Duration::from_secs_f64(lock_wait.clamp(0.0, 3600.0));
    let _lock = output::lock(output_dir, wait)?;
    for folder in plan.folders() {
        output::remove_debris(&folder)?;
    }
    output::remove_debris(ledger.folder())?;
    // Every changed file is written and flushed beside its target first; only when all are
    // on disk are they renamed into place, one atomic rename each. A failure before that point
    // leaves every feed as it was (the temporary files are deleted).
    let staged = plan.stage_changed(false)?;
    let written = staged.len();
    // The ledger is renamed first, so it is never behind the feeds it describes.
    let ledger = ledger.stage(false)?;
    output::commit(ledger.into_iter().chain(staged).collect())?;
    Ok(written)
}

/// What the summary line of a build counts.
struct Tally {
    /// Article files read.
    files: usize,
    held: Held,
    /// Feed files the site has.
    total: usize,
    start: Instant,
}

impl Tally {
    /// The summary line, when `changed` files were (or would be) `verb`.
    fn line(&self, changed: usize, verb: &str) -> String {
        format!(
            "feedwright: {} article file(s) read; {} draft(s) and {} scheduled held back; \
             {} feed file(s): {changed} {verb}, {} unchanged; {:.2}s",
            self.files,
            self.held.drafts,
            self.held.scheduled,
            self.total,
            self.total - changed,
            self.start.elapsed().as_secs_f64()
        )
    }
}
