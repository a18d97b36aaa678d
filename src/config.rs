//! `feeds.toml`: what the user wrote, and the validated site configuration the pipeline trusts.
//!
//! The raw structs mirror the file exactly (`deny_unknown_fields`, so a typo is an error with a
//! did-you-mean hint); [`Site::load`] turns them into a [`Site`] whose URLs are parsed, time zone
//! resolved, output paths checked to stay inside the output folder and never to collide. Every
//! problem is collected and reported at once, with the line it is on.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Component, Path, PathBuf};
use std::sync::Arc;

use chrono_tz::Tz;
use serde::Deserialize;
use url::Url;

use crate::diagnostics::{did_you_mean, key_line, Diagnostic};
use crate::text::{fold, strip_forbidden};

// ---------------------------------------------------------------- raw, as written

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    site: RawSite,
    #[serde(default)]
    authors: BTreeMap<String, RawPerson>,
    #[serde(default)]
    feeds: Option<Vec<RawFeed>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSite {
    title: String,
    url: String,
    description: String,
    language: Option<String>,
    timezone: Option<String>,
    author: RawPerson,
    copyright: Option<String>,
    articles: Option<String>,
    output: Option<String>,
    permalink: Option<String>,
    sanitize: Option<bool>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerson {
    name: String,
    email: Option<String>,
    uri: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFeed {
    name: String,
    title: Option<String>,
    description: Option<String>,
    rss: Option<String>,
    atom: Option<String>,
    json: Option<String>,
    limit: Option<usize>,
    tags: Option<Vec<String>>,
    authors: Option<Vec<String>>,
    content: Option<String>,
    summary_length: Option<usize>,
}

// ---------------------------------------------------------------- validated

/// A person: an author of an article or the site's default author.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Person {
    /// Display name (never empty).
    pub name: String,
    /// E-mail address, if given.
    pub email: Option<String>,
    /// Home page, if given (absolute URL).
    pub uri: Option<String>,
}

/// The three output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    /// RSS 2.0.
    Rss,
    /// Atom 1.0 (RFC 4287).
    Atom,
    /// JSON Feed 1.1.
    Json,
}

impl Format {
    /// The config key and report name of the format.
    pub fn key(self) -> &'static str {
        match self {
            Format::Rss => "rss",
            Format::Atom => "atom",
            Format::Json => "json",
        }
    }
}

/// Whether a feed carries full content or only summaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentMode {
    /// Content and summary.
    Full,
    /// Summary only.
    Summary,
}

/// One `[[feeds]]` entry, validated.
#[derive(Debug, Clone)]
pub struct FeedSpec {
    /// Unique name.
    pub name: String,
    /// Feed title (defaults to the site's).
    pub title: String,
    /// Feed description (defaults to the site's).
    pub description: String,
    /// Files to write, relative to the output folder, one per format, in format order.
    pub outputs: Vec<(Format, String)>,
    /// Most entries; `None` for every article.
    pub limit: Option<usize>,
    /// Keep articles having any of these tags (empty: no filter).
    pub tags: Vec<String>,
    /// Keep articles by any of these authors (empty: no filter).
    pub authors: Vec<String>,
    /// Full content or summaries only.
    pub content: ContentMode,
    /// Longest summary, in characters.
    pub summary_length: usize,
}

/// The permalink pattern, checked to use only known placeholders.
#[derive(Debug, Clone)]
pub struct Permalink(String);

impl Permalink {
    /// Fills the placeholders.
    pub fn expand(&self, year: i32, month: u32, day: u32, slug: &str) -> String {
        self.0
            .replace("{year}", &format!("{year:04}"))
            .replace("{month}", &format!("{month:02}"))
            .replace("{day}", &format!("{day:02}"))
            .replace("{slug}", slug)
    }
}

