//! Markdown and simple HTML inside resume text, read into inline formatting.
//!
//! Resume files carry `**bold**`, `<b>`, `<br>`, `<a href>`, `\n- ` bullet
//! lines and HTML entities in their summaries. They become model inlines
//! here, so no markup ever passes through raw to an output. Anything that is
//! not recognised markup (`<START_DATE>`, a lone `*`) stays literal text.

mod blocks;
mod html;
mod markdown;

use super::model::{Inline, Inlines};
use html::{entity, html};
use markdown::{autolink, emphasis, md_link};

pub use blocks::blocks;

/// Deepest nesting of formatting that is still parsed; deeper text stays literal.
const MAX_DEPTH: usize = 16;

/// How far (in bytes) a closing delimiter is looked for; keeps parsing linear.
const MAX_SPAN: usize = 4096;

/// `s[from..]` cut to at most [`MAX_SPAN`] bytes, on a character boundary.
fn window(s: &str, from: usize) -> &str {
    let mut end = (from + MAX_SPAN).min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[from..end]
}

/// Reads one paragraph of text; line breaks become [`Inline::Break`].
pub fn inlines(text: &str) -> Inlines {
    let mut out = Out::default();
    parse(text.trim(), 0, &mut out);
    out.finish()
}

/// Collects inlines, merging adjacent text runs.
#[derive(Default)]
struct Out {
    items: Inlines,
}

impl Out {
    fn text(&mut self, s: &str) {
        if s.is_empty() {
            return;
        }
        if let Some(Inline::Text { text }) = self.items.last_mut() {
            text.push_str(s);
        } else {
            self.items.push(Inline::text(s));
        }
    }

    fn push(&mut self, inline: Inline) {
        match inline {
            Inline::Text { text } => self.text(&text),
            Inline::Strong { ref content } | Inline::Emph { ref content } if content.is_empty() => {
            }
            other => self.items.push(other),
        }
    }

    fn finish(mut self) -> Inlines {
        // Spaces around line breaks and at the ends carry nothing.
        let n = self.items.len();
        for idx in 0..n {
            let before_break =
                matches!(self.items.get(idx + 1), Some(Inline::Break)) || idx + 1 == n;
            let after_break =
                idx == 0 || matches!(self.items.get(idx.wrapping_sub(1)), Some(Inline::Break));
            if let Some(Inline::Text { text }) = self.items.get_mut(idx) {
                if before_break {
                    text.truncate(text.trim_end().len());
                }
                if after_break {
                    *text = text.trim_start().to_string();
                }
            }
        }
        self.items
            .retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
        while matches!(self.items.last(), Some(Inline::Break)) {
            self.items.pop();
        }
        while matches!(self.items.first(), Some(Inline::Break)) {
            self.items.remove(0);
        }
        self.items
    }
}

fn parse(s: &str, depth: usize, out: &mut Out) {
    if depth > MAX_DEPTH {
        out.text(s);
        return;
    }
    let mut i = 0;
    let mut plain_start = 0;
    while i < s.len() {
        let rest = &s[i..];
        let Some(c) = rest.chars().next() else { break };
        let consumed = match c {
            '<' => html(s, i, depth, out),
            '*' | '_' => emphasis(s, i, c, depth, out),
            '[' => md_link(s, i, depth, out),
            'h' | 'H' => autolink(s, i, out),
            '&' => entity(rest).map(|(decoded, len)| {
                out.text(&decoded);
                len
            }),
            '\\' => rest[1..]
                .chars()
                .next()
                .filter(char::is_ascii_punctuation)
                .map(|p| {
                    out.text(&p.to_string());
                    1 + p.len_utf8()
                }),
            '\n' => {
                out.push(Inline::Break);
                Some(1)
            }
            _ => None,
        };
        match consumed {
            Some(len) => {
                i += len;
                plain_start = i;
            }
            None => {
                // Emit this character as text, including anything skipped before it.
                let end = i + c.len_utf8();
                out.text(&s[plain_start..end]);
                i = end;
                plain_start = i;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_does_not_overflow() {
        let s = "<b>".repeat(10_000) + "x";
        let _ = inlines(&s);
        let s = "**".repeat(10_000) + "x" + &"**".repeat(10_000);
        let _ = inlines(&s);
    }
}
