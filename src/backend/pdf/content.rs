//! Page content streams written straight to bytes: rules, fonts, colours and glyph-ID text runs, with the graphics state tracked so nothing repeats.

use super::tag::Artifact;
use crate::layout::Color;

/// A page's content stream being written.
///
/// Text pieces that continue on the same baseline in the same font, size
/// and colour share one `Tm` and one `TJ`: the gap between them becomes a
/// kern number, computed against the `/W` widths the viewer advances by,
/// so every piece lands where it was placed (the same merging printpdf does,
/// which text selection in PDFium needs).
#[derive(Default)]
pub struct Content {
    buf: Vec<u8>,
    stroke: Option<Color>,
    line_width: Option<u32>,
    fill: Option<Color>,
    /// Font resource number and size (bits) currently set.
    font: Option<(usize, u32)>,
    run: Option<Run>,
}

/// An open `TJ` array.
struct Run {
    /// Baseline (as written) and the x of the run's `Tm` (as written).
    y: f32,
    x0: f32,
    size: f32,
    /// Where the viewer's pen is, from `x0`, in thousandths of an em.
    pen: f64,
    /// Whether a hex string is open inside the array.
    hex: bool,
    /// Kerning not yet written: written as one number before the next
    /// glyph, dropped at the end of the run.
    pending: f32,
}

/// One glyph to show: its code (subset glyph id), its `/W` width in
/// thousandths of an em, and the kern after it (a `TJ` number: positive
/// moves the next glyph left).
#[derive(Debug, Clone, Copy)]
pub struct Shown {
    pub code: u16,
    pub width: i64,
    pub kern: f32,
}

impl Content {
    pub fn new() -> Content {
        Content {
            buf: Vec::with_capacity(16 * 1024),
            ..Content::default()
        }
    }

    /// A horizontal line from `x0` to `x1` at height `y`.
    pub fn rule(&mut self, x0: f32, x1: f32, y: f32, thickness: f32, color: Color) {
        if self.stroke != Some(color) {
            self.color(color);
            self.buf.extend_from_slice(b" RG\n");
            self.stroke = Some(color);
        }
        if self.line_width != Some(thickness.to_bits()) {
            self.num(thickness);
            self.buf.extend_from_slice(b" w\n");
            self.line_width = Some(thickness.to_bits());
        }
        self.num(x0);
        self.buf.push(b' ');
        self.num(y);
        self.buf.extend_from_slice(b" m ");
        self.num(x1);
        self.buf.push(b' ');
        self.num(y);
        self.buf.extend_from_slice(b" l S\n");
    }

    /// A rectangle from (`x`, `y`) (its lower left corner), `w` × `h`,
    /// filled with `color` (in its own graphics state: the text colour
    /// tracked for text is left as it was).
    pub fn rect(&mut self, (x, y, w, h): (f32, f32, f32, f32), color: Color) {
        self.flush();
        self.buf.extend_from_slice(b"q ");
        self.color(color);
        self.buf.extend_from_slice(b" rg\n");
        self.op(&[x, y, w, h], b"re f");
        self.buf.extend_from_slice(b"Q\n");
    }

    /// A path (`path`: operators in its own units, ending in a fill)
    /// scaled by `scale` with its origin at (`x`, `y`), filled with `color`.
    pub fn path(&mut self, path: &[u8], (x, y, scale): (f32, f32, f32), color: Color) {
        self.flush();
        self.buf.extend_from_slice(b"q ");
        self.color(color);
        self.buf.extend_from_slice(b" rg\n");
        // The scale takes six decimals: a 512-unit icon drawn 9 pt high is 0.017578.
        let s = (f64::from(scale) * 1_000_000.0).round() as i64;
        self.fixed(s, 1_000_000);
        self.buf.extend_from_slice(b" 0 0 ");
        self.fixed(s, 1_000_000);
        self.buf.push(b' ');
        self.num(x);
        self.buf.push(b' ');
        self.num(y);
        self.buf.extend_from_slice(b" cm\n");
        self.buf.extend_from_slice(path);
        self.buf.extend_from_slice(b"Q\n");
    }

