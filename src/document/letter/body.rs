//! A letter's body: Markdown (CommonMark through pulldown-cmark) to paragraphs and lists of model inlines; links only to safe targets.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use crate::document::links;
use crate::document::model::{Inline, Inlines, LetterBlock};

/// Nested formatting deeper than this is flattened to its text.
const MAX_DEPTH: usize = 16;

/// Reads the body. Headings become paragraphs, nested lists join their
/// parent, code and HTML stay literal text, images show their description.
pub fn blocks(markdown: &str) -> Vec<LetterBlock> {
    let mut out: Vec<LetterBlock> = Vec::new();
    // Open inline containers: (kind, url, content so far).
    let mut stack: Vec<(Kind, Option<String>, Inlines)> = Vec::new();
    let mut current: Inlines = Vec::new();
    // The list being read, and how deep in lists we are.
    let mut list: Option<(bool, u64, Vec<Inlines>)> = None;
    let mut depth = 0usize;
    let flush = |current: &mut Inlines,
                 list: &mut Option<(bool, u64, Vec<Inlines>)>,
                 out: &mut Vec<LetterBlock>| {
        trim(current);
        if current.is_empty() {
            return;
        }
        let content = std::mem::take(current);
        match list {
            Some((_, _, items)) => items.push(content),
            None => out.push(LetterBlock::Paragraph { content }),
        }
    };
    for event in Parser::new_ext(markdown, Options::ENABLE_STRIKETHROUGH) {
        match event {
            Event::Start(Tag::List(start)) => {
                flush(&mut current, &mut list, &mut out);
                depth += 1;
                if depth == 1 {
                    list = Some((start.is_some(), start.unwrap_or(1), Vec::new()));
                }
            }
            Event::End(TagEnd::List(_)) => {
                flush(&mut current, &mut list, &mut out);
                depth = depth.saturating_sub(1);
                if depth == 0
                    && let Some((ordered, start, items)) = list.take()
                    && !items.is_empty()
                {
                    out.push(LetterBlock::List {
                        ordered,
                        start,
                        items,
                    });
                }
            }
            Event::Start(Tag::Item) | Event::End(TagEnd::Item) => {
                flush(&mut current, &mut list, &mut out)
            }
            Event::Start(Tag::Paragraph | Tag::Heading { .. } | Tag::CodeBlock(_)) => {}
            Event::End(TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock) => {
                if list.is_none() {
                    flush(&mut current, &mut list, &mut out);
                } else {
                    push_text(&mut current, " ");
                }
            }
            Event::Start(Tag::Strong) => {
                stack.push((Kind::Strong, None, std::mem::take(&mut current)))
            }
            Event::Start(Tag::Emphasis) => {
                stack.push((Kind::Emph, None, std::mem::take(&mut current)))
            }
            Event::Start(Tag::Link { dest_url, .. }) => stack.push((
                Kind::Link,
                links::web(&dest_url),
                std::mem::take(&mut current),
            )),
            Event::End(TagEnd::Strong | TagEnd::Emphasis | TagEnd::Link) => {
                if let Some((kind, url, before)) = stack.pop() {
                    let content = std::mem::replace(&mut current, before);
                    let inline = match (kind, url) {
                        _ if stack.len() >= MAX_DEPTH => None,
                        (Kind::Strong, _) => Some(Inline::Strong { content }),
                        (Kind::Emph, _) => Some(Inline::Emph { content }),
                        (Kind::Link, Some(url)) => Some(Inline::Link { url, content }),
                        (Kind::Link, None) => {
                            current.extend(content);
                            None
                        }
                    };
                    current.extend(inline);
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                push_text(&mut current, &t)
            }
            Event::SoftBreak => push_text(&mut current, " "),
            Event::HardBreak => current.push(Inline::Break),
            _ => {}
        }
    }
    // Unclosed containers (none in CommonMark's output, but never lose text).
    while let Some((_, _, before)) = stack.pop() {
        let content = std::mem::replace(&mut current, before);
        current.extend(content);
    }
    flush(&mut current, &mut list, &mut out);
    if let Some((ordered, start, items)) = list.take()
        && !items.is_empty()
    {
        out.push(LetterBlock::List {
            ordered,
            start,
            items,
        });
    }
    out
}

#[derive(Clone, Copy)]
enum Kind {
    Strong,
    Emph,
    Link,
}

fn push_text(current: &mut Inlines, s: &str) {
    if let Some(Inline::Text { text }) = current.last_mut() {
        text.push_str(s);
    } else {
        current.push(Inline::text(s));
    }
}

/// Leading and trailing spaces of a run off.
fn trim(items: &mut Inlines) {
    if let Some(Inline::Text { text }) = items.first_mut() {
        *text = text.trim_start().to_string();
    }
    if let Some(Inline::Text { text }) = items.last_mut() {
        *text = text.trim_end().to_string();
    }
    items.retain(|i| !matches!(i, Inline::Text { text } if text.is_empty()));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_lists_emphasis_and_links() {
        let b = blocks(
            "I **apply** for the\n*role*.\n\n- one\n- two [x](https://x.dev)\n\n1. first\n2. second\n\n[bad](javascript:alert(1))",
        );
        assert_eq!(b.len(), 4, "{b:?}");
        assert!(
            matches!(&b[1], LetterBlock::List { ordered: false, items, .. } if items.len() == 2)
        );
        assert!(matches!(
            &b[2],
            LetterBlock::List {
                ordered: true,
                start: 1,
                ..
            }
        ));
        let LetterBlock::Paragraph { content } = &b[3] else {
            panic!()
        };
        assert_eq!(content, &vec![Inline::text("bad")]);
        let LetterBlock::Paragraph { content } = &b[0] else {
            panic!()
        };
        assert_eq!(
            crate::document::plain_text(content),
            "I apply for the role."
        );
    }
}
