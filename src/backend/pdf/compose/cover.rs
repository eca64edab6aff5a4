//! A bundle's cover page: its title, the date, and a table of the candidates with their headline and first page.

use super::{Block, Composer, Item};
use crate::backend::pdf::fonts::Role;
use crate::backend::pdf::shape::Span;
use crate::backend::pdf::tag::Kind;

/// One row of the cover's table.
pub struct Row {
    pub name: String,
    pub headline: String,
    /// 1-based; `None` before the pages are known.
    pub page: Option<usize>,
}

/// The cover's words.
pub struct Words<'a> {
    pub title: &'a str,
    pub date: &'a str,
    /// Column heads: candidate, headline, page.
    pub heads: [&'a str; 3],
    /// The bundle's language is written right to left: the cover is
    /// mirrored as a right-to-left resume is (the first column at the right).
    pub rtl: bool,
}

impl Composer<'_, '_, '_> {
    /// Title, date and the table, then a page break before the first candidate.
    pub fn cover(&mut self, words: &Words, rows: &[Row]) {
        let d = self.def;
        self.rtl = words.rtl;
        let title = self.style(Role::Heading, true, false, d.sizes.name, d.colors.accent);
        let lines = self.lines(
            &[Span {
                text: words.title.to_string(),
                style: title,
            }],
            self.width,
        );
        let tag = self.tree.leaf(Kind::H(1));
        self.push_lines(
            lines,
            0.0,
            d.sizes.name,
            d.header.align.into(),
            Vec::new(),
            true,
            tag,
        );
        let date = self.style(Role::Body, false, false, d.sizes.label, d.colors.muted);
        let lines = self.lines(
            &[Span {
                text: words.date.to_string(),
                style: date,
            }],
            self.width,
        );
        let tag = self.tree.leaf(Kind::P);
        self.push_lines(
            lines,
            0.0,
            d.sizes.label,
            d.header.align.into(),
            Vec::new(),
            false,
            tag,
        );
        self.gap = d.spacing.before_section * 2.0;
        self.tree.open(Kind::Table);
        let heads = words.heads.map(str::to_string);
        self.row(&heads, true);
        for r in rows {
            let page = r.page.map_or_else(|| "–".to_string(), |p| p.to_string());
            self.row(&[r.name.clone(), r.headline.clone(), page], false);
        }
        self.tree.close();
    }

    /// A table row: name and headline wrap in their columns, the page is
    /// right-aligned (all of it mirrored by [`Composer::push`] in a
    /// right-to-left cover: columns from the right, the page at the left).
    fn row(&mut self, cells: &[String; 3], head: bool) {
        let d = self.def;
        let size = d.sizes.body;
        let h = self.line_height(size);
        let base = self.baseline(size);
        let widths = [self.width * 0.34, self.width * 0.52, self.width * 0.14];
        let mut x = 0.0;
        let mut items = Vec::new();
        let mut rows = 1usize;
        self.tree.open(Kind::TR);
        for (i, (cell, w)) in cells.iter().zip(widths).enumerate() {
            let style = self.style(
                if head { Role::Heading } else { Role::Body },
                head || i == 0,
                false,
                size,
                if head { d.colors.accent } else { d.colors.text },
            );
            let lines = self.lines(
                &[Span {
                    text: cell.clone(),
                    style,
                }],
                w - 6.0,
            );
            let tag = self.tree.leaf(if head { Kind::TH } else { Kind::TD });
            rows = rows.max(lines.len());
            for (k, line) in lines.into_iter().enumerate() {
                let lx = if i == 2 { x + w - line.width } else { x };
                items.push(Item::Text {
                    x: lx,
                    baseline: base + h * k as f32,
                    line,
                    tag,
                });
            }
            x += w;
        }
        self.tree.close();
        let height = h * rows as f32 + 4.0;
        items.push(Item::Rule {
            x0: 0.0,
            x1: self.width,
            y: height - 1.0,
            thickness: if head { 0.8 } else { 0.3 },
            color: if head { d.colors.accent } else { d.colors.rule },
        });
        self.push(Block {
            height,
            keep_with_next: head,
            items,
            ..Block::default()
        });
    }
}
