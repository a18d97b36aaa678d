//! The demo site and every fixture site produce exactly their golden files, and an independent
//! reader (feed-rs) reads back what the source articles say.

use crate::harness::{golden, repo, Site};

const DEMO_FILES: &[&str] = &[
    "rss.xml",
    "atom.xml",
    "feed.json",
    "politics/rss.xml",
    "politics/atom.xml",
    "authors/niamh.json",
];

#[test]
fn demo_site_matches_golden_files_byte_for_byte() {
    let site = Site::demo();
    site.build().quiet().success();
    let outputs = site.outputs();
    golden::assert_matches("demo", &outputs);
    for f in DEMO_FILES {
        assert!(outputs.contains_key(*f), "{f}");
    }
}

#[test]
fn fixture_sites_match_golden_files_and_read_back() {
    for entry in std::fs::read_dir(repo().join("tests/fixtures")).unwrap() {
        let case = entry.unwrap().file_name().to_string_lossy().into_owned();
        let site = Site::from_fixture(&case);
        site.build().quiet().success();
        let outputs = site.outputs();
        golden::assert_matches(&case, &outputs);
        for (file, bytes) in outputs {
            // The OPML list and the preview stylesheet are compared, but are not feeds.
            if file.ends_with(".opml") || file.starts_with("feed-preview.") {
                continue;
            }
            let feed = crate::harness::parse_feed(&bytes);
            assert!(!feed.entries.is_empty(), "{case}/{file}");
        }
    }
}

/// Title, link path, id suffix, published, authors, tags.
type Expected = (
    &'static str,
    &'static str,
    &'static str,
    &'static str,
    &'static [&'static str],
    &'static [&'static str],
);

/// What the demo's source articles say, written out by hand (not read by our loader).
const DEMO_ENTRIES: &[Expected] = &[
    (
        "Local election set for 14 June",
        "2026/03/election-date/",
        "2026-03-10:journal/election-date",
        "2026-03-10T12:00:00+02:00",
        &["Niamh Harris"],
        &["politics", "elections"],
    ),
    (
        "Letters: on the <truce> between the ferry and the bridge lobby, and R&D",
        "2026/03/letters/",
        "2026-03-08:journal/letters",
        "2026-03-08T09:15:00+02:00",
        &["The Desk"],
        &["letters", "R&D"],
    ),
    (
        "Harbour festival line-up announced",
        "2026/03/harbour-festival/",
        "2026-03-05:journal/harbour-festival",
        "2026-03-05T10:00:00+02:00",
        &["José Ortega"],
        &["culture", "harbour"],
    ),
    (
        "Council passes the harbour budget",
        "2026/03/harbour-budget/",
        "2026-03-02:journal/harbour-budget",
        "2026-03-02T18:30:00+02:00",
        &["Niamh Harris"],
        &["politics", "harbour"],
    ),
    (
        "The weather station gets a new anemometer",
        "2026/02/weather-station/",
        "2026-02-27:journal/weather-station",
        "2026-02-27T00:00:00+02:00",
        &["Sam Lee"],
        &["weather"],
    ),
    (
        "Budget preview: three options for the harbour",
        "2026/02/budget-preview/",
        "2026-02-20:journal/budget-preview",
        "2026-02-20T09:00:00+02:00",
        &["Niamh Harris", "José Ortega"],
        &["politics", "harbour"],
    ),
    (
        "Tide tables for spring",
        "2026/02/tide-tables/",
        "2026-02-14:journal/tide-tables",
        "2026-02-14T00:00:00+02:00",
        &["The Desk"],
        &["harbour"],
    ),
    (
        "The lighthouse keeper's log, 1926",
        "2026/02/lighthouse-log/",
        "2026-02-10:journal/lighthouse-log",
        "2026-02-10T00:00:00+02:00",
        &["The Desk"],
        &[],
    ),
    (
        "Kalastajan savukala: the smoked-fish stall returns",
        "2026/02/smoked-fish/",
        "2026-02-01:journal/smoked-fish",
        "2026-02-01T11:00:00+02:00",
        &["Aino Mäkinen"],
        &["food", "market"],
    ),
    (
        "Winter ferry timetable & what changed",
        "2026/01/ferry-timetable/",
        "2026-01-15:journal/ferry-timetable",
        "2026-01-15T00:00:00+02:00",
        &["José Ortega"],
        &["ferry", "transport"],
    ),
];

