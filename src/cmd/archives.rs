//! `build`'s side of RFC 5005 archives: which pages are sealed on disk already, and whether this
//! build would change one.
//!
//! A page on disk is sealed: when the entries this build would put on it are the ones it holds,
//! it is left alone (not rendered, not rewritten, whatever else changed in those articles);
//! when they differ (a back-dated article, a deleted one, a changed filter), the build stops
//! with a table of the pages and what would come and go, unless `--reseal` lets it rewrite
//! them. A page past the last full one that is still on disk (its entries deleted) is refused
//! the same way; with `--reseal` it is left in place and named in the report. Pages missing on
//! disk are written. `--check` and `--dry-run` read the same pages and give the same answer.

use std::path::Path;

use super::Report;
use crate::archive::{self, Page, Unsealed};
use crate::article::Article;
use crate::config::{Archive, FeedSpec, Site};
use crate::diagnostics::{display_path, shown};
use crate::error::Error;
use crate::pipeline::Selection;

/// Marks in `selection` the pages already sealed on disk with the entries this build would give
/// them (not written again); refuses a build that would change a sealed page, unless `reseal`.
pub(super) fn seal(
    site: &Site,
    articles: &[Article],
    selection: &mut Selection,
    reseal: bool,
    report: &mut Report,
) -> Result<(), Error> {
    let mut unsealed = Vec::new();
    for (spec, pages) in site.feeds.iter().zip(&mut selection.pages) {
        let Some(archive) = &spec.archive else {
            continue;
        };
        let ids = |page: &Page| -> Vec<&str> {
            let mode = spec.id.unwrap_or(site.id);
            page.entries
                .iter()
                .map(|&i| articles[i].id_for(mode))
                .collect()
        };
        for page in pages.iter_mut() {
            let expected = ids(page);
            for found in survey(site, archive, page, &expected)? {
                unsealed.push((spec.name.clone(), found));
            }
        }
        unsealed.extend(leftovers(site, spec, archive, pages.len())?);
    }
    if unsealed.is_empty() {
        return Ok(());
    }
    if !reseal {
        return Err(Error::Sealed(unsealed));
    }
    report.notes.extend(unsealed.iter().map(|(feed, u)| {
        let verb = if u.leftover {
            "left in place, no longer part of the archive (delete it if no reader needs it)"
        } else {
            "resealed"
        };
        format!(
            "{verb}: feed {feed:?} page {} ({})",
            u.n,
            shown(Path::new(&u.file))
        )
    }));
    Ok(())
}

/// Reads page `page`'s files on disk: a format whose file holds `expected` is sealed (dropped
/// from `page.write`); one holding other entries is returned; a missing one is written.
fn survey(
    site: &Site,
    archive: &Archive,
    page: &mut Page,
    expected: &[&str],
) -> Result<Vec<Unsealed>, Error> {
    let mut found = Vec::new();
    let mut write = Vec::new();
    for &format in &page.write {
        let Some(file) = archive.file(format, page.n) else {
            continue;
        };
        let Some(ids) = ids_on_disk(site, &file)? else {
            write.push(format);
            continue;
        };
        let shown_file = display_path(&site.output_dir.join(&file));
        let shown_file = shown_file.to_string_lossy();
        match archive::compare(page.n, &shown_file, &ids, expected) {
            None => {}
            Some(u) => {
                write.push(format);
                found.push(u);
            }
        }
    }
    page.write = write;
    Ok(found)
}

/// Pages on disk past the last full one (`full`): sealed once, now without their entries.
fn leftovers(
    site: &Site,
    spec: &FeedSpec,
    archive: &Archive,
    full: usize,
) -> Result<Vec<(String, Unsealed)>, Error> {
    let mut found = Vec::new();
    for n in full + 1.. {
        let mut any = false;
        for (format, _) in &archive.paths {
            let Some(file) = archive.file(*format, n) else {
                continue;
            };
            if let Some(ids) = ids_on_disk(site, &file)? {
                any = true;
                let shown_file = display_path(&site.output_dir.join(&file));
                let unsealed = Unsealed {
                    n,
                    file: shown_file.to_string_lossy().into_owned(),
                    added: vec![],
                    gone: ids,
                    leftover: true,
                };
                found.push((spec.name.clone(), unsealed));
            }
        }
        if !any {
            return Ok(found);
        }
    }
    Ok(found)
}

/// The ids of the entries of `file` (in the output folder) if it is there; a file that is not a
/// feed holds no entry this build would keep (`[""]`, which never matches).
fn ids_on_disk(site: &Site, file: &str) -> Result<Option<Vec<String>>, Error> {
    let Some(parsed) = super::subscribers::read_feed(site, file)? else {
        return Ok(None);
    };
    let ids = match parsed {
        Ok(entries) => entries
            .into_iter()
            .map(|e| e.id.unwrap_or_default())
            .collect(),
        Err(_) => vec![String::new()],
    };
    Ok(Some(ids))
}
