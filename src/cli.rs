//! The command line as the user typed it (clap derive). Values stay raw here (`--now` is a
//! string); the commands in [`crate::cmd`] interpret them. The one exception is a number clap
//! reads: `--lock-wait` is checked here, so NaN, infinities and negative or huge waits are
//! usage errors before anything runs.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Publish RSS 2.0, Atom 1.0 and JSON Feed 1.1 from a folder of articles.
#[derive(Debug, Parser)]
#[command(name = "feedwright", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
    /// How problems and the report print: `human` (default), `github` (workflow commands, the
    /// default when GITHUB_ACTIONS=true) or `json` (one object a line, on stdout).
    #[arg(long, global = true, value_enum, value_name = "FMT")]
    pub message_format: Option<MessageFormat>,
}

/// The forms `--message-format` takes (named as cargo names its own).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MessageFormat {
    /// `path:line:col: error: message` lines, a hint under each, then the report.
    Human,
    /// GitHub Actions workflow commands (`::error file=..,line=..::message`), then the report.
    Github,
    /// One JSON object a line on stdout: each diagnostic, then the report.
    Json,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build every feed of the site.
    Build(BuildArgs),
    /// Validate the config and every article; write nothing.
    Check(CheckArgs),
    /// Write a new article with front matter and today's date.
    New(NewArgs),
    /// Write a starter feeds.toml and one article, or (--from) a feeds.toml for an existing site.
    Init(InitArgs),
    /// Check RSS, Atom and JSON Feed files against the feed rules; write nothing.
    Validate(ValidateArgs),
    /// Lock the ids a feed already publishes onto the articles (feeds.lock).
    Lock(LockArgs),
    /// Tell the WebSub hubs of the feed files the builds changed since the last ping.
    Ping(PingArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish) to stdout.
    Completions(CompletionsArgs),
    /// Print the manual page (roff) to stdout, e.g. `feedwright man > feedwright.1`.
    Man,
    /// Print the JSON Schema of feeds.toml to stdout (editors complete and check keys with it).
    Schema,
    /// Print the OPML 2.0 subscription list of every feed (or write it with -o).
    Opml(OpmlArgs),
    /// Print the <link> tags that let browsers and readers find the feeds (for the site's <head>).
    Links(LinksArgs),
}

/// `opml` options.
#[derive(Debug, Args)]
pub struct OpmlArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Write the list to this file (atomically; left alone when unchanged) instead of stdout.
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// `links` options.
#[derive(Debug, Args)]
pub struct LinksArgs {
    #[command(flatten)]
    pub site: SiteArgs,
}

/// `completions` options.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete for.
    pub shell: clap_complete::Shell,
}

/// Options shared by commands that read a site.
#[derive(Debug, Clone, Args)]
pub struct SiteArgs {
    /// The site's config file [default: feeds.toml, in this folder or the nearest folder above
    /// it that has one]
    #[arg(long, short = 'c', env = "FEEDWRIGHT_CONFIG")]
    config: Option<PathBuf>,
    /// The config file found by [`SiteArgs::locate`].
    #[arg(skip)]
    found: Option<PathBuf>,
}

/// The config file's name when none is given.
pub const CONFIG_NAME: &str = "feeds.toml";

impl SiteArgs {
    /// The site's config file: as given (`--config`, `FEEDWRIGHT_CONFIG`), else the one
    /// [`SiteArgs::locate`] found, else `feeds.toml`.
    pub fn config(&self) -> &std::path::Path {
        self.config
            .as_deref()
            .or(self.found.as_deref())
            .unwrap_or(std::path::Path::new(CONFIG_NAME))
    }

    /// With no config given, looks for `feeds.toml` in `cwd` and then in each folder above it,
    /// as cargo looks for Cargo.toml; returns the file found above `cwd` (to say which one is
    /// used), `None` when it is in `cwd`, given, or nowhere.
    pub fn locate(&mut self, cwd: &std::path::Path) -> Option<PathBuf> {
        if self.config.is_some() || cwd.join(CONFIG_NAME).is_file() {
            return None;
        }
        let found = cwd
            .ancestors()
            .skip(1)
            .map(|dir| dir.join(CONFIG_NAME))
            .find(|f| f.is_file())?;
        // Shown relative to where the user is: `../feeds.toml`, `../../feeds.toml`.
        let up = cwd.components().count() - found.components().count() + 1;
        let shown: PathBuf = std::iter::repeat_n("..", up)
            .collect::<PathBuf>()
            .join(CONFIG_NAME);
        self.found = Some(shown.clone());
        Some(shown)
    }
}

