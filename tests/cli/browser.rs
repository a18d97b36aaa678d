//! `[site] preview` in a real browser: Debian's headless Chromium opens the RSS and Atom feeds
//! of a site built with `preview = "xslt"` and with `preview = "css"`, served over HTTP on
//! 127.0.0.1 (browsers apply no XSLT to `file://`) by a small server here that sends `.xml` as
//! `application/xml`, as the README recommends. The page text must show the feed's title and
//! its entries' titles, and the browser must have fetched the stylesheet; screenshots are saved
//! to `<target>/browser-preview/{xslt,css}-{rss,atom}.png` for a person to look at.
//!
//! Chromium is removing XSLT: when it has none (the dumped DOM is the raw XML, its XML viewer,
//! or empty), the test says so and checks the `css` mode only. Without `chromium` on the PATH
//! the test fails under CI (`CI=true`; `.ci/run` installs it) and is skipped elsewhere with a
//! loud message, so `cargo test` works on a machine without a browser.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::harness::Site;

/// The feed's title and its entries', as the page must show them.
const TITLE: &str = "Harbour Preview Gazette";
const ENTRIES: [&str; 2] = ["Ferry timetable changes", "Lighthouse reopens to visitors"];

/// A site with one feed in RSS and Atom, in a subfolder (the stylesheet is at the root).
fn preview_site(preview: &str) -> Site {
    let site = Site::new(&format!(
        "[site]
title = \"{TITLE}\"
url = \"https://example.org/blog/\"
description = \"News from the harbour\"
language = \"en\"
author = {{ name = \"The Desk\" }}
preview = \"{preview}\"

[[feeds]]
name = \"news\"
rss = \"news/rss.xml\"
atom = \"news/atom.xml\"
"
    ));
    site.article(
        "2026-03-01-ferry.md",
        &format!("+++\ntitle = \"{}\"\n+++\nNew times.\n", ENTRIES[0]),
    )
    .article(
        "2026-03-02-lighthouse.md",
        &format!("+++\ntitle = \"{}\"\n+++\nOpen daily.\n", ENTRIES[1]),
    );
    site
}

#[test]
fn a_person_opening_a_feed_in_chromium_sees_its_title_and_entries_in_both_modes() {
    let Some(browser) = Chromium::find() else {
        return;
    };
    let shots = target_dir().join("browser-preview");
    std::fs::create_dir_all(&shots).unwrap();
    for preview in ["xslt", "css"] {
        let site = preview_site(preview);
        site.build().quiet().success();
        let server = Server::start(&site.path("public"), "/blog/");
        for (format, file) in [("rss", "news/rss.xml"), ("atom", "news/atom.xml")] {
            let url = format!("{}/blog/{file}", server.origin);
            let shot = shots.join(format!("{preview}-{format}.png"));
            let _ = std::fs::remove_file(&shot);
            browser.screenshot(&url, &shot);
            let png = std::fs::read(&shot).unwrap_or_else(|e| panic!("{}: {e}", shot.display()));
            assert!(
                png.starts_with(b"\x89PNG") && png.len() > 5_000,
                "{preview} {format}"
            );
            let dom = browser.dump_dom(&url);
            let sheet = if preview == "xslt" {
                "feed-preview.xsl"
            } else {
                "feed-preview.css"
            };
            assert!(
                server.served(&format!("/blog/{sheet}")),
                "{preview} {format}: the browser fetched no stylesheet; requests: {:?}",
                server.requests()
            );
            if preview == "xslt" && !transformed(&dom) {
                eprintln!(
                    "browser: this chromium ({}) has no XSLT: {file} shows as raw XML; only the \
                     css mode is checked (screenshot {})",
                    browser.version,
                    shot.display()
                );
                continue;
            }
            let page = if preview == "xslt" {
                check_xslt_page(&dom, file)
            } else {
                check_css_page(&dom, file)
            };
            eprintln!(
                "browser: {preview} {file}: {page}; screenshot {}",
                shot.display()
            );
        }
    }
}

/// Whether the DOM is the page the stylesheet made, not the XML (raw or in the XML viewer).
fn transformed(dom: &str) -> bool {
    let head = dom.trim_start();
    !head.is_empty()
        && !head.starts_with("<rss")
        && !head.starts_with("<feed")
        && !dom.contains("xml-viewer-style")
        && dom.contains("<html")
}

/// The XSLT page: HTML explaining feeds, with the title, the entries and the address to copy.
fn check_xslt_page(dom: &str, file: &str) -> &'static str {
    for want in [
        "This is a web feed",
        "copy this address into your feed reader",
        &format!("<h1>{TITLE}</h1>"),
        &format!("https://example.org/blog/{file}"),
        ENTRIES[0],
        ENTRIES[1],
    ] {
        assert!(
            dom.contains(want),
            "{file}: the page lacks {want:?}:\n{dom}"
        );
    }
    assert!(
        !dom.contains("<channel") && !dom.contains("<entry"),
        "{file}: raw XML left:\n{dom}"
    );
    "an HTML page with the note on feeds, the title and both entries"
}

/// The CSS page: the XML itself (no XML viewer), which holds the title and the entries.
fn check_css_page(dom: &str, file: &str) -> &'static str {
    let head = dom.trim_start();
    assert!(
        head.starts_with("<rss") || head.starts_with("<feed"),
        "{file}: not the XML document:\n{dom}"
    );
    assert!(
        !dom.contains("xml-viewer"),
        "{file}: shown in the XML viewer, unstyled"
    );
    for want in [TITLE, ENTRIES[0], ENTRIES[1]] {
        assert!(
            dom.contains(want),
            "{file}: the page lacks {want:?}:\n{dom}"
        );
    }
    "the XML styled by the CSS, with the title and both entries"
}

