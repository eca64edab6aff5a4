//! Composition: the document becomes a column of blocks (header, headings,
//! entry title blocks, lines, bullets) with the keep rules pagination needs.
//! Every size, colour and space comes from the layout definition.

mod cover;
mod entry;

pub use cover::{Row, Words};

use super::fonts::{FontKey, Role};
use super::linebreak::{Line, break_lines};
use super::shape::{Shaper, Span, TextStyle};
use super::tag::{Kind, Tag, Tree};
use crate::document::{Block as DocBlock, Contact, Document};
use crate::layout::{Align, Color, Definition};

/// Something drawn, positioned relative to the top-left of its block (y down).
#[derive(Debug, Clone)]
pub enum Item {
    /// A line of text; `baseline` is measured from the block top.
    Text {
        x: f32,
        baseline: f32,
        line: Line,
        tag: Tag,
    },
    /// A horizontal rule (an artifact: decoration, not content).
    Rule {
        x0: f32,
        x1: f32,
        y: f32,
        thickness: f32,
        color: Color,
    },
    /// The candidate's photo or the agency's logo, `y` down from the block
    /// top to the image's top (an artifact: the name beside it says whose it is).
    Photo {
        picture: Picture,
        x: f32,
        y: f32,
        width: f32,
        height: f32,
        /// Corner radius; half the width makes a circle.
        radius: f32,
    },
}

/// Which image an [`Item::Photo`] draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    /// The photo of the n-th candidate (0 for a single resume).
    Photo(usize),
    /// The agency's logo (`--brand`).
    Logo,
}

/// An unbreakable piece of the column.
#[derive(Debug, Clone, Default)]
pub struct Block {
    /// Space above, dropped at the top of a page.
    pub space_before: f32,
    pub height: f32,
    /// Must be on the same page as the next block.
    pub keep_with_next: bool,
    pub items: Vec<Item>,
    /// Outline entry pointing at this block.
    pub bookmark: Option<String>,
    /// Level of the outline entry: 0 at the top (a bundle's candidates hold
    /// their sections at 1).
    pub bookmark_level: u8,
    /// Starts a new page (each candidate of a bundle).
    pub page_break: bool,
}

/// Builds blocks for one content width.
pub struct Composer<'d, 's, 'f> {
    def: &'d Definition,
    shaper: &'d mut Shaper<'s, 'f>,
    width: f32,
    /// Link targets, indexed by [`TextStyle::link`].
    pub links: Vec<String>,
    pub blocks: Vec<Block>,
    /// The structure elements that the blocks' lines point into.
    pub tree: Tree,
    /// Level of section headings: 2 under the name's H1, 1 without a name.
    level: u8,
    /// Space to put before the next block.
    gap: f32,
    /// Hyphenate running text with this language's patterns.
    hyphenate: Option<hyphenation::Language>,
    /// The document's language is written right to left: paragraphs take a
    /// right-to-left base direction and every block is mirrored.
    rtl: bool,
    /// Line heights are multiplied by this: more than 1 for a script that
    /// stacks its marks far above and below the line (Myanmar).
    tall: f32,
    /// Which candidate of a bundle is being composed (0 for one resume).
    candidate: usize,
    /// Outline level of section headings (1 inside a bundle).
    section_level: u8,
}

impl<'d, 's, 'f> Composer<'d, 's, 'f> {
    pub fn new(def: &'d Definition, shaper: &'d mut Shaper<'s, 'f>, width: f32) -> Self {
        Composer {
            def,
            shaper,
            width,
            links: Vec::new(),
            blocks: Vec::new(),
            tree: Tree::new(),
            level: 2,
            gap: 0.0,
            hyphenate: None,
            rtl: false,
            tall: 1.0,
            candidate: 0,
            section_level: 0,
        }
    }

