//! A text dump of a PDF, read with lopdf alone (no poppler): positioned
//! lines per page (text decoded through each font's ToUnicode map, widths
//! from `/W`), the fill colour of each shown string, link URIs and outline titles.

#![allow(dead_code)] // some helpers serve only tests that are skipped on some machines

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object};

/// A run of text: x, baseline y (points), text.
#[derive(Debug, Clone)]
pub struct Run {
    pub x: f32,
    pub y: f32,
    pub end: f32,
    /// Where the last glyph that is not a space ends: a line that broke at
    /// a space draws that space past its end, where it shows nothing.
    pub ink_end: f32,
    pub text: String,
}

/// What a PDF says, page by page.
#[derive(Debug, Default)]
pub struct Dump {
    pub pages: Vec<Vec<Run>>,
    pub links: Vec<String>,
    pub outline: Vec<String>,
    /// Every shown string (one `TJ`/`Tj`) with its RGB fill colour as `rrggbb`.
    pub painted: Vec<(String, String)>,
    /// Text of each marked-content sequence with an MCID, by (page index,
    /// MCID); its ActualText when it has one.
    pub marked: BTreeMap<(usize, i64), String>,
    /// Text shown inside artifacts, with its page index.
    pub artifacts: Vec<(usize, String)>,
    /// Text shown outside any marked content.
    pub untagged: Vec<String>,
    /// All text in stream order as a reader that honours ActualText reads
    /// it (MuPDF: the innermost ActualText stands for the glyphs inside).
    pub read: String,
}

/// An open marked-content sequence.
struct Open {
    mcid: Option<i64>,
    actual: Option<String>,
    artifact: bool,
    /// A sequence with ActualText opened inside this one.
    inner: bool,
}

struct Font {
    unicode: BTreeMap<u16, String>,
    widths: BTreeMap<u16, f32>,
    default_width: f32,
}

impl Dump {
    /// All text, runs in stream order, pages joined.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for page in &self.pages {
            for run in page {
                out.push_str(&run.text);
                out.push('\n');
            }
        }
        out
    }

    /// The golden form: page count, then lines (runs that share a baseline,
    /// sorted by x), links and outline.
    pub fn golden(&self) -> String {
        let mut out = format!("pages: {}\n", self.pages.len());
        for (i, page) in self.pages.iter().enumerate() {
            out.push_str(&format!("\n## page {}\n", i + 1));
            let mut lines: BTreeMap<i64, Vec<&Run>> = BTreeMap::new();
            for run in page {
                lines
                    .entry(-(run.y * 10.0).round() as i64)
                    .or_default()
                    .push(run);
            }
            for (y, mut runs) in lines {
                runs.sort_by(|a, b| a.x.total_cmp(&b.x));
                let parts: Vec<String> = runs
                    .iter()
                    .map(|r| format!("[{:.1}] {}", r.x, r.text))
                    .collect();
                out.push_str(&format!(
                    "{:>6.1} {}\n",
                    -(y as f32) / 10.0,
                    parts.join("  ")
                ));
            }
        }
        out.push_str("\n## links\n");
        for l in &self.links {
            out.push_str(&format!("{l}\n"));
        }
        out.push_str("\n## outline\n");
        for o in &self.outline {
            out.push_str(&format!("{o}\n"));
        }
        out
    }
}