    /// Draws the image XObject `name` in the box from (`x`, `y`) (its lower
    /// left corner) of `w` × `h`, clipped to a rectangle with corners
    /// rounded by `radius` (0: square; half the side of a square: a circle).
    pub fn image(&mut self, name: &[u8], (x, y, w, h): (f32, f32, f32, f32), radius: f32) {
        self.flush();
        self.buf.extend_from_slice(b"q\n");
        let r = radius.clamp(0.0, w.min(h) / 2.0);
        if r > 0.0 {
            // A quarter circle as one Bézier curve: the control points sit
            // 0.5523 of the radius from each end.
            let k = r * (1.0 - 0.552_284_8);
            let (x1, y1) = (x + w, y + h);
            self.op(&[x + r, y], b"m");
            self.op(&[x1 - r, y], b"l");
            self.op(&[x1 - k, y, x1, y + k, x1, y + r], b"c");
            self.op(&[x1, y1 - r], b"l");
            self.op(&[x1, y1 - k, x1 - k, y1, x1 - r, y1], b"c");
            self.op(&[x + r, y1], b"l");
            self.op(&[x + k, y1, x, y1 - k, x, y1 - r], b"c");
            self.op(&[x, y + r], b"l");
            self.op(&[x, y + k, x + k, y, x + r, y], b"c");
            self.buf.extend_from_slice(b"W n\n");
        }
        self.op(&[w, 0.0, 0.0, h, x, y], b"cm");
        self.buf.push(b'/');
        self.buf.extend_from_slice(name);
        self.buf.extend_from_slice(b" Do\nQ\n");
    }

    /// Numbers, then an operator, on one line.
    fn op(&mut self, numbers: &[f32], operator: &[u8]) {
        for n in numbers {
            self.num(*n);
            self.buf.push(b' ');
        }
        self.buf.extend_from_slice(operator);
        self.buf.push(b'\n');
    }

    pub fn begin_text(&mut self) {
        self.buf.extend_from_slice(b"BT\n");
    }

    pub fn end_text(&mut self) {
        self.flush();
        self.buf.extend_from_slice(b"ET\n");
    }

    /// Selects font resource `/F<font>` at `size` points.
    pub fn font(&mut self, font: usize, size: f32) {
        if self.font == Some((font, size.to_bits())) {
            return;
        }
        self.flush();
        self.buf.extend_from_slice(b"/F");
        self.int(font as i64);
        self.buf.push(b' ');
        self.num(size);
        self.buf.extend_from_slice(b" Tf\n");
        self.font = Some((font, size.to_bits()));
    }

    /// Sets the text colour.
    pub fn fill(&mut self, color: Color) {
        if self.fill == Some(color) {
            return;
        }
        self.flush();
        self.color(color);
        self.buf.extend_from_slice(b" rg\n");
        self.fill = Some(color);
    }

    /// Opens a marked-content sequence of structure type `tag` with `mcid`;
    /// with `actual`, that is its text, whatever its glyphs map to.
    pub fn begin_marked(&mut self, tag: &[u8], mcid: usize, actual: Option<&str>) {
        self.flush();
        self.buf.push(b'/');
        self.buf.extend_from_slice(tag);
        self.buf.extend_from_slice(b" <</MCID ");
        self.uint(mcid as u64);
        if let Some(text) = actual {
            self.actual_text(text);
        }
        self.buf.extend_from_slice(b">> BDC\n");
    }

    /// Opens an artifact: content that is not part of the document's text.
    pub fn begin_artifact(&mut self, kind: Artifact) {
        self.flush();
        self.buf.extend_from_slice(match kind {
            Artifact::Layout => b"/Artifact <</Type /Layout>> BDC\n".as_slice(),
            Artifact::Pagination => b"/Artifact <</Type /Pagination /Subtype /Footer>> BDC\n",
            Artifact::Header => b"/Artifact <</Type /Pagination /Subtype /Header>> BDC\n",
        });
    }

    /// Opens a span whose text is `text`, whatever its glyphs map to.
    pub fn begin_actual_text(&mut self, text: &str) {
        self.flush();
        self.buf.extend_from_slice(b"/Span <<");
        self.actual_text(text);
        self.buf.extend_from_slice(b">> BDC\n");
    }

    /// Opens, inside a `/Span` with ActualText, a sequence that only a
    /// reader taking the innermost ActualText reads (MuPDF): poppler reads
    /// ActualText on a `/Span` alone.
    pub fn begin_inner_actual_text(&mut self, text: &str) {
        self.flush();
        self.buf.extend_from_slice(b"/Cluster <<");
        self.actual_text(text);
        self.buf.extend_from_slice(b">> BDC\n");
    }

