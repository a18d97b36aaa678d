//! Class 9: a build takes the output lock before it reads a single article, so a build that
//! waited for another one publishes what is on disk when it gets the lock, never an older view
//! read before the wait. `build --check`, `build --dry-run` and `check` write nothing and take
//! no lock: they never wait, and never create the lock file.

use std::fs::File;
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::harness::{Site, NOW};

fn version(n: u32) -> String {
    format!("+++\ntitle = \"VERSION-{n}\"\ndate = 2026-01-01\n+++\nbody v{n}\n")
}

/// Holds the build lock of `site` as another build would, until dropped.
fn hold_lock(site: &Site) -> File {
    std::fs::create_dir_all(site.path("public")).unwrap();
    let lock = File::options()
        .create(true)
        .truncate(false)
        .write(true)
        .open(site.path("public/.feedwright.lock"))
        .unwrap();
    lock.lock().unwrap();
    lock
}

#[test]
fn a_build_that_waited_for_the_lock_publishes_the_articles_saved_meanwhile() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", &version(1));
    let lock = hold_lock(&site);
    let build = site
        .command()
        .args(["build", "-q", "--now", NOW, "--lock-wait", "60"])
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Time enough for the build to read the articles, if it read them before waiting.
    std::thread::sleep(Duration::from_millis(1500));
    site.article("2026-01-01-a.md", &version(2));
    drop(lock);
    let out = build.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
    for feed in ["rss.xml", "atom.xml", "feed.json"] {
        let text = site.read(feed);
        assert!(text.contains("VERSION-2"), "{feed} lacks the saved version");
        assert!(!text.contains("VERSION-1"), "{feed} has the older view");
    }
}

#[test]
fn a_build_waits_for_the_lock_before_reading_while_check_and_dry_run_take_none() {
    let site = Site::minimal();
    site.article("2026-01-01-a.md", "+++\ntitle = 5\n+++\n");
    let lock = hold_lock(&site);
    // Read-only runs never wait for a build: they report at once.
    let start = Instant::now();
    site.build().args(["--check", "-q"]).code(1);
    site.build().args(["--dry-run", "-q"]).code(1);
    site.check().code(1);
    assert!(
        start.elapsed() < Duration::from_secs(10),
        "a read-only run waited"
    );
    // A build waits for the lock first: it has not read the (invalid) article when it gives up.
    site.build().args(["--lock-wait", "0.2"]).code(3).stderr_is(
        "feedwright: error: public/.feedwright.lock: another feedwright build holds the lock: \
         still busy after 0.2s; try again when it has finished\n",
    );
    drop(lock);
    assert!(site.outputs().is_empty(), "nothing was written");
}
