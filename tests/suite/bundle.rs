//! `--bundle FILE.pdf`: the cover's table, a new page per candidate, bookmarks, redaction for all.

use crate::common;

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
    // The first candidate is German: so are the cover's words.
    assert!(xml.contains("<w:tbl>") && xml.contains("Kandidaten"));
    assert!(xml.contains(">Kandidat<") && xml.contains(">Seite<"));
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
        xml.matches("<w:sectPr>").count(),
        4,
        "the cover and each candidate a section, from a new page"
    );
    assert!(
        !xml.contains("Lena Vogel") && xml.contains("L. V."),
        "redacted"
    );
    // Word updates the PAGEREF fields on opening (before w:compat, as
    // the schema orders them).
    let mut settings = String::new();
    zip.by_name("word/settings.xml")
        .unwrap()
        .read_to_string(&mut settings)
        .unwrap();
    let update = settings.find(r#"<w:updateFields w:val="true" />"#);
    assert!(
        update.is_some() && update < settings.find("<w:compat>"),
        "{settings}"
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

/// Three candidates, two with their own `meta.ref`, in a fresh folder, and a
/// brand whose footer names the candidate and the reference.
fn shortlist(dir: &Path) -> (PathBuf, Vec<PathBuf>) {
    let mut resumes = Vec::new();
    for (file, reference) in [
        ("lebenslauf-de.json", Some("LV-1")),
        ("alex-rn.json", Some("AR-2")),
        ("jsonresume-sample.json", None),
    ] {
        let text = std::fs::read_to_string(sample(file)).unwrap();
        let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
        if let Some(r) = reference {
            v["meta"]["ref"] = serde_json::json!(r);
        }
        let path = dir.join(file);
        std::fs::write(&path, serde_json::to_vec(&v).unwrap()).unwrap();
        resumes.push(path);
    }
    let brand = dir.join("brand.toml");
    std::fs::write(
        &brand,
        "name = \"Acme Search\"\nfooter = \"Footer {name} / {ref}\"\n",
    )
    .unwrap();
    (brand, resumes)
}

fn run_bundle(out: &Path, brand: &Path, resumes: &[PathBuf], extra: &[&str]) {
    let run = Command::cargo_bin("resume-export")
        .unwrap()
        .arg("--bundle")
        .arg(out)
        .arg("--brand")
        .arg(brand)
        .args(extra)
        .args(resumes)
        .env("SOURCE_DATE_EPOCH", "1764633600")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    assert!(!stderr.contains("meta.ref"), "meta.ref is known: {stderr}");
}

/// Each candidate's pages carry their own name and reference (`meta.ref`,
/// else the bundle's `--ref`); the cover carries the bundle's.
#[test]
fn each_candidate_has_their_own_footer() {
    let dir = tempfile::tempdir().unwrap();
    let (brand, resumes) = shortlist(dir.path());
    let pdf = dir.path().join("b.pdf");
    run_bundle(&pdf, &brand, &resumes, &["--ref", "SL-9"]);
    let expected = [
        "Footer Kandidaten / SL-9",
        "Footer Lena Vogel / LV-1",
        "Footer Alex RN / AR-2",
        "Footer Richard Hendriks / SL-9",
    ];
    if let Some(cover) = text(&pdf, Some(1)) {
        let doc = lopdf::Document::load(&pdf).unwrap();
        let pages = doc.get_pages().len();
        let mut owner = Vec::new();
        for page in 1..=pages {
            let t = text(&pdf, Some(page)).unwrap();
            let found: Vec<usize> = (0..expected.len())
                .filter(|&k| t.contains(expected[k]))
                .collect();
            assert_eq!(found.len(), 1, "page {page}: one footer line: {t}");
            owner.push(found[0]);
        }
        // The cover, then each candidate's pages in order, each at least one.
        assert_eq!(owner[0], 0, "{cover}");
        let mut seen = owner.clone();
        seen.dedup();
        assert_eq!(seen, [0, 1, 2, 3], "{owner:?}");
        // The rows' start pages are where each candidate's footer begins.
        for (k, name) in ["Lena Vogel", "Alex RN", "Richard Hendriks"]
            .iter()
            .enumerate()
        {
            let row = cover.lines().find(|l| l.contains(name)).unwrap();
            let page: usize = row.split_whitespace().last().unwrap().parse().unwrap();
            assert_eq!(owner.iter().position(|&o| o == k + 1), Some(page - 1));
        }
    }
    // DOCX: a footer part per section, in order, each section naming its own.
    use std::io::Read;
    let docx = dir.path().join("b.docx");
    run_bundle(&docx, &brand, &resumes, &["--ref", "SL-9"]);
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut read = |name: &str| {
        let mut s = String::new();
        zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
        s
    };
    let body = read("word/document.xml");
    let sections: Vec<&str> = body.split("<w:sectPr>").skip(1).collect();
    assert_eq!(sections.len(), 4);
    for (k, (section, line)) in sections.iter().zip(expected).enumerate() {
        let rid = format!("rIdFooter{}", k + 1);
        let own = section.split("</w:sectPr>").next().unwrap();
        assert!(
            own.contains(&format!(r#"w:type="default" r:id="{rid}""#)),
            "section {k}: {own}"
        );
        let footer = read(&format!("word/footer{}.xml", k + 1));
        assert!(footer.contains(line), "footer {k}: {footer}");
    }
    // The band on the cover's first page only (pages = "first").
    assert_eq!(body.matches("rIdHeader1").count(), 1);
    assert_eq!(body.matches("<w:titlePg />").count(), 1);
    let rels = read("word/_rels/document.xml.rels");
    assert!(rels.contains("footer4.xml") && !rels.contains("footer5.xml"));
    let types = read("[Content_Types].xml");
    assert!(types.contains("/word/footer4.xml"));
}

/// The file ID (the trailer's first `/ID` string) of a bundle.
fn file_id(pdf: &Path) -> Vec<u8> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let id = doc.trailer.get(b"ID").unwrap().as_array().unwrap();
    id[0].as_str().unwrap().to_vec()
}

/// The same candidates behind another cover (title, brand, date) make a
/// file of another ID; the same inputs, the same ID.
#[test]
fn the_file_id_depends_on_the_cover() {
    let dir = tempfile::tempdir().unwrap();
    let (brand, resumes) = shortlist(dir.path());
    let other = dir.path().join("other.toml");
    std::fs::write(&other, "name = \"Other Agency\"\nfooter = \"{ref}\"\n").unwrap();
    let make = |name: &str, extra: &[&str], epoch: &str| {
        let out = dir.path().join(name);
        let run = Command::cargo_bin("resume-export")
            .unwrap()
            .arg("--bundle")
            .arg(&out)
            .args(extra)
            .args(&resumes)
            .env("SOURCE_DATE_EPOCH", epoch)
            .output()
            .unwrap();
        assert!(run.status.success());
        file_id(&out)
    };
    let b = brand.to_str().unwrap();
    let o = other.to_str().unwrap();
    let base = make("a.pdf", &["--title", "A", "--brand", b], "1764633600");
    assert_eq!(
        base,
        make("a2.pdf", &["--title", "A", "--brand", b], "1764633600")
    );
    let ids = [
        make("t.pdf", &["--title", "B", "--brand", b], "1764633600"),
        make("o.pdf", &["--title", "A", "--brand", o], "1764633600"),
        make("n.pdf", &["--title", "A"], "1764633600"),
        make(
            "r.pdf",
            &["--title", "A", "--brand", b, "--ref", "X"],
            "1764633600",
        ),
    ];
    for (k, id) in ids.iter().enumerate() {
        assert_ne!(id, &base, "variant {k}");
    }
}

/// The cover's default title and column heads are in the bundle's
/// language: `--lang`, else the first candidate's.
#[test]
fn the_cover_speaks_the_bundles_language() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.pdf");
    for (extra, words) in [
        (&[][..], ["Kandidaten", "Kandidat", "Position", "Seite"]),
        (
            &["--lang", "fr"][..],
            ["Candidats", "Candidat", "Poste", "Page"],
        ),
        (
            &["--lang", "ja"][..],
            ["候補者一覧", "候補者", "肩書き", "ページ"],
        ),
    ] {
        let run = bundle(&out, extra);
        assert!(run.status.success());
        let Some(cover) = text(&out, Some(1)) else {
            return;
        };
        for w in words {
            assert!(cover.contains(w), "{extra:?}: {w} in {cover}");
        }
        assert!(!cover.contains("Headline"), "{cover}");
    }
}

/// In a right-to-left language the cover's table runs from the right: the
/// candidate's name at the right margin, right-aligned, then the headline,
/// the page at the left (PDF); in the DOCX the table is `w:bidiVisual` and
/// the cover's paragraphs and (in Arabic too) the candidates' `w:bidi`. Left to right as
/// before otherwise.
#[test]
fn a_right_to_left_cover_runs_from_the_right() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("b.pdf");
    for rtl in [false, true] {
        let lang: &[&str] = if rtl { &["--lang", "ar"] } else { &[] };
        let run = bundle(&out, lang);
        assert!(run.status.success());
        let Some(words) = common::pdf_words(&out) else {
            break;
        };
        let find = |w: &str| words.iter().find(|(.., t)| t == w).expect(w);
        let name = find("Vogel");
        let headline = find("Data");
        let page = words
            .iter()
            .find(|(_, _, top, t)| (top - name.2).abs() < 1.0 && t == "2")
            .expect("the first row's page");
        let right = words.iter().map(|w| w.1).fold(0.0, f32::max);
        if rtl {
            assert!(
                name.1 > headline.1 && headline.1 > page.1,
                "name, headline, page from the right: {name:?} {headline:?} {page:?}"
            );
            assert!(
                right - name.1 < 1.0,
                "the name at the right margin: {name:?}"
            );
        } else {
            assert!(
                name.0 < headline.0 && headline.0 < page.0,
                "from the left: {name:?} {headline:?} {page:?}"
            );
            assert!(
                right - page.1 < 1.0,
                "the page at the right margin: {page:?}"
            );
        }
    }
    let docx = dir.path().join("b.docx");
    for rtl in [false, true] {
        let lang: &[&str] = if rtl { &["--lang", "ar"] } else { &[] };
        assert!(bundle(&docx, lang).status.success());
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
        let mut xml = String::new();
        zip.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        // Title, date and the four rows' three cells, then every paragraph
        // of the candidates (whose ids count up from 1), as `--lang ar`
        // makes them right to left too.
        let candidates = xml.matches("<w:p w14:paraId=\"0").count();
        assert!(candidates > 20, "{candidates}");
        let (tables, paragraphs) = if rtl {
            (1, 2 + 4 * 3 + candidates)
        } else {
            (0, 0)
        };
        assert_eq!(xml.matches("<w:tblPr><w:bidiVisual />").count(), tables);
        assert_eq!(xml.matches("<w:bidi />").count(), paragraphs, "{rtl}");
    }
}

/// A resume that cannot be read (or parsed) fails the bundle, and nothing is
/// written; the warnings about the resumes before it are shown all the same,
/// naming their files, before the error.
#[test]
fn a_failing_resume_still_shows_the_earlier_warnings() {
    let dir = tempfile::tempdir().unwrap();
    let warn = dir.path().join("warn.json");
    std::fs::write(
        &warn,
        r#"{"basics":{"name":"Warn Me"},"work":[{"name":"X","startDate":"sometime"}]}"#,
    )
    .unwrap();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, r#"{"basics": {"name": "#).unwrap();
    let out = dir.path().join("b.pdf");
    let warning = format!("warning: {}: work[0].startDate: not a date", warn.display());
    for last in [broken, dir.path().join("missing.json")] {
        let run = Command::cargo_bin("resume-export")
            .unwrap()
            .arg("--bundle")
            .arg(&out)
            .arg(&warn)
            .arg(sample("alex-rn.json"))
            .arg(&last)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        assert_eq!(run.status.code(), Some(1), "{stderr}");
        assert!(!out.exists(), "nothing written");
        let (Some(w), Some(e)) = (stderr.find(&warning), stderr.find("error:")) else {
            panic!("the warning and the error: {stderr}");
        };
        assert!(w < e, "the warning before the error: {stderr}");
        assert!(stderr.contains("the bundle was not written"), "{stderr}");
        // -q: the error alone.
        let quiet = Command::cargo_bin("resume-export")
            .unwrap()
            .args(["-q", "--bundle"])
            .arg(&out)
            .arg(&warn)
            .arg(&last)
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&quiet.stderr);
        assert!(
            !stderr.contains("warning:") && stderr.contains("error:"),
            "{stderr}"
        );
    }
}

