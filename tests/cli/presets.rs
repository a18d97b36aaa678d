//! Sites written for Hugo, Jekyll, Zola and Eleventy keep every link, id and date their
//! generator publishes. The expected values below are written by hand from each generator's
//! rules (its source, cited in `src/slugify.rs` and `src/article/preset.rs`), never from
//! feedwright's output: a subscriber switching feeds must see no entry twice.

use crate::harness::{Site, CONFIG};

/// Link, id and publication date (RFC 3339) of one entry.
type Expected = (&'static str, &'static str, &'static str);

/// The entries of `file` in fixture `case`, in any order, are exactly `want`.
fn assert_entries(case: &str, file: &str, want: &[Expected]) {
    assert_site_entries(&Site::from_fixture(case), file, want, case);
}

/// The entries of `file` built in `site` (named `case` in messages) are exactly `want`.
#[track_caller]
fn assert_site_entries(site: &Site, file: &str, want: &[Expected], case: &str) {
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

/// A site's files under `preset = "eleventy"` with Eleventy's default link pattern.
fn eleventy_site() -> Site {
    Site::new(&format!(
        "{}preset = \"eleventy\"\npermalink = \"/{{path}}/{{slug}}/\"\n\n[[feeds]]\nname = \"all\"\nlimit = 0\njson = \"feed.json\"\n",
        crate::harness::CONFIG
    ))
}

/// Eleventy's own flags decide what is a page of its collections: `eleventyExcludeFromCollections`
/// and `permalink: false` (front matter or directory data) leave a file out, counted; a literal
/// `permalink` is the link; directory data gives drafts and tags; `---json` front matter is read.
#[test]
fn eleventy_exclusion_flags_permalinks_and_directory_data_are_eleventys() {
    let site = eleventy_site();
    site.article(
        "posts/posts.11tydata.json",
        "{\"tags\": [\"post\"], \"layout\": \"post.njk\"}",
    )
    .article(
        "posts/a.md",
        "---\ntitle: A\ndate: 2024-01-01\npermalink: /custom/here/\ntags: [x]\n---\nA\n",
    )
    .article(
        "posts/hidden.md",
        "---\ntitle: H\ndate: 2024-01-02\neleventyExcludeFromCollections: true\n---\n",
    )
    .article(
        "posts/partial.md",
        "---\npermalink: false\n---\nA partial: no title, no date.\n",
    )
    .article(
        "posts/templated.md",
        "---\ntitle: T\ndate: 2024-01-03\npermalink: \"/t/{{ page.fileSlug }}/\"\n---\n",
    )
    .article(
        "posts/j.md",
        "---json\n{\n\t\"title\": \"J\",\n\t\"date\": \"2024-01-04\"\n}\n---\nJ\n",
    )
    .article("posts/drafts/drafts.json", "{\"draft\": true}")
    .article(
        "posts/drafts/d.md",
        "---\ntitle: D\ndate: 2024-01-05\n---\n",
    )
    .article(
        "posts/gone/gone.json",
        "{\"eleventyExcludeFromCollections\": true}",
    )
    .article("posts/gone/g.md", "---\ntitle: G\ndate: 2024-01-06\n---\n");
    site.build().success().stderr_starts_with(
        "feedwright: 3 content-like file(s) skipped: 2 eleventyExcludeFromCollections: true, 1 permalink: false\n",
    );
    let feed = site.json("feed.json");
    let items = feed["items"].as_array().unwrap();
    let got: Vec<(&str, &str)> = items
        .iter()
        .map(|i| (i["title"].as_str().unwrap(), i["url"].as_str().unwrap()))
        .collect();
    assert_eq!(
        got,
        [
            ("J", "https://example.org/blog/posts/j/"),
            ("T", "https://example.org/blog/posts/templated/"),
            ("A", "https://example.org/blog/custom/here/"),
        ]
    );
    assert_eq!(items[2]["tags"], serde_json::json!(["post", "x"]));
    site.run(["build", "--drafts"]).quiet().success();
    assert_eq!(site.items("feed.json", "title"), ["D", "J", "T", "A"]);
}

/// A draft needs no date (it is not published); Eleventy's file-path date is read from anywhere
/// in the path; with no date at all Eleventy would use the file's creation time, so the file is
/// left out with a warning naming the fix.
#[test]
fn eleventy_dates_drafts_and_files_without_a_date() {
    let site = eleventy_site();
    site.article("posts/2024-03-05/index.md", "---\ntitle: P\n---\n")
        .article("posts/idea.md", "---\ntitle: I\ndraft: true\n---\n")
        .article("posts/nodate.md", "---\ntitle: N\n---\n");
    site.build().success().stderr_starts_with(
        "articles/posts/nodate.md:1:1: warning: article has no date: left out (Eleventy dates it by the \
         file's creation time, which feedwright cannot reproduce)\n  \
         hint: add `date: 2026-01-31` to the front matter (or a YYYY-MM-DD to its path) to publish it\n\
         feedwright: 2 content-like file(s) skipped: 1 draft(s) without a date, 1 file(s) without a date (see the warnings)\n",
    );
    let feed = site.json("feed.json");
    assert_eq!(
        feed["items"][0]["url"],
        "https://example.org/blog/posts/2024-03-05/"
    );
    assert_eq!(feed["items"][0]["date_published"], "2024-03-05T00:00:00Z");
    assert_eq!(feed["items"].as_array().unwrap().len(), 1);
}

/// Without the Eleventy preset a draft without a date is not an error either, but an article
/// without one still is.
#[test]
fn a_draft_without_a_date_is_not_an_error() {
    let site = Site::minimal();
    site.article("idea.md", "---\ntitle: I\ndraft: true\n---\n");
    site.build().success().stderr_starts_with(
        "feedwright: 1 content-like file(s) skipped: 1 draft(s) without a date\n",
    );
    site.article("post.md", "---\ntitle: P\n---\n");
    site.build().code(1).stderr_has("article has no date");
}

/// A Jekyll site in Asia/Tokyo under `https://t.example.org/blog/`, jekyll-feed's ids, with
/// `permalink` and the articles `posts` (path under `articles/`, text).
fn jekyll_tokyo(permalink: &str, posts: &[(&str, &str)]) -> Site {
    let site = Site::new(&format!(
        "[site]\ntitle = \"T\"\nurl = \"https://t.example.org/blog/\"\ndescription = \"D\"\n\
         timezone = \"Asia/Tokyo\"\nauthor = {{ name = \"A\" }}\npreset = \"jekyll\"\n\
         id = \"jekyll\"\npermalink = \"{permalink}\"\n\n[[feeds]]\nname = \"main\"\n\
         limit = 0\natom = \"feed.xml\"\n"
    ));
    for (path, text) in posts {
        site.article(path, text);
    }
    site
}

/// Jekyll 4.3 (`Document#merge_date!` -> `Utils.parse_date` = `Time.parse(date.to_s)` under
/// the site's zone): a date Ruby's YAML reader keeps as text (quoted, or a time without
/// seconds, which is no YAML timestamp) is read in the site's zone; an unquoted timestamp
/// without an offset is UTC. The same holds for `last_modified_at` (jekyll-feed's
/// `<updated>`, through Liquid's `to_date`). Checked against `jekyll build` with jekyll-feed
/// 0.17: a quoted 23:30 stays on its day, an unquoted one moves to the next day in Tokyo.
#[test]
fn jekyll_reads_quoted_dates_in_the_sites_zone_and_unquoted_timestamps_in_utc() {
    let site = jekyll_tokyo(
        "/{year}/{month}/{day}/{title}.html",
        &[
            (
                "_posts/2024-01-04-quoted.md",
                "---\ntitle: q\ndate: \"2024-01-04 23:30:00\"\n---\nB\n",
            ),
            (
                "_posts/2024-01-04-single.md",
                "---\ntitle: s\ndate: '2024-01-04 23:30:00'\n---\nB\n",
            ),
            (
                "_posts/2024-01-03-plain.md",
                "---\ntitle: p\ndate: 2024-01-03 23:30:00\n---\nB\n",
            ),
            (
                "_posts/2024-01-03-nosec.md",
                "---\ntitle: n\ndate: 2024-01-03 23:30\n---\nB\n",
            ),
            (
                "_posts/2024-01-04-offset.md",
                "---\ntitle: o\ndate: \"2024-01-04 23:30:00 +0000\"\n---\nB\n",
            ),
        ],
    );
    let b = "https://t.example.org/blog";
    let entry = |path: &str, date: &'static str| -> Expected {
        let link: &'static str = format!("{b}/{path}.html").leak();
        let id: &'static str = format!("{b}/{path}").leak();
        (link, id, date)
    };
    let want = [
        entry("2024/01/04/quoted", "2024-01-04T23:30:00+09:00"),
        entry("2024/01/04/single", "2024-01-04T23:30:00+09:00"),
        entry("2024/01/04/plain", "2024-01-04T08:30:00+09:00"),
        entry("2024/01/03/nosec", "2024-01-03T23:30:00+09:00"),
        entry("2024/01/05/offset", "2024-01-05T08:30:00+09:00"),
    ];
    assert_site_entries(&site, "feed.xml", &want, "quoted dates");
    let text = site.read("feed.xml");
    assert!(
        text.contains("<updated>2024-01-04T23:30:00+09:00</updated>"),
        "{text}"
    );

    let updated = |lm: &str| {
        let site = jekyll_tokyo(
            "/{year}/{month}/{day}/{title}.html",
            &[(
                "_posts/2024-01-05-lm.md",
                &format!("---\ntitle: l\ndate: 2024-01-05\nlast_modified_at: {lm}\n---\nB\n"),
            )],
        );
        site.build().quiet().success();
        site.feed("feed.xml").entries[0]
            .updated
            .unwrap()
            .to_rfc3339()
    };
    assert_eq!(
        updated("\"2024-01-06 23:30:00\""),
        "2024-01-06T14:30:00+00:00"
    );
    assert_eq!(updated("2024-01-06 23:30:00"), "2024-01-06T23:30:00+00:00");
}

/// Jekyll's `:categories` (`Drops::UrlDrop#categories`: the folders above `_posts`, then
/// `categories`, then `category`, each lowercased once, joined with `/`, escaped; none leaves
/// no `//`), placeholders in a front-matter `permalink` (`URL#generate_url_from_drop`), and
/// posts in every `<dir>/_posts/` folder but those Jekyll never enters (`_private/`). The
/// values are those `jekyll build` with jekyll-feed 0.17 wrote for the same posts.
#[test]
fn jekyll_categories_front_matter_permalinks_and_nested_posts_folders() {
    let post = |front: &str| format!("---\n{front}\n---\nB\n");
    let site = jekyll_tokyo(
        "/{categories}/{year}/{month}/{day}/{title}.html",
        &[
            ("_posts/2024-01-08-none.md", &post("title: none")),
            (
                "_posts/2024-01-09-cats.md",
                &post("title: c\ncategories: [Foo Bar, baz, Foo Bar]\ncategory: Qux"),
            ),
            (
                "_posts/2024-01-10-cats2.md",
                &post("title: c2\ncategories: alpha Beta"),
            ),
            (
                "_posts/2024-01-11-fmp.md",
                &post("title: f\npermalink: /archive/:year/:categories/:title.html\ncategories: x"),
            ),
            (
                "news/_posts/2024-01-13-nested.md",
                &post("title: n\ncategories: [Zed]"),
            ),
            ("Big Dir/sub/_posts/2024-01-14-deep.md", &post("title: d")),
            ("news/_posts/2013/2024-01-15-nsub.md", &post("title: s")),
            ("_private/_posts/2024-01-16-priv.md", &post("title: p")),
        ],
    );
    let b = "https://t.example.org/blog";
    let entry = |path: &str, day: &str| -> Expected {
        let link: &'static str = format!("{b}/{path}.html").leak();
        let id: &'static str = format!("{b}/{path}").leak();
        (link, id, format!("2024-01-{day}T00:00:00+09:00").leak())
    };
    let want = [
        entry("2024/01/08/none", "08"),
        entry("foo%20bar/baz/qux/2024/01/09/cats", "09"),
        entry("alpha/beta/2024/01/10/cats2", "10"),
        entry("archive/2024/x/fmp", "11"),
        entry("news/zed/2024/01/13/nested", "13"),
        entry("big%20dir/sub/2024/01/14/deep", "14"),
        entry("news/2024/01/15/nsub", "15"),
    ];
    assert_site_entries(&site, "feed.xml", &want, "categories");
    let feed = site.feed("feed.xml");
    let deep = feed
        .entries
        .iter()
        .find(|e| e.id.ends_with("/deep"))
        .unwrap();
    let terms: Vec<&str> = deep.categories.iter().map(|c| c.term.as_str()).collect();
    assert_eq!(terms, ["Big Dir", "sub"]);
}

/// Hugo's `:title` is the page's title made a URL (`URLize`: punctuation dropped, dots kept,
/// lowercased), whatever the file is called; a written `slug` does not change it.
#[test]
fn hugo_title_placeholder_is_the_pages_title_not_the_file_name() {
    let site = Site::new(&format!(
        "{CONFIG}preset = \"hugo\"\nid = \"link\"\narticles = \"content\"\n\
         permalink = \"/{{year}}/{{month}}/{{day}}/{{title}}/\"\n"
    ));
    site.file(
        "content/posts/rel-1.md",
        "+++\ntitle = \"Feedwright-1.0 Release!\"\ndate = 2024-01-02\n+++\n",
    )
    .file(
        "content/posts/rel-2.md",
        "+++\ntitle = \"Why? Because.\"\nslug = \"other\"\ndate = 2024-01-03\n+++\n",
    );
    site.build().quiet().success();
    let mut links = site.items("feed.json", "url");
    links.sort();
    assert_eq!(
        links,
        [
            "https://example.org/blog/2024/01/02/feedwright-1.0-release/",
            "https://example.org/blog/2024/01/03/why-because./",
        ]
    );
}

/// `[site.permalinks]` gives a folder (and everything below it) its own pattern; the other
/// folders keep the site's `permalink`, as Hugo's per-section `permalinks` do.
#[test]
fn folders_of_site_permalinks_take_their_own_pattern_and_the_rest_the_sites() {
    let site = Site::new(&format!(
        "{CONFIG}preset = \"hugo\"\nid = \"link\"\npermalink = \"/{{path}}/{{slug}}/\"\n\
         [site.permalinks]\nblog = \"/{{year}}/{{month}}/{{day}}/{{title}}/\"\n\
         \"blog/notes\" = \"/n/{{slug}}/\"\n"
    ));
    let page = |title: &str| format!("+++\ntitle = \"{title}\"\ndate = 2024-01-02\n+++\n");
    site.article("blog/rel-1.md", &page("Release One"))
        .article("blog/notes/n1.md", &page("Note"))
        .article("plugins/acl.md", &page("acl"))
        .article("about.md", &page("About"));
    site.build().quiet().success();
    let mut links = site.items("feed.json", "url");
    links.sort();
    assert_eq!(
        links,
        [
            "https://example.org/blog/2024/01/02/release-one/",
            "https://example.org/blog/about/",
            "https://example.org/blog/n/n1/",
            "https://example.org/blog/plugins/acl/",
        ]
    );
    site.config(&format!(
        "{CONFIG}[site.permalinks]\n\"blog/*\" = \"/{{slug}}/\"\nnotes = \"/{{year}}/\"\n"
    ));
    site.check()
        .code(1)
        .stderr_has(
            "error: [site.permalinks] key \"blog/*\" is not a folder under the articles folder",
        )
        .stderr_has("error: [site.permalinks] notes: permalink \"/{year}/\" has no {slug}");
}

/// Hugo's `:slug` is the slug, else the title; its `:filename` is the file name even when
/// `slug` is written (`init --from hugo` writes them as `{slug_or_title}` and `{filename}`).
#[test]
fn hugo_slug_falls_back_to_the_title_and_filename_ignores_slug() {
    let site = Site::new(&format!(
        "{CONFIG}preset = \"hugo\"\nid = \"link\"\npermalink = \"/{{slug_or_title}}/\"\n\
         [site.permalinks]\nnotes = \"/n/{{filename}}/\"\n"
    ));
    let page = |front: &str| format!("+++\n{front}date = 2024-01-02\n+++\n");
    site.article("posts/file-name.md", &page("title = \"Hello World\"\n"))
        .article(
            "posts/other.md",
            &page("title = \"X\"\nslug = \"Own Slug\"\n"),
        )
        .article(
            "notes/file-two.md",
            &page("title = \"Two\"\nslug = \"custom\"\n"),
        );
    site.build().quiet().success();
    let mut links = site.items("feed.json", "url");
    links.sort();
    assert_eq!(
        links,
        [
            "https://example.org/blog/hello-world/",
            "https://example.org/blog/n/file-two/",
            "https://example.org/blog/own-slug/",
        ]
    );
}
