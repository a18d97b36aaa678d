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
        .stdout_is("./feeds.toml\n")
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
