//! Fuzzes a whole site build, shaped as an untrusted contributor could shape one, against the
//! promises of issue 11: no file from outside the articles folder is published, no panic, no
//! stall, nothing written outside the output folder, and every feed a successful build writes
//! parses.
//!
//! Each input is decoded (with `arbitrary`) into a small site in a scratch folder: a `feeds.toml`
//! from one template with fuzzed values (URLs, zone, permalink, output paths, up to three feeds),
//! up to eight records with fuzzed names (odd bytes, dots, hidden and nested folders, date
//! prefixes) and fuzzed or templated contents (TOML or YAML front matter with fuzzed dates,
//! authors, links; Markdown and HTML pieces, deep nesting), some of them symbolic links (to a
//! file outside the articles folder holding a secret marker, /dev/null, /dev/zero, /proc,
//! dangling, loops, folders) or FIFOs, and traps committed in the output folder (symbolic links
//! to files and folders outside it, a linked lock file, FIFOs). The real commands then run on
//! it, through the command line: `check`, `build`, and after a successful build `build --check`.
//!
//! What must hold (a panic here is a finding; libFuzzer's `-timeout` and `-rss_limit_mb` catch
//! stalls and blow-ups):
//! - `check` writes nothing, and when it passes, `build` rejects no input;
//! - `build` changes nothing outside the output folder (the whole scratch tree, symbolic links
//!   not followed, is compared before and after);
//! - no file in the output folder holds the secret marker. A hit is confirmed by building the
//!   same site again with another marker in the secret files, so text the fuzzer wrote into a
//!   record itself is never reported as a leak;
//! - after a successful build every configured feed is a regular file that parses (XML with
//!   the expected root, JSON Feed as an object with `items`), and `build --check` passes.
//!
//! The scratch folder is `$TMPDIR/feedwright-fuzz-site-PID`, emptied for each input; a tmpfs
//! `TMPDIR` (e.g. `/dev/shm`) makes runs faster. Folders left by dead fuzzing processes are
//! removed when a new one starts. Records come first in the input and a record's body may
//! expand (nesting, repetition) to 256 KiB, so run with `-len_control=0`: libFuzzer's slow
//! growth of input length otherwise keeps front matter out of reach for minutes. See
//! [`Knobs`] for the switches a long run can use.
#![no_main]

use std::collections::BTreeMap;
use std::ffi::{CString, OsStr, OsString};
use std::fmt::Write as _;
use std::fs;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::os::unix::ffi::{OsStrExt, OsStringExt};
use std::os::unix::fs::{symlink, MetadataExt};
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use clap::Parser;
use feedwright::cli::Cli;
use feedwright::cmd::Report;
use feedwright::error::{Error, Exit};
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;

/// The build time every run uses.
const NOW: &str = "2026-11-24T00:00:00Z";
/// The marker in the secret files, and the one the confirming run uses instead (compared in
/// lower case, since slugs and ids lower-case what they take).
const MARKERS: [&str; 2] = ["Fw9SecretQz7k", "Fw9SecretVx2m"];
/// At most this many records, feeds and output traps per site.
const MAX_RECORDS: usize = 8;
const MAX_FEEDS: usize = 3;
const MAX_TRAPS: usize = 4;
/// Largest record body the harness writes (nesting and repetition expand the input).
const MAX_BODY: usize = 256 * 1024;
/// Longest file name component written.
const MAX_COMPONENT: usize = 200;
/// Largest output file read back.
const MAX_READ: u64 = 64 * 1024 * 1024;

/// Switches read from the environment, so that a long run can go on past a known finding
/// while its fix is under way: `SITE_FUZZ_SKIP` is a comma-separated list of `fifo` (plant no
/// FIFO: a build blocked on one is a timeout), `leak` (no secret-marker check) and `outside`
/// (no check of writes outside the output folder); `SITE_FUZZ_DEBUG` prints each site's
/// `feeds.toml` and what the commands said (for replaying one artifact).
struct Knobs {
    skip_fifo: bool,
    skip_leak: bool,
    skip_outside: bool,
    debug: bool,
}

fn knobs() -> &'static Knobs {
    static KNOBS: OnceLock<Knobs> = OnceLock::new();
    KNOBS.get_or_init(|| {
        let skip = std::env::var("SITE_FUZZ_SKIP").unwrap_or_default();
        let skips = |what: &str| skip.split(',').any(|s| s.trim() == what);
        Knobs {
            skip_fifo: skips("fifo"),
            skip_leak: skips("leak"),
            skip_outside: skips("outside"),
            debug: std::env::var_os("SITE_FUZZ_DEBUG").is_some(),
        }
    })
}

fuzz_target!(|site: SiteSpec| {
    if let Err(leak) = run_case(&site, MARKERS[0]) {
        // The fuzzer may have written the first marker itself; a real leak follows the secret.
        if let Err(confirmed) = run_case(&site, MARKERS[1]) {
            panic!(
                "a file from outside the articles folder was published: {} holds the secret marker (first seen in {})",
                confirmed.display(),
                leak.display()
            );
        }
    }
});

// ---------------------------------------------------------------------------------------------
// The decoded input.

/// A whole site. Records come first, so that short inputs (libFuzzer starts with a few bytes)
/// already make some; whatever runs out decodes as zeros, which is the default config.
#[derive(Arbitrary, Debug)]
struct SiteSpec {
    records: Vec<Record>,
    traps: Vec<Trap>,
    config: Config,
}

/// `feeds.toml`: one template, fuzzed values.
#[derive(Arbitrary, Debug)]
struct Config {
    title: Text,
    description: Text,
    url: Url,
    author_uri: Option<Url>,
    timezone: Option<Zone>,
    language: Option<Text>,
    copyright: Option<Text>,
    permalink: Option<Permalink>,
    articles: ArticlesDir,
    output: OutputDir,
    sanitize: Option<bool>,
    /// None: the default feed.
    feeds: Vec<FeedSpec>,
}

