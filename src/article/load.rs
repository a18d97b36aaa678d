//! Reading the `articles` folder: walk, read heads, split, parse and validate every record;
//! read bodies later, only for the articles that feeds use.
//!
//! The walk is recursive and sorted by file name, so the result never depends on directory order.
//! Records are parsed in parallel and merged back in walk order. Only the head of each file is
//! read at first (the front matter, or a plain-text record's title line): dates, tags and
//! authors are all that selection needs, so a large archive costs one small read per file.
//! [`load_bodies`] then reads the bodies of the selected articles. Every problem in every file is
//! collected (errors and warnings) so a single run reports them all; nothing here writes. Every
//! file is opened through [`open_record`], which keeps links, special files and files outside
//! the articles folder out, and bounds every read.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::dir_data::{DirData, DirDataMap};
use super::episode;
use super::files::{self, Skip, Skipped};
use super::front_matter::{self, RawFrontMatter, Syntax};
use super::record_file::{changed, io_error, linked_folder, open_record, special_file};
use super::validate::{build, Built, Parts};
use super::{Article, Body, BodyKind, BodyRef};
use crate::config::{Preset, Site};
use crate::diagnostics::{display_path, line_col, shown, Diagnostic};
use crate::text::{find_forbidden, strip_forbidden};

pub use super::record_file::MAX_RECORD_BYTES;
/// First read of a record; most front matter fits.
const FIRST_READ: usize = 1024;

/// The result of loading: the valid articles and every problem found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Valid articles in walk order.
    pub articles: Vec<Article>,
    /// Errors and warnings, in walk order.
    pub diagnostics: Vec<Diagnostic>,
    /// Number of record files read.
    pub files: usize,
    /// Content-like files that are not articles, counted for the report.
    pub skipped: Skipped,
}

/// What the walk found: a record to read, or something skipped with a warning.
#[derive(Debug)]
pub enum Found {
    /// A file named like a record (it is checked when it is opened, see [`open_record`]).
    Record(PathBuf, BodyKind),
    /// Something not read, and why (a symbolic link to a folder).
    Skipped(Diagnostic),
    /// A file in a content format feedwright does not read, and its extension (lower case):
    /// counted in the report, or read under a preset whose generator reads it (see
    /// [`files::sort_out`]).
    Other(PathBuf, String),
}

/// Finds the record files under `dir`: sorted, hidden entries skipped. Symbolic links to
/// folders are not followed (each is reported); everything else named like a record is
/// returned, to be opened (or refused) by [`open_record`], and files in other content formats
/// are returned as [`Found::Other`]. Which of them are articles is [`files::sort_out`]'s call.
pub fn discover(dir: &Path) -> Result<Vec<Found>, Diagnostic> {
    let shown = display_path(dir);
    if !dir.is_dir() {
        return Err(Diagnostic::error(&shown, "articles folder does not exist")
            .hint("create it, or point [site] articles at your records"));
    }
    // walkdir's own sorting compares entries by `file_name()`, which parses each path again
    // for every comparison; sorting the paths once at the end gives the same order (a sorted
    // depth-first walk is the paths' component-wise order) for a fraction of the cost.
    let mut found: Vec<(PathBuf, Found)> = Vec::new();
    let mut first_error: Option<(PathBuf, Diagnostic)> = None;
    let walker = walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(e) => {
                // The error the sorted walk would have met first: the smallest path.
                let at = e
                    .path()
                    .map_or_else(|| dir.to_path_buf(), Path::to_path_buf);
                if first_error
                    .as_ref()
                    .is_none_or(|(p, _)| walk_order(&at, p).is_lt())
                {
                    let d = Diagnostic::error(
                        display_path(&at),
                        format!(
                            "cannot read: {}",
                            e.io_error()
                                .map_or_else(|| e.to_string(), |io| io.to_string())
                        ),
                    );
                    first_error = Some((at, d));
                }
                continue;
            }
        };
        let path = entry.path();
        let file_type = entry.file_type();
        if file_type.is_dir() {
            continue;
        }
        // The walk already knows the type; only symbolic links need a stat.
        if file_type.is_symlink() && path.is_dir() {
            let skipped = Found::Skipped(linked_folder(&display_path(path)));
            found.push((path.to_path_buf(), skipped));
            continue;
        }
        let Some(ext) = path.extension().and_then(|e| e.to_str()) else {
            continue;
        };
        if let Some(kind) = BodyKind::from_extension(ext) {
            // A FIFO, socket or device named like a record is never opened.
            let one = match special_file(&display_path(path), file_type) {
                Some(warning) => Found::Skipped(warning),
                None => Found::Record(path.to_path_buf(), kind),
            };
            found.push((path.to_path_buf(), one));
        } else if files::is_content_like(&ext.to_ascii_lowercase()) {
            let other = Found::Other(path.to_path_buf(), ext.to_ascii_lowercase());
            found.push((path.to_path_buf(), other));
        }
    }
    if let Some((_, d)) = first_error {
        return Err(d);
    }
    found.sort_by_cached_key(|(path, _)| walk_key(path));
    Ok(found.into_iter().map(|(_, f)| f).collect())
}

