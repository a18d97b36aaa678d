//! Rendered bodies kept between builds, so a build after one article changed renders one body,
//! not all of them.
//!
//! Each entry is keyed by a BLAKE3 hash of everything rendering reads: the binary (see
//! [`super::binary`]), the site's `sanitize` and Markdown dialect, the summary lengths its feeds
//! ask for, the whole validated article (its `Debug` form, so a field added later is in the key
//! too) and its body text as read (after template expansion). The value is the sanitised HTML
//! and one summary per length. A body whose rendering fails is never stored (its error is
//! reported by every build). The store holds only the entries of the last build's articles, so
//! it never outgrows the site; it is one file (`bodies`), written atomically with a versioned,
//! checksummed header like the manifest, and any file that does not read back whole is ignored.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::article::{Article, Body};

/// The store's file name in the cache folder.
pub const FILE: &str = "bodies";
/// First line of the file.
const MAGIC: &str = "feedwright-bodies 1";

/// A body's key.
pub type Key = [u8; 32];

/// A rendered body: its HTML, and its summary for each length (ascending).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub html: String,
    pub summaries: Vec<(usize, String)>,
}

/// An [`Entry`] borrowed from a build's bodies: written exactly as an `Entry` is.
#[derive(Debug, Clone, Serialize)]
pub struct EntryRef<'a> {
    pub html: &'a str,
    pub summaries: Vec<(usize, &'a str)>,
}

/// The bodies of the last build, by key.
#[derive(Debug, Default)]
pub struct Store {
    pub entries: HashMap<Key, Entry>,
}

/// The key of `article` (whose body has been read) rendered with `sanitize`, the Markdown
/// dialect `dialect` (its `Debug` form) and summary `lengths` (ascending), by `binary`.
pub fn key(
    binary: &str,
    article: &mut Article,
    sanitize: bool,
    dialect: &str,
    lengths: &[usize],
) -> Key {
    let mut h = blake3::Hasher::new();
    h.update(binary.as_bytes());
    h.update(&[0, u8::from(sanitize)]);
    h.update(dialect.as_bytes());
    h.update(format!("{lengths:?}").as_bytes());
    // The body's text is hashed as bytes; the rest of the article by its Debug form.
    let body = std::mem::replace(&mut article.body, Body::Text(String::new()));
    h.update(format!("{article:?}").as_bytes());
    match &body {
        Body::Text(text) => {
            h.update(b"text");
            h.update(&(text.len() as u64).to_le_bytes());
            h.update(text.as_bytes());
        }
        Body::Deferred(r) => {
            h.update(format!("{r:?}").as_bytes());
        }
    }
    article.body = body;
    *h.finalize().as_bytes()
}

/// The largest store read or written: past it (a site of some 200,000 articles), bodies are
/// not kept, so the store never costs more memory than the build itself.
pub const MAX_BYTES: u64 = 512 << 20;

impl Store {
    /// The store in `bytes`, if they read back whole; else an empty one. The file is the
    /// magic line, the entries (postcard), then the BLAKE3 of the entries (64 hex digits).
    pub fn decode(bytes: &[u8]) -> Store {
        let read = || -> Option<Store> {
            let rest = bytes.strip_prefix(MAGIC.as_bytes())?.strip_prefix(b"\n")?;
            let (body, sum) = rest.split_at_checked(rest.len().checked_sub(64)?)?;
            if blake3::hash(body).to_hex().as_bytes() != sum {
                return None;
            }
            let entries: Vec<(Key, Entry)> = postcard::from_bytes(body).ok()?;
            Some(Store {
                entries: entries.into_iter().collect(),
            })
        };
        read().unwrap_or_default()
    }

    /// Writes `entries` to `out` (sorted by key, so the file does not depend on hash order),
    /// as [`Store::decode`] reads them, without holding the encoded store in memory.
    pub fn encode(
        entries: &[(&Key, EntryRef<'_>)],
        out: &mut dyn std::io::Write,
    ) -> std::io::Result<()> {
        let mut sorted: Vec<&(&Key, EntryRef<'_>)> = entries.iter().collect();
        sorted.sort_by_key(|(k, _)| **k);
        out.write_all(MAGIC.as_bytes())?;
        out.write_all(b"\n")?;
        let mut hashing = Hashing {
            out,
            hasher: blake3::Hasher::new(),
        };
        postcard::to_io(&sorted, &mut hashing).map_err(std::io::Error::other)?;
        let sum = hashing.hasher.finalize();
        out.write_all(sum.to_hex().as_bytes())
    }
}

/// A writer that hashes what passes through it.
struct Hashing<'a> {
    out: &'a mut dyn std::io::Write,
    hasher: blake3::Hasher,
}

impl std::io::Write for Hashing<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let n = self.out.write(buf)?;
        self.hasher.update(&buf[..n]);
        Ok(n)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_store_reads_back_and_a_torn_or_foreign_one_is_empty() {
        let (k1, k2) = ([1; 32], [2; 32]);
        let e = Entry {
            html: "<p>x</p>".into(),
            summaries: vec![(40, "x".into())],
        };
        let r = || EntryRef {
            html: "<p>x</p>",
            summaries: vec![(40, "x")],
        };
        let mut bytes = Vec::new();
        Store::encode(&[(&k2, r()), (&k1, r())], &mut bytes).unwrap();
        let back = Store::decode(&bytes);
        assert_eq!(back.entries.len(), 2);
        assert_eq!(back.entries[&k1], e);
        assert!(Store::decode(&bytes[..bytes.len() - 3]).entries.is_empty());
        assert!(Store::decode(b"garbage").entries.is_empty());
        let other = [b"feedwright-bodies 2".as_slice(), &bytes[MAGIC.len()..]].concat();
        assert!(Store::decode(&other).entries.is_empty());
    }
}
