//! CommonMark (pulldown-cmark) to a flat list of blocks with their lines and inline pieces.

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// How a run of inline text is set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Style {
    Plain,
    Emph,
    Strong,
    /// A link to this target.
    Link(String),
    /// A line break inside the block (soft or hard).
    Break,
}

/// One run of inline text, unescaped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Piece {
    pub style: Style,
    pub text: String,
}

/// Inline content: the pieces (outermost style wins) and the same as resume text with markup.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct Inl {
    pub pieces: Vec<Piece>,
    /// Markdown the builder's markup reader reads back to the same formatting.
    pub rich: String,
}

impl Inl {
    /// The characters without formatting; breaks become spaces.
    pub fn plain(&self) -> String {
        let s: String = self
            .pieces
            .iter()
            .map(|p| {
                if p.style == Style::Break {
                    " "
                } else {
                    p.text.as_str()
                }
            })
            .collect();
        s.trim().to_string()
    }

    /// The content split at its line breaks.
    pub fn lines(&self) -> Vec<Inl> {
        let mut out = vec![Inl::default()];
        for p in &self.pieces {
            if p.style == Style::Break {
                out.push(Inl::default());
            } else if let Some(last) = out.last_mut() {
                last.pieces.push(p.clone());
            }
        }
        for l in &mut out {
            l.rich = rich_of(&l.pieces);
        }
        out.retain(|l| !l.plain().is_empty());
        out
    }

    /// Whether the whole content is one run of `style`.
    pub fn only(&self, style: &Style) -> bool {
        let non_blank: Vec<&Piece> = self
            .pieces
            .iter()
            .filter(|p| !(p.style == Style::Plain && p.text.trim().is_empty()))
            .collect();
        non_blank.len() == 1 && non_blank.first().is_some_and(|p| p.style == *style)
    }
}

/// A block of the document, with its 1-based line.
#[derive(Debug, Clone)]
pub(super) enum Block {
    Heading {
        level: usize,
        line: usize,
        inl: Inl,
    },
    Para {
        line: usize,
        inl: Inl,
        quoted: bool,
    },
    /// A list item; `gap` when a blank line comes before it inside its list.
    Item {
        line: usize,
        inl: Inl,
        first: bool,
        gap: bool,
    },
    Rule {
        line: usize,
    },
    /// Code, HTML or a table: kept as its text.
    Other {
        line: usize,
        text: String,
    },
}

impl Block {
    pub fn line(&self) -> usize {
        match self {
            Block::Heading { line, .. }
            | Block::Para { line, .. }
            | Block::Item { line, .. }
            | Block::Rule { line }
            | Block::Other { line, .. } => *line,
        }
    }
}

/// The blocks of `text`; `first_line` is the line `text` starts on in the file.
pub(super) fn parse(text: &str, first_line: usize) -> Vec<Block> {
    let line_of =
        |offset: usize| first_line + text.get(..offset).map_or(0, |s| s.matches('\n').count());
    let mut out = Vec::new();
    let mut stack: Vec<Inline> = Vec::new();
    let mut current: Option<(usize, Kind)> = None;
    let mut quote = 0usize;
    let mut item_first = false;
    let mut other: Option<(usize, String)> = None;
    let mut list_item_count: Vec<usize> = Vec::new();
    for (event, range) in Parser::new_ext(text, Options::empty()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, .. }) => {
                current = Some((line_of(range.start), Kind::Heading(level as usize)));
                stack = vec![Inline::root()];
            }
            Event::Start(Tag::Paragraph) => {
                if current.is_none() {
                    current = Some((line_of(range.start), Kind::Para));
                    stack = vec![Inline::root()];
                } else if stack.iter().any(|i| !i.pieces.is_empty()) {
                    // A second paragraph inside a list item continues it on a new line.
                    push_piece(&mut stack, Style::Break, "\n");
                }
            }
            Event::Start(Tag::Item) => {
                let n = list_item_count.last().copied().unwrap_or(0);
                let before = text.get(..range.start).unwrap_or("");
                let before = before.trim_end_matches([' ', '\t']);
                let gap = n > 0 && (before.ends_with("\n\n") || before.ends_with("\n\r\n"));
                if let Some(c) = list_item_count.last_mut() {
                    *c += 1;
                }
                item_first = n == 0;
                current = Some((line_of(range.start), Kind::Item(gap)));
                stack = vec![Inline::root()];
            }
            Event::Start(Tag::List(_)) => {
                if let Some((line, kind)) = current.take() {
                    // A nested list: the item so far is its own block.
                    finish(&mut out, line, kind, &mut stack, quote > 0, item_first);
                }
                list_item_count.push(0);
            }
            Event::End(TagEnd::List(_)) => {
                list_item_count.pop();
            }
            Event::Start(Tag::BlockQuote(_)) => quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote = quote.saturating_sub(1),
            Event::Start(Tag::Emphasis) => stack.push(Inline::styled(Style::Emph)),
            Event::Start(Tag::Strong) => stack.push(Inline::styled(Style::Strong)),
            Event::Start(Tag::Link { dest_url, .. }) => {
                stack.push(Inline::styled(Style::Link(dest_url.to_string())));
            }
            Event::Start(Tag::Image { dest_url, .. }) => {
                stack.push(Inline::styled(Style::Link(dest_url.to_string())));
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Link | TagEnd::Image) => {
                close_inline(&mut stack);
            }
            Event::Start(Tag::CodeBlock(_) | Tag::HtmlBlock | Tag::Table(_)) => {
                other = Some((line_of(range.start), String::new()));
            }
            Event::End(TagEnd::CodeBlock | TagEnd::HtmlBlock | TagEnd::Table) => {
                if let Some((line, text)) = other.take() {
                    out.push(Block::Other {
                        line,
                        text: text.trim().to_string(),
                    });
                }
            }
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                if let Some((_, s)) = other.as_mut() {
                    s.push_str(&t);
                } else {
                    push_piece(&mut stack, Style::Plain, &t);
                }
            }
            Event::SoftBreak | Event::HardBreak => push_piece(&mut stack, Style::Break, "\n"),
            Event::Rule => out.push(Block::Rule {
                line: line_of(range.start),
            }),
            Event::End(TagEnd::Heading(_) | TagEnd::Paragraph | TagEnd::Item) => {
                let keep_item = matches!(event, Event::End(TagEnd::Paragraph))
                    && matches!(current, Some((_, Kind::Item(_))));
                if !keep_item && let Some((line, kind)) = current.take() {
                    finish(&mut out, line, kind, &mut stack, quote > 0, item_first);
                }
            }
            _ => {}
        }
    }
    if let Some((line, kind)) = current.take() {
        finish(&mut out, line, kind, &mut stack, quote > 0, item_first);
    }
    out
}

