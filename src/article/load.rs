//! Reading the `articles` folder: walk, read, split, parse and validate every record.
//!
//! The walk is recursive and sorted by file name, so the result never depends on directory order.
//! Records are parsed in parallel and merged back in walk order. Every problem in every file is
//! collected (errors and warnings) so a single run reports them all; nothing here writes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::front_matter;
use super::{build, Article, BodyKind, Parts};
use crate::config::Site;
use crate::diagnostics::{did_you_mean, display_path, line_col, Diagnostic};
use crate::text::{is_forbidden, strip_forbidden};

/// Largest record feedwright reads.
pub const MAX_RECORD_BYTES: u64 = 32 * 1024 * 1024;

/// The result of loading: the valid articles and every problem found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// Valid articles in walk order.
    pub articles: Vec<Article>,
    /// Errors and warnings, in walk order.
    pub diagnostics: Vec<Diagnostic>,
    /// Number of record files read.
    pub files: usize,
}

/// Finds the record files under `dir`: sorted, hidden entries skipped.
pub fn discover(dir: &Path) -> Result<Vec<(PathBuf, String, BodyKind)>, Diagnostic> {
    let shown = display_path(dir);
    if !dir.is_dir() {
        return Err(Diagnostic::error(&shown, "articles folder does not exist")
            .hint("create it, or point [site] articles at your records"));
    }
    let mut found = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.depth() == 0 || !e.file_name().to_string_lossy().starts_with('.'));
    for entry in walker {
        let entry = entry.map_err(|e| {
            let p = e.path().map(display_path).unwrap_or_else(|| shown.clone());
            Diagnostic::error(
                p,
                format!(
                    "cannot read: {}",
                    e.io_error()
                        .map_or_else(|| e.to_string(), |io| io.to_string())
                ),
            )
        })?;
        let path = entry.path();
        let Some(kind) = path
            .extension()
            .and_then(|e| e.to_str())
            .and_then(BodyKind::from_extension)
        else {
            continue;
        };
        if !path.is_file() {
            continue;
        }
        let rel = path
            .strip_prefix(dir)
            .unwrap_or(path)
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        found.push((path.to_path_buf(), rel, kind));
    }
    Ok(found)
}

/// Loads and validates every record of the site.
pub fn load(site: &Site) -> Loaded {
    let files = match discover(&site.articles_dir) {
        Ok(f) => f,
        Err(d) => {
            return Loaded {
                diagnostics: vec![d],
                ..Loaded::default()
            }
        }
    };
    let results: Vec<(Option<Article>, Vec<Diagnostic>)> = files
        .par_iter()
        .map(|(path, rel, kind)| {
            let shown = display_path(path);
            let mut diags = Vec::new();
            let article = match read(path, &shown) {
                Ok(text) => parse_record(&text, &shown, rel.clone(), *kind, site, &mut diags),
                Err(d) => {
                    diags.push(d);
                    None
                }
            };
            diags.sort_by_key(|d| d.position);
            (article, diags)
        })
        .collect();
    let mut loaded = Loaded {
        files: files.len(),
        ..Loaded::default()
    };
    for (article, diags) in results {
        loaded.diagnostics.extend(diags);
        loaded.articles.extend(article);
    }
    // Ids must be unique, or readers merge two articles into one.
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    let mut dups = Vec::new();
    for a in &loaded.articles {
        if let Some(first) = seen.insert(&a.id, &a.path) {
            dups.push(
                Diagnostic::error(
                    &a.path,
                    format!("id {:?} is already used by {}", a.id, first.display()),
                )
                .hint("give one of them another `slug` or an explicit `id`"),
            );
        }
    }
    loaded.diagnostics.extend(dups);
    loaded
}

fn read(path: &Path, shown: &Path) -> Result<String, Diagnostic> {
    let io = |e: std::io::Error| Diagnostic::error(shown, format!("cannot read: {e}"));
    let len = std::fs::metadata(path).map_err(io)?.len();
    if len > MAX_RECORD_BYTES {
        return Err(Diagnostic::error(
            shown,
            format!("file is {len} bytes; records are limited to {MAX_RECORD_BYTES} bytes"),
        )
        .hint("split the article, or move the file out of the articles folder"));
    }
    let bytes = std::fs::read(path).map_err(io)?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let lossy = String::from_utf8_lossy(&e.as_bytes()[..at]).into_owned();
        let (line, col) = line_col(&lossy, at);
        Diagnostic::error(shown, "file is not valid UTF-8 text")
            .at(line, col)
            .hint("save it as UTF-8, or move binary files out of the articles folder")
    })
}

/// Parses one record's text. Problems go to `diags`; the article is returned when valid.
pub fn parse_record(
    text: &str,
    shown: &Path,
    rel_path: String,
    kind: BodyKind,
    site: &Site,
    diags: &mut Vec<Diagnostic>,
) -> Option<Article> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if let Some(first) = text.find(is_forbidden) {
        let count = text.chars().filter(|&c| is_forbidden(c)).count();
        let (line, col) = line_col(text, first);
        diags.push(
            Diagnostic::warning(shown, format!("removed {count} control or non-character code point(s) that feeds cannot carry"))
                .at(line, col)
                .hint("delete them from the file (NUL, DEL, C0/C1 controls, U+FFFE, ...)"),
        );
    }
    let cleaned = strip_forbidden(text);
    let text: std::borrow::Cow<'_, str> = if cleaned.contains('\r') {
        std::borrow::Cow::Owned(cleaned.replace("\r\n", "\n"))
    } else {
        cleaned
    };
    let split = match front_matter::split(&text) {
        Ok(s) => s,
        Err(m) => {
            diags.push(
                Diagnostic::error(shown, m)
                    .at(1, 1)
                    .hint("close the front matter with the same fence line"),
            );
            return None;
        }
    };
    let (front, front_src, body, fallback_title) = match split.front {
        Some((syntax, src, line)) => match front_matter::parse(syntax, src, line, shown) {
            Ok((fm, unknown)) => {
                for (key, line) in unknown {
                    let hint = match did_you_mean(&key, front_matter::KNOWN_KEYS) {
                        Some(k) => format!("did you mean `{k}`?"),
                        None => "feedwright ignores it; --strict makes this an error".into(),
                    };
                    diags.push(
                        Diagnostic::warning(
                            shown,
                            format!("unknown front-matter key `{key}` is ignored"),
                        )
                        .at(line, 1)
                        .hint(hint),
                    );
                }
                (fm, Some((syntax, src, line)), split.body.to_string(), None)
            }
            Err(d) => {
                diags.push(d);
                return None;
            }
        },
        None if kind == BodyKind::Text => {
            let body = split.body.trim_start_matches(|c: char| c.is_whitespace());
            let (first, rest) = body.split_once('\n').unwrap_or((body, ""));
            (
                Default::default(),
                None,
                rest.to_string(),
                Some(first.trim().to_string()),
            )
        }
        None => {
            let d = Diagnostic::error(shown, "record has no front matter").at(1, 1);
            diags.push(if text.trim().is_empty() {
                Diagnostic::error(shown, "file is empty").hint("write front matter and a body, or delete the file")
            } else {
                d.hint("start the file with a +++ (TOML) or --- (YAML) block holding at least title and date")
            });
            return None;
        }
    };
    build(
        Parts {
            path: shown,
            rel_path,
            kind,
            front,
            front_src,
            body,
            fallback_title,
        },
        site,
        diags,
    )
}
