//! `--max-pages N`: a two-page resume fits one page with all its text, a
//! resume that cannot fit fails with how much it overflows and writes
//! nothing, a resume that fits already is untouched, DOCX takes the tighter
//! sizes, and fitting is deterministic.

use crate::pdf_dump;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use resume_export::backend::{self, RenderError, RenderOptions};
use resume_export::document::{Block, Document, plain_text};
use resume_export::layout::Layout;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &str, layout: &Layout) -> Document {
    let bytes = std::fs::read(manifest().join(path)).unwrap();
    resume_export::load(&bytes, layout).unwrap().1
}

fn fit(max_pages: Option<u32>) -> RenderOptions {
    RenderOptions {
        max_pages,
        ..RenderOptions::default()
    }
}

fn render(
    format: &str,
    doc: &Document,
    layout: &Layout,
    options: &RenderOptions,
) -> Result<Vec<u8>, RenderError> {
    let b = backend::find(format).unwrap();
    b.render(doc, layout, options).map(|r| {
        assert!(r.warnings.is_empty(), "{:?}", r.warnings);
        r.bytes
    })
}

fn pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
}

/// Text for comparison: lower case, no whitespace, hyphens or soft
/// hyphens, so line breaks (which move when the type shrinks) and capital
/// headings cannot hide a match.
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{AD}'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Name, employers, positions, details and highlights of every entry.
fn must_appear(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    out.extend(doc.header.name.clone());
    for s in &doc.sections {
        out.push(s.title.clone());
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
fn a_two_page_resume_fits_one_page_with_all_its_text() {
    for name in ["classic", "modern"] {
        let layout = Layout::builtin(name).unwrap();
        let doc = load("samples/jsonresume-sample.json", &layout);
        let before = render("pdf", &doc, &layout, &fit(None)).unwrap();
        assert_eq!(pages(&before), 2, "{name}: the sample is two pages");
        let after = render("pdf", &doc, &layout, &fit(Some(1))).unwrap();
        assert_eq!(pages(&after), 1, "{name}");
        let text = squash(&pdf_dump::dump(&after).text());
        let missing: Vec<String> = must_appear(&doc)
            .into_iter()
            .filter(|w| !text.contains(&squash(w)))
            .collect();
        assert!(missing.is_empty(), "{name}: missing {missing:?}");
        // Every link and bookmark survives too.
        let (a, b) = (pdf_dump::dump(&before), pdf_dump::dump(&after));
        assert_eq!(a.links, b.links, "{name}");
        assert_eq!(a.outline, b.outline, "{name}");
    }
}

#[test]
fn the_fitted_page_stays_within_the_tightest_margins() {
    let layout = Layout::builtin("classic").unwrap();
    let def = layout.definition();
    let doc = load("samples/jsonresume-sample.json", &layout);
    let pdf = render("pdf", &doc, &layout, &fit(Some(1))).unwrap();
    let mm = 72.0 / 25.4;
    let right = 595.276 - def.fit.min_margin_mm * mm + 0.05;
    for run in pdf_dump::dump(&pdf).pages.iter().flatten() {
        assert!(run.x >= def.fit.min_margin_mm * mm - 0.05, "{run:?}");
        assert!(run.ink_end <= right, "past the margin: {run:?}");
    }
}

#[test]
fn a_fitting_resume_is_untouched() {
    for (layout, sample, max) in [
        ("classic", "samples/jsonresume-sample.json", 2),
        ("classic", "samples/alex-rn.json", 3),
        ("compact", "samples/jsonresume-sample.json", 1),
    ] {
        let layout = Layout::builtin(layout).unwrap();
        let doc = load(sample, &layout);
        for format in ["pdf", "docx"] {
            let plain = render(format, &doc, &layout, &fit(None)).unwrap();
            let fitted = render(format, &doc, &layout, &fit(Some(max))).unwrap();
            assert!(
                plain == fitted,
                "{sample} {format} --max-pages {max} changed it"
            );
        }
    }
}

#[test]
fn fitting_is_deterministic() {
    let layout = Layout::builtin("classic").unwrap();
    let doc = load("samples/alex-rn.json", &layout);
    for format in ["pdf", "docx"] {
        let a = render(format, &doc, &layout, &fit(Some(2))).unwrap();
        let b = render(format, &doc, &layout, &fit(Some(2))).unwrap();
        assert!(a == b, "{format}");
        let plain = render(format, &doc, &layout, &fit(None)).unwrap();
        assert!(
            a != plain,
            "{format}: alex-rn is three pages, so it was tightened"
        );
    }
    let pdf = render("pdf", &doc, &layout, &fit(Some(2))).unwrap();
    assert_eq!(pages(&pdf), 2);
}

#[test]
fn a_resume_that_cannot_fit_says_by_how_much() {
    let layout = Layout::builtin("classic").unwrap();
    let doc = load("samples/alex-rn.json", &layout);
    for format in ["pdf", "docx"] {
        let err = render(format, &doc, &layout, &fit(Some(1))).unwrap_err();
        assert!(matches!(err, RenderError::DoesNotFit(_)), "{err:?}");
        let msg = err.to_string();
        assert!(
            msg.starts_with("does not fit on 1 page even at the tightest"),
            "{msg}"
        );
        assert!(msg.contains(" lines over (about "), "{msg}");
        assert!(msg.contains("% of a page)"), "{msg}");
    }
}

/// Every `w:val` of `element` in a part, as numbers.
fn values(xml: &str, element: &str) -> Vec<i64> {
    let needle = format!("<w:{element} ");
    xml.match_indices(&needle)
        .flat_map(|(i, _)| {
            let tag = &xml[i..xml[i..].find('>').map_or(xml.len(), |e| i + e)];
            tag.split(' ')
                .filter_map(|attr| {
                    let (k, v) = attr.split_once('=')?;
                    let v = v.trim_end_matches('/').trim_matches('"');
                    matches!(k, "w:val" | "w:before" | "w:after" | "w:line")
                        .then(|| v.parse().ok())
                        .flatten()
                })
                .collect::<Vec<i64>>()
        })
        .collect()
}

fn docx_parts(bytes: &[u8]) -> BTreeMap<String, String> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().to_string(), s)
        })
        .collect()
}

