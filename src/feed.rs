//! The one format-neutral feed model that every writer renders.
//!
//! A [`Feed`] holds exactly what the user gave (after validation and rendering of bodies) and
//! nothing a library would invent: no build time, no placeholder dates. The feed's own date is
//! its newest entry's. Each feed picks its entries' ids by its id mode (`[[feeds]] id`, else
//! `[site] id`; see [`Article::id_for`]). Writers in [`crate::render`] turn a `Feed` into bytes.

use chrono::{DateTime, FixedOffset};

use crate::archive::{History, Rel};
use crate::article::episode::Episode;
use crate::article::Article;
pub use crate::body::BodyRef;
use crate::body::Rendered;
use crate::config::{ContentMode, FeedSpec, Format, Person, Podcast, Site};
use crate::preview::Stylesheet;

/// One feed, ready to render in any format. It borrows from the site, the articles and the
/// rendered bodies: a 10,000-entry archive is not copied to be described.
#[derive(Debug, Clone)]
pub struct Feed<'a> {
    /// Title (plain text).
    pub title: &'a str,
    /// Description / subtitle (plain text).
    pub description: &'a str,
    /// The site's home page.
    pub home_page_url: &'a str,
    /// The URL of each file written for this feed, by format.
    pub self_urls: Vec<(Format, String)>,
    /// Language tag.
    pub language: Option<&'a str>,
    /// Copyright line.
    pub copyright: Option<&'a str>,
    /// The site's author.
    pub author: &'a Person,
    /// The newest entry's updated-or-published date (or the fallback for an empty feed).
    pub updated: Option<DateTime<FixedOffset>>,
    /// Entries, newest first.
    pub entries: Vec<Entry<'a>>,
    /// Where this document sits in an RFC 5005 archive (nothing for a feed without one).
    pub history: History,
    /// The WebSub hubs it names (`rel="hub"`); none on an archive page, which is no topic.
    pub hubs: &'a [url::Url],
    /// The show's iTunes and Podcasting 2.0 tags, for a podcast feed.
    pub podcast: Option<&'a Podcast>,
    /// The stylesheet an RSS or Atom document names for browsers (`[site] preview`), if any.
    pub stylesheet: Option<&'a Stylesheet>,
}

impl<'a> Feed<'a> {
    /// A generous guess at the size of a rendered file, so writers allocate once instead of
    /// doubling a buffer (a 100 MB archive would otherwise briefly need 200 MB).
    pub fn size_hint(&self) -> usize {
        self.size_hint_for(0..self.entries.len())
    }

    /// [`Feed::size_hint`] for a document holding only the entries in `range`.
    pub fn size_hint_for(&self, range: std::ops::Range<usize>) -> usize {
        let text: usize = self.entries[range]
            .iter()
            .map(|e| e.content_html.map_or(0, str::len) + e.summary.len() + e.title.len() + 512)
            .sum();
        4096 + text + text / 4
    }

    /// This feed with `entries` instead of its own (its date stays the feed's: a part of a
    /// document, see [`crate::render::fragments`]), without copying its entries.
    pub fn with_entries(&self, entries: Vec<Entry<'a>>) -> Feed<'a> {
        Feed {
            title: self.title,
            description: self.description,
            home_page_url: self.home_page_url,
            self_urls: self.self_urls.clone(),
            language: self.language,
            copyright: self.copyright,
            author: self.author,
            updated: self.updated,
            entries,
            history: self.history.clone(),
            hubs: self.hubs,
            podcast: self.podcast,
            stylesheet: self.stylesheet,
        }
    }

    /// The URL that names the feed in `format`: the subscription document's, also on an archive
    /// page (RFC 5005: every document of a feed is the one feed).
    pub fn feed_url(&self, format: Format) -> Option<&str> {
        self.history
            .link(Rel::Current, format)
            .or_else(|| self.self_url(format))
    }

    /// The URL this feed is served at in `format`.
    pub fn self_url(&self, format: Format) -> Option<&str> {
        self.self_urls
            .iter()
            .find(|(f, _)| *f == format)
            .map(|(_, u)| u.as_str())
    }
}

/// One entry.
#[derive(Debug, Clone)]
pub struct Entry<'a> {
    /// Permanent id (absolute URI).
    pub id: &'a str,
    /// Title (plain text).
    pub title: &'a str,
    /// Absolute link to the article's page.
    pub link: &'a str,
    /// Publication date.
    pub published: DateTime<FixedOffset>,
    /// Last update, if the article gives one.
    pub updated: Option<DateTime<FixedOffset>>,
    /// Authors (never empty).
    pub authors: Vec<&'a Person>,
    /// Plain-text summary.
    pub summary: &'a str,
    /// Sanitised HTML content with absolute URLs (`None` in summary-only feeds).
    pub content_html: Option<&'a str>,
    /// Tags.
    pub tags: &'a [String],
    /// Enclosure and episode facts, if the article gives any.
    pub episode: Option<&'a Episode>,
    /// Its body as the build cache knows it (see [`crate::render::fragments`]).
    pub body: Option<BodyRef>,
}

impl Entry<'_> {
    /// Updated-or-published.
    pub fn modified(&self) -> DateTime<FixedOffset> {
        self.updated.unwrap_or(self.published)
    }
}

/// Builds the model of feed `spec` from its selected articles and their rendered bodies.
/// `fallback_updated` dates a feed with no entries (never the build time when avoidable).
///
/// Every string here is already free of characters feeds cannot carry: records and config are
/// cleaned as they are parsed, rendered bodies as they are rendered.
pub fn build<'a>(
    site: &'a Site,
    spec: &'a FeedSpec,
    entries: &[(&'a Article, &'a Rendered)],
    fallback_updated: Option<DateTime<FixedOffset>>,
) -> Feed<'a> {
    let id_mode = spec.id.unwrap_or(site.id);
    let entries: Vec<Entry<'a>> = entries
        .iter()
        .map(|&(a, r)| Entry {
            id: a.id_for(id_mode),
            title: &a.title,
            link: &a.link,
            published: a.published,
            updated: a.updated,
            authors: a.authors.iter().map(|p| &**p).collect(),
            summary: &r.summary,
            content_html: match spec.content {
                ContentMode::Full => Some(&r.html),
                ContentMode::Summary => None,
            },
            tags: &a.tags,
            episode: a.episode.as_deref(),
            body: r.cache,
        })
        .collect();
    let updated = entries
        .iter()
        .map(Entry::modified)
        .max()
        .or(fallback_updated);
    Feed {
        title: &spec.title,
        description: &spec.description,
        home_page_url: site.url.as_str(),
        self_urls: site.self_urls(spec),
        language: site.language.as_deref(),
        copyright: site.copyright.as_deref(),
        author: &site.author,
        updated,
        entries,
        history: History::default(),
        hubs: &spec.hubs,
        podcast: spec.podcast.as_deref(),
        stylesheet: site.stylesheet.as_ref(),
    }
}

/// The generator name written into feeds.
pub const GENERATOR: &str = "feedwright";
/// The generator version written into feeds.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
