//! The entries of a feed file as published: by feedwright or by any other tool, in RSS 2.0,
//! Atom 1.0 or JSON Feed (1.0 or 1.1).
//!
//! Only what identifies an entry is kept: its id (RSS `guid`, else its `link`, which is what
//! readers fall back on; Atom `id`; JSON Feed `id`), link, title and publication date. The
//! guards read the feeds already in the output folder with it, and `feedwright lock --from`
//! reads another tool's feed. Pure: it takes the file's bytes.

use chrono::{DateTime, FixedOffset};

use super::current::Probe;
use crate::text::fold;

/// One entry of a published feed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Entry {
    /// The id readers know it by, if it has one.
    pub id: Option<String>,
    /// Its link.
    pub link: Option<String>,
    /// Its title (plain text, white space folded).
    pub title: Option<String>,
    /// Its publication date (Atom: `published`, else `updated`).
    pub published: Option<DateTime<FixedOffset>>,
}

impl Entry {
    /// What an index needs to look its article up.
    pub fn probe(&self) -> Probe<'_> {
        Probe {
            id: self.id.as_deref(),
            link: self.link.as_deref(),
            title: self.title.as_deref(),
            published: self.published,
        }
    }

    /// The entry as a message names it: its id, else its title.
    pub fn name(&self) -> String {
        match (&self.id, &self.title) {
            (Some(id), _) => id.clone(),
            (None, Some(t)) => format!("{t:?}"),
            (None, None) => "(an entry with no id, link or title)".into(),
        }
    }
}

/// The entries of the feed document `bytes`, in document order; an error says why it is not
/// an RSS, Atom or JSON Feed document.
pub fn parse(bytes: &[u8]) -> Result<Vec<Entry>, String> {
    let start = bytes.iter().position(|b| !b.is_ascii_whitespace());
    if start.is_some_and(|i| bytes[i] == b'{') {
        return json(bytes);
    }
    match rss::Channel::read_from(bytes) {
        Ok(channel) => Ok(channel.items().iter().map(rss_entry).collect()),
        Err(rss_error) => match atom_syndication::Feed::read_from(bytes) {
            Ok(feed) => Ok(feed.entries().iter().map(atom_entry).collect()),
            Err(atom_error) => Err(format!(
                "not an RSS, Atom or JSON Feed document (as RSS: {rss_error}; as Atom: {atom_error})"
            )),
        },
    }
}

/// Some text, folded, unless empty.
fn text(s: &str) -> Option<String> {
    Some(fold(s)).filter(|t| !t.is_empty())
}

fn rss_entry(item: &rss::Item) -> Entry {
    let link = item.link().and_then(text);
    Entry {
        id: item.guid().and_then(|g| text(g.value())).or(link.clone()),
        link,
        title: item.title().and_then(text),
        published: item
            .pub_date()
            .and_then(|d| DateTime::parse_from_rfc2822(d.trim()).ok()),
    }
}

fn atom_entry(entry: &atom_syndication::Entry) -> Entry {
    let link = entry
        .links()
        .iter()
        .find(|l| l.rel() == "alternate")
        .or(entry.links().first())
        .and_then(|l| text(l.href()));
    Entry {
        id: text(entry.id()),
        link,
        title: text(&entry.title().value),
        published: Some(*entry.published().unwrap_or(entry.updated())),
    }
}

/// A JSON Feed: `items[]` with `id` (a string, or a number as some feeds write it), `url`,
/// `title`, `date_published`.
fn json(bytes: &[u8]) -> Result<Vec<Entry>, String> {
    #[derive(serde::Deserialize)]
    struct Doc {
        #[serde(default)]
        items: Vec<Item>,
    }
    #[derive(serde::Deserialize)]
    struct Item {
        id: Option<serde_json::Value>,
        url: Option<String>,
        title: Option<String>,
        date_published: Option<String>,
    }
    let doc: Doc = serde_json::from_slice(bytes).map_err(|e| format!("not a JSON Feed: {e}"))?;
    Ok(doc
        .items
        .into_iter()
        .map(|i| Entry {
            id: match i.id {
                Some(serde_json::Value::String(s)) => text(&s),
                Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                _ => None,
            },
            link: i.url.as_deref().and_then(text),
            title: i.title.as_deref().and_then(text),
            published: i
                .date_published
                .and_then(|d| DateTime::parse_from_rfc3339(d.trim()).ok()),
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(s: &str) -> Option<DateTime<FixedOffset>> {
        Some(DateTime::parse_from_rfc3339(s).unwrap())
    }

    #[test]
    fn rss_items_are_known_by_guid_else_link() {
        let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><link>https://x.org/</link><description>D</description>
<item><title>One &amp; two</title><link>https://x.org/1/</link><guid isPermaLink="false">urn:one</guid><pubDate>Tue, 10 Mar 2026 12:00:00 +0200</pubDate></item>
<item><title>Two</title><link>https://x.org/2/</link></item>
</channel></rss>"#;
        let entries = parse(rss.as_bytes()).unwrap();
        assert_eq!(
            entries,
            [
                Entry {
                    id: Some("urn:one".into()),
                    link: Some("https://x.org/1/".into()),
                    title: Some("One & two".into()),
                    published: date("2026-03-10T12:00:00+02:00"),
                },
                Entry {
                    id: Some("https://x.org/2/".into()),
                    link: Some("https://x.org/2/".into()),
                    title: Some("Two".into()),
                    published: None,
                },
            ]
        );
    }

    #[test]
    fn atom_entries_take_the_alternate_link_and_published_else_updated() {
        let atom = r#"<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><id>urn:f</id><title>F</title><updated>2026-01-02T00:00:00Z</updated>
<entry><id>urn:a</id><title>A</title><updated>2026-01-02T00:00:00Z</updated><link rel="self" href="https://x.org/a.xml"/><link href="https://x.org/a/"/></entry>
</feed>"#;
        let entries = parse(atom.as_bytes()).unwrap();
        assert_eq!(entries[0].id.as_deref(), Some("urn:a"));
        assert_eq!(entries[0].link.as_deref(), Some("https://x.org/a/"));
        assert_eq!(entries[0].published, date("2026-01-02T00:00:00Z"));
    }

    #[test]
    fn json_feed_items_and_what_is_not_a_feed() {
        let json = br#" {"version":"https://jsonfeed.org/version/1","items":[{"id":42,"url":"https://x.org/42/","title":" Forty  two ","date_published":"2026-01-01T00:00:00Z"}]}"#;
        let entries = parse(json).unwrap();
        assert_eq!(entries[0].id.as_deref(), Some("42"));
        assert_eq!(entries[0].title.as_deref(), Some("Forty two"));
        assert!(parse(b"<html><body>hi</body></html>")
            .unwrap_err()
            .starts_with("not an RSS, Atom or JSON Feed document"));
        assert!(parse(b"{\"items\": 3}")
            .unwrap_err()
            .starts_with("not a JSON Feed"));
    }
}