/// One `[[feeds]]` table.
#[derive(Arbitrary, Debug)]
struct FeedSpec {
    rss: Option<FeedPath>,
    atom: Option<FeedPath>,
    json: Option<FeedPath>,
    limit: Option<u8>,
    tags: Option<Vec<String>>,
    authors: Option<Vec<String>>,
    summary: bool,
    summary_length: Option<u16>,
}

/// A value picked from a list of presets (zeros pick the first, a valid one) or fuzzed;
/// [`Choice::value`] takes the list: [`TEXTS`], [`URLS`], [`ZONES`] or [`PERMALINKS`].
#[derive(Arbitrary, Debug, Clone)]
enum Choice {
    Preset(u8),
    Raw(String),
}

impl Choice {
    fn value<'a>(&'a self, presets: &[&'a str]) -> &'a str {
        match self {
            Choice::Preset(i) => pick(presets, *i),
            Choice::Raw(s) => s,
        }
    }
}

/// A config text ([`TEXTS`]).
type Text = Choice;
/// A URL, for the site, authors, links and ids ([`URLS`]).
type Url = Choice;
/// A time zone ([`ZONES`]).
type Zone = Choice;
/// A permalink pattern ([`PERMALINKS`]).
type Permalink = Choice;

const TEXTS: &[&str] = &[
    "Example",
    "R&D <truce> ]]> &amp;",
    "en",
    "pt-BR",
    "ünïcödé \u{202e}txt.exe",
    "  ",
];

const URLS: &[&str] = &[
    "https://ex.org/",
    "https://ex.org/blog/",
    "http://ex.org:8080/a/b/",
    "https://bücher.example/ü/",
    "javascript://ex.org/%0aalert(1)",
    "data:text/html,<b>x</b>",
    "vbscript:msgbox(1)",
    "../../../../etc/passwd",
    "\\\\evil.com\\x",
    "/abs/path/",
    "tag:ex.org,2026:x",
    "urn:uuid:6e8bc430-9c3a-11d9-9669-0800200c9a66",
    "https://",
    "mailto:a@ex.org",
    "//evil.com/x",
    "relative/page.html",
];

const ZONES: &[&str] = &[
    "UTC",
    "Europe/Helsinki",
    "America/New_York",
    "Pacific/Kiritimati",
    "Etc/GMT+12",
    "Australia/Lord_Howe",
    "Nowhere/Zone",
];

const PERMALINKS: &[&str] = &[
    "/{slug}/",
    "/{year}/{month}/{day}/{slug}/",
    "{slug}.html",
    "/{year}/",
    "/../../{slug}",
    "/%2e%2e/{slug}",
];

/// `[site] articles`; the records always go to `articles/` beside `feeds.toml`.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum ArticlesDir {
    Default,
    Plain,
    Dotted,
    Here,
    Missing,
}

impl ArticlesDir {
    fn value(self) -> Option<&'static str> {
        match self {
            ArticlesDir::Default => None,
            ArticlesDir::Plain => Some("articles"),
            ArticlesDir::Dotted => Some("./articles/"),
            ArticlesDir::Here => Some("."),
            ArticlesDir::Missing => Some("nope"),
        }
    }
}

/// `[site] output`.
#[derive(Arbitrary, Debug, Clone, Copy)]
enum OutputDir {
    Default,
    Nested,
    InArticles,
    Articles,
    Here,
    Sibling,
}

impl OutputDir {
    fn value(self) -> Option<&'static str> {
        match self {
            OutputDir::Default => None,
            OutputDir::Nested => Some("out/feeds"),
            OutputDir::InArticles => Some("articles/public"),
            OutputDir::Articles => Some("articles"),
            OutputDir::Here => Some("."),
            OutputDir::Sibling => Some("../site-out"),
        }
    }
}

/// An output path of a feed. Fuzzed names are one component (no `/`), so a path can never
/// leave the scratch folder, whatever the build does with it.
#[derive(Arbitrary, Debug)]
enum FeedPath {
    Preset(u8),
    Named(String),
}

const FEED_PATHS: &[&str] = &[
    "rss.xml",
    "atom.xml",
    "feed.json",
    "sub/rss.xml",
    "a/b/c/feed.json",
    "../escape.xml",
    "%2e%2e/x.xml",
    "rss.xml/inner.xml",
    "index.md",
    "feed.html",
    ".feedwright.lock",
];

/// One file (or link, FIFO, folder) in the articles folder.
#[derive(Arbitrary, Debug)]
struct Record {
    name: Name,
    content: Content,
}

#[derive(Arbitrary, Debug)]
struct Name {
    dirs: Vec<Segment>,
    date: Option<Day>,
    stem: Segment,
    ext: Ext,
}

#[derive(Arbitrary, Debug)]
enum Segment {
    Word(u8),
    Bytes(Vec<u8>),
    Hidden(Vec<u8>),
    Dot,
    DotDot,
    Dots(u8),
}

const WORDS: &[&str] = &[
    "notes",
    "2026",
    "a b",
    "ünïcödé",
    "x.md",
    "public",
    "feeds.toml",
    "\u{1b}[31mred",
    "tab\there",
    "-",
];

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Ext {
    Md,
    Markdown,
    Html,
    Htm,
    Txt,
    Upper,
    None,
    Double,
    Trailing,
    Backup,
}

impl Ext {
    fn value(self) -> &'static str {
        match self {
            Ext::Md => ".md",
            Ext::Markdown => ".markdown",
            Ext::Html => ".html",
            Ext::Htm => ".htm",
            Ext::Txt => ".txt",
            Ext::Upper => ".MD",
            Ext::None => "",
            Ext::Double => ".md.txt",
            Ext::Trailing => ".md.",
            Ext::Backup => ".md~",
        }
    }
}

