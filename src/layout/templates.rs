//! A layout's text templates: what a format says of its template, and compiling one on first use.

use std::sync::OnceLock;

use handlebars::Handlebars;

use super::{Layout, LayoutError};

/// What a layout needs of a format that renders through a template: the file it reads
/// (`markdown.hbs`) and its escaping and helpers. Every backend is one.
pub trait TemplateFormat: Sync {
    /// The layout file the format renders through, if any.
    fn template_file(&self) -> Option<&'static str>;
    /// Registers the format's escaping and helpers (after the common ones).
    fn setup_templates(&self, registry: &mut Handlebars<'static>);
}

/// A template file's source and, once compiled, its registry.
pub(super) struct Template {
    /// The file name (`markdown.hbs`).
    pub(super) file: String,
    /// Where it came from, for messages (`layouts/classic/markdown.hbs`).
    path: String,
    source: String,
    compiled: OnceLock<Result<Handlebars<'static>, LayoutError>>,
}

impl Template {
    pub(super) fn new(file: &str, path: String, source: &str) -> Template {
        Template {
            file: file.to_string(),
            path,
            source: source.to_string(),
            compiled: OnceLock::new(),
        }
    }

    /// The same source, not compiled yet.
    pub(super) fn uncompiled(&self) -> Template {
        Template::new(&self.file, self.path.clone(), &self.source)
    }

    /// The registry, compiled now with `format`'s helpers if it was not yet
    /// (a template file belongs to one format).
    pub(super) fn get<F: TemplateFormat + ?Sized>(
        &self,
        format: &F,
    ) -> Result<&Handlebars<'static>, &LayoutError> {
        self.compiled
            .get_or_init(|| compile(&self.path, format, &self.source))
            .as_ref()
    }
}

fn compile<F: TemplateFormat + ?Sized>(
    path: &str,
    format: &F,
    source: &str,
) -> Result<Handlebars<'static>, LayoutError> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.set_prevent_indent(true);
    super::helpers::register_common(&mut hb);
    format.setup_templates(&mut hb);
    hb.register_template_string(Layout::MAIN_TEMPLATE, source)
        .map_err(|e| {
            let (line, column) = e.pos().unwrap_or((0, 0));
            LayoutError::File {
                file: path.to_string(),
                line,
                column,
                message: e.reason().to_string(),
            }
        })?;
    Ok(hb)
}
