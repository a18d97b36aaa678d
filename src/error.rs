//! Why a run failed, how that reads on stderr, and the exit code it ends with.
//!
//! Every command returns `Result<Report, Error>` (see [`crate::cmd`]) and nothing below `main`
//! prints a failure: an [`Error`] carries everything its message needs, its `Display` is the
//! whole text for stderr (the only place the `feedwright: error:` prefix is written), and
//! [`Error::exit`] says which [`Exit`] code ends the run, so scripts can tell bad input from a
//! bad command line and from a disk or lock failure. Paths print through
//! [`crate::diagnostics::shown`], so a hostile file name cannot drive the terminal.

use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::cmd::Report;
use crate::diagnostics::{shown, Diagnostic};

/// The prefix of a failure that is not about the site's content.
const ERROR: &str = "feedwright: error:";

/// Exit codes: what a script can rely on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    /// Everything worked.
    Ok = 0,
    /// Invalid input (config or articles), a file `new` or `init` would overwrite, stale
    /// outputs under `build --check`, or feeds that break the feed rules (`validate`).
    Invalid = 1,
    /// Bad command line (including `--now` and `SOURCE_DATE_EPOCH`).
    Usage = 2,
    /// An I/O or lock failure.
    Io = 3,
}

impl From<Exit> for std::process::ExitCode {
    fn from(exit: Exit) -> Self {
        std::process::ExitCode::from(exit as u8)
    }
}

/// Everything that stops a run.
#[derive(Debug)]
pub enum Error {
    /// `--now` is not an RFC 3339 time.
    Now {
        /// The value as typed.
        value: String,
        /// Why chrono refused it.
        source: chrono::ParseError,
    },
    /// `SOURCE_DATE_EPOCH` is not a usable number of seconds.
    Epoch {
        /// The variable's value.
        value: String,
        /// What is wrong with it, e.g. "is not a number of seconds".
        problem: &'static str,
    },
    /// `--now` or `SOURCE_DATE_EPOCH` is an instant no feed can carry.
    Range {
        /// Where it came from, with its value: `--now "..."`, `SOURCE_DATE_EPOCH="..."`.
        what: String,
        /// Why no feed can carry it.
        why: String,
    },
    /// `new` cannot make a file name from this title.
    Title(String),
    /// `feeds.toml` is invalid: every problem found in it.
    Config(Vec<Diagnostic>),
    /// The articles are invalid (or only warned about, under `--strict`): every problem found
    /// in this pass, in order, and how many article files were read.
    Articles {
        /// Errors and warnings, in the order found.
        diagnostics: Vec<Diagnostic>,
        /// Article files read.
        files: usize,
    },
    /// Feeds break the feed rules (or, under `--strict`, only warn): every finding, in file
    /// order, from `validate` or from `build --validate` on what it was about to write.
    Feeds {
        /// Errors and warnings, in the order found.
        diagnostics: Vec<Diagnostic>,
        /// Feed files checked.
        files: usize,
        /// Whether a build stopped before writing (`build --validate`).
        nothing_written: bool,
    },
    /// `build --check`: this many output files differ from what a build would write.
    Stale(usize),
    /// `new` or `init` would overwrite this file.
    Exists(PathBuf),
    /// An I/O or lock failure.
    Io {
        /// The file or folder, as it is shown to the user.
        path: PathBuf,
        /// What was being done, e.g. "cannot write".
        what: &'static str,
        /// The OS error.
        source: io::Error,
    },
    /// A failure after part of the report was made (warnings that did not stop the run,
    /// `--check`'s stale files): that part is printed first, as it was found first.
    After {
        /// What the run had to say before it failed.
        report: Report,
        /// The failure.
        error: Box<Error>,
    },
}

impl Error {
    /// An I/O failure on `path` (shown as given) while doing `what`.
    pub fn io(path: impl Into<PathBuf>, what: &'static str, source: io::Error) -> Error {
        Error::Io {
            path: path.into(),
            what,
            source,
        }
    }

    /// This failure, printed after what `report` has to say (unchanged if it has nothing).
    pub fn after(self, report: Report) -> Error {
        if report.is_empty() {
            self
        } else {
            Error::After {
                report,
                error: Box::new(self),
            }
        }
    }

    /// The exit code this failure ends the run with.
    pub fn exit(&self) -> Exit {
        match self {
            Error::Now { .. } | Error::Epoch { .. } | Error::Range { .. } | Error::Title(_) => {
                Exit::Usage
            }
            Error::Config(_)
            | Error::Articles { .. }
            | Error::Feeds { .. }
            | Error::Stale(_)
            | Error::Exists(_) => Exit::Invalid,
            Error::Io { .. } => Exit::Io,
            Error::After { error, .. } => error.exit(),
        }
    }
}

