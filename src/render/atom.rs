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

/// Writes `feed` as Atom 1.0 to `out`.
pub fn write(feed: &Feed, out: &mut dyn Write) -> io::Result<()> {
    super::write_batched(
        feed.entries.len(),
        super::BATCH,
        "entry",
        |range| render_part(feed, range),
        out,
    )?;
    out.write_all(b"\n")
}

/// The whole feed with only the entries in `range` (see [`super::write_batched`]).
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
        .map(|e| {
            Ok(Entry {
                title: Text::plain(e.title),
                id: e.id.to_string(),
                updated: checked(e.modified())?,
                published: Some(checked(e.published)?),
                authors: e.authors.iter().map(|p| person(p)).collect(),
                links: vec![link(e.link, "alternate", "text/html")],
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
        })
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
        links: [
            link(&self_url, "self", "application/atom+xml"),
            link(feed.home_page_url, "alternate", "text/html"),
        ]
        .into_iter()
        .chain(Rel::ALL.iter().filter_map(|&rel| {
            let href = feed.history.link(rel, Format::Atom)?;
            Some(link(href, rel.name(), "application/atom+xml"))
        }))
        .collect(),
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
    .map(|doc| super::empty_history_element(&feed.history, doc))
    .map_err(|e| io::Error::other(e.to_string()))
}
