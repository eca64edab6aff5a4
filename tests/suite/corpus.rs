//! Every real resume converts to every built format; every malformed one fails cleanly.

use crate::common;

use assert_cmd::Command;
use common::{all_inputs, corpus, json_files};
use resume_export::backend::BACKENDS;

#[test]
fn every_real_file_and_sample_converts_to_every_format() {
    let out = tempfile::tempdir().unwrap();
    let inputs = all_inputs();
    assert!(inputs.len() >= 3, "samples are present");
    for input in &inputs {
        let bytes = std::fs::read(input).unwrap();
        let layout = resume_export::layout::Layout::builtin("classic").unwrap();
        let (_, doc) = resume_export::load(&bytes, &layout).unwrap();
        for b in BACKENDS {
            let dir = out.path().join(b.name());
            Command::cargo_bin("resume-export")
                .unwrap()
                .args(["-q", "-f", b.name(), "-d"])
                .arg(&dir)
                .arg(input)
                .assert()
                .success();
            let stem = input.file_stem().unwrap().to_string_lossy();
            let written = dir.join(format!("{stem}.{}", b.extension()));
            let len = std::fs::metadata(&written)
                .unwrap_or_else(|_| panic!("{} not written", written.display()))
                .len();
            // Only a resume with nothing in it (every field empty) gives an empty file.
            assert!(len > 0 || doc.is_empty(), "{} is empty", written.display());
        }
    }
}

#[test]
fn every_invalid_file_fails_with_position_and_writes_nothing() {
    let Some(corpus) = corpus() else { return };
    let invalid = json_files(&corpus.join("invalid"));
    assert!(!invalid.is_empty());
    for input in invalid {
        let out = tempfile::tempdir().unwrap();
        let assert = Command::cargo_bin("resume-export")
            .unwrap()
            .args(["-f", "md,txt", "-d"])
            .arg(out.path())
            .arg(&input)
            .assert()
            .code(1);
        let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
        let name = input.display().to_string();
        // `--> FILE:LINE:COL`
        let after = stderr
            .split(&format!("{name}:"))
            .nth(1)
            .unwrap_or_else(|| panic!("file not named in: {stderr}"));
        let mut parts = after.splitn(3, ':');
        let line = parts.next().unwrap_or("");
        let col: String = parts
            .next()
            .unwrap_or("")
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        assert!(
            line.parse::<usize>().is_ok() && col.parse::<usize>().is_ok(),
            "no line:column in: {stderr}"
        );
        assert!(stderr.contains("invalid JSON"), "{stderr}");
        assert_eq!(
            std::fs::read_dir(out.path()).unwrap().count(),
            0,
            "output written for {name}"
        );
    }
}

#[test]
fn the_missing_comma_is_found_at_its_line() {
    let Some(corpus) = corpus() else { return };
    let input = corpus.join("invalid/01-fresh-johnny-trouble-missing-comma.json");
    let assert = Command::cargo_bin("resume-export")
        .unwrap()
        .args(["-f", "md", "-o", "-"])
        .arg(&input)
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).to_string();
    assert!(stderr.contains(":251:3"), "{stderr}");
    assert!(
        stderr.contains("\"interests\""),
        "the offending line is shown: {stderr}"
    );
    assert!(assert.get_output().stdout.is_empty());
}

#[test]
fn one_batch_with_every_file_succeeds() {
    let out = tempfile::tempdir().unwrap();
    let inputs = all_inputs();
    Command::cargo_bin("resume-export")
        .unwrap()
        .args(["-q", "-f", "all", "-d"])
        .arg(out.path())
        .args(&inputs)
        .assert()
        .success();
    let written = std::fs::read_dir(out.path()).unwrap().count();
    assert_eq!(written, inputs.len() * BACKENDS.len());
}
