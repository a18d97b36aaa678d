//! Reading an Eleventy site. Its config is JavaScript, which feedwright does not run: it is read
//! as text for the `dir.input`, `pathPrefix`, collections built with `getFilteredByGlob` and the
//! feed plugin's options; `_data/metadata.json` gives title, url, language and author; directory
//! data files (`blog/blog.json`, `*.11tydata.json`) give collection tags; feed templates (files
//! with `<feed`, `<rss` or a JSON Feed version and a `permalink`) give each feed's path, its
//! collection, its limit and its id expression.

use serde_json::Value;

use super::{
    at, between, front_matter, join, parent, parse_config, quoted, text_at, with_slash, FeedKind,
    FeedPlan, Generator, Noted, Outputs, Plan, Tree,
};

/// The Eleventy config file, if the site has one.
pub fn config_file(tree: &dyn Tree) -> Option<&'static str> {
    [
        "eleventy.config.js",
        "eleventy.config.mjs",
        "eleventy.config.cjs",
        "eleventy.config.ts",
        ".eleventy.js",
    ]
    .into_iter()
    .find(|p| tree.exists(p))
}

/// The site as the config text says: input folder, path prefix, the config text.
struct Config {
    path: String,
    text: String,
    input: String,
}

/// Reads an Eleventy site.
pub fn read(tree: &dyn Tree) -> Result<Plan, String> {
    let path = config_file(tree).ok_or("no eleventy.config.js or .eleventy.js")?;
    let text = tree.read(path).unwrap_or_default();
    let input = setting(&text, "input")
        .map(|s| s.trim_start_matches("./").trim_end_matches('/').to_string())
        .unwrap_or_default();
    let config = Config {
        path: path.into(),
        text,
        input,
    };
    let mut plan = Plan::empty(Generator::Eleventy);
    plan.read.push(path.into());
    plan.notes.push(format!(
        "{path} is JavaScript: read as text, not run; what it computes is not seen."
    ));
    metadata(tree, &config, &mut plan);
    plan.articles = Noted::new(
        if config.input.is_empty() {
            ".".into()
        } else {
            config.input.clone()
        },
        "Eleventy's input folder (`dir.input`)",
    );
    plan.timezone = Noted::new(
        "UTC".into(),
        "Eleventy reads dates without an offset as UTC",
    );
    plan.slugify = Noted::new(
        "none".into(),
        "Eleventy's default URLs keep the file name as written",
    );
    excludes(tree, &config, &mut plan);
    let prefix = if config.input.is_empty() {
        String::new()
    } else {
        format!("{}/", config.input)
    };
    let c = Collections {
        config: &config,
        dir_tags: dir_tags(tree, &prefix),
    };
    plugin_feed(&c, &mut plan);
    template_feeds(tree, &c, &prefix, &mut plan);
    if plan.feeds.is_empty() {
        plan.notes
            .push("No feed template or feed plugin call found: one Atom feed assumed.".into());
        plan.feeds.push(FeedPlan {
            name: "main".into(),
            outputs: Outputs {
                atom: Some("feed.xml".into()),
                ..Outputs::default()
            },
            ..FeedPlan::default()
        });
    }
    plan.include = super::union_of_includes(&plan.feeds);
    Ok(plan)
}

/// The quoted value after `key:` in the config text (`input: 'src'`).
fn setting(text: &str, key: &str) -> Option<String> {
    text.match_indices(&format!("{key}:"))
        .find_map(|(i, k)| quoted(&text[i + k.len()..]).map(str::to_string))
}

/// `_data/metadata.json` under the input folder.
fn metadata(tree: &dyn Tree, config: &Config, plan: &mut Plan) {
    let data = setting(&config.text, "data").unwrap_or_else(|| "_data".into());
    let path = join(&config.input, &format!("{data}/metadata.json"));
    let Some(meta) = tree.read(&path).and_then(|t| parse_config(&path, &t).ok()) else {
        plan.notes
            .push(format!("No {path}: title, url and author not found."));
        return;
    };
    plan.read.push(path.clone());
    if let Some(t) = text_at(&meta, "title") {
        plan.title = Noted::new(t, format!("{path} `title`"));
    }
    if let Some(u) = text_at(&meta, "url").or_else(|| text_at(&meta, "base")) {
        let prefix = setting(&config.text, "pathPrefix").unwrap_or_default();
        let url = format!(
            "{}{}",
            u.trim_end_matches('/'),
            prefix.trim_end_matches('/')
        );
        plan.url = Noted::new(with_slash(&url), format!("{path} `url` (+ `pathPrefix`)"));
    }
    let desc = ["description", "subtitle", "feed.subtitle"]
        .iter()
        .find_map(|k| text_at(&meta, k).map(|v| (v, *k)));
    if let Some((d, k)) = desc {
        plan.description = Noted::new(d, format!("{path} `{k}`"));
    }
    if let Some(l) = text_at(&meta, "language") {
        plan.language = Some(Noted::new(l, format!("{path} `language`")));
    }
    if let Some(p) = at(&meta, "author").and_then(super::person) {
        plan.author = Noted::new(p, format!("{path} `author`"));
    }
}

