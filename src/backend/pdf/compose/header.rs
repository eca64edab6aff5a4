//! The header: name, label, contacts (with separators or icons) and photo, stacked or split, on a band or not.

use super::{Block, Composer, Item, Picture};
use crate::backend::pdf::PT_PER_MM;
use crate::backend::pdf::fonts::Role;
use crate::backend::pdf::shape::Span;
use crate::backend::pdf::tag::Kind;
use crate::document::{Contact, Document};
use crate::layout::{Align, ContactStyle, HeaderAlign, PhotoPlace, Region};

/// Space between the photo and the text beside it, in millimetres.
const PHOTO_GAP_MM: f32 = 5.0;

/// Where rows of contacts are set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowAlign {
    Start,
    Center,
    End,
}

impl From<Align> for RowAlign {
    fn from(a: Align) -> RowAlign {
        match a {
            Align::Left => RowAlign::Start,
            Align::Center => RowAlign::Center,
        }
    }
}

impl Composer<'_, '_, '_> {
    pub(super) fn header(&mut self, doc: &Document) {
        let d = self.def;
        let first = self.blocks.len();
        if d.header.band {
            self.on_band = Some(d.colors.band_text);
        }
        // The photo stands at the end (the right; the left in right-to-left
        // documents) or the start, the header's text beside it.
        let photo_here = self.region(|p| p.photo) == Region::Main;
        let (reserve, photo_height) = if photo_here {
            self.photo(doc)
        } else {
            (0.0, 0.0)
        };
        let start = d.header.photo == PhotoPlace::Start;
        let full = self.width;
        self.width = (full - reserve).max(full / 2.0);
        match d.header.align {
            HeaderAlign::Split => self.split_header(doc),
            HeaderAlign::Left | HeaderAlign::Center => self.header_text(doc),
        }
        self.width = full;
        let mut used = 0.0;
        for block in self.blocks.iter_mut().skip(first) {
            used += block.space_before + block.height;
            if self.rtl != start {
                for item in &mut block.items {
                    if matches!(item, Item::Text { .. } | Item::Icon { .. }) {
                        item.shift(reserve, 0.0);
                    }
                }
            }
        }
        if used < photo_height {
            self.push(Block {
                height: photo_height - used,
                ..Block::default()
            });
            used = photo_height;
        }
        if let Some(last) = self.blocks.last_mut() {
            last.keep_with_next = false;
        }
        self.gap = d.spacing.after_header;
        if self.on_band.take().is_some() {
            self.band(first, used);
        }
    }

    /// The region the plan gives a part, the main column without a plan.
    fn region(&self, part: impl Fn(&crate::layout::Plan) -> Region) -> Region {
        self.plan.as_ref().map_or(Region::Main, part)
    }

    /// The header's band: from the page's edges (its top when the header
    /// opens a page) to below the header, behind it.
    fn band(&mut self, first: usize, used: f32) {
        let d = self.def;
        let at_top = first == 0
            || self
                .blocks
                .get(first.wrapping_sub(1))
                .is_some_and(|b| b.page_break);
        let pad = d.spacing.after_header;
        let y0 = if at_top {
            -d.page.margin_top * PT_PER_MM
        } else {
            -pad
        };
        if let Some(block) = self.blocks.get_mut(first) {
            block.items.insert(
                0,
                Item::Fill {
                    x0: -d.page.margin_left * PT_PER_MM,
                    x1: self.width + d.page.margin_right * PT_PER_MM,
                    y0,
                    y1: used + pad,
                    color: d.colors.band,
                },
            );
        }
        self.gap = 2.0 * pad;
    }

    /// A block of no height holding the photo, glued to the header; the
    /// width the text leaves it and its height.
    fn photo(&mut self, doc: &Document) -> (f32, f32) {
        let d = self.def;
        let Some((width, height, radius)) = self.photo_box(doc, d.photo.size * PT_PER_MM) else {
            return (0.0, 0.0);
        };
        let x = match d.header.photo {
            PhotoPlace::Start => 0.0,
            PhotoPlace::End | PhotoPlace::Sidebar => self.width - width,
        };
        self.push(Block {
            keep_with_next: true,
            items: vec![Item::Photo {
                picture: Picture::Photo(self.candidate),
                x,
                y: 0.0,
                width,
                height,
                radius,
            }],
            ..Block::default()
        });
        (width + PHOTO_GAP_MM * PT_PER_MM, height)
    }

    /// Width, height and corner radius of the photo at `width`, if there is one.
    pub(super) fn photo_box(&self, doc: &Document, width: f32) -> Option<(f32, f32, f32)> {
        let photo = doc.header.photo.as_ref()?;
        if width <= 0.0 || photo.width == 0 {
            return None;
        }
        let height = width * photo.height as f32 / photo.width as f32;
        let radius = match self.def.photo.shape {
            crate::layout::PhotoShape::Square => 0.0,
            crate::layout::PhotoShape::Rounded => width * 0.08,
            crate::layout::PhotoShape::Circle => width / 2.0,
        };
        Some((width, height, radius))
    }

    /// Name and label, glued to what follows.
    fn name_and_label(&mut self, doc: &Document, align: Align) {
        let d = self.def;
        let h = &doc.header;
        let name_color = self.on_band.unwrap_or(d.colors.accent);
        let label_color = self.on_band.unwrap_or(d.colors.muted);
        if let Some(name) = h.name.as_deref().filter(|n| !n.trim().is_empty()) {
            let st = self.style(Role::Heading, true, false, d.sizes.name, name_color);
            let lines = self.lines(
                &[Span {
                    text: name.into(),
                    style: st,
                }],
                self.width,
            );
            let tag = self.tree.leaf(Kind::H(1));
            self.push_lines(lines, 0.0, d.sizes.name, align, Vec::new(), true, tag);
        }
        if let Some(label) = h.label.as_deref().filter(|n| !n.trim().is_empty()) {
            let st = self.style(Role::Heading, false, false, d.sizes.label, label_color);
            let lines = self.lines(
                &[Span {
                    text: label.into(),
                    style: st,
                }],
                self.width,
            );
            let tag = self.tree.leaf(Kind::P);
            self.push_lines(lines, 0.0, d.sizes.label, align, Vec::new(), true, tag);
        }
    }

    /// Name, label and the contact line(s), one under the other.
    fn header_text(&mut self, doc: &Document) {
        let d = self.def;
        let align: Align = d.header.align.into();
        self.name_and_label(doc, align);
        let contacts = &doc.header.contacts;
        if contacts.is_empty() || self.region(|p| p.contacts) != Region::Main {
            return;
        }
        self.gap = d.spacing.after_paragraph;
        match d.header.contacts {
            ContactStyle::Separators => {
                let spans = self.contact_spans(contacts);
                let lines = self.lines(&spans, self.width);
                let tag = self.tree.leaf(Kind::P);
                self.push_lines(lines, 0.0, d.sizes.contact, align, Vec::new(), false, tag);
            }
            ContactStyle::Icons => self.contact_rows(contacts, align.into(), false),
        }
    }

    /// Name and label at the start, the contacts one per line at the end,
    /// side by side in one block.
    fn split_header(&mut self, doc: &Document) {
        let full = self.width;
        let first = self.blocks.len();
        self.width = full * 0.58;
        self.name_and_label(doc, Align::Left);
        let left: Vec<Block> = self.blocks.drain(first..).collect();
        self.width = full * 0.42;
        let contacts = &doc.header.contacts;
        if !contacts.is_empty() && self.region(|p| p.contacts) == Region::Main {
            self.contact_rows(contacts, RowAlign::End, true);
        }
        let right: Vec<Block> = self.blocks.drain(first..).collect();
        self.width = full;
        // Mirrored within their own widths already; placed at either end.
        let (lx, rx) = if self.rtl {
            (full * 0.42, 0.0)
        } else {
            (0.0, full * 0.58)
        };
        let block = side_by_side(vec![(left, lx), (right, rx)]);
        self.gap = 0.0;
        self.blocks.push(block);
    }

    /// Contacts with separators; spaces inside one contact do not break.
    pub(super) fn contact_spans(&mut self, contacts: &[Contact]) -> Vec<Span> {
        let d = self.def;
        let ink = self.on_band.unwrap_or(d.colors.text);
        let base = self.style(Role::Body, false, false, d.sizes.contact, ink);
        let muted = self.on_band.unwrap_or(d.colors.muted);
        let mut sep = self.style(Role::Body, false, false, d.sizes.contact, muted);
        sep.elide = true;
        let mut spans = Vec::new();
        for (i, c) in contacts.iter().enumerate() {
            if i > 0 {
                spans.push(Span {
                    text: d.style.contact_separator.clone(),
                    style: sep.clone(),
                });
            }
            let mut style = match &c.link {
                Some(url) => self.linked(base.clone(), url),
                None => base.clone(),
            };
            if let Some(on) = self.on_band {
                style.color = on;
            }
            spans.push(Span {
                text: c.shown().replace(' ', "\u{00A0}"),
                style,
            });
        }
        spans
    }

    /// Contacts each after its icon, packed into rows (or one per row),
    /// aligned as `align`: one paragraph, the icons artifacts.
    pub(super) fn contact_rows(
        &mut self,
        contacts: &[Contact],
        align: RowAlign,
        one_per_row: bool,
    ) {
        let d = self.def;
        let size = d.sizes.contact;
        let icons = d.header.contacts == ContactStyle::Icons;
        let icon = if icons { size * 1.05 } else { 0.0 };
        let after_icon = if icons { size * 0.4 } else { 0.0 };
        let between = size * 1.4;
        let ink = self.on_band.unwrap_or(d.colors.text);
        let icon_color = self.on_band.unwrap_or(d.colors.accent);
        let base = self.style(Role::Body, false, false, size, ink);
        let tag = self.tree.leaf(Kind::P);
        // Each contact as its lines (one, unless it is wider than the column).
        let mut pieces = Vec::new();
        for c in contacts {
            let mut style = match &c.link {
                Some(url) => self.linked(base.clone(), url),
                None => base.clone(),
            };
            if let Some(on) = self.on_band {
                style.color = on;
            }
            // On a row of their own contacts may break at spaces (a long
            // address in the sidebar); in a packed row one contact does not.
            let text = if one_per_row {
                c.shown()
            } else {
                c.shown().replace(' ', "\u{00A0}")
            };
            let lines = self.lines(&[Span { text, style }], self.width - icon - after_icon);
            let width = icon + after_icon + lines.iter().map(|l| l.width).fold(0.0, f32::max);
            pieces.push((c.icon(), lines, width));
        }
        let mut rows: Vec<Vec<(crate::document::Icon, Vec<super::Line>, f32)>> = Vec::new();
        let mut row_width = 0.0;
        for piece in pieces {
            let fits = rows.last().is_some_and(|r| !r.is_empty())
                && row_width + between + piece.2 <= self.width;
            if one_per_row || !fits {
                row_width = piece.2;
                rows.push(vec![piece]);
            } else {
                row_width += between + piece.2;
                if let Some(r) = rows.last_mut() {
                    r.push(piece);
                }
            }
        }
        let h = self.line_height(size);
        let base_y = self.baseline(size);
        let count = rows.len();
        for (n, row) in rows.into_iter().enumerate() {
            let total: f32 =
                row.iter().map(|p| p.2).sum::<f32>() + between * (row.len() as f32 - 1.0);
            let mut x = match align {
                RowAlign::Start => 0.0,
                RowAlign::Center => (self.width - total).max(0.0) / 2.0,
                RowAlign::End => (self.width - total).max(0.0),
            };
            let mut items = Vec::new();
            let mut height: f32 = 0.0;
            for (glyph, lines, width) in row {
                if icons {
                    items.push(Item::Icon {
                        icon: glyph,
                        x,
                        y: base_y - 0.86 * icon,
                        size: icon,
                        color: icon_color,
                    });
                }
                for (i, line) in lines.into_iter().enumerate() {
                    items.push(Item::Text {
                        x: x + icon + after_icon,
                        baseline: base_y + i as f32 * h,
                        line,
                        tag,
                    });
                    height = height.max((i + 1) as f32 * h);
                }
                x += width + between;
            }
            self.push(Block {
                height,
                keep_with_next: n + 1 < count,
                items,
                ..Block::default()
            });
        }
    }
}

/// Groups of blocks set side by side as one block: each group's blocks
/// one under the other from the top, moved right by the group's x.
pub(super) fn side_by_side(groups: Vec<(Vec<Block>, f32)>) -> Block {
    let mut out = Block {
        keep_with_next: true,
        ..Block::default()
    };
    for (blocks, x) in groups {
        let mut y = 0.0;
        for (i, block) in blocks.into_iter().enumerate() {
            if i > 0 {
                y += block.space_before;
            }
            for mut item in block.items {
                item.shift(x, y);
                out.items.push(item);
            }
            y += block.height;
        }
        out.height = out.height.max(y);
    }
    out
}
