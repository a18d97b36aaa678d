//! The ledger of published ids, kept in `feeds.lock` beside `feeds.toml`: the promise that an
//! entry a reader has seen keeps its id for ever.
//!
//! Readers recognise an entry by its id; a changed id is a new entry, delivered again. The
//! default id is made from the slug, the date and the site URL, so editing any of them would
//! change it. The ledger remembers, for every record of the articles folder that was ever
//! published, the id it was first published with (and its first date and title, to recognise
//! it after a rename); a build publishes that id whatever the record now says. One table per
//! record, keyed by its path in the articles folder, sorted, so the file is stable (a build that
//! publishes nothing new leaves it as it is) and merges well in git.
//!
//! This module is the file's model and its text ([`Ledger::parse`], [`Ledger::to_toml`]), read
//! from disk only by [`load`]. What a build does with it is pure and lives beside it:
//! [`reconcile`] matches the articles to the records (renames included), [`published`] reads
//! the entries of a feed file some tool published, [`guard`] decides whether a build would
//! surprise a subscriber (changed ids, a rename storm, a feed emptied by accident), and
//! [`import`] locks the ids of another tool's feed (`feedwright lock --from`). (The *build*
//! lock, `.feedwright.lock` in the output folder, is [`crate::output`]'s and unrelated.)

pub mod current;
pub mod guard;
pub mod import;
pub mod published;
pub mod reconcile;

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use serde::Deserialize;

use crate::diagnostics::{display_path, Diagnostic};
use crate::error::Error;

pub use current::Current;

/// What the ledger remembers of one published record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// The id the record is published with.
    pub id: String,
    /// Its publication date when it was first published.
    pub published: DateTime<FixedOffset>,
    /// Its title when it was first published.
    pub title: String,
}

/// Every published record, by key (its path in the articles folder, `/`-separated).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Ledger {
    /// The records, sorted by key.
    pub records: BTreeMap<String, Record>,
}

/// The first lines of the file: what it is and what to do with it.
const HEADER: &str = "\
# feeds.lock: the id each article was first published with, so that no reader ever gets an
# entry twice. Written by `feedwright build`; commit it next to feeds.toml. One table per
# record, keyed by its path in the articles folder. On a merge conflict, keep both sides' tables.
";

/// One record as written in the file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecord {
    id: String,
    published: toml::value::Datetime,
    title: String,
}

impl Ledger {
    /// True when it holds no record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// Reads the ledger's `text` (from `shown`, for messages).
    pub fn parse(text: &str, shown: &Path) -> Result<Ledger, Diagnostic> {
        let raw: BTreeMap<String, RawRecord> =
            toml::from_str(text).map_err(|e| {
                let mut d = Diagnostic::error(shown, e.message().trim().to_string());
                if let Some(span) = e.span() {
                    d = d.at_offset(text, span.start, 0);
                }
                d.hint(if text.contains("\n<<<<<<<") || text.starts_with("<<<<<<<") {
                "resolve the merge conflict: keep the tables of both sides, without the markers"
            } else {
                "feedwright build writes this file; restore it from version control"
            })
            })?;
        let mut records = BTreeMap::new();
        for (key, r) in raw {
            let published =
                DateTime::parse_from_rfc3339(&r.published.to_string()).map_err(|_| {
                    Diagnostic::error(
                        shown,
                        format!(
                            "record {key:?}: published {} has no UTC offset",
                            r.published
                        ),
                    )
                    .hint("write it as in 2026-01-31T09:00:00+02:00")
                })?;
            let record = Record {
                id: r.id,
                published,
                title: r.title,
            };
            records.insert(key, record);
        }
        Ok(Ledger { records })
    }

    /// The file's text: a header comment, then one table per record in key order.
    pub fn to_toml(&self) -> String {
        let mut out = Vec::new();
        self.write_to(&mut out).expect("writing to memory");
        String::from_utf8(out).expect("written from strings")
    }

