//! Splitting a record into front matter and body, and parsing the front matter.
//!
//! A record may open with TOML between `+++` lines or YAML between `---` lines (a BOM and CRLF
//! line ends are tolerated). The split keeps the line on which the body starts so that errors in
//! either part point at the right line of the file. Parsing yields [`RawFrontMatter`], the fields
//! exactly as written, and a warning for each key the site's vocabulary does not know (the
//! first [`UNKNOWN_KEYS_SHOWN`], then one for the rest). A block setting more than [`MAX_KEYS`]
//! keys is an error: each costs a line lookup and a message, and no article needs that many.

use std::collections::BTreeMap;
use std::path::Path;

use serde::de::IgnoredAny;
use serde::Deserialize;

use crate::config::Vocabulary;
use crate::diagnostics::{did_you_mean, key_line, Diagnostic, KeyLines};
use crate::text::strip_forbidden;

/// The syntax of a front-matter block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// `+++` fences.
    Toml,
    /// `---` fences.
    Yaml,
}

/// A record split in two.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    /// The front matter, if any, with its syntax and the 1-based line its first line is on.
    pub front: Option<(Syntax, &'a str, usize)>,
    /// The body.
    pub body: &'a str,
    /// The 1-based line the body starts on.
    pub body_line: usize,
}

/// Splits `text` (BOM already removed) into front matter and body. An opening fence without a
/// closing one is an error message.
pub fn split(text: &str) -> Result<Split<'_>, String> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let syntax = match text[..first_end].trim_end() {
        "+++" => Syntax::Toml,
        "---" => Syntax::Yaml,
        _ => {
            return Ok(Split {
                front: None,
                body: text,
                body_line: 1,
            })
        }
    };
    let fence = if syntax == Syntax::Toml { "+++" } else { "---" };
    let mut offset = first_end;
    for (line, l) in (2..).zip(text[first_end..].split_inclusive('\n')) {
        if l.trim_end() == fence {
            let front = &text[first_end..offset];
            let body_start = offset + l.len();
            return Ok(Split {
                front: Some((syntax, front, 2)),
                body: &text[body_start..],
                body_line: line + 1,
            });
        }
        offset += l.len();
    }
    Err(format!(
        "front matter opened with `{fence}` on line 1 is never closed"
    ))
}

/// A date as written: a TOML date/datetime or a string.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawDate {
    /// A native TOML date or datetime.
    Toml(toml::value::Datetime),
    /// Any string (YAML dates are strings).
    Str(String),
}

/// An author as written: a name, or a table.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawAuthor {
    /// Just a name (or a key of `[authors]`).
    Name(String),
    /// A full person.
    Person {
        /// Name.
        name: String,
        /// E-mail.
        email: Option<String>,
        /// Home page.
        uri: Option<String>,
    },
}

/// `authors` as written: one author or a list.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawAuthors {
    /// A list.
    Many(Vec<RawAuthor>),
    /// A single author where a list was expected.
    One(RawAuthor),
}

/// `tags` as written: a list, or one string.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawTags {
    /// A list of tags.
    Many(Vec<String>),
    /// One tag.
    One(String),
}

/// Front-matter fields exactly as written.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawFrontMatter {
    /// Title.
    pub title: Option<String>,
    /// Publication date.
    pub date: Option<RawDate>,
    /// Last update.
    pub updated: Option<RawDate>,
    /// Authors.
    pub authors: Option<RawAuthors>,
    /// A single author.
    pub author: Option<RawAuthor>,
    /// Summary (plain text).
    pub summary: Option<String>,
    /// Tags.
    pub tags: Option<RawTags>,
    /// URL slug.
    pub slug: Option<String>,
    /// Link, absolute or relative to the site URL.
    pub link: Option<String>,
    /// Permanent id.
    pub id: Option<String>,
    /// Draft flag.
    pub draft: Option<bool>,
    /// The generator's own keys, read only under a `[site] preset`.
    #[serde(skip)]
    pub generator: Option<Box<RawGenerator>>,
}

/// A value of a generator's key, or `Other` when it has a type feedwright does not read (the
/// generator's key is then ignored, as the generator's feed would).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Loose<T> {
    /// The value, of the expected type.
    Value(T),
    /// Any other value.
    Other(IgnoredAny),
}

