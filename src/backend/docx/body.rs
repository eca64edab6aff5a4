//! `word/document.xml`: the document model as styled paragraphs, in order.
//!
//! No text boxes, headers or footers: an applicant-tracking system reads
//! the body top to bottom, so that is where everything goes (the photo
//! floats beside the name or stands in a cell, and holds no text; contact
//! icons are decorative pictures). The only tables are a sidebar's row and
//! a split header's ([`header`]), read cell by cell in order. Each
//! paragraph names its style; runs carry only inline emphasis (bold, italic)
//! and character styles.
//!
//! Two docx-rs identifiers are made per document here, so that the bytes of
//! a document never depend on what else the process built before:
//!
//! - Hyperlink relationship ids: `Hyperlink::new` numbers them from a
//!   process-wide counter (`rIdHyperlink{n}`), so batch output would depend
//!   on order and threads. Each hyperlink's `rid` is overwritten with
//!   `rIdLink{n}`, n counting distinct targets in first-use order ([`Links`]).
//! - Paragraph ids (`w14:paraId`): `Paragraph::new` takes them from a
//!   thread-local counter that is only reset when a document is built, so a
//!   render that stopped half-way would shift the next one. Each paragraph
//!   gets its number in this document instead.

use docx_rs::{
    BreakType, Hyperlink, HyperlinkData, HyperlinkType, IndentLevel, NumberingId, Paragraph,
    ParagraphChild, Run, Tab, TabValueType,
};

mod letter;

use super::styles::id;
use super::xml::{clean, safe_scheme, url_target};

mod header;
use crate::document::{Block, Document, Entry, Inline, KeywordGroup, plain_text};
use crate::layout::{DatePlace, Definition, Lead, Part, Region};

/// External link targets in first-use order; relationship `rIdLink{n}` is entry n-1.
#[derive(Debug, Default)]
pub struct Links {
    /// Targets as docx-rs escaped them into the hyperlink (and writes them into the relationships).
    targets: Vec<String>,
    /// Contact icons in first-use order; relationship `rIdIcon{n}` is entry n-1.
    icons: Vec<super::icons::Key>,
    /// The start of each numbered list in order; list k is `w:numId`
    /// [`super::numbering::FIRST_NUMBERED_ID`] + k.
    numbered: Vec<u64>,
}

impl Links {
    /// A new numbered list starting at `start`: its `w:numId`, its own so
    /// that its numbers start again.
    fn numbered_list(&mut self, start: u64) -> usize {
        self.numbered.push(start);
        super::numbering::FIRST_NUMBERED_ID + self.numbered.len() - 1
    }

    /// The starts of the numbered lists, in `w:numId` order.
    pub fn numbered(&self) -> &[u64] {
        &self.numbered
    }

    /// The relationship id for a target (as escaped by docx-rs), the same for every use of it.
    fn id(&mut self, target: &str) -> String {
        let n = match self.targets.iter().position(|t| t == target) {
            Some(i) => i + 1,
            None => {
                self.targets.push(target.to_string());
                self.targets.len()
            }
        };
        format!("rIdLink{n}")
    }

    /// `(relationship id, escaped target)` pairs in order.
    pub fn relationships(&self) -> impl Iterator<Item = (String, &str)> {
        self.targets
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("rIdLink{}", i + 1), t.as_str()))
    }

    /// The relationship id of an icon's picture, the same for every use of it.
    fn icon(&mut self, key: super::icons::Key) -> String {
        let n = match self.icons.iter().position(|k| *k == key) {
            Some(i) => i + 1,
            None => {
                self.icons.push(key);
                self.icons.len()
            }
        };
        super::icons::names(n).0
    }

    /// The icons' pictures in order: `(what, relationship id, part relative to word/)`.
    pub fn icons(&self) -> impl Iterator<Item = (super::icons::Key, String, String)> + '_ {
        self.icons.iter().enumerate().map(|(i, k)| {
            let (rel, target) = super::icons::names(i + 1);
            (*k, rel, target)
        })
    }
}

