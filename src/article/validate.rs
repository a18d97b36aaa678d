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
use url::Url;

use super::date;
use super::dir_data::DirData;
use super::episode;
use super::files::Skip;
use super::front_matter::{
    RawAuthor, RawAuthors, RawDate, RawFrontMatter, RawGenerator, RawTags, Syntax,
};
use super::preset::{self, Keys, Source};
use super::{tag_uri, Article, Body, BodyKind, DerivedIds};
use crate::address::{self, Field};
use crate::config::permalink::Parts as LinkParts;
use crate::config::person::{self, Origin, Written};
use crate::config::{IdMode, Person, Preset, Site};
use crate::diagnostics::{Diagnostic, Problems};
use crate::slugify::{slugify, title_slug};
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
    /// What the record's folders' data files give it (Eleventy).
    pub data: Option<&'a DirData>,
}

/// What a record turned out to be.
// Returned once per record and moved straight into the article list: boxing the article
// would cost an allocation per article for nothing.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Built {
    /// A valid article.
    Article(Article),
    /// Not an article, for this reason (counted in the report's skipped tally).
    Skipped(Skip),
    /// An article with errors (pushed to the diagnostics).
    Invalid,
}

/// Validates parts into an article; every problem is pushed to `diags`. A record that is not
/// an article under the site's preset is [`Built::Skipped`]: one the generator never lists, a
/// draft without a date, or a page without a date where the preset says so (see
/// `undated_skip`).
pub(crate) fn build(parts: Parts<'_>, site: &Site, diags: &mut Vec<Diagnostic>) -> Built {
    let Parts {
        path,
        kind,
        front: mut fm,
        front_src,
        body,
        body_line,
        fallback_title,
        data,
    } = parts;
    let mut problems = problems_for(path, front_src);
    let p = &mut problems;
    let source = Source::of(path, site);
    let mut generator = fm.generator.take();
    if let Some(data) = data {
        inherit(&mut fm, generator.as_deref_mut(), data);
    }
    let keys = Keys::of(generator.as_deref(), site.vocabulary.preset);
    if let Some(why) = keys.not_listed() {
        return Built::Skipped(why);
    }
    let rules = date::Rules::of(site.vocabulary.preset, site.timezone);
    let syntax = front_src.map(|f| f.0);
    // Zola's `path` dates a page only where the site's feed template reads it.
    let path_date = || site.date_from_path.then(|| keys.path_date()).flatten();
    let name_date = source.date.or_else(path_date);
    let draft = fm.draft.unwrap_or(false) || keys.unpublished();
    let written_date = keys.published(fm.date.as_ref());
    let undated = written_date.is_none() && name_date.is_none();
    if let Some(why) = undated.then(|| undated_skip(draft, site, p)).flatten() {
        diags.extend(problems.into_vec());
        return Built::Skipped(why);
    }
    let title = title(fm.title.as_deref(), fallback_title, kind, syntax, p);
    let written = (written_date, fm.date.as_ref(), fm.updated.as_ref());
    let (published, live_from, updated) = dates(&keys, written, name_date, rules, p);
    let media = episode::RawEpisode::take(&mut fm);
    let authors = authors(fm.author, fm.authors, site, p);
    let tags = tags(keys.tags(fm.tags, &source), p);
    let slug = slug(fm.slug.as_deref(), &source.name, &title, site, p);
    let written_link = keys.link().or(fm.link.map(|l| ("link", l)));
    let written = (fm.slug.as_deref(), written_link.as_ref());
    let names = Names::needed(written, &slug, (&source, &title), site);
    let (context, naming) = ((&source, &keys), (&names, site));
    let link = link(written_link, published, &slug, context, naming, p);
    let id = id(fm.id.as_deref(), published, &slug, &site.url, p);
    let episode = episode::read(media, path, site, p);
    let failed = problems.has_errors();
    diags.extend(problems.into_vec());
    let (Some(link), Some(published), false) = (link, published, failed) else {
        return Built::Invalid;
    };
    let link: String = link.into();
    let raw_slug = fm.slug.as_deref().unwrap_or(&source.name);
    let derived_ids = fm
        .id
        .is_none()
        .then(|| derived_ids(&link, raw_slug, &id, site));
    let mut article = Article {
        path: path.to_path_buf(),
        title,
        published,
        live_from,
        updated,
        authors,
        summary: summary(&keys, fm.summary),
        tags,
        link,
        id,
        derived_ids,
        draft,
        kind,
        body,
        body_line,
        episode,
    };
    article.id = article.id_for(site.id).to_string();
    Built::Article(article)
}

