//! Block structure: paragraphs and bullet lists, from lines and from block-level HTML.

use super::super::model::{Block, Inlines};
use super::html::tag_at;
use super::inlines;

/// Reads text that may hold several paragraphs and bullet lines.
pub fn blocks(text: &str) -> Vec<Block> {
    let text = html_blocks_to_lines(text);
    let mut out = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let flush_para = |para: &mut Vec<&str>, out: &mut Vec<Block>| {
        if !para.is_empty() {
            let content = inlines(&para.join("\n"));
            if !content.is_empty() {
                out.push(Block::Paragraph { content });
            }
            para.clear();
        }
    };
    let flush_items = |items: &mut Vec<String>, out: &mut Vec<Block>| {
        if !items.is_empty() {
            let list: Vec<Inlines> = items
                .iter()
                .map(|i| inlines(i))
                .filter(|i| !i.is_empty())
                .collect();
            if !list.is_empty() {
                out.push(Block::List { items: list });
            }
            items.clear();
        }
    };
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            // A blank line ends a paragraph; bullets on both sides stay one list.
            flush_para(&mut para, &mut out);
        } else if let Some(item) = bullet_item(trimmed) {
            flush_para(&mut para, &mut out);
            items.push(item.to_string());
        } else if let (Some(last), true) = (items.last_mut(), line.starts_with([' ', '\u{a0}'])) {
            // An indented line continues the bullet above it.
            last.push(' ');
            last.push_str(trimmed);
        } else {
            flush_items(&mut items, &mut out);
            para.push(trimmed);
        }
    }
    flush_para(&mut para, &mut out);
    flush_items(&mut items, &mut out);
    out
}

/// The text of a bullet line (`- x`, `* x`, `• x`), or `None`.
fn bullet_item(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let marker = chars.next()?;
    if !matches!(
        marker,
        '-' | '*' | '+' | '•' | '·' | '▪' | '●' | '◦' | '‣' | '–'
    ) {
        return None;
    }
    let rest = chars.as_str();
    let item = rest.strip_prefix([' ', '\u{a0}'])?.trim();
    (!item.is_empty()).then_some(item)
}

/// Turns block-level HTML (`<p>`, `<li>`, `<br>`) into line structure.
fn html_blocks_to_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(off) = text[i..].find('<') {
        let at = i + off;
        out.push_str(&text[i..at]);
        match tag_at(text, at) {
            Some(tag) => {
                let replacement = match (tag.name.as_str(), tag.closing) {
                    ("br", _) => Some("\n"),
                    ("p" | "div" | "ul" | "ol" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6", _) => {
                        Some("\n\n")
                    }
                    ("li", false) => Some("\n- "),
                    ("li", true) => Some("\n"),
                    _ => None,
                };
                match replacement {
                    Some(r) => out.push_str(r),
                    None => out.push_str(&text[at..tag.end]),
                }
                i = tag.end;
            }
            None => {
                out.push('<');
                i = at + 1;
            }
        }
    }
    out.push_str(&text[i..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Inline;

    fn t(s: &str) -> Inline {
        Inline::text(s)
    }

    #[test]
    fn blocks_split_paragraphs_and_bullets() {
        let b = blocks("Intro line\nsecond line\n\n- one\n- two\n  continued\nOutro");
        assert_eq!(
            b,
            vec![
                Block::Paragraph {
                    content: vec![t("Intro line"), Inline::Break, t("second line")]
                },
                Block::List {
                    items: vec![vec![t("one")], vec![t("two continued")]]
                },
                Block::Paragraph {
                    content: vec![t("Outro")]
                },
            ]
        );
        let html = blocks("<p>One</p><ul><li>a</li><li>b</li></ul>");
        assert_eq!(
            html,
            vec![
                Block::Paragraph {
                    content: vec![t("One")]
                },
                Block::List {
                    items: vec![vec![t("a")], vec![t("b")]]
                },
            ]
        );
    }
}
