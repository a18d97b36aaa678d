//! `archive = { page_size, path }`: a feed's RFC 5005 archive, validated.
//!
//! An archived feed keeps every entry it ever showed reachable: the subscription document (the
//! feed's own files) holds the newest entries, and pages numbered from the oldest entry hold
//! the rest, `page_size` each. A page is written once, when it is full, and its URL and entry
//! set never change, so `path` must name one file per page (`{n}`, the page number) and, for a
//! feed written in more than one format, one per format (`{format}`: `rss`, `atom` or `json`;
//! `{ext}` is `xml` for RSS and Atom and `json` for JSON Feed, so each page has its type's
//! extension).
//! The pages are output files like any other: inside the output folder, served at the URL their
//! name says, never another feed's.

use super::feed::{check_output_path, Format};
use crate::diagnostics::Problems;

/// One feed's archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Archive {
    /// Entries per page.
    pub page_size: usize,
    /// The page path pattern per format the feed writes, normalised, holding `{n}` (and
    /// `{format}` already replaced).
    pub paths: Vec<(Format, String)>,
}

/// The most entries one page may hold: a page is a feed document, and feed readers and proxies
/// refuse documents far smaller than 100,000 entries.
pub const MAX_PAGE_SIZE: usize = 10_000;

impl Archive {
    /// The file (relative to the output folder) of page `n` in `format`.
    pub fn file(&self, format: Format, n: usize) -> Option<String> {
        self.paths
            .iter()
            .find(|(f, _)| *f == format)
            .map(|(_, p)| p.replace("{n}", &n.to_string()))
    }

    /// True when `file` is one of this archive's pages (any number, any format).
    pub fn holds(&self, file: &str) -> bool {
        self.paths.iter().any(|(_, p)| matches_pattern(p, file))
    }

    /// The page number `file` names in `format`, if it is one of this archive's pages.
    pub fn page_of(&self, format: Format, file: &str) -> Option<usize> {
        let (_, p) = self.paths.iter().find(|(f, _)| *f == format)?;
        let (head, tail) = p.split_once("{n}")?;
        let digits = file.strip_prefix(head)?.strip_suffix(tail)?;
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.parse().ok().filter(|&n: &usize| n > 0)
    }
}

/// True when `file` is `pattern` with `{n}` replaced by a page number (case ignored, as some
/// file systems do).
fn matches_pattern(pattern: &str, file: &str) -> bool {
    let (pattern, file) = (pattern.to_lowercase(), file.to_lowercase());
    let Some((head, tail)) = pattern.split_once("{n}") else {
        return pattern == file;
    };
    file.len() > head.len() + tail.len()
        && file.starts_with(head)
        && file.ends_with(tail)
        && file[head.len()..file.len() - tail.len()]
            .bytes()
            .all(|b| b.is_ascii_digit())
}

/// `archive` of feed `name`, which writes `outputs`; `None` when absent or refused.
pub(crate) fn archive(
    raw: Option<super::raw::RawArchive>,
    name: &str,
    outputs: &[(Format, String)],
    problems: &mut Problems<'_>,
) -> Option<Archive> {
    let raw = raw?;
    let page_size = page_size(raw.page_size, name, problems)?;
    let pattern = path(&raw.path, name, outputs.len() > 1, problems)?;
    let paths: Vec<(Format, String)> = outputs
        .iter()
        .map(|(f, _)| {
            let ext = if *f == Format::Json { "json" } else { "xml" };
            (
                *f,
                pattern.replace("{format}", f.key()).replace("{ext}", ext),
            )
        })
        .collect();
    for (f, file) in outputs {
        if paths.iter().any(|(_, p)| matches_pattern(p, file)) {
            problems.error(
                "archive",
                format!(
                    "feed {name:?}: {} {file:?} is also the name of an archive page",
                    f.key()
                ),
                "give the archive pages their own names, e.g. path = \"archive/{n}.xml\"",
            );
            return None;
        }
    }
    Some(Archive { page_size, paths })
}

/// `page_size`: a whole number from 1 to [`MAX_PAGE_SIZE`].
fn page_size(raw: usize, name: &str, problems: &mut Problems<'_>) -> Option<usize> {
    if (1..=MAX_PAGE_SIZE).contains(&raw) {
        return Some(raw);
    }
    problems.error(
        "archive",
        format!("feed {name:?}: archive page_size {raw} is not from 1 to {MAX_PAGE_SIZE}"),
        "use a page size such as page_size = 100",
    );
    None
}

/// `path`: an output path holding `{n}` once, and `{format}` once when the feed writes several
/// formats; returned normalised.
fn path(raw: &str, name: &str, formats: bool, problems: &mut Problems<'_>) -> Option<String> {
    let refuse = |problems: &mut Problems<'_>, message: String, hint: &'static str| {
        problems.error("archive", format!("feed {name:?}: {message}"), hint);
        None
    };
    if raw.matches("{n}").count() != 1 {
        return refuse(
            problems,
            format!("archive path {raw:?} must hold {{n}} (the page number) once"),
            "write the page number into the path, e.g. path = \"archive/{n}.xml\"",
        );
    }
    let with_format = raw.matches("{format}").count();
    if with_format > 1 || (formats && with_format == 0) {
        return refuse(
            problems,
            format!(
                "archive path {raw:?} must hold {{format}} once: the feed writes more than one \
                 format, and each needs its own pages"
            ),
            "e.g. path = \"archive/{format}/{n}.xml\" (rss, atom and json pages apart)",
        );
    }
    let rest = raw
        .replace("{n}", "")
        .replace("{format}", "")
        .replace("{ext}", "");
    if rest.contains(['{', '}']) {
        return refuse(
            problems,
            format!(
                "archive path {raw:?} holds a placeholder other than {{n}}, {{format}} and {{ext}}"
            ),
            "use only {n}, {format} and {ext} in an archive path",
        );
    }
    match check_output_path(raw) {
        Ok(norm) => Some(norm),
        Err(r) => refuse(problems, format!("archive {}", r.message), r.hint),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn archive(size: usize, path: &str) -> Archive {
        Archive {
            page_size: size,
            paths: vec![(Format::Atom, path.into())],
        }
    }

    #[test]
    fn page_files_and_numbers_round_trip() {
        let a = archive(10, "archive/{n}.xml");
        assert_eq!(a.file(Format::Atom, 12).unwrap(), "archive/12.xml");
        assert_eq!(a.file(Format::Rss, 1), None);
        assert_eq!(a.page_of(Format::Atom, "archive/12.xml"), Some(12));
        for not_a_page in [
            "archive/.xml",
            "archive/0.xml",
            "archive/1a.xml",
            "archive/1.json",
        ] {
            assert_eq!(a.page_of(Format::Atom, not_a_page), None, "{not_a_page}");
        }
        assert!(a.holds("Archive/3.XML"));
        assert!(!a.holds("archive/x.xml"));
    }

    #[test]
    fn format_and_ext_give_each_format_its_pages_and_extension() {
        let outputs = [
            (Format::Rss, "rss.xml".to_string()),
            (Format::Json, "feed.json".to_string()),
        ];
        let raw = super::super::raw::RawArchive {
            page_size: 10,
            path: "a/{format}/{n}.{ext}".into(),
        };
        let mut problems = crate::diagnostics::Problems::new(std::path::Path::new("f"));
        let a = super::archive(Some(raw), "main", &outputs, &mut problems).unwrap();
        assert_eq!(a.file(Format::Rss, 2).unwrap(), "a/rss/2.xml");
        assert_eq!(a.file(Format::Json, 2).unwrap(), "a/json/2.json");
    }
}
