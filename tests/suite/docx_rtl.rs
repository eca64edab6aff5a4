//! Right-to-left DOCX: the XML (`w:bidi`, `w:rtl`) and, with LibreOffice, where the text lands on the page.

use crate::common;

use std::io::Read;
use std::process::Command;

/// An Arabic resume with Latin contact details, a Latin product name and
/// two dated entries with highlights.
const ARABIC: &str = r#"{
  "basics": {
    "name": "ليلى أحمد",
    "label": "مهندسة الأنظمة",
    "email": "layla@example.com",
    "url": "https://layla.example.com",
    "summary": "أعمل على الأنظمة الموزعة منذ 2015 مع Kubernetes و PostgreSQL 16."
  },
  "work": [
    {"name": "شركة الأنظمة", "position": "مهندسة", "startDate": "2019-01",
     "highlights": ["بناء نظام الفوترة بلغة Rust 1.75 لخدمة 3 ملايين مستخدم"]},
    {"name": "مؤسسة البيانات", "position": "مطورة", "startDate": "2015-06",
     "endDate": "2018-12"}
  ],
  "meta": {"language": "ar"}
}"#;

/// A part of a DOCX package, as text.
fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut xml = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut xml).unwrap();
    xml
}

/// The runs of a `document.xml` holding `text`, whole (`<w:r>…</w:r>`).
fn runs_with<'a>(xml: &'a str, text: &str) -> Vec<&'a str> {
    xml.split("<w:r>")
        .skip(1)
        .map(|r| r.split("</w:r>").next().unwrap())
        .filter(|r| r.contains(text))
        .collect()
}

/// Every paragraph of an Arabic resume runs right to left (`w:bidi` in the
/// paragraph defaults); its Arabic runs are `w:rtl`, its Latin ones (the
/// e-mail, the URL, "Kubernetes", "Rust 1.75") are not. A left-to-right
/// resume has neither.
#[test]
fn an_arabic_docx_is_bidi_and_marks_only_its_arabic_runs() {
    let docx = common::convert(ARABIC.as_bytes(), "docx");
    let styles = part(&docx, "word/styles.xml");
    let defaults = styles.split("</w:pPrDefault>").next().unwrap();
    assert!(
        defaults.contains("<w:pPrDefault><w:pPr><w:rPr /><w:bidi />"),
        "{defaults}"
    );
    let xml = part(&docx, "word/document.xml");
    for latin in [
        "layla@example.com",
        "https://layla.example.com",
        "Kubernetes",
        "Rust 1.75",
    ] {
        let runs = runs_with(&xml, latin);
        assert_eq!(runs.len(), 1, "{latin}: {runs:?}");
        assert!(
            runs.iter().all(|r| !r.contains("w:rtl")),
            "{latin}: {runs:?}"
        );
    }
    for arabic in ["ليلى أحمد", "مهندسة الأنظمة", "بناء نظام الفوترة بلغة "]
    {
        let runs = runs_with(&xml, arabic);
        assert_eq!(runs.len(), 1, "{arabic}: {runs:?}");
        assert!(runs.iter().all(|r| r.contains("<w:rtl />")), "{arabic}");
    }
    // docx-rs's stand-in for `w:rtl` is gone.
    assert!(!xml.contains("specVanish"));

    let english = std::fs::read(common::root().join("samples/alex-rn.json")).unwrap();
    let docx = common::convert(&english, "docx");
    for name in ["word/styles.xml", "word/document.xml"] {
        let xml = part(&docx, name);
        assert!(!xml.contains("w:bidi />"), "{name}");
        assert!(!xml.contains("w:rtl"), "{name}");
    }
}

/// LibreOffice lays the Arabic DOCX out as the PDF mirrors it: the section
/// heading ends at the right margin, the entry's title at the right and its
/// dates at the left margin, the bullet at the right of its text; the
/// e-mail still reads left to right. Skipped without `soffice`.
#[test]
fn libreoffice_lays_an_arabic_docx_out_from_the_right() {
    let dir = tempfile::tempdir().unwrap();
    let docx = dir.path().join("ar.docx");
    std::fs::write(&docx, common::convert(ARABIC.as_bytes(), "docx")).unwrap();
    let converted = Command::new("soffice")
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        // A profile of its own, so a running LibreOffice does not take the job.
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .output();
    let pdf = dir.path().join("ar.pdf");
    if !converted.is_ok_and(|o| o.status.success()) || !pdf.is_file() {
        eprintln!(
            "note: soffice not found; libreoffice_lays_an_arabic_docx_out_from_the_right skips"
        );
        return;
    }
    let Some(words) = common::pdf_words(&pdf) else {
        eprintln!(
            "note: pdftotext not found; libreoffice_lays_an_arabic_docx_out_from_the_right skips"
        );
        return;
    };
    // pdftotext gives Arabic words in visual order (reversed).
    let find = |w: &str| {
        let reversed: String = w.chars().rev().collect();
        words
            .iter()
            .find(|(.., t)| *t == w || *t == reversed)
            .unwrap_or_else(|| panic!("{w} in {words:?}"))
            .clone()
    };
    let text: Vec<_> = words.iter().filter(|w| w.3 != "•").collect();
    let left = text.iter().map(|w| w.0).fold(f32::MAX, f32::min);
    let right = text.iter().map(|w| w.1).fold(0.0, f32::max);
    let heading = find("الخبرة");
    assert!(right - heading.1 < 1.0, "heading at the right: {heading:?}");
    // The first entry's line: its title (مهندسة) at the right, its dates
    // (يناير 2019 – حتى الآن) ending at the left margin.
    let date = find("2019");
    let line: Vec<_> = text.iter().filter(|w| (w.2 - date.2).abs() < 2.0).collect();
    let title = line.iter().max_by(|a, b| a.1.total_cmp(&b.1)).unwrap();
    let reversed: String = "مهندسة".chars().rev().collect();
    assert!(
        title.3.contains("مهندسة") || title.3.contains(&reversed),
        "{line:?}"
    );
    assert!(right - title.1 < 1.0, "entry title at the right: {title:?}");
    let start = line.iter().map(|w| w.0).fold(f32::MAX, f32::min);
    assert!(start - left < 1.0, "dates at the left margin: {line:?}");
    assert!(date.1 < (left + right) / 2.0, "{date:?}");
    let bullet = words.iter().find(|w| w.3 == "•").expect("a bullet");
    let first = find("بناء");
    assert!(
        bullet.0 > first.1,
        "bullet right of its text: {bullet:?} {first:?}"
    );
    find("layla@example.com");
}
