//! `feeds.toml`: what the user wrote, and the validated site configuration the pipeline trusts.
//!
//! Raw input and trusted values are kept apart. `raw` mirrors the file exactly
//! (`deny_unknown_fields`, so a typo is an error with a did-you-mean hint); [`Site::load`] turns
//! it into a [`Site`], one small function per field: URLs parsed, time zone resolved, people
//! checked ([`person`], shared with front matter), feeds' output paths kept inside the output
//! folder and never colliding ([`feed`]), and the articles folder, the output folder and the
//! config file kept apart (`folders`). Every problem is collected and reported at once, with
//! the line it is on. [`vocabulary`] says what front matter may contain: feedwright's own keys,
//! or a generator's under `[site] preset`, which also picks the default `slugify` mode.

pub mod archive;
pub mod feed;
pub mod files;
mod folders;
pub mod hubs;
pub mod per;
pub mod permalink;
pub mod person;
pub mod podcast;
pub mod preset;
mod raw;
pub mod site;
mod site_files;
pub mod vocabulary;

pub use archive::Archive;
pub use feed::{
    ContentMode, FeedSpec, Format, IdMode, MaxBytes, DEFAULT_LIMIT, DEFAULT_SUMMARY_LENGTH,
};
pub use files::Files;
pub(crate) use folders::real_path;
pub use per::{Generated, Per, PerKind};
pub use permalink::{Permalink, Permalinks};
pub use person::Person;
pub use podcast::Podcast;
pub use preset::Preset;
pub use raw::schema;
pub use site::Site;
pub use vocabulary::Vocabulary;