/// Inline formatting in effect.
#[derive(Debug, Clone, Copy, Default)]
struct Fmt {
    bold: bool,
    italic: bool,
    style: Option<&'static str>,
    in_link: bool,
}

/// Writes the body of a document.
struct Writer<'a> {
    paragraphs: Vec<Paragraph>,
    /// The style of the paragraph being written.
    style: &'static str,
    /// Children of the paragraph (or hyperlink) being written.
    children: Vec<ParagraphChild>,
    links: &'a mut Links,
    /// Paragraph ids start after this one (a bundle's candidates follow each other).
    first_id: usize,
    /// A right-to-left document: runs are cut by direction ([`super::direction`]).
    rtl: bool,
    def: &'a Definition,
    /// In a sidebar's table cell: the styles' right tab at the page's text
    /// width (the first) is cleared and set at the cell's (the second).
    tabs: Option<(usize, usize)>,
    /// On the header's band: links take the Band Hyperlink style, in the
    /// band's text colour (the Hyperlink style's would not stand out from the fill).
    on_band: bool,
    /// The relationship id of the picture of a letter's signature.
    signature_rel: String,
}

impl Writer<'_> {
    fn open_p(&mut self, style: &'static str) {
        self.style = style;
        self.children.clear();
    }

    fn close_p(&mut self) {
        // 1-based, 8 hex digits, below 0x80000000 as `w14:paraId` requires.
        let n = self.first_id + self.paragraphs.len() + 1;
        let mut p = Paragraph::new().id(format!("{n:08X}")).style(self.style);
        if self.style == id::LIST_BULLET {
            // Also on the paragraph, not only in the style: pandoc and
            // python-docx look for the list on the paragraph itself.
            p = p.numbering(
                NumberingId::new(super::numbering::BULLET_NUM_ID),
                IndentLevel::new(0),
            );
        }
        if let Some((page, cell)) = self.tabs
            && [id::HEADING2, id::DETAILS, id::CONTACT].contains(&self.style)
        {
            p = p
                .add_tab(Tab::new().val(TabValueType::Clear).pos(page))
                .add_tab(Tab::new().val(TabValueType::Right).pos(cell));
        }
        p.children = std::mem::take(&mut self.children);
        self.paragraphs.push(p);
    }

    /// A paragraph holding formatted inline text.
    fn paragraph(&mut self, style: &'static str, content: &[Inline]) {
        if plain_text(content).trim().is_empty() {
            return;
        }
        self.open_p(style);
        self.inlines(content, Fmt::default());
        self.close_p();
    }

    fn push_run(&mut self, run: Run) {
        self.children.push(ParagraphChild::Run(Box::new(run)));
    }

    /// A run of text; line breaks inside it become `w:br`, tabs become spaces.
    fn run(&mut self, text: &str, fmt: Fmt) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.push_run(Run::new().add_break(BreakType::TextWrapping));
            }
            let line = clean(line);
            if line.is_empty() {
                continue;
            }
            let band = self.on_band && fmt.in_link;
            let styled = |fmt: Fmt| match band {
                true => styled(Fmt {
                    style: Some(id::BAND_LINK),
                    ..fmt
                }),
                false => styled(fmt),
            };
            if !self.rtl {
                let r = styled(fmt).add_text(line);
                self.push_run(r);
                continue;
            }
            for (piece, rtl) in super::direction::segments(&line) {
                let r = styled(fmt).add_text(piece);
                self.push_run(if rtl { super::direction::mark(r) } else { r });
            }
        }
    }

    /// A tab character (to the right tab stop of entry headings).
    fn tab(&mut self) {
        self.push_run(Run::new().add_tab());
    }

    /// Content inside an external hyperlink, or as plain text when the URL is not allowed.
    fn link(&mut self, url: &str, fmt: Fmt, content: impl FnOnce(&mut Self, Fmt)) {
        let target = url_target(url);
        if fmt.in_link || !safe_scheme(url) || target.is_empty() {
            content(self, fmt);
            return;
        }
        let mut link = Hyperlink::new(target, HyperlinkType::External);
        if let HyperlinkData::External { rid, path } = &mut link.link {
            *rid = self.links.id(path);
        }
        let outside = std::mem::take(&mut self.children);
        let inner = Fmt {
            style: Some(id::HYPERLINK),
            in_link: true,
            ..fmt
        };
        content(self, inner);
        link.children = std::mem::replace(&mut self.children, outside);
        self.children.push(ParagraphChild::Hyperlink(link));
    }

    fn inlines(&mut self, items: &[Inline], fmt: Fmt) {
        for item in items {
            match item {
                Inline::Text { text } => self.run(text, fmt),
                Inline::Strong { content } => self.inlines(content, Fmt { bold: true, ..fmt }),
                Inline::Emph { content } => self.inlines(
                    content,
                    Fmt {
                        italic: true,
                        ..fmt
                    },
                ),
                Inline::Link { url, content } => {
                    let empty = plain_text(content).trim().is_empty();
                    self.link(url, fmt, |w, f| {
                        if empty {
                            w.run(display_url(url), f);
                        } else {
                            w.inlines(content, f);
                        }
                    });
                }
                Inline::Break => self.push_run(Run::new().add_break(BreakType::TextWrapping)),
            }
        }
    }

    fn entry(&mut self, e: &Entry) {
        let title = e.title.as_deref().filter(|s| !s.trim().is_empty());
        let org = e.subtitle.as_deref().filter(|s| !s.trim().is_empty());
        let dates = e
            .dates
            .as_ref()
            .map(|d| d.text.as_str())
            .filter(|s| !s.trim().is_empty());
        let location = e.location.as_deref().filter(|s| !s.trim().is_empty());
        let stacked = self.def.entries.dates == DatePlace::Stacked;
        if stacked && (title.is_some() || org.is_some()) {
            self.stacked(title, org, dates, location);
        } else if title.is_some() || org.is_some() || dates.is_some() {
            let gutter = self.def.entries.dates == DatePlace::Gutter;
            self.open_p(id::HEADING2);
            // In a gutter, the dates first, then a tab to the text.
            if gutter {
                if let Some(d) = dates {
                    self.run(d, DATES);
                }
                self.tab();
            }
            if let Some(t) = title {
                self.run(t, Fmt::default());
            }
            if let Some(o) = org {
                if title.is_some() {
                    self.run(", ", Fmt::default());
                }
                self.run(o, ORGANISATION);
            }
            if let Some(d) = dates.filter(|_| !gutter) {
                self.tab();
                self.run(d, DATES);
            }
            self.close_p();
        }

        let location = location.filter(|_| !stacked || (title.is_none() && org.is_none()));
        if location.is_some() || e.link.is_some() {
            self.open_p(id::DETAILS);
            if let Some(l) = location {
                self.run(l, Fmt::default());
            }
            if let Some(link) = &e.link {
                if location.is_some() {
                    self.run(" · ", Fmt::default());
                }
                let text = if link.text.trim().is_empty() {
                    display_url(&link.url).to_string()
                } else {
                    link.text.clone()
                };
                self.link(&link.url, Fmt::default(), |w, f| w.run(&text, f));
            }
            self.close_p();
        }

        for block in &e.summary {
            self.block(block);
        }
        for b in &e.bullets {
            self.paragraph(id::LIST_BULLET, b);
        }
        let keywords: Vec<&str> = e
            .keywords
            .iter()
            .map(String::as_str)
            .filter(|k| !k.trim().is_empty())
            .collect();
        if !keywords.is_empty() {
            self.open_p(id::ENTRY_KEYWORDS);
            self.run(&keywords.join(", "), Fmt::default());
            self.close_p();
        }
    }

    /// A stacked entry: the lead (title, or organisation) and, after a right
    /// tab, its right-hand item (dates, or location) in Heading 2; the other
    /// pair on the next line in Entry Details.
    fn stacked(
        &mut self,
        title: Option<&str>,
        org: Option<&str>,
        dates: Option<&str>,
        location: Option<&str>,
    ) {
        let mut lines = [(title, dates), (org, location)];
        if self.def.entries.lead == Lead::Organisation {
            lines = [(org, location), (title, dates)];
        }
        for (k, (text, right)) in lines.into_iter().enumerate() {
            if text.is_none() && right.is_none() {
                continue;
            }
            self.open_p(if k == 0 { id::HEADING2 } else { id::DETAILS });
            if let Some(t) = text {
                self.run(t, Fmt::default());
            }
            if let Some(r) = right {
                self.tab();
                self.run(r, DATES);
            }
            self.close_p();
        }
    }

    fn keyword_group(&mut self, g: &KeywordGroup) {
        let name = g.name.as_deref().filter(|s| !s.trim().is_empty());
        let level = g.level.as_deref().filter(|s| !s.trim().is_empty());
        let keywords: Vec<&str> = g
            .keywords
            .iter()
            .map(String::as_str)
            .filter(|k| !k.trim().is_empty())
            .collect();
        if name.is_none() && level.is_none() && keywords.is_empty() {
            return;
        }
        self.open_p(id::KEYWORDS);
        if let Some(n) = name {
            let f = Fmt {
                style: Some(id::GROUP_NAME),
                ..Fmt::default()
            };
            self.run(n, f);
        }
        if let Some(l) = level {
            let space = if name.is_some() { " " } else { "" };
            self.run(&format!("{space}({l})"), Fmt::default());
        }
        if !keywords.is_empty() {
            if name.is_some() || level.is_some() {
                self.run(": ", Fmt::default());
            }
            self.run(&keywords.join(", "), Fmt::default());
        }
        self.close_p();
    }

    fn block(&mut self, block: &Block) {
        match block {
            Block::Entry(e) => self.entry(e),
            Block::Paragraph { content } => self.paragraph(id::BODY, content),
            Block::List { items } => {
                for item in items {
                    self.paragraph(id::LIST_BULLET, item);
                }
            }
            Block::Keywords(g) => self.keyword_group(g),
        }
    }
}