/// `.eleventyignore` lines, and the includes and data folders, as exclude globs.
fn excludes(tree: &dyn Tree, config: &Config, plan: &mut Plan) {
    let mut globs = vec![];
    for dir in ["includes", "data", "layouts"] {
        let default = format!("_{dir}");
        let d = setting(&config.text, dir).unwrap_or(default);
        globs.push(format!("{}/**", d.trim_matches('/')));
    }
    let mut note = "Eleventy's includes and data folders".to_string();
    if let Some(ignore) = tree.read(".eleventyignore") {
        plan.read.push(".eleventyignore".into());
        let prefix = format!("{}/", config.input);
        for line in ignore
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
        {
            let l = line.trim_start_matches("./");
            let l = l.strip_prefix(&prefix).unwrap_or(l);
            globs.push(match l.strip_suffix('/') {
                Some(dir) => format!("{dir}/**"),
                None => l.to_string(),
            });
        }
        note.push_str(", and .eleventyignore");
    }
    plan.exclude = Noted::new(globs, note);
}

/// The feed plugin's virtual feed (`addPlugin(feedPlugin, { type, outputPath, collection })`).
fn plugin_feed(c: &Collections<'_>, plan: &mut Plan) {
    let config = c.config;
    let Some(i) = config.text.find("outputPath:") else {
        return;
    };
    let call = &config.text[config.text[..i].rfind("addPlugin").unwrap_or(0)..];
    let call = &call[..call.find("});").unwrap_or(call.len())];
    let Some(path) = setting(call, "outputPath") else {
        return;
    };
    let kind = match setting(call, "type").as_deref() {
        Some("rss") => FeedKind::Rss,
        Some("json") => FeedKind::Json,
        _ => FeedKind::Atom,
    };
    let name = setting(call, "name").unwrap_or_else(|| "posts".into());
    let limit = between(call, "limit:", "\n")
        .first()
        .and_then(|l| l.trim().trim_end_matches(',').trim().parse::<usize>().ok());
    let mut feed = FeedPlan {
        name: name.clone(),
        ..FeedPlan::default()
    };
    feed.outputs
        .set(kind, path.trim_start_matches('/').to_string());
    feed.limit = limit.map(|n| Noted::new(n, "the feed plugin's `collection.limit`"));
    feed.notes.push(format!(
        "the feed plugin's feed in {} (collection {name})",
        config.path
    ));
    collection(c, &name, &mut feed);
    plan.id = Noted::new(
        "link".into(),
        "the feed plugin writes each entry id as the post URL (trailing slash kept)",
    );
    plan.permalink = Noted::new(
        "/{path}/{slug}/".into(),
        "Eleventy's default: /<folders>/<file name>/",
    );
    plan.feeds.push(feed);
}

/// What says which files a collection holds: `getFilteredByGlob` in the config, `tags` in
/// directory data files.
struct Collections<'a> {
    config: &'a Config,
    /// (folder under the input folder, its data file's tags)
    dir_tags: Vec<(String, String)>,
}

/// The collection's files as include globs, or a `tags` filter.
fn collection(c: &Collections<'_>, name: &str, feed: &mut FeedPlan) {
    let text = &c.config.text;
    let add = text
        .match_indices("addCollection(")
        .find(|(i, m)| quoted(&text[i + m.len()..]) == Some(name));
    if let Some((i, _)) = add {
        let body = &text[i..];
        let body = &body[..body[1..]
            .find("addCollection(")
            .map_or(body.len(), |j| j + 1)];
        let globs: Vec<String> = between(body, "getFilteredByGlob(", ")")
            .iter()
            .filter_map(|g| quoted(g))
            .map(|g| {
                let g = g.trim_start_matches("./");
                let prefix = format!("{}/", c.config.input);
                g.strip_prefix(&prefix).unwrap_or(g).to_string()
            })
            .collect();
        if !globs.is_empty() {
            feed.notes.push(format!(
                "collection {name}: getFilteredByGlob in {}",
                c.config.path
            ));
            feed.include = globs;
            return;
        }
    }
    let dirs: Vec<String> = c
        .dir_tags
        .iter()
        .filter(|(_, tags)| tags.contains(&format!("\"{name}\"")))
        .map(|(d, _)| format!("{d}/**"))
        .collect();
    if dirs.is_empty() {
        feed.tags = vec![name.to_string()];
        feed.notes.push(format!(
            "collection {name}: assumed to be the articles tagged {name}"
        ));
    } else {
        feed.notes.push(format!(
            "collection {name}: the tag its folders' data files give"
        ));
        feed.include = dirs;
    }
}

