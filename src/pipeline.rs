//! The middle of a build, between loading the site and writing files: select, render bodies,
//! build the feed models.
//!
//! These steps are pure ("now" is an argument, nothing touches the disk) and each is done once
//! per build, however many feeds share the work: a [`Selection`] says which articles each feed
//! shows, [`render_bodies`] renders every body those articles need exactly once (in parallel),
//! and a [`Plan`] borrows both to hold one [`feed::Feed`] per feed, ready for the writers. Kept
//! apart from the commands so tests and benches can drive a build without the command line.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use chrono::{DateTime, FixedOffset};
use rayon::prelude::*;

use crate::archive::{self, History, Page};
use crate::article::{self, Article, Body, BodyKind};
use crate::body::templates::{self, Context, Links};
use crate::body::{self, Rendered};
use crate::cache::inputs::Inputs;
use crate::cache::{bodies, entries::Previous};
use crate::config::{self, ContentMode, Format, Site};
use crate::diagnostics::{display_path, Diagnostic};
use crate::error::{Error, OverBudget};
use crate::render::fragments;
use crate::{budget, feed, output, render, select};

/// One file a build produces.
#[derive(Debug, Clone)]
pub struct Output {
    /// Path relative to the output folder, `/`-separated.
    pub file: String,
    /// Full path on disk.
    pub path: PathBuf,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// Rendered bodies, keyed by article index and summary length.
pub type Bodies = BTreeMap<(usize, usize), Rendered>;

/// The feeds a build would write, as models ready to render. The models borrow the articles and
/// their rendered bodies; a file's bytes exist only while it is written: [`Plan::stage_changed`]
/// streams each file to disk as it is rendered (files in parallel), so a 300 MB archive never
/// sits in memory whole.
#[derive(Debug)]
pub struct Plan<'a> {
    site: &'a Site,
    /// One model per document: every `[[feeds]]` entry's subscription document in config order,
    /// then the archive pages this build writes.
    pub feeds: Vec<feed::Feed<'a>>,
    /// Every file: (model, format, path relative to the output folder).
    docs: Vec<(usize, Format, String)>,
    /// The files written besides the feeds: the OPML list (`[site] opml`) and the preview
    /// stylesheet (`[site] preview`).
    pub site_files: Vec<Output>,
    /// Drafts and scheduled articles held back.
    pub held: select::Held,
}

