//! Tagged PDF: the structure tree, read back with lopdf, mirrors the
//! document model (H1 name, H2 per section, a Div with an H3 per entry, L/LI/
//! Lbl/LBody per bullet, Link elements tied to their annotations), its text in
//! tree order is the document's text in the document's order, and nothing on
//! a page is left outside it except artifacts.

use crate::common;
use crate::pdf_dump;

use std::collections::BTreeMap;

use lopdf::{Dictionary, Document as Pdf, Object, ObjectId};
use resume_export::backend::{self, RenderOptions};
use resume_export::document::{Block, Document, plain_text};
use resume_export::layout::Layout;

/// One structure element in tree order: its type and text (its own
/// and its descendants').
#[derive(Debug, Clone)]
struct Elem {
    role: String,
    text: String,
    /// Its dictionary, for attribute checks.
    dict: Dictionary,
}

fn resolve<'a>(doc: &'a Pdf, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(&Object::Null),
        other => other,
    }
}

/// The structure tree of `bytes`, flattened in tree order, and the dump.
fn structure(bytes: &[u8]) -> (Vec<Elem>, pdf_dump::Dump) {
    let dump = pdf_dump::dump(bytes);
    let doc = Pdf::load_mem(bytes).unwrap();
    let pages: BTreeMap<ObjectId, usize> = doc
        .get_pages()
        .into_values()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    let Object::Dictionary(root) = resolve(&doc, root) else {
        panic!("StructTreeRoot is not a dictionary");
    };
    let mut out = Vec::new();
    walk(&doc, &pages, &dump, root.get(b"K").unwrap(), None, &mut out);
    (out, dump)
}

/// Appends the element `k` (and its descendants); returns its text.
fn walk(
    doc: &Pdf,
    pages: &BTreeMap<ObjectId, usize>,
    dump: &pdf_dump::Dump,
    k: &Object,
    page: Option<usize>,
    out: &mut Vec<Elem>,
) -> String {
    match resolve(doc, k) {
        Object::Integer(mcid) => dump
            .marked
            .get(&(page.expect("an MCID kid needs /Pg"), *mcid))
            .cloned()
            .unwrap_or_default(),
        // Kids are separate pieces of text (a Link inside a P is too:
        // its neighbours carry the spaces around it, so this only doubles them).
        Object::Array(kids) => kids
            .iter()
            .map(|kid| walk(doc, pages, dump, kid, page, out))
            .collect::<Vec<_>>()
            .join(" "),
        Object::Dictionary(d) => {
            let page_of = |d: &Dictionary| {
                d.get(b"Pg")
                    .ok()
                    .and_then(|p| p.as_reference().ok())
                    .and_then(|id| pages.get(&id).copied())
            };
            match d.get(b"Type").ok().and_then(|t| t.as_name().ok()) {
                Some(b"MCR") => {
                    let mcid = d.get(b"MCID").unwrap().as_i64().unwrap();
                    let page = page_of(d).or(page).expect("an MCR needs a page");
                    dump.marked.get(&(page, mcid)).cloned().unwrap_or_default()
                }
                Some(b"OBJR") => String::new(),
                _ => {
                    let role = String::from_utf8_lossy(d.get(b"S").unwrap().as_name().unwrap())
                        .into_owned();
                    let at = out.len();
                    out.push(Elem {
                        role,
                        text: String::new(),
                        dict: d.clone(),
                    });
                    let page = page_of(d).or(page);
                    let text = match d.get(b"K") {
                        Ok(kids) => walk(doc, pages, dump, kids, page, out),
                        Err(_) => String::new(),
                    };
                    out[at].text = text.clone();
                    text
                }
            }
        }
        _ => String::new(),
    }
}

/// Words without the punctuation around them, for order comparisons.
fn words(s: &str) -> Vec<String> {
    s.split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .filter(|w| !w.is_empty())
        .collect()
}

/// Text for comparison: whitespace collapsed, and without the characters
/// no bundled font shows (variation selectors, zero-width marks, emoji).
fn squash(s: &str) -> String {
    s.chars()
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200F}' | '\u{FE0F}' | '\u{AD}'))
        .filter(|c| (*c as u32) < 0x1F000)
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `s` without any whitespace.
fn solid(s: &str) -> String {
    squash(s).split_whitespace().collect()
}

