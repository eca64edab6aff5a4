//! HTML inside text: the tags that are recognised, `<a href>`, and character entities.

use super::super::links;
use super::super::model::Inline;
use super::{MAX_DEPTH, Out, parse};

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

/// An HTML tag found in text.
pub(super) struct Tag {
    /// Lower-case tag name.
    pub(super) name: String,
    pub(super) closing: bool,
    /// Raw attribute text.
    attrs: String,
    /// Byte offset just past `>`.
    pub(super) end: usize,
}

/// A recognised HTML tag starting at `at` (which holds `<`).
pub(super) fn tag_at(s: &str, at: usize) -> Option<Tag> {
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
pub(super) fn html(s: &str, i: usize, depth: usize, out: &mut Out) -> Option<usize> {
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

/// An HTML entity at the start of `s`: the decoded text and its length.
pub(super) fn entity(s: &str) -> Option<(String, usize)> {
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
    use super::super::inlines;
    use super::*;

    fn t(s: &str) -> Inline {
        Inline::text(s)
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
}
