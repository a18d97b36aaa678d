//! Splitting a record into front matter and body, and parsing the front matter.
//!
//! A record may open with TOML between `+++` lines or YAML between `---` lines (a BOM and CRLF
//! line ends are tolerated). The split keeps the line on which the body starts so that errors in
//! either part point at the right line of the file. Parsing yields [`RawFrontMatter`], the fields
//! exactly as written, and a warning for each key the site's vocabulary does not know (the
//! first [`UNKNOWN_KEYS_SHOWN`], then one for the rest). A block setting more than [`MAX_KEYS`]
//! keys is an error: each costs a line lookup and a message, and no article needs that many.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde::de::IgnoredAny;
use serde::Deserialize;

use super::episode::{RawDuration, RawMedia, RawTranscripts};
use crate::config::Vocabulary;
use crate::diagnostics::{did_you_mean, key_line, Diagnostic, KeyLines};
use crate::text::strip_forbidden;
use crate::wording;

/// The syntax of a front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// `+++` fences.
    Toml,
    /// `---` fences.
    Yaml,
    /// `---json` ... `---`: JSON, as Eleventy's gray-matter reads it.
    Json,
}

/// A record split in two.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The front matter, if any, with its syntax and the 1-based line its first line is on.
    pub front: Option<(Syntax, &'a str, usize)>,
    /// The body.
    pub body: &'a str,
    /// The 1-based line the body starts on.
    pub body_line: usize,
}

/// Splits `text` (BOM already removed) into front matter and body. An opening fence without a
/// closing one is an error message.
pub fn split(text: &str) -> Result<Split<'_>, String> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let syntax = match text[..first_end].trim_end() {
        "+++" => Syntax::Toml,
        "---" => Syntax::Yaml,
        "---json" => Syntax::Json,
        _ => {
            return Ok(Split {
                front: None,
                body: text,
                body_line: 1,
            })
        }
    };
    let fence = if syntax == Syntax::Toml { "+++" } else { "---" };
    let opening = if syntax == Syntax::Json {
        "---json"
    } else {
        fence
    };
    let mut offset = first_end;
    for (line, l) in (2..).zip(text[first_end..].split_inclusive('\n')) {
        if l.trim_end() == fence {
            let front = &text[first_end..offset];
            let body_start = offset + l.len();
            return Ok(Split {
                front: Some((syntax, front, 2)),
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(format!(
        "front matter opened with `{opening}` on line 1 is never closed"
    ))
}

/// A date as written: a TOML date/datetime or a string.
#[derive(Debug, Clone)]
pub enum RawDate {
    /// A native TOML date or datetime.
    Toml(toml::value::Datetime),
    /// Any string (YAML dates are strings).
    Str(String),
}

/// Read as `#[serde(untagged)]` would (a string, or TOML's datetime, which its deserializer
/// hands over as a one-key map), without buffering the value and trying each variant in turn:
/// a front matter's dates are read for every record of every build.
impl<'de> Deserialize<'de> for RawDate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawDate, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawDate;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a date")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawDate, E> {
                Ok(RawDate::Str(v.to_string()))
            }
            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<RawDate, E> {
                Ok(RawDate::Str(v))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawDate, A::Error> {
                let inner = serde::de::value::MapAccessDeserializer::new(map);
                toml::value::Datetime::deserialize(inner).map(RawDate::Toml)
            }
        }
        untagged(d, "RawDate", Visitor)
    }
}

/// An author as written: a name, or a table.
#[derive(Debug, Clone)]
pub enum RawAuthor {
    /// Just a name (or a key of `[authors]`).
    Name(String),
    /// A full person.
    Person {
        /// Name.
        name: String,
        /// E-mail.
        email: Option<String>,
        /// Home page.
        uri: Option<String>,
    },
}

/// `authors` as written: one author or a list.
#[derive(Debug, Clone)]
pub enum RawAuthors {
    /// A list.
    Many(Vec<RawAuthor>),
    /// A single author where a list was expected.
    One(RawAuthor),
}

/// `tags` as written: a list, or one string.
#[derive(Debug, Clone)]
pub enum RawTags {
    /// A list of tags.
    Many(Vec<String>),
    /// One tag.
    One(String),
}

/// Reads a value as `#[serde(untagged)]` would for enum `name`, but in one pass: the value goes
/// straight to `visitor` (a string, a list or a table, as the variants take) instead of being
/// buffered and tried against each variant in turn, and any failure is untagged's own message
/// (which [`friendly`] words for the user). Front matter is read for every record of every
/// build, so this matters.
fn untagged<'de, D, V>(d: D, name: &str, visitor: V) -> Result<V::Value, D::Error>
where
    D: serde::Deserializer<'de>,
    V: serde::de::Visitor<'de>,
{
    d.deserialize_any(visitor).map_err(|_| {
        serde::de::Error::custom(format!(
            "data did not match any variant of untagged enum {name}"
        ))
    })
}

/// The table form of [`RawAuthor::Person`].
#[derive(Deserialize)]
struct PersonFields {
    name: String,
    email: Option<String>,
    uri: Option<String>,
}

