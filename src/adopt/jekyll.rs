//! Reading a Jekyll site: `_config.yml` (title or name, url + baseurl, the posts' permalink,
//! jekyll-feed's `feed:` block) and the posts' `{{ site.X }}` uses, whose values become
//! `[variables]`.
//!
//! jekyll-feed writes one Atom feed (`feed.path`, default `feed.xml`) of the newest
//! `posts_limit` (default 10) posts, plus `feed/<category>.xml` per `feed.categories` entry.

use std::collections::BTreeSet;

use serde_json::Value;

use super::{
    at, scalar, text_at, with_slash, FeedPlan, Generator, Noted, Outputs, Person, Plan, Tree,
};

/// Keys feedwright's `[site]` already carries; never copied into `[variables]`.
const SITE_KEYS: &[&str] = &["title", "description", "url", "name", "lang", "timezone"];

/// Reads a Jekyll site.
pub fn read(tree: &dyn Tree) -> Result<Plan, String> {
    let (path, config) = super::first_config(tree, &["_config.yml", "_config.yaml"])?;
    let mut plan = Plan::empty(Generator::Jekyll);
    plan.read.push(path);
    site_keys(&config, &mut plan);
    permalink(&config, &mut plan);
    plan.articles = Noted::new("_posts".into(), "Jekyll's posts folder");
    nested_posts(tree, &mut plan);
    let plugins = at(&config, "plugins").or_else(|| at(&config, "gems"));
    let has_feed = plugins.is_some_and(|p| p.to_string().contains("jekyll-feed"));
    plan.id = if has_feed {
        Noted::new(
            "jekyll".into(),
            "jekyll-feed's entry id: the post's URL folder + its raw slug, no trailing slash",
        )
    } else {
        Noted::new(
            "jekyll".into(),
            "jekyll-feed is not in `plugins`: its id form assumed; check the site's feed template",
        )
    };
    feeds(&config, &mut plan);
    variables(tree, &config, &mut plan);
    if at(&config, "defaults").is_some() {
        plan.notes.push("_config.yml `defaults` (front matter given to posts by path, e.g. layout or image) are not applied by feedwright.".into());
    }
    if at(&config, "future").and_then(Value::as_bool) == Some(true) {
        plan.notes.push("`future: true`: Jekyll publishes future-dated posts at once; feedwright holds them until their date.".into());
    }
    Ok(plan)
}

/// Title (or name), url + baseurl, description, lang, time zone, author.
fn site_keys(config: &Value, plan: &mut Plan) {
    if let Some(t) = text_at(config, "title") {
        plan.title = Noted::new(t, "`title`");
    } else if let Some(t) = text_at(config, "name") {
        plan.title = Noted::new(
            t,
            "`name` (no `title`; jekyll-feed uses `site.title | default: site.name`)",
        );
    }
    if let Some(u) = text_at(config, "url") {
        let base = text_at(config, "baseurl").unwrap_or_default();
        let note = if base.is_empty() {
            "`url`"
        } else {
            "`url` + `baseurl`"
        };
        plan.url = Noted::new(
            with_slash(&format!("{}{}", u.trim_end_matches('/'), base)),
            note,
        );
    }
    if let Some(d) = text_at(config, "description") {
        plan.description = Noted::new(d, "`description` (the feed's subtitle)");
    }
    if let Some(l) = text_at(config, "lang") {
        plan.language = Some(Noted::new(l, "`lang`"));
    }
    plan.timezone = match text_at(config, "timezone") {
        Some(z) => Noted::new(
            z,
            "`timezone`: post dates and the dates in URLs are in this zone",
        ),
        None => Noted::new(
            "UTC".into(),
            "no `timezone`: Jekyll uses the build machine's zone; UTC assumed",
        ),
    };
    if let Some(p) = at(config, "author").and_then(super::person) {
        plan.author = Noted::new(p, "`author`");
    } else if !plan.title.value.is_empty() {
        plan.author = Noted::new(
            Person { name: plan.title.value.clone(), ..Person::default() },
            "no site `author` (jekyll-feed then names each post's author only); the site title stands in",
        );
    }
}

