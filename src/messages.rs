//! How a run's [`Report`], or the [`Error`] that stopped it, prints in each `--message-format`.
//!
//! - `human`: the `Display` of each (see [`crate::cmd`] and [`crate::error`]), on stderr.
//! - `github`: each diagnostic as a GitHub Actions workflow command,
//!   `::error file=PATH,line=L,col=C,title=feedwright::MESSAGE` (or `::warning`), its hint
//!   appended to the message; the data escaped as GitHub's toolkit escapes it (`%`, CR, LF as
//!   `%25`, `%0D`, `%0A`; in properties also `:` and `,` as `%3A`, `%2C`). A failure that is
//!   no per-file diagnostic (the churn table, sealed pages, I/O) is one `::error::` with its
//!   first line as the message, the rest of its text after it as it is. Notes and summary lines
//!   print as they are. All on stderr, as `human`.
//! - `json`: one object a line on stdout: `{"type":"diagnostic",...}` per diagnostic,
//!   `{"type":"error","message":...}` for a failure that is no per-file diagnostic, then one
//!   `{"type":"report",...}` (exit code, counts, what a build published, held back and wrote),
//!   left out only when `-q` asked for problems alone and there were none.
//!
//! Without `--message-format`, `github` is chosen when `GITHUB_ACTIONS=true` (as the Actions
//! runner sets it; other tools, e.g. pytest's and ruff's annotations, do the same), else
//! `human`. Text from contributors is passed through [`escape`] before a workflow command
//! carries it, as in `human`; JSON carries it as it is (JSON escapes what it must).

use std::fmt;
use std::path::Path;

use serde::Serialize;

use crate::cli::MessageFormat;
use crate::cmd::news::Built;
use crate::cmd::Report;
use crate::diagnostics::{escape, shown, Diagnostic, Severity};
use crate::error::{Error, Exit};
use crate::output;

/// The format to print in: the one given, else `github` under GitHub Actions, else `human`.
pub fn resolve(given: Option<MessageFormat>) -> MessageFormat {
    let actions = std::env::var_os("GITHUB_ACTIONS").is_some_and(|v| v == "true");
    match given {
        Some(format) => format,
        None if actions => MessageFormat::Github,
        None => MessageFormat::Human,
    }
}

/// What a run prints: the text for stderr, the bytes for stdout.
#[derive(Debug, Default)]
pub struct Printed {
    /// For stderr.
    pub stderr: String,
    /// For stdout.
    pub stdout: Vec<u8>,
}

/// The exit code of a run that ended with `result`.
pub fn exit(result: &Result<Report, Error>) -> Exit {
    result.as_ref().map_or_else(Error::exit, |_| Exit::Ok)
}

/// Everything `result` prints in `format`.
pub fn print(format: MessageFormat, result: &Result<Report, Error>) -> Printed {
    let mut out = Printed::default();
    match (format, result) {
        (MessageFormat::Human, Ok(report)) => {
            out.stderr = report.to_string();
            created_lines(report, &mut out.stdout);
        }
        (MessageFormat::Human, Err(error)) => out.stderr = format!("{error}\n"),
        (MessageFormat::Github, Ok(report)) => {
            github_report(report, &mut out.stderr).expect("a String takes any text");
            created_lines(report, &mut out.stdout);
        }
        (MessageFormat::Github, Err(error)) => {
            github_error(error, &mut out.stderr).expect("a String takes any text");
        }
        (MessageFormat::Json, _) => out.stdout = json_lines(result),
    }
    if let Ok(report) = result {
        out.stdout.extend_from_slice(&report.stdout);
    }
    out
}

/// The files a command created, one path a line, as scripts read them.
fn created_lines(report: &Report, stdout: &mut Vec<u8>) {
    for path in &report.created {
        stdout.extend_from_slice(format!("{}\n", path.display()).as_bytes());
    }
}

