//! Composition: the document becomes a column of blocks (header, headings,
//! entry title blocks, lines, bullets) with the keep rules pagination needs.
//! Every size, colour and space comes from the layout definition.

mod columns;
mod cover;
mod entry;
mod header;
mod heading;
mod letter;
mod stacked;

pub use cover::{Row, Words};

use super::fonts::{FontKey, Role};
use super::linebreak::{Line, break_lines};
use super::shape::{Shaper, Span, TextStyle};
use super::tag::{Kind, Tag, Tree};
use crate::document::{Block as DocBlock, Document, Icon};
use crate::layout::{Align, Color, Definition, Plan};

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
    /// A filled rectangle from (`x0`, `y0`) to (`x1`, `y1`), y down from
    /// the block top (an artifact: a band, a bar, a tint behind text).
    Fill {
        x0: f32,
        x1: f32,
        y0: f32,
        y1: f32,
        color: Color,
    },
    /// One space glyph of `face` at `size`, stretched from `x0` to `x1` on
    /// `baseline` (an artifact, drawn between the two texts it joins): a
    /// title and the dates at the end of its line are then one line to
    /// extractors that group characters by the gaps between them
    /// (pdfminer.six), which otherwise take the dates for a line of their
    /// own and file it with whatever line below ends at the same margin.
    Bridge {
        x0: f32,
        x1: f32,
        baseline: f32,
        face: usize,
        size: f32,
    },
    /// A contact's icon in a square of `size` whose top is `y` (an
    /// artifact: the text beside it says what it is).
    Icon {
        icon: Icon,
        x: f32,
        y: f32,
        size: f32,
        color: Color,
    },
}

impl Item {
    /// A bridge from `x0` (where a text ends) to the text `after` (starting
    /// at `to`) on `baseline`, when there is a gap between them.
    pub fn bridge(x0: f32, to: f32, after: &Line, baseline: f32) -> Option<Item> {
        let piece = after.pieces.first()?;
        (to - x0 > 1.0).then(|| Item::Bridge {
            x0,
            x1: to,
            baseline,
            face: piece.face,
            size: piece.style.size,
        })
    }

    /// Moves the item by `dx` to the right and `dy` down.
    pub fn shift(&mut self, dx: f32, dy: f32) {
        match self {
            Item::Text { x, baseline, .. } => {
                *x += dx;
                *baseline += dy;
            }
            Item::Rule { x0, x1, y, .. } => {
                *x0 += dx;
                *x1 += dx;
                *y += dy;
            }
            Item::Bridge {
                x0, x1, baseline, ..
            } => {
                *x0 += dx;
                *x1 += dx;
                *baseline += dy;
            }
            Item::Photo { x, y, .. } | Item::Icon { x, y, .. } => {
                *x += dx;
                *y += dy;
            }
            Item::Fill { x0, x1, y0, y1, .. } => {
                *x0 += dx;
                *x1 += dx;
                *y0 += dy;
                *y1 += dy;
            }
        }
    }

    /// Mirrors the item within a column `width` wide (right to left).
    fn mirror(&mut self, width: f32) {
        match self {
            Item::Text { x, line, .. } => *x = (width - *x - line.width).max(0.0),
            Item::Rule { x0, x1, .. } | Item::Fill { x0, x1, .. } | Item::Bridge { x0, x1, .. } => {
                let (a, b) = (width - *x1, width - *x0);
                *x0 = a;
                *x1 = b;
            }
            Item::Photo { x, width: w, .. } => *x = width - *x - *w,
            Item::Icon { x, size, .. } => *x = width - *x - *size,
        }
    }
}

/// Which flow of the page a block belongs to: the whole width, or one of
/// two columns that [`super::paginate`] sets down side by side.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Flow {
    #[default]
    Full,
    /// The column read first (the sidebar when it is on the start side).
    First,
    /// The column read second.
    Second,
}

/// Which image an [`Item::Photo`] draws.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Picture {
    /// The photo of the n-th candidate (0 for a single resume).
    Photo(usize),
    /// The agency's logo (`--brand`).
    Logo,
    /// The picture of the signature under the n-th document's letter.
    Signature(usize),
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
    pub flow: Flow,
}