/// A calendar day, anything from year -32768 to 32767 and month 0 to 13.
#[derive(Arbitrary, Debug)]
struct Day {
    year: i16,
    month: u8,
    day: u8,
}

#[derive(Arbitrary, Debug)]
enum Content {
    Bytes(Vec<u8>),
    Front(Box<Front>),
    /// A plain-text record without front matter.
    Plain(String, Vec<Piece>),
    Link(LinkTo),
    Fifo,
    Folder,
}

/// Where a record's symbolic link points.
#[derive(Arbitrary, Debug)]
enum LinkTo {
    Secret,
    SecretPlain,
    SecretRelative,
    SecretDir,
    DevNull,
    DevZero,
    ProcStatus,
    Dangling,
    Itself,
    Parent,
    Record(u8),
    VictimFifo,
}

/// A record with front matter.
#[derive(Arbitrary, Debug)]
struct Front {
    yaml: bool,
    crlf: bool,
    bom: bool,
    title: Option<String>,
    date: Option<Date>,
    updated: Option<Date>,
    author: Option<Author>,
    authors: Option<Vec<Author>>,
    tags: Option<Vec<String>>,
    slug: Option<String>,
    link: Option<Url>,
    id: Option<Url>,
    summary: Option<String>,
    draft: Option<bool>,
    unknown: Vec<(String, String)>,
    body: Vec<Piece>,
}

#[derive(Arbitrary, Debug)]
enum Date {
    Parts {
        style: DateStyle,
        day: Day,
        hour: u8,
        minute: u8,
        second: u8,
        offset: i16,
    },
    Raw(String),
}

#[derive(Arbitrary, Debug, Clone, Copy)]
enum DateStyle {
    Day,
    Local,
    LocalT,
    Offset,
    Zulu,
    Fraction,
    Native,
}

#[derive(Arbitrary, Debug)]
enum Author {
    Key,
    SiteName,
    Name(String),
    Person {
        name: String,
        email: Option<String>,
        uri: Option<Url>,
    },
}

/// A piece of a body.
#[derive(Arbitrary, Debug)]
enum Piece {
    Text(String),
    Para,
    Heading(u8),
    Link(Url, String),
    Image(Url),
    More,
    Footnote(u8),
    Code(String),
    Html(Html),
    Nest(Nest, u16),
    Repeat(String, u16),
}

#[derive(Arbitrary, Debug)]
enum Html {
    Script,
    Iframe,
    Style,
    Comment,
    OnError,
    Svg,
    Unclosed,
    Entity,
    A(Url),
    Img(Url),
    Raw(String),
}

#[derive(Arbitrary, Debug, Clone, Copy, PartialEq)]
enum Nest {
    Div,
    Quote,
    List,
    Emphasis,
    Table,
}

/// Something already in the output folder before the build (a committed `public/`).
#[derive(Arbitrary, Debug)]
struct Trap {
    at: TrapAt,
    kind: TrapKind,
}

#[derive(Arbitrary, Debug)]
enum TrapAt {
    /// The n-th configured feed path.
    Feed(u8),
    Lock,
    Sub,
    Named(Vec<u8>),
}

#[derive(Arbitrary, Debug)]
enum TrapKind {
    LinkToVictim,
    LinkToMissing,
    LinkToVictimDir,
    Fifo,
    LinkToFifo,
    Stale(Vec<u8>),
    Folder,
}

// ---------------------------------------------------------------------------------------------
// One run: write the site, run the commands, check the invariants.

