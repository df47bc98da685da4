//! Replays the fuzz regression corpus (`fuzz/regressions/`) through the fuzz target's logic on
//! the stable compiler: every input that once crashed, hung or misbehaved must now pass.
//! The target itself (`fuzz/fuzz_targets/call_packed.rs`) needs nightly and libFuzzer; this
//! test does not. See docs/security.md.

#![cfg(test)]

#[path = "../fuzz/harness.rs"]
mod harness;

use std::path::Path;

#[test]
fn every_fuzz_regression_input_passes() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/regressions");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("fuzz/regressions exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.is_file() && p.file_name().is_some_and(|n| n != "README.md"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "the regression corpus is empty");
    for path in &files {
        let data = std::fs::read(path).expect("readable input");
        eprintln!("replaying {}", path.display());
        harness::run(&data);
    }
}

#[test]
fn the_harness_accepts_empty_and_tiny_inputs() {
    for data in [&[][..], &[0], &[1], &[0, 0, 0, 0], &[255; 64]] {
        harness::run(data);
    }
}
