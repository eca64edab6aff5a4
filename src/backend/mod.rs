//! Output formats: one [`Backend`] per format, all rendering the same [`Document`].
//!
//! A backend is pure: document and options in, bytes (and warnings) out. It
//! does no I/O and reads no clock or environment. Adding a format is one new
//! file in this folder plus one line in [`BACKENDS`].

pub mod custom;
mod docx;
mod html;
mod letter_text;
mod markdown;
mod pdf;
pub(crate) mod segment;

pub use docx::application as docx_application;
pub use docx::bundle as docx_bundle;
pub use html::application as html_application;
/// The bundled fonts, for an SVG logo's text.
pub(crate) use pdf::fonts::bundled as bundled_fonts;
pub use pdf::{Cover, application as pdf_application, bundle as pdf_bundle};
pub mod template;
mod text;

use crate::document::Document;
use crate::layout::{Layout, Paper};

/// Options that affect rendering.
#[derive(Debug, Clone)]
pub struct RenderOptions {
    /// Line width of plain-text output, in terminal columns.
    pub width: usize,
    /// Paper size, overriding the layout's.
    pub paper: Option<Paper>,
    /// Creation time for file metadata, in seconds since 1970 (from
    /// `SOURCE_DATE_EPOCH`). `None`: backends use [`FALLBACK_TIMESTAMP`].
    /// Backends never read the clock.
    pub timestamp: Option<i64>,
    /// User fonts (`--font-dir`), read by the CLI; the PDF backend adds them
    /// to the bundled ones.
    pub fonts: Vec<FontFile>,
    /// `--max-pages`: PDF and DOCX tighten the layout (within its `[fit]`
    /// limits) until the resume fits this many pages, or fail with
    /// [`RenderError::DoesNotFit`]. `None`: the layout as it is.
    pub max_pages: Option<u32>,
    /// Whether one render may use more than one thread (the PDF subsets
    /// faces, writes pages and deflates streams side by side). A batch of
    /// several resumes turns it off: its resumes already keep the cores
    /// busy, and splitting each one only adds hand-overs between threads.
    /// Output does not depend on it.
    pub parallel: bool,
    /// The standards the PDF claims (`--pdf-standard`); it is tagged either way.
    pub pdf_standards: PdfStandards,
}

/// What a PDF claims to conform to: PDF/UA-1, a PDF/A-2 level, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PdfStandards {
    pub ua1: bool,
    pub pdfa: Option<PdfA>,
}

/// A PDF/A-2 conformance level.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PdfA {
    /// Level B: reproducible appearance.
    B,
    /// Level U: B, and all text maps to Unicode.
    U,
    /// Level A: U, and tagged with a logical structure and language.
    A,
}

impl Default for PdfStandards {
    /// Tagged output claims PDF/UA-1; PDF/A is asked for.
    fn default() -> Self {
        PdfStandards {
            ua1: true,
            pdfa: None,
        }
    }
}

impl PdfStandards {
    /// Parses `--pdf-standard` values: `ua-1`, `a-2b`, `a-2u`, `a-2a` (one
    /// PDF/A level at most), or `none`.
    pub fn parse<S: AsRef<str>>(names: &[S]) -> Result<PdfStandards, String> {
        let mut out = PdfStandards {
            ua1: false,
            pdfa: None,
        };
        for name in names {
            let name = name.as_ref().trim().to_ascii_lowercase();
            let level = match name.as_str() {
                "ua-1" | "ua1" | "pdf/ua-1" => {
                    out.ua1 = true;
                    continue;
                }
                "none" | "" => continue,
                "a-2b" | "pdf/a-2b" => PdfA::B,
                "a-2u" | "pdf/a-2u" => PdfA::U,
                "a-2a" | "pdf/a-2a" => PdfA::A,
                other => {
                    return Err(format!(
                        "unknown PDF standard '{other}' (expected ua-1, a-2b, a-2u, a-2a or none)"
                    ));
                }
            };
            match out.pdfa {
                Some(prev) if prev != level => {
                    return Err(
                        "a PDF claims one PDF/A level at most: choose one of a-2b, a-2u, a-2a"
                            .to_string(),
                    );
                }
                _ => out.pdfa = Some(level),
            }
        }
        Ok(out)
    }

