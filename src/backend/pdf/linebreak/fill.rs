//! Greedy filling, where a break right after a hard hyphen is a last resort and a word wider than the line is cut.

use super::Line;
use super::opportunity::hard_hyphen;
use crate::backend::pdf::shape::Piece;

/// The unit between two break opportunities.
pub(super) struct Word {
    pub content: Vec<Piece>,
    pub content_width: f32,
    pub space: Vec<Piece>,
    pub space_width: f32,
    pub mandatory: bool,
    /// The break after this word follows a hard hyphen (`cross-`).
    pub hyphen: bool,
    /// Byte range of the content in the paragraph text.
    pub range: (usize, usize),
}

/// Splits a word into a head (ending in a hyphen) that fits a width, and the rest.
pub(super) type Hyphenate<'a> =
    dyn FnMut((usize, usize), f32) -> Option<(Vec<Piece>, Vec<Piece>)> + 'a;

/// How full (share of the width) a line must stay for a break after a hard
/// hyphen to be avoided by breaking at the line's previous opportunity
/// instead. Moving a compound (`cross-team`, `state-of-the-art`) whole to
/// the next line costs a body line 5–20 % of its width; below two thirds,
/// the line would end visibly short, a worse fault in a ragged-right column
/// than a hyphen an extractor may drop (TeX's `\exhyphenpenalty`, as a
/// width rule for a greedy filler).
pub(super) const KEEP_FILLED: f32 = 2.0 / 3.0;

/// Tolerance for float rounding; far below what anyone can see.
const SLACK: f32 = 0.01;

/// The last opportunity on the current line that is not after a hard hyphen.
struct Fallback {
    /// Pieces before the space at the opportunity.
    content: usize,
    /// Width of those pieces.
    used: f32,
    /// Pieces up to the end of that space: what follows moves down.
    after_space: usize,
}

/// Greedy filling: each word goes on the current line if it fits. When it
/// does not and the line would end right after a hard hyphen, the line ends
/// at its previous free opportunity instead, if it stays [`KEEP_FILLED`] and
/// what moves down fits beside the word.
pub(super) fn fill(words: Vec<Word>, width: f32, hyphenate: &mut Hyphenate) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut line: Vec<Piece> = Vec::new();
    let mut used = 0.0f32;
    let mut pending: (Vec<Piece>, f32) = (Vec::new(), 0.0);
    // Whether the line so far ends right after a hard hyphen.
    let mut after_hyphen = false;
    let mut fallback: Option<Fallback> = None;
    for mut word in words {
        let has_content = !line.is_empty();
        if has_content && used + pending.1 + word.content_width > width + SLACK {
            if let Some((head, rest)) = hyphenate(word.range, width - used - pending.1) {
                line.append(&mut pending.0);
                line.extend(head);
                word.content_width = rest.iter().map(Piece::width).sum();
                word.content = rest;
                lines.push(Line::finish(std::mem::take(&mut line), false));
                used = 0.0;
            } else if let Some(tail) = after_hyphen
                .then(|| fallback.take())
                .flatten()
                .filter(|f| f.used >= width * KEEP_FILLED)
                .and_then(|f| {
                    let spaced = f.after_space > f.content;
                    let tail = move_down(&mut line, &f, width - pending.1 - word.content_width)?;
                    Some((tail, spaced))
                })
            {
                let (tail, spaced) = tail;
                lines.push(Line::finish(std::mem::replace(&mut line, tail), spaced));
                used = line.iter().map(Piece::width).sum();
                line.append(&mut pending.0);
                used += pending.1;
            } else {
                let spaced = !pending.0.is_empty();
                lines.push(Line::finish(std::mem::take(&mut line), spaced));
                used = 0.0;
            }
            fallback = None;
        } else if has_content {
            if !after_hyphen {
                fallback = Some(Fallback {
                    content: line.len(),
                    used,
                    after_space: line.len() + pending.0.len(),
                });
            }
            line.append(&mut pending.0);
            used += pending.1;
        }
        if word.content_width > width + SLACK {
            let mut chunks = split_word(word.content, width);
            let last = chunks.pop().unwrap_or_default();
            for chunk in chunks {
                if !line.is_empty() {
                    lines.push(Line::finish(std::mem::take(&mut line), true));
                }
                lines.push(Line::finish(chunk, false));
            }
            used = last.iter().map(Piece::width).sum();
            line = last;
            fallback = None;
        } else {
            used += word.content_width;
            line.extend(word.content);
        }
        pending = (word.space, word.space_width);
        after_hyphen = word.hyphen && pending.0.is_empty();
        if word.mandatory {
            lines.push(Line::finish(std::mem::take(&mut line), true));
            used = 0.0;
            pending = (Vec::new(), 0.0);
            after_hyphen = false;
            fallback = None;
        }
    }
    if !line.is_empty() {
        lines.push(Line::finish(line, false));
    }
    // A separator dropped at the start of a line stood between the words
    // at the end of the line before.
    for i in 1..lines.len() {
        if lines.get(i).is_some_and(|l| l.elided_lead)
            && let Some(before) = lines.get_mut(i - 1)
        {
            before.space_after = true;
        }
    }
    lines
}

/// Ends `line` at `at` and returns what followed (the start of the next
/// line), if that is no wider than `room`; otherwise leaves `line` alone.
fn move_down(line: &mut Vec<Piece>, at: &Fallback, room: f32) -> Option<Vec<Piece>> {
    let tail = line.get(at.after_space..)?;
    if tail.iter().map(Piece::width).sum::<f32>() > room + SLACK {
        return None;
    }
    let tail = line.split_off(at.after_space);
    line.truncate(at.content);
    Some(tail)
}

/// Cuts a word wider than the line between clusters, so nothing runs past
/// the margin. A cut never falls right after a hard hyphen (a URL's
/// `objects-` / `02` would read back as `objects02`): the hyphen starts the
/// next part instead.
pub(super) fn split_word(pieces: Vec<Piece>, width: f32) -> Vec<Vec<Piece>> {
    let mut chunks = Vec::new();
    let mut chunk: Vec<Piece> = Vec::new();
    let mut used = 0.0f32;
    for piece in pieces {
        let mut part = Piece {
            glyphs: Vec::new(),
            ..piece.clone()
        };
        for g in piece.glyphs {
            let starts_cluster = !g.text.is_empty() && !g.joined;
            if starts_cluster && used > 0.0 && used + g.advance > width {
                // The hyphen (one glyph, the last) moves to the next part
                // when something is left before it.
                let ends_in_hyphen = part.glyphs.last().is_some_and(|h| {
                    let mut cs = h.text.chars();
                    matches!((cs.next(), cs.next()), (Some(c), None) if hard_hyphen(c))
                });
                let carried = if ends_in_hyphen && part.glyphs.len() > 1 {
                    part.glyphs.pop()
                } else {
                    None
                };
                if !part.glyphs.is_empty() {
                    chunk.push(part.clone());
                    part.glyphs.clear();
                }
                chunks.push(std::mem::take(&mut chunk));
                used = 0.0;
                if let Some(h) = carried {
                    used += h.advance;
                    part.glyphs.push(h);
                }
            }
            used += g.advance;
            part.glyphs.push(g);
        }
        if !part.glyphs.is_empty() {
            chunk.push(part);
        }
    }
    chunks.push(chunk);
    chunks
}
