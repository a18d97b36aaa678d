//! RFC 5005 archives: `archive = { page_size, path }` keeps every entry a feed showed reachable
//! in pages numbered from the oldest entry, each written once when full and never rewritten; a
//! build that would change a sealed page stops unless `--reseal`.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;

use crate::harness::{Site, CONFIG, NOW};

/// A feed of the newest `limit` in RSS, Atom and JSON Feed, archived `size` entries a page.
fn config(limit: usize, size: usize) -> String {
    format!(
        "{CONFIG}\n[[feeds]]\nname = \"main\"\nrss = \"rss.xml\"\natom = \"atom.xml\"\n\
         json = \"feed.json\"\nlimit = {limit}\n\
         archive = {{ page_size = {size}, path = \"archive/{{format}}/{{n}}.xml\" }}\n"
    )
}

/// Article `i` (1-based), dated day `i` after 2020-01-01 at noon.
fn post(site: &Site, i: usize) {
    let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(i as u64);
    site.article(
        &format!("p{i:04}.md"),
        &format!("+++\ntitle = \"Post {i}\"\ndate = {date}T12:00:00Z\n+++\nBody {i}.\n"),
    );
}

/// A site of `n` articles under [`config`], built once.
fn archived(n: usize, limit: usize, size: usize) -> Site {
    let site = Site::new(&config(limit, size));
    for i in 1..=n {
        post(&site, i);
    }
    site.build_at(NOW).quiet().success();
    site
}

/// Every output file's identity: (inode, mtime in ns). A file written again (renamed into
/// place) has another.
fn stamps(site: &Site) -> BTreeMap<String, (u64, i64)> {
    let mut out = BTreeMap::new();
    for rel in site
        .outputs()
        .into_keys()
        .chain(["../feeds.lock".to_string()])
    {
        let m = std::fs::metadata(site.path(&format!("public/{rel}"))).unwrap();
        out.insert(rel, (m.ino(), m.mtime_nsec() + m.mtime() * 1_000_000_000));
    }
    out
}

/// The files whose stamp changed between `before` and `after`, and those new in `after`.
fn changed(
    before: &BTreeMap<String, (u64, i64)>,
    after: &BTreeMap<String, (u64, i64)>,
) -> Vec<String> {
    after
        .iter()
        .filter(|(k, v)| before.get(*k) != Some(*v))
        .map(|(k, _)| k.clone())
        .collect()
}

/// The ids of the JSON Feed file `rel`, newest first.
fn ids(site: &Site, rel: &str) -> Vec<String> {
    site.items(rel, "id")
}

fn id(i: usize) -> String {
    let date = chrono::NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(i as u64);
    format!("tag:example.org,{date}:blog/p{i:04}")
}

#[test]
fn a_thousand_articles_then_one_more_rewrites_only_the_subscription_documents_and_the_lock() {
    let site = archived(1000, 20, 100);
    let files = site.outputs();
    assert_eq!(files.len(), 3 + 3 * 10, "{:?}", files.keys());
    let before = stamps(&site);
    post(&site, 1001);
    site.build_at(NOW).quiet().success();
    let after = stamps(&site);
    assert_eq!(
        changed(&before, &after),
        ["../feeds.lock", "atom.xml", "feed.json", "rss.xml"]
    );
    // 99 more fill page 11: it is written once, the pages before it are not.
    for i in 1002..=1100 {
        post(&site, i);
    }
    site.build_at(NOW).quiet().success();
    assert_eq!(
        changed(&after, &stamps(&site)),
        [
            "../feeds.lock",
            "archive/atom/11.xml",
            "archive/json/11.xml",
            "archive/rss/11.xml",
            "atom.xml",
            "feed.json",
            "rss.xml"
        ]
    );
    assert_eq!(ids(&site, "archive/json/11.xml")[0], id(1100));
    assert_eq!(ids(&site, "archive/json/11.xml")[99], id(1001));
    // The subscription document holds the 20 newest (no entry is outside a page).
    assert_eq!(ids(&site, "feed.json").len(), 20);
    site.build_at(NOW).arg("--check").success();
}

