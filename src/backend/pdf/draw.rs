//! Drawing: placed pages become printpdf operations — glyph-ID text in
//! subset fonts (with ToUnicode text for every glyph), rules and link
//! annotations without borders.

use std::collections::BTreeMap;

use printpdf::{
    Actions, BorderArray, Codepoint, FontId, LinkAnnotation, Op, ParsedFont, PdfDocument,
    PdfFontHandle, PdfPage, Pt, Rect, TextItem,
};

use rayon::prelude::*;

use super::compose::Item;
use super::content::{Content, Shown};
use super::fonts::{Face, FontSet};
use super::linebreak::Line;
use super::paginate::Page;

/// Page geometry in points.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub top: f32,
}

/// A face's index and the glyphs a document shows in it, with their text.
type Used = (usize, BTreeMap<u16, String>);

/// A subset face: new glyph ids and the printpdf font.
struct Subset {
    id: FontId,
    /// The `n` of its resource name `/F<n>`.
    number: usize,
    remap: BTreeMap<u16, u16>,
    /// Text for each new glyph id, the same on every use (ToUnicode has one entry per glyph).
    text: BTreeMap<u16, String>,
}

/// Adds subset fonts and pages to `doc`; returns each page's content stream.
///
/// printpdf gets the pages' link annotations and, on the first page, one
/// `ShowText` per font with each of its glyphs once: that is what it needs
/// to write the fonts (widths and ToUnicode). The content streams it would
/// write from operations are replaced by ours ([`super::pack::tidy`]):
/// serialising thousands of operations through lopdf objects cost more
/// than all the rest of the drawing.
pub fn draw(
    doc: &mut PdfDocument,
    pages: &[Page],
    fonts: &FontSet,
    links: &[String],
    geo: Geometry,
    parallel: bool,
    warnings: &mut Vec<String>,
) -> Vec<Vec<u8>> {
    let subsets = subset_fonts(doc, pages, fonts, parallel, warnings);
    // Pages are written side by side (with `parallel`), taken in page order.
    let draw = |page| draw_page(page, &subsets, fonts, links, geo);
    let (contents, mut out): (Vec<Vec<u8>>, Vec<PdfPage>) = if parallel {
        pages.par_iter().map(draw).unzip()
    } else {
        pages.iter().map(draw).unzip()
    };
    if let Some(first) = out.first_mut() {
        first.ops.push(Op::StartTextSection);
        for sub in subsets.values() {
            first.ops.push(Op::SetFont {
                font: PdfFontHandle::External(sub.id.clone()),
                size: Pt(10.0),
            });
            let glyphs = sub
                .text
                .iter()
                .map(|(gid, text)| Codepoint {
                    gid: *gid,
                    offset: 0.0,
                    cid: Some(text.clone()),
                })
                .collect();
            first.ops.push(Op::ShowText {
                items: vec![TextItem::GlyphIds(glyphs)],
            });
        }
        first.ops.push(Op::EndTextSection);
    }
    doc.pages = out;
    contents
}

/// One page's content stream, and the page with its link annotations for printpdf.
fn draw_page(
    page: &Page,
    subsets: &BTreeMap<usize, Subset>,
    fonts: &FontSet,
    links: &[String],
    geo: Geometry,
) -> (Vec<u8>, PdfPage) {
    let mut content = Content::new();
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
            content.rule(geo.left + x0, geo.left + x1, y, *thickness, *color);
        }
    }
    content.begin_text();
    for placed in &page.items {
        if let Item::Text { x, baseline, line } = &placed.item {
            let y = geo.height - geo.top - placed.top - baseline;
            text(
                &mut content,
                &mut annots,
                line,
                (geo.left + x, y),
                subsets,
                fonts,
            );
        }
    }
    content.end_text();
    let mut ops = Vec::new();
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
    let page = PdfPage::new(
        printpdf::Mm(geo.width * 25.4 / 72.0),
        printpdf::Mm(geo.height * 25.4 / 72.0),
        ops,
    );
    (content.finish(), page)
}

/// `http`, `https`, `mailto` or `tel`, without control characters.
fn safe_uri(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|p| lower.starts_with(p))
        && !url.chars().any(char::is_control)
}

