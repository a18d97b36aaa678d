//! Which articles go into which feed: drafts, scheduled articles, filters (tags, authors, the
//! feed's `include`/`exclude` globs on the file's path), order and limit.
//!
//! Pure: "now" is an argument, never read from the clock here. Order is newest first by
//! publication date, ties broken by id and then by file path, so the result never depends on
//! the order files were found or on thread scheduling.

use std::path::Path;

use chrono::{DateTime, FixedOffset};

use crate::article::Article;
use crate::config::FeedSpec;

/// What is left out of every feed, for the build report.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    /// Drafts left out (0 with `--drafts`).
    pub drafts: usize,
    /// Articles dated after "now".
    pub scheduled: usize,
}

/// True when `a` may appear in a feed at `now`.
pub fn is_live(a: &Article, now: DateTime<FixedOffset>, drafts: bool) -> bool {
    (drafts || !a.draft) && !is_scheduled(a, now)
}

/// True when `a` is dated (or held back by a generator's publish date) after `now`.
fn is_scheduled(a: &Article, now: DateTime<FixedOffset>) -> bool {
    a.live_from.unwrap_or(a.published) > now
}

/// Counts what is held back from all feeds.
pub fn held(articles: &[Article], now: DateTime<FixedOffset>, drafts: bool) -> Held {
    let mut h = Held::default();
    for a in articles {
        if a.draft && !drafts {
            h.drafts += 1;
        } else if is_scheduled(a, now) {
            h.scheduled += 1;
        }
    }
    h
}

/// True when the feed's `include`/`exclude` globs keep `a`, whose path is under `root` (the
/// articles folder as paths are shown).
fn kept_by_globs(a: &Article, spec: &FeedSpec, root: &Path) -> bool {
    spec.files.is_empty()
        || spec
            .files
            .admits(a.path.strip_prefix(root).unwrap_or(&a.path))
            .is_ok()
}

/// True when the feed `spec` keeps `a` by its filters (tags, authors, globs), whatever its
/// date or draft status; `root` as in [`select`].
pub fn kept(a: &Article, spec: &FeedSpec, root: &Path) -> bool {
    (spec.tags.is_empty() || a.tags.iter().any(|t| spec.tags.contains(t)))
        && (spec.authors.is_empty() || a.authors.iter().any(|p| spec.authors.contains(&p.name)))
        && kept_by_globs(a, spec, root)
}

/// The indices into `articles` of one feed's entries, newest first, at most `spec.limit` (all
/// of them for a feed with an archive: see [`crate::archive::split`]).
/// `root` is the articles folder as article paths show it (the feed's globs are relative to it).
pub fn select(
    articles: &[Article],
    spec: &FeedSpec,
    root: &Path,
    now: DateTime<FixedOffset>,
    drafts: bool,
) -> Vec<usize> {
    let mut picked: Vec<usize> = (0..articles.len())
        .filter(|&i| {
            let a = &articles[i];
            is_live(a, now, drafts) && kept(a, spec, root)
        })
        .collect();
    picked.sort_by(|&x, &y| {
        let (a, b) = (&articles[x], &articles[y]);
        b.published
            .cmp(&a.published)
            .then_with(|| a.id.cmp(&b.id))
            .then_with(|| a.path.cmp(&b.path))
    });
    match spec.limit {
        // An archived feed shows every entry: its pages hold what the limit leaves out.
        Some(n) if spec.archive.is_none() => picked.truncate(n),
        _ => {}
    }
    picked
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::article::BodyKind;
    use crate::config::Person;

    fn art(id: &str, date: &str, tags: &[&str], draft: bool) -> Article {
        Article {
            path: format!("{id}.md").into(),
            title: id.into(),
            published: DateTime::parse_from_rfc3339(date).unwrap(),
            updated: None,
            live_from: None,
            authors: vec![std::sync::Arc::new(Person {
                name: "A".into(),
                email: None,
                uri: None,
            })],
            summary: None,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            link: "https://x.org/".into(),
            id: format!("x:{id}"),
            derived_ids: None,
            draft,
            kind: BodyKind::Markdown,
            body: crate::article::Body::Text(String::new()),
            body_line: 1,
            episode: None,
        }
    }

    fn spec(limit: Option<usize>, tags: &[&str]) -> FeedSpec {
        FeedSpec {
            outputs: vec![],
            limit,
            tags: tags.iter().map(|t| t.to_string()).collect(),
            summary_length: 280,
            ..FeedSpec::plain()
        }
    }

    #[test]
    fn newest_first_with_stable_ties_drafts_and_schedule() {
        let arts = vec![
            art("b", "2026-01-02T00:00:00Z", &["x"], false),
            art("a", "2026-01-02T00:00:00Z", &[], false),
            art("old", "2025-01-01T00:00:00Z", &["x"], false),
            art("draft", "2026-01-03T00:00:00Z", &[], true),
            art("future", "2026-06-01T00:00:00Z", &[], false),
        ];
        let now = DateTime::parse_from_rfc3339("2026-02-01T00:00:00Z").unwrap();
        let ids = |v: Vec<usize>| {
            v.into_iter()
                .map(|i| arts[i].title.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            ids(select(&arts, &spec(None, &[]), Path::new(""), now, false)),
            ["a", "b", "old"]
        );
        assert_eq!(
            ids(select(&arts, &spec(None, &[]), Path::new(""), now, true)),
            ["draft", "a", "b", "old"]
        );
        assert_eq!(
            ids(select(
                &arts,
                &spec(Some(1), &[]),
                Path::new(""),
                now,
                false
            )),
            ["a"]
        );
        assert_eq!(
            ids(select(
                &arts,
                &spec(None, &["x"]),
                Path::new(""),
                now,
                false
            )),
            ["b", "old"]
        );
        assert_eq!(
            held(&arts, now, false),
            Held {
                drafts: 1,
                scheduled: 1
            }
        );
        let later = DateTime::parse_from_rfc3339("2026-06-01T00:00:00Z").unwrap();
        assert_eq!(
            ids(select(
                &arts,
                &spec(Some(1), &[]),
                Path::new(""),
                later,
                false
            )),
            ["future"]
        );
    }
}
