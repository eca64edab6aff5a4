//! Entry title blocks in two arrangements: a stacked column of dates and location at the end, and everything stacked in a narrow column.

use super::{Composer, Item};
use crate::backend::pdf::fonts::Role;
use crate::backend::pdf::linebreak::Line;
use crate::backend::pdf::shape::Span;
use crate::backend::pdf::tag::{Kind, Tag};
use crate::document::Entry;

/// One line of an entry's title block: spans at the start, a span at the end.
struct Row {
    start: Vec<Span>,
    end: Option<Span>,
    /// The row holds the entry's title (its heading element).
    title: bool,
}

fn filled(s: Option<&str>) -> Option<&str> {
    s.filter(|t| !t.trim().is_empty())
}

impl Composer<'_, '_, '_> {
    /// Title and organisation on lines of their own at the start, the dates
    /// beside the title and the location beside the organisation at the
    /// end; with `entries.lead = "organisation"` the organisation first
    /// (Jake's resume).
    pub(super) fn stacked_title(&mut self, e: &Entry) {
        let d = self.def;
        let size = d.sizes.entry_title;
        let org_first = self.lead_org;
        let title = filled(e.title.as_deref()).map(|t| Span {
            text: t.into(),
            style: self.style(Role::Body, !org_first, org_first, size, d.colors.text),
        });
        let org_color = if org_first {
            d.colors.text
        } else {
            d.colors.organisation
        };
        let org = filled(e.subtitle.as_deref()).map(|t| Span {
            text: t.into(),
            style: self.style(Role::Body, org_first, false, size, org_color),
        });
        let dates = filled(e.dates.as_ref().map(|r| r.text.as_str())).map(|t| Span {
            text: t.into(),
            style: self.style(Role::Body, false, org_first, d.sizes.body, d.colors.text),
        });
        let place = filled(e.location.as_deref()).map(|t| Span {
            text: t.into(),
            style: self.style(Role::Body, false, true, d.sizes.body, d.colors.muted),
        });
        let title_row = Row {
            start: title.into_iter().collect(),
            end: dates,
            title: true,
        };
        let org_row = Row {
            start: org.into_iter().collect(),
            end: place,
            title: false,
        };
        let rows = if org_first {
            [org_row, title_row]
        } else {
            [title_row, org_row]
        };
        let x = self.indent;
        let mut items = Vec::new();
        let mut y = 0.0;
        for row in rows {
            if row.start.is_empty() && row.end.is_none() {
                continue;
            }
            let start_tag = self.tree.leaf(if row.title {
                Kind::H(self.level + 1)
            } else {
                Kind::P
            });
            let end_tag = self.tree.leaf(Kind::P);
            let end: Vec<Line> = match &row.end {
                Some(span) => self.lines(std::slice::from_ref(span), (self.width - x) / 2.0),
                None => Vec::new(),
            };
            let end_w = end.iter().map(|l| l.width).fold(0.0, f32::max);
            let gap = if end_w > 0.0 { size } else { 0.0 };
            let mut start = self.lines(&row.start, self.width - x - end_w - gap);
            if start.is_empty() {
                start.push(Line::default());
            }
            y = self.stacked_row(&mut items, (start, end), (start_tag, end_tag), (x, y));
        }
        y = self.link_line(e, &mut items, x, y);
        self.push_title_block(e, items, y);
    }

    /// One row's lines: the end's beside the start's last line, each line
    /// of the start before what is beside it (the order text is read in);
    /// the y under the row.
    fn stacked_row(
        &mut self,
        items: &mut Vec<Item>,
        (start, end): (Vec<Line>, Vec<Line>),
        (start_tag, end_tag): (Tag, Tag),
        (x, y): (f32, f32),
    ) -> f32 {
        let d = self.def;
        let size = d.sizes.entry_title;
        let lh = self.line_height(size);
        let last = (start.len().saturating_sub(1)) as f32 * lh;
        let under = y + start.len() as f32 * lh;
        let start_end = start.last().map(|l| x + l.width).filter(|w| *w > x);
        let bridge = match (start_end, end.first()) {
            (Some(x0), Some(line)) if !self.rtl => Item::bridge(
                x0,
                self.width - line.width,
                line,
                y + last + self.baseline(size),
            ),
            _ => None,
        };
        for (i, line) in start.into_iter().enumerate() {
            items.push(Item::Text {
                x,
                baseline: y + i as f32 * lh + self.baseline(size),
                line,
                tag: start_tag,
            });
        }
        items.extend(bridge);
        let body_lh = self.line_height(d.sizes.body);
        let count = end.len();
        for (i, line) in end.into_iter().enumerate() {
            items.push(Item::Text {
                x: self.width - line.width,
                baseline: y + last + self.baseline(size) + i as f32 * body_lh,
                line,
                tag: end_tag,
            });
        }
        under.max(y + last + count as f32 * body_lh)
    }

    /// The entry's link under its title block, muted; the y under it.
    fn link_line(&mut self, e: &Entry, items: &mut Vec<Item>, x: f32, mut y: f32) -> f32 {
        let d = self.def;
        let Some(link) = &e.link else { return y };
        let muted = self.style(Role::Body, false, true, d.sizes.body, d.colors.muted);
        let st = self.linked(muted, &link.url);
        let lines = self.lines(
            &[Span {
                text: link.text.clone(),
                style: st,
            }],
            self.width - x,
        );
        let tag = self.tree.leaf(Kind::P);
        for line in lines {
            items.push(Item::Text {
                x,
                baseline: y + self.baseline(d.sizes.body),
                line,
                tag,
            });
            y += self.line_height(d.sizes.body);
        }
        y
    }

    /// A narrow column (the sidebar): the title, the organisation, then the
    /// dates and location, each on lines of their own.
    pub(super) fn narrow_title(&mut self, e: &Entry) {
        let d = self.def;
        let size = d.sizes.entry_title;
        let mut parts: Vec<(Span, Kind, f32)> = Vec::new();
        if let Some(t) = filled(e.title.as_deref()) {
            let style = self.style(Role::Body, true, false, size, d.colors.text);
            parts.push((
                Span {
                    text: t.into(),
                    style,
                },
                Kind::H(self.level + 1),
                size,
            ));
        }
        if let Some(t) = filled(e.subtitle.as_deref()) {
            let style = self.style(
                Role::Body,
                false,
                false,
                d.sizes.body,
                d.colors.organisation,
            );
            parts.push((
                Span {
                    text: t.into(),
                    style,
                },
                Kind::P,
                d.sizes.body,
            ));
        }
        let when = [
            filled(e.dates.as_ref().map(|r| r.text.as_str())),
            filled(e.location.as_deref()),
        ];
        let when: Vec<&str> = when.into_iter().flatten().collect();
        if !when.is_empty() {
            let style = self.style(Role::Body, false, false, d.sizes.small, d.colors.muted);
            let text = when.join(" · ");
            parts.push((Span { text, style }, Kind::P, d.sizes.small));
        }
        let mut items = Vec::new();
        let mut y = 0.0;
        for (span, kind, size) in parts {
            let tag = self.tree.leaf(kind);
            for line in self.lines(std::slice::from_ref(&span), self.width) {
                items.push(Item::Text {
                    x: 0.0,
                    baseline: y + self.baseline(size),
                    line,
                    tag,
                });
                y += self.line_height(size);
            }
        }
        y = self.link_line(e, &mut items, 0.0, y);
        self.push_title_block(e, items, y);
    }
}
