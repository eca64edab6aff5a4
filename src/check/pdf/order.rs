//! Reading order: glyphs become words, words become lines by baseline, and side-by-side columns are read one after the other.

use super::interpret::Glyph;

/// A word on the page.
#[derive(Debug, Clone)]
struct Word {
    x0: f32,
    x1: f32,
    y: f32,
    size: f32,
    text: String,
    /// Drawing order: the indices of the word's first and last glyph.
    drawn: (usize, usize),
}

/// A line of text in reading order.
#[derive(Debug, Clone, PartialEq)]
pub struct Line {
    pub text: String,
    /// Left end and baseline, in points.
    pub x: f32,
    pub y: f32,
    pub size: f32,
}

/// Text laid out in columns: where, and how many lines it covers.
#[derive(Debug, Clone, PartialEq)]
pub struct Band {
    /// Index of the band's first line in the page's lines.
    pub first_line: usize,
    pub lines: usize,
    /// Number of columns side by side (2 or more).
    pub columns: usize,
    /// Whether each column is drawn whole before the next, so that a reader
    /// following the drawing order does not mix them.
    pub apart: bool,
}

/// A row: words that share a baseline, left to right.
#[derive(Debug, Clone)]
struct Row {
    y: f32,
    size: f32,
    words: Vec<Word>,
}

/// Pages with more rows than this are read row by row, without looking for columns.
const MAX_ROWS_FOR_COLUMNS: usize = 3000;
/// Columns are looked for inside columns this deep.
const MAX_DEPTH: usize = 3;

/// Words from glyphs in drawing order: a space, a jump back, a change of
/// baseline or a gap wider than a fraction of the font size ends a word.
fn words(glyphs: &[Glyph]) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut open = false;
    for (at_glyph, g) in glyphs.iter().enumerate() {
        let size = g.size.max(0.1);
        let pieces: Vec<&str> = g.text.split_whitespace().collect();
        if pieces.is_empty() {
            open = false;
            continue;
        }
        if g.text.starts_with(char::is_whitespace) {
            open = false;
        }
        let n = g.text.chars().count().max(1) as f32;
        let per_char = (g.end - g.x) / n;
        let mut offset = 0usize;
        for (k, piece) in pieces.iter().enumerate() {
            // Where this piece starts inside the glyph's text.
            let at = g
                .text
                .get(offset..)
                .and_then(|rest| rest.find(piece))
                .map_or(0, |i| i + offset);
            offset = at + piece.len();
            let chars_before = g.text.get(..at).map_or(0, |s| s.chars().count()) as f32;
            let x0 = g.x + per_char * chars_before;
            let x1 = if k + 1 == pieces.len() {
                g.end
            } else {
                x0 + per_char * piece.chars().count() as f32
            };
            let joins = open
                && k == 0
                && out.last().is_some_and(|w| {
                    if is_mark(&w.text) && piece.starts_with(char::is_alphanumeric) {
                        // A list's mark set close to its text is not part of it
                        // (a dash before a comma, "-,", still is one word).
                        return false;
                    }
                    let tol = 0.3 * size.max(w.size);
                    (w.y - g.y).abs() <= tol
                        && x0 >= w.x1 - tol
                        && x0 - w.x1 <= 0.12 * size.max(w.size)
                });
            match out.last_mut() {
                Some(w) if joins => {
                    w.text.push_str(piece);
                    w.x1 = w.x1.max(x1);
                    w.drawn.1 = at_glyph;
                }
                _ => out.push(Word {
                    x0,
                    x1: x1.max(x0),
                    y: g.y,
                    size,
                    text: (*piece).to_string(),
                    drawn: (at_glyph, at_glyph),
                }),
            }
            open = true;
        }
        if g.text.ends_with(char::is_whitespace) {
            open = false;
        }
    }
    out
}

/// Whether a word is a list item's mark alone (a bullet, a dash).
fn is_mark(text: &str) -> bool {
    matches!(text, "•" | "◦" | "▪" | "‣" | "·" | "–" | "—" | "-" | "*")
}

