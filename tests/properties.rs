//! Property tests: random hostile sites must produce feeds that strict parsers accept, that
//! carry no executable or relative URLs, and that round-trip every title, name and tag exactly
//! (after the normalisation the README documents: forbidden characters removed, white space
//! folded). Built through the library (no disk), so many cases run in seconds.

use chrono::DateTime;
use feedwright::article::{load::parse_record, BodyKind};
use feedwright::config::{Format, Site};
use proptest::prelude::*;
use std::path::Path;

const PIECES: &[&str] = &[
    "&",
    "&amp;",
    "<",
    ">",
    "<b>",
    "</p>",
    "]]>",
    "<![CDATA[",
    "\"",
    "'",
    "\u{0}",
    "\u{1}",
    "\u{7}",
    "\u{b}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\u{9f}",
    "\u{fffe}",
    "\u{ffff}",
    "\u{fdd0}",
    "\u{1fffe}",
    "\u{200f}",
    "\u{202e}",
    "e\u{301}",
    "\u{fffd}",
    "👩\u{200d}💻",
    "🐟",
    "Pneumonoultramicroscopicsilicovolcanoconiosis",
    "<script>x()</script>",
    "javascript:alert(1)",
    "&#x1;",
    "&bogus;",
    "\u{feff}",
    "\t",
    "\n",
    "R&D",
    "<truce>",
    "漁港",
    "Ελλάδα",
];

fn hostile() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(PIECES).prop_map(str::to_string),
            "[a-zA-Z0-9]{1,8}",
            any::<char>().prop_map(|c| c.to_string()),
        ],
        1..6,
    )
    .prop_map(|v| v.join(" "))
}

const BODIES: &[&str] = &[
    "[root](/root/) [rel](rel.html) [up](../up/) [frag](#x) [q](?a=1) [cdn](//cdn.example.net/x)",
    "<a href=\"javascript:alert(1)\" onclick=\"x()\">j</a><script>alert(1)</script><iframe src=\"e\"></iframe>",
    "<img src=\"a.png\" srcset=\"a.png 1x, /b.png 2x\" onerror=\"x()\"> <div><p>unclosed <b>bold",
    "Text with ]]> and & and < and \u{0} NUL and \u{85} and &#x1; refs.",
    "Footnote[^1].\n\n[^1]: note [link](n.html)",
    "```\n]]> <script> & \n```",
    "<!-- more -->\nafter",
];

/// The documented normalisation: forbidden characters removed, white space folded.
fn expected(s: &str) -> String {
    let kept: String = s
        .chars()
        .filter(|&c| {
            let u = c as u32;
            !((u < 0x20 && !matches!(c, '\t' | '\n' | '\r'))
                || (0x7F..=0x9F).contains(&u)
                || (0xFDD0..=0xFDEF).contains(&u)
                || (u & 0xFFFE) == 0xFFFE)
        })
        .collect();
    kept.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Debug, Clone)]
struct Rec {
    title: String,
    author: String,
    tags: Vec<String>,
    body: String,
    kind: BodyKind,
}

fn record() -> impl Strategy<Value = Rec> {
    (
        hostile(),
        hostile(),
        prop::collection::vec(hostile(), 0..3),
        prop::collection::vec(prop::sample::select(BODIES), 1..4),
        hostile(),
        prop::sample::select(vec![BodyKind::Markdown, BodyKind::Html, BodyKind::Text]),
    )
        .prop_map(|(t, a, tags, body, extra, kind)| Rec {
            title: format!("T {t}"),
            author: format!("A {a}"),
            tags: tags.into_iter().map(|t| format!("g {t}")).collect(),
            body: format!("{}\n\n{extra}\n", body.join("\n\n")),
            kind,
        })
}

fn toml_string(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

/// The tags of serialised HTML (text between tags is ignored: escaped text is harmless).
fn tags(html: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        let mut quote = false;
        let end = rest
            .char_indices()
            .find(|&(_, c)| {
                if c == '"' {
                    quote = !quote;
                }
                c == '>' && !quote
            })
            .map_or(rest.len(), |(j, _)| j + 1);
        out.push(&rest[..end]);
        rest = &rest[end..];
    }
    out
}

