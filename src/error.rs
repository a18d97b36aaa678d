//! Why a run failed, how that reads on stderr, and the exit code it ends with.
//!
//! Every command returns `Result<Report, Error>` (see [`crate::cmd`]) and nothing below `main`
//! prints a failure: an [`Error`] carries everything its message needs, its `Display` is the
//! whole text for stderr (the only place the `feedwright: error:` prefix is written), and
//! [`Error::exit`] says which [`Exit`] code ends the run, so scripts can tell bad input from a
//! bad command line and from a disk or lock failure. Paths print through
//! [`crate::diagnostics::shown`], so a hostile file name cannot drive the terminal.

use std::borrow::Cow;
use std::fmt;
use std::io;
use std::path::PathBuf;

use crate::archive::Unsealed;
use crate::budget::grouped;
use crate::cmd::Report;
use crate::diagnostics::{escape, shown, Diagnostic};
use crate::ledger::guard::{shrink_line, storm_line, Change, Tally};
use crate::ledger::Diff;

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
    /// A WebSub hub did not take a ping (`ping`, `build --ping`): refused it, failed every
    /// attempt or gave no answer. Whatever else the run did (a build's writes) is done.
    Hub = 4,
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
    /// The ledger (`feeds.lock`) cannot be read.
    Ledger(Diagnostic),
    /// The churn guard: ids subscribers know would change or clash, or a feed would be renamed
    /// past recognition.
    Churn {
        /// Entries whose id would change (or clash with another's).
        changes: Vec<Change>,
        /// Feeds (or the ledger) in a rename storm.
        storms: Vec<Tally>,
        /// Without a ledger: a feed file whose ids `feedwright lock --from` would keep.
        import_from: Option<PathBuf>,
    },
    /// The shrink guard: feeds (or the ledger) would lose all or most of their entries.
    Shrink {
        /// What would shrink.
        shrinks: Vec<Tally>,
        /// The articles folder read.
        folder: PathBuf,
        /// How many record files it had.
        records: usize,
    },
    /// Archive pages sealed on disk would change (feed name, page), without `--reseal`.
    Sealed(Vec<(String, Unsealed)>),
    /// `build --locked`: the ledger would change.
    Locked {
        /// The ledger's file, as shown.
        path: PathBuf,
        /// False when there is no such file yet.
        exists: bool,
        /// What would change.
        diff: Diff,
    },
    /// `max_bytes`: a feed cannot fit its size budget without trimming an entry new in this
    /// build, or even with only its newest entry.
    Budget(OverBudget),
    /// `lock --from`: the file is not a feed.
    NotAFeed {
        /// The file (`-` for standard input).
        path: PathBuf,
        /// Why.
        problem: String,
    },
    /// `ping`, `build --ping`: hubs that did not take the ping (their report lines came first).
    Hubs {
        /// Hubs that failed.
        failed: usize,
        /// Hubs pinged.
        total: usize,
        /// The pending record that keeps their feed files for the next ping, as shown; `None`
        /// when nothing is kept (`ping --all`).
        pending: Option<PathBuf>,
    },
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
        report: Box<Report>,
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
                report: Box::new(report),
                error: Box::new(self),
            }
        }
    }

    /// The failure split as the machine-readable message formats print it: the per-file
    /// diagnostics it carries, then the rest of its text (the closing count, or the whole
    /// message of a failure that is no per-file diagnostic), if any. `After` is not split: its
    /// report comes first, then its error's parts.
    pub fn parts(&self) -> (&[Diagnostic], Option<String>) {
        let mut rest = String::new();
        let done = match self {
            Error::Config(diagnostics) => return (diagnostics, None),
            Error::Ledger(d) => return (std::slice::from_ref(d), None),
            Error::Articles { diagnostics, files } => {
                let files = (*files, "file(s)");
                write_stop_line(&mut rest, diagnostics, files, "; nothing was written")
                    .map(|()| diagnostics.as_slice())
            }
            Error::Feeds {
                diagnostics,
                files,
                nothing_written,
            } => {
                let tail = if *nothing_written {
                    "; nothing was written"
                } else {
                    ""
                };
                write_stop_line(&mut rest, diagnostics, (*files, "feed file(s)"), tail)
                    .map(|()| diagnostics.as_slice())
            }
            Error::After { error, .. } => return error.parts(),
            _ => return (&[], Some(self.to_string())),
        };
        (done.unwrap_or_default(), Some(rest))
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
            | Error::Exists(_)
            | Error::Ledger(_)
            | Error::Churn { .. }
            | Error::Shrink { .. }
            | Error::Sealed(_)
            | Error::Locked { .. }
            | Error::Budget(_)
            | Error::NotAFeed { .. } => Exit::Invalid,
            Error::Io { .. } => Exit::Io,
            Error::Hubs { .. } => Exit::Hub,
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
            Error::Hubs {
                failed,
                total,
                pending,
            } => {
                write!(
                    f,
                    "{ERROR} {failed} of {total} hub(s) did not take the ping"
                )?;
                match pending {
                    Some(p) => write!(
                        f,
                        "; their feed files stay in {}: run `feedwright ping` again later",
                        shown(p)
                    ),
                    None => write!(f, "; run `feedwright ping --all` again later"),
                }
            }
            Error::Io { path, what, source } => {
                write!(f, "{ERROR} {}: {what}: {source}", shown(path))
            }
            Error::Ledger(d) => write!(f, "{d}"),
            Error::Churn {
                changes,
                storms,
                import_from,
            } => write_churn(f, changes, storms, import_from.as_deref()),
            Error::Shrink {
                shrinks,
                folder,
                records,
            } => write_shrink(f, shrinks, folder, *records),
            Error::Sealed(pages) => write_sealed(f, pages),
            Error::Locked { path, exists, diff } => write_locked(f, path, *exists, diff),
            Error::Budget(over) => write!(f, "{over}"),
            Error::NotAFeed { path, problem } => {
                write!(f, "{ERROR} {}: {}", shown(path), escape(problem))
            }
            Error::After { report, error } => write!(f, "{report}{error}"),
        }
    }
}

