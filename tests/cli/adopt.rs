//! `init --from`: in a small site of each generator (tests/adopt/<generator>/, in the
//! generator's own layout, written for these tests, each reproducing the conventions of a real
//! site; not under tests/fixtures/, whose sites are feedwright sites), `init --from auto` names
//! the generator it found and writes the feeds.toml of tests/golden/adopt-<generator>/, byte for
//! byte; it never overwrites a feeds.toml, and says so when no generator is found.

use std::collections::BTreeMap;

use crate::harness::{copy_dir, golden, repo, Site};

/// What `init --from` prints after its summary's first words.
const NEXT: &str = " Next steps:
1. read feeds.toml: each comment says where a value came from or what was assumed
2. feedwright check
3. feedwright build --dry-run, then compare links and ids with the site's current feed
4. publish the feeds at the URLs the site's feeds have today
";

/// Copies the fixture, runs `init --from auto` in it and compares the written feeds.toml.
#[track_caller]
fn adopts(generator: &str, why: &str, stderr: &str) {
    let site = Site::empty();
    copy_dir(&repo().join("tests/adopt").join(generator), site.dir.path());
    site.run(["init", "--from", "auto"])
        .success()
        .stdout_is("./feeds.toml\n./feeds.schema.json\n")
        .stderr_is(&format!("detected {why}\n{stderr}{NEXT}"));
    let written = std::fs::read(site.path("feeds.toml")).unwrap();
    let outputs = BTreeMap::from([("feeds.toml".to_string(), written)]);
    golden::assert_matches(&format!("adopt-{generator}"), &outputs);
}

#[test]
fn hugo_site_with_config_folder_theme_template_and_ugly_urls() {
    adopts(
        "hugo",
        "Hugo: found config/_default/hugo.toml",
        "wrote 1 feed for this Hugo site.",
    );
}

#[test]
fn jekyll_site_with_jekyll_feed_categories_and_site_variables() {
    adopts(
        "jekyll",
        "Jekyll: found _config.yml",
        "wrote 2 feeds for this Jekyll site.",
    );
}

#[test]
fn zola_site_with_sections_feeds_and_a_feed_template() {
    adopts(
        "zola",
        "Zola: config.toml sets base_url",
        "wrote 2 feeds for this Zola site.",
    );
}

#[test]
fn eleventy_site_with_feed_templates_collections_and_path_prefix() {
    adopts(
        "eleventy",
        "Eleventy: found eleventy.config.js",
        "wrote 2 feeds for this Eleventy site.",
    );
}

#[test]
fn init_from_never_overwrites_feeds_toml() {
    let site = Site::minimal();
    site.file("_config.yml", "title: x\n");
    site.run(["init", "--from", "jekyll"])
        .code(1)
        .stderr_has("feeds.toml already exists; nothing was written");
}

#[test]
fn init_from_auto_says_when_no_generator_is_found() {
    let site = Site::empty();
    site.run(["init", "--from", "auto"])
        .code(1)
        .stderr_has("no Hugo, Jekyll, Zola or Eleventy configuration found");
    assert!(!site.path("feeds.toml").exists());
}

#[test]
fn eleventy_config_outside_the_root_is_found_through_package_json() {
    let site = Site::empty();
    site.file(
        "package.json",
        r#"{"scripts": {"build": "npx @11ty/eleventy --config cfg/e.js"}}"#,
    );
    site.file(
        "cfg/e.js",
        "export default () => ({ dir: { input: \"src\" } });\n",
    );
    site.file("src/posts/a.md", "---\ntitle: A\ndate: 2024-01-01\n---\n");
    site.run(["init", "--from", "auto"])
        .success()
        .stderr_has("detected Eleventy: package.json script `build` passes --config=cfg/e.js");
    let toml = std::fs::read_to_string(site.path("feeds.toml")).unwrap();
    assert!(toml.contains("articles = \"src\""), "{toml}");
}