/// What a string, a table or a list of authors reads as.
struct AuthorVisitor {
    /// A list is allowed (for `authors`).
    many: bool,
}

impl<'de> serde::de::Visitor<'de> for AuthorVisitor {
    type Value = RawAuthors;
    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a name or a {name, email, uri} table")
    }
    fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawAuthors, E> {
        Ok(RawAuthors::One(RawAuthor::Name(v.to_string())))
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<RawAuthors, A::Error> {
        let p = PersonFields::deserialize(serde::de::value::MapAccessDeserializer::new(map))?;
        Ok(RawAuthors::One(RawAuthor::Person {
            name: p.name,
            email: p.email,
            uri: p.uri,
        }))
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<RawAuthors, A::Error> {
        if !self.many {
            return Err(serde::de::Error::custom("a list of authors"));
        }
        let mut all = Vec::new();
        while let Some(a) = seq.next_element::<RawAuthor>()? {
            all.push(a);
        }
        Ok(RawAuthors::Many(all))
    }
}

impl<'de> Deserialize<'de> for RawAuthor {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawAuthor, D::Error> {
        match untagged(d, "RawAuthor", AuthorVisitor { many: false })? {
            RawAuthors::One(a) => Ok(a),
            RawAuthors::Many(_) => unreachable!("a list is refused by the visitor"),
        }
    }
}

impl<'de> Deserialize<'de> for RawAuthors {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawAuthors, D::Error> {
        untagged(d, "RawAuthors", AuthorVisitor { many: true })
    }
}

impl<'de> Deserialize<'de> for RawTags {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<RawTags, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = RawTags;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a tag or a list of tags")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<RawTags, E> {
                Ok(RawTags::One(v.to_string()))
            }
            fn visit_seq<A: serde::de::SeqAccess<'de>>(
                self,
                mut seq: A,
            ) -> Result<RawTags, A::Error> {
                let mut all = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(64));
                while let Some(t) = seq.next_element::<String>()? {
                    all.push(t);
                }
                Ok(RawTags::Many(all))
            }
        }
        untagged(d, "RawTags", Visitor)
    }
}

/// Front-matter fields exactly as written.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawFrontMatter {
    /// Title.
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<RawDate>,
    /// Last update.
    pub updated: Option<RawDate>,
    /// Authors.
    pub authors: Option<RawAuthors>,
    /// A single author.
    pub author: Option<RawAuthor>,
    /// Summary (plain text).
    pub summary: Option<String>,
    /// Tags.
    pub tags: Option<RawTags>,
    /// URL slug.
    pub slug: Option<String>,
    /// Link, absolute or relative to the site URL.
    pub link: Option<String>,
    /// Permanent id.
    pub id: Option<String>,
    /// Draft flag.
    pub draft: Option<bool>,
    /// The media file every feed encloses (RSS `enclosure`, Atom `rel="enclosure"`, JSON Feed
    /// `attachments`).
    pub enclosure: Option<RawMedia>,
    /// Podcast episode length.
    pub duration: Option<RawDuration>,
    /// Podcast episode number.
    pub episode: Option<u64>,
    /// Podcast season number.
    pub season: Option<u64>,
    /// Podcast episode type: `full`, `trailer` or `bonus`.
    pub episode_type: Option<String>,
    /// Podcast transcripts (`podcast:transcript`).
    pub transcript: Option<RawTranscripts>,
    /// The generator's own keys, read only under a `[site] preset`.
    #[serde(skip)]
    pub generator: Option<Box<RawGenerator>>,
}

/// A value of a generator's key, or `Other` when it has a type feedwright does not read (the
/// generator's key is then ignored, as the generator's feed would).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Loose<T> {
    /// The value, of the expected type.
    Value(T),
    /// Any other value.
    Other(IgnoredAny),
}

impl<T> Loose<T> {
    /// The value, if it had the expected type.
    pub fn get(&self) -> Option<&T> {
        match self {
            Loose::Value(v) => Some(v),
            Loose::Other(_) => None,
        }
    }
}

/// Jekyll's `published: false`, or Hugo's `published` date.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawPublished {
    /// Jekyll: whether the post is published.
    Flag(bool),
    /// Hugo: the publication date.
    Date(RawDate),
}

/// A `permalink` as written: Jekyll's and Eleventy's link, or Eleventy's `false` (no page).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawPermalink {
    /// A link (Eleventy: possibly a template).
    Path(String),
    /// Eleventy: `false` writes no page.
    Flag(bool),
}

/// Zola's `[taxonomies]`: lists of terms by taxonomy name.
pub type RawTaxonomies = BTreeMap<String, Vec<String>>;

