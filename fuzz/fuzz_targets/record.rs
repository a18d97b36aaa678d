//! Fuzzes everything a record goes through: front-matter split, TOML/YAML mapping, dates,
//! the plain-text format, validation, and rendering of the body.
#![no_main]

use std::path::Path;

use feedwright::article::{load::parse_record, BodyKind};
use feedwright::config::Site;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    let site = Site::from_str(
        "[site]\ntitle = \"t\"\nurl = \"https://ex.org/a/\"\ndescription = \"d\"\ntimezone = \"Europe/Helsinki\"\nauthor = { name = \"A\" }\n[authors.k]\nname = \"K\"\n",
        Path::new("feeds.toml"),
        Path::new(""),
    )
    .expect("valid config");
    let kind = [BodyKind::Markdown, BodyKind::Html, BodyKind::Text][selector as usize % 3];
    let mut diags = Vec::new();
    if let Some(article) = parse_record(text, Path::new("x.md"), kind, &site, &mut diags) {
        let _ = feedwright::body::render(&article, 10 + selector as usize, selector & 1 == 0);
    }
});
