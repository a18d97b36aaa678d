//! Generates a deterministic synthetic site for benchmarks and conformance runs.
//!
//! `cargo run --release --example gen-corpus -- N DIR [--seed S] [--archive] [--hostile]`
//!
//! Writes `DIR/feeds.toml` and `N` records under `DIR/articles/`: median body about 4 KB with a
//! long tail to about 100 KB; headings, lists, code, tables, relative and absolute links, images,
//! non-ASCII text and characters that need escaping; raw HTML typed on purpose (`<kbd>` pairs,
//! `<details>` blocks around Markdown) in about 1% of blocks; TOML and YAML front matter; about
//! 2% drafts, a few scheduled articles; a Zipf-like spread over 200 tags; a few authors; some
//! articles without summaries. `--archive` adds a second feed of every article (`limit = 0`).
//! `--hostile` fills titles, names, tags and bodies with the strings that break feeds: `&`, `<`,
//! `]]>`, quotes, control characters, RTL and combining marks, emoji, long words, scripts,
//! unbalanced tags and `javascript:` links. The same arguments always give the same bytes.

use std::fmt::Write as _;
use std::path::PathBuf;

use rand_core::{Rng, SeedableRng};
use rand_xorshift::XorShiftRng;

struct Gen {
    rng: XorShiftRng,
}

