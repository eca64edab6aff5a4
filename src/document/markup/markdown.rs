//! Markdown inside text: `**strong**` and `*em*`, `[text](url)` links and bare URLs.

use super::super::links;
use super::super::model::Inline;
use super::{Out, parse, window};

/// Markdown emphasis at `i`: `**strong**`, `__strong__`, `*em*`, `_em_`.
pub(super) fn emphasis(s: &str, i: usize, c: char, depth: usize, out: &mut Out) -> Option<usize> {
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
pub(super) fn md_link(s: &str, i: usize, depth: usize, out: &mut Out) -> Option<usize> {
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
pub(super) fn autolink(s: &str, i: usize, out: &mut Out) -> Option<usize> {
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

#[cfg(test)]
mod tests {
    use super::super::inlines;
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
}
