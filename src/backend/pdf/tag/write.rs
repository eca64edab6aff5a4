//! The structure tree as written: one StructElem per element that holds content, marked-content references and link annotations as its kids, the ParentTree that maps them back, and the catalog entries that declare the file tagged.

use lopdf::{Dictionary, Document, Object, ObjectId};

use super::{Kind, Tree};
use crate::backend::pdf::meta::text;

/// A marked-content sequence drawn on a page: the element it belongs to
/// and, for link text, the index of its annotation on the page. Its MCID is
/// its index in [`PageMarks::marks`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mark {
    pub node: usize,
    pub link: Option<usize>,
}

/// A link annotation: its target and rectangle (x0, y0, x1, y1 in points).
#[derive(Debug, Clone, PartialEq)]
pub struct Annot {
    pub url: String,
    pub rect: [f32; 4],
}

/// What one page's content stream marked, in drawing order.
#[derive(Debug, Clone, Default)]
pub struct PageMarks {
    pub marks: Vec<Mark>,
    pub annots: Vec<Annot>,
}

/// A kid of a structure element.
#[derive(Debug, Clone, Copy)]
enum Kid {
    /// Marked content: page index and MCID.
    Content(usize, usize),
    /// Another element, by index.
    Element(usize),
    /// A link annotation: page index and annotation object.
    Annotation(usize, ObjectId),
}

/// A structure element being assembled.
struct Element {
    name: &'static [u8],
    kind: Option<Kind>,
    parent: Option<usize>,
    kids: Vec<Kid>,
}

/// Where each page's marks and annotations went: the element owning each MCID, page by
/// page; each annotation's ParentTree key and Link element; the next free key.
struct Owners {
    mcids: Vec<Vec<usize>>,
    annots: Vec<(usize, usize)>,
    next_key: usize,
}

/// Writes the link annotations and the structure tree of `tree` into `doc`,
/// whose pages (in order) drew `pages`.
pub fn write(doc: &mut Document, tree: &Tree, pages: &[PageMarks]) -> Result<(), lopdf::Error> {
    let page_ids: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut elements = elements_of(tree);
    let owners = mark_pages(doc, &mut elements, pages, &page_ids)?;

    // Elements without content are left out.
    let root_id = doc.new_object_id();
    let ids: Vec<Option<ObjectId>> = kept(&elements)
        .iter()
        .map(|&k| k.then(|| doc.new_object_id()))
        .collect();
    let id_of = |e: usize| ids.get(e).copied().flatten();
    for (i, el) in elements.iter().enumerate() {
        if let Some(id) = id_of(i) {
            let dict = element(el, &page_ids, root_id, &id_of);
            doc.objects.insert(id, Object::Dictionary(dict));
        }
    }
    write_root(doc, root_id, &owners, &id_of)
}

/// One element per node of the tree, each parent listing its children.
fn elements_of(tree: &Tree) -> Vec<Element> {
    let mut elements: Vec<Element> = tree
        .nodes
        .iter()
        .map(|n| Element {
            name: n.kind.name(),
            kind: Some(n.kind),
            parent: n.parent,
            kids: Vec::new(),
        })
        .collect();
    for (i, node) in tree.nodes.iter().enumerate() {
        if let Some(kids) = node.parent.and_then(|p| elements.get_mut(p)) {
            kids.kids.push(Kid::Element(i));
        }
    }
    elements
}

/// A new Link element under `parent`; its index.
fn new_link(elements: &mut Vec<Element>, parent: usize) -> usize {
    let e = elements.len();
    elements.push(Element {
        name: b"Link",
        kind: None,
        parent: Some(parent),
        kids: Vec::new(),
    });
    if let Some(p) = elements.get_mut(parent) {
        p.kids.push(Kid::Element(e));
    }
    e
}

