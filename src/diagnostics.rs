//! Problems found in the user's input, and how they are shown.
//!
//! Every failure feedwright reports about a site is a [`Diagnostic`]: it names the file, the line
//! and column where that is known, says what is wrong and, where we can tell, how to fix it. The
//! loader collects all of them before anything is written, so one run reports every problem.
//!
//! File names, keys and values in messages come from untrusted contributors, and they are printed
//! to terminals and CI logs. [`escape`] and [`shown`] are the one place that makes such text safe
//! to print: control characters (ESC, BEL, CR, LF...) and the invisible characters that reorder
//! text become escapes such as `\u{1b}`, and bytes of a file name that are not UTF-8 become
//! `\xff`, so a name can neither forge a line nor drive the terminal, and two names never print
//! alike. [`Diagnostic`]'s `Display` applies them to its path, message and hint, and every
//! other line that prints a path (see [`crate::error`]) goes through [`shown`].

use std::borrow::Cow;
use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop the build, warnings do not (unless `--strict`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported; stops the build only under `--strict`.
    Warning,
}

/// One problem in one file, printed as `path:line:col: error: message` plus a hint line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The file the problem is in (as the user named it, relative to the working directory).
    pub path: PathBuf,
    /// 1-based line and column, where known.
    pub position: Option<(usize, usize)>,
    /// Error or warning.
    pub severity: Severity,
    /// What is wrong.
    pub message: String,
    /// How to fix it, if we can tell.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error in `path` with no position yet.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            position: None,
            severity: Severity::Error,
            message: message.into(),
            hint: None,
        }
    }

    /// A warning in `path` with no position yet.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(path, message)
        }
    }

    /// Sets the 1-based line and column.
    pub fn at(mut self, line: usize, col: usize) -> Self {
        self.position = Some((line, col));
        self
    }

    /// Sets the position from a byte offset into `text`, shifted down by `line_offset` lines
    /// (used when `text` is a part of a larger file, such as its front matter).
    pub fn at_offset(self, text: &str, offset: usize, line_offset: usize) -> Self {
        let (line, col) = line_col(text, offset);
        self.at(line + line_offset, col)
    }

    /// Adds a hint saying how to fix the problem.
    pub fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", shown(&self.path))?;
        if let Some((line, col)) = self.position {
            write!(f, ":{line}:{col}")?;
        }
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, ": {label}: {}", escape(&self.message))?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {}", escape(hint))?;
        }
        Ok(())
    }
}

/// The problems found while validating one file, each placed on the line of the key it is about.
///
/// Validation runs one function per field; each reports here instead of pushing to a vector
/// that a closure captured, and the caller asks at the end whether any problem was an error.
/// A problem about a key is placed on the first line that sets the key (looked up in the text
/// given to [`Problems::keys_in`]), or else at the fallback position, if there is one.
#[derive(Debug)]
pub struct Problems<'a> {
    path: &'a Path,
    /// The text keys are looked up in, and the file line its first line is on.
    keys: Option<(&'a str, usize)>,
    /// The lines of every key of that text, read on first use.
    key_lines: std::cell::OnceCell<KeyLines<'a>>,
    /// Where a problem goes when its key is not found.
    fallback: Option<(usize, usize)>,
    found: Vec<Diagnostic>,
}

impl<'a> Problems<'a> {
    /// No problems yet in `path` (as shown in messages); positions unknown.
    pub fn new(path: &'a Path) -> Self {
        Problems {
            path,
            keys: None,
            key_lines: std::cell::OnceCell::new(),
            fallback: None,
            found: Vec::new(),
        }
    }

    /// Places problems on the line that sets their key in `text`, whose first line is line
    /// `first_line` of the file.
    pub fn keys_in(mut self, text: &'a str, first_line: usize) -> Self {
        self.keys = Some((text, first_line));
        self.key_lines = std::cell::OnceCell::new();
        self
    }

