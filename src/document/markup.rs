//! Markdown and simple HTML inside resume text, read into inline formatting.
//!
//! Resume files carry `**bold**`, `<b>`, `<br>`, `<a href>`, `\n- ` bullet
//! lines and HTML entities in their summaries. They become model inlines
//! here, so no markup ever passes through raw to an output. Anything that is
//! not recognised markup (`<START_DATE>`, a lone `*`) stays literal text.

use super::links;
use super::model::{Block, Inline, Inlines};

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

/// HTML tags that are dropped while their content is kept.
const TRANSPARENT_TAGS: &[&str] = &[
    "span",
    "font",
    "u",
    "div",
    "small",
    "big",
    "sup",
    "sub",
    "code",
    "tt",
    "mark",
    "strike",
    "s",
    "del",
    "ins",
    "abbr",
    "cite",
    "center",
    "section",
    "article",
    "p",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "img",
    "hr",
    "blockquote",
    "pre",
    "kbd",
    "q",
    "label",
    "nobr",
    "wbr",
];

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

/// An HTML tag found in text.
struct Tag {
    /// Lower-case tag name.
    name: String,
    closing: bool,
    /// Raw attribute text.
    attrs: String,
    /// Byte offset just past `>`.
    end: usize,
}

/// A recognised HTML tag starting at `at` (which holds `<`).
fn tag_at(s: &str, at: usize) -> Option<Tag> {
    let rest = &s[at + 1..];
    let (closing, rest) = match rest.strip_prefix('/') {
        Some(r) => (true, r),
        None => (false, rest),
    };
    let name_len = rest
        .find(|c: char| !c.is_ascii_alphanumeric())
        .unwrap_or(rest.len());
    if name_len == 0 {
        return None;
    }
    let name = rest[..name_len].to_ascii_lowercase();
    if !matches!(name.as_str(), "b" | "strong" | "i" | "em" | "a" | "br")
        && !TRANSPARENT_TAGS.contains(&name.as_str())
    {
        return None;
    }
    let after = &rest[name_len..];
    if !after.starts_with(['>', ' ', '/', '\t', '\n']) {
        return None;
    }
    let close = after.find('>')?;
    let attrs = after[..close]
        .trim()
        .trim_end_matches('/')
        .trim()
        .to_string();
    let end = at + 1 + usize::from(closing) + name_len + close + 1;
    Some(Tag {
        name,
        closing,
        attrs,
        end,
    })
}

/// Handles a tag at `i`; returns the bytes consumed.
fn html(s: &str, i: usize, depth: usize, out: &mut Out) -> Option<usize> {
    let tag = tag_at(s, i)?;
    let consumed = tag.end - i;
    if tag.name == "br" {
        out.push(Inline::Break);
        return Some(consumed);
    }
    if tag.closing || TRANSPARENT_TAGS.contains(&tag.name.as_str()) {
        // Stray closers and presentational tags vanish; their text stays.
        return Some(consumed);
    }
    let Some((inner_end, close_end)) = matching_close(s, tag.end, &tag.name) else {
        return Some(consumed);
    };
    let inner = &s[tag.end..inner_end];
    let mut sub = Out::default();
    parse(inner, depth + 1, &mut sub);
    let content = sub.items;
    match tag.name.as_str() {
        "b" | "strong" => out.push(Inline::Strong { content }),
        "i" | "em" => out.push(Inline::Emph { content }),
        _ => match href(&tag.attrs).and_then(|h| links::web(&h)) {
            Some(url) => out.push(Inline::Link { url, content }),
            None => content.into_iter().for_each(|c| out.push(c)),
        },
    }
    Some(close_end - i)
}

/// Finds `</name>` matching an opening tag, counting nested ones.
fn matching_close(s: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let mut depth = 1usize;
    let mut i = from;
    while let Some(off) = s[i..].find('<') {
        let at = i + off;
        if let Some(tag) = tag_at(s, at) {
            if tag.name == name {
                if tag.closing {
                    depth -= 1;
                    if depth == 0 {
                        return Some((at, tag.end));
                    }
                } else {
                    depth += 1;
                    if depth > MAX_DEPTH {
                        return None;
                    }
                }
            }
            i = tag.end;
        } else {
            i = at + 1;
        }
    }
    None
}