    /// The claims as `--pdf-standard` spells them, for messages and hashes.
    pub fn names(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        match self.pdfa {
            Some(PdfA::B) => out.push("a-2b"),
            Some(PdfA::U) => out.push("a-2u"),
            Some(PdfA::A) => out.push("a-2a"),
            None => {}
        }
        if self.ua1 {
            out.push("ua-1");
        }
        out
    }
}

/// A font file the CLI read, for backends that embed fonts.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FontFile {
    /// File name, for warnings.
    pub name: String,
    pub bytes: std::sync::Arc<[u8]>,
}

/// 2000-01-01T00:00:00Z: the creation time written when none is given, so output stays reproducible.
pub const FALLBACK_TIMESTAMP: i64 = 946_684_800;

pub use docx::w3cdtf;

impl Default for RenderOptions {
    fn default() -> Self {
        RenderOptions {
            width: 80,
            paper: None,
            timestamp: None,
            fonts: Vec::new(),
            max_pages: None,
            parallel: true,
            pdf_standards: PdfStandards::default(),
        }
    }
}

/// What a backend produced.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub bytes: Vec<u8>,
    pub warnings: Vec<String>,
    /// Advice that is no fault ("page 3 holds 6 lines; --max-pages 2 fits
    /// it"): shown as notes, silenced by `-q`, listed in `--report`.
    pub notes: Vec<String>,
}

/// Why a backend failed.
#[derive(Debug, thiserror::Error)]
pub enum RenderError {
    /// The layout has no template for this format.
    #[error("layout `{layout}` has no template for {format}")]
    MissingTemplate { layout: String, format: String },
    /// A template failed while rendering.
    #[error("template {template}: {message}")]
    Template { template: String, message: String },
    /// A binary container (zip) could not be written.
    #[error("{format} package: {message}")]
    Package { format: String, message: String },
    /// The PDF could not be assembled.
    #[error("PDF: {0}")]
    Pdf(String),
    /// `--max-pages` cannot be met within the layout's limits; says by how much.
    #[error("{0}")]
    DoesNotFit(String),
}

/// One output format.
pub trait Backend: Send + Sync {
    /// The name used on the command line (`md`).
    fn name(&self) -> &'static str;
    /// Other accepted names (`markdown`).
    fn aliases(&self) -> &'static [&'static str] {
        &[]
    }
    /// File extension, without the dot.
    fn extension(&self) -> &'static str;
    /// One line for `--help`.
    fn description(&self) -> &'static str;
    /// The template file this backend renders through, if any (`markdown.hbs`).
    fn template_file(&self) -> Option<&'static str> {
        None
    }
    /// Other files of the layout this backend reads (`html.css`); a layout
    /// folder may override each one (the layout keeps every such file).
    fn asset_files(&self) -> &'static [&'static str] {
        &[]
    }
    /// Loads what every render of this format needs (fonts, patterns) ahead of
    /// the first render; the command line runs it on a spare thread.
    fn prepare(&self) {}
    /// Registers this backend's escaping and helpers on a template registry.
    fn setup_templates(&self, _registry: &mut handlebars::Handlebars<'static>) {}
    /// Renders a document.
    fn render(
        &self,
        document: &Document,
        layout: &Layout,
        options: &RenderOptions,
    ) -> Result<Rendered, RenderError>;
}

/// A layout compiles a backend's template with the backend's helpers.
impl<T: Backend + ?Sized> crate::layout::TemplateFormat for T {
    fn template_file(&self) -> Option<&'static str> {
        Backend::template_file(self)
    }
    fn setup_templates(&self, registry: &mut handlebars::Handlebars<'static>) {
        Backend::setup_templates(self, registry);
    }
}

/// Every built format, in the order `all` produces them.
pub static BACKENDS: &[&dyn Backend] = &[
    &pdf::Pdf,
    &docx::Docx,
    &markdown::Markdown,
    &text::Text,
    &html::Html,
];

/// Formats that are planned but not built yet.
pub const PLANNED: &[&str] = &[];

/// The media type of a file with this extension, as HTTP names it.
pub fn media_type(extension: &str) -> &'static str {
    match extension {
        "pdf" => "application/pdf",
        "docx" => "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "md" => "text/markdown; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "html" | "htm" => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// The backend for a format name or alias.
pub fn find(name: &str) -> Option<&'static dyn Backend> {
    let name = name.trim().to_ascii_lowercase();
    BACKENDS
        .iter()
        .copied()
        .find(|b| b.name() == name || b.aliases().contains(&name.as_str()))
}
