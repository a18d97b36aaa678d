//! How people find and read the feeds: `feedwright links` (autodiscovery tags), `feedwright
//! opml` and `[site] opml` (the OPML 2.0 subscription list, read back with quick-xml), and
//! `[site] preview` (the `xml-stylesheet` instruction in RSS and Atom and the stylesheet beside
//! them). The real browser is in `browser.rs`.

use std::collections::{BTreeMap, BTreeSet};

use quick_xml::events::Event;

use crate::harness::{parse_feed, Site, CONFIG};

/// Three feeds: `main` in every format, `cargo` (titled like the site) in Atom only, and a
/// feed in a subfolder; two articles.
fn site(extra: &str) -> Site {
    let config = CONFIG.replace(
        "description = \"A test\"\n",
        &format!("description = \"A test\"\nlanguage = \"en\"\n{extra}"),
    );
    let site = Site::new(&format!(
        "{config}
[[feeds]]
name = \"main\"
rss = \"rss.xml\"
atom = \"atom.xml\"
json = \"feed.json\"

[[feeds]]
name = \"cargo\"
tags = [\"cargo\"]
atom = \"cargo.atom\"

[[feeds]]
name = \"ships\"
title = \"Ships & <boats>\"
description = \"Ships only\"
rss = \"ships/rss.xml\"
json = \"ships/feed.json\"
"
    ));
    site.article(
        "2026-01-01-one.md",
        "+++\ntitle = \"First & <one>\"\ntags = [\"cargo\"]\n+++\nx\n",
    )
    .article("2026-01-02-two.md", "+++\ntitle = \"Second\"\n+++\ny\n");
    site
}

/// Every feed file of `site` (built) and the self URL it declares, read from the file.
fn self_urls(site: &Site) -> BTreeMap<String, String> {
    let files = [
        "rss.xml",
        "atom.xml",
        "feed.json",
        "cargo.atom",
        "ships/rss.xml",
        "ships/feed.json",
    ];
    files
        .iter()
        .map(|file| {
            let url = if file.ends_with(".json") {
                site.json(file)["feed_url"].as_str().unwrap().to_string()
            } else {
                let feed = site.feed(file);
                let link = feed.links.iter().find(|l| l.rel.as_deref() == Some("self"));
                link.unwrap_or_else(|| panic!("{file}: no self link"))
                    .href
                    .clone()
            };
            (file.to_string(), url)
        })
        .collect()
}

/// The attributes of every element named `name` in `xml`, in document order (quick-xml, an
/// independent reader).
fn elements(xml: &str, name: &str) -> Vec<BTreeMap<String, String>> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut found = Vec::new();
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => return found,
            Event::Start(e) | Event::Empty(e) if e.name().as_ref() == name.as_bytes() => {
                let attributes = e
                    .attributes()
                    .map(|a| {
                        let a = a.expect("a well-formed attribute");
                        let key = String::from_utf8(a.key.as_ref().to_vec()).unwrap();
                        (
                            key,
                            a.decoded_and_normalized_value(
                                quick_xml::XmlVersion::Explicit1_0,
                                reader.decoder(),
                            )
                            .unwrap()
                            .into_owned(),
                        )
                    })
                    .collect();
                found.push(attributes);
            }
            _ => {}
        }
    }
}

/// The text of the first element named `name` in `xml`.
fn text_of(xml: &str, name: &str) -> Option<String> {
    let mut reader = quick_xml::Reader::from_str(xml);
    let mut inside = false;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Eof => return None,
            Event::Start(e) if e.name().as_ref() == name.as_bytes() => inside = true,
            Event::Text(t) if inside => return Some(t.decode().unwrap().into_owned()),
            Event::GeneralRef(_) if inside => {
                panic!("<{name}> starts with an entity; read its whole text instead")
            }
            _ => {}
        }
    }
}

