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

/// Eleventy's own config file names, in the order it looks for them.
const CONFIG_NAMES: &[&str] = &[
    "eleventy.config.js",
    "eleventy.config.mjs",
    "eleventy.config.cjs",
    "eleventy.config.ts",
    ".eleventy.js",
];

/// The Eleventy config file and why it is the one: the `--config=PATH` (or `--config PATH`)
/// a `package.json` script passes to `eleventy` (the `build` script, then `start`, following
/// `npm run other` once each, then any script running eleventy), as Eleventy itself takes it;
/// else the first of Eleventy's default names the site has.
pub fn config_file(tree: &dyn Tree) -> Option<(String, String)> {
    if let Some((path, script)) = package_config(tree).filter(|(p, _)| tree.exists(p)) {
        return Some((
            path.clone(),
            format!("package.json script `{script}` passes --config={path}"),
        ));
    }
    CONFIG_NAMES
        .iter()
        .find(|p| tree.exists(p))
        .map(|p| (p.to_string(), format!("found {p}")))
}

/// The `--config` path in `package.json`'s scripts, and the script that passes it.
fn package_config(tree: &dyn Tree) -> Option<(String, String)> {
    let package: Value = serde_json::from_str(&tree.read("package.json")?).ok()?;
    let scripts = package.get("scripts")?.as_object()?;
    let script = |name: &str| scripts.get(name).and_then(Value::as_str);
    let mut order: Vec<String> = vec![];
    for name in ["build", "start"] {
        order.push(name.into());
        // `npm run build:html`: the script it runs.
        if let Some(next) = script(name).and_then(|s| s.split("npm run ").nth(1)) {
            order.extend(next.split_whitespace().next().map(String::from));
        }
    }
    let eleventy = scripts
        .iter()
        .filter(|(_, s)| s.as_str().is_some_and(|s| s.contains("eleventy")))
        .map(|(k, _)| k.clone());
    order.extend(eleventy);
    order
        .iter()
        .find_map(|name| Some((config_flag(script(name)?)?, name.clone())))
}

/// The value of `--config=PATH` or `--config PATH` in a command line.
fn config_flag(command: &str) -> Option<String> {
    let mut words = command.split_whitespace();
    while let Some(w) = words.next() {
        let value = match w.strip_prefix("--config") {
            Some("") => words.next(),
            Some(v) => v.strip_prefix('='),
            None => None,
        };
        if let Some(v) = value {
            let v = v.trim_matches(|c| c == '"' || c == '\'' || c == '`');
            return Some(v.trim_start_matches("./").to_string());
        }
    }
    None
}

/// The site as the config text says: input folder, path prefix, the config text.
struct Config {
    path: String,
    text: String,
    input: String,
}

/// Reads an Eleventy site.
pub fn read(tree: &dyn Tree) -> Result<Plan, String> {
    let (path, why) = config_file(tree).ok_or("no eleventy.config.js or .eleventy.js")?;
    let path = path.as_str();
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
    if why.starts_with("package.json") {
        plan.read.push("package.json".into());
        plan.notes.push(format!("{why}."));
    }
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
    plan.permalink = Noted::new(
        "/{path}/{slug}/".into(),
        "Eleventy's default: /<folders>/<file name>/",
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
    if plan.articles.value == "." {
        keep_output_apart(&mut plan);
    }
    Ok(plan)
}

/// An input folder that is the site root (Eleventy's default) would hold feedwright's output
/// folder, which feedwright refuses (it would read its feeds back). When every feed takes its
/// files from one folder (`blog/**`), the articles folder is narrowed to it and the folder
/// moves into the permalink (`/blog/{path}/{slug}/`), so links stay Eleventy's; otherwise the
/// output is written beside the site.
fn keep_output_apart(plan: &mut Plan) {
    let top = |glob: &str| glob.split_once('/').map(|(t, _)| t.to_string());
    let first = plan.include.first().and_then(|g| top(g));
    let literal = |t: &str| !t.contains(['*', '?', '[', '{']) && t != "." && t != "..";
    let Some(dir) = first.filter(|d| {
        literal(d)
            && plan
                .include
                .iter()
                .all(|g| top(g).as_deref() == Some(d.as_str()))
    }) else {
        plan.output = Some(Noted::new(
            "../feedwright-public".into(),
            "Eleventy's input folder is the site root, which may not hold the output folder: \
             written beside the site; move it where the site's host publishes it",
        ));
        return;
    };
    let prefix = format!("{dir}/");
    let rebase = |globs: &mut Vec<String>| {
        *globs = globs
            .iter()
            .filter_map(|g| match g.strip_prefix(&prefix) {
                Some(rest) => Some(rest.to_string()),
                None => g.starts_with("**/").then(|| g.clone()),
            })
            .collect();
    };
    rebase(&mut plan.include);
    rebase(&mut plan.exclude.value);
    for feed in &mut plan.feeds {
        rebase(&mut feed.include);
        rebase(&mut feed.exclude);
    }
    plan.permalink.value = format!("/{dir}{}", plan.permalink.value);
    plan.permalink.note = Some(format!(
        "{}, below {dir}/ (the articles folder)",
        plan.permalink.note.as_deref().unwrap_or("Eleventy's URLs")
    ));
    plan.articles = Noted::new(
        dir.clone(),
        format!(
            "Eleventy's input folder is the site root, which may not hold feedwright's output \
             folder: narrowed to {dir}/, the folder every feed takes its files from"
        ),
    );
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
        plan.notes.push(format!("No {path}."));
        return;
    };
    plan.read.push(path.clone());
    site_metadata(&meta, &path, config, plan);
}

