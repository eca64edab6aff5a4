//! Fitting to a page count (`--max-pages N`): the definition is tightened
//! step by step — vertical spaces and line height first, then margins, then
//! font sizes — within the limits of the layout's `[fit]` table, until the
//! composed document fits. Nothing is dropped and the keep rules of
//! [`super::compose`] still hold: only sizes change.
//!
//! The tightenings form one sequence from "as the layout says" to "as tight
//! as the layout allows", each a little tighter than the one before. The
//! untouched layout is tried first (so a resume that already fits comes out
//! byte-identical), then the tightest (so a hopeless one fails after two
//! compositions), then a binary search between them for the loosest one
//! that fits: about seven compositions instead of twenty.

use std::borrow::Cow;

use super::shape::Shaper;
use super::{Laid, fonts, lay_out};
use crate::backend::{RenderError, RenderOptions};
use crate::document::Document;
use crate::layout::{Definition, Fit, Paper};

/// One point of the sequence: factors on spaces, margins and type.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Tightening {
    spacing: f32,
    margin: f32,
    font: f32,
}

const AS_IS: Tightening = Tightening {
    spacing: 1.0,
    margin: 1.0,
    font: 1.0,
};

/// The `[fit]` limits made safe: factors within (0, 1], a positive step. A
/// value out of range (or NaN) falls back to "no tightening" for a limit and
/// to 0.05 for the step, so a careless user layout cannot loop or invert.
struct Limits {
    spacing: f32,
    line_height: f32,
    margin_mm: f32,
    font: f32,
    step: f32,
}

impl Limits {
    fn new(fit: &Fit) -> Limits {
        let factor = |v: f32| {
            if v.is_finite() && v > 0.0 {
                v.min(1.0)
            } else {
                1.0
            }
        };
        let non_negative = |v: f32, default: f32| {
            if v.is_finite() && v >= 0.0 {
                v
            } else {
                default
            }
        };
        Limits {
            spacing: factor(fit.min_spacing_scale),
            line_height: non_negative(fit.min_line_height, f32::MAX),
            margin_mm: non_negative(fit.min_margin_mm, f32::MAX),
            font: factor(fit.min_font_scale),
            step: if fit.step.is_finite() && fit.step >= 0.01 {
                fit.step.min(1.0)
            } else {
                0.05
            },
        }
    }
}

/// Factors `1 - step`, `1 - 2·step`, … down to `min` (included), computed
/// from the step count so no rounding error builds up.
fn ladder(min: f32, step: f32) -> Vec<f32> {
    let mut out = Vec::new();
    let mut k = 1u16;
    while out.last().is_none_or(|&f| f > min) && min < 1.0 {
        out.push((1.0 - f32::from(k) * step).max(min));
        k = k.saturating_add(1);
    }
    out
}

/// Every tightening the layout allows, loosest first; the first is [`AS_IS`].
fn sequence(def: &Definition) -> Vec<Tightening> {
    let lim = Limits::new(&def.fit);
    let mut out = vec![AS_IS];
    let mut t = AS_IS;
    for s in ladder(lim.spacing, lim.step) {
        t.spacing = s;
        out.push(t);
    }
    let p = &def.page;
    let widest = [p.margin_top, p.margin_bottom, p.margin_left, p.margin_right]
        .into_iter()
        .fold(0.0f32, f32::max);
    if widest > lim.margin_mm {
        // The factor at which the widest margin reaches the minimum: every
        // other margin is at its minimum (or never was above it) by then.
        for m in ladder(lim.margin_mm / widest, lim.step) {
            t.margin = m;
            out.push(t);
        }
    }
    for f in ladder(lim.font, lim.step) {
        t.font = f;
        out.push(t);
    }
    out
}