impl<T> Loose<T> {
    /// The value, if it had the expected type.
    pub fn get(&self) -> Option<&T> {
        match self {
            Loose::Value(v) => Some(v),
            Loose::Other(_) => None,
        }
    }
}

/// Jekyll's `published: false`, or Hugo's `published` date.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawPublished {
    /// Jekyll: whether the post is published.
    Flag(bool),
    /// Hugo: the publication date.
    Date(RawDate),
}

/// Zola's `[taxonomies]`: lists of terms by taxonomy name.
pub type RawTaxonomies = BTreeMap<String, Vec<String>>;

/// The keys of Hugo, Jekyll, Zola and Eleventy front matter that carry a feed field, exactly as
/// written. Which of them a site reads, and in which order, is the site's preset's
/// ([`crate::config::Vocabulary`]); `article::validate` applies it.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawGenerator {
    /// Hugo, Jekyll: categories (a list, or Jekyll's space-separated string).
    pub categories: Option<Loose<RawTags>>,
    /// Jekyll: one category.
    pub category: Option<Loose<String>>,
    /// Jekyll: one tag.
    pub tag: Option<Loose<String>>,
    /// Zola: taxonomies, e.g. `tags` and `categories`.
    pub taxonomies: Option<Loose<RawTaxonomies>>,
    /// Jekyll: the feed summary (before `excerpt`).
    pub description: Option<Loose<String>>,
    /// Jekyll: the excerpt.
    pub excerpt: Option<Loose<String>>,
    /// Hugo: last modification.
    pub lastmod: Option<Loose<RawDate>>,
    /// Hugo: last modification (alias).
    pub modified: Option<Loose<RawDate>>,
    /// Jekyll: last modification.
    pub last_modified_at: Option<Loose<RawDate>>,
    /// Hugo: publication date.
    #[serde(rename = "publishDate", alias = "publishdate")]
    pub publish_date: Option<Loose<RawDate>>,
    /// Hugo: publication date (alias).
    pub pubdate: Option<Loose<RawDate>>,
    /// Jekyll `published: false`; Hugo's publication-date alias.
    pub published: Option<Loose<RawPublished>>,
    /// Zola: the page's path, verbatim.
    pub path: Option<Loose<String>>,
    /// Hugo: the page's URL, verbatim.
    pub url: Option<Loose<String>>,
    /// Jekyll: the post's permalink.
    pub permalink: Option<Loose<String>>,
    /// Hugo: a headless bundle, never listed.
    pub headless: Option<Loose<bool>>,
    /// Hugo: build options (`_build`, or `build`); `list` says whether the page is listed.
    #[serde(rename = "_build", alias = "build")]
    pub build: Option<Loose<RawBuild>>,
}

/// Hugo's `_build` options: only `list` is read (`never`, or `false` in older sites, keeps
/// the page out of every list, feeds included: hugo `resources/page/pagemeta/pagemeta.go`).
#[derive(Debug, Clone, Default, Deserialize)]
pub struct RawBuild {
    /// `always`, `local`, `never`, or a bool.
    pub list: Option<Loose<RawList>>,
}

/// A `_build.list` value.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum RawList {
    /// `true` (always) or `false` (never).
    Flag(bool),
    /// `always`, `local` or `never`.
    Word(String),
}

impl RawFrontMatter {
    /// How many of the fields are set.
    fn fields_set(&self) -> usize {
        [
            self.title.is_some(),
            self.date.is_some(),
            self.updated.is_some(),
            self.authors.is_some(),
            self.author.is_some(),
            self.summary.is_some(),
            self.tags.is_some(),
            self.slug.is_some(),
            self.link.is_some(),
            self.id.is_some(),
            self.draft.is_some(),
        ]
        .into_iter()
        .filter(|&set| set)
        .count()
    }

