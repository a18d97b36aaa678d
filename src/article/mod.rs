//! The article record: one file of the `articles` folder, validated.
//!
//! [`Article`] is what the rest of the pipeline trusts: a title, an absolute link, a permanent id,
//! dates with offsets, resolved authors and the body source (rendered later, and only for the
//! articles a feed selects). [`front_matter`] splits and parses a record, [`load`] walks the
//! folder and collects every problem; this module turns raw fields into an `Article`.

pub mod date;
pub mod front_matter;
pub mod load;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono::{DateTime, Datelike, FixedOffset};
use url::Url;

use crate::config::{Person, Site};
use crate::diagnostics::{key_line, Diagnostic};
use crate::text::fold;
use front_matter::{RawAuthor, RawAuthors, RawFrontMatter, RawTags, Syntax};

/// The markup of a body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
#[derive(Debug, Clone)]
pub struct Article {
    /// The file, as shown in messages.
    pub path: PathBuf,
    /// Title (plain text).
    pub title: String,
    /// Publication date.
    pub published: DateTime<FixedOffset>,
    /// Last update, if given.
    pub updated: Option<DateTime<FixedOffset>>,
    /// Authors (never empty), shared with the site's `[authors]` table.
    pub authors: Vec<Arc<Person>>,
    /// Summary as written (plain text), if given.
    pub summary: Option<String>,
    /// Tags, in the order written, without duplicates.
    pub tags: Vec<String>,
    /// Absolute link to the article's page (a valid http(s) URL, kept as text: 100,000 parsed
    /// `Url`s would cost 6 MB for nothing).
    pub link: String,
    /// Permanent id (an absolute URI).
    pub id: String,
    /// Left out of feeds unless `--drafts`.
    pub draft: bool,
    /// Body markup.
    pub kind: BodyKind,
    /// Body source, or where to read it.
    pub body: Body,
}

/// An article's body: read with the record, or left on disk until a feed needs it.
///
/// Loading reads only the head of each file (front matter, or a plain-text record's title
/// line); the bodies of the articles that feeds select are read afterwards by
/// [`load::load_bodies`]. A 100,000-article archive then costs one small read per file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// The body text: forbidden characters removed, LF line ends.
    Text(String),
    /// Not read yet.
    Deferred(BodyRef),
}

/// Where an unread body is, and what the file looked like when its head was read.
#[derive(Debug, Clone, PartialEq, Eq)]
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

