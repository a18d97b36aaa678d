//! A generator's front-matter keys read into feedwright's fields, under `[site] preset`.
//!
//! Each generator names the same things differently and reads them in its own order; this file
//! holds those orders, one function per field, each citing the generator's code: which key
//! gives the publication date (Hugo: `date`, then `publishDate`, then `lastmod`), when a
//! record may first be published (Hugo: `publishDate`, then `date`), the update date
//! (`lastmod`, `last_modified_at`, `updated`), the summary (jekyll-feed: `description`, else
//! `excerpt`), the tags (`categories`, `category`, Zola's `taxonomies`) and the link
//! (Zola `path`, Hugo `url`, Jekyll `permalink`, all verbatim below the site's url). It also
//! says where a record sits ([`Source`]): the folders `{section}` and `{path}` fill, the name
//! its slug is made from (a page bundle's folder for `dir/index.md`) and the date its file name
//! starts with. `validate` asks these functions and does the checking.

use std::path::Path;

use chrono::NaiveDate;

use super::date;
use super::files::Skip;
use super::front_matter::{
    RawAuthor, RawDate, RawGenerator, RawList, RawPermalink, RawPublished, RawTags,
};
use crate::config::permalink::{jekyll_sanitize, Parts as LinkParts};
use crate::config::{Preset, Site};

/// Where a record sits under the articles folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The folders between the articles folder and the record (for a page bundle, above its
    /// folder), `/`-separated, as written.
    pub folders: String,
    /// The name its slug is made from: the file stem after a leading date, or a bundle's
    /// folder name; Jekyll drops trailing dots (`Document#populate_title`).
    pub name: String,
    /// The date the file (or bundle folder) name starts with.
    pub date: Option<NaiveDate>,
    /// Jekyll: the folders above the record's `_posts` folder, its categories from the path
    /// (`Document#categories_from_path`); empty elsewhere.
    pub categories: Vec<String>,
}

/// `path` below `dir` when it is `dir`, a `/` and more, as the walk makes every record's path
/// (compared as bytes: `Path::strip_prefix` parses both paths into components).
fn under<'p>(path: &'p Path, dir: &Path) -> Option<&'p Path> {
    use std::os::unix::ffi::OsStrExt;
    let rest = path
        .as_os_str()
        .as_bytes()
        .strip_prefix(dir.as_os_str().as_bytes())?;
    let rest = rest.strip_prefix(b"/")?;
    (!rest.is_empty()).then(|| Path::new(std::ffi::OsStr::from_bytes(rest)))
}

/// The record at `path` relative to the articles folder, and the folders it is in there.
pub fn folders<'p>(path: &'p Path, site: &Site) -> (&'p Path, Vec<String>) {
    let rel = under(path, &site.articles_dir)
        .or_else(|| path.strip_prefix(&site.articles_dir).ok())
        .or_else(|| {
            path.strip_prefix(crate::diagnostics::display_path(&site.articles_dir))
                .ok()
        })
        .unwrap_or(path);
    let mut parts: Vec<String> = match rel.to_str() {
        // The walk's paths are plain (no `.`, no doubled `/`): split as text, which is much
        // cheaper than `Path::iter` (this runs for every record).
        Some(text) if rel.is_relative() && !text.contains("//") && !text.contains("./") => {
            text.split('/').map(str::to_string).collect()
        }
        _ => rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect(),
    };
    parts.pop();
    (rel, parts)
}

