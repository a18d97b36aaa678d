//! The feeds a build writes: every `[[feeds]]` entry as written, and one feed per tag or per
//! author for each entry with `per` (`per = "tag"`, paths such as `tags/{tag}/rss.xml`).
//!
//! Which feeds a `per` entry makes depends on the articles, so it is decided here, once they are
//! read, and nowhere else: [`concrete`] is the one list of feeds a build writes (what `build`
//! selects, renders and writes, and what any command listing the feeds must show), and
//! [`expand`] puts it in the site's place. Pure: "now" is an argument.
//!
//! A value (a tag, an author's name as articles write it) is every value some article the entry
//! keeps (its `tags`, `authors`, `include`, `exclude`) carries, drafts and scheduled articles
//! included, so a problem shows before the article is due: each value's slug is made by the
//! site's `slugify` (as article links are), must make a path served at the URL its name says,
//! and no two values may make one slug (or slugs equal but for case, one file on macOS), nor a
//! file another feed writes. Of those values, the ones with at least `min_entries` entries at
//! "now" (drafts only under `--drafts`, scheduled articles never) get a feed, titled by the
//! entry's template (`{site}`, `{tag}` / `{author}`), with its own files, so its own self URL
//! and its own feed id (Atom `id`, JSON Feed `feed_url`: the feed's own URL, stable as long as
//! the value's slug is).

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::article::Article;
use crate::config::feed::{check_output_path, collisions};
use crate::config::per::{fill, fill_text};
use crate::config::{FeedSpec, Generated, Per, PerKind, Site};
use crate::diagnostics::{display_path, shown, Diagnostic};
use crate::select;
use crate::slugify::slugify;

/// The longest file or folder name most file systems take, in bytes.
const MAX_NAME: usize = 255;

/// How many article files a collision message names for each value.
const NAMED_FILES: usize = 3;

/// Every feed a build of `site` writes at `now` (`drafts`: `build --drafts`), in config order:
/// an entry without `per` as it is, an entry with `per` replaced by its feeds, ordered by slug.
/// Each has its name, title, description and files ([`FeedSpec::outputs`]); its self URLs are
/// [`Site::self_urls`]; a feed a `per` entry made has [`FeedSpec::generated`] set. Commands
/// that list the feeds a build writes (OPML, `<link>` tags) read this list. The errors are
/// [`check`]'s.
pub fn concrete(
    site: &Site,
    articles: &[Article],
    now: DateTime<FixedOffset>,
    drafts: bool,
) -> Result<Vec<FeedSpec>, Vec<Diagnostic>> {
    let possible = possible(site, articles)?;
    let mut feeds = Vec::new();
    for (spec, made) in site.feeds.iter().zip(possible) {
        let Some(per) = &spec.per else {
            feeds.push(spec.clone());
            continue;
        };
        for (feed, indices) in made {
            let live = indices
                .iter()
                .filter(|&&i| select::is_live(&articles[i], now, drafts))
                .count();
            if live >= per.min_entries {
                feeds.push(feed);
            }
        }
    }
    Ok(feeds)
}

/// `site` with its feeds replaced by [`concrete`]'s, and its `per` entries kept in
/// [`Site::per_entries`] (what `build --prune` and the report of feeds left behind read).
pub fn expand(
    mut site: Site,
    articles: &[Article],
    now: DateTime<FixedOffset>,
    drafts: bool,
) -> Result<Site, Vec<Diagnostic>> {
    let feeds = concrete(&site, articles, now, drafts)?;
    site.per_entries = site
        .feeds
        .iter()
        .filter(|f| f.per.is_some())
        .cloned()
        .collect();
    site.feeds = feeds;
    Ok(site)
}

/// The problems of `site`'s `per` entries with these `articles`, whatever "now" is: values
/// whose slug cannot name a file, values that make one slug, files another feed writes.
pub fn check(site: &Site, articles: &[Article]) -> Vec<Diagnostic> {
    possible(site, articles).err().unwrap_or_default()
}

/// The feeds one `per` entry could make, each with the articles (all, whatever their date)
/// carrying its value.
type Made = Vec<(FeedSpec, Vec<usize>)>;

