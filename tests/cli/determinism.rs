//! The same input gives the same bytes: whatever the order files were created in, the number of
//! threads or the time of the build. "Now" comes from `--now` or `SOURCE_DATE_EPOCH`.

use crate::harness::{parse_feed, Site};

#[test]
fn same_input_gives_identical_bytes_whatever_file_order_or_threads() {
    let names: Vec<String> = (0..30).map(|i| format!("a{i:02}.md")).collect();
    let article = |i: usize| {
        format!("+++\ntitle = \"Article {i}\"\ndate = 2026-01-{:02}\ntags = [\"t{}\"]\n+++\nBody {i} with [a link](x.html).\n", 1 + i % 5, i % 3)
    };
    let a = Site::minimal();
    let b = Site::minimal();
    for (i, n) in names.iter().enumerate() {
        a.article(n, &article(i));
    }
    // Created in the opposite order, so directory order differs where the file system keeps it.
    for (i, n) in names.iter().enumerate().rev() {
        b.article(n, &article(i));
    }
    a.build().quiet().env("RAYON_NUM_THREADS", "1").success();
    b.build().quiet().env("RAYON_NUM_THREADS", "4").success();
    assert_eq!(a.outputs(), b.outputs());
    // Ties on date are broken by id, newest first.
    let rss = a.read("rss.xml");
    let first = rss.find("Article 4<").unwrap();
    let second = rss.find("Article 9<").unwrap();
    assert!(first < second);
}

#[test]
fn large_archives_are_identical_whatever_the_threads_and_complete() {
    // More entries than a writer batch (256): RSS and Atom are rendered in parts and spliced,
    // files and bodies in parallel.
    let a = Site::generated(600, 1);
    let b = Site::generated(600, 1);
    for (site, threads) in [(&a, "1"), (&b, "4")] {
        site.build()
            .quiet()
            .env("RAYON_NUM_THREADS", threads)
            .success();
    }
    assert_eq!(a.outputs(), b.outputs());
    for file in ["archive/rss.xml", "archive/atom.xml", "archive/feed.json"] {
        let text = a.read(file);
        if !file.ends_with(".json") {
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        }
        let feed = parse_feed(text.as_bytes());
        assert_eq!(feed.entries.len(), 600, "{file}");
        let mut ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 600, "{file}: every entry once");
    }
}

#[test]
fn source_date_epoch_is_now_and_build_time_never_enters_output() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nbody\n");
    site.article(
        "b.md",
        "+++\ntitle = \"B\"\ndate = 2026-06-01T00:00:00Z\n+++\nbody\n",
    );
    // 2026-03-01: B is scheduled.
    site.run(["build", "-q"])
        .env("SOURCE_DATE_EPOCH", "1772323200")
        .success();
    let rss = site.read("rss.xml");
    assert!(rss.contains("<title>A</title>") && !rss.contains("<title>B</title>"));
    assert!(
        rss.contains("<lastBuildDate>Thu, 1 Jan 2026 00:00:00 +0000</lastBuildDate>"),
        "{rss}"
    );
    // A later "now": B appears, and the feed's date is B's.
    site.run(["build", "-q"])
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .success();
    let rss = site.read("rss.xml");
    assert!(rss.contains("<title>B</title>"));
    assert!(
        rss.contains("<lastBuildDate>Mon, 1 Jun 2026 00:00:00 +0000</lastBuildDate>"),
        "{rss}"
    );
}