fn check_html(html: &str) -> Result<(), String> {
    for tag in tags(html) {
        let lower = tag.to_ascii_lowercase();
        for bad in ["<script", "<iframe", "<object", "<embed", "javascript:"] {
            if lower.contains(bad) {
                return Err(format!("{bad} in {tag}"));
            }
        }
        if lower
            .split_whitespace()
            .skip(1)
            .any(|a| a.starts_with("on") && a.contains('='))
        {
            return Err(format!("event handler in {tag}"));
        }
        for attr in ["href=\"", "src=\""] {
            if let Some(i) = tag.find(attr) {
                let v = &tag[i + attr.len()..];
                if !(v.starts_with("http://")
                    || v.starts_with("https://")
                    || v.starts_with("mailto:"))
                {
                    return Err(format!("relative URL in {tag}"));
                }
            }
        }
        if let Some(i) = tag.find("srcset=\"") {
            let v = &tag[i + 8..];
            let v = &v[..v.find('"').unwrap_or(v.len())];
            for cand in v.split(", ") {
                if !cand.starts_with("https://") && !cand.starts_with("http://") {
                    return Err(format!("relative srcset candidate {cand} in {tag}"));
                }
            }
        }
    }
    Ok(())
}

fn forbidden_free(s: &str) -> bool {
    expected(s).len() == s.split_whitespace().collect::<Vec<_>>().join(" ").len()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn hostile_sites_give_valid_safe_round_tripping_feeds(recs in prop::collection::vec(record(), 1..4), site_title in hostile()) {
        let config = format!(
            "[site]\ntitle = {}\nurl = \"https://ex.org/blog/\"\ndescription = \"d\"\nauthor = {{ name = \"Desk\" }}\n",
            toml_string(&format!("S {site_title}"))
        );
        let site = Site::from_str(&config, Path::new("feeds.toml"), Path::new("")).unwrap();
        let mut articles = Vec::new();
        for (i, r) in recs.iter().enumerate() {
            let text = format!(
                "+++\ntitle = {}\ndate = 2026-01-{:02}T10:00:00Z\nauthors = [{}]\ntags = [{}]\n+++\n{}",
                toml_string(&r.title), i + 1, toml_string(&r.author),
                r.tags.iter().map(|t| toml_string(t)).collect::<Vec<_>>().join(", "), r.body
            );
            let ext = match r.kind { BodyKind::Markdown => "md", BodyKind::Html => "html", BodyKind::Text => "txt" };
            let mut diags = Vec::new();
            let a = parse_record(&text, Path::new(&format!("a{i}.{ext}")), r.kind, &site, &mut diags);
            prop_assert!(diags.iter().all(|d| !d.is_error()), "{:?}", diags);
            articles.push(a.unwrap());
        }
        let now = DateTime::parse_from_rfc3339("2026-11-24T00:00:00Z").unwrap();
        let selection = feedwright::pipeline::Selection::new(&site, &articles, now, false);
        let (bodies, problems) = feedwright::pipeline::render_bodies(&site, &mut articles, &selection);
        prop_assert!(problems.is_empty(), "{:?}", problems);
        let plan = feedwright::pipeline::Plan::new(&site, &articles, &selection, &bodies);
        for (o, (format, _)) in plan.outputs().unwrap().iter().zip(&site.feeds[0].outputs) {
            let text = std::str::from_utf8(&o.bytes).unwrap();
            prop_assert!(forbidden_free(text), "forbidden character in {}", o.file);
            if *format != Format::Json {
                let doc = roxmltree::Document::parse(text);
                prop_assert!(doc.is_ok(), "{}: {:?}\n{}", o.file, doc.err(), text);
            }
            let feed = feed_rs::parser::parse(o.bytes.as_slice()).map_err(|e| TestCaseError::fail(format!("{}: {e}", o.file)))?;
            prop_assert_eq!(feed.entries.len(), recs.len());
            prop_assert_eq!(&feed.title.as_ref().unwrap().content, &expected(&format!("S {site_title}")));
            // Newest first: record i is dated day i+1.
            for (entry, r) in feed.entries.iter().zip(recs.iter().rev()) {
                prop_assert_eq!(&entry.title.as_ref().unwrap().content, &expected(&r.title), "{}", o.file);
                let names: Vec<String> = entry.authors.iter().map(|p| p.name.clone()).collect();
                prop_assert_eq!(names, vec![expected(&r.author)], "{}", o.file);
                let mut want_tags: Vec<String> = Vec::new();
                for t in &r.tags {
                    let t = expected(t);
                    if !want_tags.contains(&t) { want_tags.push(t); }
                }
                let tags: Vec<String> = entry.categories.iter().map(|c| c.term.clone()).collect();
                prop_assert_eq!(tags, want_tags, "{}", o.file);
            }
            if *format == Format::Json {
                let json: serde_json::Value = serde_json::from_slice(&o.bytes).unwrap();
                for item in json["items"].as_array().unwrap() {
                    check_html(item["content_html"].as_str().unwrap()).map_err(TestCaseError::fail)?;
                }
            }
        }
    }
}

