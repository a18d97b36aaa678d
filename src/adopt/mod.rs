//! Adopting an existing site: read a Hugo, Jekyll, Zola or Eleventy site's own configuration
//! and describe its feeds as a [`Plan`], which [`write::feeds_toml`] turns into a commented
//! `feeds.toml` (`feedwright init --from`).
//!
//! Everything here is pure: a reader sees the site through a [`Tree`] (the list of its files and
//! their text), so the tests hand it a few files in memory and the command hands it the disk.
//! Each generator has its own file; what they share (the plan, parsing config text into one
//! value type, front matter, notes) lives here. Nothing is guessed silently: whatever a reader
//! could not read, or assumed, becomes a note written as a comment next to the key.

pub mod eleventy;
pub mod hugo;
pub mod jekyll;
pub mod write;
pub mod zola;

use std::collections::BTreeMap;

use serde_json::Value;

/// The static site generators `init --from` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    /// Hugo.
    Hugo,
    /// Jekyll (with jekyll-feed).
    Jekyll,
    /// Zola.
    Zola,
    /// Eleventy (11ty).
    Eleventy,
}

impl Generator {
    /// The generator's own name, for messages.
    pub fn title(self) -> &'static str {
        match self {
            Generator::Hugo => "Hugo",
            Generator::Jekyll => "Jekyll",
            Generator::Zola => "Zola",
            Generator::Eleventy => "Eleventy",
        }
    }

    /// The name, as the `preset` key and `--from` write it.
    pub fn name(self) -> &'static str {
        match self {
            Generator::Hugo => "hugo",
            Generator::Jekyll => "jekyll",
            Generator::Zola => "zola",
            Generator::Eleventy => "eleventy",
        }
    }
}

/// A site's files as a reader sees them: paths relative to the site root, `/`-separated.
pub trait Tree {
    /// Every file, sorted.
    fn files(&self) -> &[String];
    /// The text of one file, if it exists and is UTF-8.
    fn read(&self, path: &str) -> Option<String>;
    /// True if the file exists.
    fn exists(&self, path: &str) -> bool {
        self.files()
            .binary_search_by(|f| f.as_str().cmp(path))
            .is_ok()
    }
}

/// A [`Tree`] held in memory (tests, and anything that has the files already).
#[derive(Debug, Default)]
pub struct MemoryTree {
    files: Vec<String>,
    texts: BTreeMap<String, String>,
}

impl MemoryTree {
    /// A tree of `(path, text)` pairs.
    pub fn new<'a>(files: impl IntoIterator<Item = (&'a str, &'a str)>) -> MemoryTree {
        let texts: BTreeMap<String, String> = files
            .into_iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect();
        MemoryTree {
            files: texts.keys().cloned().collect(),
            texts,
        }
    }
}

impl Tree for MemoryTree {
    fn files(&self) -> &[String] {
        &self.files
    }
    fn read(&self, path: &str) -> Option<String> {
        self.texts.get(path).cloned()
    }
}

/// A value with what the reader has to say about it (written as a comment above the key).
#[derive(Debug, Clone, PartialEq)]
pub struct Noted<T> {
    /// The value written.
    pub value: T,
    /// Where it came from, or what was assumed.
    pub note: Option<String>,
}

impl<T> Noted<T> {
    /// A value with a note.
    pub fn new(value: T, note: impl Into<String>) -> Noted<T> {
        Noted {
            value,
            note: Some(note.into()),
        }
    }
    /// A value without a note.
    pub fn bare(value: T) -> Noted<T> {
        Noted { value, note: None }
    }
}

/// The site's author, as `[site] author` takes it.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Person {
    /// Name.
    pub name: String,
    /// E-mail address.
    pub email: Option<String>,
    /// Home page.
    pub uri: Option<String>,
}

