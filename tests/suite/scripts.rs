//! Issue 11: a resume in each script the bundled fonts cover (Thai, Lao,
//! Khmer, Myanmar, the Indic scripts, Sinhala, Georgian, Armenian, Ethiopic,
//! symbols and emoji) converts to every format through the real binary, no
//! character is left out of the PDF, and every string of it is in the text
//! formats. (`tests/interop/check_scripts.py` checks the PDF with poppler.)

use crate::common;
use crate::pdf_dump;

use assert_cmd::Command;
use std::path::PathBuf;

fn fixtures() -> Vec<PathBuf> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scripts");
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    out.sort();
    out
}

/// Name, label, town, employer, position and bullets.
fn strings(resume: &serde_json::Value) -> Vec<String> {
    let b = &resume["basics"];
    let w = &resume["work"][0];
    let mut out: Vec<String> = [
        &b["name"],
        &b["label"],
        &b["location"]["city"],
        &w["name"],
        &w["position"],
    ]
    .iter()
    .map(|v| v.as_str().unwrap().to_string())
    .collect();
    out.extend(
        w["highlights"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h.as_str().unwrap().to_string()),
    );
    out
}

/// Without whitespace and format characters (lines wrap anywhere in these
/// scripts; ZWJ and ZWNJ are kept or not by the writer).
fn squeeze(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '\u{200B}'..='\u{200D}'))
        .collect()
}

#[test]
fn every_script_fixture_converts_to_every_format_with_nothing_left_out() {
    let fixtures = fixtures();
    assert!(fixtures.len() >= 18, "{fixtures:?}");
    let dir = tempfile::tempdir().unwrap();
    for path in &fixtures {
        let out = Command::cargo_bin("resume-export")
            .unwrap()
            .args(["-f", "all", "-d"])
            .arg(dir.path())
            .arg(path)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(out.status.success(), "{}: {stderr}", path.display());
        assert!(!stderr.contains("font has"), "{}: {stderr}", path.display());
        let resume: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        let stem = path.file_stem().unwrap().to_str().unwrap();
        for ext in ["txt", "md", "html", "docx", "pdf"] {
            let file = dir.path().join(format!("{stem}.{ext}"));
            assert!(
                std::fs::metadata(&file).unwrap().len() > 0,
                "{}",
                file.display()
            );
            if matches!(ext, "txt" | "md" | "html") {
                let body = squeeze(&std::fs::read_to_string(&file).unwrap());
                for s in strings(&resume) {
                    assert!(body.contains(&squeeze(&s)), "{stem}.{ext} lacks {s}");
                }
            }
        }
    }
}

/// The text backend wraps Thai between dictionary words, never inside one:
/// every line but the last ends where the PDF line breaker may break too.
#[test]
fn text_output_wraps_thai_between_words() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/scripts/thai.json");
    let out = Command::cargo_bin("resume-export")
        .unwrap()
        .args(["-f", "txt", "--width", "40", "-o", "-"])
        .arg(&path)
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let bullet = "พัฒนาระบบชำระเงินออนไลน์";
    let lines: Vec<&str> = text.lines().collect();
    let at = lines.iter().position(|l| l.contains(bullet)).unwrap();
    let first = lines[at].trim_end();
    let second = lines[at + 1].trim();
    // The bullet is longer than 40 columns: it wraps, at a word boundary.
    assert!(
        !second.is_empty() && second.chars().all(|c| !c.is_ascii_alphanumeric()),
        "{text}"
    );
    let words = [
        "ทั่ว",
        "ประเทศ",
        "ไทย",
        "และ",
        "เพื่อน",
        "บ้าน",
        "ใน",
        "ภูมิภาค",
        "ลูกค้า",
        "กว่า",
        "หนึ่ง",
        "ล้าน",
        "คน",
        "เอเชีย",
        "ตะวันออก",
        "เฉียงใต้",
        "สำหรับ",
    ];
    assert!(
        words.iter().any(|w| first.ends_with(w)),
        "{first:?} ends inside a word"
    );
}

/// Golden files for a few scripts (Thai, Devanagari, Tamil; Arabic and
/// Hebrew): text, Markdown and the PDF's positioned text, so that a change
/// in shaping, line breaking or the order glyphs are written in shows up as
/// a diff. `UPDATE_GOLDEN=1 cargo test --test suite scripts::` rewrites them.
#[test]
fn a_few_scripts_match_their_golden_files() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let update = std::env::var_os("UPDATE_GOLDEN").is_some();
    let dir = root.join("tests/golden/scripts");
    let mut stale = Vec::new();
    for fixture in [
        "scripts/thai",
        "scripts/devanagari",
        "scripts/tamil",
        "rtl/arabic",
        "rtl/hebrew",
    ] {
        let bytes = std::fs::read(root.join(format!("tests/fixtures/{fixture}.json"))).unwrap();
        let stem = fixture.rsplit('/').next().unwrap();
        let outputs = [
            ("txt", common::convert(&bytes, "txt")),
            ("md", common::convert(&bytes, "md")),
            (
                "pdf.txt",
                pdf_dump::dump(&common::convert(&bytes, "pdf"))
                    .golden()
                    .into_bytes(),
            ),
        ];
        for (ext, got) in outputs {
            let path = dir.join(format!("{stem}.{ext}"));
            if update {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&path, &got).unwrap();
            } else if std::fs::read(&path).ok() != Some(got) {
                stale.push(path.display().to_string());
            }
        }
    }
    assert!(
        stale.is_empty(),
        "golden files differ (review, then UPDATE_GOLDEN=1 cargo test --test suite scripts::): {stale:?}"
    );
}

/// Right-to-left text is written in logical order: a reader that takes the
/// content stream as it comes (pdfminer.six does) reads the Arabic name with
/// its lam-alef-maksura ligature, and the lam-alef of الأنظمة, as written.
#[test]
fn right_to_left_text_is_written_in_logical_order() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    for (fixture, strings) in [
        ("arabic", ["ليلى أحمد", "مهندسة الأنظمة"]),
        ("hebrew", ["נועה כהן", "מהנדסת תוכנה"]),
    ] {
        let bytes = std::fs::read(root.join(format!("tests/fixtures/rtl/{fixture}.json"))).unwrap();
        let dump = pdf_dump::dump(&common::convert(&bytes, "pdf"));
        let stream: String = dump.text().chars().filter(|&c| c != '\n').collect();
        for s in strings {
            assert!(
                stream.contains(s),
                "{fixture}: stream order lacks {s}: {stream}"
            );
        }
    }
}

/// Invisible formatting never takes a face of its own: a Latin resume with a
/// zero-width space (one real resume in the corpus ends a summary with one)
/// embeds only its layout's faces, and no packed script font is inflated.
#[test]
fn a_zero_width_space_takes_no_fallback_face() {
    let json =
        r#"{"basics": {"name": "Ada Lovelace", "summary": "Servlets para os tribunais.\u200b"}}"#;
    let pdf = common::convert(json.as_bytes(), "pdf");
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let fonts: Vec<String> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(|t| t.as_name()).ok() == Some(b"Font".as_slice()))
        .filter_map(|d| d.get(b"BaseFont").and_then(|b| b.as_name()).ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
        .collect();
    assert!(!fonts.is_empty());
    assert!(fonts.iter().all(|f| f.contains("NotoSerif-")), "{fonts:?}");
}
