//! The layouts' looks in Word: contact icons as decorative pictures, the photo in the sidebar's cell, the split header's row, bundles in two columns; and `check` reads them as the body.

use crate::common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use common::root;
use resume_export::backend::{self, RenderOptions};
use resume_export::layout::Layout;

/// Every part of a DOCX, by name.
fn parts(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).unwrap();
            let mut data = Vec::new();
            f.read_to_end(&mut data).unwrap();
            (f.name().to_string(), data)
        })
        .collect()
}

fn text(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> String {
    String::from_utf8(parts[name].clone()).unwrap()
}

/// The DOCX of `sample` in `layout` (a built-in name or a layout).
fn render(layout: &Layout, sample: &str) -> Vec<u8> {
    let bytes = std::fs::read(root().join("samples").join(sample)).unwrap();
    let (_, doc) = resume_export::load(&bytes, layout).unwrap();
    backend::find("docx")
        .unwrap()
        .render(&doc, layout, &RenderOptions::default())
        .unwrap()
        .bytes
}

/// The paragraphs of `document.xml` styled `style`, as XML.
fn styled<'a>(document: &'a str, style: &str) -> Vec<&'a str> {
    let mark = format!("<w:pStyle w:val=\"{style}\" />");
    document
        .split("<w:p ")
        .filter(|p| p.contains(&mark))
        .map(|p| &p[..p.find("</w:p>").unwrap_or(p.len())])
        .collect()
}

/// The text of a paragraph's XML (its `w:t` elements).
fn paragraph_text(xml: &str) -> String {
    let wrapped = format!(
        "<r xmlns:w=\"w\" xmlns:wp=\"wp\" xmlns:a=\"a\" xmlns:r=\"r\" xmlns:pic=\"pic\" xmlns:w14=\"w14\"><w:p {xml}</w:p></r>"
    );
    let doc = roxmltree::Document::parse(&wrapped).unwrap();
    doc.descendants()
        .filter(|n| n.tag_name().name() == "t")
        .filter_map(|n| n.text())
        .collect()
}

#[test]
fn contact_icons_are_decorative_pictures_in_the_icon_colour_and_no_text() {
    for name in ["banner", "sidebar", "timeline"] {
        let layout = Layout::builtin(name).unwrap();
        let def = layout.definition();
        // On the band, the band's text colour; else the accent.
        let c = if def.header.band {
            def.colors.band_text
        } else {
            def.colors.accent
        };
        let colour = [c.r, c.g, c.b];
        let p = parts(&render(&layout, "jsonresume-sample.json"));
        let document = text(&p, "word/document.xml");
        let rels = text(&p, "word/_rels/document.xml.rels");
        let contact = styled(&document, "ContactInfo");
        assert_eq!(contact.len(), 1);
        // One picture per contact: e-mail, phone, website, location, two profiles.
        let drawings = contact[0].matches("<w:drawing>").count();
        assert_eq!(drawings, 6, "{}", contact[0]);
        assert_eq!(
            contact[0].matches("descr=\"\">").count(),
            drawings,
            "empty alt text"
        );
        assert_eq!(
            contact[0]
                .matches("<adec:decorative xmlns:adec=\"http://schemas.microsoft.com/office/drawing/2017/decorative\" val=\"1\" />")
                .count(),
            drawings,
            "marked decorative"
        );
        // The text is the contacts' own: nothing of the icons, only spaces between.
        let t = paragraph_text(contact[0]);
        assert!(t.starts_with("\u{a0}richard.hendriks@mail.com"), "{t:?}");
        assert!(t.chars().all(|c| !('\u{e000}'..='\u{f8ff}').contains(&c)));
        // Each icon's picture is a PNG part in the icon colour, related once.
        let count = p
            .keys()
            .filter(|k| k.starts_with("word/media/icon") && k.ends_with(".png"))
            .count();
        assert!(count >= 5, "{:?}", p.keys());
        for n in 0..count {
            let name = &format!("word/media/icon{}.png", n + 1);
            let rel = format!("Id=\"rIdIcon{}\"", n + 1);
            assert!(rels.contains(&rel), "{rel} in {rels}");
            let img = image::load_from_memory(&p[name]).unwrap().to_rgba8();
            let inked = img.pixels().find(|px| px.0[3] == 255).unwrap();
            assert_eq!(inked.0[..3], colour, "{name}");
            // Its SVG beside it, for Word 2016 and later, in the same colour.
            let svg = text(&p, &name.replace(".png", ".svg"));
            let hex = format!(
                "fill=\"#{:02x}{:02x}{:02x}\"",
                colour[0], colour[1], colour[2]
            );
            assert!(svg.contains(&hex), "{svg}");
            let rel = format!("Id=\"rIdIconSvg{}\"", n + 1);
            assert!(rels.contains(&rel), "{rel}");
            assert!(text(&p, "[Content_Types].xml").contains(&format!(
                "PartName=\"/{}\" ContentType=\"image/svg+xml\"",
                name.replace(".png", ".svg")
            )));
        }
        // Same bytes twice.
        assert_eq!(
            render(&layout, "jsonresume-sample.json"),
            render(&layout, "jsonresume-sample.json")
        );
    }
}