/// The order of a sorted depth-first walk: file names compared byte by byte, folder by folder.
/// That is the paths' bytes compared with `/` below every other byte (no name holds `/` or
/// NUL), which is much cheaper than `Path`'s component-wise comparison.
fn walk_order(a: &Path, b: &Path) -> std::cmp::Ordering {
    use std::os::unix::ffi::OsStrExt;
    let (a, b) = (a.as_os_str().as_bytes(), b.as_os_str().as_bytes());
    let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let at = |p: &[u8]| p.get(same).map(|&c| if c == b'/' { 0 } else { c });
    at(a).cmp(&at(b))
}

/// A key whose byte order is [`walk_order`]: the path's bytes with `/` as the lowest byte (the
/// keys compare as fast as byte strings do, where `walk_order` would scan each shared prefix
/// again at every comparison).
fn walk_key(path: &Path) -> Vec<u8> {
    use std::os::unix::ffi::OsStrExt;
    let bytes = path.as_os_str().as_bytes().iter();
    bytes.map(|&c| if c == b'/' { 0 } else { c }).collect()
}

/// The articles folder's real path: records must stay inside it.
fn articles_root(dir: &Path) -> Result<PathBuf, Diagnostic> {
    std::fs::canonicalize(dir).map_err(io_error(&display_path(dir)))
}

/// Loads and validates every record of the site (heads only; bodies stay on disk).
pub fn load(site: &Site) -> Loaded {
    let found = discover(&site.articles_dir)
        .and_then(|found| Ok((found, articles_root(&site.articles_dir)?)));
    let (found, root) = match found {
        Ok(f) => f,
        Err(d) => {
            return Loaded {
                diagnostics: vec![d],
                ..Loaded::default()
            }
        }
    };
    let drafts = match site.preset {
        Some(Preset::Zola) => draft_sections(&found, &site.articles_dir, &root, site),
        _ => BTreeSet::new(),
    };
    let (found, mut skipped) = files::sort_out(found, &site.articles_dir, site, &drafts);
    let mut data_warnings = Vec::new();
    let data = dir_data(&found, site, &root, &mut data_warnings);
    let count = found
        .iter()
        .filter(|f| matches!(f, Found::Record(..)))
        .count();
    // Unzipped, so the articles can be compacted in place (100k articles: one array, not two).
    let (articles, rest): (Vec<Option<Article>>, Vec<Rest>) = found
        .into_par_iter()
        .map(|found| read_record(found, &root, site, &data))
        .unzip();
    let skipped_before = skipped.total();
    let mut diagnostics = data_warnings;
    for (diags, why) in rest {
        diagnostics.extend(diags);
        if let Some(why) = why {
            skipped.add(why);
        }
    }
    let loaded = Loaded {
        // A page skipped once read is not an article file.
        files: count - (skipped.total() - skipped_before),
        articles: if articles.iter().all(Option::is_some) {
            // Same layout, so this reuses the array instead of copying it.
            articles.into_iter().map(|a| a.expect("checked")).collect()
        } else {
            articles.into_iter().flatten().collect()
        },
        diagnostics,
        skipped,
    };
    let mut loaded = loaded;
    let dups = duplicates(&loaded.articles, site.url.as_str());
    loaded.diagnostics.extend(dups);
    loaded
}