// ------------------------------------------------------------------ parsers never panic

fn site() -> Site {
    Site::from_str(
        "[site]\ntitle = \"t\"\nurl = \"https://ex.org/\"\ndescription = \"d\"\ntimezone = \"Europe/Helsinki\"\nauthor = { name = \"A\" }\n",
        Path::new("feeds.toml"),
        Path::new(""),
    )
    .unwrap()
}

/// Strings built from the pieces parsers care about, so cases reach deep into them.
fn parser_food() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop_oneof![
            prop::sample::select(vec![
                "+++\n",
                "---\n",
                "\r\n",
                "\n",
                "title = ",
                "date = ",
                "title: ",
                "date: ",
                "authors = [",
                "authors: [",
                "{ name = ",
                "{name: ",
                "]",
                "}",
                "\"",
                "'",
                "2026-03-29 03:30",
                "2026-13-45",
                "2026-01-01T00:00:00Z",
                "1979-05-27T07:32:00-08:00",
                "07:32:00",
                "tags = ",
                "draft = true",
                "id = ",
                "link = ",
                "slug = ",
                "<!-- more -->",
                "\u{feff}",
                "\u{0}",
                "&",
                "<",
                "]]>",
                "[^1]",
                "[^1]: x",
                "*",
                "`",
                "|a|\n|-|\n",
                "<script>",
                "\\u0000",
                "\\",
                "=",
                ":",
                "- ",
                "&anchor",
                "*anchor",
                "!!binary",
                "? ",
                "{{",
                "#",
            ])
            .prop_map(str::to_string),
            any::<String>(),
            "[a-z0-9 ]{0,12}",
        ],
        0..24,
    )
    .prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn records_never_panic_and_errors_name_the_file(text in parser_food(), kind in prop::sample::select(vec![BodyKind::Markdown, BodyKind::Html, BodyKind::Text])) {
        let site = site();
        let mut diags = Vec::new();
        let article = parse_record(&text, Path::new("articles/x.md"), kind, &site, &mut diags);
        for d in &diags {
            prop_assert!(d.to_string().starts_with("articles/x.md"), "{}", d);
        }
        if let Some(a) = article {
            // Rendering a parsed article never panics either.
            let _ = feedwright::body::render(&a, 40, true);
        }
    }

    #[test]
    fn dates_never_panic(s in parser_food()) {
        let _ = feedwright::article::date::parse_str(&s, "Europe/Helsinki".parse().unwrap());
    }

    #[test]
    fn configs_never_panic(s in parser_food(), head in prop::sample::select(vec!["", "[site]\n", "[site]\ntitle = \"t\"\nurl = \"https://e.org\"\ndescription = \"d\"\nauthor = { name = \"a\" }\n[[feeds]]\n"])) {
        let text = format!("{head}{s}");
        if let Err(errs) = Site::from_str(&text, Path::new("feeds.toml"), Path::new("")) {
            for d in errs {
                prop_assert!(d.to_string().starts_with("feeds.toml"), "{}", d);
            }
        }
    }
}