/// The folders of one scratch site.
struct Scratch {
    root: PathBuf,
    config: PathBuf,
    output: PathBuf,
    /// Every configured feed: path under the output folder, and its format.
    feeds: Vec<(String, Format)>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Format {
    Rss,
    Atom,
    Json,
}

/// Writes the site with `marker` in its secret files and checks every invariant but the leak
/// one; `Err` names an output file holding the marker.
fn run_case(spec: &SiteSpec, marker: &str) -> Result<(), PathBuf> {
    let s = write_site(spec, marker);
    let before = snapshot(&s.root, None);
    if knobs().debug {
        let config = fs::read_to_string(&s.config).unwrap_or_default();
        eprintln!("--- {}\n{config}", s.config.display());
        for (path, entry) in &before {
            eprintln!("{} {entry:?}", path.display());
        }
    }
    let checked = run(&["check", "--config"], &s.config, &[]);
    assert!(
        snapshot(&s.root, None) == before,
        "`check` changed files: {:?}",
        diff(&before, &snapshot(&s.root, None))
    );
    let built = run(
        &["build", "-q", "--config"],
        &s.config,
        &["--now", NOW, "--lock-wait", "1"],
    );
    let outside = |snap: &Snapshot| -> Snapshot {
        snap.iter()
            .filter(|(p, _)| !p.starts_with(&s.output))
            .map(|(p, e)| (p.clone(), e.clone()))
            .collect()
    };
    let mut after = snapshot(&s.root, Some(&s.output));
    // Creating the folders above the output folder is part of writing it.
    after.retain(|p, e| {
        before.contains_key(p) || !s.output.starts_with(p) || !matches!(e, Entry::Dir { .. })
    });
    // The ledger (`feeds.lock` beside `feeds.toml`) is the build's to write, as a regular file.
    let ledger = feedwright::ledger::path_for(&s.config);
    if !before.contains_key(&ledger) {
        if let Some(e) = after.remove(&ledger) {
            assert!(
                matches!(e, Entry::File { .. }),
                "the ledger {} is not a regular file: {e:?}",
                ledger.display()
            );
        }
    }
    assert!(
        knobs().skip_outside || after == outside(&before),
        "`build` wrote outside its output folder {}: {:?}",
        s.output.display(),
        diff(&outside(&before), &after)
    );
    match (&checked, &built) {
        (Ok(_), Err(e)) if e.exit() == Exit::Invalid => {
            panic!("`check` passed but `build` rejected the input:\n{e}")
        }
        (_, Ok(_)) => check_outputs(&s),
        _ => {}
    }
    match find_marker(&s.output, marker) {
        Some(file) if !knobs().skip_leak => Err(file),
        _ => Ok(()),
    }
}

/// Runs `feedwright ARGS... CONFIG REST...`.
fn run(args: &[&str], config: &Path, rest: &[&str]) -> Result<Report, Error> {
    let mut line: Vec<OsString> = vec!["feedwright".into()];
    line.extend(args.iter().map(OsString::from));
    line.push(config.as_os_str().to_owned());
    line.extend(rest.iter().map(OsString::from));
    let cli = Cli::try_parse_from(&line).expect("a valid command line");
    let result = feedwright::cmd::run(cli);
    if knobs().debug {
        let outcome = match &result {
            Ok(report) => format!("ok\n{report}"),
            Err(e) => format!("{:?}\n{e}", e.exit()),
        };
        eprintln!("--- {line:?}: {outcome}");
    }
    result
}

/// After a successful build: every feed is a regular file that parses, and the build is
/// reproducible (`build --check` finds nothing stale).
fn check_outputs(s: &Scratch) {
    for (rel, format) in &s.feeds {
        let path = s.output.join(rel);
        let meta = fs::symlink_metadata(&path)
            .unwrap_or_else(|e| panic!("build passed but feed {rel} is missing: {e}"));
        assert!(
            meta.is_file(),
            "build passed but feed {rel} is not a regular file: {meta:?}"
        );
        let bytes = read_bounded(&path);
        let text =
            std::str::from_utf8(&bytes).unwrap_or_else(|e| panic!("feed {rel} is not UTF-8: {e}"));
        if let Err(e) = parse_feed(text, *format) {
            let start: String = text.chars().take(2000).collect();
            panic!("feed {rel} does not parse: {e}\n{start}");
        }
    }
    if let Err(e) = run(
        &["build", "--check", "-q", "--config"],
        &s.config,
        &["--now", NOW],
    ) {
        panic!("`build --check` right after a successful build failed:\n{e}");
    }
}

fn parse_feed(text: &str, format: Format) -> Result<(), String> {
    let root = match format {
        Format::Json => {
            let v: serde_json::Value = serde_json::from_str(text).map_err(|e| e.to_string())?;
            return match v.get("items") {
                Some(serde_json::Value::Array(_)) => Ok(()),
                _ => Err("no `items` array".into()),
            };
        }
        Format::Rss => "rss",
        Format::Atom => "feed",
    };
    let doc = roxmltree::Document::parse(text).map_err(|e| e.to_string())?;
    let name = doc.root_element().tag_name().name();
    if name == root {
        Ok(())
    } else {
        Err(format!("root element <{name}>, expected <{root}>"))
    }
}

/// The first regular file under `dir` (symbolic links not followed) holding `marker`, in any
/// case.
fn find_marker(dir: &Path, marker: &str) -> Option<PathBuf> {
    let needle = marker.to_ascii_lowercase().into_bytes();
    let mut found = None;
    walk(dir, None, &mut |path, meta| {
        if found.is_none() && meta.is_file() {
            let bytes = read_bounded(path).to_ascii_lowercase();
            if bytes.windows(needle.len()).any(|w| w == needle.as_slice()) {
                found = Some(path.to_path_buf());
            }
        }
    });
    found
}

fn read_bounded(path: &Path) -> Vec<u8> {
    use std::io::Read;
    let mut buf = Vec::new();
    if let Ok(f) = fs::File::open(path) {
        let _ = f.take(MAX_READ).read_to_end(&mut buf);
    }
    buf
}

// ---------------------------------------------------------------------------------------------
// Snapshots of the scratch tree.

/// What a path is, enough to tell any change.
#[derive(Debug, Clone, PartialEq)]
enum Entry {
    File { mode: u32, hash: u64, len: u64 },
    Dir { mode: u32 },
    Link(PathBuf),
    Other { mode: u32 },
}

type Snapshot = BTreeMap<PathBuf, Entry>;

/// Every path under `root` but `skip` and what is under it; symbolic links not followed.
fn snapshot(root: &Path, skip: Option<&Path>) -> Snapshot {
    let mut snap = Snapshot::new();
    walk(root, skip, &mut |path, meta| {
        let mode = meta.mode();
        let entry = if meta.is_file() {
            let mut h = DefaultHasher::new();
            read_bounded(path).hash(&mut h);
            Entry::File {
                mode,
                hash: h.finish(),
                len: meta.len(),
            }
        } else if meta.is_dir() {
            Entry::Dir { mode }
        } else if meta.file_type().is_symlink() {
            Entry::Link(fs::read_link(path).unwrap_or_default())
        } else {
            Entry::Other { mode }
        };
        snap.insert(path.to_path_buf(), entry);
    });
    snap
}

/// Calls `f` on `dir` and everything under it, except `skip`; never follows a symbolic link.
fn walk(dir: &Path, skip: Option<&Path>, f: &mut dyn FnMut(&Path, &fs::Metadata)) {
    if Some(dir) == skip {
        return;
    }
    let Ok(meta) = fs::symlink_metadata(dir) else {
        return;
    };
    f(dir, &meta);
    if !meta.is_dir() {
        return;
    }
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        walk(&p, skip, f);
    }
}

