//! Diagnostics on a terminal: colour, and the source line under each problem (as rustc shows
//! it), so a person sees the line to fix without opening the file. Never on a pipe, a file or
//! CI logs (stderr is not a terminal there), and never when `NO_COLOR` is set to anything
//! (no-color.org); the text is otherwise byte for byte the plain one.

use std::io::IsTerminal;

/// Whether stderr gets colour and source lines: it is a terminal and `NO_COLOR` is unset or
/// empty.
pub fn wanted() -> bool {
    std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
}

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const CYAN: &str = "\x1b[1;36m";
const BLUE: &str = "\x1b[1;34m";
const RESET: &str = "\x1b[0m";

/// The biggest file a source line is read from (a record is at most 32 MiB; a terminal user
/// wants the line, not a wait).
const MAX_SOURCE: u64 = 4 << 20;

/// `text` (the plain human output) with `error`/`warning`/`hint` labels coloured, and under
/// each diagnostic that names a line the source line and a caret at its column; `source` gives
/// a file's line (1-based) as the diagnostic names the file.
pub fn decorate(text: &str, source: impl Fn(&str, usize) -> Option<String>) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for line in text.split_inclusive('\n') {
        let Some((place, label, rest)) = split_diagnostic(line) else {
            match line.strip_prefix("  hint: ") {
                Some(hint) => out.push_str(&format!("  {CYAN}hint{RESET}: {hint}")),
                None => out.push_str(line),
            }
            continue;
        };
        let colour = if label == "error" { RED } else { YELLOW };
        out.push_str(&format!("{place}: {colour}{label}{RESET}:{rest}"));
        if !line.ends_with('\n') {
            continue;
        }
        if let Some((file, at, col)) = position(place) {
            if let Some(src) = source(file, at) {
                let gutter = " ".repeat(at.to_string().len());
                let caret = " ".repeat(col.saturating_sub(1).min(src.chars().count()));
                out.push_str(&format!("{gutter} {BLUE}|{RESET}\n"));
                out.push_str(&format!("{BLUE}{at} |{RESET} {src}\n"));
                out.push_str(&format!(
                    "{gutter} {BLUE}|{RESET} {caret}{colour}^{RESET}\n"
                ));
            }
        }
    }
    out
}

/// A diagnostic line `PLACE: error: MESSAGE` (or `warning`): its place, label and the rest.
fn split_diagnostic(line: &str) -> Option<(&str, &str, &str)> {
    for label in ["error", "warning"] {
        let mark = format!(": {label}:");
        if let Some(i) = line.find(&mark) {
            let place = &line[..i];
            // `feedwright: error: ...` is the run's own message, not a file's.
            if place != "feedwright" && !place.contains(' ') {
                return Some((place, label, &line[i + mark.len()..]));
            }
        }
    }
    None
}

/// `FILE:LINE:COL` (or `FILE:LINE`) split apart.
fn position(place: &str) -> Option<(&str, usize, usize)> {
    let (rest, last) = place.rsplit_once(':')?;
    let last: usize = last.parse().ok()?;
    match rest.rsplit_once(':') {
        Some((file, line)) => match line.parse() {
            Ok(line) => Some((file, line, last)),
            Err(_) => Some((rest, last, 1)),
        },
        None => Some((rest, last, 1)),
    }
}

/// Line `at` (1-based) of the file `path`, without its line end, if the file is a regular
/// file of at most [`MAX_SOURCE`] bytes that is UTF-8 text there.
pub fn source_line(path: &str, at: usize) -> Option<String> {
    let meta = std::fs::symlink_metadata(path).ok()?;
    if !meta.is_file() || meta.len() > MAX_SOURCE {
        return None;
    }
    let text = std::fs::read(path).ok()?;
    let line = text.split(|&b| b == b'\n').nth(at.checked_sub(1)?)?;
    let line = std::str::from_utf8(line).ok()?.trim_end_matches('\r');
    // Control characters are not printed raw (see `diagnostics::escape`).
    Some(crate::diagnostics::escape(line).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_coloured_and_the_source_line_is_shown_under_its_problem() {
        let text =
            "feeds.toml:10:9: error: `limit` must be a whole number\n  hint: write limit = 10\n\
                    feedwright: 1 error in 1 file(s); nothing was written\n";
        let out = decorate(text, |file, line| {
            assert_eq!((file, line), ("feeds.toml", 10));
            Some("limit = \"ten\"".into())
        });
        assert_eq!(
            out,
            format!(
                "feeds.toml:10:9: {RED}error{RESET}: `limit` must be a whole number\n\
                 \x20  {BLUE}|{RESET}\n\
                 {BLUE}10 |{RESET} limit = \"ten\"\n\
                 \x20  {BLUE}|{RESET}         {RED}^{RESET}\n\
                 \x20 {CYAN}hint{RESET}: write limit = 10\n\
                 feedwright: 1 error in 1 file(s); nothing was written\n"
            )
        );
    }

    #[test]
    fn lines_that_are_not_diagnostics_pass_unchanged() {
        let text = "feedwright: error: the output lock is held\nrenamed: a -> b\n";
        assert_eq!(decorate(text, |_, _| None), text);
        assert_eq!(position("a.md:3:5"), Some(("a.md", 3, 5)));
        assert_eq!(position("a.md:3"), Some(("a.md", 3, 1)));
        assert_eq!(position("a.md"), None);
    }
}
