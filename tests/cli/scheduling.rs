//! Drafts and articles dated after "now" are held back, counted in the summary line, and
//! published by `--drafts` or a later "now".

use crate::harness::{Site, CONFIG};

#[test]
fn drafts_and_scheduled_articles_are_held_back_and_counted() {
    let site = Site::minimal();
    site.article("2026-01-01-live.md", "+++\ntitle = \"Live\"\n+++\nx\n")
        .article(
            "2026-01-02-draft.md",
            "+++\ntitle = \"Draft\"\ndraft = true\n+++\nx\n",
        )
        .article("2027-01-01-later.md", "+++\ntitle = \"Later\"\n+++\nx\n");
    site.build().success().stderr_starts_with(
        "feedwright: 3 article file(s) read; 1 draft(s) and 1 scheduled held back; 3 feed file(s): 3 written, 0 unchanged;",
    );
    let rss = site.read("rss.xml");
    assert!(rss.contains("Live") && !rss.contains("Draft") && !rss.contains("Later"));
    site.build().arg("--drafts").quiet().success();
    assert!(site.read("rss.xml").contains("<title>Draft</title>"));
    site.build_at("2027-01-01T00:00:00Z").quiet().success();
    let rss = site.read("rss.xml");
    assert!(rss.contains("<title>Later</title>") && !rss.contains("<title>Draft</title>"));
}

/// Hugo's feed shows `.Date` (`date`, else `publishDate`, else `lastmod`) and holds a page back
/// until its `.PublishDate` (`publishDate`, else `date`): a page dated 1 January with
/// `publishDate` 1 March is not published in February, and then shows 1 January.
#[test]
fn hugo_shows_date_and_holds_back_until_publish_date() {
    let site = Site::new(&format!("{CONFIG}preset = \"hugo\"\n"));
    site.article(
        "a.md",
        "---\ntitle: A\ndate: 2024-01-01\npublishDate: 2024-03-01\n---\n",
    )
    .article("b.md", "---\ntitle: B\npublishDate: 2024-02-01\n---\n")
    .article(
        "c.md",
        "---\ntitle: C\ndate: 2024-01-05\nlastmod: 2024-01-20\n---\n",
    );
    site.build_at("2024-02-15T00:00:00Z")
        .success()
        .stderr_starts_with(
            "feedwright: 3 article file(s) read; 0 draft(s) and 1 scheduled held back;",
        );
    assert_eq!(site.items("feed.json", "title"), ["B", "C"]);
    site.build_at("2024-03-02T00:00:00Z").quiet().success();
    assert_eq!(site.items("feed.json", "title"), ["B", "C", "A"]);
    assert_eq!(
        site.items("feed.json", "date_published"),
        [
            "2024-02-01T00:00:00Z",
            "2024-01-05T00:00:00Z",
            "2024-01-01T00:00:00Z"
        ]
    );
}
