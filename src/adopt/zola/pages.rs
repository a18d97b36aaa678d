//! Which pages a Zola section's feed holds: `section.pages`, as zola
//! `components/content/src/library.rs` `populate_sections` fills it.
//!
//! A page belongs to the section of its folder (a bundle `dir/index.md` to the folder above
//! `dir`), and climbs to the parent section while its section is `transparent`. A page in a
//! folder without `_index.md` belongs to no section, and a `render = false` page to none:
//! both stay in the site feed but not in a section's. A section feed written as globs
//! (`include = ["blog/**"]`) takes them too, so [`left_out`] lists the globs that leave them
//! out: one per folder of section-less pages, one per `render = false` page.

use std::collections::BTreeSet;

use super::{at, parent, Section};
use crate::adopt::Tree;

/// A page under `content/`.
pub(super) struct Page {
    /// Its path below `content/`.
    file: String,
    /// The folder whose `_index.md` would make its section (for a bundle, above its folder).
    home: String,
    /// A bundle's `index.md`.
    bundle: bool,
    /// `render = false`: in no section.
    hidden: bool,
}

/// Every page under `content/` (Markdown, not a section page), with its front matter's `render`.
pub(super) fn pages(tree: &dyn Tree, sections: &[Section]) -> Vec<Page> {
    let is_section = |dir: &str| sections.iter().any(|s| s.dir == dir);
    let mut found = vec![];
    for f in tree.files() {
        let Some(rest) = f.strip_prefix("content/") else {
            continue;
        };
        let name = rest.rsplit('/').next().unwrap_or(rest);
        if !name.ends_with(".md") || name.starts_with("_index") {
            continue;
        }
        let folder = parent(rest);
        // `FileInfo::new_page`: an `index.md` below a folder that is not a section is a
        // bundle, whose folder is its name.
        let bundle = name == "index.md" && !folder.is_empty() && !is_section(folder);
        let home = if bundle { parent(folder) } else { folder };
        let hidden = tree
            .read(f)
            .and_then(|t| super::front_matter(&t))
            .and_then(|m| at(&m, "render").and_then(serde_json::Value::as_bool))
            == Some(false);
        found.push(Page {
            file: rest.to_string(),
            home: home.to_string(),
            bundle,
            hidden,
        });
    }
    found
}

/// The sections a page in `home` is listed in: its own, then up through transparent ones.
fn sections_of<'a>(home: &'a str, sections: &[Section]) -> Vec<&'a str> {
    let mut dir = home;
    let mut chain = vec![];
    while let Some(s) = sections.iter().find(|s| s.dir == dir) {
        chain.push(dir);
        if !s.transparent() || dir.is_empty() {
            break;
        }
        dir = parent(dir);
    }
    chain
}

/// The `exclude` globs keeping out of section `s`'s feed the pages its globs take but
/// `section.pages` does not hold; `skipped` are the sub-section folders already excluded.
pub(super) fn left_out(
    s: &Section,
    pages: &[Page],
    sections: &[Section],
    skipped: &[String],
) -> Vec<String> {
    let inside = |p: &Page| {
        (s.dir.is_empty() || p.file.starts_with(&format!("{}/", s.dir)))
            && !skipped.iter().any(|d| p.file.starts_with(&format!("{d}/")))
    };
    let bundles: BTreeSet<&str> = pages
        .iter()
        .filter(|p| p.bundle)
        .map(|p| parent(&p.file))
        .collect();
    let mut globs = BTreeSet::new();
    let mut files = BTreeSet::new();
    for p in pages.iter().filter(|p| inside(p)) {
        if !sections_of(&p.home, sections).contains(&s.dir.as_str()) {
            if bundles.contains(p.home.as_str()) {
                // A page beside a bundle's index.md: that index.md may belong, so by name.
                files.insert(p.file.clone());
            } else if p.bundle {
                globs.insert(format!("{}/*/index.md", p.home));
            } else {
                globs.insert(format!("{}/*.md", p.home));
            }
        } else if p.hidden {
            files.insert(p.file.clone());
        }
    }
    let globs = globs
        .into_iter()
        .map(|g| g.trim_start_matches('/').to_string());
    globs.chain(files).collect()
}
