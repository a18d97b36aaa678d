//! Feeds per tag and per author: one `[[feeds]]` entry with `per = "tag"` (or `"author"`) and
//! paths holding `{tag}` (`{author}`) writes one feed per value, each with its own files, self
//! URL, feed id and templated title; values that make one slug are an error naming both (and
//! their files), writing nothing; `min_entries` skips rare values (drafts and scheduled articles
//! do not count); feeds no longer made are reported and deleted only by `build --prune`, which
//! deletes nothing a feed of the config would not have written.

use crate::harness::{Site, CONFIG};

/// One feed per tag in every format, with the keys in `extra` (one a line).
fn per_tag(extra: &str) -> String {
    format!(
        "{CONFIG}\n[[feeds]]\nname = \"tags\"\nper = \"tag\"\nrss = \"tags/{{tag}}/rss.xml\"\n\
         atom = \"tags/{{tag}}/atom.xml\"\njson = \"tags/{{tag}}/feed.json\"\n{extra}"
    )
}

/// Writes article `name` dated `date` with `tags` (TOML array items) and front matter `extra`.
fn post(site: &Site, name: &str, date: &str, tags: &str, extra: &str) {
    site.article(
        &format!("{name}.md"),
        &format!("+++\ntitle = \"{name}\"\ndate = {date}\ntags = [{tags}]\n{extra}+++\nBody of {name}.\n"),
    );
}

/// The output files, sorted.
fn files(site: &Site) -> Vec<String> {
    site.outputs().into_keys().collect()
}

#[test]
fn each_tag_gets_its_own_files_urls_ids_and_title_unicode_tags_included() {
    let site = Site::new(&per_tag("title = \"{site} - {tag}\"\n"));
    post(&site, "one", "2026-01-01", "\"Café\", \"Rust\"", "");
    post(&site, "two", "2026-01-02", "\"Café\", \"日本語\"", "");
    site.build().quiet().success();
    assert_eq!(
        files(&site),
        [
            "tags/cafe/atom.xml",
            "tags/cafe/feed.json",
            "tags/cafe/rss.xml",
            "tags/ri-ben-yu/atom.xml",
            "tags/ri-ben-yu/feed.json",
            "tags/ri-ben-yu/rss.xml",
            "tags/rust/atom.xml",
            "tags/rust/feed.json",
            "tags/rust/rss.xml",
        ]
    );
    let base = "https://example.org/blog/tags";
    for (slug, tag, entries) in [
        ("cafe", "Café", 2),
        ("ri-ben-yu", "日本語", 1),
        ("rust", "Rust", 1),
    ] {
        let atom = site.feed(&format!("tags/{slug}/atom.xml"));
        assert_eq!(
            atom.id,
            format!("{base}/{slug}/atom.xml"),
            "the feed id is its own URL"
        );
        assert_eq!(atom.title.unwrap().content, format!("Test Site - {tag}"));
        assert_eq!(atom.entries.len(), entries);
        let json = site.json(&format!("tags/{slug}/feed.json"));
        assert_eq!(json["feed_url"], format!("{base}/{slug}/feed.json"));
        assert_eq!(json["title"], format!("Test Site - {tag}"));
        let rss = site.read(&format!("tags/{slug}/rss.xml"));
        let self_link = format!("<atom:link href=\"{base}/{slug}/rss.xml\" rel=\"self\"");
        assert!(rss.contains(&self_link), "{rss}");
    }
    assert_eq!(site.items("tags/cafe/feed.json", "title"), ["two", "one"]);
    // The same build again writes nothing, and --check agrees.
    site.build()
        .success()
        .stderr_has("9 feed file(s): 0 written, 9 unchanged");
    site.build().arg("--check").success();
}