/// `text` as the data of a workflow command: `%`, CR and LF escaped.
pub fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// `text` as a property value of a workflow command: as data, and `:` and `,` escaped too.
pub fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One diagnostic as a workflow command line (with its newline).
fn github_diagnostic(d: &Diagnostic, f: &mut dyn fmt::Write) -> fmt::Result {
    let command = match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    write!(
        f,
        "::{command} file={}",
        github_property(&shown(&d.path).to_string())
    )?;
    if let Some((line, col)) = d.position {
        write!(f, ",line={line},col={col}")?;
    }
    let mut message = escape(&d.message).into_owned();
    if let Some(hint) = &d.hint {
        message.push_str("\nhint: ");
        message.push_str(&escape(hint));
    }
    writeln!(f, ",title=feedwright::{}", github_data(&message))
}

/// A report under `github`: warnings as workflow commands, the rest as it is.
fn github_report(report: &Report, f: &mut dyn fmt::Write) -> fmt::Result {
    for w in &report.warnings {
        github_diagnostic(w, f)?;
    }
    report.write_tail(f)
}

/// A failure under `github`: what was reported before it, its diagnostics as workflow
/// commands and its closing line as it is; any other failure as one `::error::` (its first
/// line), the rest of its text after it.
fn github_error(error: &Error, f: &mut dyn fmt::Write) -> fmt::Result {
    if let Error::After { report, error } = error {
        github_report(report, f)?;
        return github_error(error, f);
    }
    let (diagnostics, rest) = error.parts();
    for d in diagnostics {
        github_diagnostic(d, f)?;
    }
    match rest {
        Some(rest) if diagnostics.is_empty() => {
            let (first, after) = rest.split_once('\n').unwrap_or((&rest, ""));
            writeln!(f, "::error::{}", github_data(first))?;
            if !after.is_empty() {
                writeln!(f, "{after}")?;
            }
            Ok(())
        }
        Some(rest) => writeln!(f, "{rest}"),
        None => Ok(()),
    }
}

/// One diagnostic as a JSON object (`type` first, then as the human form reads).
#[derive(Serialize)]
struct JsonDiagnostic<'a> {
    r#type: &'static str,
    severity: &'static str,
    file: String,
    line: Option<usize>,
    col: Option<usize>,
    message: &'a str,
    hint: Option<&'a str>,
}

impl<'a> JsonDiagnostic<'a> {
    fn of(d: &'a Diagnostic) -> JsonDiagnostic<'a> {
        JsonDiagnostic {
            r#type: "diagnostic",
            severity: match d.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
            },
            file: shown(&d.path).to_string(),
            line: d.position.map(|(line, _)| line),
            col: d.position.map(|(_, col)| col),
            message: &d.message,
            hint: d.hint.as_deref(),
        }
    }
}

/// The report object: the run's exit code and counts, its notes and summary, and what a build
/// published, held back and wrote.
#[derive(Serialize)]
struct JsonReport<'a> {
    r#type: &'static str,
    exit: u8,
    errors: usize,
    warnings: usize,
    notes: Vec<&'a str>,
    summary: Option<&'a str>,
    created: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    held_back: Option<HeldBack>,
    #[serde(flatten)]
    build: Option<&'a Built>,
    /// `ping`, `build --ping`: the hubs told.
    #[serde(skip_serializing_if = "Option::is_none")]
    ping: Option<&'a crate::cmd::ping::Pinged>,
}

/// A failure that is no per-file diagnostic, as a JSON object.
#[derive(Serialize)]
struct JsonError<'a> {
    r#type: &'static str,
    message: &'a str,
}

/// What a build held back.
#[derive(Serialize)]
struct HeldBack {
    drafts: usize,
    scheduled: usize,
}

/// What a run said, gathered for `json` and `--report`: its diagnostics, its other errors, and
/// its report (merged, when a failure came after part of it).
#[derive(Default)]
struct Gathered<'a> {
    diagnostics: Vec<&'a Diagnostic>,
    errors: Vec<String>,
    summary: Option<String>,
    reports: Vec<&'a Report>,
}

