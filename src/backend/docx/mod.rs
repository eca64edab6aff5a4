//! Word documents (DOCX): native styles, real lists, external hyperlinks.
//!
//! Built with docx-rs (the project's fixed choice for DOCX), with its
//! pitfalls handled here rather than worked around by hand-written XML:
//!
//! - Reproducible bytes: hyperlink relationship ids and paragraph ids are
//!   numbered per document ([`body`]), `document.xml.rels` is rebuilt in a
//!   fixed order, and our own zip writer packs the parts docx-rs built, with
//!   fixed times and order ([`package`]).
//! - docx-rs's own `Normal` style and numbering id 1 are never redefined:
//!   the base formatting goes into the document defaults ([`styles`]), the
//!   bullet list is id 2, and each numbered list (a letter's) a numbering
//!   of its own from id 4 over the decimal list 3 ([`numbering`]).
//! - What it has no API for is patched into the built parts, each patch
//!   small and failing loudly if docx-rs's output changes: core and app
//!   properties (replaced), `w:default` on the default styles, the text
//!   colour and languages of the run defaults, `w:themeFontLang`, and
//!   `w:bCs w:val="false"` (docx-rs drops the value of a disabled `BoldCs`).
//!
//! Known and accepted: docx-rs writes some elements out of schema order
//! (`w:rPr` first in `w:pPr`, `w:rStyle` last in `w:rPr`, `w:basedOn`
//! last in `w:style`); LibreOffice, python-docx and pandoc read them. Its
//! `fontTable.xml` is fixed (Times New Roman, Symbol, Arial); fonts are
//! referenced by name in the styles, with every script slot set.
//!
//! - [`styles`]: every look as a named style, from the layout definition.
//! - [`numbering`]: the bullet and decimal list definitions.
//! - [`body`]: the document model as paragraphs.
//! - [`direction`]: right-to-left documents (`w:bidi`, `w:rtl`).
//! - [`package`]: which parts ship, properties, relationships, the zip.

mod application;
mod body;
mod bundle;
mod direction;
mod icons;
mod letterhead;
mod looks;
mod numbering;
mod package;
mod photo;
mod sidebar;
mod styles;
mod xml;

pub use application::application;
pub use bundle::bundle;
pub use package::w3cdtf;

use docx_rs::PageMargin;

use super::{Backend, RenderError, RenderOptions, Rendered};
use crate::document::Document;
use crate::layout::{Definition, Layout};

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
        let package_error = |message: String| RenderError::Package {
            format: "docx".to_string(),
            message,
        };
        let parts = render_parts(document, def, options).map_err(package_error)?;
        let bytes = package::zip(&parts).map_err(|e| package_error(e.to_string()))?;
        Ok(Rendered {
            bytes,
            warnings: Vec::new(),
            notes: Vec::new(),
        })
    }
}

/// The parts of a DOCX package, in the order they are zipped: `(path, xml)`.
/// Fails only if one of the patches no longer finds its place in what
/// docx-rs built (a docx-rs upgrade changed its output).
pub fn render_parts(
    document: &Document,
    def: &Definition,
    options: &RenderOptions,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let package = Package {
        meta: &document.meta,
        photos: vec![
            document
                .header
                .photo
                .as_ref()
                .map(|p| (p, document.header.name.as_deref().unwrap_or_default())),
        ],
        signatures: vec![signature(document)],
        letterhead: document.letterhead.as_ref(),
        candidates: Vec::new(),
    };
    let text_width = Geometry::new(def, options).text_width;
    let mut parts = assemble(&package, def, options, |docx, links, rels| {
        let photo = rels.first().map_or("", String::as_str);
        let (children, _) = body::children(document, def, links, (0, photo), text_width);
        children.into_iter().fold(docx, body::add)
    })?;
    // Right to left, every table (the sidebar's, a split header's) is laid
    // out from the right, its first cell where the text starts.
    if crate::document::Direction::right_to_left(&document.meta.language)
        && let Some((_, xml)) = parts.iter_mut().find(|(p, _)| p == "word/document.xml")
    {
        sidebar::patch(xml, &[])?;
    }
    Ok(parts)
}

/// The picture of a letter's signature.
fn signature(document: &Document) -> Option<&crate::document::Photo> {
    document.letter.as_ref()?.signature_image.as_ref()
}

/// What a package holds beside its body: properties, the photos by
/// candidate (with their alt text), the letterhead, and in a bundle the
/// letterhead of each candidate (whose footer their section carries) and
/// whether they run right to left (so does their footer).
pub(crate) struct Package<'a> {
    pub meta: &'a crate::document::Metadata,
    pub photos: Vec<Option<(&'a crate::document::Photo, &'a str)>>,
    /// The pictures of the letters' signatures, by candidate as the photos.
    pub signatures: Vec<Option<&'a crate::document::Photo>>,
    pub letterhead: Option<&'a crate::document::Letterhead>,
    /// Empty for one resume: the letterhead's footer is every page's.
    pub candidates: Vec<(Option<&'a crate::document::Letterhead>, bool)>,
}

