//! An application in one Word document: the cover letter, then the resume, each a section of its own (the resume from a new page, with its own footer line under a letterhead).

use docx_rs::Paragraph;

use super::styles::id;
use super::{Package, assemble, body, letterhead, package};
use crate::backend::{RenderError, RenderOptions, Rendered};
use crate::document::{Direction, Document};
use crate::layout::Layout;

/// The letter and the resume (`documents`, in that order) as one DOCX.
pub fn application(
    documents: [&Document; 2],
    layout: &Layout,
    options: &RenderOptions,
) -> Result<Rendered, RenderError> {
    let def = layout.definition();
    let [letter, resume] = documents;
    let error = |message: String| RenderError::Package {
        format: "docx".to_string(),
        message,
    };
    let mut meta = letter.meta.clone();
    if let Some(name) = letter
        .header
        .name
        .as_deref()
        .filter(|n| !n.trim().is_empty())
    {
        meta.title = format!(
            "{name} – {}",
            letter.letter.as_ref().map_or("", |l| &l.title)
        );
    }
    let pkg = Package {
        meta: &meta,
        photos: documents
            .iter()
            .map(|d| {
                d.header
                    .photo
                    .as_ref()
                    .map(|p| (p, d.header.name.as_deref().unwrap_or_default()))
            })
            .collect(),
        // The letter stands where a bundle's cover does: its letterhead on
        // the first page, the resume's footer line on the resume's pages.
        letterhead: letter.letterhead.as_ref(),
        candidates: vec![(
            resume.letterhead.as_ref(),
            Direction::right_to_left(&resume.meta.language),
        )],
    };
    let parts = assemble(&pkg, def, options, |mut docx, links, rels| {
        let base = docx.document.section_property.clone();
        let mut first_id = 0;
        for (i, d) in documents.iter().enumerate() {
            let rel = rels.get(i).map_or("", String::as_str);
            let mut paragraphs = body::paragraphs(d, def, links, first_id, rel);
            if Direction::right_to_left(&d.meta.language) {
                for p in &mut paragraphs {
                    p.property = std::mem::take(&mut p.property).bidi(true);
                }
            }
            first_id += paragraphs.len();
            if paragraphs.is_empty() {
                paragraphs.push(Paragraph::new().style(id::BODY));
            }
            let last = paragraphs.len().saturating_sub(1);
            for (k, mut p) in paragraphs.into_iter().enumerate() {
                if k == last && i == 0 {
                    // The letter's section ends here; the resume starts a new page.
                    p = p.section_property(letterhead::section(
                        &base,
                        letter.letterhead.as_ref(),
                        0,
                    ));
                }
                docx = docx.add_paragraph(p);
            }
        }
        docx
    })
    .map_err(error)?;
    let bytes = package::zip(&parts).map_err(|e| error(e.to_string()))?;
    Ok(Rendered {
        bytes,
        warnings: Vec::new(),
        notes: Vec::new(),
    })
}
