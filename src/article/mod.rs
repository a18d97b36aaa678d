//! The article record: one file of the `articles` folder, validated.
//!
//! [`Article`] is what the rest of the pipeline trusts: a title, an absolute link, a permanent id,
//! dates with offsets, resolved authors and the body source (rendered later, and only for the
//! articles a feed selects). [`front_matter`] splits and parses a record, [`date`] reads the
//! dates people write, `validate` turns the raw fields into an `Article` one field at a time,
//! [`files`] says which files of the folder are articles, [`load`] walks the folder and
//! collects every problem, [`dir_data`] reads Eleventy's directory data files, and
//! [`record_file`] is the one way a
//! record is opened (regular files inside the articles folder only, reads bounded).

pub mod date;
pub mod dir_data;
pub mod episode;
pub mod files;
pub mod front_matter;
pub mod load;
pub mod preset;
pub mod record_file;
mod validate;

use std::path::PathBuf;
use std::sync::Arc;

use chrono::{DateTime, Datelike, FixedOffset};
use url::Url;

use crate::config::{IdMode, Person};

/// The markup of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BodyKind {
    /// CommonMark with tables, footnotes, strikethrough and task lists.
    Markdown,
    /// HTML.
    Html,
    /// Plain text: blank lines separate paragraphs.
    Text,
}

impl BodyKind {
    /// The kind for a file extension, or `None` for files that are not records.
    pub fn from_extension(ext: &str) -> Option<BodyKind> {
        match ext.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(BodyKind::Markdown),
            "html" | "htm" => Some(BodyKind::Html),
            "txt" => Some(BodyKind::Text),
            _ => None,
        }
    }
}

/// A validated article.
#[derive(Debug, Clone, Hash)]
pub struct Article {
    /// The file, as shown in messages.
    pub path: PathBuf,
    /// Title (plain text).
    pub title: String,
    /// Publication date.
    pub published: DateTime<FixedOffset>,
    /// Last update, if given.
    pub updated: Option<DateTime<FixedOffset>>,
    /// When it may first appear in a feed, when that is not `published`: Hugo holds a page
    /// back until its `publishDate`, but shows its `date`.
    pub live_from: Option<DateTime<FixedOffset>>,
    /// Authors (never empty), shared with the site's `[authors]` table.
    pub authors: Vec<Arc<Person>>,
    /// Summary as written (plain text), if given.
    pub summary: Option<String>,
    /// Tags, in the order written, without duplicates.
    pub tags: Vec<String>,
    /// Absolute link to the article's page (a valid http(s) URL, kept as text: 100,000 parsed
    /// `Url`s would cost 6 MB for nothing).
    pub link: String,
    /// Permanent id (an absolute URI): the one the record writes, else the one of the site's
    /// id mode (`[site] id`).
    pub id: String,
    /// The ids of every mode, when the record writes none (a feed may pick its own mode).
    pub derived_ids: Option<Box<DerivedIds>>,
    /// Left out of feeds unless `--drafts`.
    pub draft: bool,
    /// Body markup.
    pub kind: BodyKind,
    /// Body source, or where to read it.
    pub body: Body,
    /// 1-based line of the file the body starts on (to place problems found in the body).
    pub body_line: usize,
    /// Its enclosure and podcast episode facts, if it gives any.
    pub episode: Option<Box<episode::Episode>>,
}

/// An article's body: read with the record, or left on disk until a feed needs it.
///
/// Loading reads only the head of each file (front matter, or a plain-text record's title
/// line); the bodies of the articles that feeds select are read afterwards by
/// [`load::load_bodies`]. A 100,000-article archive then costs one small read per file.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Body {
    /// The body text: forbidden characters removed, LF line ends.
    Text(String),
    /// Not read yet.
    Deferred(BodyRef),
}

/// Where an unread body is, and what the file looked like when its head was read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct BodyRef {
    /// Byte offset of the body in the file (the article's `path`).
    pub offset: u64,
    /// 1-based line the body starts on.
    pub line: usize,
    /// File length when the head was read.
    pub len: u64,
    /// Modification time when the head was read.
    pub modified: Option<std::time::SystemTime>,
}