/// The keys of Hugo, Jekyll, Zola and Eleventy front matter that carry a feed field, exactly as
/// written. Which of them a site reads, and in which order, is the site's preset's
/// ([`crate::config::Vocabulary`]); `article::validate` applies it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawGenerator {
    /// Hugo, Jekyll: categories (a list, or Jekyll's space-separated string).
    pub categories: Option<Loose<RawTags>>,
    /// Jekyll: one category.
    pub category: Option<Loose<String>>,
    /// Jekyll: one tag.
    pub tag: Option<Loose<String>>,
    /// Zola: taxonomies, e.g. `tags` and `categories`.
    pub taxonomies: Option<Loose<RawTaxonomies>>,
    /// Jekyll: the feed summary (before `excerpt`).
    pub description: Option<Loose<String>>,
    /// Jekyll: the excerpt.
    pub excerpt: Option<Loose<String>>,
    /// Hugo: last modification.
    pub lastmod: Option<Loose<RawDate>>,
    /// Hugo: last modification (alias).
    pub modified: Option<Loose<RawDate>>,
    /// Jekyll: last modification.
    pub last_modified_at: Option<Loose<RawDate>>,
    /// Hugo: publication date.
    #[serde(rename = "publishDate", alias = "publishdate")]
    pub publish_date: Option<Loose<RawDate>>,
    /// Hugo: publication date (alias).
    pub pubdate: Option<Loose<RawDate>>,
    /// Jekyll `published: false`; Hugo's publication-date alias.
    pub published: Option<Loose<RawPublished>>,
    /// Zola: the page's path, verbatim.
    pub path: Option<Loose<String>>,
    /// Hugo: the page's URL, verbatim.
    pub url: Option<Loose<String>>,
    /// Jekyll, Eleventy: the post's permalink; Eleventy `false`: no page.
    pub permalink: Option<Loose<RawPermalink>>,
    /// Eleventy: `true` keeps the page out of every collection.
    #[serde(rename = "eleventyExcludeFromCollections")]
    pub exclude_from_collections: Option<Loose<bool>>,
    /// Hugo: a headless bundle, never listed.
    pub headless: Option<Loose<bool>>,
    /// Hugo: build options (`_build`, or `build`); `list` says whether the page is listed.
    #[serde(rename = "_build", alias = "build")]
    pub build: Option<Loose<RawBuild>>,
    /// YAML: the date keys whose value Ruby's YAML reader keeps as text (see [`TextDates`]).
    #[serde(skip)]
    pub text_dates: TextDates,
}

/// Hugo's `_build` options: only `list` is read (`never`, or `false` in older sites, keeps
/// the page out of every list, feeds included: hugo `resources/page/pagemeta/pagemeta.go`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawBuild {
    /// `always`, `local`, `never`, or a bool.
    pub list: Option<Loose<RawList>>,
}

/// A `_build.list` value.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawList {
    /// `true` (always) or `false` (never).
    Flag(bool),
    /// `always`, `local` or `never`.
    Word(String),
}

/// Which date keys of a YAML block are text to a YAML 1.1 reader (Ruby's Psych, which Jekyll
/// uses): quoted, a block scalar, or a plain value that is not a YAML timestamp (`2024-01-04
/// 23:30`, without seconds). Jekyll parses text with `Time.parse` in the site's zone
/// (`Utils.parse_date`, `Document#merge_date!`), while Psych reads a plain timestamp without
/// an offset as UTC (`ScalarScanner#parse_time`). serde-saphyr gives both as strings, so the
/// value is read again as written, on its key's line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TextDates {
    /// `date` is text.
    pub date: bool,
    /// `last_modified_at` is text.
    pub last_modified_at: bool,
}

impl TextDates {
    /// The top-level `date` and `last_modified_at` of the YAML block `text`.
    pub fn of(text: &str) -> TextDates {
        TextDates {
            date: yaml_text_value(text, "date"),
            last_modified_at: yaml_text_value(text, "last_modified_at"),
        }
    }
}

/// True when the top-level `key` of the YAML block `text` (unindented, bare) holds a value
/// Psych reads as a string: quoted, a block scalar, tagged `!!str`, or plain and not a
/// timestamp. A key not found, or a value on the next lines, is not text.
fn yaml_text_value(text: &str, key: &str) -> bool {
    let Some(value) = text.lines().find_map(|line| {
        let rest = line.strip_prefix(key)?.trim_start_matches([' ', '\t']);
        rest.strip_prefix(':')
    }) else {
        return false;
    };
    let value = value.trim();
    if value.starts_with(['"', '\'', '|', '>']) || value.starts_with("!!str") {
        return true;
    }
    // A plain scalar ends before ` #` (a comment).
    let plain = value.split(" #").next().unwrap_or("").trim_end();
    !plain.is_empty() && !plain.starts_with('!') && !psych_timestamp(plain)
}

