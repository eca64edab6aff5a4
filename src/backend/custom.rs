//! `--template FILE.hbs`: any text format from the document model and the raw resume.
//!
//! The output's extension comes from the template's name (`cv.html.hbs` →
//! `.html`), and so does the default escaping of `{{value}}`: HTML for
//! `.html`/`.htm`/`.xml`/`.svg`, LaTeX for `.tex`, Markdown for `.md`, none
//! otherwise. Strict mode makes a misspelt variable an error with its line and
//! column. Templates have no helper that reads files or runs commands.

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext,
    RenderError as HbError, ScopedJson,
};
use serde::Serialize;
use serde_json::Value;

use super::template::{self, param_text};
use super::{RenderError, RenderOptions};
use crate::document::{Document, Inline, Labels, fill_date};
use crate::layout::{Definition, Layout};

/// Escaping for a target format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    Html,
    Latex,
    Markdown,
    None,
}

/// A compiled user template.
pub struct Custom {
    registry: Handlebars<'static>,
    /// Extension of the output, without the dot.
    extension: String,
    /// The template's path, for messages.
    path: String,
}

/// A template that does not compile: its position and reason.
#[derive(Debug, thiserror::Error)]
#[error("{path}:{line}:{column}: {message}")]
pub struct TemplateError {
    pub path: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

#[derive(Serialize)]
struct CustomContext<'a> {
    #[serde(flatten)]
    document: &'a Document,
    /// The resume as read from the file (`null` when redaction is on).
    resume: &'a Value,
    labels: &'a Labels,
    layout: &'a Definition,
    options: Options,
}

#[derive(Serialize)]
struct Options {
    width: usize,
}

impl Custom {
    /// Compiles a template; `path` names it in messages and gives the output extension.
    pub fn new(path: &str, source: &str) -> Result<Custom, TemplateError> {
        let file = path.rsplit(['/', '\\']).next().unwrap_or(path);
        let without_hbs = file.strip_suffix(".hbs").unwrap_or(file);
        let extension = match without_hbs.rsplit_once('.') {
            Some((stem, ext))
                if !stem.is_empty()
                    && !ext.is_empty()
                    && ext.len() <= 8
                    && ext.chars().all(|c| c.is_ascii_alphanumeric()) =>
            {
                ext.to_ascii_lowercase()
            }
            _ => "txt".to_string(),
        };
        let escape = match extension.as_str() {
            "html" | "htm" | "xhtml" | "xml" | "svg" => Escape::Html,
            "tex" | "latex" => Escape::Latex,
            "md" | "markdown" => Escape::Markdown,
            _ => Escape::None,
        };
        let mut registry = Handlebars::new();
        registry.set_strict_mode(true);
        registry.set_prevent_indent(true);
        template::register_common(&mut registry);
        match escape {
            Escape::Html => registry.register_escape_fn(html),
            Escape::Latex => registry.register_escape_fn(latex),
            Escape::Markdown => registry.register_escape_fn(super::markdown::escape),
            Escape::None => registry.register_escape_fn(handlebars::no_escape),
        }
        registry.register_helper("html", Box::new(EscapeWith(html)));
        registry.register_helper("latex", Box::new(EscapeWith(latex)));
        registry.register_helper("markdown", Box::new(EscapeWith(super::markdown::escape)));
        registry.register_helper("inlines", Box::new(Inlines(escape)));
        registry.register_helper("date", Box::new(DateHelper));
        super::text::register_wrapping(&mut registry);
        registry
            .register_template_string("main", source)
            .map_err(|e| {
                let (line, column) = e.pos().unwrap_or((0, 0));
                TemplateError {
                    path: path.to_string(),
                    line,
                    column,
                    message: e.reason().to_string(),
                }
            })?;
        Ok(Custom {
            registry,
            extension,
            path: path.to_string(),
        })
    }

    /// The output's extension.
    pub fn extension(&self) -> &str {
        &self.extension
    }

    /// Renders a document; `raw` is the resume as read (pass `Value::Null` to hide it).
    pub fn render(
        &self,
        document: &Document,
        raw: &Value,
        labels: &Labels,
        layout: &Layout,
        options: &RenderOptions,
    ) -> Result<Vec<u8>, RenderError> {
        let context = CustomContext {
            document,
            resume: raw,
            labels,
            layout: layout.definition(),
            options: Options {
                width: options.width,
            },
        };
        self.registry
            .render("main", &context)
            .map(String::into_bytes)
            .map_err(|e| RenderError::Template {
                template: self.path.clone(),
                message: match (e.line_no, e.column_no) {
                    (Some(l), Some(c)) => format!("line {l}, column {c}: {}", e.reason()),
                    _ => e.reason().to_string(),
                },
            })
    }
}

/// HTML escaping (text and attribute values).
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '`' => out.push_str("&#96;"),
            '=' => out.push_str("&#61;"),
            c => out.push(c),
        }
    }
    out
}

