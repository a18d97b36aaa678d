//! What a record says about its media: the `enclosure` every feed carries (RSS `<enclosure>`,
//! Atom `rel="enclosure"`, JSON Feed `attachments`) and the episode facts podcast feeds add
//! (`duration`, `episode`, `season`, `episode_type`, `transcript`).
//!
//! An enclosure (or transcript) is either an absolute http(s) URL, whose `length` and `type`
//! the record must give, or a file in the articles folder: a path beside the record
//! (`ep1.mp3`, `media/ep1.mp3`, `../media/ep1.mp3`) or from the articles folder (`/media/ep1.mp3`),
//! served at the site url plus its path in the articles folder
//! (`articles/media/ep1.mp3` → `https://example.org/media/ep1.mp3`), whose length is its size
//! and whose type comes from its extension. Paths come from contributors: one that leaves the
//! articles folder lexically (`..`) is refused here, and [`resolve`] opens the file as a record
//! is opened ([`super::record_file::open_media`]: regular files only, never through a link
//! leading out of the folder), so a missing file, a folder or a link out is an error on the
//! record's line. [`read`] is pure; only [`resolve`], called by the loader, touches the disk.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use std::fmt;

use serde::de::{self, MapAccess, SeqAccess, Visitor};
use serde::{Deserialize, Deserializer};

use super::record_file::open_media;
use super::Article;
use crate::address;
use crate::config::Site;
use crate::diagnostics::{display_path, shown, Diagnostic, Problems};

/// `enclosure` or a `transcript` as written: a path or URL, or a table.
#[derive(Debug, Clone)]
pub enum RawMedia {
    /// A path in the articles folder, or an absolute URL.
    Url(String),
    /// `{ url, length, type }`.
    Table(RawMediaTable),
}

/// `{ url = "...", length = N, type = "audio/mpeg" }`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawMediaTable {
    /// A path in the articles folder, or an absolute URL.
    pub url: String,
    /// Size in bytes (required for a URL; read from a file).
    pub length: Option<u64>,
    /// MIME type (required for a URL; guessed from a file's extension when not given).
    #[serde(rename = "type")]
    pub mime_type: Option<String>,
}

/// `duration` as written: seconds, or `HH:MM:SS` / `MM:SS` / `SS` text.
#[derive(Debug, Clone)]
pub enum RawDuration {
    /// Whole seconds.
    Seconds(u64),
    /// `HH:MM:SS`, `MM:SS` or seconds, as text.
    Text(String),
}

/// `transcript` as written: one, or a list.
#[derive(Debug, Clone)]
pub enum RawTranscripts {
    /// One transcript.
    One(RawMedia),
    /// Several (formats or languages).
    Many(Vec<RawMedia>),
}

// Written by hand rather than `#[serde(untagged)]`, whose error ("data did not match any
// variant") says neither what was wrong nor what is expected.

/// What a media value may be, for type errors.
const MEDIA_FORMS: &str = "a file path, an http(s) URL, or a table { url, length, type }";

impl<'de> Deserialize<'de> for RawMedia {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(MediaVisitor)
    }
}

struct MediaVisitor;

impl<'de> Visitor<'de> for MediaVisitor {
    type Value = RawMedia;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(MEDIA_FORMS)
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawMedia, E> {
        Ok(RawMedia::Url(v.to_string()))
    }

    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawMedia, A::Error> {
        RawMediaTable::deserialize(de::value::MapAccessDeserializer::new(map)).map(RawMedia::Table)
    }
}

impl<'de> Deserialize<'de> for RawTranscripts {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = RawTranscripts;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                write!(f, "{MEDIA_FORMS}, or a list of them")
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawTranscripts, E> {
                MediaVisitor.visit_str(v).map(RawTranscripts::One)
            }

            fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<RawTranscripts, A::Error> {
                MediaVisitor.visit_map(map).map(RawTranscripts::One)
            }

            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<RawTranscripts, A::Error> {
                Vec::deserialize(de::value::SeqAccessDeserializer::new(seq))
                    .map(RawTranscripts::Many)
            }
        }
        d.deserialize_any(V)
    }
}

