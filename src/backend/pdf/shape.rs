//! Shaping: styled text becomes pieces of positioned glyphs, each piece in
//! one face, chosen character by character by coverage, and one bidi level.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use rustc_hash::FxHashMap;

use compact_str::CompactString;
use unicode_bidi::{BidiClass, bidi_class};

use super::fonts::{FontKey, FontSet, ignorable};

mod cache;
use crate::layout::Color;

/// How a span of text looks.
#[derive(Debug, Clone, PartialEq)]
pub struct TextStyle {
    pub font: FontKey,
    /// Points.
    pub size: f32,
    pub color: Color,
    /// Index into the render's link targets.
    pub link: Option<usize>,
    /// Left out at the start and end of a line (contact separators).
    pub elide: bool,
}

/// A span of text in one style.
#[derive(Debug, Clone)]
pub struct Span {
    pub text: String,
    pub style: TextStyle,
}

/// One glyph as drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Glyph ID in the original face.
    pub gid: u16,
    /// Shaped advance, in points.
    pub advance: f32,
    /// Horizontal offset from the pen, in points (marks, GPOS).
    pub x_offset: f32,
    /// Vertical offset from the baseline, in points, upwards (marks stacked
    /// by GPOS: Thai tone marks over vowels, Indic and Khmer marks).
    pub y_offset: f32,
    /// The glyph is in the cluster of the glyph before it, though it has
    /// text of its own (a mark given its character): lines are not cut
    /// before it, and left-to-right text shows the cluster as one.
    pub joined: bool,
    /// The characters this glyph stands for (the whole cluster on its first
    /// glyph, empty on the others), for ToUnicode. Inline up to 24 bytes:
    /// a glyph's text is almost always one character, and a `String` per
    /// glyph was the largest source of allocations in a render.
    pub text: CompactString,
}

/// Glyphs in one face, style and direction, in visual order.
#[derive(Debug, Clone, PartialEq)]
pub struct Piece {
    pub face: usize,
    pub style: TextStyle,
    /// Bidi embedding level; odd is right-to-left.
    pub level: u8,
    pub glyphs: Vec<Glyph>,
    /// Only spaces, or an elided separator: dropped at line ends.
    pub space: bool,
}

impl Piece {
    /// Width in points.
    pub fn width(&self) -> f32 {
        self.glyphs.iter().map(|g| g.advance).sum()
    }

    /// The text this piece stands for, in visual order of its glyphs.
    #[cfg(test)]
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.text.as_str()).collect()
    }
}

/// Shapes runs of one style: splits `text` where the face or bidi level
/// changes and shapes each part. Characters no face covers are left out and
/// reported in `missing`.
pub struct Shaper<'s, 'f> {
    pub fonts: &'s FontSet<'f>,
    pub missing: BTreeSet<char>,
    /// Shape plans by face, direction (true: RTL) and script: building a
    /// plan costs more than shaping a word. Taken from the process's plans
    /// (`cache`) once per render, so that no lock is taken for the others.
    plans: Plans,
    /// Shaped runs by face and direction, then text, in font units: a resume
    /// repeats its words and spaces, and shaping depends on nothing else (the
    /// size only scales the result). A run not shaped yet in this render
    /// comes from the process's word cache, or is shaped and put there. Fx
    /// hashing: SipHash cost more than the lookups it guarded, and nothing
    /// here reaches the output in hash order.
    shaped: FxHashMap<(usize, bool), FxHashMap<String, cache::Shaped>>,
    /// Per face, whether it covers each ASCII character (0: not looked up,
    /// 1: yes, 2: no): a cmap lookup costs a few hundred instructions, and
    /// most text is ASCII.
    ascii: Vec<[u8; 128]>,
    /// By chain and character past ASCII, the chain's first face that has it.
    first: FxHashMap<(FontKey, char), Option<usize>>,
}

/// A render's shape plans by face index, direction and script.
type Plans = BTreeMap<(usize, bool, rustybuzz::Script), Arc<rustybuzz::ShapePlan>>;

/// A shaped glyph in font units, as cached.
pub struct Unshaped {
    gid: u16,
    advance: i32,
    x_offset: i32,
    y_offset: i32,
    joined: bool,
    text: CompactString,
}

impl<'s, 'f> Shaper<'s, 'f> {
    pub fn new(fonts: &'s FontSet<'f>) -> Self {
        Shaper {
            fonts,
            missing: BTreeSet::new(),
            plans: BTreeMap::new(),
            shaped: FxHashMap::default(),
            ascii: Vec::new(),
            first: FxHashMap::default(),
        }
    }

