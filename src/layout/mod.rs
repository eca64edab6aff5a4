//! Layouts: the templates (and, later, the look) a document is rendered with.
//!
//! Built-in layouts are compiled into the binary from `layouts/<name>/`, so
//! nothing is read from disk at run time. A layout is loaded once per
//! process and shared by every render.

mod definition;

use handlebars::Handlebars;

pub use definition::{
    Align, Color, Colors, Definition, DefinitionError, Fonts, Page, Paper, Pdf, Sizes, Spacing,
    Style,
};

use crate::backend::{BACKENDS, Backend};

/// A built-in layout's files.
struct Builtin {
    name: &'static str,
    files: &'static [(&'static str, &'static str)],
}

static BUILTINS: &[Builtin] = &[Builtin {
    name: "classic",
    files: &[
        (
            "layout.toml",
            include_str!("../../layouts/classic/layout.toml"),
        ),
        (
            "markdown.hbs",
            include_str!("../../layouts/classic/markdown.hbs"),
        ),
        ("text.hbs", include_str!("../../layouts/classic/text.hbs")),
    ],
}];

/// Why a layout could not be loaded.
#[derive(Debug, thiserror::Error)]
pub enum LayoutError {
    /// No built-in layout has this name.
    #[error("unknown layout `{name}` (built-in layouts: {known})")]
    Unknown { name: String, known: String },
    /// The layout definition is not valid.
    #[error("layouts/{layout}/layout.toml:{}:{}: {}", .error.line, .error.column, .error.message)]
    Definition {
        layout: String,
        error: DefinitionError,
    },
    /// A layout has no `layout.toml`.
    #[error("layout `{layout}` has no layout.toml")]
    MissingDefinition { layout: String },
    /// A template does not compile.
    #[error("layouts/{layout}/{file}:{line}:{column}: {message}")]
    Template {
        layout: String,
        file: String,
        line: usize,
        column: usize,
        message: String,
    },
}

/// A loaded layout: compiled templates for each text backend.
pub struct Layout {
    name: String,
    definition: Definition,
    templates: Vec<(&'static str, Handlebars<'static>)>,
}

impl std::fmt::Debug for Layout {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Layout").field("name", &self.name).finish()
    }
}

impl Layout {
    /// The name templates are registered under.
    pub const MAIN_TEMPLATE: &'static str = "main";

    /// The names and descriptions of the built-in layouts.
    pub fn builtins() -> Vec<(&'static str, String)> {
        BUILTINS
            .iter()
            .map(|b| {
                let description = Layout::builtin(b.name)
                    .map(|l| l.definition.description)
                    .unwrap_or_else(|e| format!("(broken: {e})"));
                (b.name, description)
            })
            .collect()
    }

    /// Loads a built-in layout by name.
    pub fn builtin(name: &str) -> Result<Layout, LayoutError> {
        let builtin =
            BUILTINS
                .iter()
                .find(|b| b.name == name)
                .ok_or_else(|| LayoutError::Unknown {
                    name: name.to_string(),
                    known: BUILTINS
                        .iter()
                        .map(|b| b.name)
                        .collect::<Vec<_>>()
                        .join(", "),
                })?;
        let source = builtin
            .files
            .iter()
            .find(|(f, _)| *f == "layout.toml")
            .map(|(_, s)| *s)
            .ok_or_else(|| LayoutError::MissingDefinition {
                layout: builtin.name.to_string(),
            })?;
        let definition = definition::parse(source).map_err(|error| LayoutError::Definition {
            layout: builtin.name.to_string(),
            error,
        })?;
        let mut templates = Vec::new();
        for backend in BACKENDS {
            let Some(file) = backend.template_file() else {
                continue;
            };
            let Some((_, source)) = builtin.files.iter().find(|(f, _)| *f == file) else {
                continue;
            };
            templates.push((
                backend.name(),
                compile(builtin.name, *backend, file, source)?,
            ));
        }
        Ok(Layout {
            name: builtin.name.to_string(),
            definition,
            templates,
        })
    }

    /// The layout's name.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The layout's page, fonts, sizes, colours, spacing and style.
    pub fn definition(&self) -> &Definition {
        &self.definition
    }

    /// The compiled templates for a backend.
    pub fn templates(&self, backend: &str) -> Option<&Handlebars<'static>> {
        self.templates
            .iter()
            .find(|(name, _)| *name == backend)
            .map(|(_, hb)| hb)
    }
}

fn compile(
    layout: &str,
    backend: &dyn Backend,
    file: &str,
    source: &str,
) -> Result<Handlebars<'static>, LayoutError> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.set_prevent_indent(true);
    crate::backend::template::register_common(&mut hb);
    backend.setup_templates(&mut hb);
    hb.register_template_string(Layout::MAIN_TEMPLATE, source)
        .map_err(|e| {
            let (line, column) = e.pos().unwrap_or((0, 0));
            LayoutError::Template {
                layout: layout.to_string(),
                file: file.to_string(),
                line,
                column,
                message: e.reason().to_string(),
            }
        })?;
    Ok(hb)
}