/// The validated site: everything the pipeline needs from `feeds.toml`.
#[derive(Debug, Clone)]
pub struct Site {
    /// The config file, as given.
    pub config_path: PathBuf,
    /// Site title.
    pub title: String,
    /// Absolute http(s) URL ending in `/`; base of every link.
    pub url: Url,
    /// Site description.
    pub description: String,
    /// Language tag, such as `en` or `pt-BR`.
    pub language: Option<String>,
    /// Zone for dates written without an offset.
    pub timezone: Tz,
    /// Default author.
    pub author: Arc<Person>,
    /// Copyright line.
    pub copyright: Option<String>,
    /// Folder of article records.
    pub articles_dir: PathBuf,
    /// Folder the feeds are written to (published at `url`).
    pub output_dir: PathBuf,
    /// Link pattern for articles without a `link`.
    pub permalink: Permalink,
    /// Sanitise article HTML (default true).
    pub sanitize: bool,
    /// Known people by key, for `authors = ["key"]` in front matter.
    pub authors: BTreeMap<String, Arc<Person>>,
    /// The feeds to build.
    pub feeds: Vec<FeedSpec>,
}

const SITE_KEYS: &[&str] = &[
    "title",
    "url",
    "description",
    "language",
    "timezone",
    "author",
    "copyright",
    "articles",
    "output",
    "permalink",
    "sanitize",
];
const FEED_KEYS: &[&str] = &[
    "name",
    "title",
    "description",
    "rss",
    "atom",
    "json",
    "limit",
    "tags",
    "authors",
    "content",
    "summary_length",
];

/// Default summary length in characters.
pub const DEFAULT_SUMMARY_LENGTH: usize = 280;
/// Default number of entries per feed.
pub const DEFAULT_LIMIT: usize = 20;

impl Site {
    /// Reads and validates the config at `path`. All problems are returned together.
    pub fn load(path: &Path) -> Result<Site, Vec<Diagnostic>> {
        let shown = crate::diagnostics::display_path(path);
        let bytes = std::fs::read(path).map_err(|e| {
            vec![
                Diagnostic::error(&shown, format!("cannot read config: {e}"))
                    .hint("run `feedwright init` to create one, or pass --config PATH"),
            ]
        })?;
        let text = String::from_utf8(bytes).map_err(|e| {
            let offset = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            vec![Diagnostic::error(&shown, "config is not valid UTF-8")
                .at_offset(&text, offset, 0)
                .hint("save feeds.toml as UTF-8")]
        })?;
        let root = path.parent().unwrap_or(Path::new(".")).to_path_buf();
        Site::from_str(&text, &shown, &root)
    }