/// The dates' (and a stacked entry's location's) character style.
const DATES: Fmt = Fmt {
    bold: false,
    italic: false,
    style: Some(id::DATES),
    in_link: false,
};

/// The organisation's character style.
const ORGANISATION: Fmt = Fmt {
    bold: false,
    italic: false,
    style: Some(id::ORGANISATION),
    in_link: false,
};

/// An empty run with the inline formatting `fmt`.
fn styled(fmt: Fmt) -> Run {
    let mut r = Run::new();
    if let Some(s) = fmt.style {
        r = r.style(s);
    }
    if fmt.bold {
        r = r.bold();
    }
    if fmt.italic {
        r = r.italic();
    }
    r
}

/// A URL as shown when a link has no text: without the `mailto:`/`tel:` prefix.
fn display_url(url: &str) -> &str {
    url.strip_prefix("mailto:")
        .or_else(|| url.strip_prefix("tel:"))
        .unwrap_or(url)
}

/// A part of the body: a paragraph, or a table (the sidebar's row, a split header's).
pub enum Child {
    Paragraph(Box<Paragraph>),
    Table(Box<docx_rs::Table>),
}

/// The document's body as the plan lays it out, in reading order, and the
/// number of paragraphs in it (their ids start after `first_id`): the
/// header ([`header`]), then the sections; with a sidebar, one table row
/// of two cells in reading order ([`super::sidebar`]). The photo, if any,
/// is relationship `photo_rel`; links and icons are collected in `links`.
pub fn children(
    doc: &Document,
    def: &Definition,
    links: &mut Links,
    (first_id, photo_rel): (usize, &str),
    text_width: i64,
) -> (Vec<Child>, usize) {
    let plan = crate::layout::Plan::new(def, doc);
    let mut w = writer(doc, def, links, first_id);
    w.signature_rel = super::photo::signature_rel(photo_rel);
    let mut out = w.header(doc, &plan, photo_rel, text_width);
    let Some(side) = plan.sidebar.as_ref() else {
        if let Some(letter) = &doc.letter {
            w.letter(letter);
        }
        for section in &doc.sections {
            w.section(section);
        }
        out.extend(w.take());
        return (out, w.first_id - first_id);
    };
    let mut cells = Vec::new();
    let page = usize::try_from(text_width).unwrap_or(0);
    let (side_width, main_width) = super::sidebar::widths(side, text_width);
    for first in [true, false] {
        w.tabs = Some((
            page,
            if first == side.first {
                side_width
            } else {
                main_width
            },
        ));
        if first == side.first {
            for part in &side.parts {
                match part {
                    Part::Contact => w.contacts(&doc.header.contacts, "", true),
                    Part::Photo => w.photo(doc, photo_rel, true),
                    Part::Section(i) => {
                        if let Some(s) = doc.sections.get(*i) {
                            w.section(s);
                        }
                    }
                }
            }
        } else {
            if let Some(letter) = &doc.letter {
                w.letter(letter);
            }
            for (s, region) in doc.sections.iter().zip(&plan.sections) {
                if *region == Region::Main {
                    w.section(s);
                }
            }
        }
        w.first_id += w.paragraphs.len();
        cells.push((first == side.first, std::mem::take(&mut w.paragraphs)));
    }
    out.push(Child::Table(Box::new(super::sidebar::table(
        def, side, cells, text_width,
    ))));
    (out, w.first_id - first_id)
}

