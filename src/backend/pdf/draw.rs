//! Drawing: placed pages become content streams — glyph-ID text in subset
//! fonts (with ToUnicode text for every glyph), rules, marked content for
//! the structure tree — and the link annotations they need.

use std::collections::BTreeMap;

use printpdf::{
    Codepoint, FontId, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, Pt, TextItem,
};

use rayon::prelude::*;

use super::compose::Item;
use super::content::{Content, Shown};
use super::fonts::{Face, FontSet};
use super::linebreak::Line;
use super::paginate::Page;
use super::shape::Glyph;
use super::tag::{Annot, Artifact, Mark, PageMarks, Tag, Tree};

/// Page geometry in points.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    pub width: f32,
    pub height: f32,
    pub left: f32,
    pub top: f32,
}

/// What is drawn: the pages, the link targets and structure elements
/// their lines refer to, and the page geometry.
#[derive(Clone, Copy)]
pub struct Sheets<'a> {
    pub pages: &'a [Page],
    pub links: &'a [String],
    pub tree: &'a Tree,
    pub geo: Geometry,
    /// Every glyph needs a ToUnicode entry (PDF/A-2u and 2a): a glyph that
    /// is not the first of its cluster maps to the cluster's text too (its
    /// ActualText still reads the cluster once).
    pub map_every_glyph: bool,
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

/// Adds subset fonts and pages to `doc`; returns each page's content
/// stream and what it marked (for the structure tree and the link
/// annotations, which [`super::tag::write`] adds).
///
/// printpdf gets, on the first page, one `ShowText` per font with each of
/// its glyphs once: that is what it needs to write the fonts (widths and
/// ToUnicode). The content streams it would write from operations are
/// replaced by ours ([`super::pack::tidy`]): serialising thousands of
/// operations through lopdf objects cost more than all the rest of the
/// drawing.
pub fn draw(
    doc: &mut PdfDocument,
    sheets: &Sheets,
    fonts: &FontSet,
    parallel: bool,
    warnings: &mut Vec<String>,
) -> (Vec<Vec<u8>>, Vec<PageMarks>) {
    let Sheets {
        pages,
        links,
        tree,
        geo,
        map_every_glyph,
    } = *sheets;
    let subsets = subset_fonts(doc, pages, fonts, map_every_glyph, parallel, warnings);
    // Pages are written side by side (with `parallel`), taken in page order.
    let draw = |page| draw_page(page, &subsets, fonts, links, tree, geo);
    let (contents, marks): (Vec<Vec<u8>>, Vec<PageMarks>) = if parallel {
        pages.par_iter().map(draw).unzip()
    } else {
        pages.iter().map(draw).unzip()
    };
    let size = (
        printpdf::Mm(geo.width * 25.4 / 72.0),
        printpdf::Mm(geo.height * 25.4 / 72.0),
    );
    let mut out: Vec<PdfPage> = pages
        .iter()
        .map(|_| PdfPage::new(size.0, size.1, Vec::new()))
        .collect();
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
    (contents, marks)
}

/// One page's content stream and what it marked.
fn draw_page(
    page: &Page,
    subsets: &BTreeMap<usize, Subset>,
    fonts: &FontSet,
    links: &[String],
    tree: &Tree,
    geo: Geometry,
) -> (Vec<u8>, PageMarks) {
    let mut content = Content::new();
    let mut rules = page.items.iter().filter_map(|placed| match &placed.item {
        Item::Rule {
            x0,
            x1,
            y,
            thickness,
            color,
        } => Some((placed.top, x0, x1, y, thickness, color)),
        Item::Text { .. } | Item::Photo { .. } => None,
    });
    super::photo::draw(&mut content, page, geo);
    if let Some(first) = rules.next() {
        content.begin_artifact(Artifact::Layout);
        for (top, x0, x1, y, thickness, color) in std::iter::once(first).chain(rules) {
            let y = geo.height - geo.top - top - y;
            content.rule(geo.left + x0, geo.left + x1, y, *thickness, *color);
        }
        content.end_marked();
    }
    let mut marker = Marker {
        content,
        open: None,
        marks: PageMarks::default(),
        links,
        tree,
    };
    marker.content.begin_text();
    for placed in &page.items {
        if let Item::Text {
            x,
            baseline,
            line,
            tag,
        } = &placed.item
        {
            let y = geo.height - geo.top - placed.top - baseline;
            text(&mut marker, line, *tag, (geo.left + x, y), subsets, fonts);
        }
    }
    marker.switch(None);
    marker.content.end_text();
    (marker.content.finish(), marker.marks)
}

