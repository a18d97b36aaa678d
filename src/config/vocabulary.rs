//! What front matter may say: the keys a site's records are expected to set.
//!
//! The site decides this, not the record: a folder written for another generator (Hugo,
//! Jekyll, Zola, Eleventy) uses that generator's keys (`categories`, `description`,
//! `lastmod`, `permalink`, ...) and date forms. Today every site speaks feedwright's own
//! vocabulary; a preset chosen in `[site]` becomes one more `Vocabulary` value, and the loader
//! (unknown-key warnings and their did-you-mean) and the front-matter parser already ask the
//! site's vocabulary rather than a fixed list. A preset's extra fields and date forms belong
//! here too, as fields of this type read by `article::front_matter` and `article::date`.

/// The front-matter vocabulary of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vocabulary {
    /// Keys front matter may set; any other draws an "unknown key" warning.
    pub keys: &'static [&'static str],
}

impl Vocabulary {
    /// feedwright's own front matter.
    pub const FEEDWRIGHT: Vocabulary = Vocabulary {
        keys: &[
            "title", "date", "updated", "authors", "author", "summary", "tags", "slug", "link",
            "id", "draft",
        ],
    };

    /// True when front matter may set `key`.
    pub fn knows(&self, key: &str) -> bool {
        self.keys.contains(&key)
    }
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::FEEDWRIGHT
    }
}