/// Per `[[feeds]]` entry, the feeds it could make (none for an entry without `per`), or every
/// problem found.
fn possible(site: &Site, articles: &[Article]) -> Result<Vec<Made>, Vec<Diagnostic>> {
    let root = display_path(&site.articles_dir);
    let mut problems = Vec::new();
    let mut all = Vec::new();
    for spec in &site.feeds {
        let Some(per) = &spec.per else {
            all.push(Vec::new());
            continue;
        };
        let values = values(spec, per.kind, articles, &root);
        let slugs = slugs(site, spec, per, &values, articles, &mut problems);
        let made = slugs
            .into_iter()
            .map(|(slug, value)| {
                let feed = make(site, spec, per.kind, value, slug);
                (feed, values[value].clone())
            })
            .collect();
        all.push(made);
    }
    // Every file once: the feeds as written, then every feed a `per` entry could make.
    let mut every: Vec<FeedSpec> = site.feeds.clone();
    every.extend(all.iter().flatten().map(|(f, _)| f.clone()));
    let names: BTreeSet<&str> = site.feeds.iter().map(|f| f.name.as_str()).collect();
    for (feed, _) in all.iter().flatten() {
        if names.contains(feed.name.as_str()) {
            problems.push(error(
                site,
                entry_per(site, feed),
                format!(
                    "a feed made per value is named {:?}, as a [[feeds]] entry",
                    feed.name
                ),
                "rename the [[feeds]] entry: feeds made per value are named ENTRY/SLUG",
            ));
        }
    }
    for (feed, message, hint) in collisions(&every) {
        let made = all.iter().flatten().find(|(f, _)| f.name == feed);
        let per = made.and_then(|(f, _)| entry_per(site, f));
        problems.push(error(site, per, message, hint));
    }
    let config = crate::config::real_path(&site.config_path);
    for (feed, _) in all.iter().flatten() {
        for (format, file) in &feed.outputs {
            if crate::config::real_path(&site.output_dir.join(file)) == config {
                problems.push(error(
                    site,
                    None,
                    format!(
                        "feed {:?}: {} {file:?} would overwrite the config file",
                        feed.name,
                        format.key()
                    ),
                    "write the feeds to another folder",
                ));
            }
        }
    }
    match problems.is_empty() {
        true => Ok(all),
        false => Err(problems),
    }
}

/// Every value of kind `kind` the articles `spec` keeps carry, as written, with the indices of
/// the articles carrying it (drafts and scheduled articles included). An entry's own `tags`
/// (per tag) or `authors` (per author) limits the values to those.
fn values<'a>(
    spec: &FeedSpec,
    kind: PerKind,
    articles: &'a [Article],
    root: &Path,
) -> BTreeMap<&'a str, Vec<usize>> {
    let mut values: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, a) in articles.iter().enumerate() {
        if !select::kept(a, spec, root) {
            continue;
        }
        let (carried, only): (Vec<&str>, &[String]) = match kind {
            PerKind::Tag => (a.tags.iter().map(String::as_str).collect(), &spec.tags),
            PerKind::Author => (
                a.authors.iter().map(|p| p.name.as_str()).collect(),
                &spec.authors,
            ),
        };
        for value in carried {
            if only.is_empty() || only.iter().any(|o| o == value) {
                let list = values.entry(value).or_default();
                if list.last() != Some(&i) {
                    list.push(i);
                }
            }
        }
    }
    values
}

