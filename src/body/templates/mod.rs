//! Template syntax in bodies, rendered the way the site's generator would, before Markdown.
//!
//! A folder written for Jekyll, Hugo, Zola or Eleventy carries that generator's template
//! syntax in its bodies: Liquid tags, shortcodes, internal-link forms, `:::` containers. The
//! generator renders them before (or while) it renders Markdown; a feed that showed them as
//! text would show readers `{% raw %}` and `{{< figure >}}`. So under a `[site] preset` this
//! module rewrites each body once, between reading it and rendering it: the constructs the
//! generator defines are rendered (one file per generator family: `liquid`, `hugo`,
//! `zola`, `containers`); anything else that is template syntax is removed, keeping a
//! paired construct's inner content, with a warning naming its line. Code (fenced, indented or
//! inline) is left alone, except for the generators' own escapes (`{% raw %}`, `{{</* */>}}`,
//! `{{/* */}}`), which those generators honour everywhere. Without a preset nothing here runs.

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

use pulldown_cmark::{Event, Parser, Tag};
use url::Url;

use crate::config::Preset;
use crate::diagnostics::{line_col, Diagnostic};

mod containers;
mod hugo;
mod liquid;
mod zola;

/// What template syntax may read: the preset, the site URL, `[variables]` and every article's
/// link by source path.
#[derive(Debug, Clone, Copy)]
pub struct Context<'a> {
    /// The generator whose syntax the bodies use.
    pub preset: Preset,
    /// The site URL (`site.url` / `site.baseurl` in Liquid).
    pub site: &'a Url,
    /// `[variables]`, flattened to dotted keys.
    pub variables: &'a BTreeMap<String, String>,
    /// Article links by source path.
    pub links: &'a Links,
}

/// Every article's link by its source path under the articles folder (`/`-separated), built
/// once per build so `{% link %}`, `{% post_url %}`, `{{< ref >}}` and Zola's `@/` links can
/// find their targets.
#[derive(Debug, Clone, Default)]
pub struct Links {
    by_path: BTreeMap<String, String>,
}

impl Links {
    /// The map from `(source path, link)` pairs; paths are taken relative to `root` when under
    /// it.
    pub fn new<'p>(root: &Path, articles: impl IntoIterator<Item = (&'p Path, &'p str)>) -> Links {
        let by_path = articles
            .into_iter()
            .map(|(path, link)| {
                let rel = path.strip_prefix(root).unwrap_or(path);
                let rel: Vec<String> = rel
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                (rel.join("/"), link.to_string())
            })
            .collect();
        Links { by_path }
    }

    /// The link of the article at `path`: written relative to the articles folder, or to a
    /// folder above it (`_posts/x.md` when the articles folder is `_posts`), so the leading
    /// folders are dropped one at a time until one matches; else the first article whose path
    /// ends with `path` (Hugo's `ref` also takes a path relative to the page).
    pub fn find(&self, path: &str) -> Option<&str> {
        let path = path.trim_start_matches("./").trim_start_matches('/');
        let found = self.find_file(path);
        // Hugo's `ref` may also name a page without its extension, or a bundle's folder.
        let bare = path.trim_end_matches('/');
        found
            .or_else(|| self.find_file(&format!("{bare}.md")))
            .or_else(|| self.find_file(&format!("{bare}/index.md")))
    }

    /// [`Links::find`] for a path written with its file name.
    fn find_file(&self, path: &str) -> Option<&str> {
        let mut rest = path;
        loop {
            if let Some(link) = self.by_path.get(rest) {
                return Some(link);
            }
            match rest.split_once('/') {
                Some((_, r)) => rest = r,
                None => break,
            }
        }
        let tail = format!("/{path}");
        self.by_path
            .iter()
            .find_map(|(p, link)| p.ends_with(&tail).then_some(link.as_str()))
    }

    /// The link of the article whose file name, without its extension, is `name` (optionally
    /// after folders): Jekyll's `{% post_url %}`.
    pub fn post(&self, name: &str) -> Option<&str> {
        let name = name.trim_matches('/');
        self.by_path.iter().find_map(|(path, link)| {
            let stem = path.rsplit_once('.').map_or(path.as_str(), |(s, _)| s);
            let found = stem == name || stem.ends_with(&format!("/{name}"));
            found.then_some(link.as_str())
        })
    }
}

