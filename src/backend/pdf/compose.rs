//! Composition: the document becomes a column of blocks (header, headings,
//! entry title blocks, lines, bullets) with the keep rules pagination needs.
//! Every size, colour and space comes from the layout definition.

use super::fonts::{FontKey, Role};
use super::linebreak::{Line, break_lines};
use super::shape::{Shaper, Span, TextStyle};
use crate::document::{Block as DocBlock, Contact, Document, Entry, Inline, KeywordGroup};
use crate::layout::{Align, Color, Definition};

/// Something drawn, positioned relative to the top-left of its block (y down).
#[derive(Debug, Clone)]
pub enum Item {
    /// A line of text; `baseline` is measured from the block top.
    Text { x: f32, baseline: f32, line: Line },
    /// A horizontal rule.
    Rule {
        x0: f32,
        x1: f32,
        y: f32,
        thickness: f32,
        color: Color,
    },
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
}

/// Builds blocks for one content width.
pub struct Composer<'d, 's, 'f> {
    def: &'d Definition,
    shaper: &'d mut Shaper<'s, 'f>,
    width: f32,
    /// Link targets, indexed by [`TextStyle::link`].
    pub links: Vec<String>,
    pub blocks: Vec<Block>,
    /// Space to put before the next block.
    gap: f32,
    /// Hyphenate running text (English documents only: one dictionary is bundled).
    hyphenate: bool,
}

impl<'d, 's, 'f> Composer<'d, 's, 'f> {
    pub fn new(def: &'d Definition, shaper: &'d mut Shaper<'s, 'f>, width: f32) -> Self {
        Composer {
            def,
            shaper,
            width,
            links: Vec::new(),
            blocks: Vec::new(),
            gap: 0.0,
            hyphenate: false,
        }
    }

    /// Composes a whole document.
    pub fn document(&mut self, doc: &Document) {
        let lang = doc.meta.language.to_ascii_lowercase();
        self.hyphenate = lang == "en" || lang.starts_with("en-");
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
            self.push_lines(
                lines,
                0.0,
                d.sizes.name,
                d.style.header_align,
                Vec::new(),
                false,
            );
        }
        for (i, section) in doc.sections.iter().enumerate() {
            if i > 0 || !self.blocks.is_empty() {
                self.gap = self.gap.max(self.def.spacing.before_section);
            }
            let title = if self.def.style.heading_uppercase {
                section.title.to_uppercase()
            } else {
                section.title.clone()
            };
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
        break_lines(self.shaper, spans, width.max(1.0), false)
    }

    /// Lines of running text, hyphenated when the language allows.
    fn text_lines(&mut self, spans: &[Span], width: f32) -> Vec<Line> {
        break_lines(self.shaper, spans, width.max(1.0), self.hyphenate)
    }

    fn line_height(&self, size: f32) -> f32 {
        size * self.def.spacing.line_height
    }

    /// Where the baseline sits in a line box of `size`: the leading split
    /// evenly above and below, the ascent taken as 0.8 em.
    fn baseline(&self, size: f32) -> f32 {
        (self.line_height(size) - size) / 2.0 + 0.8 * size
    }

    fn push(&mut self, mut block: Block) {
        block.space_before = self.gap;
        self.gap = 0.0;
        self.blocks.push(block);
    }

    /// One block per line; the first two and the last two lines stay
    /// together (no orphans or widows); `keep_last` glues the last line to
    /// what follows. `extra` is drawn on the first line (a bullet, a date).
    fn push_lines(
        &mut self,
        lines: Vec<Line>,
        x: f32,
        size: f32,
        align: Align,
        extra: Vec<Item>,
        keep_last: bool,
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
            self.push_lines(lines, 0.0, d.sizes.name, align, Vec::new(), true);
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
            self.push_lines(lines, 0.0, d.sizes.label, align, Vec::new(), true);
        }
        if !h.contacts.is_empty() {
            self.gap = d.spacing.after_paragraph;
            let spans = self.contact_spans(&h.contacts);
            let lines = self.lines(&spans, self.width);
            self.push_lines(lines, 0.0, d.sizes.contact, align, Vec::new(), false);
        }
        if let Some(last) = self.blocks.last_mut() {
            last.keep_with_next = false;
        }
        self.gap = d.spacing.after_header;
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
        let mut items = Vec::new();
        let mut y = 0.0;
        for line in lines {
            items.push(Item::Text {
                x: 0.0,
                baseline: y + base,
                line,
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
            ..Block::default()
        });
        self.gap = d.spacing.after_heading;
    }

