//! Atom 1.0 (RFC 4287), written with `atom_syndication`.
//!
//! The crate validates nothing and would write a 1970 `updated` if asked to, so every required
//! element is filled from the model here: feed id (the feed's own Atom URL), title, updated (the
//! newest entry's date), author, self and alternate links. Titles and summaries are
//! `type="text"`, so text that merely looks like markup stays text; content is `type="html"`.

use std::io::{self, Write};

use atom_syndication::{
    Category, Content, Entry, Feed as AtomFeed, Generator, Link, Person, Text, WriteConfig,
};

use crate::archive::Rel;
use crate::config::{self, Format};
use crate::feed::{Feed, GENERATOR, VERSION};

fn person(p: &config::Person) -> Person {
    Person {
        name: p.name.clone(),
        email: p.email.clone(),
        uri: p.uri.clone(),
        ..Default::default()
    }
}

fn link(href: &str, rel: &str, mime: &str) -> Link {
    Link {
        href: href.to_string(),
        rel: rel.to_string(),
        mime_type: Some(mime.to_string()),
        ..Default::default()
    }
}

/// Writes `feed` as Atom 1.0 to `out`, in one document (see [`super::write`], which writes a
/// long feed in parts).
pub(super) fn write(feed: &Feed, out: &mut dyn Write) -> io::Result<()> {
    out.write_all(&render_part(feed, 0..feed.entries.len())?)?;
    out.write_all(b"\n")
}

/// One entry.
fn entry(e: &crate::feed::Entry) -> io::Result<Entry> {
    let checked = super::checked_date;
    Ok(Entry {
        title: Text::plain(e.title),
        id: e.id.to_string(),
        updated: checked(e.modified())?,
        published: Some(checked(e.published)?),
        authors: e.authors.iter().map(|p| person(p)).collect(),
        links: std::iter::once(link(e.link, "alternate", "text/html"))
            .chain(enclosure(e))
            .collect(),
        categories: e
            .tags
            .iter()
            .map(|t| Category {
                term: t.clone(),
                ..Default::default()
            })
            .collect(),
        summary: Some(Text::plain(e.summary)),
        content: e.content_html.as_ref().map(|html| Content {
            value: Some(html.to_string()),
            content_type: Some("html".into()),
            ..Default::default()
        }),
        ..Default::default()
    })
}

/// The entry's `rel="enclosure"` link, if its article has an enclosure.
fn enclosure(e: &crate::feed::Entry) -> Option<Link> {
    let m = e.episode?.enclosure.as_ref()?;
    Some(Link {
        length: Some(m.length?.to_string()),
        ..link(&m.url, "enclosure", m.mime_type.as_deref()?)
    })
}

/// The feed's links: `self` at `self_url`, the home page, its WebSub hubs, then its RFC 5005
/// history.
fn feed_links(feed: &Feed, self_url: &str) -> Vec<Link> {
    [
        link(self_url, "self", "application/atom+xml"),
        link(feed.home_page_url, "alternate", "text/html"),
    ]
    .into_iter()
    .chain(feed.hubs.iter().map(|hub| Link {
        href: hub.to_string(),
        rel: "hub".into(),
        ..Default::default()
    }))
    .chain(Rel::ALL.iter().filter_map(|&rel| {
        let href = feed.history.link(rel, Format::Atom)?;
        Some(link(href, rel.name(), "application/atom+xml"))
    }))
    .collect()
}

/// The whole feed with only the entries in `range`.
pub(super) fn render_part(feed: &Feed, range: std::ops::Range<usize>) -> io::Result<Vec<u8>> {
    let hint = feed.size_hint_for(range.clone());
    let self_url = feed
        .self_url(Format::Atom)
        .unwrap_or(feed.home_page_url)
        .to_string();
    // Every document of an archived feed is one feed: its id is the subscription document's.
    let id = feed
        .feed_url(Format::Atom)
        .unwrap_or(feed.home_page_url)
        .to_string();
    let checked = super::checked_date;
    let entries = feed.entries[range]
        .iter()
        .map(entry)
        .collect::<io::Result<_>>()?;
    let updated = feed
        .updated
        .ok_or_else(|| io::Error::other("the feed has no date: the pipeline dates every feed"))?;
    let atom = AtomFeed {
        title: Text::plain(feed.title),
        id,
        updated: checked(updated)?,
        authors: vec![person(feed.author)],
        generator: Some(Generator {
            value: GENERATOR.into(),
            version: Some(VERSION.into()),
            uri: None,
        }),
        links: feed_links(feed, &self_url),
        extensions: super::history_extensions(&feed.history, |name| {
            atom_syndication::extension::Extension {
                name,
                ..Default::default()
            }
        }),
        namespaces: super::history_namespace(&feed.history),
        rights: feed.copyright.map(Text::plain),
        subtitle: Some(Text::plain(feed.description)),
        lang: feed.language.map(str::to_string),
        entries,
        ..Default::default()
    };
    atom.write_with_config(
        Vec::with_capacity(hint),
        WriteConfig {
            write_document_declaration: true,
            indent_size: Some(2),
        },
    )
    .map(|doc| {
        before_entries(
            &feed.history,
            super::empty_history_element(&feed.history, doc),
        )
    })
    .map(|doc| crate::preview::insert(feed.stylesheet, doc))
    .map_err(|e| io::Error::other(e.to_string()))
}

/// `doc` with its RFC 5005 element moved before the first entry: RFC 4287's schema allows a
/// feed's extension elements only among its metadata, before `atom:entry`, and the crate writes
/// them after the entries. Exact: entries' text never holds a raw `<`.
fn before_entries(history: &crate::archive::History, mut doc: Vec<u8>) -> Vec<u8> {
    let Some(name) = super::history_element(history) else {
        return doc;
    };
    let element = format!("<{name}/>");
    let find = |doc: &[u8], what: &[u8]| doc.windows(what.len()).position(|w| w == what);
    let (Some(at), Some(entry)) = (find(&doc, element.as_bytes()), find(&doc, b"<entry>")) else {
        return doc;
    };
    if at < entry {
        return doc;
    }
    // The element's whole line (indentation and line end), put at the start of the entry's.
    let line_start = doc[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let line_end = find(&doc[at..], b"\n").map_or(doc.len(), |i| at + i + 1);
    let line: Vec<u8> = doc.drain(line_start..line_end).collect();
    let entry_line = doc[..entry]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    doc.splice(entry_line..entry_line, line);
    doc
}
