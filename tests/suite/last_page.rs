//! A nearly empty last page (issue 10): one note on standard error when
//! `--max-pages` one fewer would fit the resume, silent with `-q`, in the
//! `--report`, and never when the last page is full or fitting would fail.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Runs the binary in the repository root; returns its standard error.
fn stderr_of(dir: &Path, args: &[&str]) -> String {
    let out = Command::cargo_bin("resume-export")
        .unwrap()
        .current_dir(manifest())
        .args(args)
        .arg("-d")
        .arg(dir)
        .assert()
        .success();
    String::from_utf8_lossy(&out.get_output().stderr).into_owned()
}

fn pages(pdf: &Path) -> usize {
    lopdf::Document::load(pdf).unwrap().get_pages().len()
}

#[test]
fn alex_rn_gets_one_note_that_holds() {
    let dir = tempfile::tempdir().unwrap();
    let stderr = stderr_of(dir.path(), &["-f", "pdf,docx", "samples/alex-rn.json"]);
    let pdf = dir.path().join("alex-rn.pdf");
    assert_eq!(pages(&pdf), 3);
    let notes: Vec<&str> = stderr.lines().filter(|l| l.starts_with("note: ")).collect();
    assert_eq!(notes.len(), 1, "one note per resume: {stderr}");
    let note = notes[0];
    assert!(
        note.starts_with(&format!("note: {}: page 3 holds ", pdf.display())),
        "{note}"
    );
    assert!(note.ends_with(" lines; --max-pages 2 fits it"), "{note}");
    assert_eq!(stderr.lines().count(), 1, "nothing else: {stderr}");
    // The advice holds.
    let fitted = tempfile::tempdir().unwrap();
    let stderr = stderr_of(fitted.path(), &["samples/alex-rn.json", "--max-pages", "2"]);
    assert_eq!(pages(&fitted.path().join("alex-rn.pdf")), 2);
    assert!(stderr.is_empty(), "{stderr}");
}

#[test]
fn quiet_silences_the_note_and_the_report_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let report = dir.path().join("report.json");
    let stderr = stderr_of(
        dir.path(),
        &[
            "-q",
            "samples/alex-rn.json",
            "--report",
            report.to_str().unwrap(),
        ],
    );
    assert!(stderr.is_empty(), "{stderr}");
    let json: serde_json::Value = serde_json::from_slice(&std::fs::read(&report).unwrap()).unwrap();
    let notes = json["units"][0]["notes"].as_array().unwrap().clone();
    assert_eq!(notes.len(), 1, "{json}");
    let note = notes[0].as_str().unwrap();
    assert!(note.contains("alex-rn.pdf: page 3 holds "), "{note}");
    assert!(note.ends_with("--max-pages 2 fits it"), "{note}");
    assert_eq!(json["units"][0]["warnings"], serde_json::json!([]));
}

#[test]
fn no_note_when_the_last_page_is_full_or_for_docx_alone() {
    let dir = tempfile::tempdir().unwrap();
    for args in [
        &["samples/jsonresume-sample.json"][..],
        &["-l", "modern", "samples/jsonresume-sample.json"],
        // DOCX alone: Word paginates it, so there is no page to measure.
        &["-f", "docx", "samples/alex-rn.json"],
    ] {
        let stderr = stderr_of(dir.path(), args);
        assert!(!stderr.contains("note:"), "{args:?}: {stderr}");
    }
    assert!(pages(&dir.path().join("jsonresume-sample.pdf")) > 1);
}

#[test]
fn no_note_when_fitting_would_fail() {
    // A layout that allows no tightening: alex-rn's third page stays nearly
    // empty, but --max-pages 2 would fail, so nothing is suggested.
    let dir = tempfile::tempdir().unwrap();
    let layout = dir.path().join("strict");
    std::fs::create_dir(&layout).unwrap();
    std::fs::write(
        layout.join("layout.toml"),
        "extends = \"classic\"\n[fit]\nmin_spacing_scale = 1.0\nmin_line_height = 2.0\n\
         min_margin_mm = 30.0\nmin_font_scale = 1.0\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let stderr = stderr_of(
        &out,
        &["--layout", layout.to_str().unwrap(), "samples/alex-rn.json"],
    );
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(pages(&out.join("alex-rn.pdf")), 3);
    let failed = Command::cargo_bin("resume-export")
        .unwrap()
        .current_dir(manifest())
        .args(["--layout", layout.to_str().unwrap(), "samples/alex-rn.json"])
        .args(["--max-pages", "2", "-d"])
        .arg(dir.path().join("fail"))
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&failed.get_output().stderr).into_owned();
    assert!(stderr.contains("does not fit on 2 pages"), "{stderr}");
}
