//! Which files under the articles folder are articles, and what the others are.
//!
//! A site generator's content folder holds more than posts: section list pages (`_index.md`),
//! page bundles' images and notes, Jekyll pages outside `_posts`, drafts kept by file name,
//! formats feedwright does not read (`.mdx`, `.adoc`...). Read as articles they fail ("article
//! has no date"), and dropped silently they leave the user guessing. [`sort_out`] applies, in
//! order, the site's `include`/`exclude` globs, the conventions of the site's
//! [`Preset`] (each generator's own: see `preset_skip`) and the formats feedwright reads; every
//! content-like file it turns down is counted in a [`Skipped`] tally the build report prints.
//! Images and other assets are not content-like and are not counted. Some reasons are known
//! only once a record is read, and `validate::build` (or, for a page without front matter, the
//! loader) says them with the same [`Skip`], counted in the same tally: a page the generator
//! never lists (Eleventy's exclusion flags, Hugo's `headless` and `_build.list`), a draft
//! without a date, under the Hugo preset a page without front matter or without a date (Hugo
//! lists it dated year 1), and under the Zola preset a page without a date (Zola's feeds hold
//! dated pages only); an Eleventy file without a date is left out with a warning.
//! [`slug_stem`] is the one place that says a page bundle (`folder/index.md`) is named after
//! its folder.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use super::load::Found;
use super::BodyKind;
use crate::config::files::Refusal;
use crate::config::{Files, Preset, Site};
use crate::diagnostics::display_path;

/// Extensions of content formats feedwright does not read (Markdown dialects some generators
/// read are turned into records by [`markdown_under`]); files with them are counted, not read.
const CONTENT_LIKE: &[&str] = &[
    "mdx", "adoc", "asciidoc", "asc", "org", "rst", "pdc", "pandoc", "mdown", "mkd", "mkdn",
    "mkdown", "markdn", "textile", "ipynb",
];

/// True when a file with extension `ext` (lower case) looks like content feedwright skips.
pub fn is_content_like(ext: &str) -> bool {
    CONTENT_LIKE.contains(&ext)
}

/// Why a content-like file is not an article; the order is the report's.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Skip {
    /// Matches no `[site] include` pattern.
    NotIncluded,
    /// Matches a `[site] exclude` pattern.
    Excluded,
    /// A section or list page (`_index.md`, Hugo and Zola).
    Section,
    /// A file of a page bundle that is not its page (Hugo: every other file; Zola: non-`.md`).
    BundleResource,
    /// A draft by its name or folder (Jekyll `_drafts/`, Eleventy `_name.md`).
    DraftByName,
    /// A page in the folder of a Zola section whose `_index.md` sets `draft = true`.
    DraftSection,
    /// A Jekyll page outside `_posts`.
    OutsidePosts,
    /// A Jekyll file in `_posts` whose name does not start with `YYYY-MM-DD-`.
    Undated,
    /// A file in a generator's own folder (Eleventy `_includes`, `_data`).
    GeneratorFolder,
    /// Eleventy `eleventyExcludeFromCollections: true` (front matter or directory data).
    ExcludedFromCollections,
    /// Eleventy `permalink: false`: no page is written.
    NoPermalink,
    /// A draft without a date: drafts are not published, and this one has no date to be
    /// published at.
    UndatedDraft,
    /// A Hugo page without front matter: Hugo lists it with an empty title, dated year 1.
    NoFrontMatter,
    /// A Hugo or Zola page without a date, left out silently: Hugo dates it year 1 (after
    /// `date`, `publishDate`, `lastmod`), Zola's feeds hold dated pages only.
    NoDate,
    /// Eleventy: no date anywhere, where Eleventy takes the file's creation time (warned,
    /// with the record's other problems: see [`Skip::is_reported`]).
    NoDateWarned,
    /// A Hugo page kept out of lists: `headless: true`, or `_build.list` `never`.
    Unlisted,
    /// A content format feedwright does not read, by extension (lower case).
    Format(String),
}

