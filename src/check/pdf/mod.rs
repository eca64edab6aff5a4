//! PDF text extraction as parsers do it: the text layer of each page, decoded through its fonts, in reading order.

mod cmap;
mod font;
mod interpret;
mod order;

use lopdf::{Dictionary, Document, LoadOptions, Object};

pub use font::Mapping;
pub use interpret::FontUse;
pub use order::{Band, Line};

/// Any one stream is decoded to at most this many bytes (a decompression bomb stops here).
pub(crate) const MAX_STREAM: usize = 64 * 1024 * 1024;

/// One page as read.
#[derive(Debug, Default)]
pub struct Page {
    pub lines: Vec<Line>,
    /// Groups of lines read as columns.
    pub bands: Vec<Band>,
    pub glyphs: usize,
    pub images: usize,
    /// Share of the page that images cover (may exceed 1 when they overlap).
    pub image_cover: f32,
    /// Glyphs drawn invisibly (the OCR layer of a scan).
    pub invisible: usize,
}

/// A PDF as read.
#[derive(Debug, Default)]
pub struct Pdf {
    /// Pages read (all of them unless `truncated`).
    pub pages: Vec<Page>,
    /// Pages in the file.
    pub page_count: usize,
    /// Fonts that show text, in name order.
    pub fonts: Vec<FontUse>,
    /// `/MarkInfo /Marked true` and a `/StructTreeRoot`.
    pub tagged: bool,
    /// Encrypted, and opened with the empty password.
    pub encrypted: bool,
    /// The catalog's `/Lang`.
    pub language: Option<String>,
    /// Link targets of the pages' link annotations.
    pub links: Vec<String>,
    /// Limits on work were reached: the rest of the file was not read.
    pub truncated: bool,
    /// The document information's `Title`.
    pub title: Option<String>,
}

/// An object with references followed.
pub(crate) fn deref<'a>(doc: &'a Document, obj: &'a Object) -> Option<&'a Object> {
    doc.dereference(obj).ok().map(|(_, o)| o)
}

/// A number, following a reference.
pub(crate) fn number(doc: &Document, obj: &Object) -> Option<f32> {
    match deref(doc, obj)? {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r).filter(|r| r.is_finite()),
        _ => None,
    }
}

/// A name entry as text.
pub(crate) fn name_of(dict: &Dictionary, key: &[u8]) -> Option<String> {
    dict.get(key)
        .ok()
        .and_then(|o| o.as_name().ok())
        .map(|n| String::from_utf8_lossy(n).into_owned())
}

fn dict<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Dictionary> {
    deref(doc, d.get(key).ok()?)?.as_dict().ok()
}

/// The area of a page's media box, looked up the page tree.
fn page_area(doc: &Document, page: &Dictionary) -> f32 {
    let mut node = Some(page);
    for _ in 0..32 {
        let Some(n) = node else { break };
        if let Some(Object::Array(b)) = n.get(b"MediaBox").ok().and_then(|o| deref(doc, o)) {
            let v: Vec<f32> = b.iter().filter_map(|o| number(doc, o)).collect();
            if let [x0, y0, x1, y1] = v.as_slice() {
                return ((x1 - x0) * (y1 - y0)).abs().max(1.0);
            }
        }
        node = dict(doc, n, b"Parent");
    }
    612.0 * 792.0
}

/// Reads a PDF. The error says why it cannot be read, in plain words.
pub fn read(bytes: &[u8]) -> Result<Pdf, String> {
    if !bytes.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Err("not a PDF file (no %PDF- header)".into());
    }
    let options = LoadOptions {
        max_decompressed_size: Some(MAX_STREAM),
        ..LoadOptions::default()
    };
    let doc = Document::load_mem_with_options(bytes, options)
        .map_err(|e| format!("not a readable PDF: {e}"))?;
    if doc.trailer.has(b"Encrypt") {
        return Err("the PDF is encrypted with a password; parsers cannot read it either".into());
    }
    let mut out = Pdf {
        encrypted: doc.was_encrypted(),
        ..Pdf::default()
    };
    if let Ok(catalog) = doc.catalog() {
        let marked = dict(&doc, catalog, b"MarkInfo")
            .and_then(|m| m.get(b"Marked").ok())
            .and_then(|o| deref(&doc, o))
            .and_then(|o| o.as_bool().ok())
            .unwrap_or(false);
        out.tagged = marked && catalog.has(b"StructTreeRoot");
        out.language = catalog
            .get(b"Lang")
            .ok()
            .and_then(|o| deref(&doc, o))
            .and_then(|o| lopdf::decode_text_string(o).ok())
            .filter(|l| !l.trim().is_empty());
    }
    out.title = doc
        .trailer
        .get(b"Info")
        .ok()
        .and_then(|o| deref(&doc, o))
        .and_then(|o| o.as_dict().ok())
        .and_then(|info| info.get(b"Title").ok())
        .and_then(|o| deref(&doc, o))
        .and_then(|o| lopdf::decode_text_string(o).ok())
        .filter(|t| !t.trim().is_empty());
    let pages = doc.get_pages();
    if pages.is_empty() {
        return Err("the PDF has no pages".into());
    }
    out.page_count = pages.len();
    let mut interpreter = interpret::Interpreter::new(&doc);
    for page_id in pages.into_values() {
        let ink = interpreter.page(page_id);
        let (lines, bands) = order::order(&ink.glyphs);
        let area = doc
            .get_dictionary(page_id)
            .map_or(612.0 * 792.0, |p| page_area(&doc, p));
        out.pages.push(Page {
            lines,
            bands,
            glyphs: ink.glyphs.len(),
            images: ink.images,
            image_cover: ink.image_area / area,
            invisible: ink.invisible,
        });
        if let Ok(annots) = doc.get_page_annotations(page_id) {
            for a in annots {
                let uri = dict(&doc, a, b"A")
                    .and_then(|action| action.get(b"URI").ok())
                    .and_then(|o| deref(&doc, o))
                    .and_then(|o| o.as_str().ok());
                if let Some(u) = uri
                    && out.links.len() < 1000
                {
                    out.links.push(String::from_utf8_lossy(u).into_owned());
                }
            }
        }
        if interpreter.truncated {
            break;
        }
    }
    out.truncated = interpreter.truncated;
    out.fonts = interpreter.used.into_values().collect();
    Ok(out)
}