/// A construct removed because the preset cannot render it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Removed {
    /// Byte offset in the body.
    pub offset: usize,
    /// The construct as written.
    pub construct: String,
    /// Why it could not be rendered.
    pub reason: String,
}

/// Renders the template syntax of Markdown `body` under `cx.preset`. Returns the new body
/// (`None` if nothing changed) and what was removed.
pub fn expand(body: &str, cx: &Context) -> (Option<String>, Vec<Removed>) {
    let mut scan = Scan::new(body);
    match cx.preset {
        Preset::Jekyll | Preset::Eleventy => {
            scan.run(b"{", |s, at, code| liquid::step(s, at, code, cx))
        }
        Preset::Hugo => scan.run(b"{", |s, at, code| hugo::step(s, at, code, cx)),
        Preset::Zola => scan.run(b"{]", |s, at, code| zola::step(s, at, code, cx)),
    }
    let (text, removed) = scan.finish();
    if cx.preset != Preset::Eleventy {
        return (text, removed);
    }
    let first = text.as_deref().unwrap_or(body);
    match containers::expand(first) {
        Some(t) => (Some(t), removed),
        None => (text, removed),
    }
}

/// Warnings for what [`expand`] removed from the body of `path`, whose body starts on line
/// `first_line` of the file.
pub fn warnings(
    path: &Path,
    body: &str,
    first_line: usize,
    removed: &[Removed],
) -> Vec<Diagnostic> {
    removed
        .iter()
        .map(|r| {
            let (line, col) = line_col(body, r.offset);
            Diagnostic::warning(
                path,
                format!(
                    "template syntax `{}` removed: {}",
                    one_line(&r.construct),
                    r.reason
                ),
            )
            .at(line + first_line.saturating_sub(1), col)
            .hint("write it as Markdown or HTML, or set its value under [variables]")
        })
        .collect()
}

/// A construct shown in a message: on one line, at most 60 characters.
fn one_line(s: &str) -> String {
    let flat: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &flat[..i]),
        None => flat,
    }
}

/// One pass over a body: text is copied through, constructs are replaced.
pub(super) struct Scan<'t> {
    pub(super) text: &'t str,
    /// Byte ranges of code (fenced, indented, inline), sorted.
    code: Vec<Range<usize>>,
    out: String,
    /// How much of `text` is copied or replaced.
    done: usize,
    removed: Vec<Removed>,
}

impl<'t> Scan<'t> {
    fn new(text: &'t str) -> Self {
        Scan {
            text,
            code: code_ranges(text),
            out: String::new(),
            done: 0,
            removed: Vec::new(),
        }
    }

    /// Calls `step` at every byte of `triggers` not yet replaced, telling it whether the byte
    /// is inside code; `step` returns where scanning resumes when it replaced something.
    fn run(
        &mut self,
        triggers: &[u8],
        mut step: impl FnMut(&mut Self, usize, bool) -> Option<usize>,
    ) {
        let mut at = 0;
        while let Some(i) = self.text.as_bytes()[at..]
            .iter()
            .position(|b| triggers.contains(b))
        {
            let pos = at + i;
            let code = self.in_code(pos);
            at = match step(self, pos, code) {
                Some(end) => end.max(pos + 1),
                None => pos + 1,
            };
        }
    }

    fn in_code(&self, pos: usize) -> bool {
        let i = self.code.partition_point(|r| r.end <= pos);
        self.code.get(i).is_some_and(|r| r.start <= pos)
    }

