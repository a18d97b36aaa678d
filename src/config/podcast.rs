//! `podcast = { ... }` of a `[[feeds]]` table: the show-level facts a podcast directory needs,
//! checked once so that a feed missing one never reaches Apple Podcasts.
//!
//! Apple Podcasts refuses a show whose RSS lacks `itunes:image`, `itunes:category` (one of its
//! own list, [`CATEGORIES`]), `itunes:explicit`, and asks for `itunes:author` and
//! `itunes:owner`; so every one of them is required here and a missing one is an error naming
//! the tag and the `feeds.toml` line of the table. The Podcasting 2.0 `podcast:guid` is the
//! namespace's UUIDv5 of the feed's URL ([`guid`]) unless the table gives one (a show that
//! moves keeps its guid), and `podcast:locked` is written only when `locked` is given. The
//! channel also needs `<language>`, so a podcast feed in a site without `[site] language` is an
//! error too ([`need_language`]). iTunes tags are RSS only: a podcast feed must write `rss`.

use schemars::JsonSchema;
use serde::Deserialize;
use toml::Spanned;
use uuid::Uuid;

use super::raw::clean;
use super::Format;
use crate::address;
use crate::diagnostics::{did_you_mean, Problems};

/// `podcast = { ... }` as written.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPodcast {
    /// `itunes:image`: the show's cover art, an absolute http(s) URL (Apple: a 1400 to 3000
    /// pixel square JPEG or PNG).
    #[schemars(with = "Option<String>")]
    pub image: Option<Spanned<String>>,
    /// `itunes:category`: Apple Podcasts categories, `"Technology"` or with a subcategory
    /// `"Society & Culture > Documentary"`; Apple reads the first.
    #[schemars(with = "Option<Vec<String>>")]
    pub categories: Option<Vec<Spanned<String>>>,
    /// `itunes:explicit`: whether the show holds explicit content.
    pub explicit: Option<bool>,
    /// `itunes:author`: the show's author as directories show it.
    pub author: Option<String>,
    /// `itunes:owner`: who directories contact about the show (name and e-mail).
    pub owner: Option<RawOwner>,
    /// `podcast:locked`: `true` asks other platforms not to import the show without the
    /// owner's consent (written with the owner's e-mail).
    pub locked: Option<bool>,
    /// `podcast:guid`: the show's UUID; default the UUIDv5 of the feed's URL, as the
    /// Podcasting 2.0 namespace defines it. Set it when the feed moves, to keep the old one.
    #[schemars(with = "Option<String>")]
    pub guid: Option<Spanned<String>>,
    /// `itunes:type`: `episodic` (newest first) or `serial` (in order).
    #[serde(rename = "type")]
    #[schemars(extend("enum" = ["episodic", "serial"]))]
    #[schemars(with = "Option<String>")]
    pub show_type: Option<Spanned<String>>,
}

/// `owner = { name, email }` of a podcast.
#[derive(Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawOwner {
    /// `itunes:name`.
    pub name: Option<String>,
    /// `itunes:email`.
    pub email: Option<String>,
}

/// A podcast feed's show-level facts, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Podcast {
    /// `itunes:image` href (absolute).
    pub image: String,
    /// `itunes:category`, each from Apple's list, in the order written.
    pub categories: Vec<Category>,
    /// `itunes:explicit`.
    pub explicit: bool,
    /// `itunes:author`.
    pub author: String,
    /// `itunes:owner` name.
    pub owner_name: String,
    /// `itunes:owner` e-mail (also `podcast:locked`'s `owner`).
    pub owner_email: String,
    /// `podcast:locked`, when given.
    pub locked: Option<bool>,
    /// `podcast:guid` as given (lower-case, hyphenated); `None`: derived from the feed URL.
    pub guid: Option<String>,
    /// `itunes:type`, when given: `episodic` or `serial`.
    pub show_type: Option<&'static str>,
}

impl Podcast {
    /// The `podcast:guid` of the show served at `feed_url`.
    pub fn guid_for(&self, feed_url: &str) -> String {
        self.guid.clone().unwrap_or_else(|| guid(feed_url))
    }
}

/// An Apple Podcasts category, and a subcategory of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Category {
    /// The category, as Apple spells it.
    pub name: &'static str,
    /// The subcategory, if any.
    pub sub: Option<&'static str>,
}