/// A site like lea.verou.me's (written for this test): the config outside the root named by a
/// package.json script, the input folder the root (`dir.output = "."`), a `---json` feed
/// template holding the site's metadata, a collection built by a named function from a tag
/// its folder's data file gives, ids that are not the post URLs, drafts and partials excluded
/// by directory data and front matter. `init --from auto` then `build` work unedited.
#[test]
fn eleventy_site_at_the_root_with_a_json_feed_template_builds_unedited() {
    let site = Site::empty();
    site.file(
        "package.json",
        r#"{"scripts": {"build": "npm run build:html", "build:html": "npx @11ty/eleventy --config=_build/eleventy.js"}}"#,
    )
    .file(
        "_build/eleventy.js",
        "function getPublished (api) {\n\treturn api.getFilteredByTag(\"blog\").filter(p => !p.data.draft);\n}\n\n\
         export default config => {\n\tconfig.addCollection(\"published\", getPublished);\n\
         \treturn { templateFormats: [\"md\", \"njk\"], dir: { output: \".\" } };\n};\n",
    )
    .file(
        "feed.njk",
        "---json\n{\n  \"permalink\": \"feed.xml\",\n  \"eleventyExcludeFromCollections\": true,\n  \"metadata\": {\n    \
         \"title\": \"Notes\",\n    \"subtitle\": \"On things\",\n    \"url\": \"https://notes.example/\",\n    \
         \"author\": { \"name\": \"Ada\", \"email\": \"ada@notes.example\" }\n  }\n}\n---\n\
         <feed xmlns=\"http://www.w3.org/2005/Atom\"><title>{{ metadata.title }}</title>\n\
         {%- for post in collections.published | reverse %}\n\
         {%- set absolutePostUrl = post.url | absoluteUrl(metadata.url) -%}\n\
         <entry>{% if post.data.wpid %}<id>{{ site.domain }}/?p={{ post.data.wpid }}</id>{% else %}<id>{{ absolutePostUrl }}</id>{% endif %}</entry>\n\
         {%- endfor %}</feed>\n",
    )
    .file("blog/blog.json", "{\"tags\": [\"blog\"]}")
    .file("blog/2024/01/hello.md", "---\ntitle: Hello\ndate: 2024-01-02\n---\nHi\n")
    .file("blog/2024-05-06-dated/index.md", "---\ntitle: Dated\n---\nBy path\n")
    .file("blog/drafts/drafts.json", "{\"draft\": true, \"eleventyExcludeFromCollections\": true}")
    .file("blog/drafts/idea.md", "---\ntitle: Idea\n---\n")
    .file("blog/2025/essay/spillover.md", "---\npermalink: false\n---\nPart of the essay\n")
    .file("files/notes.md", "no front matter: not a post\n")
    .file("blog/2024/01/demo/index.html", "<p>A demo page, not a template</p>\n");
    site.run(["init", "--from", "auto"])
        .success()
        .stderr_has("detected Eleventy: package.json script `build:html` passes --config=_build/eleventy.js\n")
        .stderr_has("3. keep the entry ids the site's feed publishes today (they are not the post URLs): curl -s https://notes.example/feed.xml | feedwright lock --from -\n");
    let toml = std::fs::read_to_string(site.path("feeds.toml")).unwrap();
    for line in [
        "title = \"Notes\"",
        "url = \"https://notes.example/\"",
        "author = { name = \"Ada\", email = \"ada@notes.example\" }",
        "articles = \"blog\"",
        "permalink = \"/blog/{path}/{slug}/\"",
        "limit = 0",
        "#   curl -s https://notes.example/feed.xml | feedwright lock --from -",
    ] {
        assert!(toml.contains(line), "{line} in\n{toml}");
    }
    site.build().success();
    let feed = site.feed("feed.xml");
    let links: Vec<&str> = feed
        .entries
        .iter()
        .map(|e| e.links[0].href.as_str())
        .collect();
    assert_eq!(
        links,
        [
            "https://notes.example/blog/2024-05-06-dated/",
            "https://notes.example/blog/2024/01/hello/"
        ]
    );
}

