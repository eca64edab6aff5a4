//! The content-stream interpreter: text, graphics and marked-content state, yielding positioned glyphs per page.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

use super::font::{Font, GlyphNames, Mapping};
use super::{MAX_STREAM, deref, number};

/// A shown glyph (or an `/ActualText` replacement) in page space.
#[derive(Debug, Clone)]
pub struct Glyph {
    pub x: f32,
    pub y: f32,
    /// Where the next glyph would start.
    pub end: f32,
    /// Font size as drawn, in points.
    pub size: f32,
    pub text: String,
    /// Not upright: read after the rest of the page.
    pub rotated: bool,
}

/// What one page draws.
#[derive(Debug, Default)]
pub struct Ink {
    pub glyphs: Vec<Glyph>,
    /// Images drawn (XObjects and inline images).
    pub images: usize,
    /// Their area, in square points.
    pub image_area: f32,
    /// Glyphs drawn in invisible mode (an OCR layer over a scan).
    pub invisible: usize,
}

/// A font as used in the document, for the report.
#[derive(Debug, Clone, PartialEq)]
pub struct FontUse {
    pub name: String,
    pub subtype: String,
    pub embedded: bool,
    pub mapping: Mapping,
    pub glyphs: usize,
    /// Codes that the font maps to no text.
    pub unmapped: usize,
}

/// Operations interpreted per document, at most (forms drawn many times count each time).
const MAX_OPERATIONS: usize = 4_000_000;
/// Glyphs per document, at most.
const MAX_GLYPHS: usize = 1_000_000;
/// Nesting of form XObjects, marked content and saved states, at most.
const MAX_NESTING: usize = 64;

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `a` then `b`.
fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn translate(x: f32, y: f32) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, x, y]
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_space: f32,
    word_space: f32,
    scale: f32,
    leading: f32,
    rise: f32,
    mode: i64,
}

impl Default for State {
    fn default() -> Self {
        State {
            ctm: IDENTITY,
            font: None,
            size: 0.0,
            char_space: 0.0,
            word_space: 0.0,
            scale: 1.0,
            leading: 0.0,
            rise: 0.0,
            mode: 0,
        }
    }
}

/// Interprets the pages of one document, keeping its fonts across pages.
pub struct Interpreter<'a> {
    doc: &'a Document,
    fonts: HashMap<ObjectId, Rc<Font>>,
    names: GlyphNames,
    /// Fonts that showed glyphs, by name, subtype and mapping.
    pub used: BTreeMap<(String, String), FontUse>,
    operations: usize,
    glyphs: usize,
    /// The limits above were reached and the rest was not read.
    pub truncated: bool,
}

/// A page's or a form's resources, nearest first.
type Resources<'a> = Vec<&'a Dictionary>;

fn numbers(doc: &Document, ops: &[Object]) -> Vec<f32> {
    ops.iter().map(|o| number(doc, o).unwrap_or(0.0)).collect()
}

fn matrix(v: &[f32]) -> Option<Matrix> {
    match v {
        [a, b, c, d, e, f, ..] => Some([*a, *b, *c, *d, *e, *f]),
        _ => None,
    }
}

impl<'a> Interpreter<'a> {
    pub fn new(doc: &'a Document) -> Self {
        Interpreter {
            doc,
            fonts: HashMap::new(),
            names: GlyphNames::default(),
            used: BTreeMap::new(),
            operations: 0,
            glyphs: 0,
            truncated: false,
        }
    }

    /// What a page draws.
    pub fn page(&mut self, page: ObjectId) -> Ink {
        let mut ink = Ink::default();
        let doc = self.doc;
        let Ok(bytes) = doc.get_page_content_with_limit(page, MAX_STREAM) else {
            self.truncated = true;
            return ink;
        };
        let resources = page_resources(doc, page);
        let mut forms = Vec::new();
        self.run(&bytes, &resources, IDENTITY, &mut ink, &mut forms);
        ink
    }