/// Psych's `ScalarScanner::TIME`: `-?\d{4}-\d{1,2}-\d{1,2}(?:[Tt]|\s+)\d{1,2}:\d\d:\d\d(?:\.\d*)?`
/// then optionally `\s*(?:Z|[-+]\d{1,2}:?(?:\d\d)?)`, the whole value.
fn psych_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = usize::from(b.first() == Some(&b'-'));
    let digits = |i: &mut usize, min: usize, max: usize| {
        let start = *i;
        while *i < b.len() && *i - start < max && b[*i].is_ascii_digit() {
            *i += 1;
        }
        *i - start >= min
    };
    let byte = |i: &mut usize, c: u8| {
        let hit = b.get(*i) == Some(&c);
        *i += usize::from(hit);
        hit
    };
    let spaces = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_whitespace) {
            *i += 1;
        }
        *i > start
    };
    let day = digits(&mut i, 4, 4)
        && byte(&mut i, b'-')
        && digits(&mut i, 1, 2)
        && byte(&mut i, b'-')
        && digits(&mut i, 1, 2);
    let separated = byte(&mut i, b'T') || byte(&mut i, b't') || spaces(&mut i);
    let time = day
        && separated
        && digits(&mut i, 1, 2)
        && byte(&mut i, b':')
        && digits(&mut i, 2, 2)
        && byte(&mut i, b':')
        && digits(&mut i, 2, 2);
    if !time {
        return false;
    }
    if byte(&mut i, b'.') {
        digits(&mut i, 0, usize::MAX);
    }
    spaces(&mut i);
    if byte(&mut i, b'Z') {
        return i == b.len();
    }
    if byte(&mut i, b'+') || byte(&mut i, b'-') {
        // `\d{1,2}:?(?:\d\d)?`
        let all_digits = |t: &str| t.bytes().all(|c| c.is_ascii_digit());
        let zone = &s[i..];
        return match zone.split_once(':') {
            Some((h, m)) => {
                (1..=2).contains(&h.len())
                    && all_digits(h)
                    && matches!(m.len(), 0 | 2)
                    && all_digits(m)
            }
            None => (1..=4).contains(&zone.len()) && all_digits(zone),
        };
    }
    i == b.len()
}

impl RawFrontMatter {
    /// Removes characters feeds cannot carry from every string. Parsers decode escapes such as
    /// TOML's `\u0001` after the file itself was cleaned, so this runs on the parsed values.
    fn strip_forbidden(&mut self) {
        fn c(s: &mut String) {
            if let std::borrow::Cow::Owned(o) = strip_forbidden(s) {
                *s = o;
            }
        }
        fn author(a: &mut RawAuthor) {
            match a {
                RawAuthor::Name(n) => c(n),
                RawAuthor::Person { name, email, uri } => {
                    c(name);
                    email.iter_mut().for_each(c);
                    uri.iter_mut().for_each(c);
                }
            }
        }
        for s in [
            &mut self.title,
            &mut self.summary,
            &mut self.slug,
            &mut self.link,
            &mut self.id,
        ]
        .into_iter()
        .flatten()
        {
            c(s);
        }
        match &mut self.authors {
            Some(RawAuthors::Many(v)) => v.iter_mut().for_each(author),
            Some(RawAuthors::One(a)) => author(a),
            None => {}
        }
        self.author.iter_mut().for_each(author);
        fn media(m: &mut RawMedia) {
            match m {
                RawMedia::Url(u) => c(u),
                RawMedia::Table(t) => {
                    c(&mut t.url);
                    t.mime_type.iter_mut().for_each(c);
                }
            }
        }
        self.enclosure.iter_mut().for_each(media);
        match &mut self.transcript {
            Some(RawTranscripts::One(m)) => media(m),
            Some(RawTranscripts::Many(v)) => v.iter_mut().for_each(media),
            None => {}
        }
        if let Some(RawDuration::Text(t)) = &mut self.duration {
            c(t);
        }
        self.episode_type.iter_mut().for_each(c);
        match &mut self.tags {
            Some(RawTags::Many(v)) => v.iter_mut().for_each(c),
            Some(RawTags::One(t)) => c(t),
            None => {}
        }
    }
}

/// The keys [`RawFrontMatter`] reads: feedwright's own vocabulary.
pub const KNOWN_KEYS: &[&str] = Vocabulary::FEEDWRIGHT.keys;

/// Most keys one front-matter block may set.
pub const MAX_KEYS: usize = 1_000;
/// Unknown keys warned about one by one; the others share one warning.
pub const UNKNOWN_KEYS_SHOWN: usize = 20;

/// A parse of the whole block: the fields, when they had the right types, and every key set.
type Parsed = (Option<RawFrontMatter>, Vec<String>);

/// Parses a front-matter block. `line` is the file line the block starts on (for positions).
/// Returns the fields and the warnings about keys `vocabulary` does not know.
pub fn parse(
    syntax: Syntax,
    text: &str,
    line: usize,
    path: &Path,
    vocabulary: &Vocabulary,
) -> Result<(RawFrontMatter, Vec<Diagnostic>), Diagnostic> {
    // One parse on the happy path; a failed typed read is re-parsed for its precise error.
    let (parsed, keys) = match syntax {
        Syntax::Toml => parse_toml(text, line, path)?,
        Syntax::Yaml => parse_yaml(text, line, path)?,
        Syntax::Json => parse_json(text, line, path)?,
    };
    // Every key as written: the one-pass YAML and JSON readers record the known keys too.
    let set = keys.len();
    if set > MAX_KEYS {
        return Err(Diagnostic::error(
            path,
            format!("front matter sets {set} keys; at most {MAX_KEYS} are allowed"),
        )
        .at(line - 1, 1)
        .hint(
            "remove the keys feedwright does not read (see the README's front-matter reference)",
        ));
    }
    let warnings = unknown_keys(keys, text, line, path, vocabulary);
    let mut fm = match parsed {
        Some(fm) => fm,
        None => typed_error(syntax, text, line, path)?,
    };
    fm.strip_forbidden();
    if vocabulary.preset.is_some() {
        fm.generator = Some(Box::new(generator_fields(syntax, text)));
    }
    Ok((fm, warnings))
}

