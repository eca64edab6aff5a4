//! Drawing: placed pages become printpdf operations — glyph-ID text in
//! subset fonts (with ToUnicode text for every glyph), rules and link
//! annotations without borders.

use std::collections::BTreeMap;

use printpdf::{
    Actions, BorderArray, Codepoint, Color as PdfColor, FontId, LinkAnnotation, Op, ParsedFont,
    PdfDocument, PdfFontHandle, PdfPage, Point, Pt, Rect, Rgb, TextItem, TextMatrix,
};

use super::compose::Item;
use super::fonts::FontSet;
use super::linebreak::Line;
use super::paginate::Page;
use crate::layout::Color;

/// Page geometry in points.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub top: f32,
}

/// A subset face: new glyph ids and the printpdf font.
struct Subset {
    id: FontId,
    remap: BTreeMap<u16, u16>,
    /// Text for each new glyph id, the same on every use (ToUnicode has one entry per glyph).
    text: BTreeMap<u16, String>,
}

/// Adds subset fonts and pages to `doc`.
pub fn draw(
    doc: &mut PdfDocument,
    pages: &[Page],
    fonts: &FontSet,
    links: &[String],
    geo: Geometry,
    warnings: &mut Vec<String>,
) {
    let subsets = subset_fonts(doc, pages, fonts, warnings);
    let mut out = Vec::new();
    for page in pages {
        let mut ops = Vec::new();
        let mut annots = Vec::new();
        for placed in &page.items {
            if let Item::Rule {
                x0,
                x1,
                y,
                thickness,
                color,
            } = &placed.item
            {
                let y = geo.height - geo.top - placed.top - y;
                ops.push(Op::SetOutlineColor { col: rgb(*color) });
                ops.push(Op::SetOutlineThickness { pt: Pt(*thickness) });
                ops.push(Op::DrawLine {
                    line: printpdf::Line {
                        points: vec![line_point(geo.left + x0, y), line_point(geo.left + x1, y)],
                        is_closed: false,
                    },
                });
            }
        }
        ops.push(Op::StartTextSection);
        let mut state: (Option<(usize, u32)>, Option<Color>) = (None, None);
        for placed in &page.items {
            if let Item::Text { x, baseline, line } = &placed.item {
                let y = geo.height - geo.top - placed.top - baseline;
                text_ops(
                    &mut ops,
                    &mut annots,
                    line,
                    geo.left + x,
                    y,
                    &subsets,
                    fonts,
                    &mut state,
                );
            }
        }
        ops.push(Op::EndTextSection);
        for (link, x0, x1, y, size) in annots {
            // The document model only holds safe links; checked again here
            // because a URI action is executable content in a reader.
            let Some(url) = links.get(link).filter(|u| safe_uri(u)) else {
                continue;
            };
            ops.push(Op::LinkAnnotation {
                link: LinkAnnotation::new(
                    Rect::from_xywh(Pt(x0), Pt(y - 0.25 * size), Pt(x1 - x0), Pt(1.15 * size)),
                    Actions::uri(url.clone()),
                    Some(BorderArray::Solid([0.0, 0.0, 0.0])),
                    None,
                    None,
                ),
            });
        }
        out.push(PdfPage::new(
            printpdf::Mm(geo.width * 25.4 / 72.0),
            printpdf::Mm(geo.height * 25.4 / 72.0),
            ops,
        ));
    }
    doc.pages = out;
}

/// `http`, `https`, `mailto` or `tel`, without control characters.
fn safe_uri(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|p| lower.starts_with(p))
        && !url.chars().any(char::is_control)
}

fn line_point(x: f32, y: f32) -> printpdf::LinePoint {
    printpdf::LinePoint {
        p: Point { x: Pt(x), y: Pt(y) },
        bezier: false,
    }
}

fn rgb(c: Color) -> PdfColor {
    let (r, g, b) = c.unit();
    PdfColor::Rgb(Rgb {
        r,
        g,
        b,
        icc_profile: None,
    })
}

/// A link rectangle: target, x from, x to, baseline, font size.
type Annot = (usize, f32, f32, f32, f32);

#[allow(clippy::too_many_arguments)] // one call site; a struct would only rename them
fn text_ops(
    ops: &mut Vec<Op>,
    annots: &mut Vec<Annot>,
    line: &Line,
    mut x: f32,
    y: f32,
    subsets: &BTreeMap<usize, Subset>,
    fonts: &FontSet,
    state: &mut (Option<(usize, u32)>, Option<Color>),
) {
    for piece in &line.pieces {
        let width = piece.width();
        let (Some(sub), Some(face)) = (subsets.get(&piece.face), fonts.face(piece.face)) else {
            x += width;
            continue;
        };
        let size = piece.style.size;
        let font_state = Some((piece.face, size.to_bits()));
        if state.0 != font_state {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(sub.id.clone()),
                size: Pt(size),
            });
            state.0 = font_state;
        }
        if state.1 != Some(piece.style.color) {
            ops.push(Op::SetFillColor {
                col: rgb(piece.style.color),
            });
            state.1 = Some(piece.style.color);
        }
        let first_offset = piece.glyphs.first().map_or(0.0, |g| g.x_offset);
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(x + first_offset), Pt(y)),
        });
        let scale = size / face.upem;
        let mut items = Vec::with_capacity(piece.glyphs.len());
        let mut iter = piece.glyphs.iter().peekable();
        while let Some(g) = iter.next() {
            let drawn = face
                .buzz
                .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g.gid))
                .map_or(0.0, |a| f32::from(a) * scale);
            let next_offset = iter.peek().map_or(0.0, |n| n.x_offset);
            // Where the next glyph must start, relative to where the PDF
            // viewer puts it after drawing this one with its hmtx advance.
            // In font units, rounded: shaped advances are whole units, so
            // anything else is float noise that would only bloat the file.
            let adjust = ((g.advance + next_offset - g.x_offset - drawn) / scale).round();
            let gid = sub.remap.get(&g.gid).copied().unwrap_or(0);
            items.push(Codepoint {
                gid,
                offset: if adjust == 0.0 {
                    0.0
                } else {
                    -adjust * 1000.0 / face.upem
                },
                cid: Some(sub.text.get(&gid).cloned().unwrap_or_default()),
            });
        }
        ops.push(Op::ShowText {
            items: vec![TextItem::GlyphIds(items)],
        });
        if let Some(link) = piece.style.link {
            match annots.last_mut() {
                Some(last) if last.0 == link && (last.2 - x).abs() < 0.5 && last.3 == y => {
                    last.2 = x + width;
                }
                _ => annots.push((link, x, x + width, y, size)),
            }
        }
        x += width;
    }
}

