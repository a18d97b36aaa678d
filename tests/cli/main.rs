//! Integration tests: the real `feedwright` binary on sites built in temp folders.

mod faults;
mod harness;

use harness::{parse_feed, repo, stderr, Site, CONFIG, NOW};
use predicates::prelude::*;

// ------------------------------------------------------------------ demo site, golden files

const DEMO_FILES: &[&str] = &[
    "rss.xml",
    "atom.xml",
    "feed.json",
    "politics/rss.xml",
    "politics/atom.xml",
    "authors/niamh.json",
];

/// Builds `site` and compares every output with `tests/golden/<case>/`, byte for byte.
/// `FEEDWRIGHT_BLESS=1` rewrites the golden files instead.
fn assert_golden(case: &str, site: &Site) {
    site.build(&["-q"]).success();
    let golden_dir = repo().join("tests/golden").join(case);
    let bless = std::env::var_os("FEEDWRIGHT_BLESS").is_some();
    let outputs: Vec<(String, Vec<u8>)> = site
        .outputs()
        .into_iter()
        .filter(|(f, _)| f != ".feedwright.lock")
        .collect();
    if bless {
        let _ = std::fs::remove_dir_all(&golden_dir);
        for (file, bytes) in &outputs {
            let p = golden_dir.join(file);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
    }
    let mut golden = Vec::new();
    let mut stack = vec![golden_dir.clone()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}; bless with FEEDWRIGHT_BLESS=1", dir.display()))
        {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p
                    .strip_prefix(&golden_dir)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                golden.push((rel, std::fs::read(&p).unwrap()));
            }
        }
    }
    golden.sort();
    let names = |v: &[(String, Vec<u8>)]| v.iter().map(|(f, _)| f.clone()).collect::<Vec<_>>();
    assert_eq!(
        names(&outputs),
        names(&golden),
        "{case}: output files differ from golden files"
    );
    for ((file, got), (_, want)) in outputs.iter().zip(&golden) {
        assert!(
            got == want,
            "{case}/{file} differs from its golden file; run with FEEDWRIGHT_BLESS=1 to update\n--- got ---\n{}",
            String::from_utf8_lossy(got)
        );
    }
}

#[test]
fn demo_site_matches_golden_files_byte_for_byte() {
    let site = Site::demo();
    assert_golden("demo", &site);
    let files: Vec<String> = site.outputs().into_iter().map(|(f, _)| f).collect();
    for f in DEMO_FILES {
        assert!(files.contains(&f.to_string()), "{f}");
    }
}

