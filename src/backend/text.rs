//! Plain UTF-8 text, wrapped to a width measured in terminal columns.
//!
//! Suitable for pasting into an application form: no markup, no control
//! characters, dates aligned on the right, East Asian wide characters
//! counted as two columns.

use handlebars::{
    Context, Handlebars, Helper, HelperDef, RenderContext, RenderError as HbError, ScopedJson,
};
use serde_json::Value;
use unicode_width::UnicodeWidthStr;

use super::segment;
use super::template::{self, hash_text, hash_usize, param_text, width};
use super::{Backend, RenderError, RenderOptions, Rendered};
use crate::document::{Document, Inline};
use crate::layout::Layout;

/// The plain-text backend.
pub struct Text;

impl Backend for Text {
    fn name(&self) -> &'static str {
        "txt"
    }
    fn aliases(&self) -> &'static [&'static str] {
        &["text", "plain"]
    }
    fn extension(&self) -> &'static str {
        "txt"
    }
    fn description(&self) -> &'static str {
        "plain UTF-8 text, wrapped (see --width)"
    }
    fn template_file(&self) -> Option<&'static str> {
        Some("text.hbs")
    }
    fn setup_templates(&self, registry: &mut Handlebars<'static>) {
        registry.register_escape_fn(handlebars::no_escape);
        register_wrapping(registry);
        registry.register_helper("contact", Box::new(ContactLine));
    }
    fn render(
        &self,
        document: &Document,
        layout: &Layout,
        options: &RenderOptions,
    ) -> Result<Rendered, RenderError> {
        let mut text = template::render(self, document, layout, options)?;
        if let Some(letter) = &document.letter {
            super::letter_text::plain(&mut text, document, letter, options.width);
        }
        Ok(Rendered {
            bytes: text.into_bytes(),
            warnings: Vec::new(),
            notes: Vec::new(),
        })
    }
}

/// Registers `plain`, `wrap`, `columns` and `rule` (shared with custom templates).
pub fn register_wrapping(registry: &mut Handlebars<'static>) {
    registry.register_helper("plain", Box::new(Plain));
    registry.register_helper("wrap", Box::new(Wrap));
    registry.register_helper("columns", Box::new(Columns));
    registry.register_helper("rule", Box::new(Rule));
}

/// Inlines as plain text; a link shows its target when the text does not already.
pub fn plain(items: &[Inline], out: &mut String) {
    for item in items {
        match item {
            Inline::Text { text } => out.push_str(text),
            Inline::Strong { content } | Inline::Emph { content } => plain(content, out),
            Inline::Link { url, content } => {
                let mut text = String::new();
                plain(content, &mut text);
                let target = url
                    .strip_prefix("mailto:")
                    .or_else(|| url.strip_prefix("tel:"))
                    .unwrap_or(url);
                let shown = text.trim();
                if shown.is_empty() {
                    out.push_str(target);
                } else if shown.contains(target) || target.contains(shown) && shown.contains('.') {
                    out.push_str(shown);
                } else {
                    out.push_str(shown);
                    out.push_str(" (");
                    out.push_str(target);
                    out.push(')');
                }
            }
            Inline::Break => out.push('\n'),
        }
    }
}

