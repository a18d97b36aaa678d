//! `[site] preset`: the generator a site's folder was written for.
//!
//! A folder written for Hugo, Jekyll, Zola or Eleventy keeps that generator's conventions; the
//! preset names which, so the rest of the pipeline can read the folder the way that generator
//! would (its template syntax in bodies, for one). Absent, the site speaks feedwright's own
//! conventions and nothing changes.

use serde::Deserialize;

/// A generator whose conventions a site follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Preset {
    /// Hugo: shortcodes `{{< >}}` / `{{% %}}`.
    Hugo,
    /// Jekyll: Liquid before Markdown.
    Jekyll,
    /// Zola: `@/` internal links, heading attributes, Tera shortcodes.
    Zola,
    /// Eleventy: Liquid before Markdown, markdown-it `:::` containers.
    Eleventy,
}