/// One edit of the cache property: what a writer (or the clock) does between two builds.
#[derive(Debug, Clone)]
enum Edit {
    /// Rewrites article `i`'s body.
    Body(usize, String),
    /// Rewrites article `i`'s title.
    Title(usize, String),
    /// Article `i` gets a date `days` after 2026-11-01 (maybe after "now": scheduled).
    Date(usize, i64),
    /// Removes article `i`.
    Remove(usize),
    /// Flips one byte of article `i`'s body, keeping its size and mtime.
    Sneaky(usize),
    /// Rewrites article `i` with the same bytes (a new mtime only).
    Touch(usize),
    /// Renames the site.
    Config(String),
    /// Moves "now" by `days`.
    Now(i64),
    /// Nothing at all.
    Nothing,
}

fn edit() -> impl Strategy<Value = Edit> {
    let i = 0usize..5;
    prop_oneof![
        (i.clone(), "[a-z *_]{0,12}").prop_map(|(i, s)| Edit::Body(i, s)),
        (i.clone(), "[A-Za-z &<]{1,8}").prop_map(|(i, s)| Edit::Title(i, s)),
        (i.clone(), 0i64..60).prop_map(|(i, d)| Edit::Date(i, d)),
        i.clone().prop_map(Edit::Remove),
        i.clone().prop_map(Edit::Sneaky),
        i.prop_map(Edit::Touch),
        "[A-Za-z]{1,6}".prop_map(Edit::Config),
        (-20i64..20).prop_map(Edit::Now),
        Just(Edit::Nothing),
        Just(Edit::Nothing),
    ]
}

/// A site of the cache property: its config and article `i` (title, days, body), if present.
#[derive(Debug, Clone)]
struct Small {
    name: String,
    articles: Vec<Option<(String, i64, String)>>,
    now: i64,
}

impl Small {
    fn new() -> Small {
        Small {
            name: "Site".into(),
            articles: (0..5)
                .map(|i| Some((format!("T{i}"), i as i64 * 5, format!("body {i}"))))
                .collect(),
            now: 30,
        }
    }

    fn date(days: i64) -> String {
        (DateTime::parse_from_rfc3339("2026-11-01T00:00:00Z").unwrap()
            + chrono::Duration::days(days))
        .to_rfc3339()
    }

    fn record(a: &(String, i64, String)) -> String {
        format!(
            "+++\ntitle = {}\ndate = {}\n+++\n{}\n",
            toml_string(&a.0),
            Small::date(a.1),
            a.2
        )
    }

    /// Writes the site into `dir`.
    fn write(&self, dir: &Path) {
        std::fs::write(
            dir.join("feeds.toml"),
            format!(
                "[site]\ntitle = {}\nurl = \"https://ex.org/\"\ndescription = \"d\"\nauthor = {{ name = \"A\" }}\n\n[[feeds]]\nname = \"main\"\nlimit = 3\nrss = \"rss.xml\"\natom = \"atom.xml\"\njson = \"feed.json\"\n\n[[feeds]]\nname = \"all\"\nlimit = 0\natom = \"all.xml\"\n",
                toml_string(&self.name)
            ),
        )
        .unwrap();
        std::fs::create_dir_all(dir.join("articles")).unwrap();
        for (i, a) in self.articles.iter().enumerate() {
            let path = dir.join(format!("articles/a{i}.md"));
            match a {
                Some(a) => {
                    let text = Small::record(a);
                    if std::fs::read(&path).ok().as_deref() != Some(text.as_bytes()) {
                        std::fs::write(&path, text).unwrap();
                    }
                }
                None => {
                    let _ = std::fs::remove_file(&path);
                }
            }
        }
    }