/// The size a row's tolerance is a share of: the larger, unless one is more
/// than twice the other (a name beside small contact lines shares a row only
/// with what sits on its baseline; a superscript still joins its line).
fn same_line_size(a: f32, b: f32) -> f32 {
    let (lo, hi) = (a.min(b), a.max(b));
    if hi > 2.0 * lo { lo } else { hi }
}

/// Rows: words sorted top to bottom, grouped while baselines stay within a
/// fraction of the font size, each row sorted left to right.
fn rows(mut words: Vec<Word>) -> Vec<Row> {
    words.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<Row> = Vec::new();
    for w in words {
        match out.last_mut() {
            Some(r) if r.y - w.y <= 0.45 * same_line_size(r.size, w.size) => {
                r.size = r.size.max(w.size);
                r.words.push(w);
            }
            _ => out.push(Row {
                y: w.y,
                size: w.size,
                words: vec![w],
            }),
        }
    }
    for r in &mut out {
        r.words.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        // The same word drawn twice on itself (fake bold, shadows) is read once.
        r.words
            .dedup_by(|b, a| a.text == b.text && (a.x0 - b.x0).abs() < 0.2 * a.size);
    }
    out
}

type Span = (f32, f32);

/// The gaps of a row at least `min` wide within [lo, hi].
fn free(row: &Row, lo: f32, hi: f32, min: f32) -> Vec<Span> {
    let mut out = Vec::new();
    let mut at = lo;
    for w in &row.words {
        if w.x0 - at >= min {
            out.push((at, w.x0));
        }
        at = at.max(w.x1);
    }
    if hi - at >= min {
        out.push((at, hi));
    }
    out
}

fn intersect(a: &[Span], b: &[Span], min: f32) -> Vec<Span> {
    let mut out = Vec::new();
    for &(a0, a1) in a {
        for &(b0, b1) in b {
            let (lo, hi) = (a0.max(b0), a1.min(b1));
            if hi - lo >= min {
                out.push((lo, hi));
            }
        }
    }
    out
}

/// The longest run of rows (of one side) spaced like lines of one paragraph.
fn flow(rows: &[&Row]) -> usize {
    let (mut best, mut run) = (0usize, 0usize);
    let mut prev: Option<&Row> = None;
    for r in rows {
        run = match prev {
            Some(p) if p.y - r.y <= 1.7 * p.size.max(r.size) => run + 1,
            _ => 1,
        };
        best = best.max(run);
        prev = Some(r);
    }
    best
}

/// The rows of one side of a gutter.
fn side(rows: &[Row], keep: impl Fn(&Word) -> bool) -> Vec<Row> {
    rows.iter()
        .filter_map(|r| {
            let words: Vec<Word> = r.words.iter().filter(|w| keep(w)).cloned().collect();
            (!words.is_empty()).then(|| Row {
                y: words.first().map_or(r.y, |w| w.y),
                size: words.iter().map(|w| w.size).fold(0.0, f32::max),
                words,
            })
        })
        .collect()
}

/// How wide some rows spread.
fn width(rows: &[Row]) -> f32 {
    let words = || rows.iter().flat_map(|r| r.words.iter());
    let lo = words().map(|w| w.x0).fold(f32::MAX, f32::min);
    let hi = words().map(|w| w.x1).fold(f32::MIN, f32::max);
    (hi - lo).max(0.0)
}

/// Whether a side is too narrow to be a column of text (list bullets, numbers).
fn narrow(rows: &[Row]) -> bool {
    let words = || rows.iter().flat_map(|r| r.words.iter());
    width(rows) < 4.0 * median_size(rows) || words().all(|w| w.text.chars().count() <= 2)
}