/// `def` tightened by `t`.
fn apply(def: &Definition, t: Tightening) -> Definition {
    let lim = Limits::new(&def.fit);
    let mut d = def.clone();
    let sp = &mut d.spacing;
    for v in [
        &mut sp.after_header,
        &mut sp.before_section,
        &mut sp.after_heading,
        &mut sp.between_entries,
        &mut sp.after_paragraph,
    ] {
        *v *= t.spacing;
    }
    // The line height moves towards its minimum as the spaces shrink, and
    // reaches it with theirs: leading and gaps tighten together, so the
    // rhythm stays even.
    if sp.line_height > lim.line_height {
        let progress = if lim.spacing < 1.0 {
            ((1.0 - t.spacing) / (1.0 - lim.spacing)).clamp(0.0, 1.0)
        } else {
            0.0
        };
        sp.line_height -= (sp.line_height - lim.line_height) * progress;
    }
    let pg = &mut d.page;
    for v in [
        &mut pg.margin_top,
        &mut pg.margin_bottom,
        &mut pg.margin_left,
        &mut pg.margin_right,
    ] {
        *v = v.min((*v * t.margin).max(lim.margin_mm));
    }
    let sz = &mut d.sizes;
    for v in [
        &mut sz.name,
        &mut sz.label,
        &mut sz.contact,
        &mut sz.heading,
        &mut sz.entry_title,
        &mut sz.body,
        &mut sz.small,
    ] {
        *v *= t.font;
    }
    d
}

/// The loosest definition (from `def`) with which `document` fits
/// `max_pages` pages, and the document laid out with it. `def` itself is
/// returned, borrowed, when it fits already. When even the tightest does
/// not fit, the error says by how much.
pub(super) fn search<'d>(
    document: &Document,
    def: &'d Definition,
    paper: Paper,
    max_pages: u32,
    shaper: &mut Shaper,
) -> Result<(Cow<'d, Definition>, Laid), RenderError> {
    let max = usize::try_from(max_pages.max(1)).unwrap_or(usize::MAX);
    let laid = lay_out(document, def, paper, shaper);
    if laid.pages.len() <= max {
        return Ok((Cow::Borrowed(def), laid));
    }
    let steps = sequence(def);
    let last = steps.len() - 1;
    let tightest = apply(def, steps.get(last).copied().unwrap_or(AS_IS));
    let laid = lay_out(document, &tightest, paper, shaper);
    if laid.pages.len() > max {
        return Err(RenderError::DoesNotFit(overflow_message(
            &tightest, &laid, max,
        )));
    }
    // Invariant: steps[lo] does not fit, steps[hi] fits (and `best` is it).
    let (mut lo, mut hi) = (0, last);
    let mut best = (tightest, laid);
    while hi - lo > 1 {
        let mid = lo + (hi - lo) / 2;
        let d = apply(def, steps.get(mid).copied().unwrap_or(AS_IS));
        let laid = lay_out(document, &d, paper, shaper);
        if laid.pages.len() <= max {
            hi = mid;
            best = (d, laid);
        } else {
            lo = mid;
        }
    }
    Ok((Cow::Owned(best.0), best.1))
}

/// The share of a page's content height under which a last page counts as
/// nearly empty. A fifth of an A4 page is about ten body lines: two short
/// entries, as alex-rn's third page; the tightest settings of the built-in
/// layouts win back roughly a fifth of the height of every page, so a
/// longer last page seldom fits anyway, and below it the page reads as
/// left over, not as content.
const NEARLY_EMPTY: f32 = 0.2;

/// A note when the last of several pages is nearly empty and `--max-pages`
/// one fewer would fit the resume ("page 3 holds 6 lines; --max-pages 2
/// fits it"). Composes once more (at the tightest settings, which fit if
/// any does) only when the last page is nearly empty.
pub(super) fn last_page_note(
    document: &Document,
    def: &Definition,
    paper: Paper,
    laid: &Laid,
    shaper: &mut Shaper,
) -> Option<String> {
    let count = laid.pages.len();
    let last = laid.pages.last().filter(|_| count > 1)?;
    if last.used > laid.avail * NEARLY_EMPTY {
        return None;
    }
    let tightest = apply(def, sequence(def).last().copied().unwrap_or(AS_IS));
    if lay_out(document, &tightest, paper, shaper).pages.len() >= count {
        return None;
    }
    let lines = last.lines();
    Some(format!(
        "page {count} holds {} line{}; --max-pages {} fits it",
        lines,
        if lines == 1 { "" } else { "s" },
        count - 1
    ))
}

