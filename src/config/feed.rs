//! The feeds a site builds: `[[feeds]]` tables validated into [`FeedSpec`]s.
//!
//! A feed names the files it writes (one per [`Format`]), which articles it keeps and how much
//! of each it carries. Output paths are the dangerous part: each must stay inside the output
//! folder, avoid feedwright's own files, be served at the URL its name says (no `%`, `?`, `#`,
//! `\`, `:` or control characters, which would make the feed's self link another URL than its
//! own) and be written by one feed only, also on a file system that ignores case; and no output
//! may be a file where another needs a folder. Without `[[feeds]]` the site gets one `main`
//! feed in every format.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path};

use super::archive::{self, Archive};
use super::files::{self, Files};
use super::hubs;
use super::per::{self, Per};
use super::podcast::{self, Podcast};
use super::raw::{clean, RawFeed};
use crate::diagnostics::Problems;

/// The three output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// RSS 2.0.
    Rss,
    /// Atom 1.0 (RFC 4287).
    Atom,
    /// JSON Feed 1.1.
    Json,
}

impl Format {
    /// The config key and report name of the format.
    pub fn key(self) -> &'static str {
        match self {
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::Json => "json",
        }
    }
}

/// Whether a feed carries full content or only summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentMode {
    /// Content and summary.
    Full,
    /// Summary only.
    Summary,
}

/// How an entry's id is made when the record does not write one (`id` in `[site]` and
/// `[[feeds]]`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum IdMode {
    /// A `tag:` URI from the site's host, the day and the slug (feedwright's default).
    #[default]
    Tag,
    /// The entry's link exactly (Hugo's, Zola's and Eleventy's feed templates).
    Link,
    /// jekyll-feed's `post.id | absolute_url`: the link's folder and the raw slug, with no
    /// trailing slash and no `.html` (jekyll `lib/jekyll/document.rb#id`).
    Jekyll,
}

impl IdMode {
    /// The mode named `name` in `feeds.toml`.
    pub fn parse(name: &str) -> Option<IdMode> {
        match name {
            "tag" => Some(IdMode::Tag),
            "link" => Some(IdMode::Link),
            "jekyll" => Some(IdMode::Jekyll),
            _ => None,
        }
    }
}

/// `id` in `[site]` or a `[[feeds]]` table (`which` names it in the message).
pub(crate) fn id_mode(
    raw: Option<&str>,
    which: &str,
    problems: &mut Problems<'_>,
) -> Option<IdMode> {
    let name = raw?;
    let mode = IdMode::parse(name);
    if mode.is_none() {
        problems.error(
            "id",
            format!("{which}id {name:?} is not \"tag\", \"link\" or \"jekyll\""),
            "use id = \"tag\" (feedwright's own), \"link\" (the permalink) or \"jekyll\" (jekyll-feed's)",
        );
    }
    mode
}

/// One `[[feeds]]` entry, validated.
#[derive(Debug, Clone)]
pub struct FeedSpec {
    /// Unique name.
    pub name: String,
    /// Feed title (defaults to the site's).
    pub title: String,
    /// Feed description (defaults to the site's).
    pub description: String,
    /// Files to write, relative to the output folder, one per format, in format order.
    pub outputs: Vec<(Format, String)>,
    /// Most entries; `None` for every article.
    pub limit: Option<usize>,
    /// Keep articles having any of these tags (empty: no filter).
    pub tags: Vec<String>,
    /// Keep articles by any of these authors (empty: no filter).
    pub authors: Vec<String>,
    /// Full content or summaries only.
    pub content: ContentMode,
    /// Longest summary, in characters.
    pub summary_length: usize,
    /// `include` and `exclude`: which of the site's article files this feed keeps.
    pub files: Files,
    /// How entry ids are made in this feed; `None`: the site's mode.
    pub id: Option<IdMode>,
    /// RFC 5005 archive pages (`archive`), if the feed keeps them.
    pub archive: Option<Archive>,
    /// `max_bytes`: the most bytes each of the feed's files may have; `None`: no budget.
    pub max_bytes: Option<MaxBytes>,
    /// `full_content`: only this many of the newest entries carry their content, the others
    /// only their summary; `None`: every entry does (in a full feed).
    pub full_content: Option<usize>,
    /// WebSub hubs the feed names and `feedwright ping` tells of its changes: its own `hubs`,
    /// else the site's (empty: none).
    pub hubs: Vec<url::Url>,
    /// `podcast`: the show's iTunes and Podcasting 2.0 tags; `None`: not a podcast.
    pub podcast: Option<Box<Podcast>>,
    /// `per`: this entry stands for one feed per tag or author (its output paths, title and
    /// description hold placeholders); `None` for a feed written as it is. A build replaces
    /// such an entry by the feeds it makes (see [`crate::feeds`]).
    pub per: Option<Per>,
    /// For a feed made by a `per` entry: which entry, for which value.
    pub generated: Option<per::Generated>,
}