/// Whether rows split at a gutter read as two columns rather than as a table
/// or a list with right-aligned dates: both sides run on for several lines,
/// and either the sides mostly do not share their baselines (as the cells of
/// a table row do) or the left side's lines run up to the gutter, as wrapped
/// text does, beside more than a flush-right column of dates.
fn is_columns(left: &[Row], right: &[Row], gutter: Span) -> bool {
    let l: Vec<&Row> = left.iter().collect();
    let r: Vec<&Row> = right.iter().collect();
    if flow(&l) < 3 || flow(&r) < 3 || narrow(left) || narrow(right) {
        return false;
    }
    let shares = |row: &Row, others: &[Row]| {
        others
            .iter()
            .any(|o| (o.y - row.y).abs() <= 0.15 * o.size.max(row.size))
    };
    let unpaired = left.iter().filter(|row| !shares(row, right)).count()
        + right.iter().filter(|row| !shares(row, left)).count();
    let left_lo = left
        .iter()
        .filter_map(|r| r.words.first())
        .map(|w| w.x0)
        .fold(f32::MAX, f32::min);
    let reach = (gutter.0 - left_lo).max(1.0) * 0.12;
    let filled = left
        .iter()
        .filter(|r| r.words.last().is_some_and(|w| w.x1 >= gutter.0 - reach))
        .count();
    let lines = left.len() + right.len();
    if dates_column(left, right) {
        // A flush-right column of dates, each on its item's line, is a list
        // read across as a table, however many lines under its items have
        // none beside them. It is a column of its own (RenderCV's grid of
        // text beside dates, places and durations) when its lines stack one
        // right under the other, beside the lines of a paragraph.
        let stacked = right
            .windows(2)
            .any(|w| matches!(w, [a, b] if (a.y - b.y).abs() <= 1.3 * a.size.max(b.size)));
        return stacked && unpaired >= 2 && unpaired * 10 >= lines * 3;
    }
    // Two lines out of step are a heading or a stray line (harvard's centred
    // heading over an organisation and its place), not a column.
    unpaired >= 3 && unpaired * 10 >= lines * 3 || filled * 10 >= left.len() * 6
}

/// A narrow right side whose lines end flush: a column of dates (or places)
/// beside a list, each on its item's line (two in three at least; a split
/// header's contact lines, stacked beside a name, are not).
fn dates_column(left: &[Row], right: &[Row]) -> bool {
    let size = median_size(right);
    let ends = right.iter().filter_map(|r| r.words.last()).map(|w| w.x1);
    let (end_lo, end_hi) = ends.fold((f32::MAX, f32::MIN), |(a, b), x| (a.min(x), b.max(x)));
    let beside = right
        .iter()
        .filter(|r| {
            left.iter()
                .any(|l| (l.y - r.y).abs() <= 0.15 * l.size.max(r.size))
        })
        .count();
    width(right) < 0.4 * width(left)
        && end_hi - end_lo <= 0.5 * size
        && beside * 3 >= right.len() * 2
}

/// Median font size of some rows.
fn median_size(rows: &[Row]) -> f32 {
    let mut sizes: Vec<f32> = rows
        .iter()
        .flat_map(|r| r.words.iter().map(|w| w.size))
        .collect();
    sizes.sort_by(f32::total_cmp);
    sizes.get(sizes.len() / 2).copied().unwrap_or(10.0)
}

/// Blocks: runs of rows without a wide vertical gap between them.
fn blocks(rows: Vec<Row>) -> Vec<Vec<Row>> {
    let mut out: Vec<Vec<Row>> = Vec::new();
    for r in rows {
        match out
            .last_mut()
            .and_then(|b| b.last().map(|p| (p.y, p.size)).map(|p| (b, p)))
        {
            Some((b, (py, ps))) if py - r.y <= 1.8 * ps.min(r.size).max(1.0) => b.push(r),
            _ => out.push(vec![r]),
        }
    }
    out
}