/// Subsets every used face and adds it to the document under a stable id.
fn subset_fonts(
    doc: &mut PdfDocument,
    pages: &[Page],
    fonts: &FontSet,
    warnings: &mut Vec<String>,
) -> BTreeMap<usize, Subset> {
    let mut used: BTreeMap<usize, BTreeMap<u16, String>> = BTreeMap::new();
    for page in pages {
        for placed in &page.items {
            if let Item::Text { line, .. } = &placed.item {
                for piece in &line.pieces {
                    let glyphs = used.entry(piece.face).or_default();
                    for g in &piece.glyphs {
                        let entry = glyphs.entry(g.gid).or_default();
                        if entry.is_empty() {
                            entry.push_str(&g.text);
                        }
                    }
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    for (n, (face_index, glyphs)) in used.into_iter().enumerate() {
        let Some(face) = fonts.face(face_index) else {
            continue;
        };
        let mut ids = vec![0u16];
        ids.extend(glyphs.keys().copied().filter(|&g| g != 0));
        let (bytes, remap, tag) = match subset(face.bytes, &ids) {
            Ok(bytes) => {
                let remap = ids
                    .iter()
                    .enumerate()
                    .filter_map(|(new, &old)| Some((old, u16::try_from(new).ok()?)))
                    .collect();
                let tag = subset_tag(&face.ps_name, &ids);
                (bytes, remap, Some(tag))
            }
            Err(e) => {
                warnings.push(format!(
                    "font {} could not be subset ({e}); embedded whole",
                    face.ps_name
                ));
                (
                    face.bytes.to_vec(),
                    ids.iter().map(|&g| (g, g)).collect(),
                    None,
                )
            }
        };
        let mut parse_warnings = Vec::new();
        let Some(mut parsed) = ParsedFont::from_bytes(&bytes, 0, &mut parse_warnings) else {
            warnings.push(format!("font {} could not be embedded", face.ps_name));
            continue;
        };
        parsed.font_name = Some(match tag {
            Some(tag) => format!("{tag}+{}", face.ps_name),
            None => face.ps_name.clone(),
        });
        let id = FontId(format!("F{n}"));
        doc.resources
            .fonts
            .map
            .insert(id.clone(), printpdf::PdfFont::new(parsed));
        let text = glyphs
            .into_iter()
            .filter_map(|(old, t)| Some((*remap_get(&remap, old)?, t)))
            .collect();
        out.insert(face_index, Subset { id, remap, text });
    }
    out
}

fn remap_get(remap: &BTreeMap<u16, u16>, old: u16) -> Option<&u16> {
    remap.get(&old)
}

fn subset(bytes: &[u8], ids: &[u16]) -> Result<Vec<u8>, String> {
    use allsorts::binary::read::ReadScope;
    use allsorts::font_data::FontData;
    use allsorts::subset::{CmapTarget, SubsetProfile};
    let data = ReadScope::new(bytes)
        .read::<FontData<'_>>()
        .map_err(|e| e.to_string())?;
    let provider = data.table_provider(0).map_err(|e| e.to_string())?;
    allsorts::subset::subset(&provider, ids, &SubsetProfile::Pdf, CmapTarget::Unicode)
        .map_err(|e| e.to_string())
}

/// Six capital letters derived from the font and its glyph set, so that
/// different subsets get different tags and the same input the same tag.
fn subset_tag(name: &str, ids: &[u16]) -> String {
    let mut h = super::meta::Fnv::new();
    h.write(name.as_bytes());
    for id in ids {
        h.write(&id.to_be_bytes());
    }
    let mut v = h.finish();
    (0..6)
        .map(|_| {
            let c = char::from(b'A' + (v % 26) as u8);
            v /= 26;
            c
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::safe_uri;

    #[test]
    fn only_safe_uris_become_links() {
        assert!(safe_uri("https://example.com/a"));
        assert!(safe_uri("mailto:a@b.c"));
        assert!(safe_uri("tel:+4912345"));
        assert!(!safe_uri("javascript:alert(1)"));
        assert!(!safe_uri("file:///etc/passwd"));
        assert!(!safe_uri("data:text/html,x"));
        assert!(!safe_uri("https://example.com/\r\nx"));
    }
}
