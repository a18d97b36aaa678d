//! `per = "tag"` / `per = "author"`: one `[[feeds]]` entry that stands for one feed per tag or
//! per author, checked as written.
//!
//! Which feeds such an entry makes depends on the articles (see [`crate::feeds`]); what can be
//! checked from `feeds.toml` alone is checked here, each problem on its own line: every output
//! path holds the entry's placeholder (`{tag}` or `{author}`) exactly once and no other one, a
//! path or title of an entry without `per` holds none, the title holds the placeholder (else
//! every generated feed would share one title), `min_entries` is given only with `per`, and
//! keys the generated feeds cannot honour (`archive`) are refused. [`fill`] and [`matches`] are
//! the one way a path pattern is expanded and recognised, so `build --prune` deletes only files
//! a generated feed of the config would write.

use super::feed::Format;
use crate::diagnostics::Problems;

/// What a generated feed is made per.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PerKind {
    /// One feed per tag articles carry.
    Tag,
    /// One feed per author articles name.
    Author,
}

impl PerKind {
    /// The `per` value, also the name of the values in messages.
    pub fn key(self) -> &'static str {
        match self {
            PerKind::Tag => "tag",
            PerKind::Author => "author",
        }
    }

    /// The placeholder paths and titles hold: `{tag}` or `{author}`.
    pub fn placeholder(self) -> &'static str {
        match self {
            PerKind::Tag => "{tag}",
            PerKind::Author => "{author}",
        }
    }
}

/// The placeholders a generated feed may use, and no other feed may.
const PLACEHOLDERS: [&str; 2] = ["{tag}", "{author}"];

/// `per` and `min_entries` of one `[[feeds]]` entry, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Per {
    /// Tag or author.
    pub kind: PerKind,
    /// A value with fewer entries (at "now": no drafts, no scheduled articles) gets no feed.
    pub min_entries: usize,
    /// The line of `feeds.toml` that sets `per`, for problems found once articles are read.
    pub line: Option<usize>,
}

/// What a feed made by a `per` entry was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Generated {
    /// The name of the `[[feeds]]` entry that made it.
    pub entry: String,
    /// Tag or author.
    pub kind: PerKind,
    /// The tag or the author's name, as articles write it.
    pub value: String,
    /// Its slug, as it stands in the feed's paths.
    pub slug: String,
}

/// A key's value and its byte offset in `feeds.toml`.
pub(crate) type Placed<'a, T> = Option<(&'a T, usize)>;

/// `per` and `min_entries` of feed `name`.
pub(crate) fn per(
    raw: Placed<'_, String>,
    min_entries: Placed<'_, usize>,
    name: &str,
    problems: &mut Problems<'_>,
) -> Option<Per> {
    let Some((kind, offset)) = raw else {
        if let Some((_, at)) = min_entries {
            problems.error_at(
                at,
                format!("feed {name:?}: min_entries needs per = \"tag\" or per = \"author\""),
                "remove min_entries, or add per = \"tag\" to make one feed per tag",
            );
        }
        return None;
    };
    let kind = match kind.as_str() {
        "tag" => PerKind::Tag,
        "author" => PerKind::Author,
        other => {
            problems.error_at(
                offset,
                format!("feed {name:?}: per {other:?} is not \"tag\" or \"author\""),
                "use per = \"tag\" (one feed per tag) or per = \"author\" (one per author)",
            );
            return None;
        }
    };
    let min = match min_entries {
        None => 1,
        Some((0, at)) => {
            problems.error_at(
                at,
                format!("feed {name:?}: min_entries = 0 would make feeds without entries"),
                "use 1 (the default) or more",
            );
            1
        }
        Some((&n, _)) => n,
    };
    Some(Per {
        kind,
        min_entries: min,
        line: problems.line_at(offset),
    })
}

/// Checks the output path `file` (the `format` key at `offset`) of feed `name`, made `per`
/// (or not): with `per`, its placeholder exactly once and no other; without, none.
pub(crate) fn check_path(
    file: &str,
    format: Format,
    offset: usize,
    name: &str,
    per: Option<&Per>,
    problems: &mut Problems<'_>,
) {
    let key = format.key();
    match per {
        None => {
            if let Some(p) = PLACEHOLDERS.iter().find(|p| file.contains(*p)) {
                problems.error_at(
                    offset,
                    format!("feed {name:?}: {key} {file:?} has {p} but the feed has no `per`"),
                    format!(
                        "add per = \"{}\" to write one feed per value, or remove {p} from the path",
                        &p[1..p.len() - 1]
                    ),
                );
            }
        }
        Some(per) => {
            let want = per.kind.placeholder();
            let hint = format!(
                "a feed with per = \"{}\" writes one file per {} at a path holding {want} once, \
                 e.g. {key} = \"{}s/{want}/{}\"",
                per.kind.key(),
                per.kind.key(),
                per.kind.key(),
                example_file(format)
            );
            if let Some(other) = PLACEHOLDERS
                .iter()
                .find(|p| **p != want && file.contains(*p))
            {
                problems.error_at(
                    offset,
                    format!(
                        "feed {name:?}: {key} {file:?} has {other}, but the feed is per = \"{}\"",
                        per.kind.key()
                    ),
                    hint,
                );
            } else if file.matches(want).count() != 1 {
                let how = if file.contains(want) {
                    "more than once"
                } else {
                    "nowhere"
                };
                problems.error_at(
                    offset,
                    format!("feed {name:?}: {key} {file:?} has {want} {how}"),
                    hint,
                );
            } else if fill(file, "x").split('/').any(|s| s == "." || s == "..") {
                problems.error_at(
                    offset,
                    format!("feed {name:?}: {key} {file:?} has {want} beside `.`"),
                    hint,
                );
            }
        }
    }
}