/// The problems of the record at `path`: a problem whose key is not written is placed on the
/// opening fence of its front matter `front_src` (or the first line).
fn problems_for<'a>(path: &'a Path, front_src: Option<(Syntax, &'a str, usize)>) -> Problems<'a> {
    match front_src {
        Some((_, src, line)) => Problems::new(path)
            .keys_in(src, line)
            .otherwise_at(line - 1, 1),
        None => Problems::new(path).otherwise_at(1, 1),
    }
}

/// The summary the preset's keys give (feedwright's `summary` among them), trimmed; none when
/// empty.
fn summary(keys: &Keys<'_>, own: Option<String>) -> Option<String> {
    keys.summary(own)
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
}

/// The ids other tools would give an article without an `id`: feedwright's `tag:` id, and
/// jekyll-feed's (the link's folder and the raw slug) when the site or a feed uses that id
/// mode (else it is never read, and left empty).
fn derived_ids(link: &str, raw_slug: &str, tag: &str, site: &Site) -> Box<DerivedIds> {
    let jekyll = site.uses_id_mode(IdMode::Jekyll);
    let jekyll_id = || preset::jekyll_id(link, raw_slug).unwrap_or_else(|| link.to_string());
    Box::new(DerivedIds {
        tag: tag.to_string(),
        jekyll: if jekyll { jekyll_id() } else { String::new() },
        link_id: None,
    })
}

/// Why a record with no date at all is not an article, if it is not an error: a draft is not
/// published, so it needs no date (it is left out, even with `--drafts`); under the Hugo
/// preset, Hugo lists it dated year 1, which no feed should copy, and under the Zola preset
/// Zola's feeds hold dated pages only (`render_feeds` in zola `components/site/src/feeds.rs`:
/// an about page is a page, not an article), so it is left out silently;
/// under the Eleventy preset, Eleventy would date it by the file's creation time, which
/// differs from one checkout to the next, so feedwright leaves it out with a warning naming
/// the fix.
fn undated_skip(draft: bool, site: &Site, problems: &mut Problems<'_>) -> Option<Skip> {
    if draft {
        return Some(Skip::UndatedDraft);
    }
    match site.vocabulary.preset {
        Some(Preset::Hugo | Preset::Zola) => Some(Skip::NoDate),
        Some(Preset::Eleventy) => {
            problems.warning(
                "date",
                "article has no date: left out (Eleventy dates it by the file's creation time, \
                 which feedwright cannot reproduce)",
                "add `date: 2026-01-31` to the front matter (or a YYYY-MM-DD to its path) to \
                 publish it",
            );
            Some(Skip::NoDateWarned)
        }
        _ => None,
    }
}

/// The record's folders' data under its own front matter (Eleventy's data cascade): `draft`,
/// `permalink` and `eleventyExcludeFromCollections` where the record does not set them; the
/// folders' `tags` before its own.
fn inherit(fm: &mut RawFrontMatter, g: Option<&mut RawGenerator>, data: &DirData) {
    if fm.draft.is_none() {
        fm.draft = data.draft.as_ref().and_then(|d| d.get()).copied();
    }
    let mut tags = data.tag_list();
    if !tags.is_empty() {
        match fm.tags.take() {
            Some(RawTags::Many(v)) => tags.extend(v),
            Some(RawTags::One(t)) => tags.push(t),
            None => {}
        }
        let mut seen = HashSet::new();
        tags.retain(|t| seen.insert(t.clone()));
        fm.tags = Some(RawTags::Many(tags));
    }
    if let Some(g) = g {
        if g.permalink.is_none() {
            g.permalink = data.permalink.clone();
        }
        if g.exclude_from_collections.is_none() {
            g.exclude_from_collections = data.exclude.clone();
        }
    }
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
            (_, Some(Syntax::Json)) => "add `\"title\": \"Your title\"` to the front matter",
            (BodyKind::Text, None) => "the first non-empty line of a plain-text record is its title",
            _ => "start the file with front matter: +++ / title = \"Your title\" / date = 2026-01-31 / +++",
        };
        problems.error("title", "article has no title", hint);
    }
    title
}

