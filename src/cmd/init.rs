//! `feedwright init`: start a site: a commented `feeds.toml` and one article; or, with
//! `--from`, a `feeds.toml` for an existing Hugo, Jekyll, Zola or Eleventy site, read from the
//! generator's own configuration by [`crate::adopt`].
//!
//! It never overwrites: if either file exists, it stops (exit 1) and says which.

use std::path::{Path, PathBuf};

use super::new::{article_text, create_new};
use super::Report;
use crate::adopt::{self, Generator, Tree};
use crate::cli::{From, InitArgs};
use crate::clock;
use crate::diagnostics::Diagnostic;
use crate::error::Error;

/// The starter config `init` writes.
const STARTER: &str = r#"# feedwright site configuration: see the README for every key.
[site]
title = "My Site"
url = "https://example.com/"
description = "Notes and news"
language = "en"
timezone = "UTC"
author = { name = "Your Name" }

[[feeds]]
name = "main"
rss = "rss.xml"
atom = "atom.xml"
json = "feed.json"
"#;

/// Folders never read for `--from`: build outputs, dependencies, version control.
const SKIPPED: &[&str] = &[
    ".git",
    "node_modules",
    "public",
    "_site",
    "dist",
    "resources",
    "target",
    ".jekyll-cache",
    ".sass-cache",
    "vendor",
];

/// Runs `init`: the new files' paths go to stdout.
pub fn run(args: &InitArgs, report: &mut Report) -> Result<(), Error> {
    if let Some(from) = args.from {
        return adopt(&args.dir, from, report);
    }
    let now = clock::now(args.now.as_deref())?.with_timezone(&chrono_tz::Tz::UTC);
    let config = args.dir.join("feeds.toml");
    create_new(&config, &with_schema(STARTER))?;
    let schema = write_schema(&args.dir, report)?;
    let article = args
        .dir
        .join("articles")
        .join(format!("{}-hello-world.md", now.format("%Y-%m-%d")));
    create_new(&article, &article_text("Hello, world", &now, false))?;
    report.created = [config]
        .into_iter()
        .chain(schema)
        .chain([article])
        .collect();
    Ok(())
}

/// The name of the JSON Schema file `init` writes beside feeds.toml.
const SCHEMA_FILE: &str = "feeds.schema.json";

/// `config` with the directive that points editors (taplo, Even Better TOML) at the schema
/// `init` writes beside it.
fn with_schema(config: &str) -> String {
    format!("#:schema ./{SCHEMA_FILE}\n{config}")
}

/// Writes the JSON Schema of feeds.toml into `dir`, unless a file of that name is there (it is
/// then left as it is, and the report says so): its path, if written.
fn write_schema(dir: &Path, report: &mut Report) -> Result<Option<PathBuf>, Error> {
    let path = dir.join(SCHEMA_FILE);
    match create_new(&path, &crate::config::schema()) {
        Ok(()) => Ok(Some(path)),
        Err(Error::Exists(_)) => {
            report.notes.push(format!(
                "{} exists: left as it is (`feedwright schema` prints the current one)",
                crate::diagnostics::shown(&path)
            ));
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

/// `init --from`: reads the site in `dir` and writes `dir/feeds.toml`.
fn adopt(dir: &Path, from: From, report: &mut Report) -> Result<(), Error> {
    let config = dir.join("feeds.toml");
    if config.exists() {
        return Err(Error::Exists(config));
    }
    let tree = DiskTree::read(dir);
    let problem = |message: String, hint: &str| {
        Error::Config(vec![Diagnostic::error(dir, message).hint(hint.to_string())])
    };
    let generator = match from {
        From::Auto => {
            let (g, why) = adopt::detect(&tree).map_err(|m| {
                problem(
                    m,
                    "name the generator with --from hugo|jekyll|zola|eleventy",
                )
            })?;
            report.notes.push(format!("detected {}: {why}", g.title()));
            g
        }
        From::Hugo => Generator::Hugo,
        From::Jekyll => Generator::Jekyll,
        From::Zola => Generator::Zola,
        From::Eleventy => Generator::Eleventy,
    };
    let plan = adopt::read(generator, &tree)
        .map_err(|m| problem(m, "run it in the site's root, or give the root as DIR"))?;
    create_new(&config, &with_schema(&adopt::write::feeds_toml(&plan)))?;
    let schema = write_schema(dir, report)?;
    report.created = [config].into_iter().chain(schema).collect();
    report.summary = Some(next_steps(&plan, generator));
    Ok(())
}

/// What `init --from` prints: how many feeds it wrote, then the next steps; a `lock --from`
/// step for each feed whose ids are not its posts' URLs, so switching re-delivers nothing.
fn next_steps(plan: &adopt::Plan, generator: Generator) -> String {
    let n = plan.feeds.len();
    let mut steps = vec![
        "read feeds.toml: each comment says where a value came from or what was assumed"
            .to_string(),
        "feedwright check".into(),
    ];
    for lock in plan.lock_steps() {
        steps.push(format!(
            "keep the entry ids the site's feed publishes today (they are not the post URLs): {lock}"
        ));
    }
    steps.push(
        "feedwright build --dry-run, then compare links and ids with the site's current feed"
            .into(),
    );
    steps.push("publish the feeds at the URLs the site's feeds have today".into());
    let mut text = format!(
        "wrote {n} {} for this {} site. Next steps:",
        if n == 1 { "feed" } else { "feeds" },
        generator.title(),
    );
    for (i, step) in steps.iter().enumerate() {
        text.push_str(&format!("\n{}. {step}", i + 1));
    }
    text
}

/// A site folder on disk as an [`adopt::Tree`]: its files (build outputs and dependencies
/// skipped), read when asked for.
struct DiskTree {
    root: PathBuf,
    files: Vec<String>,
}

impl DiskTree {
    fn read(root: &Path) -> DiskTree {
        let mut files: Vec<String> = walkdir::WalkDir::new(root)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| {
                e.depth() == 0 || !SKIPPED.contains(&e.file_name().to_string_lossy().as_ref())
            })
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .filter_map(|e| {
                let rel = e.path().strip_prefix(root).ok()?;
                let parts: Option<Vec<&str>> = rel.iter().map(|p| p.to_str()).collect();
                Some(parts?.join("/"))
            })
            .collect();
        files.sort();
        DiskTree {
            root: root.to_path_buf(),
            files,
        }
    }
}

impl Tree for DiskTree {
    fn files(&self) -> &[String] {
        &self.files
    }
    fn read(&self, path: &str) -> Option<String> {
        std::fs::read_to_string(self.root.join(path)).ok()
    }
}