#[test]
fn demo_feeds_read_back_by_feed_rs_field_by_field() {
    let site = Site::demo();
    site.build().quiet().success();
    for file in ["rss.xml", "atom.xml", "feed.json"] {
        let feed = site.feed(file);
        assert_eq!(feed.entries.len(), DEMO_ENTRIES.len(), "{file}");
        assert_eq!(
            feed.title.as_ref().unwrap().content,
            "Harbour Town Journal",
            "{file}"
        );
        for (entry, (title, path, id, date, authors, tags)) in feed.entries.iter().zip(DEMO_ENTRIES)
        {
            let ctx = format!("{file}: {title}");
            assert_eq!(entry.title.as_ref().unwrap().content, *title, "{ctx}");
            assert_eq!(entry.id, format!("tag:news.example.com,{id}"), "{ctx}");
            assert_eq!(
                entry.links[0].href,
                format!("https://news.example.com/journal/{path}"),
                "{ctx}"
            );
            let want = chrono::DateTime::parse_from_rfc3339(date).unwrap();
            assert_eq!(entry.published.unwrap(), want, "{ctx}");
            let names: Vec<&str> = entry.authors.iter().map(|p| p.name.as_str()).collect();
            assert_eq!(names, *authors, "{ctx}");
            let terms: Vec<&str> = entry.categories.iter().map(|c| c.term.as_str()).collect();
            assert_eq!(terms, *tags, "{ctx}");
            assert!(entry.summary.is_some(), "{ctx}");
            assert!(entry.content.is_some() || file == "feed.json", "{ctx}");
        }
        // The feed's date is the newest entry's, never the build time (JSON Feed has none).
        if file == "feed.json" {
            continue;
        }
        let updated = feed.updated.expect("feed date");
        assert_eq!(
            updated,
            chrono::DateTime::parse_from_rfc3339("2026-03-10T12:00:00+02:00").unwrap(),
            "{file}"
        );
    }
    let atom = site.feed("atom.xml");
    let ferry = atom.entries.last().unwrap();
    assert_eq!(
        ferry.updated.unwrap(),
        chrono::DateTime::parse_from_rfc3339("2026-01-16T08:00:00+02:00").unwrap()
    );
    let politics = site.feed("politics/rss.xml");
    assert_eq!(politics.entries.len(), 3);
    assert!(politics.entries.iter().all(|e| e.content.is_none()));
    let niamh = site.json("authors/niamh.json");
    assert_eq!(niamh["items"].as_array().unwrap().len(), 3);
}

#[test]
fn demo_content_links_and_images_are_absolute_and_safe() {
    let site = Site::demo();
    site.build().quiet().success();
    let json = site.json("feed.json");
    let all_html: String = json["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["content_html"].as_str().unwrap().to_string())
        .collect();
    for needle in [
        r#"href="https://news.example.com/council/minutes/2026-03-02/""#,
        r#"href="https://news.example.com/journal/2026/02/budget-preview/""#,
        r#"src="https://news.example.com/journal/2026/03/harbour-budget/harbour.jpg""#,
        r#"srcset="https://news.example.com/journal/images/stall.jpg 1x, https://news.example.com/journal/images/stall@2x.jpg 2x""#,
        r#"href="https://news.example.com/journal/2026/03/election-date/#how-to-register""#,
        r#"href="https://news.example.com/journal/2026/01/ferry-timetable/files/winter-2026.pdf""#,
    ] {
        assert!(all_html.contains(needle), "missing {needle}");
    }
    assert!(!all_html.contains("<script"), "scripts must be removed");
    for attr in [r#"href=""#, r#"src=""#] {
        for (i, _) in all_html.match_indices(attr) {
            let rest = &all_html[i + attr.len()..];
            assert!(
                rest.starts_with("https://") || rest.starts_with("http://"),
                "relative URL at {}",
                &rest[..40.min(rest.len())]
            );
        }
    }
}
