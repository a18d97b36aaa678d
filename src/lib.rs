//! feedwright turns a folder of article records and a `feeds.toml` into RSS 2.0, Atom 1.0 and
//! JSON Feed 1.1 files.
//!
//! The data flows one way: **load** (the config in [`config`], the records in [`article::load`])
//! -> **validate** (every problem collected as a [`diagnostics::Diagnostic`]; any error stops the
//! build before anything is written) -> **select** (per feed, in [`select`], with "now" injected)
//! -> **render** (bodies in [`body`], only for selected articles; the neutral [`feed::Feed`];
//! one pure writer per format in [`render`]) -> **write** (atomic, skip-if-unchanged, locked, in
//! [`output`]); the pure middle (selection, bodies, the plan of files) is in [`pipeline`]. Only
//! load and write touch the filesystem; nothing reads the clock but [`now`].

pub mod article;
pub mod body;
pub mod cli;
pub mod config;
pub mod diagnostics;
pub mod feed;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod select;
pub mod text;

use std::path::Path;
use std::time::{Duration, Instant};

use chrono::{DateTime, FixedOffset, Utc};

use article::Article;
use cli::{BuildArgs, CheckArgs, Cli, Command, InitArgs, NewArgs};
use config::Site;
use diagnostics::{display_path, Diagnostic};
use pipeline::{render_bodies, Plan, Selection};

/// Exit codes: what a script can rely on.
pub mod exit {
    /// Everything worked.
    pub const OK: u8 = 0;
    /// Invalid input (config or articles), or stale outputs under `--check`.
    pub const INVALID: u8 = 1;
    /// Bad command line.
    pub const USAGE: u8 = 2;
    /// An I/O or lock failure.
    pub const IO: u8 = 3;
}

/// Resolves "now": `--now`, else `SOURCE_DATE_EPOCH`, else the clock.
pub fn now(arg: Option<&str>) -> Result<DateTime<FixedOffset>, String> {
    if let Some(s) = arg {
        return DateTime::parse_from_rfc3339(s.trim()).map_err(|e| {
            format!("--now {s:?} is not an RFC 3339 time ({e}); write e.g. 2026-01-31T12:00:00Z")
        });
    }
    if let Ok(s) = std::env::var("SOURCE_DATE_EPOCH") {
        let secs: i64 = s
            .trim()
            .parse()
            .map_err(|_| format!("SOURCE_DATE_EPOCH={s:?} is not a number of seconds"))?;
        return DateTime::from_timestamp(secs, 0)
            .map(|d| d.fixed_offset())
            .ok_or_else(|| format!("SOURCE_DATE_EPOCH={s:?} is out of range"));
    }
    Ok(Utc::now().fixed_offset())
}

/// Prints problems; `Err` (the exit code) when they stop the build.
fn check_diagnostics(diags: &[Diagnostic], strict: bool, files: usize) -> Result<(), u8> {
    print_diagnostics(diags);
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    if errors > 0 || (strict && warnings > 0) {
        let (n, what) = if errors > 0 {
            (errors, "error")
        } else {
            (warnings, "warning")
        };
        let plural = if n == 1 { "" } else { "s" };
        let note = if errors == 0 {
            " (--strict treats warnings as errors)"
        } else {
            ""
        };
        eprintln!("feedwright: {n} {what}{plural} in {files} file(s); nothing was written{note}");
        return Err(exit::INVALID);
    }
    Ok(())
}

/// Loads config and articles (heads); prints every problem. `Err` carries the exit code.
fn load_site(
    config: &Path,
    strict: bool,
    progress: bool,
) -> Result<(Site, Vec<Article>, usize), u8> {
    let site = Site::load(config).map_err(|errs| {
        print_diagnostics(&errs);
        exit::INVALID
    })?;
    let bar = if progress {
        indicatif::ProgressBar::new_spinner().with_message("reading articles")
    } else {
        indicatif::ProgressBar::hidden()
    };
    bar.enable_steady_tick(Duration::from_millis(120));
    let loaded = article::load::load(&site);
    bar.finish_and_clear();
    check_diagnostics(&loaded.diagnostics, strict, loaded.files)?;
    Ok((site, loaded.articles, loaded.files))
}

fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

/// Runs a parsed command line; returns the exit code.
pub fn run(cli: Cli) -> u8 {
    match cli.command {
        Command::Build(args) => build(&args),
        Command::Check(args) => check(&args),
        Command::New(args) => new_article(&args),
        Command::Init(args) => init(&args),
    }
}