/// Apple Podcasts' categories and their subcategories, exactly as Apple spells them (case and
/// `&` matter), from "Apple Podcasts categories", https://podcasters.apple.com/support/1691-apple-podcasts-categories
/// (the 2019 list, current as of 2026). Apple drops a show whose category is not one of these.
pub const CATEGORIES: &[(&str, &[&str])] = &[
    (
        "Arts",
        &[
            "Books",
            "Design",
            "Fashion & Beauty",
            "Food",
            "Performing Arts",
            "Visual Arts",
        ],
    ),
    (
        "Business",
        &[
            "Careers",
            "Entrepreneurship",
            "Investing",
            "Management",
            "Marketing",
            "Non-Profit",
        ],
    ),
    ("Comedy", &["Comedy Interviews", "Improv", "Stand-Up"]),
    (
        "Education",
        &["Courses", "How To", "Language Learning", "Self-Improvement"],
    ),
    ("Fiction", &["Comedy Fiction", "Drama", "Science Fiction"]),
    ("Government", &[]),
    ("History", &[]),
    (
        "Health & Fitness",
        &[
            "Alternative Health",
            "Fitness",
            "Medicine",
            "Mental Health",
            "Nutrition",
            "Sexuality",
        ],
    ),
    (
        "Kids & Family",
        &[
            "Education for Kids",
            "Parenting",
            "Pets & Animals",
            "Stories for Kids",
        ],
    ),
    (
        "Leisure",
        &[
            "Animation & Manga",
            "Automotive",
            "Aviation",
            "Crafts",
            "Games",
            "Hobbies",
            "Home & Garden",
            "Video Games",
        ],
    ),
    (
        "Music",
        &["Music Commentary", "Music History", "Music Interviews"],
    ),
    (
        "News",
        &[
            "Business News",
            "Daily News",
            "Entertainment News",
            "News Commentary",
            "Politics",
            "Sports News",
            "Tech News",
        ],
    ),
    (
        "Religion & Spirituality",
        &[
            "Buddhism",
            "Christianity",
            "Hinduism",
            "Islam",
            "Judaism",
            "Religion",
            "Spirituality",
        ],
    ),
    (
        "Science",
        &[
            "Astronomy",
            "Chemistry",
            "Earth Sciences",
            "Life Sciences",
            "Mathematics",
            "Natural Sciences",
            "Nature",
            "Physics",
            "Social Sciences",
        ],
    ),
    (
        "Society & Culture",
        &[
            "Documentary",
            "Personal Journals",
            "Philosophy",
            "Places & Travel",
            "Relationships",
        ],
    ),
    (
        "Sports",
        &[
            "Baseball",
            "Basketball",
            "Cricket",
            "Fantasy Sports",
            "Football",
            "Golf",
            "Hockey",
            "Rugby",
            "Running",
            "Soccer",
            "Swimming",
            "Tennis",
            "Volleyball",
            "Wilderness",
            "Wrestling",
        ],
    ),
    ("Technology", &[]),
    ("True Crime", &[]),
    (
        "TV & Film",
        &[
            "After Shows",
            "Film History",
            "Film Interviews",
            "Film Reviews",
            "TV Reviews",
        ],
    ),
];

/// The Podcasting 2.0 namespace's UUID namespace for `podcast:guid`
/// (Podcastindex-org/podcast-namespace, `docs/tags/guid.md`).
const GUID_NAMESPACE: Uuid = Uuid::from_u128(0xead4c236_bf58_58c6_a2c6_a6b28d128cb6);

/// The namespace URI of Podcasting 2.0's tags.
pub const PODCAST_NAMESPACE: &str = "https://podcastindex.org/namespace/1.0";

/// `podcast:guid` of the feed at `feed_url`, as the namespace defines it: the UUIDv5 (namespace
/// [`GUID_NAMESPACE`]) of the URL without its scheme (`https://`) and without trailing slashes.
pub fn guid(feed_url: &str) -> String {
    let rest = feed_url
        .split_once("://")
        .map_or(feed_url, |(_, rest)| rest);
    let name = rest.trim_end_matches('/');
    Uuid::new_v5(&GUID_NAMESPACE, name.as_bytes()).to_string()
}

/// The category `written` names (`"Name"` or `"Name > Sub"`), or the message and hint saying
/// why it is not one of Apple's.
pub fn category(written: &str) -> Result<Category, (String, String)> {
    let (name, sub) = match written.split_once('>') {
        Some((n, s)) => (n.trim(), Some(s.trim())),
        None => (written.trim(), None),
    };
    let names: Vec<&str> = CATEGORIES.iter().map(|(n, _)| *n).collect();
    let Some((name, subs)) = CATEGORIES.iter().find(|(n, _)| *n == name) else {
        // A subcategory written alone: name its category.
        if let Some((parent, _)) = CATEGORIES.iter().find(|(_, s)| s.contains(&name)) {
            return Err((
                format!("{name:?} is a subcategory of {parent:?}"),
                format!("write \"{parent} > {name}\""),
            ));
        }
        let hint = match did_you_mean(name, &names) {
            Some(n) => format!("did you mean {n:?}? (Apple's names, case and `&` included)"),
            None => format!("use one of Apple's categories: {}", names.join(", ")),
        };
        return Err((format!("{name:?} is not an Apple Podcasts category"), hint));
    };
    let Some(sub) = sub else {
        return Ok(Category { name, sub: None });
    };
    match subs.iter().find(|s| **s == sub) {
        Some(sub) => Ok(Category {
            name,
            sub: Some(sub),
        }),
        None if subs.is_empty() => Err((
            format!("{name:?} has no subcategories"),
            format!("write \"{name}\" alone"),
        )),
        None => {
            let hint = match did_you_mean(sub, subs) {
                Some(s) => format!("did you mean \"{name} > {s}\"?"),
                None => format!("{name}'s subcategories are: {}", subs.join(", ")),
            };
            Err((format!("{sub:?} is not a subcategory of {name:?}"), hint))
        }
    }
}