/// `collections.posts.permalink`, else `permalink` (a style name or a template).
fn permalink(config: &Value, plan: &mut Plan) {
    let (raw, from) = match text_at(config, "collections.posts.permalink") {
        Some(p) => (p, "`collections.posts.permalink`"),
        None => match text_at(config, "permalink") {
            Some(p) => (p, "`permalink`"),
            None => ("date".into(), "no `permalink`: Jekyll's default style"),
        },
    };
    let template = match raw.as_str() {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        other => other,
    };
    let (link, dropped) = convert(template);
    let mut note = format!("{from} = {raw:?}");
    if template != raw {
        note.push_str(&format!(" = {template:?}"));
    }
    if !dropped.is_empty() {
        note.push_str(&format!(
            "; feedwright has no placeholder for {}: links of posts that use it will differ",
            dropped.join(" ")
        ));
    }
    plan.slugify = if link.contains("{title}") {
        Noted::new(
            "jekyll-pretty".into(),
            ":title is slugified in Jekyll's \"pretty\" mode, case kept",
        )
    } else {
        Noted::new(
            "jekyll".into(),
            ":slug is slugified in Jekyll's default mode",
        )
    };
    plan.permalink = Noted::new(link, note);
}

/// Posts in `<dir>/_posts/` (Jekyll reads a `_posts` folder in every folder, `Reader#retrieve_posts`,
/// with `<dir>` as categories) are outside `articles = "_posts"`. Reading them takes
/// `articles = "."`, which the output folder may not be inside: said in a note.
fn nested_posts(tree: &dyn Tree, plan: &mut Plan) {
    let mut dirs = BTreeSet::new();
    for f in tree.files() {
        if let Some(i) = f.find("/_posts/") {
            let dir = &f[..i];
            if !dir.split('/').any(|c| c.starts_with(['_', '.', '#', '~'])) {
                dirs.insert(dir.to_string());
            }
        }
    }
    if dirs.is_empty() {
        return;
    }
    let list: Vec<String> = dirs.iter().map(|d| format!("{d}/_posts")).collect();
    plan.notes.push(format!(
        "Jekyll also reads posts in {} (their folders become categories); `articles = \"_posts\"` leaves them out. To read them, set `articles = \".\"` (the preset then reads every `_posts` folder, as Jekyll does) with `output` outside this folder, which may not hold the output folder.",
        list.join(", ")
    ));
}

/// True when `f` is a post: a file in a `_posts` folder.
fn is_post(f: &str) -> bool {
    f.starts_with("_posts/") || f.contains("/_posts/")
}

/// A Jekyll permalink template in feedwright's placeholders, and the parts it cannot say.
fn convert(template: &str) -> (String, Vec<String>) {
    super::convert_pattern(template, |name| match name {
        "year" => Some("{year}"),
        "month" => Some("{month}"),
        "day" => Some("{day}"),
        "title" => Some("{title}"),
        "slug" | "name" => Some("{slug}"),
        "output_ext" => Some(".html"),
        "collection" => Some("posts"),
        "path" => Some("{path}/{slug}"),
        "categories" => Some("{categories}"),
        _ => None,
    })
}

/// jekyll-feed's feeds: the posts feed and one per `feed.categories` entry.
fn feeds(config: &Value, plan: &mut Plan) {
    let path = text_at(config, "feed.path").unwrap_or_else(|| "feed.xml".into());
    let limit = match at(config, "feed.posts_limit").and_then(Value::as_u64) {
        Some(n) => Noted::new(n as usize, "`feed.posts_limit`"),
        None => Noted::new(10, "jekyll-feed's default `posts_limit`"),
    };
    let content = (at(config, "feed.excerpt_only").and_then(Value::as_bool) == Some(true))
        .then(|| "summary".to_string());
    plan.feeds.push(FeedPlan {
        name: "main".into(),
        outputs: Outputs {
            atom: Some(path.trim_start_matches('/').into()),
            ..Outputs::default()
        },
        limit: Some(limit.clone()),
        content: content.clone(),
        notes: vec!["jekyll-feed's posts feed (Atom)".into()],
        ..FeedPlan::default()
    });
    if let Some(Value::Array(cats)) = at(config, "feed.categories") {
        for cat in cats.iter().filter_map(scalar) {
            plan.feeds.push(FeedPlan {
                name: cat.clone(),
                outputs: Outputs {
                    atom: Some(format!("feed/{cat}.xml")),
                    ..Outputs::default()
                },
                limit: Some(limit.clone()),
                tags: vec![cat.clone()],
                content: content.clone(),
                notes: vec![format!(
                    "jekyll-feed's category feed (`feed.categories`): posts in category {cat}"
                )],
                ..FeedPlan::default()
            });
        }
    }
    if at(config, "feed.tags").is_some() {
        plan.notes.push("`feed.tags` (jekyll-feed's per-tag feeds) is not reproduced: add a [[feeds]] with `tags` for each you need.".into());
    }
}

