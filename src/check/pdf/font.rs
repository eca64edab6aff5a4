//! A PDF font as a text extractor needs it: its codes, their Unicode text and their widths.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Encoding, Object};

use super::cmap::CMap;
use super::{MAX_STREAM, deref, name_of, number};

/// How a font's codes become Unicode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mapping {
    /// A `/ToUnicode` CMap.
    ToUnicode,
    /// A standard encoding, or differences with standard glyph names.
    Encoding,
    /// Neither: the text is a guess (what extractors print is often garbage).
    None,
}

/// One shown code.
#[derive(Debug, Clone)]
pub struct Code {
    /// Its text; `None` when the font does not say.
    pub text: Option<String>,
    /// Advance width per unit of font size.
    pub width: f32,
    /// A one-byte code 32, to which word spacing applies.
    pub space: bool,
}

/// Widths by glyph code or CID.
#[derive(Debug, Clone, Default)]
struct Widths {
    single: HashMap<u32, f32>,
    ranges: Vec<(u32, u32, f32)>,
    default: f32,
}

impl Widths {
    fn get(&self, c: u32) -> f32 {
        if let Some(w) = self.single.get(&c) {
            return *w;
        }
        self.ranges
            .iter()
            .find(|(lo, hi, _)| *lo <= c && c <= *hi)
            .map_or(self.default, |(_, _, w)| *w)
    }
}

/// A loaded font.
#[derive(Debug, Clone)]
pub struct Font {
    /// `/BaseFont`, without a subset prefix.
    pub name: String,
    /// `/Subtype`: Type1, TrueType, Type0, Type3…
    pub subtype: String,
    pub embedded: bool,
    pub mapping: Mapping,
    composite: bool,
    /// Two-byte codes that are UTF-16 themselves (`Uni…-UCS2-H`, `Uni…-UTF16-H`).
    utf16: bool,
    encoding: Option<CMap>,
    to_unicode: Option<CMap>,
    /// Text of each one-byte code, for simple fonts.
    simple: Vec<Option<String>>,
    widths: Widths,
}

/// Standard 14 fonts, which need neither widths nor an embedded program.
const STANDARD_14: &[&str] = &[
    "Courier",
    "Helvetica",
    "Times",
    "Symbol",
    "ZapfDingbats",
    "Arial",
    "TimesNewRoman",
    "CourierNew",
];

/// Glyph names to text, cached per document (lopdf holds the Adobe Glyph List).
#[derive(Default)]
pub struct GlyphNames {
    cache: HashMap<Vec<u8>, Option<String>>,
}

impl GlyphNames {
    /// The text of a glyph name: `A`, `uni0041`, `u1F600`, `f_i`, `a.sc`.
    pub fn text(&mut self, doc: &Document, name: &[u8]) -> Option<String> {
        if let Some(t) = self.cache.get(name) {
            return t.clone();
        }
        let t = glyph_text(doc, name);
        self.cache.insert(name.to_vec(), t.clone());
        t
    }
}

fn glyph_text(doc: &Document, name: &[u8]) -> Option<String> {
    let s = std::str::from_utf8(name).ok()?;
    let base = s.split('.').next().unwrap_or(s);
    if base.is_empty() {
        return None;
    }
    if base.contains('_') {
        let parts: Option<Vec<String>> = base
            .split('_')
            .map(|p| glyph_text(doc, p.as_bytes()))
            .collect();
        return parts.map(|p| p.concat());
    }
    if let Some(hex) = base.strip_prefix("uni")
        && hex.len() >= 4
        && hex.len() % 4 == 0
        && hex.chars().all(|c| c.is_ascii_hexdigit())
    {
        let units: Vec<u16> = (0..hex.len() / 4)
            .filter_map(|i| hex.get(i * 4..i * 4 + 4))
            .filter_map(|h| u16::from_str_radix(h, 16).ok())
            .collect();
        return Some(
            char::decode_utf16(units)
                .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                .collect(),
        );
    }
    if let Some(hex) = base.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.chars().all(|c| c.is_ascii_hexdigit())
    {
        return u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map(String::from);
    }
    // lopdf knows the Adobe Glyph List but does not export it: ask it through a
    // one-name /Differences encoding, which it only builds when it knows the name.
    let mut differences = Dictionary::new();
    differences.set("Type", Object::Name(b"Encoding".to_vec()));
    differences.set(
        "Differences",
        Object::Array(vec![
            Object::Integer(65),
            Object::Name(base.as_bytes().to_vec()),
        ]),
    );
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Encoding", Object::Dictionary(differences));
    match font.get_font_encoding(doc) {
        Ok(e @ Encoding::Differences(_)) => e.bytes_to_string(&[65]).ok().filter(|t| !t.is_empty()),
        _ => None,
    }
}