/// Reads a PDF into a [`Dump`].
pub fn dump(bytes: &[u8]) -> Dump {
    let doc = Document::load_mem(bytes).expect("lopdf reads the PDF");
    let mut out = Dump::default();
    for (_, page_id) in doc.get_pages() {
        let mut fonts = BTreeMap::new();
        for (name, dict) in doc.get_page_fonts(page_id).expect("page fonts") {
            fonts.insert(name, read_font(&doc, dict));
        }
        let content = doc.get_page_content(page_id);
        let content = Content::decode(&content).expect("content decodes");
        let mut runs: Vec<Run> = Vec::new();
        let (mut font, mut size, mut x, mut y) = (Vec::new(), 0.0f32, 0.0f32, 0.0f32);
        let mut fill = String::from("000000");
        let mut saved = Vec::new();
        let page_index = out.pages.len();
        // Open marked content: MCID (if any), ActualText (if any), artifact.
        let mut open: Vec<Open> = Vec::new();
        for op in content.operations {
            match op.operator.as_str() {
                "BDC" | "BMC" => {
                    let artifact = op.operands.first().and_then(|o| o.as_name().ok())
                        == Some(b"Artifact".as_slice());
                    let props = match op.operands.get(1) {
                        Some(Object::Dictionary(d)) => Some(d.clone()),
                        _ => None,
                    };
                    let mcid = props
                        .as_ref()
                        .and_then(|d| d.get(b"MCID").ok())
                        .and_then(|o| o.as_i64().ok());
                    let actual = props.as_ref().and_then(|d| match d.get(b"ActualText") {
                        Ok(Object::String(t, _)) => Some(pdf_text(t)),
                        _ => None,
                    });
                    if actual.is_some()
                        && let Some(outer) = open.iter_mut().rev().find(|o| o.actual.is_some())
                    {
                        outer.inner = true;
                    }
                    open.push(Open {
                        mcid,
                        actual,
                        artifact,
                        inner: false,
                    });
                }
                "EMC" => {
                    if let Some(Open {
                        actual: Some(a),
                        inner: false,
                        mcid: own,
                        ..
                    }) = open.pop()
                    {
                        out.read.push_str(&a);
                        let mcid = own.or_else(|| open.iter().rev().find_map(|o| o.mcid));
                        let artifact = open.iter().any(|o| o.artifact);
                        if let (Some(m), false) = (mcid, artifact) {
                            out.marked.entry((page_index, m)).or_default().push_str(&a);
                        }
                    }
                }
                "Tf" => {
                    font = op
                        .operands
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .unwrap_or_default()
                        .to_vec();
                    size = op.operands.get(1).and_then(num).unwrap_or(0.0);
                }
                "q" => saved.push(fill.clone()),
                "Q" => fill = saved.pop().unwrap_or_default(),
                "rg" => {
                    fill = op
                        .operands
                        .iter()
                        .map(|o| format!("{:02x}", (num(o).unwrap_or(0.0) * 255.0).round() as u8))
                        .collect();
                }
                "g" => {
                    let v = (op.operands.first().and_then(num).unwrap_or(0.0) * 255.0).round();
                    fill = format!("{:02x}", v as u8).repeat(3);
                }
                "Tm" => {
                    x = op.operands.get(4).and_then(num).unwrap_or(0.0);
                    y = op.operands.get(5).and_then(num).unwrap_or(0.0);
                }
                "TJ" | "Tj" => {
                    let Some(f) = fonts.get(&font) else { continue };
                    let items = match op.operands.first() {
                        Some(Object::Array(a)) => a.clone(),
                        Some(o) => vec![o.clone()],
                        None => continue,
                    };
                    let start = x;
                    let mut ink_end = x;
                    let mut text = String::new();
                    for item in items {
                        match item {
                            Object::String(bytes, _) => {
                                for pair in bytes.chunks(2) {
                                    let code =
                                        u16::from_be_bytes([pair[0], *pair.get(1).unwrap_or(&0)]);
                                    let t = f.unicode.get(&code).map_or("\u{FFFD}", String::as_str);
                                    text.push_str(t);
                                    x += f.widths.get(&code).copied().unwrap_or(f.default_width)
                                        / 1000.0
                                        * size;
                                    // Right-to-left text is drawn from
                                    // its right end: the ink ends at the
                                    // rightmost glyph, not the last.
                                    if !t.trim().is_empty() {
                                        ink_end = ink_end.max(x);
                                    }
                                }
                            }
                            other => {
                                if let Some(n) = num(&other) {
                                    x -= n / 1000.0 * size;
                                }
                            }
                        }
                    }
                    out.painted.push((text.clone(), fill.clone()));
                    let mcid = open.iter().rev().find_map(|o| o.mcid);
                    let replaced = open.iter().any(|o| o.actual.is_some());
                    if !replaced {
                        out.read.push_str(&text);
                    }
                    if open.iter().any(|o| o.artifact) {
                        out.artifacts.push((page_index, text.clone()));
                    } else if let Some(m) = mcid {
                        if !replaced {
                            out.marked
                                .entry((page_index, m))
                                .or_default()
                                .push_str(&text);
                        }
                    } else {
                        out.untagged.push(text.clone());
                    }
                    // Runs that continue where the previous one ended join it.
                    match runs.last_mut() {
                        Some(last)
                            if (last.y - y).abs() < 0.05 && (last.end - start).abs() < 0.5 =>
                        {
                            last.text.push_str(&text);
                            last.end = x;
                            if !text.trim().is_empty() {
                                last.ink_end = ink_end;
                            }
                        }
                        _ => runs.push(Run {
                            x: start,
                            y,
                            end: x,
                            ink_end,
                            text,
                        }),
                    }
                }
                _ => {}
            }
        }
        out.pages.push(runs);
        if let Ok(annots) = doc.get_page_annotations(page_id) {
            for a in annots {
                if let Ok(Object::Dictionary(action)) = a.get(b"A").map(|o| resolve(&doc, o))
                    && let Ok(Object::String(uri, _)) = action.get(b"URI")
                {
                    out.links.push(String::from_utf8_lossy(uri).into_owned());
                }
            }
        }
    }
    if let Ok(catalog) = doc.catalog()
        && let Ok(Object::Dictionary(outlines)) = catalog.get(b"Outlines").map(|o| resolve(&doc, o))
    {
        let mut next = outlines.get(b"First").ok().cloned();
        while let Some(o) = next {
            let Object::Dictionary(item) = resolve(&doc, &o) else {
                break;
            };
            if let Ok(Object::String(t, _)) = item.get(b"Title") {
                out.outline.push(pdf_text(t));
            }
            next = item.get(b"Next").ok().cloned();
        }
    }
    out
}

