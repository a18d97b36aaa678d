//! Where a site reads and where it writes: the articles folder, the output folder and the
//! config file must stay apart.
//!
//! feedwright must never read what it writes, nor write what it reads. An output folder inside
//! (or equal to) the articles folder has the feeds read back as records: a feed named like a
//! record grows with every build, or breaks every later one. An articles folder inside the
//! output folder, which is published at the site's URL, publishes the raw records, drafts and
//! scheduled articles included. An output file that is the config file overwrites it. Folders
//! are compared by where they really are: made absolute, `.` and `..` resolved, and symbolic
//! links resolved for the part that exists, so `public -> articles` is caught as well.

use std::path::{Component, Path, PathBuf};

use super::feed::FeedSpec;
use crate::diagnostics::Problems;

/// `[site] articles` or `[site] output`.
pub(crate) struct Folder<'a> {
    /// Its key, `articles` or `output`.
    pub key: &'static str,
    /// As written in `feeds.toml`, or the default.
    pub name: &'a str,
    /// Whether `feeds.toml` sets it (problems are placed on its line only then).
    pub written: bool,
    /// Resolved against the config's folder.
    pub path: &'a Path,
}

/// Where the site reads and writes.
pub(crate) struct Folders<'a> {
    /// `[site] articles`.
    pub articles: Folder<'a>,
    /// `[site] output`.
    pub output: Folder<'a>,
    /// The config file.
    pub config: &'a Path,
}

/// Reports folders that overlap, and outputs that would overwrite the config file.
pub(crate) fn check(folders: &Folders<'_>, feeds: &[FeedSpec], problems: &mut Problems<'_>) {
    let (articles, output) = (folders.articles.name, folders.output.name);
    let output_dir = folders.output.path;
    let articles_real = real_path(folders.articles.path);
    let output_real = real_path(output_dir);
    let output_in_articles = output_real.starts_with(&articles_real);
    let overlap = match (output_in_articles, articles_real.starts_with(&output_real)) {
        (true, true) => Some(format!(
            "output folder {output:?} is the articles folder {articles:?}"
        )),
        (true, false) => Some(format!(
            "output folder {output:?} is inside the articles folder {articles:?}, so feeds would \
             be read back as records"
        )),
        (false, true) => Some(format!(
            "articles folder {articles:?} is inside the output folder {output:?}, which is \
             published with drafts and scheduled articles"
        )),
        (false, false) => None,
    };
    if let Some(message) = overlap {
        // On the line of the folder that is inside the other, if the file sets it.
        let (inner, outer) = if output_in_articles {
            (&folders.output, &folders.articles)
        } else {
            (&folders.articles, &folders.output)
        };
        let key = if inner.written || !outer.written {
            inner.key
        } else {
            outer.key
        };
        let hint = "use separate folders, e.g. articles = \"articles\" and output = \"public\"";
        problems.error(key, message, hint);
    }
    not_a_folder(&folders.output, problems);
    let config_real = real_path(folders.config);
    for spec in feeds {
        for (format, file) in &spec.outputs {
            if real_path(&output_dir.join(file)) == config_real {
                problems.error(
                    format.key(),
                    format!(
                        "feed {:?}: {} {file:?} would overwrite the config file",
                        spec.name,
                        format.key()
                    ),
                    "write the feed to another file, or set [site] output to another folder",
                );
            }
        }
    }
}

/// The output folder, where it exists, must be a folder (`check` says so too, before a build
/// fails on it).
fn not_a_folder(output: &Folder<'_>, problems: &mut Problems<'_>) {
    let Ok(meta) = std::fs::metadata(output.path) else {
        return; // missing: the build makes it
    };
    if meta.is_dir() {
        return;
    }
    let key = if output.written { output.key } else { "site" };
    problems.error(
        key,
        format!(
            "output folder {:?} is a file, not a folder: feeds cannot be written into it",
            output.name
        ),
        "move the file away, or set [site] output to a folder, e.g. output = \"public\"",
    );
}

/// Where `path` really is: absolute, with symbolic links resolved as far as it exists, and `.`
/// and `..` resolved.
pub(crate) fn real_path(path: &Path) -> PathBuf {
    if let Ok(real) = std::fs::canonicalize(path) {
        return real;
    }
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    let mut lexical = PathBuf::new();
    for c in absolute.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                lexical.pop();
            }
            other => lexical.push(other),
        }
    }
    // The longest part that exists, resolved; the rest appended as it is.
    let mut rest = Vec::new();
    let mut existing = lexical.as_path();
    while let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) {
        rest.push(name);
        existing = parent;
        if let Ok(mut real) = std::fs::canonicalize(existing) {
            real.extend(rest.iter().rev());
            return real;
        }
    }
    lexical
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_paths_resolve_dots_and_the_part_that_exists() {
        let dir = tempfile::tempdir().unwrap();
        let base = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir(base.join("articles")).unwrap();
        assert_eq!(
            real_path(&base.join("articles/./x/../pub/feeds")),
            base.join("articles/pub/feeds")
        );
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(base.join("articles"), base.join("public")).unwrap();
            assert_eq!(real_path(&base.join("public/x")), base.join("articles/x"));
        }
    }
}