    /// Validates config `text` read from `shown` (for messages); relative paths resolve
    /// against `root`.
    pub fn from_str(text: &str, shown: &Path, root: &Path) -> Result<Site, Vec<Diagnostic>> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| vec![toml_error(&e, text, shown)])?;
        let mut errors = Vec::new();
        let err = |key: &str, message: String, hint: &str| {
            let d = Diagnostic::error(shown, message).hint(hint);
            match key_line(text, key) {
                Some(line) => d.at(line, 1),
                None => d,
            }
        };
        let clean = |s: &str| fold(&strip_forbidden(s));

        let s = raw.site;
        let title = clean(&s.title);
        if title.is_empty() {
            errors.push(err(
                "title",
                "site title is empty".into(),
                "set [site] title = \"...\"",
            ));
        }
        let url = match Url::parse(s.url.trim()) {
            Ok(mut u) if matches!(u.scheme(), "http" | "https") && u.host().is_some() => {
                if !u.path().ends_with('/') {
                    let p = format!("{}/", u.path());
                    u.set_path(&p);
                }
                u.set_query(None);
                u.set_fragment(None);
                Some(u)
            }
            Ok(_) | Err(_) => {
                errors.push(err(
                    "url",
                    format!("site url {:?} is not an absolute http(s) URL", s.url),
                    "write it in full, e.g. url = \"https://example.com/\"",
                ));
                None
            }
        };
        let timezone = match &s.timezone {
            None => Some(Tz::UTC),
            Some(z) => match z.parse::<Tz>() {
                Ok(tz) => Some(tz),
                Err(_) => {
                    errors.push(err(
                        "timezone",
                        format!("unknown time zone {z:?}"),
                        "use an IANA zone name such as \"Europe/Helsinki\" or \"UTC\"",
                    ));
                    None
                }
            },
        };
        if let Some(lang) = &s.language {
            let ok = !lang.is_empty()
                && lang.split('-').all(|p| {
                    !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric())
                });
            if !ok {
                errors.push(err(
                    "language",
                    format!("language {lang:?} is not a language tag"),
                    "use a BCP 47 tag such as \"en\" or \"pt-BR\"",
                ));
            }
        }
        let mut person = |key: &str, p: &RawPerson, what: &str| -> Person {
            let name = clean(&p.name);
            if name.is_empty() {
                errors.push(err(
                    key,
                    format!("{what} has an empty name"),
                    "give every author a name",
                ));
            }
            let uri = p.uri.as_deref().map(str::trim).filter(|u| !u.is_empty());
            if let Some(u) = uri {
                if !Url::parse(u).is_ok_and(|u| u.has_host()) {
                    errors.push(err(
                        "uri",
                        format!("{what} uri {u:?} is not an absolute URL"),
                        "write it in full, e.g. uri = \"https://example.com/\"",
                    ));
                }
            }
            Person {
                name,
                email: p.email.as_deref().map(clean).filter(|e| !e.is_empty()),
                uri: uri.map(clean),
            }
        };
        let author = person("author", &s.author, "site author");
        let authors = raw
            .authors
            .iter()
            .map(|(k, p)| (k.clone(), Arc::new(person(k, p, &format!("author {k:?}")))))
            .collect();
        let permalink = s.permalink.unwrap_or_else(|| "/{slug}/".into());
        check_permalink(&permalink).unwrap_or_else(|m| {
            errors.push(err(
                "permalink",
                m,
                "use {year}, {month}, {day} and {slug}, e.g. \"/{year}/{slug}/\"",
            ))
        });
        let description = clean(&s.description);

        let feeds = match raw.feeds {
            None => vec![FeedSpec {
                name: "main".into(),
                title: title.clone(),
                description: description.clone(),
                outputs: vec![
                    (Format::Rss, "rss.xml".into()),
                    (Format::Atom, "atom.xml".into()),
                    (Format::Json, "feed.json".into()),
                ],
                limit: Some(DEFAULT_LIMIT),
                tags: vec![],
                authors: vec![],
                content: ContentMode::Full,
                summary_length: DEFAULT_SUMMARY_LENGTH,
            }],
            Some(raw_feeds) => {
                if raw_feeds.is_empty() {
                    errors.push(err(
                        "feeds",
                        "`feeds` is empty".into(),
                        "add a [[feeds]] table or remove `feeds`",
                    ));
                }
                let mut names = BTreeSet::new();
                let mut files: BTreeMap<String, String> = BTreeMap::new();
                let mut feeds = Vec::new();
                for f in raw_feeds {
                    let name = f.name.trim().to_string();
                    if name.is_empty() {
                        errors.push(err(
                            "name",
                            "a feed has an empty name".into(),
                            "give each [[feeds]] a unique name",
                        ));
                    } else if !names.insert(name.clone()) {
                        errors.push(err(
                            "name",
                            format!("two feeds are named {name:?}"),
                            "give each [[feeds]] a unique name",
                        ));
                    }
                    let mut outputs = Vec::new();
                    for (format, file) in [
                        (Format::Rss, &f.rss),
                        (Format::Atom, &f.atom),
                        (Format::Json, &f.json),
                    ] {
                        let Some(file) = file else { continue };
                        match check_output_path(file) {
                            Err(m) => errors.push(err(
                                format.key(),
                                format!("feed {name:?}: {m}"),
                                "use a path inside the output folder, e.g. \"feeds/rss.xml\"",
                            )),
                            Ok(norm) => {
                                if let Some(other) = files.insert(norm.clone(), name.clone()) {
                                    errors.push(err(
                                        format.key(),
                                        format!("feeds {other:?} and {name:?} both write {norm:?}"),
                                        "give every output its own file",
                                    ));
                                }
                                outputs.push((format, norm));
                            }
                        }
                    }
                    if f.rss.is_none() && f.atom.is_none() && f.json.is_none() {
                        errors.push(err(
                            "name",
                            format!("feed {name:?} writes no file"),
                            "set at least one of rss, atom or json",
                        ));
                    }
                    let content = match f.content.as_deref() {
                        None | Some("full") => ContentMode::Full,
                        Some("summary") => ContentMode::Summary,
                        Some(other) => {
                            errors.push(err("content", format!("feed {name:?}: content {other:?} is not \"full\" or \"summary\""), "use content = \"full\" or content = \"summary\""));
                            ContentMode::Full
                        }
                    };
                    let summary_length = f.summary_length.unwrap_or(DEFAULT_SUMMARY_LENGTH);
                    if summary_length < 10 {
                        errors.push(err(
                            "summary_length",
                            format!("feed {name:?}: summary_length {summary_length} is too short"),
                            "use 10 or more characters (default 280)",
                        ));
                    }
                    feeds.push(FeedSpec {
                        title: f
                            .title
                            .as_deref()
                            .map(clean)
                            .unwrap_or_else(|| title.clone()),
                        description: f
                            .description
                            .as_deref()
                            .map(clean)
                            .unwrap_or_else(|| description.clone()),
                        name,
                        outputs,
                        limit: match f.limit.unwrap_or(DEFAULT_LIMIT) {
                            0 => None,
                            n => Some(n),
                        },
                        tags: f
                            .tags
                            .unwrap_or_default()
                            .iter()
                            .map(|t| clean(t))
                            .collect(),
                        authors: f
                            .authors
                            .unwrap_or_default()
                            .iter()
                            .map(|t| clean(t))
                            .collect(),
                        content,
                        summary_length,
                    });
                }
                feeds
            }
        };

        let articles_dir = resolve_dir(root, s.articles.as_deref().unwrap_or("articles"));
        let output_dir = resolve_dir(root, s.output.as_deref().unwrap_or("public"));
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(Site {
            config_path: shown.to_path_buf(),
            title,
            url: url.expect("checked above"),
            description,
            language: s.language,
            timezone: timezone.expect("checked above"),
            author: Arc::new(author),
            copyright: s.copyright.as_deref().map(clean),
            articles_dir,
            output_dir,
            permalink: Permalink(permalink),
            sanitize: s.sanitize.unwrap_or(true),
            authors,
            feeds,
        })
    }

    /// The person for an author name from front matter: a key of `[authors]`, or the name of a
    /// person there, picks up that person; any other name stands alone.
    /// People are shared (`Arc`): 100,000 articles by five authors hold five `Person`s.
    pub fn person(&self, name: &str) -> Arc<Person> {
        if let Some(p) = self.authors.get(name) {
            return p.clone();
        }
        if let Some(p) = self.authors.values().find(|p| p.name == name) {
            return p.clone();
        }
        if self.author.name == name {
            return self.author.clone();
        }
        Arc::new(Person {
            name: name.to_string(),
            email: None,
            uri: None,
        })
    }

    /// The absolute URL at which output file `file` (relative to the output folder) is served.
    pub fn output_url(&self, file: &str) -> Url {
        self.url.join(file).unwrap_or_else(|_| self.url.clone())
    }
}