    /// Writes the file's text to `out`, a record at a time.
    pub fn write_to(&self, out: &mut dyn Write) -> std::io::Result<()> {
        out.write_all(HEADER.as_bytes())?;
        let mut table = String::new();
        for (key, r) in &self.records {
            table.clear();
            let _ = write!(
                table,
                "\n[{}]\nid = {}\npublished = {}\ntitle = {}\n",
                quote(key),
                quote(&r.id),
                r.published.to_rfc3339(),
                quote(&r.title)
            );
            out.write_all(table.as_bytes())?;
        }
        Ok(())
    }

    /// Reads the file exactly as [`Ledger::write_to`] writes it (comments and blank lines
    /// aside), without a TOML parser's copy of the whole document; `None` for anything else.
    pub fn read_canonical(mut input: impl BufRead) -> Option<Ledger> {
        let mut records = BTreeMap::new();
        let mut line = String::new();
        let mut next = |line: &mut String| -> Option<bool> {
            line.clear();
            let n = input.read_line(line).ok()?;
            if line.ends_with('\n') {
                line.pop();
            }
            Some(n > 0)
        };
        while next(&mut line)? {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let key = unquote(line.strip_prefix('[')?.strip_suffix(']')?)?;
            let mut field = |name: &str, line: &mut String| -> Option<()> {
                next(line)?.then_some(())?;
                let value = line.strip_prefix(name)?.strip_prefix(" = ")?.len();
                line.drain(..line.len() - value);
                Some(())
            };
            field("id", &mut line)?;
            let id = unquote(&line)?;
            field("published", &mut line)?;
            let published = DateTime::parse_from_rfc3339(&line).ok()?;
            field("title", &mut line)?;
            let title = unquote(&line)?;
            let record = Record {
                id,
                published,
                title,
            };
            if records.insert(key, record).is_some() {
                return None;
            }
        }
        Some(Ledger { records })
    }
}

/// How a ledger changes, for `build --locked`'s message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// New records: key, id.
    pub added: Vec<(String, String)>,
    /// Records dropped (their file is gone, or moved to another key): key, id.
    pub removed: Vec<(String, String)>,
    /// Records whose id (or first date or title) changes: key, old id, new id.
    pub changed: Vec<(String, String, String)>,
}

/// A TOML basic string: quoted, with `"`, `\` and control characters escaped.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The ledger's file for the config file `config`: beside it, named after it (`feeds.toml`
/// keeps its ledger in `feeds.lock`, `blog.toml` in `blog.lock`).
pub fn path_for(config: &Path) -> PathBuf {
    config.with_extension("lock")
}

/// The text of a basic string as [`quote`] writes it; `None` for any other form.
fn unquote(s: &str) -> Option<String> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return None,
            '\\' => match chars.next()? {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            },
            c => out.push(c),
        }
    }
    Some(out)
}

/// The folder the ledger `path` is in (`.` for a bare file name).
pub fn folder(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

/// The key of the record at `path` (as loaded) in the articles folder shown as `articles_dir`:
/// its path relative to the folder, `/`-separated (borrowed from `path` where it can be).
pub fn key<'a>(path: &'a Path, articles_dir: &Path) -> Cow<'a, str> {
    let rel = path.strip_prefix(articles_dir).unwrap_or(path);
    match rel.to_str() {
        Some(s) if std::path::MAIN_SEPARATOR == '/' => Cow::Borrowed(s),
        _ => {
            let parts: Vec<_> = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect();
            Cow::Owned(parts.join("/"))
        }
    }
}

