//! Never surprise a subscriber: every entry keeps the id it was first published with (the
//! ledger, `feeds.lock`), and a build that would change ids, rename everything past recognition
//! or empty a feed stops with a message and writes nothing, unless told otherwise.

use std::io::Write;
use std::process::Stdio;

use crate::harness::{repo, Site, CONFIG};

/// The config with the site at `url` and links made by `permalink`.
fn config(url: &str, permalink: &str) -> String {
    CONFIG.replace("https://example.org/blog/", url) + &format!("permalink = {permalink:?}\n")
}

/// A site of three articles (one, two, three), built once: its ledger is written.
fn three_posts() -> Site {
    let site = Site::minimal();
    for (day, name) in [(1, "one"), (2, "two"), (3, "three")] {
        site.article(
            &format!("2026-01-0{day}-{name}.md"),
            &format!("+++\ntitle = \"Post {name}\"\n+++\nBody of {name}.\n"),
        );
    }
    site.build().quiet().success();
    site
}

/// The ids the JSON feed publishes, newest first.
fn ids(site: &Site) -> Vec<String> {
    site.items("feed.json", "id")
}

/// The ledger's text.
fn ledger(site: &Site) -> String {
    std::fs::read_to_string(site.path("feeds.lock")).unwrap()
}

/// The churn guard's first line, and the hints every churn message ends with.
const CHURN: &str =
    "feedwright: error: this build would change ids that subscribers know; nothing was written\n";
const READERS: &str = "  hint: readers know an entry by its id: under a new id they get it again, and of two entries with one id they keep one\n";
const ACCEPT: &str = "  hint: undo the change, or publish it anyway with --accept-id-change ENTRY (one entry) or --accept-churn (all)\n";

const ONE: &str = "tag:example.org,2026-01-01:blog/one";
const TWO: &str = "tag:example.org,2026-01-02:blog/two";
const THREE: &str = "tag:example.org,2026-01-03:blog/three";