/// Rows in reading order, with the column bands found, appended to `lines`/`bands`.
///
/// Columns that carry a good share of the text on both sides (a page in two
/// columns, a sidebar) are looked for over the whole region first, across
/// vertical gaps. Otherwise the region is cut into blocks at vertical gaps
/// and each block is looked at alone, so that a narrow column of dates
/// beside each entry is read with its entry, not after all of them.
fn read(rows: Vec<Row>, depth: usize, lines: &mut Vec<Line>, bands: &mut Vec<Band>) {
    if depth >= MAX_DEPTH || rows.len() > MAX_ROWS_FOR_COLUMNS {
        lines.extend(rows.iter().map(line));
        return;
    }
    let bounds = Bounds::of(&rows);
    let wide = (0..rows.len()).find_map(|i| band_at(&rows, i, &bounds, true).map(|b| (i, b)));
    if let Some((i, (j, left, right))) = wide {
        let mut rows = rows;
        let after = rows.split_off(j);
        rows.truncate(i);
        read(rows, depth, lines, bands);
        columns(left, right, depth, lines, bands);
        read(after, depth, lines, bands);
        return;
    }
    for block in blocks(rows) {
        let bounds = Bounds::of(&block);
        let mut i = 0;
        while let Some(first) = block.get(i) {
            match band_at(&block, i, &bounds, false) {
                Some((j, left, right)) => {
                    columns(left, right, depth, lines, bands);
                    i = j;
                }
                None => {
                    lines.push(line(first));
                    i += 1;
                }
            }
        }
    }
}

/// The horizontal extent of some rows, and the narrowest gap that counts as a gutter.
struct Bounds {
    lo: f32,
    hi: f32,
    min: f32,
}

impl Bounds {
    fn of(rows: &[Row]) -> Bounds {
        let words = || rows.iter().flat_map(|r| r.words.iter());
        Bounds {
            lo: words().map(|w| w.x0).fold(f32::MAX, f32::min),
            hi: words().map(|w| w.x1).fold(f32::MIN, f32::max),
            min: median_size(rows).max(6.0),
        }
    }
}

/// Columns starting at row `i`: where they end and the rows of each side.
/// With `wide`, both sides must be at least 30 % of the width or hold at
/// least a quarter of the words.
fn band_at(rows: &[Row], i: usize, b: &Bounds, wide: bool) -> Option<(usize, Vec<Row>, Vec<Row>)> {
    // The longest run of rows from `i` that share a gap; a line centred on
    // the page (a centred heading) is not in a column.
    let first = rows.get(i)?;
    if centred(first, b) {
        return None;
    }
    let mut gaps = free(first, b.lo, b.hi, b.min);
    let mut j = i + 1;
    while let Some(r) = rows.get(j).filter(|r| !centred(r, b)) {
        let next = intersect(&gaps, &free(r, b.lo, b.hi, b.min), b.min);
        if next.is_empty() {
            break;
        }
        gaps = next;
        j += 1;
    }
    if j - i < 3 {
        return None;
    }
    let band = rows.get(i..j)?;
    gaps.sort_by(|a, b| (b.1 - b.0).total_cmp(&(a.1 - a.0)));
    for g in gaps.iter().filter(|g| g.0 > b.lo && g.1 < b.hi) {
        let left = side(band, |w| w.x1 <= g.0 + 0.01);
        let right = side(band, |w| w.x0 >= g.1 - 0.01);
        if !is_columns(&left, &right, *g) {
            continue;
        }
        let count = |rows: &[Row]| rows.iter().map(|r| r.words.len()).sum::<usize>();
        let (l, r) = (count(&left), count(&right));
        let narrowest = width(&left).min(width(&right));
        if !wide || l.min(r) * 4 >= l + r || narrowest >= 0.3 * (b.hi - b.lo) {
            return Some((j, left, right));
        }
    }
    None
}

/// Whether a row stands alone in the middle of the region, as a centred
/// heading does.
fn centred(row: &Row, b: &Bounds) -> bool {
    let (Some(first), Some(last)) = (row.words.first(), row.words.last()) else {
        return false;
    };
    let span = b.hi - b.lo;
    let mid = (first.x0 + last.x1) / 2.0;
    first.x0 > b.lo + 0.1 * span && (mid - (b.lo + b.hi) / 2.0).abs() <= 0.02 * span
}

