//! DOCX output checked part by part: styles, numbering, relationships, core
//! properties, golden copies of every part for the samples, the whole
//! corpus, and byte-identical output across runs.
//!
//! `UPDATE_GOLDEN=1 cargo test --test suite docx::` rewrites `tests/golden/docx/`.

use crate::common;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};

use resume_export::backend::{self, RenderOptions};
use resume_export::document::{self, Block, BuildOptions, Document};
use resume_export::layout::{Layout, Paper};
use resume_export::resume::{self, ReadOptions};

fn manifest() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn samples() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(manifest().join("samples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

fn corpus() -> Vec<PathBuf> {
    common::corpus_real()
}

fn load(path: &Path) -> Document {
    let bytes = std::fs::read(path).unwrap();
    let layout = Layout::builtin("classic").unwrap();
    resume_export::load(&bytes, &layout).unwrap().1
}

fn render(doc: &Document, options: &RenderOptions) -> Vec<u8> {
    let layout = Layout::builtin("classic").unwrap();
    let docx = backend::find("docx").expect("docx is registered");
    docx.render(doc, &layout, options).unwrap().bytes
}

/// Every XML entry of the zip (not the pictures), in archive order.
fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .filter(|i| {
            let name = archive.name_for_index(*i).unwrap_or_default();
            name.ends_with(".xml") || name.ends_with(".rels")
        })
        .collect::<Vec<_>>()
        .into_iter()
        .map(|i| {
            let mut f = archive.by_index(i).unwrap();
            let mut s = String::new();
            f.read_to_string(&mut s).unwrap();
            (f.name().to_string(), s)
        })
        .collect()
}

fn parts(bytes: &[u8]) -> BTreeMap<String, String> {
    unzip(bytes).into_iter().collect()
}

fn part<'a>(parts: &'a BTreeMap<String, String>, name: &str) -> &'a str {
    parts
        .get(name)
        .unwrap_or_else(|| panic!("missing part {name}"))
}

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

fn w_attr<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attribute((W, name))
}

fn child<'a, 'i>(node: roxmltree::Node<'a, 'i>, name: &str) -> Option<roxmltree::Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name((W, name)))
}

/// The text of every paragraph of document.xml.
fn paragraph_texts(document_xml: &str) -> Vec<String> {
    let doc = roxmltree::Document::parse(document_xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((W, "p")))
        .map(|p| {
            p.descendants()
                .filter_map(|n| {
                    if n.has_tag_name((W, "t")) {
                        n.text().map(str::to_string)
                    } else if n.has_tag_name((W, "tab"))
                        && n.parent().is_some_and(|r| r.has_tag_name((W, "r")))
                    {
                        Some("\t".to_string())
                    } else if n.has_tag_name((W, "br")) {
                        Some("\n".to_string())
                    } else {
                        None
                    }
                })
                .collect()
        })
        .collect()
}

fn alex() -> (Document, BTreeMap<String, String>) {
    let doc = load(&manifest().join("samples/alex-rn.json"));
    let bytes = render(&doc, &RenderOptions::default());
    (doc, parts(&bytes))
}

