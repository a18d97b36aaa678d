//! Fuzzes the Markdown fast path against the whole-body sanitiser: whenever the fast path takes
//! a body, it must give the same document tree and summary, with balanced tags.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let text = feedwright::text::strip_forbidden(text);
    if let Err(e) = feedwright::body::check_fast_path(&text) {
        panic!("{e}");
    }
});
