//! One layout, one look: the PDF, the DOCX and the HTML page take the colours of an entry's
//! parts, the name and the section headings from the same layout keys.

use crate::pdf_dump;

use std::io::Read;

use resume_export::layout::Layout;

const RESUME: &str = r#"{
  "basics": {"name": "Dana Example", "label": "Engineer"},
  "work": [{"name": "Orgname Corp", "position": "Titleword Lead",
            "startDate": "2020-01", "highlights": ["Did a thing"]}]
}"#;

/// The fill colour of the first string painted in the PDF that contains `text`.
fn pdf_colour(dump: &pdf_dump::Dump, text: &str) -> String {
    dump.painted
        .iter()
        .find(|(t, _)| t.contains(text))
        .map(|(_, c)| c.clone())
        .unwrap_or_else(|| panic!("{text:?} not painted: {:?}", dump.painted))
}

/// The `w:color` of a style in the DOCX's styles part.
fn docx_colour(styles: &str, style_id: &str) -> String {
    let doc = roxmltree::Document::parse(styles).unwrap();
    let style = doc
        .descendants()
        .find(|n| n.has_tag_name("style") && n.attributes().any(|a| a.value() == style_id))
        .unwrap_or_else(|| panic!("no style {style_id}"));
    style
        .descendants()
        .find(|n| n.has_tag_name("color"))
        .and_then(|n| n.attributes().find(|a| a.name() == "val"))
        .map(|a| a.value().to_ascii_lowercase())
        .unwrap_or_else(|| panic!("style {style_id} has no colour"))
}

#[test]
fn pdf_and_docx_colour_each_part_from_the_same_layout_key() {
    for name in ["classic", "modern", "compact"] {
        let layout = Layout::builtin(name).unwrap();
        // Through the binary, as a user would run it.
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in.json");
        std::fs::write(&input, RESUME).unwrap();
        assert_cmd::Command::cargo_bin("resume-export")
            .unwrap()
            .args(["-q", "-f", "pdf,docx,html", "-l", name, "-d"])
            .arg(dir.path())
            .arg(&input)
            .assert()
            .success();
        let render = |ext: &str| std::fs::read(dir.path().join(format!("in.{ext}"))).unwrap();
        let dump = pdf_dump::dump(&render("pdf"));
        let mut styles = String::new();
        zip::ZipArchive::new(std::io::Cursor::new(render("docx")))
            .unwrap()
            .by_name("word/styles.xml")
            .unwrap()
            .read_to_string(&mut styles)
            .unwrap();
        let colors = &layout.definition().colors;
        for (text, style_id, want) in [
            ("Orgname", "EntryOrganisation", colors.organisation.hex()),
            ("Dana", "Title", colors.accent.hex()),
        ] {
            let want = want.to_ascii_lowercase();
            assert_eq!(
                pdf_colour(&dump, text),
                want,
                "{name}: PDF colour of {text}"
            );
            assert_eq!(
                docx_colour(&styles, style_id),
                want,
                "{name}: DOCX {style_id}"
            );
        }
        // The page takes the same keys as CSS properties, and its stylesheet uses them.
        let html = String::from_utf8(render("html")).unwrap();
        for (key, c) in [
            ("organisation", &colors.organisation),
            ("accent", &colors.accent),
        ] {
            let want = format!("--{key}: #{};", c.hex().to_ascii_lowercase());
            assert!(html.contains(&want), "{name}: HTML lacks {want}");
        }
        assert!(
            html.contains("h3 .org { color: var(--organisation); }"),
            "{name}"
        );
        // Organisation and title: the layouts decide, and every backend follows.
        let title = pdf_colour(&dump, "Titleword");
        assert_eq!(
            title,
            colors.text.hex().to_ascii_lowercase(),
            "{name}: title"
        );
    }
}