/// The line closing a run stopped by problems in articles or feeds: how many errors (or, when
/// only `--strict` made warnings fatal, warnings) in how many files (those that have them, not
/// those read: `4 errors in 4 file(s)` of five read), then `tail`. Problems with no file read
/// (a missing folder) say so instead.
fn write_stop_line(
    f: &mut dyn fmt::Write,
    diagnostics: &[Diagnostic],
    (files, kind): (usize, &str),
    tail: &str,
) -> fmt::Result {
    let errors: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_error()).collect();
    let (counted, what, note) = if errors.is_empty() {
        let warnings = diagnostics.iter().collect();
        (warnings, "warning", " (--strict treats warnings as errors)")
    } else {
        (errors, "error", "")
    };
    let n = counted.len();
    let plural = if n == 1 { "" } else { "s" };
    let with: std::collections::BTreeSet<&std::path::Path> =
        counted.iter().map(|d| d.path.as_path()).collect();
    if files == 0 {
        return write!(
            f,
            "feedwright: {n} {what}{plural} (no {kind} read){tail}{note}"
        );
    }
    let with = with.len().clamp(1, files);
    write!(
        f,
        "feedwright: {n} {what}{plural} in {with} {kind}{tail}{note}"
    )
}

/// The churn guard's message: a table of the entries (entry | old id | new id | why), the rename
/// storms, and how to go on.
fn write_churn(
    f: &mut fmt::Formatter<'_>,
    changes: &[Change],
    storms: &[Tally],
    import_from: Option<&std::path::Path>,
) -> fmt::Result {
    writeln!(
        f,
        "{ERROR} this build would change ids that subscribers know; nothing was written"
    )?;
    if !changes.is_empty() {
        let rows: Vec<[&str; 4]> = std::iter::once(["entry", "old id", "new id", "why"])
            .chain(changes.iter().map(|c| {
                let old = if c.old.is_empty() { "-" } else { &c.old };
                [c.key.as_str(), old, c.new.as_str(), c.why.as_str()]
            }))
            .collect();
        write_table(f, &rows)?;
    }
    for t in storms {
        writeln!(f, "  rename storm: {}", escape(&storm_line(t)))?;
    }
    writeln!(
        f,
        "  hint: readers know an entry by its id: under a new id they get it again, and of two \
         entries with one id they keep one"
    )?;
    if changes.iter().any(|c| c.old.is_empty()) {
        writeln!(
            f,
            "  hint: give one of two entries sharing an id another `slug` or an `id` field"
        )?;
    }
    if let Some(feed) = import_from {
        writeln!(
            f,
            "  hint: to keep the ids already published, run `feedwright lock --from {}` first",
            shown(feed)
        )?;
    }
    write!(
        f,
        "  hint: undo the change, or publish it anyway with --accept-id-change ENTRY (one entry) \
         or --accept-churn (all)"
    )
}