#[test]
fn two_tags_that_slug_alike_are_an_error_naming_both_and_their_files_and_nothing_is_written() {
    let site = Site::new(&per_tag(""));
    post(&site, "a", "2026-01-01", "\"Rust\"", "");
    post(&site, "b", "2026-01-02", "\"rust\"", "");
    post(&site, "c", "2026-01-03", "\"rust\", \"Go\"", "");
    let want = "feeds.toml:9:1: error: feed \"tags\": tags \"Rust\" (articles/a.md) and \"rust\" \
                (articles/b.md, articles/c.md) make one slug, so their feeds would be one file \
                (\"tags/rust/rss.xml\")\n  hint: write the tag one way in every article\n";
    site.build().code(1).stderr_is(want);
    assert!(site.outputs().is_empty(), "nothing written");
    assert!(!site.path("feeds.lock").exists(), "nothing written");
    site.build().arg("--dry-run").code(1).stderr_is(want);
    site.check().code(1).stderr_is(want);
    // A tag that slugs like a file another feed writes is refused too.
    site.config(&format!(
        "{}\n[[feeds]]\nname = \"go\"\nrss = \"tags/go/rss.xml\"\n",
        per_tag("")
    ));
    site.article("b.md", "+++\ntitle = \"b\"\ndate = 2026-01-02\n+++\nb\n");
    site.article(
        "c.md",
        "+++\ntitle = \"c\"\ndate = 2026-01-03\ntags = [\"Go\"]\n+++\nc\n",
    );
    site.build().code(1).stderr_is(
        "feeds.toml:9:1: error: feeds \"go\" and \"tags/go\" both write \"tags/go/rss.xml\"\n  \
         hint: give every output its own file\n",
    );
    assert!(site.outputs().is_empty(), "nothing written");
    assert!(!site.path("feeds.lock").exists(), "nothing written");
}

#[test]
fn per_author_feeds_use_the_authors_name_in_paths_and_titles() {
    let site = Site::new(&format!(
        "{CONFIG}\n[authors]\njose = {{ name = \"José Ortega\" }}\n\n[[feeds]]\nname = \"by\"\n\
         per = \"author\"\ntitle = \"{{author}} writing in {{site}}\"\n\
         description = \"Everything {{author}} wrote\"\njson = \"authors/{{author}}.json\"\n"
    ));
    post(&site, "one", "2026-01-01", "", "author = \"jose\"\n");
    post(&site, "two", "2026-01-02", "", "");
    site.build().quiet().success();
    assert_eq!(
        files(&site),
        ["authors/jose-ortega.json", "authors/site-author.json"]
    );
    let jose = site.json("authors/jose-ortega.json");
    assert_eq!(jose["title"], "José Ortega writing in Test Site");
    assert_eq!(jose["description"], "Everything José Ortega wrote");
    assert_eq!(site.items("authors/jose-ortega.json", "title"), ["one"]);
    assert_eq!(site.items("authors/site-author.json", "title"), ["two"]);
}

#[test]
fn min_entries_skips_rare_tags_and_drafts_and_scheduled_articles_do_not_count() {
    let site = Site::new(&per_tag("min_entries = 2\n"));
    post(&site, "a", "2026-01-01", "\"common\", \"rare\"", "");
    post(&site, "b", "2026-01-02", "\"common\", \"later\"", "");
    post(&site, "draft", "2026-01-03", "\"rare\"", "draft = true\n");
    post(&site, "soon", "2026-12-01", "\"later\"", "");
    site.build().quiet().success();
    let common = [
        "tags/common/atom.xml",
        "tags/common/feed.json",
        "tags/common/rss.xml",
    ];
    assert_eq!(files(&site), common);
    // `--drafts` shows drafts, so they count there; the scheduled article counts once due.
    site.build()
        .args(["--drafts", "--dry-run"])
        .success()
        .stderr_has("would write: public/tags/rare/rss.xml\n");
    site.build_at("2026-12-02T00:00:00Z")
        .arg("--check")
        .code(1)
        .stderr_has("stale: public/tags/later/rss.xml\n");
    site.build_at("2026-12-02T00:00:00Z").quiet().success();
    assert_eq!(site.items("tags/later/feed.json", "title"), ["soon", "b"]);
}