/// What differs between two snapshots, for the panic message.
fn diff(a: &Snapshot, b: &Snapshot) -> Vec<String> {
    let mut out = Vec::new();
    for (p, e) in a {
        match b.get(p) {
            None => out.push(format!("removed {}", p.display())),
            Some(f) if f != e => out.push(format!("changed {}: {e:?} -> {f:?}", p.display())),
            _ => {}
        }
    }
    for p in b.keys().filter(|p| !a.contains_key(*p)) {
        out.push(format!("created {}", p.display()));
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Writing the site.

/// This process's scratch folder, created empty.
fn fresh_root() -> PathBuf {
    static ROOT: OnceLock<PathBuf> = OnceLock::new();
    let root = ROOT.get_or_init(|| {
        let tmp = std::env::temp_dir();
        remove_dead_scratch(&tmp);
        tmp.join(format!("feedwright-fuzz-site-{}", std::process::id()))
    });
    // remove_dir_all never follows symbolic links.
    let _ = fs::remove_dir_all(root);
    fs::create_dir_all(root).expect("scratch folder");
    root.clone()
}

/// Removes the scratch folders of fuzzing processes that are gone (killed on a finding).
fn remove_dead_scratch(tmp: &Path) {
    let Ok(entries) = fs::read_dir(tmp) else {
        return;
    };
    for e in entries.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix("feedwright-fuzz-site-"))
        else {
            continue;
        };
        if !Path::new("/proc").join(pid).exists() {
            let _ = fs::remove_dir_all(e.path());
        }
    }
}

/// Writes the whole site; errors creating odd entries are ignored (that entry is left out).
fn write_site(spec: &SiteSpec, marker: &str) -> Scratch {
    let root = fresh_root();
    write_outside(&root, marker);
    let site = root.join("site");
    let articles = site.join("articles");
    fs::create_dir_all(&articles).expect("articles folder");
    let (text, feeds) = config_text(&spec.config);
    let config = site.join("feeds.toml");
    fs::write(&config, text).expect("feeds.toml");
    let output = normalize(&site.join(spec.config.output.value().unwrap_or("public")));
    let ctx = Ctx {
        root: &root,
        articles: &articles,
        names: spec
            .records
            .iter()
            .take(MAX_RECORDS)
            .map(|r| record_path(&articles, &r.name))
            .collect(),
    };
    for (i, r) in spec.records.iter().take(MAX_RECORDS).enumerate() {
        write_record(&ctx, &ctx.names[i], &r.content);
    }
    let s = Scratch {
        root,
        config,
        output,
        feeds,
    };
    for trap in spec.traps.iter().take(MAX_TRAPS) {
        write_trap(&s, trap);
    }
    s
}

/// The secret files (outside the articles folder) and the victims output traps point at.
fn write_outside(root: &Path, marker: &str) {
    let secret = root.join("secret");
    fs::create_dir_all(secret.join("dir")).expect("secret folder");
    let record = format!(
        "+++\ntitle = \"{marker} title\"\ndate = 2026-01-02\ntags = [\"{marker}\"]\n\
         summary = \"{marker} summary\"\n+++\n{marker} body.\n"
    );
    fs::write(secret.join("secret.md"), &record).expect("secret");
    fs::write(secret.join("dir/2026-01-03-post.md"), &record).expect("secret");
    fs::write(
        secret.join("env"),
        format!("API_TOKEN={marker}\n\nPASSWORD={marker}\n"),
    )
    .expect("secret");
    let victim = root.join("victim");
    fs::create_dir_all(victim.join("dir")).expect("victim folder");
    fs::write(victim.join("file.xml"), "victim\n").expect("victim");
    fs::write(victim.join("dir/keep.txt"), "victim\n").expect("victim");
    mkfifo(&victim.join("fifo"));
}

fn mkfifo(path: &Path) {
    if knobs().skip_fifo {
        return;
    }
    // A fuzzed name may hold NUL, which no file name can: no FIFO then (feedwright still sees
    // the name in feeds.toml and must refuse it).
    let Ok(c) = CString::new(path.as_os_str().as_bytes()) else {
        return;
    };
    // SAFETY: `c` is a valid NUL-terminated path.
    unsafe {
        libc::mkfifo(c.as_ptr(), 0o644);
    }
}

/// Removes `.` and `..` lexically (the paths here have no symbolic links above the site).
fn normalize(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            c => out.push(c),
        }
    }
    out
}

/// The config text and the feeds it configures.
fn config_text(c: &Config) -> (String, Vec<(String, Format)>) {
    let mut t = String::from("[site]\n");
    let _ = writeln!(t, "title = {}", toml_str(c.title.value(TEXTS)));
    let _ = writeln!(t, "url = {}", toml_str(c.url.value(URLS)));
    let _ = writeln!(t, "description = {}", toml_str(c.description.value(TEXTS)));
    let _ = write!(t, "author = {{ name = \"Desk\"");
    if let Some(u) = &c.author_uri {
        let _ = write!(t, ", uri = {}", toml_str(u.value(URLS)));
    }
    t.push_str(" }\n");
    let optional = [
        (
            "timezone",
            c.timezone.as_ref().map(|z| z.value(ZONES).to_string()),
        ),
        (
            "language",
            c.language.as_ref().map(|l| l.value(TEXTS).to_string()),
        ),
        (
            "copyright",
            c.copyright.as_ref().map(|l| l.value(TEXTS).to_string()),
        ),
        (
            "permalink",
            c.permalink
                .as_ref()
                .map(|p| p.value(PERMALINKS).to_string()),
        ),
        ("articles", c.articles.value().map(str::to_string)),
        ("output", c.output.value().map(str::to_string)),
    ];
    for (key, value) in optional {
        if let Some(v) = value {
            let _ = writeln!(t, "{key} = {}", toml_str(&v));
        }
    }
    if let Some(s) = c.sanitize {
        let _ = writeln!(t, "sanitize = {s}");
    }
    t.push_str("[authors.k]\nname = \"K\"\nemail = \"k@ex.org\"\n");
    let mut feeds = Vec::new();
    if c.feeds.is_empty() {
        feeds = vec![
            ("rss.xml".to_string(), Format::Rss),
            ("atom.xml".to_string(), Format::Atom),
            ("feed.json".to_string(), Format::Json),
        ];
    }
    for (i, f) in c.feeds.iter().take(MAX_FEEDS).enumerate() {
        feed_text(&mut t, i, f, &mut feeds);
    }
    (t, feeds)
}