impl Skip {
    /// True when the record is left out only for want of something it should have (an
    /// Eleventy file without a date): its problems are reported with the warning naming the
    /// fix. Any other record found, once read, not to be an article is not checked: what it
    /// says is dropped.
    pub fn is_reported(&self) -> bool {
        matches!(self, Skip::NoDateWarned)
    }
}

/// How many content-like files were skipped, and why: the build report's line.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Skipped {
    counts: BTreeMap<Skip, usize>,
    /// `[site] include` and `exclude`, as written (for the report).
    include: Option<String>,
    exclude: Option<String>,
}

impl Skipped {
    /// A tally for the site whose globs are `files`.
    pub fn new(files: &Files) -> Skipped {
        Skipped {
            counts: BTreeMap::new(),
            include: files.include.as_ref().map(|p| p.shown()),
            exclude: files.exclude.as_ref().map(|p| p.shown()),
        }
    }

    /// Counts one file skipped for `why`.
    pub fn add(&mut self, why: Skip) {
        *self.counts.entry(why).or_default() += 1;
    }

    /// Files skipped in all.
    pub fn total(&self) -> usize {
        self.counts.values().sum()
    }

    /// Files skipped for `why`.
    pub fn count(&self, why: &Skip) -> usize {
        self.counts.get(why).copied().unwrap_or(0)
    }

    fn label(&self, why: &Skip) -> Cow<'static, str> {
        let list = |l: &Option<String>| l.clone().unwrap_or_default();
        match why {
            Skip::NotIncluded => format!("not matched by include = {}", list(&self.include)).into(),
            Skip::Excluded => format!("excluded by exclude = {}", list(&self.exclude)).into(),
            Skip::Section => "section page(s) (_index)".into(),
            Skip::BundleResource => "page-bundle resource(s)".into(),
            Skip::DraftByName => "draft(s) by file name".into(),
            Skip::DraftSection => "page(s) in a draft section".into(),
            Skip::OutsidePosts => "page(s) outside _posts".into(),
            Skip::Undated => "file(s) in _posts without a YYYY-MM-DD- name".into(),
            Skip::GeneratorFolder => "file(s) in _includes or _data".into(),
            Skip::ExcludedFromCollections => "eleventyExcludeFromCollections: true".into(),
            Skip::NoPermalink => "permalink: false".into(),
            Skip::UndatedDraft => "draft(s) without a date".into(),
            Skip::NoDate => "page(s) without a date".into(),
            Skip::NoDateWarned => "file(s) without a date (see the warnings)".into(),
            Skip::NoFrontMatter => "page(s) without front matter".into(),
            Skip::Unlisted => "page(s) never listed (headless, _build.list)".into(),
            Skip::Format(ext) => format!(".{ext}").into(),
        }
    }
}

impl fmt::Display for Skipped {
    /// `feedwright: 5 content-like file(s) skipped: 3 .mdx, 2 excluded by exclude = ["x/**"]`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "feedwright: {} content-like file(s) skipped: ",
            self.total()
        )?;
        for (i, (why, n)) in self.counts.iter().enumerate() {
            let sep = if i == 0 { "" } else { ", " };
            write!(f, "{sep}{n} {}", self.label(why))?;
        }
        Ok(())
    }
}