#[test]
fn links_give_every_feed_file_its_self_url_its_type_and_a_title_no_other_has() {
    let site = site("opml = \"feeds.opml\"\n");
    site.build().quiet().success();
    let out = site.run(["links"]).success();
    assert_eq!(
        out.stdout(),
        "\
<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Test Site – main (RSS)\" href=\"https://example.org/blog/rss.xml\">
<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Test Site – main (Atom)\" href=\"https://example.org/blog/atom.xml\">
<link rel=\"alternate\" type=\"application/feed+json\" title=\"Test Site – main (JSON Feed)\" href=\"https://example.org/blog/feed.json\">
<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Test Site – cargo\" href=\"https://example.org/blog/cargo.atom\">
<link rel=\"alternate\" type=\"application/rss+xml\" title=\"Ships &amp; &lt;boats&gt; (RSS)\" href=\"https://example.org/blog/ships/rss.xml\">
<link rel=\"alternate\" type=\"application/feed+json\" title=\"Ships &amp; &lt;boats&gt; (JSON Feed)\" href=\"https://example.org/blog/ships/feed.json\">
<link rel=\"outline\" type=\"text/x-opml\" title=\"Test Site: all feeds\" href=\"https://example.org/blog/feeds.opml\">
"
    );
    // Read back as HTML attributes: every href is a feed's own self URL, every title distinct.
    let html = format!("<head>{}</head>", out.stdout().replace("\">", "\"/>"));
    let links = elements(&html, "link");
    let alternates: Vec<_> = links.iter().filter(|l| l["rel"] == "alternate").collect();
    let hrefs: BTreeSet<&str> = alternates.iter().map(|l| l["href"].as_str()).collect();
    let selfs = self_urls(&site);
    let wanted: BTreeSet<&str> = selfs.values().map(String::as_str).collect();
    assert_eq!(hrefs, wanted, "one link per feed file, at its self URL");
    let titles: BTreeSet<&str> = links.iter().map(|l| l["title"].as_str()).collect();
    assert_eq!(titles.len(), links.len(), "titles are distinct: {titles:?}");
    let outline = links.iter().find(|l| l["rel"] == "outline").unwrap();
    assert!(site.path("public/feeds.opml").is_file());
    assert_eq!(outline["href"], "https://example.org/blog/feeds.opml");
}

#[test]
fn links_without_an_opml_list_have_no_outline_link() {
    let site = site("");
    let out = site.run(["links"]).success();
    assert_eq!(out.stdout().lines().count(), 6);
    assert!(!out.stdout().contains("outline"));
}

#[test]
fn the_opml_list_is_opml_2_with_one_outline_per_feed_at_its_preferred_file() {
    let site = site("");
    site.build().quiet().success();
    let out = site.run(["opml"]).success();
    let xml = out.stdout();
    let opml = elements(xml, "opml");
    assert_eq!(opml.len(), 1);
    assert_eq!(opml[0]["version"], "2.0");
    assert_eq!(
        text_of(xml, "title").as_deref(),
        Some("Test Site: all feeds"),
        "OPML 2.0 head has a title"
    );
    assert_eq!(text_of(xml, "ownerName").as_deref(), Some("Site Author"));
    let outlines = elements(xml, "outline");
    let selfs = self_urls(&site);
    let want = [
        ("Test Site – main", "rss.xml", "A test"),
        ("Test Site – cargo", "cargo.atom", "A test"),
        ("Ships & <boats>", "ships/rss.xml", "Ships only"),
    ];
    assert_eq!(
        outlines.len(),
        want.len(),
        "one outline per feed: {outlines:?}"
    );
    for (outline, (title, file, description)) in outlines.iter().zip(want) {
        assert_eq!(outline["type"], "rss");
        assert_eq!(outline["text"], title);
        assert_eq!(outline["title"], title);
        assert_eq!(outline["xmlUrl"], selfs[file], "the feed's own self URL");
        assert_eq!(outline["htmlUrl"], "https://example.org/blog/");
        assert_eq!(outline["description"], description);
        assert_eq!(outline["language"], "en");
    }
    assert!(
        !xml.contains("dateCreated") && !xml.contains("dateModified"),
        "no date: the list depends on feeds.toml alone"
    );
}

