//! `include` and `exclude`: which files under the articles folder a site reads, or a feed keeps.
//!
//! An existing site's content folder holds more than articles (about pages, a second section
//! with its own feed, old drafts), so the user says which paths count, with globs relative to
//! the articles folder (`/`-separated; `*` stays within one folder, `**` crosses folders). A
//! pattern without wildcards that names a folder matches everything under it, so
//! `exclude = ["drafts"]` works as people expect, while `include = ["blog/*"]` keeps only the
//! files directly in `blog`, as the generators' own globs do. The patterns are compiled once, when the config is read; a bad pattern is
//! a config error on its line.

use std::path::{Path, PathBuf};

use globset::{GlobBuilder, GlobSet, GlobSetBuilder};

use crate::diagnostics::Problems;

/// One list of patterns, compiled, with the text written (for messages).
#[derive(Debug, Clone)]
pub struct Patterns {
    /// The patterns as written.
    pub written: Vec<String>,
    /// The patterns with wildcards: matched against the file's path.
    set: GlobSet,
    /// The patterns without wildcards: the file's path or one of its folders.
    paths: Vec<PathBuf>,
}

impl Patterns {
    /// True when `rel` (relative to the articles folder) matches a pattern with wildcards, or
    /// it or one of its folders is a pattern without any.
    pub fn matches(&self, rel: &Path) -> bool {
        self.set.is_match(rel) || self.paths.iter().any(|p| rel.starts_with(p))
    }

    /// The list as it would be written in `feeds.toml`, e.g. `["drafts/**", "*.txt"]`.
    pub fn shown(&self) -> String {
        let quoted: Vec<String> = self.written.iter().map(|p| format!("{p:?}")).collect();
        format!("[{}]", quoted.join(", "))
    }
}

/// `include` and `exclude` of `[site]` or of one `[[feeds]]`.
#[derive(Debug, Clone, Default)]
pub struct Files {
    /// Only paths matching one of these (absent: every path).
    pub include: Option<Patterns>,
    /// No path matching one of these.
    pub exclude: Option<Patterns>,
}

/// Why [`Files::admits`] turned a path down.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// It matches no `include` pattern.
    NotIncluded,
    /// It matches an `exclude` pattern.
    Excluded,
}

impl Files {
    /// Whether the file `rel` (relative to the articles folder) is taken.
    pub fn admits(&self, rel: &Path) -> Result<(), Refusal> {
        if let Some(include) = &self.include {
            if !include.matches(rel) {
                return Err(Refusal::NotIncluded);
            }
        }
        match &self.exclude {
            Some(exclude) if exclude.matches(rel) => Err(Refusal::Excluded),
            _ => Ok(()),
        }
    }

    /// True when neither list is given.
    pub fn is_empty(&self) -> bool {
        self.include.is_none() && self.exclude.is_none()
    }
}

/// Compiles `include` and `exclude` as written; `owner` says whose they are in messages
/// (`[site]` or `feed "name"`).
pub(crate) fn files(
    include: Option<Vec<String>>,
    exclude: Option<Vec<String>>,
    owner: &str,
    problems: &mut Problems<'_>,
) -> Files {
    Files {
        include: include.and_then(|p| patterns(p, "include", owner, problems)),
        exclude: exclude.and_then(|p| patterns(p, "exclude", owner, problems)),
    }
}

/// One list; `None` (with an error) when a pattern does not compile.
fn patterns(
    written: Vec<String>,
    key: &str,
    owner: &str,
    problems: &mut Problems<'_>,
) -> Option<Patterns> {
    let mut set = GlobSetBuilder::new();
    let mut paths = Vec::new();
    let mut ok = true;
    for pattern in &written {
        let trimmed = pattern.trim_start_matches("./");
        if !trimmed.contains(['*', '?', '[', '{', '\\']) {
            paths.push(PathBuf::from(trimmed.trim_end_matches('/')));
            continue;
        }
        let glob = GlobBuilder::new(trimmed)
            .literal_separator(true)
            .backslash_escape(true)
            .build();
        match glob {
            Ok(g) => {
                set.add(g);
            }
            Err(e) => {
                ok = false;
                problems.error(
                    key,
                    format!(
                        "{owner} {key}: pattern {pattern:?} is not a glob: {}",
                        e.kind()
                    ),
                    "write paths relative to the articles folder, e.g. \"posts/**\" or \"*.md\"",
                );
            }
        }
    }
    let set = set.build().ok().filter(|_| ok)?;
    Some(Patterns {
        written,
        set,
        paths,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn files(include: &[&str], exclude: &[&str]) -> Files {
        let list = |v: &[&str]| (!v.is_empty()).then(|| v.iter().map(|s| s.to_string()).collect());
        let mut problems = Problems::new(Path::new("feeds.toml"));
        let f = super::files(list(include), list(exclude), "[site]", &mut problems);
        assert!(!problems.has_errors());
        f
    }

    #[test]
    fn star_stays_in_its_folder_and_a_folder_match_covers_its_files() {
        let f = files(&["post/*.md", "news/", "blog/*"], &["news/old/**", "**/_*"]);
        let admits = |p: &str| f.admits(Path::new(p));
        assert_eq!(admits("post/a.md"), Ok(()));
        assert_eq!(admits("post/sub/a.md"), Err(Refusal::NotIncluded));
        assert_eq!(admits("news/sub/a.md"), Ok(()));
        assert_eq!(admits("news/old/a.md"), Err(Refusal::Excluded));
        assert_eq!(admits("post/_draft.md"), Err(Refusal::Excluded));
        assert_eq!(admits("about.md"), Err(Refusal::NotIncluded));
        assert_eq!(admits("blog/a.md"), Ok(()));
        assert_eq!(admits("blog/extras/a.md"), Err(Refusal::NotIncluded));
        assert_eq!(admits("newsroom/a.md"), Err(Refusal::NotIncluded));
        assert_eq!(f.exclude.unwrap().shown(), r#"["news/old/**", "**/_*"]"#);
    }

    #[test]
    fn a_bad_pattern_is_a_config_error() {
        let mut problems = Problems::new(Path::new("feeds.toml"));
        let f = super::files(None, Some(vec!["a[".into()]), "[site]", &mut problems);
        assert!(f.exclude.is_none());
        let all: Vec<String> = problems.into_vec().iter().map(|d| d.to_string()).collect();
        assert!(
            all[0].contains("[site] exclude: pattern \"a[\" is not a glob"),
            "{all:?}"
        );
    }
}
