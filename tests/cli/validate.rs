//! `feedwright validate FILE...` judges any RSS, Atom or JSON Feed file by the rules the
//! conformance suite holds feedwright's own feeds to, each finding at its line and column with
//! its source; `build --validate` judges what a build is about to write, and writes nothing if
//! it breaks a rule. The broken feeds below are what the writers the conformance suite was
//! built to catch would write: an unescaped `&` in a title, a two-digit year, a relative link.

use crate::harness::{Site, NOW};

/// Every feed file the demo site builds.
const DEMO_FEEDS: [&str; 6] = [
    "public/rss.xml",
    "public/atom.xml",
    "public/feed.json",
    "public/politics/rss.xml",
    "public/politics/atom.xml",
    "public/authors/niamh.json",
];

/// A valid RSS feed with one item; the broken ones change one line of it.
const RSS: &str = r#"<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:atom="http://www.w3.org/2005/Atom">
  <channel>
    <title>Harbour Town Journal</title>
    <link>https://news.example.com/journal/</link>
    <description>News</description>
    <atom:link href="https://news.example.com/journal/rss.xml" rel="self" type="application/rss+xml"/>
    <item>
      <title>Letters on R&#x26;D</title>
      <link>https://news.example.com/journal/letters/</link>
      <guid isPermaLink="false">tag:news.example.com,2026-03-08:journal/letters</guid>
      <pubDate>Sun, 8 Mar 2026 09:15:00 +0200</pubDate>
    </item>
  </channel>
</rss>
"#;

/// A valid Atom feed with one entry.
const ATOM: &str = r#"<?xml version="1.0"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Harbour Town Journal</title>
  <id>https://news.example.com/journal/atom.xml</id>
  <updated>2026-03-10T12:00:00+02:00</updated>
  <author><name>The Desk</name></author>
  <link href="https://news.example.com/journal/atom.xml" rel="self"/>
  <entry>
    <title>Letters</title>
    <id>tag:news.example.com,2026-03-08:journal/letters</id>
    <updated>2026-03-08T09:15:00+02:00</updated>
    <link href="https://news.example.com/journal/letters/"/>
  </entry>
</feed>
"#;

/// A JSON Feed whose two items share an id.
const JSON_TWICE: &str = r#"{
  "version": "https://jsonfeed.org/version/1.1",
  "title": "Harbour Town Journal",
  "items": [
    {"id": "letters", "url": "https://news.example.com/journal/letters/", "content_text": "a"},
    {"id": "letters", "url": "https://news.example.com/journal/letters-2/", "content_text": "b"}
  ]
}
"#;

/// Validating `text`, saved as `file`, fails with exactly one error: `finding`.
#[track_caller]
fn fails_with(file: &str, text: &str, finding: &str) {
    with_file(file, text)
        .run(["validate", file])
        .code(1)
        .stderr_is(&format!(
            "{finding}\nfeedwright: 1 error in 1 feed file(s)\n"
        ));
}

/// A site folder holding `file` with `text`.
fn with_file(file: &str, text: &str) -> Site {
    let site = Site::empty();
    site.file(file, text);
    site
}

#[test]
fn the_demo_feeds_are_valid() {
    let site = Site::demo();
    site.build().quiet().success();
    site.run(["validate"])
        .args(DEMO_FEEDS)
        .success()
        .stderr_is("feedwright: 6 feed file(s) valid\n")
        .stdout_is("");
}

#[test]
fn the_edge_fixture_feeds_are_valid() {
    let site = Site::from_fixture("edge");
    site.build().quiet().success();
    let feeds: Vec<String> = site
        .outputs()
        .into_keys()
        .map(|f| format!("public/{f}"))
        .collect();
    assert!(feeds.len() >= 5, "{feeds:?}");
    site.run(["validate", "--strict"])
        .args(&feeds)
        .success()
        .stderr_is(&format!("feedwright: {} feed file(s) valid\n", feeds.len()));
}

#[test]
fn an_unescaped_ampersand_in_an_rss_title_is_not_well_formed() {
    fails_with(
        "rss.xml",
        &RSS.replace("R&#x26;D", "R&D"),
        "rss.xml:9:26: error: not well-formed XML: malformed entity reference (XML 1.0 §2.1)",
    );
}

#[test]
fn a_two_digit_year_in_pub_date_is_an_error() {
    fails_with(
        "rss.xml",
        &RSS.replace("8 Mar 2026", "8 Mar 26"),
        "rss.xml:12:16: error: pubDate \"Sun, 8 Mar 26 09:15:00 +0200\" has a 2-digit year \
         (RSS Best Practices Profile (dates); RFC 1123 §5.2.14)",
    );
}