/// A warning for each of `keys` that `vocabulary` does not know, in the order of their lines
/// in `text` (whose first line is line `line` of the file): the first [`UNKNOWN_KEYS_SHOWN`]
/// one by one, then one for the rest. Each key's line is found in one pass over the text.
fn unknown_keys(
    keys: Vec<String>,
    text: &str,
    line: usize,
    path: &Path,
    vocabulary: &Vocabulary,
) -> Vec<Diagnostic> {
    let unknown: Vec<String> = keys.into_iter().filter(|k| !vocabulary.knows(k)).collect();
    if unknown.is_empty() {
        return vec![];
    }
    let lines = KeyLines::new(text);
    let mut unknown: Vec<(usize, String)> = unknown
        .into_iter()
        .map(|k| (lines.line(&k).map_or(line, |l| l + line - 1), k))
        .collect();
    unknown.sort_unstable();
    let mut warnings: Vec<Diagnostic> = unknown
        .iter()
        .take(UNKNOWN_KEYS_SHOWN)
        .map(|(line, key)| {
            let hint = match did_you_mean(key, vocabulary.keys) {
                Some(k) => format!("did you mean `{k}`?"),
                None => "feedwright ignores it; --strict makes this an error".into(),
            };
            Diagnostic::warning(path, format!("unknown front-matter key `{key}` is ignored"))
                .at(*line, 1)
                .hint(hint)
        })
        .collect();
    if let Some((line, _)) = unknown.get(UNKNOWN_KEYS_SHOWN) {
        let more = unknown.len() - UNKNOWN_KEYS_SHOWN;
        warnings.push(
            Diagnostic::warning(
                path,
                format!("{more} more unknown front-matter keys are ignored"),
            )
            .at(*line, 1)
            .hint("feedwright ignores them; --strict makes this an error"),
        );
    }
    warnings
}

/// The generator's keys of a block that parsed (a second read, made only under a preset, so
/// that sites without one read exactly as before).
fn generator_fields(syntax: Syntax, text: &str) -> RawGenerator {
    let g = match syntax {
        Syntax::Toml => toml::from_str(text).ok(),
        Syntax::Yaml if text.trim().is_empty() => None,
        Syntax::Yaml => serde_saphyr::from_str(text).ok(),
        Syntax::Json => serde_json::from_str(text).ok(),
    };
    let mut g: RawGenerator = g.unwrap_or_default();
    if syntax == Syntax::Yaml {
        g.text_dates = TextDates::of(text);
    }
    g
}

/// TOML: a syntax error, or the keys and (if their types are right) the fields.
fn parse_toml(text: &str, line: usize, path: &Path) -> Result<Parsed, Diagnostic> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let d = Diagnostic::error(
            path,
            format!("invalid TOML front matter: {}", e.message().trim()),
        );
        let d = match e.span() {
            Some(s) => d.at_offset(text, s.start, line - 1),
            None => d,
        };
        d.hint("front matter between +++ lines must be TOML, e.g. title = \"Hello\"")
    })?;
    let keys = table.keys().cloned().collect();
    Ok((toml::Value::Table(table).try_into().ok(), keys))
}

/// Every key of a front matter as written, for the unknown-key warnings.
type Keys = BTreeMap<String, IgnoredAny>;

/// A YAML or JSON front matter read once: the fields feedwright knows, and every key.
struct WithRest {
    fm: RawFrontMatter,
    rest: BTreeSet<String>,
}

/// The map is handed to `RawFrontMatter`'s own (derived) reading through [`KeyRecorder`], which
/// notes each key on its way: one pass, without buffering the whole map as
/// `#[serde(flatten)]` would.
impl<'de> Deserialize<'de> for WithRest {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<WithRest, D::Error> {
        struct Visitor;
        impl<'de> serde::de::Visitor<'de> for Visitor {
            type Value = WithRest;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a map of front-matter keys")
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(self, map: A) -> Result<WithRest, A::Error> {
                let mut rest = BTreeSet::new();
                let recorder = KeyRecorder {
                    inner: map,
                    keys: &mut rest,
                };
                let fm = RawFrontMatter::deserialize(
                    serde::de::value::MapAccessDeserializer::new(recorder),
                )?;
                Ok(WithRest { fm, rest })
            }
        }
        d.deserialize_map(Visitor)
    }
}