impl Source {
    /// The source of the record `path` (as shown) of `site`. A page bundle (`dir/index.md`)
    /// is named after its folder ([`super::files::slug_stem`]), which is then not one of its
    /// folders.
    pub fn of(path: &Path, site: &Site) -> Source {
        let (rel, mut parts) = folders(path, site);
        let stem = super::files::slug_stem(path, site);
        let file_stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        if file_stem.as_deref() != Some(stem.as_str()) {
            parts.pop();
        }
        let (date, name) = date::split_file_name(&stem);
        // Eleventy dates a record by the first `YYYY-MM-DD` anywhere in its path
        // (11ty/eleventy `src/Template.js` `getMappedDate`: `/(\d{4}-\d{2}-\d{2})/`).
        let date = match site.vocabulary.preset {
            Some(Preset::Eleventy) => first_date_in(&rel.to_string_lossy()),
            _ => date,
        };
        // Eleventy keeps the date in the name (`TemplatePermalink.generate` uses the file
        // name, not `page.fileSlug`). Hugo reads a dated name as its `[frontmatter]` `:filename`
        // setting does (`dateAndSlugFromBaseFilename`): date and slug, as feedwright does.
        let name = match site.vocabulary.preset {
            Some(Preset::Eleventy) => stem.clone(),
            Some(Preset::Jekyll) => name.trim_end_matches('.').to_string(),
            _ => name.to_string(),
        };
        let mut categories = vec![];
        if site.vocabulary.preset == Some(Preset::Jekyll) {
            if let Some(at) = parts.iter().position(|p| p == "_posts") {
                categories = categories_from_path(&parts.join("/"));
                parts.drain(..=at);
            }
        }
        Source {
            folders: parts.join("/"),
            name,
            date,
            categories,
        }
    }
}

/// The first `YYYY-MM-DD` in `path` that is a date (Eleventy's file-path date).
pub fn first_date_in(path: &str) -> Option<NaiveDate> {
    let b = path.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    (0..b.len().saturating_sub(9))
        .find(|&i| {
            digits(i..i + 4)
                && b[i + 4] == b'-'
                && digits(i + 5..i + 7)
                && b[i + 7] == b'-'
                && digits(i + 8..i + 10)
        })
        .and_then(|i| NaiveDate::parse_from_str(&path[i..i + 10], "%Y-%m-%d").ok())
}

/// Jekyll's `Document#categories_from_path("_posts")` for a record in the folders `dirs`
/// (relative to the site's root, holding a `_posts` folder): none when they start with
/// `_posts`, else what comes before the first `_posts` (a substring, as Jekyll's
/// `superdirs_regex` matches it), split at `/`.
fn categories_from_path(dirs: &str) -> Vec<String> {
    if dirs.starts_with("_posts") {
        return vec![];
    }
    let before = dirs.find("_posts").map_or(dirs, |i| &dirs[..i]);
    before
        .split('/')
        .filter(|c| !c.is_empty() && *c != "_posts")
        .map(String::from)
        .collect()
}

/// The generator's keys of a record, under `preset`.
pub struct Keys<'a> {
    preset: Option<Preset>,
    g: Option<&'a RawGenerator>,
}

