//! The floor of issue 15: what a cold J2 build costs at the least. One thread, std and
//! pulldown-cmark only: read every record, take its title and date from the front matter by a
//! line scan, render its Markdown, and write the archive (every article, newest first, full
//! content) as RSS, Atom and JSON Feed with plain escaping, each file flushed to disk as
//! feedwright flushes its own. No sanitising, no summaries, no URL resolution, no validation:
//! the ratio of a feedwright build to this is the price of all of those.
//!
//!     target/profiling/examples/floor CORPUS_DIR OUT_DIR

use std::fs;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

struct Item {
    title: String,
    date: String,
    link: String,
    html: String,
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
    let mut entries: Vec<_> = fs::read_dir(dir)
        .expect("articles folder")
        .map(|e| e.expect("entry").path())
        .collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, out);
        } else if p.extension().is_some_and(|e| e == "md") {
            out.push(p);
        }
    }
}

/// The front matter (TOML `+++` or YAML `---`) and the body.
fn split(text: &str) -> (&str, &str) {
    for fence in ["+++", "---"] {
        if let Some(rest) = text.strip_prefix(fence) {
            if let Some(end) = rest.find(&format!("\n{fence}")) {
                let body = &rest[end + 1 + fence.len()..];
                return (&rest[..end], body);
            }
        }
    }
    ("", text)
}

/// The value of `key` in front matter, quotes removed.
fn field(front: &str, key: &str) -> String {
    for line in front.lines() {
        let line = line.trim();
        if let Some(rest) = line.strip_prefix(key) {
            let rest = rest.trim_start();
            if let Some(v) = rest.strip_prefix('=').or_else(|| rest.strip_prefix(':')) {
                return v.trim().trim_matches('"').trim_matches('\'').to_string();
            }
        }
    }
    String::new()
}

fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}

fn json(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            _ => out.push(c),
        }
    }
    out.push('"');
    out
}

fn write(path: &Path, f: impl FnOnce(&mut dyn Write) -> std::io::Result<()>) {
    let file = fs::File::create(path).expect("output file");
    let mut w = BufWriter::with_capacity(1 << 20, file);
    f(&mut w).expect("write");
    let file = w.into_inner().expect("flush");
    file.sync_all().expect("fsync");
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let (corpus, out) = (Path::new(&args[1]), Path::new(&args[2]));
    let mut files = Vec::new();
    walk(&corpus.join("articles"), &mut files);
    let mut options = pulldown_cmark::Options::empty();
    options.insert(pulldown_cmark::Options::ENABLE_TABLES);
    options.insert(pulldown_cmark::Options::ENABLE_FOOTNOTES);
    options.insert(pulldown_cmark::Options::ENABLE_STRIKETHROUGH);
    let mut items: Vec<Item> = files
        .iter()
        .map(|p| {
            let text = fs::read_to_string(p).expect("record");
            let (front, body) = split(&text);
            let mut html = String::with_capacity(body.len() * 3 / 2);
            pulldown_cmark::html::push_html(
                &mut html,
                pulldown_cmark::Parser::new_ext(body, options),
            );
            let stem = p.file_stem().unwrap_or_default().to_string_lossy();
            Item {
                title: field(front, "title"),
                date: field(front, "date"),
                link: format!("https://example.org/{stem}/"),
                html,
            }
        })
        .collect();
    items.sort_by(|a, b| b.date.cmp(&a.date));
    fs::create_dir_all(out).expect("output folder");
    write(&out.join("rss.xml"), |w| {
        write!(w, "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>Archive</title><link>https://example.org/</link><description>All</description>")?;
        for i in &items {
            write!(w, "<item><title>{}</title><link>{}</link><guid>{}</guid><pubDate>{}</pubDate><description>{}</description></item>", xml(&i.title), i.link, i.link, xml(&i.date), xml(&i.html))?;
        }
        write!(w, "</channel></rss>")
    });
    write(&out.join("atom.xml"), |w| {
        write!(w, "<?xml version=\"1.0\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><title>Archive</title><id>https://example.org/</id><updated>2026-01-01T00:00:00Z</updated>")?;
        for i in &items {
            write!(w, "<entry><title>{}</title><id>{}</id><link href=\"{}\"/><updated>{}</updated><content type=\"html\">{}</content></entry>", xml(&i.title), i.link, i.link, xml(&i.date), xml(&i.html))?;
        }
        write!(w, "</feed>")
    });
    write(&out.join("feed.json"), |w| {
        write!(
            w,
            "{{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Archive\",\"items\":["
        )?;
        for (n, i) in items.iter().enumerate() {
            let sep = if n == 0 { "" } else { "," };
            write!(w, "{sep}{{\"id\":{},\"url\":{},\"title\":{},\"date_published\":{},\"content_html\":{}}}", json(&i.link), json(&i.link), json(&i.title), json(&i.date), json(&i.html))?;
        }
        write!(w, "]}}")
    });
}