#[test]
fn a_relative_item_link_is_an_error() {
    fails_with(
        "rss.xml",
        &RSS.replace(
            "<link>https://news.example.com/journal/letters/</link>",
            "<link>/journal/letters/</link>",
        ),
        "rss.xml:10:13: error: item link \"/journal/letters/\" is not an absolute http(s) URL \
         (RSS 2.0 spec (link))",
    );
}

#[test]
fn an_atom_entry_without_an_id_is_an_error() {
    fails_with(
        "atom.xml",
        &ATOM.replace(
            "    <id>tag:news.example.com,2026-03-08:journal/letters</id>\n",
            "",
        ),
        "atom.xml:8:3: error: <entry> has no <id> (RFC 4287 §4.1.2)",
    );
}

#[test]
fn json_feed_items_with_one_id_are_an_error() {
    fails_with(
        "feed.json",
        JSON_TWICE,
        "feed.json:6:6: error: item id \"letters\" is also the id of the item on line 5 \
         (JSON Feed 1.1 (id))",
    );
}

#[test]
fn every_file_is_judged_and_findings_come_in_file_order() {
    let site = with_file("atom.xml", ATOM);
    site.file("feed.json", JSON_TWICE);
    site.file("rss.xml", RSS.replace("8 Mar 2026", "8 Mar 26"));
    site.run(["validate", "rss.xml", "atom.xml", "feed.json"])
        .code(1)
        .stderr_starts_with("rss.xml:12:16: error: pubDate")
        .stderr_has("\nfeed.json:6:6: error: item id")
        .stderr_ends_with("feedwright: 2 errors in 2 feed file(s)\n");
}

#[test]
fn a_dash_reads_standard_input() {
    Site::empty()
        .run(["validate", "-"])
        .stdin(JSON_TWICE)
        .code(1)
        .stderr_is(
            "<stdin>:6:6: error: item id \"letters\" is also the id of the item on line 5 \
             (JSON Feed 1.1 (id))\n\
             feedwright: 1 error in 1 feed file(s)\n",
        );
    Site::empty()
        .run(["validate", "-"])
        .stdin(ATOM)
        .success()
        .stderr_is("feedwright: 1 feed file(s) valid\n");
}

#[test]
fn warnings_pass_unless_strict() {
    let advice = RSS.replace(
        "      <pubDate>",
        "      <author>The Desk</author>\n      <pubDate>",
    );
    let site = with_file("rss.xml", &advice);
    let warning = "rss.xml:12:15: warning: author \"The Desk\" is not an e-mail address; put a \
                   name in dc:creator (RSS 2.0 spec (author))\n";
    site.run(["validate", "rss.xml"])
        .success()
        .stderr_is(&format!(
            "{warning}feedwright: 1 feed file(s) valid; 1 warning(s)\n"
        ));
    site.run(["validate", "--strict", "rss.xml"])
        .code(1)
        .stderr_is(&format!(
        "{warning}feedwright: 1 warning in 1 feed file(s) (--strict treats warnings as errors)\n"
    ));
}

#[test]
fn a_file_that_cannot_be_read_is_an_io_failure() {
    Site::empty()
        .run(["validate", "missing.xml"])
        .code(3)
        .stderr_is(
            "feedwright: error: missing.xml: cannot read: No such file or directory (os error 2)\n",
        );
}

#[test]
fn build_validate_passes_the_demo_and_writes_what_build_writes() {
    let checked = Site::demo();
    checked
        .build()
        .arg("--validate")
        .quiet()
        .success()
        .stderr_is("");
    let plain = Site::demo();
    plain.build().quiet().success();
    assert_eq!(checked.outputs(), plain.outputs());
}

#[test]
fn build_validate_writes_nothing_when_a_feed_breaks_a_rule() {
    let site = Site::new(&format!("{}sanitize = false\n", crate::harness::CONFIG));
    site.article(
        "2026-01-01-a.md",
        "+++\ntitle = \"A\"\n+++\n<p onclick=\"steal()\">Hello</p>\n",
    );
    site.run(["build", "--validate", "--now", NOW])
        .code(1)
        .stderr_is(
            "public/rss.xml:16:24: error: content has event handler onclick on <p> \
             (W3C feed validator (SecurityRisk))\n\
             public/atom.xml:25:26: error: content has event handler onclick on <p> \
             (W3C feed validator (SecurityRisk))\n\
             public/feed.json:17:7: error: content has event handler onclick on <p> \
             (W3C feed validator (SecurityRisk))\n\
             feedwright: 3 errors in 3 feed file(s); nothing was written\n",
        );
    assert!(site.outputs().is_empty(), "{:?}", site.outputs().keys());
    site.build().quiet().success();
}