#[test]
fn fixture_sites_match_golden_files_and_read_back() {
    for entry in std::fs::read_dir(repo().join("tests/fixtures")).unwrap() {
        let dir = entry.unwrap().path();
        let case = dir.file_name().unwrap().to_string_lossy().into_owned();
        let site = Site::new(&std::fs::read_to_string(dir.join("feeds.toml")).unwrap());
        harness::copy_dir(&dir.join("articles"), &site.path("articles"));
        assert_golden(&case, &site);
        for (file, bytes) in site.outputs() {
            if file.ends_with(".lock") {
                continue;
            }
            let feed = parse_feed(&bytes);
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
    site.build(&["-q"]).success();
    for file in ["rss.xml", "atom.xml", "feed.json"] {
        let feed = parse_feed(site.read(file).as_bytes());
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
    let atom = parse_feed(site.read("atom.xml").as_bytes());
    let ferry = atom.entries.last().unwrap();
    assert_eq!(
        ferry.updated.unwrap(),
        chrono::DateTime::parse_from_rfc3339("2026-01-16T08:00:00+02:00").unwrap()
    );
    let politics = parse_feed(site.read("politics/rss.xml").as_bytes());
    assert_eq!(politics.entries.len(), 3);
    assert!(politics.entries.iter().all(|e| e.content.is_none()));
    let niamh: serde_json::Value = serde_json::from_str(&site.read("authors/niamh.json")).unwrap();
    assert_eq!(niamh["items"].as_array().unwrap().len(), 3);
}

#[test]
fn demo_content_links_and_images_are_absolute_and_safe() {
    let site = Site::demo();
    site.build(&["-q"]).success();
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
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

// ------------------------------------------------------------------ determinism

#[test]
fn same_input_gives_identical_bytes_whatever_file_order_or_threads() {
    let names: Vec<String> = (0..30).map(|i| format!("a{i:02}.md")).collect();
    let article = |i: usize| {
        format!("+++\ntitle = \"Article {i}\"\ndate = 2026-01-{:02}\ntags = [\"t{}\"]\n+++\nBody {i} with [a link](x.html).\n", 1 + i % 5, i % 3)
    };
    let a = Site::minimal();
    let b = Site::minimal();
    for (i, n) in names.iter().enumerate() {
        a.article(n, &article(i));
    }
    // Created in the opposite order, so directory order differs where the file system keeps it.
    for (i, n) in names.iter().enumerate().rev() {
        b.article(n, &article(i));
    }
    a.cmd()
        .env("RAYON_NUM_THREADS", "1")
        .args(["build", "-q", "--now", NOW])
        .assert()
        .success();
    b.cmd()
        .env("RAYON_NUM_THREADS", "4")
        .args(["build", "-q", "--now", NOW])
        .assert()
        .success();
    assert_eq!(a.outputs(), b.outputs());
    // Ties on date are broken by id, newest first.
    let rss = a.read("rss.xml");
    let first = rss.find("Article 4<").unwrap();
    let second = rss.find("Article 9<").unwrap();
    assert!(first < second);
}

#[test]
fn large_archives_are_identical_whatever_the_threads_and_complete() {
    // More entries than a writer batch (256): RSS and Atom are rendered in parts and spliced,
    // files and bodies in parallel.
    let a = Site::generated(600, 1);
    let b = Site::generated(600, 1);
    for (site, threads) in [(&a, "1"), (&b, "4")] {
        site.cmd()
            .env("RAYON_NUM_THREADS", threads)
            .args(["build", "-q", "--now", NOW])
            .assert()
            .success();
    }
    assert_eq!(a.outputs(), b.outputs());
    for file in ["archive/rss.xml", "archive/atom.xml", "archive/feed.json"] {
        let text = a.read(file);
        if !file.ends_with(".json") {
            roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{file}: {e}"));
        }
        let feed = parse_feed(text.as_bytes());
        assert_eq!(feed.entries.len(), 600, "{file}");
        let mut ids: Vec<&str> = feed.entries.iter().map(|e| e.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), 600, "{file}: every entry once");
    }
}

#[test]
fn source_date_epoch_is_now_and_build_time_never_enters_output() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nbody\n");
    site.article(
        "b.md",
        "+++\ntitle = \"B\"\ndate = 2026-06-01T00:00:00Z\n+++\nbody\n",
    );
    // 2026-03-01: B is scheduled.
    site.cmd()
        .env("SOURCE_DATE_EPOCH", "1772323200")
        .args(["build", "-q"])
        .assert()
        .success();
    let rss = site.read("rss.xml");
    assert!(rss.contains("<title>A</title>") && !rss.contains("<title>B</title>"));
    assert!(
        rss.contains("<lastBuildDate>Thu, 1 Jan 2026 00:00:00 +0000</lastBuildDate>"),
        "{rss}"
    );
    // A later "now": B appears, and the feed's date is B's.
    site.cmd()
        .env("SOURCE_DATE_EPOCH", "1790000000")
        .args(["build", "-q"])
        .assert()
        .success();
    let rss = site.read("rss.xml");
    assert!(rss.contains("<title>B</title>"));
    assert!(
        rss.contains("<lastBuildDate>Mon, 1 Jun 2026 00:00:00 +0000</lastBuildDate>"),
        "{rss}"
    );
}

// ------------------------------------------------------------------ scheduling and drafts

#[test]
fn drafts_and_scheduled_articles_are_held_back_and_counted() {
    let site = Site::minimal();
    site.article("2026-01-01-live.md", "+++\ntitle = \"Live\"\n+++\nx\n")
        .article(
            "2026-01-02-draft.md",
            "+++\ntitle = \"Draft\"\ndraft = true\n+++\nx\n",
        )
        .article("2027-01-01-later.md", "+++\ntitle = \"Later\"\n+++\nx\n");
    let out = site.build(&[]).success();
    assert!(stderr(&out).starts_with("feedwright: 3 article file(s) read; 1 draft(s) and 1 scheduled held back; 3 feed file(s): 3 written, 0 unchanged;"), "{}", stderr(&out));
    let rss = site.read("rss.xml");
    assert!(rss.contains("Live") && !rss.contains("Draft") && !rss.contains("Later"));
    site.build(&["--drafts", "-q"]).success();
    assert!(site.read("rss.xml").contains("<title>Draft</title>"));
    site.cmd()
        .args(["build", "-q", "--now", "2027-01-01T00:00:00Z"])
        .assert()
        .success();
    let rss = site.read("rss.xml");
    assert!(rss.contains("<title>Later</title>") && !rss.contains("<title>Draft</title>"));
}

// ------------------------------------------------------------------ writes

#[test]
fn unchanged_files_are_not_rewritten() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    site.build(&["-q"]).success();
    let mtime = |f: &str| {
        std::fs::metadata(site.path(&format!("public/{f}")))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before = mtime("rss.xml");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    let out = site.build(&[]).success();
    assert!(
        stderr(&out).contains("0 written, 3 unchanged"),
        "{}",
        stderr(&out)
    );
    assert_eq!(mtime("rss.xml"), before);
    site.article("2026-01-02-b.md", "+++\ntitle = \"B\"\n+++\nx\n");
    site.build(&["-q"]).success();
    assert_ne!(mtime("rss.xml"), before);
}

#[test]
fn check_flag_is_a_staleness_gate_and_writes_nothing() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    site.build(&["--check"])
        .code(1)
        .stderr(predicate::str::contains("stale: public/rss.xml"));
    assert!(
        !site.path("public").exists(),
        "--check must not create the output folder"
    );
    site.build(&["-q"]).success();
    site.build(&["--check", "-q"]).success();
    site.article("2026-01-02-b.md", "+++\ntitle = \"B\"\n+++\nx\n");
    let out = site.build(&["--check"]).code(1);
    assert!(stderr(&out).contains("stale: public/atom.xml"));
    assert!(
        stderr(&out).ends_with("feedwright: 3 output file(s) are stale; run `feedwright build`\n"),
        "{}",
        stderr(&out)
    );
    assert!(!site.read("rss.xml").contains("<title>B</title>"));
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    site.build(&["--dry-run"])
        .success()
        .stderr(predicate::str::contains("would write: public/feed.json"));
    assert!(!site.path("public").exists());
}

#[test]
fn a_second_build_waits_for_the_lock_then_fails_with_exit_3() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    site.build(&["-q"]).success();
    let before = site.outputs();
    site.article("2026-01-02-b.md", "+++\ntitle = \"B\"\n+++\nx\n");
    let lock = std::fs::File::options()
        .write(true)
        .open(site.path("public/.feedwright.lock"))
        .unwrap();
    lock.lock().unwrap();
    let out = site.build(&["--lock-wait", "0.3"]).code(3);
    assert_eq!(
        stderr(&out),
        "feedwright: error: public/.feedwright.lock: another feedwright build holds the lock: still busy after 0.3s; try again when it has finished\n"
    );
    assert_eq!(site.outputs(), before);
    drop(lock);
    site.build(&["-q"]).success();
    assert!(site.read("rss.xml").contains("<title>B</title>"));
}

