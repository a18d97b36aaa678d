//! `feedwright check`: validate the config and every article, body included; write nothing.
//!
//! Unlike `build`, which reads only the bodies its feeds show today, `check` reads them all, so
//! a problem in an old or scheduled article is found before it matters. Like `build --check`,
//! it takes no lock and writes nothing.

use super::{gate, load, Input, Report, Show};
use crate::cli::CheckArgs;
use crate::diagnostics::shown;
use crate::error::Error;

/// Runs `check`.
pub fn run(args: &CheckArgs, report: &mut Report) -> Result<(), Error> {
    let Input {
        site,
        mut articles,
        files,
    } = load(
        args.site.config(),
        args.strict,
        Show {
            progress: false,
            skipped: true,
        },
        report,
    )?;
    let problems = crate::feeds::check(&site, &articles);
    if !problems.is_empty() {
        return Err(Error::Config(problems));
    }
    let all: Vec<usize> = (0..articles.len()).collect();
    let problems = crate::pipeline::read_bodies(&site, &mut articles, &all);
    gate(problems, args.strict, files, report)?;
    let problems = crate::pipeline::check_bodies(&site, &articles);
    gate(problems, args.strict, files, report)?;
    report.quiet = args.quiet;
    if args.quiet {
        return Ok(());
    }
    report.summary = Some(format!(
        "feedwright: {} and {files} article file(s) are valid ({} article(s), {} feed(s))",
        shown(args.site.config()),
        articles.len(),
        site.feeds.len()
    ));
    Ok(())
}
