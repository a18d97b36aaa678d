//! JSON Feed 1.1 (jsonfeed.org/version/1.1), from our own serde structs.
//!
//! Field order is fixed by the structs, absent values are omitted rather than written as null,
//! and dates are RFC 3339. An item carries `content_html` in full feeds and `content_text` (the
//! summary) in summary-only feeds, since the spec requires one of the two.

use std::io::{self, Write};

use serde::Serialize;

use crate::archive::Rel;
use crate::config::{Format, Person};
use crate::feed::Feed;

#[derive(Serialize)]
struct JsonFeed<'a> {
    version: &'static str,
    title: &'a str,
    home_page_url: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    feed_url: Option<&'a str>,
    description: &'a str,
    /// The next (older) page of an archived feed.
    #[serde(skip_serializing_if = "Option::is_none")]
    next_url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    language: Option<&'a str>,
    authors: Vec<JsonAuthor<'a>>,
    /// WebSub hubs (JSON Feed 1.1 `hubs`: `type` and `url`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    hubs: Vec<JsonHub<'a>>,
    items: Vec<JsonItem<'a>>,
}

#[derive(Serialize)]
struct JsonHub<'a> {
    r#type: &'static str,
    url: &'a str,
}

#[derive(Serialize)]
struct JsonAuthor<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    url: &'a str,
    title: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_html: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    content_text: Option<&'a str>,
    summary: &'a str,
    date_published: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    authors: Vec<JsonAuthor<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [String],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    attachments: Vec<JsonAttachment<'a>>,
}

/// An item's enclosure.
#[derive(Serialize)]
struct JsonAttachment<'a> {
    url: &'a str,
    mime_type: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    size_in_bytes: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration_in_seconds: Option<u64>,
}

/// The attachments of entry `e`: its enclosure, if any.
fn attachments<'a>(e: &crate::feed::Entry<'a>) -> Vec<JsonAttachment<'a>> {
    let Some(ep) = e.episode else {
        return vec![];
    };
    ep.enclosure
        .iter()
        .filter_map(|m| {
            Some(JsonAttachment {
                url: &m.url,
                mime_type: m.mime_type.as_deref()?,
                size_in_bytes: m.length,
                duration_in_seconds: ep.duration,
            })
        })
        .collect()
}

fn author(p: &Person) -> JsonAuthor<'_> {
    JsonAuthor {
        name: &p.name,
        url: p.uri.as_deref(),
    }
}

/// Writes `feed` as JSON Feed 1.1 to `out`.
pub fn write(feed: &Feed, out: &mut dyn Write) -> io::Result<()> {
    let date =
        |d| super::checked_date(d).map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true));
    let doc = JsonFeed {
        version: "https://jsonfeed.org/version/1.1",
        title: feed.title,
        home_page_url: feed.home_page_url,
        feed_url: feed.feed_url(Format::Json),
        description: feed.description,
        next_url: feed.history.link(Rel::Prev, Format::Json),
        language: feed.language,
        authors: vec![author(feed.author)],
        hubs: feed
            .hubs
            .iter()
            .map(|hub| JsonHub {
                r#type: "WebSub",
                url: hub.as_str(),
            })
            .collect(),
        items: feed
            .entries
            .iter()
            .map(|e| {
                Ok(JsonItem {
                    id: e.id,
                    url: e.link,
                    title: e.title,
                    content_html: e.content_html,
                    content_text: match e.content_html {
                        Some(_) => None,
                        None => Some(e.summary),
                    },
                    summary: e.summary,
                    date_published: date(e.published)?,
                    date_modified: e.updated.map(date).transpose()?,
                    authors: e.authors.iter().map(|p| author(p)).collect(),
                    tags: e.tags,
                    attachments: attachments(e),
                })
            })
            .collect::<io::Result<_>>()?,
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    out.write_all(b"\n")
}