    /// Removes characters feeds cannot carry from every string. Parsers decode escapes such as
    /// TOML's `\u0001` after the file itself was cleaned, so this runs on the parsed values.
    fn strip_forbidden(&mut self) {
        fn c(s: &mut String) {
            if let std::borrow::Cow::Owned(o) = strip_forbidden(s) {
                *s = o;
            }
        }
        fn author(a: &mut RawAuthor) {
            match a {
                RawAuthor::Name(n) => c(n),
                RawAuthor::Person { name, email, uri } => {
                    c(name);
                    email.iter_mut().for_each(c);
                    uri.iter_mut().for_each(c);
                }
            }
        }
        for s in [
            &mut self.title,
            &mut self.summary,
            &mut self.slug,
            &mut self.link,
            &mut self.id,
        ]
        .into_iter()
        .flatten()
        {
            c(s);
        }
        match &mut self.authors {
            Some(RawAuthors::Many(v)) => v.iter_mut().for_each(author),
            Some(RawAuthors::One(a)) => author(a),
            None => {}
        }
        self.author.iter_mut().for_each(author);
        match &mut self.tags {
            Some(RawTags::Many(v)) => v.iter_mut().for_each(c),
            Some(RawTags::One(t)) => c(t),
            None => {}
        }
    }
}

/// The keys [`RawFrontMatter`] reads: feedwright's own vocabulary.
pub const KNOWN_KEYS: &[&str] = Vocabulary::FEEDWRIGHT.keys;

/// Most keys one front-matter block may set.
pub const MAX_KEYS: usize = 1_000;
/// Unknown keys warned about one by one; the others share one warning.
pub const UNKNOWN_KEYS_SHOWN: usize = 20;

/// A parse of the whole block: the fields, when they had the right types, and the keys set
/// (TOML: every key; YAML: the keys [`RawFrontMatter`] does not read).
type Parsed = (Option<RawFrontMatter>, Vec<String>);

/// Parses a front-matter block. `line` is the file line the block starts on (for positions).
/// Returns the fields and the warnings about keys `vocabulary` does not know.
pub fn parse(
    syntax: Syntax,
    text: &str,
    line: usize,
    path: &Path,
    vocabulary: &Vocabulary,
) -> Result<(RawFrontMatter, Vec<Diagnostic>), Diagnostic> {
    // One parse on the happy path; a failed typed read is re-parsed for its precise error.
    let (parsed, keys) = match syntax {
        Syntax::Toml => parse_toml(text, line, path)?,
        Syntax::Yaml => parse_yaml(text, line, path)?,
    };
    let set = match (syntax, &parsed) {
        (Syntax::Yaml, Some(fm)) => keys.len() + fm.fields_set(),
        _ => keys.len(),
    };
    if set > MAX_KEYS {
        return Err(Diagnostic::error(
            path,
            format!("front matter sets {set} keys; at most {MAX_KEYS} are allowed"),
        )
        .at(line - 1, 1)
        .hint(
            "remove the keys feedwright does not read (see the README's front-matter reference)",
        ));
    }
    let warnings = unknown_keys(keys, text, line, path, vocabulary);
    let mut fm = match parsed {
        Some(fm) => fm,
        None => typed_error(syntax, text, line, path)?,
    };
    fm.strip_forbidden();
    if vocabulary.preset.is_some() {
        fm.generator = Some(Box::new(generator_fields(syntax, text)));
    }
    Ok((fm, warnings))
}

/// A warning for each of `keys` that `vocabulary` does not know, in the order of their lines
/// in `text` (whose first line is line `line` of the file): the first [`UNKNOWN_KEYS_SHOWN`]
/// one by one, then one for the rest. Each key's line is found in one pass over the text.
fn unknown_keys(
    keys: Vec<String>,
    text: &str,
    line: usize,
    path: &Path,
    vocabulary: &Vocabulary,
) -> Vec<Diagnostic> {
    let lines = KeyLines::new(text);
    let mut unknown: Vec<(usize, String)> = keys
        .into_iter()
        .filter(|k| !vocabulary.knows(k))
        .map(|k| (lines.line(&k).map_or(line, |l| l + line - 1), k))
        .collect();
    unknown.sort_unstable();
    let mut warnings: Vec<Diagnostic> = unknown
        .iter()
        .take(UNKNOWN_KEYS_SHOWN)
        .map(|(line, key)| {
            let hint = match did_you_mean(key, vocabulary.keys) {
                Some(k) => format!("did you mean `{k}`?"),
                None => "feedwright ignores it; --strict makes this an error".into(),
            };
            Diagnostic::warning(path, format!("unknown front-matter key `{key}` is ignored"))
                .at(*line, 1)
                .hint(hint)
        })
        .collect();
    if let Some((line, _)) = unknown.get(UNKNOWN_KEYS_SHOWN) {
        let more = unknown.len() - UNKNOWN_KEYS_SHOWN;
        warnings.push(
            Diagnostic::warning(
                path,
                format!("{more} more unknown front-matter keys are ignored"),
            )
            .at(*line, 1)
            .hint("feedwright ignores them; --strict makes this an error"),
        );
    }
    warnings
}

