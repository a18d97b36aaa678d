//! Sites written for Hugo, Jekyll, Zola and Eleventy keep every link, id and date their
//! generator publishes. The expected values below are written by hand from each generator's
//! rules (its source, cited in `src/slugify.rs` and `src/article/preset.rs`), never from
//! feedwright's output: a subscriber switching feeds must see no entry twice.

use crate::harness::{Site, CONFIG};

/// Link, id and publication date (RFC 3339) of one entry.
type Expected = (&'static str, &'static str, &'static str);

/// The entries of `file` in fixture `case`, in any order, are exactly `want`.
fn assert_entries(case: &str, file: &str, want: &[Expected]) {
    let site = Site::from_fixture(case);
    site.build().quiet().success();
    let feed = site.feed(file);
    let mut got: Vec<(String, String, String)> = feed
        .entries
        .iter()
        .map(|e| {
            let published = e.published.expect("a published date");
            let published = published.with_timezone(&chrono::Utc).to_rfc3339();
            (e.links[0].href.clone(), e.id.clone(), published)
        })
        .collect();
    let mut want: Vec<(String, String, String)> = want
        .iter()
        .map(|(l, i, d)| {
            // The reader gives instants in UTC; the offsets are in the golden files.
            let instant = chrono::DateTime::parse_from_rfc3339(d).unwrap();
            let utc = instant.with_timezone(&chrono::Utc).to_rfc3339();
            (l.to_string(), i.to_string(), utc)
        })
        .collect();
    got.sort();
    want.sort();
    assert_eq!(got, want, "{case}/{file}");
}

/// Entries whose id is their link: `base` + each path, with its date.
fn link_is_id(base: &str, entries: &[(&str, &'static str)]) -> Vec<Expected> {
    entries
        .iter()
        .map(|(path, date)| {
            let link: &'static str = format!("{base}/{path}").leak();
            (link, link, *date)
        })
        .collect()
}

/// Jekyll + jekyll-feed: `/news/:year/:month/:day/:title/` with the date in the site's zone
/// (America/Los_Angeles), `:title` keeping case, dots and `+`; id = the URL's folder + the raw
/// slug (`Document#id`); `published: false` left out.
#[test]
fn jekyll_links_ids_and_dates_are_jekyll_feeds() {
    let news = "https://jekyll.example.org/news";
    assert_entries(
        "jekyll-site",
        "feed.xml",
        &[
            (
                "https://jekyll.example.org/news/2013/05/05/jekyll-1-0-0-released/",
                "https://jekyll.example.org/news/2013/05/05/jekyll-1-0-0-released",
                "2013-05-05T17:12:52-07:00",
            ),
            (
                "https://jekyll.example.org/news/2022/12/21/jekyll-sass-converter-3.0-released/",
                "https://jekyll.example.org/news/2022/12/21/jekyll-sass-converter-3.0-released",
                "2022-12-21T00:00:00-08:00",
            ),
            (
                "https://jekyll.example.org/news/2023/01/29/jekyll-3-9-3-released/",
                "https://jekyll.example.org/news/2023/01/29/jekyll-3-9-3-released",
                "2023-01-29T18:30:22-08:00",
            ),
            (
                "https://jekyll.example.org/news/2020/05/14/Rust-1.60.0/",
                "https://jekyll.example.org/news/2020/05/14/Rust-1.60.0",
                "2020-05-14T12:00:00-07:00",
            ),
            (
                "https://jekyll.example.org/news/2021/01/02/Caf%C3%A9-%C3%9Cn%C3%AF+x/",
                "https://jekyll.example.org/news/2021/01/02/Caf%C3%A9%20%C3%9Cn%C3%AF+x",
                "2021-01-02T00:00:00-08:00",
            ),
            (
                "https://jekyll.example.org/custom/path/",
                "https://jekyll.example.org/custom/moved",
                "2019-07-20T03:00:00-07:00",
            ),
        ],
    );
    // A feed with `id = "link"` takes the permalink as the id, and the tags come from
    // `category` and `categories` (a string split at spaces).
    let release = [
        (
            "2013/05/05/jekyll-1-0-0-released/",
            "2013-05-05T17:12:52-07:00",
        ),
        (
            "2022/12/21/jekyll-sass-converter-3.0-released/",
            "2022-12-21T00:00:00-08:00",
        ),
        (
            "2023/01/29/jekyll-3-9-3-released/",
            "2023-01-29T18:30:22-08:00",
        ),
    ];
    assert_entries(
        "jekyll-site",
        "feed/release.xml",
        &link_is_id(news, &release),
    );
}

/// Hugo: `/:year/:month/:day/:slug/` + ugly URLs under the base path `/sub/`; slugs lowercased
/// with dots and `+` kept and punctuation dropped; `url` verbatim; a date without an offset in
/// the site's zone (Europe/Berlin); id = the permalink.
#[test]
fn hugo_links_ids_and_dates_are_hugos() {
    let entries = [
        ("2015/11/09/why-90-days.html", "2015-11-09T00:00:00+00:00"),
        (
            "2022/04/28/database-to-app-tls.html",
            "2022-04-28T00:00:00+02:00",
        ),
        (
            "2013/05/06/mixed-case+plus.v2-x.html",
            "2013-05-06T02:12:52+02:00",
        ),
        ("Custom/Path.html", "2014-01-02T03:04:05-05:00"),
        (
            "2016/03/01/gr%C3%B6%C3%9Fe-test.html",
            "2016-03-01T10:00:00+01:00",
        ),
    ];
    let entries = link_is_id("https://hugo.example.org/sub", &entries);
    assert_entries("hugo-site", "feed.xml", &entries);
    assert_entries("hugo-site", "atom.xml", &entries);
}

/// Zola: `path` verbatim (its date read from it), section folders in the URL, the slug crate
/// (dots to `-`, `日本` to `ri-ben`), a bundle named after its folder, a dated file name, and
/// local times in UTC whatever the site's zone; id = the permalink.
#[test]
fn zola_links_ids_and_dates_are_zolas() {
    let entries = [
        (
            "2019/11/07/Async-await-stable/",
            "2019-11-07T00:00:00+00:00",
        ),
        ("inside-rust/rust-1-60-0/", "2022-04-07T00:00:00+00:00"),
        ("inside-rust/dated-name/", "2023-01-05T00:00:00+00:00"),
        ("bundle-post/", "2021-03-04T05:06:07+00:00"),
        ("ri-ben/", "2020-01-01T09:00:00+09:00"),
    ];
    let entries = link_is_id("https://zola.example.org", &entries);
    assert_entries("zola-site", "atom.xml", &entries);
}

/// Zola's built-in feeds leave out a page whose only date is the `YYYY/MM/DD` in its `path`;
/// a feed template reading `page.components` (the Rust blog's) dates it by them, which
/// `date_from_path = true` reproduces.
#[test]
fn zola_reads_a_date_from_path_only_when_told() {
    let zola = format!("{CONFIG}preset = \"zola\"\n");
    let site = Site::new(&zola);
    site.article(
        "x.md",
        "+++\ntitle = \"X\"\npath = \"blog/2024/02/02/x\"\n+++\nBody\n",
    )
    .article("y.md", "+++\ntitle = \"Y\"\ndate = 2024-01-01\n+++\nBody\n");
    site.build().success().stderr_starts_with(
        "feedwright: 1 content-like file(s) skipped: 1 page(s) without a date\n",
    );
    assert_eq!(site.items("feed.json", "title"), ["Y"]);
    site.config(&format!("{zola}date_from_path = true\n"));
    site.build().quiet().success();
    assert_eq!(site.items("feed.json", "title"), ["X", "Y"]);
    assert_eq!(
        site.items("feed.json", "date_published")[0],
        "2024-02-02T00:00:00Z"
    );
}

/// Eleventy: the file name as it is (case, dots, spaces, a leading date), dates in UTC (from
/// the path when not written); id = the link without its trailing slash.
#[test]
fn eleventy_links_ids_and_dates_are_eleventys() {
    let entries = [
        ("blog/10-years", "2018-09-11T19:00:00+00:00"),
        ("blog/v26.7.0", "2020-05-14T00:00:00+00:00"),
        ("blog/2020-05-14-Rust-1.60.0", "2020-05-14T00:00:00+00:00"),
        (
            "features/Caf%C3%A9%20%C3%9Cn%C3%AF+x",
            "2021-03-04T00:00:00+00:00",
        ),
    ];
    let entries = link_is_id("https://eleventy.example.org", &entries);
    assert_entries("eleventy-site", "blog.atom", &entries);
}

/// Generator keys with no feed meaning draw no warning under their preset, and the
/// generator's date forms are read; without a preset they stay unknown.
#[test]
fn generator_keys_are_known_under_their_preset_only() {
    let front = "---\ntitle: T\ndate: 2013-05-06 02:12:52 +0200\nlayout: post\n---\nBody\n";
    let site = Site::minimal();
    site.article("a.md", front);
    let config = std::fs::read_to_string(site.path("feeds.toml")).unwrap();
    site.build().quiet().code(1);
    site.config(&config.replace("[site]\n", "[site]\npreset = \"jekyll\"\n"));
    site.build().quiet().success().stderr_is("");
}
