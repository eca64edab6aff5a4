//! One line's glyphs: pieces shown in the order they were written, each glyph at its shaped place, with ToUnicode or ActualText for the text it stands for.

use std::collections::BTreeMap;

use super::super::content::{Content, Shown};
use super::super::fonts::{Face, FontSet, ignorable};
use super::super::linebreak::Line;
use super::super::shape::{Glyph, Piece};
use super::super::tag::Tag;
use super::{Key, Marker, Subset};

/// Shows a line of `tag` with its start at `at` (points from the page's bottom left).
///
/// Pieces are shown in logical order, and right-to-left ones glyph by glyph
/// from their right end, each glyph still at its own place: extractors that
/// keep the content stream's order (pdfminer.six, MuPDF for such text) then
/// read the line as it was written, and so does the structure tree.
pub(super) fn text(
    marker: &mut Marker,
    line: &Line,
    tag: Tag,
    at: (f32, f32),
    subsets: &BTreeMap<usize, Subset>,
    fonts: &FontSet,
) {
    let (x0, y) = at;
    let mut starts = Vec::with_capacity(line.pieces.len());
    let mut x = x0;
    for piece in &line.pieces {
        starts.push(x);
        x += piece.width();
    }
    let levels: Vec<u8> = line.pieces.iter().map(|p| p.level).collect();
    for i in logical_order(&levels) {
        let (Some(piece), Some(&x)) = (line.pieces.get(i), starts.get(i)) else {
            continue;
        };
        let (Some(sub), Some(face)) = (subsets.get(&piece.face), fonts.face(piece.face)) else {
            continue;
        };
        let size = piece.style.size;
        let key = match tag {
            Tag::Node(node) => {
                let link = piece
                    .style
                    .link
                    .and_then(|l| marker.annotation(l, x, x + piece.width(), y, size));
                Key::Node(node, link)
            }
            Tag::Artifact(kind) => Key::Artifact(kind),
        };
        marker.switch(Some(key));
        marker.content.font(sub.number, size);
        marker.content.fill(piece.style.color);
        let glyphs = Glyphs { piece, face, sub };
        if piece.level % 2 == 1 {
            right_to_left(marker, key, &glyphs, x, y);
        } else {
            left_to_right(marker, key, &glyphs, x, y);
        }
    }
    if line.space_after {
        end_space(marker, line, tag, at, subsets, fonts);
    }
}

/// A piece with the face it is shaped in and that face's subset.
struct Glyphs<'a> {
    piece: &'a Piece,
    face: &'a Face<'a>,
    sub: &'a Subset,
}

impl Glyphs<'_> {
    /// The glyph's width as the viewer advances by it (the font's /W
    /// widths, which printpdf writes as whole thousandths of an em,
    /// truncated), in font units.
    fn units(&self, g: &Glyph) -> f32 {
        self.face
            .buzz()
            .and_then(|b| b.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(g.gid)))
            .map_or(0.0, f32::from)
    }

    /// Glyph `g` as shown, with no kerning after it.
    fn plain(&self, g: &Glyph) -> Shown {
        Shown {
            code: self.code(g),
            width: (self.units(g) * 1000.0 / self.face.upem) as i64,
            kern: 0.0,
        }
    }

    fn code(&self, g: &Glyph) -> u16 {
        self.sub.remap.get(&g.gid).copied().unwrap_or(0)
    }

    /// Whether the ToUnicode entry of a lone glyph reads `text`.
    fn maps_to(&self, g: &Glyph, text: &str) -> bool {
        self.sub
            .remap
            .get(&g.gid)
            .and_then(|c| self.sub.text.get(c))
            .is_some_and(|t| t.as_str() == text)
    }

    /// The clusters of the piece as glyph ranges, in visual order: a glyph
    /// with text and the glyphs without text after it (and, with `joined`,
    /// those joined to it with texts of their own).
    fn clusters(&self, joined: bool) -> Vec<std::ops::Range<usize>> {
        let glyphs = &self.piece.glyphs;
        let mut out = Vec::new();
        let mut i = 0;
        while i < glyphs.len() {
            let end = i
                + 1
                + glyphs
                    .iter()
                    .skip(i + 1)
                    .take_while(|n| n.text.is_empty() || (joined && n.joined))
                    .count();
            out.push(i..end);
            i = end;
        }
        out
    }
}

