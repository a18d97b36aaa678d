//! Regression tests: each guards a bug that once shipped, and is named after what it guards.
//! Both here were found by the Markdown fuzz target and fixed in the body renderer; these run
//! them end to end, through the real binary.

use crate::harness::Site;

#[test]
fn a_body_line_that_is_only_comment_delimiters_does_not_crash_the_build() {
    // `<!-->` both starts with `<!--` and ends with `-->`: the `<!-- more -->` check once sliced
    // it out of range and the build panicked (exit 101).
    let site = Site::minimal();
    site.article(
        "2026-01-01-a.md",
        "+++\ntitle = \"A\"\n+++\na\n<!-->\nb\n\n<!--->\nc\n",
    );
    site.build().quiet().success().stderr_is("");
    let item = &site.json("feed.json")["items"][0];
    assert_eq!(item["content_html"], "<p>a</p>\n\n<p>b</p>\n\n<p>c</p>\n");
    assert_eq!(item["summary"], "a");
}

#[test]
fn an_unaligned_table_column_after_an_aligned_one_gets_no_alignment() {
    // The fast Markdown path once gave column c the style of column b before it.
    let site = Site::minimal();
    site.article(
        "2026-01-01-table.md",
        "+++\ntitle = \"Table\"\n+++\n| a | b | c | d |\n|---|--:|---|:-:|\n| 1 | 2 | 3 | 4 |\n",
    );
    site.build().quiet().success();
    assert_eq!(
        site.json("feed.json")["items"][0]["content_html"],
        "<table><thead><tr><th>a</th><th style=\"text-align:right\">b</th><th>c</th><th style=\"text-align:center\">d</th></tr></thead><tbody>\n\
<tr><td>1</td><td style=\"text-align:right\">2</td><td>3</td><td style=\"text-align:center\">4</td></tr>\n</tbody></table>\n"
    );
}
