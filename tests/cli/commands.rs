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
        .stdout_is("articles/2026-05-02-cafe-quotes.md\n")
        .stderr_is(
            "feedwright: articles/2026-05-02-cafe-quotes.md is a draft (draft = true): builds \
             leave it out until you remove that line (or write it with `feedwright new --publish`)\n",
        );
    let text = std::fs::read_to_string(site.join("articles/2026-05-02-cafe-quotes.md")).unwrap();
    assert!(
        text.starts_with(
            "+++\ntitle = 'Café & \"quotes\"'\ndate = 2026-05-02T10:00:00+00:00\ntags = []\ndraft = true\n+++\n"
        ),
        "{text}"
    );
    new().code(1);
    feedwright_in(&site)
        .args(["build", "-q", "--strict", "--now", "2026-05-03T00:00:00Z"])
        .success();
    // `new` writes a draft: the build leaves it out until `draft = true` goes.
    let feed = parse_feed(&std::fs::read(site.join("public/rss.xml")).unwrap());
    assert_eq!(feed.entries.len(), 1);
    feedwright_in(&site)
        .args(["new", "Ready", "--publish", "--now", "2026-05-02T11:00:00Z"])
        .success()
        .stdout_is("articles/2026-05-02-ready.md\n")
        .stderr_is("");
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

#[test]
fn run_inside_a_subfolder_the_nearest_feeds_toml_above_is_used_and_named() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    site.article("deep/er/photo.png", "not a record");
    feedwright_in(&site.path("articles/deep/er"))
        .args(["build", "--now", NOW])
        .success()
        .stderr_starts_with(
            "feedwright: using ../../../feeds.toml (no feeds.toml in this folder)\n",
        );
    assert!(
        site.path("public/rss.xml").exists(),
        "paths resolve from the config's folder"
    );
    assert!(!site.path("articles/deep/er/public").exists());
    feedwright_in(&site.path("articles"))
        .args(["check", "-q"])
        .success()
        .stderr_is("feedwright: using ../feeds.toml (no feeds.toml in this folder)\n");
    // Given explicitly, a missing config is not looked up elsewhere.
    feedwright_in(&site.path("articles"))
        .args(["check", "--config", "feeds.toml"])
        .code(1)
        .stderr_has("feeds.toml: error: cannot read config");
}

#[test]
fn check_quiet_prints_only_problems() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    site.run(["check", "-q"]).success().stderr_is("");
    site.run(["check"])
        .success()
        .stderr_has("feeds.toml and 1 article file(s) are valid");
}

#[test]
fn completions_and_the_manual_page_come_from_the_command_line_definitions() {
    let site = Site::empty();
    for (shell, marker) in [
        ("bash", "_feedwright()"),
        ("zsh", "#compdef feedwright"),
        ("fish", "complete -c feedwright"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = site.run(["completions", shell]).success();
        let text = out.stdout();
        assert!(text.contains(marker), "{shell}: {text}");
        assert!(text.contains("reseal"), "{shell} completes build's flags");
    }
    let man = site.run(["man"]).success();
    let text = man.stdout();
    assert!(text.contains(".TH feedwright 1"), "{text}");
    assert!(text.contains("lock"), "{text}");
    site.run(["completions", "tcsh"]).code(2);
}

#[test]
fn the_schema_of_feeds_toml_is_generated_from_the_config_types_and_the_committed_copy_is_current() {
    let site = Site::empty();
    let out = site.run(["schema"]).success();
    let committed =
        std::fs::read_to_string(crate::harness::repo().join("feeds.schema.json")).unwrap();
    assert!(
        out.stdout() == committed,
        "feeds.schema.json is stale: run `cargo run -- schema > feeds.schema.json`"
    );
    let schema: serde_json::Value = serde_json::from_str(&committed).unwrap();
    let feed = &schema["$defs"]["RawFeed"]["properties"];
    for key in [
        "name", "rss", "atom", "json", "limit", "archive", "include", "id",
    ] {
        assert!(feed[key]["description"].is_string(), "[[feeds]] {key}");
    }
    assert_eq!(schema["additionalProperties"], false, "typos are errors");
    // The demo points editors at it.
    let demo = std::fs::read_to_string(crate::harness::repo().join("feeds.toml")).unwrap();
    assert!(demo.starts_with("#:schema ./feeds.schema.json\n"));
}

#[test]
fn init_writes_the_schema_beside_feeds_toml_and_points_editors_at_it() {
    let home = Site::empty();
    home.run(["init", "site", "--now", "2026-05-01T10:00:00Z"])
        .success()
        .stdout_is(
            "site/feeds.toml\nsite/feeds.schema.json\nsite/articles/2026-05-01-hello-world.md\n",
        );
    let config = std::fs::read_to_string(home.path("site/feeds.toml")).unwrap();
    assert!(
        config.starts_with("#:schema ./feeds.schema.json\n"),
        "{config}"
    );
    let schema = std::fs::read_to_string(home.path("site/feeds.schema.json")).unwrap();
    assert_eq!(schema, home.run(["schema"]).success().stdout());
}