#[test]
fn the_first_build_writes_the_ledger_and_a_build_that_publishes_nothing_new_leaves_it() {
    let site = three_posts();
    let text = ledger(&site);
    assert!(text.starts_with("# feeds.lock: the id each article was first published with"));
    assert!(
        text.ends_with(
            "\n[\"2026-01-03-three.md\"]\nid = \"tag:example.org,2026-01-03:blog/three\"\n\
             published = 2026-01-03T00:00:00+00:00\ntitle = \"Post three\"\n"
        ),
        "{text}"
    );
    let mtime = || {
        std::fs::metadata(site.path("feeds.lock"))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before = mtime();
    std::thread::sleep(std::time::Duration::from_millis(1100));
    site.article(
        "2026-01-02-two.md",
        "+++\ntitle = \"Post two, edited\"\n+++\nNew body.\n",
    );
    site.build().quiet().success();
    assert_eq!(
        mtime(),
        before,
        "an edit publishes no new id: the ledger is not rewritten"
    );
    assert_eq!(ledger(&site), text);
}

#[test]
fn with_the_ledger_ids_survive_file_renames_slug_date_site_url_and_permalink() {
    let site = Site::new(&config("http://example.org/blog/", "/{slug}/"));
    site.article("2026-01-01-one.md", "+++\ntitle = \"Post one\"\n+++\nx\n")
        .article("2026-01-02-two.md", "+++\ntitle = \"Post two\"\n+++\nx\n")
        .article(
            "2026-01-03-three.md",
            "+++\ntitle = \"Post three\"\n+++\nx\n",
        );
    site.build().quiet().success();
    assert_eq!(ids(&site), [THREE, TWO, ONE]);
    // A move into a folder (same slug, same id) and a rename (new slug, same title and date).
    std::fs::create_dir(site.path("articles/2026")).unwrap();
    let mv = |from: &str, to: &str| {
        std::fs::rename(
            site.path(&format!("articles/{from}")),
            site.path(&format!("articles/{to}")),
        )
        .unwrap()
    };
    mv("2026-01-02-two.md", "2026/2026-01-02-two.md");
    mv("2026-01-03-three.md", "2026-01-03-the-third.md");
    site.build().success().stderr_starts_with(
        "renamed: 2026-01-02-two.md -> 2026/2026-01-02-two.md keeps its id \
         tag:example.org,2026-01-02:blog/two (found by id)\n\
         renamed: 2026-01-03-three.md -> 2026-01-03-the-third.md keeps its id \
         tag:example.org,2026-01-03:blog/three (found by title and date)\n",
    );
    assert_eq!(ids(&site), [THREE, TWO, ONE], "renames");
    assert!(ledger(&site)
        .contains("[\"2026-01-03-the-third.md\"]\nid = \"tag:example.org,2026-01-03:blog/three\""));
    // Each edit below alone would give another default id; the ledger keeps the published one.
    site.article(
        "2026-01-01-one.md",
        "+++\ntitle = \"Post one\"\nslug = \"uno\"\n+++\nx\n",
    );
    site.build().quiet().success();
    assert_eq!(ids(&site), [THREE, TWO, ONE], "slug");
    site.article(
        "2026/2026-01-02-two.md",
        "+++\ntitle = \"Post two\"\ndate = 2026-01-04\n+++\nx\n",
    );
    site.build().quiet().success();
    assert_eq!(ids(&site), [TWO, THREE, ONE], "date (now the newest)");
    site.config(&config(
        "https://www.example.org/blog/",
        "/{year}/{slug}.html",
    ));
    site.build().quiet().success();
    assert_eq!(
        ids(&site),
        [TWO, THREE, ONE],
        "site URL (scheme and host) and permalink"
    );
    assert_eq!(
        site.json("feed.json")["items"][2]["url"],
        "https://www.example.org/blog/2026/uno.html",
        "the links did change"
    );
    site.build().arg("--locked").quiet().success();
}

#[test]
fn in_link_id_mode_a_new_permalink_keeps_the_published_ids_and_a_feed_with_its_own_mode_its_own() {
    let config = |permalink: &str| {
        format!(
            "{CONFIG}id = \"link\"\npermalink = {permalink:?}\n\n[[feeds]]\nname = \"main\"\n\
             json = \"feed.json\"\n\n[[feeds]]\nname = \"tags\"\nid = \"tag\"\njson = \"tags.json\"\n"
        )
    };
    let site = Site::new(&config("/{slug}/"));
    site.article("2026-01-01-one.md", "+++\ntitle = \"Post one\"\n+++\nx\n");
    site.build().quiet().success();
    let ids = |file: &str| site.json(file)["items"][0]["id"].clone();
    assert_eq!(ids("feed.json"), "https://example.org/blog/one/");
    assert_eq!(ids("tags.json"), ONE);
    site.config(&config("/{year}/{slug}.html"));
    site.build().quiet().success();
    assert_eq!(
        ids("feed.json"),
        "https://example.org/blog/one/",
        "the link published first"
    );
    assert_eq!(
        site.json("feed.json")["items"][0]["url"],
        "https://example.org/blog/2026/one.html"
    );
    assert_eq!(
        ids("tags.json"),
        ONE,
        "a feed with its own id mode keeps that mode's id"
    );
}

#[test]
fn without_a_ledger_the_churn_guard_reads_the_feeds_on_disk_and_writes_nothing() {
    let site = three_posts();
    std::fs::remove_file(site.path("feeds.lock")).unwrap();
    let before = site.outputs();
    site.article(
        "2026-01-02-two.md",
        "+++\ntitle = \"Post two\"\nslug = \"deux\"\n+++\nBody of two.\n",
    );
    site.build().quiet().code(1).stderr_is(
        &format!("{CHURN}  entry             | old id                              | new id                               | why
  2026-01-02-two.md | tag:example.org,2026-01-02:blog/two | tag:example.org,2026-01-02:blog/deux | its slug changed
{READERS}  hint: to keep the ids already published, run `feedwright lock --from public/feed.json` first
{ACCEPT}"),
    );
    assert_eq!(site.outputs(), before);
    assert!(!site.path("feeds.lock").exists());
    site.build()
        .args(["--accept-id-change", "2026-01-02-two.md"])
        .quiet()
        .success()
        .stderr_is(
            "accepted id change: 2026-01-02-two.md: tag:example.org,2026-01-02:blog/two -> \
             tag:example.org,2026-01-02:blog/deux (its slug changed)\n",
        );
    assert_eq!(
        ids(&site),
        [THREE, "tag:example.org,2026-01-02:blog/deux", ONE]
    );
    assert!(ledger(&site).contains("id = \"tag:example.org,2026-01-02:blog/deux\""));
}

#[test]
fn an_id_field_that_would_replace_a_published_id_is_churn_and_each_override_works() {
    for accept in [
        &["--accept-id-change", "2026-01-01-one.md"][..],
        &["--accept-churn"],
    ] {
        let site = three_posts();
        let before = (site.outputs(), ledger(&site));
        site.article(
            "2026-01-01-one.md",
            "+++\ntitle = \"Post one\"\nid = \"urn:uuid:1\"\n+++\nx\n",
        );
        site.build().quiet().code(1).stderr_is(&format!(
            "{CHURN}  entry             | old id                              | new id     | why
  2026-01-01-one.md | tag:example.org,2026-01-01:blog/one | urn:uuid:1 | the `id` field says so
{READERS}{ACCEPT}"
        ));
        assert_eq!((site.outputs(), ledger(&site)), before, "nothing written");
        site.build().args(accept).quiet().success().stderr_is(
            "accepted id change: 2026-01-01-one.md: tag:example.org,2026-01-01:blog/one -> \
             urn:uuid:1 (the `id` field says so)\n",
        );
        assert_eq!(ids(&site), [THREE, TWO, "urn:uuid:1"]);
        site.build().quiet().success().stderr_is("");
    }
}

#[test]
fn a_rename_storm_is_churn_unless_accepted() {
    let site = three_posts();
    site.article("2026-01-04-four.md", "+++\ntitle = \"Post four\"\n+++\nx\n");
    site.build().quiet().success();
    let before = (site.outputs(), ledger(&site));
    // Every file renamed and retitled: nothing to recognise them by.
    for (day, name) in [(1, "one"), (2, "two"), (3, "three"), (4, "four")] {
        std::fs::remove_file(site.path(&format!("articles/2026-01-0{day}-{name}.md"))).unwrap();
        site.article(
            &format!("2026-01-0{day}-new-{name}.md"),
            &format!("+++\ntitle = \"New {name}\"\n+++\nx\n"),
        );
    }
    site.build().quiet().code(1).stderr_is(
        &format!("{CHURN}  rename storm: feeds.lock: 4 of its 4 entries would be new, and 4 of the 4 it showed are gone
{READERS}{ACCEPT}"),
    );
    assert_eq!((site.outputs(), ledger(&site)), before);
    site.build().arg("--accept-churn").quiet().success().stderr_is(
        "accepted churn: feeds.lock: 4 of its 4 entries would be new, and 4 of the 4 it showed are gone\n",
    );
    assert_eq!(ids(&site)[0], "tag:example.org,2026-01-04:blog/new-four");
}

#[test]
fn two_entries_with_one_id_are_refused_even_with_accept_churn() {
    let site = three_posts();
    // one.md takes another slug (and keeps its id); a new file then derives that id.
    site.article(
        "2026-01-01-one.md",
        "+++\ntitle = \"Post one\"\nslug = \"uno\"\n+++\nx\n",
    )
    .article(
        "2026-01-01-one-again.md",
        "+++\ntitle = \"Again\"\nslug = \"one\"\n+++\nx\n",
    );
    let refused = &format!("{CHURN}  entry                   | old id | new id                              | why
  2026-01-01-one-again.md | -      | tag:example.org,2026-01-01:blog/one | 2026-01-01-one.md has this id
{READERS}  hint: give one of two entries sharing an id another `slug` or an `id` field
{ACCEPT}");
    site.build().quiet().code(1).stderr_is(refused);
    site.build()
        .arg("--accept-churn")
        .quiet()
        .code(1)
        .stderr_is(refused);
    // Letting one.md take its new id frees the old one.
    site.build()
        .args(["--accept-id-change", "2026-01-01-one.md"])
        .quiet()
        .success();
    let got = ids(&site);
    assert!(
        got.contains(&"tag:example.org,2026-01-01:blog/uno".to_string()),
        "{got:?}"
    );
    assert!(got.contains(&ONE.to_string()), "{got:?}");
}

/// The shrink guard's message for the three-post site with an empty articles folder.
const EMPTIED: &str = "feedwright: error: this build would take entries away from subscribers; nothing was written
  feeds.lock: 3 entries before, 0 now, 3 of them gone from the articles folder
  feed \"main\" (public/feed.json): 3 entries before, 0 now, 3 of them gone from the articles folder
  articles folder read: articles (0 record file(s))
  hint: if the folder is right and the articles were removed on purpose, build again with --allow-shrink
";

#[test]
fn an_emptied_articles_folder_fails_the_shrink_guard_and_allow_shrink_passes() {
    let site = three_posts();
    let before = (site.outputs(), ledger(&site));
    for name in [
        "2026-01-01-one.md",
        "2026-01-02-two.md",
        "2026-01-03-three.md",
    ] {
        std::fs::remove_file(site.path(&format!("articles/{name}"))).unwrap();
    }
    site.build().quiet().code(1).stderr_is(EMPTIED);
    assert_eq!((site.outputs(), ledger(&site)), before, "nothing written");
    site.build().arg("--allow-shrink").quiet().success().stderr_is(
        "allowed shrink: feeds.lock: 3 entries before, 0 now, 3 of them gone from the articles folder\n\
         allowed shrink: feed \"main\" (public/feed.json): 3 entries before, 0 now, 3 of them gone from the articles folder\n",
    );
    assert_eq!(ids(&site), Vec::<String>::new());
    assert!(!ledger(&site).contains("[\""), "the ledger lists no record");
}

#[test]
fn a_fresh_checkout_without_the_output_folder_is_guarded_by_the_ledger() {
    let site = three_posts();
    std::fs::remove_dir_all(site.path("public")).unwrap();
    std::fs::remove_dir_all(site.path("articles")).unwrap();
    std::fs::create_dir(site.path("articles")).unwrap();
    site.build().quiet().code(1).stderr_is(
        "feedwright: error: this build would take entries away from subscribers; nothing was written
  feeds.lock: 3 entries before, 0 now, 3 of them gone from the articles folder
  articles folder read: articles (0 record file(s))
  hint: if the folder is right and the articles were removed on purpose, build again with --allow-shrink
",
    );
    assert!(!site.path("public/feed.json").exists());
}

#[test]
fn deleting_one_article_and_filtering_a_feed_are_fine_but_a_feed_filtered_to_nothing_is_not() {
    let site = three_posts();
    std::fs::remove_file(site.path("articles/2026-01-02-two.md")).unwrap();
    site.build().quiet().success().stderr_is("");
    assert_eq!(ids(&site), [THREE, ONE]);
    assert!(!ledger(&site).contains("two"));
    site.config(&format!(
        "{CONFIG}\n[[feeds]]\nname = \"main\"\njson = \"feed.json\"\ntags = [\"nothing\"]\n"
    ));
    site.build().quiet().code(1).stderr_is(
        "feedwright: error: this build would take entries away from subscribers; nothing was written
  feed \"main\" (public/feed.json): 2 entries before, 0 now
  articles folder read: articles (2 record file(s))
  hint: if the folder is right and the articles were removed on purpose, build again with --allow-shrink
",
    );
}

#[test]
fn locked_fails_instead_of_changing_the_ledger() {
    let site = three_posts();
    site.build().arg("--locked").quiet().success();
    let before = (site.outputs(), ledger(&site));
    site.article("2026-01-04-four.md", "+++\ntitle = \"Post four\"\n+++\nx\n");
    std::fs::remove_file(site.path("articles/2026-01-01-one.md")).unwrap();
    site.build().arg("--locked").quiet().code(1).stderr_is(
        "feedwright: error: feeds.lock would change, and --locked forbids it; nothing was written
  + 2026-01-04-four.md tag:example.org,2026-01-04:blog/four
  - 2026-01-01-one.md tag:example.org,2026-01-01:blog/one
  hint: run `feedwright build` without --locked, then commit feeds.lock
",
    );
    assert_eq!((site.outputs(), ledger(&site)), before, "nothing written");
    let fresh = Site::minimal();
    fresh.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    fresh.build().arg("--locked").quiet().code(1).stderr_is(
        "feedwright: error: feeds.lock does not exist, and --locked forbids creating it; nothing was written
  + 2026-01-01-a.md tag:example.org,2026-01-01:blog/a
  hint: run `feedwright build` without --locked, then commit feeds.lock
",
    );
    assert!(fresh.outputs().is_empty(), "no feed written");
    assert!(!fresh.path("feeds.lock").exists());
}

#[test]
fn a_ledger_edited_by_hand_is_read_as_toml_and_a_broken_one_is_an_error() {
    let site = three_posts();
    let text = ledger(&site);
    let edited = text.replace("title = \"Post one\"", "title = 'Post one' # by hand");
    site.file("feeds.lock", &edited);
    site.build().quiet().success();
    assert_eq!(ledger(&site), edited, "nothing new: left as it is");
    site.article("2026-01-04-four.md", "+++\ntitle = \"Post four\"\n+++\nx\n");
    site.build().quiet().success();
    assert!(
        ledger(&site).starts_with(&text),
        "written back in feedwright's form"
    );
    site.file("feeds.lock", "[\"a.md\"]\nid = \"x\"\n");
    site.build().quiet().code(1).stderr_is(
        "feeds.lock:1:1: error: missing field `published`
  hint: feedwright build writes this file; restore it from version control
",
    );
}

#[test]
fn dry_run_says_it_would_write_the_ledger_and_check_leaves_it_to_locked() {
    let site = three_posts();
    site.article("2026-01-04-four.md", "+++\ntitle = \"Post four\"\n+++\nx\n");
    site.build()
        .arg("--dry-run")
        .success()
        .stderr_has("would write: feeds.lock\n");
    site.build().quiet().success();
    std::fs::remove_file(site.path("feeds.lock")).unwrap();
    site.build().arg("--check").quiet().success();
    site.build().args(["--check", "--locked"]).quiet().code(1);
}

/// A feed another tool published for the three-post site: WordPress-style guids; one2 links the
/// same page as feedwright, two only shares its title and day, and one entry has no article.
const OLD_RSS: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Old</title><link>https://example.org/blog/</link><description>Old tool</description>
<item><title>Post three</title><link>https://example.org/blog/three/</link><guid isPermaLink="false">https://example.org/blog/?p=3</guid><pubDate>Sat, 03 Jan 2026 09:30:00 +0000</pubDate></item>
<item><title>Post two</title><link>https://example.org/blog/2026/01/02/post-two</link><guid isPermaLink="false">https://example.org/blog/?p=2</guid><pubDate>Fri, 02 Jan 2026 18:00:00 +0000</pubDate></item>
<item><title>Gone long ago</title><link>https://example.org/blog/gone/</link><guid isPermaLink="false">https://example.org/blog/?p=1</guid><pubDate>Thu, 01 Jan 2026 08:00:00 +0000</pubDate></item>
</channel></rss>"#;

#[test]
fn lock_from_another_tools_rss_keeps_its_ids_in_the_next_build() {
    let site = three_posts();
    site.file("old.xml", OLD_RSS);
    site.run(["lock", "--from", "old.xml"]).success().stderr_is(
        "matched: 2026-01-03-three.md keeps https://example.org/blog/?p=3 (found by link; it had tag:example.org,2026-01-03:blog/three)
matched: 2026-01-02-two.md keeps https://example.org/blog/?p=2 (found by title and date; it had tag:example.org,2026-01-02:blog/two)
unmatched: https://example.org/blog/?p=1: no article has its link https://example.org/blog/gone/ or its title \"Gone long ago\" dated 2026-01-01
feedwright: feeds.lock: 2 id(s) locked from old.xml; 1 entry not matched
",
    );
    site.build().quiet().success().stderr_is("");
    assert_eq!(
        ids(&site),
        [
            "https://example.org/blog/?p=3",
            "https://example.org/blog/?p=2",
            ONE
        ]
    );
    let rss = site.read("rss.xml");
    assert!(
        rss.contains("<guid isPermaLink=\"false\">https://example.org/blog/?p=2</guid>"),
        "{rss}"
    );
}

#[test]
fn lock_from_an_atom_feed_on_standard_input_before_the_first_build() {
    let site = Site::minimal();
    site.article("2026-01-01-one.md", "+++\ntitle = \"Post one\"\n+++\nx\n")
        .article("2026-01-02-two.md", "+++\ntitle = \"Post two\"\n+++\nx\n");
    let atom = r#"<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><id>https://example.org/blog/</id><title>Old</title><updated>2026-01-02T00:00:00Z</updated>
<entry><id>urn:uuid:2222</id><title type="text">Post two</title><updated>2026-01-02T00:00:00Z</updated><link href="https://example.org/blog/two/"/></entry>
<entry><id>urn:uuid:1111</id><title type="text">Post one</title><published>2026-01-01T07:00:00+01:00</published><updated>2026-01-05T00:00:00Z</updated><link rel="alternate" href="https://example.org/posts/one.html"/></entry>
</feed>"#;
    let mut child = site
        .command()
        .args(["lock", "--from", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(atom.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "matched: 2026-01-02-two.md keeps urn:uuid:2222 (found by link)
matched: 2026-01-01-one.md keeps urn:uuid:1111 (found by title and date)
feedwright: feeds.lock: 2 id(s) locked from standard input; 0 entries not matched
"
    );
    assert_eq!(out.status.code(), Some(0));
    site.build().quiet().success().stderr_is("");
    assert_eq!(ids(&site), ["urn:uuid:2222", "urn:uuid:1111"]);
    assert_eq!(site.feed("atom.xml").entries[1].id, "urn:uuid:1111");
}

#[test]
fn lock_from_a_file_that_is_not_a_feed_is_an_error() {
    let site = three_posts();
    site.file("page.html", "<html><body>not a feed</body></html>");
    site.run(["lock", "--from", "page.html"])
        .code(1)
        .stderr_starts_with("feedwright: error: page.html: not an RSS, Atom or JSON Feed document");
}

#[test]
fn the_demo_commits_its_ledger_and_a_build_leaves_it_byte_for_byte() {
    let committed = std::fs::read(repo().join("feeds.lock")).expect("the demo's feeds.lock");
    let site = Site::demo();
    site.build().arg("--locked").quiet().success();
    assert_eq!(std::fs::read(site.path("feeds.lock")).unwrap(), committed);
}