/// A feed's size budget (`max_bytes`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MaxBytes {
    /// The most bytes each file may have.
    pub bytes: u64,
    /// The line of the config file that sets it, for the warnings placed there.
    pub line: Option<usize>,
}

/// Default summary length in characters.
pub const DEFAULT_SUMMARY_LENGTH: usize = 280;
/// Default number of entries per feed.
pub const DEFAULT_LIMIT: usize = 20;

/// What a feed takes from the site when it does not say.
pub(crate) struct Defaults<'a> {
    pub title: &'a str,
    pub description: &'a str,
    /// `[site] hubs`.
    pub hubs: &'a [url::Url],
}

#[cfg(test)]
impl FeedSpec {
    /// [`main_feed`] titled `t`, described `d`, without hubs: what unit tests change a field
    /// or two of.
    pub(crate) fn plain() -> FeedSpec {
        main_feed(&Defaults {
            title: "t",
            description: "d",
            hubs: &[],
        })
    }
}

/// The feeds of `[[feeds]]`, or the default `main` feed when the key is absent.
pub(crate) fn specs(
    raw: Option<Vec<RawFeed>>,
    defaults: &Defaults<'_>,
    problems: &mut Problems<'_>,
) -> Vec<FeedSpec> {
    let Some(raw) = raw else {
        return vec![main_feed(defaults)];
    };
    if raw.is_empty() {
        problems.error(
            "feeds",
            "`feeds` is empty",
            "add a [[feeds]] table or remove `feeds`",
        );
    }
    let mut names = BTreeSet::new();
    let mut files = Taken::default();
    raw.into_iter()
        .map(|f| spec(f, defaults, &mut names, &mut files, problems))
        .collect()
}

/// The feed a site without `[[feeds]]` gets (and the feed tests start from).
pub(crate) fn main_feed(defaults: &Defaults<'_>) -> FeedSpec {
    FeedSpec {
        name: "main".into(),
        title: defaults.title.to_string(),
        description: defaults.description.to_string(),
        outputs: vec![
            (Format::Rss, "rss.xml".into()),
            (Format::Atom, "atom.xml".into()),
            (Format::Json, "feed.json".into()),
        ],
        limit: Some(DEFAULT_LIMIT),
        tags: vec![],
        authors: vec![],
        content: ContentMode::Full,
        summary_length: DEFAULT_SUMMARY_LENGTH,
        files: Files::default(),
        id: None,
        archive: None,
        max_bytes: None,
        full_content: None,
        hubs: defaults.hubs.to_vec(),
        podcast: None,
        per: None,
        generated: None,
    }
}

