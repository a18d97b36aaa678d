//! Which files are articles: `include`/`exclude` globs of the site and of each feed, each
//! preset's conventions (section pages, bundle resources, Jekyll `_posts`/`_drafts`, Eleventy
//! `_` names), page bundles named after their folder, and skipped content-like files counted
//! in the report rather than dropped silently.

use crate::harness::{Site, CONFIG};

/// A record with a title and whatever else `front` adds (TOML).
fn record(title: &str, front: &str) -> String {
    format!("+++\ntitle = \"{title}\"\n{front}+++\nbody of {title}\n")
}

/// The titles of the entries of `feed.json`, in feed order.
fn titles(site: &Site) -> Vec<String> {
    site.items("feed.json", "title")
}

#[test]
fn site_globs_decide_what_is_read_and_skipped_content_is_counted() {
    let site = Site::new(&format!(
        "{CONFIG}include = [\"posts\", \"*.md\"]\nexclude = [\"posts/old/**\", \"**/_*\"]\n"
    ));
    site.article("posts/2026-01-01-a.md", &record("A", ""))
        .article("posts/old/2020-01-01-b.md", "no front matter: never read")
        .article("posts/_draft.md", "never read either")
        .article("2026-01-02-top.md", &record("Top", ""))
        .article("notes/2026-01-03-n.md", &record("N", ""))
        .article("posts/widget.mdx", "---\ntitle: MDX\n---\n")
        .article("posts/plan.png", "not content: not counted");
    site.build().success().stderr_starts_with(
        "feedwright: 4 content-like file(s) skipped: 1 not matched by include = [\"posts\", \"*.md\"], \
         2 excluded by exclude = [\"posts/old/**\", \"**/_*\"], 1 .mdx\n\
         feedwright: 2 article file(s) read;",
    );
    assert_eq!(titles(&site), ["Top", "A"]);
    site.build().quiet().success().stderr_is("");
}

#[test]
fn feed_globs_filter_entries() {
    let site = Site::new(&format!(
        "{CONFIG}\n[[feeds]]\nname = \"news\"\njson = \"feed.json\"\ninclude = [\"news/**\"]\n\
         exclude = [\"news/briefs\"]\n\n[[feeds]]\nname = \"all\"\njson = \"all.json\"\n"
    ));
    site.article("news/2026-01-01-a.md", &record("A", ""))
        .article("news/briefs/2026-01-02-b.md", &record("B", ""))
        .article("2026-01-03-c.md", &record("C", ""));
    site.build().quiet().success();
    assert_eq!(titles(&site), ["A"]);
    assert_eq!(site.json("all.json")["items"].as_array().unwrap().len(), 3);
}

#[test]
fn a_bad_glob_is_a_config_error_on_its_line() {
    let site = Site::new(&format!(
        "{CONFIG}exclude = [\"a[\"]\n\n[[feeds]]\nname = \"f\"\njson = \"f.json\"\ninclude = [\"{{x\"]\n"
    ));
    site.build().code(1).stderr_is(
        "feeds.toml:6:1: error: [site] exclude: pattern \"a[\" is not a glob: unclosed character class; missing ']'\n  \
         hint: write paths relative to the articles folder, e.g. \"posts/**\" or \"*.md\"\n\
         feeds.toml:11:1: error: feed \"f\" include: pattern \"{x\" is not a glob: unclosed alternate group; missing '}' (maybe escape '{' with '[{]'?)\n  \
         hint: write paths relative to the articles folder, e.g. \"posts/**\" or \"*.md\"\n",
    );
}

#[test]
fn a_bundle_is_named_and_dated_after_its_folder_and_its_images_resolve_under_its_link() {
    let site = Site::minimal();
    site.article(
        "2026-02-03-launch/index.md",
        "+++\ntitle = \"Launch\"\n+++\n![plan](plan.png)\n",
    )
    .article("index.md", &record("Home", "date = 2026-01-01\n"));
    site.build().quiet().success();
    let json = site.json("feed.json");
    let launch = &json["items"][0];
    assert_eq!(launch["url"], "https://example.org/blog/launch/");
    assert_eq!(launch["date_published"], "2026-02-03T00:00:00Z");
    assert_eq!(
        launch["content_html"],
        "<p><img src=\"https://example.org/blog/launch/plan.png\" alt=\"plan\" /></p>\n"
    );
    assert_eq!(json["items"][1]["url"], "https://example.org/blog/index/");
}