#[derive(Debug, Clone, Copy)]
enum Kind {
    Heading(usize),
    Para,
    /// A list item; `true` when a blank line comes before it.
    Item(bool),
}

/// An open inline container while events arrive.
struct Inline {
    style: Style,
    pieces: Vec<Piece>,
}

impl Inline {
    fn root() -> Inline {
        Inline::styled(Style::Plain)
    }
    fn styled(style: Style) -> Inline {
        Inline {
            style,
            pieces: Vec::new(),
        }
    }
}

fn push_piece(stack: &mut Vec<Inline>, style: Style, text: &str) {
    if stack.is_empty() {
        stack.push(Inline::root());
    }
    if let Some(top) = stack.last_mut() {
        top.pieces.push(Piece {
            style,
            text: text.to_string(),
        });
    }
}

/// Whether a piece is the markup shadow of the styled piece before it.
fn is_shadow(p: &Piece) -> bool {
    p.style == Style::Plain && p.text.starts_with('\u{0}')
}

/// The characters of pieces, shadows left out, breaks as spaces.
fn text_of(pieces: &[Piece]) -> String {
    pieces
        .iter()
        .filter(|p| !is_shadow(p))
        .map(|p| {
            if p.style == Style::Break {
                " "
            } else {
                p.text.as_str()
            }
        })
        .collect()
}

/// Closes the innermost style: its text becomes one piece of that style in its
/// parent, followed by a shadow piece holding its markup (so nested styles survive).
fn close_inline(stack: &mut Vec<Inline>) {
    if stack.len() < 2 {
        return;
    }
    let Some(inner) = stack.pop() else { return };
    let rich = rich_of(&inner.pieces);
    let rich = rich.trim();
    let piece_rich = match &inner.style {
        Style::Emph => format!("*{rich}*"),
        Style::Strong => format!("**{rich}**"),
        Style::Link(url) => link_rich(rich, &text_of(&inner.pieces), url),
        _ => rich.to_string(),
    };
    if let Some(top) = stack.last_mut() {
        top.pieces.push(Piece {
            style: inner.style,
            text: text_of(&inner.pieces),
        });
        top.pieces.push(Piece {
            style: Style::Plain,
            text: format!("\u{0}{piece_rich}"),
        });
    }
}

fn finish(
    out: &mut Vec<Block>,
    line: usize,
    kind: Kind,
    stack: &mut Vec<Inline>,
    quoted: bool,
    first: bool,
) {
    while stack.len() > 1 {
        close_inline(stack);
    }
    let pieces = stack.pop().map(|r| r.pieces).unwrap_or_default();
    stack.clear();
    let inl = inl_of(pieces);
    if inl.plain().is_empty() && !matches!(kind, Kind::Heading(_)) {
        return;
    }
    out.push(match kind {
        Kind::Heading(level) => Block::Heading { level, line, inl },
        Kind::Para => Block::Para { line, inl, quoted },
        Kind::Item(gap) => Block::Item {
            line,
            inl,
            first,
            gap,
        },
    });
}

