//! Looks (issue 25): the structure keys through the binary and the PDF: eight built-in
//! layouts, icons that are never text, a sidebar read whole before the main column and
//! mirrored right to left, headings and entries arranged as the keys say, and errors for
//! keys that contradict each other.

use crate::common;
use crate::pdf_dump;

use std::path::Path;
use std::process::Command;

use common::root;
use resume_export::backend::{self, RenderOptions};
use resume_export::layout::Layout;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_resume-export"))
}

fn pdf(layout: &Layout, sample: &str) -> Vec<u8> {
    let bytes = std::fs::read(root().join("samples").join(sample)).unwrap();
    let (_, doc) = resume_export::load(&bytes, layout).unwrap();
    backend::find("pdf")
        .unwrap()
        .render(&doc, layout, &RenderOptions::default())
        .unwrap()
        .bytes
}

fn user_layout(toml: &str) -> (tempfile::TempDir, Result<Layout, String>) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("layout.toml"), toml).unwrap();
    let out = bin()
        .args(["-q", "-f", "txt", "-o", "-", "-l"])
        .arg(dir.path())
        .arg(root().join("samples/alex-rn.json"))
        .output()
        .unwrap();
    let result = if out.status.success() {
        let source = resume_export::layout::Source {
            name: dir.path().display().to_string(),
            files: vec![("layout.toml".into(), toml.into())],
        };
        Layout::from_source(source).map_err(|e| e.to_string())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).into_owned())
    };
    (dir, result)
}

#[test]
fn eight_layouts_are_built_in_and_described() {
    let out = bin().arg("layouts").output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    for name in [
        "classic",
        "modern",
        "compact",
        "engineering",
        "harvard",
        "sidebar",
        "timeline",
        "banner",
    ] {
        let line = text
            .lines()
            .find(|l| l.split_whitespace().next() == Some(name))
            .unwrap_or_else(|| panic!("{name} is not listed:\n{text}"));
        assert!(
            line.len() > name.len() + 20,
            "{name} has a description: {line}"
        );
    }
}

#[test]
fn icons_are_drawn_never_text() {
    // banner and sidebar show icons; the contacts' text stays whole, and no
    // icon character (private-use or symbol) reaches the text, tagged or not.
    for name in ["banner", "sidebar", "timeline"] {
        let layout = Layout::builtin(name).unwrap();
        let d = pdf_dump::dump(&pdf(&layout, "jsonresume-sample.json"));
        let text = d.text();
        for contact in [
            "richard.hendriks@mail.com",
            "(912) 555-4321",
            "neutralthoughts",
        ] {
            assert!(text.contains(contact), "{name}: {contact} in {text}");
        }
        let odd: Vec<char> = text
            .chars()
            .filter(|c| {
                ('\u{e000}'..='\u{f8ff}').contains(c) || ('\u{2600}'..='\u{27bf}').contains(c)
            })
            .collect();
        assert!(odd.is_empty(), "{name}: icon characters {odd:?}");
        assert!(
            d.untagged.iter().all(|t| t.trim().is_empty()),
            "{name}: {:?}",
            d.untagged
        );
    }
}

#[test]
fn the_sidebar_is_drawn_whole_before_the_main_column() {
    let layout = Layout::builtin("sidebar").unwrap();
    let d = pdf_dump::dump(&pdf(&layout, "jsonresume-sample.json"));
    let page = &d.pages[0];
    let at = |needle: &str| {
        page.iter()
            .position(|r| r.text.contains(needle))
            .unwrap_or_else(|| panic!("{needle} on page 1"))
    };
    // Skills and education are in the sidebar, at the left; work at the right.
    let skills = at("Web Development");
    let education = at("University of Oklahoma");
    let work = at("Pied Piper");
    let x = |i: usize| page[i].x;
    assert!(
        x(skills) < 200.0 && x(education) < 200.0,
        "sidebar at the left"
    );
    assert!(x(work) > 200.0, "main column at the right");
    // Every sidebar line is drawn before every main-column line below the header.
    let main_first = page
        .iter()
        .position(|r| r.x > 200.0 && r.y < page[skills].y + 200.0)
        .unwrap();
    let side_last = page
        .iter()
        .rposition(|r| r.x < 180.0 && r.y < page[skills].y + 1.0)
        .unwrap();
    assert!(
        side_last < main_first,
        "sidebar lines end at {side_last}, main begins at {main_first}"
    );
}

#[test]
fn a_sidebar_mirrors_in_right_to_left_languages() {
    let layout = Layout::builtin("sidebar").unwrap();
    let bytes = std::fs::read(root().join("tests/fixtures/rtl/arabic.json")).unwrap();
    let (_, doc) = resume_export::load(&bytes, &layout).unwrap();
    let out = backend::find("pdf")
        .unwrap()
        .render(&doc, &layout, &RenderOptions::default())
        .unwrap();
    let d = pdf_dump::dump(&out.bytes);
    // The sidebar's skills are at the right of the page, the work at the left.
    let plan = resume_export::layout::Plan::new(layout.definition(), &doc);
    let side = plan.sidebar.expect("the Arabic fixture fills a sidebar");
    assert!(!side.left, "start is the right in Arabic");
    assert!(side.first, "read first, being at the start");
    let side_x: Vec<f32> = d.pages[0].iter().take(12).map(|r| r.x).collect();
    assert!(
        side_x.iter().any(|x| *x > 350.0),
        "sidebar lines at the right: {side_x:?}"
    );
}

