//! Section headings: capitals or small capitals, left or centred, with a rule under, a rule after, a band, a bar, or plain.

use super::{Block, Composer, Item};
use crate::backend::pdf::fonts::Role;
use crate::backend::pdf::shape::{Span, TextStyle};
use crate::backend::pdf::tag::Kind;
use crate::layout::{Align, HeadingStyle};

/// Small capitals: lower-case letters as capitals at this share of the size.
const SMALL_CAPS: f32 = 0.8;

impl Composer<'_, '_, '_> {
    /// The heading of a section titled `title` (its outline entry), in the document's `lang`.
    pub(super) fn heading(&mut self, title: &str, lang: &str) {
        let d = self.def;
        let hd = &d.headings;
        let size = d.sizes.heading;
        let color = match hd.style {
            HeadingStyle::Band => d.colors.band_text,
            _ => d.colors.accent,
        };
        let st = self.style(Role::Heading, true, false, size, color);
        let spans = cased(title, lang, st, hd.uppercase, hd.small_caps);
        // Where the title starts and the width it may take.
        let pad = 0.4 * size;
        let bar = 0.28 * size;
        let gutter = self.indent;
        let (x, right) = match hd.style {
            HeadingStyle::Band => (gutter + pad, pad),
            HeadingStyle::Bar if gutter == 0.0 => (bar + pad, 0.0),
            _ => (gutter, 0.0),
        };
        let lines = self.lines(&spans, self.width - x - right);
        let h = self.line_height(size);
        let base = self.baseline(size);
        let tag = self.tree.leaf(Kind::H(self.level));
        let mut items = Vec::new();
        // A sidebar with one text size has no room for padding: its band
        // reaches into the gaps above and below instead.
        let tight = self.narrow && d.sidebar.size > 0.0;
        let reach = if tight {
            d.spacing
                .before_section
                .min(d.spacing.after_heading)
                .min(0.2 * size)
        } else {
            0.0
        };
        let top = if hd.style == HeadingStyle::Band && !tight {
            pad / 2.0
        } else {
            0.0
        };
        let mut y = top;
        // Where the last line starts and ends, for a rule after it.
        let mut last = (x, x);
        for line in lines {
            let lx = match hd.align {
                Align::Left => x,
                Align::Center => x + (self.width - x - right - line.width).max(0.0) / 2.0,
            };
            last = (lx, lx + line.width);
            items.push(Item::Text {
                x: lx,
                baseline: y + base,
                line,
                tag,
            });
            y += h;
        }
        let t = d.pdf.rule_thickness;
        match hd.style {
            HeadingStyle::Rule => {
                items.push(Item::Rule {
                    x0: gutter,
                    x1: self.width,
                    y: y + t / 2.0,
                    thickness: t,
                    color: d.colors.rule,
                });
                y += t;
            }
            HeadingStyle::RuleAfter => {
                // On the last line, at the middle of its capitals.
                let mid = y - h + base - 0.33 * size;
                let space = 0.6 * size;
                if last.1 + space < self.width {
                    items.push(rule(last.1 + space, self.width, mid, t, d.colors.rule));
                }
                if hd.align == Align::Center && last.0 - space > gutter {
                    items.push(rule(gutter, last.0 - space, mid, t, d.colors.rule));
                }
            }
            HeadingStyle::Band => {
                if !tight {
                    y += pad / 2.0;
                }
                items.insert(
                    0,
                    Item::Fill {
                        x0: gutter,
                        x1: self.width,
                        y0: -reach,
                        y1: y + reach,
                        color: d.colors.band,
                    },
                );
            }
            HeadingStyle::Bar => {
                // Across the gutter at the first line's capitals (moderncv),
                // else a bar as tall as the title before it.
                let (x0, x1, y0, y1) = if gutter > 0.0 {
                    (
                        0.0,
                        gutter - 0.6 * size,
                        base - 0.62 * size,
                        base - 0.12 * size,
                    )
                } else {
                    (0.0, bar, 0.12 * h, y - 0.12 * h)
                };
                items.insert(
                    0,
                    Item::Fill {
                        x0,
                        x1,
                        y0,
                        y1,
                        color: d.colors.accent,
                    },
                );
            }
            HeadingStyle::Plain => {}
        }
        self.push(Block {
            height: y,
            keep_with_next: true,
            items,
            bookmark: Some(title.to_string()),
            bookmark_level: self.section_level,
            ..Block::default()
        });
        self.gap = d.spacing.after_heading;
    }
}

fn rule(x0: f32, x1: f32, y: f32, thickness: f32, color: crate::layout::Color) -> Item {
    Item::Rule {
        x0,
        x1,
        y,
        thickness,
        color,
    }
}

/// The title in capitals, or in small capitals (runs of lower-case
/// letters as capitals at [`SMALL_CAPS`] of the size), or as written.
fn cased(title: &str, lang: &str, style: TextStyle, upper: bool, small_caps: bool) -> Vec<Span> {
    if !small_caps {
        let text = if upper {
            crate::document::to_upper(title, lang)
        } else {
            title.to_string()
        };
        return vec![Span { text, style }];
    }
    let mut small = style.clone();
    small.size *= SMALL_CAPS;
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_small = false;
    for c in title.chars() {
        let is_small = c.is_lowercase();
        if is_small != run_small && !run.is_empty() {
            spans.push(piece(&run, run_small, lang, &style, &small));
            run.clear();
        }
        run_small = is_small;
        run.push(c);
    }
    if !run.is_empty() {
        spans.push(piece(&run, run_small, lang, &style, &small));
    }
    spans
}

fn piece(text: &str, small: bool, lang: &str, full: &TextStyle, reduced: &TextStyle) -> Span {
    Span {
        text: if small {
            crate::document::to_upper(text, lang)
        } else {
            text.to_string()
        },
        style: if small { reduced.clone() } else { full.clone() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::pdf::fonts::FontKey;

    #[test]
    fn small_caps_are_runs_of_reduced_capitals() {
        let style = TextStyle {
            font: FontKey {
                role: Role::Heading,
                bold: true,
                italic: false,
            },
            size: 10.0,
            color: crate::layout::Color::default(),
            link: None,
            elide: false,
        };
        let spans = cased("Work Experience", "en", style.clone(), false, true);
        let parts: Vec<(String, f32)> = spans
            .iter()
            .map(|s| (s.text.clone(), s.style.size))
            .collect();
        assert_eq!(
            parts,
            vec![
                ("W".into(), 10.0),
                ("ORK".into(), 8.0),
                (" E".into(), 10.0),
                ("XPERIENCE".into(), 8.0)
            ]
        );
        let upper = cased("Skills", "en", style, true, false);
        assert_eq!(upper[0].text, "SKILLS");
    }
}
