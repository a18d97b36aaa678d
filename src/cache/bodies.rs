//! The key of a rendered body: what the build cache knows a body by, so that an entry whose
//! body and fields did not change is copied from the last build's file instead of rendered
//! (see [`super::entries`] and [`crate::render::fragments`]).
//!
//! It is a BLAKE3 hash of everything rendering reads: the binary (see [`super::binary`]), the
//! site's `sanitize` and Markdown dialect (and under a preset what templates expand to), the
//! summary length, the whole validated article (its derived `Hash`, so a field added later is
//! in the key too) and the content hash of its record, so the key is known before the body is
//! read. A body whose rendering fails never has its entries written, so no file holds them
//! (its error is reported by every build).

use crate::article::{Article, Body};
use crate::config::Site;

/// A body's key.
pub type Key = [u8; 32];

/// What every body's rendering reads besides its article and its record: the Markdown dialect
/// (its `Debug` form), `sanitize`, and under a preset what template syntax expands to (the
/// site's URL and variables, and every article's link, which `ref`/`relref`-like templates
/// name).
pub fn context(site: &Site, articles: &[Article], dialect: &str) -> Key {
    let mut h = blake3::Hasher::new();
    h.update(format!("{dialect} {} {:?}", site.sanitize, site.preset).as_bytes());
    if site.preset.is_some() {
        h.update(format!("{} {:?}", site.url, site.variables).as_bytes());
        for a in articles {
            h.update(format!("{:?} {:?}", a.path, a.link).as_bytes());
        }
    }
    *h.finalize().as_bytes()
}

/// The key of `article`'s body, its record's content hash being `file` (as the build cache
/// read it: see [`super::inputs`]), rendered in `context` (see [`context`]) by `binary`. The
/// body itself need not have been read: the record's bytes hold it.
pub fn key(binary: &str, context: &Key, article: &mut Article, file: &[u8; 32]) -> Key {
    let mut h = blake3::Hasher::new();
    h.update(binary.as_bytes());
    h.update(context);
    h.update(file);
    // The rest of the article by its derived `Hash` (every field, or it does not compile),
    // without its body (read or not). chrono leaves a date's offset out of its hash: no
    // rendering reads the dates (the entry's key has them, offsets and all).
    let body = std::mem::replace(&mut article.body, Body::Text(String::new()));
    let mut bytes = Bytes(Vec::with_capacity(1024));
    std::hash::Hash::hash(&*article, &mut bytes);
    article.body = body;
    h.update(&bytes.0);
    *h.finalize().as_bytes()
}

/// The key of the body with key `key` shown with summaries of at most `length` characters.
pub fn with_length(key: &Key, length: usize) -> Key {
    let mut h = blake3::Hasher::new();
    h.update(key);
    h.update(&(length as u64).to_le_bytes());
    *h.finalize().as_bytes()
}

/// A `Hasher` that only gathers the bytes it is given (to be hashed once, with BLAKE3).
struct Bytes(Vec<u8>);

impl std::hash::Hasher for Bytes {
    fn finish(&self) -> u64 {
        0
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.extend_from_slice(bytes);
    }
}
