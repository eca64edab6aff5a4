//! The sidebar and the main column: each composed at its own width, in reading order, then moved to its side.

use super::{Block, Composer, Flow, Item, Picture, Tint};
use crate::backend::pdf::PT_PER_MM;
use crate::document::Document;
use crate::layout::{Part, Region, SidebarPlan};

impl Composer<'_, '_, '_> {
    /// The sections in two columns: the one read first is composed first
    /// (its blocks, structure elements and text come first), each at its
    /// width, mirrored within it in right-to-left documents, then moved to
    /// its place on the page.
    pub(super) fn columns(&mut self, doc: &Document, side: &SidebarPlan) {
        let full = self.width;
        let sw = side.width * PT_PER_MM;
        let gap = side.gap * PT_PER_MM;
        let mw = (full - sw - gap).max(full / 3.0);
        let (side_x, main_x) = if side.left {
            (0.0, full - mw)
        } else {
            (mw + gap, 0.0)
        };
        let main: Vec<usize> = self
            .plan
            .as_ref()
            .map(|p| {
                p.sections
                    .iter()
                    .enumerate()
                    .filter(|(_, r)| **r == Region::Main)
                    .map(|(i, _)| i)
                    .collect()
            })
            .unwrap_or_default();
        let order = if side.first {
            [Region::Sidebar, Region::Main]
        } else {
            [Region::Main, Region::Sidebar]
        };
        let gap_above = self.gap;
        let indent = self.indent;
        for (k, region) in order.into_iter().enumerate() {
            self.flow = if k == 0 { Flow::First } else { Flow::Second };
            self.gap = gap_above;
            let start = self.blocks.len();
            let x = match region {
                Region::Sidebar => {
                    self.width = sw;
                    self.narrow = true;
                    self.indent = 0.0;
                    // No hyphens in a narrow column: words broken there are
                    // what parsers read wrong most (`check` flags them).
                    let hyphenate = self.hyphenate.take();
                    let def = self.def;
                    self.def = self.side_def.unwrap_or(def);
                    self.sidebar(doc, &side.parts);
                    self.def = def;
                    self.hyphenate = hyphenate;
                    self.narrow = false;
                    self.indent = indent;
                    side_x
                }
                Region::Main => {
                    self.width = mw;
                    self.sections(doc, &main);
                    main_x
                }
            };
            for block in self.blocks.iter_mut().skip(start) {
                for item in &mut block.items {
                    item.shift(x, 0.0);
                }
            }
            // A column that starts with a block of no text keeps its gap.
            if let Some(b) = self.blocks.get_mut(start) {
                b.space_before = gap_above.max(b.space_before);
            }
        }
        self.width = full;
        self.flow = Flow::Full;
        self.gap = 0.0;
        // The tint reaches half way into the gap, and to the page's edge.
        self.tint = Some(Tint {
            x0: side_x - if side.left { 0.0 } else { gap / 2.0 },
            x1: side_x + sw + if side.left { gap / 2.0 } else { 0.0 },
            color: self.def.colors.sidebar,
        });
    }

    /// What the sidebar holds, in its order.
    fn sidebar(&mut self, doc: &Document, parts: &[Part]) {
        let d = self.def;
        for part in parts {
            match part {
                Part::Contact => {
                    self.contact_rows(&doc.header.contacts, super::header::RowAlign::Start, true);
                    self.gap = d.spacing.before_section;
                }
                Part::Photo => {
                    let width = (d.photo.size * PT_PER_MM).min(self.width);
                    if let Some((w, h, radius)) = self.photo_box(doc, width) {
                        self.push(Block {
                            height: h,
                            items: vec![Item::Photo {
                                picture: Picture::Photo(self.candidate),
                                x: (self.width - w) / 2.0,
                                y: 0.0,
                                width: w,
                                height: h,
                                radius,
                            }],
                            ..Block::default()
                        });
                        self.gap = d.spacing.before_section;
                    }
                }
                Part::Section(i) => self.sections(doc, &[*i]),
            }
        }
    }
}
