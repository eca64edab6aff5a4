//! PDF: our own typesetting on top of printpdf, which only draws.
//!
//! Phases, one module each: [`fonts`] (faces and fallback chains) →
//! [`shape`] (rustybuzz) → [`linebreak`] (UAX #14 + bidi) → [`compose`]
//! (the classic look, as blocks with keep rules, and the [`tag`] tree of
//! structure elements their lines belong to) → [`paginate`] → [`draw`]
//! (subset fonts, glyph-ID text as marked [`content`] streams) → [`tag`]
//! (link annotations and the structure tree) → [`meta`] (info and its
//! [`xmp`] packet, outline, standards, ID; the [`photo`] XObject) → [`pack`] (our content streams
//! in place, deflate, object streams).
//! [`fit`] repeats compose and paginate with a tighter definition until the
//! document fits `--max-pages`.

mod application;
mod bundle;
mod compose;
mod content;
mod draw;
mod fit;
pub mod fonts;
mod icon;
mod letterhead;
mod linebreak;
mod meta;
mod pack;
mod paginate;
mod photo;
mod shape;
mod subset;
mod svg;
mod tag;
mod write;
mod xmp;

use std::borrow::Cow;

use printpdf::{PdfDocument, PdfSaveOptions};

use super::{Backend, FALLBACK_TIMESTAMP, RenderError, RenderOptions, Rendered};
use crate::document::Document;
use crate::layout::{Definition, Layout, Paper};
pub use application::application;
pub use bundle::{Cover, bundle};
use compose::{Composer, Item};
pub use fit::fitted_definition;
use fonts::{FontKey, FontSet, Role};
use paginate::{Bookmark, Page, Placed};
use shape::{Shaper, Span, TextStyle};
use tag::{Artifact, Tag};

/// Points per millimetre.
const PT_PER_MM: f32 = 72.0 / 25.4;

/// The PDF backend.
pub struct Pdf;

impl Backend for Pdf {
    /// Parses the bundled fonts and loads the hyphenation patterns (a few
    /// milliseconds, once per process).
    fn prepare(&self) {
        fonts::bundled();
        linebreak::dictionary(hyphenation::Language::EnglishUS);
    }

    fn name(&self) -> &'static str {
        "pdf"
    }
    fn extension(&self) -> &'static str {
        "pdf"
    }
    fn description(&self) -> &'static str {
        "PDF with embedded subset fonts, links and bookmarks"
    }
    fn render(
        &self,
        document: &Document,
        layout: &Layout,
        options: &RenderOptions,
    ) -> Result<Rendered, RenderError> {
        let def = layout.definition();
        with_fonts(def, options, |set, shaper, paper, warnings| {
            let (def, laid) = match options.max_pages {
                Some(n) => fit::search(document, def, paper, n, shaper)?,
                None => (Cow::Borrowed(def), lay_out(document, def, paper, shaper)),
            };
            let notes = fit::last_page_note(document, layout.definition(), paper, &laid, shaper)
                .into_iter()
                .collect();
            let furniture = Furniture {
                meta: &document.meta,
                photos: vec![document.header.photo.as_ref()],
                signatures: vec![signature(document)],
                letterhead: document.letterhead.as_ref(),
                footers: vec![(0, document.letterhead.as_ref())],
                cover: None,
                documents: std::slice::from_ref(document),
            };
            finish(
                &furniture, &def, paper, laid, shaper, set, options, warnings, notes,
            )
        })
    }
}

/// The picture of a letter's signature.
fn signature(document: &Document) -> Option<&crate::document::Photo> {
    document.letter.as_ref()?.signature_image.as_ref()
}

/// Runs `render` with the layout's fonts (`--font-dir`'s first), a shaper
/// over them, the paper, and the warnings about unreadable font files.
fn with_fonts<R>(
    def: &Definition,
    options: &RenderOptions,
    render: impl FnOnce(&FontSet, &mut Shaper, Paper, Vec<String>) -> R,
) -> R {
    let mut warnings = Vec::new();
    let user = fonts::parse_user(&options.fonts, &mut warnings);
    let set = FontSet::new(
        &user,
        fonts::bundled(),
        &def.fonts.body,
        &def.fonts.heading,
        &mut warnings,
    );
    let paper = options.paper.unwrap_or(def.page.paper);
    let mut shaper = Shaper::new(&set);
    render(&set, &mut shaper, paper, warnings)
}

