//! `feeds.toml` exactly as written: serde structs and nothing checked but the shape.
//!
//! Kept apart from the validated types so that what the user typed never passes for what the
//! program trusts. `deny_unknown_fields` makes a typo an error; [`parse`] turns toml's error
//! into a [`Diagnostic`] with its position and, for an unknown key, a did-you-mean hint.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use super::preset::Preset;
use crate::diagnostics::{did_you_mean, Diagnostic};
use crate::text::{fold, strip_forbidden};

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawConfig {
    pub site: RawSite,
    #[serde(default)]
    pub authors: BTreeMap<String, RawPerson>,
    #[serde(default)]
    pub feeds: Option<Vec<RawFeed>>,
    /// `[variables]`: values template syntax in bodies may read.
    #[serde(default)]
    pub variables: toml::Table,
}

/// `[site]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawSite {
    pub title: String,
    pub url: String,
    pub description: String,
    pub language: Option<String>,
    pub timezone: Option<String>,
    pub author: RawPerson,
    pub copyright: Option<String>,
    pub articles: Option<String>,
    pub output: Option<String>,
    pub permalink: Option<String>,
    pub sanitize: Option<bool>,
    pub preset: Option<Preset>,
    pub include: Option<Vec<String>>,
    pub exclude: Option<Vec<String>>,
    pub id: Option<String>,
    pub slugify: Option<String>,
    pub date_from_path: Option<bool>,
}

/// `[site] author` or an entry of `[authors]`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawPerson {
    pub name: String,
    pub email: Option<String>,
    pub uri: Option<String>,
}

/// One `[[feeds]]` table.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawFeed {
    pub name: String,
    pub title: Option<String>,
    pub description: Option<String>,
    pub rss: Option<String>,
    pub atom: Option<String>,
    pub json: Option<String>,
    pub limit: Option<usize>,
    pub tags: Option<Vec<String>>,
    pub authors: Option<Vec<String>>,
    pub content: Option<String>,
    pub summary_length: Option<usize>,
    pub include: Option<Vec<String>>,
    pub exclude: Option<Vec<String>>,
    pub id: Option<String>,
}

/// The keys of `[site]`, for did-you-mean.
const SITE_KEYS: &[&str] = &[
    "title",
    "url",
    "description",
    "language",
    "timezone",
    "author",
    "copyright",
    "articles",
    "output",
    "permalink",
    "sanitize",
    "preset",
    "include",
    "exclude",
    "id",
    "slugify",
    "date_from_path",
];
/// The keys of `[[feeds]]`, for did-you-mean.
const FEED_KEYS: &[&str] = &[
    "name",
    "title",
    "description",
    "rss",
    "atom",
    "json",
    "limit",
    "tags",
    "authors",
    "content",
    "summary_length",
    "include",
    "exclude",
    "id",
];

/// Reads config `text` (from `shown`, for messages) into the raw structs.
pub(crate) fn parse(text: &str, shown: &Path) -> Result<RawConfig, Diagnostic> {
    toml::from_str(text).map_err(|e| toml_error(&e, text, shown))
}

/// A text value as the pipeline keeps it: characters feeds cannot carry removed, white space
/// folded.
pub(crate) fn clean(s: &str) -> String {
    fold(&strip_forbidden(s))
}

/// Turns a toml error into a diagnostic with position and, for unknown keys, a did-you-mean.
fn toml_error(e: &toml::de::Error, text: &str, shown: &Path) -> Diagnostic {
    let message = e.message().trim().to_string();
    let mut d = Diagnostic::error(shown, message.clone());
    if let Some(span) = e.span() {
        d = d.at_offset(text, span.start, 0);
    }
    if let Some(unknown) = message
        .strip_prefix("unknown field `")
        .and_then(|r| r.split('`').next())
    {
        let candidates: Vec<&str> = if SITE_KEYS.contains(&unknown) || FEED_KEYS.contains(&unknown)
        {
            vec![]
        } else {
            SITE_KEYS.iter().chain(FEED_KEYS).copied().collect()
        };
        let expected: Vec<&str> = message.split('`').skip(3).step_by(2).collect();
        let pool = if expected.is_empty() {
            candidates
        } else {
            expected
        };
        d = match did_you_mean(unknown, &pool) {
            Some(s) => d.hint(format!("did you mean `{s}`?")),
            None => d.hint("remove the key; see the README for the keys feeds.toml accepts"),
        };
    } else if message.starts_with("missing field") {
        d = d.hint("see the README's feeds.toml reference for required keys");
    }
    d
}