impl Child {
    /// Every paragraph in it, a table's cells' too, in order.
    pub fn paragraphs_mut(&mut self) -> Vec<&mut Paragraph> {
        use docx_rs::{TableCellContent, TableChild, TableRowChild};
        match self {
            Child::Paragraph(p) => vec![p.as_mut()],
            Child::Table(t) => {
                let mut out = Vec::new();
                for TableChild::TableRow(row) in &mut t.rows {
                    for TableRowChild::TableCell(cell) in &mut row.cells {
                        for content in &mut cell.children {
                            if let TableCellContent::Paragraph(p) = content {
                                out.push(p.as_mut());
                            }
                        }
                    }
                }
                out
            }
        }
    }
}

/// Adds a body child to the document.
pub fn add(docx: docx_rs::Docx, child: Child) -> docx_rs::Docx {
    match child {
        Child::Paragraph(p) => docx.add_paragraph(*p),
        Child::Table(t) => docx.add_table(*t),
    }
}

fn writer<'a>(
    doc: &Document,
    def: &'a Definition,
    links: &'a mut Links,
    first_id: usize,
) -> Writer<'a> {
    Writer {
        paragraphs: Vec::new(),
        style: id::BODY,
        children: Vec::new(),
        links,
        first_id,
        rtl: crate::document::Direction::right_to_left(&doc.meta.language),
        def,
        tabs: None,
        on_band: false,
        signature_rel: String::new(),
    }
}

impl Writer<'_> {
    /// The paragraphs written so far as body children; the ids of the next
    /// ones follow theirs.
    fn take(&mut self) -> Vec<Child> {
        self.first_id += self.paragraphs.len();
        std::mem::take(&mut self.paragraphs)
            .into_iter()
            .map(|p| Child::Paragraph(Box::new(p)))
            .collect()
    }

    fn section(&mut self, section: &crate::document::Section) {
        if !section.title.trim().is_empty() {
            self.open_p(id::HEADING1);
            self.run(&section.title, Fmt::default());
            self.close_p();
        }
        for block in &section.blocks {
            self.block(block);
        }
    }
}
