//! Reading a Hugo site: `hugo.toml|yaml|json` (or the older `config.*`), merged with every
//! file of `config/_default/` (a file's name is its top-level key: `languages.en.toml` is
//! `languages.en`), keys compared without case as Hugo does; and the RSS template (the site's
//! `layouts/`, then its theme's), whose `<guid>` and page selection decide ids and articles.
//!
//! Hugo writes an RSS feed (`<baseName>.xml`, default `index.xml`) for the home page (every
//! regular page) and for each section (its pages), unless `outputs` says otherwise.

use serde_json::{Map, Value};

use super::{
    at, between, front_matter, parse_config, scalar, text_at, with_slash, FeedPlan, Generator,
    Noted, Outputs, Plan, Tree,
};

/// The config files Hugo reads, in the order it merges them.
pub fn config_files(tree: &dyn Tree) -> Vec<String> {
    let mut found: Vec<String> = ["hugo", "config"]
        .iter()
        .flat_map(|b| ["toml", "yaml", "yml", "json"].map(|e| format!("{b}.{e}")))
        .filter(|p| tree.exists(p) && !is_zola(tree, p))
        .take(1)
        .collect();
    found.extend(
        tree.files()
            .iter()
            .filter(|f| {
                f.strip_prefix("config/_default/")
                    .is_some_and(|n| !n.contains('/') && parse_ext(n))
            })
            .cloned(),
    );
    found
}

/// A Zola config is also called `config.toml`; it sets `base_url`.
fn is_zola(tree: &dyn Tree, path: &str) -> bool {
    path == "config.toml" && tree.read(path).is_some_and(|t| t.contains("base_url"))
}

fn parse_ext(name: &str) -> bool {
    [".toml", ".yaml", ".yml", ".json"]
        .iter()
        .any(|e| name.ends_with(e))
}

/// Reads a Hugo site.
pub fn read(tree: &dyn Tree) -> Result<Plan, String> {
    let files = config_files(tree);
    if files.is_empty() {
        return Err("no hugo.toml, config.toml or config/_default/".into());
    }
    let mut config = Value::Object(Map::new());
    for f in &files {
        let v = lower_keys(parse_config(f, &tree.read(f).unwrap_or_default())?);
        let name = f.rsplit('/').next().unwrap_or(f);
        let stem = &name[..name.rfind('.').unwrap_or(name.len())];
        let v = if f.starts_with("config/_default/") && stem != "hugo" && stem != "config" {
            stem.to_lowercase().rsplit('.').fold(v, |v, k| {
                Value::Object(Map::from_iter([(k.to_string(), v)]))
            })
        } else {
            v
        };
        merge(&mut config, v);
    }
    let mut plan = Plan::empty(Generator::Hugo);
    plan.read = files;
    site_keys(&config, &mut plan);
    let template = rss_template(tree, &config);
    let sections = sections(tree, &plan.articles.value);
    feeds(tree, &config, template.as_ref(), &sections, &mut plan);
    permalinks(&config, &sections, &mut plan);
    deploy_flags(tree, &mut plan);
    Ok(plan)
}

/// Hugo's keys are case-insensitive: every table key lowercased.
fn lower_keys(v: Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| (k.to_lowercase(), lower_keys(v)))
                .collect(),
        ),
        other => other,
    }
}

