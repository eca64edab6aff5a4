//! Golden files per layout × sample × format, and the language of every format.
//!
//! Classic's goldens are in `tests/golden/` (golden.rs, pdf.rs, docx.rs); this
//! file keeps modern's and compact's in `tests/golden/<layout>/`: Markdown and
//! text whole, the PDF as a text dump, the DOCX as its document and styles
//! parts. `UPDATE_GOLDEN=1 cargo test --test suite layouts::` rewrites them.

use crate::common;
use crate::pdf_dump;

use std::io::Read;

use common::{root, samples};
use resume_export::backend::{self, RenderOptions};
use resume_export::layout::Layout;

fn docx_parts(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut out = String::new();
    for name in ["word/styles.xml", "word/document.xml"] {
        let mut xml = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
        out.push_str(&format!("== {name}\n{}\n", xml.replace("><", ">\n<")));
    }
    out
}

#[test]
fn every_layout_matches_its_golden_files() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for layout_name in [
        "modern",
        "compact",
        "engineering",
        "harvard",
        "sidebar",
        "timeline",
        "banner",
    ] {
        let layout = Layout::builtin(layout_name).unwrap();
        let dir = root().join("tests/golden").join(layout_name);
        for sample in samples() {
            let stem = sample.file_stem().unwrap().to_string_lossy().to_string();
            let (_, doc) = resume_export::load(&std::fs::read(&sample).unwrap(), &layout).unwrap();
            for b in backend::BACKENDS {
                let bytes = b
                    .render(&doc, &layout, &RenderOptions::default())
                    .unwrap()
                    .bytes;
                let (file, text) = match b.name() {
                    "pdf" => (format!("{stem}.pdf.txt"), pdf_dump::dump(&bytes).golden()),
                    "docx" => (format!("{stem}.docx.xml"), docx_parts(&bytes)),
                    other => (format!("{stem}.{other}"), String::from_utf8(bytes).unwrap()),
                };
                let path = dir.join(&file);
                if update {
                    std::fs::create_dir_all(&dir).unwrap();
                    std::fs::write(&path, &text).unwrap();
                } else if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
                    stale.push(path.display().to_string());
                }
            }
        }
    }
    assert!(
        stale.is_empty(),
        "differ (review, then UPDATE_GOLDEN=1 cargo test --test suite layouts::): {stale:?}"
    );
}

/// The layouts with structure keys: their HTML and DOCX (the PDF's are the
/// PDF's own tests'), in `tests/golden/<layout>/`.
#[test]
fn languages_reach_the_pdf_including_right_to_left() {
    let layout = Layout::builtin("classic").unwrap();
    let pdf = backend::find("pdf").unwrap();
    let bytes = std::fs::read(root().join("samples/jsonresume-sample.json")).unwrap();
    let (parsed, _) = resume_export::load(&bytes, &layout).unwrap();
    let render = |lang: &str| {
        let (labels, unknown) = resume_export::words_for(&layout, &parsed.resume, Some(lang));
        assert!(unknown.is_none());
        let options = resume_export::document::BuildOptions {
            labels,
            ..layout.build_options()
        };
        let doc = resume_export::document::build(&parsed.resume, &options);
        let out = pdf
            .render(&doc, &layout, &RenderOptions::default())
            .unwrap();
        assert!(out.warnings.is_empty(), "{lang}: {:?}", out.warnings);
        let text = pdf_dump::dump(&out.bytes).text();
        let squashed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        (text, squashed)
    };
    let (de, _) = render("de");
    assert!(
        de.contains("BERUFSERFAHRUNG") && de.contains("Dez. 2013 – Dez. 2014"),
        "{de}"
    );
    let (_, ja) = render("ja");
    assert!(
        ja.contains("職歴") && ja.contains("2013年12月〜2014年12月"),
        "{ja}"
    );
    // Arabic is shaped and drawn right to left, and every character comes back
    // from the text layer. Known gap: text extraction returns right-to-left runs
    // in visual order (reversed), so each word is checked in either order.
    let (ar, ar_squashed) = render("ar");
    for word in ["نبذة", "الخبرة", "العملية", "ديسمبر"] {
        let reversed: String = word.chars().rev().collect();
        let found = [word.to_string(), reversed]
            .iter()
            .any(|w| ar.contains(w.as_str()) || ar_squashed.contains(w.as_str()));
        assert!(found, "{word} missing from {ar}");
    }
    // The document says which language it is.
    let (labels, _) = resume_export::words_for(&layout, &parsed.resume, Some("ar"));
    let options = resume_export::document::BuildOptions {
        labels,
        ..layout.build_options()
    };
    let doc = resume_export::document::build(&parsed.resume, &options);
    let out = pdf
        .render(&doc, &layout, &RenderOptions::default())
        .unwrap();
    // The catalog sits in a compressed object stream: read it, not the bytes.
    let pdf = lopdf::Document::load_mem(&out.bytes).unwrap();
    let lang = pdf.catalog().unwrap().get(b"Lang").unwrap();
    assert_eq!(lang.as_str().unwrap(), b"ar", "no /Lang ar");
}

#[test]
fn right_to_left_resumes_are_laid_out_from_the_right() {
    let json = r#"{"basics": {"name": "ليلى حسن", "label": "مهندسة برمجيات"},
        "work": [{"name": "شركة النور", "position": "مهندسة برمجيات أولى", "startDate": "2020-01",
                  "highlights": ["تصميم منصة لمعالجة البيانات"]}],
        "meta": {"language": "ar"}}"#;
    let layout = Layout::builtin("classic").unwrap();
    let (_, doc) = resume_export::load(json.as_bytes(), &layout).unwrap();
    let pdf = backend::find("pdf").unwrap();
    let out = pdf
        .render(&doc, &layout, &RenderOptions::default())
        .unwrap();
    let dump = pdf_dump::dump(&out.bytes);
    let runs = &dump.pages[0];
    let right_margin = runs.iter().map(|r| r.ink_end).fold(0.0f32, f32::max);
    // The name is the topmost line, in runs of its own where a ligature
    // has ActualText.
    let top = runs.iter().map(|r| r.y).fold(f32::MIN, f32::max);
    let name_end = runs
        .iter()
        .filter(|r| (r.y - top).abs() < 0.05)
        .map(|r| r.ink_end)
        .fold(f32::MIN, f32::max);
    assert!(
        (name_end - right_margin).abs() < 1.0,
        "the name ends at the right margin"
    );
    let date = runs
        .iter()
        .find(|r| r.text.contains("2020"))
        .expect("date drawn");
    assert!(
        date.x < right_margin / 2.0,
        "the dates sit on the left of an entry"
    );
}
