//! Golden files: the outputs a site must produce, kept as plain files under
//! `tests/golden/<case>/` and compared byte for byte (no newline folding, no wildcards: a feed's
//! bytes are what readers fetch). snapbox draws the diff when they differ; after an intended
//! change, `SNAPSHOTS=overwrite cargo test --test cli` rewrites them (snapbox's convention,
//! as in mdBook), and `git diff tests/golden` shows what changed.

use std::collections::BTreeMap;
use std::path::Path;

use snapbox::assert::{Action, DEFAULT_ACTION_ENV};

/// Whether this run rewrites golden files instead of checking them (`SNAPSHOTS=overwrite`).
fn overwrite() -> bool {
    Action::with_env_var(DEFAULT_ACTION_ENV) == Some(Action::Overwrite)
}

/// Asserts that `outputs` are exactly the files under `tests/golden/<case>/`, byte for byte;
/// with `SNAPSHOTS=overwrite`, makes them so.
#[track_caller]
pub fn assert_matches(case: &str, outputs: &BTreeMap<String, Vec<u8>>) {
    let dir = super::repo().join("tests/golden").join(case);
    let golden = super::files(&dir);
    if overwrite() {
        rewrite(&dir, &golden, outputs);
        return;
    }
    let hint =
        format!("if the change is intended: {DEFAULT_ACTION_ENV}=overwrite cargo test --test cli");
    let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(
        names(outputs),
        names(&golden),
        "{case}: the output files (left) are not the golden files (right); {hint}"
    );
    let diffs: Vec<String> = outputs
        .iter()
        .filter(|(file, got)| golden[*file] != **got)
        .map(|(file, got)| diff(&golden[file], got, &format!("tests/golden/{case}/{file}")))
        .collect();
    assert!(
        diffs.is_empty(),
        "{case}: {} file(s) differ from their golden files; {hint}\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}

/// Writes every output that differs, and deletes golden files the site no longer produces.
fn rewrite(dir: &Path, golden: &BTreeMap<String, Vec<u8>>, outputs: &BTreeMap<String, Vec<u8>>) {
    for file in golden.keys().filter(|f| !outputs.contains_key(*f)) {
        eprintln!("overwrite: deleting {}", dir.join(file).display());
        std::fs::remove_file(dir.join(file)).unwrap();
    }
    for (file, bytes) in outputs {
        if golden.get(file) != Some(bytes) {
            eprintln!("overwrite: writing {}", dir.join(file).display());
            let p = dir.join(file);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, bytes).unwrap();
        }
    }
}

/// A line diff of `want` (named `name`) against `got`, and the first byte where they part, which
/// shows differences a line diff hides (a carriage return, a missing final newline).
pub fn diff(want: &[u8], got: &[u8], name: &str) -> String {
    let mut out = String::new();
    snapbox::report::write_diff(
        &mut out,
        &snapbox::Data::text(String::from_utf8_lossy(want)),
        &snapbox::Data::text(String::from_utf8_lossy(got)),
        Some(&name),
        Some(&"output"),
        snapbox::report::Palette::plain(),
    )
    .unwrap();
    let at = want
        .iter()
        .zip(got)
        .position(|(a, b)| a != b)
        .unwrap_or(want.len().min(got.len()));
    let byte = |v: &[u8]| {
        v.get(at)
            .map_or("the end".into(), |b| format!("'{}'", b.escape_ascii()))
    };
    out.push_str(&format!(
        "first difference at byte {at}: {name} has {}, output has {}\n",
        byte(want),
        byte(got)
    ));
    out
}
