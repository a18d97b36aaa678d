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
    text: Placed<'_, String>,
    name: &str,
    per: Option<&Per>,
    problems: &mut Problems<'_>,
) {
    let want = per.map(|p| p.kind.placeholder());
    let at = text.map_or(0, |(_, at)| at);
    let text = text.map(|(t, _)| t.as_str());
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
            problems.error_at(at, format!("feed {name:?}: {key} {text:?} has {p}"), hint);
            return;
        }
    }
    if let (Some(text), Some(want), "title") = (text, want, key) {
        if !text.contains(want) {
            problems.error_at(
                at,
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

    /// The errors of a config of a first feed `main` and then `feeds` (from line 9).
    fn errors(feeds: &str) -> Vec<String> {
        let text = format!(
            "[site]\ntitle = \"Log\"\nurl = \"https://x.org/\"\ndescription = \"D\"\n\
             author = {{ name = \"Ann\" }}\n[[feeds]]\nname = \"main\"\nrss = \"rss.xml\"\n{feeds}"
        );
        let site = crate::config::Site::from_str(&text, "feeds.toml".as_ref(), "".as_ref());
        let errors = site.err().unwrap_or_default();
        errors
            .iter()
            .map(|d| d.to_string().replace("\n  hint", " // hint"))
            .collect()
    }

    #[test]
    fn paths_and_titles_hold_the_right_placeholder_once_each_error_on_its_line() {
        let feed = |body: &str| format!("[[feeds]]\nname = \"t\"\n{body}");
        assert_eq!(
            errors(&feed("per = \"tag\"\nrss = \"tags/{tag}/rss.xml\"\natom = \"tags.atom\"\n")),
            ["feeds.toml:13:1: error: feed \"t\": atom \"tags.atom\" has {tag} nowhere // hint: \
              a feed with per = \"tag\" writes one file per tag at a path holding {tag} once, \
              e.g. atom = \"tags/{tag}/atom.xml\""]
        );
        assert_eq!(
            errors(&feed("per = \"tag\"\nrss = \"{author}/{tag}.xml\"\n")),
            [
                "feeds.toml:12:1: error: feed \"t\": rss \"{author}/{tag}.xml\" has {author}, but \
              the feed is per = \"tag\" // hint: a feed with per = \"tag\" writes one file per tag \
              at a path holding {tag} once, e.g. rss = \"tags/{tag}/rss.xml\""
            ]
        );
        assert_eq!(
            errors(&feed(
                "per = \"author\"\njson = \"{author}/{author}.json\"\n"
            ))[0],
            "feeds.toml:12:1: error: feed \"t\": json \"{author}/{author}.json\" has {author} \
             more than once // hint: a feed with per = \"author\" writes one file per author at a \
             path holding {author} once, e.g. json = \"authors/{author}/feed.json\""
        );
        assert_eq!(
            errors(&feed("rss = \"tags/{tag}.xml\"\nmin_entries = 2\n")),
            [
                "feeds.toml:12:1: error: feed \"t\": min_entries needs per = \"tag\" or per = \
                 \"author\" // hint: remove min_entries, or add per = \"tag\" to make one feed \
                 per tag",
                "feeds.toml:11:1: error: feed \"t\": rss \"tags/{tag}.xml\" has {tag} but the feed \
                 has no `per` // hint: add per = \"tag\" to write one feed per value, or remove \
                 {tag} from the path"
            ]
        );
        assert_eq!(
            errors(&feed("per = \"tags\"\nrss = \"x.xml\"\n")),
            [
                "feeds.toml:11:1: error: feed \"t\": per \"tags\" is not \"tag\" or \"author\" // \
              hint: use per = \"tag\" (one feed per tag) or per = \"author\" (one per author)"
            ]
        );
        assert_eq!(
            errors(&feed(
                "per = \"tag\"\nmin_entries = 0\nrss = \"{tag}.xml\"\n\
                 archive = { page_size = 2, path = \"a/{n}.xml\" }\n"
            )),
            [
                "feeds.toml:12:1: error: feed \"t\": min_entries = 0 would make feeds without \
                 entries // hint: use 1 (the default) or more",
                "feeds.toml:11:1: error: feed \"t\": archive pages are not made for feeds with \
                 `per` // hint: remove archive from this entry, or write a [[feeds]] entry per \
                 value with its own archive"
            ]
        );
        let title = errors(&feed(
            "per = \"author\"\nrss = \"{author}.xml\"\ntitle = \"People\"\n",
        ));
        assert_eq!(
            title,
            ["feeds.toml:13:1: error: feed \"t\": title \"People\" has no {author}, so every feed \
              it makes would have the same title // hint: name the value in the title, e.g. \
              title = \"{site} - {author}\""]
        );
        let wrong = errors(&feed("rss = \"x.xml\"\ndescription = \"On {tag}\"\n"));
        assert_eq!(
            wrong,
            [
                "feeds.toml:12:1: error: feed \"t\": description \"On {tag}\" has {tag} // hint: \
              add per = \"tag\" to write one feed per value, or remove {tag}"
            ]
        );
        assert!(errors(&feed("per = \"author\"\nrss = \"by-{author}.xml\"\n")).is_empty());
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
