//! `--brand`: the letterhead in PDF (artifact), DOCX (header and footer parts) and HTML, placeholders, accent, a missing logo.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use assert_cmd::cargo::CommandCargoExt;

use crate::common;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The German sample with `meta.ref`, in a fresh folder.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join("samples/lebenslauf-de.json")).unwrap();
    let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["meta"]["ref"] = serde_json::json!("META-REF-9");
    let path = dir.path().join("lena.json");
    std::fs::write(&path, serde_json::to_vec(&v).unwrap()).unwrap();
    (dir, path)
}

fn run(resume: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("resume-export")
        .unwrap()
        .args(args)
        .arg("-d")
        .arg(resume.parent().unwrap())
        .arg(resume)
        .env("SOURCE_DATE_EPOCH", "1764633600")
        .output()
        .unwrap()
}

fn export(resume: &Path, args: &[&str]) {
    let out = run(resume, args);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// The subtypes of the PDF's XObjects named `Logo` in any resource dictionary.
fn logo_kinds(pdf: &Path) -> Vec<String> {
    let doc = lopdf::Document::load(pdf).unwrap();
    let mut kinds = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        let Ok(xobjects) = dict.get(b"XObject") else {
            continue;
        };
        let xobjects = match xobjects {
            lopdf::Object::Reference(r) => doc.get_dictionary(*r).unwrap(),
            o => o.as_dict().unwrap(),
        };
        if let Ok(r) = xobjects.get(b"Logo").and_then(lopdf::Object::as_reference) {
            let logo = doc.get_object(r).unwrap().as_stream().unwrap();
            let kind = logo.dict.get(b"Subtype").unwrap().as_name().unwrap();
            kinds.push(String::from_utf8_lossy(kind).into_owned());
        }
    }
    kinds
}

fn part(docx: &Path, name: &str) -> Option<String> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut f = zip.by_name(name).ok()?;
    let mut bytes = Vec::new();
    f.read_to_end(&mut bytes).unwrap();
    Some(String::from_utf8_lossy(&bytes).into_owned())
}

