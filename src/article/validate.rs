//! From a parsed record to an [`Article`]: one small function per field.
//!
//! Each field (title, dates, authors, tags, slug, link, id) is read from the raw front matter by
//! its own function, which reports what is wrong to one [`Problems`] collector placed on the
//! front matter's lines. Fields that depend on others come after them (the link and id need the
//! date and slug). The article is built only when no field had an error, but every field is
//! checked, so one run reports every problem of the file.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate};
use chrono_tz::Tz;
use url::Url;

use super::date;
use super::front_matter::{RawAuthor, RawAuthors, RawDate, RawFrontMatter, RawTags, Syntax};
use super::{tag_uri, Article, Body, BodyKind};
use crate::config::person::{self, Origin, Written};
use crate::config::{Person, Site};
use crate::diagnostics::{Diagnostic, Problems};
use crate::text::fold;

/// Everything needed to build one article, parsed but not yet validated.
pub(crate) struct Parts<'a> {
    pub path: &'a Path,
    pub kind: BodyKind,
    pub front: RawFrontMatter,
    /// Front-matter source and the file line it starts on (for positions).
    pub front_src: Option<(Syntax, &'a str, usize)>,
    pub body: Body,
    /// 1-based line of the file the body starts on.
    pub body_line: usize,
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
        body_line,
        fallback_title,
    } = parts;
    // A problem whose key is not written is placed on the opening fence (or the first line).
    let mut problems = match front_src {
        Some((_, src, line)) => Problems::new(path)
            .keys_in(src, line)
            .otherwise_at(line - 1, 1),
        None => Problems::new(path).otherwise_at(1, 1),
    };
    let p = &mut problems;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let (name_date, name_slug) = date::split_file_name(&stem);
    let syntax = front_src.map(|f| f.0);
    let title = title(fm.title.as_deref(), fallback_title, kind, syntax, p);
    let published = published(fm.date.as_ref(), name_date, site.timezone, p);
    let updated = updated(fm.updated.as_ref(), published, site.timezone, p);
    let authors = authors(fm.author, fm.authors, site, p);
    let tags = tags(fm.tags, p);
    let slug = slug(fm.slug.as_deref(), name_slug, &title, p);
    let link = link(fm.link.as_deref(), published, &slug, site, p);
    let id = id(fm.id.as_deref(), published, &slug, &site.url, p);
    let failed = problems.has_errors();
    diags.extend(problems.into_vec());
    if failed {
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
        body_line,
    })
}

/// `title`, or the first line of a plain-text record: required.
fn title(
    raw: Option<&str>,
    fallback: Option<String>,
    kind: BodyKind,
    syntax: Option<Syntax>,
    problems: &mut Problems<'_>,
) -> String {
    let title = raw.map(fold).or(fallback).unwrap_or_default();
    if title.is_empty() {
        let hint = match (kind, syntax) {
            (_, Some(Syntax::Yaml)) => "add `title: Your title` to the front matter",
            (_, Some(Syntax::Toml)) => "add `title = \"Your title\"` to the front matter",
            (BodyKind::Text, None) => "the first non-empty line of a plain-text record is its title",
            _ => "start the file with front matter: +++ / title = \"Your title\" / date = 2026-01-31 / +++",
        };
        problems.error("title", "article has no title", hint);
    }
    title
}

/// `date`, or the date that starts the file name: required.
fn published(
    raw: Option<&RawDate>,
    name_date: Option<NaiveDate>,
    tz: Tz,
    problems: &mut Problems<'_>,
) -> Option<DateTime<FixedOffset>> {
    if let Some(raw) = raw {
        return read_date("date", raw, tz, problems);
    }
    let Some(day) = name_date else {
        problems.error(
            "date",
            "article has no date",
            "add `date = 2026-01-31` (YAML: `date: 2026-01-31`) to the front matter, or start the file name with the date: 2026-01-31-my-post.md",
        );
        return None;
    };
    date::midnight(day, tz)
        .map_err(|m| {
            problems.push(Diagnostic::error(
                problems.path(),
                format!("file-name date: {m}"),
            ))
        })
        .ok()
}