/// A left-to-right piece, in runs: a cluster of several glyphs (marks with
/// their own ToUnicode text included: poppler sorts a mark that is not a
/// Latin accent by its x, apart from its letter) or a glyph whose ToUnicode
/// entry holds other text gets its text as ActualText
/// ([`Marker::actual`]).
fn left_to_right(marker: &mut Marker, key: Key, glyphs: &Glyphs, x: f32, y: f32) {
    let piece = glyphs.piece;
    let scale = piece.style.size / glyphs.face.upem;
    let shown = |i: usize, g: &Glyph| {
        let units = glyphs.units(g);
        let drawn = units * scale;
        let next_offset = piece.glyphs.get(i + 1).map_or(0.0, |n| n.x_offset);
        // Where the next glyph must start, relative to where the PDF
        // viewer puts it after drawing this one with its hmtx advance.
        // In font units, rounded: shaped advances are whole units, so
        // anything else is float noise that would only bloat the file.
        let adjust = ((g.advance + next_offset - g.x_offset - drawn) / scale).round();
        Shown {
            kern: -adjust * 1000.0 / glyphs.face.upem,
            ..glyphs.plain(g)
        }
    };
    let all = &piece.glyphs;
    let mut pen = x;
    let mut start = 0;
    for range in glyphs.clusters(true) {
        let Some(g) = all.get(range.start) else { break };
        let mapped = range.len() == 1 && (g.text.is_empty() || glyphs.maps_to(g, &g.text));
        if !mapped {
            pen = show_range(&mut marker.content, all, start..range.start, pen, y, &shown);
            let text: String = all
                .get(range.clone())
                .unwrap_or_default()
                .iter()
                .map(|g| g.text.as_str())
                .collect();
            marker.actual(key, &readable(&text), None);
            pen = show_range(&mut marker.content, all, range.clone(), pen, y, &shown);
            marker.switch(Some(key));
            start = range.end;
        }
    }
    show_range(&mut marker.content, all, start..all.len(), pen, y, &shown);
}

/// A right-to-left piece, from its logical start on the right: clusters in
/// reverse visual order, and within one the base before its marks, each
/// glyph placed where shaping put it. A glyph for several characters (a
/// lam-alef ligature) or a cluster its glyphs do not spell gets two
/// ActualTexts: poppler reads only the `/Span`'s and reverses what it reads
/// with the line, so that one holds the text reversed; MuPDF takes the
/// innermost, which holds it as written; pdfminer.six and pypdf read
/// ToUnicode, which is as written too.
fn right_to_left(marker: &mut Marker, key: Key, glyphs: &Glyphs, x: f32, y: f32) {
    let all = &glyphs.piece.glyphs;
    let mut pens = Vec::with_capacity(all.len());
    let mut pen = x;
    for g in all {
        pens.push(pen);
        pen += g.advance;
    }
    let show = |content: &mut Content, range: std::ops::Range<usize>| {
        for j in range.rev() {
            if let (Some(g), Some(&at)) = (all.get(j), pens.get(j)) {
                content.show(
                    at + g.x_offset,
                    y + g.y_offset,
                    std::iter::once(glyphs.plain(g)),
                );
            }
        }
    };
    for range in glyphs.clusters(false).into_iter().rev() {
        let Some(g) = all.get(range.start) else {
            continue;
        };
        let spelled = range.len() == 1
            && (g.text.is_empty()
                || (g.text.chars().nth(1).is_none() && glyphs.maps_to(g, &g.text)));
        if spelled {
            show(&mut marker.content, range);
        } else {
            let text = readable(&g.text);
            let reversed: String = text.chars().rev().collect();
            marker.actual(key, &reversed, Some(&text));
            show(&mut marker.content, range);
            marker.switch(Some(key));
        }
    }
}

/// A cluster's text as ActualText: without the invisible formatting that
/// its glyphs show nothing for (a zero-width space HarfBuzz put in the
/// cluster of the letter before it, bidi controls), which readers would
/// otherwise extract; joiners stay, since they are part of a word's spelling.
fn readable(text: &str) -> String {
    text.chars()
        .filter(|&c| !ignorable(c) || matches!(c, '\u{200C}' | '\u{200D}'))
        .collect()
}

/// The order the pieces of a line were written in, from the visual order
/// the line holds them in: rule L2 of UAX #9 (reverse every run at or above
/// each odd level, from the highest down) applied again, which undoes
/// itself for the levels a line of a resume has (up to two).
fn logical_order(levels: &[u8]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..levels.len()).collect();
    let level = |i: usize| levels.get(i).copied().unwrap_or(0);
    let (Some(max), Some(min_odd)) = (
        levels.iter().copied().max(),
        levels.iter().copied().filter(|l| l % 2 == 1).min(),
    ) else {
        return order;
    };
    for at in (min_odd..=max).rev() {
        let mut i = 0;
        while i < order.len() {
            let start = i;
            while order.get(i).is_some_and(|&k| level(k) >= at) {
                i += 1;
            }
            if let Some(run) = order.get_mut(start..i) {
                run.reverse();
            }
            i += 1;
        }
    }
    order
}

/// A space glyph at the logical end of `line`, where it broke at a space:
/// drawn outside the line, where it shows nothing, so that extracted text
/// has the space between the words on either side of the break.
fn end_space(
    marker: &mut Marker,
    line: &Line,
    tag: Tag,
    at: (f32, f32),
    subsets: &BTreeMap<usize, Subset>,
    fonts: &FontSet,
) {
    let Tag::Node(node) = tag else { return };
    let Some(piece) = line.end() else { return };
    let (Some(sub), Some(face)) = (subsets.get(&piece.face), fonts.face(piece.face)) else {
        return;
    };
    let Some(gid) = space_glyph(face) else { return };
    let Some((code, units)) = coded(sub, face, gid) else {
        return;
    };
    let size = piece.style.size;
    let advance = units * size / face.upem;
    let x = if line.rtl {
        at.0 - advance
    } else {
        at.0 + line.width
    };
    marker.switch(Some(Key::Node(node, None)));
    marker.content.font(sub.number, size);
    marker.content.show(
        x,
        at.1,
        std::iter::once(Shown {
            code,
            width: (units * 1000.0 / face.upem) as i64,
            kern: 0.0,
        }),
    );
}

