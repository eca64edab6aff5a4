//! Escaping for the hand-written WordprocessingML parts.
//!
//! Every string that comes from the document passes through here before it
//! reaches XML: markup characters are escaped, and characters XML 1.0 cannot
//! carry at all (most C0 controls, lone surrogates cannot occur in `str`,
//! U+FFFE/U+FFFF) are dropped, because one of them makes Word refuse the
//! whole file.

/// Whether XML 1.0 allows this character in content.
fn allowed(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Escapes text for element content or a double-quoted attribute.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, s);
    out
}

/// Appends escaped text (see [`escape`]).
pub fn push_escaped(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // Attribute values normalise raw whitespace; keep it as spaces.
            '\t' | '\n' | '\r' => out.push(' '),
            c if allowed(c) && !is_c1(c) => out.push(c),
            _ => {}
        }
    }
}

/// C1 controls are legal XML but render as boxes; they only come from mis-decoded input.
fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

/// A relationship target: no whitespace or control characters at all (a
/// CR/LF in a target is how header injection into other tools starts), and
/// characters that are not allowed in URIs percent-encoded.
pub fn url_target(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.trim().chars() {
        match c {
            c if c.is_control() => {}
            ' ' => out.push_str("%20"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\\' => out.push_str("%5C"),
            '&' => out.push_str("&amp;"),
            c if c.is_whitespace() => {}
            c if allowed(c) => out.push(c),
            _ => {}
        }
    }
    out
}

/// Whether a link may become an external relationship: the same schemes the
/// document model allows, checked again because a relationship is executable
/// in some readers.
pub fn safe_scheme(url: &str) -> bool {
    let lower = url.trim_start().to_ascii_lowercase();
    ["http://", "https://", "mailto:", "tel:"]
        .iter()
        .any(|p| lower.starts_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("a<b>&\"c\"\u{0}\u{1b}\u{FFFF}\u{85}"),
            "a&lt;b&gt;&amp;&quot;c&quot;"
        );
        assert_eq!(escape("日本語 Ελληνικά"), "日本語 Ελληνικά");
    }

    #[test]
    fn targets_lose_line_breaks() {
        assert_eq!(
            url_target("https://x.example/a b\r\nSet-Cookie:&"),
            "https://x.example/a%20bSet-Cookie:&amp;"
        );
        assert!(safe_scheme("MAILTO:a@b.c"));
        assert!(!safe_scheme("javascript:alert(1)"));
    }
}
