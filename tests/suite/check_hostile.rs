//! `resume-export check` on hostile files through the binary: each is unreadable
//! (exit 2) or read within the limits on work (exit 1), never a crash or a hang.

use std::path::PathBuf;

use assert_cmd::Command;
use serde_json::Value;

fn cmd() -> Command {
    Command::cargo_bin("resume-export").unwrap()
}

/// Our PDF and DOCX of the official sample.
fn ours() -> (Vec<u8>, Vec<u8>) {
    let dir = tempfile::tempdir().unwrap();
    let sample = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("samples/jsonresume-sample.json");
    cmd()
        .args(["-q", "-f", "pdf,docx", "-d"])
        .arg(dir.path())
        .arg(sample)
        .assert()
        .success();
    let read =
        |ext: &str| std::fs::read(dir.path().join(format!("jsonresume-sample.{ext}"))).unwrap();
    (read("pdf"), read("docx"))
}

/// Runs `check` on bytes written to a file; the exit code and stderr.
fn check_bytes(name: &str, bytes: &[u8]) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    let start = std::time::Instant::now();
    let out = cmd()
        .arg("check")
        .arg(&path)
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(!stderr.contains("panicked"), "{name}: {stderr}");
    assert!(
        start.elapsed().as_secs() < 30,
        "{name} took {:?}",
        start.elapsed()
    );
    (out.status.code().unwrap_or(-1), stderr)
}

#[test]
fn hostile_files_are_unreadable_not_a_crash() {
    let (pdf, docx) = ours();
    let (code, err) = check_bytes("empty.pdf", b"");
    assert_eq!(code, 2);
    assert!(
        err.contains("empty.pdf: unreadable: neither a PDF nor a DOCX"),
        "{err}"
    );
    assert_eq!(check_bytes("noise.docx", &[0x5a; 5000]).0, 2);
    assert_eq!(check_bytes("header-only.pdf", b"%PDF-1.7\n%%EOF\n").0, 2);
    assert_eq!(check_bytes("cut.docx", &docx[..docx.len() / 2]).0, 2);
    // A PDF cut short may still be read in part; either way it is no crash.
    for cut in [pdf.len() / 3, pdf.len() / 2, pdf.len() - 10] {
        let code = check_bytes("cut.pdf", &pdf[..cut]).0;
        assert!(code == 1 || code == 2, "cut at {cut}: exit {code}");
    }
    let (code, err) = check_bytes(
        "old.doc",
        &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0],
    );
    assert_eq!(code, 2);
    assert!(err.contains("save it as .docx"), "{err}");
}

/// A DOCX package of the given parts.
fn package(parts: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

const W: &str = r#"xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main""#;

#[test]
fn zip_bombs_and_deep_xml_in_a_docx() {
    let mut bomb = format!("<w:document {W}><w:body><w:p><w:r><w:t>").into_bytes();
    bomb.resize(40 * 1024 * 1024, b' ');
    let (code, err) = check_bytes("bomb.docx", &package(&[("word/document.xml", &bomb)]));
    assert_eq!(code, 2);
    assert!(err.contains("unpacks to more than"), "{err}");

    let depth = 100_000;
    let deep = format!(
        "<w:document {W}><w:body>{}<w:p><w:r><w:t>deep</w:t></w:r></w:p>{}</w:body></w:document>",
        "<w:customXml>".repeat(depth),
        "</w:customXml>".repeat(depth)
    );
    let code = check_bytes(
        "deep.docx",
        &package(&[("word/document.xml", deep.as_bytes())]),
    )
    .0;
    assert!(code == 1 || code == 2, "exit {code}");

    let dtd = format!(
        "<!DOCTYPE d [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]><w:document {W}><w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
    );
    assert_eq!(
        check_bytes(
            "laughs.docx",
            &package(&[("word/document.xml", dtd.as_bytes())])
        )
        .0,
        2
    );
    assert_eq!(
        check_bytes("nobody.docx", &package(&[("word/other.xml", b"<x/>")])).0,
        2
    );
}

/// A one-page PDF whose page draws `content`, with font F1 (its ToUnicode map
/// given) and form XObjects X0…Xn, form k drawing form k+1 `fanout` times and
/// the last one drawing itself.
fn hostile_pdf(content: &[u8], to_unicode: &[u8], forms: usize, fanout: usize) -> Vec<u8> {
    use lopdf::{Document, Object, Stream, dictionary};
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let cmap = doc.add_object(Stream::new(dictionary! {}, to_unicode.to_vec()));
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "ToUnicode" => cmap,
    });
    let ids: Vec<lopdf::ObjectId> = (0..forms).map(|_| doc.new_object_id()).collect();
    for (k, id) in ids.iter().enumerate() {
        let next = ids.get(k + 1).copied().unwrap_or(*id);
        let body = format!(
            "BT /F1 9 Tf 72 700 Td (form {k}) Tj ET {}",
            "/Xn Do ".repeat(fanout)
        );
        let stream = Stream::new(
            dictionary! {
                "Type" => "XObject", "Subtype" => "Form", "BBox" => vec![0.into(), 0.into(), 612.into(), 792.into()],
                "Resources" => dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => dictionary! { "Xn" => next } },
            },
            body.into_bytes(),
        );
        doc.objects.insert(*id, Object::Stream(stream));
    }
    let mut xobjects = lopdf::Dictionary::new();
    if let Some(first) = ids.first() {
        xobjects.set("X0", *first);
    }
    let content_id = doc.add_object(Stream::new(dictionary! {}, content.to_vec()));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        "Resources" => dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => xobjects },
    });
    doc.objects.insert(
        pages_id,
        Object::Dictionary(
            dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
        ),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn hostile_pdfs_are_read_within_limits() {
    let huge_range = b"1 begincodespacerange <00> <FF> endcodespacerange 1 beginbfrange <00000000> <FFFFFFFF> <> endbfrange 1 beginbfchar <48> <> endbfchar";
    // A form that draws itself, a huge ToUnicode range, deep arrays in the content.
    let mut content = b"q /X0 Do Q BT /F1 12 Tf 72 720 Td (Hello) Tj ET ".to_vec();
    content.extend(b"[".repeat(20_000));
    content.extend(b"]".repeat(20_000));
    content.extend(b" Tj");
    let (code, _) = check_bytes("loop.pdf", &hostile_pdf(&content, huge_range, 1, 1));
    assert!(code == 1 || code == 2, "exit {code}");
    // Forms drawing forms ten times over, eight deep: 10^8 draws, cut off by the work limit.
    let fan = hostile_pdf(b"/X0 Do", b"", 8, 10);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("fan.pdf");
    std::fs::write(&path, fan).unwrap();
    let out = cmd()
        .arg("check")
        .arg("--json")
        .arg(&path)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = json["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["code"].as_str())
        .collect();
    assert!(codes.contains(&"truncated"), "{codes:?}");
    // Page text through a font with no usable map still reads as a file with findings.
    let unmapped = hostile_pdf(
        b"BT /F1 12 Tf 72 720 Td (Hello world) Tj ET",
        b"garbage",
        0,
        0,
    );
    assert_eq!(check_bytes("plain.pdf", &unmapped).0, 1);
}
