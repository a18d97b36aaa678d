//! `feeds.toml` exactly as written: serde structs and nothing checked but the shape.
//!
//! Kept apart from the validated types so that what the user typed never passes for what the
//! program trusts. `deny_unknown_fields` makes a typo an error; [`parse`] turns toml's error
//! into a [`Diagnostic`] with its position and, for an unknown key, a did-you-mean hint.

use std::collections::BTreeMap;
use std::path::Path;

use schemars::JsonSchema;
use serde::Deserialize;

use super::podcast::RawPodcast;
use super::preset::Preset;
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::text::{fold, strip_forbidden};
use crate::wording::{self, Syntax};

/// feedwright's site configuration: `[site]`, and optionally `[authors]`, `[[feeds]]` and
/// `[variables]`. Every key is in the README's feeds.toml reference.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "feedwright feeds.toml")]
pub(crate) struct RawConfig {
    /// The site: what every feed takes its title, links and defaults from.
    pub site: RawSite,
    /// People articles name in front matter (`author = "KEY"` or the person's name).
    #[serde(default)]
    pub authors: BTreeMap<String, RawPerson>,
    /// The feeds to build; none: one feed `main` writing rss.xml, atom.xml and feed.json.
    #[serde(default)]
    pub feeds: Option<Vec<RawFeed>>,
    /// Values template syntax in bodies may read (e.g. Liquid's `{{ site.repository }}`).
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, serde_json::Value>")]
    pub variables: toml::Table,
}

/// `[site]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSite {
    /// Feed title (the default of every feed).
    pub title: String,
    /// Absolute http(s) URL of the site, written in full: the base of every link.
    #[schemars(url)]
    pub url: String,
    /// Feed description (the default of every feed).
    pub description: String,
    /// BCP 47 language tag, e.g. `en` or `pt-BR`.
    pub language: Option<String>,
    /// IANA time zone for dates written without an offset; default UTC.
    pub timezone: Option<String>,
    /// The author of articles that name none.
    pub author: RawPerson,
    /// RSS `copyright`, Atom `rights`.
    pub copyright: Option<String>,
    /// Folder of article records, relative to this file; default `articles`.
    pub articles: Option<String>,
    /// Folder the feeds are written to, relative to this file; default `public`.
    pub output: Option<String>,
    /// Link pattern, default `/{slug}/`: `{year}` `{month}` `{day}` `{slug}` `{title}`
    /// `{section}` `{path}` `{categories}` `{filename}` `{slug_or_title}`.
    pub permalink: Option<String>,
    /// Link patterns by folder (`[site.permalinks]`): a folder under the articles folder and
    /// the pattern of the records in it and below it (the deepest folder first); `permalink`
    /// applies to the rest.
    pub permalinks: Option<BTreeMap<String, String>>,
    /// Sanitise article HTML (default true).
    pub sanitize: Option<bool>,
    /// Follow a site generator's conventions.
    pub preset: Option<Preset>,
    /// Globs (relative to `articles`): only matching files are read.
    pub include: Option<Vec<String>>,
    /// Globs: matching files are not read.
    pub exclude: Option<Vec<String>>,
    /// How entry ids are made for records without an `id`.
    #[schemars(extend("enum" = ["tag", "link", "jekyll"]))]
    pub id: Option<String>,
    /// How slugs are made.
    #[schemars(extend("enum" = ["feedwright", "hugo", "zola", "jekyll", "jekyll-pretty", "eleventy", "eleventy-slug", "none"]))]
    pub slugify: Option<String>,
    /// `preset = "zola"` only: date a page without a `date` by the `YYYY/MM/DD` before the
    /// last segment of its `path`, as a feed template reading `page.components` does; default
    /// false (Zola's built-in feeds leave such a page out).
    pub date_from_path: Option<bool>,
    /// WebSub hubs every feed names (`<link rel="hub">`) and `feedwright ping` tells of
    /// changes: absolute http(s) URLs.
    #[schemars(with = "Option<Vec<String>>")]
    pub hubs: Option<Vec<toml::Spanned<String>>>,
    /// Also write an OPML 2.0 subscription list of every feed at this path under `output`
    /// (e.g. `feeds.opml`); `feedwright opml` prints it.
    pub opml: Option<String>,
    /// What a browser shows a person who opens an RSS or Atom feed: `xslt` (a readable page
    /// made by an XSLT stylesheet), `css` (the XML styled by a CSS stylesheet) or `none`
    /// (the default: feeds carry no stylesheet).
    #[schemars(extend("enum" = ["xslt", "css", "none"]))]
    pub preview: Option<String>,
}

