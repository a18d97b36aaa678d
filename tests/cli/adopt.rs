//! `init --from`: in a small site of each generator (tests/adopt/<generator>/, in the
//! generator's own layout, written for these tests, each reproducing the conventions of a real
//! site; not under tests/fixtures/, whose sites are feedwright sites), `init --from auto` names
//! the generator it found and writes the feeds.toml of tests/golden/adopt-<generator>/, byte for
//! byte; it never overwrites a feeds.toml, and says so when no generator is found.

use std::collections::BTreeMap;

use crate::harness::{copy_dir, golden, repo, Site};

/// Copies the fixture, runs `init --from auto` in it and compares the written feeds.toml.
#[track_caller]
fn adopts(generator: &str, why: &str) {
    let site = Site::empty();
    copy_dir(&repo().join("tests/adopt").join(generator), site.dir.path());
    let run = site.run(["init", "--from", "auto"]).success();
    assert!(
        run.stderr()
            .starts_with(&format!("found a {generator} site: {why}\nnext: ")),
        "{}",
        run.stderr()
    );
    let written = std::fs::read(site.path("feeds.toml")).unwrap();
    let outputs = BTreeMap::from([("feeds.toml".to_string(), written)]);
    golden::assert_matches(&format!("adopt-{generator}"), &outputs);
}

#[test]
fn hugo_site_with_config_folder_theme_template_and_ugly_urls() {
    adopts("hugo", "found config/_default/hugo.toml");
}

#[test]
fn jekyll_site_with_jekyll_feed_categories_and_site_variables() {
    adopts("jekyll", "found _config.yml");
}

#[test]
fn zola_site_with_sections_feeds_and_a_feed_template() {
    adopts("zola", "config.toml sets base_url");
}

#[test]
fn eleventy_site_with_feed_templates_collections_and_path_prefix() {
    adopts("eleventy", "found eleventy.config.js");
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
