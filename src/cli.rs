//! The command line as the user typed it (clap derive). Values stay raw here (`--now` is a
//! string); the commands in [`crate::cmd`] interpret them.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

/// Publish RSS 2.0, Atom 1.0 and JSON Feed 1.1 from a folder of articles.
#[derive(Debug, Parser)]
#[command(name = "feedwright", version, about, long_about = None)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
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
    /// Write a starter feeds.toml and one article.
    Init(InitArgs),
    /// Lock the ids a feed already publishes onto the articles (feeds.lock).
    Lock(LockArgs),
}

/// Options shared by commands that read a site.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// The site's config file.
    #[arg(
        long,
        short = 'c',
        env = "FEEDWRIGHT_CONFIG",
        default_value = "feeds.toml"
    )]
    pub config: PathBuf,
}

/// `build` options.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// The time to build at (RFC 3339); defaults to SOURCE_DATE_EPOCH, then the clock.
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Report what would change; write nothing.
    #[arg(long, conflicts_with = "check")]
    pub dry_run: bool,
    /// Write nothing; exit 1 if any output on disk is not what a build would write.
    #[arg(long)]
    pub check: bool,
    /// Print no report (problems are still printed).
    #[arg(long, short = 'q')]
    pub quiet: bool,
    /// Seconds to wait for another build holding the output lock.
    #[arg(long, value_name = "SECONDS", default_value_t = 5.0)]
    pub lock_wait: f64,
    #[command(flatten)]
    pub guards: GuardArgs,
}

/// `build` options about what subscribers were promised: the ledger (feeds.lock) and the
/// churn and shrink guards.
#[derive(Debug, Args)]
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

/// `check` options.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub site: SiteArgs,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
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
}

/// `init` options.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder to create the site in.
    #[arg(default_value = ".")]
    pub dir: PathBuf,
    /// The time to date the first article at (RFC 3339).
    #[arg(long, value_name = "RFC3339")]
    pub now: Option<String>,
}
