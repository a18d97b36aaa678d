//! The build cache is an optimisation only: with it, every build prints, reports and writes
//! exactly what a build without it (`--no-cache`) does on the same files, whatever changed
//! (never stale); a deleted, corrupt, foreign or read-only cache gives a correct build, never a
//! failure; a build killed while writing it leaves a correct next build. Each test first brings
//! the site to the steady state (the next build is replayed from the cache: the test hook
//! `FEEDWRIGHT_TEST_CACHE_LOG` says `hit`), then changes one thing and compares.

use std::path::{Path, PathBuf};
use std::time::Duration;

use crate::harness::{copy_dir, files, is_root, Site, NOW};

const LATER: &str = "2026-12-24T00:00:00Z";

/// A site with two feeds, a scheduled article, a draft and a warning (an unknown key).
fn site() -> Site {
    let site = Site::new(&format!(
        "{}\n[[feeds]]\nname = \"main\"\nrss = \"rss.xml\"\natom = \"atom.xml\"\njson = \"feed.json\"\n\n[[feeds]]\nname = \"archive\"\nlimit = 0\nrss = \"all/rss.xml\"\natom = \"all/atom.xml\"\njson = \"all/feed.json\"\n",
        crate::harness::CONFIG
    ));
    for i in 0..6 {
        site.article(
            &format!("posts/p{i}.md"),
            &format!("+++\ntitle = \"Post {i}\"\ndate = 2026-0{}-10T10:00:00Z\ntags = [\"t{}\"]\n+++\nBody *{i}* with a [link](../x/).\n", i + 1, i % 2),
        );
    }
    site.article(
        "posts/due.md",
        "+++\ntitle = \"Due later\"\ndate = 2026-12-01T00:00:00Z\n+++\nSoon.\n",
    );
    site.article(
        "posts/draft.md",
        "+++\ntitle = \"Draft\"\ndate = 2026-02-01T00:00:00Z\ndraft = true\n+++\nNot yet.\n",
    );
    site.article(
        "posts/odd.md",
        "+++\ntitle = \"Odd\"\ndate = 2026-03-03T00:00:00Z\nmood = \"fine\"\n+++\nAn unknown key.\n",
    );
    site
}

/// The file the test hook appends `hit` or `miss` to.
fn log_of(site: &Site) -> PathBuf {
    site.path("cache.log")
}

/// What the last build did with the cache (`hit`, `miss`, or `none`).
fn last_way(site: &Site) -> String {
    std::fs::read_to_string(log_of(site))
        .unwrap_or_default()
        .lines()
        .rfind(|l| !l.starts_with("rendered"))
        .unwrap_or("none")
        .to_string()
}

/// How many bodies the last build that rendered any rendered (not taken from the cache).
fn last_rendered(site: &Site) -> Option<usize> {
    std::fs::read_to_string(log_of(site))
        .unwrap_or_default()
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("rendered "))
        .map(|n| n.parse().unwrap())
}