/// A bundle whose cover runs right to left (its first candidate is Arabic):
/// the band in the header part and the cover's footer are `w:bidi`, and so
/// is each right-to-left candidate's footer; a left-to-right candidate's is not.
#[test]
fn a_right_to_left_bundle_has_right_to_left_letterhead_parts() {
    use std::io::Read;
    let dir = tempfile::tempdir().unwrap();
    let (brand, resumes) = shortlist(dir.path());
    let arabic = common::root().join("tests/fixtures/rtl/arabic.json");
    let docx = dir.path().join("b.docx");
    run_bundle(
        &docx,
        &brand,
        &[arabic, resumes[0].clone()],
        &["--ref", "SL-9"],
    );
    let mut zip = zip::ZipArchive::new(std::fs::File::open(&docx).unwrap()).unwrap();
    let mut bidi = |part: &str| {
        let mut xml = String::new();
        zip.by_name(part).unwrap().read_to_string(&mut xml).unwrap();
        xml.matches("<w:bidi />").count()
    };
    assert_eq!(bidi("word/header1.xml"), 2, "the band's two paragraphs");
    assert_eq!(bidi("word/footer1.xml"), 1, "the cover's footer");
    assert_eq!(bidi("word/footer2.xml"), 1, "the Arabic candidate's footer");
    assert_eq!(bidi("word/footer3.xml"), 0, "the German candidate's footer");
}