#[test]
fn per_entries_take_the_feed_keys_limit_content_globs_and_budget() {
    let site = Site::new(&per_tag(
        "limit = 1\ncontent = \"summary\"\nexclude = [\"private/**\"]\nmax_bytes = \"64 KB\"\n",
    ));
    post(&site, "a", "2026-01-01", "\"x\"", "");
    post(&site, "b", "2026-01-02", "\"x\"", "");
    site.article(
        "private/c.md",
        "+++\ntitle = \"c\"\ndate = 2026-01-03\ntags = [\"x\", \"secret\"]\n+++\nc\n",
    );
    site.build()
        .success()
        .stderr_has("public/tags/x/rss.xml: ")
        .stderr_has("bytes of 64,000");
    assert_eq!(
        files(&site),
        ["tags/x/atom.xml", "tags/x/feed.json", "tags/x/rss.xml"]
    );
    let json = site.json("tags/x/feed.json");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0]["title"], "b");
    assert!(
        items[0].get("content_html").is_none(),
        "summary only: {json}"
    );
}

#[test]
fn config_errors_name_their_line_and_write_nothing() {
    let site = Site::new(&format!(
        "{CONFIG}\n[[feeds]]\nname = \"tags\"\nper = \"tag\"\nrss = \"tags/rss.xml\"\n\
         archive = {{ page_size = 5, path = \"tags/{{n}}.xml\" }}\n\n[[feeds]]\nname = \"b\"\n\
         atom = \"by/{{author}}.xml\"\n"
    ));
    post(&site, "a", "2026-01-01", "\"x\"", "");
    site.build().code(1).stderr_is(
        "feeds.toml:10:1: error: feed \"tags\": rss \"tags/rss.xml\" has {tag} nowhere\n  \
         hint: a feed with per = \"tag\" writes one file per tag at a path holding {tag} once, \
         e.g. rss = \"tags/{tag}/rss.xml\"\n\
         feeds.toml:9:1: error: feed \"tags\": archive pages are not made for feeds with `per`\n  \
         hint: remove archive from this entry, or write a [[feeds]] entry per value with its own \
         archive\n\
         feeds.toml:15:1: error: feed \"b\": atom \"by/{author}.xml\" has {author} but the feed \
         has no `per`\n  hint: add per = \"author\" to write one feed per value, or remove \
         {author} from the path\n",
    );
    assert!(site.outputs().is_empty());
}

/// A site whose feed per tag was built with tags "old" and "kept", then "old" dropped: the
/// files of "old" are left behind, beside files no feed of the config would write.
fn tag_dropped() -> Site {
    let site = Site::new(&per_tag(""));
    post(&site, "a", "2026-01-01", "\"old\", \"kept\"", "");
    site.build().quiet().success();
    post(&site, "a", "2026-01-01", "\"kept\"", "");
    // Not a feed, not the pattern's, not a slug this site makes, a link: never deleted.
    site.file("public/tags/old/notes.txt", "mine");
    let feed = site.read("tags/old/rss.xml");
    site.file("public/tags/old/extra.xml", &feed);
    site.file("public/tags/Not A Slug/rss.xml", &feed);
    site.file("public/elsewhere/rss.xml", &feed);
    std::fs::create_dir_all(site.path("public/tags/linked")).unwrap();
    let link = site.path("public/tags/linked/rss.xml");
    std::os::unix::fs::symlink(site.path("public/elsewhere/rss.xml"), link).unwrap();
    site
}

const OLD: [&str; 3] = [
    "tags/old/atom.xml",
    "tags/old/feed.json",
    "tags/old/rss.xml",
];