/// Printed text without the elapsed time of the summary line (`; 0.03s`).
fn timeless(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(i) = rest.find("; ") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let digits = after
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(after.len());
        if digits > 0 && after[digits..].starts_with('s') {
            out.push_str("; TIME");
            rest = &after[digits + 1..];
        } else {
            out.push_str("; ");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Everything a build leaves: feed files and the ledger.
fn state(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = files(&dir.join("public"))
        .into_iter()
        .filter(|(f, _)| f != ".feedwright.lock")
        .collect();
    for extra in ["feeds.lock"] {
        if let Ok(bytes) = std::fs::read(dir.join(extra)) {
            out.push((extra.to_string(), bytes));
        }
    }
    out
}

/// Builds `site` at `now` with `args` with its cache, and a copy of it (outputs and all, no
/// cache) with `--no-cache`; asserts both print, report and write the same; returns which way
/// the cached build went.
#[track_caller]
fn same_as_without_cache(site: &Site, now: &str, args: &[&str]) -> String {
    let reference = tempfile::tempdir().unwrap();
    copy_dir(site.dir.path(), reference.path());
    let _ = std::fs::remove_dir_all(reference.path().join(".feedwright-cache"));
    let run = |dir: &Path, extra: &[&str]| {
        let mut c = crate::harness::run::command(dir);
        c.args(["build", "--now", now, "--report", "report.json"])
            .args(args)
            .args(extra)
            .env("FEEDWRIGHT_TEST_CACHE_LOG", dir.join("cache.log"));
        let out = c.output().unwrap();
        (
            out.status.code(),
            timeless(&String::from_utf8_lossy(&out.stdout)),
            timeless(&String::from_utf8_lossy(&out.stderr)),
        )
    };
    let want = run(reference.path(), &["--no-cache"]);
    let got = run(site.dir.path(), &[]);
    assert_eq!(got, want, "the cached build printed otherwise");
    let (mut want_report, mut got_report) = (
        std::fs::read_to_string(reference.path().join("report.json")).unwrap_or_default(),
        std::fs::read_to_string(site.path("report.json")).unwrap_or_default(),
    );
    for r in [&mut want_report, &mut got_report] {
        // The elapsed time is the only field that may differ.
        let v: Option<serde_json::Value> = serde_json::from_str(r).ok();
        if let Some(mut v) = v {
            strip_times(&mut v);
            *r = v.to_string();
        }
    }
    assert_eq!(got_report, want_report, "--report differs");
    let (got, want) = (state(site.dir.path()), state(reference.path()));
    let names = |s: &[(String, Vec<u8>)]| s.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&got), names(&want), "different files");
    for ((name, g), (_, w)) in got.iter().zip(&want) {
        assert!(g == w, "{name} differs with the cache");
    }
    last_way(site)
}

/// Removes what measures time from a report object.
fn strip_times(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.retain(|k, _| !k.contains("second") && !k.contains("elapsed"));
            map.values_mut().for_each(strip_times);
        }
        serde_json::Value::Array(a) => a.iter_mut().for_each(strip_times),
        serde_json::Value::String(s) => {
            *s = timeless(s);
        }
        _ => {}
    }
}

/// Builds until a build at `now` is replayed from the cache (the second no-op build after a
/// change is: the first records it), asserting each equals a build without the cache.
#[track_caller]
fn steady(site: &Site, now: &str, args: &[&str]) {
    for _ in 0..3 {
        // Feed files must be older than the file system's timestamp granularity to be trusted.
        std::thread::sleep(Duration::from_millis(150));
        if same_as_without_cache(site, now, args) == "hit" {
            return;
        }
    }
    panic!("a build with nothing changed is never replayed from the cache");
}

/// Builds once after a change; asserts it equals a build without the cache and ran in full.
#[track_caller]
fn after_change(site: &Site, now: &str) {
    assert_eq!(same_as_without_cache(site, now, &[]), "miss");
}

/// [`after_change`], then [`steady`]: the change is built, then replayed.
#[track_caller]
fn built_then_replayed(site: &Site) {
    after_change(site, NOW);
    steady(site, NOW, &[]);
}

/// [`built_then_replayed`], asserting the build rendered `n` bodies (the others were cached).
#[track_caller]
fn built_rendering(site: &Site, n: usize) {
    after_change(site, NOW);
    assert_eq!(last_rendered(site), Some(n), "bodies rendered");
    steady(site, NOW, &[]);
}

#[test]
fn a_rebuild_with_nothing_changed_is_replayed_with_the_same_report() {
    let site = site();
    same_as_without_cache(&site, NOW, &[]);
    steady(&site, NOW, &[]);
    steady(&site, NOW, &["-q"]);
    steady(&site, NOW, &["--message-format", "json"]);
    steady(&site, NOW, &["--validate"]);
    // A build that fails is never replayed: it fails each time.
    for _ in 0..3 {
        std::thread::sleep(Duration::from_millis(150));
        assert_eq!(same_as_without_cache(&site, NOW, &["--strict"]), "miss");
    }
    steady(&site, NOW, &["--drafts"]);
}

