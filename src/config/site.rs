//! The validated site: everything the pipeline needs from `feeds.toml`, one function per field.
//!
//! [`Site::from_str`] reads the raw structs and hands each field to its own small function
//! (title, url, time zone, language, people, permalink, feeds); each reports to one
//! [`Problems`] collector placed on `feeds.toml`'s lines, so every problem of the file is
//! reported at once. The site is built only when none of them is an error. Where the site reads
//! and writes is checked as a whole in `config::folders`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use chrono_tz::Tz;
use url::Url;

use super::feed::{self, FeedSpec, Format, IdMode};
use super::files::{self, Files};
use super::folders::{self, Folder, Folders};
use super::permalink::{self, Permalink, Permalinks};
use super::person::{self, Origin, Person, Written};
use super::podcast;
use super::preset::Preset;
use super::raw::{self, clean, RawPerson};
use super::site_files::{self, Places};
use super::vocabulary::Vocabulary;
use crate::address;
use crate::diagnostics::{display_path, Diagnostic, Problems};
use crate::preview::{Preview, Stylesheet};
use crate::slugify::SlugMode;

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
    /// Link patterns for articles without a `link`: the site's and each folder's.
    pub permalinks: Permalinks,
    /// Sanitise article HTML (default true).
    pub sanitize: bool,
    /// Known people by key, for `authors = ["key"]` in front matter.
    pub authors: BTreeMap<String, Arc<Person>>,
    /// The feeds to build: every `[[feeds]]` entry as written (a `per` entry stands for the
    /// feeds it makes) until [`crate::feeds::expand`] replaces each `per` entry by its feeds.
    pub feeds: Vec<FeedSpec>,
    /// Once [`crate::feeds::expand`] ran, the `per` entries it replaced (their path patterns
    /// say which files in the output folder such an entry writes); empty before.
    pub per_entries: Vec<FeedSpec>,
    /// What the records' front matter may say (the preset's vocabulary, or feedwright's).
    pub vocabulary: Vocabulary,
    /// The site generator whose conventions apply, if any.
    pub preset: Option<Preset>,
    /// `include` and `exclude`: which files under the articles folder are read at all.
    pub files: Files,
    /// How entry ids are made by default (`[site] id`).
    pub id: IdMode,
    /// How slugs are made (`[site] slugify`; default: the preset's, else feedwright's).
    pub slugify: SlugMode,
    /// `[site] date_from_path` (`preset = "zola"` only): a page without a `date` is dated by
    /// the `YYYY/MM/DD` its `path` ends with, as a feed template reading `page.components`
    /// does (the Rust blog's). Off by default: Zola's built-in feeds leave such pages out.
    pub date_from_path: bool,
    /// `[variables]`, flattened to dotted keys (`social.github`), each as text: what template
    /// syntax such as Liquid's `{{ site.repository }}` reads.
    pub variables: BTreeMap<String, String>,
    /// `[site] hubs`: the WebSub hubs of every feed that names none of its own.
    pub hubs: Vec<Url>,
    /// `[site] opml`: where `build` writes the OPML subscription list (relative to the output
    /// folder, `/`-separated), if it does.
    pub opml: Option<String>,
    /// `[site] preview`: the stylesheet RSS and Atom documents name, if any.
    pub stylesheet: Option<Stylesheet>,
    /// The people of [`Site::authors`] by name (the first in key order for a name two share),
    /// so that [`Site::person`] finds a name without reading them all.
    by_name: BTreeMap<String, Arc<Person>>,
}

impl Site {
    /// True when the site or one of its feeds gives entries the ids of id mode `mode`.
    pub fn uses_id_mode(&self, mode: IdMode) -> bool {
        self.id == mode || self.feeds.iter().any(|f| f.id == Some(mode))
    }