impl<'de> Deserialize<'de> for RawDuration {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = RawDuration;

            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("whole seconds (3723) or \"HH:MM:SS\" / \"MM:SS\" text")
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<RawDuration, E> {
                Ok(RawDuration::Seconds(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<RawDuration, E> {
                u64::try_from(v)
                    .map(RawDuration::Seconds)
                    .map_err(|_| E::invalid_value(de::Unexpected::Signed(v), &self))
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<RawDuration, E> {
                Ok(RawDuration::Text(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// The media keys of one record, as written.
#[derive(Debug, Clone, Default)]
pub struct RawEpisode {
    pub enclosure: Option<RawMedia>,
    pub duration: Option<RawDuration>,
    pub episode: Option<u64>,
    pub season: Option<u64>,
    pub episode_type: Option<String>,
    pub transcript: Option<RawTranscripts>,
}

impl RawEpisode {
    /// The media keys of front matter `fm`, taken out of it.
    pub fn take(fm: &mut super::front_matter::RawFrontMatter) -> RawEpisode {
        RawEpisode {
            enclosure: fm.enclosure.take(),
            duration: fm.duration.take(),
            episode: fm.episode.take(),
            season: fm.season.take(),
            episode_type: fm.episode_type.take(),
            transcript: fm.transcript.take(),
        }
    }
}

/// A record's media, validated.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct Episode {
    /// The enclosure, if any.
    pub enclosure: Option<Media>,
    /// Duration in seconds.
    pub duration: Option<u64>,
    /// Episode number (1 or more).
    pub number: Option<u64>,
    /// Season number (1 or more).
    pub season: Option<u64>,
    /// `full`, `trailer` or `bonus`.
    pub episode_type: Option<&'static str>,
    /// Transcripts (`podcast:transcript`), in the order written.
    pub transcripts: Vec<Media>,
    /// Where the record sets `enclosure` (line, column), for problems found across a feed.
    pub enclosure_at: Option<(usize, usize)>,
}

/// A media file: where it is served, its size and type. Once the record is loaded, an
/// enclosure's `length` and every `mime_type` are set, and `local` is `None`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Media {
    /// Absolute URL.
    pub url: String,
    /// Size in bytes (enclosures only).
    pub length: Option<u64>,
    /// MIME type.
    pub mime_type: Option<String>,
    /// The file in the articles folder to read the size and type from, until [`resolve`].
    pub local: Option<Box<Local>>,
}

/// A media file still to be read: where on disk, and where the record names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Local {
    /// The file, below the articles folder as the site names it.
    pub path: PathBuf,
    /// The path as written, for messages.
    pub written: String,
    /// The front-matter key (`enclosure`, `transcript`) and its position in the record.
    pub key: &'static str,
    pub position: Option<(usize, usize)>,
}

/// Reads the media keys of the record at `record` (as shown; below the site's articles
/// folder); `None` when it sets none. Problems go to `problems`.
pub fn read(
    raw: RawEpisode,
    record: &Path,
    site: &Site,
    problems: &mut Problems<'_>,
) -> Option<Box<Episode>> {
    let RawEpisode {
        enclosure,
        duration,
        episode,
        season,
        episode_type,
        transcript,
    } = raw;
    let any = enclosure.is_some()
        || duration.is_some()
        || episode.is_some()
        || season.is_some()
        || episode_type.is_some()
        || transcript.is_some();
    if !any {
        return None;
    }
    let (_, folder) = super::preset::folders(record, site);
    let place = Place {
        folder: &folder,
        site,
    };
    let enclosure = enclosure.and_then(|m| media(m, "enclosure", &place, problems));
    let transcripts = match transcript {
        None => vec![],
        Some(RawTranscripts::One(m)) => vec![m],
        Some(RawTranscripts::Many(v)) => v,
    };
    let transcripts = transcripts
        .into_iter()
        .filter_map(|m| media(m, "transcript", &place, problems))
        .collect();
    Some(Box::new(Episode {
        enclosure,
        duration: duration.and_then(|d| read_duration(&d, problems)),
        number: episode.and_then(|n| positive(n, "episode", problems)),
        season: season.and_then(|n| positive(n, "season", problems)),
        episode_type: episode_type.and_then(|t| read_episode_type(&t, problems)),
        transcripts,
        enclosure_at: problems.position_of("enclosure"),
    }))
}

/// Where paths in a record are read from.
struct Place<'a> {
    folder: &'a [String],
    site: &'a Site,
}

/// One `enclosure` or `transcript`.
fn media(
    raw: RawMedia,
    key: &'static str,
    place: &Place,
    problems: &mut Problems<'_>,
) -> Option<Media> {
    let (written, length, mime_type) = match raw {
        RawMedia::Url(u) => (u, None, None),
        RawMedia::Table(t) => (t.url, t.length, t.mime_type),
    };
    let written = written.trim().to_string();
    let mime_type = match mime_type {
        Some(t) => Some(checked_type(&t, key, problems)?),
        None => None,
    };
    if key == "transcript" && length.is_some() {
        problems.error(
            key,
            format!("transcript {written:?} has a length"),
            "remove length: only an enclosure has one",
        );
        return None;
    }
    if has_scheme(&written) {
        return remote(written, length, mime_type, key, problems);
    }
    if length.is_some() {
        problems.error(
            key,
            format!("{key} {written:?} is a file and has a `length`"),
            "remove length: feedwright reads the file's size",
        );
        return None;
    }
    let rel = match local_path(&written, place.folder) {
        Ok(rel) => rel,
        Err(why) => {
            problems.error(
                key,
                format!("{key} {written:?} {why}"),
                "name a file inside the articles folder (beside the record, or from the folder with a leading /), or an absolute http(s) URL",
            );
            return None;
        }
    };
    Some(Media {
        url: place.site.output_url(&rel.join("/")).to_string(),
        length: None,
        mime_type,
        local: Some(Box::new(Local {
            path: rel
                .iter()
                .fold(place.site.articles_dir.clone(), |p, s| p.join(s)),
            written,
            key,
            position: problems.position_of(key),
        })),
    })
}

/// An `enclosure` or `transcript` written as an absolute URL: `length` (for an enclosure) and
/// `type` must be given, since there is no file to read them from.
fn remote(
    written: String,
    length: Option<u64>,
    mime_type: Option<String>,
    key: &'static str,
    problems: &mut Problems<'_>,
) -> Option<Media> {
    let url = match address::web(&written) {
        Ok(u) => u,
        Err(refusal) => {
            let field = address::Field {
                key,
                name: key,
                malformed: "is not a valid URL",
                scheme: "is not an http(s) URL",
                hint: "use an absolute http(s) URL, or the path of a file in the articles folder",
            };
            field.report(&written, &refusal, problems);
            return None;
        }
    };
    let example =
        format!("{key} = {{ url = {written:?}, length = 12345678, type = \"audio/mpeg\" }}");
    if key == "enclosure" && length.is_none() {
        problems.error(
            key,
            format!("enclosure {written:?} is a URL without a `length`"),
            format!("give its size in bytes (podcast apps require it): {example}"),
        );
        return None;
    }
    if mime_type.is_none() {
        let example = if key == "enclosure" {
            example
        } else {
            format!("{key} = {{ url = {written:?}, type = \"text/vtt\" }}")
        };
        problems.error(
            key,
            format!("{key} {written:?} is a URL without a `type`"),
            format!("give its MIME type: {example}"),
        );
        return None;
    }
    Some(Media {
        url: url.to_string(),
        length,
        mime_type,
        local: None,
    })
}

/// True when `s` starts with a URL scheme (`https:`), which a path in the articles folder never
/// does (a `:` before any `/`).
fn has_scheme(s: &str) -> bool {
    let before = s.split('/').next().unwrap_or("");
    before.contains(':')
}

/// The parts of `written` below the articles folder: read from `folder` (the record's), or from
/// the articles folder itself with a leading `/`. `..` may climb no higher than the folder.
pub fn local_path(written: &str, folder: &[String]) -> Result<Vec<String>, &'static str> {
    if written.is_empty() {
        return Err("is empty");
    }
    if written.contains('\\') {
        return Err("has a backslash (use / between folders)");
    }
    let (mut parts, rest) = match written.strip_prefix('/') {
        Some(rest) => (vec![], rest),
        None => (folder.to_vec(), written),
    };
    for c in Path::new(rest).components() {
        match c {
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            Component::CurDir => {}
            Component::ParentDir => {
                if parts.pop().is_none() {
                    return Err("leaves the articles folder");
                }
            }
            Component::RootDir | Component::Prefix(_) => return Err("leaves the articles folder"),
        }
    }
    let names_a_file = matches!(
        Path::new(rest).components().next_back(),
        Some(Component::Normal(_))
    );
    if parts.is_empty() || written.ends_with('/') || !names_a_file {
        return Err("is not a file name");
    }
    Ok(parts)
}

/// A MIME type as written: `type/subtype`, no blanks.
fn checked_type(t: &str, key: &str, problems: &mut Problems<'_>) -> Option<String> {
    let t = t.trim();
    let ok = t.split_once('/').is_some_and(|(a, b)| {
        let token = |s: &str| {
            !s.is_empty()
                && s.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "!#$&^_.+-".contains(c))
        };
        token(a) && token(b)
    });
    if !ok {
        problems.error(
            key,
            format!("{key} type {t:?} is not a MIME type"),
            "write type/subtype, e.g. type = \"audio/mpeg\"",
        );
        return None;
    }
    Some(t.to_ascii_lowercase())
}

/// The MIME type of a file named `name`, from its extension: mime_guess's table, except `.m4a`,
/// which Apple Podcasts lists as `audio/x-m4a` (mime_guess says `audio/m4a`).
pub fn guess_type(name: &str) -> Option<String> {
    let ext = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
    if ext == "m4a" {
        return Some("audio/x-m4a".into());
    }
    mime_guess::from_ext(&ext)
        .first()
        .map(|m| m.essence_str().to_string())
}

/// `duration`, in seconds.
fn read_duration(raw: &RawDuration, problems: &mut Problems<'_>) -> Option<u64> {
    let seconds = match raw {
        RawDuration::Seconds(s) => Some(*s),
        RawDuration::Text(t) => parse_duration(t),
    };
    if seconds.is_none() {
        let written = match raw {
            RawDuration::Seconds(s) => s.to_string(),
            RawDuration::Text(t) => t.clone(),
        };
        problems.error(
            "duration",
            format!("duration {written:?} is not a duration"),
            "write HH:MM:SS (\"1:02:03\"), MM:SS (\"42:10\") or whole seconds (3723)",
        );
    }
    seconds
}

/// `HH:MM:SS`, `MM:SS` or `SS` (whole numbers; minutes and seconds below 60 after a `:`) in
/// seconds.
pub fn parse_duration(text: &str) -> Option<u64> {
    let parts: Vec<&str> = text.trim().split(':').collect();
    if parts.len() > 3 {
        return None;
    }
    let mut total: u64 = 0;
    for (i, part) in parts.iter().enumerate() {
        if part.is_empty() || !part.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u64 = part.parse().ok()?;
        if i > 0 && (n >= 60 || part.len() != 2) {
            return None;
        }
        total = total.checked_mul(60)?.checked_add(n)?;
    }
    Some(total)
}

/// `episode` or `season`: 1 or more.
fn positive(n: u64, key: &str, problems: &mut Problems<'_>) -> Option<u64> {
    if n == 0 {
        problems.error(
            key,
            format!("`{key}` is 0; numbers start at 1"),
            format!("number them from 1, e.g. {key} = 1"),
        );
        return None;
    }
    Some(n)
}

/// `episode_type`: `full`, `trailer` or `bonus`.
fn read_episode_type(t: &str, problems: &mut Problems<'_>) -> Option<&'static str> {
    match t.trim() {
        "full" => Some("full"),
        "trailer" => Some("trailer"),
        "bonus" => Some("bonus"),
        other => {
            problems.error(
                "episode_type",
                format!("episode_type {other:?} is not \"full\", \"trailer\" or \"bonus\""),
                "use episode_type = \"full\" (the default), \"trailer\" or \"bonus\"",
            );
            None
        }
    }
}

/// Reads the size (and, when not given, the type) of each local media file of `episode`,
/// opened through [`open_media`] below `root` (the canonical articles folder). Problems are
/// placed on the record `shown`, on the line of the key naming the file.
pub fn resolve(episode: &mut Episode, root: &Path, shown: &Path) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    let all = episode
        .enclosure
        .iter_mut()
        .chain(episode.transcripts.iter_mut());
    for media in all {
        let Some(local) = media.local.take() else {
            continue;
        };
        let place = |d: Diagnostic| match local.position {
            Some((l, c)) => d.at(l, c),
            None => d,
        };
        let missing = std::fs::symlink_metadata(&local.path).is_err();
        let opened = if missing {
            Err(format!(
                "{} {:?}: {} does not exist",
                local.key,
                local.written,
                display_path(&local.path).display()
            ))
        } else {
            open_media(&local.path, root).map_err(|d| {
                // A special file is a warning for a record (skipped); here it is an error.
                let why = d.message.trim_end_matches("; skipped");
                format!("{} {:?}: {why}", local.key, local.written)
            })
        };
        let file = match opened {
            Ok(f) => f,
            Err(message) => {
                diags.push(place(Diagnostic::error(shown, message).hint(
                    "put the file in the articles folder (not a link to one outside), or give an absolute http(s) URL with its length and type",
                )));
                continue;
            }
        };
        if local.key == "enclosure" {
            media.length = Some(file.len());
        }
        if media.mime_type.is_none() {
            media.mime_type = guess_type(&local.written);
            if media.mime_type.is_none() {
                diags.push(place(
                    Diagnostic::error(
                        shown,
                        format!(
                            "{} {:?}: its type cannot be told from its name",
                            local.key, local.written
                        ),
                    )
                    .hint(format!(
                        "give it: {} = {{ url = {:?}, type = \"audio/mpeg\" }}",
                        local.key, local.written
                    )),
                ));
            }
        }
    }
    diags
}

/// The rules of one feed's entries (`articles`, by index into `all`): an enclosure URL names
/// one entry only (apps key episodes by it, and merge two that share one); in a podcast feed
/// (`podcast`), every entry has an enclosure (Apple Podcasts drops an episode without one).
pub fn check_feed(
    feed: &str,
    podcast: bool,
    all: &[Article],
    articles: impl IntoIterator<Item = usize>,
) -> Vec<Diagnostic> {
    let mut seen: BTreeMap<&str, &Path> = BTreeMap::new();
    let mut problems = Vec::new();
    for a in articles.into_iter().map(|i| &all[i]) {
        let episode = a.episode.as_deref();
        let Some(m) = episode.and_then(|e| e.enclosure.as_ref()) else {
            if podcast {
                problems.push(
                    Diagnostic::error(
                        &a.path,
                        format!("feed {feed:?} is a podcast, but this article has no `enclosure`"),
                    )
                    .hint(
                        "add one (enclosure = \"episode.mp3\"): Apple Podcasts requires one per \
                         episode; or keep the article out of the feed (its tags, include or exclude)",
                    ),
                );
            }
            continue;
        };
        if let Some(first) = seen.insert(&m.url, &a.path) {
            let d = Diagnostic::error(
                &a.path,
                format!(
                    "enclosure {:?} is also the enclosure of {} in feed {feed:?}",
                    m.url,
                    shown(first)
                ),
            )
            .hint("give each article its own media file: podcast apps take two episodes with one enclosure for one");
            let at = episode.and_then(|e| e.enclosure_at);
            problems.push(match at {
                Some((l, c)) => d.at(l, c),
                None => d,
            });
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_are_hours_minutes_seconds_or_seconds() {
        for (text, seconds) in [
            ("1:02:03", 3723),
            ("01:02:03", 3723),
            ("42:10", 2530),
            ("0:05", 5),
            ("3723", 3723),
            (" 59 ", 59),
            ("100:00:00", 360_000),
        ] {
            assert_eq!(parse_duration(text), Some(seconds), "{text:?}");
        }
        for bad in [
            "",
            "1:2:3",
            "1:60",
            "1:02:60",
            "1:02:03:04",
            "-5",
            "1.5",
            "1h",
            ":30",
            "1::03",
        ] {
            assert_eq!(parse_duration(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn local_paths_stay_in_the_articles_folder() {
        let folder = vec!["posts".to_string(), "ep1".to_string()];
        let ok = |w: &str| local_path(w, &folder).unwrap().join("/");
        assert_eq!(ok("a.mp3"), "posts/ep1/a.mp3");
        assert_eq!(ok("./media/a.mp3"), "posts/ep1/media/a.mp3");
        assert_eq!(ok("../../media/a.mp3"), "media/a.mp3");
        assert_eq!(ok("/media/a.mp3"), "media/a.mp3");
        for bad in [
            "",
            "../../../a.mp3",
            "/../a.mp3",
            "media/",
            "a\\b.mp3",
            "..",
            "/",
        ] {
            assert!(local_path(bad, &folder).is_err(), "{bad:?}");
        }
        assert!(has_scheme("https://x.org/a.mp3"));
        assert!(!has_scheme("media/a:b.mp3"));
    }

    #[test]
    fn types_come_from_the_extension_with_apples_m4a() {
        assert_eq!(guess_type("a.mp3").as_deref(), Some("audio/mpeg"));
        assert_eq!(guess_type("a.MP4").as_deref(), Some("video/mp4"));
        assert_eq!(guess_type("a.m4a").as_deref(), Some("audio/x-m4a"));
        assert_eq!(guess_type("t.vtt").as_deref(), Some("text/vtt"));
        assert_eq!(guess_type("a.nope-nothing"), None);
        assert_eq!(guess_type("noext"), None);
    }
}
