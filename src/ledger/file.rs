//! The ledger's text: TOML, one table per record in key order, written and read a record at a
//! time.
//!
//! feedwright writes one exact form ([`write_header`], [`write_record`]) and reads it back line
//! by line ([`Canonical`]), so a 100,000-record ledger is never held whole, as text or as a
//! TOML document: a build streams it once to match the records to the articles and once more to
//! write the new one. Anything else that is valid TOML (a ledger edited by hand, or merged) is
//! read by the TOML parser ([`parse`]), whole, and written back in the exact form.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::{self, BufRead, Write};
use std::path::Path;

use chrono::DateTime;
use serde::Deserialize;

use super::{Ledger, Record};
use crate::diagnostics::Diagnostic;

/// The first lines of the file: what it is and what to do with it.
pub const HEADER: &str = "\
# feeds.lock: the id each article was first published with, so that no reader ever gets an
# entry twice. Written by `feedwright build`; commit it next to feeds.toml. One table per
# record, keyed by its path in the articles folder. On a merge conflict, keep both sides' tables.
";

/// Writes the header.
pub fn write_header(out: &mut dyn Write) -> io::Result<()> {
    out.write_all(HEADER.as_bytes())
}

/// Writes one record's table (after a blank line), using `buf` as scratch.
pub fn write_record(
    out: &mut dyn Write,
    buf: &mut String,
    key: &str,
    r: &Record,
) -> io::Result<()> {
    buf.clear();
    let _ = write!(
        buf,
        "\n[{}]\nid = {}\npublished = {}\ntitle = {}\n",
        quote(key),
        quote(&r.id),
        r.published.to_rfc3339(),
        quote(&r.title)
    );
    out.write_all(buf.as_bytes())
}

/// The records of a ledger in the exact form feedwright writes, one at a time: `Some` for each,
/// in key order; a single `None`, and nothing after it, where the text departs from that form
/// (or its keys from their order), when it must be read by [`parse`] instead.
#[derive(Debug)]
pub struct Canonical<R> {
    input: R,
    line: String,
    last: Option<String>,
    done: bool,
}

impl<R: BufRead> Canonical<R> {
    /// The records of `input`.
    pub fn new(input: R) -> Canonical<R> {
        Canonical {
            input,
            line: String::new(),
            last: None,
            done: false,
        }
    }

    /// The next line (without its newline) in `self.line`; false at the end.
    fn next_line(&mut self) -> Option<bool> {
        self.line.clear();
        let n = self.input.read_line(&mut self.line).ok()?;
        if self.line.ends_with('\n') {
            self.line.pop();
        }
        Some(n > 0)
    }

    /// The value of the next line, which must be `name = VALUE`.
    fn field(&mut self, name: &str) -> Option<&str> {
        self.next_line()?.then_some(())?;
        self.line.strip_prefix(name)?.strip_prefix(" = ")
    }

    /// The next record: `Ok(None)` at the end, `Err(())` where the form departs.
    fn record(&mut self) -> Result<Option<(String, Record)>, ()> {
        loop {
            if !self.next_line().ok_or(())? {
                return Ok(None);
            }
            if !(self.line.is_empty() || self.line.starts_with('#')) {
                break;
            }
        }
        let header = self
            .line
            .strip_prefix('[')
            .and_then(|l| l.strip_suffix(']'));
        let key = header.and_then(unquote).ok_or(())?;
        if self.last.as_ref().is_some_and(|last| *last >= key) {
            return Err(());
        }
        let id = self.field("id").and_then(unquote).ok_or(())?;
        let published = self.field("published").ok_or(())?;
        let published = DateTime::parse_from_rfc3339(published).map_err(|_| ())?;
        let title = self.field("title").and_then(unquote).ok_or(())?;
        self.last = Some(key.clone());
        let record = Record {
            id,
            published,
            title,
        };
        Ok(Some((key, record)))
    }
}

impl<R: BufRead> Iterator for Canonical<R> {
    type Item = Option<(String, Record)>;

    fn next(&mut self) -> Option<Self::Item> {
        if self.done {
            return None;
        }
        match self.record() {
            Ok(Some(r)) => Some(Some(r)),
            Ok(None) => {
                self.done = true;
                None
            }
            Err(()) => {
                self.done = true;
                Some(None)
            }
        }
    }
}

/// One record as TOML has it.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRecord {
    id: String,
    published: toml::value::Datetime,
    title: String,
}