/// What the content being drawn belongs to: an element (and, for link
/// text, the link annotation on this page) or an artifact.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Key {
    Node(usize, Option<usize>),
    Artifact(Artifact),
    /// A sequence with ActualText, for one cluster.
    Actual,
    /// An artifact with a span with ActualText inside.
    ActualArtifact,
}

/// A page's content stream with the marked-content sequence that is open.
struct Marker<'a> {
    content: Content,
    open: Option<Key>,
    marks: PageMarks,
    links: &'a [String],
    tree: &'a Tree,
}

impl Marker<'_> {
    /// Closes the open sequence unless it is `key`, and opens `key`.
    fn switch(&mut self, key: Option<Key>) {
        if self.open == key {
            return;
        }
        match self.open {
            Some(Key::ActualArtifact) => {
                self.content.end_marked();
                self.content.end_marked();
            }
            Some(_) => self.content.end_marked(),
            None => {}
        }
        match key {
            Some(Key::Node(node, link)) => {
                let mcid = self.marks.marks.len();
                let name = if link.is_some() {
                    b"Link".as_slice()
                } else {
                    self.tree.kind(node).name()
                };
                self.content.begin_marked(name, mcid, None);
                self.marks.marks.push(Mark { node, link });
            }
            Some(Key::Artifact(kind)) => self.content.begin_artifact(kind),
            Some(Key::Actual | Key::ActualArtifact) | None => {}
        }
        self.open = key;
    }

    /// Opens, in place of `key`, a sequence whose text is `text` (closed by
    /// the next [`Marker::switch`]).
    fn actual(&mut self, key: Key, text: &str) {
        self.switch(None);
        match key {
            Key::Node(node, link) => {
                let mcid = self.marks.marks.len();
                let name = if link.is_some() {
                    b"Link".as_slice()
                } else {
                    self.tree.kind(node).name()
                };
                self.content.begin_marked(name, mcid, Some(text));
                self.marks.marks.push(Mark { node, link });
                self.open = Some(Key::Actual);
            }
            Key::Artifact(kind) => {
                self.content.begin_artifact(kind);
                self.content.begin_actual_text(text);
                self.open = Some(Key::ActualArtifact);
            }
            Key::Actual | Key::ActualArtifact => {}
        }
    }

    /// The annotation for link text from `x0` to `x1` on baseline `y`:
    /// the previous one when the text continues it.
    fn annotation(&mut self, link: usize, x0: f32, x1: f32, y: f32, size: f32) -> Option<usize> {
        // The document model only holds safe links; checked again here
        // because a URI action is executable content in a reader.
        let url = self.links.get(link).filter(|u| safe_uri(u))?;
        let rect = [x0, y - 0.25 * size, x1, y + 0.9 * size];
        let annots = &mut self.marks.annots;
        match annots.last_mut() {
            Some(last)
                if &last.url == url
                    && (last.rect[2] - x0).abs() < 0.5
                    && last.rect[1] == rect[1] =>
            {
                last.rect[2] = x1;
            }
            _ => annots.push(Annot {
                url: url.clone(),
                rect,
            }),
        }
        Some(annots.len() - 1)
    }
}

/// `http`, `https`, `mailto` or `tel`, without control characters.
fn safe_uri(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|p| lower.starts_with(p))
        && !url.chars().any(char::is_control)
}

/// Shows a line of `tag` with its start at `at` (points from the page's bottom left).
fn text(
    marker: &mut Marker,
    line: &Line,
    tag: Tag,
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
        let key = match tag {
            Tag::Node(node) => {
                let link = piece
                    .style
                    .link
                    .and_then(|l| marker.annotation(l, x, x + width, y, size));
                Key::Node(node, link)
            }
            Tag::Artifact(kind) => Key::Artifact(kind),
        };
        marker.switch(Some(key));
        marker.content.font(sub.number, size);
        marker.content.fill(piece.style.color);
        let scale = size / face.upem;
        // The viewer advances by the font's /W widths: printpdf writes
        // them as whole thousandths of an em, truncated.
        let thousandths = 1000.0 / face.upem;
        let shown = |i: usize, g: &Glyph| {
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
        };
        // Runs of glyphs whose ToUnicode text is theirs are shown as one. A
        // cluster of several glyphs, a glyph whose ToUnicode entry holds
        // other text, and in right-to-left text a glyph for several
        // characters (extractors reverse what its ToUnicode entry says) get
        // their text as ActualText.
        let rtl = piece.level % 2 == 1;
        let glyphs = &piece.glyphs;
        let mut pen = x;
        let mut start = 0;
        let mut i = 0;
        while let Some(g) = glyphs.get(i) {
            let end = i
                + 1
                + glyphs
                    .iter()
                    .skip(i + 1)
                    .take_while(|n| n.text.is_empty())
                    .count();
            let mapped = end == i + 1
                && (g.text.is_empty()
                    || ((!rtl || g.text.chars().nth(1).is_none())
                        && sub
                            .remap
                            .get(&g.gid)
                            .and_then(|c| sub.text.get(c))
                            .is_some_and(|t| t.as_str() == g.text.as_str())));
            if !mapped {
                pen = show_range(&mut marker.content, glyphs, start..i, pen, y, &shown);
                marker.actual(key, &g.text);
                pen = show_range(&mut marker.content, glyphs, i..end, pen, y, &shown);
                marker.switch(Some(key));
                start = end;
            }
            i = end;
        }
        show_range(
            &mut marker.content,
            glyphs,
            start..glyphs.len(),
            pen,
            y,
            &shown,
        );
        x += width;
    }
    if line.space_after {
        end_space(marker, line, tag, at, subsets, fonts);
    }
}

