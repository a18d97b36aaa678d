//! Feeds left behind: files in the output folder that look like a feed but that no feed of this
//! build writes any more: a feed removed or renamed in feeds.toml, or a feed a `per` entry made
//! for a tag or author that no longer has one (no article carries it, or fewer than
//! `min_entries` do). feedwright never deletes the first kind, and the second only under
//! `build --prune`, since subscribers may still poll them; the build report names them so the
//! user can redirect or remove them on purpose.
//!
//! A file counts when its name ends `.xml`, `.rss`, `.atom` or `.json` and its first bytes say
//! it is RSS, Atom or JSON Feed; links and other special files are never opened, and the walk
//! stops after [`MAX_FILES`] entries (a whole site's output folder can be large). `--prune`
//! deletes a file only when, besides, a `per` entry's path pattern makes its path with a slug
//! this site's `slugify` makes (the slug slugified again is itself), and only after the new
//! feeds are in place.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::config::per::matches;
use crate::config::{PerKind, Site};
use crate::diagnostics::{display_path, shown};
use crate::error::Error;
use crate::slugify::slugify;

/// The most entries of the output folder looked at.
const MAX_FILES: usize = 20_000;

/// How many bytes of a file are read to tell a feed.
const HEAD: u64 = 1024;

/// A feed file in the output folder that this build does not write.
#[derive(Debug)]
pub(super) struct Left {
    /// Its path.
    path: PathBuf,
    /// The `per` entry whose pattern makes its path, its kind, the slug in the path, and how
    /// many folders above the file the pattern's placeholder makes (`tags/{tag}/rss.xml`: 1).
    made_by: Option<(String, PerKind, String, usize)>,
}

/// The feed files in `site`'s output folder that no feed writes (`written`: every file the
/// site's feeds and archive pages write, relative to the output folder).
pub(super) fn find(site: &Site, written: &[&str]) -> Vec<Left> {
    let root = &site.output_dir;
    let walk = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name();
    let mut left = Vec::new();
    for entry in walk.into_iter().take(MAX_FILES).filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(rel) = entry.path().strip_prefix(root) else {
            continue;
        };
        let Some(rel) = rel.to_str().map(|r| r.replace('\\', "/")) else {
            continue;
        };
        if written.contains(&rel.as_str()) || rel.starts_with(".feedwright") {
            continue;
        }
        let archived = site
            .feeds
            .iter()
            .filter_map(|f| f.archive.as_ref())
            .any(|a| a.holds(&rel));
        if !archived && looks_like_a_feed(root, &rel) {
            left.push(Left {
                path: entry.path().to_path_buf(),
                made_by: made_by(site, &rel),
            });
        }
    }
    left
}

/// The `per` entry of `site` that makes the path `rel`, with a slug this site makes (see
/// [`Left::made_by`]).
fn made_by(site: &Site, rel: &str) -> Option<(String, PerKind, String, usize)> {
    site.per_entries.iter().find_map(|entry| {
        let per = entry.per.as_ref()?;
        entry.outputs.iter().find_map(|(_, pattern)| {
            let slug = matches(pattern, rel)?;
            let folders = pattern.rsplit(per.kind.placeholder()).next()?.matches('/');
            (slugify(site.slugify, slug) == slug).then(|| {
                (
                    entry.name.clone(),
                    per.kind,
                    slug.to_string(),
                    folders.count(),
                )
            })
        })
    })
}

/// The report's lines for the files `left` (with `pruned`: the files `build --prune` deleted or,
/// under `--dry-run`, would delete).
pub(super) fn notes(left: &[Left], pruned: Option<&str>) -> Vec<String> {
    left.iter()
        .map(|l| {
            let file = shown(&display_path(&l.path)).to_string();
            match (&l.made_by, pruned) {
                (None, _) => format!(
                    "left in place: {file} is a feed no [[feeds]] entry writes (removed from \
                     feeds.toml?): subscribers may still poll it; redirect or delete it when you \
                     are sure"
                ),
                (Some((entry, kind, slug, _)), None) => format!(
                    "left in place: {file} is feed {entry:?}'s for the {} {slug:?}, which has no \
                     feed now (no article has it, or fewer than min_entries): subscribers may \
                     still poll it; `feedwright build --prune` deletes it",
                    kind.key()
                ),
                (Some((entry, kind, slug, _)), Some(verb)) => format!(
                    "{verb}: {file} (feed {entry:?} makes no feed for the {} {slug:?} any more)",
                    kind.key()
                ),
            }
        })
        .collect()
}

/// Of `left`, the files a `per` entry made, which `build --prune` deletes.
pub(super) fn prunable(left: Vec<Left>) -> (Vec<Left>, Vec<Left>) {
    left.into_iter().partition(|l| l.made_by.is_some())
}

/// Deletes the files `prunable` holds (see [`prunable`]), then the folders their patterns
/// made that are left empty. Called only after the new feeds are in place.
pub(super) fn prune(prunable: &[Left]) -> Result<(), Error> {
    let mut folders = Vec::new();
    for l in prunable {
        let Some((_, _, _, depth)) = &l.made_by else {
            continue;
        };
        // Only a regular file, never a link put there since the walk.
        let is_file = std::fs::symlink_metadata(&l.path).is_ok_and(|m| m.file_type().is_file());
        if !is_file {
            continue;
        }
        std::fs::remove_file(&l.path)
            .map_err(|e| Error::io(display_path(&l.path), "cannot delete", e))?;
        folders.extend(
            l.path
                .ancestors()
                .skip(1)
                .take(*depth)
                .map(Path::to_path_buf),
        );
    }
    // Deepest first; a folder holding anything else stays.
    folders.sort();
    folders.dedup();
    folders.sort_by_key(|f| std::cmp::Reverse(f.components().count()));
    for folder in folders {
        let _ = std::fs::remove_dir(folder);
    }
    Ok(())
}

/// Whether the file `rel` of the output folder `root` is named and begins like a feed. It is
/// opened as the build opens the files it replaces (see `output::open_existing`): a regular
/// file only, never through a link, never blocking on a FIFO put there meanwhile.
fn looks_like_a_feed(root: &Path, rel: &str) -> bool {
    let named = Path::new(rel)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| matches!(e, "xml" | "rss" | "atom" | "json"));
    if !named {
        return false;
    }
    let Ok(Some(file)) = crate::output::open_existing(root, Path::new(rel)) else {
        return false;
    };
    let mut head = Vec::new();
    if file.take(HEAD).read_to_end(&mut head).is_err() {
        return false;
    }
    let head = String::from_utf8_lossy(&head);
    head.contains("<rss")
        || head.contains("<feed xmlns=\"http://www.w3.org/2005/Atom\"")
        || head.contains("\"https://jsonfeed.org/version/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn feeds_are_told_by_name_and_first_bytes_and_never_read_through_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: &str| {
            std::fs::write(dir.path().join(name), text).unwrap();
            looks_like_a_feed(dir.path(), name)
        };
        assert!(write(
            "a.xml",
            "<?xml version=\"1.0\"?><rss version=\"2.0\">"
        ));
        assert!(write(
            "b.json",
            "{\"version\": \"https://jsonfeed.org/version/1.1\"}"
        ));
        assert!(!write("sitemap.xml", "<urlset>"));
        assert!(!write("c.html", "<rss"));
        std::os::unix::fs::symlink(dir.path().join("a.xml"), dir.path().join("l.xml")).unwrap();
        assert!(!looks_like_a_feed(dir.path(), "l.xml"));
    }
}