/// The dates an article shows (published, and updated if written) and the one it is held back
/// to (`live_from`, under the Hugo preset), from the dates `written` (the shown one found by the
/// preset's keys, `date`, `updated`) or the file name's.
#[allow(clippy::type_complexity)]
fn dates(
    keys: &Keys<'_>,
    (shown, date, updated_raw): (Option<(&str, &RawDate)>, Option<&RawDate>, Option<&RawDate>),
    name_date: Option<NaiveDate>,
    rules: date::Rules,
    p: &mut Problems<'_>,
) -> (
    Option<DateTime<FixedOffset>>,
    Option<DateTime<FixedOffset>>,
    Option<DateTime<FixedOffset>>,
) {
    let rules = |key: &str| keys.date_rules(key, rules);
    let published = published(shown, name_date, &rules, p);
    let scheduled = keys.scheduled(date);
    let live_from = scheduled.and_then(|(k, d)| read_date(k, d, &rules(k), p));
    let updated = updated(keys.updated(updated_raw), published, &rules, p);
    (published, live_from, updated)
}

/// `date`, or the date that starts the file name: required.
fn published(
    raw: Option<(&str, &RawDate)>,
    name_date: Option<NaiveDate>,
    rules: &dyn Fn(&str) -> date::Rules,
    problems: &mut Problems<'_>,
) -> Option<DateTime<FixedOffset>> {
    if let Some((key, raw)) = raw {
        return read_date(key, raw, &rules(key), problems);
    }
    let Some(day) = name_date else {
        problems.error(
            "date",
            "article has no date",
            "add `date = 2026-01-31` (YAML: `date: 2026-01-31`) to the front matter, or start the file name with the date: 2026-01-31-my-post.md",
        );
        return None;
    };
    date::midnight(day, rules("date").day)
        .map_err(|m| {
            problems.push(
                Diagnostic::error(problems.path(), format!("file-name date: {m}"))
                    .hint("rename the file, or set `date` in the front matter"),
            )
        })
        .ok()
}