    /// Places problems whose key is not found at `line`, `col`.
    pub fn otherwise_at(mut self, line: usize, col: usize) -> Self {
        self.fallback = Some((line, col));
        self
    }

    /// The file, as shown in messages.
    pub fn path(&self) -> &'a Path {
        self.path
    }

    /// Records an error about `key`, with a hint saying how to fix it.
    pub fn error(&mut self, key: &str, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::error(self.path, message).hint(hint);
        self.push_at(key, d);
    }

    /// The position a problem about `key` is placed at (its line, else the fallback), for a
    /// problem found later, once the file is no longer at hand.
    pub fn position_of(&self, key: &str) -> Option<(usize, usize)> {
        let line = self.keys.and_then(|(text, first)| {
            let lines = self.key_lines.get_or_init(|| KeyLines::new(text));
            lines.line(key).map(|l| l + first - 1)
        });
        line.map(|l| (l, 1)).or(self.fallback)
    }

    /// Records a warning about `key`, with a hint saying how to fix it.
    pub fn warning(&mut self, key: &str, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::warning(self.path, message).hint(hint);
        self.push_at(key, d);
    }

    /// Records an error about the value at byte `offset` of the text given to
    /// [`Problems::keys_in`], placed on its line (for a key set in several tables, such as one
    /// per `[[feeds]]`, where the key's first line would be another table's).
    pub fn error_at(&mut self, offset: usize, message: impl Into<String>, hint: impl Into<String>) {
        let d = Diagnostic::error(self.path, message).hint(hint);
        let d = match self.line_at(offset).map(|l| (l, 1)).or(self.fallback) {
            Some((line, col)) => d.at(line, col),
            None => d,
        };
        self.found.push(d);
    }

    /// The file line of byte `offset` of the text given to [`Problems::keys_in`], if any.
    pub fn line_at(&self, offset: usize) -> Option<usize> {
        self.keys
            .map(|(text, first)| line_col(text, offset).0 + first - 1)
    }

    /// Records a problem as it is (one about the whole file, or already placed).
    pub fn push(&mut self, d: Diagnostic) {
        self.found.push(d);
    }

    /// True when an error (not only warnings) was recorded.
    pub fn has_errors(&self) -> bool {
        self.found.iter().any(Diagnostic::is_error)
    }

    /// Every problem, in the order recorded.
    pub fn into_vec(self) -> Vec<Diagnostic> {
        self.found
    }

    fn push_at(&mut self, key: &str, d: Diagnostic) {
        let d = match self.position_of(key) {
            Some((line, col)) => d.at(line, col),
            None => d,
        };
        self.found.push(d);
    }
}

/// 1-based line and column (in characters) of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = before[line_start..].chars().count() + 1;
    (line, col)
}

/// The 1-based line on which `key` is first set in a TOML or YAML document (`key =` or
/// `key:` at the start of a line, the key bare or quoted), if any. Used to place problems the
/// parsers report without a position. To place many keys, build [`KeyLines`] once instead:
/// this reads the whole text.
pub fn key_line(text: &str, key: &str) -> Option<usize> {
    text.lines()
        .position(|line| line_sets(line.trim_start(), key))
        .map(|i| i + 1)
}

/// Whether `line` (without its indent) sets `key`: the key, bare or in `"` or `'` quotes, then
/// optional blanks, then `=` or `:`.
fn line_sets(line: &str, key: &str) -> bool {
    let quoted = |q: char| {
        line.strip_prefix(q)
            .and_then(|l| l.strip_prefix(key))
            .and_then(|l| l.strip_prefix(q))
    };
    line.strip_prefix(key)
        .or_else(|| quoted('"'))
        .or_else(|| quoted('\''))
        .is_some_and(|r| r.trim_start().starts_with(['=', ':']))
}

/// Every key a TOML or YAML document sets, with the first line that sets it, read in one
/// pass: [`KeyLines::line`] answers as [`key_line`] does, without reading the text again.
#[derive(Debug, Default)]
pub struct KeyLines<'a> {
    lines: std::collections::HashMap<&'a str, usize>,
}