/// The ids an article has in each id mode, made from its link, day and slug.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DerivedIds {
    /// The `tag:` URI of [`tag_uri`].
    pub tag: String,
    /// jekyll-feed's form ([`preset::jekyll_id`]).
    pub jekyll: String,
    /// The id of the link mode when it is not the link: the one the ledger (`feeds.lock`)
    /// locked when the link changed since it was first published.
    pub link_id: Option<String>,
}

impl Article {
    /// The entry id in id mode `mode`: the id the record writes, if any; else the `tag:` URI,
    /// the link, or jekyll-feed's form.
    pub fn id_for(&self, mode: IdMode) -> &str {
        match (&self.derived_ids, mode) {
            (None, _) => &self.id,
            (Some(d), IdMode::Tag) => &d.tag,
            (Some(d), IdMode::Link) => d.link_id.as_deref().unwrap_or(&self.link),
            (Some(d), IdMode::Jekyll) => &d.jekyll,
        }
    }

    /// The body text. Bodies are read before rendering (see [`load::load_bodies`]); an unread
    /// body here is a bug in the pipeline, not in the user's input.
    pub fn body_text(&self) -> &str {
        match &self.body {
            Body::Text(t) => t,
            Body::Deferred(_) => panic!("{}: body used before it was read", self.path.display()),
        }
    }

    /// The date readers sort and show as "last changed": `updated`, else `published`.
    pub fn modified(&self) -> DateTime<FixedOffset> {
        self.updated.unwrap_or(self.published)
    }
}

/// The default id: a `tag:` URI (RFC 4151) from the site's host and path, the publication day
/// and the slug. Title, body, tags, authors, `updated` and the permalink pattern do not enter
/// it, so editing any of them never makes readers see the article as new.
pub fn tag_uri(site: &Url, published: DateTime<FixedOffset>, slug: &str) -> String {
    let host = site.host_str().unwrap_or("localhost");
    let path = site.path().trim_matches('/');
    let sep = if path.is_empty() { "" } else { "/" };
    let (y, m, d) = (published.year(), published.month(), published.day());
    if (1000..=9999).contains(&y) {
        // What `%Y-%m-%d` writes, without a format string per article.
        let mut out = String::with_capacity(host.len() + path.len() + slug.len() + 17);
        for part in ["tag:", host, ","] {
            out.push_str(part);
        }
        let digits = [y / 1000, y / 100 % 10, y / 10 % 10, y % 10];
        out.extend(digits.map(|n| char::from(b'0' + n as u8)));
        for n in [m, d] {
            out.push('-');
            out.push(char::from(b'0' + (n / 10) as u8));
            out.push(char::from(b'0' + (n % 10) as u8));
        }
        for part in [":", path, sep, slug] {
            out.push_str(part);
        }
        return out;
    }
    format!(
        "tag:{host},{}:{path}{sep}{slug}",
        published.format("%Y-%m-%d")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tag_uri_uses_host_path_day_and_slug() {
        let d = DateTime::parse_from_rfc3339("2026-03-04T23:00:00+03:00").unwrap();
        let u = Url::parse("https://x.org/").unwrap();
        assert_eq!(tag_uri(&u, d, "hello"), "tag:x.org,2026-03-04:hello");
        let u = Url::parse("https://x.org/news/").unwrap();
        assert_eq!(tag_uri(&u, d, "hello"), "tag:x.org,2026-03-04:news/hello");
        for day in ["0999-12-31", "1000-01-01", "1987-10-09", "9999-12-31"] {
            let d = DateTime::parse_from_rfc3339(&format!("{day}T00:00:00Z")).unwrap();
            let want = format!("tag:x.org,{}:news/a", d.format("%Y-%m-%d"));
            assert_eq!(tag_uri(&u, d, "a"), want);
        }
    }
}