/// The generator's keys of a block that parsed (a second read, made only under a preset, so
/// that sites without one read exactly as before).
fn generator_fields(syntax: Syntax, text: &str) -> RawGenerator {
    let g = match syntax {
        Syntax::Toml => toml::from_str(text).ok(),
        Syntax::Yaml if text.trim().is_empty() => None,
        Syntax::Yaml => serde_saphyr::from_str(text).ok(),
    };
    g.unwrap_or_default()
}

/// TOML: a syntax error, or the keys and (if their types are right) the fields.
fn parse_toml(text: &str, line: usize, path: &Path) -> Result<Parsed, Diagnostic> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let d = Diagnostic::error(
            path,
            format!("invalid TOML front matter: {}", e.message().trim()),
        );
        let d = match e.span() {
            Some(s) => d.at_offset(text, s.start, line - 1),
            None => d,
        };
        d.hint("front matter between +++ lines must be TOML, e.g. title = \"Hello\"")
    })?;
    let keys = table.keys().cloned().collect();
    Ok((toml::Value::Table(table).try_into().ok(), keys))
}

/// YAML: a syntax error, or the keys and (if their types are right) the fields.
fn parse_yaml(text: &str, line: usize, path: &Path) -> Result<Parsed, Diagnostic> {
    type Keys = BTreeMap<String, IgnoredAny>;
    #[derive(Deserialize)]
    struct WithRest {
        #[serde(flatten)]
        fm: RawFrontMatter,
        #[serde(flatten)]
        rest: Keys,
    }
    if text.trim().is_empty() {
        return Ok((Some(RawFrontMatter::default()), vec![]));
    }
    match serde_saphyr::from_str::<WithRest>(text) {
        Ok(w) => Ok((Some(w.fm), w.rest.into_keys().collect())),
        Err(_) => {
            // Syntax errors surface here with their position.
            let _: Keys = serde_saphyr::from_str(text).map_err(|e| yaml_error(&e, path, line))?;
            Ok((None, vec![]))
        }
    }
}

/// Reads the fields of a block whose first parse found a value of the wrong type, for the
/// error saying which.
fn typed_error(
    syntax: Syntax,
    text: &str,
    line: usize,
    path: &Path,
) -> Result<RawFrontMatter, Diagnostic> {
    match syntax {
        Syntax::Toml => toml::from_str::<RawFrontMatter>(text).map_err(|e| {
            let mut d = field_error(e.message().trim(), text, line, path);
            if let Some(s) = e.span() {
                let (l, c) = crate::diagnostics::line_col(text, s.start);
                d.position = Some((l + line - 1, c));
            }
            d
        }),
        Syntax::Yaml => {
            serde_saphyr::from_str::<RawFrontMatter>(text).map_err(|e| yaml_error(&e, path, line))
        }
    }
}

/// A field with a value of the wrong type, placed on the field's line when the parser says
/// which field it is.
fn field_error(message: &str, text: &str, line: usize, path: &Path) -> Diagnostic {
    let mut d = Diagnostic::error(path, format!("invalid front matter: {}", friendly(message)));
    if let Some(k) = KNOWN_KEYS
        .iter()
        .find(|k| message.contains(&format!("`{k}`")) || message.contains(&format!("{k}:")))
    {
        if let Some(l) = key_line(text, k) {
            d = d.at(l + line - 1, 1);
        }
    }
    d.hint(field_hint(message))
}