    /// Composes the `index`-th candidate of a bundle: on a new page, as a
    /// `Part`, under an outline entry of its name that holds its sections.
    pub fn candidate(&mut self, doc: &Document, index: usize, title: &str) {
        self.candidate = index;
        self.section_level = 1;
        self.gap = 0.0;
        let first = self.blocks.len();
        self.tree.open(Kind::Part);
        self.document(doc);
        self.tree.close();
        // A block of no height opens the candidate: the page break and the
        // outline entry that holds the candidate's sections.
        self.blocks.insert(
            first,
            Block {
                page_break: true,
                keep_with_next: true,
                bookmark: Some(title.to_string()),
                bookmark_level: 0,
                ..Block::default()
            },
        );
        if let Some(b) = self.blocks.get_mut(first + 1) {
            b.space_before = 0.0;
        }
    }

    /// Composes a whole document.
    pub fn document(&mut self, doc: &Document) {
        let lang = doc.meta.language.to_ascii_lowercase();
        self.hyphenate = super::linebreak::hyphenation_language(&lang);
        self.rtl = crate::document::Direction::right_to_left(&lang);
        self.tall = tall_script_leading(doc);
        let named = doc
            .header
            .name
            .as_deref()
            .is_some_and(|n| !n.trim().is_empty());
        self.level = if named { 2 } else { 1 };
        self.header(doc);
        if self.blocks.is_empty() && doc.sections.is_empty() {
            // Nothing to show: print the document title rather than a blank
            // page without a single character (which readers and ATS flag).
            let d = self.def;
            let st = self.style(Role::Heading, true, false, d.sizes.name, d.colors.accent);
            let lines = self.lines(
                &[Span {
                    text: doc.meta.title.clone(),
                    style: st,
                }],
                self.width,
            );
            let tag = self.tree.leaf(Kind::H(1));
            self.push_lines(
                lines,
                0.0,
                d.sizes.name,
                d.style.header_align,
                Vec::new(),
                false,
                tag,
            );
        }
        for (i, section) in doc.sections.iter().enumerate() {
            if i > 0 || !self.blocks.is_empty() {
                self.gap = self.gap.max(self.def.spacing.before_section);
            }
            let title = if self.def.style.heading_uppercase {
                crate::document::to_upper(&section.title, &doc.meta.language)
            } else {
                section.title.clone()
            };
            self.tree.open(Kind::Sect);
            self.heading(&title, &section.title);
            let mut first = true;
            for block in &section.blocks {
                if !first {
                    self.gap = self.gap.max(match block {
                        DocBlock::Entry(_) => self.def.spacing.between_entries,
                        _ => self.def.spacing.after_paragraph,
                    });
                }
                first = false;
                match block {
                    DocBlock::Entry(e) => self.entry(e),
                    other => self.body_block(other, 0.0),
                }
            }
            self.tree.close();
        }
    }

    fn style(&self, role: Role, bold: bool, italic: bool, size: f32, color: Color) -> TextStyle {
        TextStyle {
            font: FontKey { role, bold, italic },
            size,
            color,
            link: None,
            elide: false,
        }
    }

    fn body(&self) -> TextStyle {
        let d = self.def;
        self.style(Role::Body, false, false, d.sizes.body, d.colors.text)
    }

    fn link(&mut self, url: &str) -> usize {
        match self.links.iter().position(|l| l == url) {
            Some(i) => i,
            None => {
                self.links.push(url.to_string());
                self.links.len() - 1
            }
        }
    }

    fn linked(&mut self, mut style: TextStyle, url: &str) -> TextStyle {
        style.link = Some(self.link(url));
        style.color = self.def.colors.link;
        style
    }

    fn lines(&mut self, spans: &[Span], width: f32) -> Vec<Line> {
        break_lines(self.shaper, spans, width.max(1.0), None, self.rtl)
    }

    /// Lines of running text, hyphenated when the language allows.
    fn text_lines(&mut self, spans: &[Span], width: f32) -> Vec<Line> {
        break_lines(self.shaper, spans, width.max(1.0), self.hyphenate, self.rtl)
    }

    fn line_height(&self, size: f32) -> f32 {
        size * self.def.spacing.line_height * self.tall
    }

