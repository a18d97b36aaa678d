//! `init` makes a site that builds, `new` starts an article in it, and `--config` or
//! `FEEDWRIGHT_CONFIG` find a site from anywhere, its paths taken from the config's folder.

use crate::harness::{feedwright_in, parse_feed, Site, NOW};

#[test]
fn init_then_new_then_build_works() {
    let home = Site::empty();
    home.run(["init", "site", "--now", "2026-05-01T10:00:00Z"])
        .success();
    let site = home.path("site");
    assert!(site.join("articles/2026-05-01-hello-world.md").exists());
    let new =
        || feedwright_in(&site).args(["new", "Café & \"quotes\"", "--now", "2026-05-02T10:00:00Z"]);
    new()
        .success()
        .stdout_is("articles/2026-05-02-cafe-quotes.md\n");
    let text = std::fs::read_to_string(site.join("articles/2026-05-02-cafe-quotes.md")).unwrap();
    assert!(
        text.starts_with("+++\ntitle = 'Café & \"quotes\"'\ndate = 2026-05-02T10:00:00+00:00\n"),
        "{text}"
    );
    new().code(1);
    feedwright_in(&site)
        .args(["build", "-q", "--strict", "--now", "2026-05-03T00:00:00Z"])
        .success();
    let feed = parse_feed(&std::fs::read(site.join("public/rss.xml")).unwrap());
    assert_eq!(feed.entries.len(), 2);
    home.run(["init", "site"])
        .code(1)
        .stderr_has("already exists");
}

#[test]
fn config_flag_and_env_resolve_paths_against_the_config_folder() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    let elsewhere = Site::empty();
    elsewhere
        .run(["build", "-q", "--now", NOW, "--config"])
        .arg(site.path("feeds.toml"))
        .success();
    assert!(site.path("public/rss.xml").exists());
    std::fs::remove_dir_all(site.path("public")).unwrap();
    elsewhere
        .run(["build", "-q", "--now", NOW])
        .env("FEEDWRIGHT_CONFIG", site.path("feeds.toml"))
        .success();
    assert!(site.path("public/rss.xml").exists());
    assert!(!elsewhere.path("public").exists());
}