#[test]
fn every_part_is_well_formed_xml_and_declared() {
    for path in samples() {
        let bytes = render(&load(&path), &RenderOptions::default());
        let parts = unzip(&bytes);
        let names: Vec<&str> = parts.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names.first(), Some(&"[Content_Types].xml"), "{path:?}");
        for (name, xml) in &parts {
            roxmltree::Document::parse(xml)
                .unwrap_or_else(|e| panic!("{path:?} {name} is not well-formed: {e}"));
        }
        let ct = &parts[0].1;
        for name in &names[1..] {
            if !name.ends_with(".rels") {
                assert!(
                    ct.contains(&format!("PartName=\"/{name}\"")),
                    "{name} undeclared"
                );
            }
        }
        // Nothing declared or referred to that is not in the package.
        let ct = roxmltree::Document::parse(ct).unwrap();
        for o in ct.descendants().filter(|n| n.has_tag_name("Override")) {
            let part = o.attribute("PartName").unwrap().trim_start_matches('/');
            assert!(names.contains(&part), "{path:?}: {part} declared, missing");
        }
        for (rels, base) in [
            ("_rels/.rels", ""),
            ("word/_rels/document.xml.rels", "word/"),
        ] {
            let xml = &parts.iter().find(|(n, _)| n == rels).unwrap().1;
            let doc = roxmltree::Document::parse(xml).unwrap();
            for r in doc.descendants().filter(|n| n.has_tag_name("Relationship")) {
                if r.attribute("TargetMode") == Some("External") {
                    continue;
                }
                let target = format!("{base}{}", r.attribute("Target").unwrap());
                assert!(
                    names.contains(&target.as_str()),
                    "{path:?}: {rels} -> {target} missing"
                );
            }
        }
        // Every part is referred to by a relationship (none ships orphaned).
        let rels_text: String = parts
            .iter()
            .filter(|(n, _)| n.ends_with(".rels"))
            .map(|(_, x)| x.as_str())
            .collect();
        for name in &names[1..] {
            if !name.ends_with(".rels") {
                let short = name.trim_start_matches("word/");
                assert!(
                    rels_text.contains(&format!("Target=\"{short}\""))
                        || rels_text.contains(&format!("Target=\"{name}\"")),
                    "{path:?}: {name} is not referred to"
                );
            }
        }
    }
}

#[test]
fn styles_define_every_style_the_document_uses() {
    let (_, parts) = alex();
    let styles = roxmltree::Document::parse(part(&parts, "word/styles.xml")).unwrap();
    let defined: BTreeMap<&str, roxmltree::Node> = styles
        .descendants()
        .filter(|n| n.has_tag_name((W, "style")))
        .map(|n| (w_attr(n, "styleId").unwrap(), n))
        .collect();
    let name_of = |id: &str| {
        child(defined[id], "name")
            .and_then(|n| w_attr(n, "val"))
            .unwrap()
    };
    assert_eq!(name_of("Title"), "Title");
    assert_eq!(name_of("Subtitle"), "Subtitle");
    assert_eq!(name_of("Heading1"), "heading 1");
    assert_eq!(name_of("Heading2"), "heading 2");
    assert_eq!(name_of("ListBullet"), "List Bullet");
    assert_eq!(name_of("BodyText"), "Body Text");
    assert_eq!(name_of("Hyperlink"), "Hyperlink");
    assert_eq!(w_attr(defined["Hyperlink"], "type"), Some("character"));
    // Exactly one default paragraph style, and it is Normal.
    let defaults: Vec<&str> = defined
        .iter()
        .filter(|(_, n)| {
            w_attr(**n, "type") == Some("paragraph") && w_attr(**n, "default") == Some("1")
        })
        .map(|(id, _)| *id)
        .collect();
    assert_eq!(defaults, ["Normal"]);
    let ids: Vec<&str> = styles
        .descendants()
        .filter(|n| n.has_tag_name((W, "style")))
        .map(|n| w_attr(n, "styleId").unwrap())
        .collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "duplicate style ids");

    let outline = |id: &str| {
        child(defined[id], "pPr")
            .and_then(|p| child(p, "outlineLvl"))
            .and_then(|o| w_attr(o, "val"))
    };
    assert_eq!(outline("Heading1"), Some("0"));
    assert_eq!(outline("Heading2"), Some("1"));
    // Formatting lives in the style: headings carry colour, size and bold there.
    let h1 = child(defined["Heading1"], "rPr").unwrap();
    for prop in ["b", "color", "sz", "caps"] {
        assert!(child(h1, prop).is_some(), "Heading 1 has no {prop}");
    }
    // Entry headings right-align the dates at the text width (A4, 18 mm margins).
    let tab = defined["Heading2"]
        .descendants()
        .find(|n| n.has_tag_name((W, "tab")))
        .unwrap();
    assert_eq!(w_attr(tab, "val"), Some("right"));
    assert_eq!(w_attr(tab, "pos"), Some(&*(11906 - 2 * 1020).to_string()));
    // Fonts come from the layout, with east-Asian and complex-script slots.
    let fonts = styles
        .descendants()
        .find(|n| n.has_tag_name((W, "rFonts")))
        .unwrap();
    assert_eq!(w_attr(fonts, "ascii"), Some("Cambria"));
    assert_eq!(w_attr(fonts, "eastAsia"), Some("SimSun"));
    assert_eq!(w_attr(fonts, "cs"), Some("Times New Roman"));

    // Every paragraph of the document names a defined paragraph style, and
    // every run style is a defined character style.
    let document = roxmltree::Document::parse(part(&parts, "word/document.xml")).unwrap();
    let mut count = 0;
    for p in document.descendants().filter(|n| n.has_tag_name((W, "p"))) {
        let style = child(p, "pPr")
            .and_then(|ppr| child(ppr, "pStyle"))
            .and_then(|s| w_attr(s, "val"))
            .expect("every paragraph has a style");
        assert_eq!(w_attr(defined[style], "type"), Some("paragraph"), "{style}");
        count += 1;
    }
    assert!(count > 20);
    for r in document
        .descendants()
        .filter(|n| n.has_tag_name((W, "rStyle")))
    {
        let id = w_attr(r, "val").unwrap();
        assert_eq!(w_attr(defined[id], "type"), Some("character"), "{id}");
    }
    // ATS-friendly: nothing but paragraphs and the section properties.
    for bad in [
        "tbl",
        "txbxContent",
        "drawing",
        "pict",
        "headerReference",
        "footerReference",
    ] {
        assert!(
            document.descendants().all(|n| !n.has_tag_name((W, bad))),
            "{bad}"
        );
    }
}

