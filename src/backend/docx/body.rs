//! `word/document.xml`: the document model as styled paragraphs, in order.
//!
//! No tables, text boxes, headers or footers: an applicant-tracking system
//! reads the body top to bottom, so that is where everything goes. Each
//! paragraph names its style; runs carry only inline emphasis (bold, italic)
//! and character styles.

use super::Geometry;
use super::styles::id;
use super::xml::{push_escaped, safe_scheme, url_target};
use crate::document::{
    Block, Contact, ContactKind, Document, Entry, Inline, KeywordGroup, plain_text,
};
use crate::layout::Definition;

/// External link targets in first-use order; relationship `rIdLink{n}` is entry n-1.
#[derive(Debug, Default)]
pub struct Links {
    targets: Vec<String>,
}

impl Links {
    /// The relationship id for a URL, or `None` when it must stay plain text.
    fn id(&mut self, url: &str) -> Option<String> {
        if !safe_scheme(url) {
            return None;
        }
        let target = url_target(url);
        if target.is_empty() {
            return None;
        }
        let n = match self.targets.iter().position(|t| *t == target) {
            Some(i) => i + 1,
            None => {
                self.targets.push(target);
                self.targets.len()
            }
        };
        Some(format!("rIdLink{n}"))
    }

    /// `(relationship id, escaped target)` pairs in order.
    pub fn relationships(&self) -> impl Iterator<Item = (String, &str)> {
        self.targets
            .iter()
            .enumerate()
            .map(|(i, t)| (format!("rIdLink{}", i + 1), t.as_str()))
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
    out: String,
    links: &'a mut Links,
}

impl Writer<'_> {
    fn open_p(&mut self, style: &str) {
        self.out.push_str("<w:p><w:pPr><w:pStyle w:val=\"");
        self.out.push_str(style);
        self.out.push_str("\"/>");
        if style == id::LIST_BULLET {
            // Also on the paragraph, not only in the style: pandoc and
            // python-docx look for the list on the paragraph itself.
            self.out.push_str(&format!(
                r#"<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{}"/></w:numPr>"#,
                super::numbering::BULLET_NUM_ID
            ));
        }
        self.out.push_str("</w:pPr>");
    }

    fn close_p(&mut self) {
        self.out.push_str("</w:p>");
    }

    /// A paragraph holding formatted inline text.
    fn paragraph(&mut self, style: &str, content: &[Inline]) {
        if plain_text(content).trim().is_empty() {
            return;
        }
        self.open_p(style);
        self.inlines(content, Fmt::default());
        self.close_p();
    }

