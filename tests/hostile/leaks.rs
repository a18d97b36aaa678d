//! Class 1: records that are links, special files or outside the articles folder never reach a feed.
//!
//! A record must be a regular file. A symbolic link is followed only when its real path stays
//! inside the articles folder; one that leads out of it, a dangling link and a loop are errors
//! naming the link and where it points. Links to folders are not followed and FIFOs, sockets
//! and devices are never opened: each is a warning (so `--strict` stops on it).
#![cfg(unix)]

use std::os::unix::fs::symlink;
use std::process::Command;

use crate::harness::{files, Site};

const HINT_OUTSIDE: &str =
    "  hint: replace the link with the file itself, or move the target into the articles folder\n";

fn ok_article(site: &Site) {
    site.article(
        "2026-01-02-ok.md",
        "+++\ntitle = \"Ok\"\ndate = 2026-01-02\n+++\npublic words\n",
    );
}

/// Asserts that no file of the site's output holds `secret`.
#[track_caller]
fn not_published(site: &Site, secret: &str) {
    for (name, bytes) in site.outputs() {
        assert!(
            !String::from_utf8_lossy(&bytes).contains(secret),
            "public/{name} holds {secret:?}"
        );
    }
}

#[test]
fn a_record_linked_outside_the_articles_folder_is_an_error_naming_where_it_points() {
    let site = Site::minimal();
    ok_article(&site);
    site.file(".env", "SECRET_TOKEN=hunter2-abc\n");
    symlink("../.env", site.path("articles/2026-01-01-notes.txt")).unwrap();
    symlink("/etc/passwd", site.path("articles/2026-01-01-pw.txt")).unwrap();
    let stderr = format!(
        "articles/2026-01-01-notes.txt: error: record is a symbolic link to ../.env, outside the articles folder\n{HINT_OUTSIDE}\
         articles/2026-01-01-pw.txt: error: record is a symbolic link to /etc/passwd, outside the articles folder\n{HINT_OUTSIDE}\
         feedwright: 2 errors in 2 file(s); nothing was written\n"
    );
    site.build().code(1).stderr_is(&stderr);
    site.check().code(1).stderr_is(&stderr);
    site.run(["check", "--strict"]).code(1).stderr_is(&stderr);
    assert!(site.outputs().is_empty());
    not_published(&site, "hunter2");
    not_published(&site, "root:");
}

#[test]
fn links_to_proc_and_devices_are_refused_without_reading_them() {
    let site = Site::minimal();
    ok_article(&site);
    for (name, target) in [
        ("2026-01-01-env.txt", "/proc/self/environ"),
        ("2026-01-01-status.txt", "/proc/self/status"),
        ("2026-01-01-urandom.md", "/dev/urandom"),
        ("2026-01-01-zero.txt", "/dev/zero"),
    ] {
        symlink(target, site.path(&format!("articles/{name}"))).unwrap();
    }
    site.build()
        .env("SECRET_ENV", "envleak-xyz")
        .code(1)
        .stderr_has("articles/2026-01-01-env.txt: error: record is a symbolic link to /proc/self/environ, outside the articles folder\n")
        .stderr_has("articles/2026-01-01-status.txt: error: record is a symbolic link to /proc/self/status, outside")
        .stderr_has("articles/2026-01-01-urandom.md: error: record is a symbolic link to /dev/urandom, outside")
        .stderr_has("articles/2026-01-01-zero.txt: error: record is a symbolic link to /dev/zero, outside")
        .stderr_ends_with("feedwright: 4 errors in 4 file(s); nothing was written\n");
    assert!(site.outputs().is_empty());
}

#[test]
fn dangling_links_and_loops_are_errors_not_silently_skipped() {
    let site = Site::minimal();
    ok_article(&site);
    symlink("/nonexistent/x", site.path("articles/2026-01-01-d.md")).unwrap();
    symlink("loop2", site.path("articles/loop1.md")).unwrap();
    symlink("loop1.md", site.path("articles/loop2")).unwrap();
    let hint = "  hint: remove the link, or replace it with the record itself\n";
    site.build().code(1).stderr_is(&format!(
        "articles/2026-01-01-d.md: error: record is a symbolic link to /nonexistent/x, which does not exist\n{hint}\
         articles/loop1.md: error: record is a symbolic link to loop2, which is a loop of links\n{hint}\
         feedwright: 2 errors in 2 file(s); nothing was written\n"
    ));
    site.check().code(1);
    assert!(site.outputs().is_empty());
}

#[test]
fn a_link_inside_the_articles_folder_is_read_but_a_linked_folder_is_not_followed() {
    let site = Site::minimal();
    site.article(
        "drafts/real.md",
        "+++\ntitle = \"Real\"\ndate = 2026-01-02\n+++\ninside words\n",
    );
    symlink("drafts/real.md", site.path("articles/2026-01-03-alias.md")).unwrap();
    std::fs::create_dir(site.path("outside")).unwrap();
    site.file(
        "outside/2026-01-01-x.md",
        "+++\ntitle = \"Private\"\ndate = 2026-01-01\n+++\nprivate-folder-secret\n",
    );
    symlink("../outside", site.path("articles/sub")).unwrap();
    symlink(".", site.path("articles/selfdir")).unwrap();
    let warnings = "articles/selfdir: warning: symbolic link to a folder is not followed\n  \
        hint: move the folder's records into the articles folder, or remove the link\n\
        articles/sub: warning: symbolic link to a folder is not followed\n  \
        hint: move the folder's records into the articles folder, or remove the link\n";
    site.run(["check", "--strict"]).code(1).stderr_is(&format!(
        "{warnings}feedwright: 2 warnings in 2 file(s); nothing was written \
         (--strict treats warnings as errors)\n"
    ));
    site.build().quiet().success().stderr_is(warnings);
    assert!(site.read("rss.xml").contains("inside words"));
    not_published(&site, "private-folder-secret");
}

#[test]
fn fifos_and_sockets_named_like_records_are_skipped_with_a_warning_never_opened() {
    let site = Site::minimal();
    ok_article(&site);
    for fifo in ["articles/2026-01-01-fifo.md", "articles/.fifo"] {
        let made = Command::new("mkfifo").arg(site.path(fifo)).status();
        assert!(made.unwrap().success());
    }
    symlink(".fifo", site.path("articles/2026-01-01-linked-fifo.md")).unwrap();
    let _socket =
        std::os::unix::net::UnixListener::bind(site.path("articles/2026-01-01-sock.md")).unwrap();
    let skipped = |name: &str, what: &str| {
        format!(
            "articles/{name}: warning: not a regular file ({what}); skipped\n  \
             hint: records must be regular files; remove it, or rename it without a record extension\n"
        )
    };
    let warnings = [
        skipped("2026-01-01-fifo.md", "a FIFO"),
        skipped("2026-01-01-linked-fifo.md", "a FIFO"),
        skipped("2026-01-01-sock.md", "a socket"),
    ]
    .concat();
    let start = std::time::Instant::now();
    site.build().quiet().success().stderr_is(&warnings);
    site.run(["check", "--strict"])
        .code(1)
        .stderr_starts_with(&warnings);
    assert!(start.elapsed() < std::time::Duration::from_secs(10));
    assert!(site.read("rss.xml").contains("public words"));
    assert_eq!(
        files(&site.path("public")).len(),
        4,
        "three feeds and the lock"
    );
}
