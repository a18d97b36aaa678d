//! Class 5: every URL field of config and front matter gets the same scheme allow-list as content, and a relative link stays under the site URL.
//!
//! The site url, an author's uri and email (in `feeds.toml` and front matter), an article's
//! `link` and `id` pass one set of rules (`src/address.rs`): http(s) only (also `mailto:` for
//! an author's home page, `tag:` and `urn:` for an id), a host, no user name or password,
//! written in full as `scheme://`; a relative link stays below the site url. Before, a
//! `javascript:` author uri reached Atom `<uri>` and JSON `authors[].url`, a `javascript:` id
//! every feed, and `link = "\\evil.com\x"` became `https://evil.com/x`.

use crate::harness::{Site, CONFIG};

/// Asserts that `build` and `check` both refuse the site with exactly `stderr`, and that
/// nothing is written.
#[track_caller]
fn refused(site: &Site, stderr: &str) {
    site.build().code(1).stderr_is(stderr);
    site.check().code(1).stderr_is(stderr);
    assert!(site.outputs().is_empty(), "{:?}", site.outputs().keys());
}

/// A record dated 2026-01-01 titled `x`, with `extra` on line 4 of its front matter.
fn record(extra: &str) -> String {
    format!("+++\ntitle = \"x\"\ndate = 2026-01-01\n{extra}\n+++\nbody\n")
}

