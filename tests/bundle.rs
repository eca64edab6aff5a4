//! `--bundle FILE.pdf`: the cover's table, a new page per candidate, bookmarks, redaction for all.

use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

fn sample(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("samples")
        .join(name)
}

fn bundle(out: &Path, extra: &[&str]) -> std::process::Output {
    Command::cargo_bin("resume-export")
        .unwrap()
        .arg("--bundle")
        .arg(out)
        .args(extra)
        .arg(sample("lebenslauf-de.json"))
        .arg(sample("alex-rn.json"))
        .arg(sample("jsonresume-sample.json"))
        .env("SOURCE_DATE_EPOCH", "1764633600")
        .output()
        .unwrap()
}

fn text(pdf: &Path, page: Option<usize>) -> Option<String> {
    let mut cmd = Command::new("pdftotext");
    cmd.arg("-layout");
    if let Some(p) = page {
        cmd.args(["-f", &p.to_string(), "-l", &p.to_string()]);
    }
    let out = cmd.arg(pdf).arg("-").output().ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn cover_table_pages_and_bookmarks() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("shortlist.pdf");
    let run = bundle(
        &out,
        &[
            "--title",
            "Shortlist",
            "--brand",
            sample("brand").to_str().unwrap(),
        ],
    );
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    let doc = lopdf::Document::load_mem(&bytes).unwrap();
    let pages = doc.get_pages().len();
    assert!(pages >= 4, "cover and three candidates: {pages}");
    let Some(cover) = text(&out, Some(1)) else {
        eprintln!("note: pdftotext not found; the text checks are left out");
        return;
    };
    assert!(
        cover.contains("Shortlist") && cover.contains("2025-12-02"),
        "{cover}"
    );
    assert!(
        cover.contains("Northlight Talent Partners"),
        "the letterhead: {cover}"
    );
    // Each row: name, headline, and the page the candidate starts on.
    let mut starts = Vec::new();
    for (name, headline) in [
        ("Lena Vogel", "Data Engineer"),
        ("Alex RN", "Software Engineer"),
        ("Richard Hendriks", "Programmer"),
    ] {
        let row = cover.lines().find(|l| l.contains(name)).expect(name);
        assert!(row.contains(headline), "{row}");
        let page: usize = row.split_whitespace().last().unwrap().parse().unwrap();
        let first = text(&out, Some(page)).unwrap();
        assert!(
            first.trim_start().starts_with(name),
            "{name} starts page {page}: {first}"
        );
        starts.push(page);
    }
    assert_eq!(starts[0], 2);
    assert!(starts.windows(2).all(|w| w[0] < w[1]));
    // The outline: one entry per candidate, its sections inside.
    let json = Command::new("qpdf").arg("--json").arg(&out).output();
    if let Ok(json) = json {
        let v: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
        let outlines = v["outlines"].as_array().unwrap();
        let titles: Vec<&str> = outlines
            .iter()
            .map(|o| o["title"].as_str().unwrap())
            .collect();
        assert_eq!(titles, ["Lena Vogel", "Alex RN", "Richard Hendriks"]);
        for o in outlines {
            assert!(o["kids"].as_array().unwrap().len() >= 3, "{o}");
        }
        assert_eq!(outlines[0]["kids"][0]["title"], "Profil");
    }
}

#[test]
fn redaction_applies_to_every_candidate() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.pdf");
    let run = bundle(&out, &["--redact", "all"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let Some(all) = text(&out, None) else { return };
    for secret in [
        "Lena Vogel",
        "Alex RN",
        "Richard Hendriks",
        "lena.vogel@example.com",
        "richard.hendriks@mail.com",
    ] {
        assert!(!all.contains(secret), "{secret} left in the bundle");
    }
    assert!(all.contains("L. V.") && all.contains("R. H."));
}

#[test]
fn docx_bundle_has_a_cover_table_and_a_page_per_candidate() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.docx");
    let run = bundle(&out, &["--redact", "name"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(xml.contains("<w:tbl>") && xml.contains("Candidates"));
    for n in 1..=3 {
        assert!(
            xml.contains(&format!(r#"w:name="candidate{n}""#)),
            "bookmark {n}"
        );
        assert!(
            xml.contains(&format!("PAGEREF candidate{n} \\h")),
            "page field {n}"
        );
    }
    assert_eq!(
        xml.matches("<w:pageBreakBefore />").count(),
        3,
        "a new page per candidate"
    );
    assert!(
        !xml.contains("Lena Vogel") && xml.contains("L. V."),
        "redacted"
    );
    // Paragraph ids stay unique across candidates.
    let mut ids: Vec<&str> = xml
        .split("w14:paraId=\"")
        .skip(1)
        .map(|s| s.split('"').next().unwrap())
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n);
}

#[test]
fn other_extensions_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let run = bundle(&dir.path().join("b.html"), &[]);
    assert_eq!(run.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&run.stderr).contains(".pdf or .docx"));
}
