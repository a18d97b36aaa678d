//! `feedwright validate FILE...`: judge feed files by the rules feedwright holds its own output
//! to ([`crate::validate`]), whoever wrote them; and `build --validate`, the same rules on
//! every file a build is about to write, before it writes.
//!
//! Each finding prints as `path:line:col: error: rule (source)`. Errors fail the run (exit 1);
//! warnings do too under `--strict`, as they do for `build` and `check`.

use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::Report;
use crate::cli::ValidateArgs;
use crate::diagnostics::{display_path, Diagnostic};
use crate::error::Error;
use crate::pipeline::Plan;
use crate::validate;

/// How standard input is named in findings.
const STDIN: &str = "<stdin>";

/// Runs `validate`.
pub fn run(args: &ValidateArgs, report: &mut Report) -> Result<(), Error> {
    let mut diagnostics = Vec::new();
    for path in &args.files {
        let (shown, bytes) = read(path)?;
        diagnostics.extend(findings(&shown, &bytes));
    }
    let files = args.files.len();
    gate(diagnostics, args.strict, files, false, report)?;
    let warnings = report.warnings.len();
    report.summary = Some(match warnings {
        0 => format!("feedwright: {files} feed file(s) valid"),
        n => format!("feedwright: {files} feed file(s) valid; {n} warning(s)"),
    });
    Ok(())
}

/// `build --validate`: checks every file of `plan` (rendered in memory, files in parallel)
/// before anything is written. Errors (or, with `strict`, warnings) stop the build; warnings
/// otherwise join `report`.
pub(super) fn plan(
    plan: &Plan,
    output_dir: &Path,
    strict: bool,
    report: &mut Report,
) -> Result<(), Error> {
    let files: Vec<_> = plan.files().collect();
    let per_file: Vec<Vec<Diagnostic>> = files
        .par_iter()
        .with_max_len(1)
        .map(|&(feed, format, file)| {
            let path = display_path(&output_dir.join(file));
            let bytes = plan
                .render(feed, format)
                .map_err(|e| Error::io(path.clone(), "cannot render", e))?;
            Ok(findings(&path, &bytes))
        })
        .collect::<Result<_, Error>>()?;
    gate(per_file.concat(), strict, files.len(), true, report)
}

/// The findings in one feed's bytes, as diagnostics about `path`.
fn findings(path: &Path, bytes: &[u8]) -> Vec<Diagnostic> {
    validate::validate(bytes)
        .iter()
        .map(|f| f.to_diagnostic(path))
        .collect()
}

/// Stops the run if `diagnostics` hold an error (or, with `strict`, anything); otherwise adds
/// them (warnings only) to `report`.
fn gate(
    diagnostics: Vec<Diagnostic>,
    strict: bool,
    files: usize,
    nothing_written: bool,
    report: &mut Report,
) -> Result<(), Error> {
    if diagnostics.iter().any(Diagnostic::is_error) || (strict && !diagnostics.is_empty()) {
        return Err(Error::Feeds {
            diagnostics,
            files,
            nothing_written,
        });
    }
    report.warnings.extend(diagnostics);
    Ok(())
}

/// The bytes of `path` (`-`: standard input), and the name findings give it.
fn read(path: &Path) -> Result<(PathBuf, Vec<u8>), Error> {
    if path == Path::new("-") {
        let mut bytes = Vec::new();
        std::io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| Error::io(STDIN, "cannot read", e))?;
        return Ok((PathBuf::from(STDIN), bytes));
    }
    let shown = display_path(path);
    let bytes = std::fs::read(path).map_err(|e| Error::io(&shown, "cannot read", e))?;
    Ok((shown, bytes))
}
