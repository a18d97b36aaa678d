//! Class 3 and 4: records that cost time or memory far beyond their size (quadratic paths, deep nesting, blown-up output) are refused with a clear error, fast.
//!
//! Each case is built at ten times its limit (or more), where the code before the limits took
//! seconds to minutes, or gigabytes; the bound asserted is a stall, not a benchmark (a debug
//! build). Every refused record leaves the output folder unwritten, and `check`, which renders
//! every body, refuses it too.

use std::time::{Duration, Instant};

use crate::harness::run::{Outcome, Run};
use crate::harness::Site;

/// CPU seconds more than any of these takes once bounded (a debug build); far fewer than any
/// took before. CPU time, not wall time: a machine busy with other work does not change it.
const STALL_CPU: u64 = 10;
/// Wall time past which a run is a stall whatever the machine's load (waiting, not working).
const STALL: Duration = Duration::from_secs(120);

/// Runs `run`, failing if it uses [`STALL_CPU`] seconds of CPU (it is killed then) or takes
/// [`STALL`].
#[track_caller]
fn quick(run: Run) -> Outcome {
    let start = Instant::now();
    let out = run.cpu_limit(STALL_CPU).output();
    let took = start.elapsed();
    assert!(
        out.exit_code().is_some(),
        "killed after {STALL_CPU} s of CPU ({took:?} on the clock)\n{}",
        out.stderr()
    );
    assert!(took < STALL, "took {took:?}\n{}", out.stderr());
    out
}

/// A site with one record, `articles/2026-01-01-q.EXT`, holding `text`.
fn site_with(ext: &str, text: &str) -> Site {
    let site = Site::minimal();
    site.article(&format!("2026-01-01-q.{ext}"), text);
    site
}

/// A TOML record: `front` lines added to a title and a date, then `body`.
fn record(front: &str, body: &str) -> String {
    format!("+++\ntitle = \"q\"\ndate = 2026-01-01\n{front}+++\n{body}\n")
}

/// With a record `2026-01-01-q.EXT` of `front` and `body` (see [`record`]), `build` and
/// `check` both fail fast with exactly `error` (and the summary line), and nothing is written.
#[track_caller]
fn refuses(ext: &str, front: &str, body: &str, error: &str) {
    let site = site_with(ext, &record(front, body));
    let stderr = format!("{error}\nfeedwright: 1 error in 1 file(s); nothing was written\n");
    quick(site.build()).code(1).stderr_is(&stderr);
    assert!(site.outputs().is_empty(), "{:?}", site.outputs().keys());
    let checked = quick(site.check()).code(1);
    assert!(checked.stderr().starts_with(error), "{}", checked.stderr());
}

/// The hint of every HTML nesting error.
const DEPTH_HINT: &str =
    "hint: close the tags you open; each unclosed tag holds everything after it";
/// The hint of every attribute error.
const ATTRIBUTES_HINT: &str = "hint: remove the extra attributes; a `<` in text is written `&lt;`";
/// The hint of every rendered-size error.
const RENDERED_HINT: &str =
    "hint: split the article; repeated links, footnote references and images each render to a full URL";

#[test]
fn ten_thousand_front_matter_keys_are_an_error_not_a_stall() {
    // Before: every unknown key re-read the whole block (10,000 keys: 17 s, 20,000: 59 s).
    let keys: String = (0..10_000).map(|i| format!("k{i} = 1\n")).collect();
    refuses(
        "md",
        &keys,
        "body",
        "articles/2026-01-01-q.md:1:1: error: front matter sets 10002 keys; at most 1000 are \
         allowed\n  hint: remove the keys feedwright does not read (see the README's \
         front-matter reference)",
    );
}

#[test]
fn unknown_keys_warn_twenty_times_then_once() {
    let keys: String = (0..999).map(|i| format!("k{i:03}: 1\n")).collect();
    let site = site_with("md", &format!("---\ntitle: q\n{keys}---\nbody\n"));
    let out = quick(site.build().quiet()).code(0);
    let warnings: Vec<&str> = out
        .stderr()
        .lines()
        .filter(|l| l.contains(": warning: "))
        .collect();
    assert_eq!(warnings.len(), 21, "{}", out.stderr());
    assert_eq!(
        warnings[0],
        "articles/2026-01-01-q.md:3:1: warning: unknown front-matter key `k000` is ignored"
    );
    assert_eq!(
        warnings[20],
        "articles/2026-01-01-q.md:23:1: warning: 979 more unknown front-matter keys are ignored"
    );
    assert!(out
        .stderr()
        .contains("  hint: feedwright ignores them; --strict makes this an error\n"));
    quick(site.run(["build", "--strict"])).code(1);
}

/// `"p0","p1",...`: `n` strings for a TOML list.
fn strings(n: usize, p: &str) -> String {
    let items: Vec<String> = (0..n).map(|i| format!("\"{p}{i}\"")).collect();
    items.join(",")
}

#[test]
fn ten_thousand_tags_are_an_error_not_a_stall() {
    // Before: each tag was compared with every kept one (300,000 tags: over 60 s).
    refuses(
        "md",
        &format!("tags = [{}]\n", strings(10_000, "t")),
        "b",
        "articles/2026-01-01-q.md:4:1: error: article has 10000 tags; at most 1000 are allowed\n  \
         hint: keep the tags readers filter on",
    );
}