/// `updated`: optional; a warning when it precedes the publication date.
fn updated(
    raw: Option<&RawDate>,
    published: Option<DateTime<FixedOffset>>,
    tz: Tz,
    problems: &mut Problems<'_>,
) -> Option<DateTime<FixedOffset>> {
    let updated = read_date("updated", raw?, tz, problems)?;
    if let Some(published) = published.filter(|&p| updated < p) {
        problems.warning(
            "updated",
            format!(
                "updated ({}) is before date ({})",
                updated.to_rfc3339(),
                published.to_rfc3339()
            ),
            "an update cannot precede publication; check both dates",
        );
    }
    Some(updated)
}

/// A date field `key` as written.
fn read_date(
    key: &str,
    raw: &RawDate,
    tz: Tz,
    problems: &mut Problems<'_>,
) -> Option<DateTime<FixedOffset>> {
    date::parse(raw, tz)
        .map_err(|m| problems.error(key, format!("{key}: {m}"), date::HINT))
        .ok()
}

/// Most authors one article may name (`author` and `authors` together).
pub const MAX_AUTHORS: usize = 100;
/// Most tags one article may have, as written.
pub const MAX_TAGS: usize = 1_000;

/// `author` and `authors`, in that order, without duplicates; the site's author when neither
/// names anyone. More than [`MAX_AUTHORS`] is an error (and none of them is read).
fn authors(
    author: Option<RawAuthor>,
    authors: Option<RawAuthors>,
    site: &Site,
    problems: &mut Problems<'_>,
) -> Vec<Arc<Person>> {
    let mut written: Vec<RawAuthor> = author.into_iter().collect();
    match authors {
        Some(RawAuthors::Many(v)) => written.extend(v),
        Some(RawAuthors::One(a)) => written.push(a),
        None => {}
    }
    if written.len() > MAX_AUTHORS {
        problems.error(
            "authors",
            format!(
                "article names {} authors; at most {MAX_AUTHORS} are allowed",
                written.len()
            ),
            "keep the authors of this article; credit others in its body",
        );
        return vec![site.author.clone()];
    }
    let origin = Origin {
        who: "author",
        name_key: "authors",
        uri_key: "authors",
    };
    let mut people: Vec<Arc<Person>> = Vec::new();
    let mut seen: HashSet<Arc<Person>> = HashSet::new();
    for a in &written {
        let w = match a {
            RawAuthor::Name(name) => Written {
                name,
                email: None,
                uri: None,
            },
            RawAuthor::Person { name, email, uri } => Written {
                name,
                email: email.as_deref(),
                uri: uri.as_deref(),
            },
        };
        let Some(person) = person::validate(w, origin, problems).map(|p| site.author(p)) else {
            continue;
        };
        if seen.insert(person.clone()) {
            people.push(person);
        }
    }
    if people.is_empty() {
        people.push(site.author.clone());
    }
    people.shrink_to_fit();
    people
}

/// `tags`: folded, empty ones dropped, each once, in the order written. More than
/// [`MAX_TAGS`] is an error (and none of them is read).
fn tags(raw: Option<RawTags>, problems: &mut Problems<'_>) -> Vec<String> {
    let raw = match raw {
        Some(RawTags::Many(v)) => v,
        Some(RawTags::One(t)) => vec![t],
        None => vec![],
    };
    if raw.len() > MAX_TAGS {
        problems.error(
            "tags",
            format!(
                "article has {} tags; at most {MAX_TAGS} are allowed",
                raw.len()
            ),
            "keep the tags readers filter on",
        );
        return Vec::new();
    }
    let folded: Vec<String> = raw.iter().map(|t| fold(t)).collect();
    let mut seen: HashSet<&str> = HashSet::with_capacity(folded.len());
    let keep: Vec<bool> = folded
        .iter()
        .map(|t| !t.is_empty() && seen.insert(t.as_str()))
        .collect();
    let mut tags: Vec<String> = folded
        .into_iter()
        .zip(keep)
        .filter_map(|(t, keep)| keep.then_some(t))
        .collect();
    tags.shrink_to_fit();
    tags
}