/// Builds a site with `preset` holding `files` (path, text), and asserts the report's
/// skipped-files line, the number of article files read and the feed's titles.
#[track_caller]
fn assert_preset(preset: &str, files: &[(&str, &str)], skipped: &str, read: usize, want: &[&str]) {
    let site = Site::new(&format!("{CONFIG}preset = \"{preset}\"\n"));
    for (path, text) in files {
        site.article(path, text);
    }
    site.build().success().stderr_starts_with(&format!(
        "feedwright: {skipped}\nfeedwright: {read} article file(s) read;"
    ));
    assert_eq!(titles(&site), want);
}

#[test]
fn hugo_skips_section_pages_and_every_other_file_of_a_leaf_bundle() {
    let (b, c) = (record("B", ""), record("C", ""));
    assert_preset(
        "hugo",
        &[
            ("_index.md", "no front matter"),
            ("post/_index.md", "+++\ntitle = \"Posts\"\n+++\n"),
            ("post/2026-01-01-b/index.md", &b),
            ("post/2026-01-01-b/notes.md", "a resource"),
            ("post/2026-01-01-b/data/table.html", "a resource"),
            ("post/2026-01-02-c.mdown", &c),
            ("post/readme.txt", "not content for Hugo"),
        ],
        "4 content-like file(s) skipped: 2 section page(s) (_index), 2 page-bundle resource(s)",
        2,
        &["C", "B"],
    );
}

#[test]
fn zola_skips_section_pages_and_non_markdown_bundle_assets_but_reads_sibling_pages() {
    let (b, sibling) = (record("B", ""), record("Sibling", ""));
    assert_preset(
        "zola",
        &[
            ("_index.md", "+++\ntitle = \"Blog\"\n+++\n"),
            ("2026-01-01-b/index.md", &b),
            ("2026-01-01-b/2026-01-02-sibling.md", &sibling),
            ("2026-01-01-b/embed.html", "<p>an asset</p>"),
            ("2026-01-01-b/log.txt", "an asset"),
        ],
        "2 content-like file(s) skipped: 1 section page(s) (_index), 1 page-bundle resource(s)",
        2,
        &["Sibling", "B"],
    );
}

/// Zola's feeds hold dated pages only (zola `components/site/src/feeds.rs` `render_feeds`):
/// an about page or a slide deck without a date is a page, not an article, even without a
/// title; a date from the file name or the bundle folder still counts.
#[test]
fn zola_pages_without_a_date_are_skipped_not_errors() {
    let (b, c) = (
        record("B", ""),
        record(
            "C",
            "date = 2026-01-03
",
        ),
    );
    assert_preset(
        "zola",
        &[
            (
                "_index.md",
                "+++
title = \"Home\"
+++
",
            ),
            (
                "about.md",
                "+++
title = \"About\"
+++
Who we are.
",
            ),
            (
                "talks/deck/index.md",
                "+++
template = \"deck.html\"
+++
slides
",
            ),
            ("2026-01-02-b/index.md", &b),
            ("c.md", &c),
        ],
        "3 content-like file(s) skipped: 1 section page(s) (_index), 2 page(s) without a date",
        2,
        &["C", "B"],
    );
}

/// Zola skips the folder of a section whose `_index.md` sets `draft = true` whole, its
/// sub-folders too (zola `components/site/src/lib.rs`, `Site::load`).
#[test]
fn zola_skips_every_page_of_a_draft_section() {
    let (secret, deep, c) = (record("Secret", ""), record("Deep", ""), record("C", ""));
    assert_preset(
        "zola",
        &[
            ("_index.md", "+++\ntitle = \"Home\"\n+++\n"),
            (
                "hidden/_index.md",
                "+++\ntitle = \"Hidden\"\ndraft = true\n+++\n",
            ),
            ("hidden/2026-01-01-secret.md", &secret),
            ("hidden/deeper/2026-01-02-deep/index.md", &deep),
            (
                "open/_index.md",
                "+++\ntitle = \"Open\"\ndraft = false\n+++\n",
            ),
            ("open/2026-01-03-c.md", &c),
        ],
        "5 content-like file(s) skipped: 3 section page(s) (_index), 2 page(s) in a draft section",
        1,
        &["C"],
    );
}