/// The output files of one feed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Outputs {
    /// RSS 2.0 file, relative to the output folder.
    pub rss: Option<String>,
    /// Atom file.
    pub atom: Option<String>,
    /// JSON Feed file.
    pub json: Option<String>,
}

impl Outputs {
    /// Puts `path` under the key its format `kind` names.
    fn set(&mut self, kind: FeedKind, path: String) {
        match kind {
            FeedKind::Rss => self.rss = Some(path),
            FeedKind::Atom => self.atom = Some(path),
            FeedKind::Json => self.json = Some(path),
        }
    }
}

/// A feed format, as found in a template or a config.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FeedKind {
    /// RSS 2.0.
    Rss,
    /// Atom.
    Atom,
    /// JSON Feed.
    Json,
}

impl FeedKind {
    /// The format a feed template's text produces, if it is a feed at all.
    pub fn of_template(text: &str) -> Option<FeedKind> {
        if text.contains("<feed") {
            Some(FeedKind::Atom)
        } else if text.contains("<rss") {
            Some(FeedKind::Rss)
        } else if text.contains("jsonfeed.org/version") {
            Some(FeedKind::Json)
        } else {
            None
        }
    }
}

/// One `[[feeds]]` table.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FeedPlan {
    /// The feed's name.
    pub name: String,
    /// Its title, when it is not the site's.
    pub title: Option<String>,
    /// Its description, when it is not the site's.
    pub description: Option<String>,
    /// Where it is written.
    pub outputs: Outputs,
    /// Most entries (`0` = all); `None` leaves feedwright's default.
    pub limit: Option<Noted<usize>>,
    /// Keep articles with any of these tags.
    pub tags: Vec<String>,
    /// Which files under `articles` this feed takes.
    pub include: Vec<String>,
    /// Which it leaves out.
    pub exclude: Vec<String>,
    /// `summary` when the site's feed carries summaries only.
    pub content: Option<String>,
    /// What was read or assumed for this feed.
    pub notes: Vec<String>,
}

/// What `init --from` found: everything the written `feeds.toml` says.
#[derive(Debug, Clone, PartialEq)]
pub struct Plan {
    /// The generator read.
    pub generator: Generator,
    /// The files read, for the header comment.
    pub read: Vec<String>,
    /// Site title.
    pub title: Noted<String>,
    /// Site URL, with its base path and a trailing slash.
    pub url: Noted<String>,
    /// Site description.
    pub description: Noted<String>,
    /// Language tag.
    pub language: Option<Noted<String>>,
    /// IANA time zone.
    pub timezone: Noted<String>,
    /// The site's author.
    pub author: Noted<Person>,
    /// The folder of articles, relative to the site root.
    pub articles: Noted<String>,
    /// The output folder, when feedwright's default (`public`) cannot be used.
    pub output: Option<Noted<String>>,
    /// The link pattern.
    pub permalink: Noted<String>,
    /// Folders with their own link pattern (`[site.permalinks]`), in the order written.
    pub permalinks: Vec<(String, Noted<String>)>,
    /// The slug rule.
    pub slugify: Noted<String>,
    /// The entry id mode.
    pub id: Noted<String>,
    /// `date_from_path` (Zola): the feed template dates pages by their `path`.
    pub date_from_path: Option<Noted<bool>>,
    /// Site-wide include globs.
    pub include: Vec<String>,
    /// Site-wide exclude globs.
    pub exclude: Noted<Vec<String>>,
    /// Values template syntax in articles reads (`[variables]`).
    pub variables: BTreeMap<String, String>,
    /// The feeds.
    pub feeds: Vec<FeedPlan>,
    /// Feeds (their paths below the site URL) whose entry ids feedwright cannot compute:
    /// `feedwright lock --from` each before the first build.
    pub lock_from: Vec<String>,
    /// General notes (header comments), e.g. things feedwright cannot reproduce.
    pub notes: Vec<String>,
}

