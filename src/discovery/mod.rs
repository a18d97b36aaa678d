//! How people and programs find a site's feeds: the `<link rel="alternate">` tags a site puts in
//! its pages' `<head>` (autodiscovery: `feedwright links`) and the OPML subscription list
//! (`feedwright opml`, `[site] opml`, in [`opml`]).
//!
//! Both are written over [`feeds`], the one list of the concrete feeds a site publishes, each
//! with its files and their public URLs, and over [`labels`], which gives each feed and each
//! file a title no other one has (a reader's "subscribe" menu lists them side by side).
//! Everything here is pure: the site in, text out.

pub mod opml;

use std::collections::BTreeMap;

use url::Url;

use crate::config::{Format, Site};
use crate::text::escape_html;

/// One feed a site publishes, as a subscriber sees it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Subscription<'a> {
    /// Its `[[feeds]]` name (unique).
    pub name: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its description.
    pub description: &'a str,
    /// Each file it is published as (config order of formats), with the URL it is served at:
    /// the feed's self link in that format.
    pub files: Vec<(Format, Url)>,
}

impl Subscription<'_> {
    /// The file to subscribe to when one must be chosen (an OPML outline): RSS 2.0, which every
    /// reader reads, else Atom, else JSON Feed.
    pub fn preferred(&self) -> &(Format, Url) {
        [Format::Rss, Format::Atom, Format::Json]
            .iter()
            .find_map(|&want| self.files.iter().find(|(f, _)| *f == want))
            .unwrap_or(&self.files[0])
    }
}

/// Every concrete feed the site writes, in config order: one per `[[feeds]]` entry, or per
/// feed a `per` entry makes once `site` is expanded ([`crate::feeds::expand`], which `build`
/// does before its plan, and `opml` and `links` through `cmd::concrete_site`). The one place
/// that says which feeds exist for subscribers, so `links`, `opml` and the OPML a build writes
/// never disagree. Archive pages are not feeds one subscribes to and are left out.
pub fn feeds(site: &Site) -> Vec<Subscription<'_>> {
    site.feeds
        .iter()
        .filter(|spec| !spec.outputs.is_empty())
        .map(|spec| Subscription {
            name: &spec.name,
            title: &spec.title,
            description: &spec.description,
            files: spec
                .outputs
                .iter()
                .map(|(format, file)| (*format, site.output_url(file)))
                .collect(),
        })
        .collect()
}

/// A format as people name it.
pub fn format_name(format: Format) -> &'static str {
    match format {
        Format::Rss => "RSS",
        Format::Atom => "Atom",
        Format::Json => "JSON Feed",
    }
}

/// The media type of a format's files, as autodiscovery links write it.
pub fn media_type(format: Format) -> &'static str {
    match format {
        Format::Rss => "application/rss+xml",
        Format::Atom => "application/atom+xml",
        Format::Json => "application/feed+json",
    }
}

/// Titles for `feeds`, no two alike: per feed, its title, followed by its name when another
/// feed has the same title (`Harbour Log – cargo`); per file, that title followed by its
/// format when the feed has several files (`Harbour Log (Atom)`). Should two still be alike (a
/// feed titled like another's title and name), the URL is added to both.
pub fn labels(feeds: &[Subscription<'_>]) -> Vec<(String, Vec<String>)> {
    let mut titles: BTreeMap<&str, usize> = BTreeMap::new();
    for f in feeds {
        *titles.entry(f.title).or_default() += 1;
    }
    let mut by_feed: Vec<String> = feeds
        .iter()
        .map(|f| match titles[f.title] {
            1 => f.title.to_string(),
            _ => format!("{} – {}", f.title, f.name),
        })
        .collect();
    let mut by_file: Vec<String> = feeds
        .iter()
        .zip(&by_feed)
        .flat_map(|(f, feed)| {
            f.files.iter().map(move |(format, _)| match f.files.len() {
                1 => feed.clone(),
                _ => format!("{feed} ({})", format_name(*format)),
            })
        })
        .collect();
    distinct(&mut by_feed, feeds.iter().map(|f| &f.preferred().1));
    distinct(
        &mut by_file,
        feeds.iter().flat_map(|f| f.files.iter().map(|(_, u)| u)),
    );
    let mut by_file = by_file.into_iter();
    by_feed
        .into_iter()
        .zip(feeds)
        .map(|(feed, f)| (feed, by_file.by_ref().take(f.files.len()).collect()))
        .collect()
}

/// Adds its URL to each of `labels` that another one equals.
fn distinct<'u>(labels: &mut [String], urls: impl Iterator<Item = &'u Url>) {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    for label in labels.iter() {
        *seen.entry(label.clone()).or_default() += 1;
    }
    for (label, url) in labels.iter_mut().zip(urls) {
        if seen[label.as_str()] > 1 {
            *label = format!("{label} <{url}>");
        }
    }
}