fn feed_text(t: &mut String, i: usize, f: &FeedSpec, feeds: &mut Vec<(String, Format)>) {
    let _ = writeln!(t, "[[feeds]]\nname = \"f{i}\"");
    for (key, path, format) in [
        ("rss", &f.rss, Format::Rss),
        ("atom", &f.atom, Format::Atom),
        ("json", &f.json, Format::Json),
    ] {
        if let Some(p) = path {
            let p = p.value();
            let _ = writeln!(t, "{key} = {}", toml_str(&p));
            feeds.push((p, format));
        }
    }
    if let Some(l) = f.limit {
        let _ = writeln!(t, "limit = {l}");
    }
    for (key, list) in [("tags", &f.tags), ("authors", &f.authors)] {
        if let Some(list) = list {
            let _ = writeln!(t, "{key} = {}", toml_list(list));
        }
    }
    if f.summary {
        t.push_str("content = \"summary\"\n");
    }
    if let Some(n) = f.summary_length {
        let _ = writeln!(t, "summary_length = {n}");
    }
}

fn pick<'a>(list: &[&'a str], i: u8) -> &'a str {
    list[i as usize % list.len()]
}

impl FeedPath {
    fn value(&self) -> String {
        match self {
            FeedPath::Preset(i) => pick(FEED_PATHS, *i).to_string(),
            FeedPath::Named(s) if s.is_empty() => "x.xml".to_string(),
            FeedPath::Named(s) => s
                .chars()
                .take(MAX_COMPONENT)
                .map(|c| if c == '/' { '_' } else { c })
                .collect(),
        }
    }
}

/// A TOML basic string holding exactly `s`.
fn toml_str(s: &str) -> String {
    quoted(s, |c| !c.is_control())
}

/// A YAML double-quoted string holding exactly `s` (YAML wants every non-printable escaped).
fn yaml_str(s: &str) -> String {
    quoted(s, |c| {
        matches!(c, ' '..='~' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fefe}' | '\u{ff00}'..='\u{fffd}')
            || (c as u32) > 0xffff
    })
}

/// `s` in double quotes, with `"` and `\` escaped and every character not `plain` as `\uXXXX`
/// or `\UXXXXXXXX` (escapes TOML and YAML share).
fn quoted(s: &str, plain: fn(char) -> bool) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        let _ = match c {
            '"' => write!(out, "\\\""),
            '\\' => write!(out, "\\\\"),
            c if plain(c) => write!(out, "{c}"),
            c if (c as u32) > 0xffff => write!(out, "\\U{:08X}", c as u32),
            c => write!(out, "\\u{:04X}", c as u32),
        };
    }
    out.push('"');
    out
}

fn toml_list(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| toml_str(s)).collect();
    format!("[{}]", quoted.join(", "))
}

// ---------------------------------------------------------------------------------------------
// Records.

/// What writing a record needs to know about the site.
struct Ctx<'a> {
    root: &'a Path,
    articles: &'a Path,
    /// Every record's path, for links between records.
    names: Vec<PathBuf>,
}

/// The record's path under `articles`: `..` pops a folder but never leaves `articles`.
fn record_path(articles: &Path, name: &Name) -> PathBuf {
    let mut dirs: Vec<OsString> = Vec::new();
    for seg in name.dirs.iter().take(4) {
        match seg {
            Segment::Dot => {}
            Segment::DotDot => {
                dirs.pop();
            }
            seg => dirs.push(seg.value()),
        }
    }
    let mut file = OsString::new();
    if let Some(d) = &name.date {
        file.push(format!(
            "{}-{:02}-{:02}-",
            year(d.year),
            d.month % 14,
            d.day % 33
        ));
    }
    file.push(name.stem.value());
    file.push(name.ext.value());
    if file == "." || file == ".." {
        file = "_".into();
    }
    let mut path = articles.to_path_buf();
    path.extend(dirs);
    path.push(file);
    path
}

impl Segment {
    /// One path component: no `/`, no NUL, not empty.
    fn value(&self) -> OsString {
        let bytes: Vec<u8> = match self {
            Segment::Word(i) => pick(WORDS, *i).as_bytes().to_vec(),
            Segment::Bytes(b) => b.clone(),
            Segment::Hidden(b) => [b".".as_slice(), b].concat(),
            Segment::Dot => b".".to_vec(),
            Segment::DotDot => b"..".to_vec(),
            Segment::Dots(n) => vec![b'.'; 3 + *n as usize % 5],
        };
        let mut bytes: Vec<u8> = bytes
            .into_iter()
            .take(MAX_COMPONENT)
            .map(|b| if b == b'/' || b == 0 { b'_' } else { b })
            .collect();
        if bytes.is_empty() {
            bytes.push(b'_');
        }
        OsString::from_vec(bytes)
    }
}

fn year(y: i16) -> String {
    match y {
        0..=9999 => format!("{y:04}"),
        10000.. => format!("+{y}"),
        _ => format!("-{:04}", -i32::from(y)),
    }
}