#[test]
fn never_stale_after_an_edit_of_body_front_matter_or_config() {
    let site = site();
    steady(&site, NOW, &[]);
    site.article(
        "posts/p3.md",
        "+++\ntitle = \"Post 3\"\ndate = 2026-04-10T10:00:00Z\ntags = [\"t1\"]\n+++\nBody *edited*.\n",
    );
    after_change(&site, NOW);
    assert_eq!(
        last_rendered(&site),
        Some(1),
        "only the edited body is rendered"
    );
    steady(&site, NOW, &[]);
    site.article(
        "posts/p3.md",
        "+++\ntitle = \"Post three\"\ndate = 2026-04-10T10:00:00Z\ntags = [\"t1\"]\n+++\nBody *edited*.\n",
    );
    after_change(&site, NOW);
    steady(&site, NOW, &[]);
    let config = std::fs::read_to_string(site.path("feeds.toml")).unwrap();
    site.config(&config.replace("title = \"Test Site\"", "title = \"Renamed\""));
    // The site's title is in no body: none is rendered again.
    built_rendering(&site, 0);
    site.config(&config.replace("[site]\n", "[site]\nsanitize = false\n"));
    // `sanitize` is in every body's key: each shown one is rendered again.
    built_rendering(&site, 7);
    std::fs::remove_file(site.path("articles/posts/p1.md")).unwrap();
    built_then_replayed(&site);
    site.file("articles/posts/picture.png", "not read, but counted");
    built_then_replayed(&site);
}

#[test]
fn never_stale_when_an_article_comes_due_with_no_file_changed() {
    let site = site();
    steady(&site, NOW, &[]);
    assert_eq!(
        same_as_without_cache(&site, "2026-11-30T23:59:59Z", &[]),
        "hit"
    );
    // The scheduled article is due at 2026-12-01T00:00:00Z: from then on it is published.
    after_change(&site, "2026-12-01T00:00:00Z");
    steady(&site, LATER, &[]);
    // Back before it (a clock set back): it is held back again.
    after_change(&site, NOW);
}

/// Replaces `from` by `to` (as long) in the file at `path`, then sets its mtime back.
fn sneaky_edit(path: &Path, from: &str, to: &str) {
    let mtime = std::fs::metadata(path).unwrap().modified().unwrap();
    let text = std::fs::read_to_string(path).unwrap();
    let edited = text.replace(from, to);
    assert!(edited.len() == text.len() && edited != text);
    std::fs::write(path, edited).unwrap();
    let file = std::fs::File::options().write(true).open(path).unwrap();
    file.set_modified(mtime).unwrap();
}

#[test]
fn never_stale_when_an_edited_file_keeps_its_size_and_mtime() {
    let site = site();
    steady(&site, NOW, &[]);
    sneaky_edit(&site.path("articles/posts/p2.md"), "Body *2*", "Body *Z*");
    after_change(&site, NOW);
    assert!(site.read("feed.json").contains("Body <em>Z</em>"));
}

#[test]
fn never_stale_when_a_feed_file_is_edited_or_deleted_by_hand() {
    let site = site();
    steady(&site, NOW, &[]);
    sneaky_edit(&site.path("public/all/atom.xml"), "Post 2", "Post X");
    after_change(&site, NOW);
    steady(&site, NOW, &[]);
    std::fs::remove_file(site.path("public/feed.json")).unwrap();
    after_change(&site, NOW);
    assert!(site.path("public/feed.json").exists());
}

#[test]
fn never_stale_when_the_ledger_or_the_version_changes() {
    let site = site();
    steady(&site, NOW, &[]);
    let ledger = std::fs::read_to_string(site.path("feeds.lock")).unwrap();
    let first_id = ledger
        .lines()
        .find(|l| l.starts_with("id = "))
        .expect("an id in the ledger")
        .to_string();
    site.file(
        "feeds.lock",
        ledger.replacen(&first_id, "id = \"tag:example.org,2026:moved\"", 1),
    );
    after_change(&site, NOW);
    steady(&site, NOW, &[]);
    // Another feedwright (simulated by the test hook) never trusts this one's cache.
    let run = site
        .build()
        .env("FEEDWRIGHT_TEST_VERSION", "9.9.9")
        .env("FEEDWRIGHT_TEST_CACHE_LOG", log_of(&site))
        .success();
    assert_eq!(last_way(&site), "miss", "{}", run.stderr());
}