/// Keeps the records of `found` (walked under `dir`) that are articles for `site`, and
/// counts the content-like files that are not. Warnings found by the walk are kept.
/// `drafts` are the folders (relative to `dir`) of Zola sections marked `draft = true`.
pub fn sort_out(
    found: Vec<Found>,
    dir: &Path,
    site: &Site,
    drafts: &BTreeSet<PathBuf>,
) -> (Vec<Found>, Skipped) {
    let mut skipped = Skipped::new(&site.files);
    let rel = |p: &Path| p.strip_prefix(dir).unwrap_or(p).to_path_buf();
    let bundles = bundle_folders(&found, &rel);
    let context = Context {
        preset: site.preset,
        in_posts: dir.components().any(|c| c.as_os_str() == "_posts"),
        bundles: &bundles,
        drafts,
    };
    let mut kept = Vec::with_capacity(found.len());
    for f in found {
        let (path, kind) = match f {
            Found::Record(path, kind) => (path, Ok(kind)),
            Found::Other(path, ext) => match markdown_under(site.preset, &ext) {
                Some(kind) => (path, Ok(kind)),
                None => (path, Err(ext)),
            },
            skipped @ Found::Skipped(_) => {
                kept.push(skipped);
                continue;
            }
        };
        let rel = rel(&path);
        let why = match site.files.admits(&rel) {
            Err(Refusal::NotIncluded) => Some(Skip::NotIncluded),
            Err(Refusal::Excluded) => Some(Skip::Excluded),
            Ok(()) => match (context.skip(&rel, &kind), kind) {
                (Verdict::Article, Ok(kind)) => {
                    kept.push(Found::Record(path, kind));
                    None
                }
                (Verdict::Article, Err(ext)) => Some(Skip::Format(ext)),
                (Verdict::Skip(why), _) => Some(why),
                (Verdict::Ignore, _) => None,
            },
        };
        if let Some(why) = why {
            skipped.add(why);
        }
    }
    (kept, skipped)
}

/// Markdown extensions a generator reads that feedwright's own rules do not.
fn markdown_under(preset: Option<Preset>, ext: &str) -> Option<BodyKind> {
    let markdown = match preset? {
        Preset::Hugo => matches!(ext, "mdown"),
        Preset::Jekyll => matches!(ext, "mkdown" | "mkdn" | "mkd"),
        Preset::Zola | Preset::Eleventy => false,
    };
    markdown.then_some(BodyKind::Markdown)
}

/// The folders (relative) holding an `index` record: page bundles.
fn bundle_folders(found: &[Found], rel: &dyn Fn(&Path) -> PathBuf) -> BTreeSet<PathBuf> {
    found
        .iter()
        .filter_map(|f| match f {
            Found::Record(p, _) if p.file_stem().is_some_and(|s| s == "index") => {
                rel(p).parent().map(Path::to_path_buf)
            }
            _ => None,
        })
        .filter(|dir| !dir.as_os_str().is_empty())
        .collect()
}

/// What a preset makes of one file.
#[derive(Debug, PartialEq, Eq)]
enum Verdict {
    /// An article (if feedwright reads its format).
    Article,
    /// Content-like, but not an article: counted.
    Skip(Skip),
    /// Not content for this generator at all: not counted.
    Ignore,
}

/// What [`preset_skip`] needs to know besides the file.
struct Context<'a> {
    preset: Option<Preset>,
    /// The articles folder is itself inside a Jekyll `_posts` folder.
    in_posts: bool,
    /// Page-bundle folders, relative to the articles folder.
    bundles: &'a BTreeSet<PathBuf>,
    /// Folders of Zola sections marked `draft = true`, relative to the articles folder.
    drafts: &'a BTreeSet<PathBuf>,
}

impl Context<'_> {
    fn skip(&self, rel: &Path, kind: &Result<BodyKind, String>) -> Verdict {
        match self.preset {
            None => Verdict::Article,
            Some(preset) => preset_skip(preset, rel, kind, self),
        }
    }

    /// The bundle folder `rel` is a resource of, if any (its own `index` page is not).
    fn in_bundle(&self, rel: &Path) -> bool {
        let parent = rel.parent().unwrap_or(Path::new(""));
        if self.bundles.contains(parent) && stem(rel) != "index" {
            return true;
        }
        parent.ancestors().skip(1).any(|a| self.bundles.contains(a))
    }

    /// True when `rel` is inside a draft section's folder, at any depth.
    fn in_draft_section(&self, rel: &Path) -> bool {
        let parent = rel.parent().unwrap_or(Path::new(""));
        parent.ancestors().any(|a| self.drafts.contains(a))
    }
}

fn stem(rel: &Path) -> Cow<'_, str> {
    rel.file_stem().unwrap_or_default().to_string_lossy()
}

fn name(rel: &Path) -> Cow<'_, str> {
    rel.file_name().unwrap_or_default().to_string_lossy()
}