fn resolve_dir(root: &Path, dir: &str) -> PathBuf {
    let p = Path::new(dir);
    if p.is_absolute() || root.as_os_str().is_empty() {
        p.to_path_buf()
    } else {
        root.join(p)
    }
}

fn check_permalink(pattern: &str) -> Result<(), String> {
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        let close = rest[open..]
            .find('}')
            .ok_or_else(|| format!("permalink {pattern:?} has an unclosed '{{'"))?;
        let name = &rest[open + 1..open + close];
        if !matches!(name, "year" | "month" | "day" | "slug") {
            return Err(format!(
                "permalink {pattern:?} uses unknown placeholder {{{name}}}"
            ));
        }
        rest = &rest[open + close + 1..];
    }
    if !pattern.contains("{slug}") {
        return Err(format!(
            "permalink {pattern:?} has no {{slug}}, so articles would share a link"
        ));
    }
    Ok(())
}

/// Normalises an output path and checks that it stays inside the output folder.
fn check_output_path(file: &str) -> Result<String, String> {
    let p = Path::new(file);
    if file.trim().is_empty() {
        return Err("output path is empty".into());
    }
    let mut parts = Vec::new();
    for c in p.components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => {
                return Err(format!("output path {file:?} escapes the output folder"));
            }
        }
    }
    if parts.is_empty() || file.ends_with('/') {
        return Err(format!("output path {file:?} is not a file name"));
    }
    if parts.iter().any(|p| p.starts_with(".feedwright")) {
        return Err(format!(
            "output path {file:?} uses a name reserved by feedwright"
        ));
    }
    Ok(parts.join("/"))
}