/// What a file holds beside its pages: properties, the photos by
/// candidate, the letterhead, whose footer line each page carries, and the
/// documents its ID is a hash of.
pub(crate) struct Furniture<'a> {
    pub meta: &'a crate::document::Metadata,
    pub photos: Vec<Option<&'a crate::document::Photo>>,
    /// The pictures of the letters' signatures, by candidate, as the photos.
    pub signatures: Vec<Option<&'a crate::document::Photo>>,
    /// The band and its logo.
    pub letterhead: Option<&'a crate::document::Letterhead>,
    /// From which page (0-based) on a letterhead's footer line is shown, in
    /// page order: a bundle's cover has the bundle's, each candidate their own.
    pub footers: Vec<(usize, Option<&'a crate::document::Letterhead>)>,
    /// A bundle's cover, which the ID depends on too.
    pub cover: Option<&'a Cover<'a>>,
    pub documents: &'a [Document],
}

/// Page numbers, the letterhead's footer, drawing, structure, metadata,
/// packing: the laid-out pages become the file.
#[allow(clippy::too_many_arguments)]
fn finish(
    furniture: &Furniture,
    def: &Definition,
    paper: Paper,
    laid: Laid,
    shaper: &mut Shaper,
    set: &FontSet,
    options: &RenderOptions,
    mut warnings: Vec<String>,
    notes: Vec<String>,
) -> Result<Rendered, RenderError> {
    let Laid {
        mut pages,
        bookmarks,
        links,
        tree,
        geo,
        content_width,
        avail,
        bottom,
        footer_reserve,
    } = laid;
    let count = pages.len();
    if def.pdf.page_numbers && count > 1 {
        let style = TextStyle {
            font: FontKey {
                role: Role::Body,
                bold: false,
                italic: false,
            },
            size: def.sizes.small,
            color: def.colors.muted,
            link: None,
            elide: false,
        };
        for (i, page) in pages.iter_mut().enumerate() {
            let text = def
                .pdf
                .page_number_format
                .replace("{page}", &(i + 1).to_string())
                .replace("{pages}", &count.to_string());
            let spans = [Span {
                text,
                style: style.clone(),
            }];
            if let Some(line) = linebreak::break_lines(shaper, &spans, content_width, None, false)
                .into_iter()
                .next()
            {
                page.items.push(Placed {
                    top: avail + footer_reserve + bottom / 2.0,
                    item: Item::Text {
                        x: (content_width - line.width) / 2.0,
                        baseline: 0.0,
                        line,
                        tag: Tag::Artifact(Artifact::Pagination),
                    },
                });
            }
        }
    }
    // The most lines a footer needed (in a bundle, the cover's and each
    // candidate's): one warning when that is more than are shown.
    let mut needed = 0;
    for (k, (first, lh)) in furniture.footers.iter().enumerate() {
        let end = furniture
            .footers
            .get(k + 1)
            .map_or(pages.len(), |(next, _)| *next)
            .min(pages.len());
        if let (Some(lh), Some(run)) = (lh, pages.get_mut(*first..end)) {
            let at = (content_width, avail, bottom, footer_reserve);
            needed = needed.max(letterhead::footer(lh, def, shaper, run, at));
        }
    }
    if needed > letterhead::FOOTER_LINES {
        warnings.push(format!(
            "the brand's footer needs {needed} lines at this page width and the PDF shows at most {0}: it was shortened to its first {0} lines",
            letterhead::FOOTER_LINES
        ));
    }
    if !shaper.missing.is_empty() {
        // One warning, naming the characters (at most 20 of them).
        let shown: Vec<String> = shaper
            .missing
            .iter()
            .take(20)
            .map(|c| format!("U+{:04X} {c}", u32::from(*c)))
            .collect();
        let more = shaper.missing.len().saturating_sub(shown.len());
        warnings.push(format!(
            "no bundled or --font-dir font has {}{}; left out of the PDF",
            shown.join(", "),
            if more > 0 {
                format!(" and {more} more")
            } else {
                String::new()
            }
        ));
    }

    let mut pdf = PdfDocument::new(&furniture.meta.title);
    let sheets = draw::Sheets {
        pages: &pages,
        links: &links,
        tree: &tree,
        geo,
        map_every_glyph: matches!(
            options.pdf_standards.pdfa,
            Some(super::PdfA::U | super::PdfA::A)
        ),
    };
    let (contents, marks) = draw::draw(&mut pdf, &sheets, set, options.parallel, &mut warnings);
    let save = PdfSaveOptions {
        optimize: true,
        subset_fonts: false,
        ..PdfSaveOptions::default()
    };
    let mut pdf_warnings = Vec::new();
    let mut out = pdf.to_lopdf_document(&save, &mut pdf_warnings);
    drop(pdf);
    pack::tidy(&mut out, contents);
    let drawn = |picture| {
        pages.iter().any(|page| {
            page.items
                .iter()
                .any(|i| matches!(i.item, Item::Photo { picture: p, .. } if p == picture))
        })
    };
    for (i, photo) in furniture.photos.iter().enumerate() {
        if let Some(p) = photo
            && drawn(compose::Picture::Photo(i))
        {
            photo::embed(&mut out, i, p).map_err(RenderError::Pdf)?;
        }
    }
    for (i, picture) in furniture.signatures.iter().enumerate() {
        if let Some(p) = picture
            && drawn(compose::Picture::Signature(i))
        {
            photo::embed_signature(&mut out, i, p).map_err(RenderError::Pdf)?;
        }
    }
    if let Some(logo) = furniture.letterhead.and_then(|l| l.logo.as_ref())
        && drawn(compose::Picture::Logo)
    {
        photo::embed_logo(&mut out, logo).map_err(RenderError::Pdf)?;
    }
    tag::write(&mut out, &tree, &marks).map_err(|e| RenderError::Pdf(e.to_string()))?;
    let info = meta::FileInfo {
        meta: furniture.meta,
        timestamp: options.timestamp.unwrap_or(FALLBACK_TIMESTAMP),
        content_hash: content_hash(furniture.documents, furniture.cover, options, paper),
        bookmarks: &bookmarks,
        page_height: geo.height,
        top: geo.top,
        standards: options.pdf_standards,
    };
    meta::finish(&mut out, &info).map_err(|e| RenderError::Pdf(e.to_string()))?;
    pack::compress(&mut out, options.parallel);
    let bytes = write::save(&out);
    Ok(Rendered {
        bytes,
        warnings,
        notes,
    })
}

