//! Writers: pure functions from the neutral [`Feed`](crate::feed::Feed) model to the bytes of
//! one format, written to any `Write`. They read no clock and touch no file; the same model always
//! gives the same bytes.

pub mod atom;
pub mod json;
pub mod rss;

use crate::config::Format;
use crate::feed::Feed;

/// Writes `feed` in `format` to `out`, as it is rendered (a 100 MB archive is never held whole).
pub fn write(feed: &Feed, format: Format, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    match format {
        Format::Rss => rss::write(feed, out),
        Format::Atom => atom::write(feed, out),
        Format::Json => json::write(feed, out),
    }
}

/// Renders `feed` in `format` into memory.
pub fn render(feed: &Feed, format: Format) -> Vec<u8> {
    match format {
        Format::Rss => rss::render(feed),
        Format::Atom => atom::render(feed),
        Format::Json => json::render(feed),
    }
}