#[test]
fn a_layout_that_turns_icons_off_has_no_pictures() {
    let layout = Layout::from_source(resume_export::layout::Source {
        name: "no-icons".into(),
        files: vec![(
            "layout.toml".into(),
            "extends = \"banner\"\n[header]\ncontacts = \"separators\"\n".into(),
        )],
    })
    .unwrap();
    let p = parts(&render(&layout, "jsonresume-sample.json"));
    assert!(
        !p.keys().any(|k| k.starts_with("word/media/")),
        "{:?}",
        p.keys()
    );
    assert!(!text(&p, "word/document.xml").contains("<w:drawing>"));
    let p = parts(&render(
        &Layout::builtin("classic").unwrap(),
        "jsonresume-sample.json",
    ));
    assert!(!p.keys().any(|k| k.starts_with("word/media/")));
}

/// A resume with a photo beside the fixture's portrait; returns its path.
fn with_photo(dir: &Path) -> PathBuf {
    std::fs::copy(
        root().join("tests/fixtures/photo/portrait.png"),
        dir.join("portrait.png"),
    )
    .unwrap();
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root().join("samples/alex-rn.json")).unwrap())
            .unwrap();
    json["basics"]["image"] = "portrait.png".into();
    let path = dir.join("alex.json");
    std::fs::write(&path, serde_json::to_vec(&json).unwrap()).unwrap();
    path
}

fn export(args: &[&str], input: &Path, out: &Path) -> BTreeMap<String, Vec<u8>> {
    Command::cargo_bin("resume-export")
        .unwrap()
        .args(["-q", "--photo", "always"])
        .args(args)
        .arg(input)
        .arg("-o")
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .assert()
        .success();
    parts(&std::fs::read(out).unwrap())
}

#[test]
fn the_photo_is_in_the_sidebars_cell_with_its_alt_text() {
    let dir = tempfile::tempdir().unwrap();
    let input = with_photo(dir.path());
    let p = export(
        &["-f", "docx", "-l", "sidebar"],
        &input,
        &dir.path().join("a.docx"),
    );
    let d = text(&p, "word/document.xml");
    let table = d.find("<w:tbl>").unwrap();
    let photo = d.find("r:embed=\"rIdPhoto\"").unwrap();
    let second_cell = table + d[table..].match_indices("<w:tc>").nth(1).unwrap().0;
    assert!(
        table < photo && photo < second_cell,
        "in the sidebar's (first) cell"
    );
    assert!(
        !styled(&d, "Title")[0].contains("<w:drawing>"),
        "not beside the name"
    );
    assert!(d.contains("name=\"Photo\" descr=\"Alex RN\""));
    assert!(d[..photo].contains("<wp:inline"), "inline in the cell");
    assert!(p.contains_key("word/media/photo.jpeg"));
    // Drawing ids are unique: the photo's, then the icons'.
    let ids: Vec<&str> = d
        .match_indices("<wp:docPr id=\"")
        .map(|(i, m)| {
            let rest = &d[i + m.len()..];
            &rest[..rest.find('"').unwrap()]
        })
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{ids:?}");
    // Modern keeps the photo floating beside the name.
    let p = export(
        &["-f", "docx", "-l", "modern"],
        &input,
        &dir.path().join("b.docx"),
    );
    let d = text(&p, "word/document.xml");
    assert!(styled(&d, "Title")[0].contains("<wp:anchor"));
}