#[test]
fn stacked_entries_lead_with_the_organisation_and_bridge_to_their_dates() {
    let layout = Layout::builtin("engineering").unwrap();
    let d = pdf_dump::dump(&pdf(&layout, "jsonresume-sample.json"));
    let text = d.text();
    let org = text.find("Pied Piper").unwrap();
    let title = text.find("CEO/President").unwrap();
    assert!(org < title, "organisation first: {text}");
    // The organisation's line and the location beside it are one line to
    // extractors: joined by a stretched no-break space, an artifact.
    assert!(
        d.artifacts.iter().any(|(_, t)| t == "\u{a0}"),
        "a bridge: {:?}",
        d.artifacts
    );
}

#[test]
fn headings_take_small_capitals_and_their_styles() {
    let layout = Layout::builtin("engineering").unwrap();
    let d = pdf_dump::dump(&pdf(&layout, "alex-rn.json"));
    // Small capitals: "E" at full size, "XPERIENCE" smaller, in one heading.
    assert!(d.text().contains("EXPERIENCE"), "{}", d.text());
    for name in ["harvard", "timeline", "banner"] {
        let layout = Layout::builtin(name).unwrap();
        let bytes = pdf(&layout, "alex-rn.json");
        let d = pdf_dump::dump(&bytes);
        assert!(!d.text().is_empty(), "{name} renders");
    }
}

#[test]
fn structure_keys_that_contradict_are_errors_with_positions() {
    let (_d, r) = user_layout("extends = \"classic\"\n[header]\nphoto = \"sidebar\"\n");
    let e = r.unwrap_err();
    assert!(e.contains("layout.toml:3:1"), "{e}");
    assert!(e.contains("needs a sidebar"), "{e}");
    let (_d, r) = user_layout("[sidebar]\nside = \"start\"\nwidth = 200.0\n");
    let e = r.unwrap_err();
    assert!(e.contains(":3:1") && e.contains("35 to 90"), "{e}");
    let (_d, r) = user_layout("[style]\nheading_rule = true\n[headings]\nstyle = \"band\"\n");
    let e = r.unwrap_err();
    assert!(
        e.contains(":2:1") && e.contains("keep `headings.style`"),
        "{e}"
    );
    let (_d, r) = user_layout("[headings]\nstyle = \"wavy\"\n");
    let e = r.unwrap_err();
    assert!(e.contains(":2:9") && e.contains("rule-after"), "{e}");
}

#[test]
fn old_style_keys_still_work_and_templates_still_see_them() {
    let (_d, r) = user_layout(
        "[style]\nheading_rule = false\nheading_uppercase = false\nheader_align = \"center\"\n",
    );
    let layout = r.unwrap();
    let d = layout.definition();
    assert_eq!(d.headings.style, resume_export::layout::HeadingStyle::Plain);
    assert!(!d.headings.uppercase && !d.style.heading_uppercase);
    assert_eq!(d.header.align, resume_export::layout::HeaderAlign::Center);
    assert_eq!(
        d.style.header_align,
        resume_export::layout::HeaderAlign::Center
    );
}

#[test]
fn every_layout_renders_every_format_the_same_twice() {
    for (name, _) in Layout::builtins() {
        let layout = Layout::builtin(name).unwrap();
        for sample in common::samples() {
            let bytes = std::fs::read(&sample).unwrap();
            let (_, doc) = resume_export::load(&bytes, &layout).unwrap();
            for b in backend::BACKENDS {
                let render = || {
                    b.render(&doc, &layout, &RenderOptions::default())
                        .unwrap()
                        .bytes
                };
                assert!(
                    render() == render(),
                    "{name} {} {}",
                    b.name(),
                    sample.display()
                );
            }
        }
    }
}

#[test]
fn every_layout_fits_pages_bundles_and_redacts() {
    let dir = tempfile::tempdir().unwrap();
    let alex = root().join("samples/alex-rn.json");
    for (name, _) in Layout::builtins() {
        let out = dir.path().join(format!("{name}.pdf"));
        let status = bin()
            .args([
                "-q",
                "-f",
                "pdf",
                "--max-pages",
                "2",
                "--redact",
                "contact",
                "-l",
                name,
                "-o",
            ])
            .arg(&out)
            .arg(&alex)
            .status()
            .unwrap();
        assert!(status.success(), "{name} fits two pages");
        let text = pdf_dump::dump(&std::fs::read(&out).unwrap()).text();
        assert!(!text.contains("alex-rn-5132b91"), "{name}: redacted");
        let bundle = dir.path().join(format!("{name}-bundle.pdf"));
        let status = bin()
            .args(["-q", "-l", name, "--bundle"])
            .arg(&bundle)
            .args([&alex, &root().join("samples/jsonresume-sample.json")])
            .status()
            .unwrap();
        assert!(status.success(), "{name} bundles");
    }
    assert!(Path::new(&dir.path().join("sidebar.pdf")).exists());
}