/// Merges `add` into `base`, tables key by key.
fn merge(base: &mut Value, add: Value) {
    match (base, add) {
        (Value::Object(b), Value::Object(a)) => {
            for (k, v) in a {
                match b.get_mut(&k) {
                    Some(old) => merge(old, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (b, a) => *b = a,
    }
}

/// Title, url, description, language, time zone, author and the content folder.
fn site_keys(config: &Value, plan: &mut Plan) {
    let lang = text_at(config, "defaultcontentlanguage").unwrap_or_else(|| "en".into());
    let l = at(config, &format!("languages.{lang}"))
        .cloned()
        .unwrap_or(Value::Null);
    let either = |key: &str| {
        text_at(&l, key)
            .map(|v| (v, format!("languages.{lang}.{key}")))
            .or_else(|| text_at(config, key).map(|v| (v, key.to_string())))
    };
    if let Some((t, from)) = either("title") {
        plan.title = Noted::new(t, format!("`{from}`"));
    }
    if let Some(u) = text_at(config, "baseurl") {
        plan.url = Noted::new(with_slash(&u), "`baseURL`");
    }
    match either("params.description") {
        Some((d, from)) => plan.description = Noted::new(d, format!("`{from}`")),
        None => plan.description.note = Some("no `params.description` found".into()),
    }
    if let Some((code, from)) = either("locale").or_else(|| either("languagecode")) {
        plan.language = Some(Noted::new(code, format!("`{from}`")));
    }
    plan.timezone = match text_at(config, "timezone") {
        Some(z) => Noted::new(z, "`timeZone`: dates without an offset are in this zone"),
        None => Noted::new("UTC".into(), "no top-level `timeZone`: Hugo's default, UTC"),
    };
    let author = at(&l, "params.author").or_else(|| at(config, "params.author"));
    if let Some(p) = author.and_then(super::person) {
        plan.author = Noted::new(p, "`params.author`");
    }
    let content = text_at(&l, "contentdir")
        .or_else(|| text_at(config, "contentdir"))
        .unwrap_or_else(|| "content".into());
    plan.articles = Noted::new(content, "Hugo's content folder (`contentDir`)");
    plan.exclude = Noted::new(
        vec!["**/_index.*".into()],
        "list pages (_index.md) are not articles",
    );
    let lower = !at(config, "disablepathtolower")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    plan.slugify = if lower {
        Noted::new(
            "hugo".into(),
            "Hugo's URL rules (punctuation dropped, lowercased)",
        )
    } else {
        Noted::new("hugo".into(), "`disablePathToLower` is set: Hugo keeps case, feedwright's hugo rule lowercases; check links")
    };
}

/// The first-level folders of the content folder holding content files: Hugo's sections.
fn sections(tree: &dyn Tree, content: &str) -> Vec<String> {
    let prefix = format!("{content}/");
    let mut found: Vec<String> = tree
        .files()
        .iter()
        .filter_map(|f| f.strip_prefix(&prefix))
        .filter(|r| is_content(r))
        .filter_map(|r| r.split_once('/').map(|(d, _)| d.to_string()))
        .collect();
    found.dedup();
    found
}

fn is_content(path: &str) -> bool {
    [".md", ".markdown", ".mdown", ".html", ".htm"]
        .iter()
        .any(|e| path.ends_with(e))
}

/// The RSS template Hugo would use for the home page: site layouts, then the theme's.
fn rss_template(tree: &dyn Tree, config: &Value) -> Option<(String, String)> {
    let names = [
        "index.rss.xml",
        "home.rss.xml",
        "rss.xml",
        "_default/home.rss.xml",
        "_default/rss.xml",
        "list.rss.xml",
        "_default/list.rss.xml",
    ];
    let mut roots = vec!["layouts".to_string()];
    if let Some(theme) = text_at(config, "theme") {
        roots.push(format!("themes/{theme}/layouts"));
    }
    roots.iter().find_map(|root| {
        names.iter().find_map(|n| {
            let p = format!("{root}/{n}");
            tree.read(&p).map(|t| (p, t))
        })
    })
}

/// The feeds: home and sections, per `outputs`, named by `outputFormats.RSS.baseName`.
fn feeds(
    tree: &dyn Tree,
    config: &Value,
    template: Option<&(String, String)>,
    sections: &[String],
    plan: &mut Plan,
) {
    let base = text_at(config, "outputformats.rss.basename").unwrap_or_else(|| "index".into());
    let has_rss = |kind: &str| match at(config, &format!("outputs.{kind}")) {
        Some(Value::Array(v)) => v
            .iter()
            .any(|f| f.as_str().is_some_and(|s| s.eq_ignore_ascii_case("rss"))),
        _ => kind == "home" || kind == "section",
    };
    let limit = at(config, "services.rss.limit")
        .or_else(|| at(config, "rsslimit"))
        .and_then(Value::as_i64)
        .filter(|n| *n > 0);
    let limit = match limit {
        Some(n) => Noted::new(n as usize, "`services.rss.limit`"),
        None => Noted::new(0, "no `services.rss.limit`: every page, as Hugo"),
    };
    plan.id = id_mode(template);
    if has_rss("home") {
        let mut main = FeedPlan {
            name: "main".into(),
            outputs: Outputs {
                rss: Some(format!("{base}.xml")),
                ..Outputs::default()
            },
            limit: Some(limit.clone()),
            ..FeedPlan::default()
        };
        home_pages(template, &mut main);
        plan.feeds.push(main);
    }
    if has_rss("section") {
        for s in sections {
            let dir = section_url(tree, &plan.articles.value, s);
            plan.feeds.push(FeedPlan {
                name: s.clone(),
                outputs: Outputs {
                    rss: Some(format!("{dir}/{base}.xml")),
                    ..Outputs::default()
                },
                limit: Some(limit.clone()),
                include: vec![format!("{s}/**")],
                notes: vec![format!("the feed of section {s}")],
                ..FeedPlan::default()
            });
        }
    }
    if !at(config, "disablekinds").is_some_and(|v| v.to_string().contains("taxonomy")) {
        plan.notes.push("Hugo also writes a feed per taxonomy term (tags/<term>/index.xml): not reproduced; add a [[feeds]] with `tags` for those you need.".into());
    }
    let (content, note) = content_mode(template);
    for feed in &mut plan.feeds {
        feed.content = content.clone();
        feed.notes.push(note.clone());
    }
    plan.include = super::union_of_includes(&plan.feeds);
}

/// Whether the RSS template carries full content or `.Summary` only.
fn content_mode(template: Option<&(String, String)>) -> (Option<String>, String) {
    let item = template.map(|(p, t)| {
        (
            p.as_str(),
            between(t, "<description>", "</description>")
                .last()
                .map_or("", |d| *d),
        )
    });
    match item {
        None => (
            Some("summary".into()),
            "Hugo's embedded RSS template: each item's description is its .Summary".into(),
        ),
        Some((path, d)) if d.contains(".Summary") && !d.contains(".Content") => (
            Some("summary".into()),
            format!("{path}: each item's description is its .Summary"),
        ),
        Some((path, d)) if d.contains(".Content") => {
            (None, format!("{path}: each item carries its full .Content"))
        }
        Some((path, _)) => (
            None,
            format!("{path}: item content not recognised; full content assumed"),
        ),
    }
}

/// The section's URL folder: its `_index.md` `url`, else its name.
fn section_url(tree: &dyn Tree, content: &str, s: &str) -> String {
    ["md", "markdown", "html"]
        .iter()
        .find_map(|e| tree.read(&format!("{content}/{s}/_index.{e}")))
        .and_then(|t| front_matter(&t))
        .and_then(|fm| text_at(&fm, "url"))
        .map_or_else(|| s.to_string(), |u| u.trim_matches('/').to_string())
}

/// The home feed's pages: every regular page, or those the template's `where` keeps. The
/// pages may be reached through any receiver: `.Site.RegularPages`, `site.RegularPages`, or
/// `$pctx.RegularPages` as Hugo's own template and many themes write it.
fn home_pages(template: Option<&(String, String)>, main: &mut FeedPlan) {
    let Some((path, t)) = template else {
        main.notes
            .push("Hugo's embedded RSS template: every regular page of the site".into());
        return;
    };
    for key in ["\"Type\"", "\"Section\""] {
        let Some(i) = t.find(&format!("RegularPages {key}")) else {
            continue;
        };
        let rest = &t[i..];
        let rest = &rest[..rest.find("}}").unwrap_or(rest.len())];
        let kept: Vec<&str> = rest
            .split('"')
            .skip(3)
            .step_by(2)
            .filter(|v| !matches!(*v, "in" | "==" | "eq"))
            .collect();
        if kept.is_empty() {
            break;
        }
        main.notes.push(format!(
            "{path} keeps the pages whose {key} is {}",
            kept.join(" or ")
        ));
        main.include = kept.iter().map(|v| format!("{v}/**")).collect();
        return;
    }
    if t.contains("where") && t.contains("RegularPages") {
        main.notes.push(format!(
            "NOT UNDERSTOOD: {path} filters the pages with a `where` feedwright cannot read; every regular page assumed: set this feed's `include` by hand"
        ));
        return;
    }
    main.notes.push(format!(
        "{path}: every regular page (no `where` on RegularPages found)"
    ));
}

/// The id mode from the template's `<guid>`.
fn id_mode(template: Option<&(String, String)>) -> Noted<String> {
    let Some((path, t)) = template else {
        return Noted::new(
            "link".into(),
            "Hugo's embedded RSS template: <guid> is the page permalink",
        );
    };
    let guid = between(t, "<guid", "</guid>").into_iter().next();
    match guid {
        Some(g) if g.contains(".Permalink") => Noted::new(
            "link".into(),
            format!("{path} writes <guid{}</guid>: the page permalink", g),
        ),
        Some(g) => Noted::new(
            "link".into(),
            format!("{path} writes <guid{g}</guid>: not the permalink; `link` assumed, check it"),
        ),
        None => Noted::new(
            "link".into(),
            format!("{path} has no <guid>: `link` assumed"),
        ),
    }
}

/// `permalinks` and `uglyURLs`: Hugo applies a pattern to its section only
/// (`Permalinks.Expand(p.Section(), p)`, hugo `hugolib/page__paths.go`), and every other page
/// gets `/<folders>/<slug or file name>/` (`resources/page/page_paths.go`). So the site's
/// `permalink` is that default, and each section with a pattern (or its own `uglyURLs`) gets
/// an entry of `[site.permalinks]`.
fn permalinks(config: &Value, sections: &[String], plan: &mut Plan) {
    let all_ugly = at(config, "uglyurls")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    let ugly = |link: String, note: &mut String, from: &str| {
        note.push_str(&format!(", with `{from}`: .html"));
        format!("{}.html", link.trim_end_matches('/'))
    };
    let mut note = "Hugo's default: /<folders>/<slug or file name>/".to_string();
    let mut link = "/{path}/{slug}/".to_string();
    if all_ugly {
        link = ugly(link, &mut note, "uglyURLs");
    }
    plan.permalink = Noted::new(link, note);
    for s in sections {
        let pattern = at(config, &format!("permalinks.{s}"))
            .or_else(|| at(config, &format!("permalinks.page.{s}")))
            .and_then(scalar);
        let section_ugly = at(config, &format!("uglyurls.{s}"))
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let (mut link, mut note) = match pattern {
            Some(p) => {
                let (link, dropped) = convert(&p);
                let mut note = format!("`permalinks.{s}` = {p:?}");
                if !dropped.is_empty() {
                    note.push_str(&format!("; not reproduced: {}", dropped.join(" ")));
                }
                (link, note)
            }
            None if section_ugly && !all_ugly => {
                ("/{path}/{slug}/".to_string(), "Hugo's default".to_string())
            }
            None => continue,
        };
        if all_ugly || section_ugly {
            let from = if all_ugly {
                "uglyURLs".into()
            } else {
                format!("uglyURLs.{s}")
            };
            link = ugly(link, &mut note, &from);
        }
        plan.permalinks.push((s.clone(), Noted::new(link, note)));
    }
}

/// A Hugo permalink pattern in feedwright's placeholders, and the parts it cannot say.
fn convert(pattern: &str) -> (String, Vec<String>) {
    super::convert_pattern(pattern, |name| match name {
        "year" => Some("{year}"),
        "month" => Some("{month}"),
        "day" => Some("{day}"),
        // `pageToPermalinkSlugElseTitle`, `pageToPermalinkFilename` and
        // `pageToPermalinkSlugElseFilename` (hugo `resources/page/permalinks.go`).
        "slug" => Some("{slug_or_title}"),
        "filename" | "contentbasename" => Some("{filename}"),
        "slugorfilename" | "slugorcontentbasename" => Some("{slug}"),
        "title" => Some("{title}"),
        "section" | "sectionslug" => Some("{section}"),
        "sections" | "sectionslugs" => Some("{path}"),
        _ => None,
    })
}

/// Deploy commands that publish drafts or future pages (`hugo -D -F` in netlify.toml).
fn deploy_flags(tree: &dyn Tree, plan: &mut Plan) {
    let Some(text) = tree.read("netlify.toml") else {
        return;
    };
    let Some(cmd) = text
        .lines()
        .find(|l| l.trim_start().starts_with("command") && l.contains("hugo"))
    else {
        return;
    };
    let cmd = cmd
        .split_once('=')
        .map_or(cmd, |(_, c)| c)
        .trim()
        .trim_matches('"');
    let drafts = cmd
        .split_whitespace()
        .any(|w| w == "-D" || w == "--buildDrafts");
    let future = cmd
        .split_whitespace()
        .any(|w| w == "-F" || w == "--buildFuture");
    if drafts || future {
        plan.notes.push(format!(
            "netlify.toml builds with `{cmd}`:{}{}",
            if drafts {
                " drafts are published (run `feedwright build --drafts`)"
            } else {
                ""
            },
            if future {
                "; future-dated pages are published, feedwright holds them until their date"
            } else {
                ""
            },
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adopt::MemoryTree;

    #[test]
    fn config_dir_merges_and_permalinks_convert() {
        let tree = MemoryTree::new([
            ("config/_default/hugo.toml", "baseURL = \"https://x.org/sub\"\ntimeZone = \"Europe/Berlin\"\n[outputs]\nhome = [\"HTML\", \"RSS\"]\nsection = [\"HTML\"]\n[outputFormats.RSS]\nbaseName = \"feed\"\n[uglyURLs]\npost = true\n[permalinks]\npost = \"/:year/:month/:day/:slug/\"\n"),
            ("config/_default/languages.en.toml", "title = \"X\"\ncontentDir = \"content/en\"\nlocale = \"en-US\"\n[params]\ndescription = \"D\"\n"),
            ("content/en/post/a.md", "---\ntitle: a\n---\n"),
            ("content/en/about.md", "---\ntitle: about\n---\n"),
            ("layouts/_default/rss.xml", "{{ range where .Site.RegularPages \"Type\" \"in\" (slice \"post\") }}<guid isPermaLink=\"true\">{{ .Permalink }}</guid>{{ end }}"),
        ]);
        let plan = read(&tree).unwrap();
        assert_eq!(plan.title.value, "X");
        assert_eq!(plan.url.value, "https://x.org/sub/");
        assert_eq!(plan.description.value, "D");
        assert_eq!(plan.timezone.value, "Europe/Berlin");
        assert_eq!(plan.language.as_ref().unwrap().value, "en-US");
        assert_eq!(plan.articles.value, "content/en");
        assert_eq!(plan.feeds.len(), 1);
        assert_eq!(plan.feeds[0].outputs.rss.as_deref(), Some("feed.xml"));
        assert_eq!(plan.feeds[0].include, ["post/**"]);
        assert_eq!(plan.permalink.value, "/{path}/{slug}/");
        assert_eq!(plan.permalinks.len(), 1);
        assert_eq!(plan.permalinks[0].0, "post");
        assert_eq!(
            plan.permalinks[0].1.value,
            "/{year}/{month}/{day}/{slug_or_title}.html"
        );
        assert_eq!(plan.id.value, "link");
    }

    #[test]
    fn default_outputs_give_home_and_section_feeds() {
        let tree = MemoryTree::new([
            ("hugo.yaml", "baseurl: https://x.org/\ntitle: X\nparams:\n  author:\n    name: Ann\n    email: a@x.org\n"),
            ("content/posts/_index.md", "---\ntitle: Posts\n---\n"),
            ("content/posts/b.md", "---\ntitle: b\n---\n"),
        ]);
        let plan = read(&tree).unwrap();
        assert_eq!(plan.author.value.email.as_deref(), Some("a@x.org"));
        let outputs: Vec<_> = plan
            .feeds
            .iter()
            .map(|f| f.outputs.rss.clone().unwrap())
            .collect();
        assert_eq!(outputs, ["index.xml", "posts/index.xml"]);
        assert_eq!(plan.permalink.value, "/{path}/{slug}/");
        assert!(plan.include.is_empty());
        assert_eq!(plan.feeds[0].content.as_deref(), Some("summary"));
    }

    /// Hugo's `permalinks` are per section: `blog`'s pattern is not `plugins`'s, whatever
    /// their order; a section without one (`plugins`) takes Hugo's default.
    #[test]
    fn each_section_keeps_its_own_permalink_and_the_rest_hugos_default() {
        let tree = MemoryTree::new([
            ("config.toml", "baseURL = \"https://x.org/\"\nuglyURLs = true\n[permalinks]\nblog = \"/:year/:month/:day/:title/\"\nnotes = \"/n/:slug/\"\npage = \"/:title/\"\n"),
            ("content/about.md", "---\ntitle: About\n---\n"),
            ("content/blog/a.md", "---\ntitle: a\n---\n"),
            ("content/notes/b.md", "---\ntitle: b\n---\n"),
            ("content/plugins/c.md", "---\ntitle: c\n---\n"),
        ]);
        let plan = read(&tree).unwrap();
        assert_eq!(plan.permalink.value, "/{path}/{slug}.html");
        let by_section: Vec<(&str, &str)> = plan
            .permalinks
            .iter()
            .map(|(s, p)| (s.as_str(), p.value.as_str()))
            .collect();
        assert_eq!(
            by_section,
            [
                ("blog", "/{year}/{month}/{day}/{title}.html"),
                ("notes", "/n/{slug_or_title}.html"),
            ]
        );
    }

    /// Hugo's own template and many themes reach the pages through `$pctx`; a `where` on any
    /// receiver keeps its types, and one that cannot be read is said loudly.
    #[test]
    fn home_feed_where_is_read_on_any_receiver() {
        let plan_of = |template: &str| {
            let tree = MemoryTree::new([
                ("hugo.toml", "baseURL = \"https://x.org/\"\n"),
                ("content/about.md", "---\ntitle: About\n---\n"),
                ("content/posts/a.md", "---\ntitle: a\n---\n"),
                ("layouts/index.rss.xml", template),
            ]);
            read(&tree).unwrap()
        };
        let plan = plan_of(
            "{{- $pages := where $pctx.RegularPages \"Type\" \"in\" (slice \"post\" \"posts\") -}}",
        );
        assert_eq!(plan.feeds[0].include, ["post/**", "posts/**"]);
        let plan = plan_of("{{ range (where site.RegularPages \"Section\" \"posts\") }}{{ end }}");
        assert_eq!(plan.feeds[0].include, ["posts/**"]);
        let plan = plan_of(
            "{{ range where $pctx.RegularPages \"Type\" \"in\" site.Params.mainSections }}",
        );
        assert!(plan.feeds[0].include.is_empty());
        assert!(
            plan.feeds[0].notes[0].starts_with("NOT UNDERSTOOD"),
            "{:?}",
            plan.feeds[0].notes
        );
    }

    #[test]
    fn hugo_patterns_map_to_placeholders() {
        assert_eq!(convert("/:sections/:title/").0, "/{path}/{title}/");
        assert_eq!(convert("/:year/:yearday/:slug").1, [":yearday"]);
    }
}
