//! A letter's numbered lists in DOCX are Word's own numbering (numbering.xml), each list from its own start, not numbers typed into the text.

use crate::common;

use std::io::Read;
use std::path::Path;
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

/// Two numbered lists, the second from 4, and a bullet list.
fn letter(resume: &Path) -> String {
    format!(
        "---\nresume: {}\nrecipient: {{name: Dr. Maria Chen}}\ndate: 2026-12-06\n---\n\
         I bring three things:\n\n1. a decade of distributed systems;\n2. calm on call;\n3. mentoring.\n\n\
         And two more:\n\n4. open source work;\n5. a **clear** writing voice.\n\n\
         - and a bullet.\n\nThank you.\n",
        resume.display()
    )
}

fn part(docx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

/// `(numId, text)` of each paragraph with a `w:numPr`.
fn numbered_paragraphs(xml: &str) -> Vec<(String, String)> {
    let doc = roxmltree::Document::parse(xml).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "p")
        .filter_map(|p| {
            let num = p
                .descendants()
                .find(|n| n.tag_name().name() == "numId")?
                .attributes()
                .find(|a| a.name() == "val")?
                .value()
                .to_string();
            let text: String = p
                .descendants()
                .filter(|n| n.tag_name().name() == "t")
                .filter_map(|n| n.text())
                .collect();
            Some((num, text))
        })
        .collect()
}

#[test]
fn a_letters_numbered_lists_are_words_numbering_in_docx() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("numbered.md");
    std::fs::write(
        &source,
        letter(&common::root().join("samples/alex-rn.json")),
    )
    .unwrap();
    let out = Command::cargo_bin("resume-export")
        .unwrap()
        .args(["-f", "docx", "-d"])
        .arg(dir.path())
        .arg(&source)
        .env("SOURCE_DATE_EPOCH", "1765000000")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let docx = dir.path().join("numbered.docx");

    let items = numbered_paragraphs(&part(&docx, "word/document.xml"));
    let texts: Vec<&str> = items.iter().map(|(_, t)| t.as_str()).collect();
    assert_eq!(
        texts,
        [
            "a decade of distributed systems;",
            "calm on call;",
            "mentoring.",
            "open source work;",
            "a clear writing voice.",
            "and a bullet."
        ],
        "no number typed into the text"
    );
    let ids: Vec<&str> = items.iter().map(|(n, _)| n.as_str()).collect();
    // Each numbered list its own numbering; the bullet the bullet list's (2).
    assert_eq!(ids, ["4", "4", "4", "5", "5", "2"]);

    let numbering = part(&docx, "word/numbering.xml");
    let doc = roxmltree::Document::parse(&numbering).unwrap();
    let num = |id: &str| {
        doc.descendants()
            .find(|n| {
                n.tag_name().name() == "num"
                    && n.attributes()
                        .any(|a| a.name() == "numId" && a.value() == id)
            })
            .unwrap_or_else(|| panic!("w:num {id} in {numbering}"))
    };
    let val = |n: roxmltree::Node, tag: &str| {
        n.descendants()
            .find(|c| c.tag_name().name() == tag)
            .and_then(|c| c.attributes().find(|a| a.name() == "val"))
            .map(|a| a.value().to_string())
    };
    assert_eq!(val(num("4"), "startOverride").as_deref(), Some("1"));
    assert_eq!(val(num("5"), "startOverride").as_deref(), Some("4"));
    let abstract_id = val(num("4"), "abstractNumId").unwrap();
    let list = doc
        .descendants()
        .find(|n| {
            n.tag_name().name() == "abstractNum"
                && n.attributes()
                    .any(|a| a.name() == "abstractNumId" && a.value() == abstract_id)
        })
        .unwrap();
    assert_eq!(val(list, "numFmt").as_deref(), Some("decimal"));
    assert_eq!(val(list, "lvlText").as_deref(), Some("%1."));

    // LibreOffice shows the numbers, the second list's from 4.
    let converted = Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .output();
    let pdf = dir.path().join("numbered.pdf");
    if !converted.is_ok_and(|o| o.status.success()) || !pdf.is_file() {
        eprintln!("note: soffice not found; the LibreOffice part of this test skips");
        return;
    }
    let Ok(text) = Command::new("pdftotext").arg(&pdf).arg("-").output() else {
        eprintln!("note: pdftotext not found; the LibreOffice part of this test skips");
        return;
    };
    let text = common::squash(&String::from_utf8_lossy(&text.stdout));
    for line in [
        "1. a decade of distributed systems;",
        "3. mentoring.",
        "4. open source work;",
        "5. a clear writing voice.",
    ] {
        assert!(text.contains(line), "{line} in {text}");
    }
}