/// One feed; `names` and `files` hold what the feeds before it took.
fn spec(
    mut f: RawFeed,
    defaults: &Defaults<'_>,
    names: &mut BTreeSet<String>,
    files: &mut Taken,
    problems: &mut Problems<'_>,
) -> FeedSpec {
    let name = name(&f.name, names, problems);
    let per = per::per(placed(&f.per), placed(&f.min_entries), &name, problems);
    let outputs = outputs(&f, &name, per.as_ref(), files, problems);
    if let (Some(p), Some(_)) = (&f.per, &f.archive) {
        problems.error_at(
            p.span().start,
            format!("feed {name:?}: archive pages are not made for feeds with `per`"),
            "remove archive from this entry, or write a [[feeds]] entry per value with its own \
             archive",
        );
        f.archive = None;
    }
    let archive = archive::archive(f.archive.take(), &name, &outputs, problems);
    for (format, pattern) in archive.iter().flat_map(|a| &a.paths) {
        if let Err((message, hint)) = files.take_pages(pattern, &name) {
            problems.error(
                "archive",
                format!("{message} ({} pages)", format.key()),
                hint,
            );
        }
    }
    let content = content(f.content.as_deref(), &name, problems);
    let summary_length = summary_length(f.summary_length, &name, problems);
    let files = files::files(f.include, f.exclude, &format!("feed {name:?}"), problems);
    let id = id_mode(f.id.as_deref(), &format!("feed {name:?}: "), problems);
    let max_bytes = max_bytes(f.max_bytes.as_ref(), &name, problems);
    let full_content = full_content(f.full_content.as_ref(), content, &name, problems);
    let hubs = hubs::hubs(f.hubs.as_deref(), &format!("feed {name:?}"), problems)
        .unwrap_or_else(|| defaults.hubs.to_vec());
    let podcast = podcast::podcast(f.podcast.take(), &name, &outputs, problems).map(Box::new);
    let (title, description) = (placed(&f.title), placed(&f.description));
    per::check_text("title", title, &name, per.as_ref(), problems);
    per::check_text("description", description, &name, per.as_ref(), problems);
    let title = title.map(|(t, _)| t.clone());
    let title = title.or_else(|| per.as_ref().map(|p| per::default_title(p.kind)));
    let description = description.map(|(d, _)| d.as_str());
    let clean_all =
        |v: Option<Vec<String>>| v.unwrap_or_default().iter().map(|t| clean(t)).collect();
    FeedSpec {
        title: title
            .as_deref()
            .map_or_else(|| defaults.title.to_string(), clean),
        description: description.map_or_else(|| defaults.description.to_string(), clean),
        outputs,
        limit: match f.limit.unwrap_or(DEFAULT_LIMIT) {
            0 => None,
            n => Some(n),
        },
        tags: clean_all(f.tags),
        authors: clean_all(f.authors),
        content,
        summary_length,
        files,
        id,
        archive,
        max_bytes,
        full_content,
        hubs,
        podcast,
        per,
        generated: None,
        name,
    }
}

/// A spanned key's value and where it starts.
fn placed<T>(v: &Option<toml::Spanned<T>>) -> per::Placed<'_, T> {
    v.as_ref().map(|v| (v.get_ref(), v.span().start))
}

/// The files of `specs` that collide with a file taken before them (in order: outputs, then
/// archive pages), as [`specs`] checks a config's feeds; each with the feed that writes it, the
/// message and its hint. `per` entries (patterns, not files) are skipped. For the feeds a build
/// makes from `per` entries, whose files are known once the articles are read.
pub(crate) fn collisions(specs: &[FeedSpec]) -> Vec<(String, String, &'static str)> {
    let mut taken = Taken::default();
    let mut found = Vec::new();
    for spec in specs.iter().filter(|s| s.per.is_none()) {
        let name = &spec.name;
        let pages = spec.archive.iter().flat_map(|a| &a.paths);
        let files = spec.outputs.iter().map(|(_, f)| (f, false));
        for (file, pages) in files.chain(pages.map(|(_, p)| (p, true))) {
            let took = match pages {
                false => taken.take(file, name),
                true => taken.take_pages(file, name),
            };
            if let Err((message, hint)) = took {
                found.push((name.clone(), message, hint));
            }
        }
    }
    found
}

/// The feed's name, which must be given and unique.
fn name(raw: &str, names: &mut BTreeSet<String>, problems: &mut Problems<'_>) -> String {
    let name = raw.trim().to_string();
    if name.is_empty() {
        problems.error(
            "name",
            "a feed has an empty name",
            "give each [[feeds]] a unique name",
        );
    } else if !names.insert(name.clone()) {
        problems.error(
            "name",
            format!("two feeds are named {name:?}"),
            "give each [[feeds]] a unique name",
        );
    }
    name
}