/// `{{ site.X }}` in the posts: the config's top-level scalars they read.
fn variables(tree: &dyn Tree, config: &Value, plan: &mut Plan) {
    let mut used = BTreeSet::new();
    for f in tree.files().iter().filter(|f| is_post(f)) {
        let Some(text) = tree.read(f) else { continue };
        for chunk in text.split("site.").skip(1) {
            let name: String = chunk
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() && !SITE_KEYS.contains(&name.as_str()) {
                used.insert(name);
            }
        }
    }
    let mut missing = vec![];
    for name in used {
        match at(config, &name).and_then(scalar) {
            Some(v) => {
                plan.variables.insert(name, v);
            }
            None if at(config, &name).is_none() => missing.push(name),
            None => {}
        }
    }
    if !missing.is_empty() {
        plan.notes.push(format!(
            "Posts read site.{} but _config.yml sets no such value (Jekyll: empty or computed).",
            missing.join(", site.")
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adopt::MemoryTree;

    #[test]
    fn jekyll_feed_and_collection_permalink() {
        let tree = MemoryTree::new([
            ("_config.yml", "name: Site\nurl: https://x.org\nbaseurl: /blog\ntimezone: America/Los_Angeles\nrepository: https://github.com/x/y\nplugins: [jekyll-feed]\ncollections:\n  posts:\n    permalink: /news/:year/:month/:day/:title/\nfeed:\n  categories: [release]\n"),
            ("_posts/2020-01-01-a.md", "---\n---\nSee {{ site.repository }} and {{ site.baseurl }}.\n"),
        ]);
        let plan = read(&tree).unwrap();
        assert_eq!(plan.title.value, "Site");
        assert_eq!(plan.url.value, "https://x.org/blog/");
        assert_eq!(plan.permalink.value, "/news/{year}/{month}/{day}/{title}/");
        assert_eq!(plan.slugify.value, "jekyll-pretty");
        assert_eq!(plan.id.value, "jekyll");
        assert_eq!(plan.variables["repository"], "https://github.com/x/y");
        assert_eq!(plan.variables["baseurl"], "/blog");
        assert_eq!(plan.feeds.len(), 2);
        assert_eq!(
            plan.feeds[1].outputs.atom.as_deref(),
            Some("feed/release.xml")
        );
        assert_eq!(plan.feeds[1].tags, ["release"]);
        assert_eq!(plan.feeds[0].limit.as_ref().unwrap().value, 10);
    }

    #[test]
    fn style_names_keep_their_categories() {
        let (link, dropped) = convert("/:categories/:year/:month/:day/:title:output_ext");
        assert_eq!(link, "/{categories}/{year}/{month}/{day}/{title}.html");
        assert!(dropped.is_empty());
        let tree = MemoryTree::new([
            ("_config.yml", "title: T\npermalink: pretty\n"),
            ("_posts/2024-01-01-a.md", "---\n---\n"),
            ("news/_posts/2024-01-02-b.md", "---\n---\n{{ site.x }}"),
            ("_site/_posts/2024-01-02-b.md", "---\n---\n"),
        ]);
        let plan = read(&tree).unwrap();
        assert_eq!(
            plan.permalink.value,
            "/{categories}/{year}/{month}/{day}/{title}/"
        );
        assert_eq!(plan.articles.value, "_posts");
        let note = plan
            .notes
            .iter()
            .find(|n| n.contains("also reads posts"))
            .unwrap();
        assert!(note.contains("in news/_posts (their"), "{note}");
        assert!(!note.contains("_site"), "{note}");
        assert!(
            plan.notes.iter().any(|n| n.contains("site.x")),
            "{:?}",
            plan.notes
        );
    }
}