#[test]
fn a_thousand_authors_are_an_error() {
    refuses(
        "md",
        &format!("authors = [{}]\n", strings(1_000, "a")),
        "b",
        "articles/2026-01-01-q.md:4:1: error: article names 1000 authors; at most 100 are \
         allowed\n  hint: keep the authors of this article; credit others in its body",
    );
}

#[test]
fn deeply_nested_html_is_an_error_on_its_line() {
    // Before: html5ever's tree builder walks its stack on every tag (80,000 <div>s: 24 s).
    let body = format!("<p>intro</p>\n{}x\n", "<div>".repeat(5_120));
    let error = "articles/2026-01-01-q.html:6:1: error: body's HTML nests elements more \
                 than 512 deep";
    refuses("html", "", &body, &format!("{error}\n  {DEPTH_HINT}"));
}

#[test]
fn deeply_nested_raw_html_in_markdown_is_an_error() {
    let body = format!("Intro.\n\n{}\n\nx\n", "<div>".repeat(5_120));
    let error = "articles/2026-01-01-q.md:7:1: error: body's HTML nests elements more than \
                 512 deep";
    refuses("md", "", &body, &format!("{error}\n  {DEPTH_HINT}"));
}

#[test]
fn unclosed_formatting_elements_reopened_in_every_block_are_an_error() {
    // The parser re-creates every unclosed <b>/<i> in each block after them: 4.8 MB of this
    // took 16 s and 2.4 GB, and wrote 100 times its size. Nesting stays shallow throughout.
    refuses(
        "html",
        "",
        &format!("<div>{}", "<b><i></div>x<div>".repeat(2_000)),
        "articles/2026-01-01-q.html:5:1: error: body's HTML leaves more than 64 formatting \
         elements (<a>, <b>, <i>, <font>...) open at once\n  \
         hint: close each <a>, <b>, <i> or <font> you open; the parser re-opens unclosed ones in \
         every block after them",
    );
}

#[test]
fn a_tag_with_thousands_of_attributes_is_an_error() {
    // Before: the tokenizer compares each attribute with the tag's others (80,000: 3.8 s).
    let attrs: String = (0..2_560).map(|i| format!(" a{i}=\"1\"")).collect();
    let error = "articles/2026-01-01-q.html:6:1: error: HTML tag <p> has more than 256 attributes";
    let body = format!("<p>a</p>\n<p{attrs}>x</p>\n");
    refuses("html", "", &body, &format!("{error}\n  {ATTRIBUTES_HINT}"));
}

#[test]
fn repeated_html_tags_adding_attributes_are_an_error() {
    // Each <html a=N> adds its attribute to one element, comparing it with all (20,000: 13 s).
    let body: String = (0..2_560).map(|i| format!("<html a{i}>")).collect();
    let error =
        "articles/2026-01-01-q.html:5:1: error: HTML tag <html> has more than 256 attributes";
    refuses("html", "", &body, &format!("{error}\n  {ATTRIBUTES_HINT}"));
}

#[test]
fn a_markdown_table_of_ten_thousand_columns_is_an_error() {
    // Before: each cell re-read every column's alignment (100,000 columns x 50 rows: > 60 s).
    let n = 10_000;
    refuses(
        "md",
        "",
        &format!(
            "{}|\n{}|\n{}|\n",
            "|a".repeat(n),
            "|-".repeat(n),
            "|b".repeat(n)
        ),
        "articles/2026-01-01-q.md:5:1: error: Markdown table has 10000 columns; at most 1000 are \
         allowed\n  hint: split the table, or make it a list",
    );
}

#[test]
fn markdown_nested_a_thousand_deep_is_an_error() {
    // Before: 1 MB of `>` wrote 95 MB of feeds with 243 MB of memory.
    refuses(
        "md",
        "",
        &format!("{} x\n", ">".repeat(1_000)),
        "articles/2026-01-01-q.md:5:101: error: Markdown in the body nests lists and quotes more \
         than 100 deep\n  hint: nest lists and quotes fewer levels deep",
    );
}

#[test]
fn a_body_that_renders_to_more_than_sixteen_times_its_size_is_an_error() {
    // A footnote reference is 5 bytes; it renders to a full link (71 times its size before).
    let body = format!("[^a]: note\n\n{}\n", "x[^a]".repeat(300_000));
    let error = "articles/2026-01-01-q.md: error: body renders to more than 24000224 bytes of \
                 HTML (the most is 16 times its size, or 1048576 bytes)";
    refuses("md", "", &body, &format!("{error}\n  {RENDERED_HINT}"));
}

#[test]
fn a_long_article_link_cannot_multiply_an_html_body() {
    // Every relative URL resolves against the article's link, as long as its author makes it.
    let link = format!("link = \"https://example.org/{}/\"\n", "a".repeat(100_000));
    let error = "articles/2026-01-01-q.html: error: body renders to more than 1048576 bytes of \
                 HTML (the most is 16 times its size, or 1048576 bytes)";
    let body = "<a href=x>y</a>".repeat(100);
    refuses("html", &link, &body, &format!("{error}\n  {RENDERED_HINT}"));
}

#[test]
fn a_text_body_of_a_million_lines_is_an_error() {
    // Each line is a text and a <br> held by the sanitiser (a million: about 400 MB before).
    refuses(
        "txt",
        "",
        &"a\n".repeat(520_000),
        "articles/2026-01-01-q.txt: error: body's HTML has more than 1000000 elements, texts and \
         comments\n  hint: split the article; while it is sanitised, every element, text and \
         line break is held in memory",
    );
}