    fn entry(&mut self, e: &Entry) {
        let d = self.def;
        let size = d.sizes.entry_title;
        // Date on the right of the first line.
        let mut date_items = Vec::new();
        let mut date_w = 0.0;
        if let Some(dates) = e.dates.as_ref().filter(|r| !r.text.trim().is_empty()) {
            let st = self.style(Role::Body, false, false, d.sizes.body, d.colors.text);
            let lines = self.lines(
                &[Span {
                    text: dates.text.clone(),
                    style: st,
                }],
                self.width / 2.0,
            );
            for (i, line) in lines.into_iter().enumerate() {
                date_w = f32::max(date_w, line.width);
                date_items.push(Item::Text {
                    x: self.width - line.width,
                    baseline: self.baseline(size) + i as f32 * self.line_height(d.sizes.body),
                    line,
                });
            }
        }
        let mut spans = Vec::new();
        if let Some(t) = e.title.as_deref().filter(|t| !t.trim().is_empty()) {
            let st = self.style(Role::Body, true, false, size, d.colors.text);
            spans.push(Span {
                text: t.into(),
                style: st,
            });
        }
        if let Some(s) = e.subtitle.as_deref().filter(|t| !t.trim().is_empty()) {
            let st = self.style(Role::Body, false, false, size, d.colors.text);
            if !spans.is_empty() {
                spans.push(Span {
                    text: d.pdf.title_separator.clone(),
                    style: st.clone(),
                });
            }
            spans.push(Span {
                text: s.into(),
                style: st,
            });
        }
        let gap = if date_w > 0.0 { size } else { 0.0 };
        let mut title_lines = self.lines(&spans, self.width - date_w - gap);
        if title_lines.is_empty() && !date_items.is_empty() {
            title_lines.push(Line::default());
        }
        // Location and link beneath, muted.
        let mut detail = Vec::new();
        let muted = self.style(Role::Body, false, true, d.sizes.body, d.colors.muted);
        if let Some(loc) = e.location.as_deref().filter(|t| !t.trim().is_empty()) {
            detail.push(Span {
                text: loc.into(),
                style: muted.clone(),
            });
        }
        if let Some(link) = &e.link {
            if !detail.is_empty() {
                detail.push(Span {
                    text: d.style.contact_separator.clone(),
                    style: muted.clone(),
                });
            }
            let st = self.linked(muted.clone(), &link.url);
            detail.push(Span {
                text: link.text.clone(),
                style: st,
            });
        }
        let detail_lines = self.lines(&detail, self.width);
        let has_body = !e.summary.is_empty() || !e.bullets.is_empty() || !e.keywords.is_empty();
        // The title block: title lines (date on the first) and detail lines,
        // kept with the first line of what follows.
        let mut items = Vec::new();
        let mut y = 0.0;
        let date_h = date_items.len() as f32 * self.line_height(d.sizes.body);
        for line in title_lines {
            items.push(Item::Text {
                x: 0.0,
                baseline: y + self.baseline(size),
                line,
            });
            y += self.line_height(size);
        }
        // The date follows the title lines in the content stream, so text
        // extraction reads title, organisation, dates.
        items.append(&mut date_items);
        y = f32::max(y, date_h);
        for line in detail_lines {
            items.push(Item::Text {
                x: 0.0,
                baseline: y + self.baseline(d.sizes.body),
                line,
            });
            y += self.line_height(d.sizes.body);
        }
        if !items.is_empty() {
            self.push(Block {
                height: y,
                keep_with_next: has_body,
                items,
                ..Block::default()
            });
            self.gap = d.spacing.after_paragraph / 2.0;
        }
        for (i, block) in e.summary.iter().enumerate() {
            if i > 0 {
                self.gap = d.spacing.after_paragraph;
            }
            self.body_block(block, 0.0);
        }
        if !e.bullets.is_empty() {
            if !e.summary.is_empty() {
                self.gap = d.spacing.after_paragraph;
            }
            for b in &e.bullets {
                self.bullet(b, 0.0);
            }
        }
        if !e.keywords.is_empty() {
            self.gap = d.spacing.after_paragraph;
            let st = self.style(Role::Body, false, true, d.sizes.small, d.colors.muted);
            let spans = [Span {
                text: e.keywords.join(", "),
                style: st,
            }];
            let lines = self.lines(&spans, self.width);
            self.push_lines(lines, 0.0, d.sizes.small, Align::Left, Vec::new(), false);
        }
    }

