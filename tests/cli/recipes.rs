//! The README's CI and cron recipes, copied from the README itself at test time (so they
//! cannot drift), run on a copy of the demo site: the CI steps pass on a site whose feeds and
//! feeds.lock are committed, and two cron runs publish a scheduled article that became due
//! between them.

use std::path::Path;
use std::process::Command;

use crate::harness::{repo, Site};

/// The code block of the README that follows the paragraph starting with `label`.
fn block(label: &str) -> String {
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let after = &readme[readme.find(label).expect(label)..];
    let start = after.find("```").unwrap();
    let body = &after[start..];
    let body = &body[body.find('\n').unwrap() + 1..];
    body[..body.find("```").unwrap()].to_string()
}

/// `script` run by `sh` in `dir`, with `feedwright` (the binary under test) first on the PATH
/// and in `$HOME/.cargo/bin` (where cron recipes name it); its exit code and both outputs.
fn sh(dir: &Path, home: &Path, script: &str) -> (i32, String) {
    let bin = Path::new(env!("CARGO_BIN_EXE_feedwright"));
    let cargo_bin = home.join(".cargo/bin");
    std::fs::create_dir_all(&cargo_bin).unwrap();
    let link = cargo_bin.join("feedwright");
    if !link.exists() {
        std::os::unix::fs::symlink(bin, &link).unwrap();
    }
    let path = format!("{}:/usr/bin:/bin", bin.parent().unwrap().display());
    let out = Command::new("sh")
        .arg("-c")
        .arg(script)
        .current_dir(dir)
        .env_clear()
        .env("PATH", path)
        .env("HOME", home)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

/// `git` in `dir`, with a fixed identity and commit date.
fn git(dir: &Path, args: &[&str]) {
    let ok = Command::new("git")
        .args(args)
        .current_dir(dir)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.org")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.org")
        .env("GIT_AUTHOR_DATE", "2026-11-24T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-11-24T00:00:00Z")
        .status()
        .unwrap()
        .success();
    assert!(ok, "git {args:?}");
}

#[test]
fn the_ci_recipe_passes_on_the_demo_with_its_feeds_committed() {
    let site = Site::demo();
    let dir = site.dir.path();
    let home = tempfile::tempdir().unwrap();
    // A writer built the site at the last commit's time and committed feeds and feeds.lock.
    git(dir, &["init", "-q"]);
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "articles"]);
    let (code, out) = sh(
        dir,
        home.path(),
        "SOURCE_DATE_EPOCH=$(git log -1 --format=%ct) feedwright build -q",
    );
    assert_eq!(code, 0, "{out}");
    git(dir, &["add", "-A"]);
    git(dir, &["commit", "-q", "-m", "feeds"]);
    let recipe = block("**CI**");
    assert!(
        recipe.contains("feedwright build --check --locked"),
        "{recipe}"
    );
    let (code, out) = sh(dir, home.path(), &format!("set -e\n{recipe}"));
    assert_eq!(code, 0, "the CI recipe failed:\n{recipe}\n{out}");
    assert!(site.path("build-report.json").exists());
}

#[test]
fn two_cron_runs_publish_a_scheduled_article_that_became_due_between_them() {
    let site = Site::demo();
    let home = tempfile::tempdir().unwrap();
    let line = block("**Cron**");
    let line = line.lines().find(|l| l.contains("feedwright")).unwrap();
    // The five schedule fields, then the command, as cron runs it (with this site's folder).
    let command: String = line
        .split_whitespace()
        .skip(5)
        .collect::<Vec<_>>()
        .join(" ");
    let command = command.replace("/srv/site", &site.dir.path().display().to_string());
    let due = chrono::Utc::now() + chrono::Duration::seconds(3);
    site.article(
        "2026/due-soon.md",
        &format!(
            "+++\ntitle = \"Due soon\"\ndate = {}\n+++\nPublished by the second run.\n",
            due.format("%Y-%m-%dT%H:%M:%SZ")
        ),
    );
    let (code, out) = sh(site.dir.path(), home.path(), &command);
    assert_eq!((code, out.as_str()), (0, ""), "quiet when all is well");
    assert!(!site.read("rss.xml").contains("Due soon"));
    std::thread::sleep(std::time::Duration::from_secs(4));
    let (code, out) = sh(site.dir.path(), home.path(), &command);
    assert_eq!((code, out.as_str()), (0, ""));
    assert!(
        site.read("rss.xml").contains("Due soon"),
        "due, so published"
    );
}