#[test]
fn pages_link_as_rfc_5005_says_and_readers_read_them() {
    let site = archived(7, 2, 3);
    let url = |f: &str| format!("https://example.org/blog/{f}");
    let links = |rel: &str| -> Vec<(String, String)> {
        let feed = site.feed(rel);
        feed.links
            .iter()
            .map(|l| (l.rel.clone().unwrap_or_default(), l.href.clone()))
            .filter(|(r, _)| r != "alternate" && !r.is_empty())
            .collect()
    };
    let pair = |r: &str, f: &str| (r.to_string(), url(f));
    // The subscription document: the loose entry (7) and the limit's newest two.
    assert_eq!(ids(&site, "feed.json"), [id(7), id(6)]);
    assert_eq!(
        links("atom.xml"),
        [
            pair("self", "atom.xml"),
            pair("prev-archive", "archive/atom/2.xml")
        ]
    );
    assert_eq!(
        links("archive/atom/1.xml"),
        [
            pair("self", "archive/atom/1.xml"),
            pair("current", "atom.xml"),
            pair("next-archive", "archive/atom/2.xml")
        ]
    );
    assert_eq!(
        links("archive/rss/2.xml"),
        [
            pair("self", "archive/rss/2.xml"),
            pair("current", "rss.xml"),
            pair("prev-archive", "archive/rss/1.xml")
        ]
    );
    assert_eq!(ids(&site, "archive/json/1.xml"), [id(3), id(2), id(1)]);
    assert_eq!(ids(&site, "archive/json/2.xml"), [id(6), id(5), id(4)]);
    for page in ["archive/atom/1.xml", "archive/rss/2.xml"] {
        let text = site.read(page);
        assert!(text.contains("xmlns:fh=\"http://purl.org/syndication/history/1.0\""));
        assert!(text.contains("<fh:archive/>"), "{text}");
    }
    // Every document of the feed is one feed: one Atom id, one JSON feed_url.
    assert_eq!(site.feed("archive/atom/1.xml").id, url("atom.xml"));
    let json = site.json("feed.json");
    assert_eq!(json["next_url"], url("archive/json/2.xml"));
    let page = site.json("archive/json/2.xml");
    assert_eq!(page["feed_url"], url("feed.json"));
    assert_eq!(page["next_url"], url("archive/json/1.xml"));
    assert!(site.json("archive/json/1.xml").get("next_url").is_none());
    assert!(!site.read("atom.xml").contains("fh:"));
    let files: Vec<String> = site.outputs().into_keys().collect();
    let mut args = vec!["validate".to_string()];
    args.extend(files.iter().map(|f| format!("public/{f}")));
    site.run(args).success();
}

#[test]
fn a_feed_whose_entries_fill_no_page_is_complete() {
    let site = archived(2, 20, 3);
    assert!(site.outputs().keys().all(|f| !f.starts_with("archive/")));
    for file in ["atom.xml", "rss.xml"] {
        let text = site.read(file);
        assert!(text.contains("<fh:complete/>"), "{text}");
        assert!(!text.contains("prev-archive"), "{text}");
    }
    assert_eq!(ids(&site, "feed.json").len(), 2);
}

#[test]
fn a_back_dated_article_would_change_sealed_pages_and_the_build_stops_unless_reseal() {
    let site = archived(6, 2, 3);
    let before = site.outputs();
    site.article(
        "old.md",
        "+++\ntitle = \"Old\"\ndate = 2019-06-01T12:00:00Z\n+++\nBack-dated.\n",
    );
    let old = "tag:example.org,2019-06-01:blog/old";
    site.build_at(NOW).code(1).stderr_is(&format!(
        "feedwright: error: this build would change archive pages that are sealed; nothing was written\n\
         \x20 feed \"main\" page 1 (public/archive/rss/1.xml): would gain {old}; would lose {}\n\
         \x20 feed \"main\" page 1 (public/archive/atom/1.xml): would gain {old}; would lose {}\n\
         \x20 feed \"main\" page 1 (public/archive/json/1.xml): would gain {old}; would lose {}\n\
         \x20 feed \"main\" page 2 (public/archive/rss/2.xml): would gain {}; would lose {}\n\
         \x20 feed \"main\" page 2 (public/archive/atom/2.xml): would gain {}; would lose {}\n\
         \x20 feed \"main\" page 2 (public/archive/json/2.xml): would gain {}; would lose {}\n\
         \x20 hint: a sealed page never changes, so readers who stored it keep a true archive; an \
         article dated before the newest archived one, or a deleted one, changes pages. Date new \
         articles after the archive, or build with --reseal to rewrite these pages\n",
        id(3),
        id(3),
        id(3),
        id(3),
        id(6),
        id(3),
        id(6),
        id(3),
        id(6),
    ));
    assert_eq!(site.outputs(), before, "nothing on disk changed");
    site.build_at(NOW).arg("--check").code(1);
    site.build_at(NOW).arg("--reseal").success();
    assert_eq!(
        ids(&site, "archive/json/1.xml"),
        [id(2), id(1), old.to_string()]
    );
    assert_eq!(ids(&site, "archive/json/2.xml"), [id(5), id(4), id(3)]);
    site.build_at(NOW).arg("--check").success();
}