impl fmt::Display for Error {
    /// The whole text for stderr, without the last newline.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Now { value, source } => write!(
                f,
                "{ERROR} --now {value:?} is not an RFC 3339 time ({source}); write e.g. \
                 2026-01-31T12:00:00Z"
            ),
            Error::Epoch { value, problem } => {
                write!(f, "{ERROR} SOURCE_DATE_EPOCH={value:?} {problem}")
            }
            Error::Range { what, why } => write!(f, "{ERROR} {what} {why}"),
            Error::Title(title) => write!(
                f,
                "{ERROR} cannot make a file name from title {title:?}; use letters or digits"
            ),
            Error::Config(diagnostics) => {
                let mut sep = "";
                for d in diagnostics {
                    write!(f, "{sep}{d}")?;
                    sep = "\n";
                }
                Ok(())
            }
            Error::Articles { diagnostics, files } => {
                for d in diagnostics {
                    writeln!(f, "{d}")?;
                }
                write_stop_line(f, diagnostics, (*files, "file(s)"), "; nothing was written")
            }
            Error::Feeds {
                diagnostics,
                files,
                nothing_written,
            } => {
                for d in diagnostics {
                    writeln!(f, "{d}")?;
                }
                let tail = if *nothing_written {
                    "; nothing was written"
                } else {
                    ""
                };
                write_stop_line(f, diagnostics, (*files, "feed file(s)"), tail)
            }
            Error::Stale(n) => write!(
                f,
                "feedwright: {n} output file(s) are stale; run `feedwright build`"
            ),
            Error::Exists(path) => write!(
                f,
                "{ERROR} {} already exists; nothing was written",
                shown(path)
            ),
            Error::Io { path, what, source } => {
                write!(f, "{ERROR} {}: {what}: {source}", shown(path))
            }
            Error::After { report, error } => write!(f, "{report}{error}"),
        }
    }
}

/// The line closing a run stopped by problems in articles or feeds: how many errors (or, when
/// only `--strict` made warnings fatal, warnings) in how many files (a count and what they
/// are), then `tail`.
fn write_stop_line(
    f: &mut fmt::Formatter<'_>,
    diagnostics: &[Diagnostic],
    (files, kind): (usize, &str),
    tail: &str,
) -> fmt::Result {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let (n, what, note) = if errors > 0 {
        (errors, "error", "")
    } else {
        let warnings = diagnostics.len();
        (warnings, "warning", " (--strict treats warnings as errors)")
    };
    let plural = if n == 1 { "" } else { "s" };
    write!(
        f,
        "feedwright: {n} {what}{plural} in {files} {kind}{tail}{note}"
    )
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Now { source, .. } => Some(source),
            Error::Io { source, .. } => Some(source),
            Error::After { error, .. } => error.source(),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_problems_close_with_a_count_and_warnings_only_under_strict() {
        let warning = Diagnostic::warning("a.md", "odd key").at(2, 1);
        let errors = Error::Articles {
            diagnostics: vec![warning.clone(), Diagnostic::error("b.md", "no date")],
            files: 2,
        };
        assert_eq!(
            errors.to_string(),
            "a.md:2:1: warning: odd key\nb.md: error: no date\n\
             feedwright: 1 error in 2 file(s); nothing was written"
        );
        let strict = Error::Articles {
            diagnostics: vec![warning.clone(), warning],
            files: 1,
        };
        assert!(strict.to_string().ends_with(
            "feedwright: 2 warnings in 1 file(s); nothing was written \
             (--strict treats warnings as errors)"
        ));
        assert_eq!(strict.exit(), Exit::Invalid);
    }

    #[test]
    fn feed_findings_close_with_a_count_and_say_whether_a_build_wrote_nothing() {
        let error = Diagnostic::error("rss.xml", "bad date (RSS 2.0 spec (pubDate))").at(9, 16);
        let validate = Error::Feeds {
            diagnostics: vec![error.clone()],
            files: 2,
            nothing_written: false,
        };
        assert_eq!(
            validate.to_string(),
            "rss.xml:9:16: error: bad date (RSS 2.0 spec (pubDate))\n\
             feedwright: 1 error in 2 feed file(s)"
        );
        assert_eq!(validate.exit(), Exit::Invalid);
        let build = Error::Feeds {
            diagnostics: vec![Diagnostic::warning("a.json", "odd")],
            files: 3,
            nothing_written: true,
        };
        assert!(build.to_string().ends_with(
            "feedwright: 1 warning in 3 feed file(s); nothing was written \
             (--strict treats warnings as errors)"
        ));
    }

    #[test]
    fn what_was_reported_before_a_failure_comes_first_and_keeps_its_code() {
        let report = Report {
            warnings: vec![Diagnostic::warning("a.md", "odd key")],
            notes: vec!["stale: public/rss.xml".into()],
            ..Report::default()
        };
        let e = Error::Stale(1).after(report);
        assert_eq!(
            e.to_string(),
            "a.md: warning: odd key\nstale: public/rss.xml\n\
             feedwright: 1 output file(s) are stale; run `feedwright build`"
        );
        assert_eq!(e.exit(), Exit::Invalid);
        let busy = io::Error::new(io::ErrorKind::WouldBlock, "busy");
        let e = Error::io("public/.feedwright.lock", "cannot lock", busy).after(Report::default());
        assert!(
            matches!(e, Error::Io { .. }),
            "an empty report adds nothing"
        );
        assert_eq!(
            e.to_string(),
            "feedwright: error: public/.feedwright.lock: cannot lock: busy"
        );
        assert_eq!(e.exit(), Exit::Io);
    }

    #[test]
    fn paths_in_failures_print_escaped() {
        let denied = io::Error::new(io::ErrorKind::PermissionDenied, "denied");
        let e = Error::io("public/d\u{1b}[31m\n/rss.xml", "cannot write", denied);
        assert_eq!(
            e.to_string(),
            "feedwright: error: public/d\\u{1b}[31m\\n/rss.xml: cannot write: denied"
        );
        assert_eq!(
            Error::Exists("articles/\u{7}.md".into()).to_string(),
            "feedwright: error: articles/\\u{7}.md already exists; nothing was written"
        );
    }
}