/// `build` options.
#[derive(Debug, Clone, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The time to build at (RFC 3339); defaults to SOURCE_DATE_EPOCH, then the clock.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Delete the files of feeds a `per` entry no longer makes (a tag no article has now), once
    /// the new feeds are written; without it they are only reported.
    #[arg(long)]
    pub prune: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Check every feed against the feed rules before writing; write nothing if one breaks them.
    #[arg(long)]
    pub validate: bool,
    /// Report what would change; write nothing.
    #[arg(long, conflicts_with = "check")]
    pub dry_run: bool,
    /// Write nothing; exit 1 if any output on disk is not what a build would write.
    #[arg(long)]
    pub check: bool,
    /// Print no report (problems are still printed).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Also write the report as JSON to this file (atomically), for dashboards; written under
    /// `-q` too.
    #[arg(long, value_name = "FILE.json")]
    pub report: Option<PathBuf>,
    /// Seconds to wait for another build holding the output lock (0 to 3600).
    #[arg(long, value_name = "SECONDS", default_value_t = 5.0, value_parser = lock_wait)]
    pub lock_wait: f64,
    #[command(flatten)]
    pub guards: GuardArgs,
    /// After writing, tell the WebSub hubs (`hubs`) of the feed files that changed, as
    /// `feedwright ping` does.
    #[arg(long, conflicts_with_all = ["check", "dry_run"])]
    pub ping: bool,
    #[command(flatten)]
    pub hub: HubArgs,
    /// Build without the build cache: neither read nor write it.
    #[arg(long, conflicts_with = "cache_dir")]
    pub no_cache: bool,
    /// Keep the build cache in this folder [default: `.feedwright-cache/<output folder name>`
    /// beside the output folder].
    #[arg(long, value_name = "DIR")]
    pub cache_dir: Option<PathBuf>,
}

/// `ping` options.
#[derive(Debug, Args)]
pub struct PingArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Tell the hubs of every feed file that names hubs, changed or not (e.g. after adding
    /// `hubs`).
    #[arg(long)]
    pub all: bool,
    /// Print the requests on stdout; send nothing, change nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Print only failures.
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Seconds to wait for a build holding the output lock (0 to 3600).
    #[arg(long, value_name = "SECONDS", default_value_t = 5.0, value_parser = lock_wait)]
    pub lock_wait: f64,
    #[command(flatten)]
    pub hub: HubArgs,
}

/// How hubs are told (`ping`, `build --ping`).
#[derive(Debug, Clone, Args)]
pub struct HubArgs {
    /// Seconds to wait for a hub's answer to one request (0.1 to 300).
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0, value_parser = hub_timeout)]
    pub timeout: f64,
    /// How many times a request a hub did not take (5xx, 429, no answer) is tried again, after
    /// 1, 2, 4... seconds or the hub's Retry-After (0 to 10).
    #[arg(long, value_name = "N", default_value_t = 3,
          value_parser = clap::value_parser!(u32).range(0..=10))]
    pub retries: u32,
}

/// `build` options about what subscribers were promised: the ledger (feeds.lock) and the
/// churn and shrink guards.
#[derive(Debug, Clone, Args)]
pub struct GuardArgs {
    /// Fail instead of changing feeds.lock (for CI).
    #[arg(long)]
    pub locked: bool,
    /// Publish this entry's new id although readers know another (ENTRY: its path in the
    /// articles folder, as the churn guard's table shows it). Repeatable.
    #[arg(long, value_name = "ENTRY")]
    pub accept_id_change: Vec<String>,
    /// Publish every id change and rename storm the churn guard would stop.
    #[arg(long)]
    pub accept_churn: bool,
    /// Publish although a feed would lose all of its entries, or more than half.
    #[arg(long)]
    pub allow_shrink: bool,
    /// Rewrite archive pages whose entries changed (a back-dated or deleted article), although
    /// readers may have stored them as they were.
    #[arg(long)]
    pub reseal: bool,
}