#[test]
fn a_deleted_corrupt_foreign_or_unwritable_cache_gives_a_correct_build() {
    let site = site();
    let manifest = site.path(".feedwright-cache/public/manifest");
    steady(&site, NOW, &[]);
    let good = std::fs::read(&manifest).unwrap();
    std::fs::remove_dir_all(site.path(".feedwright-cache")).unwrap();
    after_change(&site, NOW);
    let corrupt: Vec<Vec<u8>> = vec![
        good[..good.len() / 2].to_vec(),
        b"garbage \x00\xff".to_vec(),
        Vec::new(),
        String::from_utf8(good.clone())
            .unwrap()
            .replace("feedwright-cache 1", "feedwright-cache 7")
            .into_bytes(),
    ];
    for bytes in corrupt {
        steady(&site, NOW, &[]);
        std::fs::write(&manifest, bytes).unwrap();
        after_change(&site, NOW);
    }
    // A cache folder that cannot be written (as root, one in /proc): builds are correct, and
    // never replayed.
    let unwritable = if is_root() {
        PathBuf::from("/proc/feedwright-test-cache")
    } else {
        let dir = site.path("locked-cache");
        std::fs::create_dir(&dir).unwrap();
        let mut perms = std::fs::metadata(&dir).unwrap().permissions();
        std::os::unix::fs::PermissionsExt::set_mode(&mut perms, 0o500);
        std::fs::set_permissions(&dir, perms).unwrap();
        dir
    };
    // The same as a file in place of the cache folder.
    for dir in [unwritable, site.path("feeds.toml")] {
        let before = site.outputs();
        for _ in 0..3 {
            std::thread::sleep(Duration::from_millis(150));
            let run = site
                .build()
                .arg("--cache-dir")
                .arg(&dir)
                .env("FEEDWRIGHT_TEST_CACHE_LOG", log_of(&site))
                .success();
            assert_eq!(last_way(&site), "miss", "{}", run.stderr());
            assert!(!run.stderr().contains("cache"), "{}", run.stderr());
            assert_eq!(site.outputs(), before);
        }
    }
}

#[test]
fn no_cache_and_cache_dir_choose_where_the_cache_is() {
    let site = site();
    site.build().args(["--no-cache"]).success();
    site.build().args(["--no-cache"]).success();
    assert!(!site.path(".feedwright-cache").exists());
    std::thread::sleep(Duration::from_millis(150));
    site.build().args(["--cache-dir", "elsewhere"]).success();
    assert!(site.path("elsewhere/manifest").exists());
    assert!(!site.path(".feedwright-cache").exists());
    assert!(!site.path("public/.feedwright-cache").exists());
    assert!(site
        .run(["build", "--no-cache", "--cache-dir", "x"])
        .code(2)
        .stderr()
        .contains("cannot be used with"));
}