    /// Whether face `face` has a glyph for `c`.
    fn covers(&mut self, face: usize, c: char) -> bool {
        let Some(f) = self.fonts.face(face) else {
            return false;
        };
        let Ok(i) = u8::try_from(c) else {
            return f.covers(c);
        };
        if self.ascii.len() <= face {
            self.ascii.resize(face + 1, [0; 128]);
        }
        let Some(slot) = self
            .ascii
            .get_mut(face)
            .and_then(|t| t.get_mut(usize::from(i)))
        else {
            return f.covers(c);
        };
        if *slot == 0 {
            *slot = if f.covers(c) { 1 } else { 2 };
        }
        *slot == 1
    }

    /// Pieces for `chars` (character, bidi level) in `style`, in logical order.
    pub fn shape(&mut self, chars: &[(char, u8)], style: &TextStyle) -> Vec<Piece> {
        let fonts = self.fonts;
        let chain = fonts.chain(style.font);
        let mut pieces = Vec::new();
        let mut current: Option<(usize, u8, String)> = None;
        for &(c, level) in chars {
            let c = if c == '\t' || c == '\u{00A0}' && !self.covers_in(chain, c) {
                ' '
            } else {
                c
            };
            if c == '\u{00AD}' {
                continue;
            }
            // Spaces and marks stay in the current face; anything else goes
            // to the first face of the chain that has it.
            let sticky = c.is_whitespace()
                || (!c.is_ascii() && bidi_class(c) == BidiClass::NSM)
                || ignorable(c);
            let current_face = current.as_ref().map(|(f, _, _)| *f);
            let face = match current_face {
                Some(f) if sticky && self.covers(f, c) => Some(f),
                // Invisible formatting (a zero-width space, a joiner) never
                // takes another face: many fallback faces have a glyph for
                // it, and choosing one would draw it, and inflate a packed
                // face, for a character that shows nothing.
                _ if ignorable(c) => None,
                _ => self.first_covering(style.font, chain, c),
            };
            let Some(face) = face else {
                if !ignorable(c) && !c.is_whitespace() {
                    self.missing.insert(c);
                }
                continue;
            };
            match current.as_mut() {
                Some((f, l, s)) if *f == face && *l == level => s.push(c),
                _ => {
                    if let Some((f, l, s)) = current.take() {
                        pieces.extend(self.shape_run(f, l, &s, style));
                    }
                    current = Some((face, level, c.to_string()));
                }
            }
        }
        if let Some((f, l, s)) = current.take() {
            pieces.extend(self.shape_run(f, l, &s, style));
        }
        pieces
    }

    /// The first face of `key`'s chain with a glyph for `c`, remembered
    /// for characters past ASCII: a CJK resume looks up thousands, each
    /// through many faces before the one that has it.
    fn first_covering(&mut self, key: FontKey, chain: &[usize], c: char) -> Option<usize> {
        if c.is_ascii() {
            return chain.iter().copied().find(|&i| self.covers(i, c));
        }
        if let Some(&found) = self.first.get(&(key, c)) {
            return found;
        }
        let found = chain.iter().copied().find(|&i| self.covers(i, c));
        self.first.insert((key, c), found);
        found
    }

    fn covers_in(&mut self, chain: &[usize], c: char) -> bool {
        chain.iter().any(|&i| self.covers(i, c))
    }

    fn shape_run(
        &mut self,
        face: usize,
        level: u8,
        text: &str,
        style: &TextStyle,
    ) -> Option<Piece> {
        let f = self.fonts.face(face)?;
        let rtl = level % 2 == 1;
        let scale = style.size / f.upem;
        let seen = self.shaped.entry((face, rtl)).or_default();
        let units = match seen.get(text) {
            Some(units) => Arc::clone(units),
            None => {
                let plans = &mut self.plans;
                let units = cache::word(f.uid, rtl, text, || match f.buzz() {
                    Some(buzz) => shape_units(buzz, plans, (face, f.uid), rtl, text),
                    None => Vec::new(),
                });
                seen.insert(text.to_string(), Arc::clone(&units));
                units
            }
        };
        let glyphs = units
            .iter()
            .map(|u| Glyph {
                gid: u.gid,
                advance: u.advance as f32 * scale,
                x_offset: u.x_offset as f32 * scale,
                y_offset: u.y_offset as f32 * scale,
                joined: u.joined,
                text: u.text.clone(),
            })
            .collect();
        Some(Piece {
            face,
            style: style.clone(),
            level,
            glyphs,
            space: style.elide || text.chars().all(char::is_whitespace),
        })
    }
}