/// Pieces with their markup shadows (see [`close_inline`]) to an [`Inl`].
fn inl_of(pieces: Vec<Piece>) -> Inl {
    let rich = rich_of(&pieces).trim().to_string();
    let clean: Vec<Piece> = pieces.into_iter().filter(|p| !is_shadow(p)).collect();
    Inl {
        rich,
        pieces: merge(clean),
    }
}

/// Adjacent plain pieces merged.
fn merge(pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out: Vec<Piece> = Vec::new();
    for p in pieces {
        match out.last_mut() {
            Some(last) if last.style == Style::Plain && p.style == Style::Plain => {
                last.text.push_str(&p.text);
            }
            _ => out.push(p),
        }
    }
    out
}

/// Resume text with markup: plain text escaped where the markup reader would see
/// formatting; a styled piece by its shadow when it has one; breaks as newlines.
fn rich_of(pieces: &[Piece]) -> String {
    let mut out = String::new();
    for (i, p) in pieces.iter().enumerate() {
        let shadowed = pieces.get(i + 1).is_some_and(is_shadow);
        match &p.style {
            _ if shadowed => {}
            Style::Break => {
                out.truncate(out.trim_end().len());
                out.push('\n');
            }
            Style::Plain if is_shadow(p) => out.push_str(p.text.trim_start_matches('\u{0}')),
            Style::Plain => out.push_str(&escape_text(&p.text)),
            Style::Emph => out.push_str(&format!("*{}*", escape_text(p.text.trim()))),
            Style::Strong => out.push_str(&format!("**{}**", escape_text(p.text.trim()))),
            Style::Link(url) => out.push_str(&link_rich(&escape_text(p.text.trim()), &p.text, url)),
        }
    }
    out
}

/// A link as resume text: a bare URL (which the markup reader links again) when
/// its text is its target, else `[text](<url>)`.
fn link_rich(rich: &str, text: &str, url: &str) -> String {
    let t = text.trim();
    let lower = t.to_ascii_lowercase();
    if (lower.starts_with("http://") || lower.starts_with("https://"))
        && (t == url || t.replace(' ', "%20") == url)
        && !t.contains(char::is_whitespace)
    {
        return t.to_string();
    }
    format!("[{}](<{url}>)", rich.trim())
}

/// Escapes what the builder's markup reader would read as formatting: `\`, `*`, `_`
/// and `[` (not between two letters or digits), `<`, and `&` before an entity name.
pub(super) fn escape_text(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).and_then(|j| chars.get(j)).copied();
        let next = chars.get(i + 1).copied();
        let inner =
            prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
        let escape = match c {
            '\\' | '<' | '[' => true,
            '*' | '_' => !inner,
            '&' => {
                let name: String = chars
                    .get(i + 1..)
                    .unwrap_or(&[])
                    .iter()
                    .take(33)
                    .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
                    .collect();
                !name.is_empty() && chars.get(i + 1 + name.chars().count()) == Some(&';')
            }
            _ => false,
        };
        if escape {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_have_lines_pieces_and_markup() {
        let md = "# Ana\n\n**Engineer**\n\n## Work\n\n### Dev — Acme\n\n*Jan 2020 – Present* · Berlin\n\n- Built **fast** things\n- See [docs](<https://x.org>)\n\n- later list\n";
        let b = parse(md, 1);
        assert!(matches!(&b[0], Block::Heading { level: 1, line: 1, inl } if inl.plain() == "Ana"));
        assert!(matches!(&b[1], Block::Para { inl, .. } if inl.only(&Style::Strong)));
        let Block::Para { inl, line: 9, .. } = &b[4] else {
            panic!("{b:?}")
        };
        assert_eq!(inl.pieces[0].style, Style::Emph);
        assert_eq!(inl.pieces[0].text, "Jan 2020 – Present");
        let Block::Item {
            inl, first: true, ..
        } = &b[5]
        else {
            panic!("{b:?}")
        };
        assert_eq!(inl.rich, "Built **fast** things");
        let Block::Item { inl, .. } = &b[6] else {
            panic!("{b:?}")
        };
        assert_eq!(inl.rich, "See [docs](<https://x.org>)");
        assert!(matches!(&b[7], Block::Item { gap: true, .. }), "{b:?}");
    }

    #[test]
    fn escaping_keeps_words_whole() {
        assert_eq!(escape_text("snake_case a*b"), "snake_case a*b");
        assert_eq!(
            escape_text("*x* [y] <z> &amp; R&D"),
            "\\*x\\* \\[y] \\<z> \\&amp; R&D"
        );
    }
}