/// The `href` attribute's value.
fn href(attrs: &str) -> Option<String> {
    let lower = attrs.to_ascii_lowercase();
    let pos = lower.find("href")?;
    let rest = attrs[pos + 4..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let value = match rest.chars().next()? {
        q @ ('"' | '\'') => rest[1..].split(q).next()?,
        _ => rest.split([' ', '>']).next()?,
    };
    let decoded = decode_entities(value.trim());
    Some(decoded)
}

fn decode_entities(s: &str) -> String {
    let mut out = String::new();
    let mut i = 0;
    while i < s.len() {
        if s[i..].starts_with('&')
            && let Some((d, len)) = entity(&s[i..])
        {
            out.push_str(&d);
            i += len;
            continue;
        }
        let Some(c) = s[i..].chars().next() else {
            break;
        };
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// Markdown emphasis at `i`: `**strong**`, `__strong__`, `*em*`, `_em_`.
fn emphasis(s: &str, i: usize, c: char, depth: usize, out: &mut Out) -> Option<usize> {
    let double = s[i + 1..].starts_with(c);
    let delim_len = if double { 2 } else { 1 };
    let delim = &s[i..i + delim_len];
    let prev = s[..i].chars().next_back();
    let next = s[i + delim_len..].chars().next()?;
    if next.is_whitespace() || next == c {
        return None;
    }
    // `snake_case` and `2*3*4` are not emphasis.
    if prev.is_some_and(char::is_alphanumeric) && (c == '_' || !double) {
        return None;
    }
    let body_start = i + delim_len;
    let limit = body_start + window(s, body_start).len();
    let mut search = body_start;
    while let Some(off) = s[search..limit].find(delim) {
        let at = search + off;
        let before = s[..at].chars().next_back();
        let after = s[at + delim_len..].chars().next();
        let closes = at > body_start
            && before.is_some_and(|b| !b.is_whitespace())
            && !(c == '_' && after.is_some_and(char::is_alphanumeric))
            && (double || after != Some(c))
            && !s[body_start..at].contains('\n');
        if closes {
            let mut sub = Out::default();
            parse(&s[body_start..at], depth + 1, &mut sub);
            let content = sub.items;
            out.push(if double {
                Inline::Strong { content }
            } else {
                Inline::Emph { content }
            });
            return Some(at + delim_len - i);
        }
        search = at + delim_len;
    }
    None
}

/// A Markdown link `[text](url)` at `i`.
fn md_link(s: &str, i: usize, depth: usize, out: &mut Out) -> Option<usize> {
    let close = window(s, i).find("](")? + i;
    let text = &s[i + 1..close];
    if text.contains(['\n', '[']) {
        return None;
    }
    let url_start = close + 2;
    let url_end = closing_paren(window(s, url_start))? + url_start;
    let url = s[url_start..url_end]
        .trim()
        .trim_start_matches('<')
        .trim_end_matches('>');
    let mut sub = Out::default();
    parse(text, depth + 1, &mut sub);
    match links::web(url) {
        Some(url) => out.push(Inline::Link {
            url,
            content: sub.items,
        }),
        None => sub.items.into_iter().for_each(|c| out.push(c)),
    }
    Some(url_end + 1 - i)
}

/// Where the `)` that closes a link destination is: parentheses inside it must balance.
fn closing_paren(s: &str) -> Option<usize> {
    let mut depth = 0usize;
    for (k, c) in s.char_indices() {
        match c {
            '(' => depth += 1,
            ')' if depth == 0 => return Some(k),
            ')' => depth -= 1,
            '\n' => return None,
            _ => {}
        }
    }
    None
}

/// A bare `http://` or `https://` URL at `i`.
fn autolink(s: &str, i: usize, out: &mut Out) -> Option<usize> {
    let rest = &s[i..];
    let lower = rest.get(..8)?.to_ascii_lowercase();
    if !(lower.starts_with("http://") || lower.starts_with("https://")) {
        return None;
    }
    if s[..i]
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    let mut end = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | '`'))
        .unwrap_or(rest.len());
    // Trailing punctuation belongs to the sentence; a `)` only if unbalanced.
    while let Some(last) = rest[..end].chars().next_back() {
        let unbalanced_paren =
            last == ')' && rest[..end].matches('(').count() < rest[..end].matches(')').count();
        if matches!(last, '.' | ',' | ';' | ':' | '!' | '?' | '\'' | ']' | '}') || unbalanced_paren
        {
            end -= last.len_utf8();
        } else {
            break;
        }
    }
    let raw = &rest[..end];
    let url = links::web(raw)?;
    out.push(Inline::Link {
        url,
        content: vec![Inline::text(raw)],
    });
    Some(end)
}

/// An HTML entity at the start of `s`: the decoded text and its length.
fn entity(s: &str) -> Option<(String, usize)> {
    // Byte search: `;` is ASCII, so `end` is a character boundary whatever precedes it.
    let end = s.bytes().take(12).position(|b| b == b';')?;
    let name = s.get(1..end)?;
    let decoded = match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "ndash" => '–',
        "mdash" => '—',
        "hellip" => '…',
        "lsquo" => '‘',
        "rsquo" => '’',
        "ldquo" => '“',
        "rdquo" => '”',
        "copy" => '©',
        "reg" => '®',
        "trade" => '™',
        "euro" => '€',
        "bull" => '•',
        "middot" => '·',
        _ => {
            let code =
                if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                    u32::from_str_radix(hex, 16).ok()?
                } else {
                    name.strip_prefix('#')?.parse::<u32>().ok()?
                };
            char::from_u32(code)?
        }
    };
    if decoded.is_control() {
        return Some((String::new(), end + 1));
    }
    Some((decoded.to_string(), end + 1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::text(s)
    }

    #[test]
    fn markdown_emphasis() {
        assert_eq!(
            inlines("a **bold** and *em* and __b__ _e_"),
            vec![
                t("a "),
                Inline::Strong {
                    content: vec![t("bold")]
                },
                t(" and "),
                Inline::Emph {
                    content: vec![t("em")]
                },
                t(" and "),
                Inline::Strong {
                    content: vec![t("b")]
                },
                t(" "),
                Inline::Emph {
                    content: vec![t("e")]
                },
            ]
        );
    }

    #[test]
    fn literal_stars_and_underscores_stay() {
        assert_eq!(inlines("snake_case_name"), vec![t("snake_case_name")]);
        assert_eq!(inlines("2*3*4"), vec![t("2*3*4")]);
        assert_eq!(inlines("a * b * c"), vec![t("a * b * c")]);
        assert_eq!(inlines("**unclosed"), vec![t("**unclosed")]);
    }

    #[test]
    fn html_formatting() {
        assert_eq!(
            inlines("<B>Big</B> deal<BR>next <a href='https://x.example.com'>link</a>"),
            vec![
                Inline::Strong {
                    content: vec![t("Big")]
                },
                t(" deal"),
                Inline::Break,
                t("next "),
                Inline::Link {
                    url: "https://x.example.com".into(),
                    content: vec![t("link")]
                },
            ]
        );
        assert_eq!(
            inlines("<a href=\"javascript:alert(1)\">click</a>"),
            vec![t("click")]
        );
    }

    #[test]
    fn unknown_tags_are_text() {
        assert_eq!(
            inlines("<START_DATE> – <ORGANIZATION_NAME>"),
            vec![t("<START_DATE> – <ORGANIZATION_NAME>")]
        );
        assert_eq!(inlines("a < b > c"), vec![t("a < b > c")]);
        assert_eq!(inlines("<script>x</script>"), vec![t("<script>x</script>")]);
    }

    #[test]
    fn entities_and_escapes() {
        assert_eq!(
            inlines("R&amp;D &lt;3 &#169; &#x41; &bogus; \\*x\\*"),
            vec![t("R&D <3 © A &bogus; *x*")]
        );
        assert_eq!(inlines("a&#27;b"), vec![t("ab")]);
    }

    #[test]
    fn links_and_autolinks() {
        assert_eq!(
            inlines("see [docs](https://example.com/d) or http://example.org/x."),
            vec![
                t("see "),
                Inline::Link {
                    url: "https://example.com/d".into(),
                    content: vec![t("docs")]
                },
                t(" or "),
                Inline::Link {
                    url: "http://example.org/x".into(),
                    content: vec![t("http://example.org/x")]
                },
                t("."),
            ]
        );
        // Parentheses inside a destination balance, as in CommonMark.
        assert_eq!(inlines("[x](javascript:alert(1))"), vec![t("x")]);
        assert_eq!(
            inlines("[w](https://en.wikipedia.org/wiki/Rust_(language)) ok"),
            vec![
                Inline::Link {
                    url: "https://en.wikipedia.org/wiki/Rust_(language)".into(),
                    content: vec![t("w")]
                },
                t(" ok"),
            ]
        );
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

    #[test]
    fn deep_nesting_does_not_overflow() {
        let s = "<b>".repeat(10_000) + "x";
        let _ = inlines(&s);
        let s = "**".repeat(10_000) + "x" + &"**".repeat(10_000);
        let _ = inlines(&s);
    }
}