    /// Reads and validates the config at `path`. All problems are returned together.
    pub fn load(path: &Path) -> Result<Site, Vec<Diagnostic>> {
        let shown = display_path(path);
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
        let raw = raw::parse(text, shown).map_err(|d| vec![d])?;
        let mut problems = Problems::new(shown).keys_in(text, 1);
        let p = &mut problems;
        let s = raw.site;
        let title = title(&s.title, p);
        let url = url(&s.url, p);
        let timezone = timezone(s.timezone.as_deref(), p);
        language(s.language.as_deref(), p);
        let author = site_person(&s.author, "site author", "author", p);
        let authors = people(&raw.authors, p);
        let permalinks = permalinks(s.permalink, s.permalinks, p);
        let slugify = slugify(s.slugify.as_deref(), s.preset, p);
        let date_from_path = date_from_path(s.date_from_path, s.preset, p);
        let id = feed::id_mode(s.id.as_deref(), "", p).unwrap_or_default();
        let description = clean(&s.description);
        let hubs = super::hubs::hubs(s.hubs.as_deref(), "[site]", p).unwrap_or_default();
        let defaults = feed::Defaults {
            title: &title,
            description: &description,
            hubs: &hubs,
        };
        let files = files::files(s.include, s.exclude, "[site]", p);
        let raw_feeds = raw.feeds.as_deref().unwrap_or_default();
        podcast::need_language(raw_feeds, s.language.as_deref(), p);
        let feeds = feed::specs(raw.feeds, &defaults, p);
        let written = (s.articles.as_deref(), s.output.as_deref());
        let (articles_dir, output_dir) = folders(written, (root, shown), &feeds, p);
        let opml = site_files::opml(s.opml.as_deref(), p);
        let preview = site_files::preview(s.preview.as_deref(), p);
        let places = Places {
            output_dir: &output_dir,
            config: shown,
        };
        site_files::clashes(opml.as_deref(), preview, &feeds, &places, p);
        if problems.has_errors() {
            return Err(problems.into_vec());
        }
        let checked = "no errors, so every field is valid";
        let url = url.expect(checked);
        let stylesheet = preview.map(|preview| stylesheet(preview, &url));
        Ok(Site {
            config_path: shown.to_path_buf(),
            title,
            url,
            description,
            language: s.language,
            timezone: timezone.expect(checked),
            author: author.expect(checked),
            copyright: s.copyright.as_deref().map(clean),
            articles_dir,
            output_dir,
            permalinks: permalinks.expect(checked),
            sanitize: s.sanitize.unwrap_or(true),
            by_name: by_name(&authors),
            authors,
            feeds,
            per_entries: Vec::new(),
            vocabulary: Vocabulary::of(s.preset),
            preset: s.preset,
            files,
            id,
            slugify,
            date_from_path,
            variables: variables(&raw.variables),
            hubs,
            opml,
            stylesheet,
        })
    }

