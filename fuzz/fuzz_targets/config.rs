//! Fuzzes feeds.toml validation.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = feedwright::config::Site::from_str(
            text,
            std::path::Path::new("feeds.toml"),
            std::path::Path::new(""),
        );
    }
});