#[test]
fn opml_o_writes_the_file_atomically_and_leaves_it_alone_when_unchanged() {
    let site = site("");
    let stdout = site.run(["opml"]).success().stdout().to_string();
    site.run(["opml", "-o", "subs/list.opml"])
        .success()
        .stderr_is("feedwright: 3 feed(s) listed in subs/list.opml (written)\n")
        .stdout_is("");
    assert_eq!(
        std::fs::read_to_string(site.path("subs/list.opml")).unwrap(),
        stdout
    );
    let mtime = || {
        std::fs::metadata(site.path("subs/list.opml"))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before = mtime();
    std::thread::sleep(std::time::Duration::from_millis(20));
    site.run(["opml", "-o", "subs/list.opml"])
        .success()
        .stderr_is("feedwright: 3 feed(s) listed in subs/list.opml (unchanged)\n");
    assert_eq!(mtime(), before);
}

#[test]
fn build_writes_the_opml_list_only_when_asked_and_only_when_it_changes() {
    let site = site("");
    site.build().quiet().success();
    let without = site.outputs();
    assert!(!without.keys().any(|f| f.ends_with(".opml")));
    site.config(
        &std::fs::read_to_string(site.path("feeds.toml"))
            .unwrap()
            .replace(
                "language = \"en\"\n",
                "language = \"en\"\nopml = \"lists/feeds.opml\"\n",
            ),
    );
    site.build()
        .arg("--check")
        .code(1)
        .stderr_has("stale: public/lists/feeds.opml");
    site.build()
        .success()
        .stderr_has("written: public/lists/feeds.opml");
    let with = site.outputs();
    let opml = &with["lists/feeds.opml"];
    assert_eq!(
        String::from_utf8_lossy(opml),
        site.run(["opml"]).success().stdout(),
        "build writes what `opml` prints"
    );
    for (file, bytes) in &without {
        assert_eq!(
            &with[file], bytes,
            "{file}: feeds are unchanged by an OPML list"
        );
    }
    site.build().success().stderr_has("0 written, 7 unchanged");
    site.build().arg("--check").success();
}

/// `site("preview = ...")` built; its outputs.
fn built_with(preview: &str) -> BTreeMap<String, Vec<u8>> {
    let site = site(preview);
    site.build().quiet().success();
    site.outputs()
}

#[test]
fn preview_none_writes_the_very_bytes_of_a_site_without_preview() {
    assert_eq!(built_with(""), built_with("preview = \"none\"\n"));
}

#[test]
fn preview_names_the_stylesheet_in_rss_and_atom_after_the_declaration_and_never_in_json() {
    let plain = built_with("");
    for (preview, file, media_type) in [
        ("xslt", "feed-preview.xsl", "text/xsl"),
        ("css", "feed-preview.css", "text/css"),
    ] {
        let site = site(&format!("preview = \"{preview}\"\n"));
        site.build().quiet().success();
        let with = site.outputs();
        let instruction =
            format!("<?xml-stylesheet type=\"{media_type}\" href=\"/blog/{file}\"?>\n");
        let others: Vec<&String> = with
            .keys()
            .filter(|f| f.starts_with("feed-preview"))
            .collect();
        assert_eq!(
            others,
            [file],
            "one stylesheet, at the root of the output folder"
        );
        for (name, bytes) in &plain {
            let got = String::from_utf8(with[name].clone()).unwrap();
            let was = String::from_utf8(bytes.clone()).unwrap();
            if name.ends_with(".json") {
                assert_eq!(got, was, "{name}: JSON Feed never names a stylesheet");
                continue;
            }
            let (declaration, rest) = was.split_once("?>").unwrap();
            let rest = rest.strip_prefix('\n').unwrap_or(rest);
            assert_eq!(
                got,
                format!("{declaration}?>\n{instruction}{rest}"),
                "{name}: the instruction on its own line after the declaration, nothing else changed"
            );
            parse_feed(got.as_bytes());
        }
        // The feeds stay valid by the feed rules, with no warning.
        site.run([
            "validate",
            "--strict",
            "public/rss.xml",
            "public/atom.xml",
            "public/cargo.atom",
            "public/ships/rss.xml",
        ])
        .success();
        // Subfolder feeds name the same root-relative stylesheet.
        assert!(site.read("ships/rss.xml").contains(&instruction));
    }
}

#[test]
fn a_size_budget_counts_the_stylesheet_instruction() {
    let site = site("preview = \"xslt\"\n");
    site.config(
        &std::fs::read_to_string(site.path("feeds.toml"))
            .unwrap()
            .replace(
                "name = \"cargo\"\n",
                "name = \"cargo\"\nmax_bytes = 100000\n",
            ),
    );
    let out = site.build().success();
    let size = std::fs::metadata(site.path("public/cargo.atom"))
        .unwrap()
        .len();
    out.stderr_has(&format!(
        "public/cargo.atom: {} bytes of 100,000",
        size.to_string()
            .as_bytes()
            .rchunks(3)
            .rev()
            .map(|c| std::str::from_utf8(c).unwrap())
            .collect::<Vec<_>>()
            .join(",")
    ));
}

#[test]
fn a_bad_preview_or_opml_is_a_config_error_on_its_line_and_nothing_is_written() {
    let bad = site("preview = \"html\"\nopml = \"../feeds.opml\"\n");
    bad.build().code(1).stderr_is(
        "\
feeds.toml:7:1: error: opml: output path \"../feeds.opml\" escapes the output folder
  hint: use a path inside the output folder, e.g. \"feeds/rss.xml\"
feeds.toml:6:1: error: preview \"html\" is not \"xslt\", \"css\" or \"none\"
  hint: use preview = \"xslt\" (a readable page), \"css\" (styled XML) or \"none\"
",
    );
    assert!(bad.outputs().is_empty());
    site("opml = \"ships/rss.xml\"\n")
        .run(["links"])
        .code(1)
        .stderr_is(
            "\
feeds.toml:6:1: error: opml file \"ships/rss.xml\" is also \"ships/rss.xml\" of feed \"ships\"
  hint: give every output its own file
",
        );
    site("opml = \"ships\"\npreview = \"css\"\n")
        .run(["opml"])
        .code(1)
        .stderr_is(
            "\
feeds.toml:6:1: error: opml file \"ships\" is the folder of \"ships/rss.xml\" of feed \"ships\"
  hint: give every output its own file
feeds.toml:6:1: error: opml file \"ships\" is the folder of \"ships/feed.json\" of feed \"ships\"
  hint: give every output its own file
",
        );
    site("opml = \"feed-preview.xsl\"\npreview = \"xslt\"\n")
        .check()
        .code(1)
        .stderr_has(
            "error: preview file \"feed-preview.xsl\" is also opml file \"feed-preview.xsl\"",
        );
}

#[test]
fn links_and_opml_list_the_feeds_a_per_entry_makes_as_a_build_writes_them() {
    let site = Site::from_fixture("per-feeds");
    site.build().quiet().success();
    let written: BTreeSet<String> = site
        .outputs()
        .into_keys()
        .filter(|f| !f.starts_with('.'))
        .map(|f| format!("https://notes.example.com/{f}"))
        .collect();
    let epoch = "1795478400"; // NOW
    let links = site
        .run(["links"])
        .env("SOURCE_DATE_EPOCH", epoch)
        .success();
    let html = format!("<head>{}</head>", links.stdout().replace("\">", "\"/>"));
    let hrefs: BTreeSet<String> = elements(&html, "link")
        .into_iter()
        .map(|l| l["href"].clone())
        .collect();
    assert_eq!(
        hrefs, written,
        "one link per file the build wrote, generated feeds too"
    );
    assert!(hrefs.contains("https://notes.example.com/tags/cafe/rss.xml"));
    let opml = site.run(["opml"]).env("SOURCE_DATE_EPOCH", epoch).success();
    let outlines = elements(opml.stdout(), "outline");
    let feeds = written
        .iter()
        .filter(|u| !u.ends_with("/atom.xml") && !u.ends_with("feed.json"))
        .filter(|u| !(u.contains("/authors/") && u.ends_with(".json")))
        .count();
    assert_eq!(outlines.len(), feeds, "one outline per feed: {outlines:?}");
}
