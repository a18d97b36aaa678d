//! Integration tests: the real `feedwright` binary on sites built in temp folders, one module
//! per part of the spec. They are one test binary (one link, not twelve): run them all with
//! `cargo test --test cli`, or a part with `cargo test --test cli errors::`.
//!
//! The fluent harness is in `harness/`: `Site::minimal().article(..)`, then
//! `site.build().code(1).stderr_is("...")`. Golden files under `tests/golden/<case>/` are
//! compared byte for byte; after an intended change to the output, rewrite them with
//! `SNAPSHOTS=overwrite cargo test --test cli` and review `git diff tests/golden`.

mod harness;

mod adopt;
mod archives;
mod browser;
mod budget;
mod cache;
mod commands;
mod determinism;
mod discovery;
mod errors;
mod faults;
mod files;
mod formats;
mod golden;
mod install;
mod per_feeds;
mod podcasts;
mod presets;
mod recipes;
mod records;
mod regressions;
mod scheduling;
mod subscribers;
mod templates;
mod validate;
mod websub;
mod writes;