/// `lock` options.
#[derive(Debug, Args)]
pub struct LockArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The feed whose ids to keep: an RSS, Atom or JSON Feed file, or `-` for standard input.
    #[arg(long, value_name = "FEED")]
    pub from: PathBuf,
}

/// The longest `--lock-wait`, in seconds: an hour.
pub const MAX_LOCK_WAIT: f64 = 3600.0;

/// Reads a `--lock-wait` value: a finite number of seconds from 0 to [`MAX_LOCK_WAIT`].
fn lock_wait(value: &str) -> Result<f64, String> {
    let problem = || format!("must be a number of seconds from 0 to {MAX_LOCK_WAIT}");
    let secs: f64 = value.trim().parse().map_err(|_| problem())?;
    if (0.0..=MAX_LOCK_WAIT).contains(&secs) {
        Ok(secs.abs())
    } else {
        Err(problem())
    }
}

/// The longest `--timeout`, in seconds.
pub const MAX_HUB_TIMEOUT: f64 = 300.0;

/// Reads a `--timeout` value: a finite number of seconds from 0.1 to [`MAX_HUB_TIMEOUT`].
fn hub_timeout(value: &str) -> Result<f64, String> {
    let problem = || format!("must be a number of seconds from 0.1 to {MAX_HUB_TIMEOUT}");
    let secs: f64 = value.trim().parse().map_err(|_| problem())?;
    if (0.1..=MAX_HUB_TIMEOUT).contains(&secs) {
        Ok(secs)
    } else {
        Err(problem())
    }
}

/// `check` options.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Print only problems (no summary line).
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// `new` options.
#[derive(Debug, Args)]
pub struct NewArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The article's title.
    pub title: String,
    /// The time to date it at (RFC 3339); defaults to SOURCE_DATE_EPOCH, then the clock.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Write it ready to publish (without `draft = true`): the next build publishes it.
    #[arg(long)]
    pub publish: bool,
}

/// `init` options.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the site in (with --from: the existing site's root).
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The time to date the first article at (RFC 3339).
    #[arg(long, value_name = "RFC3339", conflicts_with = "from")]
    pub now: Option<String>,
    /// Write a feeds.toml reproducing the feeds of an existing site, read from this generator's
    /// configuration (`auto`: detect it).
    #[arg(long, value_name = "GENERATOR")]
    pub from: Option<From>,
}

/// The generators `init --from` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum From {
    /// Detect the generator from the files in the site's root.
    Auto,
    /// Hugo (hugo.toml, config.toml, config/_default/).
    Hugo,
    /// Jekyll (_config.yml, jekyll-feed).
    Jekyll,
    /// Zola (config.toml or zola.toml, sections' _index.md).
    Zola,
    /// Eleventy (eleventy.config.js or .eleventy.js, read as text; _data/metadata.json).
    Eleventy,
}

/// `validate` options.
#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// Feed files (RSS 2.0, Atom 1.0 or JSON Feed, told from their content); `-` reads stdin.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hub_timeout_is_a_finite_number_of_seconds_from_a_tenth_to_five_minutes() {
        for ok in ["0.1", " 10 ", "300"] {
            assert!(hub_timeout(ok).is_ok(), "{ok}");
        }
        for bad in ["0", "0.05", "NaN", "inf", "-1", "301", "", "soon"] {
            assert_eq!(
                hub_timeout(bad).unwrap_err(),
                "must be a number of seconds from 0.1 to 300",
                "{bad}"
            );
        }
    }

    #[test]
    fn lock_wait_is_a_finite_number_of_seconds_up_to_an_hour() {
        for ok in ["0", "-0", "0.3", " 10 ", "3600", "1e-320"] {
            assert!(lock_wait(ok).is_ok(), "{ok}");
        }
        for bad in [
            "NaN", "nan", "inf", "-inf", "-1", "3600.5", "1e308", "0x10", "", "soon",
        ] {
            assert_eq!(
                lock_wait(bad).unwrap_err(),
                "must be a number of seconds from 0 to 3600",
                "{bad}"
            );
        }
    }
}
