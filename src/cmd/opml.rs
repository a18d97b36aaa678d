//! `feedwright opml`: the OPML 2.0 subscription list of every feed of the site, on stdout or
//! (`-o FILE`) written atomically to a file. It reads `feeds.toml`, and the articles' heads
//! when a `per` entry makes feeds from them; `[site] opml` has `build` write the same list
//! into the output folder.

use super::Report;
use crate::cli::OpmlArgs;
use crate::config::Site;
use crate::diagnostics::{display_path, shown};
use crate::discovery;
use crate::error::Error;
use crate::output;

/// Runs `opml`.
pub fn run(args: &OpmlArgs, report: &mut Report) -> Result<(), Error> {
    let site = Site::load(args.site.config()).map_err(Error::Config)?;
    let site = super::concrete_site(site, report)?;
    let bytes = discovery::opml::render(&site);
    let Some(path) = &args.output else {
        report.stdout = bytes;
        return Ok(());
    };
    let written = output::write_file(path, &bytes)?;
    let feeds = discovery::feeds(&site).len();
    report.summary = Some(format!(
        "feedwright: {feeds} feed(s) listed in {} ({})",
        shown(&display_path(path)),
        if written { "written" } else { "unchanged" }
    ));
    Ok(())
}