#[test]
fn a_feed_no_longer_made_is_reported_and_left_in_place_without_prune() {
    let site = tag_dropped();
    let before = site.outputs();
    let mut out = site.build().success();
    for file in OLD {
        out = out.stderr_has(&format!(
            "left in place: public/{file} is feed \"tags\"'s for the tag \"old\", which has no \
             feed now (no article has it, or fewer than min_entries): subscribers may still poll \
             it; `feedwright build --prune` deletes it\n"
        ));
    }
    let after = site.outputs();
    for file in OLD {
        assert_eq!(after.get(file), before.get(file), "{file} kept");
    }
    // --check and --dry-run without --prune say nothing of them and pass.
    site.build().arg("--check").success();
    site.build()
        .arg("--dry-run")
        .success()
        .stderr_has("0 would be written");
    // --check --prune: the files --prune would delete are stale; --dry-run --prune names them.
    let mut check = site.build().args(["--check", "--prune"]).code(1);
    let mut dry = site.build().args(["--dry-run", "--prune"]).success();
    for file in OLD {
        check = check.stderr_has(&format!(
            "stale: public/{file} (feed \"tags\" makes no feed for the tag \"old\" any more)\n"
        ));
        dry = dry.stderr_has(&format!(
            "would delete: public/{file} (feed \"tags\" makes no feed for the tag \"old\" any more)\n"
        ));
    }
    check.stderr_has("feedwright: 3 output file(s) are stale");
    assert_eq!(
        site.outputs(),
        after,
        "nothing deleted by --check or --dry-run"
    );
}

#[test]
fn prune_deletes_only_what_the_pattern_makes_after_writing_the_new_feeds() {
    let site = tag_dropped();
    let before = site.outputs();
    // A build that fails to write its new feeds deletes nothing.
    post(&site, "b", "2026-01-02", "\"fresh\"", "");
    std::fs::create_dir_all(site.path("public/tags/fresh/rss.xml")).unwrap();
    site.build().arg("--prune").code(3);
    assert_eq!(site.outputs(), before, "nothing deleted");
    std::fs::remove_dir(site.path("public/tags/fresh/rss.xml")).unwrap();
    std::fs::remove_file(site.path("articles/b.md")).unwrap();
    let mut out = site.build().arg("--prune").success();
    for file in OLD {
        out = out.stderr_has(&format!(
            "deleted: public/{file} (feed \"tags\" makes no feed for the tag \"old\" any more)\n"
        ));
    }
    let after = site.outputs();
    let gone: Vec<&String> = before.keys().filter(|f| !after.contains_key(*f)).collect();
    assert_eq!(gone, OLD, "only the old tag's feed files");
    for kept in [
        "tags/old/notes.txt",
        "tags/old/extra.xml",
        "tags/Not A Slug/rss.xml",
        "elsewhere/rss.xml",
        "tags/kept/rss.xml",
    ] {
        assert!(after.contains_key(kept), "{kept} kept");
    }
    assert!(
        site.path("public/tags/linked/rss.xml").is_symlink(),
        "link kept"
    );
    // The folder the pattern made stays while it holds anything else; empty, it goes.
    assert!(site.path("public/tags/old").is_dir());
    std::fs::remove_file(site.path("public/tags/old/notes.txt")).unwrap();
    std::fs::remove_file(site.path("public/tags/old/extra.xml")).unwrap();
    site.build().arg("--prune").quiet().success();
    assert!(
        site.path("public/tags/old").is_dir(),
        "emptied by hand: not ours to remove"
    );
    // A tag dropped with nothing else beside its files leaves no folder behind.
    post(&site, "a", "2026-01-01", "\"other\"", "");
    site.build().quiet().success();
    post(&site, "a", "2026-01-01", "", "");
    post(&site, "z", "2026-01-05", "\"kept\"", "");
    site.build().arg("--prune").quiet().success();
    assert!(!site.path("public/tags/other").exists());
}

#[test]
fn the_shrink_guard_watches_each_generated_feed_by_its_name_and_file() {
    let site = Site::new(&per_tag(""));
    for n in 1..=4 {
        post(
            &site,
            &format!("p{n}"),
            &format!("2026-01-0{n}"),
            "\"x\"",
            "",
        );
    }
    site.build().quiet().success();
    // Without a ledger the feeds on disk are what subscribers were promised.
    std::fs::remove_file(site.path("feeds.lock")).unwrap();
    for n in 1..=3 {
        std::fs::remove_file(site.path(&format!("articles/p{n}.md"))).unwrap();
    }
    site.build().code(1).stderr_has(
        "  feed \"tags/x\" (public/tags/x/feed.json): 4 entries before, 1 now, 3 of them gone \
         from the articles folder\n",
    );
    site.build().arg("--allow-shrink").quiet().success();
    assert_eq!(site.items("tags/x/feed.json", "title"), ["p4"]);
}