/// Each generator's own rule for one file `rel` of kind `kind` (`Err(ext)`: a format
/// feedwright does not read).
fn preset_skip(
    preset: Preset,
    rel: &Path,
    kind: &Result<BodyKind, String>,
    cx: &Context<'_>,
) -> Verdict {
    let folders = || rel.parent().into_iter().flat_map(Path::components);
    let in_folder = |n: &str| folders().any(|c| c.as_os_str() == n);
    // No generator renders a `.txt` file as a page.
    if *kind == Ok(BodyKind::Text) {
        return Verdict::Ignore;
    }
    match preset {
        Preset::Hugo | Preset::Zola if stem(rel).starts_with("_index") => {
            Verdict::Skip(Skip::Section)
        }
        Preset::Hugo if cx.in_bundle(rel) => Verdict::Skip(Skip::BundleResource),
        Preset::Zola if cx.in_draft_section(rel) => Verdict::Skip(Skip::DraftSection),
        Preset::Zola if *kind != Ok(BodyKind::Markdown) && cx.in_bundle(rel) => {
            Verdict::Skip(Skip::BundleResource)
        }
        Preset::Jekyll if in_folder("_drafts") => Verdict::Skip(Skip::DraftByName),
        Preset::Jekyll if !cx.in_posts && !in_folder("_posts") => Verdict::Skip(Skip::OutsidePosts),
        Preset::Jekyll if folders().any(|c| jekyll_hidden(&c.as_os_str().to_string_lossy())) => {
            Verdict::Skip(Skip::OutsidePosts)
        }
        Preset::Jekyll if !jekyll_dated(&name(rel)) => Verdict::Skip(Skip::Undated),
        Preset::Eleventy if in_folder("_includes") || in_folder("_data") => {
            Verdict::Skip(Skip::GeneratorFolder)
        }
        Preset::Eleventy if name(rel).starts_with('_') => Verdict::Skip(Skip::DraftByName),
        _ => Verdict::Article,
    }
}

/// A folder Jekyll's reader never enters (`EntryFilter#special?`: a name starting with `.`,
/// `_`, `#` or `~`), other than `_posts` itself: `_site/`, `_private/_posts/` are not posts.
fn jekyll_hidden(folder: &str) -> bool {
    folder != "_posts" && folder.starts_with(['.', '_', '#', '~'])
}

/// Jekyll's post name: `YYYY-MM-DD-slug.ext` (`\d{2,4}-\d{1,2}-\d{1,2}-`, then a non-empty name).
fn jekyll_dated(name: &str) -> bool {
    let mut parts = name.splitn(4, '-');
    let digits = |s: Option<&str>, min, max| {
        s.is_some_and(|s| (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit()))
    };
    digits(parts.next(), 2, 4)
        && digits(parts.next(), 1, 2)
        && digits(parts.next(), 1, 2)
        && parts.next().is_some_and(|rest| !rest.is_empty())
}