    fn body_block(&mut self, block: &DocBlock, x: f32) {
        let d = self.def;
        match block {
            DocBlock::Paragraph { content } => {
                let mut spans = Vec::new();
                let base = self.body();
                self.inline_spans(content, &base, &mut spans);
                let lines = self.text_lines(&spans, self.width - x);
                self.push_lines(lines, x, d.sizes.body, Align::Left, Vec::new(), false);
            }
            DocBlock::List { items } => {
                for item in items {
                    self.bullet(item, x);
                }
            }
            DocBlock::Keywords(group) => self.keywords(group),
            DocBlock::Entry(e) => self.entry(e),
        }
    }

    fn bullet(&mut self, content: &[Inline], x: f32) {
        let d = self.def;
        let indent = d.spacing.bullet_indent;
        let mut spans = Vec::new();
        let base = self.body();
        self.inline_spans(content, &base, &mut spans);
        let lines = self.text_lines(&spans, self.width - x - indent);
        let bullet = self.lines(
            &[Span {
                text: d.style.bullet.clone(),
                style: base,
            }],
            indent,
        );
        let marks = bullet
            .into_iter()
            .take(1)
            .map(|line| Item::Text {
                x: x + indent * 0.25,
                baseline: self.baseline(d.sizes.body),
                line,
            })
            .collect();
        self.push_lines(lines, x + indent, d.sizes.body, Align::Left, marks, false);
    }

    fn keywords(&mut self, g: &KeywordGroup) {
        let d = self.def;
        let base = self.body();
        let mut spans = Vec::new();
        if let Some(name) = g.name.as_deref().filter(|n| !n.trim().is_empty()) {
            let mut bold = base.clone();
            bold.font.bold = true;
            spans.push(Span {
                text: name.into(),
                style: bold,
            });
            if let Some(level) = g.level.as_deref().filter(|n| !n.trim().is_empty()) {
                let mut muted = base.clone();
                muted.color = d.colors.muted;
                spans.push(Span {
                    text: format!(" ({level})"),
                    style: muted,
                });
            }
            if !g.keywords.is_empty() {
                spans.push(Span {
                    text: ": ".into(),
                    style: base.clone(),
                });
            }
        } else if let Some(level) = g.level.as_deref().filter(|n| !n.trim().is_empty()) {
            spans.push(Span {
                text: format!("({level}) "),
                style: base.clone(),
            });
        }
        spans.push(Span {
            text: g.keywords.join(", "),
            style: base,
        });
        let lines = self.lines(&spans, self.width);
        self.push_lines(lines, 0.0, d.sizes.body, Align::Left, Vec::new(), false);
    }

    fn inline_spans(&mut self, inlines: &[Inline], style: &TextStyle, out: &mut Vec<Span>) {
        for i in inlines {
            match i {
                Inline::Text { text } => out.push(Span {
                    text: text.clone(),
                    style: style.clone(),
                }),
                Inline::Strong { content } => {
                    let mut s = style.clone();
                    s.font.bold = true;
                    self.inline_spans(content, &s, out);
                }
                Inline::Emph { content } => {
                    let mut s = style.clone();
                    s.font.italic = true;
                    self.inline_spans(content, &s, out);
                }
                Inline::Link { url, content } => {
                    let s = self.linked(style.clone(), url);
                    self.inline_spans(content, &s, out);
                }
                Inline::Break => out.push(Span {
                    text: "\n".into(),
                    style: style.clone(),
                }),
            }
        }
    }
}
