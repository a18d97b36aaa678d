//! Reading a Zola site: `config.toml` (or `zola.toml`), every section's `_index.md` and the
//! site's feed templates in `templates/`.
//!
//! Zola writes a site feed (`generate_feeds` in the config: every dated page) and one feed per
//! section whose `_index.md` sets `generate_feeds`, at `<section path>/<feed filename>`. A
//! section's feed holds its own pages, not those of its sub-sections (unless they are
//! `transparent`), so each becomes a `[[feeds]]` table including the section's folder and
//! excluding its sub-sections'.

use serde_json::Value;

mod pages;

use super::{
    at, between, front_matter, parent, text_at, with_slash, FeedKind, FeedPlan, Generator, Noted,
    Plan, Tree,
};

/// A section: the folder of an `_index.md` under `content/` (`""` for the root).
struct Section {
    dir: String,
    meta: Value,
}

impl Section {
    fn feeds(&self) -> bool {
        at(&self.meta, "generate_feeds")
            .or_else(|| at(&self.meta, "generate_feed"))
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
    fn transparent(&self) -> bool {
        at(&self.meta, "transparent")
            .and_then(Value::as_bool)
            .unwrap_or(false)
    }
}

/// Reads a Zola site.
pub fn read(tree: &dyn Tree) -> Result<Plan, String> {
    let (path, config) = super::first_config(tree, &["zola.toml", "config.toml"])?;
    let mut plan = Plan::empty(Generator::Zola);
    plan.read.push(path.clone());
    let sections = sections(tree, &mut plan);
    let root = sections.iter().find(|s| s.dir.is_empty());
    site_keys(&config, &path, root, &mut plan);
    plan.articles = Noted::new("content".into(), "Zola's content folder");
    plan.exclude = Noted::new(
        vec!["**/_index*.md".into()],
        "section pages (_index.md) are list pages, not articles",
    );
    let filenames = feed_filenames(&config);
    let mut templates = vec![];
    for name in &filenames {
        match template_kind(tree, name) {
            Ok((kind, template)) => templates.push((name.clone(), kind, template)),
            Err(note) => plan.notes.push(note),
        }
    }
    let pages = pages::pages(tree, &sections);
    feeds(&config, (&sections, &pages), &templates, &mut plan);
    plan.date_from_path = date_from_path(&templates);
    unfed_sections(&sections, &mut plan);
    Ok(plan)
}

/// The `[site]` keys: title, url, description, language, author, slugs.
fn site_keys(config: &Value, path: &str, root: Option<&Section>, plan: &mut Plan) {
    let from_root = |key: &str| root.and_then(|s| text_at(&s.meta, key));
    if let Some(t) = text_at(config, "title") {
        plan.title = Noted::new(t, format!("{path} `title`"));
    } else if let Some(t) = from_root("title") {
        plan.title = Noted::new(t, "content/_index.md `title` (the config has none)");
    }
    if let Some(u) = text_at(config, "base_url") {
        plan.url = Noted::new(with_slash(&u), format!("{path} `base_url`"));
    }
    if let Some(d) = text_at(config, "description") {
        plan.description = Noted::new(d, format!("{path} `description`"));
    } else if let Some(d) = from_root("description") {
        plan.description = Noted::new(d, "content/_index.md `description`");
    }
    let lang = text_at(config, "default_language").unwrap_or_else(|| "en".into());
    plan.language = Some(Noted::new(lang, "`default_language` (Zola's default: en)"));
    plan.timezone = Noted::new(
        "UTC".into(),
        "Zola has no time zone setting: a date without an offset is UTC",
    );
    if let Some(a) = text_at(config, "author") {
        plan.author = Noted::new(
            super::Person {
                name: a,
                ..Default::default()
            },
            "`author`",
        );
    }
    plan.permalink = Noted::new(
        "/{path}/{slug}/".into(),
        "Zola: /<section folders>/<slug>/; a page's `path` front matter replaces it",
    );
    let (mode, note) = match text_at(config, "slugify.paths").as_deref() {
        None | Some("on") => ("zola", "`[slugify] paths` = \"on\" (Zola's default)"),
        Some("safe") => (
            "none",
            "`[slugify] paths = \"safe\"`: kept as written (Zola only strips <>:\"/\\|?* there)",
        ),
        Some(_) => ("none", "`[slugify] paths = \"off\"`"),
    };
    plan.slugify = Noted::new(mode.into(), note);
}

/// Every `content/**/_index.md` (not the `_index.<lang>.md` translations).
fn sections(tree: &dyn Tree, plan: &mut Plan) -> Vec<Section> {
    let mut found = vec![];
    for f in tree.files() {
        let Some(rest) = f.strip_prefix("content/") else {
            continue;
        };
        if !(rest == "_index.md" || rest.ends_with("/_index.md")) {
            continue;
        }
        let meta = tree
            .read(f)
            .and_then(|t| front_matter(&t))
            .unwrap_or(Value::Null);
        plan.read.push(f.clone());
        found.push(Section {
            dir: parent(rest).to_string(),
            meta,
        });
    }
    found
}

/// `feed_filenames` (or the older `feed_filename`), default `atom.xml`.
fn feed_filenames(config: &Value) -> Vec<String> {
    if let Some(Value::Array(names)) = at(config, "feed_filenames") {
        return names.iter().filter_map(super::scalar).collect();
    }
    vec![text_at(config, "feed_filename").unwrap_or_else(|| "atom.xml".into())]
}

/// The format of the feed a file name produces, and the site's template for it, if any.
fn template_kind(tree: &dyn Tree, name: &str) -> Result<(FeedKind, Option<String>), String> {
    let path = format!("templates/{name}");
    if let Some(text) = tree.read(&path) {
        return match FeedKind::of_template(&text) {
            Some(kind) => Ok((kind, Some(text))),
            None => Err(format!(
                "{path} is not an RSS, Atom or JSON feed: not reproduced"
            )),
        };
    }
    match name {
        "atom.xml" => Ok((FeedKind::Atom, None)),
        "rss.xml" => Ok((FeedKind::Rss, None)),
        _ => Err(format!(
            "feed file {name} has no template in templates/: not reproduced"
        )),
    }
}

/// One `[[feeds]]` per feed-generating section, and the site feed, merged by output path.
fn feeds(
    config: &Value,
    (sections, pages): (&[Section], &[pages::Page]),
    templates: &[(String, FeedKind, Option<String>)],
    plan: &mut Plan,
) {
    let limit = at(config, "feed_limit").and_then(Value::as_u64);
    let site_feed = at(config, "generate_feeds")
        .or_else(|| at(config, "generate_feed"))
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let mut fed: Vec<&Section> = sections.iter().filter(|s| s.feeds()).collect();
    let root_fed = fed.iter().any(|s| s.dir.is_empty());
    let by_section = templates
        .iter()
        .any(|(_, _, t)| t.as_deref().is_some_and(|t| t.contains("get_section")));
    let mut site_only = None;
    if site_feed && !(root_fed && by_section) {
        site_only = Some(FeedPlan {
            name: "main".into(),
            notes: vec!["the site feed (`generate_feeds` in the config): every dated page".into()],
            ..FeedPlan::default()
        });
        fed.retain(|s| !s.dir.is_empty());
    } else if site_feed {
        plan.notes.push(
            "The site feed and the root section's write the same files; the feed template \
             picks its section with get_section, so both hold the root section's pages."
                .into(),
        );
    }
    // Each feed with the folder its files are written in.
    let mut all: Vec<(String, FeedPlan)> =
        site_only.map(|f| (String::new(), f)).into_iter().collect();
    all.extend(
        fed.iter()
            .map(|s| (s.dir.clone(), section_feed(s, sections, pages))),
    );
    for (folder, feed) in &mut all {
        for (name, kind, template) in templates {
            feed.outputs.set(*kind, super::join(folder, name));
            if let Some(t) = template {
                template_notes(name, t, feed);
            }
        }
        if feed.limit.is_none() {
            feed.limit = Some(match limit {
                Some(n) => Noted::new(n as usize, "`feed_limit`"),
                None => Noted::new(0, "no `feed_limit`: every page"),
            });
        }
    }
    plan.id = id_mode(templates);
    plan.feeds = all.into_iter().map(|(_, f)| f).collect();
}

/// The feed of one section: its folder, less its sub-sections that are not transparent, and
/// less the pages Zola lists in no section or in another ([`pages::left_out`]).
fn section_feed(s: &Section, sections: &[Section], pages: &[pages::Page]) -> FeedPlan {
    let name = if s.dir.is_empty() {
        "main".to_string()
    } else {
        s.dir.replace('/', "-")
    };
    let skipped: Vec<String> = sections
        .iter()
        .filter(|c| c.dir != s.dir && !c.transparent() && is_child(&s.dir, &c.dir))
        .map(|c| c.dir.clone())
        .collect();
    let mut exclude: Vec<String> = skipped.iter().map(|d| format!("{d}/**")).collect();
    exclude.extend(pages::left_out(s, pages, sections, &skipped));
    FeedPlan {
        name,
        title: (!s.dir.is_empty())
            .then(|| text_at(&s.meta, "title"))
            .flatten(),
        description: (!s.dir.is_empty())
            .then(|| text_at(&s.meta, "description"))
            .flatten(),
        include: if s.dir.is_empty() {
            vec![]
        } else {
            vec![format!("{}/**", s.dir)]
        },
        exclude,
        notes: vec![format!(
            "section content/{} (`generate_feeds = true` in its _index.md)",
            super::join(&s.dir, "")
        )],
        ..FeedPlan::default()
    }
}

/// True if `child` is a section folder directly or deeper below `dir`.
fn is_child(dir: &str, child: &str) -> bool {
    dir.is_empty() || child.starts_with(&format!("{dir}/"))
}

/// What a site feed template says about limits.
fn template_notes(name: &str, t: &str, feed: &mut FeedPlan) {
    if let Some(n) = between(t, "loop.index ==", "%}").first().and_then(|s| {
        s.trim()
            .trim_end_matches(|c: char| !c.is_ascii_digit())
            .parse()
            .ok()
    }) {
        feed.limit = Some(Noted::new(
            n,
            format!("templates/{name} stops after {n} entries (`loop.index == {n}`)"),
        ));
    }
}

/// `date_from_path` when a feed template dates entries by their page's `path` components
/// (the Rust blog's `page.components | nth`); Zola's built-in templates leave undated pages out.
fn date_from_path(templates: &[(String, FeedKind, Option<String>)]) -> Option<Noted<bool>> {
    templates.iter().find_map(|(name, _, t)| {
        t.as_deref()
            .filter(|t| t.contains("page.components"))
            .map(|_| {
                Noted::new(
                    true,
                    format!(
                        "templates/{name} takes each entry's date from the page's `path` (YYYY/MM/DD/slug)"
                    ),
                )
            })
    })
}

/// The id mode: the site templates' entry `<id>`/`<guid>`, else Zola's built-in (permalink).
fn id_mode(templates: &[(String, FeedKind, Option<String>)]) -> Noted<String> {
    for (name, _, t) in templates {
        let Some(t) = t else { continue };
        let entry = super::after_loop(t);
        let expr = between(entry, "<id>", "</id>")
            .into_iter()
            .chain(between(entry, "<guid>", "</guid>"))
            .next();
        if let Some(expr) = expr {
            let link = expr.contains("permalink") || expr.contains("page.path");
            let note = format!("templates/{name} writes each entry id as `{}`", expr.trim());
            let note = if link {
                format!("{note}: the page's permalink")
            } else {
                format!("{note}: not the permalink; `link` assumed, check it")
            };
            return Noted::new("link".into(), note);
        }
    }
    Noted::new(
        "link".into(),
        "Zola's built-in feed templates use the page permalink as entry id",
    )
}

/// Sections in no feed are left out of the site, so their pages are not read.
fn unfed_sections(sections: &[Section], plan: &mut Plan) {
    if plan
        .feeds
        .iter()
        .any(|f| f.include.is_empty() && f.exclude.is_empty())
    {
        return;
    }
    let taken = |dir: &str| {
        plan.feeds.iter().any(|f| {
            let pat = format!("{dir}/**");
            f.include.contains(&pat) || (f.include.is_empty() && !f.exclude.contains(&pat))
        })
    };
    let unfed: Vec<String> = sections
        .iter()
        .filter(|s| !s.dir.is_empty() && !taken(&s.dir))
        .map(|s| format!("{}/**", s.dir))
        .collect();
    if !unfed.is_empty() {
        plan.exclude.value.extend(unfed);
        plan.exclude.note = Some(
            "section pages (_index.md) are list pages, not articles; sections in no feed are left out"
                .into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adopt::MemoryTree;

    #[test]
    fn one_feed_per_section_with_generate_feeds() {
        let tree = MemoryTree::new([
            (
                "config.toml",
                "base_url = \"https://x.org/blog\"\ntitle = \"X\"\nfeed_filenames = [\"atom.xml\", \"rss.xml\"]\n",
            ),
            ("content/_index.md", "+++\ngenerate_feeds = true\n+++\n"),
            (
                "content/news/_index.md",
                "+++\ntitle = \"News\"\ngenerate_feeds = true\n+++\n",
            ),
            ("content/pages/_index.md", "+++\ntitle = \"Pages\"\n+++\n"),
        ]);
        let plan = read(&tree).unwrap();
        assert_eq!(plan.url.value, "https://x.org/blog/");
        assert_eq!(plan.feeds.len(), 2);
        let main = &plan.feeds[0];
        assert_eq!(main.outputs.atom.as_deref(), Some("atom.xml"));
        assert_eq!(main.outputs.rss.as_deref(), Some("rss.xml"));
        assert_eq!(main.exclude, ["news/**", "pages/**"]);
        let news = &plan.feeds[1];
        assert_eq!(news.outputs.atom.as_deref(), Some("news/atom.xml"));
        assert_eq!(news.include, ["news/**"]);
        assert_eq!(news.title.as_deref(), Some("News"));
        assert_eq!(plan.exclude.value, ["**/_index*.md", "pages/**"]);
        assert_eq!(plan.slugify.value, "zola");
        assert_eq!(plan.date_from_path, None);
    }

    #[test]
    fn a_section_feed_leaves_out_pages_zola_lists_in_no_section() {
        let page = |extra: &str| format!("+++\ntitle = \"P\"\ndate = 2024-01-01\n{extra}+++\n");
        let files = [
            ("config.toml", "base_url = \"https://x.org\"\n".to_string()),
            (
                "content/blog/_index.md",
                "+++\ngenerate_feeds = true\n+++\n".into(),
            ),
            ("content/blog/a.md", page("")),
            ("content/blog/hidden.md", page("render = false\n")),
            (
                "content/blog/2024/_index.md",
                "+++\ntransparent = true\n+++\n".into(),
            ),
            ("content/blog/2024/b.md", page("")),
            ("content/blog/2024/old/c.md", page("")),
            ("content/blog/2024/old/d/index.md", page("")),
            ("content/blog/e/index.md", page("")),
            ("content/blog/e/beside.md", page("")),
            (
                "content/blog/loose/t/_index.md",
                "+++\ntransparent = true\n+++\n".into(),
            ),
            ("content/blog/loose/t/f.md", page("")),
        ];
        let tree = MemoryTree::new(files.iter().map(|(p, t)| (*p, t.as_str())));
        let plan = read(&tree).unwrap();
        assert_eq!(plan.feeds[0].include, ["blog/**"]);
        assert_eq!(
            plan.feeds[0].exclude,
            [
                "blog/2024/old/*.md",
                "blog/2024/old/*/index.md",
                "blog/loose/t/*.md",
                "blog/e/beside.md",
                "blog/hidden.md"
            ]
        );
    }

    #[test]
    fn a_site_template_gives_format_limit_and_id() {
        let tree = MemoryTree::new([
            (
                "config.toml",
                "base_url = \"https://x.org\"\ngenerate_feeds = true\nfeed_filenames = [\"feed.xml\", \"list.json\"]\n",
            ),
            (
                "content/_index.md",
                "+++\ntitle = \"Blog\"\ngenerate_feeds = true\n+++\n",
            ),
            (
                "templates/feed.xml",
                "<feed>{% set s = get_section(path=\"_index.md\") %}{% for page in s.pages %}<updated>{{ page.components | nth(n=1) }}</updated><id>https://x.org{{ page.path }}</id>{%- if loop.index == 10 %}{% break %}{% endif %}{% endfor %}</feed>",
            ),
            ("templates/list.json", "{\"releases\": []}"),
        ]);
        let plan = read(&tree).unwrap();
        assert_eq!(plan.title.value, "Blog");
        assert_eq!(plan.feeds.len(), 1);
        assert_eq!(plan.feeds[0].outputs.atom.as_deref(), Some("feed.xml"));
        assert_eq!(plan.feeds[0].limit.as_ref().unwrap().value, 10);
        assert_eq!(plan.id.value, "link");
        assert_eq!(plan.date_from_path.map(|d| d.value), Some(true));
        assert!(plan.notes.iter().any(|n| n.contains("list.json")));
    }
}