/// The name an article's slug and file-name date come from: the file's stem, or for a page
/// bundle (`folder/index.md` below the articles folder) the folder's name, so
/// `2024-05-01-launch/index.md` is dated 2024-05-01 and named `launch` like
/// `2024-05-01-launch.md` would be.
pub fn slug_stem(path: &Path, site: &Site) -> String {
    let stem = path.file_stem().unwrap_or_default();
    let folder = path.parent().filter(|p| {
        stem == "index" && *p != display_path(&site.articles_dir) && p.file_name().is_some()
    });
    folder
        .and_then(Path::file_name)
        .unwrap_or(stem)
        .to_string_lossy()
        .into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(preset: &str) -> Site {
        let text = format!(
            "[site]\ntitle = \"T\"\nurl = \"https://x.org/\"\ndescription = \"D\"\n\
             author = {{ name = \"A\" }}\narticles = \"content\"\n{preset}"
        );
        Site::from_str(&text, Path::new("feeds.toml"), Path::new("")).unwrap()
    }

    fn sorted(preset: &str, dir: &str, files: &[&str]) -> (Vec<String>, Skipped) {
        let dir = Path::new(dir);
        let found = files
            .iter()
            .map(|f| {
                let ext = Path::new(f).extension().unwrap().to_str().unwrap();
                match BodyKind::from_extension(ext) {
                    Some(kind) => Found::Record(dir.join(f), kind),
                    None => Found::Other(dir.join(f), ext.into()),
                }
            })
            .collect();
        let (kept, skipped) = sort_out(found, dir, &site(preset), &BTreeSet::new());
        let kept = kept
            .into_iter()
            .map(|f| match f {
                Found::Record(p, _) => p.strip_prefix(dir).unwrap().display().to_string(),
                other => panic!("{other:?}"),
            })
            .collect();
        (kept, skipped)
    }

    #[test]
    fn jekyll_reads_posts_in_every_posts_folder_but_not_below_its_special_folders() {
        let (kept, skipped) = sorted(
            "preset = \"jekyll\"\n",
            "site",
            &[
                "_posts/2024-01-01-a.md",
                "news/_posts/2024-01-02-b.md",
                "Big Dir/sub/_posts/2013/2024-01-03-c.md",
                "_private/_posts/2024-01-04-d.md",
                "_posts/_notes/2024-01-05-e.md",
                "about.md",
            ],
        );
        assert_eq!(
            kept,
            [
                "_posts/2024-01-01-a.md",
                "news/_posts/2024-01-02-b.md",
                "Big Dir/sub/_posts/2013/2024-01-03-c.md"
            ]
        );
        assert_eq!(skipped.count(&Skip::OutsidePosts), 3);
    }

    #[test]
    fn jekyll_post_names_need_a_date_and_a_name() {
        assert!(jekyll_dated("2013-05-06-x.md"));
        assert!(jekyll_dated("2015-10-8-why.markdown"));
        assert!(!jekyll_dated("2013-05-06-"));
        assert!(!jekyll_dated("notes.md"));
        assert!(!jekyll_dated("2013-005-06-x.md"));
    }

    #[test]
    fn without_a_preset_every_record_is_read_and_other_formats_are_counted() {
        let (kept, skipped) = sorted(
            "",
            "content",
            &["_index.md", "a/index.md", "a/b.md", "c.mdx"],
        );
        assert_eq!(kept, ["_index.md", "a/index.md", "a/b.md"]);
        assert_eq!(
            skipped.to_string(),
            "feedwright: 1 content-like file(s) skipped: 1 .mdx"
        );
    }

    #[test]
    fn a_posts_folder_given_as_the_articles_folder_counts_as_posts() {
        let (kept, skipped) = sorted(
            "preset = \"jekyll\"\n",
            "docs/_posts",
            &[
                "2013-05-06-a.markdown",
                "b.md",
                "2013-05-07-c.mkdn",
                "2013-05-08-d.adoc",
            ],
        );
        assert_eq!(kept, ["2013-05-06-a.markdown", "2013-05-07-c.mkdn"]);
        assert_eq!(skipped.count(&Skip::Undated), 1);
        assert_eq!(skipped.count(&Skip::Format("adoc".into())), 1);
    }

    #[test]
    fn nested_folders_of_a_hugo_bundle_are_resources_too() {
        let (kept, skipped) = sorted(
            "preset = \"hugo\"\n",
            "content",
            &[
                "p/index.md",
                "p/sub/x.md",
                "p/sub/index.md",
                "q/_index.md",
                "q/r.md",
            ],
        );
        assert_eq!(kept, ["p/index.md", "q/r.md"]);
        assert_eq!(skipped.count(&Skip::BundleResource), 2);
        assert_eq!(skipped.count(&Skip::Section), 1);
    }

    #[test]
    fn a_bundle_takes_its_folders_name_but_the_top_index_keeps_its_own() {
        let site = site("");
        let stem = |p: &str| slug_stem(Path::new(p), &site);
        assert_eq!(
            stem("content/2024-05-01-launch/index.md"),
            "2024-05-01-launch"
        );
        assert_eq!(stem("content/a/b/index.html"), "b");
        assert_eq!(stem("content/index.md"), "index");
        assert_eq!(stem("content/a/post.md"), "post");
    }
}
