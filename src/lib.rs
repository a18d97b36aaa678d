//! feedwright turns a folder of article records and a `feeds.toml` into RSS 2.0, Atom 1.0 and
//! JSON Feed 1.1 files.
//!
//! The data flows one way: **load** (the config in [`config`], the records in [`article::load`])
//! -> **validate** (every problem collected as a [`diagnostics::Diagnostic`]; any error stops the
//! build before anything is written) -> **select** (per feed, in [`select`], with "now" from
//! [`clock`] injected) -> **render** (bodies in [`body`], only for selected articles; the neutral
//! [`feed::Feed`]; one pure writer per format in [`render`]) -> **write** (atomic,
//! skip-if-unchanged, locked, in [`output`]). [`pipeline`] holds the pure middle (selection,
//! bodies, the plan of files; a feed's RFC 5005 pages in [`archive`]); each command in [`cmd`] drives the steps it needs and returns a
//! report or an [`error::Error`], which `main` prints. Only load and write touch the filesystem;
//! nothing reads the clock but [`clock::now`]. Every address written in the config or front matter
//! (site url, author uri and e-mail, link, id) passes the rules of [`address`]. Apart from the
//! pipeline, [`validate`] judges finished feed files by the feed rules (`feedwright validate`, and
//! `build --validate` on what a build is about to write). Sites made for a generator are read by
//! its rules under `[site] preset` (its keys and dates in [`article`], its slugs in [`slugify`],
//! its template syntax in [`body`]), and [`adopt`] writes their `feeds.toml`
//! (`feedwright init --from`). A feed with a size budget (`max_bytes`) keeps the newest entries
//! that fit it, found in [`budget`] before anything is written. Feeds that name WebSub hubs tell
//! them of their changes (`feedwright ping`, `build --ping`; the request rules in [`websub`]).
//! A `[[feeds]]` entry with `per` stands for one feed per tag or author: [`feeds`] makes them
//! once the articles are read, and is the one list of the feeds a build writes.

pub mod address;
pub mod adopt;
pub mod archive;
pub mod article;
pub mod body;
pub mod budget;
pub mod cache;
pub mod cli;
pub mod clock;
pub mod cmd;
pub mod config;
pub mod diagnostics;
pub mod discovery;
pub mod error;
pub mod feed;
pub mod feeds;
pub mod ledger;
pub mod messages;
pub mod output;
pub mod pipeline;
pub mod preview;
pub mod render;
pub mod select;
pub mod slugify;
pub mod terminal;
pub mod text;
pub mod validate;
pub mod websub;
pub mod wording;