/// The display width of a string in terminal columns.
fn columns_of(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Wraps `text` to `width` columns; the first line starts with `first`, the rest with `rest`.
pub fn wrap_text(text: &str, width: usize, first: &str, rest: &str) -> String {
    let mut options = textwrap::Options::new(width.max(columns_of(rest) + 10))
        .initial_indent(first)
        .subsequent_indent(rest)
        .break_words(true);
    if text.chars().any(segment::spaceless) {
        options = options.word_separator(textwrap::WordSeparator::Custom(spaceless_words));
    }
    let mut lines = Vec::new();
    for (i, para) in text.split('\n').enumerate() {
        let opts = if i == 0 {
            options.clone()
        } else {
            options.clone().initial_indent(rest)
        };
        if para.trim().is_empty() {
            lines.push(String::new());
            continue;
        }
        lines.extend(
            textwrap::wrap(para.trim(), opts)
                .into_iter()
                .map(|l| l.into_owned()),
        );
    }
    lines.join("\n")
}

/// Words cut where the dictionary segmenter allows a break (UAX #14 plus
/// the breaks between Thai, Lao, Khmer or Myanmar words): the same breaks as
/// the PDF's. textwrap's own segmenter has no dictionaries, and asking it
/// about such text prints an ICU4X data error on stderr.
fn spaceless_words(line: &str) -> Box<dyn Iterator<Item = textwrap::core::Word<'_>> + '_> {
    let mut words = Vec::new();
    let mut from = 0;
    for end in segment::line_breaks(line).into_iter().chain([line.len()]) {
        if let Some(part) = line.get(from..end).filter(|p| !p.is_empty()) {
            words.push(textwrap::core::Word::from(part));
        }
        from = end;
    }
    Box::new(words.into_iter())
}

/// `left` and `right` on one line, `right` flush with the right margin.
pub fn columns_line(left: &str, right: &str, width: usize, indent: usize) -> String {
    let pad = " ".repeat(indent);
    // The right column is one line (dates kept as text may hold line breaks).
    let right = right.split_whitespace().collect::<Vec<_>>().join(" ");
    let right = right.as_str();
    let rw = columns_of(right);
    if right.is_empty() {
        return wrap_text(left, width, &pad, &pad);
    }
    if rw + indent > width {
        // Too wide to sit on the right: both parts wrapped, one under the other.
        let right = wrap_text(right, width, &pad, &pad);
        if left.trim().is_empty() {
            return right;
        }
        return format!("{}\n{right}", wrap_text(left, width, &pad, &pad));
    }
    let avail = width.saturating_sub(rw + 3);
    if left.trim().is_empty() {
        return format!("{}{right}", " ".repeat(width.saturating_sub(rw)));
    }
    if avail >= 24 {
        let wrapped = wrap_text(left, avail, &pad, &pad);
        let mut lines: Vec<String> = wrapped.lines().map(str::to_string).collect();
        if let Some(first) = lines.first_mut() {
            let gap = width.saturating_sub(columns_of(first) + rw).max(3);
            first.push_str(&" ".repeat(gap));
            first.push_str(right);
        }
        lines.join("\n")
    } else {
        let wrapped = wrap_text(left, width, &pad, &pad);
        format!("{wrapped}\n{}{right}", " ".repeat(width.saturating_sub(rw)))
    }
}

fn inline_param(h: &Helper<'_>, idx: usize) -> Result<String, HbError> {
    match h.param(idx).map(|p| p.value()) {
        None | Some(Value::Null) => Ok(String::new()),
        Some(Value::String(s)) => Ok(s.clone()),
        Some(Value::Array(_)) => {
            let mut s = String::new();
            plain(&template::param_inlines(h, idx)?, &mut s);
            Ok(s)
        }
        Some(_) => Ok(param_text(h, idx)),
    }
}

/// `{{plain inlines}}`.
struct Plain;

impl HelperDef for Plain {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, HbError> {
        Ok(ScopedJson::Derived(Value::String(inline_param(h, 0)?)))
    }
}

/// `{{wrap text indent=2 bullet="- "}}`: text or inlines wrapped to the width.
struct Wrap;

impl HelperDef for Wrap {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, HbError> {
        let text = inline_param(h, 0)?;
        let indent = " ".repeat(hash_usize(h, "indent").unwrap_or(0));
        let bullet = hash_text(h, "bullet").unwrap_or_default();
        let first = format!("{indent}{bullet}");
        let rest = format!("{indent}{}", " ".repeat(columns_of(&bullet)));
        Ok(ScopedJson::Derived(Value::String(wrap_text(
            &text,
            width(h, ctx),
            &first,
            &rest,
        ))))
    }
}

/// `{{columns left right indent=0}}`: a line with `right` aligned to the right margin.
struct Columns;

impl HelperDef for Columns {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, HbError> {
        let left = inline_param(h, 0)?;
        let right = inline_param(h, 1)?;
        let indent = hash_usize(h, "indent").unwrap_or(0);
        Ok(ScopedJson::Derived(Value::String(columns_line(
            &left,
            &right,
            width(h, ctx),
            indent,
        ))))
    }
}

/// `{{contact this}}`: "Label: text", plus the web address when the text does not show it.
struct ContactLine;

impl HelperDef for ContactLine {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, HbError> {
        let c = h.param(0).map(|p| p.value().clone()).unwrap_or(Value::Null);
        // A contact is one line: a line break inside it (say a CR/LF in a URL) is a space.
        let field = |k: &str| {
            let s = c.get(k).and_then(Value::as_str).unwrap_or("");
            s.split('\n')
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        };
        let (label, text, link) = (field("label"), field("text"), field("link"));
        let mut line = if label.is_empty() {
            text.clone()
        } else {
            format!("{label}: {text}")
        };
        let web = link.starts_with("http://") || link.starts_with("https://");
        if web && !text.contains(crate::document::links::display(&link).as_str()) {
            line.push_str(&format!(" ({link})"));
        }
        Ok(ScopedJson::Derived(Value::String(line)))
    }
}

/// `{{rule text "="}}`: a line of the character as wide as the text.
struct Rule;

impl HelperDef for Rule {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, HbError> {
        let text = param_text(h, 0);
        let ch = param_text(h, 1)
            .chars()
            .next()
            .map_or_else(|| "-".to_string(), String::from);
        let n = columns_of(&text).min(width(h, ctx)).max(1);
        Ok(ScopedJson::Derived(Value::String(ch.repeat(n))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_characters_count_double() {
        let line = columns_line("日本語の職歴", "2020 – 2021", 40, 0);
        assert_eq!(columns_of(&line), 40, "{line}");
        for l in columns_line("日本語の職歴日本語の職歴", "2020 – 2021", 30, 0).lines()
        {
            assert!(columns_of(l) <= 30, "{l}");
        }
    }

    #[test]
    fn long_left_text_wraps_beside_the_dates() {
        let left =
            "Senior Member Of Technical Staff, VMware, a company with a very long name indeed";
        let out = columns_line(left, "Jan 2014 – Jan 2020", 60, 0);
        for l in out.lines() {
            assert!(columns_of(l) <= 60, "{l:?}");
        }
        assert!(out.lines().next().unwrap().ends_with("Jan 2014 – Jan 2020"));
    }

    #[test]
    fn long_tokens_are_broken() {
        let url = "https://example.com/".to_string() + &"x".repeat(200);
        for l in wrap_text(&url, 40, "  ", "  ").lines() {
            assert!(columns_of(l) <= 40);
        }
    }

    #[test]
    fn plain_links() {
        let mut s = String::new();
        plain(
            &[
                Inline::Link {
                    url: "https://a.example.com/x".into(),
                    content: vec![Inline::text("site")],
                },
                Inline::text(" "),
                Inline::Link {
                    url: "https://b.example.com".into(),
                    content: vec![Inline::text("https://b.example.com")],
                },
            ],
            &mut s,
        );
        assert_eq!(s, "site (https://a.example.com/x) https://b.example.com");
    }
}