/// A link rectangle: target, x from, x to, baseline, font size.
type Annot = (usize, f32, f32, f32, f32);

/// Shows a line with its start at `at` (points from the page's bottom left).
fn text(
    content: &mut Content,
    annots: &mut Vec<Annot>,
    line: &Line,
    at: (f32, f32),
    subsets: &BTreeMap<usize, Subset>,
    fonts: &FontSet,
) {
    let (mut x, y) = at;
    for piece in &line.pieces {
        let width = piece.width();
        let (Some(sub), Some(face)) = (subsets.get(&piece.face), fonts.face(piece.face)) else {
            x += width;
            continue;
        };
        let size = piece.style.size;
        content.font(sub.number, size);
        content.fill(piece.style.color);
        let first_offset = piece.glyphs.first().map_or(0.0, |g| g.x_offset);
        let scale = size / face.upem;
        // The viewer advances by the font's /W widths: printpdf writes
        // them as whole thousandths of an em, truncated.
        let thousandths = 1000.0 / face.upem;
        let glyphs = piece.glyphs.iter().enumerate().map(|(i, g)| {
            let units = face
                .buzz
                .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g.gid))
                .map_or(0.0, f32::from);
            let drawn = units * scale;
            let next_offset = piece.glyphs.get(i + 1).map_or(0.0, |n| n.x_offset);
            // Where the next glyph must start, relative to where the PDF
            // viewer puts it after drawing this one with its hmtx advance.
            // In font units, rounded: shaped advances are whole units, so
            // anything else is float noise that would only bloat the file.
            let adjust = ((g.advance + next_offset - g.x_offset - drawn) / scale).round();
            Shown {
                code: sub.remap.get(&g.gid).copied().unwrap_or(0),
                width: (units * thousandths) as i64,
                kern: -adjust * thousandths,
            }
        });
        content.show(x + first_offset, y, glyphs);
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
    parallel: bool,
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
    // Each face is subset on its own (side by side with `parallel`:
    // subsetting is most of drawing); fonts enter the document in face order.
    let used: Vec<(usize, Used)> = used.into_iter().enumerate().collect();
    let build = |(n, (face_index, glyphs)): (usize, Used)| {
        let mut notes = Vec::new();
        let made = fonts
            .face(face_index)
            .and_then(|face| embed(face, n, glyphs, &mut notes));
        (face_index, made, notes)
    };
    let built: Vec<_> = if parallel {
        used.into_par_iter().map(build).collect()
    } else {
        used.into_iter().map(build).collect()
    };
    let mut out = BTreeMap::new();
    for (face_index, made, notes) in built {
        warnings.extend(notes);
        if let Some((subset, font)) = made {
            doc.resources.fonts.map.insert(subset.id.clone(), font);
            out.insert(face_index, subset);
        }
    }
    out
}

/// Subsets one face to `glyphs` as font resource `/F<n>`.
fn embed(
    face: &Face,
    n: usize,
    glyphs: BTreeMap<u16, String>,
    warnings: &mut Vec<String>,
) -> Option<(Subset, printpdf::PdfFont)> {
    let mut ids = vec![0u16];
    ids.extend(glyphs.keys().copied().filter(|&g| g != 0));
    // Our own subsetter for TrueType outlines; allsorts for the rest.
    let subsetted = super::subset::subset(face.bytes, &ids)
        .or_else(|_| subset(face.bytes, &ids).map(|bytes| (bytes, ids.clone())));
    let (bytes, remap, tag) = match subsetted {
        Ok((bytes, order)) => {
            let remap = order
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
        return None;
    };
    parsed.font_name = Some(match tag {
        Some(tag) => format!("{tag}+{}", face.ps_name),
        None => face.ps_name.clone(),
    });
    let text = glyphs
        .into_iter()
        .filter_map(|(old, t)| Some((*remap_get(&remap, old)?, t)))
        .collect();
    let subset = Subset {
        id: FontId(format!("F{n}")),
        number: n,
        remap,
        text,
    };
    Some((subset, printpdf::PdfFont::new(parsed)))
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
