//! How feeds reach the disk: unchanged files are left alone, `--check` and `--dry-run` write
//! nothing, one build at a time holds the lock, and a failed write leaves the old feeds whole.
//! (Crashes, full disks and concurrent builds are in `faults`.)

use crate::harness::Site;

/// A site with one article, A, not built yet.
fn one_article_site() -> Site {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    site
}

/// A site with one article, built once.
fn built_site() -> Site {
    let site = one_article_site();
    site.build().quiet().success();
    site
}

/// Adds a second article, so that the next build has something to write.
fn add_article_b(site: &Site) {
    site.article("2026-01-02-b.md", "+++\ntitle = \"B\"\n+++\nx\n");
}

#[test]
fn unchanged_files_are_not_rewritten() {
    let site = built_site();
    let mtime = |f: &str| {
        std::fs::metadata(site.path(&format!("public/{f}")))
            .unwrap()
            .modified()
            .unwrap()
    };
    let before = mtime("rss.xml");
    std::thread::sleep(std::time::Duration::from_millis(1100));
    site.build().success().stderr_has("0 written, 3 unchanged");
    assert_eq!(mtime("rss.xml"), before);
    add_article_b(&site);
    site.build().quiet().success();
    assert_ne!(mtime("rss.xml"), before);
}

#[test]
fn check_flag_is_a_staleness_gate_and_writes_nothing() {
    let site = one_article_site();
    site.build()
        .arg("--check")
        .code(1)
        .stderr_has("stale: public/rss.xml");
    assert!(
        !site.path("public").exists(),
        "--check must not create the output folder"
    );
    site.build().quiet().success();
    site.build().arg("--check").quiet().success();
    add_article_b(&site);
    site.build()
        .arg("--check")
        .code(1)
        .stderr_has("stale: public/atom.xml")
        .stderr_ends_with("feedwright: 3 output file(s) are stale; run `feedwright build`\n");
    assert!(!site.read("rss.xml").contains("<title>B</title>"));
}

#[test]
fn dry_run_reports_and_writes_nothing() {
    let site = one_article_site();
    site.build()
        .arg("--dry-run")
        .success()
        .stderr_has("would write: public/feed.json");
    assert!(!site.path("public").exists());
}

#[test]
fn a_second_build_waits_for_the_lock_then_fails_with_exit_3() {
    let site = built_site();
    let before = site.outputs();
    add_article_b(&site);
    let lock = std::fs::File::options()
        .write(true)
        .open(site.path("public/.feedwright.lock"))
        .unwrap();
    lock.lock().unwrap();
    site.build().args(["--lock-wait", "0.3"]).code(3).stderr_is(
        "feedwright: error: public/.feedwright.lock: another feedwright build holds the lock: still busy after 0.3s; try again when it has finished\n",
    );
    assert_eq!(site.outputs(), before);
    drop(lock);
    site.build().quiet().success();
    assert!(site.read("rss.xml").contains("<title>B</title>"));
}

#[test]
fn leftover_temporary_files_from_a_killed_build_are_removed() {
    let site = one_article_site();
    site.file("public/.feedwright-tmp-abc123", "partial feed");
    site.build().quiet().success();
    assert!(!site.path("public/.feedwright-tmp-abc123").exists());
}

#[cfg(unix)]
#[test]
fn read_only_output_folder_is_exit_3_and_feeds_stay_intact() {
    use std::os::unix::fs::PermissionsExt;
    if crate::harness::is_root() {
        eprintln!("skipped: root ignores folder permissions");
        return;
    }
    let site = built_site();
    let before = site.outputs();
    add_article_b(&site);
    let mode =
        |m| std::fs::set_permissions(site.path("public"), std::fs::Permissions::from_mode(m));
    mode(0o555).unwrap();
    let out = site.build().quiet().output();
    mode(0o755).unwrap();
    out.code(3).stderr_has("Permission denied");
    assert_eq!(site.outputs(), before);
}

#[test]
fn a_feed_removed_from_feeds_toml_leaves_its_files_and_the_report_names_them() {
    let site = crate::harness::Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = \"A\"\n+++\nx\n");
    site.build().quiet().success();
    site.file("public/sitemap.xml", "<urlset></urlset>");
    // Only the Atom feed stays: rss.xml and feed.json are left, and named.
    site.config(&format!(
        "{}\n[[feeds]]\nname = \"main\"\natom = \"atom.xml\"\n",
        crate::harness::CONFIG
    ));
    let out = site.build().success();
    let stderr = out.stderr();
    for file in ["public/feed.json", "public/rss.xml"] {
        assert!(
            stderr.contains(&format!(
                "left in place: {file} is a feed no [[feeds]] entry writes (removed from feeds.toml?): \
                 subscribers may still poll it; redirect or delete it when you are sure\n"
            )),
            "{stderr}"
        );
        assert!(site.path(file).exists(), "never deleted");
    }
    assert!(!stderr.contains("sitemap"), "{stderr}");
    assert!(!stderr.contains("public/atom.xml is"), "{stderr}");
}