impl<'a> Plan<'a> {
    /// Builds every document's model from the selection and the rendered bodies. Pure.
    pub fn new(
        site: &'a Site,
        articles: &'a [Article],
        selection: &Selection,
        bodies: &'a Bodies,
    ) -> Plan<'a> {
        let mut plan = Plan {
            site,
            feeds: vec![],
            docs: vec![],
            site_files: site_files(site),
            held: selection.held,
        };
        let model = |spec: &'a config::FeedSpec, picked: &[usize], fallback| {
            let entries: Vec<(&Article, &Rendered)> = picked
                .iter()
                .map(|&i| (&articles[i], &bodies[&(i, spec.summary_length)]))
                .collect();
            feed::build(site, spec, &entries, fallback)
        };
        for (spec, picked) in site.feeds.iter().zip(&selection.feeds) {
            let mut doc = model(spec, picked, Some(selection.fallback_date));
            // Archive pages keep their content: `full_content` shapes the subscription document.
            if let Some(n) = spec.full_content {
                budget::summaries_after(&mut doc, n);
            }
            plan.push(doc, &spec.outputs);
        }
        let url = |file: &str| site.output_url(file).to_string();
        for (i, (spec, pages)) in site.feeds.iter().zip(&selection.pages).enumerate() {
            let Some(archive) = &spec.archive else {
                continue;
            };
            // The subscription document of feed i is model i.
            plan.feeds[i].history = History::subscription(archive, pages.len(), url);
            let current = plan.feeds[i].self_urls.clone();
            for page in pages.iter().filter(|p| !p.write.is_empty()) {
                let mut doc = model(spec, &page.entries, None);
                let files: Vec<(Format, String)> = page
                    .write
                    .iter()
                    .filter_map(|&f| archive.file(f, page.n).map(|file| (f, file)))
                    .collect();
                doc.self_urls = files.iter().map(|(f, file)| (*f, url(file))).collect();
                doc.history = History::page(archive, page.n, pages.len(), current.clone(), url);
                // WebSub topics are the subscription documents; a sealed page never changes.
                doc.hubs = &[];
                plan.push(doc, &files);
            }
        }
        plan
    }

    /// Cuts every feed with `max_bytes` to the most of its newest entries whose files each fit
    /// in it (see [`budget::fit`]). `new` holds, per feed, the ids of the entries it publishes
    /// for the first time in this build. Returns what each budgeted feed kept, in config order;
    /// [`Error::Budget`] when one cannot fit without trimming a new entry, or with even its
    /// newest entry alone.
    pub fn fit_budgets(
        &mut self,
        new: &[HashSet<String>],
        loose: &[usize],
    ) -> Result<Vec<Budgeted>, Error> {
        let none = HashSet::new();
        let mut fitted = Vec::new();
        for (i, spec) in self.site.feeds.iter().enumerate() {
            let Some(max) = spec.max_bytes else { continue };
            let formats: Vec<Format> = spec.outputs.iter().map(|(f, _)| *f).collect();
            let feed = &mut self.feeds[i];
            let shown = |file: &str| display_path(&self.site.output_dir.join(file));
            let new = new.get(i).unwrap_or(&none);
            let fit = budget::fit(feed, &formats, max.bytes, new)
                .map_err(|e| Error::io(shown(&spec.outputs[0].1), "cannot render", e))?;
            // An archived feed's entries that no page holds yet must all stay.
            let unarchived = loose.get(i).copied().unwrap_or(0);
            let fit = match fit {
                Ok(fit) if fit.keep < unarchived => Err(budget::Overflow {
                    keep: unarchived,
                    sizes: budget::sizes(feed, unarchived, &formats)
                        .map_err(|e| Error::io(shown(&spec.outputs[0].1), "cannot render", e))?,
                    new: None,
                }),
                other => other,
            };
            let fit = fit.map_err(|overflow| {
                Error::Budget(OverBudget {
                    feed: spec.name.clone(),
                    max_bytes: max.bytes,
                    keep: overflow.keep,
                    files: (spec.outputs.iter().zip(&overflow.sizes))
                        .filter(|(_, &(_, size))| size > max.bytes)
                        .map(|((_, file), &(_, size))| (shown(file), size))
                        .collect(),
                    unarchived: overflow.new.is_none()
                        && overflow.keep == unarchived
                        && unarchived > 1,
                    new: overflow.new,
                    summary_only: spec.content == ContentMode::Summary,
                })
            })?;
            let entries = feed.entries.len();
            budget::trim(feed, fit.keep);
            fitted.push(Budgeted {
                feed: i,
                entries,
                fit,
            });
        }
        Ok(fitted)
    }

    /// Adds the model `doc`, written to `files`.
    fn push(&mut self, doc: feed::Feed<'a>, files: &[(Format, String)]) {
        let i = self.feeds.len();
        self.feeds.push(doc);
        self.docs
            .extend(files.iter().map(|(f, file)| (i, *f, file.clone())));
    }

    /// Every file to write: (model index, format, path relative to the output folder).
    pub fn files(&self) -> impl Iterator<Item = (usize, Format, &str)> + '_ {
        self.docs.iter().map(|(i, f, file)| (*i, *f, file.as_str()))
    }

    /// Every file the plan writes, relative to the output folder: the feeds' (as
    /// [`Plan::files`]), then the [`Plan::site_files`].
    pub fn targets(&self) -> impl Iterator<Item = &str> + '_ {
        let files = self.files().map(|(_, _, file)| file);
        files.chain(self.site_files.iter().map(|o| o.file.as_str()))
    }

    /// The site the plan builds.
    pub fn site(&self) -> &'a Site {
        self.site
    }

    /// The full path of `file` (relative to the output folder), as [`output`] stages it.
    pub fn path(&self, file: &str) -> PathBuf {
        self.site.output_dir.join(file)
    }

    /// Every folder a file is written to, each once, sorted.
    pub fn folders(&self) -> Vec<PathBuf> {
        let mut folders: Vec<PathBuf> = self
            .targets()
            .filter_map(|file| {
                let path = self.site.output_dir.join(file);
                path.parent().map(|p| p.to_path_buf())
            })
            .collect();
        folders.sort();
        folders.dedup();
        folders
    }

    /// Renders one file into memory.
    pub fn render(&self, feed: usize, format: Format) -> io::Result<Vec<u8>> {
        render::render(&self.feeds[feed], format)
    }

    /// Writes one file to `out` as it is rendered.
    pub fn write(&self, feed: usize, format: Format, out: &mut dyn Write) -> io::Result<()> {
        render::write(&self.feeds[feed], format, out)
    }

    /// Renders every file into memory (for tests and small sites), site files last.
    pub fn outputs(&self) -> io::Result<Vec<Output>> {
        let feeds = self.files().map(|(i, format, file)| {
            Ok(Output {
                file: file.to_string(),
                path: self.site.output_dir.join(file),
                bytes: self.render(i, format)?,
            })
        });
        feeds
            .chain(self.site_files.iter().cloned().map(Ok))
            .collect()
    }

    /// Renders every file, all in parallel (one file per task), and stages those whose bytes
    /// differ from what is on disk (see [`output::stage_changed`]), in config order. With
    /// `dry`, writes nothing.
    pub fn stage_changed(&self, dry: bool) -> Result<Vec<output::Staged>, Error> {
        self.stage(dry, None).map(|(staged, _)| staged)
    }

    /// [`Plan::stage_changed`] for a build with a cache: each feed file is written entry by
    /// entry ([`fragments::write`]), an entry the same file held in the last build copied from
    /// it (`previous`). Also returns where each feed file's entries sit (its path relative to
    /// the output folder, its spans). Fails with [`fragments::Elsewhere`] (inside
    /// [`Error::Io`]) when an entry whose body was not rendered cannot be read from `previous`.
    pub fn stage_changed_from(&self, previous: &Previous) -> Result<Staging, Error> {
        self.stage(false, Some(previous))
    }

    fn stage(&self, dry: bool, previous: Option<&Previous>) -> Result<Staging, Error> {
        let files: Vec<_> = self.files().collect();
        type One = Result<(Option<output::Staged>, (String, Vec<fragments::Span>)), Error>;
        let staged: Vec<One> = files
            .par_iter()
            .with_max_len(1)
            .map(|&(i, format, file)| {
                let rel = Path::new(file);
                let mut spans = Vec::new();
                let staged = output::stage_changed(&self.site.output_dir, rel, dry, |out| {
                    let Some(previous) = previous else {
                        return self.write(i, format, out);
                    };
                    // Open only while this file is written.
                    let source = previous.source(file);
                    let source = source.as_ref().map(|s| s as &dyn fragments::Fragments);
                    spans = fragments::write(&self.feeds[i], format, source, out)?;
                    Ok(())
                })?;
                Ok((staged, (file.to_string(), spans)))
            })
            .collect();
        let staged: Vec<_> = staged.into_iter().collect::<Result<_, _>>()?;
        let (staged, spans): (Vec<_>, Vec<_>) = staged.into_iter().unzip();
        let site_files = self.site_files.iter().map(|o| {
            output::stage_changed(&self.site.output_dir, Path::new(&o.file), dry, |out| {
                out.write_all(&o.bytes)
            })
        });
        let staged = (staged.into_iter().map(Ok))
            .chain(site_files)
            .filter_map(Result::transpose)
            .collect::<Result<_, _>>()?;
        Ok((staged, spans))
    }
}