/// A space glyph at the logical end of `line`, where it broke at a space:
/// drawn outside the line, where it shows nothing, so that extracted text
/// has the space between the words on either side of the break.
fn end_space(
    marker: &mut Marker,
    line: &Line,
    tag: Tag,
    at: (f32, f32),
    subsets: &BTreeMap<usize, Subset>,
    fonts: &FontSet,
) {
    let Tag::Node(node) = tag else { return };
    let Some(piece) = line.end() else { return };
    let (Some(sub), Some(face)) = (subsets.get(&piece.face), fonts.face(piece.face)) else {
        return;
    };
    let Some(gid) = space_glyph(face) else { return };
    let Some(&code) = sub.remap.get(&gid) else {
        return;
    };
    let units = face
        .buzz
        .glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid))
        .map_or(0.0, f32::from);
    let size = piece.style.size;
    let advance = units * size / face.upem;
    let x = if line.rtl {
        at.0 - advance
    } else {
        at.0 + line.width
    };
    marker.switch(Some(Key::Node(node, None)));
    marker.content.font(sub.number, size);
    marker.content.show(
        x,
        at.1,
        std::iter::once(Shown {
            code,
            width: (units * 1000.0 / face.upem) as i64,
            kern: 0.0,
        }),
    );
}

/// The face's glyph for U+0020.
fn space_glyph(face: &Face) -> Option<u16> {
    face.buzz.glyph_index(' ').map(|g| g.0)
}

/// Shows glyphs `range` of a piece with the pen at `pen`; returns the pen after them.
fn show_range(
    content: &mut Content,
    glyphs: &[Glyph],
    range: std::ops::Range<usize>,
    pen: f32,
    y: f32,
    shown: &impl Fn(usize, &Glyph) -> Shown,
) -> f32 {
    let from = range.start;
    let range = glyphs.get(range).unwrap_or_default();
    if range.is_empty() {
        return pen;
    }
    let first_offset = range.first().map_or(0.0, |g| g.x_offset);
    content.show(
        pen + first_offset,
        y,
        range.iter().enumerate().map(|(k, g)| shown(from + k, g)),
    );
    pen + range.iter().map(|g| g.advance).sum::<f32>()
}

/// Subsets every used face and adds it to the document under a stable id.
fn subset_fonts(
    doc: &mut PdfDocument,
    pages: &[Page],
    fonts: &FontSet,
    map_every_glyph: bool,
    parallel: bool,
    warnings: &mut Vec<String>,
) -> BTreeMap<usize, Subset> {
    let mut used: BTreeMap<usize, BTreeMap<u16, String>> = BTreeMap::new();
    for page in pages {
        for placed in &page.items {
            if let Item::Text { line, .. } = &placed.item {
                for piece in &line.pieces {
                    let glyphs = used.entry(piece.face).or_default();
                    let mut cluster = "";
                    for g in &piece.glyphs {
                        if !g.text.is_empty() {
                            cluster = &g.text;
                        }
                        let entry = glyphs.entry(g.gid).or_default();
                        if entry.is_empty() {
                            entry.push_str(if map_every_glyph { cluster } else { &g.text });
                        }
                    }
                }
                if let Some(piece) = line.end().filter(|_| line.space_after)
                    && let Some(gid) = fonts.face(piece.face).and_then(space_glyph)
                {
                    let entry = used.entry(piece.face).or_default().entry(gid).or_default();
                    if entry.is_empty() {
                        entry.push(' ');
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