    /// Applies `edit` to the model, and to `dirs` where it is not a plain rewrite.
    fn apply(&mut self, edit: &Edit, dirs: &[&Path]) {
        fn slot(s: &mut Small, i: usize) -> Option<&mut (String, i64, String)> {
            s.articles[i].as_mut()
        }
        match edit {
            Edit::Body(i, b) => {
                if let Some(a) = slot(self, *i) {
                    a.2 = b.clone();
                }
            }
            Edit::Title(i, t) => {
                if let Some(a) = slot(self, *i) {
                    a.0 = t.clone();
                }
            }
            Edit::Date(i, d) => {
                if let Some(a) = slot(self, *i) {
                    a.1 = *d;
                }
            }
            Edit::Remove(i) => self.articles[*i] = None,
            Edit::Config(n) => self.name = n.clone(),
            Edit::Now(d) => self.now += d,
            Edit::Nothing => {}
            Edit::Touch(i) | Edit::Sneaky(i) => {
                let Some(a) = slot(self, *i) else { return };
                if let Edit::Sneaky(_) = edit {
                    // One byte of the body changes: same size.
                    let last = a.2.pop().unwrap_or('x');
                    a.2.push(if last == 'y' { 'z' } else { 'y' });
                    if a.2.len() != a.2.chars().count() {
                        return;
                    }
                }
                let text = Small::record(a);
                for dir in dirs {
                    let path = dir.join(format!("articles/a{i}.md"));
                    let Ok(meta) = std::fs::metadata(&path) else {
                        continue;
                    };
                    let mtime = meta.modified().unwrap();
                    if meta.len() as usize != text.len() {
                        continue;
                    }
                    std::fs::write(&path, &text).unwrap();
                    if let Edit::Sneaky(_) = edit {
                        let f = std::fs::File::options().write(true).open(&path).unwrap();
                        f.set_modified(mtime).unwrap();
                    }
                }
            }
        }
    }
}

/// Files by name, with their bytes.
type Files = Vec<(String, Vec<u8>)>;

/// `feedwright build` in `dir` at `now` with `extra`: exit code, stdout and stderr without the
/// elapsed time, and every file the build leaves (feeds and ledger).
fn build_in(dir: &Path, now: &str, extra: &[&str]) -> (Option<i32>, String, Files) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_feedwright"))
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env_remove("FEEDWRIGHT_CONFIG")
        .env_remove("GITHUB_ACTIONS")
        .env("FEEDWRIGHT_TEST_CACHE_LOG", dir.join("cache.log"))
        .args(["build", "--now", now])
        .args(extra)
        .output()
        .unwrap();
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    let text: String = text
        .lines()
        .map(|l| match l.rfind("; ") {
            Some(i) if l.starts_with("feedwright: ") => l[..i].to_string(),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    let mut files = Vec::new();
    for name in ["rss.xml", "atom.xml", "feed.json", "all.xml"] {
        files.push((
            name.to_string(),
            std::fs::read(dir.join("public").join(name)).unwrap_or_default(),
        ));
    }
    files.push((
        "feeds.lock".into(),
        std::fs::read(dir.join("feeds.lock")).unwrap_or_default(),
    ));
    (out.status.code(), text, files)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, failure_persistence: None, ..ProptestConfig::default() })]

    /// The build cache is never stale: after any sequence of edits (content, dates, size and
    /// mtime kept, config, "now" moving either way, nothing at all), a build with the cache
    /// prints and writes exactly what a build without it does on the same files.
    #[test]
    fn a_build_with_the_cache_equals_a_build_without_it(edits in prop::collection::vec(edit(), 1..7)) {
        let (cached, plain) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
        let mut site = Small::new();
        let dirs = [cached.path(), plain.path()];
        site.write(cached.path());
        site.write(plain.path());
        let mut last = None;
        for edit in std::iter::once(&Edit::Nothing).chain(&edits).chain([&Edit::Nothing, &Edit::Nothing]) {
            site.apply(edit, &dirs);
            site.write(cached.path());
            site.write(plain.path());
            // Feed files younger than the file system's timestamp granularity are not trusted.
            std::thread::sleep(std::time::Duration::from_millis(120));
            let now = Small::date(site.now);
            let with = build_in(cached.path(), &now, &[]);
            let without = build_in(plain.path(), &now, &["--no-cache"]);
            prop_assert_eq!(&with.0, &without.0, "{:?}: {}", edit, with.1);
            last = with.0;
            prop_assert_eq!(&with.1, &without.1, "{:?}", edit);
            for ((name, a), (_, b)) in with.2.iter().zip(&without.2) {
                prop_assert!(a == b, "{:?}: {} differs", edit, name);
            }
        }
        // And the cache was used: the last of the builds with nothing changed was replayed (a
        // build that fails is never recorded).
        if last != Some(0) {
            return Ok(());
        }
        let log = std::fs::read_to_string(cached.path().join("cache.log")).unwrap_or_default();
        prop_assert_eq!(log.lines().last(), Some("hit"), "{}", log);
    }
}