impl Plan {
    /// An empty plan for `generator`, every value a placeholder the reader replaces.
    pub(crate) fn empty(generator: Generator) -> Plan {
        Plan {
            generator,
            read: vec![],
            title: Noted::bare(String::new()),
            url: Noted::bare(String::new()),
            description: Noted::bare(String::new()),
            language: None,
            timezone: Noted::bare("UTC".into()),
            author: Noted::bare(Person::default()),
            articles: Noted::bare(String::new()),
            output: None,
            permalink: Noted::bare("/{slug}/".into()),
            permalinks: vec![],
            slugify: Noted::bare(generator.name().into()),
            id: Noted::bare("link".into()),
            date_from_path: None,
            include: vec![],
            exclude: Noted::bare(vec![]),
            variables: BTreeMap::new(),
            feeds: vec![],
            lock_from: vec![],
            notes: vec![],
        }
    }

    /// Fills what the reader left empty (title, author, url) with visible placeholders.
    pub(crate) fn fill_gaps(&mut self) {
        if self.title.value.is_empty() {
            self.title = Noted::new("My Site".into(), "no title found: edit it");
        }
        if self.url.value.is_empty() {
            self.url = Noted::new("https://example.com/".into(), "no site URL found: edit it");
        }
        if self.author.value.name.is_empty() {
            self.author = Noted::new(
                Person {
                    name: self.title.value.clone(),
                    ..Person::default()
                },
                "no site author found: the site title stands in; edit it",
            );
        }
    }
}

impl Plan {
    /// The `lock --from` steps, one per feed whose ids feedwright cannot compute: the feed as
    /// the site publishes it today, read from standard input.
    pub fn lock_steps(&self) -> Vec<String> {
        self.lock_from
            .iter()
            .map(|path| {
                format!(
                    "curl -s {}{path} | feedwright lock --from -",
                    self.url.value
                )
            })
            .collect()
    }
}

/// The site-wide include: every feed's, when every feed names its files (so that files no feed
/// takes are not read); empty otherwise.
pub(crate) fn union_of_includes(feeds: &[FeedPlan]) -> Vec<String> {
    if feeds.is_empty() || feeds.iter().any(|f| f.include.is_empty()) {
        return vec![];
    }
    let mut all: Vec<String> = vec![];
    for glob in feeds.iter().flat_map(|f| &f.include) {
        if !all.contains(glob) {
            all.push(glob.clone());
        }
    }
    all
}

/// Which generator a site root holds, and why, for `--from auto`.
pub fn detect(tree: &dyn Tree) -> Result<(Generator, String), String> {
    let has = |p: &str| tree.exists(p);
    let zola = ["zola.toml", "config.toml"]
        .into_iter()
        .find(|p| has(p) && tree.read(p).is_some_and(|t| t.contains("base_url")));
    if let Some(p) = zola {
        return Ok((Generator::Zola, format!("{p} sets base_url")));
    }
    if let Some(p) = hugo::config_files(tree).first() {
        return Ok((Generator::Hugo, format!("found {p}")));
    }
    if has("_config.yml") || has("_config.yaml") {
        return Ok((Generator::Jekyll, "found _config.yml".into()));
    }
    if let Some((_, why)) = eleventy::config_file(tree) {
        return Ok((Generator::Eleventy, why));
    }
    Err(
        "no Hugo, Jekyll, Zola or Eleventy configuration found (looked for hugo.toml, \
         config.toml, config/_default/, _config.yml, zola.toml, eleventy.config.js, .eleventy.js, \
         and --config in package.json scripts)"
            .into(),
    )
}

/// Reads the site as `generator` made it.
pub fn read(generator: Generator, tree: &dyn Tree) -> Result<Plan, String> {
    let mut plan = match generator {
        Generator::Hugo => hugo::read(tree)?,
        Generator::Jekyll => jekyll::read(tree)?,
        Generator::Zola => zola::read(tree)?,
        Generator::Eleventy => eleventy::read(tree)?,
    };
    plan.fill_gaps();
    Ok(plan)
}

