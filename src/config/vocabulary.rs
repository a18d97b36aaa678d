//! What front matter may say: the keys a site's records are expected to set.
//!
//! The site decides this, not the record: a folder written for another generator (Hugo,
//! Jekyll, Zola, Eleventy) uses that generator's keys (`categories`, `description`,
//! `lastmod`, `permalink`, ...) and date forms. `[site] preset` picks one of them; without it a
//! site speaks feedwright's own vocabulary. The loader (unknown-key warnings and their
//! did-you-mean), the front-matter reader and the date reader all ask the site's
//! [`Vocabulary`]: which keys are known, which key gives the summary, the update date and the
//! link, and in which zone a date written without an offset is read. The generator keys with no
//! feed meaning (`layout`, `aliases`, `weight`, `extra`, ...) are known, so they draw no warning.

use super::preset::Preset;

/// The front-matter vocabulary of a site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vocabulary {
    /// feedwright's own keys, which front matter may always set.
    pub keys: &'static [&'static str],
    /// The generator's keys front matter may set too; any other draws an "unknown key"
    /// warning.
    pub generator_keys: &'static [&'static str],
    /// The generator whose keys and date forms apply, if any.
    pub preset: Option<Preset>,
}

impl Vocabulary {
    /// feedwright's own front matter.
    pub const FEEDWRIGHT: Vocabulary = Vocabulary {
        keys: &[
            "title",
            "date",
            "updated",
            "authors",
            "author",
            "summary",
            "tags",
            "slug",
            "link",
            "id",
            "draft",
            "enclosure",
            "duration",
            "episode",
            "season",
            "episode_type",
            "transcript",
        ],
        generator_keys: &[],
        preset: None,
    };

    /// Hugo's page front matter (gohugoio/hugo `resources/page/pagemeta/page_frontmatter.go`)
    /// and the theme conventions `author`/`authors`.
    pub const HUGO: Vocabulary = Vocabulary {
        keys: Vocabulary::FEEDWRIGHT.keys,
        generator_keys: &[
            "publishDate",
            "publishdate",
            "pubdate",
            "published",
            "lastmod",
            "modified",
            "expiryDate",
            "expirydate",
            "unpublishdate",
            "url",
            "description",
            "categories",
            "aliases",
            "weight",
            "layout",
            "type",
            "menu",
            "menus",
            "linkTitle",
            "keywords",
            "images",
            "headless",
            "build",
            "_build",
            "cascade",
            "outputs",
            "resources",
            "markup",
            "isCJKLanguage",
            "translationKey",
            "sitemap",
            "params",
            "toc",
            "series",
        ],
        preset: Some(Preset::Hugo),
    };

    /// Jekyll's front matter and jekyll-feed's (jekyll `lib/jekyll/document.rb`, jekyll-feed
    /// `lib/jekyll-feed/feed.xml`).
    pub const JEKYLL: Vocabulary = Vocabulary {
        keys: Vocabulary::FEEDWRIGHT.keys,
        generator_keys: &[
            "layout",
            "permalink",
            "published",
            "categories",
            "category",
            "tag",
            "excerpt",
            "excerpt_separator",
            "description",
            "last_modified_at",
            "image",
            "lang",
            "redirect_from",
            "redirect_to",
            "sitemap",
            "feed",
            "version",
        ],
        preset: Some(Preset::Jekyll),
    };

    /// Zola's page front matter (getzola/zola `components/content/src/front_matter/page.rs`).
    pub const ZOLA: Vocabulary = Vocabulary {
        keys: Vocabulary::FEEDWRIGHT.keys,
        generator_keys: &[
            "path",
            "description",
            "taxonomies",
            "weight",
            "aliases",
            "template",
            "in_search_index",
            "render",
            "extra",
        ],
        preset: Some(Preset::Zola),
    };

    /// Eleventy's data keys (11ty/eleventy `src/Template.js`) and eleventy-base-blog's.
    pub const ELEVENTY: Vocabulary = Vocabulary {
        keys: Vocabulary::FEEDWRIGHT.keys,
        generator_keys: &[
            "layout",
            "permalink",
            "description",
            "eleventyNavigation",
            "eleventyExcludeFromCollections",
            "eleventyComputed",
            "pagination",
            "eleventyImport",
            "eleventyDataSchema",
        ],
        preset: Some(Preset::Eleventy),
    };

    /// The vocabulary of `preset` (feedwright's own for `None`).
    pub fn of(preset: Option<Preset>) -> Vocabulary {
        match preset {
            None => Vocabulary::FEEDWRIGHT,
            Some(Preset::Hugo) => Vocabulary::HUGO,
            Some(Preset::Jekyll) => Vocabulary::JEKYLL,
            Some(Preset::Zola) => Vocabulary::ZOLA,
            Some(Preset::Eleventy) => Vocabulary::ELEVENTY,
        }
    }

    /// True when front matter may set `key`.
    pub fn knows(&self, key: &str) -> bool {
        self.keys.contains(&key) || self.generator_keys.contains(&key)
    }
}

impl Default for Vocabulary {
    fn default() -> Self {
        Vocabulary::FEEDWRIGHT
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_preset_knows_feedwrights_keys_and_its_own() {
        for preset in [Preset::Hugo, Preset::Jekyll, Preset::Zola, Preset::Eleventy] {
            let v = Vocabulary::of(Some(preset));
            let all = Vocabulary::FEEDWRIGHT.keys.iter().all(|k| v.knows(k));
            assert!(all, "{preset:?}");
        }
        assert!(Vocabulary::HUGO.knows("aliases") && !Vocabulary::FEEDWRIGHT.knows("aliases"));
        assert!(Vocabulary::JEKYLL.knows("last_modified_at"));
        assert!(Vocabulary::ZOLA.knows("extra") && !Vocabulary::ZOLA.knows("url"));
        assert!(Vocabulary::ELEVENTY.knows("eleventyExcludeFromCollections"));
    }
}