    /// Replaces `text[at..end]` with `with`.
    pub(super) fn replace(&mut self, at: usize, end: usize, with: &str) -> usize {
        self.out.push_str(&self.text[self.done..at]);
        self.out.push_str(with);
        self.done = end;
        end
    }

    /// Removes `text[at..end]`, recording why.
    pub(super) fn remove(&mut self, at: usize, end: usize, reason: impl Into<String>) -> usize {
        self.removed.push(Removed {
            offset: at,
            construct: self.text[at..end].to_string(),
            reason: reason.into(),
        });
        self.replace(at, end, "")
    }

    fn finish(mut self) -> (Option<String>, Vec<Removed>) {
        if self.done == 0 {
            return (None, self.removed);
        }
        self.out.push_str(&self.text[self.done..]);
        (Some(self.out), self.removed)
    }
}

/// The byte ranges of code blocks and code spans in Markdown `text`.
fn code_ranges(text: &str) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = Parser::new_ext(text, super::markdown_options())
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::Code(_) | Event::Start(Tag::CodeBlock(_))))
        .map(|(_, r)| r)
        .collect();
    ranges.sort_by_key(|r| r.start);
    ranges
}

/// A delimited construct: `open`, inner text, `close` (e.g. `{%`, ` raw `, `%}`), found at the
/// start of `text`. Returns the inner text and the length of the whole.
pub(super) fn delimited<'t>(text: &'t str, open: &str, close: &str) -> Option<(&'t str, usize)> {
    let rest = text.strip_prefix(open)?;
    let end = rest.find(close)?;
    Some((&rest[..end], open.len() + end + close.len()))
}

/// Splits arguments on white space, keeping quoted strings (`"a b"`, `'a b'`, `` `a b` ``)
/// whole and `key="a b"` together; quotes are removed.
pub(super) fn arguments(text: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut quote: Option<char> = None;
    let mut started = false;
    for c in text.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => cur.push(c),
            None if c == '"' || c == '\'' || c == '`' => {
                quote = Some(c);
                started = true;
            }
            None if c.is_whitespace() => {
                if started {
                    args.push(std::mem::take(&mut cur));
                    started = false;
                }
            }
            None => {
                cur.push(c);
                started = true;
            }
        }
    }
    if started {
        args.push(cur);
    }
    args
}

/// The named argument `key` (`key=value`), else the positional argument `index` (not of the
/// form `key=value`).
pub(super) fn argument<'a>(args: &'a [String], key: &str, index: usize) -> Option<&'a str> {
    let named = args
        .iter()
        .find_map(|a| a.strip_prefix(key).and_then(|v| v.strip_prefix('=')));
    named.or_else(|| {
        args.iter()
            .filter(|a| !is_named(a))
            .nth(index)
            .map(String::as_str)
    })
}

fn is_named(arg: &str) -> bool {
    arg.split_once('=')
        .is_some_and(|(k, _)| !k.is_empty() && k.chars().all(|c| c.is_alphanumeric() || c == '_'))
}

/// The path of an absolute `link` (what Jekyll's `relative_url` and Hugo's `relref` give).
pub(super) fn link_path(link: &str) -> String {
    match Url::parse(link) {
        Ok(u) => {
            let mut p = u.path().to_string();
            if let Some(q) = u.query() {
                p = format!("{p}?{q}");
            }
            p
        }
        Err(_) => link.to_string(),
    }
}

/// A link to an embedded video, which feeds cannot carry: `<a href="url">url</a>`, as a
/// paragraph of its own.
pub(super) fn embed_link(url: &str) -> String {
    format!("<p>{}</p>", super::embed::link(url))
}