/// Says in the user's words what serde's untagged-enum failures mean.
fn friendly(message: &str) -> String {
    let plain = [
        (
            "RawAuthors",
            "`authors` must be a name, a list of names, or a list of {name, email, uri} tables",
        ),
        (
            "RawAuthor",
            "`author` must be a name or a {name, email, uri} table",
        ),
        ("RawTags", "`tags` must be a list of strings"),
        ("RawDate", "dates must be strings or TOML dates"),
    ];
    for (ty, text) in plain {
        if message.contains(&format!("untagged enum {ty}")) {
            return text.to_string();
        }
    }
    message.to_string()
}

fn field_hint(message: &str) -> String {
    if message.contains("RawAuthor") || message.contains("author") {
        "authors is a list of names or of {name, email, uri} tables".into()
    } else if message.contains("RawDate") {
        "dates look like 2026-05-20, 2026-05-20 10:00 or 2026-05-20T10:00:00+03:00".into()
    } else if message.contains("RawTags") {
        "tags is a list of strings, e.g. tags = [\"rust\", \"feeds\"]".into()
    } else {
        "see the README's front-matter reference".into()
    }
}

/// What a breach of the YAML reader's limits (aliases that expand without end, deep nesting)
/// means, in one sentence; `None` for any other error.
fn budget_breach(mut e: &serde_saphyr::Error) -> Option<String> {
    use serde_saphyr::budget::BudgetBreach as B;
    use serde_saphyr::Error as E;
    while let E::WithSnippet { error, .. } | E::AliasError { error, .. } = e {
        e = error;
    }
    let E::Budget { breach, .. } = e else {
        return None;
    };
    let what = match breach {
        B::Nodes { nodes } => format!("expands to more than {} values", nodes.saturating_sub(1)),
        B::Aliases { aliases } => format!("uses more than {} aliases", aliases.saturating_sub(1)),
        B::AliasAnchorRatio { aliases, anchors } => {
            format!("uses {aliases} aliases of only {anchors} anchors")
        }
        B::Anchors { anchors } => {
            format!("defines more than {} anchors", anchors.saturating_sub(1))
        }
        B::Depth { depth } => format!("nests more than {} levels deep", depth.saturating_sub(1)),
        B::ScalarBytes { total_scalar_bytes } => {
            format!("holds more than {total_scalar_bytes} bytes of text")
        }
        B::MergeKeys { merge_keys } => {
            format!("uses more than {} merge keys", merge_keys.saturating_sub(1))
        }
        _ => "is larger than the YAML reader's limits".to_string(),
    };
    Some(format!(
        "YAML front matter {what}; feedwright reads no more"
    ))
}

fn yaml_error(e: &serde_saphyr::Error, path: &Path, line: usize) -> Diagnostic {
    let message = e.without_snippet().to_string();
    // The message carries its own position suffix; keep only the first line.
    let message = message.lines().next().unwrap_or("").trim().to_string();
    let message = match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    let too_big = budget_breach(e).or_else(|| {
        (message == "recursion limit exceeded")
            .then(|| "YAML front matter nests too deep; feedwright reads no more".to_string())
    });
    let (message, hint) = match too_big {
        Some(sentence) => (sentence, TOO_BIG_HINT.to_string()),
        None => (
            format!("invalid YAML front matter: {}", friendly(&message)),
            field_hint(&message),
        ),
    };
    let d = Diagnostic::error(path, message);
    let d = match e.location() {
        Some(loc) if loc.line() > 0 => {
            d.at(loc.line() as usize + line - 1, loc.column().max(1) as usize)
        }
        _ => d,
    };
    d.hint(hint)
}