/// Articles that would be one: two with one id (readers merge them into one entry), or two of
/// the site's own pages with one link (one page would overwrite the other, and readers open
/// the same page for both). Links elsewhere (link posts) may repeat.
fn duplicates(articles: &[Article], site_url: &str) -> Vec<Diagnostic> {
    // Looked up in the order of `articles`, so which one is "already used" is the same in every
    // run; hashed, since ids and links share long prefixes that a sorted map compares again and
    // again.
    let mut ids: HashMap<&str, &Path> = HashMap::with_capacity(articles.len());
    let mut links: HashMap<&str, &Path> = HashMap::with_capacity(articles.len());
    let mut dups = Vec::new();
    for a in articles {
        if let Some(first) = ids.insert(&a.id, &a.path) {
            dups.push(
                Diagnostic::error(
                    &a.path,
                    format!("id {:?} is already used by {}", a.id, shown(first)),
                )
                .hint("give one of them another `slug` or an explicit `id`"),
            );
        } else if !a.link.starts_with(site_url) {
            continue;
        } else if let Some(first) = links.insert(&a.link, &a.path) {
            dups.push(
                Diagnostic::error(
                    &a.path,
                    format!("link {:?} is already the link of {}", a.link, shown(first)),
                )
                .hint(
                    "two articles cannot be one page: give one of them another `slug`, or put \
                     the date in the permalink (e.g. permalink = \"/{year}/{slug}/\")",
                ),
            );
        }
    }
    dups
}

/// What became of one found file: the article, or the problems and why it is not one.
type Rest = (Vec<Diagnostic>, Option<Skip>);

/// Reads and parses one record found by the walk (`data`: Eleventy's directory data by folder).
/// A record found not to be an article is counted by its [`Skip`], its problems dropped unless
/// [`Skip::is_reported`].
fn read_record(
    found: Found,
    root: &Path,
    site: &Site,
    data: &DirDataMap,
) -> (Option<Article>, Rest) {
    let (path, kind) = match found {
        Found::Record(path, kind) => (path, kind),
        Found::Skipped(d) => return (None, (vec![d], None)),
        // `sort_out` keeps records and warnings only.
        Found::Other(..) => return (None, (Vec::new(), None)),
    };
    let data = path.parent().and_then(|p| data.get(p));
    let shown = display_path(&path);
    drop(path);
    let mut diags = Vec::new();
    let article = match read_head(&shown, root, kind) {
        Ok(head) => parse_head(&head, &shown, kind, (site, data), &mut diags),
        Err(d) => {
            diags.push(d);
            Err(None)
        }
    };
    // Its media files are read (their size) once the record is known to be an article.
    let article = article.and_then(|mut a| match a.episode.as_deref_mut() {
        Some(episode) => {
            let problems = episode::resolve(episode, root, &shown);
            if problems.is_empty() {
                Ok(a)
            } else {
                diags.extend(problems);
                Err(None)
            }
        }
        None => Ok(a),
    });
    match article {
        // What a record that is not an article says is not checked, unless it is left out
        // only for want of a date it should have (its warning names the fix).
        Err(Some(why)) if !why.is_reported() => (None, (Vec::new(), Some(why))),
        article => {
            diags.sort_by_key(|d| d.position);
            match article {
                Ok(a) => (Some(a), (diags, None)),
                Err(why) => (None, (diags, why)),
            }
        }
    }
}

/// Under the Eleventy preset, the directory data each folder of `found`'s records inherits.
fn dir_data(
    found: &[Found],
    site: &Site,
    root: &Path,
    warnings: &mut Vec<Diagnostic>,
) -> DirDataMap {
    if site.vocabulary.preset != Some(Preset::Eleventy) {
        return DirDataMap::new();
    }
    let folders = found.iter().filter_map(|f| match f {
        Found::Record(p, _) => p.parent().map(Path::to_path_buf),
        _ => None,
    });
    DirData::load(&site.articles_dir, root, folders, warnings)
}

/// The folders (relative to `dir`) of the Zola sections whose `_index.md` sets `draft = true`:
/// Zola skips such a folder whole (`Site::load` in zola `components/site/src/lib.rs`). A section
/// page that cannot be read or parsed counts as no draft here (it is no article either).
fn draft_sections(found: &[Found], dir: &Path, root: &Path, site: &Site) -> BTreeSet<PathBuf> {
    found
        .iter()
        .filter_map(|f| match f {
            Found::Record(p, kind) if p.file_name().is_some_and(|n| n == "_index.md") => {
                Some((p, *kind))
            }
            _ => None,
        })
        .filter(|(p, kind)| is_draft_section(p, *kind, root, site))
        .filter_map(|(p, _)| Some(p.strip_prefix(dir).ok()?.parent()?.to_path_buf()))
        .collect()
}

