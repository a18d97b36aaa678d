//! The commands, one file each: `build`, `check`, `new`, `init`, `validate`, `lock`, `ping`,
//! `opml`, `links`.
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
pub mod links;
pub mod lock;
pub mod new;
pub mod news;
pub mod opml;
mod orphans;
pub mod ping;
mod subscribers;
pub mod validate;

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::article::{self, Article};
use crate::cli::{BuildArgs, Cli, Command};
use crate::config::Site;
use crate::diagnostics::Diagnostic;
use crate::error::Error;

/// What a run has to say: on stderr its warnings, per-file notes, summary line and (after a
/// build) what changed for readers, in that order; on stdout the files it created. How it
/// prints in each `--message-format` is in [`crate::messages`].
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
    /// What the command prints on stdout as it is (a completion script, the manual page).
    pub stdout: Vec<u8>,
    /// What a build published, held back and wrote (`build` only).
    pub build: Option<news::Built>,
    /// Which WebSub hubs were told of which feed files (`ping`, `build --ping`).
    pub ping: Option<ping::Pinged>,
    /// `-q`: print only problems (the report object of `--report` is still whole).
    pub quiet: bool,
    /// `--message-format json`: the report object is printed whatever `-q` says when there
    /// is a problem, so it must be whole.
    pub json: bool,
}

impl Report {
    /// True when there is nothing to print.
    pub fn is_empty(&self) -> bool {
        self.warnings.is_empty()
            && self.notes.is_empty()
            && self.summary.is_none()
            && self.created.is_empty()
            && self.stdout.is_empty()
            && self.build.is_none()
            && self.ping.is_none()
    }

    /// The lines after the warnings: notes, the summary line, then (unless quiet) what a
    /// build changed; each with its newline.
    pub fn write_tail(&self, f: &mut dyn fmt::Write) -> fmt::Result {
        for line in self.notes.iter().chain(&self.summary) {
            writeln!(f, "{line}")?;
        }
        match &self.build {
            Some(built) if !self.quiet => write!(f, "{built}")?,
            _ => {}
        }
        match &self.ping {
            // Under -q only a failure is shown.
            Some(pinged) if !self.quiet || pinged.hubs.iter().any(|h| !h.ok) => {
                write!(f, "{pinged}")
            }
            _ => Ok(()),
        }
    }
}

impl fmt::Display for Report {
    /// The part for stderr, one line each (with its newline).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for w in &self.warnings {
            writeln!(f, "{w}")?;
        }
        self.write_tail(f)
    }
}

/// Runs a parsed command line: its report, or the error that stopped it.
pub fn run(mut cli: Cli) -> Result<Report, Error> {
    let mut report = Report {
        json: cli.message_format == Some(crate::cli::MessageFormat::Json),
        ..Report::default()
    };
    locate_config(&mut cli.command, &mut report);
    let done = match &cli.command {
        Command::Build(args) => build::run(args, &mut report),
        Command::Check(args) => check::run(args, &mut report),
        Command::New(args) => new::run(args, &mut report),
        Command::Init(args) => init::run(args, &mut report),
        Command::Validate(args) => validate::run(args, &mut report),
        Command::Lock(args) => lock::run(args, &mut report),
        Command::Ping(args) => ping::run(args, &mut report),
        Command::Opml(args) => opml::run(args, &mut report),
        Command::Links(args) => links::run(args, &mut report),
        Command::Completions(args) => {
            let mut command = <Cli as clap::CommandFactory>::command();
            clap_complete::generate(args.shell, &mut command, "feedwright", &mut report.stdout);
            Ok(())
        }
        Command::Schema => {
            report.stdout = crate::config::schema().into_bytes();
            Ok(())
        }
        Command::Man => {
            let command = <Cli as clap::CommandFactory>::command();
            clap_mangen::Man::new(command)
                .render(&mut report.stdout)
                .map_err(|e| Error::io("stdout", "cannot write the manual page", e))
        }
    };
    let result = match done {
        Ok(()) => Ok(report),
        Err(e) => Err(e.after(report)),
    };
    match &cli.command {
        Command::Build(BuildArgs {
            report: Some(path), ..
        }) => write_report(path, result),
        _ => result,
    }
}

/// Writes `build --report FILE.json` (see [`crate::messages::report_file`]), whether the build
/// succeeded or not. A file that cannot be written fails a build that succeeded; after a
/// failed build, the build's own error is the one reported.
fn write_report(path: &Path, result: Result<Report, Error>) -> Result<Report, Error> {
    let written = crate::messages::write_report(path, &result);
    match (result, written) {
        (Ok(report), Err(e)) => Err(e.after(report)),
        (result, _) => result,
    }
}

/// Finds the config of a command that reads a site when none is given: `feeds.toml` here or in
/// the nearest folder above (like cargo's Cargo.toml); a file found above is named in the
/// report, so the user knows which site was read.
fn locate_config(command: &mut Command, report: &mut Report) {
    let site = match command {
        Command::Build(a) => &mut a.site,
        Command::Check(a) => &mut a.site,
        Command::New(a) => &mut a.site,
        Command::Lock(a) => &mut a.site,
        Command::Ping(a) => &mut a.site,
        Command::Opml(a) => &mut a.site,
        Command::Links(a) => &mut a.site,
        Command::Init(_)
        | Command::Validate(_)
        | Command::Completions(_)
        | Command::Man
        | Command::Schema => return,
    };
    let Ok(cwd) = std::env::current_dir() else {
        return;
    };
    if let Some(found) = site.locate(&cwd) {
        report.notes.push(format!(
            "feedwright: using {} (no {} in this folder)",
            crate::diagnostics::shown(&found),
            crate::cli::CONFIG_NAME
        ));
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

/// `site` with its `per` entries replaced by the feeds they make (see [`crate::feeds`]), for
/// commands that list the feeds a build writes (`opml`, `links`): the articles are read only
/// when there is such an entry ("now" from `SOURCE_DATE_EPOCH` or the clock, as a build without
/// `--now` would take it).
fn concrete_site(site: Site, report: &mut Report) -> Result<Site, Error> {
    if !site.feeds.iter().any(|f| f.per.is_some()) {
        return Ok(site);
    }
    let now = crate::clock::now(None)?;
    let show = Show {
        progress: false,
        skipped: false,
    };
    let input = read_articles(site, false, show, report)?;
    crate::feeds::expand(input.site, &input.articles, now, false).map_err(Error::Config)
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
