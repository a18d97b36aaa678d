//! What a build changed for its readers, for the report (a cron mail, a dashboard): the articles
//! newly published (in which feeds), the scheduled articles still held back and when the next
//! is due, the files written; and, when `build --check` finds files stale, whether articles
//! that became due explain it.
//!
//! "Newly published" compares each feed's subscription document with the feed's file on disk
//! before this build, read once by `cmd/subscribers.rs` (which the guards read too): an entry
//! whose id the file does not list is new in that feed. Pure: the entries on disk come in as
//! arguments.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::path::PathBuf;

use chrono::{DateTime, FixedOffset, SecondsFormat};
use serde::{Deserialize, Serialize};

use crate::article::Article;
use crate::config::Site;
use crate::diagnostics::{display_path, escape, shown};
use crate::ledger::published::Entry;
use crate::pipeline::Selection;
use crate::text::fold;

/// A feed's file on disk before this build (as shown) and the entries it lists.
pub(super) type FeedFile = (PathBuf, Vec<Entry>);

/// Per `[[feeds]]` entry, its [`FeedFile`]; `None` when there is no such file (or none that
/// reads as a feed).
pub(super) type OnDisk = [Option<FeedFile>];

/// How many newly published articles the human report names (the JSON report names all).
const SHOWN: usize = 20;

/// What kind of run made the report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// A build that wrote its files.
    Build,
    /// `--dry-run`: files listed are those that would be written.
    DryRun,
    /// `--check`: files listed are the stale ones.
    Check,
}

/// What a build did, beyond its summary line.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Built {
    /// Build, dry run or check.
    pub mode: Mode,
    /// Article files read.
    pub articles_read: usize,
    /// Drafts held back from every feed (in the report object under `held_back`).
    #[serde(skip)]
    pub drafts: usize,
    /// Articles new in some feed's subscription document, newest first.
    pub published: Vec<Published>,
    /// Articles dated after "now", held back, soonest first.
    pub scheduled: Vec<Scheduled>,
    /// The soonest of them.
    pub next_scheduled: Option<Scheduled>,
    /// Feed files written (would be written under `--dry-run`; stale under `--check`).
    pub written: Vec<String>,
    /// Feed files left as they were.
    pub unchanged: Vec<String>,
}

/// An article newly published in this build.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// Its title.
    pub title: String,
    /// Its publication date (RFC 3339).
    pub date: String,
    /// Its record file, as shown.
    pub file: String,
    /// The names of the feeds that show it for the first time.
    pub feeds: Vec<String>,
}

/// An article held back until its date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scheduled {
    /// Its title.
    pub title: String,
    /// When it is due (RFC 3339).
    pub date: String,
    /// Its record file, as shown.
    pub file: String,
}

/// A date as the report writes it: RFC 3339, seconds, `Z` for UTC.
pub fn date(d: DateTime<FixedOffset>) -> String {
    d.to_rfc3339_opts(SecondsFormat::Secs, true)
}

/// The ids feed `i`'s file on disk lists, if it has a file.
fn ids_on_disk(on_disk: &OnDisk, i: usize) -> Option<HashSet<&str>> {
    let (_, entries) = on_disk.get(i)?.as_ref()?;
    Some(entries.iter().filter_map(|e| e.id.as_deref()).collect())
}

/// The articles of `selection` that some feed's subscription document shows and its file on
/// disk did not list (every entry, for a feed with no file yet), newest first.
pub fn published(
    site: &Site,
    articles: &[Article],
    selection: &Selection,
    on_disk: &OnDisk,
) -> Vec<Published> {
    let mut feeds: BTreeMap<usize, Vec<String>> = BTreeMap::new();
    for (i, (spec, picked)) in site.feeds.iter().zip(&selection.feeds).enumerate() {
        let mode = spec.id.unwrap_or(site.id);
        let before = ids_on_disk(on_disk, i).unwrap_or_default();
        for &a in picked {
            if !before.contains(articles[a].id_for(mode)) {
                feeds.entry(a).or_default().push(spec.name.clone());
            }
        }
    }
    let mut new: Vec<(usize, Vec<String>)> = feeds.into_iter().collect();
    new.sort_by(|(x, _), (y, _)| articles[*y].published.cmp(&articles[*x].published));
    new.into_iter()
        .map(|(a, feeds)| {
            let a = &articles[a];
            Published {
                title: a.title.clone(),
                date: date(a.published),
                file: shown(&display_path(&a.path)).to_string(),
                feeds,
            }
        })
        .collect()
}