fn render(path: &std::path::Path, layout: &str) -> (Document, Vec<u8>) {
    let layout = Layout::builtin(layout).unwrap();
    let bytes = std::fs::read(path).unwrap();
    let doc = resume_export::load(&bytes, &layout).unwrap().1;
    let pdf = backend::find("pdf").unwrap();
    let out = pdf
        .render(&doc, &layout, &RenderOptions::default())
        .unwrap();
    (doc, out.bytes)
}

#[test]
fn the_tree_mirrors_the_document_model() {
    for layout in ["classic", "modern", "compact"] {
        for path in common::inputs() {
            let name = format!("{} ({layout})", path.display());
            let (doc, pdf) = render(&path, layout);
            let (tree, _) = structure(&pdf);
            assert_eq!(tree[0].role, "Document", "{name}");
            let roles = |r: &str| tree.iter().filter(|e| e.role == r).collect::<Vec<_>>();
            let named = doc
                .header
                .name
                .as_deref()
                .is_some_and(|n| !n.trim().is_empty());
            let (section_h, entry_h) = if named { ("H2", "H3") } else { ("H1", "H2") };
            if named {
                let h1 = roles("H1");
                assert_eq!(h1.len(), 1, "{name}");
                assert_eq!(
                    squash(&h1[0].text),
                    squash(doc.header.name.as_deref().unwrap()),
                    "{name}"
                );
            }
            // One Sect with its heading per section, in order.
            let sects = roles("Sect");
            assert_eq!(sects.len(), doc.sections.len(), "{name}");
            let headings: Vec<String> = roles(section_h)
                .iter()
                .map(|e| squash(&e.text).to_lowercase())
                .collect();
            let titles: Vec<String> = doc
                .sections
                .iter()
                .map(|s| squash(&s.title).to_lowercase())
                .collect();
            if !doc.sections.is_empty() {
                assert_eq!(headings, titles, "{name}");
            }
            // One Div per entry, its H3 holding the title and organisation.
            let entries: Vec<_> = doc
                .sections
                .iter()
                .flat_map(|s| &s.blocks)
                .filter_map(|b| match b {
                    Block::Entry(e) => Some(e),
                    _ => None,
                })
                .collect();
            assert_eq!(roles("Div").len(), entries.len(), "{name}");
            let entry_titles = roles(entry_h);
            let titled: Vec<_> = entries
                .iter()
                .filter(|e| {
                    e.title
                        .iter()
                        .chain(&e.subtitle)
                        .any(|t| !t.trim().is_empty())
                })
                .collect();
            assert_eq!(entry_titles.len(), titled.len(), "{name}");
            for (h, e) in entry_titles.iter().zip(&titled) {
                for part in e.title.iter().chain(&e.subtitle) {
                    assert!(
                        squash(&h.text).contains(&squash(part)),
                        "{name}: {entry_h} {:?} lacks {part:?}",
                        h.text
                    );
                }
            }
            // Every bullet is an LI with a label and a body.
            let bullets: usize = doc
                .sections
                .iter()
                .flat_map(|s| &s.blocks)
                .map(|b| match b {
                    Block::Entry(e) => {
                        e.bullets.len()
                            + e.summary
                                .iter()
                                .map(|b| match b {
                                    Block::List { items } => items.len(),
                                    _ => 0,
                                })
                                .sum::<usize>()
                    }
                    Block::List { items } => items.len(),
                    _ => 0,
                })
                .sum();
            let items = roles("LI");
            assert_eq!(items.len(), bullets, "{name}");
            assert_eq!(roles("Lbl").len(), bullets, "{name}");
            assert_eq!(roles("LBody").len(), bullets, "{name}");
            for l in roles("L") {
                let a = l.dict.get(b"A").unwrap().as_dict().unwrap();
                assert_eq!(a.get(b"O").unwrap().as_name().unwrap(), b"List");
                assert!(a.get(b"ListNumbering").is_ok(), "{name}");
            }
            // Link elements: as many as annotations (which are described
            // by their /Contents; an /Alt on the element would replace the
            // link text for a screen reader).
            let links = roles("Link");
            let annots = pdf_dump::dump(&pdf).links.len();
            assert_eq!(links.len(), annots, "{name}");
            for l in links {
                assert!(l.dict.get(b"Alt").is_err(), "{name}: Link with /Alt");
            }
            // No element is empty.
            for e in &tree {
                assert!(!e.text.trim().is_empty(), "{name}: empty {}", e.role);
            }
        }
    }
}

