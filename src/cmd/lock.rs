//! `feedwright lock --from FEED`: lock the ids a feed already publishes onto the site's
//! articles, so that a site moving to feedwright (or rebuilding its ledger) re-delivers nothing.
//!
//! It reads the site (heads only) and the feed (a file, or standard input for `-`), matches
//! entries to articles with [`crate::ledger::import`], says for every entry what it matched, or
//! why not, and writes the ledger atomically under the build lock. The next `build` publishes
//! the locked ids.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use super::{load, Input, Report, Show};
use crate::cli::LockArgs;
use crate::diagnostics::{display_path, escape, shown};
use crate::error::Error;
use crate::ledger::import::{import, Imported};
use crate::ledger::{self, Current};
use crate::output;

/// How long `lock` waits for a build holding the output lock.
const LOCK_WAIT: Duration = Duration::from_secs(5);

/// Runs `lock`.
pub fn run(args: &LockArgs, report: &mut Report) -> Result<(), Error> {
    let show = Show {
        progress: false,
        skipped: false,
    };
    let Input { site, articles, .. } = load(args.site.config(), false, show, report)?;
    let (source, bytes) = read_feed(&args.from)?;
    let entries = ledger::published::parse(&bytes).map_err(|problem| Error::NotAFeed {
        path: source.clone(),
        problem,
    })?;
    let path = ledger::path_for(args.site.config());
    let old = ledger::load(&path)?;
    let had = old.is_some();
    let dir = display_path(&site.articles_dir);
    let items: Vec<Current> = articles
        .iter()
        .map(|a| Current::of(a, &dir, site.id, true))
        .collect();
    let imported = import(old.unwrap_or_default(), &entries, &items);
    tell(&imported, report);
    if had || !imported.ledger.is_empty() {
        let _lock = output::lock(&site.output_dir, LOCK_WAIT)?;
        let (folder, name) = ledger::split(&path);
        output::remove_debris(folder, folder)?;
        let ledger = &imported.ledger;
        let staged = output::stage_changed(folder, name, false, |w| ledger.write_to(w))?;
        output::commit(staged.into_iter().collect())?;
    }
    report.summary = Some(format!(
        "feedwright: {}: {} id(s) locked from {}; {} entr{} not matched",
        shown(&display_path(&path)),
        imported.matched.len(),
        shown(&source),
        imported.unmatched.len(),
        if imported.unmatched.len() == 1 {
            "y"
        } else {
            "ies"
        },
    ));
    Ok(())
}

/// The feed's bytes and its name for messages: the file `from`, or standard input for `-`.
fn read_feed(from: &Path) -> Result<(PathBuf, Vec<u8>), Error> {
    let mut bytes = Vec::new();
    if from == Path::new("-") {
        let name = PathBuf::from("standard input");
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(&name, "cannot read", e))?;
        return Ok((name, bytes));
    }
    let name = display_path(from);
    bytes = std::fs::read(from).map_err(|e| Error::io(&name, "cannot read", e))?;
    Ok((name, bytes))
}

/// One line per entry: what it was locked onto and how it was recognised, or why it was not
/// (escaped: keys, ids and titles come from contributors and from the feed).
fn tell(imported: &Imported, report: &mut Report) {
    for m in &imported.matched {
        let was = match &m.was {
            Some(w) => format!("; it had {w}"),
            None => String::new(),
        };
        let line = format!(
            "matched: {} keeps {} (found {}{was})",
            m.key,
            m.id,
            m.by.describe()
        );
        report.notes.push(escape(&line).into_owned());
    }
    for u in &imported.unmatched {
        let line = format!("unmatched: {}: {}", u.entry, u.why);
        report.notes.push(escape(&line).into_owned());
    }
}