/// Reads two sides one after the other and records the band.
fn columns(
    left: Vec<Row>,
    right: Vec<Row>,
    depth: usize,
    lines: &mut Vec<Line>,
    bands: &mut Vec<Band>,
) {
    let first_line = lines.len();
    let before = bands.len();
    // Dates drawn apart from their entries are still read apart from them;
    // two columns of text are read whole by every reader when they are drawn
    // one after the other and one of them is a single block of text.
    let apart = {
        // Rows wholly below the other side (the heading after a split
        // header) are beside nothing: no reader mixes them in.
        let (l, r) = (beside(&left, &right), beside(&right, &left));
        drawn_apart(l, r) && !dates_column(l, r) && (one_block(l) || one_block(r))
    };
    read(left, depth + 1, lines, bands);
    read(right, depth + 1, lines, bands);
    // Columns inside a column add to the count of this band.
    let inner = bands.split_off(before);
    let columns = 2 + inner.iter().map(|b| b.columns - 1).max().unwrap_or(0);
    bands.push(Band {
        first_line,
        lines: lines.len() - first_line,
        columns,
        apart: apart && inner.iter().all(|b| b.apart),
    });
}

/// Whether rows are one block to text extractors, but for a line or two
/// above it (the header's label over a sidebar): one size (within 5 %), no
/// baseline more than 1.5 times it below the one before. Beyond that,
/// poppler starts a new block and pdfminer.six a new box, which they may
/// then read among the other column's lines.
fn one_block(rows: &[Row]) -> bool {
    let (mut best, mut run) = (0usize, 0usize);
    let mut start: Option<&Row> = None;
    let mut prev: Option<&Row> = None;
    for r in rows {
        let joins = match (start, prev) {
            (Some(s), Some(p)) => {
                (r.size - s.size).abs() <= 0.05 * s.size && p.y - r.y <= 1.5 * s.size + 0.01
            }
            _ => false,
        };
        if joins {
            run += 1;
        } else {
            start = Some(r);
            run = 1;
        }
        best = best.max(run);
        prev = Some(r);
    }
    best >= 2 && best * 10 >= rows.len() * 8
}

/// The rows of `side` down to the last one beside `other` (its baseline not
/// more than one and a half lines below the other's last).
fn beside<'a>(side: &'a [Row], other: &[Row]) -> &'a [Row] {
    let Some(last) = other.last() else {
        return side;
    };
    let n = side
        .iter()
        .take_while(|r| last.y - r.y <= 1.5 * r.size.max(last.size))
        .count();
    side.get(..n).unwrap_or(side)
}

/// Whether every glyph of one side is drawn before every glyph of the other.
fn drawn_apart(left: &[Row], right: &[Row]) -> bool {
    let span = |rows: &[Row]| {
        rows.iter()
            .flat_map(|r| r.words.iter())
            .fold((usize::MAX, 0), |(lo, hi), w| {
                (lo.min(w.drawn.0), hi.max(w.drawn.1))
            })
    };
    let (l, r) = (span(left), span(right));
    l.1 < r.0 || r.1 < l.0
}

fn line(r: &Row) -> Line {
    Line {
        text: r
            .words
            .iter()
            .map(|w| w.text.as_str())
            .collect::<Vec<_>>()
            .join(" "),
        x: r.words.first().map_or(0.0, |w| w.x0),
        y: r.y,
        size: r.size,
    }
}

/// The lines of a page in reading order and the bands read as columns.
/// Rotated glyphs are read after the rest, in drawing order.
pub fn order(glyphs: &[Glyph]) -> (Vec<Line>, Vec<Band>) {
    let (straight, rotated): (Vec<Glyph>, Vec<Glyph>) =
        glyphs.iter().cloned().partition(|g| !g.rotated);
    let mut lines = Vec::new();
    let mut bands = Vec::new();
    read(rows(words(&straight)), 0, &mut lines, &mut bands);
    let turned: Vec<String> = words(&rotated).into_iter().map(|w| w.text).collect();
    if !turned.is_empty() {
        lines.push(Line {
            text: turned.join(" "),
            x: 0.0,
            y: 0.0,
            size: 0.0,
        });
    }
    (lines, bands)
}

#[cfg(test)]
mod tests;
