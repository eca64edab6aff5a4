//! Hard hyphens at line ends (issue 10): a PDF line ends right after a hard
//! hyphen only as a last resort, and never inside a URL or an e-mail
//! address, because extractors take such a hyphen for a soft one and join
//! `cross-` and `team` into `crossteam`.

use crate::pdf_dump;

use std::collections::BTreeMap;
use std::path::PathBuf;

use resume_export::backend::{self, RenderOptions};
use resume_export::layout::Layout;

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The PDF of a resume (JSON text) with a built-in layout.
fn pdf(json: &str, layout: &str) -> Vec<u8> {
    let layout = Layout::builtin(layout).unwrap();
    let (_, doc) = resume_export::load(json.as_bytes(), &layout).unwrap();
    let pdf = backend::find("pdf").unwrap();
    pdf.render(&doc, &layout, &RenderOptions::default())
        .unwrap()
        .bytes
}

/// The text lines of a PDF, top to bottom, page after page (runs that
/// share a baseline, left to right).
fn lines(pdf: &[u8]) -> Vec<String> {
    let mut out = Vec::new();
    for page in pdf_dump::dump(pdf).pages {
        let mut by_y: BTreeMap<i64, Vec<&pdf_dump::Run>> = BTreeMap::new();
        for run in &page {
            by_y.entry(-(run.y * 10.0).round() as i64)
                .or_default()
                .push(run);
        }
        for mut runs in by_y.into_values() {
            runs.sort_by(|a, b| a.x.total_cmp(&b.x));
            out.push(runs.iter().map(|r| r.text.as_str()).collect());
        }
    }
    out
}

/// A resume with one highlight.
fn with_highlight(text: &str) -> String {
    serde_json::json!({
        "basics": {"name": "Ada Lovelace"},
        "work": [{"name": "Analytical Engines", "position": "Engineer", "highlights": [text]}]
    })
    .to_string()
}

#[test]
fn the_german_sample_keeps_bi_werkzeugs_whole() {
    // It used to end a line with "BI-", which poppler reads as "BIWerkzeugs".
    let json = std::fs::read_to_string(manifest().join("samples/lebenslauf-de.json")).unwrap();
    let lines = lines(&pdf(&json, "classic"));
    assert!(
        lines.iter().any(|l| l.contains("BI-Werkzeugs")),
        "{lines:#?}"
    );
}

#[test]
fn a_compound_at_a_line_end_moves_down_whole() {
    // A word of 1 to 95 letters in front moves the line end through every
    // character; at some lengths "cross-" fits on the first line and "team"
    // does not.
    for layout in ["classic", "modern", "compact"] {
        let mut found = false;
        for pad in 1..96 {
            let text = format!(
                "{} drove the cross-team rollout of the new on-call rotation and more",
                "x".repeat(pad)
            );
            let lines = lines(&pdf(&with_highlight(&text), layout));
            assert!(
                !lines.iter().any(|l| l.ends_with("cross-")),
                "{layout}: {lines:#?}"
            );
            found |= lines.iter().any(|l| l.starts_with("cross-team"));
        }
        assert!(found, "{layout}: no padding put cross-team at a line start");
    }
}

#[test]
fn a_url_with_hyphens_never_breaks_after_one() {
    let url = "http://tools.ietf.org/html/draft-dipankar-nfsv4-pathless-objects-02";
    for layout in ["classic", "modern", "compact"] {
        for pad in 0..40 {
            let text = format!("{} IETF draft {url}", "word ".repeat(pad));
            let lines = lines(&pdf(&with_highlight(&text), layout));
            let joined = lines.concat();
            assert!(joined.contains(url), "{layout}: {lines:#?}");
            let broken = lines.windows(2).any(|w| {
                w[0].ends_with('-')
                    && url.contains(&format!(
                        "{}{}",
                        w[0].rsplit(' ').next().unwrap_or(""),
                        w[1].split(' ').next().unwrap_or("")
                    ))
            });
            assert!(!broken, "{layout} pad {pad}: {lines:#?}");
        }
    }
}