    /// A named resource of a kind (`Font`, `XObject`, `Properties`).
    fn resource(&self, resources: &Resources<'a>, kind: &[u8], name: &[u8]) -> Option<&'a Object> {
        let doc = self.doc;
        resources.iter().find_map(|r| {
            let dict = deref(doc, r.get(kind).ok()?)?.as_dict().ok()?;
            dict.get(name).ok()
        })
    }

    fn font(&mut self, resources: &Resources<'a>, name: &[u8]) -> Option<Rc<Font>> {
        let doc = self.doc;
        let obj = self.resource(resources, b"Font", name)?;
        if let Object::Reference(id) = obj
            && let Some(f) = self.fonts.get(id)
        {
            return Some(f.clone());
        }
        let dict = deref(doc, obj)?.as_dict().ok()?;
        let font = Rc::new(Font::load(doc, dict, &mut self.names));
        if let Object::Reference(id) = obj {
            self.fonts.insert(*id, font.clone());
        }
        Some(font)
    }

    fn run(
        &mut self,
        bytes: &[u8],
        resources: &Resources<'a>,
        ctm: Matrix,
        ink: &mut Ink,
        forms: &mut Vec<ObjectId>,
    ) {
        let Ok(content) = Content::decode(bytes) else {
            return;
        };
        let doc = self.doc;
        let mut gs = State {
            ctm,
            ..State::default()
        };
        let mut saved: Vec<State> = Vec::new();
        let mut dropped_saves = 0usize;
        let (mut tm, mut tlm) = (IDENTITY, IDENTITY);
        // Marked content: for each open sequence, its /ActualText and the glyph count at its start.
        let mut marked: Vec<Option<(String, usize)>> = Vec::new();
        for op in &content.operations {
            self.operations += 1;
            if self.operations > MAX_OPERATIONS || self.glyphs > MAX_GLYPHS {
                self.truncated = true;
                return;
            }
            let n = || numbers(doc, &op.operands);
            match op.operator.as_str() {
                "q" => {
                    if saved.len() < MAX_NESTING * 4 {
                        saved.push(gs.clone());
                    } else {
                        dropped_saves += 1;
                    }
                }
                "Q" => {
                    if dropped_saves > 0 {
                        dropped_saves -= 1;
                    } else if let Some(s) = saved.pop() {
                        gs = s;
                    }
                }
                "cm" => {
                    if let Some(m) = matrix(&n()) {
                        gs.ctm = mul(&m, &gs.ctm);
                    }
                }
                "BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                "Tc" => gs.char_space = n().first().copied().unwrap_or(0.0),
                "Tw" => gs.word_space = n().first().copied().unwrap_or(0.0),
                "Tz" => gs.scale = n().first().copied().unwrap_or(100.0) / 100.0,
                "TL" => gs.leading = n().first().copied().unwrap_or(0.0),
                "Ts" => gs.rise = n().first().copied().unwrap_or(0.0),
                "Tr" => gs.mode = n().first().copied().unwrap_or(0.0) as i64,
                "Tf" => {
                    gs.font = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|name| self.font(resources, name));
                    gs.size = op
                        .operands
                        .get(1)
                        .and_then(|o| number(doc, o))
                        .unwrap_or(0.0);
                }
                "Td" | "TD" => {
                    let v = n();
                    let (x, y) = (
                        v.first().copied().unwrap_or(0.0),
                        v.get(1).copied().unwrap_or(0.0),
                    );
                    if op.operator == "TD" {
                        gs.leading = -y;
                    }
                    tlm = mul(&translate(x, y), &tlm);
                    tm = tlm;
                }
                "Tm" => {
                    if let Some(m) = matrix(&n()) {
                        tlm = m;
                        tm = m;
                    }
                }
                "T*" => {
                    tlm = mul(&translate(0.0, -gs.leading), &tlm);
                    tm = tlm;
                }
                "Tj" | "'" | "\"" | "TJ" => {
                    if op.operator == "\"" {
                        let v = n();
                        gs.word_space = v.first().copied().unwrap_or(0.0);
                        gs.char_space = v.get(1).copied().unwrap_or(0.0);
                    }
                    if op.operator != "Tj" && op.operator != "TJ" {
                        tlm = mul(&translate(0.0, -gs.leading), &tlm);
                        tm = tlm;
                    }
                    let items: &[Object] = match op.operands.last() {
                        Some(Object::Array(a)) if op.operator == "TJ" => a,
                        Some(o) => std::slice::from_ref(o),
                        None => &[],
                    };
                    for item in items {
                        match item {
                            Object::String(s, _) => self.show(s, &gs, &mut tm, ink),
                            other => {
                                let adjust = number(doc, other).unwrap_or(0.0);
                                let tx = -adjust / 1000.0 * gs.size * gs.scale;
                                tm = mul(&translate(tx, 0.0), &tm);
                            }
                        }
                    }
                }
                "Do" => {
                    if let Some(name) = op.operands.first().and_then(|o| o.as_name().ok()) {
                        self.draw(resources, name, &gs, ink, forms);
                    }
                }
                "BI" => {
                    ink.images += 1;
                    ink.image_area += det(&gs.ctm);
                }
                "BMC" | "BDC" => {
                    let actual = (op.operator == "BDC")
                        .then(|| self.actual_text(resources, op.operands.get(1)))
                        .flatten();
                    if marked.len() < MAX_NESTING {
                        marked.push(actual.map(|t| (t, ink.glyphs.len())));
                    }
                }
                "EMC" => {
                    if let Some(Some((text, start))) = marked.pop() {
                        replace(ink, start, text);
                    }
                }
                _ => {}
            }
        }
    }