/// `podcast` of feed `name`, which writes `outputs`; `None` (and errors reported) when a required
/// tag is missing or a value is wrong.
pub(crate) fn podcast(
    raw: Option<Spanned<RawPodcast>>,
    name: &str,
    outputs: &[(Format, String)],
    problems: &mut Problems<'_>,
) -> Option<Podcast> {
    let raw = raw?;
    let at = raw.span().start;
    let raw = raw.into_inner();
    let mut ok = true;
    let mut missing = |tag: &str, hint: &str, problems: &mut Problems<'_>| {
        ok = false;
        problems.error_at(
            at,
            format!("feed {name:?}: the podcast has no `{tag}`, which Apple Podcasts requires"),
            hint.to_string(),
        );
    };
    if !outputs.iter().any(|(f, _)| *f == Format::Rss) {
        missing(
            "rss",
            "iTunes and podcast tags are RSS only: set rss = \"podcast.xml\" in this feed",
            problems,
        );
    }
    let image = match &raw.image {
        None => {
            missing(
                "itunes:image",
                "set podcast.image to the cover art's absolute URL, e.g. image = \"https://example.org/cover.jpg\" (a 1400-3000 px square JPEG or PNG)",
                problems,
            );
            None
        }
        Some(i) => image(i, name, problems),
    };
    let categories = categories(raw.categories.as_deref(), name, problems);
    if categories.is_empty() && raw.categories.as_ref().is_none_or(Vec::is_empty) {
        missing(
            "itunes:category",
            "set podcast.categories to one or more of Apple's categories, e.g. categories = [\"Technology\"] or [\"Society & Culture > Documentary\"]",
            problems,
        );
    }
    if raw.explicit.is_none() {
        missing(
            "itunes:explicit",
            "set podcast.explicit = false (or true when the show holds explicit content)",
            problems,
        );
    }
    let author = raw.author.as_deref().map(clean).filter(|a| !a.is_empty());
    if author.is_none() {
        missing(
            "itunes:author",
            "set podcast.author to the name listeners know the show's author by",
            problems,
        );
    }
    let owner = raw.owner.as_ref();
    let owner_name = owner
        .and_then(|o| o.name.as_deref())
        .map(clean)
        .filter(|n| !n.is_empty());
    let owner_email = owner.and_then(|o| o.email.as_deref()).map(clean);
    if owner_name.is_none() || owner_email.is_none() {
        missing(
            "itunes:owner",
            "set podcast.owner = { name = \"...\", email = \"...\" }: who directories contact about the show",
            problems,
        );
    }
    if let Some(email) = owner_email.as_deref() {
        if address::email(email).is_err() {
            ok = false;
            problems.error_at(
                at,
                format!("feed {name:?}: podcast owner e-mail {email:?} is not an e-mail address"),
                "write one address, e.g. email = \"jane@example.org\"",
            );
        }
    }
    let guid = raw
        .guid
        .as_ref()
        .and_then(|g| guid_written(g, name, problems));
    let show_type = raw
        .show_type
        .as_ref()
        .and_then(|t| show_type(t, name, problems));
    let failed =
        (raw.guid.is_some() && guid.is_none()) || (raw.show_type.is_some() && show_type.is_none());
    if !ok || failed {
        return None;
    }
    Some(Podcast {
        image: image?,
        categories,
        explicit: raw.explicit?,
        author: author?,
        owner_name: owner_name?,
        owner_email: owner_email?,
        locked: raw.locked,
        guid,
        show_type,
    })
}

/// `image`: an absolute http(s) URL.
fn image(raw: &Spanned<String>, name: &str, problems: &mut Problems<'_>) -> Option<String> {
    match address::web(raw.get_ref()) {
        Ok(url) => Some(url.to_string()),
        Err(_) => {
            problems.error_at(
                raw.span().start,
                format!(
                    "feed {name:?}: podcast image {:?} is not an absolute http(s) URL",
                    raw.get_ref()
                ),
                "Apple reads itunes:image from anywhere: write the full URL, e.g. \"https://example.org/cover.jpg\"",
            );
            None
        }
    }
}