    /// An `/ActualText` entry: UTF-16BE with a byte-order mark.
    fn actual_text(&mut self, text: &str) {
        self.buf.extend_from_slice(b"/ActualText <feff");
        for unit in text.encode_utf16() {
            hex4(&mut self.buf, unit);
        }
        self.buf.push(b'>');
    }

    /// Closes the innermost marked-content sequence.
    pub fn end_marked(&mut self) {
        self.flush();
        self.buf.extend_from_slice(b"EMC\n");
    }

    /// Shows `glyphs` with the pen at (`x`, `y`), in the current font.
    pub fn show(&mut self, x: f32, y: f32, glyphs: impl Iterator<Item = Shown>) {
        let Some((_, bits)) = self.font else { return };
        let size = f32::from_bits(bits);
        if size <= 0.0 {
            return;
        }
        let (x, y) = (round2(x), round2(y));
        match &mut self.run {
            Some(run) if run.y == y && run.size == size => {
                let dx = f64::from(x - run.x0) * 1000.0 / f64::from(size);
                let kern = round2((run.pen - dx) as f32);
                if kern != 0.0 {
                    self.kern(kern);
                }
            }
            _ => {
                self.flush();
                self.buf.extend_from_slice(b"1 0 0 1 ");
                self.num(x);
                self.buf.push(b' ');
                self.num(y);
                self.buf.extend_from_slice(b" Tm\n[");
                self.run = Some(Run {
                    y,
                    x0: x,
                    size,
                    pen: 0.0,
                    hex: false,
                    pending: 0.0,
                });
            }
        }
        for g in glyphs {
            let Some(run) = &mut self.run else { return };
            let pending = round2(run.pending);
            run.pending = 0.0;
            if pending != 0.0 {
                if run.hex {
                    self.buf.push(b'>');
                    run.hex = false;
                }
                self.num(pending);
            }
            let Some(run) = &mut self.run else { return };
            if !run.hex {
                self.buf.push(b'<');
                run.hex = true;
            }
            run.pen += g.width as f64;
            hex4(&mut self.buf, g.code);
            let kern = round2(g.kern);
            if kern != 0.0 {
                self.kern(kern);
            }
        }
    }

    /// One glyph at (`x`, `y`), stretched to `percent` of its width (`Tz`), in a run of its own.
    pub fn stretched(&mut self, x: f32, y: f32, glyph: Shown, percent: f32) {
        self.flush();
        self.num(percent);
        self.buf.extend_from_slice(b" Tz\n");
        self.show(x, y, std::iter::once(glyph));
        self.flush();
        self.buf.extend_from_slice(b"100 Tz\n");
    }

    /// The stream's bytes.
    pub fn finish(mut self) -> Vec<u8> {
        self.flush();
        self.buf
    }

    /// Kerns the open run (written before its next glyph) and moves its pen.
    fn kern(&mut self, kern: f32) {
        if let Some(run) = &mut self.run {
            run.pen -= f64::from(kern);
            run.pending += kern;
        }
    }

    /// Closes the open `TJ`, if any.
    fn flush(&mut self) {
        if let Some(run) = self.run.take() {
            if run.hex {
                self.buf.push(b'>');
            }
            self.buf.extend_from_slice(b"]TJ\n");
        }
    }

    fn color(&mut self, c: Color) {
        for (i, v) in [c.r, c.g, c.b].into_iter().enumerate() {
            if i > 0 {
                self.buf.push(b' ');
            }
            // Three decimals give back the same 8-bit value.
            let milli = (u32::from(v) * 1000 + 127) / 255;
            self.fixed(i64::from(milli), 1000);
        }
    }

    /// A number with at most two decimals.
    fn num(&mut self, v: f32) {
        self.fixed(hundredths(v), 100);
    }

    /// `scaled / unit`, without trailing zeros.
    fn fixed(&mut self, scaled: i64, unit: i64) {
        if scaled < 0 {
            self.buf.push(b'-');
        }
        let a = scaled.unsigned_abs();
        let unit = unit.unsigned_abs();
        self.uint(a / unit);
        let mut frac = a % unit;
        if frac == 0 {
            return;
        }
        self.buf.push(b'.');
        let mut digit = unit / 10;
        while frac > 0 && digit > 0 {
            self.buf.push(b'0' + (frac / digit) as u8);
            frac %= digit;
            digit /= 10;
        }
    }

    fn int(&mut self, v: i64) {
        if v < 0 {
            self.buf.push(b'-');
        }
        self.uint(v.unsigned_abs());
    }

