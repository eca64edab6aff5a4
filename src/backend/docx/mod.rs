//! Word documents (DOCX): native styles, real lists, external hyperlinks.
//!
//! The OOXML parts are written by hand rather than through docx-rs: docx-rs
//! 0.4 numbers hyperlinks from a process-wide counter (two renders in one
//! process differ), always adds its own `Normal` style and numbering id 1,
//! has no core-properties setter, writes elements out of schema order and
//! adds empty comments/footnotes parts. A handful of small string builders
//! give exact, schema-ordered, reproducible parts instead; `zip` packs them
//! in a fixed order with fixed entry times.
//!
//! - [`styles`]: every look as a named style, from the layout definition.
//! - [`numbering`]: the bullet list definition.
//! - [`body`]: the document model as paragraphs.
//! - [`package`]: properties, relationships and the zip container.

mod body;
mod numbering;
mod package;
mod styles;
mod xml;

use super::{Backend, RenderError, RenderOptions, Rendered};
use crate::document::Document;
use crate::layout::{Definition, Layout};

/// The WordprocessingML main namespace.
const NS_W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// The relationships namespace used inside parts.
const NS_R: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
/// Every part starts with this.
const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";

/// The DOCX backend.
pub struct Docx;

impl Backend for Docx {
    fn name(&self) -> &'static str {
        "docx"
    }
    fn aliases(&self) -> &'static [&'static str] {
        &["word"]
    }
    fn extension(&self) -> &'static str {
        "docx"
    }
    fn description(&self) -> &'static str {
        "Word document with real styles, lists and links"
    }
    fn render(
        &self,
        document: &Document,
        layout: &Layout,
        options: &RenderOptions,
    ) -> Result<Rendered, RenderError> {
        // Word paginates a DOCX itself, so its pages cannot be counted here:
        // the PDF engine measures with the same definition and says how far
        // to tighten it.
        let fitted = match options.max_pages {
            Some(n) => Some(super::pdf::fitted_definition(
                document,
                layout.definition(),
                options,
                n,
            )?),
            None => None,
        };
        let def = fitted.as_ref().unwrap_or(layout.definition());
        let parts = render_parts(document, def, options);
        let bytes = package::zip(&parts).map_err(|e| RenderError::Package {
            format: "docx".to_string(),
            message: e.to_string(),
        })?;
        Ok(Rendered {
            bytes,
            warnings: Vec::new(),
        })
    }
}

/// The parts of a DOCX package, in the order they are zipped: `(path, xml)`.
pub fn render_parts(
    document: &Document,
    def: &Definition,
    options: &RenderOptions,
) -> Vec<(&'static str, String)> {
    let geometry = Geometry::new(def, options);
    let language = document.meta.language.trim();
    let language = if language.is_empty() { "en" } else { language };
    let mut links = body::Links::default();
    let document_xml = body::document_xml(document, def, &geometry, &mut links);
    let timestamp = options.timestamp.unwrap_or(super::FALLBACK_TIMESTAMP);
    vec![
        ("[Content_Types].xml", package::content_types_xml()),
        ("_rels/.rels", package::package_rels_xml()),
        (
            "docProps/core.xml",
            package::core_xml(&document.meta, language, timestamp),
        ),
        ("docProps/app.xml", package::app_xml()),
        ("word/document.xml", document_xml),
        (
            "word/_rels/document.xml.rels",
            package::document_rels_xml(&links),
        ),
        (
            "word/styles.xml",
            styles::styles_xml(def, &geometry, language),
        ),
        ("word/numbering.xml", numbering::numbering_xml(def)),
        ("word/settings.xml", package::settings_xml(language)),
        (
            "word/fontTable.xml",
            package::font_table_xml(&styles::font_names(def, language)),
        ),
    ]
}

/// Page geometry in twentieths of a point.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Geometry {
    pub width: i64,
    pub height: i64,
    pub top: i64,
    pub bottom: i64,
    pub left: i64,
    pub right: i64,
    /// Width between the margins: where entry dates are right-aligned.
    pub text_width: i64,
}

impl Geometry {
    fn new(def: &Definition, options: &RenderOptions) -> Geometry {
        let page = &def.page;
        let (w, h) = options.paper.unwrap_or(page.paper).size_mm();
        let (width, height) = (mm(w), mm(h));
        let (top, bottom, left, right) = (
            mm(page.margin_top),
            mm(page.margin_bottom),
            mm(page.margin_left),
            mm(page.margin_right),
        );
        Geometry {
            width,
            height,
            top,
            bottom,
            left,
            right,
            text_width: (width - left - right).max(0),
        }
    }

    /// The body's final `w:sectPr`: page size and margins, no headers or footers.
    fn section_properties(&self) -> String {
        format!(
            concat!(
                r#"<w:sectPr><w:pgSz w:w="{}" w:h="{}"/>"#,
                r#"<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="{}" w:footer="{}" w:gutter="0"/>"#,
                "</w:sectPr>"
            ),
            self.width,
            self.height,
            self.top,
            self.right,
            self.bottom,
            self.left,
            self.top / 2,
            self.bottom / 2,
        )
    }
}

/// Millimetres to twentieths of a point.
fn mm(v: f32) -> i64 {
    (f64::from(v) * 1440.0 / 25.4).round() as i64
}

/// Points to twentieths of a point.
fn twips(pt: f32) -> i64 {
    (f64::from(pt) * 20.0).round() as i64
}

/// Points to half-points (`w:sz`).
fn half_points(pt: f32) -> i64 {
    (f64::from(pt) * 2.0).round() as i64
}