#[test]
fn bullets_are_list_paragraphs_with_a_bullet_definition() {
    let (_, parts) = alex();
    let numbering = roxmltree::Document::parse(part(&parts, "word/numbering.xml")).unwrap();
    let nums: Vec<(&str, &str)> = numbering
        .descendants()
        .filter(|n| n.has_tag_name((W, "num")))
        .map(|n| {
            let abs = child(n, "abstractNumId")
                .and_then(|a| w_attr(a, "val"))
                .unwrap();
            (w_attr(n, "numId").unwrap(), abs)
        })
        .collect();
    // docx-rs always adds its own decimal list as num/abstractNum 1; ours
    // must not clash with it (a duplicate id shows "1." instead of bullets).
    let mut num_ids: Vec<&str> = nums.iter().map(|(n, _)| *n).collect();
    num_ids.sort();
    num_ids.dedup();
    assert_eq!(num_ids.len(), nums.len(), "duplicate numIds: {nums:?}");
    let mut abstract_ids: Vec<&str> = numbering
        .descendants()
        .filter(|n| n.has_tag_name((W, "abstractNum")))
        .map(|n| w_attr(n, "abstractNumId").unwrap())
        .collect();
    let count = abstract_ids.len();
    abstract_ids.sort();
    abstract_ids.dedup();
    assert_eq!(abstract_ids.len(), count, "duplicate abstractNumIds");
    let list_style_num = {
        let styles = roxmltree::Document::parse(part(&parts, "word/styles.xml")).unwrap();
        let list = styles
            .descendants()
            .find(|n| n.has_tag_name((W, "style")) && w_attr(*n, "styleId") == Some("ListBullet"))
            .unwrap();
        list.descendants()
            .find(|n| n.has_tag_name((W, "numId")))
            .and_then(|n| w_attr(n, "val"))
            .unwrap()
            .to_string()
    };
    let (num_id, abstract_id) = *nums.iter().find(|(n, _)| *n == list_style_num).unwrap();
    assert_ne!(num_id, "0", "numId 0 means no list");
    assert_ne!(num_id, "1", "numId 1 is docx-rs's own decimal list");
    let abs = numbering
        .descendants()
        .find(|n| {
            n.has_tag_name((W, "abstractNum")) && w_attr(*n, "abstractNumId") == Some(abstract_id)
        })
        .unwrap();
    let lvl0 = abs
        .children()
        .find(|n| n.has_tag_name((W, "lvl")) && w_attr(*n, "ilvl") == Some("0"))
        .unwrap();
    assert_eq!(
        child(lvl0, "numFmt").and_then(|f| w_attr(f, "val")),
        Some("bullet")
    );
    assert_eq!(
        child(lvl0, "lvlText").and_then(|f| w_attr(f, "val")),
        Some("•")
    );
    let ind = lvl0
        .descendants()
        .find(|n| n.has_tag_name((W, "ind")))
        .unwrap();
    assert_eq!(w_attr(ind, "hanging"), Some("220"), "11 pt hanging indent");

    let document = roxmltree::Document::parse(part(&parts, "word/document.xml")).unwrap();
    let bullets: Vec<_> = document
        .descendants()
        .filter(|n| n.has_tag_name((W, "pStyle")) && w_attr(*n, "val") == Some("ListBullet"))
        .collect();
    assert!(bullets.len() > 10);
    for b in bullets {
        let ppr = b.parent().unwrap();
        let num = child(ppr, "numPr")
            .and_then(|n| child(n, "numId"))
            .and_then(|n| w_attr(n, "val"));
        assert_eq!(num, Some(num_id));
    }
}