    fn uint(&mut self, mut v: u64) {
        let mut digits = [0u8; 20];
        let mut n = 0;
        loop {
            if let Some(d) = digits.get_mut(n) {
                *d = b'0' + (v % 10) as u8;
            }
            n += 1;
            v /= 10;
            if v == 0 || n == digits.len() {
                break;
            }
        }
        self.buf.extend(digits.iter().take(n).rev());
    }
}

/// `v` in hundredths, rounded half away from zero (as `f64::round`, which
/// is a library call; this is one instruction).
fn hundredths(v: f32) -> i64 {
    let x = f64::from(v) * 100.0;
    (x + 0.5f64.copysign(x)) as i64
}

/// `v` rounded to two decimals, as written.
fn round2(v: f32) -> f32 {
    (hundredths(v) as f64 / 100.0) as f32
}

fn hex4(buf: &mut Vec<u8>, code: u16) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    for shift in [12, 8, 4, 0] {
        let nibble = usize::from((code >> shift) & 0xf);
        buf.push(HEX.get(nibble).copied().unwrap_or(b'0'));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(c: Content) -> String {
        String::from_utf8(c.finish()).unwrap()
    }

    #[test]
    fn numbers_are_short() {
        let mut c = Content::new();
        for v in [0.0, 1.0, -2.5, 51.023624, 0.004, -0.006, 1000.0] {
            c.num(v);
            c.buf.push(b' ');
        }
        assert_eq!(text(c), "0 1 -2.5 51.02 0 -0.01 1000 ");
        let mut c = Content::new();
        c.color(Color {
            r: 31,
            g: 58,
            b: 255,
        });
        assert_eq!(text(c), "0.122 0.227 1");
    }

    #[test]
    fn pieces_on_one_baseline_share_a_run() {
        let mut c = Content::new();
        c.begin_text();
        c.font(0, 10.0);
        let g = |code, width, kern| Shown { code, width, kern };
        c.show(10.0, 700.0, [g(1, 500, 0.0), g(2, 250, -20.0)].into_iter());
        // The pen is at 770/1000 em = 7.7 pt; the next piece starts at 8 pt.
        c.show(18.0, 700.0, [g(3, 500, 0.0)].into_iter());
        c.fill(Color { r: 0, g: 0, b: 0 });
        c.show(30.0, 700.0, [g(4, 500, 0.0)].into_iter());
        c.end_text();
        assert_eq!(
            text(c),
            "BT\n/F0 10 Tf\n1 0 0 1 10 700 Tm\n[<00010002>-50<0003>]TJ\n0 0 0 rg\n\
             1 0 0 1 30 700 Tm\n[<0004>]TJ\nET\n"
        );
    }

    #[test]
    fn marked_content_closes_the_open_run() {
        let mut c = Content::new();
        c.begin_text();
        c.font(0, 10.0);
        let glyph = |code| {
            [Shown {
                code,
                width: 500,
                kern: 0.0,
            }]
            .into_iter()
        };
        c.begin_marked(b"P", 0, None);
        c.show(10.0, 700.0, glyph(1));
        c.end_marked();
        c.begin_marked(b"P", 1, Some("fi"));
        c.show(15.0, 700.0, glyph(2));
        c.end_marked();
        c.begin_artifact(Artifact::Pagination);
        c.begin_actual_text("2");
        c.show(15.0, 20.0, glyph(3));
        c.end_marked();
        c.end_marked();
        c.end_text();
        assert_eq!(
            text(c),
            "BT\n/F0 10 Tf\n/P <</MCID 0>> BDC\n1 0 0 1 10 700 Tm\n[<0001>]TJ\nEMC\n\
             /P <</MCID 1/ActualText <feff00660069>>> BDC\n1 0 0 1 15 700 Tm\n[<0002>]TJ\nEMC\n\
             /Artifact <</Type /Pagination /Subtype /Footer>> BDC\n\
             /Span <</ActualText <feff0032>>> BDC\n1 0 0 1 15 20 Tm\n[<0003>]TJ\nEMC\nEMC\nET\n"
        );
    }

    #[test]
    fn rules_set_colour_and_width_once() {
        let mut c = Content::new();
        let red = Color { r: 255, g: 0, b: 0 };
        c.rule(0.0, 10.0, 5.0, 0.5, red);
        c.rule(0.0, 10.0, 8.0, 0.5, red);
        assert_eq!(text(c), "1 0 0 RG\n0.5 w\n0 5 m 10 5 l S\n0 8 m 10 8 l S\n");
    }
}