/// The cargo target folder (this test binary is `<target>/debug/deps/cli-*`).
fn target_dir() -> PathBuf {
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).unwrap().to_path_buf()
}

/// Debian's `chromium`, headless.
struct Chromium {
    version: String,
}

impl Chromium {
    /// The browser, or `None` (after saying so loudly) when it is not installed and not under
    /// CI; under CI a missing browser fails the test.
    fn find() -> Option<Chromium> {
        let version = Command::new("chromium")
            .arg("--version")
            .stderr(Stdio::null())
            .output()
            .ok()
            .filter(|o| o.status.success())
            .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string());
        if let Some(version) = version {
            return Some(Chromium { version });
        }
        let message = "chromium is not installed: the browser preview test needs Debian's \
                       headless Chromium (apt-get install -y chromium; .ci/run installs it)";
        if std::env::var("CI").is_ok_and(|v| v == "true") {
            panic!("{message}");
        }
        eprintln!("\n*** SKIPPED browser preview test: {message} ***\n");
        None
    }

    /// `chromium --headless ... FLAGS URL` in a fresh profile; its standard output.
    fn run(&self, flags: &[&str], url: &str) -> String {
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new("chromium")
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .args(flags)
            .arg(url)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromium starts");
        let mut stdout = child.stdout.take().unwrap();
        let reader = std::thread::spawn(move || {
            let mut out = String::new();
            let _ = stdout.read_to_string(&mut out);
            out
        });
        let deadline = Instant::now() + Duration::from_secs(120);
        let status = loop {
            if let Some(status) = child.try_wait().unwrap() {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                panic!("chromium {flags:?} {url}: no answer in 120 s");
            }
            std::thread::sleep(Duration::from_millis(50));
        };
        assert!(status.success(), "chromium {flags:?} {url}: {status}");
        reader.join().unwrap()
    }

    /// The DOM after the page loaded, serialised.
    fn dump_dom(&self, url: &str) -> String {
        self.run(&["--dump-dom"], url)
    }

    /// A 1000×1400 screenshot of the page, saved to `png`.
    fn screenshot(&self, url: &str, png: &Path) {
        let to = format!("--screenshot={}", png.display());
        self.run(&[&to, "--window-size=1000,1400"], url);
    }
}

/// A static HTTP server on 127.0.0.1 serving `root` under the URL path `prefix`, one thread
/// per connection; it records the paths asked for and stops when dropped.
struct Server {
    origin: String,
    requests: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    address: std::net::SocketAddr,
}

impl Server {
    fn start(root: &Path, prefix: &str) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let address = listener.local_addr().unwrap();
        let requests = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (root, prefix) = (root.to_path_buf(), prefix.to_string());
        let (seen, stopping) = (requests.clone(), stop.clone());
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopping.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let (root, prefix, seen) = (root.clone(), prefix.clone(), seen.clone());
                std::thread::spawn(move || serve(stream, &root, &prefix, &seen));
            }
        });
        Server {
            origin: format!("http://{address}"),
            requests,
            stop,
            address,
        }
    }

    fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }

    fn served(&self, path: &str) -> bool {
        self.requests().iter().any(|p| p == path)
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.address); // wakes the accepting thread
    }
}

/// Answers one connection: `GET prefix + file` with the file under `root`, else 404.
fn serve(stream: TcpStream, root: &Path, prefix: &str, seen: &Mutex<Vec<String>>) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let mut reader = BufReader::new(&stream);
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header == "\r\n" || header == "\n" => break,
            Ok(_) => {}
        }
    }
    let path = request.split_whitespace().nth(1).unwrap_or("").to_string();
    seen.lock().unwrap().push(path.clone());
    let file = path
        .strip_prefix(prefix)
        .filter(|f| !f.split('/').any(|part| part == ".." || part.is_empty()))
        .map(|f| root.join(f));
    let (status, media_type, body) = match file.and_then(|f| std::fs::read(&f).ok().map(|b| (f, b)))
    {
        Some((f, body)) => ("200 OK", media_type(&f), body),
        None => ("404 Not Found", "text/plain", b"not found".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {media_type}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let mut stream = &stream;
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

/// The `Content-Type` a file is served with: feeds as `application/xml`, so that browsers
/// apply their stylesheet instead of downloading them.
fn media_type(file: &Path) -> &'static str {
    match file.extension().and_then(|e| e.to_str()) {
        Some("xml") => "application/xml",
        Some("xsl") => "application/xslt+xml",
        Some("css") => "text/css",
        Some("json") => "application/feed+json",
        _ => "application/octet-stream",
    }
}
