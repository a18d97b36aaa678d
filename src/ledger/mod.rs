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
//! This module holds the model: a [`Record`], the whole [`Ledger`] (for `lock --from` and for
//! files edited by hand), and the [`Edit`] a build makes to it, applied as the old file streams
//! through (a build never holds the ledger whole). [`file`](mod@file) is the text, read from
//! disk only by [`open`] and [`load`]. What a build does with it is pure and lives beside it:
//! [`reconcile`] matches the articles to the records (renames included), [`published`] reads
//! the entries of a feed file some tool published, [`guard`] decides whether a build would
//! surprise a subscriber (changed ids, a rename storm, a feed emptied by accident), and
//! [`import`] locks the ids of another tool's feed (`feedwright lock --from`). (The *build*
//! lock, `.feedwright.lock` in the output folder, is [`crate::output`]'s and unrelated.)

pub mod current;
pub mod file;
pub mod guard;
pub mod import;
pub mod published;
pub mod reconcile;

use std::borrow::{Borrow, Cow};
use std::collections::{BTreeMap, BTreeSet};
use std::fs::File;
use std::io::{self, BufReader, Write};
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use chrono::{DateTime, FixedOffset};

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

impl Ledger {
    /// True when it holds no record.
    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }

    /// The file's text.
    pub fn to_toml(&self) -> String {
        let mut out = Vec::new();
        self.write_to(&mut out).expect("writing to memory");
        String::from_utf8(out).expect("written from strings")
    }

    /// Writes the file's text to `out`, a record at a time.
    pub fn write_to(&self, out: &mut dyn Write) -> io::Result<()> {
        Edit::default().apply(self.records.iter(), out)
    }
}

/// How a build changes the ledger: records set (added, moved to a new key, or given another
/// id) and records dropped. Small however large the ledger: what stays is not in it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Edit {
    /// Records to write at these keys, in place of any there.
    pub set: BTreeMap<String, Record>,
    /// Keys whose records go.
    pub drop: BTreeSet<String>,
}

impl Edit {
    /// True when it changes nothing.
    pub fn is_empty(&self) -> bool {
        self.set.is_empty() && self.drop.is_empty()
    }

    /// Writes the ledger whose records are `old` (in key order) with this edit applied.
    pub fn apply<K: AsRef<str>, R: Borrow<Record>>(
        &self,
        old: impl Iterator<Item = (K, R)>,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        let mut buf = String::new();
        file::write_header(out)?;
        let mut set = self.set.iter().peekable();
        for (key, record) in old {
            let key = key.as_ref();
            while let Some((k, r)) = set.next_if(|(k, _)| k.as_str() < key) {
                file::write_record(out, &mut buf, k, r)?;
            }
            if !self.drop.contains(key) && !self.set.contains_key(key) {
                file::write_record(out, &mut buf, key, record.borrow())?;
            }
        }
        for (k, r) in set {
            file::write_record(out, &mut buf, k, r)?;
        }
        Ok(())
    }
}

/// How a ledger changes, for `build --locked`'s message.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Diff {
    /// New records: key, id.
    pub added: Vec<(String, String)>,
    /// Records dropped (their file is gone, or moved to another key): key, id.
    pub removed: Vec<(String, String)>,
    /// Records whose id changes: key, old id, new id.
    pub changed: Vec<(String, String, String)>,
}

/// The ledger's file for the config file `config`: beside it, named after it (`feeds.toml`
/// keeps its ledger in `feeds.lock`, `blog.toml` in `blog.lock`).
pub fn path_for(config: &Path) -> PathBuf {
    config.with_extension("lock")
}

/// The folder the ledger `path` is in (`.` for a bare file name), and its name there.
pub fn split(path: &Path) -> (&Path, &Path) {
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path.file_name().map_or(path, Path::new);
    (folder, name)
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

/// When a file was read: its length and modification time, so that a second read can tell it
/// is the same file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stamp(u64, Option<SystemTime>);

impl Stamp {
    /// The stamp of `file` now.
    pub fn of(file: &File) -> io::Result<Stamp> {
        let m = file.metadata()?;
        Ok(Stamp(m.len(), m.modified().ok()))
    }
}

/// The ledger at `path` opened to be read record by record ([`file::Canonical`]), and its
/// stamp; `None` when there is no such file yet. Like a feed, it must be a regular file: it
/// sits beside `feeds.toml`, where a contributor can commit a link or a FIFO.
pub fn open(path: &Path) -> Result<Option<(BufReader<File>, Stamp)>, Error> {
    let (folder, name) = split(path);
    let Some(file) = crate::output::open_existing(folder, name)? else {
        return Ok(None);
    };
    let stamp = Stamp::of(&file).map_err(|e| Error::io(display_path(path), "cannot read", e))?;
    Ok(Some((BufReader::new(file), stamp)))
}

/// The whole ledger at `path`, or `None` when there is no such file yet: read record by record
/// when it has the exact form feedwright writes, else (a file edited by hand, or merged) as
/// TOML.
pub fn load(path: &Path) -> Result<Option<Ledger>, Error> {
    let Some((input, _)) = open(path)? else {
        return Ok(None);
    };
    if let Some(records) = file::Canonical::new(input).collect::<Option<_>>() {
        return Ok(Some(Ledger { records }));
    }
    let Some((mut input, _)) = open(path)? else {
        return Ok(None);
    };
    let shown = display_path(path);
    let mut text = String::new();
    match io::Read::read_to_string(&mut input, &mut text) {
        Ok(_) => {}
        Err(e) if e.kind() == io::ErrorKind::InvalidData => {
            let d = Diagnostic::error(&shown, "the ledger is not valid UTF-8")
                .hint("feedwright build writes this file; restore it from version control");
            return Err(Error::Ledger(d));
        }
        Err(e) => return Err(Error::io(shown, "cannot read", e)),
    }
    file::parse(&text, &shown).map(Some).map_err(Error::Ledger)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str) -> Record {
        Record {
            id: id.into(),
            published: DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap(),
            title: "T".into(),
        }
    }

    #[test]
    fn an_edit_is_applied_as_the_old_records_stream_through() {
        let old: Vec<(String, Record)> = ["b.md", "d.md", "f.md"]
            .iter()
            .map(|k| (k.to_string(), record(k)))
            .collect();
        let mut edit = Edit::default();
        edit.set.insert("a.md".into(), record("new a"));
        edit.set.insert("d.md".into(), record("new d"));
        edit.set.insert("e.md".into(), record("new e"));
        edit.set.insert("g.md".into(), record("new g"));
        edit.drop.insert("f.md".into());
        let mut out = Vec::new();
        edit.apply(old.into_iter(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let ledger = file::parse(&text, Path::new("feeds.lock")).unwrap();
        let got: Vec<(&str, &str)> = ledger
            .records
            .iter()
            .map(|(k, r)| (k.as_str(), r.id.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("a.md", "new a"),
                ("b.md", "b.md"),
                ("d.md", "new d"),
                ("e.md", "new e"),
                ("g.md", "new g")
            ]
        );
        assert_eq!(
            ledger.to_toml(),
            text,
            "in key order, as a whole ledger writes it"
        );
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