/// The title of the OPML list in `links` and in the list's head.
pub fn opml_title(site: &Site) -> String {
    format!("{}: all feeds", site.title)
}

/// The `<link>` tags to paste into the `<head>` of the site's pages: one `rel="alternate"` per
/// feed file (its self URL, its media type, a distinct title), then `rel="outline"` for the
/// OPML list when the site writes one. One tag a line.
pub fn links(site: &Site) -> String {
    let feeds = feeds(site);
    let mut out = String::new();
    for (f, (_, titles)) in feeds.iter().zip(labels(&feeds)) {
        for ((format, url), title) in f.files.iter().zip(titles) {
            out.push_str(&link("alternate", media_type(*format), &title, url));
        }
    }
    if let Some(file) = &site.opml {
        let url = site.output_url(file);
        out.push_str(&link("outline", opml::MEDIA_TYPE, &opml_title(site), &url));
    }
    out
}

/// One `<link>` tag and its newline.
fn link(rel: &str, media_type: &str, title: &str, href: &Url) -> String {
    format!(
        "<link rel=\"{rel}\" type=\"{media_type}\" title=\"{}\" href=\"{}\">\n",
        escape_html(title),
        escape_html(href.as_str())
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub<'a>(name: &'a str, title: &'a str, formats: &[Format]) -> Subscription<'a> {
        let base = Url::parse("https://x.org/").unwrap();
        Subscription {
            name,
            title,
            description: "D",
            files: formats
                .iter()
                .map(|f| (*f, base.join(&format!("{name}.{}", f.key())).unwrap()))
                .collect(),
        }
    }

    #[test]
    fn every_file_gets_a_title_no_other_has() {
        let all = [Format::Rss, Format::Atom, Format::Json];
        let feeds = [
            sub("main", "Log", &all),
            sub("cargo", "Log", &[Format::Atom]),
            sub("ships", "Ships", &[Format::Rss]),
            sub("b", "Log – cargo", &[Format::Atom]),
        ];
        let labels = labels(&feeds);
        let files: Vec<&str> = labels
            .iter()
            .flat_map(|(_, f)| f.iter().map(String::as_str))
            .collect();
        assert_eq!(
            files,
            [
                "Log – main (RSS)",
                "Log – main (Atom)",
                "Log – main (JSON Feed)",
                "Log – cargo <https://x.org/cargo.atom>",
                "Ships",
                "Log – cargo <https://x.org/b.atom>",
            ]
        );
        let by_feed: Vec<&str> = labels.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            by_feed,
            [
                "Log – main",
                "Log – cargo <https://x.org/cargo.atom>",
                "Ships",
                "Log – cargo <https://x.org/b.atom>",
            ]
        );
    }

    #[test]
    fn the_preferred_file_is_rss_then_atom_then_json() {
        let f = sub("a", "A", &[Format::Json, Format::Atom]);
        assert_eq!(f.preferred().0, Format::Atom);
        let f = sub("a", "A", &[Format::Atom, Format::Rss]);
        assert_eq!(f.preferred().0, Format::Rss);
        let f = sub("a", "A", &[Format::Json]);
        assert_eq!(f.preferred().0, Format::Json);
    }
}