/// Each value's slug, by slug (sorted); a value whose slug names no file, and values sharing a
/// slug (or slugs equal but for case), are problems.
fn slugs<'a>(
    site: &Site,
    spec: &FeedSpec,
    per: &Per,
    values: &BTreeMap<&'a str, Vec<usize>>,
    articles: &[Article],
    problems: &mut Vec<Diagnostic>,
) -> BTreeMap<String, &'a str> {
    let kind = per.kind.key();
    let files = |value: &str| named_files(&values[value], articles);
    let mut by_key: BTreeMap<String, Vec<(&str, String)>> = BTreeMap::new();
    for &value in values.keys() {
        let slug = slugify(site.slugify, value);
        if let Some(why) = unusable(spec, &slug) {
            problems.push(error(
                site,
                Some(per),
                format!(
                    "feed {:?}: {kind} {value:?} ({}) makes the slug {slug:?} under slugify = \
                     \"{}\", {why}",
                    spec.name,
                    files(value),
                    site.slugify
                ),
                format!(
                    "write the {kind} with letters or digits, or set [site] slugify to a mode \
                     that makes a file name of it (e.g. \"feedwright\")"
                ),
            ));
            continue;
        }
        by_key
            .entry(slug.to_lowercase())
            .or_default()
            .push((value, slug));
    }
    let mut slugs = BTreeMap::new();
    for (_, same) in by_key {
        if let [(value, slug)] = same.as_slice() {
            slugs.insert(slug.clone(), *value);
            continue;
        }
        let named: Vec<String> = same
            .iter()
            .map(|(v, _)| format!("{v:?} ({})", files(v)))
            .collect();
        let paths: Vec<String> = same
            .iter()
            .flat_map(|(_, slug)| spec.outputs.first().map(|(_, p)| fill(p, slug)))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .map(|p| format!("{p:?}"))
            .collect();
        problems.push(error(
            site,
            Some(per),
            format!(
                "feed {:?}: {kind}s {} make one slug, so their feeds would be one file ({})",
                spec.name,
                named.join(" and "),
                paths.join(", ")
            ),
            format!("write the {kind} one way in every article"),
        ));
    }
    slugs
}

/// Why `slug` cannot stand in `spec`'s paths, if it cannot.
fn unusable(spec: &FeedSpec, slug: &str) -> Option<String> {
    if slug.is_empty() {
        return Some("which is empty".into());
    }
    if slug.contains('/') || slug == "." || slug == ".." {
        return Some("which is not a file name".into());
    }
    for (_, pattern) in &spec.outputs {
        let file = fill(pattern, slug);
        if file.split('/').any(|part| part.len() > MAX_NAME) {
            return Some(format!(
                "which is too long for a file name ({MAX_NAME} bytes at most)"
            ));
        }
        match check_output_path(&file) {
            Err(refused) => return Some(format!("so {}", refused.message)),
            Ok(norm) if norm != file => return Some(format!("so {file:?} is not a file name")),
            Ok(_) => {}
        }
    }
    None
}

/// The article files of `indices`, the first few by name.
fn named_files(indices: &[usize], articles: &[Article]) -> String {
    let mut named: Vec<String> = indices
        .iter()
        .take(NAMED_FILES)
        .map(|&i| shown(&articles[i].path).to_string())
        .collect();
    if indices.len() > NAMED_FILES {
        named.push(format!("and {} more", indices.len() - NAMED_FILES));
    }
    named.join(", ")
}

/// The feed `spec` (made per `kind`) makes for `value`, whose slug is `slug`.
fn make(site: &Site, spec: &FeedSpec, kind: PerKind, value: &str, slug: String) -> FeedSpec {
    let mut feed = spec.clone();
    feed.name = format!("{}/{slug}", spec.name);
    feed.title = fill_text(&spec.title, kind, &site.title, value);
    feed.description = fill_text(&spec.description, kind, &site.title, value);
    feed.outputs = spec
        .outputs
        .iter()
        .map(|(f, pattern)| (*f, fill(pattern, &slug)))
        .collect();
    match kind {
        PerKind::Tag => feed.tags = vec![value.to_string()],
        PerKind::Author => feed.authors = vec![value.to_string()],
    }
    feed.per = None;
    feed.generated = Some(Generated {
        entry: spec.name.clone(),
        kind,
        value: value.to_string(),
        slug,
    });
    feed
}

/// The `per` of the entry of `site` that made `feed`, if a `per` entry made it.
fn entry_per<'a>(site: &'a Site, feed: &FeedSpec) -> Option<&'a Per> {
    let made_by = &feed.generated.as_ref()?.entry;
    site.feeds.iter().find(|e| &e.name == made_by)?.per.as_ref()
}