fn write_record(ctx: &Ctx, path: &Path, content: &Content) {
    // Two records with one name: the first wins. Writing again would block on a FIFO the
    // first one made, or write through a link it made (the harness's own files, not feedwright).
    if fs::symlink_metadata(path).is_ok() {
        return;
    }
    if let Some(parent) = path.parent() {
        let _ = fs::create_dir_all(parent);
    }
    let is_text = path.extension() == Some(OsStr::new("txt"));
    match content {
        Content::Bytes(b) => {
            let _ = fs::write(path, b);
        }
        Content::Front(f) => {
            let _ = fs::write(path, front_record(f, is_text));
        }
        Content::Plain(title, body) => {
            let _ = fs::write(path, format!("{title}\n\n{}", body_text(body, is_text)));
        }
        Content::Link(to) => {
            let _ = symlink(link_target(ctx, path, to), path);
        }
        Content::Fifo => mkfifo(path),
        Content::Folder => {
            let _ = fs::create_dir(path);
        }
    }
}

fn link_target(ctx: &Ctx, path: &Path, to: &LinkTo) -> PathBuf {
    let secret = ctx.root.join("secret");
    match to {
        LinkTo::Secret => secret.join("secret.md"),
        LinkTo::SecretPlain => secret.join("env"),
        LinkTo::SecretRelative => {
            // Up from the record's folder to the scratch root, then down.
            let depth = path
                .parent()
                .and_then(|p| p.strip_prefix(ctx.root).ok())
                .map_or(0, |p| p.components().count());
            let mut rel = PathBuf::new();
            rel.extend(std::iter::repeat_n("..", depth));
            rel.join("secret/secret.md")
        }
        LinkTo::SecretDir => secret.join("dir"),
        LinkTo::DevNull => "/dev/null".into(),
        LinkTo::DevZero => "/dev/zero".into(),
        LinkTo::ProcStatus => "/proc/self/status".into(),
        LinkTo::Dangling => ctx.root.join("nowhere/2026-01-01-x.md"),
        LinkTo::Itself => path.file_name().map(PathBuf::from).unwrap_or_default(),
        LinkTo::Parent => "..".into(),
        LinkTo::Record(i) if !ctx.names.is_empty() => {
            ctx.names[*i as usize % ctx.names.len()].clone()
        }
        LinkTo::Record(_) => ctx.articles.to_path_buf(),
        LinkTo::VictimFifo => ctx.root.join("victim/fifo"),
    }
}

/// A record with front matter.
fn front_record(f: &Front, is_text: bool) -> String {
    let (fence, q): (&str, fn(&str) -> String) = if f.yaml {
        ("---", yaml_str)
    } else {
        ("+++", toml_str)
    };
    let sep = if f.yaml { ": " } else { " = " };
    let mut head = Vec::new();
    let mut field = |key: &str, value: String| head.push(format!("{key}{sep}{value}"));
    if let Some(t) = &f.title {
        field("title", q(t));
    }
    for (key, d) in [("date", &f.date), ("updated", &f.updated)] {
        if let Some(d) = d {
            field(key, date_value(d, q));
        }
    }
    if let Some(a) = &f.author {
        field("author", author_value(a, f.yaml, q));
    }
    if let Some(list) = &f.authors {
        let items: Vec<String> = list
            .iter()
            .take(8)
            .map(|a| author_value(a, f.yaml, q))
            .collect();
        field("authors", format!("[{}]", items.join(", ")));
    }
    if let Some(tags) = &f.tags {
        let items: Vec<String> = tags.iter().map(|s| q(s)).collect();
        field("tags", format!("[{}]", items.join(", ")));
    }
    for (key, value) in [("slug", &f.slug), ("summary", &f.summary)] {
        if let Some(v) = value {
            field(key, q(v));
        }
    }
    for (key, value) in [("link", &f.link), ("id", &f.id)] {
        if let Some(v) = value {
            field(key, q(v.value(URLS)));
        }
    }
    if let Some(d) = f.draft {
        field("draft", d.to_string());
    }
    for (k, v) in f.unknown.iter().take(16) {
        field(&q(k), q(v));
    }
    let nl = if f.crlf { "\r\n" } else { "\n" };
    let bom = if f.bom { "\u{feff}" } else { "" };
    let body = body_text(&f.body, is_text);
    format!("{bom}{fence}{nl}{}{nl}{fence}{nl}{body}", head.join(nl))
}

fn date_value(d: &Date, q: fn(&str) -> String) -> String {
    match d {
        Date::Raw(s) => q(s),
        Date::Parts {
            style,
            day,
            hour,
            minute,
            second,
            offset,
        } => {
            let ymd = format!(
                "{}-{:02}-{:02}",
                year(day.year),
                day.month % 14,
                day.day % 33
            );
            let hms = format!("{:02}:{:02}:{:02}", hour % 26, minute % 62, second % 62);
            let off = i32::from(*offset) % (26 * 60);
            let sign = if off < 0 { '-' } else { '+' };
            let zone = format!("{sign}{:02}:{:02}", off.abs() / 60, off.abs() % 60);
            match style {
                DateStyle::Day => q(&ymd),
                DateStyle::Local => q(&format!("{ymd} {}", &hms[..5])),
                DateStyle::LocalT => q(&format!("{ymd}T{hms}")),
                DateStyle::Offset => q(&format!("{ymd}T{hms}{zone}")),
                DateStyle::Zulu => q(&format!("{ymd}T{hms}Z")),
                DateStyle::Fraction => q(&format!("{ymd}T{hms}.999999999{zone}")),
                // A TOML native date (a plain scalar in YAML).
                DateStyle::Native => format!("{ymd}T{hms}{zone}"),
            }
        }
    }
}

