//! `feedwright init`: start a site: a commented `feeds.toml` and one article.
//!
//! It never overwrites: if either file exists, it stops (exit 1) and says which.

use super::new::{article_text, create_new};
use super::Report;
use crate::cli::InitArgs;
use crate::clock;
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

/// Runs `init`: the two new files' paths go to stdout.
pub fn run(args: &InitArgs, report: &mut Report) -> Result<(), Error> {
    let now = clock::now(args.now.as_deref())?.with_timezone(&chrono_tz::Tz::UTC);
    let config = args.dir.join("feeds.toml");
    create_new(&config, STARTER)?;
    let article = args
        .dir
        .join("articles")
        .join(format!("{}-hello-world.md", now.format("%Y-%m-%d")));
    create_new(&article, &article_text("Hello, world", &now))?;
    report.created = vec![config, article];
    Ok(())
}