fn build(args: &BuildArgs) -> u8 {
    let start = Instant::now();
    let now = match now(args.now.as_deref()) {
        Ok(n) => n,
        Err(m) => {
            eprintln!("feedwright: error: {m}");
            return exit::USAGE;
        }
    };
    let (site, mut articles, files) = match load_site(&args.site.config, args.strict, !args.quiet) {
        Ok(x) => x,
        Err(code) => return code,
    };
    let selection = Selection::new(&site, &articles, now, args.drafts);
    let body_problems = article::load::load_bodies(&mut articles, &selection.used());
    if let Err(code) = check_diagnostics(&body_problems, args.strict, files) {
        return code;
    }
    let bodies = render_bodies(&site, &mut articles, &selection);
    let plan = Plan::new(&site, &articles, &selection, &bodies);
    let total = plan.files().count();
    let report = |changed: usize, verb: &str| {
        if !args.quiet {
            eprintln!(
                "feedwright: {files} article file(s) read; {} draft(s) and {} scheduled held back; {total} feed file(s): {changed} {verb}, {} unchanged; {:.2}s",
                plan.held.drafts,
                plan.held.scheduled,
                total - changed,
                start.elapsed().as_secs_f64()
            );
        }
    };
    let io_fail = |e: output::OutputError| {
        eprintln!("feedwright: error: {e}");
        exit::IO
    };
    if args.check || args.dry_run {
        let stale = match plan.stage_changed(true) {
            Ok(s) => s,
            Err(e) => return io_fail(e),
        };
        for s in &stale {
            let label = if args.check { "stale" } else { "would write" };
            eprintln!("{label}: {}", display_path(s.target()).display());
        }
        let stale = stale.len();
        report(
            stale,
            if args.check {
                "stale"
            } else {
                "would be written"
            },
        );
        return if args.check && stale > 0 {
            eprintln!("feedwright: {stale} output file(s) are stale; run `feedwright build`");
            exit::INVALID
        } else {
            exit::OK
        };
    }
    let wait = Duration::from_secs_f64(args.lock_wait.clamp(0.0, 3600.0));
    let _lock = match output::lock(&site.output_dir, wait) {
        Ok(l) => l,
        Err(e) => return io_fail(e),
    };
    for f in &plan.folders() {
        if let Err(e) = output::remove_debris(f) {
            return io_fail(e);
        }
    }
    // Every changed file is written and flushed beside its target first; only when all are
    // on disk are they renamed into place, one atomic rename each. A failure before that point
    // leaves every feed as it was (the temporary files are deleted).
    let staged = match plan.stage_changed(false) {
        Ok(s) => s,
        Err(e) => return io_fail(e),
    };
    let written = staged.len();
    if let Err(e) = output::commit(staged) {
        return io_fail(e);
    }
    report(written, "written");
    exit::OK
}

fn check(args: &CheckArgs) -> u8 {
    match load_site(&args.site.config, args.strict, false) {
        Ok((site, mut articles, files)) => {
            // Check every body too, not only those a build would use today.
            let all: Vec<usize> = (0..articles.len()).collect();
            let problems = article::load::load_bodies(&mut articles, &all);
            if let Err(code) = check_diagnostics(&problems, args.strict, files) {
                return code;
            }
            eprintln!(
                "feedwright: {} and {files} article file(s) are valid ({} article(s), {} feed(s))",
                args.site.config.display(),
                articles.len(),
                site.feeds.len()
            );
            exit::OK
        }
        Err(code) => code,
    }
}

/// Writes `text` to `path` unless something is there already.
fn create_new(path: &Path, text: &str) -> Result<(), u8> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if let Err(e) = std::fs::create_dir_all(dir) {
            eprintln!(
                "feedwright: error: {}: cannot create folder: {e}",
                dir.display()
            );
            return Err(exit::IO);
        }
    }
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(mut f) => {
            use std::io::Write;
            f.write_all(text.as_bytes()).map_err(|e| {
                eprintln!("feedwright: error: {}: cannot write: {e}", path.display());
                exit::IO
            })
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            eprintln!(
                "feedwright: error: {} already exists; nothing was written",
                path.display()
            );
            Err(exit::INVALID)
        }
        Err(e) => {
            eprintln!("feedwright: error: {}: cannot create: {e}", path.display());
            Err(exit::IO)
        }
    }
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

fn article_text(title: &str, date: &DateTime<chrono_tz::Tz>) -> String {
    format!(
        "+++\ntitle = {}\ndate = {}\ntags = []\n+++\n\nWrite the first paragraph here: it becomes the summary.\n",
        toml_string(title),
        date.format("%Y-%m-%dT%H:%M:%S%:z")
    )
}

fn new_article(args: &NewArgs) -> u8 {
    let now = match now(args.now.as_deref()) {
        Ok(n) => n,
        Err(m) => {
            eprintln!("feedwright: error: {m}");
            return exit::USAGE;
        }
    };
    let site = match Site::load(&args.site.config) {
        Ok(s) => s,
        Err(errs) => {
            print_diagnostics(&errs);
            return exit::INVALID;
        }
    };
    let title = args.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let slug = slug::slugify(&title);
    if slug.is_empty() {
        eprintln!(
            "feedwright: error: cannot make a file name from title {:?}; use letters or digits",
            args.title
        );
        return exit::USAGE;
    }
    let local = now.with_timezone(&site.timezone);
    let path = site
        .articles_dir
        .join(format!("{}-{slug}.md", local.format("%Y-%m-%d")));
    match create_new(&path, &article_text(&title, &local)) {
        Ok(()) => {
            println!("{}", display_path(&path).display());
            exit::OK
        }
        Err(code) => code,
    }
}

fn init(args: &InitArgs) -> u8 {
    let now = match now(args.now.as_deref()) {
        Ok(n) => n.with_timezone(&chrono_tz::Tz::UTC),
        Err(m) => {
            eprintln!("feedwright: error: {m}");
            return exit::USAGE;
        }
    };
    let config = args.dir.join("feeds.toml");
    let starter = r#"# feedwright site configuration: see the README for every key.
[site]
title = "My Site"
url = "https://example.com/"
description = "Notes and news"
language = "en"
timezone = "UTC"
author = { name = "Your Name" }

[[feeds]]
name = "main"
rss = "rss.xml"
atom = "atom.xml"
json = "feed.json"
"#;
    if let Err(code) = create_new(&config, starter) {
        return code;
    }
    let article = args
        .dir
        .join("articles")
        .join(format!("{}-hello-world.md", now.format("%Y-%m-%d")));
    if let Err(code) = create_new(&article, &article_text("Hello, world", &now)) {
        return code;
    }
    println!("{}\n{}", config.display(), article.display());
    exit::OK
}
