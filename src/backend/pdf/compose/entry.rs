//! Section content: entries (title block with the date on the right or in
//! the gutter, details, summary, bullets), paragraphs, bullets and keyword groups.

use super::{Block, Composer, Item};
use crate::backend::pdf::fonts::Role;
use crate::backend::pdf::linebreak::Line;
use crate::backend::pdf::shape::{Span, TextStyle};
use crate::backend::pdf::tag::{Kind, Numbering};
use crate::document::{Block as DocBlock, Entry, Inline, KeywordGroup};
use crate::layout::{Align, DatePlace};

impl Composer<'_, '_, '_> {
    pub(super) fn entry(&mut self, e: &Entry) {
        self.tree.open(Kind::Div);
        match (self.narrow, self.def.entries.dates) {
            (true, _) => self.narrow_title(e),
            (false, DatePlace::Stacked) => self.stacked_title(e),
            (false, DatePlace::Right | DatePlace::Gutter) => self.title_block(e),
        }
        self.entry_body(e);
        self.tree.close();
    }

    /// The title block with the dates at the end of its last line, or (with
    /// a gutter) at the start of its first line in the gutter.
    fn title_block(&mut self, e: &Entry) {
        let d = self.def;
        let size = d.sizes.entry_title;
        let title_tag = self.tree.leaf(Kind::H(self.level + 1));
        let date_tag = self.tree.leaf(Kind::P);
        let x = self.indent;
        let gutter = x > 0.0;
        // Date on the right of the title block's last line: when a long title
        // wraps, text extraction then reads the whole title and organisation
        // before the dates instead of splitting the organisation around them.
        let mut date_lines = Vec::new();
        let mut date_w = 0.0;
        if let Some(dates) = e.dates.as_ref().filter(|r| !r.text.trim().is_empty()) {
            // In the gutter, small and muted, as moderncv sets them.
            let st = if gutter {
                self.style(Role::Body, false, false, d.sizes.small, d.colors.muted)
            } else {
                self.style(Role::Body, false, false, d.sizes.body, d.colors.text)
            };
            let room = if gutter {
                x - 0.6 * size
            } else {
                self.width / 2.0
            };
            let lines = self.lines(
                &[Span {
                    text: dates.text.clone(),
                    style: st,
                }],
                room,
            );
            for line in lines {
                date_w = f32::max(date_w, line.width);
                date_lines.push(line);
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
            let org = self.style(Role::Body, false, false, size, d.colors.organisation);
            if !spans.is_empty() {
                spans.push(Span {
                    text: d.pdf.title_separator.clone(),
                    style: st.clone(),
                });
            }
            spans.push(Span {
                text: s.into(),
                style: org,
            });
        }
        let gap = if date_w > 0.0 && !gutter { size } else { 0.0 };
        let room = if gutter {
            self.width - x
        } else {
            self.width - date_w - gap
        };
        let mut title_lines = self.lines(&spans, room);
        if title_lines.is_empty() && !date_lines.is_empty() {
            title_lines.push(Line::default());
        }
        let last_title = if gutter {
            0.0
        } else {
            title_lines.len().saturating_sub(1) as f32 * self.line_height(size)
        };
        let mut date_items: Vec<Item> = date_lines
            .into_iter()
            .enumerate()
            .map(|(i, line)| Item::Text {
                x: if gutter {
                    x - 0.6 * size - line.width
                } else {
                    self.width - line.width
                },
                baseline: last_title
                    + self.baseline(size)
                    + i as f32 * self.line_height(d.sizes.body),
                line,
                tag: date_tag,
            })
            .collect();
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
        let detail_lines = self.lines(&detail, self.width - x);
        // The title block: title lines (date on the last) and detail lines,
        // kept with the first line of what follows.
        let mut items = Vec::new();
        let mut y = 0.0;
        let date_h = last_title + date_items.len() as f32 * self.line_height(d.sizes.body);
        // The dates' first line joins the title's last one for extractors
        // that group characters by gaps (left to right only: right-to-left
        // lines are read from the other end).
        let title_end = title_lines.last().map(|l| x + l.width).filter(|w| *w > x);
        let bridge = match (title_end, date_items.first()) {
            (
                Some(x0),
                Some(Item::Text {
                    x: to,
                    line,
                    baseline,
                    ..
                }),
            ) if !gutter && !self.rtl => Item::bridge(x0, *to, line, *baseline),
            _ => None,
        };
        for line in title_lines {
            items.push(Item::Text {
                x,
                baseline: y + self.baseline(size),
                line,
                tag: title_tag,
            });
            y += self.line_height(size);
        }
        // The date follows the title lines in the content stream, so text
        // extraction reads title, organisation, dates.
        items.extend(bridge);
        items.append(&mut date_items);
        y = f32::max(y, date_h);
        let detail_tag = self.tree.leaf(Kind::P);
        for line in detail_lines {
            items.push(Item::Text {
                x,
                baseline: y + self.baseline(d.sizes.body),
                line,
                tag: detail_tag,
            });
            y += self.line_height(d.sizes.body);
        }
        self.push_title_block(e, items, y);
    }

    /// Pushes an entry's title block, kept with the first line of its body.
    pub(super) fn push_title_block(&mut self, e: &Entry, items: Vec<Item>, height: f32) {
        let has_body = !e.summary.is_empty() || !e.bullets.is_empty() || !e.keywords.is_empty();
        if !items.is_empty() {
            self.push(Block {
                height,
                keep_with_next: has_body,
                items,
                ..Block::default()
            });
            self.gap = self.def.spacing.after_paragraph / 2.0;
        }
    }

    /// An entry's summary, bullets and keywords.
    fn entry_body(&mut self, e: &Entry) {
        let d = self.def;
        let x = self.indent;
        for (i, block) in e.summary.iter().enumerate() {
            if i > 0 {
                self.gap = d.spacing.after_paragraph;
            }
            self.body_block(block, x);
        }
        if !e.bullets.is_empty() {
            if !e.summary.is_empty() {
                self.gap = d.spacing.after_paragraph;
            }
            self.tree.open(Kind::L(Numbering::of(&d.style.bullet)));
            for b in &e.bullets {
                self.bullet(b, x);
            }
            self.tree.close();
        }
        if !e.keywords.is_empty() {
            self.gap = d.spacing.after_paragraph;
            let st = self.style(Role::Body, false, true, d.sizes.small, d.colors.muted);
            let spans = [Span {
                text: e.keywords.join(", "),
                style: st,
            }];
            let lines = self.lines(&spans, self.width - x);
            let tag = self.tree.leaf(Kind::P);
            self.push_lines(lines, x, d.sizes.small, Align::Left, Vec::new(), false, tag);
        }
    }

    pub(super) fn body_block(&mut self, block: &DocBlock, x: f32) {
        let d = self.def;
        match block {
            DocBlock::Paragraph { content } => {
                let mut spans = Vec::new();
                let base = self.body();
                self.inline_spans(content, &base, &mut spans);
                let lines = self.text_lines(&spans, self.width - x);
                let tag = self.tree.leaf(Kind::P);
                self.push_lines(lines, x, d.sizes.body, Align::Left, Vec::new(), false, tag);
            }
            DocBlock::List { items } => {
                self.tree.open(Kind::L(Numbering::of(&d.style.bullet)));
                for item in items {
                    self.bullet(item, x);
                }
                self.tree.close();
            }
            DocBlock::Keywords(group) => self.keywords(group, x),
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
        self.tree.open(Kind::LI);
        let label = self.tree.leaf(Kind::Lbl);
        let body = self.tree.leaf(Kind::LBody);
        self.tree.close();
        let marks = bullet
            .into_iter()
            .take(1)
            .map(|line| Item::Text {
                x: x + indent * 0.25,
                baseline: self.baseline(d.sizes.body),
                line,
                tag: label,
            })
            .collect();
        self.push_lines(
            lines,
            x + indent,
            d.sizes.body,
            Align::Left,
            marks,
            false,
            body,
        );
    }

    fn keywords(&mut self, g: &KeywordGroup, x: f32) {
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
        if self.narrow && g.name.as_deref().is_some_and(|n| !n.trim().is_empty()) {
            // A narrow column: the name on its line, the keywords under it.
            if let Some(colon) = spans.last_mut().filter(|s| s.text == ": ") {
                colon.text = "\n".into();
            }
        }
        spans.push(Span {
            text: g.keywords.join(", "),
            style: base,
        });
        let lines = self.lines(&spans, self.width - x);
        let tag = self.tree.leaf(Kind::P);
        self.push_lines(lines, x, d.sizes.body, Align::Left, Vec::new(), false, tag);
    }

    pub(super) fn inline_spans(
        &mut self,
        inlines: &[Inline],
        style: &TextStyle,
        out: &mut Vec<Span>,
    ) {
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
