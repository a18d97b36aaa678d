//! The one format-neutral feed model that every writer renders.
//!
//! A [`Feed`] holds exactly what the user gave (after validation and rendering of bodies) and
//! nothing a library would invent: no build time, no placeholder dates. The feed's own date is
//! its newest entry's. Writers in [`crate::render`] turn a `Feed` into bytes.

use chrono::{DateTime, FixedOffset};

use crate::article::Article;
use crate::body::Rendered;
use crate::config::{ContentMode, FeedSpec, Format, Person, Site};
use crate::text::strip_forbidden;

/// One feed, ready to render in any format.
#[derive(Debug, Clone)]
pub struct Feed {
    /// Title (plain text).
    pub title: String,
    /// Description / subtitle (plain text).
    pub description: String,
    /// The site's home page.
    pub home_page_url: String,
    /// The URL of each file written for this feed, by format.
    pub self_urls: Vec<(Format, String)>,
    /// Language tag.
    pub language: Option<String>,
    /// Copyright line.
    pub copyright: Option<String>,
    /// The site's author.
    pub author: Person,
    /// The newest entry's updated-or-published date (or the fallback for an empty feed).
    pub updated: Option<DateTime<FixedOffset>>,
    /// Entries, newest first.
    pub entries: Vec<Entry>,
}

impl Feed {
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
pub struct Entry {
    /// Permanent id (absolute URI).
    pub id: String,
    /// Title (plain text).
    pub title: String,
    /// Absolute link to the article's page.
    pub link: String,
    /// Publication date.
    pub published: DateTime<FixedOffset>,
    /// Last update, if the article gives one.
    pub updated: Option<DateTime<FixedOffset>>,
    /// Authors (never empty).
    pub authors: Vec<Person>,
    /// Plain-text summary.
    pub summary: String,
    /// Sanitised HTML content with absolute URLs (`None` in summary-only feeds).
    pub content_html: Option<String>,
    /// Tags.
    pub tags: Vec<String>,
}

impl Entry {
    /// Updated-or-published.
    pub fn modified(&self) -> DateTime<FixedOffset> {
        self.updated.unwrap_or(self.published)
    }
}

/// Builds the model of feed `spec` from its selected articles and their rendered bodies.
/// `fallback_updated` dates a feed with no entries (never the build time when avoidable).
pub fn build(
    site: &Site,
    spec: &FeedSpec,
    entries: &[(&Article, &Rendered)],
    fallback_updated: Option<DateTime<FixedOffset>>,
) -> Feed {
    // Parsers decode escapes (TOML `\u0001`, HTML `&#x1;`) after the raw files were cleaned, so
    // every string is cleaned again here, at the one boundary all writers share.
    let clean = |s: &str| strip_forbidden(s).into_owned();
    let person = |p: &Person| Person {
        name: clean(&p.name),
        email: p.email.as_deref().map(clean),
        uri: p.uri.as_deref().map(clean),
    };
    let entries: Vec<Entry> = entries
        .iter()
        .map(|(a, r)| Entry {
            id: clean(&a.id),
            title: clean(&a.title),
            link: a.link.clone(),
            published: a.published,
            updated: a.updated,
            authors: a.authors.iter().map(|p| person(p)).collect(),
            summary: clean(&r.summary),
            content_html: match spec.content {
                ContentMode::Full => Some(clean(&r.html)),
                ContentMode::Summary => None,
            },
            tags: a.tags.iter().map(|t| clean(t)).collect(),
        })
        .collect();
    let updated = entries
        .iter()
        .map(Entry::modified)
        .max()
        .or(fallback_updated);
    Feed {
        title: spec.title.clone(),
        description: spec.description.clone(),
        home_page_url: site.url.to_string(),
        self_urls: spec
            .outputs
            .iter()
            .map(|(f, file)| (*f, site.output_url(file).to_string()))
            .collect(),
        language: site.language.clone(),
        copyright: site.copyright.clone(),
        author: person(&site.author),
        updated,
        entries,
    }
}

/// The generator name written into feeds.
pub const GENERATOR: &str = "feedwright";
/// The generator version written into feeds.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