/// `slug`: URL-safe if written; else from the file name (after its date), else the title.
fn slug(raw: Option<&str>, name_slug: &str, title: &str, problems: &mut Problems<'_>) -> String {
    let slug = match raw.map(str::trim) {
        Some(s) if is_url_safe(s) => s.to_string(),
        Some(s) => {
            let suggestion = slug::slugify(s);
            problems.error(
                "slug",
                format!("slug {s:?} is not URL-safe"),
                format!("use letters, digits, '-', '_', '.', '~' only, e.g. slug = {suggestion:?}"),
            );
            suggestion
        }
        None => Some(slug::slugify(name_slug))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| slug::slugify(title)),
    };
    if slug.is_empty() {
        problems.push(
            Diagnostic::error(
                problems.path(),
                "cannot derive a slug from the file name or title",
            )
            .hint("add `slug = \"my-post\"` to the front matter"),
        );
    }
    slug
}

/// True for a slug that is one URL path segment without escapes.
fn is_url_safe(s: &str) -> bool {
    !s.is_empty()
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.~".contains(c))
        && s != "."
        && s != ".."
}

/// `link`: an absolute http(s) URL or a path below the site's url; else the permalink.
fn link(
    raw: Option<&str>,
    published: Option<DateTime<FixedOffset>>,
    slug: &str,
    site: &Site,
    problems: &mut Problems<'_>,
) -> Option<Url> {
    let Some(l) = raw.map(str::trim) else {
        let p = published?;
        let rel = site.permalink.expand(p.year(), p.month(), p.day(), slug);
        return site.url.join(rel.trim_start_matches('/')).ok();
    };
    let hint = "use an absolute http(s) URL or a path relative to the site url";
    match Url::parse(l) {
        Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => Some(u),
        Ok(_) => {
            problems.error("link", format!("link {l:?} is not an http(s) URL"), hint);
            None
        }
        Err(_) => match site.url.join(l.trim_start_matches('/')) {
            Ok(u) if !l.is_empty() => Some(u),
            _ => {
                problems.error("link", format!("link {l:?} is not a valid URL"), hint);
                None
            }
        },
    }
}

