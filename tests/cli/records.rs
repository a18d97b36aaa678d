//! What an article becomes in a feed: plain-text records, summaries, stable ids, authors from
//! the authors table, and text with forbidden characters removed and escaped exactly once.

use crate::harness::{Site, CONFIG};

#[test]
fn plain_text_records_bodies_and_summaries() {
    let site = Site::minimal();
    site.article(
        "2026-01-01-log.txt",
        "\n\nThe Title & more\n\nFirst para <b>x</b>\nsecond line\n\nSecond para\n",
    )
    .article(
        "2026-01-02-more.md",
        "---\ntitle: More\n---\nIntro *one*.\n\n<!-- more -->\n\nHidden.\n",
    );
    site.build().quiet().success();
    let json = site.json("feed.json");
    let items = json["items"].as_array().unwrap();
    assert_eq!(items[1]["title"], "The Title & more");
    assert_eq!(
        items[1]["content_html"],
        "<p>First para &lt;b&gt;x&lt;/b&gt;<br>\nsecond line</p>\n<p>Second para</p>\n"
    );
    assert_eq!(items[1]["summary"], "First para <b>x</b> second line");
    assert_eq!(items[0]["summary"], "Intro one.");
}

#[test]
fn ids_do_not_change_when_title_body_tags_authors_updated_or_permalink_change() {
    let site = Site::minimal();
    site.article(
        "2026-01-01-post.md",
        "+++\ntitle = \"One\"\ntags = [\"a\"]\n+++\nbody\n",
    );
    site.build().quiet().success();
    let id = |s: &Site| s.json("feed.json")["items"][0]["id"].clone();
    let first = id(&site);
    assert_eq!(first, "tag:example.org,2026-01-01:blog/post");
    site.article("2026-01-01-post.md", "+++\ntitle = \"Two\"\ntags = [\"b\"]\nauthors = [\"Z\"]\nupdated = 2026-02-01\nsummary = \"s\"\n+++\nother body\n")
        .config(&format!("{CONFIG}permalink = \"/{{year}}/{{slug}}.html\"\n"));
    site.build().quiet().success();
    assert_eq!(id(&site), first);
    assert_eq!(
        site.json("feed.json")["items"][0]["url"],
        "https://example.org/blog/2026/post.html"
    );
}

#[test]
fn authors_resolve_from_the_authors_table() {
    let site = Site::new(&format!("{CONFIG}\n[authors.niamh]\nname = \"Niamh Harris\"\nemail = \"n@example.org\"\nuri = \"https://example.org/niamh/\"\n"));
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\nauthors = [\"niamh\", { name = \"Guest\", email = \"g@example.org\" }]\n+++\nx\n")
        .article("2026-01-02-b.md", "+++\ntitle = \"B\"\n+++\nx\n");
    site.build().quiet().success();
    let atom = site.read("atom.xml");
    assert!(atom.contains("<name>Niamh Harris</name>\n      <email>n@example.org</email>\n      <uri>https://example.org/niamh/</uri>"), "{atom}");
    assert!(
        atom.contains("<name>Guest</name>\n      <email>g@example.org</email>"),
        "{atom}"
    );
    assert!(atom.contains("<name>Site Author</name>"), "{atom}");
    let rss = site.read("rss.xml");
    assert!(
        rss.contains("<dc:creator>Niamh Harris</dc:creator>\n      <dc:creator>Guest</dc:creator>"),
        "{rss}"
    );
}

#[test]
fn forbidden_characters_are_removed_and_text_escaped_once() {
    let site = Site::minimal();
    site.article(
        "2026-01-01-a.md",
        "+++\ntitle = \"Bell\u{7} & <tag> \u{85}done\"\n+++\nNUL\u{0} here &amp; ]]> there\n",
    );
    site.build().quiet().success().stderr_is(
        "articles/2026-01-01-a.md:2:14: warning: removed 2 control or non-character code point(s) that feeds cannot carry\n  hint: delete them from the file (NUL, DEL, C0/C1 controls, U+FFFE, ...)\n\
articles/2026-01-01-a.md:4:4: warning: removed 1 control or non-character code point(s) that feeds cannot carry\n  hint: delete them from the file (NUL, DEL, C0/C1 controls, U+FFFE, ...)\n",
    );
    let rss = site.read("rss.xml");
    assert!(
        rss.contains("<title>Bell &#x26; &#x3C;tag&gt; done</title>"),
        "{rss}"
    );
    assert!(!rss.contains('\u{0}') && !rss.contains('\u{7}') && !rss.contains('\u{85}'));
    for f in ["rss.xml", "atom.xml", "feed.json"] {
        assert_eq!(
            site.feed(f).entries[0].title.as_ref().unwrap().content,
            "Bell & <tag> done",
            "{f}"
        );
    }
    assert_eq!(
        site.json("feed.json")["items"][0]["content_html"],
        "<p>NUL here &amp; ]]&gt; there</p>\n"
    );
}