/// A file name of the format, for hints.
fn example_file(format: Format) -> &'static str {
    match format {
        Format::Rss => "rss.xml",
        Format::Atom => "atom.xml",
        Format::Json => "feed.json",
    }
}

/// Checks the `title` or `description` (`key`, text `text`) of feed `name`: placeholders only
/// with `per`, and the right one; a title of a feed with `per` must hold its placeholder.
pub(crate) fn check_text(
    key: &str,
    text: Option<&str>,
    name: &str,
    per: Option<&Per>,
    problems: &mut Problems<'_>,
) {
    let want = per.map(|p| p.kind.placeholder());
    if let Some(text) = text {
        if let Some(p) = PLACEHOLDERS
            .iter()
            .find(|p| Some(**p) != want && text.contains(*p))
        {
            let hint = match per {
                Some(per) => format!(
                    "a feed with per = \"{}\" names its value with {}",
                    per.kind.key(),
                    per.kind.placeholder()
                ),
                None => format!(
                    "add per = \"{}\" to write one feed per value, or remove {p}",
                    &p[1..p.len() - 1]
                ),
            };
            problems.error(key, format!("feed {name:?}: {key} {text:?} has {p}"), hint);
            return;
        }
    }
    if let (Some(text), Some(want), "title") = (text, want, key) {
        if !text.contains(want) {
            problems.error(
                key,
                format!(
                    "feed {name:?}: title {text:?} has no {want}, so every feed it makes would \
                     have the same title"
                ),
                format!("name the value in the title, e.g. title = \"{{site}} - {want}\""),
            );
        }
    }
}

/// The title of a generated feed whose entry gives none.
pub(crate) fn default_title(kind: PerKind) -> String {
    format!("{{site}} - {}", kind.placeholder())
}

/// `pattern` with its one placeholder (`{tag}` or `{author}`) replaced by `value`.
pub fn fill(pattern: &str, value: &str) -> String {
    let mut out = pattern.to_string();
    for p in PLACEHOLDERS {
        out = out.replace(p, value);
    }
    out
}

/// `text` (a title or description) with `{site}` and the placeholder of `kind` filled.
pub(crate) fn fill_text(text: &str, kind: PerKind, site: &str, value: &str) -> String {
    text.replace("{site}", site)
        .replace(kind.placeholder(), value)
}

/// The value a path `rel` (relative to the output folder, `/`-separated) has where `pattern`
/// has its placeholder, when `rel` is a path `pattern` makes: the text around the placeholder
/// equal, the value one non-empty path segment part (no `/`, not `.` or `..`).
pub fn matches<'a>(pattern: &str, rel: &'a str) -> Option<&'a str> {
    let (at, p) = PLACEHOLDERS
        .iter()
        .find_map(|p| pattern.find(p).map(|at| (at, p)))?;
    let (before, after) = (&pattern[..at], &pattern[at + p.len()..]);
    let value = rel.strip_prefix(before)?.strip_suffix(after)?;
    let whole_segment = before.is_empty() || before.ends_with('/');
    let whole_segment = whole_segment && (after.is_empty() || after.starts_with('/'));
    let ok = !value.is_empty()
        && !value.contains('/')
        && !(whole_segment && (value == "." || value == ".."));
    ok.then_some(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_pattern_fills_and_recognises_one_segment() {
        assert_eq!(fill("tags/{tag}/rss.xml", "café"), "tags/café/rss.xml");
        assert_eq!(
            matches("tags/{tag}/rss.xml", "tags/rust/rss.xml"),
            Some("rust")
        );
        assert_eq!(matches("t-{tag}.xml", "t-rust.xml"), Some("rust"));
        assert_eq!(matches("{author}.json", "jane-doe.json"), Some("jane-doe"));
        for other in [
            "tags/rss.xml",
            "tags//rss.xml",
            "tags/a/b/rss.xml",
            "tags/../rss.xml",
            "tags/rust/atom.xml",
            "x/tags/rust/rss.xml",
            "t-.xml",
        ] {
            assert_eq!(matches("tags/{tag}/rss.xml", other), None, "{other}");
        }
        assert_eq!(matches("t-{tag}.xml", "t-.xml"), None);
        assert_eq!(matches("rss.xml", "rss.xml"), None, "no placeholder");
    }

    #[test]
    fn titles_fill_the_site_and_the_value() {
        assert_eq!(
            fill_text("{site} - {tag}", PerKind::Tag, "Log", "Café"),
            "Log - Café"
        );
        assert_eq!(
            fill_text("{site}: {author}", PerKind::Author, "Log", "Jane"),
            "Log: Jane"
        );
    }
}