/// The 256 codes of a named standard encoding, through lopdf's tables.
fn standard_table(doc: &Document, name: &[u8]) -> Option<Vec<Option<String>>> {
    if !matches!(
        name,
        b"StandardEncoding"
            | b"WinAnsiEncoding"
            | b"MacRomanEncoding"
            | b"MacExpertEncoding"
            | b"PDFDocEncoding"
    ) {
        return None;
    }
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Encoding", Object::Name(name.to_vec()));
    let encoding = font.get_font_encoding(doc).ok()?;
    Some(
        (0..=255u8)
            .map(|b| {
                encoding
                    .bytes_to_string(&[b])
                    .ok()
                    .filter(|t| !t.is_empty())
            })
            .collect(),
    )
}

/// A stream's decoded bytes (bounded), or `None`.
fn stream_bytes(doc: &Document, obj: &Object) -> Option<Vec<u8>> {
    let stream = deref(doc, obj)?.as_stream().ok()?;
    stream.get_plain_content_with_limit(MAX_STREAM).ok()
}

/// Widths from a simple font's `/FirstChar` and `/Widths`.
fn simple_widths(doc: &Document, font: &Dictionary, scale: f32) -> Widths {
    let mut w = Widths {
        default: 0.5,
        ..Widths::default()
    };
    let descriptor = font
        .get(b"FontDescriptor")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok());
    if let Some(missing) = descriptor
        .and_then(|d| d.get(b"MissingWidth").ok())
        .and_then(|o| number(doc, o))
        .filter(|m| *m > 0.0)
    {
        w.default = missing * scale;
    }
    let first = font
        .get(b"FirstChar")
        .ok()
        .and_then(|o| number(doc, o))
        .unwrap_or(0.0)
        .max(0.0) as u32;
    if let Some(Object::Array(list)) = font.get(b"Widths").ok().and_then(|o| deref(doc, o)) {
        for (i, o) in list.iter().take(256).enumerate() {
            if let Some(n) = number(doc, o) {
                w.single.insert(first.saturating_add(i as u32), n * scale);
            }
        }
    } else if name_of(font, b"BaseFont").is_some_and(|n| n.contains("Courier")) {
        w.default = 0.6;
    }
    w
}