/// A map whose keys are read as strings, noted, and passed on.
struct KeyRecorder<'k, A> {
    inner: A,
    keys: &'k mut BTreeSet<String>,
}

impl<'de, A: serde::de::MapAccess<'de>> serde::de::MapAccess<'de> for KeyRecorder<'_, A> {
    type Error = A::Error;

    fn next_key_seed<K: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, A::Error> {
        let Some(key) = self.inner.next_key::<String>()? else {
            return Ok(None);
        };
        let value = seed.deserialize(serde::de::value::StrDeserializer::new(&key))?;
        self.keys.insert(key);
        Ok(Some(value))
    }

    fn next_value_seed<V: serde::de::DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, A::Error> {
        self.inner.next_value_seed(seed)
    }
}

/// YAML: a syntax error, or the keys and (if their types are right) the fields.
fn parse_yaml(text: &str, line: usize, path: &Path) -> Result<Parsed, Diagnostic> {
    if text.trim().is_empty() {
        return Ok((Some(RawFrontMatter::default()), vec![]));
    }
    match serde_saphyr::from_str::<WithRest>(text) {
        Ok(w) => Ok((Some(w.fm), w.rest.into_iter().collect())),
        Err(_) => {
            // Syntax errors surface here with their position.
            let _: Keys =
                serde_saphyr::from_str(text).map_err(|e| yaml_error(&e, text, path, line))?;
            Ok((None, vec![]))
        }
    }
}

/// JSON (`---json`): a syntax error, or the keys and (if their types are right) the fields.
fn parse_json(text: &str, line: usize, path: &Path) -> Result<Parsed, Diagnostic> {
    match serde_json::from_str::<WithRest>(text) {
        Ok(w) => Ok((Some(w.fm), w.rest.into_iter().collect())),
        Err(_) => {
            let _: Keys = serde_json::from_str(text).map_err(|e| {
                let message = e.to_string();
                let message = message.split(" at line ").next().unwrap_or("").to_string();
                Diagnostic::error(path, format!("invalid JSON front matter: {message}"))
                    .at(e.line() + line - 1, e.column().max(1))
                    .hint("front matter between ---json and --- must be one JSON object")
            })?;
            Ok((None, vec![]))
        }
    }
}

/// Reads the fields of a block whose first parse found a value of the wrong type, for the
/// error saying which.
fn typed_error(
    syntax: Syntax,
    text: &str,
    line: usize,
    path: &Path,
) -> Result<RawFrontMatter, Diagnostic> {
    match syntax {
        Syntax::Toml => toml::from_str::<RawFrontMatter>(text).map_err(|e| {
            let key = e.span().and_then(|s| wording::key_before(text, s.start));
            let worded =
                key.and_then(|k| wording::wrong_type(e.message(), k, wording::Syntax::Toml));
            let mut d = match worded {
                Some((message, hint)) => Diagnostic::error(path, message).hint(hint),
                None => field_error(e.message().trim(), text, line, path),
            };
            if let Some(s) = e.span() {
                let (l, c) = crate::diagnostics::line_col(text, s.start);
                d.position = Some((l + line - 1, c));
            }
            d
        }),
        Syntax::Yaml => serde_saphyr::from_str::<RawFrontMatter>(text)
            .map_err(|e| yaml_error(&e, text, path, line)),
        Syntax::Json => serde_json::from_str::<RawFrontMatter>(text)
            .map_err(|e| field_error(&e.to_string(), text, line, path)),
    }
}

/// A field with a value of the wrong type, placed on the field's line when the parser says
/// which field it is.
fn field_error(message: &str, text: &str, line: usize, path: &Path) -> Diagnostic {
    let mut d = Diagnostic::error(path, format!("invalid front matter: {}", friendly(message)));
    if let Some(k) = KNOWN_KEYS
        .iter()
        .find(|k| message.contains(&format!("`{k}`")) || message.contains(&format!("{k}:")))
    {
        if let Some(l) = key_line(text, k) {
            d = d.at(l + line - 1, 1);
        }
    }
    d.hint(field_hint(message))
}

/// Says in the user's words what serde's untagged-enum failures mean.
fn friendly(message: &str) -> String {
    let plain = [
        (
            "RawAuthors",
            "`authors` must be a name, a list of names, or a list of {name, email, uri} tables",
        ),
        (
            "RawAuthor",
            "`author` must be a name or a {name, email, uri} table",
        ),
        ("RawTags", "`tags` must be a list of strings"),
        ("RawDate", "dates must be strings or TOML dates"),
    ];
    for (ty, text) in plain {
        if message.contains(&format!("untagged enum {ty}")) {
            return text.to_string();
        }
    }
    message.to_string()
}

fn field_hint(message: &str) -> String {
    if message.contains("RawAuthor") || message.contains("author") {
        "authors is a list of names or of {name, email, uri} tables".into()
    } else if message.contains("RawDate") {
        "dates look like 2026-05-20, 2026-05-20 10:00 or 2026-05-20T10:00:00+03:00".into()
    } else if message.contains("RawTags") {
        "tags is a list of strings, e.g. tags = [\"rust\", \"feeds\"]".into()
    } else {
        "see the README's front-matter reference".into()
    }
}