impl<'a> Keys<'a> {
    /// The generator's keys `g` (of [`super::front_matter::RawFrontMatter::generator`]) under `preset`.
    pub fn of(g: Option<&'a RawGenerator>, preset: Option<Preset>) -> Keys<'a> {
        Keys { preset, g }
    }

    /// The date a feed shows and its key: Hugo's RSS prints `.Date`, which is `date`, else
    /// `publishDate` (`pubdate`, `published`), else `lastmod` (`modified`) (hugo
    /// `resources/page/pagemeta/page_frontmatter.go`, `newDefaultFrontmatterConfig`);
    /// elsewhere `date`.
    pub fn published(&self, date: Option<&'a RawDate>) -> Option<(&'static str, &'a RawDate)> {
        let (Some(Preset::Hugo), Some(g)) = (self.preset, self.g) else {
            return date.map(|d| ("date", d));
        };
        let written = date.map(|d| ("date", d));
        let lastmod = [("lastmod", &g.lastmod), ("modified", &g.modified)];
        written.or_else(|| self.hugo_publish_date()).or_else(|| {
            lastmod
                .into_iter()
                .find_map(|(k, d)| Some((k, d.as_ref()?.get()?)))
        })
    }

    /// When a record shown at `date` may first be published, if that is another key's date:
    /// Hugo holds a page back until its `.PublishDate`, `publishDate` before `date`
    /// (`shouldBuild` in hugo `hugolib/site.go`).
    pub fn scheduled(&self, date: Option<&'a RawDate>) -> Option<(&'static str, &'a RawDate)> {
        date.and_then(|_| self.hugo_publish_date())
    }

    /// Hugo's `publishDate` (`pubdate`, `published` as a date), under the Hugo preset.
    fn hugo_publish_date(&self) -> Option<(&'static str, &'a RawDate)> {
        let (Some(Preset::Hugo), Some(g)) = (self.preset, self.g) else {
            return None;
        };
        let published = g.published.as_ref().and_then(|p| match p.get() {
            Some(RawPublished::Date(d)) => Some(d),
            _ => None,
        });
        let hugo = [
            ("publishDate", g.publish_date.as_ref().and_then(|l| l.get())),
            ("pubdate", g.pubdate.as_ref().and_then(|l| l.get())),
            ("published", published),
        ];
        hugo.into_iter().find_map(|(k, d)| Some((k, d?)))
    }

    /// The date in Zola's `path = "YYYY/MM/DD/slug"`, as a site template reads it from the
    /// path's components (the Rust blog's `templates/feed.xml`): the three before the last.
    /// Read only under `[site] date_from_path` (Zola's built-in feeds do not).
    pub fn path_date(&self) -> Option<NaiveDate> {
        if self.preset != Some(Preset::Zola) {
            return None;
        }
        let path = self.g?.path.as_ref()?.get()?;
        let parts: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
        let n = parts.len();
        if n < 4 {
            return None;
        }
        let num = |s: &str| s.parse::<u32>().ok();
        let year = i32::try_from(num(parts[n - 4])?).ok()?;
        NaiveDate::from_ymd_opt(year, num(parts[n - 3])?, num(parts[n - 2])?)
    }

    /// The update date and its key: Hugo `lastmod` (`modified`), Jekyll `last_modified_at`
    /// (jekyll-feed's `<updated>`), else `updated` (Zola, Eleventy, feedwright).
    pub fn updated(&self, updated: Option<&'a RawDate>) -> Option<(&'static str, &'a RawDate)> {
        if let Some(g) = self.g {
            let keys = match self.preset {
                Some(Preset::Hugo) => [("lastmod", &g.lastmod), ("modified", &g.modified)],
                Some(Preset::Jekyll) => [("last_modified_at", &g.last_modified_at), ("", &None)],
                _ => [("", &None), ("", &None)],
            };
            if let Some(found) = keys
                .into_iter()
                .find_map(|(k, v)| Some((k, v.as_ref()?.get()?)))
            {
                return Some(found);
            }
        }
        updated.map(|d| ("updated", d))
    }

    /// The rules reading the date key `key`: under Jekyll, a YAML value Ruby's YAML reader keeps
    /// as text (quoted, or not a timestamp) is read in the site's zone
    /// ([`date::Rules::for_text`]); else `rules`.
    pub fn date_rules(&self, key: &str, rules: date::Rules) -> date::Rules {
        let text = match (self.preset, self.g) {
            (Some(Preset::Jekyll), Some(g)) => match key {
                "date" => g.text_dates.date,
                "last_modified_at" => g.text_dates.last_modified_at,
                _ => false,
            },
            _ => false,
        };
        if text {
            rules.for_text()
        } else {
            rules
        }
    }

    /// The tags: `tags`, then Jekyll's categories from the path (`source`), Hugo's and
    /// Jekyll's `categories` (a Jekyll string is split at white space,
    /// `Document#merge_categories!`), Jekyll's `category` and `tag`, and every Zola taxonomy's
    /// terms.
    pub fn tags(&self, tags: Option<RawTags>, source: &Source) -> Option<RawTags> {
        let Some(g) = self.g else { return tags };
        let mut all: Vec<String> = match tags {
            Some(RawTags::Many(v)) => v,
            Some(RawTags::One(t)) => vec![t],
            None => vec![],
        };
        all.extend(source.categories.iter().cloned());
        all.extend(self.categories_written());
        for one in [&g.category, &g.tag] {
            all.extend(one.as_ref().and_then(|c| c.get()).cloned());
        }
        if let Some(tax) = g.taxonomies.as_ref().and_then(|t| t.get()) {
            all.extend(tax.values().flatten().cloned());
        }
        Some(RawTags::Many(all))
    }

    /// `categories` as written (a Jekyll string split at white space).
    fn categories_written(&self) -> Vec<String> {
        match self.g.and_then(|g| g.categories.as_ref()?.get()) {
            Some(RawTags::Many(v)) => v.clone(),
            Some(RawTags::One(s)) if self.preset == Some(Preset::Jekyll) => {
                s.split_whitespace().map(String::from).collect()
            }
            Some(RawTags::One(s)) => vec![s.clone()],
            None => vec![],
        }
    }

    /// Jekyll's `:categories`: the categories from the path (`source`), then `categories`, then
    /// `category` (`Document#merge_categories!`, `populate_categories`), without repeats; then
    /// lowercased, without repeats, joined with `/` (`Drops::UrlDrop#categories`) and escaped
    /// (`URL.escape_path`). Empty for other presets.
    pub fn jekyll_categories(&self, source: &Source) -> String {
        if self.preset != Some(Preset::Jekyll) {
            return String::new();
        }
        let mut all = source.categories.clone();
        all.extend(self.categories_written());
        all.extend(self.g.and_then(|g| g.category.as_ref()?.get()).cloned());
        jekyll_categories(&all)
    }

    /// The summary as written: jekyll-feed's `post.description | default: post.excerpt`
    /// (jekyll-feed `lib/jekyll-feed/feed.xml`), else `summary` (Hugo's `.Summary` key,
    /// Eleventy's base blog, feedwright).
    pub fn summary(&self, summary: Option<String>) -> Option<String> {
        if let (Some(Preset::Jekyll), Some(g)) = (self.preset, self.g) {
            let jekyll = [&g.description, &g.excerpt]
                .into_iter()
                .find_map(|k| k.as_ref()?.get().filter(|s| !s.trim().is_empty()));
            if let Some(s) = jekyll {
                return Some(crate::text::strip_forbidden(s).into_owned());
            }
        }
        summary
    }

    /// The link a record sets in the generator's key, as a path below the site's url: Zola
    /// `path` (trailing `/` added, `Page::parse` in zola `components/content/src/page.rs`),
    /// Hugo `url` (a last segment without a dot is a folder), Jekyll `permalink`, Eleventy
    /// `permalink` written literally (a template, `{{ ... }}` or `{% ... %}`, is not run: the
    /// site's pattern applies; `dir/index.html` is the URL `/dir/`, as Eleventy's `page.url`);
    /// all verbatim.
    pub fn link(&self) -> Option<(&'static str, String)> {
        let g = self.g?;
        let preset = self.preset?;
        let raw = match preset {
            Preset::Zola => g.path.as_ref()?.get()?,
            Preset::Hugo => g.url.as_ref()?.get()?,
            Preset::Jekyll | Preset::Eleventy => match g.permalink.as_ref()?.get()? {
                RawPermalink::Path(p) => p,
                RawPermalink::Flag(_) => return None,
            },
        };
        let key = match preset {
            Preset::Zola => "path",
            Preset::Hugo => "url",
            _ => "permalink",
        };
        let raw = raw.trim();
        if preset == Preset::Eleventy && (raw.contains("{{") || raw.contains("{%")) {
            return None;
        }
        let raw = crate::text::strip_forbidden(raw);
        let mut path = format!("/{}", raw.trim_start_matches('/'));
        if preset == Preset::Eleventy && path.ends_with("/index.html") {
            path.truncate(path.len() - "index.html".len());
        }
        let last = path.rsplit('/').next().unwrap_or("");
        let folder = match preset {
            Preset::Zola => true,
            Preset::Hugo => !last.contains('.'),
            _ => false,
        };
        if folder && !path.ends_with('/') {
            path.push('/');
        }
        Some((key, path))
    }

    /// Why the generator leaves this record out of every list, and so out of feeds: under
    /// Eleventy, `eleventyExcludeFromCollections: true`, or `permalink: false` (no page is
    /// written; its front matter is usually a partial's; 11ty/eleventy `src/TemplateMap.js`);
    /// under Hugo, `headless: true` or `_build.list = "never"` ([`Keys::unlisted`]).
    pub fn not_listed(&self) -> Option<Skip> {
        if self.unlisted() {
            return Some(Skip::Unlisted);
        }
        let g = self.g.filter(|_| self.preset == Some(Preset::Eleventy))?;
        if g.exclude_from_collections.as_ref().and_then(|e| e.get()) == Some(&true) {
            return Some(Skip::ExcludedFromCollections);
        }
        match g.permalink.as_ref().and_then(|p| p.get()) {
            Some(RawPermalink::Flag(false)) => Some(Skip::NoPermalink),
            _ => None,
        }
    }

    /// Hugo's `headless: true` and `_build.list = "never"` (or `false`): the page is in no
    /// list, so in no feed (hugo `hugolib/page__meta.go`, `shouldList`).
    pub fn unlisted(&self) -> bool {
        let Some(g) = self.g.filter(|_| self.preset == Some(Preset::Hugo)) else {
            return false;
        };
        let headless = g.headless.as_ref().and_then(|h| h.get()) == Some(&true);
        let list = g.build.as_ref().and_then(|b| b.get()?.list.as_ref()?.get());
        let never = match list {
            Some(RawList::Flag(listed)) => !listed,
            Some(RawList::Word(w)) => w.eq_ignore_ascii_case("never"),
            None => false,
        };
        headless || never
    }

    /// Jekyll's `published: false` (`Publisher#can_be_published?`): left out like a draft.
    pub fn unpublished(&self) -> bool {
        self.preset == Some(Preset::Jekyll)
            && self
                .g
                .and_then(|g| g.published.as_ref()?.get())
                .is_some_and(|p| matches!(p, RawPublished::Flag(false)))
    }
}

/// An author written as Markdown with a link, as v8.dev's Eleventy posts do
/// (`[Victor Gomes](https://x.org/v), the frame shredder`): the text with each link replaced by
/// its words (what the site's `markdown | striptags` prints) and the first link's http(s) URL as
/// the home page. Any other author is returned as it is.
pub fn author_link(author: RawAuthor) -> RawAuthor {
    let RawAuthor::Name(text) = &author else {
        return author;
    };
    let mut name = String::with_capacity(text.len());
    let mut uri = None;
    let mut rest = text.as_str();
    while let Some(open) = rest.find('[') {
        let Some((words, after)) = rest[open + 1..].split_once("](") else {
            break;
        };
        let Some((url, tail)) = after.split_once(')') else {
            break;
        };
        name.push_str(&rest[..open]);
        name.push_str(words);
        if uri.is_none() && crate::address::web(url).is_ok() {
            uri = Some(url.to_string());
        }
        rest = tail;
    }
    if uri.is_none() {
        return author;
    }
    name.push_str(rest);
    RawAuthor::Person {
        name: crate::text::fold(&name),
        email: None,
        uri,
    }
}

/// A Jekyll front-matter `permalink` with its placeholders filled as `URL#generate_url_from_drop`
/// fills them (`:([a-z_]+)`; a name ending in `_` that is no placeholder is tried without it,
/// the `_` kept), then sanitised ([`jekyll_sanitize`]). Filled: `:year`, `:month`, `:day`,
/// `:i_month`, `:i_day`, `:short_year`, `:y_day`, `:short_month`, `:long_month`, `:title`,
/// `:slug`, `:categories`, `:output_ext` (`.html`); any other name stays as written.
pub fn jekyll_permalink(template: &str, parts: &LinkParts<'_>) -> String {
    let day = NaiveDate::from_ymd_opt(parts.year, parts.month, parts.day);
    let value = |name: &str| -> Option<String> {
        Some(match name {
            "year" => format!("{:04}", parts.year),
            "month" => format!("{:02}", parts.month),
            "day" => format!("{:02}", parts.day),
            "i_month" => parts.month.to_string(),
            "i_day" => parts.day.to_string(),
            "short_year" => format!("{:02}", parts.year.rem_euclid(100)),
            "y_day" => day?.format("%j").to_string(),
            "short_month" => day?.format("%b").to_string(),
            "long_month" => day?.format("%B").to_string(),
            "title" => parts.title.to_string(),
            "slug" => parts.slug.to_string(),
            "categories" => parts.categories.to_string(),
            "output_ext" => ".html".to_string(),
            _ => return None,
        })
    };
    let mut out = String::with_capacity(template.len() + 16);
    let mut rest = template;
    while let Some(colon) = rest.find(':') {
        out.push_str(&rest[..colon]);
        let after = &rest[colon + 1..];
        let n = after
            .find(|c: char| !(c.is_ascii_lowercase() || c == '_'))
            .unwrap_or(after.len());
        let name = &after[..n];
        let found = value(name)
            .map(|v| (v, n))
            .or_else(|| Some((value(name.strip_suffix('_')?)?, n - 1)));
        match found {
            Some((v, used)) => {
                out.push_str(&v);
                rest = &after[used..];
            }
            None => {
                out.push(':');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    jekyll_sanitize(&out)
}

/// `categories` as Jekyll's `:categories` writes them: each lowercased once, in order, joined
/// with `/`, then escaped as `URL.escape_path` does (Addressable's `URI.encode`: unreserved
/// characters, sub-delims, `:`, `@`, `/` and `?` kept, every other byte percent-encoded, `#` too).
pub fn jekyll_categories(categories: &[String]) -> String {
    let mut seen: Vec<String> = vec![];
    for c in categories {
        let lower = c.to_lowercase();
        if !seen.contains(&lower) {
            seen.push(lower);
        }
    }
    let joined = seen.join("/");
    let mut out = String::with_capacity(joined.len());
    for b in joined.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/?".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// jekyll-feed's entry id (`post.id | absolute_url`, with jekyll `Document#id` =
/// `File.join(File.dirname(url), slug)`): the link's folder and the raw slug, without a
/// trailing slash or `.html`, percent-encoded as a URL. `None` if that is not a URL.
pub fn jekyll_id(link: &str, raw_slug: &str) -> Option<String> {
    let trimmed = link.trim_end_matches('/');
    let (folder, _) = trimmed.rsplit_once('/')?;
    let base = url::Url::parse(&format!("{folder}/")).ok()?;
    base.join(&raw_slug.replace('%', "%25").replace(['?', '#'], "-"))
        .ok()
        .map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn eleventy_dates_come_from_anywhere_in_the_path() {
        let day = |s| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok();
        assert_eq!(
            first_date_in("posts/2024-01-06/index.md"),
            day("2024-01-06")
        );
        assert_eq!(
            first_date_in("a/x2023-02-03y-2024-01-01.md"),
            day("2023-02-03")
        );
        assert_eq!(first_date_in("2025/07/post.md"), None);
        assert_eq!(first_date_in("2024-1-06.md"), None);
    }

    #[test]
    fn markdown_links_in_authors_give_a_name_and_a_home_page() {
        let read = |s: &str| match author_link(RawAuthor::Name(s.into())) {
            RawAuthor::Person { name, uri, .. } => (name, uri),
            RawAuthor::Name(n) => (n, None),
        };
        assert_eq!(
            read("[Victor Gomes](https://twitter.com/VictorBFG), the frame shredder"),
            (
                "Victor Gomes, the frame shredder".into(),
                Some("https://twitter.com/VictorBFG".into())
            )
        );
        assert_eq!(
            read("Mathias Bynens ([@mathias](https://twitter.com/mathias)), V8 historian"),
            (
                "Mathias Bynens (@mathias), V8 historian".into(),
                Some("https://twitter.com/mathias".into())
            )
        );
        assert_eq!(read("parkr"), ("parkr".into(), None));
        assert_eq!(
            read("[x](javascript:alert(1))"),
            ("[x](javascript:alert(1))".into(), None)
        );
    }

    #[test]
    fn jekyll_permalinks_in_front_matter_are_filled() {
        let parts = LinkParts {
            year: 2024,
            month: 1,
            day: 9,
            slug: "fm-permalink",
            title: "FM-Permalink",
            filename: "fm-permalink",
            slug_or_title: "fm-permalink",
            folders: "",
            categories: "foo%20bar/baz",
        };
        let fill = |t: &str| jekyll_permalink(t, &parts);
        assert_eq!(
            fill("/archive/:year/:title.html"),
            "/archive/2024/FM-Permalink.html"
        );
        assert_eq!(
            fill("/:categories/:i_month-:i_day/:slug:output_ext"),
            "/foo%20bar/baz/1-9/fm-permalink.html"
        );
        assert_eq!(fill("/:year_:month/:short_month/"), "/2024_01/Jan/");
        assert_eq!(fill("/at:hour/x:/"), "/at:hour/x:/");
        assert_eq!(fill("/fixed/path.html"), "/fixed/path.html");
        assert_eq!(fill("../../:year/"), "/2024/");
    }

    #[test]
    fn jekyll_categories_are_lowercased_unique_and_escaped() {
        let cats =
            |v: &[&str]| jekyll_categories(&v.iter().map(|s| s.to_string()).collect::<Vec<_>>());
        assert_eq!(
            cats(&["Foo Bar", "baz", "FOO BAR", "Qux"]),
            "foo%20bar/baz/qux"
        );
        assert_eq!(
            cats(&["Über", "a#b", "50%", "c++ & d"]),
            "%C3%BCber/a%23b/50%25/c++%20&%20d"
        );
        assert_eq!(cats(&[]), "");
        assert_eq!(categories_from_path("news/_posts/2013"), ["news"]);
        assert_eq!(
            categories_from_path("Big Dir/sub/_posts"),
            ["Big Dir", "sub"]
        );
        assert_eq!(categories_from_path("_posts/2013"), Vec::<String>::new());
        assert_eq!(categories_from_path("my_posts/_posts"), ["my"]);
    }

    #[test]
    fn jekyll_ids_are_the_links_folder_and_the_raw_slug() {
        assert_eq!(
            jekyll_id(
                "https://jekyllrb.com/news/2013/05/05/jekyll-1-0-0-released/",
                "jekyll-1-0-0-released"
            )
            .unwrap(),
            "https://jekyllrb.com/news/2013/05/05/jekyll-1-0-0-released"
        );
        assert_eq!(
            jekyll_id("https://x.org/2020/05/14/Rust-1.60.0.html", "Rust-1.60.0").unwrap(),
            "https://x.org/2020/05/14/Rust-1.60.0"
        );
        assert_eq!(
            jekyll_id("https://x.org/2020/NoOffset-Time.html", "NoOffset Time").unwrap(),
            "https://x.org/2020/NoOffset%20Time"
        );
    }
}
