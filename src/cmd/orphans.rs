//! Feeds left behind: files in the output folder that look like a feed but that no `[[feeds]]`
//! entry writes any more (a feed removed or renamed in feeds.toml). feedwright never deletes
//! them, since subscribers may still poll them; the build report names them so the user can
//! redirect or remove them on purpose.
//!
//! A file counts when its name ends `.xml`, `.rss`, `.atom` or `.json` and its first bytes say
//! it is RSS, Atom or JSON Feed; links and other special files are never opened, and the walk
//! stops after [`MAX_FILES`] entries (a whole site's output folder can be large).

use std::io::Read;
use std::path::Path;

use crate::config::Site;
use crate::diagnostics::{display_path, shown};

/// The most entries of the output folder looked at.
const MAX_FILES: usize = 20_000;

/// How many bytes of a file are read to tell a feed.
const HEAD: u64 = 1024;

/// The report's lines for feed files in `site`'s output folder that no feed writes (`written`:
/// every file the site's feeds and archive pages write, relative to the output folder).
pub(super) fn notes(site: &Site, written: &[&str]) -> Vec<String> {
    let root = &site.output_dir;
    let walk = walkdir::WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name();
    let mut notes = Vec::new();
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
            notes.push(format!(
                "left in place: {} is a feed no [[feeds]] entry writes (removed from feeds.toml?): \
                 subscribers may still poll it; redirect or delete it when you are sure",
                shown(&display_path(entry.path()))
            ));
        }
    }
    notes
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