/// What a breach of the YAML reader's limits (aliases that expand without end, deep nesting)
/// means, in one sentence; `None` for any other error.
fn budget_breach(mut e: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::budget::BudgetBreach as B;
    use serde_saphyr::Error as E;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = e {
        e = error;
    }
    let E::Budget { breach, .. } = e else {
        return None;
    };
    let what = match breach {
        B::Nodes { nodes } => format!("expands to more than {} values", nodes.saturating_sub(1)),
        B::Aliases { aliases } => format!("uses more than {} aliases", aliases.saturating_sub(1)),
        B::AliasAnchorRatio { aliases, anchors } => {
            format!("uses {aliases} aliases of only {anchors} anchors")
        }
        B::Anchors { anchors } => {
            format!("defines more than {} anchors", anchors.saturating_sub(1))
        }
        B::Depth { depth } => format!("nests more than {} levels deep", depth.saturating_sub(1)),
        B::ScalarBytes { total_scalar_bytes } => {
            format!("holds more than {total_scalar_bytes} bytes of text")
        }
        B::MergeKeys { merge_keys } => {
            format!("uses more than {} merge keys", merge_keys.saturating_sub(1))
        }
        _ => "is larger than the YAML reader's limits".to_string(),
    };
    Some(format!(
        "YAML front matter {what}; feedwright reads no more"
    ))
}

fn yaml_error(e: &serde_saphyr::Error, text: &str, path: &Path, line: usize) -> Diagnostic {
    let message = e.without_snippet().to_string();
    // The message carries its own position suffix; keep only the first line.
    let message = message.lines().next().unwrap_or("").trim().to_string();
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    let too_big = budget_breach(e).or_else(|| {
        (message == "recursion limit exceeded")
            .then(|| "YAML front matter nests too deep; feedwright reads no more".to_string())
    });
    // The key whose value is of the wrong type: the one before the error's position.
    let worded = || {
        let loc = e.location().filter(|l| l.line() > 0)?;
        let start = text
            .split_inclusive('\n')
            .take(loc.line() as usize - 1)
            .map(str::len)
            .sum::<usize>();
        let offset = (start + (loc.column().max(1) as usize - 1)).min(text.len());
        let key = wording::key_before(text, offset)?;
        let written = text[offset..].lines().next().unwrap_or("");
        wording::wrong_type(&message, key, wording::Syntax::Yaml)
            .or_else(|| wording::wrong_yaml_scalar(&message, key, written))
    };
    let (message, hint) = match too_big {
        Some(sentence) => (sentence, TOO_BIG_HINT.to_string()),
        None if worded().is_some() => worded().expect("just seen"),
        None => (
            format!("invalid YAML front matter: {}", friendly(&message)),
            field_hint(&message),
        ),
    };
    let d = Diagnostic::error(path, message);
    let d = match e.location() {
        Some(loc) if loc.line() > 0 => {
            d.at(loc.line() as usize + line - 1, loc.column().max(1) as usize)
        }
        _ => d,
    };
    d.hint(hint)
}