/// `[site] author` or an entry of `[authors]`.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPerson {
    /// The person's name.
    pub name: String,
    /// One e-mail address.
    pub email: Option<String>,
    /// Home page: an http(s) URL, or `mailto:` one address.
    pub uri: Option<String>,
}

/// One `[[feeds]]` table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFeed {
    /// Unique name.
    pub name: String,
    /// Feed title; default the site's. Under `per`, `{site}` and `{tag}`/`{author}` are
    /// filled (default `"{site} - {tag}"`).
    #[schemars(with = "Option<String>")]
    pub title: Option<toml::Spanned<String>>,
    /// Feed description; default the site's. Under `per`, as `title`.
    #[schemars(with = "Option<String>")]
    pub description: Option<toml::Spanned<String>>,
    /// RSS 2.0 output path under `output` (with `{tag}` or `{author}` under `per`).
    #[schemars(with = "Option<String>")]
    pub rss: Option<toml::Spanned<String>>,
    /// Atom 1.0 output path under `output` (with `{tag}` or `{author}` under `per`).
    #[schemars(with = "Option<String>")]
    pub atom: Option<toml::Spanned<String>>,
    /// JSON Feed 1.1 output path under `output` (with `{tag}` or `{author}` under `per`).
    #[schemars(with = "Option<String>")]
    pub json: Option<toml::Spanned<String>>,
    /// Most entries, default 20; 0: every article.
    pub limit: Option<usize>,
    /// Keep articles having any of these tags.
    pub tags: Option<Vec<String>>,
    /// Keep articles by any of these author names.
    pub authors: Option<Vec<String>>,
    /// Full content and summary (default), or summaries only.
    #[schemars(extend("enum" = ["full", "summary"]))]
    pub content: Option<String>,
    /// Longest derived summary in characters, default 280.
    pub summary_length: Option<usize>,
    /// Globs on the path relative to `articles`: keep only matching articles.
    pub include: Option<Vec<String>>,
    /// Globs: keep no matching article.
    pub exclude: Option<Vec<String>>,
    /// This feed's id mode; default the site's.
    #[schemars(extend("enum" = ["tag", "link", "jekyll"]))]
    pub id: Option<String>,
    /// The most bytes each file of the feed may have: a number of bytes or a size with a unit
    /// (`"512 KB"`, `"512 KiB"`, `"1 MB"`, `"1 MiB"`); the oldest entries are trimmed to fit.
    #[schemars(with = "Option<MaxBytesSchema>")]
    pub max_bytes: Option<toml::Spanned<toml::Value>>,
    /// Only this many of the newest entries carry their content, the others their summary.
    #[schemars(with = "Option<usize>")]
    pub full_content: Option<toml::Spanned<usize>>,
    /// RFC 5005 archive pages.
    pub archive: Option<RawArchive>,
    /// This feed's WebSub hubs, replacing the site's (`[]`: none for this feed).
    #[schemars(with = "Option<Vec<String>>")]
    pub hubs: Option<Vec<toml::Spanned<String>>>,
    /// A podcast: the iTunes and Podcasting 2.0 tags of the show (RSS).
    #[schemars(with = "Option<RawPodcast>")]
    pub podcast: Option<toml::Spanned<RawPodcast>>,
    /// One feed per tag or per author: output paths hold `{tag}` or `{author}`, and the
    /// title may use `{site}` and the placeholder (default `"{site} - {tag}"`).
    #[schemars(with = "Option<String>", extend("enum" = ["tag", "author"]))]
    pub per: Option<toml::Spanned<String>>,
    /// With `per`: a value with fewer entries (drafts and scheduled articles not counted)
    /// gets no feed; default 1.
    #[schemars(with = "Option<usize>", range(min = 1))]
    pub min_entries: Option<toml::Spanned<usize>>,
}

