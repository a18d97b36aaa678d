//! Fuzzes the human date formats.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(text) = std::str::from_utf8(data) {
        for tz in [
            chrono_tz::Tz::UTC,
            chrono_tz::Tz::Europe__Helsinki,
            chrono_tz::Tz::America__New_York,
        ] {
            let _ = feedwright::article::date::parse_str(text, tz);
        }
    }
});