/// Reads a ledger's `text` (from `shown`, for messages) as any TOML.
pub fn parse(text: &str, shown: &Path) -> Result<Ledger, Diagnostic> {
    let raw: BTreeMap<String, RawRecord> = toml::from_str(text).map_err(|e| {
        let mut d = Diagnostic::error(shown, e.message().trim().to_string());
        if let Some(span) = e.span() {
            d = d.at_offset(text, span.start, 0);
        }
        d.hint(
            if text.contains("\n<<<<<<<") || text.starts_with("<<<<<<<") {
                "resolve the merge conflict: keep the tables of both sides, without the markers"
            } else {
                "feedwright build writes this file; restore it from version control"
            },
        )
    })?;
    let mut records = BTreeMap::new();
    for (key, r) in raw {
        let published = DateTime::parse_from_rfc3339(&r.published.to_string()).map_err(|_| {
            let message = format!(
                "record {key:?}: published {} has no UTC offset",
                r.published
            );
            Diagnostic::error(shown, message).hint("write it as in 2026-01-31T09:00:00+02:00")
        })?;
        let record = Record {
            id: r.id,
            published,
            title: r.title,
        };
        records.insert(key, record);
    }
    Ok(Ledger { records })
}

/// A TOML basic string: quoted, with `"`, `\` and control characters escaped.
fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The text of a basic string as [`quote`] writes it; `None` for any other form.
fn unquote(s: &str) -> Option<String> {
    let inner = s.strip_prefix('"')?.strip_suffix('"')?;
    if !inner.contains(['"', '\\']) {
        return Some(inner.to_string());
    }
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return None,
            '\\' => match chars.next()? {
                '"' => out.push('"'),
                '\\' => out.push('\\'),
                'u' => {
                    let hex: String = chars.by_ref().take(4).collect();
                    out.push(char::from_u32(u32::from_str_radix(&hex, 16).ok()?)?);
                }
                _ => return None,
            },
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, published: &str, title: &str) -> Record {
        Record {
            id: id.into(),
            published: DateTime::parse_from_rfc3339(published).unwrap(),
            title: title.into(),
        }
    }

    fn sample() -> Ledger {
        let mut ledger = Ledger::default();
        let b = record("urn:x:\"b\"", "2026-01-02T00:00:00Z", "B \\ \u{7}");
        ledger.records.insert("b/2026-01-02-b.md".into(), b);
        let a = record(
            "tag:x.org,2026-01-01:a",
            "2026-01-01T10:00:00+02:00",
            "A & co",
        );
        ledger.records.insert("a.md".into(), a);
        ledger
    }

    #[test]
    fn the_text_is_sorted_stable_and_reads_back_line_by_line_or_as_toml() {
        let ledger = sample();
        let text = ledger.to_toml();
        assert!(text.starts_with(HEADER));
        assert_eq!(
            &text[HEADER.len()..],
            "\n[\"a.md\"]\nid = \"tag:x.org,2026-01-01:a\"\npublished = 2026-01-01T10:00:00+02:00\n\
             title = \"A & co\"\n\n[\"b/2026-01-02-b.md\"]\nid = \"urn:x:\\\"b\\\"\"\n\
             published = 2026-01-02T00:00:00+00:00\ntitle = \"B \\\\ \\u0007\"\n"
        );
        assert_eq!(parse(&text, Path::new("feeds.lock")).unwrap(), ledger);
        let read: Option<BTreeMap<_, _>> = Canonical::new(text.as_bytes()).collect();
        assert_eq!(
            read,
            Some(ledger.records.clone()),
            "the same records, line by line"
        );
    }

    #[test]
    fn any_other_form_is_left_to_the_toml_parser() {
        let ledger = sample();
        let text = ledger.to_toml();
        let single = text.replace("title = \"A & co\"", "title = 'A & co'");
        let (a, b) = text.split_at(text.find("\n[\"b/").unwrap());
        let unsorted = format!("{HEADER}{b}{}", &a[HEADER.len()..]);
        for edited in [single, unsorted] {
            let read: Vec<_> = Canonical::new(edited.as_bytes()).collect();
            assert_eq!(read.last(), Some(&None), "{edited}");
            assert_eq!(parse(&edited, Path::new("feeds.lock")).unwrap(), ledger);
        }
    }

    #[test]
    fn a_broken_file_is_an_error_with_its_position_and_a_hint() {
        let e = parse("[\"a.md\"]\nid = \"x\"\n", Path::new("feeds.lock")).unwrap_err();
        let e = e.to_string();
        assert!(
            e.starts_with("feeds.lock:1:1: error: missing field `published`"),
            "{e}"
        );
        let conflict = "[\"a.md\"]\n<<<<<<< HEAD\nid = \"x\"\n";
        let e = parse(conflict, Path::new("feeds.lock"))
            .unwrap_err()
            .to_string();
        assert!(e.ends_with("hint: resolve the merge conflict: keep the tables of both sides, without the markers"), "{e}");
        let local = "[\"a.md\"]\nid = \"x\"\npublished = 2026-01-01T00:00:00\ntitle = \"A\"\n";
        let e = parse(local, Path::new("feeds.lock"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("has no UTC offset"), "{e}");
    }
}
