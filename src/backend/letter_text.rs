//! A cover letter in Markdown and plain text: the layout's own template draws the header (the document has no sections), then the letter follows.

use super::{markdown, text};
use crate::document::{Direction, Document, Inline, Letter, LetterBlock};

/// The letter's parts after the header, in Markdown.
pub fn markdown(out: &mut String, letter: &Letter) {
    let mut s = String::new();
    if !letter.recipient.is_empty() {
        // One line each: a hard break (backslash) between them.
        let lines: Vec<String> = letter
            .recipient
            .iter()
            .map(|l| markdown::escape(l))
            .collect();
        s.push_str(&lines.join("\\\n"));
        s.push_str("\n\n");
    }
    s.push_str(&markdown::escape(&letter.date));
    s.push_str("\n\n");
    if let Some(subject) = &letter.subject {
        s.push_str("**");
        s.push_str(&markdown::escape(subject));
        s.push_str("**\n\n");
    }
    s.push_str(&markdown::escape(&letter.greeting));
    s.push_str("\n\n");
    for block in &letter.body {
        match block {
            LetterBlock::Paragraph { content } => {
                let mut p = String::new();
                markdown::inlines(content, 0, &mut p);
                s.push_str(p.trim());
                s.push_str("\n\n");
            }
            LetterBlock::List {
                ordered,
                start,
                items,
            } => {
                for (k, item) in items.iter().enumerate() {
                    let mark = if *ordered {
                        format!("{}. ", start + k as u64)
                    } else {
                        "- ".to_string()
                    };
                    let mut p = String::new();
                    markdown::inlines(item, mark.len(), &mut p);
                    s.push_str(&mark);
                    s.push_str(p.trim());
                    s.push('\n');
                }
                s.push('\n');
            }
        }
    }
    s.push_str(&markdown::escape(&letter.closing));
    s.push_str("\n\n");
    s.push_str(&markdown::escape(&letter.signature));
    s.push('\n');
    join(out, &s);
}

/// The letter's parts after the header, in plain text wrapped to `width`
/// columns; in a right-to-left language the date stays at the line's start
/// (a terminal shows it at the right).
pub fn plain(out: &mut String, doc: &Document, letter: &Letter, width: usize) {
    let mut s = String::new();
    let wrap = |t: &str| text::wrap_text(t, width, "", "");
    for line in &letter.recipient {
        s.push_str(&wrap(line));
        s.push('\n');
    }
    s.push('\n');
    let rtl = Direction::right_to_left(&doc.meta.language);
    if rtl {
        s.push_str(&wrap(&letter.date));
    } else {
        s.push_str(&text::columns_line("", &letter.date, width, 0));
    }
    s.push_str("\n\n");
    if let Some(subject) = &letter.subject {
        s.push_str(&wrap(subject));
        s.push_str("\n\n");
    }
    s.push_str(&wrap(&letter.greeting));
    s.push_str("\n\n");
    for block in &letter.body {
        match block {
            LetterBlock::Paragraph { content } => {
                s.push_str(&wrap(&plain_of(content)));
                s.push_str("\n\n");
            }
            LetterBlock::List {
                ordered,
                start,
                items,
            } => {
                for (k, item) in items.iter().enumerate() {
                    let mark = if *ordered {
                        format!("{}. ", start + k as u64)
                    } else {
                        "- ".to_string()
                    };
                    let rest = " ".repeat(mark.chars().count());
                    s.push_str(&text::wrap_text(&plain_of(item), width, &mark, &rest));
                    s.push('\n');
                }
                s.push('\n');
            }
        }
    }
    s.push_str(&wrap(&letter.closing));
    s.push_str("\n\n");
    s.push_str(&wrap(&letter.signature));
    s.push('\n');
    join(out, &s);
}

fn plain_of(items: &[Inline]) -> String {
    let mut s = String::new();
    text::plain(items, &mut s);
    s
}

/// The header's text, a blank line, the letter; trailing spaces off.
fn join(out: &mut String, letter: &str) {
    let head = out.trim_end().to_string();
    out.clear();
    if !head.is_empty() {
        out.push_str(&head);
        out.push_str("\n\n");
    }
    for line in letter.trim_end().lines() {
        out.push_str(line.trim_end());
        out.push('\n');
    }
}
