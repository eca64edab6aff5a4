//! Rendering text formats through a layout's handlebars templates.
//!
//! The template sees the document (`meta`, `header`, `sections`) and
//! `options` (`width`). Helpers shared by every text format live in
//! [`crate::layout::helpers`]; each backend adds its own escaping and helpers
//! in `setup_templates`.

use handlebars::RenderError as HbError;
use serde::Serialize;

use super::{Backend, RenderError, RenderOptions};
use crate::document::Document;
use crate::layout::Layout;
// The helpers every template may use live with the layouts that compile templates.
pub use crate::layout::helpers::{
    hash_text, hash_usize, helper_error, param_inlines, param_text, register_common, width,
};

#[derive(Serialize)]
struct TemplateContext<'a> {
    #[serde(flatten)]
    document: &'a Document,
    options: TemplateOptions,
    layout: &'a crate::layout::Definition,
}

#[derive(Serialize)]
struct TemplateOptions {
    width: usize,
}

/// Renders a document through the layout's template for `backend`, then tidies whitespace.
pub fn render(
    backend: &dyn Backend,
    document: &Document,
    layout: &Layout,
    options: &RenderOptions,
) -> Result<String, RenderError> {
    let registry = layout
        .templates(backend)
        .ok_or_else(|| RenderError::MissingTemplate {
            layout: layout.name().to_string(),
            format: backend.name().to_string(),
        })?
        .map_err(|e| RenderError::Template {
            template: backend.template_file().unwrap_or("template").to_string(),
            message: e.to_string(),
        })?;
    let context = TemplateContext {
        document,
        options: TemplateOptions {
            width: options.width,
        },
        layout: layout.definition(),
    };
    let out = registry
        .render(Layout::MAIN_TEMPLATE, &context)
        .map_err(|e| RenderError::Template {
            template: backend.template_file().unwrap_or("template").to_string(),
            message: render_error_message(&e),
        })?;
    Ok(tidy(&out))
}

fn render_error_message(e: &HbError) -> String {
    match (e.line_no, e.column_no) {
        (Some(l), Some(c)) => format!("line {l}, column {c}: {}", e.reason()),
        _ => e.reason().to_string(),
    }
}

/// Trailing spaces go, runs of blank lines become one, the text ends with one newline.
/// Control characters other than the newline never reach the output.
pub fn tidy(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut blank_run = 0;
    for line in s.lines() {
        let line: String = line
            .chars()
            .filter(|c| !c.is_control())
            .collect::<String>()
            .trim_end()
            .to_string();
        if line.is_empty() {
            blank_run += 1;
            if blank_run > 1 || out.is_empty() {
                continue;
            }
        } else {
            blank_run = 0;
        }
        out.push_str(&line);
        out.push('\n');
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tidy_collapses_blank_lines_and_trailing_space() {
        assert_eq!(tidy("\n\na  \n\n\n\nb\u{7}\n\n"), "a\n\nb\n");
    }

    #[test]
    fn every_builtin_layout_compiles_its_templates() {
        for (name, _) in Layout::builtins() {
            let l = Layout::builtin(name).unwrap_or_else(|e| panic!("{name}: {e}"));
            l.compile_templates(crate::backend::BACKENDS).unwrap();
            assert!(
                l.templates(&crate::backend::markdown::Markdown)
                    .is_some_and(|t| t.is_ok())
            );
            assert!(
                l.templates(&crate::backend::text::Text)
                    .is_some_and(|t| t.is_ok())
            );
            assert!(l.templates(&crate::backend::pdf::Pdf).is_none());
        }
    }
}
