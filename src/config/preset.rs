//! `[site] preset`: the site generator whose conventions feedwright follows.
//!
//! A site that already exists was written for Hugo, Jekyll, Zola or Eleventy; naming the
//! generator lets feedwright read its folder the way the generator does (which files are
//! articles, and more as presets grow) instead of asking the user to restate every convention.
//! Without a preset, feedwright's own rules apply.

use serde::Deserialize;

/// A site generator whose conventions apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// Hugo.
    Hugo,
    /// Jekyll.
    Jekyll,
    /// Zola.
    Zola,
    /// Eleventy (11ty).
    Eleventy,
}