/// An error about the config, on the `per` line of its entry when there is one.
fn error(site: &Site, per: Option<&Per>, message: String, hint: impl Into<String>) -> Diagnostic {
    let d = Diagnostic::error(&site.config_path, message).hint(hint);
    match per.and_then(|p| p.line) {
        Some(line) => d.at(line, 1),
        None => d,
    }
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::article::{Body, BodyKind};
    use crate::config::{Format, Person};

    const SITE: &str = "[site]\ntitle = \"Log\"\nurl = \"https://x.org/\"\ndescription = \"D\"\n\
        author = { name = \"Ann\" }\n\n[[feeds]]\nname = \"main\"\nrss = \"rss.xml\"\n";

    fn site(feeds: &str) -> Site {
        Site::from_str(
            &format!("{SITE}{feeds}"),
            Path::new("feeds.toml"),
            Path::new(""),
        )
        .unwrap()
    }

    fn at(date: &str) -> DateTime<FixedOffset> {
        DateTime::parse_from_rfc3339(&format!("{date}T00:00:00Z")).unwrap()
    }

    /// An article `name` dated `date`, with `tags`, by `author`.
    fn art(name: &str, date: &str, tags: &[&str], author: &str) -> Article {
        Article {
            path: format!("articles/{name}.md").into(),
            title: name.into(),
            published: at(date),
            updated: None,
            live_from: None,
            authors: vec![Arc::new(Person {
                name: author.into(),
                email: None,
                uri: None,
            })],
            summary: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            link: format!("https://x.org/{name}/"),
            id: format!("x:{name}"),
            derived_ids: None,
            draft: false,
            kind: BodyKind::Markdown,
            body: Body::Text(String::new()),
            body_line: 1,
            episode: None,
        }
    }

    const PER_TAG: &str = "\n[[feeds]]\nname = \"tags\"\nper = \"tag\"\nmin_entries = 2\n\
        rss = \"tags/{tag}/rss.xml\"\njson = \"tags/{tag}.json\"\n\
        description = \"Everything on {tag}\"\n";

    fn outputs(f: &FeedSpec) -> Vec<(Format, &str)> {
        f.outputs.iter().map(|(g, p)| (*g, p.as_str())).collect()
    }

    #[test]
    fn a_per_tag_entry_makes_one_feed_per_tag_with_enough_live_entries() {
        let site = site(PER_TAG);
        let mut draft = art("d", "2026-01-04", &["solo"], "Ann");
        draft.draft = true;
        let articles = [
            art("a", "2026-01-01", &["Café", "solo"], "Ann"),
            art("b", "2026-01-02", &["Café", "Rust"], "Ann"),
            art("c", "2026-01-03", &["Rust"], "Bo"),
            // Drafts and scheduled articles do not count towards min_entries.
            draft,
            art("e", "2026-12-01", &["solo"], "Ann"),
        ];
        let now = at("2026-06-01");
        let feeds = concrete(&site, &articles, now, false).unwrap();
        let names: Vec<&str> = feeds.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(names, ["main", "tags/cafe", "tags/rust"]);
        let cafe = &feeds[1];
        assert_eq!(cafe.title, "Log - Café");
        assert_eq!(cafe.description, "Everything on Café");
        assert_eq!(cafe.tags, ["Café"]);
        assert_eq!(
            outputs(cafe),
            [
                (Format::Rss, "tags/cafe/rss.xml"),
                (Format::Json, "tags/cafe.json")
            ]
        );
        assert_eq!(
            cafe.generated,
            Some(Generated {
                entry: "tags".into(),
                kind: PerKind::Tag,
                value: "Café".into(),
                slug: "cafe".into(),
            })
        );
        assert_eq!(cafe.per, None);
        assert_eq!(
            site.self_urls(cafe),
            [
                (Format::Rss, "https://x.org/tags/cafe/rss.xml".to_string()),
                (Format::Json, "https://x.org/tags/cafe.json".to_string())
            ]
        );
        // With --drafts the draft counts; later the scheduled one does too.
        let names = |feeds: Vec<FeedSpec>| feeds.into_iter().map(|f| f.name).collect::<Vec<_>>();
        let drafts = concrete(&site, &articles, now, true).unwrap();
        assert_eq!(
            names(drafts),
            ["main", "tags/cafe", "tags/rust", "tags/solo"]
        );
        let later = concrete(&site, &articles, at("2027-01-01"), false).unwrap();
        assert_eq!(
            names(later),
            ["main", "tags/cafe", "tags/rust", "tags/solo"]
        );
        // expand puts them in the site's place and keeps the entry.
        let expanded = expand(site, &articles, now, false).unwrap();
        assert_eq!(expanded.feeds.len(), 3);
        assert_eq!(expanded.per_entries[0].name, "tags");
    }

    #[test]
    fn a_per_author_entry_honours_its_tag_filter_and_author_list() {
        let site = site(
            "\n[[feeds]]\nname = \"people\"\nper = \"author\"\ntags = [\"x\"]\n\
             authors = [\"José Ortega\", \"Bo\"]\natom = \"by/{author}.atom\"\n\
             title = \"{author} on {site}\"\n",
        );
        let articles = [
            art("a", "2026-01-01", &["x"], "José Ortega"),
            art("b", "2026-01-02", &["y"], "Bo"),
            art("c", "2026-01-03", &["x"], "Ann"),
        ];
        let feeds = concrete(&site, &articles, at("2026-06-01"), false).unwrap();
        assert_eq!(feeds.len(), 2, "{feeds:?}");
        assert_eq!(feeds[1].name, "people/jose-ortega");
        assert_eq!(feeds[1].title, "José Ortega on Log");
        assert_eq!(feeds[1].authors, ["José Ortega"]);
        assert_eq!(feeds[1].tags, ["x"]);
        assert_eq!(outputs(&feeds[1]), [(Format::Atom, "by/jose-ortega.atom")]);
    }

    #[test]
    fn values_making_one_slug_are_an_error_naming_both_and_their_files() {
        let site = site(PER_TAG);
        let articles = [
            art("a", "2026-01-01", &["Café"], "Ann"),
            art("b", "2026-01-02", &["cafe"], "Ann"),
            // Scheduled: the clash is found before it is due.
            art("c", "2027-01-02", &["CAFÉ"], "Ann"),
        ];
        let errors = concrete(&site, &articles, at("2026-06-01"), false).unwrap_err();
        let text: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            text,
            ["feeds.toml:13:1: error: feed \"tags\": tags \"CAFÉ\" (articles/c.md) and \"Café\" \
              (articles/a.md) and \"cafe\" (articles/b.md) make one slug, so their feeds would be \
              one file (\"tags/cafe/rss.xml\")\n  hint: write the tag one way in every article"]
        );
        assert_eq!(check(&site, &articles), errors);
    }

    #[test]
    fn a_slug_that_names_no_file_or_another_feeds_file_is_an_error() {
        let none = site_with_mode(
            "none",
            "\n[[feeds]]\nname = \"t\"\nper = \"tag\"\nrss = \"{tag}.xml\"\n",
        );
        let articles = [art("a", "2026-01-01", &["a?b", "rss"], "Ann")];
        let text: Vec<String> = concrete(&none, &articles, at("2026-06-01"), false)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(text.len(), 2, "{text:?}");
        let long = [art("a", "2026-01-01", &["x".repeat(300).as_str()], "Ann")];
        let too_long = concrete(&none, &long, at("2026-06-01"), false).unwrap_err()[0].to_string();
        assert!(
            too_long.contains("which is too long for a file name (255 bytes at most)"),
            "{too_long}"
        );
        assert!(
            text[0].starts_with(
                "feeds.toml:14:1: error: feed \"t\": tag \"a?b\" (articles/a.md) makes the slug \
                 \"a?b\" under slugify = \"none\", so output path \"a?b.xml\" has a character"
            ),
            "{}",
            text[0]
        );
        assert!(
            text[1].starts_with(
                "feeds.toml:14:1: error: feeds \"main\" and \"t/rss\" both write \"rss.xml\""
            ),
            "{}",
            text[1]
        );
    }

    fn site_with_mode(mode: &str, feeds: &str) -> Site {
        let text = SITE.replace("[site]\n", &format!("[site]\nslugify = \"{mode}\"\n"));
        Site::from_str(
            &format!("{text}{feeds}"),
            Path::new("feeds.toml"),
            Path::new(""),
        )
        .unwrap()
    }
}