impl Gen {
    fn u(&mut self) -> f64 {
        (self.rng.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: usize) -> usize {
        (self.rng.next_u64() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
    fn chance(&mut self, p: f64) -> bool {
        self.u() < p
    }
    /// Zipf-like tag index in 0..200.
    fn tag(&mut self) -> usize {
        ((200f64).powf(self.u()) as usize)
            .saturating_sub(1)
            .min(199)
    }
}

const WORDS: &[&str] = &[
    "harbour",
    "council",
    "ferry",
    "budget",
    "the",
    "and",
    "of",
    "a",
    "to",
    "in",
    "market",
    "weather",
    "tide",
    "storm",
    "festival",
    "school",
    "library",
    "bridge",
    "night",
    "morning",
    "café",
    "naïve",
    "Ääkköset",
    "smörgåsbord",
    "piñata",
    "Straße",
    "déjà",
    "vu",
    "漁港",
    "東京",
    "Ελλάδα",
    "москва",
    "R&D",
    "AT&T",
    "a < b",
    "x > y",
    "\"quoted\"",
    "it's",
    "€5",
    "50%",
    "🐟",
    "🎉",
];
const HOSTILE: &[&str] = &[
    "&", "&amp;", "<", "<b>", "</p>", "]]>", "<![CDATA[", "\"", "'", "\u{1}", "\u{0}", "\u{7}", "\u{1b}", "\u{7f}",
    "\u{85}", "\u{9c}", "\u{fffe}", "\u{fdd0}", "\u{200f}", "\u{202e}", "\u{61f}", "e\u{301}", "a\u{308}\u{308}",
    "\u{fffd}", "🏴\u{e0067}\u{e0062}", "👩\u{200d}💻", "Pneumonoultramicroscopicsilicovolcanoconiosis-and-then-some-more-letters-to-make-a-very-long-word", "<script>alert(1)</script>",
    "<a href=\"javascript:alert(1)\">j</a>", "<img src=x onerror=alert(1)>", "<div><span>", "&#0;", "&#x1;",
    "&bogus;", "\u{feff}", "\t", "%00", "{{ x }}",
];
const AUTHORS: &[&str] = &[
    "Niamh Harris",
    "José Ortega",
    "Aino Mäkinen",
    "Sam Lee",
    "Desk",
];

fn sentence(g: &mut Gen, hostile: bool, n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        if hostile && g.chance(0.2) {
            s.push_str(g.pick(HOSTILE));
        } else {
            s.push_str(g.pick(WORDS));
        }
    }
    s
}

fn body(g: &mut Gen, target: usize, hostile: bool) -> String {
    let mut b = String::with_capacity(target + 256);
    let mut n = 0;
    while b.len() < target {
        n += 1;
        match g.below(10) {
            0 => {
                let _ = writeln!(b, "## {}\n", sentence(g, hostile, 4));
            }
            1 => {
                for _ in 0..3 {
                    let _ = writeln!(b, "- {}", sentence(g, hostile, 6));
                }
                b.push('\n');
            }
            2 => {
                let _ = writeln!(b, "```rust\nfn f{n}() -> u32 {{ if 1 < 2 && 3 > 2 {{ {n} }} else {{ 0 }} }}\n```\n");
            }
            3 => {
                let _ = writeln!(
                    b,
                    "See [the archive](../archive/{n}/), [home](/), [notes](notes.html#s{n}), [elsewhere](https://example.net/p?a=1&b=2) and [a note](#fn{n}).\n"
                );
            }
            4 => {
                let _ = writeln!(b, "![Figure {n}](images/fig{n}.png)\n\n<img src=\"/media/{n}.jpg\" srcset=\"/media/{n}.jpg 1x, {n}@2x.jpg 2x\" alt=\"photo\">\n");
            }
            5 => {
                let _ = writeln!(
                    b,
                    "| a | b |\n|---|---|\n| {} | {} |\n",
                    sentence(g, hostile, 2),
                    sentence(g, hostile, 2)
                );
            }
            6 if !hostile && g.chance(0.1) => {
                // Raw HTML a writer types on purpose: inline elements, or a block wrapping
                // Markdown (which only a whole-body sanitiser can read).
                if g.chance(0.5) {
                    let _ = writeln!(
                        b,
                        "Press <kbd>Ctrl</kbd>+<kbd>C</kbd> to copy {}.\n",
                        sentence(g, hostile, 5)
                    );
                } else {
                    let _ = writeln!(
                        b,
                        "<details>\n<summary>Notes</summary>\n\n{}.\n\n</details>\n",
                        sentence(g, hostile, 12)
                    );
                }
            }
            6 if hostile => {
                let _ = writeln!(b, "{}\n", g.pick(HOSTILE));
            }
            _ => {
                let len = 20 + g.below(60);
                let _ = writeln!(b, "{}.\n", sentence(g, hostile, len));
            }
        }
    }
    b
}

fn toml_str(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn yaml_str(s: &str) -> String {
    // A JSON string is a valid YAML double-quoted scalar for printable text; YAML cannot carry
    // control characters even escaped in some parsers, so hostile YAML strings drop them.
    let clean: String = s
        .chars()
        .filter(|c| !c.is_control() || *c == '\t')
        .collect();
    serde_json::to_string(&clean).unwrap()
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let positional: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let (Some(n), Some(dir)) = (
        positional.first().and_then(|n| n.parse::<usize>().ok()),
        positional.get(1),
    ) else {
        eprintln!("usage: gen-corpus N DIR [--seed S] [--archive] [--hostile]");
        std::process::exit(2);
    };
    let seed = args
        .iter()
        .position(|a| a == "--seed")
        .and_then(|i| args.get(i + 1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(42u64);
    let hostile = args.iter().any(|a| a == "--hostile");
    let archive = args.iter().any(|a| a == "--archive");
    let dir = PathBuf::from(dir);
    let mut g = Gen {
        rng: XorShiftRng::seed_from_u64(seed),
    };
    std::fs::create_dir_all(dir.join("articles")).unwrap();
    let mut config = String::from(
        "[site]\ntitle = \"Generated Gazette\"\nurl = \"https://gen.example.com/news/\"\ndescription = \"A generated corpus\"\nlanguage = \"en\"\ntimezone = \"Europe/Helsinki\"\nauthor = { name = \"Desk\", email = \"desk@gen.example.com\" }\npermalink = \"/{year}/{month}/{slug}/\"\n\n[authors.niamh]\nname = \"Niamh Harris\"\nemail = \"niamh@gen.example.com\"\n\n[[feeds]]\nname = \"main\"\nrss = \"rss.xml\"\natom = \"atom.xml\"\njson = \"feed.json\"\n",
    );
    if archive {
        config.push_str("\n[[feeds]]\nname = \"archive\"\nlimit = 0\nrss = \"archive/rss.xml\"\natom = \"archive/atom.xml\"\njson = \"archive/feed.json\"\n");
    }
    if hostile {
        config.push_str("\n[[feeds]]\nname = \"tagged\"\nlimit = 0\ntags = [\"tag-1\", \"tag-2\"]\ncontent = \"summary\"\nsummary_length = 60\nrss = \"tagged/rss.xml\"\natom = \"tagged/atom.xml\"\njson = \"tagged/feed.json\"\n");
    }
    std::fs::write(dir.join("feeds.toml"), config).unwrap();
    // Dates: ten years up to 2026-11-20 in the site's zone, a few after the build's "now".
    let start = 1_447_000_000i64; // 2015-11-08
    let span = 1_795_600_000i64 - start;
    for i in 0..n {
        let mut secs = start + span * i as i64 / n.max(1) as i64 + g.below(3600) as i64;
        if g.chance(0.005) {
            secs = 1_800_000_000 + g.below(10_000_000) as i64; // scheduled (2027)
        }
        let date = chrono::DateTime::from_timestamp(secs, 0)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string();
        let u = g.u();
        let mut size = 800 + (3200.0 * -(1.0 - u).ln() / std::f64::consts::LN_2) as usize;
        if g.chance(0.01) {
            size = 50_000 + g.below(50_000);
        }
        let size = size.min(100_000);
        let words = 3 + g.below(6);
        let title = sentence(&mut g, hostile, words);
        let ntags = g.below(4);
        let mut tags: Vec<String> = (0..ntags).map(|_| format!("tag-{}", g.tag())).collect();
        if hostile && g.chance(0.5) {
            tags.push(sentence(&mut g, true, 2));
        }
        let author = if hostile && g.chance(0.3) {
            // Hostile, but never only characters that get removed: a name must remain.
            format!("{} {}", sentence(&mut g, true, 2), g.pick(AUTHORS))
        } else {
            g.pick(AUTHORS).to_string()
        };
        let author = if author == "Niamh Harris" && g.chance(0.5) {
            "niamh".to_string()
        } else {
            author
        };
        let summary = if g.chance(0.3) {
            Some(sentence(&mut g, hostile, 12))
        } else {
            None
        };
        let draft = g.chance(0.02);
        let slug = format!("article-{i:06}");
        let body = body(&mut g, size, hostile);
        let yaml = g.chance(0.4);
        let mut text = String::with_capacity(body.len() + 512);
        if yaml {
            let _ = writeln!(
                text,
                "---\ntitle: {}\ndate: {date}\nauthors: [{}]",
                yaml_str(&title),
                yaml_str(&author)
            );
            let _ = writeln!(
                text,
                "tags: [{}]",
                tags.iter()
                    .map(|t| yaml_str(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            if let Some(s) = &summary {
                let _ = writeln!(text, "summary: {}", yaml_str(s));
            }
            if draft {
                text.push_str("draft: true\n");
            }
            text.push_str("---\n");
        } else {
            let _ = writeln!(
                text,
                "+++\ntitle = {}\ndate = {date}\nauthors = [{}]",
                toml_str(&title),
                toml_str(&author)
            );
            let _ = writeln!(
                text,
                "tags = [{}]",
                tags.iter()
                    .map(|t| toml_str(t))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
            if let Some(s) = &summary {
                let _ = writeln!(text, "summary = {}", toml_str(s));
            }
            if draft {
                text.push_str("draft = true\n");
            }
            text.push_str("+++\n");
        }
        text.push_str(&body);
        let sub = dir.join("articles").join(format!("{:03}", i / 1000));
        std::fs::create_dir_all(&sub).unwrap();
        std::fs::write(sub.join(format!("{slug}.md")), text).unwrap();
    }
}