#[test]
fn links_are_external_relationships() {
    let (_, parts) = alex();
    let rels = roxmltree::Document::parse(part(&parts, "word/_rels/document.xml.rels")).unwrap();
    let hyperlinks: BTreeMap<&str, (&str, Option<&str>)> = rels
        .descendants()
        .filter(|n| {
            n.attribute("Type")
                .is_some_and(|t| t.ends_with("/hyperlink"))
        })
        .map(|n| {
            (
                n.attribute("Id").unwrap(),
                (n.attribute("Target").unwrap(), n.attribute("TargetMode")),
            )
        })
        .collect();
    assert!(hyperlinks.values().any(|(t, _)| t.contains("linkedin.com")));
    for (target, mode) in hyperlinks.values() {
        assert_eq!(*mode, Some("External"));
        assert!(
            ["http://", "https://", "mailto:", "tel:"]
                .iter()
                .any(|p| target.starts_with(p)),
            "{target}"
        );
        assert!(!target.contains(['\r', '\n', ' ']), "{target:?}");
    }
    let document = roxmltree::Document::parse(part(&parts, "word/document.xml")).unwrap();
    let r_ns = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let used: Vec<&str> = document
        .descendants()
        .filter(|n| n.has_tag_name((W, "hyperlink")))
        .map(|n| n.attribute((r_ns, "id")).unwrap())
        .collect();
    assert!(used.len() >= 3);
    for id in used {
        assert!(hyperlinks.contains_key(id), "{id} has no relationship");
    }
}

#[test]
fn core_properties_carry_the_person_and_a_fixed_date() {
    let (doc, parts) = alex();
    let core = roxmltree::Document::parse(part(&parts, "docProps/core.xml")).unwrap();
    let text = |local: &str| {
        core.descendants()
            .find(|n| n.tag_name().name() == local)
            .and_then(|n| n.text())
            .map(str::to_string)
    };
    assert_eq!(text("title").as_deref(), Some(doc.meta.title.as_str()));
    assert!(text("title").unwrap().contains("Alex RN"));
    assert_eq!(text("creator").as_deref(), Some("Alex RN"));
    assert_eq!(
        text("language").as_deref(),
        Some(doc.meta.language.as_str())
    );
    assert_eq!(text("created").as_deref(), Some("2000-01-01T00:00:00Z"));
    assert_eq!(text("modified").as_deref(), Some("2000-01-01T00:00:00Z"));
    let xml = part(&parts, "docProps/core.xml");
    assert!(!xml.contains("unknown") && !xml.contains("1970"));

    // SOURCE_DATE_EPOCH reaches the properties.
    let options = RenderOptions {
        timestamp: Some(1_700_000_000),
        ..RenderOptions::default()
    };
    let later = parts_of(&doc, &options);
    assert!(part(&later, "docProps/core.xml").contains("2023-11-14T22:13:20Z"));
}