/// What [`Plan::stage_changed_from`] staged, and where each feed file's entries sit.
pub type Staging = (Vec<output::Staged>, Vec<(String, Vec<fragments::Span>)>);

/// The files a build writes besides the feeds: the OPML list and the preview stylesheet, each
/// if the site asks for it.
fn site_files(site: &Site) -> Vec<Output> {
    let output = |file: &str, bytes: Vec<u8>| Output {
        file: file.to_string(),
        path: site.output_dir.join(file),
        bytes,
    };
    let opml =
        (site.opml.as_deref()).map(|file| output(file, crate::discovery::opml::render(site)));
    let stylesheet = (site.stylesheet.as_ref()).map(|s| {
        let preview = s.preview;
        output(preview.file(), preview.stylesheet().as_bytes().to_vec())
    });
    opml.into_iter().chain(stylesheet).collect()
}

/// What a feed with `max_bytes` kept ([`Plan::fit_budgets`]).
#[derive(Debug, Clone)]
pub struct Budgeted {
    /// The feed's index in `[[feeds]]`.
    pub feed: usize,
    /// Its entries before the budget trimmed any.
    pub entries: usize,
    /// The entries kept and the size of each file with them, in the feed's output order.
    pub fit: budget::Fit,
}

/// Which articles each feed shows at "now", computed once per build.
#[derive(Debug, Clone)]
pub struct Selection {
    /// Per `[[feeds]]` entry, the indices of its subscription document's articles, newest
    /// first.
    pub feeds: Vec<Vec<usize>>,
    /// Per `[[feeds]]` entry, its full archive pages, oldest first (none without `archive`).
    pub pages: Vec<Vec<Page>>,
    /// Per `[[feeds]]` entry, how many of its newest entries no archive page holds (0 without
    /// `archive`): its size budget may not trim them.
    pub loose: Vec<usize>,
    /// Drafts and scheduled articles held back.
    pub held: select::Held,
    /// The date of a feed with no entries: the newest live article's, else "now".
    pub fallback_date: DateTime<FixedOffset>,
}