/// Builds the package around the body `body` adds (given the photos'
/// relationship ids, by candidate), then patches and lists its parts.
fn assemble(
    package: &Package,
    def: &Definition,
    options: &RenderOptions,
    body: impl FnOnce(docx_rs::Docx, &mut body::Links, &[String]) -> docx_rs::Docx,
) -> Result<Vec<(String, Vec<u8>)>, String> {
    let geometry = Geometry::new(def, options);
    let language = package.meta.language.trim();
    let language = if language.is_empty() { "en" } else { language };
    let names: Vec<(String, String)> = (0..package.photos.len()).map(photo::names).collect();
    let rels: Vec<String> = names.iter().map(|(r, _)| r.clone()).collect();
    let (mut xml, links, (headers, footers), own_footers) =
        build(package, def, &geometry, language, |d, l| body(d, l, &rels));
    // Icons first: their drawing ids follow the photos'.
    let photos = package.photos.iter().flatten().count();
    icons::patch(&mut xml.document, photos)?;
    let mut shipped = Vec::new();
    for (photo, (rel, target)) in package.photos.iter().zip(&names) {
        if let Some((p, alt)) = photo {
            photo::patch(&mut xml.document, (rel, alt), def, shipped.len() + 1)?;
            shipped.push((rel.clone(), target.clone(), p.jpeg.clone()));
        }
    }
    // Ids above any photo's or icon's: unique in the part.
    for (n, picture) in package.signatures.iter().enumerate() {
        let (rel, target) = photo::signature_names(n);
        if let Some(p) = picture
            && photo::patch_decorative(&mut xml.document, &rel, 10_000 + n)?
        {
            shipped.push((rel, target, p.jpeg.clone()));
        }
    }
    for (n, (key, rel, target)) in links.icons().enumerate() {
        shipped.push((rel, target, icons::png(key)?));
        let (rel, target) = icons::svg_names(n + 1);
        shipped.push((rel, target, icons::svg(key).into_bytes()));
    }
    package::patch_settings(&mut xml.settings, language)?;
    styles::patch(&mut xml.styles, def, language)?;
    // One resume: every paragraph right to left from the defaults. A bundle
    // sets it on the paragraphs of its right-to-left cover and candidates.
    if package.candidates.is_empty() && crate::document::Direction::right_to_left(language) {
        direction::patch_styles(&mut xml.styles)?;
    }
    direction::patch_runs(&mut xml.document)?;
    let timestamp = options.timestamp.unwrap_or(super::FALLBACK_TIMESTAMP);
    let image_rels: Vec<(String, String)> = shipped
        .iter()
        .map(|(r, t, _)| (r.clone(), t.clone()))
        .collect();
    let mut parts: Vec<(String, Vec<u8>)> = vec![
        ("[Content_Types].xml".into(), xml.content_type),
        ("_rels/.rels".into(), xml.rels),
        // docx-rs has no setter for title, subject, keywords or language
        // (and writes "unknown" as the creator): the part is ours.
        (
            "docProps/core.xml".into(),
            package::core_xml(package.meta, language, timestamp).into_bytes(),
        ),
        ("docProps/app.xml".into(), package::app_xml().into_bytes()),
        ("word/document.xml".into(), xml.document),
        // The same relationships docx-rs collected, in a fixed order.
        (
            "word/_rels/document.xml.rels".into(),
            package::document_rels(&links, &image_rels, headers, footers),
        ),
        ("word/styles.xml".into(), xml.styles),
        ("word/numbering.xml".into(), xml.numberings),
        ("word/settings.xml".into(), xml.settings),
        ("word/fontTable.xml".into(), xml.font_table),
        ("word/commentsExtended.xml".into(), xml.comments_extended),
    ];
    for (_, target, jpeg) in shipped {
        parts.push((format!("word/{target}"), jpeg));
    }
    if let Some(lh) = package.letterhead {
        let mut built = xml.headers.into_iter();
        for n in 1..=headers {
            let mut part = built.next().ok_or("docx-rs built no header part")?;
            letterhead::patch(&mut part, lh)?;
            parts.push((format!("word/header{n}.xml"), part));
        }
        let mut built = own_footers.unwrap_or(xml.footers).into_iter();
        for n in 1..=footers {
            let part = built.next().ok_or("docx-rs built no footer part")?;
            parts.push((format!("word/footer{n}.xml"), part));
        }
        if let Some(logo) = &lh.logo {
            parts.push((
                "word/_rels/header1.xml.rels".into(),
                letterhead::header_rels(),
            ));
            parts.push((letterhead::LOGO_PART.into(), logo.png.clone()));
        }
    }
    Ok(parts)
}

