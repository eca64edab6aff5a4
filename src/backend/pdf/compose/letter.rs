//! A cover letter under the sender's header: the recipient block, the date line at the end of its line, the subject, the greeting, the body, the closing, room to sign (or the signature's picture) and the name.
//!
//! Every part is tagged (a `P` each; the body's lists as `L` with labels), so
//! the letter is as accessible as the resume and `check` reads it back.

use super::{Block, Composer, Item, Picture};
use crate::backend::pdf::PT_PER_MM;
use crate::backend::pdf::fonts::Role;
use crate::backend::pdf::shape::Span;
use crate::backend::pdf::tag::{Kind, Numbering};
use crate::document::{Inline, Letter, LetterBlock, Photo};
use crate::layout::Align;

/// Lines of space left between the closing and the name, to sign in.
const SIGNING_LINES: f32 = 2.5;
/// A letter's text is this much larger than a resume's body (which is set
/// small to fit a career on a page; a letter is read as prose).
const LETTER_SCALE: f32 = 1.1;

impl Composer<'_, '_, '_> {
    /// The letter's parts, in reading order.
    pub(super) fn letter(&mut self, letter: &Letter) {
        let d = self.def;
        let size = self.letter_size();
        let line = self.line_height(size);
        self.gap = self.gap.max(d.spacing.before_section.max(line * 2.5));
        self.tree.open(Kind::Div);
        for text in &letter.recipient {
            self.plain_line(text, false);
        }
        self.tree.close();
        // The date at the end of its line (the left in right-to-left letters).
        self.gap = self.gap.max(line);
        let spans = [Span {
            text: letter.date.clone(),
            style: self.letter_style(),
        }];
        let lines = self.lines(&spans, self.width);
        let tag = self.tree.leaf(Kind::P);
        for l in lines {
            let x = (self.width - l.width).max(0.0);
            let baseline = self.baseline(size);
            self.push(Block {
                height: line,
                items: vec![Item::Text {
                    x,
                    baseline,
                    line: l,
                    tag,
                }],
                ..Block::default()
            });
        }
        if let Some(subject) = &letter.subject {
            self.gap = self.gap.max(line);
            self.plain_line(subject, true);
        }
        self.gap = self.gap.max(line);
        self.plain_line(&letter.greeting, false);
        for block in &letter.body {
            self.gap = self.gap.max(d.spacing.after_paragraph.max(line * 0.7));
            match block {
                LetterBlock::Paragraph { content } => self.paragraph(content),
                LetterBlock::List {
                    ordered,
                    start,
                    items,
                } => {
                    let numbering = if *ordered {
                        Numbering::Decimal
                    } else {
                        Numbering::of(&d.style.bullet)
                    };
                    self.tree.open(Kind::L(numbering));
                    for (k, item) in items.iter().enumerate() {
                        let label = if *ordered {
                            format!("{}.", start + k as u64)
                        } else {
                            d.style.bullet.clone()
                        };
                        self.item(item, &label);
                    }
                    self.tree.close();
                }
            }
        }
        self.gap = self.gap.max(line);
        let closing = self.blocks.len();
        self.plain_line(&letter.closing, false);
        if let Some(b) = self.blocks.get_mut(closing..) {
            b.iter_mut().for_each(|b| b.keep_with_next = true);
        }
        self.gap = line * SIGNING_LINES;
        if let Some(picture) = &letter.signature_image {
            self.signature_picture(picture, line);
        }
        self.plain_line(&letter.signature, false);
    }

    /// The picture of the signature in the room to sign, above the name:
    /// as tall as most of that room, at most 60 mm wide, kept with the name.
    fn signature_picture(&mut self, picture: &Photo, line: f32) {
        let ratio = picture.width.max(1) as f32 / picture.height.max(1) as f32;
        let mut height = 0.9 * line * SIGNING_LINES;
        let mut width = height * ratio;
        let widest = 60.0 * PT_PER_MM;
        if width > widest {
            (width, height) = (widest, widest / ratio);
        }
        self.gap = 0.3 * line;
        self.push(Block {
            height,
            keep_with_next: true,
            items: vec![Item::Photo {
                picture: Picture::Signature(self.candidate),
                x: 0.0,
                y: 0.0,
                width,
                height,
                radius: 0.0,
            }],
            ..Block::default()
        });
        self.gap = 0.2 * line;
    }

    /// One short text (a recipient line, the subject, the greeting): its
    /// own paragraph, in the body's style (bold when `strong`).
    fn plain_line(&mut self, text: &str, strong: bool) {
        if text.trim().is_empty() {
            return;
        }
        let size = self.letter_size();
        let mut style = self.letter_style();
        style.font.bold = strong;
        if strong {
            style.font.role = Role::Body;
        }
        let lines = self.text_lines(
            &[Span {
                text: text.to_string(),
                style,
            }],
            self.width,
        );
        let tag = self.tree.leaf(Kind::P);
        self.push_lines(lines, 0.0, size, Align::Left, Vec::new(), true, tag);
    }

    fn paragraph(&mut self, content: &[Inline]) {
        let size = self.letter_size();
        let mut spans = Vec::new();
        let base = self.letter_style();
        self.inline_spans(content, &base, &mut spans);
        let lines = self.text_lines(&spans, self.width);
        let tag = self.tree.leaf(Kind::P);
        self.push_lines(lines, 0.0, size, Align::Left, Vec::new(), false, tag);
    }

    /// The size of a letter's text, in points (to a quarter point).
    fn letter_size(&self) -> f32 {
        (self.def.sizes.body * LETTER_SCALE * 4.0).round() / 4.0
    }

    /// The body's style at the letter's size.
    fn letter_style(&self) -> crate::backend::pdf::shape::TextStyle {
        let mut style = self.body();
        style.size = self.letter_size();
        style
    }

    /// A list item with its label (a bullet, or `3.`) hanging before it.
    fn item(&mut self, content: &[Inline], label: &str) {
        let d = self.def;
        let size = self.letter_size();
        let base = self.letter_style();
        let mark = self.lines(
            &[Span {
                text: label.to_string(),
                style: base.clone(),
            }],
            self.width,
        );
        let numbered = label.chars().any(|c| c.is_ascii_digit());
        let label_width = mark.first().map_or(0.0, |l| l.width);
        let indent = if numbered {
            d.spacing.bullet_indent.max(label_width + size * 0.5)
        } else {
            d.spacing.bullet_indent
        };
        let mut spans = Vec::new();
        self.inline_spans(content, &base, &mut spans);
        let lines = self.text_lines(&spans, self.width - indent);
        let label_x = if numbered { 0.0 } else { indent * 0.25 };
        self.tree.open(Kind::LI);
        let lbl = self.tree.leaf(Kind::Lbl);
        let body = self.tree.leaf(Kind::LBody);
        self.tree.close();
        let baseline = self.baseline(size);
        let marks = mark
            .into_iter()
            .take(1)
            .map(|line| Item::Text {
                x: label_x,
                baseline,
                line,
                tag: lbl,
            })
            .collect();
        self.push_lines(lines, indent, size, Align::Left, marks, false, body);
    }
}