/// True when the section page `path` sets `draft = true`.
fn is_draft_section(path: &Path, kind: BodyKind, root: &Path, site: &Site) -> bool {
    let shown = display_path(path);
    let Ok(head) = read_head(&shown, root, kind) else {
        return false;
    };
    let Some((syntax, src, line)) = front_matter::split(&head.text).ok().and_then(|s| s.front)
    else {
        return false;
    };
    front_matter::parse(
        syntax,
        &strip_forbidden(src),
        line,
        &shown,
        &site.vocabulary,
    )
    .is_ok_and(|(front, _)| front.draft == Some(true))
}

/// The start of a record, read just far enough to hold its front matter (or title line).
struct Head {
    /// Valid UTF-8 text from the start of the file (BOM removed), whole lines only.
    text: String,
    /// Bytes of BOM before `text`.
    bom: u64,
    /// File length and mtime when read.
    len: u64,
    modified: Option<std::time::SystemTime>,
}

fn utf8_error(shown: &Path, valid: &[u8], line_offset: usize) -> Diagnostic {
    let lossy = String::from_utf8_lossy(valid);
    let (line, col) = line_col(&lossy, lossy.len());
    Diagnostic::error(shown, "file is not valid UTF-8 text")
        .at(line + line_offset, col)
        .hint("save it as UTF-8, or move binary files out of the articles folder")
}

/// True when `text` (whole lines, or the whole file when `eof`) holds everything the head
/// parser needs.
fn head_is_complete(text: &str, kind: BodyKind, eof: bool) -> bool {
    if eof {
        return true;
    }
    let first = text.split('\n').next().unwrap_or("");
    match first.trim_end() {
        open @ ("+++" | "---" | "---json") => text[first.len()..]
            .split('\n')
            .skip(1)
            .any(|l| l.trim_end() == &open[..3]),
        _ if kind == BodyKind::Text => text.lines().any(|l| !l.trim().is_empty()),
        _ => !text.trim().is_empty(),
    }
}

/// Reads the head of the record `shown` (inside the canonical articles folder `root`).
fn read_head(shown: &Path, root: &Path, kind: BodyKind) -> Result<Head, Diagnostic> {
    let mut file = open_record(shown, root)?;
    let len = file.len();
    let mut buf: Vec<u8> = Vec::with_capacity(FIRST_READ.min(len as usize + 1));
    let mut want = FIRST_READ;
    loop {
        let eof = file.read_upto(&mut buf, want as u64)?;
        let bom = if buf.starts_with(b"\xEF\xBB\xBF") {
            3
        } else {
            0
        };
        let bytes = &buf[bom..];
        // Invalid UTF-8 after the head is not the head's problem: the body is checked if and
        // when a feed needs it (and always by `check`).
        let (valid, bad_at) = match std::str::from_utf8(bytes) {
            Ok(t) => (t, None),
            Err(e) => {
                let valid = std::str::from_utf8(&bytes[..e.valid_up_to()]).expect("valid prefix");
                let definite = e.error_len().is_some() || eof;
                (valid, definite.then_some(e.valid_up_to()))
            }
        };
        let at_end = eof && bad_at.is_none();
        // Only whole lines count until the end of the file.
        let whole = if at_end {
            valid
        } else {
            &valid[..valid.rfind('\n').map_or(0, |i| i + 1)]
        };
        if head_is_complete(whole, kind, at_end) {
            return Ok(Head {
                text: whole.to_string(),
                bom: bom as u64,
                len,
                modified: file.modified(),
            });
        }
        if let Some(at) = bad_at {
            return Err(utf8_error(shown, &bytes[..at], 0));
        }
        want *= 4;
    }
}

/// Warns about characters feeds cannot carry; says whether there were any.
fn warn_forbidden(
    text: &str,
    shown: &Path,
    line_offset: usize,
    diags: &mut Vec<Diagnostic>,
) -> bool {
    let found = find_forbidden(text);
    if let Some(first) = found {
        let removed = text
            .chars()
            .filter(|&c| crate::text::is_forbidden(c))
            .count();
        let (line, col) = line_col(text, first);
        diags.push(
            Diagnostic::warning(shown, format!("removed {removed} control or non-character code point(s) that feeds cannot carry"))
                .at(line + line_offset, col)
                .hint("delete them from the file (NUL, DEL, C0/C1 controls, U+FFFE, ...)"),
        );
    }
    found.is_some()
}

/// A record parsed: an article, or why not (`Some`: not an article, counted; `None`: invalid,
/// its errors pushed).
type Outcome<T> = Result<T, Option<Skip>>;

