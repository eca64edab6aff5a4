//! Escaping: every piece of text and every attribute value goes through here.

/// Appends text for element content, escaped so that it stays text.
pub fn text(out: &mut String, s: &str) {
    escape_into(out, s, false);
}

/// Appends text for a double-quoted attribute value.
pub fn attr(out: &mut String, s: &str) {
    escape_into(out, s, true);
}

/// Text escaped for element content, as a new string.
#[cfg(test)]
fn escaped(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    text(&mut out, s);
    out
}

fn escape_into(out: &mut String, s: &str, in_attr: bool) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if in_attr => out.push_str("&quot;"),
            '\'' if in_attr => out.push_str("&#39;"),
            // Line breaks inside a run are spaces; a forced break is `<br>`.
            '\n' | '\r' | '\t' => out.push(' '),
            c if !allowed(c) => {}
            c => out.push(c),
        }
    }
}

/// Whether HTML may carry the character: no controls and no noncharacters
/// (both are parse errors in HTML5).
fn allowed(c: char) -> bool {
    let n = u32::from(c);
    !(c.is_control() || (0xFDD0..=0xFDEF).contains(&n) || (n & 0xFFFE) == 0xFFFE)
}

/// Whether text would show nothing: only spaces and characters HTML drops.
pub fn blank(s: &str) -> bool {
    s.chars().all(|c| c.is_whitespace() || !allowed(c))
}

/// A CSS string literal (`"…"`) holding `s`: everything but letters, digits
/// and spaces as a hex escape, so nothing can end the string, the rule or
/// the `<style>` element.
pub fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        if c.is_alphanumeric() || c == ' ' {
            out.push(c);
        } else if allowed(c) {
            out.push_str(&format!("\\{:x} ", u32::from(c)));
        }
    }
    out.push('"');
    out
}

/// JSON made safe inside `<script type="application/ld+json">`: `<`, `>` and
/// `&` as `\u` escapes, so no text can close the element or open a comment.
pub fn json_in_script(json: &str) -> String {
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        match c {
            '<' => out.push_str("\\u003c"),
            '>' => out.push_str("\\u003e"),
            '&' => out.push_str("\\u0026"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            c => out.push(c),
        }
    }
    out
}

/// An `id` value from free text: ASCII letters, digits, `-` and `_` only.
pub fn slug(s: &str) -> String {
    let slug: String = s
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect();
    if slug.is_empty() || !slug.starts_with(|c: char| c.is_ascii_alphabetic()) {
        format!("s-{slug}")
    } else {
        slug
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_cannot_become_markup() {
        assert_eq!(escaped("<b>&amp;</b>"), "&lt;b&gt;&amp;amp;&lt;/b&gt;");
        let mut a = String::new();
        attr(&mut a, "\" onload='x'");
        assert_eq!(a, "&quot; onload=&#39;x&#39;");
        assert_eq!(escaped("a\u{0}b\u{7}c\u{85}d\u{FFFE}\nx"), "abcd x");
    }

    #[test]
    fn css_strings_and_json_cannot_break_out() {
        assert_eq!(css_string("• a"), "\"\\2022  a\"");
        assert_eq!(css_string("\"</style>"), "\"\\22 \\3c \\2f style\\3e \"");
        assert_eq!(
            json_in_script(r#"{"a":"</script><!--&"}"#),
            r#"{"a":"\u003c/script\u003e\u003c!--\u0026"}"#
        );
        assert_eq!(slug("work"), "work");
        assert_eq!(slug("\"><x"), "x");
        assert_eq!(slug("1st"), "s-1st");
    }
}
