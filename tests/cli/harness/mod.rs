//! A small fluent harness, so that a test reads like the spec: make a site in a temp folder
//! (`Site::minimal()`, `Site::demo()`, `Site::from_fixture("edge")`), run the real binary on
//! it (`site.build().quiet().success()`), assert on what it printed
//! (`.code(1).stderr_is("...")`) and on what it wrote (`site.outputs()`, `site.read(..)`,
//! `golden::assert_matches(..)`).

pub mod golden;
pub mod hub;
pub mod run;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use run::Run;

/// The `--now` most tests build at.
pub const NOW: &str = "2026-11-24T00:00:00Z";

/// A minimal valid config; tests append to it or replace it.
pub const CONFIG: &str = r#"[site]
title = "Test Site"
url = "https://example.org/blog/"
description = "A test"
author = { name = "Site Author", email = "author@example.org" }
"#;

/// The build lock, which every build leaves in the output folder: not an output.
const LOCK: &str = ".feedwright.lock";
/// The WebSub pending record a build of a site with hubs keeps there: not a feed either (the
/// tests of `tests/cli/websub.rs` read it by name).
const PENDING: &str = ".feedwright.pending";

/// A site in a temporary folder.
pub struct Site {
    pub dir: tempfile::TempDir,
}

impl Site {
    /// An empty temporary folder: no config, no articles.
    pub fn empty() -> Site {
        Site {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    /// A site with `config` as its feeds.toml and an empty articles folder.
    pub fn new(config: &str) -> Site {
        let site = Site::empty();
        site.config(config);
        std::fs::create_dir_all(site.path("articles")).unwrap();
        site
    }

    /// A site with the default config.
    pub fn minimal() -> Site {
        Site::new(CONFIG)
    }

    /// A copy of the repository's demo site.
    pub fn demo() -> Site {
        Site::copy_of(&repo())
    }

    /// A copy of the site in `tests/fixtures/<name>/`.
    pub fn from_fixture(name: &str) -> Site {
        Site::copy_of(&repo().join("tests/fixtures").join(name))
    }

    /// A copy of the feeds.toml and articles folder found in `dir`, and of its feeds.lock (the
    /// ledger of published ids, committed beside feeds.toml) if it has one.
    pub fn copy_of(dir: &Path) -> Site {
        let site = Site::new(&std::fs::read_to_string(dir.join("feeds.toml")).unwrap());
        copy_dir(&dir.join("articles"), &site.path("articles"));
        if let Ok(ledger) = std::fs::read(dir.join("feeds.lock")) {
            site.file("feeds.lock", ledger);
        }
        site
    }

    /// Replaces feeds.toml with `text`.
    pub fn config(&self, text: &str) -> &Site {
        self.file("feeds.toml", text)
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

    /// `feedwright ARGS`, run in the site folder with a clean environment.
    pub fn run<I, S>(&self, args: I) -> Run
    where
        I: IntoIterator<Item = S>,
        S: AsRef<std::ffi::OsStr>,
    {
        Run::new(self.dir.path()).args(args)
    }

    /// `feedwright build --now NOW`.
    pub fn build(&self) -> Run {
        self.build_at(NOW)
    }

    /// `feedwright build --now now`.
    pub fn build_at(&self, now: &str) -> Run {
        self.run(["build", "--now", now])
    }

    /// `feedwright check`.
    pub fn check(&self) -> Run {
        self.run(["check"])
    }

    /// The bare command, for tests that spawn and kill it.
    pub fn command(&self) -> std::process::Command {
        run::command(self.dir.path())
    }

    /// An output file's text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(&format!("public/{rel}")))
            .unwrap_or_else(|e| panic!("reading public/{rel}: {e}"))
    }

    /// An output file read as JSON.
    pub fn json(&self, rel: &str) -> serde_json::Value {
        serde_json::from_str(&self.read(rel)).unwrap_or_else(|e| panic!("public/{rel}: {e}"))
    }

    /// The `field` (a string) of every item of the JSON Feed `rel`, in feed order.
    pub fn items(&self, rel: &str, field: &str) -> Vec<String> {
        let json = self.json(rel);
        let items = json["items"].as_array().expect("items");
        items
            .iter()
            .map(|i| {
                i[field]
                    .as_str()
                    .unwrap_or_else(|| panic!("{field} of {i}"))
                    .to_string()
            })
            .collect()
    }

    /// An output file read back by feed-rs.
    pub fn feed(&self, rel: &str) -> feed_rs::model::Feed {
        parse_feed(self.read(rel).as_bytes())
    }

    /// Every file under `public/` but the build lock and the WebSub pending record, by path,
    /// with its bytes.
    pub fn outputs(&self) -> BTreeMap<String, Vec<u8>> {
        let mut out = files(&self.path("public"));
        out.remove(LOCK);
        out.remove(PENDING);
        out
    }
}

/// Every file under `root` (none if it does not exist), by `/`-separated relative path.
pub fn files(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    if root.exists() {
        collect(root, root, &mut out);
    }
    out
}

fn collect(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
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
                Ok(bytes) => {
                    out.insert(rel, bytes);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => panic!("{}: {e}", p.display()),
            }
        }
    }
}

/// `feedwright`, run in `dir` with a clean environment (for folders that are not a [`Site`]).
pub fn feedwright_in(dir: &Path) -> Run {
    Run::new(dir)
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

/// Parses a feed with feed-rs, an independent reader.
pub fn parse_feed(bytes: &[u8]) -> feed_rs::model::Feed {
    feed_rs::parser::parse(bytes).unwrap_or_else(|e| {
        panic!(
            "feed-rs rejects the feed: {e}\n{}",
            String::from_utf8_lossy(bytes)
        )
    })
}

/// Whether the tests run as root, who ignores folder permissions and may mount.
pub fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout == b"0\n")
        .unwrap_or(false)
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