fn parse_head(
    head: &Head,
    shown: &Path,
    kind: BodyKind,
    site: (&Site, Option<&DirData>),
    diags: &mut Vec<Diagnostic>,
) -> Outcome<Article> {
    let (mut article, body_offset, body_line) = parse_parts(&head.text, shown, kind, site, diags)?;
    let _ = warn_forbidden(&head.text[..body_offset], shown, 0, diags);
    article.body = Body::Deferred(BodyRef {
        offset: head.bom + body_offset as u64,
        line: body_line,
        len: head.len,
        modified: head.modified,
    });
    Ok(article)
}

/// Parses one whole record held in memory (used by tests and tools; the loader reads heads).
pub fn parse_record(
    text: &str,
    shown: &Path,
    kind: BodyKind,
    site: &Site,
    diags: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let forbidden = warn_forbidden(text, shown, 0, diags);
    let (mut article, body_offset, _) = parse_parts(text, shown, kind, (site, None), diags).ok()?;
    article.body = Body::Text(clean_body(text[body_offset..].to_string(), forbidden));
    Some(article)
}

/// The body without forbidden characters (when `forbidden` says it has some) and with `\n`
/// line ends; no copy when there is nothing to change.
fn clean_body(body: String, forbidden: bool) -> String {
    let body = if forbidden {
        strip_forbidden(&body).into_owned()
    } else {
        body
    };
    if body.contains('\r') {
        body.replace("\r\n", "\n")
    } else {
        body
    }
}

/// Splits and parses a record's head; returns the article (body empty) and where its body
/// starts (byte offset into `text`, and line). Under the Hugo preset a page without front
/// matter is not an article (Hugo lists it untitled, dated year 1): skipped, not an error.
fn parse_parts(
    text: &str,
    shown: &Path,
    kind: BodyKind,
    (site, data): (&Site, Option<&DirData>),
    diags: &mut Vec<Diagnostic>,
) -> Outcome<(Article, usize, usize)> {
    let split = match front_matter::split(text) {
        Ok(s) => s,
        Err(m) => {
            diags.push(
                Diagnostic::error(shown, m)
                    .at(1, 1)
                    .hint("close the front matter with the same fence line"),
            );
            return Err(None);
        }
    };
    let head = match split.front {
        Some(front) => {
            let body_offset = text.len() - split.body.len();
            front_head(front, body_offset, split.body_line, shown, site, diags).ok_or(None)?
        }
        None if kind == BodyKind::Text => title_line_head(text),
        None if site.preset == Some(Preset::Hugo) => return Err(Some(Skip::NoFrontMatter)),
        None => {
            diags.push(no_front_matter(text, shown));
            return Err(None);
        }
    };
    let parts = Parts {
        path: shown,
        kind,
        front: head.front,
        front_src: head.front_src,
        body: Body::Text(String::new()),
        body_line: head.body_line,
        fallback_title: head.fallback_title,
        data,
    };
    match build(parts, site, diags) {
        Built::Article(article) => Ok((article, head.body_offset, head.body_line)),
        Built::Skipped(why) => Err(Some(why)),
        Built::Invalid => Err(None),
    }
}

/// What a record's head says, parsed, and where its body starts.
struct ParsedHead<'a> {
    front: RawFrontMatter,
    /// Front-matter source and the file line it starts on.
    front_src: Option<(Syntax, &'a str, usize)>,
    /// A plain-text record's title line.
    fallback_title: Option<String>,
    /// Byte offset and line of the body.
    body_offset: usize,
    body_line: usize,
}

/// Parses a front-matter block, warning about keys the site's vocabulary does not know.
fn front_head<'a>(
    (syntax, src, line): (Syntax, &'a str, usize),
    body_offset: usize,
    body_line: usize,
    shown: &Path,
    site: &Site,
    diags: &mut Vec<Diagnostic>,
) -> Option<ParsedHead<'a>> {
    let src_clean = strip_forbidden(src);
    let vocabulary = &site.vocabulary;
    let (front, warnings) = front_matter::parse(syntax, &src_clean, line, shown, vocabulary)
        .map_err(|d| diags.push(d))
        .ok()?;
    diags.extend(warnings);
    Some(ParsedHead {
        front,
        front_src: Some((syntax, src, line)),
        fallback_title: None,
        body_offset,
        body_line,
    })
}