/// The shrink guard's message: what would lose its entries, the folder read and its records.
fn write_shrink(
    f: &mut fmt::Formatter<'_>,
    shrinks: &[Tally],
    folder: &std::path::Path,
    records: usize,
) -> fmt::Result {
    writeln!(
        f,
        "{ERROR} this build would take entries away from subscribers; nothing was written"
    )?;
    for t in shrinks {
        writeln!(f, "  {}", escape(&shrink_line(t)))?;
    }
    writeln!(
        f,
        "  articles folder read: {} ({records} record file(s))",
        shown(folder)
    )?;
    write!(
        f,
        "  hint: if the folder is right and the articles were removed on purpose, \
         build again with --allow-shrink"
    )
}

/// The message for sealed archive pages a build would change: each page, what would come and
/// go, and how to go on.
fn write_sealed(f: &mut fmt::Formatter<'_>, pages: &[(String, Unsealed)]) -> fmt::Result {
    writeln!(
        f,
        "{ERROR} this build would change archive pages that are sealed; nothing was written"
    )?;
    let ids = |ids: &[String]| {
        let named: Vec<&str> = ids
            .iter()
            .map(|id| if id.is_empty() { "(not a feed)" } else { id })
            .collect();
        named.join(", ")
    };
    for (feed, u) in pages {
        let what = if u.leftover {
            format!(
                "no longer full, would hold none of its {} entries",
                u.gone.len()
            )
        } else {
            let mut parts = Vec::new();
            if !u.added.is_empty() {
                parts.push(format!("would gain {}", ids(&u.added)));
            }
            if !u.gone.is_empty() {
                parts.push(format!("would lose {}", ids(&u.gone)));
            }
            parts.join("; ")
        };
        let page = format!("feed {feed:?} page {} ({}): {what}", u.n, u.file);
        writeln!(f, "  {}", escape(&page))?;
    }
    write!(
        f,
        "  hint: a sealed page never changes, so readers who stored it keep a true archive; an \
         article dated before the newest archived one, or a deleted one, changes pages. Date \
         new articles after the archive, or build with --reseal to rewrite these pages"
    )
}

/// A feed that cannot fit its size budget (`max_bytes`), and why.
#[derive(Debug)]
pub struct OverBudget {
    /// The feed's name.
    pub feed: String,
    /// Its budget in bytes.
    pub max_bytes: u64,
    /// The newest entries it must keep.
    pub keep: usize,
    /// Each file (as shown) that passes the budget with them, and its size.
    pub files: Vec<(PathBuf, u64)>,
    /// The oldest new entry trimming would drop (title, id); `None` when the newest entry alone
    /// does not fit.
    pub new: Option<(String, String)>,
    /// Whether the feed carries summaries only (`content = "summary"`).
    pub summary_only: bool,
    /// Whether the entries that must stay are an archived feed's newest that no archive page
    /// holds yet (the subscription document is their only document).
    pub unarchived: bool,
}

