//! A letter's `signature.image`: drawn above the name in PDF, DOCX and HTML, read beside the letter, left out (with a warning) when remote or outside its folder, and never read when redaction takes the name.

use std::path::Path;
use std::process::{Command, Output};

use assert_cmd::cargo::CommandCargoExt;

use crate::common;

/// A 300 × 100 PNG: a dark stroke on white, as a scanned signature is.
fn signature_png() -> Vec<u8> {
    let img = image::RgbImage::from_fn(300, 100, |x, y| {
        let on = (i64::from(y) - 50 - (i64::from(x) - 150) / 6).abs() < 3;
        if on {
            image::Rgb([20, 20, 60])
        } else {
            image::Rgb([255, 255, 255])
        }
    });
    let mut png = Vec::new();
    img.write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
        .unwrap();
    png
}

/// A folder with the resume, the picture and a letter naming `image`.
fn folder(image: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        common::root().join("samples/alex-rn.json"),
        dir.path().join("resume.json"),
    )
    .unwrap();
    std::fs::write(dir.path().join("sig.png"), signature_png()).unwrap();
    std::fs::write(
        dir.path().join("letter.md"),
        format!(
            "---\nresume: resume.json\ndate: 2026-12-06\nsignature:\n  image: {image}\n---\nI write to apply.\n"
        ),
    )
    .unwrap();
    dir
}

fn run(dir: &Path, extra: &[&str]) -> Output {
    let out = Command::cargo_bin("resume-export")
        .unwrap()
        .args(["-f", "pdf,html,docx", "-d", "out", "letter.md"])
        .args(extra)
        .current_dir(dir)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// Whether some dictionary of the PDF has the key `name` (an XObject's).
fn has_key(pdf: &[u8], name: &[u8]) -> bool {
    fn find(o: &lopdf::Object, name: &[u8]) -> bool {
        match o {
            lopdf::Object::Dictionary(d) => d.has(name) || d.iter().any(|(_, v)| find(v, name)),
            lopdf::Object::Stream(s) => find(&lopdf::Object::Dictionary(s.dict.clone()), name),
            _ => false,
        }
    }
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.objects.values().any(|o| find(o, name))
}

#[test]
fn the_signature_picture_is_drawn_above_the_name() {
    let dir = folder("sig.png");
    let out = run(dir.path(), &[]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!err.contains("signature.image"), "{err}");
    let pdf = std::fs::read(dir.path().join("out/letter.pdf")).unwrap();
    assert!(has_key(&pdf, b"Signature0"), "the picture is in the PDF");
    // An artifact: the text read back is the name alone, after the closing.
    let text = crate::pdf_dump::dump(&pdf).text();
    assert!(text.contains("Alex"), "{text}");
    let html = std::fs::read_to_string(dir.path().join("out/letter.html")).unwrap();
    let at = html
        .find("<img class=\"signed\"")
        .expect("the picture in the page");
    assert!(html[at..].starts_with(
        "<img class=\"signed\" width=\"300\" height=\"100\" alt=\"\" src=\"data:image/jpeg;base64,"
    ));
    assert!(at > html.find("class=\"closing\"").unwrap());
}

#[test]
fn redaction_of_the_name_leaves_the_picture_unread() {
    let dir = folder("sig.png");
    run(dir.path(), &["--redact", "name"]);
    let pdf = std::fs::read(dir.path().join("out/letter.pdf")).unwrap();
    assert!(!has_key(&pdf, b"Signature0"));
    let html = std::fs::read_to_string(dir.path().join("out/letter.html")).unwrap();
    assert!(!html.contains("class=\"signed\""));
}

#[test]
fn a_remote_or_outside_picture_is_left_out_with_a_warning() {
    for (image, why) in [
        ("https://example.com/sig.png", "never fetched"),
        ("../sig.png", "sig.png"),
        ("missing.png", "cannot be read"),
    ] {
        let dir = folder(image);
        let out = run(dir.path(), &[]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("signature.image") && err.contains("left out") && err.contains(why),
            "{image}: {err}"
        );
        let pdf = std::fs::read(dir.path().join("out/letter.pdf")).unwrap();
        assert!(!has_key(&pdf, b"Signature0"), "{image}");
    }
}

#[test]
fn the_picture_is_in_an_application_and_in_a_bundle() {
    let dir = folder("sig.png");
    for args in [
        vec![
            "--letter",
            "letter.md",
            "-f",
            "pdf",
            "-o",
            "app.pdf",
            "resume.json",
        ],
        vec!["--bundle", "app.pdf", "resume.json", "letter.md"],
    ] {
        let out = Command::cargo_bin("resume-export")
            .unwrap()
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let pdf = std::fs::read(dir.path().join("app.pdf")).unwrap();
        assert!(
            has_key(&pdf, b"Signature0") || has_key(&pdf, b"Signature1"),
            "{args:?}"
        );
        std::fs::remove_file(dir.path().join("app.pdf")).unwrap();
    }
}

/// Every picture a DOCX's body embeds, with its relationship's target.
fn docx_pictures(docx: &[u8]) -> Vec<(String, String)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut zip.by_name(name).unwrap(), &mut s).unwrap();
        s
    };
    let body = read("word/document.xml");
    let rels = read("word/_rels/document.xml.rels");
    body.split("r:embed=\"")
        .skip(1)
        .map(|rest| {
            let id = rest.split('"').next().unwrap().to_string();
            let at = rels
                .find(&format!("Id=\"{id}\""))
                .unwrap_or_else(|| panic!("{id} has no relationship"));
            let target = rels[at..]
                .split("Target=\"")
                .nth(1)
                .unwrap()
                .split('"')
                .next()
                .unwrap();
            (id, target.to_string())
        })
        .collect()
}

#[test]
fn the_picture_is_in_the_docx_decorative_and_shipped() {
    let dir = folder("sig.png");
    let out = run(dir.path(), &[]);
    assert!(!String::from_utf8_lossy(&out.stderr).contains("signature"));
    let docx = std::fs::read(dir.path().join("out/letter.docx")).unwrap();
    assert_eq!(
        docx_pictures(&docx),
        [(
            "rIdSignature".to_string(),
            "media/signature.jpeg".to_string()
        )]
    );
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
    assert!(zip.by_name("word/media/signature.jpeg").is_ok());
    // In an application and in a bundle too, each picture with its part.
    for args in [
        vec![
            "--letter",
            "letter.md",
            "-f",
            "docx",
            "-o",
            "app.docx",
            "resume.json",
        ],
        vec!["--bundle", "app.docx", "resume.json", "letter.md"],
    ] {
        let out = Command::cargo_bin("resume-export")
            .unwrap()
            .args(&args)
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let docx = std::fs::read(dir.path().join("app.docx")).unwrap();
        let pictures = docx_pictures(&docx);
        assert!(
            pictures
                .iter()
                .any(|(id, _)| id.starts_with("rIdSignature")),
            "{args:?}: {pictures:?}"
        );
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(&docx)).unwrap();
        for (_, target) in &pictures {
            assert!(
                zip.by_name(&format!("word/{target}")).is_ok(),
                "{args:?}: {target}"
            );
        }
    }
}