/// The sidebar's tint on every page its columns are on: from `x0` to `x1`
/// of the content area (beyond it to the page's edge when it touches a
/// margin), from the columns' top (the page's top on later pages) to the
/// page's bottom.
#[derive(Debug, Clone, Copy)]
pub struct Tint {
    pub x0: f32,
    pub x1: f32,
    pub color: Color,
}

/// Builds blocks for one content width.
pub struct Composer<'d, 's, 'f> {
    def: &'d Definition,
    /// What the sidebar's text is set with, when it differs from `def`.
    side_def: Option<&'d Definition>,
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
    /// The structure of the document being composed.
    plan: Option<Plan>,
    /// Section content starts this far in (the date gutter).
    indent: f32,
    /// Composing the sidebar: entries stack their parts, keywords go under their name.
    narrow: bool,
    /// The flow pushed blocks belong to.
    flow: Flow,
    /// Text colour of the header when it sits on a band.
    on_band: Option<Color>,
    /// Entries of the section being composed lead with their organisation.
    lead_org: bool,
    /// The sidebar's tint, once a document with a sidebar is composed.
    pub tint: Option<Tint>,
}

impl<'d, 's, 'f> Composer<'d, 's, 'f> {
    pub fn new(
        def: &'d Definition,
        side_def: Option<&'d Definition>,
        shaper: &'d mut Shaper<'s, 'f>,
        width: f32,
    ) -> Self {
        Composer {
            def,
            side_def,
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
            plan: None,
            indent: 0.0,
            narrow: false,
            flow: Flow::Full,
            on_band: None,
            lead_org: false,
            tint: None,
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
        let plan = Plan::new(self.def, doc);
        self.indent = match self.def.entries.dates {
            crate::layout::DatePlace::Gutter => self.gutter(doc),
            _ => 0.0,
        };
        self.plan = Some(plan);
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
                d.header.align.into(),
                Vec::new(),
                false,
                tag,
            );
        }
        if let Some(letter) = &doc.letter {
            self.letter(letter);
            return;
        }
        let indices: Vec<usize> = (0..doc.sections.len()).collect();
        match self.plan.as_ref().and_then(|p| p.sidebar.clone()) {
            Some(side) => self.columns(doc, &side),
            None => self.sections(doc, &indices),
        }
    }

    /// The sections of these indices, one after the other in the current flow and width.
    fn sections(&mut self, doc: &Document, indices: &[usize]) {
        let mut first_section = true;
        for section in indices.iter().filter_map(|i| doc.sections.get(*i)) {
            if !first_section || !self.blocks.is_empty() {
                self.gap = self.gap.max(self.def.spacing.before_section);
            }
            first_section = false;
            self.lead_org = crate::layout::leads_with_organisation(self.def, &section.id);
            self.tree.open(Kind::Sect);
            self.heading(&section.title, &doc.meta.language);
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
                    other => self.body_block(other, self.indent),
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

    /// The date gutter's width: the layout's, or up to a quarter more when
    /// the widest date range then fits on one line (a range broken over two
    /// lines is read as two pieces by anything that reads across the page,
    /// as in `2020年12月 – 2021年9` / `月`).
    fn gutter(&mut self, doc: &Document) -> f32 {
        let d = self.def;
        let base = d.entries.gutter * super::PT_PER_MM;
        let st = self.style(Role::Body, false, false, d.sizes.small, d.colors.muted);
        let widest = doc
            .sections
            .iter()
            .flat_map(|s| &s.blocks)
            .filter_map(|b| match b {
                crate::document::Block::Entry(e) => e.dates.as_ref(),
                _ => None,
            })
            .map(|r| {
                let span = Span {
                    text: r.text.clone(),
                    style: st.clone(),
                };
                self.lines(&[span], f32::MAX)
                    .iter()
                    .map(|l| l.width)
                    .fold(0.0, f32::max)
            })
            .fold(0.0, f32::max);
        let need = widest + 0.6 * d.sizes.entry_title + 0.5;
        if need > base && need <= 1.25 * base {
            need
        } else {
            base
        }
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
                item.mirror(self.width);
            }
        }
        block.flow = self.flow;
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