/// The files a feed writes, normalised; `files` holds every file taken so far.
fn outputs(
    f: &RawFeed,
    name: &str,
    per: Option<&Per>,
    files: &mut Taken,
    problems: &mut Problems<'_>,
) -> Vec<(Format, String)> {
    let mut outputs = Vec::new();
    for (format, file) in [
        (Format::Rss, &f.rss),
        (Format::Atom, &f.atom),
        (Format::Json, &f.json),
    ] {
        let Some(file) = file else { continue };
        let offset = file.span().start;
        let file = file.get_ref();
        per::check_path(file, format, offset, name, per, problems);
        match check_output_path(file) {
            Err(Refused { message, hint }) => {
                problems.error_at(offset, format!("feed {name:?}: {message}"), hint)
            }
            Ok(norm) => {
                // A pattern's files are taken once the articles say which there are.
                if per.is_none() {
                    if let Err((message, hint)) = files.take(&norm, name) {
                        problems.error_at(offset, message, hint);
                    }
                }
                outputs.push((format, norm));
            }
        }
    }
    if f.rss.is_none() && f.atom.is_none() && f.json.is_none() {
        problems.error(
            "name",
            format!("feed {name:?} writes no file"),
            "set at least one of rss, atom or json",
        );
    }
    outputs
}

/// Every output file taken so far and every folder those files need, by lower-case path (so
/// that `RSS.xml` and `rss.xml`, one file on macOS and Windows, collide), each with its path
/// as written and the feed that took it.
#[derive(Debug, Default)]
struct Taken {
    files: BTreeMap<String, (String, String)>,
    folders: BTreeMap<String, (String, String)>,
    /// Archive page patterns, each with the feed that took it.
    pages: Vec<(Archive, String)>,
}

impl Taken {
    /// Takes the output file `file` for `feed`, unless it collides with one taken before: then
    /// the error's message and hint.
    fn take(&mut self, file: &str, feed: &str) -> Result<(), (String, &'static str)> {
        let key = file.to_lowercase();
        let hint = "give every output its own file";
        if let Some((_, other)) = self.pages.iter().find(|(a, _)| a.holds(file)) {
            return Err((
                format!("feed {feed:?} writes {file:?}, a name of feed {other:?}'s archive pages"),
                hint,
            ));
        }
        if let Some((other_file, other)) = self.files.get(&key) {
            let message = if other_file == file {
                format!("feeds {other:?} and {feed:?} both write {file:?}")
            } else {
                format!(
                    "feeds {other:?} and {feed:?} write {other_file:?} and {file:?}, which are \
                     one file where case is ignored (macOS, Windows)"
                )
            };
            return Err((message, hint));
        }
        if let Some((folder_of, other)) = self.folders.get(&key) {
            return Err((needs_folder(file, feed, folder_of, other), hint));
        }
        for (i, _) in key.match_indices('/') {
            let folder = &key[..i];
            if let Some((other_file, other)) = self.files.get(folder) {
                return Err((needs_folder(other_file, other, file, feed), hint));
            }
        }
        for (i, _) in key.match_indices('/') {
            self.folders
                .entry(key[..i].to_string())
                .or_insert_with(|| (file.to_string(), feed.to_string()));
        }
        self.files.insert(key, (file.to_string(), feed.to_string()));
        Ok(())
    }
}

impl Taken {
    /// Takes the archive pages named by `pattern` (see [`Archive::holds`]) for `feed`, unless
    /// they collide with a file or pages taken before.
    fn take_pages(&mut self, pattern: &str, feed: &str) -> Result<(), (String, &'static str)> {
        let pages = Archive {
            page_size: 1,
            paths: vec![(Format::Rss, pattern.to_string())],
        };
        let hint = "give every feed's archive pages their own path";
        if let Some((file, (_, other))) = self.files.iter().find(|(k, _)| pages.holds(k)) {
            return Err((
                format!(
                    "feed {feed:?}'s archive pages include {file:?}, written by feed {other:?}"
                ),
                hint,
            ));
        }
        self.take(&pattern.replace("{n}", "1"), feed)?;
        self.pages.push((pages, feed.to_string()));
        Ok(())
    }
}

/// The message for a file (`file`, of feed `feed`) that another output (`inner`, of feed
/// `other`) needs as a folder.
fn needs_folder(file: &str, feed: &str, inner: &str, other: &str) -> String {
    format!("feeds {feed:?} and {other:?}: {file:?} is a file but {inner:?} needs it as a folder")
}