/// Site feed templates: their permalink, collection, limit, title and id expression.
fn template_feeds(tree: &dyn Tree, c: &Collections<'_>, prefix: &str, plan: &mut Plan) {
    let config = c.config;
    for f in tree
        .files()
        .iter()
        .filter(|f| f.starts_with(prefix) && is_template(f))
    {
        let Some(text) = tree.read(f) else { continue };
        let Some(kind) = FeedKind::of_template(&text) else {
            continue;
        };
        let Some(link) = front_matter(&text).and_then(|fm| text_at(&fm, "permalink")) else {
            continue;
        };
        let Some(name) = text.split("collections.").nth(1).map(|r| {
            r.chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect::<String>()
        }) else {
            continue;
        };
        plan.read.push(f.clone());
        let mut feed = FeedPlan {
            name: name.clone(),
            ..FeedPlan::default()
        };
        feed.outputs
            .set(kind, link.trim_start_matches('/').to_string());
        feed.notes.push(format!("feed template {f}"));
        let stem = f.rsplit('/').next().unwrap_or(f);
        feed.name = stem.split('.').next().unwrap_or(stem).to_string();
        let loop_tag = between(&text, "for ", "%}")
            .into_iter()
            .find(|t| t.contains("collections."));
        let head = loop_tag.and_then(|t| between(t, "head(", ")").first().copied());
        if let Some(n) = head.and_then(|n| n.trim().trim_start_matches('-').parse().ok()) {
            feed.limit = Some(Noted::new(
                n,
                format!("{f} loops over `head({n})` of the collection"),
            ));
        }
        if let Some(t) = between(&text, "<title>", "</title>")
            .first()
            .filter(|t| !t.contains("{{"))
        {
            feed.title = Some(t.trim().to_string());
        }
        collection(c, &name, &mut feed);
        if let Some((strips, note)) = id_form(f, &text, config) {
            if plan.id.note.is_none() {
                set_link_form(strips, note, plan);
            } else if plan.permalink.value.ends_with('/') == strips {
                feed.notes.push(format!(
                    "{note}; the site's other feed writes its URLs {}: only one form can be \
                     kept, `id` and `permalink` follow the first feed",
                    if strips {
                        "with the slash"
                    } else {
                        "without it"
                    }
                ));
            }
        }
        plan.feeds.push(feed);
    }
}

fn is_template(path: &str) -> bool {
    [".njk", ".liquid", ".11ty.js", ".hbs", ".webc", ".xml"]
        .iter()
        .any(|e| path.ends_with(e))
        && !path.contains("/_includes/")
}

/// Directory data files (`dir/dir.json`, `dir/*.11tydata.json`) and the tags they give.
fn dir_tags(tree: &dyn Tree, prefix: &str) -> Vec<(String, String)> {
    tree.files()
        .iter()
        .filter_map(|f| {
            let rel = f.strip_prefix(prefix)?;
            let dir = parent(rel);
            let name = rel.rsplit('/').next()?;
            let own = dir
                .rsplit('/')
                .next()
                .is_some_and(|d| name == format!("{d}.json"));
            (own || name.ends_with(".11tydata.json")).then(|| (dir.to_string(), f))
        })
        .filter_map(|(dir, f)| {
            let v: Value = serde_json::from_str(&tree.read(f)?).ok()?;
            Some((dir, at(&v, "tags")?.to_string()))
        })
        .collect()
}

/// The id a feed template writes: whether it drops the post URL's trailing slash, and a note
/// quoting the expression.
fn id_form(path: &str, text: &str, config: &Config) -> Option<(bool, String)> {
    let entry = super::after_loop(text);
    let mut expr = between(entry, "<id>", "</id>")
        .into_iter()
        .chain(between(entry, "<guid", "</guid>"))
        .next()
        .map(|e| e.trim_start_matches(|c| c != '{').trim().to_string())?;
    // `{% set x %}…{% endset %}` before the entry: the id is that expression.
    let var = expr
        .trim_matches(|c| c == '{' || c == '}' || c == ' ')
        .to_string();
    if let Some(set) = between(text, &format!("{{% set {var} %}}"), "{% endset %}").first() {
        expr = set.trim().to_string();
    }
    let filters: Vec<&str> = expr
        .trim_matches(|c| c == '{' || c == '}')
        .split('|')
        .skip(1)
        .map(str::trim)
        .collect();
    let custom = filters
        .iter()
        .map(|f| f.split('(').next().unwrap_or(f))
        .find(|f| {
            !matches!(
                *f,
                "url" | "absoluteUrl" | "htmlBaseUrl" | "safe" | "escape" | "e"
            )
        });
    let strips = custom.is_some_and(|f| strips_slash(&config.text, f));
    let mut note = format!("{path} writes each entry id as `{expr}`");
    if strips {
        note.push_str(&format!(
            ": its `{}` filter ({}) drops the URL's trailing slash",
            custom.unwrap_or_default(),
            config.path
        ));
    } else {
        note.push_str(": the post URL");
    }
    Some((strips, note))
}

