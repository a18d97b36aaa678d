//! The commands, one file each: `build`, `check`, `new`, `init`, `validate`, `lock`.
//!
//! A command reads its raw arguments from [`crate::cli`], drives the library and says what
//! happened in a [`Report`]; it never prints. [`run`] hands the finished report, or the
//! [`Error`] that stopped the run (carrying what was reported before it), back to `main`, which
//! prints either one and exits with its code. This module also holds what `build` and `check`
//! share: loading the site and deciding whether its problems stop the run.

mod archives;
pub mod build;
pub mod check;
pub mod init;
pub mod lock;
pub mod new;
mod subscribers;
pub mod validate;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::article::{self, Article};
use crate::cli::{Cli, Command};
use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::error::Error;

/// What a run has to say: on stderr its warnings, per-file notes and summary line, in that
/// order; on stdout the files it created.
#[derive(Debug, Default)]
pub struct Report {
    /// Warnings that did not stop the run, in the order they were found.
    pub warnings: Vec<Diagnostic>,
    /// One line per file, e.g. `stale: public/rss.xml` under `build --check`.
    pub notes: Vec<String>,
    /// The closing line, if any (`build` prints none under `--quiet`).
    pub summary: Option<String>,
    /// Files created, one path a line on stdout, as scripts read them.
    pub created: Vec<PathBuf>,
}

impl Report {
    /// True when there is nothing to print.
    pub fn is_empty(&self) -> bool {
        self.warnings.is_empty()
            && self.notes.is_empty()
            && self.summary.is_none()
            && self.created.is_empty()
    }
}

impl fmt::Display for Report {
    /// The part for stderr, one line each (with its newline).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for w in &self.warnings {
            writeln!(f, "{w}")?;
        }
        for line in self.notes.iter().chain(&self.summary) {
            writeln!(f, "{line}")?;
        }
        Ok(())
    }
}

/// Runs a parsed command line: its report, or the error that stopped it.
pub fn run(cli: Cli) -> Result<Report, Error> {
    let mut report = Report::default();
    let done = match &cli.command {
        Command::Build(args) => build::run(args, &mut report),
        Command::Check(args) => check::run(args, &mut report),
        Command::New(args) => new::run(args, &mut report),
        Command::Init(args) => init::run(args, &mut report),
        Command::Validate(args) => validate::run(args, &mut report),
        Command::Lock(args) => lock::run(args, &mut report),
    };
    match done {
        Ok(()) => Ok(report),
        Err(e) => Err(e.after(report)),
    }
}

/// A site whose config and article heads are valid.
struct Input {
    site: Site,
    articles: Vec<Article>,
    /// Article files read.
    files: usize,
}

/// Loads the config and the articles (heads only); their problems stop the run or become
/// warnings in `report` (see [`gate`]).
fn load(config: &Path, strict: bool, show: Show, report: &mut Report) -> Result<Input, Error> {
    let site = Site::load(config).map_err(Error::Config)?;
    read_articles(site, strict, show, report)
}

/// What [`read_articles`] shows besides problems.
#[derive(Debug, Clone, Copy)]
struct Show {
    /// A spinner while reading.
    progress: bool,
    /// The line counting content-like files that are not articles (also when articles fail).
    skipped: bool,
}

/// Reads the articles of `site` (heads only); their problems stop the run or become warnings
/// in `report` (see [`gate`]).
fn read_articles(
    site: Site,
    strict: bool,
    show: Show,
    report: &mut Report,
) -> Result<Input, Error> {
    let bar = if show.progress {
        indicatif::ProgressBar::new_spinner().with_message("reading articles")
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.enable_steady_tick(Duration::from_millis(120));
    let loaded = article::load::load(&site);
    bar.finish_and_clear();
    if show.skipped && loaded.skipped.total() > 0 {
        report.notes.push(loaded.skipped.to_string());
    }
    gate(loaded.diagnostics, strict, loaded.files, report)?;
    Ok(Input {
        site,
        articles: loaded.articles,
        files: loaded.files,
    })
}

/// Stops the run if `diagnostics` hold an error (or, with `strict`, a warning); otherwise adds
/// them (warnings only) to `report`.
fn gate(
    diagnostics: Vec<Diagnostic>,
    strict: bool,
    files: usize,
    report: &mut Report,
) -> Result<(), Error> {
    let errors = diagnostics.iter().any(Diagnostic::is_error);
    if errors || (strict && !diagnostics.is_empty()) {
        return Err(Error::Articles { diagnostics, files });
    }
    report.warnings.extend(diagnostics);
    Ok(())
}