/// `content`: `full` (the default) or `summary`.
fn content(raw: Option<&str>, name: &str, problems: &mut Problems<'_>) -> ContentMode {
    match raw {
        None | Some("full") => ContentMode::Full,
        Some("summary") => ContentMode::Summary,
        Some(other) => {
            problems.error(
                "content",
                format!("feed {name:?}: content {other:?} is not \"full\" or \"summary\""),
                "use content = \"full\" or content = \"summary\"",
            );
            ContentMode::Full
        }
    }
}

/// `summary_length`: at least 10 characters.
fn summary_length(raw: Option<usize>, name: &str, problems: &mut Problems<'_>) -> usize {
    let summary_length = raw.unwrap_or(DEFAULT_SUMMARY_LENGTH);
    if summary_length < 10 {
        problems.error(
            "summary_length",
            format!("feed {name:?}: summary_length {summary_length} is too short"),
            "use 10 or more characters (default 280)",
        );
    }
    summary_length
}

/// How a size is written, for the hint of a `max_bytes` that is not one.
const SIZE_FORMS: &str = "write a number of bytes (524288) or a number and a unit: \"512 KB\" \
     (1000 bytes each), \"512 KiB\" (1024), \"1 MB\", \"1 MiB\", \"100 B\"";

/// `max_bytes`: a positive number of bytes, written as an integer or as a string with a unit
/// (see [`parse_size`]).
fn max_bytes(
    raw: Option<&toml::Spanned<toml::Value>>,
    name: &str,
    problems: &mut Problems<'_>,
) -> Option<MaxBytes> {
    let raw = raw?;
    let offset = raw.span().start;
    let bytes = match raw.get_ref() {
        toml::Value::Integer(n) => u64::try_from(*n).ok(),
        toml::Value::String(s) => parse_size(s),
        _ => None,
    };
    let written = raw.get_ref().to_string();
    match bytes {
        Some(0) => problems.error_at(
            offset,
            format!("feed {name:?}: max_bytes {written} leaves no room for a feed"),
            "set the most bytes each file of the feed may have, e.g. max_bytes = \"512 KB\"",
        ),
        Some(bytes) => {
            let line = problems.line_at(offset);
            return Some(MaxBytes { bytes, line });
        }
        None => problems.error_at(
            offset,
            format!("feed {name:?}: max_bytes {written} is not a size"),
            SIZE_FORMS,
        ),
    }
    None
}

/// The bytes a size means: a whole number, then (blanks allowed) `B`, `kB` or `KB` (1000),
/// `KiB` (1024), `MB` (1000²) or `MiB` (1024²), or no unit (bytes). `None` for anything else,
/// and for a size past `u64`.
pub(crate) fn parse_size(text: &str) -> Option<u64> {
    let text = text.trim();
    let digits = text
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(text.len());
    let number: u64 = text[..digits].parse().ok()?;
    let unit: u64 = match text[digits..].trim_start() {
        "" | "B" => 1,
        "kB" | "KB" => 1000,
        "KiB" => 1024,
        "MB" => 1_000_000,
        "MiB" => 1024 * 1024,
        _ => return None,
    };
    number.checked_mul(unit)
}

/// `full_content`: how many of the newest entries carry their content; only in a full feed.
fn full_content(
    raw: Option<&toml::Spanned<usize>>,
    content: ContentMode,
    name: &str,
    problems: &mut Problems<'_>,
) -> Option<usize> {
    let raw = raw?;
    let n = *raw.get_ref();
    if content == ContentMode::Summary {
        problems.error_at(
            raw.span().start,
            format!("feed {name:?}: full_content = {n} needs content = \"full\""),
            "a summary feed carries no content: remove full_content, or set content = \"full\"",
        );
    }
    Some(n)
}

/// Why an output path is refused, and how to fix it.
#[derive(Debug)]
pub(crate) struct Refused {
    pub(crate) message: String,
    pub(crate) hint: &'static str,
}

impl Refused {
    fn new(message: String) -> Refused {
        Refused {
            message,
            hint: "use a path inside the output folder, e.g. \"feeds/rss.xml\"",
        }
    }
}

/// Characters that make a file's URL another than its name says: `%` starts an escape, `?` a
/// query, `#` a fragment; `\` is a `/` to URL parsers and `:` can start a scheme.
fn changes_url(c: char) -> bool {
    matches!(c, '%' | '?' | '#' | '\\' | ':') || c.is_control()
}