/// A document set in pages with one definition.
struct Laid {
    pages: Vec<Page>,
    bookmarks: Vec<Bookmark>,
    links: Vec<String>,
    /// The structure elements the pages' lines belong to.
    tree: tag::Tree,
    geo: draw::Geometry,
    /// Width between the margins, in points.
    content_width: f32,
    /// Height between the margins, in points.
    avail: f32,
    /// Bottom margin, in points (the footer sits in it).
    bottom: f32,
    /// Height taken from the content area for the footer's lines after
    /// its first (see [`letterhead::footer_reserve`]).
    footer_reserve: f32,
}

/// Composes and paginates `document` with `def` on `paper`.
fn lay_out(document: &Document, def: &Definition, paper: Paper, shaper: &mut Shaper) -> Laid {
    let footers: Vec<_> = document.letterhead.iter().collect();
    let rtl = crate::document::Direction::right_to_left(&document.meta.language);
    lay_out_with(
        (document.letterhead.as_ref(), rtl),
        &footers,
        def,
        paper,
        shaper,
        |c| c.document(document),
    )
}

/// Composes with `compose` (after the letterhead's band) and paginates,
/// leaving room for the longest of the `footers`; the band is mirrored when
/// `rtl`.
fn lay_out_with(
    (letterhead, rtl): (Option<&crate::document::Letterhead>, bool),
    footers: &[&crate::document::Letterhead],
    def: &Definition,
    paper: Paper,
    shaper: &mut Shaper,
    compose: impl FnOnce(&mut Composer),
) -> Laid {
    let (w_mm, h_mm) = paper.size_mm();
    let mut geo = draw::Geometry {
        width: w_mm * PT_PER_MM,
        height: h_mm * PT_PER_MM,
        left: def.page.margin_left * PT_PER_MM,
        top: def.page.margin_top * PT_PER_MM,
    };
    let bottom = def.page.margin_bottom * PT_PER_MM;
    let content_width = geo.width - geo.left - def.page.margin_right * PT_PER_MM;
    let footer_reserve = letterhead::footer_reserve(footers, def, shaper, content_width);
    let mut avail = geo.height - geo.top - bottom - footer_reserve;
    let band = letterhead.map(|lh| {
        (
            lh.every_page,
            letterhead::band(lh, def, shaper, (content_width, rtl)),
        )
    });
    if let Some((true, (_, height))) = &band {
        geo.top += height + letterhead::GAP;
        avail -= height + letterhead::GAP;
    }
    let side_def = def.for_sidebar();
    let (links, blocks, tree, tint) = {
        let mut composer = Composer::new(def, side_def.as_ref(), shaper, content_width);
        if let Some((false, (items, height))) = &band {
            composer.blocks.push(compose::Block {
                height: height + letterhead::GAP,
                keep_with_next: true,
                items: items.clone(),
                ..compose::Block::default()
            });
        }
        compose(&mut composer);
        (
            composer.links,
            composer.blocks,
            composer.tree,
            composer.tint,
        )
    };
    let (mut pages, bookmarks) = paginate::paginate(blocks, avail);
    if let Some(tint) = tint {
        let right = def.page.margin_right * PT_PER_MM;
        tint_columns(
            &mut pages,
            tint,
            &geo,
            (content_width, right, def.spacing.before_section),
        );
    }
    if let Some((true, (items, height))) = &band {
        letterhead::on_every_page(&mut pages, items, *height);
    }
    Laid {
        pages,
        bookmarks,
        links,
        tree,
        geo,
        content_width,
        avail,
        bottom,
        footer_reserve,
    }
}