/// `categories`: each one of Apple's (see [`category`]), none twice.
fn categories(
    raw: Option<&[Spanned<String>]>,
    name: &str,
    problems: &mut Problems<'_>,
) -> Vec<Category> {
    let mut out: Vec<Category> = Vec::new();
    for written in raw.unwrap_or_default() {
        match category(written.get_ref()) {
            Ok(c) if out.contains(&c) => problems.error_at(
                written.span().start,
                format!(
                    "feed {name:?}: podcast category {:?} is listed twice",
                    written.get_ref()
                ),
                "list each category once",
            ),
            Ok(c) => out.push(c),
            Err((message, hint)) => problems.error_at(
                written.span().start,
                format!("feed {name:?}: podcast category {message}"),
                hint,
            ),
        }
    }
    out
}

/// `guid`: a UUID, kept lower-case and hyphenated.
fn guid_written(raw: &Spanned<String>, name: &str, problems: &mut Problems<'_>) -> Option<String> {
    match Uuid::parse_str(raw.get_ref().trim()) {
        Ok(u) => Some(u.to_string()),
        Err(_) => {
            problems.error_at(
                raw.span().start,
                format!("feed {name:?}: podcast guid {:?} is not a UUID", raw.get_ref()),
                "remove guid to use the one derived from the feed's URL, or keep the show's old one, e.g. guid = \"9b024349-ccf0-5f69-a609-6b82873eab3c\"",
            );
            None
        }
    }
}

/// `type`: `episodic` or `serial`.
fn show_type(
    raw: &Spanned<String>,
    name: &str,
    problems: &mut Problems<'_>,
) -> Option<&'static str> {
    match raw.get_ref().as_str() {
        "episodic" => Some("episodic"),
        "serial" => Some("serial"),
        other => {
            problems.error_at(
                raw.span().start,
                format!("feed {name:?}: podcast type {other:?} is not \"episodic\" or \"serial\""),
                "use type = \"episodic\" (newest first) or type = \"serial\" (listened in order)",
            );
            None
        }
    }
}

/// A podcast channel needs `<language>`: for each of `feeds` with a `podcast` table, an error
/// on that table when the site has no `language`.
pub(crate) fn need_language(
    feeds: &[super::raw::RawFeed],
    language: Option<&str>,
    problems: &mut Problems<'_>,
) {
    if language.is_some() {
        return;
    }
    for f in feeds {
        let Some(podcast) = &f.podcast else { continue };
        problems.error_at(
            podcast.span().start,
            format!(
                "feed {:?} is a podcast but [site] has no `language`, which Apple Podcasts requires",
                f.name.trim()
            ),
            "set language in [site], e.g. language = \"en\"",
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guid_is_the_namespace_uuidv5_of_the_url_without_scheme_and_trailing_slashes() {
        // The test vector of the podcast namespace's guid tag.
        let vector = "9b024349-ccf0-5f69-a609-6b82873eab3c";
        assert_eq!(guid("podnews.net/rss"), vector);
        assert_eq!(guid("https://podnews.net/rss"), vector);
        assert_eq!(guid("http://podnews.net/rss//"), vector);
        assert_ne!(guid("https://podnews.net/rss.xml"), vector);
    }

    #[test]
    fn categories_are_apples_with_nested_subcategories() {
        assert_eq!(
            category("Technology"),
            Ok(Category {
                name: "Technology",
                sub: None
            })
        );
        assert_eq!(
            category("Society & Culture > Documentary"),
            Ok(Category {
                name: "Society & Culture",
                sub: Some("Documentary")
            })
        );
        let err = |w: &str| category(w).unwrap_err();
        assert_eq!(
            err("technology"),
            (
                "\"technology\" is not an Apple Podcasts category".into(),
                "did you mean \"Technology\"? (Apple's names, case and `&` included)".into()
            )
        );
        assert_eq!(
            err("Documentary"),
            (
                "\"Documentary\" is a subcategory of \"Society & Culture\"".into(),
                "write \"Society & Culture > Documentary\"".into()
            )
        );
        assert_eq!(
            err("Technology > Gadgets"),
            (
                "\"Technology\" has no subcategories".into(),
                "write \"Technology\" alone".into()
            )
        );
        assert_eq!(err("News > Tech").1, "did you mean \"News > Tech News\"?");
    }

    #[test]
    fn the_category_list_is_apples_nineteen_with_unique_names() {
        assert_eq!(CATEGORIES.len(), 19);
        let mut all: Vec<&str> = CATEGORIES
            .iter()
            .flat_map(|(n, subs)| std::iter::once(*n).chain(subs.iter().copied()))
            .collect();
        let count = all.len();
        all.sort_unstable();
        all.dedup();
        assert_eq!(
            all.len(),
            count,
            "a name is both a category and a subcategory"
        );
        assert_eq!(count, 19 + 91);
    }
}