#[test]
fn leftover_temporary_files_from_a_killed_build_are_removed() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    site.file("public/.feedwright-tmp-abc123", "partial feed");
    site.build(&["-q"]).success();
    assert!(!site.path("public/.feedwright-tmp-abc123").exists());
}

#[cfg(unix)]
#[test]
fn read_only_output_folder_is_exit_3_and_feeds_stay_intact() {
    use std::os::unix::fs::PermissionsExt;
    if nix_is_root() {
        eprintln!("skipped: root ignores folder permissions");
        return;
    }
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    site.build(&["-q"]).success();
    let before = site.outputs();
    site.article("2026-01-02-b.md", "+++\ntitle = \"B\"\n+++\nx\n");
    std::fs::set_permissions(site.path("public"), std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = site.build(&["-q"]).code(3);
    std::fs::set_permissions(site.path("public"), std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(
        stderr(&out).contains("Permission denied"),
        "{}",
        stderr(&out)
    );
    assert_eq!(site.outputs(), before);
}

#[cfg(unix)]
fn nix_is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false)
}

// ------------------------------------------------------------------ errors

#[test]
fn every_article_error_is_reported_in_one_run_and_nothing_is_written() {
    let site = Site::minimal();
    site.article("2026-01-01-good.md", "+++\ntitle = \"Good\"\n+++\nx\n");
    site.build(&["-q"]).success();
    let before = site.outputs();
    site.article("no-date.md", "+++\ntitle = \"No date\"\n+++\nx\n")
        .article("bad-toml.md", "+++\ntitle = \"T\"\ndate = \n+++\nx\n")
        .article("yaml.md", "---\ntitle: Y\ndate: 2026-13-45\n---\nx\n")
        .article("unclosed.md", "+++\ntitle = \"x\"\n")
        .article(
            "binary.md",
            b"\xff\xfe\x00junk"
                .as_slice()
                .escape_ascii()
                .to_string()
                .as_str(),
        )
        .file("articles/latin1.md", b"+++\ntitle = \"caf\xe9\"\n+++\n")
        .article("empty.md", "")
        .article("nofront.html", "<p>hi</p>")
        .article(
            "2026-03-29-gap.md",
            "+++\ntitle = \"Gap\"\ndate = \"2026-03-29 03:30\"\n+++\n",
        );
    std::fs::write(
        site.path("feeds.toml"),
        format!("{CONFIG}timezone = \"Europe/Helsinki\"\n"),
    )
    .unwrap();
    let out = site.build(&[]).code(1);
    let want = "\
articles/2026-03-29-gap.md:3:1: error: date: 2026-03-29 03:30:00 does not exist in Europe/Helsinki (the clocks skip it); write the time with an offset or pick another time
  hint: write 2026-01-31, 2026-01-31 09:30 or 2026-01-31T09:30:00+02:00
articles/bad-toml.md:3:8: error: invalid TOML front matter: string values must be quoted, expected literal string
  hint: front matter between +++ lines must be TOML, e.g. title = \"Hello\"
articles/binary.md:1:1: error: record has no front matter
  hint: start the file with a +++ (TOML) or --- (YAML) block holding at least title and date
articles/empty.md: error: file is empty
  hint: write front matter and a body, or delete the file
articles/latin1.md:2:13: error: file is not valid UTF-8 text
  hint: save it as UTF-8, or move binary files out of the articles folder
articles/no-date.md:1:1: error: article has no date
  hint: add `date = 2026-01-31` (YAML: `date: 2026-01-31`) to the front matter, or start the file name with the date: 2026-01-31-my-post.md
articles/nofront.html:1:1: error: record has no front matter
  hint: start the file with a +++ (TOML) or --- (YAML) block holding at least title and date
articles/unclosed.md:1:1: error: front matter opened with `+++` on line 1 is never closed
  hint: close the front matter with the same fence line
articles/yaml.md:3:1: error: date: \"2026-13-45\" is not a date feedwright understands
  hint: write 2026-01-31, 2026-01-31 09:30 or 2026-01-31T09:30:00+02:00
feedwright: 9 errors in 10 file(s); nothing was written
";
    assert_eq!(stderr(&out), want);
    assert_eq!(site.outputs(), before, "existing feeds must stay intact");
}