/// What `--max-pages` would set `def` to for `document` (for backends that
/// cannot count their own pages, like DOCX: Word paginates it). Pure, like
/// every backend; fails as the PDF backend would when nothing fits.
pub fn fitted_definition(
    document: &Document,
    def: &Definition,
    options: &RenderOptions,
    max_pages: u32,
) -> Result<Definition, RenderError> {
    let mut warnings = Vec::new();
    let user = fonts::parse_user(&options.fonts, &mut warnings);
    let set = fonts::FontSet::new(
        &user,
        fonts::bundled(),
        &def.fonts.body,
        &def.fonts.heading,
        &mut warnings,
    );
    let mut shaper = Shaper::new(&set);
    let paper = options.paper.unwrap_or(def.page.paper);
    search(document, def, paper, max_pages, &mut shaper).map(|(d, _)| d.into_owned())
}

/// "does not fit on 1 page …: 1 page and 23 lines over (about 140 % of a page)".
fn overflow_message(tightest: &Definition, laid: &Laid, max: usize) -> String {
    let over: f32 = laid.pages.iter().skip(max).map(|p| p.used).sum();
    let page = laid.avail.max(1.0);
    let line = (tightest.sizes.body * tightest.spacing.line_height).max(1.0);
    let whole = (over / page).floor();
    let lines = ((over - whole * page) / line).round().max(1.0);
    let plural = |n: f32, word: &str| {
        if n == 1.0 {
            format!("{n} {word}")
        } else {
            format!("{n} {word}s")
        }
    };
    let amount = if whole >= 1.0 {
        format!("{} and {}", plural(whole, "page"), plural(lines, "line"))
    } else {
        plural(lines, "line")
    };
    format!(
        "does not fit on {} even at the tightest settings the layout allows \
         (spacing {:.0} %, margins {:.0} mm, type {:.1} pt): {amount} over \
         (about {:.0} % of a page); shorten it (--sections, --tags, \
         --max-highlights) or allow more pages",
        plural(max as f32, "page"),
        Limits::new(&tightest.fit).spacing * 100.0,
        tightest.page.margin_left.min(tightest.page.margin_top),
        tightest.sizes.body,
        over / page * 100.0,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::Layout;

    #[test]
    fn the_sequence_tightens_spacing_then_margins_then_type() {
        let layout = Layout::builtin("classic").unwrap();
        let def = layout.definition();
        let steps = sequence(def);
        assert_eq!(steps[0], AS_IS);
        for pair in steps.windows(2) {
            let (a, b) = (pair[0], pair[1]);
            assert!(b.spacing <= a.spacing && b.margin <= a.margin && b.font <= a.font);
            assert_ne!(a, b);
            // One phase at a time: a margin or type change waits for the spaces.
            if b.margin < 1.0 {
                assert_eq!(b.spacing, def.fit.min_spacing_scale);
            }
            if b.font < 1.0 {
                assert!(apply(def, a).page.margin_top <= def.fit.min_margin_mm + 1e-3);
            }
        }
        let tight = apply(def, *steps.last().unwrap());
        assert_eq!(tight.sizes.body, def.sizes.body * def.fit.min_font_scale);
        assert!((tight.spacing.line_height - def.fit.min_line_height).abs() < 1e-4);
        assert_eq!(tight.page.margin_left, def.fit.min_margin_mm);
        assert_eq!(tight.page.margin_top, def.fit.min_margin_mm);
        assert_eq!(apply(def, AS_IS), *def);
    }

    #[test]
    fn bad_limits_do_not_loop_or_grow() {
        let layout = Layout::builtin("classic").unwrap();
        let mut def = layout.definition().clone();
        def.fit = Fit {
            min_spacing_scale: f32::NAN,
            min_line_height: -1.0,
            min_margin_mm: 500.0,
            min_font_scale: 7.0,
            step: 0.0,
        };
        assert_eq!(sequence(&def), vec![AS_IS]);
        assert!(ladder(0.0, 0.05).len() == 20);
    }
}