impl Selection {
    /// Selects every feed's entries. Pure: "now" is an argument.
    pub fn new(
        site: &Site,
        articles: &[Article],
        now: DateTime<FixedOffset>,
        drafts: bool,
    ) -> Selection {
        let root = crate::diagnostics::display_path(&site.articles_dir);
        let splits: Vec<archive::Split> = site
            .feeds
            .iter()
            .map(|spec| archive::split(select::select(articles, spec, &root, now, drafts), spec))
            .collect();
        let loose = splits.iter().map(|s| s.loose).collect();
        let (feeds, pages) = splits.into_iter().map(|s| (s.current, s.pages)).unzip();
        Selection {
            feeds,
            pages,
            loose,
            held: select::held(articles, now, drafts),
            fallback_date: articles
                .iter()
                .filter(|a| select::is_live(a, now, drafts))
                .map(Article::modified)
                .max()
                .unwrap_or(now),
        }
    }

    /// Every article feed `i` renders in this build: its subscription document's, and those of
    /// the pages it writes.
    pub fn rendered(&self, i: usize) -> impl Iterator<Item = usize> + '_ {
        let pages = self.pages[i].iter().filter(|p| !p.write.is_empty());
        self.feeds[i]
            .iter()
            .chain(pages.flat_map(|p| &p.entries))
            .copied()
    }

    /// Every article some file of this build shows, each once, in index order.
    pub fn used(&self) -> Vec<usize> {
        let mut used: Vec<usize> = (0..self.feeds.len())
            .flat_map(|i| self.rendered(i))
            .collect();
        used.sort_unstable();
        used.dedup();
        used
    }
}

/// Renders the body of every article some feed uses, once however many summary lengths its
/// feeds ask for, in parallel; then cuts each feed's summary from it. Each article's source
/// text is freed once rendered, so sources and rendered bodies of a large archive are never
/// all in memory together. A body past one of the [`body::limits`] is not rendered; the errors
/// (one per such body, in article order) come back beside the bodies.
pub fn render_bodies(
    site: &Site,
    articles: &mut [Article],
    selection: &Selection,
) -> (Bodies, Vec<Diagnostic>) {
    let lengths = summary_lengths(site, selection);
    let which: Vec<usize> = lengths.keys().copied().collect();
    render_some(site, articles, &lengths, &which)
}

/// Renders the bodies of the articles at `which` that have been read, each with its summary
/// `lengths`, in parallel (see [`render_article`]); the problems in article order.
pub fn render_some(
    site: &Site,
    articles: &mut [Article],
    lengths: &BTreeMap<usize, Vec<usize>>,
    which: &[usize],
) -> (Bodies, Vec<Diagnostic>) {
    let dialect = body::Dialect::of(site.preset);
    let which: HashSet<usize> = which.iter().copied().collect();
    let rendered: Vec<Result<Bodies, Diagnostic>> = articles
        .par_iter_mut()
        .enumerate()
        .filter(|(i, a)| which.contains(i) && matches!(a.body, Body::Text(_)))
        .filter_map(|(i, a)| lengths.get(&i).map(|l| (i, a, l)))
        .map(|(i, a, lens)| render_article(i, a, lens, site.sanitize, dialect))
        .collect();
    let mut bodies = Bodies::new();
    let mut problems = Vec::new();
    for r in rendered {
        match r {
            Ok(v) => bodies.extend(v),
            Err(d) => problems.push(d),
        }
    }
    (bodies, problems)
}