/// The articles held back because they are dated after `now` (drafts aside, unless `drafts`),
/// soonest first.
pub fn scheduled(articles: &[Article], now: DateTime<FixedOffset>, drafts: bool) -> Vec<Scheduled> {
    let mut held: Vec<&Article> = articles
        .iter()
        .filter(|a| (drafts || !a.draft) && a.published > now)
        .collect();
    held.sort_by(|a, b| a.published.cmp(&b.published).then(a.path.cmp(&b.path)));
    held.into_iter()
        .map(|a| Scheduled {
            title: a.title.clone(),
            date: date(a.published),
            file: shown(&display_path(&a.path)).to_string(),
        })
        .collect()
}

/// When every stale file is a subscription document whose only difference from its file on
/// disk (as far as the entries tell: ids, links, titles, dates) is articles dated after the newest entry
/// on disk (with older entries pushed out by the limit), those articles, oldest first: the
/// schedule alone made the files stale. `stale` holds the model index of each stale file.
pub fn became_due<'a>(
    site: &Site,
    articles: &'a [Article],
    selection: &Selection,
    on_disk: &OnDisk,
    stale: &[usize],
) -> Option<Vec<&'a Article>> {
    let mut due: Vec<usize> = Vec::new();
    for &i in stale {
        let (spec, picked) = (site.feeds.get(i)?, &selection.feeds[i]);
        let (_, entries) = on_disk[i].as_ref()?;
        let mode = spec.id.unwrap_or(site.id);
        let newest = entries.iter().filter_map(|e| e.published).max();
        let oldest_now = picked.last().map(|&a| articles[a].published);
        let mut kept = 0;
        for &a in picked {
            let article = &articles[a];
            match entries
                .iter()
                .find(|e| e.id.as_deref() == Some(article.id_for(mode)))
            {
                Some(e) if e.published == Some(article.published) && same_link(e, article) => {
                    kept += 1
                }
                Some(_) => return None,
                None if newest.is_none_or(|n| article.published > n) => due.push(a),
                None => return None,
            }
        }
        // Entries gone from the file must have been pushed out by newer ones.
        let pushed_out = entries.len() - kept;
        let older = |e: &Entry| oldest_now.is_some_and(|o| e.published.is_some_and(|p| p <= o));
        let gone_ok = entries
            .iter()
            .filter(|e| {
                !picked
                    .iter()
                    .any(|&a| e.id.as_deref() == Some(articles[a].id_for(mode)))
            })
            .all(older);
        if pushed_out > 0 && !gone_ok {
            return None;
        }
    }
    due.sort_unstable();
    due.dedup();
    if due.is_empty() {
        return None;
    }
    let mut due: Vec<&Article> = due.into_iter().map(|a| &articles[a]).collect();
    due.sort_by(|a, b| a.published.cmp(&b.published).then(a.path.cmp(&b.path)));
    Some(due)
}

/// Whether the entry on disk has the article's link and title (as far as it has them).
fn same_link(e: &Entry, a: &Article) -> bool {
    e.link.as_deref().is_none_or(|l| l == a.link)
        && e.title.as_deref().is_none_or(|t| t == fold(&a.title))
}

/// A title in quotes, safe to print (contributors write titles).
fn quoted(title: &str) -> String {
    escape(&format!("{title:?}")).into_owned()
}

/// The note `build --check` adds when articles that became due explain every stale file.
pub fn due_note(due: &[&Article]) -> String {
    let named: Vec<String> = due
        .iter()
        .map(|a| format!("{} ({})", quoted(&a.title), date(a.published)))
        .collect();
    format!(
        "stale because scheduled article(s) became due: {}",
        named.join(", ")
    )
}

impl fmt::Display for Built {
    /// The lines the human report prints after its summary line, each with its newline:
    /// newly published articles and the next scheduled one; after a build, the files written.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let verb = match self.mode {
            Mode::Build => "published",
            Mode::DryRun => "would publish",
            Mode::Check => return Ok(()),
        };
        for p in self.published.iter().take(SHOWN) {
            writeln!(
                f,
                "{verb}: {} in {}",
                quoted(&p.title),
                escape(&p.feeds.join(", "))
            )?;
        }
        if self.published.len() > SHOWN {
            let more = self.published.len() - SHOWN;
            writeln!(
                f,
                "{verb}: ... and {more} more (--report FILE.json lists all)"
            )?;
        }
        if let Some(next) = &self.next_scheduled {
            writeln!(
                f,
                "next scheduled: {} at {}",
                quoted(&next.title),
                next.date
            )?;
        }
        if self.mode == Mode::Build {
            for file in &self.written {
                writeln!(f, "written: {file}")?;
            }
        }
        Ok(())
    }
}