/// Parses config text by its file extension (`toml`, `yaml`/`yml`, `json`) into one value type.
pub(crate) fn parse_config(path: &str, text: &str) -> Result<Value, String> {
    let ext = path.rsplit('.').next().unwrap_or("");
    let parsed = match ext {
        "toml" => toml::from_str::<Value>(text).map_err(|e| e.message().to_string()),
        "yaml" | "yml" => serde_saphyr::from_str::<Value>(text).map_err(|e| e.to_string()),
        "json" => serde_json::from_str::<Value>(text).map_err(|e| e.to_string()),
        _ => return Err(format!("{path}: not a TOML, YAML or JSON file")),
    };
    parsed
        .map(|v| {
            if v.is_null() {
                Value::Object(Default::default())
            } else {
                v
            }
        })
        .map_err(|e| format!("{path}: {e}"))
}

/// The front matter of a content file (`+++` TOML, `---` YAML, or `---json` JSON as Eleventy's
/// gray-matter reads it), as a value. `---js` (JavaScript) is not read.
pub(crate) fn front_matter(text: &str) -> Option<Value> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (fence, ext, rest) = if let Some(rest) = text.strip_prefix("+++") {
        ("+++", "x.toml", rest)
    } else if let Some(rest) = text.strip_prefix("---json") {
        ("---", "x.json", rest)
    } else if let Some(rest) = text.strip_prefix("---") {
        ("---", "x.yaml", rest)
    } else {
        return None;
    };
    let body = rest.trim_start_matches([' ', '\t']);
    let body = body
        .strip_prefix("\r\n")
        .or_else(|| body.strip_prefix('\n'))?;
    let end = body
        .match_indices(fence)
        .find(|(i, _)| *i == 0 || body[..*i].ends_with('\n'))
        .map(|(i, _)| i)?;
    parse_config(ext, &body[..end]).ok()
}

/// The value at a dotted `path` (`"params.author"`) of a config.
pub(crate) fn at<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(v, |v, k| v.get(k))
}

/// The string at `path`, trimmed, if there is a non-empty one.
pub(crate) fn text_at(v: &Value, path: &str) -> Option<String> {
    scalar(at(v, path)?)
}

