//! What each text format promises: Markdown shows user text literally; text is clean and fits.

use crate::common;

use common::{all_inputs, check_markdown, convert, convert_text};
use unicode_width::UnicodeWidthStr;

/// A resume whose every field tries to inject Markdown or HTML.
const HOSTILE: &str = r##"{
  "basics": {
    "name": "# Not a heading",
    "label": "- not a list * nor _emphasis_",
    "email": "a@example.com?bcc=evil@example.com",
    "url": "javascript:alert(1)",
    "summary": "1. not ordered\n> not a quote\n    not code\n| not | a | table |\n---\n![img](https://example.com/x.png) [link](javascript:alert(1)) <script>alert(1)</script> `code` ~~strike~~ $math$ &amp; <img src=x onerror=alert(1)>",
    "profiles": [{"network": "[x](https://evil.example.com)", "username": "<b>u</b>", "url": "data:text/html,hi"}]
  },
  "work": [{
    "name": "=== setext",
    "position": "Dev ###",
    "startDate": "2020-01",
    "highlights": ["+ plus", "<a href=\"file:///etc/passwd\">file</a>", "\u001b[31mred\u001b[0m", "***"]
  }],
  "skills": [{"name": "*", "keywords": ["<!-- comment -->", "[^1]", "http://ok.example.com"]}]
}"##;

#[test]
fn hostile_text_stays_literal_in_markdown() {
    let md = String::from_utf8(convert(HOSTILE.as_bytes(), "md")).unwrap();
    check_markdown(&md, "hostile");
    // One name heading, the summary and experience and skills sections, one entry.
    assert_eq!(md.lines().filter(|l| l.starts_with('#')).count(), 5, "{md}");
    // Unsafe targets are shown as text, never linked (check_markdown checks every link).
    for bad in [
        "(<javascript:",
        "(<data:",
        "(<file:",
        "(<mailto:a@example.com?",
    ] {
        assert!(!md.contains(bad), "{bad} linked in {md}");
    }
    assert!(!md.contains('\u{1b}'), "{md}");
    // The text itself is all there.
    let shown = common::unescape_markdown(&md);
    for s in [
        "# Not a heading",
        "<script>alert(1)</script>",
        "~~strike~~",
        "$math$",
        "=== setext",
        "Dev ###",
    ] {
        assert!(shown.contains(s), "{s} missing from {shown}");
    }
}

#[test]
fn corpus_markdown_has_no_accidental_markup() {
    for input in all_inputs() {
        let md = convert_text(&input, "md");
        check_markdown(&md, &input.display().to_string());
    }
}

#[test]
fn text_fits_the_width_and_has_no_control_characters() {
    let mut inputs = all_inputs();
    inputs.sort();
    for input in inputs {
        let txt = convert_text(&input, "txt");
        for line in txt.lines() {
            assert!(
                UnicodeWidthStr::width(line) <= 80,
                "{}: line wider than 80 columns: {line:?}",
                input.display()
            );
            assert!(
                !line.chars().any(char::is_control),
                "{}: control character in {line:?}",
                input.display()
            );
        }
        assert!(txt.is_empty() || (txt.ends_with('\n') && !txt.ends_with("\n\n")));
    }
    let hostile = String::from_utf8(convert(HOSTILE.as_bytes(), "txt")).unwrap();
    assert!(!hostile.chars().any(|c| c.is_control() && c != '\n'));
    assert!(hostile.contains("red"));
}