/// Bodies read, then rendered, at a time (their sources are never all in memory together).
const CHUNK: usize = 4096;

/// [`CHUNK`]; for the tests, `FEEDWRIGHT_TEST_CHUNK` (a chunk per body shows that chunks change
/// nothing a build prints or writes).
fn chunk_size() -> usize {
    #[cfg(feature = "test-hooks")]
    if let Some(n) = std::env::var("FEEDWRIGHT_TEST_CHUNK")
        .ok()
        .and_then(|n| n.parse().ok())
        .filter(|&n| n > 0)
    {
        return n;
    }
    CHUNK
}

/// Reads the bodies of the articles at `read` (see [`read_bodies`]) and renders what `render`
/// renders of each [`CHUNK`] of them before reading the next, freeing each chunk's sources: a
/// 100,000-article archive never holds its 800 MB of sources and its rendered bodies at once.
/// Returns the reading's problems (in the order [`read_bodies`] gives them for all at once),
/// the bodies, and the rendering's problems (a body that could not be read is not rendered).
pub fn read_and_render(
    site: &Site,
    articles: &mut [Article],
    read: &[usize],
    mut render: impl FnMut(&mut [Article], &[usize]) -> (Bodies, Vec<Diagnostic>),
) -> (Vec<Diagnostic>, Bodies, Vec<Diagnostic>) {
    let (mut loaded, mut expanded) = (Vec::new(), Vec::new());
    let (mut bodies, mut problems) = (Bodies::new(), Vec::new());
    for chunk in read.chunks(chunk_size()) {
        let (l, e) = read_bodies_apart(site, articles, chunk);
        loaded.extend(l);
        expanded.extend(e);
        let (b, p) = render(articles, chunk);
        bodies.extend(b);
        problems.extend(p);
        for &i in chunk {
            if matches!(articles[i].body, Body::Text(_)) {
                articles[i].body = Body::Text(String::new());
            }
        }
    }
    loaded.extend(expanded);
    (loaded, bodies, problems)
}

/// What a build with a cache decides before it reads any body (see [`plan_cached`]).
#[derive(Debug)]
pub struct Cached {
    /// Each shown article's summary lengths (see [`summary_lengths`]).
    lengths: BTreeMap<usize, Vec<usize>>,
    /// Each shown article's body key (none when its record's hash is unknown).
    keys: BTreeMap<usize, bodies::Key>,
    /// Every shown body, unrendered ([`body::BodyRef`] `elsewhere`).
    placeholders: Bodies,
    /// The articles whose bodies must be rendered.
    needed: HashSet<usize>,
    /// The articles whose bodies must be read: those rendered, those that did not read cleanly
    /// last time (their warnings must be reported again), every one under a preset (template
    /// syntax warns as it expands).
    pub read: Vec<usize>,
}

