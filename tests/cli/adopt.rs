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