fn author_value(a: &Author, yaml: bool, q: fn(&str) -> String) -> String {
    match a {
        Author::Key => q("k"),
        Author::SiteName => q("Desk"),
        Author::Name(n) => q(n),
        Author::Person { name, email, uri } => {
            let sep = if yaml { ": " } else { " = " };
            let mut parts = vec![format!("name{sep}{}", q(name))];
            if let Some(e) = email {
                parts.push(format!("email{sep}{}", q(e)));
            }
            if let Some(u) = uri {
                parts.push(format!("uri{sep}{}", q(u.value(URLS))));
            }
            format!("{{ {} }}", parts.join(", "))
        }
    }
}

/// The body text, at most [`MAX_BODY`] bytes.
fn body_text(pieces: &[Piece], is_text: bool) -> String {
    let mut out = String::new();
    for p in pieces {
        if out.len() >= MAX_BODY {
            break;
        }
        piece_text(&mut out, p, is_text);
    }
    if out.len() > MAX_BODY {
        let mut end = MAX_BODY;
        while !out.is_char_boundary(end) {
            end -= 1;
        }
        out.truncate(end);
    }
    out
}

fn piece_text(out: &mut String, p: &Piece, is_text: bool) {
    let _ = match p {
        Piece::Text(s) => write!(out, "{s}"),
        Piece::Para => write!(out, "\n\n"),
        Piece::Heading(n) => write!(out, "\n{} Heading\n", "#".repeat(1 + *n as usize % 7)),
        Piece::Link(u, text) => write!(out, "[{text}]({})", u.value(URLS)),
        Piece::Image(u) => write!(out, "![alt]({} \"t\")", u.value(URLS)),
        Piece::More => write!(out, "\n<!-- more -->\n"),
        Piece::Footnote(n) => write!(out, "[^{n}]\n\n[^{n}]: note {n}\n"),
        Piece::Code(s) => write!(out, "\n```\n{s}\n```\n"),
        Piece::Html(h) if !is_text => write!(out, "{}", html_text(h)),
        Piece::Html(_) => Ok(()),
        Piece::Nest(kind, depth) => {
            nest_text(out, *kind, *depth as usize % 4096);
            Ok(())
        }
        Piece::Repeat(s, n) => {
            for _ in 0..*n % 4096 {
                if out.len() >= MAX_BODY {
                    break;
                }
                out.push_str(s);
            }
            Ok(())
        }
    };
}

fn html_text(h: &Html) -> String {
    match h {
        Html::Script => "<script>alert(1)</script>".into(),
        Html::Iframe => "<iframe src=\"https://evil.example/\"></iframe>".into(),
        Html::Style => "<style>body{display:none}</style>".into(),
        Html::Comment => "<!-- c -->".into(),
        Html::OnError => "<img src=x onerror=alert(1)>".into(),
        Html::Svg => "<svg><a xlink:href=\"javascript:alert(1)\">x</a></svg>".into(),
        Html::Unclosed => "<div><p><b><table><tr><td>".into(),
        Html::Entity => "&amp;&lt;&#0;&#x110000;&bogus;&#xD800;".into(),
        Html::A(u) => format!("<a href=\"{}\">l</a>", u.value(URLS)),
        Html::Img(u) => format!(
            "<img src=\"{0}\" srcset=\"{0} 2x\" poster=\"{0}\">",
            u.value(URLS)
        ),
        Html::Raw(s) => s.clone(),
    }
}

fn nest_text(out: &mut String, kind: Nest, depth: usize) {
    let (open, close) = match kind {
        // Nested Markdown containers: one more marker (or indent) per line.
        Nest::Quote | Nest::List => {
            for d in 0..depth {
                if out.len() >= MAX_BODY {
                    break;
                }
                let _ = match kind {
                    Nest::Quote => writeln!(out, "{} x", ">".repeat(d + 1)),
                    _ => writeln!(out, "{}- x", "  ".repeat(d)),
                };
            }
            return;
        }
        Nest::Div => ("<div>", "</div>"),
        Nest::Emphasis => ("*", "*"),
        Nest::Table => ("<table><tr><td>", "</td></tr></table>"),
    };
    let depth = depth.min(MAX_BODY.saturating_sub(out.len()) / (open.len() + close.len()));
    out.push_str(&open.repeat(depth));
    out.push('x');
    out.push_str(&close.repeat(depth));
}

// ---------------------------------------------------------------------------------------------
// Output traps.

fn write_trap(s: &Scratch, trap: &Trap) {
    let rel: OsString = match &trap.at {
        TrapAt::Feed(i) if !s.feeds.is_empty() => {
            s.feeds[*i as usize % s.feeds.len()].0.clone().into()
        }
        TrapAt::Feed(_) | TrapAt::Sub => "sub".into(),
        TrapAt::Lock => ".feedwright.lock".into(),
        TrapAt::Named(b) => Segment::Bytes(b.clone()).value(),
    };
    let path = normalize(&s.output.join(rel));
    // Never plant anything outside the output folder (a feed path may point there), nor over
    // the config (which is trusted).
    if !path.starts_with(&s.output) || path == s.output || path == s.config {
        return;
    }
    // Something already there (a record, another trap): keep it, as writing could block on a
    // FIFO or go through a link the harness itself planted.
    if fs::symlink_metadata(&path).is_ok() {
        return;
    }
    if let Some(parent) = path.parent() {
        let _ = fs::create_dir_all(parent);
    }
    let victim = s.root.join("victim");
    let _ = match &trap.kind {
        TrapKind::LinkToVictim => symlink(victim.join("file.xml"), &path),
        TrapKind::LinkToMissing => symlink(victim.join("created-through-link"), &path),
        TrapKind::LinkToVictimDir => symlink(victim.join("dir"), &path),
        TrapKind::Fifo => {
            mkfifo(&path);
            Ok(())
        }
        TrapKind::LinkToFifo => symlink(victim.join("fifo"), &path),
        TrapKind::Stale(b) => fs::write(&path, b),
        TrapKind::Folder => fs::create_dir(&path),
    };
}