/// Shapes one run of one face and direction, in font units.
/// `face` is the face's index in the render and its uid.
fn shape_units(
    buzz: &rustybuzz::Face<'_>,
    plans: &mut Plans,
    (face, uid): (usize, u64),
    rtl: bool,
    text: &str,
) -> Vec<Unshaped> {
    let mut buf = rustybuzz::UnicodeBuffer::new();
    buf.push_str(text);
    let direction = if rtl {
        rustybuzz::Direction::RightToLeft
    } else {
        rustybuzz::Direction::LeftToRight
    };
    buf.set_direction(direction);
    buf.guess_segment_properties();
    let script = buf.script();
    let plan = plans.entry((face, rtl, script)).or_insert_with(|| {
        cache::plan((uid, rtl, script), || {
            rustybuzz::ShapePlan::new(buzz, direction, Some(script), None, &[])
        })
    });
    let out = rustybuzz::shape_with_plan(buzz, plan, buf);
    // Cluster starts in logical order give each cluster's text.
    let mut starts: Vec<usize> = out
        .glyph_infos()
        .iter()
        .map(|g| g.cluster as usize)
        .collect();
    starts.sort_unstable();
    starts.dedup();
    let mut claimed = BTreeSet::new();
    let mut units: Vec<Unshaped> = out
        .glyph_infos()
        .iter()
        .zip(out.glyph_positions())
        .map(|(info, pos)| {
            let start = info.cluster as usize;
            let text = if claimed.insert(start) {
                let end = starts
                    .iter()
                    .find(|&&s| s > start)
                    .copied()
                    .unwrap_or(text.len());
                // No-break spaces only steer line breaking; extracted
                // text should have plain spaces.
                let cluster = text.get(start..end).unwrap_or("");
                if cluster.contains('\u{00A0}') {
                    CompactString::from(cluster.replace('\u{00A0}', " "))
                } else {
                    CompactString::from(cluster)
                }
            } else {
                CompactString::default()
            };
            Unshaped {
                gid: u16::try_from(info.glyph_id).unwrap_or(0),
                advance: pos.x_advance,
                x_offset: pos.x_offset,
                y_offset: pos.y_offset,
                joined: false,
                text,
            }
        })
        .collect();
    let clusters: Vec<u32> = out.glyph_infos().iter().map(|g| g.cluster).collect();
    split_marks(buzz, &clusters, rtl, &mut units);
    units
}

/// Gives each mark glyph of a cluster its own character and the base glyph
/// the rest, where the cluster's glyphs spell it that way: a mark's glyph
/// is the face's glyph for it, and the glyphs read in the order they are
/// written (left to right, or from the right in right-to-left text) give
/// the cluster's text. Readers of ToUnicode alone (pdfminer.six, pypdf)
/// then get every character of such a cluster (most Thai, Arabic and Indic
/// marks); right-to-left text needs no ActualText for it, left-to-right
/// text still shows it as one (see `draw::line`). Other clusters
/// (ligatures, a vowel sign drawn before its consonant, marks GSUB
/// substituted) keep their text on their first glyph.
fn split_marks(buzz: &rustybuzz::Face, clusters: &[u32], rtl: bool, units: &mut [Unshaped]) {
    let mut i = 0;
    while i < units.len() {
        let id = clusters.get(i).copied();
        let n = clusters
            .iter()
            .skip(i)
            .take_while(|&&c| Some(c) == id)
            .count()
            .max(1);
        if let Some(group) = units.get_mut(i..i + n)
            && n > 1
        {
            split_cluster(buzz, rtl, group);
        }
        i += n;
    }
}

fn split_cluster(buzz: &rustybuzz::Face, rtl: bool, group: &mut [Unshaped]) {
    let text: String = group.iter().map(|u| u.text.as_str()).collect();
    let mut left: Vec<Option<char>> = text.chars().map(Some).collect();
    let mut own: Vec<Option<char>> = vec![None; group.len()];
    for (glyph, slot) in group.iter().zip(own.iter_mut()) {
        let found = left.iter_mut().find(|c| {
            c.is_some_and(|c| {
                bidi_class(c) == BidiClass::NSM
                    && buzz.glyph_index(c).is_some_and(|g| g.0 == glyph.gid)
            })
        });
        if let Some(c) = found {
            *slot = c.take();
        }
    }
    let base: String = left.iter().flatten().collect();
    if base.is_empty() || own.iter().filter(|c| c.is_none()).count() != 1 {
        return;
    }
    let mut spelled = String::new();
    let mut push = |c: &Option<char>| match c {
        Some(c) => spelled.push(*c),
        None => spelled.push_str(&base),
    };
    if rtl {
        own.iter().rev().for_each(&mut push);
    } else {
        own.iter().for_each(&mut push);
    }
    if spelled != text {
        return;
    }
    for (k, (glyph, c)) in group.iter_mut().zip(own).enumerate() {
        glyph.joined = k > 0;
        glyph.text = match c {
            Some(c) => CompactString::from(&*c.encode_utf8(&mut [0; 4])),
            None => CompactString::from(base.as_str()),
        };
    }
}

#[cfg(test)]
mod harfbuzz;
