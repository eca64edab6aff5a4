//! `--bundle` with cover letters: a letter among the inputs goes before the resume its `resume:` names, in PDF and DOCX; a letter without its resume, or a second letter, fails the bundle.

use crate::common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use assert_cmd::cargo::CommandCargoExt;

/// Two candidates in a folder; Alex has a letter beside the resume.
fn shortlist(dir: &Path) -> PathBuf {
    let people = dir.join("people");
    std::fs::create_dir(&people).unwrap();
    for name in ["alex-rn.json", "lebenslauf-de.json"] {
        std::fs::copy(common::root().join("samples").join(name), people.join(name)).unwrap();
    }
    let letter = std::fs::read_to_string(common::root().join("samples/letters/letter-en.md"))
        .unwrap()
        .replace("resume: ../alex-rn.json", "resume: alex-rn.json");
    std::fs::write(people.join("alex-letter.md"), letter).unwrap();
    people
}

fn bundle(dir: &Path, out: &str, inputs: &[PathBuf]) -> Output {
    Command::cargo_bin("resume-export")
        .unwrap()
        .arg("--bundle")
        .arg(dir.join(out))
        .args(inputs)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1765000000")
        .output()
        .unwrap()
}

fn sorted(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
}

#[test]
fn a_pdf_bundle_carries_each_candidates_letter_before_their_resume() {
    let dir = tempfile::tempdir().unwrap();
    let people = shortlist(dir.path());
    let out = bundle(dir.path(), "shortlist.pdf", &sorted(&people));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("(2 resumes, 1 with a cover letter)"),
        "{stderr}"
    );
    let doc = lopdf::Document::load(dir.path().join("shortlist.pdf")).unwrap();
    let root = doc
        .catalog()
        .unwrap()
        .get(b"Outlines")
        .unwrap()
        .as_reference()
        .unwrap();
    let mut lines = Vec::new();
    crate::letter::outline(&doc, root, 0, &mut lines);
    // One entry a candidate; Alex's holds the letter's, then the resume's sections.
    let top: Vec<&String> = lines.iter().filter(|l| !l.starts_with(' ')).collect();
    assert_eq!(top, ["Alex RN", "Lena Vogel"], "{lines:#?}");
    assert_eq!(lines.get(1).map(String::as_str), Some("  Cover letter"));
    assert!(lines.iter().any(|l| l == "  Experience"), "{lines:#?}");
    // The letter's page, then the resume from the next.
    let pages = doc.get_pages();
    let text = |n: u32| {
        doc.extract_text(&[n])
            .map(|t| common::squash(&t))
            .unwrap_or_default()
    };
    let (letter_page, resume_page) = (text(2), text(3));
    if letter_page.is_empty() {
        eprintln!("note: lopdf reads no text here; the page check skips");
    } else {
        assert!(letter_page.contains("Dear Dr. Chen,"), "{letter_page}");
        assert!(!resume_page.contains("Dear Dr. Chen,"), "{resume_page}");
    }
    assert!(pages.len() >= 5);
    // Without the letter the bundle is the one it was: the letter is not a candidate.
    let resumes: Vec<PathBuf> = sorted(&people)
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    let out = bundle(dir.path(), "plain.pdf", &resumes);
    assert!(out.status.success());
    let plain = lopdf::Document::load(dir.path().join("plain.pdf")).unwrap();
    assert_eq!(plain.get_pages().len() + 1, pages.len());
}

#[test]
fn a_docx_bundle_carries_the_letter_in_the_candidates_section() {
    let dir = tempfile::tempdir().unwrap();
    let people = shortlist(dir.path());
    let out = bundle(dir.path(), "shortlist.docx", &sorted(&people));
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut zip =
        zip::ZipArchive::new(std::fs::File::open(dir.path().join("shortlist.docx")).unwrap())
            .unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let greeting = xml.find("Dear Dr. Chen,").expect("the letter");
    let bookmark = xml.find(r#"w:name="candidate1""#).unwrap();
    let second = xml.find(r#"w:name="candidate2""#).unwrap();
    assert!(bookmark < greeting && greeting < second);
    // The resume from a new page after the letter.
    let closing = xml.find("Kind regards,").unwrap();
    let after = &xml[closing..second];
    assert!(
        after.contains("<w:pageBreakBefore />"),
        "the resume starts a page"
    );
    // Two candidates, not three: the letter is no candidate of its own.
    assert!(!xml.contains(r#"w:name="candidate3""#));
}

#[test]
fn a_letter_without_its_resume_or_a_second_letter_fails_the_bundle() {
    let dir = tempfile::tempdir().unwrap();
    let people = shortlist(dir.path());
    // The letter, and only the other candidate's resume.
    let out = bundle(
        dir.path(),
        "a.pdf",
        &[
            people.join("alex-letter.md"),
            people.join("lebenslauf-de.json"),
        ],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(
        stderr.contains("alex-letter.md") && stderr.contains("not one of the bundle's resumes"),
        "{stderr}"
    );
    assert!(!dir.path().join("a.pdf").exists(), "nothing written");
    // Two letters for one candidate.
    std::fs::copy(people.join("alex-letter.md"), people.join("alex-again.md")).unwrap();
    let out = bundle(dir.path(), "b.pdf", &sorted(&people));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success());
    assert!(stderr.contains("already has a letter"), "{stderr}");
    assert!(!dir.path().join("b.pdf").exists(), "nothing written");
}