/// Test support: [`expand`] under `preset` on a site at `site` with `variables` and articles
/// `links` (source path under the articles folder, link); the new body (or the old one) and
/// what was removed.
#[cfg(test)]
pub(super) fn expand_test(
    preset: Preset,
    site: &str,
    variables: &[(&str, &str)],
    links: &[(&str, &str)],
    body: &str,
) -> (String, Vec<Removed>) {
    let site = Url::parse(site).expect("a valid URL");
    let variables = variables
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let links = Links::new(
        Path::new(""),
        links.iter().map(|(p, l)| (Path::new(*p), *l)),
    );
    let cx = Context {
        preset,
        site: &site,
        variables: &variables,
        links: &links,
    };
    let (text, removed) = expand(body, &cx);
    (text.unwrap_or_else(|| body.to_string()), removed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_match_by_path_suffix_and_post_name() {
        let links = Links::new(
            Path::new("site/_posts"),
            [
                (
                    Path::new("site/_posts/2013-05-06-one.md"),
                    "https://x.org/one/",
                ),
                (
                    Path::new("site/_posts/sub/two.markdown"),
                    "https://x.org/two/",
                ),
            ],
        );
        assert_eq!(
            links.find("_posts/2013-05-06-one.md"),
            Some("https://x.org/one/")
        );
        assert_eq!(links.find("sub/two.markdown"), Some("https://x.org/two/"));
        assert_eq!(
            links.find("/x/sub/two.markdown"),
            Some("https://x.org/two/")
        );
        assert_eq!(links.find("three.md"), None);
        assert_eq!(links.find("two.markdown"), Some("https://x.org/two/"));
        assert_eq!(
            links.find("/_posts/2013-05-06-one"),
            Some("https://x.org/one/")
        );
        assert_eq!(links.post("2013-05-06-one"), Some("https://x.org/one/"));
        assert_eq!(links.post("two"), Some("https://x.org/two/"));
        assert_eq!(links.post("one"), None);
    }

    #[test]
    fn arguments_keep_quoted_strings() {
        let args = arguments(r#"figure src="a b.png" alt='x' `raw s` k=v"#);
        assert_eq!(args, ["figure", "src=a b.png", "alt=x", "raw s", "k=v"]);
        assert_eq!(argument(&args[1..], "src", 9), Some("a b.png"));
        assert_eq!(argument(&args[1..], "id", 0), Some("raw s"));
    }

    #[test]
    fn code_is_found() {
        let text = "a `{{x}}` b\n\n```\n{{y}}\n```\n\n    {{z}}\n";
        let scan = Scan::new(text);
        assert!(scan.in_code(text.find("{{x").unwrap()));
        assert!(scan.in_code(text.find("{{y").unwrap()));
        assert!(scan.in_code(text.find("{{z").unwrap()));
        assert!(!scan.in_code(0));
    }

    #[test]
    fn any_body_expands_without_panicking() {
        use proptest::prelude::*;
        const PIECES: &[&str] = &[
            "{%",
            "%}",
            "{{",
            "}}",
            "{{<",
            ">}}",
            "{{%",
            "%}}",
            "/*",
            "*/",
            " raw ",
            " endraw ",
            " highlight x ",
            " endhighlight ",
            "](@/",
            "]: @/",
            "a.md",
            "#x",
            ":::",
            "\n",
            "`",
            "```\n",
            "    ",
            "é",
            "日",
            "(",
            ")",
            "\"",
            "'",
            " ",
            "/",
            "-",
            "name(",
        ];
        let piece = proptest::sample::select(PIECES);
        let mut runner = proptest::test_runner::TestRunner::default();
        runner
            .run(&proptest::collection::vec(piece, 0..40), |pieces| {
                let body: String = pieces.concat();
                for preset in [Preset::Jekyll, Preset::Hugo, Preset::Zola, Preset::Eleventy] {
                    let links = [("a.md", "https://x.org/a/")];
                    let (_, removed) = expand_test(preset, "https://x.org/", &[], &links, &body);
                    for r in &removed {
                        prop_assert!(body[r.offset..].starts_with(&r.construct));
                    }
                }
                Ok(())
            })
            .unwrap();
    }
}
