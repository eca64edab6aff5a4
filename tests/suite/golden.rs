//! Golden files: the Markdown, text and HTML output of each sample, reviewed as diffs.
//!
//! `UPDATE_GOLDEN=1 cargo test --test suite golden::` rewrites them.

use crate::common;

use common::{convert, root, samples};

#[test]
fn samples_match_their_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = root().join("tests/golden");
    let mut mismatched = Vec::new();
    for sample in samples() {
        let bytes = std::fs::read(&sample).unwrap();
        for format in ["md", "txt", "html"] {
            let out = convert(&bytes, format);
            let stem = sample.file_stem().unwrap().to_string_lossy();
            let golden = dir.join(format!("{stem}.{format}"));
            if update {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&golden, &out).unwrap();
                continue;
            }
            match std::fs::read(&golden) {
                Ok(expected) if expected == out => {}
                Ok(_) => mismatched.push(format!("{} differs", golden.display())),
                Err(_) => mismatched.push(format!("{} is missing", golden.display())),
            }
        }
    }
    assert!(
        mismatched.is_empty(),
        "{}\nrun `UPDATE_GOLDEN=1 cargo test --test suite golden::` and review the diff",
        mismatched.join("\n")
    );
}

#[test]
fn two_runs_give_identical_bytes() {
    for input in common::all_inputs() {
        let bytes = std::fs::read(&input).unwrap();
        for b in resume_export::backend::BACKENDS {
            let first = convert(&bytes, b.name());
            let second = convert(&bytes, b.name());
            assert!(
                first == second,
                "{} {} differs between runs",
                input.display(),
                b.name()
            );
        }
    }
}