fn tool(cmd: &str, args: &[&str], file: &Path) -> Option<String> {
    let out = Command::new(cmd)
        .args(args)
        .arg(file)
        .arg("-")
        .output()
        .ok()?;
    Some(String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn letterhead_in_pdf_docx_and_html() {
    let (dir, resume) = setup();
    let brand = root().join("samples/brand");
    export(
        &resume,
        &["-f", "pdf,docx,html", "--brand", brand.to_str().unwrap()],
    );
    let d = dir.path();
    // PDF: the band's and the footer's text, the reference from meta.ref and
    // the date from SOURCE_DATE_EPOCH; none of it in the structure tree.
    if let Some(text) = tool("pdftotext", &[], &d.join("lena.pdf")) {
        assert!(text.contains("Northlight Talent Partners"), "{text}");
        assert!(
            text.contains("Candidate ref META-REF-9 · 2025-12-02 · Confidential"),
            "{text}"
        );
        let page2 = tool("pdftotext", &["-f", "2", "-l", "2"], &d.join("lena.pdf")).unwrap();
        assert!(
            page2.contains("Candidate ref META-REF-9"),
            "footer on every page"
        );
        assert!(
            !page2.contains("Maria Keller"),
            "band on the first page only"
        );
    }
    let pdf_struct = Command::new("pdfinfo")
        .arg("-struct-text")
        .arg(d.join("lena.pdf"))
        .output();
    if let Ok(out) = pdf_struct {
        let tree = String::from_utf8_lossy(&out.stdout);
        assert!(tree.contains("Lena Vogel"), "{tree}");
        assert!(
            !tree.contains("Northlight") && !tree.contains("META-REF"),
            "artifacts: {tree}"
        );
    }
    // The sample's logo is an SVG: a drawing (Form XObject), not pixels.
    assert_eq!(logo_kinds(&d.join("lena.pdf")), ["Form"]);
    // DOCX: header and footer parts; the body holds none of it.
    let docx = d.join("lena.docx");
    let header = part(&docx, "word/header1.xml").unwrap();
    assert!(header.contains("Northlight Talent Partners") && header.contains("Maria Keller"));
    assert!(
        header.contains(r#"descr="Northlight Talent Partners""#),
        "logo alt text"
    );
    assert!(part(&docx, "word/media/logo.png").is_some());
    assert!(
        part(&docx, "word/_rels/header1.xml.rels")
            .unwrap()
            .contains("media/logo.png")
    );
    for footer in ["word/footer1.xml", "word/footer2.xml"] {
        assert!(
            part(&docx, footer)
                .unwrap()
                .contains("Candidate ref META-REF-9")
        );
    }
    let body = part(&docx, "word/document.xml").unwrap();
    assert!(!body.contains("Northlight") && body.contains("titlePg"));
    assert!(body.contains("rIdHeader1") && body.contains("rIdFooter2"));
    let types = part(&docx, "[Content_Types].xml").unwrap();
    assert!(types.contains("/word/header1.xml") && types.contains("/word/footer2.xml"));
    // HTML: the band, the footer, the accent colour of the brand.
    let html = std::fs::read_to_string(d.join("lena.html")).unwrap();
    assert!(html.contains("<aside class=\"letterhead\""));
    assert!(
        html.contains("data:image/svg+xml;base64,"),
        "an SVG logo stays a drawing"
    );
    assert!(html.contains("<footer class=\"letterhead-footer\">"));
    assert!(html.contains("#142d50"), "the brand's accent");
}

#[test]
fn every_page_ref_option_and_redacted_name() {
    let (dir, resume) = setup();
    let brand_dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        root().join("samples/brand/logo.png"),
        brand_dir.path().join("logo.png"),
    )
    .unwrap();
    let toml = brand_dir.path().join("agency.toml");
    std::fs::write(
        &toml,
        "name = \"Acme Search\"\nlogo = \"logo.png\"\nfooter = \"For {name} · ref {ref}\"\npages = \"every\"\n",
    )
    .unwrap();
    export(
        &resume,
        &[
            "-f",
            "pdf,docx",
            "--brand",
            toml.to_str().unwrap(),
            "--ref",
            "CLI-1",
            "--redact",
            "name",
        ],
    );
    if let Some(page2) = tool(
        "pdftotext",
        &["-f", "2", "-l", "2"],
        &dir.path().join("lena.pdf"),
    ) {
        assert!(page2.contains("Acme Search"), "band on every page: {page2}");
        assert!(page2.contains("For L. V. · ref CLI-1"), "{page2}");
        assert!(!page2.contains("Lena Vogel"));
    }
    assert_eq!(logo_kinds(&dir.path().join("lena.pdf")), ["Image"]);
    let docx = dir.path().join("lena.docx");
    assert!(
        part(&docx, "word/footer1.xml")
            .unwrap()
            .contains("For L. V. · ref CLI-1")
    );
    assert!(part(&docx, "word/footer2.xml").is_none());
    assert!(
        !part(&docx, "word/document.xml")
            .unwrap()
            .contains("titlePg")
    );
}

#[test]
fn a_missing_logo_is_an_error_naming_it() {
    let (_dir, resume) = setup();
    let brand_dir = tempfile::tempdir().unwrap();
    let toml = brand_dir.path().join("brand.toml");
    std::fs::write(&toml, "name = \"Acme\"\nlogo = \"nowhere.png\"\n").unwrap();
    let out = run(&resume, &["--brand", brand_dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("nowhere.png"), "{stderr}");
    std::fs::write(&toml, "name = \"Acme\"\ncolour = \"#000000\"\n").unwrap();
    let out = run(&resume, &["--brand", toml.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("brand.toml"));
}

/// A footer of several lines (one given, two more from wrapping) is shown
/// whole, above the page number, and the content area is shorter by the
/// lines after the first, so no body text is under it.
#[test]
fn a_long_footer_wraps_and_keeps_clear_of_the_text() {
    let (dir, resume) = setup();
    let toml = dir.path().join("long.toml");
    let long = "Presented by Northlight Talent Partners, Friedrichstraße 123, 10117 Berlin, \
                registered at Amtsgericht Charlottenburg HRB 123456 B, managing director Maria Keller";
    std::fs::write(
        &toml,
        format!("name = \"Acme\"\nfooter = \"\"\"\nFIRSTLINE {{ref}}\n{long} ENDMARK\"\"\"\n"),
    )
    .unwrap();
    export(
        &resume,
        &["-f", "pdf,docx", "--brand", toml.to_str().unwrap()],
    );
    // DOCX: the given line break is one in the footer part (Word wraps the rest).
    let footer = part(&dir.path().join("lena.docx"), "word/footer1.xml").unwrap();
    let br = footer.find("<w:br w:type=\"textWrapping\" />");
    assert!(
        br.is_some() && footer.find("META-REF-9") < br && br < footer.find("Presented"),
        "{footer}"
    );
    let pdf = dir.path().join("lena.pdf");
    let Some(bbox) = tool("pdftotext", &["-bbox"], &pdf) else {
        return;
    };
    // Words of page 1 with their top and bottom (points from the page's top).
    let page1 = bbox.split("</page>").next().unwrap();
    let words: Vec<(f32, f32, String)> = page1
        .lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .map(|l| {
            let attr = |name: &str| -> f32 {
                let from = l.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
                l[from..].split('"').next().unwrap().parse().unwrap()
            };
            let text = l.split('>').nth(1).unwrap().split('<').next().unwrap();
            (attr("yMin"), attr("yMax"), text.to_string())
        })
        .collect();
    let find = |w: &str| {
        words
            .iter()
            .find(|(_, _, t)| t == w)
            .unwrap_or_else(|| panic!("{w} on page 1"))
    };
    let (first_top, ..) = find("FIRSTLINE");
    let (end_top, end_bottom, _) = find("ENDMARK");
    assert!(
        find("META-REF-9").0 < end_bottom - 15.0,
        "three lines at least"
    );
    // The page number ("1 / 2") is the lowest line of the page.
    let page_number = words
        .iter()
        .filter(|(_, _, t)| t == "/")
        .map(|(top, ..)| *top)
        .fold(0.0, f32::max);
    assert!(
        *end_top + 8.0 <= page_number,
        "the footer's last line ({end_top}) above the page number ({page_number})"
    );
    let body_bottom = words
        .iter()
        .filter(|(top, ..)| top < first_top)
        .map(|(_, bottom, _)| *bottom)
        .fold(0.0, f32::max);
    assert!(
        body_bottom < *first_top,
        "the text ends at {body_bottom}, above the footer at {first_top}"
    );
    // The page's content ran closer to the footer's first line than a page
    // would without the reserve, so the test is not vacuous.
    assert!(*first_top - body_bottom < 60.0, "{body_bottom} {first_top}");
}

/// A line break in the footer is a `<br>` in the HTML (as it is a break in
/// the PDF and the DOCX), and the text around it is still escaped.
#[test]
fn a_line_break_in_the_footer_is_a_break_in_html() {
    let (dir, resume) = setup();
    let toml = dir.path().join("br.toml");
    std::fs::write(
        &toml,
        "name = \"Acme\"\nfooter = \"Smith & Co\\n<b>ref</b> {ref}\\r\\nlast\"\n",
    )
    .unwrap();
    export(&resume, &["-f", "html", "--brand", toml.to_str().unwrap()]);
    let html = std::fs::read_to_string(dir.path().join("lena.html")).unwrap();
    assert!(
        html.contains(
            "<footer class=\"letterhead-footer\"><p>Smith &amp; Co<br>&lt;b&gt;ref&lt;/b&gt; META-REF-9<br>last</p></footer>"
        ),
        "{}",
        html.lines()
            .find(|l| l.contains("letterhead-footer\">"))
            .unwrap_or(&html)
    );
}

/// A footer that needs more than the four lines the PDF shows is cut after
/// the last word that fits, with an ellipsis, and a warning says so (the PDF is still written); one that fits says nothing.
#[test]
fn a_footer_cut_to_four_lines_is_a_warning() {
    let (dir, resume) = setup();
    let toml = dir.path().join("six.toml");
    std::fs::write(
        &toml,
        "name = \"Acme\"\nfooter = \"ONE {ref}\\nTWO\\nTHREE\\nFOUR\\nFIVE ENDMARK\\nSIX\"\n",
    )
    .unwrap();
    let cut = "the brand's footer needs 6 lines at this page width and the PDF shows at most 4: \
               it was shortened to its first 4 lines";
    let out = run(
        &resume,
        &["-f", "pdf,docx", "--brand", toml.to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("lena.json: pdf: {cut}")),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("footer needs").count(),
        1,
        "PDF only: {stderr}"
    );
    let pdf = dir.path().join("lena.pdf");
    if let Some(text) = tool("pdftotext", &[], &pdf) {
        // The last line shown ends in an ellipsis: something was left out.
        assert!(
            text.contains("FOUR…") && !text.contains("ENDMARK"),
            "{text}"
        );
    }
    // A bundle: once for the file, though the cover and each page carry it.
    let bundle = dir.path().join("b.pdf");
    let out = Command::cargo_bin("resume-export")
        .unwrap()
        .arg("--bundle")
        .arg(&bundle)
        .arg("--brand")
        .arg(&toml)
        .args(["--ref", "SL-1"])
        .arg(&resume)
        .arg(&resume)
        .env("SOURCE_DATE_EPOCH", "1764633600")
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains(&format!("b.pdf: {cut}")), "{stderr}");
    assert_eq!(stderr.matches("footer needs").count(), 1, "{stderr}");
    // The sample brand's footer fits on one line.
    let out = run(
        &resume,
        &["--brand", root().join("samples/brand").to_str().unwrap()],
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success() && !stderr.contains("footer"),
        "{stderr}"
    );
}

/// Where page 1 places the logo: the x of the `cm` before `/Logo Do`.
fn logo_x(pdf: &Path) -> f32 {
    let doc = lopdf::Document::load(pdf).unwrap();
    let page = *doc.get_pages().get(&1).unwrap();
    let content = lopdf::content::Content::decode(&doc.get_page_content(page)).unwrap();
    let mut cm = None;
    for op in content.operations {
        match op.operator.as_str() {
            "cm" => cm = op.operands.get(4).map(|x| x.as_float().unwrap()),
            "Do" if op.operands.first().and_then(|o| o.as_name().ok()) == Some(&b"Logo"[..]) => {
                return cm.unwrap();
            }
            _ => {}
        }
    }
    panic!("no logo on page 1 of {}", pdf.display());
}

/// In a right-to-left resume the band is mirrored: the logo at the right
/// margin and the agency's name at the left; left to right, the other way.
#[test]
fn the_band_is_mirrored_right_to_left() {
    let dir = tempfile::tempdir().unwrap();
    let brand = root().join("samples/brand");
    for (stem, src, rtl) in [
        ("ltr", "samples/lebenslauf-de.json", false),
        ("rtl", "tests/fixtures/rtl/arabic.json", true),
    ] {
        let resume = dir.path().join(format!("{stem}.json"));
        std::fs::copy(root().join(src), &resume).unwrap();
        export(&resume, &["-f", "pdf", "--brand", brand.to_str().unwrap()]);
        let pdf = dir.path().join(format!("{stem}.pdf"));
        // A4 is 595 pt wide: the halves of the page.
        let logo = logo_x(&pdf);
        assert_eq!(logo > 297.0, rtl, "{stem}: the logo at x = {logo}");
        let Some(words) = common::pdf_words(&pdf) else {
            continue; // no pdftotext
        };
        let agency = words
            .iter()
            .find(|w| w.3 == "Northlight")
            .unwrap_or_else(|| panic!("{stem}: no agency name in {words:?}"));
        assert_eq!(
            agency.0 < 297.0,
            rtl,
            "{stem}: the agency's name at {agency:?}"
        );
    }
}