#[test]
fn docx_takes_the_sizes_and_spacing_the_pdf_engine_fitted() {
    let layout = Layout::builtin("classic").unwrap();
    let doc = load("samples/jsonresume-sample.json", &layout);
    let plain = docx_parts(&render("docx", &doc, &layout, &fit(None)).unwrap());
    let fitted = docx_parts(&render("docx", &doc, &layout, &fit(Some(1))).unwrap());
    for element in ["sz", "spacing"] {
        let a = values(&plain["word/styles.xml"], element);
        let b = values(&fitted["word/styles.xml"], element);
        assert_eq!(a.len(), b.len(), "{element}");
        assert!(!a.is_empty(), "{element}");
        assert!(
            a.iter().zip(&b).all(|(x, y)| y <= x),
            "{element}: {a:?} {b:?}"
        );
        assert!(
            b.iter().sum::<i64>() < a.iter().sum::<i64>(),
            "{element}: {a:?} {b:?}"
        );
    }
    // The margins shrank too (classic: 16 mm top = 907 twips; 11 mm = 624).
    let doc_xml = &fitted["word/document.xml"];
    assert!(doc_xml.contains(r#"<w:pgMar w:top="624""#), "{doc_xml}");
}

fn export(dir: &Path, args: &[&str]) -> assert_cmd::assert::Assert {
    Command::cargo_bin("resume-export")
        .unwrap()
        .current_dir(manifest())
        .args(args)
        .arg("-d")
        .arg(dir)
        .assert()
}

#[test]
fn the_command_line_fits_or_fails_with_exit_1_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let out = export(
        dir.path(),
        &[
            "-f",
            "pdf,docx",
            "samples/jsonresume-sample.json",
            "--max-pages",
            "1",
        ],
    )
    .success();
    assert!(out.get_output().stderr.is_empty(), "no warnings");
    let pdf = std::fs::read(dir.path().join("jsonresume-sample.pdf")).unwrap();
    assert_eq!(pages(&pdf), 1);
    assert!(dir.path().join("jsonresume-sample.docx").exists());

    let failed = tempfile::tempdir().unwrap();
    let out = export(
        failed.path(),
        &["-f", "pdf,docx", "samples/alex-rn.json", "--max-pages", "1"],
    )
    .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(
        stderr.contains("alex-rn.json: pdf output failed: does not fit on 1 page"),
        "{stderr}"
    );
    assert!(stderr.contains("lines over"), "{stderr}");
    let written: Vec<_> = std::fs::read_dir(failed.path()).unwrap().collect();
    assert!(written.is_empty(), "{written:?}");

    // N is at least 1.
    export(dir.path(), &["samples/alex-rn.json", "--max-pages", "0"]).code(2);
}

#[test]
fn a_layout_that_allows_no_tightening_fails_at_once() {
    let classic = Layout::builtin("classic").unwrap();
    let layout = Layout::from_source(resume_export::layout::Source {
        name: "strict".into(),
        files: vec![(
            "layout.toml".into(),
            "extends = \"classic\"\n[fit]\nmin_spacing_scale = 1.0\nmin_line_height = 2.0\n\
             min_margin_mm = 30.0\nmin_font_scale = 1.0\n"
                .into(),
        )],
    })
    .unwrap();
    let doc = load("samples/jsonresume-sample.json", &classic);
    let err = render("pdf", &doc, &layout, &fit(Some(1))).unwrap_err();
    assert!(err.to_string().contains("does not fit on 1 page"), "{err}");
}