/// A scalar value as text (strings trimmed; numbers and booleans as written); `None` for
/// empty strings, null, lists and tables.
pub(crate) fn scalar(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A person written as a string (a name) or a table (`name`, `email`, and `uri`/`url`).
pub(crate) fn person(v: &Value) -> Option<Person> {
    if let Some(name) = scalar(v) {
        return Some(Person {
            name,
            ..Person::default()
        });
    }
    Some(Person {
        name: text_at(v, "name")?,
        email: text_at(v, "email"),
        uri: text_at(v, "uri").or_else(|| text_at(v, "url")),
    })
}

/// `url` with exactly one trailing slash (a site URL feedwright appends paths to).
pub(crate) fn with_slash(url: &str) -> String {
    format!("{}/", url.trim().trim_end_matches('/'))
}

/// The folder part of a file path (`""` at the root).
pub(crate) fn parent(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// `folder/name`, or `name` when `folder` is the root.
pub(crate) fn join(folder: &str, name: &str) -> String {
    if folder.is_empty() || folder == "." {
        name.to_string()
    } else {
        format!("{}/{name}", folder.trim_end_matches('/'))
    }
}

/// The text between `open` and the next `close` after it, for each occurrence.
pub(crate) fn between<'a>(text: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut found = vec![];
    let mut rest = text;
    while let Some(i) = rest.find(open) {
        let after = &rest[i + open.len()..];
        let Some(j) = after.find(close) else { break };
        found.push(&after[..j]);
        rest = &after[j + close.len()..];
    }
    found
}

/// A generator's link pattern (`/:year/:slug/`) in feedwright's placeholders: each `:name` is
/// replaced by what `placeholder` gives for it; the names it has none for are dropped and
/// returned, for a note.
pub(crate) fn convert_pattern(
    pattern: &str,
    placeholder: impl Fn(&str) -> Option<&'static str>,
) -> (String, Vec<String>) {
    let mut out = String::new();
    let mut dropped = vec![];
    for (i, part) in pattern.split(':').enumerate() {
        if i == 0 {
            out.push_str(part);
            continue;
        }
        let n = part
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(part.len());
        let (name, rest) = part.split_at(n);
        match placeholder(name) {
            Some(p) => out.push_str(p),
            None => dropped.push(format!(":{name}")),
        }
        out.push_str(rest);
    }
    while out.contains("//") {
        out = out.replace("//", "/");
    }
    (out, dropped)
}

/// The first of `names` the site has, parsed: the generator's config file.
pub(crate) fn first_config(tree: &dyn Tree, names: &[&str]) -> Result<(String, Value), String> {
    let path = names
        .iter()
        .find(|p| tree.exists(p))
        .ok_or_else(|| format!("no {}", names.join(" or ")))?;
    let config = parse_config(path, &tree.read(path).unwrap_or_default())?;
    Ok((path.to_string(), config))
}

/// A feed template's text from its first `{% for` (`{%- for`) loop on: the entries' part.
pub(crate) fn after_loop(text: &str) -> &str {
    ["{% for", "{%- for"]
        .iter()
        .filter_map(|tag| text.find(tag))
        .min()
        .map_or(text, |i| &text[i..])
}

/// The first quoted string (`'…'`, `"…"` or `` `…` ``) at the start of `text` (after blanks).
pub(crate) fn quoted(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let q = text
        .chars()
        .next()
        .filter(|c| matches!(c, '\'' | '"' | '`'))?;
    let rest = &text[1..];
    rest.find(q).map(|end| &rest[..end])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_reads_toml_and_yaml() {
        let t = front_matter("+++\ntitle = \"A\"\n+++\nbody").unwrap();
        assert_eq!(text_at(&t, "title").unwrap(), "A");
        let y = front_matter("---\n title: B\n url: /blog/\n---\n").unwrap();
        assert_eq!(text_at(&y, "url").unwrap(), "/blog/");
        assert!(front_matter("no front matter").is_none());
        let j = front_matter("---json\n{\"permalink\": \"feed.xml\"}\n---\n<feed>").unwrap();
        assert_eq!(text_at(&j, "permalink").unwrap(), "feed.xml");
        assert!(front_matter("---js\n{ permalink: 'x' }\n---\n").is_none());
    }

    #[test]
    fn detect_names_the_generator_and_why() {
        let zola = MemoryTree::new([("config.toml", "base_url = \"https://x.org\"")]);
        assert_eq!(
            detect(&zola).unwrap(),
            (Generator::Zola, "config.toml sets base_url".into())
        );
        let hugo = MemoryTree::new([("config.toml", "baseURL = \"https://x.org\"")]);
        assert_eq!(detect(&hugo).unwrap().0, Generator::Hugo);
        let jekyll = MemoryTree::new([("_config.yml", "title: x")]);
        assert_eq!(detect(&jekyll).unwrap().0, Generator::Jekyll);
        let eleventy = MemoryTree::new([(".eleventy.js", "module.exports = {}")]);
        assert_eq!(detect(&eleventy).unwrap().0, Generator::Eleventy);
        assert!(detect(&MemoryTree::default()).is_err());
    }

    #[test]
    fn helpers_split_text() {
        assert_eq!(
            between("a<id>x</id><id>y</id>", "<id>", "</id>"),
            ["x", "y"]
        );
        assert_eq!(quoted("  'src' ,"), Some("src"));
        assert_eq!(with_slash("https://x.org/sub"), "https://x.org/sub/");
        assert_eq!(join("", "a"), "a");
        assert_eq!(join("c/", "a"), "c/a");
    }
}
