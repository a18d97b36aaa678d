//! A generator's front-matter keys read into feedwright's fields, under `[site] preset`.
//!
//! Each generator names the same things differently and reads them in its own order; this file
//! holds those orders, one function per field, each citing the generator's code: which key
//! gives the publication date (Hugo: `publishDate` before `date`), the update date
//! (`lastmod`, `last_modified_at`, `updated`), the summary (jekyll-feed: `description`, else
//! `excerpt`), the tags (`categories`, `category`, Zola's `taxonomies`) and the link
//! (Zola `path`, Hugo `url`, Jekyll `permalink`, all verbatim below the site's url). It also
//! says where a record sits ([`Source`]): the folders `{section}` and `{path}` fill, the name
//! its slug is made from (a page bundle's folder for `dir/index.md`) and the date its file name
//! starts with. `validate` asks these functions and does the checking.

use std::path::Path;

use chrono::NaiveDate;

use super::date;
use super::front_matter::{RawAuthor, RawDate, RawGenerator, RawPublished, RawTags};
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
}

impl Source {
    /// The source of the record `path` (as shown) of `site`. A page bundle (`dir/index.md`)
    /// is named after its folder ([`super::files::slug_stem`]), which is then not one of its
    /// folders.
    pub fn of(path: &Path, site: &Site) -> Source {
        let shown_dir = crate::diagnostics::display_path(&site.articles_dir);
        let rel = path
            .strip_prefix(&shown_dir)
            .or_else(|_| path.strip_prefix(&site.articles_dir))
            .unwrap_or(path);
        let mut parts: Vec<String> = rel
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        parts.pop();
        let stem = super::files::slug_stem(path, site);
        let file_stem = path.file_stem().map(|s| s.to_string_lossy().into_owned());
        if file_stem.as_deref() != Some(stem.as_str()) {
            parts.pop();
        }
        let (date, name) = date::split_file_name(&stem);
        // Eleventy keeps the date in the name (`TemplatePermalink.generate` uses the file
        // name, not `page.fileSlug`). Hugo reads a dated name as its `[frontmatter]` `:filename`
        // setting does (`dateAndSlugFromBaseFilename`): date and slug, as feedwright does.
        let name = match site.vocabulary.preset {
            Some(Preset::Eleventy) => stem.clone(),
            Some(Preset::Jekyll) => name.trim_end_matches('.').to_string(),
            _ => name.to_string(),
        };
        Source {
            folders: parts.join("/"),
            name,
            date,
        }
    }
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

    /// The publication date and its key: Hugo's `.PublishDate` is `publishDate` (`pubdate`,
    /// `published`) before `date` (hugo `resources/page/pagemeta/page_frontmatter.go`);
    /// elsewhere `date`.
    pub fn published(&self, date: Option<&'a RawDate>) -> Option<(&'static str, &'a RawDate)> {
        if let (Some(Preset::Hugo), Some(g)) = (self.preset, self.g) {
            let published = g.published.as_ref().and_then(|p| match p.get() {
                Some(RawPublished::Date(d)) => Some(d),
                _ => None,
            });
            let hugo = [
                ("publishDate", g.publish_date.as_ref().and_then(|l| l.get())),
                ("pubdate", g.pubdate.as_ref().and_then(|l| l.get())),
                ("published", published),
            ];
            if let Some((k, d)) = hugo.into_iter().find_map(|(k, d)| Some((k, d?))) {
                return Some((k, d));
            }
        }
        date.map(|d| ("date", d))
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

    /// The tags: `tags`, then Hugo's and Jekyll's `categories` (a Jekyll string is split at
    /// white space, `Document#merge_categories!`), Jekyll's `category` and `tag`, and every
    /// Zola taxonomy's terms.
    pub fn tags(&self, tags: Option<RawTags>) -> Option<RawTags> {
        let Some(g) = self.g else { return tags };
        let mut all: Vec<String> = match tags {
            Some(RawTags::Many(v)) => v,
            Some(RawTags::One(t)) => vec![t],
            None => vec![],
        };
        match g.categories.as_ref().and_then(|c| c.get()) {
            Some(RawTags::Many(v)) => all.extend(v.iter().cloned()),
            Some(RawTags::One(s)) if self.preset == Some(Preset::Jekyll) => {
                all.extend(s.split_whitespace().map(String::from))
            }
            Some(RawTags::One(s)) => all.push(s.clone()),
            None => {}
        }
        for one in [&g.category, &g.tag] {
            all.extend(one.as_ref().and_then(|c| c.get()).cloned());
        }
        if let Some(tax) = g.taxonomies.as_ref().and_then(|t| t.get()) {
            all.extend(tax.values().flatten().cloned());
        }
        Some(RawTags::Many(all))
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
    /// Hugo `url` (a last segment without a dot is a folder), Jekyll `permalink`; all verbatim.
    pub fn link(&self) -> Option<(&'static str, String)> {
        let g = self.g?;
        let (key, raw) = match self.preset? {
            Preset::Zola => ("path", &g.path),
            Preset::Hugo => ("url", &g.url),
            Preset::Jekyll => ("permalink", &g.permalink),
            Preset::Eleventy => return None,
        };
        let raw = raw.as_ref()?.get()?.trim();
        let raw = crate::text::strip_forbidden(raw);
        let mut path = format!("/{}", raw.trim_start_matches('/'));
        let last = path.rsplit('/').next().unwrap_or("");
        let folder = match self.preset? {
            Preset::Zola => true,
            Preset::Hugo => !last.contains('.'),
            _ => false,
        };
        if folder && !path.ends_with('/') {
            path.push('/');
        }
        Some((key, path))
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
