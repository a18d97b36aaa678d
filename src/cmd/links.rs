//! `feedwright links`: the `<link>` tags to paste into the `<head>` of the site's pages, so
//! that browsers and feed readers find its feeds (autodiscovery) and its OPML list. It reads
//! `feeds.toml` (and the articles' heads when a `per` entry makes feeds from them).

use super::Report;
use crate::cli::LinksArgs;
use crate::config::Site;
use crate::error::Error;

/// Runs `links`.
pub fn run(args: &LinksArgs, report: &mut Report) -> Result<(), Error> {
    let site = Site::load(args.site.config()).map_err(Error::Config)?;
    let site = super::concrete_site(site, report)?;
    report.stdout = crate::discovery::links(&site).into_bytes();
    Ok(())
}
