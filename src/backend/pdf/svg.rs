//! An SVG logo as vectors: svg2pdf writes the normalised drawing as a Form XObject, whose objects we move into the document.
//!
//! The form is one unit square, as an image XObject is, so the letterhead
//! draws either kind with the same `cm … Do`. svg2pdf writes into a
//! pdf-writer chunk; lopdf reads it back from a minimal file around it,
//! and every object the form reaches is copied under a new number.

use std::collections::BTreeMap;

use lopdf::{Document, Object, ObjectId};
use pdf_writer::{Pdf, Ref};
use svg2pdf::usvg;

/// The Form XObject of `svg` (usvg's normalised output: paths only),
/// added to `doc`; its id, or why not.
pub fn embed(doc: &mut Document, svg: &str) -> Result<ObjectId, String> {
    let tree = usvg::Tree::from_str(svg, &usvg::Options::default())
        .map_err(|e| format!("the SVG logo cannot be read again ({e})"))?;
    let options = svg2pdf::ConversionOptions {
        // Our writer deflates every stream, at the level all others get.
        compress: false,
        embed_text: false,
        pdfa: true,
        ..svg2pdf::ConversionOptions::default()
    };
    let (chunk, form) = svg2pdf::to_chunk(&tree, options)
        .map_err(|e| format!("the SVG logo cannot be drawn ({e})"))?;
    // Objects 1 and 2 are the catalog and the empty page tree lopdf needs.
    let mut next = 3;
    let mut numbers = BTreeMap::new();
    let chunk = chunk.renumber(|old| {
        *numbers.entry(old).or_insert_with(|| {
            next += 1;
            Ref::new(next - 1)
        })
    });
    let form = numbers
        .get(&form)
        .copied()
        .ok_or("the SVG logo has no drawing")?;
    let mut pdf = Pdf::new();
    pdf.catalog(Ref::new(1)).pages(Ref::new(2));
    pdf.pages(Ref::new(2)).count(0);
    pdf.extend(&chunk);
    let source = Document::load_mem(&pdf.finish())
        .map_err(|e| format!("the SVG logo's PDF cannot be read ({e})"))?;
    let root = (u32::try_from(form.get()).map_err(|e| e.to_string())?, 0);
    import(&source, root, doc)
}

/// Copies `root` and every object it reaches from `source` into `doc`, numbered anew; the new id of `root`.
fn import(source: &Document, root: ObjectId, doc: &mut Document) -> Result<ObjectId, String> {
    let mut ids = BTreeMap::new();
    let mut todo = vec![root];
    while let Some(id) = todo.pop() {
        if ids.contains_key(&id) {
            continue;
        }
        ids.insert(id, doc.new_object_id());
        let object = source.get_object(id).map_err(|e| e.to_string())?;
        references(object, &mut todo);
    }
    for (old, new) in &ids {
        let mut object = source.get_object(*old).map_err(|e| e.to_string())?.clone();
        renumber(&mut object, &ids);
        doc.objects.insert(*new, object);
    }
    ids.get(&root)
        .copied()
        .ok_or_else(|| "the SVG logo has no drawing".into())
}

fn references(object: &Object, out: &mut Vec<ObjectId>) {
    match object {
        Object::Reference(id) => out.push(*id),
        Object::Array(items) => items.iter().for_each(|o| references(o, out)),
        Object::Dictionary(d) => d.iter().for_each(|(_, o)| references(o, out)),
        Object::Stream(s) => s.dict.iter().for_each(|(_, o)| references(o, out)),
        _ => {}
    }
}

fn renumber(object: &mut Object, ids: &BTreeMap<ObjectId, ObjectId>) {
    match object {
        Object::Reference(id) => {
            if let Some(new) = ids.get(id) {
                *id = *new;
            }
        }
        Object::Array(items) => items.iter_mut().for_each(|o| renumber(o, ids)),
        Object::Dictionary(d) => d.iter_mut().for_each(|(_, o)| renumber(o, ids)),
        Object::Stream(s) => s.dict.iter_mut().for_each(|(_, o)| renumber(o, ids)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_form_and_what_it_uses_are_moved_in() {
        let svg = r##"<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><defs><linearGradient id="g"><stop offset="0" stop-color="#142d50"/><stop offset="1" stop-color="#e8a93b"/></linearGradient></defs><rect width="20" height="10" fill="url(#g)" opacity="0.8"/></svg>"##;
        let mut doc = Document::with_version("1.7");
        let before = doc.objects.len();
        let id = embed(&mut doc, svg).unwrap();
        let form = doc.get_object(id).unwrap().as_stream().unwrap();
        assert_eq!(
            form.dict.get(b"Subtype").unwrap().as_name().unwrap(),
            b"Form"
        );
        assert!(doc.objects.len() > before + 1, "the gradient came along");
        // Every reference resolves inside the document.
        for object in doc.objects.values() {
            let mut refs = Vec::new();
            references(object, &mut refs);
            for r in refs {
                assert!(doc.objects.contains_key(&r), "{r:?} dangles");
            }
        }
        // The same drawing gives the same objects.
        let mut again = Document::with_version("1.7");
        embed(&mut again, svg).unwrap();
        assert_eq!(format!("{:?}", doc.objects), format!("{:?}", again.objects));
    }
}
