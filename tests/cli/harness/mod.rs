//! A small fluent harness: make a site in a temp folder, run the real binary on it, read outputs.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The `--now` most tests build at.
pub const NOW: &str = "2026-11-24T00:00:00Z";

/// A minimal valid config; tests append to it or replace it.
pub const CONFIG: &str = r#"[site]
title = "Test Site"
url = "https://example.org/blog/"
description = "A test"
author = { name = "Site Author", email = "author@example.org" }
"#;

/// A site in a temporary folder.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// A site with `config` as its feeds.toml and an empty articles folder.
    pub fn new(config: &str) -> Site {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("feeds.toml"), config).unwrap();
        std::fs::create_dir_all(dir.path().join("articles")).unwrap();
        Site { dir }
    }

    /// A site with the default config.
    pub fn minimal() -> Site {
        Site::new(CONFIG)
    }

    /// A copy of the repository's demo site.
    pub fn demo() -> Site {
        let site = Site::new(&std::fs::read_to_string(repo().join("feeds.toml")).unwrap());
        copy_dir(&repo().join("articles"), &site.path("articles"));
        site
    }

    /// Writes `text` to `rel` (under the site folder), creating folders.
    pub fn file(&self, rel: &str, text: impl AsRef<[u8]>) -> &Site {
        let p = self.path(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
        self
    }

    /// Writes an article under `articles/`.
    pub fn article(&self, rel: &str, text: &str) -> &Site {
        self.file(&format!("articles/{rel}"), text)
    }

    /// A path inside the site.
    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// The binary, run in the site folder with a clean environment.
    pub fn cmd(&self) -> Command {
        let mut c = Command::cargo_bin("feedwright").unwrap();
        c.current_dir(self.dir.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .env_remove("FEEDWRIGHT_CONFIG");
        c
    }

    /// `feedwright build --now NOW` plus `args`.
    pub fn build(&self, args: &[&str]) -> assert_cmd::assert::Assert {
        self.cmd().args(["build", "--now", NOW]).args(args).assert()
    }

    /// An output file's text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(&format!("public/{rel}")))
            .unwrap_or_else(|e| panic!("reading public/{rel}: {e}"))
    }

    /// Every file under `public/`, sorted, with its bytes.
    pub fn outputs(&self) -> Vec<(String, Vec<u8>)> {
        let mut out = Vec::new();
        let root = self.path("public");
        if root.exists() {
            collect(&root, &root, &mut out);
        }
        out.sort();
        out
    }
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, Vec<u8>)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            collect(root, &p, out);
        } else {
            let rel = p
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            // A build running meanwhile may rename or delete its temporary files.
            match std::fs::read(&p) {
                Ok(bytes) => out.push((rel, bytes)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => panic!("{}: {e}", p.display()),
            }
        }
    }
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Copies a folder tree.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_dir(&e.path(), &target);
        } else {
            std::fs::copy(e.path(), target).unwrap();
        }
    }
}

/// The stderr of a finished command as text.
pub fn stderr(a: &assert_cmd::assert::Assert) -> String {
    String::from_utf8_lossy(&a.get_output().stderr).into_owned()
}

/// Parses a feed with feed-rs, an independent reader.
pub fn parse_feed(bytes: &[u8]) -> feed_rs::model::Feed {
    feed_rs::parser::parse(bytes).unwrap_or_else(|e| {
        panic!(
            "feed-rs rejects the feed: {e}\n{}",
            String::from_utf8_lossy(bytes)
        )
    })
}

impl Site {
    /// A site of `n` generated Markdown articles (bodies of about `body_kb` KB with links and
    /// images), half of them dated after 2026-06-01, and two feeds (newest 20, and an archive of
    /// every article) in all three formats: big enough that writing takes a while.
    pub fn generated(n: usize, body_kb: usize) -> Site {
        let config = format!(
            "{CONFIG}\n[[feeds]]\nname = \"main\"\nrss = \"rss.xml\"\natom = \"atom.xml\"\njson = \"feed.json\"\n\n[[feeds]]\nname = \"archive\"\nlimit = 0\nrss = \"archive/rss.xml\"\natom = \"archive/atom.xml\"\njson = \"archive/feed.json\"\n"
        );
        let site = Site::new(&config);
        let para = "Some *text* with a [relative link](../other/) and an ![image](img.png) & more words to fill the line. ";
        let body: String = para.repeat(body_kb * 1024 / para.len() + 1);
        for i in 0..n {
            let month = if i % 2 == 0 { 3 } else { 9 };
            site.article(
                &format!("gen/{i:05}.md"),
                &format!("+++\ntitle = \"Generated {i}\"\ndate = 2026-{month:02}-{:02}T10:00:00Z\ntags = [\"t{}\"]\n+++\n{body}\n", 1 + i % 28, i % 7),
            );
        }
        site
    }
}