/// How `max_bytes` may be written, for the schema: a number of bytes or a size with a unit.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum MaxBytesSchema {
    /// A number of bytes.
    Bytes(u64),
    /// A size with a unit: `"512 KB"`, `"512 KiB"`, `"1 MB"`, `"1 MiB"`.
    Size(String),
}

/// `archive = { page_size, path }` of a `[[feeds]]` table.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawArchive {
    /// Entries per page, 1 to 10,000.
    #[schemars(range(min = 1, max = 10000))]
    pub page_size: usize,
    /// Page path under `output`, with `{n}` (and `{format}` for feeds in several formats).
    pub path: String,
}

/// The keys of `[site]`, for did-you-mean.
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
    "permalinks",
    "sanitize",
    "preset",
    "include",
    "exclude",
    "id",
    "slugify",
    "date_from_path",
    "hubs",
    "opml",
    "preview",
];
/// The keys of `[[feeds]]`, for did-you-mean.
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
    "include",
    "exclude",
    "id",
    "archive",
    "page_size",
    "path",
    "max_bytes",
    "full_content",
    "hubs",
    "podcast",
    "per",
    "min_entries",
];

/// The JSON Schema of `feeds.toml`, generated from these types (`feedwright schema`); editors
/// that read TOML with a schema (taplo, Even Better TOML) complete and check keys with it.
pub fn schema() -> String {
    // TOML has no null: an absent key is how a value is left out.
    let no_null = schemars::transform::RecursiveTransform(|schema: &mut schemars::Schema| {
        let Some(object) = schema.as_object_mut() else {
            return;
        };
        // `Option<Struct>`: anyOf [$ref, null] becomes the $ref.
        if let Some(serde_json::Value::Array(any)) = object.get_mut("anyOf") {
            any.retain(|s| s.get("type").is_none_or(|t| t != "null"));
            if let [only] = any.as_slice() {
                let only = only.clone();
                object.remove("anyOf");
                if let serde_json::Value::Object(inner) = only {
                    object.extend(inner);
                }
            }
        }
        if let Some(serde_json::Value::Array(types)) = object.get_mut("type") {
            types.retain(|t| t != "null");
            if let [only] = types.as_slice() {
                let only = only.clone();
                object.insert("type".into(), only);
            }
        }
    });
    let mut settings = schemars::generate::SchemaSettings::draft2020_12();
    settings.transforms.push(Box::new(no_null));
    let schema = settings
        .into_generator()
        .into_root_schema_for::<RawConfig>();
    serde_json::to_string_pretty(&schema).expect("a schema is JSON") + "\n"
}

/// Reads config `text` (from `shown`, for messages) into the raw structs.
pub(crate) fn parse(text: &str, shown: &Path) -> Result<RawConfig, Diagnostic> {
    toml::from_str(text).map_err(|e| toml_error(&e, text, shown))
}

/// A text value as the pipeline keeps it: characters feeds cannot carry removed, white space
/// folded.
pub(crate) fn clean(s: &str) -> String {
    fold(&strip_forbidden(s))
}

/// Turns a toml error into a diagnostic with position and, for unknown keys, a did-you-mean.
fn toml_error(e: &toml::de::Error, text: &str, shown: &Path) -> Diagnostic {
    let message = e.message().trim().to_string();
    let key = e.span().and_then(|s| wording::key_before(text, s.start));
    if let Some((words, hint)) = key.and_then(|k| wording::wrong_type(&message, k, Syntax::Toml)) {
        let d = Diagnostic::error(shown, words).hint(hint);
        return match e.span() {
            Some(span) => d.at_offset(text, span.start, 0),
            None => d,
        };
    }
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