    fn actual_text(&self, resources: &Resources<'a>, props: Option<&Object>) -> Option<String> {
        let doc = self.doc;
        let dict = match props? {
            Object::Name(n) => deref(doc, self.resource(resources, b"Properties", n)?)?,
            o => deref(doc, o)?,
        }
        .as_dict()
        .ok()?;
        lopdf::decode_text_string(deref(doc, dict.get(b"ActualText").ok()?)?).ok()
    }

    fn draw(
        &mut self,
        resources: &Resources<'a>,
        name: &[u8],
        gs: &State,
        ink: &mut Ink,
        forms: &mut Vec<ObjectId>,
    ) {
        let doc = self.doc;
        let Some(obj) = self.resource(resources, b"XObject", name) else {
            return;
        };
        let id = obj.as_reference().ok();
        let Some(stream) = deref(doc, obj).and_then(|o| o.as_stream().ok()) else {
            return;
        };
        match stream
            .dict
            .get(b"Subtype")
            .ok()
            .and_then(|o| o.as_name().ok())
        {
            Some(b"Image") => {
                ink.images += 1;
                ink.image_area += det(&gs.ctm);
            }
            Some(b"Form") => {
                if forms.len() >= MAX_NESTING || id.is_some_and(|i| forms.contains(&i)) {
                    return;
                }
                let Ok(bytes) = stream.get_plain_content_with_limit(MAX_STREAM) else {
                    return;
                };
                let m = stream
                    .dict
                    .get(b"Matrix")
                    .ok()
                    .and_then(|o| deref(doc, o))
                    .and_then(|o| o.as_array().ok())
                    .and_then(|a| matrix(&numbers(doc, a)))
                    .unwrap_or(IDENTITY);
                let mut inner: Resources<'a> = Vec::new();
                if let Some(r) = stream
                    .dict
                    .get(b"Resources")
                    .ok()
                    .and_then(|o| deref(doc, o))
                    .and_then(|o| o.as_dict().ok())
                {
                    inner.push(r);
                }
                inner.extend(resources.iter().copied());
                forms.push(id.unwrap_or((0, 0)));
                self.run(&bytes, &inner, mul(&m, &gs.ctm), ink, forms);
                forms.pop();
            }
            _ => {}
        }
    }

    fn show(&mut self, bytes: &[u8], gs: &State, tm: &mut Matrix, ink: &mut Ink) {
        let Some(font) = gs.font.clone() else {
            return;
        };
        let key = (font.name.clone(), font.subtype.clone());
        let codes = font.codes(bytes);
        let mut unmapped = 0;
        for code in &codes {
            let m = mul(tm, &gs.ctm);
            let x = m[2] * gs.rise + m[4];
            let y = m[3] * gs.rise + m[5];
            let advance = (code.width * gs.size
                + gs.char_space
                + if code.space { gs.word_space } else { 0.0 })
                * gs.scale;
            let size = (gs.size * (m[2] * m[2] + m[3] * m[3]).sqrt()).abs();
            let text = code.text.clone().unwrap_or_else(|| {
                unmapped += 1;
                char::REPLACEMENT_CHARACTER.to_string()
            });
            if gs.mode == 3 || gs.mode == 7 {
                ink.invisible += 1;
            }
            ink.glyphs.push(Glyph {
                x,
                y,
                end: x + m[0] * advance,
                size,
                text,
                rotated: m[1].abs() > 0.05 * m[0].abs() || m[0] <= 0.0,
            });
            self.glyphs += 1;
            *tm = mul(&translate(advance, 0.0), tm);
        }
        let entry = self.used.entry(key).or_insert_with(|| FontUse {
            name: font.name.clone(),
            subtype: font.subtype.clone(),
            embedded: font.embedded,
            mapping: font.mapping,
            glyphs: 0,
            unmapped: 0,
        });
        entry.glyphs += codes.len();
        entry.unmapped += unmapped;
    }
}

/// The area a matrix makes of the unit square.
fn det(m: &Matrix) -> f32 {
    (m[0] * m[3] - m[1] * m[2]).abs()
}

/// Glyphs from `start` on become one glyph with the `/ActualText`.
fn replace(ink: &mut Ink, start: usize, text: String) {
    let Some(first) = ink.glyphs.get(start).cloned() else {
        return;
    };
    let end = ink.glyphs.last().map_or(first.end, |g| g.end);
    ink.glyphs.truncate(start);
    ink.glyphs.push(Glyph { end, text, ..first });
}

/// A page's resource dictionaries, its own first, then those it inherits.
fn page_resources(doc: &Document, page: ObjectId) -> Vec<&Dictionary> {
    let mut out = Vec::new();
    if let Ok((own, inherited)) = doc.get_page_resources(page) {
        out.extend(own);
        out.extend(
            inherited
                .into_iter()
                .filter_map(|id| doc.get_dictionary(id).ok()),
        );
    }
    out
}
