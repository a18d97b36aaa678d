//! The podcast parts of an RSS channel: the iTunes tags Apple Podcasts reads (through the `rss`
//! crate's `itunes` extension, which writes only the fields that are set: every field here is
//! one the user gave) and the Podcasting 2.0 `podcast:` tags (`guid`, `locked`, `transcript`),
//! written as generic extensions under their namespace. Only a feed with `podcast = { ... }`
//! gets any of them; enclosures are every feed's (see the writers).

use std::collections::BTreeMap;

use rss::extension::itunes::{
    ITunesCategory, ITunesChannelExtension, ITunesItemExtension, ITunesOwner,
};
use rss::extension::Extension;

use crate::config::podcast::PODCAST_NAMESPACE;
use crate::config::{Format, Podcast};
use crate::feed::{Entry, Feed};

/// Extension elements as the `rss` crate holds them: by prefix, then by name.
pub type Extensions = BTreeMap<String, BTreeMap<String, Vec<Extension>>>;

/// The channel's `itunes:` tags.
pub fn channel_itunes(p: &Podcast) -> ITunesChannelExtension {
    let category = |text: &str| ITunesCategory {
        text: text.to_string(),
        subcategory: None,
    };
    ITunesChannelExtension {
        author: Some(p.author.clone()),
        categories: p
            .categories
            .iter()
            .map(|c| ITunesCategory {
                subcategory: c.sub.map(|s| Box::new(category(s))),
                ..category(c.name)
            })
            .collect(),
        image: Some(p.image.clone()),
        explicit: Some(p.explicit.to_string()),
        owner: Some(ITunesOwner {
            name: Some(p.owner_name.clone()),
            email: Some(p.owner_email.clone()),
        }),
        r#type: p.show_type.map(str::to_string),
        ..Default::default()
    }
}

/// The channel's `podcast:` tags: `guid` (of the feed's RSS URL, unless the config gives one)
/// and `locked` when given.
pub fn channel_extensions(feed: &Feed, p: &Podcast) -> Extensions {
    let mut tags = BTreeMap::new();
    let url = feed.feed_url(Format::Rss).unwrap_or(feed.home_page_url);
    tags.insert(
        "guid".to_string(),
        vec![element("guid", Some(p.guid_for(url)), [])],
    );
    if let Some(locked) = p.locked {
        let value = if locked { "yes" } else { "no" };
        tags.insert(
            "locked".to_string(),
            vec![element(
                "locked",
                Some(value.into()),
                [("owner", p.owner_email.as_str())],
            )],
        );
    }
    BTreeMap::from([("podcast".to_string(), tags)])
}

/// The namespace declaration of the `podcast:` tags.
pub fn namespace() -> (String, String) {
    ("podcast".to_string(), PODCAST_NAMESPACE.to_string())
}

/// An item's `itunes:` tags, when it gives any.
pub fn item_itunes(e: &Entry) -> Option<ITunesItemExtension> {
    let ep = e.episode?;
    let ext = ITunesItemExtension {
        duration: ep.duration.map(|d| d.to_string()),
        episode: ep.number.map(|n| n.to_string()),
        season: ep.season.map(|n| n.to_string()),
        episode_type: ep.episode_type.map(str::to_string),
        ..Default::default()
    };
    (ext != ITunesItemExtension::default()).then_some(ext)
}

/// An item's `podcast:transcript` tags.
pub fn item_extensions(e: &Entry) -> Extensions {
    let Some(ep) = e.episode.filter(|ep| !ep.transcripts.is_empty()) else {
        return BTreeMap::new();
    };
    let transcripts = ep
        .transcripts
        .iter()
        .filter_map(|t| {
            let mime = t.mime_type.as_deref()?;
            Some(element(
                "transcript",
                None,
                [("url", t.url.as_str()), ("type", mime)],
            ))
        })
        .collect();
    let tags = BTreeMap::from([("transcript".to_string(), transcripts)]);
    BTreeMap::from([("podcast".to_string(), tags)])
}

/// The elements the crate writes as a start and an end tag with only white space between
/// (its pretty-printer's), which are empty in their specs.
pub const EMPTY: &[&str] = &["itunes:category", "podcast:transcript"];

