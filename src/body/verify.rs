//! The check that the Markdown fast path writes what the whole-body sanitiser would.
//!
//! The fast path (`markdown`, `raw`) is only worth having if it is exactly the sanitiser, so
//! every body the tests and the fuzz target try is rendered both ways and compared as document
//! trees, summaries and tag balance. Only tests and fuzzing (`--cfg fuzzing`, which cargo-fuzz
//! passes) compile this; the release binary does not carry it.

use ammonia::Builder;
use url::Url;

use super::elements::{element, ELEMENTS, VOID};
use super::limits::render_budget;
use super::summary::{tokens, Token};
use super::{markdown, render_with, with_policy};
use crate::article::{Article, Body, BodyKind};
use crate::text::strip_forbidden;

/// Checks that the Markdown fast path agrees with the whole-body sanitiser on `body`
/// (sanitising and trusted): the same tree, the same summary, balanced tags. `Ok(true)` when
/// the fast path took the body (when sanitising), `Err` says how they differ.
pub fn check_fast_path(body: &str) -> Result<bool, String> {
    let base = Url::parse("https://x.org/news/2026/post/").expect("a valid URL");
    let mut fast_taken = false;
    for sanitize in [true, false] {
        let budget = render_budget(body.len());
        let fast = with_policy(&base, sanitize, |p| {
            markdown::render(body, &base, p, sanitize, super::markdown_options(), budget)
        });
        let a = test_article(body, &base);
        // A body past a limit is an error, not a rendering to compare.
        let (Ok(fast), Ok(slow)) = (fast, render_with(&a, sanitize, false, Default::default()))
        else {
            continue;
        };
        let slow = slow.into_rendered(200);
        let Some(fast) = fast.map(|h| h.html) else {
            continue;
        };
        fast_taken |= sanitize;
        if !balanced(&fast) {
            return Err(format!("unbalanced: {body:?}\n{fast}"));
        }
        let fast_tree = tree(&strip_forbidden(&fast));
        if fast_tree != slow.html {
            return Err(format!(
                "sanitize={sanitize} body: {body:?}\nfast:  {fast_tree:?}\nslow:  {:?}",
                slow.html
            ));
        }
        // The limits count a little differently on the two paths; a body refused on one is
        // not compared.
        let Ok(both) = render_with(&a, sanitize, true, Default::default()) else {
            continue;
        };
        let both = both.into_rendered(200);
        if both.summary != slow.summary || tree(&both.html) != slow.html {
            return Err(format!(
                "summary: {body:?}\nfast: {:?}\nslow: {:?}",
                both.summary, slow.summary
            ));
        }
    }
    Ok(fast_taken)
}

/// Parses and re-serialises HTML keeping everything (every element, attribute, URL and
/// comment), so two strings compare as document trees rather than as bytes.
fn tree(html: &str) -> String {
    let mut b = Builder::empty();
    b.add_tags(ELEMENTS.iter().map(|e| e.name))
        .clean_content_tags(Default::default())
        .add_generic_attribute_prefixes([""])
        .add_url_schemes(["javascript", "data", "vbscript", "x"])
        .link_rel(None)
        .strip_comments(false);
    b.clean(html).to_string()
}

/// Every end tag closes the innermost open element, and none is left open.
fn balanced(html: &str) -> bool {
    let mut open = Vec::new();
    for t in tokens(html) {
        match t {
            Token::Start { name, .. } if !element(name).is_some_and(|e| e.is(VOID)) => {
                open.push(name)
            }
            Token::End { name } if open.pop() != Some(name) => return false,
            _ => {}
        }
    }
    open.is_empty()
}