impl<'a> Gathered<'a> {
    fn of(result: &'a Result<Report, Error>) -> Gathered<'a> {
        let mut g = Gathered::default();
        match result {
            Ok(report) => g.report(report),
            Err(error) => g.error(error),
        }
        g
    }

    fn report(&mut self, report: &'a Report) {
        self.diagnostics.extend(&report.warnings);
        self.summary.clone_from(&report.summary);
        self.reports.push(report);
    }

    fn error(&mut self, error: &'a Error) {
        if let Error::After { report, error } = error {
            self.report(report);
            return self.error(error);
        }
        let (diagnostics, rest) = error.parts();
        self.diagnostics.extend(diagnostics);
        match rest {
            Some(rest) if diagnostics.is_empty() => self.errors.push(rest),
            Some(rest) => self.summary = Some(rest),
            None => {}
        }
    }

    /// The report object.
    fn object(&self, exit: Exit) -> JsonReport<'_> {
        let count = |s: Severity| self.diagnostics.iter().filter(|d| d.severity == s).count();
        let build = self.reports.iter().find_map(|r| r.build.as_ref());
        JsonReport {
            r#type: "report",
            exit: exit as u8,
            errors: count(Severity::Error) + self.errors.len(),
            warnings: count(Severity::Warning),
            notes: self
                .reports
                .iter()
                .flat_map(|r| &r.notes)
                .map(String::as_str)
                .collect(),
            summary: self.summary.as_deref(),
            created: self
                .reports
                .iter()
                .flat_map(|r| &r.created)
                .map(|p| shown(p).to_string())
                .collect(),
            held_back: build.map(|b| HeldBack {
                drafts: b.drafts,
                scheduled: b.scheduled.len(),
            }),
            build,
            ping: self.reports.iter().find_map(|r| r.ping.as_ref()),
        }
    }

    /// Whether `-q` asked for problems only and there are none to show.
    fn quiet_and_clean(&self) -> bool {
        self.reports.iter().any(|r| r.quiet)
            && self.diagnostics.is_empty()
            && self.errors.is_empty()
    }
}

/// The `json` lines of a run.
fn json_lines(result: &Result<Report, Error>) -> Vec<u8> {
    let g = Gathered::of(result);
    let mut out = String::new();
    for d in &g.diagnostics {
        out.push_str(&json(&JsonDiagnostic::of(d)));
    }
    for message in &g.errors {
        out.push_str(&json(&JsonError {
            r#type: "error",
            message,
        }));
    }
    if !(g.quiet_and_clean() && result.is_ok()) {
        out.push_str(&json(&g.object(exit(result))));
    }
    out.into_bytes()
}

/// `value` as one line of JSON, with its newline.
fn json(value: &impl Serialize) -> String {
    let mut line = serde_json::to_string(value).expect("report values always serialise");
    line.push('\n');
    line
}

/// The `--report FILE.json` document: the report object, then every diagnostic and error
/// message of the run (`diagnostics`, `messages`), pretty-printed.
pub fn report_file(result: &Result<Report, Error>) -> Vec<u8> {
    #[derive(Serialize)]
    struct File<'a> {
        #[serde(flatten)]
        report: JsonReport<'a>,
        diagnostics: Vec<JsonDiagnostic<'a>>,
        messages: &'a [String],
    }
    let g = Gathered::of(result);
    let file = File {
        report: g.object(exit(result)),
        diagnostics: g
            .diagnostics
            .iter()
            .map(|d| JsonDiagnostic::of(d))
            .collect(),
        messages: &g.errors,
    };
    let mut text = serde_json::to_string_pretty(&file).expect("report values always serialise");
    text.push('\n');
    text.into_bytes()
}

/// Writes the `--report` document of `result` to `path`, atomically (a temp file beside it,
/// then a rename, through [`output`]); unchanged bytes are left alone.
pub fn write_report(path: &Path, result: &Result<Report, Error>) -> Result<(), Error> {
    output::write_file(path, &report_file(result)).map(|_| ())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn workflow_command_data_and_properties_are_escaped_as_the_toolkit_does() {
        assert_eq!(github_data("100% a\r\nb: c, d"), "100%25 a%0D%0Ab: c, d");
        assert_eq!(github_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
    }

    #[test]
    fn a_diagnostic_is_one_workflow_command_with_its_hint() {
        let d = Diagnostic::error("a,b:c.md", "no date: 50%")
            .at(1, 2)
            .hint("add one\u{1b}");
        let mut line = String::new();
        github_diagnostic(&d, &mut line).unwrap();
        assert_eq!(
            line,
            "::error file=a%2Cb%3Ac.md,line=1,col=2,title=feedwright::no date: 50%25%0Ahint: \
             add one\\u{1b}\n"
        );
    }
}
