//! Writers: pure functions from the neutral [`Feed`](crate::feed::Feed) model to the bytes of
//! one format. They read no clock and touch no file; the same model always gives the same bytes.

pub mod atom;
pub mod json;
pub mod rss;

use crate::config::Format;
use crate::feed::Feed;

/// Renders `feed` in `format`.
pub fn render(feed: &Feed, format: Format) -> Vec<u8> {
    match format {
        Format::Rss => rss::render(feed),
        Format::Atom => atom::render(feed),
        Format::Json => json::render(feed),
    }
}