/// The site's title, url, description, language and author in `meta` (read from `source`),
/// for each the plan does not have yet.
fn site_metadata(meta: &Value, source: &str, config: &Config, plan: &mut Plan) {
    if let Some(t) = text_at(meta, "title").filter(|_| plan.title.value.is_empty()) {
        plan.title = Noted::new(t, format!("{source} `title`"));
    }
    let url = text_at(meta, "url").or_else(|| text_at(meta, "base"));
    if let Some(u) = url.filter(|_| plan.url.value.is_empty()) {
        let prefix = setting(&config.text, "pathPrefix").unwrap_or_default();
        let url = format!(
            "{}{}",
            u.trim_end_matches('/'),
            prefix.trim_end_matches('/')
        );
        plan.url = Noted::new(with_slash(&url), format!("{source} `url` (+ `pathPrefix`)"));
    }
    let desc = ["description", "subtitle", "feed.subtitle"]
        .iter()
        .find_map(|k| text_at(meta, k).map(|v| (v, *k)));
    if let Some((d, k)) = desc.filter(|_| plan.description.value.is_empty()) {
        plan.description = Noted::new(d, format!("{source} `{k}`"));
    }
    if let Some(l) = text_at(meta, "language").filter(|_| plan.language.is_none()) {
        plan.language = Some(Noted::new(l, format!("{source} `language`")));
    }
    let author = at(meta, "author").and_then(super::person);
    if let Some(p) = author.filter(|_| plan.author.value.name.is_empty()) {
        plan.author = Noted::new(p, format!("{source} `author`"));
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
    let unprocessed = not_templates(&config.text);
    if !unprocessed.is_empty() {
        note.push_str(", and the formats `templateFormats` leaves out (not pages)");
        globs.extend(unprocessed);
    }
    plan.exclude = Noted::new(globs, note);
}

/// Globs for the record formats feedwright reads that the config's `templateFormats` list
/// leaves out (`["md", "njk"]`: `.html` files are not pages, only files).
fn not_templates(config: &str) -> Vec<String> {
    let Some(list) = between(config, "templateFormats:", "]").first().copied() else {
        return vec![];
    };
    let formats: Vec<&str> = list
        .trim_start()
        .trim_start_matches('[')
        .split(',')
        .filter_map(quoted)
        .collect();
    [("md", "**/*.md"), ("html", "**/*.html")]
        .into_iter()
        .filter(|(f, _)| !formats.contains(f))
        .map(|(_, glob)| glob.to_string())
        .collect()
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
    let body = collection_body(&c.config.text, name);
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
    // `getFilteredByTag("blog")`: the collection is the tag's (filters on it are not read).
    let tag = between(body, "getFilteredByTag(", ")")
        .first()
        .and_then(|t| quoted(t))
        .filter(|t| *t != name);
    if let Some(tag) = tag {
        feed.notes.push(format!(
            "collection {name}: getFilteredByTag({tag:?}) in {}; any filter it applies \
             (drafts, unlisted posts) is not read: check which articles it leaves out",
            c.config.path
        ));
        return collection(c, tag, feed);
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

/// The config text that builds collection `name`: from its `addCollection("name", ...)` to the
/// next one, or, when the callback is a named function (`addCollection("x", getX)`), that
/// function's text. Empty when the config does not add it.
fn collection_body<'a>(text: &'a str, name: &str) -> &'a str {
    let Some((i, m)) = text
        .match_indices("addCollection(")
        .find(|(i, m)| quoted(&text[i + m.len()..]) == Some(name))
    else {
        return "";
    };
    let body = &text[i..];
    let body = &body[..body[1..]
        .find("addCollection(")
        .map_or(body.len(), |j| j + 1)];
    let callback = body[m.len()..]
        .split_once(',')
        .map(|(_, rest)| rest.trim_start())
        .map(|rest| {
            let n = rest
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '$'))
                .unwrap_or(rest.len());
            &rest[..n]
        })
        .filter(|f| !f.is_empty() && *f != "function" && *f != "async");
    let named = callback.and_then(|f| text.find(&format!("function {f}")));
    match named {
        Some(j) => {
            let f = &text[j..];
            &f[..f.find("\n}").map_or(f.len(), |k| k + 2)]
        }
        None => body,
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
        let fm = front_matter(&text);
        let Some(link) = fm.as_ref().and_then(|fm| text_at(fm, "permalink")) else {
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
        // A template's own `metadata` (lea.verou.me's `---json` feed.njk) is what it prints.
        if let Some(meta) = fm.as_ref().and_then(|fm| fm.get("metadata")) {
            site_metadata(meta, &format!("{f} front matter, metadata"), config, plan);
        }
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
        feed.limit = Some(
            match head.and_then(|n| n.trim().trim_start_matches('-').parse().ok()) {
                Some(n) => Noted::new(n, format!("{f} loops over `head({n})` of the collection")),
                None => Noted::new(0, format!("{f} loops over the whole collection")),
            },
        );
        if let Some(t) = between(&text, "<title>", "</title>")
            .first()
            .filter(|t| !t.contains("{{"))
        {
            feed.title = Some(t.trim().to_string());
        }
        collection(c, &name, &mut feed);
        if let Some((strips, note, is_url)) = id_form(f, &text, config) {
            if !is_url {
                plan.lock_from
                    .push(link.trim_start_matches('/').to_string());
            }
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

/// True when a template's id expression `expr` is the post URL (`post.url`, directly or through
/// a `{% set %}` variable), not a value computed from data (lea.verou.me's `?p={{ post.data.wpid }}`).
/// Every `<id>` of the entry counts: an `{% if %}` choosing between two ids is not the URL.
fn is_post_url(entry: &str, expr: &str) -> bool {
    let ids: Vec<&str> = between(entry, "<id>", "</id>")
        .into_iter()
        .chain(between(entry, "<guid", "</guid>"))
        .collect();
    let url = |e: &str| e.contains("post.url") || e.contains("page.url");
    let set_to_url = |e: &str| {
        let var = e
            .trim()
            .trim_matches(|c| c == '{' || c == '}' || c == ' ' || c == '-');
        let var = var.split('|').next().unwrap_or(var).trim();
        !var.is_empty()
            && between(entry, &format!("set {var} ="), "%}")
                .first()
                .is_some_and(|v| url(v))
    };
    url(expr) || ids.iter().all(|e| url(e) || set_to_url(e))
}

/// The id a feed template writes: whether it drops the post URL's trailing slash, a note
/// quoting the expression, and whether it is the post URL at all.
fn id_form(path: &str, text: &str, config: &Config) -> Option<(bool, String, bool)> {
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
    if !is_post_url(entry, &expr) {
        note.push_str(
            ": not the post URL, which feedwright cannot compute; lock the ids the site's \
             feed publishes today with `feedwright lock --from` before the first build",
        );
        return Some((false, note, false));
    }
    if strips {
        note.push_str(&format!(
            ": its `{}` filter ({}) drops the URL's trailing slash",
            custom.unwrap_or_default(),
            config.path
        ));
    } else {
        note.push_str(": the post URL");
    }
    Some((strips, note, true))
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
    fn the_config_named_by_a_package_json_script_is_read() {
        let package = r#"{"scripts": {"build": "npm run build:html", "build:html": "npx @11ty/eleventy --config=_build/eleventy.js --quiet"}}"#;
        let tree = MemoryTree::new([
            ("package.json", package),
            (
                "_build/eleventy.js",
                "export default c => ({ dir: { input: \"site\" } });",
            ),
        ]);
        assert_eq!(
            config_file(&tree).unwrap(),
            (
                "_build/eleventy.js".into(),
                "package.json script `build:html` passes --config=_build/eleventy.js".into()
            )
        );
        assert_eq!(read(&tree).unwrap().articles.value, "site");
        assert_eq!(
            config_flag("eleventy --config  './e.cjs' --serve"),
            Some("e.cjs".into())
        );
        let missing = MemoryTree::new([(
            "package.json",
            r#"{"scripts": {"start": "eleventy --config=x.js"}}"#,
        )]);
        assert!(config_file(&missing).is_none());
    }

    #[test]
    fn template_formats_leave_other_record_formats_out() {
        assert_eq!(
            not_templates("return { templateFormats: [\"md\", \"njk\"], dir: {} }"),
            ["**/*.html"]
        );
        assert!(not_templates("templateFormats: ['md', 'html']").is_empty());
        assert!(not_templates("return {}").is_empty());
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
