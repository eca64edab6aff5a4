//! The structure keys as paragraph properties of the styles: heading rule, band, bar, alignment; header band; stacked and gutter entries.
//!
//! Everything is in the styles, so a user restyles all headings or entries
//! at once in Word, and the body stays a flat run of styled paragraphs.

use docx_rs::{
    AlignmentType, BorderType, ParagraphBorder, ParagraphBorderPosition, ParagraphBorders,
    ParagraphProperty, Shading, ShdType, SpecialIndentType, Tab, TabValueType,
};

use super::{Geometry, twips_i32};
use crate::layout::{Align, DatePlace, Definition, HeaderAlign, HeadingStyle};

/// Heading 1's decoration from `[headings]`.
///
/// `rule-after` is a bottom border too: Word's nearest own means, a right
/// tab with a leader, needs a tab character inside every heading's text
/// (which the navigation pane, a table of contents and text extraction
/// then show) and draws its line on the baseline, not at mid-height; the
/// border keeps the heading's text as typed and looks like the PDF's rule
/// in a one-word heading.
pub fn heading(def: &Definition, p: ParagraphProperty) -> ParagraphProperty {
    let hd = &def.headings;
    let border = |pos, size, space, color: String| {
        ParagraphBorder::new(pos)
            .val(BorderType::Single)
            .size(size)
            .space(space)
            .color(color)
    };
    // Not `set_border`: on a paragraph without borders it starts from
    // docx-rs's default box (thin lines on all four sides).
    let mut p = match hd.style {
        HeadingStyle::Rule | HeadingStyle::RuleAfter => {
            let mut p = p;
            p.borders = Some(ParagraphBorders::with_empty().set(border(
                ParagraphBorderPosition::Bottom,
                6,
                1,
                def.colors.rule.hex(),
            )));
            p
        }
        HeadingStyle::Band => p.shading(
            Shading::new()
                .shd_type(ShdType::Clear)
                .color("auto")
                .fill(def.colors.band.hex()),
        ),
        HeadingStyle::Bar => {
            // A thick accent line before the title, 3 pt wide, 4 pt from it.
            let mut p = p;
            p.borders = Some(ParagraphBorders::with_empty().set(border(
                ParagraphBorderPosition::Left,
                24,
                4,
                def.colors.accent.hex(),
            )));
            p
        }
        HeadingStyle::Plain => p,
    };
    if hd.align == Align::Center {
        p = p.align(AlignmentType::Center);
    }
    p
}

/// The heading's text colour: on a band, the band's text colour.
pub fn heading_color(def: &Definition) -> String {
    match def.headings.style {
        HeadingStyle::Band => def.colors.band_text.hex(),
        _ => def.colors.accent.hex(),
    }
}

/// A header paragraph (title, subtitle, contact lines): aligned, and on the
/// band's fill when the header has one (the fill runs between the margins).
pub fn header(def: &Definition, p: ParagraphProperty) -> ParagraphProperty {
    let p = match def.header.align {
        HeaderAlign::Left | HeaderAlign::Split => p,
        HeaderAlign::Center => p.align(AlignmentType::Center),
    };
    if def.header.band {
        p.shading(
            Shading::new()
                .shd_type(ShdType::Clear)
                .color("auto")
                .fill(def.colors.band.hex()),
        )
    } else {
        p
    }
}

/// A header text colour: on the band, the band's text colour.
pub fn header_color(def: &Definition, otherwise: String) -> String {
    if def.header.band {
        def.colors.band_text.hex()
    } else {
        otherwise
    }
}

/// The entry title paragraph (Heading 2) and the details under it: in a
/// gutter, a hanging indent as wide as the gutter, the dates before a tab
/// at its end; else as they are (a right tab at the margin for the dates,
/// and for a stacked entry's location).
pub fn entry(def: &Definition, p: ParagraphProperty) -> ParagraphProperty {
    if def.entries.dates == DatePlace::Gutter {
        let g = twips_i32(def.entries.gutter * 72.0 / 25.4);
        p.indent(Some(g), Some(SpecialIndentType::Hanging(g)), None, None)
            .add_tab(
                Tab::new()
                    .val(TabValueType::Left)
                    .pos(usize::try_from(g).unwrap_or(0)),
            )
    } else {
        p
    }
}

/// Paragraphs under an entry (details, body, bullets) start at the gutter.
pub fn gutter(def: &Definition) -> Option<i32> {
    (def.entries.dates == DatePlace::Gutter).then(|| twips_i32(def.entries.gutter * 72.0 / 25.4))
}

/// A paragraph under an entry or a section heading: at the gutter's end when there is one.
pub fn indented(def: &Definition, p: ParagraphProperty) -> ParagraphProperty {
    match gutter(def) {
        Some(g) => p.indent(Some(g), None, None, None),
        None => p,
    }
}

/// Entry details: at the gutter, or, stacked, with the right tab where the
/// second line's right-hand item (dates or location) goes.
pub fn details(def: &Definition, geometry: &Geometry, p: ParagraphProperty) -> ParagraphProperty {
    let p = indented(def, p);
    if def.entries.dates == DatePlace::Stacked {
        p.add_tab(
            Tab::new()
                .val(TabValueType::Right)
                .pos(usize::try_from(geometry.text_width).unwrap_or(0)),
        )
    } else {
        p
    }
}
