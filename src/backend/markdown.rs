//! CommonMark output that renders well on GitHub.
//!
//! Every piece of user text is escaped so that it shows literally: no input
//! can make a heading, list, emphasis, link, image, table, code span or HTML.
//! Formatting comes only from the document model, through the `md` helper.

use handlebars::{Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext};

use super::template::{self, hash_usize};
use super::{Backend, RenderError, RenderOptions, Rendered};
use crate::document::{Document, Inline};
use crate::layout::Layout;

/// The Markdown backend.
pub struct Markdown;

impl Backend for Markdown {
    fn name(&self) -> &'static str {
        "md"
    }
    fn aliases(&self) -> &'static [&'static str] {
        &["markdown", "commonmark"]
    }
    fn extension(&self) -> &'static str {
        "md"
    }
    fn description(&self) -> &'static str {
        "CommonMark, for GitHub and pandoc"
    }
    fn template_file(&self) -> Option<&'static str> {
        Some("markdown.hbs")
    }
    fn setup_templates(&self, registry: &mut Handlebars<'static>) {
        registry.register_escape_fn(escape);
        registry.register_helper("md", Box::new(MdInlines));
        registry.register_helper("md_url", Box::new(MdUrl));
    }
    fn render(
        &self,
        document: &Document,
        layout: &Layout,
        options: &RenderOptions,
    ) -> Result<Rendered, RenderError> {
        let mut text = template::render(self, document, layout, options)?;
        if let Some(letter) = &document.letter {
            super::letter_text::markdown(&mut text, letter);
        }
        Ok(Rendered {
            bytes: text.into_bytes(),
            warnings: Vec::new(),
            notes: Vec::new(),
        })
    }
}

/// Escapes text so that CommonMark (and GitHub's extensions) show it literally.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    let mut at_start = true;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let c = if c == '\n' || c == '\r' { ' ' } else { c };
        if at_start && c == ' ' {
            // Leading spaces could make an indented code block.
            continue;
        }
        let next = chars.get(i + 1).copied();
        let escape_it = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '$' => true,
            '&' => entity_like(chars.get(i + 1..).unwrap_or(&[])),
            '#' => at_start || prev.is_some_and(char::is_whitespace),
            '-' | '+' => at_start && next.is_none_or(|n| n.is_whitespace() || n == c),
            '=' => at_start,
            // `1.` or `1)` at the start would begin an ordered list.
            '.' | ')' => {
                prev.is_some_and(|p| p.is_ascii_digit())
                    && chars
                        .get(..i)
                        .unwrap_or(&[])
                        .iter()
                        .all(char::is_ascii_digit)
            }
            '!' => chars.get(i + 1) == Some(&'['),
            ':' => false,
            _ => false,
        };
        if escape_it {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
        at_start = false;
    }
    out.trim_end().to_string()
}

/// Whether the text after an `&` would be read as an entity (`amp;`, `#169;`).
fn entity_like(rest: &[char]) -> bool {
    let name: Vec<char> = rest
        .iter()
        .take(33)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .copied()
        .collect();
    !name.is_empty() && rest.get(name.len()) == Some(&';')
}

/// Renders inlines as Markdown; `indent` is the continuation indent after a line break.
pub fn inlines(items: &[Inline], indent: usize, out: &mut String) {
    for item in items {
        match item {
            Inline::Text { text } => {
                // Only the very start of the rendered run is a line start.
                let escaped = escape(text);
                let escaped = if out.is_empty() || out.ends_with('\n') || out.ends_with(' ') {
                    escaped
                } else {
                    escape_mid(text)
                };
                if text.starts_with(' ') && !out.is_empty() && !out.ends_with(' ') {
                    out.push(' ');
                }
                out.push_str(&escaped);
                if text.ends_with(' ') && !escaped.is_empty() {
                    out.push(' ');
                }
            }
            Inline::Strong { content } => wrapped("**", content, indent, out),
            Inline::Emph { content } => wrapped("*", content, indent, out),
            Inline::Link { url, content } => {
                // `!` right before `[` would turn the link into an image.
                if out.ends_with('!') && !out.ends_with("\\!") {
                    out.pop();
                    out.push_str("\\!");
                }
                let mut inner = String::new();
                inlines(content, indent, &mut inner);
                if inner.trim().is_empty() {
                    inner = escape(url);
                }
                out.push('[');
                out.push_str(inner.trim());
                out.push_str("](<");
                out.push_str(&url_for_markdown(url));
                out.push_str(">)");
            }
            Inline::Break => {
                if !out.is_empty() {
                    out.truncate(out.trim_end().len());
                    out.push_str("\\\n");
                    out.push_str(&" ".repeat(indent));
                }
            }
        }
    }
}

