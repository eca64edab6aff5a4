//! An agency's letterhead on the pages: a band (logo, agency name, contact line, a rule) and a footer line, all artifacts.
//!
//! The band opens the first page's column (pages `first`), or sits above
//! the content area of every page, which is made shorter by its height
//! (pages `every`). The footer line is set in the bottom margin, below the
//! content and above the page number. Tag-aware readers skip all of it:
//! the letterhead is the agency's, not the candidate's.

use super::PT_PER_MM;
use super::compose::{Item, Picture};
use super::fonts::{FontKey, Role};
use super::linebreak::{Line, break_lines};
use super::paginate::{Page, Placed};
use super::shape::{Shaper, Span, TextStyle};
use super::tag::{Artifact, Tag};
use crate::document::Letterhead;
use crate::layout::Definition;

/// Space between the band's rule and the content below it, in points.
pub const GAP: f32 = 10.0;

/// The band's items, positioned from its top, and its height. In a
/// right-to-left document it is mirrored: the logo at the right, the text
/// beside it at the left (alone, at the right).
pub fn band(
    lh: &Letterhead,
    def: &Definition,
    shaper: &mut Shaper,
    (width, rtl): (f32, bool),
) -> (Vec<Item>, f32) {
    let mut items = Vec::new();
    let (logo_w, logo_h) = match &lh.logo {
        Some(logo) if logo.width > 0 && logo.height > 0 => {
            let h = lh.logo_height * PT_PER_MM;
            let w = (h * logo.width as f32 / logo.height as f32).min(width / 2.0);
            let h = w * logo.height as f32 / logo.width as f32;
            items.push(Item::Photo {
                picture: Picture::Logo,
                x: if rtl { width - w } else { 0.0 },
                y: 0.0,
                width: w,
                height: h,
                radius: 0.0,
            });
            (w, h)
        }
        _ => (0.0, 0.0),
    };
    let style = |bold: bool, size: f32, color| TextStyle {
        font: FontKey {
            role: if bold { Role::Heading } else { Role::Body },
            bold,
            italic: false,
        },
        size,
        color,
        link: None,
        elide: false,
    };
    let text_width = (width - logo_w - if logo_w > 0.0 { 12.0 } else { 0.0 }).max(width / 3.0);
    let mut y = 0.0;
    for (text, st) in [
        (&lh.name, style(true, def.sizes.label, def.colors.accent)),
        (&lh.contact, style(false, def.sizes.small, def.colors.muted)),
    ] {
        if text.trim().is_empty() {
            continue;
        }
        let spans = [Span {
            text: text.clone(),
            style: st.clone(),
        }];
        for line in break_lines(shaper, &spans, text_width, None, rtl) {
            let h = st.size * 1.3;
            // Beside a logo the text stands at the far side; alone, at the
            // side lines start from.
            let x = if (logo_w > 0.0) != rtl {
                width - line.width
            } else {
                0.0
            };
            items.push(Item::Text {
                x,
                baseline: y + st.size * 1.05,
                line,
                tag: Tag::Artifact(Artifact::Header),
            });
            y += h;
        }
    }
    let inner = logo_h.max(y);
    let t = def.pdf.rule_thickness.max(0.4);
    let rule_y = inner + 4.0;
    items.push(Item::Rule {
        x0: 0.0,
        x1: width,
        y: rule_y,
        thickness: t,
        color: def.colors.accent,
    });
    // Text vertically centred on the logo when the logo is taller.
    if logo_h > y {
        let shift = (logo_h - y) / 2.0;
        for item in &mut items {
            if let Item::Text { baseline, .. } = item {
                *baseline += shift;
            }
        }
    }
    (items, rule_y + t)
}

/// Puts the band above every page's content (`top` is negative: the
/// content area was moved down by `height`).
pub fn on_every_page(pages: &mut [Page], items: &[Item], height: f32) {
    for page in pages {
        for item in items {
            page.items.push(Placed {
                top: -(height + GAP),
                item: item.clone(),
            });
        }
    }
}