/// A Markdown article with `body`, at `base`.
pub(super) fn test_article(body: &str, base: &Url) -> Article {
    let d = chrono::DateTime::parse_from_rfc3339("2026-01-01T00:00:00Z").expect("a valid date");
    Article {
        path: "a.md".into(),
        title: "t".into(),
        published: d,
        updated: None,
        live_from: None,
        authors: vec![],
        summary: None,
        tags: vec![],
        link: base.to_string(),
        id: "x:a".into(),
        derived_ids: None,
        draft: false,
        kind: BodyKind::Markdown,
        body: Body::Text(body.into()),
        body_line: 1,
        episode: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`check_fast_path`], failing the test on a difference.
    fn same_both_ways(body: &str) -> bool {
        check_fast_path(body).unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn fast_markdown_path_gives_the_sanitisers_tree() {
        let taken = [
            "# Title\n\nA *para* with **bold**, `code <x>`, ~~del~~ & \"quotes\" 'single'.\n",
            "See [rel](../up/), [abs](https://o.org/p?a=1&b=2), [frag](#s1), [root](/), [mail](mailto:a@b.c) <https://auto.link/x> <me@example.com>.\n",
            "[t](/x \"A title & more\") ![alt *em* `c`](img.png \"t\") ![](//cdn.x.org/a%20b.png)\n",
            "Note[^1] and again[^1] and [^b].\n\n[^b]: B note.\n\n[^1]: One *note*.\n",
            "| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n| x |\n\n| n | m |\n|---|---|\n| 1 | 2 |\n",
            // An unaligned column after an aligned one (found by the fuzzer).
            "| a | b | c | d |\n|---|--:|---|:-:|\n| 1 | 2 | 3 | 4 |\n",
            "- [x] done\n- [ ] todo\n\n3. three\n4. four\n\n> quote\n> - in list\n\n---\n\n    indented code\n",
            "```rust\nfn f() -> u8 { 1 < 2 }\n```\n\nline  \nbreak\\\nagain\n",
            "<img src=\"/media/1.jpg\" srcset=\"/media/1.jpg 1x, 1@2x.jpg 2x\" alt=\"photo\">\n\nText <br> more <img src=\"a.png\"> <!-- c -->.\n",
            "<figure>\n<img src=\"f.png\" onerror=\"x()\">\n<figcaption>Cap &amp; <a href=\"javascript:x\">j</a> <a href=\"x.html\">x</a></figcaption>\n</figure>\n\nafter\n",
            "<!-- more -->\n\nUnicode: café, 日本語, emoji 👩‍💻, nbsp\u{a0}here, &amp; &copy; &#x41; &#0;.\n",
            "Footnote in image ![a[^n]](p.png)[^n]\n\n[^n]: n\n",
            "* a\n\n  <div>block in item</div>\n\n* b\n",
            "<details><summary>More</summary>\n\n*Markdown* inside\n\n</details>\n",
            "Inline <span class=\"k\">span</span>, <kbd>Ctrl</kbd>+<kbd>C</kbd>, <b>bold <i>it</i></b>.\n\n<div class=\"note\">\n<p>Raw <em>para</em></p>\n<ul><li>one</li></ul>\n</div>\n",
            "<img src=\"a.png\nb\n\nnot a tag: text\n",
            "Hard <https://x.org/a|b> and [bad](<a b>) and [q](x'y\"z) [u](é/ü?q=ä#f)\n",
            "Line\r\nwith CRLF\r\n\r\n| a |\r\n|---|\r\n| b |\r\n",
            "<noscript><img src=\"n.png\" alt=\"n\"></noscript>\n\nText <noscript><b>b</b></noscript>\n",
            "<iframe src=\"https://www.youtube.com/embed/abc\" allowfullscreen></iframe>\n",
        ];
        for body in taken {
            assert!(same_both_ways(body), "fast path not taken for:\n{body}");
        }
        let refused = [
            "[js](javascript:alert(1)) link\n",
            "![x](javascript:alert(1))\n",
            "<script>alert(1)</script>\n",
            "Text <b onclick=\"x()\">bold</b>\n",
            "a<b council the x>y: an unclosed formatting element that loses attributes\n",
            "Inline <b>open bold\n\nnext para\n",
            "stray </p> end tag\n",
            "<li>stray</li>\n",
            "<div>\n\n- a list inside a raw div\n\n",
            "Para <div>block in a paragraph</div>\n",
            "<table><tr><td colspan=2>x</td></tr></table>\n",
            "<svg><circle/></svg>\n",
            // The `</iframe>` after a video link is a piece of its own here: the whole body
            // is rewritten instead.
            "In text: <iframe src=\"//player.vimeo.com/video/42\"></iframe>.\n",
        ];
        for body in refused {
            assert!(!same_both_ways(body), "fast path taken for:\n{body}");
        }
    }

    #[test]
    fn fast_markdown_path_gives_the_sanitisers_tree_on_the_repos_own_articles() {
        // The demo site and the fixture sites: bodies written as people write them.
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut dirs = vec![root.join("articles")];
        for site in std::fs::read_dir(root.join("tests/fixtures")).unwrap() {
            dirs.push(site.unwrap().path().join("articles"));
        }
        let (mut seen, mut taken) = (0, 0);
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    dirs.push(path);
                    continue;
                }
                if path.extension().is_none_or(|e| e != "md") {
                    continue;
                }
                let text = std::fs::read_to_string(&path)
                    .unwrap()
                    .replace("\r\n", "\n");
                let text = text.trim_start_matches('\u{feff}');
                let body = crate::article::front_matter::split(text).unwrap().body;
                let body = strip_forbidden(body);
                seen += 1;
                taken += usize::from(same_both_ways(&body));
            }
        }
        eprintln!("fast path taken for {taken} of {seen} articles");
        assert!(seen >= 15, "found {seen} Markdown articles");
        assert!(
            taken * 10 >= seen * 8,
            "fast path taken for {taken} of {seen}"
        );
    }

    #[test]
    fn fast_markdown_path_agrees_on_random_bodies() {
        use proptest::prelude::*;
        // Pieces the fast path refuses (or that leave raw HTML unbalanced) come first.
        const UNBALANCED: usize = 27;
        const PIECES: &[&str] = &[
            "![j](javascript:x) ",
            "[k](javascript:x) ",
            "<span>",
            "</span>",
            "<b>",
            "</b>",
            "<i x=1>",
            "<a href=\"r\">",
            "</a>",
            "<p>",
            "</p>",
            "<li>",
            "<td>",
            "<tr>",
            "<table>",
            "</table>",
            "<q>",
            "<h2>",
            "</h2>",
            "<pre>\n",
            "<code>",
            "<em>",
            "</em>",
            "\n\n<div>\n",
            "\n\n</div>\n\n",
            "\n\n<details>\n<summary>s</summary>\n\n",
            "\n\n</details>\n\n",
            "# H\n\n",
            "para *em* **st** `c` ~~d~~\n\n",
            "- a\n- b\n\n",
            "1. x\n2. y\n\n",
            "> q\n\n",
            "```\ncode < & >\n```\n\n",
            "[l](rel/x) ",
            "[m](/abs) ",
            "[n](#frag) ",
            "[o](https://o.org/?a=1&b=2) ",
            "![i](i.png) ",
            "[e](mailto:a@b) ",
            "<https://a.b/c> ",
            "<a@b.c> ",
            "x[^1] ",
            "y[^z] ",
            "\n\n[^1]: fn one\n\n",
            "\n\n[^z]: fn z\n\n",
            "<br>",
            "<img src=\"p.png\">",
            "<b>b</b>",
            "<!-- c -->",
            "<kbd>k</kbd>",
            "<span class=\"s\" onclick=\"x\">s <em>e</em></span>",
            "<a href=\"r.html\" title=\"t\">raw link</a>",
            "<sub>2</sub>",
            "\n\n<figure><img src=\"f.png\"><figcaption>c</figcaption></figure>\n\n",
            "\n\n<p onclick=\"x\">raw p</p>\n\n",
            "\n\n<details>\n<summary>s</summary>\n\nmd *inside*\n\n</details>\n\n",
            "\n\n<div class=\"n\">\n<ul><li>i</li></ul>\n</div>\n\n",
            "\n\n| a | b |\n|:-|-:|\n| 1 | 2 |\n\n",
            "\n\n---\n\n",
            "- [ ] t\n",
            "&amp; &lt; &#1; ",
            "<img src=\"x.png\" alt=\"a\" onload=\"x\">",
            "<noscript><img src=\"n.png\"></noscript>",
            "\n\n<iframe src=\"https://www.youtube.com/embed/v\"></iframe>\n\n",
            "\u{a0}",
            "é ",
            "\r\n",
            "  \n",
            "\\\n",
            "*",
            "_",
            "`",
            "[",
            "]",
            "(",
            ")",
            "<",
            ">",
            "&",
            "\"",
            "'",
            "!",
            "|",
            "\n",
            "\n\n",
            "    ",
            "\t",
            "text ",
        ];
        let cases = std::env::var("PROPTEST_CASES")
            .ok()
            .and_then(|v| v.parse().ok());
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig {
            cases: cases.unwrap_or(500),
            failure_persistence: None,
            ..ProptestConfig::default()
        });
        let taken = std::cell::Cell::new(0);
        let unbalanced = &PIECES[..UNBALANCED];
        let wellformed = &PIECES[UNBALANCED..];
        for pieces in [wellformed, PIECES] {
            runner
                .run(
                    &proptest::collection::vec(proptest::sample::select(pieces), 0..40),
                    |pieces| {
                        taken.set(taken.get() + usize::from(same_both_ways(&pieces.concat())));
                        Ok(())
                    },
                )
                .unwrap();
        }
        assert!(!unbalanced.is_empty());
        assert!(taken.get() >= 300, "fast path taken {} times", taken.get());
    }
}