#[test]
fn config_errors_name_the_line_and_suggest_the_fix() {
    let site = Site::new(&CONFIG.replace("description", "descriptoin"));
    let out = site.build(&[]).code(1);
    assert_eq!(
        stderr(&out),
        "feeds.toml:4:1: error: unknown field `descriptoin`, expected one of `title`, `url`, `description`, `language`, `timezone`, `author`, `copyright`, `articles`, `output`, `permalink`, `sanitize`\n  hint: did you mean `description`?\n"
    );
    let site = Site::new(&format!(
        "{CONFIG}timezone = \"Moon/Base\"\n\n[[feeds]]\nname = \"x\"\nrss = \"../../etc/x.xml\"\n"
    ));
    let out = site.build(&[]).code(1);
    assert_eq!(
        stderr(&out),
        "feeds.toml:6:1: error: unknown time zone \"Moon/Base\"\n  hint: use an IANA zone name such as \"Europe/Helsinki\" or \"UTC\"\n\
feeds.toml:10:1: error: feed \"x\": output path \"../../etc/x.xml\" escapes the output folder\n  hint: use a path inside the output folder, e.g. \"feeds/rss.xml\"\n"
    );
    let site = Site::minimal();
    std::fs::remove_file(site.path("feeds.toml")).unwrap();
    site.build(&[]).code(1).stderr(predicate::str::starts_with(
        "feeds.toml: error: cannot read config: No such file or directory",
    ));
}