/// The parts as docx-rs builds them, the hyperlink targets the body refers
/// to, how many header and footer parts the letterhead added, and in a
/// bundle the footer parts, built here.
#[allow(clippy::type_complexity)]
fn build(
    package: &Package,
    def: &Definition,
    geometry: &Geometry,
    language: &str,
    body: impl FnOnce(docx_rs::Docx, &mut body::Links) -> docx_rs::Docx,
) -> (
    docx_rs::XMLDocx,
    body::Links,
    (usize, usize),
    Option<Vec<Vec<u8>>>,
) {
    let mut links = body::Links::default();
    let docx = docx_rs::Docx::new()
        .page_size(to_u32(geometry.width), to_u32(geometry.height))
        .page_margin(geometry.margins())
        .default_tab_stop(720);
    // No `character_spacing_control`: docx-rs writes it inside `w:compat`,
    // where the schema has no such element; left out, Word's default is the
    // same `doNotCompress` the hand-written settings had.
    let mut docx = styles::add(docx, def, geometry, language);
    docx = numbering::add(docx, def);
    docx = body(docx, &mut links);
    docx = numbering::add_numbered(docx, def, links.numbered());
    let mut counts = (0, 0);
    let mut own_footers = None;
    if let Some(lh) = package.letterhead {
        if package.candidates.is_empty() {
            let (d, h, f) = letterhead::add(docx, lh, def, geometry.text_width);
            docx = d;
            counts = (h, f);
        } else {
            let rtl = crate::document::Direction::right_to_left(language);
            let (d, parts) = letterhead::add_bundle(
                docx,
                (lh, rtl),
                &package.candidates,
                def,
                geometry.text_width,
            );
            docx = d;
            counts = (1, parts.len());
            own_footers = Some(parts);
        }
    }
    docx.content_type = package::content_types();
    for (n, _) in links.icons().enumerate() {
        let part = format!("/word/{}", icons::svg_names(n + 1).1);
        docx.content_type = docx.content_type.add_content(part, "image/svg+xml");
    }
    for _ in 0..counts.0 {
        docx.content_type = docx.content_type.add_header();
    }
    for _ in 0..counts.1 {
        docx.content_type = docx.content_type.add_footer();
    }
    docx.rels = package::package_rels();
    (docx.build(), links, counts, own_footers)
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

    /// Page margins; header and footer distances half the top and bottom margins.
    fn margins(&self) -> PageMargin {
        PageMargin::new()
            .top(to_i32(self.top))
            .right(to_i32(self.right))
            .bottom(to_i32(self.bottom))
            .left(to_i32(self.left))
            .header(to_i32(self.top / 2))
            .footer(to_i32(self.bottom / 2))
            .gutter(0)
    }
}

fn to_i32(v: i64) -> i32 {
    i32::try_from(v).unwrap_or(if v < 0 { i32::MIN } else { i32::MAX })
}

fn to_u32(v: i64) -> u32 {
    u32::try_from(v.max(0)).unwrap_or(u32::MAX)
}

/// Millimetres to twentieths of a point.
fn mm(v: f32) -> i64 {
    (f64::from(v) * 1440.0 / 25.4).round() as i64
}

/// Points to twentieths of a point.
fn twips(pt: f32) -> i64 {
    (f64::from(pt) * 20.0).round() as i64
}

/// Points to twentieths of a point, for docx-rs's signed lengths.
fn twips_i32(pt: f32) -> i32 {
    to_i32(twips(pt))
}

/// Points to twentieths of a point, for docx-rs's unsigned lengths (spacing).
fn twips_u32(pt: f32) -> u32 {
    to_u32(twips(pt))
}

/// Points to half-points (`w:sz`).
fn half_points(pt: f32) -> usize {
    usize::try_from((f64::from(pt) * 2.0).round() as i64).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Our hyperlink ids reach docx-rs's own relationship collection: the
    /// part it builds holds exactly the relationships of the one we ship
    /// (only its order is not fixed).
    #[test]
    fn docx_rs_collects_the_hyperlink_ids_we_set() {
        let layout = Layout::builtin("classic").unwrap();
        let bytes = include_bytes!("../../../samples/alex-rn.json");
        let (_, document) = crate::load(bytes, &layout).unwrap();
        let def = layout.definition();
        let geometry = Geometry::new(def, &RenderOptions::default());
        let package = Package {
            meta: &document.meta,
            photos: Vec::new(),
            signatures: Vec::new(),
            letterhead: None,
            candidates: Vec::new(),
        };
        let (xml, links, ..) = build(&package, def, &geometry, "en", |docx, links| {
            let (children, _) = body::children(&document, def, links, (0, ""), 0);
            children.into_iter().fold(docx, body::add)
        });
        let relationships = |xml: &[u8]| {
            let text = String::from_utf8(xml.to_vec()).unwrap();
            let mut v: Vec<String> = text
                .split("<Relationship ")
                .skip(1)
                .filter(|r| r.contains("/hyperlink\""))
                .map(|r| r.split(" />").next().unwrap().to_string())
                .collect();
            v.sort();
            v
        };
        let ours = relationships(&package::document_rels(&links, &[], 0, 0));
        assert!(ours.len() >= 3, "{ours:?}");
        assert!(
            ours.iter().all(|r| r.starts_with("Id=\"rIdLink")),
            "{ours:?}"
        );
        assert_eq!(relationships(&xml.document_rels), ours);
    }
}