/// Normalises an output path and checks that it stays inside the output folder and is served
/// at the URL its name says.
pub(crate) fn check_output_path(file: &str) -> Result<String, Refused> {
    let p = Path::new(file);
    if file.trim().is_empty() {
        return Err(Refused::new("output path is empty".into()));
    }
    if let Some(c) = file.chars().find(|&c| changes_url(c)) {
        return Err(Refused {
            message: format!("output path {file:?} has a character that changes its URL ({c})"),
            hint: "use letters, digits, `-`, `_`, `.` and `/` in output paths",
        });
    }
    let mut parts = Vec::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Err(Refused::new(format!(
                    "output path {file:?} escapes the output folder"
                )));
            }
        }
    }
    if parts.is_empty() || file.ends_with('/') {
        return Err(Refused::new(format!(
            "output path {file:?} is not a file name"
        )));
    }
    if parts.iter().any(|p| p.starts_with(".feedwright")) {
        return Err(Refused::new(format!(
            "output path {file:?} uses a name reserved by feedwright"
        )));
    }
    Ok(parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_paths_stay_inside_and_are_normalised() {
        assert_eq!(
            check_output_path("./feeds/rss.xml").unwrap(),
            "feeds/rss.xml"
        );
        for bad in [
            "",
            "../x.xml",
            "/etc/x.xml",
            "feeds/",
            ".",
            ".feedwright.lock",
            "%2e%2e/x.xml",
            "q?x=1.xml",
            "h#frag.xml",
            "back\\slash.xml",
            "javascript:alert(1).xml",
            "C:x.xml",
            "x\u{1b}[2J.xml",
        ] {
            assert!(check_output_path(bad).is_err(), "{bad}");
        }
        assert_eq!(check_output_path("a b/ç.xml").unwrap(), "a b/ç.xml");
    }

    #[test]
    fn sizes_are_bytes_or_a_number_and_a_decimal_or_binary_unit() {
        for (text, bytes) in [
            ("100", 100),
            ("100 B", 100),
            ("512 KB", 512_000),
            ("512kB", 512_000),
            ("512 KiB", 524_288),
            (" 1 MB ", 1_000_000),
            ("1MiB", 1_048_576),
            ("0 KB", 0),
        ] {
            assert_eq!(parse_size(text), Some(bytes), "{text:?}");
        }
        for bad in [
            "", "KB", "512 kb", "512 K", "1.5 MB", "-1 KB", "1 GB", "512 KB/s",
        ] {
            assert_eq!(parse_size(bad), None, "{bad:?}");
        }
        assert_eq!(parse_size("18446744073709551615 KB"), None, "past u64");
    }

    #[test]
    fn outputs_collide_ignoring_case_and_a_file_is_never_another_ones_folder() {
        let mut taken = Taken::default();
        taken.take("rss.xml", "a").unwrap();
        taken.take("feeds/atom.xml", "a").unwrap();
        let (same, _) = taken.take("rss.xml", "b").unwrap_err();
        assert_eq!(same, "feeds \"a\" and \"b\" both write \"rss.xml\"");
        let (case, _) = taken.take("RSS.xml", "b").unwrap_err();
        assert_eq!(
            case,
            "feeds \"a\" and \"b\" write \"rss.xml\" and \"RSS.xml\", which are one file \
             where case is ignored (macOS, Windows)"
        );
        let (inner, _) = taken.take("rss.xml/inner.xml", "b").unwrap_err();
        assert_eq!(
            inner,
            "feeds \"a\" and \"b\": \"rss.xml\" is a file but \"rss.xml/inner.xml\" needs it as a folder"
        );
        let (outer, _) = taken.take("Feeds", "c").unwrap_err();
        assert_eq!(
            outer,
            "feeds \"c\" and \"a\": \"Feeds\" is a file but \"feeds/atom.xml\" needs it as a folder"
        );
        taken.take("feeds/json.json", "c").unwrap();
        // Lower case may be longer than the name (İ): folders are cut where the lower case has `/`.
        taken.take("İİ/x.xml", "d").unwrap();
        assert!(taken.take("i̇i̇", "e").is_err());
    }
}
