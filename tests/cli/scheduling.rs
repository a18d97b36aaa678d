//! Drafts and articles dated after "now" are held back, counted in the summary line, and
//! published by `--drafts` or a later "now".

use crate::harness::Site;

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