#[test]
fn a_split_header_is_a_row_of_name_and_contacts_that_check_reads_as_the_body() {
    let layout = Layout::builtin("timeline").unwrap();
    let bytes = render(&layout, "jsonresume-sample.json");
    let p = parts(&bytes);
    let d = text(&p, "word/document.xml");
    let body = &d[d.find("<w:body>").unwrap()..];
    assert!(
        body.starts_with("<w:body><w:tbl>"),
        "the header comes first"
    );
    let row = &body[..body.find("</w:tbl>").unwrap()];
    assert_eq!(row.matches("<w:tc>").count(), 2);
    let cells: Vec<&str> = row.split("<w:tc>").skip(1).collect();
    assert!(cells[0].contains("<w:pStyle w:val=\"Title\" />"));
    assert!(cells[0].contains("<w:pStyle w:val=\"Subtitle\" />"));
    assert!(cells[1].contains("<w:pStyle w:val=\"ContactInfo\" />"));
    assert!(cells[1].contains("<w:jc w:val=\"right\" />"));
    assert!(cells[1].contains("richard.hendriks@mail.com"));
    assert!(row.contains("<w:tblBorders />") && row.contains("<w:tblLayout w:type=\"fixed\" />"));
    // check: no table finding, every fact found, the name before the e-mail.
    let (_, doc) = resume_export::load(
        &std::fs::read(root().join("samples/jsonresume-sample.json")).unwrap(),
        &layout,
    )
    .unwrap();
    let facts = resume_export::check::facts(&doc);
    let report = resume_export::check::check("timeline.docx", &bytes, Some(&facts)).unwrap();
    // Six contacts, six icon pictures (each a PNG with an SVG beside it).
    assert_eq!(report.images, 6);
    let codes: Vec<&str> = report.findings.iter().map(|f| f.code).collect();
    assert_eq!(report.layout.tables, 0, "{codes:?}");
    assert!(!codes.contains(&"tables"), "{codes:?}");
    let recall = report.against.unwrap();
    assert_eq!(recall.found, recall.total, "{:?}", recall.missing);
    let body = &report.text.body;
    assert!(body.find("Richard Hendriks").unwrap() < body.find("richard.hendriks@").unwrap());
    // Right to left: the row is laid out from the right.
    let mut json: serde_json::Value = serde_json::from_slice(
        &std::fs::read(root().join("samples/jsonresume-sample.json")).unwrap(),
    )
    .unwrap();
    json["meta"] = serde_json::json!({"language": "he"});
    let (_, doc) = resume_export::load(&serde_json::to_vec(&json).unwrap(), &layout).unwrap();
    let bytes = backend::find("docx")
        .unwrap()
        .render(&doc, &layout, &RenderOptions::default())
        .unwrap()
        .bytes;
    let d = text(&parts(&bytes), "word/document.xml");
    assert!(d.contains("<w:body><w:tbl><w:tblPr><w:bidiVisual />"));
}

#[test]
fn a_bundle_in_the_sidebar_layout_gives_each_candidate_two_columns() {
    let dir = tempfile::tempdir().unwrap();
    let input = with_photo(dir.path());
    let out = dir.path().join("bundle.docx");
    Command::cargo_bin("resume-export")
        .unwrap()
        .args(["-q", "--photo", "always", "-l", "sidebar", "--bundle"])
        .arg(&out)
        .arg(&input)
        .arg(root().join("samples/jsonresume-sample.json"))
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .assert()
        .success();
    let bytes = std::fs::read(&out).unwrap();
    let p = parts(&bytes);
    let d = text(&p, "word/document.xml");
    // The cover's table, then one two-cell row per candidate.
    assert_eq!(d.matches("<w:tbl>").count(), 3);
    assert_eq!(
        d.matches("w:fill=\"edf3f2\"").count(),
        2,
        "two tinted sidebars"
    );
    let second = d.rfind("Richard Hendriks</w:t>").unwrap();
    let first_table_end = d.find("</w:tbl>").unwrap();
    let alex_row = d[first_table_end..].find("<w:tbl>").unwrap() + first_table_end;
    let hendriks_row = d[alex_row + 1..].find("<w:tbl>").unwrap() + alex_row + 1;
    assert!(alex_row < second && hendriks_row > d.rfind(">Alex RN<").unwrap());
    // Each candidate is a section: the break after Alex's row, in a paragraph of its own.
    let between = &d[alex_row..hendriks_row];
    assert!(
        between.contains("</w:tbl><w:p "),
        "a paragraph after the row"
    );
    assert!(between.contains("<w:sectPr>"));
    // The photo is in Alex's sidebar cell, the bookmark on the name.
    let photo = d.find("r:embed=\"rIdPhoto\"").unwrap();
    assert!(photo > alex_row && photo < hendriks_row);
    assert!(d.contains("w:name=\"candidate2\""));
    // check reads both candidates' columns as the body: only the cover's table is one.
    let report = resume_export::check::check("bundle.docx", &bytes, None).unwrap();
    assert_eq!(report.layout.tables, 1);
    for want in ["Lacework", "Pied Piper", "richard.hendriks@mail.com"] {
        assert!(report.text.body.contains(want), "{want}");
    }
}