#[test]
fn unknown_front_matter_keys_warn_and_strict_makes_them_errors() {
    let site = Site::minimal();
    site.article(
        "2026-01-01-a.md",
        "+++\ntitle = \"A\"\nweight = 3\ntitel = \"x\"\n+++\nx\n",
    );
    let out = site.build(&["-q"]).success();
    assert_eq!(
        stderr(&out),
        "articles/2026-01-01-a.md:3:1: warning: unknown front-matter key `weight` is ignored\n  hint: feedwright ignores it; --strict makes this an error\n\
articles/2026-01-01-a.md:4:1: warning: unknown front-matter key `titel` is ignored\n  hint: did you mean `title`?\n"
    );
    let out = site.build(&["--strict", "-q"]).code(1);
    assert!(stderr(&out).ends_with("feedwright: 2 warnings in 1 file(s); nothing was written (--strict treats warnings as errors)\n"), "{}", stderr(&out));
    site.cmd().args(["check", "--strict"]).assert().code(1);
    site.cmd()
        .args(["check"])
        .assert()
        .success()
        .stderr(predicate::str::ends_with(
            "feeds.toml and 1 article file(s) are valid (1 article(s), 1 feed(s))\n",
        ));
}

#[test]
fn duplicate_ids_are_errors_naming_both_files() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n")
        .article("x/2026-01-01-a.md", "+++\ntitle = \"A again\"\n+++\nx\n");
    let out = site.build(&[]).code(1);
    assert!(stderr(&out).starts_with("articles/x/2026-01-01-a.md: error: id \"tag:example.org,2026-01-01:blog/a\" is already used by articles/2026-01-01-a.md\n"), "{}", stderr(&out));
}

#[test]
fn usage_errors_exit_2() {
    let site = Site::minimal();
    site.cmd()
        .args(["build", "--now", "yesterday"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--now \"yesterday\" is not an RFC 3339 time",
        ));
    site.cmd().args(["build", "--bogus"]).assert().code(2);
    site.cmd()
        .args(["build"])
        .env("SOURCE_DATE_EPOCH", "soon")
        .assert()
        .code(2);
}

// ------------------------------------------------------------------ records

#[test]
fn plain_text_records_bodies_and_summaries() {
    let site = Site::minimal();
    site.article(
        "2026-01-01-log.txt",
        "\n\nThe Title & more\n\nFirst para <b>x</b>\nsecond line\n\nSecond para\n",
    )
    .article(
        "2026-01-02-more.md",
        "---\ntitle: More\n---\nIntro *one*.\n\n<!-- more -->\n\nHidden.\n",
    );
    site.build(&["-q"]).success();
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    let items = json["items"].as_array().unwrap();
    assert_eq!(items[1]["title"], "The Title & more");
    assert_eq!(
        items[1]["content_html"],
        "<p>First para &lt;b&gt;x&lt;/b&gt;<br>\nsecond line</p>\n<p>Second para</p>\n"
    );
    assert_eq!(items[1]["summary"], "First para <b>x</b> second line");
    assert_eq!(items[0]["summary"], "Intro one.");
}