fn parts_of(doc: &Document, options: &RenderOptions) -> BTreeMap<String, String> {
    parts(&render(doc, options))
}

#[test]
fn paper_option_sets_page_size_and_tab_stop() {
    let (doc, _) = alex();
    let options = RenderOptions {
        paper: Some(Paper::Letter),
        ..RenderOptions::default()
    };
    let p = parts_of(&doc, &options);
    let document = roxmltree::Document::parse(part(&p, "word/document.xml")).unwrap();
    let element = |name: &str| {
        document
            .descendants()
            .find(|n| n.has_tag_name((W, name)))
            .unwrap()
    };
    let size = element("pgSz");
    assert_eq!(
        (w_attr(size, "w"), w_attr(size, "h")),
        (Some("12240"), Some("15840"))
    );
    let margins = element("pgMar");
    let m: Vec<Option<&str>> = [
        "top", "right", "bottom", "left", "header", "footer", "gutter",
    ]
    .iter()
    .map(|a| w_attr(margins, a))
    .collect();
    assert_eq!(
        m,
        [
            Some("907"),
            Some("1020"),
            Some("907"),
            Some("1020"),
            Some("453"),
            Some("453"),
            Some("0")
        ]
    );
    let styles = roxmltree::Document::parse(part(&p, "word/styles.xml")).unwrap();
    let tab = styles
        .descendants()
        .find(|n| n.has_tag_name((W, "tab")))
        .unwrap();
    assert_eq!(
        (w_attr(tab, "val"), w_attr(tab, "pos")),
        (Some("right"), Some("10200"))
    );
}

#[test]
fn entry_headings_hold_title_organisation_and_right_aligned_dates() {
    let (_, parts) = alex();
    let texts = paragraph_texts(part(&parts, "word/document.xml"));
    assert!(
        texts.contains(&"Software Engineer, Lacework\tJan 2021 – Present".to_string()),
        "{texts:#?}"
    );
}