/// Widths from a CID font's `/W` and `/DW`.
fn cid_widths(doc: &Document, cid_font: &Dictionary) -> Widths {
    let mut w = Widths {
        default: cid_font
            .get(b"DW")
            .ok()
            .and_then(|o| number(doc, o))
            .unwrap_or(1000.0)
            / 1000.0,
        ..Widths::default()
    };
    let Some(Object::Array(list)) = cid_font.get(b"W").ok().and_then(|o| deref(doc, o)) else {
        return w;
    };
    let mut i = 0;
    let mut budget = 200_000usize;
    while let Some(first) = list.get(i).and_then(|o| number(doc, o)) {
        let first = first.max(0.0) as u32;
        match list.get(i + 1).and_then(|o| deref(doc, o)) {
            Some(Object::Array(ws)) => {
                for (k, o) in ws.iter().enumerate() {
                    if budget == 0 {
                        return w;
                    }
                    budget -= 1;
                    if let Some(n) = number(doc, o) {
                        w.single.insert(first.saturating_add(k as u32), n / 1000.0);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let (Some(last), Some(n)) =
                    (number(doc, o), list.get(i + 2).and_then(|o| number(doc, o)))
                else {
                    break;
                };
                if w.ranges.len() < 10_000 {
                    w.ranges.push((first, last.max(0.0) as u32, n / 1000.0));
                }
                i += 3;
            }
            None => break,
        }
    }
    w
}

fn has_font_file(doc: &Document, font: &Dictionary) -> bool {
    font.get(b"FontDescriptor")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .is_some_and(|d| d.has(b"FontFile") || d.has(b"FontFile2") || d.has(b"FontFile3"))
}

fn flags(doc: &Document, font: &Dictionary) -> i64 {
    font.get(b"FontDescriptor")
        .ok()
        .and_then(|o| deref(doc, o))
        .and_then(|o| o.as_dict().ok())
        .and_then(|d| d.get(b"Flags").ok())
        .and_then(|o| number(doc, o))
        .map_or(0, |f| f as i64)
}

impl Font {
    /// Reads a font dictionary. Never fails: what is missing makes a font whose text is unknown.
    pub fn load(doc: &Document, dict: &Dictionary, names: &mut GlyphNames) -> Font {
        let subtype = name_of(dict, b"Subtype").unwrap_or_default();
        let raw_name = name_of(dict, b"BaseFont").unwrap_or_else(|| "(unnamed)".to_string());
        // A subset prefix is six capitals and a plus sign.
        let name = match raw_name.split_once('+') {
            Some((prefix, rest))
                if prefix.len() == 6 && prefix.chars().all(|c| c.is_ascii_uppercase()) =>
            {
                rest.to_string()
            }
            _ => raw_name,
        };
        let to_unicode = dict
            .get(b"ToUnicode")
            .ok()
            .and_then(|o| stream_bytes(doc, o))
            .map(|b| CMap::parse(&b))
            .filter(|m| !m.is_empty());
        if subtype == "Type0" {
            Font::composite(doc, dict, name, to_unicode)
        } else {
            Font::simple(doc, dict, name, subtype, to_unicode, names)
        }
    }

    fn composite(
        doc: &Document,
        dict: &Dictionary,
        name: String,
        to_unicode: Option<CMap>,
    ) -> Font {
        let descendant = dict
            .get(b"DescendantFonts")
            .ok()
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_array().ok())
            .and_then(|a| a.first())
            .and_then(|o| deref(doc, o))
            .and_then(|o| o.as_dict().ok());
        let (mut encoding, mut utf16) = (None, false);
        match dict.get(b"Encoding").ok().and_then(|o| deref(doc, o)) {
            Some(Object::Name(n)) => {
                let n = String::from_utf8_lossy(n);
                utf16 = n.starts_with("Uni") && (n.contains("UCS2") || n.contains("UTF16"));
            }
            Some(o @ Object::Stream(_)) => {
                encoding = stream_bytes(doc, o).map(|b| CMap::parse(&b));
            }
            _ => {}
        }
        let mapping = if to_unicode.is_some() {
            Mapping::ToUnicode
        } else if utf16 {
            Mapping::Encoding
        } else {
            Mapping::None
        };
        Font {
            name,
            subtype: "Type0".to_string(),
            embedded: descendant.is_some_and(|d| has_font_file(doc, d)),
            mapping,
            composite: true,
            utf16,
            encoding,
            to_unicode,
            simple: Vec::new(),
            widths: descendant.map(|d| cid_widths(doc, d)).unwrap_or(Widths {
                default: 1.0,
                ..Widths::default()
            }),
        }
    }

    fn simple(
        doc: &Document,
        dict: &Dictionary,
        name: String,
        subtype: String,
        to_unicode: Option<CMap>,
        names: &mut GlyphNames,
    ) -> Font {
        let scale = if subtype == "Type3" {
            match dict.get(b"FontMatrix").ok().and_then(|o| deref(doc, o)) {
                Some(Object::Array(m)) => m.first().and_then(|o| number(doc, o)).unwrap_or(0.001),
                _ => 0.001,
            }
        } else {
            0.001
        };
        let standard = STANDARD_14
            .iter()
            .any(|s| name.replace([' ', ','], "").starts_with(s));
        let symbolic = flags(doc, dict) & 4 != 0;
        let mut known = true;
        let mut table = standard_table(doc, b"StandardEncoding").unwrap_or_else(|| vec![None; 256]);
        match dict.get(b"Encoding").ok().and_then(|o| deref(doc, o)) {
            Some(Object::Name(n)) => match standard_table(doc, n) {
                Some(t) => table = t,
                None => known = false,
            },
            Some(Object::Dictionary(e)) => {
                if let Some(base) = e.get(b"BaseEncoding").ok().and_then(|o| o.as_name().ok()) {
                    match standard_table(doc, base) {
                        Some(t) => table = t,
                        None => known = false,
                    }
                } else if symbolic && !standard {
                    // Differences over the font's own built-in encoding, which is not read here.
                    known = false;
                }
                if let Some(Object::Array(diffs)) =
                    e.get(b"Differences").ok().and_then(|o| deref(doc, o))
                {
                    let mut code = 0usize;
                    for o in diffs.iter().take(2048) {
                        match o {
                            Object::Integer(c) => code = usize::try_from(*c).unwrap_or(256),
                            Object::Name(n) => {
                                let t = names.text(doc, n);
                                known &= t.is_some();
                                if let Some(slot) = table.get_mut(code) {
                                    *slot = t;
                                }
                                code = code.saturating_add(1);
                            }
                            _ => {}
                        }
                    }
                }
            }
            _ => known = !symbolic || standard,
        }
        let mapping = if to_unicode.is_some() {
            Mapping::ToUnicode
        } else if known {
            Mapping::Encoding
        } else {
            Mapping::None
        };
        Font {
            embedded: has_font_file(doc, dict),
            widths: simple_widths(doc, dict, scale),
            name,
            subtype,
            mapping,
            composite: false,
            utf16: false,
            encoding: None,
            to_unicode,
            simple: table,
        }
    }

    /// The codes of a shown string.
    pub fn codes(&self, bytes: &[u8]) -> Vec<Code> {
        let mut out = Vec::new();
        if !self.composite {
            for &b in bytes {
                let c = u32::from(b);
                let text = self
                    .to_unicode
                    .as_ref()
                    .and_then(|m| m.unicode(c, 1))
                    .or_else(|| self.simple.get(usize::from(b)).cloned().flatten());
                out.push(Code {
                    text,
                    width: self.widths.get(c),
                    space: b == 32,
                });
            }
            return out;
        }
        let mut i = 0;
        while i < bytes.len() {
            let rest = bytes.get(i..).unwrap_or_default();
            let len = self
                .encoding
                .as_ref()
                .and_then(|m| m.code_len(rest))
                .or_else(|| self.to_unicode.as_ref().and_then(|m| m.code_len(rest)))
                .unwrap_or(2)
                .clamp(1, 4);
            let code_bytes = rest.get(..len).unwrap_or(rest);
            let code = code_bytes
                .iter()
                .fold(0u32, |a, &b| a.wrapping_shl(8) | u32::from(b));
            let cid = self
                .encoding
                .as_ref()
                .and_then(|m| m.cid(code, len as u8))
                .unwrap_or(code);
            let text = self
                .to_unicode
                .as_ref()
                .and_then(|m| m.unicode(code, len as u8))
                .or_else(|| {
                    self.utf16.then(|| {
                        char::decode_utf16([code as u16])
                            .map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER))
                            .collect()
                    })
                });
            out.push(Code {
                text,
                width: self.widths.get(cid),
                space: false,
            });
            i += len;
        }
        out
    }
}