/// Turns a toml error into a diagnostic with position and, for unknown keys, a did-you-mean.
fn toml_error(e: &toml::de::Error, text: &str, shown: &Path) -> Diagnostic {
    let message = e.message().trim().to_string();
    let mut d = Diagnostic::error(shown, message.clone());
    if let Some(span) = e.span() {
        d = d.at_offset(text, span.start, 0);
    }
    if let Some(unknown) = message
        .strip_prefix("unknown field `")
        .and_then(|r| r.split('`').next())
    {
        let candidates: Vec<&str> = if SITE_KEYS.contains(&unknown) || FEED_KEYS.contains(&unknown)
        {
            vec![]
        } else {
            SITE_KEYS.iter().chain(FEED_KEYS).copied().collect()
        };
        let expected: Vec<&str> = message.split('`').skip(3).step_by(2).collect();
        let pool = if expected.is_empty() {
            candidates
        } else {
            expected
        };
        d = match did_you_mean(unknown, &pool) {
            Some(s) => d.hint(format!("did you mean `{s}`?")),
            None => d.hint("remove the key; see the README for the keys feeds.toml accepts"),
        };
    } else if message.starts_with("missing field") {
        d = d.hint("see the README's feeds.toml reference for required keys");
    }
    d
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Site, Vec<Diagnostic>> {
        Site::from_str(text, Path::new("feeds.toml"), Path::new(""))
    }

    const MINIMAL: &str = r#"
[site]
title = "T"
url = "https://x.org/news"
description = "D"
author = { name = "Desk" }
"#;

    #[test]
    fn defaults_give_one_main_feed_in_three_formats() {
        let site = load(MINIMAL).unwrap();
        assert_eq!(site.url.as_str(), "https://x.org/news/");
        assert_eq!(site.feeds.len(), 1);
        assert_eq!(site.feeds[0].name, "main");
        assert_eq!(site.feeds[0].outputs.len(), 3);
        assert_eq!(site.feeds[0].limit, Some(20));
        assert_eq!(site.timezone, Tz::UTC);
        assert_eq!(site.output_dir, PathBuf::from("public"));
        assert_eq!(
            site.output_url("rss.xml").as_str(),
            "https://x.org/news/rss.xml"
        );
    }

    #[test]
    fn unknown_key_suggests_the_right_one() {
        let errs = load(&MINIMAL.replace("description", "descripton")).unwrap_err();
        let msg = errs[0].to_string();
        assert!(
            msg.starts_with("feeds.toml:5:1: error: unknown field `descripton`"),
            "{msg}"
        );
        assert!(msg.ends_with("hint: did you mean `description`?"), "{msg}");
    }

    #[test]
    fn rejects_escaping_and_colliding_outputs_bad_zone_and_url() {
        let text = r#"
[site]
title = "T"
url = "ftp://x.org/"
description = "D"
timezone = "Mars/Base"
author = { name = "Desk" }

[[feeds]]
name = "a"
rss = "../evil.xml"

[[feeds]]
name = "b"
rss = "x.xml"
atom = "./x.xml"
"#;
        let errs: Vec<String> = load(text)
            .unwrap_err()
            .iter()
            .map(|d| d.to_string())
            .collect();
        let all = errs.join("\n");
        assert!(
            all.contains(
                "feeds.toml:4:1: error: site url \"ftp://x.org/\" is not an absolute http(s) URL"
            ),
            "{all}"
        );
        assert!(all.contains("unknown time zone \"Mars/Base\""), "{all}");
        assert!(
            all.contains("output path \"../evil.xml\" escapes the output folder"),
            "{all}"
        );
        assert!(
            all.contains("feeds \"b\" and \"b\" both write \"x.xml\""),
            "{all}"
        );
    }

    #[test]
    fn permalink_expands_and_is_checked() {
        let p = Permalink("/{year}/{month}/{day}/{slug}/".into());
        assert_eq!(p.expand(2026, 3, 9, "hi"), "/2026/03/09/hi/");
        assert!(check_permalink("/{yaer}/{slug}/").is_err());
        assert!(check_permalink("/{year}/").is_err());
    }

    #[test]
    fn people_resolve_by_key_or_name() {
        let text =
            format!("{MINIMAL}\n[authors.niamh]\nname = \"Niamh Harris\"\nemail = \"n@x.org\"\n");
        let site = load(&text).unwrap();
        assert_eq!(site.person("niamh").email.as_deref(), Some("n@x.org"));
        assert_eq!(
            site.person("Niamh Harris").email.as_deref(),
            Some("n@x.org")
        );
        assert_eq!(site.person("Zed").email, None);
    }
}