    /// A run of text; line breaks inside it become `w:br`, tabs become spaces.
    fn run(&mut self, text: &str, fmt: Fmt) {
        let text = text.replace("\r\n", "\n").replace('\r', "\n");
        for (i, line) in text.split('\n').enumerate() {
            if i > 0 {
                self.out.push_str("<w:r><w:br/></w:r>");
            }
            if line.is_empty() {
                continue;
            }
            self.out.push_str("<w:r>");
            if fmt.style.is_some() || fmt.bold || fmt.italic {
                self.out.push_str("<w:rPr>");
                if let Some(s) = fmt.style {
                    self.out.push_str(&format!(r#"<w:rStyle w:val="{s}"/>"#));
                }
                if fmt.bold {
                    self.out.push_str("<w:b/><w:bCs/>");
                }
                if fmt.italic {
                    self.out.push_str("<w:i/><w:iCs/>");
                }
                self.out.push_str("</w:rPr>");
            }
            self.out.push_str(r#"<w:t xml:space="preserve">"#);
            push_escaped(&mut self.out, line);
            self.out.push_str("</w:t></w:r>");
        }
    }

    /// A tab character (to the right tab stop of entry headings).
    fn tab(&mut self) {
        self.out.push_str("<w:r><w:tab/></w:r>");
    }

    /// Content inside an external hyperlink, or as plain text when the URL is not allowed.
    fn link(&mut self, url: &str, fmt: Fmt, content: impl FnOnce(&mut Self, Fmt)) {
        let rid = if fmt.in_link {
            None
        } else {
            self.links.id(url)
        };
        match rid {
            Some(rid) => {
                self.out
                    .push_str(&format!(r#"<w:hyperlink r:id="{rid}" w:history="1">"#));
                let inner = Fmt {
                    style: Some(id::HYPERLINK),
                    in_link: true,
                    ..fmt
                };
                content(self, inner);
                self.out.push_str("</w:hyperlink>");
            }
            None => content(self, fmt),
        }
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
                Inline::Break => self.out.push_str("<w:r><w:br/></w:r>"),
            }
        }
    }

    fn contacts(&mut self, contacts: &[Contact], separator: &str) {
        let visible: Vec<&Contact> = contacts
            .iter()
            .filter(|c| !c.text.trim().is_empty())
            .collect();
        if visible.is_empty() {
            return;
        }
        self.open_p(id::CONTACT);
        for (i, c) in visible.iter().enumerate() {
            if i > 0 {
                self.run(separator, Fmt::default());
            }
            let shown = if c.kind == ContactKind::Profile && !c.label.trim().is_empty() {
                format!("{}: {}", c.label, c.text)
            } else {
                c.text.clone()
            };
            match &c.link {
                Some(url) => self.link(url, Fmt::default(), |w, f| w.run(&shown, f)),
                None => self.run(&shown, Fmt::default()),
            }
        }
        self.close_p();
    }

    fn entry(&mut self, e: &Entry) {
        let title = e.title.as_deref().filter(|s| !s.trim().is_empty());
        let org = e.subtitle.as_deref().filter(|s| !s.trim().is_empty());
        let dates = e
            .dates
            .as_ref()
            .map(|d| d.text.as_str())
            .filter(|s| !s.trim().is_empty());
        if title.is_some() || org.is_some() || dates.is_some() {
            self.open_p(id::HEADING2);
            if let Some(t) = title {
                self.run(t, Fmt::default());
            }
            if let Some(o) = org {
                if title.is_some() {
                    self.run(", ", Fmt::default());
                }
                let f = Fmt {
                    style: Some(id::ORGANISATION),
                    ..Fmt::default()
                };
                self.run(o, f);
            }
            if let Some(d) = dates {
                self.tab();
                let f = Fmt {
                    style: Some(id::DATES),
                    ..Fmt::default()
                };
                self.run(d, f);
            }
            self.close_p();
        }

        let location = e.location.as_deref().filter(|s| !s.trim().is_empty());
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

/// A URL as shown when a link has no text: without the `mailto:`/`tel:` prefix.
fn display_url(url: &str) -> &str {
    url.strip_prefix("mailto:")
        .or_else(|| url.strip_prefix("tel:"))
        .unwrap_or(url)
}

/// Builds `document.xml`, collecting the hyperlink targets it refers to.
pub fn document_xml(
    doc: &Document,
    def: &Definition,
    geometry: &Geometry,
    links: &mut Links,
) -> String {
    let mut w = Writer {
        out: String::with_capacity(16 * 1024),
        links,
    };
    w.out.push_str(super::XML_DECLARATION);
    w.out.push_str(&format!(
        r#"<w:document xmlns:w="{}" xmlns:r="{}"><w:body>"#,
        super::NS_W,
        super::NS_R
    ));
    let h = &doc.header;
    if let Some(name) = h.name.as_deref().filter(|s| !s.trim().is_empty()) {
        w.open_p(id::TITLE);
        w.run(name, Fmt::default());
        w.close_p();
    }
    if let Some(label) = h.label.as_deref().filter(|s| !s.trim().is_empty()) {
        w.open_p(id::SUBTITLE);
        w.run(label, Fmt::default());
        w.close_p();
    }
    w.contacts(&h.contacts, &def.style.contact_separator);
    for section in &doc.sections {
        if !section.title.trim().is_empty() {
            w.open_p(id::HEADING1);
            w.run(&section.title, Fmt::default());
            w.close_p();
        }
        for block in &section.blocks {
            w.block(block);
        }
    }
    w.out.push_str(&geometry.section_properties());
    w.out.push_str("</w:body></w:document>");
    w.out
}
