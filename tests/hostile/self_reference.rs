//! Class 7: a config that turns the tool on itself is an error when it is loaded, so `check`
//! reports it as `build` does and nothing is written: an output folder inside the articles
//! folder (feeds read back as records), an articles folder inside the published output folder,
//! an output that is the config file, an output that another one needs as a folder, outputs
//! that are one file where case is ignored, and output names that change their URL.

use crate::harness::{Site, CONFIG};

/// The default config plus `extra` (`[site]` keys first, then `[[feeds]]` tables).
fn site_with(site_keys: &str, feeds: &str) -> Site {
    let site = Site::new(&format!("{CONFIG}{site_keys}\n{feeds}"));
    site.article(
        "2026-01-01-a.md",
        "+++\ntitle = \"A\"\ndate = 2026-01-01\n+++\nbody\n",
    );
    site
}

/// Asserts that `build` and `check` both stop with exactly `stderr`, and that nothing was
/// written anywhere in the site.
#[track_caller]
fn refused(site: &Site, stderr: &str) {
    let before = crate::harness::files(site.dir.path());
    site.check().code(1).stderr_is(stderr);
    site.build().code(1).stderr_is(stderr);
    assert_eq!(
        crate::harness::files(site.dir.path()),
        before,
        "a refused config wrote something"
    );
    assert!(!site.path("public").exists());
}

#[test]
fn an_output_folder_inside_the_articles_folder_is_refused_so_no_feed_is_read_back() {
    let feed = "[[feeds]]\nname = \"m\"\njson = \"2026-01-02-feed.txt\"\nlimit = 0\n";
    refused(
        &site_with("output = \"articles\"", feed),
        "feeds.toml:6:1: error: output folder \"articles\" is the articles folder \"articles\"\n  \
         hint: use separate folders, e.g. articles = \"articles\" and output = \"public\"\n",
    );
    refused(
        &site_with("output = \"articles/pub\"", feed),
        "feeds.toml:6:1: error: output folder \"articles/pub\" is inside the articles folder \
         \"articles\", so feeds would be read back as records\n  \
         hint: use separate folders, e.g. articles = \"articles\" and output = \"public\"\n",
    );
}

#[test]
fn an_articles_folder_inside_the_published_output_folder_is_refused() {
    let site = site_with("articles = \"public/articles\"", "");
    site.article(
        "../public/articles/2026-01-01-draft.md",
        "+++\ntitle = \"D\"\ndate = 2026-01-01\ndraft = true\n+++\nsecret draft\n",
    );
    let before = crate::harness::files(site.dir.path());
    let stderr = "feeds.toml:6:1: error: articles folder \"public/articles\" is inside the output \
                  folder \"public\", which is published with drafts and scheduled articles\n  \
                  hint: use separate folders, e.g. articles = \"articles\" and output = \"public\"\n";
    site.check().code(1).stderr_is(stderr);
    site.build().code(1).stderr_is(stderr);
    assert_eq!(crate::harness::files(site.dir.path()), before);
}

#[test]
fn an_output_folder_holding_the_whole_site_is_refused_on_its_line() {
    refused(
        &site_with("output = \".\"", ""),
        "feeds.toml:6:1: error: articles folder \"articles\" is inside the output folder \".\", \
         which is published with drafts and scheduled articles\n  \
         hint: use separate folders, e.g. articles = \"articles\" and output = \"public\"\n",
    );
}

#[cfg(unix)]
#[test]
fn an_output_folder_linked_to_the_articles_folder_is_refused() {
    let site = site_with("", "");
    std::os::unix::fs::symlink("articles", site.path("public")).unwrap();
    let before = crate::harness::files(&site.path("articles"));
    let stderr = "feeds.toml: error: output folder \"public\" is the articles folder \"articles\"\n  \
                  hint: use separate folders, e.g. articles = \"articles\" and output = \"public\"\n";
    site.check().code(1).stderr_is(stderr);
    site.build().code(1).stderr_is(stderr);
    assert_eq!(crate::harness::files(&site.path("articles")), before);
}

#[test]
fn an_output_that_is_the_config_file_is_refused() {
    let site = Site::empty();
    site.file(
        "conf/feeds.toml",
        format!(
            "{CONFIG}output = \".\"\narticles = \"../articles\"\n\n[[feeds]]\nname = \"m\"\njson = \"feeds.toml\"\n"
        ),
    );
    site.article(
        "2026-01-01-a.md",
        "+++\ntitle = \"A\"\ndate = 2026-01-01\n+++\nbody\n",
    );
    let config = std::fs::read(site.path("conf/feeds.toml")).unwrap();
    let stderr =
        "conf/feeds.toml:11:1: error: feed \"m\": json \"feeds.toml\" would overwrite the \
                  config file\n  \
                  hint: write the feed to another file, or set [site] output to another folder\n";
    for args in [&["check"][..], &["build"][..]] {
        site.run(args)
            .args(["--config", "conf/feeds.toml"])
            .code(1)
            .stderr_is(stderr);
    }
    assert_eq!(std::fs::read(site.path("conf/feeds.toml")).unwrap(), config);
}

#[test]
fn a_file_that_another_output_needs_as_a_folder_is_refused_by_check_too() {
    refused(
        &site_with(
            "",
            "[[feeds]]\nname = \"a\"\nrss = \"rss.xml\"\n\n[[feeds]]\nname = \"b\"\nrss = \"rss.xml/inner.xml\"\n",
        ),
        "feeds.toml:13:1: error: feeds \"a\" and \"b\": \"rss.xml\" is a file but \
         \"rss.xml/inner.xml\" needs it as a folder\n  hint: give every output its own file\n",
    );
}

#[test]
fn outputs_that_differ_only_in_case_are_one_file_and_refused() {
    refused(
        &site_with(
            "",
            "[[feeds]]\nname = \"a\"\nrss = \"rss.xml\"\n\n[[feeds]]\nname = \"b\"\nrss = \"RSS.xml\"\n",
        ),
        "feeds.toml:13:1: error: feeds \"a\" and \"b\" write \"rss.xml\" and \"RSS.xml\", which \
         are one file where case is ignored (macOS, Windows)\n  hint: give every output its own file\n",
    );
}

#[test]
fn output_names_that_would_change_their_url_are_refused() {
    refused(
        &site_with("", "[[feeds]]\nname = \"a\"\natom = \"%2e%2e/x.xml\"\n"),
        "feeds.toml:9:1: error: feed \"a\": output path \"%2e%2e/x.xml\" has a character that \
         changes its URL (%)\n  hint: use letters, digits, `-`, `_`, `.` and `/` in output paths\n",
    );
    for (name, c) in [
        ("q?x=1.xml", "?"),
        ("h#frag.xml", "#"),
        ("back\\\\slash.xml", "\\"),
        ("javascript:alert(1).xml", ":"),
        ("x\\u001b[2J.xml", "\\u{1b}"),
    ] {
        let site = site_with("", &format!("[[feeds]]\nname = \"a\"\natom = \"{name}\"\n"));
        site.check()
            .code(1)
            .stderr_has(&format!("has a character that changes its URL ({c})"));
        site.build().code(1);
        assert!(!site.path("public").exists(), "{name}");
    }
}