    /// The person for an author name from front matter: a key of `[authors]`, or the name of a
    /// person there, picks up that person; any other name stands alone.
    /// People are shared (`Arc`): 100,000 articles by five authors hold five `Person`s.
    pub fn person(&self, name: &str) -> Arc<Person> {
        if let Some(p) = self.authors.get(name) {
            return p.clone();
        }
        if let Some(p) = self.by_name.get(name) {
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

    /// The person for an author written in front matter: the person [`Site::person`] finds for
    /// the name, with the e-mail and home page written there, if any, taking precedence.
    pub fn author(&self, written: Person) -> Arc<Person> {
        let known = self.person(&written.name);
        if written.email.is_none() && written.uri.is_none() {
            return known;
        }
        Arc::new(Person {
            name: known.name.clone(),
            email: written.email.or_else(|| known.email.clone()),
            uri: written.uri.or_else(|| known.uri.clone()),
        })
    }

    /// The absolute URL at which output file `file` (relative to the output folder,
    /// `/`-separated) is served: the site URL's path followed by the file's path segments,
    /// each percent-encoded, so no name is ever read as a scheme, a query or a fragment.
    pub fn output_url(&self, file: &str) -> Url {
        output_url(&self.url, file)
    }

    /// The URL each file of `feed` is served at (its self link; an Atom feed's id, a JSON
    /// Feed's `feed_url`), in the feed's format order.
    pub fn self_urls(&self, feed: &FeedSpec) -> Vec<(Format, String)> {
        feed.outputs
            .iter()
            .map(|(f, file)| (*f, self.output_url(file).to_string()))
            .collect()
    }
}

/// [`Site::output_url`] of the site at `site_url`.
fn output_url(site_url: &Url, file: &str) -> Url {
    let mut url = site_url.clone();
    if let Ok(mut segments) = url.path_segments_mut() {
        segments.pop_if_empty().extend(file.split('/'));
    }
    url
}

/// The stylesheet of `preview` for the site at `site_url`: named by its root-relative path
/// (see [`crate::preview`] for why).
fn stylesheet(preview: Preview, site_url: &Url) -> Stylesheet {
    Stylesheet {
        preview,
        href: output_url(site_url, preview.file()).path().to_string(),
    }
}

/// `title`: required, plain text.
fn title(raw: &str, problems: &mut Problems<'_>) -> String {
    let title = clean(raw);
    if title.is_empty() {
        problems.error("title", "site title is empty", "set [site] title = \"...\"");
    }
    title
}

/// `url`: an absolute http(s) URL (see [`address::web`]), kept with a trailing `/` and without
/// query or fragment.
fn url(raw: &str, problems: &mut Problems<'_>) -> Option<Url> {
    match address::web(raw.trim()) {
        Ok(mut u) => {
            if !u.path().ends_with('/') {
                let p = format!("{}/", u.path());
                u.set_path(&p);
            }
            u.set_query(None);
            u.set_fragment(None);
            Some(u)
        }
        Err(refusal) => {
            let field = address::Field {
                key: "url",
                name: "site url",
                malformed: "is not an absolute http(s) URL",
                scheme: "is not an absolute http(s) URL",
                hint: "write it in full, e.g. url = \"https://example.com/\"",
            };
            field.report(raw, &refusal, problems);
            None
        }
    }
}

/// `timezone`: an IANA zone name; UTC when absent.
fn timezone(raw: Option<&str>, problems: &mut Problems<'_>) -> Option<Tz> {
    let Some(z) = raw else { return Some(Tz::UTC) };
    let tz = z.parse::<Tz>().ok();
    if tz.is_none() {
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|t| t.name()).collect();
        let hint = match crate::diagnostics::did_you_mean(z, &names) {
            Some(name) => format!("did you mean {name:?}?"),
            None => "use an IANA zone name such as \"Europe/Helsinki\" or \"UTC\"".to_string(),
        };
        problems.error("timezone", format!("unknown time zone {z:?}"), hint);
    }
    tz
}

/// `language`: shaped like a BCP 47 tag (letters and digits in parts of 1 to 8, joined by `-`).
fn language(raw: Option<&str>, problems: &mut Problems<'_>) {
    let Some(lang) = raw else { return };
    let ok = !lang.is_empty()
        && lang
            .split('-')
            .all(|p| !p.is_empty() && p.len() <= 8 && p.chars().all(|c| c.is_ascii_alphanumeric()));
    if !ok {
        problems.error(
            "language",
            format!("language {lang:?} is not a language tag"),
            "use a BCP 47 tag such as \"en\" or \"pt-BR\"",
        );
    }
}

/// A person of `feeds.toml`: `[site] author`, or the entry `key` of `[authors]`.
fn site_person(
    raw: &RawPerson,
    who: &str,
    name_key: &str,
    problems: &mut Problems<'_>,
) -> Option<Arc<Person>> {
    let written = Written {
        name: &raw.name,
        email: raw.email.as_deref(),
        uri: raw.uri.as_deref(),
    };
    let origin = Origin {
        who,
        name_key,
        uri_key: "uri",
        email_key: "email",
    };
    person::validate(written, origin, problems).map(Arc::new)
}

/// `[authors]`: the people front matter may name by key.
fn people(
    raw: &BTreeMap<String, RawPerson>,
    problems: &mut Problems<'_>,
) -> BTreeMap<String, Arc<Person>> {
    raw.iter()
        .filter_map(|(key, person)| {
            let who = format!("author {key:?}");
            Some((key.clone(), site_person(person, &who, key, problems)?))
        })
        .collect()
}

/// The people of `[authors]` by name; where two share a name, the first in key order.
fn by_name(authors: &BTreeMap<String, Arc<Person>>) -> BTreeMap<String, Arc<Person>> {
    let mut by_name = BTreeMap::new();
    for p in authors.values() {
        by_name.entry(p.name.clone()).or_insert_with(|| p.clone());
    }
    by_name
}

/// `permalink` and `[site.permalinks]`: known placeholders only, `{slug}` or `{title}` among
/// them; each key of `[site.permalinks]` a folder.
fn permalinks(
    raw: Option<String>,
    by_folder: Option<BTreeMap<String, String>>,
    problems: &mut Problems<'_>,
) -> Option<Permalinks> {
    let hint = "use {year}, {month}, {day} and {slug}, e.g. \"/{year}/{slug}/\"";
    let default = raw.unwrap_or_else(|| permalink::DEFAULT.into());
    let default = Permalink::new(default)
        .map_err(|m| problems.error("permalink", m, hint))
        .ok();
    let mut folders = Vec::new();
    for (key, pattern) in by_folder.unwrap_or_default() {
        let folder = permalink::folder_key(&key).map_err(|m| {
            let hint =
                "write a folder's path relative to `articles`, e.g. blog = \"/{year}/{slug}/\"";
            problems.error("permalinks", m, hint)
        });
        let pattern = Permalink::new(pattern).map_err(|m| {
            problems.error("permalinks", format!("[site.permalinks] {key}: {m}"), hint)
        });
        if let (Ok(folder), Ok(pattern)) = (folder, pattern) {
            folders.push((folder, pattern));
        }
    }
    Some(Permalinks::new(default?, folders))
}

/// `slugify`: a slug mode; by default the preset's (Eleventy keeps file names as they are).
fn slugify(raw: Option<&str>, preset: Option<Preset>, problems: &mut Problems<'_>) -> SlugMode {
    let Some(name) = raw else {
        return match preset {
            None => SlugMode::Feedwright,
            Some(Preset::Hugo) => SlugMode::Hugo,
            Some(Preset::Jekyll) => SlugMode::Jekyll,
            Some(Preset::Zola) => SlugMode::Zola,
            Some(Preset::Eleventy) => SlugMode::None,
        };
    };
    SlugMode::parse(name).unwrap_or_else(|| {
        let names: Vec<&str> = SlugMode::ALL.iter().map(|(n, _)| *n).collect();
        problems.error(
            "slugify",
            format!("slugify {name:?} is not a slug mode"),
            format!("use one of {}", names.join(", ")),
        );
        SlugMode::Feedwright
    })
}

/// `date_from_path`: only Zola pages have a `path` to read a date from.
fn date_from_path(raw: Option<bool>, preset: Option<Preset>, problems: &mut Problems<'_>) -> bool {
    let on = raw.unwrap_or(false);
    if on && preset != Some(Preset::Zola) {
        problems.error(
            "date_from_path",
            "date_from_path reads Zola's `path` front matter and needs preset = \"zola\"",
            "set preset = \"zola\", or remove date_from_path",
        );
    }
    on
}

/// `[variables]` flattened: nested tables become dotted keys; strings are kept as written,
/// other values as TOML writes them (arrays joined by `, `).
fn variables(table: &toml::Table) -> BTreeMap<String, String> {
    fn walk(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, String>) {
        for (key, value) in table {
            let key = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match value {
                toml::Value::Table(t) => walk(&key, t, out),
                v => {
                    out.insert(key, text(v));
                }
            }
        }
    }
    fn text(value: &toml::Value) -> String {
        match value {
            toml::Value::String(s) => s.clone(),
            toml::Value::Array(a) => a.iter().map(text).collect::<Vec<_>>().join(", "),
            v => v.to_string(),
        }
    }
    let mut out = BTreeMap::new();
    walk("", table, &mut out);
    out
}

/// The articles and output folders (as `written`, else `articles` and `public`) resolved
/// against `root`, the folder of the config file `config`; checked that none holds another.
fn folders(
    (articles, output): (Option<&str>, Option<&str>),
    (root, config): (&Path, &Path),
    feeds: &[FeedSpec],
    problems: &mut Problems<'_>,
) -> (PathBuf, PathBuf) {
    let articles_dir = resolve_dir(root, articles.unwrap_or("articles"));
    let output_dir = resolve_dir(root, output.unwrap_or("public"));
    let folders = Folders {
        articles: Folder {
            key: "articles",
            name: articles.unwrap_or("articles"),
            written: articles.is_some(),
            path: &articles_dir,
        },
        output: Folder {
            key: "output",
            name: output.unwrap_or("public"),
            written: output.is_some(),
            path: &output_dir,
        },
        config,
    };
    folders::check(&folders, feeds, problems);
    (articles_dir, output_dir)
}
/// `articles` and `output`: relative to the config's folder unless absolute.
fn resolve_dir(root: &Path, dir: &str) -> PathBuf {
    let p = Path::new(dir);
    if p.is_absolute() || root.as_os_str().is_empty() {
        p.to_path_buf()
    } else {
        root.join(p)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> Result<Site, Vec<Diagnostic>> {
        Site::from_str(text, Path::new("feeds.toml"), Path::new(""))
    }

    fn errors(text: &str) -> String {
        let errs: Vec<String> = load(text)
            .unwrap_err()
            .iter()
            .map(|d| d.to_string())
            .collect();
        errs.join("\n")
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
        assert_eq!(
            site.output_url("a b/ç.xml").as_str(),
            "https://x.org/news/a%20b/%C3%A7.xml"
        );
    }

    #[test]
    fn preset_and_variables_are_read() {
        let site = load(MINIMAL).unwrap();
        assert_eq!(site.preset, None);
        assert!(site.variables.is_empty());
        let text = format!(
            "{MINIMAL}preset = \"jekyll\"\n[variables]\nrepository = \"https://r\"\n\
             n = 3\nlist = [\"a\", \"b\"]\nsocial = {{ github = \"me\" }}\n"
        );
        let site = load(&text).unwrap();
        assert_eq!(site.preset, Some(Preset::Jekyll));
        let vars: Vec<(&str, &str)> = site
            .variables
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            vars,
            [
                ("list", "a, b"),
                ("n", "3"),
                ("repository", "https://r"),
                ("social.github", "me")
            ]
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
        let all = errors(
            r#"
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
"#,
        );
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
    fn every_field_problem_is_reported_in_file_order() {
        let all = errors(
            r#"
[site]
title = " "
url = "https://x.org/"
description = "D"
language = "en_GB"
permalink = "/{year}/"
author = { name = "", uri = "x.org" }

[[feeds]]
name = "a"
content = "all"
summary_length = 3
"#,
        );
        assert_eq!(
            all,
            "feeds.toml:3:1: error: site title is empty\n  hint: set [site] title = \"...\"\n\
feeds.toml:6:1: error: language \"en_GB\" is not a language tag\n  hint: use a BCP 47 tag such as \"en\" or \"pt-BR\"\n\
feeds.toml:8:1: error: site author has an empty name\n  hint: give every author a name\n\
feeds.toml: error: site author uri \"x.org\" is not an absolute URL\n  hint: write it in full, e.g. https://example.com/\n\
feeds.toml:7:1: error: permalink \"/{year}/\" has no {slug}, so articles would share a link\n  hint: use {year}, {month}, {day} and {slug}, e.g. \"/{year}/{slug}/\"\n\
feeds.toml:11:1: error: feed \"a\" writes no file\n  hint: set at least one of rss, atom or json\n\
feeds.toml:12:1: error: feed \"a\": content \"all\" is not \"full\" or \"summary\"\n  hint: use content = \"full\" or content = \"summary\"\n\
feeds.toml:13:1: error: feed \"a\": summary_length 3 is too short\n  hint: use 10 or more characters (default 280)"
        );
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
        let written = |email: Option<&str>| Person {
            name: "niamh".into(),
            email: email.map(String::from),
            uri: None,
        };
        assert!(Arc::ptr_eq(
            &site.author(written(None)),
            &site.person("niamh")
        ));
        let own = site.author(written(Some("own@x.org")));
        assert_eq!(own.name, "Niamh Harris");
        assert_eq!(own.email.as_deref(), Some("own@x.org"));
        // Two people with one name: the name picks the first key, as a scan in key order did.
        let text = format!(
            "{MINIMAL}\n[authors.b]\nname = \"Sam\"\nemail = \"b@x.org\"\n\
             [authors.a]\nname = \"Sam\"\nemail = \"a@x.org\"\n"
        );
        let site = load(&text).unwrap();
        assert_eq!(site.person("Sam").email.as_deref(), Some("a@x.org"));
    }

    #[test]
    fn date_from_path_is_off_by_default_and_zolas_only() {
        let zola = MINIMAL.replace("[site]\n", "[site]\npreset = \"zola\"\n");
        assert!(!load(&zola).unwrap().date_from_path);
        let on = zola.replace("[site]\n", "[site]\ndate_from_path = true\n");
        assert!(load(&on).unwrap().date_from_path);
        let all = errors(&MINIMAL.replace("[site]\n", "[site]\ndate_from_path = true\n"));
        assert!(
            all.contains("feeds.toml:3:1: error: date_from_path reads Zola's `path` front matter and needs preset = \"zola\""),
            "{all}"
        );
    }

    #[test]
    fn preset_id_and_slugify_are_checked_and_default_from_the_preset() {
        let site = load(&MINIMAL.replace("[site]\n", "[site]\npreset = \"hugo\"\n")).unwrap();
        assert_eq!(site.vocabulary, Vocabulary::HUGO);
        assert_eq!((site.slugify, site.id), (SlugMode::Hugo, IdMode::Tag));
        let site = load(&MINIMAL.replace(
            "[site]\n",
            "[site]\npreset = \"eleventy\"\nid = \"link\"\nslugify = \"eleventy-slug\"\n",
        ))
        .unwrap();
        assert_eq!(
            (site.slugify, site.id),
            (SlugMode::EleventySlug, IdMode::Link)
        );
        assert_eq!(load(MINIMAL).unwrap().slugify, SlugMode::Feedwright);
        let all = errors(&format!(
            "{}\n[[feeds]]\nname = \"a\"\nrss = \"a.xml\"\nid = \"guid\"\n",
            MINIMAL.replace("[site]\n", "[site]\nid = \"url\"\nslugify = \"kebab\"\n")
        ));
        for want in [
            "feeds.toml:4:1: error: slugify \"kebab\" is not a slug mode",
            "feeds.toml:3:1: error: id \"url\" is not \"tag\", \"link\" or \"jekyll\"",
            "error: feed \"a\": id \"guid\" is not \"tag\", \"link\" or \"jekyll\"",
        ] {
            assert!(all.contains(want), "{want}\n{all}");
        }
    }
}
