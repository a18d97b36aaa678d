//! Hostile input: what an untrusted contributor (a pull request to a blog, a shared newsroom
//! folder) can put in article records and their names, run against the real binary. One module
//! per class of attack; each test asserts the exit code, the message, and that nothing leaked
//! into a feed or was written outside the output folder. SECURITY.md says what feedwright trusts
//! and what it does not. Timing tests assert generous bounds (a stall, not a benchmark).
//!
//! Run them with `cargo test --test hostile`.

#[path = "../cli/harness/mod.rs"]
#[allow(dead_code)]
mod harness;

mod cost;
mod leaks;
mod logs;
mod race;
mod ranges;
mod self_reference;
mod urls;
mod writes;
