//! Drawing: placed pages become content streams — glyph-ID text in subset
//! fonts (with ToUnicode text for every glyph), rules, marked content for
//! the structure tree — and the link annotations they need.

use std::collections::BTreeMap;

use printpdf::{Codepoint, FontId, Op, PdfDocument, PdfFontHandle, PdfPage, Pt, TextItem};

use rayon::prelude::*;

use super::compose::Item;
use super::content::Content;
use super::fonts::FontSet;
use super::paginate::Page;
use super::tag::{Annot, Artifact, Mark, PageMarks, Tree};

mod embed;
mod line;

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
    let subsets = embed::subset_fonts(doc, pages, fonts, map_every_glyph, parallel, warnings);
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
        Item::Text { .. }
        | Item::Photo { .. }
        | Item::Fill { .. }
        | Item::Icon { .. }
        | Item::Bridge { .. } => None,
    });
    fills(&mut content, page, geo);
    super::photo::draw(&mut content, page, geo);
    icons(&mut content, page, geo);
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
        match &placed.item {
            Item::Text {
                x,
                baseline,
                line,
                tag,
            } => {
                let y = geo.height - geo.top - placed.top - baseline;
                line::text(&mut marker, line, *tag, (geo.left + x, y), subsets, fonts);
            }
            Item::Bridge {
                x0,
                x1,
                baseline,
                face,
                size,
            } => {
                let y = geo.height - geo.top - placed.top - baseline;
                let span = (geo.left + x0, geo.left + x1);
                line::bridge(&mut marker, span, y, (*face, *size), (subsets, fonts));
            }
            _ => {}
        }
    }
    marker.switch(None);
    marker.content.end_text();
    (marker.content.finish(), marker.marks)
}

/// Bands, bars and tints, under everything else: one artifact.
fn fills(content: &mut Content, page: &Page, geo: Geometry) {
    let mut open = false;
    for placed in &page.items {
        if let Item::Fill {
            x0,
            x1,
            y0,
            y1,
            color,
        } = placed.item
        {
            if !open {
                content.begin_artifact(Artifact::Layout);
                open = true;
            }
            let bottom = geo.height - geo.top - placed.top - y1;
            content.rect((geo.left + x0, bottom, x1 - x0, y1 - y0), color);
        }
    }
    if open {
        content.end_marked();
    }
}

/// Contact icons: filled paths, one artifact (the text beside each says what it is).
fn icons(content: &mut Content, page: &Page, geo: Geometry) {
    let mut open = false;
    for placed in &page.items {
        if let Item::Icon {
            icon,
            x,
            y,
            size,
            color,
        } = placed.item
        {
            let drawing = super::icon::drawing(icon);
            if drawing.ops.is_empty() {
                continue;
            }
            if !open {
                content.begin_artifact(Artifact::Layout);
                open = true;
            }
            let scale = size / drawing.height;
            let left = geo.left + x + (size - drawing.width * scale) / 2.0;
            let bottom = geo.height - geo.top - placed.top - y - size;
            content.path(&drawing.ops, (left, bottom, scale), color);
        }
    }
    if open {
        content.end_marked();
    }
}

/// What the content being drawn belongs to: an element (and, for link
/// text, the link annotation on this page) or an artifact.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Key {
    Node(usize, Option<usize>),
    Artifact(Artifact),
    /// A sequence with ActualText for one cluster, `n` sequences deep.
    Actual(u8),
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
        let depth = match self.open {
            Some(Key::Actual(n)) => n,
            Some(_) => 1,
            None => 0,
        };
        for _ in 0..depth {
            self.content.end_marked();
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
            Some(Key::Actual(_)) | None => {}
        }
        self.open = key;
    }

    /// Opens, in place of `key`'s sequence, one for a cluster whose text is
    /// `text` (closed by the next [`Marker::switch`]): for an element, a
    /// `/Span` sequence of its own with the element's next MCID, since
    /// poppler reads ActualText on a `/Span` only, and in the structure
    /// tree reads no more of a sequence once one nested in it has ended.
    /// With `inner`, a second ActualText inside, for readers that take the
    /// innermost (MuPDF).
    fn actual(&mut self, key: Key, text: &str, inner: Option<&str>) {
        self.switch(None);
        let mut depth = match key {
            Key::Node(node, link) => {
                let mcid = self.marks.marks.len();
                self.content.begin_marked(b"Span", mcid, Some(text));
                self.marks.marks.push(Mark { node, link });
                1
            }
            Key::Artifact(kind) => {
                self.content.begin_artifact(kind);
                self.content.begin_actual_text(text);
                2
            }
            Key::Actual(_) => return,
        };
        if let Some(inner) = inner {
            self.content.begin_inner_actual_text(inner);
            depth += 1;
        }
        self.open = Some(Key::Actual(depth));
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