/// `updated`: optional; a warning when it precedes the publication date.
fn updated(
    raw: Option<(&str, &RawDate)>,
    published: Option<DateTime<FixedOffset>>,
    rules: &dyn Fn(&str) -> date::Rules,
    problems: &mut Problems<'_>,
) -> Option<DateTime<FixedOffset>> {
    let (key, raw) = raw?;
    let updated = read_date(key, raw, &rules(key), problems)?;
    if let Some(published) = published.filter(|&p| updated < p) {
        problems.warning(
            key,
            format!(
                "{key} ({}) is before date ({})",
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
    rules: &date::Rules,
    problems: &mut Problems<'_>,
) -> Option<DateTime<FixedOffset>> {
    date::parse_by(raw, rules)
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
    if site.vocabulary.preset.is_some() {
        written = written.into_iter().map(preset::author_link).collect();
    }
    let origin = Origin {
        who: "author",
        name_key: "authors",
        uri_key: "authors",
        email_key: "authors",
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

/// `slug`: URL-safe if written (under a preset: made by the site's `slugify` mode, as the
/// generator makes it); else from the file name (after its date), else the title.
fn slug(
    raw: Option<&str>,
    name_slug: &str,
    title: &str,
    site: &Site,
    problems: &mut Problems<'_>,
) -> String {
    let mode = site.slugify;
    let slug = match raw.map(str::trim) {
        Some(s) if site.vocabulary.preset.is_some() => slugify(mode, s),
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
        None => Some(slugify(mode, name_slug))
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| slugify(mode, title)),
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

/// What a permalink's `{title}`, `{filename}` and `{slug_or_title}` are for one record.
struct Names {
    title: String,
    filename: String,
    slug_or_title: String,
}

impl Names {
    /// The names a pattern reads, made from the `written` slug and link: a name is made only
    /// where the folder's permalink uses it, or a Jekyll `permalink` is written (its
    /// placeholders may use any).
    fn needed(
        (slug_written, link_written): (Option<&str>, Option<&(&str, String)>),
        slug: &str,
        (source, title): (&Source, &str),
        site: &Site,
    ) -> Names {
        let pattern = site.permalinks.for_folders(&source.folders);
        let jekyll_written = site.vocabulary.preset == Some(Preset::Jekyll)
            && link_written.is_some_and(|(k, _)| *k == "permalink");
        let needs = |name: &str| jekyll_written || pattern.uses(name);
        Names::of(slug_written, slug, (source, title), site, needs)
    }

    /// `{title}`: under the Hugo preset the page's title made a URL, as Hugo's `:title` is
    /// (`URLize(p.Title())`, hugo `resources/page/permalinks.go` `pageToPermalinkTitle`);
    /// elsewhere the written slug or the file name, as Jekyll's `:title`. `{filename}`: the
    /// file name, whatever `slug` says (`pageToPermalinkFilename`); `{slug_or_title}`: the
    /// slug if written, else the title (`pageToPermalinkSlugElseTitle`).
    /// Only the names `needs` asks for are made; the others are left empty.
    fn of(
        written: Option<&str>,
        slug: &str,
        (source, title): (&Source, &str),
        site: &Site,
        needs: impl Fn(&str) -> bool,
    ) -> Names {
        let mode = site.slugify;
        let made = |name: &str, make: &dyn Fn() -> String| {
            if needs(name) {
                make()
            } else {
                String::new()
            }
        };
        Names {
            title: made("title", &|| match site.preset {
                Some(Preset::Hugo) => slugify(mode, title),
                _ => title_slug(mode, written.unwrap_or(&source.name)),
            }),
            filename: made("filename", &|| slugify(mode, &source.name)),
            slug_or_title: made("slug_or_title", &|| match written {
                Some(_) => slug.to_string(),
                None => slugify(mode, title),
            }),
        }
    }
}

/// `link` (or the generator's key, `key`): an absolute http(s) URL or a path that stays below
/// the site's url ([`address::link`]); else the permalink for the record's folders, its names
/// from `names`. A Jekyll `permalink` has its placeholders filled
/// ([`preset::jekyll_permalink`]).
fn link(
    raw: Option<(&str, String)>,
    published: Option<DateTime<FixedOffset>>,
    slug: &str,
    (source, keys): (&Source, &Keys<'_>),
    (names, site): (&Names, &Site),
    problems: &mut Problems<'_>,
) -> Option<Url> {
    let jekyll = site.vocabulary.preset == Some(Preset::Jekyll);
    let categories = keys.jekyll_categories(source);
    let parts = published.map(|p| LinkParts {
        year: p.year(),
        month: p.month(),
        day: p.day(),
        slug,
        title: &names.title,
        filename: &names.filename,
        slug_or_title: &names.slug_or_title,
        folders: &source.folders,
        categories: &categories,
    });
    let Some((key, l)) = raw else {
        let rel = site.permalinks.for_folders(&source.folders).fill(&parts?);
        return site.url.join(rel.trim_start_matches('/')).ok();
    };
    let l = match parts {
        Some(parts) if jekyll && key == "permalink" => preset::jekyll_permalink(l.trim(), &parts),
        _ => l.trim().to_string(),
    };
    let field = Field {
        key,
        name: key,
        malformed: "is not a valid URL",
        scheme: "is not an http(s) URL",
        hint: "use an absolute http(s) URL or a path relative to the site url",
    };
    address::link(&l, &site.url)
        .map_err(|refusal| field.report(&l, &refusal, problems))
        .ok()
}

/// `id`: a `tag:`, `urn:` or http(s) URI if written ([`address::id`]), kept as written; else
/// the `tag:` URI of [`tag_uri`].
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
    if let Err(refusal) = address::id(i) {
        let hint = format!(
            "feed ids must be URIs, e.g. id = \"tag:{},2026:{}\" or \"urn:uuid:...\"",
            site_url.host_str().unwrap_or("example.com"),
            slug::slugify(i)
        );
        let field = Field {
            key: "id",
            name: "id",
            malformed: "is not an absolute URI",
            scheme: "is not a tag:, urn: or http(s) URI",
            hint: &hint,
        };
        field.report(i, &refusal, problems);
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