#[test]
fn an_edit_to_an_archived_article_leaves_its_sealed_page_as_it_was() {
    let site = archived(6, 2, 3);
    let page = site.read("archive/atom/1.xml");
    site.article(
        "p0001.md",
        "+++\ntitle = \"Post 1, edited\"\ndate = 2020-01-02T12:00:00Z\n+++\nNew body.\n",
    );
    site.build_at(NOW).quiet().success();
    assert_eq!(site.read("archive/atom/1.xml"), page);
    site.build_at(NOW).arg("--check").success();
}

#[test]
fn a_deleted_article_leaves_a_page_no_longer_full_and_the_build_stops_unless_reseal() {
    let site = archived(6, 20, 3);
    std::fs::remove_file(site.path("articles/p0005.md")).unwrap();
    let out = site.build_at(NOW).code(1);
    out.stderr_has(
        "  feed \"main\" page 2 (public/archive/json/2.xml): no longer full, would hold none of its 3 entries\n",
    );
    site.build_at(NOW).arg("--reseal").code(0).stderr_has(
        "left in place, no longer part of the archive (delete it if no reader needs it): feed \"main\" page 2 (public/archive/json/2.xml)\n",
    );
}

#[test]
fn archive_settings_are_checked_with_their_line_and_a_hint() {
    let feed = |archive: &str| {
        format!("{CONFIG}\n[[feeds]]\nname = \"main\"\nrss = \"rss.xml\"\natom = \"atom.xml\"\narchive = {archive}\n")
    };
    for (archive, message) in [
        (
            "{ page_size = 10, path = \"archive/{format}.xml\" }",
            "feed \"main\": archive path \"archive/{format}.xml\" must hold {n} (the page number) once",
        ),
        (
            "{ page_size = 10, path = \"archive/{n}.xml\" }",
            "feed \"main\": archive path \"archive/{n}.xml\" must hold {format} once: the feed writes more than one format, and each needs its own pages",
        ),
        (
            "{ page_size = 0, path = \"a/{format}-{n}.xml\" }",
            "feed \"main\": archive page_size 0 is not from 1 to 10000",
        ),
        (
            "{ page_size = 10, path = \"../{format}/{n}.xml\" }",
            "feed \"main\": archive output path \"../{format}/{n}.xml\" escapes the output folder",
        ),
    ] {
        let site = Site::new(&feed(archive));
        let out = site.check().code(1);
        out.stderr_has("feeds.toml:11:").stderr_has(message);
    }
    let two = format!(
        "{}\n[[feeds]]\nname = \"other\"\nrss = \"a/rss-5.xml\"\n",
        feed("{ page_size = 10, path = \"a/{format}-{n}.xml\" }")
    );
    Site::new(&two).check().code(1).stderr_has(
        "feed \"other\" writes \"a/rss-5.xml\", a name of feed \"main\"'s archive pages",
    );
    let site = Site::new(&feed(
        "{ page_size = 10, path = \"a/{format}-{n}.xml\", size = 3 }",
    ));
    site.check().code(1).stderr_has("unknown field `size`");
}

#[test]
fn a_size_budget_trims_only_entries_an_archive_page_holds() {
    // 8 entries, pages of 3: pages 1-2 hold 6, the 2 newest are on no page.
    let budgeted = |max: usize| {
        let site = Site::new(&format!("{}max_bytes = {max}\n", config(8, 3)));
        for i in 1..=8 {
            post(&site, i);
        }
        site
    };
    // Room for about 4 entries: the budget trims archived entries, never the 2 loose ones.
    let site = budgeted(3_000);
    site.build_at(NOW).success();
    let shown = ids(&site, "feed.json");
    assert!(shown.len() >= 2 && shown.len() < 8, "{shown:?}");
    assert_eq!(shown[..2], [id(8), id(7)]);
    assert_eq!(ids(&site, "archive/json/2.xml"), [id(6), id(5), id(4)]);
    // Room for less than the 2 loose entries: refused, nothing written.
    let site = budgeted(1_400);
    site.build_at(NOW).code(1).stderr_starts_with(
        "feedwright: error: feed \"main\" does not fit max_bytes = 1,400 with its 2 newest \
         entries, which no archive page holds yet; nothing was written\n",
    );
    assert!(site.outputs().is_empty());
}
