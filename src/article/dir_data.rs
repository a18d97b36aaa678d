//! Eleventy's directory data files, for the keys feedwright reads.
//!
//! Eleventy gives every template in a folder the data of that folder's `dir/dir.json` and
//! `dir/dir.11tydata.json`, and of each folder above it (its data cascade, 11ty/eleventy
//! `src/Data/TemplateData.js` `getLocalDataPaths`): `blog/drafts/drafts.json` holding
//! `{"draft": true}` makes every post under `blog/drafts/` a draft. Under `preset = "eleventy"`,
//! [`DirData::load`] reads those files (JSON only: `.11tydata.js` is JavaScript and is not run)
//! for the folders of the site's records, and [`DirData`] is what one record inherits, merged
//! from the articles folder down: a deeper folder's value wins, tags add up. The record's own
//! front matter wins over all of them (`article::validate` applies it).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::front_matter::{Loose, RawPermalink, RawTags};
use super::record_file::open_record;
use crate::diagnostics::{display_path, Diagnostic};

/// Most bytes one data file may have: data files feedwright reads hold a few flags.
const MAX_DATA_BYTES: u64 = 1 << 20;

/// The keys of a directory data file feedwright reads.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct DirData {
    /// `draft`.
    pub draft: Option<Loose<bool>>,
    /// `tags`, added to the record's.
    pub tags: Option<Loose<RawTags>>,
    /// `permalink`: a literal link, or `false` (no page).
    pub permalink: Option<Loose<RawPermalink>>,
    /// `eleventyExcludeFromCollections`.
    #[serde(rename = "eleventyExcludeFromCollections")]
    pub exclude: Option<Loose<bool>>,
}

/// The merged data of every folder holding records, by folder (as walked).
pub type DirDataMap = BTreeMap<PathBuf, DirData>;

impl DirData {
    /// The data each of `folders` (below the articles folder `dir`, whose real path is `root`)
    /// inherits, merged from `dir` down. A data file that cannot be read or parsed is a warning.
    pub fn load(
        dir: &Path,
        root: &Path,
        folders: impl IntoIterator<Item = PathBuf>,
        warnings: &mut Vec<Diagnostic>,
    ) -> DirDataMap {
        let mut merged = DirDataMap::new();
        let mut wanted: Vec<PathBuf> = folders
            .into_iter()
            .flat_map(|f| {
                let ancestors: Vec<PathBuf> = f
                    .ancestors()
                    .take_while(|a| a.starts_with(dir))
                    .map(Path::to_path_buf)
                    .collect();
                ancestors
            })
            .collect();
        wanted.sort();
        wanted.dedup();
        // Sorted paths put each folder after its parent.
        for folder in wanted {
            let inherited = folder
                .parent()
                .and_then(|p| merged.get(p))
                .cloned()
                .unwrap_or_default();
            let own = own_files(&folder, root, warnings);
            let data = own.into_iter().fold(inherited, DirData::then);
            merged.insert(folder, data);
        }
        merged
    }

    /// `self` with `deeper`'s values over it; tags added after `self`'s.
    fn then(self, deeper: DirData) -> DirData {
        let tags = match (self.tags, deeper.tags) {
            (Some(Loose::Value(a)), Some(Loose::Value(b))) => {
                let mut all = many(a);
                all.extend(many(b));
                Some(Loose::Value(RawTags::Many(all)))
            }
            (a, b) => b.or(a),
        };
        DirData {
            draft: deeper.draft.or(self.draft),
            tags,
            permalink: deeper.permalink.or(self.permalink),
            exclude: deeper.exclude.or(self.exclude),
        }
    }

    /// The tags, as a list.
    pub fn tag_list(&self) -> Vec<String> {
        self.tags
            .as_ref()
            .and_then(Loose::get)
            .cloned()
            .map(many)
            .unwrap_or_default()
    }
}

fn many(tags: RawTags) -> Vec<String> {
    match tags {
        RawTags::Many(v) => v,
        RawTags::One(t) => vec![t],
    }
}

/// `folder/<folder>.json` and `folder/<folder>.11tydata.json`, in Eleventy's order (the
/// `.11tydata` file's values win).
fn own_files(folder: &Path, root: &Path, warnings: &mut Vec<Diagnostic>) -> Vec<DirData> {
    let Some(name) = folder.file_name().map(|n| n.to_string_lossy().into_owned()) else {
        return vec![];
    };
    [format!("{name}.json"), format!("{name}.11tydata.json")]
        .iter()
        .map(|file| folder.join(file))
        .filter(|path| path.is_file())
        .filter_map(|path| {
            let shown = display_path(&path);
            read(&shown, root).map_err(|d| warnings.push(d)).ok()
        })
        .collect()
}

/// One data file, through the records' own opener (no links out of the articles folder,
/// bounded).
fn read(shown: &Path, root: &Path) -> Result<DirData, Diagnostic> {
    let mut file = open_record(shown, root)?;
    let mut bytes = Vec::new();
    file.read_upto(&mut bytes, MAX_DATA_BYTES)?;
    serde_json::from_slice(&bytes).map_err(|e| {
        Diagnostic::warning(shown, format!("directory data file not read: {e}")).hint(
            "Eleventy reads it as JSON; fix it, or its draft, tags and permalink are not applied",
        )
    })
}