/// For a build with a cache: every shown body's key (from its record's content hash in
/// `inputs`, so no body is read for it), and which bodies must be rendered: those of entries
/// that `previous` (the feed files the last build wrote) does not hold, those a size budget
/// must measure, and those without a key. The others stay unrendered: their entries are copied
/// from those files by [`Plan::stage_changed_from`].
pub fn plan_cached(
    site: &Site,
    articles: &mut [Article],
    selection: &Selection,
    previous: &Previous,
    inputs: &Inputs,
) -> Cached {
    let lengths = summary_lengths(site, selection);
    let dialect = format!("{:?}", body::Dialect::of(site.preset));
    let (binary, context) = (
        crate::cache::binary(),
        bodies::context(site, articles, &dialect),
    );
    let keys: BTreeMap<usize, bodies::Key> = articles
        .par_iter_mut()
        .enumerate()
        .filter(|(i, _)| lengths.contains_key(i))
        .filter_map(|(i, a)| {
            let file = *inputs.hash_of(&a.path)?;
            Some((i, bodies::key(&binary, &context, a, &file)))
        })
        .collect();
    let placeholders: Bodies = lengths
        .iter()
        .filter(|(i, _)| keys.contains_key(i))
        .flat_map(|(&i, lens)| lens.iter().map(move |&len| (i, len)))
        .map(|(i, len)| {
            let key = bodies::with_length(&keys[&i], len);
            let cache = Some(body::BodyRef {
                key,
                elsewhere: true,
            });
            let (html, summary) = (String::new(), String::new());
            (
                (i, len),
                Rendered {
                    html,
                    summary,
                    cache,
                },
            )
        })
        .collect();
    // A body without a key (its record was not hashed), or no file to copy from: every body
    // is rendered.
    let needed: HashSet<usize> = match keys.len() == lengths.len() && !previous.is_empty() {
        true => held_elsewhere(site, articles, selection, &placeholders, previous),
        false => lengths.keys().copied().collect(),
    };
    let read = (lengths.keys().copied())
        .filter(|i| {
            let clean = keys.get(i).is_some_and(|k| previous.clean(k));
            site.preset.is_some() || needed.contains(i) || !clean
        })
        .collect();
    Cached {
        lengths,
        keys,
        placeholders,
        needed,
        read,
    }
}

impl Cached {
    /// Renders those of the bodies at `which` (read) that must be, each with its key (for
    /// [`read_and_render`]).
    pub fn render(
        &self,
        site: &Site,
        articles: &mut [Article],
        which: &[usize],
    ) -> (Bodies, Vec<Diagnostic>) {
        let needed: Vec<usize> = (which.iter().copied())
            .filter(|i| self.needed.contains(i))
            .collect();
        let (mut bodies, problems) = render_some(site, articles, &self.lengths, &needed);
        for (&(i, len), r) in bodies.iter_mut() {
            let key = self.keys.get(&i).map(|k| bodies::with_length(k, len));
            r.cache = key.map(|key| body::BodyRef {
                key,
                elsewhere: false,
            });
        }
        (bodies, problems)
    }

    /// Every shown body: those `rendered`, the others unrendered; and the keys of the bodies
    /// among `clean` (articles whose reading raised nothing) or not read at all, for the cache
    /// to remember.
    pub fn finish(self, rendered: Bodies, clean: &HashSet<usize>) -> (Bodies, Vec<bodies::Key>) {
        crate::cache::trace(&format!("rendered {}", self.needed.len()));
        let read: HashSet<usize> = self.read.iter().copied().collect();
        let kept = (self.keys.iter())
            .filter(|(i, _)| !read.contains(i) || clean.contains(i))
            .map(|(_, k)| *k)
            .collect();
        let mut bodies = self.placeholders;
        bodies.extend(rendered);
        (bodies, kept)
    }
}

/// Per article some file shows, the summary lengths of the feeds showing it (ascending, once
/// each).
pub fn summary_lengths(site: &Site, selection: &Selection) -> BTreeMap<usize, Vec<usize>> {
    let mut lengths: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (f, spec) in site.feeds.iter().enumerate() {
        for i in selection.rendered(f) {
            lengths.entry(i).or_default().push(spec.summary_length);
        }
    }
    for l in lengths.values_mut() {
        l.sort_unstable();
        l.dedup();
    }
    lengths
}

/// The articles whose bodies a build must render although the cache has keys for all of them:
/// those with an entry that the file it goes to (in `previous`) does not hold, and every entry
/// of a feed with a size budget (which renders its files to measure them). Found on the plan
/// of the `placeholders` (every body unrendered), the plan the build will write.
fn held_elsewhere(
    site: &Site,
    articles: &[Article],
    selection: &Selection,
    placeholders: &Bodies,
    previous: &Previous,
) -> HashSet<usize> {
    let article: HashMap<bodies::Key, usize> = placeholders
        .iter()
        .filter_map(|(&(i, _), r)| Some((r.cache?.key, i)))
        .collect();
    let plan = Plan::new(site, articles, selection, placeholders);
    let of = |e: &feed::Entry| e.body.and_then(|b| article.get(&b.key).copied());
    let mut needed = HashSet::new();
    for (doc, format, file) in plan.files() {
        let feed = &plan.feeds[doc];
        let budgeted = site.feeds.get(doc).is_some_and(|s| s.max_bytes.is_some());
        let podcast = feed.podcast.is_some();
        for e in &feed.entries {
            let held = fragments::key(e, format, podcast).is_some_and(|k| previous.has(file, k));
            if budgeted || !held {
                needed.extend(of(e));
            }
        }
    }
    needed
}