#[test]
fn ids_do_not_change_when_title_body_tags_authors_updated_or_permalink_change() {
    let site = Site::minimal();
    site.article(
        "2026-01-01-post.md",
        "+++\ntitle = \"One\"\ntags = [\"a\"]\n+++\nbody\n",
    );
    site.build(&["-q"]).success();
    let id = |s: &Site| {
        serde_json::from_str::<serde_json::Value>(&s.read("feed.json")).unwrap()["items"][0]["id"]
            .clone()
    };
    let first = id(&site);
    assert_eq!(first, "tag:example.org,2026-01-01:blog/post");
    site.article("2026-01-01-post.md", "+++\ntitle = \"Two\"\ntags = [\"b\"]\nauthors = [\"Z\"]\nupdated = 2026-02-01\nsummary = \"s\"\n+++\nother body\n");
    std::fs::write(
        site.path("feeds.toml"),
        format!("{CONFIG}permalink = \"/{{year}}/{{slug}}.html\"\n"),
    )
    .unwrap();
    site.build(&["-q"]).success();
    assert_eq!(id(&site), first);
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(
        json["items"][0]["url"],
        "https://example.org/blog/2026/post.html"
    );
}

#[test]
fn authors_resolve_from_the_authors_table() {
    let site = Site::new(&format!("{CONFIG}\n[authors.niamh]\nname = \"Niamh Harris\"\nemail = \"n@example.org\"\nuri = \"https://example.org/niamh/\"\n"));
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\nauthors = [\"niamh\", { name = \"Guest\", email = \"g@example.org\" }]\n+++\nx\n")
        .article("2026-01-02-b.md", "+++\ntitle = \"B\"\n+++\nx\n");
    site.build(&["-q"]).success();
    let atom = site.read("atom.xml");
    assert!(atom.contains("<name>Niamh Harris</name>\n      <email>n@example.org</email>\n      <uri>https://example.org/niamh/</uri>"), "{atom}");
    assert!(
        atom.contains("<name>Guest</name>\n      <email>g@example.org</email>"),
        "{atom}"
    );
    assert!(atom.contains("<name>Site Author</name>"), "{atom}");
    let rss = site.read("rss.xml");
    assert!(
        rss.contains("<dc:creator>Niamh Harris</dc:creator>\n      <dc:creator>Guest</dc:creator>"),
        "{rss}"
    );
}