/// The ledger at `path`, or `None` when there is no such file yet. The file as feedwright
/// writes it is read line by line ([`Ledger::read_canonical`]); anything else (a file edited by
/// hand, or after a merge) is read as TOML.
pub fn load(path: &Path) -> Result<Option<Ledger>, Error> {
    let shown = display_path(path);
    let file = match std::fs::File::open(path) {
        Ok(f) => f,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(shown, "cannot read", e)),
    };
    if let Some(ledger) = Ledger::read_canonical(std::io::BufReader::new(file)) {
        return Ok(Some(ledger));
    }
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::InvalidData => {
            let d = Diagnostic::error(&shown, "the ledger is not valid UTF-8")
                .hint("feedwright build writes this file; restore it from version control");
            return Err(Error::Ledger(d));
        }
        Err(e) => return Err(Error::io(shown, "cannot read", e)),
    };
    Ledger::parse(&text, &shown)
        .map(Some)
        .map_err(Error::Ledger)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, published: &str, title: &str) -> Record {
        Record {
            id: id.into(),
            published: DateTime::parse_from_rfc3339(published).unwrap(),
            title: title.into(),
        }
    }

    #[test]
    fn the_text_is_sorted_stable_and_reads_back() {
        let mut ledger = Ledger::default();
        ledger.records.insert(
            "b/2026-01-02-b.md".into(),
            record("urn:x:\"b\"", "2026-01-02T00:00:00Z", "B \\ \u{7}"),
        );
        ledger.records.insert(
            "a.md".into(),
            record(
                "tag:x.org,2026-01-01:a",
                "2026-01-01T10:00:00+02:00",
                "A & co",
            ),
        );
        let text = ledger.to_toml();
        assert!(text.starts_with(HEADER));
        assert_eq!(
            &text[HEADER.len()..],
            "\n[\"a.md\"]\nid = \"tag:x.org,2026-01-01:a\"\npublished = 2026-01-01T10:00:00+02:00\n\
             title = \"A & co\"\n\n[\"b/2026-01-02-b.md\"]\nid = \"urn:x:\\\"b\\\"\"\n\
             published = 2026-01-02T00:00:00+00:00\ntitle = \"B \\\\ \\u0007\"\n"
        );
        let back = Ledger::parse(&text, Path::new("feeds.lock")).unwrap();
        assert_eq!(back, ledger);
        assert_eq!(
            back.to_toml(),
            text,
            "writing what was read changes nothing"
        );
        let canonical = Ledger::read_canonical(text.as_bytes()).expect("canonical");
        assert_eq!(canonical, ledger, "read line by line, the same ledger");
        // A table edited by hand is TOML all the same, read by the TOML parser.
        let edited = text.replace("title = \"A & co\"", "title = 'A & co'");
        assert_eq!(Ledger::read_canonical(edited.as_bytes()), None);
        assert_eq!(
            Ledger::parse(&edited, Path::new("feeds.lock")).unwrap(),
            ledger
        );
    }

    #[test]
    fn a_broken_file_is_an_error_with_its_position_and_a_hint() {
        let e = Ledger::parse("[\"a.md\"]\nid = \"x\"\n", Path::new("feeds.lock")).unwrap_err();
        assert!(
            e.to_string()
                .starts_with("feeds.lock:1:1: error: missing field `published`"),
            "{e}"
        );
        let conflict = "[\"a.md\"]\n<<<<<<< HEAD\nid = \"x\"\n";
        let e = Ledger::parse(conflict, Path::new("feeds.lock")).unwrap_err();
        assert!(e.to_string().ends_with("hint: resolve the merge conflict: keep the tables of both sides, without the markers"), "{e}");
        let local = "[\"a.md\"]\nid = \"x\"\npublished = 2026-01-01T00:00:00\ntitle = \"A\"\n";
        let e = Ledger::parse(local, Path::new("feeds.lock")).unwrap_err();
        assert!(e.to_string().contains("has no UTC offset"), "{e}");
    }

    #[test]
    fn keys_are_paths_in_the_articles_folder_and_the_file_is_named_after_the_config() {
        assert_eq!(
            key(Path::new("articles/2026/a.md"), Path::new("articles")),
            "2026/a.md"
        );
        assert_eq!(
            key(Path::new("site/posts/a.md"), Path::new("site/posts")),
            "a.md"
        );
        assert_eq!(path_for(Path::new("feeds.toml")), Path::new("feeds.lock"));
        assert_eq!(
            path_for(Path::new("site/blog.toml")),
            Path::new("site/blog.lock")
        );
    }
}