impl fmt::Display for OverBudget {
    /// Why the feed cannot fit, each file past the budget with what it needs, what to change.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let feed = escape(&self.feed);
        let max = grouped(self.max_bytes);
        let why = match self.new {
            Some(_) => "without trimming an entry new in this build".to_string(),
            None if self.unarchived => format!(
                "with its {} newest entries, which no archive page holds yet",
                self.keep
            ),
            None if self.keep == 0 => "even with no entries".to_string(),
            None => "even with only its newest entry".to_string(),
        };
        writeln!(
            f,
            "{ERROR} feed {feed:?} does not fit max_bytes = {max} {why}; nothing was written"
        )?;
        if let Some((title, id)) = &self.new {
            writeln!(
                f,
                "  new entry: {} ({})",
                escape(&format!("{title:?}")),
                escape(id)
            )?;
        }
        let entries = match self.keep {
            1 => "its newest entry".to_string(),
            n => format!("its {n} newest entries"),
        };
        for (file, size) in &self.files {
            let size = grouped(*size);
            writeln!(f, "  {}: {size} bytes with {entries}", shown(file))?;
        }
        let hint = if self.summary_only {
            "raise max_bytes, or lower summary_length"
        } else {
            "raise max_bytes, set full_content = N (only the N newest entries carry their \
             content, the others their summary), or content = \"summary\""
        };
        write!(f, "  hint: {hint}")
    }
}

/// `rows` as a table whose columns are aligned and separated by ` | `, each line indented and
/// ended by a newline; every cell escaped (file names and ids come from users).
fn write_table(f: &mut fmt::Formatter<'_>, rows: &[[&str; 4]]) -> fmt::Result {
    let rows: Vec<Vec<Cow<'_, str>>> = rows
        .iter()
        .map(|row| row.iter().map(|cell| escape(cell)).collect())
        .collect();
    let mut widths = [0; 4];
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    for row in &rows {
        write!(f, " ")?;
        for (i, cell) in row.iter().enumerate() {
            if i == row.len() - 1 {
                writeln!(f, " {cell}")?;
            } else {
                let pad = widths[i] - cell.chars().count();
                write!(f, " {cell}{} |", " ".repeat(pad))?;
            }
        }
    }
    Ok(())
}

/// `build --locked`'s message: what would change in the ledger, one record a line.
fn write_locked(
    f: &mut fmt::Formatter<'_>,
    path: &std::path::Path,
    exists: bool,
    diff: &Diff,
) -> fmt::Result {
    if exists {
        writeln!(
            f,
            "{ERROR} {} would change, and --locked forbids it; nothing was written",
            shown(path)
        )?;
    } else {
        writeln!(
            f,
            "{ERROR} {} does not exist, and --locked forbids creating it; nothing was written",
            shown(path)
        )?;
    }
    for (key, id) in &diff.added {
        writeln!(f, "  + {} {}", escape(key), escape(id))?;
    }
    for (key, id) in &diff.removed {
        writeln!(f, "  - {} {}", escape(key), escape(id))?;
    }
    for (key, old, new) in &diff.changed {
        writeln!(f, "  ~ {} {} -> {}", escape(key), escape(old), escape(new))?;
    }
    write!(
        f,
        "  hint: run `feedwright build` without --locked, then commit {}",
        shown(path)
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
             feedwright: 1 error in 1 file(s); nothing was written"
        );
        let strict = Error::Articles {
            diagnostics: vec![warning.clone(), warning],
            files: 1,
        };
        assert!(strict.to_string().ends_with(
            "feedwright: 2 warnings in 1 file(s); nothing was written \
             (--strict treats warnings as errors)"
        ));
        // Files counted are those with problems, not those read; none read says so.
        let three = Error::Articles {
            diagnostics: vec![
                Diagnostic::error("b.md", "x"),
                Diagnostic::error("b.md", "y"),
            ],
            files: 5,
        };
        assert!(three
            .to_string()
            .ends_with("feedwright: 2 errors in 1 file(s); nothing was written"));
        let missing = Error::Articles {
            diagnostics: vec![Diagnostic::error("articles", "cannot read folder")],
            files: 0,
        };
        assert!(missing
            .to_string()
            .ends_with("feedwright: 1 error (no file(s) read); nothing was written"));
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
             feedwright: 1 error in 1 feed file(s)"
        );
        assert_eq!(validate.exit(), Exit::Invalid);
        let build = Error::Feeds {
            diagnostics: vec![Diagnostic::warning("a.json", "odd")],
            files: 3,
            nothing_written: true,
        };
        assert!(build.to_string().ends_with(
            "feedwright: 1 warning in 1 feed file(s); nothing was written \
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