    /// Where the baseline sits in a line box of `size`: the leading split
    /// evenly above and below, the ascent taken as 0.8 em.
    fn baseline(&self, size: f32) -> f32 {
        (self.line_height(size) - size) / 2.0 + 0.8 * size
    }

    fn push(&mut self, mut block: Block) {
        if self.rtl {
            // Right-to-left documents: the same composition, mirrored. Text
            // starts at the right margin, dates move to the left, bullets hang
            // on the right.
            for item in &mut block.items {
                match item {
                    Item::Text { x, line, .. } => *x = (self.width - *x - line.width).max(0.0),
                    Item::Rule { x0, x1, .. } => {
                        let (a, b) = (self.width - *x1, self.width - *x0);
                        *x0 = a;
                        *x1 = b;
                    }
                    Item::Photo { x, width, .. } => *x = self.width - *x - *width,
                }
            }
        }
        block.space_before = self.gap;
        self.gap = 0.0;
        self.blocks.push(block);
    }

    /// One block per line; the first two and the last two lines stay
    /// together (no orphans or widows); `keep_last` glues the last line to
    /// what follows. `extra` is drawn on the first line (a bullet, a date).
    /// The lines belong to `tag`.
    #[allow(clippy::too_many_arguments)]
    fn push_lines(
        &mut self,
        lines: Vec<Line>,
        x: f32,
        size: f32,
        align: Align,
        extra: Vec<Item>,
        keep_last: bool,
        tag: Tag,
    ) {
        let n = lines.len();
        let h = self.line_height(size);
        let base = self.baseline(size);
        let mut extra = Some(extra);
        for (i, line) in lines.into_iter().enumerate() {
            let lx = match align {
                Align::Left => x,
                Align::Center => x + (self.width - x - line.width).max(0.0) / 2.0,
            };
            // The bullet (or other mark) comes first in reading order.
            let mut items = extra.take().unwrap_or_default();
            items.push(Item::Text {
                x: lx,
                baseline: base,
                line,
                tag,
            });
            let keep = (i == 0 && n > 1) || (n > 2 && i + 2 == n) || (i + 1 == n && keep_last);
            self.push(Block {
                height: h,
                keep_with_next: keep,
                items,
                ..Block::default()
            });
        }
    }

    fn header(&mut self, doc: &Document) {
        // The photo stands at the right (the left in right-to-left
        // documents), the header's text beside it.
        let first = self.blocks.len();
        let (reserve, photo_height) = self.photo(doc);
        let full = self.width;
        self.width = (full - reserve).max(full / 2.0);
        self.header_text(doc);
        self.width = full;
        let mut used = 0.0;
        for block in self.blocks.iter_mut().skip(first) {
            used += block.space_before + block.height;
            if self.rtl {
                for item in &mut block.items {
                    if let Item::Text { x, .. } = item {
                        *x += reserve;
                    }
                }
            }
        }
        if used < photo_height {
            self.push(Block {
                height: photo_height - used,
                ..Block::default()
            });
        }
        if let Some(last) = self.blocks.last_mut() {
            last.keep_with_next = false;
        }
        self.gap = self.def.spacing.after_header;
    }

    /// A block of no height holding the photo, glued to the header; the
    /// width the text leaves it and its height.
    fn photo(&mut self, doc: &Document) -> (f32, f32) {
        let d = self.def;
        let Some(photo) = &doc.header.photo else {
            return (0.0, 0.0);
        };
        let width = d.photo.size * super::PT_PER_MM;
        if width <= 0.0 || photo.width == 0 {
            return (0.0, 0.0);
        }
        let height = width * photo.height as f32 / photo.width as f32;
        let radius = match d.photo.shape {
            crate::layout::PhotoShape::Square => 0.0,
            crate::layout::PhotoShape::Rounded => width * 0.08,
            crate::layout::PhotoShape::Circle => width / 2.0,
        };
        self.push(Block {
            keep_with_next: true,
            items: vec![Item::Photo {
                picture: Picture::Photo(self.candidate),
                x: self.width - width,
                y: 0.0,
                width,
                height,
                radius,
            }],
            ..Block::default()
        });
        // A gap of 5 mm between the text and the photo.
        (width + 5.0 * super::PT_PER_MM, height)
    }