fn resolve(doc: &Document, o: &Object) -> Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).cloned().unwrap_or(Object::Null),
        other => other.clone(),
    }
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

/// A PDF text string: UTF-16BE with BOM, or PDFDocEncoding (ASCII here).
pub fn pdf_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else {
        String::from_utf8_lossy(bytes).into_owned()
    }
}

fn read_font(doc: &Document, dict: &Dictionary) -> Font {
    let mut font = Font {
        unicode: BTreeMap::new(),
        widths: BTreeMap::new(),
        default_width: 1000.0,
    };
    if let Ok(Object::Stream(s)) = dict.get(b"ToUnicode").map(|o| resolve(doc, o)) {
        let data = s
            .decompressed_content()
            .unwrap_or_else(|_| s.content.clone());
        parse_cmap(&String::from_utf8_lossy(&data), &mut font.unicode);
    }
    if let Ok(Object::Array(desc)) = dict.get(b"DescendantFonts").map(|o| resolve(doc, o))
        && let Some(Object::Dictionary(d)) = desc.first().map(|o| resolve(doc, o))
    {
        {
            if let Some(dw) = d.get(b"DW").ok().and_then(num) {
                font.default_width = dw;
            }
            if let Ok(Object::Array(w)) = d.get(b"W").map(|o| resolve(doc, o)) {
                let mut i = 0;
                while i < w.len() {
                    let first = num(&w[i]).unwrap_or(0.0) as u16;
                    match w.get(i + 1) {
                        Some(Object::Array(list)) => {
                            for (k, v) in list.iter().enumerate() {
                                font.widths.insert(first + k as u16, num(v).unwrap_or(0.0));
                            }
                            i += 2;
                        }
                        Some(last) => {
                            let last = num(last).unwrap_or(0.0) as u16;
                            let v = w.get(i + 2).and_then(num).unwrap_or(0.0);
                            for c in first..=last {
                                font.widths.insert(c, v);
                            }
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
        }
    }
    font
}

fn hex(s: &str) -> Vec<u16> {
    let s = s.trim().trim_start_matches('<').trim_end_matches('>');
    (0..s.len() / 4)
        .filter_map(|i| u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).ok())
        .collect()
}

fn parse_cmap(cmap: &str, map: &mut BTreeMap<u16, String>) {
    let mut mode = "";
    for line in cmap.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            mode = "char";
            continue;
        }
        if line.ends_with("beginbfrange") {
            mode = "range";
            continue;
        }
        if line.starts_with("end") {
            mode = "";
            continue;
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        match (mode, parts.as_slice()) {
            ("char", [code, text]) => {
                if let Some(&c) = hex(code).first() {
                    map.insert(c, String::from_utf16_lossy(&hex(text)));
                }
            }
            ("range", [a, b, text]) => {
                let (Some(&a), Some(&b)) = (hex(a).first(), hex(b).first()) else {
                    continue;
                };
                let base = hex(text);
                for (k, c) in (a..=b).enumerate() {
                    let mut units = base.clone();
                    if let Some(last) = units.last_mut() {
                        *last += k as u16;
                    }
                    map.insert(c, String::from_utf16_lossy(&units));
                }
            }
            _ => {}
        }
    }
}