/// Most lines of a footer; the rest is left out.
pub const FOOTER_LINES: usize = 4;

/// The footer's text size and line height, in points.
fn footer_size(def: &Definition) -> (f32, f32) {
    let size = def.sizes.small * 0.9;
    (size, size * 1.3)
}

/// The footer broken into lines `width` wide (at most [`FOOTER_LINES`],
/// the last ending in an ellipsis when words were left out), and how many
/// lines it needed.
fn footer_lines(
    lh: &Letterhead,
    def: &Definition,
    shaper: &mut Shaper,
    width: f32,
) -> (Vec<Line>, usize) {
    if lh.footer.trim().is_empty() {
        return (Vec::new(), 0);
    }
    let lines = |text: &str, shaper: &mut Shaper| {
        break_lines(shaper, &footer_spans(text, def), width, None, false)
    };
    let all = lines(&lh.footer, shaper);
    let needed = all.len();
    if needed <= FOOTER_LINES {
        return (all, needed);
    }
    // Too long: the most words that fit in the lines there are, then an
    // ellipsis, so the reader sees that something was left out. Found by
    // halving, on the ends of words (a footer's text is short).
    let ends: Vec<usize> = lh
        .footer
        .char_indices()
        .filter(|(_, c)| c.is_whitespace())
        .map(|(i, _)| i)
        .collect();
    let cut = |k: usize| {
        let end = ends.get(k).copied().unwrap_or(lh.footer.len());
        format!("{}…", lh.footer.get(..end).unwrap_or_default().trim_end())
    };
    let (mut fits, mut over) = (0usize, ends.len());
    while fits + 1 < over {
        let mid = (fits + over) / 2;
        if lines(&cut(mid), shaper).len() <= FOOTER_LINES {
            fits = mid;
        } else {
            over = mid;
        }
    }
    let mut shown = lines(&cut(fits), shaper);
    shown.truncate(FOOTER_LINES);
    (shown, needed)
}

/// The footer's text as one span in its style.
fn footer_spans(text: &str, def: &Definition) -> [Span; 1] {
    [Span {
        text: text.to_owned(),
        style: TextStyle {
            font: FontKey {
                role: Role::Body,
                bold: false,
                italic: false,
            },
            size: footer_size(def).0,
            color: def.colors.muted,
            link: None,
            elide: false,
        },
    }]
}

/// How much taller than one line the longest of `footers` is: the content
/// area is made that much shorter, so a footer of several lines grows up
/// into it rather than over the page number or off the page.
pub fn footer_reserve(
    footers: &[&Letterhead],
    def: &Definition,
    shaper: &mut Shaper,
    width: f32,
) -> f32 {
    let most = footers
        .iter()
        .map(|lh| footer_lines(lh, def, shaper, width).0.len())
        .max()
        .unwrap_or(0);
    most.saturating_sub(1) as f32 * footer_size(def).1
}

/// The footer, centred line by line in the bottom margin above the page
/// number; its last line sits where a one-line footer does, the others
/// above it, in the `reserve` taken from the content area. Returns how
/// many lines the footer needed: more than [`FOOTER_LINES`] when it was cut.
pub fn footer(
    lh: &Letterhead,
    def: &Definition,
    shaper: &mut Shaper,
    pages: &mut [Page],
    (width, avail, bottom, reserve): (f32, f32, f32, f32),
) -> usize {
    let (lines, needed) = footer_lines(lh, def, shaper, width);
    let (size, height) = footer_size(def);
    let first = avail + reserve - lines.len().saturating_sub(1) as f32 * height;
    for page in pages {
        for (k, line) in lines.iter().enumerate() {
            page.items.push(Placed {
                top: first + bottom * 0.12 + k as f32 * height,
                item: Item::Text {
                    x: ((width - line.width) / 2.0).max(0.0),
                    baseline: size,
                    line: line.clone(),
                    tag: Tag::Artifact(Artifact::Pagination),
                },
            });
        }
    }
    needed
}
