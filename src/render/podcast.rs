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
