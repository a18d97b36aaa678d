//! `[site] opml` and `[site] preview`: the files a build writes besides the feeds.
//!
//! The OPML subscription list sits where the user says (a path under the output folder, held
//! to the rules of feed paths); the preview stylesheet has a fixed name at the root of the
//! output folder (see [`crate::preview`]). Either must not be a file a feed or an archive page
//! writes, nor a folder one needs, nor each other, nor the config file: every such clash is an
//! error naming both, before anything is written.

use std::path::Path;

use super::feed::{check_output_path, FeedSpec, Refused};
use super::folders::real_path;
use crate::diagnostics::Problems;
use crate::preview::Preview;

/// `opml`: a file under the output folder, normalised as feed paths are.
pub(crate) fn opml(raw: Option<&str>, problems: &mut Problems<'_>) -> Option<String> {
    match check_output_path(raw?) {
        Ok(file) => Some(file),
        Err(Refused { message, hint }) => {
            problems.error("opml", format!("opml: {message}"), hint);
            None
        }
    }
}

/// `preview`: `xslt`, `css` or `none` (the default).
pub(crate) fn preview(raw: Option<&str>, problems: &mut Problems<'_>) -> Option<Preview> {
    let name = raw?;
    Preview::parse(name).unwrap_or_else(|| {
        problems.error(
            "preview",
            format!("preview {name:?} is not \"xslt\", \"css\" or \"none\""),
            "use preview = \"xslt\" (a readable page), \"css\" (styled XML) or \"none\"",
        );
        None
    })
}

/// Where the site's own files are, for [`clashes`].
pub(crate) struct Places<'a> {
    /// The output folder.
    pub output_dir: &'a Path,
    /// The config file.
    pub config: &'a Path,
}

/// Reports the OPML or stylesheet file that is another output's file or folder, or the config.
pub(crate) fn clashes(
    opml: Option<&str>,
    preview: Option<Preview>,
    feeds: &[FeedSpec],
    places: &Places<'_>,
    problems: &mut Problems<'_>,
) {
    let stylesheet = preview.map(|p| ("preview", p.file()));
    let ours: Vec<(&str, &str)> = opml
        .map(|f| ("opml", f))
        .into_iter()
        .chain(stylesheet)
        .collect();
    let hint = "give every output its own file";
    for (i, &(key, file)) in ours.iter().enumerate() {
        let what = format!("{key} file {file:?}");
        for spec in feeds {
            for (_, feed_file) in &spec.outputs {
                if let Some(how) = clash(file, feed_file) {
                    let message = format!("{what} {how} {feed_file:?} of feed {:?}", spec.name);
                    problems.error(key, message, hint);
                }
            }
            if spec.archive.as_ref().is_some_and(|a| a.holds(file)) {
                let message = format!("{what} is one of feed {:?}'s archive pages", spec.name);
                problems.error(key, message, hint);
            }
        }
        for &(other_key, other) in &ours[..i] {
            if let Some(how) = clash(file, other) {
                problems.error(
                    key,
                    format!("{what} {how} {other_key} file {other:?}"),
                    hint,
                );
            }
        }
        if real_path(&places.output_dir.join(file)) == real_path(places.config) {
            let hint = "write it to another file, or set [site] output to another folder";
            problems.error(key, format!("{what} would overwrite the config file"), hint);
        }
    }
}

/// How `file` clashes with the output `other` (case ignored, as some file systems do): the
/// same file, or one needed as the other's folder.
fn clash(file: &str, other: &str) -> Option<&'static str> {
    let (a, b) = (file.to_lowercase(), other.to_lowercase());
    if a == b {
        Some("is also")
    } else if b.starts_with(&format!("{a}/")) {
        Some("is the folder of")
    } else if a.starts_with(&format!("{b}/")) {
        Some("needs as a folder")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_site_file_clashes_with_an_output_it_is_or_holds_or_sits_in() {
        assert_eq!(clash("feeds.opml", "Feeds.OPML"), Some("is also"));
        assert_eq!(clash("tags", "tags/rss.xml"), Some("is the folder of"));
        assert_eq!(
            clash("rss.xml/x.opml", "rss.xml"),
            Some("needs as a folder")
        );
        assert_eq!(clash("feeds.opml", "feeds.opml.xml"), None);
        assert_eq!(clash("tag", "tags/rss.xml"), None);
    }
}