    fn header_text(&mut self, doc: &Document) {
        let d = self.def;
        let align = d.style.header_align;
        let h = &doc.header;
        if let Some(name) = h.name.as_deref().filter(|n| !n.trim().is_empty()) {
            let st = self.style(Role::Heading, true, false, d.sizes.name, d.colors.accent);
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
            let st = self.style(Role::Heading, false, false, d.sizes.label, d.colors.muted);
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
        if !h.contacts.is_empty() {
            self.gap = d.spacing.after_paragraph;
            let spans = self.contact_spans(&h.contacts);
            let lines = self.lines(&spans, self.width);
            let tag = self.tree.leaf(Kind::P);
            self.push_lines(lines, 0.0, d.sizes.contact, align, Vec::new(), false, tag);
        }
    }

    /// Contacts with separators; spaces inside one contact do not break.
    fn contact_spans(&mut self, contacts: &[Contact]) -> Vec<Span> {
        let d = self.def;
        let base = self.style(Role::Body, false, false, d.sizes.contact, d.colors.text);
        let mut sep = self.style(Role::Body, false, false, d.sizes.contact, d.colors.muted);
        sep.elide = true;
        let mut spans = Vec::new();
        for (i, c) in contacts.iter().enumerate() {
            if i > 0 {
                spans.push(Span {
                    text: d.style.contact_separator.clone(),
                    style: sep.clone(),
                });
            }
            let style = match &c.link {
                Some(url) => self.linked(base.clone(), url),
                None => base.clone(),
            };
            let text = if c.kind == crate::document::ContactKind::Profile
                && !c.text.contains(&c.label)
                && !c.text.contains('/')
            {
                format!("{}: {}", c.label, c.text)
            } else {
                c.text.clone()
            };
            spans.push(Span {
                text: text.replace(' ', "\u{00A0}"),
                style,
            });
        }
        spans
    }

    fn heading(&mut self, title: &str, bookmark: &str) {
        let d = self.def;
        let size = d.sizes.heading;
        let st = self.style(Role::Heading, true, false, size, d.colors.accent);
        let lines = self.lines(
            &[Span {
                text: title.into(),
                style: st,
            }],
            self.width,
        );
        let h = self.line_height(size);
        let base = self.baseline(size);
        let tag = self.tree.leaf(Kind::H(self.level));
        let mut items = Vec::new();
        let mut y = 0.0;
        for line in lines {
            items.push(Item::Text {
                x: 0.0,
                baseline: y + base,
                line,
                tag,
            });
            y += h;
        }
        if d.style.heading_rule {
            let t = d.pdf.rule_thickness;
            items.push(Item::Rule {
                x0: 0.0,
                x1: self.width,
                y: y + t / 2.0,
                thickness: t,
                color: d.colors.rule,
            });
            y += t;
        }
        self.push(Block {
            height: y,
            keep_with_next: true,
            items,
            bookmark: Some(bookmark.to_string()),
            bookmark_level: self.section_level,
            ..Block::default()
        });
        self.gap = d.spacing.after_heading;
    }
}

/// How much more leading a document needs for its scripts: Myanmar stacks
/// vowels and medials above and below its letters (Noto's Myanmar faces
/// are 2.2 to 2.5 em from ascender to descender, against 1.36 for Latin),
/// and at a Latin line height its lines overlap. Other bundled scripts fit.
fn tall_script_leading(doc: &Document) -> f32 {
    let myanmar = |c: char| matches!(c, '\u{1000}'..='\u{109F}' | '\u{A9E0}'..='\u{A9FF}' | '\u{AA60}'..='\u{AA7F}');
    let text = serde_json::to_string(doc).unwrap_or_default();
    if text.chars().any(myanmar) { 1.4 } else { 1.0 }
}