#[test]
fn jekyll_reads_only_dated_files_in_posts_folders() {
    let (one, two) = (record("One", ""), record("Two", "date = 2013-05-07\n"));
    assert_preset(
        "jekyll",
        &[
            ("_posts/2013-05-06-one.markdown", &one),
            ("news/_posts/2013-5-7-two.mkd", &two),
            ("_posts/notes.md", "no date in the name: not a post"),
            ("_drafts/idea.md", "a draft"),
            ("index.md", "---\nlayout: home\n---\n"),
            ("docs/usage.md", "a page"),
        ],
        "4 content-like file(s) skipped: 1 draft(s) by file name, 2 page(s) outside _posts, \
         1 file(s) in _posts without a YYYY-MM-DD- name",
        2,
        &["Two", "One"],
    );
}

#[test]
fn eleventy_skips_underscore_drafts_and_its_own_folders() {
    let a = record("A", "");
    assert_preset(
        "eleventy",
        &[
            ("2026-01-01-a.md", &a),
            ("_wip.md", "a draft by the .eleventyignore convention"),
            ("_includes/layout.html", "<main>{{ content }}</main>"),
            ("blog.json", "{\"layout\": \"post\"}"),
            ("a.11tydata.js", "module.exports = {}"),
        ],
        "2 content-like file(s) skipped: 1 draft(s) by file name, 1 file(s) in _includes or _data",
        1,
        &["A"],
    );
}

#[test]
fn the_skipped_line_is_printed_by_check_and_when_articles_fail() {
    // Hugo and Zola skip a page without a date (counted), so the failing article here has a
    // date but no title, which is an error under every preset.
    let site = Site::new(&format!("{CONFIG}preset = \"hugo\"\n"));
    site.article("_index.md", "+++\ntitle = \"Blog\"\n+++\n")
        .article("post.md", "+++\ndate = 2026-01-01\n+++\n");
    site.build().code(1).stderr_is(
        "feedwright: 1 content-like file(s) skipped: 1 section page(s) (_index)\n\
         articles/post.md:1:1: error: article has no title\n  \
         hint: add `title = \"Your title\"` to the front matter\n\
         feedwright: 1 error in 1 file(s); nothing was written\n",
    );
    site.article(
        "post.md",
        "+++\ntitle = \"Dated\"\ndate = 2026-01-01\n+++\n",
    );
    site.check().success().stderr_is(
        "feedwright: 1 content-like file(s) skipped: 1 section page(s) (_index)\n\
         feedwright: feeds.toml and 1 article file(s) are valid (1 article(s), 1 feed(s))\n",
    );
}

/// Hugo lists a page without front matter untitled and one without any date (`date`, then
/// `publishDate`, then `lastmod`) dated year 1: under the Hugo preset such a page is counted
/// as skipped, not an error, and `lastmod` dates a page that has nothing else. Without a
/// preset both stay errors.
#[test]
fn hugo_pages_without_front_matter_or_a_date_are_skipped_not_errors() {
    let files = [
        ("manual/what.md", "# What is it?\n\nText.\n"),
        ("manual/empty.md", ""),
        (
            "manual/undated.md",
            "+++\ntitle = \"Undated\"\nunknown = 1\n+++\n",
        ),
        (
            "manual/touched.md",
            "---\ntitle: Touched\nlastmod: 2024-05-01\n---\n",
        ),
        ("post/2026-01-01-b.md", &record("B", "")),
    ];
    assert_preset(
        "hugo",
        &files,
        "3 content-like file(s) skipped: 2 page(s) without front matter, 1 page(s) without a date",
        2,
        &["B", "Touched"],
    );
    let site = Site::minimal();
    site.article("what.md", "# What is it?\n");
    site.build()
        .code(1)
        .stderr_has("articles/what.md:1:1: error: record has no front matter");
}

/// Hugo never lists a headless bundle or a page whose `_build.list` is `never` (or `false`):
/// under the Hugo preset they are counted as skipped, not published.
#[test]
fn hugo_headless_and_never_listed_pages_are_skipped() {
    let files = [
        ("a.md", record("A", "date = 2024-01-01\n")),
        (
            "h/index.md",
            record("Headless", "date = 2024-01-01\nheadless = true\n"),
        ),
        (
            "n.md",
            record("Hidden", "date = 2024-01-01\n[_build]\nlist = \"never\"\n"),
        ),
        (
            "o.md",
            "---\ntitle: Old\ndate: 2024-01-01\nbuild:\n  list: false\n---\n".into(),
        ),
    ];
    let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (*p, t.as_str())).collect();
    assert_preset(
        "hugo",
        &files,
        "3 content-like file(s) skipped: 3 page(s) never listed (headless, _build.list)",
        1,
        &["A"],
    );
}
