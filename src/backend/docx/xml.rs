//! Text hygiene before anything reaches docx-rs, and escaping for the few
//! parts we still write (or patch) ourselves.
//!
//! docx-rs escapes markup characters in text and in most attribute values
//! (`Text`, `RunFonts`, `Name`, a hyperlink's target) but writes everything
//! else as given, and it never drops the characters XML 1.0 cannot carry at
//! all (most C0 controls, U+FFFE/U+FFFF): one of those makes Word refuse the
//! whole file. So every string that comes from the document passes through
//! [`clean`] first; [`escape`] is for the XML we write ourselves (core and app
//! properties, the bullet text of the list definition, which docx-rs does not
//! escape).

/// Whether XML 1.0 allows this character in content.
fn allowed(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// C1 controls are legal XML but render as boxes; they only come from mis-decoded input.
fn is_c1(c: char) -> bool {
    ('\u{80}'..='\u{9F}').contains(&c)
}

/// Text as it may appear in a run, not yet escaped: characters XML cannot
/// carry and C1 controls dropped, tabs and line breaks as spaces (callers
/// split lines into `w:br` before this).
pub fn clean(s: &str) -> String {
    s.chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if allowed(c) && !is_c1(c) => Some(c),
            _ => None,
        })
        .collect()
}

/// Escapes text for element content or a double-quoted attribute (after [`clean`]).
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in clean(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// A relationship target, not yet escaped (docx-rs escapes it): no
/// whitespace or control characters at all (a CR/LF in a target is how
/// header injection into other tools starts), and characters that are not
/// allowed in URIs percent-encoded.
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
    fn cleans_and_escapes_markup_and_drops_forbidden_characters() {
        assert_eq!(
            escape("a<b>&\"c\"\u{0}\u{1b}\u{FFFF}\u{85}"),
            "a&lt;b&gt;&amp;&quot;c&quot;"
        );
        assert_eq!(clean("a<b>\t&\u{0}\u{85}x"), "a<b> &x");
        assert_eq!(escape("日本語 Ελληνικά"), "日本語 Ελληνικά");
    }

    #[test]
    fn targets_lose_line_breaks() {
        assert_eq!(
            url_target("https://x.example/a b\r\nSet-Cookie:&"),
            "https://x.example/a%20bSet-Cookie:&"
        );
        assert!(safe_scheme("MAILTO:a@b.c"));
        assert!(!safe_scheme("javascript:alert(1)"));
    }
}