/// The id mode and the link form (with or without the trailing slash) a feed template gives.
fn set_link_form(strips: bool, note: String, plan: &mut Plan) {
    plan.permalink = if strips {
        Noted::new("/{path}/{slug}".into(), "Eleventy's /<folders>/<file name>/, without the trailing slash (as the feed template writes it)")
    } else {
        Noted::new(
            "/{path}/{slug}/".into(),
            "Eleventy's default: /<folders>/<file name>/",
        )
    };
    plan.id = Noted::new("link".into(), note);
}

/// True if the config's filter `name` removes a trailing `/`.
fn strips_slash(config: &str, name: &str) -> bool {
    config
        .match_indices("addFilter(")
        .find(|(i, m)| quoted(&config[i + m.len()..]) == Some(name))
        .is_some_and(|(i, _)| {
            let body = &config[i..];
            let body = &body[..body.find("});").unwrap_or(body.len())];
            body.contains("endsWith('/')")
                || body.contains("endsWith(\"/\")")
                || body.contains("/\\/$/")
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::adopt::MemoryTree;

    const CONFIG: &str = "module.exports = (c) => {\n  c.addFilter('clean', (p) => {\n    if (p.endsWith('/')) return p.slice(0, -1);\n    return p;\n  });\n  c.addCollection('posts', (x) => x.getFilteredByGlob('src/blog/*.md'));\n  return { pathPrefix: '/', dir: { input: 'src' } };\n};\n";

    #[test]
    fn feed_template_with_clean_filter_drops_the_slash() {
        let tree = MemoryTree::new([
            (".eleventy.js", CONFIG),
            (".eleventyignore", "**/_*.md\n"),
            ("src/_data/metadata.json", "{\"title\": \"V\", \"url\": \"https://v.dev/\", \"feed\": {\"subtitle\": \"S\"}, \"author\": {\"name\": \"M\"}}"),
            ("src/blog.atom.njk", "---\npermalink: /blog.atom\n---\n<feed><title>V</title>{%- for post in collections.posts | head(10) %}\n{% set u %}{{ post.url | url | absoluteUrl(metadata.url) | clean }}{% endset %}<entry><id>{{ u }}</id></entry>{% endfor %}</feed>"),
            ("src/blog/a.md", "---\ntitle: a\n---\n"),
        ]);
        let plan = read(&tree).unwrap();
        assert_eq!(plan.url.value, "https://v.dev/");
        assert_eq!(plan.description.value, "S");
        assert_eq!(plan.articles.value, "src");
        assert_eq!(plan.feeds.len(), 1);
        let f = &plan.feeds[0];
        assert_eq!(f.outputs.atom.as_deref(), Some("blog.atom"));
        assert_eq!(f.include, ["blog/*.md"]);
        assert_eq!(f.limit.as_ref().unwrap().value, 10);
        assert_eq!(plan.permalink.value, "/{path}/{slug}");
        assert_eq!(
            plan.exclude.value,
            ["_includes/**", "_data/**", "_layouts/**", "**/_*.md"]
        );
    }

    #[test]
    fn plugin_feed_with_tag_collection() {
        let tree = MemoryTree::new([
            ("eleventy.config.js", "export default function (c) {\n  c.addPlugin(feedPlugin, {\n    type: \"atom\",\n    outputPath: \"/feed/feed.xml\",\n    collection: {\n      name: \"posts\",\n      limit: 10,\n    },\n  });\n}\nexport const config = { dir: { input: \"content\" } };\n"),
            ("content/blog/blog.11tydata.json", "{\"tags\": [\"posts\"]}"),
        ]);
        let plan = read(&tree).unwrap();
        let f = &plan.feeds[0];
        assert_eq!(f.outputs.atom.as_deref(), Some("feed/feed.xml"));
        assert_eq!(f.limit.as_ref().unwrap().value, 10);
        assert_eq!(plan.permalink.value, "/{path}/{slug}/");
        assert_eq!(f.include, ["blog/**"]);
    }
}
