//! `feedwright new`: write a new article, dated now, into the site's articles folder.
//!
//! Also home of what `init` shares with it: the starter article's text and creating a file
//! without ever overwriting one.

use std::io::{ErrorKind, Write};
use std::path::Path;

use chrono::DateTime;

use super::Report;
use crate::cli::NewArgs;
use crate::clock;
use crate::config::Site;
use crate::diagnostics::display_path;
use crate::error::Error;

/// Runs `new`: the new file's path goes to stdout.
pub fn run(args: &NewArgs, report: &mut Report) -> Result<(), Error> {
    let now = clock::now(args.now.as_deref())?;
    let site = Site::load(args.site.config()).map_err(Error::Config)?;
    let title = args.title.split_whitespace().collect::<Vec<_>>().join(" ");
    let slug = slug::slugify(&title);
    if slug.is_empty() {
        return Err(Error::Title(args.title.clone()));
    }
    let local = now.with_timezone(&site.timezone);
    let path = site
        .articles_dir
        .join(format!("{}-{slug}.md", local.format("%Y-%m-%d")));
    create_new(&path, &article_text(&title, &local, !args.publish))?;
    let shown = display_path(&path);
    if !args.publish {
        report.notes.push(format!(
            "feedwright: {} is a draft (draft = true): builds leave it out until you remove that \
             line (or write it with `feedwright new --publish`)",
            crate::diagnostics::shown(&shown)
        ));
    }
    report.created.push(shown);
    Ok(())
}

/// A new article's text: front matter with `title`, `date` and (a `draft`) `draft = true`, and
/// a first paragraph to replace.
pub(super) fn article_text(title: &str, date: &DateTime<chrono_tz::Tz>, draft: bool) -> String {
    format!(
        "+++\ntitle = {}\ndate = {}\ntags = []\n{}+++\n\nWrite the first paragraph here: it becomes the summary.\n",
        toml::Value::String(title.to_string()),
        date.format("%Y-%m-%dT%H:%M:%S%:z"),
        if draft { "draft = true\n" } else { "" }
    )
}

/// Writes `text` to `path` (creating its folder) unless something is there already.
pub(super) fn create_new(path: &Path, text: &str) -> Result<(), Error> {
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, "cannot create folder", e))?;
    }
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| match e.kind() {
            ErrorKind::AlreadyExists => Error::Exists(path.to_path_buf()),
            _ => Error::io(path, "cannot create", e),
        })?;
    file.write_all(text.as_bytes())
        .map_err(|e| Error::io(path, "cannot write", e))
}
