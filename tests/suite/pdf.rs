//! PDF output: every sample and corpus file renders, the text of the PDF
//! (read back with lopdf) holds every name, employer, position and highlight,
//! output is byte-identical across runs, and golden dumps of the samples.
//!
//! `UPDATE_GOLDEN=1 cargo test --test suite pdf::` rewrites `tests/golden/*.pdf.txt`.

use crate::common;
use crate::pdf_dump;

use std::path::{Path, PathBuf};

use resume_export::backend::{self, RenderOptions};
use resume_export::document::{Block, Document, plain_text};
use resume_export::layout::Layout;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap();
    let layout = Layout::builtin("classic").unwrap();
    resume_export::load(&bytes, &layout).unwrap().1
}

fn render(doc: &Document, options: &RenderOptions) -> (Vec<u8>, Vec<String>) {
    let layout = Layout::builtin("classic").unwrap();
    let pdf = backend::find("pdf").unwrap();
    let out = pdf.render(doc, &layout, options).unwrap();
    (out.bytes, out.warnings)
}

/// Text for comparison: no whitespace, hyphens (hyphenation adds them at
/// line ends), soft hyphens or characters no bundled font has (emoji), so
/// line breaks cannot hide a match.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(c, '-' | '\u{AD}' | '\u{200B}'..='\u{200F}' | '\u{FE0F}')
        })
        .filter(|c| (*c as u32) < 0x1F000)
        .collect()
}

/// Names, employers, positions and highlights: what an ATS must find.
fn must_appear(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(doc.header.name.clone());
    for s in &doc.sections {
        for b in &s.blocks {
            if let Block::Entry(e) = b {
                out.extend(e.title.clone());
                out.extend(e.subtitle.clone());
                out.extend(e.bullets.iter().map(|b| plain_text(b)));
            }
        }
    }
    out.into_iter().filter(|s| !squash(s).is_empty()).collect()
}

#[test]
fn every_input_renders_with_its_text() {
    let mut failures = Vec::new();
    for path in common::inputs() {
        let doc = load(&path);
        let (bytes, _) = render(&doc, &RenderOptions::default());
        assert!(bytes.starts_with(b"%PDF-"), "{}", path.display());
        let dump = pdf_dump::dump(&bytes);
        // Nothing runs past the right margin (A4 595.3 pt, 18 mm margin).
        let right = 595.276 - 18.0 * 72.0 / 25.4 + 0.05;
        for run in dump.pages.iter().flatten() {
            if run.ink_end > right {
                failures.push(format!("{}: past the margin: {run:?}", path.display()));
            }
        }
        // A section heading is never the last line of a page.
        let headings: Vec<String> = doc
            .sections
            .iter()
            .map(|s| s.title.to_uppercase())
            .collect();
        for page in &dump.pages {
            let last = page
                .iter()
                .filter(|r| r.y > 40.0) // above the footer
                .min_by(|a, b| a.y.total_cmp(&b.y));
            if let Some(last) = last.filter(|r| headings.contains(&r.text)) {
                failures.push(format!("{}: heading ends a page: {last:?}", path.display()));
            }
        }
        let text = squash(&dump.text());
        for want in must_appear(&doc) {
            if !text.contains(&squash(&want)) {
                failures.push(format!("{}: missing {want:?}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn output_is_byte_identical_across_runs() {
    let doc = load(&manifest().join("samples/alex-rn.json"));
    let (a, _) = render(&doc, &RenderOptions::default());
    let (b, _) = render(&doc, &RenderOptions::default());
    assert_eq!(a, b);
    let dated = RenderOptions {
        timestamp: Some(1_700_000_000),
        ..RenderOptions::default()
    };
    let (c, _) = render(&doc, &dated);
    assert_ne!(a, c, "the timestamp reaches the file");
}

#[test]
fn letter_paper_and_page_count() {
    let doc = load(&manifest().join("samples/alex-rn.json"));
    let options = RenderOptions {
        paper: Some(resume_export::layout::Paper::Letter),
        ..RenderOptions::default()
    };
    let (bytes, warnings) = render(&doc, &options);
    assert!(warnings.is_empty(), "{warnings:?}");
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    let pages = pdf.get_pages();
    assert!((2..=3).contains(&pages.len()), "{} pages", pages.len());
    let first = pdf.get_dictionary(pages[&1]).unwrap();
    let media = first.get(b"MediaBox").unwrap().as_array().unwrap();
    assert_eq!(media[2].as_float().unwrap().round(), 612.0);
}

#[test]
fn unknown_characters_are_named_in_a_warning() {
    let mut doc = load(&manifest().join("samples/jsonresume-sample.json"));
    // Cuneiform: no bundled font has it (emoji now have Noto Emoji).
    doc.header.name = Some("Ada \u{12000} Lovelace".into());
    let (bytes, warnings) = render(&doc, &RenderOptions::default());
    assert!(
        warnings.iter().any(|w| w.contains("U+12000")),
        "{warnings:?}"
    );
    assert!(pdf_dump::dump(&bytes).text().contains("Ada  Lovelace"));
}

#[test]
fn golden_dumps_of_the_samples() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut stale = Vec::new();
    for name in ["alex-rn", "jsonresume-sample", "lebenslauf-de"] {
        let doc = load(&manifest().join(format!("samples/{name}.json")));
        let (bytes, _) = render(&doc, &RenderOptions::default());
        let got = pdf_dump::dump(&bytes).golden();
        let path = manifest().join(format!("tests/golden/{name}.pdf.txt"));
        if update {
            std::fs::write(&path, &got).unwrap();
        } else if std::fs::read_to_string(&path).ok().as_deref() != Some(got.as_str()) {
            stale.push(path.display().to_string());
        }
    }
    assert!(
        stale.is_empty(),
        "golden dumps differ (review, then UPDATE_GOLDEN=1 cargo test --test suite pdf::): {stale:?}"
    );
}
