//! The size budget (`max_bytes`, `full_content`): a feed keeps the most of its newest entries
//! whose files, in every format, each fit in `max_bytes`; an entry new in this build is never
//! trimmed (the build stops instead, writing nothing); the report shows each file's bytes and
//! entries, and warns at 80% of the budget.

use std::collections::BTreeMap;
use std::time::SystemTime;

use crate::harness::{Site, CONFIG};

/// The files of the `main` feed.
const FILES: [&str; 3] = ["rss.xml", "atom.xml", "feed.json"];

/// The config with one feed `main` in every format, with the keys in `extra` (one a line).
fn config(extra: &str) -> String {
    format!(
        "{CONFIG}\n[[feeds]]\nname = \"main\"\nrss = \"rss.xml\"\natom = \"atom.xml\"\n\
         json = \"feed.json\"\n{extra}"
    )
}

/// Writes article "Post N", dated 2026-01-DD, with a body of about a kilobyte.
fn post(site: &Site, day: u32, n: u32) {
    post_on(site, &format!("2026-01-{day:02}"), n);
}

/// Writes article "Post N", dated `date`, with a body of about a kilobyte.
fn post_on(site: &Site, date: &str, n: u32) {
    let body = format!("Words of post {n}. ").repeat(60);
    site.article(
        &format!("{date}-post-{n}.md"),
        &format!("+++\ntitle = \"Post {n}\"\n+++\n{body}\n"),
    );
}

/// A site whose feed `main` has posts 1 to 8 (post N dated 2026-01-0N), with `extra` keys.
fn eight_posts(extra: &str) -> Site {
    let site = Site::new(&config(extra));
    for n in 1..=8 {
        post(&site, n, n);
    }
    site
}

/// The titles of an output file's entries as feed-rs reads them, in feed order.
fn titles(site: &Site, file: &str) -> Vec<String> {
    site.feed(file)
        .entries
        .into_iter()
        .map(|e| e.title.expect("a title").content)
        .collect()
}

/// "Post 8", "Post 7", ... down to "Post {oldest}".
fn posts_down_to(oldest: u32) -> Vec<String> {
    (oldest..=8).rev().map(|n| format!("Post {n}")).collect()
}

/// An output file's size in bytes.
fn size(site: &Site, file: &str) -> u64 {
    site.read(file).len() as u64
}