#[test]
fn the_tree_reads_in_the_document_order() {
    for path in common::inputs() {
        let name = path.display().to_string();
        let (doc, pdf) = render(&path, "classic");
        let (tree, dump) = structure(&pdf);
        // The text of the tree is the text of the pages, less their
        // artifacts (compared without whitespace: CJK lines join without one).
        // Page numbers come last on their page.
        let mut pages = String::new();
        for (i, page) in dump.pages.iter().enumerate() {
            let mut text = solid(&page.iter().map(|r| r.text.as_str()).collect::<String>());
            for (_, a) in dump.artifacts.iter().filter(|(p, _)| *p == i) {
                if let Some(at) = text.rfind(&solid(a)) {
                    text.replace_range(at..at + solid(a).len(), "");
                }
            }
            pages.push_str(&text);
        }
        // A hyphen added at a line end is a soft hyphen in the tree.
        let unhyphenated = |s: &str| s.replace('-', "");
        assert_eq!(
            unhyphenated(&solid(&tree[0].text)),
            unhyphenated(&pages),
            "{name}"
        );
        // And what the document holds comes in its order: every section
        // title, entry title, organisation and bullet, one after another.
        let mut expected = Vec::new();
        expected.extend(doc.header.name.clone());
        for s in &doc.sections {
            expected.push(s.title.clone());
            for b in &s.blocks {
                match b {
                    Block::Entry(e) => {
                        expected.extend(e.title.clone());
                        expected.extend(e.subtitle.clone());
                        expected.extend(e.bullets.iter().map(|b| plain_text(b)));
                    }
                    Block::List { items } => expected.extend(items.iter().map(|i| plain_text(i))),
                    _ => {}
                }
            }
        }
        // Headings may be set in capitals.
        let text = solid(&tree[0].text).to_lowercase();
        let mut rest = text.as_str();
        for fact in expected {
            let want = solid(&fact).to_lowercase();
            if want.is_empty() {
                continue;
            }
            let at = rest
                .find(&want)
                .unwrap_or_else(|| panic!("{name}: {fact:?} not found in order in the tree"));
            rest = &rest[at + want.len()..];
        }
        assert!(
            dump.untagged.is_empty(),
            "{name}: untagged {:?}",
            dump.untagged
        );
    }
}

#[test]
fn page_numbers_are_artifacts_and_every_mcid_has_a_parent() {
    let path = common::root().join("samples/alex-rn.json");
    let (_, pdf) = render(&path, "classic");
    let (tree, dump) = structure(&pdf);
    assert!(dump.pages.len() > 1);
    assert!(
        dump.artifacts
            .iter()
            .any(|(p, a)| *p == 0 && (a.contains("1 / ") || a.contains("1/"))),
        "{:?}",
        dump.artifacts
    );
    assert!(!words(&tree[0].text).contains(&"/".to_string()));
    // The ParentTree names, for each page's MCIDs, an element that has it.
    let doc = Pdf::load_mem(&pdf).unwrap();
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap();
    let root = resolve(&doc, root).as_dict().unwrap();
    let tree_ref = root.get(b"ParentTree").unwrap();
    let nums = resolve(&doc, tree_ref)
        .as_dict()
        .unwrap()
        .get(b"Nums")
        .unwrap()
        .as_array()
        .unwrap();
    for (i, (_, page)) in doc.get_pages().into_iter().enumerate() {
        let key = doc
            .get_dictionary(page)
            .unwrap()
            .get(b"StructParents")
            .unwrap()
            .as_i64()
            .unwrap();
        let pos = nums
            .chunks(2)
            .position(|c| c[0].as_i64().unwrap() == key)
            .unwrap();
        let owners = resolve(&doc, &nums[pos * 2 + 1]).as_array().unwrap();
        let marked = dump.marked.keys().filter(|(p, _)| *p == i).count();
        assert_eq!(owners.len(), marked, "page {i}");
        assert!(owners.iter().all(|o| o.as_reference().is_ok()));
        // Annotations point back too, and are described.
        for a in doc.get_page_annotations(page).unwrap() {
            assert!(a.get(b"StructParent").is_ok());
            assert!(a.get(b"Contents").is_ok());
            assert_eq!(a.get(b"F").unwrap().as_i64().unwrap(), 4);
        }
    }
    let catalog = doc.catalog().unwrap();
    let marked = catalog.get(b"MarkInfo").unwrap().as_dict().unwrap();
    assert!(marked.get(b"Marked").unwrap().as_bool().unwrap());
}