/// A plain-text record without front matter: the first non-empty line is the title; the body
/// follows it.
fn title_line_head(text: &str) -> ParsedHead<'_> {
    let mut offset = 0;
    let mut line_no = 1;
    let mut title = None;
    for line in text.split_inclusive('\n') {
        offset += line.len();
        line_no += 1;
        if !line.trim().is_empty() {
            title = Some(crate::text::fold(&strip_forbidden(line)));
            break;
        }
    }
    ParsedHead {
        front: RawFrontMatter::default(),
        front_src: None,
        fallback_title: title,
        body_offset: offset,
        body_line: line_no,
    }
}

/// The error for a Markdown or HTML record without front matter.
fn no_front_matter(text: &str, shown: &Path) -> Diagnostic {
    if text.trim().is_empty() {
        Diagnostic::error(shown, "file is empty")
            .hint("write front matter and a body, or delete the file")
    } else {
        Diagnostic::error(shown, "record has no front matter")
            .at(1, 1)
            .hint("start the file with a +++ (TOML) or --- (YAML) block holding at least title and date")
    }
}

/// Reads the bodies of `articles[i]` for every `i` in `which` (in parallel), each through
/// [`open_record`] again. Problems (a file that is no longer valid UTF-8, or that changed since
/// its head was read) are returned.
pub fn load_bodies(site: &Site, articles: &mut [Article], which: &[usize]) -> Vec<Diagnostic> {
    let wanted: std::collections::BTreeSet<usize> = which.iter().copied().collect();
    if wanted.is_empty() {
        return Vec::new();
    }
    let root = match articles_root(&site.articles_dir) {
        Ok(root) => root,
        Err(d) => return vec![d],
    };
    let results: Vec<(usize, Result<BodyRead, Diagnostic>)> = wanted
        .par_iter()
        .filter_map(|&i| match &articles[i].body {
            Body::Deferred(r) => Some((i, read_body(r, &articles[i].path, &root))),
            Body::Text(_) => None,
        })
        .collect();
    let mut diags = Vec::new();
    for (i, r) in results {
        match r {
            Ok((text, warnings)) => {
                diags.extend(warnings);
                articles[i].body = Body::Text(text);
            }
            Err(d) => diags.push(d),
        }
    }
    diags
}

/// A body's text and the warnings its reading raised.
type BodyRead = (String, Vec<Diagnostic>);

fn read_body(r: &BodyRef, shown: &Path, root: &Path) -> Result<BodyRead, Diagnostic> {
    let mut file = open_record(shown, root)?;
    if file.len() != r.len || file.modified() != r.modified {
        return Err(changed(shown));
    }
    file.seek_to(r.offset)?;
    let mut bytes = Vec::with_capacity(r.len.saturating_sub(r.offset) as usize);
    file.read_upto(&mut bytes, u64::MAX)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        utf8_error(
            shown,
            &e.as_bytes()[..e.utf8_error().valid_up_to()],
            r.line - 1,
        )
    })?;
    let mut warnings = Vec::new();
    let forbidden = warn_forbidden(&text, shown, r.line - 1, &mut warnings);
    Ok((clean_body(text, forbidden), warnings))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walk_order_is_a_sorted_depth_first_walk() {
        let mut paths: Vec<PathBuf> = ["r/ab", "r/a-c", "r/a/x", "r/a/b/c", "r/a/b.md"]
            .iter()
            .map(PathBuf::from)
            .collect();
        paths.sort_by(|a, b| walk_order(a, b));
        let want = ["r/a/b/c", "r/a/b.md", "r/a/x", "r/a-c", "r/ab"];
        assert_eq!(paths, want.iter().map(PathBuf::from).collect::<Vec<_>>());
        // The same order as walkdir's own sorted walk.
        let dir = tempfile::tempdir().unwrap();
        for p in ["a/b/c", "a/b.md", "a/x", "a-c", "ab", "a.b"] {
            let p = dir.path().join(p);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        let walked: Vec<PathBuf> = walkdir::WalkDir::new(dir.path())
            .sort_by_file_name()
            .into_iter()
            .map(|e| e.unwrap().into_path())
            .filter(|p| p.is_file())
            .collect();
        let mut sorted = walked.clone();
        sorted.reverse();
        sorted.sort_by(|a, b| walk_order(a, b));
        assert_eq!(sorted, walked);
        sorted.reverse();
        sorted.sort_by_cached_key(|p| walk_key(p));
        assert_eq!(sorted, walked);
    }
}