/// Gives each page's marked content (in drawing order) to its element, each
/// annotation a Link element in the element its text belongs to, and writes the
/// annotations and each page's `StructParents`, `Annots` and `Tabs`.
fn mark_pages(
    doc: &mut Document,
    elements: &mut Vec<Element>,
    pages: &[PageMarks],
    page_ids: &[ObjectId],
) -> Result<Owners, lopdf::Error> {
    let mut owners = Owners {
        mcids: Vec::with_capacity(pages.len()),
        annots: Vec::new(),
        next_key: page_ids.len(),
    };
    for (p, (page, &page_id)) in pages.iter().zip(page_ids).enumerate() {
        let mut links: Vec<Option<usize>> = vec![None; page.annots.len()];
        let mut owned = Vec::with_capacity(page.marks.len());
        for (mcid, mark) in page.marks.iter().enumerate() {
            let owner = match mark.link.filter(|&a| a < page.annots.len()) {
                Some(a) => match links.get(a).copied().flatten() {
                    Some(e) => e,
                    None => {
                        let e = new_link(elements, mark.node);
                        if let Some(slot) = links.get_mut(a) {
                            *slot = Some(e);
                        }
                        e
                    }
                },
                None => mark.node,
            };
            if let Some(el) = elements.get_mut(owner) {
                el.kids.push(Kid::Content(p, mcid));
            }
            owned.push(owner);
        }
        owners.mcids.push(owned);
        let mut annot_refs = Vec::new();
        for (a, annot) in page.annots.iter().enumerate() {
            // Every annotation covers drawn text; one that did not would still
            // need an element.
            let e = links
                .get(a)
                .copied()
                .flatten()
                .unwrap_or_else(|| new_link(elements, 0));
            let id = doc.add_object(annotation(annot, owners.next_key, page_id));
            owners.annots.push((owners.next_key, e));
            owners.next_key += 1;
            if let Some(el) = elements.get_mut(e) {
                el.kids.push(Kid::Annotation(p, id));
            }
            annot_refs.push(Object::Reference(id));
        }
        let dict = doc.get_dictionary_mut(page_id)?;
        dict.set("StructParents", Object::Integer(p as i64));
        if annot_refs.is_empty() {
            dict.remove(b"Annots");
        } else {
            dict.set("Annots", Object::Array(annot_refs));
            dict.set("Tabs", Object::Name(b"S".to_vec()));
        }
    }
    Ok(owners)
}

/// Which elements are written: those with content and the root. Kids come after
/// their parents, so one pass from the back settles every element.
fn kept(elements: &[Element]) -> Vec<bool> {
    let mut keep = vec![false; elements.len()];
    for i in (0..elements.len()).rev() {
        let Some(el) = elements.get(i) else { continue };
        let has = el.kids.iter().any(|k| match k {
            Kid::Element(e) => keep.get(*e).copied().unwrap_or(false),
            Kid::Content(..) | Kid::Annotation(..) => true,
        });
        if let Some(slot) = keep.get_mut(i) {
            *slot = has || i == 0;
        }
    }
    keep
}

/// An element's StructElem dictionary.
fn element(
    el: &Element,
    page_ids: &[ObjectId],
    root_id: ObjectId,
    id_of: &dyn Fn(usize) -> Option<ObjectId>,
) -> Dictionary {
    let first_page = el.kids.iter().find_map(|k| match k {
        Kid::Content(p, _) | Kid::Annotation(p, _) => Some(*p),
        Kid::Element(_) => None,
    });
    let mut kids = Vec::new();
    for kid in &el.kids {
        match *kid {
            Kid::Element(e) => {
                if let Some(r) = id_of(e) {
                    kids.push(Object::Reference(r));
                }
            }
            Kid::Content(p, mcid) if Some(p) == first_page => {
                kids.push(Object::Integer(mcid as i64));
            }
            Kid::Content(p, mcid) => {
                let mut mcr = Dictionary::new();
                mcr.set("Type", Object::Name(b"MCR".to_vec()));
                if let Some(page) = page_ids.get(p) {
                    mcr.set("Pg", Object::Reference(*page));
                }
                mcr.set("MCID", Object::Integer(mcid as i64));
                kids.push(Object::Dictionary(mcr));
            }
            Kid::Annotation(p, annot) => {
                let mut objr = Dictionary::new();
                objr.set("Type", Object::Name(b"OBJR".to_vec()));
                if let Some(page) = page_ids.get(p) {
                    objr.set("Pg", Object::Reference(*page));
                }
                objr.set("Obj", Object::Reference(annot));
                kids.push(Object::Dictionary(objr));
            }
        }
    }
    // `/Type /StructElem` is optional, and left out.
    let mut dict = Dictionary::new();
    dict.set("S", Object::Name(el.name.to_vec()));
    let parent = el.parent.and_then(id_of).unwrap_or(root_id);
    dict.set("P", Object::Reference(parent));
    if let Some(page) = first_page.and_then(|p| page_ids.get(p)) {
        dict.set("Pg", Object::Reference(*page));
    }
    if let Some(Kind::L(numbering)) = el.kind {
        let mut attributes = Dictionary::new();
        attributes.set("O", Object::Name(b"List".to_vec()));
        attributes.set("ListNumbering", Object::Name(numbering.name().to_vec()));
        dict.set("A", Object::Dictionary(attributes));
    }
    if el.kind == Some(Kind::TH) {
        // The bundle's cover: each head names its column.
        let mut attributes = Dictionary::new();
        attributes.set("O", Object::Name(b"Table".to_vec()));
        attributes.set("Scope", Object::Name(b"Column".to_vec()));
        dict.set("A", Object::Dictionary(attributes));
    }
    // One kid stands alone; several make an array.
    let kids = match kids.len() {
        1 => kids.pop().unwrap_or(Object::Null),
        _ => Object::Array(kids),
    };
    dict.set("K", kids);
    dict
}