/// Renders article `i` once and cuts a summary for each of `lengths`; frees its source text.
fn render_article(
    i: usize,
    a: &mut Article,
    lengths: &[usize],
    sanitize: bool,
    dialect: body::Dialect,
) -> Result<Bodies, Diagnostic> {
    let mut lengths = lengths.to_vec();
    lengths.sort_unstable();
    lengths.dedup();
    let body = body::render_once(a, sanitize, dialect);
    if matches!(a.body, article::Body::Text(_)) {
        a.body = article::Body::Text(String::new());
    }
    let mut body = body?;
    // Held until every file is written: without the room it grew into (a 100,000-article
    // archive holds 900 MB of HTML).
    body.html.shrink_to_fit();
    let Some((&last, others)) = lengths.split_last() else {
        return Ok(Bodies::new());
    };
    // Every length shows the same HTML: the last takes it, the others a copy.
    let mut rendered: Bodies = others
        .iter()
        .map(|&len| {
            let html = body.html.clone();
            (
                (i, len),
                Rendered {
                    html,
                    summary: body.summary(len),
                    cache: None,
                },
            )
        })
        .collect();
    let summary = body.summary(last);
    rendered.insert(
        (i, last),
        Rendered {
            html: body.html,
            summary,
            cache: None,
        },
    );
    Ok(rendered)
}

/// Renders every article's body (all must be read), in parallel, and returns the problems:
/// what `build` would refuse in any body, whichever feeds show it. `check` runs this.
pub fn check_bodies(site: &Site, articles: &[Article]) -> Vec<Diagnostic> {
    let dialect = body::Dialect::of(site.preset);
    let problems: Vec<Option<Diagnostic>> = articles
        .par_iter()
        .map(|a| body::render_once(a, site.sanitize, dialect).err())
        .collect();
    problems.into_iter().flatten().collect()
}

/// Reads the bodies of the articles at `which` (see [`article::load::load_bodies`]) and, under
/// a preset, renders the template syntax in their Markdown (see [`templates`]): what cannot be
/// rendered is removed, with a warning. Without a preset, only reads them.
pub fn read_bodies(site: &Site, articles: &mut [Article], which: &[usize]) -> Vec<Diagnostic> {
    let (mut loaded, expanded) = read_bodies_apart(site, articles, which);
    loaded.extend(expanded);
    loaded
}

/// [`read_bodies`], the problems of reading apart from the warnings of template syntax.
fn read_bodies_apart(
    site: &Site,
    articles: &mut [Article],
    which: &[usize],
) -> (Vec<Diagnostic>, Vec<Diagnostic>) {
    let lines: BTreeMap<usize, usize> = which
        .iter()
        .filter_map(|&i| match &articles[i].body {
            Body::Deferred(r) => Some((i, r.line)),
            Body::Text(_) => None,
        })
        .collect();
    let loaded = article::load::load_bodies(site, articles, which);
    let Some(preset) = site.preset else {
        return (loaded, Vec::new());
    };
    let links = Links::new(
        &site.articles_dir,
        articles.iter().map(|a| (a.path.as_path(), a.link.as_str())),
    );
    let cx = Context {
        preset,
        site: &site.url,
        variables: &site.variables,
        links: &links,
    };
    let expanded: Vec<(usize, Option<String>, Vec<Diagnostic>)> = lines
        .par_iter()
        .filter_map(|(&i, &line)| {
            let a = &articles[i];
            let Body::Text(text) = &a.body else {
                return None;
            };
            if a.kind != BodyKind::Markdown {
                return None;
            }
            let (new, removed) = templates::expand(text, &cx);
            let warnings = templates::warnings(&a.path, text, line, &removed);
            Some((i, new, warnings))
        })
        .collect();
    let mut warned = Vec::new();
    for (i, new, warnings) in expanded {
        warned.extend(warnings);
        if let Some(text) = new {
            articles[i].body = Body::Text(text);
        }
    }
    (loaded, warned)
}