/// The sidebar's tint behind the columns of every page they are on: to the
/// page's edge on the side it touches, from a little above where the
/// columns start (the page's top where they continue) to the page's bottom.
fn tint_columns(
    pages: &mut [Page],
    tint: compose::Tint,
    geo: &draw::Geometry,
    (width, right, pad): (f32, f32, f32),
) {
    for page in pages {
        let Some(top) = page.columns else { continue };
        let fill = Item::Fill {
            x0: if tint.x0 <= 0.5 { -geo.left } else { tint.x0 },
            x1: if tint.x1 >= width - 0.5 {
                width + right
            } else {
                tint.x1
            },
            y0: if top > 0.0 { top - pad / 2.0 } else { -geo.top },
            y1: geo.height - geo.top,
            color: tint.color,
        };
        page.items.insert(
            0,
            Placed {
                top: 0.0,
                item: fill,
            },
        );
    }
}

/// The letterhead's text, where it goes, and its logo, for the document ID.
fn hash_letterhead(h: &mut meta::Fnv, lh: &crate::document::Letterhead) {
    h.write(lh.text().as_bytes());
    h.write(&[u8::from(lh.every_page)]);
    h.write(&lh.logo_height.to_le_bytes());
    if let Some(logo) = &lh.logo {
        h.write(&logo.png);
    }
}

/// Hash of everything the output depends on, for the document ID: the
/// documents, a bundle's cover (title, date, heads, properties, the
/// letterhead), the options and the fonts.
fn content_hash(
    documents: &[Document],
    cover: Option<&Cover>,
    options: &RenderOptions,
    paper: crate::layout::Paper,
) -> [u64; 2] {
    let mut a = meta::Fnv::new();
    let mut b = meta::Fnv::new();
    b.write(b"resume-export pdf");
    let json: Vec<Vec<u8>> = documents
        .iter()
        .map(|d| serde_json::to_vec(d).unwrap_or_default())
        .collect();
    let extra = format!(
        "{paper:?} {:?} {:?}",
        options.timestamp,
        options.pdf_standards.names()
    );
    for h in [&mut a, &mut b] {
        for json in &json {
            h.write(json);
        }
        for document in documents {
            if let Some(p) = &document.header.photo {
                h.write(&p.jpeg);
            }
            if let Some(lh) = &document.letterhead {
                hash_letterhead(h, lh);
            }
        }
        if let Some(c) = cover {
            h.write(b"\0cover\0");
            for text in [c.title, c.date].iter().chain(&c.heads) {
                h.write(text.as_bytes());
                h.write(b"\0");
            }
            h.write(&serde_json::to_vec(c.meta).unwrap_or_default());
            for letter in c.letters.iter().flatten() {
                h.write(b"\0letter\0");
                h.write(&serde_json::to_vec(letter).unwrap_or_default());
            }
            if let Some(lh) = c.letterhead {
                hash_letterhead(h, lh);
            }
        }
        h.write(extra.as_bytes());
        for f in &options.fonts {
            h.write(f.name.as_bytes());
            h.write(&f.bytes);
        }
    }
    [a.finish(), b.finish()]
}