/// `doc` with every `names` element that holds only white space written empty
/// (`<itunes:category text="Technology"/>`). CDATA sections are copied untouched; elsewhere in
/// what the crate writes a `<` always starts markup and attribute values hold no raw `>`.
pub fn collapse_empty(doc: Vec<u8>, names: &[&str]) -> Vec<u8> {
    let find = |hay: &[u8], what: &[u8]| hay.windows(what.len()).position(|w| w == what);
    let mut out = Vec::with_capacity(doc.len());
    let mut i = 0;
    while let Some(p) = doc[i..].iter().position(|&c| c == b'<') {
        out.extend_from_slice(&doc[i..i + p]);
        i += p;
        let rest = &doc[i..];
        if rest.starts_with(b"<![CDATA[") {
            let end = find(rest, b"]]>").map_or(rest.len(), |e| e + 3);
            out.extend_from_slice(&rest[..end]);
            i += end;
            continue;
        }
        match names.iter().find_map(|n| empty_element(rest, n)) {
            Some((open, whole)) => {
                out.extend_from_slice(&rest[..open - 1]);
                out.extend_from_slice(b"/>");
                i += whole;
            }
            None => {
                out.push(b'<');
                i += 1;
            }
        }
    }
    out.extend_from_slice(&doc[i..]);
    out
}

/// When `rest` starts with a `name` element holding only white space: the length of its start
/// tag and of the whole element.
fn empty_element(rest: &[u8], name: &str) -> Option<(usize, usize)> {
    let after = rest.strip_prefix(b"<")?.strip_prefix(name.as_bytes())?;
    if !matches!(after.first(), Some(b' ' | b'>')) {
        return None;
    }
    let open = rest.iter().position(|&c| c == b'>')? + 1;
    if rest[open - 2] == b'/' {
        return None;
    }
    let blank = rest[open..]
        .iter()
        .take_while(|c| c.is_ascii_whitespace())
        .count();
    let close = format!("</{name}>");
    rest[open + blank..]
        .starts_with(close.as_bytes())
        .then_some((open, open + blank + close.len()))
}

/// A `podcast:NAME` element.
fn element<const N: usize>(
    name: &str,
    value: Option<String>,
    attrs: [(&str, &str); N],
) -> Extension {
    Extension {
        name: format!("podcast:{name}"),
        value,
        attrs: attrs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        children: BTreeMap::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::episode::{Episode, Media};
    use crate::config::Person;

    #[test]
    fn an_item_gets_only_the_itunes_and_podcast_tags_its_record_gives() {
        let person = Person {
            name: "A".into(),
            email: None,
            uri: None,
        };
        let date = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").unwrap();
        let episode = Episode {
            enclosure: Some(Media {
                url: "https://x.org/a.mp3".into(),
                length: Some(1),
                mime_type: Some("audio/mpeg".into()),
                local: None,
            }),
            ..Episode::default()
        };
        let with_season = Episode {
            season: Some(2),
            ..episode.clone()
        };
        let entry = |episode| Entry {
            id: "i",
            title: "t",
            link: "https://x.org/",
            published: date,
            updated: None,
            authors: vec![&person],
            summary: "",
            content_html: None,
            tags: &[],
            episode,
            body: None,
        };
        assert_eq!(
            item_itunes(&entry(Some(&episode))),
            None,
            "no empty itunes tags"
        );
        assert!(item_extensions(&entry(Some(&episode))).is_empty());
        let itunes = item_itunes(&entry(Some(&with_season))).unwrap();
        assert_eq!(
            itunes,
            ITunesItemExtension {
                season: Some("2".into()),
                ..Default::default()
            }
        );
    }

    #[test]
    fn empty_elements_are_collapsed_outside_cdata_only() {
        let doc = "<a><itunes:category text=\"S &amp; C\">\n  <itunes:category text=\"D\">\n  </itunes:category>\n</itunes:category>\
                   <d><![CDATA[<podcast:transcript url=\"x\">  </podcast:transcript>]]></d>\
                   <podcast:transcript type=\"t\" url=\"u\">\n </podcast:transcript><itunes:categoryx>\n</itunes:categoryx></a>";
        let out = String::from_utf8(collapse_empty(doc.as_bytes().to_vec(), EMPTY)).unwrap();
        assert_eq!(
            out,
            "<a><itunes:category text=\"S &amp; C\">\n  <itunes:category text=\"D\"/>\n</itunes:category>\
             <d><![CDATA[<podcast:transcript url=\"x\">  </podcast:transcript>]]></d>\
             <podcast:transcript type=\"t\" url=\"u\"/><itunes:categoryx>\n</itunes:categoryx></a>"
        );
    }
}