/// Hugo applies `permalinks.blog` to the blog only: `init --from hugo` writes it under
/// `[site.permalinks]`, and the other sections (and root pages) keep Hugo's default
/// `/<folders>/<slug or file name>/`, so every link is the one Hugo publishes.
#[test]
fn hugo_permalinks_apply_to_their_section_only() {
    let site = Site::empty();
    site.file(
        "config.toml",
        "baseURL = \"https://dns.example/\"\ntitle = \"DNS\"\n\
         [permalinks]\nblog = \"/:year/:month/:day/:title/\"\nnotes = \"/:year/:slug/\"\n",
    );
    let page = |title: &str| format!("+++\ntitle = \"{title}\"\ndate = 2023-02-07\n+++\n");
    site.file("content/blog/rel-1.md", page("DNS-1.0 Release"))
        .file("content/plugins/acl.md", page("acl"))
        .file("content/about.md", page("About"))
        .file("content/manual/what.md", "# What is it?\n");
    site.run(["init", "--from", "hugo"]).success();
    let config = std::fs::read_to_string(site.path("feeds.toml")).unwrap();
    assert!(
        config.contains("permalink = \"/{path}/{slug}/\"\n")
            && config.contains(
                "[site.permalinks]\n# `permalinks.blog` = \"/:year/:month/:day/:title/\"\n\
                 blog = \"/{year}/{month}/{day}/{title}/\"\n"
            ),
        "{config}"
    );
    site.build().quiet().success();
    let feed = site.feed("index.xml");
    let mut links: Vec<&str> = feed
        .entries
        .iter()
        .map(|e| e.links[0].href.as_str())
        .collect();
    links.sort();
    assert_eq!(
        links,
        [
            "https://dns.example/2023/02/07/dns-1.0-release/",
            "https://dns.example/about/",
            "https://dns.example/plugins/acl/",
        ]
    );
}

/// The Rust blog's feed template dates each page by its `path` (`page.components | nth`):
/// `init --from zola` writes `date_from_path = true` for it, and the page is published with
/// that date (Zola's built-in templates would leave it out, so nothing is written for them).
#[test]
fn zola_template_dating_pages_by_path_turns_on_date_from_path() {
    let site = Site::empty();
    site.file(
        "config.toml",
        "base_url = \"https://x.org\"\ngenerate_feeds = true\nfeed_filenames = [\"feed.xml\"]\n",
    )
    .file("content/_index.md", "+++\ntitle = \"Blog\"\n+++\n")
    .file(
        "content/launch.md",
        "+++\ntitle = \"Launch\"\npath = \"2024/02/03/launch\"\n+++\nBody\n",
    )
    .file(
        "templates/feed.xml",
        "<feed xmlns=\"http://www.w3.org/2005/Atom\">{% for page in section.pages %}<entry>\
         <updated>{{ page.components | nth(n=0) }}-{{ page.components | nth(n=1) }}</updated>\
         <id>{{ page.permalink }}</id></entry>{% endfor %}</feed>",
    );
    site.run(["init", "--from", "zola"]).success();
    let config = std::fs::read_to_string(site.path("feeds.toml")).unwrap();
    assert!(
        config.contains(
            "# templates/feed.xml takes each entry's date from the page's `path` (YYYY/MM/DD/slug)\n\
             date_from_path = true\n"
        ),
        "{config}"
    );
    site.build().quiet().success();
    let feed = site.feed("feed.xml");
    assert_eq!(feed.entries.len(), 1);
    assert_eq!(
        feed.entries[0].published.unwrap().to_rfc3339(),
        "2024-02-03T00:00:00+00:00"
    );
}