/// Escaping for text that continues a line (line-start rules do not apply).
fn escape_mid(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut prev: Option<char> = None;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let c = if c == '\n' || c == '\r' { ' ' } else { c };
        let escape_it = match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~' | '$' => true,
            '&' => entity_like(chars.get(i + 1..).unwrap_or(&[])),
            '#' => prev.is_some_and(char::is_whitespace),
            '!' => chars.get(i + 1) == Some(&'['),
            _ => false,
        };
        if escape_it {
            out.push('\\');
        }
        out.push(c);
        prev = Some(c);
    }
    out.trim().to_string()
}

fn wrapped(delim: &str, content: &[Inline], indent: usize, out: &mut String) {
    let mut inner = String::new();
    inlines(content, indent, &mut inner);
    let inner = inner.trim();
    if inner.is_empty() {
        return;
    }
    if !out.is_empty() && !out.ends_with([' ', '\n', '(', '[']) {
        // Emphasis must not touch a word character on its outside in CommonMark.
        out.push(' ');
    }
    out.push_str(delim);
    out.push_str(inner);
    out.push_str(delim);
}

/// A link destination for `<…>`: characters that would end or break it are percent-encoded.
fn url_for_markdown(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for c in url.chars() {
        match c {
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            ' ' => out.push_str("%20"),
            '\\' => out.push_str("%5C"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// `{{md inlines indent=2}}`: model inlines as Markdown (written unescaped: it escapes itself).
struct MdInlines;

impl HelperDef for MdInlines {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let items = template::param_inlines(h, 0)?;
        let mut s = String::new();
        inlines(&items, hash_usize(h, "indent").unwrap_or(0), &mut s);
        out.write(&s)?;
        Ok(())
    }
}

/// `{{md_url link}}`: a URL ready for a `(<…>)` link destination.
struct MdUrl;

impl HelperDef for MdUrl {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        out.write(&url_for_markdown(&template::param_text(h, 0)))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_everything_that_could_be_markup() {
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("1. not a list"), "1\\. not a list");
        assert_eq!(
            escape("a *b* _c_ `d` [e](f) <g> | ~h~ $x$ &amp;"),
            "a \\*b\\* \\_c\\_ \\`d\\` \\[e\\](f) \\<g\\> \\| \\~h\\~ \\$x\\$ \\&amp;"
        );
        assert_eq!(escape("R&D & more"), "R&D & more");
        assert_eq!(escape("+49 30"), "+49 30");
        assert_eq!(escape("+ item"), "\\+ item");
        assert_eq!(escape("---"), "\\---");
        assert_eq!(escape("![img](x)"), "\\!\\[img\\](x)");
        assert_eq!(escape("    code"), "code");
        assert_eq!(escape("C# and F#"), "C# and F#");
        assert_eq!(escape("line\nbreak"), "line break");
        assert_eq!(escape("2019. Joined"), "2019\\. Joined");
    }

    #[test]
    fn inlines_render_formatting() {
        let items = vec![
            Inline::text("Built "),
            Inline::Strong {
                content: vec![Inline::text("fast")],
            },
            Inline::text(" tools, see "),
            Inline::Link {
                url: "https://example.com/a b".into(),
                content: vec![Inline::text("docs")],
            },
            Inline::Break,
            Inline::text("- next"),
        ];
        let mut s = String::new();
        inlines(&items, 2, &mut s);
        assert_eq!(
            s,
            "Built **fast** tools, see [docs](<https://example.com/a%20b>)\\\n  \\- next"
        );
    }
}