#[test]
fn hostile_text_is_escaped_and_dropped_links_stay_text() {
    let json = r#"{"basics":{"name":"A <b>&amp; \"Q\"\u0001 </w:t>","url":"https://ex.example/a\r\nb",
        "profiles":[{"network":"X","url":"javascript:alert(1)","username":"x"}]},
        "work":[{"name":"Tab\tCo","position":"Line\nBreak","highlights":["\u000b","ok <w:p>"]}]}"#;
    let (_, value) = resume::parse_json(json.as_bytes()).unwrap();
    let parsed = resume::read_value(value, &ReadOptions::default());
    let doc = document::build(&parsed.resume, &BuildOptions::default());
    let p = parts_of(&doc, &RenderOptions::default());
    for (name, xml) in &p {
        roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    assert!(!part(&p, "word/_rels/document.xml.rels").contains("javascript"));
    let rels = part(&p, "word/_rels/document.xml.rels");
    let body = rels.split_once("?>").unwrap().1;
    assert!(
        !body.contains(['\r', '\n']) && !body.contains("&#"),
        "{body}"
    );

    // Hand-made model links (the builder already refuses these): CR/LF never
    // reach a target, and a non-web scheme stays plain text.
    let mut doc = doc;
    doc.sections.push(document::Section {
        id: "extra".into(),
        title: "Extra".into(),
        blocks: vec![Block::Paragraph {
            content: vec![
                document::Inline::Link {
                    url: "https://ex.example/a\r\nSet-Cookie: x".into(),
                    content: vec![document::Inline::text("site")],
                },
                document::Inline::Link {
                    url: "javascript:alert(1)".into(),
                    content: vec![document::Inline::text("js")],
                },
            ],
        }],
    });
    let p = parts_of(&doc, &RenderOptions::default());
    let rels = part(&p, "word/_rels/document.xml.rels");
    let body = rels.split_once("?>").unwrap().1;
    assert!(
        body.contains(r#"Target="https://ex.example/aSet-Cookie:%20x""#),
        "{body}"
    );
    assert!(
        !body.contains(['\r', '\n']) && !body.contains("javascript"),
        "{body}"
    );
    let texts = paragraph_texts(part(&p, "word/document.xml"));
    assert!(texts.contains(&"sitejs".to_string()), "{texts:?}");
}

/// docx-rs numbers hyperlinks from a process-wide counter and paragraphs
/// from a per-thread one: whatever was built before, in this thread or
/// others, must not change a document's bytes.
#[test]
fn bytes_do_not_depend_on_what_the_process_built_before() {
    let a = load(&manifest().join("samples/alex-rn.json"));
    let b = load(&manifest().join("samples/jsonresume-sample.json"));
    let options = RenderOptions::default();
    let first = render(&a, &options);
    let other = render(&b, &options);
    assert_eq!(render(&a, &options), first, "A, B, then A again");
    // docx-rs itself, used directly, moves its counters on too.
    let _ = docx_rs::Hyperlink::new("https://example.com", docx_rs::HyperlinkType::External);
    let _ = docx_rs::Paragraph::new();
    assert_eq!(render(&a, &options), first, "after docx-rs counters moved");
    assert_eq!(render(&b, &options), other);
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..4)
            .map(|i| {
                let (a, b, options) = (&a, &b, &options);
                scope.spawn(move || {
                    (0..5)
                        .map(|j| {
                            if (i + j) % 2 == 0 {
                                (true, render(a, options))
                            } else {
                                (false, render(b, options))
                            }
                        })
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for h in handles {
            for (is_a, bytes) in h.join().unwrap() {
                assert!(
                    &bytes == if is_a { &first } else { &other },
                    "parallel render differs"
                );
            }
        }
    });
    // The hyperlink ids are ours, and the relationships use exactly them.
    let p = parts(&first);
    let rels = part(&p, "word/_rels/document.xml.rels");
    assert!(rels.contains(r#"Id="rIdLink1""#), "{rels}");
    assert!(!rels.contains("rIdHyperlink"), "{rels}");
}

#[test]
fn two_renders_are_byte_identical() {
    for path in samples() {
        let doc = load(&path);
        let a = render(&doc, &RenderOptions::default());
        let b = render(&doc, &RenderOptions::default());
        assert_eq!(a, b, "{path:?}");
    }
}

/// The file name a part's golden copy has.
fn golden_name(part: &str) -> String {
    match part {
        "[Content_Types].xml" => "content-types.xml".to_string(),
        "_rels/.rels" => "package-rels.xml".to_string(),
        "word/_rels/document.xml.rels" => "document-rels.xml".to_string(),
        other => other.rsplit('/').next().unwrap().to_string(),
    }
}

/// One element per line, so golden diffs are reviewable.
fn reviewable(xml: &str) -> String {
    let mut s = xml.replace("><", ">\n<");
    s.push('\n');
    s
}

#[test]
fn golden_parts_for_samples() {
    let update = std::env::var_os("UPDATE_GOLDEN").is_some_and(|v| v == "1");
    let mut failures = Vec::new();
    for path in samples() {
        let stem = path.file_stem().unwrap().to_string_lossy().to_string();
        let dir = manifest().join("tests/golden/docx").join(&stem);
        let bytes = render(&load(&path), &RenderOptions::default());
        for (name, xml) in unzip(&bytes) {
            let file = dir.join(golden_name(&name));
            let actual = reviewable(&xml);
            if update {
                std::fs::create_dir_all(&dir).unwrap();
                std::fs::write(&file, &actual).unwrap();
                continue;
            }
            match std::fs::read_to_string(&file) {
                Ok(expected) if expected == actual => {}
                Ok(_) => failures.push(format!("{} differs", file.display())),
                Err(_) => failures.push(format!("{} is missing", file.display())),
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{}\nrun UPDATE_GOLDEN=1 cargo test --test suite docx:: and review the diff",
        failures.join("\n")
    );
}

/// Employers and positions as the document model has them (the work section's entries).
fn employers_and_positions(doc: &Document) -> Vec<String> {
    let mut out = Vec::new();
    for s in doc.sections.iter().filter(|s| s.id == "work") {
        for b in &s.blocks {
            if let Block::Entry(e) = b {
                out.extend(e.title.iter().cloned());
                out.extend(e.subtitle.iter().cloned());
            }
        }
    }
    out.into_iter()
        .map(|s| s.trim().to_string())
        .filter(|s| !s.is_empty())
        .collect()
}

/// Text as it can appear in a paragraph: XML-forbidden characters gone, line breaks kept.
fn printable(s: &str) -> String {
    s.chars()
        .filter(|c| !c.is_control() || *c == '\n')
        .collect::<String>()
        .replace('\t', " ")
}

#[test]
fn every_sample_and_corpus_file_converts_with_all_employers_and_positions() {
    let files: Vec<PathBuf> = samples().into_iter().chain(corpus()).collect();
    for path in &files {
        let doc = load(path);
        let bytes = render(&doc, &RenderOptions::default());
        let p = parts(&bytes);
        for (name, xml) in &p {
            roxmltree::Document::parse(xml).unwrap_or_else(|e| panic!("{path:?} {name}: {e}"));
        }
        let text = paragraph_texts(part(&p, "word/document.xml")).join("\n");
        for want in employers_and_positions(&doc) {
            let want = printable(&want);
            assert!(text.contains(want.trim()), "{path:?}: {want:?} missing");
        }
    }
}

#[test]
fn the_binary_converts_every_file_with_exit_zero() {
    let dir = tempfile::tempdir().unwrap();
    let mut files: Vec<PathBuf> = samples();
    files.extend(corpus());
    assert_cmd::Command::cargo_bin("resume-export")
        .unwrap()
        .args(["-q", "-f", "docx", "-d"])
        .arg(dir.path())
        .args(&files)
        .assert()
        .success();
    let written = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(written, files.len());
}

/// `word/styles.xml` and `word/document.xml` of `sample` in the built-in `layout`.
fn in_layout(layout: &str, sample: &str, language: Option<&str>) -> (String, String) {
    let layout = Layout::builtin(layout).unwrap();
    let mut json: serde_json::Value =
        serde_json::from_slice(&std::fs::read(manifest().join("samples").join(sample)).unwrap())
            .unwrap();
    if let Some(l) = language {
        json["meta"] = serde_json::json!({"language": l});
    }
    let (_, doc) = resume_export::load(&serde_json::to_vec(&json).unwrap(), &layout).unwrap();
    let bytes = backend::find("docx")
        .unwrap()
        .render(&doc, &layout, &RenderOptions::default())
        .unwrap()
        .bytes;
    let p = parts(&bytes);
    (
        part(&p, "word/styles.xml").to_string(),
        part(&p, "word/document.xml").to_string(),
    )
}

/// The `w:style` element of `id` in a styles part.
fn style_of<'a>(styles: &'a str, id: &str) -> &'a str {
    let at = styles.find(&format!("w:styleId=\"{id}\"")).unwrap();
    let rest = &styles[at..];
    &rest[..rest.find("</w:style>").unwrap()]
}

#[test]
fn heading_keys_are_heading_1s_properties() {
    let (s, _) = in_layout("engineering", "alex-rn.json", None);
    assert!(style_of(&s, "Heading1").contains("<w:smallCaps w:val=\"true\" />"));
    assert!(!style_of(&s, "Heading1").contains("<w:caps"));
    let (s, _) = in_layout("harvard", "alex-rn.json", None);
    let h = style_of(&s, "Heading1");
    assert!(h.contains("<w:jc w:val=\"center\" />") && h.contains("<w:caps w:val=\"true\" />"));
    assert!(h.contains("<w:bottom w:val=\"single\""));
    let (s, _) = in_layout("timeline", "alex-rn.json", None);
    assert!(
        style_of(&s, "Heading1")
            .contains("<w:left w:val=\"single\" w:space=\"4\" w:sz=\"24\" w:color=\"2f5f98\""),
        "bar"
    );
    let (s, _) = in_layout("banner", "alex-rn.json", None);
    assert!(
        style_of(&s, "Heading1").contains("<w:bottom w:val=\"single\""),
        "rule-after: a bottom border"
    );
    assert!(!style_of(&s, "Heading1").contains("smallCaps"));
}

#[test]
fn a_header_band_is_paragraph_shading_with_its_text_colour() {
    let (s, d) = in_layout("banner", "alex-rn.json", None);
    for id in ["Title", "Subtitle", "ContactInfo"] {
        let st = style_of(&s, id);
        assert!(st.contains("w:fill=\"1d4e89\""), "{id}: {st}");
        assert!(st.contains("<w:color w:val=\"ffffff\" />"), "{id}: {st}");
    }
    // Links on the band are in the band's text colour too.
    assert!(d.contains("<w:rStyle w:val=\"BandHyperlink\" />"));
    assert!(style_of(&s, "BandHyperlink").contains("<w:color w:val=\"ffffff\" />"));
    let (s, _) = in_layout("classic", "alex-rn.json", None);
    assert!(!style_of(&s, "Title").contains("w:fill"));
}

#[test]
fn stacked_and_gutter_entries() {
    // Stacked, organisation first: Heading 2 "Lacework<tab>San Francisco Bay Area",
    // then Entry Details "Software Engineer<tab>Jan 2021 – Present".
    let (s, d) = in_layout("engineering", "alex-rn.json", None);
    assert!(style_of(&s, "EntryDetails").contains("<w:tab w:val=\"right\""));
    let org = d.find(">Lacework<").unwrap();
    let place = d.find(">San Francisco Bay Area<").unwrap();
    let title = d[place..].find(">Software Engineer<").unwrap() + place;
    let dates = d[title..].find(">Jan 2021 – Present<").unwrap() + title;
    assert!(org < place && place < title && title < dates);
    // Gutter: a hanging indent with the dates before a tab; the text under it indented.
    let (s, d) = in_layout("timeline", "alex-rn.json", None);
    assert!(
        style_of(&s, "Heading2").contains("w:hanging=\"2041\""),
        "{}",
        style_of(&s, "Heading2")
    );
    assert!(style_of(&s, "BodyText").contains("<w:ind w:left=\"2041\""));
    let work = d.find(">Experience<").unwrap();
    let dates = d[work..].find(">Jan 2021 – Present<").unwrap();
    let title = d[work..].find(">Software Engineer<").unwrap();
    assert!(dates < title, "the dates lead in the gutter");
}

#[test]
fn a_sidebar_is_one_borderless_table_row_in_reading_order() {
    let (_, d) = in_layout("sidebar", "alex-rn.json", None);
    assert_eq!(d.matches("<w:tbl>").count(), 1);
    assert_eq!(d.matches("<w:tr>").count(), 1);
    assert_eq!(d.matches("<w:tc>").count(), 2);
    assert!(d.contains("<w:tblLayout w:type=\"fixed\" />"));
    assert!(!d.contains("cantSplit"), "the row breaks across pages");
    assert!(d.contains("w:fill=\"edf3f2\""), "the tint");
    let skills = d.find(">Skills<").unwrap();
    let work = d.find(">Experience<").unwrap();
    assert!(skills < work, "the sidebar's cell first");
    assert!(!d.contains("bidiVisual"));
    // Right to left: the same order, the table laid out from the right.
    let (_, d) = in_layout("sidebar", "alex-rn.json", Some("ar"));
    assert!(d.contains("<w:tblPr><w:bidiVisual />"));
    // Classic: no table.
    let (_, d) = in_layout("classic", "alex-rn.json", None);
    assert!(!d.contains("<w:tbl>"));
}