impl Article {
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

/// Everything needed to build one article, parsed but not yet validated.
pub(crate) struct Parts<'a> {
    pub path: &'a Path,
    pub kind: BodyKind,
    pub front: RawFrontMatter,
    /// Front-matter source and the file line it starts on (for positions).
    pub front_src: Option<(Syntax, &'a str, usize)>,
    pub body: Body,
    /// Title taken from the first line of a plain-text record.
    pub fallback_title: Option<String>,
}

/// Validates parts into an article; every problem is pushed to `diags`.
pub(crate) fn build(parts: Parts<'_>, site: &Site, diags: &mut Vec<Diagnostic>) -> Option<Article> {
    let Parts {
        path,
        kind,
        front: fm,
        front_src,
        body,
        fallback_title,
    } = parts;
    let errors_before = diags.iter().filter(|d| d.is_error()).count();
    let at = |key: &str, d: Diagnostic| -> Diagnostic {
        match front_src.and_then(|(_, src, line)| key_line(src, key).map(|l| l + line - 1)) {
            Some(l) => d.at(l, 1),
            None => match front_src {
                Some((_, _, line)) => d.at(line - 1, 1),
                None => d.at(1, 1),
            },
        }
    };
    let file_name = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (name_date, name_slug) = date::split_file_name(&file_name);

    let title = fm
        .title
        .as_deref()
        .map(fold)
        .or(fallback_title)
        .unwrap_or_default();
    if title.is_empty() {
        let hint = match (kind, front_src.map(|f| f.0)) {
            (_, Some(Syntax::Yaml)) => "add `title: Your title` to the front matter",
            (_, Some(Syntax::Toml)) => "add `title = \"Your title\"` to the front matter",
            (BodyKind::Text, None) => "the first non-empty line of a plain-text record is its title",
            _ => "start the file with front matter: +++ / title = \"Your title\" / date = 2026-01-31 / +++",
        };
        diags.push(at(
            "title",
            Diagnostic::error(path, "article has no title").hint(hint),
        ));
    }

    let published = match &fm.date {
        Some(raw) => date::parse(raw, site.timezone)
            .map_err(|m| {
                diags.push(at(
                    "date",
                    Diagnostic::error(path, format!("date: {m}")).hint(date::HINT),
                ))
            })
            .ok(),
        None => match name_date {
            Some(d) => date::midnight(d, site.timezone)
                .map_err(|m| diags.push(Diagnostic::error(path, format!("file-name date: {m}"))))
                .ok(),
            None => {
                diags.push(at(
                    "date",
                    Diagnostic::error(path, "article has no date").hint(
                        "add `date = 2026-01-31` (YAML: `date: 2026-01-31`) to the front matter, or start the file name with the date: 2026-01-31-my-post.md",
                    ),
                ));
                None
            }
        },
    };
    let updated = fm.updated.as_ref().and_then(|raw| {
        date::parse(raw, site.timezone)
            .map_err(|m| {
                diags.push(at(
                    "updated",
                    Diagnostic::error(path, format!("updated: {m}")).hint(date::HINT),
                ))
            })
            .ok()
    });
    if let (Some(p), Some(u)) = (published, updated) {
        if u < p {
            diags.push(at(
                "updated",
                Diagnostic::warning(
                    path,
                    format!(
                        "updated ({}) is before date ({})",
                        u.to_rfc3339(),
                        p.to_rfc3339()
                    ),
                )
                .hint("an update cannot precede publication; check both dates"),
            ));
        }
    }

    let mut raw_authors: Vec<RawAuthor> = match fm.authors {
        Some(RawAuthors::Many(v)) => v,
        Some(RawAuthors::One(a)) => vec![a],
        None => vec![],
    };
    if let Some(a) = fm.author {
        raw_authors.insert(0, a);
    }
    let mut authors: Vec<Arc<Person>> = Vec::new();
    for a in raw_authors {
        let person = match a {
            RawAuthor::Name(n) => {
                let n = &fold(&n);
                if n.is_empty() {
                    diags.push(at(
                        "authors",
                        Diagnostic::error(path, "an author's name is empty")
                            .hint("remove the empty entry"),
                    ));
                    continue;
                }
                site.person(n)
            }
            RawAuthor::Person { name, email, uri } => {
                let name = fold(&name);
                if name.is_empty() {
                    diags.push(at(
                        "authors",
                        Diagnostic::error(path, "an author's name is empty")
                            .hint("give every author a name"),
                    ));
                    continue;
                }
                let known = site.person(&name);
                let uri = uri.map(|u| u.trim().to_string()).filter(|u| !u.is_empty());
                if let Some(u) = &uri {
                    if !Url::parse(u).is_ok_and(|u| u.has_host()) {
                        diags.push(at(
                            "authors",
                            Diagnostic::error(
                                path,
                                format!("author uri {u:?} is not an absolute URL"),
                            )
                            .hint("write it in full, e.g. https://example.com/"),
                        ));
                    }
                }
                Arc::new(Person {
                    name: known.name.clone(),
                    email: email
                        .map(|e| e.trim().to_string())
                        .filter(|e| !e.is_empty())
                        .or(known.email.clone()),
                    uri: uri.or(known.uri.clone()),
                })
            }
        };
        if !authors.contains(&person) {
            authors.push(person);
        }
    }
    if authors.is_empty() {
        authors.push(site.author.clone());
    }
    authors.shrink_to_fit();

    let mut tags: Vec<String> = Vec::new();
    let raw_tags = match fm.tags {
        Some(RawTags::Many(v)) => v,
        Some(RawTags::One(t)) => vec![t],
        None => vec![],
    };
    for t in raw_tags {
        let t = fold(&t);
        if !t.is_empty() && !tags.contains(&t) {
            tags.push(t);
        }
    }

    tags.shrink_to_fit();
    let slug = match fm.slug.as_deref().map(str::trim) {
        Some(s)
            if !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
                && s != "."
                && s != ".." =>
        {
            s.to_string()
        }
        Some(s) => {
            let suggestion = slug::slugify(s);
            diags.push(at(
                "slug",
                Diagnostic::error(path, format!("slug {s:?} is not URL-safe")).hint(format!(
                    "use letters, digits, '-', '_', '.', '~' only, e.g. slug = {suggestion:?}"
                )),
            ));
            suggestion
        }
        None => {
            let s = slug::slugify(name_slug);
            if s.is_empty() {
                slug::slugify(&title)
            } else {
                s
            }
        }
    };
    if slug.is_empty() {
        diags.push(
            Diagnostic::error(path, "cannot derive a slug from the file name or title")
                .hint("add `slug = \"my-post\"` to the front matter"),
        );
    }

    let link = match fm.link.as_deref().map(str::trim) {
        Some(l) => {
            match Url::parse(l) {
                Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => Some(u),
                Ok(_) => {
                    diags.push(at(
                        "link",
                        Diagnostic::error(path, format!("link {l:?} is not an http(s) URL"))
                            .hint("use an absolute http(s) URL or a path relative to the site url"),
                    ));
                    None
                }
                Err(_) => {
                    match site.url.join(l.trim_start_matches('/')) {
                        Ok(u) if !l.is_empty() => Some(u),
                        _ => {
                            diags.push(at("link", Diagnostic::error(path, format!("link {l:?} is not a valid URL")).hint("use an absolute http(s) URL or a path relative to the site url")));
                            None
                        }
                    }
                }
            }
        }
        None => published.and_then(|p| {
            let rel = site.permalink.expand(p.year(), p.month(), p.day(), &slug);
            site.url.join(rel.trim_start_matches('/')).ok()
        }),
    };

    let id = match fm.id.as_deref().map(str::trim) {
        Some(i) => {
            let ok = Url::parse(i).is_ok() && !i.chars().any(char::is_whitespace);
            if !ok {
                diags.push(at(
                    "id",
                    Diagnostic::error(path, format!("id {i:?} is not an absolute URI")).hint(
                        format!(
                        "feed ids must be URIs, e.g. id = \"tag:{},2026:{}\" or \"urn:uuid:...\"",
                        site.url.host_str().unwrap_or("example.com"),
                        slug::slugify(i)
                    ),
                    ),
                ));
            }
            i.to_string()
        }
        None => published
            .map(|p| tag_uri(&site.url, p, &slug))
            .unwrap_or_default(),
    };

    let errors_after = diags.iter().filter(|d| d.is_error()).count();
    if errors_after > errors_before {
        return None;
    }
    Some(Article {
        path: path.to_path_buf(),
        title,
        published: published?,
        updated,
        authors,
        summary: fm
            .summary
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty()),
        tags,
        link: link?.into(),
        id,
        draft: fm.draft.unwrap_or(false),
        kind,
        body,
    })
}

/// The default id: a `tag:` URI (RFC 4151) from the site's host and path, the publication day
/// and the slug. Title, body, tags, authors, `updated` and the permalink pattern do not enter
/// it, so editing any of them never makes readers see the article as new.
pub fn tag_uri(site: &Url, published: DateTime<FixedOffset>, slug: &str) -> String {
    let host = site.host_str().unwrap_or("localhost");
    let path = site.path().trim_matches('/');
    let sep = if path.is_empty() { "" } else { "/" };
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
    }
}