/// A space of `face` at `size` from `x0` to `x1` on `y`, stretched (`Tz`)
/// to fill the gap: an artifact (see [`crate::backend::pdf::compose::Item::Bridge`]).
pub(super) fn bridge(
    marker: &mut Marker,
    (x0, x1): (f32, f32),
    y: f32,
    (face_index, size): (usize, f32),
    (subsets, fonts): (&BTreeMap<usize, Subset>, &FontSet),
) {
    let (Some(sub), Some(face)) = (subsets.get(&face_index), fonts.face(face_index)) else {
        return;
    };
    let Some((gid, _)) = bridge_glyph(face) else {
        return;
    };
    let Some((code, units)) = coded(sub, face, gid) else {
        return;
    };
    let natural = units * size / face.upem;
    if natural <= 0.0 || x1 <= x0 {
        return;
    }
    marker.switch(Some(Key::Artifact(super::super::tag::Artifact::Layout)));
    marker.content.font(sub.number, size);
    let shown = Shown {
        code,
        width: (units * 1000.0 / face.upem) as i64,
        kern: 0.0,
    };
    marker
        .content
        .stretched(x0, y, shown, (x1 - x0) / natural * 100.0);
}

/// A glyph's code in the subset and its advance in font units.
fn coded(sub: &Subset, face: &Face, gid: u16) -> Option<(u16, f32)> {
    let code = *sub.remap.get(&gid)?;
    let units = face
        .buzz()
        .and_then(|b| b.glyph_hor_advance(rustybuzz::ttf_parser::GlyphId(gid)))
        .map_or(0.0, f32::from);
    Some((code, units))
}

/// The glyph a bridge stretches and the text it reads as: the face's
/// no-break space (U+00A0), else its space. A no-break space keeps the two
/// texts one line to poppler too, which ends a line's words at a space and
/// then reads a title and dates far apart as two blocks.
pub(super) fn bridge_glyph(face: &Face) -> Option<(u16, char)> {
    let buzz = face.buzz()?;
    match buzz.glyph_index('\u{a0}') {
        Some(g) => Some((g.0, '\u{a0}')),
        None => buzz.glyph_index(' ').map(|g| (g.0, ' ')),
    }
}

/// The face's glyph for U+0020.
pub(super) fn space_glyph(face: &Face) -> Option<u16> {
    face.buzz()?.glyph_index(' ').map(|g| g.0)
}

/// Shows glyphs `range` of a piece with the pen at `pen`; returns the pen after them.
fn show_range(
    content: &mut Content,
    glyphs: &[Glyph],
    range: std::ops::Range<usize>,
    pen: f32,
    y: f32,
    shown: &impl Fn(usize, &Glyph) -> Shown,
) -> f32 {
    let from = range.start;
    let range = glyphs.get(range).unwrap_or_default();
    if range.is_empty() {
        return pen;
    }
    // Glyphs raised or lowered by GPOS are shown apart, at their own
    // baseline; consecutive glyphs on one baseline stay one run.
    let mut pen = pen;
    let mut k = 0;
    while let Some(first) = range.get(k) {
        let n = range
            .iter()
            .skip(k)
            .take_while(|g| g.y_offset == first.y_offset)
            .count();
        let group = range.get(k..k + n).unwrap_or_default();
        content.show(
            pen + first.x_offset,
            y + first.y_offset,
            group
                .iter()
                .enumerate()
                .map(|(j, g)| shown(from + k + j, g)),
        );
        pen += group.iter().map(|g| g.advance).sum::<f32>();
        k += n.max(1);
    }
    pen
}

#[cfg(test)]
mod tests {
    use super::logical_order;

    #[test]
    fn logical_order_undoes_the_visual_one() {
        // Visual orders the line breaker makes from these logical levels.
        assert_eq!(logical_order(&[0, 0, 0]), [0, 1, 2]);
        // An Arabic line: all one run, drawn reversed.
        assert_eq!(logical_order(&[1, 1, 1]), [2, 1, 0]);
        // Hebrew with an English name and a number (level 2) inside:
        // logical [he₀ en₁ en₂ he₃] shows as [he₃ en₁ en₂ he₀].
        assert_eq!(logical_order(&[1, 2, 2, 1]), [3, 1, 2, 0]);
        // English with an Arabic phrase: [en₀ ar₁ ar₂ en₃] shows as [en₀ ar₂ ar₁ en₃].
        assert_eq!(logical_order(&[0, 1, 1, 0]), [0, 2, 1, 3]);
    }
}