/// How many `=` or `:` of one line may end a key. Keys holding more (a YAML key such as
/// `a:b:c:d:e`) are looked up by [`key_line`] semantics only up to here; past it they are
/// simply not found (and a problem about them is placed at its fallback position), which
/// keeps the index linear in the text.
const SEPARATORS_PER_LINE: usize = 4;

impl<'a> KeyLines<'a> {
    /// Reads `text` once.
    pub fn new(text: &'a str) -> KeyLines<'a> {
        let mut lines = std::collections::HashMap::new();
        for (i, line) in text.lines().enumerate() {
            let line = line.trim_start();
            for key in keys_set(line) {
                lines.entry(key).or_insert(i + 1);
            }
        }
        KeyLines { lines }
    }

    /// The 1-based line on which `key` is first set, if any.
    pub fn line(&self, key: &str) -> Option<usize> {
        self.lines.get(key).copied()
    }
}

/// The keys `line` (without its indent) may set, as [`line_sets`] reads it: the text before
/// each of its first `=`/`:` (blanks before it dropped), and that text unquoted when it is
/// one quoted string (of at least one character).
fn keys_set(line: &str) -> impl Iterator<Item = &str> {
    line.match_indices(['=', ':'])
        .take(SEPARATORS_PER_LINE)
        .flat_map(move |(at, _)| {
            let key = line[..at].trim_end();
            // [`line_sets`] tries the quoted form only when the bare one is no prefix, which the
            // empty key always is.
            let unquoted = ['"', '\'']
                .into_iter()
                .find_map(|q| key.strip_prefix(q)?.strip_suffix(q))
                .filter(|k| !k.is_empty());
            std::iter::once(key).chain(unquoted)
        })
}

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let mut scored: Vec<(f64, &str)> = candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(word, c), *c))
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0));
    match scored.as_slice() {
        [(best, c), ..] if *best > 0.8 => Some(c),
        // A clear winner among few choices, as `sight` is `site` among the four table names.
        [(best, c), rest @ ..] if *best > 0.6 && rest.first().is_none_or(|r| best - r.0 > 0.15) => {
            Some(c)
        }
        _ => None,
    }
}

/// True for a character that must not reach a terminal or a log as it is: a control character
/// (C0, DEL, C1: ESC, BEL, CR, LF...), a line or paragraph separator, or a bidirectional
/// formatting character (which can make text print in another order than it is read).
fn is_unprintable(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{200e}' | '\u{200f}' | '\u{2028}' | '\u{2029}' | '\u{202a}'..='\u{202e}'
                | '\u{2066}'..='\u{2069}'
        )
}

/// Writes `text` with every unprintable character escaped as Rust writes it (`\n`, `\u{1b}`).
fn write_escaped(out: &mut impl fmt::Write, text: &str) -> fmt::Result {
    for c in text.chars() {
        if !is_unprintable(c) {
            out.write_char(c)?;
        } else if c.is_control() {
            write!(out, "{}", c.escape_debug())?;
        } else {
            write!(out, "{}", c.escape_unicode())?;
        }
    }
    Ok(())
}

/// User-controlled `text` made safe to print: control and bidirectional formatting characters
/// escaped (`\u{1b}`, `\n`); everything else, backslashes included, as it is. No copy when
/// there is nothing to escape.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_unprintable) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    write_escaped(&mut out, text).expect("writing to a String cannot fail");
    Cow::Owned(out)
}

/// A path made safe to print, as [`escape`] does for text; bytes that are not UTF-8 print as
/// `\xff`. Used for every path feedwright prints.
pub fn shown(path: &Path) -> Shown<'_> {
    Shown(path)
}

/// A path that prints escaped; see [`shown`].
#[derive(Debug, Clone, Copy)]
pub struct Shown<'a>(&'a Path);