/// LaTeX escaping for text mode.
pub fn latex(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\textbackslash{}"),
            '{' => out.push_str("\\{"),
            '}' => out.push_str("\\}"),
            '$' => out.push_str("\\$"),
            '&' => out.push_str("\\&"),
            '#' => out.push_str("\\#"),
            '%' => out.push_str("\\%"),
            '_' => out.push_str("\\_"),
            '^' => out.push_str("\\textasciicircum{}"),
            '~' => out.push_str("\\textasciitilde{}"),
            '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// `{{html x}}`, `{{latex x}}`, `{{markdown x}}`: escapes for that format, whatever the default.
struct EscapeWith(fn(&str) -> String);

impl HelperDef for EscapeWith {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        _: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        out.write(&(self.0)(&param_text(h, 0)))?;
        Ok(())
    }
}

/// `{{inlines content}}`: formatted text in the template's own format, escaped.
struct Inlines(Escape);

impl HelperDef for Inlines {
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
        match self.0 {
            Escape::Markdown => super::markdown::inlines(&items, 0, &mut s),
            Escape::None => super::text::plain(&items, &mut s),
            Escape::Html => tagged(&items, &mut s, html, &HTML_TAGS),
            Escape::Latex => tagged(&items, &mut s, latex, &LATEX_TAGS),
        }
        out.write(&s)?;
        Ok(())
    }
}

/// Opening and closing markup for strong, emphasis, link (url goes between) and break.
struct Tags {
    strong: (&'static str, &'static str),
    emph: (&'static str, &'static str),
    link: (&'static str, &'static str, &'static str),
    line_break: &'static str,
}

const HTML_TAGS: Tags = Tags {
    strong: ("<strong>", "</strong>"),
    emph: ("<em>", "</em>"),
    link: ("<a href=\"", "\">", "</a>"),
    line_break: "<br>",
};

const LATEX_TAGS: Tags = Tags {
    strong: ("\\textbf{", "}"),
    emph: ("\\emph{", "}"),
    link: ("\\href{", "}{", "}"),
    line_break: "\\\\",
};

fn tagged(items: &[Inline], out: &mut String, esc: fn(&str) -> String, tags: &Tags) {
    for item in items {
        match item {
            Inline::Text { text } => out.push_str(&esc(text)),
            Inline::Strong { content } => {
                out.push_str(tags.strong.0);
                tagged(content, out, esc, tags);
                out.push_str(tags.strong.1);
            }
            Inline::Emph { content } => {
                out.push_str(tags.emph.0);
                tagged(content, out, esc, tags);
                out.push_str(tags.emph.1);
            }
            Inline::Link { url, content } => {
                out.push_str(tags.link.0);
                // Link targets are already safe schemes; escape for the attribute / argument.
                let target = if std::ptr::eq(tags, &LATEX_TAGS) {
                    url.replace('\\', "")
                        .replace(['{', '}'], "")
                        .replace('%', "\\%")
                        .replace('#', "\\#")
                } else {
                    esc(url)
                };
                out.push_str(&target);
                out.push_str(tags.link.1);
                tagged(content, out, esc, tags);
                out.push_str(tags.link.2);
            }
            Inline::Break => out.push_str(tags.line_break),
        }
    }
}

/// `{{date "2020-03" style="long"}}`: an ISO date in the resume's language.
struct DateHelper;

impl HelperDef for DateHelper {
    fn call_inner<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        _: &mut RenderContext<'reg, 'rc>,
    ) -> Result<ScopedJson<'rc>, HbError> {
        let iso = param_text(h, 0);
        let style = template::hash_text(h, "style").unwrap_or_else(|| "short".into());
        let labels = ctx.data().get("labels");
        let text = |k: &str| {
            labels
                .and_then(|l| l.get(k))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let month_name = |k: &str, i: usize| {
            labels
                .and_then(|l| l.get(k))
                .and_then(|m| m.get(i))
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let mut parts = iso.split('-');
        let year = parts.next().unwrap_or("").to_string();
        let month = parts
            .next()
            .and_then(|m| m.parse::<usize>().ok())
            .filter(|m| (1..=12).contains(m));
        let out = match month {
            Some(m) => {
                let pattern = match style.as_str() {
                    "long" => text("date_long"),
                    "numeric" => text("date_numeric"),
                    _ => text("date_short"),
                };
                fill_date(
                    &pattern,
                    &year,
                    m,
                    &month_name("months", m - 1),
                    &month_name("months_long", m - 1),
                )
            }
            None => iso.clone(),
        };
        Ok(ScopedJson::Derived(Value::String(out)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extensions_and_escaping_follow_the_file_name() {
        assert_eq!(Custom::new("cv.html.hbs", "").unwrap().extension(), "html");
        assert_eq!(
            Custom::new("dir/letter.tex.hbs", "").unwrap().extension(),
            "tex"
        );
        assert_eq!(Custom::new("plain.hbs", "").unwrap().extension(), "txt");
        assert_eq!(html("<a href='x'>&"), "&lt;a href&#61;&#39;x&#39;&gt;&amp;");
        assert_eq!(
            latex("50% of $x_1 & #2 {a}"),
            "50\\% of \\$x\\_1 \\& \\#2 \\{a\\}"
        );
    }

    #[test]
    fn syntax_errors_have_positions() {
        let e = Custom::new("t.html.hbs", "line one\n{{#if x}}unclosed\n")
            .err()
            .unwrap();
        assert_eq!(e.path, "t.html.hbs");
        assert!(e.line >= 2, "{e}");
    }
}