/// `n` with commas between thousands, as the report writes sizes.
fn grouped(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// Every output file and the ledger, with bytes and modification time.
fn snapshot(site: &Site) -> BTreeMap<String, (Vec<u8>, SystemTime)> {
    let mut files: Vec<String> = FILES.iter().map(|f| format!("public/{f}")).collect();
    files.push("feeds.lock".into());
    files
        .into_iter()
        .map(|f| {
            let path = site.path(&f);
            let mtime = std::fs::metadata(&path).unwrap().modified().unwrap();
            (f, (std::fs::read(&path).unwrap(), mtime))
        })
        .collect()
}

#[test]
fn a_feed_over_max_bytes_keeps_its_newest_entries_in_every_format_and_each_file_fits() {
    let site = eight_posts("max_bytes = \"8 KB\"\n");
    let out = site.build().success();
    let kept = titles(&site, "feed.json").len();
    assert!((2..8).contains(&kept), "{kept} entries kept of 8");
    let oldest = 8 - kept as u32 + 1;
    let mut notes = String::new();
    for file in FILES {
        let bytes = size(&site, file);
        assert!(bytes <= 8000, "{file}: {bytes} bytes");
        assert_eq!(titles(&site, file), posts_down_to(oldest), "{file}");
        let percent = bytes * 100 / 8000;
        notes += &format!(
            "public/{file}: {} bytes of 8,000 ({percent}%), {kept} entries ({} trimmed by max_bytes)\n",
            grouped(bytes),
            8 - kept
        );
    }
    out.stderr_has(&notes);
    // One more entry does not fit in at least one format: the budget, not the writer, cut.
    site.config(&config("max_bytes = \"1 MB\"\nlimit = 0\n"));
    site.build().quiet().success();
    assert_eq!(titles(&site, "rss.xml"), posts_down_to(1));
    site.config(&config(&format!(
        "max_bytes = \"1 MB\"\nlimit = {}\n",
        kept + 1
    )));
    site.build().quiet().success();
    let one_more = FILES.iter().map(|f| size(&site, f)).max().unwrap();
    assert!(
        one_more > 8000,
        "{} entries need {one_more} bytes",
        kept + 1
    );
    // Trimmed entries are not new the next time: the feed builds again, unchanged.
    site.config(&config("max_bytes = \"8 KB\"\n"));
    site.build().quiet().success();
    let before = snapshot(&site);
    site.build()
        .success()
        .stderr_has("3 feed file(s): 0 written, 3 unchanged");
    assert_eq!(snapshot(&site), before);
}

#[test]
fn a_new_article_at_the_top_pushes_the_oldest_entries_out() {
    let site = eight_posts("max_bytes = \"8 KB\"\n");
    site.build().quiet().success();
    let kept = titles(&site, "atom.xml");
    post(&site, 20, 9);
    site.build().quiet().success();
    let now = titles(&site, "atom.xml");
    assert_eq!(now[0], "Post 9");
    assert!(now.len() <= kept.len() + 1, "{now:?}");
    assert_eq!(now[1..], kept[..now.len() - 1], "the oldest go first");
    for file in FILES {
        assert_eq!(titles(&site, file), now, "{file}");
        assert!(size(&site, file) <= 8000, "{file}");
    }
}

#[test]
fn a_back_dated_new_article_that_would_be_trimmed_stops_the_build_and_nothing_changes() {
    let site = eight_posts("max_bytes = \"8 KB\"\n");
    site.build().quiet().success();
    let before = snapshot(&site);
    std::thread::sleep(std::time::Duration::from_millis(1100));
    post_on(&site, "2025-12-31", 0); // older than every entry: it would be trimmed at once
    let head = "feedwright: error: feed \"main\" does not fit max_bytes = 8,000 without \
                trimming an entry new in this build; nothing was written\n  \
                new entry: \"Post 0\" (tag:example.org,2025-12-31:blog/post-0)\n";
    let tail = "  hint: raise max_bytes, set full_content = N (only the N newest entries carry \
                their content, the others their summary), or content = \"summary\"\n";
    for run in [
        site.build(),
        site.build().arg("--check"),
        site.build().arg("--dry-run"),
    ] {
        let out = run.code(1).stderr_starts_with(head).stderr_ends_with(tail);
        let lines: Vec<&str> = out.stderr().lines().collect();
        assert!(lines.len() >= 4, "{lines:?}");
        for line in &lines[2..lines.len() - 1] {
            let ok = FILES.iter().any(|f| {
                line.starts_with(&format!("  public/{f}: "))
                    && line.ends_with(" bytes with its 9 newest entries")
            });
            assert!(ok, "{line}");
        }
    }
    assert_eq!(
        snapshot(&site),
        before,
        "no file (nor the ledger) was touched"
    );
    // Room for it: it is published.
    site.config(&config("max_bytes = \"1 MB\"\n"));
    site.build().quiet().success();
    assert_eq!(titles(&site, "rss.xml").last().unwrap(), "Post 0");
}

#[test]
fn a_newest_entry_too_big_alone_stops_the_build() {
    let site = eight_posts("max_bytes = 1500\n");
    let out = site.build().code(1).stderr_starts_with(
        "feedwright: error: feed \"main\" does not fit max_bytes = 1,500 even with only its \
         newest entry; nothing was written\n",
    );
    let lines: Vec<&str> = out.stderr().lines().collect();
    assert_eq!(lines.len(), 5, "every file is over: {lines:?}");
    assert!(lines[1].starts_with("  public/rss.xml: "));
    assert!(lines[1].ends_with(" bytes with its newest entry"));
    assert!(lines[4].starts_with("  hint: raise max_bytes"));
    assert!(site.outputs().is_empty(), "nothing was written");
}

#[test]
fn files_at_80_percent_of_the_budget_warn_on_the_max_bytes_line_and_strict_still_builds() {
    let site = eight_posts("");
    site.build().quiet().success();
    let sizes: Vec<u64> = FILES.iter().map(|f| size(&site, f)).collect();
    let biggest = *sizes.iter().max().unwrap();
    // The biggest file at 90% of the budget; the others as they fall.
    let budget = biggest * 10 / 9;
    site.config(&config(&format!("max_bytes = {budget}\n")));
    let full: Vec<String> = FILES
        .iter()
        .zip(&sizes)
        .map(|(f, &s)| (f, s * 100 / budget))
        .filter(|(_, percent)| *percent >= 80)
        .map(|(f, percent)| format!("public/{f} {percent}%"))
        .collect();
    assert!(full.iter().any(|f| f.ends_with(" 90%")), "{full:?}");
    site.build()
        .arg("--strict")
        .quiet()
        .success()
        .stderr_is(&format!(
        "feeds.toml:12:1: warning: feed \"main\" is at 80% of max_bytes ({} bytes) or more: {}\n  \
         hint: near the budget each new article trims the oldest entries, and a build that would \
         trim a new one stops; raise max_bytes or set full_content to keep room\n",
        grouped(budget),
        full.join(", ")
    ));
    // Under 80%: notes only, no warning.
    site.config(&config(&format!("max_bytes = {}\n", biggest * 2)));
    site.build().quiet().success().stderr_is("");
    site.build().success().stderr_has(&format!(
        "public/rss.xml: {} bytes of {} ({}%), 8 entries\n",
        grouped(sizes[0]),
        grouped(biggest * 2),
        sizes[0] * 100 / (biggest * 2)
    ));
}

#[test]
fn full_content_leaves_older_entries_their_summary_and_lets_more_fit() {
    let site = eight_posts("full_content = 2\n");
    site.build().quiet().success();
    let json = site.json("feed.json");
    let items = json["items"].as_array().unwrap();
    let has = |key: &str| -> Vec<bool> { items.iter().map(|i| i.get(key).is_some()).collect() };
    assert_eq!(
        has("content_html"),
        [[true; 2].as_slice(), &[false; 6]].concat()
    );
    assert_eq!(
        has("content_text"),
        [[false; 2].as_slice(), &[true; 6]].concat()
    );
    for file in ["rss.xml", "atom.xml"] {
        let content: Vec<bool> = site
            .feed(file)
            .entries
            .iter()
            .map(|e| e.content.is_some())
            .collect();
        assert_eq!(
            content,
            [[true; 2].as_slice(), &[false; 6]].concat(),
            "{file}"
        );
    }
    // Eight entries need more than 10 KB with full content; with summaries from the third on,
    // they all fit.
    site.config(&config("max_bytes = \"10 KB\"\n"));
    site.build().quiet().success();
    assert!(titles(&site, "rss.xml").len() < 8);
    site.config(&config("max_bytes = \"10 KB\"\nfull_content = 2\n"));
    site.build().quiet().success();
    for file in FILES {
        assert_eq!(titles(&site, file), posts_down_to(1), "{file}");
        assert!(size(&site, file) <= 10_000, "{file}");
    }
}

#[test]
fn max_bytes_and_full_content_errors_name_their_line_and_say_what_to_write() {
    let second = |extra: &str| {
        format!(
            "{}\n[[feeds]]\nname = \"b\"\nrss = \"b.xml\"\n{extra}",
            config("max_bytes = 1000\n")
        )
    };
    let site = Site::new(&second("max_bytes = \"512 kb\"\n"));
    site.build().code(1).stderr_is(
        "feeds.toml:17:1: error: feed \"b\": max_bytes \"512 kb\" is not a size\n  \
         hint: write a number of bytes (524288) or a number and a unit: \"512 KB\" (1000 bytes \
         each), \"512 KiB\" (1024), \"1 MB\", \"1 MiB\", \"100 B\"\n",
    );
    site.config(&second("max_bytes = \"0 KiB\"\n"));
    site.check().code(1).stderr_is(
        "feeds.toml:17:1: error: feed \"b\": max_bytes \"0 KiB\" leaves no room for a feed\n  \
         hint: set the most bytes each file of the feed may have, e.g. max_bytes = \"512 KB\"\n",
    );
    site.config(&config("max_bytes = 0\n"));
    site.build().code(1).stderr_is(
        "feeds.toml:12:1: error: feed \"main\": max_bytes 0 leaves no room for a feed\n  \
         hint: set the most bytes each file of the feed may have, e.g. max_bytes = \"512 KB\"\n",
    );
    site.config(&config(
        "max_bytes = true\ncontent = \"summary\"\nfull_content = 3\n",
    ));
    site.build().code(1).stderr_is(
        "feeds.toml:12:1: error: feed \"main\": max_bytes true is not a size\n  \
         hint: write a number of bytes (524288) or a number and a unit: \"512 KB\" (1000 bytes \
         each), \"512 KiB\" (1024), \"1 MB\", \"1 MiB\", \"100 B\"\n\
         feeds.toml:14:1: error: feed \"main\": full_content = 3 needs content = \"full\"\n  \
         hint: a summary feed carries no content: remove full_content, or set content = \"full\"\n",
    );
    site.config(&config("max_bytes = \"1 MiB\"\nfull_contnet = 3\n"));
    site.build()
        .code(1)
        .stderr_has("hint: did you mean `full_content`?");
}