/// The ParentTree (per page, the element of each MCID; per annotation, its Link
/// element), the StructTreeRoot, and the catalog entries that declare the file tagged.
fn write_root(
    doc: &mut Document,
    root_id: ObjectId,
    owners: &Owners,
    id_of: &dyn Fn(usize) -> Option<ObjectId>,
) -> Result<(), lopdf::Error> {
    let mut nums = Vec::new();
    for (p, owned) in owners.mcids.iter().enumerate() {
        let refs = owned
            .iter()
            .map(|&e| id_of(e).map_or(Object::Null, Object::Reference))
            .collect();
        nums.push(Object::Integer(p as i64));
        nums.push(Object::Array(refs));
    }
    for &(key, e) in &owners.annots {
        nums.push(Object::Integer(key as i64));
        nums.push(id_of(e).map_or(Object::Null, Object::Reference));
    }
    let mut parent_tree = Dictionary::new();
    parent_tree.set("Nums", Object::Array(nums));
    let parent_tree = doc.add_object(parent_tree);
    let mut root = Dictionary::new();
    root.set("Type", Object::Name(b"StructTreeRoot".to_vec()));
    if let Some(document) = id_of(0) {
        root.set("K", Object::Reference(document));
    }
    root.set("ParentTree", Object::Reference(parent_tree));
    root.set("ParentTreeNextKey", Object::Integer(owners.next_key as i64));
    doc.objects.insert(root_id, Object::Dictionary(root));

    let catalog = doc.catalog_mut()?;
    catalog.set("StructTreeRoot", Object::Reference(root_id));
    let mut mark_info = Dictionary::new();
    mark_info.set("Marked", Object::Boolean(true));
    catalog.set("MarkInfo", Object::Dictionary(mark_info));
    Ok(())
}

/// A link annotation's dictionary: no border, printable, described by its
/// target, tied to the structure tree by `key`.
fn annotation(annot: &Annot, key: usize, page: ObjectId) -> Dictionary {
    let mut action = Dictionary::new();
    action.set("S", Object::Name(b"URI".to_vec()));
    action.set(
        "URI",
        Object::String(annot.url.as_bytes().to_vec(), lopdf::StringFormat::Literal),
    );
    let mut dict = Dictionary::new();
    dict.set("Type", Object::Name(b"Annot".to_vec()));
    dict.set("Subtype", Object::Name(b"Link".to_vec()));
    dict.set(
        "Rect",
        Object::Array(
            annot
                .rect
                .iter()
                .map(|v| Object::Real((v * 100.0).round() / 100.0))
                .collect(),
        ),
    );
    dict.set(
        "Border",
        Object::Array(vec![
            Object::Integer(0),
            Object::Integer(0),
            Object::Integer(0),
        ]),
    );
    // Print: PDF/A wants annotations printed as they are shown.
    dict.set("F", Object::Integer(4));
    dict.set("P", Object::Reference(page));
    dict.set("A", Object::Dictionary(action));
    dict.set("Contents", text(&annot.url));
    dict.set("StructParent", Object::Integer(key as i64));
    dict
}