#[test]
fn author_uris_with_script_or_data_schemes_are_refused() {
    let site = Site::minimal();
    site.article(
        "a1.md",
        &record(r#"authors = [{ name = "A", uri = "javascript://x.org/%0aalert(1)" }]"#),
    )
    .article(
        "a2.md",
        &record(r#"authors = [{ name = "A", uri = "data://x/text/html,<script>" }]"#),
    )
    .article(
        "a3.md",
        &record(r#"authors = { name = "A", uri = "vbscript://x.org/msgbox" }"#),
    )
    .article(
        "a4.md",
        &record(r#"authors = [{ name = "A", uri = "mailto:a@x.org?bcc=all@x.org" }]"#),
    );
    let hint = "  hint: write it in full, e.g. https://example.com/\n";
    refused(
        &site,
        &format!(
            "articles/a1.md:4:1: error: author uri \"javascript://x.org/%0aalert(1)\" is not an http(s) or mailto: URL\n{hint}\
             articles/a2.md:4:1: error: author uri \"data://x/text/html,<script>\" is not an http(s) or mailto: URL\n{hint}\
             articles/a3.md:4:1: error: author uri \"vbscript://x.org/msgbox\" is not an http(s) or mailto: URL\n{hint}\
             articles/a4.md:4:1: error: author uri \"mailto:a@x.org?bcc=all@x.org\" carries more than an e-mail address\n  \
             hint: write only the address, e.g. mailto:ada@example.org\n\
             feedwright: 4 errors in 4 file(s); nothing was written\n"
        ),
    );
}

#[test]
fn author_uris_in_feeds_toml_are_refused_and_the_site_url_may_not_carry_a_password() {
    let site = Site::new(
        "[site]\ntitle = \"T\"\nurl = \"https://user:pw@example.org/blog/\"\ndescription = \"D\"\n\
         author = { name = \"Desk\", uri = \"javascript://x.org/%0aalert(1)\" }\n\
         [authors]\nbob = { name = \"Bob\", uri = \"data://x/text/html,<script>\" }\n",
    );
    site.article("a.md", &record("authors = [\"bob\"]"));
    let stderr = "\
feeds.toml:3:1: error: site url \"https://user:pw@example.org/blog/\" carries a user name or password
  hint: remove the user:password@ part: feeds are public
feeds.toml: error: site author uri \"javascript://x.org/%0aalert(1)\" is not an http(s) or mailto: URL
  hint: write it in full, e.g. https://example.com/
feeds.toml: error: author \"bob\" uri \"data://x/text/html,<script>\" is not an http(s) or mailto: URL
  hint: write it in full, e.g. https://example.com/
";
    refused(&site, stderr);
}

#[test]
fn author_emails_must_be_one_address() {
    let site = Site::minimal();
    site.article(
        "a1.md",
        &record(r#"authors = [{ name = "A", email = "a@x.org\r\nBcc: b@y.org" }]"#),
    )
    .article(
        "a2.md",
        &record(r#"authors = [{ name = "A", email = "javascript:alert(1)" }]"#),
    )
    .article(
        "a3.md",
        &record(r#"authors = [{ name = "A", email = "Ada <a@x.org>" }]"#),
    );
    let hint = "  hint: write only the address, e.g. ada@example.org\n";
    refused(
        &site,
        &format!(
            "articles/a1.md:4:1: error: author email \"a@x.org\\r\\nBcc: b@y.org\" is not an e-mail address\n{hint}\
             articles/a2.md:4:1: error: author email \"javascript:alert(1)\" is not an e-mail address\n{hint}\
             articles/a3.md:4:1: error: author email \"Ada <a@x.org>\" is not an e-mail address\n{hint}\
             feedwright: 3 errors in 3 file(s); nothing was written\n"
        ),
    );
}

#[test]
fn ids_must_be_tag_urn_or_http_uris() {
    let site = Site::minimal();
    site.article("a1.md", &record(r#"id = "javascript:alert(1)""#))
        .article(
            "a2.md",
            &record(r#"id = "data:text/html,<script>alert(1)</script>""#),
        )
        .article("a3.md", &record(r#"id = "https://user:pw@example.org/a""#));
    refused(
        &site,
        "\
articles/a1.md:4:1: error: id \"javascript:alert(1)\" is not a tag:, urn: or http(s) URI
  hint: feed ids must be URIs, e.g. id = \"tag:example.org,2026:javascript-alert-1\" or \"urn:uuid:...\"
articles/a2.md:4:1: error: id \"data:text/html,<script>alert(1)</script>\" is not a tag:, urn: or http(s) URI
  hint: feed ids must be URIs, e.g. id = \"tag:example.org,2026:data-text-html-script-alert-1-script\" or \"urn:uuid:...\"
articles/a3.md:4:1: error: id \"https://user:pw@example.org/a\" carries a user name or password
  hint: remove the user:password@ part: feeds are public
feedwright: 3 errors in 3 file(s); nothing was written
",
    );
}

#[test]
fn relative_links_that_leave_the_site_url_or_name_another_host_are_refused() {
    let site = Site::minimal();
    let links = [
        r#""../../../../etc/passwd""#,
        r#""%2e%2e/%2e%2e/admin""#,
        r#""a/..%2F..%2Fadmin""#,
        r#""//evil.com/x""#,
        r#""\\\\evil.com\\x""#,
        r#""/\\evil.com/x""#,
        r#""http:evil.com/x""#,
        r#""https://example.org@evil.com/""#,
        r#""/a\tb""#,
    ];
    for (i, link) in links.iter().enumerate() {
        site.article(&format!("a{i}.md"), &record(&format!("link = {link}")));
    }
    let climbs = "climbs up with a .. segment\n  hint: write the path from the site url down, e.g. /2026/my-post/, or an absolute https:// URL";
    let backslash = "has a backslash\n  hint: URLs separate their parts with /, never \\";
    let stderr = format!(
        r#"articles/a0.md:4:1: error: link "../../../../etc/passwd" {climbs}
articles/a1.md:4:1: error: link "%2e%2e/%2e%2e/admin" {climbs}
articles/a2.md:4:1: error: link "a/..%2F..%2Fadmin" leaves the site url https://example.org/blog/
  hint: write a path below the site url (without .. or escaped slashes), or an absolute https:// URL
articles/a3.md:4:1: error: link "//evil.com/x" names another host without a scheme
  hint: for another site write the URL in full with https://; for a page of this site, a path such as /about/
articles/a4.md:4:1: error: link "\\\\evil.com\\x" {backslash}
articles/a5.md:4:1: error: link "/\\evil.com/x" {backslash}
articles/a6.md:4:1: error: link "http:evil.com/x" is not written in full (scheme://host/...)
  hint: write the URL in full, e.g. https://example.com/page
articles/a7.md:4:1: error: link "https://example.org@evil.com/" carries a user name or password
  hint: remove the user:password@ part: feeds are public
articles/a8.md:4:1: error: link "/a\tb" has a control character
  hint: remove it; URLs never contain tabs, line breaks or other controls
feedwright: 9 errors in 9 file(s); nothing was written
"#
    );
    refused(&site, &stderr);
}

#[test]
fn links_below_the_site_and_urls_written_in_full_are_kept_and_a_mailto_home_page_is_allowed() {
    let site = Site::new(&format!(
        "{CONFIG}\n[authors.ada]\nname = \"Ada\"\nuri = \"mailto:ada@example.org\"\n"
    ));
    site.article("a.md", &record(r#"link = "/pages/about.html?x=1#top""#))
        .article(
            "b.md",
            &record("link = \"https://elsewhere.example.com/story\"\nauthors = [\"ada\"]"),
        );
    site.check().success();
    site.build().quiet().success();
    let feed = site.json("feed.json");
    let urls: Vec<&str> = feed["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["url"].as_str().unwrap())
        .collect();
    assert_eq!(
        urls,
        [
            "https://example.org/blog/pages/about.html?x=1#top",
            "https://elsewhere.example.com/story"
        ]
    );
    let author = &feed["items"][1]["authors"][0];
    assert_eq!(author["url"], "mailto:ada@example.org");
    assert!(site
        .read("atom.xml")
        .contains("<uri>mailto:ada@example.org</uri>"));
}