impl fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for chunk in self.0.as_os_str().as_encoded_bytes().utf8_chunks() {
            write_escaped(f, chunk.valid())?;
            for byte in chunk.invalid() {
                write!(f, "\\x{byte:02x}")?;
            }
        }
        Ok(())
    }
}

/// Shows a path relative to the current directory when it is below it, as users typed it.
/// The result is still a path to open; print it with [`shown`].
pub fn display_path(path: &Path) -> PathBuf {
    if path.is_relative() {
        return path.to_path_buf();
    }
    static CWD: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    match CWD.get_or_init(|| std::env::current_dir().ok()) {
        Some(cwd) => path
            .strip_prefix(cwd)
            .map(Path::to_path_buf)
            .unwrap_or_else(|_| path.to_path_buf()),
        None => path.to_path_buf(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_path_line_col_and_hint() {
        let d = Diagnostic::error("a/b.md", "missing title")
            .at(3, 1)
            .hint("add `title = \"...\"`");
        assert_eq!(
            d.to_string(),
            "a/b.md:3:1: error: missing title\n  hint: add `title = \"...\"`"
        );
    }

    #[test]
    fn control_characters_in_paths_messages_and_hints_print_escaped() {
        let d = Diagnostic::warning(
            "articles/x\u{1b}]0;pwned\u{7}\nerror: all good\r.md",
            "unknown front-matter key `k\u{1b}[31m` is ignored",
        )
        .hint("did you mean \u{202e}`tags`?");
        assert_eq!(
            d.to_string(),
            "articles/x\\u{1b}]0;pwned\\u{7}\\nerror: all good\\r.md: warning: unknown \
             front-matter key `k\\u{1b}[31m` is ignored\n  hint: did you mean \\u{202e}`tags`?"
        );
        assert!(matches!(escape("plain, ç and \\ stay"), Cow::Borrowed(_)));
    }

    #[cfg(unix)]
    #[test]
    fn bytes_of_a_name_that_are_not_utf8_print_as_hex_escapes() {
        use std::os::unix::ffi::OsStrExt;
        let name = Path::new(std::ffi::OsStr::from_bytes(b"articles/bad\xff\xfe\x1b.md"));
        assert_eq!(shown(name).to_string(), "articles/bad\\xff\\xfe\\u{1b}.md");
        let lookalike = Path::new("articles/bad\u{fffd}\u{fffd}.md");
        assert_ne!(shown(name).to_string(), shown(lookalike).to_string());
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\nçd", 5), (2, 2));
        assert_eq!(line_col("abc", 0), (1, 1));
        assert_eq!(line_col("abc", 99), (1, 4));
    }

    #[test]
    fn finds_key_lines() {
        let text = "title = \"x\"\n  datee: 3\n";
        assert_eq!(key_line(text, "title"), Some(1));
        assert_eq!(key_line(text, "datee"), Some(2));
        assert_eq!(key_line(text, "tags"), None);
    }

    #[test]
    fn key_lines_agree_with_key_line() {
        let text = "title = \"x\"\n  datee: 3\n\"quoted key\" = 1\n'single' = 2\na:b: 3\n\
                    title: again\nk.d = 1\n x =\nurl = \"https://x.org/a=b\"\n\"\" = 1\n";
        let index = KeyLines::new(text);
        for key in [
            "title",
            "datee",
            "quoted key",
            "single",
            "a",
            "a:b",
            "k.d",
            "k",
            "x",
            "url",
            "url = \"https",
            "tags",
            "",
            "\"",
            "ti",
        ] {
            assert_eq!(index.line(key), key_line(text, key), "{key:?}");
        }
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(did_you_mean("titel", &["title", "url"]), Some("title"));
        assert_eq!(did_you_mean("zzz", &["title", "url"]), None);
        let tables = ["site", "authors", "feeds", "variables"];
        assert_eq!(did_you_mean("sight", &tables), Some("site"));
        assert_eq!(did_you_mean("feed", &tables), Some("feeds"));
        assert_eq!(did_you_mean("qqqq", &tables), None);
    }
}
