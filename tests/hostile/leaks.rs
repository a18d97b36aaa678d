//! Class 1: records that are links, special files or outside the articles folder never reach a feed.