#[test]
fn kill_9_while_writing_the_cache_leaves_a_correct_next_build() {
    let site = site();
    steady(&site, NOW, &[]);
    let killed = |point: &str| {
        let run = site
            .build()
            .env("FEEDWRIGHT_TEST_CACHE_KILL", point)
            .output();
        assert_eq!(
            run.exit_code(),
            None,
            "{point}: not killed\n{}",
            run.stderr()
        );
    };
    let debris = || -> Vec<String> {
        std::fs::read_dir(site.path(".feedwright-cache/public"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .filter(|n| n.starts_with(".tmp-"))
            .collect()
    };
    for (n, point) in ["cache-write", "cache-rename"].iter().enumerate() {
        // A build that renders a changed body keeps it in the cache once its feeds are
        // written: killed there, its feeds are whole and the next build is correct.
        site.article(
            "posts/p0.md",
            &format!("+++\ntitle = \"Post 0\"\ndate = 2026-01-10T10:00:00Z\n+++\nEdit {n}.\n"),
        );
        if *point == "cache-rename" {
            killed(point);
            assert!(!debris().is_empty(), "the kill left no temporary file");
            assert_eq!(same_as_without_cache(&site, NOW, &[]), "miss");
        } else {
            site.build().quiet().success();
        }
        // The next build (nothing changed) records the manifest, and is killed doing so.
        std::thread::sleep(Duration::from_millis(150));
        killed(point);
        // (A manifest an earlier build wrote may still be there, and is still right.)
        same_as_without_cache(&site, NOW, &[]);
        steady(&site, NOW, &[]);
        assert_eq!(debris(), Vec::<String>::new(), "{point}");
    }
}

#[test]
fn a_replayed_build_ping_still_tells_a_hub_that_failed_what_it_missed() {
    use crate::harness::hub::{self, Hub};
    let hub = Hub::start(vec![hub::status(503), hub::status(503), hub::status(204)]);
    let site = Site::new(&format!(
        "{}hubs = [{:?}]\n\n[[feeds]]\nname = \"main\"\nrss = \"rss.xml\"\n",
        crate::harness::CONFIG,
        hub.url()
    ));
    site.article("a.md", "+++\ntitle = \"A\"\ndate = 2026-01-01\n+++\nA.\n");
    let build_ping = || {
        site.build()
            .args(["--ping", "-q", "--retries", "0"])
            .env("NO_PROXY", "127.0.0.1")
            .env("FEEDWRIGHT_TEST_CACHE_LOG", log_of(&site))
    };
    // The hub fails twice: after the build that wrote the feed, and after the one that
    // recorded the steady state.
    build_ping().code(4);
    std::thread::sleep(Duration::from_millis(150));
    build_ping().code(4);
    assert_eq!(last_way(&site), "miss");
    std::thread::sleep(Duration::from_millis(150));
    build_ping().success().stderr_is("");
    assert_eq!(last_way(&site), "hit");
    assert_eq!(hub.requests().len(), 3, "the replayed build pinged");
    let pending = site.read(".feedwright.pending");
    assert!(!pending.contains("rss.xml"), "{pending}");
}

#[test]
fn a_replayed_build_names_and_prunes_feeds_left_behind_as_a_full_build_does() {
    let site = site();
    for args in [&[][..], &["--prune"][..]] {
        steady(&site, NOW, args);
        // A feed no [[feeds]] entry writes appears: the inputs are the same, so the build is
        // replayed, and still names it as a full build does (`--prune` deletes only what a
        // `per` entry no longer makes).
        let rss = site.read("rss.xml");
        site.file("public/old.xml", &rss);
        assert_eq!(same_as_without_cache(&site, NOW, args), "hit");
    }
}

#[test]
fn never_stale_when_the_opml_list_or_the_preview_stylesheet_is_deleted_by_hand() {
    let site = site();
    let config = std::fs::read_to_string(site.path("feeds.toml")).unwrap();
    let config = config.replacen(
        "[site]\n",
        "[site]\nopml = \"feeds.opml\"\npreview = \"xslt\"\n",
        1,
    );
    std::fs::write(site.path("feeds.toml"), config).unwrap();
    steady(&site, NOW, &[]);
    for file in ["public/feeds.opml", "public/feed-preview.xsl"] {
        std::fs::remove_file(site.path(file)).unwrap();
        after_change(&site, NOW);
        assert!(site.path(file).exists(), "{file}");
        steady(&site, NOW, &[]);
    }
}

/// A build after one change renders one body: every other entry is copied from the last
/// build's feed files (and the whole output equals a build without the cache).
#[test]
fn after_one_article_is_added_only_its_body_is_rendered_and_every_warning_is_reported_again() {
    let site = site();
    // A body whose reading warns (a control character is removed): reported by every build,
    // also those that copy its entries from the last build's files.
    site.article(
        "posts/bell.md",
        "+++\ntitle = \"Bell\"\ndate = 2026-03-05T00:00:00Z\n+++\nA bell \u{7} rings.\n",
    );
    after_change(&site, NOW);
    steady(&site, NOW, &[]);
    for n in 0..2 {
        site.article(
            &format!("posts/new{n}.md"),
            &format!("+++\ntitle = \"New {n}\"\ndate = 2026-06-2{n}T00:00:00Z\n+++\nNew.\n"),
        );
        after_change(&site, NOW);
        assert_eq!(
            last_rendered(&site),
            Some(1),
            "only the new body is rendered"
        );
    }
    let run = site.build().success();
    assert!(run.stderr().contains("posts/bell.md"), "{}", run.stderr());
    steady(&site, NOW, &[]);
}

#[test]
fn an_entry_that_does_not_read_back_as_recorded_is_never_copied() {
    let site = site();
    steady(&site, NOW, &[]);
    // Every entry the index names now fails its checksum: the build runs again without the
    // cache's entries and writes what a build without a cache writes.
    site.article(
        "posts/p2.md",
        "+++\ntitle = \"Post 2\"\ndate = 2026-03-10T10:00:00Z\n+++\nEdited.\n",
    );
    let reference = tempfile::tempdir().unwrap();
    copy_dir(site.dir.path(), reference.path());
    let run = site
        .build()
        .env("FEEDWRIGHT_TEST_CACHE_ENTRIES", "unreadable")
        .env("FEEDWRIGHT_TEST_CACHE_LOG", log_of(&site))
        .success();
    let log = std::fs::read_to_string(log_of(&site)).unwrap();
    assert!(log.lines().any(|l| l == "again"), "{log}\n{}", run.stderr());
    crate::harness::run::command(reference.path())
        .args(["build", "--now", NOW, "--no-cache"])
        .output()
        .unwrap();
    assert_eq!(
        state(&site.path("public")),
        state(&reference.path().join("public"))
    );
    // A torn or garbage index is no index.
    let index = site.path(".feedwright-cache/public/entries");
    for bytes in [
        b"garbage".to_vec(),
        std::fs::read(&index).unwrap()[..40].to_vec(),
    ] {
        steady(&site, NOW, &[]);
        std::fs::write(&index, bytes).unwrap();
        site.article(
            "posts/p2.md",
            &format!(
                "+++\ntitle = \"Post 2\"\ndate = 2026-03-10T10:00:00Z\n+++\nEdited {}.\n",
                index.metadata().unwrap().len()
            ),
        );
        after_change(&site, NOW);
        assert_eq!(
            last_rendered(&site),
            Some(7),
            "every shown body is rendered"
        );
    }
}

/// Every kind of feed a site can have, built with the cache after each kind of change, equals
/// the build without it: per-tag feeds, a size budget, `full_content`, summary-only feeds and
/// two summary lengths share the articles whose entries the cache copies.
#[test]
fn never_stale_with_per_tag_budgeted_and_summary_feeds() {
    let feeds = "\n[[feeds]]\nname = \"tags\"\nper = \"tag\"\ntitle = \"{site} - {tag}\"\nrss = \"tags/{tag}.xml\"\natom = \"tags/{tag}.atom\"\n\n[[feeds]]\nname = \"small\"\nmax_bytes = \"3 KB\"\nrss = \"small.xml\"\njson = \"small.json\"\n\n[[feeds]]\nname = \"short\"\ncontent = \"summary\"\nsummary_length = 20\nlimit = 0\natom = \"short.atom\"\n\n[[feeds]]\nname = \"mixed\"\nfull_content = 2\nlimit = 0\nrss = \"mixed.xml\"\njson = \"mixed.json\"\n";
    let site = site();
    let config = std::fs::read_to_string(site.path("feeds.toml")).unwrap();
    site.config(&format!("{config}{feeds}"));
    after_change(&site, NOW);
    steady(&site, NOW, &[]);
    // An edit, an article added (newest, and so in every feed), one removed, a tag changed.
    site.article(
        "posts/p1.md",
        "+++\ntitle = \"Post 1\"\ndate = 2026-02-10T10:00:00Z\ntags = [\"t1\"]\n+++\nLonger *edited* body, with more words than before.\n",
    );
    // The budgeted feed shows every article and measures its files: each body is rendered.
    built_rendering(&site, 7);
    site.article(
        "posts/p9.md",
        "+++\ntitle = \"Post 9\"\ndate = 2026-11-01T10:00:00Z\ntags = [\"t0\", \"new\"]\n+++\nNewest.\n",
    );
    built_then_replayed(&site);
    std::fs::remove_file(site.path("articles/posts/p4.md")).unwrap();
    built_then_replayed(&site);
    site.article(
        "posts/p3.md",
        "+++\ntitle = \"Post 3\"\ndate = 2026-04-10T10:00:00Z\ntags = [\"t0\"]\n+++\nBody *3* with a [link](../x/).\n",
    );
    built_then_replayed(&site);
}
