//! `check` on a cover letter's PDF and DOCX: known as a letter (by --kind, --against, its title or its greeting), without the resume's findings.

use crate::common;

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use assert_cmd::cargo::CommandCargoExt;

/// Findings that only a resume can have.
const RESUME_ONLY: &[&str] = &[
    "no-headings",
    "no-experience-heading",
    "no-dates",
    "no-email",
    "no-phone",
    "contact-in-header",
];

fn run(args: &[&str], dir: &Path) -> Output {
    Command::cargo_bin("resume-export")
        .unwrap()
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", "1765000000")
        .output()
        .unwrap()
}

fn letter(name: &str) -> PathBuf {
    common::root().join("samples/letters").join(name)
}

/// Renders `input` (with `extra` options) to PDF and DOCX in `dir`.
fn render(input: &Path, dir: &Path, extra: &[&str]) -> (PathBuf, PathBuf) {
    let mut args = vec![
        input.to_str().unwrap(),
        "-f",
        "pdf,docx",
        "-d",
        dir.to_str().unwrap(),
    ];
    args.extend(extra);
    let out = run(&args, dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stem = input.file_stem().unwrap().to_string_lossy().into_owned();
    (
        dir.join(format!("{stem}.pdf")),
        dir.join(format!("{stem}.docx")),
    )
}

/// `check --json` of one file, with its exit code.
fn check(file: &Path, extra: &[&str]) -> (serde_json::Value, Option<i32>) {
    let mut args = vec!["check", "--json"];
    args.extend(extra);
    args.push(file.to_str().unwrap());
    let out = run(&args, file.parent().unwrap());
    let json: serde_json::Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|_| panic!("{}", String::from_utf8_lossy(&out.stderr)));
    (json["files"][0].clone(), out.status.code())
}

fn codes(report: &serde_json::Value) -> Vec<String> {
    report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

/// Our letters, in English and German, PDF and DOCX: a letter by their
/// title, with none of the resume's findings; read as a resume
/// (`--kind resume`) the same files have them.
#[test]
fn our_letters_are_checked_as_letters_without_resume_findings() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["letter-en.md", "anschreiben-de.md"] {
        let (pdf, docx) = render(&letter(name), dir.path(), &[]);
        for file in [&pdf, &docx] {
            let (report, code) = check(file, &[]);
            assert_eq!(report["kind"], "letter", "{name}: {report}");
            assert_eq!(report["kind_from"], "metadata", "{name}");
            let found = codes(&report);
            for c in RESUME_ONLY {
                assert!(!found.contains(&c.to_string()), "{name}: {found:?}");
            }
            assert_eq!(code, Some(if found.is_empty() { 0 } else { 1 }));
            let (as_resume, _) = check(file, &["--kind", "resume"]);
            assert_eq!(as_resume["kind"], "resume");
            assert!(codes(&as_resume).contains(&"no-headings".to_string()));
        }
        // The plain report says so.
        let out = run(&["check", pdf.to_str().unwrap()], dir.path());
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains("kind      cover letter"), "{text}");
        assert!(!text.contains("no-headings"), "{text}");
    }
}

/// A letter whose properties have no title (as one written in Word may
/// have) is known by its greeting, since it has no section heading.
#[test]
fn a_letter_without_a_title_is_known_by_its_greeting() {
    let dir = tempfile::tempdir().unwrap();
    let (pdf, docx) = render(&letter("anschreiben-de.md"), dir.path(), &[]);
    // The PDF without its Info Title.
    let mut doc = lopdf::Document::load(&pdf).unwrap();
    let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
    doc.get_dictionary_mut(info).unwrap().remove(b"Title");
    let untitled_pdf = dir.path().join("untitled.pdf");
    doc.save(&untitled_pdf).unwrap();
    // The DOCX without its dc:title.
    let untitled_docx = dir.path().join("untitled.docx");
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut writer = zip::ZipWriter::new(std::fs::File::create(&untitled_docx).unwrap());
    for i in 0..zip.len() {
        let mut entry = zip.by_index(i).unwrap();
        let name = entry.name().to_string();
        let mut data = Vec::new();
        entry.read_to_end(&mut data).unwrap();
        if name == "docProps/core.xml" {
            let xml = String::from_utf8(data).unwrap();
            let start = xml.find("<dc:title>").unwrap();
            let end = xml.find("</dc:title>").unwrap() + "</dc:title>".len();
            data = format!("{}{}", &xml[..start], &xml[end..]).into_bytes();
        }
        writer
            .start_file(name, zip::write::SimpleFileOptions::default())
            .unwrap();
        writer.write_all(&data).unwrap();
    }
    writer.finish().unwrap();
    for file in [&untitled_pdf, &untitled_docx] {
        let (report, _) = check(file, &[]);
        assert_eq!(report["kind"], "letter", "{}: {report}", file.display());
        assert_eq!(report["kind_from"], "content");
        assert!(!codes(&report).contains(&"no-headings".to_string()));
    }
}

/// `--against LETTER` and `--kind letter` say it; a resume and an
/// application (letter then resume) stay resumes, with their findings.
#[test]
fn against_a_letter_and_kind_say_it_and_resumes_stay_resumes() {
    let dir = tempfile::tempdir().unwrap();
    let source = letter("letter-en.md");
    let (pdf, _) = render(&source, dir.path(), &[]);
    let (report, _) = check(&pdf, &["--against", source.to_str().unwrap()]);
    assert_eq!(report["kind"], "letter");
    assert_eq!(report["kind_from"], "against");
    let (report, _) = check(&pdf, &["--kind", "letter"]);
    assert_eq!(report["kind_from"], "option");

    let resume = common::root().join("samples/lebenslauf-de.json");
    let (resume_pdf, resume_docx) = render(&resume, dir.path(), &[]);
    for file in [&resume_pdf, &resume_docx] {
        let (report, _) = check(file, &[]);
        assert_eq!(report["kind"], "resume", "{}", file.display());
        assert_eq!(report["kind_from"], "default");
    }
    let pack = dir.path().join("application.pdf");
    let out = run(
        &[
            "--letter",
            letter("anschreiben-de.md").to_str().unwrap(),
            "-f",
            "pdf",
            "-o",
            pack.to_str().unwrap(),
            resume.to_str().unwrap(),
        ],
        dir.path(),
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let (report, _) = check(&pack, &[]);
    assert_eq!(report["kind"], "resume", "{report}");
}