/// The hint for front matter beyond the YAML reader's limits.
const TOO_BIG_HINT: &str =
    "write the values out: YAML aliases (*name) and deep nesting are for data files, not front matter";

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    #[test]
    fn splits_toml_yaml_and_none() {
        let s = split("+++\ntitle = \"a\"\n+++\nbody\n").unwrap();
        assert_eq!(s.front, Some((Syntax::Toml, "title = \"a\"\n", 2)));
        assert_eq!((s.body, s.body_line), ("body\n", 4));
        let s = split("---\r\ntitle: a\r\n---\r\nbody").unwrap();
        assert_eq!(s.front, Some((Syntax::Yaml, "title: a\r\n", 2)));
        assert_eq!(s.body, "body");
        let s = split("just text\n---\n").unwrap();
        assert_eq!((s.front, s.body_line), (None, 1));
        assert!(split("+++\ntitle = 1\n").is_err());
        let s = split("+++\n+++").unwrap();
        assert_eq!(s.front, Some((Syntax::Toml, "", 2)));
        assert_eq!(s.body, "");
    }

    #[test]
    fn parses_both_syntaxes_and_reports_unknown_keys() {
        let p = Path::new("a.md");
        let (fm, unknown) = parse(
            Syntax::Toml,
            "title = \"A\"\ndate = 2026-01-02\nweight = 3\n",
            2,
            p,
            &Vocabulary::FEEDWRIGHT,
        )
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("A"));
        assert!(fm.date.is_some());
        let unknown: Vec<String> = unknown.iter().map(ToString::to_string).collect();
        assert_eq!(
            unknown,
            [
                "a.md:4:1: warning: unknown front-matter key `weight` is ignored\n  \
              hint: feedwright ignores it; --strict makes this an error"
            ]
        );
        let (fm, unknown) = parse(
            Syntax::Yaml,
            "title: A\ndate: 2026-01-02\nauthors: [a, {name: B}]\n",
            2,
            p,
            &Vocabulary::FEEDWRIGHT,
        )
        .unwrap();
        assert_eq!(fm.title.as_deref(), Some("A"));
        assert!(matches!(fm.date, Some(RawDate::Str(ref s)) if s == "2026-01-02"));
        assert!(matches!(fm.authors, Some(RawAuthors::Many(ref v)) if v.len() == 2));
        assert!(unknown.is_empty());
    }

    #[test]
    fn toml_errors_point_into_the_file() {
        let e = parse(
            Syntax::Toml,
            "title = \"A\"\ndate = \n",
            2,
            Path::new("a.md"),
            &Vocabulary::FEEDWRIGHT,
        )
        .unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(3), "{e}");
        let e = parse(
            Syntax::Toml,
            "title = 5\n",
            2,
            Path::new("a.md"),
            &Vocabulary::FEEDWRIGHT,
        )
        .unwrap_err();
        assert_eq!(e.position.map(|p| p.0), Some(2), "{e}");
    }

    #[test]
    fn yaml_beyond_the_readers_limits_reads_as_a_sentence() {
        let sentence = |what: &str| format!("YAML front matter {what}; feedwright reads no more");
        // An alias bomb, against a small budget (the default one takes seconds to reach in a
        // debug build).
        let bomb = "a: &a [x, x, x, x]\nb: &b [*a, *a, *a, *a]\nc: [*b, *b, *b, *b]\n";
        let mut budget = serde_saphyr::Budget::default();
        budget.max_nodes = 20;
        let mut options = serde_saphyr::Options::default();
        options.budget = Some(budget);
        let e =
            serde_saphyr::from_str_with_options::<serde_json::Value>(bomb, options).unwrap_err();
        let d = yaml_error(&e, Path::new("a.md"), 2);
        assert_eq!(d.message, sentence("expands to more than 20 values"));
        assert_eq!(d.hint.as_deref(), Some(TOO_BIG_HINT));
        let deep = format!("title: x\nd: {}{}\n", "[".repeat(5000), "]".repeat(5000));
        let d = parse(
            Syntax::Yaml,
            &deep,
            2,
            Path::new("a.md"),
            &Vocabulary::FEEDWRIGHT,
        )
        .unwrap_err();
        assert_eq!(d.message, sentence("nests too deep"));
        assert_eq!(d.hint.as_deref(), Some(TOO_BIG_HINT));
    }

    #[test]
    fn yaml_errors_point_into_the_file() {
        let e = parse(
            Syntax::Yaml,
            "title: A\ndraft: [\n",
            2,
            Path::new("a.md"),
            &Vocabulary::FEEDWRIGHT,
        )
        .unwrap_err();
        assert!(e.position.is_some(), "{e}");
        assert!(e.position.unwrap().0 >= 3, "{e}");
    }
}
