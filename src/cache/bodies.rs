//! The key of a rendered body: what the build cache knows a body by, so that an entry whose
//! body and fields did not change is copied from the last build's file instead of rendered
//! (see [`super::entries`] and [`crate::render::fragments`]).
//!
//! It is a BLAKE3 hash of everything rendering reads: the binary (see [`super::binary`]), the
//! site's `sanitize` and Markdown dialect, the summary length, the whole validated article
//! (its `Debug` form, so a field added later is in the key too) and its body text as read
//! (after template expansion). A body whose rendering fails never has its entries written, so
//! no file holds them (its error is reported by every build).

use crate::article::{Article, Body};

/// A body's key.
pub type Key = [u8; 32];

/// The key of `article` (whose body has been read) rendered with `sanitize` and the Markdown
/// dialect `dialect` (its `Debug` form) by `binary`; [`with_length`] adds the summary length.
pub fn key(binary: &str, article: &mut Article, sanitize: bool, dialect: &str) -> Key {
    let mut h = blake3::Hasher::new();
    h.update(binary.as_bytes());
    h.update(&[0, u8::from(sanitize)]);
    h.update(dialect.as_bytes());
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

/// The key of the body with key `key` shown with summaries of at most `length` characters.
pub fn with_length(key: &Key, length: usize) -> Key {
    let mut h = blake3::Hasher::new();
    h.update(key);
    h.update(&(length as u64).to_le_bytes());
    *h.finalize().as_bytes()
}