/// `id`: an absolute URI if written; else the `tag:` URI of [`tag_uri`].
fn id(
    raw: Option<&str>,
    published: Option<DateTime<FixedOffset>>,
    slug: &str,
    site_url: &Url,
    problems: &mut Problems<'_>,
) -> String {
    let Some(i) = raw.map(str::trim) else {
        return published
            .map(|p| tag_uri(site_url, p, slug))
            .unwrap_or_default();
    };
    if Url::parse(i).is_err() || i.chars().any(char::is_whitespace) {
        problems.error(
            "id",
            format!("id {i:?} is not an absolute URI"),
            format!(
                "feed ids must be URIs, e.g. id = \"tag:{},2026:{}\" or \"urn:uuid:...\"",
                site_url.host_str().unwrap_or("example.com"),
                slug::slugify(i)
            ),
        );
    }
    i.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::load::parse_record;

    fn site() -> Site {
        let config = "[site]\ntitle = \"T\"\nurl = \"https://x.org/blog/\"\ndescription = \"D\"\n\
                      author = { name = \"Desk\" }\n[authors.niamh]\nname = \"Niamh Harris\"\n\
                      email = \"n@x.org\"\n";
        Site::from_str(config, Path::new("feeds.toml"), Path::new("")).unwrap()
    }

    fn record(file: &str, front: &str) -> (Option<Article>, Vec<String>) {
        let mut diags = Vec::new();
        let text = format!("+++\n{front}\n+++\nbody\n");
        let article = parse_record(
            &text,
            Path::new(file),
            BodyKind::Markdown,
            &site(),
            &mut diags,
        );
        (article, diags.iter().map(|d| d.to_string()).collect())
    }

    #[test]
    fn authors_resolve_merge_and_dedupe_in_order() {
        let (a, diags) = record(
            "2026-01-02-a.md",
            "title = \"A\"\nauthor = \"niamh\"\n\
             authors = [\"Niamh Harris\", { name = \"niamh\", email = \"own@x.org\" }, \"Zed\"]",
        );
        assert!(diags.is_empty(), "{diags:?}");
        let emails: Vec<_> = a.unwrap().authors.iter().map(|p| p.email.clone()).collect();
        assert_eq!(
            emails,
            [Some("n@x.org".into()), Some("own@x.org".into()), None]
        );
        let (a, _) = record("2026-01-02-a.md", "title = \"A\"");
        assert_eq!(a.unwrap().authors[0].name, "Desk");
    }

    #[test]
    fn tags_and_authors_are_deduplicated_in_order_within_their_bounds() {
        let (a, diags) = record(
            "2026-01-02-a.md",
            "title = \"A\"\ntags = [\"b\", \" a  \", \"b\", \"\", \"a\", \"c\"]",
        );
        assert!(diags.is_empty(), "{diags:?}");
        assert_eq!(a.unwrap().tags, ["b", "a", "c"]);
        let list = |n: usize, p: &str| {
            let items: Vec<String> = (0..n).map(|i| format!("\"{p}{i}\"")).collect();
            items.join(",")
        };
        let (a, diags) = record(
            "2026-01-02-a.md",
            &format!("title = \"A\"\ntags = [{}]", list(MAX_TAGS + 1, "t")),
        );
        assert!(a.is_none());
        assert!(
            diags[0].starts_with("2026-01-02-a.md:3:1: error: article has 1001 tags; at most 1000")
        );
        let (a, _) = record(
            "2026-01-02-a.md",
            &format!("title = \"A\"\nauthors = [{}]", list(MAX_AUTHORS, "a")),
        );
        assert_eq!(a.unwrap().authors.len(), MAX_AUTHORS);
        let (a, diags) = record(
            "2026-01-02-a.md",
            &format!("title = \"A\"\nauthors = [{}]", list(MAX_AUTHORS + 1, "a")),
        );
        assert!(a.is_none());
        assert!(diags[0].starts_with(
            "2026-01-02-a.md:3:1: error: article names 101 authors; at most 100 are allowed"
        ));
    }

    #[test]
    fn dates_slug_link_and_id_come_from_the_file_name_when_not_written() {
        let (a, diags) = record("2026-01-02-Hello World.md", "title = \"A\"");
        assert!(diags.is_empty(), "{diags:?}");
        let a = a.unwrap();
        assert_eq!(a.published.to_rfc3339(), "2026-01-02T00:00:00+00:00");
        assert_eq!(a.link, "https://x.org/blog/hello-world/");
        assert_eq!(a.id, "tag:x.org,2026-01-02:blog/hello-world");
    }

    #[test]
    fn every_field_problem_is_reported_and_no_article_built() {
        let (a, diags) = record(
            "a.md",
            "title = \" \"\nauthors = [\"\"]\nslug = \"a b\"\nid = \"no id\"",
        );
        assert!(a.is_none());
        let firsts: Vec<&str> = diags.iter().map(|d| d.lines().next().unwrap()).collect();
        assert_eq!(
            firsts,
            [
                "a.md:2:1: error: article has no title",
                "a.md:1:1: error: article has no date",
                "a.md:3:1: error: author has an empty name",
                "a.md:4:1: error: slug \"a b\" is not URL-safe",
                "a.md:5:1: error: id \"no id\" is not an absolute URI",
            ]
        );
    }
}