/// The hint for front matter beyond the YAML reader's limits.
const TOO_BIG_HINT: &str =
    "write the values out: YAML aliases (*name) and deep nesting are for data files, not front matter";

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn json_front_matter_is_read_between_json_fences() {
        let text =
            "---json\n{\n\t\"title\": \"J\",\n\t\"draft\": true,\n\t\"layout\": null\n}\n---\nbody";
        let s = split(text).unwrap();
        let (syntax, src, line) = s.front.unwrap();
        assert_eq!((syntax, s.body, s.body_line), (Syntax::Json, "body", 8));
        let v = Vocabulary::ELEVENTY;
        let (fm, warnings) = parse(syntax, src, line, Path::new("a.md"), &v).unwrap();
        assert_eq!((fm.title.as_deref(), fm.draft), (Some("J"), Some(true)));
        assert!(warnings.is_empty(), "{warnings:?}");
        let bad = parse(Syntax::Json, "{\"title\": }\n", 2, Path::new("a.md"), &v).unwrap_err();
        assert!(
            bad.message.starts_with("invalid JSON front matter"),
            "{bad:?}"
        );
        assert!(split("---json\n{}\n").unwrap_err().contains("`---json`"));
    }

    #[test]
    fn yaml_dates_that_psych_keeps_as_text() {
        let text = |v: &str| TextDates::of(&format!("title: x\ndate: {v}\n")).date;
        for v in [
            "\"2024-01-04 23:30:00\"",
            "'2024-01-04 23:30:00'",
            "2024-01-04 23:30",
            "!!str 2024-01-04 23:30:00",
            "|\n  2024-01-04 23:30:00",
        ] {
            assert!(text(v), "{v}");
        }
        for v in [
            "2024-01-04 23:30:00",
            "2024-01-04T23:30:00",
            "2024-1-4  9:30:00.25",
            "2024-01-04 23:30:00 +0200",
            "2024-01-04 23:30:00 -07:00",
            "2024-01-04t23:30:00Z",
            "2024-01-04 23:30:00 +020",
            "2024-01-04 23:30:00 # a comment",
        ] {
            assert!(!text(v), "{v}");
        }
        // A bare day is a Date to Psych, read at the site's midnight either way.
        assert!(text("2024-01-04"));
        assert!(!TextDates::of("x:\n  date: \"2024-01-04 10:00\"\n").date);
        let both =
            TextDates::of("date: 2024-01-04 10:00:00\nlast_modified_at: \"2024-01-05 10:00\"\n");
        assert_eq!((both.date, both.last_modified_at), (false, true));
    }

    #[test]
    fn splits_toml_yaml_and_none() {
        let s = split("+++\ntitle = \"a\"\n+++\nbody\n").unwrap();
        assert_eq!(s.front, Some((Syntax::Toml, "title = \"a\"\n", 2)));
        assert_eq!((s.body, s.body_line), ("body\n", 4));
        let s = split("---\r\ntitle: a\r\n---\r\nbody").unwrap();
        assert_eq!(s.front, Some((Syntax::Yaml, "title: a\r\n", 2)));
        assert_eq!(s.body, "body");
        let s = split("just text\n---\n").unwrap();
        assert_eq!((s.front, s.body_line), (None, 1));
        assert!(split("+++\ntitle = 1\n").is_err());
        let s = split("+++\n+++").unwrap();
        assert_eq!(s.front, Some((Syntax::Toml, "", 2)));
        assert_eq!(s.body, "");
    }

    #[test]
    fn parses_both_syntaxes_and_reports_unknown_keys() {
        let p = Path::new("a.md");
        let (fm, unknown) = parse(
            Syntax::Toml,
            "title = \"A\"\ndate = 2026-01-02\nweight = 3\n",
            2,
            p,
            &Vocabulary::FEEDWRIGHT,
        )
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("A"));
        assert!(fm.date.is_some());
        let unknown: Vec<String> = unknown.iter().map(ToString::to_string).collect();
        assert_eq!(
            unknown,
            [
                "a.md:4:1: warning: unknown front-matter key `weight` is ignored\n  \
              hint: feedwright ignores it; --strict makes this an error"
            ]
        );
        let (fm, unknown) = parse(
            Syntax::Yaml,
            "title: A\ndate: 2026-01-02\nauthors: [a, {name: B}]\n",
            2,
            p,
            &Vocabulary::FEEDWRIGHT,
        )
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("A"));
        assert!(matches!(fm.date, Some(RawDate::Str(ref s)) if s == "2026-01-02"));
        assert!(matches!(fm.authors, Some(RawAuthors::Many(ref v)) if v.len() == 2));
        assert!(unknown.is_empty());
    }

    #[test]
    fn toml_errors_point_into_the_file() {
        let e = parse(
            Syntax::Toml,
            "title = \"A\"\ndate = \n",
            2,
            Path::new("a.md"),
            &Vocabulary::FEEDWRIGHT,
        )
        .unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(3), "{e}");
        let e = parse(
            Syntax::Toml,
            "title = 5\n",
            2,
            Path::new("a.md"),
            &Vocabulary::FEEDWRIGHT,
        )
        .unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(2), "{e}");
    }

    #[test]
    fn yaml_beyond_the_readers_limits_reads_as_a_sentence() {
        let sentence = |what: &str| format!("YAML front matter {what}; feedwright reads no more");
        // An alias bomb, against a small budget (the default one takes seconds to reach in a
        // debug build).
        let bomb = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n";
        let mut budget = serde_saphyr::Budget::default();
        budget.max_nodes = 20;
        let mut options = serde_saphyr::Options::default();
        options.budget = Some(budget);
        let e =
            serde_saphyr::from_str_with_options::<serde_json::Value>(bomb, options).unwrap_err();
        let d = yaml_error(&e, bomb, Path::new("a.md"), 2);
        assert_eq!(d.message, sentence("expands to more than 20 values"));
        assert_eq!(d.hint.as_deref(), Some(TOO_BIG_HINT));
        let deep = format!("title: x\nd: {}{}\n", "[".repeat(5000), "]".repeat(5000));
        let d = parse(
            Syntax::Yaml,
            &deep,
            2,
            Path::new("a.md"),
            &Vocabulary::FEEDWRIGHT,
        )
        .unwrap_err();
        assert_eq!(d.message, sentence("nests too deep"));
        assert_eq!(d.hint.as_deref(), Some(TOO_BIG_HINT));
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let e = parse(
            Syntax::Yaml,
            "title: A\ndraft: [\n",
            2,
            Path::new("a.md"),
            &Vocabulary::FEEDWRIGHT,
        )
        .unwrap_err();
        assert!(e.position.is_some(), "{e}");
        assert!(e.position.unwrap().0 >= 3, "{e}");
    }
}