#[test]
fn forbidden_characters_are_removed_and_text_escaped_once() {
    let site = Site::minimal();
    site.article(
        "2026-01-01-a.md",
        "+++\ntitle = \"Bell\u{7} & <tag> \u{85}done\"\n+++\nNUL\u{0} here &amp; ]]> there\n",
    );
    let out = site.build(&["-q"]).success();
    assert_eq!(
        stderr(&out),
        "articles/2026-01-01-a.md:2:14: warning: removed 2 control or non-character code point(s) that feeds cannot carry\n  hint: delete them from the file (NUL, DEL, C0/C1 controls, U+FFFE, ...)\n\
articles/2026-01-01-a.md:4:4: warning: removed 1 control or non-character code point(s) that feeds cannot carry\n  hint: delete them from the file (NUL, DEL, C0/C1 controls, U+FFFE, ...)\n"
    );
    let rss = site.read("rss.xml");
    assert!(
        rss.contains("<title>Bell &#x26; &#x3C;tag&gt; done</title>"),
        "{rss}"
    );
    assert!(!rss.contains('\u{0}') && !rss.contains('\u{7}') && !rss.contains('\u{85}'));
    for f in ["rss.xml", "atom.xml", "feed.json"] {
        let feed = parse_feed(site.read(f).as_bytes());
        assert_eq!(
            feed.entries[0].title.as_ref().unwrap().content,
            "Bell & <tag> done",
            "{f}"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&site.read("feed.json")).unwrap();
    assert_eq!(
        json["items"][0]["content_html"],
        "<p>NUL here &amp; ]]&gt; there</p>\n"
    );
}

// ------------------------------------------------------------------ new / init

#[test]
fn init_then_new_then_build_works() {
    let dir = tempfile::tempdir().unwrap();
    let mut cmd = assert_cmd::Command::cargo_bin("feedwright").unwrap();
    cmd.current_dir(dir.path())
        .args(["init", "site", "--now", "2026-05-01T10:00:00Z"])
        .assert()
        .success();
    let site_dir = dir.path().join("site");
    assert!(site_dir.join("articles/2026-05-01-hello-world.md").exists());
    let mut cmd = assert_cmd::Command::cargo_bin("feedwright").unwrap();
    cmd.current_dir(&site_dir)
        .args(["new", "Café & \"quotes\"", "--now", "2026-05-02T10:00:00Z"])
        .assert()
        .success()
        .stdout("articles/2026-05-02-cafe-quotes.md\n");
    let text =
        std::fs::read_to_string(site_dir.join("articles/2026-05-02-cafe-quotes.md")).unwrap();
    assert!(
        text.starts_with("+++\ntitle = 'Café & \"quotes\"'\ndate = 2026-05-02T10:00:00+00:00\n"),
        "{text}"
    );
    let mut cmd = assert_cmd::Command::cargo_bin("feedwright").unwrap();
    cmd.current_dir(&site_dir)
        .args(["new", "Café & \"quotes\"", "--now", "2026-05-02T10:00:00Z"])
        .assert()
        .code(1);
    let mut cmd = assert_cmd::Command::cargo_bin("feedwright").unwrap();
    cmd.current_dir(&site_dir)
        .args(["build", "-q", "--strict", "--now", "2026-05-03T00:00:00Z"])
        .assert()
        .success();
    let feed = parse_feed(&std::fs::read(site_dir.join("public/rss.xml")).unwrap());
    assert_eq!(feed.entries.len(), 2);
    let mut cmd = assert_cmd::Command::cargo_bin("feedwright").unwrap();
    cmd.current_dir(dir.path())
        .args(["init", "site"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("already exists"));
}

#[test]
fn config_flag_and_env_resolve_paths_against_the_config_folder() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    let elsewhere = tempfile::tempdir().unwrap();
    let mut cmd = assert_cmd::Command::cargo_bin("feedwright").unwrap();
    cmd.current_dir(elsewhere.path())
        .env("FEEDWRIGHT_CONFIG", site.path("feeds.toml"))
        .args(["build", "-q", "--now", NOW])
        .assert()
        .success();
    assert!(site.path("public/rss.xml").exists());
}

#[test]
fn huge_files_are_refused_with_a_clear_error() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    let f = std::fs::File::create(site.path("articles/huge.md")).unwrap();
    f.set_len(33 * 1024 * 1024).unwrap(); // sparse: costs no disk
    let out = site.build(&[]).code(1);
    assert_eq!(
        stderr(&out),
        "articles/huge.md: error: file is 34603008 bytes; records are limited to 33554432 bytes\n  hint: split the article, or move the file out of the articles folder\n\
feedwright: 1 error in 2 file(s); nothing was written\n"
    );
}

#[test]
fn check_reads_every_body_while_build_reads_only_what_feeds_show() {
    let site = Site::new(&format!(
        "{CONFIG}\n[[feeds]]\nname = \"one\"\nlimit = 1\nrss = \"rss.xml\"\n"
    ));
    site.article("2026-01-02-new.md", "+++\ntitle = \"New\"\n+++\nfine\n");
    site.file(
        "articles/2026-01-01-old.md",
        b"+++\ntitle = \"Old\"\n+++\nbad \xff byte\n",
    );
    site.build(&["-q"]).success();
    let out = site.cmd().args(["check"]).assert().code(1);
    assert_eq!(
        stderr(&out),
        "articles/2026-01-01-old.md:4:5: error: file is not valid UTF-8 text\n  hint: save it as UTF-8, or move binary files out of the articles folder\n\
feedwright: 1 error in 2 file(s); nothing was written\n"
    );
}
